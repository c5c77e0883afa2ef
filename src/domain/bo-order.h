/* bo-order.h — an order as stored: lines, payments, tickets, refunds; lookup and reprints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/bo-store.h"
#include "domain/bo-device.h"
#include "domain/bo-operator.h"

G_BEGIN_DECLS

#define BO_TYPE_ORDER (bo_order_get_type ())
G_DECLARE_FINAL_TYPE (BoOrder, bo_order, BO, ORDER, GObject)

#define BO_ORDER_ERROR (bo_order_error_quark ())

typedef enum {
  BO_ORDER_ERROR_NOT_FOUND,
} BoOrderError;

typedef enum {
  BO_PAYMENT_CASH,
  BO_PAYMENT_CARD,
  BO_PAYMENT_VOUCHER,
  BO_PAYMENT_FREE,
} BoPaymentMethod;

typedef struct {
  gint64  ticket_type_id;
  char   *ticket_type_name;
  guint   quantity;
  gint64  unit_price;
  gint64  unit_fee;
  gint    tax_rate_bp;
  gint64  allocation_id; /* 0 = none */
} BoOrderLine;

typedef struct {
  BoPaymentMethod method;
  gint64          amount;   /* what it covers of the total */
  gint64          tendered; /* cash handed over; -1 when not cash */
  gint64          change;
  char           *reference;
} BoOrderPayment;

typedef struct {
  gint64  id;
  char   *uuid;
  char   *secret;
  gint64  ticket_type_id;
  char   *ticket_type_name;
  guint32 serial;
  char   *status;     /* "valid" or "cancelled" */
  guint   print_count;
} BoOrderTicket;

GQuark       bo_order_error_quark      (void);

const char  *bo_payment_method_to_string   (BoPaymentMethod method); /* "cash", as in the API */
const char  *bo_payment_method_describe    (BoPaymentMethod method); /* "Cash", translated */
gboolean     bo_payment_method_from_string (const char      *text,
                                            BoPaymentMethod *out_method);

gint64       bo_order_get_id           (BoOrder *self);
const char  *bo_order_get_uuid         (BoOrder *self);
const char  *bo_order_get_code         (BoOrder *self); /* server's code; NULL until synced */
gint64       bo_order_get_event_id     (BoOrder *self);
const char  *bo_order_get_event_name   (BoOrder *self);
const char  *bo_order_get_created_at   (BoOrder *self);
const char  *bo_order_get_currency     (BoOrder *self);
const char  *bo_order_get_status       (BoOrder *self);
const char  *bo_order_get_operator_name (BoOrder *self);
gint64       bo_order_get_total        (BoOrder *self);
gint64       bo_order_get_fees         (BoOrder *self);
gint64       bo_order_get_change       (BoOrder *self);
gint64       bo_order_get_refunded     (BoOrder *self);
gboolean     bo_order_get_forced       (BoOrder *self);
gint64       bo_order_get_journal_seq  (BoOrder *self);
/* Arrays of BoOrderLine / BoOrderPayment / BoOrderTicket pointers, owned by the order. */
GPtrArray   *bo_order_get_lines        (BoOrder *self);
GPtrArray   *bo_order_get_payments     (BoOrder *self);
GPtrArray   *bo_order_get_tickets      (BoOrder *self);
/* GArray of BoTaxLine (bo-tax.h), one per rate, over the whole order. */
GArray      *bo_order_get_tax_lines    (BoOrder *self);

/* By uuid or by server order code. */
BoOrder     *bo_order_lookup           (BoStore    *store,
                                        const char *uuid_or_code,
                                        GError    **error);
/* Most recent first: a GPtrArray of BoOrder. */
GPtrArray   *bo_order_list_recent      (BoStore *store,
                                        guint    limit,
                                        GError **error);

/* Counts a print of the order's tickets (all, or the one @ticket_uuid). A print after the first
 * is a reprint: it is journaled and the ticket is marked so the layout can say "REPRINT". */
gboolean     bo_order_mark_printed     (BoStore    *store,
                                        BoDevice   *device,
                                        BoOperator *operator,
                                        BoOrder    *order,
                                        const char *ticket_uuid,
                                        GError    **error);

G_END_DECLS
