/* bo-usb-printer.h — "usb:VID:PID": an ESC/POS receipt printer on USB, through libusb
 *
 * Each job finds the device (by vendor:product, or the first printer-class device), takes its
 * printer interface from the kernel's usblp when that holds it (given back afterwards), claims
 * it, asks the status where the printer has an IN endpoint (DLE EOT 2 and 4: cover open, paper
 * out) and sends the data in bulk OUT chunks, each with a timeout. Unplugging, a stalled
 * endpoint and a printer that stops taking data are clean errors saying how far the job got.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "print/bo-printer.h"

G_BEGIN_DECLS

#define BO_TYPE_USB_PRINTER (bo_usb_printer_get_type ())
G_DECLARE_FINAL_TYPE (BoUsbPrinter, bo_usb_printer, BO, USB_PRINTER, GObject)

/* @vendor 0: the first printer-class device. */
BoUsbPrinter *bo_usb_printer_new              (guint16 vendor,
                                               guint16 product);

/* Milliseconds a bulk transfer may take before BO_PRINT_ERROR_TIMEOUT (5000). */
void          bo_usb_printer_set_timeout      (BoUsbPrinter *self,
                                               guint         timeout_ms);

/* Whether to ask the printer's status before printing (TRUE). */
void          bo_usb_printer_set_query_status (BoUsbPrinter *self,
                                               gboolean      query);

/* Adds the USB printers there are (printer-class interfaces) to @printers. */
void          bo_usb_printer_discover         (GPtrArray *printers);

G_END_DECLS
