/* bo-sell-page.h — selling: event, ticket types, cart, payment, result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sync/bo-sync-engine.h"
#include "ui/bo-sale-result.h"
#include "ui/bo-session.h"

G_BEGIN_DECLS

#define BO_TYPE_SELL_PAGE (bo_sell_page_get_type ())
G_DECLARE_FINAL_TYPE (BoSellPage, bo_sell_page, BO, SELL_PAGE, GtkWidget)

typedef enum {
  BO_SELL_STEP_TICKETS, /* choosing tickets */
  BO_SELL_STEP_PAY,     /* taking the money */
  BO_SELL_STEP_RESULT,  /* sold: change, printing */
} BoSellStep;

void        bo_sell_page_set_session   (BoSellPage *self,
                                        BoSession  *session);
/* Loads the events and the chosen event's ticket types again (after a sync, say). */
void        bo_sell_page_reload        (BoSellPage *self);
/* The engine that asks the platform for more seats when this counter's allocation is used
 * up ("Get More Seats"); NULL (offline, not registered) leaves only a manager's override. */
void        bo_sell_page_set_sync_engine (BoSellPage   *self,
                                          BoSyncEngine *engine);

BoSellStep  bo_sell_page_get_step      (BoSellPage *self);
gboolean    bo_sell_page_get_busy      (BoSellPage *self);
/* Whether "pay" does something now: go to payment with a cart, or complete the sale. */
gboolean    bo_sell_page_can_pay       (BoSellPage *self);
gboolean    bo_sell_page_has_cart      (BoSellPage *self);

/* Tickets step: go to payment. Pay step: complete the sale. */
void        bo_sell_page_pay           (BoSellPage *self);
void        bo_sell_page_back_to_cart  (BoSellPage *self);
/* After a sale, or to abandon the cart. */
void        bo_sell_page_new_sale      (BoSellPage *self);
void        bo_sell_page_clear_cart    (BoSellPage *self);
/* One more ticket of the type at @position (0-based) in the grid. */
void        bo_sell_page_add_at        (BoSellPage *self,
                                        guint       position);
void        bo_sell_page_choose_event  (BoSellPage *self);
void        bo_sell_page_add_voucher   (BoSellPage *self);
/* The order just sold (on the result step), or NULL. */
BoOrder    *bo_sell_page_get_last_order (BoSellPage *self);
/* How the paper of the last order is doing. */
void        bo_sell_page_set_print_state (BoSellPage   *self,
                                          BoPrintState  state,
                                          const char   *message);
/* Focus where the counter works on this step. */
void        bo_sell_page_focus         (BoSellPage *self);

/* Signals:
 *   "state-changed" — step, busy, cart or payment changed (actions follow it).
 *   "sale-completed" (BoOrder *order) — committed; printing may start. */

G_END_DECLS
