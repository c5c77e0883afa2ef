/* test-powercut.c — SIGKILL a selling process at random moments; nothing may be half-written
 *
 * The child is this program run again with --child: it opens the store like the CLI does and
 * sells (with the odd refund and check-in) as fast as it can until it is killed. After each
 * kill the parent reopens the database and checks that every business operation is there
 * whole or not at all. The seed is printed; set BO_POWERCUT_SEED to replay a run (the kill
 * moments still depend on timing).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bo-test-util.h"

#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/bo-checkin.h"
#include "domain/bo-demo.h"
#include "domain/bo-event.h"
#include "domain/bo-order.h"
#include "domain/bo-refund.h"
#include "domain/bo-sale.h"
#include "domain/bo-shift.h"
#include "domain/bo-ticket-type.h"

#define ITERATIONS       36
#define MAX_KILL_DELAY_US 50000
#define DEFAULT_SEED     20251125u
#define CHILD_EXIT_ERROR 3

/* ---- child ---------------------------------------------------------------------------- */

static void G_GNUC_NORETURN
child_fail (const char *what,
            GError     *error)
{
  fprintf (stderr, "child: %s: %s\n", what, error != NULL ? error->message : "?");
  exit (CHILD_EXIT_ERROR);
}

static int
child_main (const char *db,
            guint32     seed)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoStore) store = NULL;
  g_autoptr (BoDevice) device = NULL;
  g_autoptr (BoOperator) cashier = NULL;
  g_autoptr (BoOperator) manager = NULL;
  g_autoptr (GListModel) events = NULL;
  g_autoptr (GArray) types = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  g_autoptr (BoOrder) last = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);

  store = bo_store_open (db, &error);
  if (store == NULL)
    child_fail ("open", error);
  device = bo_device_load (store, &error);
  if (device == NULL)
    child_fail ("device", error);
  cashier = bo_operator_login (store, BO_DEMO_CASHIER_PIN, &error);
  if (cashier == NULL)
    child_fail ("login cashier", error);
  manager = bo_operator_login (store, BO_DEMO_MANAGER_PIN, &error);
  if (manager == NULL)
    child_fail ("login manager", error);

  events = bo_event_list (store, &error);
  if (events == NULL)
    child_fail ("events", error);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr (BoEvent) event = g_list_model_get_item (events, i);
      g_autoptr (GListModel) list = bo_ticket_type_list_for_event (store, bo_event_get_id (event),
                                                                   &error);

      if (list == NULL)
        child_fail ("types", error);
      for (guint j = 0; j < g_list_model_get_n_items (list); j++)
        {
          g_autoptr (BoTicketType) type = g_list_model_get_item (list, j);
          gint64 pair[2] = { bo_event_get_id (event), bo_ticket_type_get_id (type) };

          g_array_append_vals (types, pair, 1);
        }
    }
  if (types->len == 0)
    child_fail ("no ticket types", NULL);

  fputs ("ready\n", stdout);
  fflush (stdout);

  for (guint n = 0;; n++)
    {
      gint64 *pair = &g_array_index (types, gint64, 2 * g_rand_int_range (rand, 0, types->len));
      g_autoptr (BoSale) sale = bo_sale_new (pair[0]);
      g_autoptr (BoOrder) order = NULL;
      BoOperator *seller = cashier;

      if (!bo_sale_add_tickets (sale, pair[1], g_rand_int_range (rand, 1, 4), &error))
        child_fail ("add tickets", error);
      /* A second type of the same event now and then. */
      for (guint j = 0; j < types->len; j++)
        {
          gint64 *other = &g_array_index (types, gint64, 2 * j);

          if (other[0] == pair[0] && other[1] != pair[1] && g_rand_boolean (rand))
            {
              if (!bo_sale_add_tickets (sale, other[1], 1, &error))
                child_fail ("add tickets", error);
              break;
            }
        }

      switch (g_rand_int_range (rand, 0, 5))
        {
        case 0:
          bo_sale_add_payment (sale, BO_PAYMENT_CASH, BO_PAYMENT_REST, -1, NULL);
          break;
        case 1:
          bo_sale_add_payment (sale, BO_PAYMENT_CASH, BO_PAYMENT_REST, 1000000, NULL);
          break;
        case 2:
          bo_sale_add_payment (sale, BO_PAYMENT_CARD, BO_PAYMENT_REST, -1, "TERM");
          break;
        case 3:
          bo_sale_add_payment (sale, BO_PAYMENT_VOUCHER, 100, -1, "GIFT");
          bo_sale_add_payment (sale, BO_PAYMENT_CARD, BO_PAYMENT_REST, -1, NULL);
          break;
        default:
          bo_sale_add_payment (sale, BO_PAYMENT_FREE, BO_PAYMENT_REST, -1, NULL);
          seller = manager;
          break;
        }

      order = bo_sale_commit (sale, store, device, seller, &error);
      if (order == NULL)
        child_fail ("sale", error);

      if (last != NULL && n % 5 == 4)
        {
          g_autoptr (BoRefund) refund = bo_refund_order (store, device, manager,
                                                         bo_order_get_uuid (last), NULL,
                                                         "power cut test", &error);

          if (refund == NULL)
            {
              if (!g_error_matches (error, BO_REFUND_ERROR, BO_REFUND_ERROR_CHECKED_IN)
                  && !g_error_matches (error, BO_REFUND_ERROR, BO_REFUND_ERROR_NOTHING_TO_REFUND))
                child_fail ("refund", error);
              g_clear_error (&error);
            }
        }
      if (n % 7 == 3)
        {
          BoOrderTicket *ticket = g_ptr_array_index (bo_order_get_tickets (order), 0);
          g_autoptr (BoCheckin) checkin = bo_checkin_scan (store, device, cashier,
                                                           bo_order_get_event_id (order),
                                                           ticket->secret, "Gate",
                                                           BO_DIRECTION_ENTRY, &error);

          if (checkin == NULL)
            child_fail ("checkin", error);
        }

      g_clear_object (&last);
      last = g_steal_pointer (&order);
    }
  return 0;
}

/* ---- parent --------------------------------------------------------------------------- */

static char *
query_text (BoStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;
  int rc;

  rc = sqlite3_prepare_v2 (bo_store_get_db (store), sql, -1, &stmt, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  rc = sqlite3_step (stmt);
  g_assert_cmpint (rc, ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* Everything the counter wrote must add up, whatever moment the process died at. */
static void
check_store (const char *db,
             GHashTable *baseline_sold,
             gint64     *out_orders)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoStore) store = bo_store_open (db, &error);
  g_autofree char *integrity = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (JsonNode) verify = NULL;
  sqlite3_stmt *stmt = NULL;
  const char *argv[] = { "--db", db, "--json", "journal", "verify", NULL };
  gint64 orders, journal_entries;
  int status;

  g_assert_no_error (error);

  integrity = query_text (store, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (bo_test_query_int (store, "SELECT count(*) FROM pragma_foreign_key_check"),
                   ==, 0);

  orders = bo_test_query_int (store, "SELECT count(*) FROM orders");
  *out_orders = orders;

  /* Lines and tickets: every order has lines, and as many tickets as they say. */
  g_assert_cmpint (bo_test_query_int (store,
                                      "SELECT count(*) FROM orders o WHERE NOT EXISTS "
                                      "(SELECT 1 FROM order_lines WHERE order_id = o.id)"), ==, 0);
  g_assert_cmpint (bo_test_query_int (store,
                                      "SELECT count(*) FROM orders o WHERE "
                                      "(SELECT sum (quantity) FROM order_lines WHERE order_id = o.id)"
                                      " != (SELECT count(*) FROM tickets WHERE order_id = o.id)"),
                   ==, 0);
  /* Payments cover the total exactly. */
  g_assert_cmpint (bo_test_query_int (store,
                                      "SELECT count(*) FROM orders o WHERE o.total != "
                                      "(SELECT coalesce (sum (amount), 0) FROM payments "
                                      " WHERE order_id = o.id)"), ==, 0);
  /* Totals are what the lines say. */
  g_assert_cmpint (bo_test_query_int (store,
                                      "SELECT count(*) FROM orders o WHERE o.total != "
                                      "(SELECT sum (quantity * (unit_price + unit_fee)) "
                                      " FROM order_lines WHERE order_id = o.id)"), ==, 0);
  /* One journal entry and one outbox entry per order, and none for orders that are not. */
  g_assert_cmpint (bo_test_query_int (store,
                                      "SELECT count(*) FROM orders o WHERE "
                                      "(SELECT count(*) FROM journal WHERE kind = 'sale' "
                                      " AND ref_uuid = o.uuid AND seq = o.journal_seq) != 1"),
                   ==, 0);
  g_assert_cmpint (bo_test_query_int (store, "SELECT count(*) FROM journal WHERE kind = 'sale'"),
                   ==, orders);
  g_assert_cmpint (bo_test_query_int (store,
                                      "SELECT count(*) FROM orders o WHERE "
                                      "(SELECT count(*) FROM outbox WHERE kind = 'order' "
                                      " AND uuid = o.uuid) != 1"), ==, 0);
  g_assert_cmpint (bo_test_query_int (store, "SELECT count(*) FROM outbox WHERE kind = 'order'"),
                   ==, orders);
  /* Refunds and check-ins likewise. */
  g_assert_cmpint (bo_test_query_int (store,
                                      "SELECT count(*) FROM refunds r WHERE "
                                      "(SELECT count(*) FROM journal WHERE kind IN ('refund', 'void')"
                                      " AND ref_uuid = r.uuid) != 1 OR "
                                      "(SELECT count(*) FROM outbox WHERE kind = 'refund' "
                                      " AND uuid = r.uuid) != 1 OR NOT EXISTS "
                                      "(SELECT 1 FROM refund_tickets WHERE refund_id = r.id)"),
                   ==, 0);
  g_assert_cmpint (bo_test_query_int (store, "SELECT count(*) FROM tickets WHERE status = "
                                             "'cancelled' AND order_id IS NOT NULL"), ==,
                   bo_test_query_int (store, "SELECT count(*) FROM refund_tickets"));
  g_assert_cmpint (bo_test_query_int (store,
                                      "SELECT count(*) FROM checkins c WHERE "
                                      "(SELECT count(*) FROM journal WHERE kind = 'checkin' "
                                      " AND ref_uuid = c.uuid) != 1"), ==, 0);
  g_assert_cmpint (bo_test_query_int (store, "SELECT count(*) FROM journal WHERE kind = "
                                             "'checkin'"), ==,
                   bo_test_query_int (store, "SELECT count(*) FROM checkins"));

  /* Sold counts: the demo's figure plus the valid tickets sold here. */
  g_assert_cmpint (sqlite3_prepare_v2 (bo_store_get_db (store),
                                       "SELECT t.id, t.sold, (SELECT count(*) FROM tickets k "
                                       " WHERE k.ticket_type_id = t.id AND k.order_id IS NOT NULL"
                                       " AND k.status = 'valid') FROM ticket_types t",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 *base = g_hash_table_lookup (baseline_sold, &id);

      g_assert_nonnull (base);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, *base + sqlite3_column_int64 (stmt, 2));
    }
  sqlite3_finalize (stmt);

  /* The journal is gapless and verifies. */
  journal_entries = bo_test_query_int (store, "SELECT count(*) FROM journal");
  g_assert_cmpint (bo_test_query_int (store, "SELECT coalesce (max (seq), 0) FROM journal"), ==,
                   journal_entries);
  g_clear_object (&store);

  status = bo_test_run_cli (argv, &out, &err);
  if (status != 0)
    g_test_message ("journal verify: %s", err);
  g_assert_cmpint (status, ==, 0);
  verify = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (verify), "ok"));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (verify), "entries"), ==,
                   journal_entries);
}

static guint32
test_seed (void)
{
  const char *text = g_getenv ("BO_POWERCUT_SEED");
  guint64 seed;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &seed, NULL))
    return (guint32) seed;
  return DEFAULT_SEED;
}

static void
test_kill_while_selling (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "boxoffice.db", NULL);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", &error);
  g_autoptr (GHashTable) baseline = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           NULL);
  g_autoptr (GRand) rand = NULL;
  guint32 seed = test_seed ();
  gint64 orders = 0, previous_orders = 0;
  guint progressed = 0;

  g_assert_no_error (error);
  g_test_message ("seed %u (set BO_POWERCUT_SEED=%u to replay)", seed, seed);
  rand = g_rand_new_with_seed (seed);

  /* Demo catalogue, unlimited capacity (this test is about atomicity, not sold-out), a shift. */
  {
    g_autoptr (BoStore) store = bo_store_open (db, &error);
    g_autoptr (BoDevice) device = NULL;
    g_autoptr (BoOperator) cashier = NULL;
    g_autoptr (BoShift) shift = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_no_error (error);
    device = bo_device_load (store, &error);
    g_assert_no_error (error);
    bo_demo_populate (store, device, &error);
    g_assert_no_error (error);
    bo_store_exec (store, "UPDATE ticket_types SET capacity = NULL", &error);
    g_assert_no_error (error);
    cashier = bo_operator_login (store, BO_DEMO_CASHIER_PIN, &error);
    g_assert_no_error (error);
    shift = bo_shift_open (store, device, cashier, 100000, &error);
    g_assert_no_error (error);

    g_assert_cmpint (sqlite3_prepare_v2 (bo_store_get_db (store),
                                         "SELECT id, sold FROM ticket_types", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        gint64 *id = g_new (gint64, 2);

        id[0] = sqlite3_column_int64 (stmt, 0);
        id[1] = sqlite3_column_int64 (stmt, 1);
        /* key and value share the allocation: value points at id[1] */
        g_hash_table_insert (baseline, id, &id[1]);
      }
    sqlite3_finalize (stmt);
  }

  for (guint i = 0; i < ITERATIONS; i++)
    {
      g_autoptr (GSubprocess) child = NULL;
      g_autoptr (GDataInputStream) lines = NULL;
      g_autofree char *child_seed = g_strdup_printf ("%u", seed + i);
      g_autofree char *ready = NULL;
      const char *argv[] = { self, "--child", db, child_seed, NULL };
      gulong delay = g_rand_int_range (rand, 0, MAX_KILL_DELAY_US + 1);

      child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
      g_assert_no_error (error);
      lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
      ready = g_data_input_stream_read_line (lines, NULL, NULL, &error);
      g_assert_no_error (error);
      if (g_strcmp0 (ready, "ready") != 0)
        {
          g_subprocess_wait (child, NULL, NULL);
          g_error ("child did not start (exit %d)", g_subprocess_get_exit_status (child));
        }

      g_usleep (delay);
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);
      /* Killed, not dead of its own accord (an error in the child exits with a status). */
      g_assert_false (g_subprocess_get_if_exited (child));
      g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

      check_store (db, baseline, &orders);
      g_test_message ("iteration %u: killed after %lu us, %" G_GINT64_FORMAT " orders", i, delay,
                      orders);
      if (orders > previous_orders)
        progressed++;
      previous_orders = orders;
    }

  /* The kills must have hit a process that was really writing. */
  g_assert_cmpint (orders, >=, ITERATIONS);
  g_assert_cmpuint (progressed, >=, ITERATIONS / 2);

  bo_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return child_main (argv[2], (guint32) g_ascii_strtoull (argv[3], NULL, 10));

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bo/powercut/kill-while-selling", test_kill_while_selling);
  return g_test_run ();
}
