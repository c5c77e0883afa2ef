/* bo-attendee.c — the tickets of an event found by attendee name or order code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "domain/bo-attendee.h"

void
bo_attendee_free (BoAttendee *attendee)
{
  if (attendee == NULL)
    return;
  g_free (attendee->secret);
  g_free (attendee->attendee_name);
  g_free (attendee->order_code);
  g_free (attendee->ticket_type_name);
  g_free (attendee->status);
  g_free (attendee->inside_since);
  g_free (attendee);
}

/* The name is matched anywhere in it, so its LIKE wildcards are taken literally. */
static char *
escape_like (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* A ticket is inside when its latest accepted scan here is an entry, or, never scanned here,
 * the server reported it checked in (as bo_checkin_count() counts them); c is that latest
 * scan, looked up once per ticket. An order matches by its code (or the ticket's server-side
 * order code) in full, or by the start of its uuid from six characters on (what a receipt
 * shows). */
#define SEARCH_SQL                                                                         \
  "SELECT t.secret, t.attendee_name, coalesce (t.order_code, o.code, substr (o.uuid, 1, 8)),"  \
  "       tt.name, t.status,"                                                              \
  "       CASE WHEN c.id IS NULL THEN t.checked_in_at"                                     \
  "            WHEN c.direction = 'entry' THEN c.scanned_at END"                           \
  "  FROM tickets t"                                                                       \
  "  JOIN ticket_types tt ON tt.id = t.ticket_type_id"                                     \
  "  LEFT JOIN orders o ON o.id = t.order_id"                                              \
  "  LEFT JOIN checkins c"                                                                 \
  "    ON c.id = (SELECT max (l.id) FROM checkins l"                                       \
  "                WHERE l.secret = t.secret AND l.event_id = t.event_id"                  \
  "                  AND l.verdict = 'accepted')"                                          \
  " WHERE t.event_id = ?1"                                                                 \
  "   AND (t.attendee_name LIKE '%' || ?2 || '%' ESCAPE '\\'"                              \
  "        OR t.order_code = ?3 COLLATE NOCASE"                                            \
  "        OR o.code = ?3 COLLATE NOCASE"                                                  \
  "        OR (length (?3) >= 6 AND o.uuid LIKE ?2 || '%' ESCAPE '\\'))"                   \
  " ORDER BY t.attendee_name, t.id"                                                        \
  " LIMIT ?4"

/**
 * bo_attendee_search:
 * @query: part of an attendee's name, or an order code
 * @limit: the most tickets to return
 *
 * Returns: (transfer container): the matching tickets of @event_id as #BoAttendee, by name;
 * NULL with @error set when the store fails. Stops early (with what it has) when @cancellable
 * is cancelled.
 */
GPtrArray *
bo_attendee_search (BoStore      *store,
                    gint64        event_id,
                    const char   *query,
                    guint         limit,
                    GCancellable *cancellable,
                    GError      **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) bo_attendee_free);
  g_autofree char *pattern = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = bo_store_prepare (store, SEARCH_SQL, error);
  if (stmt == NULL)
    return NULL;

  pattern = escape_like (query);
  sqlite3_bind_int64 (stmt, 1, event_id);
  sqlite3_bind_text (stmt, 2, pattern, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, query, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BoAttendee *hit = g_new0 (BoAttendee, 1);

      hit->secret = bo_store_column_dup_text (stmt, 0);
      hit->attendee_name = bo_store_column_dup_text (stmt, 1);
      hit->order_code = bo_store_column_dup_text (stmt, 2);
      hit->ticket_type_name = bo_store_column_dup_text (stmt, 3);
      hit->status = bo_store_column_dup_text (stmt, 4);
      hit->inside_since = bo_store_column_dup_text (stmt, 5);
      g_ptr_array_add (hits, hit);

      if (g_cancellable_is_cancelled (cancellable))
        break;
    }

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      bo_store_set_error (store, error, "attendee search");
      sqlite3_reset (stmt);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&hits);
}
