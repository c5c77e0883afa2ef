/* bo-preferences-window.c — server registration, printers, check-in and counter settings
 *
 * Settings are bound to their rows with g_settings_bind and apply at once. Registration talks
 * to the server, so it runs in the window's own database worker thread (the registration call
 * is blocking); kiosk mode changes only after a manager typed a PIN.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "domain/bo-operator.h"
#include "print/bo-print-config.h"
#include "print/bo-print-queue.h"
#include "sync/bo-registration.h"
#include "sync/bo-sync-status.h"
#include "ui/bo-pin-dialog.h"
#include "ui/bo-preferences-window.h"
#include "ui/bo-printer-group.h"
#include "ui/bo-printer-list.h"
#include "ui/bo-session.h"
#include "ui/bo-ui-util.h"
#include "ui/bo-worker.h"

struct _BoPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings    *settings;
  BoWorker     *worker;
  BoSession    *session;   /* with nobody signed in: the PIN dialog always asks */
  GCancellable *cancellable;
  BoPrinterList *printers;
  gboolean      registered;
  gboolean      registering;
  gboolean      filling_handshake;

  /* Template widgets */
  AdwPreferencesPage  *counter_page;
  AdwPreferencesGroup *server_group;
  AdwActionRow        *registration_row;
  GtkImage            *registration_icon;
  AdwEntryRow         *handshake_row;
  AdwEntryRow         *url_row;
  AdwEntryRow         *token_row;
  GtkSpinner          *register_spinner;
  GtkButton           *register_button;
  GtkSpinButton       *sync_interval_spin;
  AdwEntryRow         *gate_row;
  GtkSwitch           *scan_sound_switch;
  AdwComboRow         *auto_lock_row;
  GtkSwitch           *kiosk_switch;
  BoPrinterGroup      *receipt_group;
  BoPrinterGroup      *ticket_group;
  AdwComboRow         *paper_width_row;
  GtkSwitch           *qr_image_switch;
};

G_DEFINE_FINAL_TYPE (BoPreferencesWindow, bo_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const guint auto_lock_choices[] = { 0, 60, 120, 300, 600, 1800 };
static const guint paper_width_choices[] = { 58, 80 };

/* Worker jobs --------------------------------------------------------------------------------- */

typedef struct
{
  char     *url;
  char     *token;
  gboolean  force;
} RegisterJob;

typedef struct
{
  BoSyncStatus *status;
  char         *venue_name;
  char         *organizer_name;
} Registration;

static void
register_job_free (gpointer data)
{
  RegisterJob *job = data;

  g_free (job->url);
  g_free (job->token);
  g_free (job);
}

static void
registration_free (gpointer data)
{
  Registration *registration = data;

  g_clear_pointer (&registration->status, bo_sync_status_free);
  g_free (registration->venue_name);
  g_free (registration->organizer_name);
  g_free (registration);
}

static gboolean
register_in_worker (BoStore         *store,
                    BoDevice        *device,
                    gpointer         data,
                    gpointer        *out_result,
                    GDestroyNotify  *out_free,
                    GCancellable    *cancellable,
                    GError         **error)
{
  RegisterJob *job = data;

  return bo_registration_register (store, job->url, job->token, NULL, job->force, cancellable,
                                   error);
}

static gboolean
read_registration_in_worker (BoStore         *store,
                             BoDevice        *device,
                             gpointer         data,
                             gpointer        *out_result,
                             GDestroyNotify  *out_free,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_autoptr(BoSyncStatus) status = bo_sync_status_read (store, error);
  Registration *registration;
  sqlite3_stmt *stmt;

  if (status == NULL)
    return FALSE;

  registration = g_new0 (Registration, 1);
  registration->status = g_steal_pointer (&status);

  /* The venue and organiser come with the registration and live only in the device row. */
  stmt = bo_store_prepare (store, "SELECT venue_name, organizer_name FROM device WHERE id = 1",
                           NULL);
  if (stmt != NULL)
    {
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          registration->venue_name = bo_store_column_dup_text (stmt, 0);
          registration->organizer_name = bo_store_column_dup_text (stmt, 1);
        }
      sqlite3_reset (stmt);
    }

  *out_result = registration;
  *out_free = registration_free;
  return TRUE;
}

/* Helpers ------------------------------------------------------------------------------------- */

static void
update_register_button (BoPreferencesWindow *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  const char *token = gtk_editable_get_text (GTK_EDITABLE (self->token_row));
  gboolean ready = self->worker != NULL && !self->registering
                   && url[0] != '\0' && token[0] != '\0';

  gtk_widget_set_sensitive (GTK_WIDGET (self->register_button), ready);
  gtk_button_set_label (self->register_button,
                        self->registered ? _("Register Again") : _("Register"));
  gtk_spinner_set_spinning (self->register_spinner, self->registering);
  gtk_widget_set_visible (GTK_WIDGET (self->register_spinner), self->registering);
}

static void
show_registration (BoPreferencesWindow *self,
                   const Registration  *registration)
{
  const BoSyncStatus *status = registration->status;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *escaped = NULL;

  self->registered = status->registered;

  if (!status->registered)
    g_string_append (text, _("Not registered: this counter works offline."));
  else
    {
      /* Translators: the registered device: its number on the server and its name. */
      g_string_append_printf (text, _("Device %u “%s”"), status->device_id,
                              status->device_name != NULL ? status->device_name : "");
      if (registration->venue_name != NULL)
        g_string_append_printf (text, " · %s", registration->venue_name);
      if (registration->organizer_name != NULL)
        g_string_append_printf (text, " · %s", registration->organizer_name);
      if (status->base_url != NULL)
        g_string_append_printf (text, "\n%s", status->base_url);
      if (status->revoked)
        g_string_append_printf (text, "\n%s", _("Revoked by the server: register again."));
    }

  escaped = g_markup_escape_text (text->str, -1);
  adw_action_row_set_subtitle (self->registration_row, escaped);
  gtk_image_set_from_icon_name (self->registration_icon,
                                !status->registered ? "network-offline-symbolic"
                                : status->revoked ? "network-error-symbolic"
                                : "emblem-ok-symbolic");

  /* The address is prefilled for registering again, never the token (it is single-use). */
  if (status->base_url != NULL
      && gtk_editable_get_text (GTK_EDITABLE (self->url_row))[0] == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), status->base_url);

  update_register_button (self);
}

static void
on_registration_read_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(BoPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  Registration *registration;

  registration = bo_worker_run_finish (BO_WORKER (source), result, read_registration_in_worker,
                                       &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (registration == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_action_row_set_subtitle (self->registration_row, escaped);
      return;
    }

  show_registration (self, registration);
  registration_free (registration);
}

static void
read_registration (BoPreferencesWindow *self)
{
  if (self->worker == NULL)
    {
      adw_action_row_set_subtitle (self->registration_row, _("The sales database is not open."));
      return;
    }

  bo_worker_run_async (self->worker, read_registration_in_worker, read_registration_in_worker,
                       NULL, NULL, self->cancellable, on_registration_read_cb,
                       g_object_ref (self));
}

static const char *
registration_error_message (const GError *error)
{
  if (error->domain == BO_SYNC_ERROR)
    switch ((BoSyncError) error->code)
      {
      case BO_SYNC_ERROR_NETWORK:
      case BO_SYNC_ERROR_TIMEOUT:
        return _("The server cannot be reached. Check the address and the network.");
      case BO_SYNC_ERROR_TLS:
        return _("The server’s address must start with https:// (http:// only for this "
                 "computer itself), and its certificate must be valid.");
      case BO_SYNC_ERROR_REJECTED:
      case BO_SYNC_ERROR_UNAUTHORIZED:
        return _("The server refused the token: it is unknown or was used already.");
      case BO_SYNC_ERROR_ALREADY_REGISTERED:
        return _("This counter is registered already.");
      case BO_SYNC_ERROR_BAD_RESPONSE:
      case BO_SYNC_ERROR_SERVER:
      case BO_SYNC_ERROR_RATE_LIMITED:
      case BO_SYNC_ERROR_REVOKED:
      case BO_SYNC_ERROR_NOT_REGISTERED:
      case BO_SYNC_ERROR_CANCELLED:
      default:
        break;
      }

  return NULL;
}

static void
on_register_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(BoPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  bo_worker_run_finish (BO_WORKER (source), result, register_in_worker, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_error_matches (error, BO_SYNC_ERROR, BO_SYNC_ERROR_CANCELLED))
    return;

  self->registering = FALSE;
  if (error != NULL)
    {
      const char *human = registration_error_message (error);
      g_autofree char *message = NULL;

      message = human != NULL ? g_strdup_printf ("%s (%s)", human, error->message)
                              : g_strdup (error->message);
      bo_ui_toast (GTK_WIDGET (self), message);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->handshake_row), "");
      bo_ui_toast (GTK_WIDGET (self), _("This counter is registered."));
    }

  update_register_button (self);
  read_registration (self);
}

static void
start_registration (BoPreferencesWindow *self,
                    gboolean             force)
{
  RegisterJob *job;

  job = g_new0 (RegisterJob, 1);
  job->url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  job->token = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->token_row))));
  job->force = force;

  self->registering = TRUE;
  update_register_button (self);
  bo_worker_run_async (self->worker, register_in_worker, register_in_worker, job,
                       register_job_free, self->cancellable, on_register_done_cb,
                       g_object_ref (self));
}

/* Settings mappings --------------------------------------------------------------------------- */

static gboolean
choice_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const guint *choices = user_data;
  guint n = choices == auto_lock_choices ? G_N_ELEMENTS (auto_lock_choices)
                                         : G_N_ELEMENTS (paper_width_choices);
  guint setting = g_variant_get_uint32 (variant);
  guint best = 0;

  /* A value set elsewhere (gsettings, an older version) shows as the nearest choice. */
  for (guint i = 1; i < n; i++)
    if (ABS ((gint64) choices[i] - (gint64) setting) < ABS ((gint64) choices[best] - (gint64) setting))
      best = i;

  g_value_set_uint (value, best);
  return TRUE;
}

static GVariant *
choice_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  const guint *choices = user_data;
  guint n = choices == auto_lock_choices ? G_N_ELEMENTS (auto_lock_choices)
                                         : G_N_ELEMENTS (paper_width_choices);
  guint selected = g_value_get_uint (value);

  if (selected >= n)
    return NULL;

  return g_variant_new_uint32 (choices[selected]);
}

/* Callbacks ----------------------------------------------------------------------------------- */

static void
on_handshake_changed_cb (BoPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->handshake_row));
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->handshake_row), "error");
  if (text[0] == '\0')
    return;

  if (!bo_registration_parse_handshake (text, &url, &token, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->handshake_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->handshake_row), error->message);
      return;
    }

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->handshake_row), NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), token);
}

static void
on_registration_input_changed_cb (BoPreferencesWindow *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  g_autoptr(GError) error = NULL;

  if (url[0] != '\0' && !bo_registration_check_url (url, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->url_row), error->message);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->url_row), NULL);
    }

  update_register_button (self);
}

static void
on_register_again_response_cb (AdwMessageDialog    *dialog,
                               const char          *response,
                               BoPreferencesWindow *self)
{
  if (g_strcmp0 (response, "register") == 0)
    start_registration (self, TRUE);
}

static void
on_register_clicked_cb (BoPreferencesWindow *self)
{
  GtkWidget *dialog;

  if (!self->registered)
    {
      start_registration (self, FALSE);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Register This Counter Again?"),
                                   _("The counter gets a new device number from the server. "
                                     "Sales not sent yet go to the new registration."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("Cancel"),
                                    "register", _("Register Again"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "register",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_register_again_response_cb), self,
                           0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  BoPreferencesWindow *self;
  gboolean             state;
} KioskChange;

static void
on_kiosk_authorized_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autofree KioskChange *change = user_data;
  g_autoptr(BoPreferencesWindow) self = change->self;
  g_autoptr(BoOperator) manager = NULL;
  g_autoptr(GError) error = NULL;

  manager = bo_pin_dialog_authorize_finish (result, &error);
  if (manager == NULL || self->settings == NULL)
    {
      /* Back to what the setting says. */
      gtk_switch_set_active (self->kiosk_switch, !change->state);
      return;
    }

  g_settings_set_boolean (self->settings, "kiosk-mode", change->state);
  gtk_switch_set_state (self->kiosk_switch, change->state);
}

static gboolean
on_kiosk_state_set_cb (BoPreferencesWindow *self,
                       gboolean             state)
{
  KioskChange *change;

  /* The switch follows the setting without a PIN (the binding, a revert below). */
  if (self->settings == NULL || state == g_settings_get_boolean (self->settings, "kiosk-mode"))
    return FALSE;

  if (self->session == NULL)
    {
      bo_ui_toast (GTK_WIDGET (self),
                   _("A manager PIN is needed, but the sales database is not open."));
      gtk_switch_set_active (self->kiosk_switch, !state);
      return TRUE;
    }

  change = g_new0 (KioskChange, 1);
  change->self = g_object_ref (self);
  change->state = state;
  bo_pin_dialog_authorize_async (GTK_WIDGET (self), self->session, BO_RIGHT_MANAGE_OPERATORS,
                                 state ? _("Turn On Kiosk Mode") : _("Turn Off Kiosk Mode"),
                                 _("A manager’s PIN is needed to change kiosk mode."),
                                 self->cancellable, on_kiosk_authorized_cb, change);
  /* The switch keeps its state until the PIN is known. */
  return TRUE;
}

/* A test page goes through the print queue like any paper, on a thread with its own store
 * connection: it is a job row (kind "test") with its error kept if the printer fails. The
 * paper settings chosen here win over the store's, as they do for a sale's paper. */
static void
test_print_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  const char * const *args = task_data; /* db path, printer URI, then setting name, value… */
  g_autoptr (GError) error = NULL;
  g_autoptr (BoStore) store = NULL;
  g_autoptr (BoDevice) device = NULL;
  g_autoptr (BoPrintConfig) config = NULL;
  g_autoptr (BoPrintQueue) queue = NULL;
  gint64 id;

  store = bo_store_open (args[0], &error);
  if (store != NULL)
    device = bo_device_load (store, &error);
  if (device != NULL)
    config = bo_print_config_load (store, &error);
  if (config == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 2; args[i] != NULL && args[i + 1] != NULL; i += 2)
    if (!bo_print_config_set_from_string (config, args[i], args[i + 1], &error))
      {
        g_message ("Ignoring the setting %s: %s", args[i], error->message);
        g_clear_error (&error);
      }
  queue = bo_print_queue_new (store, device, config);
  id = bo_print_queue_add (queue, "test", 0, 0, 0, args[1], NULL, FALSE, &error);
  if (id == 0 || !bo_print_queue_run (queue, id, NULL, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_test_print_done_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (BoPreferencesWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      bo_ui_toast (GTK_WIDGET (self), _("Test page printed"));
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("Test page not printed: %s"), error->message);

      bo_ui_toast (GTK_WIDGET (self), message);
    }
}

static void
print_test_page (BoPreferencesWindow *self,
                 const char          *uri)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GStrvBuilder) builder = NULL;
  GStrv args;

  if (self->worker == NULL)
    return;
  if (uri == NULL || *uri == '\0')
    {
      bo_ui_toast (GTK_WIDGET (self),
                   _("Choose a printer or enter an address first, such as usb:04b8:0202 or "
                     "cups:Office"));
      return;
    }

  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, bo_worker_get_db_path (self->worker));
  g_strv_builder_add (builder, uri);
  if (self->settings != NULL)
    {
      g_autoptr (GVariant) width = g_settings_get_user_value (self->settings, "paper-width-mm");
      g_autoptr (GVariant) qr = g_settings_get_user_value (self->settings, "print-qr-as-image");

      if (width != NULL)
        {
          g_autofree char *text = g_strdup_printf ("%u", g_variant_get_uint32 (width));

          g_strv_builder_add_many (builder, "paper-width-mm", text, NULL);
        }
      if (qr != NULL)
        g_strv_builder_add_many (builder, "print-qr-as-image",
                                 g_variant_get_boolean (qr) ? "true" : "false", NULL);
    }
  args = g_strv_builder_end (builder);
  task = g_task_new (NULL, self->cancellable, on_test_print_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, print_test_page);
  g_task_set_task_data (task, args, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, test_print_thread);
  bo_ui_toast (GTK_WIDGET (self), _("Printing a test page…"));
}

static void
on_receipt_test_clicked_cb (BoPreferencesWindow *self)
{
  print_test_page (self, bo_printer_group_get_address (self->receipt_group));
}

static void
on_ticket_test_clicked_cb (BoPreferencesWindow *self)
{
  print_test_page (self, bo_printer_group_get_address (self->ticket_group));
}

/* Overrides ----------------------------------------------------------------------------------- */

static void
bo_preferences_window_dispose (GObject *object)
{
  BoPreferencesWindow *self = BO_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->printers);
  g_clear_object (&self->session);
  g_clear_object (&self->worker);
  g_clear_object (&self->settings);


  G_OBJECT_CLASS (bo_preferences_window_parent_class)->dispose (object);
}

static void
bo_preferences_window_finalize (GObject *object)
{
  BoPreferencesWindow *self = BO_PREFERENCES_WINDOW (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (bo_preferences_window_parent_class)->finalize (object);
}

static void
bo_preferences_window_class_init (BoPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_preferences_window_dispose;
  object_class->finalize = bo_preferences_window_finalize;

  g_type_ensure (BO_TYPE_PRINTER_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/bo-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BoPreferencesWindow, counter_page);
  gtk_widget_class_bind_template_child (widget_class, BoPreferencesWindow, server_group);
  gtk_widget_class_bind_template_child (widget_class, BoPreferencesWindow, registration_row);
  gtk_widget_class_bind_template_child (widget_class, BoPreferencesWindow, registration_icon);
  gtk_widget_class_bind_template_child (widget_class, BoPreferencesWindow, handshake_row);
  gtk_widget_class_bind_template_child (widget_class, BoPreferencesWindow, url_row);
  gtk_widget_class_bind_template_child (widget_class, BoPreferencesWindow, token_row);
  gtk_widget_class_bind_template_child (widget_class, BoPreferencesWindow, register_spinner);
  gtk_widget_class_bind_template_child (widget_class, BoPreferencesWindow, register_button);
  gtk_widget_class_bind_template_child (widget_class, BoPreferencesWindow, sync_interval_spin);
  gtk_widget_class_bind_template_child (widget_class, BoPreferencesWindow, gate_row);
  gtk_widget_class_bind_template_child (widget_class, BoPreferencesWindow, scan_sound_switch);
  gtk_widget_class_bind_template_child (widget_class, BoPreferencesWindow, auto_lock_row);
  gtk_widget_class_bind_template_child (widget_class, BoPreferencesWindow, kiosk_switch);
  gtk_widget_class_bind_template_child (widget_class, BoPreferencesWindow, receipt_group);
  gtk_widget_class_bind_template_child (widget_class, BoPreferencesWindow, ticket_group);
  gtk_widget_class_bind_template_child (widget_class, BoPreferencesWindow, paper_width_row);
  gtk_widget_class_bind_template_child (widget_class, BoPreferencesWindow, qr_image_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_handshake_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_registration_input_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_register_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_kiosk_state_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_receipt_test_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_ticket_test_clicked_cb);
}

static void
bo_preferences_window_init (BoPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  /* One search for both printers, off the main thread; USB hotplug searches again. */
  self->printers = bo_printer_list_new ();
  bo_printer_group_set_list (self->receipt_group, self->printers);
  bo_printer_group_set_list (self->ticket_group, self->printers);
  bo_printer_list_refresh (self->printers);
}

static void
bind_settings (BoPreferencesWindow *self)
{
  GSettings *settings = self->settings;
  GtkWidget *setting_widgets[] = {
    GTK_WIDGET (self->sync_interval_spin), GTK_WIDGET (self->gate_row),
    GTK_WIDGET (self->scan_sound_switch), GTK_WIDGET (self->auto_lock_row),
    GTK_WIDGET (self->kiosk_switch), GTK_WIDGET (self->paper_width_row),
    GTK_WIDGET (self->qr_image_switch),
  };

  bo_printer_group_bind (self->receipt_group, settings, "receipt-printer");
  bo_printer_group_bind (self->ticket_group, settings, "ticket-printer");

  if (settings == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (setting_widgets); i++)
        gtk_widget_set_sensitive (setting_widgets[i], FALSE);
      return;
    }

  g_settings_bind (settings, "sync-interval-seconds", self->sync_interval_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "gate-name", self->gate_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "scan-sound", self->scan_sound_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "auto-lock-seconds", self->auto_lock_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, choice_get_mapping, choice_set_mapping,
                                (gpointer) auto_lock_choices, NULL);
  /* One way only: turning it on or off goes through a manager PIN (on_kiosk_state_set_cb). */
  g_settings_bind (settings, "kiosk-mode", self->kiosk_switch, "active", G_SETTINGS_BIND_GET);
  g_settings_bind_with_mapping (settings, "paper-width-mm", self->paper_width_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, choice_get_mapping, choice_set_mapping,
                                (gpointer) paper_width_choices, NULL);
  g_settings_bind (settings, "print-qr-as-image", self->qr_image_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

/* Public API ---------------------------------------------------------------------------------- */

BoPreferencesWindow *
bo_preferences_window_new (GtkWindow  *parent,
                           GSettings  *settings,
                           const char *db_path)
{
  BoPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (BO_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  if (db_path != NULL)
    {
      self->worker = bo_worker_new (db_path);
      self->session = bo_session_new (self->worker, settings);
    }

  bind_settings (self);
  update_register_button (self);
  read_registration (self);
  return self;
}

void
bo_preferences_window_show_registration (BoPreferencesWindow *self)
{
  g_return_if_fail (BO_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self),
                                           ADW_PREFERENCES_PAGE (self->counter_page));
  gtk_widget_grab_focus (GTK_WIDGET (self->handshake_row));
}
