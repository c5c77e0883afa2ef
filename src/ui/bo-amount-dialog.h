/* bo-amount-dialog.h — asks for an amount of money and/or a short text (float, cash in and
 * out, counted cash, voucher, refund reason)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BO_TYPE_AMOUNT_DIALOG (bo_amount_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BoAmountDialog, bo_amount_dialog, BO, AMOUNT_DIALOG, AdwMessageDialog)

/* Transient for @parent's window; present it after configuring it. */
BoAmountDialog *bo_amount_dialog_new         (GtkWidget  *parent,
                                              const char *heading,
                                              const char *body,
                                              const char *confirm_label);
/* Shows the amount field. @initial < 0 leaves it empty. */
void            bo_amount_dialog_set_amount  (BoAmountDialog *self,
                                              const char     *label,
                                              const char     *currency,
                                              gboolean        allow_zero,
                                              gint64          initial);
/* Shows the text field (a voucher code, a reason). */
void            bo_amount_dialog_set_text    (BoAmountDialog *self,
                                              const char     *label,
                                              gboolean        required);
void            bo_amount_dialog_set_destructive (BoAmountDialog *self,
                                                  gboolean        destructive);

/* Signals:
 *   "confirmed" (gint64 amount, const char *text) — amount 0 and/or text NULL for the
 *   fields that are not shown. */

G_END_DECLS
