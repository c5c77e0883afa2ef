/* test-ui-cart.c — the counter's cart, its database worker and the pay panel
 *
 * The cart and the worker need no display: they run everywhere. The widget cases need one
 * (Xvfb in the UI harness) and skip without it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gstdio.h>

#include "bo-test-util.h"
#include "domain/bo-order.h"
#include "domain/bo-sale.h"
#include "domain/bo-shift.h"
#include "domain/bo-ticket-type.h"
#include "ui/bo-cart.h"
#include "ui/bo-cart-view.h"
#include "ui/bo-pay-panel.h"
#include "ui/bo-ticket-type-button.h"
#include "ui/bo-worker.h"

#define WITH_DEMO GINT_TO_POINTER (TRUE)

/* Demo catalogue (bo-demo.c): event 1 types 11 Standing 2500+150, 12 Seated 3900+200,
 * 13 Student 1500+100; event 2 type 22 Front row 4500+250, capacity 10, 9 sold. */

static gboolean have_display;

static BoTicketType *
ticket_type (BoTestFixture *fx,
             gint64         id)
{
  g_autoptr(GError) error = NULL;
  BoTicketType *type = bo_ticket_type_lookup (fx->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (type);
  return type;
}

static void
open_shift (BoTestFixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BoShift) shift = bo_shift_open (fx->store, fx->device, fx->cashier, 10000, &error);

  g_assert_no_error (error);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *calls)
{
  (*calls)++;
}

static void
test_cart_totals (BoTestFixture *fx,
                  gconstpointer  data)
{
  g_autoptr(BoCart) cart = bo_cart_new ();
  g_autoptr(BoTicketType) standing = ticket_type (fx, 11);
  g_autoptr(BoTicketType) seated = ticket_type (fx, 12);
  guint calls = 0;

  bo_cart_set_event (cart, 1, "EUR");
  g_signal_connect (cart, "items-changed", G_CALLBACK (on_items_changed), &calls);
  g_assert_true (bo_cart_is_empty (cart));

  g_assert_true (bo_cart_add (cart, standing, 1));
  g_assert_true (bo_cart_add (cart, standing, 1));
  g_assert_true (bo_cart_add (cart, seated, 1));
  /* Two lines: a second Standing raises the quantity instead of adding a line. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (cart)), ==, 2);
  g_assert_cmpuint (calls, ==, 2);
  g_assert_cmpuint (bo_cart_get_quantity (cart, 11), ==, 2);
  g_assert_cmpuint (bo_cart_get_n_tickets (cart), ==, 3);
  g_assert_cmpint (bo_cart_get_subtotal (cart), ==, 2 * 2500 + 3900);
  g_assert_cmpint (bo_cart_get_fees (cart), ==, 2 * 150 + 200);
  g_assert_cmpint (bo_cart_get_total (cart), ==, 9400);
  g_assert_cmpint (bo_cart_get_due (cart), ==, 9400);

  bo_cart_add_voucher (cart, "GIFT", 1000);
  g_assert_cmpint (bo_cart_get_due (cart), ==, 8400);

  /* The order is limited; nothing is added past the limit. */
  g_assert_false (bo_cart_add (cart, standing, BO_SALE_MAX_TICKETS));
  g_assert_cmpuint (bo_cart_get_n_tickets (cart), ==, 3);

  bo_cart_set_quantity (cart, 12, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (cart)), ==, 1);
  g_assert_cmpint (bo_cart_get_total (cart), ==, 5300);
  g_assert_cmpint (bo_cart_get_due (cart), ==, 4300);

  /* Another event starts an empty cart, vouchers included. */
  bo_cart_set_event (cart, 2, "EUR");
  g_assert_true (bo_cart_is_empty (cart));
  g_assert_cmpuint (bo_cart_get_n_vouchers (cart), ==, 0);
  g_assert_cmpint (bo_cart_get_due (cart), ==, 0);
}

/* A voucher worth more than the order pays the order and no more: the core refuses a payment
 * beyond what is left, so the cart must cap it. */
static void
test_cart_voucher_covers_all (BoTestFixture *fx,
                              gconstpointer  data)
{
  g_autoptr(BoCart) cart = bo_cart_new ();
  g_autoptr(BoTicketType) student = ticket_type (fx, 13);
  g_autoptr(BoSale) sale = NULL;
  g_autoptr(BoOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *payments;
  BoOrderPayment *payment;

  open_shift (fx);
  bo_cart_set_event (cart, 1, "EUR");
  g_assert_true (bo_cart_add (cart, student, 2));
  bo_cart_add_voucher (cart, "BIG-GIFT", 5000);
  g_assert_cmpint (bo_cart_get_due (cart), ==, 0);

  sale = bo_cart_to_sale (cart);
  order = bo_sale_commit (sale, fx->store, fx->device, fx->cashier, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_order_get_total (order), ==, 2 * 1600);

  payments = bo_order_get_payments (order);
  g_assert_cmpuint (payments->len, ==, 1);
  payment = g_ptr_array_index (payments, 0);
  g_assert_cmpint (payment->method, ==, BO_PAYMENT_VOUCHER);
  g_assert_cmpint (payment->amount, ==, 3200);
  g_assert_cmpstr (payment->reference, ==, "BIG-GIFT");
}

typedef struct {
  GMainLoop *loop;
  GObject   *result;
  GPtrArray *recent;
  GError    *error;
  GPtrArray *order_of_calls;
} Wait;

static void
wait_clear (Wait *wait)
{
  g_clear_pointer (&wait->loop, g_main_loop_unref);
  g_clear_object (&wait->result);
  g_clear_pointer (&wait->recent, g_ptr_array_unref);
  g_clear_error (&wait->error);
  g_clear_pointer (&wait->order_of_calls, g_ptr_array_unref);
}

static void
commit_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = G_OBJECT (bo_worker_commit_sale_finish (BO_WORKER (source), result,
                                                         &wait->error));
  g_ptr_array_add (wait->order_of_calls, (gpointer) "commit");
}

static void
recent_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  wait->recent = bo_worker_recent_orders_finish (BO_WORKER (source), result, NULL);
  g_ptr_array_add (wait->order_of_calls, (gpointer) "recent");
  g_main_loop_quit (wait->loop);
}

/* The worker commits on its own connection in its own thread, answers on the main context,
 * and runs jobs in the order they were queued: the list asked for after the sale has it. */
static void
test_worker_commit (BoTestFixture *fx,
                    gconstpointer  data)
{
  g_autoptr(BoWorker) worker = bo_worker_new (fx->path);
  g_autoptr(BoCart) cart = bo_cart_new ();
  g_autoptr(BoTicketType) standing = ticket_type (fx, 11);
  g_autoptr(BoSale) sale = NULL;
  Wait wait = { 0 };
  BoOrder *order;

  open_shift (fx);
  bo_cart_set_event (cart, 1, "EUR");
  g_assert_true (bo_cart_add (cart, standing, 3));
  sale = bo_cart_to_sale (cart);
  bo_sale_add_payment (sale, BO_PAYMENT_CASH, BO_PAYMENT_REST, 10000, NULL);

  wait.loop = g_main_loop_new (NULL, FALSE);
  wait.order_of_calls = g_ptr_array_new ();
  bo_worker_commit_sale_async (worker, sale, fx->cashier, NULL, commit_cb, &wait);
  bo_worker_recent_orders_async (worker, 10, NULL, recent_cb, &wait);
  g_main_loop_run (wait.loop);

  g_assert_no_error (wait.error);
  order = BO_ORDER (wait.result);
  g_assert_cmpint (bo_order_get_total (order), ==, 3 * 2650);
  g_assert_cmpint (bo_order_get_change (order), ==, 10000 - 7950);

  g_assert_cmpuint (wait.order_of_calls->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (wait.order_of_calls, 0), ==, "commit");
  g_assert_nonnull (wait.recent);
  g_assert_cmpuint (wait.recent->len, ==, 1);
  g_assert_cmpstr (bo_order_get_uuid (g_ptr_array_index (wait.recent, 0)), ==,
                   bo_order_get_uuid (order));

  /* The sale is in the file, not only in the worker's connection. */
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM orders"), ==, 1);
  /* Its paper is queued with it. */
  g_assert_cmpint (bo_test_query_int (fx->store,
                                      "SELECT count(*) FROM print_jobs WHERE state = 'queued'"),
                   ==, 2);

  wait_clear (&wait);
}

static void
commit_quit_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = G_OBJECT (bo_worker_commit_sale_finish (BO_WORKER (source), result,
                                                         &wait->error));
  g_main_loop_quit (wait->loop);
}

static void
commit_and_wait (BoWorker   *worker,
                 BoSale     *sale,
                 BoOperator *operator,
                 Wait       *wait)
{
  g_clear_object (&wait->result);
  g_clear_error (&wait->error);
  bo_worker_commit_sale_async (worker, sale, operator, NULL, commit_quit_cb, wait);
  g_main_loop_run (wait->loop);
}

/* Sold out: the error comes back as the core's, so the window can offer the override; with
 * the manager's force the same cart sells. */
static void
test_worker_sold_out_override (BoTestFixture *fx,
                               gconstpointer  data)
{
  g_autoptr(BoWorker) worker = bo_worker_new (fx->path);
  g_autoptr(BoCart) cart = bo_cart_new ();
  g_autoptr(BoTicketType) front = ticket_type (fx, 22);
  g_autoptr(BoSale) sale = NULL;
  Wait wait = { 0 };

  open_shift (fx);
  wait.loop = g_main_loop_new (NULL, FALSE);
  bo_cart_set_event (cart, 2, "EUR");
  g_assert_true (bo_cart_add (cart, front, 2));

  sale = bo_cart_to_sale (cart);
  bo_sale_add_payment (sale, BO_PAYMENT_CARD, BO_PAYMENT_REST, -1, NULL);
  commit_and_wait (worker, sale, fx->cashier, &wait);
  g_assert_error (wait.error, BO_SALE_ERROR, BO_SALE_ERROR_SOLD_OUT);
  g_assert_null (wait.result);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM orders"), ==, 0);

  /* A cashier may not force. */
  bo_sale_set_force (sale, TRUE);
  commit_and_wait (worker, sale, fx->cashier, &wait);
  g_assert_error (wait.error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_NOT_ALLOWED);

  commit_and_wait (worker, sale, fx->manager, &wait);
  g_assert_no_error (wait.error);
  g_assert_true (bo_order_get_forced (BO_ORDER (wait.result)));
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT sold FROM ticket_types WHERE id = 22"),
                   ==, 11);

  wait_clear (&wait);
}

static void
open_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;
  g_autofree BoWorkerCounts *counts = bo_worker_open_finish (BO_WORKER (source), result,
                                                             &wait->error);

  g_assert_true ((counts == NULL) == (wait->error != NULL));
  g_main_loop_quit (wait->loop);
}

/* A database that cannot be opened fails every job with the store's error, and the next job
 * tries again: "Try Again" works once the cause is gone. */
static void
test_worker_open_failure (void)
{
  g_autofree char *dir = bo_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "boxoffice.db", NULL);
  g_autoptr(BoWorker) worker = NULL;
  Wait wait = { 0 };

  /* A folder where the file should be. */
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  worker = bo_worker_new (path);
  wait.loop = g_main_loop_new (NULL, FALSE);

  bo_worker_open_async (worker, NULL, open_cb, &wait);
  g_main_loop_run (wait.loop);
  g_assert_nonnull (wait.error);
  g_assert_true (wait.error->domain == BO_STORE_ERROR);

  g_clear_error (&wait.error);
  g_assert_cmpint (g_rmdir (path), ==, 0);
  bo_worker_open_async (worker, NULL, open_cb, &wait);
  g_main_loop_run (wait.loop);
  g_assert_no_error (wait.error);

  wait_clear (&wait);
  g_clear_object (&worker);
  bo_test_rm_rf (dir);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

/* Widgets: the pay panel follows the cart, the ticket button counts what is left. */
static void
test_pay_panel (BoTestFixture *fx,
                gconstpointer  data)
{
  g_autoptr(BoCart) cart = NULL;
  g_autoptr(BoTicketType) seated = NULL;
  g_autoptr(BoSale) sale = NULL;
  g_autoptr(BoOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *panel, *view, *button;
  guint notified = 0;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  open_shift (fx);
  cart = bo_cart_new ();
  seated = ticket_type (fx, 12);
  bo_cart_set_event (cart, 1, "EUR");

  panel = g_object_ref_sink (g_object_new (BO_TYPE_PAY_PANEL, NULL));
  view = g_object_ref_sink (g_object_new (BO_TYPE_CART_VIEW, NULL));
  bo_pay_panel_set_cart (BO_PAY_PANEL (panel), cart);
  bo_cart_view_set_cart (BO_CART_VIEW (view), cart);
  g_signal_connect (panel, "notify::can-complete", G_CALLBACK (on_notify), &notified);

  /* An empty cart is not paid for. */
  g_assert_false (bo_pay_panel_get_can_complete (BO_PAY_PANEL (panel)));

  /* Cash, exact amount, is the default: one ticket can be completed at once. */
  g_assert_true (bo_cart_add (cart, seated, 2));
  g_assert_true (bo_pay_panel_get_can_complete (BO_PAY_PANEL (panel)));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_false (bo_pay_panel_needs_manager (BO_PAY_PANEL (panel)));

  sale = bo_cart_to_sale (cart);
  bo_pay_panel_add_payments (BO_PAY_PANEL (panel), sale);
  order = bo_sale_commit (sale, fx->store, fx->device, fx->cashier, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_order_get_total (order), ==, 2 * 4100);
  g_assert_cmpint (bo_order_get_change (order), ==, 0);

  button = g_object_ref_sink (bo_ticket_type_button_new (seated, "EUR", 0));
  g_assert_cmpint (bo_ticket_type_button_get_left (BO_TICKET_TYPE_BUTTON (button)), ==,
                   bo_ticket_type_get_available (seated));

  g_signal_handlers_disconnect_by_func (panel, on_notify, &notified);
  g_assert_finalize_object (button);
  g_assert_finalize_object (view);
  g_assert_finalize_object (panel);
}

/* Staff jobs: each is answered through its own _finish; the result is collected here. */
static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static void
run_until_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static BoWorkerSignIn *
sign_in_choices (BoWorker *worker)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BoWorkerSignIn *choices;

  bo_worker_sign_in_choices_async (worker, NULL, result_cb, &result);
  run_until_result (&result);
  choices = bo_worker_sign_in_choices_finish (worker, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (choices);
  return choices;
}

static BoOperator *
sign_in (BoWorker   *worker,
         const char *name,
         const char *pin,
         GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bo_worker_sign_in_async (worker, name, pin, NULL, result_cb, &result);
  run_until_result (&result);
  return bo_worker_sign_in_finish (worker, result, error);
}

/* Signing in at the lock screen remembers who did, for the next time; a manager's approval
 * (bo_worker_login_async) does not; a wrong PIN for the chosen operator fails and counts. */
static void
test_worker_sign_in (BoTestFixture *fx,
                     gconstpointer  data)
{
  g_autoptr(BoWorker) worker = bo_worker_new (fx->path);
  g_autoptr(BoWorkerSignIn) choices = NULL;
  g_autoptr(BoOperator) op = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  choices = sign_in_choices (worker);
  g_assert_cmpuint (choices->operators->len, ==, 2);
  g_assert_cmpstr (bo_operator_get_name (g_ptr_array_index (choices->operators, 0)), ==, "Cashier");
  g_assert_cmpstr (bo_operator_get_name (g_ptr_array_index (choices->operators, 1)), ==, "Manager");
  g_assert_cmpint (choices->last_sign_in, ==, 0);
  g_clear_pointer (&choices, bo_worker_sign_in_free);

  /* The cashier's PIN is not the manager's. */
  op = sign_in (worker, "Manager", "1234", &error);
  g_assert_null (op);
  g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_WRONG_PIN);
  g_clear_error (&error);
  g_assert_cmpint (bo_test_query_int (fx->store,
                                      "SELECT value FROM meta WHERE key = 'pin_failures'"), ==, 1);
  bo_worker_throttle_async (worker, NULL, result_cb, &result);
  run_until_result (&result);
  g_assert_cmpuint (bo_worker_throttle_finish (worker, result, &error), ==, 0);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* A PIN alone (a counter nobody has signed in to yet) finds its operator. */
  op = sign_in (worker, NULL, "1234", &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_operator_get_id (op), ==, bo_operator_get_id (fx->cashier));
  g_clear_object (&op);
  choices = sign_in_choices (worker);
  g_assert_cmpint (choices->last_sign_in, ==, bo_operator_get_id (fx->cashier));
  g_clear_pointer (&choices, bo_worker_sign_in_free);

  op = sign_in (worker, "Manager", "9999", &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_operator_get_id (op), ==, bo_operator_get_id (fx->manager));
  g_clear_object (&op);

  /* An approval is not a sign-in. */
  bo_worker_login_async (worker, NULL, "1234", NULL, result_cb, &result);
  run_until_result (&result);
  op = bo_worker_login_finish (worker, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_operator_get_id (op), ==, bo_operator_get_id (fx->cashier));
  g_clear_object (&result);
  g_clear_object (&op);

  choices = sign_in_choices (worker);
  g_assert_cmpint (choices->last_sign_in, ==, bo_operator_get_id (fx->manager));
  /* In the file, for the next start of the app. */
  g_assert_cmpint (bo_operator_get_last_sign_in (fx->store), ==, bo_operator_get_id (fx->manager));
}

static BoShift *
shift_job_finish (BoWorker       *worker,
                  GAsyncResult  **result,
                  BoShift      *(*finish) (BoWorker *, GAsyncResult *, GError **),
                  GError        **error)
{
  BoShift *shift;

  run_until_result (result);
  shift = finish (worker, *result, error);
  g_clear_object (result);
  return shift;
}

/* The shift jobs, their results and their errors; the last closed shift is the one closed
 * last even when a shift with a higher id (restored from elsewhere) was closed before. */
static void
test_worker_shifts (BoTestFixture *fx,
                    gconstpointer  data)
{
  g_autoptr(BoWorker) worker = bo_worker_new (fx->path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BoShift) open = NULL;
  g_autoptr(BoShift) moved = NULL;
  g_autoptr(BoShift) closed = NULL;
  g_autoptr(BoShift) shift = NULL;

  bo_worker_last_closed_shift_async (worker, NULL, result_cb, &result);
  shift = shift_job_finish (worker, &result, bo_worker_last_closed_shift_finish, &error);
  g_assert_no_error (error);
  g_assert_null (shift);
  bo_worker_current_shift_async (worker, NULL, result_cb, &result);
  shift = shift_job_finish (worker, &result, bo_worker_current_shift_finish, &error);
  g_assert_no_error (error);
  g_assert_null (shift);

  /* The core's error comes back as it is. */
  bo_worker_open_shift_async (worker, fx->cashier, -1, NULL, result_cb, &result);
  shift = shift_job_finish (worker, &result, bo_worker_open_shift_finish, &error);
  g_assert_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_INVALID);
  g_assert_null (shift);
  g_clear_error (&error);

  bo_worker_open_shift_async (worker, fx->cashier, 5000, NULL, result_cb, &result);
  open = shift_job_finish (worker, &result, bo_worker_open_shift_finish, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_shift_get_float (open), ==, 5000);

  bo_worker_move_cash_async (worker, fx->cashier, 1200, "Change from the bank", NULL,
                             result_cb, &result);
  moved = shift_job_finish (worker, &result, bo_worker_move_cash_finish, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_shift_get_id (moved), ==, bo_shift_get_id (open));
  g_assert_cmpint (bo_shift_get_cash_in (moved), ==, 1200);
  g_assert_cmpint (bo_shift_get_cash_expected (moved), ==, 6200);
  g_assert_cmpstr (bo_shift_get_uuid (moved), ==, bo_shift_get_uuid (open));

  /* A cashier may not close. */
  bo_worker_close_shift_async (worker, fx->cashier, 6200, NULL, result_cb, &result);
  shift = shift_job_finish (worker, &result, bo_worker_close_shift_finish, &error);
  g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_NOT_ALLOWED);
  g_assert_null (shift);
  g_clear_error (&error);

  bo_worker_close_shift_async (worker, fx->manager, 6100, NULL, result_cb, &result);
  closed = shift_job_finish (worker, &result, bo_worker_close_shift_finish, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_shift_get_variance (closed), ==, -100);

  /* A shift restored with a higher id, closed the year before. */
  bo_test_insert_closed_shift (fx, 900, "2025-03-01T09:00:00Z", "2025-03-01T17:00:00Z");
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT max (id) FROM shifts"), ==, 900);

  bo_worker_last_closed_shift_async (worker, NULL, result_cb, &result);
  shift = shift_job_finish (worker, &result, bo_worker_last_closed_shift_finish, &error);
  g_assert_no_error (error);
  g_assert_nonnull (shift);
  g_assert_cmpint (bo_shift_get_id (shift), ==, bo_shift_get_id (open));
  g_assert_cmpint (bo_shift_get_cash_counted (shift), ==, 6100);
  g_clear_object (&shift);

  bo_worker_current_shift_async (worker, NULL, result_cb, &result);
  shift = shift_job_finish (worker, &result, bo_worker_current_shift_finish, &error);
  g_assert_no_error (error);
  g_assert_null (shift);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Widgets need a display; without one only they skip. The cairo renderer keeps GL (and
   * its drivers' one-time allocations) out of the sanitizer runs. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();

  g_test_add ("/bo/ui-cart/totals", BoTestFixture, WITH_DEMO,
              bo_test_fixture_setup, test_cart_totals, bo_test_fixture_teardown);
  g_test_add ("/bo/ui-cart/voucher-covers-all", BoTestFixture, WITH_DEMO,
              bo_test_fixture_setup, test_cart_voucher_covers_all, bo_test_fixture_teardown);
  g_test_add ("/bo/ui-cart/worker-commit", BoTestFixture, WITH_DEMO,
              bo_test_fixture_setup, test_worker_commit, bo_test_fixture_teardown);
  g_test_add ("/bo/ui-cart/worker-sold-out-override", BoTestFixture, WITH_DEMO,
              bo_test_fixture_setup, test_worker_sold_out_override, bo_test_fixture_teardown);
  g_test_add_func ("/bo/ui-cart/worker-open-failure", test_worker_open_failure);
  g_test_add ("/bo/ui-cart/worker-sign-in", BoTestFixture, WITH_DEMO,
              bo_test_fixture_setup, test_worker_sign_in, bo_test_fixture_teardown);
  g_test_add ("/bo/ui-cart/worker-shifts", BoTestFixture, WITH_DEMO,
              bo_test_fixture_setup, test_worker_shifts, bo_test_fixture_teardown);
  g_test_add ("/bo/ui-cart/pay-panel", BoTestFixture, WITH_DEMO,
              bo_test_fixture_setup, test_pay_panel, bo_test_fixture_teardown);

  return g_test_run ();
}
