/* bo-crypto.h — libsodium set-up shared by everything that signs, verifies or hashes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Initialises libsodium once per process (thread-safe). Aborts when it cannot: without a
 * working libsodium nothing can be signed or verified safely, and there is no way on. */
void bo_crypto_init (void);

G_END_DECLS
