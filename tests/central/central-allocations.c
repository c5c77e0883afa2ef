/* central-allocations.c — POST /events/{id}/allocations, GET /allocations,
 * POST /allocations/{id}/release
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "central-private.h"

void
central_write_allocation (CentralJson  *json,
                          sqlite3_stmt *stmt)
{
  static const char *const names[] = {
    "id", "uuid", "event_id", "ticket_type_id", "quantity", "used", "released", "expires_at",
    "updated_at",
  };

  central_json_begin_object (json);
  for (int i = 0; i < (int) G_N_ELEMENTS (names); i++)
    central_json_member_column (json, names[i], stmt, i);
  central_json_end_object (json);
}

/* Answers @status with allocation @id (of any device) and stores the answer in @table's
 * row @uuid for replays by uuid. */
static void
reply_allocation (CentralRequest *req,
                  guint           status,
                  gint64          id,
                  const char     *table,
                  const char     *uuid)
{
  sqlite3_stmt *stmt = central_db_query (req->db, "SELECT " CENTRAL_ALLOCATION_COLUMNS
                                                  " FROM allocations WHERE id = ?1",
                                         "i", id);
  g_autofree char *sql = NULL;
  CentralJson json;

  if (stmt == NULL || central_db_step (req->db, stmt) != SQLITE_ROW)
    {
      if (stmt != NULL)
        sqlite3_reset (stmt);
      central_reply_db_error (req);
      return;
    }
  central_json_init (&json);
  central_write_allocation (&json, stmt);
  sqlite3_reset (stmt);
  central_reply_json (req, status, &json);

  sql = g_strdup_printf ("UPDATE %s SET response = ?2 WHERE uuid = ?1", table);
  if (!central_db_exec (req->db, sql, "tt", uuid, req->response))
    central_reply_db_error (req);
}

void
central_allocations_create (CentralRequest *req)
{
  JsonObject *obj = central_body_object (req);
  g_autofree char *status = NULL;
  g_autofree char *ends_at = NULL;
  const char *uuid;
  gint64 type_id, quantity, type_event = 0, available, seq;
  gboolean failed;
  sqlite3_stmt *stmt;
  int rc;

  if (obj == NULL ||
      !central_get_uuid (req, obj, NULL, "uuid", &uuid) ||
      !central_get_int (req, obj, NULL, "ticket_type_id", TRUE, 1, G_MAXUINT32, &type_id, NULL) ||
      !central_get_int (req, obj, NULL, "quantity", TRUE, 1, 100000, &quantity, NULL))
    return;

  stmt = central_db_query (req->db, "SELECT status, ends_at FROM events WHERE id = ?1", "i",
                           req->ids[0]);
  if (stmt == NULL)
    {
      central_reply_db_error (req);
      return;
    }
  rc = central_db_step (req->db, stmt);
  if (rc == SQLITE_ROW)
    {
      status = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      ends_at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      central_reply_db_error (req);
      return;
    }
  if (status == NULL)
    {
      central_reply_error (req, 404, "not_found", "no event %s", req->params[0]);
      return;
    }
  if (central_replay_by_uuid (req, "allocations", uuid, 201, &failed))
    return;

  rc = central_db_get_int (req->db, &type_event, "SELECT event_id FROM ticket_types WHERE id = ?1",
                           "i", type_id);
  if (rc < 0)
    {
      central_reply_db_error (req);
      return;
    }
  if (rc == 0 || type_event != req->ids[0])
    {
      central_reply_validation (req, "ticket_type_id", "not a ticket type of this event");
      return;
    }
  if (!g_str_equal (status, "on_sale"))
    {
      central_reply_error (req, 409, "event_not_on_sale", "event %s is %s", req->params[0], status);
      return;
    }
  available = central_type_available (req->db, type_id);
  if (available < 0)
    {
      central_reply_db_error (req);
      return;
    }
  if (quantity > available)
    {
      central_reply_error_with (req, 409, "sold_out", "available", available,
                                "%" G_GINT64_FORMAT " seats asked, %" G_GINT64_FORMAT " available",
                                quantity, available);
      return;
    }

  seq = central_db_next_seq (req->db, 1);
  if (seq < 0 ||
      !central_db_exec (req->db,
                        "INSERT INTO allocations (uuid, device_id, event_id, ticket_type_id, "
                        "  granted, expires_at, created_at, updated_at, change_seq, "
                        "  request_hash, response) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9, '')",
                        "tiiii" "ttit", uuid, req->device_id, req->ids[0], type_id, quantity,
                        ends_at, req->now, seq, req->request_hash) ||
      !central_type_adjust (req->db, type_id, 0, quantity, req->now))
    {
      central_reply_db_error (req);
      return;
    }
  reply_allocation (req, 201, central_db_last_rowid (req->db), "allocations", uuid);
}

void
central_allocations_list (CentralRequest *req)
{
  sqlite3_stmt *stmt;
  gint64 after, limit;

  if (!central_page_params (req, &after, &limit))
    return;
  stmt = central_db_query (req->db,
                           "SELECT " CENTRAL_ALLOCATION_COLUMNS " FROM allocations "
                           "WHERE device_id = ?1 AND change_seq > ?2 ORDER BY change_seq LIMIT ?3",
                           "iii", req->device_id, after, limit + 1);
  if (stmt == NULL)
    {
      central_reply_db_error (req);
      return;
    }
  central_reply_page (req, stmt, after, limit, 9, central_write_allocation);
}

void
central_allocations_release (CentralRequest *req)
{
  JsonObject *obj = central_body_object (req);
  const char *uuid;
  gint64 quantity, unused = 0, type_id = 0, seq;
  gboolean failed;
  sqlite3_stmt *stmt;
  int rc;

  if (obj == NULL ||
      !central_get_uuid (req, obj, NULL, "uuid", &uuid) ||
      !central_get_int (req, obj, NULL, "quantity", TRUE, 0, 100000, &quantity, NULL))
    return;

  stmt = central_db_query (req->db, "SELECT granted - released - used, ticket_type_id "
                                    "FROM allocations WHERE id = ?1 AND device_id = ?2",
                           "ii", req->ids[0], req->device_id);
  if (stmt == NULL)
    {
      central_reply_db_error (req);
      return;
    }
  rc = central_db_step (req->db, stmt);
  if (rc == SQLITE_ROW)
    {
      unused = MAX (0, sqlite3_column_int64 (stmt, 0));
      type_id = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      central_reply_db_error (req);
      return;
    }
  if (rc == SQLITE_DONE)
    {
      central_reply_error (req, 404, "not_found", "no allocation %s of this device",
                           req->params[0]);
      return;
    }
  if (central_replay_by_uuid (req, "allocation_releases", uuid, 200, &failed))
    return;
  if (quantity > unused)
    {
      central_reply_error_with (req, 409, "release_exceeds_unused", "available", unused,
                                "%" G_GINT64_FORMAT " seats to release, %" G_GINT64_FORMAT
                                " unused", quantity, unused);
      return;
    }

  seq = central_db_next_seq (req->db, 1);
  if (seq < 0 ||
      !central_db_exec (req->db,
                        "UPDATE allocations SET released = released + ?2, updated_at = ?3, "
                        "  change_seq = ?4 WHERE id = ?1",
                        "iiti", req->ids[0], quantity, req->now, seq) ||
      !central_type_adjust (req->db, type_id, 0, -quantity, req->now) ||
      !central_db_exec (req->db,
                        "INSERT INTO allocation_releases (uuid, allocation_id, device_id, "
                        "  quantity, created_at, request_hash, response) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, '')",
                        "tiiit" "t", uuid, req->ids[0], req->device_id, quantity, req->now,
                        req->request_hash))
    {
      central_reply_db_error (req);
      return;
    }
  reply_allocation (req, 200, req->ids[0], "allocation_releases", uuid);
}
