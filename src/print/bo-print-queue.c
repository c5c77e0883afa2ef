/* bo-print-queue.c — print jobs as rows in the store: a ticket is never lost to a printer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "print/bo-print-queue-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "domain/bo-journal.h"
#include "domain/bo-order.h"
#include "domain/bo-outbox.h"
#include "domain/bo-shift.h"
#include "domain/bo-time.h"
#include "print/bo-escpos.h"
#include "print/bo-print-layout.h"
#include "print/bo-print-pdf.h"

G_DEFINE_FINAL_TYPE (BoPrintQueue, bo_print_queue, G_TYPE_OBJECT)

static gboolean
mark_failed (BoPrintQueue *self,
             gint64        id,
             const GError *cause)
{
  g_autoptr (GError) error = NULL;

  if (bo_print_queue_update_job (self,
                                 "UPDATE print_jobs SET state = 'failed', updated_at = ?2, "
                                 "  last_error = ?3 WHERE id = ?1",
                                 id, cause->message, &error) < 0)
    /* The row stays "printing"; bo_print_queue_recover() turns it into a failure later. */
    g_message ("Print job %" G_GINT64_FORMAT " failed (%s) and cannot be marked: %s",
               id, cause->message, error->message);
  return FALSE;
}

static void
bo_print_queue_finalize (GObject *object)
{
  BoPrintQueue *self = BO_PRINT_QUEUE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->device);
  g_clear_object (&self->config);
  g_clear_object (&self->operator);
  G_OBJECT_CLASS (bo_print_queue_parent_class)->finalize (object);
}

static void
bo_print_queue_class_init (BoPrintQueueClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bo_print_queue_finalize;
}

static void
bo_print_queue_init (BoPrintQueue *self)
{
}

BoPrintQueue *
bo_print_queue_new (BoStore       *store,
                    BoDevice      *device,
                    BoPrintConfig *config)
{
  BoPrintQueue *self;

  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  g_return_val_if_fail (BO_IS_DEVICE (device), NULL);
  g_return_val_if_fail (config == NULL || BO_IS_PRINT_CONFIG (config), NULL);

  self = g_object_new (BO_TYPE_PRINT_QUEUE, NULL);
  self->store = g_object_ref (store);
  self->device = g_object_ref (device);
  self->config = config != NULL ? g_object_ref (config) : bo_print_config_new ();
  return self;
}

void
bo_print_queue_set_operator (BoPrintQueue *self,
                             BoOperator   *operator)
{
  g_return_if_fail (BO_IS_PRINT_QUEUE (self));
  g_set_object (&self->operator, operator);
}

static BoPrintDoc *
build_doc (BoPrintQueue *self,
           BoPrintJob   *job,
           const char   *target,
           GError      **error)
{
  g_autoptr (BoPrintDoc) doc = NULL;

  if (g_str_equal (job->kind, "tickets") || g_str_equal (job->kind, "receipt"))
    {
      g_autoptr (BoOrder) order = NULL;
      g_autoptr (BoPrintLayout) layout = NULL;

      if (job->order_uuid == NULL)
        {
          g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FORMAT,
                       _("Print job %lld belongs to no order"), (long long) job->id);
          return NULL;
        }
      order = bo_order_lookup (self->store, job->order_uuid, error);
      layout = order != NULL ? bo_print_layout_new (self->store, order, error) : NULL;
      if (layout == NULL)
        return NULL;
      doc = g_str_equal (job->kind, "tickets")
            ? bo_print_layout_tickets (layout, job->ticket_id, job->reprint)
            : bo_print_layout_receipt (layout, job->reprint);
    }
  else if (g_str_equal (job->kind, "test"))
    doc = bo_print_layout_test_page (target);
  else if (job->shift_id > 0)
    {
      g_autoptr (BoShift) shift = bo_shift_lookup (self->store, job->shift_id, error);

      if (shift == NULL)
        return NULL;
      doc = bo_print_layout_shift (self->store, shift, job->reprint, error);
      if (doc == NULL)
        return NULL;
    }

  if (doc == NULL || bo_print_doc_get_n_pieces (doc) == 0)
    {
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FORMAT,
                   g_str_equal (job->kind, "tickets")
                   ? _("There is nothing to print: no valid ticket is left in this order")
                   : _("There is nothing to print for this job"));
      return NULL;
    }
  return g_steal_pointer (&doc);
}

static GBytes *
render_doc (BoPrintQueue *self,
            BoPrintDoc   *doc,
            BoPrintFormat format,
            GError      **error)
{
  if (format == BO_PRINT_FORMAT_ESCPOS)
    {
      g_autoptr (BoEscposRenderer) renderer =
        bo_escpos_renderer_new (bo_print_config_get_paper_width_mm (self->config));

      bo_escpos_renderer_set_qr_mode (renderer, bo_print_config_get_qr_as_image (self->config)
                                                ? BO_ESCPOS_QR_RASTER : BO_ESCPOS_QR_NATIVE);
      if (!bo_escpos_renderer_set_code_pages (renderer,
                                              bo_print_config_get_code_pages (self->config),
                                              error))
        return NULL;
      return bo_escpos_renderer_render (renderer, doc, error);
    }
  else
    {
      BoPdfPaper paper = bo_print_doc_get_kind (doc) == BO_PRINT_DOC_TICKETS
                         ? bo_print_config_get_ticket_pdf_paper (self->config)
                         : bo_print_config_get_receipt_pdf_paper (self->config);
      g_autoptr (BoPdfRenderer) renderer = bo_pdf_renderer_new (paper);

      return bo_pdf_renderer_render (renderer, doc, error);
    }
}

GBytes *
bo_print_queue_render (BoPrintQueue *self,
                       BoPrintJob   *job,
                       const char   *target,
                       BoPrintFormat format,
                       GError      **error)
{
  g_autoptr (BoPrintDoc) doc = NULL;

  g_return_val_if_fail (BO_IS_PRINT_QUEUE (self), NULL);
  g_return_val_if_fail (job != NULL, NULL);

  doc = build_doc (self, job, target, error);
  return doc != NULL ? render_doc (self, doc, format, error) : NULL;
}

static gboolean
journal_receipt_copy (BoPrintQueue *self,
                      BoPrintJob   *job,
                      GError      **error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) payload = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "order");
  json_builder_add_string_value (b, job->order_uuid);
  json_builder_set_member_name (b, "paper");
  json_builder_add_string_value (b, "receipt");
  bo_json_add_string_or_null (b, "operator",
                              self->operator != NULL
                                ? bo_operator_get_name (self->operator) : NULL);
  json_builder_end_object (b);
  payload = json_builder_get_root (b);
  text = bo_json_to_string (payload);

  if (!bo_store_begin (self->store, error))
    return FALSE;
  if (!bo_journal_append (self->store, self->device, BO_JOURNAL_REPRINT, job->order_uuid, text,
                          NULL, error))
    {
      bo_store_rollback (self->store);
      return FALSE;
    }
  return bo_store_commit (self->store, error);
}

/* Counts the printed tickets (journaling reprints) and copies of receipts. */
static gboolean
record_printed (BoPrintQueue *self,
                BoPrintJob   *job,
                GError      **error)
{
  g_autoptr (BoOrder) order = NULL;
  const char *ticket_uuid = NULL;

  if (g_str_equal (job->kind, "receipt") && job->reprint)
    return journal_receipt_copy (self, job, error);
  if (!g_str_equal (job->kind, "tickets"))
    return TRUE;

  order = bo_order_lookup (self->store, job->order_uuid, error);
  if (order == NULL)
    return FALSE;
  for (guint i = 0; i < bo_order_get_tickets (order)->len; i++)
    {
      BoOrderTicket *ticket = bo_order_get_tickets (order)->pdata[i];

      if (ticket->id == job->ticket_id)
        ticket_uuid = ticket->uuid;
    }
  if (job->ticket_id > 0 && ticket_uuid == NULL)
    return TRUE;
  return bo_order_mark_printed (self->store, self->device, self->operator, order, ticket_uuid,
                                error);
}

gboolean
bo_print_queue_run (BoPrintQueue *self,
                    gint64        id,
                    const char   *target,
                    GCancellable *cancellable,
                    GError      **error)
{
  g_autoptr (BoPrintJob) job = NULL;
  g_autoptr (BoPrinter) printer = NULL;
  g_autoptr (BoPrintDoc) doc = NULL;
  g_autoptr (GBytes) data = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GError) record_error = NULL;
  g_autofree char *job_name = NULL;
  BoPrintFormat format;
  const char *uri;
  int claimed;

  g_return_val_if_fail (BO_IS_PRINT_QUEUE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (target != NULL)
    {
      printer = bo_printer_new_for_uri (target, error);
      if (printer == NULL)
        return FALSE;
      g_clear_object (&printer);
    }

  /* The claim is the only way to "printing": two processes never print one job twice. A job
   * sent to another printer takes that printer's format. */
  claimed = bo_print_queue_update_job (self,
                                       "UPDATE print_jobs SET state = 'printing', "
                                       "  attempts = attempts + 1, updated_at = ?2, "
                                       "  target = coalesce (?3, target), "
                                       "  format = CASE WHEN ?3 IS NULL THEN format END "
                                       "WHERE id = ?1 AND state IN ('queued', 'failed')",
                                       id, target, error);
  if (claimed < 0)
    return FALSE;
  job = bo_print_queue_get_job (self, id, error);
  if (job == NULL)
    return FALSE;
  if (claimed == 0)
    {
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FAILED,
                   g_str_equal (job->state, "done")
                   ? _("Print job %lld is printed already; print the order again "
                       "for a reprint")
                   : g_str_equal (job->state, "printing")
                   ? _("Print job %lld is being printed")
                   : _("Print job %lld was cancelled"),
                   (long long) id);
      return FALSE;
    }

  uri = job->target != NULL ? job->target : bo_print_config_get_target (self->config, job->kind);
  if (uri == NULL)
    {
      g_set_error (&local_error, BO_PRINT_ERROR, BO_PRINT_ERROR_NO_PRINTER,
                   _("No printer is set up for %s"), job->kind);
      goto failed;
    }
  printer = bo_printer_new_for_uri (uri, &local_error);
  if (printer == NULL)
    goto failed;
  if (job->format == NULL || !bo_print_format_from_string (job->format, &format))
    format = bo_printer_get_default_format (printer);

  doc = build_doc (self, job, uri, &local_error);
  data = doc != NULL ? render_doc (self, doc, format, &local_error) : NULL;
  if (data == NULL)
    goto failed;
  job_name = g_strdup_printf ("job-%" G_GINT64_FORMAT "-%s.%s", job->id, job->kind,
                              format == BO_PRINT_FORMAT_PDF ? "pdf" : "escpos");
  if (!bo_printer_send (printer, data, bo_print_doc_get_title (doc), job_name, cancellable,
                        &local_error))
    goto failed;

  /* The paper is out: the job is done even if counting it fails, or it would print again. */
  if (!record_printed (self, job, &record_error))
    g_message ("Print job %" G_GINT64_FORMAT " printed but not counted: %s", id,
               record_error->message);
  return bo_print_queue_update_job (self,
                                    "UPDATE print_jobs SET state = 'done', updated_at = ?2, "
                                    "  printed_at = ?2, last_error = ?3 WHERE id = ?1",
                                    id, record_error != NULL ? record_error->message : NULL,
                                    error) >= 0;

failed:
  mark_failed (self, id, local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

guint
bo_print_queue_run_pending (BoPrintQueue *self,
                            gboolean      retry_failed,
                            guint        *out_failed,
                            GCancellable *cancellable,
                            GError      **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  guint done = 0, failed = 0;
  int rc;

  g_return_val_if_fail (BO_IS_PRINT_QUEUE (self), 0);

  if (out_failed != NULL)
    *out_failed = 0;
  stmt = bo_store_prepare (self->store,
                           "SELECT id FROM print_jobs WHERE state = 'queued' "
                           "   OR (?1 AND state = 'failed') ORDER BY id",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int (stmt, 1, retry_failed ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      bo_store_set_error (self->store, error, "print jobs");
      return 0;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (GError) job_error = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;
      if (bo_print_queue_run (self, g_array_index (ids, gint64, i), NULL, cancellable, &job_error))
        done++;
      else
        failed++;
    }
  if (out_failed != NULL)
    *out_failed = failed;
  return done;
}

