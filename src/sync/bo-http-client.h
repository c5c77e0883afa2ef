/* bo-http-client.h — a small JSON-over-HTTP client of the central API on one libcurl handle
 *
 * One easy handle per client, reused for every request so the connection stays open. Not
 * thread-safe: one client per thread. Policy: certificate verification always on, no
 * redirects, http/https only and http:// only to loopback hosts, connect timeout, a stalled
 * transfer (below 1 byte/s for the stall time) is a TIMEOUT, responses larger than the size
 * cap are BAD_RESPONSE, proxies from libcurl's environment variables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include "sync/bo-sync-error.h"

G_BEGIN_DECLS

#define BO_TYPE_HTTP_CLIENT (bo_http_client_get_type ())
G_DECLARE_FINAL_TYPE (BoHttpClient, bo_http_client, BO, HTTP_CLIENT, GObject)

/* The default cap on a response body: 64 MiB (a page of 1000 tickets is ~300 KiB). */
#define BO_HTTP_MAX_RESPONSE (64 * 1024 * 1024)

/* A response that arrived (any status). */
typedef struct {
  guint     status;          /* HTTP status, e.g. 201 */
  JsonNode *body;            /* parsed JSON body, NULL when empty */
  char     *raw;             /* the body as received (NUL-terminated) */
  gsize     raw_len;
  double    retry_after;     /* Retry-After in seconds, -1 when absent */
  char     *error_code;      /* {"error": {"code"}} when present */
  char     *error_message;   /* {"error": {"message"}} when present */
} BoHttpResponse;

void      bo_http_response_free       (BoHttpResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoHttpResponse, bo_http_response_free)

/* @base_url like "https://central.example.org/api/v1"; fails (TLS) when it is http:// to a
 * non-loopback host or not http(s) at all. */
BoHttpClient *bo_http_client_new            (const char  *base_url,
                                             GError     **error);

/* "Authorization: Device <token>" on every request; NULL for none. */
void          bo_http_client_set_token      (BoHttpClient *self,
                                             const char   *api_token);
void          bo_http_client_set_timeouts   (BoHttpClient *self,
                                             guint         connect_seconds,
                                             guint         stall_seconds,
                                             guint         total_seconds);
void          bo_http_client_set_max_response (BoHttpClient *self,
                                               gsize         max_bytes);
const char   *bo_http_client_get_base_url   (BoHttpClient *self);

/* Sends one request; @path is relative to the base URL ("/events?cursor=..."). @body (may be
 * NULL) is sent as application/json; @idempotency_key (may be NULL) as Idempotency-Key.
 * Returns the response for every HTTP status (the caller decides); NULL with an error only
 * when no response arrived (NETWORK, TIMEOUT, TLS, CANCELLED) or it was not JSON or too
 * large (BAD_RESPONSE). */
BoHttpResponse *bo_http_client_request      (BoHttpClient  *self,
                                             const char    *method,
                                             const char    *path,
                                             const char    *body,
                                             gsize          body_len,
                                             const char    *idempotency_key,
                                             GCancellable  *cancellable,
                                             GError       **error);

/* Whether the last request reached the server (FALSE when it could not connect at all:
 * offline, refused, name not found). A retry makes sense right away only when it did. */
gboolean        bo_http_client_get_reached_server (BoHttpClient *self);

/* Turns a non-2xx response into the matching BO_SYNC_ERROR (401 device_revoked → REVOKED,
 * 401 → UNAUTHORIZED, 429 → RATE_LIMITED, 5xx → SERVER, other 4xx → REJECTED) with the
 * server's message. Returns TRUE (no error) for 2xx. */
gboolean        bo_http_response_check      (BoHttpResponse *response,
                                             GError        **error);

/* Request + check + a JSON object body expected: the common case for GETs. */
JsonObject     *bo_http_client_get_object   (BoHttpClient  *self,
                                             const char    *path,
                                             GCancellable  *cancellable,
                                             GError       **error);

G_END_DECLS
