/* bo-sync-error.h — the error domain of the sync service
 *
 * Every failure of the sync layer that a caller (GUI, CLI) can act on or show comes in
 * BO_SYNC_ERROR with one of these codes; store failures keep BO_STORE_ERROR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BO_SYNC_ERROR (bo_sync_error_quark ())

typedef enum {
  BO_SYNC_ERROR_NETWORK,            /* cannot reach the server (DNS, refused, dropped connection) */
  BO_SYNC_ERROR_TIMEOUT,            /* connect timeout or a stalled transfer */
  BO_SYNC_ERROR_TLS,                /* certificate or TLS handshake failure; or http:// to a non-loopback host */
  BO_SYNC_ERROR_SERVER,             /* 5xx */
  BO_SYNC_ERROR_RATE_LIMITED,       /* 429 (Retry-After honoured) */
  BO_SYNC_ERROR_REJECTED,           /* 400/404/409/422: the server refused this request */
  BO_SYNC_ERROR_UNAUTHORIZED,       /* 401 unauthorized (token unknown) */
  BO_SYNC_ERROR_REVOKED,            /* 401 device_revoked: this counter no longer syncs */
  BO_SYNC_ERROR_BAD_RESPONSE,       /* not JSON, wrong shape, too large */
  BO_SYNC_ERROR_NOT_REGISTERED,     /* the counter has no registration yet */
  BO_SYNC_ERROR_ALREADY_REGISTERED, /* register without force on a registered counter */
  BO_SYNC_ERROR_CANCELLED,          /* the caller's GCancellable fired */
  BO_SYNC_ERROR_LOCAL_DATA,         /* register: the database holds demo data or sales made before
                                     * registration, which the platform cannot take */
} BoSyncError;

GQuark   bo_sync_error_quark        (void);

/* TRUE for errors that go away by themselves (network, timeout, 5xx, 429): retry later. */
gboolean bo_sync_error_is_transient (const GError *error);

G_END_DECLS
