/* bo-shift-page.h — the cash drawer: the open shift's figures, cash in and out, closing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ui/bo-session.h"

G_BEGIN_DECLS

#define BO_TYPE_SHIFT_PAGE (bo_shift_page_get_type ())
G_DECLARE_FINAL_TYPE (BoShiftPage, bo_shift_page, BO, SHIFT_PAGE, GtkWidget)

void     bo_shift_page_set_session (BoShiftPage *self,
                                    BoSession   *session);
/* Reads the open shift again (its figures change with every sale). */
void     bo_shift_page_reload      (BoShiftPage *self);
/* Asks for the float and opens a shift. @prompt: asked right after signing in ("Not Now"). */
void     bo_shift_page_open_shift  (BoShiftPage *self,
                                    gboolean     prompt);
/* Asks for the amount (and reason) and records it. */
void     bo_shift_page_move_cash   (BoShiftPage *self,
                                    gboolean     cash_in);
/* Asks a manager, then the counted cash, and closes the shift. */
void     bo_shift_page_close_shift (BoShiftPage *self);
/* The shift last closed here, or NULL. */
BoShift *bo_shift_page_get_closed  (BoShiftPage *self);

/* Signals:
 *   "shift-closed" (BoShift *closed) — the closing can be printed. */

G_END_DECLS
