/* bo-order-row.h — one order in the list of recent orders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "domain/bo-order.h"

G_BEGIN_DECLS

#define BO_TYPE_ORDER_ROW (bo_order_row_get_type ())
G_DECLARE_FINAL_TYPE (BoOrderRow, bo_order_row, BO, ORDER_ROW, GtkListBoxRow)

GtkWidget *bo_order_row_new       (BoOrder *order);
BoOrder   *bo_order_row_get_order (BoOrderRow *self);

G_END_DECLS
