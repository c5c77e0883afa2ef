/* bo-cli.c — bilten-boxoffice-cli: the box office from scripts and terminals
 *
 * Global options come before the command; each command parses its own options. Results go to
 * stdout (one JSON object with --json, text for people otherwise), errors to stderr.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cli/bo-cli.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "cli/bo-cli-output.h"
#include "domain/bo-event.h"

G_DEFINE_QUARK (bo-cli-error-quark, bo_cli_error)

static const BoCliCommand commands[] = {
  { "demo", bo_cli_cmd_demo, N_("Create or refresh the demo catalogue and operators") },
  { "events", bo_cli_cmd_events, N_("List events and their ticket types") },
  { "status", bo_cli_cmd_status, N_("Show the device, database, outbox and open shift") },
  { "operator", bo_cli_cmd_operator, N_("Add or list operators (operator --help)") },
  { "shift", bo_cli_cmd_shift, N_("Open, close or show the shift; move cash (shift --help)") },
  { "sell", bo_cli_cmd_sell, N_("Sell tickets") },
  { "refund", bo_cli_cmd_refund, N_("Refund tickets of an order (manager)") },
  { "void", bo_cli_cmd_void, N_("Void an order sold by mistake in this shift (manager)") },
  { "order", bo_cli_cmd_order, N_("Show one order (order show UUID_OR_CODE)") },
  { "orders", bo_cli_cmd_orders, N_("List recent orders") },
  { "checkin", bo_cli_cmd_checkin, N_("Check a ticket in (or out) at the door") },
  { "journal", bo_cli_cmd_journal, N_("Verify the tamper-evident journal (journal verify)") },
  { "report", bo_cli_cmd_report, N_("Shift closings (X/Z), day and event reports (report --help)") },
  { "register", bo_cli_cmd_register, N_("Register this counter with the central platform") },
  { "sync", bo_cli_cmd_sync, N_("Sync with the central platform (sync --help)") },
  { "printers", bo_cli_cmd_printers, N_("Printer settings and the printers found (--set)") },
  { "print", bo_cli_cmd_print, N_("Print an order’s tickets or receipt now") },
  { "print-test", bo_cli_cmd_print_test, N_("Print a test page") },
  { "print-queue", bo_cli_cmd_print_queue, N_("List, retry or cancel print jobs") },
  { NULL, NULL, NULL },
};

gboolean
bo_cli_usage_error (GError    **error,
                    const char *format,
                    ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, BO_CLI_ERROR, BO_CLI_ERROR_USAGE, message);
  g_free (message);
  return FALSE;
}

gboolean
bo_cli_parse_int (const char *text,
                  const char *option,
                  gint64      min,
                  gint64      max,
                  gint64     *out_value,
                  GError    **error)
{
  /* Base 10 only: GOption's own integer parsing would read "010" as octal. */
  if (text == NULL
      || !g_ascii_string_to_signed (text, 10, min, max, out_value, NULL))
    return bo_cli_usage_error (error, _("%s expects a whole number between %lld and %lld, "
                                        "not “%s”"),
                               option, (long long) min, (long long) max,
                               text != NULL ? text : "");
  return TRUE;
}

GOptionContext *
bo_cli_option_context_new (BoCliContext       *ctx,
                           const char         *command,
                           const char         *parameter_string,
                           const char         *summary,
                           const GOptionEntry *entries)
{
  const GOptionEntry global_entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &ctx->db_path,
      N_("Database file (default: $BILTEN_BOXOFFICE_DB or the user data folder)"), N_("PATH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &ctx->json,
      N_("Print one JSON object instead of text"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autofree char *prgname = g_strdup_printf ("%s %s", BO_CLI_PROGRAM, command);
  GOptionContext *octx = g_option_context_new (parameter_string);
  GOptionGroup *global;

  /* GOption prints the program name in the usage line: make it say the command. */
  g_set_prgname (prgname);
  g_option_context_set_translation_domain (octx, GETTEXT_PACKAGE);
  if (summary != NULL)
    g_option_context_set_summary (octx, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (octx, entries, GETTEXT_PACKAGE);

  global = g_option_group_new ("global", _("Global options:"), _("Show global options"),
                               NULL, NULL);
  g_option_group_set_translation_domain (global, GETTEXT_PACKAGE);
  g_option_group_add_entries (global, global_entries);
  g_option_context_add_group (octx, global);
  return octx;
}

gboolean
bo_cli_parse_options (GOptionContext *octx,
                      int            *argc,
                      char         ***argv,
                      GError        **error)
{
  g_autoptr (GError) local_error = NULL;

  if (!g_option_context_parse (octx, argc, argv, &local_error))
    return bo_cli_usage_error (error, "%s", local_error->message);
  return TRUE;
}

gboolean
bo_cli_parse_no_arguments (GOptionContext *octx,
                           int            *argc,
                           char         ***argv,
                           GError        **error)
{
  if (!bo_cli_parse_options (octx, argc, argv, error))
    return FALSE;
  if (*argc > 1)
    return bo_cli_usage_error (error, _("Unexpected argument “%s”"), (*argv)[1]);
  return TRUE;
}

gboolean
bo_cli_open_store (BoCliContext *ctx,
                   GError      **error)
{
  g_autofree char *path = NULL;

  if (ctx->store != NULL)
    return TRUE;

  path = ctx->db_path != NULL ? g_strdup (ctx->db_path) : bo_store_default_path ();
  ctx->store = bo_store_open (path, error);
  if (ctx->store == NULL)
    return FALSE;
  ctx->device = bo_device_load (ctx->store, error);
  return ctx->device != NULL;
}

/* A usage error when @pin is missing, else opens the store for the login. */
static gboolean
login_prepare (BoCliContext *ctx,
               const char   *pin,
               const char   *option,
               GError      **error)
{
  if (pin == NULL || *pin == '\0')
    {
      bo_cli_usage_error (error, _("%s is required"), option);
      return FALSE;
    }
  return bo_cli_open_store (ctx, error);
}

BoOperator *
bo_cli_login (BoCliContext *ctx,
              const char   *pin,
              const char   *option,
              GError      **error)
{
  if (!login_prepare (ctx, pin, option, error))
    return NULL;
  return bo_operator_login (ctx->store, pin, error);
}

BoOperator *
bo_cli_login_approver (BoCliContext *ctx,
                       const char   *pin,
                       const char   *option,
                       GError      **error)
{
  if (!login_prepare (ctx, pin, option, error))
    return NULL;
  /* An approval looks among the managers first (one Argon2id check each, on purpose slow). */
  return bo_operator_login_approver (ctx->store, pin, error);
}

char *
bo_cli_default_currency (BoCliContext *ctx)
{
  g_autoptr (GListModel) events = NULL;
  g_autoptr (BoEvent) first = NULL;

  if (ctx->store == NULL)
    return g_strdup ("EUR");
  events = bo_event_list (ctx->store, NULL);
  if (events == NULL || g_list_model_get_n_items (events) == 0)
    return g_strdup ("EUR");
  first = g_list_model_get_item (events, 0);
  return g_strdup (bo_event_get_currency (first));
}

static void
print_commands (FILE               *out,
                const BoCliCommand *table)
{
  for (guint i = 0; table[i].name != NULL; i++)
    {
      g_autofree char *name = bo_cli_pad (table[i].name, 10);

      fprintf (out, "  %s  %s\n", name, _(table[i].summary));
    }
}

gboolean
bo_cli_run_subcommand (BoCliContext       *ctx,
                       const char         *group,
                       const BoCliCommand *table,
                       int                 argc,
                       char              **argv,
                       GError            **error)
{
  if (argc >= 2
      && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
          || g_str_equal (argv[1], "help")))
    {
      printf (_("Usage:\n  %s [GLOBAL OPTION…] %s COMMAND [OPTION…]\n\nCommands:\n"),
              BO_CLI_PROGRAM, group);
      print_commands (stdout, table);
      printf (_("\nRun “%s %s COMMAND --help” for the options of a command.\n"),
              BO_CLI_PROGRAM, group);
      return TRUE;
    }
  if (argc < 2)
    return bo_cli_usage_error (error, _("“%s” needs a command; see “%s %s --help”"),
                               group, BO_CLI_PROGRAM, group);

  for (guint i = 0; table[i].name != NULL; i++)
    {
      if (g_str_equal (table[i].name, argv[1]))
        {
          g_autofree char *full = g_strdup_printf ("%s %s", group, argv[1]);
          char *name = argv[1];
          gboolean ok;

          /* The subcommand sees "group sub" as its name, for its --help. GOption never moves
           * argv[0], so the slot is ours to restore. */
          argv[1] = full;
          ok = table[i].func (ctx, argc - 1, argv + 1, error);
          argv[1] = name;
          return ok;
        }
    }
  return bo_cli_usage_error (error, _("Unknown command “%s %s”; see “%s %s --help”"),
                             group, argv[1], BO_CLI_PROGRAM, group);
}

static char *
describe_commands (void)
{
  GString *text = g_string_new (_("Commands:\n"));

  for (guint i = 0; commands[i].name != NULL; i++)
    {
      g_autofree char *name = bo_cli_pad (commands[i].name, 10);

      g_string_append_printf (text, "  %s  %s\n", name, _(commands[i].summary));
    }
  g_string_append_printf (text, _("\nRun “%s COMMAND --help” for the options of a command.\n"),
                          BO_CLI_PROGRAM);
  g_string_append (text,
                   _("\nAmounts are whole numbers in the currency’s minor unit "
                     "(1250 = 12.50 EUR).\n"
                     "Exit status: 0 on success, 1 when the operation failed, 2 for a usage "
                     "error.\nWith --json, results are one JSON object on stdout and errors one "
                     "object {\"error\": {\"code\", \"message\"}} on stderr; codes include "
                     "usage, wrong_pin, throttled, not_allowed, no_shift, sold_out, payment, "
                     "not_found, order_not_found, store_locked and journal_broken."));
  return g_string_free (text, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *description = NULL;
  BoCliContext ctx = { NULL, };
  gboolean show_version = FALSE;
  gboolean json_hint = FALSE;
  gboolean ok = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &ctx.db_path,
      N_("Database file (default: $BILTEN_BOXOFFICE_DB or the user data folder)"), N_("PATH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &ctx.json,
      N_("Print one JSON object instead of text"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &show_version, N_("Show the version and exit"), NULL },
    G_OPTION_ENTRY_NULL
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname (BO_CLI_PROGRAM);

  /* Known before parsing, so that even a bad command line is reported as JSON (GOption
   * also undoes what it parsed when it fails). */
  for (int i = 1; i < argc && !g_str_equal (argv[i], "--"); i++)
    if (g_str_equal (argv[i], "--json"))
      json_hint = TRUE;
  ctx.json = json_hint;

  octx = g_option_context_new (_("COMMAND [OPTION…]"));
  g_option_context_set_translation_domain (octx, GETTEXT_PACKAGE);
  g_option_context_set_summary (octx, _("Sell, refund and check in tickets at a Bilten box "
                                        "office from scripts and terminals."));
  description = describe_commands ();
  g_option_context_set_description (octx, description);
  g_option_context_add_main_entries (octx, entries, GETTEXT_PACKAGE);
  /* Stop at the command: its options are its own. */
  g_option_context_set_strict_posix (octx, TRUE);

  if (!bo_cli_parse_options (octx, &argc, &argv, &error))
    goto out;

  if (show_version)
    {
      if (ctx.json)
        {
          g_autoptr (JsonBuilder) builder = json_builder_new ();
          g_autoptr (JsonNode) root = NULL;

          json_builder_begin_object (builder);
          bo_json_add_string_or_null (builder, "version", PACKAGE_VERSION);
          json_builder_end_object (builder);
          root = json_builder_get_root (builder);
          bo_cli_print_json (root);
        }
      else
        printf ("%s %s\n", BO_CLI_PROGRAM, PACKAGE_VERSION);
      ok = TRUE;
      goto out;
    }

  if (argc < 2)
    {
      bo_cli_usage_error (&error, _("No command given; see “%s --help”"), BO_CLI_PROGRAM);
      goto out;
    }

  for (guint i = 0; commands[i].name != NULL; i++)
    {
      if (g_str_equal (commands[i].name, argv[1]))
        {
          ok = commands[i].func (&ctx, argc - 1, argv + 1, &error);
          goto out;
        }
    }
  bo_cli_usage_error (&error, _("Unknown command “%s”; see “%s --help”"), argv[1],
                      BO_CLI_PROGRAM);

out:
  if (ok)
    status = BO_CLI_EXIT_OK;
  else
    {
      g_assert (error != NULL);
      ctx.json = ctx.json || json_hint;
      bo_cli_print_error (&ctx, error);
      status = bo_cli_exit_status (error);
    }

  g_clear_object (&ctx.device);
  g_clear_object (&ctx.store);
  g_clear_pointer (&ctx.error_extra, json_object_unref);
  g_free (ctx.db_path);
  return status;
}
