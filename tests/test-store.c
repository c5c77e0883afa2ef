/* test-store.c — the SQLite store: file settings, failures a counter can meet, transactions
 *
 * Every case works on real files in a fresh temporary folder. The read-only cases drop root's
 * privileges in a forked child, since permission bits do not stop root.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bo-test-util.h"
#include "domain/bo-journal.h"

/* The lock test shortens the store's busy timeout (10 s by default) to this. */
#define TEST_BUSY_TIMEOUT_MS 800

/* The unprivileged account the read-only cases run as. */
#define NOBODY_ID 65534

/* A second, plain SQLite connection: what another program (or the sqlite3 shell) does. */
static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static char *
query_text (BoStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (bo_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static void
test_new_file (void)
{
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "boxoffice.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal_mode = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BoStore) store = NULL;

  store = bo_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  g_assert_cmpstr (bo_store_get_path (store), ==, path);
  g_assert_cmpint (bo_store_get_schema_version (store), ==, BO_STORE_SCHEMA_VERSION);
  g_assert_cmpint (bo_test_query_int (store, "PRAGMA user_version"), ==, BO_STORE_SCHEMA_VERSION);
  journal_mode = query_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_cmpint (bo_test_query_int (store, "PRAGMA synchronous"), ==, 2); /* FULL */
  g_assert_cmpint (bo_test_query_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (bo_test_query_int (store, "PRAGMA trusted_schema"), ==, 0);
  g_assert_false (bo_store_in_transaction (store));

  /* The schema is there: the tables every other layer relies on. */
  g_assert_cmpint (bo_test_query_int (store,
                                      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
                                      "name IN ('meta', 'device', 'operators', 'shifts', 'orders', "
                                      "'payments', 'tickets', 'refunds', 'outbox', 'journal')"),
                   ==, 10);

  /* The file holds the device key: nobody else may read it, nor its write-ahead log. */
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_true (bo_store_set_meta (store, "probe", "1", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (file_mode (wal), ==, 0600);

  g_clear_object (&store);
  bo_test_rm_rf (dir);
}

static void
test_new_folder (void)
{
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autofree char *sub = g_build_filename (dir, "deeper", "still", NULL);
  g_autofree char *path = g_build_filename (sub, "boxoffice.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BoStore) store = NULL;

  store = bo_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (file_mode (sub), ==, 0700);
  g_assert_cmpuint (file_mode (path), ==, 0600);

  g_clear_object (&store);
  bo_test_rm_rf (dir);
}

static void
test_reopen (void)
{
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "boxoffice.db", NULL);
  g_autofree char *value = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BoStore) store = NULL;
  g_autoptr (BoDevice) device = NULL;
  g_autofree guint8 *key = NULL;

  store = bo_store_open (path, &error);
  g_assert_no_error (error);
  device = bo_device_load (store, &error);
  g_assert_no_error (error);
  key = g_memdup2 (bo_device_get_public_key (device), 32);
  g_assert_true (bo_store_set_meta (store, "cursor", "abc", &error));
  g_assert_no_error (error);
  g_assert_true (bo_store_exec (store,
                                "INSERT INTO events (id, name, starts_at, currency) "
                                "VALUES (7, 'Kept', '2030-01-01T19:00:00Z', 'EUR')",
                                &error));
  g_assert_no_error (error);
  g_clear_object (&device);
  g_clear_object (&store);

  store = bo_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_store_get_schema_version (store), ==, BO_STORE_SCHEMA_VERSION);
  value = bo_store_get_meta (store, "cursor");
  g_assert_cmpstr (value, ==, "abc");
  g_assert_cmpint (bo_test_query_int (store, "SELECT count(*) FROM events WHERE id = 7"), ==, 1);
  /* The same identity, not a new key pair. */
  device = bo_device_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (bo_device_get_public_key (device), 32, key, 32);
  g_assert_cmpint (bo_test_query_int (store, "SELECT count(*) FROM device"), ==, 1);

  g_clear_object (&device);
  g_clear_object (&store);
  bo_test_rm_rf (dir);
}

/* g_get_user_data_dir() is read once per process, so XDG_DATA_HOME is set in a fresh child. */
static void
test_default_path (void)
{
  if (g_test_subprocess ())
    {
      const char *dir = g_getenv ("BO_TEST_DIR");
      g_autofree char *xdg = g_build_filename (dir, "xdg-data", NULL);
      g_autofree char *folder = g_build_filename (xdg, "bilten-boxoffice", NULL);
      g_autofree char *expected = g_build_filename (folder, "boxoffice.db", NULL);
      g_autofree char *explicit_path = g_build_filename (dir, "elsewhere.db", NULL);
      g_autofree char *path = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (BoStore) store = NULL;

      g_assert_nonnull (dir);
      g_setenv ("XDG_DATA_HOME", xdg, TRUE);

      g_unsetenv ("BILTEN_BOXOFFICE_DB");
      path = bo_store_default_path ();
      g_assert_cmpstr (path, ==, expected);
      g_clear_pointer (&path, g_free);

      /* Empty means unset. */
      g_setenv ("BILTEN_BOXOFFICE_DB", "", TRUE);
      path = bo_store_default_path ();
      g_assert_cmpstr (path, ==, expected);
      g_clear_pointer (&path, g_free);

      g_setenv ("BILTEN_BOXOFFICE_DB", explicit_path, TRUE);
      path = bo_store_default_path ();
      g_assert_cmpstr (path, ==, explicit_path);
      g_clear_pointer (&path, g_free);

      /* Opening the default path makes its private folder. */
      g_unsetenv ("BILTEN_BOXOFFICE_DB");
      path = bo_store_default_path ();
      store = bo_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
      g_assert_cmpuint (file_mode (folder), ==, 0700);
      g_assert_cmpuint (file_mode (expected), ==, 0600);
      return;
    }
  else
    {
      g_autofree char *dir = bo_test_make_tmpdir ();

      g_setenv ("BO_TEST_DIR", dir, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_unsetenv ("BO_TEST_DIR");
      bo_test_rm_rf (dir);
      g_test_trap_assert_passed ();
    }
}

static void
assert_open_fails_unchanged (const char *path,
                             int         code)
{
  g_autoptr (GBytes) before = read_bytes (path);
  g_autoptr (GBytes) after = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BoStore) store = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  store = bo_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, BO_STORE_ERROR, code);
  g_test_message ("%s", error->message);
  /* The message names the file, so a person knows which one. */
  g_assert_nonnull (strstr (error->message, path));

  /* Someone else's file is left exactly as it was. */
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_corrupt_random (void)
{
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "boxoffice.db", NULL);
  g_autoptr (GError) error = NULL;
  guint8 junk[8192];
  GRand *rand = g_rand_new_with_seed (20240601);

  for (gsize i = 0; i < sizeof junk; i++)
    junk[i] = (guint8) g_rand_int_range (rand, 0, 256);
  g_rand_free (rand);
  g_file_set_contents_full (path, (const char *) junk, sizeof junk,
                            G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);

  assert_open_fails_unchanged (path, BO_STORE_ERROR_CORRUPT);
  bo_test_rm_rf (dir);
}

static void
test_corrupt_text (void)
{
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "boxoffice.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) text = g_string_new (NULL);

  /* Longer than one page, as a real mix-up (a CSV export saved under the wrong name) is. */
  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "order,%u,Standing,26.50 EUR,cash\n", i);
  g_file_set_contents_full (path, text->str, (gssize) text->len,
                            G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);

  assert_open_fails_unchanged (path, BO_STORE_ERROR_CORRUPT);
  bo_test_rm_rf (dir);
}

/* Opening a store whose pages were damaged after it was written. */
static void
test_corrupt_pages (void)
{
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "boxoffice.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BoStore) store = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  store = bo_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store); /* the last connection checkpoints the log into the file */

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 4096);
  /* Scribble over everything after the 100-byte header of page 1 (the schema table). */
  memset (contents + 100, 0xA5, len - 100);
  g_file_set_contents_full (path, contents, (gssize) len, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);

  store = bo_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, BO_STORE_ERROR, BO_STORE_ERROR_CORRUPT);
  bo_test_rm_rf (dir);
}

static void
test_too_new (void)
{
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "boxoffice.db", NULL);
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", BO_STORE_SCHEMA_VERSION + 6);
  g_autofree char *newer = g_strdup_printf ("%d", BO_STORE_SCHEMA_VERSION + 6);
  g_autofree char *known = g_strdup_printf ("%d", BO_STORE_SCHEMA_VERSION);
  g_autoptr (GError) error = NULL;
  g_autoptr (BoStore) store = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;

  db = open_raw (path);
  raw_exec (db, "CREATE TABLE future (x INTEGER)");
  raw_exec (db, bump);
  sqlite3_close (db);

  store = bo_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, BO_STORE_ERROR, BO_STORE_ERROR_TOO_NEW);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, newer));
  g_assert_nonnull (strstr (error->message, known));
  g_assert_nonnull (strstr (error->message, path));

  /* Nothing of this version's schema was put into the newer file. */
  db = open_raw (path);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'journal'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, BO_STORE_SCHEMA_VERSION + 6);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  bo_test_rm_rf (dir);
}

static void
test_directory (void)
{
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "boxoffice.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BoStore) store = NULL;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  store = bo_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, BO_STORE_ERROR, BO_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));

  bo_test_rm_rf (dir);
}

/* TRUE when every folder above @path lets others through (o+x), so "nobody" can reach it. */
static gboolean
reachable_by_others (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  while (TRUE)
    {
      GStatBuf st;
      g_autofree char *parent = NULL;

      if (g_stat (dir, &st) != 0 || (st.st_mode & S_IXOTH) == 0)
        return FALSE;
      parent = g_path_get_dirname (dir);
      if (g_strcmp0 (parent, dir) == 0)
        return TRUE;
      g_free (dir);
      dir = g_steal_pointer (&parent);
    }
}

/* In the child: become "nobody" when running as root (permission bits do not stop root). */
static void
drop_privileges (void)
{
  if (getuid () != 0)
    return;
  g_assert_cmpint (setgroups (0, NULL), ==, 0);
  g_assert_cmpint (setgid (NOBODY_ID), ==, 0);
  g_assert_cmpint (setuid (NOBODY_ID), ==, 0);
  g_assert_cmpint (getuid (), ==, NOBODY_ID);
  /* Root is gone for good. */
  g_assert_cmpint (setuid (0), ==, -1);
}

static void
child_expect_read_only (void)
{
  const char *path = g_getenv ("BO_TEST_PATH");
  g_autoptr (GError) error = NULL;
  g_autoptr (BoStore) store = NULL;

  g_assert_nonnull (path);
  drop_privileges ();
  /* The file can be read: it is writing that is refused. */
  g_assert_cmpint (access (path, R_OK), ==, 0);

  store = bo_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, BO_STORE_ERROR, BO_STORE_ERROR_READ_ONLY);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
}

static char *
make_store_file (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "boxoffice.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BoStore) store = bo_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (bo_store_set_meta (store, "probe", "1", &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  return g_steal_pointer (&path);
}

static void
run_read_only_child (const char *dir,
                     const char *path)
{
  g_setenv ("BO_TEST_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("BO_TEST_PATH");
  g_chmod (dir, 0700);
  bo_test_rm_rf (dir);
  g_test_trap_assert_passed ();
}

/* A read-only file (0444, owned by root) in a folder "nobody" can read but not write. */
static void
test_read_only_file (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (g_test_subprocess ())
    {
      child_expect_read_only ();
      return;
    }

  dir = bo_test_make_tmpdir ();
  if (getuid () == 0 && !reachable_by_others (dir))
    {
      g_test_skip ("the temporary folder is not reachable by an unprivileged user");
      bo_test_rm_rf (dir);
      return;
    }
  path = make_store_file (dir);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);

  run_read_only_child (dir, path);
}

/* A writable file in a folder the user cannot write to: SQLite cannot make the -wal and -shm
 * files next to it, so the store cannot work; it is read-only for this user. */
static void
test_read_only_folder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (g_test_subprocess ())
    {
      child_expect_read_only ();
      return;
    }

  dir = bo_test_make_tmpdir ();
  if (getuid () == 0 && !reachable_by_others (dir))
    {
      g_test_skip ("the temporary folder is not reachable by an unprivileged user");
      bo_test_rm_rf (dir);
      return;
    }
  path = make_store_file (dir);
  if (getuid () == 0)
    g_assert_cmpint (chown (path, NOBODY_ID, NOBODY_ID), ==, 0);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  run_read_only_child (dir, path);
}

static void
test_foreign_database (void)
{
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "other.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BoStore) store = NULL;
  sqlite3 *other = open_raw (path);

  /* Another program's database: tables, no schema version of ours, rollback journal. */
  raw_exec (other, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ana')");
  sqlite3_close (other);

  store = bo_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, BO_STORE_ERROR, BO_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "another program"));

  /* Nothing was changed in it: no WAL switch, no tables of ours. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  other = open_raw (path);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (other, "SELECT count(*) FROM sqlite_schema", -1, &stmt,
                                         NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
    g_assert_cmpint (sqlite3_prepare_v2 (other, "PRAGMA journal_mode", -1, &stmt, NULL), ==,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "delete");
    sqlite3_finalize (stmt);
  }
  sqlite3_close (other);
  bo_test_rm_rf (dir);
}

static void
test_locked (void)
{
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "boxoffice.db", NULL);
  g_autofree char *value = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BoStore) store = NULL;
  sqlite3 *other;
  gint64 started, waited;

  store = bo_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (bo_store_set_meta (store, "before", "1", &error));
  g_assert_no_error (error);

  other = open_raw (path);
  raw_exec (other, "BEGIN EXCLUSIVE");
  raw_exec (other, "INSERT INTO meta (key, value) VALUES ('other', 'uncommitted')");

  /* Readers are not held up by a writer (WAL). */
  value = bo_store_get_meta (store, "before");
  g_assert_cmpstr (value, ==, "1");
  g_clear_pointer (&value, g_free);
  value = bo_store_get_meta (store, "other");
  g_assert_null (value);

  bo_store_set_busy_timeout (store, TEST_BUSY_TIMEOUT_MS);
  started = g_get_monotonic_time ();
  g_assert_false (bo_store_begin (store, &error));
  waited = g_get_monotonic_time () - started;
  g_assert_error (error, BO_STORE_ERROR, BO_STORE_ERROR_LOCKED);
  g_test_message ("gave up after %.2f s: %s", waited / 1e6, error->message);
  g_clear_error (&error);
  g_assert_false (bo_store_in_transaction (store));
  /* It waited for the other program before giving up, and not for ever. */
  g_assert_cmpint (waited, >=, (TEST_BUSY_TIMEOUT_MS - 100) * 1000);
  g_assert_cmpint (waited, <, (TEST_BUSY_TIMEOUT_MS + 2000) * 1000);

  /* Once the other program is done, writing works again and sees its row. */
  raw_exec (other, "COMMIT");
  sqlite3_close (other);
  g_assert_true (bo_store_begin (store, &error));
  g_assert_no_error (error);
  g_assert_true (bo_store_set_meta (store, "after", "1", &error));
  g_assert_true (bo_store_commit (store, &error));
  g_assert_no_error (error);
  value = bo_store_get_meta (store, "other");
  g_assert_cmpstr (value, ==, "uncommitted");

  g_clear_object (&store);
  bo_test_rm_rf (dir);
}

static void
test_disk_full (void)
{
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "boxoffice.db", NULL);
  g_autofree char *limit = NULL;
  g_autofree char *big = g_strnfill (1500, 'x');
  g_autofree char *value = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BoStore) store = NULL;
  gint64 pages;
  guint written = 0;

  store = bo_store_open (path, &error);
  g_assert_no_error (error);

  /* A disk with room for three more pages. */
  pages = bo_test_query_int (store, "PRAGMA page_count");
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 3);
  g_assert_true (bo_store_exec (store, limit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bo_test_query_int (store, "PRAGMA max_page_count"), ==, pages + 3);

  for (written = 0; written < 1000; written++)
    {
      g_autofree char *key = g_strdup_printf ("k%04u", written);

      if (!bo_store_set_meta (store, key, big, &error))
        break;
    }
  g_assert_cmpuint (written, <, 1000);
  g_assert_cmpuint (written, >, 0);
  g_assert_error (error, BO_STORE_ERROR, BO_STORE_ERROR_FULL);
  g_test_message ("after %u rows: %s", written, error->message);
  g_clear_error (&error);
  g_assert_false (bo_store_in_transaction (store));

  /* The same inside a business transaction: the failed write leaves nothing behind. */
  g_assert_true (bo_store_begin (store, &error));
  g_assert_no_error (error);
  g_assert_false (bo_store_set_meta (store, "in-tx", big, &error) &&
                  bo_store_set_meta (store, "in-tx-2", big, &error) &&
                  bo_store_set_meta (store, "in-tx-3", big, &error));
  g_assert_error (error, BO_STORE_ERROR, BO_STORE_ERROR_FULL);
  g_clear_error (&error);
  bo_store_rollback (store);
  g_assert_false (bo_store_in_transaction (store));

  /* Everything written before still reads back. */
  g_assert_cmpint (bo_test_query_int (store, "SELECT count(*) FROM meta WHERE key LIKE 'k%'"), ==,
                   written);
  g_assert_cmpint (bo_test_query_int (store, "SELECT count(*) FROM meta WHERE key LIKE 'in-tx%'"),
                   ==, 0);
  value = bo_store_get_meta (store, "k0000");
  g_assert_cmpstr (value, ==, big);
  g_clear_pointer (&value, g_free);

  /* With room again (disk cleaned up), writes work on the same connection. */
  g_assert_true (bo_store_exec (store, "PRAGMA max_page_count = 1073741823", &error));
  g_assert_no_error (error);
  g_assert_true (bo_store_set_meta (store, "later", big, &error));
  g_assert_no_error (error);
  value = bo_store_get_meta (store, "later");
  g_assert_cmpstr (value, ==, big);

  g_clear_object (&store);
  bo_test_rm_rf (dir);
}

static void
test_transactions (BoTestFixture *fx,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *value = NULL;

  /* Harmless without a transaction, however often. */
  g_assert_false (bo_store_in_transaction (fx->store));
  bo_store_rollback (fx->store);
  bo_store_rollback (fx->store);
  g_assert_false (bo_store_in_transaction (fx->store));

  /* A rolled-back write is gone. */
  g_assert_true (bo_store_begin (fx->store, &error));
  g_assert_no_error (error);
  g_assert_true (bo_store_in_transaction (fx->store));
  g_assert_true (bo_store_set_meta (fx->store, "tx", "rolled back", &error));
  g_assert_no_error (error);
  bo_store_rollback (fx->store);
  g_assert_false (bo_store_in_transaction (fx->store));
  value = bo_store_get_meta (fx->store, "tx");
  g_assert_null (value);

  /* A committed one stays, also for another connection. */
  g_assert_true (bo_store_begin (fx->store, &error));
  g_assert_true (bo_store_set_meta (fx->store, "tx", "committed", &error));
  g_assert_true (bo_store_commit (fx->store, &error));
  g_assert_no_error (error);
  g_assert_false (bo_store_in_transaction (fx->store));
  {
    sqlite3 *other = open_raw (fx->path);
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (other, "SELECT value FROM meta WHERE key = 'tx'", -1,
                                         &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "committed");
    sqlite3_finalize (stmt);
    sqlite3_close (other);
  }

  /* A commit with nothing open is an error, not a crash, and leaves the store usable. */
  g_assert_false (bo_store_commit (fx->store, &error));
  g_assert_error (error, BO_STORE_ERROR, BO_STORE_ERROR_FAILED);
  g_clear_error (&error);

  /* Broken SQL in exec. */
  g_assert_false (bo_store_exec (fx->store, "SELEKT 1", &error));
  g_assert_error (error, BO_STORE_ERROR, BO_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "syntax error"));
  g_clear_error (&error);

  /* A foreign key violation is refused (foreign_keys is on). */
  g_assert_false (bo_store_exec (fx->store,
                                 "INSERT INTO ticket_types (id, event_id, name, price) "
                                 "VALUES (1, 424242, 'Orphan', 100)",
                                 &error));
  g_assert_error (error, BO_STORE_ERROR, BO_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "FOREIGN KEY"));
  g_clear_error (&error);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM ticket_types WHERE id = 1"),
                   ==, 0);
}

static void
test_meta (BoTestFixture *fx,
           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *value = NULL;

  value = bo_store_get_meta (fx->store, "sync_cursor");
  g_assert_null (value);

  g_assert_true (bo_store_set_meta (fx->store, "sync_cursor", "c1", &error));
  g_assert_no_error (error);
  value = bo_store_get_meta (fx->store, "sync_cursor");
  g_assert_cmpstr (value, ==, "c1");
  g_clear_pointer (&value, g_free);

  /* Setting again replaces, never duplicates. */
  g_assert_true (bo_store_set_meta (fx->store, "sync_cursor", "c2 “ünïcode”", &error));
  g_assert_no_error (error);
  value = bo_store_get_meta (fx->store, "sync_cursor");
  g_assert_cmpstr (value, ==, "c2 “ünïcode”");
  g_clear_pointer (&value, g_free);
  g_assert_cmpint (bo_test_query_int (fx->store,
                                      "SELECT count(*) FROM meta WHERE key = 'sync_cursor'"), ==, 1);

  /* Empty is a value, not a deletion. */
  g_assert_true (bo_store_set_meta (fx->store, "empty", "", &error));
  value = bo_store_get_meta (fx->store, "empty");
  g_assert_cmpstr (value, ==, "");
  g_clear_pointer (&value, g_free);

  /* NULL deletes; deleting what is not there is fine. */
  g_assert_true (bo_store_set_meta (fx->store, "sync_cursor", NULL, &error));
  g_assert_no_error (error);
  value = bo_store_get_meta (fx->store, "sync_cursor");
  g_assert_null (value);
  g_assert_true (bo_store_set_meta (fx->store, "never-set", NULL, &error));
  g_assert_no_error (error);

  /* Other keys are untouched. */
  value = bo_store_get_meta (fx->store, "empty");
  g_assert_cmpstr (value, ==, "");
}

static gint64
append_entry (BoTestFixture *fx,
              const char    *payload)
{
  g_autoptr (GError) error = NULL;
  gint64 seq = 0;

  g_assert_true (bo_store_begin (fx->store, &error));
  g_assert_true (bo_journal_append (fx->store, fx->device, BO_JOURNAL_SALE,
                                    "00000000-0000-4000-8000-000000000001", payload, &seq, &error));
  g_assert_no_error (error);
  g_assert_true (bo_store_commit (fx->store, &error));
  g_assert_no_error (error);
  return seq;
}

static void
assert_journal_intact (BoTestFixture *fx,
                       gint64         count)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *payload = NULL;
  gint64 got = -1, bad = -1;

  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM journal"), ==, count);
  payload = query_text (fx->store, "SELECT payload FROM journal WHERE seq = 1");
  g_assert_cmpstr (payload, ==, "{\"amount\":2650}");
  g_assert_true (bo_journal_verify (fx->store, bo_device_get_public_key (fx->device), &got, &bad,
                                    &error));
  g_assert_no_error (error);
  g_assert_cmpint (got, ==, count);
}

static void
assert_refused (BoTestFixture *fx,
                const char    *sql,
                const char    *why)
{
  g_autoptr (GError) error = NULL;
  sqlite3 *other;
  char *message = NULL;

  g_assert_false (bo_store_exec (fx->store, sql, &error));
  g_assert_error (error, BO_STORE_ERROR, BO_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, why));

  /* The triggers are in the file: another program is refused as well. */
  other = open_raw (fx->path);
  sqlite3_busy_timeout (other, 5000);
  g_assert_cmpint (sqlite3_exec (other, sql, NULL, NULL, &message), !=, SQLITE_OK);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, why));
  sqlite3_free (message);
  sqlite3_close (other);
}

static void
test_journal_append_only (BoTestFixture *fx,
                          gconstpointer  data)
{
  g_assert_cmpint (append_entry (fx, "{\"amount\":2650}"), ==, 1);
  g_assert_cmpint (append_entry (fx, "{\"amount\":100}"), ==, 2);

  assert_refused (fx, "UPDATE journal SET payload = '{\"amount\":0}' WHERE seq = 1",
                  "journal entries cannot be changed");
  assert_refused (fx, "UPDATE journal SET kind = kind", "journal entries cannot be changed");
  assert_refused (fx, "DELETE FROM journal WHERE seq = 2", "journal entries cannot be deleted");
  assert_refused (fx, "DELETE FROM journal", "journal entries cannot be deleted");
  /* An upsert is an update. */
  assert_refused (fx,
                  "INSERT INTO journal (seq, created_at, kind, payload, prev_hash, hash, signature) "
                  "SELECT seq, created_at, kind, '{\"amount\":0}', prev_hash, hash, signature "
                  "FROM journal WHERE seq = 1 ON CONFLICT (seq) DO UPDATE SET payload = excluded.payload",
                  "journal entries");
  assert_journal_intact (fx, 2);
}

/* INSERT OR REPLACE deletes the old row to make room; SQLite fires delete triggers for that only
 * with recursive_triggers on, so BEFORE DELETE alone does not keep the journal append-only. */
static void
test_journal_no_replace (BoTestFixture *fx,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  const char *replace =
    "INSERT OR REPLACE INTO journal (seq, created_at, kind, payload, prev_hash, hash, signature) "
    "SELECT seq, created_at, kind, '{\"amount\":0}', prev_hash, hash, signature "
    "FROM journal WHERE seq = 1";
  gboolean refused;

  g_assert_cmpint (append_entry (fx, "{\"amount\":2650}"), ==, 1);

  refused = !bo_store_exec (fx->store, replace, &error);
  if (refused)
    {
      sqlite3 *other = open_raw (fx->path);

      /* The file itself must refuse it, not only the store's connection. */
      sqlite3_busy_timeout (other, 5000);
      refused = sqlite3_exec (other, replace, NULL, NULL, NULL) != SQLITE_OK;
      sqlite3_close (other);
    }
  g_assert_true (refused);
  g_assert_error (error, BO_STORE_ERROR, BO_STORE_ERROR_FAILED);
  assert_journal_intact (fx, 1);

  /* Appending the next entry still works. */
  g_assert_cmpint (append_entry (fx, "{\"amount\":100}"), ==, 2);
  assert_journal_intact (fx, 2);
}

static void
test_statement_cache (BoTestFixture *fx,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  const char *sql = "SELECT value FROM meta WHERE key = ?1";
  sqlite3_stmt *first, *again, *other;

  g_assert_true (bo_store_set_meta (fx->store, "a", "alpha", &error));
  g_assert_true (bo_store_set_meta (fx->store, "b", "beta", &error));
  g_assert_no_error (error);

  first = bo_store_prepare (fx->store, sql, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  sqlite3_bind_text (first, 1, "a", -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (first), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (first, 0), ==, "alpha");
  /* left mid-result on purpose: the cache must hand it back reset */

  again = bo_store_prepare (fx->store, sql, &error);
  g_assert_no_error (error);
  g_assert_true (again == first);
  /* Bindings were cleared: with ?1 NULL nothing matches. */
  g_assert_cmpint (sqlite3_step (again), ==, SQLITE_DONE);
  sqlite3_reset (again);
  sqlite3_bind_text (again, 1, "b", -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (again), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (again, 0), ==, "beta");
  sqlite3_reset (again);

  /* Different text, different statement; both stay usable. */
  other = bo_store_prepare (fx->store, "SELECT count(*) FROM meta WHERE key IN ('a', 'b')", &error);
  g_assert_no_error (error);
  g_assert_true (other != first);
  g_assert_cmpint (sqlite3_step (other), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (other, 0), ==, 2);
  sqlite3_reset (other);

  /* bo_store_get_meta uses the same text: still works after our use of it. */
  {
    g_autofree char *value = bo_store_get_meta (fx->store, "a");

    g_assert_cmpstr (value, ==, "alpha");
  }

  /* Still valid after a schema change (SQLite re-prepares it). */
  g_assert_true (bo_store_exec (fx->store, "CREATE TABLE extra (x INTEGER)", &error));
  g_assert_no_error (error);
  again = bo_store_prepare (fx->store, sql, &error);
  g_assert_true (again == first);
  sqlite3_bind_text (again, 1, "a", -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (again), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (again, 0), ==, "alpha");
  sqlite3_reset (again);

  /* SQL that does not compile: NULL with an error, every time (never cached). */
  for (guint i = 0; i < 2; i++)
    {
      g_assert_null (bo_store_prepare (fx->store, "SELECT nope FROM nowhere", &error));
      g_assert_error (error, BO_STORE_ERROR, BO_STORE_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "nowhere"));
      g_clear_error (&error);
    }

  /* step_done on a statement that fails reports it and resets. */
  other = bo_store_prepare (fx->store, "INSERT INTO meta (key, value) VALUES (?1, NULL)", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (other, 1, "c", -1, SQLITE_STATIC);
  g_assert_false (bo_store_step_done (fx->store, other, &error));
  g_assert_error (error, BO_STORE_ERROR, BO_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "NOT NULL"));
  g_clear_error (&error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bo/store/new-file", test_new_file);
  g_test_add_func ("/bo/store/new-folder", test_new_folder);
  g_test_add_func ("/bo/store/reopen", test_reopen);
  g_test_add_func ("/bo/store/default-path", test_default_path);
  g_test_add_func ("/bo/store/corrupt/random", test_corrupt_random);
  g_test_add_func ("/bo/store/corrupt/text", test_corrupt_text);
  g_test_add_func ("/bo/store/corrupt/pages", test_corrupt_pages);
  g_test_add_func ("/bo/store/too-new", test_too_new);
  g_test_add_func ("/bo/store/directory", test_directory);
  g_test_add_func ("/bo/store/read-only/file", test_read_only_file);
  g_test_add_func ("/bo/store/read-only/folder", test_read_only_folder);
  g_test_add_func ("/bo/store/locked", test_locked);
  g_test_add_func ("/bo/store/open/foreign-database", test_foreign_database);
  g_test_add_func ("/bo/store/disk-full", test_disk_full);
  g_test_add ("/bo/store/transactions", BoTestFixture, GINT_TO_POINTER (FALSE),
              bo_test_fixture_setup, test_transactions, bo_test_fixture_teardown);
  g_test_add ("/bo/store/meta", BoTestFixture, GINT_TO_POINTER (FALSE),
              bo_test_fixture_setup, test_meta, bo_test_fixture_teardown);
  g_test_add ("/bo/store/journal/append-only", BoTestFixture, GINT_TO_POINTER (FALSE),
              bo_test_fixture_setup, test_journal_append_only, bo_test_fixture_teardown);
  g_test_add ("/bo/store/journal/no-replace", BoTestFixture, GINT_TO_POINTER (FALSE),
              bo_test_fixture_setup, test_journal_no_replace, bo_test_fixture_teardown);
  g_test_add ("/bo/store/statement-cache", BoTestFixture, GINT_TO_POINTER (FALSE),
              bo_test_fixture_setup, test_statement_cache, bo_test_fixture_teardown);

  return g_test_run ();
}
