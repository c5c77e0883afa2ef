/* bo-worker-sales.c — sale, order and refund jobs of the database worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui/bo-worker.h"

typedef struct {
  BoSale     *sale;
  BoOperator *operator;
  char       *text;
  char       *reason;
  GStrv       ticket_uuids;
  gboolean    void_order;
  guint       limit;
} SalesData;

static void
sales_data_free (gpointer data)
{
  SalesData *d = data;

  g_clear_object (&d->sale);
  g_clear_object (&d->operator);
  g_free (d->text);
  g_free (d->reason);
  g_strfreev (d->ticket_uuids);
  g_free (d);
}

static gboolean
commit_sale_job (BoStore        *store,
                 BoDevice       *device,
                 gpointer        data,
                 gpointer       *out_result,
                 GDestroyNotify *out_free,
                 GCancellable   *cancellable,
                 GError        **error)
{
  SalesData *d = data;
  BoOrder *order = bo_sale_commit (d->sale, store, device, d->operator, error);

  if (order == NULL)
    return FALSE;
  *out_result = order;
  *out_free = g_object_unref;
  return TRUE;
}

void
bo_worker_commit_sale_async (BoWorker            *self,
                             BoSale              *sale,
                             BoOperator          *operator,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  SalesData *d;

  g_return_if_fail (BO_IS_SALE (sale));
  g_return_if_fail (BO_IS_OPERATOR (operator));

  d = g_new0 (SalesData, 1);
  d->sale = g_object_ref (sale);
  d->operator = g_object_ref (operator);
  /* A sale is never cancelled half-way: once queued it commits or fails as a whole. */
  bo_worker_run_async (self, bo_worker_commit_sale_async, commit_sale_job, d, sales_data_free,
                       NULL, callback, user_data);
}

BoOrder *
bo_worker_commit_sale_finish (BoWorker      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_commit_sale_async, error);
}

static gboolean
recent_orders_job (BoStore        *store,
                   BoDevice       *device,
                   gpointer        data,
                   gpointer       *out_result,
                   GDestroyNotify *out_free,
                   GCancellable   *cancellable,
                   GError        **error)
{
  SalesData *d = data;
  GPtrArray *orders = bo_order_list_recent (store, d->limit, error);

  if (orders == NULL)
    return FALSE;
  *out_result = orders;
  *out_free = (GDestroyNotify) g_ptr_array_unref;
  return TRUE;
}

void
bo_worker_recent_orders_async (BoWorker            *self,
                               guint                limit,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  SalesData *d = g_new0 (SalesData, 1);

  d->limit = limit;
  bo_worker_run_async (self, bo_worker_recent_orders_async, recent_orders_job,
                       d, sales_data_free, cancellable, callback, user_data);
}

GPtrArray *
bo_worker_recent_orders_finish (BoWorker      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_recent_orders_async, error);
}

static gboolean
lookup_order_job (BoStore        *store,
                  BoDevice       *device,
                  gpointer        data,
                  gpointer       *out_result,
                  GDestroyNotify *out_free,
                  GCancellable   *cancellable,
                  GError        **error)
{
  SalesData *d = data;
  BoOrder *order = bo_order_lookup (store, d->text, error);

  if (order == NULL)
    return FALSE;
  *out_result = order;
  *out_free = g_object_unref;
  return TRUE;
}

void
bo_worker_lookup_order_async (BoWorker            *self,
                              const char          *uuid_or_code,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  SalesData *d;

  g_return_if_fail (uuid_or_code != NULL);

  d = g_new0 (SalesData, 1);
  d->text = g_strdup (uuid_or_code);
  bo_worker_run_async (self, bo_worker_lookup_order_async, lookup_order_job,
                       d, sales_data_free, cancellable, callback, user_data);
}

BoOrder *
bo_worker_lookup_order_finish (BoWorker      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_lookup_order_async, error);
}

static gboolean
refund_job (BoStore        *store,
            BoDevice       *device,
            gpointer        data,
            gpointer       *out_result,
            GDestroyNotify *out_free,
            GCancellable   *cancellable,
            GError        **error)
{
  SalesData *d = data;
  g_autoptr(BoRefund) refund = NULL;

  if (d->void_order)
    refund = bo_void_order (store, device, d->operator, d->text, d->reason, error);
  else
    refund = bo_refund_order (store, device, d->operator, d->text,
                              (const char * const *) d->ticket_uuids, d->reason, error);
  if (refund == NULL)
    return FALSE;

  return lookup_order_job (store, device, data, out_result, out_free, cancellable, error);
}

void
bo_worker_refund_async (BoWorker            *self,
                        BoOperator          *operator,
                        const char          *order_uuid,
                        const char * const  *ticket_uuids,
                        gboolean             void_order,
                        const char          *reason,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  SalesData *d;

  g_return_if_fail (BO_IS_OPERATOR (operator));
  g_return_if_fail (order_uuid != NULL);

  d = g_new0 (SalesData, 1);
  d->operator = g_object_ref (operator);
  d->text = g_strdup (order_uuid);
  d->ticket_uuids = g_strdupv ((char **) ticket_uuids);
  d->void_order = void_order;
  d->reason = g_strdup (reason);
  bo_worker_run_async (self, bo_worker_refund_async, refund_job, d, sales_data_free,
                       NULL, callback, user_data);
}

BoOrder *
bo_worker_refund_finish (BoWorker      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_refund_async, error);
}
