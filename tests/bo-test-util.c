/* bo-test-util.c — shared fixtures for the test suites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bo-test-util.h"

#include <glib/gstdio.h>
#include <sys/wait.h>

#include "domain/bo-demo.h"

char *
bo_test_make_tmpdir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("bo-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
bo_test_rm_rf (const char *path)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileEnumerator) children = NULL;

  if (path == NULL)
    return;
  file = g_file_new_for_path (path);
  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

          bo_test_rm_rf (child);
          g_object_unref (info);
        }
    }
  g_remove (path);
}

void
bo_test_fixture_setup (BoTestFixture *fx,
                       gconstpointer  with_demo)
{
  g_autoptr (GError) error = NULL;

  fx->dir = bo_test_make_tmpdir ();
  fx->path = g_build_filename (fx->dir, "boxoffice.db", NULL);
  fx->store = bo_store_open (fx->path, &error);
  g_assert_no_error (error);
  fx->device = bo_device_load (fx->store, &error);
  g_assert_no_error (error);

  if (GPOINTER_TO_INT (with_demo))
    {
      bo_demo_populate (fx->store, fx->device, &error);
      g_assert_no_error (error);
      fx->cashier = bo_operator_login (fx->store, BO_DEMO_CASHIER_PIN, &error);
      g_assert_no_error (error);
      fx->manager = bo_operator_login (fx->store, BO_DEMO_MANAGER_PIN, &error);
      g_assert_no_error (error);
    }
}

void
bo_test_fixture_teardown (BoTestFixture *fx,
                          gconstpointer  with_demo)
{
  g_clear_object (&fx->cashier);
  g_clear_object (&fx->manager);
  g_clear_object (&fx->device);
  g_clear_object (&fx->store);
  bo_test_rm_rf (fx->dir);
  g_clear_pointer (&fx->dir, g_free);
  g_clear_pointer (&fx->path, g_free);
}

gint64
bo_test_query_int (BoStore    *store,
                   const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;
  int rc;

  rc = sqlite3_prepare_v2 (bo_store_get_db (store), sql, -1, &stmt, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  rc = sqlite3_step (stmt);
  g_assert_cmpint (rc, ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

void
bo_test_exec (BoStore    *store,
              const char *sql)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (bo_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

void
bo_test_pin_clock (const char *iso)
{
  if (iso != NULL)
    g_setenv ("BILTEN_BOXOFFICE_FAKE_NOW", iso, TRUE);
  else
    g_unsetenv ("BILTEN_BOXOFFICE_FAKE_NOW");
}

void
bo_test_insert_closed_shift (BoTestFixture *fx,
                             gint64         id,
                             const char    *opened_at,
                             const char    *closed_at)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt;

  stmt = bo_store_prepare (fx->store,
                           "INSERT INTO shifts (id, uuid, operator_id, opened_at, float, "
                           "  closed_at, closed_by, cash_expected, cash_counted, variance) "
                           "VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6, 0, 0, 0)",
                           &error);
  g_assert_no_error (error);
  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, bo_operator_get_id (fx->cashier));
  sqlite3_bind_text (stmt, 4, opened_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, closed_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, bo_operator_get_id (fx->manager));
  g_assert_true (bo_store_step_done (fx->store, stmt, &error));
  g_assert_no_error (error);
}

const char *
bo_test_cli_path (void)
{
  const char *path = g_getenv ("BO_CLI");

  g_assert_nonnull (path);
  return path;
}

int
bo_test_run_cli (const char * const *argv,
                 char              **out_stdout,
                 char              **out_stderr)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  int status = 0;

  g_ptr_array_add (args, (gpointer) bo_test_cli_path ());
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out_stdout, out_stderr, &status, &error);
  g_assert_no_error (error);
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return 128 + (WIFSIGNALED (status) ? WTERMSIG (status) : 0);
}
