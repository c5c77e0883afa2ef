/* bo-cli-print.c — printers, print, print-test, print-queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cli/bo-cli.h"
#include "cli/bo-cli-output.h"
#include "print/bo-print-queue.h"

/* Print failures keep the CLI's generic "failed" code; the precise reason goes beside it. */
static gboolean
print_failed (BoCliContext *ctx,
              GError      **error,
              GError       *cause,
              gint64        job_id)
{
  if (cause->domain == BO_PRINT_ERROR)
    {
      if (ctx->error_extra == NULL)
        ctx->error_extra = json_object_new ();
      json_object_set_string_member (ctx->error_extra, "print_error",
                                     bo_print_error_code_name (cause->code));
      if (job_id > 0)
        json_object_set_int_member (ctx->error_extra, "job", job_id);
    }
  g_propagate_error (error, cause);
  return FALSE;
}

static BoPrintQueue *
open_queue (BoCliContext *ctx,
            const char   *pin,
            GError      **error)
{
  g_autoptr (BoPrintConfig) config = NULL;
  g_autoptr (BoOperator) operator = NULL;
  BoPrintQueue *queue;

  if (!bo_cli_open_store (ctx, error))
    return NULL;
  if (pin != NULL)
    {
      operator = bo_cli_login (ctx, pin, "--pin", error);
      if (operator == NULL)
        return NULL;
    }
  config = bo_print_config_load (ctx->store, error);
  if (config == NULL)
    return NULL;
  queue = bo_print_queue_new (ctx->store, ctx->device, config);
  bo_print_queue_set_operator (queue, operator);
  return queue;
}

static void
build_job (JsonBuilder *builder,
           BoPrintJob  *job)
{
  json_builder_begin_object (builder);
  bo_cli_add_int (builder, "id", job->id);
  bo_json_add_string_or_null (builder, "kind", job->kind);
  bo_json_add_string_or_null (builder, "order", job->order_uuid);
  bo_cli_add_int_or_null (builder, "ticket_id", job->ticket_id > 0 ? job->ticket_id : -1);
  bo_cli_add_int_or_null (builder, "shift_id", job->shift_id > 0 ? job->shift_id : -1);
  bo_json_add_string_or_null (builder, "target", job->target);
  bo_json_add_string_or_null (builder, "format", job->format);
  bo_cli_add_bool (builder, "reprint", job->reprint);
  bo_json_add_string_or_null (builder, "state", job->state);
  bo_cli_add_int (builder, "attempts", job->attempts);
  bo_json_add_string_or_null (builder, "last_error", job->last_error);
  bo_json_add_string_or_null (builder, "created_at", job->created_at);
  bo_json_add_string_or_null (builder, "printed_at", job->printed_at);
  json_builder_end_object (builder);
}

static void
print_job_line (BoPrintJob *job)
{
  g_autofree char *kind = bo_cli_pad (job->kind, 8);
  g_autofree char *state = bo_cli_pad (job->state, 10);
  g_autofree char *order = g_strndup (job->order_uuid != NULL ? job->order_uuid : "-", 8);

  printf ("%6" G_GINT64_FORMAT "  %s  %s  %2u  %-8s  %s%s%s\n", job->id, kind, state,
          job->attempts, order, job->target != NULL ? job->target : _("(configured printer)"),
          job->reprint ? "  " : "", job->reprint ? _("reprint") : "");
  if (job->last_error != NULL && !g_str_equal (job->state, "done"))
    printf ("        %s\n", job->last_error);
}

static void
output_job (BoCliContext *ctx,
            BoPrintQueue *queue,
            gint64        id)
{
  g_autoptr (BoPrintJob) job = bo_print_queue_get_job (queue, id, NULL);

  if (job == NULL)
    return;
  if (ctx->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "job");
      build_job (builder, job);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      bo_cli_print_json (root);
    }
  else
    printf (_("Printed job %lld (%s) on %s\n"), (long long) job->id, job->kind,
            job->target != NULL ? job->target : _("the configured printer"));
}

gboolean
bo_cli_cmd_printers (BoCliContext *ctx,
                     int           argc,
                     char        **argv,
                     GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (BoPrintConfig) config = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_auto (GStrv) sets = NULL;
  g_auto (GStrv) settings = NULL;
  gboolean no_discover = FALSE;
  const GOptionEntry entries[] = {
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets,
      N_("Change a setting: ticket-printer, receipt-printer, report-printer (printer URIs), "
         "paper-width-mm (58 or 80), print-qr-as-image, code-pages, ticket-pdf-paper "
         "(ticket or a4), receipt-pdf-paper (a4 or roll80)"), N_("NAME=VALUE") },
    { "no-discover", 0, 0, G_OPTION_ARG_NONE, &no_discover,
      N_("Only show the settings; do not look for printers"), NULL },
    G_OPTION_ENTRY_NULL
  };

  octx = bo_cli_option_context_new (ctx, argv[0], NULL,
                                    _("Show the printer settings of this counter and the "
                                      "printers it can find: USB receipt printers "
                                      "(usb:VENDOR:PRODUCT), printer device files "
                                      "(lp:/dev/usb/lp0) and CUPS queues (cups:QUEUE)."),
                                    entries);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;
  if (!bo_cli_open_store (ctx, error))
    return FALSE;
  config = bo_print_config_load (ctx->store, error);
  if (config == NULL)
    return FALSE;
  for (guint i = 0; sets != NULL && sets[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (sets[i], "=", 2);

      if (g_strv_length (pair) != 2)
        return bo_cli_usage_error (error, _("--set expects NAME=VALUE, not “%s”"), sets[i]);
      if (!bo_print_config_set_from_string (config, pair[0], pair[1], error))
        return FALSE;
    }
  if (sets != NULL && !bo_print_config_save (config, ctx->store, error))
    return FALSE;

  settings = bo_print_config_to_strv (config);
  found = no_discover ? g_ptr_array_new () : bo_printer_discover ();
  if (ctx->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "settings");
      json_builder_begin_object (builder);
      for (guint i = 0; settings[i] != NULL; i += 2)
        bo_json_add_string_or_null (builder, settings[i],
                                    *settings[i + 1] != '\0' ? settings[i + 1] : NULL);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "printers");
      json_builder_begin_array (builder);
      for (guint i = 0; i < found->len; i++)
        {
          BoPrinterInfo *info = found->pdata[i];

          json_builder_begin_object (builder);
          bo_json_add_string_or_null (builder, "uri", info->uri);
          bo_json_add_string_or_null (builder, "description", info->description);
          bo_json_add_string_or_null (builder, "format", bo_print_format_to_string (info->format));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      bo_cli_print_json (root);
      return TRUE;
    }

  printf (_("Settings:\n"));
  for (guint i = 0; settings[i] != NULL; i += 2)
    {
      g_autofree char *name = bo_cli_pad (settings[i], 18);

      printf ("  %s  %s\n", name, *settings[i + 1] != '\0' ? settings[i + 1] : _("(none)"));
    }
  if (!no_discover)
    {
      printf (_("Printers found:\n"));
      if (found->len == 0)
        printf (_("  none\n"));
      for (guint i = 0; i < found->len; i++)
        {
          BoPrinterInfo *info = found->pdata[i];
          g_autofree char *uri = bo_cli_pad (info->uri, 22);

          printf ("  %s  %s (%s)\n", uri, info->description,
                  bo_print_format_to_string (info->format));
        }
    }
  return TRUE;
}

static gboolean
run_job (BoCliContext *ctx,
         BoPrintQueue *queue,
         gint64        id,
         const char   *target,
         GError      **error)
{
  GError *local_error = NULL;

  if (!bo_print_queue_run (queue, id, target, NULL, &local_error))
    return print_failed (ctx, error, local_error, id);
  output_job (ctx, queue, id);
  return TRUE;
}

gboolean
bo_cli_cmd_print (BoCliContext *ctx,
                  int           argc,
                  char        **argv,
                  GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (BoPrintQueue) queue = NULL;
  g_autofree char *order = NULL;
  g_autofree char *target = NULL;
  g_autofree char *format = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *pin = NULL;
  gboolean receipt = FALSE;
  gint64 id;
  const GOptionEntry entries[] = {
    { "order", 0, 0, G_OPTION_ARG_STRING, &order, N_("The order (uuid or code)"), N_("ORDER") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &target,
      N_("Printer: usb:VENDOR:PRODUCT, lp:PATH, cups:QUEUE or file:PATH (default: the "
         "configured one)"), N_("PRINTER") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("escpos or pdf (default: what the printer takes)"), N_("FORMAT") },
    { "receipt", 0, 0, G_OPTION_ARG_NONE, &receipt, N_("Print the receipt, not the tickets"),
      NULL },
    { "ticket", 0, 0, G_OPTION_ARG_STRING, &ticket, N_("Only this ticket (uuid)"), N_("UUID") },
    { "pin", 0, 0, G_OPTION_ARG_STRING, &pin,
      N_("PIN of the operator asking (named in the journal for reprints)"), N_("PIN") },
    G_OPTION_ENTRY_NULL
  };

  octx = bo_cli_option_context_new (ctx, argv[0], NULL,
                                    _("Print an order’s tickets (or receipt) now. A job the "
                                      "sale queued and that has not printed yet is used; "
                                      "otherwise this is a reprint, marked on the paper and "
                                      "journaled. When printing fails the job stays in the "
                                      "queue with its error (see print-queue)."),
                                    entries);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;
  if (order == NULL)
    return bo_cli_usage_error (error, _("--order is required"));
  if (receipt && ticket != NULL)
    return bo_cli_usage_error (error, _("--ticket goes with tickets, not --receipt"));
  queue = open_queue (ctx, pin, error);
  if (queue == NULL)
    return FALSE;
  id = bo_print_queue_add_for_order (queue, order, receipt ? "receipt" : "tickets", ticket,
                                     target, format, error);
  if (id == 0)
    return FALSE;
  return run_job (ctx, queue, id, NULL, error);
}

gboolean
bo_cli_cmd_print_test (BoCliContext *ctx,
                       int           argc,
                       char        **argv,
                       GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (BoPrintQueue) queue = NULL;
  g_autofree char *target = NULL;
  g_autofree char *format = NULL;
  gint64 id;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &target,
      N_("Printer (default: the configured receipt printer)"), N_("PRINTER") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("escpos or pdf"), N_("FORMAT") },
    G_OPTION_ENTRY_NULL
  };

  octx = bo_cli_option_context_new (ctx, argv[0], NULL,
                                    _("Print a test page: the letters venues need, bold and "
                                      "large text, and a QR code."),
                                    entries);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;
  queue = open_queue (ctx, NULL, error);
  if (queue == NULL)
    return FALSE;
  id = bo_print_queue_add (queue, "test", 0, 0, 0, target, format, FALSE, error);
  if (id == 0)
    return FALSE;
  return run_job (ctx, queue, id, NULL, error);
}

static gboolean
queue_list (BoCliContext *ctx,
            int           argc,
            char        **argv,
            GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (BoPrintQueue) queue = NULL;
  g_autoptr (GPtrArray) jobs = NULL;
  g_autofree char *limit_text = NULL;
  gboolean all = FALSE;
  gint64 limit = 50;
  const GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Also printed and cancelled jobs"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text, N_("At most N jobs (default 50)"),
      N_("N") },
    G_OPTION_ENTRY_NULL
  };

  octx = bo_cli_option_context_new (ctx, argv[0], NULL,
                                    _("List the print jobs waiting (queued, printing, failed), "
                                      "oldest first, with their errors."),
                                    entries);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;
  if (limit_text != NULL && !bo_cli_parse_int (limit_text, "--limit", 1, 100000, &limit, error))
    return FALSE;
  queue = open_queue (ctx, NULL, error);
  if (queue == NULL)
    return FALSE;
  jobs = bo_print_queue_list (queue, all, (guint) limit, error);
  if (jobs == NULL)
    return FALSE;

  if (ctx->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "jobs");
      json_builder_begin_array (builder);
      for (guint i = 0; i < jobs->len; i++)
        build_job (builder, jobs->pdata[i]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      bo_cli_print_json (root);
    }
  else if (jobs->len == 0)
    printf (_("No print jobs are waiting.\n"));
  else
    for (guint i = 0; i < jobs->len; i++)
      print_job_line (jobs->pdata[i]);
  return TRUE;
}

static gboolean
queue_retry (BoCliContext *ctx,
             int           argc,
             char        **argv,
             GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (BoPrintQueue) queue = NULL;
  g_autofree char *target = NULL;
  gboolean all = FALSE;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &target, N_("Send the job to this printer instead"),
      N_("PRINTER") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Every queued and failed job"), NULL },
    G_OPTION_ENTRY_NULL
  };

  octx = bo_cli_option_context_new (ctx, argv[0], _("[JOB]"),
                                    _("Print a queued or failed job again, on its printer or "
                                      "on another one (--to); or, with --all, every waiting "
                                      "job on its configured printer."),
                                    entries);
  if (!bo_cli_parse_options (octx, &argc, &argv, error))
    return FALSE;
  if (all == (argc == 2) || argc > 2)
    return bo_cli_usage_error (error, _("Give one job id, or --all"));
  if (all && target != NULL)
    return bo_cli_usage_error (error, _("--to goes with one job, not --all"));
  if (!all && !bo_cli_parse_int (argv[1], "JOB", 1, G_MAXINT64, &id, error))
    return FALSE;
  queue = open_queue (ctx, NULL, error);
  if (queue == NULL)
    return FALSE;
  if (!all)
    return run_job (ctx, queue, id, target, error);

  {
    GError *local_error = NULL;
    guint failed = 0;
    guint done = bo_print_queue_run_pending (queue, TRUE, &failed, NULL, &local_error);

    if (local_error != NULL)
      {
        g_propagate_error (error, local_error);
        return FALSE;
      }
    if (ctx->json)
      {
        g_autoptr (JsonBuilder) builder = json_builder_new ();
        g_autoptr (JsonNode) root = NULL;

        json_builder_begin_object (builder);
        bo_cli_add_int (builder, "printed", done);
        bo_cli_add_int (builder, "failed", failed);
        json_builder_end_object (builder);
        root = json_builder_get_root (builder);
        bo_cli_print_json (root);
      }
    else
      printf (_("Printed %u jobs; %u failed (see print-queue list).\n"), done, failed);
    if (failed > 0)
      {
        g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FAILED,
                     ngettext ("%u print job failed", "%u print jobs failed", failed), failed);
        return FALSE;
      }
  }
  return TRUE;
}

static gboolean
queue_cancel (BoCliContext *ctx,
              int           argc,
              char        **argv,
              GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (BoPrintQueue) queue = NULL;
  gint64 id = 0;

  octx = bo_cli_option_context_new (ctx, argv[0], _("JOB"),
                                    _("Cancel a queued or failed print job."), NULL);
  if (!bo_cli_parse_options (octx, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return bo_cli_usage_error (error, _("Give one job id"));
  if (!bo_cli_parse_int (argv[1], "JOB", 1, G_MAXINT64, &id, error))
    return FALSE;
  queue = open_queue (ctx, NULL, error);
  if (queue == NULL || !bo_print_queue_cancel (queue, id, error))
    return FALSE;
  if (ctx->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      bo_cli_add_int (builder, "cancelled", id);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      bo_cli_print_json (root);
    }
  else
    printf (_("Cancelled print job %lld.\n"), (long long) id);
  return TRUE;
}

static const BoCliCommand queue_commands[] = {
  { "list", queue_list, N_("List waiting print jobs (the default)") },
  { "retry", queue_retry, N_("Print a job again, or every waiting job (--all)") },
  { "cancel", queue_cancel, N_("Cancel a waiting job") },
  { NULL, NULL, NULL },
};

gboolean
bo_cli_cmd_print_queue (BoCliContext *ctx,
                        int           argc,
                        char        **argv,
                        GError      **error)
{
  /* Without a subcommand (or with only options) the queue is listed. */
  if (argc < 2 || (argv[1][0] == '-' && !g_str_equal (argv[1], "--help")
                   && !g_str_equal (argv[1], "-h")))
    return queue_list (ctx, argc, argv, error);
  return bo_cli_run_subcommand (ctx, "print-queue", queue_commands, argc, argv, error);
}
