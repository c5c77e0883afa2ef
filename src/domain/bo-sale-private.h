/* bo-sale-private.h — the cart's fields, shared by bo-sale.c (building the cart) and
 * bo-sale-commit.c (selling it)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "domain/bo-sale.h"

G_BEGIN_DECLS

typedef struct {
  gint64 ticket_type_id;
  guint  quantity;
} CartLine;

typedef struct {
  BoPaymentMethod method;
  gint64          amount;
  gint64          tendered;
  char           *reference;
} CartPayment;

struct _BoSale
{
  GObject   parent_instance;

  gint64    event_id;
  GArray   *lines;    /* CartLine */
  GArray   *payments; /* CartPayment */
  gboolean  force;
  gboolean  print_tickets;
  gboolean  print_receipt;
};

G_END_DECLS
