/* bo-report-print.c — reports on paper through the printers of src/print/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "report/bo-report-print.h"

#include <glib/gi18n-lib.h>

#include "print/bo-escpos.h"
#include "print/bo-print-error.h"
#include "print/bo-printer.h"

BoPrintDoc *
bo_report_to_print_doc (BoReport *report,
                        guint     columns)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  BoPrintDoc *doc;

  g_return_val_if_fail (BO_IS_REPORT (report), NULL);

  doc = bo_print_doc_new (BO_PRINT_DOC_REPORT);
  bo_print_doc_set_title (doc, bo_report_get_title (report));

  /* The text layout already fits a width in characters, which is what a receipt printer
   * has; the title stands out. */
  text = bo_report_to_text (report, columns);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i == 0)
        bo_print_doc_add_text (doc, BO_PRINT_ALIGN_LEFT, BO_PRINT_TEXT_BOLD, lines[i]);
      else if (i == 1)
        bo_print_doc_add_rule (doc); /* the title's underline */
      else if (lines[i + 1] == NULL && *lines[i] == '\0')
        break;
      else
        bo_print_doc_add_text (doc, BO_PRINT_ALIGN_LEFT, BO_PRINT_TEXT_NORMAL, lines[i]);
    }
  bo_print_doc_add_feed (doc, 2);
  bo_print_doc_add_cut (doc);
  return doc;
}

gboolean
bo_report_print (BoReport       *report,
                 BoPrintConfig  *config,
                 const char     *target,
                 BoReportPaper   paper,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autoptr (BoPrinter) printer = NULL;
  g_autoptr (GBytes) data = NULL;
  g_autofree char *job_name = NULL;
  const char *kind;

  g_return_val_if_fail (BO_IS_REPORT (report), FALSE);
  g_return_val_if_fail (config == NULL || BO_IS_PRINT_CONFIG (config), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  kind = bo_report_get_kind (report) == BO_REPORT_SHIFT_Z ? "closing" : "report";
  if (target == NULL && config != NULL)
    target = bo_print_config_get_target (config, kind);
  if (target == NULL)
    {
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_NO_PRINTER,
                   _("No printer is set up for reports"));
      return FALSE;
    }
  printer = bo_printer_new_for_uri (target, error);
  if (printer == NULL)
    return FALSE;

  if (bo_printer_get_default_format (printer) == BO_PRINT_FORMAT_PDF)
    data = bo_report_to_pdf (report, paper, error);
  else
    {
      g_autoptr (BoEscposRenderer) escpos =
        bo_escpos_renderer_new (config != NULL ? bo_print_config_get_paper_width_mm (config) : 80);
      g_autoptr (BoPrintDoc) doc = NULL;

      if (config != NULL &&
          !bo_escpos_renderer_set_code_pages (escpos, bo_print_config_get_code_pages (config),
                                              error))
        return FALSE;
      doc = bo_report_to_print_doc (report, bo_escpos_renderer_get_columns (escpos));
      data = bo_escpos_renderer_render (escpos, doc, error);
    }
  if (data == NULL)
    return FALSE;

  job_name = g_strdup_printf ("%s-%s", kind, bo_report_get_created_at (report));
  g_strdelimit (job_name, ":", '-');
  return bo_printer_send (printer, data, bo_report_get_title (report), job_name, cancellable,
                          error);
}
