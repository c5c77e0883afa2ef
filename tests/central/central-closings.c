/* central-closings.c — POST /closings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "central-private.h"

#define MAX_MONEY G_GINT64_CONSTANT (1000000000000)

void
central_closings_create (CentralRequest *req)
{
  JsonObject *obj = central_body_object (req);
  JsonNode *totals_node;
  JsonObject *totals;
  g_autofree char *operator_name = NULL;
  g_autoptr (JsonGenerator) generator = NULL;
  g_autofree char *totals_text = NULL;
  const char *uuid, *opened_at, *closed_at, *journal_head;
  gint64 float_amount, cash_counted, first_seq, last_seq;
  gboolean failed;
  gint64 closing_id;
  CentralJson json;

  if (obj == NULL ||
      !central_get_uuid (req, obj, NULL, "uuid", &uuid) ||
      !central_get_time (req, obj, NULL, "opened_at", TRUE, &opened_at) ||
      !central_get_time (req, obj, NULL, "closed_at", TRUE, &closed_at) ||
      !central_get_operator (req, obj, FALSE, &operator_name) ||
      !central_get_int (req, obj, NULL, "float", TRUE, 0, MAX_MONEY, &float_amount, NULL) ||
      !central_get_int (req, obj, NULL, "cash_counted", TRUE, 0, MAX_MONEY, &cash_counted, NULL) ||
      !central_get_int (req, obj, NULL, "first_journal_seq", TRUE, 0, G_MAXINT64, &first_seq,
                        NULL) ||
      !central_get_int (req, obj, NULL, "last_journal_seq", TRUE, 0, G_MAXINT64, &last_seq,
                        NULL) ||
      !central_get_string (req, obj, NULL, "journal_head", TRUE, 128, &journal_head))
    return;
  for (const char *p = journal_head; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p))
      {
        central_reply_validation (req, "journal_head", "must be a hex hash");
        return;
      }
  if (last_seq < first_seq)
    {
      central_reply_validation (req, "last_journal_seq", "must not be below first_journal_seq");
      return;
    }
  totals_node = json_object_get_member (obj, "payment_totals");
  if (totals_node == NULL || !JSON_NODE_HOLDS_OBJECT (totals_node))
    {
      central_reply_validation (req, "payment_totals", "must be an object of method: amount");
      return;
    }
  totals = json_node_get_object (totals_node);
  {
    g_autoptr (GList) names = json_object_get_members (totals);

    for (GList *l = names; l != NULL; l = l->next)
      {
        g_autofree char *prefix = g_strdup ("payment_totals.");
        gint64 amount;

        if (!central_get_int (req, totals, prefix, l->data, TRUE, -MAX_MONEY, MAX_MONEY,
                              &amount, NULL))
          return;
      }
  }
  if (central_replay_by_uuid (req, "closings", uuid, 201, &failed))
    return;

  generator = json_generator_new ();
  json_generator_set_root (generator, totals_node);
  totals_text = json_generator_to_data (generator, NULL);
  if (!central_db_exec (req->db,
                        "INSERT INTO closings (uuid, device_id, opened_at, closed_at, operator, "
                        "  float, cash_counted, payment_totals, first_journal_seq, "
                        "  last_journal_seq, journal_head, received_at, request_hash, response) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, '')",
                        "titt" "tiit" "iitt" "t", uuid, req->device_id, opened_at, closed_at,
                        operator_name, float_amount, cash_counted, totals_text, first_seq,
                        last_seq, journal_head, req->now, req->request_hash))
    {
      central_reply_db_error (req);
      return;
    }
  closing_id = central_db_last_rowid (req->db);
  central_json_init (&json);
  central_json_begin_object (&json);
  central_json_member_int (&json, "id", closing_id);
  central_json_member_string (&json, "uuid", uuid);
  central_json_end_object (&json);
  central_reply_json (req, 201, &json);
  if (!central_db_exec (req->db, "UPDATE closings SET response = ?2 WHERE id = ?1", "it",
                        closing_id, req->response))
    central_reply_db_error (req);
}
