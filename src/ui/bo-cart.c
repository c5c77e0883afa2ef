/* bo-cart.c — the cart on the counter: a GListModel of BoCartItem plus vouchers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui/bo-cart.h"

typedef struct {
  char   *code;
  gint64  amount;
} Voucher;

struct _BoCart
{
  GObject    parent_instance;

  gint64     event_id;
  char      *currency;
  GPtrArray *items;    /* BoCartItem */
  GArray    *vouchers; /* Voucher */
};

static void bo_cart_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BoCart, bo_cart, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, bo_cart_list_model_init))

enum {
  PROP_0,
  PROP_EVENT_ID,
  PROP_N_TICKETS,
  PROP_TOTAL,
  PROP_DUE,
  PROP_EMPTY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
voucher_clear (gpointer data)
{
  Voucher *voucher = data;

  g_clear_pointer (&voucher->code, g_free);
}

/* Totals are derived, so one notification round after each change keeps every view right. */
static void
emit_changed (BoCart *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TICKETS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY]);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
find_item (BoCart *self,
           gint64  ticket_type_id,
           guint  *out_index)
{
  for (guint i = 0; i < self->items->len; i++)
    if (bo_cart_item_get_ticket_type_id (g_ptr_array_index (self->items, i)) == ticket_type_id)
      {
        *out_index = i;
        return TRUE;
      }
  return FALSE;
}

static GType
bo_cart_get_item_type (GListModel *model)
{
  return BO_TYPE_CART_ITEM;
}

static guint
bo_cart_get_n_items (GListModel *model)
{
  return BO_CART (model)->items->len;
}

static gpointer
bo_cart_get_item (GListModel *model,
                  guint       position)
{
  BoCart *self = BO_CART (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
bo_cart_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = bo_cart_get_item_type;
  iface->get_n_items = bo_cart_get_n_items;
  iface->get_item = bo_cart_get_item;
}

static void
bo_cart_finalize (GObject *object)
{
  BoCart *self = BO_CART (object);

  g_ptr_array_unref (self->items);
  g_array_unref (self->vouchers);
  g_free (self->currency);

  G_OBJECT_CLASS (bo_cart_parent_class)->finalize (object);
}

static void
bo_cart_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  BoCart *self = BO_CART (object);

  switch (prop_id)
    {
    case PROP_EVENT_ID:
      g_value_set_int64 (value, self->event_id);
      break;
    case PROP_N_TICKETS:
      g_value_set_uint (value, bo_cart_get_n_tickets (self));
      break;
    case PROP_TOTAL:
      g_value_set_int64 (value, bo_cart_get_total (self));
      break;
    case PROP_DUE:
      g_value_set_int64 (value, bo_cart_get_due (self));
      break;
    case PROP_EMPTY:
      g_value_set_boolean (value, bo_cart_is_empty (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_cart_class_init (BoCartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bo_cart_finalize;
  object_class->get_property = bo_cart_get_property;

  properties[PROP_EVENT_ID] =
    g_param_spec_int64 ("event-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_TICKETS] =
    g_param_spec_uint ("n-tickets", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DUE] =
    g_param_spec_int64 ("due", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPTY] =
    g_param_spec_boolean ("empty", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After every change of lines or vouchers. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bo_cart_init (BoCart *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->vouchers = g_array_new (FALSE, TRUE, sizeof (Voucher));
  g_array_set_clear_func (self->vouchers, voucher_clear);
}

BoCart *
bo_cart_new (void)
{
  return g_object_new (BO_TYPE_CART, NULL);
}

void
bo_cart_set_event (BoCart     *self,
                   gint64      event_id,
                   const char *currency)
{
  g_return_if_fail (BO_IS_CART (self));

  bo_cart_clear (self);
  g_free (self->currency);
  self->currency = g_strdup (currency);
  if (self->event_id != event_id)
    {
      self->event_id = event_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_ID]);
    }
}

gint64
bo_cart_get_event_id (BoCart *self)
{
  g_return_val_if_fail (BO_IS_CART (self), 0);

  return self->event_id;
}

const char *
bo_cart_get_currency (BoCart *self)
{
  g_return_val_if_fail (BO_IS_CART (self), NULL);

  /* Before an event is chosen the cart is empty; any currency shows its zeros. */
  return self->currency != NULL ? self->currency : "EUR";
}

gboolean
bo_cart_add (BoCart       *self,
             BoTicketType *ticket_type,
             guint         quantity)
{
  guint index;

  g_return_val_if_fail (BO_IS_CART (self), FALSE);
  g_return_val_if_fail (BO_IS_TICKET_TYPE (ticket_type), FALSE);

  if (quantity == 0 || bo_cart_get_n_tickets (self) + quantity > BO_SALE_MAX_TICKETS)
    return FALSE;

  if (find_item (self, bo_ticket_type_get_id (ticket_type), &index))
    {
      BoCartItem *item = g_ptr_array_index (self->items, index);

      bo_cart_item_set_quantity (item, bo_cart_item_get_quantity (item) + quantity);
    }
  else
    {
      g_ptr_array_add (self->items, bo_cart_item_new (ticket_type, quantity));
      g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
    }

  emit_changed (self);
  return TRUE;
}

void
bo_cart_set_quantity (BoCart *self,
                      gint64  ticket_type_id,
                      guint   quantity)
{
  guint index;

  g_return_if_fail (BO_IS_CART (self));

  if (!find_item (self, ticket_type_id, &index))
    return;

  if (quantity == 0)
    {
      g_ptr_array_remove_index (self->items, index);
      g_list_model_items_changed (G_LIST_MODEL (self), index, 1, 0);
    }
  else
    {
      BoCartItem *item = g_ptr_array_index (self->items, index);
      guint others = bo_cart_get_n_tickets (self) - bo_cart_item_get_quantity (item);

      bo_cart_item_set_quantity (item, MIN (quantity, BO_SALE_MAX_TICKETS - others));
    }

  emit_changed (self);
}

guint
bo_cart_get_quantity (BoCart *self,
                      gint64  ticket_type_id)
{
  guint index;

  g_return_val_if_fail (BO_IS_CART (self), 0);

  if (!find_item (self, ticket_type_id, &index))
    return 0;
  return bo_cart_item_get_quantity (g_ptr_array_index (self->items, index));
}

void
bo_cart_clear (BoCart *self)
{
  guint n;

  g_return_if_fail (BO_IS_CART (self));

  n = self->items->len;
  if (n == 0 && self->vouchers->len == 0)
    return;

  g_ptr_array_set_size (self->items, 0);
  g_array_set_size (self->vouchers, 0);
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);

  emit_changed (self);
}

void
bo_cart_update_ticket_types (BoCart     *self,
                             GListModel *ticket_types)
{
  guint n;

  g_return_if_fail (BO_IS_CART (self));
  g_return_if_fail (G_IS_LIST_MODEL (ticket_types));

  n = g_list_model_get_n_items (ticket_types);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BoTicketType) type = g_list_model_get_item (ticket_types, i);
      guint index;

      if (find_item (self, bo_ticket_type_get_id (type), &index))
        bo_cart_item_set_ticket_type (g_ptr_array_index (self->items, index), type);
    }

  emit_changed (self);
}

void
bo_cart_add_voucher (BoCart     *self,
                     const char *code,
                     gint64      amount)
{
  Voucher voucher;

  g_return_if_fail (BO_IS_CART (self));
  g_return_if_fail (code != NULL && amount > 0);

  voucher.code = g_strdup (code);
  voucher.amount = amount;
  g_array_append_val (self->vouchers, voucher);
  emit_changed (self);
}

void
bo_cart_remove_voucher (BoCart *self,
                        guint   index)
{
  g_return_if_fail (BO_IS_CART (self));
  g_return_if_fail (index < self->vouchers->len);

  g_array_remove_index (self->vouchers, index);
  emit_changed (self);
}

guint
bo_cart_get_n_vouchers (BoCart *self)
{
  g_return_val_if_fail (BO_IS_CART (self), 0);

  return self->vouchers->len;
}

const char *
bo_cart_get_voucher (BoCart *self,
                     guint   index,
                     gint64 *out_amount)
{
  Voucher *voucher;

  g_return_val_if_fail (BO_IS_CART (self), NULL);
  g_return_val_if_fail (index < self->vouchers->len, NULL);

  voucher = &g_array_index (self->vouchers, Voucher, index);
  if (out_amount != NULL)
    *out_amount = voucher->amount;
  return voucher->code;
}

gboolean
bo_cart_is_empty (BoCart *self)
{
  g_return_val_if_fail (BO_IS_CART (self), TRUE);

  return self->items->len == 0;
}

guint
bo_cart_get_n_tickets (BoCart *self)
{
  guint n = 0;

  g_return_val_if_fail (BO_IS_CART (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    n += bo_cart_item_get_quantity (g_ptr_array_index (self->items, i));
  return n;
}

gint64
bo_cart_get_subtotal (BoCart *self)
{
  gint64 sum = 0;

  g_return_val_if_fail (BO_IS_CART (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    {
      BoCartItem *item = g_ptr_array_index (self->items, i);

      sum += bo_ticket_type_get_price (bo_cart_item_get_ticket_type (item))
             * (gint64) bo_cart_item_get_quantity (item);
    }
  return sum;
}

gint64
bo_cart_get_fees (BoCart *self)
{
  gint64 sum = 0;

  g_return_val_if_fail (BO_IS_CART (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    {
      BoCartItem *item = g_ptr_array_index (self->items, i);

      sum += bo_ticket_type_get_fee (bo_cart_item_get_ticket_type (item))
             * (gint64) bo_cart_item_get_quantity (item);
    }
  return sum;
}

gint64
bo_cart_get_total (BoCart *self)
{
  g_return_val_if_fail (BO_IS_CART (self), 0);

  return bo_cart_get_subtotal (self) + bo_cart_get_fees (self);
}

gint64
bo_cart_get_voucher_total (BoCart *self)
{
  gint64 sum = 0;

  g_return_val_if_fail (BO_IS_CART (self), 0);

  for (guint i = 0; i < self->vouchers->len; i++)
    sum += g_array_index (self->vouchers, Voucher, i).amount;
  return sum;
}

gint64
bo_cart_get_due (BoCart *self)
{
  g_return_val_if_fail (BO_IS_CART (self), 0);

  return MAX (bo_cart_get_total (self) - bo_cart_get_voucher_total (self), 0);
}

BoSale *
bo_cart_to_sale (BoCart *self)
{
  g_autoptr(BoSale) sale = NULL;
  gint64 left;

  g_return_val_if_fail (BO_IS_CART (self), NULL);

  sale = bo_sale_new (self->event_id);
  for (guint i = 0; i < self->items->len; i++)
    {
      BoCartItem *item = g_ptr_array_index (self->items, i);

      bo_sale_set_quantity (sale, bo_cart_item_get_ticket_type_id (item),
                            bo_cart_item_get_quantity (item));
    }

  /* A voucher worth more than the order covers only the order: the core refuses a payment
   * beyond what is left, and no change is given on vouchers. */
  left = bo_cart_get_total (self);
  for (guint i = 0; i < self->vouchers->len && left > 0; i++)
    {
      Voucher *voucher = &g_array_index (self->vouchers, Voucher, i);
      gint64 amount = MIN (voucher->amount, left);

      bo_sale_add_payment (sale, BO_PAYMENT_VOUCHER, amount, -1, voucher->code);
      left -= amount;
    }

  return g_steal_pointer (&sale);
}
