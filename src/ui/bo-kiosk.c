/* bo-kiosk.c — kiosk mode: full screen, and no way out without a manager PIN
 *
 * Every way of leaving ends in the window's close-request: the close button (hidden anyway),
 * Alt+F4 and other window-manager closes, Ctrl+Q and app.quit (which close each window). The
 * kiosk's handler runs before the window's own and refuses until a manager typed a PIN. Leaving
 * full screen (Escape, F11 or the window manager) is undone at once. The setting is the
 * persistent kiosk-mode key, so a restarted counter comes back locked down. On a bare X
 * server without a window manager (a common kiosk set-up) nobody honours the full-screen
 * request, so a window that starts in kiosk mode also takes its monitor's size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "domain/bo-operator.h"
#include "ui/bo-kiosk.h"
#include "ui/bo-pin-dialog.h"
#include "ui/bo-session.h"

struct _BoKiosk
{
  GObject parent_instance;

  GtkWindow    *window;   /* weak */
  GSettings    *settings;
  BoSession    *session;  /* nobody signed in: the PIN dialog always asks */
  GCancellable *cancellable;

  gboolean      active;
  gboolean      asking;
  gboolean      leaving;
  guint         refullscreen_id;
  int           saved_width;   /* the window's size before kiosk mode, -1 when not saved */
  int           saved_height;
};

static void request_fullscreen (BoKiosk *self);

G_DEFINE_FINAL_TYPE (BoKiosk, bo_kiosk, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
refullscreen_cb (gpointer user_data)
{
  BoKiosk *self = user_data;

  self->refullscreen_id = 0;
  if (self->window != NULL && self->active && !self->leaving)
    request_fullscreen (self);
  return G_SOURCE_REMOVE;
}

static void
request_fullscreen (BoKiosk *self)
{
  /* Before the first map the size is still ours to choose: the first monitor's. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->window)))
    {
      GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self->window)));
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);

      if (monitor != NULL)
        {
          GdkRectangle geometry;

          gdk_monitor_get_geometry (monitor, &geometry);
          if (self->saved_width < 0)
            gtk_window_get_default_size (self->window, &self->saved_width, &self->saved_height);
          gtk_window_set_default_size (self->window, geometry.width, geometry.height);
        }
    }

  gtk_window_fullscreen (self->window);
}

static void
on_fullscreened_cb (GtkWindow  *window,
                    GParamSpec *pspec,
                    BoKiosk    *self)
{
  if (!self->active || self->leaving || gtk_window_is_fullscreen (window))
    return;

  /* After the current event, so that the window manager's change has settled. */
  if (self->refullscreen_id == 0)
    self->refullscreen_id = g_idle_add (refullscreen_cb, self);
}

static gboolean
close_window_cb (gpointer user_data)
{
  BoKiosk *self = user_data;

  if (self->window != NULL)
    gtk_window_close (self->window);
  return G_SOURCE_REMOVE;
}

static void
on_leave_authorized_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(BoKiosk) self = user_data;
  g_autoptr(BoOperator) manager = NULL;
  g_autoptr(GError) error = NULL;

  self->asking = FALSE;
  manager = bo_pin_dialog_authorize_finish (result, &error);
  if (manager == NULL || self->window == NULL)
    return;

  g_message ("Kiosk mode: %s closed the application", bo_operator_get_name (manager));
  self->leaving = TRUE;
  /* Not from inside the PIN dialog's callback: the dialog is transient for the window and
   * only lets go of it when it is destroyed, right after this returns. Closed first, the
   * window would be finalized under the dialog's feet. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_window_cb, g_object_ref (self), g_object_unref);
}

static gboolean
on_close_request_cb (GtkWindow *window,
                     BoKiosk   *self)
{
  /* Without a database no PIN can be checked, and there is nothing to protect. */
  if (!self->active || self->leaving || self->session == NULL)
    return GDK_EVENT_PROPAGATE;

  if (!self->asking)
    {
      self->asking = TRUE;
      bo_pin_dialog_authorize_async (GTK_WIDGET (window), self->session,
                                     BO_RIGHT_MANAGE_OPERATORS,
                                     _("Close the Box Office?"),
                                     _("This counter runs in kiosk mode. A manager’s PIN is "
                                       "needed to close it."),
                                     self->cancellable, on_leave_authorized_cb,
                                     g_object_ref (self));
    }

  return GDK_EVENT_STOP;
}

static void
apply (BoKiosk *self)
{
  gboolean active = self->settings != NULL
                    && g_settings_get_boolean (self->settings, "kiosk-mode");

  if (self->window == NULL)
    return;

  if (active != self->active)
    {
      self->active = active;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
    }

  gtk_window_set_deletable (self->window, !active);
  if (active)
    {
      request_fullscreen (self);
      return;
    }

  if (gtk_window_is_fullscreen (self->window))
    gtk_window_unfullscreen (self->window);
  if (self->saved_width >= 0)
    {
      gtk_window_set_default_size (self->window, self->saved_width, self->saved_height);
      self->saved_width = self->saved_height = -1;
    }
}

static void
on_kiosk_mode_changed_cb (GSettings  *settings,
                          const char *key,
                          BoKiosk    *self)
{
  apply (self);
}

static void
bo_kiosk_dispose (GObject *object)
{
  BoKiosk *self = BO_KIOSK (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refullscreen_id, g_source_remove);
  if (self->window != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->window, self);
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (bo_kiosk_parent_class)->dispose (object);
}

static void
bo_kiosk_finalize (GObject *object)
{
  BoKiosk *self = BO_KIOSK (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (bo_kiosk_parent_class)->finalize (object);
}

static void
bo_kiosk_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  BoKiosk *self = BO_KIOSK (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_kiosk_class_init (BoKioskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bo_kiosk_dispose;
  object_class->finalize = bo_kiosk_finalize;
  object_class->get_property = bo_kiosk_get_property;

  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bo_kiosk_init (BoKiosk *self)
{
  self->cancellable = g_cancellable_new ();
  self->saved_width = self->saved_height = -1;
}

BoKiosk *
bo_kiosk_new (GtkWindow *window,
              GSettings *settings,
              BoWorker  *worker)
{
  BoKiosk *self;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (worker == NULL || BO_IS_WORKER (worker), NULL);

  self = g_object_new (BO_TYPE_KIOSK, NULL);
  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  if (worker != NULL)
    self->session = bo_session_new (worker, settings);

  g_signal_connect (window, "close-request", G_CALLBACK (on_close_request_cb), self);
  g_signal_connect (window, "notify::fullscreened", G_CALLBACK (on_fullscreened_cb), self);
  if (settings != NULL)
    g_signal_connect (settings, "changed::kiosk-mode", G_CALLBACK (on_kiosk_mode_changed_cb),
                      self);

  apply (self);
  return self;
}
