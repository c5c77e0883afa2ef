/* bo-registration.c — onboarding a counter with the central platform
 *
 * The token is one-time: a lost answer to POST /device/initialize cannot be fetched again,
 * so nothing is written before the server has answered, and the answer is stored in one
 * transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sync/bo-registration.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/utsname.h>

#include "domain/bo-device.h"
#include "domain/bo-outbox.h"
#include "domain/bo-time.h"
#include "sync/bo-http-client.h"
#include "sync/bo-sync-private.h"

gboolean
bo_registration_parse_handshake (const char  *json,
                                 char       **out_url,
                                 char       **out_token,
                                 GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  const char *what = _("the handshake");
  const char *url = NULL, *token = NULL;
  JsonObject *object;
  JsonNode *root;
  gint64 version = 0;

  g_return_val_if_fail (json != NULL, FALSE);

  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                   _("The handshake is not valid JSON: %s"), local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                   _("The handshake is not a JSON object"));
      return FALSE;
    }
  object = json_node_get_object (root);
  if (!bo_json_get_int (object, "handshake_version", 1, G_MAXINT32, &version, what, error) ||
      !bo_json_get_string (object, "url", &url, what, error) ||
      !bo_json_get_string (object, "token", &token, what, error))
    return FALSE;
  if (version != 1)
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                   _("Handshake version %lld is not supported by this version of the box "
                     "office (version 1 is)"),
                   (long long) version);
      return FALSE;
    }
  if (*token == '\0')
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                   _("The handshake has an empty token"));
      return FALSE;
    }
  if (out_url != NULL)
    *out_url = g_strdup (url);
  if (out_token != NULL)
    *out_token = g_strdup (token);
  return TRUE;
}

gboolean
bo_registration_check_url (const char  *url,
                           GError     **error)
{
  g_autoptr (BoHttpClient) client = NULL;

  g_return_val_if_fail (url != NULL, FALSE);

  client = bo_http_client_new (url, error);
  return client != NULL;
}

gboolean
bo_registration_get (BoStore   *store,
                     guint32   *out_device_id,
                     char     **out_base_url,
                     char     **out_api_token,
                     GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 device_id;
  int rc;

  g_return_val_if_fail (BO_IS_STORE (store), FALSE);

  stmt = bo_store_prepare (store,
                           "SELECT server_device_id, base_url, api_token FROM device WHERE id = 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      bo_store_set_error (store, error, "device");
      sqlite3_reset (stmt);
      return FALSE;
    }
  device_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  if (device_id <= 0 || sqlite3_column_type (stmt, 1) == SQLITE_NULL ||
      sqlite3_column_type (stmt, 2) == SQLITE_NULL)
    {
      sqlite3_reset (stmt);
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_NOT_REGISTERED,
                   _("This counter is not registered with a central platform yet; register it "
                     "with the token from the platform’s onboarding screen"));
      return FALSE;
    }
  if (out_device_id != NULL)
    *out_device_id = (guint32) device_id;
  if (out_base_url != NULL)
    *out_base_url = bo_store_column_dup_text (stmt, 1);
  if (out_api_token != NULL)
    *out_api_token = bo_store_column_dup_text (stmt, 2);
  sqlite3_reset (stmt);
  return TRUE;
}

static JsonNode *
initialize_body (BoDevice   *device,
                 const char *token,
                 const char *name)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *public_key = g_base64_encode (bo_device_get_public_key (device), 32);
  struct utsname uts;
  gboolean have_uts = uname (&uts) == 0;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "token");
  json_builder_add_string_value (b, token);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "public_key");
  json_builder_add_string_value (b, public_key);
  json_builder_set_member_name (b, "hardware_brand");
  json_builder_add_string_value (b, have_uts ? uts.sysname : "unknown");
  json_builder_set_member_name (b, "hardware_model");
  json_builder_add_string_value (b, have_uts ? uts.machine : "unknown");
  json_builder_set_member_name (b, "software_brand");
  json_builder_add_string_value (b, "Bilten Box Office");
  json_builder_set_member_name (b, "software_version");
  json_builder_add_string_value (b, PACKAGE_VERSION);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* Forgets what belonged to the previous registration: cursors (another server's, or another
 * device's view), the revoked mark, the last results, and allocations granted to the old
 * device id (the server lets them expire). */
static gboolean
reset_sync_state (BoStore *store,
                  GError **error)
{
  g_autofree char *now = bo_time_now_iso ();
  sqlite3_stmt *stmt;

  stmt = bo_store_prepare (store, "DELETE FROM meta WHERE key GLOB 'sync.*' AND key NOT IN "
                                  "('sync.allocation_target', 'sync.retry_base_ms', "
                                  "'sync.retry_budget_ms', 'sync.page_limit', "
                                  "'sync.stall_seconds')",
                           error);
  if (stmt == NULL || !bo_store_step_done (store, stmt, error))
    return FALSE;
  stmt = bo_store_prepare (store,
                           "UPDATE allocations SET released_at = ?1 WHERE released_at IS NULL",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  return bo_store_step_done (store, stmt, error);
}

/* Tickets sold before registration are signed as device 0 and orders of the demo catalogue name
 * events the platform does not have: the server would refuse them all, and parking them would
 * only hide sales. A counter is registered with a database that holds neither. */
static gboolean
check_no_local_sales (BoStore *store,
                      GError **error)
{
  g_autofree char *demo = bo_store_get_meta (store, "demo");
  sqlite3_stmt *stmt;
  gint64 local = 0;

  stmt = bo_store_prepare (store,
                           "SELECT count(*) FROM outbox WHERE kind IN ('order', 'refund', 'checkin')",
                           error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    local = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (local > 0 || g_strcmp0 (demo, "1") == 0)
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_LOCAL_DATA,
                   _("This database holds the demo catalogue or sales made before registration, "
                     "which the central platform cannot accept. Register the counter with a new "
                     "database; this one stays as it is."));
      return FALSE;
    }
  return TRUE;
}

gboolean
bo_registration_register (BoStore       *store,
                          const char    *url,
                          const char    *token,
                          const char    *name,
                          gboolean       force,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr (BoDevice) device = NULL;
  g_autoptr (BoHttpClient) http = NULL;
  g_autoptr (BoHttpResponse) response = NULL;
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *body_text = NULL;
  g_autofree char *default_name = NULL;
  g_autofree char *key = NULL;
  const char *what = _("the registration answer");
  const char *api_token = NULL, *server_name = NULL;
  const char *organizer_name = NULL, *venue_name = NULL, *venue_tz = NULL;
  JsonObject *root, *organizer = NULL, *venue = NULL;
  JsonNode *node;
  gint64 device_id = 0;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BO_IS_STORE (store), FALSE);
  g_return_val_if_fail (url != NULL && token != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  http = bo_http_client_new (url, error);
  if (http == NULL)
    return FALSE;

  device = bo_device_load (store, error);
  if (device == NULL)
    return FALSE;
  if (!force && bo_registration_get (store, NULL, NULL, NULL, NULL))
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_ALREADY_REGISTERED,
                   _("This counter is already registered as device %u (“%s”); registering it "
                     "again gives it a new identity on the platform, so it must be asked for "
                     "explicitly (--force)"),
                   bo_device_get_id (device),
                   bo_device_get_name (device) != NULL ? bo_device_get_name (device) : "");
      return FALSE;
    }

  if (bo_device_get_id (device) == 0 && !check_no_local_sales (store, error))
    return FALSE;

  if (name == NULL || *name == '\0')
    {
      default_name = g_strdup (bo_device_get_name (device));
      if (default_name == NULL)
        default_name = g_strdup_printf (_("Box office %s"), g_get_host_name ());
      name = default_name;
    }

  body = initialize_body (device, token, name);
  body_text = bo_json_to_string (body);
  /* Every POST carries a key; this request creates the device, and the one-time token
   * already makes it happen once. */
  key = g_uuid_string_random ();
  response = bo_http_client_request (http, "POST", "/device/initialize", body_text,
                                     strlen (body_text), key, cancellable, error);
  if (response == NULL || !bo_http_response_check (response, error))
    return FALSE;
  if (response->body == NULL || !JSON_NODE_HOLDS_OBJECT (response->body))
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                   _("The server’s answer to the registration is not a JSON object"));
      return FALSE;
    }
  root = json_node_get_object (response->body);
  if (!bo_json_get_int (root, "device_id", 1, G_MAXUINT32, &device_id, what, error) ||
      !bo_json_get_string (root, "api_token", &api_token, what, error) ||
      !bo_json_get_opt_string (root, "name", &server_name, what, error))
    return FALSE;
  if (*api_token == '\0')
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                   _("The server sent an empty API token"));
      return FALSE;
    }
  node = json_object_get_member (root, "organizer");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    organizer = json_node_get_object (node);
  node = json_object_get_member (root, "venue");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    venue = json_node_get_object (node);
  if ((organizer != NULL &&
       !bo_json_get_opt_string (organizer, "name", &organizer_name, what, error)) ||
      (venue != NULL &&
       (!bo_json_get_opt_string (venue, "name", &venue_name, what, error) ||
        !bo_json_get_opt_string (venue, "timezone", &venue_tz, what, error))))
    return FALSE;

  if (!bo_store_begin (store, error))
    return FALSE;
  if (!bo_device_set_registration (device, store, (guint32) device_id,
                                   server_name != NULL ? server_name : name, error))
    goto fail;
  stmt = bo_store_prepare (store,
                           "UPDATE device SET base_url = ?1, api_token = ?2, organizer_name = ?3,"
                           " venue_name = ?4, venue_timezone = ?5 WHERE id = 1",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, bo_http_client_get_base_url (http), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, api_token, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, organizer_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, venue_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, venue_tz, -1, SQLITE_TRANSIENT);
  if (!bo_store_step_done (store, stmt, error) ||
      !reset_sync_state (store, error) ||
      !bo_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  bo_store_rollback (store);
  return FALSE;
}
