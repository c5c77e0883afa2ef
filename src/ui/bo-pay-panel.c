/* bo-pay-panel.c — taking the money: cash with quick tender and change, card, voucher,
 * complimentary, and payments split over several of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "domain/bo-money.h"
#include "ui/bo-format.h"
#include "ui/bo-pay-panel.h"
#include "ui/bo-stack-util.h"
#include "ui/bo-ui-util.h"

#define N_QUICK 5

typedef struct {
  BoPaymentMethod method;
  gint64          amount;
  char           *reference;
} Part;

struct _BoPayPanel
{
  GtkWidget        parent_instance;

  BoCart          *cart;
  GArray          *parts;   /* Part: payments of a split, before the last one */
  BoPaymentMethod  method;  /* of the last payment */
  gint64           quick[N_QUICK];
  gboolean         busy;
  gboolean         can_complete;

  /* Template widgets */
  GtkLabel        *due_label;
  GtkLabel        *due_caption;
  GtkListBox      *parts_list;
  GtkToggleButton *cash_button;
  GtkToggleButton *card_button;
  GtkToggleButton *voucher_button;
  GtkToggleButton *free_button;
  GtkStack        *method_stack;
  GtkEntry        *tendered_entry;
  GtkButton       *quick_buttons[N_QUICK];
  GtkWidget       *change_box;
  GtkLabel        *change_caption;
  GtkLabel        *change_label;
  AdwEntryRow     *reference_row;
  AdwEntryRow     *voucher_row;
  GtkEntry        *part_entry;
  GtkButton       *part_button;
  GtkLabel        *error_label;
  GtkWidget       *content;
};

G_DEFINE_FINAL_TYPE (BoPayPanel, bo_pay_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAN_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update (BoPayPanel *self);

static void
part_clear (gpointer data)
{
  Part *part = data;

  g_clear_pointer (&part->reference, g_free);
}

static const char *
currency (BoPayPanel *self)
{
  return self->cart != NULL ? bo_cart_get_currency (self->cart) : NULL;
}

static gint64
parts_total (BoPayPanel *self)
{
  gint64 sum = 0;

  for (guint i = 0; i < self->parts->len; i++)
    sum += g_array_index (self->parts, Part, i).amount;
  return sum;
}

/* What the last payment has to cover. */
static gint64
remaining (BoPayPanel *self)
{
  if (self->cart == NULL)
    return 0;
  return MAX (bo_cart_get_due (self->cart) - parts_total (self), 0);
}

/* -1: empty (exact amount); -2: not an amount. */
static gint64
parse_entry (BoPayPanel *self,
             GtkEntry   *entry,
             char      **out_message)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) error = NULL;
  gint64 amount;

  if (*text == '\0')
    return -1;
  if (!bo_money_parse (text, currency (self), &amount, &error) || amount < 0)
    {
      if (out_message != NULL)
        *out_message = g_strdup (error != NULL ? error->message : _("Enter an amount above zero"));
      return -2;
    }
  return amount;
}

static char *
voucher_code (BoPayPanel *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->voucher_row))));
}

static char *
card_reference (BoPayPanel *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reference_row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/* Exact, then the round amounts a customer hands over: for each note (5, 10, 20, 50, 100
 * and 200 whole units) the smallest multiple of it above what is due, each amount once, in
 * ascending order, and none more than 100 units above it (nobody carries that much change). */
static void
compute_quick (BoPayPanel *self,
               gint64      due)
{
  static const gint64 notes[] = { 5, 10, 20, 50, 100, 200 };
  gint64 unit = 1;
  guint n = 0;

  for (guint e = bo_currency_exponent (currency (self)); e > 0; e--)
    unit *= 10;

  memset (self->quick, 0, sizeof self->quick);
  self->quick[n++] = due;
  if (due <= 0)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      gint64 note = notes[i] * unit;
      gint64 amount = (due + note - 1) / note * note;
      guint at;

      if (amount <= due || amount - due > 100 * unit)
        continue;

      /* Insert in order, skipping amounts already offered. */
      for (at = 1; at < n && self->quick[at] < amount; at++)
        ;
      if (at < n && self->quick[at] == amount)
        continue;
      if (n == N_QUICK)
        {
          if (at == N_QUICK)
            continue;
          n--;
        }
      memmove (&self->quick[at + 1], &self->quick[at], (n - at) * sizeof self->quick[0]);
      self->quick[at] = amount;
      n++;
    }
}

static void
update_quick (BoPayPanel *self,
              gint64      due)
{
  compute_quick (self, due);

  for (guint i = 0; i < N_QUICK; i++)
    {
      GtkWidget *button = GTK_WIDGET (self->quick_buttons[i]);
      g_autofree char *label = NULL;
      g_autofree char *accessible = NULL;

      if (self->quick[i] <= 0 || (i > 0 && self->quick[i] <= due))
        {
          gtk_widget_set_visible (button, FALSE);
          continue;
        }

      label = bo_money_format (self->quick[i], currency (self));
      if (i == 0)
        {
          /* Translators: quick tender button: the customer gives the exact amount. */
          accessible = g_strdup_printf (_("Exact: %s"), label);
          gtk_button_set_label (self->quick_buttons[i], accessible);
        }
      else
        {
          /* Translators: quick tender button's accessible name. */
          accessible = g_strdup_printf (_("Customer gives %s"), label);
          gtk_button_set_label (self->quick_buttons[i], label);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_widget_set_visible (button, TRUE);
    }
}

static void
set_can_complete (BoPayPanel *self,
                  gboolean    can_complete)
{
  if (self->can_complete == can_complete)
    return;
  self->can_complete = can_complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_COMPLETE]);
}

static void
on_part_remove_clicked_cb (GtkButton  *button,
                           BoPayPanel *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "bo-part-index"));

  if (self->busy || index >= self->parts->len)
    return;
  g_array_remove_index (self->parts, index);
  update (self);
}

static GtkWidget *
make_part_row (BoPayPanel *self,
               guint       index)
{
  Part *part = &g_array_index (self->parts, Part, index);
  g_autofree char *money = bo_money_format (part->amount, currency (self));
  g_autofree char *title = part->reference != NULL
                           ? g_strdup_printf ("%s · %s", bo_payment_method_describe (part->method),
                                              part->reference)
                           : g_strdup (bo_payment_method_describe (part->method));
  g_autofree char *remove = g_strdup_printf (_("Remove the %s payment of %s"),
                                             bo_payment_method_describe (part->method), money);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *amount = gtk_label_new (money);
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (amount, "numeric");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
  g_object_set_data (G_OBJECT (button), "bo-part-index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", G_CALLBACK (on_part_remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
update (BoPayPanel *self)
{
  gint64 due = remaining (self);
  g_autofree char *due_text = bo_money_format (due, currency (self));
  g_autofree char *message = NULL;
  gboolean ok = FALSE;
  GtkWidget *child;

  if (self->cart == NULL)
    return;

  gtk_label_set_text (self->due_label, due_text);
  gtk_label_set_text (self->due_caption, self->parts->len > 0 ? _("Still to pay") : _("To pay"));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->parts_list))) != NULL)
    gtk_list_box_remove (self->parts_list, child);
  for (guint i = 0; i < self->parts->len; i++)
    gtk_list_box_append (self->parts_list, make_part_row (self, i));
  gtk_widget_set_visible (GTK_WIDGET (self->parts_list), self->parts->len > 0);

  update_quick (self, due);

  gtk_widget_remove_css_class (GTK_WIDGET (self->change_label), "short");
  gtk_widget_set_visible (self->change_box, self->method == BO_PAYMENT_CASH && due > 0);
  if (self->method == BO_PAYMENT_CASH)
    {
      gint64 tendered = parse_entry (self, self->tendered_entry, &message);

      if (tendered == -2)
        {
          gtk_label_set_text (self->change_caption, _("Change"));
          gtk_label_set_text (self->change_label, "—");
        }
      else if (tendered == -1 || tendered >= due)
        {
          g_autofree char *change = bo_money_format (tendered < 0 ? 0 : tendered - due,
                                                     currency (self));

          gtk_label_set_text (self->change_caption, _("Change"));
          gtk_label_set_text (self->change_label, change);
          ok = TRUE;
        }
      else
        {
          g_autofree char *missing = bo_money_format (due - tendered, currency (self));

          gtk_label_set_text (self->change_caption, _("Not enough: still missing"));
          gtk_label_set_text (self->change_label, missing);
          gtk_widget_add_css_class (GTK_WIDGET (self->change_label), "short");
        }
    }
  else if (self->method == BO_PAYMENT_VOUCHER)
    {
      g_autofree char *code = voucher_code (self);

      ok = *code != '\0';
    }
  else
    {
      ok = TRUE;
    }

  /* Nothing left to pay: the parts (or the vouchers) cover it all. */
  if (due == 0)
    ok = TRUE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->method_stack), due > 0 && !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->part_button), due > 0 && !self->busy);

  bo_pay_panel_set_error (self, message);
  set_can_complete (self, ok && !bo_cart_is_empty (self->cart) && !self->busy);
}

static void
select_method (BoPayPanel      *self,
               BoPaymentMethod  method)
{
  static const char *pages[] = { "cash", "card", "voucher", "free" };

  self->method = method;
  bo_stack_show_only (self->method_stack, pages[method]);
  update (self);
}

static void
on_method_toggled_cb (GtkToggleButton *button,
                      BoPayPanel      *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->cash_button)
    select_method (self, BO_PAYMENT_CASH);
  else if (button == self->card_button)
    select_method (self, BO_PAYMENT_CARD);
  else if (button == self->voucher_button)
    select_method (self, BO_PAYMENT_VOUCHER);
  else
    select_method (self, BO_PAYMENT_FREE);
}

static void
on_quick_clicked_cb (GtkButton  *button,
                     BoPayPanel *self)
{
  for (guint i = 0; i < N_QUICK; i++)
    if (button == self->quick_buttons[i])
      {
        g_autofree char *text = bo_money_format_plain (self->quick[i], currency (self));

        gtk_editable_set_text (GTK_EDITABLE (self->tendered_entry), text);
        gtk_widget_grab_focus (GTK_WIDGET (self->tendered_entry));
        gtk_editable_set_position (GTK_EDITABLE (self->tendered_entry), -1);
      }
}

static void
on_field_changed_cb (GtkEditable *editable,
                     BoPayPanel  *self)
{
  update (self);
}

static void
on_entry_activate_cb (GtkWidget  *entry,
                      BoPayPanel *self)
{
  if (self->can_complete)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.pay", NULL);
  else
    gtk_widget_error_bell (entry);
}

static void
on_part_clicked_cb (GtkButton  *button,
                    BoPayPanel *self)
{
  g_autofree char *message = NULL;
  gint64 due = remaining (self);
  gint64 amount = parse_entry (self, self->part_entry, &message);
  Part part = { self->method, 0, NULL };

  if (amount == -1)
    {
      bo_pay_panel_set_error (self, _("Enter the amount paid this way, then add it."));
      gtk_widget_grab_focus (GTK_WIDGET (self->part_entry));
      return;
    }
  if (amount == -2 || amount == 0 || amount > due)
    {
      g_autofree char *max = bo_money_format (due, currency (self));
      g_autofree char *text = g_strdup_printf (_("A part payment is more than zero and at most %s."),
                                               max);

      bo_pay_panel_set_error (self, message != NULL ? message : text);
      return;
    }

  if (self->method == BO_PAYMENT_VOUCHER)
    {
      part.reference = voucher_code (self);
      if (*part.reference == '\0')
        {
          g_free (part.reference);
          bo_pay_panel_set_error (self, _("Enter the voucher code first."));
          gtk_widget_grab_focus (GTK_WIDGET (self->voucher_row));
          return;
        }
    }
  else if (self->method == BO_PAYMENT_CARD)
    {
      part.reference = card_reference (self);
    }

  part.amount = amount;
  g_array_append_val (self->parts, part);

  gtk_editable_set_text (GTK_EDITABLE (self->part_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->tendered_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->reference_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->voucher_row), "");
  update (self);
}

static void
on_part_entry_activate_cb (GtkEntry   *entry,
                           BoPayPanel *self)
{
  on_part_clicked_cb (self->part_button, self);
}

static void
bo_pay_panel_dispose (GObject *object)
{
  BoPayPanel *self = BO_PAY_PANEL (object);

  if (self->cart != NULL)
    g_signal_handlers_disconnect_by_func (self->cart, update, self);
  g_clear_object (&self->cart);
  bo_ui_dispose_template (GTK_WIDGET (object), BO_TYPE_PAY_PANEL);

  G_OBJECT_CLASS (bo_pay_panel_parent_class)->dispose (object);
}

static void
bo_pay_panel_finalize (GObject *object)
{
  g_array_unref (BO_PAY_PANEL (object)->parts);

  G_OBJECT_CLASS (bo_pay_panel_parent_class)->finalize (object);
}

static void
bo_pay_panel_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BoPayPanel *self = BO_PAY_PANEL (object);

  switch (prop_id)
    {
    case PROP_CAN_COMPLETE:
      g_value_set_boolean (value, self->can_complete);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_pay_panel_class_init (BoPayPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_pay_panel_dispose;
  object_class->finalize = bo_pay_panel_finalize;
  object_class->get_property = bo_pay_panel_get_property;

  properties[PROP_CAN_COMPLETE] =
    g_param_spec_boolean ("can-complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bo-pay-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, BoPayPanel, due_label);
  gtk_widget_class_bind_template_child (widget_class, BoPayPanel, due_caption);
  gtk_widget_class_bind_template_child (widget_class, BoPayPanel, parts_list);
  gtk_widget_class_bind_template_child (widget_class, BoPayPanel, cash_button);
  gtk_widget_class_bind_template_child (widget_class, BoPayPanel, card_button);
  gtk_widget_class_bind_template_child (widget_class, BoPayPanel, voucher_button);
  gtk_widget_class_bind_template_child (widget_class, BoPayPanel, free_button);
  gtk_widget_class_bind_template_child (widget_class, BoPayPanel, method_stack);
  gtk_widget_class_bind_template_child (widget_class, BoPayPanel, tendered_entry);
  gtk_widget_class_bind_template_child_full (widget_class, "quick_0", FALSE,
                                             G_STRUCT_OFFSET (BoPayPanel, quick_buttons[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "quick_1", FALSE,
                                             G_STRUCT_OFFSET (BoPayPanel, quick_buttons[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "quick_2", FALSE,
                                             G_STRUCT_OFFSET (BoPayPanel, quick_buttons[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "quick_3", FALSE,
                                             G_STRUCT_OFFSET (BoPayPanel, quick_buttons[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "quick_4", FALSE,
                                             G_STRUCT_OFFSET (BoPayPanel, quick_buttons[4]));
  gtk_widget_class_bind_template_child (widget_class, BoPayPanel, change_box);
  gtk_widget_class_bind_template_child (widget_class, BoPayPanel, change_caption);
  gtk_widget_class_bind_template_child (widget_class, BoPayPanel, change_label);
  gtk_widget_class_bind_template_child (widget_class, BoPayPanel, reference_row);
  gtk_widget_class_bind_template_child (widget_class, BoPayPanel, voucher_row);
  gtk_widget_class_bind_template_child (widget_class, BoPayPanel, part_entry);
  gtk_widget_class_bind_template_child (widget_class, BoPayPanel, part_button);
  gtk_widget_class_bind_template_child (widget_class, BoPayPanel, error_label);
  gtk_widget_class_bind_template_child (widget_class, BoPayPanel, content);
  gtk_widget_class_bind_template_callback (widget_class, on_method_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_quick_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_part_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_part_entry_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
bo_pay_panel_init (BoPayPanel *self)
{
  self->parts = g_array_new (FALSE, TRUE, sizeof (Part));
  g_array_set_clear_func (self->parts, part_clear);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The flow box wraps each quick-tender button in a cell of its own, which would be a second,
   * unnamed keyboard stop before the button. */
  for (guint i = 0; i < N_QUICK; i++)
    gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (self->quick_buttons[i])), FALSE);
}

void
bo_pay_panel_set_cart (BoPayPanel *self,
                       BoCart     *cart)
{
  g_return_if_fail (BO_IS_PAY_PANEL (self));
  g_return_if_fail (BO_IS_CART (cart));

  if (self->cart != NULL)
    g_signal_handlers_disconnect_by_func (self->cart, update, self);
  g_set_object (&self->cart, cart);
  g_signal_connect_swapped (cart, "changed", G_CALLBACK (update), self);
  update (self);
}

void
bo_pay_panel_reset (BoPayPanel *self)
{
  g_return_if_fail (BO_IS_PAY_PANEL (self));

  g_array_set_size (self->parts, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->tendered_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->reference_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->voucher_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->part_entry), "");
  gtk_toggle_button_set_active (self->cash_button, TRUE);
  select_method (self, BO_PAYMENT_CASH);
  bo_pay_panel_set_error (self, NULL);
}

gboolean
bo_pay_panel_get_can_complete (BoPayPanel *self)
{
  g_return_val_if_fail (BO_IS_PAY_PANEL (self), FALSE);

  return self->can_complete;
}

gboolean
bo_pay_panel_needs_manager (BoPayPanel *self)
{
  g_return_val_if_fail (BO_IS_PAY_PANEL (self), FALSE);

  for (guint i = 0; i < self->parts->len; i++)
    if (g_array_index (self->parts, Part, i).method == BO_PAYMENT_FREE)
      return TRUE;
  return remaining (self) > 0 && self->method == BO_PAYMENT_FREE;
}

void
bo_pay_panel_add_payments (BoPayPanel *self,
                           BoSale     *sale)
{
  g_autofree char *reference = NULL;
  gint64 tendered;

  g_return_if_fail (BO_IS_PAY_PANEL (self));
  g_return_if_fail (BO_IS_SALE (sale));

  for (guint i = 0; i < self->parts->len; i++)
    {
      Part *part = &g_array_index (self->parts, Part, i);

      /* Cash in a split is counted as handed over: only the last payment gives change. */
      bo_sale_add_payment (sale, part->method, part->amount,
                           part->method == BO_PAYMENT_CASH ? part->amount : -1,
                           part->reference);
    }

  if (remaining (self) == 0)
    return;

  switch (self->method)
    {
    case BO_PAYMENT_CASH:
      tendered = parse_entry (self, self->tendered_entry, NULL);
      bo_sale_add_payment (sale, BO_PAYMENT_CASH, BO_PAYMENT_REST, tendered >= 0 ? tendered : -1,
                           NULL);
      break;
    case BO_PAYMENT_CARD:
      reference = card_reference (self);
      bo_sale_add_payment (sale, BO_PAYMENT_CARD, BO_PAYMENT_REST, -1, reference);
      break;
    case BO_PAYMENT_VOUCHER:
      reference = voucher_code (self);
      bo_sale_add_payment (sale, BO_PAYMENT_VOUCHER, BO_PAYMENT_REST, -1, reference);
      break;
    case BO_PAYMENT_FREE:
    default:
      bo_sale_add_payment (sale, BO_PAYMENT_FREE, BO_PAYMENT_REST, -1, NULL);
      break;
    }
}

void
bo_pay_panel_set_error (BoPayPanel *self,
                        const char *message)
{
  g_return_if_fail (BO_IS_PAY_PANEL (self));

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

void
bo_pay_panel_set_busy (BoPayPanel *self,
                       gboolean    busy)
{
  g_return_if_fail (BO_IS_PAY_PANEL (self));

  self->busy = busy;
  gtk_widget_set_sensitive (self->content, !busy);
  update (self);
}

void
bo_pay_panel_focus (BoPayPanel *self)
{
  g_return_if_fail (BO_IS_PAY_PANEL (self));

  switch (self->method)
    {
    case BO_PAYMENT_CASH:
      gtk_widget_grab_focus (GTK_WIDGET (self->tendered_entry));
      break;
    case BO_PAYMENT_CARD:
      gtk_widget_grab_focus (GTK_WIDGET (self->reference_row));
      break;
    case BO_PAYMENT_VOUCHER:
      gtk_widget_grab_focus (GTK_WIDGET (self->voucher_row));
      break;
    case BO_PAYMENT_FREE:
    default:
      gtk_widget_grab_focus (GTK_WIDGET (self->free_button));
      break;
    }
}
