/* bo-kiosk.h — kiosk mode: full screen, and no way out without a manager PIN
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ui/bo-worker.h"

G_BEGIN_DECLS

#define BO_TYPE_KIOSK (bo_kiosk_get_type ())
G_DECLARE_FINAL_TYPE (BoKiosk, bo_kiosk, BO, KIOSK, GObject)

/* Guards @window while the kiosk-mode setting is on (and follows it when it changes): the
 * window is kept full screen, has no close button, and closing it (close button, Alt+F4,
 * app.quit, the window manager) asks for a manager PIN first, checked through @worker.
 * @settings NULL never turns kiosk mode on. The kiosk holds only a weak reference to the
 * window; keep the kiosk alive as long as the window (e.g. with g_object_set_data_full). */
BoKiosk  *bo_kiosk_new        (GtkWindow *window,
                               GSettings *settings,
                               BoWorker  *worker);

G_END_DECLS
