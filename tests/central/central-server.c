/* central-server.c — HTTP side of the reference server: routing, authentication,
 * idempotency, fault injection
 *
 * Every request runs to completion on the main loop thread (SoupServer's), inside one SQLite
 * transaction for POSTs: the effect, the stored Idempotency-Key answer and the change
 * counter commit together or not at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "central-private.h"

#include <sodium.h>
#include <string.h>

#include "domain/bo-base32.h"
#include "domain/bo-time.h"

typedef enum {
  ROUTE_AUTH    = 1 << 0, /* needs Authorization: Device <token> */
  ROUTE_NO_AUTH = 0,
} RouteFlags;

typedef struct {
  const char     *method;
  const char     *pattern; /* '*' matches one path segment */
  CentralHandler  handler;
  RouteFlags      flags;
} Route;

static const Route api_routes[] = {
  { "POST", "/device/initialize", central_device_initialize, ROUTE_NO_AUTH },
  { "GET", "/device/info", central_device_info, ROUTE_AUTH },
  { "GET", "/keys", central_keys_list, ROUTE_AUTH },
  { "GET", "/events", central_events_list, ROUTE_AUTH },
  { "GET", "/events/*/ticket-types", central_ticket_types_list, ROUTE_AUTH },
  { "GET", "/events/*/tickets", central_tickets_list, ROUTE_AUTH },
  { "POST", "/events/*/allocations", central_allocations_create, ROUTE_AUTH },
  { "GET", "/allocations", central_allocations_list, ROUTE_AUTH },
  { "POST", "/allocations/*/release", central_allocations_release, ROUTE_AUTH },
  { "POST", "/orders", central_orders_create, ROUTE_AUTH },
  { "POST", "/orders/*/refunds", central_refunds_create, ROUTE_AUTH },
  { "POST", "/checkins", central_checkins_create, ROUTE_AUTH },
  { "POST", "/closings", central_closings_create, ROUTE_AUTH },
};

static const Route admin_routes[] = {
  { "POST", "/tokens", central_admin_tokens, ROUTE_NO_AUTH },
  { "POST", "/faults", central_admin_faults, ROUTE_NO_AUTH },
  { "POST", "/devices/*/revoke", central_admin_revoke, ROUTE_NO_AUTH },
  { "POST", "/online-sale", central_admin_online_sale, ROUTE_NO_AUTH },
  { "POST", "/tickets/*/cancel", central_admin_cancel_ticket, ROUTE_NO_AUTH },
  { "POST", "/checkins", central_admin_checkin, ROUTE_NO_AUTH },
  { "PATCH", "/ticket-types/*", central_admin_patch_type, ROUTE_NO_AUTH },
  { "PATCH", "/events/*", central_admin_patch_event, ROUTE_NO_AUTH },
  { "GET", "/stats", central_admin_stats, ROUTE_NO_AUTH },
  { "GET", "/orders", central_admin_orders, ROUTE_NO_AUTH },
};

typedef enum {
  FAULT_NONE = 0,
  FAULT_500 = CENTRAL_FAULT_500,
  FAULT_429 = CENTRAL_FAULT_429,
  FAULT_DELAY = CENTRAL_FAULT_DELAY,
  FAULT_DROP = CENTRAL_FAULT_DROP,
} Fault;

/* ---- requests ---- */

static void
request_clear (CentralRequest *req)
{
  g_clear_pointer (&req->body, json_node_unref);
  g_clear_pointer (&req->request_hash, g_free);
  g_clear_pointer (&req->now, g_free);
  g_clear_pointer (&req->response, g_free);
}

static gint64
parse_id (const char *segment)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (segment, 10, 1, G_MAXUINT32, &value, NULL))
    return -1;
  return (gint64) value;
}

/* Matches @path against the patterns of @routes. Returns the route for @method, or NULL with
 * @out_path_known telling whether another method would have matched (405 vs 404). */
static const Route *
find_route (const Route    *routes,
            gsize           n_routes,
            CentralRequest *req,
            gchar        ***out_segments,
            gboolean       *out_path_known)
{
  g_auto (GStrv) segments = g_strsplit (req->path, "/", -1);
  guint n_segments = g_strv_length (segments);

  *out_path_known = FALSE;
  for (gsize r = 0; r < n_routes; r++)
    {
      g_auto (GStrv) pattern = g_strsplit (routes[r].pattern, "/", -1);
      const char *params[CENTRAL_MAX_PARAMS] = { NULL };
      guint n_params = 0;
      gboolean match = g_strv_length (pattern) == n_segments;

      for (guint i = 0; match && i < n_segments; i++)
        {
          if (g_str_equal (pattern[i], "*"))
            {
              match = segments[i][0] != '\0' && n_params < CENTRAL_MAX_PARAMS;
              if (match)
                params[n_params++] = segments[i];
            }
          else
            match = g_str_equal (pattern[i], segments[i]);
        }
      if (!match)
        continue;
      *out_path_known = TRUE;
      if (!g_str_equal (routes[r].method, req->method))
        continue;
      for (guint i = 0; i < n_params; i++)
        {
          req->params[i] = params[i];
          req->ids[i] = parse_id (params[i]);
        }
      *out_segments = g_steal_pointer (&segments);
      return &routes[r];
    }
  return NULL;
}

/* Canonical form of a JSON value (object members sorted by name), so that the same body
 * sent again with other white space or member order counts as the same request. */
static void
canonical_json (GString  *out,
                JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *obj = json_node_get_object (node);
        g_autoptr (GList) names = g_list_sort (json_object_get_members (obj),
                                               (GCompareFunc) strcmp);

        g_string_append_c (out, '{');
        for (GList *l = names; l != NULL; l = l->next)
          {
            if (l != names)
              g_string_append_c (out, ',');
            central_json_append_quoted (out, l->data);
            g_string_append_c (out, ':');
            canonical_json (out, json_object_get_member (obj, l->data));
          }
        g_string_append_c (out, '}');
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            canonical_json (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          {
            char buffer[G_ASCII_DTOSTR_BUF_SIZE];

            g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer,
                                                  json_node_get_double (node)));
          }
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        default:
          central_json_append_quoted (out, json_node_get_string (node));
          break;
        }
      break;
    }
}

static char *
request_hash (const char *method,
              const char *path,
              JsonNode   *body)
{
  g_autoptr (GString) text = g_string_new (method);

  g_string_append_c (text, ' ');
  g_string_append (text, path);
  g_string_append_c (text, '\n');
  if (body != NULL)
    canonical_json (text, body);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, text->len);
}

static gboolean
parse_body (CentralRequest    *req,
            SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr (GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (len > CENTRAL_BODY_LIMIT)
    {
      central_reply_error (req, 413, "payload_too_large", "the body is larger than %d bytes",
                           CENTRAL_BODY_LIMIT);
      return FALSE;
    }
  if (len == 0)
    return TRUE;
  if (!g_utf8_validate_len (data, len, NULL) ||
      !json_parser_load_from_data (parser, data, (gssize) len, &error))
    {
      central_reply_error (req, 400, "invalid_json", "the body is not valid JSON: %s",
                           error != NULL ? error->message : "not UTF-8");
      return FALSE;
    }
  req->body = json_node_ref (json_parser_get_root (parser));
  return TRUE;
}

static gboolean
authenticate (CentralRequest    *req,
              SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  sqlite3_stmt *stmt;
  gboolean revoked;
  int rc;

  if (authorization == NULL || !g_str_has_prefix (authorization, "Device ") ||
      authorization[strlen ("Device ")] == '\0')
    {
      central_reply_error (req, 401, "unauthorized",
                           "Authorization: Device <api_token> is required");
      return FALSE;
    }
  stmt = central_db_query (req->db, "SELECT id, revoked_at IS NOT NULL FROM devices "
                                    "WHERE api_token = ?1",
                           "t", authorization + strlen ("Device "));
  if (stmt == NULL)
    return central_reply_db_error (req);
  rc = central_db_step (req->db, stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return central_reply_db_error (req);
      central_reply_error (req, 401, "unauthorized", "unknown API token");
      return FALSE;
    }
  req->device_id = sqlite3_column_int64 (stmt, 0);
  revoked = sqlite3_column_int (stmt, 1);
  sqlite3_reset (stmt);
  if (revoked)
    {
      central_reply_error (req, 401, "device_revoked", "this device has been revoked");
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_success (guint status)
{
  return status >= 200 && status < 300;
}

/* POST with Idempotency-Key: the stored answer for a key seen before, else the handler and
 * the key committed with its effect. Failed requests (4xx) change nothing and store nothing,
 * so a corrected retry under the same key is judged afresh. */
static void
run_idempotent (CentralRequest    *req,
                SoupServerMessage *msg,
                const Route       *route)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *key = soup_message_headers_get_one (headers, "Idempotency-Key");
  sqlite3_stmt *stmt;
  int rc;

  if (key == NULL || *key == '\0' || strlen (key) > 200)
    {
      central_reply_error (req, 400, "missing_idempotency_key",
                           "every POST needs an Idempotency-Key header (at most 200 bytes)");
      return;
    }
  if (!parse_body (req, msg))
    return;
  req->request_hash = request_hash (req->method, req->path, req->body);

  if (!central_db_begin (req->db))
    {
      central_reply_db_error (req);
      return;
    }
  stmt = central_db_query (req->db, "SELECT request_hash, status, response FROM idempotency "
                                    "WHERE device_id = ?1 AND key = ?2",
                           "it", req->device_id, key);
  if (stmt == NULL)
    goto db_failed;
  rc = central_db_step (req->db, stmt);
  if (rc == SQLITE_ROW)
    {
      if (g_str_equal ((const char *) sqlite3_column_text (stmt, 0), req->request_hash))
        {
          g_free (req->response);
          req->status = sqlite3_column_int (stmt, 1);
          req->response = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          req->response_len = strlen (req->response);
          req->server->idempotent_replays++;
        }
      else
        central_reply_error (req, 422, "idempotency_mismatch",
                             "Idempotency-Key %s was used for a different request", key);
      sqlite3_reset (stmt);
      central_db_rollback (req->db);
      return;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto db_failed;

  route->handler (req);

  if (!is_success (req->status))
    {
      central_db_rollback (req->db);
      return;
    }
  if (!central_db_exec (req->db,
                        "INSERT INTO idempotency (device_id, key, request_hash, status, response, "
                        "  created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        "itti" "tt", req->device_id, key, req->request_hash,
                        (gint64) req->status, req->response, req->now) ||
      !central_db_commit (req->db))
    goto db_failed;
  return;

db_failed:
  central_reply_db_error (req);
  central_db_rollback (req->db);
}

/* ---- faults ---- */

static Fault
pick_fault (CentralServer *self,
            const char    *path)
{
  Fault candidates[4];
  guint n = 0;

  if (self->fault_rate <= 0 || self->fault_modes == 0)
    return FAULT_NONE;
  if (self->fault_prefix != NULL && !g_str_has_prefix (path, self->fault_prefix))
    return FAULT_NONE;
  if (g_rand_double (self->fault_rand) >= self->fault_rate)
    return FAULT_NONE;
  for (guint bit = 0; bit < 4; bit++)
    if (self->fault_modes & (1u << bit))
      candidates[n++] = (Fault) (1u << bit);
  self->faults_injected++;
  return candidates[g_rand_int_range (self->fault_rand, 0, (gint32) n)];
}

static gboolean
on_delay_elapsed_cb (gpointer user_data)
{
  SoupServerMessage *msg = user_data;

  soup_server_message_unpause (msg);
  return G_SOURCE_REMOVE;
}

/* The lost-response case: the effect is committed, then the connection goes away before a
 * single byte of the answer. */
static void
drop_connection (SoupServerMessage *msg)
{
  g_autoptr (GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static void
send_reply (CentralRequest    *req,
            SoupServerMessage *msg,
            Fault              fault,
            int                delay_ms)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (fault == FAULT_DROP)
    {
      drop_connection (msg);
      return;
    }

  /* libsoup has no phrase for these two. */
  soup_server_message_set_status (msg, req->status,
                                  req->status == 422 ? "Unprocessable Entity"
                                  : req->status == 429 ? "Too Many Requests" : NULL);
  if (req->retry_after > 0)
    {
      g_autofree char *seconds = g_strdup_printf ("%d", req->retry_after);

      soup_message_headers_replace (headers, "Retry-After", seconds);
    }
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  if (req->response != NULL)
    {
      gsize len = req->response_len;

      soup_server_message_set_response (msg, "application/json",
                                        SOUP_MEMORY_TAKE, g_steal_pointer (&req->response), len);
    }

  if (fault == FAULT_DELAY && delay_ms > 0)
    {
      soup_server_message_pause (msg);
      g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) delay_ms, on_delay_elapsed_cb,
                          g_object_ref (msg), g_object_unref);
    }
}

/* ---- handlers ---- */

static void
request_init (CentralRequest    *req,
              CentralServer     *self,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query)
{
  memset (req, 0, sizeof *req);
  req->server = self;
  req->db = self->db;
  req->method = soup_server_message_get_method (msg);
  req->path = *path != '\0' ? path : "/";
  req->query = query;
  req->now = bo_time_now_iso ();
  for (guint i = 0; i < CENTRAL_MAX_PARAMS; i++)
    req->ids[i] = -1;
}

static void
reply_no_route (CentralRequest *req,
                gboolean        path_known)
{
  if (path_known)
    central_reply_error (req, 405, "method_not_allowed", "%s is not allowed on %s",
                         req->method, req->path);
  else
    central_reply_error (req, 404, "not_found", "no such resource: %s", req->path);
}

static void
on_api_request_cb (SoupServer        *soup,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  CentralServer *self = user_data;
  CentralRequest req;
  g_auto (GStrv) segments = NULL;
  const Route *route;
  gboolean path_known;
  Fault fault;

  self->requests++;
  request_init (&req, self, msg, path + strlen (CENTRAL_API_PREFIX), query);
  fault = pick_fault (self, path);

  if (fault == FAULT_500)
    central_reply_error (&req, 500, "server_error", "injected fault");
  else if (fault == FAULT_429)
    {
      central_reply_error (&req, 429, "rate_limited", "too many requests (injected fault)");
      req.retry_after = MAX (self->fault_retry_after, 1);
    }
  else if ((route = find_route (api_routes, G_N_ELEMENTS (api_routes), &req, &segments,
                                &path_known)) == NULL)
    reply_no_route (&req, path_known);
  else if ((route->flags & ROUTE_AUTH) && !authenticate (&req, msg))
    ;
  else if (g_str_equal (req.method, "POST"))
    run_idempotent (&req, msg, route);
  else
    route->handler (&req);

  if (req.status == 0)
    central_reply_error (&req, 500, "server_error", "no answer");
  send_reply (&req, msg, fault, self->fault_delay_ms);
  request_clear (&req);
}

static gboolean
is_loopback (SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  return G_IS_INET_SOCKET_ADDRESS (remote) &&
         g_inet_address_get_is_loopback (
           g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
}

/* Admin requests are for tests: no auth, no idempotency, never faulted, each its own
 * transaction. */
static void
on_admin_request_cb (SoupServer        *soup,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  CentralServer *self = user_data;
  CentralRequest req;
  g_auto (GStrv) segments = NULL;
  const Route *route;
  gboolean path_known;

  request_init (&req, self, msg, path + strlen (CENTRAL_ADMIN_PREFIX), query);
  if (!is_loopback (msg))
    central_reply_error (&req, 403, "forbidden", "the admin API answers loopback clients only");
  else if ((route = find_route (admin_routes, G_N_ELEMENTS (admin_routes), &req, &segments,
                                &path_known)) == NULL)
    reply_no_route (&req, path_known);
  else if (parse_body (&req, msg))
    {
      if (!central_db_begin (self->db))
        central_reply_db_error (&req);
      else
        {
          route->handler (&req);
          if (!is_success (req.status))
            central_db_rollback (self->db);
          else if (!central_db_commit (self->db))
            {
              central_reply_db_error (&req);
              central_db_rollback (self->db);
            }
        }
    }

  if (req.status == 0)
    central_reply_error (&req, 500, "server_error", "no answer");
  send_reply (&req, msg, FAULT_NONE, 0);
  request_clear (&req);
}

static void
on_other_request_cb (SoupServer        *soup,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  CentralRequest req;

  request_init (&req, user_data, msg, path, query);
  central_reply_error (&req, 404, "not_found", "no such resource: %s", path);
  send_reply (&req, msg, FAULT_NONE, 0);
  request_clear (&req);
}

/* Refuses a too large body from its Content-Length, before reading it. */
static void
on_early_request_cb (SoupServer        *soup,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  goffset length = soup_message_headers_get_content_length (headers);
  CentralRequest req;

  if (length <= CENTRAL_BODY_LIMIT)
    return;
  request_init (&req, user_data, msg, path, query);
  central_reply_error (&req, 413, "payload_too_large", "the body is larger than %d bytes",
                       CENTRAL_BODY_LIMIT);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");
  send_reply (&req, msg, FAULT_NONE, 0);
  request_clear (&req);
}

/* ---- public ---- */

CentralServer *
central_server_new (const char *db_path,
                    GError    **error)
{
  CentralServer *self;
  CentralDb *db;

  g_return_val_if_fail (db_path != NULL, NULL);

  if (sodium_init () < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "libsodium cannot start");
      return NULL;
    }
  db = central_db_open (db_path, error);
  if (db == NULL)
    return NULL;

  self = g_new0 (CentralServer, 1);
  self->db = db;
  self->fault_rand = g_rand_new_with_seed (42);
  self->fault_retry_after = 1;
  self->fault_delay_ms = 3000;
  return self;
}

void
central_server_free (CentralServer *self)
{
  if (self == NULL)
    return;
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  central_db_free (self->db);
  g_rand_free (self->fault_rand);
  g_free (self->fault_prefix);
  g_free (self->base_url);
  g_free (self);
}

gboolean
central_server_populate_demo (CentralServer *self,
                              gboolean       catalogue,
                              guint          demo_tickets,
                              GError       **error)
{
  return central_demo_populate (self->db, catalogue, demo_tickets, error);
}

gboolean
central_server_listen (CentralServer *self,
                       const char    *host,
                       guint          port,
                       GError       **error)
{
  g_autoptr (GInetAddress) address = g_inet_address_new_from_string (host);
  g_autoptr (GSocketAddress) socket_address = NULL;
  g_autoslist (GUri) uris = NULL;

  if (address == NULL || !g_inet_address_get_is_loopback (address))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "--host must be a loopback address (127.0.0.1 or ::1), not %s", host);
      return FALSE;
    }

  self->soup = soup_server_new ("server-header", "bilten-central-dev", NULL);
  soup_server_add_early_handler (self->soup, NULL, on_early_request_cb, self, NULL);
  soup_server_add_handler (self->soup, CENTRAL_API_PREFIX, on_api_request_cb, self, NULL);
  soup_server_add_handler (self->soup, CENTRAL_ADMIN_PREFIX, on_admin_request_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, on_other_request_cb, self, NULL);

  socket_address = g_inet_socket_address_new (address, (guint16) port);
  if (!soup_server_listen (self->soup, socket_address, 0, error))
    return FALSE;

  uris = soup_server_get_uris (self->soup);
  g_assert (uris != NULL);
  g_free (self->base_url);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    self->base_url = g_strdup_printf ("http://[%s]:%d" CENTRAL_API_PREFIX, host,
                                      g_uri_get_port (uris->data));
  else
    self->base_url = g_strdup_printf ("http://%s:%d" CENTRAL_API_PREFIX, host,
                                      g_uri_get_port (uris->data));
  /* --issue-token without --url hands out the address of the last server on this file. */
  if (!central_db_set_meta (self->db, "base_url", self->base_url))
    g_printerr ("bilten-central-dev: cannot store the base URL: %s\n",
                central_db_errmsg (self->db));
  return TRUE;
}

const char *
central_server_get_base_url (CentralServer *self)
{
  return self->base_url;
}

gboolean
central_fault_modes_parse (const char *text,
                           guint      *out_modes)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  guint modes = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);

      if (g_str_equal (part, "500"))
        modes |= CENTRAL_FAULT_500;
      else if (g_str_equal (part, "429"))
        modes |= CENTRAL_FAULT_429;
      else if (g_str_equal (part, "delay"))
        modes |= CENTRAL_FAULT_DELAY;
      else if (g_str_equal (part, "drop"))
        modes |= CENTRAL_FAULT_DROP;
      else if (*part != '\0')
        return FALSE;
    }
  *out_modes = modes;
  return TRUE;
}

void
central_server_set_faults (CentralServer *self,
                           double         rate,
                           guint          modes,
                           int            retry_after,
                           int            delay_ms,
                           gint64         seed,
                           const char    *path_prefix)
{
  self->fault_rate = CLAMP (rate, 0.0, 1.0);
  self->fault_modes = modes;
  self->fault_retry_after = retry_after;
  self->fault_delay_ms = delay_ms;
  if (seed >= 0)
    g_rand_set_seed (self->fault_rand, (guint32) seed);
  g_free (self->fault_prefix);
  self->fault_prefix = g_strdup (path_prefix);
}

char *
central_server_issue_token (CentralServer *self,
                            const char    *base_url,
                            const char    *name,
                            GError       **error)
{
  g_autofree char *token = NULL;
  g_autofree char *now = bo_time_now_iso ();
  g_autofree char *stored_url = NULL;
  guint8 raw[15];
  CentralJson json;

  /* Base32 upper case: a person may have to type it from the onboarding screen. */
  randombytes_buf (raw, sizeof raw);
  token = bo_base32_encode (raw, sizeof raw);
  if (base_url == NULL)
    base_url = stored_url = central_db_get_meta (self->db, "base_url");
  if (!central_db_exec (self->db, "INSERT INTO tokens (token, name, created_at) "
                                  "VALUES (?1, ?2, ?3)",
                        "ttt", token, name, now))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot store the token: %s",
                   central_db_errmsg (self->db));
      return NULL;
    }

  central_json_init (&json);
  central_json_begin_object (&json);
  central_json_member_string (&json, "token", token);
  central_json_key (&json, "handshake");
  central_json_begin_object (&json);
  central_json_member_int (&json, "handshake_version", 1);
  central_json_member_string (&json, "url", base_url);
  central_json_member_string (&json, "token", token);
  central_json_end_object (&json);
  central_json_end_object (&json);
  return central_json_steal (&json, NULL);
}
