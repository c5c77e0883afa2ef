/* bo-window-private.h — the main window's state, shared by its files
 *
 * bo-window.c: opening the store and choosing the screen; bo-window-actions.c: every command
 * with its shortcut; bo-window-session.c: sign-in, locking, inactivity and the barcode
 * scanner; bo-window-print.c: printing after a sale, reprints and the printer banner.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ui/bo-lock-page.h"
#include "ui/bo-orders-page.h"
#include "ui/bo-sell-page.h"
#include "ui/bo-session.h"
#include "ui/bo-shift-page.h"
#include "ui/bo-welcome-page.h"
#include "ui/bo-window.h"
#include "ui/bo-checkin-page.h"
#include "ui/bo-kiosk.h"
#include "ui/bo-sync-indicator.h"
#include "ui/bo-worker.h"

G_BEGIN_DECLS

struct _BoWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  BoWorker             *worker;
  BoSession            *session;
  GCancellable         *cancellable;
  BoWorkerCounts        counts;

  /* Inactivity and the scanner (bo-window-session.c) */
  gint64                last_input_us;
  guint                 autolock_id;
  GString              *scan_buffer;
  gint64                scan_last_us;

  /* Printing (bo-window-print.c) */
  GCancellable         *print_cancellable;
  gboolean              print_failed;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  GtkMenuButton        *primary_menu_button;
  GtkMenuButton        *operator_button;
  AdwButtonContent     *operator_content;
  GtkBox               *sync_indicator_slot;
  GtkRevealer          *print_banner;
  GtkLabel             *print_banner_label;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  BoWelcomePage        *welcome_page;
  BoLockPage           *lock_page;
  AdwViewStack         *view_stack;
  BoSellPage           *sell_page;
  BoOrdersPage         *orders_page;
  BoShiftPage          *shift_page;
  BoCheckinPage        *checkin_page;

  /* Check-in, sync and kiosk mode */
  BoSyncIndicator      *sync_indicator;
  BoKiosk              *kiosk;
};

/* bo-window.c */
gboolean bo_window_is_unlocked         (BoWindow *self);
/* "sell", "checkin", "orders", "shift" */
void     bo_window_show_view           (BoWindow   *self,
                                        const char *name);

/* bo-window-actions.c */
void     bo_window_actions_class_init  (GtkWidgetClass *widget_class);
void     bo_window_update_actions      (BoWindow *self);

/* bo-window-session.c */
void     bo_window_session_init        (BoWindow *self);
void     bo_window_session_dispose     (BoWindow *self);
void     bo_window_show_lock           (BoWindow   *self,
                                        const char *message);
void     bo_window_signed_in           (BoWindow   *self,
                                        BoOperator *operator);

/* bo-window-print.c */
void     bo_window_print_order         (BoWindow           *self,
                                        BoOrder            *order,
                                        const char * const *kinds,
                                        gboolean            for_sale);
void     bo_window_print_closing       (BoWindow *self,
                                        BoShift  *shift);
void     bo_window_retry_printing      (BoWindow *self);
void     bo_window_dismiss_print_error (BoWindow *self);

G_END_DECLS
