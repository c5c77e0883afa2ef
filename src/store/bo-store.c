/* bo-store.c — the local SQLite database of one box-office counter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "store/bo-store.h"
#include "bo-store-resources.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

struct _BoStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements; /* SQL text -> sqlite3_stmt*, prepared once per connection */
  int         schema_version;
};

G_DEFINE_FINAL_TYPE (BoStore, bo_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (bo-store-error-quark, bo_store_error)

/* How long a writer waits for another process (a second CLI, the GUI) to finish its
 * transaction before giving up with BO_STORE_ERROR_LOCKED. */
#define BO_STORE_BUSY_TIMEOUT_MS 10000

/* Migrations, oldest first; entry N brings the schema from version N to N + 1. */
static const char * const migrations[] = {
  "/org/bilten/BoxOffice/store/bo-schema.sql",
  "/org/bilten/BoxOffice/store/bo-schema-2.sql",
  "/org/bilten/BoxOffice/store/bo-schema-3.sql",
  "/org/bilten/BoxOffice/store/bo-schema-4.sql",
};
G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == BO_STORE_SCHEMA_VERSION);

static BoStoreError
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      return BO_STORE_ERROR_FULL;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return BO_STORE_ERROR_LOCKED;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return BO_STORE_ERROR_READ_ONLY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return BO_STORE_ERROR_CORRUPT;
    case SQLITE_CANTOPEN:
      return BO_STORE_ERROR_OPEN;
    default:
      return BO_STORE_ERROR_FAILED;
    }
}

static const char *
human_reason (BoStoreError code)
{
  switch (code)
    {
    case BO_STORE_ERROR_FULL:
      return _("The disk is full");
    case BO_STORE_ERROR_LOCKED:
      return _("The database is busy in another program");
    case BO_STORE_ERROR_READ_ONLY:
      return _("The database file is read-only");
    case BO_STORE_ERROR_CORRUPT:
      return _("The database file is damaged or is not a box-office database");
    case BO_STORE_ERROR_OPEN:
      return _("The database file cannot be opened");
    case BO_STORE_ERROR_TOO_NEW:
    case BO_STORE_ERROR_FAILED:
    default:
      return _("The database reported an error");
    }
}

static gboolean
set_error_rc (GError    **error,
              sqlite3    *db,
              int         rc,
              const char *what)
{
  BoStoreError code = error_code_for (rc);

  g_set_error (error, BO_STORE_ERROR, code, "%s (%s: %s)", human_reason (code), what,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
bo_store_finalize (GObject *object)
{
  BoStore *self = BO_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      /* Closing checkpoints the WAL into the main file when we are the last connection. */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (bo_store_parent_class)->finalize (object);
}

static void
bo_store_class_init (BoStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bo_store_finalize;
}

static void
bo_store_init (BoStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
}

char *
bo_store_default_path (void)
{
  const char *env = g_getenv ("BILTEN_BOXOFFICE_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "bilten-boxoffice", "boxoffice.db", NULL);
}

/* The file holds the device's signing key and API token: it is created 0600, in a 0700 folder
 * when we make the folder. SQLite gives its -wal and -shm files the main file's mode. */
static gboolean
prepare_file (const char *path,
              GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, BO_STORE_ERROR,
                   saved == EROFS || saved == EACCES ? BO_STORE_ERROR_READ_ONLY : BO_STORE_ERROR_OPEN,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, BO_STORE_ERROR, BO_STORE_ERROR_OPEN,
                       _("“%s” is a folder, not a database file"), path);
          return FALSE;
        }
      if (access (path, W_OK) != 0)
        {
          g_set_error (error, BO_STORE_ERROR, BO_STORE_ERROR_READ_ONLY,
                       _("The database file “%s” is read-only"), path);
          return FALSE;
        }
      return TRUE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST)
    {
      int saved = errno;

      g_set_error (error, BO_STORE_ERROR,
                   saved == EROFS || saved == EACCES ? BO_STORE_ERROR_READ_ONLY
                   : saved == ENOSPC ? BO_STORE_ERROR_FULL : BO_STORE_ERROR_OPEN,
                   _("Cannot create the database file “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (fd >= 0)
    close (fd);
  return TRUE;
}

static gboolean
exec_sql (BoStore    *self,
          const char *sql,
          const char *what,
          GError    **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    {
      BoStoreError code = error_code_for (rc);

      g_set_error (error, BO_STORE_ERROR, code, "%s (%s: %s)", human_reason (code), what,
                   message != NULL ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_int_pragma (BoStore    *self,
                 const char *sql,
                 int        *out_value,
                 GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_error_rc (error, self->db, rc, sql);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *out_value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

/* Refuses files that are not ours before changing anything in them: a newer schema, or another
 * program's SQLite database (tables but no schema version of ours). */
static gboolean
check_ownership (BoStore *self,
                 GError **error)
{
  int tables = 0;

  if (!read_int_pragma (self, "PRAGMA user_version", &self->schema_version, error) ||
      !read_int_pragma (self, "SELECT count(*) FROM sqlite_schema", &tables, error))
    return FALSE;

  if (self->schema_version > BO_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, BO_STORE_ERROR, BO_STORE_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer version of Bilten Box Office "
                     "(schema %d; this version knows up to %d). Update the application."),
                   self->path, self->schema_version, BO_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  if (self->schema_version == 0 && tables > 0)
    {
      g_set_error (error, BO_STORE_ERROR, BO_STORE_ERROR_CORRUPT,
                   _("“%s” is an SQLite database of another program, not a box-office database"),
                   self->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
configure_connection (BoStore *self,
                      GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;
  int rc;

  sqlite3_busy_timeout (self->db, BO_STORE_BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 1);

  /* Reading the schema first tells a damaged or foreign file apart from a busy one. */
  if (!check_ownership (self, error))
    return FALSE;

  /* WAL keeps readers (check-in, reports) off the writers' backs; synchronous=FULL makes a
   * committed sale survive a power cut, not just a crash. */
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode=WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return set_error_rc (error, self->db, rc, "journal_mode");
  if (!wal)
    {
      g_set_error (error, BO_STORE_ERROR, BO_STORE_ERROR_OPEN,
                   _("The database “%s” cannot use write-ahead logging (is it on a network drive?)"),
                   self->path);
      return FALSE;
    }

  return exec_sql (self,
                   "PRAGMA synchronous=FULL;"
                   "PRAGMA foreign_keys=ON;"
                   "PRAGMA trusted_schema=OFF;",
                   "pragmas", error);
}

static gboolean
migrate (BoStore *self,
         GError **error)
{
  while (self->schema_version < BO_STORE_SCHEMA_VERSION)
    {
      const char *resource = migrations[self->schema_version];
      g_autoptr (GBytes) script = NULL;
      g_autofree char *sql = NULL;
      g_autofree char *bump = NULL;
      int version;

      /* Looked up in our own resource, not the global table: in a static library the
       * resource's constructor is only linked in when something refers to it. */
      script = g_resource_lookup_data (bo_store_get_resource (), resource,
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_assert (script != NULL);
      sql = g_strndup (g_bytes_get_data (script, NULL), g_bytes_get_size (script));
      bump = g_strdup_printf ("PRAGMA user_version=%d", self->schema_version + 1);

      if (!bo_store_begin (self, error))
        return FALSE;
      /* Another process may have migrated while we waited for the write lock. */
      if (!read_int_pragma (self, "PRAGMA user_version", &version, error))
        {
          bo_store_rollback (self);
          return FALSE;
        }
      if (version == self->schema_version)
        {
          if (!exec_sql (self, sql, resource, error) ||
              !exec_sql (self, bump, "user_version", error))
            {
              bo_store_rollback (self);
              return FALSE;
            }
          version++;
        }
      if (!bo_store_commit (self, error))
        return FALSE;
      self->schema_version = version;
    }

  return TRUE;
}

BoStore *
bo_store_open (const char *path,
               GError    **error)
{
  g_autoptr (BoStore) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!prepare_file (path, error))
    return NULL;

  self = g_object_new (BO_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_rc (error, self->db, rc, path);
      return NULL;
    }

  if (!configure_connection (self, error) || !migrate (self, error))
    {
      g_prefix_error (error, _("Cannot open “%s”: "), path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
bo_store_get_path (BoStore *self)
{
  g_return_val_if_fail (BO_IS_STORE (self), NULL);
  return self->path;
}

sqlite3 *
bo_store_get_db (BoStore *self)
{
  g_return_val_if_fail (BO_IS_STORE (self), NULL);
  return self->db;
}

int
bo_store_get_schema_version (BoStore *self)
{
  g_return_val_if_fail (BO_IS_STORE (self), 0);
  return self->schema_version;
}

void
bo_store_set_busy_timeout (BoStore *self,
                           guint    milliseconds)
{
  g_return_if_fail (BO_IS_STORE (self));
  sqlite3_busy_timeout (self->db, (int) MIN (milliseconds, G_MAXINT));
}

gboolean
bo_store_begin (BoStore *self,
                GError **error)
{
  g_return_val_if_fail (BO_IS_STORE (self), FALSE);
  g_return_val_if_fail (!bo_store_in_transaction (self), FALSE);

  return exec_sql (self, "BEGIN IMMEDIATE", "begin", error);
}

gboolean
bo_store_commit (BoStore *self,
                 GError **error)
{
  g_return_val_if_fail (BO_IS_STORE (self), FALSE);

  if (!exec_sql (self, "COMMIT", "commit", error))
    {
      /* A failed COMMIT (disk full, I/O error) may leave the transaction open: end it so
       * nothing half-written can be committed later by accident. */
      bo_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
bo_store_rollback (BoStore *self)
{
  g_return_if_fail (BO_IS_STORE (self));

  if (bo_store_in_transaction (self))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
bo_store_in_transaction (BoStore *self)
{
  g_return_val_if_fail (BO_IS_STORE (self), FALSE);
  return !sqlite3_get_autocommit (self->db);
}

gboolean
bo_store_exec (BoStore    *self,
               const char *sql,
               GError    **error)
{
  g_return_val_if_fail (BO_IS_STORE (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  return exec_sql (self, sql, "exec", error);
}

sqlite3_stmt *
bo_store_prepare (BoStore    *self,
                  const char *sql,
                  GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BO_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_rc (error, self->db, rc, "prepare");
      sqlite3_finalize (stmt);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
bo_store_step_done (BoStore      *self,
                    sqlite3_stmt *stmt,
                    GError      **error)
{
  int rc;

  g_return_val_if_fail (BO_IS_STORE (self), FALSE);
  g_return_val_if_fail (stmt != NULL, FALSE);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      set_error_rc (error, self->db, rc, "step");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
bo_store_set_error (BoStore    *self,
                    GError    **error,
                    const char *what)
{
  g_return_val_if_fail (BO_IS_STORE (self), FALSE);

  return set_error_rc (error, self->db, sqlite3_extended_errcode (self->db), what);
}

char *
bo_store_get_meta (BoStore    *self,
                   const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (BO_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = bo_store_prepare (self, "SELECT value FROM meta WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = bo_store_column_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gboolean
bo_store_set_meta (BoStore    *self,
                   const char *key,
                   const char *value,
                   GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BO_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (value == NULL)
    {
      stmt = bo_store_prepare (self, "DELETE FROM meta WHERE key = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      return bo_store_step_done (self, stmt, error);
    }

  stmt = bo_store_prepare (self,
                           "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return bo_store_step_done (self, stmt, error);
}

gint64
bo_store_last_insert_rowid (BoStore *self)
{
  g_return_val_if_fail (BO_IS_STORE (self), 0);
  return sqlite3_last_insert_rowid (self->db);
}

char *
bo_store_column_dup_text (sqlite3_stmt *stmt,
                          int           column)
{
  const unsigned char *text;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  text = sqlite3_column_text (stmt, column);
  return g_strdup ((const char *) text);
}
