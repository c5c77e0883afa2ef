/* bo-device.h — this counter's identity: server device id, Ed25519 key pair, ticket serials
 *
 * The key pair is made the first time a store is opened and lives in the store's device row
 * (the database file is 0600). Before registration the device id is 0.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/bo-store.h"

G_BEGIN_DECLS

#define BO_TYPE_DEVICE (bo_device_get_type ())
G_DECLARE_FINAL_TYPE (BoDevice, bo_device, BO, DEVICE, GObject)

#define BO_DEVICE_ERROR (bo_device_error_quark ())

/* SQL failures come in BO_STORE_ERROR; these are the device's own. */
typedef enum {
  BO_DEVICE_ERROR_SERIALS_EXHAUSTED, /* the u32 ticket serial space of this device is used up */
  BO_DEVICE_ERROR_DAMAGED,           /* the stored key material has the wrong size */
} BoDeviceError;

GQuark        bo_device_error_quark    (void);

/* Loads the identity, creating the key pair (and registering its public key in device_keys)
 * on first use, in its own transaction (or the caller's, when one is open). */
BoDevice     *bo_device_load           (BoStore *store,
                                        GError **error);

guint32       bo_device_get_id         (BoDevice *self);
const char   *bo_device_get_name       (BoDevice *self);
const guint8 *bo_device_get_public_key (BoDevice *self); /* 32 bytes */

/* Ed25519 detached signature of @data into @signature (64 bytes). */
void          bo_device_sign           (BoDevice     *self,
                                        const guint8 *data,
                                        gsize         len,
                                        guint8       *signature);

/* Must run inside a store transaction: reserves @count consecutive ticket serials and
 * returns the first. Fails when the u32 serial space is exhausted. */
gboolean      bo_device_take_serials   (BoDevice *self,
                                        BoStore  *store,
                                        guint     count,
                                        guint32  *out_first,
                                        GError  **error);

/* Makes a signed ticket secret for this device (random nonce). */
char         *bo_device_make_secret    (BoDevice *self,
                                        guint32   event_id,
                                        guint32   ticket_type_id,
                                        guint32   serial);

/* Public key of device @device_id from device_keys (NULL when unknown); @out_revoked is set
 * when the key was revoked. Returned bytes are 32 long, free with g_free. */
guint8       *bo_device_lookup_key     (BoStore  *store,
                                        guint32   device_id,
                                        gboolean *out_revoked,
                                        GError  **error);

/* Records the server's id for this device after registration (sync issue) and moves this
 * device's key in device_keys to it. Must run inside a transaction; @self takes the new id
 * and name at once, so after a rollback load the device again. */
gboolean      bo_device_set_registration (BoDevice   *self,
                                          BoStore    *store,
                                          guint32     device_id,
                                          const char *name,
                                          GError    **error);

G_END_DECLS
