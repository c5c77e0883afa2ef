/* bo-store-worker.h — a worker thread with its own connection to the local store
 *
 * The UI thread never waits on SQLite: widgets hand work to a worker, which runs the jobs one
 * after the other, in the order given, on a BoStore (and BoDevice) that it opens itself on the
 * same database file. Results come back through the GTask _async/_finish pattern on the main
 * context of the caller.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "store/bo-store.h"
#include "domain/bo-device.h"

G_BEGIN_DECLS

#define BO_TYPE_STORE_WORKER (bo_store_worker_get_type ())
G_DECLARE_FINAL_TYPE (BoStoreWorker, bo_store_worker, BO, STORE_WORKER, GObject)

/* Runs in the worker thread with the worker's own store and device. Returns the result (owned
 * by the task, freed with the @result_free given to run_async) or NULL with @error set. A job
 * whose result may legitimately be NULL returns GINT_TO_POINTER (1) or similar. */
typedef gpointer (*BoStoreWorkerFunc) (BoStore       *store,
                                       BoDevice      *device,
                                       gpointer       job_data,
                                       GCancellable  *cancellable,
                                       GError       **error);

BoStoreWorker *bo_store_worker_new         (const char *db_path);

const char    *bo_store_worker_get_db_path (BoStoreWorker *self);

/* Queues @func. @job_data is freed with @job_data_free after the job ran (in the worker). */
void           bo_store_worker_run_async   (BoStoreWorker       *self,
                                            BoStoreWorkerFunc    func,
                                            gpointer             job_data,
                                            GDestroyNotify       job_data_free,
                                            GDestroyNotify       result_free,
                                            gpointer             source_tag,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);

/* Returns the job's result (transfer full), or NULL with @error. */
gpointer       bo_store_worker_run_finish  (BoStoreWorker  *self,
                                            GAsyncResult   *result,
                                            GError        **error);

/* The source tag given to run_async, to tell jobs apart in a shared callback. */
gpointer       bo_store_worker_get_source_tag (GAsyncResult *result);

G_END_DECLS
