/* test-sale.c — selling: capacity, allocations, payments, secrets, journal and outbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>
#include <sodium.h>

#include "bo-test-util.h"
#include "domain/bo-event.h"
#include "domain/bo-journal.h"
#include "domain/bo-order.h"
#include "domain/bo-sale.h"
#include "domain/bo-shift.h"
#include "domain/bo-tax.h"
#include "domain/bo-ticket-secret.h"
#include "domain/bo-ticket-type.h"

#define WITH_DEMO GINT_TO_POINTER (TRUE)

/* Demo catalogue (bo-demo.c): event 1 types 11 Standing 2500+150, 12 Seated 3900+200 (cap 150,
 * sold 97), 13 Student 1500+100; event 2 type 22 Front row 4500+250 cap 10 sold 9; all 17 %. */

static void
open_shift (BoTestFixture *fx)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoShift) shift = bo_shift_open (fx->store, fx->device, fx->cashier, 10000, &error);

  g_assert_no_error (error);
  g_assert_nonnull (shift);
}

static BoOrder *
sell (BoTestFixture *fx,
      BoOperator    *operator,
      gint64         event_id,
      gint64         type_id,
      guint          quantity,
      GError       **error)
{
  g_autoptr (BoSale) sale = bo_sale_new (event_id);

  g_assert_true (bo_sale_add_tickets (sale, type_id, quantity, NULL));
  bo_sale_add_payment (sale, BO_PAYMENT_CARD, BO_PAYMENT_REST, -1, NULL);
  return bo_sale_commit (sale, fx->store, fx->device, operator, error);
}

static gint64
sold_of (BoTestFixture *fx,
         gint64         type_id)
{
  g_autoptr (BoTicketType) type = bo_ticket_type_lookup (fx->store, type_id, NULL);

  g_assert_nonnull (type);
  return bo_ticket_type_get_sold (type);
}

static void
test_cash_sale_with_change (BoTestFixture *fx,
                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoSale) sale = bo_sale_new (1);
  g_autoptr (BoOrder) order = NULL;
  BoOrderPayment *payment;
  GArray *taxes;
  gint64 total = 0;

  open_shift (fx);
  g_assert_true (bo_sale_add_tickets (sale, 11, 2, &error));
  g_assert_true (bo_sale_add_tickets (sale, 13, 1, &error));
  g_assert_true (bo_sale_add_tickets (sale, 11, 1, &error)); /* adds up with the first line */
  g_assert_cmpuint (bo_sale_get_n_tickets (sale), ==, 4);
  g_assert_true (bo_sale_compute_total (sale, fx->store, &total, &error));
  g_assert_cmpint (total, ==, 3 * (2500 + 150) + (1500 + 100));

  bo_sale_add_payment (sale, BO_PAYMENT_CASH, BO_PAYMENT_REST, 20000, NULL);
  order = bo_sale_commit (sale, fx->store, fx->device, fx->cashier, &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);

  g_assert_cmpint (bo_order_get_total (order), ==, 9550);
  g_assert_cmpint (bo_order_get_fees (order), ==, 3 * 150 + 100);
  g_assert_cmpint (bo_order_get_change (order), ==, 20000 - 9550);
  g_assert_cmpstr (bo_order_get_status (order), ==, "paid");
  g_assert_cmpstr (bo_order_get_currency (order), ==, "EUR");
  g_assert_cmpstr (bo_order_get_operator_name (order), ==, "Cashier");
  g_assert_cmpuint (bo_order_get_tickets (order)->len, ==, 4);
  g_assert_cmpuint (bo_order_get_payments (order)->len, ==, 1);
  payment = bo_order_get_payments (order)->pdata[0];
  g_assert_cmpint (payment->method, ==, BO_PAYMENT_CASH);
  g_assert_cmpint (payment->amount, ==, 9550);
  g_assert_cmpint (payment->tendered, ==, 20000);
  g_assert_cmpint (payment->change, ==, 10450);

  /* One rate: tax contained in 9550 gross at 17 % = 9550 * 1700 / 11700 = 1387.6 -> 1388. */
  taxes = bo_order_get_tax_lines (order);
  g_assert_cmpuint (taxes->len, ==, 1);
  g_assert_cmpint (g_array_index (taxes, BoTaxLine, 0).rate_bp, ==, 1700);
  g_assert_cmpint (g_array_index (taxes, BoTaxLine, 0).gross, ==, 9550);
  g_assert_cmpint (g_array_index (taxes, BoTaxLine, 0).tax, ==, 1388);
  g_assert_cmpint (g_array_index (taxes, BoTaxLine, 0).net, ==, 9550 - 1388);

  g_assert_cmpint (sold_of (fx, 11), ==, 212 + 3);
  g_assert_cmpint (sold_of (fx, 13), ==, 18 + 1);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM tickets"), ==, 4);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM order_lines"), ==, 2);
  /* the paper is queued with the sale */
  g_assert_cmpint (bo_test_query_int (fx->store,
                                      "SELECT count(*) FROM print_jobs WHERE state = 'queued' "
                                      "AND kind IN ('tickets', 'receipt')"),
                   ==, 2);
}

static void
test_secrets_are_signed (BoTestFixture *fx,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) order = NULL;
  GPtrArray *tickets;
  guint32 previous = 0;

  open_shift (fx);
  order = sell (fx, fx->cashier, 1, 12, 3, &error);
  g_assert_no_error (error);
  tickets = bo_order_get_tickets (order);
  g_assert_cmpuint (tickets->len, ==, 3);

  for (guint i = 0; i < tickets->len; i++)
    {
      BoOrderTicket *ticket = tickets->pdata[i];
      BoTicketPayload payload;

      g_assert_cmpuint (strlen (ticket->secret), ==, BO_TICKET_SECRET_LEN);
      g_assert_true (g_str_has_prefix (ticket->secret, "BT1"));
      g_assert_true (bo_ticket_secret_verify (ticket->secret,
                                              bo_device_get_public_key (fx->device),
                                              &payload, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (payload.device_id, ==, bo_device_get_id (fx->device));
      g_assert_cmpuint (payload.event_id, ==, 1);
      g_assert_cmpuint (payload.ticket_type_id, ==, 12);
      g_assert_cmpuint (payload.serial, ==, ticket->serial);
      /* serials count up per device, without gaps inside an order */
      if (i > 0)
        g_assert_cmpuint (payload.serial, ==, previous + 1);
      previous = payload.serial;
      g_assert_true (g_uuid_string_is_valid (ticket->uuid));
    }
}

static void
test_split_payment (BoTestFixture *fx,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoSale) sale = bo_sale_new (1);
  g_autoptr (BoOrder) order = NULL;
  GPtrArray *payments;

  open_shift (fx);
  bo_sale_add_tickets (sale, 12, 2, NULL); /* 2 * 4100 = 8200 */
  bo_sale_add_payment (sale, BO_PAYMENT_VOUCHER, 3000, -1, "GIFT-42");
  bo_sale_add_payment (sale, BO_PAYMENT_CARD, 4000, -1, "AUTH 1234");
  bo_sale_add_payment (sale, BO_PAYMENT_CASH, BO_PAYMENT_REST, 5000, NULL);
  order = bo_sale_commit (sale, fx->store, fx->device, fx->cashier, &error);
  g_assert_no_error (error);

  payments = bo_order_get_payments (order);
  g_assert_cmpuint (payments->len, ==, 3);
  g_assert_cmpint (((BoOrderPayment *) payments->pdata[0])->amount, ==, 3000);
  g_assert_cmpstr (((BoOrderPayment *) payments->pdata[0])->reference, ==, "GIFT-42");
  g_assert_cmpint (((BoOrderPayment *) payments->pdata[1])->amount, ==, 4000);
  g_assert_cmpint (((BoOrderPayment *) payments->pdata[2])->amount, ==, 1200);
  g_assert_cmpint (((BoOrderPayment *) payments->pdata[2])->change, ==, 3800);
  g_assert_cmpint (bo_order_get_change (order), ==, 3800);
}

static void
assert_sale_fails (BoTestFixture *fx,
                   BoSale        *sale,
                   BoOperator    *operator,
                   GQuark         domain,
                   int            code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) order = NULL;
  gint64 orders = bo_test_query_int (fx->store, "SELECT count(*) FROM orders");
  gint64 journal = bo_test_query_int (fx->store, "SELECT count(*) FROM journal");
  gint64 sold = bo_test_query_int (fx->store, "SELECT sum(sold) FROM ticket_types");
  gint64 serial = bo_test_query_int (fx->store, "SELECT next_serial FROM device");
  gint64 jobs = bo_test_query_int (fx->store, "SELECT count(*) FROM print_jobs");

  order = bo_sale_commit (sale, fx->store, fx->device, operator, &error);
  g_assert_error (error, domain, code);
  g_assert_null (order);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");

  /* nothing partial survives */
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM orders"), ==, orders);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM journal"), ==, journal);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT sum(sold) FROM ticket_types"), ==, sold);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT next_serial FROM device"), ==, serial);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM print_jobs"), ==, jobs);
  g_assert_false (bo_store_in_transaction (fx->store));
}

static void
test_payment_errors (BoTestFixture *fx,
                     gconstpointer  data)
{
  open_shift (fx);

  {
    g_autoptr (BoSale) sale = bo_sale_new (1);

    bo_sale_add_tickets (sale, 11, 1, NULL);
    assert_sale_fails (fx, sale, fx->cashier, BO_SALE_ERROR, BO_SALE_ERROR_PAYMENT); /* no payment */
    bo_sale_add_payment (sale, BO_PAYMENT_CASH, BO_PAYMENT_REST, 1000, NULL);
    assert_sale_fails (fx, sale, fx->cashier, BO_SALE_ERROR, BO_SALE_ERROR_PAYMENT); /* short */
    bo_sale_clear_payments (sale);
    bo_sale_add_payment (sale, BO_PAYMENT_CASH, BO_PAYMENT_REST, 5000, NULL);
    bo_sale_add_payment (sale, BO_PAYMENT_CARD, BO_PAYMENT_REST, -1, NULL);
    assert_sale_fails (fx, sale, fx->cashier, BO_SALE_ERROR, BO_SALE_ERROR_PAYMENT); /* overpaid */
    bo_sale_clear_payments (sale);
    bo_sale_add_payment (sale, BO_PAYMENT_CARD, 99999, -1, NULL);
    assert_sale_fails (fx, sale, fx->cashier, BO_SALE_ERROR, BO_SALE_ERROR_PAYMENT); /* too much */
    bo_sale_clear_payments (sale);
    bo_sale_add_payment (sale, BO_PAYMENT_FREE, BO_PAYMENT_REST, -1, NULL);
    assert_sale_fails (fx, sale, fx->cashier, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_NOT_ALLOWED);
  }
  {
    g_autoptr (BoSale) empty = bo_sale_new (1);

    bo_sale_add_payment (empty, BO_PAYMENT_CARD, BO_PAYMENT_REST, -1, NULL);
    assert_sale_fails (fx, empty, fx->cashier, BO_SALE_ERROR, BO_SALE_ERROR_EMPTY);
  }
  {
    g_autoptr (BoSale) wrong = bo_sale_new (1);

    bo_sale_add_tickets (wrong, 21, 1, NULL); /* a type of event 2 */
    bo_sale_add_payment (wrong, BO_PAYMENT_CARD, BO_PAYMENT_REST, -1, NULL);
    assert_sale_fails (fx, wrong, fx->cashier, BO_SALE_ERROR, BO_SALE_ERROR_UNKNOWN_TICKET_TYPE);
  }
  {
    g_autoptr (BoSale) missing = bo_sale_new (1);

    bo_sale_add_tickets (missing, 4242, 1, NULL);
    bo_sale_add_payment (missing, BO_PAYMENT_CARD, BO_PAYMENT_REST, -1, NULL);
    assert_sale_fails (fx, missing, fx->cashier, BO_SALE_ERROR, BO_SALE_ERROR_UNKNOWN_TICKET_TYPE);
  }
  {
    g_autoptr (BoSale) no_event = bo_sale_new (99);

    bo_sale_add_tickets (no_event, 11, 1, NULL);
    bo_sale_add_payment (no_event, BO_PAYMENT_CARD, BO_PAYMENT_REST, -1, NULL);
    assert_sale_fails (fx, no_event, fx->cashier, BO_CATALOG_ERROR, BO_CATALOG_ERROR_NOT_FOUND);
  }
}

static void
test_quantity_limits (void)
{
  g_autoptr (BoSale) sale = bo_sale_new (1);
  g_autoptr (GError) error = NULL;

  g_assert_false (bo_sale_add_tickets (sale, 11, 0, &error));
  g_assert_error (error, BO_SALE_ERROR, BO_SALE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (bo_sale_add_tickets (sale, 11, BO_SALE_MAX_TICKETS, &error));
  g_assert_false (bo_sale_add_tickets (sale, 12, 1, &error));
  g_assert_error (error, BO_SALE_ERROR, BO_SALE_ERROR_INVALID);
  bo_sale_set_quantity (sale, 11, 0);
  g_assert_cmpuint (bo_sale_get_n_tickets (sale), ==, 0);
  bo_sale_set_quantity (sale, 13, 4);
  g_assert_cmpuint (bo_sale_get_n_tickets (sale), ==, 4);
  bo_sale_clear (sale);
  g_assert_cmpuint (bo_sale_get_n_tickets (sale), ==, 0);
}

static void
test_sold_out_and_force (BoTestFixture *fx,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) last = NULL;
  g_autoptr (BoOrder) forced = NULL;

  open_shift (fx);
  {
    g_autoptr (BoSale) two = bo_sale_new (2);

    bo_sale_add_tickets (two, 22, 2, NULL); /* one seat left */
    bo_sale_add_payment (two, BO_PAYMENT_CARD, BO_PAYMENT_REST, -1, NULL);
    assert_sale_fails (fx, two, fx->cashier, BO_SALE_ERROR, BO_SALE_ERROR_SOLD_OUT);
  }
  last = sell (fx, fx->cashier, 2, 22, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sold_of (fx, 22), ==, 10);
  {
    g_autoptr (BoSale) more = bo_sale_new (2);

    bo_sale_add_tickets (more, 22, 1, NULL);
    bo_sale_add_payment (more, BO_PAYMENT_CARD, BO_PAYMENT_REST, -1, NULL);
    assert_sale_fails (fx, more, fx->cashier, BO_SALE_ERROR, BO_SALE_ERROR_SOLD_OUT);
    bo_sale_set_force (more, TRUE);
    /* a cashier cannot override capacity, whatever the UI offers */
    assert_sale_fails (fx, more, fx->cashier, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_NOT_ALLOWED);
    forced = bo_sale_commit (more, fx->store, fx->device, fx->manager, &error);
    g_assert_no_error (error);
    g_assert_true (bo_order_get_forced (forced));
  }
  g_assert_cmpint (sold_of (fx, 22), ==, 11);
}

static void
insert_allocation (BoTestFixture *fx,
                   gint64         type_id,
                   gint64         event_id,
                   int            quantity)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO allocations (uuid, server_id, event_id, ticket_type_id, quantity, created_at) "
    "VALUES ('%s', %d, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %d, '2026-01-01T00:00:00Z')",
    uuid, g_random_int_range (1, 100000), event_id, type_id, quantity);
  g_autoptr (GError) error = NULL;

  bo_store_exec (fx->store, sql, &error);
  g_assert_no_error (error);
}

static void
test_allocation (BoTestFixture *fx,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) first = NULL;
  g_autoptr (BoOrder) forced = NULL;
  g_autoptr (BoTicketType) type = NULL;

  open_shift (fx);
  /* Two blocks of 2 and 3 seats of "Seated": a sale of 4 spans both. */
  insert_allocation (fx, 12, 1, 2);
  insert_allocation (fx, 12, 1, 3);
  type = bo_ticket_type_lookup (fx->store, 12, &error);
  g_assert_cmpint (bo_ticket_type_get_allocation_left (type), ==, 5);

  first = sell (fx, fx->cashier, 1, 12, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bo_order_get_lines (first)->len, ==, 2);
  g_assert_cmpint (((BoOrderLine *) bo_order_get_lines (first)->pdata[0])->quantity, ==, 2);
  g_assert_cmpint (((BoOrderLine *) bo_order_get_lines (first)->pdata[1])->quantity, ==, 2);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT sum(used) FROM allocations"), ==, 4);

  {
    g_autoptr (BoSale) two = bo_sale_new (1);

    bo_sale_add_tickets (two, 12, 2, NULL);
    bo_sale_add_payment (two, BO_PAYMENT_CARD, BO_PAYMENT_REST, -1, NULL);
    /* capacity has room (150 - 101), but this counter may only sell what it was granted */
    assert_sale_fails (fx, two, fx->cashier, BO_SALE_ERROR, BO_SALE_ERROR_ALLOCATION_EXHAUSTED);
    bo_sale_set_force (two, TRUE);
    forced = bo_sale_commit (two, fx->store, fx->device, fx->manager, &error);
    g_assert_no_error (error);
  }
  /* the forced order used the last allocated seat and sold one beyond it, without allocation */
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT sum(used) FROM allocations"), ==, 5);
  g_assert_cmpint (bo_test_query_int (fx->store,
                                      "SELECT count(*) FROM order_lines WHERE allocation_id IS NULL"),
                   ==, 1);
}

static void
test_registered_needs_allocation (BoTestFixture *fx,
                                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) unlimited = NULL;

  open_shift (fx);
  g_assert_true (bo_store_begin (fx->store, &error));
  g_assert_true (bo_device_set_registration (fx->device, fx->store, 7, "Counter 1", &error));
  g_assert_true (bo_store_commit (fx->store, &error));

  /* Registered, no allocation for a limited type: nothing to sell from, however much capacity
   * the local copy shows. */
  {
    g_autoptr (BoSale) sale = bo_sale_new (1);

    bo_sale_add_tickets (sale, 11, 1, NULL);
    bo_sale_add_payment (sale, BO_PAYMENT_CARD, BO_PAYMENT_REST, -1, NULL);
    assert_sale_fails (fx, sale, fx->cashier, BO_SALE_ERROR, BO_SALE_ERROR_ALLOCATION_EXHAUSTED);
  }
  /* An unlimited type needs no grant. */
  unlimited = sell (fx, fx->cashier, 3, 32, 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (unlimited);
}

static void
test_event_not_on_sale (BoTestFixture *fx,
                        gconstpointer  data)
{
  g_autoptr (BoSale) sale = bo_sale_new (3);
  g_autoptr (GError) error = NULL;

  open_shift (fx);
  bo_sale_add_tickets (sale, 31, 1, NULL);
  bo_sale_add_payment (sale, BO_PAYMENT_CARD, BO_PAYMENT_REST, -1, NULL);
  bo_store_exec (fx->store, "UPDATE events SET status = 'cancelled' WHERE id = 3", &error);
  g_assert_no_error (error);
  assert_sale_fails (fx, sale, fx->cashier, BO_SALE_ERROR, BO_SALE_ERROR_NOT_ON_SALE);
  bo_store_exec (fx->store, "UPDATE events SET status = 'on_sale' WHERE id = 3", &error);
  bo_store_exec (fx->store, "UPDATE ticket_types SET sales_end = '2000-01-01T00:00:00Z' WHERE id = 31",
                 &error);
  assert_sale_fails (fx, sale, fx->cashier, BO_SALE_ERROR, BO_SALE_ERROR_NOT_ON_SALE);
  bo_store_exec (fx->store, "UPDATE ticket_types SET sales_end = NULL, active = 0 WHERE id = 31", &error);
  assert_sale_fails (fx, sale, fx->cashier, BO_SALE_ERROR, BO_SALE_ERROR_NOT_ON_SALE);
}

static void
test_journal_and_outbox (BoTestFixture *fx,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) order = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  sqlite3_stmt *stmt = NULL;
  JsonObject *body, *line, *payment;
  JsonArray *tickets;
  gint64 count = 0;
  const char *kind;

  open_shift (fx);
  order = sell (fx, fx->cashier, 1, 11, 2, &error);
  g_assert_no_error (error);

  g_assert_cmpint (bo_order_get_journal_seq (order), >, 0);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM journal WHERE kind = 'sale'"),
                   ==, 1);
  g_assert_true (bo_journal_verify (fx->store, bo_device_get_public_key (fx->device), &count, NULL,
                                    &error));
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, 2); /* shift_open + sale */

  /* The journal never holds the secrets (they open the door). */
  g_assert_cmpint (bo_test_query_int (fx->store,
                                      "SELECT count(*) FROM journal j, tickets t "
                                      "WHERE instr (j.payload, t.secret) > 0"),
                   ==, 0);

  g_assert_cmpint (sqlite3_prepare_v2 (bo_store_get_db (fx->store),
                                       "SELECT kind, uuid, path, body, state FROM outbox", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  kind = (const char *) sqlite3_column_text (stmt, 0);
  g_assert_cmpstr (kind, ==, "order");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, bo_order_get_uuid (order));
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "/orders");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, "pending");
  json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 3), -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  /* The body is POST /orders of ../shared/central-api.md. */
  body = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (body, "uuid"), ==, bo_order_get_uuid (order));
  g_assert_cmpint (json_object_get_int_member (body, "event_id"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (body, "total"), ==, 2 * 2650);
  g_assert_false (json_object_get_boolean_member (body, "force"));
  g_assert_cmpstr (json_object_get_string_member (body, "operator"), ==, "Cashier");
  g_assert_true (json_object_has_member (body, "created_at"));
  line = json_array_get_object_element (json_object_get_array_member (body, "lines"), 0);
  g_assert_cmpint (json_object_get_int_member (line, "ticket_type_id"), ==, 11);
  g_assert_cmpint (json_object_get_int_member (line, "quantity"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (line, "unit_price"), ==, 2500);
  g_assert_cmpint (json_object_get_int_member (line, "unit_fee"), ==, 150);
  g_assert_cmpint (json_object_get_int_member (line, "tax_rate_bp"), ==, 1700);
  g_assert_true (json_object_get_null_member (line, "allocation_id"));
  tickets = json_object_get_array_member (body, "tickets");
  g_assert_cmpuint (json_array_get_length (tickets), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      BoOrderTicket *ticket = bo_order_get_tickets (order)->pdata[i];
      JsonObject *t = json_array_get_object_element (tickets, i);

      g_assert_cmpstr (json_object_get_string_member (t, "uuid"), ==, ticket->uuid);
      g_assert_cmpstr (json_object_get_string_member (t, "secret"), ==, ticket->secret);
      g_assert_cmpint (json_object_get_int_member (t, "ticket_type_id"), ==, 11);
    }
  payment = json_array_get_object_element (json_object_get_array_member (body, "payments"), 0);
  g_assert_cmpstr (json_object_get_string_member (payment, "method"), ==, "card");
  g_assert_cmpint (json_object_get_int_member (payment, "amount"), ==, 5300);
}

static void
test_lookup_and_reprint (BoTestFixture *fx,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) order = NULL;
  g_autoptr (BoOrder) again = NULL;
  g_autoptr (GPtrArray) recent = NULL;
  BoOrderTicket *ticket;

  open_shift (fx);
  order = sell (fx, fx->cashier, 1, 13, 2, &error);
  g_assert_no_error (error);

  again = bo_order_lookup (fx->store, bo_order_get_uuid (order), &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_order_get_total (again), ==, bo_order_get_total (order));
  g_assert_null (bo_order_lookup (fx->store, "no-such-order", &error));
  g_assert_error (error, BO_ORDER_ERROR, BO_ORDER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  recent = bo_order_list_recent (fx->store, 10, &error);
  g_assert_cmpuint (recent->len, ==, 1);

  /* First print: routine, no journal entry. Second: a reprint, journaled and marked. */
  g_assert_true (bo_order_mark_printed (fx->store, fx->device, fx->cashier, order, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM journal WHERE kind = 'reprint'"),
                   ==, 0);
  ticket = bo_order_get_tickets (order)->pdata[1];
  g_assert_true (bo_order_mark_printed (fx->store, fx->device, fx->cashier, order, ticket->uuid,
                                        &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ticket->print_count, ==, 2);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM journal WHERE kind = 'reprint'"),
                   ==, 1);
  g_assert_cmpint (bo_test_query_int (fx->store,
                                      "SELECT count(*) FROM tickets WHERE reprint_requested = 1"),
                   ==, 1);
  g_assert_false (bo_order_mark_printed (fx->store, fx->device, fx->cashier, order, "nope", &error));
  g_assert_error (error, BO_ORDER_ERROR, BO_ORDER_ERROR_NOT_FOUND);
}

static void
test_complimentary (BoTestFixture *fx,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoSale) sale = bo_sale_new (1);
  g_autoptr (BoOrder) order = NULL;

  open_shift (fx);
  bo_sale_add_tickets (sale, 11, 2, NULL);
  bo_sale_add_payment (sale, BO_PAYMENT_FREE, BO_PAYMENT_REST, -1, NULL);
  order = bo_sale_commit (sale, fx->store, fx->device, fx->manager, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_order_get_total (order), ==, 5300);
  g_assert_cmpint (((BoOrderPayment *) bo_order_get_payments (order)->pdata[0])->method, ==,
                   BO_PAYMENT_FREE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bo/sale/quantity-limits", test_quantity_limits);
#define ADD(path, fn) \
  g_test_add (path, BoTestFixture, WITH_DEMO, bo_test_fixture_setup, fn, bo_test_fixture_teardown)
  ADD ("/bo/sale/cash-with-change", test_cash_sale_with_change);
  ADD ("/bo/sale/secrets-signed", test_secrets_are_signed);
  ADD ("/bo/sale/split-payment", test_split_payment);
  ADD ("/bo/sale/payment-errors", test_payment_errors);
  ADD ("/bo/sale/sold-out-and-force", test_sold_out_and_force);
  ADD ("/bo/sale/allocation", test_allocation);
  ADD ("/bo/sale/not-on-sale", test_event_not_on_sale);
  ADD ("/bo/sale/registered-needs-allocation", test_registered_needs_allocation);
  ADD ("/bo/sale/journal-and-outbox", test_journal_and_outbox);
  ADD ("/bo/sale/lookup-and-reprint", test_lookup_and_reprint);
  ADD ("/bo/sale/complimentary", test_complimentary);
#undef ADD

  return g_test_run ();
}
