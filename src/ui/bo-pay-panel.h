/* bo-pay-panel.h — taking the money: cash with quick tender and change, card, voucher,
 * complimentary, and payments split over several of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "domain/bo-sale.h"
#include "ui/bo-cart.h"

G_BEGIN_DECLS

#define BO_TYPE_PAY_PANEL (bo_pay_panel_get_type ())
G_DECLARE_FINAL_TYPE (BoPayPanel, bo_pay_panel, BO, PAY_PANEL, GtkWidget)

void     bo_pay_panel_set_cart         (BoPayPanel *self,
                                        BoCart     *cart);
/* Back to one cash payment of the whole amount, nothing typed. */
void     bo_pay_panel_reset            (BoPayPanel *self);
/* Whether what is entered pays the cart ("can-complete" property). */
gboolean bo_pay_panel_get_can_complete (BoPayPanel *self);
/* Whether a payment is complimentary, which needs a manager. */
gboolean bo_pay_panel_needs_manager    (BoPayPanel *self);
/* Appends the payments entered to @sale (after the cart's vouchers). */
void     bo_pay_panel_add_payments     (BoPayPanel *self,
                                        BoSale     *sale);
/* Shown under the payment until the next change. NULL clears it. */
void     bo_pay_panel_set_error        (BoPayPanel *self,
                                        const char *message);
/* While the sale commits: nothing can be changed. */
void     bo_pay_panel_set_busy         (BoPayPanel *self,
                                        gboolean    busy);
void     bo_pay_panel_focus            (BoPayPanel *self);

G_END_DECLS
