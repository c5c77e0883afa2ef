/* bo-time.h — RFC 3339 UTC timestamps as the store and the API use them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "2026-03-01T19:30:00Z" for now. Honours BILTEN_BOXOFFICE_FAKE_NOW (an RFC 3339 time) so
 * tests can pin the clock. */
char      *bo_time_now_iso   (void);
GDateTime *bo_time_now       (void);
char      *bo_time_format    (GDateTime *when);
/* Parses RFC 3339; NULL for anything else. */
GDateTime *bo_time_parse     (const char *text);

G_END_DECLS
