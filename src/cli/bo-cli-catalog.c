/* bo-cli-catalog.c — demo, events and status commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cli/bo-cli.h"
#include "cli/bo-cli-output.h"
#include "domain/bo-demo.h"
#include "domain/bo-event.h"
#include "domain/bo-journal.h"
#include "domain/bo-outbox.h"
#include "domain/bo-shift.h"
#include "domain/bo-ticket-type.h"

static void
build_ticket_type (JsonBuilder  *builder,
                   BoTicketType *type)
{
  json_builder_begin_object (builder);
  bo_cli_add_int (builder, "id", bo_ticket_type_get_id (type));
  bo_json_add_string_or_null (builder, "name", bo_ticket_type_get_name (type));
  bo_cli_add_int (builder, "price", bo_ticket_type_get_price (type));
  bo_cli_add_int (builder, "fee", bo_ticket_type_get_fee (type));
  bo_cli_add_int (builder, "tax_rate_bp", bo_ticket_type_get_tax_rate_bp (type));
  bo_cli_add_int_or_null (builder, "capacity", bo_ticket_type_get_capacity (type));
  bo_cli_add_int (builder, "sold", bo_ticket_type_get_sold (type));
  bo_cli_add_int_or_null (builder, "available", bo_ticket_type_get_available (type));
  bo_cli_add_bool (builder, "active", bo_ticket_type_get_active (type));
  json_builder_end_object (builder);
}

static void
print_ticket_type (BoTicketType *type,
                   const char   *currency)
{
  g_autofree char *name = bo_cli_pad (bo_ticket_type_get_name (type), 24);
  g_autofree char *price = bo_cli_money (bo_ticket_type_get_price (type), currency);
  g_autofree char *fee = bo_cli_money (bo_ticket_type_get_fee (type), currency);
  g_autofree char *price_col = bo_cli_pad (price, 14);
  g_autofree char *fee_col = bo_cli_pad (fee, 12);
  g_autofree char *available = NULL;

  if (bo_ticket_type_get_available (type) < 0)
    available = g_strdup (_("unlimited"));
  else
    available = g_strdup_printf ("%" G_GINT64_FORMAT, bo_ticket_type_get_available (type));
  if (!bo_ticket_type_get_active (type))
    {
      g_autofree char *column = bo_cli_pad (available, 10);

      g_free (available);
      available = g_strdup_printf (_("%s (inactive)"), column);
    }

  printf ("  %-8" G_GINT64_FORMAT " %s %s %s %6" G_GINT64_FORMAT "  %s\n",
          bo_ticket_type_get_id (type), name, price_col, fee_col,
          bo_ticket_type_get_sold (type), available);
}

gboolean
bo_cli_cmd_events (BoCliContext *ctx,
                   int           argc,
                   char        **argv,
                   GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (GListModel) events = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  guint n_events;

  octx = bo_cli_option_context_new (ctx, argv[0], NULL,
                                    _("List every event with its ticket types, prices (minor "
                                      "units), capacity, sold and available seats.\n"
                                      "In JSON, capacity and available are null when "
                                      "unlimited."),
                                    NULL);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;
  if (!bo_cli_open_store (ctx, error))
    return FALSE;

  events = bo_event_list (ctx->store, error);
  if (events == NULL)
    return FALSE;
  n_events = g_list_model_get_n_items (events);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);

  for (guint i = 0; i < n_events; i++)
    {
      g_autoptr (BoEvent) event = g_list_model_get_item (events, i);
      g_autoptr (GListModel) types = NULL;
      guint n_types;

      types = bo_ticket_type_list_for_event (ctx->store, bo_event_get_id (event), error);
      if (types == NULL)
        return FALSE;
      n_types = g_list_model_get_n_items (types);

      if (ctx->json)
        {
          json_builder_begin_object (builder);
          bo_cli_add_int (builder, "id", bo_event_get_id (event));
          bo_json_add_string_or_null (builder, "name", bo_event_get_name (event));
          bo_json_add_string_or_null (builder, "starts_at", bo_event_get_starts_at (event));
          bo_json_add_string_or_null (builder, "ends_at", bo_event_get_ends_at (event));
          bo_json_add_string_or_null (builder, "venue_name", bo_event_get_venue_name (event));
          bo_json_add_string_or_null (builder, "timezone", bo_event_get_timezone (event));
          bo_json_add_string_or_null (builder, "currency", bo_event_get_currency (event));
          bo_json_add_string_or_null (builder, "status", bo_event_get_status (event));
          json_builder_set_member_name (builder, "ticket_types");
          json_builder_begin_array (builder);
          for (guint j = 0; j < n_types; j++)
            {
              g_autoptr (BoTicketType) type = g_list_model_get_item (types, j);

              build_ticket_type (builder, type);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *id_head = bo_cli_pad (_("ID"), 8);
          g_autofree char *name_head = bo_cli_pad (_("Ticket type"), 24);
          g_autofree char *price_head = bo_cli_pad (_("Price"), 14);
          g_autofree char *fee_head = bo_cli_pad (_("Fee"), 12);

          if (i > 0)
            printf ("\n");
          printf (_("Event %lld: %s\n"), (long long) bo_event_get_id (event),
                  bo_event_get_name (event));
          printf (_("  %s – %s, %s (%s), %s, %s\n"),
                  bo_event_get_starts_at (event),
                  bo_event_get_ends_at (event) != NULL ? bo_event_get_ends_at (event) : "…",
                  bo_event_get_venue_name (event) != NULL ? bo_event_get_venue_name (event) : "",
                  bo_event_get_timezone (event) != NULL ? bo_event_get_timezone (event) : "UTC",
                  bo_event_get_currency (event), bo_event_get_status (event));
          printf ("  %s %s %s %s %6s  %s\n", id_head, name_head, price_head, fee_head,
                  _("Sold"), _("Available"));
          for (guint j = 0; j < n_types; j++)
            {
              g_autoptr (BoTicketType) type = g_list_model_get_item (types, j);

              print_ticket_type (type, bo_event_get_currency (event));
            }
        }
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  if (ctx->json)
    {
      g_autoptr (JsonNode) root = json_builder_get_root (builder);

      bo_cli_print_json (root);
    }
  else if (n_events == 0)
    printf (_("No events. Run “%s demo” for a demo catalogue.\n"), BO_CLI_PROGRAM);
  return TRUE;
}

gboolean
bo_cli_cmd_demo (BoCliContext *ctx,
                 int           argc,
                 char        **argv,
                 GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (GListModel) events = NULL;
  g_autoptr (GPtrArray) operators = NULL;
  g_autofree char *summary = NULL;
  guint n_events, n_types = 0;

  summary = g_strdup_printf (_("Create or refresh the demo events (dated from today), their "
                               "ticket types and the operators “Cashier” (PIN %s) and "
                               "“Manager” (PIN %s). Running it again changes no sales and "
                               "duplicates nothing."),
                             BO_DEMO_CASHIER_PIN, BO_DEMO_MANAGER_PIN);
  octx = bo_cli_option_context_new (ctx, argv[0], NULL, summary, NULL);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;
  if (!bo_cli_open_store (ctx, error))
    return FALSE;
  if (!bo_demo_populate (ctx->store, ctx->device, error))
    return FALSE;

  events = bo_event_list (ctx->store, error);
  if (events == NULL)
    return FALSE;
  n_events = g_list_model_get_n_items (events);
  for (guint i = 0; i < n_events; i++)
    {
      g_autoptr (BoEvent) event = g_list_model_get_item (events, i);
      g_autoptr (GListModel) types = bo_ticket_type_list_for_event (ctx->store,
                                                                    bo_event_get_id (event),
                                                                    error);

      if (types == NULL)
        return FALSE;
      n_types += g_list_model_get_n_items (types);
    }
  operators = bo_operator_list (ctx->store, error);
  if (operators == NULL)
    return FALSE;

  if (ctx->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      bo_json_add_string_or_null (builder, "db_path", bo_store_get_path (ctx->store));
      bo_cli_add_int (builder, "events", n_events);
      bo_cli_add_int (builder, "ticket_types", n_types);
      json_builder_set_member_name (builder, "operators");
      json_builder_begin_array (builder);
      for (guint i = 0; i < operators->len; i++)
        {
          BoOperator *op = g_ptr_array_index (operators, i);

          json_builder_begin_object (builder);
          bo_cli_add_int (builder, "id", bo_operator_get_id (op));
          bo_json_add_string_or_null (builder, "name", bo_operator_get_name (op));
          bo_json_add_string_or_null (builder, "role",
                                      bo_role_to_string (bo_operator_get_role (op)));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      bo_json_add_string_or_null (builder, "cashier_pin", BO_DEMO_CASHIER_PIN);
      bo_json_add_string_or_null (builder, "manager_pin", BO_DEMO_MANAGER_PIN);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      bo_cli_print_json (root);
    }
  else
    {
      printf (_("Demo catalogue ready in %s:\n"), bo_store_get_path (ctx->store));
      printf (ngettext ("  %u event", "  %u events", n_events), n_events);
      printf (ngettext (", %u ticket type\n", ", %u ticket types\n", n_types), n_types);
      printf (_("  Operators: Cashier (PIN %s), Manager (PIN %s)\n"),
              BO_DEMO_CASHIER_PIN, BO_DEMO_MANAGER_PIN);
      printf (_("Run “%s events” to see them.\n"), BO_CLI_PROGRAM);
    }
  return TRUE;
}

gboolean
bo_cli_cmd_status (BoCliContext *ctx,
                   int           argc,
                   char        **argv,
                   GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (GListModel) events = NULL;
  g_autoptr (BoShift) shift = NULL;
  g_autoptr (GError) shift_error = NULL;
  g_autofree char *head = NULL;
  gint64 pending = 0, parked = 0, journal_seq = 0;

  octx = bo_cli_option_context_new (ctx, argv[0], NULL,
                                    _("Show this counter’s device id, the database, what waits "
                                      "in the outbox for the server, the journal head and the "
                                      "open shift."),
                                    NULL);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;
  if (!bo_cli_open_store (ctx, error))
    return FALSE;

  events = bo_event_list (ctx->store, error);
  if (events == NULL)
    return FALSE;
  if (!bo_outbox_count (ctx->store, &pending, &parked, error))
    return FALSE;
  head = bo_journal_head (ctx->store, &journal_seq, error);
  if (head == NULL)
    return FALSE;
  shift = bo_shift_get_current (ctx->store, &shift_error);
  if (shift_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&shift_error));
      return FALSE;
    }

  if (ctx->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      bo_cli_add_int (builder, "device_id", bo_device_get_id (ctx->device));
      bo_json_add_string_or_null (builder, "device_name", bo_device_get_name (ctx->device));
      bo_cli_add_int (builder, "schema_version", bo_store_get_schema_version (ctx->store));
      bo_json_add_string_or_null (builder, "db_path", bo_store_get_path (ctx->store));
      bo_cli_add_int (builder, "events", g_list_model_get_n_items (events));
      json_builder_set_member_name (builder, "outbox");
      json_builder_begin_object (builder);
      bo_cli_add_int (builder, "pending", pending);
      bo_cli_add_int (builder, "parked", parked);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "journal");
      json_builder_begin_object (builder);
      bo_cli_add_int (builder, "seq", journal_seq);
      bo_json_add_string_or_null (builder, "head", head);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "shift");
      if (shift != NULL)
        bo_cli_build_shift (builder, shift);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      bo_cli_print_json (root);
    }
  else
    {
      if (bo_device_get_id (ctx->device) == 0)
        printf (_("Device:          %u (not registered)\n"), bo_device_get_id (ctx->device));
      else
        printf (_("Device:          %u\n"), bo_device_get_id (ctx->device));
      printf (_("Database:        %s (schema %d)\n"), bo_store_get_path (ctx->store),
              bo_store_get_schema_version (ctx->store));
      printf (_("Events:          %u\n"), g_list_model_get_n_items (events));
      printf (_("Outbox:          %lld pending, %lld parked\n"), (long long) pending,
              (long long) parked);
      printf (ngettext ("Journal:         %lld entry\n", "Journal:         %lld entries\n",
                        (gulong) journal_seq),
              (long long) journal_seq);
      if (shift != NULL)
        {
          g_autofree char *currency = bo_cli_default_currency (ctx);
          g_autofree char *expected = bo_cli_money (bo_shift_get_cash_expected (shift), currency);

          printf (_("Shift:           open since %s, %s expected in the drawer\n"),
                  bo_shift_get_opened_at (shift), expected);
        }
      else
        printf (_("Shift:           none open\n"));
    }
  return TRUE;
}
