/* bo-format.h — text for people: dates, payment methods, order names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "domain/bo-event.h"
#include "domain/bo-order.h"

G_BEGIN_DECLS

typedef enum {
  BO_EVENT_DAY_TODAY,
  BO_EVENT_DAY_UPCOMING,
  BO_EVENT_DAY_PAST,
} BoEventDay;

/* Whether the event starts today, later or has ended, in the counter's local time. */
BoEventDay  bo_format_event_day         (BoEvent *event);
/* "Today, 20:00", "Tomorrow, 19:30", "Sat 28 Nov, 11:00". */
char       *bo_format_event_when        (BoEvent *event);
/* A stored RFC 3339 time in local time: "Today, 14:05" or "Sat 28 Nov, 14:05". */
char       *bo_format_timestamp         (const char *iso);
/* The same, shorter, for status lines: "14:05" today ("14:05:12" with @with_seconds, for door
 * staff comparing a first scan with the clock on the wall), else the date and "14:05". NULL
 * for NULL; an unparsable time comes back as it is. */
char       *bo_format_clock_time        (const char *iso,
                                         gboolean    with_seconds);
/* The server's code, else the first block of the uuid ("Order 1a2b3c4d"). */
char       *bo_format_order_title       (BoOrder *order);
/* "Paid", "Refunded", "Partly refunded", "Void". */
const char *bo_format_order_status      (BoOrder *order);

G_END_DECLS
