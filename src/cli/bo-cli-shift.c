/* bo-cli-shift.c — shift open, close, cash and status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cli/bo-cli.h"
#include "cli/bo-cli-output.h"
#include "domain/bo-order.h"
#include "domain/bo-shift.h"

static const BoPaymentMethod methods[] = {
  BO_PAYMENT_CASH, BO_PAYMENT_CARD, BO_PAYMENT_VOUCHER, BO_PAYMENT_FREE,
};

void
bo_cli_build_shift (JsonBuilder *builder,
                    BoShift     *shift)
{
  gboolean closed = bo_shift_get_closed_at (shift) != NULL;

  json_builder_begin_object (builder);
  bo_cli_add_int (builder, "id", bo_shift_get_id (shift));
  bo_json_add_string_or_null (builder, "uuid", bo_shift_get_uuid (shift));
  bo_cli_add_int (builder, "operator_id", bo_shift_get_operator_id (shift));
  bo_json_add_string_or_null (builder, "opened_at", bo_shift_get_opened_at (shift));
  bo_json_add_string_or_null (builder, "closed_at", bo_shift_get_closed_at (shift));
  bo_cli_add_int (builder, "float", bo_shift_get_float (shift));
  bo_cli_add_int (builder, "cash_in", bo_shift_get_cash_in (shift));
  bo_cli_add_int (builder, "cash_out", bo_shift_get_cash_out (shift));
  bo_cli_add_int (builder, "cash_expected", bo_shift_get_cash_expected (shift));
  json_builder_set_member_name (builder, "cash_counted");
  if (closed)
    json_builder_add_int_value (builder, bo_shift_get_cash_counted (shift));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "variance");
  if (closed)
    json_builder_add_int_value (builder, bo_shift_get_variance (shift));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "payment_totals");
  json_builder_begin_object (builder);
  for (gsize i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      const char *method = bo_payment_method_to_string (methods[i]);

      bo_cli_add_int (builder, method, bo_shift_get_payment_total (shift, method));
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "first_journal_seq");
  if (bo_shift_get_first_journal_seq (shift) > 0)
    json_builder_add_int_value (builder, bo_shift_get_first_journal_seq (shift));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "last_journal_seq");
  if (closed && bo_shift_get_last_journal_seq (shift) > 0)
    json_builder_add_int_value (builder, bo_shift_get_last_journal_seq (shift));
  else
    json_builder_add_null_value (builder);
  bo_json_add_string_or_null (builder, "journal_head", bo_shift_get_journal_head (shift));
  json_builder_end_object (builder);
}

static void
print_amount_line (const char *label,
                   gint64      amount,
                   const char *currency)
{
  g_autofree char *padded = bo_cli_pad (label, 18);
  g_autofree char *money = bo_cli_money (amount, currency);

  printf ("  %s %s\n", padded, money);
}

static void
print_shift (BoCliContext *ctx,
             BoShift      *shift)
{
  g_autofree char *currency = bo_cli_default_currency (ctx);
  gboolean closed = bo_shift_get_closed_at (shift) != NULL;

  printf (_("  Opened:            %s\n"), bo_shift_get_opened_at (shift));
  if (closed)
    printf (_("  Closed:            %s\n"), bo_shift_get_closed_at (shift));
  print_amount_line (_("Float:"), bo_shift_get_float (shift), currency);
  print_amount_line (_("Cash in:"), bo_shift_get_cash_in (shift), currency);
  print_amount_line (_("Cash out:"), bo_shift_get_cash_out (shift), currency);
  for (gsize i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      const char *method = bo_payment_method_to_string (methods[i]);
      g_autofree char *label = g_strdup_printf (_("Takings %s:"), method);

      print_amount_line (label, bo_shift_get_payment_total (shift, method), currency);
    }
  print_amount_line (_("Expected cash:"), bo_shift_get_cash_expected (shift), currency);
  if (closed)
    {
      print_amount_line (_("Counted cash:"), bo_shift_get_cash_counted (shift), currency);
      print_amount_line (_("Variance:"), bo_shift_get_variance (shift), currency);
    }
}

static void
output_shift (BoCliContext *ctx,
              BoShift      *shift,
              const char   *headline)
{
  if (ctx->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      bo_cli_add_bool (builder, "open", bo_shift_get_closed_at (shift) == NULL);
      json_builder_set_member_name (builder, "shift");
      bo_cli_build_shift (builder, shift);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      bo_cli_print_json (root);
    }
  else
    {
      printf ("%s\n", headline);
      print_shift (ctx, shift);
    }
}

static gboolean
cmd_open (BoCliContext *ctx,
          int           argc,
          char        **argv,
          GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (BoOperator) op = NULL;
  g_autoptr (BoShift) shift = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *float_text = NULL;
  gint64 float_amount;
  const GOptionEntry entries[] = {
    { "pin", 0, 0, G_OPTION_ARG_STRING, &pin, N_("PIN of the operator opening the shift"),
      N_("PIN") },
    { "float", 0, 0, G_OPTION_ARG_STRING, &float_text,
      N_("Cash in the drawer at the start, in minor units (1250 = 12.50)"), N_("AMOUNT") },
    G_OPTION_ENTRY_NULL
  };

  octx = bo_cli_option_context_new (ctx, argv[0], NULL,
                                    _("Open this counter’s shift with a cash float."), entries);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;
  if (float_text == NULL)
    return bo_cli_usage_error (error, _("%s is required"), "--float");
  if (!bo_cli_parse_int (float_text, "--float", 0, G_MAXINT64, &float_amount, error))
    return FALSE;
  op = bo_cli_login (ctx, pin, "--pin", error);
  if (op == NULL)
    return FALSE;

  shift = bo_shift_open (ctx->store, ctx->device, op, float_amount, error);
  if (shift == NULL)
    return FALSE;
  output_shift (ctx, shift, _("Shift opened."));
  return TRUE;
}

static gboolean
cmd_close (BoCliContext *ctx,
           int           argc,
           char        **argv,
           GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (BoOperator) op = NULL;
  g_autoptr (BoShift) shift = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *counted_text = NULL;
  gint64 counted;
  const GOptionEntry entries[] = {
    { "pin", 0, 0, G_OPTION_ARG_STRING, &pin, N_("PIN of a manager"), N_("PIN") },
    { "counted", 0, 0, G_OPTION_ARG_STRING, &counted_text,
      N_("Cash counted in the drawer, in minor units"), N_("AMOUNT") },
    G_OPTION_ENTRY_NULL
  };

  octx = bo_cli_option_context_new (ctx, argv[0], NULL,
                                    _("Close the open shift (manager) with the cash counted in "
                                      "the drawer; prints expected cash, variance and takings "
                                      "per payment method."),
                                    entries);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;
  if (counted_text == NULL)
    return bo_cli_usage_error (error, _("%s is required"), "--counted");
  if (!bo_cli_parse_int (counted_text, "--counted", 0, G_MAXINT64, &counted, error))
    return FALSE;
  op = bo_cli_login (ctx, pin, "--pin", error);
  if (op == NULL)
    return FALSE;

  shift = bo_shift_close (ctx->store, ctx->device, op, counted, error);
  if (shift == NULL)
    return FALSE;
  output_shift (ctx, shift, _("Shift closed."));
  return TRUE;
}

static gboolean
cmd_cash (BoCliContext *ctx,
          int           argc,
          char        **argv,
          GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (BoOperator) op = NULL;
  g_autoptr (BoShift) shift = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *amount_text = NULL;
  g_autofree char *reason = NULL;
  gint64 amount;
  const GOptionEntry entries[] = {
    { "pin", 0, 0, G_OPTION_ARG_STRING, &pin, N_("PIN of the operator"), N_("PIN") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount_text,
      N_("Cash put in (+500) or taken out (-500) of the drawer, in minor units"),
      N_("±AMOUNT") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the cash moved"), N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };

  octx = bo_cli_option_context_new (ctx, argv[0], NULL,
                                    _("Put cash into or take cash out of the drawer of the open "
                                      "shift."),
                                    entries);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;
  if (amount_text == NULL)
    return bo_cli_usage_error (error, _("%s is required"), "--amount");
  if (!bo_cli_parse_int (amount_text, "--amount", -G_MAXINT64, G_MAXINT64, &amount, error))
    return FALSE;
  op = bo_cli_login (ctx, pin, "--pin", error);
  if (op == NULL)
    return FALSE;

  if (!bo_shift_move_cash (ctx->store, ctx->device, op, amount, reason, error))
    return FALSE;
  shift = bo_shift_get_current (ctx->store, error);
  if (shift == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_NOT_OPEN,
                             _("No shift is open"));
      return FALSE;
    }

  if (ctx->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      bo_cli_add_int (builder, "amount", amount);
      bo_json_add_string_or_null (builder, "reason", reason);
      json_builder_set_member_name (builder, "shift");
      bo_cli_build_shift (builder, shift);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      bo_cli_print_json (root);
    }
  else
    {
      g_autofree char *currency = bo_cli_default_currency (ctx);
      g_autofree char *money = bo_cli_money (amount > 0 ? amount : -amount, currency);
      g_autofree char *expected = bo_cli_money (bo_shift_get_cash_expected (shift), currency);

      if (amount > 0)
        printf (_("Put %s into the drawer; %s expected in it now.\n"), money, expected);
      else
        printf (_("Took %s out of the drawer; %s expected in it now.\n"), money, expected);
    }
  return TRUE;
}

static gboolean
cmd_status (BoCliContext *ctx,
            int           argc,
            char        **argv,
            GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (BoShift) shift = NULL;
  g_autoptr (GError) local_error = NULL;

  octx = bo_cli_option_context_new (ctx, argv[0], NULL,
                                    _("Show the open shift with its expected cash and takings. "
                                      "In JSON, {\"open\": false, \"shift\": null} when none "
                                      "is open."),
                                    NULL);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;
  if (!bo_cli_open_store (ctx, error))
    return FALSE;

  shift = bo_shift_get_current (ctx->store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (shift != NULL)
    output_shift (ctx, shift, _("Shift open."));
  else if (ctx->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      bo_cli_add_bool (builder, "open", FALSE);
      bo_json_add_string_or_null (builder, "shift", NULL);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      bo_cli_print_json (root);
    }
  else
    printf (_("No shift is open.\n"));
  return TRUE;
}

static const BoCliCommand shift_commands[] = {
  { "open", cmd_open, N_("Open the shift: --pin PIN --float AMOUNT") },
  { "close", cmd_close, N_("Close the shift (manager): --pin PIN --counted AMOUNT") },
  { "cash", cmd_cash, N_("Move cash: --pin PIN --amount ±AMOUNT [--reason TEXT]") },
  { "status", cmd_status, N_("Show the open shift") },
  { NULL, NULL, NULL },
};

gboolean
bo_cli_cmd_shift (BoCliContext *ctx,
                  int           argc,
                  char        **argv,
                  GError      **error)
{
  return bo_cli_run_subcommand (ctx, "shift", shift_commands, argc, argv, error);
}
