/* bo-checkin-recorder.h — records the door's scans through the database worker, in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "domain/bo-checkin.h"
#include "domain/bo-operator.h"
#include "ui/bo-worker.h"

G_BEGIN_DECLS

#define BO_TYPE_CHECKIN_RECORDER (bo_checkin_recorder_get_type ())
G_DECLARE_FINAL_TYPE (BoCheckinRecorder, bo_checkin_recorder, BO, CHECKIN_RECORDER, GObject)

/* Signals, in the order the scans were submitted:
 *   "recorded" (BoCheckin *checkin): judged and recorded, whatever the verdict;
 *   "failed" (const char *code, GError *error): nothing was recorded (unreadable code,
 *     operator not allowed, store failure); @code is NULL when the worker failed outright. */

BoCheckinRecorder *bo_checkin_recorder_new        (void);

/* The worker whose store records the scans; NULL refuses them. */
void               bo_checkin_recorder_set_worker (BoCheckinRecorder *self,
                                                   BoWorker          *worker);

/* Queues a scan of @code (raw, as typed: the core trims and validates it) for @event_id by
 * @operator (NULL: an unattended gate) at @gate (NULL: none). Returns FALSE, queuing
 * nothing, for an empty code, without a worker or event, and for the scanner reading the
 * same code twice in a row. A queued scan is recorded even if the recorder goes away. */
gboolean           bo_checkin_recorder_submit     (BoCheckinRecorder *self,
                                                   gint64             event_id,
                                                   BoOperator        *operator,
                                                   const char        *code,
                                                   const char        *gate,
                                                   BoDirection        direction);

G_END_DECLS
