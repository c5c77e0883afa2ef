/* test-shift.c — a day at the counter: float, sales, cash in and out, refunds, closing
 *
 * The figures a closing reports are worked out here from what each test itself did (cash
 * handed over, change given, amounts moved), never from the shift code's own arithmetic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>
#include <string.h>

#include "bo-test-util.h"
#include "domain/bo-journal.h"
#include "domain/bo-refund.h"
#include "domain/bo-sale.h"
#include "domain/bo-shift.h"

/* Demo catalogue: event 1 and three of its ticket types. */
#define EVENT       1
#define STANDING    11
#define SEATED      12
#define STUDENT     13

/* What the test did with cash and with each payment method. */
typedef struct {
  gint64 float_amount;
  gint64 tendered;  /* cash handed over by customers */
  gint64 change;    /* cash given back */
  gint64 refunded;  /* cash paid back by refunds and voids */
  gint64 cash_in;
  gint64 cash_out;
  gint64 card;
  gint64 voucher;
  gint64 free;
} Drawer;

static gint64
drawer_cash_takings (const Drawer *d)
{
  return d->tendered - d->change - d->refunded;
}

static gint64
drawer_expected (const Drawer *d)
{
  return d->float_amount + drawer_cash_takings (d) + d->cash_in - d->cash_out;
}

/* Gross price of one ticket, read from the catalogue (price + booking fee). */
static gint64
ticket_price (BoTestFixture *fx,
              gint64         type)
{
  g_autofree char *sql = g_strdup_printf ("SELECT price + fee FROM ticket_types WHERE id = %"
                                          G_GINT64_FORMAT, type);
  gint64 price = bo_test_query_int (fx->store, sql);

  g_assert_cmpint (price, >, 0);
  return price;
}

static BoShift *
open_shift (BoTestFixture *fx,
            BoOperator    *op,
            gint64         float_amount)
{
  g_autoptr (GError) error = NULL;
  BoShift *shift = bo_shift_open (fx->store, fx->device, op, float_amount, &error);

  g_assert_no_error (error);
  g_assert_nonnull (shift);
  return shift;
}

static void
move_cash (BoTestFixture *fx,
           Drawer        *d,
           gint64         amount,
           const char    *reason)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (bo_shift_move_cash (fx->store, fx->device, fx->cashier, amount, reason, &error));
  g_assert_no_error (error);
  if (amount > 0)
    d->cash_in += amount;
  else
    d->cash_out += -amount;
}

static BoOrder *
commit (BoTestFixture *fx,
        BoSale        *sale,
        BoOperator    *op)
{
  g_autoptr (GError) error = NULL;
  BoOrder *order = bo_sale_commit (sale, fx->store, fx->device, op, &error);

  g_assert_no_error (error);
  g_assert_nonnull (order);
  return order;
}

/* @quantity tickets of @type paid in cash: @tendered handed over (-1 = exact). */
static BoOrder *
sell_cash (BoTestFixture *fx,
           Drawer        *d,
           gint64         type,
           guint          quantity,
           gint64         tendered)
{
  g_autoptr (BoSale) sale = bo_sale_new (EVENT);
  g_autoptr (GError) error = NULL;
  gint64 total = ticket_price (fx, type) * quantity;
  BoOrder *order;
  BoOrderPayment *payment;

  g_assert_true (bo_sale_add_tickets (sale, type, quantity, &error));
  g_assert_no_error (error);
  bo_sale_add_payment (sale, BO_PAYMENT_CASH, BO_PAYMENT_REST, tendered, NULL);
  order = commit (fx, sale, fx->cashier);

  g_assert_cmpint (bo_order_get_total (order), ==, total);
  g_assert_cmpuint (bo_order_get_payments (order)->len, ==, 1);
  payment = bo_order_get_payments (order)->pdata[0];
  g_assert_cmpint (payment->method, ==, BO_PAYMENT_CASH);
  g_assert_cmpint (payment->amount, ==, total);
  g_assert_cmpint (payment->tendered, ==, tendered < 0 ? total : tendered);
  g_assert_cmpint (payment->change, ==, tendered < 0 ? 0 : tendered - total);
  g_assert_cmpint (bo_order_get_change (order), ==, payment->change);

  d->tendered += tendered < 0 ? total : tendered;
  d->change += tendered < 0 ? 0 : tendered - total;
  return order;
}

static BoOrder *
sell_card (BoTestFixture *fx,
           Drawer        *d,
           gint64         type,
           guint          quantity)
{
  g_autoptr (BoSale) sale = bo_sale_new (EVENT);
  g_autoptr (GError) error = NULL;
  gint64 total = ticket_price (fx, type) * quantity;
  BoOrder *order;

  g_assert_true (bo_sale_add_tickets (sale, type, quantity, &error));
  g_assert_no_error (error);
  bo_sale_add_payment (sale, BO_PAYMENT_CARD, BO_PAYMENT_REST, -1, "AUTH-0042");
  order = commit (fx, sale, fx->cashier);
  g_assert_cmpint (bo_order_get_total (order), ==, total);
  g_assert_cmpint (bo_order_get_change (order), ==, 0);
  d->card += total;
  return order;
}

static BoRefund *
refund_first_ticket (BoTestFixture *fx,
                     BoOrder       *order)
{
  g_autoptr (GError) error = NULL;
  BoOrderTicket *ticket = bo_order_get_tickets (order)->pdata[0];
  const char *uuids[] = { ticket->uuid, NULL };
  BoRefund *refund;

  refund = bo_refund_order (fx->store, fx->device, fx->manager, bo_order_get_uuid (order), uuids,
                            "customer cannot come", &error);
  g_assert_no_error (error);
  g_assert_nonnull (refund);
  return refund;
}

static void
assert_figures (BoShift      *shift,
                const Drawer *d)
{
  g_assert_cmpint (bo_shift_get_float (shift), ==, d->float_amount);
  g_assert_cmpint (bo_shift_get_cash_in (shift), ==, d->cash_in);
  g_assert_cmpint (bo_shift_get_cash_out (shift), ==, d->cash_out);
  g_assert_cmpint (bo_shift_get_payment_total (shift, "cash"), ==, drawer_cash_takings (d));
  g_assert_cmpint (bo_shift_get_payment_total (shift, "card"), ==, d->card);
  g_assert_cmpint (bo_shift_get_payment_total (shift, "voucher"), ==, d->voucher);
  g_assert_cmpint (bo_shift_get_payment_total (shift, "free"), ==, d->free);
  g_assert_cmpint (bo_shift_get_payment_total (shift, "bitcoin"), ==, 0);
  g_assert_cmpint (bo_shift_get_cash_expected (shift), ==, drawer_expected (d));
}

static BoShift *
current_shift (BoTestFixture *fx)
{
  g_autoptr (GError) error = NULL;
  BoShift *shift = bo_shift_get_current (fx->store, &error);

  g_assert_no_error (error);
  return shift;
}

static gint64
journal_seq_of (BoTestFixture *fx,
                const char    *kind,
                const char    *ref_uuid)
{
  sqlite3_stmt *stmt = NULL;
  gint64 seq = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (bo_store_get_db (fx->store),
                                       "SELECT seq FROM journal WHERE kind = ?1 AND ref_uuid = ?2",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, ref_uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE); /* exactly one */
  sqlite3_finalize (stmt);
  return seq;
}

static void
assert_journal_verifies (BoTestFixture *fx)
{
  g_autoptr (GError) error = NULL;
  gint64 count = -1, bad = -1, head = 0;

  g_free (bo_journal_head (fx->store, &head, &error));
  g_assert_no_error (error);
  g_assert_true (bo_journal_verify (fx->store, bo_device_get_public_key (fx->device), &count,
                                    &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, head);
}

/* The closing queued for POST /closings, parsed. */
static JsonObject *
closing_body (BoTestFixture *fx,
              BoShift       *shift)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  sqlite3_stmt *stmt = NULL;
  JsonNode *root;

  g_assert_cmpint (sqlite3_prepare_v2 (bo_store_get_db (fx->store),
                                       "SELECT method, path, state, body FROM outbox "
                                       "WHERE kind = 'closing' AND uuid = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, bo_shift_get_uuid (shift), -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "POST");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "/closings");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "pending");
  json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 3), -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

static gint64
int_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  return json_node_get_int (node);
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
  return json_node_get_string (node);
}

/* Checks the body against ../shared/central-api.md ("Shift closings") and this shift. */
static void
assert_closing (BoTestFixture *fx,
                BoShift       *closed,
                const Drawer  *d,
                gint64         counted,
                const char    *closer)
{
  static const char * const members[] = {
    "uuid", "opened_at", "closed_at", "operator", "float", "cash_counted", "payment_totals",
    "first_journal_seq", "last_journal_seq", "journal_head",
  };
  static const char * const methods[] = { "cash", "card", "voucher", "free" };
  g_autoptr (JsonObject) body = closing_body (fx, closed);
  g_autoptr (GError) error = NULL;
  g_autofree char *head = NULL;
  JsonObject *totals;
  gint64 head_seq = 0;

  g_assert_cmpuint (json_object_get_size (body), ==, G_N_ELEMENTS (members));
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (json_object_has_member (body, members[i]));

  g_assert_cmpstr (string_member (body, "uuid"), ==, bo_shift_get_uuid (closed));
  g_assert_true (g_uuid_string_is_valid (string_member (body, "uuid")));
  g_assert_cmpstr (string_member (body, "opened_at"), ==, bo_shift_get_opened_at (closed));
  g_assert_cmpstr (string_member (body, "closed_at"), ==, bo_shift_get_closed_at (closed));
  g_assert_cmpstr (string_member (body, "operator"), ==, closer);
  g_assert_cmpint (int_member (body, "float"), ==, d->float_amount);
  g_assert_cmpint (int_member (body, "cash_counted"), ==, counted);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "payment_totals")));
  totals = json_object_get_object_member (body, "payment_totals");
  g_assert_cmpuint (json_object_get_size (totals), ==, G_N_ELEMENTS (methods));
  g_assert_cmpint (int_member (totals, "cash"), ==, drawer_cash_takings (d));
  g_assert_cmpint (int_member (totals, "card"), ==, d->card);
  g_assert_cmpint (int_member (totals, "voucher"), ==, d->voucher);
  g_assert_cmpint (int_member (totals, "free"), ==, d->free);

  /* The closing names the journal from the shift's opening up to its own closing entry. */
  head = bo_journal_head (fx->store, &head_seq, &error);
  g_assert_no_error (error);
  g_assert_cmpint (int_member (body, "first_journal_seq"), ==,
                   journal_seq_of (fx, BO_JOURNAL_SHIFT_OPEN, bo_shift_get_uuid (closed)));
  g_assert_cmpint (int_member (body, "last_journal_seq"), ==,
                   journal_seq_of (fx, BO_JOURNAL_SHIFT_CLOSE, bo_shift_get_uuid (closed)));
  g_assert_cmpint (int_member (body, "last_journal_seq"), ==, head_seq);
  g_assert_cmpstr (string_member (body, "journal_head"), ==, head);
  g_assert_cmpuint (strlen (head), ==, 64);

  g_assert_cmpint (bo_shift_get_first_journal_seq (closed), ==,
                   int_member (body, "first_journal_seq"));
  g_assert_cmpint (bo_shift_get_last_journal_seq (closed), ==, head_seq);
  g_assert_cmpstr (bo_shift_get_journal_head (closed), ==, head);
}

static void
assert_closed (BoTestFixture *fx,
               BoShift       *closed,
               const Drawer  *d,
               gint64         counted)
{
  g_autofree char *sql = NULL;

  g_assert_nonnull (bo_shift_get_closed_at (closed));
  g_assert_cmpstr (bo_shift_get_closed_at (closed), >=, bo_shift_get_opened_at (closed));
  g_assert_cmpint (bo_shift_get_cash_counted (closed), ==, counted);
  g_assert_cmpint (bo_shift_get_variance (closed), ==, counted - drawer_expected (d));
  assert_figures (closed, d);

  /* What is stored for reports. */
  sql = g_strdup_printf ("SELECT cash_expected FROM shifts WHERE id = %" G_GINT64_FORMAT,
                         bo_shift_get_id (closed));
  g_assert_cmpint (bo_test_query_int (fx->store, sql), ==, drawer_expected (d));
  g_free (sql);
  sql = g_strdup_printf ("SELECT variance FROM shifts WHERE id = %" G_GINT64_FORMAT,
                         bo_shift_get_id (closed));
  g_assert_cmpint (bo_test_query_int (fx->store, sql), ==, counted - drawer_expected (d));
  g_free (sql);
  sql = g_strdup_printf ("SELECT closed_by FROM shifts WHERE id = %" G_GINT64_FORMAT,
                         bo_shift_get_id (closed));
  g_assert_cmpint (bo_test_query_int (fx->store, sql), ==, bo_operator_get_id (fx->manager));
}

static void
test_open (BoTestFixture *fx,
           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoShift) shift = NULL;
  g_autoptr (BoShift) second = NULL;
  g_autoptr (BoShift) current = NULL;
  g_autofree char *head = NULL;
  gint64 head_seq = 0;
  Drawer d = { .float_amount = 15000 };

  current = current_shift (fx);
  g_assert_null (current);

  /* A negative float is refused before anything else. */
  second = bo_shift_open (fx->store, fx->device, fx->cashier, -1, &error);
  g_assert_null (second);
  g_assert_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_INVALID);
  g_clear_error (&error);

  shift = open_shift (fx, fx->cashier, d.float_amount);
  g_assert_cmpint (bo_shift_get_id (shift), >, 0);
  g_assert_true (g_uuid_string_is_valid (bo_shift_get_uuid (shift)));
  g_assert_cmpint (bo_shift_get_operator_id (shift), ==, bo_operator_get_id (fx->cashier));
  g_assert_nonnull (bo_shift_get_opened_at (shift));
  g_assert_null (bo_shift_get_closed_at (shift));
  g_assert_cmpint (bo_shift_get_cash_counted (shift), ==, -1);
  g_assert_cmpint (bo_shift_get_variance (shift), ==, 0);
  g_assert_null (bo_shift_get_journal_head (shift));
  assert_figures (shift, &d);

  /* Opening is journaled. */
  head = bo_journal_head (fx->store, &head_seq, &error);
  g_assert_no_error (error);
  g_assert_cmpint (head_seq, ==, 1);
  g_assert_cmpint (bo_shift_get_first_journal_seq (shift), ==, head_seq);
  g_assert_cmpint (journal_seq_of (fx, BO_JOURNAL_SHIFT_OPEN, bo_shift_get_uuid (shift)), ==,
                   head_seq);

  current = current_shift (fx);
  g_assert_nonnull (current);
  g_assert_cmpint (bo_shift_get_id (current), ==, bo_shift_get_id (shift));
  g_assert_cmpstr (bo_shift_get_uuid (current), ==, bo_shift_get_uuid (shift));

  /* One open shift per counter, whoever asks. */
  second = bo_shift_open (fx->store, fx->device, fx->cashier, 100, &error);
  g_assert_null (second);
  g_assert_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_ALREADY_OPEN);
  g_clear_error (&error);
  second = bo_shift_open (fx->store, fx->device, fx->manager, 0, &error);
  g_assert_null (second);
  g_assert_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_ALREADY_OPEN);
  g_clear_error (&error);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM shifts"), ==, 1);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM journal"), ==, 1);
  g_assert_false (bo_store_in_transaction (fx->store));
}

/* Sales in cash (with change), by card, split voucher + cash, complimentary; cash in and out;
 * a cash refund, a card refund and a void; then the manager closes with counted cash above
 * what is expected. */
static void
test_day (BoTestFixture *fx,
          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoShift) shift = NULL;
  g_autoptr (BoShift) live = NULL;
  g_autoptr (BoShift) closed = NULL;
  g_autoptr (BoShift) refused = NULL;
  g_autoptr (BoOrder) cash_order = NULL;
  g_autoptr (BoOrder) card_order = NULL;
  g_autoptr (BoOrder) split_order = NULL;
  g_autoptr (BoOrder) exact_order = NULL;
  g_autoptr (BoOrder) comp_order = NULL;
  g_autoptr (BoRefund) refund = NULL;
  g_autoptr (BoRefund) card_refund = NULL;
  g_autoptr (BoRefund) void_refund = NULL;
  Drawer d = { .float_amount = 20000 };
  gint64 counted;

  shift = open_shift (fx, fx->cashier, d.float_amount);

  /* 2 standing, paid with a 100.00 note. */
  cash_order = sell_cash (fx, &d, STANDING, 2, 10000);
  /* 2 seated by card. */
  card_order = sell_card (fx, &d, SEATED, 2);
  /* A student and a standing ticket: 10.00 voucher, the rest in cash from a 50.00 note. */
  {
    g_autoptr (BoSale) sale = bo_sale_new (EVENT);
    gint64 total = ticket_price (fx, STUDENT) + ticket_price (fx, STANDING);
    GPtrArray *payments;
    BoOrderPayment *cash;

    g_assert_true (bo_sale_add_tickets (sale, STUDENT, 1, &error));
    g_assert_true (bo_sale_add_tickets (sale, STANDING, 1, &error));
    g_assert_no_error (error);
    bo_sale_add_payment (sale, BO_PAYMENT_VOUCHER, 1000, -1, "VOUCHER-7");
    bo_sale_add_payment (sale, BO_PAYMENT_CASH, BO_PAYMENT_REST, 5000, NULL);
    split_order = commit (fx, sale, fx->cashier);
    g_assert_cmpint (bo_order_get_total (split_order), ==, total);
    payments = bo_order_get_payments (split_order);
    g_assert_cmpuint (payments->len, ==, 2);
    cash = payments->pdata[1];
    g_assert_cmpint (cash->method, ==, BO_PAYMENT_CASH);
    g_assert_cmpint (cash->amount, ==, total - 1000);
    g_assert_cmpint (cash->change, ==, 5000 - (total - 1000));
    d.voucher += 1000;
    d.tendered += 5000;
    d.change += 5000 - (total - 1000);
  }
  /* A student ticket, exact cash. */
  exact_order = sell_cash (fx, &d, STUDENT, 1, -1);
  /* A complimentary ticket (manager). */
  {
    g_autoptr (BoSale) sale = bo_sale_new (EVENT);

    g_assert_true (bo_sale_add_tickets (sale, SEATED, 1, &error));
    g_assert_no_error (error);
    bo_sale_add_payment (sale, BO_PAYMENT_FREE, BO_PAYMENT_REST, -1, "press");
    comp_order = commit (fx, sale, fx->manager);
    d.free += ticket_price (fx, SEATED);
  }

  move_cash (fx, &d, 3000, "coins from the bank");
  move_cash (fx, &d, -2500, "safe drop");

  /* Live figures while open. */
  live = current_shift (fx);
  g_assert_nonnull (live);
  assert_figures (live, &d);
  g_clear_object (&live);

  /* One standing ticket of the cash order back in cash. */
  refund = refund_first_ticket (fx, cash_order);
  g_assert_cmpstr (bo_refund_get_method (refund), ==, "cash");
  g_assert_cmpint (bo_refund_get_amount (refund), ==, ticket_price (fx, STANDING));
  d.refunded += ticket_price (fx, STANDING);

  /* One seated ticket of the card order back to the card. */
  card_refund = refund_first_ticket (fx, card_order);
  g_assert_cmpstr (bo_refund_get_method (card_refund), ==, "card");
  g_assert_cmpint (bo_refund_get_amount (card_refund), ==, ticket_price (fx, SEATED));
  d.card -= ticket_price (fx, SEATED);

  /* The exact-cash sale was a mistake: voided on the spot, cash handed back. */
  void_refund = bo_void_order (fx->store, fx->device, fx->manager, bo_order_get_uuid (exact_order),
                               "wrong event", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bo_refund_get_method (void_refund), ==, "cash");
  g_assert_cmpint (bo_refund_get_amount (void_refund), ==, ticket_price (fx, STUDENT));
  d.refunded += ticket_price (fx, STUDENT);

  live = current_shift (fx);
  assert_figures (live, &d);
  g_clear_object (&live);

  /* A cashier cannot close, and negative counted cash makes no sense. */
  refused = bo_shift_close (fx->store, fx->device, fx->cashier, drawer_expected (&d), &error);
  g_assert_null (refused);
  g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  refused = bo_shift_close (fx->store, fx->device, fx->manager, -1, &error);
  g_assert_null (refused);
  g_assert_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_INVALID);
  g_clear_error (&error);
  live = current_shift (fx);
  g_assert_nonnull (live);
  g_clear_object (&live);

  /* Three euros more in the drawer than there should be. */
  counted = drawer_expected (&d) + 300;
  closed = bo_shift_close (fx->store, fx->device, fx->manager, counted, &error);
  g_assert_no_error (error);
  g_assert_nonnull (closed);
  g_assert_cmpint (bo_shift_get_id (closed), ==, bo_shift_get_id (shift));
  g_assert_cmpint (bo_shift_get_variance (closed), ==, 300);
  assert_closed (fx, closed, &d, counted);
  assert_closing (fx, closed, &d, counted, "Manager");
  assert_journal_verifies (fx);

  /* The same figures when looked up later. */
  g_clear_object (&live);
  live = bo_shift_lookup (fx->store, bo_shift_get_id (shift), &error);
  g_assert_no_error (error);
  assert_closed (fx, live, &d, counted);
  g_assert_cmpstr (bo_shift_get_journal_head (live), ==, bo_shift_get_journal_head (closed));
  g_clear_object (&live);

  /* Nothing is open any more. */
  live = current_shift (fx);
  g_assert_null (live);
  refused = bo_shift_close (fx->store, fx->device, fx->manager, 0, &error);
  g_assert_null (refused);
  g_assert_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_NOT_OPEN);
  g_clear_error (&error);
  g_assert_false (bo_shift_move_cash (fx->store, fx->device, fx->cashier, 100, NULL, &error));
  g_assert_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_NOT_OPEN);
  g_clear_error (&error);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM outbox WHERE kind = 'closing'"),
                   ==, 1);
}

static void
test_variance_below (BoTestFixture *fx,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoShift) shift = NULL;
  g_autoptr (BoShift) closed = NULL;
  g_autoptr (BoOrder) order = NULL;
  Drawer d = { .float_amount = 5000 };
  gint64 counted;

  shift = open_shift (fx, fx->cashier, d.float_amount);
  order = sell_cash (fx, &d, STANDING, 3, 20000);
  move_cash (fx, &d, -1000, "petty cash");

  /* 4.50 short. */
  counted = drawer_expected (&d) - 450;
  closed = bo_shift_close (fx->store, fx->device, fx->manager, counted, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_shift_get_variance (closed), ==, -450);
  assert_closed (fx, closed, &d, counted);
  assert_closing (fx, closed, &d, counted, "Manager");
  assert_journal_verifies (fx);
}

/* An empty drawer counted as empty: no sales, no variance, totals all zero. */
static void
test_empty_shift (BoTestFixture *fx,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoShift) shift = NULL;
  g_autoptr (BoShift) closed = NULL;
  Drawer d = { .float_amount = 0 };

  shift = open_shift (fx, fx->manager, 0);
  closed = bo_shift_close (fx->store, fx->device, fx->manager, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_shift_get_variance (closed), ==, 0);
  assert_closed (fx, closed, &d, 0);
  assert_closing (fx, closed, &d, 0, "Manager");
  assert_journal_verifies (fx);
}

static void
test_cash_out_limit (BoTestFixture *fx,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoShift) shift = NULL;
  g_autoptr (BoShift) live = NULL;
  g_autoptr (BoOrder) order = NULL;
  Drawer d = { .float_amount = 1000 };
  gint64 movements;

  shift = open_shift (fx, fx->cashier, d.float_amount);

  g_assert_false (bo_shift_move_cash (fx->store, fx->device, fx->cashier, -1001, "too much", &error));
  g_assert_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bo_shift_move_cash (fx->store, fx->device, fx->cashier, 0, "nothing", &error));
  g_assert_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM cash_movements"), ==, 0);

  /* Takings (net of change) count as cash in the drawer. */
  order = sell_cash (fx, &d, STUDENT, 1, 5000);
  g_assert_false (bo_shift_move_cash (fx->store, fx->device, fx->cashier,
                                      -(drawer_expected (&d) + 1), NULL, &error));
  g_assert_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_INVALID);
  g_clear_error (&error);

  /* Emptying the drawer exactly is fine; then nothing more can go out until cash comes in. */
  move_cash (fx, &d, -drawer_expected (&d), "everything to the safe");
  g_assert_cmpint (drawer_expected (&d), ==, 0);
  g_assert_false (bo_shift_move_cash (fx->store, fx->device, fx->cashier, -1, NULL, &error));
  g_assert_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_INVALID);
  g_clear_error (&error);
  move_cash (fx, &d, 700, "coins");
  move_cash (fx, &d, -700, "coins back");

  live = current_shift (fx);
  assert_figures (live, &d);
  g_assert_cmpint (bo_shift_get_cash_expected (live), ==, 0);

  /* Each movement is a row and a journal entry. */
  movements = bo_test_query_int (fx->store, "SELECT count(*) FROM cash_movements");
  g_assert_cmpint (movements, ==, 3);
  g_assert_cmpint (bo_test_query_int (fx->store,
                                      "SELECT count(*) FROM journal WHERE kind = 'cash_movement'"),
                   ==, movements);
  assert_journal_verifies (fx);
}

static void
test_no_shift (BoTestFixture *fx,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoSale) sale = bo_sale_new (EVENT);
  g_autoptr (BoOrder) order = NULL;
  g_autoptr (BoShift) closed = NULL;
  gint64 sold = bo_test_query_int (fx->store, "SELECT sold FROM ticket_types WHERE id = 11");

  g_assert_true (bo_sale_add_tickets (sale, STANDING, 1, &error));
  g_assert_no_error (error);
  bo_sale_add_payment (sale, BO_PAYMENT_CASH, BO_PAYMENT_REST, -1, NULL);
  order = bo_sale_commit (sale, fx->store, fx->device, fx->cashier, &error);
  g_assert_null (order);
  g_assert_error (error, BO_SALE_ERROR, BO_SALE_ERROR_NO_SHIFT);
  g_clear_error (&error);

  /* Not even a manager sells without a shift. */
  order = bo_sale_commit (sale, fx->store, fx->device, fx->manager, &error);
  g_assert_null (order);
  g_assert_error (error, BO_SALE_ERROR, BO_SALE_ERROR_NO_SHIFT);
  g_clear_error (&error);

  closed = bo_shift_close (fx->store, fx->device, fx->manager, 0, &error);
  g_assert_null (closed);
  g_assert_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_NOT_OPEN);
  g_clear_error (&error);
  g_assert_false (bo_shift_move_cash (fx->store, fx->device, fx->cashier, 500, NULL, &error));
  g_assert_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_NOT_OPEN);
  g_clear_error (&error);

  /* Nothing was written. */
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM orders"), ==, 0);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM tickets"), ==, 0);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM journal"), ==, 0);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM cash_movements"), ==, 0);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT sold FROM ticket_types WHERE id = 11"), ==,
                   sold);
  g_assert_false (bo_store_in_transaction (fx->store));
}

/* A new shift starts from its own float; a refund of an earlier shift's sale is paid from the
 * drawer of the shift that pays it, and leaves the closed shift's figures alone. */
static void
test_next_shift (BoTestFixture *fx,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoShift) first = NULL;
  g_autoptr (BoShift) first_closed = NULL;
  g_autoptr (BoShift) first_again = NULL;
  g_autoptr (BoShift) second = NULL;
  g_autoptr (BoShift) second_closed = NULL;
  g_autoptr (BoOrder) order = NULL;
  g_autoptr (BoOrder) later = NULL;
  g_autoptr (BoRefund) refund = NULL;
  Drawer d1 = { .float_amount = 10000 };
  Drawer d2 = { .float_amount = 8000 };
  gint64 counted1;

  first = open_shift (fx, fx->cashier, d1.float_amount);
  order = sell_cash (fx, &d1, STANDING, 2, -1);
  counted1 = drawer_expected (&d1);
  first_closed = bo_shift_close (fx->store, fx->device, fx->manager, counted1, &error);
  g_assert_no_error (error);
  assert_closed (fx, first_closed, &d1, counted1);

  second = open_shift (fx, fx->cashier, d2.float_amount);
  g_assert_cmpint (bo_shift_get_id (second), !=, bo_shift_get_id (first));
  g_assert_cmpstr (bo_shift_get_uuid (second), !=, bo_shift_get_uuid (first));
  assert_figures (second, &d2);

  refund = refund_first_ticket (fx, order);
  g_assert_cmpstr (bo_refund_get_method (refund), ==, "cash");
  d2.refunded += ticket_price (fx, STANDING);
  later = sell_card (fx, &d2, SEATED, 1);

  g_clear_object (&second);
  second = current_shift (fx);
  assert_figures (second, &d2);

  first_again = bo_shift_lookup (fx->store, bo_shift_get_id (first), &error);
  g_assert_no_error (error);
  assert_closed (fx, first_again, &d1, counted1);

  second_closed = bo_shift_close (fx->store, fx->device, fx->manager, drawer_expected (&d2), &error);
  g_assert_no_error (error);
  assert_closed (fx, second_closed, &d2, drawer_expected (&d2));
  assert_closing (fx, second_closed, &d2, drawer_expected (&d2), "Manager");
  /* Consecutive closings cover consecutive stretches of the journal. */
  g_assert_cmpint (bo_shift_get_first_journal_seq (second_closed), ==,
                   bo_shift_get_last_journal_seq (first_closed) + 1);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM outbox WHERE kind = 'closing'"),
                   ==, 2);
  assert_journal_verifies (fx);
}

static void
test_lookup_missing (BoTestFixture *fx,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoShift) shift = bo_shift_lookup (fx->store, 4242, &error);

  g_assert_null (shift);
  g_assert_error (error, BO_SHIFT_ERROR, BO_SHIFT_ERROR_NOT_OPEN);
}

/* Opens or closes the shift with the clock pinned at @when. */
static BoShift *
open_shift_at (BoTestFixture *fx,
               const char    *when)
{
  BoShift *shift;

  bo_test_pin_clock (when);
  shift = open_shift (fx, fx->cashier, 5000);
  bo_test_pin_clock (NULL);
  return shift;
}

static BoShift *
close_shift_at (BoTestFixture *fx,
                const char    *when)
{
  g_autoptr (GError) error = NULL;
  BoShift *shift;

  bo_test_pin_clock (when);
  shift = bo_shift_close (fx->store, fx->device, fx->manager, 5000, &error);
  bo_test_pin_clock (NULL);
  g_assert_no_error (error);
  g_assert_nonnull (shift);
  g_assert_cmpstr (bo_shift_get_closed_at (shift), ==, when);
  return shift;
}

/* The id of the last closed shift, or 0 (asserting there is no error). */
static gint64
last_closed_id (BoTestFixture *fx)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoShift) shift = bo_shift_find_last_closed (fx->store, &error);

  g_assert_no_error (error);
  if (shift == NULL)
    return 0;
  g_assert_nonnull (bo_shift_get_closed_at (shift));
  return bo_shift_get_id (shift);
}

/* The last closed shift is the one closed last, by time: not the open one, and not the one
 * with the highest id when shifts were restored or imported out of order. */
static void
test_last_closed (BoTestFixture *fx,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoShift) first = NULL;
  g_autoptr (BoShift) first_closed = NULL;
  g_autoptr (BoShift) second = NULL;
  g_autoptr (BoShift) second_closed = NULL;
  g_autoptr (BoShift) third = NULL;
  g_autoptr (BoShift) last = NULL;

  g_assert_cmpint (last_closed_id (fx), ==, 0);

  first = open_shift_at (fx, "2026-03-01T09:00:00Z");
  /* An open shift is not a closed one. */
  g_assert_cmpint (last_closed_id (fx), ==, 0);
  first_closed = close_shift_at (fx, "2026-03-01T17:00:00Z");
  g_assert_cmpint (last_closed_id (fx), ==, bo_shift_get_id (first));

  second = open_shift_at (fx, "2026-03-02T09:00:00Z");
  g_assert_cmpint (last_closed_id (fx), ==, bo_shift_get_id (first));
  second_closed = close_shift_at (fx, "2026-03-02T17:00:00Z");
  g_assert_cmpint (last_closed_id (fx), ==, bo_shift_get_id (second));

  /* Restored from an older counter: a higher id, closed long before. */
  bo_test_insert_closed_shift (fx, 100, "2026-02-01T09:00:00Z", "2026-02-01T17:00:00Z");
  g_assert_cmpint (last_closed_id (fx), ==, bo_shift_get_id (second));
  /* Closed in the same second as the second shift: the higher id breaks the tie. */
  bo_test_insert_closed_shift (fx, 50, "2026-03-02T10:00:00Z", "2026-03-02T17:00:00Z");
  g_assert_cmpint (last_closed_id (fx), ==, 50);
  /* A lower id closed later wins; a time with an offset counts as the instant it names
   * (18:30+01:00 is 17:30 UTC, after 17:00 UTC though its text sorts before it). */
  bo_test_insert_closed_shift (fx, 40, "2026-03-02T10:00:00Z", "2026-03-02T18:30:00+01:00");
  g_assert_cmpint (last_closed_id (fx), ==, 40);
  bo_test_insert_closed_shift (fx, 30, "2026-03-02T11:00:00Z", "2026-03-02T17:45:00Z");
  g_assert_cmpint (last_closed_id (fx), ==, 30);

  /* The next shift the counter opens takes an id above all of them, and once closed it is the
   * last, whatever its id. */
  third = open_shift_at (fx, "2026-03-03T09:00:00Z");
  g_assert_cmpint (bo_shift_get_id (third), >, 100);
  g_assert_cmpint (last_closed_id (fx), ==, 30);
  g_clear_object (&third);
  third = close_shift_at (fx, "2026-03-03T17:00:00Z");

  last = bo_shift_find_last_closed (fx->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (last);
  g_assert_cmpint (bo_shift_get_id (last), ==, bo_shift_get_id (third));
  g_assert_cmpstr (bo_shift_get_uuid (last), ==, bo_shift_get_uuid (third));
  g_assert_cmpstr (bo_shift_get_closed_at (last), ==, "2026-03-03T17:00:00Z");
  g_assert_cmpint (bo_shift_get_cash_counted (last), ==, 5000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/bo/shift/open", BoTestFixture, GINT_TO_POINTER (TRUE),
              bo_test_fixture_setup, test_open, bo_test_fixture_teardown);
  g_test_add ("/bo/shift/day", BoTestFixture, GINT_TO_POINTER (TRUE),
              bo_test_fixture_setup, test_day, bo_test_fixture_teardown);
  g_test_add ("/bo/shift/variance-below", BoTestFixture, GINT_TO_POINTER (TRUE),
              bo_test_fixture_setup, test_variance_below, bo_test_fixture_teardown);
  g_test_add ("/bo/shift/empty", BoTestFixture, GINT_TO_POINTER (TRUE),
              bo_test_fixture_setup, test_empty_shift, bo_test_fixture_teardown);
  g_test_add ("/bo/shift/cash-out-limit", BoTestFixture, GINT_TO_POINTER (TRUE),
              bo_test_fixture_setup, test_cash_out_limit, bo_test_fixture_teardown);
  g_test_add ("/bo/shift/no-shift", BoTestFixture, GINT_TO_POINTER (TRUE),
              bo_test_fixture_setup, test_no_shift, bo_test_fixture_teardown);
  g_test_add ("/bo/shift/next-shift", BoTestFixture, GINT_TO_POINTER (TRUE),
              bo_test_fixture_setup, test_next_shift, bo_test_fixture_teardown);
  g_test_add ("/bo/shift/lookup-missing", BoTestFixture, GINT_TO_POINTER (TRUE),
              bo_test_fixture_setup, test_lookup_missing, bo_test_fixture_teardown);
  g_test_add ("/bo/shift/last-closed", BoTestFixture, GINT_TO_POINTER (TRUE),
              bo_test_fixture_setup, test_last_closed, bo_test_fixture_teardown);

  return g_test_run ();
}
