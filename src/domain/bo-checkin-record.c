/* bo-checkin-record.c — recording a judged scan: checkins row, journal entry and outbox entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "domain/bo-checkin-private.h"

#include <json-glib/json-glib.h>

#include "domain/bo-journal.h"
#include "domain/bo-outbox.h"
#include "domain/bo-time.h"

/* Length of the SHA-256 prefix that stands for the secret in the journal. */
#define SECRET_HASH_LEN 16

static const char *
direction_to_string (BoDirection direction)
{
  return direction == BO_DIRECTION_EXIT ? "exit" : "entry";
}

static char *
secret_hash (const char *secret)
{
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA256, secret, -1);

  return g_strndup (hex, SECRET_HASH_LEN);
}

/* The journal keeps who came in where and when, but not the secret itself: a copied journal
 * must not be a list of valid tickets. */
static char *
journal_payload (BoCheckin *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *hash = secret_hash (self->secret);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, self->uuid);
  json_builder_set_member_name (builder, "event_id");
  json_builder_add_int_value (builder, self->event_id);
  bo_json_add_string_or_null (builder, "ticket_uuid", self->ticket_uuid);
  json_builder_set_member_name (builder, "secret_hash");
  json_builder_add_string_value (builder, hash);
  json_builder_set_member_name (builder, "verdict");
  json_builder_add_string_value (builder, bo_verdict_to_string (self->verdict));
  bo_json_add_string_or_null (builder, "gate", self->gate);
  json_builder_set_member_name (builder, "direction");
  json_builder_add_string_value (builder, direction_to_string (self->direction));
  json_builder_set_member_name (builder, "scanned_at");
  json_builder_add_string_value (builder, self->scanned_at);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return bo_json_to_string (root);
}

/* One element of POST /checkins' "checkins" array; the sync engine batches them. */
static JsonNode *
outbox_body (BoCheckin *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, self->uuid);
  json_builder_set_member_name (builder, "event_id");
  json_builder_add_int_value (builder, self->event_id);
  json_builder_set_member_name (builder, "secret");
  json_builder_add_string_value (builder, self->secret);
  json_builder_set_member_name (builder, "scanned_at");
  json_builder_add_string_value (builder, self->scanned_at);
  bo_json_add_string_or_null (builder, "gate", self->gate);
  json_builder_set_member_name (builder, "direction");
  json_builder_add_string_value (builder, direction_to_string (self->direction));
  json_builder_set_member_name (builder, "offline");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Must run inside a store transaction. */
gboolean
bo_checkin_record (BoCheckin  *self,
                   BoStore    *store,
                   BoDevice   *device,
                   BoOperator *operator,
                   GError    **error)
{
  g_autofree char *payload = NULL;
  g_autoptr (JsonNode) body = NULL;
  sqlite3_stmt *stmt;
  gint64 seq = 0;

  g_assert (bo_store_in_transaction (store));

  self->uuid = g_uuid_string_random ();
  self->scanned_at = bo_time_now_iso ();

  payload = journal_payload (self);
  if (!bo_journal_append (store, device, BO_JOURNAL_CHECKIN, self->uuid, payload, &seq, error))
    return FALSE;

  stmt = bo_store_prepare (store,
                           "INSERT INTO checkins (uuid, event_id, ticket_id, secret, scanned_at,"
                           " gate, direction, offline, verdict, operator_id, journal_seq)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?9, ?10)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, self->event_id);
  if (self->ticket_id > 0)
    sqlite3_bind_int64 (stmt, 3, self->ticket_id);
  sqlite3_bind_text (stmt, 4, self->secret, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, self->scanned_at, -1, SQLITE_STATIC);
  if (self->gate != NULL)
    sqlite3_bind_text (stmt, 6, self->gate, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, direction_to_string (self->direction), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, bo_verdict_to_string (self->verdict), -1, SQLITE_STATIC);
  if (operator != NULL)
    sqlite3_bind_int64 (stmt, 9, bo_operator_get_id (operator));
  sqlite3_bind_int64 (stmt, 10, seq);
  if (!bo_store_step_done (store, stmt, error))
    return FALSE;

  body = outbox_body (self);
  return bo_outbox_add (store, BO_OUTBOX_CHECKIN, self->uuid, "/checkins", body, error);
}
