/* bench-secrets.c — cost of signing and verifying ticket secrets next to bare libsodium
 *
 * Both sides work on the same 21-byte payloads in the same run; the difference is what the
 * secret format adds (big-endian packing, base32, the checks before the signature).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-util.h"
#include "domain/bo-ticket-secret.h"

#define N 20000

typedef struct {
  BoTicketPayload fields;
  guint8          raw[BO_TICKET_PAYLOAD_LEN];                 /* the same payload, packed */
  guint8          signature[BO_TICKET_SIGNATURE_LEN];         /* from bare libsodium */
  char           *secret;                                     /* from bo_ticket_secret_sign */
} Item;

static void
pack (const BoTicketPayload *p,
      guint8                *out)
{
  const guint32 words[4] = { p->device_id, p->event_id, p->ticket_type_id, p->serial };

  out[0] = BO_TICKET_PAYLOAD_VERSION;
  for (int w = 0; w < 4; w++)
    for (int b = 0; b < 4; b++)
      out[1 + 4 * w + b] = (guint8) (words[w] >> (24 - 8 * b));
  memcpy (out + 17, p->nonce, 4);
}

int
main (int    argc,
      char **argv)
{
  guint8 pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  g_autofree Item *items = g_new0 (Item, N);
  g_autofree gint64 *single = g_new (gint64, N);
  g_autofree gint64 *single_raw = g_new (gint64, N);
  gint64 t0, ours_sign, raw_sign, ours_verify, raw_verify;
  guint ok = 0;

  if (sodium_init () < 0)
    return 1;
  crypto_sign_keypair (pk, sk);

  for (guint i = 0; i < N; i++)
    {
      items[i].fields.device_id = 7;
      items[i].fields.event_id = 1 + i % 5;
      items[i].fields.ticket_type_id = 100 + i % 13;
      items[i].fields.serial = i + 1;
      randombytes_buf (items[i].fields.nonce, 4);
      pack (&items[i].fields, items[i].raw);
    }

  /* warm up caches and the CPU clock */
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *s = bo_ticket_secret_sign (&items[i].fields, sk);

      crypto_sign_detached (items[i].signature, NULL, items[i].raw, BO_TICKET_PAYLOAD_LEN, sk);
      ok += bo_ticket_secret_verify (s, pk, NULL, NULL);
    }

  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < N; i++)
    crypto_sign_detached (items[i].signature, NULL, items[i].raw, BO_TICKET_PAYLOAD_LEN, sk);
  raw_sign = g_get_monotonic_time () - t0;

  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < N; i++)
    items[i].secret = bo_ticket_secret_sign (&items[i].fields, sk);
  ours_sign = g_get_monotonic_time () - t0;

  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < N; i++)
    ok += crypto_sign_verify_detached (items[i].signature, items[i].raw, BO_TICKET_PAYLOAD_LEN,
                                       pk) == 0;
  raw_verify = g_get_monotonic_time () - t0;

  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < N; i++)
    ok += bo_ticket_secret_verify (items[i].secret, pk, NULL, NULL);
  ours_verify = g_get_monotonic_time () - t0;

  /* one at a time, alternating, for the tail a scanner at the door would feel */
  for (guint i = 0; i < N; i++)
    {
      t0 = g_get_monotonic_time ();
      ok += bo_ticket_secret_verify (items[i].secret, pk, NULL, NULL);
      single[i] = g_get_monotonic_time () - t0;

      t0 = g_get_monotonic_time ();
      ok += crypto_sign_verify_detached (items[i].signature, items[i].raw,
                                         BO_TICKET_PAYLOAD_LEN, pk) == 0;
      single_raw[i] = g_get_monotonic_time () - t0;
    }

  if (ok != 500 + 4 * N)
    {
      fprintf (stderr, "bench-secrets: %u of %u verifications failed\n", 500 + 4 * N - ok,
               500 + 4 * N);
      return 1;
    }

  printf ("secret sign: %.2f us/op, raw libsodium: %.2f us/op, ratio %.2f\n",
          (double) ours_sign / N, (double) raw_sign / N, (double) ours_sign / raw_sign);
  printf ("secret verify: %.2f us/op, raw libsodium: %.2f us/op, ratio %.2f\n",
          (double) ours_verify / N, (double) raw_verify / N, (double) ours_verify / raw_verify);
  printf ("secret verify single: p50 %.0f us, p99 %.0f us, max %.0f us "
          "(raw libsodium p50 %.0f us, p99 %.0f us)\n",
          bench_percentile (single, N, 0.50), bench_percentile (single, N, 0.99),
          bench_percentile (single, N, 1.0),
          bench_percentile (single_raw, N, 0.50), bench_percentile (single_raw, N, 0.99));

  for (guint i = 0; i < N; i++)
    g_free (items[i].secret);
  return 0;
}
