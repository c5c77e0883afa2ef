/* bo-base32.c — RFC 4648 base32 (upper-case alphabet, no padding)
 *
 * The decoder is strict on purpose: a ticket secret has exactly one valid spelling, so two
 * different strings can never name the same signed payload (the tickets table keys on the
 * secret text).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "domain/bo-base32.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

static const char alphabet[32] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

static int
decode_char (char c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= '2' && c <= '7')
    return c - '2' + 26;
  return -1;
}

char *
bo_base32_encode (const guint8 *data,
                  gsize         len)
{
  GString *out;
  guint64 bits = 0;
  guint nbits = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (len <= (G_MAXSIZE - 8) / 8 * 5, NULL);

  out = g_string_sized_new ((len * 8 + 4) / 5 + 1);
  for (gsize i = 0; i < len; i++)
    {
      bits = (bits << 8) | data[i];
      nbits += 8;
      while (nbits >= 5)
        {
          nbits -= 5;
          g_string_append_c (out, alphabet[(bits >> nbits) & 0x1f]);
        }
    }
  if (nbits > 0)
    g_string_append_c (out, alphabet[(bits << (5 - nbits)) & 0x1f]);

  return g_string_free (out, FALSE);
}

guint8 *
bo_base32_decode (const char *text,
                  gsize      *out_len,
                  GError    **error)
{
  g_autofree guint8 *out = NULL;
  gsize text_len, rem, n = 0;
  guint32 bits = 0;
  guint nbits = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text_len = strlen (text);
  /* Unpadded base32 groups of 8 characters carry 5 bytes; a final partial group can only be
   * 2, 4, 5 or 7 characters long (1..4 bytes). 1, 3 and 6 are never produced by an encoder. */
  rem = text_len % 8;
  if (rem == 1 || rem == 3 || rem == 6)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Invalid base32 length %lu"), (unsigned long) text_len);
      return NULL;
    }

  out = g_malloc (text_len * 5 / 8 + 1);
  for (gsize i = 0; i < text_len; i++)
    {
      int v = decode_char (text[i]);

      if (v < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Invalid base32 character at position %lu"), (unsigned long) i);
          return NULL;
        }
      bits = (bits << 5) | (guint32) v;
      nbits += 5;
      if (nbits >= 8)
        {
          nbits -= 8;
          out[n++] = (guint8) (bits >> nbits);
        }
      bits &= (1u << nbits) - 1;
    }

  /* The bits left over pad the last character; a canonical encoder writes them as zeros. */
  if (bits != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Non-canonical base32: trailing bits are not zero"));
      return NULL;
    }

  if (out_len != NULL)
    *out_len = n;
  return g_steal_pointer (&out);
}
