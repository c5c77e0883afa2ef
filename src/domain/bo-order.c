/* bo-order.c — an order as stored: lines, payments, tickets, refunds; lookup and reprints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "domain/bo-order.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "domain/bo-journal.h"
#include "domain/bo-outbox.h"
#include "domain/bo-tax.h"

struct _BoOrder
{
  GObject    parent_instance;

  gint64     id;
  char      *uuid;
  char      *code;
  gint64     event_id;
  char      *event_name;
  char      *created_at;
  char      *currency;
  char      *status;
  char      *operator_name;
  gint64     total;
  gint64     refunded;
  gboolean   forced;
  gint64     journal_seq;
  GPtrArray *lines;    /* BoOrderLine */
  GPtrArray *payments; /* BoOrderPayment */
  GPtrArray *tickets;  /* BoOrderTicket */
  GArray    *tax_lines;
};

G_DEFINE_FINAL_TYPE (BoOrder, bo_order, G_TYPE_OBJECT)
G_DEFINE_QUARK (bo-order-error-quark, bo_order_error)

static const char * const method_names[] = { "cash", "card", "voucher", "free" };

const char *
bo_payment_method_to_string (BoPaymentMethod method)
{
  g_return_val_if_fail (method <= BO_PAYMENT_FREE, NULL);
  return method_names[method];
}

const char *
bo_payment_method_describe (BoPaymentMethod method)
{
  switch (method)
    {
    case BO_PAYMENT_CASH:
      return _("Cash");
    case BO_PAYMENT_CARD:
      return _("Card");
    case BO_PAYMENT_VOUCHER:
      return _("Voucher");
    case BO_PAYMENT_FREE:
      return _("Complimentary");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
bo_payment_method_from_string (const char      *text,
                               BoPaymentMethod *out_method)
{
  for (guint i = 0; i < G_N_ELEMENTS (method_names); i++)
    {
      if (g_strcmp0 (text, method_names[i]) == 0)
        {
          *out_method = (BoPaymentMethod) i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
line_free (gpointer data)
{
  BoOrderLine *line = data;

  g_free (line->ticket_type_name);
  g_free (line);
}

static void
payment_free (gpointer data)
{
  BoOrderPayment *payment = data;

  g_free (payment->reference);
  g_free (payment);
}

static void
ticket_free (gpointer data)
{
  BoOrderTicket *ticket = data;

  g_free (ticket->uuid);
  g_free (ticket->secret);
  g_free (ticket->ticket_type_name);
  g_free (ticket->status);
  g_free (ticket);
}

static void
bo_order_finalize (GObject *object)
{
  BoOrder *self = BO_ORDER (object);

  g_free (self->uuid);
  g_free (self->code);
  g_free (self->event_name);
  g_free (self->created_at);
  g_free (self->currency);
  g_free (self->status);
  g_free (self->operator_name);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->payments, g_ptr_array_unref);
  g_clear_pointer (&self->tickets, g_ptr_array_unref);
  g_clear_pointer (&self->tax_lines, g_array_unref);
  G_OBJECT_CLASS (bo_order_parent_class)->finalize (object);
}

static void
bo_order_class_init (BoOrderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bo_order_finalize;
}

static void
bo_order_init (BoOrder *self)
{
  self->lines = g_ptr_array_new_with_free_func (line_free);
  self->payments = g_ptr_array_new_with_free_func (payment_free);
  self->tickets = g_ptr_array_new_with_free_func (ticket_free);
  self->tax_lines = bo_tax_lines_new ();
}

gint64
bo_order_get_id (BoOrder *self)
{
  g_return_val_if_fail (BO_IS_ORDER (self), 0);
  return self->id;
}

const char *
bo_order_get_uuid (BoOrder *self)
{
  g_return_val_if_fail (BO_IS_ORDER (self), NULL);
  return self->uuid;
}

const char *
bo_order_get_code (BoOrder *self)
{
  g_return_val_if_fail (BO_IS_ORDER (self), NULL);
  return self->code;
}

gint64
bo_order_get_event_id (BoOrder *self)
{
  g_return_val_if_fail (BO_IS_ORDER (self), 0);
  return self->event_id;
}

const char *
bo_order_get_event_name (BoOrder *self)
{
  g_return_val_if_fail (BO_IS_ORDER (self), NULL);
  return self->event_name;
}

const char *
bo_order_get_created_at (BoOrder *self)
{
  g_return_val_if_fail (BO_IS_ORDER (self), NULL);
  return self->created_at;
}

const char *
bo_order_get_currency (BoOrder *self)
{
  g_return_val_if_fail (BO_IS_ORDER (self), NULL);
  return self->currency;
}

const char *
bo_order_get_status (BoOrder *self)
{
  g_return_val_if_fail (BO_IS_ORDER (self), NULL);
  return self->status;
}

const char *
bo_order_get_operator_name (BoOrder *self)
{
  g_return_val_if_fail (BO_IS_ORDER (self), NULL);
  return self->operator_name;
}

gint64
bo_order_get_total (BoOrder *self)
{
  g_return_val_if_fail (BO_IS_ORDER (self), 0);
  return self->total;
}

gint64
bo_order_get_refunded (BoOrder *self)
{
  g_return_val_if_fail (BO_IS_ORDER (self), 0);
  return self->refunded;
}

gboolean
bo_order_get_forced (BoOrder *self)
{
  g_return_val_if_fail (BO_IS_ORDER (self), FALSE);
  return self->forced;
}

gint64
bo_order_get_journal_seq (BoOrder *self)
{
  g_return_val_if_fail (BO_IS_ORDER (self), 0);
  return self->journal_seq;
}

GPtrArray *
bo_order_get_lines (BoOrder *self)
{
  g_return_val_if_fail (BO_IS_ORDER (self), NULL);
  return self->lines;
}

GPtrArray *
bo_order_get_payments (BoOrder *self)
{
  g_return_val_if_fail (BO_IS_ORDER (self), NULL);
  return self->payments;
}

GPtrArray *
bo_order_get_tickets (BoOrder *self)
{
  g_return_val_if_fail (BO_IS_ORDER (self), NULL);
  return self->tickets;
}

GArray *
bo_order_get_tax_lines (BoOrder *self)
{
  g_return_val_if_fail (BO_IS_ORDER (self), NULL);
  return self->tax_lines;
}

gint64
bo_order_get_fees (BoOrder *self)
{
  gint64 fees = 0;

  g_return_val_if_fail (BO_IS_ORDER (self), 0);

  for (guint i = 0; i < self->lines->len; i++)
    {
      BoOrderLine *line = self->lines->pdata[i];

      fees += line->unit_fee * line->quantity;
    }
  return fees;
}

gint64
bo_order_get_change (BoOrder *self)
{
  gint64 change = 0;

  g_return_val_if_fail (BO_IS_ORDER (self), 0);

  for (guint i = 0; i < self->payments->len; i++)
    change += ((BoOrderPayment *) self->payments->pdata[i])->change;
  return change;
}

static gboolean
load_children (BoOrder *self,
               BoStore *store,
               GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = bo_store_prepare (store,
                           "SELECT l.ticket_type_id, t.name, l.quantity, l.unit_price, l.unit_fee, "
                           "       l.tax_rate_bp, coalesce (l.allocation_id, 0) "
                           "  FROM order_lines l JOIN ticket_types t ON t.id = l.ticket_type_id "
                           " WHERE l.order_id = ?1 ORDER BY l.id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BoOrderLine *line = g_new0 (BoOrderLine, 1);

      line->ticket_type_id = sqlite3_column_int64 (stmt, 0);
      line->ticket_type_name = bo_store_column_dup_text (stmt, 1);
      line->quantity = (guint) sqlite3_column_int64 (stmt, 2);
      line->unit_price = sqlite3_column_int64 (stmt, 3);
      line->unit_fee = sqlite3_column_int64 (stmt, 4);
      line->tax_rate_bp = sqlite3_column_int (stmt, 5);
      line->allocation_id = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (self->lines, line);
      bo_tax_add (self->tax_lines, line->tax_rate_bp,
                  (line->unit_price + line->unit_fee) * (gint64) line->quantity);
    }
  if (rc != SQLITE_DONE)
    goto fail;
  sqlite3_reset (stmt);
  bo_tax_finish (self->tax_lines);

  stmt = bo_store_prepare (store,
                           "SELECT method, amount, tendered, change, reference FROM payments "
                           " WHERE order_id = ?1 ORDER BY id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BoOrderPayment *payment = g_new0 (BoOrderPayment, 1);

      bo_payment_method_from_string ((const char *) sqlite3_column_text (stmt, 0), &payment->method);
      payment->amount = sqlite3_column_int64 (stmt, 1);
      payment->tendered = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? -1
                          : sqlite3_column_int64 (stmt, 2);
      payment->change = sqlite3_column_int64 (stmt, 3);
      payment->reference = bo_store_column_dup_text (stmt, 4);
      g_ptr_array_add (self->payments, payment);
    }
  if (rc != SQLITE_DONE)
    goto fail;
  sqlite3_reset (stmt);

  stmt = bo_store_prepare (store,
                           "SELECT k.id, k.uuid, k.secret, k.ticket_type_id, t.name, k.serial, "
                           "       k.status, k.print_count "
                           "  FROM tickets k JOIN ticket_types t ON t.id = k.ticket_type_id "
                           " WHERE k.order_id = ?1 ORDER BY k.serial, k.id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BoOrderTicket *ticket = g_new0 (BoOrderTicket, 1);

      ticket->id = sqlite3_column_int64 (stmt, 0);
      ticket->uuid = bo_store_column_dup_text (stmt, 1);
      ticket->secret = bo_store_column_dup_text (stmt, 2);
      ticket->ticket_type_id = sqlite3_column_int64 (stmt, 3);
      ticket->ticket_type_name = bo_store_column_dup_text (stmt, 4);
      ticket->serial = (guint32) sqlite3_column_int64 (stmt, 5);
      ticket->status = bo_store_column_dup_text (stmt, 6);
      ticket->print_count = (guint) sqlite3_column_int (stmt, 7);
      g_ptr_array_add (self->tickets, ticket);
    }
  if (rc != SQLITE_DONE)
    goto fail;
  sqlite3_reset (stmt);
  return TRUE;

fail:
  bo_store_set_error (store, error, "order");
  sqlite3_reset (stmt);
  return FALSE;
}

#define ORDER_SELECT \
  "SELECT o.id, o.uuid, o.code, o.event_id, e.name, o.created_at, o.currency, o.status, " \
  "       p.name, o.total, o.forced, coalesce (o.journal_seq, 0), " \
  "       (SELECT coalesce (sum (r.amount), 0) FROM refunds r WHERE r.order_id = o.id) " \
  "  FROM orders o JOIN events e ON e.id = o.event_id JOIN operators p ON p.id = o.operator_id "

static BoOrder *
order_from_row (sqlite3_stmt *stmt)
{
  BoOrder *self = g_object_new (BO_TYPE_ORDER, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->uuid = bo_store_column_dup_text (stmt, 1);
  self->code = bo_store_column_dup_text (stmt, 2);
  self->event_id = sqlite3_column_int64 (stmt, 3);
  self->event_name = bo_store_column_dup_text (stmt, 4);
  self->created_at = bo_store_column_dup_text (stmt, 5);
  self->currency = bo_store_column_dup_text (stmt, 6);
  self->status = bo_store_column_dup_text (stmt, 7);
  self->operator_name = bo_store_column_dup_text (stmt, 8);
  self->total = sqlite3_column_int64 (stmt, 9);
  self->forced = sqlite3_column_int (stmt, 10) != 0;
  self->journal_seq = sqlite3_column_int64 (stmt, 11);
  self->refunded = sqlite3_column_int64 (stmt, 12);
  return self;
}

BoOrder *
bo_order_lookup (BoStore    *store,
                 const char *uuid_or_code,
                 GError    **error)
{
  g_autoptr (BoOrder) order = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid_or_code != NULL, NULL);

  stmt = bo_store_prepare (store,
                           ORDER_SELECT "WHERE o.uuid = ?1 OR o.code = ?1 ORDER BY o.uuid = ?1 DESC "
                           "LIMIT 1",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid_or_code, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    order = order_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, BO_ORDER_ERROR, BO_ORDER_ERROR_NOT_FOUND,
                 _("There is no order “%s”"), uuid_or_code);
  else
    bo_store_set_error (store, error, "order");
  sqlite3_reset (stmt);

  if (order == NULL || !load_children (order, store, error))
    return NULL;
  return g_steal_pointer (&order);
}

GPtrArray *
bo_order_list_recent (BoStore *store,
                      guint    limit,
                      GError **error)
{
  g_autoptr (GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BO_IS_STORE (store), NULL);

  stmt = bo_store_prepare (store, ORDER_SELECT "ORDER BY o.id DESC LIMIT ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (orders, order_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      bo_store_set_error (store, error, "orders");
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < orders->len; i++)
    if (!load_children (orders->pdata[i], store, error))
      return NULL;
  return g_steal_pointer (&orders);
}

gboolean
bo_order_mark_printed (BoStore    *store,
                       BoDevice   *device,
                       BoOperator *operator,
                       BoOrder    *order,
                       const char *ticket_uuid,
                       GError    **error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) payload = NULL;
  g_autofree char *text = NULL;
  gboolean reprint = FALSE;
  guint matched = 0;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BO_IS_STORE (store), FALSE);
  g_return_val_if_fail (BO_IS_DEVICE (device), FALSE);
  g_return_val_if_fail (operator == NULL || BO_IS_OPERATOR (operator), FALSE);
  g_return_val_if_fail (BO_IS_ORDER (order), FALSE);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "order");
  json_builder_add_string_value (b, order->uuid);
  bo_json_add_string_or_null (b, "operator",
                              operator != NULL ? bo_operator_get_name (operator) : NULL);
  json_builder_set_member_name (b, "tickets");
  json_builder_begin_array (b);

  if (!bo_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < order->tickets->len; i++)
    {
      BoOrderTicket *ticket = order->tickets->pdata[i];
      int rc;

      if (ticket_uuid != NULL && g_strcmp0 (ticket_uuid, ticket->uuid) != 0)
        continue;
      matched++;

      stmt = bo_store_prepare (store,
                               "UPDATE tickets SET print_count = print_count + 1, "
                               "  reprint_requested = (print_count > 0) "
                               "WHERE id = ?1 RETURNING print_count",
                               error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, ticket->id);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          bo_store_set_error (store, error, "print count");
          sqlite3_reset (stmt);
          goto fail;
        }
      ticket->print_count = (guint) sqlite3_column_int (stmt, 0);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);

      if (ticket->print_count > 1)
        {
          reprint = TRUE;
          json_builder_add_string_value (b, ticket->uuid);
        }
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  if (matched == 0)
    {
      g_set_error (error, BO_ORDER_ERROR, BO_ORDER_ERROR_NOT_FOUND,
                   _("There is no ticket “%s” in this order"), ticket_uuid);
      goto fail;
    }

  /* First prints are routine; a reprint puts a second valid-looking paper in the world, so it
   * is journaled. */
  if (reprint)
    {
      payload = json_builder_get_root (b);
      text = bo_json_to_string (payload);
      if (!bo_journal_append (store, device, BO_JOURNAL_REPRINT, order->uuid, text, NULL, error))
        goto fail;
    }

  return bo_store_commit (store, error);

fail:
  bo_store_rollback (store);
  return FALSE;
}
