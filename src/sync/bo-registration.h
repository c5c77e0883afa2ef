/* bo-registration.h — onboarding a counter with the central platform (POST /device/initialize)
 *
 * The API token is stored in the device row of the store (the file is 0600). The key pair
 * made when the store was created is kept: a counter's database is its identity, and
 * tickets it already signed stay verifiable. Registering again is explicit (@force): the
 * counter gets a new device id and token; its sync cursors, revoked flag and local
 * allocations (granted to the old device id) are reset, while the outbox is kept and goes to
 * the new registration.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "store/bo-store.h"
#include "sync/bo-sync-error.h"

G_BEGIN_DECLS

/* {"handshake_version": 1, "url": "...", "token": "..."} → url and token. BAD_RESPONSE when
 * it is not such an object (the message says what is wrong). */
gboolean bo_registration_parse_handshake (const char  *json,
                                          char       **out_url,
                                          char       **out_token,
                                          GError     **error);

/* Checks that @url can be used as a base URL: https://, or http:// to a loopback host only
 * (127.0.0.0/8, ::1, localhost). BO_SYNC_ERROR_TLS otherwise. */
gboolean bo_registration_check_url       (const char  *url,
                                          GError     **error);

/* Registers the counter of @store. @name may be NULL (the server picks one, or the device's
 * current name is sent). Fails with ALREADY_REGISTERED when the counter is registered and
 * @force is FALSE, REJECTED (invalid_token) for an unknown or used token. */
gboolean bo_registration_register        (BoStore       *store,
                                          const char    *url,
                                          const char    *token,
                                          const char    *name,
                                          gboolean       force,
                                          GCancellable  *cancellable,
                                          GError       **error);

/* Registration stored in @store: FALSE when not registered. Out values may be NULL. */
gboolean bo_registration_get             (BoStore   *store,
                                          guint32   *out_device_id,
                                          char     **out_base_url,
                                          char     **out_api_token,
                                          GError   **error);

G_END_DECLS
