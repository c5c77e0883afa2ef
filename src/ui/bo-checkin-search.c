/* bo-checkin-search.c — find an attendee by name or order code, and check them in by hand
 *
 * For the guest whose phone died or whose paper got wet: the door looks them up by name or
 * order code and presses "Check In", which goes through the same scan as a scanned code
 * (the "check-in" signal). Queries run in the database worker as the text changes
 * (GtkSearchEntry's "search-changed" already waits for a pause in the typing); only the answer
 * to the latest one is shown. The worker is the window's only one and a query scans the
 * event's tickets, so each query has its own cancellable, cancelled as soon as another query
 * replaces it: the worker skips a cancelled job still in its queue instead of running every
 * keystroke's scan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "domain/bo-attendee.h"
#include "ui/bo-checkin-search.h"
#include "ui/bo-format.h"

#define SEARCH_LIMIT     50
#define SEARCH_MIN_CHARS 2

struct _BoCheckinSearch
{
  AdwBin parent_instance;

  BoWorker       *worker;
  GCancellable   *cancellable;  /* the latest query's; replaced by each query */
  gint64          event_id;
  guint           serial;

  /* Template widgets */
  GtkSearchEntry *search_entry;
  GtkStack       *results_stack;
  AdwStatusPage  *results_status;
  GtkListBox     *results_list;
};

G_DEFINE_FINAL_TYPE (BoCheckinSearch, bo_checkin_search, ADW_TYPE_BIN)

enum {
  CHECK_IN,
  STOPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_search (BoCheckinSearch *self);

/* The worker's side ----------------------------------------------------------------------- */

typedef struct
{
  gint64  event_id;
  char   *query;
} SearchJob;

static void
search_job_free (gpointer data)
{
  SearchJob *job = data;

  g_free (job->query);
  g_free (job);
}

static gboolean
search_in_worker (BoStore         *store,
                  BoDevice        *device,
                  gpointer         job_data,
                  gpointer        *out_result,
                  GDestroyNotify  *out_free,
                  GCancellable    *cancellable,
                  GError         **error)
{
  SearchJob *job = job_data;
  GPtrArray *hits = bo_attendee_search (store, job->event_id, job->query, SEARCH_LIMIT,
                                        cancellable, error);

  if (hits == NULL)
    return FALSE;
  *out_result = hits;
  *out_free = (GDestroyNotify) g_ptr_array_unref;
  return TRUE;
}

/* The results ---------------------------------------------------------------------------- */

static void
show_hint (BoCheckinSearch *self,
           const char      *title,
           const char      *description)
{
  adw_status_page_set_title (self->results_status, title);
  adw_status_page_set_description (self->results_status, description);
  gtk_stack_set_visible_child_name (self->results_stack, "hint");
}

static void
on_result_check_in_clicked_cb (GtkButton       *button,
                               BoCheckinSearch *self)
{
  const char *secret = g_object_get_data (G_OBJECT (button), "secret");

  g_signal_emit (self, signals[CHECK_IN], 0, secret);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
}

static GtkWidget *
create_result_row (BoCheckinSearch *self,
                   const BoAttendee *hit)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  const char *name = hit->attendee_name != NULL && hit->attendee_name[0] != '\0'
                     ? hit->attendee_name : _("No name");
  g_autoptr(GString) subtitle = g_string_new (hit->ticket_type_name);
  g_autofree char *escaped_name = g_markup_escape_text (name, -1);
  g_autofree char *escaped_subtitle = NULL;
  g_autofree char *button_label = NULL;
  gboolean cancelled = g_strcmp0 (hit->status, "cancelled") == 0;

  if (hit->order_code != NULL)
    g_string_append_printf (subtitle, " · %s", hit->order_code);
  if (cancelled)
    g_string_append_printf (subtitle, " · %s", _("cancelled"));
  else if (hit->inside_since != NULL)
    {
      g_autofree char *when = bo_format_clock_time (hit->inside_since, TRUE);
      /* Translators: a ticket in the attendee search: inside since a time. */
      g_autofree char *inside = g_strdup_printf (_("inside since %s"), when);

      g_string_append_printf (subtitle, " · %s", inside);
    }

  escaped_subtitle = g_markup_escape_text (subtitle->str, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);

  button = gtk_button_new_with_label (_("Check In"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, !cancelled && hit->inside_since == NULL);
  /* Translators: the accessible name of a search result's button. */
  button_label = g_strdup_printf (_("Check in %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, button_label, -1);
  g_object_set_data_full (G_OBJECT (button), "secret", g_strdup (hit->secret), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_result_check_in_clicked_cb),
                           self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

typedef struct
{
  BoCheckinSearch *self;
  guint            serial;
} SearchCall;

static void
on_search_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autofree SearchCall *call = user_data;
  g_autoptr(BoCheckinSearch) self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  GtkWidget *child;

  hits = bo_worker_run_finish (BO_WORKER (source), result, start_search, &error);

  /* Only the answer to the latest query counts. */
  if (call->serial != self->serial || self->worker == NULL ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);

  if (hits == NULL)
    {
      show_hint (self, _("Search Failed"), error->message);
      return;
    }

  if (hits->len == 0)
    {
      show_hint (self, _("No Attendee Found"), _("Check the spelling, or try the order code."));
      return;
    }

  for (guint i = 0; i < hits->len; i++)
    gtk_list_box_append (self->results_list, create_result_row (self, g_ptr_array_index (hits, i)));
  gtk_stack_set_visible_child_name (self->results_stack, "results");
}

static void
cancel_query (BoCheckinSearch *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static void
start_search (BoCheckinSearch *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *query = g_strstrip (g_strdup (text));
  SearchCall *call;
  SearchJob *job;

  self->serial++;
  cancel_query (self);

  if (self->worker == NULL || self->event_id <= 0 || g_utf8_strlen (query, -1) < SEARCH_MIN_CHARS)
    {
      show_hint (self, _("Find an Attendee"),
                 _("Type at least two letters of a name, or an order code."));
      return;
    }

  job = g_new0 (SearchJob, 1);
  job->event_id = self->event_id;
  job->query = g_steal_pointer (&query);
  call = g_new0 (SearchCall, 1);
  call->self = g_object_ref (self);
  call->serial = self->serial;
  self->cancellable = g_cancellable_new ();
  bo_worker_run_async (self->worker, start_search, search_in_worker, job, search_job_free,
                       self->cancellable, on_search_done_cb, call);
}

/* Signal callbacks, overrides ------------------------------------------------------------ */

static void
on_search_changed_cb (BoCheckinSearch *self)
{
  start_search (self);
}

static void
on_stop_search_cb (BoCheckinSearch *self)
{
  /* The search is closed: its pending answer would be for nobody. */
  self->serial++;
  cancel_query (self);
  g_signal_emit (self, signals[STOPPED], 0);
}

static void
bo_checkin_search_dispose (GObject *object)
{
  BoCheckinSearch *self = BO_CHECKIN_SEARCH (object);

  self->serial++;
  cancel_query (self);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (bo_checkin_search_parent_class)->dispose (object);
}

static void
bo_checkin_search_class_init (BoCheckinSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_checkin_search_dispose;

  signals[CHECK_IN] =
    g_signal_new ("check-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[STOPPED] =
    g_signal_new ("stopped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/bo-checkin-search.ui");
  gtk_widget_class_bind_template_child (widget_class, BoCheckinSearch, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinSearch, results_stack);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinSearch, results_status);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinSearch, results_list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
}

static void
bo_checkin_search_init (BoCheckinSearch *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API ----------------------------------------------------------------------------- */

void
bo_checkin_search_set_worker (BoCheckinSearch *self,
                              BoWorker        *worker)
{
  g_return_if_fail (BO_IS_CHECKIN_SEARCH (self));
  g_return_if_fail (worker == NULL || BO_IS_WORKER (worker));

  if (g_set_object (&self->worker, worker))
    start_search (self);
}

void
bo_checkin_search_set_event_id (BoCheckinSearch *self,
                                gint64           event_id)
{
  g_return_if_fail (BO_IS_CHECKIN_SEARCH (self));

  if (self->event_id == event_id)
    return;

  self->event_id = event_id;
  start_search (self);
}

void
bo_checkin_search_clear (BoCheckinSearch *self)
{
  g_return_if_fail (BO_IS_CHECKIN_SEARCH (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

void
bo_checkin_search_focus (BoCheckinSearch *self)
{
  g_return_if_fail (BO_IS_CHECKIN_SEARCH (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
