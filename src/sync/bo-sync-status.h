/* bo-sync-status.h — the sync state of a counter, read from its store (no network)
 *
 * Cheap enough for a status bar: a handful of indexed queries. The GUI reads it on its own
 * store connection; the sync engine writes it from its worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include "store/bo-store.h"

G_BEGIN_DECLS

#define BO_TYPE_SYNC_STATUS (bo_sync_status_get_type ())

/* An outbox item the server refused (400/404/409/422): shown to a manager. */
typedef struct {
  gint64  id;             /* outbox row id */
  char   *kind;           /* "order", "refund", "checkin", "closing", "allocation_release" */
  char   *uuid;
  char   *path;           /* e.g. "/orders" */
  char   *error_code;     /* the server's error code, e.g. "total_mismatch"; may be NULL */
  char   *message;        /* the server's message (or ours when it sent none) */
  char   *created_at;
  int     attempts;
} BoSyncParkedItem;

typedef struct {
  gboolean   registered;      /* has a device id and an API token */
  gboolean   revoked;         /* the server answered device_revoked; sync is stopped */
  guint32    device_id;
  char      *device_name;
  char      *base_url;
  gint64     pending;         /* outbox items still to send */
  gint64     parked;          /* outbox items needing attention */
  char      *oldest_pending_at; /* created_at of the oldest unsent item, NULL when none */
  char      *last_success_at; /* end of the last cycle that completed pull and push */
  char      *last_attempt_at; /* end of the last cycle, successful or not */
  char      *last_error;      /* message of the last cycle's failure, NULL after a success */
  GPtrArray *parked_items;    /* of BoSyncParkedItem*, oldest first (at most 100) */
} BoSyncStatus;

GType         bo_sync_status_get_type (void) G_GNUC_CONST;
BoSyncStatus *bo_sync_status_read     (BoStore  *store,
                                       GError  **error);
BoSyncStatus *bo_sync_status_copy     (const BoSyncStatus *status);
void          bo_sync_status_free     (BoSyncStatus *status);

/* Puts a parked item back in the queue, due now (after a manager fixed the cause on the
 * server). Fails with BO_SYNC_ERROR_REJECTED when @outbox_id is not a parked item. */
gboolean      bo_sync_retry_parked    (BoStore  *store,
                                       gint64    outbox_id,
                                       GError  **error);

/* JSON object for `sync status` (the same fields, parked_items as an array). */
char         *bo_sync_status_to_json  (const BoSyncStatus *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoSyncStatus, bo_sync_status_free)

G_END_DECLS
