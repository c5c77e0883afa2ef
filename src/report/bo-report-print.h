/* bo-report-print.h — reports on paper: CUPS and PDF printers get the PDF with its charts,
 * receipt printers (ESC/POS) the text layout with bar charts drawn in characters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "print/bo-print-config.h"
#include "print/bo-print-doc.h"
#include "report/bo-report-render.h"

G_BEGIN_DECLS

/* The report as a print document of @columns characters a line (a receipt printer's width:
 * 42 or 48 on 80 mm paper), ending with a cut. */
BoPrintDoc *bo_report_to_print_doc (BoReport *report,
                                    guint     columns);

/* Prints @report on @target (a printer URI, see bo-printer.h), or when NULL on the printer
 * @config names for closings (Z reports) or reports (everything else). A printer that takes
 * PDF gets the PDF on @paper; an ESC/POS printer the print document at its paper width.
 * Fails with a BO_PRINT_ERROR (no printer set, printer unreachable, …). */
gboolean    bo_report_print        (BoReport       *report,
                                    BoPrintConfig  *config,
                                    const char     *target,
                                    BoReportPaper   paper,
                                    GCancellable   *cancellable,
                                    GError        **error);

G_END_DECLS
