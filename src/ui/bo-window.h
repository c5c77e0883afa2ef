/* bo-window.h — the main window of a box-office counter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ui/bo-application.h"
#include "ui/bo-session.h"
#include "ui/bo-worker.h"

G_BEGIN_DECLS

#define BO_TYPE_WINDOW (bo_window_get_type ())
G_DECLARE_FINAL_TYPE (BoWindow, bo_window, BO, WINDOW, AdwApplicationWindow)

BoWindow  *bo_window_new         (BoApplication *application);

/* The database worker of the window (its own connection to bo_store_default_path()): every
 * page runs its database work there. */
BoWorker  *bo_window_get_worker  (BoWindow *self);
/* Who is signed in, the open shift, the chosen event. */
BoSession *bo_window_get_session (BoWindow *self);

/* Opens the store again (in the worker) and chooses the screen: first run, sign-in or
 * selling. */
void       bo_window_reload      (BoWindow *self);
/* Locks the counter now; the cart is kept for whoever signs in next. */
void       bo_window_lock        (BoWindow *self);

G_END_DECLS
