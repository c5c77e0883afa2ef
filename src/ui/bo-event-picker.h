/* bo-event-picker.h — which event the counter sells for: today's first, searchable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "domain/bo-event.h"

G_BEGIN_DECLS

#define BO_TYPE_EVENT_PICKER (bo_event_picker_get_type ())
G_DECLARE_FINAL_TYPE (BoEventPicker, bo_event_picker, BO, EVENT_PICKER, GtkWidget)

/* A GListModel of BoEvent (the order does not matter: the picker sorts). Keeps the chosen
 * event when it is still there (by id), else chooses @preferred_id, else the first one of
 * today or later. */
void     bo_event_picker_set_events (BoEventPicker *self,
                                     GListModel    *events,
                                     gint64         preferred_id);
/* The chosen event ("event" property), or NULL. */
BoEvent *bo_event_picker_get_event  (BoEventPicker *self);
/* Chooses @event (one of the model's, or NULL) as if picked from the list. */
void     bo_event_picker_set_event  (BoEventPicker *self,
                                     BoEvent       *event);
void     bo_event_picker_popup      (BoEventPicker *self);

G_END_DECLS
