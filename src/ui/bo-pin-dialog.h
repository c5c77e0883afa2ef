/* bo-pin-dialog.h — "a manager, please": approval by PIN on the spot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "domain/bo-operator.h"
#include "ui/bo-session.h"

G_BEGIN_DECLS

#define BO_TYPE_PIN_DIALOG (bo_pin_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BoPinDialog, bo_pin_dialog, BO, PIN_DIALOG, AdwWindow)

/* Finds an operator with @right: the signed-in one when they have it (no dialog), else
 * whoever types a PIN that has it in a dialog over @parent. Fails with G_IO_ERROR_CANCELLED
 * when the dialog is dismissed. The core checks the right again when the operator is used. */
void        bo_pin_dialog_authorize_async  (GtkWidget           *parent,
                                            BoSession           *session,
                                            BoRight              right,
                                            const char          *heading,
                                            const char          *body,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
BoOperator *bo_pin_dialog_authorize_finish (GAsyncResult  *result,
                                            GError       **error);

G_END_DECLS
