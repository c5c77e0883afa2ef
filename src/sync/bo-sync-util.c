/* bo-sync-util.c — helpers shared by the parts of the sync service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sync/bo-sync-private.h"

#include <glib/gi18n-lib.h>

#include "domain/bo-time.h"
#include "sync/bo-registration.h"

void
bo_sync_context_progress (BoSyncContext *ctx,
                          BoSyncPhase    phase,
                          guint64        done,
                          guint64        total)
{
  if (ctx->progress != NULL)
    ctx->progress (phase, done, total, ctx->progress_data);
}

static guint
meta_uint (BoStore    *store,
           const char *key,
           guint       fallback,
           guint       min,
           guint       max)
{
  g_autofree char *text = bo_store_get_meta (store, key);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL))
    return fallback;
  return (guint) value;
}

gboolean
bo_sync_context_init (BoSyncContext *ctx,
                      const char    *db_path,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *base_url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *revoked = NULL;

  ctx->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  ctx->store = bo_store_open (db_path, error);
  if (ctx->store == NULL)
    return FALSE;
  ctx->device = bo_device_load (ctx->store, error);
  if (ctx->device == NULL)
    return FALSE;
  if (!bo_registration_get (ctx->store, NULL, &base_url, &token, error))
    return FALSE;

  revoked = bo_store_get_meta (ctx->store, BO_SYNC_META_REVOKED_AT);
  if (revoked != NULL)
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_REVOKED,
                   _("This counter was revoked on the central platform (%s); it keeps its data "
                     "but no longer syncs until it is registered again"),
                   revoked);
      return FALSE;
    }

  ctx->http = bo_http_client_new (base_url, error);
  if (ctx->http == NULL)
    return FALSE;
  bo_http_client_set_token (ctx->http, token);
  bo_http_client_set_timeouts (ctx->http, 10,
                               meta_uint (ctx->store, BO_SYNC_META_STALL_SECONDS, 30, 1, 3600), 0);
  ctx->retry_base_ms = meta_uint (ctx->store, BO_SYNC_META_RETRY_BASE_MS, 100, 0, 60000);
  ctx->retry_budget_ms = meta_uint (ctx->store, BO_SYNC_META_RETRY_BUDGET_MS, 60000, 0,
                                    3600000);
  ctx->page_limit = meta_uint (ctx->store, BO_SYNC_META_PAGE_LIMIT, BO_SYNC_PAGE_LIMIT, 1,
                               BO_SYNC_PAGE_LIMIT);
  if (ctx->allocation_target == 0)
    ctx->allocation_target = meta_uint (ctx->store, BO_SYNC_META_ALLOCATION_TARGET, 0, 1,
                                        100000);
  return TRUE;
}

void
bo_sync_context_clear (BoSyncContext *ctx)
{
  g_clear_object (&ctx->http);
  g_clear_object (&ctx->device);
  g_clear_object (&ctx->store);
  g_clear_object (&ctx->cancellable);
}

void
bo_sync_mark_revoked (BoSyncContext *ctx)
{
  g_autofree char *now = bo_time_now_iso ();
  g_autoptr (GError) error = NULL;

  if (!bo_store_set_meta (ctx->store, BO_SYNC_META_REVOKED_AT, now, &error))
    g_warning ("Could not record that this counter was revoked: %s", error->message);
}

gboolean
bo_sync_sleep (GCancellable *cancellable,
               guint         ms,
               GError      **error)
{
  GPollFD pollfd;

  if (ms == 0)
    return TRUE;
  if (cancellable == NULL || !g_cancellable_make_pollfd (cancellable, &pollfd))
    {
      g_usleep ((gulong) ms * 1000);
      return TRUE;
    }
  g_poll (&pollfd, 1, (gint) ms);
  g_cancellable_release_fd (cancellable);
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_CANCELLED, _("Sync was cancelled"));
      return FALSE;
    }
  return TRUE;
}

guint
bo_sync_backoff_ms (guint  base_ms,
                    guint  attempt,
                    double retry_after)
{
  /* Exponential, capped at 5 minutes, with "equal jitter": half fixed, half random, so that
   * counters that failed together do not come back together. */
  guint64 ceiling = 300000;
  guint64 delay = base_ms;
  guint64 jittered;

  for (guint i = 1; i < attempt && delay < ceiling; i++)
    delay *= 2;
  delay = MIN (delay, ceiling);
  jittered = delay / 2 + (delay > 1 ? (guint64) g_random_int_range (0, (gint32) (delay / 2 + 1))
                                    : 0);
  if (retry_after >= 0)
    jittered = MAX (jittered, (guint64) (retry_after * 1000));
  return (guint) MIN (jittered, (guint64) 24 * 3600 * 1000);
}

char *
bo_sync_real_time_iso (gint64 offset_ms)
{
  g_autoptr (GDateTime) when = g_date_time_new_from_unix_utc ((g_get_real_time () / 1000 +
                                                               offset_ms) / 1000);

  return bo_time_format (when);
}

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  return object != NULL ? json_object_get_member (object, name) : NULL;
}

static gboolean
bad_member (const char *what,
            const char *name,
            const char *expected,
            GError    **error)
{
  g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
               _("The server sent %s with a bad “%s” (expected %s)"), what, name, expected);
  return FALSE;
}

gboolean
bo_json_get_opt_int (JsonObject  *object,
                     const char  *name,
                     gint64       min,
                     gint64       max,
                     gint64      *out_value,
                     const char  *what,
                     GError     **error)
{
  JsonNode *node = member (object, name);
  g_autofree char *range = NULL;
  gint64 value;

  *out_value = -1;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  range = g_strdup_printf (_("a whole number from %lld to %lld"), (long long) min,
                           (long long) max);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return bad_member (what, name, range, error);
  value = json_node_get_int (node);
  if (value < min || value > max)
    return bad_member (what, name, range, error);
  *out_value = value;
  return TRUE;
}

gboolean
bo_json_get_int (JsonObject  *object,
                 const char  *name,
                 gint64       min,
                 gint64       max,
                 gint64      *out_value,
                 const char  *what,
                 GError     **error)
{
  JsonNode *node = member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_autofree char *range = g_strdup_printf (_("a whole number from %lld to %lld"),
                                                (long long) min, (long long) max);

      return bad_member (what, name, range, error);
    }
  return bo_json_get_opt_int (object, name, min, max, out_value, what, error);
}

gboolean
bo_json_get_opt_string (JsonObject  *object,
                        const char  *name,
                        const char **out_value,
                        const char  *what,
                        GError     **error)
{
  JsonNode *node = member (object, name);

  *out_value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return bad_member (what, name, _("a string"), error);
  *out_value = json_node_get_string (node);
  return TRUE;
}

gboolean
bo_json_get_string (JsonObject  *object,
                    const char  *name,
                    const char **out_value,
                    const char  *what,
                    GError     **error)
{
  if (!bo_json_get_opt_string (object, name, out_value, what, error))
    return FALSE;
  if (*out_value == NULL)
    return bad_member (what, name, _("a string"), error);
  return TRUE;
}

gboolean
bo_json_get_opt_bool (JsonObject  *object,
                      const char  *name,
                      gboolean     default_value,
                      gboolean    *out_value,
                      const char  *what,
                      GError     **error)
{
  JsonNode *node = member (object, name);

  *out_value = default_value;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return bad_member (what, name, _("true or false"), error);
  *out_value = json_node_get_boolean (node);
  return TRUE;
}

gboolean
bo_json_get_page (JsonObject  *page,
                  JsonArray  **out_results,
                  const char **out_next_cursor,
                  gboolean    *out_has_more,
                  const char  *what,
                  GError     **error)
{
  JsonNode *node = member (page, "results");

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return bad_member (what, "results", _("an array"), error);
  *out_results = json_node_get_array (node);
  if (!bo_json_get_opt_string (page, "next_cursor", out_next_cursor, what, error) ||
      !bo_json_get_opt_bool (page, "has_more", FALSE, out_has_more, what, error))
    return FALSE;
  if (*out_has_more && *out_next_cursor == NULL)
    return bad_member (what, "next_cursor", _("a cursor when has_more is true"), error);
  return TRUE;
}
