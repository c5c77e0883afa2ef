/* bo-worker-catalog.c — catalogue jobs of the database worker: events, ticket types, demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "domain/bo-demo.h"
#include "domain/bo-ticket-type.h"
#include "ui/bo-worker.h"

static gboolean
populate_demo_job (BoStore        *store,
                   BoDevice       *device,
                   gpointer        data,
                   gpointer       *out_result,
                   GDestroyNotify *out_free,
                   GCancellable   *cancellable,
                   GError        **error)
{
  return bo_demo_populate (store, device, error);
}

void
bo_worker_populate_demo_async (BoWorker            *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  bo_worker_run_async (self, bo_worker_populate_demo_async, populate_demo_job, NULL, NULL,
                       cancellable, callback, user_data);
}

gboolean
bo_worker_populate_demo_finish (BoWorker      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  bo_worker_run_finish (self, result, bo_worker_populate_demo_async, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
list_events_job (BoStore        *store,
                 BoDevice       *device,
                 gpointer        data,
                 gpointer       *out_result,
                 GDestroyNotify *out_free,
                 GCancellable   *cancellable,
                 GError        **error)
{
  GListModel *events = bo_event_list (store, error);

  if (events == NULL)
    return FALSE;
  *out_result = events;
  *out_free = g_object_unref;
  return TRUE;
}

void
bo_worker_list_events_async (BoWorker            *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  bo_worker_run_async (self, bo_worker_list_events_async, list_events_job, NULL, NULL,
                       cancellable, callback, user_data);
}

GListModel *
bo_worker_list_events_finish (BoWorker      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_list_events_async, error);
}

static gboolean
list_ticket_types_job (BoStore        *store,
                       BoDevice       *device,
                       gpointer        data,
                       gpointer       *out_result,
                       GDestroyNotify *out_free,
                       GCancellable   *cancellable,
                       GError        **error)
{
  gint64 *event_id = data;
  GListModel *types = bo_ticket_type_list_for_event (store, *event_id, error);

  if (types == NULL)
    return FALSE;
  *out_result = types;
  *out_free = g_object_unref;
  return TRUE;
}

void
bo_worker_list_ticket_types_async (BoWorker            *self,
                                   gint64               event_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  bo_worker_run_async (self, bo_worker_list_ticket_types_async, list_ticket_types_job,
                       g_memdup2 (&event_id, sizeof event_id), g_free,
                       cancellable, callback, user_data);
}

GListModel *
bo_worker_list_ticket_types_finish (BoWorker      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_list_ticket_types_async, error);
}
