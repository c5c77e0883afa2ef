/* bo-cart-item.h — one line of the cart: a ticket type and how many
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "domain/bo-ticket-type.h"

G_BEGIN_DECLS

#define BO_TYPE_CART_ITEM (bo_cart_item_get_type ())
G_DECLARE_FINAL_TYPE (BoCartItem, bo_cart_item, BO, CART_ITEM, GObject)

BoCartItem   *bo_cart_item_new             (BoTicketType *ticket_type,
                                            guint         quantity);

BoTicketType *bo_cart_item_get_ticket_type (BoCartItem   *self);
void          bo_cart_item_set_ticket_type (BoCartItem   *self,
                                            BoTicketType *ticket_type);
gint64        bo_cart_item_get_ticket_type_id (BoCartItem *self);
guint         bo_cart_item_get_quantity    (BoCartItem   *self);
void          bo_cart_item_set_quantity    (BoCartItem   *self,
                                            guint         quantity);
/* (price + fee) × quantity. */
gint64        bo_cart_item_get_line_total  (BoCartItem   *self);

G_END_DECLS
