/* bo-checkin-tally.h — "312 in · of 1,000 tickets": attendance at the door
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "domain/bo-checkin.h"
#include "ui/bo-worker.h"

G_BEGIN_DECLS

#define BO_TYPE_CHECKIN_TALLY (bo_checkin_tally_get_type ())
G_DECLARE_FINAL_TYPE (BoCheckinTally, bo_checkin_tally, BO, CHECKIN_TALLY, AdwBin)

/* The database worker that counts (NULL: nothing is counted). */
void bo_checkin_tally_set_worker   (BoCheckinTally *self,
                                    BoWorker       *worker);
/* The event counted; changing it shows zeros until its count is in. */
void bo_checkin_tally_set_event_id (BoCheckinTally *self,
                                    gint64          event_id);
/* Counts again from the store: the catalogue changed (a sale, a refund, a sync pull). At once
 * while on screen, else when next shown (showing the tally always counts, and it counts again
 * every 30 seconds while shown, for scans by other programs). */
void bo_checkin_tally_recount      (BoCheckinTally *self);
/* Follows a scan recorded through this tally's worker, without reading the store. */
void bo_checkin_tally_add          (BoCheckinTally *self,
                                    BoCheckin      *checkin);

G_END_DECLS
