/* bo-sync-indicator.h — the sync state in the header bar, and the timer that syncs
 *
 * The widget over a BoSyncDriver (the schedule) and a BoSyncPopover (the details).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sync/bo-sync-engine.h"

G_BEGIN_DECLS

#define BO_TYPE_SYNC_INDICATOR (bo_sync_indicator_get_type ())
G_DECLARE_FINAL_TYPE (BoSyncIndicator, bo_sync_indicator, BO, SYNC_INDICATOR, AdwBin)

BoSyncIndicator *bo_sync_indicator_new         (void);

/* The database to sync. The indicator's driver reads the sync state through its own worker
 * thread and runs the sync engine (which opens its own connection) in another; NULL stops
 * both. */
void             bo_sync_indicator_set_db_path (BoSyncIndicator *self,
                                                const char      *db_path);
const char      *bo_sync_indicator_get_db_path (BoSyncIndicator *self);
/* The engine that syncs that database (for on-the-spot allocations); NULL without one. A new
 * database path makes a new engine. */
BoSyncEngine    *bo_sync_indicator_get_engine  (BoSyncIndicator *self);

/* sync-interval-seconds comes from here; NULL keeps the default (60 s). */
void             bo_sync_indicator_set_settings (BoSyncIndicator *self,
                                                 GSettings       *settings);

/* Reads the state again (after a sale, a refund, a registration). */
void             bo_sync_indicator_refresh     (BoSyncIndicator *self);

/* Signals:
 *   "synced" () — a sync cycle ended (done or not: one that stopped half-way keeps what it
 *      pulled), so the events, ticket types, allocations, tickets and order codes in the
 *      store may be new. On the main context. */

G_END_DECLS
