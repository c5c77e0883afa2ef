/* bo-cart.h — the cart on the counter: a GListModel of BoCartItem plus vouchers
 *
 * The cart lives in the UI; the core's BoSale is made from it only when the sale is
 * committed (bo_cart_to_sale), so the worker thread never sees an object the UI changes.
 * Totals here are for display; the commit prices the order again from the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "domain/bo-sale.h"
#include "domain/bo-ticket-type.h"
#include "ui/bo-cart-item.h"

G_BEGIN_DECLS

#define BO_TYPE_CART (bo_cart_get_type ())
G_DECLARE_FINAL_TYPE (BoCart, bo_cart, BO, CART, GObject)

BoCart     *bo_cart_new              (void);

/* Empties the cart and starts one for @event_id, priced in @currency. */
void        bo_cart_set_event        (BoCart     *self,
                                      gint64      event_id,
                                      const char *currency);
gint64      bo_cart_get_event_id     (BoCart *self);
/* Never NULL. */
const char *bo_cart_get_currency     (BoCart *self);

/* FALSE (and nothing added) when the order would exceed BO_SALE_MAX_TICKETS. */
gboolean    bo_cart_add              (BoCart       *self,
                                      BoTicketType *ticket_type,
                                      guint         quantity);
/* 0 removes the line. */
void        bo_cart_set_quantity     (BoCart *self,
                                      gint64  ticket_type_id,
                                      guint   quantity);
guint       bo_cart_get_quantity     (BoCart *self,
                                      gint64  ticket_type_id);
void        bo_cart_clear            (BoCart *self);

/* Replaces the ticket types of the lines by fresher ones from @ticket_types (prices and
 * availability after a sync or a sale). */
void        bo_cart_update_ticket_types (BoCart     *self,
                                         GListModel *ticket_types);

/* Vouchers reduce what is left to pay; each becomes a voucher payment. */
void        bo_cart_add_voucher      (BoCart     *self,
                                      const char *code,
                                      gint64      amount);
void        bo_cart_remove_voucher   (BoCart *self,
                                      guint   index);
guint       bo_cart_get_n_vouchers   (BoCart *self);
const char *bo_cart_get_voucher      (BoCart *self,
                                      guint   index,
                                      gint64 *out_amount);

gboolean    bo_cart_is_empty         (BoCart *self);
guint       bo_cart_get_n_tickets    (BoCart *self);
gint64      bo_cart_get_subtotal     (BoCart *self); /* prices */
gint64      bo_cart_get_fees         (BoCart *self);
gint64      bo_cart_get_total        (BoCart *self); /* prices + fees */
gint64      bo_cart_get_voucher_total (BoCart *self);
gint64      bo_cart_get_due          (BoCart *self); /* total - vouchers, at least 0 */

/* A new sale with the cart's lines and its vouchers as the first payments. */
BoSale     *bo_cart_to_sale          (BoCart *self);

G_END_DECLS
