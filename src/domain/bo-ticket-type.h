/* bo-ticket-type.h — what can be sold for an event, at what price, and how many are left
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/bo-store.h"

G_BEGIN_DECLS

#define BO_TYPE_TICKET_TYPE (bo_ticket_type_get_type ())
G_DECLARE_FINAL_TYPE (BoTicketType, bo_ticket_type, BO, TICKET_TYPE, GObject)

gint64      bo_ticket_type_get_id          (BoTicketType *self);
gint64      bo_ticket_type_get_event_id    (BoTicketType *self);
const char *bo_ticket_type_get_name        (BoTicketType *self);
gint64      bo_ticket_type_get_price       (BoTicketType *self); /* gross, minor units */
gint64      bo_ticket_type_get_fee         (BoTicketType *self); /* gross, per ticket */
gint        bo_ticket_type_get_tax_rate_bp (BoTicketType *self);
gint64      bo_ticket_type_get_capacity    (BoTicketType *self); /* -1 = unlimited */
gint64      bo_ticket_type_get_sold        (BoTicketType *self); /* every channel */
/* capacity - sold, never below 0; -1 = unlimited. */
gint64      bo_ticket_type_get_available   (BoTicketType *self);
/* Seats left in this counter's allocations for the type; -1 when it holds none. */
gint64      bo_ticket_type_get_allocation_left (BoTicketType *self);
gboolean    bo_ticket_type_get_active      (BoTicketType *self);

BoTicketType *bo_ticket_type_lookup        (BoStore *store,
                                            gint64   id,
                                            GError **error);

/* Ticket types of @event_id in display order: a GListModel of BoTicketType. */
GListModel *bo_ticket_type_list_for_event  (BoStore *store,
                                            gint64   event_id,
                                            GError **error);

G_END_DECLS
