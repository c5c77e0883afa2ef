/* central-json.h — a small streaming JSON writer for the reference server's responses
 *
 * Responses are written straight into a GString: a page of 1000 tickets costs one pass
 * over the rows and no intermediate tree. The writer tracks commas itself, so callers only
 * say what comes next.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CENTRAL_JSON_MAX_DEPTH 32

typedef struct {
  GString  *out;
  guint     depth;
  gboolean  after_key;
  gboolean  first[CENTRAL_JSON_MAX_DEPTH];
} CentralJson;

void   central_json_init         (CentralJson *json);
/* Returns the text and resets the writer. */
char  *central_json_steal        (CentralJson *json,
                                  gsize       *out_len);
void   central_json_clear        (CentralJson *json);

void   central_json_begin_object (CentralJson *json);
void   central_json_end_object   (CentralJson *json);
void   central_json_begin_array  (CentralJson *json);
void   central_json_end_array    (CentralJson *json);
void   central_json_key          (CentralJson *json,
                                  const char  *key);

void   central_json_string       (CentralJson *json,
                                  const char  *value);   /* NULL writes null */
void   central_json_int          (CentralJson *json,
                                  gint64       value);
void   central_json_bool         (CentralJson *json,
                                  gboolean     value);
void   central_json_null         (CentralJson *json);
void   central_json_double       (CentralJson *json,
                                  double       value);
/* Inserts already serialised JSON as one value. */
void   central_json_raw          (CentralJson *json,
                                  const char  *text);
/* Column @col of the current row of @stmt: NULL, integer or text. */
void   central_json_column       (CentralJson  *json,
                                  sqlite3_stmt *stmt,
                                  int           col);

void   central_json_member_string (CentralJson *json,
                                   const char  *key,
                                   const char  *value);
void   central_json_member_int    (CentralJson *json,
                                   const char  *key,
                                   gint64       value);
void   central_json_member_bool   (CentralJson *json,
                                   const char  *key,
                                   gboolean     value);
void   central_json_member_null   (CentralJson *json,
                                   const char  *key);
void   central_json_member_column (CentralJson  *json,
                                   const char   *key,
                                   sqlite3_stmt *stmt,
                                   int           col);

/* Appends @text as a quoted JSON string to @out. */
void   central_json_append_quoted (GString    *out,
                                   const char *text);

G_END_DECLS
