/* bo-print-queue.h — print jobs as rows in the store: a ticket is never lost to a printer
 *
 * A sale queues its tickets and receipt in its own transaction (bo-sale.c). The queue prints
 * a job by claiming its row (queued or failed → printing, attempts + 1), rendering the paper
 * for the printer (ESC/POS or PDF), sending it, and marking the row done — or failed with the
 * error, where it stays until it is retried, sent to another printer or cancelled. The order
 * and its tickets are never touched by a failure. Printed tickets are counted; a print after
 * the first is a reprint, marked on the paper and journaled.
 *
 * The blocking functions run where they are called; the GUI uses the _async variants, which
 * open their own store connection on a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/bo-store.h"
#include "domain/bo-device.h"
#include "domain/bo-operator.h"
#include "print/bo-print-config.h"
#include "print/bo-printer.h"

G_BEGIN_DECLS

#define BO_TYPE_PRINT_QUEUE (bo_print_queue_get_type ())
G_DECLARE_FINAL_TYPE (BoPrintQueue, bo_print_queue, BO, PRINT_QUEUE, GObject)

typedef struct {
  gint64    id;
  char     *kind;        /* tickets, receipt, closing, report, test */
  gint64    order_id;    /* 0 = none */
  char     *order_uuid;  /* NULL = none */
  gint64    ticket_id;   /* 0 = every ticket of the order */
  gint64    shift_id;    /* 0 = none */
  char     *target;      /* NULL = the printer configured for the kind */
  char     *format;      /* NULL = what the printer takes */
  gboolean  reprint;
  char     *state;       /* queued, printing, done, failed, cancelled */
  guint     attempts;
  char     *last_error;
  char     *created_at;
  char     *updated_at;
  char     *printed_at;
} BoPrintJob;

void          bo_print_job_free              (BoPrintJob *job);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoPrintJob, bo_print_job_free)

BoPrintQueue *bo_print_queue_new             (BoStore       *store,
                                              BoDevice      *device,
                                              BoPrintConfig *config);

/* Who asks for the prints (journaled with reprints); may be NULL. */
void          bo_print_queue_set_operator    (BoPrintQueue *self,
                                              BoOperator   *operator);

/* Adds a job row (in the caller's transaction when one is open). Returns its id, 0 on error. */
gint64        bo_print_queue_add             (BoPrintQueue *self,
                                              const char   *kind,
                                              gint64        order_id,
                                              gint64        ticket_id,
                                              gint64        shift_id,
                                              const char   *target,
                                              const char   *format,
                                              gboolean      reprint,
                                              GError      **error);

/* A job for an order's "tickets" (all, or the one @ticket_uuid) or "receipt": the order's own
 * job when it is still waiting (queued or failed), so that paper is never printed twice;
 * otherwise a new job, a reprint when that paper was printed before. */
gint64        bo_print_queue_add_for_order   (BoPrintQueue *self,
                                              const char   *order_uuid_or_code,
                                              const char   *kind,
                                              const char   *ticket_uuid,
                                              const char   *target,
                                              const char   *format,
                                              GError      **error);

BoPrintJob   *bo_print_queue_get_job         (BoPrintQueue *self,
                                              gint64        id,
                                              GError      **error);

/* Jobs, oldest first: the open ones (queued, printing, failed) or, with @all, the last
 * @limit of every state. A GPtrArray of BoPrintJob. */
GPtrArray    *bo_print_queue_list            (BoPrintQueue *self,
                                              gboolean      all,
                                              guint         limit,
                                              GError      **error);

/* Renders what job @job would send in @format (previews, tests). */
GBytes       *bo_print_queue_render          (BoPrintQueue *self,
                                              BoPrintJob   *job,
                                              const char   *target,
                                              BoPrintFormat format,
                                              GError      **error);

/* Prints job @id now: on @target when given (remembered on the job, so that a retry goes there
 * too, in the format that printer takes), else on its own or the configured printer. Waiting
 * jobs only (queued, failed). */
gboolean      bo_print_queue_run             (BoPrintQueue *self,
                                              gint64        id,
                                              const char   *target,
                                              GCancellable *cancellable,
                                              GError      **error);

/* Prints every queued job (and failed ones with @retry_failed), oldest first; a failure is
 * recorded on its job and the next job is tried. Returns the number printed. */
guint         bo_print_queue_run_pending     (BoPrintQueue *self,
                                              gboolean      retry_failed,
                                              guint        *out_failed,
                                              GCancellable *cancellable,
                                              GError      **error);

gboolean      bo_print_queue_cancel          (BoPrintQueue *self,
                                              gint64        id,
                                              GError      **error);

/* Jobs left "printing" for @seconds or more by a process that died become failed. */
guint         bo_print_queue_recover         (BoPrintQueue *self,
                                              guint         seconds,
                                              GError      **error);

/* bo_print_queue_run() on a worker thread with its own connection to the store at @db_path.
 * @operator_id: who asks (0 = nobody in particular). */
void          bo_print_queue_run_async       (const char          *db_path,
                                              BoPrintConfig       *config,
                                              gint64               id,
                                              const char          *target,
                                              gint64               operator_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean      bo_print_queue_run_finish      (GAsyncResult  *result,
                                              GError       **error);

void          bo_print_queue_run_pending_async  (const char          *db_path,
                                                 BoPrintConfig       *config,
                                                 gboolean             retry_failed,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* The number of jobs printed; @out_failed those that failed. */
guint         bo_print_queue_run_pending_finish (GAsyncResult  *result,
                                                 guint         *out_failed,
                                                 GError       **error);

G_END_DECLS
