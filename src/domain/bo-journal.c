/* bo-journal.c — append-only, hash-chained, signed journal
 *
 * Hash of entry n, exactly (an auditor re-implements this from here; keep it stable, a change
 * needs a new entry format and a way to tell the formats apart):
 *
 *   hash_n = BLAKE2b with a 32-byte digest, no key, no salt, no personalisation
 *            (libsodium crypto_generichash (out, 32, in, inlen, NULL, 0); Python
 *            hashlib.blake2b (in, digest_size=32)) of the concatenation of six fields, each
 *            written as
 *
 *                len (unsigned 64-bit, big-endian, 8 bytes) || the field's bytes
 *
 *            in this order:
 *              1. seq         its 8 bytes as an unsigned 64-bit big-endian integer (len = 8)
 *              2. created_at  the text exactly as stored, UTF-8, e.g. "2026-03-01T19:30:00Z"
 *              3. kind        the text as stored, e.g. "sale"
 *              4. ref_uuid    the text as stored
 *              5. payload     the JSON text as stored, byte for byte (never re-serialised)
 *              6. prev_hash   32 raw bytes: hash_{n-1}, or 32 zero bytes for seq 1
 *            A field that is SQL NULL (only ref_uuid may be) is written as
 *            len = 0xFFFFFFFFFFFFFFFF and no bytes, so NULL and "" hash differently.
 *
 *   signature_n = Ed25519 (RFC 8032; libsodium crypto_sign_detached) over the 32 raw bytes of
 *                 hash_n with the device's secret key; it verifies with the public key that
 *                 device_keys and the server's /keys list for the device.
 *
 *   Stored as text: prev_hash and hash 64 lower-case hex digits, signature 128. The stored
 *   prev_hash must equal the previous row's stored hash (64 '0's for seq 1).
 *
 * Python, for one row r (text fields as their UTF-8 bytes, None for NULL) with the previous
 * hash p (raw bytes):
 *
 *   def f (b):
 *       return struct.pack (">Q", 2**64 - 1) if b is None else struct.pack (">Q", len (b)) + b
 *   h = blake2b (f (struct.pack (">Q", r.seq)) + f (r.created_at) + f (r.kind) + f (r.ref_uuid)
 *                + f (r.payload) + f (p), digest_size=32).digest ()
 *
 * The device key signs only these 32-byte hashes and 21-byte ticket payloads, so a signature
 * of one can never pass as the other.
 *
 * What verification can and cannot see: rows are checked in seq order and any change to a
 * row, a removed or inserted row in the middle, or reordered rows break the chain or a
 * signature. Removing the newest rows leaves a shorter journal that is still consistent; only
 * a head recorded elsewhere (a shift closing stores journal_head, the server receives it)
 * can show that, and comparing against it is the caller's job.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "domain/bo-journal.h"
#include "domain/bo-crypto.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "domain/bo-ticket-secret.h"
#include "domain/bo-time.h"

#define HASH_LEN      32
#define HASH_HEX_LEN  (HASH_LEN * 2)
#define SIG_HEX_LEN   (BO_TICKET_SIGNATURE_LEN * 2)

G_STATIC_ASSERT (HASH_LEN >= crypto_generichash_BYTES_MIN &&
                 HASH_LEN <= crypto_generichash_BYTES_MAX);

G_DEFINE_QUARK (bo-journal-error-quark, bo_journal_error)

static const char zero_hash_hex[HASH_HEX_LEN + 1] =
  "0000000000000000000000000000000000000000000000000000000000000000";

/* Only what we write is accepted: exactly @out_len * 2 lower-case hex digits. */
static gboolean
hex_decode_strict (const char *hex,
                   gsize       hex_len,
                   guint8     *out,
                   gsize       out_len)
{
  if (hex == NULL || hex_len != out_len * 2)
    return FALSE;

  for (gsize i = 0; i < out_len; i++)
    {
      int hi, lo;
      char h = hex[2 * i], l = hex[2 * i + 1];

      hi = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : -1;
      lo = l >= '0' && l <= '9' ? l - '0' : l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
      if (hi < 0 || lo < 0)
        return FALSE;
      out[i] = (guint8) (hi << 4 | lo);
    }
  return TRUE;
}

static void
hash_field (crypto_generichash_state *state,
            const void               *data,
            gsize                     len)
{
  guint64 be_len = GUINT64_TO_BE (data == NULL ? G_MAXUINT64 : (guint64) len);

  crypto_generichash_update (state, (const guint8 *) &be_len, sizeof be_len);
  if (data != NULL && len > 0)
    crypto_generichash_update (state, data, len);
}

/* The text fields are passed with their lengths (as SQLite reports them) so that what is
 * hashed is exactly what is stored, even an embedded NUL. NULL data means SQL NULL. */
static void
compute_hash (gint64        seq,
              const char   *created_at,
              gsize         created_at_len,
              const char   *kind,
              gsize         kind_len,
              const char   *ref_uuid,
              gsize         ref_uuid_len,
              const char   *payload,
              gsize         payload_len,
              const guint8 *prev_hash,
              guint8       *out_hash)
{
  crypto_generichash_state state;
  guint64 be_seq = GUINT64_TO_BE ((guint64) seq);

  crypto_generichash_init (&state, NULL, 0, HASH_LEN);
  hash_field (&state, &be_seq, sizeof be_seq);
  hash_field (&state, created_at, created_at_len);
  hash_field (&state, kind, kind_len);
  hash_field (&state, ref_uuid, ref_uuid_len);
  hash_field (&state, payload, payload_len);
  hash_field (&state, prev_hash, HASH_LEN);
  crypto_generichash_final (&state, out_hash, HASH_LEN);
}

static gboolean set_broken (GError    **error,
                            gint64     *out_bad_seq,
                            gint64      seq,
                            const char *format,
                            ...) G_GNUC_PRINTF (4, 5);

/* @format gets the seq as its one "%lld" argument. */
static gboolean
set_broken (GError    **error,
            gint64     *out_bad_seq,
            gint64      seq,
            const char *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (out_bad_seq != NULL)
    *out_bad_seq = seq;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, BO_JOURNAL_ERROR, BO_JOURNAL_ERROR_BROKEN, message);
  return FALSE;
}

/* Reads the last entry; an empty journal gives seq 0 and the all-zero hash. */
static gboolean
read_head (BoStore *store,
           gint64  *out_seq,
           char   **out_hash,
           GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = bo_store_prepare (store, "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      *out_seq = 0;
      *out_hash = g_strdup (zero_hash_hex);
    }
  else if (rc == SQLITE_ROW)
    {
      *out_seq = sqlite3_column_int64 (stmt, 0);
      *out_hash = bo_store_column_dup_text (stmt, 1);
    }
  else
    {
      bo_store_set_error (store, error, "journal head");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
bo_journal_append (BoStore    *store,
                   BoDevice   *device,
                   const char *kind,
                   const char *ref_uuid,
                   const char *payload_json,
                   gint64     *out_seq,
                   GError    **error)
{
  g_autofree char *head_hex = NULL;
  g_autofree char *created_at = NULL;
  guint8 prev[HASH_LEN];
  guint8 hash[HASH_LEN];
  guint8 signature[BO_TICKET_SIGNATURE_LEN];
  char hash_hex[HASH_HEX_LEN + 1];
  char signature_hex[SIG_HEX_LEN + 1];
  sqlite3_stmt *stmt;
  gint64 head_seq = 0;
  gint64 seq;

  g_return_val_if_fail (BO_IS_STORE (store), FALSE);
  g_return_val_if_fail (BO_IS_DEVICE (device), FALSE);
  g_return_val_if_fail (bo_store_in_transaction (store), FALSE);
  g_return_val_if_fail (kind != NULL && *kind != '\0' && g_utf8_validate (kind, -1, NULL), FALSE);
  g_return_val_if_fail (ref_uuid == NULL || g_utf8_validate (ref_uuid, -1, NULL), FALSE);
  g_return_val_if_fail (payload_json != NULL && g_utf8_validate (payload_json, -1, NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bo_crypto_init ();

  if (!read_head (store, &head_seq, &head_hex, error))
    return FALSE;
  /* Chaining onto a damaged head would sign over the damage. */
  if (head_hex == NULL || !hex_decode_strict (head_hex, strlen (head_hex), prev, HASH_LEN))
    return set_broken (error, NULL, head_seq, _("Journal entry %lld: stored hash is damaged"),
                       (long long) head_seq);

  seq = head_seq + 1;
  created_at = bo_time_now_iso ();
  compute_hash (seq,
                created_at, strlen (created_at),
                kind, strlen (kind),
                ref_uuid, ref_uuid != NULL ? strlen (ref_uuid) : 0,
                payload_json, strlen (payload_json),
                prev, hash);
  bo_device_sign (device, hash, HASH_LEN, signature);
  sodium_bin2hex (hash_hex, sizeof hash_hex, hash, HASH_LEN);
  sodium_bin2hex (signature_hex, sizeof signature_hex, signature, sizeof signature);

  stmt = bo_store_prepare (store,
                           "INSERT INTO journal "
                           "(seq, created_at, kind, ref_uuid, payload, prev_hash, hash, signature) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_text (stmt, 2, created_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  if (ref_uuid != NULL)
    sqlite3_bind_text (stmt, 4, ref_uuid, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_text (stmt, 5, payload_json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, head_hex, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, hash_hex, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, signature_hex, -1, SQLITE_STATIC);
  if (!bo_store_step_done (store, stmt, error))
    return FALSE;

  if (out_seq != NULL)
    *out_seq = seq;
  return TRUE;
}

char *
bo_journal_head (BoStore *store,
                 gint64  *out_seq,
                 GError **error)
{
  char *hash = NULL;
  gint64 seq = 0;

  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_head (store, &seq, &hash, error))
    return NULL;
  if (out_seq != NULL)
    *out_seq = seq;
  return hash;
}

gboolean
bo_journal_verify (BoStore      *store,
                   const guint8 *public_key,
                   gint64       *out_count,
                   gint64       *out_bad_seq,
                   GError      **error)
{
  sqlite3_stmt *stmt;
  guint8 prev[HASH_LEN] = { 0 };
  char prev_hex[HASH_HEX_LEN + 1];
  gint64 expected = 1;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (BO_IS_STORE (store), FALSE);
  g_return_val_if_fail (public_key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bo_crypto_init ();

  if (out_count != NULL)
    *out_count = 0;
  if (out_bad_seq != NULL)
    *out_bad_seq = 0;
  memcpy (prev_hex, zero_hash_hex, sizeof prev_hex);

  /* One statement streams the rows, so the whole walk reads one snapshot (WAL) without
   * holding the journal in memory. */
  stmt = bo_store_prepare (store,
                           "SELECT seq, created_at, kind, ref_uuid, payload, prev_hash, hash, "
                           "signature FROM journal ORDER BY seq",
                           error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (stmt, 0);
      const char *text[7];
      gsize len[7];
      guint8 hash[HASH_LEN];
      guint8 signature[BO_TICKET_SIGNATURE_LEN];
      char hash_hex[HASH_HEX_LEN + 1];

      /* A missing seq is named, not the row after it: that is the entry that was removed. */
      if (seq != expected)
        {
          ok = set_broken (error, out_bad_seq, expected, _("Journal entry %lld is missing"),
                           (long long) expected);
          break;
        }

      for (int col = 1; col <= 7; col++)
        {
          text[col - 1] = (const char *) sqlite3_column_text (stmt, col);
          len[col - 1] = (gsize) sqlite3_column_bytes (stmt, col);
        }

      if (text[4] == NULL || len[4] != HASH_HEX_LEN ||
          memcmp (text[4], prev_hex, HASH_HEX_LEN) != 0)
        {
          ok = set_broken (error, out_bad_seq, seq,
                           _("Journal entry %lld: does not follow the entry before it"),
                           (long long) seq);
          break;
        }

      compute_hash (seq, text[0], len[0], text[1], len[1], text[2], len[2], text[3], len[3],
                    prev, hash);
      sodium_bin2hex (hash_hex, sizeof hash_hex, hash, HASH_LEN);
      if (text[5] == NULL || len[5] != HASH_HEX_LEN ||
          memcmp (text[5], hash_hex, HASH_HEX_LEN) != 0)
        {
          ok = set_broken (error, out_bad_seq, seq,
                           _("Journal entry %lld: hash does not match its contents"),
                           (long long) seq);
          break;
        }

      if (!hex_decode_strict (text[6], len[6], signature, sizeof signature) ||
          crypto_sign_verify_detached (signature, hash, HASH_LEN, public_key) != 0)
        {
          ok = set_broken (error, out_bad_seq, seq,
                           _("Journal entry %lld: signature is not valid"), (long long) seq);
          break;
        }

      memcpy (prev, hash, HASH_LEN);
      memcpy (prev_hex, hash_hex, sizeof prev_hex);
      expected++;
    }

  if (ok && rc != SQLITE_DONE)
    ok = bo_store_set_error (store, error, "journal verify");
  sqlite3_reset (stmt);

  if (out_count != NULL)
    *out_count = expected - 1;
  return ok;
}
