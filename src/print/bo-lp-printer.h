/* bo-lp-printer.h — "lp:PATH": a printer device file such as the kernel's usblp /dev/usb/lp0
 *
 * Opened without blocking; writes wait for the device with poll() and give up when it takes
 * no data for the timeout. Before writing, the status (LPGETSTATUS) is asked where the driver
 * knows it: out of paper is an error before any byte is sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "print/bo-printer.h"

G_BEGIN_DECLS

#define BO_TYPE_LP_PRINTER (bo_lp_printer_get_type ())
G_DECLARE_FINAL_TYPE (BoLpPrinter, bo_lp_printer, BO, LP_PRINTER, GObject)

BoLpPrinter *bo_lp_printer_new         (const char *path);

/* Milliseconds without progress before a job fails with BO_PRINT_ERROR_TIMEOUT (10000). */
void         bo_lp_printer_set_timeout (BoLpPrinter *self,
                                        guint        timeout_ms);

/* Adds the /dev/usb/lp* device files there are to @printers (of BoPrinterInfo). */
void         bo_lp_printer_discover    (GPtrArray *printers);

G_END_DECLS
