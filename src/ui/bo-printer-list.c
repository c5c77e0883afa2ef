/* bo-printer-list.c — the printers this computer can reach, found off the main thread
 *
 * bo_printer_discover() asks libusb, /dev/usb and CUPS; CUPS can block for a while (a server
 * that does not answer, DNS-SD), so it runs in a GTask thread and the list says "searching"
 * meanwhile. A USB receipt printer plugged in or out starts a new search.
 *
 * The search's task does not keep the list alive (no source object, a weak reference for the
 * callback): closing the preferences disposes the list, which cancels the task, and the list
 * goes even while a hung CUPS still holds the thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "print/bo-usb-monitor.h"
#include "ui/bo-printer-list.h"

struct _BoPrinterList
{
  GObject parent_instance;

  GPtrArray    *printers;   /* BoPrinterInfo* */
  BoUsbMonitor *monitor;    /* NULL where libusb cannot watch */
  GCancellable *cancellable;
  gboolean      searching;
  gboolean      again;      /* asked for during a search */
};

G_DEFINE_FINAL_TYPE (BoPrinterList, bo_printer_list, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEARCHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
discover_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_task_return_pointer (task, bo_printer_discover (), (GDestroyNotify) g_ptr_array_unref);
}

static void
set_searching (BoPrinterList *self,
               gboolean       searching)
{
  if (self->searching == searching)
    return;
  self->searching = searching;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
}

static void
weak_ref_free (GWeakRef *weak)
{
  g_weak_ref_clear (weak);
  g_free (weak);
}

static void
on_discovered_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(BoPrinterList) self = g_weak_ref_get (weak);
  g_autoptr(GPtrArray) printers = NULL;
  g_autoptr(GError) error = NULL;

  weak_ref_free (weak);
  printers = g_task_propagate_pointer (G_TASK (result), &error);
  if (printers == NULL || self == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;  /* cancelled: the list is going away */

  g_clear_pointer (&self->printers, g_ptr_array_unref);
  self->printers = g_steal_pointer (&printers);
  set_searching (self, FALSE);
  g_signal_emit (self, signals[CHANGED], 0);

  if (self->again)
    {
      self->again = FALSE;
      bo_printer_list_refresh (self);
    }
}

static void
on_usb_printer_cb (BoUsbMonitor  *monitor,
                   const char    *uri,
                   BoPrinterList *self)
{
  g_debug ("USB printer %s came or went: searching again", uri);
  bo_printer_list_refresh (self);
}

static void
bo_printer_list_dispose (GObject *object)
{
  BoPrinterList *self = BO_PRINTER_LIST (object);

  g_cancellable_cancel (self->cancellable);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (bo_printer_list_parent_class)->dispose (object);
}

static void
bo_printer_list_finalize (GObject *object)
{
  BoPrinterList *self = BO_PRINTER_LIST (object);

  g_clear_pointer (&self->printers, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (bo_printer_list_parent_class)->finalize (object);
}

static void
bo_printer_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BoPrinterList *self = BO_PRINTER_LIST (object);

  switch (prop_id)
    {
    case PROP_SEARCHING:
      g_value_set_boolean (value, self->searching);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_printer_list_class_init (BoPrinterListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bo_printer_list_dispose;
  object_class->finalize = bo_printer_list_finalize;
  object_class->get_property = bo_printer_list_get_property;

  properties[PROP_SEARCHING] =
    g_param_spec_boolean ("searching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bo_printer_list_init (BoPrinterList *self)
{
  g_autoptr(GError) error = NULL;

  self->printers = g_ptr_array_new_with_free_func ((GDestroyNotify) bo_printer_info_free);
  self->cancellable = g_cancellable_new ();

  self->monitor = bo_usb_monitor_new (&error);
  if (self->monitor == NULL)
    g_debug ("USB printers are not watched: %s", error->message);
  else
    {
      g_signal_connect (self->monitor, "printer-added", G_CALLBACK (on_usb_printer_cb), self);
      g_signal_connect (self->monitor, "printer-removed", G_CALLBACK (on_usb_printer_cb), self);
    }
}

BoPrinterList *
bo_printer_list_new (void)
{
  return g_object_new (BO_TYPE_PRINTER_LIST, NULL);
}

void
bo_printer_list_refresh (BoPrinterList *self)
{
  g_autoptr(GTask) task = NULL;
  GWeakRef *weak;

  g_return_if_fail (BO_IS_PRINTER_LIST (self));

  /* Disposed: nobody will look at the answer. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (self->searching)
    {
      self->again = TRUE;
      return;
    }

  set_searching (self, TRUE);
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  /* No source object: a task holds a reference on it until the thread ends, which would keep
   * the list (and so the cancellation in its dispose) waiting for a hung CUPS. */
  task = g_task_new (NULL, self->cancellable, on_discovered_cb, weak);
  g_task_set_source_tag (task, bo_printer_list_refresh);
  /* bo_printer_discover() cannot be stopped half-way: cancelled (the list was disposed), the
   * task answers at once and the search's result is dropped whenever the thread ends. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, discover_thread);
}

gboolean
bo_printer_list_get_searching (BoPrinterList *self)
{
  g_return_val_if_fail (BO_IS_PRINTER_LIST (self), FALSE);

  return self->searching;
}

GPtrArray *
bo_printer_list_get_printers (BoPrinterList *self)
{
  g_return_val_if_fail (BO_IS_PRINTER_LIST (self), NULL);

  return self->printers;
}

const char *
bo_printer_list_kind_name (const char *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);

  if (g_str_has_prefix (uri, "usb:"))
    return _("USB receipt printer");
  if (g_str_has_prefix (uri, "lp:"))
    return _("Printer device");
  if (g_str_has_prefix (uri, "cups:"))
    return _("CUPS queue");
  if (g_str_has_prefix (uri, "file:"))
    return _("File");
  return _("Printer");
}
