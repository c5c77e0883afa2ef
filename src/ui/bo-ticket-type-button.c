/* bo-ticket-type-button.c — a large button that adds one ticket of a type to the cart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "domain/bo-money.h"
#include "ui/bo-ticket-type-button.h"

/* At or below this many seats left the availability turns to a warning. */
#define LOW_AVAILABILITY 10

struct _BoTicketTypeButton
{
  GtkButton     parent_instance;

  BoTicketType *ticket_type;
  char         *currency;
  guint         in_cart;
  guint         position;

  /* Template widgets */
  GtkLabel     *name_label;
  GtkLabel     *key_label;
  GtkLabel     *price_label;
  GtkLabel     *fee_label;
  GtkLabel     *availability_label;
};

G_DEFINE_FINAL_TYPE (BoTicketTypeButton, bo_ticket_type_button, GTK_TYPE_BUTTON)

static void
update (BoTicketTypeButton *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  BoTicketType *type = self->ticket_type;
  g_autofree char *price = NULL;
  g_autofree char *fee = NULL;
  g_autofree char *fee_text = NULL;
  g_autofree char *availability = NULL;
  g_autofree char *description = NULL;
  gint64 left;
  gboolean sold_out = FALSE, low = FALSE;

  if (type == NULL)
    return;

  price = bo_money_format (bo_ticket_type_get_price (type) + bo_ticket_type_get_fee (type),
                           self->currency);
  gtk_label_set_text (self->name_label, bo_ticket_type_get_name (type));
  gtk_label_set_text (self->price_label, price);

  if (bo_ticket_type_get_fee (type) > 0)
    {
      fee = bo_money_format (bo_ticket_type_get_fee (type), self->currency);
      /* Translators: under a ticket price; %s is the booking fee included in it. */
      fee_text = g_strdup_printf (_("incl. %s fee"), fee);
    }
  gtk_label_set_text (self->fee_label, fee_text != NULL ? fee_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->fee_label), fee_text != NULL);

  left = bo_ticket_type_button_get_left (self);
  if (!bo_ticket_type_get_active (type))
    {
      availability = g_strdup (_("Not on sale"));
      sold_out = TRUE;
    }
  else if (left < 0)
    {
      availability = self->in_cart > 0
                     ? g_strdup_printf (ngettext ("%u in cart", "%u in cart", self->in_cart),
                                        self->in_cart)
                     : g_strdup (_("No limit"));
    }
  else
    {
      gint64 after = left - (gint64) self->in_cart;

      if (after <= 0)
        {
          sold_out = TRUE;
          availability = self->in_cart > 0
                         ? g_strdup_printf (ngettext ("%u in cart · none left",
                                                      "%u in cart · none left", self->in_cart),
                                            self->in_cart)
                         : g_strdup (_("Sold out"));
        }
      else
        {
          low = after <= LOW_AVAILABILITY;
          if (self->in_cart > 0)
            /* Translators: "2 in cart · 18 left" on a ticket type button. */
            availability = g_strdup_printf (_("%u in cart · %lld left"),
                                            self->in_cart, (long long) after);
          else
            availability = g_strdup_printf (ngettext ("%lld left", "%lld left",
                                                      (unsigned long) after),
                                            (long long) after);
        }
    }
  gtk_label_set_text (self->availability_label, availability);

  if (sold_out)
    gtk_widget_add_css_class (widget, "sold-out");
  else
    gtk_widget_remove_css_class (widget, "sold-out");
  if (low)
    gtk_widget_add_css_class (widget, "low");
  else
    gtk_widget_remove_css_class (widget, "low");

  /* Inactive types cannot be sold at all; sold-out ones stay pressable, so that a manager can
   * override capacity from here. */
  gtk_widget_set_sensitive (widget, bo_ticket_type_get_active (type));

  description = fee_text != NULL ? g_strdup_printf ("%s, %s, %s", price, fee_text, availability)
                                 : g_strdup_printf ("%s, %s", price, availability);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, bo_ticket_type_get_name (type),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
bo_ticket_type_button_dispose (GObject *object)
{
  BoTicketTypeButton *self = BO_TICKET_TYPE_BUTTON (object);

  g_clear_object (&self->ticket_type);
  gtk_widget_dispose_template (GTK_WIDGET (object), BO_TYPE_TICKET_TYPE_BUTTON);

  G_OBJECT_CLASS (bo_ticket_type_button_parent_class)->dispose (object);
}

static void
bo_ticket_type_button_finalize (GObject *object)
{
  g_free (BO_TICKET_TYPE_BUTTON (object)->currency);

  G_OBJECT_CLASS (bo_ticket_type_button_parent_class)->finalize (object);
}

static void
bo_ticket_type_button_class_init (BoTicketTypeButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_ticket_type_button_dispose;
  object_class->finalize = bo_ticket_type_button_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/bo-ticket-type-button.ui");
  gtk_widget_class_bind_template_child (widget_class, BoTicketTypeButton, name_label);
  gtk_widget_class_bind_template_child (widget_class, BoTicketTypeButton, key_label);
  gtk_widget_class_bind_template_child (widget_class, BoTicketTypeButton, price_label);
  gtk_widget_class_bind_template_child (widget_class, BoTicketTypeButton, fee_label);
  gtk_widget_class_bind_template_child (widget_class, BoTicketTypeButton, availability_label);
}

static void
bo_ticket_type_button_init (BoTicketTypeButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
bo_ticket_type_button_new (BoTicketType *ticket_type,
                           const char   *currency,
                           guint         position)
{
  BoTicketTypeButton *self;

  g_return_val_if_fail (BO_IS_TICKET_TYPE (ticket_type), NULL);

  self = g_object_new (BO_TYPE_TICKET_TYPE_BUTTON, NULL);
  self->currency = g_strdup (currency);
  self->position = position;

  if (position < 9)
    {
      g_autofree char *hint = g_strdup_printf (_("Alt+%u"), position + 1);

      gtk_label_set_text (self->key_label, hint);
      gtk_widget_set_visible (GTK_WIDGET (self->key_label), TRUE);
    }

  gtk_actionable_set_action_name (GTK_ACTIONABLE (self), "sell.add-ticket");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self), "x",
                                    bo_ticket_type_get_id (ticket_type));
  bo_ticket_type_button_set_ticket_type (self, ticket_type);
  return GTK_WIDGET (self);
}

BoTicketType *
bo_ticket_type_button_get_ticket_type (BoTicketTypeButton *self)
{
  g_return_val_if_fail (BO_IS_TICKET_TYPE_BUTTON (self), NULL);

  return self->ticket_type;
}

void
bo_ticket_type_button_set_ticket_type (BoTicketTypeButton *self,
                                       BoTicketType       *ticket_type)
{
  g_return_if_fail (BO_IS_TICKET_TYPE_BUTTON (self));
  g_return_if_fail (BO_IS_TICKET_TYPE (ticket_type));

  g_set_object (&self->ticket_type, ticket_type);
  update (self);
}

void
bo_ticket_type_button_set_in_cart (BoTicketTypeButton *self,
                                   guint               in_cart)
{
  g_return_if_fail (BO_IS_TICKET_TYPE_BUTTON (self));

  if (self->in_cart == in_cart)
    return;
  self->in_cart = in_cart;
  update (self);
}

gint64
bo_ticket_type_button_get_left (BoTicketTypeButton *self)
{
  gint64 allocation_left;

  g_return_val_if_fail (BO_IS_TICKET_TYPE_BUTTON (self), -1);

  if (self->ticket_type == NULL)
    return -1;

  /* A counter holding an allocation sells from it, whatever the venue has left. */
  allocation_left = bo_ticket_type_get_allocation_left (self->ticket_type);
  if (allocation_left >= 0)
    return allocation_left;
  return bo_ticket_type_get_available (self->ticket_type);
}
