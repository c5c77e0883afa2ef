/* central-catalogue.c — GET /events, /events/{id}/ticket-types, /events/{id}/tickets and the
 * seat accounting of ticket types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "central-private.h"

void
central_write_event (CentralJson  *json,
                     sqlite3_stmt *stmt)
{
  static const char *const names[] = {
    "id", "name", "starts_at", "ends_at", "venue_name", "timezone", "currency", "status",
    "updated_at",
  };

  central_json_begin_object (json);
  for (int i = 0; i < (int) G_N_ELEMENTS (names); i++)
    central_json_member_column (json, names[i], stmt, i);
  central_json_end_object (json);
}

void
central_write_ticket_type (CentralJson  *json,
                           sqlite3_stmt *stmt)
{
  central_json_begin_object (json);
  central_json_member_column (json, "id", stmt, 0);
  central_json_member_column (json, "event_id", stmt, 1);
  central_json_member_column (json, "name", stmt, 2);
  central_json_member_column (json, "price", stmt, 3);
  central_json_member_column (json, "fee", stmt, 4);
  central_json_member_column (json, "tax_rate_bp", stmt, 5);
  central_json_member_column (json, "capacity", stmt, 6);
  central_json_member_column (json, "sold", stmt, 7);
  central_json_member_bool (json, "active", sqlite3_column_int (stmt, 8) != 0);
  central_json_member_column (json, "sales_start", stmt, 9);
  central_json_member_column (json, "sales_end", stmt, 10);
  central_json_member_column (json, "updated_at", stmt, 11);
  central_json_end_object (json);
}

void
central_write_ticket (CentralJson  *json,
                      sqlite3_stmt *stmt)
{
  static const char *const names[] = {
    "id", "uuid", "secret", "ticket_type_id", "order_code", "attendee_name", "status",
    "checked_in_at", "updated_at",
  };

  central_json_begin_object (json);
  for (int i = 0; i < (int) G_N_ELEMENTS (names); i++)
    central_json_member_column (json, names[i], stmt, i);
  central_json_end_object (json);
}

void
central_events_list (CentralRequest *req)
{
  sqlite3_stmt *stmt;
  gint64 after, limit;

  if (!central_page_params (req, &after, &limit))
    return;
  stmt = central_db_query (req->db,
                           "SELECT " CENTRAL_EVENT_COLUMNS " FROM events "
                           "WHERE change_seq > ?1 ORDER BY change_seq LIMIT ?2",
                           "ii", after, limit + 1);
  if (stmt == NULL)
    {
      central_reply_db_error (req);
      return;
    }
  central_reply_page (req, stmt, after, limit, 9, central_write_event);
}

/* 404 for an event id that does not exist. */
static gboolean
check_event (CentralRequest *req,
             gint64          event_id)
{
  int found = event_id > 0
              ? central_db_get_int (req->db, NULL, "SELECT 1 FROM events WHERE id = ?1", "i",
                                    event_id)
              : 0;

  if (found < 0)
    return central_reply_db_error (req);
  if (found == 0)
    {
      central_reply_error (req, 404, "not_found", "no event %s", req->params[0]);
      return FALSE;
    }
  return TRUE;
}

void
central_ticket_types_list (CentralRequest *req)
{
  sqlite3_stmt *stmt;
  gint64 after, limit;

  if (!check_event (req, req->ids[0]) || !central_page_params (req, &after, &limit))
    return;
  stmt = central_db_query (req->db,
                           "SELECT " CENTRAL_TICKET_TYPE_COLUMNS " FROM ticket_types "
                           "WHERE event_id = ?1 AND change_seq > ?2 ORDER BY change_seq LIMIT ?3",
                           "iii", req->ids[0], after, limit + 1);
  if (stmt == NULL)
    {
      central_reply_db_error (req);
      return;
    }
  central_reply_page (req, stmt, after, limit, 12, central_write_ticket_type);
}

void
central_tickets_list (CentralRequest *req)
{
  sqlite3_stmt *stmt;
  gint64 after, limit;

  if (!check_event (req, req->ids[0]) || !central_page_params (req, &after, &limit))
    return;
  /* Served from the (event_id, change_seq) index: a page costs its own rows only. */
  stmt = central_db_query (req->db,
                           "SELECT " CENTRAL_TICKET_COLUMNS " FROM tickets "
                           "WHERE event_id = ?1 AND change_seq > ?2 ORDER BY change_seq LIMIT ?3",
                           "iii", req->ids[0], after, limit + 1);
  if (stmt == NULL)
    {
      central_reply_db_error (req);
      return;
    }
  central_reply_page (req, stmt, after, limit, 9, central_write_ticket);
}

gint64
central_type_available (CentralDb *db,
                        gint64     ticket_type_id)
{
  sqlite3_stmt *stmt = central_db_query (db, "SELECT capacity, sold + held FROM ticket_types "
                                             "WHERE id = ?1",
                                         "i", ticket_type_id);
  gint64 available = -1;

  if (stmt == NULL)
    return -1;
  if (central_db_step (db, stmt) == SQLITE_ROW)
    {
      if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
        available = G_MAXINT64;
      else
        available = MAX (0, sqlite3_column_int64 (stmt, 0) - sqlite3_column_int64 (stmt, 1));
    }
  sqlite3_reset (stmt);
  return available;
}

gboolean
central_type_adjust (CentralDb  *db,
                     gint64      ticket_type_id,
                     gint64      sold_delta,
                     gint64      held_delta,
                     const char *now)
{
  gint64 seq = central_db_next_seq (db, 1);

  return seq > 0 &&
         central_db_exec (db,
                          "UPDATE ticket_types SET sold = MAX (0, sold + ?2), "
                          "  held = MAX (0, held + ?3), updated_at = ?4, change_seq = ?5 "
                          "WHERE id = ?1",
                          "iiit" "i", ticket_type_id, sold_delta, held_delta, now, seq);
}
