/* bo-cli-checkin.c — checkin: judge and record scanned tickets, one or a stream from stdin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/bo-cli.h"
#include "cli/bo-cli-output.h"
#include "domain/bo-checkin.h"

static JsonNode *
checkin_to_json (BoCheckin *checkin)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  bo_json_add_string_or_null (builder, "status",
                              bo_verdict_to_string (bo_checkin_get_verdict (checkin)));
  bo_json_add_string_or_null (builder, "uuid", bo_checkin_get_uuid (checkin));
  bo_json_add_string_or_null (builder, "secret", bo_checkin_get_secret (checkin));
  bo_cli_add_int (builder, "event_id", bo_checkin_get_event_id (checkin));
  bo_json_add_string_or_null (builder, "scanned_at", bo_checkin_get_scanned_at (checkin));
  bo_json_add_string_or_null (builder, "gate", bo_checkin_get_gate (checkin));
  bo_json_add_string_or_null (builder, "direction",
                              bo_checkin_get_direction (checkin) == BO_DIRECTION_EXIT
                                ? "exit" : "entry");
  bo_json_add_string_or_null (builder, "ticket_uuid", bo_checkin_get_ticket_uuid (checkin));
  bo_json_add_string_or_null (builder, "ticket_type", bo_checkin_get_ticket_type_name (checkin));
  bo_json_add_string_or_null (builder, "attendee_name", bo_checkin_get_attendee_name (checkin));
  bo_json_add_string_or_null (builder, "order_code", bo_checkin_get_order_code (checkin));
  bo_json_add_string_or_null (builder, "first_scanned_at",
                              bo_checkin_get_first_scanned_at (checkin));
  bo_json_add_string_or_null (builder, "first_gate", bo_checkin_get_first_gate (checkin));
  bo_json_add_string_or_null (builder, "detail", bo_checkin_get_detail (checkin));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_checkin (BoCliContext *ctx,
               BoCheckin    *checkin)
{
  BoVerdict verdict = bo_checkin_get_verdict (checkin);
  g_autofree char *headline = NULL;

  if (ctx->json)
    {
      g_autoptr (JsonNode) node = checkin_to_json (checkin);

      bo_cli_print_json (node);
      return;
    }

  headline = g_utf8_strup (bo_verdict_describe (verdict), -1);
  printf ("%s", headline);
  if (bo_checkin_get_ticket_type_name (checkin) != NULL)
    printf (" — %s", bo_checkin_get_ticket_type_name (checkin));
  if (bo_checkin_get_attendee_name (checkin) != NULL)
    printf (", %s", bo_checkin_get_attendee_name (checkin));
  printf ("\n");
  if (verdict == BO_VERDICT_DUPLICATE && bo_checkin_get_first_scanned_at (checkin) != NULL)
    {
      if (bo_checkin_get_first_gate (checkin) != NULL)
        printf (_("  First scanned at %s at gate %s\n"),
                bo_checkin_get_first_scanned_at (checkin), bo_checkin_get_first_gate (checkin));
      else
        printf (_("  First scanned at %s\n"), bo_checkin_get_first_scanned_at (checkin));
    }
  if (bo_checkin_get_detail (checkin) != NULL && *bo_checkin_get_detail (checkin) != '\0')
    printf ("  %s\n", bo_checkin_get_detail (checkin));
  fflush (stdout);
}

/* One verdict per line; blank lines are skipped. A malformed line is reported in its place
 * (JSON lines: an {"error": …, "line": N} object on stdout) and the stream goes on; any other
 * failure (the database) ends it. */
static gboolean
scan_stream (BoCliContext *ctx,
             BoOperator   *op,
             gint64        event_id,
             const char   *gate,
             BoDirection   direction,
             GError      **error)
{
  g_autofree char *line = NULL;
  size_t size = 0;
  ssize_t len;
  guint line_no = 0;

  while ((len = getline (&line, &size, stdin)) >= 0)
    {
      g_autoptr (BoCheckin) checkin = NULL;
      g_autoptr (GError) local_error = NULL;

      line_no++;
      g_strstrip (line);
      if (*line == '\0')
        continue;

      checkin = bo_checkin_scan (ctx->store, ctx->device, op, event_id, line, gate, direction,
                                 &local_error);
      if (checkin != NULL)
        {
          print_checkin (ctx, checkin);
          continue;
        }
      if (!g_error_matches (local_error, BO_CHECKIN_ERROR, BO_CHECKIN_ERROR_MALFORMED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (ctx->json)
        {
          g_autoptr (JsonNode) node = bo_cli_error_to_json (local_error);

          json_object_set_int_member (json_node_get_object (node), "line", line_no);
          bo_cli_print_json (node);
        }
      else
        {
          printf (_("MALFORMED (line %u): %s\n"), line_no, local_error->message);
          fflush (stdout);
        }
    }
  if (ferror (stdin))
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot read standard input: %s"), g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
bo_cli_cmd_checkin (BoCliContext *ctx,
                    int           argc,
                    char        **argv,
                    GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (BoOperator) op = NULL;
  g_autofree char *event_text = NULL;
  g_autofree char *gate = NULL;
  g_autofree char *pin = NULL;
  g_auto (GStrv) rest = NULL;
  gboolean exit_direction = FALSE;
  gint64 event_id;
  BoDirection direction;
  const GOptionEntry entries[] = {
    { "event", 0, 0, G_OPTION_ARG_STRING, &event_text, N_("Event id"), N_("ID") },
    { "gate", 0, 0, G_OPTION_ARG_STRING, &gate, N_("Name of the gate or door"), N_("NAME") },
    { "exit", 0, 0, G_OPTION_ARG_NONE, &exit_direction,
      N_("Record leaving instead of entering"), NULL },
    { "pin", 0, 0, G_OPTION_ARG_STRING, &pin,
      N_("PIN of the operator scanning (omit for an unattended gate)"), N_("PIN") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    G_OPTION_ENTRY_NULL
  };

  octx = bo_cli_option_context_new (ctx, argv[0], _("SECRET|-"),
                                    _("Judge a scanned ticket code for an event and record the "
                                      "scan. With “-”, read codes from standard input, one per "
                                      "line, and print one verdict per line (JSON lines with "
                                      "--json; a malformed line gives an {\"error\": …, "
                                      "\"line\": N} line and the stream goes on).\n\n"
                                      "Verdicts: accepted, duplicate, unknown, cancelled, "
                                      "wrong_event, invalid_signature; with --json as "
                                      "{\"status\", \"uuid\", \"ticket_uuid\", "
                                      "\"first_scanned_at\", \"first_gate\", \"detail\", …}.\n\n"
                                      "Exit status: 0 whenever the scan was recorded, whatever "
                                      "the verdict (read it from the output); 1 when nothing "
                                      "could be recorded (malformed code, database error); "
                                      "2 for a usage error."),
                                    entries);
  if (!bo_cli_parse_options (octx, &argc, &argv, error))
    return FALSE;
  if (event_text == NULL)
    return bo_cli_usage_error (error, _("%s is required"), "--event");
  if (!bo_cli_parse_int (event_text, "--event", 1, G_MAXUINT32, &event_id, error))
    return FALSE;
  if (rest == NULL || rest[0] == NULL)
    return bo_cli_usage_error (error, _("Give the scanned code, or “-” to read codes from "
                                        "standard input"));
  if (rest[1] != NULL)
    return bo_cli_usage_error (error, _("Unexpected argument “%s”"), rest[1]);
  direction = exit_direction ? BO_DIRECTION_EXIT : BO_DIRECTION_ENTRY;

  if (pin != NULL)
    {
      op = bo_cli_login (ctx, pin, "--pin", error);
      if (op == NULL)
        return FALSE;
    }
  else if (!bo_cli_open_store (ctx, error))
    return FALSE;

  if (g_str_equal (rest[0], "-"))
    return scan_stream (ctx, op, event_id, gate, direction, error);
  else
    {
      g_autoptr (BoCheckin) checkin = NULL;

      checkin = bo_checkin_scan (ctx->store, ctx->device, op, event_id, rest[0], gate,
                                 direction, error);
      if (checkin == NULL)
        return FALSE;
      print_checkin (ctx, checkin);
      return TRUE;
    }
}
