/* bo-window.c — the main window of a box-office counter
 *
 * Opens the local store and shows what it holds, or why it cannot be opened.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "domain/bo-event.h"
#include "ui/bo-window.h"

struct _BoWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  BoStore   *store;

  /* Template widgets */
  GtkStack      *stack;
  AdwStatusPage *overview_page;
  AdwStatusPage *error_page;
  GtkLabel      *path_label;
};

G_DEFINE_FINAL_TYPE (BoWindow, bo_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_store (BoWindow *self,
           BoStore  *store)
{
  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

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

static void
show_error (BoWindow     *self,
            const char   *path,
            const GError *error)
{
  g_autofree char *description = NULL;

  /* The status page renders its description as markup; the message and the path are not. */
  description = g_markup_printf_escaped ("%s\n<small>%s</small>", error->message, path);

  adw_status_page_set_title (self->error_page, error_title (error));
  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
show_overview (BoWindow *self,
               guint     n_events)
{
  g_autofree char *summary = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *location = NULL;

  if (n_events == 0)
    summary = g_strdup (_("No events in the local store yet"));
  else
    summary = g_strdup_printf (ngettext ("%u event in the local store",
                                         "%u events in the local store",
                                         n_events),
                               n_events);

  escaped = g_markup_escape_text (summary, -1);
  adw_status_page_set_description (self->overview_page, escaped);

  location = g_strdup_printf (_("Database: %s"), bo_store_get_path (self->store));
  gtk_label_set_text (self->path_label, location);

  gtk_stack_set_visible_child_name (self->stack, "overview");
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

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  bo_window_reload (BO_WINDOW (widget));
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

  G_OBJECT_CLASS (bo_window_parent_class)->constructed (object);

  restore_window_state (self);
  bo_window_reload (self);
}

static void
bo_window_dispose (GObject *object)
{
  BoWindow *self = BO_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bo_window_parent_class)->dispose (object);
}

static void
bo_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BoWindow *self = BO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
  object_class->get_property = bo_window_get_property;
  object_class->set_property = bo_window_set_property;

  window_class->close_request = bo_window_close_request;

  /* Construct-only, so that the window size is known before the window is first shown
   * ("application" is set only after construction). NULL keeps the template's defaults. */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         BO_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bo-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BoWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, BoWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, BoWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, BoWindow, path_label);

  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.reload", NULL);
}

static void
bo_window_init (BoWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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

BoStore *
bo_window_get_store (BoWindow *self)
{
  g_return_val_if_fail (BO_IS_WINDOW (self), NULL);

  return self->store;
}

void
bo_window_reload (BoWindow *self)
{
  g_autofree char *path = NULL;
  g_autoptr(BoStore) store = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (BO_IS_WINDOW (self));

  /* Reopening, rather than reusing the open store, is what lets "Try Again" recover once the
   * cause (a full disk, a locked file) is gone. Opening runs the migrations on this thread,
   * which is acceptable at start-up and on an explicit reload, never on a hot path. */
  set_store (self, NULL);

  path = bo_store_default_path ();
  store = bo_store_open (path, &error);
  if (store == NULL)
    {
      show_error (self, path, error);
      return;
    }

  events = bo_event_list (store, &error);
  if (events == NULL)
    {
      show_error (self, path, error);
      return;
    }

  set_store (self, store);
  show_overview (self, g_list_model_get_n_items (events));
}
