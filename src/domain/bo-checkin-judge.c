/* bo-checkin-judge.c — reading the store to reach a check-in's verdict
 *
 * Read-only: bo_checkin_scan() calls it inside its write transaction, bo_checkin_judge() on
 * its own. A signed secret with no ticket row is judged from its signature and the selling
 * device's public key.
 *
 * "Inside" means: the latest accepted scan of the secret at this event on this counter is an
 * entry, or there is no accepted scan here and the server reports the ticket checked in
 * (tickets.checked_in_at). Scans are looked up by secret, not by ticket id, so scans of a
 * signed ticket made before its row arrived from the server still count for it.
 *
 * Exit scans: the exit of a ticket that is inside is "accepted" and marks it out, so that it
 * can come in again; the exit of a ticket that is not inside is recorded as "duplicate" with
 * the detail "not inside" (nothing changes, the door staff sees something is off). Wrong
 * event and cancelled are judged first, whatever the direction. Cancelled tickets never
 * count as inside.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "domain/bo-checkin-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "domain/bo-ticket-secret.h"

/* The ticket, its type name and the direction of its latest accepted scan at its own event,
 * in one step: the lookup is the UNIQUE index on tickets.secret, the rest are a primary-key
 * probe and a probe of checkins_secret (secret, event_id) walked backwards by rowid. */
#define TICKET_SQL                                                                      \
  "SELECT t.id, t.uuid, t.event_id, t.status, t.checked_in_at, t.attendee_name,"        \
  " t.order_code,"                                                                      \
  " (SELECT tt.name FROM ticket_types tt WHERE tt.id = t.ticket_type_id),"              \
  " (SELECT c.direction FROM checkins c WHERE c.secret = ?1 AND c.event_id = t.event_id" \
  "   AND c.verdict = 'accepted' ORDER BY c.id DESC LIMIT 1)"                           \
  " FROM tickets t WHERE t.secret = ?1"

#define LAST_SCAN_SQL                                                             \
  "SELECT direction FROM checkins WHERE secret = ?1 AND event_id = ?2"            \
  " AND verdict = 'accepted' ORDER BY id DESC LIMIT 1"

#define FIRST_ENTRY_SQL                                                           \
  "SELECT scanned_at, gate FROM checkins WHERE secret = ?1 AND event_id = ?2"     \
  " AND verdict = 'accepted' AND direction = 'entry' ORDER BY id LIMIT 1"

static gboolean
step_failed (BoStore      *store,
             sqlite3_stmt *stmt,
             int           rc,
             GError      **error)
{
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return FALSE;
  bo_store_set_error (store, error, "check-in");
  sqlite3_reset (stmt);
  return TRUE;
}

/* First accepted entry of @secret here, for a duplicate's "first came in at … through …". */
static gboolean
load_first_entry (BoCheckin *self,
                  BoStore   *store,
                  GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = bo_store_prepare (store, FIRST_ENTRY_SQL, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->secret, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, self->event_id);
  rc = sqlite3_step (stmt);
  if (step_failed (store, stmt, rc, error))
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      g_free (self->first_scanned_at);
      g_free (self->first_gate);
      self->first_scanned_at = bo_store_column_dup_text (stmt, 0);
      self->first_gate = bo_store_column_dup_text (stmt, 1);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Applies the direction rules once wrong event and cancellation are ruled out.
 * @last_direction is the latest accepted scan here (NULL for none); @checked_in_at is the
 * server's check-in time (NULL for none or for a ticket known only by its signature). */
static gboolean
judge_presence (BoCheckin  *self,
                BoStore    *store,
                const char *last_direction,
                const char *checked_in_at,
                GError    **error)
{
  gboolean inside;

  if (last_direction != NULL)
    inside = strcmp (last_direction, "entry") == 0;
  else
    inside = checked_in_at != NULL;

  if (self->direction == BO_DIRECTION_EXIT)
    {
      if (inside)
        {
          self->verdict = BO_VERDICT_ACCEPTED;
          g_free (self->detail);
          self->detail = g_strdup (_("Left the venue"));
        }
      else
        {
          self->verdict = BO_VERDICT_DUPLICATE;
          g_free (self->detail);
          self->detail = g_strdup (_("Not inside"));
        }
      return TRUE;
    }

  if (!inside)
    {
      self->verdict = BO_VERDICT_ACCEPTED;
      return TRUE;
    }

  self->verdict = BO_VERDICT_DUPLICATE;
  g_free (self->detail);
  if (last_direction != NULL)
    {
      self->detail = g_strdup (_("Already inside"));
      return load_first_entry (self, store, error);
    }

  self->detail = g_strdup (_("Already checked in at another device"));
  self->first_scanned_at = g_strdup (checked_in_at);
  self->first_gate = NULL;
  return TRUE;
}

static char *
lookup_event_name (BoStore *store,
                   gint64   event_id)
{
  sqlite3_stmt *stmt;
  char *name = NULL;

  stmt = bo_store_prepare (store, "SELECT name FROM events WHERE id = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, event_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = bo_store_column_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return name;
}

static void
set_wrong_event (BoCheckin *self,
                 BoStore   *store,
                 gint64     ticket_event_id)
{
  g_autofree char *name = lookup_event_name (store, ticket_event_id);

  self->verdict = BO_VERDICT_WRONG_EVENT;
  g_free (self->detail);
  if (name != NULL)
    self->detail = g_strdup_printf (_("The ticket is for “%s”"), name);
  else
    self->detail = g_strdup_printf (_("The ticket is for event %lld"), (long long) ticket_event_id);
}

/* A "BT1…" secret with no ticket row: a ticket sold at another counter, not yet synced. */
static gboolean
judge_signed (BoCheckin *self,
              BoStore   *store,
              GError   **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree guint8 *public_key = NULL;
  BoTicketPayload payload;
  gboolean revoked = FALSE;
  sqlite3_stmt *stmt;
  const char *last_direction;
  int rc;

  if (!bo_ticket_secret_parse (self->secret, &payload, NULL, &local_error))
    {
      self->verdict = BO_VERDICT_INVALID_SIGNATURE;
      self->detail = g_strdup (local_error->message);
      return TRUE;
    }

  public_key = bo_device_lookup_key (store, payload.device_id, &revoked, &local_error);
  if (public_key == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      self->verdict = BO_VERDICT_UNKNOWN;
      self->detail = g_strdup_printf (_("Key of device %u unknown — sync to fetch it"),
                                      payload.device_id);
      return TRUE;
    }
  if (revoked)
    {
      self->verdict = BO_VERDICT_INVALID_SIGNATURE;
      self->detail = g_strdup_printf (_("The key of device %u was revoked"), payload.device_id);
      return TRUE;
    }
  if (!bo_ticket_secret_verify (self->secret, public_key, &payload, &local_error))
    {
      self->verdict = BO_VERDICT_INVALID_SIGNATURE;
      self->detail = g_strdup (local_error->message);
      return TRUE;
    }
  if (payload.event_id != self->event_id)
    {
      set_wrong_event (self, store, payload.event_id);
      return TRUE;
    }

  stmt = bo_store_prepare (store,
                           "SELECT name FROM ticket_types WHERE id = ?1 AND event_id = ?2",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, payload.ticket_type_id);
  sqlite3_bind_int64 (stmt, 2, payload.event_id);
  rc = sqlite3_step (stmt);
  if (step_failed (store, stmt, rc, error))
    return FALSE;
  if (rc == SQLITE_ROW)
    self->ticket_type_name = bo_store_column_dup_text (stmt, 0);
  sqlite3_reset (stmt);

  stmt = bo_store_prepare (store, LAST_SCAN_SQL, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->secret, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, self->event_id);
  rc = sqlite3_step (stmt);
  if (step_failed (store, stmt, rc, error))
    return FALSE;
  last_direction = rc == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0) : NULL;
  /* Only "entry" matters from here on: keep a static string, not the row's memory. */
  last_direction = last_direction == NULL ? NULL
                   : strcmp (last_direction, "entry") == 0 ? "entry" : "exit";
  sqlite3_reset (stmt);

  if (!judge_presence (self, store, last_direction, NULL, error))
    return FALSE;
  if (self->verdict == BO_VERDICT_ACCEPTED && self->direction == BO_DIRECTION_ENTRY)
    self->detail = g_strdup_printf (_("Signed by device %u, not yet synced"), payload.device_id);
  return TRUE;
}

BoCheckin *
bo_checkin_new_judged (BoStore     *store,
                       gint64       event_id,
                       const char  *secret,
                       BoDirection  direction,
                       GError     **error)
{
  g_autoptr (BoCheckin) self = g_object_new (BO_TYPE_CHECKIN, NULL);
  sqlite3_stmt *stmt;
  int rc;

  self->event_id = event_id;
  self->direction = direction;
  self->secret = g_strdup (secret);
  self->verdict = BO_VERDICT_UNKNOWN;

  stmt = bo_store_prepare (store, TICKET_SQL, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, self->secret, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (step_failed (store, stmt, rc, error))
    return NULL;

  if (rc == SQLITE_ROW)
    {
      gint64 ticket_event_id = sqlite3_column_int64 (stmt, 2);
      const char *status = (const char *) sqlite3_column_text (stmt, 3);
      g_autofree char *checked_in_at = bo_store_column_dup_text (stmt, 4);
      const char *last = (const char *) sqlite3_column_text (stmt, 8);
      const char *last_direction;
      gboolean cancelled;

      self->ticket_id = sqlite3_column_int64 (stmt, 0);
      self->ticket_uuid = bo_store_column_dup_text (stmt, 1);
      self->attendee_name = bo_store_column_dup_text (stmt, 5);
      self->order_code = bo_store_column_dup_text (stmt, 6);
      self->ticket_type_name = bo_store_column_dup_text (stmt, 7);
      cancelled = g_strcmp0 (status, "cancelled") == 0;
      last_direction = last == NULL ? NULL : strcmp (last, "entry") == 0 ? "entry" : "exit";
      /* Release the read snapshot before any further query. */
      sqlite3_reset (stmt);

      if (ticket_event_id != event_id)
        set_wrong_event (self, store, ticket_event_id);
      else if (cancelled)
        {
          self->verdict = BO_VERDICT_CANCELLED;
          self->detail = g_strdup (_("The ticket was cancelled"));
        }
      else if (!judge_presence (self, store, last_direction, checked_in_at, error))
        return NULL;
      return g_steal_pointer (&self);
    }
  sqlite3_reset (stmt);

  if (bo_ticket_secret_is_signed (self->secret))
    {
      if (!judge_signed (self, store, error))
        return NULL;
      return g_steal_pointer (&self);
    }

  self->verdict = BO_VERDICT_UNKNOWN;
  self->detail = g_strdup (_("Not a ticket this counter knows"));
  return g_steal_pointer (&self);
}
