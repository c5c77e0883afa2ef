/* bo-sync-indicator.c — the sync state in the header bar, and the timer that syncs
 *
 * The indicator owns the counter's sync schedule: a cycle every sync-interval-seconds, one
 * soon after the network comes back, one when asked. Cycles run in the sync engine's worker
 * thread with its own store connection and its own HTTP handle; the state shown here is read
 * through a separate database worker, so neither ever blocks the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sync/bo-sync-engine.h"
#include "sync/bo-sync-status.h"
#include "ui/bo-preferences-window.h"
#include "ui/bo-sync-indicator.h"
#include "ui/bo-worker.h"

#define DEFAULT_INTERVAL_S   60
#define FIRST_SYNC_DELAY_S   3
#define NETWORK_DELAY_S      2
#define STATUS_REFRESH_S     10

struct _BoSyncIndicator
{
  AdwBin parent_instance;

  GSettings       *settings;
  BoWorker        *worker;
  BoSyncEngine    *engine;
  GCancellable    *cancellable;
  GNetworkMonitor *monitor;
  BoSyncStatus    *status;

  guint            sync_timeout_id;
  guint            soon_timeout_id;
  guint            status_timeout_id;
  gboolean         status_pending;
  gboolean         sync_wanted;  /* asked for while the state was not known yet */
  gboolean         running;
  BoSyncPhase      phase;
  double           fraction;

  /* Template widgets */
  GtkMenuButton  *button;
  GtkImage       *icon;
  GtkLabel       *label;
  GtkProgressBar *button_progress;
  GtkPopover     *popover;
  GtkLabel       *title_label;
  GtkProgressBar *progress;
  AdwActionRow   *server_row;
  AdwActionRow   *device_row;
  AdwActionRow   *waiting_row;
  AdwActionRow   *last_sync_row;
  AdwActionRow   *error_row;
  GtkBox         *parked_box;
  GtkListBox     *parked_list;
  GtkButton      *register_button;
  GtkButton      *sync_button;
};

static void schedule_sync (BoSyncIndicator *self);

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

/* Worker jobs --------------------------------------------------------------------------------- */

static gboolean
read_status_in_worker (BoStore         *store,
                       BoDevice        *device,
                       gpointer         data,
                       gpointer        *out_result,
                       GDestroyNotify  *out_free,
                       GCancellable    *cancellable,
                       GError         **error)
{
  BoSyncStatus *status = bo_sync_status_read (store, error);

  if (status == NULL)
    return FALSE;

  *out_result = status;
  *out_free = (GDestroyNotify) bo_sync_status_free;
  return TRUE;
}

static gboolean
retry_parked_in_worker (BoStore         *store,
                        BoDevice        *device,
                        gpointer         data,
                        gpointer        *out_result,
                        GDestroyNotify  *out_free,
                        GCancellable    *cancellable,
                        GError         **error)
{
  gint64 *outbox_id = data;

  return bo_sync_retry_parked (store, *outbox_id, error);
}

/* Helpers ------------------------------------------------------------------------------------- */

static void
ensure_css (void)
{
  static GdkDisplay *loaded_for;
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || display == loaded_for)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/bo-sync-indicator.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  loaded_for = display;
}

static char *
format_time (const char *rfc3339)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (rfc3339 == NULL)
    return NULL;

  utc = g_date_time_new_from_iso8601 (rfc3339, NULL);
  if (utc == NULL)
    return g_strdup (rfc3339);

  local = g_date_time_to_local (utc);
  now = g_date_time_new_now_local ();
  if (g_date_time_get_year (now) == g_date_time_get_year (local)
      && g_date_time_get_day_of_year (now) == g_date_time_get_day_of_year (local))
    return g_date_time_format (local, "%H:%M");

  return g_date_time_format (local, "%x %H:%M");
}

static gboolean
network_available (BoSyncIndicator *self)
{
  return self->monitor == NULL || g_network_monitor_get_network_available (self->monitor);
}

static gboolean
can_sync (BoSyncIndicator *self)
{
  return self->engine != NULL
         && self->status != NULL
         && self->status->registered
         && !self->status->revoked;
}

static const char *
phase_text (BoSyncPhase phase)
{
  switch (phase)
    {
    case BO_SYNC_PHASE_CONNECT:
      return _("Connecting…");
    case BO_SYNC_PHASE_KEYS:
    case BO_SYNC_PHASE_EVENTS:
    case BO_SYNC_PHASE_TICKET_TYPES:
      return _("Fetching the catalogue…");
    case BO_SYNC_PHASE_ALLOCATIONS:
      return _("Updating allocations…");
    case BO_SYNC_PHASE_TICKETS:
      return _("Fetching tickets…");
    case BO_SYNC_PHASE_PUSH:
      return _("Sending sales…");
    case BO_SYNC_PHASE_DONE:
    default:
      return _("Finishing…");
    }
}

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
on_retry_clicked_cb (GtkButton       *button,
                     BoSyncIndicator *self);

static GtkWidget *
create_parked_row (BoSyncIndicator        *self,
                   const BoSyncParkedItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *retry;
  g_autofree char *when = format_time (item->created_at);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *retry_name = NULL;
  gint64 *id;

  /* Translators: a refused outbox item: its kind ("order", "refund", …) and when it was made. */
  title = g_markup_printf_escaped (_("%s from %s"), item->kind, when != NULL ? when : "");
  subtitle = g_markup_printf_escaped ("%s%s%s",
                                      item->message != NULL ? item->message : "",
                                      item->error_code != NULL ? " — " : "",
                                      item->error_code != NULL ? item->error_code : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);

  retry = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  gtk_widget_set_valign (retry, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (retry, "flat");
  gtk_widget_set_tooltip_text (retry, _("Send Again"));
  /* Translators: accessible name of the button that sends a refused item again. */
  retry_name = g_strdup_printf (_("Send the %s again"), item->kind);
  gtk_accessible_update_property (GTK_ACCESSIBLE (retry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, retry_name, -1);
  id = g_new (gint64, 1);
  *id = item->id;
  g_object_set_data_full (G_OBJECT (retry), "outbox-id", id, g_free);
  g_signal_connect_object (retry, "clicked", G_CALLBACK (on_retry_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), retry);

  return row;
}

static void
update_display (BoSyncIndicator *self)
{
  const BoSyncStatus *status = self->status;
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *last = NULL;
  const char *icon_name;
  const char *state = NULL;
  gboolean online = network_available (self);
  GtkWidget *child;

  if (self->engine == NULL)
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
      label = g_strdup (_("Not registered"));
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
  else if (self->running)
    {
      icon_name = "emblem-synchronizing-symbolic";
      if (self->fraction > 0)
        /* Translators: the sync indicator while a long pull runs; %d is a percentage. */
        label = g_strdup_printf (_("Syncing %d %%"), (int) (self->fraction * 100));
      else
        label = g_strdup (_("Syncing…"));
      title = g_strdup (phase_text (self->phase));
    }
  else if (!online || (status->last_error != NULL && status->last_success_at == NULL))
    {
      icon_name = "network-offline-symbolic";
      if (status->pending > 0)
        /* Translators: offline, with this many sales and scans waiting to be sent. */
        label = g_strdup_printf (ngettext ("Offline · %" G_GINT64_FORMAT " waiting",
                                           "Offline · %" G_GINT64_FORMAT " waiting",
                                           status->pending),
                                 status->pending);
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
      label = g_strdup_printf (ngettext ("%" G_GINT64_FORMAT " needs attention",
                                         "%" G_GINT64_FORMAT " need attention",
                                         status->parked),
                               status->parked);
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
      label = g_strdup_printf (ngettext ("%" G_GINT64_FORMAT " waiting",
                                         "%" G_GINT64_FORMAT " waiting",
                                         status->pending),
                               status->pending);
      title = g_strdup (_("Online. Waiting items go with the next synchronisation."));
    }
  else
    {
      g_autofree char *when = format_time (status->last_success_at);

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
  gtk_label_set_text (self->title_label, title);
  set_state_class (self, state);

  /* Translators: accessible name of the sync indicator: its label, then the explanation. */
  accessible = g_strdup_printf (_("Synchronisation: %s. %s"), label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  gtk_widget_set_visible (GTK_WIDGET (self->progress), self->running);
  gtk_widget_set_visible (GTK_WIDGET (self->button_progress),
                          self->running && self->fraction > 0);
  gtk_progress_bar_set_fraction (self->progress, self->fraction);
  gtk_progress_bar_set_fraction (self->button_progress, self->fraction);
  gtk_progress_bar_set_text (self->progress, phase_text (self->phase));
  if (self->running && self->fraction <= 0)
    gtk_progress_bar_pulse (self->progress);

  gtk_widget_set_visible (GTK_WIDGET (self->register_button),
                          status != NULL && (!status->registered || status->revoked));
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button),
                            can_sync (self) && !self->running && online);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->parked_list))) != NULL)
    gtk_list_box_remove (self->parked_list, child);

  if (status == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->parked_box), FALSE);
      return;
    }

  adw_action_row_set_subtitle (self->server_row,
                               status->base_url != NULL ? status->base_url : _("None"));
  if (status->registered)
    {
      g_autofree char *device = NULL;

      /* Translators: the counter's name and its device number on the server. */
      device = g_markup_printf_escaped (_("%s (device %u)"),
                                        status->device_name != NULL ? status->device_name : "",
                                        status->device_id);
      adw_action_row_set_subtitle (self->device_row, device);
    }
  else
    adw_action_row_set_subtitle (self->device_row, _("Not registered"));

  if (status->pending > 0)
    {
      g_autofree char *since = format_time (status->oldest_pending_at);
      g_autofree char *waiting = NULL;

      /* Translators: items waiting to be sent, and since when the oldest one waits. */
      waiting = g_strdup_printf (ngettext ("%" G_GINT64_FORMAT " item, the oldest from %s",
                                           "%" G_GINT64_FORMAT " items, the oldest from %s",
                                           status->pending),
                                 status->pending, since != NULL ? since : "?");
      adw_action_row_set_subtitle (self->waiting_row, waiting);
    }
  else
    adw_action_row_set_subtitle (self->waiting_row, _("Nothing"));

  last = format_time (status->last_success_at);
  adw_action_row_set_subtitle (self->last_sync_row, last != NULL ? last : _("Never"));

  gtk_widget_set_visible (GTK_WIDGET (self->error_row), status->last_error != NULL);
  if (status->last_error != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (status->last_error, -1);

      adw_action_row_set_subtitle (self->error_row, escaped);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->parked_box),
                          status->parked_items != NULL && status->parked_items->len > 0);
  for (guint i = 0; status->parked_items != NULL && i < status->parked_items->len; i++)
    gtk_list_box_append (self->parked_list,
                         create_parked_row (self, g_ptr_array_index (status->parked_items, i)));
}

/* Callbacks ----------------------------------------------------------------------------------- */

static void
on_status_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BoSyncIndicator) self = user_data;
  g_autoptr(GError) error = NULL;
  BoSyncStatus *status;

  status = bo_worker_run_finish (BO_WORKER (source), result, read_status_in_worker, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->status_pending = FALSE;
  if (BO_WORKER (source) != self->worker)
    {
      g_clear_pointer (&status, bo_sync_status_free);
      return;
    }

  if (status == NULL)
    {
      g_warning ("Cannot read the sync state: %s", error->message);
      return;
    }

  g_clear_pointer (&self->status, bo_sync_status_free);
  self->status = status;
  update_display (self);

  if (self->sync_wanted && can_sync (self))
    bo_sync_indicator_sync_now (self);
}

static gboolean
status_timeout_cb (gpointer user_data)
{
  BoSyncIndicator *self = user_data;

  if (!self->running)
    bo_sync_indicator_refresh (self);
  return G_SOURCE_CONTINUE;
}

static void
on_retry_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BoSyncIndicator) self = user_data;
  g_autoptr(GError) error = NULL;

  bo_worker_run_finish (BO_WORKER (source), result, retry_parked_in_worker, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_warning ("Cannot queue the item again: %s", error->message);

  bo_sync_indicator_sync_now (self);
}

static void
on_retry_clicked_cb (GtkButton       *button,
                     BoSyncIndicator *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "outbox-id");
  gint64 *copy = g_new (gint64, 1);

  if (self->worker == NULL)
    return;

  *copy = *id;
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  bo_worker_run_async (self->worker, retry_parked_in_worker, retry_parked_in_worker, copy, g_free,
                       self->cancellable, on_retry_done_cb, g_object_ref (self));
}

static void
on_sync_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BoSyncIndicator) self = user_data;
  g_autoptr(BoSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  if (!bo_sync_engine_run_finish (BO_SYNC_ENGINE (source), result, &summary, &error))
    {
      if (g_error_matches (error, BO_SYNC_ERROR, BO_SYNC_ERROR_CANCELLED)
          || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Sync cycle failed: %s", error->message);
    }

  if (BO_SYNC_ENGINE (source) != self->engine)
    return;

  self->running = FALSE;
  self->fraction = 0;
  bo_sync_indicator_refresh (self);
  /* A cycle that stopped half-way kept what it had pulled: the store may have changed
   * either way. */
  g_signal_emit (self, signals[SYNCED], 0);
}

static void
on_progress_cb (BoSyncEngine    *engine,
                BoSyncPhase      phase,
                guint64          done,
                guint64          total,
                BoSyncIndicator *self)
{
  self->phase = phase;
  /* Only the long phases get a bar; the short ones would flicker. */
  if ((phase == BO_SYNC_PHASE_TICKETS || phase == BO_SYNC_PHASE_PUSH) && total > 0)
    self->fraction = CLAMP ((double) done / (double) total, 0.0, 1.0);
  else
    self->fraction = 0;
  update_display (self);
}

static gboolean
sync_timeout_cb (gpointer user_data)
{
  BoSyncIndicator *self = user_data;

  bo_sync_indicator_sync_now (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
soon_timeout_cb (gpointer user_data)
{
  BoSyncIndicator *self = user_data;

  self->soon_timeout_id = 0;
  bo_sync_indicator_sync_now (self);
  return G_SOURCE_REMOVE;
}

static void
sync_soon (BoSyncIndicator *self,
           guint            seconds)
{
  g_clear_handle_id (&self->soon_timeout_id, g_source_remove);
  self->soon_timeout_id = g_timeout_add_seconds (seconds, soon_timeout_cb, self);
}

static void
on_network_changed_cb (GNetworkMonitor *monitor,
                       gboolean         available,
                       BoSyncIndicator *self)
{
  update_display (self);
  /* Network changes come in bursts (link, address, route): one cycle after they settle. */
  if (available)
    sync_soon (self, NETWORK_DELAY_S);
}

static void
on_interval_changed_cb (GSettings       *settings,
                        const char      *key,
                        BoSyncIndicator *self)
{
  schedule_sync (self);
}

static void
on_sync_clicked_cb (BoSyncIndicator *self)
{
  bo_sync_indicator_sync_now (self);
}

static void
on_preferences_closed_cb (GtkWindow       *window,
                          BoSyncIndicator *self)
{
  /* A registration may have happened. */
  bo_sync_indicator_refresh (self);
  sync_soon (self, 1);
}

static void
on_register_clicked_cb (BoSyncIndicator *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  BoPreferencesWindow *preferences;

  gtk_popover_popdown (self->popover);
  preferences = bo_preferences_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                           self->settings,
                                           bo_sync_indicator_get_db_path (self));
  bo_preferences_window_show_registration (preferences);
  g_signal_connect_object (preferences, "destroy", G_CALLBACK (on_preferences_closed_cb), self,
                           0);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
schedule_sync (BoSyncIndicator *self)
{
  guint interval = DEFAULT_INTERVAL_S;

  g_clear_handle_id (&self->sync_timeout_id, g_source_remove);
  if (self->engine == NULL)
    return;

  if (self->settings != NULL)
    interval = g_settings_get_uint (self->settings, "sync-interval-seconds");
  self->sync_timeout_id = g_timeout_add_seconds (MAX (interval, 1), sync_timeout_cb, self);
}

/* Overrides ----------------------------------------------------------------------------------- */

static void
bo_sync_indicator_dispose (GObject *object)
{
  BoSyncIndicator *self = BO_SYNC_INDICATOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->sync_timeout_id, g_source_remove);
  g_clear_handle_id (&self->soon_timeout_id, g_source_remove);
  g_clear_handle_id (&self->status_timeout_id, g_source_remove);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->worker);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  self->monitor = NULL;
  g_clear_object (&self->settings);


  G_OBJECT_CLASS (bo_sync_indicator_parent_class)->dispose (object);
}

static void
bo_sync_indicator_finalize (GObject *object)
{
  BoSyncIndicator *self = BO_SYNC_INDICATOR (object);

  g_clear_pointer (&self->status, bo_sync_status_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (bo_sync_indicator_parent_class)->finalize (object);
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
      g_value_set_object (value, self->settings);
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
  object_class->finalize = bo_sync_indicator_finalize;
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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/bo-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, BoSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, BoSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, BoSyncIndicator, label);
  gtk_widget_class_bind_template_child (widget_class, BoSyncIndicator, button_progress);
  gtk_widget_class_bind_template_child (widget_class, BoSyncIndicator, popover);
  gtk_widget_class_bind_template_child (widget_class, BoSyncIndicator, title_label);
  gtk_widget_class_bind_template_child (widget_class, BoSyncIndicator, progress);
  gtk_widget_class_bind_template_child (widget_class, BoSyncIndicator, server_row);
  gtk_widget_class_bind_template_child (widget_class, BoSyncIndicator, device_row);
  gtk_widget_class_bind_template_child (widget_class, BoSyncIndicator, waiting_row);
  gtk_widget_class_bind_template_child (widget_class, BoSyncIndicator, last_sync_row);
  gtk_widget_class_bind_template_child (widget_class, BoSyncIndicator, error_row);
  gtk_widget_class_bind_template_child (widget_class, BoSyncIndicator, parked_box);
  gtk_widget_class_bind_template_child (widget_class, BoSyncIndicator, parked_list);
  gtk_widget_class_bind_template_child (widget_class, BoSyncIndicator, register_button);
  gtk_widget_class_bind_template_child (widget_class, BoSyncIndicator, sync_button);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_register_clicked_cb);
}

static void
bo_sync_indicator_init (BoSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_css ();

  self->cancellable = g_cancellable_new ();
  self->monitor = g_network_monitor_get_default ();
  g_signal_connect (self->monitor, "network-changed", G_CALLBACK (on_network_changed_cb), self);
  self->status_timeout_id = g_timeout_add_seconds (STATUS_REFRESH_S, status_timeout_cb, self);

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

  if (g_strcmp0 (db_path, bo_sync_indicator_get_db_path (self)) == 0)
    return;

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->worker);
  g_clear_pointer (&self->status, bo_sync_status_free);
  self->running = FALSE;
  self->status_pending = FALSE;

  if (db_path != NULL)
    {
      /* Made on the main thread, so that "progress" arrives on the main context. */
      self->engine = bo_sync_engine_new (db_path);
      g_signal_connect (self->engine, "progress", G_CALLBACK (on_progress_cb), self);
      self->worker = bo_worker_new (db_path);
      bo_sync_indicator_refresh (self);
      sync_soon (self, FIRST_SYNC_DELAY_S);
    }

  schedule_sync (self);
  update_display (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB_PATH]);
}

const char *
bo_sync_indicator_get_db_path (BoSyncIndicator *self)
{
  g_return_val_if_fail (BO_IS_SYNC_INDICATOR (self), NULL);

  return self->engine != NULL ? bo_sync_engine_get_db_path (self->engine) : NULL;
}

BoSyncEngine *
bo_sync_indicator_get_engine (BoSyncIndicator *self)
{
  g_return_val_if_fail (BO_IS_SYNC_INDICATOR (self), NULL);

  return self->engine;
}

void
bo_sync_indicator_set_settings (BoSyncIndicator *self,
                                GSettings       *settings)
{
  g_return_if_fail (BO_IS_SYNC_INDICATOR (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, on_interval_changed_cb, self);

  if (!g_set_object (&self->settings, settings))
    return;

  if (settings != NULL)
    g_signal_connect_object (settings, "changed::sync-interval-seconds",
                             G_CALLBACK (on_interval_changed_cb), self, 0);
  schedule_sync (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

void
bo_sync_indicator_refresh (BoSyncIndicator *self)
{
  g_return_if_fail (BO_IS_SYNC_INDICATOR (self));

  /* One read at a time is enough: a read queued behind another sees the same state. */
  if (self->worker == NULL || self->status_pending)
    return;

  self->status_pending = TRUE;
  bo_worker_run_async (self->worker, read_status_in_worker, read_status_in_worker, NULL, NULL,
                       self->cancellable, on_status_read_cb, g_object_ref (self));
}

void
bo_sync_indicator_sync_now (BoSyncIndicator *self)
{
  g_return_if_fail (BO_IS_SYNC_INDICATOR (self));

  if (self->running || !network_available (self))
    return;

  if (!can_sync (self))
    {
      /* The registration may have changed behind our back (preferences, CLI): look again,
       * and sync then if it can. */
      self->sync_wanted = self->engine != NULL;
      bo_sync_indicator_refresh (self);
      return;
    }

  self->sync_wanted = FALSE;
  self->running = TRUE;
  self->phase = BO_SYNC_PHASE_CONNECT;
  self->fraction = 0;
  update_display (self);
  bo_sync_engine_run_async (self->engine, self->cancellable, on_sync_done_cb,
                            g_object_ref (self));
}
