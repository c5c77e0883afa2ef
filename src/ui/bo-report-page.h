/* bo-report-page.h — reports on screen: shift closings (X/Z), day and event reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "report/bo-report.h"
#include "ui/bo-session.h"

G_BEGIN_DECLS

#define BO_TYPE_REPORT_PAGE (bo_report_page_get_type ())
G_DECLARE_FINAL_TYPE (BoReportPage, bo_report_page, BO, REPORT_PAGE, GtkWidget)

void      bo_report_page_set_session (BoReportPage *self,
                                      BoSession    *session);
/* Builds the chosen report again, off the main thread. */
void      bo_report_page_refresh     (BoReportPage *self);
/* The report shown, or NULL while none is. */
BoReport *bo_report_page_get_report  (BoReportPage *self);

G_END_DECLS
