/* bo-journal-export.c — the journal as JSON lines for auditors, and its verifier
 *
 * The verifier recomputes hashes from the definition documented in bo-journal.c and
 * README.md, in its own code rather than by calling the journal's writer: an export made by
 * the writer and accepted here shows that the documentation an auditor follows matches what
 * the counter really does (the tests check exactly that).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "domain/bo-journal-export.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sodium.h>
#include <string.h>

#include "domain/bo-crypto.h"
#include "domain/bo-outbox.h"
#include "domain/bo-time.h"

#define HASH_LEN     32
#define KEY_LEN      32
#define SIG_LEN      64
#define MAX_LINE     (16 * 1024 * 1024)

static const char zero_hash_hex[] =
  "0000000000000000000000000000000000000000000000000000000000000000";

/* Export */

/* Writes one line and adds its bytes to the seal. */
static gboolean
write_line (GOutputStream            *out,
            crypto_generichash_state *seal,
            JsonBuilder              *builder,
            GCancellable             *cancellable,
            GError                  **error)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = bo_json_to_string (root);
  g_autofree char *line = g_strconcat (text, "\n", NULL);
  gsize len = strlen (line);

  if (seal != NULL)
    crypto_generichash_update (seal, (const guint8 *) line, len);
  return g_output_stream_write_all (out, line, len, NULL, cancellable, error);
}

static void
seal_init (crypto_generichash_state *seal)
{
  crypto_generichash_init (seal, NULL, 0, HASH_LEN);
  crypto_generichash_update (seal, (const guint8 *) BO_JOURNAL_EXPORT_SEAL,
                             strlen (BO_JOURNAL_EXPORT_SEAL));
}

gboolean
bo_journal_export (BoStore        *store,
                   BoDevice       *device,
                   GOutputStream  *out,
                   gint64         *out_entries,
                   char          **out_head,
                   GCancellable   *cancellable,
                   GError        **error)
{
  g_autoptr (JsonBuilder) header = json_builder_new ();
  g_autoptr (JsonBuilder) trailer = json_builder_new ();
  g_autofree char *head = NULL;
  g_autofree char *now = bo_time_now_iso ();
  char key_hex[KEY_LEN * 2 + 1];
  char sig_hex[SIG_LEN * 2 + 1];
  guint8 digest[HASH_LEN], signature[SIG_LEN];
  crypto_generichash_state seal;
  sqlite3_stmt *stmt;
  gint64 head_seq = 0, count = 0;
  int rc;

  g_return_val_if_fail (BO_IS_STORE (store), FALSE);
  g_return_val_if_fail (BO_IS_DEVICE (device), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bo_crypto_init ();
  seal_init (&seal);

  /* Entries up to the head read now: rows never change once written, so the export is
   * consistent even while sales go on. */
  head = bo_journal_head (store, &head_seq, error);
  if (head == NULL)
    return FALSE;

  sodium_bin2hex (key_hex, sizeof key_hex, bo_device_get_public_key (device), KEY_LEN);
  json_builder_begin_object (header);
  json_builder_set_member_name (header, "format");
  json_builder_add_string_value (header, BO_JOURNAL_EXPORT_FORMAT);
  json_builder_set_member_name (header, "version");
  json_builder_add_int_value (header, BO_JOURNAL_EXPORT_VERSION);
  json_builder_set_member_name (header, "device_id");
  json_builder_add_int_value (header, bo_device_get_id (device));
  bo_json_add_string_or_null (header, "device_name", bo_device_get_name (device));
  json_builder_set_member_name (header, "public_key");
  json_builder_add_string_value (header, key_hex);
  json_builder_set_member_name (header, "exported_at");
  json_builder_add_string_value (header, now);
  json_builder_set_member_name (header, "entries");
  json_builder_add_int_value (header, head_seq);
  json_builder_set_member_name (header, "last_seq");
  json_builder_add_int_value (header, head_seq);
  json_builder_set_member_name (header, "head");
  json_builder_add_string_value (header, head);
  json_builder_end_object (header);
  if (!write_line (out, &seal, header, cancellable, error))
    return FALSE;

  stmt = bo_store_prepare (store,
                           "SELECT seq, created_at, kind, ref_uuid, payload, prev_hash, hash, "
                           "signature FROM journal WHERE seq <= ?1 ORDER BY seq",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, head_seq);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      static const char *names[] = { "created_at", "kind", "ref_uuid", "payload", "prev_hash",
                                     "hash", "signature" };

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "seq");
      json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
      for (int col = 1; col <= 7; col++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, col);

          /* JSON strings here end at a NUL; a field holding one could not be hashed back. */
          if (text != NULL && strlen (text) != (gsize) sqlite3_column_bytes (stmt, col))
            {
              g_set_error (error, BO_JOURNAL_ERROR, BO_JOURNAL_ERROR_FAILED,
                           _("Journal entry %lld holds a NUL byte and cannot be exported"),
                           (long long) sqlite3_column_int64 (stmt, 0));
              sqlite3_reset (stmt);
              return FALSE;
            }
          bo_json_add_string_or_null (b, names[col - 1], text);
        }
      json_builder_end_object (b);
      if (!write_line (out, &seal, b, cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      count++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return bo_store_set_error (store, error, "journal export");

  crypto_generichash_final (&seal, digest, HASH_LEN);
  bo_device_sign (device, digest, HASH_LEN, signature);
  sodium_bin2hex (sig_hex, sizeof sig_hex, signature, SIG_LEN);
  json_builder_begin_object (trailer);
  json_builder_set_member_name (trailer, "export_signature");
  json_builder_add_string_value (trailer, sig_hex);
  json_builder_end_object (trailer);
  if (!write_line (out, NULL, trailer, cancellable, error))
    return FALSE;

  if (out_entries != NULL)
    *out_entries = count;
  if (out_head != NULL)
    *out_head = g_steal_pointer (&head);
  return TRUE;
}

gboolean
bo_journal_export_to_file (BoStore    *store,
                           BoDevice   *device,
                           const char *path,
                           gint64     *out_entries,
                           char      **out_head,
                           GError    **error)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileOutputStream) stream = NULL;
  g_autoptr (GOutputStream) buffered = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    return FALSE;
  buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream), 64 * 1024);
  if (!bo_journal_export (store, device, buffered, out_entries, out_head, NULL, error))
    {
      /* Closing after a failure would put a half export in place of the old file. */
      g_autoptr (GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      return FALSE;
    }
  return g_output_stream_close (buffered, NULL, error);
}

/* Verification */

typedef struct {
  BoJournalAudit *audit;
  guint8          key[KEY_LEN];
  guint8          prev[HASH_LEN];
  char            prev_hex[HASH_LEN * 2 + 1];
  gint64          line;
  gint64          expected_seq;
  /* the open shift, as seen in the journal */
  char           *shift_uuid;
  gint64          shift_open_seq;
  gint64          shift_sales;
  gint64          shift_refunds;
  /* grand totals of the previous closing; known = they can be added to */
  gboolean        totals_known;
  gint64          total_sales;
  gint64          total_refunds;
} Verifier;

static gboolean broken (Verifier   *v,
                        gint64      seq,
                        GError    **error,
                        const char *format,
                        ...) G_GNUC_PRINTF (4, 5);

static gboolean
broken (Verifier   *v,
        gint64      seq,
        GError    **error,
        const char *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  v->audit->bad_seq = seq;
  v->audit->bad_line = v->line;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, BO_JOURNAL_ERROR, BO_JOURNAL_ERROR_BROKEN, message);
  return FALSE;
}

/* Exactly @out_len * 2 lower-case hex digits, as the journal writes them. */
static gboolean
hex_decode (const char *hex,
            guint8     *out,
            gsize       out_len)
{
  if (hex == NULL || strlen (hex) != out_len * 2)
    return FALSE;
  for (gsize i = 0; i < out_len * 2; i++)
    if (!g_ascii_isdigit (hex[i]) && !(hex[i] >= 'a' && hex[i] <= 'f'))
      return FALSE;
  for (gsize i = 0; i < out_len; i++)
    out[i] = (guint8) (g_ascii_xdigit_value (hex[2 * i]) << 4
                       | g_ascii_xdigit_value (hex[2 * i + 1]));
  return TRUE;
}

/* len (u64 big-endian) || bytes; NULL as len = 2^64 - 1 and no bytes. */
static void
hash_field (crypto_generichash_state *state,
            const void               *data,
            gsize                     len)
{
  guint8 be[8];
  guint64 n = data == NULL ? G_MAXUINT64 : (guint64) len;

  for (int i = 7; i >= 0; i--, n >>= 8)
    be[i] = (guint8) (n & 0xff);
  crypto_generichash_update (state, be, sizeof be);
  if (data != NULL && len > 0)
    crypto_generichash_update (state, data, len);
}

static void
entry_hash (gint64        seq,
            const char   *created_at,
            const char   *kind,
            const char   *ref_uuid,
            const char   *payload,
            const guint8 *prev,
            guint8       *out)
{
  crypto_generichash_state state;
  guint8 be_seq[8];
  guint64 n = (guint64) seq;

  for (int i = 7; i >= 0; i--, n >>= 8)
    be_seq[i] = (guint8) (n & 0xff);
  crypto_generichash_init (&state, NULL, 0, HASH_LEN);
  hash_field (&state, be_seq, sizeof be_seq);
  hash_field (&state, created_at, strlen (created_at));
  hash_field (&state, kind, strlen (kind));
  hash_field (&state, ref_uuid, ref_uuid != NULL ? strlen (ref_uuid) : 0);
  hash_field (&state, payload, strlen (payload));
  hash_field (&state, prev, HASH_LEN);
  crypto_generichash_final (&state, out, HASH_LEN);
}

static JsonObject *
parse_object (const char *text,
              gssize      len)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

/* The member as a string (NULL when missing or of another type). */
static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_int (JsonObject *object,
         const char *member,
         gint64     *out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
check_header (Verifier     *v,
              const char   *line,
              gsize         len,
              const guint8 *expected_key,
              gint64       *out_entries,
              gint64       *out_last_seq,
              char        **out_head,
              GError      **error)
{
  g_autoptr (JsonObject) header = parse_object (line, len);
  gint64 version = 0, device_id = 0;
  const char *head;

  if (header == NULL || g_strcmp0 (get_string (header, "format"), BO_JOURNAL_EXPORT_FORMAT) != 0)
    return broken (v, 0, error, _("This is not a Bilten Box Office journal export"));
  if (!get_int (header, "version", &version) || version != BO_JOURNAL_EXPORT_VERSION)
    return broken (v, 0, error, _("Journal export version %lld is not supported"),
                   (long long) version);
  if (!hex_decode (get_string (header, "public_key"), v->key, KEY_LEN) ||
      !get_int (header, "device_id", &device_id) || device_id < 0 || device_id > G_MAXUINT32 ||
      !get_int (header, "entries", out_entries) || !get_int (header, "last_seq", out_last_seq) ||
      (head = get_string (header, "head")) == NULL)
    return broken (v, 0, error, _("Line 1: the export’s header is damaged"));
  if (expected_key != NULL && sodium_memcmp (expected_key, v->key, KEY_LEN) != 0)
    return broken (v, 0, error, _("The export names another device key than the one expected"));

  memcpy (v->audit->public_key, v->key, KEY_LEN);
  v->audit->device_id = (guint32) device_id;
  *out_head = g_strdup (head);
  return TRUE;
}

/* Money of one sale (payments other than complimentary) or refund/void. */
static gboolean
entry_amount (const char *kind,
              JsonObject *payload,
              gint64     *out_sales,
              gint64     *out_refunds)
{
  *out_sales = 0;
  *out_refunds = 0;
  if (g_str_equal (kind, "sale"))
    {
      JsonNode *node = json_object_get_member (payload, "payments");
      JsonArray *payments;

      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        return FALSE;
      payments = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (payments); i++)
        {
          JsonNode *p = json_array_get_element (payments, i);
          JsonObject *payment;
          const char *method;
          gint64 amount;

          if (!JSON_NODE_HOLDS_OBJECT (p))
            return FALSE;
          payment = json_node_get_object (p);
          method = get_string (payment, "method");
          if (method == NULL || !get_int (payment, "amount", &amount))
            return FALSE;
          if (!g_str_equal (method, "free"))
            *out_sales += amount;
        }
    }
  else if (g_str_equal (kind, "refund") || g_str_equal (kind, "void"))
    {
      gint64 amount;

      if (get_string (payload, "method") == NULL || !get_int (payload, "amount", &amount))
        return FALSE;
      if (!g_str_equal (get_string (payload, "method"), "free"))
        *out_refunds += amount;
    }
  return TRUE;
}

/* The business meaning of the entries a closing sums up: see bo-shift.c (grand totals). */
static gboolean
check_figures (Verifier   *v,
               gint64      seq,
               const char *kind,
               const char *ref_uuid,
               const char *payload_text,
               GError    **error)
{
  g_autoptr (JsonObject) payload = NULL;
  gint64 sales, refunds, value;

  if (!g_str_equal (kind, "sale") && !g_str_equal (kind, "refund") && !g_str_equal (kind, "void")
      && !g_str_equal (kind, "shift_open") && !g_str_equal (kind, "shift_close"))
    return TRUE;

  payload = parse_object (payload_text, -1);
  if (payload == NULL)
    return broken (v, seq, error, _("Journal entry %lld: the payload is not a JSON object"),
                   (long long) seq);

  if (g_str_equal (kind, "shift_open"))
    {
      g_free (v->shift_uuid);
      v->shift_uuid = g_strdup (ref_uuid);
      v->shift_open_seq = seq;
      v->shift_sales = 0;
      v->shift_refunds = 0;
      return TRUE;
    }

  if (!g_str_equal (kind, "shift_close"))
    {
      if (!entry_amount (kind, payload, &sales, &refunds))
        return broken (v, seq, error, _("Journal entry %lld: the amounts cannot be read"),
                       (long long) seq);
      /* Refunds made while no shift is open belong to no closing. */
      if (v->shift_uuid != NULL)
        {
          v->shift_sales += sales;
          v->shift_refunds += refunds;
        }
      return TRUE;
    }

  v->audit->closings++;
  if (v->shift_uuid == NULL || g_strcmp0 (ref_uuid, v->shift_uuid) != 0)
    return broken (v, seq, error, _("Journal entry %lld: closes a shift that was not opened"),
                   (long long) seq);
  g_clear_pointer (&v->shift_uuid, g_free);

  if (!json_object_has_member (payload, "grand_total_sales"))
    {
      /* Written before grand totals existed: the next closing starts the count again. */
      v->totals_known = FALSE;
      return TRUE;
    }
  if (!get_int (payload, "sales", &sales) || !get_int (payload, "refunds", &refunds) ||
      sales != v->shift_sales || refunds != v->shift_refunds ||
      !get_int (payload, "first_journal_seq", &value) || value != v->shift_open_seq)
    return broken (v, seq, error,
                   _("Journal entry %lld: the closing’s sales or refunds differ from the "
                     "entries of its shift"),
                   (long long) seq);
  if (!v->totals_known)
    {
      /* The first closing with totals after older ones: its totals are the starting point. */
      if (!get_int (payload, "grand_total_sales", &v->total_sales) ||
          !get_int (payload, "grand_total_refunds", &v->total_refunds))
        return broken (v, seq, error, _("Journal entry %lld: the grand totals cannot be read"),
                       (long long) seq);
    }
  else
    {
      gint64 gs, gr;

      if (!get_int (payload, "grand_total_sales", &gs) ||
          !get_int (payload, "grand_total_refunds", &gr) ||
          gs != v->total_sales + sales || gr != v->total_refunds + refunds)
        return broken (v, seq, error,
                       _("Journal entry %lld: the grand totals do not continue those of the "
                         "closing before"),
                       (long long) seq);
      v->total_sales = gs;
      v->total_refunds = gr;
    }
  if (!get_int (payload, "grand_total_net", &value) ||
      value != v->total_sales - v->total_refunds)
    return broken (v, seq, error, _("Journal entry %lld: the grand total net is not sales less "
                                    "refunds"),
                   (long long) seq);
  v->totals_known = TRUE;
  v->audit->closings_with_totals++;
  v->audit->grand_total_sales = v->total_sales;
  v->audit->grand_total_refunds = v->total_refunds;
  v->audit->grand_total_net = value;
  return TRUE;
}

static gboolean
check_entry (Verifier   *v,
             const char *line,
             gsize       len,
             GError    **error)
{
  g_autoptr (JsonObject) entry = parse_object (line, len);
  const char *created_at, *kind, *ref_uuid = NULL, *payload, *prev_hex, *hash_hex;
  guint8 hash[HASH_LEN], stored[HASH_LEN], signature[SIG_LEN];
  JsonNode *ref;
  gint64 seq = 0;

  if (entry == NULL || !get_int (entry, "seq", &seq) ||
      (created_at = get_string (entry, "created_at")) == NULL ||
      (kind = get_string (entry, "kind")) == NULL ||
      (payload = get_string (entry, "payload")) == NULL ||
      (prev_hex = get_string (entry, "prev_hash")) == NULL ||
      (hash_hex = get_string (entry, "hash")) == NULL ||
      (ref = json_object_get_member (entry, "ref_uuid")) == NULL ||
      (!JSON_NODE_HOLDS_NULL (ref) && json_node_get_value_type (ref) != G_TYPE_STRING))
    return broken (v, v->expected_seq, error,
                   _("Line %lld: not a journal entry (damaged or cut)"), (long long) v->line);
  if (!JSON_NODE_HOLDS_NULL (ref))
    ref_uuid = json_node_get_string (ref);

  if (seq != v->expected_seq)
    return broken (v, v->expected_seq, error, _("Journal entry %lld is missing (line %lld)"),
                   (long long) v->expected_seq, (long long) v->line);
  if (strcmp (prev_hex, v->prev_hex) != 0)
    return broken (v, seq, error,
                   _("Journal entry %lld: does not follow the entry before it (line %lld)"),
                   (long long) seq, (long long) v->line);

  entry_hash (seq, created_at, kind, ref_uuid, payload, v->prev, hash);
  if (!hex_decode (hash_hex, stored, HASH_LEN) || sodium_memcmp (stored, hash, HASH_LEN) != 0)
    return broken (v, seq, error,
                   _("Journal entry %lld: hash does not match its contents (line %lld)"),
                   (long long) seq, (long long) v->line);
  if (!hex_decode (get_string (entry, "signature"), signature, SIG_LEN) ||
      crypto_sign_verify_detached (signature, hash, HASH_LEN, v->key) != 0)
    return broken (v, seq, error,
                   _("Journal entry %lld: signature is not valid (line %lld)"),
                   (long long) seq, (long long) v->line);

  if (!check_figures (v, seq, kind, ref_uuid, payload, error))
    return FALSE;

  memcpy (v->prev, hash, HASH_LEN);
  memcpy (v->prev_hex, hash_hex, sizeof v->prev_hex);
  v->expected_seq++;
  v->audit->entries++;
  memcpy (v->audit->head, hash_hex, sizeof v->audit->head);
  return TRUE;
}

gboolean
bo_journal_export_verify (GInputStream   *in,
                          const guint8   *expected_public_key,
                          BoJournalAudit *audit,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_autoptr (GDataInputStream) data = NULL;
  g_autofree char *header_head = NULL;
  g_autofree char *line = NULL;
  crypto_generichash_state seal;
  gsize len = 0;
  BoJournalAudit local_audit;
  Verifier v = { 0, };
  gint64 header_entries = 0, header_last = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (G_IS_INPUT_STREAM (in), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bo_crypto_init ();
  if (audit == NULL)
    audit = &local_audit;
  memset (audit, 0, sizeof *audit);
  v.audit = audit;
  v.expected_seq = 1;
  memcpy (v.prev_hex, zero_hash_hex, sizeof v.prev_hex);

  data = g_data_input_stream_new (in);
  g_data_input_stream_set_newline_type (data, G_DATA_STREAM_NEWLINE_TYPE_LF);
  seal_init (&seal);

  /* One line ahead: the last line is the seal, not an entry. */
  for (;;)
    {
      g_autoptr (GError) read_error = NULL;
      g_autofree char *next = NULL;
      gsize next_len = 0;

      next = g_data_input_stream_read_line (data, &next_len, cancellable, &read_error);
      if (read_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&read_error));
          goto out;
        }
      if (line != NULL)
        {
          if (next == NULL)
            break;
          v.line++;
          /* Strict: one UTF-8 JSON object per line, nothing else, not even a stray CR. */
          if (len > MAX_LINE || memchr (line, '\0', len) != NULL ||
              !g_utf8_validate (line, len, NULL))
            {
              broken (&v, v.line == 1 ? 0 : v.expected_seq, error,
                      _("Line %lld: not valid UTF-8 text"), (long long) v.line);
              goto out;
            }
          crypto_generichash_update (&seal, (const guint8 *) line, len);
          crypto_generichash_update (&seal, (const guint8 *) "\n", 1);
          if (v.line == 1)
            {
              if (!check_header (&v, line, len, expected_public_key, &header_entries,
                                 &header_last, &header_head, error))
                goto out;
            }
          else if (!check_entry (&v, line, len, error))
            goto out;
        }
      else if (next == NULL)
        break;
      g_free (line);
      line = g_steal_pointer (&next);
      len = next_len;
    }

  if (line == NULL || v.line == 0)
    {
      broken (&v, 0, error, v.line == 0 && line == NULL ? _("The journal export is empty")
                                                          : _("The journal export is cut short"));
      goto out;
    }
  v.line++;
  {
    g_autoptr (JsonObject) trailer = parse_object (line, len);
    guint8 digest[HASH_LEN], signature[SIG_LEN];

    crypto_generichash_final (&seal, digest, HASH_LEN);
    if (trailer == NULL || json_object_get_size (trailer) != 1 ||
        !hex_decode (get_string (trailer, "export_signature"), signature, SIG_LEN))
      {
        broken (&v, 0, error, _("Line %lld: the export’s closing seal is missing or damaged "
                                "(cut short?)"),
                (long long) v.line);
        goto out;
      }
    if (crypto_sign_verify_detached (signature, digest, HASH_LEN, v.key) != 0)
      {
        broken (&v, 0, error, _("The export’s seal does not match its contents: it was "
                                "changed after export"));
        goto out;
      }
  }
  /* The header promises what follows: a cut-off file is caught here. That the journal itself
   * was not cut before export shows only against heads recorded elsewhere (Z reports). */
  if (header_entries != audit->entries || header_last != v.expected_seq - 1 ||
      strcmp (header_head, audit->entries > 0 ? audit->head : zero_hash_hex) != 0)
    {
      broken (&v, v.expected_seq, error,
              _("The export’s header announces %lld entries up to head %s, the file holds %lld"),
              (long long) header_entries, header_head, (long long) audit->entries);
      goto out;
    }
  ok = TRUE;

out:
  g_free (v.shift_uuid);
  return ok;
}

gboolean
bo_journal_export_verify_file (const char     *path,
                               const guint8   *expected_public_key,
                               BoJournalAudit *audit,
                               GError        **error)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileInputStream) stream = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return FALSE;
  return bo_journal_export_verify (G_INPUT_STREAM (stream), expected_public_key, audit, NULL,
                                   error);
}
