/* bo-report-page.c — reports on screen: shift closings (X/Z), day and event reports
 *
 * Every operator sees the page, but the takings of the counter are for managers: a cashier
 * gets a status page asking for a manager's PIN, which opens the reports until the operator
 * changes. Reports are built off the main thread with their own store connection
 * (bo_report_new_async), saved as PDF or CSV and printed in worker threads too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ui/bo-chart-view.h"
#include "ui/bo-pin-dialog.h"
#include "ui/bo-report-page-private.h"
#include "ui/bo-stack-util.h"
#include "ui/bo-ui-util.h"

G_DEFINE_FINAL_TYPE (BoReportPage, bo_report_page, GTK_TYPE_WIDGET)

static gboolean
is_unlocked (BoReportPage *self)
{
  if (self->session == NULL || bo_session_get_operator (self->session) == NULL)
    return FALSE;

  /* Closing a shift is the manager's right that goes with its report. */
  return self->approved || bo_session_can (self->session, BO_RIGHT_CLOSE_SHIFT);
}

void
bo_report_page_show_error (BoReportPage *self,
            const char   *heading,
            const char   *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
bo_report_page_update_actions (BoReportPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean unlocked = is_unlocked (self);
  gboolean ready = unlocked && self->report != NULL && !self->loading;

  gtk_widget_action_set_enabled (widget, "win.report-unlock",
                                 self->session != NULL && !unlocked &&
                                 bo_session_get_operator (self->session) != NULL);
  gtk_widget_action_set_enabled (widget, "win.report-refresh", unlocked && !self->loading);
  gtk_widget_action_set_enabled (widget, "win.report-save-pdf", ready);
  gtk_widget_action_set_enabled (widget, "win.report-save-csv", ready);
  gtk_widget_action_set_enabled (widget, "win.report-print", ready && !self->printing);
}

static Kind
current_kind (BoReportPage *self)
{
  return (Kind) gtk_drop_down_get_selected (self->kind_dropdown);
}

static void
update_choosers (BoReportPage *self)
{
  Kind kind = current_kind (self);
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *date_text = g_date_time_format (date, "%a %e %b %Y");
  BoEvent *event = self->session != NULL ? bo_session_get_event (self->session) : NULL;
  g_autofree char *event_text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->shift_dropdown), kind == KIND_SHIFT);
  gtk_widget_set_visible (GTK_WIDGET (self->date_button), kind == KIND_DAY);
  gtk_widget_set_visible (GTK_WIDGET (self->event_label), kind == KIND_EVENT);

  gtk_menu_button_set_label (self->date_button, g_strstrip (date_text));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->date_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Day of the report"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, date_text, -1);

  event_text = event != NULL ? g_strdup (bo_event_get_name (event))
                             : g_strdup (_("No event chosen"));
  gtk_label_set_text (self->event_label, event_text);
}

/* GTK 4.8's drop-down and menu button show a toggle button of their own to assistive
 * technologies, nameless (it reports its type name): it gets the drop-down's name. */
static void
name_inner_button (GtkWidget  *widget,
                   const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
}

static void
show_gate (BoReportPage *self)
{
  gboolean unlocked = is_unlocked (self);

  bo_stack_show_only (self->stack, unlocked ? "main" : "locked");
  if (!unlocked)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->report);
      self->loading = FALSE;
    }
  bo_report_page_update_actions (self);
}

static void
show_content_error (BoReportPage *self,
                    const char   *title,
                    const char   *message)
{
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, message);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  bo_stack_show_only (self->content_stack, "error");
}

/* One request for a report (and, for the last Z report, the lookup before it). Each refresh
 * replaces self->cancellable, so a request whose cancellable is no longer the page's one was
 * superseded: its answer must not land over the report chosen since, even when it finished
 * before the cancellation reached it. The request keeps its cancellable alive so the pointer
 * comparison cannot match a newer object at the same address. */
typedef struct {
  BoReportPage *self;
  GCancellable *cancellable;
} Request;

static Request *
request_new (BoReportPage *self)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->cancellable = g_object_ref (self->cancellable);
  return request;
}

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_object_unref (request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static gboolean
request_is_current (Request *request)
{
  return request->cancellable == request->self->cancellable &&
         !g_cancellable_is_cancelled (request->cancellable) &&
         request->self->content_stack != NULL;
}

static void
report_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  BoReportPage *self = request->self;
  g_autoptr(BoReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = bo_report_new_finish (result, &error);
  if (!request_is_current (request) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  g_set_object (&self->report, report);
  if (report == NULL)
    {
      show_content_error (self,
                          g_error_matches (error, BO_REPORT_ERROR, BO_REPORT_ERROR_NOT_FOUND)
                            ? _("Nothing to Report")
                            : _("The Report Could Not Be Made"),
                          error->message);
    }
  else
    {
      bo_report_page_fill (self->report_box, report);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
      gtk_spinner_set_spinning (self->spinner, FALSE);
      bo_stack_show_only (self->content_stack, "report");
    }
  bo_report_page_update_actions (self);
}

static void
on_choice_changed_cb (BoReportPage *self)
{
  update_choosers (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    bo_report_page_refresh (self);
}

static void
on_day_selected_cb (BoReportPage *self)
{
  gtk_popover_popdown (self->date_popover);
  on_choice_changed_cb (self);
}

static void
on_operator_notify_cb (BoSession    *session,
                       GParamSpec   *pspec,
                       BoReportPage *self)
{
  /* A manager's approval is for the operator it was given to. */
  self->approved = FALSE;
  show_gate (self);
}

static void
on_event_notify_cb (BoSession    *session,
                    GParamSpec   *pspec,
                    BoReportPage *self)
{
  update_choosers (self);
  self->stale = TRUE;
}

static void
on_data_changed_cb (BoSession    *session,
                    guint         changes,
                    BoReportPage *self)
{
  if (changes & (BO_SESSION_CHANGED_ORDERS | BO_SESSION_CHANGED_SHIFT))
    self->stale = TRUE;
}

/* Unlocking --------------------------------------------------------------------------------- */

static void
approve_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BoReportPage) self = user_data;
  g_autoptr(BoOperator) manager = NULL;

  manager = bo_pin_dialog_authorize_finish (result, NULL);
  if (manager == NULL || self->stack == NULL)
    return;

  self->approved = TRUE;
  show_gate (self);
  bo_report_page_refresh (self);
}

static void
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BoReportPage *self = BO_REPORT_PAGE (widget);

  if (self->session == NULL)
    return;

  bo_pin_dialog_authorize_async (widget, self->session, BO_RIGHT_CLOSE_SHIFT,
                                 _("Open the Reports"),
                                 _("A manager opens the reports with their PIN."),
                                 NULL, approve_cb, g_object_ref (self));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  bo_report_page_refresh (BO_REPORT_PAGE (widget));
}

/* ------------------------------------------------------------------------------------------- */

static void
bo_report_page_map (GtkWidget *widget)
{
  BoReportPage *self = BO_REPORT_PAGE (widget);

  GTK_WIDGET_CLASS (bo_report_page_parent_class)->map (widget);

  /* Built when looked at: a report nobody opens costs the counter nothing. */
  if (is_unlocked (self) && (self->report == NULL || self->stale) && !self->loading)
    bo_report_page_refresh (self);
}

static void
bo_report_page_dispose (GObject *object)
{
  BoReportPage *self = BO_REPORT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->print_cancellable);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  bo_ui_dispose_template (GTK_WIDGET (object), BO_TYPE_REPORT_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->print_cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (bo_report_page_parent_class)->dispose (object);
}

static void
bo_report_page_class_init (BoReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_report_page_dispose;
  widget_class->map = bo_report_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bo-report-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BoReportPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BoReportPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BoReportPage, shift_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BoReportPage, date_button);
  gtk_widget_class_bind_template_child (widget_class, BoReportPage, date_popover);
  gtk_widget_class_bind_template_child (widget_class, BoReportPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, BoReportPage, event_label);
  gtk_widget_class_bind_template_child (widget_class, BoReportPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, BoReportPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, BoReportPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, BoReportPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, BoReportPage, report_box);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);

  /* In the window's "win" namespace, like the window's own commands, but owned here. */
  gtk_widget_class_install_action (widget_class, "win.report-unlock", NULL, unlock_action);
  gtk_widget_class_install_action (widget_class, "win.report-refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.report-refresh", NULL);
  bo_report_page_export_class_init (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  g_type_ensure (BO_TYPE_CHART_VIEW);
}

static void
bo_report_page_init (BoReportPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->print_cancellable = g_cancellable_new ();
  name_inner_button (GTK_WIDGET (self->kind_dropdown), _("Report"));
  name_inner_button (GTK_WIDGET (self->shift_dropdown), _("Shift"));
  name_inner_button (GTK_WIDGET (self->date_button), _("Day of the report"));
  update_choosers (self);
  show_gate (self);
}

void
bo_report_page_set_session (BoReportPage *self,
                            BoSession    *session)
{
  g_return_if_fail (BO_IS_REPORT_PAGE (self));
  g_return_if_fail (BO_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  g_signal_connect (session, "notify::operator", G_CALLBACK (on_operator_notify_cb), self);
  g_signal_connect (session, "notify::event", G_CALLBACK (on_event_notify_cb), self);
  g_signal_connect (session, "data-changed", G_CALLBACK (on_data_changed_cb), self);
  self->approved = FALSE;
  update_choosers (self);
  show_gate (self);
}

static void
show_loading (BoReportPage *self)
{
  self->loading = TRUE;
  gtk_spinner_set_spinning (self->spinner, TRUE);
  bo_stack_show_only (self->content_stack, "loading");
  bo_report_page_update_actions (self);
}

static void
show_nothing (BoReportPage *self,
              const char   *title,
              const char   *message)
{
  self->loading = FALSE;
  show_content_error (self, title, message);
  bo_report_page_update_actions (self);
}

static void
build_report (BoReportPage *self,
              BoReportKind  kind,
              gint64        id,
              const char   *date)
{
  show_loading (self);
  bo_report_new_async (bo_worker_get_db_path (bo_session_get_worker (self->session)),
                       kind, id, date, self->cancellable, report_cb, request_new (self));
}

static void
last_closed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  BoReportPage *self = request->self;
  g_autoptr(BoShift) shift = NULL;
  g_autoptr(GError) error = NULL;

  shift = bo_worker_last_closed_shift_finish (BO_WORKER (source), result, &error);
  /* The user may have chosen the day or event report meanwhile: the Z report this would
   * start must not replace it. */
  if (!request_is_current (request) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    show_nothing (self, _("The Report Could Not Be Made"), error->message);
  else if (shift == NULL)
    show_nothing (self, _("Nothing to Report"),
                  _("No shift has been closed on this counter yet."));
  else
    build_report (self, BO_REPORT_SHIFT_Z, bo_shift_get_id (shift), NULL);
}

void
bo_report_page_refresh (BoReportPage *self)
{
  g_autofree char *date = NULL;
  gint64 id = 0;

  g_return_if_fail (BO_IS_REPORT_PAGE (self));

  if (!is_unlocked (self))
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->stale = FALSE;

  switch (current_kind (self))
    {
    case KIND_SHIFT:
      /* The open shift's X report (with none open, the shift report says which it takes), or
       * the closing of the shift closed last, which the worker looks up. */
      if (gtk_drop_down_get_selected (self->shift_dropdown) == 1)
        {
          show_loading (self);
          bo_worker_last_closed_shift_async (bo_session_get_worker (self->session),
                                             self->cancellable, last_closed_cb,
                                             request_new (self));
        }
      else
        {
          build_report (self, BO_REPORT_SHIFT_X, 0, NULL);
        }
      break;
    case KIND_DAY:
      {
        g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);

        date = g_date_time_format (day, "%Y-%m-%d");
        build_report (self, BO_REPORT_DAY, 0, date);
      }
      break;
    case KIND_EVENT:
    default:
      id = bo_session_get_event_id (self->session);
      if (id <= 0)
        show_nothing (self, _("No Event Chosen"),
                      _("Choose the event on the Sell page to see its report."));
      else
        build_report (self, BO_REPORT_EVENT, id, NULL);
      break;
    }
}

BoReport *
bo_report_page_get_report (BoReportPage *self)
{
  g_return_val_if_fail (BO_IS_REPORT_PAGE (self), NULL);

  return self->report;
}
