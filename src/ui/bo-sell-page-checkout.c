/* bo-sell-page-checkout.c — completing a sale: manager approvals, the commit in the worker,
 * and what happens when the core says no
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ui/bo-pin-dialog.h"
#include "ui/bo-sell-page-private.h"

typedef struct {
  BoSellPage   *self;
  BoTicketType *ticket_type; /* to add once approved; NULL: complete the sale */
} OverrideData;

static void
override_data_free (OverrideData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->ticket_type);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OverrideData, override_data_free)

typedef struct {
  guint32 ticket_type_id;
  guint   seats;
} SeatsNeed;

typedef struct {
  BoSellPage   *self;
  BoTicketType *add_type; /* to add once the seats are there; NULL: complete the sale */
  GArray       *needs;    /* SeatsNeed still to ask the platform for, in order */
} SeatsRequest;

static void
seats_request_free (SeatsRequest *request)
{
  g_clear_object (&request->self);
  g_clear_object (&request->add_type);
  g_clear_pointer (&request->needs, g_array_unref);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeatsRequest, seats_request_free)

static void request_next_seats (SeatsRequest *request);

static void
set_busy (BoSellPage *self,
          gboolean    busy)
{
  self->busy = busy;
  bo_pay_panel_set_busy (self->pay_panel, busy);
  gtk_spinner_set_spinning (self->busy_spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), busy);
  bo_sell_page_emit_state_changed (self);
}

static void
show_override (BoSellPage *self)
{
  g_autofree char *text = NULL;

  if (self->force_operator == NULL)
    {
      gtk_revealer_set_reveal_child (self->override_revealer, FALSE);
      return;
    }

  text = g_strdup_printf (_("Selling beyond capacity, approved by %s"),
                          bo_operator_get_name (self->force_operator));
  gtk_label_set_text (self->override_label, text);
  gtk_revealer_set_reveal_child (self->override_revealer, TRUE);
}

static void
commit_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BoSellPage) self = user_data;
  g_autoptr(BoOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  /* The window closed while this ran: nothing left to show it in. */
  if (self->pay_panel == NULL)
    return;

  order = bo_worker_commit_sale_finish (BO_WORKER (source), result, &error);
  set_busy (self, FALSE);

  if (order != NULL)
    {
      /* The cart is sold: empty it at once, so that nothing can sell it twice. */
      g_clear_object (&self->force_operator);
      show_override (self);
      bo_cart_clear (self->cart);
      g_set_object (&self->last_order, order);
      bo_sale_result_set_order (self->sale_result, order);
      bo_sell_page_set_step (self, BO_SELL_STEP_RESULT);
      bo_sell_page_emit_sale_completed (self, order);
      if (self->session != NULL)
        bo_session_data_changed (self->session,
                                 BO_SESSION_CHANGED_ORDERS | BO_SESSION_CHANGED_SHIFT);
      return;
    }

  /* A registered counter sells limited tickets from the seats the platform allocated to it:
   * first ask for more, then (offline, or none left) a manager may sell beyond. */
  if (g_error_matches (error, BO_SALE_ERROR, BO_SALE_ERROR_ALLOCATION_EXHAUSTED) &&
      self->sync_engine != NULL)
    {
      bo_sell_page_offer_more_seats (self, NULL, error->message);
      bo_sell_page_reload_types (self);
      return;
    }

  if (g_error_matches (error, BO_SALE_ERROR, BO_SALE_ERROR_SOLD_OUT) ||
      g_error_matches (error, BO_SALE_ERROR, BO_SALE_ERROR_ALLOCATION_EXHAUSTED))
    {
      bo_sell_page_offer_override (self, NULL, error->message);
      bo_sell_page_reload_types (self);
      return;
    }

  if (g_error_matches (error, BO_SALE_ERROR, BO_SALE_ERROR_NO_SHIFT))
    {
      bo_sell_page_show_message (self, _("No Shift Is Open"),
                                 _("Open a shift with the cash float before selling."));
      gtk_widget_activate_action (GTK_WIDGET (self), "win.open-shift", NULL);
      return;
    }

  /* Payment problems, tickets no longer on sale, a full disk: nothing was sold; say why where
   * the money is being taken, and keep everything as it is. */
  bo_pay_panel_set_error (self->pay_panel, error->message);
  if (g_error_matches (error, BO_SALE_ERROR, BO_SALE_ERROR_NOT_ON_SALE))
    bo_sell_page_reload_types (self);
}

static void
commit (BoSellPage *self,
        BoOperator *operator)
{
  g_autoptr(BoSale) sale = NULL;

  if (self->busy || self->session == NULL || operator == NULL)
    return;

  sale = bo_cart_to_sale (self->cart);
  bo_pay_panel_add_payments (self->pay_panel, sale);
  if (self->force_operator != NULL)
    {
      /* Only a manager may force; the one who approved it is the one who sells it. */
      bo_sale_set_force (sale, TRUE);
      if (!bo_operator_can (operator, BO_RIGHT_OVERRIDE_CAPACITY))
        operator = self->force_operator;
    }

  bo_pay_panel_set_error (self->pay_panel, NULL);
  set_busy (self, TRUE);
  bo_worker_commit_sale_async (bo_session_get_worker (self->session), sale, operator, NULL,
                               commit_cb, g_object_ref (self));
}

static void
approve_free_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BoSellPage) self = user_data;
  g_autoptr(BoOperator) manager = NULL;
  g_autoptr(GError) error = NULL;

  /* The window closed while this ran: nothing left to show it in. */
  if (self->pay_panel == NULL)
    return;

  manager = bo_pin_dialog_authorize_finish (result, &error);
  if (manager == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        bo_pay_panel_set_error (self->pay_panel, error->message);
      return;
    }

  commit (self, manager);
}

void
bo_sell_page_complete (BoSellPage *self)
{
  if (self->busy || self->session == NULL || self->step != BO_SELL_STEP_PAY)
    return;

  if (bo_pay_panel_needs_manager (self->pay_panel))
    {
      bo_pin_dialog_authorize_async (GTK_WIDGET (self), self->session, BO_RIGHT_COMPLIMENTARY,
                                     _("Approve Complimentary Tickets"),
                                     _("A manager approves free tickets with their PIN."),
                                     NULL, approve_free_cb, g_object_ref (self));
      return;
    }

  commit (self, bo_session_get_operator (self->session));
}

static void
approve_override_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(OverrideData) data = user_data;
  BoSellPage *self = data->self;
  g_autoptr(BoOperator) manager = NULL;
  g_autoptr(GError) error = NULL;

  /* The window closed while this ran: nothing left to show it in. */
  if (self->pay_panel == NULL)
    return;

  manager = bo_pin_dialog_authorize_finish (result, &error);
  if (manager == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        bo_sell_page_show_message (self, _("Not Approved"), error->message);
      return;
    }

  g_set_object (&self->force_operator, manager);
  show_override (self);

  if (data->ticket_type != NULL)
    bo_cart_add (self->cart, data->ticket_type, 1);
  else
    bo_sell_page_complete (self);
}

static void
on_override_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         gpointer          user_data)
{
  OverrideData *data = user_data;

  if (g_strcmp0 (response, "override") != 0)
    {
      override_data_free (data);
      return;
    }

  bo_pin_dialog_authorize_async (GTK_WIDGET (data->self), data->self->session,
                                 BO_RIGHT_OVERRIDE_CAPACITY,
                                 _("Approve Selling Beyond Capacity"),
                                 _("The order is sent to the platform as oversold."),
                                 NULL, approve_override_cb, data);
}

void
bo_sell_page_offer_override (BoSellPage   *self,
                             BoTicketType *ticket_type,
                             const char   *reason)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  OverrideData *data;
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Not Enough Tickets Left"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s", reason,
                                  _("A manager can allow selling beyond the capacity. Only do this when there really is room: the platform reports the order as oversold."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("Back"),
                                    "override", _("Sell Anyway (Manager)…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "override",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  data = g_new0 (OverrideData, 1);
  data->self = g_object_ref (self);
  data->ticket_type = ticket_type != NULL ? g_object_ref (ticket_type) : NULL;
  g_signal_connect (dialog, "response", G_CALLBACK (on_override_response_cb), data);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What the cart asks of this counter's allocations: every line of a limited type. The engine
 * compares it with what the store (fresher than the types shown) has left, and asks the
 * platform for the difference. */
static GArray *
seats_needed (BoSellPage *self)
{
  GListModel *items = G_LIST_MODEL (self->cart);
  GArray *needs = g_array_new (FALSE, FALSE, sizeof (SeatsNeed));

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(BoCartItem) item = g_list_model_get_item (items, i);
      BoTicketType *type = bo_cart_item_get_ticket_type (item);
      SeatsNeed need;

      /* Unlimited types need no grant. */
      if (bo_ticket_type_get_capacity (type) < 0)
        continue;
      need.ticket_type_id = (guint32) bo_ticket_type_get_id (type);
      need.seats = bo_cart_item_get_quantity (item);
      g_array_append_val (needs, need);
    }
  return needs;
}

static void
allocate_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SeatsRequest) request = user_data;
  BoSellPage *self = request->self;
  g_autoptr(GError) error = NULL;

  /* The window closed while this ran: nothing left to show it in. */
  if (self->pay_panel == NULL)
    return;

  if (!bo_sync_engine_allocate_finish (BO_SYNC_ENGINE (source), result, &error))
    {
      set_busy (self, FALSE);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, BO_SYNC_ERROR, BO_SYNC_ERROR_CANCELLED))
        return;
      /* Offline, or the platform has fewer seats left: only a manager can sell now. */
      bo_sell_page_reload_types (self);
      bo_sell_page_offer_override (self, NULL, error->message);
      return;
    }

  g_array_remove_index (request->needs, 0);
  if (request->needs->len > 0)
    {
      request_next_seats (g_steal_pointer (&request));
      return;
    }

  /* The seats are this counter's now: sell. */
  set_busy (self, FALSE);
  bo_sell_page_reload_types (self);
  if (request->add_type != NULL)
    bo_cart_add (self->cart, request->add_type, 1);
  else
    bo_sell_page_complete (self);
}

static void
request_next_seats (SeatsRequest *request)
{
  SeatsNeed *need = &g_array_index (request->needs, SeatsNeed, 0);

  bo_sync_engine_allocate_async (request->self->sync_engine, need->ticket_type_id, need->seats,
                                 request->self->cancellable, allocate_cb, request);
}

static void
request_more_seats (BoSellPage   *self,
                    BoTicketType *add_type)
{
  g_autoptr(SeatsRequest) request = NULL;

  if (self->busy || self->sync_engine == NULL ||
      (add_type == NULL && self->step != BO_SELL_STEP_PAY))
    return;

  request = g_new0 (SeatsRequest, 1);
  request->self = g_object_ref (self);
  if (add_type != NULL)
    {
      /* One more than the cart holds. */
      gint64 id = bo_ticket_type_get_id (add_type);
      SeatsNeed need = { (guint32) id, bo_cart_get_quantity (self->cart, id) + 1 };

      request->add_type = g_object_ref (add_type);
      request->needs = g_array_new (FALSE, FALSE, sizeof (SeatsNeed));
      g_array_append_val (request->needs, need);
    }
  else
    request->needs = seats_needed (self);
  if (request->needs->len == 0)
    return;

  set_busy (self, TRUE);
  request_next_seats (g_steal_pointer (&request));
}

static void
on_more_seats_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           gpointer          user_data)
{
  OverrideData *data = user_data;

  if (g_strcmp0 (response, "allocate") == 0)
    {
      request_more_seats (data->self, data->ticket_type);
      override_data_free (data);
      return;
    }

  on_override_response_cb (dialog, response, data);
}

void
bo_sell_page_offer_more_seats (BoSellPage   *self,
                               BoTicketType *ticket_type,
                               const char   *reason)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  OverrideData *data;
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Not Enough Seats Allocated"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s", reason,
                                  _("This counter sells these tickets from the seats the platform allocated to it, and can ask for more now. Without a connection, only a manager can allow selling beyond the allocation."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("Back"),
                                    "override", _("Sell Anyway (Manager)…"),
                                    "allocate", _("Get More Seats"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "override",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "allocate",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "allocate");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  data = g_new0 (OverrideData, 1);
  data->self = g_object_ref (self);
  data->ticket_type = ticket_type != NULL ? g_object_ref (ticket_type) : NULL;
  g_signal_connect (dialog, "response", G_CALLBACK (on_more_seats_response_cb), data);
  gtk_window_present (GTK_WINDOW (dialog));
}
