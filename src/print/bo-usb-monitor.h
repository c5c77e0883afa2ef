/* bo-usb-monitor.h — USB receipt printers coming and going
 *
 * Emits "printer-added" and "printer-removed" with the printer's URI (usb:VID:PID) in the
 * main context that was the thread default when the monitor was made, from libusb's hotplug
 * events handled on a thread of its own. Printers already there are not announced: list them
 * with bo_printer_discover().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BO_TYPE_USB_MONITOR (bo_usb_monitor_get_type ())
G_DECLARE_FINAL_TYPE (BoUsbMonitor, bo_usb_monitor, BO, USB_MONITOR, GObject)

/* BO_PRINT_ERROR_FAILED when libusb cannot watch for devices on this system. */
BoUsbMonitor *bo_usb_monitor_new (GError **error);

G_END_DECLS
