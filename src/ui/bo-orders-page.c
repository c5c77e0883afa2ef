/* bo-orders-page.c — recent orders, lookup by code or number, refunds and voids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "domain/bo-money.h"
#include "ui/bo-amount-dialog.h"
#include "ui/bo-format.h"
#include "ui/bo-order-detail.h"
#include "ui/bo-order-row.h"
#include "ui/bo-orders-page.h"
#include "ui/bo-pin-dialog.h"
#include "ui/bo-stack-util.h"
#include "ui/bo-ui-util.h"

/* How many of the latest orders the list shows; older ones are found by code. */
#define RECENT_LIMIT 100

struct _BoOrdersPage
{
  GtkWidget       parent_instance;

  BoSession      *session;
  GCancellable   *cancellable;
  GListStore     *orders;
  GtkCustomFilter *filter;
  GListModel     *filtered;
  gboolean        busy;

  /* Template widgets */
  GtkSearchEntry *search_entry;
  GtkListBox     *list;
  GtkStack       *detail_stack;
  AdwStatusPage  *message_page;
  BoOrderDetail  *detail;
};

G_DEFINE_FINAL_TYPE (BoOrdersPage, bo_orders_page, GTK_TYPE_WIDGET)

enum {
  ORDER_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  BoOrdersPage *self;
  BoOrder      *order;
  GStrv         tickets;
  gboolean      void_order;
  char         *reason;
} RefundData;

static void
refund_data_free (RefundData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->order);
  g_strfreev (data->tickets);
  g_free (data->reason);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefundData, refund_data_free)

static void
show_message (BoOrdersPage *self,
              const char   *icon,
              const char   *title,
              const char   *description)
{
  adw_status_page_set_icon_name (self->message_page, icon);
  adw_status_page_set_title (self->message_page, title);
  adw_status_page_set_description (self->message_page, description);
  bo_stack_show_only (self->detail_stack, "message");
  g_signal_emit (self, signals[ORDER_CHANGED], 0);
}

static void
show_order (BoOrdersPage *self,
            BoOrder      *order)
{
  bo_order_detail_set_order (self->detail, order);
  bo_stack_show_only (self->detail_stack, "detail");
  g_signal_emit (self, signals[ORDER_CHANGED], 0);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return bo_order_row_new (BO_ORDER (item));
}

/* What is typed narrows the list: code, uuid, event or operator. Enter looks the text up in
 * the store, which also finds orders older than the list. */
static gboolean
order_matches (gpointer item,
               gpointer user_data)
{
  BoOrdersPage *self = BO_ORDERS_PAGE (user_data);
  BoOrder *order = BO_ORDER (item);
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded = NULL;
  const char *code = bo_order_get_code (order);
  const char *operator = bo_order_get_operator_name (order);

  if (query == NULL || *query == '\0')
    return TRUE;

  folded = g_utf8_casefold (query, -1);
  return g_str_has_prefix (bo_order_get_uuid (order), folded) ||
         (code != NULL && g_str_match_string (query, code, FALSE)) ||
         g_str_match_string (query, bo_order_get_event_name (order), TRUE) ||
         (operator != NULL && g_str_match_string (query, operator, TRUE));
}

static void
recent_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BoOrdersPage) self = user_data;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GError) error = NULL;
  BoOrder *shown;

  orders = bo_worker_recent_orders_finish (BO_WORKER (source), result, &error);
  if (orders == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, "dialog-error-symbolic", _("Cannot Load the Orders"), error->message);
      return;
    }

  g_list_store_splice (self->orders, 0, g_list_model_get_n_items (G_LIST_MODEL (self->orders)),
                       orders->pdata, orders->len);

  /* Keep showing the same order, as it is now. */
  shown = bo_order_detail_get_order (self->detail);
  if (shown != NULL && g_str_equal (gtk_stack_get_visible_child_name (self->detail_stack), "detail"))
    for (guint i = 0; i < orders->len; i++)
      if (g_strcmp0 (bo_order_get_uuid (g_ptr_array_index (orders, i)), bo_order_get_uuid (shown)) == 0)
        {
          show_order (self, g_ptr_array_index (orders, i));
          break;
        }
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BoOrdersPage) self = user_data;
  g_autoptr(BoOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  order = bo_worker_lookup_order_finish (BO_WORKER (source), result, &error);
  if (order != NULL)
    {
      show_order (self, order);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_error_matches (error, BO_ORDER_ERROR, BO_ORDER_ERROR_NOT_FOUND))
    show_message (self, "system-search-symbolic", _("No Such Order"),
                  _("No order of this counter has this code or number. Orders sold online or at other counters are not kept here."));
  else
    show_message (self, "dialog-error-symbolic", _("Cannot Look Up the Order"), error->message);
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      BoOrdersPage   *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_search_activate_cb (GtkSearchEntry *entry,
                       BoOrdersPage   *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (*text == '\0')
    return;

  /* One recent order matches what was typed (the short number printed on the receipt, say):
   * that is the one. Otherwise ask the store, which knows every order by uuid and code. */
  if (g_list_model_get_n_items (self->filtered) == 1)
    {
      g_autoptr(BoOrder) order = g_list_model_get_item (self->filtered, 0);

      show_order (self, order);
      return;
    }

  bo_orders_page_lookup (self, text);
}

static void
on_row_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *row,
                     BoOrdersPage  *self)
{
  show_order (self, bo_order_row_get_order (BO_ORDER_ROW (row)));
}

static void
refund_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RefundData) data = user_data;
  BoOrdersPage *self = data->self;
  g_autoptr(BoOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* The window closed while this ran: nothing left to show it in. */
  if (self->detail == NULL)
    return;

  self->busy = FALSE;
  order = bo_worker_refund_finish (BO_WORKER (source), result, &error);
  if (order == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  data->void_order ? _("The Order Was Not Voided")
                                                                   : _("Nothing Was Refunded"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  if (data->void_order)
    {
      g_autofree char *title = bo_format_order_title (order);

      text = g_strdup_printf (_("%s is void"), title);
    }
  else
    {
      g_autofree char *amount = bo_money_format (bo_order_get_refunded (order) -
                                                 bo_order_get_refunded (data->order),
                                                 bo_order_get_currency (order));

      text = g_strdup_printf (_("Refunded: give %s back"), amount);
    }
  bo_ui_toast (GTK_WIDGET (self), text);
  show_order (self, order);

  if (self->session != NULL)
    bo_session_data_changed (self->session, BO_SESSION_CHANGED_ORDERS | BO_SESSION_CHANGED_SHIFT);
}

static void
approve_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RefundData) data = user_data;
  BoOrdersPage *self = data->self;
  g_autoptr(BoOperator) manager = NULL;
  g_autoptr(GError) error = NULL;
  RefundData *owned;

  /* The window closed while this ran: nothing left to show it in. */
  if (self->detail == NULL)
    return;

  manager = bo_pin_dialog_authorize_finish (result, &error);
  if (manager == NULL || self->session == NULL)
    return;

  self->busy = TRUE;
  /* Arguments are evaluated in any order: take the data out first. */
  owned = g_steal_pointer (&data);
  bo_worker_refund_async (bo_session_get_worker (self->session), manager,
                          bo_order_get_uuid (owned->order),
                          (const char * const *) owned->tickets, owned->void_order, owned->reason,
                          NULL, refund_cb, owned);
}

static void
on_reason_confirmed_cb (BoAmountDialog *dialog,
                        gint64          amount,
                        const char     *reason,
                        gpointer        user_data)
{
  RefundData *data = user_data;
  BoOrdersPage *self = data->self;
  RefundData *copy = g_new0 (RefundData, 1);

  copy->self = g_object_ref (self);
  copy->order = g_object_ref (data->order);
  copy->tickets = g_strdupv (data->tickets);
  copy->void_order = data->void_order;
  copy->reason = g_strdup (reason);

  bo_pin_dialog_authorize_async (GTK_WIDGET (self), self->session,
                                 data->void_order ? BO_RIGHT_VOID : BO_RIGHT_REFUND,
                                 data->void_order ? _("Approve the Void") : _("Approve the Refund"),
                                 _("A manager approves refunds and voids with their PIN."),
                                 NULL, approve_cb, copy);
}

static void
bo_orders_page_dispose (GObject *object)
{
  BoOrdersPage *self = BO_ORDERS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  bo_ui_dispose_template (GTK_WIDGET (object), BO_TYPE_ORDERS_PAGE);
  g_clear_object (&self->session);
  g_clear_object (&self->orders);
  g_clear_object (&self->filter);
  g_clear_object (&self->filtered);

  G_OBJECT_CLASS (bo_orders_page_parent_class)->dispose (object);
}

static void
bo_orders_page_class_init (BoOrdersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_orders_page_dispose;

  signals[ORDER_CHANGED] =
    g_signal_new ("order-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (BO_TYPE_ORDER_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bo-orders-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BoOrdersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BoOrdersPage, list);
  gtk_widget_class_bind_template_child (widget_class, BoOrdersPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, BoOrdersPage, message_page);
  gtk_widget_class_bind_template_child (widget_class, BoOrdersPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
bo_orders_page_init (BoOrdersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->orders = g_list_store_new (BO_TYPE_ORDER);
  self->filter = gtk_custom_filter_new (order_matches, self, NULL);
  self->filtered = G_LIST_MODEL (gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->orders)),
                                                           GTK_FILTER (g_object_ref (self->filter))));
  gtk_list_box_bind_model (self->list, self->filtered, create_row, self, NULL);
}

static void
on_data_changed_cb (BoSession    *session,
                    guint         changes,
                    BoOrdersPage *self)
{
  if (changes & BO_SESSION_CHANGED_ORDERS)
    bo_orders_page_reload (self);
}

void
bo_orders_page_set_session (BoOrdersPage *self,
                            BoSession    *session)
{
  g_return_if_fail (BO_IS_ORDERS_PAGE (self));
  g_return_if_fail (BO_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  g_signal_connect (session, "data-changed", G_CALLBACK (on_data_changed_cb), self);
}

void
bo_orders_page_reload (BoOrdersPage *self)
{
  g_return_if_fail (BO_IS_ORDERS_PAGE (self));

  if (self->session == NULL)
    return;

  bo_worker_recent_orders_async (bo_session_get_worker (self->session), RECENT_LIMIT,
                                 self->cancellable, recent_cb, g_object_ref (self));
}

void
bo_orders_page_lookup (BoOrdersPage *self,
                       const char   *uuid_or_code)
{
  g_return_if_fail (BO_IS_ORDERS_PAGE (self));
  g_return_if_fail (uuid_or_code != NULL);

  if (self->session == NULL)
    return;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), uuid_or_code) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), uuid_or_code);

  bo_worker_lookup_order_async (bo_session_get_worker (self->session), uuid_or_code,
                                self->cancellable, lookup_cb, g_object_ref (self));
}

void
bo_orders_page_focus_search (BoOrdersPage *self)
{
  g_return_if_fail (BO_IS_ORDERS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

BoOrder *
bo_orders_page_get_order (BoOrdersPage *self)
{
  g_return_val_if_fail (BO_IS_ORDERS_PAGE (self), NULL);

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->detail_stack), "detail"))
    return NULL;
  return bo_order_detail_get_order (self->detail);
}

gboolean
bo_orders_page_can_refund (BoOrdersPage *self)
{
  g_return_val_if_fail (BO_IS_ORDERS_PAGE (self), FALSE);

  return bo_orders_page_get_order (self) != NULL &&
         bo_order_detail_get_n_refundable (self->detail) > 0;
}

gboolean
bo_orders_page_can_void (BoOrdersPage *self)
{
  BoOrder *order;

  g_return_val_if_fail (BO_IS_ORDERS_PAGE (self), FALSE);

  /* The core decides the rest (only orders of the open shift); a paid order is a candidate. */
  order = bo_orders_page_get_order (self);
  return order != NULL && g_strcmp0 (bo_order_get_status (order), "paid") == 0;
}

void
bo_orders_page_refund (BoOrdersPage *self,
                       gboolean      void_order)
{
  g_autoptr(RefundData) data = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  BoAmountDialog *dialog;
  BoOrder *order;
  guint n_selected;

  g_return_if_fail (BO_IS_ORDERS_PAGE (self));

  order = bo_orders_page_get_order (self);
  if (order == NULL || self->busy || self->session == NULL)
    return;

  data = g_new0 (RefundData, 1);
  data->self = g_object_ref (self);
  data->order = g_object_ref (order);
  data->void_order = void_order;
  data->tickets = void_order ? g_new0 (char *, 1) : bo_order_detail_get_selected_tickets (self->detail);
  n_selected = g_strv_length (data->tickets);
  title = bo_format_order_title (order);

  if (void_order)
    body = g_strdup_printf (_("%s is cancelled as sold by mistake: every ticket becomes invalid and the whole amount is paid back."),
                            title);
  else if (n_selected > 0)
    body = g_strdup_printf (ngettext ("%u ticket of %s is cancelled and paid back.",
                                      "%u tickets of %s are cancelled and paid back.", n_selected),
                            n_selected, title);
  else
    body = g_strdup_printf (_("Every ticket of %s that is still valid is cancelled and paid back."),
                            title);

  dialog = bo_amount_dialog_new (GTK_WIDGET (self),
                                 void_order ? _("Void the Order?") : _("Refund Tickets?"),
                                 body,
                                 void_order ? _("Void…") : _("Refund…"));
  bo_amount_dialog_set_text (dialog, _("Reason (optional)"), FALSE);
  bo_amount_dialog_set_destructive (dialog, TRUE);
  g_signal_connect_data (dialog, "confirmed", G_CALLBACK (on_reason_confirmed_cb),
                         g_steal_pointer (&data), (GClosureNotify) (void (*) (void)) refund_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
