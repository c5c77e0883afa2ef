/* bo-sync-summary.c — what one sync cycle did
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sync/bo-sync-summary.h"

#include <json-glib/json-glib.h>

#include "domain/bo-outbox.h"

G_DEFINE_BOXED_TYPE (BoSyncSummary, bo_sync_summary, bo_sync_summary_copy, bo_sync_summary_free)

BoSyncSummary *
bo_sync_summary_new (void)
{
  return g_new0 (BoSyncSummary, 1);
}

BoSyncSummary *
bo_sync_summary_copy (const BoSyncSummary *summary)
{
  BoSyncSummary *copy;

  g_return_val_if_fail (summary != NULL, NULL);

  copy = g_memdup2 (summary, sizeof *summary);
  copy->error_message = g_strdup (summary->error_message);
  return copy;
}

void
bo_sync_summary_free (BoSyncSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->error_message);
  g_free (summary);
}

char *
bo_sync_summary_to_json (const BoSyncSummary *summary)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (summary != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "pulled");
  json_builder_add_int_value (b, (gint64) summary->pulled);
  json_builder_set_member_name (b, "pushed");
  json_builder_add_int_value (b, summary->pushed);
  json_builder_set_member_name (b, "failed");
  json_builder_add_int_value (b, summary->failed);
  json_builder_set_member_name (b, "parked");
  json_builder_add_int_value (b, summary->parked);
  json_builder_set_member_name (b, "remaining");
  json_builder_add_int_value (b, summary->remaining);
  json_builder_set_member_name (b, "duration");
  json_builder_add_double_value (b, summary->duration);
  json_builder_set_member_name (b, "pulled_keys");
  json_builder_add_int_value (b, (gint64) summary->pulled_keys);
  json_builder_set_member_name (b, "pulled_events");
  json_builder_add_int_value (b, (gint64) summary->pulled_events);
  json_builder_set_member_name (b, "pulled_ticket_types");
  json_builder_add_int_value (b, (gint64) summary->pulled_ticket_types);
  json_builder_set_member_name (b, "pulled_tickets");
  json_builder_add_int_value (b, (gint64) summary->pulled_tickets);
  json_builder_set_member_name (b, "allocations_granted");
  json_builder_add_int_value (b, summary->allocations_granted);
  json_builder_set_member_name (b, "allocations_released");
  json_builder_add_int_value (b, summary->allocations_released);
  json_builder_set_member_name (b, "pull_ok");
  json_builder_add_boolean_value (b, summary->pull_ok);
  json_builder_set_member_name (b, "push_ok");
  json_builder_add_boolean_value (b, summary->push_ok);
  bo_json_add_string_or_null (b, "error", summary->error_message);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}
