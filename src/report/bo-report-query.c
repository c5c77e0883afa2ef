/* bo-report-query.c — building shift, day and event reports from the store
 *
 * Every figure is summed from the rows that record what happened (order lines, payments,
 * refunds, cash movements, check-ins), never from running counters, and each report reads
 * one consistent snapshot (one read transaction).
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

#include "report/bo-report.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "domain/bo-event.h"
#include "domain/bo-journal.h"
#include "domain/bo-operator.h"
#include "domain/bo-order.h"
#include "domain/bo-shift.h"
#include "domain/bo-tax.h"
#include "domain/bo-time.h"

/* Which rows a report covers. */
typedef struct {
  gint64  shift_id; /* 0 = any */
  gint64  event_id; /* 0 = any */
  char   *from;     /* UTC RFC 3339, inclusive; NULL = open */
  char   *to;       /* exclusive */
} Scope;

/* Scoped queries use ?1..?4 for the scope; their own parameters start at ?5. */
#define ORDER_SCOPE \
  " (?1 = 0 OR o.shift_id = ?1) AND (?2 = 0 OR o.event_id = ?2)" \
  " AND (?3 IS NULL OR o.created_at >= ?3) AND (?4 IS NULL OR o.created_at < ?4) "
#define REFUND_SCOPE \
  " (?1 = 0 OR r.shift_id = ?1) AND (?2 = 0 OR o.event_id = ?2)" \
  " AND (?3 IS NULL OR r.created_at >= ?3) AND (?4 IS NULL OR r.created_at < ?4) "

static const BoPaymentMethod methods[] = {
  BO_PAYMENT_CASH, BO_PAYMENT_CARD, BO_PAYMENT_VOUCHER, BO_PAYMENT_FREE,
};

/* Totals a report states once and reuses (summary, cash, journal). */
typedef struct {
  gint64 orders;
  gint64 tickets;
  gint64 gross;
  gint64 fees;
  gint64 paid[G_N_ELEMENTS (methods)];     /* payments by method */
  gint64 refunded[G_N_ELEMENTS (methods)]; /* refunds and voids by method */
  gint64 refunds;                          /* kind "refund" */
  gint64 voids;                            /* kind "void" */
  gint64 tickets_refunded;
} Totals;

static void
scope_clear (Scope *scope)
{
  g_clear_pointer (&scope->from, g_free);
  g_clear_pointer (&scope->to, g_free);
}

static void
bind_scope (sqlite3_stmt *stmt,
            const Scope  *scope)
{
  sqlite3_bind_int64 (stmt, 1, scope->shift_id);
  sqlite3_bind_int64 (stmt, 2, scope->event_id);
  if (scope->from != NULL)
    sqlite3_bind_text (stmt, 3, scope->from, -1, SQLITE_TRANSIENT);
  if (scope->to != NULL)
    sqlite3_bind_text (stmt, 4, scope->to, -1, SQLITE_TRANSIENT);
}

static gboolean
finish_query (BoStore      *store,
              sqlite3_stmt *stmt,
              int           rc,
              const char   *what,
              GError      **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      /* sqlite3_reset() returned the statement's error; the connection still has it. */
      return bo_store_set_error (store, error, what);
    }
  return TRUE;
}

static const char *
method_label (BoPaymentMethod method)
{
  switch (method)
    {
    case BO_PAYMENT_CASH:
      return _("Cash");
    case BO_PAYMENT_CARD:
      return _("Card");
    case BO_PAYMENT_VOUCHER:
      return _("Voucher");
    case BO_PAYMENT_FREE:
      return _("Complimentary");
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

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

static char *
text_at (sqlite3_stmt *stmt,
         int           column)
{
  return bo_store_column_dup_text (stmt, column);
}

static char *
id_string (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

static char *
default_currency (BoStore *store)
{
  sqlite3_stmt *stmt = bo_store_prepare (store, "SELECT currency FROM events "
                                                " ORDER BY starts_at, id LIMIT 1", NULL);
  char *currency = NULL;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    currency = text_at (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return currency != NULL ? currency : g_strdup ("EUR");
}

/* The venue's zone: the device's (from registration), else the first event's, else local. */
static char *
venue_timezone (BoStore *store)
{
  sqlite3_stmt *stmt;
  char *tz = NULL;

  stmt = bo_store_prepare (store,
                           "SELECT coalesce (nullif ((SELECT venue_timezone FROM device), ''), "
                           "  (SELECT timezone FROM events WHERE coalesce (timezone, '') <> '' "
                           "    ORDER BY starts_at, id LIMIT 1))",
                           NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    tz = text_at (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  if (tz == NULL)
    {
      g_autoptr (GTimeZone) local = g_time_zone_new_local ();

      tz = g_strdup (g_time_zone_get_identifier (local));
    }
  return tz;
}

static GTimeZone *
report_zone (BoReport *report)
{
  GTimeZone *tz = g_time_zone_new_identifier (bo_report_get_timezone (report));

  return tz != NULL ? tz : g_time_zone_new_utc ();
}

static char *
operator_name (BoStore *store,
               gint64   id)
{
  g_autoptr (BoOperator) op = id > 0 ? bo_operator_lookup (store, id, NULL) : NULL;

  return op != NULL ? g_strdup (bo_operator_get_name (op)) : NULL;
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
  BoReportSection *section;
  sqlite3_stmt *stmt;
  guint row;
  int rc;

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

  stmt = bo_store_prepare (store,
                           "SELECT l.ticket_type_id, t.name, e.name, sum (l.quantity), "
                           "       sum (l.unit_fee * l.quantity), "
                           "       sum ((l.unit_price + l.unit_fee) * l.quantity) "
                           "  FROM order_lines l JOIN orders o ON o.id = l.order_id "
                           "  JOIN ticket_types t ON t.id = l.ticket_type_id "
                           "  JOIN events e ON e.id = o.event_id "
                           " WHERE" ORDER_SCOPE
                           " GROUP BY l.ticket_type_id "
                           " ORDER BY e.starts_at, e.id, t.position, t.id",
                           error);
  if (stmt == NULL)
    return FALSE;
  bind_scope (stmt, scope);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *id = id_string (sqlite3_column_int64 (stmt, 0));

      row = bo_report_section_add_row (section, id, FALSE);
      if (with_event)
        bo_report_section_set_text (section, row, "event",
                                    (const char *) sqlite3_column_text (stmt, 2));
      bo_report_section_set_text (section, row, "type",
                                  (const char *) sqlite3_column_text (stmt, 1));
      bo_report_section_set_number (section, row, "quantity", BO_REPORT_VALUE_COUNT,
                                    sqlite3_column_int64 (stmt, 3));
      bo_report_section_set_number (section, row, "fees", BO_REPORT_VALUE_MONEY,
                                    sqlite3_column_int64 (stmt, 4));
      bo_report_section_set_number (section, row, "gross", BO_REPORT_VALUE_MONEY,
                                    sqlite3_column_int64 (stmt, 5));
      totals->tickets += sqlite3_column_int64 (stmt, 3);
      totals->fees += sqlite3_column_int64 (stmt, 4);
      totals->gross += sqlite3_column_int64 (stmt, 5);
    }
  if (!finish_query (store, stmt, rc, "sales by type", error))
    return FALSE;

  row = bo_report_section_add_row (section, "total", TRUE);
  bo_report_section_set_text (section, row, "type", _("Total"));
  bo_report_section_set_number (section, row, "quantity", BO_REPORT_VALUE_COUNT, totals->tickets);
  bo_report_section_set_number (section, row, "fees", BO_REPORT_VALUE_MONEY, totals->fees);
  bo_report_section_set_number (section, row, "gross", BO_REPORT_VALUE_MONEY, totals->gross);

  stmt = bo_store_prepare (store, "SELECT count (*) FROM orders o WHERE" ORDER_SCOPE, error);
  if (stmt == NULL)
    return FALSE;
  bind_scope (stmt, scope);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      totals->orders = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }
  return finish_query (store, stmt, rc, "orders", error);
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
  BoReportSection *section;
  sqlite3_stmt *stmt;
  gint64 value = 0;
  guint row;
  int rc;

  section = bo_report_add_section (report, "refunds_by_type",
                                   _("Refunded and voided tickets by type"),
                                   BO_REPORT_SECTION_TABLE);
  bo_report_section_set_note (section, _("Value = what the tickets were sold for; the money "
                                         "paid back is under payment methods."));
  bo_report_section_add_column (section, "type", _("Ticket type"), BO_REPORT_VALUE_TEXT);
  bo_report_section_add_column (section, "tickets", _("Tickets"), BO_REPORT_VALUE_COUNT);
  bo_report_section_add_column (section, "value", _("Value"), BO_REPORT_VALUE_MONEY);

  stmt = bo_store_prepare (store,
                           "SELECT t.ticket_type_id, tt.name, count (*), "
                           "       sum (l.unit_price + l.unit_fee) "
                           REFUNDED_TICKETS
                           " WHERE" REFUND_SCOPE
                           " GROUP BY t.ticket_type_id ORDER BY tt.event_id, tt.position, tt.id",
                           error);
  if (stmt == NULL)
    return FALSE;
  bind_scope (stmt, scope);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *id = id_string (sqlite3_column_int64 (stmt, 0));

      row = bo_report_section_add_row (section, id, FALSE);
      bo_report_section_set_text (section, row, "type",
                                  (const char *) sqlite3_column_text (stmt, 1));
      bo_report_section_set_number (section, row, "tickets", BO_REPORT_VALUE_COUNT,
                                    sqlite3_column_int64 (stmt, 2));
      bo_report_section_set_number (section, row, "value", BO_REPORT_VALUE_MONEY,
                                    sqlite3_column_int64 (stmt, 3));
      totals->tickets_refunded += sqlite3_column_int64 (stmt, 2);
      value += sqlite3_column_int64 (stmt, 3);
    }
  if (!finish_query (store, stmt, rc, "refunds by type", error))
    return FALSE;
  row = bo_report_section_add_row (section, "total", TRUE);
  bo_report_section_set_text (section, row, "type", _("Total"));
  bo_report_section_set_number (section, row, "tickets", BO_REPORT_VALUE_COUNT,
                                totals->tickets_refunded);
  bo_report_section_set_number (section, row, "value", BO_REPORT_VALUE_MONEY, value);

  /* Refunded tickets take their tax back at the rate they were sold with. */
  stmt = bo_store_prepare (store,
                           "SELECT l.tax_rate_bp, sum (l.unit_price + l.unit_fee) "
                           REFUNDED_TICKETS
                           " WHERE" REFUND_SCOPE " GROUP BY l.tax_rate_bp",
                           error);
  if (stmt == NULL)
    return FALSE;
  bind_scope (stmt, scope);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    bo_tax_add (tax_lines, sqlite3_column_int (stmt, 0), -sqlite3_column_int64 (stmt, 1));
  return finish_query (store, stmt, rc, "refund taxes", error);
}

static gboolean
collect_payments (BoStore     *store,
                  const Scope *scope,
                  Totals      *totals,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = bo_store_prepare (store,
                           "SELECT p.method, sum (p.amount) FROM payments p "
                           "  JOIN orders o ON o.id = p.order_id WHERE" ORDER_SCOPE
                           " GROUP BY p.method",
                           error);
  if (stmt == NULL)
    return FALSE;
  bind_scope (stmt, scope);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint m = method_index ((const char *) sqlite3_column_text (stmt, 0));

      if (m != G_MAXUINT)
        totals->paid[m] += sqlite3_column_int64 (stmt, 1);
    }
  if (!finish_query (store, stmt, rc, "payments", error))
    return FALSE;

  stmt = bo_store_prepare (store,
                           "SELECT r.method, r.kind, sum (r.amount) FROM refunds r "
                           "  JOIN orders o ON o.id = r.order_id WHERE" REFUND_SCOPE
                           " GROUP BY r.method, r.kind",
                           error);
  if (stmt == NULL)
    return FALSE;
  bind_scope (stmt, scope);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint m = method_index ((const char *) sqlite3_column_text (stmt, 0));
      gint64 amount = sqlite3_column_int64 (stmt, 2);

      if (m != G_MAXUINT)
        totals->refunded[m] += amount;
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "void") == 0)
        totals->voids += amount;
      else
        totals->refunds += amount;
    }
  return finish_query (store, stmt, rc, "refunds", error);
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
      guint c = bo_chart_add_category (chart, method_label (methods[i]));

      row = bo_report_section_add_row (section, bo_payment_method_to_string (methods[i]), FALSE);
      bo_report_section_set_text (section, row, "method", method_label (methods[i]));
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
  sqlite3_stmt *stmt;
  int rc;

  stmt = bo_store_prepare (store,
                           "SELECT l.tax_rate_bp, sum ((l.unit_price + l.unit_fee) * l.quantity) "
                           "  FROM order_lines l JOIN orders o ON o.id = l.order_id "
                           " WHERE" ORDER_SCOPE " GROUP BY l.tax_rate_bp",
                           error);
  if (stmt == NULL)
    return FALSE;
  bind_scope (stmt, scope);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    bo_tax_add (tax_lines, sqlite3_column_int (stmt, 0), sqlite3_column_int64 (stmt, 1));
  return finish_query (store, stmt, rc, "sales taxes", error);
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
      g_autofree char *id = id_string (line->rate_bp);

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
  BoReportSection *section;
  sqlite3_stmt *stmt;
  int rc;

  section = bo_report_add_section (report, "operators", _("Sales by operator"),
                                   BO_REPORT_SECTION_TABLE);
  bo_report_section_add_column (section, "operator", _("Operator"), BO_REPORT_VALUE_TEXT);
  bo_report_section_add_column (section, "orders", _("Orders"), BO_REPORT_VALUE_COUNT);
  bo_report_section_add_column (section, "tickets", _("Tickets"), BO_REPORT_VALUE_COUNT);
  bo_report_section_add_column (section, "gross", _("Gross"), BO_REPORT_VALUE_MONEY);

  stmt = bo_store_prepare (store,
                           "SELECT o.operator_id, op.name, count (*), "
                           "       sum ((SELECT sum (l.quantity) FROM order_lines l "
                           "             WHERE l.order_id = o.id)), sum (o.total) "
                           "  FROM orders o JOIN operators op ON op.id = o.operator_id "
                           " WHERE" ORDER_SCOPE " GROUP BY o.operator_id ORDER BY op.name",
                           error);
  if (stmt == NULL)
    return FALSE;
  bind_scope (stmt, scope);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *id = id_string (sqlite3_column_int64 (stmt, 0));
      guint row = bo_report_section_add_row (section, id, FALSE);

      bo_report_section_set_text (section, row, "operator",
                                  (const char *) sqlite3_column_text (stmt, 1));
      bo_report_section_set_number (section, row, "orders", BO_REPORT_VALUE_COUNT,
                                    sqlite3_column_int64 (stmt, 2));
      bo_report_section_set_number (section, row, "tickets", BO_REPORT_VALUE_COUNT,
                                    sqlite3_column_int64 (stmt, 3));
      bo_report_section_set_number (section, row, "gross", BO_REPORT_VALUE_MONEY,
                                    sqlite3_column_int64 (stmt, 4));
    }
  return finish_query (store, stmt, rc, "operators", error);
}

/* The sales sections every report has, in reading order. */
static gboolean
add_sales_sections (BoReport    *report,
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

/* Time buckets */

typedef struct {
  GDateTime *start;
  char      *label;
  gint64     orders;
  gint64     tickets;
  gint64     gross;
} Bucket;

static void
bucket_free (gpointer data)
{
  Bucket *b = data;

  g_date_time_unref (b->start);
  g_free (b->label);
  g_free (b);
}

/* Start of the bucket of @when: whole @minutes in the local day, or whole days. */
static GDateTime *
bucket_start (GDateTime *local,
              int        minutes)
{
  int y, mo, d, minute_of_day;

  g_date_time_get_ymd (local, &y, &mo, &d);
  if (minutes >= 24 * 60)
    return g_date_time_new (g_date_time_get_timezone (local), y, mo, d, 0, 0, 0);
  minute_of_day = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
  minute_of_day -= minute_of_day % minutes;
  return g_date_time_new (g_date_time_get_timezone (local), y, mo, d, minute_of_day / 60,
                          minute_of_day % 60, 0);
}

static GDateTime *
bucket_next (GDateTime *start,
             int        minutes)
{
  if (minutes >= 24 * 60)
    return g_date_time_add_days (start, 1);
  return g_date_time_add_minutes (start, minutes);
}

/* Buckets from the first to the last time in @times (GPtrArray of GDateTime in the report's
 * zone), gaps included, sized so that there are at most @max_buckets. */
static GPtrArray *
make_buckets (GPtrArray  *times,
              const int  *sizes,
              guint       n_sizes,
              guint       max_buckets)
{
  GPtrArray *buckets = g_ptr_array_new_with_free_func (bucket_free);
  GDateTime *first, *last;
  int minutes = sizes[n_sizes - 1];
  g_autoptr (GDateTime) cursor = NULL;
  g_autoptr (GDateTime) end = NULL;

  if (times->len == 0)
    return buckets;
  first = times->pdata[0];
  last = times->pdata[times->len - 1];
  for (guint i = 0; i < n_sizes; i++)
    {
      GTimeSpan span = g_date_time_difference (last, first);

      if (span / (G_TIME_SPAN_MINUTE * sizes[i]) + 1 <= (GTimeSpan) max_buckets)
        {
          minutes = sizes[i];
          break;
        }
    }

  cursor = bucket_start (first, minutes);
  end = bucket_start (last, minutes);
  while (g_date_time_compare (cursor, end) <= 0 && buckets->len < 400)
    {
      Bucket *b = g_new0 (Bucket, 1);
      GDateTime *next;

      b->start = g_date_time_ref (cursor);
      b->label = g_date_time_format (cursor, minutes >= 24 * 60 ? "%d.%m." : "%H:%M");
      g_ptr_array_add (buckets, b);
      next = bucket_next (cursor, minutes);
      g_date_time_unref (cursor);
      cursor = next;
    }
  return buckets;
}

static Bucket *
find_bucket (GPtrArray *buckets,
             GDateTime *when)
{
  Bucket *found = NULL;

  for (guint i = 0; i < buckets->len; i++)
    {
      Bucket *b = buckets->pdata[i];

      if (g_date_time_compare (b->start, when) > 0)
        break;
      found = b;
    }
  return found;
}

static gboolean
add_sales_over_time (BoReport    *report,
                     BoStore     *store,
                     const Scope *scope,
                     GError     **error)
{
  static const int sizes[] = { 60, 24 * 60 };
  g_autoptr (GTimeZone) tz = report_zone (report);
  g_autoptr (GPtrArray) times = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_autoptr (GArray) tickets = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) gross = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) buckets = NULL;
  g_autoptr (BoChart) chart = NULL;
  BoReportSection *section;
  sqlite3_stmt *stmt;
  guint gross_series;
  int rc;

  stmt = bo_store_prepare (store,
                           "SELECT o.created_at, o.total, (SELECT sum (l.quantity) FROM "
                           "  order_lines l WHERE l.order_id = o.id) "
                           "  FROM orders o WHERE" ORDER_SCOPE " ORDER BY o.created_at, o.id",
                           error);
  if (stmt == NULL)
    return FALSE;
  bind_scope (stmt, scope);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (GDateTime) utc = bo_time_parse ((const char *) sqlite3_column_text (stmt, 0));
      gint64 total = sqlite3_column_int64 (stmt, 1);
      gint64 count = sqlite3_column_int64 (stmt, 2);

      if (utc == NULL)
        continue;
      g_ptr_array_add (times, g_date_time_to_timezone (utc, tz));
      g_array_append_val (gross, total);
      g_array_append_val (tickets, count);
    }
  if (!finish_query (store, stmt, rc, "sales over time", error))
    return FALSE;

  buckets = make_buckets (times, sizes, G_N_ELEMENTS (sizes), 36);
  for (guint i = 0; i < times->len; i++)
    {
      Bucket *b = find_bucket (buckets, times->pdata[i]);

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

/* Channels and attendance, per event */

static gboolean
add_channels (BoReport   *report,
              BoStore    *store,
              GArray     *event_ids,
              GError    **error)
{
  BoReportSection *section;
  g_autoptr (BoChart) chart = NULL;
  guint here_series, other_series;
  gint64 here_total = 0, other_total = 0, sold_total = 0;
  guint row;

  section = bo_report_add_section (report, "channels", _("Sales by channel"),
                                   BO_REPORT_SECTION_TABLE);
  bo_report_section_set_note (section, _("Valid tickets to date. Other channels: the "
                                         "organizer's sold count for every channel (last "
                                         "sync) less this counter's tickets."));
  bo_report_section_add_column (section, "type", _("Ticket type"), BO_REPORT_VALUE_TEXT);
  bo_report_section_add_column (section, "here", _("This counter"), BO_REPORT_VALUE_COUNT);
  bo_report_section_add_column (section, "other", _("Other channels"), BO_REPORT_VALUE_COUNT);
  bo_report_section_add_column (section, "sold", _("Sold"), BO_REPORT_VALUE_COUNT);
  bo_report_section_add_column (section, "capacity", _("Capacity"), BO_REPORT_VALUE_COUNT);
  chart = bo_chart_new (_("Tickets by channel"), BO_CHART_UNIT_COUNT, NULL);
  here_series = bo_chart_add_series (chart, _("This counter"), BO_CHART_BARS);
  other_series = bo_chart_add_series (chart, _("Other channels"), BO_CHART_BARS);

  for (guint e = 0; e < event_ids->len; e++)
    {
      sqlite3_stmt *stmt;
      int rc;

      /* Tickets pulled from the server without an order here were sold elsewhere; the
       * catalogue's sold count also covers channels whose tickets are not pulled yet. */
      stmt = bo_store_prepare (store,
                               "SELECT tt.id, tt.name, tt.sold, tt.capacity, "
                               "  (SELECT count (*) FROM tickets t WHERE t.ticket_type_id = tt.id "
                               "    AND t.status = 'valid' AND t.order_id IS NOT NULL), "
                               "  (SELECT count (*) FROM tickets t WHERE t.ticket_type_id = tt.id "
                               "    AND t.status = 'valid' AND t.order_id IS NULL) "
                               "  FROM ticket_types tt WHERE tt.event_id = ?1 "
                               " ORDER BY tt.position, tt.id",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_array_index (event_ids, gint64, e));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autofree char *id = id_string (sqlite3_column_int64 (stmt, 0));
          const char *name = (const char *) sqlite3_column_text (stmt, 1);
          gint64 sold = sqlite3_column_int64 (stmt, 2);
          gint64 here = sqlite3_column_int64 (stmt, 4);
          gint64 other = MAX (sold - here, sqlite3_column_int64 (stmt, 5));
          guint c = bo_chart_add_category (chart, name);

          row = bo_report_section_add_row (section, id, FALSE);
          bo_report_section_set_text (section, row, "type", name);
          bo_report_section_set_number (section, row, "here", BO_REPORT_VALUE_COUNT, here);
          bo_report_section_set_number (section, row, "other", BO_REPORT_VALUE_COUNT, other);
          bo_report_section_set_number (section, row, "sold", BO_REPORT_VALUE_COUNT, here + other);
          if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
            bo_report_section_set_number (section, row, "capacity", BO_REPORT_VALUE_COUNT,
                                          sqlite3_column_int64 (stmt, 3));
          bo_chart_set_value (chart, here_series, c, here);
          bo_chart_set_value (chart, other_series, c, other);
          here_total += here;
          other_total += other;
          sold_total += here + other;
        }
      if (!finish_query (store, stmt, rc, "channels", error))
        return FALSE;
    }
  row = bo_report_section_add_row (section, "total", TRUE);
  bo_report_section_set_text (section, row, "type", _("Total"));
  bo_report_section_set_number (section, row, "here", BO_REPORT_VALUE_COUNT, here_total);
  bo_report_section_set_number (section, row, "other", BO_REPORT_VALUE_COUNT, other_total);
  bo_report_section_set_number (section, row, "sold", BO_REPORT_VALUE_COUNT, sold_total);
  bo_report_section_set_chart (section, chart);
  return TRUE;
}

/* A ticket is in when it was let in here (accepted entry scan) or the server says so. */
#define TICKET_ARRIVED \
  " (t.checked_in_at IS NOT NULL OR EXISTS (SELECT 1 FROM checkins c WHERE c.secret = t.secret" \
  "   AND c.event_id = t.event_id AND c.verdict = 'accepted' AND c.direction = 'entry')) "

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  return g_date_time_compare (*(GDateTime * const *) a, *(GDateTime * const *) b);
}

static gboolean
add_attendance (BoReport *report,
                BoStore  *store,
                GArray   *event_ids,
                GError  **error)
{
  static const int sizes[] = { 5, 10, 15, 30, 60, 120, 24 * 60 };
  BoReportSection *section;
  g_autoptr (BoChart) chart = NULL;
  g_autoptr (BoChart) arrivals_chart = NULL;
  g_autoptr (GTimeZone) tz = report_zone (report);
  g_autoptr (GPtrArray) times = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_autoptr (GPtrArray) buckets = NULL;
  gint64 sold_total = 0, in_total = 0, unsynced = 0;
  guint sold_series, in_series, arrivals_series, row;

  section = bo_report_add_section (report, "attendance", _("Attendance"),
                                   BO_REPORT_SECTION_TABLE);
  bo_report_section_set_note (section, _("Checked in: let in at this counter or reported in by "
                                         "the server. No-shows: sold but not (yet) in."));
  bo_report_section_add_column (section, "type", _("Ticket type"), BO_REPORT_VALUE_TEXT);
  bo_report_section_add_column (section, "sold", _("Sold"), BO_REPORT_VALUE_COUNT);
  bo_report_section_add_column (section, "checked_in", _("Checked in"), BO_REPORT_VALUE_COUNT);
  bo_report_section_add_column (section, "no_shows", _("No-shows"), BO_REPORT_VALUE_COUNT);
  chart = bo_chart_new (_("Checked in vs sold"), BO_CHART_UNIT_COUNT, NULL);
  sold_series = bo_chart_add_series (chart, _("Sold"), BO_CHART_BARS);
  in_series = bo_chart_add_series (chart, _("Checked in"), BO_CHART_BARS);

  for (guint e = 0; e < event_ids->len; e++)
    {
      gint64 event_id = g_array_index (event_ids, gint64, e);
      sqlite3_stmt *stmt;
      int rc;

      stmt = bo_store_prepare (store,
                               "SELECT tt.id, tt.name, tt.sold, "
                               "  (SELECT count (*) FROM tickets t WHERE t.ticket_type_id = tt.id "
                               "    AND t.status = 'valid' AND" TICKET_ARRIVED ") "
                               "  FROM ticket_types tt WHERE tt.event_id = ?1 "
                               " ORDER BY tt.position, tt.id",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, event_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autofree char *id = id_string (sqlite3_column_int64 (stmt, 0));
          const char *name = (const char *) sqlite3_column_text (stmt, 1);
          gint64 sold = sqlite3_column_int64 (stmt, 2);
          gint64 in = sqlite3_column_int64 (stmt, 3);
          guint c = bo_chart_add_category (chart, name);

          row = bo_report_section_add_row (section, id, FALSE);
          bo_report_section_set_text (section, row, "type", name);
          bo_report_section_set_number (section, row, "sold", BO_REPORT_VALUE_COUNT, sold);
          bo_report_section_set_number (section, row, "checked_in", BO_REPORT_VALUE_COUNT, in);
          bo_report_section_set_number (section, row, "no_shows", BO_REPORT_VALUE_COUNT,
                                        MAX (sold - in, 0));
          bo_chart_set_value (chart, sold_series, c, sold);
          bo_chart_set_value (chart, in_series, c, in);
          sold_total += sold;
          in_total += in;
        }
      if (!finish_query (store, stmt, rc, "attendance", error))
        return FALSE;

      /* Signed tickets of other counters let in before their sale reached us. */
      stmt = bo_store_prepare (store,
                               "SELECT count (DISTINCT c.secret) FROM checkins c "
                               " WHERE c.event_id = ?1 AND c.verdict = 'accepted' "
                               "   AND c.direction = 'entry' AND NOT EXISTS "
                               "   (SELECT 1 FROM tickets t WHERE t.secret = c.secret)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, event_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          unsynced += sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_DONE;
        }
      if (!finish_query (store, stmt, rc, "attendance", error))
        return FALSE;

      /* First entry of each ticket: here, else as the server reported it. */
      stmt = bo_store_prepare (store,
                               "SELECT min (c.scanned_at) FROM checkins c WHERE c.event_id = ?1 "
                               "   AND c.verdict = 'accepted' AND c.direction = 'entry' "
                               " GROUP BY c.secret "
                               "UNION ALL "
                               "SELECT t.checked_in_at FROM tickets t WHERE t.event_id = ?1 "
                               "   AND t.status = 'valid' AND t.checked_in_at IS NOT NULL "
                               "   AND NOT EXISTS (SELECT 1 FROM checkins c "
                               "     WHERE c.secret = t.secret AND c.event_id = ?1 AND c.verdict = 'accepted' "
                               "     AND c.direction = 'entry')",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, event_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr (GDateTime) utc = bo_time_parse ((const char *) sqlite3_column_text (stmt, 0));

          if (utc != NULL)
            g_ptr_array_add (times, g_date_time_to_timezone (utc, tz));
        }
      if (!finish_query (store, stmt, rc, "arrivals", error))
        return FALSE;
    }
  if (unsynced > 0)
    {
      row = bo_report_section_add_row (section, "unsynced", FALSE);
      bo_report_section_set_text (section, row, "type", _("Not synced yet"));
      bo_report_section_set_number (section, row, "checked_in", BO_REPORT_VALUE_COUNT, unsynced);
      in_total += unsynced;
    }
  row = bo_report_section_add_row (section, "total", TRUE);
  bo_report_section_set_text (section, row, "type", _("Total"));
  bo_report_section_set_number (section, row, "sold", BO_REPORT_VALUE_COUNT, sold_total);
  bo_report_section_set_number (section, row, "checked_in", BO_REPORT_VALUE_COUNT, in_total);
  bo_report_section_set_number (section, row, "no_shows", BO_REPORT_VALUE_COUNT,
                                MAX (sold_total - in_total, 0));
  bo_report_section_set_chart (section, chart);

  /* Arrivals by time. */
  g_ptr_array_sort (times, compare_times);
  buckets = make_buckets (times, sizes, G_N_ELEMENTS (sizes), 32);
  for (guint i = 0; i < times->len; i++)
    {
      Bucket *b = find_bucket (buckets, times->pdata[i]);

      if (b != NULL)
        b->tickets++;
    }
  section = bo_report_add_section (report, "arrivals", _("Arrivals"), BO_REPORT_SECTION_TABLE);
  bo_report_section_add_column (section, "period", _("From"), BO_REPORT_VALUE_TEXT);
  bo_report_section_add_column (section, "arrivals", _("Arrivals"), BO_REPORT_VALUE_COUNT);
  bo_report_section_add_column (section, "inside", _("In by then"), BO_REPORT_VALUE_COUNT);
  arrivals_chart = bo_chart_new (_("Arrivals by time"), BO_CHART_UNIT_COUNT, NULL);
  arrivals_series = bo_chart_add_series (arrivals_chart, _("Arrivals"), BO_CHART_BARS);
  {
    gint64 cumulative = 0;

    for (guint i = 0; i < buckets->len; i++)
      {
        Bucket *b = buckets->pdata[i];
        g_autofree char *id = g_date_time_format_iso8601 (b->start);
        guint c = bo_chart_add_category (arrivals_chart, b->label);

        cumulative += b->tickets;
        row = bo_report_section_add_row (section, id, FALSE);
        bo_report_section_set_text (section, row, "period", b->label);
        bo_report_section_set_number (section, row, "arrivals", BO_REPORT_VALUE_COUNT, b->tickets);
        bo_report_section_set_number (section, row, "inside", BO_REPORT_VALUE_COUNT, cumulative);
        bo_chart_set_value (arrivals_chart, arrivals_series, c, b->tickets);
      }
  }
  bo_report_section_set_chart (section, arrivals_chart);
  return TRUE;
}

/* Shift reports */

static void
add_device_facts (BoReportSection *section,
                  BoDevice        *device)
{
  g_autofree char *name = NULL;
  char key_hex[65];

  sodium_bin2hex (key_hex, sizeof key_hex, bo_device_get_public_key (device), 32);
  if (bo_device_get_name (device) != NULL)
    name = g_strdup_printf ("%u (%s)", bo_device_get_id (device), bo_device_get_name (device));
  else
    name = g_strdup_printf ("%u", bo_device_get_id (device));
  bo_report_section_add_fact_text (section, "device", _("Device"), name);
  bo_report_section_add_fact_text (section, "public_key", _("Device public key"), key_hex);
}

/* The closing's own journal entry, parsed (Z reports), or the last closing's (X reports). */
static JsonObject *
closing_payload (BoStore *store,
                 gint64   seq,
                 GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *payload = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = bo_store_prepare (store,
                           "SELECT payload FROM journal WHERE kind = 'shift_close' "
                           "   AND (?1 = 0 OR seq = ?1) ORDER BY seq DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, seq);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      payload = text_at (stmt, 0);
      rc = SQLITE_DONE;
    }
  if (!finish_query (store, stmt, rc, "closing entry", error))
    return NULL;
  if (payload == NULL || !json_parser_load_from_data (parser, payload, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gboolean
add_movements (BoReport *report,
               BoStore  *store,
               gint64    shift_id,
               GError  **error)
{
  BoReportSection *section;
  sqlite3_stmt *stmt;
  int rc;

  section = bo_report_add_section (report, "movements", _("Cash movements"),
                                   BO_REPORT_SECTION_TABLE);
  bo_report_section_add_column (section, "time", _("Time"), BO_REPORT_VALUE_TIME);
  bo_report_section_add_column (section, "operator", _("Operator"), BO_REPORT_VALUE_TEXT);
  bo_report_section_add_column (section, "amount", _("Amount"), BO_REPORT_VALUE_MONEY);
  bo_report_section_add_column (section, "reason", _("Reason"), BO_REPORT_VALUE_TEXT);
  stmt = bo_store_prepare (store,
                           "SELECT m.uuid, m.created_at, op.name, m.amount, m.reason "
                           "  FROM cash_movements m JOIN operators op ON op.id = m.operator_id "
                           " WHERE m.shift_id = ?1 ORDER BY m.id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, shift_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint row = bo_report_section_add_row (section, (const char *) sqlite3_column_text (stmt, 0),
                                             FALSE);

      bo_report_section_set_time (section, row, "time",
                                  (const char *) sqlite3_column_text (stmt, 1));
      bo_report_section_set_text (section, row, "operator",
                                  (const char *) sqlite3_column_text (stmt, 2));
      bo_report_section_set_number (section, row, "amount", BO_REPORT_VALUE_MONEY,
                                    sqlite3_column_int64 (stmt, 3));
      bo_report_section_set_text (section, row, "reason",
                                  (const char *) sqlite3_column_text (stmt, 4));
    }
  return finish_query (store, stmt, rc, "cash movements", error);
}

static void
add_grand_totals (BoReportSection *section,
                  JsonObject      *closing,
                  const char      *suffix_label)
{
  static const struct {
    const char *member;
    const char *label;
  } members[] = {
    { "grand_total_sales", N_("Grand total sales") },
    { "grand_total_refunds", N_("Grand total refunds") },
    { "grand_total_net", N_("Grand total net") },
  };

  if (closing == NULL || !json_object_has_member (closing, "grand_total_sales"))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autofree char *label = suffix_label != NULL
                               ? g_strdup_printf ("%s %s", _(members[i].label), suffix_label)
                               : g_strdup (_(members[i].label));

      bo_report_section_add_fact_number (section, members[i].member, label, BO_REPORT_VALUE_MONEY,
                                         json_object_get_int_member (closing, members[i].member));
    }
}

static gint64
last_shift_id (BoStore *store,
               GError **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  stmt = bo_store_prepare (store,
                           "SELECT id FROM shifts ORDER BY (closed_at IS NULL) DESC, id DESC "
                           " LIMIT 1",
                           error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }
  if (!finish_query (store, stmt, rc, "shift", error))
    return -1;
  return id;
}

static BoReport *
build_shift (BoStore  *store,
             BoDevice *device,
             gint64    shift_id,
             GError  **error)
{
  g_autoptr (BoShift) shift = NULL;
  g_autoptr (BoReport) report = NULL;
  g_autoptr (JsonObject) closing = NULL;
  g_autofree char *currency = default_currency (store);
  g_autofree char *tz = venue_timezone (store);
  g_autofree char *opened_by = NULL;
  g_autofree char *closed_by = NULL;
  g_autofree char *title = NULL;
  g_autofree char *head = NULL;
  Scope scope = { 0, };
  Totals totals = { 0, };
  BoReportSection *section;
  gboolean closed;
  gint64 closed_by_id = 0, head_seq = 0;
  sqlite3_stmt *stmt;

  if (shift_id == 0)
    {
      shift_id = last_shift_id (store, error);
      if (shift_id < 0)
        return NULL;
      if (shift_id == 0)
        {
          g_set_error (error, BO_REPORT_ERROR, BO_REPORT_ERROR_NOT_FOUND,
                       _("No shift has been opened yet"));
          return NULL;
        }
    }
  shift = bo_shift_lookup (store, shift_id, NULL);
  if (shift == NULL)
    {
      g_set_error (error, BO_REPORT_ERROR, BO_REPORT_ERROR_NOT_FOUND,
                   _("There is no shift %lld"), (long long) shift_id);
      return NULL;
    }
  closed = bo_shift_get_closed_at (shift) != NULL;

  stmt = bo_store_prepare (store, "SELECT coalesce (closed_by, 0) FROM shifts WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, shift_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    closed_by_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  opened_by = operator_name (store, bo_shift_get_operator_id (shift));
  closed_by = operator_name (store, closed_by_id);

  title = g_strdup_printf (closed ? _("Z report — shift %lld closing")
                                  : _("X report — shift %lld so far"),
                           (long long) shift_id);
  report = bo_report_new (closed ? BO_REPORT_SHIFT_Z : BO_REPORT_SHIFT_X, title, currency, tz);
  bo_report_set_subtitle (report, closed ? _("Closing of the shift, as journaled")
                                         : _("Interim report: the shift is still open; nothing "
                                             "is closed or reset"));

  section = bo_report_add_section (report, "shift", _("Shift"), BO_REPORT_SECTION_FACTS);
  bo_report_section_add_fact_text (section, "report", _("Report"), closed ? "Z" : "X");
  bo_report_section_add_fact_number (section, "shift_id", _("Shift"), BO_REPORT_VALUE_COUNT,
                                     shift_id);
  bo_report_section_add_fact_text (section, "shift_uuid", _("Shift id"),
                                   bo_shift_get_uuid (shift));
  bo_report_section_add_fact_text (section, "opened_by", _("Opened by"), opened_by);
  bo_report_section_add_fact_time (section, "opened_at", _("Opened"),
                                   bo_shift_get_opened_at (shift));
  if (closed)
    {
      bo_report_section_add_fact_text (section, "closed_by", _("Closed by"), closed_by);
      bo_report_section_add_fact_time (section, "closed_at", _("Closed"),
                                       bo_shift_get_closed_at (shift));
    }
  add_device_facts (section, device);
  bo_report_section_add_fact_time (section, "printed_at", _("Report made"),
                                   bo_report_get_created_at (report));

  scope.shift_id = shift_id;
  if (!add_sales_sections (report, store, &scope, FALSE, &totals, error))
    return NULL;

  section = bo_report_add_section (report, "cash", _("Cash drawer"), BO_REPORT_SECTION_FACTS);
  bo_report_section_add_fact_number (section, "float", _("Float"), BO_REPORT_VALUE_MONEY,
                                     bo_shift_get_float (shift));
  bo_report_section_add_fact_number (section, "cash_sales", _("Cash sales"),
                                     BO_REPORT_VALUE_MONEY, totals.paid[0]);
  bo_report_section_add_fact_number (section, "cash_refunds", _("Cash refunds"),
                                     BO_REPORT_VALUE_MONEY, totals.refunded[0]);
  bo_report_section_add_fact_number (section, "cash_in", _("Cash in"), BO_REPORT_VALUE_MONEY,
                                     bo_shift_get_cash_in (shift));
  bo_report_section_add_fact_number (section, "cash_out", _("Cash out"), BO_REPORT_VALUE_MONEY,
                                     bo_shift_get_cash_out (shift));
  bo_report_section_add_fact_number (section, "expected", _("Expected in drawer"),
                                     BO_REPORT_VALUE_MONEY, bo_shift_get_cash_expected (shift));
  if (closed)
    {
      bo_report_section_add_fact_number (section, "counted", _("Counted"), BO_REPORT_VALUE_MONEY,
                                         bo_shift_get_cash_counted (shift));
      bo_report_section_add_fact_number (section, "variance", _("Variance"),
                                         BO_REPORT_VALUE_MONEY, bo_shift_get_variance (shift));
    }
  if (!add_movements (report, store, shift_id, error))
    return NULL;

  section = bo_report_add_section (report, "journal", _("Journal"), BO_REPORT_SECTION_FACTS);
  if (closed)
    {
      head_seq = bo_shift_get_last_journal_seq (shift);
      head = g_strdup (bo_shift_get_journal_head (shift));
    }
  else
    {
      head = bo_journal_head (store, &head_seq, error);
      if (head == NULL)
        return NULL;
    }
  bo_report_section_set_note (section, closed
                              ? _("The closing itself is the last entry; the head hash seals "
                                  "the journal up to it. Grand totals never reset.")
                              : _("Up to now. Grand totals are those of the last closing."));
  bo_report_section_add_fact_number (section, "first_seq", _("First entry"),
                                     BO_REPORT_VALUE_COUNT, bo_shift_get_first_journal_seq (shift));
  bo_report_section_add_fact_number (section, "last_seq", _("Last entry"), BO_REPORT_VALUE_COUNT,
                                     head_seq);
  bo_report_section_add_fact_text (section, "head", _("Head hash"), head);
  closing = closing_payload (store, closed ? bo_shift_get_last_journal_seq (shift) : 0, error);
  if (closing == NULL && error != NULL && *error != NULL)
    return NULL;
  add_grand_totals (section, closing, closed ? NULL : _("(last closing)"));

  return g_steal_pointer (&report);
}

/* Day and event reports */

static gboolean
events_where (BoStore     *store,
              const char  *sql,
              const Scope *scope,
              GArray      *out_ids,
              GError     **error)
{
  sqlite3_stmt *stmt = bo_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_scope (stmt, scope);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gboolean seen = FALSE;

      for (guint i = 0; i < out_ids->len && !seen; i++)
        seen = g_array_index (out_ids, gint64, i) == id;
      if (!seen)
        g_array_append_val (out_ids, id);
    }
  return finish_query (store, stmt, rc, "events", error);
}

static BoReport *
build_day (BoStore    *store,
           BoDevice   *device,
           const char *date,
           GError    **error)
{
  g_autoptr (BoReport) report = NULL;
  g_autofree char *currency = default_currency (store);
  g_autofree char *tz_name = venue_timezone (store);
  g_autofree char *title = NULL;
  g_autofree char *day_text = NULL;
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) end = NULL;
  g_autoptr (GArray) sold_events = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) starting_events = g_array_new (FALSE, FALSE, sizeof (gint64));
  Scope scope = { 0, };
  Totals totals = { 0, };
  BoReportSection *section;
  int y, m, d;
  gboolean ok;

  tz = g_time_zone_new_identifier (tz_name);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  if (date == NULL)
    {
      g_autoptr (GDateTime) now = bo_time_now ();
      g_autoptr (GDateTime) local = g_date_time_to_timezone (now, tz);

      g_date_time_get_ymd (local, &y, &m, &d);
    }
  else if (sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3 || strlen (date) != 10 ||
           !g_date_valid_dmy (d, m, y))
    {
      g_set_error (error, BO_REPORT_ERROR, BO_REPORT_ERROR_INVALID,
                   _("“%s” is not a date of the form YYYY-MM-DD"), date);
      return NULL;
    }
  start = g_date_time_new (tz, y, m, d, 0, 0, 0);
  end = g_date_time_add_days (start, 1);
  scope.from = bo_time_format (start);
  scope.to = bo_time_format (end);
  day_text = g_date_time_format (start, "%Y-%m-%d");

  title = g_strdup_printf (_("Day report — %s"), day_text);
  report = bo_report_new (BO_REPORT_DAY, title, currency, tz_name);
  bo_report_set_subtitle (report, _("Sales, refunds and attendance of one day at this counter"));

  section = bo_report_add_section (report, "period", _("Period"), BO_REPORT_SECTION_FACTS);
  bo_report_section_add_fact_text (section, "date", _("Date"), day_text);
  bo_report_section_add_fact_text (section, "timezone", _("Time zone"), tz_name);
  bo_report_section_add_fact_time (section, "from", _("From"), scope.from);
  bo_report_section_add_fact_time (section, "to", _("Until"), scope.to);
  add_device_facts (section, device);
  bo_report_section_add_fact_time (section, "printed_at", _("Report made"),
                                   bo_report_get_created_at (report));

  ok = add_sales_over_time (report, store, &scope, error) &&
       add_sales_sections (report, store, &scope, TRUE, &totals, error) &&
       events_where (store, "SELECT DISTINCT o.event_id FROM orders o WHERE" ORDER_SCOPE,
                     &scope, sold_events, error) &&
       events_where (store, "SELECT id FROM events WHERE ?1 = ?1 AND ?2 = ?2 AND "
                            " starts_at >= ?3 AND starts_at < ?4 ORDER BY starts_at, id",
                     &scope, starting_events, error);
  if (ok)
    {
      /* Channels of every event sold or played today; attendance of those played. */
      for (guint i = 0; i < starting_events->len; i++)
        {
          gint64 id = g_array_index (starting_events, gint64, i);
          gboolean seen = FALSE;

          for (guint k = 0; k < sold_events->len && !seen; k++)
            seen = g_array_index (sold_events, gint64, k) == id;
          if (!seen)
            g_array_append_val (sold_events, id);
        }
      ok = add_channels (report, store, sold_events, error) &&
           add_attendance (report, store, starting_events, error);
    }
  scope_clear (&scope);
  if (!ok)
    return NULL;
  return g_steal_pointer (&report);
}

static BoReport *
build_event (BoStore  *store,
             BoDevice *device,
             gint64    event_id,
             GError  **error)
{
  g_autoptr (BoReport) report = NULL;
  g_autoptr (BoEvent) event = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *title = NULL;
  g_autofree char *tz = NULL;
  Scope scope = { 0, };
  Totals totals = { 0, };
  BoReportSection *section;

  event = bo_event_lookup (store, event_id, NULL);
  if (event == NULL)
    {
      g_set_error (error, BO_REPORT_ERROR, BO_REPORT_ERROR_NOT_FOUND,
                   _("There is no event %lld"), (long long) event_id);
      return NULL;
    }
  tz = g_strdup (bo_event_get_timezone (event) != NULL && *bo_event_get_timezone (event) != '\0'
                 ? bo_event_get_timezone (event) : NULL);
  if (tz == NULL)
    tz = venue_timezone (store);

  title = g_strdup_printf (_("Event report — %s"), bo_event_get_name (event));
  report = bo_report_new (BO_REPORT_EVENT, title, bo_event_get_currency (event), tz);
  bo_report_set_subtitle (report, _("Every sale of the event at this counter, channels and "
                                    "attendance"));

  section = bo_report_add_section (report, "event", _("Event"), BO_REPORT_SECTION_FACTS);
  bo_report_section_add_fact_number (section, "event_id", _("Event"), BO_REPORT_VALUE_COUNT,
                                     event_id);
  bo_report_section_add_fact_text (section, "name", _("Name"), bo_event_get_name (event));
  bo_report_section_add_fact_time (section, "starts_at", _("Starts"),
                                   bo_event_get_starts_at (event));
  bo_report_section_add_fact_text (section, "venue", _("Venue"), bo_event_get_venue_name (event));
  bo_report_section_add_fact_text (section, "status", _("Status"), bo_event_get_status (event));
  add_device_facts (section, device);
  bo_report_section_add_fact_time (section, "printed_at", _("Report made"),
                                   bo_report_get_created_at (report));

  scope.event_id = event_id;
  g_array_append_val (ids, event_id);
  if (!add_sales_over_time (report, store, &scope, error) ||
      !add_sales_sections (report, store, &scope, FALSE, &totals, error) ||
      !add_channels (report, store, ids, error) ||
      !add_attendance (report, store, ids, error))
    return NULL;
  return g_steal_pointer (&report);
}

/* One read transaction around the whole report: the figures agree with each other even
 * while a sale commits in another process. */
static BoReport *
in_snapshot (BoStore  *store,
             BoReport *(*build) (BoStore *, BoDevice *, gint64, const char *, GError **),
             BoDevice *device,
             gint64    id,
             const char *date,
             GError  **error)
{
  BoReport *report;
  gboolean own = sqlite3_get_autocommit (bo_store_get_db (store)) != 0;

  if (own && !bo_store_exec (store, "BEGIN DEFERRED", error))
    return NULL;
  report = build (store, device, id, date, error);
  if (own)
    bo_store_exec (store, "COMMIT", NULL);
  return report;
}

static BoReport *
build_shift_cb (BoStore *store, BoDevice *device, gint64 id, const char *date, GError **error)
{
  return build_shift (store, device, id, error);
}

static BoReport *
build_day_cb (BoStore *store, BoDevice *device, gint64 id, const char *date, GError **error)
{
  return build_day (store, device, date, error);
}

static BoReport *
build_event_cb (BoStore *store, BoDevice *device, gint64 id, const char *date, GError **error)
{
  return build_event (store, device, id, error);
}

BoReport *
bo_report_new_shift (BoStore  *store,
                     BoDevice *device,
                     gint64    shift_id,
                     GError  **error)
{
  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  g_return_val_if_fail (BO_IS_DEVICE (device), NULL);
  g_return_val_if_fail (shift_id >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return in_snapshot (store, build_shift_cb, device, shift_id, NULL, error);
}

BoReport *
bo_report_new_day (BoStore    *store,
                   BoDevice   *device,
                   const char *date,
                   GError    **error)
{
  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  g_return_val_if_fail (BO_IS_DEVICE (device), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return in_snapshot (store, build_day_cb, device, 0, date, error);
}

BoReport *
bo_report_new_event (BoStore  *store,
                     BoDevice *device,
                     gint64    event_id,
                     GError  **error)
{
  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  g_return_val_if_fail (BO_IS_DEVICE (device), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return in_snapshot (store, build_event_cb, device, event_id, NULL, error);
}

typedef struct {
  char         *db_path;
  BoReportKind  kind;
  gint64        id;
  char         *date;
} AsyncRequest;

static void
async_request_free (gpointer data)
{
  AsyncRequest *request = data;

  g_free (request->db_path);
  g_free (request->date);
  g_free (request);
}

static void
new_report_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  AsyncRequest *request = task_data;
  g_autoptr (BoStore) store = NULL;
  g_autoptr (BoDevice) device = NULL;
  BoReport *report = NULL;
  GError *error = NULL;

  store = bo_store_open (request->db_path, &error);
  if (store != NULL)
    device = bo_device_load (store, &error);
  if (device != NULL)
    {
      switch (request->kind)
        {
        case BO_REPORT_SHIFT_X:
        case BO_REPORT_SHIFT_Z:
          report = bo_report_new_shift (store, device, request->id, &error);
          break;
        case BO_REPORT_DAY:
          report = bo_report_new_day (store, device, request->date, &error);
          break;
        case BO_REPORT_EVENT:
        default:
          report = bo_report_new_event (store, device, request->id, &error);
          break;
        }
    }
  if (report != NULL)
    g_task_return_pointer (task, report, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
bo_report_new_async (const char          *db_path,
                     BoReportKind         kind,
                     gint64               id,
                     const char          *date,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  AsyncRequest *request;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (id >= 0);

  request = g_new0 (AsyncRequest, 1);
  request->db_path = g_strdup (db_path);
  request->kind = kind;
  request->id = id;
  request->date = g_strdup (date);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bo_report_new_async);
  g_task_set_task_data (task, request, async_request_free);
  g_task_run_in_thread (task, new_report_thread);
}

BoReport *
bo_report_new_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bo_report_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
