/* bo-usb-monitor.c — USB receipt printers coming and going
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "print/bo-usb-monitor.h"

#include <glib/gi18n-lib.h>

#include "print/bo-print-error.h"
#include "print/bo-usb-private.h"

struct _BoUsbMonitor
{
  GObject                         parent_instance;

  libusb_context                 *ctx;
  libusb_hotplug_callback_handle  handle;
  gboolean                        registered;
  GThread                        *thread;
  gint                            stop;     /* atomic */
  gboolean                        enumerating;
  GMainContext                   *context;
  GHashTable                     *devices;  /* libusb_device* -> uri, on the thread only */
};

G_DEFINE_FINAL_TYPE (BoUsbMonitor, bo_usb_monitor, G_TYPE_OBJECT)

enum {
  SIGNAL_PRINTER_ADDED,
  SIGNAL_PRINTER_REMOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  GWeakRef  monitor;
  char     *uri;
  gboolean  added;
} Event;

static void
event_free (gpointer data)
{
  Event *event = data;

  g_weak_ref_clear (&event->monitor);
  g_free (event->uri);
  g_free (event);
}

static gboolean
emit_event (gpointer data)
{
  Event *event = data;
  g_autoptr (BoUsbMonitor) self = g_weak_ref_get (&event->monitor);

  if (self != NULL)
    g_signal_emit (self, signals[event->added ? SIGNAL_PRINTER_ADDED : SIGNAL_PRINTER_REMOVED],
                   0, event->uri);
  return G_SOURCE_REMOVE;
}

/* On the monitor's thread, inside libusb's event handling: no I/O to devices here. */
static int LIBUSB_CALL
on_hotplug_cb (libusb_context        *ctx,
               libusb_device         *dev,
               libusb_hotplug_event   what,
               void                  *user_data)
{
  BoUsbMonitor *self = user_data;
  Event *event;
  char *uri;

  if (what == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED)
    {
      uri = bo_usb_printer_uri_of_device (dev);
      if (uri == NULL)
        return 0;
      g_hash_table_insert (self->devices, libusb_ref_device (dev), uri);
      if (self->enumerating)
        return 0;
      uri = g_strdup (uri);
    }
  else
    {
      gpointer key = NULL;

      /* a device that left cannot always be read any more: remember what it was */
      if (!g_hash_table_steal_extended (self->devices, dev, &key, (gpointer *) &uri))
        return 0;
      libusb_unref_device (key);
    }

  event = g_new0 (Event, 1);
  g_weak_ref_init (&event->monitor, self);
  event->uri = uri;
  event->added = what == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED;
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, emit_event, event, event_free);
  return 0;
}

static gpointer
monitor_thread (gpointer data)
{
  BoUsbMonitor *self = data;

  while (!g_atomic_int_get (&self->stop))
    {
      struct timeval tv = { 0, 200000 };

      libusb_handle_events_timeout_completed (self->ctx, &tv, NULL);
    }
  return NULL;
}

static void
bo_usb_monitor_dispose (GObject *object)
{
  BoUsbMonitor *self = BO_USB_MONITOR (object);

  if (self->thread != NULL)
    {
      g_atomic_int_set (&self->stop, 1);
      libusb_interrupt_event_handler (self->ctx);
      g_clear_pointer (&self->thread, g_thread_join);
    }
  if (self->registered)
    {
      libusb_hotplug_deregister_callback (self->ctx, self->handle);
      self->registered = FALSE;
    }
  G_OBJECT_CLASS (bo_usb_monitor_parent_class)->dispose (object);
}

static void
bo_usb_monitor_finalize (GObject *object)
{
  BoUsbMonitor *self = BO_USB_MONITOR (object);

  g_hash_table_unref (self->devices);
  if (self->ctx != NULL)
    libusb_exit (self->ctx);
  g_main_context_unref (self->context);
  G_OBJECT_CLASS (bo_usb_monitor_parent_class)->finalize (object);
}

static void
bo_usb_monitor_class_init (BoUsbMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bo_usb_monitor_dispose;
  object_class->finalize = bo_usb_monitor_finalize;

  signals[SIGNAL_PRINTER_ADDED] =
    g_signal_new ("printer-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_PRINTER_REMOVED] =
    g_signal_new ("printer-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
unref_device (gpointer data)
{
  libusb_unref_device (data);
}

static void
bo_usb_monitor_init (BoUsbMonitor *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->devices = g_hash_table_new_full (NULL, NULL, unref_device, g_free);
}

BoUsbMonitor *
bo_usb_monitor_new (GError **error)
{
  g_autoptr (BoUsbMonitor) self = g_object_new (BO_TYPE_USB_MONITOR, NULL);
  int rc;

  rc = libusb_init (&self->ctx);
  if (rc != LIBUSB_SUCCESS)
    {
      self->ctx = NULL;
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FAILED, _("USB is not available: %s"),
                   libusb_strerror ((enum libusb_error) rc));
      return NULL;
    }
  if (!libusb_has_capability (LIBUSB_CAP_HAS_HOTPLUG))
    {
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FAILED,
                   _("This system cannot report USB printers being plugged in"));
      return NULL;
    }
  /* ENUMERATE fills the table with what is there, on this thread, before the thread starts;
   * those are not announced. */
  self->enumerating = TRUE;
  rc = libusb_hotplug_register_callback (self->ctx,
                                         LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED
                                         | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT,
                                         LIBUSB_HOTPLUG_ENUMERATE, LIBUSB_HOTPLUG_MATCH_ANY,
                                         LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
                                         on_hotplug_cb, self, &self->handle);
  if (rc != LIBUSB_SUCCESS)
    {
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FAILED,
                   _("Cannot watch for USB printers: %s"),
                   libusb_strerror ((enum libusb_error) rc));
      return NULL;
    }
  self->enumerating = FALSE;
  self->registered = TRUE;
  self->thread = g_thread_new ("bo-usb-monitor", monitor_thread, self);
  return g_steal_pointer (&self);
}
