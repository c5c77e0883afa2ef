/* bo-sale.h — a cart being sold, and committing it as one transaction
 *
 * bo_sale_commit() checks the operator's rights, the open shift, the event and each ticket
 * type, capacity (local capacity, or this counter's allocation when it holds one), resolves
 * the payments, signs one secret per ticket, writes order, lines, payments, tickets, journal
 * entry, outbox entry and print jobs, updates sold counts, and commits — or leaves nothing at
 * all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/bo-store.h"
#include "domain/bo-device.h"
#include "domain/bo-operator.h"
#include "domain/bo-order.h"

G_BEGIN_DECLS

#define BO_TYPE_SALE (bo_sale_get_type ())
G_DECLARE_FINAL_TYPE (BoSale, bo_sale, BO, SALE, GObject)

#define BO_SALE_ERROR (bo_sale_error_quark ())

typedef enum {
  BO_SALE_ERROR_EMPTY,                /* no tickets in the cart */
  BO_SALE_ERROR_NO_SHIFT,             /* open a shift first */
  BO_SALE_ERROR_UNKNOWN_TICKET_TYPE,
  BO_SALE_ERROR_NOT_ON_SALE,          /* event cancelled/off sale, type inactive or outside its sales window */
  BO_SALE_ERROR_SOLD_OUT,             /* not enough capacity left (manager may force) */
  BO_SALE_ERROR_ALLOCATION_EXHAUSTED, /* this counter's allocation is used up (manager may force) */
  BO_SALE_ERROR_PAYMENT,              /* payments do not cover the total, or a bad payment */
  BO_SALE_ERROR_INVALID,              /* bad quantity, too many tickets */
} BoSaleError;

/* One order holds at most this many tickets (a guard against a stuck key). */
#define BO_SALE_MAX_TICKETS 500

/* Passed as @amount to bo_sale_add_payment(): the payment covers whatever is left. */
#define BO_PAYMENT_REST (-1)

GQuark    bo_sale_error_quark   (void);

BoSale   *bo_sale_new           (gint64 event_id);
gint64    bo_sale_get_event_id  (BoSale *self);

/* Adds @quantity tickets of a type (adds up with earlier lines of the same type). */
gboolean  bo_sale_add_tickets   (BoSale  *self,
                                 gint64   ticket_type_id,
                                 guint    quantity,
                                 GError **error);
/* Sets the quantity of a type; 0 removes it. */
void      bo_sale_set_quantity  (BoSale *self,
                                 gint64  ticket_type_id,
                                 guint   quantity);
guint     bo_sale_get_n_tickets (BoSale *self);
void      bo_sale_clear         (BoSale *self);

/* Payments are resolved in the order given when the sale commits: each covers @amount (or,
 * with BO_PAYMENT_REST, what is left). For cash, @tendered (or -1 for "exact") may exceed
 * what is left; the difference is the change. Only the last cash payment may give change. */
void      bo_sale_add_payment   (BoSale          *self,
                                 BoPaymentMethod  method,
                                 gint64           amount,
                                 gint64           tendered,
                                 const char      *reference);
void      bo_sale_clear_payments (BoSale *self);

/* Manager override: sell beyond capacity or allocation; the order is sent with "force". */
void      bo_sale_set_force     (BoSale  *self,
                                 gboolean force);

/* Which paper the sale queues for printing with it (both by default): print jobs are rows in
 * the store, written in the sale's transaction. */
void      bo_sale_set_print     (BoSale  *self,
                                 gboolean tickets,
                                 gboolean receipt);

/* Total of the cart with current prices from @store (for display before paying). */
gboolean  bo_sale_compute_total (BoSale  *self,
                                 BoStore *store,
                                 gint64  *out_total,
                                 GError **error);

BoOrder  *bo_sale_commit        (BoSale     *self,
                                 BoStore    *store,
                                 BoDevice   *device,
                                 BoOperator *operator,
                                 GError    **error);

G_END_DECLS
