/* bo-print-queue-async.c — printing off the UI thread
 *
 * A printer can take seconds (or its timeout) to answer: the GUI never waits for one. Each
 * task opens its own connection to the store file, so that SQLite is never shared between
 * threads, and uses a copy of the printer settings taken when the task started.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "print/bo-print-queue.h"

typedef struct {
  char          *db_path;
  BoPrintConfig *config;
  gint64         id;
  char          *target;
  gint64         operator_id;
  gboolean       retry_failed;
  guint          done;
  guint          failed;
} RunData;

static void
run_data_free (gpointer data)
{
  RunData *run = data;

  g_free (run->db_path);
  g_clear_object (&run->config);
  g_free (run->target);
  g_free (run);
}

static BoPrintQueue *
open_queue (RunData *run,
            GError **error)
{
  g_autoptr (BoStore) store = bo_store_open (run->db_path, error);
  g_autoptr (BoDevice) device = NULL;
  g_autoptr (BoPrintQueue) queue = NULL;

  if (store == NULL)
    return NULL;
  device = bo_device_load (store, error);
  if (device == NULL)
    return NULL;
  queue = bo_print_queue_new (store, device, run->config);
  if (run->operator_id > 0)
    {
      g_autoptr (BoOperator) operator = bo_operator_lookup (store, run->operator_id, error);

      if (operator == NULL)
        return NULL;
      bo_print_queue_set_operator (queue, operator);
    }
  return g_steal_pointer (&queue);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *run = task_data;
  g_autoptr (BoPrintQueue) queue = NULL;
  GError *error = NULL;

  queue = open_queue (run, &error);
  if (queue == NULL || !bo_print_queue_run (queue, run->id, run->target, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
run_pending_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  RunData *run = task_data;
  g_autoptr (BoPrintQueue) queue = NULL;
  GError *error = NULL;

  queue = open_queue (run, &error);
  if (queue != NULL)
    run->done = bo_print_queue_run_pending (queue, run->retry_failed, &run->failed, cancellable,
                                            &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static GTask *
new_task (const char          *db_path,
          BoPrintConfig       *config,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          gpointer             source_tag,
          RunData            **out_run)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  RunData *run = g_new0 (RunData, 1);

  g_task_set_source_tag (task, source_tag);
  run->db_path = g_strdup (db_path);
  run->config = config != NULL ? bo_print_config_copy (config) : bo_print_config_new ();
  g_task_set_task_data (task, run, run_data_free);
  *out_run = run;
  return task;
}

void
bo_print_queue_run_async (const char          *db_path,
                          BoPrintConfig       *config,
                          gint64               id,
                          const char          *target,
                          gint64               operator_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  RunData *run;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (config == NULL || BO_IS_PRINT_CONFIG (config));

  task = new_task (db_path, config, cancellable, callback, user_data, bo_print_queue_run_async,
                   &run);
  run->id = id;
  run->target = g_strdup (target);
  run->operator_id = operator_id;
  g_task_run_in_thread (task, run_thread);
}

gboolean
bo_print_queue_run_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bo_print_queue_run_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
bo_print_queue_run_pending_async (const char          *db_path,
                                  BoPrintConfig       *config,
                                  gboolean             retry_failed,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  RunData *run;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (config == NULL || BO_IS_PRINT_CONFIG (config));

  task = new_task (db_path, config, cancellable, callback, user_data,
                   bo_print_queue_run_pending_async, &run);
  run->retry_failed = retry_failed;
  g_task_run_in_thread (task, run_pending_thread);
}

guint
bo_print_queue_run_pending_finish (GAsyncResult  *result,
                                   guint         *out_failed,
                                   GError       **error)
{
  RunData *run;

  g_return_val_if_fail (g_task_is_valid (result, NULL), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == bo_print_queue_run_pending_async, 0);

  run = g_task_get_task_data (G_TASK (result));
  if (out_failed != NULL)
    *out_failed = run->failed;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return 0;
  return run->done;
}
