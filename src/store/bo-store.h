/* bo-store.h — the local SQLite database of one box-office counter
 *
 * One file, WAL journal, synchronous=FULL, foreign keys on, versioned migrations applied at
 * open. Every write that belongs to one business operation runs inside one
 * bo_store_begin()/bo_store_commit() pair ("BEGIN IMMEDIATE"), so a power cut leaves all of it
 * or none of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define BO_TYPE_STORE (bo_store_get_type ())
G_DECLARE_FINAL_TYPE (BoStore, bo_store, BO, STORE, GObject)

#define BO_STORE_ERROR (bo_store_error_quark ())

typedef enum {
  BO_STORE_ERROR_OPEN,         /* cannot create or open the file (path, permissions) */
  BO_STORE_ERROR_CORRUPT,      /* not a database, another program's database, or damaged pages */
  BO_STORE_ERROR_LOCKED,       /* another process holds the write lock for too long */
  BO_STORE_ERROR_READ_ONLY,    /* the file or its folder is not writable */
  BO_STORE_ERROR_TOO_NEW,      /* written by a newer version of the application */
  BO_STORE_ERROR_FULL,         /* disk full */
  BO_STORE_ERROR_FAILED,       /* any other SQLite failure */
} BoStoreError;

/* Newest schema version this build knows. */
#define BO_STORE_SCHEMA_VERSION 4

GQuark       bo_store_error_quark      (void);

/* Default path: $BILTEN_BOXOFFICE_DB, else $XDG_DATA_HOME/bilten-boxoffice/boxoffice.db. */
char        *bo_store_default_path     (void);

/* Opens (creating when missing, with 0600 permissions) and migrates. */
BoStore     *bo_store_open             (const char *path,
                                        GError    **error);

const char  *bo_store_get_path         (BoStore *self);
sqlite3     *bo_store_get_db           (BoStore *self);
int          bo_store_get_schema_version (BoStore *self);

/* How long a write waits for another process's transaction before BO_STORE_ERROR_LOCKED
 * (10 s by default). */
void         bo_store_set_busy_timeout (BoStore *self,
                                        guint    milliseconds);

/* Write transactions. begin is "BEGIN IMMEDIATE" (waits up to the busy timeout for other
 * processes). rollback never fails and is safe to call when no transaction is open. */
gboolean     bo_store_begin            (BoStore *self,
                                        GError **error);
gboolean     bo_store_commit           (BoStore *self,
                                        GError **error);
void         bo_store_rollback         (BoStore *self);
gboolean     bo_store_in_transaction   (BoStore *self);

/* Runs SQL without results (schema work, pragmas). */
gboolean     bo_store_exec             (BoStore    *self,
                                        const char *sql,
                                        GError    **error);

/* A cached prepared statement for @sql, reset and with bindings cleared, owned by the store:
 * do not finalize it. NULL with @error set when @sql does not compile. */
sqlite3_stmt *bo_store_prepare         (BoStore    *self,
                                        const char *sql,
                                        GError    **error);

/* Steps a statement that returns no row (INSERT/UPDATE/DELETE) and resets it. */
gboolean     bo_store_step_done        (BoStore      *self,
                                        sqlite3_stmt *stmt,
                                        GError      **error);

/* Sets @error from the connection's last error (maps SQLITE_FULL, _BUSY, _READONLY,
 * _CORRUPT/_NOTADB to the matching BoStoreError) with @what as context. Returns FALSE. */
gboolean     bo_store_set_error        (BoStore    *self,
                                        GError    **error,
                                        const char *what);

/* Small key/value table for device settings and sync cursors. */
char        *bo_store_get_meta         (BoStore    *self,
                                        const char *key);
gboolean     bo_store_set_meta         (BoStore    *self,
                                        const char *key,
                                        const char *value,
                                        GError    **error);

gint64       bo_store_last_insert_rowid (BoStore *self);

/* Column helpers that return a newly allocated copy or NULL for SQL NULL. */
char        *bo_store_column_dup_text  (sqlite3_stmt *stmt,
                                        int           column);

G_END_DECLS
