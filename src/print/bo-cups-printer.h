/* bo-cups-printer.h — "cups:QUEUE": a PDF to a CUPS queue, followed until it is printed
 *
 * The server is the one libcups is pointed at (CUPS_SERVER, client.conf, else the local
 * scheduler). A queue that is stopped or not accepting jobs is an error before anything is
 * sent; after sending, the job is followed until CUPS says it completed, and a job that is
 * aborted, cancelled, stopped, or still waiting on a stopped queue when the time is up is an
 * error — and is cancelled in CUPS, so that a retry never prints the paper twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "print/bo-printer.h"

G_BEGIN_DECLS

#define BO_TYPE_CUPS_PRINTER (bo_cups_printer_get_type ())
G_DECLARE_FINAL_TYPE (BoCupsPrinter, bo_cups_printer, BO, CUPS_PRINTER, GObject)

BoCupsPrinter *bo_cups_printer_new            (const char *queue);

/* Seconds to wait for the job to complete (120). */
void           bo_cups_printer_set_timeout    (BoCupsPrinter *self,
                                               guint          seconds);

/* The CUPS job id of the last job sent (0 before any). */
int            bo_cups_printer_get_last_job_id (BoCupsPrinter *self);

/* Adds the CUPS destinations there are to @printers. */
void           bo_cups_printer_discover       (GPtrArray *printers);

G_END_DECLS
