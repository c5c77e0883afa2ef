/* bo-cart-row.h — one line of the cart with its quantity buttons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ui/bo-cart.h"

G_BEGIN_DECLS

#define BO_TYPE_CART_ROW (bo_cart_row_get_type ())
G_DECLARE_FINAL_TYPE (BoCartRow, bo_cart_row, BO, CART_ROW, GtkListBoxRow)

GtkWidget *bo_cart_row_new (BoCart     *cart,
                            BoCartItem *item);

G_END_DECLS
