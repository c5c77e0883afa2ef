/* central-checkins.c — POST /checkins and the check-in rules shared with the admin API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "central-private.h"

#include <string.h>

#include "domain/bo-ticket-secret.h"

#define MAX_BATCH 5000

static const char *
intern_result (const char *text)
{
  static const char *const results[] = { "accepted", "duplicate", "unknown", "cancelled" };

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    if (g_strcmp0 (text, results[i]) == 0)
      return results[i];
  return "unknown";
}

/* A signed secret not (yet) in the tickets: TRUE when it verifies with the key of a device
 * that is not revoked and names @event_id and a ticket type of that event. */
static int
signed_secret_valid (CentralDb  *db,
                     const char *secret,
                     gint64      event_id)
{
  BoTicketPayload payload;
  g_autofree char *key_text = NULL;
  g_autofree guchar *key = NULL;
  gint64 type_event = 0;
  gsize len = 0;
  int found;

  if (!bo_ticket_secret_is_signed (secret) ||
      !bo_ticket_secret_parse (secret, &payload, NULL, NULL) ||
      payload.event_id != event_id)
    return 0;
  found = central_db_get_text (db, &key_text, "SELECT public_key FROM devices "
                                              "WHERE id = ?1 AND revoked_at IS NULL",
                               "i", (gint64) payload.device_id);
  if (found <= 0)
    return found;
  key = g_base64_decode (key_text, &len);
  if (len != BO_ED25519_PUBLIC_KEY_LEN || !bo_ticket_secret_verify (secret, key, NULL, NULL))
    return 0;
  found = central_db_get_int (db, &type_event, "SELECT event_id FROM ticket_types WHERE id = ?1",
                              "i", (gint64) payload.ticket_type_id);
  if (found <= 0)
    return found;
  return type_event == event_id ? 1 : 0;
}

/* Whether the holder of a signed secret without ticket is inside: the last accepted scan of
 * it was an entry. 1 inside, 0 not, -1 error. */
static int
pending_inside (CentralDb  *db,
                const char *secret,
                char      **out_scanned_at)
{
  sqlite3_stmt *stmt = central_db_query (db,
                                         "SELECT direction, scanned_at FROM checkins "
                                         "WHERE secret = ?1 AND ticket_id IS NULL "
                                         "  AND result = 'accepted' ORDER BY id DESC LIMIT 1",
                                         "t", secret);
  int rc, inside = 0;

  if (stmt == NULL)
    return -1;
  rc = central_db_step (db, stmt);
  if (rc == SQLITE_ROW && g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "entry"))
    {
      inside = 1;
      if (out_scanned_at != NULL)
        *out_scanned_at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? inside : -1;
}

const char *
central_checkin_record (CentralDb  *db,
                        const char *uuid,
                        gint64      device_id,
                        gint64      event_id,
                        const char *secret,
                        const char *scanned_at,
                        const char *gate,
                        const char *direction,
                        gboolean    offline,
                        const char *now)
{
  gboolean entry = g_str_equal (direction, "entry");
  const char *result = "unknown";
  gint64 ticket_id = -1;
  sqlite3_stmt *stmt;
  int rc;

  if (uuid != NULL)
    {
      g_autofree char *stored = NULL;

      rc = central_db_get_text (db, &stored, "SELECT result FROM checkins WHERE uuid = ?1", "t",
                                uuid);
      if (rc < 0)
        return NULL;
      if (rc == 1)
        return intern_result (stored);
    }

  stmt = central_db_query (db, "SELECT id, event_id, status, checked_in_at IS NOT NULL "
                               "FROM tickets WHERE secret = ?1", "t", secret);
  if (stmt == NULL)
    return NULL;
  rc = central_db_step (db, stmt);
  if (rc == SQLITE_ROW)
    {
      gboolean inside = sqlite3_column_int (stmt, 3);

      ticket_id = sqlite3_column_int64 (stmt, 0);
      if (event_id >= 0 && sqlite3_column_int64 (stmt, 1) != event_id)
        result = "unknown";
      else if (g_str_equal ((const char *) sqlite3_column_text (stmt, 2), "cancelled"))
        result = "cancelled";
      else
        result = entry == inside ? "duplicate" : "accepted";
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return NULL;

  if (ticket_id >= 0 && g_str_equal (result, "accepted"))
    {
      gint64 seq = central_db_next_seq (db, 1);

      /* An exit lets the holder in again: checked_in_at goes back to null. */
      if (seq < 0 ||
          !central_db_exec (db, "UPDATE tickets SET checked_in_at = ?2, updated_at = ?3, "
                                "  change_seq = ?4 WHERE id = ?1",
                            "itti", ticket_id, entry ? scanned_at : NULL, now, seq))
        return NULL;
    }
  else if (ticket_id < 0)
    {
      int valid = signed_secret_valid (db, secret, event_id);
      int inside;

      if (valid < 0)
        return NULL;
      if (valid)
        {
          inside = pending_inside (db, secret, NULL);
          if (inside < 0)
            return NULL;
          result = entry == (inside == 1) ? "duplicate" : "accepted";
        }
    }

  if (!central_db_exec (db,
                        "INSERT INTO checkins (uuid, device_id, event_id, ticket_id, secret, "
                        "  scanned_at, gate, direction, offline, result, received_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                        "tooot" "ttti" "tt", uuid, device_id, event_id, ticket_id, secret,
                        scanned_at, gate, direction, (gint64) offline, result, now))
    return NULL;
  return result;
}

gboolean
central_checkin_link_pending (CentralDb  *db,
                              gint64      ticket_id,
                              const char *secret,
                              const char *now)
{
  g_autofree char *scanned_at = NULL;
  int inside;
  gint64 seq;

  if (!bo_ticket_secret_is_signed (secret))
    return TRUE;
  inside = pending_inside (db, secret, &scanned_at);
  if (inside < 0)
    return FALSE;
  if (!central_db_exec (db, "UPDATE checkins SET ticket_id = ?1 "
                            "WHERE secret = ?2 AND ticket_id IS NULL",
                        "it", ticket_id, secret))
    return FALSE;
  if (inside == 0)
    return TRUE;
  seq = central_db_next_seq (db, 1);
  return seq > 0 &&
         central_db_exec (db, "UPDATE tickets SET checked_in_at = ?2, updated_at = ?3, "
                              "  change_seq = ?4 WHERE id = ?1",
                          "itti", ticket_id, scanned_at, now, seq);
}

typedef struct {
  const char *uuid;
  gint64      event_id;
  const char *secret;
  const char *scanned_at;
  const char *gate;
  const char *direction;
  gboolean    offline;
} Checkin;

void
central_checkins_create (CentralRequest *req)
{
  JsonObject *obj = central_body_object (req);
  JsonArray *array;
  g_autoptr (GArray) checkins = g_array_new (FALSE, FALSE, sizeof (Checkin));
  CentralJson json;

  if (obj == NULL ||
      (array = central_get_array (req, obj, NULL, "checkins", 1, MAX_BATCH)) == NULL)
    return;

  /* The whole batch is checked before any of it is recorded. */
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *prefix = g_strdup_printf ("checkins[%u].", i);
      Checkin checkin;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autofree char *field = g_strdup_printf ("checkins[%u]", i);

          central_reply_validation (req, field, "must be an object");
          return;
        }
      obj = json_node_get_object (node);
      if (!central_get_uuid (req, obj, prefix, "uuid", &checkin.uuid) ||
          !central_get_int (req, obj, prefix, "event_id", TRUE, 1, G_MAXUINT32,
                            &checkin.event_id, NULL) ||
          !central_get_string (req, obj, prefix, "secret", TRUE, 200, &checkin.secret) ||
          !central_get_time (req, obj, prefix, "scanned_at", TRUE, &checkin.scanned_at) ||
          !central_get_string (req, obj, prefix, "gate", FALSE, 200, &checkin.gate) ||
          !central_get_string (req, obj, prefix, "direction", FALSE, 16, &checkin.direction) ||
          !central_get_bool (req, obj, prefix, "offline", FALSE, &checkin.offline))
        return;
      if (checkin.direction == NULL)
        checkin.direction = "entry";
      if (!g_str_equal (checkin.direction, "entry") && !g_str_equal (checkin.direction, "exit"))
        {
          g_autofree char *field = g_strconcat (prefix, "direction", NULL);

          central_reply_validation (req, field, "must be entry or exit");
          return;
        }
      g_array_append_val (checkins, checkin);
    }

  central_json_init (&json);
  central_json_begin_object (&json);
  central_json_key (&json, "results");
  central_json_begin_array (&json);
  for (guint i = 0; i < checkins->len; i++)
    {
      Checkin *checkin = &g_array_index (checkins, Checkin, i);
      const char *result = central_checkin_record (req->db, checkin->uuid, req->device_id,
                                                   checkin->event_id, checkin->secret,
                                                   checkin->scanned_at, checkin->gate,
                                                   checkin->direction, checkin->offline,
                                                   req->now);

      if (result == NULL)
        {
          central_json_clear (&json);
          central_reply_db_error (req);
          return;
        }
      central_json_begin_object (&json);
      central_json_member_string (&json, "uuid", checkin->uuid);
      central_json_member_string (&json, "status", result);
      central_json_end_object (&json);
    }
  central_json_end_array (&json);
  central_json_end_object (&json);
  central_reply_json (req, 200, &json);
}
