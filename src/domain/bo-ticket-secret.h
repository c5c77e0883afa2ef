/* bo-ticket-secret.h — offline-verifiable signed ticket secrets ("BT1" + base32)
 *
 * Format (../shared/central-api.md, "Signed ticket secrets"):
 *   payload   = 0x01 | device_id u32 | event_id u32 | ticket_type_id u32 | serial u32 | nonce[4]
 *               (big-endian, 21 bytes)
 *   signature = Ed25519 (device secret key, payload)   (64 bytes)
 *   secret    = "BT1" + base32 (payload || signature)  (upper case, no padding)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BO_TICKET_SECRET_PREFIX      "BT1"
#define BO_TICKET_PAYLOAD_VERSION    0x01
#define BO_TICKET_PAYLOAD_LEN        21
#define BO_TICKET_SIGNATURE_LEN      64
#define BO_TICKET_SECRET_LEN         139 /* 3 + base32 of 85 bytes */
#define BO_ED25519_PUBLIC_KEY_LEN    32
#define BO_ED25519_SECRET_KEY_LEN    64

#define BO_TICKET_SECRET_ERROR (bo_ticket_secret_error_quark ())

typedef enum {
  BO_TICKET_SECRET_ERROR_NOT_SIGNED,    /* no "BT1" prefix: an opaque (online) secret */
  BO_TICKET_SECRET_ERROR_MALFORMED,     /* "BT1" prefix but wrong length, alphabet or version */
  BO_TICKET_SECRET_ERROR_BAD_SIGNATURE, /* well-formed but the signature does not verify */
} BoTicketSecretError;

typedef struct {
  guint32 device_id;
  guint32 event_id;
  guint32 ticket_type_id;
  guint32 serial;
  guint8  nonce[4];
} BoTicketPayload;

GQuark    bo_ticket_secret_error_quark (void);

/* Signs @payload with the 64-byte libsodium Ed25519 secret key and returns the secret text. */
char     *bo_ticket_secret_sign        (const BoTicketPayload *payload,
                                        const guint8          *secret_key);

/* TRUE when @text starts with the signed-secret prefix (cheap test, no decoding). */
gboolean  bo_ticket_secret_is_signed   (const char *text);

/* Decodes a signed secret without checking the signature. On success fills
 * @payload and, when not NULL, the 64-byte @signature. */
gboolean  bo_ticket_secret_parse       (const char      *text,
                                        BoTicketPayload *payload,
                                        guint8          *signature,
                                        GError         **error);

/* Decodes and verifies against the 32-byte Ed25519 @public_key. */
gboolean  bo_ticket_secret_verify      (const char      *text,
                                        const guint8    *public_key,
                                        BoTicketPayload *payload,
                                        GError         **error);

G_END_DECLS
