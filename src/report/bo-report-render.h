/* bo-report-render.h — a report as text, CSV or PDF (A4 pages or an 80 mm receipt)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "report/bo-report.h"

G_BEGIN_DECLS

typedef enum {
  BO_REPORT_PAPER_A4,   /* paginated, charts in colour */
  BO_REPORT_PAPER_80MM, /* one long receipt page, 72 mm printable, charts in black and white */
} BoReportPaper;

/* "a4" or "80mm". */
gboolean  bo_report_paper_from_string (const char    *text,
                                       BoReportPaper *out_paper);

/* Plain text for a terminal or a plain-text printer, lines at most @width characters wide
 * (at least 32), bar charts as rows of characters. */
char     *bo_report_to_text          (BoReport *report,
                                      guint     width);

/* RFC 4180 CSV (CRLF line ends): a "report" block, then one block per section: a line
 * "section,<id>,<title>", a header line "id,<column titles>", one line per row starting with
 * the row id, then an empty line. Values are locale-independent: money as "12.50", rates as
 * percent "17.00", times as RFC 3339 UTC. */
char     *bo_report_to_csv           (BoReport *report);

/* The report as a PDF document, rendered with cairo and pango. */
GBytes   *bo_report_to_pdf           (BoReport      *report,
                                      BoReportPaper  paper,
                                      GError       **error);
gboolean  bo_report_write_pdf        (BoReport      *report,
                                      BoReportPaper  paper,
                                      const char    *path,
                                      GError       **error);

G_END_DECLS
