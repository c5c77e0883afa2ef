/* bo-worker-print.c — print jobs of the database worker: finding and queuing the paper
 *
 * Printing itself runs in the print queue's own thread (bo_print_queue_run_async), so a slow
 * or stuck printer never holds up the next sale's database work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "print/bo-print-queue.h"
#include "ui/bo-worker.h"

typedef struct {
  char   *order_uuid;
  GStrv   kinds;
  gint64  shift_id;
} PrintData;

static void
print_data_free (gpointer data)
{
  PrintData *d = data;

  g_free (d->order_uuid);
  g_strfreev (d->kinds);
  g_free (d);
}

void
bo_worker_print_free (BoWorkerPrint *print)
{
  if (print == NULL)
    return;
  g_clear_pointer (&print->job_ids, g_array_unref);
  g_clear_object (&print->config);
  g_free (print);
}

static gboolean
print_job (BoStore        *store,
           BoDevice       *device,
           gpointer        data,
           gpointer       *out_result,
           GDestroyNotify *out_free,
           GCancellable   *cancellable,
           GError        **error)
{
  PrintData *d = data;
  g_autoptr(BoWorkerPrint) print = g_new0 (BoWorkerPrint, 1);
  g_autoptr(BoPrintQueue) queue = NULL;

  print->job_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  print->config = bo_print_config_load (store, error);
  if (print->config == NULL)
    return FALSE;

  queue = bo_print_queue_new (store, device, print->config);

  for (guint i = 0; d->kinds != NULL && d->kinds[i] != NULL; i++)
    {
      gint64 id = bo_print_queue_add_for_order (queue, d->order_uuid, d->kinds[i], NULL, NULL,
                                                NULL, error);

      if (id <= 0)
        return FALSE;
      g_array_append_val (print->job_ids, id);
    }

  if (d->shift_id > 0)
    {
      gint64 id = bo_print_queue_add (queue, "closing", 0, 0, d->shift_id, NULL, NULL, FALSE,
                                      error);

      if (id <= 0)
        return FALSE;
      g_array_append_val (print->job_ids, id);
    }

  *out_result = g_steal_pointer (&print);
  *out_free = (GDestroyNotify) bo_worker_print_free;
  return TRUE;
}

void
bo_worker_print_order_async (BoWorker            *self,
                             const char          *order_uuid,
                             const char * const  *kinds,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  PrintData *d = g_new0 (PrintData, 1);

  d->order_uuid = g_strdup (order_uuid);
  d->kinds = g_strdupv ((char **) kinds);
  bo_worker_run_async (self, bo_worker_print_finish, print_job, d, print_data_free,
                       cancellable, callback, user_data);
}

void
bo_worker_print_closing_async (BoWorker            *self,
                               gint64               shift_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  PrintData *d = g_new0 (PrintData, 1);

  d->shift_id = shift_id;
  bo_worker_run_async (self, bo_worker_print_finish, print_job, d, print_data_free,
                       cancellable, callback, user_data);
}

BoWorkerPrint *
bo_worker_print_finish (BoWorker      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_print_finish, error);
}
