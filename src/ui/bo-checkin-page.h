/* bo-checkin-page.h — the door: scan tickets, see the verdict, find attendees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ui/bo-session.h"

G_BEGIN_DECLS

#define BO_TYPE_CHECKIN_PAGE (bo_checkin_page_get_type ())
G_DECLARE_FINAL_TYPE (BoCheckinPage, bo_checkin_page, BO, CHECKIN_PAGE, AdwBin)

BoCheckinPage *bo_checkin_page_new             (void);

/* The window's session: its worker (NULL disables scanning), its settings (gate-name and
 * scan-sound; without them no gate, sound on), and from then on its event (none: the page
 * says so) and its signed-in operator (none: an unattended gate), followed as they change. */
void           bo_checkin_page_set_session     (BoCheckinPage *self,
                                                BoSession     *session);

/* Submits @code as if it had been scanned (tests, and the "Check In" button of a search
 * result). */
void           bo_checkin_page_submit          (BoCheckinPage *self,
                                                const char    *code);

/* Puts the keyboard focus back on the scan entry (call when the page becomes visible). */
void           bo_checkin_page_focus_scan      (BoCheckinPage *self);

G_END_DECLS
