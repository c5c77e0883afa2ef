/* bo-checkin-page.c — the door: scan tickets, see the verdict, find attendees
 *
 * Keyboard-wedge scanners type a whole code in a few milliseconds and end it with Enter. The
 * scan entry therefore keeps the focus whenever the page is shown (typing that lands anywhere
 * else on the page is forwarded to it), is never made insensitive, and is emptied in the same
 * main-loop turn as the Enter that submits it: the next code starts in an empty entry while
 * the previous one is still being judged in the worker thread. Scans are judged and recorded
 * in the order they were made, one after the other, by a worker with its own store connection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "domain/bo-checkin.h"
#include "domain/bo-event.h"
#include "domain/bo-operator.h"
#include "ui/bo-checkin-page.h"
#include "ui/bo-worker.h"

/* A second identical code within this time is the scanner reading the same code twice, not
 * a second scan. */
#define DOUBLE_READ_US   (800 * G_TIME_SPAN_MILLISECOND)
#define COUNT_REFRESH_S  30
/* The counts follow a scan (or a burst of them) this long after the last one. */
#define COUNT_AFTER_SCAN_MS 1000
#define SEARCH_LIMIT     50
#define SEARCH_MIN_CHARS 2

struct _BoCheckinPage
{
  AdwBin parent_instance;

  GSettings     *settings;
  BoWorker      *worker;
  BoSession     *session;
  GCancellable  *cancellable;
  gint64         event_id;
  gint64         operator_id;

  char          *last_code;
  gint64         last_code_time;
  guint          scans_in_flight;
  guint          search_serial;
  guint          count_timeout_id;
  guint          count_soon_id;
  guint          bell_timeout_id;

  /* Template widgets */
  GtkStack        *stack;
  AdwStatusPage   *no_event_page;
  GtkLabel        *gate_label;
  GtkToggleButton *entry_toggle;
  GtkToggleButton *exit_toggle;
  GtkToggleButton *search_toggle;
  GtkEntry        *scan_entry;
  GtkBox          *verdict_box;
  GtkImage        *verdict_icon;
  GtkLabel        *verdict_title;
  GtkLabel        *verdict_detail;
  GtkLabel        *verdict_ticket;
  GtkLabel        *inside_label;
  GtkLabel        *valid_label;
  GtkRevealer     *search_revealer;
  GtkSearchEntry  *search_entry;
  GtkStack        *results_stack;
  AdwStatusPage   *results_status;
  GtkListBox      *results_list;
};

static void refresh_counts (BoCheckinPage *self);
static void start_search   (BoCheckinPage *self);

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
  gint64       event_id;
  gint64       operator_id;
  char        *code;
  char        *gate;
  BoDirection  direction;
} ScanJob;

typedef struct
{
  BoCheckin *checkin;
  GError    *error;   /* malformed input, not allowed, store failure: nothing recorded */
  char      *code;
} ScanResult;

typedef struct
{
  char   *event_name;
  gint64  inside;
  gint64  valid;
} CountResult;

typedef struct
{
  gint64  event_id;
  char   *query;
} SearchJob;

typedef struct
{
  char *secret;
  char *attendee_name;
  char *order_code;
  char *ticket_type_name;
  char *status;
  char *inside_since;
} SearchHit;

static void
scan_job_free (gpointer data)
{
  ScanJob *job = data;

  g_free (job->code);
  g_free (job->gate);
  g_free (job);
}

static void
scan_result_free (gpointer data)
{
  ScanResult *result = data;

  g_clear_object (&result->checkin);
  g_clear_error (&result->error);
  g_free (result->code);
  g_free (result);
}

static void
count_result_free (gpointer data)
{
  CountResult *result = data;

  g_free (result->event_name);
  g_free (result);
}

static void
search_job_free (gpointer data)
{
  SearchJob *job = data;

  g_free (job->query);
  g_free (job);
}

static void
search_hit_free (gpointer data)
{
  SearchHit *hit = data;

  g_free (hit->secret);
  g_free (hit->attendee_name);
  g_free (hit->order_code);
  g_free (hit->ticket_type_name);
  g_free (hit->status);
  g_free (hit->inside_since);
  g_free (hit);
}

static gboolean
scan_in_worker (BoStore         *store,
                BoDevice        *device,
                gpointer         job_data,
                gpointer        *out_result,
                GDestroyNotify  *out_free,
                GCancellable    *cancellable,
                GError         **error)
{
  ScanJob *job = job_data;
  ScanResult *result = g_new0 (ScanResult, 1);
  g_autoptr(BoOperator) operator = NULL;

  result->code = g_strdup (job->code);

  /* Scans are never cancelled: a code that was scanned is recorded, even when the page goes
   * away meanwhile. */
  if (job->operator_id > 0)
    {
      operator = bo_operator_lookup (store, job->operator_id, &result->error);
      if (operator == NULL)
        {
          *out_result = result;
          *out_free = scan_result_free;
          return TRUE;
        }
    }

  /* Only the scan: counting reads every ticket of the event (some 150 ms with a million), and
   * the verdict is shown as soon as the scan is recorded; the counts follow (count_soon). */
  result->checkin = bo_checkin_scan (store, device, operator, job->event_id, job->code,
                                     job->gate, job->direction, &result->error);
  *out_result = result;
  *out_free = scan_result_free;
  return TRUE;
}

static gboolean
count_in_worker (BoStore         *store,
                 BoDevice        *device,
                 gpointer         job_data,
                 gpointer        *out_result,
                 GDestroyNotify  *out_free,
                 GCancellable    *cancellable,
                 GError         **error)
{
  gint64 event_id = GPOINTER_TO_SIZE (job_data);
  g_autoptr(BoEvent) event = NULL;
  CountResult *result;
  gint64 inside, valid;

  if (!bo_checkin_count (store, event_id, &inside, &valid, error))
    return FALSE;

  result = g_new0 (CountResult, 1);
  result->inside = inside;
  result->valid = valid;
  event = bo_event_lookup (store, event_id, NULL);
  if (event != NULL)
    result->event_name = g_strdup (bo_event_get_name (event));
  *out_result = result;
  *out_free = count_result_free;
  return TRUE;
}

static char *
escape_like (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* No core query lists the tickets of an event by attendee or order yet; this one reads only,
 * in the worker, with bound parameters. A ticket is inside when its latest accepted scan here
 * is an entry, or the server reported it checked in. */
#define SEARCH_SQL                                                                         \
  "SELECT t.secret, t.attendee_name, coalesce (t.order_code, o.code, substr (o.uuid, 1, 8)),"  \
  "       tt.name, t.status,"                                                              \
  "       (SELECT CASE c.direction WHEN 'entry' THEN c.scanned_at END FROM checkins c"     \
  "         WHERE c.secret = t.secret AND c.event_id = t.event_id"                         \
  "           AND c.verdict = 'accepted' ORDER BY c.id DESC LIMIT 1),"                     \
  "       t.checked_in_at"                                                                 \
  "  FROM tickets t"                                                                       \
  "  JOIN ticket_types tt ON tt.id = t.ticket_type_id"                                     \
  "  LEFT JOIN orders o ON o.id = t.order_id"                                              \
  " WHERE t.event_id = ?1"                                                                 \
  "   AND (t.attendee_name LIKE '%' || ?2 || '%' ESCAPE '\\'"                              \
  "        OR t.order_code = ?3 COLLATE NOCASE"                                            \
  "        OR o.code = ?3 COLLATE NOCASE"                                                  \
  "        OR (length (?3) >= 6 AND o.uuid LIKE ?2 || '%' ESCAPE '\\'))"                   \
  " ORDER BY t.attendee_name, t.id"                                                        \
  " LIMIT ?4"

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
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (search_hit_free);
  g_autofree char *pattern = escape_like (job->query);
  sqlite3_stmt *stmt;
  int rc;

  stmt = bo_store_prepare (store, SEARCH_SQL, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, job->event_id);
  sqlite3_bind_text (stmt, 2, pattern, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, job->query, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, SEARCH_LIMIT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SearchHit *hit = g_new0 (SearchHit, 1);

      hit->secret = bo_store_column_dup_text (stmt, 0);
      hit->attendee_name = bo_store_column_dup_text (stmt, 1);
      hit->order_code = bo_store_column_dup_text (stmt, 2);
      hit->ticket_type_name = bo_store_column_dup_text (stmt, 3);
      hit->status = bo_store_column_dup_text (stmt, 4);
      hit->inside_since = bo_store_column_dup_text (stmt, 5);
      if (hit->inside_since == NULL)
        hit->inside_since = bo_store_column_dup_text (stmt, 6);
      g_ptr_array_add (hits, hit);

      if (g_cancellable_is_cancelled (cancellable))
        break;
    }

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      bo_store_set_error (store, error, "search");
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  *out_result = g_steal_pointer (&hits);
  *out_free = (GDestroyNotify) g_ptr_array_unref;
  return TRUE;
}

/* Helpers ------------------------------------------------------------------------------------ */

static char *
format_time (const char *rfc3339)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (rfc3339 == NULL)
    return NULL;

  utc = g_date_time_new_from_iso8601 (rfc3339, NULL);
  if (utc == NULL)
    return g_strdup (rfc3339);

  local = g_date_time_to_local (utc);
  now = g_date_time_new_now_local ();
  if (g_date_time_get_year (now) == g_date_time_get_year (local)
      && g_date_time_get_day_of_year (now) == g_date_time_get_day_of_year (local))
    return g_date_time_format (local, "%H:%M:%S");

  return g_date_time_format (local, "%x %H:%M");
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
  g_autofree char *gate = NULL;

  if (self->settings != NULL)
    gate = g_settings_get_string (self->settings, "gate-name");

  if (gate == NULL || gate[0] == '\0')
    return NULL;

  return g_steal_pointer (&gate);
}

static void
ensure_css (void)
{
  static GdkDisplay *loaded_for;
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || display == loaded_for)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/bo-checkin-page.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  loaded_for = display;
}

static void
update_gate_label (BoCheckinPage *self,
                   const char    *event_name)
{
  g_autofree char *gate = get_gate (self);
  g_autofree char *text = NULL;

  if (event_name != NULL)
    g_object_set_data_full (G_OBJECT (self->gate_label), "event-name", g_strdup (event_name),
                            g_free);
  else
    event_name = g_object_get_data (G_OBJECT (self->gate_label), "event-name");

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
set_counts (BoCheckinPage *self,
            gint64         inside,
            gint64         valid)
{
  g_autofree char *inside_text = NULL;
  g_autofree char *valid_text = NULL;

  /* Translators: people inside the venue now. */
  inside_text = g_strdup_printf (_("%" G_GINT64_FORMAT " in"), inside);
  /* Translators: valid tickets of the event that this counter knows. */
  valid_text = g_strdup_printf (_("of %" G_GINT64_FORMAT " tickets"), valid);
  gtk_label_set_text (self->inside_label, inside_text);
  gtk_label_set_text (self->valid_label, valid_text);
}

static void
set_verdict_style (BoCheckinPage *self,
                   const char    *style,
                   const char    *icon_name)
{
  const char *styles[] = { "idle", "accepted", "duplicate", "refused" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_box), styles[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_box), style);
  gtk_image_set_from_icon_name (self->verdict_icon, icon_name);
}

static void
set_verdict_text (BoCheckinPage *self,
                  const char    *verdict,
                  const char    *title,
                  const char    *detail,
                  const char    *ticket)
{
  g_autofree char *description = NULL;

  gtk_label_set_text (self->verdict_title, title);
  gtk_label_set_text (self->verdict_detail, detail != NULL ? detail : "");
  gtk_label_set_text (self->verdict_ticket, ticket != NULL ? ticket : "");
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_detail), detail != NULL && detail[0] != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_ticket), ticket != NULL && ticket[0] != '\0');

  /* The box as a whole reads "Accepted. Standing · Ana" to a screen reader; the machine
   * verdict (accepted, duplicate, …) is its description, which tests rely on. */
  description = g_strdup_printf ("%s. %s", title, detail != NULL ? detail : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, verdict,
                                  -1);
}

static gboolean
second_bell_cb (gpointer user_data)
{
  BoCheckinPage *self = user_data;

  self->bell_timeout_id = 0;
  gtk_widget_error_bell (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* One bell for a ticket let through, two for one refused: the door staff hears the
 * difference without looking. The bell is the display's own, so it needs no sound files,
 * no media framework and works offline. */
static void
play_cue (BoCheckinPage *self,
          gboolean       accepted)
{
  if (self->settings != NULL && !g_settings_get_boolean (self->settings, "scan-sound"))
    return;

  gtk_widget_error_bell (GTK_WIDGET (self));
  if (!accepted)
    {
      g_clear_handle_id (&self->bell_timeout_id, g_source_remove);
      self->bell_timeout_id = g_timeout_add (180, second_bell_cb, self);
    }
}

static void
show_checkin (BoCheckinPage *self,
              BoCheckin     *checkin)
{
  BoVerdict verdict = bo_checkin_get_verdict (checkin);
  const char *name = bo_checkin_get_attendee_name (checkin);
  const char *type_name = bo_checkin_get_ticket_type_name (checkin);
  const char *order = bo_checkin_get_order_code (checkin);
  g_autofree char *detail = NULL;
  g_autoptr(GString) ticket = g_string_new (NULL);
  const char *style, *icon;

  switch (verdict)
    {
    case BO_VERDICT_ACCEPTED:
      style = "accepted";
      icon = "emblem-ok-symbolic";
      if (bo_checkin_get_direction (checkin) == BO_DIRECTION_EXIT)
        detail = g_strdup (bo_checkin_get_detail (checkin));
      break;

    case BO_VERDICT_DUPLICATE:
      style = "duplicate";
      icon = "dialog-warning-symbolic";
      if (bo_checkin_get_first_scanned_at (checkin) != NULL)
        {
          g_autofree char *when = format_time (bo_checkin_get_first_scanned_at (checkin));
          const char *gate = bo_checkin_get_first_gate (checkin);

          if (gate != NULL && gate[0] != '\0')
            /* Translators: a duplicate ticket: when and at which gate it first came in. */
            detail = g_strdup_printf (_("First scanned at %s, %s"), when, gate);
          else
            detail = g_strdup_printf (_("First scanned at %s"), when);
        }
      else
        detail = g_strdup (bo_checkin_get_detail (checkin));
      break;

    case BO_VERDICT_UNKNOWN:
    case BO_VERDICT_CANCELLED:
    case BO_VERDICT_WRONG_EVENT:
    case BO_VERDICT_INVALID_SIGNATURE:
    default:
      style = "refused";
      icon = "action-unavailable-symbolic";
      detail = g_strdup (bo_checkin_get_detail (checkin));
      break;
    }

  if (type_name != NULL)
    g_string_append (ticket, type_name);
  if (name != NULL && name[0] != '\0')
    g_string_append_printf (ticket, "%s%s", ticket->len > 0 ? " · " : "", name);
  if (order != NULL && order[0] != '\0')
    {
      /* Translators: an order code on the check-in screen. */
      g_autofree char *order_text = g_strdup_printf (_("Order %s"), order);

      g_string_append_printf (ticket, "%s%s", ticket->len > 0 ? " · " : "", order_text);
    }

  set_verdict_style (self, style, icon);
  set_verdict_text (self, bo_verdict_to_string (verdict), bo_verdict_describe (verdict),
                    detail, ticket->str);
  play_cue (self, verdict == BO_VERDICT_ACCEPTED);
}

static void
show_scan_error (BoCheckinPage *self,
                 const char    *code,
                 const GError  *error)
{
  const char *title;
  const char *verdict;

  if (g_error_matches (error, BO_CHECKIN_ERROR, BO_CHECKIN_ERROR_MALFORMED))
    {
      title = _("Unreadable Code");
      verdict = "invalid";
    }
  else if (g_error_matches (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_NOT_ALLOWED))
    {
      title = _("Not Allowed");
      verdict = "not_allowed";
    }
  else
    {
      /* Nothing was recorded: the code stays on screen so that it can be scanned again. */
      title = _("Not Recorded");
      verdict = "error";
    }

  set_verdict_style (self, "refused", "dialog-error-symbolic");
  set_verdict_text (self, verdict, title, error->message, code);
  play_cue (self, FALSE);
}

/* Signal callbacks and async completions ------------------------------------------------------ */

static void
on_count_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BoCheckinPage) self = user_data;
  g_autoptr(GError) error = NULL;
  CountResult *counts;

  counts = bo_worker_run_finish (BO_WORKER (source), result, refresh_counts, &error);
  if (counts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot count check-ins: %s", error->message);
      return;
    }

  if (BO_WORKER (source) == self->worker)
    {
      set_counts (self, counts->inside, counts->valid);
      update_gate_label (self, counts->event_name);
    }
  count_result_free (counts);
}

static void
refresh_counts (BoCheckinPage *self)
{
  /* Counting reads every ticket of the event (some 150 ms with a million of them) on the
   * database worker, where it would hold up the sign-in and the sales queued behind it: only
   * for the page on screen. Mapping the page counts. */
  if (self->worker == NULL || self->event_id <= 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  bo_worker_run_async (self->worker, refresh_counts, count_in_worker,
                       GSIZE_TO_POINTER (self->event_id), NULL, self->cancellable,
                       on_count_done_cb, g_object_ref (self));
}

static gboolean
count_timeout_cb (gpointer user_data)
{
  BoCheckinPage *self = user_data;

  /* Other doors and the server change the counts too. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->scans_in_flight == 0)
    refresh_counts (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
count_soon_cb (gpointer user_data)
{
  BoCheckinPage *self = user_data;

  self->count_soon_id = 0;
  if (self->scans_in_flight == 0)
    refresh_counts (self);
  return G_SOURCE_REMOVE;
}

static void
on_scan_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BoCheckinPage) self = user_data;
  g_autoptr(GError) error = NULL;
  ScanResult *scan;

  g_assert (self->scans_in_flight > 0);
  self->scans_in_flight--;

  scan = bo_worker_run_finish (BO_WORKER (source), result, bo_checkin_page_submit, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      /* The page is gone; the scan was recorded all the same. */
      g_clear_pointer (&scan, scan_result_free);
      return;
    }

  if (scan == NULL)
    {
      /* The worker could not even open the store. */
      show_scan_error (self, NULL, error);
      return;
    }

  if (scan->checkin != NULL)
    show_checkin (self, scan->checkin);
  else
    show_scan_error (self, scan->code, scan->error);

  /* One count after a burst of scans, not one per scan: the worker stays free for them. */
  g_clear_handle_id (&self->count_soon_id, g_source_remove);
  self->count_soon_id = g_timeout_add (COUNT_AFTER_SCAN_MS, count_soon_cb, self);

  scan_result_free (scan);
}

static void
on_scan_entry_activate_cb (BoCheckinPage *self)
{
  g_autofree char *code = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->scan_entry)));

  /* Emptied at once, in this very turn of the main loop, so that the next scan's characters
   * start a new code. */
  gtk_editable_set_text (GTK_EDITABLE (self->scan_entry), "");

  bo_checkin_page_submit (self, code);
}

static void
on_direction_toggled_cb (BoCheckinPage *self)
{
  set_verdict_style (self, "idle", "camera-web-symbolic");
  set_verdict_text (self, "idle",
                    get_direction (self) == BO_DIRECTION_EXIT ? _("Scanning Exits")
                                                              : _("Ready to Scan"),
                    NULL, NULL);
  bo_checkin_page_focus_scan (self);
}

static void
on_result_check_in_clicked_cb (GtkButton     *button,
                               BoCheckinPage *self)
{
  const char *secret = g_object_get_data (G_OBJECT (button), "secret");

  bo_checkin_page_submit (self, secret);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
}

static GtkWidget *
create_result_row (BoCheckinPage   *self,
                   const SearchHit *hit)
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
      g_autofree char *when = format_time (hit->inside_since);
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
  BoCheckinPage *self;
  guint          serial;
} SearchCall;

static void
on_search_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autofree SearchCall *call = user_data;
  g_autoptr(BoCheckinPage) self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  GtkWidget *child;

  hits = bo_worker_run_finish (BO_WORKER (source), result, start_search, &error);

  /* Only the answer to the latest query counts. */
  if (g_cancellable_is_cancelled (self->cancellable) || call->serial != self->search_serial)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);

  if (hits == NULL)
    {
      adw_status_page_set_title (self->results_status, _("Search Failed"));
      adw_status_page_set_description (self->results_status, error->message);
      gtk_stack_set_visible_child_name (self->results_stack, "hint");
      return;
    }

  if (hits->len == 0)
    {
      adw_status_page_set_title (self->results_status, _("No Attendee Found"));
      adw_status_page_set_description (self->results_status,
                                       _("Check the spelling, or try the order code."));
      gtk_stack_set_visible_child_name (self->results_stack, "hint");
      return;
    }

  for (guint i = 0; i < hits->len; i++)
    gtk_list_box_append (self->results_list, create_result_row (self, g_ptr_array_index (hits, i)));
  gtk_stack_set_visible_child_name (self->results_stack, "results");
}

static void
start_search (BoCheckinPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *query = g_strstrip (g_strdup (text));
  SearchCall *call;
  SearchJob *job;

  self->search_serial++;

  if (self->worker == NULL || self->event_id <= 0 || g_utf8_strlen (query, -1) < SEARCH_MIN_CHARS)
    {
      adw_status_page_set_title (self->results_status, _("Find an Attendee"));
      adw_status_page_set_description (self->results_status,
                                       _("Type at least two letters of a name, or an order code."));
      gtk_stack_set_visible_child_name (self->results_stack, "hint");
      return;
    }

  job = g_new0 (SearchJob, 1);
  job->event_id = self->event_id;
  job->query = g_steal_pointer (&query);
  call = g_new0 (SearchCall, 1);
  call->self = g_object_ref (self);
  call->serial = self->search_serial;
  bo_worker_run_async (self->worker, start_search, search_in_worker, job, search_job_free,
                       self->cancellable, on_search_done_cb, call);
}

static void
on_search_changed_cb (BoCheckinPage *self)
{
  start_search (self);
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
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      bo_checkin_page_focus_scan (self);
    }
}

static gboolean
focus_is_editable_inside (BoCheckinPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL)
    return FALSE;

  return gtk_widget_is_ancestor (focus, GTK_WIDGET (self->scan_entry))
         || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_entry));
}

/* Typing that reaches the page while the focus is on a button (say, after the entry/exit
 * toggle was clicked) belongs to the scan entry: a scanner does not know where the focus is. */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   BoCheckinPage         *self)
{
  GtkWidget *text;
  gunichar ch;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self->scan_entry)) || focus_is_editable_inside (self))
    return GDK_EVENT_PROPAGATE;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  ch = gdk_keyval_to_unicode (keyval);
  if (ch == 0 || !g_unichar_isprint (ch))
    return GDK_EVENT_PROPAGATE;

  text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->scan_entry)));
  gtk_entry_grab_focus_without_selecting (self->scan_entry);
  return gtk_event_controller_key_forward (controller, text);
}

static gboolean
focus_idle_cb (gpointer user_data)
{
  g_autoptr(BoCheckinPage) self = user_data;

  if (gtk_widget_get_mapped (GTK_WIDGET (self->scan_entry))
      && !gtk_toggle_button_get_active (self->search_toggle))
    gtk_entry_grab_focus_without_selecting (self->scan_entry);
  return G_SOURCE_REMOVE;
}

/* Overrides ------------------------------------------------------------------------------------ */

static void
bo_checkin_page_map (GtkWidget *widget)
{
  BoCheckinPage *self = BO_CHECKIN_PAGE (widget);

  GTK_WIDGET_CLASS (bo_checkin_page_parent_class)->map (widget);

  refresh_counts (self);
  bo_checkin_page_focus_scan (self);
}

static void
bo_checkin_page_dispose (GObject *object)
{
  BoCheckinPage *self = BO_CHECKIN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->count_timeout_id, g_source_remove);
  g_clear_handle_id (&self->count_soon_id, g_source_remove);
  g_clear_handle_id (&self->bell_timeout_id, g_source_remove);
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
  g_free (self->last_code);

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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/bo-checkin-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, no_event_page);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, gate_label);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, entry_toggle);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, exit_toggle);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, search_toggle);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, scan_entry);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, verdict_title);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, verdict_detail);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, verdict_ticket);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, inside_label);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, valid_label);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, search_revealer);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, results_status);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinPage, results_list);
  gtk_widget_class_bind_template_callback (widget_class, on_scan_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_direction_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stopped_cb);

  gtk_widget_class_set_css_name (widget_class, "checkinpage");
}

static void
bo_checkin_page_init (BoCheckinPage *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_css ();

  self->cancellable = g_cancellable_new ();

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  set_counts (self, 0, 0);
  update_gate_label (self, NULL);
  on_direction_toggled_cb (self);
  gtk_stack_set_visible_child_name (self->stack, "no-event");

  self->count_timeout_id = g_timeout_add_seconds (COUNT_REFRESH_S, count_timeout_cb, self);
}

/* Public API ------------------------------------------------------------------------------------ */

BoCheckinPage *
bo_checkin_page_new (void)
{
  return g_object_new (BO_TYPE_CHECKIN_PAGE, NULL);
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
on_session_changed_cb (BoSession     *session,
                       GParamSpec    *pspec,
                       BoCheckinPage *self)
{
  BoOperator *operator = bo_session_get_operator (session);

  bo_checkin_page_set_event_id (self, bo_session_get_event_id (session));
  bo_checkin_page_set_operator_id (self, operator != NULL ? bo_operator_get_id (operator) : 0);
}

void
bo_checkin_page_set_session (BoCheckinPage *self,
                             BoSession     *session)
{
  g_return_if_fail (BO_IS_CHECKIN_PAGE (self));
  g_return_if_fail (session == NULL || BO_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (!g_set_object (&self->session, session))
    return;

  if (session == NULL)
    return;

  bo_checkin_page_set_worker (self, bo_session_get_worker (session));
  bo_checkin_page_set_settings (self, bo_session_get_settings (session));
  g_signal_connect (session, "notify::event", G_CALLBACK (on_session_changed_cb), self);
  g_signal_connect (session, "notify::operator", G_CALLBACK (on_session_changed_cb), self);
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

  update_stack (self);
  refresh_counts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKER]);
}

BoWorker *
bo_checkin_page_get_worker (BoCheckinPage *self)
{
  g_return_val_if_fail (BO_IS_CHECKIN_PAGE (self), NULL);

  return self->worker;
}

static void
on_gate_name_changed_cb (GSettings     *settings,
                         const char    *key,
                         BoCheckinPage *self)
{
  update_gate_label (self, NULL);
}

void
bo_checkin_page_set_settings (BoCheckinPage *self,
                              GSettings     *settings)
{
  g_return_if_fail (BO_IS_CHECKIN_PAGE (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, on_gate_name_changed_cb, self);

  if (!g_set_object (&self->settings, settings))
    return;

  if (settings != NULL)
    g_signal_connect_object (settings, "changed::gate-name",
                             G_CALLBACK (on_gate_name_changed_cb), self, 0);
  update_gate_label (self, NULL);
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
  g_object_set_data (G_OBJECT (self->gate_label), "event-name", NULL);
  update_gate_label (self, NULL);
  set_counts (self, 0, 0);
  on_direction_toggled_cb (self);
  update_stack (self);
  refresh_counts (self);
  if (gtk_toggle_button_get_active (self->search_toggle))
    start_search (self);
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
  g_autofree char *trimmed = NULL;
  gint64 now = g_get_monotonic_time ();
  ScanJob *job;

  g_return_if_fail (BO_IS_CHECKIN_PAGE (self));

  if (code == NULL)
    return;

  /* A bare Enter (or the LF of a scanner that ends codes with CR LF) is not a scan. */
  trimmed = g_strstrip (g_strdup (code));
  if (trimmed[0] == '\0')
    return;

  if (self->worker == NULL || self->event_id <= 0)
    return;

  if (g_strcmp0 (trimmed, self->last_code) == 0 && now - self->last_code_time < DOUBLE_READ_US)
    return;

  g_free (self->last_code);
  self->last_code = g_strdup (trimmed);
  self->last_code_time = now;

  job = g_new0 (ScanJob, 1);
  job->event_id = self->event_id;
  job->operator_id = self->operator_id;
  /* The raw code goes to the core, which validates it (length, control characters). */
  job->code = g_strdup (code);
  job->gate = get_gate (self);
  job->direction = get_direction (self);

  self->scans_in_flight++;
  /* No cancellable: a scan that was made is recorded. */
  bo_worker_run_async (self->worker, bo_checkin_page_submit, scan_in_worker, job, scan_job_free,
                       NULL, on_scan_done_cb, g_object_ref (self));
}

void
bo_checkin_page_focus_scan (BoCheckinPage *self)
{
  g_return_if_fail (BO_IS_CHECKIN_PAGE (self));

  /* After the current event: a stack or revealer may still be moving the entry in. */
  g_idle_add_full (G_PRIORITY_DEFAULT, focus_idle_cb, g_object_ref (self), NULL);
}
