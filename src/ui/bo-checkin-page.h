/* bo-checkin-page.h — the door: scan tickets, see the verdict, find attendees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ui/bo-session.h"
#include "ui/bo-worker.h"

G_BEGIN_DECLS

#define BO_TYPE_CHECKIN_PAGE (bo_checkin_page_get_type ())
G_DECLARE_FINAL_TYPE (BoCheckinPage, bo_checkin_page, BO, CHECKIN_PAGE, AdwBin)

BoCheckinPage *bo_checkin_page_new             (void);

/* The window's session: its worker and settings, and from then on its event and signed-in
 * operator (followed as they change). The simple way to set everything below. */
void           bo_checkin_page_set_session     (BoCheckinPage *self,
                                                BoSession     *session);

/* The database worker that judges and records the scans (the window's): scans run in its
 * thread, one after the other. NULL (the default) disables scanning. */
void           bo_checkin_page_set_worker      (BoCheckinPage *self,
                                                BoWorker      *worker);
BoWorker      *bo_checkin_page_get_worker      (BoCheckinPage *self);

/* gate-name and scan-sound come from here; NULL keeps the defaults (no gate, sound on). */
void           bo_checkin_page_set_settings    (BoCheckinPage *self,
                                                GSettings     *settings);

/* The event scanned for (0 = none chosen: the page says so). */
void           bo_checkin_page_set_event_id    (BoCheckinPage *self,
                                                gint64         event_id);
gint64         bo_checkin_page_get_event_id    (BoCheckinPage *self);

/* The operator recorded with each scan (0 = an unattended gate). */
void           bo_checkin_page_set_operator_id (BoCheckinPage *self,
                                                gint64         operator_id);
gint64         bo_checkin_page_get_operator_id (BoCheckinPage *self);

/* Submits @code as if it had been scanned (tests, and the "Check In" button of a search
 * result). */
void           bo_checkin_page_submit          (BoCheckinPage *self,
                                                const char    *code);

/* Puts the keyboard focus back on the scan entry (call when the page becomes visible). */
void           bo_checkin_page_focus_scan      (BoCheckinPage *self);

G_END_DECLS
