/* bo-report-page-private.h — the report page's state, shared by its files
 *
 * bo-report-page.c: the manager gate, choosing and building the report;
 * bo-report-page-view.c: the report as widgets; bo-report-page-export.c: saving and printing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ui/bo-report-page.h"

G_BEGIN_DECLS

typedef enum {
  KIND_SHIFT,
  KIND_DAY,
  KIND_EVENT,
} Kind;

typedef enum {
  SAVE_PDF,
  SAVE_CSV,
} SaveFormat;

struct _BoReportPage
{
  GtkWidget           parent_instance;

  BoSession          *session;
  BoReport           *report;
  GCancellable       *cancellable;       /* building the report */
  GCancellable       *print_cancellable; /* saving and printing */
  gboolean            approved;          /* a manager typed their PIN for this operator */
  gboolean            stale;             /* sales or the shift changed since it was built */
  gboolean            loading;
  gboolean            printing;
  GtkFileChooserNative *chooser;

  /* Template widgets */
  GtkStack           *stack;
  GtkDropDown        *kind_dropdown;
  GtkDropDown        *shift_dropdown;
  GtkMenuButton      *date_button;
  GtkPopover         *date_popover;
  GtkCalendar        *calendar;
  GtkLabel           *event_label;
  GtkStack           *content_stack;
  GtkSpinner         *spinner;
  AdwStatusPage      *error_page;
  GtkScrolledWindow  *scrolled;
  GtkBox             *report_box;
};

/* bo-report-page.c */
void bo_report_page_show_error     (BoReportPage *self,
                                    const char   *heading,
                                    const char   *message);
void bo_report_page_update_actions (BoReportPage *self);

/* bo-report-page-view.c */
void bo_report_page_fill           (GtkBox   *box,
                                    BoReport *report);

/* bo-report-page-export.c: win.report-save-pdf, win.report-save-csv, win.report-print */
void bo_report_page_export_class_init (GtkWidgetClass *widget_class);

G_END_DECLS
