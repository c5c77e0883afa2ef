/* bo-cli-journal.c — journal verify
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cli/bo-cli.h"
#include "cli/bo-cli-output.h"
#include "domain/bo-journal.h"

static gboolean
cmd_verify (BoCliContext *ctx,
            int           argc,
            char        **argv,
            GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *head = NULL;
  gint64 count = 0, bad_seq = 0, head_seq = 0;

  octx = bo_cli_option_context_new (ctx, argv[0], NULL,
                                    _("Check every journal entry: gapless sequence, hash chain "
                                      "and this device’s signature. Prints {\"ok\": true, "
                                      "\"entries\": N} and exits 0 when intact; otherwise exits "
                                      "1 with the error code “journal_broken” and the first bad "
                                      "entry in \"seq\"."),
                                    NULL);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;
  if (!bo_cli_open_store (ctx, error))
    return FALSE;

  if (!bo_journal_verify (ctx->store, bo_device_get_public_key (ctx->device), &count, &bad_seq,
                          &local_error))
    {
      if (g_error_matches (local_error, BO_JOURNAL_ERROR, BO_JOURNAL_ERROR_BROKEN))
        {
          if (ctx->error_extra == NULL)
            ctx->error_extra = json_object_new ();
          json_object_set_int_member (ctx->error_extra, "seq", bad_seq);
        }
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
      bo_cli_add_string (builder, "head", head);
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

static const BoCliCommand journal_commands[] = {
  { "verify", cmd_verify, N_("Verify the whole journal") },
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
