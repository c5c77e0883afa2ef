/* bench-sale.c — committing a sale on a store of 1,000,000 tickets, against plain SQLite
 *
 * Both sides use the same schema, the same file (copied), WAL and synchronous=FULL, and commit
 * the same rows per sale: order, line, payment, two tickets, sold count, serial, journal and
 * outbox rows. The core adds what a sale really needs on top (checks, Ed25519 signatures of two
 * secrets and the journal entry, JSON). Sales alternate between the two so that both see the
 * same disk. Prints per-sale cost, p50/p99, and the ratio.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sodium.h>

#include "bench-util.h"
#include "bo-test-util.h"
#include "domain/bo-demo.h"
#include "domain/bo-order.h"
#include "domain/bo-sale.h"
#include "domain/bo-shift.h"

#define N_TICKETS 1000000
#define N_SALES   300

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
random_text (char *out,
             gsize len)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  for (gsize i = 0; i < len; i++)
    out[i] = alphabet[randombytes_uniform (32)];
  out[len] = '\0';
}

static void
fill_tickets (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  char secret[33];

  exec_or_die (db, "BEGIN");
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO tickets (server_id, event_id, ticket_type_id, "
                                       "  secret, order_code, status) "
                                       "VALUES (?1, 1, 11, ?2, 'WEB', 'valid')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (int i = 1; i <= N_TICKETS; i++)
    {
      random_text (secret, 32);
      sqlite3_bind_int (stmt, 1, i);
      sqlite3_bind_text (stmt, 2, secret, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  exec_or_die (db, "UPDATE ticket_types SET capacity = NULL WHERE id = 11");
  exec_or_die (db, "COMMIT");
}

/* What the same sale writes, done with bare SQLite: statements prepared once, ids bound
 * directly — the leanest way to write these rows durably. */
enum {
  P_BEGIN, P_ORDER, P_LINE, P_PAYMENT, P_SOLD, P_SERIAL, P_TICKET, P_JOURNAL, P_OUTBOX, P_SEQ,
  P_COMMIT, N_PLAIN
};

static const char * const plain_sql[N_PLAIN] = {
  "BEGIN IMMEDIATE",
  "INSERT INTO orders (uuid, event_id, shift_id, operator_id, created_at, currency, total) "
  "VALUES (?1, 1, 1, 1, '2026-11-25T20:00:00Z', 'EUR', 5300)",
  "INSERT INTO order_lines (order_id, ticket_type_id, quantity, unit_price, unit_fee, tax_rate_bp) "
  "VALUES (?1, 11, 2, 2500, 150, 1700)",
  "INSERT INTO payments (order_id, method, amount) VALUES (?1, 'card', 5300)",
  "UPDATE ticket_types SET sold = sold + 2 WHERE id = 11",
  "UPDATE device SET next_serial = next_serial + 2 WHERE id = 1",
  "INSERT INTO tickets (uuid, event_id, ticket_type_id, order_id, secret, serial, status) "
  "VALUES (?1, 1, 11, ?2, ?3, ?4, 'valid')",
  /* The journal takes only the next sequence number (append-only trigger). */
  "INSERT INTO journal (seq, created_at, kind, ref_uuid, payload, prev_hash, hash, signature) "
  "VALUES ((SELECT coalesce (max (seq), 0) + 1 FROM journal), '2026-11-25T20:00:00Z', 'sale', ?1, "
  "        '{\"uuid\":\"x\",\"total\":5300}', ?2, ?2, ?2 || ?2)",
  "INSERT INTO outbox (kind, uuid, path, body, created_at) VALUES ('order', ?1, '/orders', "
  "  '{\"uuid\":\"x\",\"total\":5300}', '2026-11-25T20:00:00Z')",
  "UPDATE orders SET journal_seq = ?2 WHERE id = ?1",
  "COMMIT",
};

static void
plain_step (sqlite3_stmt *stmt)
{
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
}

static void
plain_sale (sqlite3       *db,
            sqlite3_stmt **st,
            int            n)
{
  g_autofree char *uuid = g_uuid_string_random ();
  char secret[140], hash[65];
  gint64 order_id, seq;

  plain_step (st[P_BEGIN]);
  sqlite3_bind_text (st[P_ORDER], 1, uuid, -1, SQLITE_STATIC);
  plain_step (st[P_ORDER]);
  order_id = sqlite3_last_insert_rowid (db);
  sqlite3_bind_int64 (st[P_LINE], 1, order_id);
  plain_step (st[P_LINE]);
  sqlite3_bind_int64 (st[P_PAYMENT], 1, order_id);
  plain_step (st[P_PAYMENT]);
  plain_step (st[P_SOLD]);
  plain_step (st[P_SERIAL]);
  for (int k = 0; k < 2; k++)
    {
      g_autofree char *ticket_uuid = g_uuid_string_random ();

      random_text (secret, 139);
      sqlite3_bind_text (st[P_TICKET], 1, ticket_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (st[P_TICKET], 2, order_id);
      sqlite3_bind_text (st[P_TICKET], 3, secret, -1, SQLITE_STATIC);
      sqlite3_bind_int (st[P_TICKET], 4, n * 2 + k + 1000);
      plain_step (st[P_TICKET]);
    }
  random_text (hash, 64);
  sqlite3_bind_text (st[P_JOURNAL], 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (st[P_JOURNAL], 2, hash, -1, SQLITE_STATIC);
  plain_step (st[P_JOURNAL]);
  seq = sqlite3_last_insert_rowid (db);
  sqlite3_bind_text (st[P_OUTBOX], 1, uuid, -1, SQLITE_STATIC);
  plain_step (st[P_OUTBOX]);
  sqlite3_bind_int64 (st[P_SEQ], 1, order_id);
  sqlite3_bind_int64 (st[P_SEQ], 2, seq);
  plain_step (st[P_SEQ]);
  plain_step (st[P_COMMIT]);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autofree char *core_path = g_build_filename (dir, "core.db", NULL);
  g_autofree char *plain_path = g_build_filename (dir, "plain.db", NULL);
  g_autofree char *copy = NULL;
  g_autoptr (BoStore) store = NULL;
  g_autoptr (BoDevice) device = NULL;
  g_autoptr (BoOperator) cashier = NULL;
  g_autoptr (BoShift) shift = NULL;
  g_autoptr (GArray) core_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) plain_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *plain = NULL;
  sqlite3_stmt *plain_stmts[N_PLAIN];
  gint64 start, core_total = 0, plain_total = 0;
  int rc;

  if (sodium_init () < 0)
    g_error ("libsodium");

  start = g_get_monotonic_time ();
  store = bo_store_open (core_path, &error);
  g_assert_no_error (error);
  device = bo_device_load (store, &error);
  g_assert_no_error (error);
  bo_demo_populate (store, device, &error);
  g_assert_no_error (error);
  cashier = bo_operator_login (store, BO_DEMO_CASHIER_PIN, &error);
  g_assert_no_error (error);
  shift = bo_shift_open (store, device, cashier, 0, &error);
  g_assert_no_error (error);
  fill_tickets (bo_store_get_db (store));
  g_clear_object (&shift);
  g_clear_object (&device);
  g_clear_object (&store);
  copy = g_strdup_printf ("cp '%s' '%s'", core_path, plain_path);
  g_assert_cmpint (system (copy), ==, 0);
  g_print ("store of %d tickets built in %.1f s\n", N_TICKETS,
           (g_get_monotonic_time () - start) / 1e6);

  store = bo_store_open (core_path, &error);
  g_assert_no_error (error);
  device = bo_device_load (store, &error);
  g_assert_no_error (error);
  rc = sqlite3_open (plain_path, &plain);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  exec_or_die (plain, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON");
  for (int i = 0; i < N_PLAIN; i++)
    g_assert_cmpint (sqlite3_prepare_v2 (plain, plain_sql[i], -1, &plain_stmts[i], NULL), ==,
                     SQLITE_OK);

  for (int i = 0; i < N_SALES; i++)
    {
      g_autoptr (BoSale) sale = bo_sale_new (1);
      g_autoptr (BoOrder) order = NULL;
      gint64 t0, t1, t2;

      bo_sale_add_tickets (sale, 11, 2, NULL);
      bo_sale_add_payment (sale, BO_PAYMENT_CARD, BO_PAYMENT_REST, -1, NULL);

      t0 = g_get_monotonic_time ();
      order = bo_sale_commit (sale, store, device, cashier, &error);
      t1 = g_get_monotonic_time ();
      g_assert_no_error (error);
      plain_sale (plain, plain_stmts, i);
      t2 = g_get_monotonic_time ();

      g_array_append_val (core_us, (gint64) { t1 - t0 });
      g_array_append_val (plain_us, (gint64) { t2 - t1 });
      core_total += t1 - t0;
      plain_total += t2 - t1;
    }

  g_print ("sale commit (2 tickets, 1M-ticket store): %.0f us/sale (p50 %.0f us, p99 %.0f us)"
           " | plain SQLite same rows: %.0f us/sale (p50 %.0f us, p99 %.0f us)"
           " | ratio %.2f (target < 2)\n",
           (double) core_total / N_SALES,
           bench_percentile ((gint64 *) core_us->data, core_us->len, 0.50),
           bench_percentile ((gint64 *) core_us->data, core_us->len, 0.99),
           (double) plain_total / N_SALES,
           bench_percentile ((gint64 *) plain_us->data, plain_us->len, 0.50),
           bench_percentile ((gint64 *) plain_us->data, plain_us->len, 0.99),
           (double) core_total / (double) plain_total);

  for (int i = 0; i < N_PLAIN; i++)
    sqlite3_finalize (plain_stmts[i]);
  sqlite3_close (plain);
  g_clear_object (&cashier);
  g_clear_object (&device);
  g_clear_object (&store);
  bo_test_rm_rf (dir);
  return 0;
}
