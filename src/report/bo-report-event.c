/* bo-report-event.c — day and event reports: sales, channels and attendance per event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "report/bo-report-query-private.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "domain/bo-event.h"
#include "domain/bo-time.h"

static void
scope_clear (Scope *scope)
{
  g_clear_pointer (&scope->from, g_free);
  g_clear_pointer (&scope->to, g_free);
}

/* Channels and attendance, per event */

static gboolean
add_channels (BoReport   *report,
              BoStore    *store,
              GArray     *event_ids,
              GError    **error)
{
  BoReportSection *section;
  g_autoptr (BoChart) chart = NULL;
  guint here_series, other_series;
  gint64 here_total = 0, other_total = 0, sold_total = 0;
  guint row;

  section = bo_report_add_section (report, "channels", _("Sales by channel"),
                                   BO_REPORT_SECTION_TABLE);
  bo_report_section_set_note (section, _("Valid tickets to date. Other channels: the "
                                         "organizer's sold count for every channel (last "
                                         "sync) less this counter's tickets."));
  bo_report_section_add_column (section, "type", _("Ticket type"), BO_REPORT_VALUE_TEXT);
  bo_report_section_add_column (section, "here", _("This counter"), BO_REPORT_VALUE_COUNT);
  bo_report_section_add_column (section, "other", _("Other channels"), BO_REPORT_VALUE_COUNT);
  bo_report_section_add_column (section, "sold", _("Sold"), BO_REPORT_VALUE_COUNT);
  bo_report_section_add_column (section, "capacity", _("Capacity"), BO_REPORT_VALUE_COUNT);
  chart = bo_chart_new (_("Tickets by channel"), BO_CHART_UNIT_COUNT, NULL);
  here_series = bo_chart_add_series (chart, _("This counter"), BO_CHART_BARS);
  other_series = bo_chart_add_series (chart, _("Other channels"), BO_CHART_BARS);

  for (guint e = 0; e < event_ids->len; e++)
    {
      sqlite3_stmt *stmt;
      int rc;

      /* Tickets pulled from the server without an order here were sold elsewhere; the
       * catalogue's sold count also covers channels whose tickets are not pulled yet. */
      stmt = bo_store_prepare (store,
                               "SELECT tt.id, tt.name, tt.sold, tt.capacity, "
                               "  (SELECT count (*) FROM tickets t WHERE t.ticket_type_id = tt.id "
                               "    AND t.status = 'valid' AND t.order_id IS NOT NULL), "
                               "  (SELECT count (*) FROM tickets t WHERE t.ticket_type_id = tt.id "
                               "    AND t.status = 'valid' AND t.order_id IS NULL) "
                               "  FROM ticket_types tt WHERE tt.event_id = ?1 "
                               " ORDER BY tt.position, tt.id",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_array_index (event_ids, gint64, e));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autofree char *id = bo_report_id_string (sqlite3_column_int64 (stmt, 0));
          const char *name = (const char *) sqlite3_column_text (stmt, 1);
          gint64 sold = sqlite3_column_int64 (stmt, 2);
          gint64 here = sqlite3_column_int64 (stmt, 4);
          gint64 other = MAX (sold - here, sqlite3_column_int64 (stmt, 5));
          guint c = bo_chart_add_category (chart, name);

          row = bo_report_section_add_row (section, id, FALSE);
          bo_report_section_set_text (section, row, "type", name);
          bo_report_section_set_number (section, row, "here", BO_REPORT_VALUE_COUNT, here);
          bo_report_section_set_number (section, row, "other", BO_REPORT_VALUE_COUNT, other);
          bo_report_section_set_number (section, row, "sold", BO_REPORT_VALUE_COUNT, here + other);
          if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
            bo_report_section_set_number (section, row, "capacity", BO_REPORT_VALUE_COUNT,
                                          sqlite3_column_int64 (stmt, 3));
          bo_chart_set_value (chart, here_series, c, here);
          bo_chart_set_value (chart, other_series, c, other);
          here_total += here;
          other_total += other;
          sold_total += here + other;
        }
      if (!bo_report_finish_query (store, stmt, rc, "channels", error))
        return FALSE;
    }
  row = bo_report_section_add_row (section, "total", TRUE);
  bo_report_section_set_text (section, row, "type", _("Total"));
  bo_report_section_set_number (section, row, "here", BO_REPORT_VALUE_COUNT, here_total);
  bo_report_section_set_number (section, row, "other", BO_REPORT_VALUE_COUNT, other_total);
  bo_report_section_set_number (section, row, "sold", BO_REPORT_VALUE_COUNT, sold_total);
  bo_report_section_set_chart (section, chart);
  return TRUE;
}

/* A ticket is in when it was let in here (accepted entry scan) or the server says so. */
#define TICKET_ARRIVED \
  " (t.checked_in_at IS NOT NULL OR EXISTS (SELECT 1 FROM checkins c WHERE c.secret = t.secret" \
  "   AND c.event_id = t.event_id AND c.verdict = 'accepted' AND c.direction = 'entry')) "

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  return g_date_time_compare (*(GDateTime * const *) a, *(GDateTime * const *) b);
}

static gboolean
add_attendance (BoReport *report,
                BoStore  *store,
                GArray   *event_ids,
                GError  **error)
{
  static const int sizes[] = { 5, 10, 15, 30, 60, 120, 24 * 60 };
  BoReportSection *section;
  g_autoptr (BoChart) chart = NULL;
  g_autoptr (BoChart) arrivals_chart = NULL;
  g_autoptr (GTimeZone) tz = bo_report_zone (report);
  g_autoptr (GPtrArray) times = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_autoptr (GPtrArray) buckets = NULL;
  gint64 sold_total = 0, in_total = 0, unsynced = 0;
  guint sold_series, in_series, arrivals_series, row;

  section = bo_report_add_section (report, "attendance", _("Attendance"),
                                   BO_REPORT_SECTION_TABLE);
  bo_report_section_set_note (section, _("Checked in: let in at this counter or reported in by "
                                         "the server. No-shows: sold but not (yet) in."));
  bo_report_section_add_column (section, "type", _("Ticket type"), BO_REPORT_VALUE_TEXT);
  bo_report_section_add_column (section, "sold", _("Sold"), BO_REPORT_VALUE_COUNT);
  bo_report_section_add_column (section, "checked_in", _("Checked in"), BO_REPORT_VALUE_COUNT);
  bo_report_section_add_column (section, "no_shows", _("No-shows"), BO_REPORT_VALUE_COUNT);
  chart = bo_chart_new (_("Checked in vs sold"), BO_CHART_UNIT_COUNT, NULL);
  sold_series = bo_chart_add_series (chart, _("Sold"), BO_CHART_BARS);
  in_series = bo_chart_add_series (chart, _("Checked in"), BO_CHART_BARS);

  for (guint e = 0; e < event_ids->len; e++)
    {
      gint64 event_id = g_array_index (event_ids, gint64, e);
      sqlite3_stmt *stmt;
      int rc;

      stmt = bo_store_prepare (store,
                               "SELECT tt.id, tt.name, tt.sold, "
                               "  (SELECT count (*) FROM tickets t WHERE t.ticket_type_id = tt.id "
                               "    AND t.status = 'valid' AND" TICKET_ARRIVED ") "
                               "  FROM ticket_types tt WHERE tt.event_id = ?1 "
                               " ORDER BY tt.position, tt.id",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, event_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autofree char *id = bo_report_id_string (sqlite3_column_int64 (stmt, 0));
          const char *name = (const char *) sqlite3_column_text (stmt, 1);
          gint64 sold = sqlite3_column_int64 (stmt, 2);
          gint64 in = sqlite3_column_int64 (stmt, 3);
          guint c = bo_chart_add_category (chart, name);

          row = bo_report_section_add_row (section, id, FALSE);
          bo_report_section_set_text (section, row, "type", name);
          bo_report_section_set_number (section, row, "sold", BO_REPORT_VALUE_COUNT, sold);
          bo_report_section_set_number (section, row, "checked_in", BO_REPORT_VALUE_COUNT, in);
          bo_report_section_set_number (section, row, "no_shows", BO_REPORT_VALUE_COUNT,
                                        MAX (sold - in, 0));
          bo_chart_set_value (chart, sold_series, c, sold);
          bo_chart_set_value (chart, in_series, c, in);
          sold_total += sold;
          in_total += in;
        }
      if (!bo_report_finish_query (store, stmt, rc, "attendance", error))
        return FALSE;

      /* Signed tickets of other counters let in before their sale reached us. */
      stmt = bo_store_prepare (store,
                               "SELECT count (DISTINCT c.secret) FROM checkins c "
                               " WHERE c.event_id = ?1 AND c.verdict = 'accepted' "
                               "   AND c.direction = 'entry' AND NOT EXISTS "
                               "   (SELECT 1 FROM tickets t WHERE t.secret = c.secret)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, event_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          unsynced += sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_DONE;
        }
      if (!bo_report_finish_query (store, stmt, rc, "attendance", error))
        return FALSE;

      /* First entry of each ticket: here, else as the server reported it. */
      stmt = bo_store_prepare (store,
                               "SELECT min (c.scanned_at) FROM checkins c WHERE c.event_id = ?1 "
                               "   AND c.verdict = 'accepted' AND c.direction = 'entry' "
                               " GROUP BY c.secret "
                               "UNION ALL "
                               "SELECT t.checked_in_at FROM tickets t WHERE t.event_id = ?1 "
                               "   AND t.status = 'valid' AND t.checked_in_at IS NOT NULL "
                               "   AND NOT EXISTS (SELECT 1 FROM checkins c "
                               "     WHERE c.secret = t.secret AND c.event_id = ?1 AND c.verdict = 'accepted' "
                               "     AND c.direction = 'entry')",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, event_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr (GDateTime) utc = bo_time_parse ((const char *) sqlite3_column_text (stmt, 0));

          if (utc != NULL)
            g_ptr_array_add (times, g_date_time_to_timezone (utc, tz));
        }
      if (!bo_report_finish_query (store, stmt, rc, "arrivals", error))
        return FALSE;
    }
  if (unsynced > 0)
    {
      row = bo_report_section_add_row (section, "unsynced", FALSE);
      bo_report_section_set_text (section, row, "type", _("Not synced yet"));
      bo_report_section_set_number (section, row, "checked_in", BO_REPORT_VALUE_COUNT, unsynced);
      in_total += unsynced;
    }
  row = bo_report_section_add_row (section, "total", TRUE);
  bo_report_section_set_text (section, row, "type", _("Total"));
  bo_report_section_set_number (section, row, "sold", BO_REPORT_VALUE_COUNT, sold_total);
  bo_report_section_set_number (section, row, "checked_in", BO_REPORT_VALUE_COUNT, in_total);
  bo_report_section_set_number (section, row, "no_shows", BO_REPORT_VALUE_COUNT,
                                MAX (sold_total - in_total, 0));
  bo_report_section_set_chart (section, chart);

  /* Arrivals by time. */
  g_ptr_array_sort (times, compare_times);
  buckets = bo_report_make_buckets (times, sizes, G_N_ELEMENTS (sizes), 32);
  for (guint i = 0; i < times->len; i++)
    {
      Bucket *b = bo_report_find_bucket (buckets, times->pdata[i]);

      if (b != NULL)
        b->tickets++;
    }
  section = bo_report_add_section (report, "arrivals", _("Arrivals"), BO_REPORT_SECTION_TABLE);
  bo_report_section_add_column (section, "period", _("From"), BO_REPORT_VALUE_TEXT);
  bo_report_section_add_column (section, "arrivals", _("Arrivals"), BO_REPORT_VALUE_COUNT);
  bo_report_section_add_column (section, "inside", _("In by then"), BO_REPORT_VALUE_COUNT);
  arrivals_chart = bo_chart_new (_("Arrivals by time"), BO_CHART_UNIT_COUNT, NULL);
  arrivals_series = bo_chart_add_series (arrivals_chart, _("Arrivals"), BO_CHART_BARS);
  {
    gint64 cumulative = 0;

    for (guint i = 0; i < buckets->len; i++)
      {
        Bucket *b = buckets->pdata[i];
        g_autofree char *id = g_date_time_format_iso8601 (b->start);
        guint c = bo_chart_add_category (arrivals_chart, b->label);

        cumulative += b->tickets;
        row = bo_report_section_add_row (section, id, FALSE);
        bo_report_section_set_text (section, row, "period", b->label);
        bo_report_section_set_number (section, row, "arrivals", BO_REPORT_VALUE_COUNT, b->tickets);
        bo_report_section_set_number (section, row, "inside", BO_REPORT_VALUE_COUNT, cumulative);
        bo_chart_set_value (arrivals_chart, arrivals_series, c, b->tickets);
      }
  }
  bo_report_section_set_chart (section, arrivals_chart);
  return TRUE;
}

/* Day and event reports */

static void
add_event_id (sqlite3_stmt *stmt,
              gpointer      user_data)
{
  GArray *ids = user_data;
  gint64 id = sqlite3_column_int64 (stmt, 0);

  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return;
  g_array_append_val (ids, id);
}

static gboolean
events_where (BoStore     *store,
              const char  *sql,
              const Scope *scope,
              GArray      *out_ids,
              GError     **error)
{
  return bo_report_query_rows (store, scope, sql, "events", add_event_id, out_ids, error);
}

BoReport *
bo_report_build_day (BoStore    *store,
                     BoDevice   *device,
                     const char *date,
                     GError    **error)
{
  g_autoptr (BoReport) report = NULL;
  g_autofree char *currency = bo_report_default_currency (store);
  g_autofree char *tz_name = bo_report_venue_timezone (store);
  g_autofree char *title = NULL;
  g_autofree char *day_text = NULL;
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) end = NULL;
  g_autoptr (GArray) sold_events = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) starting_events = g_array_new (FALSE, FALSE, sizeof (gint64));
  Scope scope = { 0, };
  Totals totals = { 0, };
  BoReportSection *section;
  int y, m, d;
  gboolean ok;

  tz = g_time_zone_new_identifier (tz_name);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  if (date == NULL)
    {
      g_autoptr (GDateTime) now = bo_time_now ();
      g_autoptr (GDateTime) local = g_date_time_to_timezone (now, tz);

      g_date_time_get_ymd (local, &y, &m, &d);
    }
  else if (sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3 || strlen (date) != 10 ||
           !g_date_valid_dmy (d, m, y))
    {
      g_set_error (error, BO_REPORT_ERROR, BO_REPORT_ERROR_INVALID,
                   _("“%s” is not a date of the form YYYY-MM-DD"), date);
      return NULL;
    }
  start = g_date_time_new (tz, y, m, d, 0, 0, 0);
  end = g_date_time_add_days (start, 1);
  scope.from = bo_time_format (start);
  scope.to = bo_time_format (end);
  day_text = g_date_time_format (start, "%Y-%m-%d");

  title = g_strdup_printf (_("Day report — %s"), day_text);
  report = bo_report_new (BO_REPORT_DAY, title, currency, tz_name);
  bo_report_set_subtitle (report, _("Sales, refunds and attendance of one day at this counter"));

  section = bo_report_add_section (report, "period", _("Period"), BO_REPORT_SECTION_FACTS);
  bo_report_section_add_fact_text (section, "date", _("Date"), day_text);
  bo_report_section_add_fact_text (section, "timezone", _("Time zone"), tz_name);
  bo_report_section_add_fact_time (section, "from", _("From"), scope.from);
  bo_report_section_add_fact_time (section, "to", _("Until"), scope.to);
  bo_report_add_device_facts (section, device);
  bo_report_section_add_fact_time (section, "printed_at", _("Report made"),
                                   bo_report_get_created_at (report));

  ok = bo_report_add_sales_over_time (report, store, &scope, error) &&
       bo_report_add_sales_sections (report, store, &scope, TRUE, &totals, error) &&
       events_where (store, "SELECT DISTINCT o.event_id FROM orders o WHERE" ORDER_SCOPE,
                     &scope, sold_events, error) &&
       events_where (store, "SELECT id FROM events WHERE ?1 = ?1 AND ?2 = ?2 AND "
                            " starts_at >= ?3 AND starts_at < ?4 ORDER BY starts_at, id",
                     &scope, starting_events, error);
  if (ok)
    {
      /* Channels of every event sold or played today; attendance of those played. */
      for (guint i = 0; i < starting_events->len; i++)
        {
          gint64 id = g_array_index (starting_events, gint64, i);
          gboolean seen = FALSE;

          for (guint k = 0; k < sold_events->len && !seen; k++)
            seen = g_array_index (sold_events, gint64, k) == id;
          if (!seen)
            g_array_append_val (sold_events, id);
        }
      ok = add_channels (report, store, sold_events, error) &&
           add_attendance (report, store, starting_events, error);
    }
  scope_clear (&scope);
  if (!ok)
    return NULL;
  return g_steal_pointer (&report);
}

BoReport *
bo_report_build_event (BoStore  *store,
                       BoDevice *device,
                       gint64    event_id,
                       GError  **error)
{
  g_autoptr (BoReport) report = NULL;
  g_autoptr (BoEvent) event = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *title = NULL;
  g_autofree char *tz = NULL;
  Scope scope = { 0, };
  Totals totals = { 0, };
  BoReportSection *section;

  event = bo_event_lookup (store, event_id, NULL);
  if (event == NULL)
    {
      g_set_error (error, BO_REPORT_ERROR, BO_REPORT_ERROR_NOT_FOUND,
                   _("There is no event %lld"), (long long) event_id);
      return NULL;
    }
  tz = g_strdup (bo_event_get_timezone (event) != NULL && *bo_event_get_timezone (event) != '\0'
                 ? bo_event_get_timezone (event) : NULL);
  if (tz == NULL)
    tz = bo_report_venue_timezone (store);

  title = g_strdup_printf (_("Event report — %s"), bo_event_get_name (event));
  report = bo_report_new (BO_REPORT_EVENT, title, bo_event_get_currency (event), tz);
  bo_report_set_subtitle (report, _("Every sale of the event at this counter, channels and "
                                    "attendance"));

  section = bo_report_add_section (report, "event", _("Event"), BO_REPORT_SECTION_FACTS);
  bo_report_section_add_fact_number (section, "event_id", _("Event"), BO_REPORT_VALUE_COUNT,
                                     event_id);
  bo_report_section_add_fact_text (section, "name", _("Name"), bo_event_get_name (event));
  bo_report_section_add_fact_time (section, "starts_at", _("Starts"),
                                   bo_event_get_starts_at (event));
  bo_report_section_add_fact_text (section, "venue", _("Venue"), bo_event_get_venue_name (event));
  bo_report_section_add_fact_text (section, "status", _("Status"), bo_event_get_status (event));
  bo_report_add_device_facts (section, device);
  bo_report_section_add_fact_time (section, "printed_at", _("Report made"),
                                   bo_report_get_created_at (report));

  scope.event_id = event_id;
  g_array_append_val (ids, event_id);
  if (!bo_report_add_sales_over_time (report, store, &scope, error) ||
      !bo_report_add_sales_sections (report, store, &scope, FALSE, &totals, error) ||
      !add_channels (report, store, ids, error) ||
      !add_attendance (report, store, ids, error))
    return NULL;
  return g_steal_pointer (&report);
}
