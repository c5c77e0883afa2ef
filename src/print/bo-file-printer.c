/* bo-file-printer.c — "file:PATH": printer data into a file, for tests and spooling
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "print/bo-file-printer.h"

#include <glib/gi18n-lib.h>

struct _BoFilePrinter
{
  GObject  parent_instance;

  char    *path;
  char    *uri;
};

static void bo_file_printer_iface_init (BoPrinterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BoFilePrinter, bo_file_printer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BO_TYPE_PRINTER, bo_file_printer_iface_init))

static const char *
bo_file_printer_get_uri (BoPrinter *printer)
{
  return BO_FILE_PRINTER (printer)->uri;
}

static BoPrintFormat
bo_file_printer_get_default_format (BoPrinter *printer)
{
  BoFilePrinter *self = BO_FILE_PRINTER (printer);
  g_autofree char *lower = g_ascii_strdown (self->path, -1);

  return g_str_has_suffix (lower, ".pdf") ? BO_PRINT_FORMAT_PDF : BO_PRINT_FORMAT_ESCPOS;
}

static gboolean
bo_file_printer_send (BoPrinter    *printer,
                      GBytes       *data,
                      const char   *title,
                      const char   *job_name,
                      GCancellable *cancellable,
                      GError      **error)
{
  BoFilePrinter *self = BO_FILE_PRINTER (printer);
  g_autoptr (GError) local_error = NULL;
  g_autofree char *target = NULL;
  gsize size;
  const char *bytes = g_bytes_get_data (data, &size);

  if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    target = g_build_filename (self->path, job_name, NULL);
  else
    target = g_strdup (self->path);

  if (!g_file_set_contents_full (target, bytes, (gssize) size,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    {
      int code = g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                 || g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR)
                 ? BO_PRINT_ERROR_NOT_FOUND : BO_PRINT_ERROR_FAILED;

      g_set_error (error, BO_PRINT_ERROR, code, _("Cannot write the printer file: %s"),
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

static void
bo_file_printer_iface_init (BoPrinterInterface *iface)
{
  iface->get_uri = bo_file_printer_get_uri;
  iface->get_default_format = bo_file_printer_get_default_format;
  iface->send = bo_file_printer_send;
}

static void
bo_file_printer_finalize (GObject *object)
{
  BoFilePrinter *self = BO_FILE_PRINTER (object);

  g_free (self->path);
  g_free (self->uri);
  G_OBJECT_CLASS (bo_file_printer_parent_class)->finalize (object);
}

static void
bo_file_printer_class_init (BoFilePrinterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bo_file_printer_finalize;
}

static void
bo_file_printer_init (BoFilePrinter *self)
{
}

BoFilePrinter *
bo_file_printer_new (const char *path)
{
  BoFilePrinter *self;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);

  self = g_object_new (BO_TYPE_FILE_PRINTER, NULL);
  self->path = g_strdup (path);
  self->uri = g_strconcat ("file:", path, NULL);
  return self;
}
