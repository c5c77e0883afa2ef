/* bo-outbox.c — what must reach the central server, in order, exactly once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "domain/bo-outbox.h"

#include "domain/bo-time.h"

char *
bo_json_to_string (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  g_return_val_if_fail (node != NULL, NULL);

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, FALSE);
  return json_generator_to_data (generator, NULL);
}

void
bo_json_add_string_or_null (JsonBuilder *builder,
                            const char  *member,
                            const char  *value)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (member != NULL);

  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

gboolean
bo_outbox_add (BoStore    *store,
               const char *kind,
               const char *uuid,
               const char *path,
               JsonNode   *body,
               GError    **error)
{
  g_autofree char *text = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BO_IS_STORE (store), FALSE);
  g_return_val_if_fail (bo_store_in_transaction (store), FALSE);
  g_return_val_if_fail (kind != NULL && uuid != NULL && path != NULL && body != NULL, FALSE);

  text = bo_json_to_string (body);
  now = bo_time_now_iso ();
  stmt = bo_store_prepare (store,
                           "INSERT INTO outbox (kind, uuid, path, body, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, path, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
  return bo_store_step_done (store, stmt, error);
}

gboolean
bo_outbox_count (BoStore *store,
                 gint64  *out_pending,
                 gint64  *out_parked,
                 GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BO_IS_STORE (store), FALSE);

  stmt = bo_store_prepare (store,
                           "SELECT coalesce (sum (state = 'pending'), 0), "
                           "       coalesce (sum (state = 'parked'), 0) FROM outbox",
                           error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      bo_store_set_error (store, error, "outbox count");
      sqlite3_reset (stmt);
      return FALSE;
    }
  if (out_pending != NULL)
    *out_pending = sqlite3_column_int64 (stmt, 0);
  if (out_parked != NULL)
    *out_parked = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}
