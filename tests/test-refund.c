/* test-refund.c — refunds and voids: rights, amounts, tickets cancelled, capacity freed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>

#include "bo-test-util.h"
#include "domain/bo-journal.h"
#include "domain/bo-order.h"
#include "domain/bo-refund.h"
#include "domain/bo-sale.h"
#include "domain/bo-shift.h"

#define WITH_DEMO GINT_TO_POINTER (TRUE)

static BoOrder *
sell_paid (BoTestFixture  *fx,
           gint64          type_id,
           guint           quantity,
           BoPaymentMethod method)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoSale) sale = bo_sale_new (1);
  BoOrder *order;

  bo_sale_add_tickets (sale, type_id, quantity, NULL);
  bo_sale_add_payment (sale, method, BO_PAYMENT_REST, -1, NULL);
  order = bo_sale_commit (sale, fx->store, fx->device,
                          method == BO_PAYMENT_FREE ? fx->manager : fx->cashier, &error);
  g_assert_no_error (error);
  return order;
}

static void
open_shift (BoTestFixture *fx)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoShift) shift = bo_shift_open (fx->store, fx->device, fx->cashier, 5000, &error);

  g_assert_no_error (error);
}

static gint64
sold_of (BoTestFixture *fx,
         gint64         type_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT sold FROM ticket_types WHERE id = %" G_GINT64_FORMAT,
                                          type_id);

  return bo_test_query_int (fx->store, sql);
}

static void
test_partial_then_rest (BoTestFixture *fx,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) order = NULL;
  g_autoptr (BoOrder) after = NULL;
  g_autoptr (BoRefund) one = NULL;
  g_autoptr (BoRefund) rest = NULL;
  BoOrderTicket *first;
  const char *uuids[2] = { NULL, NULL };
  gint64 sold_before;

  open_shift (fx);
  order = sell_paid (fx, 11, 3, BO_PAYMENT_CASH); /* 3 x 2650 */
  sold_before = sold_of (fx, 11);
  first = bo_order_get_tickets (order)->pdata[0];
  uuids[0] = first->uuid;

  one = bo_refund_order (fx->store, fx->device, fx->manager, bo_order_get_uuid (order), uuids,
                         "customer ill", &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_refund_get_amount (one), ==, 2650);
  g_assert_cmpstr (bo_refund_get_method (one), ==, "cash");
  g_assert_cmpstr (bo_refund_get_kind (one), ==, "refund");
  g_assert_cmpuint (g_strv_length ((GStrv) bo_refund_get_ticket_uuids (one)), ==, 1);
  g_assert_cmpint (sold_of (fx, 11), ==, sold_before - 1);

  after = bo_order_lookup (fx->store, bo_order_get_uuid (order), &error);
  g_assert_cmpstr (bo_order_get_status (after), ==, "partially_refunded");
  g_assert_cmpint (bo_order_get_refunded (after), ==, 2650);
  g_assert_cmpstr (((BoOrderTicket *) bo_order_get_tickets (after)->pdata[0])->status, ==,
                   "cancelled");

  /* the same ticket again is refused, and leaves nothing behind */
  g_assert_null (bo_refund_order (fx->store, fx->device, fx->manager, bo_order_get_uuid (order),
                                  uuids, NULL, &error));
  g_assert_error (error, BO_REFUND_ERROR, BO_REFUND_ERROR_NOTHING_TO_REFUND);
  g_clear_error (&error);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM refunds"), ==, 1);

  rest = bo_refund_order (fx->store, fx->device, fx->manager, bo_order_get_uuid (order), NULL, NULL,
                          &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_refund_get_amount (rest), ==, 2 * 2650);
  g_clear_object (&after);
  after = bo_order_lookup (fx->store, bo_order_get_uuid (order), &error);
  g_assert_cmpstr (bo_order_get_status (after), ==, "refunded");
  g_assert_cmpint (sold_of (fx, 11), ==, sold_before - 3);

  g_assert_null (bo_refund_order (fx->store, fx->device, fx->manager, bo_order_get_uuid (order), NULL,
                                  NULL, &error));
  g_assert_error (error, BO_REFUND_ERROR, BO_REFUND_ERROR_NOTHING_TO_REFUND);
  g_clear_error (&error);

  g_assert_true (bo_journal_verify (fx->store, bo_device_get_public_key (fx->device), NULL, NULL,
                                    &error));
  g_assert_no_error (error);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM journal WHERE kind = 'refund'"),
                   ==, 2);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM outbox WHERE kind = 'refund'"),
                   ==, 2);
}

static void
test_cashier_cannot_refund (BoTestFixture *fx,
                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) order = NULL;

  open_shift (fx);
  order = sell_paid (fx, 11, 1, BO_PAYMENT_CARD);
  g_assert_null (bo_refund_order (fx->store, fx->device, fx->cashier, bo_order_get_uuid (order), NULL,
                                  NULL, &error));
  g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_null (bo_void_order (fx->store, fx->device, fx->cashier, bo_order_get_uuid (order), NULL,
                                &error));
  g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_NOT_ALLOWED);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM refunds"), ==, 0);
  g_assert_cmpint (bo_test_query_int (fx->store,
                                      "SELECT count(*) FROM tickets WHERE status = 'cancelled'"),
                   ==, 0);
}

static void
test_unknown_ticket (BoTestFixture *fx,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) a = NULL;
  g_autoptr (BoOrder) b = NULL;
  const char *other[2] = { NULL, NULL };

  open_shift (fx);
  a = sell_paid (fx, 11, 1, BO_PAYMENT_CARD);
  b = sell_paid (fx, 11, 1, BO_PAYMENT_CARD);
  other[0] = ((BoOrderTicket *) bo_order_get_tickets (b)->pdata[0])->uuid;
  g_assert_null (bo_refund_order (fx->store, fx->device, fx->manager, bo_order_get_uuid (a), other,
                                  NULL, &error));
  g_assert_error (error, BO_REFUND_ERROR, BO_REFUND_ERROR_UNKNOWN_TICKET);
  g_clear_error (&error);
  g_assert_null (bo_refund_order (fx->store, fx->device, fx->manager, "missing-order", NULL, NULL,
                                  &error));
  g_assert_error (error, BO_ORDER_ERROR, BO_ORDER_ERROR_NOT_FOUND);
}

static void
test_checked_in_ticket (BoTestFixture *fx,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) order = NULL;
  g_autofree char *sql = NULL;

  open_shift (fx);
  order = sell_paid (fx, 11, 1, BO_PAYMENT_CARD);
  sql = g_strdup_printf ("UPDATE tickets SET checked_in_at = '2026-01-01T20:00:00Z' WHERE uuid = '%s'",
                         ((BoOrderTicket *) bo_order_get_tickets (order)->pdata[0])->uuid);
  bo_store_exec (fx->store, sql, &error);
  g_assert_no_error (error);
  g_assert_null (bo_refund_order (fx->store, fx->device, fx->manager, bo_order_get_uuid (order), NULL,
                                  NULL, &error));
  g_assert_error (error, BO_REFUND_ERROR, BO_REFUND_ERROR_CHECKED_IN);
}

static void
test_void (BoTestFixture *fx,
           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) order = NULL;
  g_autoptr (BoOrder) after = NULL;
  g_autoptr (BoRefund) voided = NULL;
  g_autoptr (BoShift) closed = NULL;
  g_autoptr (BoOrder) old = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  sqlite3_stmt *stmt = NULL;
  JsonObject *body;

  open_shift (fx);
  old = sell_paid (fx, 12, 1, BO_PAYMENT_CARD);
  closed = bo_shift_close (fx->store, fx->device, fx->manager, 5000, &error);
  g_assert_no_error (error);
  open_shift (fx);

  /* an order of an earlier shift cannot be voided, only refunded */
  g_assert_null (bo_void_order (fx->store, fx->device, fx->manager, bo_order_get_uuid (old), NULL,
                                &error));
  g_assert_error (error, BO_REFUND_ERROR, BO_REFUND_ERROR_NOT_VOIDABLE);
  g_clear_error (&error);

  order = sell_paid (fx, 12, 2, BO_PAYMENT_CASH);
  voided = bo_void_order (fx->store, fx->device, fx->manager, bo_order_get_uuid (order), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bo_refund_get_kind (voided), ==, "void");
  g_assert_cmpint (bo_refund_get_amount (voided), ==, 2 * 4100);
  after = bo_order_lookup (fx->store, bo_order_get_uuid (order), &error);
  g_assert_cmpstr (bo_order_get_status (after), ==, "voided");
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM journal WHERE kind = 'void'"), ==,
                   1);

  /* the server hears of it as a refund of every ticket */
  g_assert_cmpint (sqlite3_prepare_v2 (bo_store_get_db (fx->store),
                                       "SELECT path, body FROM outbox WHERE kind = 'refund'", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_true (g_str_has_suffix ((const char *) sqlite3_column_text (stmt, 0), "/refunds"));
  g_assert_true (g_str_has_prefix ((const char *) sqlite3_column_text (stmt, 0), "/orders/"));
  json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 1), -1, &error);
  g_assert_no_error (error);
  sqlite3_finalize (stmt);
  body = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (body, "uuid"), ==, bo_refund_get_uuid (voided));
  g_assert_cmpint (json_object_get_int_member (body, "amount"), ==, 8200);
  g_assert_cmpstr (json_object_get_string_member (body, "method"), ==, "cash");
  g_assert_cmpstr (json_object_get_string_member (body, "operator"), ==, "Manager");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (body, "ticket_uuids")), ==, 2);
  g_assert_true (json_object_has_member (body, "created_at"));
  g_assert_true (json_object_has_member (body, "reason"));

  /* voiding twice is refused */
  g_assert_null (bo_void_order (fx->store, fx->device, fx->manager, bo_order_get_uuid (order), NULL,
                                &error));
  g_assert_error (error, BO_REFUND_ERROR, BO_REFUND_ERROR_NOT_VOIDABLE);
}

static void
test_complimentary_refunds_nothing (BoTestFixture *fx,
                                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) order = NULL;
  g_autoptr (BoRefund) refund = NULL;

  open_shift (fx);
  order = sell_paid (fx, 11, 2, BO_PAYMENT_FREE);
  refund = bo_refund_order (fx->store, fx->device, fx->manager, bo_order_get_uuid (order), NULL, NULL,
                            &error);
  g_assert_no_error (error);
  /* the tickets are cancelled, but no money was taken, so none goes back */
  g_assert_cmpint (bo_refund_get_amount (refund), ==, 0);
  g_assert_cmpuint (g_strv_length ((GStrv) bo_refund_get_ticket_uuids (refund)), ==, 2);
}

static void
test_refund_needs_shift (BoTestFixture *fx,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) cash = NULL;
  g_autoptr (BoOrder) card = NULL;
  g_autoptr (BoShift) closed = NULL;

  open_shift (fx);
  cash = sell_paid (fx, 11, 1, BO_PAYMENT_CASH);
  card = sell_paid (fx, 11, 1, BO_PAYMENT_CARD);
  closed = bo_shift_close (fx->store, fx->device, fx->manager, 7650, &error);
  g_assert_no_error (error);

  /* Without a shift a refund would fall into no closing: refused, cash or not. */
  g_assert_null (bo_refund_order (fx->store, fx->device, fx->manager, bo_order_get_uuid (cash), NULL,
                                  NULL, &error));
  g_assert_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_NOT_OPEN);
  g_clear_error (&error);
  g_assert_null (bo_refund_order (fx->store, fx->device, fx->manager, bo_order_get_uuid (card), NULL,
                                  NULL, &error));
  g_assert_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_NOT_OPEN);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM refunds"), ==, 0);
}

static void
test_split_payment_method (BoTestFixture *fx,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoSale) sale = bo_sale_new (1);
  g_autoptr (BoOrder) order = NULL;
  g_autoptr (BoRefund) one = NULL;
  g_autoptr (BoRefund) rest = NULL;
  const char *uuids[2] = { NULL, NULL };

  open_shift (fx);
  /* 3 x 2650 = 7950: 1000 cash, 6950 card */
  bo_sale_add_tickets (sale, 11, 3, NULL);
  bo_sale_add_payment (sale, BO_PAYMENT_CASH, 1000, -1, NULL);
  bo_sale_add_payment (sale, BO_PAYMENT_CARD, BO_PAYMENT_REST, -1, "AUTH 9");
  order = bo_sale_commit (sale, fx->store, fx->device, fx->cashier, &error);
  g_assert_no_error (error);

  /* 2650 back: more than the 1000 cash taken, so it goes back to the card, not the drawer */
  uuids[0] = ((BoOrderTicket *) bo_order_get_tickets (order)->pdata[0])->uuid;
  one = bo_refund_order (fx->store, fx->device, fx->manager, bo_order_get_uuid (order), uuids, NULL,
                         &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_refund_get_amount (one), ==, 2650);
  g_assert_cmpstr (bo_refund_get_method (one), ==, "card");

  rest = bo_refund_order (fx->store, fx->device, fx->manager, bo_order_get_uuid (order), NULL, NULL,
                          &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_refund_get_amount (rest), ==, 5300);
  g_assert_cmpstr (bo_refund_get_method (rest), ==, "card");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add (path, BoTestFixture, WITH_DEMO, bo_test_fixture_setup, fn, bo_test_fixture_teardown)
  ADD ("/bo/refund/partial-then-rest", test_partial_then_rest);
  ADD ("/bo/refund/cashier-not-allowed", test_cashier_cannot_refund);
  ADD ("/bo/refund/unknown-ticket", test_unknown_ticket);
  ADD ("/bo/refund/checked-in", test_checked_in_ticket);
  ADD ("/bo/refund/void", test_void);
  ADD ("/bo/refund/complimentary", test_complimentary_refunds_nothing);
  ADD ("/bo/refund/needs-shift", test_refund_needs_shift);
  ADD ("/bo/refund/split-payment-method", test_split_payment_method);
#undef ADD

  return g_test_run ();
}
