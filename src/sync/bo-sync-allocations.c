/* bo-sync-allocations.c — blocks of capacity granted to this counter
 *
 * A counter sells limited ticket types offline only from blocks the server granted it, so
 * that all channels together never exceed the capacity. Each cycle keeps a block per limited
 * on-sale type (topped up when it falls below half of the target size) and gives back what
 * is left once the event is over, the type is off sale, or the counter closes.
 *
 * Asking for a block is made idempotent across crashes: the request's uuid and body are
 * written to meta before it is sent and removed in the transaction that stores the grant, so
 * a grant whose answer was lost is asked for again with the same uuid (the server answers
 * as the first time) instead of leaking seats. Giving seats back goes through the outbox,
 * after the orders that drew on the block.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sync/bo-sync-parts.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "domain/bo-outbox.h"
#include "domain/bo-time.h"

#define PENDING_PREFIX "sync.alloc_pending."
#define DEFAULT_TARGET 20

typedef struct {
  gint64 type_id;
  gint64 event_id;
  gint64 capacity;
  gint64 sold;
  gint64 remaining; /* unused seats in this counter's open blocks */
} TypeState;

static guint
target_size (BoSyncContext   *ctx,
             const TypeState *type)
{
  gint64 left;

  if (ctx->allocation_target > 0)
    return ctx->allocation_target;
  /* What is still unsold anywhere, this counter's unused seats included. */
  left = MAX (type->capacity - type->sold, 0) + type->remaining;
  return (guint) CLAMP (left / 10, 1, DEFAULT_TARGET);
}

/* Stores a granted block (from a 201 answer) and forgets the pending request. */
static gboolean
store_grant (BoSyncContext *ctx,
             const char    *uuid,
             gint64         event_id,
             gint64         type_id,
             JsonNode      *body,
             guint         *out_granted,
             GError       **error)
{
  const char *what = _("an allocation");
  g_autofree char *pending_key = g_strconcat (PENDING_PREFIX, uuid, NULL);
  g_autofree char *now = bo_time_now_iso ();
  const char *expires_at = NULL;
  JsonObject *object;
  gint64 id = 0, quantity = 0;
  sqlite3_stmt *stmt;

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                   _("The server’s answer to an allocation request is not a JSON object"));
      return FALSE;
    }
  object = json_node_get_object (body);
  if (!bo_json_get_int (object, "id", 1, G_MAXUINT32, &id, what, error) ||
      !bo_json_get_int (object, "quantity", 0, G_MAXINT32, &quantity, what, error) ||
      !bo_json_get_opt_string (object, "expires_at", &expires_at, what, error))
    return FALSE;

  if (!bo_store_begin (ctx->store, error))
    return FALSE;
  stmt = bo_store_prepare (ctx->store,
                           "INSERT INTO allocations (uuid, server_id, event_id, ticket_type_id,"
                           " quantity, used, expires_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7) "
                           "ON CONFLICT (uuid) DO UPDATE SET server_id = excluded.server_id,"
                           " expires_at = excluded.expires_at",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  sqlite3_bind_int64 (stmt, 3, event_id);
  sqlite3_bind_int64 (stmt, 4, type_id);
  sqlite3_bind_int64 (stmt, 5, quantity);
  sqlite3_bind_text (stmt, 6, expires_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_STATIC);
  if (!bo_store_step_done (ctx->store, stmt, error) ||
      !bo_store_set_meta (ctx->store, pending_key, NULL, error) ||
      !bo_store_commit (ctx->store, error))
    goto fail;
  if (out_granted != NULL)
    *out_granted = (guint) quantity;
  ctx->summary->allocations_granted++;
  return TRUE;

fail:
  bo_store_rollback (ctx->store);
  return FALSE;
}

/* "available" of a 409 sold_out, in the error object or beside it; -1 when absent. */
static gint64
sold_out_available (BoHttpResponse *response)
{
  JsonObject *root;
  JsonNode *node;

  if (response->body == NULL || !JSON_NODE_HOLDS_OBJECT (response->body))
    return -1;
  root = json_node_get_object (response->body);
  node = json_object_get_member (root, "error");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonNode *inner = json_object_get_member (json_node_get_object (node), "available");

      if (inner != NULL && JSON_NODE_HOLDS_VALUE (inner) &&
          json_node_get_value_type (inner) == G_TYPE_INT64)
        return MAX (json_node_get_int (inner), 0);
    }
  node = json_object_get_member (root, "available");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_INT64)
    return MAX (json_node_get_int (node), 0);
  return -1;
}

/* Sends one allocation request (new, or a pending one again with @uuid). On 409 sold_out,
 * fails with REJECTED and sets *@out_available. */
static gboolean
send_request (BoSyncContext *ctx,
              const char    *uuid,
              gint64         event_id,
              gint64         type_id,
              guint          quantity,
              guint         *out_granted,
              gint64        *out_available,
              GError       **error)
{
  g_autofree char *pending_key = g_strconcat (PENDING_PREFIX, uuid, NULL);
  g_autofree char *pending_value = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%u",
                                                    event_id, type_id, quantity);
  g_autofree char *path = g_strdup_printf ("/events/%" G_GINT64_FORMAT "/allocations", event_id);
  g_autofree char *body = g_strdup_printf ("{\"uuid\":\"%s\",\"ticket_type_id\":%" G_GINT64_FORMAT
                                           ",\"quantity\":%u}",
                                           uuid, type_id, quantity);
  g_autoptr (BoHttpResponse) response = NULL;
  g_autoptr (GError) local_error = NULL;

  if (out_available != NULL)
    *out_available = -1;
  if (!bo_store_set_meta (ctx->store, pending_key, pending_value, error))
    return FALSE;

  response = bo_http_client_request (ctx->http, "POST", path, body, strlen (body), uuid,
                                     ctx->cancellable, error);
  if (response == NULL)
    return FALSE; /* no answer: the request stays pending and is sent again next time */

  if (bo_http_response_check (response, &local_error))
    return store_grant (ctx, uuid, event_id, type_id, response->body, out_granted, error);

  if (g_error_matches (local_error, BO_SYNC_ERROR, BO_SYNC_ERROR_REJECTED))
    {
      /* Refused: nothing was granted under this uuid. */
      if (!bo_store_set_meta (ctx->store, pending_key, NULL, error))
        return FALSE;
      if (response->status == 409 && out_available != NULL)
        *out_available = sold_out_available (response);
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Asks for @quantity seats; when fewer are left, for what is left (at least @minimum). */
static gboolean
request_block (BoSyncContext *ctx,
               gint64         event_id,
               gint64         type_id,
               guint          quantity,
               guint          minimum,
               guint         *out_granted,
               GError       **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autoptr (GError) local_error = NULL;
  gint64 available = -1;

  if (send_request (ctx, uuid, event_id, type_id, quantity, out_granted, &available,
                    &local_error))
    return TRUE;
  if (available > 0 && available < quantity && available >= minimum)
    {
      g_autofree char *second = g_uuid_string_random ();

      g_clear_error (&local_error);
      return send_request (ctx, second, event_id, type_id, (guint) available, out_granted,
                           NULL, error);
    }
  if (available >= 0 && g_error_matches (local_error, BO_SYNC_ERROR, BO_SYNC_ERROR_REJECTED))
    {
      g_clear_error (&local_error);
      if (available == 0)
        g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_REJECTED,
                     _("The server has no seats of this ticket type left to allocate"));
      else
        g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_REJECTED,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "The server has only %lld seat of this ticket type left to "
                                  "allocate",
                                  "The server has only %lld seats of this ticket type left to "
                                  "allocate", (gulong) available),
                     (long long) available);
      return FALSE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Requests whose answer never arrived, sent again with their own uuid and body. */
static gboolean
resume_pending (BoSyncContext *ctx,
                GError       **error)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = bo_store_prepare (ctx->store,
                           "SELECT key, value FROM meta WHERE key GLOB 'sync.alloc_pending.*'",
                           error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (keys, bo_store_column_dup_text (stmt, 0));
      g_ptr_array_add (values, bo_store_column_dup_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return bo_store_set_error (ctx->store, error, "meta");

  for (guint i = 0; i < keys->len; i++)
    {
      const char *uuid = (const char *) g_ptr_array_index (keys, i) + strlen (PENDING_PREFIX);
      g_auto (GStrv) parts = g_strsplit (g_ptr_array_index (values, i), ":", 3);
      g_autoptr (GError) local_error = NULL;
      guint64 event_id, type_id, quantity;

      if (g_strv_length (parts) != 3 ||
          !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXUINT32, &event_id, NULL) ||
          !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT32, &type_id, NULL) ||
          !g_ascii_string_to_unsigned (parts[2], 10, 1, G_MAXINT32, &quantity, NULL))
        {
          if (!bo_store_set_meta (ctx->store, g_ptr_array_index (keys, i), NULL, error))
            return FALSE;
          continue;
        }
      if (!send_request (ctx, uuid, (gint64) event_id, (gint64) type_id, (guint) quantity, NULL,
                         NULL, &local_error))
        {
          /* A refusal is final (the request was dropped); anything else stops the phase. */
          if (!g_error_matches (local_error, BO_SYNC_ERROR, BO_SYNC_ERROR_REJECTED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }
    }
  return TRUE;
}

gboolean
bo_sync_allocations_reconcile (BoSyncContext *ctx,
                               GError       **error)
{
  g_autoptr (BoHttpResponse) response = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *what = _("an allocation");
  JsonArray *list = NULL;
  sqlite3_stmt *stmt;
  guint n;

  bo_sync_context_progress (ctx, BO_SYNC_PHASE_ALLOCATIONS, 0, 0);
  if (!resume_pending (ctx, error))
    return FALSE;

  /* The server's view of this device's blocks: expiry times, and ids of blocks whose grant
   * was stored before (ids are never sent twice, so this only refreshes). */
  response = bo_http_client_request (ctx->http, "GET", "/allocations?limit=1000", NULL, 0, NULL,
                                     ctx->cancellable, error);
  if (response == NULL)
    return FALSE;
  if (!bo_http_response_check (response, &local_error))
    {
      /* An older server without the list: nothing to refresh. */
      if (response->status == 404)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (response->body != NULL && JSON_NODE_HOLDS_ARRAY (response->body))
    list = json_node_get_array (response->body);
  else if (response->body != NULL && JSON_NODE_HOLDS_OBJECT (response->body))
    {
      JsonObject *root = json_node_get_object (response->body);
      JsonNode *node = json_object_get_member (root, "results");

      if (node == NULL)
        node = json_object_get_member (root, "allocations");
      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        list = json_node_get_array (node);
    }
  if (list == NULL)
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                   _("The server’s list of allocations is not a list"));
      return FALSE;
    }

  if (!bo_store_begin (ctx->store, error))
    return FALSE;
  stmt = bo_store_prepare (ctx->store,
                           "UPDATE allocations SET expires_at = ?2 WHERE server_id = ?1",
                           error);
  if (stmt == NULL)
    goto fail;
  n = json_array_get_length (list);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      const char *expires_at = NULL;
      gint64 id = 0;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      if (!bo_json_get_int (json_node_get_object (node), "id", 1, G_MAXUINT32, &id, what,
                            error) ||
          !bo_json_get_opt_string (json_node_get_object (node), "expires_at", &expires_at, what,
                                   error))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, expires_at, -1, SQLITE_STATIC);
      if (!bo_store_step_done (ctx->store, stmt, error))
        goto fail;
    }
  return bo_store_commit (ctx->store, error);

fail:
  bo_store_rollback (ctx->store);
  return FALSE;
}

/* Closes one block: no more sales draw on it, and its unused seats go back to the server
 * through the outbox (after the orders that used it). Expired blocks are the server's
 * again already. */
static gboolean
close_block (BoSyncContext *ctx,
             gint64         id,
             GError       **error)
{
  g_autofree char *now = bo_time_now_iso ();
  sqlite3_stmt *stmt;
  gint64 server_id = 0, unused = 0;
  gboolean expired = FALSE;
  int rc;

  if (!bo_store_begin (ctx->store, error))
    return FALSE;
  /* Read under the write lock: a sale on another connection may have drawn on it. */
  stmt = bo_store_prepare (ctx->store,
                           "SELECT server_id, quantity - used,"
                           " expires_at IS NOT NULL AND expires_at <= ?2 "
                           "FROM allocations WHERE id = ?1 AND released_at IS NULL",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      server_id = sqlite3_column_int64 (stmt, 0);
      unused = sqlite3_column_int64 (stmt, 1);
      expired = sqlite3_column_int (stmt, 2) != 0;
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      bo_store_rollback (ctx->store);
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    {
      bo_store_set_error (ctx->store, error, "allocations");
      goto fail;
    }

  stmt = bo_store_prepare (ctx->store, "UPDATE allocations SET released_at = ?2 WHERE id = ?1",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  if (!bo_store_step_done (ctx->store, stmt, error))
    goto fail;

  if (unused > 0 && !expired && server_id > 0)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *path = g_strdup_printf ("/allocations/%" G_GINT64_FORMAT "/release",
                                               server_id);
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) body = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "uuid");
      json_builder_add_string_value (b, uuid);
      json_builder_set_member_name (b, "quantity");
      json_builder_add_int_value (b, unused);
      json_builder_end_object (b);
      body = json_builder_get_root (b);
      if (!bo_outbox_add (ctx->store, "allocation_release", uuid, path, body, error))
        goto fail;
    }
  if (!bo_store_commit (ctx->store, error))
    goto fail;
  ctx->summary->allocations_released++;
  return TRUE;

fail:
  bo_store_rollback (ctx->store);
  return FALSE;
}

gboolean
bo_sync_allocations_release (BoSyncContext *ctx,
                             gboolean       all,
                             GError       **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = bo_store_prepare (ctx->store,
                           "SELECT a.id FROM allocations a"
                           " JOIN ticket_types t ON t.id = a.ticket_type_id"
                           " JOIN events e ON e.id = a.event_id "
                           "WHERE a.released_at IS NULL AND (?1"
                           " OR e.status <> 'on_sale' OR NOT t.active"
                           " OR NOT (" BO_SYNC_LIVE_EVENT_SQL ")"
                           " OR (t.sales_end IS NOT NULL AND t.sales_end <= :now)"
                           " OR (a.expires_at IS NOT NULL AND a.expires_at <= :now)) "
                           "ORDER BY a.id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, all ? 1 : 0);
  bo_sync_bind_now (stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return bo_store_set_error (ctx->store, error, "allocations");

  for (guint i = 0; i < ids->len; i++)
    if (!close_block (ctx, g_array_index (ids, gint64, i), error))
      return FALSE;
  return TRUE;
}

#define TYPE_STATE_SQL \
  "SELECT t.id, t.event_id, t.capacity, t.sold," \
  " (SELECT coalesce (sum (a.quantity - a.used), 0) FROM allocations a" \
  "  WHERE a.ticket_type_id = t.id AND a.released_at IS NULL) " \
  "FROM ticket_types t JOIN events e ON e.id = t.event_id "

static void
read_type_state (sqlite3_stmt *stmt,
                 TypeState    *state)
{
  state->type_id = sqlite3_column_int64 (stmt, 0);
  state->event_id = sqlite3_column_int64 (stmt, 1);
  state->capacity = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? -1
                                                                 : sqlite3_column_int64 (stmt, 2);
  state->sold = sqlite3_column_int64 (stmt, 3);
  state->remaining = sqlite3_column_int64 (stmt, 4);
}

gboolean
bo_sync_allocations_top_up (BoSyncContext *ctx,
                            GError       **error)
{
  g_autoptr (GArray) types = g_array_new (FALSE, FALSE, sizeof (TypeState));
  sqlite3_stmt *stmt;
  int rc;

  stmt = bo_store_prepare (ctx->store,
                           TYPE_STATE_SQL
                           "WHERE e.status = 'on_sale' AND t.active AND t.capacity IS NOT NULL"
                           " AND (t.sales_end IS NULL OR t.sales_end > :now)"
                           " AND " BO_SYNC_LIVE_EVENT_SQL " ORDER BY e.starts_at, t.position, t.id",
                           error);
  if (stmt == NULL)
    return FALSE;
  bo_sync_bind_now (stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TypeState state;

      read_type_state (stmt, &state);
      g_array_append_val (types, state);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return bo_store_set_error (ctx->store, error, "ticket types");

  for (guint i = 0; i < types->len; i++)
    {
      TypeState *type = &g_array_index (types, TypeState, i);
      guint target = target_size (ctx, type);
      gint64 want, available;
      g_autoptr (GError) local_error = NULL;

      bo_sync_context_progress (ctx, BO_SYNC_PHASE_ALLOCATIONS, i, types->len);
      /* Topped up when below half, so that a steady trickle of sales does not ask the server
       * for one seat at a time. */
      if (type->remaining * 2 >= target)
        continue;
      want = target - type->remaining;
      available = type->capacity - type->sold;
      if (available <= 0)
        continue;
      want = MIN (want, available);
      if (!request_block (ctx, type->event_id, type->type_id, (guint) want, 1, NULL,
                          &local_error))
        {
          /* Sold out is not a failure of the cycle; everything else is. */
          if (g_error_matches (local_error, BO_SYNC_ERROR, BO_SYNC_ERROR_REJECTED))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
bo_sync_allocations_request (BoSyncContext *ctx,
                             guint32        ticket_type_id,
                             guint          quantity,
                             GError       **error)
{
  sqlite3_stmt *stmt;
  TypeState type = { 0 };
  gint64 need;
  guint target, ask;
  int rc;

  stmt = bo_store_prepare (ctx->store, TYPE_STATE_SQL "WHERE t.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ticket_type_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    read_type_state (stmt, &type);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_REJECTED,
                   _("Ticket type %u is not known to this counter"), ticket_type_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return bo_store_set_error (ctx->store, error, "ticket types");

  if (type.capacity < 0)
    return TRUE; /* unlimited: nothing to allocate */
  need = (gint64) quantity - type.remaining;
  if (need <= 0)
    return TRUE;
  target = target_size (ctx, &type);
  ask = (guint) MAX (need, (gint64) target - type.remaining);
  return request_block (ctx, type.event_id, type.type_id, ask, (guint) need, NULL, error);
}
