/* bo-worker.c — the window's database worker: one thread, one store connection, GTask jobs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ui/bo-worker.h"

struct _BoWorker
{
  GObject      parent_instance;

  char        *db_path;
  GThreadPool *pool;

  /* Used only in the worker thread once the pool runs. */
  BoStore     *store;
  BoDevice    *device;
  GError      *open_error;
};

typedef struct {
  BoWorkerFunc   func;
  gpointer       data;
  GDestroyNotify data_free;
} Job;

G_DEFINE_FINAL_TYPE (BoWorker, bo_worker, G_TYPE_OBJECT)

static void
job_free (gpointer data)
{
  Job *job = data;

  if (job->data_free != NULL)
    g_clear_pointer (&job->data, job->data_free);
  g_free (job);
}

/* Runs in the worker thread. */
static gboolean
ensure_open (BoWorker *self,
             GError  **error)
{
  g_autoptr(BoStore) store = NULL;
  g_autoptr(BoDevice) device = NULL;

  if (self->store != NULL)
    return TRUE;

  /* A failure is not remembered for ever: "Try Again" after freeing disk space or closing the
   * other program must be able to succeed. */
  g_clear_error (&self->open_error);

  store = bo_store_open (self->db_path, &self->open_error);
  if (store != NULL)
    device = bo_device_load (store, &self->open_error);

  if (device == NULL)
    {
      g_propagate_error (error, g_error_copy (self->open_error));
      return FALSE;
    }

  self->store = g_steal_pointer (&store);
  self->device = g_steal_pointer (&device);
  return TRUE;
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  g_autoptr(GTask) task = data;
  BoWorker *self = BO_WORKER (user_data);
  Job *job = g_task_get_task_data (task);
  gpointer result = NULL;
  GDestroyNotify result_free = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!ensure_open (self, &error) ||
      !job->func (self->store, self->device, job->data, &result, &result_free,
                  g_task_get_cancellable (task), &error))
    {
      /* A job that failed half-way must not leave a transaction open for the next one. */
      if (self->store != NULL)
        bo_store_rollback (self->store);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, result, result_free);
}

static void
bo_worker_finalize (GObject *object)
{
  BoWorker *self = BO_WORKER (object);

  /* Queued and running jobs hold a reference through their task, so none is left; the last
   * reference may even be dropped by the worker thread itself at the end of a job, which is
   * why this must not wait for the pool's thread. */
  if (self->pool != NULL)
    g_thread_pool_free (self->pool, FALSE, FALSE);

  g_clear_object (&self->device);
  g_clear_object (&self->store);
  g_clear_error (&self->open_error);
  g_free (self->db_path);

  G_OBJECT_CLASS (bo_worker_parent_class)->finalize (object);
}

static void
bo_worker_class_init (BoWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bo_worker_finalize;
}

static void
bo_worker_init (BoWorker *self)
{
}

BoWorker *
bo_worker_new (const char *db_path)
{
  BoWorker *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (BO_TYPE_WORKER, NULL);
  self->db_path = g_strdup (db_path);

  /* One exclusive thread: jobs run in order and the connection never sees two threads. */
  self->pool = g_thread_pool_new (run_job, self, 1, TRUE, &error);
  if (self->pool == NULL)
    g_error ("Cannot start the database thread: %s", error->message);

  return self;
}

const char *
bo_worker_get_db_path (BoWorker *self)
{
  g_return_val_if_fail (BO_IS_WORKER (self), NULL);

  return self->db_path;
}

void
bo_worker_run_async (BoWorker            *self,
                     gpointer             source_tag,
                     BoWorkerFunc         func,
                     gpointer             data,
                     GDestroyNotify       data_free,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (BO_IS_WORKER (self));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, job_free);
  /* The task (and through it the worker) stays alive until the job has run. */
  g_thread_pool_push (self->pool, task, NULL);
}

gpointer
bo_worker_run_finish (BoWorker      *self,
                      GAsyncResult  *result,
                      gpointer       source_tag,
                      GError       **error)
{
  g_return_val_if_fail (BO_IS_WORKER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
counts_job (BoStore        *store,
            BoDevice       *device,
            gpointer        data,
            gpointer       *out_result,
            GDestroyNotify *out_free,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autoptr(GPtrArray) operators = NULL;
  BoWorkerCounts *counts;

  operators = bo_operator_list (store, error);
  if (operators == NULL)
    return FALSE;

  counts = g_new0 (BoWorkerCounts, 1);
  counts->n_operators = operators->len;
  /* Only the first-run screen tells an empty catalogue from one without operators. */
  if (counts->n_operators == 0)
    {
      g_autoptr(GListModel) events = bo_event_list (store, error);

      if (events == NULL)
        {
          g_free (counts);
          return FALSE;
        }
      counts->n_events = g_list_model_get_n_items (events);
    }

  *out_result = counts;
  *out_free = g_free;
  return TRUE;
}

void
bo_worker_open_async (BoWorker            *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  /* Every job opens the store first; the counts tell the window what to show. */
  bo_worker_run_async (self, bo_worker_open_async, counts_job, NULL, NULL,
                       cancellable, callback, user_data);
}

BoWorkerCounts *
bo_worker_open_finish (BoWorker      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_open_async, error);
}
