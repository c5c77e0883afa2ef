/* bo-pin-pad.h — a PIN entry with an on-screen keypad, for touch, mouse and keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BO_TYPE_PIN_PAD (bo_pin_pad_get_type ())
G_DECLARE_FINAL_TYPE (BoPinPad, bo_pin_pad, BO, PIN_PAD, GtkWidget)

GtkWidget  *bo_pin_pad_new              (void);

/* The digits typed so far. */
const char *bo_pin_pad_get_pin          (BoPinPad *self);
void        bo_pin_pad_clear            (BoPinPad *self);
/* Label of the confirm key ("Sign In", "Approve"). */
void        bo_pin_pad_set_submit_label (BoPinPad   *self,
                                         const char *label);
/* Puts the keyboard focus in the entry, so that typed digits go there. */
void        bo_pin_pad_focus            (BoPinPad *self);

/* Signals:
 *   "submitted" (const char *pin) — the confirm key or Enter, with at least one digit. */

G_END_DECLS
