/* bo-sync-status.c — the sync state of a counter, read from its store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sync/bo-sync-status.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "domain/bo-outbox.h"
#include "sync/bo-registration.h"
#include "sync/bo-sync-private.h"

#define MAX_PARKED_LISTED 100

static void
parked_item_free (gpointer data)
{
  BoSyncParkedItem *item = data;

  g_free (item->kind);
  g_free (item->uuid);
  g_free (item->path);
  g_free (item->error_code);
  g_free (item->message);
  g_free (item->created_at);
  g_free (item);
}

static BoSyncParkedItem *
parked_item_copy (const BoSyncParkedItem *item)
{
  BoSyncParkedItem *copy = g_memdup2 (item, sizeof *item);

  copy->kind = g_strdup (item->kind);
  copy->uuid = g_strdup (item->uuid);
  copy->path = g_strdup (item->path);
  copy->error_code = g_strdup (item->error_code);
  copy->message = g_strdup (item->message);
  copy->created_at = g_strdup (item->created_at);
  return copy;
}

G_DEFINE_BOXED_TYPE (BoSyncStatus, bo_sync_status, bo_sync_status_copy, bo_sync_status_free)

void
bo_sync_status_free (BoSyncStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->device_name);
  g_free (status->base_url);
  g_free (status->oldest_pending_at);
  g_free (status->last_success_at);
  g_free (status->last_attempt_at);
  g_free (status->last_error);
  g_clear_pointer (&status->parked_items, g_ptr_array_unref);
  g_free (status);
}

BoSyncStatus *
bo_sync_status_copy (const BoSyncStatus *status)
{
  BoSyncStatus *copy;

  g_return_val_if_fail (status != NULL, NULL);

  copy = g_memdup2 (status, sizeof *status);
  copy->device_name = g_strdup (status->device_name);
  copy->base_url = g_strdup (status->base_url);
  copy->oldest_pending_at = g_strdup (status->oldest_pending_at);
  copy->last_success_at = g_strdup (status->last_success_at);
  copy->last_attempt_at = g_strdup (status->last_attempt_at);
  copy->last_error = g_strdup (status->last_error);
  copy->parked_items = g_ptr_array_new_with_free_func (parked_item_free);
  for (guint i = 0; status->parked_items != NULL && i < status->parked_items->len; i++)
    g_ptr_array_add (copy->parked_items,
                     parked_item_copy (g_ptr_array_index (status->parked_items, i)));
  return copy;
}

BoSyncStatus *
bo_sync_status_read (BoStore  *store,
                     GError  **error)
{
  g_autoptr (BoSyncStatus) status = g_new0 (BoSyncStatus, 1);
  g_autoptr (GError) local_error = NULL;
  g_autofree char *revoked = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  status->parked_items = g_ptr_array_new_with_free_func (parked_item_free);

  if (bo_registration_get (store, &status->device_id, &status->base_url, NULL, &local_error))
    status->registered = TRUE;
  else if (!g_error_matches (local_error, BO_SYNC_ERROR, BO_SYNC_ERROR_NOT_REGISTERED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  stmt = bo_store_prepare (store, "SELECT name FROM device WHERE id = 1", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    status->device_name = bo_store_column_dup_text (stmt, 0);
  sqlite3_reset (stmt);

  revoked = bo_store_get_meta (store, BO_SYNC_META_REVOKED_AT);
  status->revoked = revoked != NULL;
  status->last_success_at = bo_store_get_meta (store, BO_SYNC_META_LAST_SUCCESS);
  status->last_attempt_at = bo_store_get_meta (store, BO_SYNC_META_LAST_ATTEMPT);
  status->last_error = bo_store_get_meta (store, BO_SYNC_META_LAST_ERROR);

  stmt = bo_store_prepare (store,
                           "SELECT coalesce (sum (state = 'pending'), 0),"
                           " coalesce (sum (state = 'parked'), 0),"
                           " (SELECT created_at FROM outbox WHERE state = 'pending' ORDER BY id LIMIT 1) "
                           "FROM outbox WHERE state IN ('pending', 'parked')",
                           error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      status->pending = sqlite3_column_int64 (stmt, 0);
      status->parked = sqlite3_column_int64 (stmt, 1);
      status->oldest_pending_at = bo_store_column_dup_text (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      bo_store_set_error (store, error, "outbox");
      return NULL;
    }

  stmt = bo_store_prepare (store,
                           "SELECT id, kind, uuid, path, error_code, last_error, created_at, attempts "
                           "FROM outbox WHERE state = 'parked' ORDER BY id LIMIT ?1",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, MAX_PARKED_LISTED);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BoSyncParkedItem *item = g_new0 (BoSyncParkedItem, 1);

      item->id = sqlite3_column_int64 (stmt, 0);
      item->kind = bo_store_column_dup_text (stmt, 1);
      item->uuid = bo_store_column_dup_text (stmt, 2);
      item->path = bo_store_column_dup_text (stmt, 3);
      item->error_code = bo_store_column_dup_text (stmt, 4);
      item->message = bo_store_column_dup_text (stmt, 5);
      item->created_at = bo_store_column_dup_text (stmt, 6);
      item->attempts = sqlite3_column_int (stmt, 7);
      g_ptr_array_add (status->parked_items, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      bo_store_set_error (store, error, "outbox");
      return NULL;
    }
  return g_steal_pointer (&status);
}

gboolean
bo_sync_retry_parked (BoStore  *store,
                      gint64    outbox_id,
                      GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BO_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A check-in goes back on its own: its old batch (and that batch's key) is left behind,
   * and a new batch is a new request. */
  stmt = bo_store_prepare (store,
                           "UPDATE outbox SET state = 'pending', next_attempt_at = NULL,"
                           " batch_uuid = NULL WHERE id = ?1 AND state = 'parked'",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, outbox_id);
  if (!bo_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (bo_store_get_db (store)) == 0)
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_REJECTED,
                   _("Outbox item %lld is not waiting for attention"), (long long) outbox_id);
      return FALSE;
    }
  return TRUE;
}

char *
bo_sync_status_to_json (const BoSyncStatus *status)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (status != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "registered");
  json_builder_add_boolean_value (b, status->registered);
  json_builder_set_member_name (b, "revoked");
  json_builder_add_boolean_value (b, status->revoked);
  json_builder_set_member_name (b, "device_id");
  json_builder_add_int_value (b, status->device_id);
  bo_json_add_string_or_null (b, "device_name", status->device_name);
  bo_json_add_string_or_null (b, "url", status->base_url);
  json_builder_set_member_name (b, "pending");
  json_builder_add_int_value (b, status->pending);
  json_builder_set_member_name (b, "parked");
  json_builder_add_int_value (b, status->parked);
  bo_json_add_string_or_null (b, "oldest_pending_at", status->oldest_pending_at);
  bo_json_add_string_or_null (b, "last_success_at", status->last_success_at);
  bo_json_add_string_or_null (b, "last_attempt_at", status->last_attempt_at);
  bo_json_add_string_or_null (b, "last_error", status->last_error);
  json_builder_set_member_name (b, "parked_items");
  json_builder_begin_array (b);
  for (guint i = 0; i < status->parked_items->len; i++)
    {
      BoSyncParkedItem *item = g_ptr_array_index (status->parked_items, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, item->id);
      bo_json_add_string_or_null (b, "kind", item->kind);
      bo_json_add_string_or_null (b, "uuid", item->uuid);
      bo_json_add_string_or_null (b, "path", item->path);
      bo_json_add_string_or_null (b, "code", item->error_code);
      bo_json_add_string_or_null (b, "message", item->message);
      bo_json_add_string_or_null (b, "created_at", item->created_at);
      json_builder_set_member_name (b, "attempts");
      json_builder_add_int_value (b, item->attempts);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}
