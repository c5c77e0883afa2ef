/* bo-cli-report.c — report shift|day|event: closings, day and event reports as text, CSV, PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cli/bo-cli.h"
#include "cli/bo-cli-output.h"
#include "report/bo-report.h"
#include "report/bo-report-print.h"
#include "report/bo-report-render.h"

gboolean
bo_cli_cmd_report (BoCliContext *ctx,
                   int           argc,
                   char        **argv,
                   GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (BoReport) report = NULL;
  g_autoptr (GBytes) content = NULL;
  g_autofree char *event_text = NULL;
  g_autofree char *shift_text = NULL;
  g_autofree char *date = NULL;
  g_autofree char *format = NULL;
  g_autofree char *paper_text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *printer = NULL;
  gboolean print = FALSE;
  BoReportPaper paper = BO_REPORT_PAPER_A4;
  const char *kind;
  gint64 event_id = 0, shift_id = 0;
  const GOptionEntry entries[] = {
    { "shift", 0, 0, G_OPTION_ARG_STRING, &shift_text,
      N_("shift: which shift (default: the open one, else the last closed)"), N_("ID") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date,
      N_("day: which day in the venue’s time zone (default: today)"), N_("YYYY-MM-DD") },
    { "event", 0, 0, G_OPTION_ARG_STRING, &event_text, N_("event: which event"), N_("ID") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text (default), csv or pdf"),
      N_("FORMAT") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_text,
      N_("a4 (default) or 80mm (receipt printers); also sets the text width"), N_("PAPER") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out,
      N_("Write the report to FILE (required for pdf; else standard output)"), N_("FILE") },
    { "print", 0, 0, G_OPTION_ARG_NONE, &print,
      N_("Print it on the printer set up for reports (closings for a Z report)"), NULL },
    { "printer", 0, 0, G_OPTION_ARG_STRING, &printer,
      N_("Print it on this printer instead (usb:VID:PID, lp:PATH, cups:QUEUE, file:PATH)"),
      N_("URI") },
    G_OPTION_ENTRY_NULL
  };

  octx = bo_cli_option_context_new (ctx, argv[0], "shift|day|event",
                                    _("Make a report. “shift” is the X report of the open shift "
                                      "or the Z report (closing) of a closed one; “day” covers "
                                      "the sales of one day; “event” everything about one "
                                      "event: sales over time, channels, attendance."),
                                    entries);
  if (!bo_cli_parse_options (octx, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return bo_cli_usage_error (error, _("Name one report: shift, day or event"));
  kind = argv[1];
  if (!g_str_equal (kind, "shift") && !g_str_equal (kind, "day") && !g_str_equal (kind, "event"))
    return bo_cli_usage_error (error, _("Unknown report “%s”: use shift, day or event"), kind);

  if (format == NULL)
    format = g_strdup ("text");
  if (!g_str_equal (format, "text") && !g_str_equal (format, "csv") && !g_str_equal (format, "pdf"))
    return bo_cli_usage_error (error, _("--format must be text, csv or pdf, not “%s”"), format);
  if (paper_text != NULL && !bo_report_paper_from_string (paper_text, &paper))
    return bo_cli_usage_error (error, _("--paper must be a4 or 80mm, not “%s”"), paper_text);
  if (printer != NULL)
    print = TRUE;
  if (g_str_equal (format, "pdf") && out == NULL && !print)
    return bo_cli_usage_error (error, _("A PDF report needs --out FILE"));
  if (shift_text != NULL && !g_str_equal (kind, "shift"))
    return bo_cli_usage_error (error, _("--shift only goes with the shift report"));
  if (date != NULL && !g_str_equal (kind, "day"))
    return bo_cli_usage_error (error, _("--date only goes with the day report"));
  if (event_text != NULL && !g_str_equal (kind, "event"))
    return bo_cli_usage_error (error, _("--event only goes with the event report"));
  if (g_str_equal (kind, "event") && event_text == NULL)
    return bo_cli_usage_error (error, _("%s is required"), "--event");
  if (shift_text != NULL && !bo_cli_parse_int (shift_text, "--shift", 1, G_MAXINT64, &shift_id,
                                               error))
    return FALSE;
  if (event_text != NULL && !bo_cli_parse_int (event_text, "--event", 1, G_MAXUINT32, &event_id,
                                               error))
    return FALSE;

  if (!bo_cli_open_store (ctx, error))
    return FALSE;
  if (g_str_equal (kind, "shift"))
    report = bo_report_new_shift (ctx->store, ctx->device, shift_id, error);
  else if (g_str_equal (kind, "day"))
    report = bo_report_new_day (ctx->store, ctx->device, date, error);
  else
    report = bo_report_new_event (ctx->store, ctx->device, event_id, error);
  if (report == NULL)
    return FALSE;

  if (print)
    {
      g_autoptr (BoPrintConfig) config = bo_print_config_load (ctx->store, error);

      if (config == NULL ||
          !bo_report_print (report, config, printer, paper, NULL, error))
        return FALSE;
      if (out == NULL)
        {
          if (ctx->json)
            {
              g_autoptr (JsonBuilder) builder = json_builder_new ();
              g_autoptr (JsonNode) root = NULL;

              json_builder_begin_object (builder);
              bo_json_add_string_or_null (builder, "report",
                                          bo_report_kind_to_string (bo_report_get_kind (report)));
              bo_json_add_string_or_null (builder, "title", bo_report_get_title (report));
              bo_cli_add_bool (builder, "printed", TRUE);
              json_builder_end_object (builder);
              root = json_builder_get_root (builder);
              bo_cli_print_json (root);
            }
          else
            printf (_("%s printed\n"), bo_report_get_title (report));
          return TRUE;
        }
    }

  if (g_str_equal (format, "pdf"))
    content = bo_report_to_pdf (report, paper, error);
  else
    {
      char *text = g_str_equal (format, "csv")
                   ? bo_report_to_csv (report)
                   : bo_report_to_text (report, paper == BO_REPORT_PAPER_80MM ? 42 : 80);

      content = g_bytes_new_take (text, strlen (text));
    }
  if (content == NULL)
    return FALSE;

  if (out != NULL && !g_file_set_contents (out, g_bytes_get_data (content, NULL),
                                           g_bytes_get_size (content), error))
    return FALSE;

  if (ctx->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      bo_json_add_string_or_null (builder, "report",
                                  bo_report_kind_to_string (bo_report_get_kind (report)));
      bo_json_add_string_or_null (builder, "title", bo_report_get_title (report));
      bo_json_add_string_or_null (builder, "format", format);
      bo_json_add_string_or_null (builder, "paper", paper == BO_REPORT_PAPER_80MM ? "80mm" : "a4");
      bo_json_add_string_or_null (builder, "out", out);
      bo_cli_add_int (builder, "bytes", (gint64) g_bytes_get_size (content));
      bo_cli_add_bool (builder, "printed", print);
      if (out == NULL)
        {
          g_autofree char *text = g_strndup (g_bytes_get_data (content, NULL),
                                             g_bytes_get_size (content));

          bo_json_add_string_or_null (builder, "content", text);
        }
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      bo_cli_print_json (root);
    }
  else if (out == NULL)
    {
      fwrite (g_bytes_get_data (content, NULL), 1, g_bytes_get_size (content), stdout);
      fflush (stdout);
    }
  else
    printf (_("%s written to %s\n"), bo_report_get_title (report), out);
  return TRUE;
}
