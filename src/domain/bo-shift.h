/* bo-shift.h — a cashier's shift: float, cash in/out, close with counted cash and variance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/bo-store.h"
#include "domain/bo-device.h"
#include "domain/bo-operator.h"

G_BEGIN_DECLS

#define BO_TYPE_SHIFT (bo_shift_get_type ())
G_DECLARE_FINAL_TYPE (BoShift, bo_shift, BO, SHIFT, GObject)

#define BO_SHIFT_ERROR (bo_shift_error_quark ())

typedef enum {
  BO_SHIFT_ERROR_ALREADY_OPEN,
  BO_SHIFT_ERROR_NOT_OPEN,
  BO_SHIFT_ERROR_INVALID,      /* negative float or counted cash, zero movement, cash out beyond the drawer */
} BoShiftError;

GQuark       bo_shift_error_quark        (void);

gint64       bo_shift_get_id             (BoShift *self);
const char  *bo_shift_get_uuid           (BoShift *self);
gint64       bo_shift_get_operator_id    (BoShift *self);
const char  *bo_shift_get_opened_at      (BoShift *self);
const char  *bo_shift_get_closed_at      (BoShift *self); /* NULL while open */
gint64       bo_shift_get_float          (BoShift *self);
/* Cash that should be in the drawer: float + cash takings - cash refunds + movements.
 * Computed when loaded (live for an open shift). */
gint64       bo_shift_get_cash_expected  (BoShift *self);
gint64       bo_shift_get_cash_counted   (BoShift *self); /* -1 while open */
gint64       bo_shift_get_variance       (BoShift *self); /* counted - expected; 0 while open */
gint64       bo_shift_get_cash_in        (BoShift *self); /* sum of positive movements */
gint64       bo_shift_get_cash_out       (BoShift *self); /* sum of negative movements, as a positive number */
/* Net takings per method ("cash", "card", "voucher", "free"): payments minus refunds. */
gint64       bo_shift_get_payment_total  (BoShift    *self,
                                          const char *method);
gint64       bo_shift_get_first_journal_seq (BoShift *self);
gint64       bo_shift_get_last_journal_seq  (BoShift *self);
const char  *bo_shift_get_journal_head      (BoShift *self); /* NULL while open */

/* The open shift, or NULL (without an error) when none is open. */
BoShift     *bo_shift_get_current        (BoStore *store,
                                          GError **error);
BoShift     *bo_shift_lookup             (BoStore *store,
                                          gint64   id,
                                          GError **error);
/* The shift closed most recently on this counter (the store is the counter's own), by
 * closing time then id: ids say nothing about order once shifts are restored or imported.
 * NULL without an error when no shift has been closed yet. */
BoShift     *bo_shift_find_last_closed   (BoStore *store,
                                          GError **error);

BoShift     *bo_shift_open               (BoStore    *store,
                                          BoDevice   *device,
                                          BoOperator *operator,
                                          gint64      float_amount,
                                          GError    **error);

/* @amount > 0 puts cash in the drawer, < 0 takes it out. */
gboolean     bo_shift_move_cash          (BoStore    *store,
                                          BoDevice   *device,
                                          BoOperator *operator,
                                          gint64      amount,
                                          const char *reason,
                                          GError    **error);

/* Closes the open shift (manager), journals it and queues the closing for the server.
 * Returns the closed shift with its figures. */
BoShift     *bo_shift_close              (BoStore    *store,
                                          BoDevice   *device,
                                          BoOperator *operator,
                                          gint64      cash_counted,
                                          GError    **error);

G_END_DECLS
