/* bo-sync-parts.h — the phases of a sync cycle (pull, allocations, push)
 *
 * Each runs on a BoSyncContext in the engine's worker thread and keeps its writes in short
 * transactions so that the UI's own connection is never locked out for long.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sync/bo-sync-private.h"

G_BEGIN_DECLS

/* pull (bo-sync-pull.c) */
gboolean bo_sync_pull_keys          (BoSyncContext *ctx,
                                     GError       **error);
gboolean bo_sync_pull_events        (BoSyncContext *ctx,
                                     GError       **error);
gboolean bo_sync_pull_ticket_types  (BoSyncContext *ctx,
                                     GError       **error);
gboolean bo_sync_pull_tickets       (BoSyncContext *ctx,
                                     GError       **error);

/* allocations (bo-sync-allocations.c) */
gboolean bo_sync_allocations_reconcile (BoSyncContext *ctx,
                                        GError       **error);
gboolean bo_sync_allocations_release   (BoSyncContext *ctx,
                                        gboolean       all,
                                        GError       **error);
gboolean bo_sync_allocations_top_up    (BoSyncContext *ctx,
                                        GError       **error);
gboolean bo_sync_allocations_request   (BoSyncContext *ctx,
                                        guint32        ticket_type_id,
                                        guint          quantity,
                                        GError       **error);

/* push (bo-sync-push.c) */
gboolean bo_sync_push               (BoSyncContext *ctx,
                                     GError       **error);

/* SQL condition (on a table aliased "e") for events whose catalogue and tickets are kept in
 * sync: not cancelled and not over. :now is bound to the current time (bo_sync_bind_now). */
#define BO_SYNC_LIVE_EVENT_SQL \
  "e.status <> 'cancelled' AND " \
  "coalesce (e.ends_at, strftime ('%Y-%m-%dT%H:%M:%SZ', e.starts_at, '+6 hours')) > :now"

/* Binds :now in @stmt to the current time, when the statement has it. */
void     bo_sync_bind_now           (sqlite3_stmt *stmt);

G_END_DECLS
