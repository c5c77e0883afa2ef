/* bo-sync-summary.h — what one sync cycle did (pull + push)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BO_TYPE_SYNC_SUMMARY (bo_sync_summary_get_type ())

typedef struct {
  /* pull: objects received and stored */
  guint64  pulled;          /* all of the below together */
  guint64  pulled_keys;
  guint64  pulled_events;
  guint64  pulled_ticket_types;
  guint64  pulled_tickets;
  /* allocations: blocks requested (and granted) and released in this cycle */
  guint    allocations_granted;
  guint    allocations_released;
  /* push: outbox items */
  guint    pushed;          /* acknowledged by the server in this cycle */
  guint    failed;          /* transient failures: stay pending, retried later with back-off */
  guint    parked;          /* rejected by the server in this cycle: need attention */
  guint    remaining;       /* pending items left (not yet due, or not reached) */
  double   duration;        /* seconds, wall clock */
  gboolean pull_ok;         /* the pull phase completed */
  gboolean push_ok;         /* the push phase reached the end of the due queue */
  /* the first transient/fatal error of the cycle when run_once still returned TRUE (e.g. the
   * pull failed on a timeout but the push went on): NULL when none */
  char    *error_message;
} BoSyncSummary;

GType          bo_sync_summary_get_type (void) G_GNUC_CONST;
BoSyncSummary *bo_sync_summary_new      (void);
BoSyncSummary *bo_sync_summary_copy     (const BoSyncSummary *summary);
void           bo_sync_summary_free     (BoSyncSummary *summary);

/* {"pulled":..,"pushed":..,"failed":..,"parked":..,"duration":..,...} as one line of JSON. */
char          *bo_sync_summary_to_json  (const BoSyncSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoSyncSummary, bo_sync_summary_free)

G_END_DECLS
