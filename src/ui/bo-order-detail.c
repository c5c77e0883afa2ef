/* bo-order-detail.c — everything about one order: lines, tickets, payments, taxes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "domain/bo-money.h"
#include "domain/bo-tax.h"
#include "ui/bo-format.h"
#include "ui/bo-order-detail.h"
#include "ui/bo-ui-util.h"

struct _BoOrderDetail
{
  GtkWidget            parent_instance;

  BoOrder             *order;
  GPtrArray           *rows;   /* rows added to the groups, to remove on the next order */
  GPtrArray           *checks; /* GtkCheckButton per refundable ticket */

  /* Template widgets */
  GtkLabel            *title_label;
  GtkLabel            *subtitle_label;
  GtkLabel            *status_label;
  AdwPreferencesGroup *tickets_group;
  AdwPreferencesGroup *lines_group;
  AdwPreferencesGroup *payments_group;
  AdwPreferencesGroup *taxes_group;
  GtkLabel            *total_label;
  GtkLabel            *fees_label;
  GtkLabel            *refunded_label;
  GtkWidget           *refunded_row;
  GtkLabel            *change_label;
  GtkWidget           *change_row;
  GtkWidget           *forced_row;
};

G_DEFINE_FINAL_TYPE (BoOrderDetail, bo_order_detail, GTK_TYPE_WIDGET)

static void
add_row (BoOrderDetail       *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, g_object_ref (row));
  g_object_set_data (G_OBJECT (row), "bo-group", group);
}

static GtkWidget *
money_row (const char *title,
           const char *subtitle,
           gint64      amount,
           const char *currency)
{
  g_autofree char *money = bo_money_format (amount, currency);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (money);

  gtk_widget_add_css_class (label, "numeric");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static void
clear_rows (BoOrderDetail *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "bo-group"), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->checks, 0);
}

static void
fill_tickets (BoOrderDetail *self)
{
  GPtrArray *tickets = bo_order_get_tickets (self->order);

  for (guint i = 0; i < tickets->len; i++)
    {
      BoOrderTicket *ticket = g_ptr_array_index (tickets, i);
      gboolean valid = g_strcmp0 (ticket->status, "valid") == 0;
      g_autofree char *subtitle = NULL;
      g_autofree char *check_label = NULL;
      GtkWidget *row = adw_action_row_new ();

      /* Translators: a ticket in an order: "No. 1234 · valid · printed 2×". */
      subtitle = g_strdup_printf (_("No. %u · %s · printed %u×"), ticket->serial,
                                  valid ? _("valid") : _("cancelled"), ticket->print_count);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ticket->ticket_type_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      if (valid)
        {
          GtkWidget *check = gtk_check_button_new ();

          check_label = g_strdup_printf (_("Refund ticket No. %u (%s)"), ticket->serial,
                                         ticket->ticket_type_name);
          gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, check_label, -1);
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          g_object_set_data_full (G_OBJECT (check), "bo-ticket-uuid", g_strdup (ticket->uuid),
                                  g_free);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          /* The row made its title label the check's as well; GTK 4.8 would read both
           * ("Refund ticket No. 1 (Standing) Standing"). The subtitle stays its description. */
          gtk_accessible_reset_relation (GTK_ACCESSIBLE (check),
                                         GTK_ACCESSIBLE_RELATION_LABELLED_BY);
          g_ptr_array_add (self->checks, check);
        }
      else
        {
          gtk_widget_add_css_class (row, "dim-label");
        }

      add_row (self, self->tickets_group, row);
    }
}

static void
fill_lines (BoOrderDetail *self)
{
  GPtrArray *lines = bo_order_get_lines (self->order);
  const char *currency = bo_order_get_currency (self->order);

  for (guint i = 0; i < lines->len; i++)
    {
      BoOrderLine *line = g_ptr_array_index (lines, i);
      g_autofree char *title = g_strdup_printf ("%u × %s", line->quantity, line->ticket_type_name);
      g_autofree char *price = bo_money_format (line->unit_price, currency);
      g_autofree char *fee = bo_money_format (line->unit_fee, currency);
      /* Translators: under an order line: price and fee of one ticket. */
      g_autofree char *subtitle = line->unit_fee > 0
                                  ? g_strdup_printf (_("%s each + %s fee"), price, fee)
                                  : g_strdup_printf (_("%s each"), price);

      add_row (self, self->lines_group,
               money_row (title, subtitle, (line->unit_price + line->unit_fee) * line->quantity,
                          currency));
    }
}

static void
fill_payments (BoOrderDetail *self)
{
  GPtrArray *payments = bo_order_get_payments (self->order);
  const char *currency = bo_order_get_currency (self->order);

  for (guint i = 0; i < payments->len; i++)
    {
      BoOrderPayment *payment = g_ptr_array_index (payments, i);
      g_autofree char *subtitle = NULL;

      if (payment->method == BO_PAYMENT_CASH && payment->tendered >= 0)
        {
          g_autofree char *tendered = bo_money_format (payment->tendered, currency);
          g_autofree char *change = bo_money_format (payment->change, currency);

          subtitle = g_strdup_printf (_("Handed over %s, change %s"), tendered, change);
        }
      else if (payment->reference != NULL)
        {
          subtitle = g_strdup (payment->reference);
        }

      add_row (self, self->payments_group,
               money_row (bo_payment_method_describe (payment->method), subtitle, payment->amount,
                          currency));
    }
}

static void
fill_taxes (BoOrderDetail *self)
{
  GArray *taxes = bo_order_get_tax_lines (self->order);
  const char *currency = bo_order_get_currency (self->order);

  for (guint i = 0; taxes != NULL && i < taxes->len; i++)
    {
      BoTaxLine *tax = &g_array_index (taxes, BoTaxLine, i);
      g_autofree char *rate = g_strdup_printf ("%d.%02d %%", tax->rate_bp / 100, tax->rate_bp % 100);
      g_autofree char *gross = bo_money_format (tax->gross, currency);
      g_autofree char *net = bo_money_format (tax->net, currency);
      /* Translators: a tax line: "VAT 17.00 %". */
      g_autofree char *title = g_strdup_printf (_("Tax %s"), rate);
      /* Translators: under a tax line: the gross amount and the net amount it contains. */
      g_autofree char *subtitle = g_strdup_printf (_("%s gross, %s net"), gross, net);

      add_row (self, self->taxes_group, money_row (title, subtitle, tax->tax, currency));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->taxes_group), taxes != NULL && taxes->len > 0);
}

static void
bo_order_detail_dispose (GObject *object)
{
  BoOrderDetail *self = BO_ORDER_DETAIL (object);

  g_clear_object (&self->order);
  bo_ui_dispose_template (GTK_WIDGET (object), BO_TYPE_ORDER_DETAIL);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (bo_order_detail_parent_class)->dispose (object);
}

static void
bo_order_detail_class_init (BoOrderDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_order_detail_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/bo-order-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, BoOrderDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, BoOrderDetail, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, BoOrderDetail, status_label);
  gtk_widget_class_bind_template_child (widget_class, BoOrderDetail, tickets_group);
  gtk_widget_class_bind_template_child (widget_class, BoOrderDetail, lines_group);
  gtk_widget_class_bind_template_child (widget_class, BoOrderDetail, payments_group);
  gtk_widget_class_bind_template_child (widget_class, BoOrderDetail, taxes_group);
  gtk_widget_class_bind_template_child (widget_class, BoOrderDetail, total_label);
  gtk_widget_class_bind_template_child (widget_class, BoOrderDetail, fees_label);
  gtk_widget_class_bind_template_child (widget_class, BoOrderDetail, refunded_label);
  gtk_widget_class_bind_template_child (widget_class, BoOrderDetail, refunded_row);
  gtk_widget_class_bind_template_child (widget_class, BoOrderDetail, change_label);
  gtk_widget_class_bind_template_child (widget_class, BoOrderDetail, change_row);
  gtk_widget_class_bind_template_child (widget_class, BoOrderDetail, forced_row);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
bo_order_detail_init (BoOrderDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->checks = g_ptr_array_new ();
}

void
bo_order_detail_set_order (BoOrderDetail *self,
                           BoOrder       *order)
{
  const char *currency;
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *total = NULL;
  g_autofree char *fees = NULL;
  g_autofree char *refunded = NULL;
  g_autofree char *change = NULL;

  g_return_if_fail (BO_IS_ORDER_DETAIL (self));
  g_return_if_fail (BO_IS_ORDER (order));

  g_set_object (&self->order, order);
  clear_rows (self);

  currency = bo_order_get_currency (order);
  title = bo_format_order_title (order);
  when = bo_format_timestamp (bo_order_get_created_at (order));
  /* Translators: under the order title: event · when · who sold it. */
  subtitle = g_strdup_printf (_("%s · %s · sold by %s"), bo_order_get_event_name (order), when,
                              bo_order_get_operator_name (order) != NULL
                              ? bo_order_get_operator_name (order) : "?");
  total = bo_money_format (bo_order_get_total (order), currency);
  fees = bo_money_format (bo_order_get_fees (order), currency);
  refunded = bo_money_format (bo_order_get_refunded (order), currency);
  change = bo_money_format (bo_order_get_change (order), currency);

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_label_set_text (self->status_label, bo_format_order_status (order));
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label),
                            g_strcmp0 (bo_order_get_status (order), "paid") == 0 ? "success" : "error");
  gtk_label_set_text (self->total_label, total);
  gtk_label_set_text (self->fees_label, fees);
  gtk_label_set_text (self->refunded_label, refunded);
  gtk_widget_set_visible (self->refunded_row, bo_order_get_refunded (order) != 0);
  gtk_label_set_text (self->change_label, change);
  gtk_widget_set_visible (self->change_row, bo_order_get_change (order) != 0);
  gtk_widget_set_visible (self->forced_row, bo_order_get_forced (order));

  fill_tickets (self);
  fill_lines (self);
  fill_payments (self);
  fill_taxes (self);
}

BoOrder *
bo_order_detail_get_order (BoOrderDetail *self)
{
  g_return_val_if_fail (BO_IS_ORDER_DETAIL (self), NULL);

  return self->order;
}

GStrv
bo_order_detail_get_selected_tickets (BoOrderDetail *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (BO_IS_ORDER_DETAIL (self), NULL);

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "bo-ticket-uuid"));
    }
  return g_strv_builder_end (builder);
}

guint
bo_order_detail_get_n_refundable (BoOrderDetail *self)
{
  g_return_val_if_fail (BO_IS_ORDER_DETAIL (self), 0);

  return self->checks->len;
}
