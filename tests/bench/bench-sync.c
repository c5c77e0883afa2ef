/* bench-sync.c — the sync engine over loopback next to the raw cost of the same bytes
 *
 * Against the reference server (bilten-central-dev, $BO_CENTRAL) on loopback, in one run:
 *   (a) pull: the first sync of a counter when the server holds an event with 200,000
 *       tickets (the whole cycle: keys, events, types, allocations, all tickets into the
 *       store, page and cursor per transaction), then the raw cost of the same pages: one
 *       libcurl handle fetching them, json-glib parsing them, plain SQLite inserting the
 *       rows into a table of the same shape (same indexes, WAL, synchronous=FULL, one
 *       transaction per page). The raw pass runs second, on a warm server.
 *   (b) push: 10,000 orders sold at the counter pushed by the engine; then the same bodies
 *       POSTed by raw libcurl, with the same keys, to a second fresh server on which a copy
 *       of the counter (same key, same device id) is registered.
 * Targets (2-core machine): pull < 10 s and within 2x of raw; push < 20 s.
 * BO_BENCH_TICKETS and BO_BENCH_ORDERS override the sizes for quick runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <curl/curl.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "bo-sync-test-util.h"
#include "bo-test-util.h"
#include "sync/bo-registration.h"

#define DEFAULT_TICKETS 200000
#define DEFAULT_ORDERS  10000

#define PLAIN_SCHEMA                                                                     \
  "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"                                    \
  "CREATE TABLE tickets ("                                                               \
  " id INTEGER PRIMARY KEY, uuid TEXT UNIQUE, server_id INTEGER UNIQUE,"                 \
  " event_id INTEGER NOT NULL, ticket_type_id INTEGER NOT NULL, order_id INTEGER,"       \
  " order_code TEXT, secret TEXT NOT NULL UNIQUE, serial INTEGER, attendee_name TEXT,"   \
  " status TEXT NOT NULL DEFAULT 'valid', checked_in_at TEXT,"                           \
  " print_count INTEGER NOT NULL DEFAULT 0, reprint_requested INTEGER NOT NULL DEFAULT 0,"\
  " updated_at TEXT);"                                                                   \
  "CREATE INDEX tickets_order ON tickets (order_id) WHERE order_id IS NOT NULL;"         \
  "CREATE INDEX tickets_event_name ON tickets (event_id, attendee_name);"                \
  "CREATE INDEX tickets_event_status ON tickets (event_id, status, checked_in_at);"      \
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT32, &value, NULL))
    return fallback;
  return (guint) value;
}

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static size_t
collect_cb (char   *data,
            size_t  size,
            size_t  nmemb,
            void   *user_data)
{
  g_byte_array_append (user_data, (const guint8 *) data, size * nmemb);
  return size * nmemb;
}

static char *
read_token (const char *db_path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoStore) store = bo_store_open (db_path, &error);
  char *token = NULL;

  g_assert_no_error (error);
  bo_registration_get (store, NULL, NULL, &token, &error);
  g_assert_no_error (error);
  return token;
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("bench-sync: %s: %s", sql, message);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? json_node_get_string (node) : NULL;
}

/* libcurl + json-glib + plain SQLite over the same pages; returns the ticket count. */
static guint
raw_pull (const char *api,
          const char *token,
          const char *plain_path)
{
  g_autofree char *auth = g_strdup_printf ("Authorization: Device %s", token);
  g_autofree char *cursor = NULL;
  struct curl_slist *headers = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *insert = NULL, *set_cursor = NULL;
  CURL *curl = curl_easy_init ();
  guint count = 0;

  g_assert_cmpint (sqlite3_open (plain_path, &db), ==, SQLITE_OK);
  exec_or_die (db, PLAIN_SCHEMA);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO tickets (server_id, uuid, event_id,"
                                       " ticket_type_id, order_code, secret, attendee_name,"
                                       " status, checked_in_at, updated_at)"
                                       " VALUES (?1, ?2, 4, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                       -1, &insert, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO meta VALUES ('cursor', ?1)",
                                       -1, &set_cursor, NULL), ==, SQLITE_OK);
  headers = curl_slist_append (headers, auth);
  headers = curl_slist_append (headers, "Accept: application/json");
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, collect_cb);

  for (;;)
    {
      g_autoptr (GByteArray) body = g_byte_array_new ();
      g_autoptr (JsonParser) parser = json_parser_new_immutable ();
      g_autoptr (GError) error = NULL;
      g_autofree char *url = NULL;
      JsonObject *page;
      JsonArray *results;
      gboolean has_more;

      if (cursor != NULL)
        {
          g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);

          url = g_strdup_printf ("%s/events/4/tickets?cursor=%s&limit=1000", api, escaped);
        }
      else
        url = g_strdup_printf ("%s/events/4/tickets?limit=1000", api);
      curl_easy_setopt (curl, CURLOPT_URL, url);
      curl_easy_setopt (curl, CURLOPT_WRITEDATA, body);
      g_assert_cmpint (curl_easy_perform (curl), ==, CURLE_OK);
      json_parser_load_from_data (parser, (const char *) body->data, (gssize) body->len, &error);
      g_assert_no_error (error);
      page = json_node_get_object (json_parser_get_root (parser));
      results = json_object_get_array_member (page, "results");

      exec_or_die (db, "BEGIN IMMEDIATE");
      for (guint i = 0; i < json_array_get_length (results); i++)
        {
          JsonObject *t = json_array_get_object_element (results, i);

          sqlite3_bind_int64 (insert, 1, json_object_get_int_member (t, "id"));
          sqlite3_bind_text (insert, 2, member_string (t, "uuid"), -1, SQLITE_STATIC);
          sqlite3_bind_int64 (insert, 3, json_object_get_int_member (t, "ticket_type_id"));
          sqlite3_bind_text (insert, 4, member_string (t, "order_code"), -1, SQLITE_STATIC);
          sqlite3_bind_text (insert, 5, member_string (t, "secret"), -1, SQLITE_STATIC);
          sqlite3_bind_text (insert, 6, member_string (t, "attendee_name"), -1, SQLITE_STATIC);
          sqlite3_bind_text (insert, 7, member_string (t, "status"), -1, SQLITE_STATIC);
          sqlite3_bind_text (insert, 8, member_string (t, "checked_in_at"), -1, SQLITE_STATIC);
          sqlite3_bind_text (insert, 9, member_string (t, "updated_at"), -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
          sqlite3_reset (insert);
          count++;
        }
      has_more = json_object_get_boolean_member (page, "has_more");
      g_free (cursor);
      cursor = g_strdup (member_string (page, "next_cursor"));
      sqlite3_bind_text (set_cursor, 1, cursor, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (set_cursor), ==, SQLITE_DONE);
      sqlite3_reset (set_cursor);
      exec_or_die (db, "COMMIT");
      if (!has_more)
        break;
    }

  sqlite3_finalize (insert);
  sqlite3_finalize (set_cursor);
  sqlite3_close (db);
  curl_slist_free_all (headers);
  curl_easy_cleanup (curl);
  return count;
}

/* The same order bodies POSTed with their keys by plain libcurl. */
static void
raw_push (const char *api,
          const char *token,
          GPtrArray  *uuids,
          GPtrArray  *bodies)
{
  g_autofree char *auth = g_strdup_printf ("Authorization: Device %s", token);
  g_autofree char *url = g_strdup_printf ("%s/orders", api);
  CURL *curl = curl_easy_init ();

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, collect_cb);
  for (guint i = 0; i < bodies->len; i++)
    {
      g_autoptr (GByteArray) answer = g_byte_array_new ();
      g_autofree char *key = g_strdup_printf ("Idempotency-Key: %s",
                                              (char *) g_ptr_array_index (uuids, i));
      const char *body = g_ptr_array_index (bodies, i);
      struct curl_slist *headers = NULL;
      long status = 0;

      headers = curl_slist_append (headers, auth);
      headers = curl_slist_append (headers, key);
      headers = curl_slist_append (headers, "Content-Type: application/json");
      headers = curl_slist_append (headers, "Expect:");
      curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDS, body);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE, (long) strlen (body));
      curl_easy_setopt (curl, CURLOPT_WRITEDATA, answer);
      g_assert_cmpint (curl_easy_perform (curl), ==, CURLE_OK);
      curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &status);
      if (status != 201 && status != 200)
        g_error ("bench-sync: raw POST answered %ld: %.*s", status, (int) answer->len,
                 (const char *) answer->data);
      curl_slist_free_all (headers);
    }
  curl_easy_cleanup (curl);
}

int
main (int    argc,
      char **argv)
{
  guint n_tickets = env_uint ("BO_BENCH_TICKETS", DEFAULT_TICKETS);
  guint n_orders = env_uint ("BO_BENCH_ORDERS", DEFAULT_ORDERS);
  g_autofree char *tickets_arg = g_strdup_printf ("%u", n_tickets);
  const char *extra[] = { "--demo-tickets", tickets_arg, NULL };
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autofree char *twin_path = g_build_filename (dir, "twin.db", NULL);
  g_autofree char *plain_path = g_build_filename (dir, "plain.db", NULL);
  g_autofree char *token = NULL, *twin_token = NULL;
  g_autoptr (BoTestCentral) central = NULL;
  g_autoptr (BoTestCentral) second = NULL;
  g_autoptr (BoTestCounter) counter = NULL;
  g_autoptr (BoSyncSummary) summary = NULL;
  g_autoptr (GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) source = NULL;
  g_autoptr (GFile) target = NULL;
  double t0, pull_s, raw_pull_s, push_s, raw_push_s, sell_s;
  guint raw_count;
  sqlite3_stmt *stmt;

  g_test_init (&argc, &argv, NULL);
  curl_global_init (CURL_GLOBAL_DEFAULT);

  g_print ("sync bench: server with %u tickets, %u orders to push\n", n_tickets, n_orders);
  t0 = now_s ();
  central = bo_test_central_start (extra);
  second = bo_test_central_start (NULL);
  g_print ("sync bench: servers up in %.1f s\n", now_s () - t0);

  /* A twin of the counter (same key) for the second server, made before registration. */
  counter = bo_test_counter_new (dir, "counter");
  g_clear_object (&counter->store);
  g_clear_object (&counter->device);
  g_clear_object (&counter->cashier);
  g_clear_object (&counter->manager);
  source = g_file_new_for_path (counter->path);
  target = g_file_new_for_path (twin_path);
  g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&counter, bo_test_counter_free);
  counter = g_new0 (BoTestCounter, 1);
  counter->path = g_build_filename (dir, "counter.db", NULL);
  counter->store = bo_store_open (counter->path, &error);
  g_assert_no_error (error);
  counter->device = bo_device_load (counter->store, &error);
  g_assert_no_error (error);
  counter->cashier = bo_operator_login (counter->store, "1234", &error);
  g_assert_no_error (error);
  counter->manager = bo_operator_login (counter->store, "9999", &error);
  g_assert_no_error (error);
  bo_test_counter_register (counter, central, "Bench counter");
  {
    g_autofree char *twin_token_one = bo_test_central_token (second, NULL);
    g_autoptr (BoStore) twin = bo_store_open (twin_path, &error);
    guint32 twin_id = 0;

    g_assert_no_error (error);
    bo_registration_register (twin, second->api, twin_token_one, "Twin", FALSE, NULL, &error);
    g_assert_no_error (error);
    bo_registration_get (twin, &twin_id, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (twin_id, ==, bo_device_get_id (counter->device));
  }

  /* (a) pull */
  t0 = now_s ();
  if (!bo_test_counter_sync (counter, &summary, &error))
    g_error ("bench-sync: pull failed: %s", error->message);
  pull_s = now_s () - t0;
  g_assert_cmpuint (summary->pulled_tickets, ==, n_tickets);

  token = read_token (counter->path);
  t0 = now_s ();
  raw_count = raw_pull (central->api, token, plain_path);
  raw_pull_s = now_s () - t0;
  g_assert_cmpuint (raw_count, ==, n_tickets);

  g_print ("pull %u tickets: %.2f s | raw curl+json-glib+sqlite: %.2f s | ratio %.2f "
           "(target < 2, < 10 s)\n",
           n_tickets, pull_s, raw_pull_s, pull_s / raw_pull_s);

  /* (b) push */
  t0 = now_s ();
  for (guint i = 0; i < n_orders; i++)
    {
      g_autoptr (BoOrder) order = bo_test_counter_sell (counter, 3, 32, 1, FALSE, &error);

      g_assert_no_error (error);
    }
  sell_s = now_s () - t0;
  g_assert_cmpint (sqlite3_prepare_v2 (bo_store_get_db (counter->store),
                                       "SELECT uuid, body FROM outbox WHERE state = 'pending' "
                                       "AND kind = 'order' ORDER BY id", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (uuids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (bodies, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (bodies->len, ==, n_orders);

  {
    g_autoptr (BoSyncEngine) engine = bo_sync_engine_new (counter->path);

    g_clear_pointer (&summary, bo_sync_summary_free);
    bo_sync_engine_set_push_only (engine, TRUE);
    t0 = now_s ();
    if (!bo_sync_engine_run_once (engine, NULL, &summary, &error))
      g_error ("bench-sync: push failed: %s", error->message);
    push_s = now_s () - t0;
    g_assert_cmpuint (summary->pushed, ==, n_orders);
    g_assert_cmpuint (summary->remaining, ==, 0);
  }

  twin_token = read_token (twin_path);
  t0 = now_s ();
  raw_push (second->api, twin_token, uuids, bodies);
  raw_push_s = now_s () - t0;
  g_assert_cmpint (bo_test_central_stat (second, "orders"), ==, n_orders);

  g_print ("push %u orders: %.2f s (target < 20 s) | raw curl POSTs of the same bodies: %.2f s "
           "| ratio %.2f\n",
           n_orders, push_s, raw_push_s, push_s / raw_push_s);
  g_print ("(%u sales made at the counter in %.1f s beforehand)\n", n_orders, sell_s);

  bo_test_counter_free (g_steal_pointer (&counter));
  bo_test_rm_rf (dir);
  return 0;
}
