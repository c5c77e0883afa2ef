/* bo-ticket-secret.c — offline-verifiable signed ticket secrets ("BT1" + base32)
 *
 * The check order in parse matters: everything that can be decided from the text alone
 * (prefix, exact length, alphabet, canonical base32, version) is checked before the signature,
 * so hostile input never reaches the curve arithmetic and a scanner can tell "not a ticket of
 * ours" from "forged or damaged".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "domain/bo-ticket-secret.h"
#include "domain/bo-crypto.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "domain/bo-base32.h"

#define PREFIX_LEN (sizeof BO_TICKET_SECRET_PREFIX - 1)
#define RAW_LEN    (BO_TICKET_PAYLOAD_LEN + BO_TICKET_SIGNATURE_LEN)

G_STATIC_ASSERT (PREFIX_LEN + (RAW_LEN * 8 + 4) / 5 == BO_TICKET_SECRET_LEN);
G_STATIC_ASSERT (BO_ED25519_PUBLIC_KEY_LEN == crypto_sign_PUBLICKEYBYTES);
G_STATIC_ASSERT (BO_ED25519_SECRET_KEY_LEN == crypto_sign_SECRETKEYBYTES);
G_STATIC_ASSERT (BO_TICKET_SIGNATURE_LEN == crypto_sign_BYTES);

G_DEFINE_QUARK (bo-ticket-secret-error-quark, bo_ticket_secret_error)

static void
put_u32_be (guint8  *p,
            guint32  v)
{
  p[0] = (guint8) (v >> 24);
  p[1] = (guint8) (v >> 16);
  p[2] = (guint8) (v >> 8);
  p[3] = (guint8) v;
}

static guint32
get_u32_be (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
encode_payload (const BoTicketPayload *payload,
                guint8                *out)
{
  out[0] = BO_TICKET_PAYLOAD_VERSION;
  put_u32_be (out + 1, payload->device_id);
  put_u32_be (out + 5, payload->event_id);
  put_u32_be (out + 9, payload->ticket_type_id);
  put_u32_be (out + 13, payload->serial);
  memcpy (out + 17, payload->nonce, 4);
}

/* Decodes @text into @raw (payload || signature) after every check that needs no key. */
static gboolean
decode_secret (const char *text,
               guint8     *raw,
               GError    **error)
{
  g_autofree guint8 *bytes = NULL;
  gsize len = 0;

  if (!g_str_has_prefix (text, BO_TICKET_SECRET_PREFIX))
    {
      g_set_error_literal (error, BO_TICKET_SECRET_ERROR, BO_TICKET_SECRET_ERROR_NOT_SIGNED,
                           _("Not a signed ticket secret"));
      return FALSE;
    }

  /* strnlen keeps a 10 MB paste from being measured (or decoded) in full. */
  if (strnlen (text, BO_TICKET_SECRET_LEN + 1) != BO_TICKET_SECRET_LEN)
    {
      g_set_error_literal (error, BO_TICKET_SECRET_ERROR, BO_TICKET_SECRET_ERROR_MALFORMED,
                           _("The ticket code has the wrong length"));
      return FALSE;
    }

  bytes = bo_base32_decode (text + PREFIX_LEN, &len, NULL);
  if (bytes == NULL || len != RAW_LEN)
    {
      g_set_error_literal (error, BO_TICKET_SECRET_ERROR, BO_TICKET_SECRET_ERROR_MALFORMED,
                           _("The ticket code contains invalid characters"));
      return FALSE;
    }

  if (bytes[0] != BO_TICKET_PAYLOAD_VERSION)
    {
      g_set_error_literal (error, BO_TICKET_SECRET_ERROR, BO_TICKET_SECRET_ERROR_MALFORMED,
                           _("The ticket code has an unknown version"));
      return FALSE;
    }

  memcpy (raw, bytes, RAW_LEN);
  return TRUE;
}

static void
unpack_payload (const guint8    *raw,
                BoTicketPayload *payload)
{
  payload->device_id = get_u32_be (raw + 1);
  payload->event_id = get_u32_be (raw + 5);
  payload->ticket_type_id = get_u32_be (raw + 9);
  payload->serial = get_u32_be (raw + 13);
  memcpy (payload->nonce, raw + 17, 4);
}

char *
bo_ticket_secret_sign (const BoTicketPayload *payload,
                       const guint8          *secret_key)
{
  guint8 raw[RAW_LEN];
  g_autofree char *body = NULL;

  g_return_val_if_fail (payload != NULL, NULL);
  g_return_val_if_fail (secret_key != NULL, NULL);

  bo_crypto_init ();

  encode_payload (payload, raw);
  if (crypto_sign_detached (raw + BO_TICKET_PAYLOAD_LEN, NULL, raw, BO_TICKET_PAYLOAD_LEN,
                            secret_key) != 0)
    g_return_val_if_reached (NULL);

  body = bo_base32_encode (raw, sizeof raw);
  return g_strconcat (BO_TICKET_SECRET_PREFIX, body, NULL);
}

gboolean
bo_ticket_secret_is_signed (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  return g_str_has_prefix (text, BO_TICKET_SECRET_PREFIX);
}

gboolean
bo_ticket_secret_parse (const char      *text,
                        BoTicketPayload *payload,
                        guint8          *signature,
                        GError         **error)
{
  guint8 raw[RAW_LEN];

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (payload != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!decode_secret (text, raw, error))
    return FALSE;

  unpack_payload (raw, payload);
  if (signature != NULL)
    memcpy (signature, raw + BO_TICKET_PAYLOAD_LEN, BO_TICKET_SIGNATURE_LEN);
  return TRUE;
}

gboolean
bo_ticket_secret_verify (const char      *text,
                         const guint8    *public_key,
                         BoTicketPayload *payload,
                         GError         **error)
{
  guint8 raw[RAW_LEN];

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (public_key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bo_crypto_init ();

  if (!decode_secret (text, raw, error))
    return FALSE;

  /* Verify the bytes as they were decoded, not a re-encoding of the parsed fields. */
  if (crypto_sign_verify_detached (raw + BO_TICKET_PAYLOAD_LEN, raw, BO_TICKET_PAYLOAD_LEN,
                                   public_key) != 0)
    {
      g_set_error_literal (error, BO_TICKET_SECRET_ERROR, BO_TICKET_SECRET_ERROR_BAD_SIGNATURE,
                           _("The ticket's signature is not valid"));
      return FALSE;
    }

  if (payload != NULL)
    unpack_payload (raw, payload);
  return TRUE;
}
