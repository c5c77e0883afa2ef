/* bo-base32.h — RFC 4648 base32 (upper-case alphabet, no padding)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns a newly allocated, NUL-terminated upper-case string without '=' padding. */
char   *bo_base32_encode (const guint8 *data,
                          gsize         len);

/* Strict decoder: accepts only 'A'-'Z' and '2'-'7', no padding, no white space,
 * and rejects non-canonical trailing bits. Returns NULL (and sets @error in
 * G_IO_ERROR / G_IO_ERROR_INVALID_DATA) on anything else. */
guint8 *bo_base32_decode (const char *text,
                          gsize      *out_len,
                          GError    **error);

G_END_DECLS
