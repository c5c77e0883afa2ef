/* bo-pin.h — operator PINs, stored only as Argon2id hashes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BO_PIN_MIN_LEN 4
#define BO_PIN_MAX_LEN 12

/* A PIN is BO_PIN_MIN_LEN..BO_PIN_MAX_LEN ASCII digits. Sets G_IO_ERROR_INVALID_ARGUMENT
 * with a translated, human message otherwise. */
gboolean  bo_pin_is_valid (const char *pin,
                           GError    **error);

/* Returns a libsodium crypto_pwhash_str() Argon2id string (self-describing: algorithm,
 * parameters and salt), or NULL with @error set when hashing fails (out of memory). */
char     *bo_pin_hash     (const char *pin,
                           GError    **error);

/* Constant-time check of @pin against a stored hash. FALSE for a malformed hash. */
gboolean  bo_pin_verify   (const char *hash,
                           const char *pin);

G_END_DECLS
