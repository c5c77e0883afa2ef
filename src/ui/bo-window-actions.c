/* bo-window-actions.c — every command of the counter, with its shortcut
 *
 * Window actions (win.*) follow the state: "pay" is off with an empty cart, refunds without
 * an order, everything but the sign-in while the counter is locked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ui/bo-window-private.h"

static BoWindow *
window_of (GtkWidget *widget)
{
  return BO_WINDOW (widget);
}

static gboolean
view_is (BoWindow   *self,
         const char *name)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), name) == 0;
}

/* Navigation ---------------------------------------------------------------------------------- */

static void
sell_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BoWindow *self = window_of (widget);

  /* F1 after a sale starts the next one. */
  if (view_is (self, "sell") && bo_sell_page_get_step (self->sell_page) == BO_SELL_STEP_RESULT)
    bo_sell_page_new_sale (self->sell_page);
  bo_window_show_view (self, "sell");
  bo_sell_page_focus (self->sell_page);
}

static void
checkin_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  bo_window_show_view (window_of (widget), "checkin");
}

static void
orders_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BoWindow *self = window_of (widget);

  bo_window_show_view (self, "orders");
  bo_orders_page_focus_search (self->orders_page);
}

static void
shift_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  bo_window_show_view (window_of (widget), "shift");
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  bo_window_lock (window_of (widget));
}

static void
switch_operator_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  bo_window_show_lock (window_of (widget), _("Who takes over the counter? The cart is kept."));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BoWindow *self = window_of (widget);

  bo_window_reload (self);
  bo_session_data_changed (self->session, BO_SESSION_CHANGED_CATALOG | BO_SESSION_CHANGED_ORDERS |
                                          BO_SESSION_CHANGED_SHIFT);
}

/* Selling -------------------------------------------------------------------------------------- */

static void
pay_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  BoWindow *self = window_of (widget);

  bo_window_show_view (self, "sell");
  bo_sell_page_pay (self->sell_page);
}

static void
back_to_cart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  bo_sell_page_back_to_cart (window_of (widget)->sell_page);
}

static void
new_sale_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BoWindow *self = window_of (widget);

  bo_window_show_view (self, "sell");
  bo_sell_page_new_sale (self->sell_page);
}

static void
clear_cart_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  bo_sell_page_clear_cart (window_of (widget)->sell_page);
}

static void
add_voucher_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  bo_sell_page_add_voucher (window_of (widget)->sell_page);
}

static void
choose_event_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BoWindow *self = window_of (widget);

  bo_window_show_view (self, "sell");
  bo_sell_page_choose_event (self->sell_page);
}

static void
add_ticket_at_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  bo_sell_page_add_at (window_of (widget)->sell_page, g_variant_get_uint32 (parameter));
}

/* Orders --------------------------------------------------------------------------------------- */

static BoOrder *
current_order (BoWindow *self)
{
  if (view_is (self, "orders"))
    return bo_orders_page_get_order (self->orders_page);
  if (view_is (self, "sell") && bo_sell_page_get_step (self->sell_page) == BO_SELL_STEP_RESULT)
    return bo_sell_page_get_last_order (self->sell_page);
  return NULL;
}

static void
reprint_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BoWindow *self = window_of (widget);
  const char *kinds[] = { "tickets", NULL };
  BoOrder *order = current_order (self);

  if (order != NULL)
    bo_window_print_order (self, order, kinds, view_is (self, "sell"));
}

static void
find_order_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  orders_action (widget, action_name, parameter);
}

static void
refund_order_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  bo_orders_page_refund (window_of (widget)->orders_page, FALSE);
}

static void
void_order_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  bo_orders_page_refund (window_of (widget)->orders_page, TRUE);
}

/* Shift ---------------------------------------------------------------------------------------- */

static void
open_shift_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  bo_shift_page_open_shift (window_of (widget)->shift_page, FALSE);
}

static void
cash_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  bo_shift_page_move_cash (window_of (widget)->shift_page, TRUE);
}

static void
cash_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  bo_shift_page_move_cash (window_of (widget)->shift_page, FALSE);
}

static void
close_shift_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BoWindow *self = window_of (widget);

  bo_window_show_view (self, "shift");
  bo_shift_page_close_shift (self->shift_page);
}

static void
print_closing_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BoWindow *self = window_of (widget);
  BoShift *closed = bo_shift_page_get_closed (self->shift_page);

  if (closed != NULL)
    bo_window_print_closing (self, closed);
}

/* Printing ------------------------------------------------------------------------------------- */

static void
retry_print_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  bo_window_retry_printing (window_of (widget));
}

static void
dismiss_print_error_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  bo_window_dismiss_print_error (window_of (widget));
}

/* ---------------------------------------------------------------------------------------------- */

void
bo_window_update_actions (BoWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean unlocked = bo_window_is_unlocked (self);
  BoSellStep step = bo_sell_page_get_step (self->sell_page);
  gboolean busy = bo_sell_page_get_busy (self->sell_page);
  gboolean has_cart = bo_sell_page_has_cart (self->sell_page);
  gboolean has_shift = bo_session_get_shift (self->session) != NULL;
  gboolean on_sell = view_is (self, "sell");
  gboolean has_order = bo_orders_page_get_order (self->orders_page) != NULL;
  const char *always[] = { "win.sell", "win.checkin", "win.orders", "win.shift", "win.lock",
                           "win.switch-operator", "win.find-order", NULL };

  for (guint i = 0; always[i] != NULL; i++)
    gtk_widget_action_set_enabled (widget, always[i], unlocked);

  gtk_widget_action_set_enabled (widget, "win.pay",
                                 unlocked && bo_sell_page_can_pay (self->sell_page));
  gtk_widget_action_set_enabled (widget, "win.back-to-cart",
                                 unlocked && on_sell && step == BO_SELL_STEP_PAY && !busy);
  gtk_widget_action_set_enabled (widget, "win.new-sale",
                                 unlocked && !busy &&
                                 (step == BO_SELL_STEP_RESULT || (step == BO_SELL_STEP_TICKETS && !on_sell)));
  gtk_widget_action_set_enabled (widget, "win.clear-cart",
                                 unlocked && on_sell && step == BO_SELL_STEP_TICKETS && has_cart);
  gtk_widget_action_set_enabled (widget, "win.add-voucher",
                                 unlocked && on_sell && step == BO_SELL_STEP_TICKETS && has_cart);
  gtk_widget_action_set_enabled (widget, "win.choose-event",
                                 unlocked && step != BO_SELL_STEP_PAY && !busy);
  gtk_widget_action_set_enabled (widget, "win.add-ticket-at",
                                 unlocked && on_sell && step == BO_SELL_STEP_TICKETS);

  gtk_widget_action_set_enabled (widget, "win.reprint",
                                 unlocked &&
                                 ((view_is (self, "orders") && has_order) ||
                                  (on_sell && step == BO_SELL_STEP_RESULT)));
  gtk_widget_action_set_enabled (widget, "win.refund-order",
                                 unlocked && bo_orders_page_can_refund (self->orders_page));
  gtk_widget_action_set_enabled (widget, "win.void-order",
                                 unlocked && bo_orders_page_can_void (self->orders_page));

  gtk_widget_action_set_enabled (widget, "win.open-shift",
                                 unlocked && !has_shift &&
                                 bo_session_can (self->session, BO_RIGHT_OPEN_SHIFT));
  gtk_widget_action_set_enabled (widget, "win.cash-in", unlocked && has_shift);
  gtk_widget_action_set_enabled (widget, "win.cash-out", unlocked && has_shift);
  gtk_widget_action_set_enabled (widget, "win.close-shift", unlocked && has_shift);
  gtk_widget_action_set_enabled (widget, "win.print-closing",
                                 unlocked && bo_shift_page_get_closed (self->shift_page) != NULL);

  gtk_widget_action_set_enabled (widget, "win.retry-print", self->print_failed);
}

void
bo_window_actions_class_init (GtkWidgetClass *widget_class)
{
  static const struct {
    const char *name;
    const char *parameter_type;
    void (*activate) (GtkWidget *, const char *, GVariant *);
  } actions[] = {
    { "win.sell", NULL, sell_action },
    { "win.checkin", NULL, checkin_action },
    { "win.orders", NULL, orders_action },
    { "win.shift", NULL, shift_action },
    { "win.lock", NULL, lock_action },
    { "win.switch-operator", NULL, switch_operator_action },
    { "win.reload", NULL, reload_action },
    { "win.pay", NULL, pay_action },
    { "win.back-to-cart", NULL, back_to_cart_action },
    { "win.new-sale", NULL, new_sale_action },
    { "win.clear-cart", NULL, clear_cart_action },
    { "win.add-voucher", NULL, add_voucher_action },
    { "win.choose-event", NULL, choose_event_action },
    { "win.add-ticket-at", "u", add_ticket_at_action },
    { "win.reprint", NULL, reprint_action },
    { "win.find-order", NULL, find_order_action },
    { "win.refund-order", NULL, refund_order_action },
    { "win.void-order", NULL, void_order_action },
    { "win.open-shift", NULL, open_shift_action },
    { "win.cash-in", NULL, cash_in_action },
    { "win.cash-out", NULL, cash_out_action },
    { "win.close-shift", NULL, close_shift_action },
    { "win.print-closing", NULL, print_closing_action },
    { "win.retry-print", NULL, retry_print_action },
    { "win.dismiss-print-error", NULL, dismiss_print_error_action },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i].name, actions[i].parameter_type,
                                     actions[i].activate);

  /* Function keys for the pages, as at most counters; the help overlay lists them all. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.sell", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.pay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.pay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "win.pay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, 0, "win.checkin", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F4, 0, "win.orders", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.shift", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.lock", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.switch-operator", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back-to-cart", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-sale", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK,
                                       "win.clear-cart", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "win.add-voucher", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.choose-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.reprint", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.find-order", NULL);

  /* Alt+1 … Alt+9: one more ticket of the first nine types. Alt, so that a barcode scanner
   * typing digits never sells anything. */
  for (guint i = 0; i < 9; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                           "win.add-ticket-at", "u", i);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, GDK_ALT_MASK,
                                           "win.add-ticket-at", "u", i);
    }
}
