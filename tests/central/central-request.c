/* central-request.c — answers, request-body getters and paging shared by every handler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "central-private.h"

#include <sodium.h>
#include <string.h>

#include "domain/bo-time.h"

#define CURSOR_PREFIX "seq:"

static void
set_response (CentralRequest *req,
              guint           status,
              char           *text,
              gsize           len)
{
  g_free (req->response);
  req->status = status;
  req->response = text;
  req->response_len = len;
}

void
central_reply_json (CentralRequest *req,
                    guint           status,
                    CentralJson    *json)
{
  gsize len;
  char *text = central_json_steal (json, &len);

  set_response (req, status, text, len);
}

static void
reply_error_valist (CentralRequest *req,
                    guint           status,
                    const char     *code,
                    const char     *extra_key,
                    gint64          extra_value,
                    const char     *format,
                    va_list         args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);
  CentralJson json;

  central_json_init (&json);
  central_json_begin_object (&json);
  central_json_key (&json, "error");
  central_json_begin_object (&json);
  central_json_member_string (&json, "code", code);
  central_json_member_string (&json, "message", message);
  if (extra_key != NULL)
    central_json_member_int (&json, extra_key, extra_value);
  central_json_end_object (&json);
  /* Also at the top level, for clients that read extra values there. */
  if (extra_key != NULL)
    central_json_member_int (&json, extra_key, extra_value);
  central_json_end_object (&json);
  central_reply_json (req, status, &json);
}

void
central_reply_error (CentralRequest *req,
                     guint           status,
                     const char     *code,
                     const char     *format,
                     ...)
{
  va_list args;

  va_start (args, format);
  reply_error_valist (req, status, code, NULL, 0, format, args);
  va_end (args);
}

void
central_reply_error_with (CentralRequest *req,
                          guint           status,
                          const char     *code,
                          const char     *extra_key,
                          gint64          extra_value,
                          const char     *format,
                          ...)
{
  va_list args;

  va_start (args, format);
  reply_error_valist (req, status, code, extra_key, extra_value, format, args);
  va_end (args);
}

gboolean
central_reply_db_error (CentralRequest *req)
{
  const char *message = central_db_errmsg (req->db);

  g_printerr ("bilten-central-dev: database error on %s %s: %s\n", req->method, req->path, message);
  central_reply_error (req, 500, "server_error", "database error: %s", message);
  return FALSE;
}

void
central_reply_validation (CentralRequest *req,
                          const char     *field,
                          const char     *problem)
{
  central_reply_error (req, 400, "validation", "%s: %s", field, problem);
}

JsonObject *
central_body_object (CentralRequest *req)
{
  if (req->body == NULL || !JSON_NODE_HOLDS_OBJECT (req->body))
    {
      central_reply_error (req, 400, "validation", "the request body must be a JSON object");
      return NULL;
    }
  return json_node_get_object (req->body);
}

/* The member, or NULL when absent or JSON null. */
static JsonNode *
member (JsonObject *obj,
        const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

static gboolean
fail_field (CentralRequest *req,
            const char     *prefix,
            const char     *name,
            const char     *problem)
{
  g_autofree char *field = g_strconcat (prefix != NULL ? prefix : "", name, NULL);

  central_reply_validation (req, field, problem);
  return FALSE;
}

gboolean
central_get_string (CentralRequest *req,
                    JsonObject     *obj,
                    const char     *prefix,
                    const char     *name,
                    gboolean        required,
                    gsize           max_len,
                    const char    **out)
{
  JsonNode *node = member (obj, name);
  const char *value;

  *out = NULL;
  if (node == NULL)
    return required ? fail_field (req, prefix, name, "is required") : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail_field (req, prefix, name, "must be a string");
  value = json_node_get_string (node);
  if (required && *value == '\0')
    return fail_field (req, prefix, name, "must not be empty");
  if (max_len > 0 && strlen (value) > max_len)
    {
      g_autofree char *problem = g_strdup_printf ("must be at most %" G_GSIZE_FORMAT " bytes",
                                                  max_len);
      return fail_field (req, prefix, name, problem);
    }
  *out = value;
  return TRUE;
}

gboolean
central_get_int (CentralRequest *req,
                 JsonObject     *obj,
                 const char     *prefix,
                 const char     *name,
                 gboolean        required,
                 gint64          min,
                 gint64          max,
                 gint64         *out,
                 gboolean       *out_present)
{
  JsonNode *node = member (obj, name);
  gint64 value;

  if (out_present != NULL)
    *out_present = FALSE;
  if (node == NULL)
    return required ? fail_field (req, prefix, name, "is required") : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail_field (req, prefix, name, "must be an integer");
  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      g_autofree char *problem = g_strdup_printf ("must be between %" G_GINT64_FORMAT
                                                  " and %" G_GINT64_FORMAT, min, max);
      return fail_field (req, prefix, name, problem);
    }
  *out = value;
  if (out_present != NULL)
    *out_present = TRUE;
  return TRUE;
}

gboolean
central_get_bool (CentralRequest *req,
                  JsonObject     *obj,
                  const char     *prefix,
                  const char     *name,
                  gboolean        default_value,
                  gboolean       *out)
{
  JsonNode *node = member (obj, name);

  *out = default_value;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fail_field (req, prefix, name, "must be true or false");
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
central_get_time (CentralRequest *req,
                  JsonObject     *obj,
                  const char     *prefix,
                  const char     *name,
                  gboolean        required,
                  const char    **out)
{
  g_autoptr (GDateTime) parsed = NULL;

  if (!central_get_string (req, obj, prefix, name, required, 64, out))
    return FALSE;
  if (*out == NULL)
    return TRUE;
  parsed = bo_time_parse (*out);
  if (parsed == NULL)
    return fail_field (req, prefix, name, "must be an RFC 3339 timestamp");
  return TRUE;
}

/* Client uuids are identities: any non-empty printable ASCII text up to 64 bytes is taken
 * (a UUID in practice), so that devices are not refused over formatting. */
gboolean
central_get_uuid (CentralRequest *req,
                  JsonObject     *obj,
                  const char     *prefix,
                  const char     *name,
                  const char    **out)
{
  if (!central_get_string (req, obj, prefix, name, TRUE, 64, out))
    return FALSE;
  for (const char *p = *out; *p != '\0'; p++)
    if (!g_ascii_isgraph (*p))
      return fail_field (req, prefix, name, "must be printable ASCII without spaces");
  return TRUE;
}

JsonArray *
central_get_array (CentralRequest *req,
                   JsonObject     *obj,
                   const char     *prefix,
                   const char     *name,
                   guint           min_len,
                   guint           max_len)
{
  JsonNode *node = member (obj, name);
  JsonArray *array;
  guint len;

  if (node == NULL)
    {
      fail_field (req, prefix, name, "is required");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      fail_field (req, prefix, name, "must be an array");
      return NULL;
    }
  array = json_node_get_array (node);
  len = json_array_get_length (array);
  if (len < min_len || len > max_len)
    {
      g_autofree char *problem = g_strdup_printf ("must have between %u and %u elements",
                                                  min_len, max_len);
      fail_field (req, prefix, name, problem);
      return NULL;
    }
  return array;
}

/* Cursors are base64url of "seq:N": opaque to clients, cheap to check here. */
char *
central_cursor_encode (gint64 seq)
{
  g_autofree char *plain = g_strdup_printf (CURSOR_PREFIX "%" G_GINT64_FORMAT, seq);
  char *text = g_base64_encode ((const guchar *) plain, strlen (plain));

  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  g_strdelimit (text, "=", '\0');
  return text;
}

static gboolean
cursor_decode (const char *text,
               gint64     *out_seq)
{
  g_autoptr (GString) padded = g_string_new (text);
  g_autofree guchar *plain = NULL;
  g_autofree char *plain_text = NULL;
  gsize len;
  guint64 value;
  char *end;

  if (padded->len == 0 || padded->len > 64)
    return FALSE;
  for (gsize i = 0; i < padded->len; i++)
    if (!g_ascii_isalnum (padded->str[i]) && padded->str[i] != '-' && padded->str[i] != '_')
      return FALSE;
  g_strdelimit (padded->str, "-", '+');
  g_strdelimit (padded->str, "_", '/');
  while (padded->len % 4 != 0)
    g_string_append_c (padded, '=');
  plain = g_base64_decode (padded->str, &len);
  plain_text = g_strndup ((const char *) plain, len);
  if (!g_str_has_prefix (plain_text, CURSOR_PREFIX))
    return FALSE;
  if (!g_ascii_isdigit (plain_text[strlen (CURSOR_PREFIX)]))
    return FALSE;
  value = g_ascii_strtoull (plain_text + strlen (CURSOR_PREFIX), &end, 10);
  if (*end != '\0' || value > G_MAXINT64)
    return FALSE;
  *out_seq = (gint64) value;
  return TRUE;
}

gboolean
central_page_params (CentralRequest *req,
                     gint64         *out_after_seq,
                     gint64         *out_limit)
{
  const char *cursor = req->query != NULL ? g_hash_table_lookup (req->query, "cursor") : NULL;
  const char *limit = req->query != NULL ? g_hash_table_lookup (req->query, "limit") : NULL;

  *out_after_seq = 0;
  *out_limit = 100;
  if (cursor != NULL && *cursor != '\0' && !cursor_decode (cursor, out_after_seq))
    {
      central_reply_error (req, 400, "invalid_cursor", "cursor: not a cursor this server gave");
      return FALSE;
    }
  if (limit != NULL)
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (limit, 10, 1, 1000, &value, NULL))
        {
          central_reply_error (req, 400, "validation", "limit: must be an integer from 1 to 1000");
          return FALSE;
        }
      *out_limit = (gint64) value;
    }
  return TRUE;
}

void
central_page_finish (CentralJson *json,
                     gint64       last_seq,
                     gboolean     has_more)
{
  g_autofree char *cursor = central_cursor_encode (last_seq);

  central_json_end_array (json);
  central_json_member_string (json, "next_cursor", cursor);
  central_json_member_bool (json, "has_more", has_more);
  central_json_end_object (json);
}

gboolean
central_replay_by_uuid (CentralRequest *req,
                        const char     *table,
                        const char     *uuid,
                        guint           status,
                        gboolean       *out_failed)
{
  g_autofree char *sql = g_strdup_printf ("SELECT device_id, request_hash, response FROM %s "
                                          "WHERE uuid = ?1", table);
  sqlite3_stmt *stmt = central_db_query (req->db, sql, "t", uuid);
  int rc;

  *out_failed = FALSE;
  if (stmt == NULL)
    {
      *out_failed = TRUE;
      central_reply_db_error (req);
      return TRUE;
    }
  rc = central_db_step (req->db, stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      *out_failed = TRUE;
      central_reply_db_error (req);
      return TRUE;
    }

  /* The same object sent again under another Idempotency-Key (or by the same counter after
   * it registered again, under a new device id): the uuid is its identity. */
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), req->request_hash) == 0)
    {
      const char *response = (const char *) sqlite3_column_text (stmt, 2);

      g_free (req->response);
      req->status = status;
      req->response = g_strdup (response);
      req->response_len = strlen (response);
      req->server->idempotent_replays++;
    }
  else
    {
      central_reply_error (req, 409, "uuid_taken",
                           "uuid %s: already used for a different %s", uuid, table);
      *out_failed = TRUE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

char *
central_random_token (gsize n_bytes)
{
  g_autofree guchar *bytes = g_malloc (n_bytes);
  char *text;

  randombytes_buf (bytes, n_bytes);
  text = g_base64_encode (bytes, n_bytes);
  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  g_strdelimit (text, "=", '\0');
  return text;
}

gboolean
central_get_operator (CentralRequest *req,
                      JsonObject     *obj,
                      gboolean        required,
                      char          **out)
{
  JsonNode *node = member (obj, "operator");

  *out = NULL;
  if (node == NULL)
    return required ? fail_field (req, NULL, "operator", "is required") : TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
      strlen (json_node_get_string (node)) <= 200)
    {
      *out = g_strdup (json_node_get_string (node));
      return TRUE;
    }
  return fail_field (req, NULL, "operator", "must be a name (up to 200 bytes) or an id");
}

void
central_reply_page (CentralRequest   *req,
                    sqlite3_stmt     *stmt,
                    gint64            after_seq,
                    gint64            limit,
                    int               seq_col,
                    CentralRowWriter  writer)
{
  CentralJson json;
  gint64 last_seq = after_seq;
  gint64 count = 0;
  gboolean has_more = FALSE;
  int rc;

  central_json_init (&json);
  central_json_begin_object (&json);
  central_json_key (&json, "results");
  central_json_begin_array (&json);
  while ((rc = central_db_step (req->db, stmt)) == SQLITE_ROW)
    {
      if (count == limit)
        {
          has_more = TRUE;
          break;
        }
      writer (&json, stmt);
      last_seq = sqlite3_column_int64 (stmt, seq_col);
      count++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      central_json_clear (&json);
      central_reply_db_error (req);
      return;
    }
  central_page_finish (&json, last_seq, has_more);
  central_reply_json (req, 200, &json);
}
