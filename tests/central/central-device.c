/* central-device.c — POST /device/initialize, GET /device/info, GET /keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "central-private.h"

#include <string.h>

#include "domain/bo-ticket-secret.h"

static void
write_device (CentralJson *json,
              gint64       device_id,
              const char  *name,
              const char  *api_token)
{
  central_json_begin_object (json);
  central_json_member_int (json, "device_id", device_id);
  if (api_token != NULL)
    central_json_member_string (json, "api_token", api_token);
  central_json_member_string (json, "name", name);
  central_json_key (json, "organizer");
  central_json_begin_object (json);
  central_json_member_int (json, "id", CENTRAL_ORGANIZER_ID);
  central_json_member_string (json, "name", CENTRAL_ORGANIZER_NAME);
  central_json_end_object (json);
  central_json_key (json, "venue");
  central_json_begin_object (json);
  central_json_member_int (json, "id", CENTRAL_VENUE_ID);
  central_json_member_string (json, "name", CENTRAL_VENUE_NAME);
  central_json_member_string (json, "timezone", CENTRAL_VENUE_TZ);
  central_json_end_object (json);
  central_json_end_object (json);
}

static gboolean
valid_public_key (const char *text)
{
  g_autofree guchar *raw = NULL;
  gsize len = 0;

  /* g_base64_decode accepts garbage silently: check the alphabet first. */
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=')
      return FALSE;
  if (strlen (text) != 44)
    return FALSE;
  raw = g_base64_decode (text, &len);
  return len == BO_ED25519_PUBLIC_KEY_LEN;
}

void
central_device_initialize (CentralRequest *req)
{
  JsonObject *obj = central_body_object (req);
  const char *token, *name, *public_key;
  const char *hardware_brand, *hardware_model, *software_brand, *software_version;
  g_autofree char *token_name = NULL;
  g_autofree char *api_token = NULL;
  g_autofree char *default_name = NULL;
  sqlite3_stmt *stmt;
  gboolean usable;
  gint64 seq, device_id;
  CentralJson json;
  int rc;

  if (obj == NULL ||
      !central_get_string (req, obj, NULL, "token", TRUE, 200, &token) ||
      !central_get_string (req, obj, NULL, "name", FALSE, 200, &name) ||
      !central_get_string (req, obj, NULL, "public_key", TRUE, 200, &public_key) ||
      !central_get_string (req, obj, NULL, "hardware_brand", FALSE, 200, &hardware_brand) ||
      !central_get_string (req, obj, NULL, "hardware_model", FALSE, 200, &hardware_model) ||
      !central_get_string (req, obj, NULL, "software_brand", FALSE, 200, &software_brand) ||
      !central_get_string (req, obj, NULL, "software_version", FALSE, 200, &software_version))
    return;
  if (!valid_public_key (public_key))
    {
      central_reply_validation (req, "public_key",
                                "must be a base64 Ed25519 public key (32 bytes)");
      return;
    }

  stmt = central_db_query (req->db, "SELECT used_at IS NULL, name FROM tokens WHERE token = ?1",
                           "t", token);
  if (stmt == NULL)
    {
      central_reply_db_error (req);
      return;
    }
  rc = central_db_step (req->db, stmt);
  usable = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0);
  if (rc == SQLITE_ROW)
    token_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      central_reply_db_error (req);
      return;
    }
  if (!usable)
    {
      central_reply_error (req, 400, "invalid_token",
                           "the token is unknown or has been used already");
      return;
    }

  api_token = central_random_token (32);
  seq = central_db_next_seq (req->db, 1);
  if (seq < 0 ||
      !central_db_exec (req->db,
                        "INSERT INTO devices (name, public_key, api_token, hardware_brand, "
                        "  hardware_model, software_brand, software_version, created_at, "
                        "  change_seq) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                        "tttt" "tttt" "i", name != NULL ? name : "", public_key, api_token,
                        hardware_brand, hardware_model, software_brand, software_version,
                        req->now, seq))
    {
      central_reply_db_error (req);
      return;
    }
  device_id = central_db_last_rowid (req->db);
  if (name == NULL)
    {
      name = default_name = token_name != NULL ? g_strdup (token_name)
                                               : g_strdup_printf ("Device %" G_GINT64_FORMAT,
                                                                  device_id);
      if (!central_db_exec (req->db, "UPDATE devices SET name = ?2 WHERE id = ?1", "it",
                            device_id, name))
        {
          central_reply_db_error (req);
          return;
        }
    }
  if (!central_db_exec (req->db, "UPDATE tokens SET used_at = ?2, device_id = ?3 WHERE token = ?1",
                        "tti", token, req->now, device_id))
    {
      central_reply_db_error (req);
      return;
    }

  central_json_init (&json);
  write_device (&json, device_id, name, api_token);
  central_reply_json (req, 200, &json);
}

void
central_device_info (CentralRequest *req)
{
  g_autofree char *name = NULL;
  CentralJson json;

  if (central_db_get_text (req->db, &name, "SELECT name FROM devices WHERE id = ?1", "i",
                           req->device_id) != 1)
    {
      central_reply_db_error (req);
      return;
    }
  central_json_init (&json);
  write_device (&json, req->device_id, name, NULL);
  central_reply_json (req, 200, &json);
}

static void
write_key (CentralJson  *json,
           sqlite3_stmt *stmt)
{
  central_json_begin_object (json);
  central_json_member_column (json, "device_id", stmt, 0);
  central_json_member_column (json, "public_key", stmt, 1);
  central_json_member_column (json, "revoked_at", stmt, 2);
  central_json_end_object (json);
}

void
central_keys_list (CentralRequest *req)
{
  sqlite3_stmt *stmt;
  gint64 after, limit;

  if (!central_page_params (req, &after, &limit))
    return;
  /* One organizer per server: every device's key. */
  stmt = central_db_query (req->db,
                           "SELECT id, public_key, revoked_at, change_seq FROM devices "
                           "WHERE change_seq > ?1 ORDER BY change_seq LIMIT ?2",
                           "ii", after, limit + 1);
  if (stmt == NULL)
    {
      central_reply_db_error (req);
      return;
    }
  central_reply_page (req, stmt, after, limit, 3, write_key);
}
