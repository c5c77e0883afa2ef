/* central-admin.c — the test-only /admin API (not part of the device contract)
 *
 * Each admin request runs in its own transaction (opened by the server core); handlers only
 * make their change and answer. Bodies are optional where no field is required.
 *
 *   PATCH /admin/ticket-types/{id} {"capacity", "sold"}: "sold" sets the seats taken by
 *     tickets and other channels; the list still adds the seats held by allocations.
 *   POST /admin/online-sale: respects capacity (409 sold_out with "available") unless
 *     "force": true; answers {"order_code", "tickets": [{"id", "secret"}]}.
 *   POST /admin/checkins {"secret", "gate", "direction"}: a scan by a device of the
 *     platform (no device id), with the same first-scan-wins rules; answers {"status"}.
 *   PATCH /admin/events/{id}: also takes "name" and "starts_at".
 *   POST /admin/devices/{id}/revoke, POST /admin/tickets/{id}/cancel answer the row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "central-private.h"

#include <sodium.h>
#include <string.h>

#include "domain/bo-ticket-secret.h"

/* The body when there is one, else an empty object (admin bodies are optional). */
static JsonObject *
admin_body (CentralRequest *req)
{
  if (req->body == NULL)
    {
      req->body = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (req->body, json_object_new ());
    }
  return central_body_object (req);
}

static void
reply_row (CentralRequest   *req,
           const char       *sql,
           gint64            id,
           CentralRowWriter  writer)
{
  sqlite3_stmt *stmt = central_db_query (req->db, sql, "i", id);
  CentralJson json;
  int rc;

  if (stmt == NULL)
    {
      central_reply_db_error (req);
      return;
    }
  rc = central_db_step (req->db, stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        central_reply_error (req, 404, "not_found", "no such object: %" G_GINT64_FORMAT, id);
      else
        central_reply_db_error (req);
      return;
    }
  central_json_init (&json);
  writer (&json, stmt);
  sqlite3_reset (stmt);
  central_reply_json (req, 200, &json);
}

void
central_admin_tokens (CentralRequest *req)
{
  JsonObject *obj = admin_body (req);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  const char *name;

  if (obj == NULL || !central_get_string (req, obj, NULL, "name", FALSE, 200, &name))
    return;
  text = central_server_issue_token (req->server, req->server->base_url, name, &error);
  if (text == NULL)
    {
      central_reply_error (req, 500, "server_error", "%s", error->message);
      return;
    }
  g_free (req->response);
  req->status = 201;
  req->response_len = strlen (text);
  req->response = g_steal_pointer (&text);
}

void
central_admin_faults (CentralRequest *req)
{
  CentralServer *self = req->server;
  JsonObject *obj = admin_body (req);
  JsonArray *modes_array = NULL;
  JsonNode *rate_node;
  const char *prefix;
  double rate = 0;
  gint64 retry_after = 1, delay_ms = 3000, seed = -1;
  gboolean seed_present;
  guint modes = 0;
  CentralJson json;

  if (obj == NULL)
    return;
  rate_node = json_object_get_member (obj, "rate");
  if (rate_node != NULL && JSON_NODE_HOLDS_VALUE (rate_node) &&
      (json_node_get_value_type (rate_node) == G_TYPE_DOUBLE ||
       json_node_get_value_type (rate_node) == G_TYPE_INT64))
    rate = json_node_get_double (rate_node);
  else if (rate_node != NULL)
    {
      central_reply_validation (req, "rate", "must be a number from 0 to 1");
      return;
    }
  if (rate < 0 || rate > 1)
    {
      central_reply_validation (req, "rate", "must be a number from 0 to 1");
      return;
    }
  if (json_object_has_member (obj, "modes") &&
      (modes_array = central_get_array (req, obj, NULL, "modes", 0, 4)) == NULL)
    return;
  if (modes_array == NULL)
    modes = CENTRAL_FAULT_500 | CENTRAL_FAULT_429 | CENTRAL_FAULT_DELAY | CENTRAL_FAULT_DROP;
  for (guint i = 0; modes_array != NULL && i < json_array_get_length (modes_array); i++)
    {
      JsonNode *node = json_array_get_element (modes_array, i);
      guint mode = 0;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          !central_fault_modes_parse (json_node_get_string (node), &mode) || mode == 0)
        {
          central_reply_validation (req, "modes",
                                    "each must be \"500\", \"429\", \"delay\" or \"drop\"");
          return;
        }
      modes |= mode;
    }
  if (!central_get_int (req, obj, NULL, "retry_after", FALSE, 0, 3600, &retry_after, NULL) ||
      !central_get_int (req, obj, NULL, "delay_ms", FALSE, 0, 600000, &delay_ms, NULL) ||
      !central_get_int (req, obj, NULL, "seed", FALSE, 0, G_MAXUINT32, &seed, &seed_present) ||
      !central_get_string (req, obj, NULL, "path_prefix", FALSE, 200, &prefix))
    return;
  central_server_set_faults (self, rate, modes, (int) retry_after, (int) delay_ms,
                             seed_present ? seed : -1,
                             prefix != NULL ? prefix : CENTRAL_API_PREFIX);

  central_json_init (&json);
  central_json_begin_object (&json);
  central_json_key (&json, "rate");
  central_json_double (&json, self->fault_rate);
  central_json_key (&json, "modes");
  central_json_begin_array (&json);
  if (modes & CENTRAL_FAULT_500)
    central_json_string (&json, "500");
  if (modes & CENTRAL_FAULT_429)
    central_json_string (&json, "429");
  if (modes & CENTRAL_FAULT_DELAY)
    central_json_string (&json, "delay");
  if (modes & CENTRAL_FAULT_DROP)
    central_json_string (&json, "drop");
  central_json_end_array (&json);
  central_json_member_int (&json, "retry_after", self->fault_retry_after);
  central_json_member_int (&json, "delay_ms", self->fault_delay_ms);
  central_json_member_string (&json, "path_prefix", self->fault_prefix);
  central_json_end_object (&json);
  central_reply_json (req, 200, &json);
}

static void
write_device_key (CentralJson  *json,
                  sqlite3_stmt *stmt)
{
  central_json_begin_object (json);
  central_json_member_column (json, "device_id", stmt, 0);
  central_json_member_column (json, "name", stmt, 1);
  central_json_member_column (json, "revoked_at", stmt, 2);
  central_json_end_object (json);
}

void
central_admin_revoke (CentralRequest *req)
{
  gint64 seq = central_db_next_seq (req->db, 1);

  if (seq < 0 ||
      !central_db_exec (req->db,
                        "UPDATE devices SET revoked_at = COALESCE (revoked_at, ?2), "
                        "  change_seq = ?3 WHERE id = ?1",
                        "iti", req->ids[0], req->now, seq))
    {
      central_reply_db_error (req);
      return;
    }
  reply_row (req, "SELECT id, name, revoked_at FROM devices WHERE id = ?1", req->ids[0],
             write_device_key);
}

void
central_admin_online_sale (CentralRequest *req)
{
  static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  JsonObject *obj = admin_body (req);
  g_autofree char *code = NULL;
  gint64 event_id, type_id, quantity, type_event = 0, available, first_seq;
  gboolean force;
  CentralJson json;
  int rc;

  if (obj == NULL ||
      !central_get_int (req, obj, NULL, "event_id", TRUE, 1, G_MAXUINT32, &event_id, NULL) ||
      !central_get_int (req, obj, NULL, "ticket_type_id", TRUE, 1, G_MAXUINT32, &type_id, NULL) ||
      !central_get_int (req, obj, NULL, "quantity", TRUE, 1, 10000, &quantity, NULL) ||
      !central_get_bool (req, obj, NULL, "force", FALSE, &force))
    return;
  rc = central_db_get_int (req->db, &type_event, "SELECT event_id FROM ticket_types WHERE id = ?1",
                           "i", type_id);
  if (rc < 0)
    {
      central_reply_db_error (req);
      return;
    }
  if (rc == 0 || type_event != event_id)
    {
      central_reply_validation (req, "ticket_type_id", "not a ticket type of this event");
      return;
    }
  /* The online shop respects capacity too (unless told to oversell). */
  available = central_type_available (req->db, type_id);
  if (available < 0)
    {
      central_reply_db_error (req);
      return;
    }
  if (quantity > available && !force)
    {
      central_reply_error_with (req, 409, "sold_out", "available", available,
                                "%" G_GINT64_FORMAT " seats asked, %" G_GINT64_FORMAT " available",
                                quantity, available);
      return;
    }

  code = central_new_order_code (req->db);
  first_seq = central_db_next_seq (req->db, quantity);
  if (code == NULL || first_seq < 0 ||
      !central_type_adjust (req->db, type_id, quantity, 0, req->now))
    {
      central_reply_db_error (req);
      return;
    }

  central_json_init (&json);
  central_json_begin_object (&json);
  central_json_member_string (&json, "order_code", code);
  central_json_key (&json, "tickets");
  central_json_begin_array (&json);
  for (gint64 i = 0; i < quantity; i++)
    {
      char secret[33];
      g_autofree char *attendee = g_strdup_printf ("Online buyer %s-%" G_GINT64_FORMAT, code,
                                                   i + 1);

      for (int c = 0; c < 32; c++)
        secret[c] = alphabet[randombytes_uniform (32)];
      secret[32] = '\0';
      if (!central_db_exec (req->db,
                            "INSERT INTO tickets (secret, event_id, ticket_type_id, order_code, "
                            "  attendee_name, status, updated_at, change_seq) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, 'valid', ?6, ?7)",
                            "tiitt" "ti", secret, event_id, type_id, code, attendee, req->now,
                            first_seq + i))
        {
          central_json_clear (&json);
          central_reply_db_error (req);
          return;
        }
      central_json_begin_object (&json);
      central_json_member_int (&json, "id", central_db_last_rowid (req->db));
      central_json_member_string (&json, "secret", secret);
      central_json_end_object (&json);
    }
  central_json_end_array (&json);
  central_json_end_object (&json);
  central_reply_json (req, 201, &json);
}

void
central_admin_cancel_ticket (CentralRequest *req)
{
  gint64 type_id = 0;
  g_autofree char *status = NULL;
  sqlite3_stmt *stmt = central_db_query (req->db, "SELECT ticket_type_id, status FROM tickets "
                                                  "WHERE id = ?1", "i", req->ids[0]);
  int rc;

  if (stmt == NULL)
    {
      central_reply_db_error (req);
      return;
    }
  rc = central_db_step (req->db, stmt);
  if (rc == SQLITE_ROW)
    {
      type_id = sqlite3_column_int64 (stmt, 0);
      status = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        central_reply_error (req, 404, "not_found", "no ticket %s", req->params[0]);
      else
        central_reply_db_error (req);
      return;
    }
  if (!g_str_equal (status, "cancelled"))
    {
      gint64 seq = central_db_next_seq (req->db, 1);

      if (seq < 0 ||
          !central_db_exec (req->db, "UPDATE tickets SET status = 'cancelled', updated_at = ?2, "
                                     "  change_seq = ?3 WHERE id = ?1",
                            "iti", req->ids[0], req->now, seq) ||
          !central_type_adjust (req->db, type_id, -1, 0, req->now))
        {
          central_reply_db_error (req);
          return;
        }
    }
  reply_row (req, "SELECT " CENTRAL_TICKET_COLUMNS " FROM tickets WHERE id = ?1", req->ids[0],
             central_write_ticket);
}

void
central_admin_checkin (CentralRequest *req)
{
  JsonObject *obj = admin_body (req);
  const char *secret, *gate, *direction, *result;
  gint64 event_id = -1;
  BoTicketPayload payload;
  CentralJson json;
  int rc;

  if (obj == NULL ||
      !central_get_string (req, obj, NULL, "secret", TRUE, 200, &secret) ||
      !central_get_string (req, obj, NULL, "gate", FALSE, 200, &gate) ||
      !central_get_string (req, obj, NULL, "direction", FALSE, 16, &direction))
    return;
  if (direction == NULL)
    direction = "entry";
  if (!g_str_equal (direction, "entry") && !g_str_equal (direction, "exit"))
    {
      central_reply_validation (req, "direction", "must be entry or exit");
      return;
    }
  /* The scanning device is the gate of the ticket's own event. */
  rc = central_db_get_int (req->db, &event_id, "SELECT event_id FROM tickets WHERE secret = ?1",
                           "t", secret);
  if (rc < 0)
    {
      central_reply_db_error (req);
      return;
    }
  if (rc == 0 && bo_ticket_secret_parse (secret, &payload, NULL, NULL))
    event_id = payload.event_id;
  result = central_checkin_record (req->db, NULL, -1, event_id, secret, req->now, gate, direction,
                                   FALSE, req->now);
  if (result == NULL)
    {
      central_reply_db_error (req);
      return;
    }
  central_json_init (&json);
  central_json_begin_object (&json);
  central_json_member_string (&json, "status", result);
  central_json_end_object (&json);
  central_reply_json (req, 200, &json);
}

void
central_admin_patch_type (CentralRequest *req)
{
  JsonObject *obj = admin_body (req);
  JsonNode *capacity_node;
  gint64 capacity = -1, sold;
  gboolean sold_present;
  gint64 seq;

  if (obj == NULL ||
      !central_get_int (req, obj, NULL, "sold", FALSE, 0, G_MAXUINT32, &sold, &sold_present))
    return;
  capacity_node = json_object_get_member (obj, "capacity");
  if (capacity_node != NULL && !JSON_NODE_HOLDS_NULL (capacity_node) &&
      !central_get_int (req, obj, NULL, "capacity", TRUE, 0, G_MAXUINT32, &capacity, NULL))
    return;

  seq = central_db_next_seq (req->db, 1);
  if (seq < 0 ||
      (capacity_node != NULL &&
       !central_db_exec (req->db, "UPDATE ticket_types SET capacity = ?2 WHERE id = ?1", "io",
                         req->ids[0], capacity)) ||
      (sold_present &&
       !central_db_exec (req->db, "UPDATE ticket_types SET sold = ?2 WHERE id = ?1", "ii",
                         req->ids[0], sold)) ||
      !central_db_exec (req->db, "UPDATE ticket_types SET updated_at = ?2, change_seq = ?3 "
                                 "WHERE id = ?1", "iti", req->ids[0], req->now, seq))
    {
      central_reply_db_error (req);
      return;
    }
  reply_row (req, "SELECT " CENTRAL_TICKET_TYPE_COLUMNS " FROM ticket_types WHERE id = ?1",
             req->ids[0], central_write_ticket_type);
}

void
central_admin_patch_event (CentralRequest *req)
{
  static const char *const statuses[] = { "on_sale", "off_sale", "cancelled", NULL };
  static const char *const time_fields[] = { "starts_at", "ends_at" };
  JsonObject *obj = admin_body (req);
  const char *status, *name;
  gint64 seq;

  if (obj == NULL ||
      !central_get_string (req, obj, NULL, "status", FALSE, 32, &status) ||
      !central_get_string (req, obj, NULL, "name", FALSE, 200, &name))
    return;
  if (status != NULL && !g_strv_contains (statuses, status))
    {
      central_reply_validation (req, "status", "must be on_sale, off_sale or cancelled");
      return;
    }
  seq = central_db_next_seq (req->db, 1);
  if (seq < 0 ||
      !central_db_exec (req->db,
                        "UPDATE events SET status = COALESCE (?2, status), "
                        "  name = COALESCE (?3, name), updated_at = ?4, change_seq = ?5 "
                        "WHERE id = ?1",
                        "ittti", req->ids[0], status, name, req->now, seq))
    {
      central_reply_db_error (req);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (time_fields); i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE events SET %s = ?2 WHERE id = ?1",
                                              time_fields[i]);
      const char *value;

      if (!central_get_time (req, obj, NULL, time_fields[i], FALSE, &value))
        return;
      if (value != NULL && !central_db_exec (req->db, sql, "it", req->ids[0], value))
        {
          central_reply_db_error (req);
          return;
        }
    }
  reply_row (req, "SELECT " CENTRAL_EVENT_COLUMNS " FROM events WHERE id = ?1", req->ids[0],
             central_write_event);
}

void
central_admin_stats (CentralRequest *req)
{
  static const struct {
    const char *name;
    const char *sql;
  } counts[] = {
    { "orders", "SELECT COUNT(*) FROM orders" },
    { "tickets", "SELECT COUNT(*) FROM tickets" },
    { "checkins", "SELECT COUNT(*) FROM checkins" },
    { "refunds", "SELECT COUNT(*) FROM refunds" },
    { "closings", "SELECT COUNT(*) FROM closings" },
    { "allocations", "SELECT COUNT(*) FROM allocations" },
    { "devices", "SELECT COUNT(*) FROM devices" },
  };
  CentralJson json;

  central_json_init (&json);
  central_json_begin_object (&json);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      gint64 value = 0;

      if (central_db_get_int (req->db, &value, counts[i].sql, NULL) != 1)
        {
          central_json_clear (&json);
          central_reply_db_error (req);
          return;
        }
      central_json_member_int (&json, counts[i].name, value);
    }
  central_json_member_int (&json, "requests", req->server->requests);
  central_json_member_int (&json, "faults_injected", req->server->faults_injected);
  central_json_member_int (&json, "idempotent_replays", req->server->idempotent_replays);
  central_json_end_object (&json);
  central_reply_json (req, 200, &json);
}

static void
write_lines (CentralDb   *db,
             CentralJson *json,
             gint64       order_id)
{
  sqlite3_stmt *stmt = central_db_query (db,
                                         "SELECT ticket_type_id, quantity, unit_price, unit_fee, "
                                         "  tax_rate_bp, allocation_id, from_allocation "
                                         "FROM order_lines WHERE order_id = ?1 ORDER BY position",
                                         "i", order_id);
  static const char *const names[] = {
    "ticket_type_id", "quantity", "unit_price", "unit_fee", "tax_rate_bp", "allocation_id",
    "from_allocation",
  };

  central_json_begin_array (json);
  while (stmt != NULL && central_db_step (db, stmt) == SQLITE_ROW)
    {
      central_json_begin_object (json);
      for (int i = 0; i < (int) G_N_ELEMENTS (names); i++)
        central_json_member_column (json, names[i], stmt, i);
      central_json_end_object (json);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  central_json_end_array (json);
}

void
central_admin_orders (CentralRequest *req)
{
  sqlite3_stmt *stmt = central_db_query (req->db,
                                         "SELECT id, uuid, code, device_id, event_id, total, "
                                         "  oversold, forced, created_at FROM orders ORDER BY id",
                                         NULL);
  CentralJson json;

  if (stmt == NULL)
    {
      central_reply_db_error (req);
      return;
    }
  central_json_init (&json);
  central_json_begin_object (&json);
  central_json_key (&json, "orders");
  central_json_begin_array (&json);
  while (central_db_step (req->db, stmt) == SQLITE_ROW)
    {
      central_json_begin_object (&json);
      central_json_member_column (&json, "id", stmt, 0);
      central_json_member_column (&json, "uuid", stmt, 1);
      central_json_member_column (&json, "code", stmt, 2);
      central_json_member_column (&json, "device_id", stmt, 3);
      central_json_member_column (&json, "event_id", stmt, 4);
      central_json_member_column (&json, "total", stmt, 5);
      central_json_member_bool (&json, "oversold", sqlite3_column_int (stmt, 6));
      central_json_member_bool (&json, "force", sqlite3_column_int (stmt, 7));
      central_json_member_column (&json, "created_at", stmt, 8);
      central_json_key (&json, "lines");
      write_lines (req->db, &json, sqlite3_column_int64 (stmt, 0));
      central_json_end_object (&json);
    }
  sqlite3_reset (stmt);
  central_json_end_array (&json);
  central_json_end_object (&json);
  central_reply_json (req, 200, &json);
}
