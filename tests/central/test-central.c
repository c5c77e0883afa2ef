/* test-central.c — the reference central server over real HTTP
 *
 * Each test starts bilten-central-dev (BO_CENTRAL) with --demo on a fresh database in a
 * temporary directory, registers a counter with a key pair made here, and drives the
 * contract with libcurl, one fresh connection per request (so a dropped connection is seen
 * as such and not retried by connection reuse).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <curl/curl.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <sodium.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "domain/bo-ticket-secret.h"

typedef struct {
  gint64  id;
  char   *token;
  guint8  pk[crypto_sign_PUBLICKEYBYTES];
  guint8  sk[crypto_sign_SECRETKEYBYTES];
  guint32 serial;
} Device;

typedef struct {
  char        *dir;
  char        *db_path;
  GSubprocess *process;
  char        *base;  /* http://127.0.0.1:PORT/api/v1 */
  char        *admin; /* http://127.0.0.1:PORT/admin */
  Device       counter;
} Fixture;

typedef struct {
  CURLcode  rc;
  long      status;
  char     *body;
  JsonNode *json;
  char     *retry_after;
  double    seconds;
} Reply;

static void
reply_free (Reply *reply)
{
  g_free (reply->body);
  g_clear_pointer (&reply->json, json_node_unref);
  g_free (reply->retry_after);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

/* ---- HTTP ---- */

static size_t
on_body_cb (char  *data,
            size_t size,
            size_t count,
            void  *user_data)
{
  g_string_append_len (user_data, data, (gssize) (size * count));
  return size * count;
}

static size_t
on_header_cb (char  *data,
              size_t size,
              size_t count,
              void  *user_data)
{
  Reply *reply = user_data;
  size_t len = size * count;

  if (len > 12 && g_ascii_strncasecmp (data, "Retry-After:", 12) == 0)
    {
      g_free (reply->retry_after);
      reply->retry_after = g_strstrip (g_strndup (data + 12, len - 12));
    }
  return len;
}

static Reply *
http (const char *method,
      const char *url,
      const char *api_token,
      const char *idempotency_key,
      const char *body)
{
  CURL *curl = curl_easy_init ();
  struct curl_slist *headers = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  Reply *reply = g_new0 (Reply, 1);
  g_autofree char *auth = NULL;
  g_autofree char *key = NULL;

  headers = curl_slist_append (headers, "Content-Type: application/json");
  if (api_token != NULL)
    {
      auth = g_strdup_printf ("Authorization: Device %s", api_token);
      headers = curl_slist_append (headers, auth);
    }
  if (idempotency_key != NULL)
    {
      key = g_strdup_printf ("Idempotency-Key: %s", idempotency_key);
      headers = curl_slist_append (headers, key);
    }
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (curl, CURLOPT_FORBID_REUSE, 1L);
  curl_easy_setopt (curl, CURLOPT_FRESH_CONNECT, 1L);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, 20L);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, on_body_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, text);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, on_header_cb);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, reply);
  if (body != NULL)
    curl_easy_setopt (curl, CURLOPT_POSTFIELDS, body);

  reply->rc = curl_easy_perform (curl);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &reply->status);
  curl_easy_getinfo (curl, CURLINFO_TOTAL_TIME, &reply->seconds);
  curl_slist_free_all (headers);
  curl_easy_cleanup (curl);

  reply->body = g_strdup (text->str);
  if (text->len > 0)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, text->str, (gssize) text->len, NULL))
        reply->json = json_node_ref (json_parser_get_root (parser));
    }
  return reply;
}

static Reply *
api (Fixture    *fixture,
     const char *method,
     const char *path,
     const char *api_token,
     const char *key,
     const char *body)
{
  g_autofree char *url = g_strconcat (fixture->base, path, NULL);

  return http (method, url, api_token, key, body);
}

static Reply *
admin (Fixture    *fixture,
       const char *method,
       const char *path,
       const char *body)
{
  g_autofree char *url = g_strconcat (fixture->admin, path, NULL);

  return http (method, url, NULL, NULL, body);
}

static JsonObject *
obj (Reply *reply)
{
  g_assert_nonnull (reply->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->json));
  return json_node_get_object (reply->json);
}

static const char *
error_code (Reply *reply)
{
  return json_object_get_string_member (json_object_get_object_member (obj (reply), "error"),
                                        "code");
}

#define assert_status(reply, expected) \
  G_STMT_START { \
    if ((reply)->status != (expected)) \
      g_error ("expected HTTP %d, got %ld (curl %d): %s", (expected), (reply)->status, \
               (int) (reply)->rc, (reply)->body); \
  } G_STMT_END

#define assert_error(reply, expected_status, expected_code) \
  G_STMT_START { \
    assert_status ((reply), (expected_status)); \
    g_assert_cmpstr (error_code (reply), ==, (expected_code)); \
  } G_STMT_END

static JsonArray *
results (Reply *reply)
{
  return json_object_get_array_member (obj (reply), "results");
}

static gint64
server_stat (Fixture    *fixture,
      const char *name)
{
  g_autoptr (Reply) reply = admin (fixture, "GET", "/stats", NULL);

  assert_status (reply, 200);
  return json_object_get_int_member (obj (reply), name);
}

/* ---- server and devices ---- */

static char *
new_token (Fixture *fixture)
{
  g_autoptr (Reply) reply = admin (fixture, "POST", "/tokens", "{}");

  assert_status (reply, 201);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (obj (reply), "handshake"), "url"),
                   ==, fixture->base);
  return g_strdup (json_object_get_string_member (obj (reply), "token"));
}

static char *
initialize_body (const char   *token,
                 const guint8 *pk)
{
  g_autofree char *key = g_base64_encode (pk, crypto_sign_PUBLICKEYBYTES);

  return g_strdup_printf ("{\"token\": \"%s\", \"name\": \"Counter\", \"public_key\": \"%s\", "
                          "\"hardware_brand\": \"PC\", \"hardware_model\": \"x86\", "
                          "\"software_brand\": \"Bilten Box Office\", "
                          "\"software_version\": \"0.1.0\"}", token, key);
}

static void
register_device (Fixture *fixture,
                 Device  *device)
{
  g_autofree char *token = new_token (fixture);
  g_autofree char *body = NULL;
  g_autofree char *key = g_uuid_string_random ();
  g_autoptr (Reply) reply = NULL;

  g_assert_cmpint (crypto_sign_keypair (device->pk, device->sk), ==, 0);
  body = initialize_body (token, device->pk);
  reply = api (fixture, "POST", "/device/initialize", NULL, key, body);
  assert_status (reply, 200);
  device->id = json_object_get_int_member (obj (reply), "device_id");
  device->token = g_strdup (json_object_get_string_member (obj (reply), "api_token"));
  g_assert_cmpint (device->id, >, 0);
  g_assert_cmpuint (strlen (device->token), ==, 43);
  device->serial = 0;
}

static void
device_clear (Device *device)
{
  g_clear_pointer (&device->token, g_free);
}

/* A failed assertion aborts the test: the server must not outlive it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *server = g_getenv ("BO_CENTRAL");
  g_autoptr (GError) error = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autofree char *line = NULL;
  const char *prefix = "bilten-central-dev listening on ";

  g_assert_nonnull (server);
  fixture->dir = g_dir_make_tmp ("test-central-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, "central.db", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  fixture->process = g_subprocess_launcher_spawn (launcher, &error, server, "--db",
                                                  fixture->db_path, "--port", "0", "--demo", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fixture->process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, prefix));
  fixture->base = g_strdup (line + strlen (prefix));
  g_assert_true (g_str_has_prefix (fixture->base, "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (fixture->base, "/api/v1"));
  fixture->admin = g_strndup (fixture->base, strlen (fixture->base) - strlen ("/api/v1"));
  {
    char *tmp = fixture->admin;

    fixture->admin = g_strconcat (tmp, "/admin", NULL);
    g_free (tmp);
  }
  register_device (fixture, &fixture->counter);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_subprocess_send_signal (fixture->process, SIGTERM);
  g_subprocess_wait_check (fixture->process, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->process);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (fixture->db_path, suffixes[i], NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->base);
  g_free (fixture->admin);
  device_clear (&fixture->counter);
}

/* ---- order bodies ---- */

static char *
sign_secret (Device *device,
             gint64  event_id,
             gint64  type_id)
{
  BoTicketPayload payload = {
    .device_id = (guint32) device->id,
    .event_id = (guint32) event_id,
    .ticket_type_id = (guint32) type_id,
    .serial = ++device->serial,
  };

  randombytes_buf (payload.nonce, sizeof payload.nonce);
  return bo_ticket_secret_sign (&payload, device->sk);
}

typedef struct {
  gint64      type_id;
  gint64      quantity;
  gint64      unit_price;
  gint64      unit_fee;
  gint64      allocation_id; /* 0: none */
} TestLine;

/* An order of @lines with signed secrets; @total_delta and @payment_delta spoil the sums;
 * the ticket uuids are "<uuid>-t<n>". */
static char *
order_body (Device         *device,
            const char     *uuid,
            gint64          event_id,
            const TestLine *lines,
            guint           n_lines,
            gboolean        force,
            gint64          total_delta,
            gint64          payment_delta,
            GPtrArray      *out_secrets)
{
  g_autoptr (GString) body = g_string_new (NULL);
  gint64 total = 0;
  guint n = 0;

  g_string_append_printf (body, "{\"uuid\": \"%s\", \"event_id\": %" G_GINT64_FORMAT ", "
                          "\"created_at\": \"2026-03-01T19:30:00Z\", \"operator\": \"Ana\", "
                          "\"force\": %s, \"lines\": [",
                          uuid, event_id, force ? "true" : "false");
  for (guint i = 0; i < n_lines; i++)
    {
      g_autofree char *allocation = lines[i].allocation_id > 0
                                    ? g_strdup_printf ("%" G_GINT64_FORMAT, lines[i].allocation_id)
                                    : g_strdup ("null");

      g_string_append_printf (body, "%s{\"ticket_type_id\": %" G_GINT64_FORMAT
                              ", \"quantity\": %" G_GINT64_FORMAT
                              ", \"unit_price\": %" G_GINT64_FORMAT
                              ", \"unit_fee\": %" G_GINT64_FORMAT
                              ", \"tax_rate_bp\": 1700, \"allocation_id\": %s}",
                              i > 0 ? ", " : "", lines[i].type_id, lines[i].quantity,
                              lines[i].unit_price, lines[i].unit_fee, allocation);
      total += (lines[i].unit_price + lines[i].unit_fee) * lines[i].quantity;
    }
  g_string_append (body, "], \"tickets\": [");
  for (guint i = 0; i < n_lines; i++)
    for (gint64 q = 0; q < lines[i].quantity; q++)
      {
        g_autofree char *secret = sign_secret (device, event_id, lines[i].type_id);

        g_string_append_printf (body, "%s{\"uuid\": \"%s-t%u\", \"secret\": \"%s\", "
                                "\"ticket_type_id\": %" G_GINT64_FORMAT "}",
                                n > 0 ? ", " : "", uuid, n, secret, lines[i].type_id);
        if (out_secrets != NULL)
          g_ptr_array_add (out_secrets, g_strdup (secret));
        n++;
      }
  g_string_append_printf (body, "], \"payments\": [{\"method\": \"cash\", \"amount\": %"
                          G_GINT64_FORMAT ", \"reference\": null}], \"total\": %" G_GINT64_FORMAT
                          "}", total + payment_delta, total + total_delta);
  return g_string_free (g_steal_pointer (&body), FALSE);
}

static Reply *
post_order (Fixture        *fixture,
            Device         *device,
            const char     *uuid,
            gint64          event_id,
            const TestLine *lines,
            guint           n_lines,
            gboolean        force,
            GPtrArray      *out_secrets)
{
  g_autofree char *body = order_body (device, uuid, event_id, lines, n_lines, force, 0, 0,
                                      out_secrets);

  return api (fixture, "POST", "/orders", device->token, uuid, body);
}

/* The ticket type as the list shows it. */
static gint64
type_sold (Fixture *fixture,
           gint64   event_id,
           gint64   type_id)
{
  g_autofree char *path = g_strdup_printf ("/events/%" G_GINT64_FORMAT "/ticket-types?limit=1000",
                                           event_id);
  g_autoptr (Reply) reply = api (fixture, "GET", path, fixture->counter.token, NULL, NULL);
  JsonArray *list;

  assert_status (reply, 200);
  list = results (reply);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *type = json_array_get_object_element (list, i);

      if (json_object_get_int_member (type, "id") == type_id)
        return json_object_get_int_member (type, "sold");
    }
  g_assert_not_reached ();
}

/* ---- tests ---- */

static void
test_register (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *token = new_token (fixture);
  guint8 pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  g_autofree char *body = NULL;
  g_autoptr (Reply) first = NULL;
  g_autoptr (Reply) reuse = NULL;
  g_autoptr (Reply) no_key = NULL;
  g_autoptr (Reply) bad_key = NULL;
  g_autoptr (Reply) info = NULL;
  g_autoptr (Reply) unauth = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) issue = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *issued = NULL;
  g_autofree char *bad_body = NULL;
  JsonObject *handshake;

  crypto_sign_keypair (pk, sk);
  body = initialize_body (token, pk);
  first = api (fixture, "POST", "/device/initialize", NULL, "init-1", body);
  assert_status (first, 200);
  g_assert_cmpint (json_object_get_int_member (obj (first), "device_id"), ==,
                   fixture->counter.id + 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (obj (first), "venue"),
                                               "id"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (obj (first),
                                                                                 "organizer"),
                                                  "name"), ==, "Bilten Demo");

  /* The token works once. */
  reuse = api (fixture, "POST", "/device/initialize", NULL, "init-2", body);
  assert_error (reuse, 400, "invalid_token");
  no_key = api (fixture, "POST", "/device/initialize", NULL, NULL, body);
  assert_error (no_key, 400, "missing_idempotency_key");
  bad_body = g_strdup_printf ("{\"token\": \"%s\", \"name\": \"x\", \"public_key\": \"AAAA\"}",
                              token);
  bad_key = api (fixture, "POST", "/device/initialize", NULL, "init-3", bad_body);
  assert_error (bad_key, 400, "validation");
  g_assert_true (strstr (json_object_get_string_member (
                           json_object_get_object_member (obj (bad_key), "error"), "message"),
                         "public_key") != NULL);

  info = api (fixture, "GET", "/device/info",
              json_object_get_string_member (obj (first), "api_token"), NULL, NULL);
  assert_status (info, 200);
  g_assert_cmpstr (json_object_get_string_member (obj (info), "name"), ==, "Counter");
  g_assert_false (json_object_has_member (obj (info), "api_token"));
  unauth = api (fixture, "GET", "/device/info", "not-a-token", NULL, NULL);
  assert_error (unauth, 401, "unauthorized");

  /* --issue-token next to the running server, on the same database */
  issue = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("BO_CENTRAL"),
                            "--db", fixture->db_path, "--issue-token", "--name", "Door 2", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (issue, NULL, NULL, &issued, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (issue), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, issued, -1, NULL));
  handshake = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                             "handshake");
  g_assert_cmpint (json_object_get_int_member (handshake, "handshake_version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (handshake, "url"), ==, fixture->base);
  {
    g_autofree char *body2 = initialize_body (json_object_get_string_member (handshake, "token"),
                                              pk);
    g_autoptr (Reply) second = api (fixture, "POST", "/device/initialize", NULL, "init-4", body2);

    assert_status (second, 200);
  }
  g_assert_cmpint (server_stat (fixture, "devices"), ==, 3);
}

static void
test_catalogue (Fixture       *fixture,
                gconstpointer  data)
{
  const char *token = fixture->counter.token;
  g_autoptr (Reply) page1 = api (fixture, "GET", "/events?limit=2", token, NULL, NULL);
  g_autoptr (Reply) page2 = NULL;
  g_autoptr (Reply) again = NULL;
  g_autoptr (Reply) patched = NULL;
  g_autoptr (Reply) changes = NULL;
  g_autoptr (Reply) types = NULL;
  g_autoptr (Reply) bad = NULL;
  g_autofree char *path = NULL;
  JsonObject *event;

  assert_status (page1, 200);
  g_assert_cmpuint (json_array_get_length (results (page1)), ==, 2);
  g_assert_true (json_object_get_boolean_member (obj (page1), "has_more"));
  event = json_array_get_object_element (results (page1), 0);
  g_assert_cmpint (json_object_get_int_member (event, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (event, "timezone"), ==, "Europe/Sarajevo");
  g_assert_cmpstr (json_object_get_string_member (event, "currency"), ==, "EUR");
  g_assert_cmpstr (json_object_get_string_member (event, "status"), ==, "on_sale");

  path = g_strdup_printf ("/events?limit=2&cursor=%s",
                          json_object_get_string_member (obj (page1), "next_cursor"));
  page2 = api (fixture, "GET", path, token, NULL, NULL);
  assert_status (page2, 200);
  g_assert_cmpuint (json_array_get_length (results (page2)), ==, 1);
  g_assert_false (json_object_get_boolean_member (obj (page2), "has_more"));
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (results (page2), 0),
                                               "id"), ==, 3);

  /* Nothing changed: nothing comes back, and the cursor stays. */
  g_free (path);
  path = g_strdup_printf ("/events?cursor=%s",
                          json_object_get_string_member (obj (page2), "next_cursor"));
  again = api (fixture, "GET", path, token, NULL, NULL);
  assert_status (again, 200);
  g_assert_cmpuint (json_array_get_length (results (again)), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (obj (again), "next_cursor"), ==,
                   json_object_get_string_member (obj (page2), "next_cursor"));

  /* One change: only it comes back, with its new status. */
  patched = admin (fixture, "PATCH", "/events/2", "{\"status\": \"cancelled\"}");
  assert_status (patched, 200);
  changes = api (fixture, "GET", path, token, NULL, NULL);
  assert_status (changes, 200);
  g_assert_cmpuint (json_array_get_length (results (changes)), ==, 1);
  event = json_array_get_object_element (results (changes), 0);
  g_assert_cmpint (json_object_get_int_member (event, "id"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (event, "status"), ==, "cancelled");

  types = api (fixture, "GET", "/events/1/ticket-types", token, NULL, NULL);
  assert_status (types, 200);
  g_assert_cmpuint (json_array_get_length (results (types)), ==, 3);
  {
    JsonObject *standing = json_array_get_object_element (results (types), 0);

    g_assert_cmpint (json_object_get_int_member (standing, "id"), ==, 11);
    g_assert_cmpint (json_object_get_int_member (standing, "price"), ==, 2500);
    g_assert_cmpint (json_object_get_int_member (standing, "fee"), ==, 150);
    g_assert_cmpint (json_object_get_int_member (standing, "capacity"), ==, 400);
    g_assert_cmpint (json_object_get_int_member (standing, "sold"), ==, 212);
    g_assert_true (json_object_get_boolean_member (standing, "active"));
  }
  g_assert_cmpint (type_sold (fixture, 3, 32), ==, 20);
  {
    g_autoptr (Reply) adult = api (fixture, "GET", "/events/3/ticket-types", token, NULL, NULL);

    g_assert_true (json_object_get_null_member (json_array_get_object_element (results (adult), 1),
                                                "capacity"));
  }

  bad = api (fixture, "GET", "/events?limit=0", token, NULL, NULL);
  assert_error (bad, 400, "validation");
  g_clear_pointer (&bad, reply_free);
  bad = api (fixture, "GET", "/events?limit=1001", token, NULL, NULL);
  assert_error (bad, 400, "validation");
  g_clear_pointer (&bad, reply_free);
  bad = api (fixture, "GET", "/events?cursor=garbage!", token, NULL, NULL);
  assert_error (bad, 400, "invalid_cursor");
  g_clear_pointer (&bad, reply_free);
  bad = api (fixture, "GET", "/events/99/tickets", token, NULL, NULL);
  assert_error (bad, 404, "not_found");
}

static void
test_order (Fixture       *fixture,
            gconstpointer  data)
{
  Device *counter = &fixture->counter;
  TestLine lines[] = { { 11, 2, 2500, 150, 0 }, { 13, 1, 1500, 100, 0 } };
  g_autoptr (GPtrArray) secrets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (Reply) created = post_order (fixture, counter, "order-1", 1, lines, 2, FALSE, secrets);
  g_autoptr (Reply) feed = NULL;
  g_autoptr (Reply) reply = NULL;
  g_autofree char *body = NULL;
  g_autofree char *taken = NULL;
  g_autofree char *other_secret = NULL;
  const char *code;
  Device stranger = { 0 };

  assert_status (created, 201);
  code = json_object_get_string_member (obj (created), "code");
  g_assert_cmpuint (strlen (code), ==, 5);
  for (const char *p = code; *p != '\0'; p++)
    g_assert_true (g_ascii_isupper (*p) || g_ascii_isdigit (*p));
  g_assert_cmpstr (json_object_get_string_member (obj (created), "uuid"), ==, "order-1");
  g_assert_cmpstr (json_object_get_string_member (obj (created), "status"), ==, "paid");
  g_assert_false (json_object_get_boolean_member (obj (created), "oversold"));
  g_assert_cmpint (type_sold (fixture, 1, 11), ==, 214);
  g_assert_cmpint (type_sold (fixture, 1, 13), ==, 19);

  feed = api (fixture, "GET", "/events/1/tickets", counter->token, NULL, NULL);
  assert_status (feed, 200);
  g_assert_cmpuint (json_array_get_length (results (feed)), ==, 3);
  {
    JsonObject *ticket = json_array_get_object_element (results (feed), 0);

    g_assert_cmpstr (json_object_get_string_member (ticket, "uuid"), ==, "order-1-t0");
    g_assert_cmpstr (json_object_get_string_member (ticket, "secret"), ==, secrets->pdata[0]);
    g_assert_cmpstr (json_object_get_string_member (ticket, "order_code"), ==, code);
    g_assert_cmpstr (json_object_get_string_member (ticket, "status"), ==, "valid");
    g_assert_cmpint (json_object_get_int_member (ticket, "ticket_type_id"), ==, 11);
  }

  /* The sums must add up. */
  body = order_body (counter, "order-2", 1, lines, 2, FALSE, 100, 100, NULL);
  reply = api (fixture, "POST", "/orders", counter->token, "order-2", body);
  assert_error (reply, 400, "total_mismatch");
  g_clear_pointer (&reply, reply_free);
  g_free (body);
  body = order_body (counter, "order-2", 1, lines, 2, FALSE, 0, -50, NULL);
  reply = api (fixture, "POST", "/orders", counter->token, "order-2", body);
  assert_error (reply, 400, "total_mismatch");
  g_clear_pointer (&reply, reply_free);

  /* A secret already sold */
  g_free (body);
  body = order_body (counter, "order-3", 1, lines, 1, FALSE, 0, 0, NULL);
  {
    g_autofree char *fresh = NULL;
    char *at;

    /* replace the first ticket's secret with one of order-1 */
    at = strstr (body, "\"secret\": \"") + strlen ("\"secret\": \"");
    fresh = g_strndup (at, BO_TICKET_SECRET_LEN);
    taken = g_strdup (body);
    memcpy (strstr (taken, fresh), secrets->pdata[0], BO_TICKET_SECRET_LEN);
  }
  reply = api (fixture, "POST", "/orders", counter->token, "order-3", taken);
  assert_error (reply, 409, "secret_taken");
  g_clear_pointer (&reply, reply_free);

  /* Secrets signed by another key, or for another type, do not verify. */
  g_assert_cmpint (crypto_sign_keypair (stranger.pk, stranger.sk), ==, 0);
  stranger.id = counter->id;
  g_free (body);
  body = order_body (&stranger, "order-4", 1, lines, 1, FALSE, 0, 0, NULL);
  reply = api (fixture, "POST", "/orders", counter->token, "order-4", body);
  assert_error (reply, 400, "invalid_secret");
  g_clear_pointer (&reply, reply_free);
  other_secret = sign_secret (counter, 1, 12);
  g_free (body);
  body = g_strdup_printf ("{\"uuid\": \"order-5\", \"event_id\": 1, \"created_at\": "
                          "\"2026-03-01T19:30:00Z\", \"operator\": 7, \"lines\": [{"
                          "\"ticket_type_id\": 11, \"quantity\": 1, \"unit_price\": 2500, "
                          "\"unit_fee\": 150, \"tax_rate_bp\": 1700}], \"tickets\": [{\"uuid\": "
                          "\"order-5-t0\", \"secret\": \"%s\", \"ticket_type_id\": 11}], "
                          "\"payments\": [{\"method\": \"card\", \"amount\": 2650}], "
                          "\"total\": 2650}", other_secret);
  reply = api (fixture, "POST", "/orders", counter->token, "order-5", body);
  assert_error (reply, 400, "invalid_secret");
  g_clear_pointer (&reply, reply_free);

  /* Tickets must match the lines. */
  g_free (body);
  body = g_strdup ("{\"uuid\": \"order-6\", \"event_id\": 1, \"created_at\": "
                   "\"2026-03-01T19:30:00Z\", \"operator\": \"Ana\", \"lines\": [{"
                   "\"ticket_type_id\": 11, \"quantity\": 2, \"unit_price\": 2500, "
                   "\"unit_fee\": 150, \"tax_rate_bp\": 1700}], \"tickets\": [{\"uuid\": "
                   "\"order-6-t0\", \"secret\": \"OPAQUE-1\", \"ticket_type_id\": 11}], "
                   "\"payments\": [{\"method\": \"cash\", \"amount\": 5300}], \"total\": 5300}");
  reply = api (fixture, "POST", "/orders", counter->token, "order-6", body);
  assert_error (reply, 400, "validation");
  g_assert_true (strstr (reply->body, "tickets") != NULL);
  g_clear_pointer (&reply, reply_free);

  /* A field-naming validation message */
  reply = api (fixture, "POST", "/orders", counter->token, "order-7",
               "{\"uuid\": \"order-7\", \"event_id\": 1, \"created_at\": \"yesterday\", "
               "\"total\": 0}");
  assert_error (reply, 400, "validation");
  g_assert_true (strstr (reply->body, "created_at") != NULL);
  g_clear_pointer (&reply, reply_free);

  g_assert_cmpint (server_stat (fixture, "orders"), ==, 1);
  g_assert_cmpint (server_stat (fixture, "tickets"), ==, 3);
}

static void
test_idempotency (Fixture       *fixture,
                  gconstpointer  data)
{
  Device *counter = &fixture->counter;
  TestLine line = { 31, 2, 800, 0, 0 };
  g_autofree char *body = order_body (counter, "order-i", 3, &line, 1, FALSE, 0, 0, NULL);
  g_autofree char *other = order_body (counter, "order-i", 3, &line, 1, FALSE, 0, 0, NULL);
  g_autoptr (Reply) first = api (fixture, "POST", "/orders", counter->token, "order-i", body);
  g_autoptr (Reply) second = api (fixture, "POST", "/orders", counter->token, "order-i", body);
  g_autoptr (Reply) mismatch = api (fixture, "POST", "/orders", counter->token, "order-i", other);
  g_autoptr (Reply) by_uuid = api (fixture, "POST", "/orders", counter->token, "another-key", body);
  g_autoptr (Reply) uuid_conflict = api (fixture, "POST", "/orders", counter->token, "key-3",
                                         other);

  assert_status (first, 201);
  assert_status (second, 201);
  g_assert_cmpstr (second->body, ==, first->body);
  assert_error (mismatch, 422, "idempotency_mismatch");
  /* The uuid is the order's identity, whatever the key. */
  assert_status (by_uuid, 201);
  g_assert_cmpstr (by_uuid->body, ==, first->body);
  assert_error (uuid_conflict, 409, "uuid_taken");

  g_assert_cmpint (server_stat (fixture, "orders"), ==, 1);
  g_assert_cmpint (server_stat (fixture, "tickets"), ==, 2);
  g_assert_cmpint (server_stat (fixture, "idempotent_replays"), ==, 2);
  g_assert_cmpint (type_sold (fixture, 3, 31), ==, 37);
}

/* A counter registered again keeps its key pair: what it sent before is still its own, and
 * tickets it signed under its former device id are accepted from the new one. */
static void
test_reregister (Fixture       *fixture,
                 gconstpointer  data)
{
  Device *counter = &fixture->counter;
  Device again = *counter;
  TestLine line = { 32, 1, 1200, 0, 0 };
  g_autofree char *sent = order_body (counter, "order-x", 3, &line, 1, FALSE, 0, 0, NULL);
  g_autofree char *unsent = order_body (counter, "order-y", 3, &line, 1, FALSE, 0, 0, NULL);
  g_autofree char *token = new_token (fixture);
  g_autofree char *body = initialize_body (token, counter->pk);
  g_autoptr (Reply) first = api (fixture, "POST", "/orders", counter->token, "order-x", sent);
  g_autoptr (Reply) init = api (fixture, "POST", "/device/initialize", NULL, "init-again", body);
  g_autoptr (Reply) resent = NULL;
  g_autoptr (Reply) late = NULL;

  assert_status (first, 201);
  assert_status (init, 200);
  again.id = json_object_get_int_member (obj (init), "device_id");
  again.token = (char *) json_object_get_string_member (obj (init), "api_token");
  g_assert_cmpint (again.id, !=, counter->id);

  resent = api (fixture, "POST", "/orders", again.token, "order-x", sent);
  assert_status (resent, 201);
  g_assert_cmpstr (resent->body, ==, first->body);
  late = api (fixture, "POST", "/orders", again.token, "order-y", unsent);
  assert_status (late, 201);
  g_assert_cmpint (server_stat (fixture, "orders"), ==, 2);
}

static void
test_allocations (Fixture       *fixture,
                  gconstpointer  data)
{
  Device *counter = &fixture->counter;
  Device other = { 0 };
  g_autoptr (Reply) too_many = NULL;
  g_autoptr (Reply) granted = NULL;
  g_autoptr (Reply) none_left = NULL;
  g_autoptr (Reply) block = NULL;
  g_autoptr (Reply) sale = NULL;
  g_autoptr (Reply) list = NULL;
  g_autoptr (Reply) release = NULL;
  g_autoptr (Reply) over_release = NULL;
  g_autoptr (Reply) exceeded = NULL;
  g_autoptr (Reply) forced = NULL;
  g_autoptr (Reply) orders = NULL;
  g_autofree char *path = NULL;
  gint64 allocation_id;

  register_device (fixture, &other);

  /* "Front row" (22): capacity 10, 9 sold. */
  too_many = api (fixture, "POST", "/events/2/allocations", counter->token, "a-1",
                  "{\"uuid\": \"a-1\", \"ticket_type_id\": 22, \"quantity\": 2}");
  assert_error (too_many, 409, "sold_out");
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (obj (too_many), "error"), "available"),
                   ==, 1);
  g_assert_cmpint (json_object_get_int_member (obj (too_many), "available"), ==, 1);
  granted = api (fixture, "POST", "/events/2/allocations", counter->token, "a-2",
                 "{\"uuid\": \"a-2\", \"ticket_type_id\": 22, \"quantity\": 1}");
  assert_status (granted, 201);
  g_assert_cmpint (json_object_get_int_member (obj (granted), "quantity"), ==, 1);
  g_assert_cmpint (type_sold (fixture, 2, 22), ==, 10);
  /* Granted seats count as sold for everyone else. */
  none_left = api (fixture, "POST", "/events/2/allocations", other.token, "a-3",
                   "{\"uuid\": \"a-3\", \"ticket_type_id\": 22, \"quantity\": 1}");
  assert_error (none_left, 409, "sold_out");
  g_assert_cmpint (json_object_get_int_member (obj (none_left), "available"), ==, 0);

  /* Without an allocation a line can exceed capacity only when forced. */
  {
    TestLine line = { 22, 1, 4500, 250, 0 };

    exceeded = post_order (fixture, &other, "o-exceeded", 2, &line, 1, FALSE, NULL);
    assert_error (exceeded, 409, "capacity_exceeded");
    g_assert_cmpint (json_object_get_int_member (obj (exceeded), "available"), ==, 0);
    forced = post_order (fixture, &other, "o-forced", 2, &line, 1, TRUE, NULL);
    assert_status (forced, 201);
    g_assert_true (json_object_get_boolean_member (obj (forced), "oversold"));
  }
  g_assert_cmpint (type_sold (fixture, 2, 22), ==, 11);

  /* "Regular" (21): capacity 120, 41 sold. A block of 5, a sale of 2 from it. */
  block = api (fixture, "POST", "/events/2/allocations", counter->token, "a-4",
               "{\"uuid\": \"a-4\", \"ticket_type_id\": 21, \"quantity\": 5}");
  assert_status (block, 201);
  allocation_id = json_object_get_int_member (obj (block), "id");
  g_assert_cmpint (type_sold (fixture, 2, 21), ==, 46);
  {
    TestLine line = { 21, 2, 1800, 100, allocation_id };

    sale = post_order (fixture, counter, "o-alloc", 2, &line, 1, FALSE, NULL);
    assert_status (sale, 201);
    g_assert_false (json_object_get_boolean_member (obj (sale), "oversold"));
  }
  g_assert_cmpint (type_sold (fixture, 2, 21), ==, 46);
  list = api (fixture, "GET", "/allocations", counter->token, NULL, NULL);
  assert_status (list, 200);
  g_assert_cmpuint (json_array_get_length (results (list)), ==, 2);
  {
    JsonObject *allocation = json_array_get_object_element (results (list), 1);

    g_assert_cmpint (json_object_get_int_member (allocation, "id"), ==, allocation_id);
    g_assert_cmpint (json_object_get_int_member (allocation, "quantity"), ==, 5);
    g_assert_cmpint (json_object_get_int_member (allocation, "used"), ==, 2);
  }
  {
    g_autoptr (Reply) theirs = api (fixture, "GET", "/allocations", other.token, NULL, NULL);

    g_assert_cmpuint (json_array_get_length (results (theirs)), ==, 0);
  }

  /* Another device cannot draw on this allocation. */
  {
    TestLine line = { 21, 1, 1800, 100, allocation_id };
    g_autoptr (Reply) foreign = post_order (fixture, &other, "o-foreign", 2, &line, 1, FALSE, NULL);

    assert_error (foreign, 400, "validation");
  }

  path = g_strdup_printf ("/allocations/%" G_GINT64_FORMAT "/release", allocation_id);
  over_release = api (fixture, "POST", path, counter->token, "rel-1",
                      "{\"uuid\": \"rel-1\", \"quantity\": 4}");
  assert_error (over_release, 409, "release_exceeds_unused");
  release = api (fixture, "POST", path, counter->token, "rel-2",
                 "{\"uuid\": \"rel-2\", \"quantity\": 3}");
  assert_status (release, 200);
  g_assert_cmpint (json_object_get_int_member (obj (release), "quantity"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (obj (release), "used"), ==, 2);
  g_assert_cmpint (type_sold (fixture, 2, 21), ==, 43);

  orders = admin (fixture, "GET", "/orders", NULL);
  assert_status (orders, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (orders), "orders")),
                    ==, 2);
  device_clear (&other);
}

static void
test_refund (Fixture       *fixture,
             gconstpointer  data)
{
  Device *counter = &fixture->counter;
  TestLine line = { 12, 2, 3900, 200, 0 };
  g_autoptr (Reply) order = post_order (fixture, counter, "order-r", 1, &line, 1, FALSE, NULL);
  g_autoptr (Reply) feed = NULL;
  g_autoptr (Reply) refund = NULL;
  g_autoptr (Reply) again = NULL;
  g_autoptr (Reply) changes = NULL;
  g_autoptr (Reply) unknown = NULL;
  g_autofree char *path = NULL;
  const char *refund_body = "{\"uuid\": \"refund-1\", \"ticket_uuids\": [\"order-r-t1\"], "
                            "\"amount\": 4100, \"method\": \"cash\", \"reason\": \"ill\", "
                            "\"created_at\": \"2026-03-01T19:40:00Z\", \"operator\": \"Ana\"}";

  assert_status (order, 201);
  g_assert_cmpint (type_sold (fixture, 1, 12), ==, 99);
  feed = api (fixture, "GET", "/events/1/tickets", counter->token, NULL, NULL);
  assert_status (feed, 200);

  refund = api (fixture, "POST", "/orders/order-r/refunds", counter->token, "refund-1",
                refund_body);
  assert_status (refund, 201);
  g_assert_cmpint (type_sold (fixture, 1, 12), ==, 98);

  path = g_strdup_printf ("/events/1/tickets?cursor=%s",
                          json_object_get_string_member (obj (feed), "next_cursor"));
  changes = api (fixture, "GET", path, counter->token, NULL, NULL);
  assert_status (changes, 200);
  g_assert_cmpuint (json_array_get_length (results (changes)), ==, 1);
  {
    JsonObject *ticket = json_array_get_object_element (results (changes), 0);

    g_assert_cmpstr (json_object_get_string_member (ticket, "uuid"), ==, "order-r-t1");
    g_assert_cmpstr (json_object_get_string_member (ticket, "status"), ==, "cancelled");
  }

  again = api (fixture, "POST", "/orders/order-r/refunds", counter->token, "refund-2",
               "{\"uuid\": \"refund-2\", \"ticket_uuids\": [\"order-r-t1\"], \"amount\": 0, "
               "\"method\": \"cash\", \"created_at\": \"2026-03-01T19:41:00Z\", "
               "\"operator\": \"Ana\"}");
  assert_error (again, 409, "already_refunded");
  unknown = api (fixture, "POST", "/orders/no-such-order/refunds", counter->token, "refund-3",
                 "{\"uuid\": \"refund-3\", \"ticket_uuids\": [], \"amount\": 0, "
                 "\"method\": \"cash\", \"created_at\": \"2026-03-01T19:41:00Z\"}");
  assert_error (unknown, 404, "not_found");
  g_assert_cmpint (server_stat (fixture, "refunds"), ==, 1);
}

static char *
checkin_body (const char *uuid,
              gint64      event_id,
              const char *secret)
{
  return g_strdup_printf ("{\"checkins\": [{\"uuid\": \"%s\", \"event_id\": %" G_GINT64_FORMAT
                          ", \"secret\": \"%s\", \"scanned_at\": \"2026-03-01T19:00:00Z\", "
                          "\"gate\": \"North door\", \"direction\": \"entry\", "
                          "\"offline\": true}]}",
                          uuid, event_id, secret);
}

static const char *
checkin_status (Reply *reply)
{
  return json_object_get_string_member (json_array_get_object_element (results (reply), 0),
                                        "status");
}

static void
test_checkins (Fixture       *fixture,
               gconstpointer  data)
{
  Device *counter = &fixture->counter;
  Device gate = { 0 };
  TestLine line = { 11, 2, 2500, 150, 0 };
  g_autoptr (GPtrArray) secrets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (Reply) order = post_order (fixture, counter, "order-c", 1, &line, 1, FALSE, secrets);
  g_autofree char *pending_secret = sign_secret (counter, 1, 11);
  struct {
    Device     *device;
    const char *uuid;
    gint64      event_id;
    const char *secret;
    const char *expected;
  } scans[] = {
    { counter, "scan-1", 1, secrets->pdata[0], "accepted" },
    { NULL, "scan-2", 1, secrets->pdata[0], "duplicate" },   /* another device, later */
    { counter, "scan-1", 1, secrets->pdata[0], "accepted" }, /* re-sent: as the first time */
    { NULL, "scan-3", 1, "NOT-A-TICKET", "unknown" },
    { counter, "scan-4", 2, secrets->pdata[1], "unknown" },  /* another event */
    { NULL, "scan-5", 1, pending_secret, "accepted" },       /* sold offline, order not here */
    { counter, "scan-6", 1, pending_secret, "duplicate" },
  };
  g_autoptr (Reply) cancel = NULL;
  g_autoptr (Reply) cancelled = NULL;
  g_autoptr (Reply) late_order = NULL;
  g_autoptr (Reply) feed = NULL;
  g_autoptr (Reply) by_admin = NULL;
  g_autofree char *late_body = NULL;
  g_autofree char *cancel_path = NULL;
  gint64 second_ticket_id = 0;

  register_device (fixture, &gate);
  assert_status (order, 201);
  for (guint i = 0; i < G_N_ELEMENTS (scans); i++)
    {
      Device *device = scans[i].device != NULL ? scans[i].device : &gate;
      g_autofree char *body = checkin_body (scans[i].uuid, scans[i].event_id, scans[i].secret);
      g_autofree char *key = g_strdup_printf ("batch-%u", i);
      g_autoptr (Reply) reply = api (fixture, "POST", "/checkins", device->token, key, body);

      assert_status (reply, 200);
      g_assert_cmpstr (json_object_get_string_member (
                         json_array_get_object_element (results (reply), 0), "uuid"),
                       ==, scans[i].uuid);
      if (g_strcmp0 (checkin_status (reply), scans[i].expected) != 0)
        g_error ("scan %u: expected %s, got %s", i, scans[i].expected, checkin_status (reply));
    }

  /* A cancelled ticket */
  feed = api (fixture, "GET", "/events/1/tickets", counter->token, NULL, NULL);
  for (guint i = 0; i < json_array_get_length (results (feed)); i++)
    {
      JsonObject *ticket = json_array_get_object_element (results (feed), i);

      if (g_strcmp0 (json_object_get_string_member (ticket, "secret"), secrets->pdata[1]) == 0)
        second_ticket_id = json_object_get_int_member (ticket, "id");
      if (g_strcmp0 (json_object_get_string_member (ticket, "secret"), secrets->pdata[0]) == 0)
        g_assert_cmpstr (json_object_get_string_member (ticket, "checked_in_at"), ==,
                         "2026-03-01T19:00:00Z");
    }
  g_assert_cmpint (second_ticket_id, >, 0);
  cancel_path = g_strdup_printf ("/tickets/%" G_GINT64_FORMAT "/cancel", second_ticket_id);
  cancel = admin (fixture, "POST", cancel_path, NULL);
  assert_status (cancel, 200);
  {
    g_autofree char *body = checkin_body ("scan-7", 1, secrets->pdata[1]);

    cancelled = api (fixture, "POST", "/checkins", gate.token, "batch-c", body);
    assert_status (cancelled, 200);
    g_assert_cmpstr (checkin_status (cancelled), ==, "cancelled");
  }

  /* The order of the ticket scanned before it arrived: the ticket comes checked in. */
  late_body = g_strdup_printf ("{\"uuid\": \"order-late\", \"event_id\": 1, \"created_at\": "
                               "\"2026-03-01T18:55:00Z\", \"operator\": \"Ana\", \"lines\": [{"
                               "\"ticket_type_id\": 11, \"quantity\": 1, \"unit_price\": 2500, "
                               "\"unit_fee\": 150, \"tax_rate_bp\": 1700, "
                               "\"allocation_id\": null}],"
                               " \"tickets\": [{\"uuid\": \"late-t0\", \"secret\": \"%s\", "
                               "\"ticket_type_id\": 11}], \"payments\": [{\"method\": \"cash\", "
                               "\"amount\": 2650}], \"total\": 2650}", pending_secret);
  late_order = api (fixture, "POST", "/orders", counter->token, "order-late", late_body);
  assert_status (late_order, 201);
  g_clear_pointer (&feed, reply_free);
  feed = api (fixture, "GET", "/events/1/tickets?limit=1000", counter->token, NULL, NULL);
  {
    JsonArray *list = results (feed);
    JsonObject *last = json_array_get_object_element (list, json_array_get_length (list) - 1);

    g_assert_cmpstr (json_object_get_string_member (last, "uuid"), ==, "late-t0");
    g_assert_cmpstr (json_object_get_string_member (last, "checked_in_at"), ==,
                     "2026-03-01T19:00:00Z");
  }
  {
    g_autofree char *body = checkin_body ("scan-8", 1, pending_secret);
    g_autoptr (Reply) reply = api (fixture, "POST", "/checkins", gate.token, "batch-8", body);

    g_assert_cmpstr (checkin_status (reply), ==, "duplicate");
  }
  /* Another device of the platform scans: first scan wins there too. */
  {
    g_autofree char *body = g_strdup_printf ("{\"secret\": \"%s\", \"gate\": \"West\"}",
                                             (char *) secrets->pdata[0]);

    by_admin = admin (fixture, "POST", "/checkins", body);
    assert_status (by_admin, 200);
    g_assert_cmpstr (json_object_get_string_member (obj (by_admin), "status"), ==, "duplicate");
  }
  g_assert_cmpint (server_stat (fixture, "checkins"), ==, 9);
  device_clear (&gate);
}

static void
test_revoke (Fixture       *fixture,
             gconstpointer  data)
{
  Device other = { 0 };
  g_autofree char *path = NULL;
  g_autoptr (Reply) revoke = NULL;
  g_autoptr (Reply) info = NULL;
  g_autoptr (Reply) keys = NULL;
  g_autoptr (Reply) before = NULL;
  g_autoptr (Reply) post = NULL;

  register_device (fixture, &other);
  before = api (fixture, "GET", "/keys", fixture->counter.token, NULL, NULL);
  assert_status (before, 200);
  g_assert_cmpuint (json_array_get_length (results (before)), ==, 2);

  path = g_strdup_printf ("/devices/%" G_GINT64_FORMAT "/revoke", other.id);
  revoke = admin (fixture, "POST", path, NULL);
  assert_status (revoke, 200);
  info = api (fixture, "GET", "/device/info", other.token, NULL, NULL);
  assert_error (info, 401, "device_revoked");
  post = api (fixture, "POST", "/checkins", other.token, "k", "{\"checkins\": []}");
  assert_error (post, 401, "device_revoked");

  g_free (path);
  path = g_strdup_printf ("/keys?cursor=%s", json_object_get_string_member (obj (before),
                                                                            "next_cursor"));
  keys = api (fixture, "GET", path, fixture->counter.token, NULL, NULL);
  assert_status (keys, 200);
  g_assert_cmpuint (json_array_get_length (results (keys)), ==, 1);
  {
    JsonObject *key = json_array_get_object_element (results (keys), 0);
    g_autofree char *expected = g_base64_encode (other.pk, sizeof other.pk);

    g_assert_cmpint (json_object_get_int_member (key, "device_id"), ==, other.id);
    g_assert_cmpstr (json_object_get_string_member (key, "public_key"), ==, expected);
    g_assert_nonnull (json_object_get_string_member (key, "revoked_at"));
  }
  device_clear (&other);
}

static void
set_faults (Fixture    *fixture,
            const char *body)
{
  g_autoptr (Reply) reply = admin (fixture, "POST", "/faults", body);

  assert_status (reply, 200);
}

static void
test_faults (Fixture       *fixture,
             gconstpointer  data)
{
  Device *counter = &fixture->counter;
  TestLine line = { 32, 1, 1200, 0, 0 };
  g_autofree char *body = order_body (counter, "order-f", 3, &line, 1, FALSE, 0, 0, NULL);
  g_autoptr (Reply) failed = NULL;
  g_autoptr (Reply) limited = NULL;
  g_autoptr (Reply) slow = NULL;
  g_autoptr (Reply) dropped = NULL;
  g_autoptr (Reply) resent = NULL;
  g_autoptr (Reply) orders = NULL;
  g_autoptr (Reply) stats = NULL;
  g_autoptr (Reply) admin_ok = NULL;

  set_faults (fixture, "{\"rate\": 1, \"modes\": [\"500\"], \"seed\": 1}");
  failed = api (fixture, "POST", "/orders", counter->token, "order-f", body);
  assert_error (failed, 500, "server_error");
  /* Admin paths are never faulted. */
  admin_ok = admin (fixture, "GET", "/stats", NULL);
  assert_status (admin_ok, 200);
  g_assert_cmpint (json_object_get_int_member (obj (admin_ok), "orders"), ==, 0);

  set_faults (fixture, "{\"rate\": 1, \"modes\": [\"429\"], \"retry_after\": 2}");
  limited = api (fixture, "POST", "/orders", counter->token, "order-f", body);
  assert_error (limited, 429, "rate_limited");
  g_assert_cmpstr (limited->retry_after, ==, "2");
  g_assert_cmpint (server_stat (fixture, "orders"), ==, 0);

  set_faults (fixture, "{\"rate\": 1, \"modes\": [\"delay\"], \"delay_ms\": 700, "
                       "\"path_prefix\": \"/api/v1/events\"}");
  slow = api (fixture, "GET", "/events", counter->token, NULL, NULL);
  assert_status (slow, 200);
  g_assert_cmpfloat (slow->seconds, >=, 0.65);
  {
    /* Outside path_prefix: no fault. */
    g_autoptr (Reply) quick = api (fixture, "GET", "/device/info", counter->token, NULL, NULL);

    assert_status (quick, 200);
    g_assert_cmpfloat (quick->seconds, <, 0.5);
  }

  /* The lost answer: committed, then the connection closes without a byte. */
  set_faults (fixture, "{\"rate\": 1, \"modes\": [\"drop\"]}");
  dropped = api (fixture, "POST", "/orders", counter->token, "order-f", body);
  g_assert_cmpint (dropped->rc, ==, CURLE_GOT_NOTHING);
  g_assert_cmpint (dropped->status, ==, 0);
  set_faults (fixture, "{\"rate\": 0}");
  g_assert_cmpint (server_stat (fixture, "orders"), ==, 1);

  resent = api (fixture, "POST", "/orders", counter->token, "order-f", body);
  assert_status (resent, 201);
  g_assert_cmpstr (json_object_get_string_member (obj (resent), "uuid"), ==, "order-f");
  orders = admin (fixture, "GET", "/orders", NULL);
  g_assert_cmpint (json_object_get_int_member (
                     json_array_get_object_element (
                       json_object_get_array_member (obj (orders), "orders"), 0), "id"),
                   ==, json_object_get_int_member (obj (resent), "id"));

  stats = admin (fixture, "GET", "/stats", NULL);
  g_assert_cmpint (json_object_get_int_member (obj (stats), "orders"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (obj (stats), "idempotent_replays"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (obj (stats), "faults_injected"), ==, 4);
  g_assert_cmpint (type_sold (fixture, 3, 32), ==, 21);
}

static void
test_protocol (Fixture       *fixture,
               gconstpointer  data)
{
  const char *token = fixture->counter.token;
  g_autoptr (Reply) bad_json = api (fixture, "POST", "/orders", token, "j", "{\"uuid\": ");
  g_autoptr (Reply) not_found = api (fixture, "GET", "/nothing/here", token, NULL, NULL);
  g_autoptr (Reply) outside = NULL;
  g_autoptr (Reply) wrong_method = api (fixture, "DELETE", "/events", token, NULL, NULL);
  g_autoptr (Reply) too_large = NULL;
  g_autoptr (Reply) closing = NULL;
  g_autoptr (Reply) replay = NULL;
  g_autofree char *huge = NULL;
  g_autofree char *url = g_strndup (fixture->base, strlen (fixture->base) - strlen ("/api/v1"));
  const char *closing_body = "{\"uuid\": \"close-1\", \"opened_at\": \"2026-03-01T08:00:00Z\", "
                             "\"closed_at\": \"2026-03-01T20:00:00Z\", \"operator\": \"Ana\", "
                             "\"float\": 10000, \"cash_counted\": 15300, \"payment_totals\": "
                             "{\"cash\": 5300, \"card\": 2000}, \"first_journal_seq\": 1, "
                             "\"last_journal_seq\": 12, \"journal_head\": \"00ff\"}";

  assert_error (bad_json, 400, "invalid_json");
  assert_error (not_found, 404, "not_found");
  assert_error (wrong_method, 405, "method_not_allowed");
  {
    g_autofree char *root = g_strconcat (url, "/robots.txt", NULL);

    outside = http ("GET", root, NULL, NULL, NULL);
    assert_error (outside, 404, "not_found");
  }

  huge = g_malloc (9 * 1024 * 1024 + 1);
  memset (huge, ' ', 9 * 1024 * 1024);
  huge[9 * 1024 * 1024] = '\0';
  too_large = api (fixture, "POST", "/orders", token, "big", huge);
  assert_error (too_large, 413, "payload_too_large");

  closing = api (fixture, "POST", "/closings", token, "close-1", closing_body);
  assert_status (closing, 201);
  g_assert_cmpstr (json_object_get_string_member (obj (closing), "uuid"), ==, "close-1");
  /* Same body with other white space and member order: the same request */
  replay = api (fixture, "POST", "/closings", token, "close-1",
                "{\"journal_head\":\"00ff\",\"uuid\":\"close-1\","
                "\"opened_at\":\"2026-03-01T08:00:00Z\","
                "\"closed_at\":\"2026-03-01T20:00:00Z\",\"operator\":\"Ana\",\"float\":10000,"
                "\"cash_counted\":15300,\"payment_totals\":{\"card\":2000,\"cash\":5300},"
                "\"first_journal_seq\":1,\"last_journal_seq\":12}");
  assert_status (replay, 201);
  g_assert_cmpstr (replay->body, ==, closing->body);
  g_assert_cmpint (server_stat (fixture, "closings"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);
  curl_global_init (CURL_GLOBAL_DEFAULT);

#define ADD(path, func) \
  g_test_add ("/bo/central/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("register", test_register);
  ADD ("catalogue", test_catalogue);
  ADD ("order", test_order);
  ADD ("idempotency", test_idempotency);
  ADD ("reregister", test_reregister);
  ADD ("allocations", test_allocations);
  ADD ("refund", test_refund);
  ADD ("checkins", test_checkins);
  ADD ("revoke", test_revoke);
  ADD ("faults", test_faults);
  ADD ("protocol", test_protocol);
#undef ADD

  return g_test_run ();
}
