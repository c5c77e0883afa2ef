/* bo-report-sales.c — the sales sections every report has, and sales over time
 *
 * What the words mean, for every report:
 *   gross         price + booking fee of the tickets sold, complimentary ones included;
 *   complimentary the part of gross covered by "free" payments (no money changed hands);
 *   refunds/voids money paid back (a void is the immediate cancellation of a sale);
 *   net takings   gross - complimentary - refunds - voids: the money kept;
 *   taxes         contained in gross prices, per rate, on sales less refunded tickets.
 * A sale belongs to the shift and day it was made in; a refund to the shift and day it was
 * made in, whatever the sale's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "report/bo-report-query-private.h"

#include <glib/gi18n-lib.h>

#include "domain/bo-order.h"
#include "domain/bo-tax.h"
#include "domain/bo-time.h"

static const BoPaymentMethod methods[] = {
  BO_PAYMENT_CASH, BO_PAYMENT_CARD, BO_PAYMENT_VOUCHER, BO_PAYMENT_FREE,
};
G_STATIC_ASSERT (G_N_ELEMENTS (methods) == BO_REPORT_N_METHODS);

static guint
method_index (const char *text)
{
  BoPaymentMethod m;

  if (!bo_payment_method_from_string (text, &m))
    return G_MAXUINT;
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    if (methods[i] == m)
      return i;
  return G_MAXUINT;
}

/* The sum of column @id over the rows filled so far. */
static gint64
column_sum (BoReportSection *section,
            const char      *id)
{
  int column = bo_report_section_find_column (section, id);
  gint64 sum = 0;

  if (column < 0)
    return 0;
  for (guint r = 0; r < bo_report_section_get_n_rows (section); r++)
    sum += bo_report_section_get_cell (section, r, (guint) column)->number;
  return sum;
}

static void
first_int_cb (sqlite3_stmt *stmt,
              gpointer      user_data)
{
  *(gint64 *) user_data = sqlite3_column_int64 (stmt, 0);
}

/* Rows of (tax rate, gross) added to the tax lines, with the gross negated for refunds. */
typedef struct {
  GArray *tax_lines;
  int     sign;
} TaxSum;

static void
tax_row_cb (sqlite3_stmt *stmt,
            gpointer      user_data)
{
  TaxSum *sum = user_data;

  bo_tax_add (sum->tax_lines, sqlite3_column_int (stmt, 0),
              sum->sign * sqlite3_column_int64 (stmt, 1));
}

/* Sections shared by every report */

static gboolean
add_sales_by_type (BoReport    *report,
                   BoStore     *store,
                   const Scope *scope,
                   gboolean     with_event,
                   Totals      *totals,
                   GError     **error)
{
  const char * const columns[] = {
    "type", with_event ? "event" : NULL, "quantity", "fees", "gross",
  };
  BoReportSection *section;
  guint row;

  section = bo_report_add_section (report, "sales_by_type", _("Sales by ticket type"),
                                   BO_REPORT_SECTION_TABLE);
  bo_report_section_set_note (section, _("Gross = price + booking fee, complimentary tickets "
                                         "included; later refunds are listed apart."));
  if (with_event)
    bo_report_section_add_column (section, "event", _("Event"), BO_REPORT_VALUE_TEXT);
  bo_report_section_add_column (section, "type", _("Ticket type"), BO_REPORT_VALUE_TEXT);
  bo_report_section_add_column (section, "quantity", _("Qty"), BO_REPORT_VALUE_COUNT);
  bo_report_section_add_column (section, "fees", _("Fees"), BO_REPORT_VALUE_MONEY);
  bo_report_section_add_column (section, "gross", _("Gross"), BO_REPORT_VALUE_MONEY);

  if (!bo_report_fill_rows (section, store, scope,
                            "SELECT l.ticket_type_id, t.name, e.name, sum (l.quantity), "
                            "       sum (l.unit_fee * l.quantity), "
                            "       sum ((l.unit_price + l.unit_fee) * l.quantity) "
                            "  FROM order_lines l JOIN orders o ON o.id = l.order_id "
                            "  JOIN ticket_types t ON t.id = l.ticket_type_id "
                            "  JOIN events e ON e.id = o.event_id "
                            " WHERE" ORDER_SCOPE
                            " GROUP BY l.ticket_type_id "
                            " ORDER BY e.starts_at, e.id, t.position, t.id",
                            "sales by type", columns, G_N_ELEMENTS (columns), error))
    return FALSE;
  totals->tickets += column_sum (section, "quantity");
  totals->fees += column_sum (section, "fees");
  totals->gross += column_sum (section, "gross");

  row = bo_report_section_add_row (section, "total", TRUE);
  bo_report_section_set_text (section, row, "type", _("Total"));
  bo_report_section_set_number (section, row, "quantity", BO_REPORT_VALUE_COUNT, totals->tickets);
  bo_report_section_set_number (section, row, "fees", BO_REPORT_VALUE_MONEY, totals->fees);
  bo_report_section_set_number (section, row, "gross", BO_REPORT_VALUE_MONEY, totals->gross);

  return bo_report_query_rows (store, scope,
                               "SELECT count (*) FROM orders o WHERE" ORDER_SCOPE, "orders",
                               first_int_cb, &totals->orders, error);
}

/* The value of a refunded ticket is what it was sold for (its order line). */
#define REFUNDED_TICKETS \
  "  FROM refunds r JOIN orders o ON o.id = r.order_id " \
  "  JOIN refund_tickets rt ON rt.refund_id = r.id " \
  "  JOIN tickets t ON t.id = rt.ticket_id " \
  "  JOIN ticket_types tt ON tt.id = t.ticket_type_id " \
  "  JOIN order_lines l ON l.id = (SELECT min (l2.id) FROM order_lines l2 " \
  "       WHERE l2.order_id = r.order_id AND l2.ticket_type_id = t.ticket_type_id) "

static gboolean
add_refunds_by_type (BoReport    *report,
                     BoStore     *store,
                     const Scope *scope,
                     Totals      *totals,
                     GArray      *tax_lines,
                     GError     **error)
{
  static const char * const columns[] = { "type", "tickets", "value" };
  BoReportSection *section;
  TaxSum refunded = { tax_lines, -1 };
  gint64 refunded_value;
  guint row;

  section = bo_report_add_section (report, "refunds_by_type",
                                   _("Refunded and voided tickets by type"),
                                   BO_REPORT_SECTION_TABLE);
  bo_report_section_set_note (section, _("Value = what the tickets were sold for; the money "
                                         "paid back is under payment methods."));
  bo_report_section_add_column (section, "type", _("Ticket type"), BO_REPORT_VALUE_TEXT);
  bo_report_section_add_column (section, "tickets", _("Tickets"), BO_REPORT_VALUE_COUNT);
  bo_report_section_add_column (section, "value", _("Value"), BO_REPORT_VALUE_MONEY);

  if (!bo_report_fill_rows (section, store, scope,
                            "SELECT t.ticket_type_id, tt.name, count (*), "
                            "       sum (l.unit_price + l.unit_fee) "
                            REFUNDED_TICKETS
                            " WHERE" REFUND_SCOPE
                            " GROUP BY t.ticket_type_id ORDER BY tt.event_id, tt.position, tt.id",
                            "refunds by type", columns, G_N_ELEMENTS (columns), error))
    return FALSE;
  totals->tickets_refunded += column_sum (section, "tickets");
  /* Summed before the total row joins the rows it sums. */
  refunded_value = column_sum (section, "value");

  row = bo_report_section_add_row (section, "total", TRUE);
  bo_report_section_set_text (section, row, "type", _("Total"));
  bo_report_section_set_number (section, row, "tickets", BO_REPORT_VALUE_COUNT,
                                totals->tickets_refunded);
  bo_report_section_set_number (section, row, "value", BO_REPORT_VALUE_MONEY, refunded_value);

  /* Refunded tickets take their tax back at the rate they were sold with. */
  return bo_report_query_rows (store, scope,
                               "SELECT l.tax_rate_bp, sum (l.unit_price + l.unit_fee) "
                               REFUNDED_TICKETS
                               " WHERE" REFUND_SCOPE " GROUP BY l.tax_rate_bp",
                               "refund taxes", tax_row_cb, &refunded, error);
}

static void
payment_row_cb (sqlite3_stmt *stmt,
                gpointer      user_data)
{
  Totals *totals = user_data;
  guint m = method_index ((const char *) sqlite3_column_text (stmt, 0));

  if (m != G_MAXUINT)
    totals->paid[m] += sqlite3_column_int64 (stmt, 1);
}

static void
refund_row_cb (sqlite3_stmt *stmt,
               gpointer      user_data)
{
  Totals *totals = user_data;
  guint m = method_index ((const char *) sqlite3_column_text (stmt, 0));
  gint64 amount = sqlite3_column_int64 (stmt, 2);

  if (m != G_MAXUINT)
    totals->refunded[m] += amount;
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "void") == 0)
    totals->voids += amount;
  else
    totals->refunds += amount;
}

static gboolean
collect_payments (BoStore     *store,
                  const Scope *scope,
                  Totals      *totals,
                  GError     **error)
{
  return bo_report_query_rows (store, scope,
                               "SELECT p.method, sum (p.amount) FROM payments p "
                               "  JOIN orders o ON o.id = p.order_id WHERE" ORDER_SCOPE
                               " GROUP BY p.method",
                               "payments", payment_row_cb, totals, error) &&
         bo_report_query_rows (store, scope,
                               "SELECT r.method, r.kind, sum (r.amount) FROM refunds r "
                               "  JOIN orders o ON o.id = r.order_id WHERE" REFUND_SCOPE
                               " GROUP BY r.method, r.kind",
                               "refunds", refund_row_cb, totals, error);
}

static void
add_by_method (BoReport *report,
               Totals   *totals)
{
  BoReportSection *section;
  g_autoptr (BoChart) chart = NULL;
  gint64 paid = 0, refunded = 0;
  guint row, sales_series, refund_series;

  section = bo_report_add_section (report, "by_method", _("Payment methods"),
                                   BO_REPORT_SECTION_TABLE);
  bo_report_section_add_column (section, "method", _("Method"), BO_REPORT_VALUE_TEXT);
  bo_report_section_add_column (section, "sales", _("Sales"), BO_REPORT_VALUE_MONEY);
  bo_report_section_add_column (section, "refunds", _("Refunds"), BO_REPORT_VALUE_MONEY);
  bo_report_section_add_column (section, "net", _("Net"), BO_REPORT_VALUE_MONEY);

  chart = bo_chart_new (_("Takings by payment method"), BO_CHART_UNIT_MONEY,
                        bo_report_get_currency (report));
  sales_series = bo_chart_add_series (chart, _("Sales"), BO_CHART_BARS);
  refund_series = bo_chart_add_series (chart, _("Refunds"), BO_CHART_BARS);

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      guint c = bo_chart_add_category (chart, bo_payment_method_describe (methods[i]));

      row = bo_report_section_add_row (section, bo_payment_method_to_string (methods[i]), FALSE);
      bo_report_section_set_text (section, row, "method", bo_payment_method_describe (methods[i]));
      bo_report_section_set_number (section, row, "sales", BO_REPORT_VALUE_MONEY, totals->paid[i]);
      bo_report_section_set_number (section, row, "refunds", BO_REPORT_VALUE_MONEY,
                                    totals->refunded[i]);
      bo_report_section_set_number (section, row, "net", BO_REPORT_VALUE_MONEY,
                                    totals->paid[i] - totals->refunded[i]);
      bo_chart_set_value (chart, sales_series, c, totals->paid[i]);
      bo_chart_set_value (chart, refund_series, c, totals->refunded[i]);
      paid += totals->paid[i];
      refunded += totals->refunded[i];
    }
  row = bo_report_section_add_row (section, "total", TRUE);
  bo_report_section_set_text (section, row, "method", _("Total"));
  bo_report_section_set_number (section, row, "sales", BO_REPORT_VALUE_MONEY, paid);
  bo_report_section_set_number (section, row, "refunds", BO_REPORT_VALUE_MONEY, refunded);
  bo_report_section_set_number (section, row, "net", BO_REPORT_VALUE_MONEY, paid - refunded);
  bo_report_section_set_chart (section, chart);
}

static gboolean
collect_sales_taxes (BoStore     *store,
                     const Scope *scope,
                     GArray      *tax_lines,
                     GError     **error)
{
  TaxSum sold = { tax_lines, 1 };

  return bo_report_query_rows (store, scope,
                               "SELECT l.tax_rate_bp,"
                               "       sum ((l.unit_price + l.unit_fee) * l.quantity) "
                               "  FROM order_lines l JOIN orders o ON o.id = l.order_id "
                               " WHERE" ORDER_SCOPE " GROUP BY l.tax_rate_bp",
                               "sales taxes", tax_row_cb, &sold, error);
}

static void
add_taxes (BoReport *report,
           GArray   *tax_lines)
{
  BoReportSection *section;
  gint64 gross = 0, net = 0, tax = 0;
  guint row;

  bo_tax_finish (tax_lines);
  section = bo_report_add_section (report, "taxes", _("Taxes by rate"), BO_REPORT_SECTION_TABLE);
  bo_report_section_set_note (section, _("Tax contained in gross prices, on sales less refunded "
                                         "and voided tickets."));
  bo_report_section_add_column (section, "rate", _("Rate"), BO_REPORT_VALUE_RATE);
  bo_report_section_add_column (section, "gross", _("Gross"), BO_REPORT_VALUE_MONEY);
  bo_report_section_add_column (section, "net", _("Net"), BO_REPORT_VALUE_MONEY);
  bo_report_section_add_column (section, "tax", _("Tax"), BO_REPORT_VALUE_MONEY);
  for (guint i = 0; i < tax_lines->len; i++)
    {
      BoTaxLine *line = &g_array_index (tax_lines, BoTaxLine, i);
      g_autofree char *id = bo_report_id_string (line->rate_bp);

      row = bo_report_section_add_row (section, id, FALSE);
      bo_report_section_set_number (section, row, "rate", BO_REPORT_VALUE_RATE, line->rate_bp);
      bo_report_section_set_number (section, row, "gross", BO_REPORT_VALUE_MONEY, line->gross);
      bo_report_section_set_number (section, row, "net", BO_REPORT_VALUE_MONEY, line->net);
      bo_report_section_set_number (section, row, "tax", BO_REPORT_VALUE_MONEY, line->tax);
      gross += line->gross;
      net += line->net;
      tax += line->tax;
    }
  row = bo_report_section_add_row (section, "total", TRUE);
  bo_report_section_set_text (section, row, "rate", _("Total"));
  bo_report_section_set_number (section, row, "gross", BO_REPORT_VALUE_MONEY, gross);
  bo_report_section_set_number (section, row, "net", BO_REPORT_VALUE_MONEY, net);
  bo_report_section_set_number (section, row, "tax", BO_REPORT_VALUE_MONEY, tax);
}

static void
add_totals (BoReport     *report,
            const Totals *totals)
{
  BoReportSection *section;
  gint64 complimentary = totals->paid[G_N_ELEMENTS (methods) - 1];

  section = bo_report_add_section (report, "totals", _("Totals"), BO_REPORT_SECTION_FACTS);
  bo_report_section_add_fact_number (section, "orders", _("Orders"), BO_REPORT_VALUE_COUNT,
                                     totals->orders);
  bo_report_section_add_fact_number (section, "tickets", _("Tickets sold"),
                                     BO_REPORT_VALUE_COUNT, totals->tickets);
  bo_report_section_add_fact_number (section, "tickets_refunded", _("Tickets refunded or voided"),
                                     BO_REPORT_VALUE_COUNT, totals->tickets_refunded);
  bo_report_section_add_fact_number (section, "gross", _("Gross sales"), BO_REPORT_VALUE_MONEY,
                                     totals->gross);
  bo_report_section_add_fact_number (section, "fees", _("of which booking fees"),
                                     BO_REPORT_VALUE_MONEY, totals->fees);
  bo_report_section_add_fact_number (section, "complimentary", _("Complimentary"),
                                     BO_REPORT_VALUE_MONEY, complimentary);
  bo_report_section_add_fact_number (section, "refunds", _("Refunds"), BO_REPORT_VALUE_MONEY,
                                     totals->refunds);
  bo_report_section_add_fact_number (section, "voids", _("Voids"), BO_REPORT_VALUE_MONEY,
                                     totals->voids);
  bo_report_section_add_fact_number (section, "net", _("Net takings"), BO_REPORT_VALUE_MONEY,
                                     totals->gross - complimentary - totals->refunds
                                     - totals->voids);
}

static gboolean
add_operators (BoReport    *report,
               BoStore     *store,
               const Scope *scope,
               GError     **error)
{
  static const char * const columns[] = { "operator", "orders", "tickets", "gross" };
  BoReportSection *section;

  section = bo_report_add_section (report, "operators", _("Sales by operator"),
                                   BO_REPORT_SECTION_TABLE);
  bo_report_section_add_column (section, "operator", _("Operator"), BO_REPORT_VALUE_TEXT);
  bo_report_section_add_column (section, "orders", _("Orders"), BO_REPORT_VALUE_COUNT);
  bo_report_section_add_column (section, "tickets", _("Tickets"), BO_REPORT_VALUE_COUNT);
  bo_report_section_add_column (section, "gross", _("Gross"), BO_REPORT_VALUE_MONEY);

  return bo_report_fill_rows (section, store, scope,
                              "SELECT o.operator_id, op.name, count (*), "
                              "       sum ((SELECT sum (l.quantity) FROM order_lines l "
                              "             WHERE l.order_id = o.id)), sum (o.total) "
                              "  FROM orders o JOIN operators op ON op.id = o.operator_id "
                              " WHERE" ORDER_SCOPE " GROUP BY o.operator_id ORDER BY op.name",
                              "operators", columns, G_N_ELEMENTS (columns), error);
}

/* The sales sections every report has, in reading order. */
gboolean
bo_report_add_sales_sections (BoReport    *report,
                              BoStore     *store,
                              const Scope *scope,
                              gboolean     with_event,
                              Totals      *totals,
                              GError     **error)
{
  g_autoptr (GArray) tax_lines = bo_tax_lines_new ();

  if (!add_sales_by_type (report, store, scope, with_event, totals, error) ||
      !add_refunds_by_type (report, store, scope, totals, tax_lines, error) ||
      !collect_payments (store, scope, totals, error) ||
      !collect_sales_taxes (store, scope, tax_lines, error))
    return FALSE;
  add_by_method (report, totals);
  add_taxes (report, tax_lines);
  add_totals (report, totals);
  return add_operators (report, store, scope, error);
}

/* Sales over time */

typedef struct {
  GTimeZone *tz;
  GPtrArray *times;   /* GDateTime in the report's zone */
  GArray    *gross;   /* gint64 */
  GArray    *tickets; /* gint64 */
} Sales;

static void
sale_row_cb (sqlite3_stmt *stmt,
             gpointer      user_data)
{
  Sales *sales = user_data;
  g_autoptr (GDateTime) utc = bo_time_parse ((const char *) sqlite3_column_text (stmt, 0));
  gint64 total = sqlite3_column_int64 (stmt, 1);
  gint64 count = sqlite3_column_int64 (stmt, 2);

  if (utc == NULL)
    return;
  g_ptr_array_add (sales->times, g_date_time_to_timezone (utc, sales->tz));
  g_array_append_val (sales->gross, total);
  g_array_append_val (sales->tickets, count);
}

gboolean
bo_report_add_sales_over_time (BoReport    *report,
                               BoStore     *store,
                               const Scope *scope,
                               GError     **error)
{
  static const int sizes[] = { 60, 24 * 60 };
  g_autoptr (GTimeZone) tz = bo_report_zone (report);
  g_autoptr (GPtrArray) times = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_autoptr (GArray) tickets = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) gross = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) buckets = NULL;
  g_autoptr (BoChart) chart = NULL;
  Sales sales = { tz, times, gross, tickets };
  BoReportSection *section;
  guint gross_series;

  if (!bo_report_query_rows (store, scope,
                             "SELECT o.created_at, o.total, (SELECT sum (l.quantity) FROM "
                             "  order_lines l WHERE l.order_id = o.id) "
                             "  FROM orders o WHERE" ORDER_SCOPE " ORDER BY o.created_at, o.id",
                             "sales over time", sale_row_cb, &sales, error))
    return FALSE;

  buckets = bo_report_make_buckets (times, sizes, G_N_ELEMENTS (sizes), 36);
  for (guint i = 0; i < times->len; i++)
    {
      Bucket *b = bo_report_find_bucket (buckets, times->pdata[i]);

      if (b == NULL)
        continue;
      b->orders++;
      b->tickets += g_array_index (tickets, gint64, i);
      b->gross += g_array_index (gross, gint64, i);
    }

  section = bo_report_add_section (report, "over_time", _("Sales over time"),
                                   BO_REPORT_SECTION_TABLE);
  bo_report_section_add_column (section, "period", _("From"), BO_REPORT_VALUE_TEXT);
  bo_report_section_add_column (section, "orders", _("Orders"), BO_REPORT_VALUE_COUNT);
  bo_report_section_add_column (section, "tickets", _("Tickets"), BO_REPORT_VALUE_COUNT);
  bo_report_section_add_column (section, "gross", _("Gross"), BO_REPORT_VALUE_MONEY);
  chart = bo_chart_new (_("Gross sales over time"), BO_CHART_UNIT_MONEY,
                        bo_report_get_currency (report));
  gross_series = bo_chart_add_series (chart, _("Gross sales"), BO_CHART_BARS);
  for (guint i = 0; i < buckets->len; i++)
    {
      Bucket *b = buckets->pdata[i];
      g_autofree char *id = g_date_time_format_iso8601 (b->start);
      guint row = bo_report_section_add_row (section, id, FALSE);
      guint c = bo_chart_add_category (chart, b->label);

      bo_report_section_set_text (section, row, "period", b->label);
      bo_report_section_set_number (section, row, "orders", BO_REPORT_VALUE_COUNT, b->orders);
      bo_report_section_set_number (section, row, "tickets", BO_REPORT_VALUE_COUNT, b->tickets);
      bo_report_section_set_number (section, row, "gross", BO_REPORT_VALUE_MONEY, b->gross);
      bo_chart_set_value (chart, gross_series, c, b->gross);
    }
  bo_report_section_set_chart (section, chart);
  return TRUE;
}
