/* bo-sync-engine.c — one counter's sync with the central platform
 *
 * Every cycle (and every on-the-spot allocation) builds its own BoSyncContext: a store
 * connection and a libcurl handle that live in the thread doing the work, so the engine can
 * run in a worker while the UI keeps its own store connection. Signals and property
 * notifications are delivered on the main context of the caller that started the work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sync/bo-sync-engine.h"

#include <glib/gi18n-lib.h>

#include "domain/bo-time.h"
#include "sync/bo-sync-parts.h"

/* "progress" at most this often (a 200,000-ticket pull stores 200 pages). */
#define PROGRESS_INTERVAL_US (100 * G_TIME_SPAN_MILLISECOND)

struct _BoSyncEngine
{
  GObject       parent_instance;

  char         *db_path;
  guint         allocation_target;
  gboolean      push_only;

  GMutex        lock;
  gint          running;        /* cycles and allocations in progress */
  GPtrArray    *waiting;        /* GTasks of run_async callers waiting for the cycle */
};

G_DEFINE_FINAL_TYPE (BoSyncEngine, bo_sync_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_RUNNING,
  N_PROPS
};

enum {
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Where and how often a running piece of work reports. */
typedef struct {
  BoSyncEngine *engine;
  GMainContext *context;  /* NULL: emit in place (a blocking call in the caller's thread) */
  gint64        last_emit;
  int           last_phase;
} Reporter;

typedef struct {
  BoSyncEngine *engine;
  BoSyncPhase   phase;
  guint64       done;
  guint64       total;
} ProgressEvent;

typedef struct {
  BoSyncSummary *summary;
  GError        *error;
} CycleResult;

typedef struct {
  GMainContext *context;
  guint32       ticket_type_id;
  guint         quantity;
} AllocateData;

static void
cycle_result_free (gpointer data)
{
  CycleResult *result = data;

  bo_sync_summary_free (result->summary);
  g_clear_error (&result->error);
  g_free (result);
}

/* Always through a source attached to @context, never called in place: the worker thread
 * could otherwise acquire the main context and run UI handlers itself. */
static void
dispatch_to (GMainContext   *context,
             GSourceFunc     func,
             gpointer        data,
             GDestroyNotify  destroy)
{
  g_autoptr (GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, "[bilten] sync engine");
  g_source_attach (source, context);
}

static gboolean
emit_progress_cb (gpointer data)
{
  ProgressEvent *event = data;

  g_signal_emit (event->engine, signals[SIGNAL_PROGRESS], 0, (int) event->phase, event->done,
                 event->total);
  return G_SOURCE_REMOVE;
}

static void
progress_event_free (gpointer data)
{
  ProgressEvent *event = data;

  g_object_unref (event->engine);
  g_free (event);
}

static void
on_progress (BoSyncPhase phase,
             guint64     done,
             guint64     total,
             gpointer    user_data)
{
  Reporter *reporter = user_data;
  gint64 now = g_get_monotonic_time ();
  ProgressEvent *event;

  if ((int) phase == reporter->last_phase && now - reporter->last_emit < PROGRESS_INTERVAL_US &&
      !(total > 0 && done >= total))
    return;
  reporter->last_phase = (int) phase;
  reporter->last_emit = now;

  if (reporter->context == NULL)
    {
      g_signal_emit (reporter->engine, signals[SIGNAL_PROGRESS], 0, (int) phase, done, total);
      return;
    }
  event = g_new0 (ProgressEvent, 1);
  event->engine = g_object_ref (reporter->engine);
  event->phase = phase;
  event->done = done;
  event->total = total;
  dispatch_to (reporter->context, emit_progress_cb, event, progress_event_free);
}

static gboolean
notify_running_cb (gpointer data)
{
  BoSyncEngine *self = data;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  return G_SOURCE_REMOVE;
}

static void
set_running (BoSyncEngine *self,
             GMainContext *context,
             gboolean      running)
{
  gboolean changed;

  if (running)
    changed = g_atomic_int_add (&self->running, 1) == 0;
  else
    changed = g_atomic_int_dec_and_test (&self->running);
  if (!changed)
    return;
  if (context == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  else
    dispatch_to (context, notify_running_cb, g_object_ref (self), g_object_unref);
}

/* Errors after which nothing else in the cycle makes sense. */
static gboolean
is_fatal (const GError *error)
{
  if (error->domain != BO_SYNC_ERROR)
    return TRUE; /* the store */
  return error->code == BO_SYNC_ERROR_REVOKED || error->code == BO_SYNC_ERROR_UNAUTHORIZED ||
         error->code == BO_SYNC_ERROR_CANCELLED || error->code == BO_SYNC_ERROR_TLS ||
         error->code == BO_SYNC_ERROR_NOT_REGISTERED;
}

/* Keeps the first error of the cycle; TRUE when the cycle must stop. */
static gboolean
note_error (BoSyncContext *ctx,
            GError       **first,
            GError        *error)
{
  gboolean stop = is_fatal (error) ||
                  (bo_sync_error_is_transient (error) &&
                   !bo_http_client_get_reached_server (ctx->http));

  if (g_error_matches (error, BO_SYNC_ERROR, BO_SYNC_ERROR_REVOKED))
    bo_sync_mark_revoked (ctx);
  if (*first == NULL)
    *first = error;
  else
    g_error_free (error);
  return stop;
}

static gboolean
shift_is_open (BoSyncContext *ctx,
               gboolean      *out_open,
               GError       **error)
{
  sqlite3_stmt *stmt = bo_store_prepare (ctx->store,
                                         "SELECT count(*) FROM shifts WHERE closed_at IS NULL",
                                         error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return bo_store_set_error (ctx->store, error, "shifts");
    }
  *out_open = sqlite3_column_int64 (stmt, 0) > 0;
  sqlite3_reset (stmt);
  return TRUE;
}

/* Allocations follow the counter: while a shift is open it keeps a block per limited type
 * on sale (giving back those of events that are over); a closed counter sells nothing and
 * gives every block back. */
static gboolean
run_allocations (BoSyncContext *ctx,
                 GError       **error)
{
  gboolean open = FALSE;

  if (!bo_sync_allocations_reconcile (ctx, error) || !shift_is_open (ctx, &open, error))
    return FALSE;
  if (!open)
    return bo_sync_allocations_release (ctx, TRUE, error);
  return bo_sync_allocations_release (ctx, FALSE, error) &&
         bo_sync_allocations_top_up (ctx, error);
}

static gboolean
run_pull (BoSyncContext *ctx,
          GError       **error)
{
  return bo_sync_pull_keys (ctx, error) &&
         bo_sync_pull_events (ctx, error) &&
         bo_sync_pull_ticket_types (ctx, error) &&
         run_allocations (ctx, error) &&
         bo_sync_pull_tickets (ctx, error);
}

static gboolean
run_cycle (BoSyncContext *ctx,
           gboolean       push_only,
           GError       **error)
{
  GError *first = NULL;
  GError *local_error = NULL;

  /* Push first: acknowledged sales make the catalogue's "sold" right, and refunds reach the
   * server before its tickets are pulled. */
  if (!bo_sync_push (ctx, &local_error) && note_error (ctx, &first, g_steal_pointer (&local_error)))
    goto out;

  if (!push_only)
    {
      if (run_pull (ctx, &local_error))
        ctx->summary->pull_ok = TRUE;
      else if (note_error (ctx, &first, g_steal_pointer (&local_error)))
        goto out;

      /* What the pull queued (released allocations) and what was sold meanwhile. */
      ctx->summary->push_ok = FALSE;
      if (!bo_sync_push (ctx, &local_error))
        note_error (ctx, &first, g_steal_pointer (&local_error));
    }

out:
  if (first != NULL)
    {
      g_propagate_error (error, first);
      return FALSE;
    }
  return TRUE;
}

static void
record_outcome (BoStore      *store,
                gboolean      ok,
                const GError *error)
{
  g_autofree char *now = bo_time_now_iso ();

  if (store == NULL)
    return;
  if (!bo_store_begin (store, NULL))
    return;
  if (!bo_store_set_meta (store, BO_SYNC_META_LAST_ATTEMPT, now, NULL) ||
      (ok && !bo_store_set_meta (store, BO_SYNC_META_LAST_SUCCESS, now, NULL)) ||
      !bo_store_set_meta (store, BO_SYNC_META_LAST_ERROR, ok ? NULL : error->message, NULL) ||
      !bo_store_commit (store, NULL))
    bo_store_rollback (store);
}

/* @counted: the caller already counted this cycle as running (run_async does, so that
 * "running" is TRUE as soon as it returns). */
static gboolean
run_once_with (BoSyncEngine   *self,
               GMainContext   *context,
               gboolean        counted,
               GCancellable   *cancellable,
               BoSyncSummary **out_summary,
               GError        **error)
{
  g_autoptr (BoSyncSummary) summary = bo_sync_summary_new ();
  g_autoptr (GError) local_error = NULL;
  Reporter reporter = { self, context, 0, -1 };
  BoSyncContext ctx = { 0 };
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  if (!counted)
    set_running (self, context, TRUE);
  ctx.summary = summary;
  ctx.progress = on_progress;
  ctx.progress_data = &reporter;
  ctx.allocation_target = self->allocation_target;

  bo_sync_context_progress (&ctx, BO_SYNC_PHASE_CONNECT, 0, 0);
  ok = bo_sync_context_init (&ctx, self->db_path, cancellable, &local_error) &&
       run_cycle (&ctx, self->push_only, &local_error);
  summary->duration = (g_get_monotonic_time () - start) / 1e6;
  if (!ok)
    summary->error_message = g_strdup (local_error->message);
  /* Not registered or revoked: nothing was attempted, nothing to record. */
  if (ctx.http != NULL)
    record_outcome (ctx.store, ok, local_error);
  bo_sync_context_progress (&ctx, BO_SYNC_PHASE_DONE, 1, 1);
  bo_sync_context_clear (&ctx);
  if (!counted)
    set_running (self, context, FALSE);

  if (out_summary != NULL)
    *out_summary = g_steal_pointer (&summary);
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static void
cycle_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BoSyncEngine *self = source_object;
  CycleResult *result = g_new0 (CycleResult, 1);

  run_once_with (self, task_data, TRUE, cancellable, &result->summary, &result->error);
  g_task_return_pointer (task, result, cycle_result_free);
}

/* The cycle is over: every caller that joined it gets the same result. */
static void
on_cycle_done (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  BoSyncEngine *self = BO_SYNC_ENGINE (source);
  g_autoptr (GPtrArray) waiting = NULL;
  CycleResult *result = g_task_propagate_pointer (G_TASK (res), NULL);

  g_mutex_lock (&self->lock);
  waiting = g_steal_pointer (&self->waiting);
  g_mutex_unlock (&self->lock);
  set_running (self, g_task_get_task_data (G_TASK (res)), FALSE);

  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);
      CycleResult *copy = g_new0 (CycleResult, 1);

      if (result != NULL)
        {
          copy->summary = result->summary != NULL ? bo_sync_summary_copy (result->summary)
                                                  : NULL;
          copy->error = result->error != NULL ? g_error_copy (result->error) : NULL;
        }
      g_task_return_pointer (task, copy, cycle_result_free);
    }
  if (result != NULL)
    cycle_result_free (result);
}

static void
allocate_data_free (gpointer data)
{
  AllocateData *allocate = data;

  g_main_context_unref (allocate->context);
  g_free (allocate);
}

static gboolean
allocate_with (BoSyncEngine  *self,
               GMainContext  *context,
               guint32        ticket_type_id,
               guint          quantity,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr (BoSyncSummary) summary = bo_sync_summary_new ();
  BoSyncContext ctx = { 0 };
  gboolean ok;

  set_running (self, context, TRUE);
  ctx.summary = summary;
  ctx.allocation_target = self->allocation_target;
  ok = bo_sync_context_init (&ctx, self->db_path, cancellable, error);
  if (ok)
    {
      g_autoptr (GError) local_error = NULL;

      ok = bo_sync_allocations_request (&ctx, ticket_type_id, quantity, &local_error);
      if (!ok)
        {
          if (g_error_matches (local_error, BO_SYNC_ERROR, BO_SYNC_ERROR_REVOKED))
            bo_sync_mark_revoked (&ctx);
          g_propagate_error (error, g_steal_pointer (&local_error));
        }
    }
  bo_sync_context_clear (&ctx);
  set_running (self, context, FALSE);
  return ok;
}

static void
allocate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  AllocateData *data = task_data;
  GError *error = NULL;

  if (allocate_with (source_object, data->context, data->ticket_type_id, data->quantity,
                     cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
bo_sync_engine_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BoSyncEngine *self = BO_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, bo_sync_engine_get_running (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_sync_engine_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BoSyncEngine *self = BO_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_free (self->db_path);
      self->db_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_sync_engine_finalize (GObject *object)
{
  BoSyncEngine *self = BO_SYNC_ENGINE (object);

  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (bo_sync_engine_parent_class)->finalize (object);
}

static void
bo_sync_engine_class_init (BoSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bo_sync_engine_get_property;
  object_class->set_property = bo_sync_engine_set_property;
  object_class->finalize = bo_sync_engine_finalize;

  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BoSyncEngine::progress:
   * @phase: a #BoSyncPhase
   * @done: items done in this phase
   * @total: items expected in this phase, 0 when unknown
   */
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_UINT64, G_TYPE_UINT64);
}

static void
bo_sync_engine_init (BoSyncEngine *self)
{
  g_mutex_init (&self->lock);
}

BoSyncEngine *
bo_sync_engine_new (const char *db_path)
{
  g_return_val_if_fail (db_path != NULL, NULL);

  return g_object_new (BO_TYPE_SYNC_ENGINE, "db-path", db_path, NULL);
}

const char *
bo_sync_engine_get_db_path (BoSyncEngine *self)
{
  g_return_val_if_fail (BO_IS_SYNC_ENGINE (self), NULL);
  return self->db_path;
}

gboolean
bo_sync_engine_get_running (BoSyncEngine *self)
{
  g_return_val_if_fail (BO_IS_SYNC_ENGINE (self), FALSE);
  return g_atomic_int_get (&self->running) > 0;
}

void
bo_sync_engine_set_allocation_target (BoSyncEngine *self,
                                      guint         seats)
{
  g_return_if_fail (BO_IS_SYNC_ENGINE (self));
  self->allocation_target = seats;
}

void
bo_sync_engine_set_push_only (BoSyncEngine *self,
                              gboolean      push_only)
{
  g_return_if_fail (BO_IS_SYNC_ENGINE (self));
  self->push_only = push_only;
}

gboolean
bo_sync_engine_run_once (BoSyncEngine   *self,
                         GCancellable   *cancellable,
                         BoSyncSummary **out_summary,
                         GError        **error)
{
  g_return_val_if_fail (BO_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_once_with (self, NULL, FALSE, cancellable, out_summary, error);
}

void
bo_sync_engine_run_async (BoSyncEngine        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  gboolean start;

  g_return_if_fail (BO_IS_SYNC_ENGINE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bo_sync_engine_run_async);

  g_mutex_lock (&self->lock);
  start = self->waiting == NULL;
  if (start)
    self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->waiting, g_object_ref (task));
  g_mutex_unlock (&self->lock);

  if (start)
    {
      g_autoptr (GTask) cycle = g_task_new (self, cancellable, on_cycle_done, NULL);

      g_task_set_source_tag (cycle, bo_sync_engine_run_async);
      g_task_set_task_data (cycle, g_main_context_ref_thread_default (),
                            (GDestroyNotify) g_main_context_unref);
      /* The cycle reports its own cancellation in its result. */
      g_task_set_check_cancellable (cycle, FALSE);
      set_running (self, g_task_get_task_data (cycle), TRUE);
      g_task_run_in_thread (cycle, cycle_thread);
    }
}

gboolean
bo_sync_engine_run_finish (BoSyncEngine   *self,
                           GAsyncResult   *result,
                           BoSyncSummary **out_summary,
                           GError        **error)
{
  CycleResult *cycle;
  gboolean ok;

  g_return_val_if_fail (BO_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bo_sync_engine_run_async,
                        FALSE);

  cycle = g_task_propagate_pointer (G_TASK (result), error);
  if (cycle == NULL)
    return FALSE;
  ok = cycle->error == NULL;
  if (out_summary != NULL)
    *out_summary = g_steal_pointer (&cycle->summary);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&cycle->error));
  cycle_result_free (cycle);
  return ok;
}

gboolean
bo_sync_engine_allocate (BoSyncEngine  *self,
                         guint32        ticket_type_id,
                         guint          quantity,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_return_val_if_fail (BO_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (quantity > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return allocate_with (self, NULL, ticket_type_id, quantity, cancellable, error);
}

void
bo_sync_engine_allocate_async (BoSyncEngine        *self,
                               guint32              ticket_type_id,
                               guint                quantity,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  AllocateData *data;

  g_return_if_fail (BO_IS_SYNC_ENGINE (self));
  g_return_if_fail (quantity > 0);

  data = g_new0 (AllocateData, 1);
  data->context = g_main_context_ref_thread_default ();
  data->ticket_type_id = ticket_type_id;
  data->quantity = quantity;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bo_sync_engine_allocate_async);
  g_task_set_task_data (task, data, allocate_data_free);
  g_task_run_in_thread (task, allocate_thread);
}

gboolean
bo_sync_engine_allocate_finish (BoSyncEngine  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (BO_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
bo_sync_engine_release_all (BoSyncEngine  *self,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr (BoSyncSummary) summary = bo_sync_summary_new ();
  g_autoptr (GError) local_error = NULL;
  BoSyncContext ctx = { 0 };
  gboolean ok;

  g_return_val_if_fail (BO_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  set_running (self, NULL, TRUE);
  ctx.summary = summary;
  /* Closed locally first (no sale draws on them any more), then sent. */
  ok = bo_sync_context_init (&ctx, self->db_path, cancellable, &local_error) &&
       bo_sync_allocations_release (&ctx, TRUE, &local_error) &&
       bo_sync_push (&ctx, &local_error);
  if (!ok && ctx.store != NULL &&
      g_error_matches (local_error, BO_SYNC_ERROR, BO_SYNC_ERROR_REVOKED))
    bo_sync_mark_revoked (&ctx);
  bo_sync_context_clear (&ctx);
  set_running (self, NULL, FALSE);
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
