/* bo-order-detail.h — everything about one order: lines, tickets, payments, taxes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "domain/bo-order.h"

G_BEGIN_DECLS

#define BO_TYPE_ORDER_DETAIL (bo_order_detail_get_type ())
G_DECLARE_FINAL_TYPE (BoOrderDetail, bo_order_detail, BO, ORDER_DETAIL, GtkWidget)

void     bo_order_detail_set_order            (BoOrderDetail *self,
                                               BoOrder       *order);
BoOrder *bo_order_detail_get_order            (BoOrderDetail *self);
/* uuids of the tickets ticked for a refund, NULL-terminated (empty when none). */
GStrv    bo_order_detail_get_selected_tickets (BoOrderDetail *self);
/* Tickets that can still be refunded. */
guint    bo_order_detail_get_n_refundable     (BoOrderDetail *self);

G_END_DECLS
