/* bo-application.h — the Bilten Box Office application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BO_TYPE_APPLICATION (bo_application_get_type ())
G_DECLARE_FINAL_TYPE (BoApplication, bo_application, BO, APPLICATION, AdwApplication)

BoApplication *bo_application_new          (void);

/* The org.bilten.BoxOffice settings, or NULL when the schema is not installed (an uninstalled
 * build run without GSETTINGS_SCHEMA_DIR): callers then keep their defaults. */
GSettings     *bo_application_get_settings (BoApplication *self);

G_END_DECLS
