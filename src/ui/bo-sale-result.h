/* bo-sale-result.h — after a sale: change in big type, what was sold, printing, reprint
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "domain/bo-order.h"

G_BEGIN_DECLS

#define BO_TYPE_SALE_RESULT (bo_sale_result_get_type ())
G_DECLARE_FINAL_TYPE (BoSaleResult, bo_sale_result, BO, SALE_RESULT, GtkWidget)

typedef enum {
  BO_PRINT_STATE_QUEUED,   /* waiting for the printer (or for a printer to be set up) */
  BO_PRINT_STATE_PRINTING,
  BO_PRINT_STATE_DONE,
  BO_PRINT_STATE_FAILED,
} BoPrintState;

void     bo_sale_result_set_order       (BoSaleResult *self,
                                         BoOrder      *order);
BoOrder *bo_sale_result_get_order       (BoSaleResult *self);
/* @message: details for FAILED (the printer's error), else NULL. */
void     bo_sale_result_set_print_state (BoSaleResult *self,
                                         BoPrintState  state,
                                         const char   *message);
void     bo_sale_result_focus           (BoSaleResult *self);

G_END_DECLS
