/* bo-cli-operator.c — operator add and list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cli/bo-cli.h"
#include "cli/bo-cli-output.h"
#include "domain/bo-operator.h"

static void
build_operator (JsonBuilder *builder,
                BoOperator  *op)
{
  json_builder_begin_object (builder);
  bo_cli_add_int (builder, "id", bo_operator_get_id (op));
  bo_json_add_string_or_null (builder, "name", bo_operator_get_name (op));
  bo_json_add_string_or_null (builder, "role", bo_role_to_string (bo_operator_get_role (op)));
  json_builder_end_object (builder);
}

static gboolean
cmd_add (BoCliContext *ctx,
         int           argc,
         char        **argv,
         GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (BoOperator) actor = NULL;
  g_autoptr (BoOperator) op = NULL;
  g_autofree char *name = NULL;
  g_autofree char *role_text = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *manager_pin = NULL;
  BoRole role;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name of the new operator"), N_("NAME") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_text, N_("cashier or manager"), N_("ROLE") },
    { "pin", 0, 0, G_OPTION_ARG_STRING, &pin,
      N_("The new operator’s PIN (4 to 12 digits, unique on this counter)"), N_("PIN") },
    { "manager-pin", 0, 0, G_OPTION_ARG_STRING, &manager_pin,
      N_("PIN of the manager adding the operator (not needed for the first manager)"),
      N_("PIN") },
    G_OPTION_ENTRY_NULL
  };

  octx = bo_cli_option_context_new (ctx, argv[0], NULL,
                                    _("Add an operator. A manager must allow it with "
                                      "--manager-pin, except for the first manager of an empty "
                                      "database."),
                                    entries);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;
  if (name == NULL)
    return bo_cli_usage_error (error, _("%s is required"), "--name");
  if (role_text == NULL)
    return bo_cli_usage_error (error, _("%s is required"), "--role");
  if (!bo_role_from_string (role_text, &role))
    return bo_cli_usage_error (error, _("--role must be “cashier” or “manager”, not “%s”"),
                               role_text);
  if (pin == NULL)
    return bo_cli_usage_error (error, _("%s is required"), "--pin");
  if (!bo_cli_open_store (ctx, error))
    return FALSE;
  if (manager_pin != NULL)
    {
      actor = bo_cli_login_approver (ctx, manager_pin, "--manager-pin", error);
      if (actor == NULL)
        return FALSE;
    }

  op = bo_operator_add (ctx->store, actor, name, role, pin, error);
  if (op == NULL)
    return FALSE;

  if (ctx->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "operator");
      build_operator (builder, op);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      bo_cli_print_json (root);
    }
  else
    printf (_("Added %s “%s”.\n"), bo_role_to_string (bo_operator_get_role (op)),
            bo_operator_get_name (op));
  return TRUE;
}

static gboolean
cmd_list (BoCliContext *ctx,
          int           argc,
          char        **argv,
          GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (GPtrArray) operators = NULL;

  octx = bo_cli_option_context_new (ctx, argv[0], NULL, _("List the active operators."), NULL);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;
  if (!bo_cli_open_store (ctx, error))
    return FALSE;
  operators = bo_operator_list (ctx->store, error);
  if (operators == NULL)
    return FALSE;

  if (ctx->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "operators");
      json_builder_begin_array (builder);
      for (guint i = 0; i < operators->len; i++)
        build_operator (builder, g_ptr_array_index (operators, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      bo_cli_print_json (root);
    }
  else if (operators->len == 0)
    printf (_("No operators yet. Add a manager with “%s operator add --role manager …”.\n"),
            BO_CLI_PROGRAM);
  else
    {
      for (guint i = 0; i < operators->len; i++)
        {
          BoOperator *op = g_ptr_array_index (operators, i);
          g_autofree char *name = bo_cli_pad (bo_operator_get_name (op), 24);

          printf ("  %-6" G_GINT64_FORMAT " %s %s\n", bo_operator_get_id (op), name,
                  bo_role_to_string (bo_operator_get_role (op)));
        }
    }
  return TRUE;
}

static const BoCliCommand operator_commands[] = {
  { "add", cmd_add, N_("Add an operator: --name N --role cashier|manager --pin P "
                       "[--manager-pin M]") },
  { "list", cmd_list, N_("List the operators") },
  { NULL, NULL, NULL },
};

gboolean
bo_cli_cmd_operator (BoCliContext *ctx,
                     int           argc,
                     char        **argv,
                     GError      **error)
{
  return bo_cli_run_subcommand (ctx, "operator", operator_commands, argc, argv, error);
}
