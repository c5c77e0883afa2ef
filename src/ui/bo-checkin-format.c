/* bo-checkin-format.c — times on the check-in screens
 *
 * Door staff compare a duplicate's first scan with the clock on the wall: today's times keep
 * their seconds, older ones get their date.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui/bo-checkin-format.h"

char *
bo_checkin_format_time (const char *rfc3339)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (rfc3339 == NULL)
    return NULL;

  utc = g_date_time_new_from_iso8601 (rfc3339, NULL);
  if (utc == NULL)
    return g_strdup (rfc3339);

  local = g_date_time_to_local (utc);
  now = g_date_time_new_now_local ();
  if (g_date_time_get_year (now) == g_date_time_get_year (local)
      && g_date_time_get_day_of_year (now) == g_date_time_get_day_of_year (local))
    return g_date_time_format (local, "%H:%M:%S");

  return g_date_time_format (local, "%x %H:%M");
}
