/* bo-sell-page-private.h — the sell page's state, shared by its two files
 *
 * bo-sell-page.c has the catalogue and the cart, bo-sell-page-checkout.c the payment, the
 * commit and the manager overrides.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ui/bo-cart.h"
#include "ui/bo-cart-view.h"
#include "ui/bo-event-picker.h"
#include "ui/bo-pay-panel.h"
#include "ui/bo-sale-result.h"
#include "ui/bo-sell-page.h"

G_BEGIN_DECLS

struct _BoSellPage
{
  GtkWidget      parent_instance;

  BoSession     *session;
  BoCart        *cart;
  GListStore    *types;          /* BoTicketType of the chosen event */
  GCancellable  *cancellable;
  BoSellStep     step;
  gboolean       busy;           /* a sale is committing */
  gboolean       loading_types;
  BoOperator    *force_operator; /* the manager who allowed selling beyond capacity */
  BoSyncEngine  *sync_engine;    /* asks the platform for more seats, or NULL */
  BoOrder       *last_order;
  gboolean       asking;         /* a confirmation dialog is open */

  /* Template widgets */
  BoEventPicker *event_picker;
  GtkRevealer   *shift_revealer;
  GtkLabel      *override_label;
  GtkRevealer   *override_revealer;
  GtkStack      *left_stack;
  GtkFlowBox    *types_box;
  AdwStatusPage *empty_page;
  BoPayPanel    *pay_panel;
  BoSaleResult  *sale_result;
  BoCartView    *cart_view;
  GtkSpinner    *busy_spinner;
};

/* bo-sell-page.c */
void     bo_sell_page_emit_state_changed (BoSellPage *self);
void     bo_sell_page_set_step           (BoSellPage *self,
                                          BoSellStep  step);
void     bo_sell_page_reload_types       (BoSellPage *self);
void     bo_sell_page_show_message       (BoSellPage *self,
                                          const char *heading,
                                          const char *body);
void     bo_sell_page_emit_sale_completed (BoSellPage *self,
                                           BoOrder    *order);

/* bo-sell-page-checkout.c */
void     bo_sell_page_complete           (BoSellPage *self);
/* A sold-out type was pressed: offer a manager's override, then add it. */
void     bo_sell_page_offer_override     (BoSellPage   *self,
                                          BoTicketType *ticket_type,
                                          const char   *reason);
/* The counter's allocation is used up: offer to get more seats from the platform, then add a
 * ticket of @ticket_type (or, NULL, complete the sale); or a manager's override. */
void     bo_sell_page_offer_more_seats   (BoSellPage   *self,
                                          BoTicketType *ticket_type,
                                          const char   *reason);

G_END_DECLS
