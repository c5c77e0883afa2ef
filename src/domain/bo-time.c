/* bo-time.c — RFC 3339 UTC timestamps as the store and the API use them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "domain/bo-time.h"

GDateTime *
bo_time_parse (const char *text)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();

  if (text == NULL || *text == '\0')
    return NULL;
  return g_date_time_new_from_iso8601 (text, utc);
}

GDateTime *
bo_time_now (void)
{
  const char *fake = g_getenv ("BILTEN_BOXOFFICE_FAKE_NOW");

  /* Tests pin the clock through the environment so that child processes (the CLI) see the
   * same time as the test. */
  if (fake != NULL && *fake != '\0')
    {
      GDateTime *pinned = bo_time_parse (fake);

      if (pinned != NULL)
        return pinned;
    }
  return g_date_time_new_now_utc ();
}

char *
bo_time_format (GDateTime *when)
{
  g_autoptr (GDateTime) utc = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  utc = g_date_time_to_utc (when);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

char *
bo_time_now_iso (void)
{
  g_autoptr (GDateTime) now = bo_time_now ();

  return bo_time_format (now);
}
