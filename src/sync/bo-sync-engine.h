/* bo-sync-engine.h — one counter's sync with the central platform (pull + push)
 *
 * The engine owns nothing the UI thread uses: every cycle opens its own BoStore connection
 * on @db_path and its own libcurl handle, so it runs in a worker thread (run_async) while the
 * UI keeps its own store connection. One cycle:
 *
 *   1. pull: device keys, events, ticket types (with sold), allocations, then the tickets of
 *      every on-sale event page by page (each page and its cursor in one transaction, so a
 *      killed pull resumes where it stopped);
 *   2. allocations: while a shift is open, keep a block for every limited on-sale type, top
 *      it up when below half, release what is left when the event is over (or the type
 *      goes off sale); with no shift open (the counter is closed), release every block;
 *   3. push: the outbox in order (orders, refunds, batched check-ins, closings), each with
 *      its uuid as Idempotency-Key, retried with exponential back-off and jitter; refused
 *      items are parked and the rest of the queue goes on.
 *
 * A 401 device_revoked stops everything (BO_SYNC_ERROR_REVOKED) and is remembered in the
 * store: later cycles refuse to run until the counter is registered again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "sync/bo-sync-error.h"
#include "sync/bo-sync-summary.h"

G_BEGIN_DECLS

/* Phases reported by the "progress" signal. */
typedef enum {
  BO_SYNC_PHASE_CONNECT,       /* opening the store, checking the registration */
  BO_SYNC_PHASE_KEYS,
  BO_SYNC_PHASE_EVENTS,
  BO_SYNC_PHASE_TICKET_TYPES,
  BO_SYNC_PHASE_ALLOCATIONS,
  BO_SYNC_PHASE_TICKETS,       /* done/total = tickets stored / tickets expected (estimate) */
  BO_SYNC_PHASE_PUSH,          /* done/total = outbox items handled / due at start */
  BO_SYNC_PHASE_DONE,
} BoSyncPhase;

#define BO_TYPE_SYNC_ENGINE (bo_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (BoSyncEngine, bo_sync_engine, BO, SYNC_ENGINE, GObject)

/* Meta keys a manager (or a test) may set in the store. */
#define BO_SYNC_META_ALLOCATION_TARGET "sync.allocation_target" /* seats per block, >= 1 */

BoSyncEngine *bo_sync_engine_new          (const char *db_path);

const char   *bo_sync_engine_get_db_path  (BoSyncEngine *self);

/* Whether a cycle (or an on-the-spot allocation) is running now ("running" property,
 * notified on the main context the engine was created on). */
gboolean      bo_sync_engine_get_running  (BoSyncEngine *self);

/* Seats per allocation block; 0 (default) = the meta key, else min (20, 10 % of what is
 * left), at least 1. */
void          bo_sync_engine_set_allocation_target (BoSyncEngine *self,
                                                    guint         seats);

/* Push only: skip the pull and allocation phases (for a quick flush after a sale). */
void          bo_sync_engine_set_push_only (BoSyncEngine *self,
                                            gboolean      push_only);

/* One blocking cycle in the calling thread. Returns FALSE when the cycle could not do all
 * of its work: not registered, revoked, unauthorized, cancelled, a store failure, the server
 * unreachable, a broken answer, or an item still failing after its retries in this cycle
 * (it stays queued, with back-off). @out_summary is filled either way (except for a store
 * that cannot be opened). Refused items are parked and do not fail the cycle. "progress" and
 * "notify::running" are emitted in the calling thread, as the cycle goes. */
gboolean      bo_sync_engine_run_once     (BoSyncEngine   *self,
                                           GCancellable   *cancellable,
                                           BoSyncSummary **out_summary,
                                           GError        **error);

/* The same cycle in a worker thread (GTask) with its own store connection and curl handle.
 * Only one cycle runs at a time: a call while one is running joins it (its callback gets the
 * same result). "progress" and "notify::running" arrive on the thread-default main context
 * of the caller of run_async (idle sources), never in the worker. */
void          bo_sync_engine_run_async    (BoSyncEngine        *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean      bo_sync_engine_run_finish   (BoSyncEngine   *self,
                                           GAsyncResult   *result,
                                           BoSyncSummary **out_summary,
                                           GError        **error);

/* On the spot, when a sale finds the allocation of @ticket_type_id used up: makes this
 * counter's open blocks of the type hold @quantity unused seats in all. @quantity is the
 * number of seats the sale needs, not the size of the new block: the server is asked for the
 * shortfall (@quantity less the unused seats already held), or for enough to bring the unused
 * seats up to the allocation target when that is more; a server with less than that left but
 * at least the shortfall grants what it has. The block is stored so the sale can be retried.
 * Nothing is asked when the type has no capacity limit or the open blocks already hold
 * @quantity. Blocking; fails with NETWORK/TIMEOUT when offline (then only a manager's
 * override sells), REJECTED (sold_out, with the number still available in the message) when
 * the server has fewer seats left than the shortfall. */
gboolean      bo_sync_engine_allocate     (BoSyncEngine  *self,
                                           guint32        ticket_type_id,
                                           guint          quantity,
                                           GCancellable  *cancellable,
                                           GError       **error);
void          bo_sync_engine_allocate_async  (BoSyncEngine        *self,
                                              guint32              ticket_type_id,
                                              guint                quantity,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean      bo_sync_engine_allocate_finish (BoSyncEngine  *self,
                                              GAsyncResult  *result,
                                              GError       **error);

/* Returns the unused seats of every open allocation to the server (the counter closes for
 * the day; a cycle does the same by itself when no shift is open). The blocks are closed
 * locally at once and the release is queued in the outbox: when the server cannot be
 * reached this fails with NETWORK and the next cycle sends it. Blocking. */
gboolean      bo_sync_engine_release_all  (BoSyncEngine  *self,
                                           GCancellable  *cancellable,
                                           GError       **error);

/* Signals:
 *   "progress" (int phase (a BoSyncPhase), guint64 done, guint64 total) — total 0 = unknown;
 *      throttled to about 10 per phase and second (phase changes and the end always come). */

G_END_DECLS
