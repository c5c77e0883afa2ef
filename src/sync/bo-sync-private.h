/* bo-sync-private.h — what the parts of the sync service share (not for the UI)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/bo-store.h"
#include "domain/bo-device.h"
#include "sync/bo-http-client.h"
#include "sync/bo-sync-engine.h"
#include "sync/bo-sync-summary.h"

G_BEGIN_DECLS

/* Meta keys. */
#define BO_SYNC_META_REVOKED_AT      "sync.revoked_at"
#define BO_SYNC_META_LAST_SUCCESS    "sync.last_success_at"
#define BO_SYNC_META_LAST_ATTEMPT    "sync.last_attempt_at"
#define BO_SYNC_META_LAST_ERROR      "sync.last_error"
#define BO_SYNC_META_CURSOR_PREFIX   "sync.cursor."
#define BO_SYNC_META_RETRY_BASE_MS   "sync.retry_base_ms"   /* first back-off step (default 100) */
#define BO_SYNC_META_RETRY_BUDGET_MS "sync.retry_budget_ms" /* back-off sleeps per cycle (60000) */
#define BO_SYNC_META_PAGE_LIMIT      "sync.page_limit"      /* tickets per page (1000) */
#define BO_SYNC_META_STALL_SECONDS   "sync.stall_seconds"   /* transfer stalled after (30) */

/* Page size of list requests. */
#define BO_SYNC_PAGE_LIMIT 1000
/* Most check-ins in one POST /checkins. */
#define BO_SYNC_CHECKIN_BATCH 500

typedef void (*BoSyncProgressFunc) (BoSyncPhase phase,
                                    guint64     done,
                                    guint64     total,
                                    gpointer    user_data);

/* One cycle's working set, owned by the thread running it. */
typedef struct {
  BoStore            *store;
  BoDevice           *device;
  BoHttpClient       *http;
  GCancellable       *cancellable;
  BoSyncSummary      *summary;
  BoSyncProgressFunc  progress;
  gpointer            progress_data;
  guint               allocation_target; /* 0 = automatic */
  guint               retry_base_ms;
  guint               retry_budget_ms;
  guint               retry_spent_ms;    /* back-off slept so far in this cycle */
  guint               page_limit;
} BoSyncContext;

void       bo_sync_context_progress  (BoSyncContext *ctx,
                                      BoSyncPhase    phase,
                                      guint64        done,
                                      guint64        total);

/* Opens the store, loads the device and its registration, makes the HTTP client. */
gboolean   bo_sync_context_init      (BoSyncContext *ctx,
                                      const char    *db_path,
                                      GCancellable  *cancellable,
                                      GError       **error);
void       bo_sync_context_clear     (BoSyncContext *ctx);

/* Records a 401 device_revoked in the store. */
void       bo_sync_mark_revoked      (BoSyncContext *ctx);

/* Sleeps @ms milliseconds unless cancelled (FALSE with CANCELLED then). */
gboolean   bo_sync_sleep             (GCancellable *cancellable,
                                      guint         ms,
                                      GError      **error);

/* Back-off delay before attempt @attempt (1-based) with jitter; at least @retry_after s. */
guint      bo_sync_backoff_ms        (guint   base_ms,
                                      guint   attempt,
                                      double  retry_after);

/* Strict JSON accessors: each sets BAD_RESPONSE naming @what and @member when the member is
 * missing or of the wrong type. Optional variants accept a missing member or null. */
gboolean   bo_json_get_int           (JsonObject  *object,
                                      const char  *member,
                                      gint64       min,
                                      gint64       max,
                                      gint64      *out_value,
                                      const char  *what,
                                      GError     **error);
gboolean   bo_json_get_opt_int       (JsonObject  *object,
                                      const char  *member,
                                      gint64       min,
                                      gint64       max,
                                      gint64      *out_value,   /* -1 when null/missing */
                                      const char  *what,
                                      GError     **error);
gboolean   bo_json_get_string        (JsonObject  *object,
                                      const char  *member,
                                      const char **out_value,
                                      const char  *what,
                                      GError     **error);
gboolean   bo_json_get_opt_string    (JsonObject  *object,
                                      const char  *member,
                                      const char **out_value,   /* NULL when null/missing */
                                      const char  *what,
                                      GError     **error);
gboolean   bo_json_get_opt_bool      (JsonObject  *object,
                                      const char  *member,
                                      gboolean     default_value,
                                      gboolean    *out_value,
                                      const char  *what,
                                      GError     **error);

/* The "results" array of a paged answer plus next_cursor/has_more. */
gboolean   bo_json_get_page          (JsonObject  *page,
                                      JsonArray  **out_results,
                                      const char **out_next_cursor,
                                      gboolean    *out_has_more,
                                      const char  *what,
                                      GError     **error);

/* Real (not faked) wall clock as RFC 3339, @offset_ms from now. */
char      *bo_sync_real_time_iso     (gint64 offset_ms);

G_END_DECLS
