/* bo-report-query.c — building shift, day and event reports from the store
 *
 * Every figure is summed from the rows that record what happened (order lines, payments,
 * refunds, cash movements, check-ins), never from running counters, and each report reads
 * one consistent snapshot (one read transaction).
 *
 * Here: the entry points and what every report's queries share. The sales sections every
 * report has are in bo-report-sales.c, the shift reports in bo-report-shift.c, the day and
 * event reports in bo-report-event.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "report/bo-report-query-private.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

void
bo_report_bind_scope (sqlite3_stmt *stmt,
                      const Scope  *scope)
{
  sqlite3_bind_int64 (stmt, 1, scope->shift_id);
  sqlite3_bind_int64 (stmt, 2, scope->event_id);
  if (scope->from != NULL)
    sqlite3_bind_text (stmt, 3, scope->from, -1, SQLITE_TRANSIENT);
  if (scope->to != NULL)
    sqlite3_bind_text (stmt, 4, scope->to, -1, SQLITE_TRANSIENT);
}

gboolean
bo_report_finish_query (BoStore      *store,
                        sqlite3_stmt *stmt,
                        int           rc,
                        const char   *what,
                        GError      **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      /* sqlite3_reset() returned the statement's error; the connection still has it. */
      return bo_store_set_error (store, error, what);
    }
  return TRUE;
}

gboolean
bo_report_query_rows (BoStore         *store,
                      const Scope     *scope,
                      const char      *sql,
                      const char      *what,
                      BoReportRowFunc  func,
                      gpointer         user_data,
                      GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = bo_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  bo_report_bind_scope (stmt, scope);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (stmt, user_data);
  return bo_report_finish_query (store, stmt, rc, what, error);
}

typedef struct {
  BoReportSection    *section;
  const char * const *columns;
  guint               n_columns;
} Fill;

static void
fill_row (sqlite3_stmt *stmt,
          gpointer      user_data)
{
  Fill *fill = user_data;
  guint row = bo_report_section_add_row (fill->section,
                                         (const char *) sqlite3_column_text (stmt, 0), FALSE);

  for (guint i = 0; i < fill->n_columns; i++)
    {
      const char *id = fill->columns[i];
      BoReportValueKind kind = BO_REPORT_VALUE_EMPTY;
      int column;

      if (id == NULL)
        continue;
      column = bo_report_section_find_column (fill->section, id);
      if (column >= 0)
        kind = bo_report_section_get_column_kind (fill->section, (guint) column);

      switch (kind)
        {
        case BO_REPORT_VALUE_TEXT:
          bo_report_section_set_text (fill->section, row, id,
                                      (const char *) sqlite3_column_text (stmt, i + 1));
          break;
        case BO_REPORT_VALUE_TIME:
          bo_report_section_set_time (fill->section, row, id,
                                      (const char *) sqlite3_column_text (stmt, i + 1));
          break;
        case BO_REPORT_VALUE_COUNT:
        case BO_REPORT_VALUE_MONEY:
        case BO_REPORT_VALUE_RATE:
          bo_report_section_set_number (fill->section, row, id, kind,
                                        sqlite3_column_int64 (stmt, i + 1));
          break;
        case BO_REPORT_VALUE_EMPTY:
        default:
          g_assert_not_reached ();
        }
    }
}

gboolean
bo_report_fill_rows (BoReportSection    *section,
                     BoStore            *store,
                     const Scope        *scope,
                     const char         *sql,
                     const char         *what,
                     const char * const *columns,
                     guint               n_columns,
                     GError            **error)
{
  Fill fill = { section, columns, n_columns };

  return bo_report_query_rows (store, scope, sql, what, fill_row, &fill, error);
}

char *
bo_report_text_at (sqlite3_stmt *stmt,
                   int           column)
{
  return bo_store_column_dup_text (stmt, column);
}

char *
bo_report_id_string (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

char *
bo_report_default_currency (BoStore *store)
{
  sqlite3_stmt *stmt = bo_store_prepare (store, "SELECT currency FROM events "
                                                " ORDER BY starts_at, id LIMIT 1", NULL);
  char *currency = NULL;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    currency = bo_report_text_at (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return currency != NULL ? currency : g_strdup ("EUR");
}

/* The venue's zone: the device's (from registration), else the first event's, else local. */
char *
bo_report_venue_timezone (BoStore *store)
{
  sqlite3_stmt *stmt;
  char *tz = NULL;

  stmt = bo_store_prepare (store,
                           "SELECT coalesce (nullif ((SELECT venue_timezone FROM device), ''), "
                           "  (SELECT timezone FROM events WHERE coalesce (timezone, '') <> '' "
                           "    ORDER BY starts_at, id LIMIT 1))",
                           NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    tz = bo_report_text_at (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  if (tz == NULL)
    {
      g_autoptr (GTimeZone) local = g_time_zone_new_local ();

      tz = g_strdup (g_time_zone_get_identifier (local));
    }
  return tz;
}

GTimeZone *
bo_report_zone (BoReport *report)
{
  GTimeZone *tz = g_time_zone_new_identifier (bo_report_get_timezone (report));

  return tz != NULL ? tz : g_time_zone_new_utc ();
}

void
bo_report_add_device_facts (BoReportSection *section,
                            BoDevice        *device)
{
  g_autofree char *name = NULL;
  char key_hex[65];

  sodium_bin2hex (key_hex, sizeof key_hex, bo_device_get_public_key (device), 32);
  if (bo_device_get_name (device) != NULL)
    name = g_strdup_printf ("%u (%s)", bo_device_get_id (device), bo_device_get_name (device));
  else
    name = g_strdup_printf ("%u", bo_device_get_id (device));
  bo_report_section_add_fact_text (section, "device", _("Device"), name);
  bo_report_section_add_fact_text (section, "public_key", _("Device public key"), key_hex);
}

/* Time buckets */

static void
bucket_free (gpointer data)
{
  Bucket *b = data;

  g_date_time_unref (b->start);
  g_free (b->label);
  g_free (b);
}

/* Start of the bucket of @when: whole @minutes in the local day, or whole days. */
static GDateTime *
bucket_start (GDateTime *local,
              int        minutes)
{
  int y, mo, d, minute_of_day;

  g_date_time_get_ymd (local, &y, &mo, &d);
  if (minutes >= 24 * 60)
    return g_date_time_new (g_date_time_get_timezone (local), y, mo, d, 0, 0, 0);
  minute_of_day = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
  minute_of_day -= minute_of_day % minutes;
  return g_date_time_new (g_date_time_get_timezone (local), y, mo, d, minute_of_day / 60,
                          minute_of_day % 60, 0);
}

static GDateTime *
bucket_next (GDateTime *start,
             int        minutes)
{
  if (minutes >= 24 * 60)
    return g_date_time_add_days (start, 1);
  return g_date_time_add_minutes (start, minutes);
}

/* Buckets from the first to the last time in @times (GPtrArray of GDateTime in the report's
 * zone), gaps included, sized so that there are at most @max_buckets. */
GPtrArray *
bo_report_make_buckets (GPtrArray  *times,
                        const int  *sizes,
                        guint       n_sizes,
                        guint       max_buckets)
{
  GPtrArray *buckets = g_ptr_array_new_with_free_func (bucket_free);
  GDateTime *first, *last;
  int minutes = sizes[n_sizes - 1];
  g_autoptr (GDateTime) cursor = NULL;
  g_autoptr (GDateTime) end = NULL;

  if (times->len == 0)
    return buckets;
  first = times->pdata[0];
  last = times->pdata[times->len - 1];
  for (guint i = 0; i < n_sizes; i++)
    {
      GTimeSpan span = g_date_time_difference (last, first);

      if (span / (G_TIME_SPAN_MINUTE * sizes[i]) + 1 <= (GTimeSpan) max_buckets)
        {
          minutes = sizes[i];
          break;
        }
    }

  cursor = bucket_start (first, minutes);
  end = bucket_start (last, minutes);
  while (g_date_time_compare (cursor, end) <= 0 && buckets->len < 400)
    {
      Bucket *b = g_new0 (Bucket, 1);
      GDateTime *next;

      b->start = g_date_time_ref (cursor);
      b->label = g_date_time_format (cursor, minutes >= 24 * 60 ? "%d.%m." : "%H:%M");
      g_ptr_array_add (buckets, b);
      next = bucket_next (cursor, minutes);
      g_date_time_unref (cursor);
      cursor = next;
    }
  return buckets;
}

Bucket *
bo_report_find_bucket (GPtrArray *buckets,
                       GDateTime *when)
{
  Bucket *found = NULL;

  for (guint i = 0; i < buckets->len; i++)
    {
      Bucket *b = buckets->pdata[i];

      if (g_date_time_compare (b->start, when) > 0)
        break;
      found = b;
    }
  return found;
}

/* One read transaction around the whole report: the figures agree with each other even
 * while a sale commits in another process. */
static BoReport *
in_snapshot (BoStore  *store,
             BoReport *(*build) (BoStore *, BoDevice *, gint64, const char *, GError **),
             BoDevice *device,
             gint64    id,
             const char *date,
             GError  **error)
{
  BoReport *report;
  gboolean own = sqlite3_get_autocommit (bo_store_get_db (store)) != 0;

  if (own && !bo_store_exec (store, "BEGIN DEFERRED", error))
    return NULL;
  report = build (store, device, id, date, error);
  if (own)
    bo_store_exec (store, "COMMIT", NULL);
  return report;
}

static BoReport *
build_shift_cb (BoStore *store, BoDevice *device, gint64 id, const char *date, GError **error)
{
  return bo_report_build_shift (store, device, id, error);
}

static BoReport *
build_day_cb (BoStore *store, BoDevice *device, gint64 id, const char *date, GError **error)
{
  return bo_report_build_day (store, device, date, error);
}

static BoReport *
build_event_cb (BoStore *store, BoDevice *device, gint64 id, const char *date, GError **error)
{
  return bo_report_build_event (store, device, id, error);
}

BoReport *
bo_report_new_shift (BoStore  *store,
                     BoDevice *device,
                     gint64    shift_id,
                     GError  **error)
{
  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  g_return_val_if_fail (BO_IS_DEVICE (device), NULL);
  g_return_val_if_fail (shift_id >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return in_snapshot (store, build_shift_cb, device, shift_id, NULL, error);
}

BoReport *
bo_report_new_day (BoStore    *store,
                   BoDevice   *device,
                   const char *date,
                   GError    **error)
{
  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  g_return_val_if_fail (BO_IS_DEVICE (device), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return in_snapshot (store, build_day_cb, device, 0, date, error);
}

BoReport *
bo_report_new_event (BoStore  *store,
                     BoDevice *device,
                     gint64    event_id,
                     GError  **error)
{
  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  g_return_val_if_fail (BO_IS_DEVICE (device), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return in_snapshot (store, build_event_cb, device, event_id, NULL, error);
}

typedef struct {
  char         *db_path;
  BoReportKind  kind;
  gint64        id;
  char         *date;
} AsyncRequest;

static void
async_request_free (gpointer data)
{
  AsyncRequest *request = data;

  g_free (request->db_path);
  g_free (request->date);
  g_free (request);
}

static void
new_report_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  AsyncRequest *request = task_data;
  g_autoptr (BoStore) store = NULL;
  g_autoptr (BoDevice) device = NULL;
  BoReport *report = NULL;
  GError *error = NULL;

  store = bo_store_open (request->db_path, &error);
  if (store != NULL)
    device = bo_device_load (store, &error);
  if (device != NULL)
    {
      switch (request->kind)
        {
        case BO_REPORT_SHIFT_X:
        case BO_REPORT_SHIFT_Z:
          report = bo_report_new_shift (store, device, request->id, &error);
          break;
        case BO_REPORT_DAY:
          report = bo_report_new_day (store, device, request->date, &error);
          break;
        case BO_REPORT_EVENT:
        default:
          report = bo_report_new_event (store, device, request->id, &error);
          break;
        }
    }
  if (report != NULL)
    g_task_return_pointer (task, report, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
bo_report_new_async (const char          *db_path,
                     BoReportKind         kind,
                     gint64               id,
                     const char          *date,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  AsyncRequest *request;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (id >= 0);

  request = g_new0 (AsyncRequest, 1);
  request->db_path = g_strdup (db_path);
  request->kind = kind;
  request->id = id;
  request->date = g_strdup (date);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bo_report_new_async);
  g_task_set_task_data (task, request, async_request_free);
  g_task_run_in_thread (task, new_report_thread);
}

BoReport *
bo_report_new_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bo_report_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
