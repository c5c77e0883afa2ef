/* test-journal.c — the hash-chained, signed journal and what tampering with it looks like
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sodium.h>
#include <string.h>

#include "bo-test-util.h"
#include "domain/bo-journal.h"

#define N_ENTRIES 20

static void
append_entries (BoTestFixture *fx,
                guint          count)
{
  g_autoptr (GError) error = NULL;
  gint64 head = 0;

  g_free (bo_journal_head (fx->store, &head, &error));
  g_assert_no_error (error);

  g_assert_true (bo_store_begin (fx->store, &error));
  for (guint i = 1; i <= count; i++)
    {
      g_autofree char *payload = g_strdup_printf ("{\"n\":%u,\"amount\":%u}", i, 1500 + i);
      g_autofree char *ref = g_strdup_printf ("00000000-0000-4000-8000-%012u", i);
      gint64 seq = 0;

      /* every tenth entry has no reference, as shift entries do */
      g_assert_true (bo_journal_append (fx->store, fx->device,
                                        i % 2 ? BO_JOURNAL_SALE : BO_JOURNAL_REFUND,
                                        i % 10 ? ref : NULL, payload, &seq, &error));
      g_assert_no_error (error);
      g_assert_cmpint (seq, ==, head + i);
    }
  g_assert_true (bo_store_commit (fx->store, &error));
}

static void
assert_verifies (BoTestFixture *fx,
                 gint64         count)
{
  g_autoptr (GError) error = NULL;
  gint64 got = -1, bad = -1;

  g_assert_true (bo_journal_verify (fx->store, bo_device_get_public_key (fx->device), &got,
                                    &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (got, ==, count);
  g_assert_cmpint (bad, ==, 0);
}

static void
assert_broken_at (BoTestFixture *fx,
                  gint64         seq,
                  const char    *what)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 count = -1, bad = -1;

  g_assert_false (bo_journal_verify (fx->store, bo_device_get_public_key (fx->device), &count,
                                     &bad, &error));
  g_assert_error (error, BO_JOURNAL_ERROR, BO_JOURNAL_ERROR_BROKEN);
  g_assert_cmpint (bad, ==, seq);
  g_assert_cmpint (count, ==, seq - 1);
  expected = g_strdup_printf ("Journal entry %" G_GINT64_FORMAT "%s", seq, what);
  g_assert_cmpstr (error->message, ==, expected);
}

/* A second, plain SQLite connection: what someone with the file and the sqlite3 shell can do. */
static sqlite3 *
open_raw (BoTestFixture *fx)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fx->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Changes one byte of one text column of entry @seq (trigger dropped first). */
static void
tamper_byte (BoTestFixture *fx,
             gint64         seq,
             const char    *column,
             gsize          offset)
{
  sqlite3 *db = open_raw (fx);
  g_autofree char *select = g_strdup_printf ("SELECT %s FROM journal WHERE seq = ?1", column);
  g_autofree char *update = g_strdup_printf ("UPDATE journal SET %s = ?1 WHERE seq = ?2", column);
  g_autofree char *value = NULL;
  sqlite3_stmt *stmt = NULL;

  raw_exec (db, "DROP TRIGGER journal_no_update");

  g_assert_cmpint (sqlite3_prepare_v2 (db, select, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, seq);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  g_assert_cmpuint (strlen (value), >, offset);
  /* a digit becomes the next digit, a hex letter the next letter: still plausible text */
  value[offset] = value[offset] == '9' ? '0' : value[offset] == 'f' ? 'a' : value[offset] + 1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, update, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, seq);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_append_verify (BoTestFixture *fx,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *empty_head = NULL;
  g_autofree char *head = NULL;
  gint64 seq = -1;

  empty_head = bo_journal_head (fx->store, &seq, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seq, ==, 0);
  g_assert_cmpuint (strlen (empty_head), ==, 64);
  g_assert_cmpuint (strspn (empty_head, "0"), ==, 64);
  assert_verifies (fx, 0);

  append_entries (fx, N_ENTRIES);
  assert_verifies (fx, N_ENTRIES);

  head = bo_journal_head (fx->store, &seq, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seq, ==, N_ENTRIES);
  g_assert_cmpuint (strlen (head), ==, 64);
  g_assert_cmpuint (strspn (head, "0123456789abcdef"), ==, 64);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM journal"), ==, N_ENTRIES);
  g_assert_cmpint (bo_test_query_int (fx->store,
                                      "SELECT count(*) FROM journal j JOIN journal p "
                                      "ON p.seq = j.seq - 1 AND j.prev_hash = p.hash"),
                   ==, N_ENTRIES - 1);
  g_assert_cmpint (bo_test_query_int (fx->store,
                                      "SELECT count(*) FROM journal WHERE length (signature) = 128 "
                                      "AND signature NOT GLOB '*[^0-9a-f]*'"),
                   ==, N_ENTRIES);

  /* a second batch continues the same chain */
  append_entries (fx, 5);
  assert_verifies (fx, N_ENTRIES + 5);

  /* with a stranger's key nothing verifies, and entry 1 is named */
  {
    guint8 pk[32], sk[64];
    gint64 bad = 0;

    crypto_sign_keypair (pk, sk);
    g_assert_false (bo_journal_verify (fx->store, pk, NULL, &bad, &error));
    g_assert_error (error, BO_JOURNAL_ERROR, BO_JOURNAL_ERROR_BROKEN);
    g_assert_cmpint (bad, ==, 1);
  }
}

/* The hash format documented in bo-journal.c, computed here from the stored row with bare
 * libsodium, as an auditor would. */
static void
auditor_hash (sqlite3_stmt *row,
              const guint8 *prev,
              guint8       *out)
{
  crypto_generichash_state state;
  guint8 be[8];

  crypto_generichash_init (&state, NULL, 0, 32);
  for (int field = 0; field < 6; field++)
    {
      const guint8 *data;
      guint64 len;

      if (field == 0)
        {
          static guint8 seq_be[8];
          guint64 seq = (guint64) sqlite3_column_int64 (row, 0);

          for (int i = 0; i < 8; i++)
            seq_be[i] = (guint8) (seq >> (56 - 8 * i));
          data = seq_be;
          len = 8;
        }
      else if (field == 5)
        {
          data = prev;
          len = 32;
        }
      else
        {
          data = sqlite3_column_text (row, field);
          len = data != NULL ? (guint64) sqlite3_column_bytes (row, field) : G_MAXUINT64;
        }

      for (int i = 0; i < 8; i++)
        be[i] = (guint8) (len >> (56 - 8 * i));
      crypto_generichash_update (&state, be, 8);
      if (data != NULL)
        crypto_generichash_update (&state, data, len);
    }
  crypto_generichash_final (&state, out, 32);
}

static void
test_format (BoTestFixture *fx,
             gconstpointer  data)
{
  sqlite3_stmt *stmt = NULL;
  guint8 prev[32] = { 0 };
  guint rows = 0, null_refs = 0;

  bo_test_pin_clock ("2026-03-01T19:30:00Z");
  append_entries (fx, 12);
  bo_test_pin_clock (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (bo_store_get_db (fx->store),
                                       "SELECT seq, created_at, kind, ref_uuid, payload, "
                                       "prev_hash, hash, signature FROM journal ORDER BY seq",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint8 hash[32], signature[64];
      char hex[129];

      rows++;
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "2026-03-01T19:30:00Z");
      if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
        null_refs++;

      sodium_bin2hex (hex, sizeof hex, prev, 32);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 5), ==, hex);

      auditor_hash (stmt, prev, hash);
      sodium_bin2hex (hex, sizeof hex, hash, 32);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 6), ==, hex);

      g_assert_cmpint (sodium_hex2bin (signature, sizeof signature,
                                       (const char *) sqlite3_column_text (stmt, 7), 128,
                                       NULL, NULL, NULL), ==, 0);
      g_assert_cmpint (crypto_sign_verify_detached (signature, hash, 32,
                                                    bo_device_get_public_key (fx->device)), ==, 0);
      memcpy (prev, hash, 32);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (rows, ==, 12);
  g_assert_cmpuint (null_refs, ==, 1);
}

static void
test_tamper_payload (BoTestFixture *fx,
                     gconstpointer  data)
{
  append_entries (fx, N_ENTRIES);
  /* the last digit of "amount":1507 */
  tamper_byte (fx, 7, "payload", strlen ("{\"n\":7,\"amount\":150"));
  assert_broken_at (fx, 7, ": hash does not match its contents");
}

static void
test_tamper_created_at (BoTestFixture *fx,
                        gconstpointer  data)
{
  append_entries (fx, N_ENTRIES);
  /* the last digit of the seconds */
  tamper_byte (fx, 13, "created_at", strlen ("2026-03-01T19:30:0"));
  assert_broken_at (fx, 13, ": hash does not match its contents");
}

static void
test_tamper_kind_and_ref (BoTestFixture *fx,
                          gconstpointer  data)
{
  sqlite3 *db;

  append_entries (fx, N_ENTRIES);
  db = open_raw (fx);
  raw_exec (db, "DROP TRIGGER journal_no_update");
  raw_exec (db, "UPDATE journal SET kind = 'void' WHERE seq = 4");
  sqlite3_close (db);
  assert_broken_at (fx, 4, ": hash does not match its contents");
}

static void
test_tamper_null_ref (BoTestFixture *fx,
                      gconstpointer  data)
{
  sqlite3 *db;

  /* NULL and "" are different references */
  append_entries (fx, N_ENTRIES);
  g_assert_cmpint (bo_test_query_int (fx->store,
                                      "SELECT ref_uuid IS NULL FROM journal WHERE seq = 10"),
                   ==, 1);
  db = open_raw (fx);
  raw_exec (db, "DROP TRIGGER journal_no_update");
  raw_exec (db, "UPDATE journal SET ref_uuid = '' WHERE seq = 10");
  sqlite3_close (db);
  assert_broken_at (fx, 10, ": hash does not match its contents");
}

static void
test_tamper_signature (BoTestFixture *fx,
                       gconstpointer  data)
{
  append_entries (fx, N_ENTRIES);
  tamper_byte (fx, 11, "signature", 70);
  assert_broken_at (fx, 11, ": signature is not valid");
}

static void
test_tamper_signature_case (BoTestFixture *fx,
                            gconstpointer  data)
{
  sqlite3 *db;

  /* the same bytes in upper-case hex are not what was written */
  append_entries (fx, N_ENTRIES);
  db = open_raw (fx);
  raw_exec (db, "DROP TRIGGER journal_no_update");
  raw_exec (db, "UPDATE journal SET signature = upper (signature) WHERE seq = 2");
  sqlite3_close (db);
  assert_broken_at (fx, 2, ": signature is not valid");
}

static void
test_tamper_rehash (BoTestFixture *fx,
                    gconstpointer  data)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  guint8 prev[32], hash[32];
  char hex[65];

  /* Someone who knows the format but not the key changes entry 6 and recomputes its hash:
   * the chain then breaks at 7 unless they rewrite every later prev_hash and hash too, and
   * the signatures still give them away at 6. */
  append_entries (fx, N_ENTRIES);
  db = open_raw (fx);
  raw_exec (db, "DROP TRIGGER journal_no_update");
  raw_exec (db, "UPDATE journal SET payload = '{\"n\":6,\"amount\":1}' WHERE seq = 6");

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT hash FROM journal WHERE seq = 5", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sodium_hex2bin (prev, 32, (const char *) sqlite3_column_text (stmt, 0), 64,
                                   NULL, NULL, NULL), ==, 0);
  sqlite3_finalize (stmt);

  for (gint64 seq = 6; seq <= N_ENTRIES; seq++)
    {
      g_assert_cmpint (sqlite3_prepare_v2 (db,
                                           "SELECT seq, created_at, kind, ref_uuid, payload "
                                           "FROM journal WHERE seq = ?1",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_int64 (stmt, 1, seq);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      auditor_hash (stmt, prev, hash);
      sqlite3_finalize (stmt);

      sodium_bin2hex (hex, sizeof hex, prev, 32);
      g_assert_cmpint (sqlite3_prepare_v2 (db,
                                           "UPDATE journal SET prev_hash = ?1, hash = ?2 "
                                           "WHERE seq = ?3",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, hex, -1, SQLITE_TRANSIENT);
      sodium_bin2hex (hex, sizeof hex, hash, 32);
      sqlite3_bind_text (stmt, 2, hex, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, seq);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
      memcpy (prev, hash, 32);
    }
  sqlite3_close (db);

  assert_broken_at (fx, 6, ": signature is not valid");
}

static void
test_tamper_delete_middle (BoTestFixture *fx,
                           gconstpointer  data)
{
  sqlite3 *db;

  append_entries (fx, N_ENTRIES);
  db = open_raw (fx);
  raw_exec (db, "DROP TRIGGER journal_no_delete");
  raw_exec (db, "DELETE FROM journal WHERE seq = 9");
  sqlite3_close (db);
  assert_broken_at (fx, 9, " is missing");
}

static void
test_tamper_delete_first (BoTestFixture *fx,
                          gconstpointer  data)
{
  sqlite3 *db;

  append_entries (fx, N_ENTRIES);
  db = open_raw (fx);
  raw_exec (db, "DROP TRIGGER journal_no_delete");
  raw_exec (db, "DELETE FROM journal WHERE seq = 1");
  sqlite3_close (db);
  assert_broken_at (fx, 1, " is missing");
}

static void
test_tamper_renumber (BoTestFixture *fx,
                      gconstpointer  data)
{
  sqlite3 *db;

  /* closing the gap after a deletion by renumbering breaks the chain instead */
  append_entries (fx, N_ENTRIES);
  db = open_raw (fx);
  raw_exec (db, "DROP TRIGGER journal_no_delete; DROP TRIGGER journal_no_update;"
                "DELETE FROM journal WHERE seq = 9;"
                "UPDATE journal SET seq = seq - 1 WHERE seq > 9;");
  sqlite3_close (db);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT max (seq) FROM journal"), ==,
                   N_ENTRIES - 1);
  assert_broken_at (fx, 9, ": does not follow the entry before it");
}

static void
test_tamper_swap (BoTestFixture *fx,
                  gconstpointer  data)
{
  sqlite3 *db;

  append_entries (fx, N_ENTRIES);
  db = open_raw (fx);
  raw_exec (db, "DROP TRIGGER journal_no_update");
  raw_exec (db,
            "CREATE TEMP TABLE saved AS SELECT * FROM journal WHERE seq IN (14, 15);"
            "UPDATE journal SET (created_at, kind, ref_uuid, payload, prev_hash, hash, signature) ="
            " (SELECT created_at, kind, ref_uuid, payload, prev_hash, hash, signature"
            "  FROM saved WHERE saved.seq = 29 - journal.seq)"
            " WHERE seq IN (14, 15);");
  sqlite3_close (db);
  g_assert_cmpint (bo_test_query_int (fx->store,
                                      "SELECT count(*) FROM journal WHERE seq = 14 "
                                      "AND payload LIKE '{\"n\":15,%'"), ==, 1);
  assert_broken_at (fx, 14, ": does not follow the entry before it");
}

static void
test_delete_last_undetected (BoTestFixture *fx,
                             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *head_before = NULL;
  g_autofree char *head_after = NULL;
  sqlite3 *db;
  gint64 seq = 0;

  /* The known limit: dropping the newest entries leaves a consistent, shorter journal. Only a
   * head kept elsewhere (shift closings, the server) shows it; this pins that behaviour so
   * nobody believes verify alone catches it. */
  append_entries (fx, N_ENTRIES);
  head_before = bo_journal_head (fx->store, NULL, &error);
  db = open_raw (fx);
  raw_exec (db, "DROP TRIGGER journal_no_delete");
  raw_exec (db, "DELETE FROM journal WHERE seq = 20");
  sqlite3_close (db);

  assert_verifies (fx, N_ENTRIES - 1);
  head_after = bo_journal_head (fx->store, &seq, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seq, ==, N_ENTRIES - 1);
  g_assert_cmpstr (head_after, !=, head_before);
}

static void
test_rollback_leaves_no_trace (BoTestFixture *fx,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *head_before = NULL;
  g_autofree char *head_after = NULL;
  gint64 seq = 0;

  append_entries (fx, 3);
  head_before = bo_journal_head (fx->store, NULL, &error);

  g_assert_true (bo_store_begin (fx->store, &error));
  g_assert_true (bo_journal_append (fx->store, fx->device, BO_JOURNAL_SALE, NULL,
                                    "{\"lost\":true}", &seq, &error));
  g_assert_cmpint (seq, ==, 4);
  bo_store_rollback (fx->store);

  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM journal"), ==, 3);
  head_after = bo_journal_head (fx->store, &seq, &error);
  g_assert_cmpint (seq, ==, 3);
  g_assert_cmpstr (head_after, ==, head_before);
  assert_verifies (fx, 3);

  /* the next entry takes the rolled-back one's number */
  g_assert_true (bo_store_begin (fx->store, &error));
  g_assert_true (bo_journal_append (fx->store, fx->device, BO_JOURNAL_VOID, NULL, "{}", &seq,
                                    &error));
  g_assert_true (bo_store_commit (fx->store, &error));
  g_assert_cmpint (seq, ==, 4);
  g_assert_cmpint (bo_test_query_int (fx->store,
                                      "SELECT count(*) FROM journal WHERE payload LIKE '%lost%'"),
                   ==, 0);
  assert_verifies (fx, 4);
}

static void
test_triggers (BoTestFixture *fx,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  sqlite3 *db;
  char *message = NULL;

  append_entries (fx, 3);

  g_assert_false (bo_store_exec (fx->store, "UPDATE journal SET payload = '{}' WHERE seq = 2",
                                 &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "journal entries cannot be changed"));
  g_clear_error (&error);

  g_assert_false (bo_store_exec (fx->store, "DELETE FROM journal WHERE seq = 3", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "journal entries cannot be deleted"));
  g_clear_error (&error);

  g_assert_false (bo_store_exec (fx->store, "DELETE FROM journal", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* a plain connection meets the same triggers */
  db = open_raw (fx);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE journal SET kind = 'x'", NULL, NULL, &message),
                   !=, SQLITE_OK);
  g_assert_nonnull (strstr (message, "cannot be changed"));
  sqlite3_free (message);
  sqlite3_close (db);

  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM journal"), ==, 3);
  assert_verifies (fx, 3);
}

static void
test_append_needs_transaction (BoTestFixture *fx,
                               gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      g_assert_false (bo_journal_append (fx->store, fx->device, BO_JOURNAL_SALE, NULL, "{}",
                                         NULL, NULL));
      g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM journal"), ==, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*CRITICAL*in_transaction*");
}

static void
test_reopen (BoTestFixture *fx,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  /* the chain survives closing and reopening, and continues from the stored head */
  append_entries (fx, 5);
  g_clear_object (&fx->device);
  g_clear_object (&fx->store);
  fx->store = bo_store_open (fx->path, &error);
  g_assert_no_error (error);
  fx->device = bo_device_load (fx->store, &error);
  g_assert_no_error (error);
  assert_verifies (fx, 5);
  append_entries (fx, 5);
  assert_verifies (fx, 10);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

#define ADD(path, func) \
  g_test_add ("/bo/journal/" path, BoTestFixture, GINT_TO_POINTER (FALSE), \
              bo_test_fixture_setup, func, bo_test_fixture_teardown)
  ADD ("append-verify", test_append_verify);
  ADD ("format", test_format);
  ADD ("tamper/payload", test_tamper_payload);
  ADD ("tamper/created-at", test_tamper_created_at);
  ADD ("tamper/kind", test_tamper_kind_and_ref);
  ADD ("tamper/null-ref", test_tamper_null_ref);
  ADD ("tamper/signature", test_tamper_signature);
  ADD ("tamper/signature-case", test_tamper_signature_case);
  ADD ("tamper/rehash", test_tamper_rehash);
  ADD ("tamper/delete-middle", test_tamper_delete_middle);
  ADD ("tamper/delete-first", test_tamper_delete_first);
  ADD ("tamper/renumber", test_tamper_renumber);
  ADD ("tamper/swap", test_tamper_swap);
  ADD ("delete-last-undetected", test_delete_last_undetected);
  ADD ("rollback", test_rollback_leaves_no_trace);
  ADD ("triggers", test_triggers);
  ADD ("needs-transaction", test_append_needs_transaction);
  ADD ("reopen", test_reopen);
#undef ADD

  return g_test_run ();
}
