/* bo-event-row.h — one event in the event picker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "domain/bo-event.h"

G_BEGIN_DECLS

#define BO_TYPE_EVENT_ROW (bo_event_row_get_type ())
G_DECLARE_FINAL_TYPE (BoEventRow, bo_event_row, BO, EVENT_ROW, GtkListBoxRow)

GtkWidget *bo_event_row_new       (BoEvent *event);
BoEvent   *bo_event_row_get_event (BoEventRow *self);

G_END_DECLS
