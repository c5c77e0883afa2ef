/* bo-sync-push.c — the push: the outbox to the server, in order, exactly once
 *
 * Items go in id order, each with its uuid as Idempotency-Key; consecutive check-ins go
 * together (up to BO_SYNC_CHECKIN_BATCH) under a batch uuid that is stored with its members
 * before the first attempt, so a retried batch is the same request. Because the server
 * answers a repeated key as it did the first time, an item whose answer was lost is simply
 * sent again: the server holds it once.
 *
 * Failures that pass (429, 5xx, timeouts, dropped connections) are retried in the cycle with
 * exponential back-off, jitter and Retry-After, and the queue waits for them (a refund must
 * not overtake its order). When the server cannot be reached at all, the phase stops at
 * once. Refusals (400/404/409/422) park the item with the server's code and message for a
 * manager; the rest of the queue goes on. 401 stops everything.
 *
 * The outcome of acknowledged items is written in small groups (one transaction per group,
 * not per item): an item acknowledged but not yet marked is re-sent after a crash and
 * answered from the server's idempotency record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sync/bo-sync-parts.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "domain/bo-outbox.h"
#include "domain/bo-time.h"

/* Most in-cycle attempts of one item before the phase gives up until the next cycle. */
#define MAX_ATTEMPTS_PER_CYCLE 8
/* Acknowledged items written together. */
#define FLUSH_EVERY 128
#define FLUSH_AFTER_US (250 * G_TIME_SPAN_MILLISECOND)

typedef struct {
  gint64  id;
  char   *kind;
  char   *uuid;
  char   *path;
  char   *body;
  int     attempts;
  char   *next_attempt_at;
  char   *batch_uuid;
} Item;

typedef enum {
  UPDATE_SENT,
  UPDATE_PARKED,
  UPDATE_RETRY,
  UPDATE_UNREACHED, /* the server was not reached: the error is noted, no back-off */
} UpdateKind;

typedef struct {
  UpdateKind kind;
  gint64     id;
  char      *response;        /* raw answer (sent, parked) */
  char      *error_code;
  char      *error_message;
  char      *next_attempt_at; /* retry */
  /* an acknowledged order */
  char      *order_uuid;
  char      *order_code;
  gint64     order_server_id;
} Update;

typedef struct {
  BoSyncContext *ctx;
  GArray        *updates;      /* of Update */
  gint64         last_flush;
  guint64        done;
  guint64        total;
} Push;

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_free (item->kind);
  g_free (item->uuid);
  g_free (item->path);
  g_free (item->body);
  g_free (item->next_attempt_at);
  g_free (item->batch_uuid);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Item, item_clear)

static void
update_clear (gpointer data)
{
  Update *update = data;

  g_free (update->response);
  g_free (update->error_code);
  g_free (update->error_message);
  g_free (update->next_attempt_at);
  g_free (update->order_uuid);
  g_free (update->order_code);
}

#define ITEM_COLUMNS "id, kind, uuid, path, body, attempts, next_attempt_at, batch_uuid"

static void
read_item (sqlite3_stmt *stmt,
           Item         *item)
{
  item->id = sqlite3_column_int64 (stmt, 0);
  item->kind = bo_store_column_dup_text (stmt, 1);
  item->uuid = bo_store_column_dup_text (stmt, 2);
  item->path = bo_store_column_dup_text (stmt, 3);
  item->body = bo_store_column_dup_text (stmt, 4);
  item->attempts = sqlite3_column_int (stmt, 5);
  item->next_attempt_at = bo_store_column_dup_text (stmt, 6);
  item->batch_uuid = bo_store_column_dup_text (stmt, 7);
}

static gboolean
flush (Push    *push,
       GError **error)
{
  BoStore *store = push->ctx->store;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;

  push->last_flush = g_get_monotonic_time ();
  if (push->updates->len == 0)
    return TRUE;

  now = bo_time_now_iso ();
  if (!bo_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < push->updates->len; i++)
    {
      Update *u = &g_array_index (push->updates, Update, i);

      switch (u->kind)
        {
        case UPDATE_SENT:
          stmt = bo_store_prepare (store,
                                   "UPDATE outbox SET state = 'sent', sent_at = ?2,"
                                   " attempts = attempts + 1, response = ?3, last_error = NULL,"
                                   " error_code = NULL, next_attempt_at = NULL WHERE id = ?1",
                                   error);
          if (stmt == NULL)
            goto fail;
          sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, u->response, -1, SQLITE_STATIC);
          break;
        case UPDATE_PARKED:
          stmt = bo_store_prepare (store,
                                   "UPDATE outbox SET state = 'parked', attempts = attempts + 1,"
                                   " response = ?3, error_code = ?4, last_error = ?5,"
                                   " next_attempt_at = NULL WHERE id = ?1",
                                   error);
          if (stmt == NULL)
            goto fail;
          sqlite3_bind_text (stmt, 3, u->response, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, u->error_code, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 5, u->error_message, -1, SQLITE_STATIC);
          break;
        case UPDATE_UNREACHED:
          stmt = bo_store_prepare (store,
                                   "UPDATE outbox SET error_code = ?4, last_error = ?5 WHERE id = ?1",
                                   error);
          if (stmt == NULL)
            goto fail;
          sqlite3_bind_text (stmt, 4, u->error_code, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 5, u->error_message, -1, SQLITE_STATIC);
          break;
        case UPDATE_RETRY:
        default:
          stmt = bo_store_prepare (store,
                                   "UPDATE outbox SET attempts = attempts + 1,"
                                   " next_attempt_at = ?3, error_code = ?4, last_error = ?5 "
                                   "WHERE id = ?1",
                                   error);
          if (stmt == NULL)
            goto fail;
          sqlite3_bind_text (stmt, 3, u->next_attempt_at, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, u->error_code, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 5, u->error_message, -1, SQLITE_STATIC);
          break;
        }
      sqlite3_bind_int64 (stmt, 1, u->id);
      if (!bo_store_step_done (store, stmt, error))
        goto fail;

      if (u->order_uuid != NULL)
        {
          stmt = bo_store_prepare (store,
                                   "UPDATE orders SET code = coalesce (?2, code),"
                                   " server_id = coalesce (?3, server_id) WHERE uuid = ?1",
                                   error);
          if (stmt == NULL)
            goto fail;
          sqlite3_bind_text (stmt, 1, u->order_uuid, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, u->order_code, -1, SQLITE_STATIC);
          if (u->order_server_id > 0)
            sqlite3_bind_int64 (stmt, 3, u->order_server_id);
          else
            sqlite3_bind_null (stmt, 3);
          if (!bo_store_step_done (store, stmt, error))
            goto fail;
          if (u->order_code != NULL)
            {
              stmt = bo_store_prepare (store,
                                       "UPDATE tickets SET order_code = ?2 WHERE order_id ="
                                       " (SELECT id FROM orders WHERE uuid = ?1)",
                                       error);
              if (stmt == NULL)
                goto fail;
              sqlite3_bind_text (stmt, 1, u->order_uuid, -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 2, u->order_code, -1, SQLITE_STATIC);
              if (!bo_store_step_done (store, stmt, error))
                goto fail;
            }
        }
    }
  if (!bo_store_commit (store, error))
    goto fail;
  g_array_set_size (push->updates, 0);
  return TRUE;

fail:
  bo_store_rollback (store);
  return FALSE;
}

static gboolean
maybe_flush (Push    *push,
             GError **error)
{
  if (push->updates->len >= FLUSH_EVERY ||
      g_get_monotonic_time () - push->last_flush >= FLUSH_AFTER_US)
    return flush (push, error);
  return TRUE;
}

/* The first pending item after @after_id; FALSE in *@out_found when there is none. */
static gboolean
next_item (Push     *push,
           gint64    after_id,
           Item     *item,
           gboolean *out_found,
           GError  **error)
{
  BoStore *store = push->ctx->store;
  sqlite3_stmt *stmt;
  int rc;

  stmt = bo_store_prepare (store,
                           "SELECT " ITEM_COLUMNS " FROM outbox "
                           "WHERE state = 'pending' AND id > ?1 ORDER BY id LIMIT 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after_id);
  rc = sqlite3_step (stmt);
  *out_found = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW)
    read_item (stmt, item);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return bo_store_set_error (store, error, "outbox");
  return TRUE;
}

/* The check-ins that go with @first: the members of its batch when it has one; otherwise the
 * pending check-ins that follow it without anything else between, which get a new batch
 * uuid here (stored before anything is sent). */
static GArray *
collect_batch (Push    *push,
               Item    *first,
               GError **error)
{
  BoStore *store = push->ctx->store;
  g_autoptr (GArray) batch = g_array_new (FALSE, TRUE, sizeof (Item));
  g_autofree char *batch_uuid = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (batch, item_clear);

  if (first->batch_uuid != NULL)
    {
      stmt = bo_store_prepare (store,
                               "SELECT " ITEM_COLUMNS " FROM outbox "
                               "WHERE batch_uuid = ?1 AND state = 'pending' ORDER BY id",
                               error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, first->batch_uuid, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          Item item = { 0 };

          read_item (stmt, &item);
          g_array_append_val (batch, item);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          bo_store_set_error (store, error, "outbox");
          return NULL;
        }
      return g_steal_pointer (&batch);
    }

  stmt = bo_store_prepare (store,
                           "SELECT " ITEM_COLUMNS " FROM outbox "
                           "WHERE state = 'pending' AND id >= ?1 ORDER BY id LIMIT ?2",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, first->id);
  sqlite3_bind_int (stmt, 2, BO_SYNC_CHECKIN_BATCH);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Item item = { 0 };

      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), BO_OUTBOX_CHECKIN) != 0 ||
          sqlite3_column_type (stmt, 7) != SQLITE_NULL)
        break;
      read_item (stmt, &item);
      g_array_append_val (batch, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      bo_store_set_error (store, error, "outbox");
      return NULL;
    }

  batch_uuid = g_uuid_string_random ();
  if (!flush (push, error) || !bo_store_begin (store, error))
    return NULL;
  stmt = bo_store_prepare (store, "UPDATE outbox SET batch_uuid = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < batch->len; i++)
    {
      Item *item = &g_array_index (batch, Item, i);

      sqlite3_bind_int64 (stmt, 1, item->id);
      sqlite3_bind_text (stmt, 2, batch_uuid, -1, SQLITE_STATIC);
      if (!bo_store_step_done (store, stmt, error))
        goto fail;
      item->batch_uuid = g_strdup (batch_uuid);
    }
  if (!bo_store_commit (store, error))
    goto fail;
  return g_steal_pointer (&batch);

fail:
  bo_store_rollback (store);
  return NULL;
}

/* An order's lines name the local allocation row; the server knows its own id. */
static char *
order_body (Push       *push,
            const char *body,
            GError    **error)
{
  BoStore *store = push->ctx->store;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonNode *lines_node;
  JsonArray *lines;
  sqlite3_stmt *stmt;
  gboolean changed = FALSE;

  if (strstr (body, "\"allocation_id\":") == NULL)
    return g_strdup (body);
  if (!json_parser_load_from_data (parser, body, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strdup (body);
  root = json_node_get_object (json_parser_get_root (parser));
  lines_node = json_object_get_member (root, "lines");
  if (lines_node == NULL || !JSON_NODE_HOLDS_ARRAY (lines_node))
    return g_strdup (body);
  lines = json_node_get_array (lines_node);

  stmt = bo_store_prepare (store, "SELECT server_id FROM allocations WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonNode *line_node = json_array_get_element (lines, i);
      JsonObject *line;
      JsonNode *alloc;
      gint64 server_id = 0;

      if (!JSON_NODE_HOLDS_OBJECT (line_node))
        continue;
      line = json_node_get_object (line_node);
      alloc = json_object_get_member (line, "allocation_id");
      if (alloc == NULL || !JSON_NODE_HOLDS_VALUE (alloc) ||
          json_node_get_value_type (alloc) != G_TYPE_INT64)
        continue;
      sqlite3_bind_int64 (stmt, 1, json_node_get_int (alloc));
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        server_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (server_id > 0)
        json_object_set_int_member (line, "allocation_id", server_id);
      else
        json_object_set_null_member (line, "allocation_id");
      changed = TRUE;
    }
  if (!changed)
    return g_strdup (body);
  return bo_json_to_string (json_parser_get_root (parser));
}

/* {"checkins": [member bodies…]} in id order: the same text for every retry of a batch. */
static char *
batch_body (GArray *batch)
{
  GString *text = g_string_new ("{\"checkins\":[");

  for (guint i = 0; i < batch->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      g_string_append (text, g_array_index (batch, Item, i).body);
    }
  g_string_append (text, "]}");
  return g_string_free (text, FALSE);
}

/* Per-uuid result objects of a POST /checkins answer. */
static GHashTable *
checkin_results (BoHttpResponse *response)
{
  GHashTable *results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonNode *node;
  JsonArray *list;

  if (response->body == NULL || !JSON_NODE_HOLDS_OBJECT (response->body))
    return results;
  node = json_object_get_member (json_node_get_object (response->body), "results");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return results;
  list = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      JsonNode *uuid;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      uuid = json_object_get_member (json_node_get_object (element), "uuid");
      if (uuid == NULL || !JSON_NODE_HOLDS_VALUE (uuid) ||
          json_node_get_value_type (uuid) != G_TYPE_STRING)
        continue;
      g_hash_table_replace (results, g_strdup (json_node_get_string (uuid)),
                            bo_json_to_string (element));
    }
  return results;
}

static void
record_sent (Push           *push,
             GArray         *batch,
             BoHttpResponse *response)
{
  Item *first = &g_array_index (batch, Item, 0);
  g_autoptr (GHashTable) results = NULL;

  if (g_str_equal (first->kind, BO_OUTBOX_CHECKIN))
    results = checkin_results (response);

  for (guint i = 0; i < batch->len; i++)
    {
      Item *item = &g_array_index (batch, Item, i);
      Update u = { UPDATE_SENT, item->id, NULL, };
      const char *own = results != NULL ? g_hash_table_lookup (results, item->uuid) : NULL;

      u.response = g_strdup (own != NULL ? own : response->raw);
      if (g_str_equal (item->kind, BO_OUTBOX_ORDER) && response->body != NULL &&
          JSON_NODE_HOLDS_OBJECT (response->body))
        {
          JsonObject *answer = json_node_get_object (response->body);
          JsonNode *code = json_object_get_member (answer, "code");
          JsonNode *id = json_object_get_member (answer, "id");

          u.order_uuid = g_strdup (item->uuid);
          if (code != NULL && JSON_NODE_HOLDS_VALUE (code) &&
              json_node_get_value_type (code) == G_TYPE_STRING)
            u.order_code = g_strdup (json_node_get_string (code));
          if (id != NULL && JSON_NODE_HOLDS_VALUE (id) &&
              json_node_get_value_type (id) == G_TYPE_INT64)
            u.order_server_id = json_node_get_int (id);
        }
      g_array_append_val (push->updates, u);
    }
  push->ctx->summary->pushed += batch->len;
}

static void
record_parked (Push           *push,
               GArray         *batch,
               BoHttpResponse *response,
               const GError   *reason)
{
  for (guint i = 0; i < batch->len; i++)
    {
      Item *item = &g_array_index (batch, Item, i);
      Update u = { UPDATE_PARKED, item->id, NULL, };

      u.response = response != NULL ? g_strdup (response->raw) : NULL;
      if (response != NULL && response->error_code != NULL)
        u.error_code = g_strdup (response->error_code);
      else if (response != NULL)
        u.error_code = g_strdup_printf ("http_%u", response->status);
      else
        u.error_code = g_strdup ("bad_response");
      u.error_message = g_strdup (response != NULL && response->error_message != NULL
                                  ? response->error_message : reason->message);
      g_array_append_val (push->updates, u);
    }
  push->ctx->summary->parked += batch->len;
}

static const char *
transient_code (const GError   *error,
                BoHttpResponse *response)
{
  switch (error->code)
    {
    case BO_SYNC_ERROR_TIMEOUT:
      return "timeout";
    case BO_SYNC_ERROR_RATE_LIMITED:
      return "rate_limited";
    case BO_SYNC_ERROR_SERVER:
      return "server_error";
    case BO_SYNC_ERROR_NETWORK:
    default:
      return "network";
    }
}

/* A failure that passes. When the server was not even reached, the item is not at fault:
 * it keeps its place without back-off, so that it goes as soon as the network is back (the
 * cycles' own timer paces the attempts). */
static void
record_retry (Push           *push,
              GArray         *batch,
              BoHttpResponse *response,
              const GError   *reason,
              gboolean        reached,
              guint           delay_ms)
{
  g_autofree char *next = bo_sync_real_time_iso (delay_ms);

  for (guint i = 0; i < batch->len; i++)
    {
      Item *item = &g_array_index (batch, Item, i);
      Update u = { reached ? UPDATE_RETRY : UPDATE_UNREACHED, item->id, NULL, };

      if (reached)
        {
          u.next_attempt_at = g_strdup (next);
          item->attempts++;
        }
      u.error_code = g_strdup (transient_code (reason, response));
      u.error_message = g_strdup (reason->message);
      g_array_append_val (push->updates, u);
    }
}

/* Sends one item (or check-in batch) until it is acknowledged, parked, or the phase has to
 * stop (FALSE with @error: transient failure out of retries, offline, 401, cancelled). */
static gboolean
send_batch (Push    *push,
            GArray  *batch,
            GError **error)
{
  BoSyncContext *ctx = push->ctx;
  Item *first = &g_array_index (batch, Item, 0);
  g_autofree char *body = NULL;
  const char *key;

  if (g_str_equal (first->kind, BO_OUTBOX_CHECKIN))
    {
      body = batch_body (batch);
      key = first->batch_uuid;
    }
  else
    {
      body = g_str_equal (first->kind, BO_OUTBOX_ORDER) ? order_body (push, first->body, error)
                                                        : g_strdup (first->body);
      if (body == NULL)
        return FALSE;
      key = first->uuid;
    }

  for (guint attempt = 1;; attempt++)
    {
      g_autoptr (BoHttpResponse) response = NULL;
      g_autoptr (GError) local_error = NULL;
      gboolean reached;
      guint delay;

      response = bo_http_client_request (ctx->http, "POST", first->path, body, strlen (body), key,
                                         ctx->cancellable, &local_error);
      if (response != NULL && bo_http_response_check (response, &local_error))
        {
          record_sent (push, batch, response);
          return TRUE;
        }

      /* Seats given back that the server no longer holds for us (the block expired, or
       * was released already): nothing is left to do. */
      if (response != NULL && g_str_equal (first->kind, "allocation_release") &&
          (response->status == 404 || response->status == 409))
        {
          record_sent (push, batch, response);
          return TRUE;
        }
      if (g_error_matches (local_error, BO_SYNC_ERROR, BO_SYNC_ERROR_REJECTED) ||
          g_error_matches (local_error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE))
        {
          /* Refused, or an answer we cannot read (a repeat would get the same one). */
          record_parked (push, batch, response, local_error);
          return TRUE;
        }
      if (!bo_sync_error_is_transient (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      reached = bo_http_client_get_reached_server (ctx->http);
      delay = bo_sync_backoff_ms (ctx->retry_base_ms, (guint) first->attempts + 1,
                                  response != NULL ? response->retry_after : -1);
      record_retry (push, batch, response, local_error, reached, delay);
      ctx->summary->failed += batch->len;
      if (!flush (push, error))
        return FALSE;

      /* Offline: no point in waiting here; the next cycle tries again. */
      if (!reached || attempt >= MAX_ATTEMPTS_PER_CYCLE ||
          ctx->retry_spent_ms + delay > ctx->retry_budget_ms)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      ctx->retry_spent_ms += delay;
      if (!bo_sync_sleep (ctx->cancellable, delay, error))
        return FALSE;
    }
}

static gint64
count_pending (BoStore *store)
{
  gint64 pending = 0;

  bo_outbox_count (store, &pending, NULL, NULL);
  return pending;
}

gboolean
bo_sync_push (BoSyncContext *ctx,
              GError       **error)
{
  g_autoptr (GArray) updates = g_array_new (FALSE, TRUE, sizeof (Update));
  g_autoptr (GError) local_error = NULL;
  Push push = { ctx, updates, g_get_monotonic_time (), 0, 0 };
  gint64 after_id = 0;
  gboolean ok = TRUE;

  g_array_set_clear_func (updates, update_clear);
  push.total = (guint64) count_pending (ctx->store);
  bo_sync_context_progress (ctx, BO_SYNC_PHASE_PUSH, 0, push.total);

  for (;;)
    {
      g_auto (Item) first = { 0 };
      g_autoptr (GArray) batch = NULL;
      g_autofree char *now = NULL;
      gboolean found = FALSE;
      gint64 last_id;

      if (!next_item (&push, after_id, &first, &found, &local_error))
        {
          ok = FALSE;
          break;
        }
      if (!found)
        break;
      /* Not due yet (backing off after a failure): the queue waits behind it. */
      now = bo_sync_real_time_iso (0);
      if (first.next_attempt_at != NULL && g_strcmp0 (first.next_attempt_at, now) > 0)
        break;

      if (g_str_equal (first.kind, BO_OUTBOX_CHECKIN))
        {
          batch = collect_batch (&push, &first, &local_error);
          if (batch == NULL)
            {
              ok = FALSE;
              break;
            }
        }
      else
        {
          Item copy = { first.id, g_strdup (first.kind), g_strdup (first.uuid),
                        g_strdup (first.path), g_strdup (first.body), first.attempts,
                        g_strdup (first.next_attempt_at), g_strdup (first.batch_uuid) };

          batch = g_array_new (FALSE, TRUE, sizeof (Item));
          g_array_set_clear_func (batch, item_clear);
          g_array_append_val (batch, copy);
        }

      if (!send_batch (&push, batch, &local_error))
        {
          ok = FALSE;
          break;
        }
      last_id = 0;
      for (guint i = 0; i < batch->len; i++)
        last_id = MAX (last_id, g_array_index (batch, Item, i).id);
      after_id = last_id;
      push.done += batch->len;
      bo_sync_context_progress (ctx, BO_SYNC_PHASE_PUSH, push.done,
                                MAX (push.total, push.done));
      if (!maybe_flush (&push, &local_error))
        {
          ok = FALSE;
          break;
        }
    }

  /* Whatever happened, what was acknowledged is written. */
  if (!flush (&push, ok ? &local_error : NULL))
    ok = FALSE;
  ctx->summary->remaining = (guint) count_pending (ctx->store);
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  ctx->summary->push_ok = TRUE;
  return TRUE;
}
