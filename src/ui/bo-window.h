/* bo-window.h — the main window of a box-office counter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "store/bo-store.h"
#include "ui/bo-application.h"

G_BEGIN_DECLS

#define BO_TYPE_WINDOW (bo_window_get_type ())
G_DECLARE_FINAL_TYPE (BoWindow, bo_window, BO, WINDOW, AdwApplicationWindow)

BoWindow *bo_window_new       (BoApplication *application);

/* The open store, or NULL while the database cannot be opened. */
BoStore  *bo_window_get_store (BoWindow *self);

/* (Re)opens the store at bo_store_default_path() and refreshes what the window shows. */
void      bo_window_reload    (BoWindow *self);

G_END_DECLS
