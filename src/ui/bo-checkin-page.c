/* bo-checkin-page.c — the door: scan tickets, see the verdict, find attendees
 *
 * The page composes the door's parts and carries the scans between them: the scan entry
 * (BoCheckinScanEntry) and the attendee search (BoCheckinSearch) hand over codes, the
 * recorder (BoCheckinRecorder) records them through the database worker in the order they
 * were made, and each answer goes to the verdict (BoCheckinVerdict) and the tally
 * (BoCheckinTally). The event, the operator and the settings are the window's session's;
 * the page adds the gate and the direction a scan is recorded with.
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

  BoSession          *session;
  /* The session's event the tally and the search count for, to reset them when it changes
   * (not when the same event is reloaded). */
  gint64              event_id;
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

/* Helpers ------------------------------------------------------------------------------------ */

static BoWorker *
get_worker (BoCheckinPage *self)
{
  return self->session != NULL ? bo_session_get_worker (self->session) : NULL;
}

static GSettings *
get_settings (BoCheckinPage *self)
{
  return self->session != NULL ? bo_session_get_settings (self->session) : NULL;
}

static BoDirection
get_direction (BoCheckinPage *self)
{
  return gtk_toggle_button_get_active (self->exit_toggle) ? BO_DIRECTION_EXIT
                                                          : BO_DIRECTION_ENTRY;
}

static char *
get_gate (BoCheckinPage *self)
{
  GSettings *settings = get_settings (self);
  g_autofree char *gate = NULL;

  if (settings != NULL)
    gate = g_settings_get_string (settings, "gate-name");

  if (gate == NULL || gate[0] == '\0')
    return NULL;

  return g_steal_pointer (&gate);
}

static void
update_gate_label (BoCheckinPage *self)
{
  g_autofree char *gate = get_gate (self);
  g_autofree char *text = NULL;
  BoEvent *event = self->session != NULL ? bo_session_get_event (self->session) : NULL;
  const char *event_name = event != NULL ? bo_event_get_name (event) : NULL;

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
  if (get_worker (self) == NULL)
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
}

/* A reloaded catalogue brings the same event again, maybe renamed. */
static void
follow_event (BoCheckinPage *self)
{
  gint64 event_id = self->session != NULL ? bo_session_get_event_id (self->session) : 0;

  if (self->event_id != event_id)
    {
      self->event_id = event_id;
      bo_checkin_tally_set_event_id (self->tally, event_id);
      bo_checkin_search_set_event_id (self->search, event_id);
      on_direction_toggled_cb (self);
      update_stack (self);
    }
  update_gate_label (self);
}

static void
on_event_changed_cb (BoSession     *session,
                     GParamSpec    *pspec,
                     BoCheckinPage *self)
{
  follow_event (self);
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

  /* Scans still in the worker are recorded all the same; they are just not shown. */
  if (self->recorder != NULL)
    g_signal_handlers_disconnect_by_data (self->recorder, self);
  g_clear_object (&self->recorder);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (bo_checkin_page_parent_class)->dispose (object);
}

static void
bo_checkin_page_class_init (BoCheckinPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_checkin_page_dispose;

  widget_class->map = bo_checkin_page_map;

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
  GSettings *settings;
  BoWorker *worker;

  g_return_if_fail (BO_IS_CHECKIN_PAGE (self));
  g_return_if_fail (session == NULL || BO_IS_SESSION (session));

  /* Before disconnecting: the same session again must keep its handlers and bindings. */
  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      settings = bo_session_get_settings (self->session);
      if (settings != NULL)
        {
          g_signal_handlers_disconnect_by_func (settings, on_gate_name_changed_cb, self);
          g_settings_unbind (self->verdict, "sound");
        }
      g_signal_handlers_disconnect_by_data (self->session, self);
    }
  g_set_object (&self->session, session);

  worker = get_worker (self);
  bo_checkin_recorder_set_worker (self->recorder, worker);
  bo_checkin_tally_set_worker (self->tally, worker);
  bo_checkin_search_set_worker (self->search, worker);

  settings = get_settings (self);
  if (settings != NULL)
    {
      g_signal_connect_object (settings, "changed::gate-name",
                               G_CALLBACK (on_gate_name_changed_cb), self, 0);
      g_settings_bind (settings, "scan-sound", self->verdict, "sound", G_SETTINGS_BIND_GET);
    }
  else
    bo_checkin_verdict_set_sound (self->verdict, TRUE);

  if (session != NULL)
    {
      g_signal_connect (session, "notify::event", G_CALLBACK (on_event_changed_cb), self);
      g_signal_connect (session, "data-changed", G_CALLBACK (on_data_changed_cb), self);
    }
  follow_event (self);
  update_stack (self);
}

void
bo_checkin_page_submit (BoCheckinPage *self,
                        const char    *code)
{
  g_autofree char *gate = NULL;

  g_return_if_fail (BO_IS_CHECKIN_PAGE (self));

  if (self->session == NULL)
    return;

  gate = get_gate (self);
  bo_checkin_recorder_submit (self->recorder, bo_session_get_event_id (self->session),
                              bo_session_get_operator (self->session), code, gate,
                              get_direction (self));
}

void
bo_checkin_page_focus_scan (BoCheckinPage *self)
{
  g_return_if_fail (BO_IS_CHECKIN_PAGE (self));

  /* After the current event: a stack or revealer may still be moving the entry in. */
  g_idle_add_full (G_PRIORITY_DEFAULT, focus_idle_cb, g_object_ref (self), NULL);
}
