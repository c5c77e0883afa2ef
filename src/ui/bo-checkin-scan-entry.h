/* bo-checkin-scan-entry.h — where a keyboard-wedge scanner types its codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BO_TYPE_CHECKIN_SCAN_ENTRY (bo_checkin_scan_entry_get_type ())
G_DECLARE_FINAL_TYPE (BoCheckinScanEntry, bo_checkin_scan_entry, BO, CHECKIN_SCAN_ENTRY, AdwBin)

/* Signals: "scanned" (const char *code) when a code is ended with Enter, as typed (the core
 * trims and validates it); the entry is already empty again by then. */

/* Typing that reaches @area (an ancestor: the page) while the focus is not in a text field is
 * sent to the entry: a scanner does not know where the focus is. */
void bo_checkin_scan_entry_capture_typing (BoCheckinScanEntry *self,
                                           GtkWidget          *area);

/* Gives the entry the keyboard focus without selecting its text, when it is on screen. */
void bo_checkin_scan_entry_grab_focus     (BoCheckinScanEntry *self);

G_END_DECLS
