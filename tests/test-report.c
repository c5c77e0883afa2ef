/* test-report.c — shift closings (X/Z), day and event reports, and what they look like
 *
 * Every expected figure is worked out here from what the test itself sold through the core
 * (catalogue prices times quantities, cash handed over, amounts moved), never from the report
 * code's own arithmetic. Renderings are checked as a person would see them: PDFs through
 * poppler (pdftotext for the words, pdftoppm for the pixels of the charts).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "bo-test-util.h"
#include "domain/bo-checkin.h"
#include "domain/bo-journal.h"
#include "domain/bo-money.h"
#include "domain/bo-refund.h"
#include "domain/bo-sale.h"
#include "domain/bo-shift.h"
#include "print/bo-print-error.h"
#include "report/bo-chart.h"
#include "report/bo-report.h"
#include "report/bo-report-print.h"
#include "report/bo-report-render.h"

/* Demo catalogue: event 1 and three of its ticket types. */
#define EVENT     1
#define STANDING  11
#define SEATED    12
#define STUDENT   13

/* The clock every test starts from: event 1 of the demo plays this evening (Sarajevo). */
#define MORNING   "2026-03-01T09:00:00Z"

typedef struct {
  gint64 price[3];      /* price + fee of STANDING, SEATED, STUDENT */
  gint64 fee[3];
  /* what the shift scenario did */
  gint64 qty[3];
  gint64 refunded_qty[3];
  gint64 paid[4];       /* cash, card, voucher, free */
  gint64 refunded[4];
  gint64 refunds;       /* kind refund */
  gint64 voids;
  gint64 float_amount;
  gint64 tendered;
  gint64 change;
  gint64 cash_in;
  gint64 cash_out;
  gint64 counted;
  gint64 shift_id;
} Scenario;

static gint64
query_type (BoTestFixture *fx,
            const char    *column,
            gint64         type)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM ticket_types WHERE id = %"
                                          G_GINT64_FORMAT, column, type);

  return bo_test_query_int (fx->store, sql);
}

/* Three tax rates, so that "tax per rate" has something to separate. */
static void
scenario_init (BoTestFixture *fx,
               Scenario      *s)
{
  static const gint64 types[] = { STANDING, SEATED, STUDENT };

  memset (s, 0, sizeof *s);
  bo_test_exec (fx->store, "UPDATE ticket_types SET tax_rate_bp = 2000 WHERE id = 12");
  bo_test_exec (fx->store, "UPDATE ticket_types SET tax_rate_bp = 950 WHERE id = 13");
  for (int i = 0; i < 3; i++)
    {
      s->price[i] = query_type (fx, "price + fee", types[i]);
      s->fee[i] = query_type (fx, "fee", types[i]);
      g_assert_cmpint (s->price[i], >, 0);
    }
}

static const int rates[3] = { 1700, 2000, 950 };

/* Tax contained in @gross at @rate_bp, rounded half up: worked out here on its own. */
static gint64
tax_of (gint64 gross,
        gint64 rate_bp)
{
  return (2 * gross * rate_bp + (10000 + rate_bp)) / (2 * (10000 + rate_bp));
}

static BoOrder *
sell (BoTestFixture   *fx,
      BoOperator      *op,
      gint64           type,
      guint            quantity,
      BoPaymentMethod  method,
      gint64           tendered)
{
  g_autoptr (BoSale) sale = bo_sale_new (EVENT);
  g_autoptr (GError) error = NULL;
  BoOrder *order;

  g_assert_true (bo_sale_add_tickets (sale, type, quantity, &error));
  g_assert_no_error (error);
  bo_sale_add_payment (sale, method, BO_PAYMENT_REST, tendered,
                       method == BO_PAYMENT_CARD ? "AUTH-1" : NULL);
  order = bo_sale_commit (sale, fx->store, fx->device, op, &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);
  return order;
}

static BoShift *
open_shift (BoTestFixture *fx,
            gint64         float_amount)
{
  g_autoptr (GError) error = NULL;
  BoShift *shift = bo_shift_open (fx->store, fx->device, fx->cashier, float_amount, &error);

  g_assert_no_error (error);
  g_assert_nonnull (shift);
  return shift;
}

static BoShift *
close_shift (BoTestFixture *fx,
             gint64         counted)
{
  g_autoptr (GError) error = NULL;
  BoShift *shift = bo_shift_close (fx->store, fx->device, fx->manager, counted, &error);

  g_assert_no_error (error);
  g_assert_nonnull (shift);
  return shift;
}

static void
move_cash (BoTestFixture *fx,
           Scenario      *s,
           gint64         amount)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (bo_shift_move_cash (fx->store, fx->device, fx->cashier, amount, "till", &error));
  g_assert_no_error (error);
  if (amount > 0)
    s->cash_in += amount;
  else
    s->cash_out -= amount;
}

static gint64
drawer_expected (const Scenario *s)
{
  return s->float_amount + s->tendered - s->change - s->refunded[BO_PAYMENT_CASH] + s->cash_in
         - s->cash_out;
}

/* A shift with every kind of sale and correction: cash with change, card, voucher + card,
 * complimentary, a refund in cash, one by card, a void, cash in and out, counted short. */
static BoShift *
run_shift (BoTestFixture *fx,
           Scenario      *s)
{
  g_autoptr (BoShift) opened = NULL;
  g_autoptr (BoOrder) a = NULL;
  g_autoptr (BoOrder) b = NULL;
  g_autoptr (BoOrder) c = NULL;
  g_autoptr (BoOrder) d = NULL;
  g_autoptr (BoOrder) e = NULL;
  g_autoptr (BoRefund) refund_a = NULL;
  g_autoptr (BoRefund) refund_c = NULL;
  g_autoptr (BoRefund) void_e = NULL;
  g_autoptr (BoSale) split = bo_sale_new (EVENT);
  g_autoptr (GError) error = NULL;
  const char *one[2] = { NULL, NULL };

  s->float_amount = 10000;
  opened = open_shift (fx, s->float_amount);
  s->shift_id = bo_shift_get_id (opened);

  /* a: 2 standing, cash, 100.00 handed over */
  a = sell (fx, fx->cashier, STANDING, 2, BO_PAYMENT_CASH, 10000);
  s->qty[0] += 2;
  s->paid[BO_PAYMENT_CASH] += 2 * s->price[0];
  s->tendered += 10000;
  s->change += 10000 - 2 * s->price[0];

  /* b: 1 seated, card */
  b = sell (fx, fx->cashier, SEATED, 1, BO_PAYMENT_CARD, -1);
  s->qty[1] += 1;
  s->paid[BO_PAYMENT_CARD] += s->price[1];

  /* c: 3 students, 20.00 by voucher, the rest by card */
  g_assert_true (bo_sale_add_tickets (split, STUDENT, 3, &error));
  bo_sale_add_payment (split, BO_PAYMENT_VOUCHER, 2000, -1, "GIFT-7");
  bo_sale_add_payment (split, BO_PAYMENT_CARD, BO_PAYMENT_REST, -1, "AUTH-2");
  c = bo_sale_commit (split, fx->store, fx->device, fx->cashier, &error);
  g_assert_no_error (error);
  s->qty[2] += 3;
  s->paid[BO_PAYMENT_VOUCHER] += 2000;
  s->paid[BO_PAYMENT_CARD] += 3 * s->price[2] - 2000;

  /* d: 1 standing, complimentary (manager) */
  d = sell (fx, fx->manager, STANDING, 1, BO_PAYMENT_FREE, -1);
  s->qty[0] += 1;
  s->paid[BO_PAYMENT_FREE] += s->price[0];

  /* e: 1 seated, exact cash, then voided */
  e = sell (fx, fx->cashier, SEATED, 1, BO_PAYMENT_CASH, -1);
  s->qty[1] += 1;
  s->paid[BO_PAYMENT_CASH] += s->price[1];
  s->tendered += s->price[1];

  /* one ticket of a back in cash */
  one[0] = ((BoOrderTicket *) bo_order_get_tickets (a)->pdata[0])->uuid;
  refund_a = bo_refund_order (fx->store, fx->device, fx->manager, bo_order_get_uuid (a), one,
                              "ill", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bo_refund_get_method (refund_a), ==, "cash");
  g_assert_cmpint (bo_refund_get_amount (refund_a), ==, s->price[0]);
  s->refunded_qty[0]++;
  s->refunded[BO_PAYMENT_CASH] += s->price[0];
  s->refunds += s->price[0];

  /* one student of c back: card took the most of it */
  one[0] = ((BoOrderTicket *) bo_order_get_tickets (c)->pdata[0])->uuid;
  refund_c = bo_refund_order (fx->store, fx->device, fx->manager, bo_order_get_uuid (c), one,
                              NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bo_refund_get_method (refund_c), ==, "card");
  g_assert_cmpint (bo_refund_get_amount (refund_c), ==, s->price[2]);
  s->refunded_qty[2]++;
  s->refunded[BO_PAYMENT_CARD] += s->price[2];
  s->refunds += s->price[2];

  void_e = bo_void_order (fx->store, fx->device, fx->manager, bo_order_get_uuid (e), "mistake",
                          &error);
  g_assert_no_error (error);
  s->refunded_qty[1]++;
  s->refunded[BO_PAYMENT_CASH] += s->price[1];
  s->voids += s->price[1];

  move_cash (fx, s, 1000);
  move_cash (fx, s, -3000);

  s->counted = drawer_expected (s) - 150;
  return close_shift (fx, s->counted);
}

static gint64
number (BoReport   *report,
        const char *section,
        const char *row,
        const char *column)
{
  gint64 value = G_MININT64;

  if (!bo_report_lookup_number (report, section, row, column, &value))
    g_error ("no number at %s/%s/%s", section, row, column);
  return value;
}

static gboolean
has_row (BoReport   *report,
         const char *section_id,
         const char *row_id)
{
  BoReportSection *section = bo_report_find_section (report, section_id);

  g_assert_nonnull (section);
  for (guint r = 0; r < bo_report_section_get_n_rows (section); r++)
    if (g_strcmp0 (bo_report_section_get_row_id (section, r), row_id) == 0)
      return TRUE;
  return FALSE;
}

/* The number in @column of the row whose @key_column shows @key. */
static gint64
number_where (BoReport   *report,
              const char *section_id,
              const char *key_column,
              const char *key,
              const char *column)
{
  BoReportSection *section = bo_report_find_section (report, section_id);

  g_assert_nonnull (section);
  for (guint r = 0; r < bo_report_section_get_n_rows (section); r++)
    {
      const char *row_id = bo_report_section_get_row_id (section, r);

      if (g_strcmp0 (bo_report_lookup_text (report, section_id, row_id, key_column), key) == 0)
        return number (report, section_id, row_id, column);
    }
  g_error ("no row with %s = %s in %s", key_column, key, section_id);
  return 0;
}

static void
assert_shift_figures (BoReport       *report,
                      const Scenario *s)
{
  static const char *type_ids[] = { "11", "12", "13" };
  static const char *methods[] = { "cash", "card", "voucher", "free" };
  gint64 gross = 0, fees = 0, tickets = 0, paid = 0, refunded = 0, tax_total = 0;

  for (int i = 0; i < 3; i++)
    {
      gint64 kept = (s->qty[i] - s->refunded_qty[i]) * s->price[i];
      g_autofree char *rate = g_strdup_printf ("%d", rates[i]);

      g_assert_cmpint (number (report, "sales_by_type", type_ids[i], "quantity"), ==, s->qty[i]);
      g_assert_cmpint (number (report, "sales_by_type", type_ids[i], "gross"), ==,
                       s->qty[i] * s->price[i]);
      g_assert_cmpint (number (report, "sales_by_type", type_ids[i], "fees"), ==,
                       s->qty[i] * s->fee[i]);
      g_assert_cmpint (number (report, "refunds_by_type", type_ids[i], "tickets"), ==,
                       s->refunded_qty[i]);
      g_assert_cmpint (number (report, "refunds_by_type", type_ids[i], "value"), ==,
                       s->refunded_qty[i] * s->price[i]);
      /* one rate per type in this scenario */
      g_assert_cmpint (number (report, "taxes", rate, "gross"), ==, kept);
      g_assert_cmpint (number (report, "taxes", rate, "tax"), ==, tax_of (kept, rates[i]));
      g_assert_cmpint (number (report, "taxes", rate, "net"), ==, kept - tax_of (kept, rates[i]));
      tax_total += tax_of (kept, rates[i]);
      gross += s->qty[i] * s->price[i];
      fees += s->qty[i] * s->fee[i];
      tickets += s->qty[i];
    }
  g_assert_cmpint (number (report, "sales_by_type", "total", "gross"), ==, gross);
  g_assert_cmpint (number (report, "sales_by_type", "total", "quantity"), ==, tickets);
  g_assert_cmpint (number (report, "taxes", "total", "tax"), ==, tax_total);

  for (int m = 0; m < 4; m++)
    {
      g_assert_cmpint (number (report, "by_method", methods[m], "sales"), ==, s->paid[m]);
      g_assert_cmpint (number (report, "by_method", methods[m], "refunds"), ==, s->refunded[m]);
      g_assert_cmpint (number (report, "by_method", methods[m], "net"), ==,
                       s->paid[m] - s->refunded[m]);
      paid += s->paid[m];
      refunded += s->refunded[m];
    }
  g_assert_cmpint (number (report, "by_method", "total", "sales"), ==, paid);
  g_assert_cmpint (paid, ==, gross); /* every sale fully paid, complimentary included */

  g_assert_cmpint (number (report, "totals", "orders", "value"), ==, 5);
  g_assert_cmpint (number (report, "totals", "tickets", "value"), ==, tickets);
  g_assert_cmpint (number (report, "totals", "gross", "value"), ==, gross);
  g_assert_cmpint (number (report, "totals", "fees", "value"), ==, fees);
  g_assert_cmpint (number (report, "totals", "complimentary", "value"), ==,
                   s->paid[BO_PAYMENT_FREE]);
  g_assert_cmpint (number (report, "totals", "refunds", "value"), ==, s->refunds);
  g_assert_cmpint (number (report, "totals", "voids", "value"), ==, s->voids);
  g_assert_cmpint (number (report, "totals", "net", "value"), ==,
                   paid - s->paid[BO_PAYMENT_FREE] - refunded);

  g_assert_cmpint (number (report, "cash", "float", "value"), ==, s->float_amount);
  g_assert_cmpint (number (report, "cash", "cash_sales", "value"), ==, s->tendered - s->change);
  g_assert_cmpint (number (report, "cash", "cash_refunds", "value"), ==,
                   s->refunded[BO_PAYMENT_CASH]);
  g_assert_cmpint (number (report, "cash", "cash_in", "value"), ==, s->cash_in);
  g_assert_cmpint (number (report, "cash", "cash_out", "value"), ==, s->cash_out);
  g_assert_cmpint (number (report, "cash", "expected", "value"), ==, drawer_expected (s));

  /* Two operators sold: the cashier four orders, the manager the complimentary one. */
  g_assert_cmpint (number_where (report, "operators", "operator", "Cashier", "orders"), ==, 4);
  g_assert_cmpint (number_where (report, "operators", "operator", "Manager", "tickets"), ==, 1);
}

static void
test_shift_z (BoTestFixture *fx,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoShift) closed = NULL;
  g_autoptr (BoReport) report = NULL;
  g_autofree char *head = NULL;
  Scenario s;
  gint64 head_seq = 0, sales, refunds;
  BoReportSection *movements;

  scenario_init (fx, &s);
  closed = run_shift (fx, &s);
  head = bo_journal_head (fx->store, &head_seq, &error);

  report = bo_report_new_shift (fx->store, fx->device, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_report_get_kind (report), ==, BO_REPORT_SHIFT_Z);
  g_assert_cmpstr (bo_report_lookup_text (report, "shift", "report", "value"), ==, "Z");
  g_assert_cmpstr (bo_report_lookup_text (report, "shift", "opened_by", "value"), ==, "Cashier");
  g_assert_cmpstr (bo_report_lookup_text (report, "shift", "closed_by", "value"), ==, "Manager");
  assert_shift_figures (report, &s);

  g_assert_cmpint (number (report, "cash", "counted", "value"), ==, s.counted);
  g_assert_cmpint (number (report, "cash", "variance", "value"), ==, -150);

  movements = bo_report_find_section (report, "movements");
  g_assert_cmpuint (bo_report_section_get_n_rows (movements), ==, 2);

  /* The closing's journal entry is the last one; the head seals it. */
  g_assert_cmpint (number (report, "journal", "last_seq", "value"), ==, head_seq);
  g_assert_cmpstr (bo_report_lookup_text (report, "journal", "head", "value"), ==, head);
  g_assert_cmpint (number (report, "journal", "first_seq", "value"), ==, 1);

  /* First closing: the grand totals are this shift's paid sales and refunds. */
  sales = s.paid[BO_PAYMENT_CASH] + s.paid[BO_PAYMENT_CARD] + s.paid[BO_PAYMENT_VOUCHER];
  refunds = s.refunded[BO_PAYMENT_CASH] + s.refunded[BO_PAYMENT_CARD];
  g_assert_cmpint (number (report, "journal", "grand_total_sales", "value"), ==, sales);
  g_assert_cmpint (number (report, "journal", "grand_total_refunds", "value"), ==, refunds);
  g_assert_cmpint (number (report, "journal", "grand_total_net", "value"), ==, sales - refunds);
}

static void
test_shift_x (BoTestFixture *fx,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoShift) shift = NULL;
  g_autoptr (BoOrder) order = NULL;
  g_autoptr (BoReport) report = NULL;
  g_autofree char *head = NULL;
  Scenario s;
  gint64 head_seq = 0, before;

  scenario_init (fx, &s);
  shift = open_shift (fx, 5000);
  order = sell (fx, fx->cashier, SEATED, 2, BO_PAYMENT_CASH, 10000);
  head = bo_journal_head (fx->store, &head_seq, &error);
  before = bo_test_query_int (fx->store, "SELECT count (*) FROM journal");

  report = bo_report_new_shift (fx->store, fx->device, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_report_get_kind (report), ==, BO_REPORT_SHIFT_X);
  g_assert_cmpstr (bo_report_lookup_text (report, "shift", "report", "value"), ==, "X");
  g_assert_cmpint (number (report, "sales_by_type", "12", "quantity"), ==, 2);
  g_assert_cmpint (number (report, "by_method", "cash", "sales"), ==, 2 * s.price[1]);
  g_assert_cmpint (number (report, "cash", "expected", "value"), ==, 5000 + 2 * s.price[1]);
  /* Nothing counted yet, and an X report closes nothing and writes nothing. */
  g_assert_false (has_row (report, "cash", "counted"));
  g_assert_false (has_row (report, "cash", "variance"));
  g_assert_cmpint (number (report, "journal", "last_seq", "value"), ==, head_seq);
  g_assert_cmpstr (bo_report_lookup_text (report, "journal", "head", "value"), ==, head);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count (*) FROM journal"), ==, before);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count (*) FROM shifts "
                                                 " WHERE closed_at IS NULL"), ==, 1);
}

/* The grand totals of the closing entries add up over shifts and never reset. */
static void
test_grand_totals (BoTestFixture *fx,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoShift) first = NULL;
  g_autoptr (BoShift) second = NULL;
  g_autoptr (BoShift) third = NULL;
  g_autoptr (BoShift) opened = NULL;
  g_autoptr (BoShift) opened_again = NULL;
  g_autoptr (BoOrder) o1 = NULL;
  g_autoptr (BoOrder) o2 = NULL;
  g_autoptr (BoReport) z1 = NULL;
  g_autoptr (BoReport) z2 = NULL;
  g_autoptr (BoReport) z3 = NULL;
  g_autoptr (BoRefund) refund = NULL;
  Scenario s;
  gint64 sales1, refunds1, sales2;

  scenario_init (fx, &s);
  first = run_shift (fx, &s);
  sales1 = s.paid[BO_PAYMENT_CASH] + s.paid[BO_PAYMENT_CARD] + s.paid[BO_PAYMENT_VOUCHER];
  refunds1 = s.refunded[BO_PAYMENT_CASH] + s.refunded[BO_PAYMENT_CARD];

  /* Second shift: one card sale of two standing tickets, one of them refunded. */
  opened = open_shift (fx, 0);
  o1 = sell (fx, fx->cashier, STANDING, 2, BO_PAYMENT_CARD, -1);
  refund = bo_refund_order (fx->store, fx->device, fx->manager, bo_order_get_uuid (o1), NULL,
                            NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_refund_get_amount (refund), ==, 2 * s.price[0]);
  sales2 = 2 * s.price[0];
  second = close_shift (fx, 0);

  /* Third shift: only a complimentary ticket, which is no takings. */
  opened_again = open_shift (fx, 0);
  o2 = sell (fx, fx->manager, STUDENT, 1, BO_PAYMENT_FREE, -1);
  third = close_shift (fx, 0);

  z1 = bo_report_new_shift (fx->store, fx->device, bo_shift_get_id (first), &error);
  g_assert_no_error (error);
  z2 = bo_report_new_shift (fx->store, fx->device, bo_shift_get_id (second), &error);
  g_assert_no_error (error);
  z3 = bo_report_new_shift (fx->store, fx->device, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (number (z3, "shift", "shift_id", "value"), ==, bo_shift_get_id (third));

  g_assert_cmpint (number (z1, "journal", "grand_total_sales", "value"), ==, sales1);
  g_assert_cmpint (number (z2, "journal", "grand_total_sales", "value"), ==, sales1 + sales2);
  g_assert_cmpint (number (z2, "journal", "grand_total_refunds", "value"), ==,
                   refunds1 + sales2);
  g_assert_cmpint (number (z2, "journal", "grand_total_net", "value"), ==, sales1 - refunds1);
  g_assert_cmpint (number (z3, "journal", "grand_total_sales", "value"), ==, sales1 + sales2);
  g_assert_cmpint (number (z3, "journal", "grand_total_net", "value"), ==, sales1 - refunds1);
  /* The third shift's own report still shows its complimentary ticket. */
  g_assert_cmpint (number (z3, "totals", "complimentary", "value"), ==, s.price[2]);

  /* Old closings are not rewritten: the first Z still reads as it did. */
  g_assert_cmpint (bo_test_query_int (fx->store,
                                      "SELECT json_extract (payload, '$.grand_total_sales') "
                                      " FROM journal WHERE kind = 'shift_close' ORDER BY seq "
                                      " LIMIT 1"), ==, sales1);
}

static void
test_shift_missing (BoTestFixture *fx,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoReport) report = NULL;

  report = bo_report_new_shift (fx->store, fx->device, 0, &error);
  g_assert_error (error, BO_REPORT_ERROR, BO_REPORT_ERROR_NOT_FOUND);
  g_assert_null (report);
  g_clear_error (&error);
  report = bo_report_new_shift (fx->store, fx->device, 42, &error);
  g_assert_error (error, BO_REPORT_ERROR, BO_REPORT_ERROR_NOT_FOUND);
}

/* Sales at known times: 10:05, 10:40, 12:10 UTC on 1 March (11:05, 11:40, 13:10 in Sarajevo)
 * and one the day after, which the day report of 1 March must leave out. */
static void
test_day (BoTestFixture *fx,
          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoShift) shift = NULL;
  g_autoptr (BoReport) report = NULL;
  g_autoptr (BoReport) bad = NULL;
  g_autoptr (GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  Scenario s;

  scenario_init (fx, &s);
  bo_test_pin_clock ("2026-03-01T10:00:00Z");
  shift = open_shift (fx, 0);
  bo_test_pin_clock ("2026-03-01T10:05:00Z");
  g_ptr_array_add (orders, sell (fx, fx->cashier, STANDING, 2, BO_PAYMENT_CARD, -1));
  bo_test_pin_clock ("2026-03-01T10:40:00Z");
  g_ptr_array_add (orders, sell (fx, fx->cashier, SEATED, 1, BO_PAYMENT_CASH, -1));
  bo_test_pin_clock ("2026-03-01T12:10:00Z");
  g_ptr_array_add (orders, sell (fx, fx->cashier, STUDENT, 3, BO_PAYMENT_CARD, -1));
  bo_test_pin_clock ("2026-03-02T09:00:00Z");
  g_ptr_array_add (orders, sell (fx, fx->cashier, STANDING, 4, BO_PAYMENT_CARD, -1));
  bo_test_pin_clock ("2026-03-02T10:00:00Z");

  report = bo_report_new_day (fx->store, fx->device, "2026-03-01", &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_report_get_kind (report), ==, BO_REPORT_DAY);
  g_assert_cmpstr (bo_report_get_timezone (report), ==, "Europe/Sarajevo");
  g_assert_cmpint (number (report, "totals", "orders", "value"), ==, 3);
  g_assert_cmpint (number (report, "totals", "tickets", "value"), ==, 6);
  g_assert_cmpint (number (report, "totals", "gross", "value"), ==,
                   2 * s.price[0] + s.price[1] + 3 * s.price[2]);
  g_assert_cmpint (number (report, "by_method", "cash", "sales"), ==, s.price[1]);
  g_assert_cmpint (number (report, "by_method", "card", "sales"), ==,
                   2 * s.price[0] + 3 * s.price[2]);
  g_assert_false (has_row (report, "sales_by_type", "99"));

  /* Hours in local time, from the first sale's to the last's, empty ones included. */
  g_assert_cmpint (bo_report_section_get_n_rows (bo_report_find_section (report, "over_time")),
                   ==, 3);
  g_assert_cmpint (number_where (report, "over_time", "period", "11:00", "orders"), ==, 2);
  g_assert_cmpint (number_where (report, "over_time", "period", "11:00", "gross"), ==,
                   2 * s.price[0] + s.price[1]);
  g_assert_cmpint (number_where (report, "over_time", "period", "12:00", "orders"), ==, 0);
  g_assert_cmpint (number_where (report, "over_time", "period", "13:00", "tickets"), ==, 3);
  g_assert_cmpint (bo_chart_get_n_categories (bo_report_section_get_chart (
                     bo_report_find_section (report, "over_time"))), ==, 3);

  /* The next day holds only the last sale. */
  g_clear_object (&report);
  report = bo_report_new_day (fx->store, fx->device, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bo_report_lookup_text (report, "period", "date", "value"), ==, "2026-03-02");
  g_assert_cmpint (number (report, "totals", "tickets", "value"), ==, 4);

  bad = bo_report_new_day (fx->store, fx->device, "2026-02-30", &error);
  g_assert_error (error, BO_REPORT_ERROR, BO_REPORT_ERROR_INVALID);
  g_assert_null (bad);
}

static BoCheckin *
scan (BoTestFixture *fx,
      const char    *when,
      const char    *secret)
{
  g_autoptr (GError) error = NULL;
  BoCheckin *checkin;

  bo_test_pin_clock (when);
  checkin = bo_checkin_scan (fx->store, fx->device, fx->cashier, EVENT, secret, "North",
                             BO_DIRECTION_ENTRY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_checkin_get_verdict (checkin), ==, BO_VERDICT_ACCEPTED);
  return checkin;
}

/* Channels from the synced ticket counts, attendance and arrivals from check-ins. */
static void
test_event (BoTestFixture *fx,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoShift) shift = NULL;
  g_autoptr (BoOrder) standing = NULL;
  g_autoptr (BoOrder) seated = NULL;
  g_autoptr (BoRefund) refund = NULL;
  g_autoptr (BoReport) report = NULL;
  g_autoptr (GPtrArray) scans = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *tickets;
  Scenario s;
  gint64 elsewhere_standing, elsewhere_seated;
  const char *one[2] = { NULL, NULL };

  scenario_init (fx, &s);
  /* Sold elsewhere before this counter sold anything (the catalogue's count, as synced). */
  elsewhere_standing = query_type (fx, "sold", STANDING);
  elsewhere_seated = query_type (fx, "sold", SEATED);
  /* Two tickets of the server's feed, one of them already in at another gate. */
  bo_test_exec (fx->store,
                "INSERT INTO tickets (uuid, server_id, event_id, ticket_type_id, secret, "
                " status, checked_in_at) VALUES "
                "('feed-1', 9001, 1, 11, 'ONLINE-SECRET-1', 'valid', '2026-03-01T19:20:00Z'), "
                "('feed-2', 9002, 1, 11, 'ONLINE-SECRET-2', 'valid', NULL)");

  bo_test_pin_clock ("2026-03-01T10:00:00Z");
  shift = open_shift (fx, 0);
  standing = sell (fx, fx->cashier, STANDING, 4, BO_PAYMENT_CARD, -1);
  seated = sell (fx, fx->cashier, SEATED, 2, BO_PAYMENT_CASH, -1);
  one[0] = ((BoOrderTicket *) bo_order_get_tickets (standing)->pdata[3])->uuid;
  refund = bo_refund_order (fx->store, fx->device, fx->manager, bo_order_get_uuid (standing), one,
                            NULL, &error);
  g_assert_no_error (error);

  /* Doors: 19:50, 20:05, 20:07 in Sarajevo (UTC+1); the feed ticket came in at 20:20. */
  tickets = bo_order_get_tickets (standing);
  g_ptr_array_add (scans, scan (fx, "2026-03-01T18:50:00Z",
                                ((BoOrderTicket *) tickets->pdata[0])->secret));
  g_ptr_array_add (scans, scan (fx, "2026-03-01T19:05:00Z",
                                ((BoOrderTicket *) tickets->pdata[1])->secret));
  tickets = bo_order_get_tickets (seated);
  g_ptr_array_add (scans, scan (fx, "2026-03-01T19:07:00Z",
                                ((BoOrderTicket *) tickets->pdata[0])->secret));
  bo_test_pin_clock ("2026-03-01T23:00:00Z");

  report = bo_report_new_event (fx->store, fx->device, EVENT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_report_get_kind (report), ==, BO_REPORT_EVENT);
  g_assert_cmpstr (bo_report_get_timezone (report), ==, "Europe/Sarajevo");

  /* Channels: this counter's valid tickets against everyone else's. */
  g_assert_cmpint (number (report, "channels", "11", "here"), ==, 3);
  g_assert_cmpint (number (report, "channels", "11", "other"), ==, elsewhere_standing);
  g_assert_cmpint (number (report, "channels", "11", "sold"), ==, elsewhere_standing + 3);
  g_assert_cmpint (number (report, "channels", "12", "here"), ==, 2);
  g_assert_cmpint (number (report, "channels", "12", "other"), ==, elsewhere_seated);
  g_assert_cmpint (number (report, "channels", "total", "here"), ==, 5);

  /* Attendance: in = scanned here + reported in by the server. */
  g_assert_cmpint (number (report, "attendance", "11", "sold"), ==, elsewhere_standing + 3);
  g_assert_cmpint (number (report, "attendance", "11", "checked_in"), ==, 3);
  g_assert_cmpint (number (report, "attendance", "11", "no_shows"), ==, elsewhere_standing);
  g_assert_cmpint (number (report, "attendance", "12", "checked_in"), ==, 1);
  g_assert_cmpint (number (report, "attendance", "12", "no_shows"), ==, elsewhere_seated + 1);
  g_assert_cmpint (number (report, "attendance", "total", "checked_in"), ==, 4);

  /* Arrivals in 5-minute steps from 19:50 to 20:20, local time. */
  g_assert_cmpint (bo_report_section_get_n_rows (bo_report_find_section (report, "arrivals")),
                   ==, 7);
  g_assert_cmpint (number_where (report, "arrivals", "period", "19:50", "arrivals"), ==, 1);
  g_assert_cmpint (number_where (report, "arrivals", "period", "19:55", "arrivals"), ==, 0);
  g_assert_cmpint (number_where (report, "arrivals", "period", "20:05", "arrivals"), ==, 2);
  g_assert_cmpint (number_where (report, "arrivals", "period", "20:20", "arrivals"), ==, 1);
  g_assert_cmpint (number_where (report, "arrivals", "period", "20:20", "inside"), ==, 4);

  /* Sales of the event, whatever the day. */
  g_assert_cmpint (number (report, "sales_by_type", "11", "quantity"), ==, 4);
  g_assert_cmpint (number (report, "refunds_by_type", "11", "tickets"), ==, 1);
  g_assert_cmpint (number (report, "totals", "net", "value"), ==, 3 * s.price[0] + 2 * s.price[1]);

  g_clear_object (&report);
  report = bo_report_new_event (fx->store, fx->device, 777, &error);
  g_assert_error (error, BO_REPORT_ERROR, BO_REPORT_ERROR_NOT_FOUND);
}

/* Renderings */

static gboolean
have_poppler (void)
{
  g_autofree char *text = g_find_program_in_path ("pdftotext");
  g_autofree char *ppm = g_find_program_in_path ("pdftoppm");

  if (text == NULL || ppm == NULL)
    {
      g_test_skip ("poppler-utils (pdftotext, pdftoppm) are not installed");
      return FALSE;
    }
  return TRUE;
}

static char *
run_tool (const char * const *argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

/* The whole text of a PDF with its words separated by single spaces. */
static char *
pdf_words (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *text = run_tool (argv);
  g_auto (GStrv) words = g_strsplit_set (text, " \n\f\t", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (out, "%s ", words[i]);
  return g_string_free (out, FALSE);
}

static void
assert_has (const char *text,
            const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, text);
}

static void
assert_money (const char *text,
              gint64      amount)
{
  g_autofree char *money = bo_money_format (amount, "EUR");

  assert_has (text, money);
}

/* Top of the word @word on page @page of the PDF, in points (pdftotext -bbox). */
static double
word_top (const char *path,
          int         page,
          const char *word)
{
  g_autofree char *first = g_strdup_printf ("%d", page);
  const char *argv[] = { "pdftotext", "-bbox", "-f", first, "-l", first, path, "-", NULL };
  g_autofree char *html = run_tool (argv);
  g_autofree char *needle = g_strdup_printf (">%s</word>", word);
  const char *hit = strstr (html, needle);
  const char *line;
  const char *ymin;

  g_assert_nonnull (hit);
  for (line = hit; line > html && *line != '<'; line--)
    ;
  ymin = g_strstr_len (line, hit - line, "yMin=\"");
  g_assert_nonnull (ymin);
  return g_ascii_strtod (ymin + 6, NULL);
}

static int
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = run_tool (argv);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return atoi (pages + 6);
}

/* Page @page rendered at @dpi. */
static cairo_surface_t *
render_page (const char *path,
             const char *dir,
             int         page,
             int         dpi)
{
  g_autofree char *first = g_strdup_printf ("%d", page);
  g_autofree char *res = g_strdup_printf ("%d", dpi);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  const char *argv[] = { "pdftoppm", "-r", res, "-f", first, "-l", first, "-singlefile", "-png",
                         path, prefix, NULL };
  g_autofree char *out = run_tool (argv);
  cairo_surface_t *image = cairo_image_surface_create_from_png (png);

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  return image;
}

typedef struct {
  guint colour_hits[BO_CHART_N_STYLES];
  guint dark;
  guint coloured; /* clearly not grey */
  guint total;
} PixelCount;

/* Counts pixels in rows [@y0, @y1) of @image. */
static PixelCount
count_pixels (cairo_surface_t *image,
              int              y0,
              int              y1)
{
  PixelCount count = { { 0 }, 0, 0, 0 };
  int w = cairo_image_surface_get_width (image);
  int h = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  const guint8 *data;

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  for (int y = MAX (y0, 0); y < MIN (y1, h); y++)
    for (int x = 0; x < w; x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + x * 4);
        int r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;

        count.total++;
        if (r < 60 && g < 60 && b < 60)
          count.dark++;
        if (MAX (MAX (r, g), b) - MIN (MIN (r, g), b) > 60)
          count.coloured++;
        for (guint s = 0; s < BO_CHART_N_STYLES; s++)
          {
            guint8 cr, cg, cb;

            bo_chart_series_colour (s, &cr, &cg, &cb);
            if (ABS (r - cr) <= 8 && ABS (g - cg) <= 8 && ABS (b - cb) <= 8)
              count.colour_hits[s]++;
          }
      }
  return count;
}

static BoReport *
z_report (BoTestFixture *fx,
          Scenario      *s)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoShift) closed = NULL;
  BoReport *report;

  scenario_init (fx, s);
  closed = run_shift (fx, s);
  report = bo_report_new_shift (fx->store, fx->device, 0, &error);
  g_assert_no_error (error);
  return report;
}

static void
test_pdf_a4 (BoTestFixture *fx,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoReport) report = NULL;
  g_autofree char *path = g_build_filename (fx->dir, "z.pdf", NULL);
  g_autofree char *words = NULL;
  g_autofree char *info = NULL;
  cairo_surface_t *page;
  PixelCount chart, whole;
  Scenario s;
  double top;
  int dpi = 60;

  if (!have_poppler ())
    return;
  report = z_report (fx, &s);
  g_assert_true (bo_report_write_pdf (report, BO_REPORT_PAPER_A4, path, &error));
  g_assert_no_error (error);

  {
    const char *argv[] = { "pdfinfo", path, NULL };

    info = run_tool (argv);
    assert_has (info, "A4");
  }
  words = pdf_words (path);
  assert_has (words, "Z report");
  assert_has (words, "Sales by ticket type");
  assert_has (words, "Standing");
  assert_has (words, "Taxes by rate");
  assert_has (words, "Variance");
  assert_has (words, "Page 1 of");
  assert_money (words, s.qty[0] * s.price[0]);                 /* Standing gross */
  assert_money (words, -150);                                  /* variance */
  assert_money (words, drawer_expected (&s));
  {
    /* The head hash wraps inside its column. */
    g_autofree char *compact = g_strdelimit (g_strdup (words), " ", '\n');
    g_auto (GStrv) parts = g_strsplit (compact, "\n", -1);
    g_autofree char *joined = g_strjoinv ("", parts);

    assert_has (joined, bo_report_lookup_text (report, "journal", "head", "value"));
  }

  /* The payment-method chart: bars of both series, in their colours. */
  top = word_top (path, 1, "Takings");
  page = render_page (path, fx->dir, 1, dpi);
  chart = count_pixels (page, (int) (top * dpi / 72), (int) ((top + 175) * dpi / 72));
  whole = count_pixels (page, 0, cairo_image_surface_get_height (page));
  g_test_message ("A4 chart: %u blue, %u orange pixels; page: %u blue", chart.colour_hits[0],
                  chart.colour_hits[1], whole.colour_hits[0]);
  g_assert_cmpuint (chart.colour_hits[0], >, 200);  /* sales: blue */
  g_assert_cmpuint (chart.colour_hits[1], >, 30);   /* refunds: orange, hatched */
  g_assert_cmpuint (whole.colour_hits[0], ==, chart.colour_hits[0]); /* only in the chart */
  cairo_surface_destroy (page);
}

static void
test_pdf_receipt (BoTestFixture *fx,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoReport) report = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autofree char *path = g_build_filename (fx->dir, "z80.pdf", NULL);
  g_autofree char *words = NULL;
  g_autofree char *info = NULL;
  cairo_surface_t *page;
  PixelCount chart, below, whole;
  Scenario s;
  double top;
  int dpi = 100;

  if (!have_poppler ())
    return;
  report = z_report (fx, &s);
  pdf = bo_report_to_pdf (report, BO_REPORT_PAPER_80MM, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                      &error));

  {
    const char *argv[] = { "pdfinfo", path, NULL };

    info = run_tool (argv);
    assert_has (info, "Pages:           1");
    assert_has (info, "Page size:       226.77"); /* 80 mm wide, one strip */
  }
  words = pdf_words (path);
  assert_has (words, "Z report");
  assert_has (words, "Variance");
  assert_has (words, "Grand total sales");
  assert_has (words, "end of report");
  assert_money (words, -150);

  /* The chart is there in black and white: bars are solid black or hatched, no colour. */
  top = word_top (path, 1, "Takings");
  page = render_page (path, fx->dir, 1, dpi);
  chart = count_pixels (page, (int) (top * dpi / 72), (int) ((top + 119) * dpi / 72));
  below = count_pixels (page, (int) ((top + 119) * dpi / 72), (int) ((top + 238) * dpi / 72));
  whole = count_pixels (page, 0, cairo_image_surface_get_height (page));
  g_test_message ("receipt chart: %u of %u pixels dark, %u in the same height below; "
                  "%u coloured on the page", chart.dark, chart.total, below.dark, whole.coloured);
  g_assert_cmpuint (whole.coloured, ==, 0);
  g_assert_cmpuint (chart.dark * 100, >, chart.total * 3);   /* bars, not just text */
  g_assert_cmpuint (chart.dark, >, below.dark);              /* more ink than the table below */
  cairo_surface_destroy (page);
}

static void
test_pdf_event (BoTestFixture *fx,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoShift) shift = NULL;
  g_autoptr (BoOrder) order = NULL;
  g_autoptr (BoCheckin) in = NULL;
  g_autoptr (BoReport) report = NULL;
  g_autofree char *path = g_build_filename (fx->dir, "event.pdf", NULL);
  g_autofree char *words = NULL;
  cairo_surface_t *page;
  PixelCount whole;

  if (!have_poppler ())
    return;
  bo_test_pin_clock ("2026-03-01T10:00:00Z");
  shift = open_shift (fx, 0);
  order = sell (fx, fx->cashier, STANDING, 3, BO_PAYMENT_CARD, -1);
  in = scan (fx, "2026-03-01T19:00:00Z",
             ((BoOrderTicket *) bo_order_get_tickets (order)->pdata[0])->secret);
  report = bo_report_new_event (fx->store, fx->device, EVENT, &error);
  g_assert_no_error (error);
  g_assert_true (bo_report_write_pdf (report, BO_REPORT_PAPER_A4, path, &error));
  g_assert_no_error (error);

  words = pdf_words (path);
  assert_has (words, "Event report");
  assert_has (words, "Sales by channel");
  assert_has (words, "This counter");
  assert_has (words, "Other channels");
  assert_has (words, "Checked in vs sold");
  assert_has (words, "Arrivals by time");
  assert_has (words, "No-shows");

  /* Every page renders; the channel and attendance charts put both series on paper. */
  whole.colour_hits[0] = whole.colour_hits[1] = 0;
  for (int p = 1; p <= pdf_pages (path); p++)
    {
      PixelCount c;

      page = render_page (path, fx->dir, p, 40);
      c = count_pixels (page, 0, cairo_image_surface_get_height (page));
      whole.colour_hits[0] += c.colour_hits[0];
      whole.colour_hits[1] += c.colour_hits[1];
      cairo_surface_destroy (page);
    }
  g_assert_cmpuint (whole.colour_hits[0], >, 100);
  g_assert_cmpuint (whole.colour_hits[1], >, 30);
}

static void
test_chart_draw (void)
{
  g_autoptr (BoChart) chart = bo_chart_new ("Sales", BO_CHART_UNIT_MONEY, "EUR");
  guint a = bo_chart_add_series (chart, "Here", BO_CHART_BARS);
  guint b = bo_chart_add_series (chart, "Elsewhere", BO_CHART_BARS);
  guint l = bo_chart_add_series (chart, "Trend", BO_CHART_LINE);
  g_autofree char *whole = NULL;
  g_autofree char *cents = NULL;
  g_autofree char *count = NULL;
  g_autoptr (BoChart) counts = bo_chart_new ("Counts", BO_CHART_UNIT_COUNT, NULL);

  for (int c = 0; c < 4; c++)
    {
      g_autofree char *label = g_strdup_printf ("%02d:00", 18 + c);
      guint cat = bo_chart_add_category (chart, label);

      bo_chart_set_value (chart, a, cat, 10000 + 5000 * c);
      bo_chart_set_value (chart, b, cat, 8000);
      bo_chart_add_to_value (chart, l, cat, 4000);
      bo_chart_add_to_value (chart, l, cat, 1000 * c);
    }
  g_assert_cmpint (bo_chart_get_value (chart, l, 3), ==, 7000);
  g_assert_cmpint (bo_chart_get_max_value (chart), ==, 25000);
  whole = bo_chart_format_value (chart, 25000);
  cents = bo_chart_format_value (chart, 1250);
  count = bo_chart_format_value (counts, 7);
  g_assert_cmpstr (whole, ==, "250");
  g_assert_cmpstr (cents, ==, "12.50");
  g_assert_cmpstr (count, ==, "7");

  /* The same chart at a receipt's width and a screen's, in both styles. */
  for (int size = 0; size < 2; size++)
    for (int style = 0; style < 2; style++)
      {
        int w = size == 0 ? 204 : 600, h = size == 0 ? 120 : 320;
        cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
        cairo_t *cr = cairo_create (image);
        PixelCount px;

        cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
        cairo_paint (cr);
        bo_chart_draw (chart, cr, w, h, style == 0 ? BO_CHART_STYLE_COLOUR
                                                   : BO_CHART_STYLE_MONOCHROME);
        cairo_destroy (cr);
        px = count_pixels (image, 0, h);
        if (style == 0)
          {
            g_assert_cmpuint (px.colour_hits[0], >, (guint) (w * h / 50));
            g_assert_cmpuint (px.colour_hits[1], >, (guint) (w * h / 200));
          }
        else
          {
            g_assert_cmpuint (px.coloured, ==, 0);
            g_assert_cmpuint (px.dark, >, (guint) (w * h / 30));
          }
        cairo_surface_destroy (image);
      }
}

static void
test_text_and_csv (BoTestFixture *fx,
                   gconstpointer  data)
{
  g_autoptr (BoReport) report = NULL;
  g_autofree char *text = NULL;
  g_autofree char *narrow = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *cash_line = NULL;
  g_autofree char *cash_sales = NULL;
  g_autofree char *cash_refunds = NULL;
  g_auto (GStrv) lines = NULL;
  Scenario s;

  report = z_report (fx, &s);
  text = bo_report_to_text (report, 80);
  assert_has (text, "Z report");
  assert_has (text, "Payment methods");
  assert_has (text, "Variance");
  narrow = bo_report_to_text (report, 42);
  lines = g_strsplit (narrow, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_cmpint (g_utf8_strlen (lines[i], -1), <=, 42);
  g_clear_pointer (&lines, g_strfreev);

  csv = bo_report_to_csv (report);
  assert_has (csv, "report,shift_z,");
  assert_has (csv, "section,by_method,Payment methods\r\n");
  cash_sales = bo_money_format_plain (s.paid[BO_PAYMENT_CASH], "EUR");
  cash_refunds = bo_money_format_plain (s.refunded[BO_PAYMENT_CASH], "EUR");
  cash_line = g_strdup_printf ("\r\ncash,Cash,%s,%s,", cash_sales, cash_refunds);
  assert_has (csv, cash_line);
  assert_has (csv, "\r\nvariance,Variance,-1.50\r\n");
  assert_has (csv, "\r\n1700,17.00,");
  assert_has (csv, "\r\n950,9.50,");
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "report,shift_z,Z report — shift 1 closing");
}

/* The CLI as a script would run it. */
static void
test_cli (BoTestFixture *fx,
          gconstpointer  data)
{
  g_autoptr (BoShift) closed = NULL;
  g_autofree char *pdf = g_build_filename (fx->dir, "cli.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root;
  Scenario s;

  scenario_init (fx, &s);
  closed = run_shift (fx, &s);

  {
    const char *argv[] = { "--db", fx->path, "--json", "report", "shift", "--format", "pdf",
                           "--paper", "80mm", "--out", pdf, NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 0);
    g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (root, "report"), ==, "shift_z");
    g_assert_cmpstr (json_object_get_string_member (root, "paper"), ==, "80mm");
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { "--db", fx->path, "report", "shift", "--shift", "1", "--format", "csv",
                           NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 0);
    assert_has (out, "section,cash,Cash drawer");
    assert_has (out, "variance,Variance,-1.50");
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { "--db", fx->path, "report", "day", "--date", "2026-03-01", NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 0);
    assert_has (out, "Day report — 2026-03-01");
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* Usage errors: exit 2. */
  {
    const char *bad[][8] = {
      { "report", "shift", "--format", "docx", NULL },
      { "report", "shift", "--format", "pdf", NULL },
      { "report", "event", NULL },
      { "report", "week", NULL },
      { "report", "day", "--shift", "1", NULL },
      { "report", "shift", "--paper", "a5", NULL },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr (GPtrArray) args = g_ptr_array_new ();

        g_ptr_array_add (args, (gpointer) "--db");
        g_ptr_array_add (args, fx->path);
        for (int k = 0; bad[i][k] != NULL; k++)
          g_ptr_array_add (args, (gpointer) bad[i][k]);
        g_ptr_array_add (args, NULL);
        g_assert_cmpint (bo_test_run_cli ((const char * const *) args->pdata, &out, &err), ==, 2);
        g_clear_pointer (&out, g_free);
        g_clear_pointer (&err, g_free);
      }
  }
  {
    const char *argv[] = { "--db", fx->path, "--json", "report", "event", "--event", "99", NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 1);
    assert_has (err, "\"error\"");
  }
}

static gboolean
bytes_contain (const char *data,
               gsize       len,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* On paper: a receipt printer gets ESC/POS text, a PDF printer the PDF with its charts. */
static void
test_print (BoTestFixture *fx,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoReport) report = NULL;
  g_autoptr (BoPrintConfig) config = bo_print_config_new ();
  g_autofree char *escpos_path = g_build_filename (fx->dir, "receipt.bin", NULL);
  g_autofree char *pdf_path = g_build_filename (fx->dir, "report.pdf", NULL);
  g_autofree char *escpos_uri = g_strconcat ("file:", escpos_path, NULL);
  g_autofree char *pdf_uri = g_strconcat ("file:", pdf_path, NULL);
  g_autofree char *bytes = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gsize len = 0;
  Scenario s;

  report = z_report (fx, &s);

  /* Nothing set up: a clear error. */
  g_assert_false (bo_report_print (report, config, NULL, BO_REPORT_PAPER_80MM, NULL, &error));
  g_assert_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_NO_PRINTER);
  g_clear_error (&error);

  /* The configured report printer takes closings. */
  bo_print_config_set_report_printer (config, escpos_uri);
  g_assert_true (bo_report_print (report, config, NULL, BO_REPORT_PAPER_80MM, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (escpos_path, &bytes, &len, &error));
  g_assert_cmpuint (len, >, 500);
  g_assert_true (bytes[0] == 0x1b && bytes[1] == '@');   /* ESC @: printer reset */
  g_assert_true (bytes_contain (bytes, len, "Z report"));
  g_assert_true (bytes_contain (bytes, len, "Variance"));
  g_assert_true (bytes_contain (bytes, len, "-1.50"));
  g_assert_true (bytes_contain (bytes, len, "\x1dV"));  /* GS V: cut */

  if (have_poppler ())
    {
      g_autofree char *words = NULL;

      g_assert_true (bo_report_print (report, NULL, pdf_uri, BO_REPORT_PAPER_A4, NULL, &error));
      g_assert_no_error (error);
      words = pdf_words (pdf_path);
      assert_has (words, "Z report");
      assert_has (words, "Takings by payment method");
    }

  /* The CLI: --printer, and --print with nothing set up. */
  {
    const char *argv[] = { "--db", fx->path, "report", "shift", "--printer", escpos_uri, NULL };

    g_remove (escpos_path);
    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 0);
    g_assert_true (g_file_test (escpos_path, G_FILE_TEST_IS_REGULAR));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { "--db", fx->path, "report", "day", "--print", NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 1);
    assert_has (err, "No printer");
  }
}

static void
on_report_ready_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  BoReport **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = bo_report_new_finish (result, &error);
  g_assert_no_error (error);
}

/* The GUI's way: built on a worker thread with its own connection. */
static void
test_async (BoTestFixture *fx,
            gconstpointer  data)
{
  g_autoptr (BoShift) closed = NULL;
  g_autoptr (BoReport) report = NULL;
  Scenario s;

  scenario_init (fx, &s);
  closed = run_shift (fx, &s);
  bo_report_new_async (fx->path, BO_REPORT_SHIFT_Z, 0, NULL, NULL, on_report_ready_cb, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (bo_report_get_kind (report), ==, BO_REPORT_SHIFT_Z);
  assert_shift_figures (report, &s);
}

/* The demo catalogue is dated from "today": every test starts on the same morning. */
static void
setup (BoTestFixture *fx,
       gconstpointer  data)
{
  bo_test_pin_clock (MORNING);
  bo_test_fixture_setup (fx, data);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, BoTestFixture, GINT_TO_POINTER (TRUE), setup, func, \
              bo_test_fixture_teardown)
  ADD ("/bo/report/shift-z", test_shift_z);
  ADD ("/bo/report/shift-x", test_shift_x);
  ADD ("/bo/report/grand-totals", test_grand_totals);
  ADD ("/bo/report/shift-missing", test_shift_missing);
  ADD ("/bo/report/day", test_day);
  ADD ("/bo/report/event", test_event);
  ADD ("/bo/report/text-csv", test_text_and_csv);
  ADD ("/bo/report/pdf-a4", test_pdf_a4);
  ADD ("/bo/report/pdf-receipt", test_pdf_receipt);
  ADD ("/bo/report/pdf-event", test_pdf_event);
  ADD ("/bo/report/cli", test_cli);
  ADD ("/bo/report/print", test_print);
  ADD ("/bo/report/async", test_async);
#undef ADD
  g_test_add_func ("/bo/report/chart-draw", test_chart_draw);

  return g_test_run ();
}
