/* bo-printer.h — where paper goes: one small interface over USB, device files and CUPS
 *
 * Printer URIs:
 *   usb:VID:PID     an ESC/POS printer on USB through libusb (hex ids, "usb:04b8:0202");
 *                   "usb:" alone takes the first printer-class device
 *   lp:PATH         a printer device file, usually the kernel's usblp at /dev/usb/lp0
 *   cups:QUEUE      a CUPS queue (PDF), on the server CUPS_SERVER or the client config names
 *   file:PATH       writes the printer data to a file (replaced as a whole), or into a folder
 *                   with one new file per job, for tests and spooling
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "print/bo-print-error.h"

G_BEGIN_DECLS

#define BO_TYPE_PRINTER (bo_printer_get_type ())
G_DECLARE_INTERFACE (BoPrinter, bo_printer, BO, PRINTER, GObject)

typedef enum {
  BO_PRINT_FORMAT_ESCPOS,
  BO_PRINT_FORMAT_PDF,
} BoPrintFormat;

struct _BoPrinterInterface
{
  GTypeInterface parent_iface;

  const char    *(*get_uri)            (BoPrinter *self);
  BoPrintFormat  (*get_default_format) (BoPrinter *self);
  /* Sends one job. @title names it where spoolers show names; @job_name is a file-safe name
   * unique to the job ("job-12-tickets"). Fails with a BO_PRINT_ERROR. */
  gboolean       (*send)               (BoPrinter    *self,
                                        GBytes       *data,
                                        const char   *title,
                                        const char   *job_name,
                                        GCancellable *cancellable,
                                        GError      **error);
};

/* One printer found by bo_printer_discover(). */
typedef struct {
  char          *uri;
  char          *description;
  BoPrintFormat  format;
} BoPrinterInfo;

void           bo_printer_info_free            (BoPrinterInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoPrinterInfo, bo_printer_info_free)

/* "escpos" / "pdf". */
const char    *bo_print_format_to_string       (BoPrintFormat format);
gboolean       bo_print_format_from_string     (const char    *text,
                                                BoPrintFormat *out_format);

/* A printer for @uri; nothing is opened yet. BO_PRINT_ERROR_INVALID_URI for a bad URI. */
BoPrinter     *bo_printer_new_for_uri          (const char *uri,
                                                GError    **error);

const char    *bo_printer_get_uri              (BoPrinter *self);
BoPrintFormat  bo_printer_get_default_format   (BoPrinter *self);
gboolean       bo_printer_send                 (BoPrinter    *self,
                                                GBytes       *data,
                                                const char   *title,
                                                const char   *job_name,
                                                GCancellable *cancellable,
                                                GError      **error);

/* USB printer-class devices, usblp device files and CUPS destinations (each source that
 * cannot be asked is skipped): a GPtrArray of BoPrinterInfo. */
GPtrArray     *bo_printer_discover             (void);

G_END_DECLS
