/* central-orders.c — POST /orders and POST /orders/{uuid}/refunds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "central-private.h"

#include <sodium.h>
#include <string.h>

#include "domain/bo-ticket-secret.h"

#define MAX_MONEY   G_GINT64_CONSTANT (1000000000000)
#define MAX_PRICE   G_GINT64_CONSTANT (1000000000)
#define MAX_QTY     100000
#define MAX_TICKETS 10000

static const char *const payment_methods[] = { "cash", "card", "voucher", "free", NULL };

typedef struct {
  gint64 ticket_type_id;
  gint64 quantity;
  gint64 unit_price;
  gint64 unit_fee;
  gint64 tax_rate_bp;
  gint64 allocation_id; /* -1: none */
  gint64 drawn;         /* seats taken from the allocation */
} Line;

typedef struct {
  const char *uuid;
  const char *secret;
  gint64      ticket_type_id;
} Ticket;

typedef struct {
  const char *method;
  gint64      amount;
  const char *reference;
} Payment;

/* Per ticket type of one order */
typedef struct {
  gint64 tickets;        /* tickets sent */
  gint64 seats;          /* seats in lines */
  gint64 drawn;          /* from allocations */
  gint64 excess;         /* of allocation lines, beyond their allocation */
  gint64 plain;          /* of lines without allocation */
} TypeNeed;

char *
central_new_order_code (CentralDb *db)
{
  static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  for (;;)
    {
      char code[6];
      int taken;

      for (int i = 0; i < 5; i++)
        code[i] = alphabet[randombytes_uniform (sizeof alphabet - 1)];
      code[5] = '\0';
      taken = central_db_get_int (db, NULL,
                                  "SELECT 1 FROM orders WHERE code = ?1 "
                                  "UNION ALL SELECT 1 FROM tickets WHERE order_code = ?1 LIMIT 1",
                                  "t", code);
      if (taken < 0)
        return NULL;
      if (taken == 0)
        return g_strdup (code);
    }
}

static gboolean
is_payment_method (const char *method)
{
  return g_strv_contains (payment_methods, method);
}

static TypeNeed *
need_for (GHashTable *needs,
          gint64      ticket_type_id)
{
  TypeNeed *need = g_hash_table_lookup (needs, &ticket_type_id);

  if (need == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = ticket_type_id;
      need = g_new0 (TypeNeed, 1);
      g_hash_table_insert (needs, key, need);
    }
  return need;
}

static gboolean
parse_lines (CentralRequest *req,
             JsonObject     *obj,
             gint64          event_id,
             GArray         *lines,
             GHashTable     *needs,
             gint64         *out_sum)
{
  JsonArray *array = central_get_array (req, obj, NULL, "lines", 1, 200);
  gboolean present;

  *out_sum = 0;
  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *prefix = g_strdup_printf ("lines[%u].", i);
      Line line = { 0, .allocation_id = -1 };
      gint64 type_event = 0;
      int found;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autofree char *field = g_strdup_printf ("lines[%u]", i);

          central_reply_validation (req, field, "must be an object");
          return FALSE;
        }
      obj = json_node_get_object (node);
      if (!central_get_int (req, obj, prefix, "ticket_type_id", TRUE, 1, G_MAXUINT32,
                            &line.ticket_type_id, NULL) ||
          !central_get_int (req, obj, prefix, "quantity", TRUE, 1, MAX_QTY, &line.quantity, NULL) ||
          !central_get_int (req, obj, prefix, "unit_price", TRUE, 0, MAX_PRICE, &line.unit_price,
                            NULL) ||
          !central_get_int (req, obj, prefix, "unit_fee", FALSE, 0, MAX_PRICE, &line.unit_fee,
                            NULL) ||
          !central_get_int (req, obj, prefix, "tax_rate_bp", TRUE, 0, 10000, &line.tax_rate_bp,
                            NULL) ||
          !central_get_int (req, obj, prefix, "allocation_id", FALSE, 1, G_MAXUINT32,
                            &line.allocation_id, &present))
        return FALSE;
      if (!present)
        line.allocation_id = -1;

      found = central_db_get_int (req->db, &type_event,
                                  "SELECT event_id FROM ticket_types WHERE id = ?1", "i",
                                  line.ticket_type_id);
      if (found < 0)
        return central_reply_db_error (req);
      if (found == 0 || type_event != event_id)
        {
          g_autofree char *field = g_strconcat (prefix, "ticket_type_id", NULL);

          central_reply_validation (req, field, "not a ticket type of this event");
          return FALSE;
        }
      *out_sum += (line.unit_price + line.unit_fee) * line.quantity;
      need_for (needs, line.ticket_type_id)->seats += line.quantity;
      g_array_append_val (lines, line);
    }
  return TRUE;
}

static gboolean
check_secret (CentralRequest *req,
              const char     *prefix,
              const char     *secret,
              gint64          event_id,
              gint64          ticket_type_id,
              const guint8   *public_key)
{
  g_autofree char *field = g_strconcat (prefix, "secret", NULL);
  g_autoptr (GError) error = NULL;
  BoTicketPayload payload;

  if (!bo_ticket_secret_is_signed (secret))
    {
      if (strlen (secret) > 64)
        {
          central_reply_validation (req, field, "an unsigned secret may have at most 64 bytes");
          return FALSE;
        }
      return TRUE;
    }
  if (!bo_ticket_secret_verify (secret, public_key, &payload, &error))
    {
      central_reply_error (req, 400, "invalid_secret", "%s: %s", field, error->message);
      return FALSE;
    }
  if (payload.device_id != req->device_id)
    {
      /* A counter registered again keeps its key pair: tickets it signed under its former
       * device id are still its own. */
      int same_key = central_db_get_int (req->db, NULL,
                                         "SELECT 1 FROM devices AS signer, devices AS sender "
                                         "WHERE signer.id = ?1 AND sender.id = ?2 "
                                         "  AND signer.public_key = sender.public_key",
                                         "ii", (gint64) payload.device_id, req->device_id);

      if (same_key < 0)
        return central_reply_db_error (req);
      if (same_key == 1)
        payload.device_id = (guint32) req->device_id;
    }
  if (payload.device_id != req->device_id || payload.event_id != event_id ||
      payload.ticket_type_id != ticket_type_id)
    {
      central_reply_error (req, 400, "invalid_secret",
                           "%s: signed for device %u, event %u, type %u; the ticket is of "
                           "device %" G_GINT64_FORMAT ", event %" G_GINT64_FORMAT
                           ", type %" G_GINT64_FORMAT, field, payload.device_id,
                           payload.event_id, payload.ticket_type_id, req->device_id, event_id,
                           ticket_type_id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_device_key (CentralRequest *req,
                 gint64          device_id,
                 guint8         *out_key)
{
  g_autofree char *text = NULL;
  g_autofree guchar *raw = NULL;
  gsize len = 0;

  if (central_db_get_text (req->db, &text, "SELECT public_key FROM devices WHERE id = ?1", "i",
                           device_id) != 1)
    return central_reply_db_error (req);
  raw = g_base64_decode (text, &len);
  g_assert (len == BO_ED25519_PUBLIC_KEY_LEN);
  memcpy (out_key, raw, len);
  return TRUE;
}

static gboolean
parse_tickets (CentralRequest *req,
               JsonObject     *obj,
               gint64          event_id,
               GArray         *tickets,
               GHashTable     *needs)
{
  JsonArray *array = central_get_array (req, obj, NULL, "tickets", 0, MAX_TICKETS);
  g_autoptr (GHashTable) secrets = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) uuids = g_hash_table_new (g_str_hash, g_str_equal);
  guint8 public_key[BO_ED25519_PUBLIC_KEY_LEN];

  if (array == NULL || !load_device_key (req, req->device_id, public_key))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *prefix = g_strdup_printf ("tickets[%u].", i);
      TypeNeed *need;
      Ticket ticket;
      int found;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autofree char *field = g_strdup_printf ("tickets[%u]", i);

          central_reply_validation (req, field, "must be an object");
          return FALSE;
        }
      obj = json_node_get_object (node);
      if (!central_get_uuid (req, obj, prefix, "uuid", &ticket.uuid) ||
          !central_get_string (req, obj, prefix, "secret", TRUE, BO_TICKET_SECRET_LEN,
                               &ticket.secret) ||
          !central_get_int (req, obj, prefix, "ticket_type_id", TRUE, 1, G_MAXUINT32,
                            &ticket.ticket_type_id, NULL))
        return FALSE;
      need = g_hash_table_lookup (needs, &ticket.ticket_type_id);
      if (need == NULL)
        {
          g_autofree char *field = g_strconcat (prefix, "ticket_type_id", NULL);

          central_reply_validation (req, field, "no line of the order has this ticket type");
          return FALSE;
        }
      need->tickets++;
      if (!g_hash_table_add (uuids, (gpointer) ticket.uuid))
        {
          g_autofree char *field = g_strconcat (prefix, "uuid", NULL);

          central_reply_validation (req, field, "repeats another ticket of the order");
          return FALSE;
        }
      if (!g_hash_table_add (secrets, (gpointer) ticket.secret))
        {
          central_reply_error (req, 409, "secret_taken",
                               "%ssecret: repeats another ticket of the order", prefix);
          return FALSE;
        }
      if (!check_secret (req, prefix, ticket.secret, event_id, ticket.ticket_type_id, public_key))
        return FALSE;

      found = central_db_get_int (req->db, NULL, "SELECT 1 FROM tickets WHERE secret = ?1", "t",
                                  ticket.secret);
      if (found < 0)
        return central_reply_db_error (req);
      if (found)
        {
          central_reply_error (req, 409, "secret_taken",
                               "%ssecret: another ticket already has this secret", prefix);
          return FALSE;
        }
      found = central_db_get_int (req->db, NULL, "SELECT 1 FROM tickets WHERE uuid = ?1", "t",
                                  ticket.uuid);
      if (found < 0)
        return central_reply_db_error (req);
      if (found)
        {
          central_reply_error (req, 409, "uuid_taken",
                               "%suuid: another ticket already has this uuid", prefix);
          return FALSE;
        }
      g_array_append_val (tickets, ticket);
    }
  return TRUE;
}

static gboolean
parse_payments (CentralRequest *req,
                JsonObject     *obj,
                GArray         *payments,
                gint64         *out_sum)
{
  JsonArray *array = central_get_array (req, obj, NULL, "payments", 0, 50);

  *out_sum = 0;
  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *prefix = g_strdup_printf ("payments[%u].", i);
      Payment payment;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autofree char *field = g_strdup_printf ("payments[%u]", i);

          central_reply_validation (req, field, "must be an object");
          return FALSE;
        }
      obj = json_node_get_object (node);
      if (!central_get_string (req, obj, prefix, "method", TRUE, 32, &payment.method) ||
          !central_get_int (req, obj, prefix, "amount", TRUE, 0, MAX_MONEY, &payment.amount,
                            NULL) ||
          !central_get_string (req, obj, prefix, "reference", FALSE, 200, &payment.reference))
        return FALSE;
      if (!is_payment_method (payment.method))
        {
          g_autofree char *field = g_strconcat (prefix, "method", NULL);

          central_reply_validation (req, field, "must be cash, card, voucher or free");
          return FALSE;
        }
      *out_sum += payment.amount;
      g_array_append_val (payments, payment);
    }
  return TRUE;
}

/* Draws the lines naming an allocation from it; the rest of each such line is "excess". */
static gboolean
draw_allocations (CentralRequest *req,
                  GArray         *lines,
                  GHashTable     *needs)
{
  g_autoptr (GHashTable) left = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = &g_array_index (lines, Line, i);
      TypeNeed *need = need_for (needs, line->ticket_type_id);
      gint64 *remaining;

      if (line->allocation_id < 0)
        {
          need->plain += line->quantity;
          continue;
        }
      remaining = g_hash_table_lookup (left, &line->allocation_id);
      if (remaining == NULL)
        {
          sqlite3_stmt *stmt = central_db_query (req->db,
                                                 "SELECT granted - released - used "
                                                 "FROM allocations "
                                                 "WHERE id = ?1 AND device_id = ?2 "
                                                 "  AND ticket_type_id = ?3",
                                                 "iii", line->allocation_id, req->device_id,
                                                 line->ticket_type_id);
          gint64 *key;
          int rc;

          if (stmt == NULL)
            return central_reply_db_error (req);
          rc = central_db_step (req->db, stmt);
          if (rc == SQLITE_ROW)
            {
              remaining = g_new (gint64, 1);
              *remaining = MAX (0, sqlite3_column_int64 (stmt, 0));
              key = g_new (gint64, 1);
              *key = line->allocation_id;
              g_hash_table_insert (left, key, remaining);
            }
          sqlite3_reset (stmt);
          if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return central_reply_db_error (req);
          if (remaining == NULL)
            {
              g_autofree char *field = g_strdup_printf ("lines[%u].allocation_id", i);

              central_reply_validation (req, field,
                                        "not an allocation of this device for this ticket type");
              return FALSE;
            }
        }
      line->drawn = MIN (line->quantity, *remaining);
      *remaining -= line->drawn;
      need->drawn += line->drawn;
      need->excess += line->quantity - line->drawn;
    }
  return TRUE;
}

/* Capacity per ticket type: the excess of allocation lines is never refused (oversold when
 * there is no room); lines without an allocation need room unless forced. */
static gboolean
check_capacity (CentralRequest *req,
                GHashTable     *needs,
                gboolean        force,
                gboolean       *out_oversold)
{
  GHashTableIter iter;
  gpointer key, value;

  *out_oversold = FALSE;
  g_hash_table_iter_init (&iter, needs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 type_id = *(gint64 *) key;
      TypeNeed *need = value;
      gint64 available;

      if (need->excess == 0 && need->plain == 0)
        continue;
      available = central_type_available (req->db, type_id);
      if (available < 0)
        return central_reply_db_error (req);
      if (need->excess > available)
        *out_oversold = TRUE;
      available -= MIN (available, need->excess);
      if (need->plain > available)
        {
          if (!force)
            {
              central_reply_error_with (req, 409, "capacity_exceeded", "available", available,
                                        "ticket type %" G_GINT64_FORMAT ": %" G_GINT64_FORMAT
                                        " seats asked, %" G_GINT64_FORMAT " available",
                                        type_id, need->plain, available);
              return FALSE;
            }
          *out_oversold = TRUE;
        }
    }
  return TRUE;
}

static gboolean
store_order (CentralRequest *req,
             const char     *uuid,
             gint64          event_id,
             const char     *created_at,
             const char     *operator_name,
             gint64          total,
             gboolean        force,
             gboolean        oversold,
             GArray         *lines,
             GArray         *tickets,
             GArray         *payments,
             GHashTable     *needs)
{
  g_autofree char *code = central_new_order_code (req->db);
  GHashTableIter iter;
  gpointer key, value;
  gint64 order_id, first_seq = 0;
  CentralJson json;

  if (code == NULL ||
      !central_db_exec (req->db,
                        "INSERT INTO orders (uuid, device_id, event_id, code, created_at, "
                        "  operator, total, forced, oversold, status, received_at, "
                        "  request_hash, response) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'paid', ?10, ?11, '')",
                        "tiitt" "tiii" "tt", uuid, req->device_id, event_id, code, created_at,
                        operator_name, total, (gint64) force, (gint64) oversold, req->now,
                        req->request_hash))
    return FALSE;
  order_id = central_db_last_rowid (req->db);

  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = &g_array_index (lines, Line, i);

      if (!central_db_exec (req->db,
                            "INSERT INTO order_lines (order_id, position, ticket_type_id, "
                            "  quantity, unit_price, unit_fee, tax_rate_bp, allocation_id, "
                            "  from_allocation) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                            "iiiii" "iioi", order_id, (gint64) i, line->ticket_type_id,
                            line->quantity, line->unit_price, line->unit_fee, line->tax_rate_bp,
                            line->allocation_id, line->drawn))
        return FALSE;
      if (line->drawn > 0)
        {
          gint64 seq = central_db_next_seq (req->db, 1);

          if (seq < 0 ||
              !central_db_exec (req->db,
                                "UPDATE allocations SET used = used + ?2, updated_at = ?3, "
                                "  change_seq = ?4 WHERE id = ?1",
                                "iiti", line->allocation_id, line->drawn, req->now, seq))
            return FALSE;
        }
    }
  for (guint i = 0; i < payments->len; i++)
    {
      Payment *payment = &g_array_index (payments, Payment, i);

      if (!central_db_exec (req->db,
                            "INSERT INTO payments (order_id, position, method, amount, reference) "
                            "VALUES (?1, ?2, ?3, ?4, ?5)",
                            "iitit", order_id, (gint64) i, payment->method, payment->amount,
                            payment->reference))
        return FALSE;
    }

  g_hash_table_iter_init (&iter, needs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      TypeNeed *need = value;

      if (!central_type_adjust (req->db, *(gint64 *) key, need->tickets, -need->drawn, req->now))
        return FALSE;
    }

  if (tickets->len > 0)
    {
      first_seq = central_db_next_seq (req->db, tickets->len);
      if (first_seq < 0)
        return FALSE;
      for (guint i = 0; i < tickets->len; i++)
        {
          Ticket *ticket = &g_array_index (tickets, Ticket, i);

          if (!central_db_exec (req->db,
                                "INSERT INTO tickets (uuid, secret, event_id, ticket_type_id, "
                                "  order_id, order_code, status, updated_at, change_seq) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'valid', ?7, ?8)",
                                "ttiii" "tti", ticket->uuid, ticket->secret, event_id,
                                ticket->ticket_type_id, order_id, code, req->now,
                                first_seq + i) ||
              !central_checkin_link_pending (req->db, central_db_last_rowid (req->db),
                                             ticket->secret, req->now))
            return FALSE;
        }
    }

  central_json_init (&json);
  central_json_begin_object (&json);
  central_json_member_int (&json, "id", order_id);
  central_json_member_string (&json, "uuid", uuid);
  central_json_member_string (&json, "code", code);
  central_json_member_string (&json, "status", "paid");
  central_json_member_bool (&json, "oversold", oversold);
  central_json_end_object (&json);
  central_reply_json (req, 201, &json);
  return central_db_exec (req->db, "UPDATE orders SET response = ?2 WHERE id = ?1", "it",
                          order_id, req->response);
}

void
central_orders_create (CentralRequest *req)
{
  JsonObject *obj = central_body_object (req);
  g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (Line));
  g_autoptr (GArray) tickets = g_array_new (FALSE, FALSE, sizeof (Ticket));
  g_autoptr (GArray) payments = g_array_new (FALSE, FALSE, sizeof (Payment));
  g_autoptr (GHashTable) needs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        g_free);
  g_autofree char *operator_name = NULL;
  g_autofree char *event_status = NULL;
  const char *uuid, *created_at;
  gint64 event_id, total, line_sum, payment_sum;
  gboolean force, oversold, failed;
  GHashTableIter iter;
  gpointer key, value;
  int found;

  if (obj == NULL ||
      !central_get_uuid (req, obj, NULL, "uuid", &uuid) ||
      !central_get_int (req, obj, NULL, "event_id", TRUE, 1, G_MAXUINT32, &event_id, NULL) ||
      !central_get_time (req, obj, NULL, "created_at", TRUE, &created_at) ||
      !central_get_operator (req, obj, FALSE, &operator_name) ||
      !central_get_bool (req, obj, NULL, "force", FALSE, &force) ||
      !central_get_int (req, obj, NULL, "total", TRUE, 0, MAX_MONEY, &total, NULL))
    return;
  if (central_replay_by_uuid (req, "orders", uuid, 201, &failed))
    return;

  found = central_db_get_text (req->db, &event_status, "SELECT status FROM events WHERE id = ?1",
                               "i", event_id);
  if (found < 0)
    {
      central_reply_db_error (req);
      return;
    }
  if (found == 0)
    {
      central_reply_validation (req, "event_id", "no such event");
      return;
    }

  if (!parse_lines (req, obj, event_id, lines, needs, &line_sum) ||
      !parse_tickets (req, obj, event_id, tickets, needs) ||
      !parse_payments (req, obj, payments, &payment_sum))
    return;
  if (line_sum != total)
    {
      central_reply_error (req, 400, "total_mismatch",
                           "lines add up to %" G_GINT64_FORMAT ", total is %" G_GINT64_FORMAT,
                           line_sum, total);
      return;
    }
  if (payment_sum != total)
    {
      central_reply_error (req, 400, "total_mismatch",
                           "payments add up to %" G_GINT64_FORMAT ", total is %" G_GINT64_FORMAT,
                           payment_sum, total);
      return;
    }
  g_hash_table_iter_init (&iter, needs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      TypeNeed *need = value;

      if (need->tickets != need->seats)
        {
          central_reply_error (req, 400, "validation",
                               "tickets: %" G_GINT64_FORMAT " tickets of type %" G_GINT64_FORMAT
                               " for %" G_GINT64_FORMAT " seats in the lines",
                               need->tickets, *(gint64 *) key, need->seats);
          return;
        }
    }
  if (!g_str_equal (event_status, "on_sale") && !force)
    {
      central_reply_error (req, 409, "event_not_on_sale", "event %" G_GINT64_FORMAT " is %s",
                           event_id, event_status);
      return;
    }

  if (!draw_allocations (req, lines, needs) ||
      !check_capacity (req, needs, force, &oversold))
    return;
  if (!store_order (req, uuid, event_id, created_at, operator_name, total, force, oversold,
                    lines, tickets, payments, needs))
    central_reply_db_error (req);
}

/* ---- refunds ---- */

void
central_refunds_create (CentralRequest *req)
{
  JsonObject *obj;
  JsonArray *ticket_uuids;
  g_autoptr (GArray) ticket_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) type_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *operator_name = NULL;
  const char *uuid, *method, *reason, *created_at;
  gint64 order_id, total, refunded, amount, refund_id, first_seq = 0;
  gboolean failed;
  sqlite3_stmt *stmt;
  CentralJson json;
  int rc;

  stmt = central_db_query (req->db, "SELECT id, total FROM orders WHERE uuid = ?1", "t",
                           req->params[0]);
  if (stmt == NULL)
    {
      central_reply_db_error (req);
      return;
    }
  rc = central_db_step (req->db, stmt);
  order_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  total = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 1) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      central_reply_db_error (req);
      return;
    }
  if (order_id < 0)
    {
      central_reply_error (req, 404, "not_found", "no order %s", req->params[0]);
      return;
    }

  obj = central_body_object (req);
  if (obj == NULL ||
      !central_get_uuid (req, obj, NULL, "uuid", &uuid) ||
      (ticket_uuids = central_get_array (req, obj, NULL, "ticket_uuids", 0, MAX_TICKETS)) == NULL ||
      !central_get_int (req, obj, NULL, "amount", TRUE, 0, MAX_MONEY, &amount, NULL) ||
      !central_get_string (req, obj, NULL, "method", TRUE, 32, &method) ||
      !central_get_string (req, obj, NULL, "reason", FALSE, 500, &reason) ||
      !central_get_time (req, obj, NULL, "created_at", TRUE, &created_at) ||
      !central_get_operator (req, obj, FALSE, &operator_name))
    return;
  if (!is_payment_method (method))
    {
      central_reply_validation (req, "method", "must be cash, card, voucher or free");
      return;
    }
  if (central_replay_by_uuid (req, "refunds", uuid, 201, &failed))
    return;

  if (central_db_get_int (req->db, &refunded,
                          "SELECT COALESCE (SUM (amount), 0) FROM refunds WHERE order_id = ?1",
                          "i", order_id) != 1)
    {
      central_reply_db_error (req);
      return;
    }
  if (amount > total - refunded)
    {
      central_reply_error (req, 400, "validation",
                           "amount: %" G_GINT64_FORMAT " is more than the %" G_GINT64_FORMAT
                           " left to refund", amount, total - refunded);
      return;
    }

  for (guint i = 0; i < json_array_get_length (ticket_uuids); i++)
    {
      JsonNode *node = json_array_get_element (ticket_uuids, i);
      g_autofree char *field = g_strdup_printf ("ticket_uuids[%u]", i);
      const char *ticket_uuid;
      gint64 ticket_id = -1, type_id = 0;
      gboolean cancelled = FALSE;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          central_reply_validation (req, field, "must be a string");
          return;
        }
      ticket_uuid = json_node_get_string (node);
      if (!g_hash_table_add (seen, (gpointer) ticket_uuid))
        {
          central_reply_validation (req, field, "is listed twice");
          return;
        }
      stmt = central_db_query (req->db, "SELECT id, ticket_type_id, status = 'cancelled' "
                                        "FROM tickets WHERE uuid = ?1 AND order_id = ?2",
                               "ti", ticket_uuid, order_id);
      if (stmt == NULL)
        {
          central_reply_db_error (req);
          return;
        }
      rc = central_db_step (req->db, stmt);
      if (rc == SQLITE_ROW)
        {
          ticket_id = sqlite3_column_int64 (stmt, 0);
          type_id = sqlite3_column_int64 (stmt, 1);
          cancelled = sqlite3_column_int (stmt, 2);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          central_reply_db_error (req);
          return;
        }
      if (ticket_id < 0)
        {
          central_reply_validation (req, field, "not a ticket of this order");
          return;
        }
      if (cancelled)
        {
          central_reply_error (req, 409, "already_refunded", "%s: ticket %s is refunded already",
                               field, ticket_uuid);
          return;
        }
      g_array_append_val (ticket_ids, ticket_id);
      g_array_append_val (type_ids, type_id);
    }

  if (!central_db_exec (req->db,
                        "INSERT INTO refunds (uuid, order_id, device_id, amount, method, reason, "
                        "  created_at, operator, received_at, request_hash, response) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, '')",
                        "tiiit" "tttt" "t", uuid, order_id, req->device_id, amount, method, reason,
                        created_at, operator_name, req->now, req->request_hash))
    {
      central_reply_db_error (req);
      return;
    }
  refund_id = central_db_last_rowid (req->db);
  if (ticket_ids->len > 0)
    {
      first_seq = central_db_next_seq (req->db, ticket_ids->len);
      if (first_seq < 0)
        {
          central_reply_db_error (req);
          return;
        }
    }
  for (guint i = 0; i < ticket_ids->len; i++)
    {
      gint64 ticket_id = g_array_index (ticket_ids, gint64, i);

      if (!central_db_exec (req->db, "INSERT INTO refund_tickets (refund_id, ticket_id) "
                                     "VALUES (?1, ?2)", "ii", refund_id, ticket_id) ||
          !central_db_exec (req->db, "UPDATE tickets SET status = 'cancelled', updated_at = ?2, "
                                     "  change_seq = ?3 WHERE id = ?1",
                            "iti", ticket_id, req->now, first_seq + i) ||
          !central_type_adjust (req->db, g_array_index (type_ids, gint64, i), -1, 0, req->now))
        {
          central_reply_db_error (req);
          return;
        }
    }

  central_json_init (&json);
  central_json_begin_object (&json);
  central_json_member_int (&json, "id", refund_id);
  central_json_member_string (&json, "uuid", uuid);
  central_json_member_string (&json, "order_uuid", req->params[0]);
  central_json_member_int (&json, "amount", amount);
  central_json_member_int (&json, "tickets_cancelled", ticket_ids->len);
  central_json_end_object (&json);
  central_reply_json (req, 201, &json);
  if (!central_db_exec (req->db, "UPDATE refunds SET response = ?2 WHERE id = ?1", "it",
                        refund_id, req->response))
    central_reply_db_error (req);
}
