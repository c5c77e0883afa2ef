/* bo-checkin-format.h — times on the check-in screens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A stored RFC 3339 time in local time, short enough for a door: "19:04:12" today, else the
 * date too. NULL for NULL; an unparsable time comes back as it is. */
char *bo_checkin_format_time (const char *rfc3339);

G_END_DECLS
