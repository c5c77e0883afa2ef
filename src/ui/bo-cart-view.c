/* bo-cart-view.c — the cart beside the tickets: lines, vouchers, totals, Pay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "domain/bo-money.h"
#include "ui/bo-cart-row.h"
#include "ui/bo-cart-view.h"
#include "ui/bo-ui-util.h"

struct _BoCartView
{
  GtkWidget   parent_instance;

  BoCart     *cart;

  /* Template widgets */
  GtkLabel   *count_label;
  GtkListBox *list;
  GtkListBox *vouchers_list;
  GtkWidget  *voucher_button;
  GtkLabel   *subtotal_label;
  GtkWidget  *fees_box;
  GtkLabel   *fees_label;
  GtkWidget  *vouchers_box;
  GtkLabel   *vouchers_label;
  GtkLabel   *due_label;
  GtkWidget  *pay_button;
  GtkLabel   *pay_label;
};

G_DEFINE_FINAL_TYPE (BoCartView, bo_cart_view, GTK_TYPE_WIDGET)

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  BoCartView *self = BO_CART_VIEW (user_data);

  return bo_cart_row_new (self->cart, BO_CART_ITEM (item));
}

static void
on_voucher_remove_clicked_cb (GtkButton  *button,
                              BoCartView *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "bo-voucher-index"));

  if (self->cart != NULL && index < bo_cart_get_n_vouchers (self->cart))
    bo_cart_remove_voucher (self->cart, index);
}

/* A voucher line: "Voucher CODE   −10.00 €   [remove]". */
static GtkWidget *
make_voucher_row (BoCartView *self,
                  guint       index)
{
  gint64 amount;
  const char *code = bo_cart_get_voucher (self->cart, index, &amount);
  g_autofree char *money = bo_money_format (-amount, bo_cart_get_currency (self->cart));
  g_autofree char *title = g_strdup_printf (_("Voucher %s"), code);
  g_autofree char *remove = g_strdup_printf (_("Remove voucher %s"), code);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *amount_label = gtk_label_new (money);
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_hexpand (title_label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (amount_label, "numeric");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "touch");
  gtk_widget_set_tooltip_text (button, remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
  g_object_set_data (G_OBJECT (button), "bo-voucher-index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", G_CALLBACK (on_voucher_remove_clicked_cb), self);

  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), amount_label);
  gtk_box_append (GTK_BOX (box), button);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
update_totals (BoCartView *self)
{
  const char *currency;
  g_autofree char *count = NULL;
  g_autofree char *subtotal = NULL;
  g_autofree char *fees = NULL;
  g_autofree char *vouchers = NULL;
  g_autofree char *due = NULL;
  g_autofree char *pay = NULL;
  GtkWidget *child;
  guint n_tickets, n_vouchers;

  if (self->cart == NULL)
    return;

  currency = bo_cart_get_currency (self->cart);
  n_tickets = bo_cart_get_n_tickets (self->cart);
  n_vouchers = bo_cart_get_n_vouchers (self->cart);

  count = g_strdup_printf (ngettext ("%u ticket", "%u tickets", n_tickets), n_tickets);
  subtotal = bo_money_format (bo_cart_get_subtotal (self->cart), currency);
  fees = bo_money_format (bo_cart_get_fees (self->cart), currency);
  vouchers = bo_money_format (-MIN (bo_cart_get_voucher_total (self->cart),
                                    bo_cart_get_total (self->cart)), currency);
  due = bo_money_format (bo_cart_get_due (self->cart), currency);

  gtk_label_set_text (self->count_label, count);
  gtk_label_set_text (self->subtotal_label, subtotal);
  gtk_label_set_text (self->fees_label, fees);
  gtk_widget_set_visible (self->fees_box, bo_cart_get_fees (self->cart) > 0);
  gtk_label_set_text (self->vouchers_label, vouchers);
  gtk_widget_set_visible (self->vouchers_box, n_vouchers > 0);
  gtk_label_set_text (self->due_label, due);

  /* Translators: the Pay button, with the amount to pay. */
  pay = g_strdup_printf (_("Pay %s"), due);
  gtk_label_set_text (self->pay_label, n_tickets > 0 ? pay : _("Pay"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pay_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, n_tickets > 0 ? pay : _("Pay"),
                                  -1);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->vouchers_list))) != NULL)
    gtk_list_box_remove (self->vouchers_list, child);
  for (guint i = 0; i < n_vouchers; i++)
    gtk_list_box_append (self->vouchers_list, make_voucher_row (self, i));
  gtk_widget_set_visible (GTK_WIDGET (self->vouchers_list), n_vouchers > 0);
}

static void
on_cart_changed_cb (BoCart     *cart,
                    BoCartView *self)
{
  update_totals (self);
}

static void
bo_cart_view_dispose (GObject *object)
{
  BoCartView *self = BO_CART_VIEW (object);

  if (self->cart != NULL)
    g_signal_handlers_disconnect_by_func (self->cart, on_cart_changed_cb, self);
  bo_ui_dispose_template (GTK_WIDGET (object), BO_TYPE_CART_VIEW);
  g_clear_object (&self->cart);

  G_OBJECT_CLASS (bo_cart_view_parent_class)->dispose (object);
}

static void
bo_cart_view_class_init (BoCartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_cart_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bo-cart-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BoCartView, count_label);
  gtk_widget_class_bind_template_child (widget_class, BoCartView, list);
  gtk_widget_class_bind_template_child (widget_class, BoCartView, vouchers_list);
  gtk_widget_class_bind_template_child (widget_class, BoCartView, voucher_button);
  gtk_widget_class_bind_template_child (widget_class, BoCartView, subtotal_label);
  gtk_widget_class_bind_template_child (widget_class, BoCartView, fees_box);
  gtk_widget_class_bind_template_child (widget_class, BoCartView, fees_label);
  gtk_widget_class_bind_template_child (widget_class, BoCartView, vouchers_box);
  gtk_widget_class_bind_template_child (widget_class, BoCartView, vouchers_label);
  gtk_widget_class_bind_template_child (widget_class, BoCartView, due_label);
  gtk_widget_class_bind_template_child (widget_class, BoCartView, pay_button);
  gtk_widget_class_bind_template_child (widget_class, BoCartView, pay_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cartview");
}

static void
bo_cart_view_init (BoCartView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
bo_cart_view_set_cart (BoCartView *self,
                       BoCart     *cart)
{
  g_return_if_fail (BO_IS_CART_VIEW (self));
  g_return_if_fail (BO_IS_CART (cart));

  if (self->cart != NULL)
    g_signal_handlers_disconnect_by_func (self->cart, on_cart_changed_cb, self);
  g_set_object (&self->cart, cart);
  g_signal_connect (cart, "changed", G_CALLBACK (on_cart_changed_cb), self);

  gtk_list_box_bind_model (self->list, G_LIST_MODEL (cart), create_row, self, NULL);
  update_totals (self);
}

void
bo_cart_view_set_editable (BoCartView *self,
                           gboolean    editable)
{
  g_return_if_fail (BO_IS_CART_VIEW (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->list), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->vouchers_list), editable);
  gtk_widget_set_visible (self->voucher_button, editable);
  gtk_widget_set_visible (self->pay_button, editable);
}
