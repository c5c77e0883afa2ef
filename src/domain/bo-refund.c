/* bo-refund.c — refunds and voids (manager only); corrections never edit a sale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "domain/bo-refund.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "domain/bo-journal.h"
#include "domain/bo-outbox.h"
#include "domain/bo-shift.h"
#include "domain/bo-time.h"

struct _BoRefund
{
  GObject  parent_instance;

  char    *uuid;
  char    *order_uuid;
  char    *kind;
  gint64   amount;
  char    *method;
  char    *currency;
  GStrv    ticket_uuids;
};

G_DEFINE_FINAL_TYPE (BoRefund, bo_refund, G_TYPE_OBJECT)
G_DEFINE_QUARK (bo-refund-error-quark, bo_refund_error)

static void
bo_refund_finalize (GObject *object)
{
  BoRefund *self = BO_REFUND (object);

  g_free (self->uuid);
  g_free (self->order_uuid);
  g_free (self->kind);
  g_free (self->method);
  g_free (self->currency);
  g_strfreev (self->ticket_uuids);
  G_OBJECT_CLASS (bo_refund_parent_class)->finalize (object);
}

static void
bo_refund_class_init (BoRefundClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bo_refund_finalize;
}

static void
bo_refund_init (BoRefund *self)
{
}

const char *
bo_refund_get_uuid (BoRefund *self)
{
  g_return_val_if_fail (BO_IS_REFUND (self), NULL);
  return self->uuid;
}

const char *
bo_refund_get_order_uuid (BoRefund *self)
{
  g_return_val_if_fail (BO_IS_REFUND (self), NULL);
  return self->order_uuid;
}

const char *
bo_refund_get_kind (BoRefund *self)
{
  g_return_val_if_fail (BO_IS_REFUND (self), NULL);
  return self->kind;
}

gint64
bo_refund_get_amount (BoRefund *self)
{
  g_return_val_if_fail (BO_IS_REFUND (self), 0);
  return self->amount;
}

const char *
bo_refund_get_method (BoRefund *self)
{
  g_return_val_if_fail (BO_IS_REFUND (self), NULL);
  return self->method;
}

const char *
bo_refund_get_currency (BoRefund *self)
{
  g_return_val_if_fail (BO_IS_REFUND (self), NULL);
  return self->currency;
}

const char * const *
bo_refund_get_ticket_uuids (BoRefund *self)
{
  g_return_val_if_fail (BO_IS_REFUND (self), NULL);
  return (const char * const *) self->ticket_uuids;
}

/* Money goes back the way it came. One refund has one method (the central API's shape), so for
 * a split payment: cash when the cash taken covers the refund, else the non-cash method that
 * took the most — never more cash out of the drawer than came in for this order.
 * Complimentary value is never paid out. */
static BoPaymentMethod
refund_method (BoOrder *order,
               gint64   amount,
               gint64  *out_paid)
{
  GPtrArray *payments = bo_order_get_payments (order);
  gint64 by_method[BO_PAYMENT_FREE + 1] = { 0 };
  BoPaymentMethod best = BO_PAYMENT_FREE;
  guint methods_used = 0;

  *out_paid = 0;
  for (guint i = 0; i < payments->len; i++)
    {
      BoOrderPayment *payment = payments->pdata[i];

      if (payment->method == BO_PAYMENT_FREE)
        continue;
      if (by_method[payment->method] == 0)
        methods_used++;
      by_method[payment->method] += payment->amount;
      *out_paid += payment->amount;
    }
  if (methods_used == 0)
    return BO_PAYMENT_FREE;
  if (by_method[BO_PAYMENT_CASH] > 0 && (methods_used == 1 || by_method[BO_PAYMENT_CASH] >= amount))
    return BO_PAYMENT_CASH;
  for (BoPaymentMethod m = BO_PAYMENT_CARD; m <= BO_PAYMENT_VOUCHER; m++)
    if (by_method[m] > 0 && (best == BO_PAYMENT_FREE || by_method[m] > by_method[best]))
      best = m;
  return best;
}

static gboolean
ticket_was_used (BoStore *store,
                 gint64   ticket_id,
                 gboolean *out_used,
                 GError **error)
{
  sqlite3_stmt *stmt;

  stmt = bo_store_prepare (store,
                           "SELECT checked_in_at IS NOT NULL OR EXISTS (SELECT 1 FROM checkins c "
                           "  WHERE c.ticket_id = t.id AND c.verdict = 'accepted' "
                           "    AND c.direction = 'entry') "
                           "FROM tickets t WHERE t.id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      bo_store_set_error (store, error, "ticket");
      sqlite3_reset (stmt);
      return FALSE;
    }
  *out_used = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

static gint64
ticket_price (BoOrder       *order,
              BoOrderTicket *ticket)
{
  GPtrArray *lines = bo_order_get_lines (order);

  for (guint i = 0; i < lines->len; i++)
    {
      BoOrderLine *line = lines->pdata[i];

      if (line->ticket_type_id == ticket->ticket_type_id)
        return line->unit_price + line->unit_fee;
    }
  g_assert_not_reached ();
  return 0;
}

static gboolean
pick_tickets (BoStore            *store,
              BoOrder            *order,
              const char * const *ticket_uuids,
              GPtrArray          *picked,
              GError            **error)
{
  GPtrArray *tickets = bo_order_get_tickets (order);
  gboolean all = ticket_uuids == NULL || ticket_uuids[0] == NULL;

  if (!all)
    {
      for (guint i = 0; ticket_uuids[i] != NULL; i++)
        {
          BoOrderTicket *found = NULL;

          for (guint k = 0; k < tickets->len && found == NULL; k++)
            if (g_strcmp0 (((BoOrderTicket *) tickets->pdata[k])->uuid, ticket_uuids[i]) == 0)
              found = tickets->pdata[k];
          if (found == NULL)
            {
              g_set_error (error, BO_REFUND_ERROR, BO_REFUND_ERROR_UNKNOWN_TICKET,
                           _("Ticket %s is not part of this order"), ticket_uuids[i]);
              return FALSE;
            }
          if (g_strcmp0 (found->status, "valid") != 0)
            {
              g_set_error (error, BO_REFUND_ERROR, BO_REFUND_ERROR_NOTHING_TO_REFUND,
                           _("Ticket %s is already refunded"), found->uuid);
              return FALSE;
            }
          if (!g_ptr_array_find (picked, found, NULL))
            g_ptr_array_add (picked, found);
        }
    }
  else
    {
      for (guint k = 0; k < tickets->len; k++)
        if (g_strcmp0 (((BoOrderTicket *) tickets->pdata[k])->status, "valid") == 0)
          g_ptr_array_add (picked, tickets->pdata[k]);
    }

  if (picked->len == 0)
    {
      g_set_error (error, BO_REFUND_ERROR, BO_REFUND_ERROR_NOTHING_TO_REFUND,
                   _("Every ticket of this order is already refunded"));
      return FALSE;
    }

  for (guint i = 0; i < picked->len; i++)
    {
      BoOrderTicket *ticket = picked->pdata[i];
      gboolean used = FALSE;

      if (!ticket_was_used (store, ticket->id, &used, error))
        return FALSE;
      if (used)
        {
          g_set_error (error, BO_REFUND_ERROR, BO_REFUND_ERROR_CHECKED_IN,
                       _("Ticket %s (%s) was already used at the door"), ticket->uuid,
                       ticket->ticket_type_name);
          return FALSE;
        }
    }
  return TRUE;
}

static JsonNode *
build_body (BoRefund   *refund,
            BoOperator *operator,
            const char *reason,
            const char *now)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "uuid");
  json_builder_add_string_value (b, refund->uuid);
  json_builder_set_member_name (b, "ticket_uuids");
  json_builder_begin_array (b);
  for (guint i = 0; refund->ticket_uuids[i] != NULL; i++)
    json_builder_add_string_value (b, refund->ticket_uuids[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "amount");
  json_builder_add_int_value (b, refund->amount);
  json_builder_set_member_name (b, "method");
  json_builder_add_string_value (b, refund->method);
  bo_json_add_string_or_null (b, "reason", reason);
  json_builder_set_member_name (b, "created_at");
  json_builder_add_string_value (b, now);
  json_builder_set_member_name (b, "operator");
  json_builder_add_string_value (b, bo_operator_get_name (operator));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static BoRefund *
refund_tickets (BoStore            *store,
                BoDevice           *device,
                BoOperator         *operator,
                const char         *order_uuid,
                const char * const *ticket_uuids,
                const char         *reason,
                gboolean            is_void,
                GError            **error)
{
  g_autoptr (BoOrder) order = NULL;
  g_autoptr (BoShift) shift = NULL;
  g_autoptr (BoRefund) refund = NULL;
  g_autoptr (GPtrArray) picked = g_ptr_array_new ();
  g_autoptr (GStrvBuilder) uuids = g_strv_builder_new ();
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *now = bo_time_now_iso ();
  g_autofree char *payload = NULL;
  g_autofree char *path = NULL;
  BoPaymentMethod method;
  sqlite3_stmt *stmt;
  gint64 paid = 0, worth = 0, refund_id, seq = 0;
  gboolean all_gone;

  if (!bo_operator_require (operator, is_void ? BO_RIGHT_VOID : BO_RIGHT_REFUND, error))
    return NULL;

  if (!bo_store_begin (store, error))
    return NULL;

  order = bo_order_lookup (store, order_uuid, error);
  if (order == NULL)
    goto fail;
  shift = bo_shift_get_current (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }

  if (is_void)
    {
      gint64 order_shift = 0;

      stmt = bo_store_prepare (store, "SELECT coalesce (shift_id, 0) FROM orders WHERE id = ?1",
                               error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, bo_order_get_id (order));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        order_shift = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      /* A void undoes a mistake on the spot; later corrections are refunds. */
      if (shift == NULL || order_shift != bo_shift_get_id (shift) ||
          g_strcmp0 (bo_order_get_status (order), "paid") != 0)
        {
          g_set_error (error, BO_REFUND_ERROR, BO_REFUND_ERROR_NOT_VOIDABLE,
                       _("Only an untouched sale of the open shift can be voided; refund it instead"));
          goto fail;
        }
      ticket_uuids = NULL;
    }

  if (!pick_tickets (store, order, ticket_uuids, picked, error))
    goto fail;

  for (guint i = 0; i < picked->len; i++)
    {
      worth += ticket_price (order, picked->pdata[i]);
      g_strv_builder_add (uuids, ((BoOrderTicket *) picked->pdata[i])->uuid);
    }
  refund_method (order, 0, &paid);
  refund = g_object_new (BO_TYPE_REFUND, NULL);
  refund->uuid = g_uuid_string_random ();
  refund->order_uuid = g_strdup (bo_order_get_uuid (order));
  refund->kind = g_strdup (is_void ? "void" : "refund");
  refund->amount = MAX (MIN (worth, paid - bo_order_get_refunded (order)), 0);
  method = refund_method (order, refund->amount, &paid);
  refund->method = g_strdup (bo_payment_method_to_string (method));
  refund->currency = g_strdup (bo_order_get_currency (order));
  refund->ticket_uuids = g_strv_builder_end (uuids);

  /* Every refund belongs to a shift, so that each one is in exactly one closing (Z report) and
   * in the grand totals — cash or not. */
  if (shift == NULL)
    {
      g_set_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_NOT_OPEN,
                   _("Open a shift before refunding"));
      goto fail;
    }

  stmt = bo_store_prepare (store,
                           "INSERT INTO refunds (uuid, order_id, shift_id, operator_id, kind, "
                           "  amount, method, reason, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, refund->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, bo_order_get_id (order));
  sqlite3_bind_int64 (stmt, 3, bo_shift_get_id (shift));
  sqlite3_bind_int64 (stmt, 4, bo_operator_get_id (operator));
  sqlite3_bind_text (stmt, 5, refund->kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, refund->amount);
  sqlite3_bind_text (stmt, 7, refund->method, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, reason, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_STATIC);
  if (!bo_store_step_done (store, stmt, error))
    goto fail;
  refund_id = bo_store_last_insert_rowid (store);

  for (guint i = 0; i < picked->len; i++)
    {
      BoOrderTicket *ticket = picked->pdata[i];

      stmt = bo_store_prepare (store,
                               "INSERT INTO refund_tickets (refund_id, ticket_id) VALUES (?1, ?2)",
                               error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, refund_id);
      sqlite3_bind_int64 (stmt, 2, ticket->id);
      if (!bo_store_step_done (store, stmt, error))
        goto fail;

      stmt = bo_store_prepare (store,
                               "UPDATE tickets SET status = 'cancelled', updated_at = ?2 WHERE id = ?1",
                               error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, ticket->id);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
      if (!bo_store_step_done (store, stmt, error))
        goto fail;

      /* The seat is free again for every channel. */
      stmt = bo_store_prepare (store,
                               "UPDATE ticket_types SET sold = max (sold - 1, 0) WHERE id = ?1",
                               error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, ticket->ticket_type_id);
      if (!bo_store_step_done (store, stmt, error))
        goto fail;
    }

  stmt = bo_store_prepare (store,
                           "SELECT NOT EXISTS (SELECT 1 FROM tickets WHERE order_id = ?1 "
                           "  AND status = 'valid')",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, bo_order_get_id (order));
  all_gone = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  body = build_body (refund, operator, reason, now);
  json_object_set_string_member (json_node_get_object (body), "kind", refund->kind);
  json_object_set_string_member (json_node_get_object (body), "order", refund->order_uuid);
  payload = bo_json_to_string (body);
  if (!bo_journal_append (store, device, is_void ? BO_JOURNAL_VOID : BO_JOURNAL_REFUND,
                          refund->uuid, payload, &seq, error))
    goto fail;

  stmt = bo_store_prepare (store,
                           "UPDATE orders SET status = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, bo_order_get_id (order));
  sqlite3_bind_text (stmt, 2, is_void ? "voided" : all_gone ? "refunded" : "partially_refunded",
                     -1, SQLITE_STATIC);
  if (!bo_store_step_done (store, stmt, error))
    goto fail;

  stmt = bo_store_prepare (store, "UPDATE refunds SET journal_seq = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, refund_id);
  sqlite3_bind_int64 (stmt, 2, seq);
  if (!bo_store_step_done (store, stmt, error))
    goto fail;

  /* The server knows no voids: a void reaches it as a refund of the whole order. */
  g_clear_pointer (&body, json_node_unref);
  body = build_body (refund, operator, reason != NULL ? reason : (is_void ? "void" : NULL), now);
  path = g_strdup_printf ("/orders/%s/refunds", refund->order_uuid);
  if (!bo_outbox_add (store, BO_OUTBOX_REFUND, refund->uuid, path, body, error))
    goto fail;

  if (!bo_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&refund);

fail:
  bo_store_rollback (store);
  return NULL;
}

BoRefund *
bo_refund_order (BoStore            *store,
                 BoDevice           *device,
                 BoOperator         *operator,
                 const char         *order_uuid,
                 const char * const *ticket_uuids,
                 const char         *reason,
                 GError            **error)
{
  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  g_return_val_if_fail (BO_IS_DEVICE (device), NULL);
  g_return_val_if_fail (BO_IS_OPERATOR (operator), NULL);
  g_return_val_if_fail (order_uuid != NULL, NULL);

  return refund_tickets (store, device, operator, order_uuid, ticket_uuids, reason, FALSE, error);
}

BoRefund *
bo_void_order (BoStore    *store,
               BoDevice   *device,
               BoOperator *operator,
               const char *order_uuid,
               const char *reason,
               GError    **error)
{
  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  g_return_val_if_fail (BO_IS_DEVICE (device), NULL);
  g_return_val_if_fail (BO_IS_OPERATOR (operator), NULL);
  g_return_val_if_fail (order_uuid != NULL, NULL);

  return refund_tickets (store, device, operator, order_uuid, NULL, reason, TRUE, error);
}
