/* bo-welcome-page.h — first run: demo data, registration, or the first manager
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ui/bo-session.h"

G_BEGIN_DECLS

#define BO_TYPE_WELCOME_PAGE (bo_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (BoWelcomePage, bo_welcome_page, BO, WELCOME_PAGE, GtkWidget)

typedef enum {
  BO_WELCOME_EMPTY,        /* no events, no operators: demo or registration */
  BO_WELCOME_NO_OPERATORS, /* a catalogue but nobody to sign in: add the first manager */
} BoWelcomeMode;

void bo_welcome_page_set_session (BoWelcomePage *self,
                                  BoSession     *session);
void bo_welcome_page_set_mode    (BoWelcomePage *self,
                                  BoWelcomeMode  mode);

/* Signals:
 *   "demo-ready" — the demo catalogue and operators are in the store.
 *   "manager-added" (BoOperator *manager) — the first manager, signed in. */

G_END_DECLS
