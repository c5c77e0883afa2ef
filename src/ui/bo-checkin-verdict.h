/* bo-checkin-verdict.h — the door's answer to a scan: big colour, big words, a sound
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "domain/bo-checkin.h"

G_BEGIN_DECLS

#define BO_TYPE_CHECKIN_VERDICT (bo_checkin_verdict_get_type ())
G_DECLARE_FINAL_TYPE (BoCheckinVerdict, bo_checkin_verdict, BO, CHECKIN_VERDICT, AdwBin)

/* Waiting for a scan in @direction ("Ready to Scan", "Scanning Exits"). Silent. */
void     bo_checkin_verdict_show_idle    (BoCheckinVerdict *self,
                                          BoDirection       direction);
/* A recorded scan: green for accepted, amber for a duplicate, red for the rest. */
void     bo_checkin_verdict_show_checkin (BoCheckinVerdict *self,
                                          BoCheckin        *checkin);
/* A scan that recorded nothing (unreadable, not allowed, store failure); @code, when known,
 * stays on screen so that it can be scanned again. */
void     bo_checkin_verdict_show_error   (BoCheckinVerdict *self,
                                          const char       *code,
                                          const GError     *error);

/* Whether verdicts ring the display's bell (the "sound" property; on by default). */
void     bo_checkin_verdict_set_sound    (BoCheckinVerdict *self,
                                          gboolean          sound);

G_END_DECLS
