/* bo-ui-util.h — small helpers several widgets share: local times, style sheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A stored ISO 8601 / RFC 3339 time in local time, short: "19:04" today ("19:04:12" with
 * @with_seconds, for door staff comparing a first scan with the clock on the wall), else the
 * date and "19:04". NULL for NULL; an unparsable time comes back as it is. */
char *bo_ui_format_local_time (const char *iso,
                               gboolean    with_seconds);

/* Loads the style sheet at @resource_path for the default display, once per display however
 * many widgets ask for it. */
void  bo_ui_ensure_css        (const char *resource_path);

G_END_DECLS
