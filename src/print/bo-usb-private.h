/* bo-usb-private.h — what the USB printer and the USB monitor share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libusb.h>

G_BEGIN_DECLS

/* "usb:VID:PID" when @dev has a printer-class interface with a bulk OUT endpoint, else NULL. */
char *bo_usb_printer_uri_of_device (libusb_device *dev);

G_END_DECLS
