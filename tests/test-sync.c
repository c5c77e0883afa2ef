/* test-sync.c — the sync service against the reference central server over real HTTP
 *
 * Every test starts its own bilten-central-dev on a free loopback port, registers real
 * counters (SQLite files in a temp dir) with tokens from its admin API, and checks both
 * sides: the counters' stores and the server's admin view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#include "bo-sync-test-util.h"
#include "bo-test-util.h"
#include "domain/bo-checkin.h"
#include "domain/bo-refund.h"
#include "domain/bo-sale.h"
#include "domain/bo-shift.h"
#include "sync/bo-registration.h"
#include "sync/bo-sync-status.h"

static JsonObject *
parse_object (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The orders the server holds, as an array. */
static JsonArray *
server_orders (BoTestCentral *central)
{
  g_autoptr (JsonNode) root = bo_test_central_admin (central, "GET", "/admin/orders", NULL);

  return json_array_ref (json_object_get_array_member (json_node_get_object (root), "orders"));
}

/* Register with the CLI: handshake, refusal to register twice, --force, bad tokens and URLs. */
static void
test_register (void)
{
  g_autoptr (BoTestCentral) central = bo_test_central_start (NULL);
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "counter.db", NULL);
  g_autofree char *handshake = NULL;
  g_autofree char *token1 = bo_test_central_token (central, &handshake);
  g_autofree char *token2 = bo_test_central_token (central, NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (JsonObject) answer = NULL;
  g_autoptr (BoStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL, *api_token = NULL;
  guint32 first_id = 0, device_id = 0;
  GStatBuf st;

  {
    const char *argv[] = { "--db", db, "--json", "register", "--handshake", handshake,
                           "--name", "Counter 1", NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 0);
    answer = parse_object (out);
    first_id = (guint32) json_object_get_int_member (answer, "device_id");
    g_assert_cmpuint (first_id, >, 0);
    g_assert_cmpstr (json_object_get_string_member (answer, "name"), ==, "Counter 1");
    g_assert_cmpstr (json_object_get_string_member (answer, "url"), ==, central->api);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* The token is stored in a file only its owner reads. */
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  store = bo_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (bo_registration_get (store, &device_id, &url, &api_token, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (device_id, ==, first_id);
  g_assert_cmpstr (url, ==, central->api);
  g_assert_cmpuint (strlen (api_token), >, 8);
  g_clear_object (&store);

  /* Registering again is explicit. */
  {
    const char *argv[] = { "--db", db, "--json", "register", "--url", central->api,
                           "--token", token2, NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "\"code\":\"already_registered\""));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  /* A used token is refused by the server, and the registration stays as it was. */
  {
    const char *argv[] = { "--db", db, "--json", "register", "--url", central->api,
                           "--token", token1, "--force", NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "\"code\":\"rejected\""));
    g_assert_nonnull (strstr (err, "invalid_token"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { "--db", db, "--json", "register", "--url", central->api,
                           "--token", token2, "--force", "--name", "Counter 1b", NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 0);
    g_clear_pointer (&answer, json_object_unref);
    answer = parse_object (out);
    g_assert_cmpint (json_object_get_int_member (answer, "device_id"), >, first_id);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  /* Plain http:// only to loopback. */
  {
    const char *argv[] = { "--db", db, "--json", "register", "--url",
                           "http://central.example.org/api/v1", "--token", "x", "--force", NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "\"code\":\"tls\""));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  /* A handshake of an unknown version. */
  {
    const char *argv[] = { "--db", db, "--json", "register", "--handshake",
                           "{\"handshake_version\": 2, \"url\": \"https://a/api/v1\", "
                           "\"token\": \"t\"}", NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "\"code\":\"bad_response\""));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { "--db", db, "--json", "sync", "status", NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 0);
    g_clear_pointer (&answer, json_object_unref);
    answer = parse_object (out);
    g_assert_true (json_object_get_boolean_member (answer, "registered"));
    g_assert_false (json_object_get_boolean_member (answer, "revoked"));
    g_assert_cmpstr (json_object_get_string_member (answer, "device_name"), ==, "Counter 1b");
  }
  g_assert_cmpint (bo_test_central_stat (central, "devices"), ==, 2);
  bo_test_rm_rf (dir);
}

typedef struct {
  GMainLoop *loop;
  int        pending;
  guint      phases_seen; /* bit per BoSyncPhase */
  guint64    last_done;
  BoSyncSummary *summaries[2];
} AsyncRun;

static void
on_progress_cb (BoSyncEngine *engine,
                int           phase,
                guint64       done,
                guint64       total,
                gpointer      user_data)
{
  AsyncRun *run = user_data;

  run->phases_seen |= 1u << phase;
  if (phase == BO_SYNC_PHASE_PUSH || phase == BO_SYNC_PHASE_TICKETS)
    g_assert_true (total == 0 || done <= total);
}

static void
on_run_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncRun *run = user_data;
  g_autoptr (GError) error = NULL;
  int slot = run->summaries[0] == NULL ? 0 : 1;

  g_assert_true (bo_sync_engine_run_finish (BO_SYNC_ENGINE (source), result,
                                            &run->summaries[slot], &error));
  g_assert_no_error (error);
  if (--run->pending == 0)
    g_main_loop_quit (run->loop);
}

static void
on_allocated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AsyncRun *run = user_data;
  g_autoptr (GError) error = NULL;

  g_assert_true (bo_sync_engine_allocate_finish (BO_SYNC_ENGINE (source), result, &error));
  g_assert_no_error (error);
  if (--run->pending == 0)
    g_main_loop_quit (run->loop);
}

/* The catalogue comes down; allocations are granted for limited on-sale types; the async
 * run reports progress on the caller's context and joins a second caller. */
/* A database with the demo catalogue or with sales made before registration is not registered:
 * the platform would refuse all of it. The CLI names the reason, and the database is untouched. */
static void
test_register_refuses_local_sales (void)
{
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autofree char *demo_db = g_build_filename (dir, "demo.db", NULL);
  BoTestCentral *central = bo_test_central_start (NULL);
  g_autofree char *token = bo_test_central_token (central, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  {
    const char *argv[] = { "--db", demo_db, "demo", NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { "--db", demo_db, "--json", "register", "--url", central->api,
                           "--token", token, NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "\"code\":\"local_data\""));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (BoStore) store = bo_store_open (demo_db, &error);

    g_assert_no_error (error);
    g_assert_cmpint (bo_test_query_int (store, "SELECT server_device_id FROM device"), ==, 0);
  }

  /* The token was not used up: a fresh database registers with it. */
  {
    BoTestCounter *counter = bo_test_counter_new (dir, "fresh");
    g_autoptr (GError) error = NULL;

    bo_registration_register (counter->store, central->api, token, "Fresh", FALSE, NULL, &error);
    g_assert_no_error (error);
    bo_test_counter_free (counter);
  }

  bo_test_central_free (central);
  bo_test_rm_rf (dir);
}

static void
test_pull_catalogue (void)
{
  g_autoptr (BoTestCentral) central = bo_test_central_start (NULL);
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autoptr (BoTestCounter) counter = bo_test_counter_new (dir, "a");
  g_autoptr (BoSyncEngine) engine = NULL;
  g_autoptr (BoSyncStatus) status = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncRun run = { loop, 2, 0, 0, { NULL, NULL } };
  g_autofree guint8 *key = NULL;
  gboolean revoked = TRUE;
  gint64 alloc11;

  bo_test_counter_register (counter, central, "Counter A");
  engine = bo_sync_engine_new (counter->path);
  g_signal_connect (engine, "progress", G_CALLBACK (on_progress_cb), &run);
  bo_sync_engine_run_async (engine, NULL, on_run_done_cb, &run);
  bo_sync_engine_run_async (engine, NULL, on_run_done_cb, &run);
  g_assert_true (bo_sync_engine_get_running (engine));
  g_main_loop_run (loop);
  /* Let the last notifications through. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (bo_sync_engine_get_running (engine));

  /* One cycle, two callers, the same result. */
  g_assert_nonnull (run.summaries[0]);
  g_assert_nonnull (run.summaries[1]);
  g_assert_cmpuint (run.summaries[0]->pulled_events, ==, 3);
  g_assert_cmpuint (run.summaries[1]->pulled_events, ==, 3);
  g_assert_cmpuint (run.summaries[0]->pulled_ticket_types, ==, 7);
  g_assert_cmpuint (run.summaries[0]->allocations_granted, ==, 6);
  g_assert_true (run.summaries[0]->pull_ok);
  g_assert_true (run.summaries[0]->push_ok);
  g_assert_true (run.phases_seen & (1u << BO_SYNC_PHASE_EVENTS));
  g_assert_true (run.phases_seen & (1u << BO_SYNC_PHASE_TICKET_TYPES));
  g_assert_true (run.phases_seen & (1u << BO_SYNC_PHASE_DONE));
  bo_sync_summary_free (run.summaries[0]);
  bo_sync_summary_free (run.summaries[1]);

  g_assert_cmpint (bo_test_counter_int (counter, "SELECT count(*) FROM events"), ==, 3);
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT capacity FROM ticket_types WHERE id = 22"),
                   ==, 10);
  g_assert_cmpint (bo_test_counter_int (counter,
                                        "SELECT count(*) FROM ticket_types WHERE capacity IS NULL"),
                   ==, 1);
  /* A block for each limited type, granted by the server. */
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT count(*) FROM allocations "
                                                 "WHERE server_id IS NOT NULL AND quantity > 0"),
                   ==, 6);
  g_assert_cmpint (bo_test_central_stat (central, "allocations"), ==, 6);
  /* Front row had one seat left: the block is that seat. */
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT quantity FROM allocations "
                                                 "WHERE ticket_type_id = 22"), ==, 1);
  /* 10 % of the 188 Standing seats left, at most 20. */
  alloc11 = bo_test_counter_int (counter, "SELECT quantity FROM allocations "
                                          "WHERE ticket_type_id = 11");
  g_assert_cmpint (alloc11, ==, 18);

  /* The next pull sees the granted seats counted as sold by the server. */
  g_assert_true (bo_test_counter_sync (counter, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT sold FROM ticket_types WHERE id = 11"),
                   ==, 212 + alloc11);
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT count(*) FROM allocations"), ==, 6);

  /* Our own key is in the key list under our id. */
  key = bo_device_lookup_key (counter->store, bo_device_get_id (counter->device), &revoked,
                              &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_assert_false (revoked);
  g_assert_cmpmem (key, 32, bo_device_get_public_key (counter->device), 32);

  /* On the spot, from a worker: a sale of 30 needs 12 more than the block holds. */
  bo_sync_engine_allocate_async (engine, 11, 30, NULL, on_allocated_cb, &run);
  run.pending = 1;
  g_main_loop_run (loop);
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT sum(quantity - used) FROM allocations "
                                                 "WHERE ticket_type_id = 11 AND released_at IS NULL"),
                   >=, 30);

  status = bo_sync_status_read (counter->store, &error);
  g_assert_no_error (error);
  g_assert_true (status->registered);
  g_assert_false (status->revoked);
  g_assert_cmpint (status->pending, ==, 0);
  g_assert_nonnull (status->last_success_at);
  g_assert_null (status->last_error);
  bo_test_rm_rf (dir);
}

/* Sold offline from the allocation, then synced; beyond the allocation only with force. */
static void
test_offline_sale (void)
{
  g_autoptr (BoTestCentral) central = bo_test_central_start (NULL);
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autoptr (BoTestCounter) counter = bo_test_counter_new (dir, "a");
  g_autoptr (BoSyncSummary) summary = NULL;
  g_autoptr (BoSyncStatus) status = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) order = NULL;
  g_autoptr (BoOrder) forced = NULL;
  g_autoptr (JsonArray) orders = NULL;
  g_autofree char *sql = NULL;
  gint64 server_alloc;

  bo_test_counter_register (counter, central, "Counter A");
  g_assert_true (bo_test_counter_sync (counter, NULL, &error));
  g_assert_no_error (error);
  server_alloc = bo_test_counter_int (counter, "SELECT server_id FROM allocations "
                                               "WHERE ticket_type_id = 11");

  bo_test_central_stop (central);
  order = bo_test_counter_sell (counter, 1, 11, 2, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);
  /* Front row: one allocated seat, two wanted. */
  g_assert_null (bo_test_counter_sell (counter, 2, 22, 2, FALSE, &error));
  g_assert_error (error, BO_SALE_ERROR, BO_SALE_ERROR_ALLOCATION_EXHAUSTED);
  g_clear_error (&error);
  forced = bo_test_counter_sell (counter, 2, 22, 2, TRUE, &error);
  g_assert_no_error (error);

  g_assert_false (bo_test_counter_sync (counter, &summary, &error));
  g_assert_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_NETWORK);
  g_clear_error (&error);
  g_assert_cmpuint (summary->pushed, ==, 0);
  g_clear_pointer (&summary, bo_sync_summary_free);
  status = bo_sync_status_read (counter->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status->pending, ==, 2);
  g_assert_nonnull (status->oldest_pending_at);
  g_assert_nonnull (status->last_error);
  g_clear_pointer (&status, bo_sync_status_free);

  bo_test_central_restart (central);
  g_assert_true (bo_test_counter_sync (counter, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary->pushed, ==, 2);
  g_assert_cmpuint (summary->remaining, ==, 0);
  g_assert_cmpint (bo_test_central_stat (central, "orders"), ==, 2);

  /* The server's order code and id reached the order and its tickets. */
  sql = g_strdup_printf ("SELECT count(*) FROM orders WHERE uuid = '%s' AND code IS NOT NULL "
                         "AND server_id IS NOT NULL", bo_order_get_uuid (order));
  g_assert_cmpint (bo_test_counter_int (counter, sql), ==, 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM tickets t JOIN orders o ON o.id = t.order_id "
                         "WHERE o.uuid = '%s' AND t.server_id IS NOT NULL "
                         "AND t.order_code = o.code", bo_order_get_uuid (order));
  g_assert_cmpint (bo_test_counter_int (counter, sql), ==, 2);

  /* The line named the server's allocation id; the forced order was accepted as oversold. */
  orders = server_orders (central);
  g_assert_cmpuint (json_array_get_length (orders), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *o = json_array_get_object_element (orders, i);
      JsonObject *line = json_array_get_object_element (json_object_get_array_member (o, "lines"), 0);

      if (g_strcmp0 (json_object_get_string_member (o, "uuid"), bo_order_get_uuid (order)) == 0)
        {
          g_assert_cmpint (json_object_get_int_member (line, "allocation_id"), ==, server_alloc);
          g_assert_false (json_object_get_boolean_member (o, "oversold"));
        }
      else
        {
          g_assert_cmpstr (json_object_get_string_member (o, "uuid"), ==,
                           bo_order_get_uuid (forced));
          g_assert_true (json_object_get_boolean_member (o, "force"));
        }
    }
  bo_test_rm_rf (dir);
}

typedef struct {
  BoTestCounter *counter;
  guint          sold;
  guint          allocations_asked;
} Seller;

/* Sells one seat at a time; when the allocation is used up, asks for more on the spot. */
static gpointer
sell_until_refused (gpointer data)
{
  Seller *seller = data;
  g_autoptr (BoSyncEngine) engine = bo_sync_engine_new (seller->counter->path);

  for (;;)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (BoOrder) order = bo_test_counter_sell (seller->counter, 2, 21, 1, FALSE, &error);

      if (order != NULL)
        {
          seller->sold++;
          continue;
        }
      g_assert_error (error, BO_SALE_ERROR, BO_SALE_ERROR_ALLOCATION_EXHAUSTED);
      g_clear_error (&error);
      seller->allocations_asked++;
      if (!bo_sync_engine_allocate (engine, 21, 1, NULL, &error))
        {
          g_assert_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_REJECTED);
          return NULL;
        }
    }
}

/* Two counters sell the last seats of a type at the same time: together exactly what was
 * left, and the server never goes over capacity. */
static void
test_allocations_race (void)
{
  g_autoptr (BoTestCentral) central = bo_test_central_start (NULL);
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autoptr (BoTestCounter) a = bo_test_counter_new (dir, "a");
  g_autoptr (BoTestCounter) b = bo_test_counter_new (dir, "b");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) patched = NULL;
  g_autoptr (JsonArray) orders = NULL;
  Seller sa = { a, 0, 0 }, sb = { b, 0, 0 };
  GThread *ta, *tb;
  gint64 sold_on_server = 0;

  /* Regular: 9 seats left. */
  patched = bo_test_central_admin (central, "PATCH", "/admin/ticket-types/21",
                                   "{\"capacity\": 50, \"sold\": 41}");
  bo_test_counter_register (a, central, "Counter A");
  bo_test_counter_register (b, central, "Counter B");
  g_assert_true (bo_store_set_meta (a->store, BO_SYNC_META_ALLOCATION_TARGET, "3", NULL));
  g_assert_true (bo_store_set_meta (b->store, BO_SYNC_META_ALLOCATION_TARGET, "3", NULL));
  g_assert_true (bo_test_counter_sync (a, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (bo_test_counter_sync (b, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bo_test_counter_int (a, "SELECT sum(quantity) FROM allocations "
                                           "WHERE ticket_type_id = 21"), ==, 3);
  g_assert_cmpint (bo_test_counter_int (b, "SELECT sum(quantity) FROM allocations "
                                           "WHERE ticket_type_id = 21"), ==, 3);

  ta = g_thread_new ("seller-a", sell_until_refused, &sa);
  tb = g_thread_new ("seller-b", sell_until_refused, &sb);
  g_thread_join (ta);
  g_thread_join (tb);
  g_assert_cmpuint (sa.sold + sb.sold, ==, 9);
  g_assert_cmpuint (sa.allocations_asked, >=, 1);
  g_assert_cmpuint (sb.allocations_asked, >=, 1);

  g_assert_true (bo_test_counter_sync (a, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (bo_test_counter_sync (b, NULL, &error));
  g_assert_no_error (error);

  orders = server_orders (central);
  g_assert_cmpuint (json_array_get_length (orders), ==, 9);
  for (guint i = 0; i < json_array_get_length (orders); i++)
    {
      JsonObject *o = json_array_get_object_element (orders, i);
      JsonObject *line = json_array_get_object_element (json_object_get_array_member (o, "lines"), 0);

      g_assert_false (json_object_get_boolean_member (o, "oversold"));
      g_assert_cmpint (json_object_get_int_member (line, "allocation_id"), >, 0);
      sold_on_server += json_object_get_int_member (line, "quantity");
    }
  g_assert_cmpint (sold_on_server, ==, 9);
  /* The catalogue both counters see: the type is full. */
  g_assert_cmpint (bo_test_counter_int (a, "SELECT sold FROM ticket_types WHERE id = 21"), ==, 50);
  g_assert_cmpint (bo_test_counter_int (b, "SELECT sold FROM ticket_types WHERE id = 21"), ==, 50);
  bo_test_rm_rf (dir);
}

/* Blocks go back when their event goes off sale, and all of them when the counter closes
 * its shift; the server then counts only what was sold. */
static void
test_allocations_release (void)
{
  g_autoptr (BoTestCentral) central = bo_test_central_start (NULL);
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autoptr (BoTestCounter) counter = bo_test_counter_new (dir, "a");
  g_autoptr (BoSyncSummary) summary = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) order = NULL;
  g_autoptr (BoShift) closed = NULL;
  g_autoptr (JsonNode) patched = NULL;

  bo_test_counter_register (counter, central, "Counter A");
  g_assert_true (bo_test_counter_sync (counter, NULL, &error));
  g_assert_no_error (error);
  order = bo_test_counter_sell (counter, 2, 21, 2, FALSE, &error);
  g_assert_no_error (error);

  patched = bo_test_central_admin (central, "PATCH", "/admin/events/2",
                                   "{\"status\": \"off_sale\"}");
  g_assert_true (bo_test_counter_sync (counter, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary->allocations_released, ==, 2);
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT count(*) FROM allocations "
                                                 "WHERE event_id = 2 AND released_at IS NULL"), ==, 0);
  /* Front row's seat and Regular's unused ones went back, after the order that used it. */
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT count(*) FROM outbox WHERE "
                                                 "kind = 'allocation_release' AND state = 'sent'"),
                   ==, 2);
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT max(id) FROM outbox WHERE kind = 'order'"),
                   <, bo_test_counter_int (counter, "SELECT min(id) FROM outbox "
                                                    "WHERE kind = 'allocation_release'"));
  g_clear_pointer (&summary, bo_sync_summary_free);
  g_assert_true (bo_test_counter_sync (counter, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT sold FROM ticket_types WHERE id = 21"),
                   ==, 41 + 2);
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT sold FROM ticket_types WHERE id = 22"),
                   ==, 9);

  /* The counter closes: every block goes back, and none is asked for again. */
  closed = bo_shift_close (counter->store, counter->device, counter->manager,
                           bo_order_get_total (order), &error);
  g_assert_no_error (error);
  g_assert_true (bo_test_counter_sync (counter, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary->allocations_granted, ==, 0);
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT count(*) FROM allocations "
                                                 "WHERE released_at IS NULL"), ==, 0);
  g_assert_cmpint (bo_test_central_stat (central, "closings"), ==, 1);
  g_clear_pointer (&summary, bo_sync_summary_free);
  g_assert_true (bo_test_counter_sync (counter, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary->allocations_granted, ==, 0);
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT sold FROM ticket_types WHERE id = 11"),
                   ==, 212);
  bo_test_rm_rf (dir);
}

/* A refund on counter A cancels the ticket at counter B's door after B syncs. */
static void
test_refund_propagates (void)
{
  g_autoptr (BoTestCentral) central = bo_test_central_start (NULL);
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autoptr (BoTestCounter) a = bo_test_counter_new (dir, "a");
  g_autoptr (BoTestCounter) b = bo_test_counter_new (dir, "b");
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) order = NULL;
  g_autoptr (BoRefund) refund = NULL;
  g_autoptr (BoCheckin) refused = NULL;
  g_autoptr (BoCheckin) admitted = NULL;
  g_autofree char *sql = NULL;
  BoOrderTicket *gone, *kept;
  const char *refund_uuids[2] = { NULL, NULL };

  bo_test_counter_register (a, central, "Counter A");
  bo_test_counter_register (b, central, "Counter B");
  g_assert_true (bo_test_counter_sync (a, NULL, &error));
  g_assert_no_error (error);
  order = bo_test_counter_sell (a, 1, 12, 2, FALSE, &error);
  g_assert_no_error (error);
  gone = g_ptr_array_index (bo_order_get_tickets (order), 0);
  kept = g_ptr_array_index (bo_order_get_tickets (order), 1);
  g_assert_true (bo_test_counter_sync (a, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (bo_test_counter_sync (b, NULL, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT count(*) FROM tickets WHERE secret = '%s' AND status = 'valid' "
                         "AND server_id IS NOT NULL", gone->secret);
  g_assert_cmpint (bo_test_counter_int (b, sql), ==, 1);

  refund_uuids[0] = gone->uuid;
  refund = bo_refund_order (a->store, a->device, a->manager, bo_order_get_uuid (order),
                            refund_uuids, "changed plans", &error);
  g_assert_no_error (error);
  g_assert_true (bo_test_counter_sync (a, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bo_test_central_stat (central, "refunds"), ==, 1);
  g_assert_true (bo_test_counter_sync (b, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM tickets WHERE secret = '%s' "
                         "AND status = 'cancelled'", gone->secret);
  g_assert_cmpint (bo_test_counter_int (b, sql), ==, 1);

  refused = bo_checkin_scan (b->store, b->device, b->cashier, 1, gone->secret, "North",
                             BO_DIRECTION_ENTRY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_checkin_get_verdict (refused), ==, BO_VERDICT_CANCELLED);
  admitted = bo_checkin_scan (b->store, b->device, b->cashier, 1, kept->secret, "North",
                              BO_DIRECTION_ENTRY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_checkin_get_verdict (admitted), ==, BO_VERDICT_ACCEPTED);
  bo_test_rm_rf (dir);
}

/* A ticket sold on A (not synced) is let in at B by its signature; after A is revoked, B
 * no longer accepts A's signatures, and A stops syncing. */
static void
test_signature_and_revocation (void)
{
  g_autoptr (BoTestCentral) central = bo_test_central_start (NULL);
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autoptr (BoTestCounter) a = bo_test_counter_new (dir, "a");
  g_autoptr (BoTestCounter) b = bo_test_counter_new (dir, "b");
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) first = NULL;
  g_autoptr (BoOrder) second = NULL;
  g_autoptr (BoCheckin) scan = NULL;
  g_autoptr (BoSyncStatus) status = NULL;
  g_autoptr (BoSyncSummary) summary = NULL;
  g_autoptr (JsonNode) revoked = NULL;
  g_autofree char *path = NULL;
  BoOrderTicket *ticket;

  bo_test_counter_register (a, central, "Counter A");
  bo_test_counter_register (b, central, "Counter B");
  g_assert_true (bo_test_counter_sync (a, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (bo_test_counter_sync (b, NULL, &error));
  g_assert_no_error (error);

  first = bo_test_counter_sell (a, 3, 32, 1, FALSE, &error);
  g_assert_no_error (error);
  ticket = g_ptr_array_index (bo_order_get_tickets (first), 0);
  scan = bo_checkin_scan (b->store, b->device, b->cashier, 3, ticket->secret, "Main",
                          BO_DIRECTION_ENTRY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_checkin_get_verdict (scan), ==, BO_VERDICT_ACCEPTED);
  g_clear_object (&scan);
  /* B's scan reaches the server as an offline check-in. */
  g_assert_true (bo_test_counter_sync (b, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bo_test_central_stat (central, "checkins"), ==, 1);

  path = g_strdup_printf ("/admin/devices/%u/revoke", bo_device_get_id (a->device));
  revoked = bo_test_central_admin (central, "POST", path, "{}");
  g_assert_true (bo_test_counter_sync (b, NULL, &error));
  g_assert_no_error (error);

  second = bo_test_counter_sell (a, 3, 32, 1, FALSE, &error);
  g_assert_no_error (error);
  ticket = g_ptr_array_index (bo_order_get_tickets (second), 0);
  scan = bo_checkin_scan (b->store, b->device, b->cashier, 3, ticket->secret, "Main",
                          BO_DIRECTION_ENTRY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_checkin_get_verdict (scan), ==, BO_VERDICT_INVALID_SIGNATURE);

  g_assert_false (bo_test_counter_sync (a, &summary, &error));
  g_assert_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_REVOKED);
  g_clear_error (&error);
  g_clear_pointer (&summary, bo_sync_summary_free);
  status = bo_sync_status_read (a->store, &error);
  g_assert_no_error (error);
  g_assert_true (status->revoked);
  g_assert_cmpint (status->pending, ==, 2);
  /* Revoked is remembered: the next cycle does not even ask. */
  {
    gint64 requests = bo_test_central_stat (central, "requests");

    g_assert_false (bo_test_counter_sync (a, NULL, &error));
    g_assert_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_REVOKED);
    g_clear_error (&error);
    /* At most the stats request itself came in since. */
    g_assert_cmpint (bo_test_central_stat (central, "requests"), <=, requests + 1);
  }
  bo_test_rm_rf (dir);
}

/* A pull killed between pages resumes after the last stored page: every page is stored
 * with its cursor in one transaction. */
static void
test_resume_after_kill (void)
{
  const char *extra[] = { "--demo-tickets", "30000", NULL };
  g_autoptr (BoTestCentral) central = bo_test_central_start (extra);
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autoptr (BoTestCounter) counter = bo_test_counter_new (dir, "a");
  g_autoptr (GSubprocess) sync = NULL;
  g_autoptr (BoSyncSummary) summary = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *cursor = NULL;
  gint64 stored = 0;
  gint64 deadline;

  bo_test_counter_register (counter, central, "Counter A");
  g_assert_true (bo_store_set_meta (counter->store, "sync.page_limit", "100", NULL));

  sync = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, bo_test_cli_path (),
                           "--db", counter->path, "sync", "--once", NULL);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;
  while (stored < 3000 && g_get_monotonic_time () < deadline)
    {
      g_usleep (2000);
      stored = bo_test_counter_int (counter, "SELECT count(*) FROM tickets WHERE event_id = 4");
    }
  g_subprocess_send_signal (sync, SIGKILL);
  g_subprocess_wait (sync, NULL, &error);
  g_assert_no_error (error);

  stored = bo_test_counter_int (counter, "SELECT count(*) FROM tickets WHERE event_id = 4");
  g_assert_cmpint (stored, >=, 3000);
  g_assert_cmpint (stored, <, 30000);
  /* Whole pages only. */
  g_assert_cmpint (stored % 100, ==, 0);
  cursor = bo_store_get_meta (counter->store, "sync.cursor.tickets.4");
  g_assert_nonnull (cursor);

  g_assert_true (bo_test_counter_sync (counter, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary->pulled_tickets, ==, 30000 - stored);
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT count(*) FROM tickets WHERE event_id = 4"),
                   ==, 30000);
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT count(DISTINCT server_id) FROM tickets "
                                                 "WHERE event_id = 4"), ==, 30000);
  g_clear_pointer (&summary, bo_sync_summary_free);

  /* Incremental: only what changed comes again. */
  {
    g_autoptr (JsonNode) cancelled = bo_test_central_admin (central, "POST",
                                                            "/admin/tickets/17/cancel", "{}");
  }
  g_assert_true (bo_test_counter_sync (counter, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary->pulled_tickets, ==, 1);
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT count(*) FROM tickets "
                                                 "WHERE server_id = 17 AND status = 'cancelled'"),
                   ==, 1);
  g_clear_pointer (&summary, bo_sync_summary_free);

  /* A cursor the server does not know (its data was rebuilt): the list starts over. */
  g_assert_true (bo_store_set_meta (counter->store, "sync.cursor.events", "not-a-cursor", NULL));
  g_assert_true (bo_test_counter_sync (counter, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary->pulled_events, ==, 4);
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT count(*) FROM events"), ==, 4);
  bo_test_rm_rf (dir);
}

/* A refused item is parked with the server's code and message; the rest of the queue goes
 * on; once fixed it can be queued again. */
static void
test_parked (void)
{
  g_autoptr (BoTestCentral) central = bo_test_central_start (NULL);
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autoptr (BoTestCounter) counter = bo_test_counter_new (dir, "a");
  g_autoptr (BoSyncSummary) summary = NULL;
  g_autoptr (BoSyncStatus) status = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) bad = NULL;
  g_autoptr (BoOrder) good = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *out = NULL, *err = NULL;
  BoSyncParkedItem *item;

  bo_test_counter_register (counter, central, "Counter A");
  g_assert_true (bo_test_counter_sync (counter, NULL, &error));
  g_assert_no_error (error);
  bad = bo_test_counter_sell (counter, 3, 32, 1, FALSE, &error);
  g_assert_no_error (error);
  good = bo_test_counter_sell (counter, 3, 32, 2, FALSE, &error);
  g_assert_no_error (error);
  /* Its totals no longer add up. */
  sql = g_strdup_printf ("UPDATE outbox SET body = replace (body, '\"total\":1200', '\"total\":1201') "
                         "WHERE uuid = '%s'", bo_order_get_uuid (bad));
  g_assert_true (bo_store_exec (counter->store, sql, NULL));

  g_assert_true (bo_test_counter_sync (counter, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary->parked, ==, 1);
  g_assert_cmpuint (summary->pushed, ==, 1);
  g_assert_cmpint (bo_test_central_stat (central, "orders"), ==, 1);

  status = bo_sync_status_read (counter->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status->parked, ==, 1);
  g_assert_cmpint (status->pending, ==, 0);
  g_assert_cmpuint (status->parked_items->len, ==, 1);
  item = g_ptr_array_index (status->parked_items, 0);
  g_assert_cmpstr (item->uuid, ==, bo_order_get_uuid (bad));
  g_assert_cmpstr (item->error_code, ==, "total_mismatch");
  g_assert_nonnull (item->message);

  /* Fixed, queued again from the CLI, sent. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE outbox SET body = replace (body, '\"total\":1201', '\"total\":1200') "
                         "WHERE uuid = '%s'", bo_order_get_uuid (bad));
  g_assert_true (bo_store_exec (counter->store, sql, NULL));
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, item->id);
  {
    const char *argv[] = { "--db", counter->path, "sync", "retry", id_text, NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 0);
  }
  g_clear_pointer (&summary, bo_sync_summary_free);
  g_assert_true (bo_test_counter_sync (counter, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary->pushed, ==, 1);
  g_assert_cmpint (bo_test_central_stat (central, "orders"), ==, 2);
  bo_test_rm_rf (dir);
}

/* Check-ins go in batches of at most 500 under a batch key; the scans another device made
 * come back with the tickets. */
static void
test_checkin_batches (void)
{
  const char *extra[] = { "--demo-tickets", "1001", NULL };
  g_autoptr (BoTestCentral) central = bo_test_central_start (extra);
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autoptr (BoTestCounter) counter = bo_test_counter_new (dir, "gate");
  g_autoptr (BoSyncSummary) summary = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) secrets = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  bo_test_counter_register (counter, central, "Gate");
  g_assert_true (bo_test_counter_sync (counter, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT count(*) FROM tickets WHERE event_id = 4"),
                   ==, 1001);

  g_assert_cmpint (sqlite3_prepare_v2 (bo_store_get_db (counter->store),
                                       "SELECT secret FROM tickets WHERE event_id = 4 ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (secrets, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  for (guint i = 0; i < secrets->len; i++)
    {
      g_autoptr (BoCheckin) scan = bo_checkin_scan (counter->store, counter->device,
                                                    counter->cashier, 4,
                                                    g_ptr_array_index (secrets, i), "Gate 1",
                                                    BO_DIRECTION_ENTRY, &error);

      g_assert_no_error (error);
      g_assert_cmpint (bo_checkin_get_verdict (scan), ==, BO_VERDICT_ACCEPTED);
    }

  g_assert_true (bo_test_counter_sync (counter, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary->pushed, ==, 1001);
  g_assert_cmpint (bo_test_central_stat (central, "checkins"), ==, 1001);
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT count(DISTINCT batch_uuid) FROM outbox "
                                                 "WHERE kind = 'checkin'"), ==, 3);
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT max(n) FROM (SELECT count(*) AS n "
                                                 "FROM outbox GROUP BY batch_uuid)"), ==, 500);
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT count(*) FROM outbox WHERE kind = 'checkin' "
                                                 "AND response LIKE '%\"accepted\"%'"), ==, 1001);
  /* The server now reports them checked in. */
  g_clear_pointer (&summary, bo_sync_summary_free);
  g_assert_true (bo_test_counter_sync (counter, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bo_test_counter_int (counter, "SELECT count(*) FROM tickets WHERE event_id = 4 "
                                                 "AND checked_in_at IS NOT NULL"), ==, 1001);
  bo_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bo/sync/register", test_register);
  g_test_add_func ("/bo/sync/register-refuses-local-sales", test_register_refuses_local_sales);
  g_test_add_func ("/bo/sync/pull-catalogue", test_pull_catalogue);
  g_test_add_func ("/bo/sync/offline-sale", test_offline_sale);
  g_test_add_func ("/bo/sync/allocations-race", test_allocations_race);
  g_test_add_func ("/bo/sync/allocations-release", test_allocations_release);
  g_test_add_func ("/bo/sync/refund-propagates", test_refund_propagates);
  g_test_add_func ("/bo/sync/signature-and-revocation", test_signature_and_revocation);
  g_test_add_func ("/bo/sync/resume-after-kill", test_resume_after_kill);
  g_test_add_func ("/bo/sync/parked", test_parked);
  g_test_add_func ("/bo/sync/checkin-batches", test_checkin_batches);
  return g_test_run ();
}
