/* test-sync-faults.c — the sync service when the network and the server misbehave
 *
 * The reference server injects faults (500, 429, lost answers, delays) into 1,000 pushed
 * orders; a tiny fake server inside the test (libsoup on 127.0.0.1:0, its own thread)
 * answers with broken, mistyped, deeply nested, invalid UTF-8, huge or stalled bodies, and
 * with 429 + Retry-After. The client must fail cleanly, write nothing half-way, and never
 * lose or duplicate an order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <libsoup/soup.h>
#include <string.h>

#include "bo-sync-test-util.h"
#include "bo-test-util.h"
#include "domain/bo-sale.h"
#include "sync/bo-http-client.h"
#include "sync/bo-registration.h"
#include "sync/bo-sync-status.h"

/* ---- 1,000 orders under injected faults ----
 *
 * 500s, lost answers (the server commits, then drops the connection) and slow answers. 429 is
 * left to test_retry_after: the reference server asks for at least a second each time. */

static void
test_push_under_faults (void)
{
  g_autoptr (BoTestCentral) central = bo_test_central_start (NULL);
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autoptr (BoTestCounter) counter = bo_test_counter_new (dir, "a");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) faults = NULL;
  g_autoptr (JsonNode) off = NULL;
  g_autoptr (JsonNode) listed = NULL;
  g_autoptr (GHashTable) local = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) remote = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (BoSyncStatus) status = NULL;
  JsonArray *orders;
  guint cycles = 0, failed = 0;
  gint64 t0;

  bo_test_counter_register (counter, central, "Counter A");
  g_assert_true (bo_test_counter_sync (counter, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (bo_store_set_meta (counter->store, "sync.retry_base_ms", "5", NULL));

  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr (BoOrder) order = bo_test_counter_sell (counter, 3, 32, 1 + i % 3, FALSE, &error);

      g_assert_no_error (error);
      g_hash_table_add (local, g_strdup (bo_order_get_uuid (order)));
    }

  g_test_message ("1000 sales: %.1f s", (g_get_monotonic_time () - t0) / 1e6);
  t0 = g_get_monotonic_time ();
  faults = bo_test_central_admin (central, "POST", "/admin/faults",
                                  "{\"rate\": 0.2, \"modes\": [\"500\", \"drop\", \"delay\"],"
                                  " \"delay_ms\": 20, \"seed\": 42,"
                                  " \"path_prefix\": \"/api/v1/orders\"}");
  /* Each cycle goes as far as its retries allow; the timer would run the next one. */
  for (;;)
    {
      g_autoptr (BoSyncSummary) summary = NULL;
      g_autoptr (GError) cycle_error = NULL;
      gboolean ok;

      {
        g_autoptr (BoSyncEngine) engine = bo_sync_engine_new (counter->path);

        bo_sync_engine_set_push_only (engine, TRUE);
        ok = bo_sync_engine_run_once (engine, NULL, &summary, &cycle_error);
      }
      cycles++;
      failed += summary->failed;
      g_assert_cmpuint (summary->parked, ==, 0);
      if (ok && summary->remaining == 0)
        break;
      g_assert_true (ok || bo_sync_error_is_transient (cycle_error));
      g_assert_cmpuint (cycles, <, 50);
      /* Whatever was not due yet becomes due. */
      g_usleep (50 * 1000);
    }
  g_test_message ("pushed in %u cycles, %u transient failures: %.1f s", cycles, failed,
                  (g_get_monotonic_time () - t0) / 1e6);
  off = bo_test_central_admin (central, "POST", "/admin/faults", "{\"rate\": 0}");

  g_assert_cmpuint (failed, >, 50);
  g_assert_cmpint (bo_test_central_stat (central, "faults_injected"), >, 100);
  /* Lost answers were sent again and answered from the server's idempotency record. */
  g_assert_cmpint (bo_test_central_stat (central, "idempotent_replays"), >, 0);
  g_assert_cmpint (bo_test_central_stat (central, "orders"), ==, 1000);

  listed = bo_test_central_admin (central, "GET", "/admin/orders", NULL);
  orders = json_object_get_array_member (json_node_get_object (listed), "orders");
  g_assert_cmpuint (json_array_get_length (orders), ==, 1000);
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < 1000; i++)
    {
      const char *uuid = json_object_get_string_member (json_array_get_object_element (orders, i),
                                                        "uuid");

      g_assert_true (g_hash_table_contains (local, uuid));
      g_assert_true (g_hash_table_add (remote, (gpointer) uuid)); /* no duplicates */
    }

  status = bo_sync_status_read (counter->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status->pending, ==, 0);
  g_assert_cmpint (status->parked, ==, 0);
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT count(*) FROM outbox WHERE state = 'sent'"),
                   ==, 1000);
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT count(*) FROM orders WHERE code IS NULL"),
                   ==, 0);
  bo_test_rm_rf (dir);
}

/* ---- a fake server ---- */

typedef enum {
  EVENTS_VALID,
  EVENTS_NOT_JSON,
  EVENTS_WRONG_TYPE,
  EVENTS_DEEP,
  EVENTS_BAD_UTF8,
  EVENTS_HUGE,
  EVENTS_RESULTS_NOT_ARRAY,
  EVENTS_HTML_500,
  EVENTS_EMPTY,
  EVENTS_STALL,
  EVENTS_CURSOR_LOOP,
  EVENTS_NOT_OBJECT,
} EventsMode;

typedef struct {
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *url;      /* http://127.0.0.1:PORT/api/v1 */
  GMutex        lock;
  GCond         ready;
  gint          events_mode;
  gint          orders_429; /* answer this many order POSTs with 429 first */
  gint          order_posts;
  char         *order_keys; /* Idempotency-Keys seen, space-separated */
  GPtrArray    *paused;
} Fake;

static void
reply (SoupServerMessage *msg,
       guint              status,
       const char        *content_type,
       const char        *body,
       gssize             len)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body,
                                    len < 0 ? strlen (body) : (gsize) len);
}

static void
events_reply (Fake              *fake,
              SoupServerMessage *msg)
{
  switch ((EventsMode) g_atomic_int_get (&fake->events_mode))
    {
    case EVENTS_VALID:
      reply (msg, 200, "application/json",
             "{\"results\": [{\"id\": 1, \"name\": \"Fake night\", \"starts_at\": "
             "\"2099-01-01T19:00:00Z\", \"ends_at\": \"2099-01-01T22:00:00Z\", \"venue_name\": "
             "\"Hall\", \"timezone\": \"UTC\", \"currency\": \"EUR\", \"status\": \"on_sale\", "
             "\"updated_at\": \"2025-01-01T00:00:00Z\"}], \"next_cursor\": \"e1\", "
             "\"has_more\": false}", -1);
      break;
    case EVENTS_NOT_JSON:
      reply (msg, 200, "application/json", "{\"results\": [ {\"id\": 1, ", -1);
      break;
    case EVENTS_WRONG_TYPE:
      reply (msg, 200, "application/json",
             "{\"results\": [{\"id\": \"one\", \"name\": 5}], \"has_more\": false}", -1);
      break;
    case EVENTS_DEEP:
      {
        GString *deep = g_string_new ("{\"results\": ");

        for (guint i = 0; i < 100000; i++)
          g_string_append_c (deep, '[');
        for (guint i = 0; i < 100000; i++)
          g_string_append_c (deep, ']');
        g_string_append (deep, ", \"has_more\": false}");
        reply (msg, 200, "application/json", deep->str, (gssize) deep->len);
        g_string_free (deep, TRUE);
      }
      break;
    case EVENTS_BAD_UTF8:
      reply (msg, 200, "application/json",
             "{\"results\": [{\"id\": 1, \"name\": \"caf\xc3\x28\"}], \"has_more\": false}", -1);
      break;
    case EVENTS_HUGE:
      {
        gsize size = 70 * 1024 * 1024;
        char *huge = g_malloc (size);

        memset (huge, ' ', size);
        huge[0] = '[';
        huge[size - 1] = ']';
        soup_server_message_set_status (msg, 200, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, huge, size);
      }
      break;
    case EVENTS_RESULTS_NOT_ARRAY:
      reply (msg, 200, "application/json", "{\"results\": 5, \"has_more\": false}", -1);
      break;
    case EVENTS_HTML_500:
      reply (msg, 500, "text/html", "<html><body>Internal error</body></html>", -1);
      break;
    case EVENTS_EMPTY:
      reply (msg, 200, "application/json", "", 0);
      break;
    case EVENTS_STALL:
      soup_server_message_pause (msg);
      g_ptr_array_add (fake->paused, g_object_ref (msg));
      break;
    case EVENTS_CURSOR_LOOP:
      reply (msg, 200, "application/json",
             "{\"results\": [], \"next_cursor\": \"same\", \"has_more\": true}", -1);
      break;
    case EVENTS_NOT_OBJECT:
      reply (msg, 200, "application/json", "{\"results\": [5], \"has_more\": false}", -1);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Fake *fake = user_data;
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (path, "/api/v1/device/initialize") && g_str_equal (method, "POST"))
    reply (msg, 200, "application/json",
           "{\"device_id\": 9, \"api_token\": \"fake-token\", \"name\": \"Fake counter\", "
           "\"organizer\": {\"id\": 1, \"name\": \"Org\"}, \"venue\": {\"id\": 1, \"name\": "
           "\"Hall\", \"timezone\": \"UTC\"}}", -1);
  else if (g_str_equal (path, "/api/v1/keys") || g_str_equal (path, "/api/v1/allocations") ||
           g_str_equal (path, "/api/v1/events/1/tickets"))
    reply (msg, 200, "application/json", "{\"results\": [], \"has_more\": false}", -1);
  else if (g_str_equal (path, "/api/v1/events"))
    events_reply (fake, msg);
  else if (g_str_equal (path, "/api/v1/events/1/ticket-types"))
    reply (msg, 200, "application/json",
           "{\"results\": [{\"id\": 5, \"event_id\": 1, \"name\": \"Entry\", \"price\": 1000, "
           "\"fee\": 0, \"tax_rate_bp\": 0, \"capacity\": null, \"sold\": 0, \"active\": true, "
           "\"sales_start\": null, \"sales_end\": null, \"updated_at\": null}], "
           "\"has_more\": false}", -1);
  else if (g_str_equal (path, "/api/v1/orders") && g_str_equal (method, "POST"))
    {
      SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
      const char *key = soup_message_headers_get_one (headers, "Idempotency-Key");
      char *keys;

      g_mutex_lock (&fake->lock);
      keys = g_strconcat (fake->order_keys != NULL ? fake->order_keys : "",
                          key != NULL ? key : "(none)", " ", NULL);
      g_free (fake->order_keys);
      fake->order_keys = keys;
      fake->order_posts++;
      g_mutex_unlock (&fake->lock);

      if (g_atomic_int_get (&fake->orders_429) > 0)
        {
          g_atomic_int_add (&fake->orders_429, -1);
          soup_message_headers_append (soup_server_message_get_response_headers (msg),
                                       "Retry-After", "1");
          reply (msg, 429, "application/json",
                 "{\"error\": {\"code\": \"rate_limited\", \"message\": \"slow down\"}}", -1);
        }
      else
        {
          g_autofree char *body = g_strdup_printf ("{\"id\": 77, \"uuid\": \"%s\", \"code\": "
                                                   "\"FAKE1\", \"status\": \"paid\", "
                                                   "\"oversold\": false}", key);

          reply (msg, 201, "application/json", body, -1);
        }
    }
  else
    reply (msg, 404, "application/json",
           "{\"error\": {\"code\": \"not_found\", \"message\": \"no such path\"}}", -1);
}

static gpointer
fake_thread (gpointer data)
{
  Fake *fake = data;
  g_autoptr (GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (fake->context);
  fake->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fake->server, NULL, on_request_cb, fake, NULL);
  soup_server_listen_local (fake->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fake->server);
  g_mutex_lock (&fake->lock);
  fake->url = g_strdup_printf ("http://127.0.0.1:%d/api/v1", g_uri_get_port (uris->data));
  g_cond_signal (&fake->ready);
  g_mutex_unlock (&fake->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (fake->loop);

  for (guint i = 0; i < fake->paused->len; i++)
    soup_server_message_unpause (g_ptr_array_index (fake->paused, i));
  soup_server_disconnect (fake->server);
  g_clear_object (&fake->server);
  while (g_main_context_iteration (fake->context, FALSE))
    ;
  g_main_context_pop_thread_default (fake->context);
  return NULL;
}

static Fake *
fake_start (void)
{
  Fake *fake = g_new0 (Fake, 1);

  g_mutex_init (&fake->lock);
  g_cond_init (&fake->ready);
  fake->context = g_main_context_new ();
  fake->loop = g_main_loop_new (fake->context, FALSE);
  fake->paused = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_lock (&fake->lock);
  fake->thread = g_thread_new ("fake-central", fake_thread, fake);
  while (fake->url == NULL)
    g_cond_wait (&fake->ready, &fake->lock);
  g_mutex_unlock (&fake->lock);
  return fake;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
fake_stop (Fake *fake)
{
  g_main_context_invoke (fake->context, quit_cb, fake->loop);
  g_thread_join (fake->thread);
  g_ptr_array_unref (fake->paused);
  g_main_loop_unref (fake->loop);
  g_main_context_unref (fake->context);
  g_mutex_clear (&fake->lock);
  g_cond_clear (&fake->ready);
  g_free (fake->order_keys);
  g_free (fake->url);
  g_free (fake);
}

static BoTestCounter *
fake_counter (Fake       *fake,
              const char *dir)
{
  BoTestCounter *counter = bo_test_counter_new (dir, "fake");
  g_autoptr (GError) error = NULL;

  bo_registration_register (counter->store, fake->url, "fake", NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&counter->device);
  counter->device = bo_device_load (counter->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bo_device_get_id (counter->device), ==, 9);
  return counter;
}

/* Every broken answer fails the cycle with a clear error and stores nothing of it. */
static void
test_garbage (void)
{
  struct {
    EventsMode  mode;
    BoSyncError code;
    const char *says;
  } cases[] = {
    { EVENTS_NOT_JSON, BO_SYNC_ERROR_BAD_RESPONSE, "not valid JSON" },
    { EVENTS_WRONG_TYPE, BO_SYNC_ERROR_BAD_RESPONSE, "“id”" },
    { EVENTS_DEEP, BO_SYNC_ERROR_BAD_RESPONSE, "deeper" },
    { EVENTS_BAD_UTF8, BO_SYNC_ERROR_BAD_RESPONSE, "UTF-8" },
    { EVENTS_HUGE, BO_SYNC_ERROR_BAD_RESPONSE, "larger than" },
    { EVENTS_RESULTS_NOT_ARRAY, BO_SYNC_ERROR_BAD_RESPONSE, "“results”" },
    { EVENTS_HTML_500, BO_SYNC_ERROR_SERVER, "500" },
    { EVENTS_EMPTY, BO_SYNC_ERROR_BAD_RESPONSE, "not a JSON object" },
    { EVENTS_NOT_OBJECT, BO_SYNC_ERROR_BAD_RESPONSE,
      "The server sent an event list with an entry that is not an object" },
    /* (Last: it leaves a cursor behind.) */
    { EVENTS_CURSOR_LOOP, BO_SYNC_ERROR_BAD_RESPONSE, "does not advance" },
  };
  Fake *fake = fake_start ();
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autoptr (BoTestCounter) counter = fake_counter (fake, dir);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (BoSyncSummary) summary = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (BoSyncStatus) status = NULL;

      g_atomic_int_set (&fake->events_mode, cases[i].mode);
      g_assert_false (bo_test_counter_sync (counter, &summary, &error));
      g_assert_error (error, BO_SYNC_ERROR, (gint) cases[i].code);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].says);
      g_assert_nonnull (summary);
      g_assert_false (summary->pull_ok);
      g_clear_error (&error);
      g_assert_cmpint (bo_test_counter_int (counter, "SELECT count(*) FROM events"), ==, 0);
      /* (The looping list's first page was a good one, cursor included.) */
      if (cases[i].mode != EVENTS_CURSOR_LOOP)
        g_assert_null (bo_store_get_meta (counter->store, "sync.cursor.events"));
      status = bo_sync_status_read (counter->store, &error);
      g_assert_no_error (error);
      g_assert_nonnull (status->last_error);
      g_assert_null (status->last_success_at);
    }

  /* And a good answer afterwards is taken as usual. */
  {
    g_autoptr (GError) error = NULL;

    g_atomic_int_set (&fake->events_mode, EVENTS_VALID);
    g_assert_true (bo_test_counter_sync (counter, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (bo_test_counter_int (counter, "SELECT count(*) FROM ticket_types"), ==, 1);
  }
  g_clear_pointer (&counter, bo_test_counter_free);
  fake_stop (fake);
  bo_test_rm_rf (dir);
}

/* 429 with Retry-After: the push waits as long as asked and sends the same request again. */
static void
test_retry_after (void)
{
  Fake *fake = fake_start ();
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autoptr (BoTestCounter) counter = fake_counter (fake, dir);
  g_autoptr (BoSyncSummary) summary = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) order = NULL;
  g_autofree char *expected_keys = NULL;
  g_autoptr (BoSyncEngine) engine = NULL;
  gint64 start;

  g_assert_true (bo_test_counter_sync (counter, NULL, &error));
  g_assert_no_error (error);
  order = bo_test_counter_sell (counter, 1, 5, 2, FALSE, &error);
  g_assert_no_error (error);

  g_atomic_int_set (&fake->orders_429, 1);
  engine = bo_sync_engine_new (counter->path);
  bo_sync_engine_set_push_only (engine, TRUE);
  start = g_get_monotonic_time ();
  g_assert_true (bo_sync_engine_run_once (engine, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_TIME_SPAN_SECOND);
  g_assert_cmpuint (summary->failed, ==, 1);
  g_assert_cmpuint (summary->pushed, ==, 1);
  g_assert_cmpint (fake->order_posts, ==, 2);
  expected_keys = g_strdup_printf ("%s %s ", bo_order_get_uuid (order), bo_order_get_uuid (order));
  g_assert_cmpstr (fake->order_keys, ==, expected_keys);
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT count(*) FROM orders "
                                                 "WHERE code = 'FAKE1' AND server_id = 77"), ==, 1);
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT attempts FROM outbox"), ==, 2);

  g_clear_pointer (&counter, bo_test_counter_free);
  fake_stop (fake);
  bo_test_rm_rf (dir);
}

/* A server that accepts the request and then says nothing: a stalled transfer times out. */
static void
test_stall (void)
{
  Fake *fake = fake_start ();
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autoptr (BoTestCounter) counter = fake_counter (fake, dir);
  g_autoptr (GError) error = NULL;
  gint64 start;

  g_assert_true (bo_store_set_meta (counter->store, "sync.stall_seconds", "1", NULL));
  g_atomic_int_set (&fake->events_mode, EVENTS_STALL);
  start = g_get_monotonic_time ();
  g_assert_false (bo_test_counter_sync (counter, NULL, &error));
  g_assert_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_TIME_SPAN_SECOND);

  g_clear_pointer (&counter, bo_test_counter_free);
  fake_stop (fake);
  bo_test_rm_rf (dir);
}

/* TLS policy: https anywhere, plain http only to loopback; nothing else. */
static void
test_url_policy (void)
{
  const char *allowed[] = {
    "https://central.example.org/api/v1", "http://127.0.0.1:8080/api/v1",
    "http://127.3.4.5/api/v1", "http://localhost:1/api/v1", "http://[::1]:8080/api/v1",
  };
  const char *refused[] = {
    "http://central.example.org/api/v1", "http://10.0.0.1/api/v1", "ftp://127.0.0.1/x",
    "file:///etc/passwd", "not a url", "http://[::2]/api/v1", "http://127.0.0.1.example.org/",
  };
  g_autoptr (BoHttpClient) closed = NULL;
  g_autoptr (BoHttpResponse) response = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autoptr (GError) local_error = NULL;

      g_assert_true (bo_registration_check_url (allowed[i], &local_error));
      g_assert_no_error (local_error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (GError) local_error = NULL;

      g_assert_false (bo_registration_check_url (refused[i], &local_error));
      g_assert_error (local_error, BO_SYNC_ERROR, BO_SYNC_ERROR_TLS);
    }

  /* Nothing listens on port 1: offline, and the client knows it never reached a server. */
  closed = bo_http_client_new ("http://127.0.0.1:1/api/v1", &error);
  g_assert_no_error (error);
  response = bo_http_client_request (closed, "GET", "/events", NULL, 0, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_NETWORK);
  g_assert_false (bo_http_client_get_reached_server (closed));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bo/sync-faults/push-1000-under-faults", test_push_under_faults);
  g_test_add_func ("/bo/sync-faults/garbage", test_garbage);
  g_test_add_func ("/bo/sync-faults/retry-after", test_retry_after);
  g_test_add_func ("/bo/sync-faults/stall", test_stall);
  g_test_add_func ("/bo/sync-faults/url-policy", test_url_policy);
  return g_test_run ();
}
