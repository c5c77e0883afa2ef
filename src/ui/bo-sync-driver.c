/* bo-sync-driver.c — the counter's sync schedule: the timer, the engine and the network
 *
 * The driver owns the counter's sync schedule: a cycle every sync-interval-seconds, one
 * soon after the network comes back, one when asked. Cycles run in the sync engine's worker
 * thread with its own store connection and its own HTTP handle; the state is read through a
 * separate database worker, so neither ever blocks the window. Widgets (the indicator and
 * its popover) only show what it says in "changed".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ui/bo-sync-driver.h"
#include "ui/bo-worker.h"

#define DEFAULT_INTERVAL_S   60
#define FIRST_SYNC_DELAY_S   3
#define NETWORK_DELAY_S      2
#define STATUS_REFRESH_S     10

struct _BoSyncDriver
{
  GObject parent_instance;

  GSettings       *settings;
  BoWorker        *worker;
  BoSyncEngine    *engine;
  GCancellable    *cancellable;
  GNetworkMonitor *monitor;
  BoSyncStatus    *status;

  guint            sync_timeout_id;
  guint            soon_timeout_id;
  guint            status_timeout_id;
  gboolean         status_pending;
  gboolean         sync_wanted;  /* asked for while the state was not known yet */
  gboolean         running;
  BoSyncPhase      phase;
  double           fraction;
};

static void schedule_sync (BoSyncDriver *self);

G_DEFINE_FINAL_TYPE (BoSyncDriver, bo_sync_driver, G_TYPE_OBJECT)

enum {
  CHANGED,
  SYNCED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Worker jobs --------------------------------------------------------------------------------- */

static gboolean
read_status_in_worker (BoStore         *store,
                       BoDevice        *device,
                       gpointer         data,
                       gpointer        *out_result,
                       GDestroyNotify  *out_free,
                       GCancellable    *cancellable,
                       GError         **error)
{
  BoSyncStatus *status = bo_sync_status_read (store, error);

  if (status == NULL)
    return FALSE;

  *out_result = status;
  *out_free = (GDestroyNotify) bo_sync_status_free;
  return TRUE;
}

static gboolean
retry_parked_in_worker (BoStore         *store,
                        BoDevice        *device,
                        gpointer         data,
                        gpointer        *out_result,
                        GDestroyNotify  *out_free,
                        GCancellable    *cancellable,
                        GError         **error)
{
  gint64 *outbox_id = data;

  return bo_sync_retry_parked (store, *outbox_id, error);
}

/* Helpers ------------------------------------------------------------------------------------- */

static void
emit_changed (BoSyncDriver *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* After bo_sync_driver_shutdown() the driver still answers questions (the popover keeps a
 * reference), but starts nothing: a cycle on the cancelled cancellable would end at once and
 * leave "running" set for good. */
static gboolean
is_shut_down (BoSyncDriver *self)
{
  return g_cancellable_is_cancelled (self->cancellable);
}

/* Callbacks ----------------------------------------------------------------------------------- */

static void
on_status_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BoSyncDriver) self = user_data;
  g_autoptr(GError) error = NULL;
  BoSyncStatus *status;

  status = bo_worker_run_finish (BO_WORKER (source), result, read_status_in_worker, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* A read from the worker of an earlier database: the read pending now, if any, is the
   * current worker's. */
  if (BO_WORKER (source) != self->worker)
    {
      g_clear_pointer (&status, bo_sync_status_free);
      return;
    }
  self->status_pending = FALSE;

  if (status == NULL)
    {
      g_warning ("Cannot read the sync state: %s", error->message);
      return;
    }

  g_clear_pointer (&self->status, bo_sync_status_free);
  self->status = status;
  emit_changed (self);

  if (self->sync_wanted && bo_sync_driver_can_sync (self))
    bo_sync_driver_sync_now (self);
}

static gboolean
status_timeout_cb (gpointer user_data)
{
  BoSyncDriver *self = user_data;

  if (!self->running)
    bo_sync_driver_refresh (self);
  return G_SOURCE_CONTINUE;
}

static void
on_retry_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BoSyncDriver) self = user_data;
  g_autoptr(GError) error = NULL;

  bo_worker_run_finish (BO_WORKER (source), result, retry_parked_in_worker, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_warning ("Cannot queue the item again: %s", error->message);

  bo_sync_driver_sync_now (self);
}

static void
on_sync_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BoSyncDriver) self = user_data;
  g_autoptr(BoSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  if (!bo_sync_engine_run_finish (BO_SYNC_ENGINE (source), result, &summary, &error))
    {
      if (g_error_matches (error, BO_SYNC_ERROR, BO_SYNC_ERROR_CANCELLED)
          || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Sync cycle failed: %s", error->message);
    }

  if (BO_SYNC_ENGINE (source) != self->engine)
    return;

  self->running = FALSE;
  self->fraction = 0;
  bo_sync_driver_refresh (self);
  /* A cycle that stopped half-way kept what it had pulled: the store may have changed
   * either way. */
  g_signal_emit (self, signals[SYNCED], 0);
}

static void
on_progress_cb (BoSyncEngine *engine,
                BoSyncPhase   phase,
                guint64       done,
                guint64       total,
                BoSyncDriver *self)
{
  self->phase = phase;
  /* Only the long phases get a bar; the short ones would flicker. */
  if ((phase == BO_SYNC_PHASE_TICKETS || phase == BO_SYNC_PHASE_PUSH) && total > 0)
    self->fraction = CLAMP ((double) done / (double) total, 0.0, 1.0);
  else
    self->fraction = 0;
  emit_changed (self);
}

static gboolean
sync_timeout_cb (gpointer user_data)
{
  BoSyncDriver *self = user_data;

  bo_sync_driver_sync_now (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
soon_timeout_cb (gpointer user_data)
{
  BoSyncDriver *self = user_data;

  self->soon_timeout_id = 0;
  bo_sync_driver_sync_now (self);
  return G_SOURCE_REMOVE;
}

static void
on_network_changed_cb (GNetworkMonitor *monitor,
                       gboolean         available,
                       BoSyncDriver    *self)
{
  emit_changed (self);
  /* Network changes come in bursts (link, address, route): one cycle after they settle. */
  if (available)
    bo_sync_driver_sync_soon (self, NETWORK_DELAY_S);
}

static void
on_interval_changed_cb (GSettings    *settings,
                        const char   *key,
                        BoSyncDriver *self)
{
  schedule_sync (self);
}

static void
schedule_sync (BoSyncDriver *self)
{
  guint interval = DEFAULT_INTERVAL_S;

  g_clear_handle_id (&self->sync_timeout_id, g_source_remove);
  if (self->engine == NULL || is_shut_down (self))
    return;

  if (self->settings != NULL)
    interval = g_settings_get_uint (self->settings, "sync-interval-seconds");
  self->sync_timeout_id = g_timeout_add_seconds (MAX (interval, 1), sync_timeout_cb, self);
}

/* Overrides ----------------------------------------------------------------------------------- */

static void
bo_sync_driver_dispose (GObject *object)
{
  BoSyncDriver *self = BO_SYNC_DRIVER (object);

  bo_sync_driver_shutdown (self);
  g_clear_object (&self->engine);
  g_clear_object (&self->worker);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bo_sync_driver_parent_class)->dispose (object);
}

static void
bo_sync_driver_finalize (GObject *object)
{
  BoSyncDriver *self = BO_SYNC_DRIVER (object);

  g_clear_pointer (&self->status, bo_sync_status_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (bo_sync_driver_parent_class)->finalize (object);
}

static void
bo_sync_driver_class_init (BoSyncDriverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bo_sync_driver_dispose;
  object_class->finalize = bo_sync_driver_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SYNCED] =
    g_signal_new ("synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bo_sync_driver_init (BoSyncDriver *self)
{
  self->cancellable = g_cancellable_new ();
  self->monitor = g_network_monitor_get_default ();
  g_signal_connect (self->monitor, "network-changed", G_CALLBACK (on_network_changed_cb), self);
  self->status_timeout_id = g_timeout_add_seconds (STATUS_REFRESH_S, status_timeout_cb, self);
}

/* Public API ---------------------------------------------------------------------------------- */

BoSyncDriver *
bo_sync_driver_new (void)
{
  return g_object_new (BO_TYPE_SYNC_DRIVER, NULL);
}

void
bo_sync_driver_set_db_path (BoSyncDriver *self,
                            const char   *db_path)
{
  g_return_if_fail (BO_IS_SYNC_DRIVER (self));

  if (g_strcmp0 (db_path, bo_sync_driver_get_db_path (self)) == 0)
    return;

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->worker);
  g_clear_pointer (&self->status, bo_sync_status_free);
  self->running = FALSE;
  self->status_pending = FALSE;

  if (db_path != NULL)
    {
      /* Made on the main thread, so that "progress" arrives on the main context. */
      self->engine = bo_sync_engine_new (db_path);
      g_signal_connect (self->engine, "progress", G_CALLBACK (on_progress_cb), self);
      self->worker = bo_worker_new (db_path);
      bo_sync_driver_refresh (self);
      bo_sync_driver_sync_soon (self, FIRST_SYNC_DELAY_S);
    }

  schedule_sync (self);
  emit_changed (self);
}

const char *
bo_sync_driver_get_db_path (BoSyncDriver *self)
{
  g_return_val_if_fail (BO_IS_SYNC_DRIVER (self), NULL);

  return self->engine != NULL ? bo_sync_engine_get_db_path (self->engine) : NULL;
}

BoSyncEngine *
bo_sync_driver_get_engine (BoSyncDriver *self)
{
  g_return_val_if_fail (BO_IS_SYNC_DRIVER (self), NULL);

  return self->engine;
}

void
bo_sync_driver_set_settings (BoSyncDriver *self,
                             GSettings    *settings)
{
  g_return_if_fail (BO_IS_SYNC_DRIVER (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  /* Before disconnecting: the same settings again must keep their handler. */
  if (self->settings == settings)
    return;

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, on_interval_changed_cb, self);
  g_set_object (&self->settings, settings);

  if (settings != NULL)
    g_signal_connect_object (settings, "changed::sync-interval-seconds",
                             G_CALLBACK (on_interval_changed_cb), self, 0);
  schedule_sync (self);
}

GSettings *
bo_sync_driver_get_settings (BoSyncDriver *self)
{
  g_return_val_if_fail (BO_IS_SYNC_DRIVER (self), NULL);

  return self->settings;
}

const BoSyncStatus *
bo_sync_driver_get_status (BoSyncDriver *self)
{
  g_return_val_if_fail (BO_IS_SYNC_DRIVER (self), NULL);

  return self->status;
}

gboolean
bo_sync_driver_get_running (BoSyncDriver *self)
{
  g_return_val_if_fail (BO_IS_SYNC_DRIVER (self), FALSE);

  return self->running;
}

BoSyncPhase
bo_sync_driver_get_phase (BoSyncDriver *self)
{
  g_return_val_if_fail (BO_IS_SYNC_DRIVER (self), BO_SYNC_PHASE_DONE);

  return self->phase;
}

double
bo_sync_driver_get_fraction (BoSyncDriver *self)
{
  g_return_val_if_fail (BO_IS_SYNC_DRIVER (self), 0);

  return self->fraction;
}

gboolean
bo_sync_driver_get_online (BoSyncDriver *self)
{
  g_return_val_if_fail (BO_IS_SYNC_DRIVER (self), FALSE);

  return self->monitor == NULL || g_network_monitor_get_network_available (self->monitor);
}

gboolean
bo_sync_driver_can_sync (BoSyncDriver *self)
{
  g_return_val_if_fail (BO_IS_SYNC_DRIVER (self), FALSE);

  return self->engine != NULL
         && self->status != NULL
         && self->status->registered
         && !self->status->revoked;
}

void
bo_sync_driver_refresh (BoSyncDriver *self)
{
  g_return_if_fail (BO_IS_SYNC_DRIVER (self));

  /* One read at a time is enough: a read queued behind another sees the same state. */
  if (self->worker == NULL || self->status_pending || is_shut_down (self))
    return;

  self->status_pending = TRUE;
  bo_worker_run_async (self->worker, read_status_in_worker, read_status_in_worker, NULL, NULL,
                       self->cancellable, on_status_read_cb, g_object_ref (self));
}

void
bo_sync_driver_sync_now (BoSyncDriver *self)
{
  g_return_if_fail (BO_IS_SYNC_DRIVER (self));

  if (self->running || is_shut_down (self) || !bo_sync_driver_get_online (self))
    return;

  if (!bo_sync_driver_can_sync (self))
    {
      /* The registration may have changed behind our back (preferences, CLI): look again,
       * and sync then if it can. */
      self->sync_wanted = self->engine != NULL;
      bo_sync_driver_refresh (self);
      return;
    }

  self->sync_wanted = FALSE;
  self->running = TRUE;
  self->phase = BO_SYNC_PHASE_CONNECT;
  self->fraction = 0;
  emit_changed (self);
  bo_sync_engine_run_async (self->engine, self->cancellable, on_sync_done_cb,
                            g_object_ref (self));
}

void
bo_sync_driver_sync_soon (BoSyncDriver *self,
                          guint         seconds)
{
  g_return_if_fail (BO_IS_SYNC_DRIVER (self));

  g_clear_handle_id (&self->soon_timeout_id, g_source_remove);
  if (is_shut_down (self))
    return;
  self->soon_timeout_id = g_timeout_add_seconds (seconds, soon_timeout_cb, self);
}

void
bo_sync_driver_retry_parked (BoSyncDriver *self,
                             gint64        outbox_id)
{
  gint64 *copy;

  g_return_if_fail (BO_IS_SYNC_DRIVER (self));

  if (self->worker == NULL || is_shut_down (self))
    return;

  copy = g_new (gint64, 1);
  *copy = outbox_id;
  bo_worker_run_async (self->worker, retry_parked_in_worker, retry_parked_in_worker, copy, g_free,
                       self->cancellable, on_retry_done_cb, g_object_ref (self));
}

void
bo_sync_driver_shutdown (BoSyncDriver *self)
{
  g_return_if_fail (BO_IS_SYNC_DRIVER (self));

  /* Jobs still queued hold a reference: cancelled, they let go of it soon. */
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->sync_timeout_id, g_source_remove);
  g_clear_handle_id (&self->soon_timeout_id, g_source_remove);
  g_clear_handle_id (&self->status_timeout_id, g_source_remove);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, on_interval_changed_cb, self);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  self->monitor = NULL;
}

const char *
bo_sync_driver_phase_text (BoSyncPhase phase)
{
  switch (phase)
    {
    case BO_SYNC_PHASE_CONNECT:
      return _("Connecting…");
    case BO_SYNC_PHASE_KEYS:
    case BO_SYNC_PHASE_EVENTS:
    case BO_SYNC_PHASE_TICKET_TYPES:
      return _("Fetching the catalogue…");
    case BO_SYNC_PHASE_ALLOCATIONS:
      return _("Updating allocations…");
    case BO_SYNC_PHASE_TICKETS:
      return _("Fetching tickets…");
    case BO_SYNC_PHASE_PUSH:
      return _("Sending sales…");
    case BO_SYNC_PHASE_DONE:
    default:
      return _("Finishing…");
    }
}
