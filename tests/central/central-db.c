/* central-db.c — the reference server's SQLite database: schema, statements, change counter
 *
 * One connection, used only from the main loop thread: every request runs to completion
 * before the next one, so a request's transaction never interleaves with another's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "central-db.h"

#include <gio/gio.h>

struct _CentralDb {
  sqlite3    *handle;
  GHashTable *statements; /* SQL text -> sqlite3_stmt */
  char       *errmsg;
};

#define SCHEMA_VERSION 1

/* Rows that devices list carry change_seq from one global counter (change_counter) so that
 * "everything after cursor C" is a single index range on every list. */
static const char schema_v1[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE change_counter (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);"
  "INSERT INTO change_counter (id, value) VALUES (1, 0);"
  "CREATE TABLE tokens ("
  "  token TEXT PRIMARY KEY, name TEXT, created_at TEXT NOT NULL,"
  "  used_at TEXT, device_id INTEGER);"
  "CREATE TABLE devices ("
  "  id INTEGER PRIMARY KEY, name TEXT NOT NULL, public_key TEXT NOT NULL,"
  "  api_token TEXT NOT NULL UNIQUE, hardware_brand TEXT, hardware_model TEXT,"
  "  software_brand TEXT, software_version TEXT, created_at TEXT NOT NULL,"
  "  revoked_at TEXT, change_seq INTEGER NOT NULL);"
  "CREATE INDEX devices_by_seq ON devices (change_seq);"
  "CREATE TABLE events ("
  "  id INTEGER PRIMARY KEY, name TEXT NOT NULL, starts_at TEXT NOT NULL,"
  "  ends_at TEXT NOT NULL, venue_name TEXT NOT NULL, timezone TEXT NOT NULL,"
  "  currency TEXT NOT NULL DEFAULT 'EUR', status TEXT NOT NULL DEFAULT 'on_sale',"
  "  updated_at TEXT NOT NULL, change_seq INTEGER NOT NULL);"
  "CREATE INDEX events_by_seq ON events (change_seq);"
  /* sold: seats taken by tickets of every channel (plus what an admin set); held: seats of
   * allocations granted to devices and not used or released yet. */
  "CREATE TABLE ticket_types ("
  "  id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES events (id),"
  "  name TEXT NOT NULL, price INTEGER NOT NULL, fee INTEGER NOT NULL,"
  "  tax_rate_bp INTEGER NOT NULL, capacity INTEGER, sold INTEGER NOT NULL DEFAULT 0,"
  "  held INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1,"
  "  sales_start TEXT, sales_end TEXT, updated_at TEXT NOT NULL,"
  "  change_seq INTEGER NOT NULL);"
  "CREATE INDEX ticket_types_by_event ON ticket_types (event_id, change_seq);"
  "CREATE TABLE orders ("
  "  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, device_id INTEGER NOT NULL,"
  "  event_id INTEGER NOT NULL, code TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,"
  "  operator TEXT, total INTEGER NOT NULL, forced INTEGER NOT NULL,"
  "  oversold INTEGER NOT NULL, status TEXT NOT NULL, received_at TEXT NOT NULL,"
  "  request_hash TEXT NOT NULL, response TEXT NOT NULL);"
  "CREATE TABLE order_lines ("
  "  order_id INTEGER NOT NULL REFERENCES orders (id), position INTEGER NOT NULL,"
  "  ticket_type_id INTEGER NOT NULL, quantity INTEGER NOT NULL,"
  "  unit_price INTEGER NOT NULL, unit_fee INTEGER NOT NULL, tax_rate_bp INTEGER NOT NULL,"
  "  allocation_id INTEGER, from_allocation INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (order_id, position));"
  "CREATE TABLE payments ("
  "  order_id INTEGER NOT NULL REFERENCES orders (id), position INTEGER NOT NULL,"
  "  method TEXT NOT NULL, amount INTEGER NOT NULL, reference TEXT,"
  "  PRIMARY KEY (order_id, position));"
  "CREATE TABLE tickets ("
  "  id INTEGER PRIMARY KEY, uuid TEXT UNIQUE, secret TEXT NOT NULL UNIQUE,"
  "  event_id INTEGER NOT NULL, ticket_type_id INTEGER NOT NULL, order_id INTEGER,"
  "  order_code TEXT NOT NULL, attendee_name TEXT, status TEXT NOT NULL DEFAULT 'valid',"
  "  checked_in_at TEXT, updated_at TEXT NOT NULL, change_seq INTEGER NOT NULL);"
  "CREATE INDEX tickets_by_event ON tickets (event_id, change_seq);"
  "CREATE INDEX tickets_by_order_code ON tickets (order_code);"
  "CREATE INDEX tickets_by_order ON tickets (order_id);"
  "CREATE TABLE refunds ("
  "  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, order_id INTEGER NOT NULL,"
  "  device_id INTEGER NOT NULL, amount INTEGER NOT NULL, method TEXT NOT NULL,"
  "  reason TEXT, created_at TEXT NOT NULL, operator TEXT, received_at TEXT NOT NULL,"
  "  request_hash TEXT NOT NULL, response TEXT NOT NULL);"
  "CREATE TABLE refund_tickets ("
  "  refund_id INTEGER NOT NULL, ticket_id INTEGER NOT NULL,"
  "  PRIMARY KEY (refund_id, ticket_id));"
  "CREATE TABLE allocations ("
  "  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, device_id INTEGER NOT NULL,"
  "  event_id INTEGER NOT NULL, ticket_type_id INTEGER NOT NULL, granted INTEGER NOT NULL,"
  "  used INTEGER NOT NULL DEFAULT 0, released INTEGER NOT NULL DEFAULT 0,"
  "  expires_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  change_seq INTEGER NOT NULL, request_hash TEXT NOT NULL, response TEXT NOT NULL);"
  "CREATE INDEX allocations_by_device ON allocations (device_id, change_seq);"
  "CREATE TABLE allocation_releases ("
  "  uuid TEXT PRIMARY KEY, allocation_id INTEGER NOT NULL, device_id INTEGER NOT NULL,"
  "  quantity INTEGER NOT NULL, created_at TEXT NOT NULL,"
  "  request_hash TEXT NOT NULL, response TEXT NOT NULL);"
  /* ticket_id NULL: a signed secret whose order has not arrived yet (linked later). */
  "CREATE TABLE checkins ("
  "  id INTEGER PRIMARY KEY, uuid TEXT UNIQUE, device_id INTEGER, event_id INTEGER,"
  "  ticket_id INTEGER, secret TEXT NOT NULL, scanned_at TEXT NOT NULL, gate TEXT,"
  "  direction TEXT NOT NULL, offline INTEGER NOT NULL, result TEXT NOT NULL,"
  "  received_at TEXT NOT NULL);"
  "CREATE INDEX checkins_by_secret ON checkins (secret);"
  "CREATE TABLE closings ("
  "  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, device_id INTEGER NOT NULL,"
  "  opened_at TEXT NOT NULL, closed_at TEXT NOT NULL, operator TEXT,"
  "  float INTEGER NOT NULL, cash_counted INTEGER NOT NULL, payment_totals TEXT NOT NULL,"
  "  first_journal_seq INTEGER NOT NULL, last_journal_seq INTEGER NOT NULL,"
  "  journal_head TEXT NOT NULL, received_at TEXT NOT NULL,"
  "  request_hash TEXT NOT NULL, response TEXT NOT NULL);"
  /* device_id 0 = requests made before authentication (POST /device/initialize). */
  "CREATE TABLE idempotency ("
  "  device_id INTEGER NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL,"
  "  status INTEGER NOT NULL, response TEXT NOT NULL, created_at TEXT NOT NULL,"
  "  PRIMARY KEY (device_id, key));";

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
set_error (CentralDb *db)
{
  g_free (db->errmsg);
  db->errmsg = g_strdup (sqlite3_errmsg (db->handle));
}

static gboolean
exec_script (CentralDb  *db,
             const char *sql,
             GError    **error)
{
  char *message = NULL;

  if (sqlite3_exec (db->handle, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "SQLite: %s", message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (CentralDb *db,
         GError   **error)
{
  sqlite3_stmt *stmt;
  int version = 0;

  if (sqlite3_prepare_v2 (db->handle, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "SQLite: %s", sqlite3_errmsg (db->handle));
      return FALSE;
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version == SCHEMA_VERSION)
    return TRUE;
  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "database schema %d is newer than this server (%d)", version, SCHEMA_VERSION);
      return FALSE;
    }

  if (!exec_script (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!exec_script (db, schema_v1, error) ||
      !exec_script (db, "PRAGMA user_version = 1", error))
    {
      sqlite3_exec (db->handle, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return exec_script (db, "COMMIT", error);
}

CentralDb *
central_db_open (const char *path,
                 GError    **error)
{
  CentralDb *db = g_new0 (CentralDb, 1);

  db->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          finalize_statement);
  if (sqlite3_open_v2 (path, &db->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)
      != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot open %s: %s", path,
                   db->handle != NULL ? sqlite3_errmsg (db->handle) : "out of memory");
      central_db_free (db);
      return NULL;
    }
  sqlite3_busy_timeout (db->handle, 5000);
  /* --issue-token may run next to a live server on the same file: WAL lets it. */
  if (!exec_script (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                        "PRAGMA foreign_keys = ON;", error) ||
      !migrate (db, error))
    {
      central_db_free (db);
      return NULL;
    }
  return db;
}

void
central_db_free (CentralDb *db)
{
  if (db == NULL)
    return;
  g_clear_pointer (&db->statements, g_hash_table_unref);
  sqlite3_close (db->handle);
  g_free (db->errmsg);
  g_free (db);
}

const char *
central_db_errmsg (CentralDb *db)
{
  return db->errmsg != NULL ? db->errmsg : "unknown database error";
}

static sqlite3_stmt *
query_valist (CentralDb  *db,
              const char *sql,
              const char *types,
              va_list     args)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (db->statements, sql);
  int rc = SQLITE_OK;

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL)
          != SQLITE_OK)
        {
          set_error (db);
          g_printerr ("bilten-central-dev: cannot prepare %s: %s\n", sql, db->errmsg);
          return NULL;
        }
      g_hash_table_insert (db->statements, g_strdup (sql), stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  for (int i = 0; types != NULL && types[i] != '\0' && rc == SQLITE_OK; i++)
    {
      gint64 number;
      const char *text;

      switch (types[i])
        {
        case 'i':
          rc = sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64));
          break;
        case 'o':
          number = va_arg (args, gint64);
          rc = number < 0 ? sqlite3_bind_null (stmt, i + 1)
                          : sqlite3_bind_int64 (stmt, i + 1, number);
          break;
        case 't':
          text = va_arg (args, const char *);
          rc = sqlite3_bind_text (stmt, i + 1, text, -1, SQLITE_TRANSIENT);
          break;
        case 'n':
          rc = sqlite3_bind_null (stmt, i + 1);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  if (rc != SQLITE_OK)
    {
      set_error (db);
      return NULL;
    }
  return stmt;
}

sqlite3_stmt *
central_db_query (CentralDb  *db,
                  const char *sql,
                  const char *types,
                  ...)
{
  sqlite3_stmt *stmt;
  va_list args;

  va_start (args, types);
  stmt = query_valist (db, sql, types, args);
  va_end (args);
  return stmt;
}

int
central_db_step (CentralDb    *db,
                 sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    set_error (db);
  return rc;
}

gboolean
central_db_exec (CentralDb  *db,
                 const char *sql,
                 const char *types,
                 ...)
{
  sqlite3_stmt *stmt;
  va_list args;
  int rc;

  va_start (args, types);
  stmt = query_valist (db, sql, types, args);
  va_end (args);
  if (stmt == NULL)
    return FALSE;
  do
    rc = central_db_step (db, stmt);
  while (rc == SQLITE_ROW);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

int
central_db_get_int (CentralDb  *db,
                    gint64     *out,
                    const char *sql,
                    const char *types,
                    ...)
{
  sqlite3_stmt *stmt;
  va_list args;
  int rc;
  int found;

  va_start (args, types);
  stmt = query_valist (db, sql, types, args);
  va_end (args);
  if (stmt == NULL)
    return -1;
  rc = central_db_step (db, stmt);
  if (rc == SQLITE_ROW)
    {
      if (out != NULL)
        *out = sqlite3_column_int64 (stmt, 0);
      found = 1;
    }
  else
    found = rc == SQLITE_DONE ? 0 : -1;
  sqlite3_reset (stmt);
  return found;
}

int
central_db_get_text (CentralDb  *db,
                     char      **out,
                     const char *sql,
                     const char *types,
                     ...)
{
  sqlite3_stmt *stmt;
  va_list args;
  int rc;
  int found;

  va_start (args, types);
  stmt = query_valist (db, sql, types, args);
  va_end (args);
  if (stmt == NULL)
    return -1;
  rc = central_db_step (db, stmt);
  if (rc == SQLITE_ROW)
    {
      if (out != NULL)
        *out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      found = 1;
    }
  else
    found = rc == SQLITE_DONE ? 0 : -1;
  sqlite3_reset (stmt);
  return found;
}

gboolean
central_db_begin (CentralDb *db)
{
  return central_db_exec (db, "BEGIN IMMEDIATE", NULL);
}

gboolean
central_db_commit (CentralDb *db)
{
  return central_db_exec (db, "COMMIT", NULL);
}

void
central_db_rollback (CentralDb *db)
{
  if (!sqlite3_get_autocommit (db->handle))
    sqlite3_exec (db->handle, "ROLLBACK", NULL, NULL, NULL);
}

gint64
central_db_last_rowid (CentralDb *db)
{
  return sqlite3_last_insert_rowid (db->handle);
}

gint64
central_db_next_seq (CentralDb *db,
                     gint64     count)
{
  gint64 last;

  g_assert (count >= 1);
  if (central_db_get_int (db, &last,
                          "UPDATE change_counter SET value = value + ?1 WHERE id = 1 "
                          "RETURNING value", "i", count) != 1)
    return -1;
  return last - count + 1;
}

char *
central_db_get_meta (CentralDb  *db,
                     const char *key)
{
  char *value = NULL;

  if (central_db_get_text (db, &value, "SELECT value FROM meta WHERE key = ?1", "t", key) != 1)
    return NULL;
  return value;
}

gboolean
central_db_set_meta (CentralDb  *db,
                     const char *key,
                     const char *value)
{
  return central_db_exec (db,
                          "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          "tt", key, value);
}
