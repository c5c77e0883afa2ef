/* bo-pin.c — operator PINs, stored only as Argon2id hashes
 *
 * Cost: libsodium's INTERACTIVE limits (2 passes over 64 MiB) take about 55 ms per hash or
 * verify on the 2-core machines this was measured on (libsodium 1.0.18; 2 passes over 32 MiB
 * took 25 ms, 3 over 64 MiB 72 ms). A login by PIN alone has to try the hash of every active
 * operator, so a counter with a handful of operators stays well under a second, and the test
 * suites, which log in often, stay fast. A 4-12 digit PIN has little entropy whatever the
 * cost: the hash only keeps PINs from being read straight out of a copied database file;
 * guessing at the counter has to be limited by the login code (attempt limits, lockout).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "domain/bo-pin.h"
#include "domain/bo-crypto.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#define PIN_OPSLIMIT crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE /* 2 */
#define PIN_MEMLIMIT crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE /* 64 MiB */
#define ARGON2ID_PREFIX "$argon2id$"

gboolean
bo_pin_is_valid (const char *pin,
                 GError    **error)
{
  gsize len;

  g_return_val_if_fail (pin != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (const char *p = pin; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("A PIN may only contain the digits 0 to 9."));
          return FALSE;
        }
    }

  len = strlen (pin);
  if (len < BO_PIN_MIN_LEN || len > BO_PIN_MAX_LEN)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A PIN must have %d to %d digits."), BO_PIN_MIN_LEN, BO_PIN_MAX_LEN);
      return FALSE;
    }

  return TRUE;
}

char *
bo_pin_hash (const char *pin,
             GError    **error)
{
  char out[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (pin != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bo_crypto_init ();

  if (crypto_pwhash_str_alg (out, pin, strlen (pin), PIN_OPSLIMIT, PIN_MEMLIMIT,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           _("Not enough memory to protect the PIN"));
      return NULL;
    }

  return g_strdup (out);
}

gboolean
bo_pin_verify (const char *hash,
               const char *pin)
{
  g_return_val_if_fail (hash != NULL, FALSE);
  g_return_val_if_fail (pin != NULL, FALSE);

  bo_crypto_init ();

  /* Only what bo_pin_hash() writes is accepted: an argon2id string that fits libsodium's
   * buffer. libsodium rejects anything else too, but this keeps a damaged row from being
   * handed to the parser at all. */
  if (!g_str_has_prefix (hash, ARGON2ID_PREFIX) ||
      strnlen (hash, crypto_pwhash_STRBYTES) >= crypto_pwhash_STRBYTES)
    return FALSE;

  return crypto_pwhash_str_verify (hash, pin, strlen (pin)) == 0;
}
