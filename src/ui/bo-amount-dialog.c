/* bo-amount-dialog.c — asks for an amount of money and/or a short text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "domain/bo-money.h"
#include "ui/bo-amount-dialog.h"

struct _BoAmountDialog
{
  AdwMessageDialog parent_instance;

  char       *currency;
  gboolean    allow_zero;
  gboolean    text_required;

  /* Template widgets */
  AdwEntryRow *amount_row;
  AdwEntryRow *text_row;
  GtkLabel    *error_label;
};

G_DEFINE_FINAL_TYPE (BoAmountDialog, bo_amount_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  CONFIRMED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Reads the fields; FALSE with a message for people when they are not acceptable yet. */
static gboolean
read_fields (BoAmountDialog *self,
             gint64         *out_amount,
             char          **out_message)
{
  *out_amount = 0;
  *out_message = NULL;

  if (gtk_widget_get_visible (GTK_WIDGET (self->amount_row)))
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->amount_row));
      g_autoptr(GError) error = NULL;

      if (*text == '\0')
        return FALSE;
      if (!bo_money_parse (text, self->currency, out_amount, &error))
        {
          *out_message = g_strdup (error->message);
          return FALSE;
        }
      if (*out_amount < 0 || (*out_amount == 0 && !self->allow_zero))
        {
          *out_message = g_strdup (_("Enter an amount above zero"));
          return FALSE;
        }
    }

  if (gtk_widget_get_visible (GTK_WIDGET (self->text_row)) && self->text_required)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->text_row))));

      if (*text == '\0')
        return FALSE;
    }

  return TRUE;
}

static void
validate (BoAmountDialog *self)
{
  g_autofree char *message = NULL;
  gint64 amount;
  gboolean ok;

  ok = read_fields (self, &amount, &message);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "ok", ok);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->amount_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->amount_row), "error");
}

static void
on_field_changed_cb (GtkEditable    *editable,
                     BoAmountDialog *self)
{
  validate (self);
}

static void
bo_amount_dialog_response (AdwMessageDialog *dialog,
                           const char       *response)
{
  BoAmountDialog *self = BO_AMOUNT_DIALOG (dialog);

  if (g_strcmp0 (response, "ok") == 0)
    {
      g_autofree char *message = NULL;
      g_autofree char *text = NULL;
      gint64 amount;

      if (read_fields (self, &amount, &message))
        {
          if (gtk_widget_get_visible (GTK_WIDGET (self->text_row)))
            text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->text_row))));
          g_signal_emit (self, signals[CONFIRMED], 0, amount, text);
        }
    }

  if (ADW_MESSAGE_DIALOG_CLASS (bo_amount_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (bo_amount_dialog_parent_class)->response (dialog, response);
}

static void
bo_amount_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BO_TYPE_AMOUNT_DIALOG);

  G_OBJECT_CLASS (bo_amount_dialog_parent_class)->dispose (object);
}

static void
bo_amount_dialog_finalize (GObject *object)
{
  g_free (BO_AMOUNT_DIALOG (object)->currency);

  G_OBJECT_CLASS (bo_amount_dialog_parent_class)->finalize (object);
}

static void
bo_amount_dialog_class_init (BoAmountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = bo_amount_dialog_dispose;
  object_class->finalize = bo_amount_dialog_finalize;
  dialog_class->response = bo_amount_dialog_response;

  signals[CONFIRMED] =
    g_signal_new ("confirmed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/bo-amount-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BoAmountDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, BoAmountDialog, text_row);
  gtk_widget_class_bind_template_child (widget_class, BoAmountDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
}

static void
bo_amount_dialog_init (BoAmountDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

BoAmountDialog *
bo_amount_dialog_new (GtkWidget  *parent,
                      const char *heading,
                      const char *body,
                      const char *confirm_label)
{
  BoAmountDialog *self;
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);

  root = gtk_widget_get_root (parent);
  self = g_object_new (BO_TYPE_AMOUNT_DIALOG,
                       "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                       "modal", TRUE,
                       "heading", heading,
                       "body", body,
                       NULL);
  if (confirm_label != NULL)
    adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "ok", confirm_label);
  validate (self);
  return self;
}

void
bo_amount_dialog_set_amount (BoAmountDialog *self,
                             const char     *label,
                             const char     *currency,
                             gboolean        allow_zero,
                             gint64          initial)
{
  g_return_if_fail (BO_IS_AMOUNT_DIALOG (self));

  g_free (self->currency);
  self->currency = g_strdup (currency);
  self->allow_zero = allow_zero;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->amount_row), label);
  gtk_widget_set_visible (GTK_WIDGET (self->amount_row), TRUE);
  if (initial >= 0)
    {
      g_autofree char *text = bo_money_format_plain (initial, currency);

      gtk_editable_set_text (GTK_EDITABLE (self->amount_row), text);
    }
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
}

void
bo_amount_dialog_set_text (BoAmountDialog *self,
                           const char     *label,
                           gboolean        required)
{
  g_return_if_fail (BO_IS_AMOUNT_DIALOG (self));

  self->text_required = required;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->text_row), label);
  gtk_widget_set_visible (GTK_WIDGET (self->text_row), TRUE);
  validate (self);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->amount_row)))
    gtk_widget_grab_focus (GTK_WIDGET (self->text_row));
}

void
bo_amount_dialog_set_destructive (BoAmountDialog *self,
                                  gboolean        destructive)
{
  g_return_if_fail (BO_IS_AMOUNT_DIALOG (self));

  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "ok",
                                              destructive ? ADW_RESPONSE_DESTRUCTIVE
                                                          : ADW_RESPONSE_SUGGESTED);
}
