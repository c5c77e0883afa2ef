/* bo-cart-view.h — the cart beside the tickets: lines, vouchers, totals, Pay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ui/bo-cart.h"

G_BEGIN_DECLS

#define BO_TYPE_CART_VIEW (bo_cart_view_get_type ())
G_DECLARE_FINAL_TYPE (BoCartView, bo_cart_view, BO, CART_VIEW, GtkWidget)

void bo_cart_view_set_cart     (BoCartView *self,
                                BoCart     *cart);
/* While paying the lines are read-only: the cart shown is what is being paid for. */
void bo_cart_view_set_editable (BoCartView *self,
                                gboolean    editable);

G_END_DECLS
