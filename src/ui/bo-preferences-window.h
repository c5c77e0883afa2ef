/* bo-preferences-window.h — server registration, printers, check-in and counter settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BO_TYPE_PREFERENCES_WINDOW (bo_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (BoPreferencesWindow, bo_preferences_window, BO, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* @settings may be NULL (schema not installed: the settings rows are insensitive); @db_path
 * may be NULL (no database: registration is insensitive). The window talks to the database
 * through its own worker thread. */
BoPreferencesWindow *bo_preferences_window_new               (GtkWindow  *parent,
                                                              GSettings  *settings,
                                                              const char *db_path);

/* Shows the page with the server registration (for "Register…" in the sync indicator). */
void                 bo_preferences_window_show_registration (BoPreferencesWindow *self);

G_END_DECLS
