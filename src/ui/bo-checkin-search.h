/* bo-checkin-search.h — find an attendee by name or order code, and check them in by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ui/bo-worker.h"

G_BEGIN_DECLS

#define BO_TYPE_CHECKIN_SEARCH (bo_checkin_search_get_type ())
G_DECLARE_FINAL_TYPE (BoCheckinSearch, bo_checkin_search, BO, CHECKIN_SEARCH, AdwBin)

/* Signals:
 *   "check-in" (const char *secret): a result's "Check In" was pressed; the search does not
 *     record anything itself.
 *   "stopped": Escape in the search entry (the page closes the search). */

/* The database worker that searches, and the event searched (either unset: the hint shows). */
void bo_checkin_search_set_worker   (BoCheckinSearch *self,
                                     BoWorker        *worker);
void bo_checkin_search_set_event_id (BoCheckinSearch *self,
                                     gint64           event_id);

/* Empties the query (and with it the results). */
void bo_checkin_search_clear        (BoCheckinSearch *self);
/* Puts the keyboard focus in the query. */
void bo_checkin_search_focus        (BoCheckinSearch *self);

G_END_DECLS
