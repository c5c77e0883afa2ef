/* bo-session.h — who is at the counter now: the worker, the operator, the open shift
 *
 * One per window, shared by its pages (and by the pages other parts of the app add): they
 * listen to notify::operator and notify::shift rather than to each other, and announce what
 * they changed with bo_session_data_changed() so that every list can refresh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "domain/bo-event.h"
#include "domain/bo-operator.h"
#include "domain/bo-shift.h"
#include "ui/bo-worker.h"

G_BEGIN_DECLS

#define BO_TYPE_SESSION (bo_session_get_type ())
G_DECLARE_FINAL_TYPE (BoSession, bo_session, BO, SESSION, GObject)

/* What changed, for "data-changed". */
typedef enum {
  BO_SESSION_CHANGED_CATALOG = 1 << 0, /* events, ticket types, availability */
  BO_SESSION_CHANGED_ORDERS  = 1 << 1, /* sales, refunds, voids */
  BO_SESSION_CHANGED_SHIFT   = 1 << 2, /* shift opened, cash moved, closed */
} BoSessionChanges;

BoSession  *bo_session_new           (BoWorker  *worker,
                                      GSettings *settings);

BoWorker   *bo_session_get_worker    (BoSession *self);
/* NULL when the settings schema is not installed. */
GSettings  *bo_session_get_settings  (BoSession *self);

/* The signed-in operator; NULL while the counter is locked. */
BoOperator *bo_session_get_operator  (BoSession  *self);
void        bo_session_set_operator  (BoSession  *self,
                                      BoOperator *operator);
gboolean    bo_session_can           (BoSession  *self,
                                      BoRight     right);

/* The open shift, NULL when none is open. */
BoShift    *bo_session_get_shift     (BoSession *self);
void        bo_session_set_shift     (BoSession *self,
                                      BoShift   *shift);

/* The event the counter sells (and, by default, checks in) for; NULL before one is chosen.
 * Setting it also sets the currency. */
BoEvent    *bo_session_get_event     (BoSession *self);
gint64      bo_session_get_event_id  (BoSession *self);
void        bo_session_set_event     (BoSession *self,
                                      BoEvent   *event);

/* The currency of the counter's money (the current event's); cash in the drawer is counted
 * in it. Never NULL. */
const char *bo_session_get_currency  (BoSession  *self);
void        bo_session_set_currency  (BoSession  *self,
                                      const char *currency);

void        bo_session_data_changed  (BoSession       *self,
                                      BoSessionChanges changes);

G_END_DECLS
