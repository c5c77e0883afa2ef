/* bo-print-queue-jobs.c — the print_jobs rows: adding, finding, listing, cancelling
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "print/bo-print-queue-private.h"

#include <glib/gi18n-lib.h>

#include "domain/bo-order.h"
#include "domain/bo-time.h"

void
bo_print_job_free (BoPrintJob *job)
{
  if (job == NULL)
    return;
  g_free (job->kind);
  g_free (job->order_uuid);
  g_free (job->target);
  g_free (job->format);
  g_free (job->state);
  g_free (job->last_error);
  g_free (job->created_at);
  g_free (job->updated_at);
  g_free (job->printed_at);
  g_free (job);
}

BoPrintJob *
bo_print_job_from_row (sqlite3_stmt *stmt)
{
  BoPrintJob *job = g_new0 (BoPrintJob, 1);

  job->id = sqlite3_column_int64 (stmt, 0);
  job->kind = bo_store_column_dup_text (stmt, 1);
  job->order_id = sqlite3_column_int64 (stmt, 2);
  job->order_uuid = bo_store_column_dup_text (stmt, 3);
  job->ticket_id = sqlite3_column_int64 (stmt, 4);
  job->shift_id = sqlite3_column_int64 (stmt, 5);
  job->target = bo_store_column_dup_text (stmt, 6);
  job->format = bo_store_column_dup_text (stmt, 7);
  job->reprint = sqlite3_column_int (stmt, 8) != 0;
  job->state = bo_store_column_dup_text (stmt, 9);
  job->attempts = (guint) sqlite3_column_int (stmt, 10);
  job->last_error = bo_store_column_dup_text (stmt, 11);
  job->created_at = bo_store_column_dup_text (stmt, 12);
  job->updated_at = bo_store_column_dup_text (stmt, 13);
  job->printed_at = bo_store_column_dup_text (stmt, 14);
  return job;
}

int
bo_print_queue_update_job (BoPrintQueue *self,
                           const char   *sql,
                           gint64        id,
                           const char   *text,
                           GError      **error)
{
  g_autofree char *now = bo_time_now_iso ();
  sqlite3_stmt *stmt = bo_store_prepare (self->store, sql, error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
  if (!bo_store_step_done (self->store, stmt, error))
    return -1;
  return sqlite3_changes (bo_store_get_db (self->store));
}

gint64
bo_print_queue_add (BoPrintQueue *self,
                    const char   *kind,
                    gint64        order_id,
                    gint64        ticket_id,
                    gint64        shift_id,
                    const char   *target,
                    const char   *format,
                    gboolean      reprint,
                    GError      **error)
{
  g_autofree char *now = bo_time_now_iso ();
  BoPrintFormat parsed;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BO_IS_PRINT_QUEUE (self), 0);
  g_return_val_if_fail (kind != NULL, 0);

  if (format != NULL && !bo_print_format_from_string (format, &parsed))
    {
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FORMAT,
                   _("“%s” is not a print format: use escpos or pdf"), format);
      return 0;
    }
  if (target != NULL)
    {
      g_autoptr (BoPrinter) printer = bo_printer_new_for_uri (target, error);

      if (printer == NULL)
        return 0;
    }

  stmt = bo_store_prepare (self->store,
                           "INSERT INTO print_jobs (kind, order_id, ticket_id, shift_id, target, "
                           "  format, reprint, created_at, updated_at) "
                           "VALUES (?1, nullif (?2, 0), nullif (?3, 0), nullif (?4, 0), ?5, ?6, "
                           "  ?7, ?8, ?8)",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, order_id);
  sqlite3_bind_int64 (stmt, 3, ticket_id);
  sqlite3_bind_int64 (stmt, 4, shift_id);
  sqlite3_bind_text (stmt, 5, target, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, format, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, reprint ? 1 : 0);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
  if (!bo_store_step_done (self->store, stmt, error))
    return 0;
  return bo_store_last_insert_rowid (self->store);
}

static gint64
waiting_job_of (BoPrintQueue *self,
                gint64        order_id,
                const char   *kind,
                gint64        ticket_id,
                GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  stmt = bo_store_prepare (self->store,
                           "SELECT id FROM print_jobs WHERE order_id = ?1 AND kind = ?2 "
                           "  AND coalesce (ticket_id, 0) = ?3 AND state IN ('queued', 'failed') "
                           "ORDER BY id LIMIT 1",
                           error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, order_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, ticket_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return bo_store_set_error (self->store, error, "print jobs") ? 0 : -1;
  return id;
}

static gboolean
receipt_printed (BoPrintQueue *self,
                 gint64        order_id)
{
  sqlite3_stmt *stmt = bo_store_prepare (self->store,
                                         "SELECT 1 FROM print_jobs WHERE order_id = ?1 "
                                         "  AND kind = 'receipt' AND state = 'done'",
                                         NULL);
  gboolean printed;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  printed = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return printed;
}

gint64
bo_print_queue_add_for_order (BoPrintQueue *self,
                              const char   *order_uuid_or_code,
                              const char   *kind,
                              const char   *ticket_uuid,
                              const char   *target,
                              const char   *format,
                              GError      **error)
{
  g_autoptr (BoOrder) order = NULL;
  GPtrArray *tickets;
  gint64 ticket_id = 0;
  gboolean reprint = FALSE;
  gint64 waiting;

  g_return_val_if_fail (BO_IS_PRINT_QUEUE (self), 0);
  g_return_val_if_fail (order_uuid_or_code != NULL, 0);

  if (g_strcmp0 (kind, "tickets") != 0 && g_strcmp0 (kind, "receipt") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("An order prints “tickets” or a “receipt”, not “%s”"), kind);
      return 0;
    }
  order = bo_order_lookup (self->store, order_uuid_or_code, error);
  if (order == NULL)
    return 0;

  tickets = bo_order_get_tickets (order);
  for (guint i = 0; i < tickets->len; i++)
    {
      BoOrderTicket *ticket = tickets->pdata[i];

      if (ticket_uuid != NULL && g_strcmp0 (ticket->uuid, ticket_uuid) != 0)
        continue;
      if (ticket_uuid != NULL)
        ticket_id = ticket->id;
      if (ticket->print_count > 0)
        reprint = TRUE;
    }
  if (ticket_uuid != NULL && ticket_id == 0)
    {
      g_set_error (error, BO_ORDER_ERROR, BO_ORDER_ERROR_NOT_FOUND,
                   _("There is no ticket “%s” in this order"), ticket_uuid);
      return 0;
    }
  if (g_str_equal (kind, "receipt"))
    reprint = receipt_printed (self, bo_order_get_id (order));

  waiting = waiting_job_of (self, bo_order_get_id (order), kind, ticket_id, error);
  if (waiting < 0)
    return 0;
  if (waiting > 0)
    {
      if ((target != NULL || format != NULL)
          && bo_print_queue_update_job (self,
                                        "UPDATE print_jobs SET updated_at = ?2, "
                                        "  target = coalesce (?3, target) WHERE id = ?1",
                                        waiting, target, error) < 0)
        return 0;
      if (format != NULL
          && bo_print_queue_update_job (self,
                                        "UPDATE print_jobs SET updated_at = ?2, format = ?3 "
                                        "WHERE id = ?1",
                                        waiting, format, error) < 0)
        return 0;
      return waiting;
    }
  return bo_print_queue_add (self, kind, bo_order_get_id (order), ticket_id, 0, target, format,
                             reprint, error);
}

BoPrintJob *
bo_print_queue_get_job (BoPrintQueue *self,
                        gint64        id,
                        GError      **error)
{
  BoPrintJob *job = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BO_IS_PRINT_QUEUE (self), NULL);

  stmt = bo_store_prepare (self->store, JOB_SELECT "WHERE j.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    job = bo_print_job_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("There is no print job %lld"), (long long) id);
  else
    bo_store_set_error (self->store, error, "print job");
  sqlite3_reset (stmt);
  return job;
}

GPtrArray *
bo_print_queue_list (BoPrintQueue *self,
                     gboolean      all,
                     guint         limit,
                     GError      **error)
{
  g_autoptr (GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) bo_print_job_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BO_IS_PRINT_QUEUE (self), NULL);

  stmt = bo_store_prepare (self->store,
                           "SELECT * FROM (" JOB_SELECT
                           "  WHERE ?1 OR j.state IN ('queued', 'printing', 'failed') "
                           "  ORDER BY j.id DESC LIMIT ?2) ORDER BY 1",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, all ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? limit : G_MAXINT32);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (jobs, bo_print_job_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      bo_store_set_error (self->store, error, "print jobs");
      return NULL;
    }
  return g_steal_pointer (&jobs);
}

gboolean
bo_print_queue_cancel (BoPrintQueue *self,
                       gint64        id,
                       GError      **error)
{
  int changed;

  g_return_val_if_fail (BO_IS_PRINT_QUEUE (self), FALSE);

  changed = bo_print_queue_update_job (self,
                                       "UPDATE print_jobs SET state = 'cancelled', "
                                       "  updated_at = ?2 "
                                       "WHERE id = ?1 AND state IN ('queued', 'failed')",
                                       id, NULL, error);
  if (changed < 0)
    return FALSE;
  if (changed == 0)
    {
      g_autoptr (BoPrintJob) job = bo_print_queue_get_job (self, id, error);

      if (job != NULL)
        g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FAILED,
                     _("Print job %lld cannot be cancelled: it is %s"), (long long) id,
                     job->state);
      return FALSE;
    }
  return TRUE;
}

guint
bo_print_queue_recover (BoPrintQueue *self,
                        guint         seconds,
                        GError      **error)
{
  g_autoptr (GDateTime) now = bo_time_now ();
  g_autoptr (GDateTime) cutoff = g_date_time_add_seconds (now, -(gdouble) seconds);
  g_autofree char *cutoff_text = bo_time_format (cutoff);
  g_autofree char *now_text = bo_time_format (now);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BO_IS_PRINT_QUEUE (self), 0);

  stmt = bo_store_prepare (self->store,
                           "UPDATE print_jobs SET state = 'failed', updated_at = ?1, "
                           "  last_error = ?2 WHERE state = 'printing' AND updated_at <= ?3",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, now_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, _("Printing was interrupted; the paper may be incomplete"), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, cutoff_text, -1, SQLITE_TRANSIENT);
  if (!bo_store_step_done (self->store, stmt, error))
    return 0;
  return (guint) sqlite3_changes (bo_store_get_db (self->store));
}
