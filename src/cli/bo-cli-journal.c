/* bo-cli-journal.c — journal verify, journal export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cli/bo-cli.h"
#include "cli/bo-cli-output.h"
#include "domain/bo-journal.h"
#include "domain/bo-journal-export.h"

#include <sodium.h>

static void
note_bad_seq (BoCliContext *ctx,
              gint64        seq)
{
  if (ctx->error_extra == NULL)
    ctx->error_extra = json_object_new ();
  json_object_set_int_member (ctx->error_extra, "seq", seq);
}

/* An auditor's check of an export file: needs no database. */
static gboolean
verify_export (BoCliContext *ctx,
               const char   *path,
               const char   *key_hex,
               GError      **error)
{
  g_autoptr (GError) local_error = NULL;
  BoJournalAudit audit;
  guint8 key[32];
  char file_key[65];

  if (key_hex != NULL &&
      (strlen (key_hex) != 64 ||
       sodium_hex2bin (key, sizeof key, key_hex, strlen (key_hex), NULL, NULL, NULL) != 0))
    return bo_cli_usage_error (error, _("--public-key expects 64 hexadecimal digits"));

  if (!bo_journal_export_verify_file (path, key_hex != NULL ? key : NULL, &audit, &local_error))
    {
      if (g_error_matches (local_error, BO_JOURNAL_ERROR, BO_JOURNAL_ERROR_BROKEN))
        {
          note_bad_seq (ctx, audit.bad_seq);
          json_object_set_int_member (ctx->error_extra, "line", audit.bad_line);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  sodium_bin2hex (file_key, sizeof file_key, audit.public_key, sizeof audit.public_key);

  if (ctx->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      bo_cli_add_bool (builder, "ok", TRUE);
      bo_cli_add_int (builder, "entries", audit.entries);
      bo_json_add_string_or_null (builder, "head", audit.entries > 0 ? audit.head : NULL);
      bo_cli_add_int (builder, "device_id", audit.device_id);
      bo_json_add_string_or_null (builder, "public_key", file_key);
      bo_cli_add_bool (builder, "key_checked", key_hex != NULL);
      bo_cli_add_int (builder, "closings", audit.closings);
      bo_cli_add_int (builder, "closings_with_totals", audit.closings_with_totals);
      json_builder_set_member_name (builder, "grand_totals");
      if (audit.closings_with_totals > 0)
        {
          json_builder_begin_object (builder);
          bo_cli_add_int (builder, "sales", audit.grand_total_sales);
          bo_cli_add_int (builder, "refunds", audit.grand_total_refunds);
          bo_cli_add_int (builder, "net", audit.grand_total_net);
          json_builder_end_object (builder);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      bo_cli_print_json (root);
    }
  else
    {
      printf (ngettext ("Journal export intact: %lld entry, head %s\n",
                        "Journal export intact: %lld entries, head %s\n", audit.entries),
              (long long) audit.entries, audit.entries > 0 ? audit.head : "-");
      printf (ngettext ("%lld closing checked against its shift’s entries\n",
                        "%lld closings checked against their shifts’ entries\n",
                        audit.closings_with_totals),
              (long long) audit.closings_with_totals);
      if (key_hex != NULL)
        printf (_("Signed by device %u with the expected key.\n"), audit.device_id);
      else
        printf (_("Signed by device %u with the key written in the export:\n  %s\n"
                  "Compare it with the key the server lists for the device or the one printed "
                  "on its Z reports, or pass it with --public-key.\n"),
                audit.device_id, file_key);
    }
  return TRUE;
}

static gboolean
cmd_verify (BoCliContext *ctx,
            int           argc,
            char        **argv,
            GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *head = NULL;
  g_autofree char *export_path = NULL;
  g_autofree char *key_hex = NULL;
  gint64 count = 0, bad_seq = 0, head_seq = 0;
  const GOptionEntry entries[] = {
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &export_path,
      N_("Verify a journal export (journal export) instead of this counter’s database"),
      N_("FILE") },
    { "public-key", 0, 0, G_OPTION_ARG_STRING, &key_hex,
      N_("With --export: the device’s public key as obtained elsewhere (64 hex digits); "
         "without it the key written in the export is trusted and printed"),
      N_("HEX") },
    G_OPTION_ENTRY_NULL
  };

  octx = bo_cli_option_context_new (ctx, argv[0], NULL,
                                    _("Check every journal entry: gapless sequence, hash chain "
                                      "and this device’s signature. Prints {\"ok\": true, "
                                      "\"entries\": N} and exits 0 when intact; otherwise exits "
                                      "1 with the error code “journal_broken” and the first bad "
                                      "entry in \"seq\"."),
                                    entries);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;
  if (key_hex != NULL && export_path == NULL)
    return bo_cli_usage_error (error, _("--public-key goes with --export"));
  if (export_path != NULL)
    return verify_export (ctx, export_path, key_hex, error);
  if (!bo_cli_open_store (ctx, error))
    return FALSE;

  if (!bo_journal_verify (ctx->store, bo_device_get_public_key (ctx->device), &count, &bad_seq,
                          &local_error))
    {
      if (g_error_matches (local_error, BO_JOURNAL_ERROR, BO_JOURNAL_ERROR_BROKEN))
        note_bad_seq (ctx, bad_seq);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  head = bo_journal_head (ctx->store, &head_seq, error);
  if (head == NULL)
    return FALSE;

  if (ctx->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      bo_cli_add_bool (builder, "ok", TRUE);
      bo_cli_add_int (builder, "entries", count);
      bo_json_add_string_or_null (builder, "head", head);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      bo_cli_print_json (root);
    }
  else
    printf (ngettext ("Journal intact: %lld entry, head %s\n",
                      "Journal intact: %lld entries, head %s\n", count),
            (long long) count, head);
  return TRUE;
}

static gboolean
cmd_export (BoCliContext *ctx,
            int           argc,
            char        **argv,
            GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autofree char *out = NULL;
  g_autofree char *head = NULL;
  char key_hex[65];
  gint64 count = 0;
  const GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("File to write (JSON lines)"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };

  octx = bo_cli_option_context_new (ctx, argv[0], NULL,
                                    _("Write the whole journal for an auditor: a header line "
                                      "with the device’s public key, then one JSON line per "
                                      "entry exactly as stored. Check it with “journal verify "
                                      "--export FILE” (README.md, “Journal, closings and "
                                      "audits”, shows how to check it without this program)."),
                                    entries);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;
  if (out == NULL)
    return bo_cli_usage_error (error, _("%s is required"), "--out");
  if (!bo_cli_open_store (ctx, error))
    return FALSE;
  if (!bo_journal_export_to_file (ctx->store, ctx->device, out, &count, &head, error))
    return FALSE;
  sodium_bin2hex (key_hex, sizeof key_hex, bo_device_get_public_key (ctx->device), 32);

  if (ctx->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      bo_cli_add_bool (builder, "ok", TRUE);
      bo_json_add_string_or_null (builder, "out", out);
      bo_cli_add_int (builder, "entries", count);
      bo_json_add_string_or_null (builder, "head", head);
      bo_cli_add_int (builder, "device_id", bo_device_get_id (ctx->device));
      bo_json_add_string_or_null (builder, "public_key", key_hex);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      bo_cli_print_json (root);
    }
  else
    printf (ngettext ("Exported %lld entry to %s, head %s\nDevice public key: %s\n",
                      "Exported %lld entries to %s, head %s\nDevice public key: %s\n", count),
            (long long) count, out, head, key_hex);
  return TRUE;
}

static const BoCliCommand journal_commands[] = {
  { "verify", cmd_verify, N_("Verify the whole journal, or an export of it (--export)") },
  { "export", cmd_export, N_("Export the journal for an auditor (JSON lines)") },
  { NULL, NULL, NULL },
};

gboolean
bo_cli_cmd_journal (BoCliContext *ctx,
                    int           argc,
                    char        **argv,
                    GError      **error)
{
  return bo_cli_run_subcommand (ctx, "journal", journal_commands, argc, argv, error);
}
