/* bo-cli-sell.c — sell, refund, void, order show and orders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cli/bo-cli.h"
#include "cli/bo-cli-output.h"
#include "domain/bo-order.h"
#include "domain/bo-refund.h"
#include "domain/bo-sale.h"
#include "domain/bo-tax.h"
#include "sync/bo-sync-engine.h"

typedef struct {
  BoPaymentMethod method;
  gint64          amount;   /* -1: not given */
  gint64          tendered; /* -1: not given (cash only) */
  char           *reference;
} PaySpec;

static void
pay_spec_clear (gpointer data)
{
  PaySpec *spec = data;

  g_clear_pointer (&spec->reference, g_free);
}

static gboolean
parse_ticket_spec (const char *text,
                   gint64     *out_type_id,
                   guint      *out_quantity,
                   GError    **error)
{
  g_auto (GStrv) parts = g_strsplit (text, ":", -1);
  guint64 type_id, quantity;

  if (g_strv_length (parts) != 2
      || !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXUINT32, &type_id, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 1, BO_SALE_MAX_TICKETS, &quantity, NULL))
    return bo_cli_usage_error (error, _("--ticket expects TYPE_ID:QUANTITY (quantity 1 to %d), "
                                        "not “%s”"),
                               BO_SALE_MAX_TICKETS, text);
  *out_type_id = (gint64) type_id;
  *out_quantity = (guint) quantity;
  return TRUE;
}

/* A registered counter whose allocation ran out asks the server for more on the spot (when
 * it can reach it) so the sale can be tried once more; offline, only a manager's --force
 * sells beyond what was granted. TRUE when every type got what the sale needs. */
static gboolean
top_up_allocations (BoCliContext *ctx,
                    char        **ticket_texts,
                    const GError *sale_error)
{
  g_autoptr (GHashTable) wanted = g_hash_table_new (NULL, NULL);
  g_autoptr (BoSyncEngine) engine = NULL;
  g_autofree char *path = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (!g_error_matches (sale_error, BO_SALE_ERROR, BO_SALE_ERROR_ALLOCATION_EXHAUSTED) ||
      bo_device_get_id (ctx->device) == 0)
    return FALSE;

  for (guint i = 0; ticket_texts[i] != NULL; i++)
    {
      gint64 type_id = 0;
      guint quantity = 0;

      if (!parse_ticket_spec (ticket_texts[i], &type_id, &quantity, NULL))
        return FALSE;
      key = GSIZE_TO_POINTER ((gsize) type_id);
      g_hash_table_insert (wanted, key,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (wanted, key)) +
                                             quantity));
    }

  path = ctx->db_path != NULL ? g_strdup (ctx->db_path) : bo_store_default_path ();
  engine = bo_sync_engine_new (path);
  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr (GError) local_error = NULL;

      if (!bo_sync_engine_allocate (engine, (guint32) GPOINTER_TO_SIZE (key),
                                    GPOINTER_TO_UINT (value), NULL, &local_error))
        {
          /* Said beside the sale's own error, which stays the one reported. */
          if (ctx->json)
            {
              if (ctx->error_extra == NULL)
                ctx->error_extra = json_object_new ();
              json_object_set_string_member (ctx->error_extra, "allocation_request",
                                             local_error->message);
            }
          else
            g_printerr ("%s: %s\n", BO_CLI_PROGRAM, local_error->message);
          return FALSE;
        }
    }
  return TRUE;
}

/* METHOD[@AMOUNT][:ARGUMENT] */
static gboolean
parse_pay_spec (const char *text,
                PaySpec    *spec,
                GError    **error)
{
  g_autofree char *head = NULL;
  const char *colon = strchr (text, ':');
  const char *argument = colon != NULL ? colon + 1 : NULL;
  char *at;

  spec->amount = -1;
  spec->tendered = -1;
  spec->reference = NULL;

  head = colon != NULL ? g_strndup (text, colon - text) : g_strdup (text);
  at = strchr (head, '@');
  if (at != NULL)
    {
      *at = '\0';
      if (!bo_cli_parse_int (at + 1, "--pay …@AMOUNT", 0, G_MAXINT64, &spec->amount, error))
        return FALSE;
    }
  if (!bo_payment_method_from_string (head, &spec->method))
    return bo_cli_usage_error (error, _("--pay expects cash[:TENDERED], card[:REFERENCE], "
                                        "voucher:CODE or free, not “%s”"),
                               text);

  switch (spec->method)
    {
    case BO_PAYMENT_CASH:
      if (argument != NULL
          && !bo_cli_parse_int (argument, "--pay cash:TENDERED", 0, G_MAXINT64,
                                &spec->tendered, error))
        return FALSE;
      break;
    case BO_PAYMENT_CARD:
      if (argument != NULL && *argument != '\0')
        spec->reference = g_strdup (argument);
      break;
    case BO_PAYMENT_VOUCHER:
      if (argument == NULL || *argument == '\0')
        return bo_cli_usage_error (error, _("--pay voucher needs the voucher code: "
                                            "voucher:CODE"));
      spec->reference = g_strdup (argument);
      break;
    case BO_PAYMENT_FREE:
      if (argument != NULL)
        return bo_cli_usage_error (error, _("--pay free takes no argument"));
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/* Turns the payment specs into sale payments, resolved in the order given: an explicit
 * @AMOUNT covers exactly that; a cash payment with TENDERED that is not the last covers what
 * was tendered (at most what is left); every other payment covers the rest. */
static gboolean
add_payments (BoSale       *sale,
              BoCliContext *ctx,
              GArray       *specs,
              GError      **error)
{
  gint64 total = -1;
  gint64 remaining;

  for (guint i = 0; i < specs->len; i++)
    {
      PaySpec *spec = &g_array_index (specs, PaySpec, i);

      if (spec->amount < 0 && spec->method == BO_PAYMENT_CASH && spec->tendered >= 0
          && i + 1 < specs->len)
        {
          if (!bo_sale_compute_total (sale, ctx->store, &total, error))
            return FALSE;
          break;
        }
    }

  remaining = total;
  for (guint i = 0; i < specs->len; i++)
    {
      PaySpec *spec = &g_array_index (specs, PaySpec, i);
      gint64 amount = BO_PAYMENT_REST;

      if (spec->amount >= 0)
        amount = spec->amount;
      else if (spec->method == BO_PAYMENT_CASH && spec->tendered >= 0 && i + 1 < specs->len)
        amount = MIN (spec->tendered, MAX (remaining, 0));

      if (remaining >= 0)
        remaining = amount == BO_PAYMENT_REST ? 0 : MAX (remaining - amount, 0);
      bo_sale_add_payment (sale, spec->method, amount,
                           spec->method == BO_PAYMENT_CASH ? spec->tendered : -1,
                           spec->reference);
    }
  return TRUE;
}

static void
build_payments (JsonBuilder *builder,
                BoOrder     *order)
{
  GPtrArray *payments = bo_order_get_payments (order);

  json_builder_set_member_name (builder, "payments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < payments->len; i++)
    {
      BoOrderPayment *payment = g_ptr_array_index (payments, i);

      json_builder_begin_object (builder);
      bo_json_add_string_or_null (builder, "method", bo_payment_method_to_string (payment->method));
      bo_cli_add_int (builder, "amount", payment->amount);
      bo_cli_add_int_or_null (builder, "tendered", payment->tendered);
      bo_cli_add_int (builder, "change", payment->change);
      bo_json_add_string_or_null (builder, "reference", payment->reference);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
build_tickets (JsonBuilder *builder,
               BoOrder     *order,
               gboolean     full)
{
  GPtrArray *tickets = bo_order_get_tickets (order);

  json_builder_set_member_name (builder, "tickets");
  json_builder_begin_array (builder);
  for (guint i = 0; i < tickets->len; i++)
    {
      BoOrderTicket *ticket = g_ptr_array_index (tickets, i);

      json_builder_begin_object (builder);
      bo_json_add_string_or_null (builder, "uuid", ticket->uuid);
      bo_json_add_string_or_null (builder, "secret", ticket->secret);
      bo_cli_add_int (builder, "ticket_type_id", ticket->ticket_type_id);
      if (full)
        {
          bo_json_add_string_or_null (builder, "ticket_type_name", ticket->ticket_type_name);
          bo_cli_add_int (builder, "serial", ticket->serial);
          bo_json_add_string_or_null (builder, "status", ticket->status);
          bo_cli_add_int (builder, "print_count", ticket->print_count);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
build_lines (JsonBuilder *builder,
             BoOrder     *order)
{
  GPtrArray *lines = bo_order_get_lines (order);

  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (guint i = 0; i < lines->len; i++)
    {
      BoOrderLine *line = g_ptr_array_index (lines, i);

      json_builder_begin_object (builder);
      bo_cli_add_int (builder, "ticket_type_id", line->ticket_type_id);
      bo_json_add_string_or_null (builder, "ticket_type_name", line->ticket_type_name);
      bo_cli_add_int (builder, "quantity", line->quantity);
      bo_cli_add_int (builder, "unit_price", line->unit_price);
      bo_cli_add_int (builder, "unit_fee", line->unit_fee);
      bo_cli_add_int (builder, "tax_rate_bp", line->tax_rate_bp);
      json_builder_set_member_name (builder, "allocation_id");
      if (line->allocation_id > 0)
        json_builder_add_int_value (builder, line->allocation_id);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
build_taxes (JsonBuilder *builder,
             BoOrder     *order)
{
  GArray *taxes = bo_order_get_tax_lines (order);

  json_builder_set_member_name (builder, "taxes");
  json_builder_begin_array (builder);
  for (guint i = 0; taxes != NULL && i < taxes->len; i++)
    {
      BoTaxLine *tax = &g_array_index (taxes, BoTaxLine, i);

      json_builder_begin_object (builder);
      bo_cli_add_int (builder, "rate_bp", tax->rate_bp);
      bo_cli_add_int (builder, "gross", tax->gross);
      bo_cli_add_int (builder, "net", tax->net);
      bo_cli_add_int (builder, "tax", tax->tax);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_payments (BoOrder *order)
{
  GPtrArray *payments = bo_order_get_payments (order);
  const char *currency = bo_order_get_currency (order);

  for (guint i = 0; i < payments->len; i++)
    {
      BoOrderPayment *payment = g_ptr_array_index (payments, i);
      g_autofree char *amount = bo_cli_money (payment->amount, currency);

      if (payment->tendered >= 0)
        {
          g_autofree char *tendered = bo_cli_money (payment->tendered, currency);
          g_autofree char *change = bo_cli_money (payment->change, currency);

          printf (_("  Paid %s by %s (tendered %s, change %s)"), amount,
                  bo_payment_method_to_string (payment->method), tendered, change);
        }
      else
        printf (_("  Paid %s by %s"), amount, bo_payment_method_to_string (payment->method));
      if (payment->reference != NULL)
        printf (" [%s]", payment->reference);
      printf ("\n");
    }
}

static void
print_tickets (BoOrder *order)
{
  GPtrArray *tickets = bo_order_get_tickets (order);

  for (guint i = 0; i < tickets->len; i++)
    {
      BoOrderTicket *ticket = g_ptr_array_index (tickets, i);

      const char *type_name = ticket->ticket_type_name != NULL ? ticket->ticket_type_name : "";

      if (g_strcmp0 (ticket->status, "valid") == 0)
        printf (_("  Ticket %s (%s)\n    %s\n"), ticket->uuid, type_name, ticket->secret);
      else
        /* TRANSLATORS: ticket id, (ticket type, status such as "refunded"), then its code. */
        printf (_("  Ticket %s (%s, %s)\n    %s\n"), ticket->uuid, type_name, ticket->status,
                ticket->secret);
    }
}

gboolean
bo_cli_cmd_sell (BoCliContext *ctx,
                 int           argc,
                 char        **argv,
                 GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (BoOperator) op = NULL;
  g_autoptr (BoSale) sale = NULL;
  g_autoptr (BoOrder) order = NULL;
  g_autoptr (GArray) specs = NULL;
  g_autoptr (GError) sale_error = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *event_text = NULL;
  g_auto (GStrv) ticket_texts = NULL;
  g_auto (GStrv) pay_texts = NULL;
  gboolean force = FALSE;
  gint64 event_id;
  const GOptionEntry entries[] = {
    { "pin", 0, 0, G_OPTION_ARG_STRING, &pin, N_("PIN of the operator selling"), N_("PIN") },
    { "event", 0, 0, G_OPTION_ARG_STRING, &event_text, N_("Event id"), N_("ID") },
    { "ticket", 0, 0, G_OPTION_ARG_STRING_ARRAY, &ticket_texts,
      N_("Tickets of a type, e.g. 12:2 (repeat for more types)"), N_("TYPE_ID:QUANTITY") },
    { "pay", 0, 0, G_OPTION_ARG_STRING_ARRAY, &pay_texts,
      N_("Payment: cash[:TENDERED], card[:REFERENCE], voucher:CODE or free (repeat to split)"),
      N_("METHOD[@AMOUNT][:X]") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Sell beyond capacity or allocation (manager PIN only)"), NULL },
    G_OPTION_ENTRY_NULL
  };

  octx = bo_cli_option_context_new (ctx, argv[0], NULL,
                                    _("Sell tickets of one event in the open shift.\n\n"
                                      "Amounts are whole numbers in minor units (1250 = 12.50). "
                                      "“cash” alone is paid exact; “cash:5000” means 5000 was "
                                      "handed over and the change is given back. Several --pay "
                                      "split the payment: they are used in the order given, a "
                                      "cash payment with TENDERED that is not the last covers "
                                      "what was handed over, any other covers the rest; "
                                      "METHOD@AMOUNT makes a payment cover exactly AMOUNT "
                                      "(e.g. --pay voucher@1000:GIFT1 --pay card).\n\n"
                                      "With --json, prints {\"order_uuid\", \"event_id\", "
                                      "\"total\", \"currency\", \"change\", \"status\", "
                                      "\"forced\", \"journal_seq\", \"tickets\": [{\"uuid\", "
                                      "\"secret\", \"ticket_type_id\"}], \"payments\": […]}."),
                                    entries);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;

  if (event_text == NULL)
    return bo_cli_usage_error (error, _("%s is required"), "--event");
  if (!bo_cli_parse_int (event_text, "--event", 1, G_MAXUINT32, &event_id, error))
    return FALSE;
  if (ticket_texts == NULL || ticket_texts[0] == NULL)
    return bo_cli_usage_error (error, _("%s is required"), "--ticket");
  if (pay_texts == NULL || pay_texts[0] == NULL)
    return bo_cli_usage_error (error, _("%s is required"), "--pay");

  sale = bo_sale_new (event_id);
  for (guint i = 0; ticket_texts[i] != NULL; i++)
    {
      gint64 type_id = 0;
      guint quantity = 0;

      if (!parse_ticket_spec (ticket_texts[i], &type_id, &quantity, error))
        return FALSE;
      if (!bo_sale_add_tickets (sale, type_id, quantity, error))
        return FALSE;
    }

  specs = g_array_new (FALSE, TRUE, sizeof (PaySpec));
  g_array_set_clear_func (specs, pay_spec_clear);
  for (guint i = 0; pay_texts[i] != NULL; i++)
    {
      PaySpec spec;

      if (!parse_pay_spec (pay_texts[i], &spec, error))
        return FALSE;
      g_array_append_val (specs, spec);
    }

  op = bo_cli_login (ctx, pin, "--pin", error);
  if (op == NULL)
    return FALSE;
  if (!add_payments (sale, ctx, specs, error))
    return FALSE;
  bo_sale_set_force (sale, force);

  order = bo_sale_commit (sale, ctx->store, ctx->device, op, &sale_error);
  if (order == NULL && !force && top_up_allocations (ctx, ticket_texts, sale_error))
    {
      g_clear_error (&sale_error);
      order = bo_sale_commit (sale, ctx->store, ctx->device, op, &sale_error);
    }
  if (order == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&sale_error));
      return FALSE;
    }

  if (ctx->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      bo_json_add_string_or_null (builder, "order_uuid", bo_order_get_uuid (order));
      bo_cli_add_int (builder, "event_id", bo_order_get_event_id (order));
      bo_json_add_string_or_null (builder, "created_at", bo_order_get_created_at (order));
      bo_cli_add_int (builder, "total", bo_order_get_total (order));
      bo_json_add_string_or_null (builder, "currency", bo_order_get_currency (order));
      bo_cli_add_int (builder, "change", bo_order_get_change (order));
      bo_json_add_string_or_null (builder, "status", bo_order_get_status (order));
      bo_cli_add_bool (builder, "forced", bo_order_get_forced (order));
      bo_cli_add_int (builder, "journal_seq", bo_order_get_journal_seq (order));
      build_lines (builder, order);
      build_tickets (builder, order, FALSE);
      build_payments (builder, order);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      bo_cli_print_json (root);
    }
  else
    {
      guint n = bo_order_get_tickets (order)->len;
      g_autofree char *total = bo_cli_money (bo_order_get_total (order),
                                             bo_order_get_currency (order));

      const char *event_name = bo_order_get_event_name (order) != NULL
                                 ? bo_order_get_event_name (order) : "";

      if (bo_order_get_forced (order))
        printf (ngettext ("Sold %u ticket for %s, total %s (over capacity, forced).\n",
                          "Sold %u tickets for %s, total %s (over capacity, forced).\n", n),
                n, event_name, total);
      else
        printf (ngettext ("Sold %u ticket for %s, total %s.\n",
                          "Sold %u tickets for %s, total %s.\n", n),
                n, event_name, total);
      if (bo_order_get_change (order) > 0)
        {
          g_autofree char *change = bo_cli_money (bo_order_get_change (order),
                                                  bo_order_get_currency (order));

          printf (_("Change to give back: %s\n"), change);
        }
      printf (_("Order %s\n"), bo_order_get_uuid (order));
      print_payments (order);
      print_tickets (order);
    }
  return TRUE;
}

/* refund and void: both print the BoRefund they made. */
static void
output_refund (BoCliContext *ctx,
               BoRefund     *refund)
{
  g_autoptr (BoOrder) order = bo_order_lookup (ctx->store, bo_refund_get_order_uuid (refund),
                                               NULL);
  /* Owned by the refund (bo-refund.c returns its own array). */
  const char * const *tickets = bo_refund_get_ticket_uuids (refund);

  if (ctx->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      bo_json_add_string_or_null (builder, "uuid", bo_refund_get_uuid (refund));
      bo_json_add_string_or_null (builder, "order_uuid", bo_refund_get_order_uuid (refund));
      bo_json_add_string_or_null (builder, "kind", bo_refund_get_kind (refund));
      bo_cli_add_int (builder, "amount", bo_refund_get_amount (refund));
      bo_json_add_string_or_null (builder, "method", bo_refund_get_method (refund));
      bo_json_add_string_or_null (builder, "currency", bo_refund_get_currency (refund));
      bo_json_add_string_or_null (builder, "order_status",
                                  order != NULL ? bo_order_get_status (order) : NULL);
      json_builder_set_member_name (builder, "tickets");
      json_builder_begin_array (builder);
      for (guint i = 0; tickets != NULL && tickets[i] != NULL; i++)
        json_builder_add_string_value (builder, tickets[i]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      bo_cli_print_json (root);
    }
  else
    {
      guint n = tickets != NULL ? g_strv_length ((GStrv) tickets) : 0;
      g_autofree char *amount = bo_cli_money (bo_refund_get_amount (refund),
                                              bo_refund_get_currency (refund));

      if (g_strcmp0 (bo_refund_get_kind (refund), "void") == 0)
        printf (ngettext ("Voided order %s (%u ticket): pay back %s by %s.\n",
                          "Voided order %s (%u tickets): pay back %s by %s.\n", n),
                bo_refund_get_order_uuid (refund), n, amount, bo_refund_get_method (refund));
      else
        printf (ngettext ("Refunded %u ticket of order %s: pay back %s by %s.\n",
                          "Refunded %u tickets of order %s: pay back %s by %s.\n", n),
                n, bo_refund_get_order_uuid (refund), amount, bo_refund_get_method (refund));
      for (guint i = 0; i < n; i++)
        printf ("  %s\n", tickets[i]);
    }
}

/* --order takes a uuid or the server's order code. */
static char *
resolve_order_uuid (BoCliContext *ctx,
                    const char   *text,
                    GError      **error)
{
  g_autoptr (BoOrder) order = NULL;

  if (text == NULL)
    {
      bo_cli_usage_error (error, _("%s is required"), "--order");
      return NULL;
    }
  if (!bo_cli_open_store (ctx, error))
    return NULL;
  order = bo_order_lookup (ctx->store, text, error);
  if (order == NULL)
    return NULL;
  return g_strdup (bo_order_get_uuid (order));
}

gboolean
bo_cli_cmd_refund (BoCliContext *ctx,
                   int           argc,
                   char        **argv,
                   GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (BoOperator) op = NULL;
  g_autoptr (BoRefund) refund = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *order_text = NULL;
  g_autofree char *order_uuid = NULL;
  g_autofree char *reason = NULL;
  g_auto (GStrv) tickets = NULL;
  const GOptionEntry entries[] = {
    { "pin", 0, 0, G_OPTION_ARG_STRING, &pin, N_("PIN of a manager"), N_("PIN") },
    { "order", 0, 0, G_OPTION_ARG_STRING, &order_text, N_("The order’s uuid or code"),
      N_("UUID") },
    { "ticket", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tickets,
      N_("Refund only this ticket (repeat for more; default: every ticket not yet refunded)"),
      N_("UUID") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the money is paid back"),
      N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };

  octx = bo_cli_option_context_new (ctx, argv[0], NULL,
                                    _("Refund tickets of an order (manager). The sale stays as "
                                      "it was; the refund is recorded, journaled and sent to the "
                                      "server. With --json, prints {\"uuid\", \"order_uuid\", "
                                      "\"kind\", \"amount\", \"method\", \"currency\", "
                                      "\"order_status\", \"tickets\": [uuids]}."),
                                    entries);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;
  if (order_text == NULL)
    return bo_cli_usage_error (error, _("%s is required"), "--order");
  op = bo_cli_login (ctx, pin, "--pin", error);
  if (op == NULL)
    return FALSE;
  order_uuid = resolve_order_uuid (ctx, order_text, error);
  if (order_uuid == NULL)
    return FALSE;

  refund = bo_refund_order (ctx->store, ctx->device, op, order_uuid,
                            (const char * const *) tickets, reason, error);
  if (refund == NULL)
    return FALSE;
  output_refund (ctx, refund);
  return TRUE;
}

gboolean
bo_cli_cmd_void (BoCliContext *ctx,
                 int           argc,
                 char        **argv,
                 GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (BoOperator) op = NULL;
  g_autoptr (BoRefund) refund = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *order_text = NULL;
  g_autofree char *order_uuid = NULL;
  g_autofree char *reason = NULL;
  const GOptionEntry entries[] = {
    { "pin", 0, 0, G_OPTION_ARG_STRING, &pin, N_("PIN of a manager"), N_("PIN") },
    { "order", 0, 0, G_OPTION_ARG_STRING, &order_text, N_("The order’s uuid or code"),
      N_("UUID") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the order is voided"),
      N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };

  octx = bo_cli_option_context_new (ctx, argv[0], NULL,
                                    _("Void a whole order sold by mistake in the open shift "
                                      "(manager). Prints the same object as refund, with "
                                      "\"kind\": \"void\"."),
                                    entries);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;
  if (order_text == NULL)
    return bo_cli_usage_error (error, _("%s is required"), "--order");
  op = bo_cli_login (ctx, pin, "--pin", error);
  if (op == NULL)
    return FALSE;
  order_uuid = resolve_order_uuid (ctx, order_text, error);
  if (order_uuid == NULL)
    return FALSE;

  refund = bo_void_order (ctx->store, ctx->device, op, order_uuid, reason, error);
  if (refund == NULL)
    return FALSE;
  output_refund (ctx, refund);
  return TRUE;
}

static void
build_order_summary (JsonBuilder *builder,
                     BoOrder     *order)
{
  bo_json_add_string_or_null (builder, "uuid", bo_order_get_uuid (order));
  bo_json_add_string_or_null (builder, "code", bo_order_get_code (order));
  bo_cli_add_int (builder, "event_id", bo_order_get_event_id (order));
  bo_json_add_string_or_null (builder, "event_name", bo_order_get_event_name (order));
  bo_json_add_string_or_null (builder, "created_at", bo_order_get_created_at (order));
  bo_json_add_string_or_null (builder, "operator", bo_order_get_operator_name (order));
  bo_json_add_string_or_null (builder, "currency", bo_order_get_currency (order));
  bo_cli_add_int (builder, "total", bo_order_get_total (order));
  bo_cli_add_int (builder, "refunded", bo_order_get_refunded (order));
  bo_json_add_string_or_null (builder, "status", bo_order_get_status (order));
  bo_cli_add_bool (builder, "forced", bo_order_get_forced (order));
}

static gboolean
cmd_order_show (BoCliContext *ctx,
                int           argc,
                char        **argv,
                GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (BoOrder) order = NULL;
  g_auto (GStrv) rest = NULL;
  const GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    G_OPTION_ENTRY_NULL
  };

  octx = bo_cli_option_context_new (ctx, argv[0], _("UUID_OR_CODE"),
                                    _("Show an order with its lines, payments, tickets and the "
                                      "tax it contains per rate."),
                                    entries);
  if (!bo_cli_parse_options (octx, &argc, &argv, error))
    return FALSE;
  if (rest == NULL || rest[0] == NULL)
    return bo_cli_usage_error (error, _("Which order? Give its uuid or code"));
  if (rest[1] != NULL)
    return bo_cli_usage_error (error, _("Unexpected argument “%s”"), rest[1]);
  if (!bo_cli_open_store (ctx, error))
    return FALSE;

  order = bo_order_lookup (ctx->store, rest[0], error);
  if (order == NULL)
    return FALSE;

  if (ctx->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      build_order_summary (builder, order);
      bo_cli_add_int (builder, "fees", bo_order_get_fees (order));
      bo_cli_add_int (builder, "change", bo_order_get_change (order));
      bo_cli_add_int (builder, "journal_seq", bo_order_get_journal_seq (order));
      build_lines (builder, order);
      build_payments (builder, order);
      build_tickets (builder, order, TRUE);
      build_taxes (builder, order);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      bo_cli_print_json (root);
    }
  else
    {
      const char *currency = bo_order_get_currency (order);
      GPtrArray *lines = bo_order_get_lines (order);
      GArray *taxes = bo_order_get_tax_lines (order);
      g_autofree char *total = bo_cli_money (bo_order_get_total (order), currency);

      printf (_("Order %s%s%s%s\n"), bo_order_get_uuid (order),
              bo_order_get_code (order) != NULL ? " (" : "",
              bo_order_get_code (order) != NULL ? bo_order_get_code (order) : "",
              bo_order_get_code (order) != NULL ? ")" : "");
      printf (_("  %s, %s, sold by %s, %s\n"),
              bo_order_get_event_name (order) != NULL ? bo_order_get_event_name (order) : "",
              bo_order_get_created_at (order),
              bo_order_get_operator_name (order) != NULL ? bo_order_get_operator_name (order) : "",
              bo_order_get_status (order));
      for (guint i = 0; i < lines->len; i++)
        {
          BoOrderLine *line = g_ptr_array_index (lines, i);
          g_autofree char *unit = bo_cli_money (line->unit_price + line->unit_fee, currency);

          printf ("  %u × %s  %s\n", line->quantity,
                  line->ticket_type_name != NULL ? line->ticket_type_name : "", unit);
        }
      printf (_("  Total %s\n"), total);
      for (guint i = 0; taxes != NULL && i < taxes->len; i++)
        {
          BoTaxLine *tax = &g_array_index (taxes, BoTaxLine, i);
          g_autofree char *amount = bo_cli_money (tax->tax, currency);

          printf (_("  of which tax %d.%02d %%: %s\n"), tax->rate_bp / 100, tax->rate_bp % 100,
                  amount);
        }
      if (bo_order_get_refunded (order) > 0)
        {
          g_autofree char *refunded = bo_cli_money (bo_order_get_refunded (order), currency);

          printf (_("  Refunded %s\n"), refunded);
        }
      print_payments (order);
      print_tickets (order);
    }
  return TRUE;
}

static const BoCliCommand order_commands[] = {
  { "show", cmd_order_show, N_("Show an order: UUID_OR_CODE") },
  { NULL, NULL, NULL },
};

gboolean
bo_cli_cmd_order (BoCliContext *ctx,
                  int           argc,
                  char        **argv,
                  GError      **error)
{
  return bo_cli_run_subcommand (ctx, "order", order_commands, argc, argv, error);
}

gboolean
bo_cli_cmd_orders (BoCliContext *ctx,
                   int           argc,
                   char        **argv,
                   GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (GPtrArray) orders = NULL;
  g_autofree char *limit_text = NULL;
  gint64 limit = 20;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text,
      N_("How many orders to list (default 20)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };

  octx = bo_cli_option_context_new (ctx, argv[0], NULL, _("List recent orders, newest first."),
                                    entries);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;
  if (limit_text != NULL
      && !bo_cli_parse_int (limit_text, "--limit", 1, 100000, &limit, error))
    return FALSE;
  if (!bo_cli_open_store (ctx, error))
    return FALSE;
  orders = bo_order_list_recent (ctx->store, (guint) limit, error);
  if (orders == NULL)
    return FALSE;

  if (ctx->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "orders");
      json_builder_begin_array (builder);
      for (guint i = 0; i < orders->len; i++)
        {
          BoOrder *order = g_ptr_array_index (orders, i);

          json_builder_begin_object (builder);
          build_order_summary (builder, order);
          bo_cli_add_int (builder, "tickets", bo_order_get_tickets (order)->len);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      bo_cli_print_json (root);
    }
  else if (orders->len == 0)
    printf (_("No orders yet.\n"));
  else
    {
      for (guint i = 0; i < orders->len; i++)
        {
          BoOrder *order = g_ptr_array_index (orders, i);
          g_autofree char *total = bo_cli_money (bo_order_get_total (order),
                                                 bo_order_get_currency (order));
          g_autofree char *total_col = bo_cli_pad (total, 14);
          g_autofree char *status_col = bo_cli_pad (bo_order_get_status (order), 19);

          printf ("%s  %s  %s %s %s\n", bo_order_get_created_at (order),
                  bo_order_get_uuid (order), total_col, status_col,
                  bo_order_get_event_name (order) != NULL ? bo_order_get_event_name (order) : "");
        }
    }
  return TRUE;
}
