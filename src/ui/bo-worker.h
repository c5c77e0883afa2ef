/* bo-worker.h — the window's database worker: one thread, one store connection, GTask jobs
 *
 * Everything the counter does with its database runs here, off the main thread: opening and
 * migrating, PIN logins (Argon2 is slow on purpose), loading lists, committing sales, refunds
 * and shift work. Jobs run one after the other in the order they were queued, on a connection
 * that only this thread uses, and report back on the main context through the usual
 * _async/_finish pair.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "store/bo-store.h"
#include "domain/bo-device.h"
#include "domain/bo-event.h"
#include "domain/bo-operator.h"
#include "domain/bo-order.h"
#include "domain/bo-refund.h"
#include "domain/bo-sale.h"
#include "domain/bo-shift.h"
#include "print/bo-print-config.h"

G_BEGIN_DECLS

#define BO_TYPE_WORKER (bo_worker_get_type ())
G_DECLARE_FINAL_TYPE (BoWorker, bo_worker, BO, WORKER, GObject)

/* A job: runs in the worker thread with the worker's store and device. Returns FALSE with
 * @error set on failure; on success *@out_result (may stay NULL) is handed to the caller and
 * freed with *@out_free when nobody takes it. */
typedef gboolean (*BoWorkerFunc) (BoStore        *store,
                                  BoDevice       *device,
                                  gpointer        data,
                                  gpointer       *out_result,
                                  GDestroyNotify *out_free,
                                  GCancellable   *cancellable,
                                  GError        **error);

/* What the window needs to know to pick its first screen. */
typedef struct {
  guint    n_operators;
  guint    n_events;     /* counted only when there are no operators (else 0) */
} BoWorkerCounts;

BoWorker   *bo_worker_new             (const char *db_path);
const char *bo_worker_get_db_path     (BoWorker *self);

/* Queues @func. @source_tag identifies the operation for bo_worker_run_finish(). */
void        bo_worker_run_async       (BoWorker            *self,
                                       gpointer             source_tag,
                                       BoWorkerFunc         func,
                                       gpointer             data,
                                       GDestroyNotify       data_free,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* The job's result (transfer full, may be NULL without an error). */
gpointer    bo_worker_run_finish      (BoWorker      *self,
                                       GAsyncResult  *result,
                                       gpointer       source_tag,
                                       GError       **error);

/* Opening: the store (migrations included) and the device identity. */
void            bo_worker_open_async  (BoWorker            *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
BoWorkerCounts *bo_worker_open_finish (BoWorker      *self,
                                       GAsyncResult  *result,
                                       GError       **error);

/* bo-worker-catalog.c */
void        bo_worker_populate_demo_async  (BoWorker            *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean    bo_worker_populate_demo_finish (BoWorker      *self,
                                            GAsyncResult  *result,
                                            GError       **error);
/* A GListModel of BoEvent. */
void        bo_worker_list_events_async    (BoWorker            *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GListModel *bo_worker_list_events_finish   (BoWorker      *self,
                                            GAsyncResult  *result,
                                            GError       **error);
/* A GListModel of BoTicketType. */
void        bo_worker_list_ticket_types_async  (BoWorker            *self,
                                                gint64               event_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GListModel *bo_worker_list_ticket_types_finish (BoWorker      *self,
                                                GAsyncResult  *result,
                                                GError       **error);

/* bo-worker-staff.c */
/* Whom the lock screen offers to sign in. */
typedef struct {
  GPtrArray *operators;    /* BoOperator, active ones by name */
  gint64     last_sign_in; /* id of who signed in last on this counter, 0 = nobody yet */
} BoWorkerSignIn;

void            bo_worker_sign_in_free           (BoWorkerSignIn *choices);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoWorkerSignIn, bo_worker_sign_in_free)

void            bo_worker_sign_in_choices_async  (BoWorker            *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
BoWorkerSignIn *bo_worker_sign_in_choices_finish (BoWorker      *self,
                                                  GAsyncResult  *result,
                                                  GError       **error);
/* The first manager of an empty counter. */
void        bo_worker_add_first_manager_async  (BoWorker            *self,
                                                const char          *name,
                                                const char          *pin,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
BoOperator *bo_worker_add_first_manager_finish (BoWorker      *self,
                                                GAsyncResult  *result,
                                                GError       **error);
/* Checks a PIN, for an approval (a manager's PIN for a refund, say). @name NULL logs in by
 * PIN alone, which checks the PIN against the managers' hashes first, then the others'. */
void        bo_worker_login_async   (BoWorker            *self,
                                     const char          *name,
                                     const char          *pin,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
BoOperator *bo_worker_login_finish  (BoWorker      *self,
                                     GAsyncResult  *result,
                                     GError       **error);
/* Signs in at the lock screen: logs in as bo_worker_login_async() does and remembers who
 * signed in, for BoWorkerSignIn.last_sign_in. */
void        bo_worker_sign_in_async   (BoWorker            *self,
                                       const char          *name,
                                       const char          *pin,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
BoOperator *bo_worker_sign_in_finish  (BoWorker      *self,
                                       GAsyncResult  *result,
                                       GError       **error);
void        bo_worker_throttle_async  (BoWorker            *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
guint       bo_worker_throttle_finish (BoWorker      *self,
                                       GAsyncResult  *result,
                                       GError       **error);
/* The open shift; NULL without an error when none is open. */
void        bo_worker_current_shift_async  (BoWorker            *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
BoShift    *bo_worker_current_shift_finish (BoWorker      *self,
                                            GAsyncResult  *result,
                                            GError       **error);
/* The shift closed last on this counter (bo_shift_find_last_closed()); NULL without an error
 * when none has been closed yet. */
void        bo_worker_last_closed_shift_async  (BoWorker            *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
BoShift    *bo_worker_last_closed_shift_finish (BoWorker      *self,
                                                GAsyncResult  *result,
                                                GError       **error);
void        bo_worker_open_shift_async  (BoWorker            *self,
                                         BoOperator          *operator,
                                         gint64               float_amount,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
BoShift    *bo_worker_open_shift_finish (BoWorker      *self,
                                         GAsyncResult  *result,
                                         GError       **error);
/* Returns the open shift as it is after the movement. */
void        bo_worker_move_cash_async  (BoWorker            *self,
                                        BoOperator          *operator,
                                        gint64               amount,
                                        const char          *reason,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
BoShift    *bo_worker_move_cash_finish (BoWorker      *self,
                                        GAsyncResult  *result,
                                        GError       **error);
void        bo_worker_close_shift_async  (BoWorker            *self,
                                          BoOperator          *operator,
                                          gint64               cash_counted,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
BoShift    *bo_worker_close_shift_finish (BoWorker      *self,
                                          GAsyncResult  *result,
                                          GError       **error);

/* bo-worker-sales.c */
/* @sale must not be changed while the job runs. */
void        bo_worker_commit_sale_async  (BoWorker            *self,
                                          BoSale              *sale,
                                          BoOperator          *operator,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
BoOrder    *bo_worker_commit_sale_finish (BoWorker      *self,
                                          GAsyncResult  *result,
                                          GError       **error);
/* A GPtrArray of BoOrder, most recent first. */
void        bo_worker_recent_orders_async  (BoWorker            *self,
                                            guint                limit,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GPtrArray  *bo_worker_recent_orders_finish (BoWorker      *self,
                                            GAsyncResult  *result,
                                            GError       **error);
void        bo_worker_lookup_order_async  (BoWorker            *self,
                                           const char          *uuid_or_code,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
BoOrder    *bo_worker_lookup_order_finish (BoWorker      *self,
                                           GAsyncResult  *result,
                                           GError       **error);
/* Refunds @ticket_uuids (NULL = all that are left), or voids the whole order when @void_order;
 * returns the order as it is afterwards. */
void        bo_worker_refund_async  (BoWorker            *self,
                                     BoOperator          *operator,
                                     const char          *order_uuid,
                                     const char * const  *ticket_uuids,
                                     gboolean             void_order,
                                     const char          *reason,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
BoOrder    *bo_worker_refund_finish (BoWorker      *self,
                                     GAsyncResult  *result,
                                     GError       **error);
/* bo-worker-print.c */
/* The paper to print: job ids in the print queue and the printer settings saved in the
 * store. Print them with bo_print_queue_run_async(). */
typedef struct {
  GArray        *job_ids; /* gint64 */
  BoPrintConfig *config;
} BoWorkerPrint;

void           bo_worker_print_free           (BoWorkerPrint *print);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoWorkerPrint, bo_worker_print_free)

/* Finds or queues the jobs of @kinds ("tickets", "receipt") for an order: the order's own
 * waiting jobs (queued with the sale, or failed), else new ones, counted as reprints when the
 * paper was printed before. @kinds NULL: no jobs, only the settings. */
void           bo_worker_print_order_async    (BoWorker            *self,
                                               const char          *order_uuid,
                                               const char * const  *kinds,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* Queues the closing of shift @shift_id. */
void           bo_worker_print_closing_async  (BoWorker            *self,
                                               gint64               shift_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
BoWorkerPrint *bo_worker_print_finish         (BoWorker      *self,
                                               GAsyncResult  *result,
                                               GError       **error);

G_END_DECLS
