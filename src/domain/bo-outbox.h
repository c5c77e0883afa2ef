/* bo-outbox.h — what must reach the central server, in order, exactly once
 *
 * Entries are written in the same transaction as the business change they carry, with the
 * request body already in the shape of ../shared/central-api.md; the sync engine sends them
 * with their uuid as Idempotency-Key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include "store/bo-store.h"

G_BEGIN_DECLS

#define BO_OUTBOX_ORDER    "order"
#define BO_OUTBOX_REFUND   "refund"
#define BO_OUTBOX_CHECKIN  "checkin"
#define BO_OUTBOX_CLOSING  "closing"

/* Queues a POST of @body (a JSON object) to @path. Must run inside a transaction. */
gboolean bo_outbox_add           (BoStore    *store,
                                  const char *kind,
                                  const char *uuid,
                                  const char *path,
                                  JsonNode   *body,
                                  GError    **error);

/* Entries not yet sent (pending) and parked (need attention). */
gboolean bo_outbox_count         (BoStore *store,
                                  gint64  *out_pending,
                                  gint64  *out_parked,
                                  GError **error);

/* Serialises @node compactly (helper shared by journal payloads and outbox bodies). */
char    *bo_json_to_string       (JsonNode *node);

/* Adds @member as the string @value, or as JSON null when @value is NULL. */
void     bo_json_add_string_or_null (JsonBuilder *builder,
                                     const char  *member,
                                     const char  *value);

G_END_DECLS
