/* bo-lock-page.h — the locked counter: operator login with a PIN
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ui/bo-session.h"

G_BEGIN_DECLS

#define BO_TYPE_LOCK_PAGE (bo_lock_page_get_type ())
G_DECLARE_FINAL_TYPE (BoLockPage, bo_lock_page, BO, LOCK_PAGE, GtkWidget)

void bo_lock_page_set_session (BoLockPage *self,
                               BoSession  *session);
/* Clears the PIN, reloads the operators and says @message under the title (NULL: the
 * default invitation). */
void bo_lock_page_reset       (BoLockPage *self,
                               const char *message);

/* Signals:
 *   "signed-in" (BoOperator *operator) */

G_END_DECLS
