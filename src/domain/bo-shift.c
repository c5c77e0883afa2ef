/* bo-shift.c — a cashier's shift: float, cash in/out, close with counted cash and variance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "domain/bo-shift.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "domain/bo-journal.h"
#include "domain/bo-order.h"
#include "domain/bo-outbox.h"
#include "domain/bo-time.h"

#define N_METHODS (BO_PAYMENT_FREE + 1)

struct _BoShift
{
  GObject  parent_instance;

  gint64   id;
  char    *uuid;
  gint64   operator_id;
  char    *opened_at;
  char    *closed_at;
  gint64   float_amount;
  gint64   cash_counted;
  gint64   cash_in;
  gint64   cash_out;
  gint64   totals[N_METHODS]; /* net of refunds, by BoPaymentMethod */
  gint64   first_journal_seq;
  gint64   last_journal_seq;
  char    *journal_head;
};

G_DEFINE_FINAL_TYPE (BoShift, bo_shift, G_TYPE_OBJECT)
G_DEFINE_QUARK (bo-shift-error-quark, bo_shift_error)

static void
bo_shift_finalize (GObject *object)
{
  BoShift *self = BO_SHIFT (object);

  g_free (self->uuid);
  g_free (self->opened_at);
  g_free (self->closed_at);
  g_free (self->journal_head);
  G_OBJECT_CLASS (bo_shift_parent_class)->finalize (object);
}

static void
bo_shift_class_init (BoShiftClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bo_shift_finalize;
}

static void
bo_shift_init (BoShift *self)
{
  self->cash_counted = -1;
}

gint64
bo_shift_get_id (BoShift *self)
{
  g_return_val_if_fail (BO_IS_SHIFT (self), 0);
  return self->id;
}

const char *
bo_shift_get_uuid (BoShift *self)
{
  g_return_val_if_fail (BO_IS_SHIFT (self), NULL);
  return self->uuid;
}

gint64
bo_shift_get_operator_id (BoShift *self)
{
  g_return_val_if_fail (BO_IS_SHIFT (self), 0);
  return self->operator_id;
}

const char *
bo_shift_get_opened_at (BoShift *self)
{
  g_return_val_if_fail (BO_IS_SHIFT (self), NULL);
  return self->opened_at;
}

const char *
bo_shift_get_closed_at (BoShift *self)
{
  g_return_val_if_fail (BO_IS_SHIFT (self), NULL);
  return self->closed_at;
}

gint64
bo_shift_get_float (BoShift *self)
{
  g_return_val_if_fail (BO_IS_SHIFT (self), 0);
  return self->float_amount;
}

gint64
bo_shift_get_cash_expected (BoShift *self)
{
  g_return_val_if_fail (BO_IS_SHIFT (self), 0);
  return self->float_amount + self->totals[BO_PAYMENT_CASH] + self->cash_in - self->cash_out;
}

gint64
bo_shift_get_cash_counted (BoShift *self)
{
  g_return_val_if_fail (BO_IS_SHIFT (self), -1);
  return self->cash_counted;
}

gint64
bo_shift_get_variance (BoShift *self)
{
  g_return_val_if_fail (BO_IS_SHIFT (self), 0);

  if (self->cash_counted < 0)
    return 0;
  return self->cash_counted - bo_shift_get_cash_expected (self);
}

gint64
bo_shift_get_cash_in (BoShift *self)
{
  g_return_val_if_fail (BO_IS_SHIFT (self), 0);
  return self->cash_in;
}

gint64
bo_shift_get_cash_out (BoShift *self)
{
  g_return_val_if_fail (BO_IS_SHIFT (self), 0);
  return self->cash_out;
}

gint64
bo_shift_get_payment_total (BoShift    *self,
                            const char *method)
{
  BoPaymentMethod m;

  g_return_val_if_fail (BO_IS_SHIFT (self), 0);

  if (!bo_payment_method_from_string (method, &m))
    return 0;
  return self->totals[m];
}

gint64
bo_shift_get_first_journal_seq (BoShift *self)
{
  g_return_val_if_fail (BO_IS_SHIFT (self), 0);
  return self->first_journal_seq;
}

gint64
bo_shift_get_last_journal_seq (BoShift *self)
{
  g_return_val_if_fail (BO_IS_SHIFT (self), 0);
  return self->last_journal_seq;
}

const char *
bo_shift_get_journal_head (BoShift *self)
{
  g_return_val_if_fail (BO_IS_SHIFT (self), NULL);
  return self->journal_head;
}

/* Takings and movements are summed from the rows each time, never kept as running totals
 * that could drift from what was really sold. */
static gboolean
load_figures (BoShift *self,
              BoStore *store,
              GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = bo_store_prepare (store,
                           "SELECT p.method, sum (p.amount) FROM payments p "
                           "  JOIN orders o ON o.id = p.order_id "
                           " WHERE o.shift_id = ?1 GROUP BY p.method",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BoPaymentMethod m;

      if (bo_payment_method_from_string ((const char *) sqlite3_column_text (stmt, 0), &m))
        self->totals[m] += sqlite3_column_int64 (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    goto fail;
  sqlite3_reset (stmt);

  stmt = bo_store_prepare (store,
                           "SELECT method, sum (amount) FROM refunds WHERE shift_id = ?1 "
                           " GROUP BY method",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BoPaymentMethod m;

      if (bo_payment_method_from_string ((const char *) sqlite3_column_text (stmt, 0), &m))
        self->totals[m] -= sqlite3_column_int64 (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    goto fail;
  sqlite3_reset (stmt);

  stmt = bo_store_prepare (store,
                           "SELECT coalesce (sum (max (amount, 0)), 0), "
                           "       coalesce (sum (max (-amount, 0)), 0) "
                           "  FROM cash_movements WHERE shift_id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    goto fail;
  self->cash_in = sqlite3_column_int64 (stmt, 0);
  self->cash_out = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;

fail:
  bo_store_set_error (store, error, "shift figures");
  sqlite3_reset (stmt);
  return FALSE;
}

static BoShift *
load_shift (BoStore    *store,
            const char *where,
            gint64      id,
            gboolean    missing_is_error,
            GError    **error)
{
  g_autofree char *sql = NULL;
  g_autoptr (BoShift) self = NULL;
  sqlite3_stmt *stmt;
  int rc;

  sql = g_strconcat ("SELECT id, uuid, operator_id, opened_at, closed_at, float, cash_counted, "
                     "       coalesce (first_journal_seq, 0), coalesce (last_journal_seq, 0), "
                     "       journal_head FROM shifts WHERE ", where, NULL);
  stmt = bo_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      self = g_object_new (BO_TYPE_SHIFT, NULL);
      self->id = sqlite3_column_int64 (stmt, 0);
      self->uuid = bo_store_column_dup_text (stmt, 1);
      self->operator_id = sqlite3_column_int64 (stmt, 2);
      self->opened_at = bo_store_column_dup_text (stmt, 3);
      self->closed_at = bo_store_column_dup_text (stmt, 4);
      self->float_amount = sqlite3_column_int64 (stmt, 5);
      self->cash_counted = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? -1
                           : sqlite3_column_int64 (stmt, 6);
      self->first_journal_seq = sqlite3_column_int64 (stmt, 7);
      self->last_journal_seq = sqlite3_column_int64 (stmt, 8);
      self->journal_head = bo_store_column_dup_text (stmt, 9);
    }
  else if (rc != SQLITE_DONE)
    bo_store_set_error (store, error, "shift");
  else if (missing_is_error)
    g_set_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_NOT_OPEN,
                 id > 0 ? _("There is no such shift") : _("No shift is open"));
  sqlite3_reset (stmt);

  if (self == NULL || !load_figures (self, store, error))
    return NULL;
  return g_steal_pointer (&self);
}

BoShift *
bo_shift_get_current (BoStore *store,
                      GError **error)
{
  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  return load_shift (store, "closed_at IS NULL", 0, FALSE, error);
}

BoShift *
bo_shift_lookup (BoStore *store,
                 gint64   id,
                 GError **error)
{
  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  return load_shift (store, "id = ?1", id, TRUE, error);
}

BoShift *
bo_shift_find_last_closed (BoStore *store,
                           GError **error)
{
  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  /* julianday(): an imported closing may carry an offset or fractions of a second, where
   * comparing the text would put it in the wrong place. */
  return load_shift (store,
                     "closed_at IS NOT NULL "
                     "ORDER BY julianday (closed_at) DESC, closed_at DESC, id DESC LIMIT 1",
                     0, FALSE, error);
}

static char *
journal_payload (JsonBuilder *b)
{
  g_autoptr (JsonNode) root = json_builder_get_root (b);

  return bo_json_to_string (root);
}

BoShift *
bo_shift_open (BoStore    *store,
               BoDevice   *device,
               BoOperator *operator,
               gint64      float_amount,
               GError    **error)
{
  g_autoptr (BoShift) open = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = bo_time_now_iso ();
  g_autofree char *payload = NULL;
  g_autoptr (GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 id, seq = 0;

  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  g_return_val_if_fail (BO_IS_DEVICE (device), NULL);
  g_return_val_if_fail (BO_IS_OPERATOR (operator), NULL);

  if (!bo_operator_require (operator, BO_RIGHT_OPEN_SHIFT, error))
    return NULL;
  if (float_amount < 0)
    {
      g_set_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_INVALID,
                   _("The cash float cannot be negative"));
      return NULL;
    }

  if (!bo_store_begin (store, error))
    return NULL;

  open = bo_shift_get_current (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }
  if (open != NULL)
    {
      g_set_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_ALREADY_OPEN,
                   _("A shift is already open since %s; close it first"),
                   bo_shift_get_opened_at (open));
      goto fail;
    }

  stmt = bo_store_prepare (store,
                           "INSERT INTO shifts (uuid, operator_id, opened_at, float) "
                           "VALUES (?1, ?2, ?3, ?4)",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, bo_operator_get_id (operator));
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, float_amount);
  if (!bo_store_step_done (store, stmt, error))
    goto fail;
  id = bo_store_last_insert_rowid (store);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "uuid");
  json_builder_add_string_value (b, uuid);
  json_builder_set_member_name (b, "operator");
  json_builder_add_string_value (b, bo_operator_get_name (operator));
  json_builder_set_member_name (b, "opened_at");
  json_builder_add_string_value (b, now);
  json_builder_set_member_name (b, "float");
  json_builder_add_int_value (b, float_amount);
  json_builder_end_object (b);
  payload = journal_payload (b);
  if (!bo_journal_append (store, device, BO_JOURNAL_SHIFT_OPEN, uuid, payload, &seq, error))
    goto fail;

  stmt = bo_store_prepare (store, "UPDATE shifts SET first_journal_seq = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, seq);
  if (!bo_store_step_done (store, stmt, error) || !bo_store_commit (store, error))
    goto fail;

  return bo_shift_lookup (store, id, error);

fail:
  bo_store_rollback (store);
  return NULL;
}

gboolean
bo_shift_move_cash (BoStore    *store,
                    BoDevice   *device,
                    BoOperator *operator,
                    gint64      amount,
                    const char *reason,
                    GError    **error)
{
  g_autoptr (BoShift) shift = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = bo_time_now_iso ();
  g_autofree char *payload = NULL;
  g_autoptr (GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BO_IS_STORE (store), FALSE);
  g_return_val_if_fail (BO_IS_DEVICE (device), FALSE);
  g_return_val_if_fail (BO_IS_OPERATOR (operator), FALSE);

  if (!bo_operator_require (operator, BO_RIGHT_CASH_MOVEMENT, error))
    return FALSE;
  if (amount == 0)
    {
      g_set_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_INVALID,
                   _("A cash movement needs an amount"));
      return FALSE;
    }

  if (!bo_store_begin (store, error))
    return FALSE;

  shift = bo_shift_get_current (store, &local_error);
  if (shift == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_NOT_OPEN,
                     _("Open a shift before moving cash"));
      goto fail;
    }
  if (amount < 0 && -amount > bo_shift_get_cash_expected (shift))
    {
      g_set_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_INVALID,
                   _("There is not that much cash in the drawer"));
      goto fail;
    }

  stmt = bo_store_prepare (store,
                           "INSERT INTO cash_movements (uuid, shift_id, operator_id, amount, reason, "
                           "  created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, bo_shift_get_id (shift));
  sqlite3_bind_int64 (stmt, 3, bo_operator_get_id (operator));
  sqlite3_bind_int64 (stmt, 4, amount);
  sqlite3_bind_text (stmt, 5, reason, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
  if (!bo_store_step_done (store, stmt, error))
    goto fail;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "uuid");
  json_builder_add_string_value (b, uuid);
  json_builder_set_member_name (b, "shift");
  json_builder_add_string_value (b, bo_shift_get_uuid (shift));
  json_builder_set_member_name (b, "operator");
  json_builder_add_string_value (b, bo_operator_get_name (operator));
  json_builder_set_member_name (b, "amount");
  json_builder_add_int_value (b, amount);
  bo_json_add_string_or_null (b, "reason", reason);
  json_builder_end_object (b);
  payload = journal_payload (b);
  if (!bo_journal_append (store, device, BO_JOURNAL_CASH_MOVEMENT, uuid, payload, NULL, error))
    goto fail;

  return bo_store_commit (store, error);

fail:
  bo_store_rollback (store);
  return FALSE;
}

static void
add_payment_totals (JsonBuilder *b,
                    BoShift     *shift)
{
  json_builder_begin_object (b);
  for (guint m = 0; m < N_METHODS; m++)
    {
      json_builder_set_member_name (b, bo_payment_method_to_string (m));
      json_builder_add_int_value (b, shift->totals[m]);
    }
  json_builder_end_object (b);
}

/* Fiscal grand totals (added for the closing reports, issue 6).
 *
 * A closing's journal entry carries the shift's own paid sales and refunds and the running
 * grand totals since the first closing of this counter, which never reset: sales and refunds
 * here are what changed hands (cash, card, voucher), not complimentary cover, so
 *
 *   grand_total_sales_n   = grand_total_sales_{n-1}   + sales_n
 *   grand_total_refunds_n = grand_total_refunds_{n-1} + refunds_n
 *   grand_total_net_n     = grand_total_sales_n - grand_total_refunds_n
 *
 * n-1 is the previous shift_close entry of the journal (signed, so it cannot be edited without
 * breaking the chain). A journal whose previous closing predates grand totals starts from the
 * rows of the shifts closed before. An auditor re-checks all of it from the journal export
 * (bo-journal-export.c). */
static gboolean
shift_paid_sales_and_refunds (BoStore *store,
                              gint64   shift_id,
                              gint64  *out_sales,
                              gint64  *out_refunds,
                              GError **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  /* shift_id = 0 sums every shift closed before (the starting point for older journals). */
  stmt = bo_store_prepare (store,
                           "SELECT (SELECT coalesce (sum (p.amount), 0) FROM payments p "
                           "          JOIN orders o ON o.id = p.order_id "
                           "          JOIN shifts s ON s.id = o.shift_id "
                           "         WHERE p.method <> 'free' AND (s.id = ?1 OR "
                           "               (?1 = 0 AND s.closed_at IS NOT NULL))), "
                           "       (SELECT coalesce (sum (r.amount), 0) FROM refunds r "
                           "          JOIN shifts s ON s.id = r.shift_id "
                           "         WHERE r.method <> 'free' AND (s.id = ?1 OR "
                           "               (?1 = 0 AND s.closed_at IS NOT NULL)))",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, shift_id);
  ok = sqlite3_step (stmt) == SQLITE_ROW;
  if (ok)
    {
      *out_sales = sqlite3_column_int64 (stmt, 0);
      *out_refunds = sqlite3_column_int64 (stmt, 1);
    }
  else
    bo_store_set_error (store, error, "shift sales");
  sqlite3_reset (stmt);
  return ok;
}

static gboolean
previous_grand_totals (BoStore *store,
                       gint64  *out_sales,
                       gint64  *out_refunds,
                       GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *payload = NULL;
  sqlite3_stmt *stmt;
  JsonObject *prev;
  int rc;

  stmt = bo_store_prepare (store,
                           "SELECT payload FROM journal WHERE kind = 'shift_close' "
                           " ORDER BY seq DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    payload = bo_store_column_dup_text (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      bo_store_set_error (store, error, "previous closing");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  if (payload != NULL && json_parser_load_from_data (parser, payload, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      prev = json_node_get_object (json_parser_get_root (parser));
      if (json_object_has_member (prev, "grand_total_sales") &&
          json_object_has_member (prev, "grand_total_refunds"))
        {
          *out_sales = json_object_get_int_member (prev, "grand_total_sales");
          *out_refunds = json_object_get_int_member (prev, "grand_total_refunds");
          return TRUE;
        }
    }
  /* No closing yet (0 + 0) or one from before grand totals existed. */
  return shift_paid_sales_and_refunds (store, 0, out_sales, out_refunds, error);
}

BoShift *
bo_shift_close (BoStore    *store,
                BoDevice   *device,
                BoOperator *operator,
                gint64      cash_counted,
                GError    **error)
{
  g_autoptr (BoShift) shift = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonBuilder) closing = json_builder_new ();
  g_autoptr (JsonNode) closing_body = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *now = bo_time_now_iso ();
  g_autofree char *payload = NULL;
  g_autofree char *head = NULL;
  sqlite3_stmt *stmt;
  gint64 seq = 0, expected, id;
  gint64 sales = 0, refunds = 0, grand_sales = 0, grand_refunds = 0;

  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  g_return_val_if_fail (BO_IS_DEVICE (device), NULL);
  g_return_val_if_fail (BO_IS_OPERATOR (operator), NULL);

  if (!bo_operator_require (operator, BO_RIGHT_CLOSE_SHIFT, error))
    return NULL;
  if (cash_counted < 0)
    {
      g_set_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_INVALID,
                   _("Counted cash cannot be negative"));
      return NULL;
    }

  if (!bo_store_begin (store, error))
    return NULL;

  shift = bo_shift_get_current (store, &local_error);
  if (shift == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_NOT_OPEN, _("No shift is open"));
      goto fail;
    }
  id = shift->id;
  expected = bo_shift_get_cash_expected (shift);
  if (!shift_paid_sales_and_refunds (store, id, &sales, &refunds, error) ||
      !previous_grand_totals (store, &grand_sales, &grand_refunds, error))
    goto fail;
  grand_sales += sales;
  grand_refunds += refunds;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "uuid");
  json_builder_add_string_value (b, shift->uuid);
  json_builder_set_member_name (b, "operator");
  json_builder_add_string_value (b, bo_operator_get_name (operator));
  json_builder_set_member_name (b, "opened_at");
  json_builder_add_string_value (b, shift->opened_at);
  json_builder_set_member_name (b, "closed_at");
  json_builder_add_string_value (b, now);
  json_builder_set_member_name (b, "float");
  json_builder_add_int_value (b, shift->float_amount);
  json_builder_set_member_name (b, "cash_in");
  json_builder_add_int_value (b, shift->cash_in);
  json_builder_set_member_name (b, "cash_out");
  json_builder_add_int_value (b, shift->cash_out);
  json_builder_set_member_name (b, "cash_expected");
  json_builder_add_int_value (b, expected);
  json_builder_set_member_name (b, "cash_counted");
  json_builder_add_int_value (b, cash_counted);
  json_builder_set_member_name (b, "variance");
  json_builder_add_int_value (b, cash_counted - expected);
  json_builder_set_member_name (b, "payment_totals");
  add_payment_totals (b, shift);
  json_builder_set_member_name (b, "first_journal_seq");
  json_builder_add_int_value (b, shift->first_journal_seq);
  /* Grand totals: see previous_grand_totals(). */
  json_builder_set_member_name (b, "sales");
  json_builder_add_int_value (b, sales);
  json_builder_set_member_name (b, "refunds");
  json_builder_add_int_value (b, refunds);
  json_builder_set_member_name (b, "grand_total_sales");
  json_builder_add_int_value (b, grand_sales);
  json_builder_set_member_name (b, "grand_total_refunds");
  json_builder_add_int_value (b, grand_refunds);
  json_builder_set_member_name (b, "grand_total_net");
  json_builder_add_int_value (b, grand_sales - grand_refunds);
  json_builder_end_object (b);
  payload = journal_payload (b);
  if (!bo_journal_append (store, device, BO_JOURNAL_SHIFT_CLOSE, shift->uuid, payload, &seq, error))
    goto fail;
  /* The closing names the journal up to and including its own entry. */
  head = bo_journal_head (store, NULL, error);
  if (head == NULL)
    goto fail;

  stmt = bo_store_prepare (store,
                           "UPDATE shifts SET closed_at = ?2, closed_by = ?3, cash_expected = ?4, "
                           "  cash_counted = ?5, variance = ?6, last_journal_seq = ?7, "
                           "  journal_head = ?8 WHERE id = ?1",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, bo_operator_get_id (operator));
  sqlite3_bind_int64 (stmt, 4, expected);
  sqlite3_bind_int64 (stmt, 5, cash_counted);
  sqlite3_bind_int64 (stmt, 6, cash_counted - expected);
  sqlite3_bind_int64 (stmt, 7, seq);
  sqlite3_bind_text (stmt, 8, head, -1, SQLITE_STATIC);
  if (!bo_store_step_done (store, stmt, error))
    goto fail;

  /* POST /closings of the central API. */
  json_builder_begin_object (closing);
  json_builder_set_member_name (closing, "uuid");
  json_builder_add_string_value (closing, shift->uuid);
  json_builder_set_member_name (closing, "opened_at");
  json_builder_add_string_value (closing, shift->opened_at);
  json_builder_set_member_name (closing, "closed_at");
  json_builder_add_string_value (closing, now);
  json_builder_set_member_name (closing, "operator");
  json_builder_add_string_value (closing, bo_operator_get_name (operator));
  json_builder_set_member_name (closing, "float");
  json_builder_add_int_value (closing, shift->float_amount);
  json_builder_set_member_name (closing, "cash_counted");
  json_builder_add_int_value (closing, cash_counted);
  json_builder_set_member_name (closing, "payment_totals");
  add_payment_totals (closing, shift);
  json_builder_set_member_name (closing, "first_journal_seq");
  json_builder_add_int_value (closing, shift->first_journal_seq);
  json_builder_set_member_name (closing, "last_journal_seq");
  json_builder_add_int_value (closing, seq);
  json_builder_set_member_name (closing, "journal_head");
  json_builder_add_string_value (closing, head);
  json_builder_end_object (closing);
  closing_body = json_builder_get_root (closing);
  if (!bo_outbox_add (store, BO_OUTBOX_CLOSING, shift->uuid, "/closings", closing_body, error) ||
      !bo_store_commit (store, error))
    goto fail;

  return bo_shift_lookup (store, id, error);

fail:
  bo_store_rollback (store);
  return NULL;
}
