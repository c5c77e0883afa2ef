/* test-secrets.c — base32, signed ticket secrets, PINs and the device identity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <sodium.h>
#include <string.h>

#include "bo-test-util.h"
#include "domain/bo-base32.h"
#include "domain/bo-device.h"
#include "domain/bo-pin.h"
#include "domain/bo-ticket-secret.h"

static const char b32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/* ---- base32 ---------------------------------------------------------------------------- */

static void
test_base32_vectors (void)
{
  /* RFC 4648 section 10, without the '=' padding. */
  static const struct { const char *plain, *encoded; } vectors[] = {
    { "", "" },
    { "f", "MY" },
    { "fo", "MZXQ" },
    { "foo", "MZXW6" },
    { "foob", "MZXW6YQ" },
    { "fooba", "MZXW6YTB" },
    { "foobar", "MZXW6YTBOI" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *encoded = NULL;
      g_autofree guint8 *decoded = NULL;
      gsize len = 99;

      encoded = bo_base32_encode ((const guint8 *) vectors[i].plain, strlen (vectors[i].plain));
      g_assert_cmpstr (encoded, ==, vectors[i].encoded);

      decoded = bo_base32_decode (vectors[i].encoded, &len, &error);
      g_assert_no_error (error);
      g_assert_nonnull (decoded);
      g_assert_cmpmem (decoded, len, vectors[i].plain, strlen (vectors[i].plain));
    }
}

static void
test_base32_roundtrip (void)
{
  for (guint round = 0; round < 500; round++)
    {
      g_autoptr (GError) error = NULL;
      gsize len = g_test_rand_int_range (0, 200);
      g_autofree guint8 *data = g_malloc (len + 1);
      g_autofree char *encoded = NULL;
      g_autofree guint8 *decoded = NULL;
      gsize decoded_len = 0;

      for (gsize i = 0; i < len; i++)
        data[i] = (guint8) g_test_rand_int_range (0, 256);

      encoded = bo_base32_encode (data, len);
      g_assert_cmpuint (strlen (encoded), ==, (len * 8 + 4) / 5);
      g_assert_cmpuint (strspn (encoded, b32_alphabet), ==, strlen (encoded));

      decoded = bo_base32_decode (encoded, &decoded_len, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (decoded, decoded_len, data, len);
    }
}

static void
assert_base32_rejected (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autofree guint8 *decoded = NULL;
  gsize len = 12345;

  decoded = bo_base32_decode (text, &len, &error);
  if (decoded != NULL)
    g_error ("base32 decoder accepted \"%s\"", text);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpuint (len, ==, 12345);
}

static void
test_base32_strict (void)
{
  static const char * const bad[] = {
    "my", "mzxw6", "MZXw6",          /* lower case */
    "MY======", "MZXQ====", "MZXW6===", "MZXW6YQ=", "=", /* padding */
    "MZ XQ", " MY", "MY ", "MY\n", "MZ\tXQ", /* white space */
    "M", "MZX", "MZXW6Y", "MZXW6YTBO",  /* lengths no encoder makes (1, 3, 6 mod 8) */
    "MZ", "MZXR", "MZXW7", "MZXW6YR", "MZXW6YTBOJ", /* non-zero trailing bits */
    "M0", "M1", "M8", "M9", "MY-A", "MY_A", "\xc3\x89\xc3\x89", "AB\x7f" "A",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_base32_rejected (bad[i]);
}

/* Every accepted string is the one encoding of its bytes: two characters carry 10 bits of
 * which only 8 are data, so exactly a quarter of the 1024 pairs are valid. */
static void
test_base32_canonical (void)
{
  guint accepted = 0;

  for (guint a = 0; a < 32; a++)
    for (guint b = 0; b < 32; b++)
      {
        char text[3] = { b32_alphabet[a], b32_alphabet[b], '\0' };
        g_autofree guint8 *decoded = NULL;
        gsize len = 0;

        decoded = bo_base32_decode (text, &len, NULL);
        g_assert_cmpint (decoded != NULL, ==, (b & 3) == 0);
        if (decoded != NULL)
          {
            g_autofree char *again = bo_base32_encode (decoded, len);

            g_assert_cmpuint (len, ==, 1);
            g_assert_cmpstr (again, ==, text);
            accepted++;
          }
      }
  g_assert_cmpuint (accepted, ==, 256);
}

/* ---- ticket secrets -------------------------------------------------------------------- */

typedef struct {
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
  guint8 sk[crypto_sign_SECRETKEYBYTES];
} KeyPair;

static void
make_keypair (KeyPair *kp)
{
  g_assert_cmpint (crypto_sign_keypair (kp->pk, kp->sk), ==, 0);
}

/* The test's own base32 decoder, written differently from the library's (bit by bit), so a
 * shared mistake is unlikely. */
static gsize
naive_base32_decode (const char *text,
                     guint8     *out,
                     gsize       out_size)
{
  gsize nbits = 0;

  memset (out, 0, out_size);
  for (const char *p = text; *p != '\0'; p++)
    {
      const char *where = strchr (b32_alphabet, *p);
      guint v;

      g_assert_nonnull (where);
      v = (guint) (where - b32_alphabet);
      for (int bit = 4; bit >= 0; bit--, nbits++)
        if (nbits / 8 < out_size && (v >> bit) & 1)
          out[nbits / 8] |= (guint8) (0x80 >> (nbits % 8));
    }
  return nbits / 8;
}

static void
test_ticket_roundtrip (void)
{
  static const BoTicketPayload payloads[] = {
    { 1, 2, 3, 4, { 5, 6, 7, 8 } },
    { 0, 0, 0, 0, { 0, 0, 0, 0 } },
    { G_MAXUINT32, G_MAXUINT32, G_MAXUINT32, G_MAXUINT32, { 0xff, 0xff, 0xff, 0xff } },
    { 0x01020304, 0xa0b0c0d0, 0x7fffffff, 0x80000000, { 0xde, 0xad, 0xbe, 0xef } },
  };
  KeyPair kp;

  make_keypair (&kp);
  for (gsize i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *secret = bo_ticket_secret_sign (&payloads[i], kp.sk);
      BoTicketPayload parsed, verified;
      guint8 signature[BO_TICKET_SIGNATURE_LEN];

      g_assert_nonnull (secret);
      g_assert_cmpuint (strlen (secret), ==, BO_TICKET_SECRET_LEN);
      g_assert_true (g_str_has_prefix (secret, "BT1"));
      g_assert_cmpuint (strspn (secret + 3, b32_alphabet), ==, BO_TICKET_SECRET_LEN - 3);
      g_assert_true (bo_ticket_secret_is_signed (secret));

      memset (&parsed, 0xaa, sizeof parsed);
      g_assert_true (bo_ticket_secret_parse (secret, &parsed, signature, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (parsed.device_id, ==, payloads[i].device_id);
      g_assert_cmpuint (parsed.event_id, ==, payloads[i].event_id);
      g_assert_cmpuint (parsed.ticket_type_id, ==, payloads[i].ticket_type_id);
      g_assert_cmpuint (parsed.serial, ==, payloads[i].serial);
      g_assert_cmpmem (parsed.nonce, 4, payloads[i].nonce, 4);

      memset (&verified, 0xaa, sizeof verified);
      g_assert_true (bo_ticket_secret_verify (secret, kp.pk, &verified, &error));
      g_assert_no_error (error);
      g_assert_cmpmem (&verified, sizeof verified, &parsed, sizeof parsed);
    }
}

static void
test_ticket_layout (void)
{
  const BoTicketPayload payload = { 0x01020304, 0x0a0b0c0d, 0xfffffffe, 0x00000102,
                                    { 0x11, 0x22, 0x33, 0x44 } };
  static const guint8 expected[BO_TICKET_PAYLOAD_LEN] = {
    0x01,
    0x01, 0x02, 0x03, 0x04,
    0x0a, 0x0b, 0x0c, 0x0d,
    0xff, 0xff, 0xff, 0xfe,
    0x00, 0x00, 0x01, 0x02,
    0x11, 0x22, 0x33, 0x44,
  };
  guint8 raw[85 + 1];
  guint8 own_signature[crypto_sign_BYTES];
  g_autofree char *secret = NULL;
  KeyPair kp;

  make_keypair (&kp);
  secret = bo_ticket_secret_sign (&payload, kp.sk);
  g_assert_cmpuint (strlen (secret), ==, 139);

  g_assert_cmpuint (naive_base32_decode (secret + 3, raw, sizeof raw), ==, 85);
  g_assert_cmpmem (raw, 21, expected, sizeof expected);
  /* Bare libsodium agrees that this is a signature of those 21 bytes... */
  g_assert_cmpint (crypto_sign_verify_detached (raw + 21, raw, 21, kp.pk), ==, 0);
  /* ...and, Ed25519 being deterministic, it is the very signature libsodium makes. */
  crypto_sign_detached (own_signature, NULL, expected, sizeof expected, kp.sk);
  g_assert_cmpmem (raw + 21, 64, own_signature, sizeof own_signature);
}

static void
test_ticket_wrong_key (void)
{
  const BoTicketPayload payload = { 7, 8, 9, 10, { 1, 2, 3, 4 } };
  g_autoptr (GError) error = NULL;
  g_autofree char *secret = NULL;
  BoTicketPayload parsed;
  KeyPair kp, other;

  make_keypair (&kp);
  make_keypair (&other);
  secret = bo_ticket_secret_sign (&payload, kp.sk);

  g_assert_false (bo_ticket_secret_verify (secret, other.pk, &parsed, &error));
  g_assert_error (error, BO_TICKET_SECRET_ERROR, BO_TICKET_SECRET_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);

  /* parse does not look at the signature */
  g_assert_true (bo_ticket_secret_parse (secret, &parsed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (parsed.serial, ==, 10);
}

static void
test_ticket_substitutions (void)
{
  /* The whole alphabet plus characters a scanner or a person might produce. */
  static const char candidates[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567abcz0189=-+/ \n";
  const BoTicketPayload payload = { 42, 1001, 2002, 31337, { 9, 8, 7, 6 } };
  g_autofree char *secret = NULL;
  guint tried = 0;
  KeyPair kp;

  make_keypair (&kp);
  secret = bo_ticket_secret_sign (&payload, kp.sk);
  g_assert_true (bo_ticket_secret_verify (secret, kp.pk, NULL, NULL));

  for (gsize pos = 0; pos < BO_TICKET_SECRET_LEN; pos++)
    for (const char *c = candidates; *c != '\0'; c++)
      {
        g_autofree char *changed = NULL;
        g_autoptr (GError) error = NULL;
        gboolean in_alphabet = strchr (b32_alphabet, *c) != NULL;

        if (secret[pos] == *c)
          continue;
        changed = g_strdup (secret);
        changed[pos] = *c;
        tried++;

        if (bo_ticket_secret_verify (changed, kp.pk, NULL, &error))
          g_error ("substitution at %" G_GSIZE_FORMAT " accepted: %s", pos, changed);
        g_assert_nonnull (error);
        g_assert_true (error->domain == BO_TICKET_SECRET_ERROR);

        if (pos < 3)
          g_assert_cmpint (error->code, ==, BO_TICKET_SECRET_ERROR_NOT_SIGNED);
        else if (!in_alphabet || pos == 3)
          /* a foreign character, or the first character, which holds 5 of the version
           * byte's bits */
          g_assert_cmpint (error->code, ==, BO_TICKET_SECRET_ERROR_MALFORMED);
        else if (pos >= 5)
          /* 136 characters are exactly 85 bytes: every bit of every later character is
           * payload or signature */
          g_assert_cmpint (error->code, ==, BO_TICKET_SECRET_ERROR_BAD_SIGNATURE);
        else
          g_assert_true (error->code == BO_TICKET_SECRET_ERROR_MALFORMED ||
                         error->code == BO_TICKET_SECRET_ERROR_BAD_SIGNATURE);
      }
  g_assert_cmpuint (tried, >, BO_TICKET_SECRET_LEN * 40);
}

static void
assert_secret_error (const char *text,
                     const guint8 *pk,
                     int          code)
{
  g_autoptr (GError) error = NULL;
  BoTicketPayload parsed;

  g_assert_false (bo_ticket_secret_parse (text, &parsed, NULL, &error));
  g_assert_error (error, BO_TICKET_SECRET_ERROR, code);
  g_assert_nonnull (error->message);
  g_clear_error (&error);

  g_assert_false (bo_ticket_secret_verify (text, pk, &parsed, &error));
  g_assert_error (error, BO_TICKET_SECRET_ERROR, code);
}

static void
test_ticket_hostile (void)
{
  const BoTicketPayload payload = { 1, 2, 3, 4, { 5, 6, 7, 8 } };
  g_autofree char *secret = NULL;
  g_autofree char *big = NULL;
  g_autofree char *big_signed = NULL;
  g_autofree char *binary = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *lower_body = NULL;
  g_autofree char *with_newline = NULL;
  g_autofree char *padded = NULL;
  g_autofree char *short_one = NULL;
  g_autofree char *utf8 = NULL;
  g_autofree char *version2 = NULL;
  g_autofree char *body = NULL;
  guint8 raw[85];
  KeyPair kp;

  make_keypair (&kp);
  secret = bo_ticket_secret_sign (&payload, kp.sk);

  assert_secret_error ("", kp.pk, BO_TICKET_SECRET_ERROR_NOT_SIGNED);
  assert_secret_error ("B", kp.pk, BO_TICKET_SECRET_ERROR_NOT_SIGNED);
  assert_secret_error ("BT", kp.pk, BO_TICKET_SECRET_ERROR_NOT_SIGNED);
  assert_secret_error ("BT1", kp.pk, BO_TICKET_SECRET_ERROR_MALFORMED);
  assert_secret_error ("BT2", kp.pk, BO_TICKET_SECRET_ERROR_NOT_SIGNED);
  assert_secret_error ("A1B2C3D4E5", kp.pk, BO_TICKET_SECRET_ERROR_NOT_SIGNED);
  assert_secret_error ("' OR 1=1; --", kp.pk, BO_TICKET_SECRET_ERROR_NOT_SIGNED);
  assert_secret_error ("BT1'; DROP TABLE tickets; --", kp.pk, BO_TICKET_SECRET_ERROR_MALFORMED);
  assert_secret_error ("BT1%s%s%s%n", kp.pk, BO_TICKET_SECRET_ERROR_MALFORMED);

  /* 10 KB: of base32 behind the prefix, of arbitrary bytes without it */
  big = g_strnfill (10 * 1024, 'A');
  assert_secret_error (big, kp.pk, BO_TICKET_SECRET_ERROR_NOT_SIGNED);
  big_signed = g_strconcat ("BT1", big, NULL);
  assert_secret_error (big_signed, kp.pk, BO_TICKET_SECRET_ERROR_MALFORMED);
  binary = g_malloc (10 * 1024 + 1);
  for (gsize i = 0; i < 10 * 1024; i++)
    binary[i] = (char) g_test_rand_int_range (1, 256);
  binary[10 * 1024] = '\0';
  binary[0] = '\x80';
  assert_secret_error (binary, kp.pk, BO_TICKET_SECRET_ERROR_NOT_SIGNED);
  /* right length, wrong bytes */
  memcpy (binary, "BT1", 3);
  binary[BO_TICKET_SECRET_LEN] = '\0';
  assert_secret_error (binary, kp.pk, BO_TICKET_SECRET_ERROR_MALFORMED);

  lower = g_ascii_strdown (secret, -1);
  assert_secret_error (lower, kp.pk, BO_TICKET_SECRET_ERROR_NOT_SIGNED);
  lower_body = g_strconcat ("BT1", lower + 3, NULL);
  assert_secret_error (lower_body, kp.pk, BO_TICKET_SECRET_ERROR_MALFORMED);

  with_newline = g_strconcat (secret, "\n", NULL);
  assert_secret_error (with_newline, kp.pk, BO_TICKET_SECRET_ERROR_MALFORMED);
  padded = g_strconcat (secret, "=", NULL);
  assert_secret_error (padded, kp.pk, BO_TICKET_SECRET_ERROR_MALFORMED);
  short_one = g_strndup (secret, BO_TICKET_SECRET_LEN - 1);
  assert_secret_error (short_one, kp.pk, BO_TICKET_SECRET_ERROR_MALFORMED);
  /* right byte length, but one character is two UTF-8 bytes */
  utf8 = g_strdup (secret);
  memcpy (utf8 + 50, "\xc3\x89", 2);
  assert_secret_error (utf8, kp.pk, BO_TICKET_SECRET_ERROR_MALFORMED);

  /* A correctly signed payload with an unknown version is refused before the signature. */
  g_assert_cmpuint (naive_base32_decode (secret + 3, raw, sizeof raw), ==, 85);
  raw[0] = 0x02;
  crypto_sign_detached (raw + 21, NULL, raw, 21, kp.sk);
  body = bo_base32_encode (raw, sizeof raw);
  version2 = g_strconcat ("BT1", body, NULL);
  g_assert_cmpuint (strlen (version2), ==, BO_TICKET_SECRET_LEN);
  assert_secret_error (version2, kp.pk, BO_TICKET_SECRET_ERROR_MALFORMED);

  g_assert_false (bo_ticket_secret_is_signed (""));
  g_assert_false (bo_ticket_secret_is_signed ("bt1AAAA"));
  g_assert_true (bo_ticket_secret_is_signed ("BT1"));
}

/* NULL is a programming error: a critical and a FALSE/NULL return, never a crash. */
static void
test_ticket_null (void)
{
  if (g_test_subprocess ())
    {
      KeyPair kp;
      BoTicketPayload parsed;

      /* the test environment makes criticals fatal; here they are the expected outcome */
      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      make_keypair (&kp);
      g_assert_false (bo_ticket_secret_parse (NULL, &parsed, NULL, NULL));
      g_assert_false (bo_ticket_secret_verify (NULL, kp.pk, &parsed, NULL));
      g_assert_false (bo_ticket_secret_verify ("BT1", NULL, &parsed, NULL));
      g_assert_false (bo_ticket_secret_is_signed (NULL));
      g_assert_null (bo_ticket_secret_sign (NULL, kp.sk));
      g_assert_null (bo_base32_decode (NULL, NULL, NULL));
      g_assert_false (bo_pin_verify (NULL, "1234"));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*CRITICAL*");
}

/* ---- PINs ------------------------------------------------------------------------------ */

static void
test_pin_valid (void)
{
  static const char * const good[] = { "1234", "0000", "123456789012", "9876543" };
  static const char * const bad[] = {
    "", "1", "123", "1234567890123", "12a4", " 1234", "1234 ", "1234\n", "-123", "+1234",
    "12.34", "\xd9\xa1\xd9\xa2\xd9\xa3\xd9\xa4", /* Arabic-Indic digits */
    "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94", /* full-width digits */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_true (bo_pin_is_valid (good[i], &error));
      g_assert_no_error (error);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      if (bo_pin_is_valid (bad[i], &error))
        g_error ("PIN \"%s\" accepted", bad[i]);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_pin_hash (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *again = NULL;
  char argon2i[crypto_pwhash_STRBYTES];
  gint64 start, elapsed;

  start = g_get_monotonic_time ();
  hash = bo_pin_hash ("1234", &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_assert_nonnull (hash);
  g_test_message ("one PIN hash took %" G_GINT64_FORMAT " ms", elapsed / 1000);

  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  /* the cost chosen in bo-pin.c: 64 MiB, 2 passes */
  g_assert_nonnull (strstr (hash, "$m=65536,t=2,p=1$"));

  g_assert_true (bo_pin_verify (hash, "1234"));
  g_assert_false (bo_pin_verify (hash, "1235"));
  g_assert_false (bo_pin_verify (hash, "12345"));
  g_assert_false (bo_pin_verify (hash, "123"));
  g_assert_false (bo_pin_verify (hash, ""));

  /* salted: the same PIN never gives the same string */
  again = bo_pin_hash ("1234", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hash, !=, again);
  g_assert_true (bo_pin_verify (again, "1234"));

  /* malformed or foreign hashes are refused, not crashed on */
  g_assert_false (bo_pin_verify ("", "1234"));
  g_assert_false (bo_pin_verify ("1234", "1234"));
  g_assert_false (bo_pin_verify ("$argon2id$", "1234"));
  g_assert_false (bo_pin_verify ("$argon2id$v=19$m=65536,t=2,p=1$AAAA$BBBB", "1234"));
  g_assert_cmpint (crypto_pwhash_str_alg (argon2i, "1234", 4, 3, 8 << 20,
                                          crypto_pwhash_ALG_ARGON2I13), ==, 0);
  g_assert_false (bo_pin_verify (argon2i, "1234"));
}

/* ---- device ---------------------------------------------------------------------------- */

static void
test_device_create_and_reload (BoTestFixture *fx,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoDevice) again = NULL;
  g_autoptr (BoStore) other = NULL;
  g_autoptr (BoDevice) from_other = NULL;
  g_autofree guint8 *looked_up = NULL;
  gboolean revoked = TRUE;
  guint8 signature[64];
  static const guint8 message[] = "the quick brown fox";

  g_assert_cmpuint (bo_device_get_id (fx->device), ==, 0);
  g_assert_null (bo_device_get_name (fx->device));
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM device"), ==, 1);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT next_serial FROM device"), ==, 1);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM device_keys"), ==, 1);
  g_assert_cmpint (bo_test_query_int (fx->store,
                                      "SELECT count(*) FROM device "
                                      "WHERE created_at LIKE '____-__-__T__:__:__Z'"),
                   ==, 1);

  /* the same store and a second connection both load the same identity */
  again = bo_device_load (fx->store, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (bo_device_get_public_key (again), 32, bo_device_get_public_key (fx->device), 32);
  other = bo_store_open (fx->path, &error);
  g_assert_no_error (error);
  from_other = bo_device_load (other, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (bo_device_get_public_key (from_other), 32,
                   bo_device_get_public_key (fx->device), 32);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM device"), ==, 1);

  looked_up = bo_device_lookup_key (fx->store, 0, &revoked, &error);
  g_assert_no_error (error);
  g_assert_nonnull (looked_up);
  g_assert_false (revoked);
  g_assert_cmpmem (looked_up, 32, bo_device_get_public_key (fx->device), 32);
  g_assert_null (bo_device_lookup_key (fx->store, 77, &revoked, &error));
  g_assert_no_error (error);

  /* signatures of one load verify with the key of another */
  bo_device_sign (fx->device, message, sizeof message, signature);
  g_assert_cmpint (crypto_sign_verify_detached (signature, message, sizeof message,
                                                bo_device_get_public_key (from_other)), ==, 0);
}

static void
test_device_secret (BoTestFixture *fx,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *second = NULL;
  BoTicketPayload payload;

  secret = bo_device_make_secret (fx->device, 11, 22, 33);
  g_assert_cmpuint (strlen (secret), ==, BO_TICKET_SECRET_LEN);
  g_assert_true (bo_ticket_secret_verify (secret, bo_device_get_public_key (fx->device),
                                          &payload, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (payload.device_id, ==, 0);
  g_assert_cmpuint (payload.event_id, ==, 11);
  g_assert_cmpuint (payload.ticket_type_id, ==, 22);
  g_assert_cmpuint (payload.serial, ==, 33);

  /* same fields, fresh nonce: a different secret */
  second = bo_device_make_secret (fx->device, 11, 22, 33);
  g_assert_cmpstr (secret, !=, second);
}

static void
test_device_serials (BoTestFixture *fx,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  guint32 first = 0;

  g_assert_true (bo_store_begin (fx->store, &error));
  g_assert_true (bo_device_take_serials (fx->device, fx->store, 3, &first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (first, ==, 1);
  g_assert_true (bo_device_take_serials (fx->device, fx->store, 1, &first, &error));
  g_assert_cmpuint (first, ==, 4);
  g_assert_true (bo_store_commit (fx->store, &error));
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT next_serial FROM device"), ==, 5);

  /* a rolled-back reservation gives its serials back */
  g_assert_true (bo_store_begin (fx->store, &error));
  g_assert_true (bo_device_take_serials (fx->device, fx->store, 10, &first, &error));
  g_assert_cmpuint (first, ==, 5);
  bo_store_rollback (fx->store);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT next_serial FROM device"), ==, 5);

  /* the end of the u32 space: 4294967295 is the last serial there is */
  g_assert_true (bo_store_exec (fx->store, "UPDATE device SET next_serial = 4294967294", &error));
  g_assert_true (bo_store_begin (fx->store, &error));
  g_assert_false (bo_device_take_serials (fx->device, fx->store, 3, &first, &error));
  g_assert_error (error, BO_DEVICE_ERROR, BO_DEVICE_ERROR_SERIALS_EXHAUSTED);
  g_clear_error (&error);
  g_assert_true (bo_device_take_serials (fx->device, fx->store, 2, &first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (first, ==, 4294967294u);
  g_assert_false (bo_device_take_serials (fx->device, fx->store, 1, &first, &error));
  g_assert_error (error, BO_DEVICE_ERROR, BO_DEVICE_ERROR_SERIALS_EXHAUSTED);
  g_clear_error (&error);
  g_assert_true (bo_store_commit (fx->store, &error));
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT next_serial FROM device"), ==,
                   G_GINT64_CONSTANT (4294967296));
}

static void
test_device_serials_need_transaction (BoTestFixture *fx,
                                      gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      guint32 first = 0;

      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      g_assert_false (bo_device_take_serials (fx->device, fx->store, 1, &first, NULL));
      g_assert_cmpint (bo_test_query_int (fx->store, "SELECT next_serial FROM device"), ==, 1);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*CRITICAL*in_transaction*");
}

static void
test_device_registration (BoTestFixture *fx,
                          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoDevice) reloaded = NULL;
  g_autofree guint8 *key = NULL;
  g_autofree char *secret = NULL;
  BoTicketPayload payload;
  gboolean revoked = TRUE;

  /* another device's key, as GET /keys would store it; revoked */
  g_assert_true (bo_store_exec (fx->store,
                                "INSERT INTO device_keys (device_id, public_key, revoked_at) "
                                "VALUES (5, zeroblob (32), '2026-01-01T00:00:00Z')",
                                &error));

  g_assert_true (bo_store_begin (fx->store, &error));
  g_assert_true (bo_device_set_registration (fx->device, fx->store, 4000000000u, "Counter 1",
                                             &error));
  g_assert_no_error (error);
  g_assert_true (bo_store_commit (fx->store, &error));

  g_assert_cmpuint (bo_device_get_id (fx->device), ==, 4000000000u);
  g_assert_cmpstr (bo_device_get_name (fx->device), ==, "Counter 1");
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT server_device_id FROM device"), ==,
                   4000000000);
  g_assert_cmpint (bo_test_query_int (fx->store,
                                      "SELECT count(*) FROM device_keys WHERE device_id = 0"),
                   ==, 0);

  key = bo_device_lookup_key (fx->store, 4000000000u, &revoked, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_assert_false (revoked);
  g_assert_cmpmem (key, 32, bo_device_get_public_key (fx->device), 32);
  g_clear_pointer (&key, g_free);
  key = bo_device_lookup_key (fx->store, 5, &revoked, &error);
  g_assert_nonnull (key);
  g_assert_true (revoked);

  secret = bo_device_make_secret (fx->device, 1, 2, 3);
  g_assert_true (bo_ticket_secret_parse (secret, &payload, NULL, &error));
  g_assert_cmpuint (payload.device_id, ==, 4000000000u);

  reloaded = bo_device_load (fx->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bo_device_get_id (reloaded), ==, 4000000000u);
  g_assert_cmpstr (bo_device_get_name (reloaded), ==, "Counter 1");
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM device_keys"), ==, 2);
}

static void
test_device_damaged (BoTestFixture *fx,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoDevice) device = NULL;

  /* a secret key that does not belong to the public key next to it */
  g_assert_true (bo_store_exec (fx->store,
                                "UPDATE device SET secret_key = zeroblob (64)", &error));
  device = bo_device_load (fx->store, &error);
  g_assert_null (device);
  g_assert_error (error, BO_DEVICE_ERROR, BO_DEVICE_ERROR_DAMAGED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add_func ("/bo/secrets/base32/vectors", test_base32_vectors);
  g_test_add_func ("/bo/secrets/base32/roundtrip", test_base32_roundtrip);
  g_test_add_func ("/bo/secrets/base32/strict", test_base32_strict);
  g_test_add_func ("/bo/secrets/base32/canonical", test_base32_canonical);
  g_test_add_func ("/bo/secrets/ticket/roundtrip", test_ticket_roundtrip);
  g_test_add_func ("/bo/secrets/ticket/layout", test_ticket_layout);
  g_test_add_func ("/bo/secrets/ticket/wrong-key", test_ticket_wrong_key);
  g_test_add_func ("/bo/secrets/ticket/substitutions", test_ticket_substitutions);
  g_test_add_func ("/bo/secrets/ticket/hostile", test_ticket_hostile);
  g_test_add_func ("/bo/secrets/ticket/null", test_ticket_null);
  g_test_add_func ("/bo/secrets/pin/valid", test_pin_valid);
  g_test_add_func ("/bo/secrets/pin/hash", test_pin_hash);

#define ADD_DEVICE_TEST(path, func) \
  g_test_add ("/bo/secrets/device/" path, BoTestFixture, GINT_TO_POINTER (FALSE), \
              bo_test_fixture_setup, func, bo_test_fixture_teardown)
  ADD_DEVICE_TEST ("create-and-reload", test_device_create_and_reload);
  ADD_DEVICE_TEST ("secret", test_device_secret);
  ADD_DEVICE_TEST ("serials", test_device_serials);
  ADD_DEVICE_TEST ("serials-need-transaction", test_device_serials_need_transaction);
  ADD_DEVICE_TEST ("registration", test_device_registration);
  ADD_DEVICE_TEST ("damaged", test_device_damaged);
#undef ADD_DEVICE_TEST

  return g_test_run ();
}
