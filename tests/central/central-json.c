/* central-json.c — a small streaming JSON writer for the reference server's responses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "central-json.h"

void
central_json_init (CentralJson *json)
{
  json->out = g_string_sized_new (256);
  json->depth = 0;
  json->after_key = FALSE;
  json->first[0] = TRUE;
}

char *
central_json_steal (CentralJson *json,
                    gsize       *out_len)
{
  char *text;

  if (out_len != NULL)
    *out_len = json->out->len;
  text = g_string_free (json->out, FALSE);
  json->out = NULL;
  return text;
}

void
central_json_clear (CentralJson *json)
{
  if (json->out != NULL)
    g_string_free (json->out, TRUE);
  json->out = NULL;
}

/* Writes the comma (or nothing) that must come before the next value. */
static void
before_value (CentralJson *json)
{
  if (json->after_key)
    {
      json->after_key = FALSE;
      return;
    }
  if (!json->first[json->depth])
    g_string_append_c (json->out, ',');
  json->first[json->depth] = FALSE;
}

static void
open_container (CentralJson *json,
                char         bracket)
{
  before_value (json);
  g_string_append_c (json->out, bracket);
  g_assert (json->depth + 1 < CENTRAL_JSON_MAX_DEPTH);
  json->depth++;
  json->first[json->depth] = TRUE;
}

static void
close_container (CentralJson *json,
                 char         bracket)
{
  g_assert (json->depth > 0);
  json->depth--;
  g_string_append_c (json->out, bracket);
}

void
central_json_begin_object (CentralJson *json)
{
  open_container (json, '{');
}

void
central_json_end_object (CentralJson *json)
{
  close_container (json, '}');
}

void
central_json_begin_array (CentralJson *json)
{
  open_container (json, '[');
}

void
central_json_end_array (CentralJson *json)
{
  close_container (json, ']');
}

void
central_json_append_quoted (GString    *out,
                            const char *text)
{
  const char *run = text;
  const char *p;

  g_string_append_c (out, '"');
  /* Copies runs of plain bytes in one go: most strings have nothing to escape. */
  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (out, run, p - run);
      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          g_string_append_printf (out, "\\u%04x", c);
          break;
        }
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

void
central_json_key (CentralJson *json,
                  const char  *key)
{
  before_value (json);
  central_json_append_quoted (json->out, key);
  g_string_append_c (json->out, ':');
  json->after_key = TRUE;
}

void
central_json_string (CentralJson *json,
                     const char  *value)
{
  before_value (json);
  if (value == NULL)
    g_string_append (json->out, "null");
  else
    central_json_append_quoted (json->out, value);
}

void
central_json_int (CentralJson *json,
                  gint64       value)
{
  before_value (json);
  g_string_append_printf (json->out, "%" G_GINT64_FORMAT, value);
}

void
central_json_bool (CentralJson *json,
                   gboolean     value)
{
  before_value (json);
  g_string_append (json->out, value ? "true" : "false");
}

void
central_json_null (CentralJson *json)
{
  before_value (json);
  g_string_append (json->out, "null");
}

void
central_json_double (CentralJson *json,
                     double       value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  before_value (json);
  g_string_append (json->out, g_ascii_dtostr (buffer, sizeof buffer, value));
}

void
central_json_raw (CentralJson *json,
                  const char  *text)
{
  before_value (json);
  g_string_append (json->out, text);
}

void
central_json_column (CentralJson  *json,
                     sqlite3_stmt *stmt,
                     int           col)
{
  switch (sqlite3_column_type (stmt, col))
    {
    case SQLITE_NULL:
      central_json_null (json);
      break;
    case SQLITE_INTEGER:
      central_json_int (json, sqlite3_column_int64 (stmt, col));
      break;
    case SQLITE_FLOAT:
      central_json_double (json, sqlite3_column_double (stmt, col));
      break;
    default:
      central_json_string (json, (const char *) sqlite3_column_text (stmt, col));
      break;
    }
}

void
central_json_member_string (CentralJson *json,
                            const char  *key,
                            const char  *value)
{
  central_json_key (json, key);
  central_json_string (json, value);
}

void
central_json_member_int (CentralJson *json,
                         const char  *key,
                         gint64       value)
{
  central_json_key (json, key);
  central_json_int (json, value);
}

void
central_json_member_bool (CentralJson *json,
                          const char  *key,
                          gboolean     value)
{
  central_json_key (json, key);
  central_json_bool (json, value);
}

void
central_json_member_null (CentralJson *json,
                          const char  *key)
{
  central_json_key (json, key);
  central_json_null (json);
}

void
central_json_member_column (CentralJson  *json,
                            const char   *key,
                            sqlite3_stmt *stmt,
                            int           col)
{
  central_json_key (json, key);
  central_json_column (json, stmt, col);
}
