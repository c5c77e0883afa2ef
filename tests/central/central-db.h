/* central-db.h — the reference server's SQLite database: schema, statements, change counter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _CentralDb CentralDb;

/* Opens (creating or migrating) the database at @path in WAL mode. */
CentralDb    *central_db_open       (const char *path,
                                     GError    **error);
void          central_db_free       (CentralDb *db);
const char   *central_db_errmsg     (CentralDb *db);

/* Statements are prepared once and cached by their SQL text. @types names the arguments
 * that follow, one letter each:
 *   'i' gint64            'o' gint64, NULL when negative (optional ids, capacity)
 *   't' const char * (NULL binds NULL)                     'n' NULL, no argument
 * The statement comes back reset and bound; the caller steps it and calls sqlite3_reset()
 * when done (central_db_exec / central_db_get_int do that themselves). NULL on error. */
sqlite3_stmt *central_db_query      (CentralDb  *db,
                                     const char *sql,
                                     const char *types,
                                     ...);
/* Runs a statement without results. */
gboolean      central_db_exec       (CentralDb  *db,
                                     const char *sql,
                                     const char *types,
                                     ...);
/* First column of the first row: 1 with a row, 0 without, -1 on error. */
int           central_db_get_int    (CentralDb  *db,
                                     gint64     *out,
                                     const char *sql,
                                     const char *types,
                                     ...);
/* Same for text (newly allocated, NULL for a NULL column). */
int           central_db_get_text   (CentralDb  *db,
                                     char      **out,
                                     const char *sql,
                                     const char *types,
                                     ...);
/* Steps once and records the error message on failure (SQLITE_ROW, SQLITE_DONE or an error). */
int           central_db_step       (CentralDb    *db,
                                     sqlite3_stmt *stmt);

gboolean      central_db_begin      (CentralDb *db);
gboolean      central_db_commit     (CentralDb *db);
void          central_db_rollback   (CentralDb *db);
gint64        central_db_last_rowid (CentralDb *db);

/* The global change counter: every insert or update of a listed row takes the next value,
 * and lists are ordered by it. Reserves @count values and returns the first (-1 on error). */
gint64        central_db_next_seq   (CentralDb *db,
                                     gint64     count);

char         *central_db_get_meta   (CentralDb  *db,
                                     const char *key);
gboolean      central_db_set_meta   (CentralDb  *db,
                                     const char *key,
                                     const char *value);

G_END_DECLS
