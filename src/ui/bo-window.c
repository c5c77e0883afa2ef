/* bo-window.c — the main window of a box-office counter
 *
 * Opens the local store in the window's database worker and chooses the screen: what went
 * wrong, the first run, the sign-in, or the counter itself (sell, check in, orders, shift).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ui/bo-window-private.h"
#include "ui/bo-report-page.h"
#include "ui/bo-stack-util.h"
#include "ui/bo-ui-util.h"

G_DEFINE_FINAL_TYPE (BoWindow, bo_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
error_title (const GError *error)
{
  if (error->domain != BO_STORE_ERROR)
    return _("Cannot Read the Sales Database");

  switch ((BoStoreError) error->code)
    {
    case BO_STORE_ERROR_CORRUPT:
      return _("The Sales Database Is Damaged");
    case BO_STORE_ERROR_LOCKED:
      return _("The Sales Database Is in Use");
    case BO_STORE_ERROR_READ_ONLY:
      return _("The Sales Database Is Read-Only");
    case BO_STORE_ERROR_TOO_NEW:
      return _("The Sales Database Needs a Newer Version");
    case BO_STORE_ERROR_FULL:
      return _("The Disk Is Full");
    case BO_STORE_ERROR_OPEN:
    case BO_STORE_ERROR_FAILED:
    default:
      return _("Cannot Open the Sales Database");
    }
}

/* GTK 4.8 gives a menu button no name from its tooltip or icon; its inner button takes the
 * name given to the menu button. */
static void
name_menu_button (GtkMenuButton *button,
                  const char    *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
show_error (BoWindow     *self,
            const GError *error)
{
  g_autofree char *description = NULL;

  /* The status page renders its description as markup; the message and the path are not. */
  description = g_markup_printf_escaped ("%s\n<small>%s</small>", error->message,
                                         bo_worker_get_db_path (self->worker));

  adw_status_page_set_title (self->error_page, error_title (error));
  adw_status_page_set_description (self->error_page, description);
  bo_stack_show_only (self->stack, "error");
  bo_window_update_actions (self);
}

gboolean
bo_window_is_unlocked (BoWindow *self)
{
  return bo_session_get_operator (self->session) != NULL &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") == 0;
}

void
bo_window_show_view (BoWindow   *self,
                     const char *name)
{
  if (!bo_window_is_unlocked (self))
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
show_screen (BoWindow *self)
{
  if (self->counts.n_operators == 0)
    {
      bo_welcome_page_set_mode (self->welcome_page,
                                self->counts.n_events == 0 ? BO_WELCOME_EMPTY
                                                           : BO_WELCOME_NO_OPERATORS);
      bo_stack_show_only (self->stack, "welcome");
    }
  else if (bo_session_get_operator (self->session) == NULL)
    {
      bo_window_show_lock (self, NULL);
    }
  else
    {
      bo_stack_show_only (self->stack, "main");
    }

  bo_window_update_actions (self);
}

static void
open_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BoWindow) self = user_data;
  g_autofree BoWorkerCounts *counts = NULL;
  g_autoptr(GError) error = NULL;

  counts = bo_worker_open_finish (BO_WORKER (source), result, &error);
  if (counts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  self->counts = *counts;
  show_screen (self);

  bo_sell_page_reload (self->sell_page);
  bo_orders_page_reload (self->orders_page);
  bo_shift_page_reload (self->shift_page);
}

static void
on_demo_ready_cb (BoWelcomePage *page,
                  BoWindow      *self)
{
  bo_session_data_changed (self->session, BO_SESSION_CHANGED_CATALOG);
  bo_window_reload (self);
  bo_ui_toast (GTK_WIDGET (self->toast_overlay),
               _("Demo data is ready: sign in as Cashier (PIN 1234) or Manager (PIN 9999)"));
}

static void
on_manager_added_cb (BoWelcomePage *page,
                     BoOperator    *manager,
                     BoWindow      *self)
{
  self->counts.n_operators = 1;
  bo_window_signed_in (self, manager);
}

static void
on_signed_in_cb (BoLockPage *page,
                 BoOperator *operator,
                 BoWindow   *self)
{
  bo_window_signed_in (self, operator);
}

static void
on_sell_state_changed_cb (BoSellPage *page,
                          BoWindow   *self)
{
  bo_window_update_actions (self);
}

static void
on_sale_completed_cb (BoSellPage *page,
                      BoOrder    *order,
                      BoWindow   *self)
{
  const char *kinds[] = { "tickets", "receipt", NULL };

  bo_window_print_order (self, order, kinds, TRUE);
  bo_sync_indicator_refresh (self->sync_indicator);
}

/* A sync brings events, ticket types, allocations and the server's order codes: every page
 * shows them again. */
static void
on_synced_cb (BoSyncIndicator *indicator,
              BoWindow        *self)
{
  bo_session_data_changed (self->session, BO_SESSION_CHANGED_CATALOG | BO_SESSION_CHANGED_ORDERS);
}

static void
on_orders_changed_cb (BoOrdersPage *page,
                      BoWindow     *self)
{
  bo_window_update_actions (self);
}

static void
on_shift_closed_cb (BoShiftPage *page,
                    BoShift     *closed,
                    BoWindow    *self)
{
  bo_window_update_actions (self);
}

static void
on_session_notify_cb (BoSession  *session,
                      GParamSpec *pspec,
                      BoWindow   *self)
{
  BoOperator *operator = bo_session_get_operator (session);

  if (operator != NULL)
    {
      g_autofree char *tooltip = g_strdup_printf (_("Signed in as %s"), bo_operator_get_name (operator));

      adw_button_content_set_label (self->operator_content, bo_operator_get_name (operator));
      name_menu_button (self->operator_button, tooltip);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->operator_button), tooltip);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->operator_button), operator != NULL);
  bo_window_update_actions (self);
}

static void
on_visible_view_cb (GObject    *object,
                    GParamSpec *pspec,
                    BoWindow   *self)
{
  const char *name;

  bo_window_update_actions (self);

  if (!bo_window_is_unlocked (self))
    return;

  name = adw_view_stack_get_visible_child_name (self->view_stack);
  if (g_strcmp0 (name, "sell") == 0)
    {
      /* A sync may have brought new events or other channels' sales since: a few quick
       * queries in the worker keep the availability shown honest. */
      if (bo_sell_page_get_step (self->sell_page) == BO_SELL_STEP_TICKETS)
        bo_sell_page_reload (self->sell_page);
      bo_sell_page_focus (self->sell_page);
    }
  else if (g_strcmp0 (name, "orders") == 0)
    bo_orders_page_focus_search (self->orders_page);
}

static void
on_stack_changed_cb (GObject    *object,
                     GParamSpec *pspec,
                     BoWindow   *self)
{
  gboolean main_view = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") == 0;

  /* The switcher is for the counter itself; elsewhere the title says where one is. */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, main_view);
  on_visible_view_cb (object, pspec, self);
}

/* Back from Preferences (registering the counter, say): the first-run screen may be over. */
static void
on_active_changed_cb (GtkWindow  *window,
                      GParamSpec *pspec,
                      BoWindow   *self)
{
  if (gtk_window_is_active (window) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "welcome") == 0)
    bo_window_reload (self);
}

static void
restore_window_state (BoWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (BoWindow *self)
{
  int width, height;
  gboolean maximized;

  if (self->settings == NULL)
    return;

  /* The default size follows the window while it is not maximized, so this is the size to
   * come back to after un-maximizing. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  g_settings_apply (self->settings);
}

static gboolean
bo_window_close_request (GtkWindow *window)
{
  save_window_state (BO_WINDOW (window));

  return GTK_WINDOW_CLASS (bo_window_parent_class)->close_request (window);
}

static void
bo_window_constructed (GObject *object)
{
  BoWindow *self = BO_WINDOW (object);
  g_autofree char *path = bo_store_default_path ();

  G_OBJECT_CLASS (bo_window_parent_class)->constructed (object);

  name_menu_button (self->primary_menu_button, _("Main Menu"));

  self->worker = bo_worker_new (path);
  self->session = bo_session_new (self->worker, self->settings);
  g_signal_connect (self->session, "notify::operator", G_CALLBACK (on_session_notify_cb), self);
  g_signal_connect (self->session, "notify::shift", G_CALLBACK (on_session_notify_cb), self);

  bo_welcome_page_set_session (self->welcome_page, self->session);
  bo_lock_page_set_session (self->lock_page, self->session);
  bo_sell_page_set_session (self->sell_page, self->session);
  bo_orders_page_set_session (self->orders_page, self->session);
  bo_shift_page_set_session (self->shift_page, self->session);
  bo_checkin_page_set_session (self->checkin_page, self->session);
  bo_report_page_set_session (BO_REPORT_PAGE (adw_view_stack_get_child_by_name (self->view_stack, "reports")),
                              self->session);

  self->sync_indicator = bo_sync_indicator_new ();
  bo_sync_indicator_set_settings (self->sync_indicator, self->settings);
  bo_sync_indicator_set_db_path (self->sync_indicator, path);
  gtk_box_append (self->sync_indicator_slot, GTK_WIDGET (self->sync_indicator));
  g_signal_connect_object (self->sync_indicator, "synced", G_CALLBACK (on_synced_cb), self, 0);
  bo_sell_page_set_sync_engine (self->sell_page,
                                bo_sync_indicator_get_engine (self->sync_indicator));

  bo_window_session_init (self);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_changed_cb), self);
  restore_window_state (self);
  bo_window_reload (self);

  /* After the saved size, which kiosk mode overrides. */
  self->kiosk = bo_kiosk_new (GTK_WINDOW (self), self->settings, self->worker);
  /* A kiosk is not minimized or restored either: under a window manager that is a way out. */
  g_object_bind_property (self->kiosk, "active", self->header_bar, "show-start-title-buttons",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_object_bind_property (self->kiosk, "active", self->header_bar, "show-end-title-buttons",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
}

static void
bo_window_dispose (GObject *object)
{
  BoWindow *self = BO_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->print_cancellable);
  bo_window_session_dispose (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);

  gtk_widget_dispose_template (GTK_WIDGET (object), BO_TYPE_WINDOW);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->print_cancellable);
  g_clear_object (&self->kiosk);
  g_clear_object (&self->session);
  g_clear_object (&self->worker);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bo_window_parent_class)->dispose (object);
}

static void
bo_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  BoWindow *self = BO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_window_class_init (BoWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = bo_window_constructed;
  object_class->dispose = bo_window_dispose;
  object_class->set_property = bo_window_set_property;

  window_class->close_request = bo_window_close_request;

  /* Construct-only, so that the window size is known before the window is first shown
   * ("application" is set only after construction). NULL keeps the template's defaults. */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BO_TYPE_WELCOME_PAGE);
  g_type_ensure (BO_TYPE_LOCK_PAGE);
  g_type_ensure (BO_TYPE_SELL_PAGE);
  g_type_ensure (BO_TYPE_ORDERS_PAGE);
  g_type_ensure (BO_TYPE_SHIFT_PAGE);
  g_type_ensure (BO_TYPE_CHECKIN_PAGE);
  g_type_ensure (BO_TYPE_REPORT_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bo-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BoWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BoWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, BoWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, BoWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, BoWindow, operator_button);
  gtk_widget_class_bind_template_child (widget_class, BoWindow, operator_content);
  gtk_widget_class_bind_template_child (widget_class, BoWindow, sync_indicator_slot);
  gtk_widget_class_bind_template_child (widget_class, BoWindow, checkin_page);
  gtk_widget_class_bind_template_child (widget_class, BoWindow, print_banner);
  gtk_widget_class_bind_template_child (widget_class, BoWindow, print_banner_label);
  gtk_widget_class_bind_template_child (widget_class, BoWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, BoWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, BoWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, BoWindow, lock_page);
  gtk_widget_class_bind_template_child (widget_class, BoWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, BoWindow, sell_page);
  gtk_widget_class_bind_template_child (widget_class, BoWindow, orders_page);
  gtk_widget_class_bind_template_child (widget_class, BoWindow, shift_page);
  gtk_widget_class_bind_template_callback (widget_class, on_demo_ready_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_manager_added_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_signed_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sell_state_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sale_completed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_orders_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_shift_closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_view_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stack_changed_cb);

  bo_window_actions_class_init (widget_class);
}

static void
bo_window_init (BoWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->print_cancellable = g_cancellable_new ();
}

BoWindow *
bo_window_new (BoApplication *application)
{
  g_return_val_if_fail (BO_IS_APPLICATION (application), NULL);

  return g_object_new (BO_TYPE_WINDOW,
                       "application", application,
                       "settings", bo_application_get_settings (application),
                       NULL);
}

BoWorker *
bo_window_get_worker (BoWindow *self)
{
  g_return_val_if_fail (BO_IS_WINDOW (self), NULL);

  return self->worker;
}

BoSession *
bo_window_get_session (BoWindow *self)
{
  g_return_val_if_fail (BO_IS_WINDOW (self), NULL);

  return self->session;
}

void
bo_window_reload (BoWindow *self)
{
  g_return_if_fail (BO_IS_WINDOW (self));

  /* Opening is retried on every call, which is what lets "Try Again" recover once the cause
   * (a full disk, a locked file) is gone. Migrations run in the worker, never here. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "error") == 0)
    bo_stack_show_only (self->stack, "loading");
  bo_worker_open_async (self->worker, self->cancellable, open_cb, g_object_ref (self));
}

void
bo_window_lock (BoWindow *self)
{
  g_autofree char *message = NULL;
  BoOperator *operator;

  g_return_if_fail (BO_IS_WINDOW (self));

  operator = bo_session_get_operator (self->session);
  if (operator != NULL)
    message = g_strdup_printf (_("Locked. %s was signed in; the cart is kept."),
                               bo_operator_get_name (operator));
  bo_window_show_lock (self, message);
}
