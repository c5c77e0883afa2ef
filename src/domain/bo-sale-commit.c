/* bo-sale-commit.c — selling a cart as one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "domain/bo-sale-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "domain/bo-event.h"
#include "domain/bo-journal.h"
#include "domain/bo-money.h"
#include "domain/bo-outbox.h"
#include "domain/bo-time.h"

/* What the commit works out for one line of the order as stored: a cart line may be split in
 * several when it draws on more than one allocation. */
typedef struct {
  gint64       ticket_type_id;
  guint        quantity;
  gint64       unit_price;
  gint64       unit_fee;
  gint         tax_rate_bp;
  gint64       allocation_id; /* 0 = none */
} PricedLine;

typedef struct {
  BoPaymentMethod method;
  gint64          amount;
  gint64          tendered; /* -1 when not cash */
  gint64          change;
  const char     *reference;
} ResolvedPayment;

/* The paper is queued with the sale, in its transaction: a crash between "sold" and "printed"
 * leaves the job waiting, never a paid order without its tickets. */
static gboolean
queue_print_jobs (BoSale     *self,
                  BoStore    *store,
                  gint64      order_id,
                  const char *now,
                  GError    **error)
{
  const char *kinds[2] = { self->print_tickets ? "tickets" : NULL,
                           self->print_receipt ? "receipt" : NULL };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      sqlite3_stmt *stmt;

      if (kinds[i] == NULL)
        continue;
      stmt = bo_store_prepare (store,
                               "INSERT INTO print_jobs (kind, order_id, created_at) VALUES (?1, ?2, ?3)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, kinds[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, order_id);
      sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
      if (!bo_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Ticket type row as the commit needs it. */
typedef struct {
  gint64   id;
  gint64   event_id;
  char    *name;
  gint64   price;
  gint64   fee;
  gint     tax_rate_bp;
  gint64   capacity; /* -1 unlimited */
  gint64   sold;
  gboolean active;
  char    *sales_start;
  char    *sales_end;
} TypeRow;

static void
type_row_clear (TypeRow *row)
{
  g_clear_pointer (&row->name, g_free);
  g_clear_pointer (&row->sales_start, g_free);
  g_clear_pointer (&row->sales_end, g_free);
}

static gboolean
load_type (BoStore *store,
           gint64   id,
           TypeRow *row,
           GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = bo_store_prepare (store,
                           "SELECT event_id, name, price, fee, tax_rate_bp, capacity, sold, active, "
                           "       sales_start, sales_end FROM ticket_types WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, BO_SALE_ERROR, BO_SALE_ERROR_UNKNOWN_TICKET_TYPE,
                     _("There is no ticket type %lld"), (long long) id);
      else
        bo_store_set_error (store, error, "ticket type");
      sqlite3_reset (stmt);
      return FALSE;
    }
  row->id = id;
  row->event_id = sqlite3_column_int64 (stmt, 0);
  row->name = bo_store_column_dup_text (stmt, 1);
  row->price = sqlite3_column_int64 (stmt, 2);
  row->fee = sqlite3_column_int64 (stmt, 3);
  row->tax_rate_bp = sqlite3_column_int (stmt, 4);
  row->capacity = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 5);
  row->sold = sqlite3_column_int64 (stmt, 6);
  row->active = sqlite3_column_int (stmt, 7) != 0;
  row->sales_start = bo_store_column_dup_text (stmt, 8);
  row->sales_end = bo_store_column_dup_text (stmt, 9);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
check_type_on_sale (BoSale     *self,
                    TypeRow    *row,
                    const char *now,
                    GError    **error)
{
  if (row->event_id != self->event_id)
    {
      g_set_error (error, BO_SALE_ERROR, BO_SALE_ERROR_UNKNOWN_TICKET_TYPE,
                   _("Ticket type “%s” belongs to another event"), row->name);
      return FALSE;
    }
  /* RFC 3339 UTC text in one format compares correctly as strings. */
  if (!row->active || (row->sales_start != NULL && g_strcmp0 (now, row->sales_start) < 0) ||
      (row->sales_end != NULL && g_strcmp0 (now, row->sales_end) > 0))
    {
      g_set_error (error, BO_SALE_ERROR, BO_SALE_ERROR_NOT_ON_SALE,
                   _("“%s” is not on sale now"), row->name);
      return FALSE;
    }
  return TRUE;
}

/* Draws @quantity seats of @row on this counter's allocations (oldest first) or, when it holds
 * none and is not registered, on the type's capacity; appends the priced lines. */
static gboolean
reserve_seats (BoSale   *self,
               BoStore  *store,
               BoDevice *device,
               TypeRow  *row,
               guint     quantity,
               GArray   *priced,
               GError  **error)
{
  PricedLine base = { row->id, 0, row->price, row->fee, row->tax_rate_bp, 0 };
  sqlite3_stmt *stmt;
  gboolean holds_allocation = FALSE;
  guint left = quantity;
  int rc = SQLITE_DONE;

  stmt = bo_store_prepare (store,
                           "SELECT id, quantity - used FROM allocations "
                           "WHERE ticket_type_id = ?1 AND released_at IS NULL "
                           "ORDER BY coalesce (expires_at, '9999'), id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  while (left > 0 && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 remaining = sqlite3_column_int64 (stmt, 1);
      PricedLine line = base;

      holds_allocation = TRUE;
      if (remaining <= 0)
        continue;
      line.allocation_id = sqlite3_column_int64 (stmt, 0);
      line.quantity = (guint) MIN ((gint64) left, remaining);
      left -= line.quantity;
      g_array_append_val (priced, line);
    }
  if (left > 0 && rc != SQLITE_DONE)
    {
      bo_store_set_error (store, error, "allocations");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  /* A counter registered with the central platform sells limited capacity only from what the
   * server granted it: other channels sell the rest at the same time. Unlimited types need no
   * grant. */
  if (bo_device_get_id (device) > 0 && row->capacity >= 0)
    holds_allocation = TRUE;

  if (left > 0 && holds_allocation && !self->force)
    {
      if (quantity == left)
        g_set_error (error, BO_SALE_ERROR, BO_SALE_ERROR_ALLOCATION_EXHAUSTED,
                     _("No “%s” seats are left in this counter’s allocation; sync to get more, "
                       "or ask a manager to sell beyond it"),
                     row->name);
      else
        g_set_error (error, BO_SALE_ERROR, BO_SALE_ERROR_ALLOCATION_EXHAUSTED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Only %u more “%s” ticket can be sold at this counter until more "
                                "seats are allocated",
                                "Only %u more “%s” tickets can be sold at this counter until more "
                                "seats are allocated",
                                quantity - left),
                   quantity - left, row->name);
      return FALSE;
    }
  /* Allocated seats already count as sold everywhere; the local capacity check is only for a
   * counter that holds no allocation (demo or not registered). */
  if (left > 0 && !holds_allocation && row->capacity >= 0 && row->sold + left > row->capacity &&
      !self->force)
    {
      gint64 available = MAX (row->capacity - row->sold, 0);

      if (available == 0)
        g_set_error (error, BO_SALE_ERROR, BO_SALE_ERROR_SOLD_OUT, _("“%s” is sold out"), row->name);
      else
        g_set_error (error, BO_SALE_ERROR, BO_SALE_ERROR_SOLD_OUT,
                     g_dngettext (GETTEXT_PACKAGE, "Only %lld “%s” ticket is left",
                                  "Only %lld “%s” tickets are left", available),
                     (long long) available, row->name);
      return FALSE;
    }
  if (left > 0)
    {
      PricedLine line = base;

      line.quantity = left;
      g_array_append_val (priced, line);
    }

  stmt = bo_store_prepare (store, "UPDATE ticket_types SET sold = sold + ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  sqlite3_bind_int64 (stmt, 2, quantity);
  return bo_store_step_done (store, stmt, error);
}

static gboolean
add_checked (gint64  a,
             gint64  b,
             gint64 *out)
{
  return !__builtin_add_overflow (a, b, out);
}

static gboolean
resolve_payments (BoSale     *self,
                  BoOperator *operator,
                  gint64      total,
                  const char *currency,
                  GArray     *resolved,
                  GError    **error)
{
  gint64 remaining = total;

  if (self->payments->len == 0 && total > 0)
    {
      g_set_error (error, BO_SALE_ERROR, BO_SALE_ERROR_PAYMENT, _("Choose how the customer pays"));
      return FALSE;
    }

  for (guint i = 0; i < self->payments->len; i++)
    {
      CartPayment *payment = &g_array_index (self->payments, CartPayment, i);
      ResolvedPayment out = { payment->method, 0, -1, 0, payment->reference };

      if (payment->method == BO_PAYMENT_FREE &&
          !bo_operator_require (operator, BO_RIGHT_COMPLIMENTARY, error))
        return FALSE;

      if (remaining == 0)
        {
          g_set_error (error, BO_SALE_ERROR, BO_SALE_ERROR_PAYMENT,
                       _("The total is already paid; remove the extra payment"));
          return FALSE;
        }
      if (payment->amount != BO_PAYMENT_REST && (payment->amount <= 0 || payment->amount > remaining))
        {
          g_set_error (error, BO_SALE_ERROR, BO_SALE_ERROR_PAYMENT,
                       _("A payment must be more than zero and at most what is left to pay"));
          return FALSE;
        }
      out.amount = payment->amount == BO_PAYMENT_REST ? remaining : payment->amount;

      if (payment->method == BO_PAYMENT_CASH)
        {
          gint64 tendered = payment->tendered < 0 ? out.amount : payment->tendered;

          if (tendered <= 0)
            {
              g_set_error (error, BO_SALE_ERROR, BO_SALE_ERROR_PAYMENT,
                           _("The cash handed over must be more than zero"));
              return FALSE;
            }
          /* Cash short of the amount pays part of it; another payment covers the rest. */
          if (tendered < out.amount)
            out.amount = tendered;
          out.tendered = tendered;
          out.change = tendered - out.amount;
          if (out.change > 0 && i + 1 < self->payments->len)
            {
              g_set_error (error, BO_SALE_ERROR, BO_SALE_ERROR_PAYMENT,
                           _("Only the last payment can give change"));
              return FALSE;
            }
        }
      else if (payment->tendered >= 0 && payment->tendered != out.amount)
        {
          g_set_error (error, BO_SALE_ERROR, BO_SALE_ERROR_PAYMENT,
                       _("Only cash can be handed over in excess of the amount"));
          return FALSE;
        }

      remaining -= out.amount;
      g_array_append_val (resolved, out);
    }

  if (remaining != 0)
    {
      g_autofree char *left = bo_money_format (remaining, currency);

      g_set_error (error, BO_SALE_ERROR, BO_SALE_ERROR_PAYMENT,
                   _("The payments do not cover the total: %s still to pay"), left);
      return FALSE;
    }
  return TRUE;
}

static gboolean
current_shift (BoStore *store,
               gint64  *out_id,
               char   **out_uuid,
               GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = bo_store_prepare (store, "SELECT id, uuid FROM shifts WHERE closed_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_id = sqlite3_column_int64 (stmt, 0);
      *out_uuid = bo_store_column_dup_text (stmt, 1);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, BO_SALE_ERROR, BO_SALE_ERROR_NO_SHIFT,
                 _("Open a shift before selling"));
  else
    bo_store_set_error (store, error, "shift");
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

typedef struct {
  const char *uuid;
  const char *now;
  const char *currency;
  const char *shift_uuid;
  gint64      total;
  GArray     *priced;   /* PricedLine */
  GArray     *resolved; /* ResolvedPayment */
  GPtrArray  *ticket_uuids;
  GPtrArray  *secrets;
  GArray     *ticket_types; /* gint64 per ticket */
} Written;

static gboolean
insert_rows (BoSale     *self,
             BoStore    *store,
             BoOperator *operator,
             gint64      shift_id,
             Written    *w,
             gint64     *out_order_id,
             GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 order_id;

  stmt = bo_store_prepare (store,
                           "INSERT INTO orders (uuid, event_id, shift_id, operator_id, created_at, "
                           "                    currency, total, forced) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, w->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, self->event_id);
  sqlite3_bind_int64 (stmt, 3, shift_id);
  sqlite3_bind_int64 (stmt, 4, bo_operator_get_id (operator));
  sqlite3_bind_text (stmt, 5, w->now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, w->currency, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, w->total);
  sqlite3_bind_int (stmt, 8, self->force);
  if (!bo_store_step_done (store, stmt, error))
    return FALSE;
  order_id = bo_store_last_insert_rowid (store);

  for (guint i = 0; i < w->priced->len; i++)
    {
      PricedLine *line = &g_array_index (w->priced, PricedLine, i);

      stmt = bo_store_prepare (store,
                               "INSERT INTO order_lines (order_id, ticket_type_id, quantity, "
                               "  unit_price, unit_fee, tax_rate_bp, allocation_id) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, order_id);
      sqlite3_bind_int64 (stmt, 2, line->ticket_type_id);
      sqlite3_bind_int64 (stmt, 3, line->quantity);
      sqlite3_bind_int64 (stmt, 4, line->unit_price);
      sqlite3_bind_int64 (stmt, 5, line->unit_fee);
      sqlite3_bind_int (stmt, 6, line->tax_rate_bp);
      if (line->allocation_id > 0)
        sqlite3_bind_int64 (stmt, 7, line->allocation_id);
      if (!bo_store_step_done (store, stmt, error))
        return FALSE;

      if (line->allocation_id > 0)
        {
          stmt = bo_store_prepare (store,
                                   "UPDATE allocations SET used = used + ?2 WHERE id = ?1", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, line->allocation_id);
          sqlite3_bind_int64 (stmt, 2, line->quantity);
          if (!bo_store_step_done (store, stmt, error))
            return FALSE;
        }
    }

  for (guint i = 0; i < w->resolved->len; i++)
    {
      ResolvedPayment *payment = &g_array_index (w->resolved, ResolvedPayment, i);

      stmt = bo_store_prepare (store,
                               "INSERT INTO payments (order_id, method, amount, tendered, change, "
                               "  reference) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, order_id);
      sqlite3_bind_text (stmt, 2, bo_payment_method_to_string (payment->method), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, payment->amount);
      if (payment->tendered >= 0)
        sqlite3_bind_int64 (stmt, 4, payment->tendered);
      sqlite3_bind_int64 (stmt, 5, payment->change);
      sqlite3_bind_text (stmt, 6, payment->reference, -1, SQLITE_STATIC);
      if (!bo_store_step_done (store, stmt, error))
        return FALSE;
    }

  *out_order_id = order_id;
  return TRUE;
}

static gboolean
insert_tickets (BoSale   *self,
                BoStore  *store,
                BoDevice *device,
                gint64    order_id,
                Written  *w,
                GError  **error)
{
  guint32 serial = 0;
  guint n = bo_sale_get_n_tickets (self);

  if (!bo_device_take_serials (device, store, n, &serial, error))
    return FALSE;

  for (guint i = 0; i < w->priced->len; i++)
    {
      PricedLine *line = &g_array_index (w->priced, PricedLine, i);

      for (guint k = 0; k < line->quantity; k++, serial++)
        {
          g_autofree char *uuid = g_uuid_string_random ();
          g_autofree char *secret = bo_device_make_secret (device, (guint32) self->event_id,
                                                           (guint32) line->ticket_type_id, serial);
          sqlite3_stmt *stmt;

          stmt = bo_store_prepare (store,
                                   "INSERT INTO tickets (uuid, event_id, ticket_type_id, order_id, "
                                   "  secret, serial, status, updated_at) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'valid', ?7)",
                                   error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 2, self->event_id);
          sqlite3_bind_int64 (stmt, 3, line->ticket_type_id);
          sqlite3_bind_int64 (stmt, 4, order_id);
          sqlite3_bind_text (stmt, 5, secret, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 6, serial);
          sqlite3_bind_text (stmt, 7, w->now, -1, SQLITE_STATIC);
          if (!bo_store_step_done (store, stmt, error))
            return FALSE;

          g_ptr_array_add (w->ticket_uuids, g_steal_pointer (&uuid));
          g_ptr_array_add (w->secrets, g_steal_pointer (&secret));
          g_array_append_val (w->ticket_types, line->ticket_type_id);
        }
    }
  return TRUE;
}

/* The order exactly as POST /orders of the central API wants it. */
static JsonNode *
build_order_body (BoSale     *self,
                  BoOperator *operator,
                  Written    *w)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "uuid");
  json_builder_add_string_value (b, w->uuid);
  json_builder_set_member_name (b, "event_id");
  json_builder_add_int_value (b, self->event_id);
  json_builder_set_member_name (b, "created_at");
  json_builder_add_string_value (b, w->now);
  json_builder_set_member_name (b, "operator");
  json_builder_add_string_value (b, bo_operator_get_name (operator));
  json_builder_set_member_name (b, "force");
  json_builder_add_boolean_value (b, self->force);

  json_builder_set_member_name (b, "lines");
  json_builder_begin_array (b);
  for (guint i = 0; i < w->priced->len; i++)
    {
      PricedLine *line = &g_array_index (w->priced, PricedLine, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "ticket_type_id");
      json_builder_add_int_value (b, line->ticket_type_id);
      json_builder_set_member_name (b, "quantity");
      json_builder_add_int_value (b, line->quantity);
      json_builder_set_member_name (b, "unit_price");
      json_builder_add_int_value (b, line->unit_price);
      json_builder_set_member_name (b, "unit_fee");
      json_builder_add_int_value (b, line->unit_fee);
      json_builder_set_member_name (b, "tax_rate_bp");
      json_builder_add_int_value (b, line->tax_rate_bp);
      json_builder_set_member_name (b, "allocation_id");
      /* The local allocation row is mapped to the server's id when the order is sent. */
      if (line->allocation_id > 0)
        json_builder_add_int_value (b, line->allocation_id);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "tickets");
  json_builder_begin_array (b);
  for (guint i = 0; i < w->ticket_uuids->len; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "uuid");
      json_builder_add_string_value (b, w->ticket_uuids->pdata[i]);
      json_builder_set_member_name (b, "secret");
      json_builder_add_string_value (b, w->secrets->pdata[i]);
      json_builder_set_member_name (b, "ticket_type_id");
      json_builder_add_int_value (b, g_array_index (w->ticket_types, gint64, i));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "payments");
  json_builder_begin_array (b);
  for (guint i = 0; i < w->resolved->len; i++)
    {
      ResolvedPayment *payment = &g_array_index (w->resolved, ResolvedPayment, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "method");
      json_builder_add_string_value (b, bo_payment_method_to_string (payment->method));
      json_builder_set_member_name (b, "amount");
      json_builder_add_int_value (b, payment->amount);
      bo_json_add_string_or_null (b, "reference", payment->reference);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "total");
  json_builder_add_int_value (b, w->total);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/* What the journal keeps of a sale: enough to re-add the day without the other tables. */
static char *
build_journal_payload (BoSale     *self,
                       BoOperator *operator,
                       Written    *w)
{
  g_autoptr (JsonNode) body = build_order_body (self, operator, w);
  JsonObject *object = json_node_get_object (body);
  JsonArray *tickets = json_object_get_array_member (object, "tickets");

  /* Secrets are credentials for entry; the journal names tickets by uuid and serial only. */
  for (guint i = 0; i < json_array_get_length (tickets); i++)
    json_object_remove_member (json_array_get_object_element (tickets, i), "secret");
  json_object_set_string_member (object, "currency", w->currency);
  json_object_set_string_member (object, "shift", w->shift_uuid);
  return bo_json_to_string (body);
}

gboolean
bo_sale_compute_total (BoSale  *self,
                       BoStore *store,
                       gint64  *out_total,
                       GError **error)
{
  gint64 total = 0;

  g_return_val_if_fail (BO_IS_SALE (self), FALSE);
  g_return_val_if_fail (BO_IS_STORE (store), FALSE);

  for (guint i = 0; i < self->lines->len; i++)
    {
      CartLine *line = &g_array_index (self->lines, CartLine, i);
      TypeRow row = { 0 };
      gint64 line_total;
      gboolean ok;

      if (!load_type (store, line->ticket_type_id, &row, error))
        return FALSE;
      ok = !__builtin_mul_overflow (row.price + row.fee, (gint64) line->quantity, &line_total) &&
           add_checked (total, line_total, &total);
      type_row_clear (&row);
      if (!ok)
        {
          g_set_error (error, BO_SALE_ERROR, BO_SALE_ERROR_INVALID, _("The total is too large"));
          return FALSE;
        }
    }
  *out_total = total;
  return TRUE;
}

BoOrder *
bo_sale_commit (BoSale     *self,
                BoStore    *store,
                BoDevice   *device,
                BoOperator *operator,
                GError    **error)
{
  g_autoptr (BoEvent) event = NULL;
  g_autoptr (GArray) priced = g_array_new (FALSE, FALSE, sizeof (PricedLine));
  g_autoptr (GArray) resolved = g_array_new (FALSE, FALSE, sizeof (ResolvedPayment));
  g_autoptr (GPtrArray) ticket_uuids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) secrets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) ticket_types = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = bo_time_now_iso ();
  g_autofree char *shift_uuid = NULL;
  g_autofree char *payload = NULL;
  g_autoptr (JsonNode) body = NULL;
  Written w = { 0 };
  gint64 shift_id = 0, order_id = 0, seq = 0;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BO_IS_SALE (self), NULL);
  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  g_return_val_if_fail (BO_IS_DEVICE (device), NULL);
  g_return_val_if_fail (BO_IS_OPERATOR (operator), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->lines->len == 0)
    {
      g_set_error (error, BO_SALE_ERROR, BO_SALE_ERROR_EMPTY, _("The cart is empty"));
      return NULL;
    }
  if (!bo_operator_require (operator, BO_RIGHT_SELL, error))
    return NULL;
  if (self->force && !bo_operator_require (operator, BO_RIGHT_OVERRIDE_CAPACITY, error))
    return NULL;

  if (!bo_store_begin (store, error))
    return NULL;

  if (!current_shift (store, &shift_id, &shift_uuid, error))
    goto fail;

  event = bo_event_lookup (store, self->event_id, error);
  if (event == NULL)
    goto fail;
  if (g_strcmp0 (bo_event_get_status (event), "on_sale") != 0)
    {
      g_set_error (error, BO_SALE_ERROR, BO_SALE_ERROR_NOT_ON_SALE,
                   g_strcmp0 (bo_event_get_status (event), "cancelled") == 0
                   ? _("“%s” is cancelled") : _("“%s” is not on sale"),
                   bo_event_get_name (event));
      goto fail;
    }

  w.uuid = uuid;
  w.now = now;
  w.currency = bo_event_get_currency (event);
  w.shift_uuid = shift_uuid;
  w.priced = priced;
  w.resolved = resolved;
  w.ticket_uuids = ticket_uuids;
  w.secrets = secrets;
  w.ticket_types = ticket_types;

  for (guint i = 0; i < self->lines->len; i++)
    {
      CartLine *line = &g_array_index (self->lines, CartLine, i);
      TypeRow row = { 0 };
      gint64 line_total = 0;
      gboolean ok;

      ok = load_type (store, line->ticket_type_id, &row, error) &&
           check_type_on_sale (self, &row, now, error) &&
           reserve_seats (self, store, device, &row, line->quantity, priced, error);
      if (ok && (__builtin_mul_overflow (row.price + row.fee, (gint64) line->quantity, &line_total) ||
                 !add_checked (w.total, line_total, &w.total)))
        {
          g_set_error (error, BO_SALE_ERROR, BO_SALE_ERROR_INVALID, _("The total is too large"));
          ok = FALSE;
        }
      type_row_clear (&row);
      if (!ok)
        goto fail;
    }

  if (!resolve_payments (self, operator, w.total, w.currency, resolved, error) ||
      !insert_rows (self, store, operator, shift_id, &w, &order_id, error) ||
      !insert_tickets (self, store, device, order_id, &w, error) ||
      !queue_print_jobs (self, store, order_id, now, error))
    goto fail;

  payload = build_journal_payload (self, operator, &w);
  if (!bo_journal_append (store, device, BO_JOURNAL_SALE, uuid, payload, &seq, error))
    goto fail;

  stmt = bo_store_prepare (store, "UPDATE orders SET journal_seq = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, order_id);
  sqlite3_bind_int64 (stmt, 2, seq);
  if (!bo_store_step_done (store, stmt, error))
    goto fail;

  body = build_order_body (self, operator, &w);
  if (!bo_outbox_add (store, BO_OUTBOX_ORDER, uuid, "/orders", body, error))
    goto fail;

  if (!bo_store_commit (store, error))
    return NULL;

  return bo_order_lookup (store, uuid, error);

fail:
  bo_store_rollback (store);
  return NULL;
}
