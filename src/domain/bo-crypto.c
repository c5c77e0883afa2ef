/* bo-crypto.c — libsodium set-up shared by everything that signs, verifies or hashes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "domain/bo-crypto.h"

#include <sodium.h>

void
bo_crypto_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      if (sodium_init () < 0)
        g_error ("libsodium could not be initialized");
      g_once_init_leave (&initialized, 1);
    }
}
