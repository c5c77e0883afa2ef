/* bo-attendee.h — the tickets of an event found by attendee name or order code
 *
 * For manual check-in at the door: the guest whose phone died gives a name or an order code,
 * and the door sees the matching tickets with their state (cancelled, already inside).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/bo-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *secret;            /* what a manual check-in scans */
  char *attendee_name;     /* may be NULL */
  char *order_code;        /* the order's code, or the first 8 characters of its uuid */
  char *ticket_type_name;
  char *status;            /* "valid", "cancelled", … */
  char *inside_since;      /* ISO 8601 UTC of the entry that has them inside, or NULL */
} BoAttendee;

void        bo_attendee_free   (BoAttendee *attendee);

GPtrArray  *bo_attendee_search (BoStore      *store,
                                gint64        event_id,
                                const char   *query,
                                guint         limit,
                                GCancellable *cancellable,
                                GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoAttendee, bo_attendee_free)

G_END_DECLS
