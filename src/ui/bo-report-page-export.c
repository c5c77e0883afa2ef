/* bo-report-page-export.c — a report on screen saved as PDF or CSV, or printed
 *
 * The file chooser is GtkFileChooserNative (GtkFileDialog needs GTK 4.10); writing the file
 * and printing run in worker threads, reading the report the page no longer changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "report/bo-report-print.h"
#include "report/bo-report-render.h"
#include "ui/bo-report-page-private.h"
#include "ui/bo-ui-util.h"

/* Saving ------------------------------------------------------------------------------------ */

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  BoReport *report = source_object;
  GFile *file = task_data;
  SaveFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "bo-format"));
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *csv = NULL;
  GError *error = NULL;
  gboolean ok;

  if (format == SAVE_PDF)
    {
      ok = bo_report_write_pdf (report, BO_REPORT_PAPER_A4, path, &error);
    }
  else
    {
      csv = bo_report_to_csv (report);
      ok = g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE,
                                    G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, &error);
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(BoReportPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file = g_task_get_task_data (G_TASK (result));
  g_autofree char *name = g_file_get_basename (file);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->stack != NULL)
        bo_report_page_show_error (self, _("The Report Was Not Saved"), error->message);
      return;
    }

  if (self->stack != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Report saved as %s"), name);

      bo_ui_toast (GTK_WIDGET (self), text);
    }
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        BoReportPage    *self)
{
  SaveFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "bo-format"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->report != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);

  if (file == NULL || g_file_peek_path (file) == NULL)
    return;

  task = g_task_new (self->report, self->print_cancellable, saved_cb, g_object_ref (self));
  g_task_set_source_tag (task, on_chooser_response_cb);
  g_task_set_task_data (task, g_steal_pointer (&file), g_object_unref);
  g_object_set_data (G_OBJECT (task), "bo-format", GINT_TO_POINTER (format));
  g_task_run_in_thread (task, save_thread);
}

static char *
suggested_name (BoReport   *report,
                const char *extension)
{
  g_autoptr(GString) name = g_string_new (bo_report_get_title (report));

  /* Titles may hold slashes and colons ("Shift 3: 01/03"); file names should not. */
  for (gsize i = 0; i < name->len; i++)
    if (strchr ("/\\:*?\"<>|", name->str[i]) != NULL)
      name->str[i] = '-';
  g_string_append_printf (name, ".%s", extension);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static void
save (BoReportPage *self,
      SaveFormat    format)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->report == NULL || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (format == SAVE_PDF ? _("Save the Report as PDF")
                                                                  : _("Save the Report as CSV"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, format == SAVE_PDF ? _("PDF documents") : _("CSV spreadsheets"));
  gtk_file_filter_add_mime_type (filter, format == SAVE_PDF ? "application/pdf" : "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  name = suggested_name (self->report, format == SAVE_PDF ? "pdf" : "csv");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_object_set_data (G_OBJECT (self->chooser), "bo-format", GINT_TO_POINTER (format));
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  save (BO_REPORT_PAGE (widget), SAVE_PDF);
}

static void
save_csv_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  save (BO_REPORT_PAGE (widget), SAVE_CSV);
}

/* Printing ---------------------------------------------------------------------------------- */

static void
print_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BoReport *report = source_object;
  BoPrintConfig *config = task_data;
  GError *error = NULL;

  /* NULL target: the printer the configuration names for reports (closings for Z). */
  if (bo_report_print (report, config, NULL, BO_REPORT_PAPER_A4, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
printed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BoReportPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (self->stack == NULL)
    return;

  self->printing = FALSE;
  bo_report_page_update_actions (self);
  if (ok)
    bo_ui_toast (GTK_WIDGET (self), _("Report printed"));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    bo_report_page_show_error (self, _("The Report Was Not Printed"), error->message);
}

/* The printers chosen in Preferences win over those the command line saved in the store. */
static void
apply_settings (BoReportPage  *self,
                BoPrintConfig *config)
{
  static const char *keys[] = { "receipt-printer", "ticket-printer", "paper-width-mm" };
  GSettings *settings = bo_session_get_settings (self->session);

  if (settings == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GVariant) value = g_settings_get_user_value (settings, keys[i]);
      g_autofree char *text = NULL;

      if (value == NULL)
        continue;
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        text = g_variant_dup_string (value, NULL);
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
        text = g_strdup_printf ("%u", g_variant_get_uint32 (value));
      if (text != NULL)
        bo_print_config_set_from_string (config, keys[i], text, NULL);
    }
}

static void
print_config_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BoReportPage) self = user_data;
  g_autoptr(BoWorkerPrint) print = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  print = bo_worker_print_finish (BO_WORKER (source), result, &error);
  if (self->stack == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (print == NULL || self->report == NULL)
    {
      self->printing = FALSE;
      bo_report_page_update_actions (self);
      if (error != NULL)
        bo_report_page_show_error (self, _("The Report Was Not Printed"), error->message);
      return;
    }

  apply_settings (self, print->config);
  task = g_task_new (self->report, self->print_cancellable, printed_cb, g_object_ref (self));
  g_task_set_source_tag (task, print_config_cb);
  g_task_set_task_data (task, g_object_ref (print->config), g_object_unref);
  g_task_run_in_thread (task, print_thread);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BoReportPage *self = BO_REPORT_PAGE (widget);

  if (self->report == NULL || self->printing || self->session == NULL)
    return;

  self->printing = TRUE;
  bo_report_page_update_actions (self);
  bo_ui_toast (GTK_WIDGET (self), _("Printing the report…"));
  /* No order: only the printer settings saved in the store. */
  bo_worker_print_order_async (bo_session_get_worker (self->session), NULL, NULL,
                               self->print_cancellable, print_config_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------------------------------- */

void
bo_report_page_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.report-save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "win.report-save-csv", NULL, save_csv_action);
  gtk_widget_class_install_action (widget_class, "win.report-print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.report-save-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.report-print", NULL);
}
