/* bo-orders-page.h — recent orders, lookup by code or number, refunds and voids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ui/bo-session.h"

G_BEGIN_DECLS

#define BO_TYPE_ORDERS_PAGE (bo_orders_page_get_type ())
G_DECLARE_FINAL_TYPE (BoOrdersPage, bo_orders_page, BO, ORDERS_PAGE, GtkWidget)

void     bo_orders_page_set_session  (BoOrdersPage *self,
                                      BoSession    *session);
/* Loads the recent orders again (and the shown order). */
void     bo_orders_page_reload       (BoOrdersPage *self);
/* Finds an order by its uuid or server code (typed or scanned) and shows it. */
void     bo_orders_page_lookup       (BoOrdersPage *self,
                                      const char   *uuid_or_code);
void     bo_orders_page_focus_search (BoOrdersPage *self);
/* The order shown, or NULL. */
BoOrder *bo_orders_page_get_order    (BoOrdersPage *self);
/* Whether the order shown has tickets left to refund / can still be voided. */
gboolean bo_orders_page_can_refund   (BoOrdersPage *self);
gboolean bo_orders_page_can_void     (BoOrdersPage *self);
/* Refunds the ticked tickets (all when none is ticked) / voids the order: asks for the
 * reason and a manager's PIN first. */
void     bo_orders_page_refund       (BoOrdersPage *self,
                                      gboolean      void_order);

/* Signals:
 *   "order-changed" — another order is shown (actions follow it). */

G_END_DECLS
