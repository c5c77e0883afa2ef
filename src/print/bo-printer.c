/* bo-printer.c — where paper goes: one small interface over USB, device files and CUPS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "print/bo-printer.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "print/bo-cups-printer.h"
#include "print/bo-file-printer.h"
#include "print/bo-lp-printer.h"
#include "print/bo-usb-printer.h"

G_DEFINE_INTERFACE (BoPrinter, bo_printer, G_TYPE_OBJECT)

static void
bo_printer_default_init (BoPrinterInterface *iface)
{
}

void
bo_printer_info_free (BoPrinterInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->uri);
  g_free (info->description);
  g_free (info);
}

const char *
bo_print_format_to_string (BoPrintFormat format)
{
  return format == BO_PRINT_FORMAT_PDF ? "pdf" : "escpos";
}

gboolean
bo_print_format_from_string (const char    *text,
                             BoPrintFormat *out_format)
{
  if (g_strcmp0 (text, "escpos") == 0)
    *out_format = BO_PRINT_FORMAT_ESCPOS;
  else if (g_strcmp0 (text, "pdf") == 0)
    *out_format = BO_PRINT_FORMAT_PDF;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_usb_ids (const char *rest,
               guint16    *out_vendor,
               guint16    *out_product)
{
  g_auto (GStrv) parts = NULL;
  guint64 vendor, product;

  if (*rest == '\0')
    {
      *out_vendor = *out_product = 0;
      return TRUE;
    }
  parts = g_strsplit (rest, ":", -1);
  if (g_strv_length (parts) != 2
      || strlen (parts[0]) != 4 || strlen (parts[1]) != 4
      || !g_ascii_string_to_unsigned (parts[0], 16, 0, 0xffff, &vendor, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 16, 0, 0xffff, &product, NULL)
      || vendor == 0)
    return FALSE;
  *out_vendor = (guint16) vendor;
  *out_product = (guint16) product;
  return TRUE;
}

BoPrinter *
bo_printer_new_for_uri (const char *uri,
                        GError    **error)
{
  const char *colon;
  const char *rest;

  g_return_val_if_fail (uri != NULL, NULL);

  colon = strchr (uri, ':');
  rest = colon != NULL ? colon + 1 : NULL;
  if (g_str_has_prefix (uri, "usb:"))
    {
      guint16 vendor, product;

      if (parse_usb_ids (rest, &vendor, &product))
        return BO_PRINTER (bo_usb_printer_new (vendor, product));
    }
  else if (g_str_has_prefix (uri, "lp:") && *rest == '/')
    return BO_PRINTER (bo_lp_printer_new (rest));
  else if (g_str_has_prefix (uri, "file:") && *rest != '\0')
    return BO_PRINTER (bo_file_printer_new (rest));
  else if (g_str_has_prefix (uri, "cups:") && *rest != '\0' && strchr (rest, '/') == NULL)
    return BO_PRINTER (bo_cups_printer_new (rest));

  g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_INVALID_URI,
               _("“%s” is not a printer: use usb:VENDOR:PRODUCT, lp:/dev/usb/lp0, cups:QUEUE "
                 "or file:PATH"),
               uri);
  return NULL;
}

const char *
bo_printer_get_uri (BoPrinter *self)
{
  g_return_val_if_fail (BO_IS_PRINTER (self), NULL);
  return BO_PRINTER_GET_IFACE (self)->get_uri (self);
}

BoPrintFormat
bo_printer_get_default_format (BoPrinter *self)
{
  g_return_val_if_fail (BO_IS_PRINTER (self), BO_PRINT_FORMAT_ESCPOS);
  return BO_PRINTER_GET_IFACE (self)->get_default_format (self);
}

gboolean
bo_printer_send (BoPrinter    *self,
                 GBytes       *data,
                 const char   *title,
                 const char   *job_name,
                 GCancellable *cancellable,
                 GError      **error)
{
  g_return_val_if_fail (BO_IS_PRINTER (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (job_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return BO_PRINTER_GET_IFACE (self)->send (self, data, title, job_name, cancellable, error);
}

GPtrArray *
bo_printer_discover (void)
{
  GPtrArray *printers = g_ptr_array_new_with_free_func ((GDestroyNotify) bo_printer_info_free);

  bo_usb_printer_discover (printers);
  bo_lp_printer_discover (printers);
  bo_cups_printer_discover (printers);
  return printers;
}
