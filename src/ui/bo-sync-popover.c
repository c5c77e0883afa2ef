/* bo-sync-popover.c — the sync indicator's details: server, counter, waiting and refused items
 *
 * Shows what the sync driver knows, and is where a manager sends a refused item again,
 * syncs at once or registers the counter (in the preferences).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ui/bo-format.h"
#include "ui/bo-preferences-window.h"
#include "ui/bo-sync-popover.h"

struct _BoSyncPopover
{
  GtkPopover parent_instance;

  BoSyncDriver   *driver;
  /* The status whose refused items the list shows: only compared, never read (the driver
   * replaces its status by a new one, allocated before the old one is freed, and says so in
   * "changed"). */
  const BoSyncStatus *parked_status;
  gboolean        parked_shown;

  /* Template widgets */
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

G_DEFINE_FINAL_TYPE (BoSyncPopover, bo_sync_popover, GTK_TYPE_POPOVER)

/* Callbacks ----------------------------------------------------------------------------------- */

static void
on_retry_clicked_cb (GtkButton     *button,
                     BoSyncPopover *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "outbox-id");

  if (self->driver == NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  bo_sync_driver_retry_parked (self->driver, *id);
}

static void
on_sync_clicked_cb (BoSyncPopover *self)
{
  if (self->driver != NULL)
    bo_sync_driver_sync_now (self->driver);
}

static void
on_preferences_closed_cb (GtkWindow    *window,
                          BoSyncDriver *driver)
{
  /* A registration may have happened. */
  bo_sync_driver_refresh (driver);
  bo_sync_driver_sync_soon (driver, 1);
}

static void
on_register_clicked_cb (BoSyncPopover *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  BoPreferencesWindow *preferences;

  if (self->driver == NULL)
    return;

  gtk_popover_popdown (GTK_POPOVER (self));
  preferences = bo_preferences_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                           bo_sync_driver_get_settings (self->driver),
                                           bo_sync_driver_get_db_path (self->driver));
  bo_preferences_window_show_registration (preferences);
  g_signal_connect_object (preferences, "destroy", G_CALLBACK (on_preferences_closed_cb),
                           self->driver, 0);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* Helpers ------------------------------------------------------------------------------------- */

/* What a refused outbox item is called: one whole sentence per kind, so that translations
 * never have an English kind name inserted. The row title's %s is when the item was made
 * (already local time); the other is the accessible name of the button that sends the item
 * again. The last entry is for kinds this version does not know. */
typedef struct
{
  const char *kind;
  const char *title;
  const char *retry_name;
} ParkedKind;

static const ParkedKind parked_kinds[] = {
  { "order",
    /* Translators: a refused sale waiting in the outbox; %s is when it was made ("19:04"). */
    N_("Sale from %s"),
    N_("Send the sale again") },
  { "refund",
    /* Translators: a refused refund waiting in the outbox; %s is when it was made. */
    N_("Refund from %s"),
    N_("Send the refund again") },
  { "checkin",
    /* Translators: a refused ticket scan waiting in the outbox; %s is when it was made. */
    N_("Check-in from %s"),
    N_("Send the check-in again") },
  { "closing",
    /* Translators: a refused shift closing waiting in the outbox; %s is when it was made. */
    N_("Shift closing from %s"),
    N_("Send the shift closing again") },
  { "allocation_release",
    /* Translators: a refused release of held seats waiting in the outbox; %s is when it was
     * made. */
    N_("Seat release from %s"),
    N_("Send the seat release again") },
  { NULL,
    /* Translators: a refused outbox item of a kind this version does not know; %s is when it
     * was made. */
    N_("Item from %s"),
    N_("Send the item again") },
};

static const ParkedKind *
parked_kind (const char *kind)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (parked_kinds) - 1; i++)
    if (g_strcmp0 (kind, parked_kinds[i].kind) == 0)
      break;
  return &parked_kinds[i];
}

static GtkWidget *
create_parked_row (BoSyncPopover          *self,
                   const BoSyncParkedItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *retry;
  g_autofree char *when = bo_format_clock_time (item->created_at, FALSE);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const ParkedKind *kind = parked_kind (item->kind);
  gint64 *id;

  /* The format is one of the table's literals (each with one %s), translated. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  title = g_markup_printf_escaped (_(kind->title), when != NULL ? when : "");
#pragma GCC diagnostic pop
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
  gtk_accessible_update_property (GTK_ACCESSIBLE (retry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(kind->retry_name), -1);
  id = g_new (gint64, 1);
  *id = item->id;
  g_object_set_data_full (G_OBJECT (retry), "outbox-id", id, g_free);
  g_signal_connect_object (retry, "clicked", G_CALLBACK (on_retry_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), retry);

  return row;
}

/* Overrides ----------------------------------------------------------------------------------- */

static void
bo_sync_popover_dispose (GObject *object)
{
  BoSyncPopover *self = BO_SYNC_POPOVER (object);

  g_clear_object (&self->driver);

  G_OBJECT_CLASS (bo_sync_popover_parent_class)->dispose (object);
}

static void
bo_sync_popover_class_init (BoSyncPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_sync_popover_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/bo-sync-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, BoSyncPopover, title_label);
  gtk_widget_class_bind_template_child (widget_class, BoSyncPopover, progress);
  gtk_widget_class_bind_template_child (widget_class, BoSyncPopover, server_row);
  gtk_widget_class_bind_template_child (widget_class, BoSyncPopover, device_row);
  gtk_widget_class_bind_template_child (widget_class, BoSyncPopover, waiting_row);
  gtk_widget_class_bind_template_child (widget_class, BoSyncPopover, last_sync_row);
  gtk_widget_class_bind_template_child (widget_class, BoSyncPopover, error_row);
  gtk_widget_class_bind_template_child (widget_class, BoSyncPopover, parked_box);
  gtk_widget_class_bind_template_child (widget_class, BoSyncPopover, parked_list);
  gtk_widget_class_bind_template_child (widget_class, BoSyncPopover, register_button);
  gtk_widget_class_bind_template_child (widget_class, BoSyncPopover, sync_button);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_register_clicked_cb);
}

static void
bo_sync_popover_init (BoSyncPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API ---------------------------------------------------------------------------------- */

BoSyncPopover *
bo_sync_popover_new (void)
{
  return g_object_new (BO_TYPE_SYNC_POPOVER, NULL);
}

void
bo_sync_popover_set_driver (BoSyncPopover *self,
                            BoSyncDriver  *driver)
{
  g_return_if_fail (BO_IS_SYNC_POPOVER (self));
  g_return_if_fail (driver == NULL || BO_IS_SYNC_DRIVER (driver));

  if (g_set_object (&self->driver, driver))
    self->parked_shown = FALSE;
}

void
bo_sync_popover_update (BoSyncPopover *self,
                        const char    *title)
{
  const BoSyncStatus *status;
  g_autofree char *last = NULL;
  gboolean running;
  double fraction;
  BoSyncPhase phase;
  gboolean rebuild;
  GtkWidget *child;

  g_return_if_fail (BO_IS_SYNC_POPOVER (self));

  if (self->driver == NULL)
    return;

  status = bo_sync_driver_get_status (self->driver);
  running = bo_sync_driver_get_running (self->driver);
  fraction = bo_sync_driver_get_fraction (self->driver);
  phase = bo_sync_driver_get_phase (self->driver);

  gtk_label_set_text (self->title_label, title);

  gtk_widget_set_visible (GTK_WIDGET (self->progress), running);
  gtk_progress_bar_set_fraction (self->progress, fraction);
  gtk_progress_bar_set_text (self->progress, bo_sync_driver_phase_text (phase));
  if (running && fraction <= 0)
    gtk_progress_bar_pulse (self->progress);

  gtk_widget_set_visible (GTK_WIDGET (self->register_button),
                          status != NULL && (!status->registered || status->revoked));
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button),
                            bo_sync_driver_can_sync (self->driver) && !running
                            && bo_sync_driver_get_online (self->driver));

  /* "changed" comes ten times a second during a pull; the refused items change only with a
   * new status. */
  rebuild = !self->parked_shown || status != self->parked_status;
  self->parked_status = status;
  self->parked_shown = TRUE;
  if (rebuild)
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
      g_autofree char *since = bo_format_clock_time (status->oldest_pending_at, FALSE);
      g_autofree char *waiting = NULL;

      /* Translators: items waiting to be sent, and since when the oldest one waits. */
      waiting = g_strdup_printf (ngettext ("%lld item, the oldest from %s",
                                           "%lld items, the oldest from %s",
                                           status->pending),
                                 (long long) status->pending, since != NULL ? since : "?");
      adw_action_row_set_subtitle (self->waiting_row, waiting);
    }
  else
    adw_action_row_set_subtitle (self->waiting_row, _("Nothing"));

  last = bo_format_clock_time (status->last_success_at, FALSE);
  adw_action_row_set_subtitle (self->last_sync_row, last != NULL ? last : _("Never"));

  gtk_widget_set_visible (GTK_WIDGET (self->error_row), status->last_error != NULL);
  if (status->last_error != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (status->last_error, -1);

      adw_action_row_set_subtitle (self->error_row, escaped);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->parked_box),
                          status->parked_items != NULL && status->parked_items->len > 0);
  for (guint i = 0; rebuild && status->parked_items != NULL && i < status->parked_items->len; i++)
    gtk_list_box_append (self->parked_list,
                         create_parked_row (self, g_ptr_array_index (status->parked_items, i)));
}
