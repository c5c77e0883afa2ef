/* bo-order-row.c — one order in the list of recent orders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "domain/bo-money.h"
#include "ui/bo-format.h"
#include "ui/bo-order-row.h"

struct _BoOrderRow
{
  GtkListBoxRow parent_instance;

  BoOrder      *order;

  /* Template widgets */
  GtkLabel     *title_label;
  GtkLabel     *total_label;
  GtkLabel     *detail_label;
  GtkLabel     *status_label;
};

G_DEFINE_FINAL_TYPE (BoOrderRow, bo_order_row, GTK_TYPE_LIST_BOX_ROW)

static void
bo_order_row_dispose (GObject *object)
{
  BoOrderRow *self = BO_ORDER_ROW (object);

  g_clear_object (&self->order);
  gtk_widget_dispose_template (GTK_WIDGET (object), BO_TYPE_ORDER_ROW);

  G_OBJECT_CLASS (bo_order_row_parent_class)->dispose (object);
}

static void
bo_order_row_class_init (BoOrderRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_order_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bo-order-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BoOrderRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, BoOrderRow, total_label);
  gtk_widget_class_bind_template_child (widget_class, BoOrderRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, BoOrderRow, status_label);
}

static void
bo_order_row_init (BoOrderRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
bo_order_row_new (BoOrder *order)
{
  BoOrderRow *self;
  g_autofree char *title = NULL;
  g_autofree char *total = NULL;
  g_autofree char *when = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *label = NULL;
  const char *status;
  guint n_tickets;

  g_return_val_if_fail (BO_IS_ORDER (order), NULL);

  self = g_object_new (BO_TYPE_ORDER_ROW, NULL);
  self->order = g_object_ref (order);

  title = bo_format_order_title (order);
  total = bo_money_format (bo_order_get_total (order), bo_order_get_currency (order));
  when = bo_format_timestamp (bo_order_get_created_at (order));
  n_tickets = bo_order_get_tickets (order)->len;
  /* Translators: under an order in the list: "Today, 14:05 · 2 tickets · Sevdah Night". */
  detail = g_strdup_printf (ngettext ("%s · %u ticket · %s", "%s · %u tickets · %s", n_tickets),
                            when, n_tickets, bo_order_get_event_name (order));
  status = bo_format_order_status (order);

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->total_label, total);
  gtk_label_set_text (self->detail_label, detail);
  gtk_label_set_text (self->status_label, status);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label),
                          g_strcmp0 (bo_order_get_status (order), "paid") != 0);

  label = g_strdup_printf ("%s, %s, %s", title, total, status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, detail,
                                  -1);
  return GTK_WIDGET (self);
}

BoOrder *
bo_order_row_get_order (BoOrderRow *self)
{
  g_return_val_if_fail (BO_IS_ORDER_ROW (self), NULL);

  return self->order;
}
