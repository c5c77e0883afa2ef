/* bo-format.c — text for people: dates, payment methods, order names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "domain/bo-time.h"
#include "ui/bo-format.h"

static GDateTime *
parse_local (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;

  if (iso == NULL)
    return NULL;
  utc = bo_time_parse (iso);
  if (utc == NULL)
    return NULL;
  return g_date_time_to_local (utc);
}

/* Days from today to @when, by calendar date in local time. */
static int
days_from_today (GDateTime *when)
{
  g_autoptr(GDateTime) now_utc = bo_time_now ();
  g_autoptr(GDateTime) now = g_date_time_to_local (now_utc);
  g_autoptr(GDate) today = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                           g_date_time_get_month (now),
                                           g_date_time_get_year (now));
  g_autoptr(GDate) day = g_date_new_dmy (g_date_time_get_day_of_month (when),
                                         g_date_time_get_month (when),
                                         g_date_time_get_year (when));

  return g_date_days_between (today, day);
}

static char *
format_day_and_time (GDateTime *when)
{
  int days = days_from_today (when);

  /* Translators: strftime formats for g_date_time_format(); keep the time part short. */
  if (days == 0)
    return g_date_time_format (when, _("Today, %H:%M"));
  if (days == 1)
    return g_date_time_format (when, _("Tomorrow, %H:%M"));
  if (days == -1)
    return g_date_time_format (when, _("Yesterday, %H:%M"));
  return g_date_time_format (when, _("%a %e %b, %H:%M"));
}

BoEventDay
bo_format_event_day (BoEvent *event)
{
  g_autoptr(GDateTime) starts = parse_local (bo_event_get_starts_at (event));
  g_autoptr(GDateTime) ends = parse_local (bo_event_get_ends_at (event));
  g_autoptr(GDateTime) now = bo_time_now ();

  if (starts == NULL)
    return BO_EVENT_DAY_UPCOMING;
  if (days_from_today (starts) == 0)
    return BO_EVENT_DAY_TODAY;
  /* An event that started yesterday and runs past midnight is still "today" at the door. */
  if (ends != NULL && g_date_time_compare (ends, now) > 0 && g_date_time_compare (starts, now) <= 0)
    return BO_EVENT_DAY_TODAY;
  if (g_date_time_compare (ends != NULL ? ends : starts, now) < 0)
    return BO_EVENT_DAY_PAST;
  return BO_EVENT_DAY_UPCOMING;
}

char *
bo_format_event_when (BoEvent *event)
{
  g_autoptr(GDateTime) starts = parse_local (bo_event_get_starts_at (event));

  if (starts == NULL)
    return g_strdup (_("Date not set"));
  return format_day_and_time (starts);
}

char *
bo_format_timestamp (const char *iso)
{
  g_autoptr(GDateTime) when = parse_local (iso);

  if (when == NULL)
    return g_strdup (iso != NULL ? iso : "");
  return format_day_and_time (when);
}

char *
bo_format_clock_time (const char *iso,
                      gboolean    with_seconds)
{
  g_autoptr(GDateTime) when = parse_local (iso);

  if (iso == NULL)
    return NULL;
  if (when == NULL)
    return g_strdup (iso);
  if (days_from_today (when) == 0)
    return g_date_time_format (when, with_seconds ? "%H:%M:%S" : "%H:%M");
  return g_date_time_format (when, "%x %H:%M");
}

char *
bo_format_order_title (BoOrder *order)
{
  const char *code = bo_order_get_code (order);
  g_autofree char *short_uuid = NULL;

  if (code != NULL && *code != '\0')
    return g_strdup_printf (_("Order %s"), code);

  /* Until the server names it, the first block of the uuid is what a receipt shows. */
  short_uuid = g_strndup (bo_order_get_uuid (order), 8);
  return g_strdup_printf (_("Order %s"), short_uuid);
}

const char *
bo_format_order_status (BoOrder *order)
{
  const char *status = bo_order_get_status (order);

  if (g_strcmp0 (status, "paid") == 0)
    return _("Paid");
  if (g_strcmp0 (status, "partially_refunded") == 0)
    return _("Partly refunded");
  if (g_strcmp0 (status, "refunded") == 0)
    return _("Refunded");
  if (g_strcmp0 (status, "voided") == 0)
    return _("Void");
  return status;
}
