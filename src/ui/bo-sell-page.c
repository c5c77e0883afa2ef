/* bo-sell-page.c — selling: event, ticket types, cart, payment, result
 *
 * This file holds the catalogue and the cart; bo-sell-page-checkout.c takes the money.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "domain/bo-money.h"
#include "ui/bo-amount-dialog.h"
#include "ui/bo-sell-page-private.h"
#include "ui/bo-ticket-type-button.h"
#include "ui/bo-stack-util.h"
#include "ui/bo-ui-util.h"

G_DEFINE_FINAL_TYPE (BoSellPage, bo_sell_page, GTK_TYPE_WIDGET)

enum {
  STATE_CHANGED,
  SALE_COMPLETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
bo_sell_page_emit_state_changed (BoSellPage *self)
{
  g_signal_emit (self, signals[STATE_CHANGED], 0);
}

static BoTicketTypeButton *
button_at (BoSellPage *self,
           guint       position)
{
  GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (self->types_box, (int) position);

  if (child == NULL)
    return NULL;
  return BO_TICKET_TYPE_BUTTON (gtk_flow_box_child_get_child (child));
}

static void
update_buttons_in_cart (BoSellPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->types));

  for (guint i = 0; i < n; i++)
    {
      BoTicketTypeButton *button = button_at (self, i);

      if (button != NULL)
        bo_ticket_type_button_set_in_cart (button, bo_cart_get_quantity (self->cart,
                                                                         bo_ticket_type_get_id (bo_ticket_type_button_get_ticket_type (button))));
    }
}

static void
update_left_page (BoSellPage *self)
{
  const char *page;

  switch (self->step)
    {
    case BO_SELL_STEP_PAY:
      page = "pay";
      break;
    case BO_SELL_STEP_RESULT:
      page = "result";
      break;
    case BO_SELL_STEP_TICKETS:
    default:
      if (self->loading_types && g_list_model_get_n_items (G_LIST_MODEL (self->types)) == 0)
        page = "loading";
      else if (g_list_model_get_n_items (G_LIST_MODEL (self->types)) > 0)
        page = "types";
      else
        page = "empty";
      break;
    }

  if (g_str_equal (page, "empty"))
    {
      BoEvent *event = bo_event_picker_get_event (self->event_picker);

      adw_status_page_set_title (self->empty_page, event != NULL ? _("No Tickets on Sale")
                                                                 : _("No Event Chosen"));
      adw_status_page_set_description (self->empty_page,
                                       event != NULL
                                       ? _("This event has no ticket types this counter can sell.")
                                       : _("Choose an event to sell tickets for, or synchronise with the server to get the programme."));
    }

  bo_stack_show_only (self->left_stack, page);
}

void
bo_sell_page_set_step (BoSellPage *self,
                       BoSellStep  step)
{
  self->step = step;
  bo_cart_view_set_editable (self->cart_view, step == BO_SELL_STEP_TICKETS);
  gtk_widget_set_sensitive (GTK_WIDGET (self->event_picker), step != BO_SELL_STEP_PAY);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sell.add-ticket",
                                 step == BO_SELL_STEP_TICKETS);
  update_left_page (self);
  bo_sell_page_focus (self);
  bo_sell_page_emit_state_changed (self);
}

void
bo_sell_page_show_message (BoSellPage *self,
                           const char *heading,
                           const char *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
create_type_button (gpointer item,
                    gpointer user_data)
{
  BoSellPage *self = BO_SELL_PAGE (user_data);
  BoTicketType *type = BO_TICKET_TYPE (item);
  guint position = 0;
  GtkWidget *button;
  GtkWidget *cell;

  g_list_store_find (self->types, type, &position);
  button = bo_ticket_type_button_new (type, bo_cart_get_currency (self->cart), position);
  bo_ticket_type_button_set_in_cart (BO_TICKET_TYPE_BUTTON (button),
                                     bo_cart_get_quantity (self->cart, bo_ticket_type_get_id (type)));

  /* The cell is what takes the keyboard focus (see on_type_activated_cb()): it carries the
   * ticket type's name too, or a screen reader would announce a bare "table cell". */
  cell = gtk_flow_box_child_new ();
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (cell), button);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  bo_ticket_type_get_name (type), -1);
  return cell;
}

static gboolean
same_types (GListModel *a,
            GListModel *b)
{
  guint n = g_list_model_get_n_items (a);

  if (n != g_list_model_get_n_items (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BoTicketType) ta = g_list_model_get_item (a, i);
      g_autoptr(BoTicketType) tb = g_list_model_get_item (b, i);

      if (bo_ticket_type_get_id (ta) != bo_ticket_type_get_id (tb) ||
          g_strcmp0 (bo_ticket_type_get_name (ta), bo_ticket_type_get_name (tb)) != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
types_belong_to (GListModel *types,
                 BoEvent    *event)
{
  g_autoptr(BoTicketType) first = NULL;

  if (g_list_model_get_n_items (types) == 0)
    return TRUE;
  first = g_list_model_get_item (types, 0);
  return event != NULL && bo_ticket_type_get_event_id (first) == bo_event_get_id (event);
}

static void
list_types_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BoSellPage) self = user_data;
  g_autoptr(GListModel) types = NULL;
  g_autoptr(GError) error = NULL;
  BoEvent *event;

  types = bo_worker_list_ticket_types_finish (BO_WORKER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading_types = FALSE;
  event = bo_event_picker_get_event (self->event_picker);

  if (types == NULL)
    {
      bo_sell_page_show_message (self, _("Cannot Load the Ticket Types"), error->message);
      update_left_page (self);
      return;
    }

  /* Skip types of another event, in case the choice changed while loading. */
  if (types_belong_to (types, event))
    {
      guint n = g_list_model_get_n_items (types);

      /* The same types again (after a sale): refresh the buttons in place, so that the
       * keyboard focus stays where it was. */
      if (n > 0 && same_types (G_LIST_MODEL (self->types), types))
        {
          for (guint i = 0; i < n; i++)
            {
              g_autoptr(BoTicketType) type = g_list_model_get_item (types, i);
              BoTicketTypeButton *button = button_at (self, i);

              if (button != NULL)
                bo_ticket_type_button_set_ticket_type (button, type);
            }
        }
      else
        {
          g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

          for (guint i = 0; i < n; i++)
            g_ptr_array_add (items, g_list_model_get_item (types, i));
          g_list_store_splice (self->types, 0, g_list_model_get_n_items (G_LIST_MODEL (self->types)),
                               items->pdata, items->len);
        }
      bo_cart_update_ticket_types (self->cart, types);
      update_buttons_in_cart (self);
    }

  update_left_page (self);
  bo_sell_page_emit_state_changed (self);
}

void
bo_sell_page_reload_types (BoSellPage *self)
{
  BoEvent *event = bo_event_picker_get_event (self->event_picker);

  if (self->session == NULL)
    return;

  if (event == NULL)
    {
      g_list_store_remove_all (self->types);
      update_left_page (self);
      return;
    }

  self->loading_types = TRUE;
  update_left_page (self);
  bo_worker_list_ticket_types_async (bo_session_get_worker (self->session),
                                     bo_event_get_id (event), self->cancellable,
                                     list_types_cb, g_object_ref (self));
}

static void
switch_event (BoSellPage *self,
              BoEvent    *event)
{
  GSettings *settings = bo_session_get_settings (self->session);

  if (bo_cart_get_event_id (self->cart) != (event != NULL ? bo_event_get_id (event) : 0))
    {
      g_list_store_remove_all (self->types);
      bo_cart_set_event (self->cart, event != NULL ? bo_event_get_id (event) : 0,
                         event != NULL ? bo_event_get_currency (event) : NULL);
      g_clear_object (&self->force_operator);
      gtk_revealer_set_reveal_child (self->override_revealer, FALSE);
    }

  bo_session_set_event (self->session, event);
  if (settings != NULL && event != NULL)
    g_settings_set_int64 (settings, "last-event-id", bo_event_get_id (event));

  bo_sell_page_reload_types (self);
  bo_sell_page_emit_state_changed (self);
}

static void
on_switch_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       BoSellPage       *self)
{
  BoEvent *chosen = g_object_get_data (G_OBJECT (dialog), "bo-event");

  self->asking = FALSE;
  if (g_strcmp0 (response, "switch") == 0)
    {
      switch_event (self, chosen);
      return;
    }

  /* Keep selling for the event of the cart. */
  bo_event_picker_set_event (self->event_picker, bo_session_get_event (self->session));
}

static void
on_event_changed_cb (BoEventPicker *picker,
                     GParamSpec    *pspec,
                     BoSellPage    *self)
{
  BoEvent *event = bo_event_picker_get_event (picker);
  BoEvent *current;
  GtkRoot *root;
  GtkWidget *dialog;

  if (self->session == NULL || self->asking)
    return;

  current = bo_session_get_event (self->session);
  if (bo_cart_is_empty (self->cart) || event == NULL || current == NULL ||
      bo_event_get_id (event) == bo_event_get_id (current))
    {
      switch_event (self, event);
      return;
    }

  /* A cart belongs to one event: switching would empty it. Ask, rather than lose it. */
  self->asking = TRUE;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Empty the Cart?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The cart holds tickets for “%s”. Selling for “%s” instead empties it."),
                                  bo_event_get_name (current), bo_event_get_name (event));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("Keep the Cart"),
                                    "switch", _("Empty and Switch"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "switch",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_object_set_data_full (G_OBJECT (dialog), "bo-event", g_object_ref (event), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_switch_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
list_events_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BoSellPage) self = user_data;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GError) error = NULL;
  GSettings *settings;
  gint64 preferred = 0;

  events = bo_worker_list_events_finish (BO_WORKER (source), result, &error);
  if (events == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        bo_sell_page_show_message (self, _("Cannot Load the Events"), error->message);
      return;
    }

  settings = bo_session_get_settings (self->session);
  if (bo_session_get_event (self->session) != NULL)
    preferred = bo_session_get_event_id (self->session);
  else if (settings != NULL)
    preferred = g_settings_get_int64 (settings, "last-event-id");

  /* The picker keeps the chosen event by id; the cart follows through notify::event. */
  self->asking = TRUE;
  bo_event_picker_set_events (self->event_picker, events, preferred);
  self->asking = FALSE;
  switch_event (self, bo_event_picker_get_event (self->event_picker));
}

static void
on_cart_changed_cb (BoCart     *cart,
                    BoSellPage *self)
{
  update_buttons_in_cart (self);
  if (bo_cart_is_empty (cart) && self->force_operator != NULL)
    {
      g_clear_object (&self->force_operator);
      gtk_revealer_set_reveal_child (self->override_revealer, FALSE);
    }
  bo_sell_page_emit_state_changed (self);
}

static void
on_shift_changed_cb (BoSession  *session,
                     GParamSpec *pspec,
                     BoSellPage *self)
{
  gtk_revealer_set_reveal_child (self->shift_revealer,
                                 bo_session_get_operator (session) != NULL &&
                                 bo_session_get_shift (session) == NULL);
  bo_sell_page_emit_state_changed (self);
}

static void
on_data_changed_cb (BoSession  *session,
                    guint       changes,
                    BoSellPage *self)
{
  if (changes & BO_SESSION_CHANGED_CATALOG)
    bo_sell_page_reload (self);
  else if (changes & BO_SESSION_CHANGED_ORDERS)
    bo_sell_page_reload_types (self);
}

/* The grid cells take the keyboard focus (arrow keys move between them); Enter or Space on a
 * cell presses its button. */
static void
on_type_activated_cb (GtkFlowBox      *box,
                      GtkFlowBoxChild *child,
                      BoSellPage      *self)
{
  gtk_widget_activate (gtk_flow_box_child_get_child (child));
}

static void
on_pay_panel_notify_cb (BoPayPanel *panel,
                        GParamSpec *pspec,
                        BoSellPage *self)
{
  bo_sell_page_emit_state_changed (self);
}

static void
add_ticket_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BoSellPage *self = BO_SELL_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->types));

  for (guint i = 0; i < n; i++)
    {
      BoTicketTypeButton *button = button_at (self, i);
      BoTicketType *type;
      gint64 left;

      if (button == NULL)
        continue;
      type = bo_ticket_type_button_get_ticket_type (button);
      if (bo_ticket_type_get_id (type) != id)
        continue;

      left = bo_ticket_type_button_get_left (button);
      if (left >= 0 && (gint64) bo_cart_get_quantity (self->cart, id) >= left &&
          self->force_operator == NULL)
        {
          g_autofree char *reason = left == 0
                                    ? g_strdup_printf (_("“%s” is sold out."), bo_ticket_type_get_name (type))
                                    : g_strdup_printf (ngettext ("Only %lld “%s” ticket is left.",
                                                                 "Only %lld “%s” tickets are left.",
                                                                 (unsigned long) left),
                                                       (long long) left, bo_ticket_type_get_name (type));

          /* A registered counter's limit is its allocation: the platform may have more. */
          if (self->sync_engine != NULL && bo_ticket_type_get_allocation_left (type) >= 0 &&
              bo_ticket_type_get_available (type) != 0)
            bo_sell_page_offer_more_seats (self, type, reason);
          else
            bo_sell_page_offer_override (self, type, reason);
          return;
        }

      if (!bo_cart_add (self->cart, type, 1))
        {
          g_autofree char *message = g_strdup_printf (_("An order holds at most %d tickets."),
                                                      BO_SALE_MAX_TICKETS);

          bo_sell_page_show_message (self, _("The Order Is Full"), message);
        }
      return;
    }
}

static void
bo_sell_page_dispose (GObject *object)
{
  BoSellPage *self = BO_SELL_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->cart != NULL)
    g_signal_handlers_disconnect_by_data (self->cart, self);

  bo_ui_dispose_template (GTK_WIDGET (object), BO_TYPE_SELL_PAGE);

  g_clear_object (&self->session);
  g_clear_object (&self->cart);
  g_clear_object (&self->types);
  g_clear_object (&self->force_operator);
  g_clear_object (&self->last_order);
  g_clear_object (&self->sync_engine);

  G_OBJECT_CLASS (bo_sell_page_parent_class)->dispose (object);
}

static void
bo_sell_page_class_init (BoSellPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_sell_page_dispose;

  signals[STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SALE_COMPLETED] =
    g_signal_new ("sale-completed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, BO_TYPE_ORDER);

  g_type_ensure (BO_TYPE_EVENT_PICKER);
  g_type_ensure (BO_TYPE_PAY_PANEL);
  g_type_ensure (BO_TYPE_SALE_RESULT);
  g_type_ensure (BO_TYPE_CART_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bo-sell-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BoSellPage, event_picker);
  gtk_widget_class_bind_template_child (widget_class, BoSellPage, shift_revealer);
  gtk_widget_class_bind_template_child (widget_class, BoSellPage, override_label);
  gtk_widget_class_bind_template_child (widget_class, BoSellPage, override_revealer);
  gtk_widget_class_bind_template_child (widget_class, BoSellPage, left_stack);
  gtk_widget_class_bind_template_child (widget_class, BoSellPage, types_box);
  gtk_widget_class_bind_template_child (widget_class, BoSellPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, BoSellPage, pay_panel);
  gtk_widget_class_bind_template_child (widget_class, BoSellPage, sale_result);
  gtk_widget_class_bind_template_child (widget_class, BoSellPage, cart_view);
  gtk_widget_class_bind_template_child (widget_class, BoSellPage, busy_spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_event_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pay_panel_notify_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_type_activated_cb);

  gtk_widget_class_install_action (widget_class, "sell.add-ticket", "x", add_ticket_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
bo_sell_page_init (BoSellPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->cart = bo_cart_new ();
  self->types = g_list_store_new (BO_TYPE_TICKET_TYPE);

  g_signal_connect (self->cart, "changed", G_CALLBACK (on_cart_changed_cb), self);
  bo_cart_view_set_cart (self->cart_view, self->cart);
  bo_pay_panel_set_cart (self->pay_panel, self->cart);
  gtk_flow_box_bind_model (self->types_box, G_LIST_MODEL (self->types), create_type_button,
                           self, NULL);
  bo_sell_page_set_step (self, BO_SELL_STEP_TICKETS);
}

void
bo_sell_page_set_session (BoSellPage *self,
                          BoSession  *session)
{
  g_return_if_fail (BO_IS_SELL_PAGE (self));
  g_return_if_fail (BO_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);

  g_signal_connect (session, "notify::shift", G_CALLBACK (on_shift_changed_cb), self);
  g_signal_connect (session, "notify::operator", G_CALLBACK (on_shift_changed_cb), self);
  g_signal_connect (session, "data-changed", G_CALLBACK (on_data_changed_cb), self);
  on_shift_changed_cb (session, NULL, self);
}

void
bo_sell_page_reload (BoSellPage *self)
{
  g_return_if_fail (BO_IS_SELL_PAGE (self));

  if (self->session == NULL)
    return;

  bo_worker_list_events_async (bo_session_get_worker (self->session), self->cancellable,
                               list_events_cb, g_object_ref (self));
}

void
bo_sell_page_set_sync_engine (BoSellPage   *self,
                              BoSyncEngine *engine)
{
  g_return_if_fail (BO_IS_SELL_PAGE (self));
  g_return_if_fail (engine == NULL || BO_IS_SYNC_ENGINE (engine));

  g_set_object (&self->sync_engine, engine);
}

BoSellStep
bo_sell_page_get_step (BoSellPage *self)
{
  g_return_val_if_fail (BO_IS_SELL_PAGE (self), BO_SELL_STEP_TICKETS);

  return self->step;
}

gboolean
bo_sell_page_get_busy (BoSellPage *self)
{
  g_return_val_if_fail (BO_IS_SELL_PAGE (self), FALSE);

  return self->busy;
}

gboolean
bo_sell_page_has_cart (BoSellPage *self)
{
  g_return_val_if_fail (BO_IS_SELL_PAGE (self), FALSE);

  return !bo_cart_is_empty (self->cart);
}

gboolean
bo_sell_page_can_pay (BoSellPage *self)
{
  g_return_val_if_fail (BO_IS_SELL_PAGE (self), FALSE);

  if (self->busy || self->session == NULL || bo_session_get_shift (self->session) == NULL ||
      bo_cart_is_empty (self->cart))
    return FALSE;

  switch (self->step)
    {
    case BO_SELL_STEP_TICKETS:
      return TRUE;
    case BO_SELL_STEP_PAY:
      return bo_pay_panel_get_can_complete (self->pay_panel);
    case BO_SELL_STEP_RESULT:
    default:
      return FALSE;
    }
}

void
bo_sell_page_pay (BoSellPage *self)
{
  g_return_if_fail (BO_IS_SELL_PAGE (self));

  if (!bo_sell_page_can_pay (self))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  if (self->step == BO_SELL_STEP_TICKETS)
    {
      bo_pay_panel_reset (self->pay_panel);
      bo_sell_page_set_step (self, BO_SELL_STEP_PAY);
      return;
    }

  bo_sell_page_complete (self);
}

void
bo_sell_page_back_to_cart (BoSellPage *self)
{
  g_return_if_fail (BO_IS_SELL_PAGE (self));

  if (self->busy || self->step != BO_SELL_STEP_PAY)
    return;
  bo_sell_page_set_step (self, BO_SELL_STEP_TICKETS);
}

void
bo_sell_page_new_sale (BoSellPage *self)
{
  g_return_if_fail (BO_IS_SELL_PAGE (self));

  if (self->busy)
    return;

  if (self->step == BO_SELL_STEP_RESULT)
    bo_cart_clear (self->cart);
  bo_sell_page_set_step (self, BO_SELL_STEP_TICKETS);
}

void
bo_sell_page_clear_cart (BoSellPage *self)
{
  g_return_if_fail (BO_IS_SELL_PAGE (self));

  if (self->busy || self->step != BO_SELL_STEP_TICKETS)
    return;
  bo_cart_clear (self->cart);
}

void
bo_sell_page_add_at (BoSellPage *self,
                     guint       position)
{
  BoTicketTypeButton *button;

  g_return_if_fail (BO_IS_SELL_PAGE (self));

  if (self->step != BO_SELL_STEP_TICKETS)
    return;

  button = button_at (self, position);
  if (button == NULL || !gtk_widget_get_sensitive (GTK_WIDGET (button)))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  gtk_widget_activate (GTK_WIDGET (button));
}

void
bo_sell_page_choose_event (BoSellPage *self)
{
  g_return_if_fail (BO_IS_SELL_PAGE (self));

  if (self->step != BO_SELL_STEP_PAY && !self->busy)
    bo_event_picker_popup (self->event_picker);
}

static void
on_voucher_confirmed_cb (BoAmountDialog *dialog,
                         gint64          amount,
                         const char     *code,
                         BoSellPage     *self)
{
  bo_cart_add_voucher (self->cart, code, amount);
}

void
bo_sell_page_add_voucher (BoSellPage *self)
{
  BoAmountDialog *dialog;

  g_return_if_fail (BO_IS_SELL_PAGE (self));

  if (self->step != BO_SELL_STEP_TICKETS || bo_cart_is_empty (self->cart))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  dialog = bo_amount_dialog_new (GTK_WIDGET (self), _("Add a Voucher"),
                                 _("The voucher pays part of the order. Its code is checked by the platform when the sale is synchronised."),
                                 _("Add Voucher"));
  bo_amount_dialog_set_text (dialog, _("Voucher code"), TRUE);
  bo_amount_dialog_set_amount (dialog, _("Value"), bo_cart_get_currency (self->cart), FALSE,
                               bo_cart_get_due (self->cart));
  g_signal_connect_object (dialog, "confirmed", G_CALLBACK (on_voucher_confirmed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

BoOrder *
bo_sell_page_get_last_order (BoSellPage *self)
{
  g_return_val_if_fail (BO_IS_SELL_PAGE (self), NULL);

  return self->last_order;
}

void
bo_sell_page_set_print_state (BoSellPage   *self,
                              BoPrintState  state,
                              const char   *message)
{
  g_return_if_fail (BO_IS_SELL_PAGE (self));

  bo_sale_result_set_print_state (self->sale_result, state, message);
}

void
bo_sell_page_focus (BoSellPage *self)
{
  g_return_if_fail (BO_IS_SELL_PAGE (self));

  switch (self->step)
    {
    case BO_SELL_STEP_PAY:
      bo_pay_panel_focus (self->pay_panel);
      break;
    case BO_SELL_STEP_RESULT:
      bo_sale_result_focus (self->sale_result);
      break;
    case BO_SELL_STEP_TICKETS:
    default:
      {
        GtkFlowBoxChild *first = gtk_flow_box_get_child_at_index (self->types_box, 0);

        if (first != NULL)
          gtk_widget_grab_focus (GTK_WIDGET (first));
        else
          gtk_widget_grab_focus (GTK_WIDGET (self->event_picker));
      }
      break;
    }
}

void
bo_sell_page_emit_sale_completed (BoSellPage *self,
                                  BoOrder    *order)
{
  g_signal_emit (self, signals[SALE_COMPLETED], 0, order);
}
