/* bo-checkin-page.c — the door: scan tickets, see the verdict, find attendees
 *
 * The page composes the door's parts and carries the scans between them: the scan entry
 * (BoCheckinScanEntry) and the attendee search (BoCheckinSearch) hand over codes, the
 * recorder (BoCheckinRecorder) records them through the database worker in the order they
 * were made, and each answer goes to the verdict (BoCheckinVerdict) and the tally
 * (BoCheckinTally). The page itself keeps the event, the operator, the gate and the
 * direction a scan is recorded with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "domain/bo-checkin.h"
#include "domain/bo-event.h"
#include "domain/bo-operator.h"
#include "ui/bo-checkin-page.h"
#include "ui/bo-checkin-recorder.h"
#include "ui/bo-checkin-scan-entry.h"
#include "ui/bo-checkin-search.h"
#include "ui/bo-checkin-tally.h"
#include "ui/bo-checkin-verdict.h"
#include "ui/bo-ui-util.h"
#include "ui/bo-worker.h"

struct _BoCheckinPage
{
  AdwBin parent_instance;

  GSettings          *settings;
  BoWorker           *worker;
  BoSession          *session;
  GCancellable       *cancellable;
  gint64              event_id;
  gint64              operator_id;
  char               *event_name;
  BoCheckinRecorder  *recorder;

  /* Template widgets */
  GtkStack           *stack;
  AdwStatusPage      *no_event_page;
  GtkLabel           *gate_label;
  GtkToggleButton    *entry_toggle;
  GtkToggleButton    *exit_toggle;
  GtkToggleButton    *search_toggle;
  BoCheckinScanEntry *scan_entry;
  BoCheckinVerdict   *verdict;
  BoCheckinTally     *tally;
  GtkRevealer        *search_revealer;
  BoCheckinSearch    *search;
};

G_DEFINE_FINAL_TYPE (BoCheckinPage, bo_checkin_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_WORKER,
  PROP_SETTINGS,
  PROP_EVENT_ID,
  PROP_OPERATOR_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Jobs for the worker thread ---------------------------------------------------------------- */

typedef struct
{
  gint64  event_id;
  char   *name;
} EventName;

static void
event_name_free (gpointer data)
{
  EventName *result = data;

  g_free (result->name);
  g_free (result);
}

static gboolean
event_name_in_worker (BoStore         *store,
                      BoDevice        *device,
                      gpointer         job_data,
                      gpointer        *out_result,
                      GDestroyNotify  *out_free,
                      GCancellable    *cancellable,
                      GError         **error)
{
  EventName *result = g_new0 (EventName, 1);
  g_autoptr(BoEvent) event = NULL;

  result->event_id = GPOINTER_TO_SIZE (job_data);
  event = bo_event_lookup (store, result->event_id, NULL);
  if (event != NULL)
    result->name = g_strdup (bo_event_get_name (event));
  *out_result = result;
  *out_free = event_name_free;
  return TRUE;
}

/* Helpers ------------------------------------------------------------------------------------ */

static BoDirection
get_direction (BoCheckinPage *self)
{
  return gtk_toggle_button_get_active (self->exit_toggle) ? BO_DIRECTION_EXIT
                                                          : BO_DIRECTION_ENTRY;
}

static char *
get_gate (BoCheckinPage *self)
{
  g_autofree char *gate = NULL;

  if (self->settings != NULL)
    gate = g_settings_get_string (self->settings, "gate-name");

  if (gate == NULL || gate[0] == '\0')
    return NULL;

  return g_steal_pointer (&gate);
}

static void
update_gate_label (BoCheckinPage *self)
{
  g_autofree char *gate = get_gate (self);
  g_autofree char *text = NULL;
  const char *event_name = self->event_name;

  if (gate != NULL && event_name != NULL)
    /* Translators: the gate (door) this device scans at, then the event. */
    text = g_strdup_printf (_("%s · %s"), gate, event_name);
  else if (gate != NULL)
    text = g_strdup (gate);
  else if (event_name != NULL)
    text = g_strdup (event_name);
  else
    text = g_strdup (_("Check-In"));

  gtk_label_set_text (self->gate_label, text);
}

static void
update_stack (BoCheckinPage *self)
{
  if (self->worker == NULL)
    {
      adw_status_page_set_title (self->no_event_page, _("No Sales Database"));
      adw_status_page_set_description (self->no_event_page,
                                       _("Tickets can be checked in once the sales database is open."));
      gtk_stack_set_visible_child_name (self->stack, "no-event");
    }
  else if (self->event_id <= 0)
    {
      adw_status_page_set_title (self->no_event_page, _("No Event Chosen"));
      adw_status_page_set_description (self->no_event_page,
                                       _("Choose the event whose tickets this door checks in."));
      gtk_stack_set_visible_child_name (self->stack, "no-event");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "scan");
      bo_checkin_page_focus_scan (self);
    }
}

static void
on_event_name_done_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(BoCheckinPage) self = user_data;
  EventName *name;

  name = bo_worker_run_finish (BO_WORKER (source), result, event_name_in_worker, NULL);
  if (name == NULL)
    return;

  if (BO_WORKER (source) == self->worker && name->event_id == self->event_id)
    {
      g_free (self->event_name);
      self->event_name = g_steal_pointer (&name->name);
      update_gate_label (self);
    }
  event_name_free (name);
}

/* The event's name heads the page; it changes with the catalogue. */
static void
load_event_name (BoCheckinPage *self)
{
  if (self->worker == NULL || self->event_id <= 0)
    return;

  bo_worker_run_async (self->worker, event_name_in_worker, event_name_in_worker,
                       GSIZE_TO_POINTER (self->event_id), NULL, self->cancellable,
                       on_event_name_done_cb, g_object_ref (self));
}

/* Signal callbacks and async completions ------------------------------------------------------ */

static void
on_recorded_cb (BoCheckinPage *self,
                BoCheckin     *checkin)
{
  bo_checkin_verdict_show_checkin (self->verdict, checkin);
  bo_checkin_tally_add (self->tally, checkin);
}

static void
on_record_failed_cb (BoCheckinPage *self,
                     const char    *code,
                     const GError  *error)
{
  bo_checkin_verdict_show_error (self->verdict, code, error);
}

static void
on_scanned_cb (BoCheckinPage *self,
               const char    *code)
{
  bo_checkin_page_submit (self, code);
}

static void
on_direction_toggled_cb (BoCheckinPage *self)
{
  bo_checkin_verdict_show_idle (self->verdict, get_direction (self));
  bo_checkin_page_focus_scan (self);
}

static void
on_search_check_in_cb (BoCheckinPage *self,
                       const char    *secret)
{
  bo_checkin_page_submit (self, secret);
}

static void
on_search_stopped_cb (BoCheckinPage *self)
{
  gtk_toggle_button_set_active (self->search_toggle, FALSE);
}

static void
on_search_toggled_cb (BoCheckinPage *self)
{
  gboolean active = gtk_toggle_button_get_active (self->search_toggle);

  gtk_revealer_set_reveal_child (self->search_revealer, active);
  if (active)
    bo_checkin_search_focus (self->search);
  else
    {
      bo_checkin_search_clear (self->search);
      bo_checkin_page_focus_scan (self);
    }
}

static void
on_data_changed_cb (BoSession     *session,
                    guint          changes,
                    BoCheckinPage *self)
{
  /* Sales and refunds change the tickets, a sync pull brings other doors' check-ins. */
  if ((changes & (BO_SESSION_CHANGED_CATALOG | BO_SESSION_CHANGED_ORDERS)) != 0)
    bo_checkin_tally_recount (self->tally);
  if ((changes & BO_SESSION_CHANGED_CATALOG) != 0)
    load_event_name (self);
}

static void
on_session_changed_cb (BoSession     *session,
                       GParamSpec    *pspec,
                       BoCheckinPage *self)
{
  BoOperator *operator = bo_session_get_operator (session);

  bo_checkin_page_set_event_id (self, bo_session_get_event_id (session));
  bo_checkin_page_set_operator_id (self, operator != NULL ? bo_operator_get_id (operator) : 0);
}

static void
on_gate_name_changed_cb (GSettings     *settings,
                         const char    *key,
                         BoCheckinPage *self)
{
  update_gate_label (self);
}

static gboolean
focus_idle_cb (gpointer user_data)
{
  g_autoptr(BoCheckinPage) self = user_data;

  /* Not after the page left the screen (or was disposed with its template). */
  if (gtk_widget_get_mapped (GTK_WIDGET (self))
      && !gtk_toggle_button_get_active (self->search_toggle))
    bo_checkin_scan_entry_grab_focus (self->scan_entry);
  return G_SOURCE_REMOVE;
}

/* Overrides ------------------------------------------------------------------------------------ */

static void
bo_checkin_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (bo_checkin_page_parent_class)->map (widget);

  /* The tally counts as it is shown. */
  bo_checkin_page_focus_scan (BO_CHECKIN_PAGE (widget));
}

static void
bo_checkin_page_dispose (GObject *object)
{
  BoCheckinPage *self = BO_CHECKIN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  /* Scans still in the worker are recorded all the same; they are just not shown. */
  if (self->recorder != NULL)
    g_signal_handlers_disconnect_by_data (self->recorder, self);
  g_clear_object (&self->recorder);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->worker);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bo_checkin_page_parent_class)->dispose (object);
}

static void
bo_checkin_page_finalize (GObject *object)
{
  BoCheckinPage *self = BO_CHECKIN_PAGE (object);

  g_clear_object (&self->cancellable);
  g_free (self->event_name);

  G_OBJECT_CLASS (bo_checkin_page_parent_class)->finalize (object);
}

static void
bo_checkin_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BoCheckinPage *self = BO_CHECKIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKER:
      g_value_set_object (value, self->worker);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_EVENT_ID:
      g_value_set_int64 (value, self->event_id);
      break;

    case PROP_OPERATOR_ID:
      g_value_set_int64 (value, self->operator_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_checkin_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BoCheckinPage *self = BO_CHECKIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKER:
      bo_checkin_page_set_worker (self, g_value_get_object (value));
      break;

    case PROP_SETTINGS:
      bo_checkin_page_set_settings (self, g_value_get_object (value));
      break;

    case PROP_EVENT_ID:
      bo_checkin_page_set_event_id (self, g_value_get_int64 (value));
      break;

    case PROP_OPERATOR_ID:
      bo_checkin_page_set_operator_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_checkin_page_class_init (BoCheckinPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_checkin_page_dispose;
  object_class->finalize = bo_checkin_page_finalize;
  object_class->get_property = bo_checkin_page_get_property;
  object_class->set_property = bo_checkin_page_set_property;

  widget_class->map = bo_checkin_page_map;

  properties[PROP_WORKER] =
    g_param_spec_object ("worker", NULL, NULL, BO_TYPE_WORKER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVENT_ID] =
    g_param_spec_int64 ("event-id", NULL, NULL, 0, G_MAXUINT32, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPERATOR_ID] =
    g_param_spec_int64 ("operator-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BO_TYPE_CHECKIN_SCAN_ENTRY);
  g_type_ensure (BO_TYPE_CHECKIN_SEARCH);
  g_type_ensure (BO_TYPE_CHECKIN_TALLY);
  g_type_ensure (BO_TYPE_CHECKIN_VERDICT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/bo-checkin-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, no_event_page);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, gate_label);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, entry_toggle);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, exit_toggle);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, search_toggle);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, scan_entry);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, verdict);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, tally);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, search_revealer);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, search);
  gtk_widget_class_bind_template_callback (widget_class, on_scanned_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_direction_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_check_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stopped_cb);

  gtk_widget_class_set_css_name (widget_class, "checkinpage");
}

static void
bo_checkin_page_init (BoCheckinPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  bo_ui_ensure_css (RESOURCE_PREFIX "/bo-checkin-page.css");

  self->cancellable = g_cancellable_new ();
  self->recorder = bo_checkin_recorder_new ();
  g_signal_connect_swapped (self->recorder, "recorded", G_CALLBACK (on_recorded_cb), self);
  g_signal_connect_swapped (self->recorder, "failed", G_CALLBACK (on_record_failed_cb), self);

  /* Typing that reaches the page while the focus is on a button (say, after the entry/exit
   * toggle was clicked) belongs to the scan entry. */
  bo_checkin_scan_entry_capture_typing (self->scan_entry, GTK_WIDGET (self));

  update_gate_label (self);
  on_direction_toggled_cb (self);
  gtk_stack_set_visible_child_name (self->stack, "no-event");
}

/* Public API ------------------------------------------------------------------------------------ */

BoCheckinPage *
bo_checkin_page_new (void)
{
  return g_object_new (BO_TYPE_CHECKIN_PAGE, NULL);
}

void
bo_checkin_page_set_session (BoCheckinPage *self,
                             BoSession     *session)
{
  g_return_if_fail (BO_IS_CHECKIN_PAGE (self));
  g_return_if_fail (session == NULL || BO_IS_SESSION (session));

  /* Before disconnecting: the same session again must keep its handlers. */
  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);

  if (session == NULL)
    return;

  bo_checkin_page_set_worker (self, bo_session_get_worker (session));
  bo_checkin_page_set_settings (self, bo_session_get_settings (session));
  g_signal_connect (session, "notify::event", G_CALLBACK (on_session_changed_cb), self);
  g_signal_connect (session, "notify::operator", G_CALLBACK (on_session_changed_cb), self);
  g_signal_connect (session, "data-changed", G_CALLBACK (on_data_changed_cb), self);
  on_session_changed_cb (session, NULL, self);
}

void
bo_checkin_page_set_worker (BoCheckinPage *self,
                            BoWorker      *worker)
{
  g_return_if_fail (BO_IS_CHECKIN_PAGE (self));
  g_return_if_fail (worker == NULL || BO_IS_WORKER (worker));

  if (!g_set_object (&self->worker, worker))
    return;

  bo_checkin_recorder_set_worker (self->recorder, worker);
  bo_checkin_tally_set_worker (self->tally, worker);
  bo_checkin_search_set_worker (self->search, worker);
  update_stack (self);
  load_event_name (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKER]);
}

BoWorker *
bo_checkin_page_get_worker (BoCheckinPage *self)
{
  g_return_val_if_fail (BO_IS_CHECKIN_PAGE (self), NULL);

  return self->worker;
}

void
bo_checkin_page_set_settings (BoCheckinPage *self,
                              GSettings     *settings)
{
  g_return_if_fail (BO_IS_CHECKIN_PAGE (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  /* Before unbinding: the same settings again must keep the handler and the binding. */
  if (self->settings == settings)
    return;

  if (self->settings != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->settings, on_gate_name_changed_cb, self);
      g_settings_unbind (self->verdict, "sound");
    }
  g_set_object (&self->settings, settings);

  if (settings != NULL)
    {
      g_signal_connect_object (settings, "changed::gate-name",
                               G_CALLBACK (on_gate_name_changed_cb), self, 0);
      g_settings_bind (settings, "scan-sound", self->verdict, "sound", G_SETTINGS_BIND_GET);
    }
  else
    bo_checkin_verdict_set_sound (self->verdict, TRUE);
  update_gate_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

void
bo_checkin_page_set_event_id (BoCheckinPage *self,
                              gint64         event_id)
{
  g_return_if_fail (BO_IS_CHECKIN_PAGE (self));

  if (self->event_id == event_id)
    return;

  self->event_id = event_id;
  g_clear_pointer (&self->event_name, g_free);
  update_gate_label (self);
  bo_checkin_tally_set_event_id (self->tally, event_id);
  bo_checkin_search_set_event_id (self->search, event_id);
  on_direction_toggled_cb (self);
  update_stack (self);
  load_event_name (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_ID]);
}

gint64
bo_checkin_page_get_event_id (BoCheckinPage *self)
{
  g_return_val_if_fail (BO_IS_CHECKIN_PAGE (self), 0);

  return self->event_id;
}

void
bo_checkin_page_set_operator_id (BoCheckinPage *self,
                                 gint64         operator_id)
{
  g_return_if_fail (BO_IS_CHECKIN_PAGE (self));

  if (self->operator_id == operator_id)
    return;

  self->operator_id = operator_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATOR_ID]);
}

gint64
bo_checkin_page_get_operator_id (BoCheckinPage *self)
{
  g_return_val_if_fail (BO_IS_CHECKIN_PAGE (self), 0);

  return self->operator_id;
}

void
bo_checkin_page_submit (BoCheckinPage *self,
                        const char    *code)
{
  g_autofree char *gate = NULL;

  g_return_if_fail (BO_IS_CHECKIN_PAGE (self));

  gate = get_gate (self);
  bo_checkin_recorder_submit (self->recorder, self->event_id, self->operator_id, code, gate,
                              get_direction (self));
}

void
bo_checkin_page_focus_scan (BoCheckinPage *self)
{
  g_return_if_fail (BO_IS_CHECKIN_PAGE (self));

  /* After the current event: a stack or revealer may still be moving the entry in. */
  g_idle_add_full (G_PRIORITY_DEFAULT, focus_idle_cb, g_object_ref (self), NULL);
}
