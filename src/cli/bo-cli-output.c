/* bo-cli-output.c — JSON and text output of the CLI, and errors as scripts see them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cli/bo-cli-output.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "domain/bo-checkin.h"
#include "domain/bo-event.h"
#include "domain/bo-journal.h"
#include "domain/bo-money.h"
#include "domain/bo-operator.h"
#include "domain/bo-order.h"
#include "domain/bo-outbox.h"
#include "domain/bo-refund.h"
#include "domain/bo-sale.h"
#include "domain/bo-shift.h"
#include "print/bo-print-error.h"
#include "sync/bo-sync-error.h"

/* The codes are part of the CLI's interface: scripts match on them, so they never change
 * once released. A code of -1 matches every code of the domain. */
static const struct {
  GQuark    (*domain) (void);
  int         code;
  const char *name;
} error_codes[] = {
  { bo_cli_error_quark, BO_CLI_ERROR_USAGE, "usage" },
  { g_option_error_quark, -1, "usage" },

  { bo_store_error_quark, BO_STORE_ERROR_OPEN, "store_open" },
  { bo_store_error_quark, BO_STORE_ERROR_CORRUPT, "store_corrupt" },
  { bo_store_error_quark, BO_STORE_ERROR_LOCKED, "store_locked" },
  { bo_store_error_quark, BO_STORE_ERROR_READ_ONLY, "store_read_only" },
  { bo_store_error_quark, BO_STORE_ERROR_TOO_NEW, "store_too_new" },
  { bo_store_error_quark, BO_STORE_ERROR_FULL, "disk_full" },
  { bo_store_error_quark, BO_STORE_ERROR_FAILED, "store_failed" },

  { bo_operator_error_quark, BO_OPERATOR_ERROR_INVALID, "invalid_operator" },
  { bo_operator_error_quark, BO_OPERATOR_ERROR_EXISTS, "operator_exists" },
  { bo_operator_error_quark, BO_OPERATOR_ERROR_PIN_TAKEN, "pin_taken" },
  { bo_operator_error_quark, BO_OPERATOR_ERROR_WRONG_PIN, "wrong_pin" },
  { bo_operator_error_quark, BO_OPERATOR_ERROR_THROTTLED, "throttled" },
  { bo_operator_error_quark, BO_OPERATOR_ERROR_NOT_ALLOWED, "not_allowed" },

  { bo_shift_error_quark, BO_SHIFT_ERROR_ALREADY_OPEN, "shift_already_open" },
  { bo_shift_error_quark, BO_SHIFT_ERROR_NOT_OPEN, "no_shift" },
  { bo_shift_error_quark, BO_SHIFT_ERROR_INVALID, "invalid_amount" },

  { bo_catalog_error_quark, BO_CATALOG_ERROR_NOT_FOUND, "not_found" },
  { bo_order_error_quark, BO_ORDER_ERROR_NOT_FOUND, "order_not_found" },

  { bo_sale_error_quark, BO_SALE_ERROR_EMPTY, "empty_sale" },
  { bo_sale_error_quark, BO_SALE_ERROR_NO_SHIFT, "no_shift" },
  { bo_sale_error_quark, BO_SALE_ERROR_UNKNOWN_TICKET_TYPE, "unknown_ticket_type" },
  { bo_sale_error_quark, BO_SALE_ERROR_NOT_ON_SALE, "not_on_sale" },
  { bo_sale_error_quark, BO_SALE_ERROR_SOLD_OUT, "sold_out" },
  { bo_sale_error_quark, BO_SALE_ERROR_ALLOCATION_EXHAUSTED, "allocation_exhausted" },
  { bo_sale_error_quark, BO_SALE_ERROR_PAYMENT, "payment" },
  { bo_sale_error_quark, BO_SALE_ERROR_INVALID, "invalid_sale" },

  { bo_refund_error_quark, BO_REFUND_ERROR_NOTHING_TO_REFUND, "nothing_to_refund" },
  { bo_refund_error_quark, BO_REFUND_ERROR_UNKNOWN_TICKET, "unknown_ticket" },
  { bo_refund_error_quark, BO_REFUND_ERROR_CHECKED_IN, "checked_in" },
  { bo_refund_error_quark, BO_REFUND_ERROR_NOT_VOIDABLE, "not_voidable" },

  { bo_checkin_error_quark, BO_CHECKIN_ERROR_MALFORMED, "malformed" },

  { bo_journal_error_quark, BO_JOURNAL_ERROR_BROKEN, "journal_broken" },
  { bo_journal_error_quark, BO_JOURNAL_ERROR_FAILED, "journal_failed" },

  { bo_sync_error_quark, BO_SYNC_ERROR_NETWORK, "network" },
  { bo_sync_error_quark, BO_SYNC_ERROR_TIMEOUT, "timeout" },
  { bo_sync_error_quark, BO_SYNC_ERROR_TLS, "tls" },
  { bo_sync_error_quark, BO_SYNC_ERROR_SERVER, "server_error" },
  { bo_sync_error_quark, BO_SYNC_ERROR_RATE_LIMITED, "rate_limited" },
  { bo_sync_error_quark, BO_SYNC_ERROR_REJECTED, "rejected" },
  { bo_sync_error_quark, BO_SYNC_ERROR_UNAUTHORIZED, "unauthorized" },
  { bo_sync_error_quark, BO_SYNC_ERROR_REVOKED, "device_revoked" },
  { bo_sync_error_quark, BO_SYNC_ERROR_BAD_RESPONSE, "bad_response" },
  { bo_sync_error_quark, BO_SYNC_ERROR_NOT_REGISTERED, "not_registered" },
  { bo_sync_error_quark, BO_SYNC_ERROR_ALREADY_REGISTERED, "already_registered" },
  { bo_sync_error_quark, BO_SYNC_ERROR_CANCELLED, "cancelled" },
  { bo_sync_error_quark, BO_SYNC_ERROR_LOCAL_DATA, "local_data" },

  { bo_print_error_quark, BO_PRINT_ERROR_NO_PRINTER, "no_printer" },
  { bo_print_error_quark, BO_PRINT_ERROR_NOT_FOUND, "printer_not_found" },
  { bo_print_error_quark, BO_PRINT_ERROR_UNPLUGGED, "printer_unplugged" },
  { bo_print_error_quark, BO_PRINT_ERROR_PAPER_OUT, "paper_out" },
  { bo_print_error_quark, BO_PRINT_ERROR_COVER_OPEN, "cover_open" },
  { bo_print_error_quark, BO_PRINT_ERROR_TIMEOUT, "printer_timeout" },
  { bo_print_error_quark, BO_PRINT_ERROR_STALLED, "printer_stalled" },
  { bo_print_error_quark, BO_PRINT_ERROR_BUSY, "printer_busy" },
  { bo_print_error_quark, BO_PRINT_ERROR_CUPS, "cups" },
  { bo_print_error_quark, BO_PRINT_ERROR_FORMAT, "print_format" },
  { bo_print_error_quark, BO_PRINT_ERROR_INVALID_URI, "invalid_printer_uri" },
  { bo_print_error_quark, BO_PRINT_ERROR_FAILED, "print_failed" },

  { g_io_error_quark, G_IO_ERROR_INVALID_ARGUMENT, "invalid_argument" },
  { g_io_error_quark, G_IO_ERROR_INVALID_DATA, "invalid_argument" },
  { g_io_error_quark, -1, "io_error" },
};

const char *
bo_cli_error_code (const GError *error)
{
  g_return_val_if_fail (error != NULL, "failed");

  for (gsize i = 0; i < G_N_ELEMENTS (error_codes); i++)
    {
      if (error->domain == error_codes[i].domain ()
          && (error_codes[i].code == -1 || error->code == error_codes[i].code))
        return error_codes[i].name;
    }
  return "failed";
}

int
bo_cli_exit_status (const GError *error)
{
  if (g_str_equal (bo_cli_error_code (error), "usage"))
    return BO_CLI_EXIT_USAGE;
  return BO_CLI_EXIT_FAILED;
}

static void
add_extra_member (JsonObject  *object,
                  const char  *member,
                  JsonNode    *node,
                  gpointer     user_data)
{
  JsonBuilder *builder = user_data;

  json_builder_set_member_name (builder, member);
  json_builder_add_value (builder, json_node_copy (node));
}

static JsonNode *
error_to_json (const GError *error,
               JsonObject   *extra)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  bo_json_add_string_or_null (builder, "code", bo_cli_error_code (error));
  bo_json_add_string_or_null (builder, "message", error->message);
  if (extra != NULL)
    json_object_foreach_member (extra, add_extra_member, builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

JsonNode *
bo_cli_error_to_json (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  return error_to_json (error, NULL);
}

void
bo_cli_print_error (BoCliContext *ctx,
                    const GError *error)
{
  g_return_if_fail (error != NULL);

  if (ctx->json)
    {
      g_autoptr (JsonNode) node = error_to_json (error, ctx->error_extra);
      g_autofree char *text = bo_json_to_string (node);

      g_printerr ("%s\n", text);
    }
  else
    {
      g_printerr ("%s: %s\n", BO_CLI_PROGRAM, error->message);
      if (bo_cli_exit_status (error) == BO_CLI_EXIT_USAGE)
        g_printerr (_("Try “%s --help” for more information.\n"), BO_CLI_PROGRAM);
    }
}

void
bo_cli_print_json (JsonNode *node)
{
  g_autofree char *text = NULL;

  g_return_if_fail (node != NULL);

  text = bo_json_to_string (node);
  /* Written as bytes: JSON is UTF-8 whatever the locale's charset. */
  fputs (text, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

void
bo_cli_add_int (JsonBuilder *builder,
                const char  *member,
                gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

void
bo_cli_add_int_or_null (JsonBuilder *builder,
                        const char  *member,
                        gint64       value)
{
  json_builder_set_member_name (builder, member);
  if (value >= 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
bo_cli_add_bool (JsonBuilder *builder,
                 const char  *member,
                 gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

char *
bo_cli_money (gint64      amount,
              const char *currency)
{
  return bo_money_format (amount, currency != NULL ? currency : "EUR");
}

char *
bo_cli_pad (const char *text,
            guint       width)
{
  GString *out;
  glong len;

  if (text == NULL)
    text = "";
  out = g_string_new (text);
  len = g_utf8_strlen (text, -1);
  for (glong i = len; i < (glong) width; i++)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}
