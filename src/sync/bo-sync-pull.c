/* bo-sync-pull.c — the pull: device keys, events, ticket types and tickets
 *
 * Lists are paged. A page is parsed on its own (at most 1000 objects) and written with its
 * cursor in one transaction, so memory stays flat for an event of any size and a pull that
 * is killed resumes at the page after the last one stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sync/bo-sync-parts.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "domain/bo-time.h"

typedef struct _PagedList PagedList;

/* One paged list of the pull: where it is, how messages name it, and how its entries are
 * stored. The hooks run inside the page's transaction. */
struct _PagedList {
  const char *path;
  const char *cursor_key;  /* NULL: always the whole list, no cursor stored */
  const char *what;        /* the list in page-level messages: “events” */
  const char *entry_what;  /* one entry in member messages: “an event” */
  const char *not_object;  /* the whole message for an entry that is not a JSON object */
  const char *sql;         /* stores one entry; prepared once a page */
  /* Optional, once a page before its entries: checks the page as a whole. */
  gboolean  (*begin_page) (BoSyncContext   *ctx,
                           const PagedList *list,
                           JsonArray       *results,
                           GError         **error);
  /* Checks one entry and stores it with @stmt (from @sql, shared by the page's entries, so
   * every parameter is bound each time). */
  gboolean  (*store)      (BoSyncContext   *ctx,
                           const PagedList *list,
                           sqlite3_stmt    *stmt,
                           JsonObject      *entry,
                           GError         **error);
  /* Optional, once a page after its entries (before its cursor is stored). */
  void      (*end_page)   (BoSyncContext   *ctx,
                           const PagedList *list);
  guint64    *count;       /* the summary's count of this kind of object */
  gpointer    user_data;
};

void
bo_sync_bind_now (sqlite3_stmt *stmt)
{
  int index = sqlite3_bind_parameter_index (stmt, ":now");

  if (index > 0)
    {
      g_autofree char *now = bo_time_now_iso ();

      sqlite3_bind_text (stmt, index, now, -1, SQLITE_TRANSIENT);
    }
}

/* Stores the entries of one page; the caller holds the page's transaction. */
static gboolean
store_page (BoSyncContext   *ctx,
            const PagedList *list,
            JsonArray       *results,
            GError         **error)
{
  guint n = json_array_get_length (results);
  sqlite3_stmt *stmt;

  if (list->begin_page != NULL && !list->begin_page (ctx, list, results, error))
    return FALSE;
  stmt = bo_store_prepare (ctx->store, list->sql, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (results, i);

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error_literal (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                               list->not_object);
          return FALSE;
        }
      if (!list->store (ctx, list, stmt, json_node_get_object (node), error))
        return FALSE;
      (*list->count)++;
      ctx->summary->pulled++;
    }
  if (list->end_page != NULL)
    list->end_page (ctx, list);
  return TRUE;
}

/* Fetches the list page by page from its stored cursor (none: from the start) and stores
 * each page in a transaction that also stores the next cursor. */
static gboolean
pull_paged (BoSyncContext   *ctx,
            const PagedList *list,
            GError         **error)
{
  const char *path = list->path;
  const char *cursor_key = list->cursor_key;
  const char *what = list->what;
  g_autofree char *cursor = cursor_key != NULL ? bo_store_get_meta (ctx->store, cursor_key)
                                               : NULL;
  gboolean restarted = FALSE;

  for (;;)
    {
      g_autoptr (JsonObject) page = NULL;
      g_autoptr (GError) local_error = NULL;
      g_autofree char *url = NULL;
      JsonArray *results = NULL;
      const char *next_cursor = NULL;
      gboolean has_more = FALSE;

      if (cursor != NULL)
        {
          g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);

          url = g_strdup_printf ("%s%scursor=%s&limit=%u", path, strchr (path, '?') ? "&" : "?",
                                 escaped, ctx->page_limit);
        }
      else
        url = g_strdup_printf ("%s%slimit=%u", path, strchr (path, '?') ? "&" : "?",
                               ctx->page_limit);

      page = bo_http_client_get_object (ctx->http, url, ctx->cancellable, &local_error);
      if (page == NULL && cursor != NULL && !restarted &&
          g_error_matches (local_error, BO_SYNC_ERROR, BO_SYNC_ERROR_REJECTED))
        {
          /* A cursor the server no longer knows (its data was rebuilt, say): start the list
           * again from the beginning; rows are upserts, so nothing doubles. */
          g_clear_error (&local_error);
          g_clear_pointer (&cursor, g_free);
          restarted = TRUE;
          if (cursor_key != NULL && !bo_store_set_meta (ctx->store, cursor_key, NULL, error))
            return FALSE;
          continue;
        }
      if (page == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!bo_json_get_page (page, &results, &next_cursor, &has_more, what, error))
        return FALSE;
      if (has_more && g_strcmp0 (next_cursor, cursor) == 0 && json_array_get_length (results) == 0)
        {
          g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                       _("The server’s %s list does not advance (cursor “%s” again)"), what,
                       next_cursor);
          return FALSE;
        }

      if (!bo_store_begin (ctx->store, error))
        return FALSE;
      if (!store_page (ctx, list, results, error) ||
          (cursor_key != NULL && next_cursor != NULL &&
           !bo_store_set_meta (ctx->store, cursor_key, next_cursor, error)) ||
          !bo_store_commit (ctx->store, error))
        {
          bo_store_rollback (ctx->store);
          return FALSE;
        }

      if (!has_more)
        return TRUE;
      g_free (cursor);
      cursor = g_strdup (next_cursor);
    }
}

static gboolean
check_time (const char *value,
            const char *member,
            const char *what,
            GError    **error)
{
  g_autoptr (GDateTime) parsed = NULL;

  if (value == NULL)
    return TRUE;
  parsed = bo_time_parse (value);
  if (parsed == NULL)
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                   _("The server sent %s with a bad “%s” (expected an RFC 3339 time, got “%s”)"),
                   what, member, value);
      return FALSE;
    }
  return TRUE;
}

/* ---- keys ---- */

static gboolean
store_key (BoSyncContext   *ctx,
           const PagedList *list,
           sqlite3_stmt    *stmt,
           JsonObject      *key,
           GError         **error)
{
  const char *what = list->entry_what;
  const char *public_key = NULL, *revoked_at = NULL;
  g_autofree guchar *raw = NULL;
  gint64 device_id = 0;
  gsize raw_len = 0;

  if (!bo_json_get_int (key, "device_id", 1, G_MAXUINT32, &device_id, what, error) ||
      !bo_json_get_string (key, "public_key", &public_key, what, error) ||
      !bo_json_get_opt_string (key, "revoked_at", &revoked_at, what, error) ||
      !check_time (revoked_at, "revoked_at", what, error))
    return FALSE;
  raw = g_base64_decode (public_key, &raw_len);
  if (raw_len != 32)
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The server sent a public key of %lld byte for device %lld "
                                "(Ed25519 keys have 32)",
                                "The server sent a public key of %lld bytes for device %lld "
                                "(Ed25519 keys have 32)",
                                raw_len),
                   (long long) raw_len, (long long) device_id);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, device_id);
  sqlite3_bind_blob (stmt, 2, raw, 32, SQLITE_STATIC);
  if (revoked_at != NULL)
    sqlite3_bind_text (stmt, 3, revoked_at, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 3);
  return bo_store_step_done (ctx->store, stmt, error);
}

gboolean
bo_sync_pull_keys (BoSyncContext *ctx,
                   GError       **error)
{
  const PagedList keys = {
    .path = "/keys",
    .cursor_key = BO_SYNC_META_CURSOR_PREFIX "keys",
    .what = _("device keys"),
    .entry_what = _("a device key"),
    .not_object = _("The server sent a device key list with an entry that is not an object"),
    .sql = "INSERT INTO device_keys (device_id, public_key, revoked_at) "
           "VALUES (?1, ?2, ?3) ON CONFLICT (device_id) DO UPDATE "
           "SET public_key = excluded.public_key, revoked_at = excluded.revoked_at",
    .store = store_key,
    .count = &ctx->summary->pulled_keys,
  };

  bo_sync_context_progress (ctx, BO_SYNC_PHASE_KEYS, 0, 0);
  return pull_paged (ctx, &keys, error);
}

/* ---- events ---- */

static gboolean
store_event (BoSyncContext   *ctx,
             const PagedList *list,
             sqlite3_stmt    *stmt,
             JsonObject      *event,
             GError         **error)
{
  const char *what = list->entry_what;
  const char *name = NULL, *starts_at = NULL, *ends_at = NULL, *venue = NULL;
  const char *timezone = NULL, *currency = NULL, *status = NULL, *updated_at = NULL;
  gint64 id = 0;

  if (!bo_json_get_int (event, "id", 1, G_MAXUINT32, &id, what, error) ||
      !bo_json_get_string (event, "name", &name, what, error) ||
      !bo_json_get_string (event, "starts_at", &starts_at, what, error) ||
      !bo_json_get_opt_string (event, "ends_at", &ends_at, what, error) ||
      !bo_json_get_opt_string (event, "venue_name", &venue, what, error) ||
      !bo_json_get_opt_string (event, "timezone", &timezone, what, error) ||
      !bo_json_get_string (event, "currency", &currency, what, error) ||
      !bo_json_get_string (event, "status", &status, what, error) ||
      !bo_json_get_opt_string (event, "updated_at", &updated_at, what, error) ||
      !check_time (starts_at, "starts_at", what, error) ||
      !check_time (ends_at, "ends_at", what, error))
    return FALSE;
  if (strlen (currency) != 3 ||
      !(g_str_equal (status, "on_sale") || g_str_equal (status, "off_sale") ||
        g_str_equal (status, "cancelled")))
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                   _("The server sent event %lld with currency “%s” and status “%s” (expected "
                     "a 3-letter code and on_sale, off_sale or cancelled)"),
                   (long long) id, currency, status);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, starts_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, ends_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, venue, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, timezone, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, currency, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, updated_at, -1, SQLITE_STATIC);
  return bo_store_step_done (ctx->store, stmt, error);
}

gboolean
bo_sync_pull_events (BoSyncContext *ctx,
                     GError       **error)
{
  const PagedList events = {
    .path = "/events",
    .cursor_key = BO_SYNC_META_CURSOR_PREFIX "events",
    .what = _("events"),
    .entry_what = _("an event"),
    .not_object = _("The server sent an event list with an entry that is not an object"),
    .sql = "INSERT INTO events (id, name, starts_at, ends_at, venue_name, timezone,"
           " currency, status, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
           "ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
           " starts_at = excluded.starts_at, ends_at = excluded.ends_at,"
           " venue_name = excluded.venue_name, timezone = excluded.timezone,"
           " currency = excluded.currency, status = excluded.status,"
           " updated_at = excluded.updated_at",
    .store = store_event,
    .count = &ctx->summary->pulled_events,
  };

  bo_sync_context_progress (ctx, BO_SYNC_PHASE_EVENTS, 0, 0);
  return pull_paged (ctx, &events, error);
}

/* Ids of the events whose catalogue and tickets are kept. */
static GArray *
live_events (BoSyncContext *ctx,
             GError       **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = bo_store_prepare (ctx->store,
                           "SELECT e.id FROM events e WHERE " BO_SYNC_LIVE_EVENT_SQL
                           " ORDER BY e.starts_at, e.id",
                           error);
  if (stmt == NULL)
    return NULL;
  bo_sync_bind_now (stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      bo_store_set_error (ctx->store, error, "events");
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* ---- ticket types ---- */

static gboolean
store_ticket_type (BoSyncContext   *ctx,
                   const PagedList *list,
                   sqlite3_stmt    *stmt,
                   JsonObject      *type,
                   GError         **error)
{
  const gint64 *listed_event_id = list->user_data;
  const char *what = list->entry_what;
  const char *name = NULL, *sales_start = NULL, *sales_end = NULL, *updated_at = NULL;
  gint64 id = 0, event_id = 0, price = 0, fee = 0, tax = 0, capacity = -1, sold = 0;
  gboolean active = TRUE;

  if (!bo_json_get_int (type, "id", 1, G_MAXUINT32, &id, what, error) ||
      !bo_json_get_int (type, "event_id", 1, G_MAXUINT32, &event_id, what, error) ||
      !bo_json_get_string (type, "name", &name, what, error) ||
      !bo_json_get_int (type, "price", 0, G_MAXINT64 / 4, &price, what, error) ||
      !bo_json_get_opt_int (type, "fee", 0, G_MAXINT64 / 4, &fee, what, error) ||
      !bo_json_get_opt_int (type, "tax_rate_bp", 0, 10000, &tax, what, error) ||
      !bo_json_get_opt_int (type, "capacity", 0, G_MAXINT32, &capacity, what, error) ||
      !bo_json_get_opt_int (type, "sold", 0, G_MAXINT32, &sold, what, error) ||
      !bo_json_get_opt_bool (type, "active", TRUE, &active, what, error) ||
      !bo_json_get_opt_string (type, "sales_start", &sales_start, what, error) ||
      !bo_json_get_opt_string (type, "sales_end", &sales_end, what, error) ||
      !bo_json_get_opt_string (type, "updated_at", &updated_at, what, error) ||
      !check_time (sales_start, "sales_start", what, error) ||
      !check_time (sales_end, "sales_end", what, error))
    return FALSE;
  if (event_id != *listed_event_id)
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                   _("The server listed ticket type %lld of event %lld among the types of "
                     "event %lld"),
                   (long long) id, (long long) event_id, (long long) *listed_event_id);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, event_id);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, price);
  sqlite3_bind_int64 (stmt, 5, MAX (fee, 0));
  sqlite3_bind_int64 (stmt, 6, MAX (tax, 0));
  if (capacity >= 0)
    sqlite3_bind_int64 (stmt, 7, capacity);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_int64 (stmt, 8, MAX (sold, 0));
  sqlite3_bind_int (stmt, 9, active ? 1 : 0);
  sqlite3_bind_text (stmt, 10, sales_start, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, sales_end, -1, SQLITE_STATIC);
  /* The feed comes in order of change: a new type goes after those already listed, and a
   * known one keeps its place. */
  sqlite3_bind_int64 (stmt, 12, id);
  sqlite3_bind_text (stmt, 13, updated_at, -1, SQLITE_STATIC);
  return bo_store_step_done (ctx->store, stmt, error);
}

static gboolean
pull_event_types (BoSyncContext *ctx,
                  gint64         event_id,
                  GError       **error)
{
  g_autofree char *path = g_strdup_printf ("/events/%" G_GINT64_FORMAT "/ticket-types",
                                           event_id);
  /* Always the whole list, without a stored cursor: a handful of rows, and "sold" must be
   * fresh every time for the allocation decisions that follow. */
  const PagedList types = {
    .path = path,
    .what = _("ticket types"),
    .entry_what = _("a ticket type"),
    .not_object = _("The server sent a ticket type list with an entry that is not an object"),
    /* sold: the server counts every channel and every device, granted allocations included;
     * this counter adds what it sold beyond its allocations and the server has not
     * acknowledged yet (its allocated sales are already inside the server's count). */
    .sql = "INSERT INTO ticket_types (id, event_id, name, price, fee, tax_rate_bp,"
           " capacity, sold, active, sales_start, sales_end, position, updated_at)"
           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 + (SELECT coalesce (sum (l.quantity), 0)"
           "   FROM order_lines l JOIN orders o ON o.id = l.order_id"
           "   WHERE l.ticket_type_id = ?1 AND l.allocation_id IS NULL"
           "   AND o.server_id IS NULL AND o.status NOT IN ('voided', 'refunded')),"
           " ?9, ?10, ?11, ?12, ?13) "
           "ON CONFLICT (id) DO UPDATE SET event_id = excluded.event_id,"
           " name = excluded.name, price = excluded.price, fee = excluded.fee,"
           " tax_rate_bp = excluded.tax_rate_bp, capacity = excluded.capacity,"
           " sold = excluded.sold, active = excluded.active,"
           " sales_start = excluded.sales_start, sales_end = excluded.sales_end,"
           " updated_at = excluded.updated_at",
    .store = store_ticket_type,
    .count = &ctx->summary->pulled_ticket_types,
    .user_data = &event_id,
  };

  return pull_paged (ctx, &types, error);
}

gboolean
bo_sync_pull_ticket_types (BoSyncContext *ctx,
                           GError       **error)
{
  g_autoptr (GArray) events = live_events (ctx, error);

  if (events == NULL)
    return FALSE;
  for (guint i = 0; i < events->len; i++)
    {
      bo_sync_context_progress (ctx, BO_SYNC_PHASE_TICKET_TYPES, i, events->len);
      if (!pull_event_types (ctx, g_array_index (events, gint64, i), error))
        return FALSE;
    }
  return TRUE;
}

/* ---- tickets ---- */

typedef struct {
  gint64        event_id;
  GHashTable   *known_types;     /* ticket type ids of the event */
  gboolean      types_refreshed;
  gboolean      missing_type;    /* a page named a type not in known_types */
  guint64       total;
  sqlite3_stmt *by_uuid;         /* the page's other statements (see begin_tickets_page) */
  sqlite3_stmt *by_secret;
} TicketsPull;

static gboolean
load_known_types (BoSyncContext *ctx,
                  TicketsPull   *pull,
                  GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_hash_table_remove_all (pull->known_types);
  stmt = bo_store_prepare (ctx->store, "SELECT id FROM ticket_types WHERE event_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pull->event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (pull->known_types, GUINT_TO_POINTER ((guint) sqlite3_column_int64 (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return bo_store_set_error (ctx->store, error, "ticket types");
  return TRUE;
}

/* A ticket of a type this counter has not seen yet: the type was added after the catalogue
 * pull. Fetched outside the page's transaction by the caller. */
static gboolean
page_needs_types (TicketsPull *pull,
                  JsonArray   *results)
{
  guint n = json_array_get_length (results);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (results, i);
      JsonNode *type;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      type = json_object_get_member (json_node_get_object (node), "ticket_type_id");
      if (type != NULL && JSON_NODE_HOLDS_VALUE (type) &&
          json_node_get_value_type (type) == G_TYPE_INT64 &&
          !g_hash_table_contains (pull->known_types,
                                  GUINT_TO_POINTER ((guint) json_node_get_int (type))))
        return TRUE;
    }
  return FALSE;
}

static gboolean
begin_tickets_page (BoSyncContext   *ctx,
                    const PagedList *list,
                    JsonArray       *results,
                    GError         **error)
{
  TicketsPull *pull = list->user_data;
  sqlite3_stmt *by_uuid, *by_secret;

  if (!pull->types_refreshed && page_needs_types (pull, results))
    {
      pull->missing_type = TRUE;
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                   _("The server sent tickets of a ticket type this counter does not know"));
      return FALSE;
    }

  /* A ticket sold here is known by its uuid; it learns its server id and order code. A
   * ticket cancelled here (refunded) stays cancelled whatever an older server view says. */
  by_uuid = bo_store_prepare (ctx->store,
                              "UPDATE tickets SET server_id = ?1, order_code = coalesce (?2, order_code),"
                              " status = CASE WHEN status = 'cancelled' THEN 'cancelled' ELSE ?3 END,"
                              " checked_in_at = ?4, updated_at = ?5,"
                              " attendee_name = coalesce (?6, attendee_name) "
                              "WHERE uuid = ?7",
                              error);
  if (by_uuid == NULL)
    return FALSE;
  by_secret = bo_store_prepare (ctx->store,
                                "UPDATE tickets SET server_id = ?1, order_code = coalesce (?2, order_code),"
                                " status = CASE WHEN status = 'cancelled' THEN 'cancelled' ELSE ?3 END,"
                                " checked_in_at = ?4, updated_at = ?5 "
                                "WHERE secret = ?6 AND server_id IS NULL AND event_id = ?7",
                                error);
  if (by_secret == NULL)
    return FALSE;
  pull->by_uuid = by_uuid;
  pull->by_secret = by_secret;
  return TRUE;
}

static gboolean
store_ticket (BoSyncContext   *ctx,
              const PagedList *list,
              sqlite3_stmt    *upsert,
              JsonObject      *ticket,
              GError         **error)
{
  TicketsPull *pull = list->user_data;
  const char *what = list->entry_what;
  const char *uuid = NULL, *secret = NULL, *order_code = NULL, *attendee = NULL;
  const char *status = NULL, *checked_in_at = NULL, *updated_at = NULL;
  gint64 id = 0, type_id = 0;

  if (!bo_json_get_int (ticket, "id", 1, G_MAXINT64, &id, what, error) ||
      !bo_json_get_opt_string (ticket, "uuid", &uuid, what, error) ||
      !bo_json_get_string (ticket, "secret", &secret, what, error) ||
      !bo_json_get_int (ticket, "ticket_type_id", 1, G_MAXUINT32, &type_id, what, error) ||
      !bo_json_get_opt_string (ticket, "order_code", &order_code, what, error) ||
      !bo_json_get_opt_string (ticket, "attendee_name", &attendee, what, error) ||
      !bo_json_get_string (ticket, "status", &status, what, error) ||
      !bo_json_get_opt_string (ticket, "checked_in_at", &checked_in_at, what, error) ||
      !bo_json_get_opt_string (ticket, "updated_at", &updated_at, what, error))
    return FALSE;
  if (!(g_str_equal (status, "valid") || g_str_equal (status, "cancelled")) ||
      *secret == '\0' || strlen (secret) > 512)
    {
      gsize secret_len = strlen (secret);

      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The server sent ticket %lld with status “%s” and a secret of "
                                "%lld character",
                                "The server sent ticket %lld with status “%s” and a secret of "
                                "%lld characters",
                                secret_len),
                   (long long) id, status, (long long) secret_len);
      return FALSE;
    }
  if (!g_hash_table_contains (pull->known_types, GUINT_TO_POINTER ((guint) type_id)))
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                   _("The server sent ticket %lld of ticket type %lld, which event %lld does "
                     "not have"),
                   (long long) id, (long long) type_id, (long long) pull->event_id);
      return FALSE;
    }

  if (uuid != NULL)
    {
      sqlite3_bind_int64 (pull->by_uuid, 1, id);
      sqlite3_bind_text (pull->by_uuid, 2, order_code, -1, SQLITE_STATIC);
      sqlite3_bind_text (pull->by_uuid, 3, status, -1, SQLITE_STATIC);
      sqlite3_bind_text (pull->by_uuid, 4, checked_in_at, -1, SQLITE_STATIC);
      sqlite3_bind_text (pull->by_uuid, 5, updated_at, -1, SQLITE_STATIC);
      sqlite3_bind_text (pull->by_uuid, 6, attendee, -1, SQLITE_STATIC);
      sqlite3_bind_text (pull->by_uuid, 7, uuid, -1, SQLITE_STATIC);
      if (!bo_store_step_done (ctx->store, pull->by_uuid, error))
        return FALSE;
      if (sqlite3_changes (bo_store_get_db (ctx->store)) > 0)
        return TRUE;
    }

  sqlite3_bind_int64 (upsert, 1, id);
  sqlite3_bind_text (upsert, 2, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (upsert, 3, pull->event_id);
  sqlite3_bind_int64 (upsert, 4, type_id);
  sqlite3_bind_text (upsert, 5, order_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (upsert, 6, secret, -1, SQLITE_STATIC);
  sqlite3_bind_text (upsert, 7, attendee, -1, SQLITE_STATIC);
  sqlite3_bind_text (upsert, 8, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (upsert, 9, checked_in_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (upsert, 10, updated_at, -1, SQLITE_STATIC);
  if (sqlite3_step (upsert) != SQLITE_DONE)
    {
      int rc = sqlite3_extended_errcode (bo_store_get_db (ctx->store));

      sqlite3_reset (upsert);
      if (rc != SQLITE_CONSTRAINT_UNIQUE)
        return bo_store_set_error (ctx->store, error, "tickets");
      /* The secret is already known without a server id: a ticket sold here whose uuid the
       * server did not echo. It learns its id. */
      sqlite3_bind_int64 (pull->by_secret, 1, id);
      sqlite3_bind_text (pull->by_secret, 2, order_code, -1, SQLITE_STATIC);
      sqlite3_bind_text (pull->by_secret, 3, status, -1, SQLITE_STATIC);
      sqlite3_bind_text (pull->by_secret, 4, checked_in_at, -1, SQLITE_STATIC);
      sqlite3_bind_text (pull->by_secret, 5, updated_at, -1, SQLITE_STATIC);
      sqlite3_bind_text (pull->by_secret, 6, secret, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (pull->by_secret, 7, pull->event_id);
      if (!bo_store_step_done (ctx->store, pull->by_secret, error))
        return FALSE;
      if (sqlite3_changes (bo_store_get_db (ctx->store)) == 0)
        {
          g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                       _("The server sent ticket %lld with a secret or uuid that another "
                         "ticket already has"),
                       (long long) id);
          return FALSE;
        }
    }
  else
    sqlite3_reset (upsert);
  return TRUE;
}

static void
end_tickets_page (BoSyncContext   *ctx,
                  const PagedList *list)
{
  TicketsPull *pull = list->user_data;
  /* store_page counted each stored ticket there (list->count). */
  guint64 done = ctx->summary->pulled_tickets;

  bo_sync_context_progress (ctx, BO_SYNC_PHASE_TICKETS, done, MAX (pull->total, done));
}

/* Rough number of tickets a first pull will bring: what the catalogue says is sold. */
static guint64
estimate_tickets (BoSyncContext *ctx,
                  GArray        *events)
{
  sqlite3_stmt *stmt;
  guint64 total = 0;

  stmt = bo_store_prepare (ctx->store,
                           "SELECT coalesce (sum (sold), 0) FROM ticket_types WHERE event_id = ?1",
                           NULL);
  if (stmt == NULL)
    return 0;
  for (guint i = 0; i < events->len; i++)
    {
      gint64 event_id = g_array_index (events, gint64, i);
      g_autofree char *key = g_strdup_printf (BO_SYNC_META_CURSOR_PREFIX "tickets.%"
                                              G_GINT64_FORMAT, event_id);
      g_autofree char *cursor = bo_store_get_meta (ctx->store, key);

      if (cursor != NULL)
        continue;
      sqlite3_bind_int64 (stmt, 1, event_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        total += (guint64) MAX (sqlite3_column_int64 (stmt, 0), 0);
      sqlite3_reset (stmt);
    }
  return total;
}

static gboolean
pull_event_tickets (BoSyncContext *ctx,
                    TicketsPull   *pull,
                    GError       **error)
{
  g_autofree char *path = g_strdup_printf ("/events/%" G_GINT64_FORMAT "/tickets", pull->event_id);
  g_autofree char *key = g_strdup_printf (BO_SYNC_META_CURSOR_PREFIX "tickets.%" G_GINT64_FORMAT,
                                          pull->event_id);
  const PagedList tickets = {
    .path = path,
    .cursor_key = key,
    .what = _("tickets"),
    .entry_what = _("a ticket"),
    .not_object = _("The server sent a ticket list with an entry that is not an object"),
    .sql = "INSERT INTO tickets (server_id, uuid, event_id, ticket_type_id,"
           " order_code, secret, attendee_name, status, checked_in_at, updated_at)"
           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
           "ON CONFLICT (server_id) DO UPDATE SET"
           " ticket_type_id = excluded.ticket_type_id,"
           " order_code = excluded.order_code, secret = excluded.secret,"
           " attendee_name = excluded.attendee_name,"
           " status = CASE WHEN tickets.order_id IS NOT NULL"
           "   AND tickets.status = 'cancelled' THEN 'cancelled'"
           "   ELSE excluded.status END,"
           " checked_in_at = excluded.checked_in_at,"
           " updated_at = excluded.updated_at",
    .begin_page = begin_tickets_page,
    .store = store_ticket,
    .end_page = end_tickets_page,
    .count = &ctx->summary->pulled_tickets,
    .user_data = pull,
  };
  g_autoptr (GError) local_error = NULL;

  pull->types_refreshed = FALSE;
  pull->missing_type = FALSE;
  if (!load_known_types (ctx, pull, error))
    return FALSE;
  if (pull_paged (ctx, &tickets, &local_error))
    return TRUE;

  /* A type added on the server after the catalogue pull: fetch the types once, then go on
   * from the page that named it (its cursor was not stored). */
  if (pull->missing_type)
    {
      g_clear_error (&local_error);
      pull->types_refreshed = TRUE;
      pull->missing_type = FALSE;
      if (!pull_event_types (ctx, pull->event_id, error) || !load_known_types (ctx, pull, error))
        return FALSE;
      return pull_paged (ctx, &tickets, error);
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
bo_sync_pull_tickets (BoSyncContext *ctx,
                      GError       **error)
{
  g_autoptr (GArray) events = live_events (ctx, error);
  g_autoptr (GHashTable) known = g_hash_table_new (NULL, NULL);
  TicketsPull pull = { .known_types = known };

  if (events == NULL)
    return FALSE;
  pull.total = estimate_tickets (ctx, events);
  bo_sync_context_progress (ctx, BO_SYNC_PHASE_TICKETS, 0, pull.total);
  for (guint i = 0; i < events->len; i++)
    {
      pull.event_id = g_array_index (events, gint64, i);
      if (!pull_event_tickets (ctx, &pull, error))
        return FALSE;
    }
  return TRUE;
}
