/* bo-checkin-recorder.c — records the door's scans through the database worker, in order
 *
 * Each scan is a job for the window's database worker, which runs them one after the other
 * on its own store connection: the verdicts come back in the order the codes were scanned
 * while the next codes are already being typed. Scans are never cancelled: a code that was
 * scanned is recorded, even when the page goes away meanwhile (it just is not shown).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "domain/bo-operator.h"
#include "ui/bo-checkin-recorder.h"

/* A second identical code within this time is the scanner reading the same code twice, not
 * a second scan (tests/ui/test_checkin.py waits it out). */
#define DOUBLE_READ_US (800 * G_TIME_SPAN_MILLISECOND)

struct _BoCheckinRecorder
{
  GObject parent_instance;

  BoWorker     *worker;
  GCancellable *disposed;
  char         *last_code;
  gint64        last_code_time;
};

G_DEFINE_FINAL_TYPE (BoCheckinRecorder, bo_checkin_recorder, G_TYPE_OBJECT)

enum {
  RECORDED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  gint64       event_id;
  BoOperator  *operator;   /* NULL: an unattended gate */
  char        *code;
  char        *gate;
  BoDirection  direction;
} ScanJob;

typedef struct
{
  BoCheckin *checkin;
  GError    *error;   /* malformed input, not allowed, store failure: nothing recorded */
  char      *code;
} ScanResult;

static void
scan_job_free (gpointer data)
{
  ScanJob *job = data;

  g_clear_object (&job->operator);
  g_free (job->code);
  g_free (job->gate);
  g_free (job);
}

static void
scan_result_free (gpointer data)
{
  ScanResult *result = data;

  g_clear_object (&result->checkin);
  g_clear_error (&result->error);
  g_free (result->code);
  g_free (result);
}

static gboolean
scan_in_worker (BoStore         *store,
                BoDevice        *device,
                gpointer         job_data,
                gpointer        *out_result,
                GDestroyNotify  *out_free,
                GCancellable    *cancellable,
                GError         **error)
{
  ScanJob *job = job_data;
  ScanResult *result = g_new0 (ScanResult, 1);

  result->code = g_strdup (job->code);
  *out_result = result;
  *out_free = scan_result_free;

  /* Only the scan: the verdict is shown as soon as it is recorded, and the tally follows it
   * without counting again. */
  result->checkin = bo_checkin_scan (store, device, job->operator, job->event_id, job->code,
                                     job->gate, job->direction, &result->error);
  return TRUE;
}

static void
on_scan_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BoCheckinRecorder) self = user_data;
  g_autoptr(GError) error = NULL;
  ScanResult *scan;

  scan = bo_worker_run_finish (BO_WORKER (source), result, bo_checkin_recorder_submit, &error);
  if (g_cancellable_is_cancelled (self->disposed))
    {
      g_clear_pointer (&scan, scan_result_free);
      return;
    }

  /* NULL: the worker could not even open the store. */
  if (scan == NULL)
    g_signal_emit (self, signals[FAILED], 0, NULL, error);
  else if (scan->checkin != NULL)
    g_signal_emit (self, signals[RECORDED], 0, scan->checkin);
  else
    g_signal_emit (self, signals[FAILED], 0, scan->code, scan->error);

  g_clear_pointer (&scan, scan_result_free);
}

static void
bo_checkin_recorder_dispose (GObject *object)
{
  BoCheckinRecorder *self = BO_CHECKIN_RECORDER (object);

  g_cancellable_cancel (self->disposed);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (bo_checkin_recorder_parent_class)->dispose (object);
}

static void
bo_checkin_recorder_finalize (GObject *object)
{
  BoCheckinRecorder *self = BO_CHECKIN_RECORDER (object);

  g_clear_object (&self->disposed);
  g_free (self->last_code);

  G_OBJECT_CLASS (bo_checkin_recorder_parent_class)->finalize (object);
}

static void
bo_checkin_recorder_class_init (BoCheckinRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bo_checkin_recorder_dispose;
  object_class->finalize = bo_checkin_recorder_finalize;

  signals[RECORDED] =
    g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, BO_TYPE_CHECKIN);
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);
}

static void
bo_checkin_recorder_init (BoCheckinRecorder *self)
{
  self->disposed = g_cancellable_new ();
}

BoCheckinRecorder *
bo_checkin_recorder_new (void)
{
  return g_object_new (BO_TYPE_CHECKIN_RECORDER, NULL);
}

void
bo_checkin_recorder_set_worker (BoCheckinRecorder *self,
                                BoWorker          *worker)
{
  g_return_if_fail (BO_IS_CHECKIN_RECORDER (self));
  g_return_if_fail (worker == NULL || BO_IS_WORKER (worker));

  g_set_object (&self->worker, worker);
}

gboolean
bo_checkin_recorder_submit (BoCheckinRecorder *self,
                            gint64             event_id,
                            BoOperator        *operator,
                            const char        *code,
                            const char        *gate,
                            BoDirection        direction)
{
  g_autofree char *trimmed = NULL;
  gint64 now = g_get_monotonic_time ();
  ScanJob *job;

  g_return_val_if_fail (BO_IS_CHECKIN_RECORDER (self), FALSE);
  g_return_val_if_fail (operator == NULL || BO_IS_OPERATOR (operator), FALSE);

  if (code == NULL)
    return FALSE;

  /* A bare Enter (or the LF of a scanner that ends codes with CR LF) is not a scan. */
  trimmed = g_strstrip (g_strdup (code));
  if (trimmed[0] == '\0')
    return FALSE;

  if (self->worker == NULL || event_id <= 0)
    return FALSE;

  if (g_strcmp0 (trimmed, self->last_code) == 0 && now - self->last_code_time < DOUBLE_READ_US)
    return FALSE;

  g_free (self->last_code);
  self->last_code = g_steal_pointer (&trimmed);
  self->last_code_time = now;

  job = g_new0 (ScanJob, 1);
  job->event_id = event_id;
  job->operator = operator != NULL ? g_object_ref (operator) : NULL;
  /* The raw code goes to the core, which validates it (length, control characters). */
  job->code = g_strdup (code);
  job->gate = g_strdup (gate);
  job->direction = direction;

  /* No cancellable: a scan that was made is recorded. */
  bo_worker_run_async (self->worker, bo_checkin_recorder_submit, scan_in_worker, job,
                       scan_job_free, NULL, on_scan_done_cb, g_object_ref (self));
  return TRUE;
}
