/* bo-sync-driver.h — the counter's sync schedule: the timer, the engine and the network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sync/bo-sync-engine.h"
#include "sync/bo-sync-status.h"

G_BEGIN_DECLS

#define BO_TYPE_SYNC_DRIVER (bo_sync_driver_get_type ())
G_DECLARE_FINAL_TYPE (BoSyncDriver, bo_sync_driver, BO, SYNC_DRIVER, GObject)

BoSyncDriver       *bo_sync_driver_new            (void);

/* The database to sync. The driver reads the sync state through its own worker thread and
 * runs the sync engine (which opens its own connection) in another; NULL stops both. */
void                bo_sync_driver_set_db_path    (BoSyncDriver *self,
                                                   const char   *db_path);
const char         *bo_sync_driver_get_db_path    (BoSyncDriver *self);
BoSyncEngine       *bo_sync_driver_get_engine     (BoSyncDriver *self);

/* sync-interval-seconds comes from here; NULL keeps the default (60 s). */
void                bo_sync_driver_set_settings   (BoSyncDriver *self,
                                                   GSettings    *settings);
GSettings          *bo_sync_driver_get_settings   (BoSyncDriver *self);

/* The state last read from the store; NULL before the first read or without a database. */
const BoSyncStatus *bo_sync_driver_get_status     (BoSyncDriver *self);
gboolean            bo_sync_driver_get_running    (BoSyncDriver *self);
BoSyncPhase         bo_sync_driver_get_phase      (BoSyncDriver *self);
/* 0 while the phase has no bar (unknown or short), else 0..1. */
double              bo_sync_driver_get_fraction   (BoSyncDriver *self);
gboolean            bo_sync_driver_get_online     (BoSyncDriver *self);
/* Registered, not revoked, with a database: a cycle can run. */
gboolean            bo_sync_driver_can_sync       (BoSyncDriver *self);

/* Reads the state again (after a sale, a refund, a registration). */
void                bo_sync_driver_refresh        (BoSyncDriver *self);
/* Starts a sync cycle now, unless one is running or the counter cannot sync. */
void                bo_sync_driver_sync_now       (BoSyncDriver *self);
/* A cycle in @seconds (replacing another one asked for "soon"). */
void                bo_sync_driver_sync_soon      (BoSyncDriver *self,
                                                   guint         seconds);
/* Puts a refused (parked) outbox item back in the queue, then syncs. */
void                bo_sync_driver_retry_parked   (BoSyncDriver *self,
                                                   gint64        outbox_id);
/* Stops the timers and what runs (before the owner lets go of the driver). */
void                bo_sync_driver_shutdown       (BoSyncDriver *self);

/* For people: what the phase does ("Sending sales…"). */
const char         *bo_sync_driver_phase_text     (BoSyncPhase phase);

/* Signals:
 *   "changed" () — the state, the phase or the network changed: show it again.
 *   "synced" () — a sync cycle ended (done or not: one that stopped half-way keeps what it
 *      pulled), so the events, ticket types, allocations, tickets and order codes in the
 *      store may be new. On the main context. */

G_END_DECLS
