/* bench-checkin.c — check-in verdicts on a store of 1,000,000 tickets next to plain SQLite
 *
 * Two files in one temp dir hold the same tickets: the box-office store (opened through the
 * core, schema and pragmas as in production) and a plain SQLite file with the same tickets
 * and checkins tables, indexes and pragmas (WAL, synchronous=FULL). In the same run:
 *   (a) random lookups by secret: plain SELECT on the UNIQUE index vs bo_checkin_judge()
 *       (the read-only verdict: ticket, its type, its latest accepted scan, the object);
 *   (b) durable scans: bo_checkin_scan() (judge + checkins row + journal + outbox, one
 *       fsync'd transaction) vs plain SQLite inserting one checkins row per transaction.
 * Both sides are measured in alternating blocks so that drift (page cache, CPU clock) hits
 * them alike. BO_BENCH_TICKETS overrides the ticket count for quick runs; BO_BENCH_KEEP=1
 * keeps the temp dir for a look with sqlite3.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-util.h"
#include "bo-test-util.h"
#include "domain/bo-checkin.h"
#include "domain/bo-ticket-secret.h"

#define DEFAULT_TICKETS 1000000
#define N_SIGNED        3000    /* sold at this counter: signed secrets in the table */
#define N_SIGNED_ONLY   1000    /* sold at another counter, not synced: judged by signature */
#define N_LOOKUPS       20000
#define N_SCANS         500
#define N_COUNTS        7
#define BLOCK           500
#define SECRET_CHARS    32
#define EVENT_ID        1
#define TYPE_ID         1
#define OTHER_DEVICE    42

#define PLAIN_SCHEMA                                                                     \
  "CREATE TABLE tickets ("                                                               \
  " id INTEGER PRIMARY KEY, uuid TEXT UNIQUE, server_id INTEGER UNIQUE,"                 \
  " event_id INTEGER NOT NULL, ticket_type_id INTEGER NOT NULL, order_id INTEGER,"       \
  " order_code TEXT, secret TEXT NOT NULL UNIQUE, serial INTEGER, attendee_name TEXT,"   \
  " status TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'cancelled')),"      \
  " checked_in_at TEXT, print_count INTEGER NOT NULL DEFAULT 0,"                         \
  " reprint_requested INTEGER NOT NULL DEFAULT 0, updated_at TEXT);"                     \
  "CREATE INDEX tickets_order ON tickets (order_id) WHERE order_id IS NOT NULL;"         \
  "CREATE INDEX tickets_event_name ON tickets (event_id, attendee_name);"                \
  "CREATE TABLE checkins ("                                                              \
  " id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, event_id INTEGER NOT NULL,"       \
  " ticket_id INTEGER, secret TEXT NOT NULL, scanned_at TEXT NOT NULL, gate TEXT,"       \
  " direction TEXT NOT NULL DEFAULT 'entry', offline INTEGER NOT NULL DEFAULT 1,"        \
  " verdict TEXT NOT NULL, operator_id INTEGER, journal_seq INTEGER);"                   \
  "CREATE INDEX checkins_secret ON checkins (secret, event_id);"

#define INSERT_TICKET_SQL                                                                \
  "INSERT INTO tickets (id, uuid, server_id, event_id, ticket_type_id, order_code,"      \
  " secret, serial, attendee_name, status, updated_at)"                                  \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, '2026-02-01T10:00:00Z')"

#define LOOKUP_SQL                                                                       \
  "SELECT id, uuid, event_id, status, checked_in_at, attendee_name, order_code,"         \
  " ticket_type_id FROM tickets WHERE secret = ?1"

#define PLAIN_CHECKIN_SQL                                                                \
  "INSERT INTO checkins (uuid, event_id, ticket_id, secret, scanned_at, gate, direction," \
  " offline, verdict) VALUES (?1, ?2, ?3, ?4, ?5, 'North door', 'entry', 1, 'accepted')"

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static double
mean_us (const gint64 *samples,
         gsize         n)
{
  gint64 sum = 0;

  for (gsize i = 0; i < n; i++)
    sum += samples[i];
  return sum / 1000.0 / n;
}

static void
die_sqlite (sqlite3    *db,
            const char *what)
{
  g_printerr ("bench-checkin: %s: %s\n", what, sqlite3_errmsg (db));
  exit (1);
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    die_sqlite (db, sql);
}

static sqlite3_stmt *
prepare_or_die (sqlite3    *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    die_sqlite (db, sql);
  return stmt;
}

/* The same rows into both files, one transaction each, with a big page cache for the build
 * only; afterwards both go back to SQLite's default cache and a checkpointed, empty WAL. */
static void
fill (sqlite3     *db,
      const char  *secrets,
      char       **uuids,
      guint        n_tickets)
{
  sqlite3_stmt *stmt;

  exec_or_die (db, "PRAGMA cache_size=-262144");
  exec_or_die (db, "BEGIN IMMEDIATE");
  stmt = prepare_or_die (db, INSERT_TICKET_SQL);
  for (guint i = 0; i < n_tickets; i++)
    {
      char order_code[16];
      char attendee[32];
      gboolean is_signed = i >= n_tickets - N_SIGNED;

      g_snprintf (order_code, sizeof order_code, "O%07u", i / 3);
      g_snprintf (attendee, sizeof attendee, "Attendee %u", i);
      sqlite3_bind_int64 (stmt, 1, i + 1);
      if (is_signed)
        sqlite3_bind_text (stmt, 2, uuids[i - (n_tickets - N_SIGNED)], -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 2);
      if (is_signed)
        sqlite3_bind_null (stmt, 3);
      else
        sqlite3_bind_int64 (stmt, 3, i + 1);
      sqlite3_bind_int64 (stmt, 4, EVENT_ID);
      sqlite3_bind_int64 (stmt, 5, TYPE_ID);
      sqlite3_bind_text (stmt, 6, order_code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, secrets + (gsize) i * (BO_TICKET_SECRET_LEN + 1), -1,
                         SQLITE_STATIC);
      if (is_signed)
        sqlite3_bind_int64 (stmt, 8, i - (n_tickets - N_SIGNED) + 1);
      else
        sqlite3_bind_null (stmt, 8);
      sqlite3_bind_text (stmt, 9, attendee, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 10, i % 97 == 0 ? "cancelled" : "valid", -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        die_sqlite (db, "insert ticket");
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  exec_or_die (db, "COMMIT");
  exec_or_die (db, "PRAGMA wal_checkpoint(TRUNCATE)");
  exec_or_die (db, "PRAGMA cache_size=-2000");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *core_path = NULL;
  g_autofree char *plain_path = NULL;
  g_autoptr (BoStore) store = NULL;
  g_autoptr (BoDevice) device = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (1000003);
  sqlite3 *plain = NULL;
  sqlite3_stmt *lookup;
  sqlite3_stmt *insert;
  sqlite3_stmt *key_stmt;
  const char *env = g_getenv ("BO_BENCH_TICKETS");
  guint n_tickets = env != NULL ? (guint) MAX (g_ascii_strtoull (env, NULL, 10), N_SIGNED + 10)
                                : DEFAULT_TICKETS;
  const gsize stride = BO_TICKET_SECRET_LEN + 1;
  static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  g_autofree char *secrets = NULL;
  char **uuids = NULL;
  char **signed_only = NULL;
  g_autofree guint *picks = NULL;
  g_autofree gint64 *core_ns = NULL;
  g_autofree gint64 *plain_ns = NULL;
  guint8 other_pk[crypto_sign_PUBLICKEYBYTES];
  guint8 other_sk[crypto_sign_SECRETKEYBYTES];
  guint verdicts[BO_VERDICT_INVALID_SIGNATURE + 1] = { 0 };
  gint64 t0, build_core, build_plain, inside = 0, valid = 0;
  double core_mean, plain_mean, core_p50, core_p99, plain_p99, signed_mean, signed_p99;
  guint checksum = 0;

  if (sodium_init () < 0)
    return 1;

  dir = bo_test_make_tmpdir ();
  core_path = g_build_filename (dir, "boxoffice.db", NULL);
  plain_path = g_build_filename (dir, "plain.db", NULL);

  store = bo_store_open (core_path, &error);
  g_assert_no_error (error);
  device = bo_device_load (store, &error);
  g_assert_no_error (error);

  /* Secrets: random 32-character codes (online sales), then this counter's signed ones. */
  secrets = g_malloc0 ((gsize) n_tickets * stride);
  uuids = g_new0 (char *, N_SIGNED + 1);
  for (guint i = 0; i < n_tickets - N_SIGNED; i++)
    {
      char *s = secrets + (gsize) i * stride;

      for (guint j = 0; j < SECRET_CHARS; j++)
        s[j] = alphabet[g_rand_int_range (rand, 0, 32)];
    }
  for (guint i = 0; i < N_SIGNED; i++)
    {
      g_autofree char *s = bo_device_make_secret (device, EVENT_ID, TYPE_ID, i + 1);

      g_assert_cmpuint (strlen (s), ==, BO_TICKET_SECRET_LEN);
      memcpy (secrets + (gsize) (n_tickets - N_SIGNED + i) * stride, s, BO_TICKET_SECRET_LEN);
      uuids[i] = g_uuid_string_random ();
    }

  /* Another counter's key, and tickets it sold that this store has not seen yet. */
  crypto_sign_keypair (other_pk, other_sk);
  signed_only = g_new0 (char *, N_SIGNED_ONLY + 1);
  for (guint i = 0; i < N_SIGNED_ONLY; i++)
    {
      BoTicketPayload payload = { OTHER_DEVICE, EVENT_ID, TYPE_ID, i + 1, { 0 } };

      randombytes_buf (payload.nonce, sizeof payload.nonce);
      signed_only[i] = bo_ticket_secret_sign (&payload, other_sk);
    }

  g_print ("checkin bench: building %u tickets (%u signed here) in %s\n", n_tickets, N_SIGNED,
           dir);

  /* The core store: catalogue rows the tickets refer to, then the tickets. */
  {
    sqlite3 *db = bo_store_get_db (store);

    exec_or_die (db,
                 "INSERT INTO events (id, name, starts_at, currency)"
                 " VALUES (1, 'Big concert', '2026-03-01T19:00:00Z', 'EUR');"
                 "INSERT INTO ticket_types (id, event_id, name, price)"
                 " VALUES (1, 1, 'Standing', 2500);");
    key_stmt = prepare_or_die (db, "INSERT INTO device_keys (device_id, public_key) VALUES (?1, ?2)");
    sqlite3_bind_int64 (key_stmt, 1, OTHER_DEVICE);
    sqlite3_bind_blob (key_stmt, 2, other_pk, sizeof other_pk, SQLITE_STATIC);
    if (sqlite3_step (key_stmt) != SQLITE_DONE)
      die_sqlite (db, "insert key");
    sqlite3_finalize (key_stmt);

    t0 = now_ns ();
    fill (db, secrets, uuids, n_tickets);
    build_core = now_ns () - t0;
  }

  /* The plain file, same layout and pragmas. */
  if (sqlite3_open_v2 (plain_path, &plain, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                       SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    die_sqlite (plain, plain_path);
  exec_or_die (plain, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
  exec_or_die (plain, PLAIN_SCHEMA);
  t0 = now_ns ();
  fill (plain, secrets, uuids, n_tickets);
  build_plain = now_ns () - t0;

  g_print ("checkin bench: built in %.1f s (core store) and %.1f s (plain SQLite)\n",
           build_core / 1e9, build_plain / 1e9);

  lookup = prepare_or_die (plain, LOOKUP_SQL);
  insert = prepare_or_die (plain, PLAIN_CHECKIN_SQL);

  /* (a) lookups: the same random secrets on both sides, in alternating blocks. */
  picks = g_new (guint, N_LOOKUPS);
  core_ns = g_new (gint64, MAX (N_LOOKUPS, N_SCANS));
  plain_ns = g_new (gint64, MAX (N_LOOKUPS, N_SCANS));
  for (guint i = 0; i < N_LOOKUPS; i++)
    picks[i] = g_rand_int_range (rand, 0, n_tickets);

  /* warm-up: the first touches of each file pay for the OS page cache */
  for (guint i = 0; i < 2000; i++)
    {
      const char *s = secrets + (gsize) g_rand_int_range (rand, 0, n_tickets) * stride;
      g_autoptr (BoCheckin) c = bo_checkin_judge (store, EVENT_ID, s, BO_DIRECTION_ENTRY, NULL);

      sqlite3_bind_text (lookup, 1, s, -1, SQLITE_STATIC);
      checksum += sqlite3_step (lookup) == SQLITE_ROW;
      sqlite3_reset (lookup);
      checksum += c != NULL;
    }

  for (guint block = 0; block < N_LOOKUPS; block += BLOCK)
    {
      guint end = MIN (block + BLOCK, N_LOOKUPS);

      for (guint i = block; i < end; i++)
        {
          const char *s = secrets + (gsize) picks[i] * stride;

          t0 = now_ns ();
          sqlite3_bind_text (lookup, 1, s, -1, SQLITE_STATIC);
          if (sqlite3_step (lookup) != SQLITE_ROW)
            die_sqlite (plain, "lookup");
          checksum += (guint) sqlite3_column_int64 (lookup, 0);
          checksum += sqlite3_column_type (lookup, 1);
          checksum += (guint) sqlite3_column_int64 (lookup, 2);
          checksum += sqlite3_column_text (lookup, 3)[0];
          checksum += sqlite3_column_type (lookup, 4);
          checksum += sqlite3_column_text (lookup, 5)[0];
          checksum += sqlite3_column_text (lookup, 6)[0];
          checksum += (guint) sqlite3_column_int64 (lookup, 7);
          sqlite3_reset (lookup);
          plain_ns[i] = now_ns () - t0;
        }

      for (guint i = block; i < end; i++)
        {
          const char *s = secrets + (gsize) picks[i] * stride;
          BoCheckin *c;

          t0 = now_ns ();
          c = bo_checkin_judge (store, EVENT_ID, s, BO_DIRECTION_ENTRY, &error);
          core_ns[i] = now_ns () - t0;
          g_assert_no_error (error);
          verdicts[bo_checkin_get_verdict (c)]++;
          g_object_unref (c);
        }
    }

  core_mean = mean_us (core_ns, N_LOOKUPS);
  plain_mean = mean_us (plain_ns, N_LOOKUPS);
  core_p50 = bench_percentile (core_ns, N_LOOKUPS, 0.50) / 1e3;
  core_p99 = bench_percentile (core_ns, N_LOOKUPS, 0.99) / 1e3;
  plain_p99 = bench_percentile (plain_ns, N_LOOKUPS, 0.99) / 1e3;
  g_print ("checkin verdict: %.2f us/op (p50 %.2f us, p99 %.2f us, max %.1f us) | "
           "plain SQLite lookup: %.2f us/op (p99 %.2f us) | ratio %.2f\n",
           core_mean, core_p50, core_p99, bench_percentile (core_ns, N_LOOKUPS, 1.0) / 1e3,
           plain_mean, plain_p99, core_mean / plain_mean);
  g_print ("checkin verdicts of %u lookups: %u accepted, %u cancelled (every 97th ticket)\n",
           N_LOOKUPS, verdicts[BO_VERDICT_ACCEPTED], verdicts[BO_VERDICT_CANCELLED]);
  if (verdicts[BO_VERDICT_ACCEPTED] + verdicts[BO_VERDICT_CANCELLED] != N_LOOKUPS)
    {
      g_printerr ("bench-checkin: unexpected verdicts\n");
      return 1;
    }

  /* Signed secrets of another counter, not in the table: the Ed25519 path. */
  for (guint i = 0; i < N_SIGNED_ONLY; i++)
    {
      BoCheckin *c;

      t0 = now_ns ();
      c = bo_checkin_judge (store, EVENT_ID, signed_only[i], BO_DIRECTION_ENTRY, &error);
      core_ns[i] = now_ns () - t0;
      g_assert_no_error (error);
      if (bo_checkin_get_verdict (c) != BO_VERDICT_ACCEPTED)
        {
          g_printerr ("bench-checkin: signed-only secret not accepted\n");
          return 1;
        }
      g_object_unref (c);
    }
  signed_mean = mean_us (core_ns, N_SIGNED_ONLY);
  signed_p99 = bench_percentile (core_ns, N_SIGNED_ONLY, 0.99) / 1e3;
  g_print ("checkin verdict, signed by another counter (not in table): %.1f us/op (p99 %.1f us)\n",
           signed_mean, signed_p99);

  /* (b) durable scans of tickets not scanned yet (none cancelled), the same secrets on both
   * sides, alternating in blocks. */
  {
    g_autofree guint *scan_idx = g_new (guint, N_SCANS);
    guint next = 0;
    double scan_core_mean, scan_plain_mean;

    for (guint i = 0; i < N_SCANS; i++)
      {
        guint idx;

        do
          idx = (guint) ((guint64) next++ * 7919 % n_tickets);
        while (idx % 97 == 0);
        scan_idx[i] = idx;
      }

    for (guint block = 0; block < N_SCANS; block += 50)
      {
        guint end = MIN (block + 50, N_SCANS);

        for (guint i = block; i < end; i++)
          {
            const char *s = secrets + (gsize) scan_idx[i] * stride;
            g_autofree char *uuid = NULL;

            t0 = now_ns ();
            uuid = g_uuid_string_random ();
            exec_or_die (plain, "BEGIN IMMEDIATE");
            sqlite3_bind_text (insert, 1, uuid, -1, SQLITE_STATIC);
            sqlite3_bind_int64 (insert, 2, EVENT_ID);
            sqlite3_bind_int64 (insert, 3, scan_idx[i] + 1);
            sqlite3_bind_text (insert, 4, s, -1, SQLITE_STATIC);
            sqlite3_bind_text (insert, 5, "2026-03-01T19:00:00Z", -1, SQLITE_STATIC);
            if (sqlite3_step (insert) != SQLITE_DONE)
              die_sqlite (plain, "insert checkin");
            sqlite3_reset (insert);
            exec_or_die (plain, "COMMIT");
            plain_ns[i] = now_ns () - t0;
          }

        for (guint i = block; i < end; i++)
          {
            const char *s = secrets + (gsize) scan_idx[i] * stride;
            BoCheckin *c;

            t0 = now_ns ();
            c = bo_checkin_scan (store, device, NULL, EVENT_ID, s, "North door",
                                 BO_DIRECTION_ENTRY, &error);
            core_ns[i] = now_ns () - t0;
            g_assert_no_error (error);
            if (bo_checkin_get_verdict (c) != BO_VERDICT_ACCEPTED)
              {
                g_printerr ("bench-checkin: scan %u not accepted (%s)\n", i,
                            bo_verdict_to_string (bo_checkin_get_verdict (c)));
                return 1;
              }
            g_object_unref (c);
          }
      }

    scan_core_mean = mean_us (core_ns, N_SCANS);
    scan_plain_mean = mean_us (plain_ns, N_SCANS);
    g_print ("checkin scan (judge + record, durable): %.0f us/op (p50 %.0f us, p99 %.0f us) | "
             "plain SQLite insert + commit: %.0f us/op (p99 %.0f us) | ratio %.2f\n",
             scan_core_mean, bench_percentile (core_ns, N_SCANS, 0.50) / 1e3,
             bench_percentile (core_ns, N_SCANS, 0.99) / 1e3, scan_plain_mean,
             bench_percentile (plain_ns, N_SCANS, 0.99) / 1e3, scan_core_mean / scan_plain_mean);
  }

  /* Attendance over the whole event (the check-in page counts once when shown and after a
   * catalogue change, then follows its scans). The first count reads cold pages; the median
   * of the rest is what a recount costs the worker. */
  {
    gint64 count_ns[N_COUNTS];

    for (guint i = 0; i < N_COUNTS; i++)
      {
        t0 = now_ns ();
        if (!bo_checkin_count (store, EVENT_ID, &inside, &valid, &error))
          {
            g_printerr ("bench-checkin: count: %s\n", error->message);
            return 1;
          }
        count_ns[i] = now_ns () - t0;
      }
    g_print ("checkin count over %u tickets: first %.1f ms, then median %.1f ms"
             " (inside %lld, valid %lld)\n", n_tickets, count_ns[0] / 1e6,
             bench_percentile (count_ns + 1, N_COUNTS - 1, 0.50) / 1e6, (long long) inside,
             (long long) valid);
  }
  if (inside != N_SCANS)
    {
      g_printerr ("bench-checkin: inside is %" G_GINT64_FORMAT ", expected %d\n", inside,
                  N_SCANS);
      return 1;
    }
  g_print ("checkin p99 verdict target (< 1000 us): %s; lookup ratio target (<= 1.5): %s\n",
           core_p99 < 1000.0 ? "met" : "MISSED", core_mean / plain_mean <= 1.5 ? "met" : "MISSED");
  /* keeps the plain loop's reads from being optimised away */
  if (checksum == 0)
    g_print ("checksum 0\n");

  sqlite3_finalize (lookup);
  sqlite3_finalize (insert);
  sqlite3_close (plain);
  g_strfreev (uuids);
  g_strfreev (signed_only);
  g_clear_object (&device);
  g_clear_object (&store);
  if (g_getenv ("BO_BENCH_KEEP") == NULL)
    bo_test_rm_rf (dir);
  else
    g_print ("checkin bench: kept %s\n", dir);
  return 0;
}
