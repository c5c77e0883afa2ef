/* bo-print-config.c — which printer takes which paper, and how
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "print/bo-print-config.h"

#include <glib/gi18n-lib.h>

#include "print/bo-escpos.h"
#include "print/bo-printer.h"

#define META_PREFIX "print."

struct _BoPrintConfig
{
  GObject  parent_instance;

  char    *ticket_printer;
  char    *receipt_printer;
  char    *report_printer;
  guint    paper_width_mm;
  gboolean qr_as_image;
  char    *code_pages;
  char    *ticket_pdf_paper;
  char    *receipt_pdf_paper;
};

G_DEFINE_FINAL_TYPE (BoPrintConfig, bo_print_config, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TICKET_PRINTER,
  PROP_RECEIPT_PRINTER,
  PROP_REPORT_PRINTER,
  PROP_PAPER_WIDTH_MM,
  PROP_PRINT_QR_AS_IMAGE,
  PROP_CODE_PAGES,
  PROP_TICKET_PDF_PAPER,
  PROP_RECEIPT_PDF_PAPER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char **
string_field (BoPrintConfig *self,
              guint          prop_id)
{
  switch (prop_id)
    {
    case PROP_TICKET_PRINTER: return &self->ticket_printer;
    case PROP_RECEIPT_PRINTER: return &self->receipt_printer;
    case PROP_REPORT_PRINTER: return &self->report_printer;
    case PROP_CODE_PAGES: return &self->code_pages;
    case PROP_TICKET_PDF_PAPER: return &self->ticket_pdf_paper;
    case PROP_RECEIPT_PDF_PAPER: return &self->receipt_pdf_paper;
    default: return NULL;
    }
}

static void
set_string (BoPrintConfig *self,
            guint          prop_id,
            const char    *value)
{
  char **field = string_field (self, prop_id);

  /* An empty printer means none, as in GSettings. */
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
bo_print_config_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BoPrintConfig *self = BO_PRINT_CONFIG (object);

  switch (prop_id)
    {
    case PROP_PAPER_WIDTH_MM:
      g_value_set_uint (value, self->paper_width_mm);
      break;
    case PROP_PRINT_QR_AS_IMAGE:
      g_value_set_boolean (value, self->qr_as_image);
      break;
    case PROP_TICKET_PRINTER:
    case PROP_RECEIPT_PRINTER:
    case PROP_REPORT_PRINTER:
    case PROP_CODE_PAGES:
    case PROP_TICKET_PDF_PAPER:
    case PROP_RECEIPT_PDF_PAPER:
      g_value_set_string (value, *string_field (self, prop_id));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_print_config_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BoPrintConfig *self = BO_PRINT_CONFIG (object);

  switch (prop_id)
    {
    case PROP_PAPER_WIDTH_MM:
      if (self->paper_width_mm != g_value_get_uint (value))
        {
          self->paper_width_mm = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_PRINT_QR_AS_IMAGE:
      if (self->qr_as_image != g_value_get_boolean (value))
        {
          self->qr_as_image = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_TICKET_PRINTER:
    case PROP_RECEIPT_PRINTER:
    case PROP_REPORT_PRINTER:
    case PROP_CODE_PAGES:
    case PROP_TICKET_PDF_PAPER:
    case PROP_RECEIPT_PDF_PAPER:
      set_string (self, prop_id, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_print_config_finalize (GObject *object)
{
  BoPrintConfig *self = BO_PRINT_CONFIG (object);

  for (guint i = 1; i < N_PROPS; i++)
    if (string_field (self, i) != NULL)
      g_clear_pointer (string_field (self, i), g_free);
  G_OBJECT_CLASS (bo_print_config_parent_class)->finalize (object);
}

static void
bo_print_config_class_init (BoPrintConfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = bo_print_config_get_property;
  object_class->set_property = bo_print_config_set_property;
  object_class->finalize = bo_print_config_finalize;

  properties[PROP_TICKET_PRINTER] =
    g_param_spec_string ("ticket-printer", NULL, NULL, NULL, flags);
  properties[PROP_RECEIPT_PRINTER] =
    g_param_spec_string ("receipt-printer", NULL, NULL, NULL, flags);
  properties[PROP_REPORT_PRINTER] =
    g_param_spec_string ("report-printer", NULL, NULL, NULL, flags);
  properties[PROP_PAPER_WIDTH_MM] =
    g_param_spec_uint ("paper-width-mm", NULL, NULL, 58, 80, 80, flags);
  properties[PROP_PRINT_QR_AS_IMAGE] =
    g_param_spec_boolean ("print-qr-as-image", NULL, NULL, FALSE, flags);
  properties[PROP_CODE_PAGES] =
    g_param_spec_string ("code-pages", NULL, NULL, BO_ESCPOS_DEFAULT_CODE_PAGES, flags);
  properties[PROP_TICKET_PDF_PAPER] =
    g_param_spec_string ("ticket-pdf-paper", NULL, NULL, "a4", flags);
  properties[PROP_RECEIPT_PDF_PAPER] =
    g_param_spec_string ("receipt-pdf-paper", NULL, NULL, "a4", flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bo_print_config_init (BoPrintConfig *self)
{
  self->paper_width_mm = 80;
  self->code_pages = g_strdup (BO_ESCPOS_DEFAULT_CODE_PAGES);
  self->ticket_pdf_paper = g_strdup ("a4");
  self->receipt_pdf_paper = g_strdup ("a4");
}

BoPrintConfig *
bo_print_config_new (void)
{
  return g_object_new (BO_TYPE_PRINT_CONFIG, NULL);
}

BoPrintConfig *
bo_print_config_copy (BoPrintConfig *self)
{
  BoPrintConfig *copy;

  g_return_val_if_fail (BO_IS_PRINT_CONFIG (self), NULL);

  copy = bo_print_config_new ();
  for (guint i = 1; i < N_PROPS; i++)
    {
      g_auto (GValue) value = G_VALUE_INIT;

      g_object_get_property (G_OBJECT (self), properties[i]->name, &value);
      g_object_set_property (G_OBJECT (copy), properties[i]->name, &value);
    }
  return copy;
}

static gboolean
invalid (GError    **error,
         const char *name,
         const char *value)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a valid value for the printer setting %s"), value, name);
  return FALSE;
}

gboolean
bo_print_config_set_from_string (BoPrintConfig *self,
                                 const char    *name,
                                 const char    *value,
                                 GError       **error)
{
  GParamSpec *pspec;
  guint64 number;

  g_return_val_if_fail (BO_IS_PRINT_CONFIG (self), FALSE);
  g_return_val_if_fail (name != NULL && value != NULL, FALSE);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), name);
  if (pspec == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("There is no printer setting “%s”"), name);
      return FALSE;
    }

  if (pspec == properties[PROP_PAPER_WIDTH_MM])
    {
      if (!g_ascii_string_to_unsigned (value, 10, 58, 80, &number, NULL))
        return invalid (error, name, value);
      g_object_set (self, name, (guint) number, NULL);
    }
  else if (pspec == properties[PROP_PRINT_QR_AS_IMAGE])
    {
      gboolean yes = g_strcmp0 (value, "true") == 0 || g_strcmp0 (value, "yes") == 0
                     || g_strcmp0 (value, "1") == 0;
      gboolean no = g_strcmp0 (value, "false") == 0 || g_strcmp0 (value, "no") == 0
                    || g_strcmp0 (value, "0") == 0;

      if (!yes && !no)
        return invalid (error, name, value);
      g_object_set (self, name, yes, NULL);
    }
  else if (pspec == properties[PROP_CODE_PAGES])
    {
      g_autoptr (BoEscposRenderer) renderer = bo_escpos_renderer_new (80);

      if (!bo_escpos_renderer_set_code_pages (renderer, value, NULL))
        return invalid (error, name, value);
      g_object_set (self, name, value, NULL);
    }
  else if (pspec == properties[PROP_TICKET_PDF_PAPER]
           || pspec == properties[PROP_RECEIPT_PDF_PAPER])
    {
      BoPdfPaper paper;

      if (!bo_pdf_paper_from_string (value, &paper)
          || (pspec == properties[PROP_RECEIPT_PDF_PAPER] && paper == BO_PDF_PAPER_TICKET))
        return invalid (error, name, value);
      g_object_set (self, name, value, NULL);
    }
  else
    {
      if (*value != '\0')
        {
          g_autoptr (BoPrinter) printer = bo_printer_new_for_uri (value, error);

          if (printer == NULL)
            return FALSE;
        }
      g_object_set (self, name, value, NULL);
    }
  return TRUE;
}

static char *
value_to_string (BoPrintConfig *self,
                 GParamSpec    *pspec)
{
  g_auto (GValue) value = G_VALUE_INIT;

  g_object_get_property (G_OBJECT (self), pspec->name, &value);
  if (G_VALUE_HOLDS_UINT (&value))
    return g_strdup_printf ("%u", g_value_get_uint (&value));
  if (G_VALUE_HOLDS_BOOLEAN (&value))
    return g_strdup (g_value_get_boolean (&value) ? "true" : "false");
  return g_strdup (g_value_get_string (&value) != NULL ? g_value_get_string (&value) : "");
}

GStrv
bo_print_config_to_strv (BoPrintConfig *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (BO_IS_PRINT_CONFIG (self), NULL);

  for (guint i = 1; i < N_PROPS; i++)
    {
      g_autofree char *value = value_to_string (self, properties[i]);

      g_strv_builder_add (builder, properties[i]->name);
      g_strv_builder_add (builder, value);
    }
  return g_strv_builder_end (builder);
}

BoPrintConfig *
bo_print_config_load (BoStore *store,
                      GError **error)
{
  g_autoptr (BoPrintConfig) self = bo_print_config_new ();

  g_return_val_if_fail (BO_IS_STORE (store), NULL);

  for (guint i = 1; i < N_PROPS; i++)
    {
      g_autofree char *key = g_strconcat (META_PREFIX, properties[i]->name, NULL);
      g_autofree char *value = bo_store_get_meta (store, key);

      /* A value an older or newer version wrote that this one cannot use keeps the default. */
      if (value != NULL)
        bo_print_config_set_from_string (self, properties[i]->name, value, NULL);
    }
  return g_steal_pointer (&self);
}

gboolean
bo_print_config_save (BoPrintConfig *self,
                      BoStore       *store,
                      GError       **error)
{
  gboolean own = !bo_store_in_transaction (store);

  g_return_val_if_fail (BO_IS_PRINT_CONFIG (self), FALSE);
  g_return_val_if_fail (BO_IS_STORE (store), FALSE);

  if (own && !bo_store_begin (store, error))
    return FALSE;
  for (guint i = 1; i < N_PROPS; i++)
    {
      g_autofree char *key = g_strconcat (META_PREFIX, properties[i]->name, NULL);
      g_autofree char *value = value_to_string (self, properties[i]);

      if (!bo_store_set_meta (store, key, value, error))
        {
          if (own)
            bo_store_rollback (store);
          return FALSE;
        }
    }
  return !own || bo_store_commit (store, error);
}

const char *
bo_print_config_get_target (BoPrintConfig *self,
                            const char    *kind)
{
  g_return_val_if_fail (BO_IS_PRINT_CONFIG (self), NULL);

  if (g_strcmp0 (kind, "tickets") == 0 && self->ticket_printer != NULL)
    return self->ticket_printer;
  if ((g_strcmp0 (kind, "closing") == 0 || g_strcmp0 (kind, "report") == 0)
      && self->report_printer != NULL)
    return self->report_printer;
  return self->receipt_printer;
}

const char *
bo_print_config_get_ticket_printer (BoPrintConfig *self)
{
  g_return_val_if_fail (BO_IS_PRINT_CONFIG (self), NULL);
  return self->ticket_printer;
}

void
bo_print_config_set_ticket_printer (BoPrintConfig *self,
                                    const char    *uri)
{
  g_return_if_fail (BO_IS_PRINT_CONFIG (self));
  set_string (self, PROP_TICKET_PRINTER, uri);
}

const char *
bo_print_config_get_receipt_printer (BoPrintConfig *self)
{
  g_return_val_if_fail (BO_IS_PRINT_CONFIG (self), NULL);
  return self->receipt_printer;
}

void
bo_print_config_set_receipt_printer (BoPrintConfig *self,
                                     const char    *uri)
{
  g_return_if_fail (BO_IS_PRINT_CONFIG (self));
  set_string (self, PROP_RECEIPT_PRINTER, uri);
}

const char *
bo_print_config_get_report_printer (BoPrintConfig *self)
{
  g_return_val_if_fail (BO_IS_PRINT_CONFIG (self), NULL);
  return self->report_printer;
}

void
bo_print_config_set_report_printer (BoPrintConfig *self,
                                    const char    *uri)
{
  g_return_if_fail (BO_IS_PRINT_CONFIG (self));
  set_string (self, PROP_REPORT_PRINTER, uri);
}

guint
bo_print_config_get_paper_width_mm (BoPrintConfig *self)
{
  g_return_val_if_fail (BO_IS_PRINT_CONFIG (self), 80);
  return self->paper_width_mm;
}

gboolean
bo_print_config_get_qr_as_image (BoPrintConfig *self)
{
  g_return_val_if_fail (BO_IS_PRINT_CONFIG (self), FALSE);
  return self->qr_as_image;
}

const char *
bo_print_config_get_code_pages (BoPrintConfig *self)
{
  g_return_val_if_fail (BO_IS_PRINT_CONFIG (self), NULL);
  return self->code_pages != NULL ? self->code_pages : BO_ESCPOS_DEFAULT_CODE_PAGES;
}

static BoPdfPaper
paper_or (const char *text,
          BoPdfPaper  fallback)
{
  BoPdfPaper paper;

  return bo_pdf_paper_from_string (text, &paper) ? paper : fallback;
}

BoPdfPaper
bo_print_config_get_ticket_pdf_paper (BoPrintConfig *self)
{
  g_return_val_if_fail (BO_IS_PRINT_CONFIG (self), BO_PDF_PAPER_A4);
  return paper_or (self->ticket_pdf_paper, BO_PDF_PAPER_A4);
}

BoPdfPaper
bo_print_config_get_receipt_pdf_paper (BoPrintConfig *self)
{
  g_return_val_if_fail (BO_IS_PRINT_CONFIG (self), BO_PDF_PAPER_A4);
  return paper_or (self->receipt_pdf_paper, BO_PDF_PAPER_A4);
}
