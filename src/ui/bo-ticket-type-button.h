/* bo-ticket-type-button.h — a large button that adds one ticket of a type to the cart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "domain/bo-ticket-type.h"

G_BEGIN_DECLS

#define BO_TYPE_TICKET_TYPE_BUTTON (bo_ticket_type_button_get_type ())
G_DECLARE_FINAL_TYPE (BoTicketTypeButton, bo_ticket_type_button, BO, TICKET_TYPE_BUTTON, GtkButton)

/* @position (0-based) gives the Alt+N shortcut hint for the first nine. Activating the button
 * activates "sell.add-ticket" with the type's id. */
GtkWidget    *bo_ticket_type_button_new             (BoTicketType *ticket_type,
                                                     const char   *currency,
                                                     guint         position);
BoTicketType *bo_ticket_type_button_get_ticket_type (BoTicketTypeButton *self);
void          bo_ticket_type_button_set_ticket_type (BoTicketTypeButton *self,
                                                     BoTicketType       *ticket_type);
/* How many of the type are in the cart, to show what is left after this sale. */
void          bo_ticket_type_button_set_in_cart     (BoTicketTypeButton *self,
                                                     guint               in_cart);
/* Seats left for this counter, -1 = no limit. */
gint64        bo_ticket_type_button_get_left        (BoTicketTypeButton *self);

G_END_DECLS
