/* test-journal-export.c — the journal export an auditor receives, and its verification
 *
 * Sales, refunds and closings are made through the core; the export is then checked by the
 * core's verifier, by the CLI, and by the documented stand-alone recipe
 * (tests/verify-journal-export.py: Python's hashlib and the openssl command), and every kind
 * of damage — a changed byte anywhere, a cut, a foreign key, figures that do not add up —
 * must be caught.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>
#include <sodium.h>
#include <string.h>

#include "bo-test-util.h"
#include "domain/bo-journal.h"
#include "domain/bo-journal-export.h"
#include "domain/bo-refund.h"
#include "domain/bo-sale.h"
#include "domain/bo-shift.h"

#define EVENT     1
#define STANDING  11
#define SEATED    12

typedef struct {
  gint64 sales;   /* paid (not complimentary) */
  gint64 refunds;
} Takings;

static gint64
price_of (BoTestFixture *fx,
          gint64         type)
{
  g_autofree char *sql = g_strdup_printf ("SELECT price + fee FROM ticket_types WHERE id = %"
                                          G_GINT64_FORMAT, type);

  return bo_test_query_int (fx->store, sql);
}

static BoOrder *
sell (BoTestFixture   *fx,
      BoOperator      *op,
      gint64           type,
      guint            quantity,
      BoPaymentMethod  method)
{
  g_autoptr (BoSale) sale = bo_sale_new (EVENT);
  g_autoptr (GError) error = NULL;
  BoOrder *order;

  g_assert_true (bo_sale_add_tickets (sale, type, quantity, &error));
  bo_sale_add_payment (sale, method, BO_PAYMENT_REST, -1, NULL);
  order = bo_sale_commit (sale, fx->store, fx->device, op, &error);
  g_assert_no_error (error);
  return order;
}

/* Two shifts: cash, card and complimentary sales, a refund, a void; both closed. */
static void
make_history (BoTestFixture *fx,
              Takings       *t)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoShift) s1 = NULL;
  g_autoptr (BoShift) c1 = NULL;
  g_autoptr (BoShift) s2 = NULL;
  g_autoptr (BoShift) c2 = NULL;
  g_autoptr (BoOrder) a = NULL;
  g_autoptr (BoOrder) b = NULL;
  g_autoptr (BoOrder) c = NULL;
  g_autoptr (BoOrder) d = NULL;
  g_autoptr (BoRefund) r = NULL;
  g_autoptr (BoRefund) v = NULL;
  gint64 standing = price_of (fx, STANDING), seated = price_of (fx, SEATED);

  memset (t, 0, sizeof *t);
  s1 = bo_shift_open (fx->store, fx->device, fx->cashier, 10000, &error);
  g_assert_no_error (error);
  a = sell (fx, fx->cashier, STANDING, 2, BO_PAYMENT_CASH);
  b = sell (fx, fx->cashier, SEATED, 1, BO_PAYMENT_CARD);
  c = sell (fx, fx->manager, STANDING, 1, BO_PAYMENT_FREE);
  t->sales += 2 * standing + seated;
  r = bo_refund_order (fx->store, fx->device, fx->manager, bo_order_get_uuid (b), NULL, "ill",
                       &error);
  g_assert_no_error (error);
  t->refunds += seated;
  c1 = bo_shift_close (fx->store, fx->device, fx->manager, 10000 + 2 * standing, &error);
  g_assert_no_error (error);

  s2 = bo_shift_open (fx->store, fx->device, fx->cashier, 0, &error);
  g_assert_no_error (error);
  d = sell (fx, fx->cashier, SEATED, 2, BO_PAYMENT_CASH);
  t->sales += 2 * seated;
  v = bo_void_order (fx->store, fx->device, fx->manager, bo_order_get_uuid (d), NULL, &error);
  g_assert_no_error (error);
  t->refunds += 2 * seated;
  c2 = bo_shift_close (fx->store, fx->device, fx->manager, 0, &error);
  g_assert_no_error (error);
}

static GBytes *
export_bytes (BoTestFixture *fx)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autofree char *head = NULL;
  gint64 entries = -1;

  g_assert_true (bo_journal_export (fx->store, fx->device, out, &entries, &head, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (entries, ==, bo_test_query_int (fx->store, "SELECT count (*) FROM journal"));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static gboolean
verify_bytes (const guint8   *data,
              gsize           len,
              const guint8   *key,
              BoJournalAudit *audit,
              GError        **error)
{
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_data (data, len, NULL);

  return bo_journal_export_verify (in, key, audit, NULL, error);
}

static void
test_roundtrip (BoTestFixture *fx,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *path = g_build_filename (fx->dir, "journal.jsonl", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *head = NULL;
  g_auto (GStrv) lines = NULL;
  char key_hex[65];
  BoJournalAudit audit;
  JsonObject *header;
  Takings t;
  gint64 count, head_seq = 0, entries = 0;

  make_history (fx, &t);
  count = bo_test_query_int (fx->store, "SELECT count (*) FROM journal");
  head = bo_journal_head (fx->store, &head_seq, &error);

  g_assert_true (bo_journal_export_to_file (fx->store, fx->device, path, &entries, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (entries, ==, count);

  g_assert_true (bo_journal_export_verify_file (path, bo_device_get_public_key (fx->device),
                                                &audit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (audit.entries, ==, count);
  g_assert_cmpstr (audit.head, ==, head);
  g_assert_cmpint (audit.closings, ==, 2);
  g_assert_cmpint (audit.closings_with_totals, ==, 2);
  g_assert_cmpint (audit.grand_total_sales, ==, t.sales);
  g_assert_cmpint (audit.grand_total_refunds, ==, t.refunds);
  g_assert_cmpint (audit.grand_total_net, ==, t.sales - t.refunds);
  g_assert_cmpint (audit.bad_seq, ==, 0);
  g_assert_true (memcmp (audit.public_key, bo_device_get_public_key (fx->device), 32) == 0);

  /* The file: a header, one line per entry with the payload exactly as stored, a seal. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_true (g_str_has_suffix (contents, "\"}\n"));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, count + 3); /* + header, seal, empty tail */
  g_assert_true (json_parser_load_from_data (parser, lines[0], -1, &error));
  header = json_node_get_object (json_parser_get_root (parser));
  sodium_bin2hex (key_hex, sizeof key_hex, bo_device_get_public_key (fx->device), 32);
  g_assert_cmpstr (json_object_get_string_member (header, "format"), ==,
                   "bilten-boxoffice-journal");
  g_assert_cmpstr (json_object_get_string_member (header, "public_key"), ==, key_hex);
  g_assert_cmpint (json_object_get_int_member (header, "entries"), ==, count);
  g_assert_cmpstr (json_object_get_string_member (header, "head"), ==, head);
  for (gint64 seq = 1; seq <= count; seq++)
    {
      g_autoptr (JsonParser) p = json_parser_new ();
      g_autofree char *sql = g_strdup_printf ("SELECT length (payload) FROM journal WHERE seq = %"
                                              G_GINT64_FORMAT, seq);
      JsonObject *entry;

      g_assert_true (json_parser_load_from_data (p, lines[seq], -1, &error));
      entry = json_node_get_object (json_parser_get_root (p));
      g_assert_cmpint (json_object_get_int_member (entry, "seq"), ==, seq);
      g_assert_cmpint (g_utf8_strlen (json_object_get_string_member (entry, "payload"), -1), ==,
                       bo_test_query_int (fx->store, sql));
    }
  g_assert_true (g_str_has_prefix (lines[count + 1], "{\"export_signature\":\""));
}

static void
test_empty (BoTestFixture *fx,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = export_bytes (fx);
  BoJournalAudit audit;

  g_assert_true (verify_bytes (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               bo_device_get_public_key (fx->device), &audit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (audit.entries, ==, 0);
  g_assert_cmpstr (audit.head, ==, "");
}

static void
assert_broken (const guint8 *data,
               gsize         len,
               const guint8 *key,
               gsize         where)
{
  g_autoptr (GError) error = NULL;
  BoJournalAudit audit;

  if (verify_bytes (data, len, key, &audit, &error))
    g_error ("a change at byte %" G_GSIZE_FORMAT " (“%c”) went unnoticed", where,
             g_ascii_isprint (data[where]) ? data[where] : '?');
  g_assert_error (error, BO_JOURNAL_ERROR, BO_JOURNAL_ERROR_BROKEN);
}

/* One changed byte, anywhere: header, entries, payload text, hashes, signatures, the seal,
 * line ends. Every byte of the first and last lines and of one whole entry, and every
 * seventh byte elsewhere, each changed in two ways. */
static void
test_changed_byte (BoTestFixture *fx,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  const guint8 *key = bo_device_get_public_key (fx->device);
  const guint8 *orig;
  g_autofree guint8 *copy = NULL;
  gsize len, first_end, seal_start, entry_start, entry_end;
  Takings t;
  guint tried = 0;

  make_history (fx, &t);
  bytes = export_bytes (fx);
  orig = g_bytes_get_data (bytes, &len);
  g_assert_true (verify_bytes (orig, len, key, NULL, &error));
  g_assert_no_error (error);

  first_end = (const guint8 *) memchr (orig, '\n', len) - orig;
  for (seal_start = len - 1; seal_start > 0 && orig[seal_start - 1] != '\n'; seal_start--)
    ;
  entry_start = first_end + 1;
  entry_end = (const guint8 *) memchr (orig + entry_start, '\n', len - entry_start) - orig;
  entry_start = entry_end + 1; /* the second entry: a sale, with amounts in its payload */
  entry_end = (const guint8 *) memchr (orig + entry_start, '\n', len - entry_start) - orig;

  copy = g_memdup2 (orig, len);
  for (gsize i = 0; i < len; i++)
    {
      static const guint8 flips[] = { 0x01, 0x20 };

      if (!(i <= first_end || i >= seal_start || (i >= entry_start && i <= entry_end) ||
            i % 7 == 0))
        continue;
      /* The very last byte: a file may end without its final newline. */
      if (i == len - 1)
        continue;
      for (gsize f = 0; f < G_N_ELEMENTS (flips); f++)
        {
          copy[i] = orig[i] ^ flips[f];
          assert_broken (copy, len, key, i);
          copy[i] = orig[i];
          tried++;
        }
    }
  g_test_message ("%u changed bytes caught", tried);
  g_assert_cmpuint (tried, >, len / 3);

  /* Cut after an entry (seal gone), the seal alone removed, the last entry removed. */
  assert_broken (orig, seal_start, key, seal_start - 1);
  assert_broken (orig, entry_end + 1, key, entry_end);
  {
    g_autoptr (GByteArray) spliced = g_byte_array_new ();
    gsize last_start;

    for (last_start = seal_start - 1; last_start > 0 && orig[last_start - 1] != '\n'; last_start--)
      ;
    g_byte_array_append (spliced, orig, last_start);
    g_byte_array_append (spliced, orig + seal_start, len - seal_start);
    assert_broken (spliced->data, spliced->len, key, last_start);
  }
}

static void
test_other_key (BoTestFixture *fx,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  guint8 other[32], other_secret[64];
  BoJournalAudit audit;
  Takings t;

  make_history (fx, &t);
  bytes = export_bytes (fx);
  crypto_sign_keypair (other, other_secret);

  g_assert_false (verify_bytes (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), other,
                                &audit, &error));
  g_assert_error (error, BO_JOURNAL_ERROR, BO_JOURNAL_ERROR_BROKEN);
  g_assert_nonnull (strstr (error->message, "another device key"));
  g_clear_error (&error);
  /* Without an expected key the export's own key is used (and reported to be compared). */
  g_assert_true (verify_bytes (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL,
                               &audit, &error));
  g_assert_no_error (error);
  g_assert_true (memcmp (audit.public_key, bo_device_get_public_key (fx->device), 32) == 0);
}

static void
append_entry (BoTestFixture *fx,
              const char    *kind,
              const char    *ref,
              const char    *payload,
              gint64        *out_seq)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (bo_store_begin (fx->store, &error));
  g_assert_true (bo_journal_append (fx->store, fx->device, kind, ref, payload, out_seq, &error));
  g_assert_no_error (error);
  g_assert_true (bo_store_commit (fx->store, &error));
}

/* A closing whose grand totals do not continue the previous one's is properly signed and
 * chained, so the store's own check passes; the export's verifier re-adds the figures and
 * does not. */
static void
test_forged_totals (BoTestFixture *fx,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *close = NULL;
  BoJournalAudit audit;
  Takings t;
  gint64 open_seq = 0, close_seq = 0, count = 0, bad = 0;
  const char *uuid = "6c0c2b4e-0000-4000-8000-000000000001";

  make_history (fx, &t);
  append_entry (fx, BO_JOURNAL_SHIFT_OPEN, uuid, "{\"uuid\":\"x\",\"float\":0}", &open_seq);
  close = g_strdup_printf ("{\"first_journal_seq\":%" G_GINT64_FORMAT ",\"sales\":0,\"refunds\":0,"
                           "\"grand_total_sales\":0,\"grand_total_refunds\":0,"
                           "\"grand_total_net\":0}", open_seq);
  append_entry (fx, BO_JOURNAL_SHIFT_CLOSE, uuid, close, &close_seq);

  g_assert_true (bo_journal_verify (fx->store, bo_device_get_public_key (fx->device), &count,
                                    &bad, &error));
  g_assert_no_error (error);

  bytes = export_bytes (fx);
  g_assert_false (verify_bytes (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                bo_device_get_public_key (fx->device), &audit, &error));
  g_assert_error (error, BO_JOURNAL_ERROR, BO_JOURNAL_ERROR_BROKEN);
  g_assert_nonnull (strstr (error->message, "grand totals do not continue"));
  g_assert_cmpint (audit.bad_seq, ==, close_seq);
  g_assert_cmpint (audit.bad_line, ==, close_seq + 1);
}

/* A closing that claims less than its shift's sales entries add up to. */
static void
test_understated_shift (BoTestFixture *fx,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *close = NULL;
  BoJournalAudit audit;
  Takings t;
  gint64 open_seq = 0, close_seq = 0;
  const char *uuid = "6c0c2b4e-0000-4000-8000-000000000002";

  make_history (fx, &t);
  append_entry (fx, BO_JOURNAL_SHIFT_OPEN, uuid, "{\"float\":0}", &open_seq);
  append_entry (fx, BO_JOURNAL_SALE, "6c0c2b4e-0000-4000-8000-00000000000a",
                "{\"payments\":[{\"method\":\"cash\",\"amount\":5000}]}", NULL);
  close = g_strdup_printf ("{\"first_journal_seq\":%" G_GINT64_FORMAT ",\"sales\":0,\"refunds\":0,"
                           "\"grand_total_sales\":%" G_GINT64_FORMAT ",\"grand_total_refunds\":%"
                           G_GINT64_FORMAT ",\"grand_total_net\":%" G_GINT64_FORMAT "}",
                           open_seq, t.sales, t.refunds, t.sales - t.refunds);
  append_entry (fx, BO_JOURNAL_SHIFT_CLOSE, uuid, close, &close_seq);

  bytes = export_bytes (fx);
  g_assert_false (verify_bytes (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL,
                                &audit, &error));
  g_assert_error (error, BO_JOURNAL_ERROR, BO_JOURNAL_ERROR_BROKEN);
  g_assert_nonnull (strstr (error->message, "differ from the entries of its shift"));
  g_assert_cmpint (audit.bad_seq, ==, close_seq);
}

static void
flip_byte_in_file (const char *path,
                   const char *needle)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  char *hit;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  hit = strstr (contents, needle);
  g_assert_nonnull (hit);
  hit[strlen (needle) - 1] ^= 0x01;
  g_assert_true (g_file_set_contents (path, contents, len, &error));
}

static void
test_cli (BoTestFixture *fx,
          gconstpointer  data)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fx->dir, "export.jsonl", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  char key_hex[65];
  JsonObject *root;
  Takings t;

  make_history (fx, &t);
  sodium_bin2hex (key_hex, sizeof key_hex, bo_device_get_public_key (fx->device), 32);

  {
    const char *argv[] = { "--db", fx->path, "--json", "journal", "export", "--out", path, NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 0);
    g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (root, "public_key"), ==, key_hex);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  /* An auditor needs no database. */
  {
    const char *argv[] = { "--json", "journal", "verify", "--export", path, "--public-key", key_hex,
                           NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 0);
    g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_true (json_object_get_boolean_member (root, "ok"));
    g_assert_true (json_object_get_boolean_member (root, "key_checked"));
    g_assert_cmpint (json_object_get_int_member (root, "closings_with_totals"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root,
                                                                                "grand_totals"),
                                                 "net"), ==, t.sales - t.refunds);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { "journal", "verify", "--export", path, "--public-key", "00", NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 2);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* One amount changed in the file: exit 1, "journal_broken", the entry and the line. */
  flip_byte_in_file (path, "\\\"float\\\":1");
  {
    const char *argv[] = { "--json", "journal", "verify", "--export", path, NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 1);
    g_assert_true (json_parser_load_from_data (parser, err, -1, &error));
    root = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                          "error");
    g_assert_cmpstr (json_object_get_string_member (root, "code"), ==, "journal_broken");
    g_assert_cmpint (json_object_get_int_member (root, "seq"), >, 0);
    g_assert_cmpint (json_object_get_int_member (root, "line"), ==,
                     json_object_get_int_member (root, "seq") + 1);
  }
}

/* The recipe README.md gives auditors: Python's standard library and the openssl command. */
static void
test_python_recipe (BoTestFixture *fx,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "verify-journal-export.py", NULL);
  g_autofree char *path = g_build_filename (fx->dir, "audit.jsonl", NULL);
  g_autofree char *key_hex = g_malloc (65);
  Takings t;

  if (g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_free (python);
      python = g_strdup ("/usr/bin/python3");
    }
  if (python == NULL || openssl == NULL)
    {
      g_test_skip ("python3 or openssl is not installed");
      return;
    }
  make_history (fx, &t);
  g_assert_true (bo_journal_export_to_file (fx->store, fx->device, path, NULL, NULL, &error));
  sodium_bin2hex (key_hex, 65, bo_device_get_public_key (fx->device), 32);

  for (int round = 0; round < 2; round++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char *argv[] = { python, script, path, key_hex, NULL };
      int status = 0;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                    &error);
      g_assert_no_error (error);
      if (round == 0)
        {
          gint64 count = bo_test_query_int (fx->store, "SELECT count (*) FROM journal");
          g_autofree char *expected = g_strdup_printf ("OK: %" G_GINT64_FORMAT " entries", count);

          if (!g_spawn_check_wait_status (status, NULL))
            g_error ("the recipe failed: %s%s", out, err);
          g_assert_true (g_str_has_prefix (out, expected));
          g_assert_nonnull (strstr (out, "2 closings with grand totals"));
          flip_byte_in_file (path, "\"kind\":\"refun");
        }
      else
        {
          g_assert_false (g_spawn_check_wait_status (status, NULL));
          g_assert_true (g_str_has_prefix (out, "BROKEN"));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

#define ADD(path, func, demo) \
  g_test_add (path, BoTestFixture, GINT_TO_POINTER (demo), bo_test_fixture_setup, func, \
              bo_test_fixture_teardown)
  ADD ("/bo/journal-export/roundtrip", test_roundtrip, TRUE);
  ADD ("/bo/journal-export/empty", test_empty, FALSE);
  ADD ("/bo/journal-export/changed-byte", test_changed_byte, TRUE);
  ADD ("/bo/journal-export/other-key", test_other_key, TRUE);
  ADD ("/bo/journal-export/forged-totals", test_forged_totals, TRUE);
  ADD ("/bo/journal-export/understated-shift", test_understated_shift, TRUE);
  ADD ("/bo/journal-export/cli", test_cli, TRUE);
  ADD ("/bo/journal-export/python-recipe", test_python_recipe, TRUE);
#undef ADD

  return g_test_run ();
}
