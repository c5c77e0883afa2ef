/* bo-refund.h — refunds and voids (manager only); corrections never edit a sale
 *
 * A refund cancels some or all tickets of an order and pays their price back; a void cancels
 * a whole order sold by mistake in the current shift. Both are new rows, a journal entry and
 * an outbox entry: the original sale stays as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/bo-store.h"
#include "domain/bo-device.h"
#include "domain/bo-operator.h"
#include "domain/bo-order.h"

G_BEGIN_DECLS

#define BO_TYPE_REFUND (bo_refund_get_type ())
G_DECLARE_FINAL_TYPE (BoRefund, bo_refund, BO, REFUND, GObject)

#define BO_REFUND_ERROR (bo_refund_error_quark ())

typedef enum {
  BO_REFUND_ERROR_NOTHING_TO_REFUND, /* every named ticket is already refunded */
  BO_REFUND_ERROR_UNKNOWN_TICKET,    /* a named ticket is not in the order */
  BO_REFUND_ERROR_CHECKED_IN,        /* a named ticket was already used at the door */
  BO_REFUND_ERROR_NOT_VOIDABLE,      /* void: not from the open shift, or partly refunded */
} BoRefundError;

GQuark      bo_refund_error_quark   (void);

const char *bo_refund_get_uuid       (BoRefund *self);
const char *bo_refund_get_order_uuid (BoRefund *self);
const char *bo_refund_get_kind       (BoRefund *self); /* "refund" or "void" */
gint64      bo_refund_get_amount     (BoRefund *self);
const char *bo_refund_get_method     (BoRefund *self);
const char *bo_refund_get_currency   (BoRefund *self);
/* uuids of the tickets it cancelled, NULL-terminated, owned by the refund */
const char * const *bo_refund_get_ticket_uuids (BoRefund *self);

/* Refunds @ticket_uuids of the order (NULL or empty = every ticket not yet refunded).
 * Needs an open shift (BO_SHIFT_ERROR_NOT_OPEN): every refund is in one closing. */
BoRefund   *bo_refund_order          (BoStore            *store,
                                      BoDevice           *device,
                                      BoOperator         *operator,
                                      const char         *order_uuid,
                                      const char * const *ticket_uuids,
                                      const char         *reason,
                                      GError            **error);

BoRefund   *bo_void_order            (BoStore    *store,
                                      BoDevice   *device,
                                      BoOperator *operator,
                                      const char *order_uuid,
                                      const char *reason,
                                      GError    **error);

G_END_DECLS
