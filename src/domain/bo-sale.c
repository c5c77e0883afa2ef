/* bo-sale.c — a cart being sold: ticket lines, payments, override and print choices
 *
 * Committing it is in bo-sale-commit.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "domain/bo-sale-private.h"

#include <glib/gi18n-lib.h>

G_DEFINE_FINAL_TYPE (BoSale, bo_sale, G_TYPE_OBJECT)
G_DEFINE_QUARK (bo-sale-error-quark, bo_sale_error)

static void
clear_payment (gpointer data)
{
  CartPayment *payment = data;

  g_clear_pointer (&payment->reference, g_free);
}

static void
bo_sale_finalize (GObject *object)
{
  BoSale *self = BO_SALE (object);

  g_clear_pointer (&self->lines, g_array_unref);
  g_clear_pointer (&self->payments, g_array_unref);
  G_OBJECT_CLASS (bo_sale_parent_class)->finalize (object);
}

static void
bo_sale_class_init (BoSaleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bo_sale_finalize;
}

static void
bo_sale_init (BoSale *self)
{
  self->lines = g_array_new (FALSE, FALSE, sizeof (CartLine));
  self->payments = g_array_new (FALSE, FALSE, sizeof (CartPayment));
  g_array_set_clear_func (self->payments, clear_payment);
  self->print_tickets = TRUE;
  self->print_receipt = TRUE;
}

BoSale *
bo_sale_new (gint64 event_id)
{
  BoSale *self = g_object_new (BO_TYPE_SALE, NULL);

  self->event_id = event_id;
  return self;
}

gint64
bo_sale_get_event_id (BoSale *self)
{
  g_return_val_if_fail (BO_IS_SALE (self), 0);
  return self->event_id;
}

static CartLine *
find_line (BoSale *self,
           gint64  ticket_type_id)
{
  for (guint i = 0; i < self->lines->len; i++)
    {
      CartLine *line = &g_array_index (self->lines, CartLine, i);

      if (line->ticket_type_id == ticket_type_id)
        return line;
    }
  return NULL;
}

guint
bo_sale_get_n_tickets (BoSale *self)
{
  guint n = 0;

  g_return_val_if_fail (BO_IS_SALE (self), 0);

  for (guint i = 0; i < self->lines->len; i++)
    n += g_array_index (self->lines, CartLine, i).quantity;
  return n;
}

gboolean
bo_sale_add_tickets (BoSale  *self,
                     gint64   ticket_type_id,
                     guint    quantity,
                     GError **error)
{
  CartLine *line;

  g_return_val_if_fail (BO_IS_SALE (self), FALSE);

  if (quantity == 0 || quantity > BO_SALE_MAX_TICKETS ||
      bo_sale_get_n_tickets (self) + quantity > BO_SALE_MAX_TICKETS)
    {
      g_set_error (error, BO_SALE_ERROR, BO_SALE_ERROR_INVALID,
                   _("An order holds 1 to %d tickets"), BO_SALE_MAX_TICKETS);
      return FALSE;
    }

  line = find_line (self, ticket_type_id);
  if (line != NULL)
    {
      line->quantity += quantity;
    }
  else
    {
      CartLine added = { ticket_type_id, quantity };

      g_array_append_val (self->lines, added);
    }
  return TRUE;
}

void
bo_sale_set_quantity (BoSale *self,
                      gint64  ticket_type_id,
                      guint   quantity)
{
  g_return_if_fail (BO_IS_SALE (self));

  for (guint i = 0; i < self->lines->len; i++)
    {
      CartLine *line = &g_array_index (self->lines, CartLine, i);

      if (line->ticket_type_id != ticket_type_id)
        continue;
      if (quantity == 0)
        g_array_remove_index (self->lines, i);
      else
        line->quantity = MIN (quantity, BO_SALE_MAX_TICKETS);
      return;
    }
  if (quantity > 0)
    {
      CartLine added = { ticket_type_id, MIN (quantity, BO_SALE_MAX_TICKETS) };

      g_array_append_val (self->lines, added);
    }
}

void
bo_sale_clear (BoSale *self)
{
  g_return_if_fail (BO_IS_SALE (self));

  g_array_set_size (self->lines, 0);
  g_array_set_size (self->payments, 0);
  self->force = FALSE;
}

void
bo_sale_add_payment (BoSale          *self,
                     BoPaymentMethod  method,
                     gint64           amount,
                     gint64           tendered,
                     const char      *reference)
{
  CartPayment payment = { method, amount, tendered, g_strdup (reference) };

  g_return_if_fail (BO_IS_SALE (self));
  g_array_append_val (self->payments, payment);
}

void
bo_sale_clear_payments (BoSale *self)
{
  g_return_if_fail (BO_IS_SALE (self));
  g_array_set_size (self->payments, 0);
}

void
bo_sale_set_print (BoSale  *self,
                   gboolean tickets,
                   gboolean receipt)
{
  g_return_if_fail (BO_IS_SALE (self));
  self->print_tickets = tickets;
  self->print_receipt = receipt;
}

void
bo_sale_set_force (BoSale  *self,
                   gboolean force)
{
  g_return_if_fail (BO_IS_SALE (self));
  self->force = force;
}
