/* bo-sale-result.c — after a sale: change in big type, what was sold, printing, reprint
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "domain/bo-money.h"
#include "ui/bo-format.h"
#include "ui/bo-sale-result.h"
#include "ui/bo-ui-util.h"

struct _BoSaleResult
{
  GtkWidget  parent_instance;

  BoOrder   *order;

  /* Template widgets */
  GtkLabel  *title_label;
  GtkWidget *change_box;
  GtkLabel  *change_label;
  GtkLabel  *total_label;
  GtkLabel  *tickets_label;
  GtkLabel  *payments_label;
  GtkImage  *print_icon;
  GtkLabel  *print_label;
  GtkWidget *new_sale_button;
};

G_DEFINE_FINAL_TYPE (BoSaleResult, bo_sale_result, GTK_TYPE_WIDGET)

static void
bo_sale_result_dispose (GObject *object)
{
  BoSaleResult *self = BO_SALE_RESULT (object);

  g_clear_object (&self->order);
  bo_ui_dispose_template (GTK_WIDGET (object), BO_TYPE_SALE_RESULT);

  G_OBJECT_CLASS (bo_sale_result_parent_class)->dispose (object);
}

static void
bo_sale_result_class_init (BoSaleResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_sale_result_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/bo-sale-result.ui");
  gtk_widget_class_bind_template_child (widget_class, BoSaleResult, title_label);
  gtk_widget_class_bind_template_child (widget_class, BoSaleResult, change_box);
  gtk_widget_class_bind_template_child (widget_class, BoSaleResult, change_label);
  gtk_widget_class_bind_template_child (widget_class, BoSaleResult, total_label);
  gtk_widget_class_bind_template_child (widget_class, BoSaleResult, tickets_label);
  gtk_widget_class_bind_template_child (widget_class, BoSaleResult, payments_label);
  gtk_widget_class_bind_template_child (widget_class, BoSaleResult, print_icon);
  gtk_widget_class_bind_template_child (widget_class, BoSaleResult, print_label);
  gtk_widget_class_bind_template_child (widget_class, BoSaleResult, new_sale_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
bo_sale_result_init (BoSaleResult *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
bo_sale_result_set_order (BoSaleResult *self,
                          BoOrder      *order)
{
  const char *currency;
  GPtrArray *payments, *tickets;
  g_autoptr(GString) paid = g_string_new (NULL);
  g_autofree char *total = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *tickets_text = NULL;
  g_autofree char *title = NULL;
  gboolean cash = FALSE;

  g_return_if_fail (BO_IS_SALE_RESULT (self));
  g_return_if_fail (BO_IS_ORDER (order));

  g_set_object (&self->order, order);
  currency = bo_order_get_currency (order);
  payments = bo_order_get_payments (order);
  tickets = bo_order_get_tickets (order);

  for (guint i = 0; i < payments->len; i++)
    {
      BoOrderPayment *payment = g_ptr_array_index (payments, i);
      g_autofree char *amount = bo_money_format (payment->amount, currency);

      if (payment->method == BO_PAYMENT_CASH)
        cash = TRUE;
      if (paid->len > 0)
        g_string_append (paid, " · ");
      /* Translators: one payment in the sale summary: "Card 20.00 EUR". */
      g_string_append_printf (paid, _("%s %s"), bo_payment_method_describe (payment->method), amount);
    }

  if (cash)
    {
      g_autofree char *change = bo_money_format (bo_order_get_change (order), currency);

      gtk_label_set_text (self->change_label, change);
    }
  gtk_widget_set_visible (self->change_box, cash);

  total = bo_money_format (bo_order_get_total (order), currency);
  total_text = g_strdup_printf (_("Total %s"), total);
  tickets_text = g_strdup_printf (ngettext ("%u ticket", "%u tickets", tickets->len), tickets->len);
  title = bo_format_order_title (order);

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->total_label, total_text);
  gtk_label_set_text (self->tickets_label, tickets_text);
  gtk_label_set_text (self->payments_label, paid->str);
  gtk_widget_set_visible (GTK_WIDGET (self->payments_label), paid->len > 0);

  bo_sale_result_set_print_state (self, BO_PRINT_STATE_QUEUED, NULL);
}

BoOrder *
bo_sale_result_get_order (BoSaleResult *self)
{
  g_return_val_if_fail (BO_IS_SALE_RESULT (self), NULL);

  return self->order;
}

void
bo_sale_result_set_print_state (BoSaleResult *self,
                                BoPrintState  state,
                                const char   *message)
{
  g_autofree char *text = NULL;
  const char *icon = "printer-symbolic";

  g_return_if_fail (BO_IS_SALE_RESULT (self));

  gtk_widget_remove_css_class (GTK_WIDGET (self->print_label), "error");
  switch (state)
    {
    case BO_PRINT_STATE_PRINTING:
      text = g_strdup (_("Printing the tickets…"));
      icon = "printer-printing-symbolic";
      break;
    case BO_PRINT_STATE_DONE:
      text = g_strdup (_("Tickets printed"));
      break;
    case BO_PRINT_STATE_FAILED:
      /* The sale is done whatever the printer says: say so, so nobody sells it twice. */
      text = g_strdup_printf (_("The sale is saved, but the tickets did not print: %s"),
                              message != NULL ? message : _("unknown printer error"));
      icon = "printer-error-symbolic";
      gtk_widget_add_css_class (GTK_WIDGET (self->print_label), "error");
      break;
    case BO_PRINT_STATE_QUEUED:
    default:
      text = g_strdup (message != NULL ? message : _("Tickets are waiting to be printed"));
      break;
    }

  gtk_image_set_from_icon_name (self->print_icon, icon);
  gtk_label_set_text (self->print_label, text);
}

void
bo_sale_result_focus (BoSaleResult *self)
{
  g_return_if_fail (BO_IS_SALE_RESULT (self));

  gtk_widget_grab_focus (self->new_sale_button);
}
