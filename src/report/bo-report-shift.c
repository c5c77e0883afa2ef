/* bo-report-shift.c — shift reports: the X report of the open shift, the Z report of a closing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "report/bo-report-query-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "domain/bo-journal.h"
#include "domain/bo-operator.h"
#include "domain/bo-shift.h"

static char *
operator_name (BoStore *store,
               gint64   id)
{
  g_autoptr (BoOperator) op = id > 0 ? bo_operator_lookup (store, id, NULL) : NULL;

  return op != NULL ? g_strdup (bo_operator_get_name (op)) : NULL;
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
      payload = bo_report_text_at (stmt, 0);
      rc = SQLITE_DONE;
    }
  if (!bo_report_finish_query (store, stmt, rc, "closing entry", error))
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
  static const char * const columns[] = { "time", "operator", "amount", "reason" };
  const Scope scope = { .shift_id = shift_id };
  BoReportSection *section;

  section = bo_report_add_section (report, "movements", _("Cash movements"),
                                   BO_REPORT_SECTION_TABLE);
  bo_report_section_add_column (section, "time", _("Time"), BO_REPORT_VALUE_TIME);
  bo_report_section_add_column (section, "operator", _("Operator"), BO_REPORT_VALUE_TEXT);
  bo_report_section_add_column (section, "amount", _("Amount"), BO_REPORT_VALUE_MONEY);
  bo_report_section_add_column (section, "reason", _("Reason"), BO_REPORT_VALUE_TEXT);
  /* The scope's ?1 is the shift; ?2 (event, 0) is named only so that binding it is valid. */
  return bo_report_fill_rows (section, store, &scope,
                              "SELECT m.uuid, m.created_at, op.name, m.amount, m.reason "
                              "  FROM cash_movements m JOIN operators op ON op.id = m.operator_id "
                              " WHERE m.shift_id = ?1 AND ?2 = ?2 ORDER BY m.id",
                              "cash movements", columns, G_N_ELEMENTS (columns), error);
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

/* The open shift, else the one closed last (by time: ids do not say, see
 * bo_shift_find_last_closed()); NULL without an error when there is none. */
static BoShift *
last_shift (BoStore *store,
            GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (BoShift) shift = bo_shift_get_current (store, &local_error);

  if (shift == NULL && local_error == NULL)
    shift = bo_shift_find_last_closed (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&shift);
}

BoReport *
bo_report_build_shift (BoStore  *store,
                       BoDevice *device,
                       gint64    shift_id,
                       GError  **error)
{
  g_autoptr (BoShift) shift = NULL;
  g_autoptr (BoReport) report = NULL;
  g_autoptr (JsonObject) closing = NULL;
  g_autofree char *currency = bo_report_default_currency (store);
  g_autofree char *tz = bo_report_venue_timezone (store);
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
      g_autoptr (GError) local_error = NULL;

      shift = last_shift (store, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (shift == NULL)
        {
          g_set_error (error, BO_REPORT_ERROR, BO_REPORT_ERROR_NOT_FOUND,
                       _("No shift has been opened yet"));
          return NULL;
        }
      shift_id = bo_shift_get_id (shift);
    }
  else
    {
      shift = bo_shift_lookup (store, shift_id, NULL);
      if (shift == NULL)
        {
          g_set_error (error, BO_REPORT_ERROR, BO_REPORT_ERROR_NOT_FOUND,
                       _("There is no shift %lld"), (long long) shift_id);
          return NULL;
        }
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
  bo_report_add_device_facts (section, device);
  bo_report_section_add_fact_time (section, "printed_at", _("Report made"),
                                   bo_report_get_created_at (report));

  scope.shift_id = shift_id;
  if (!bo_report_add_sales_sections (report, store, &scope, FALSE, &totals, error))
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
