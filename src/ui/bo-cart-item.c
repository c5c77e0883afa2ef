/* bo-cart-item.c — one line of the cart: a ticket type and how many
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui/bo-cart-item.h"

struct _BoCartItem
{
  GObject       parent_instance;

  BoTicketType *ticket_type;
  guint         quantity;
};

G_DEFINE_FINAL_TYPE (BoCartItem, bo_cart_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TICKET_TYPE,
  PROP_QUANTITY,
  PROP_LINE_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bo_cart_item_dispose (GObject *object)
{
  BoCartItem *self = BO_CART_ITEM (object);

  g_clear_object (&self->ticket_type);

  G_OBJECT_CLASS (bo_cart_item_parent_class)->dispose (object);
}

static void
bo_cart_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BoCartItem *self = BO_CART_ITEM (object);

  switch (prop_id)
    {
    case PROP_TICKET_TYPE:
      g_value_set_object (value, self->ticket_type);
      break;
    case PROP_QUANTITY:
      g_value_set_uint (value, self->quantity);
      break;
    case PROP_LINE_TOTAL:
      g_value_set_int64 (value, bo_cart_item_get_line_total (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_cart_item_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BoCartItem *self = BO_CART_ITEM (object);

  switch (prop_id)
    {
    case PROP_TICKET_TYPE:
      bo_cart_item_set_ticket_type (self, g_value_get_object (value));
      break;
    case PROP_QUANTITY:
      bo_cart_item_set_quantity (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_cart_item_class_init (BoCartItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bo_cart_item_dispose;
  object_class->get_property = bo_cart_item_get_property;
  object_class->set_property = bo_cart_item_set_property;

  properties[PROP_TICKET_TYPE] =
    g_param_spec_object ("ticket-type", NULL, NULL, BO_TYPE_TICKET_TYPE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUANTITY] =
    g_param_spec_uint ("quantity", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINE_TOTAL] =
    g_param_spec_int64 ("line-total", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bo_cart_item_init (BoCartItem *self)
{
}

BoCartItem *
bo_cart_item_new (BoTicketType *ticket_type,
                  guint         quantity)
{
  g_return_val_if_fail (BO_IS_TICKET_TYPE (ticket_type), NULL);

  return g_object_new (BO_TYPE_CART_ITEM,
                       "ticket-type", ticket_type,
                       "quantity", quantity,
                       NULL);
}

BoTicketType *
bo_cart_item_get_ticket_type (BoCartItem *self)
{
  g_return_val_if_fail (BO_IS_CART_ITEM (self), NULL);

  return self->ticket_type;
}

void
bo_cart_item_set_ticket_type (BoCartItem   *self,
                              BoTicketType *ticket_type)
{
  g_return_if_fail (BO_IS_CART_ITEM (self));
  g_return_if_fail (BO_IS_TICKET_TYPE (ticket_type));

  if (g_set_object (&self->ticket_type, ticket_type))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKET_TYPE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINE_TOTAL]);
    }
}

gint64
bo_cart_item_get_ticket_type_id (BoCartItem *self)
{
  g_return_val_if_fail (BO_IS_CART_ITEM (self), 0);

  return self->ticket_type != NULL ? bo_ticket_type_get_id (self->ticket_type) : 0;
}

guint
bo_cart_item_get_quantity (BoCartItem *self)
{
  g_return_val_if_fail (BO_IS_CART_ITEM (self), 0);

  return self->quantity;
}

void
bo_cart_item_set_quantity (BoCartItem *self,
                           guint       quantity)
{
  g_return_if_fail (BO_IS_CART_ITEM (self));

  if (self->quantity == quantity)
    return;

  self->quantity = quantity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUANTITY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINE_TOTAL]);
}

gint64
bo_cart_item_get_line_total (BoCartItem *self)
{
  g_return_val_if_fail (BO_IS_CART_ITEM (self), 0);

  if (self->ticket_type == NULL)
    return 0;

  return (bo_ticket_type_get_price (self->ticket_type) + bo_ticket_type_get_fee (self->ticket_type))
         * (gint64) self->quantity;
}
