/* bo-sync-indicator.c — the sync state in the header bar
 *
 * The header's button: an icon and a short word for the state, a thin bar while a long pull
 * or push runs, and the popover with the details. The schedule (timer, engine, network) is
 * the sync driver's (bo-sync-driver.c); the details are the popover's (bo-sync-popover.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ui/bo-format.h"
#include "ui/bo-sync-driver.h"
#include "ui/bo-sync-indicator.h"
#include "ui/bo-sync-popover.h"
#include "ui/bo-ui-util.h"

struct _BoSyncIndicator
{
  AdwBin parent_instance;

  BoSyncDriver   *driver;

  /* Template widgets */
  GtkMenuButton  *button;
  GtkImage       *icon;
  GtkLabel       *label;
  GtkProgressBar *button_progress;
  BoSyncPopover  *popover;
};

G_DEFINE_FINAL_TYPE (BoSyncIndicator, bo_sync_indicator, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SYNCED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers ------------------------------------------------------------------------------------- */

static void
set_state_class (BoSyncIndicator *self,
                 const char      *state)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->button), "attention");
  gtk_widget_remove_css_class (GTK_WIDGET (self->button), "error");
  if (state != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->button), state);
}

static void
update_display (BoSyncIndicator *self)
{
  const BoSyncStatus *status = bo_sync_driver_get_status (self->driver);
  gboolean running = bo_sync_driver_get_running (self->driver);
  double fraction = bo_sync_driver_get_fraction (self->driver);
  gboolean online = bo_sync_driver_get_online (self->driver);
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  g_autofree char *accessible = NULL;
  const char *icon_name;
  const char *state = NULL;

  if (bo_sync_driver_get_engine (self->driver) == NULL)
    {
      icon_name = "network-offline-symbolic";
      label = g_strdup (_("No database"));
      title = g_strdup (_("The sales database is not open."));
    }
  else if (status == NULL)
    {
      icon_name = "network-idle-symbolic";
      label = g_strdup (_("Checking…"));
      title = g_strdup (_("Reading the synchronisation state…"));
    }
  else if (!status->registered)
    {
      icon_name = "network-offline-symbolic";
      /* Translators: the sync indicator of a counter without a server; keep it short (about
       * ten letters), the header has little room. */
      label = g_strdup (_("Not synced"));
      title = g_strdup (_("This counter is not registered with a server yet. Sales are kept "
                          "here and sent once it is."));
      state = "attention";
    }
  else if (status->revoked)
    {
      icon_name = "network-error-symbolic";
      label = g_strdup (_("Access revoked"));
      title = g_strdup (_("The server has revoked this counter. Nothing is sent until it is "
                          "registered again."));
      state = "error";
    }
  else if (running)
    {
      icon_name = "emblem-synchronizing-symbolic";
      if (fraction > 0)
        /* Translators: the sync indicator while a long pull runs; %d is a percentage. */
        label = g_strdup_printf (_("Syncing %d %%"), (int) (fraction * 100));
      else
        label = g_strdup (_("Syncing…"));
      title = g_strdup (bo_sync_driver_phase_text (bo_sync_driver_get_phase (self->driver)));
    }
  else if (!online || (status->last_error != NULL && status->last_success_at == NULL))
    {
      icon_name = "network-offline-symbolic";
      if (status->pending > 0)
        /* Translators: offline, with this many sales and scans waiting to be sent. */
        label = g_strdup_printf (ngettext ("Offline · %lld waiting",
                                           "Offline · %lld waiting",
                                           status->pending),
                                 (long long) status->pending);
      else
        label = g_strdup (_("Offline"));
      title = g_strdup (online ? _("The server cannot be reached. Sales are kept here and sent "
                                   "when it can.")
                               : _("No network. Sales are kept here and sent when the network "
                                   "is back."));
    }
  else if (status->parked > 0)
    {
      icon_name = "dialog-warning-symbolic";
      label = g_strdup_printf (ngettext ("%lld needs attention",
                                         "%lld need attention",
                                         status->parked),
                               (long long) status->parked);
      title = g_strdup (_("The server refused some items. A manager should look at them."));
      state = "attention";
    }
  else if (status->last_error != NULL)
    {
      icon_name = "network-error-symbolic";
      label = g_strdup (_("Sync failed"));
      title = g_strdup (_("The last synchronisation did not complete; it is tried again "
                          "shortly."));
      state = "attention";
    }
  else if (status->pending > 0)
    {
      icon_name = "network-transmit-receive-symbolic";
      label = g_strdup_printf (ngettext ("%lld waiting",
                                         "%lld waiting",
                                         status->pending),
                               (long long) status->pending);
      title = g_strdup (_("Online. Waiting items go with the next synchronisation."));
    }
  else
    {
      g_autofree char *when = bo_format_clock_time (status->last_success_at, FALSE);

      icon_name = "emblem-ok-symbolic";
      if (when != NULL)
        /* Translators: the sync indicator: everything sent, last synced at a time. */
        label = g_strdup_printf (_("Synced %s"), when);
      else
        label = g_strdup (_("Online"));
      title = g_strdup (_("Online. Everything has been sent."));
    }

  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_label_set_text (self->label, label);
  set_state_class (self, state);

  /* Translators: accessible name of the sync indicator: its label, then the explanation. */
  accessible = g_strdup_printf (_("Synchronisation: %s. %s"), label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  gtk_widget_set_visible (GTK_WIDGET (self->button_progress), running && fraction > 0);
  gtk_progress_bar_set_fraction (self->button_progress, fraction);

  bo_sync_popover_update (self->popover, title);
}

/* Callbacks ----------------------------------------------------------------------------------- */

static void
on_driver_changed_cb (BoSyncIndicator *self)
{
  update_display (self);
}

static void
on_driver_synced_cb (BoSyncIndicator *self)
{
  g_signal_emit (self, signals[SYNCED], 0);
}

/* Overrides ----------------------------------------------------------------------------------- */

static void
bo_sync_indicator_dispose (GObject *object)
{
  BoSyncIndicator *self = BO_SYNC_INDICATOR (object);

  if (self->driver != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->driver, self);
      bo_sync_driver_shutdown (self->driver);
    }
  g_clear_object (&self->driver);

  G_OBJECT_CLASS (bo_sync_indicator_parent_class)->dispose (object);
}

static void
bo_sync_indicator_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BoSyncIndicator *self = BO_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_value_set_string (value, bo_sync_indicator_get_db_path (self));
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->driver != NULL ? bo_sync_driver_get_settings (self->driver)
                                                      : NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_sync_indicator_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BoSyncIndicator *self = BO_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      bo_sync_indicator_set_db_path (self, g_value_get_string (value));
      break;

    case PROP_SETTINGS:
      bo_sync_indicator_set_settings (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_sync_indicator_class_init (BoSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_sync_indicator_dispose;
  object_class->get_property = bo_sync_indicator_get_property;
  object_class->set_property = bo_sync_indicator_set_property;

  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SYNCED] =
    g_signal_new ("synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (BO_TYPE_SYNC_POPOVER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/bo-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, BoSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, BoSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, BoSyncIndicator, label);
  gtk_widget_class_bind_template_child (widget_class, BoSyncIndicator, button_progress);
  gtk_widget_class_bind_template_child (widget_class, BoSyncIndicator, popover);
}

static void
bo_sync_indicator_init (BoSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  bo_ui_ensure_css (RESOURCE_PREFIX "/bo-sync-indicator.css");

  self->driver = bo_sync_driver_new ();
  bo_sync_popover_set_driver (self->popover, self->driver);
  g_signal_connect_swapped (self->driver, "changed", G_CALLBACK (on_driver_changed_cb), self);
  g_signal_connect_swapped (self->driver, "synced", G_CALLBACK (on_driver_synced_cb), self);

  update_display (self);
}

/* Public API ---------------------------------------------------------------------------------- */

BoSyncIndicator *
bo_sync_indicator_new (void)
{
  return g_object_new (BO_TYPE_SYNC_INDICATOR, NULL);
}

void
bo_sync_indicator_set_db_path (BoSyncIndicator *self,
                               const char      *db_path)
{
  g_return_if_fail (BO_IS_SYNC_INDICATOR (self));

  if (self->driver == NULL || g_strcmp0 (db_path, bo_sync_indicator_get_db_path (self)) == 0)
    return;

  bo_sync_driver_set_db_path (self->driver, db_path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB_PATH]);
}

const char *
bo_sync_indicator_get_db_path (BoSyncIndicator *self)
{
  g_return_val_if_fail (BO_IS_SYNC_INDICATOR (self), NULL);

  return self->driver != NULL ? bo_sync_driver_get_db_path (self->driver) : NULL;
}

BoSyncEngine *
bo_sync_indicator_get_engine (BoSyncIndicator *self)
{
  g_return_val_if_fail (BO_IS_SYNC_INDICATOR (self), NULL);

  return self->driver != NULL ? bo_sync_driver_get_engine (self->driver) : NULL;
}

void
bo_sync_indicator_set_settings (BoSyncIndicator *self,
                                GSettings       *settings)
{
  g_return_if_fail (BO_IS_SYNC_INDICATOR (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->driver == NULL || settings == bo_sync_driver_get_settings (self->driver))
    return;

  bo_sync_driver_set_settings (self->driver, settings);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

void
bo_sync_indicator_refresh (BoSyncIndicator *self)
{
  g_return_if_fail (BO_IS_SYNC_INDICATOR (self));

  if (self->driver != NULL)
    bo_sync_driver_refresh (self->driver);
}
