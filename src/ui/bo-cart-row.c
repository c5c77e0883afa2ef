/* bo-cart-row.c — one line of the cart with its quantity buttons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "domain/bo-money.h"
#include "ui/bo-cart-row.h"

struct _BoCartRow
{
  GtkListBoxRow parent_instance;

  BoCart       *cart;  /* unowned: the cart outlives its rows */
  BoCartItem   *item;

  /* Template widgets */
  GtkLabel     *name_label;
  GtkLabel     *unit_label;
  GtkLabel     *quantity_label;
  GtkLabel     *total_label;
  GtkButton    *less_button;
  GtkButton    *more_button;
  GtkButton    *remove_button;
};

G_DEFINE_FINAL_TYPE (BoCartRow, bo_cart_row, GTK_TYPE_LIST_BOX_ROW)

static void
update (BoCartRow *self)
{
  BoTicketType *type = bo_cart_item_get_ticket_type (self->item);
  const char *currency = bo_cart_get_currency (self->cart);
  const char *name = bo_ticket_type_get_name (type);
  guint quantity = bo_cart_item_get_quantity (self->item);
  g_autofree char *unit = bo_money_format (bo_ticket_type_get_price (type) +
                                           bo_ticket_type_get_fee (type), currency);
  g_autofree char *total = bo_money_format (bo_cart_item_get_line_total (self->item), currency);
  g_autofree char *unit_text = NULL;
  g_autofree char *quantity_text = g_strdup_printf ("%u", quantity);
  g_autofree char *less = NULL;
  g_autofree char *more = NULL;
  g_autofree char *remove = NULL;
  g_autofree char *row_label = NULL;

  /* Translators: under a cart line: the price of one ticket. */
  unit_text = g_strdup_printf (_("%s each"), unit);
  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->unit_label, unit_text);
  gtk_label_set_text (self->quantity_label, quantity_text);
  gtk_label_set_text (self->total_label, total);

  less = g_strdup_printf (_("One “%s” less"), name);
  more = g_strdup_printf (_("One more “%s”"), name);
  remove = g_strdup_printf (_("Remove “%s”"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->less_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, less, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->more_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, more, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->remove_button), remove);

  /* Translators: accessible name of a cart line: "2 × Standing, 53.00 EUR". */
  row_label = g_strdup_printf (_("%u × %s, %s"), quantity, name, total);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, row_label, -1);
}

static void
on_item_notify_cb (GObject    *object,
                   GParamSpec *pspec,
                   BoCartRow  *self)
{
  update (self);
}

static void
on_less_clicked_cb (GtkButton *button,
                    BoCartRow *self)
{
  guint quantity = bo_cart_item_get_quantity (self->item);

  bo_cart_set_quantity (self->cart, bo_cart_item_get_ticket_type_id (self->item),
                        quantity > 0 ? quantity - 1 : 0);
}

static void
on_more_clicked_cb (GtkButton *button,
                    BoCartRow *self)
{
  if (!bo_cart_add (self->cart, bo_cart_item_get_ticket_type (self->item), 1))
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
on_remove_clicked_cb (GtkButton *button,
                      BoCartRow *self)
{
  bo_cart_set_quantity (self->cart, bo_cart_item_get_ticket_type_id (self->item), 0);
}

static void
bo_cart_row_dispose (GObject *object)
{
  BoCartRow *self = BO_CART_ROW (object);

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, on_item_notify_cb, self);
  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (object), BO_TYPE_CART_ROW);

  G_OBJECT_CLASS (bo_cart_row_parent_class)->dispose (object);
}

static void
bo_cart_row_class_init (BoCartRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_cart_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bo-cart-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BoCartRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, BoCartRow, unit_label);
  gtk_widget_class_bind_template_child (widget_class, BoCartRow, quantity_label);
  gtk_widget_class_bind_template_child (widget_class, BoCartRow, total_label);
  gtk_widget_class_bind_template_child (widget_class, BoCartRow, less_button);
  gtk_widget_class_bind_template_child (widget_class, BoCartRow, more_button);
  gtk_widget_class_bind_template_child (widget_class, BoCartRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_less_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_more_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked_cb);
}

static void
bo_cart_row_init (BoCartRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
bo_cart_row_new (BoCart     *cart,
                 BoCartItem *item)
{
  BoCartRow *self;

  g_return_val_if_fail (BO_IS_CART (cart), NULL);
  g_return_val_if_fail (BO_IS_CART_ITEM (item), NULL);

  self = g_object_new (BO_TYPE_CART_ROW, NULL);
  self->cart = cart;
  self->item = g_object_ref (item);
  g_signal_connect (item, "notify", G_CALLBACK (on_item_notify_cb), self);
  update (self);
  return GTK_WIDGET (self);
}
