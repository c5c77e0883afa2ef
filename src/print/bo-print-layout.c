/* bo-print-layout.c — what is on a ticket, a receipt and a shift closing slip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "print/bo-print-layout.h"

#include <glib/gi18n-lib.h>

#include "domain/bo-event.h"
#include "domain/bo-money.h"
#include "domain/bo-tax.h"
#include "domain/bo-time.h"

struct _BoPrintLayout
{
  GObject    parent_instance;

  BoOrder   *order;
  char      *event_name;
  char      *starts_at;
  char      *event_venue;
  char      *organizer;
  char      *device_venue;
  GTimeZone *tz;
};

G_DEFINE_FINAL_TYPE (BoPrintLayout, bo_print_layout, G_TYPE_OBJECT)

typedef struct {
  char *organizer;
  char *venue;
  char *timezone;
} DeviceNames;

static void
device_names_clear (DeviceNames *names)
{
  g_clear_pointer (&names->organizer, g_free);
  g_clear_pointer (&names->venue, g_free);
  g_clear_pointer (&names->timezone, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DeviceNames, device_names_clear)

/* The registration gives the organizer and venue names; before it they are NULL. */
static gboolean
load_device_names (BoStore     *store,
                   DeviceNames *names,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = bo_store_prepare (store,
                           "SELECT organizer_name, venue_name, venue_timezone FROM device "
                           "WHERE id = 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      names->organizer = bo_store_column_dup_text (stmt, 0);
      names->venue = bo_store_column_dup_text (stmt, 1);
      names->timezone = bo_store_column_dup_text (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return bo_store_set_error (store, error, "device");
  return TRUE;
}

static GTimeZone *
time_zone_or_utc (const char *first,
                  const char *second)
{
  const char *names[] = { first, second };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GTimeZone *tz;

      if (names[i] == NULL || *names[i] == '\0')
        continue;
      tz = g_time_zone_new_identifier (names[i]);
      if (tz != NULL)
        return tz;
    }
  return g_time_zone_new_utc ();
}

static char *
format_local_time (const char *iso,
                   GTimeZone  *tz)
{
  g_autoptr (GDateTime) utc = iso != NULL ? bo_time_parse (iso) : NULL;
  g_autoptr (GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso != NULL ? iso : "");
  local = g_date_time_to_timezone (utc, tz);
  /* Translators: date and time on tickets and receipts, in g_date_time_format() syntax */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

static char *
format_rate (gint rate_bp)
{
  /* %g follows the locale's decimal separator: "9,5 %" where that is the custom. */
  return g_strdup_printf ("%g %%", rate_bp / 100.0);
}

/* The server's short code once synced; before that the start of the uuid, which is what the
 * order is found by at this counter. */
static char *
order_reference (BoOrder *order)
{
  const char *code = bo_order_get_code (order);

  if (code != NULL && *code != '\0')
    return g_strdup (code);
  return g_ascii_strup (bo_order_get_uuid (order), 8);
}

static void
add_money_row (BoPrintDoc      *doc,
               BoPrintTextFlags flags,
               const char      *label,
               gint64           amount,
               const char      *currency)
{
  g_autofree char *money = bo_money_format (amount, currency);

  bo_print_doc_add_columns (doc, flags, label, money);
}

static const BoOrderLine *
line_of_type (BoOrder *order,
              gint64   ticket_type_id)
{
  GPtrArray *lines = bo_order_get_lines (order);

  for (guint i = 0; i < lines->len; i++)
    {
      const BoOrderLine *line = lines->pdata[i];

      if (line->ticket_type_id == ticket_type_id)
        return line;
    }
  return NULL;
}

static void
bo_print_layout_finalize (GObject *object)
{
  BoPrintLayout *self = BO_PRINT_LAYOUT (object);

  g_clear_object (&self->order);
  g_free (self->event_name);
  g_free (self->starts_at);
  g_free (self->event_venue);
  g_free (self->organizer);
  g_free (self->device_venue);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  G_OBJECT_CLASS (bo_print_layout_parent_class)->finalize (object);
}

static void
bo_print_layout_class_init (BoPrintLayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bo_print_layout_finalize;
}

static void
bo_print_layout_init (BoPrintLayout *self)
{
}

BoPrintLayout *
bo_print_layout_new (BoStore  *store,
                     BoOrder  *order,
                     GError  **error)
{
  g_autoptr (BoPrintLayout) self = NULL;
  g_autoptr (BoEvent) event = NULL;
  g_auto (DeviceNames) names = { NULL, };

  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  g_return_val_if_fail (BO_IS_ORDER (order), NULL);

  event = bo_event_lookup (store, bo_order_get_event_id (order), error);
  if (event == NULL || !load_device_names (store, &names, error))
    return NULL;

  self = g_object_new (BO_TYPE_PRINT_LAYOUT, NULL);
  self->order = g_object_ref (order);
  self->event_name = g_strdup (bo_event_get_name (event));
  self->starts_at = g_strdup (bo_event_get_starts_at (event));
  self->event_venue = g_strdup (bo_event_get_venue_name (event));
  self->organizer = g_steal_pointer (&names.organizer);
  self->device_venue = g_steal_pointer (&names.venue);
  self->tz = time_zone_or_utc (bo_event_get_timezone (event), names.timezone);
  return g_steal_pointer (&self);
}

BoOrder *
bo_print_layout_get_order (BoPrintLayout *self)
{
  g_return_val_if_fail (BO_IS_PRINT_LAYOUT (self), NULL);
  return self->order;
}

static void
add_ticket (BoPrintLayout       *self,
            BoPrintDoc          *doc,
            const BoOrderTicket *ticket,
            guint                number,
            guint                count,
            gboolean             reprint,
            const char          *when,
            const char          *reference)
{
  const char *currency = bo_order_get_currency (self->order);
  const BoOrderLine *line = line_of_type (self->order, ticket->ticket_type_id);
  const char *venue = self->event_venue != NULL ? self->event_venue : self->device_venue;
  g_autofree char *of = NULL;
  g_autofree char *serial = NULL;
  g_autofree char *order_text = NULL;

  if (reprint)
    bo_print_doc_add_text (doc, BO_PRINT_ALIGN_CENTER, BO_PRINT_TEXT_BOLD, _("REPRINT"));
  bo_print_doc_add_text (doc, BO_PRINT_ALIGN_CENTER, BO_PRINT_TEXT_BOLD | BO_PRINT_TEXT_LARGE,
                         self->event_name);
  bo_print_doc_add_text (doc, BO_PRINT_ALIGN_CENTER, BO_PRINT_TEXT_NORMAL, when);
  if (venue != NULL)
    bo_print_doc_add_text (doc, BO_PRINT_ALIGN_CENTER, BO_PRINT_TEXT_NORMAL, venue);
  bo_print_doc_add_rule (doc);
  if (line != NULL)
    {
      add_money_row (doc, BO_PRINT_TEXT_BOLD, ticket->ticket_type_name,
                     line->unit_price + line->unit_fee, currency);
      if (line->unit_fee > 0)
        {
          g_autofree char *fee = bo_money_format (line->unit_fee, currency);
          /* Translators: under the price on a ticket */
          g_autofree char *text = g_strdup_printf (_("including a fee of %s"), fee);

          bo_print_doc_add_text (doc, BO_PRINT_ALIGN_RIGHT, BO_PRINT_TEXT_NORMAL, text);
        }
    }
  else
    bo_print_doc_add_text (doc, BO_PRINT_ALIGN_LEFT, BO_PRINT_TEXT_BOLD, ticket->ticket_type_name);

  bo_print_doc_add_qr (doc, ticket->secret);

  of = g_strdup_printf (_("Ticket %u of %u"), number, count);
  serial = g_strdup_printf (_("No. %06u"), ticket->serial);
  order_text = g_strdup_printf (_("Order %s"), reference);
  bo_print_doc_add_columns (doc, BO_PRINT_TEXT_NORMAL, of, serial);
  bo_print_doc_add_text (doc, BO_PRINT_ALIGN_LEFT, BO_PRINT_TEXT_BOLD, order_text);
  if (reprint)
    bo_print_doc_add_text (doc, BO_PRINT_ALIGN_CENTER, BO_PRINT_TEXT_BOLD, _("REPRINT"));
  bo_print_doc_add_feed (doc, 1);
  bo_print_doc_add_cut (doc);
}

BoPrintDoc *
bo_print_layout_tickets (BoPrintLayout *self,
                         gint64         ticket_id,
                         gboolean       reprint)
{
  GPtrArray *tickets;
  g_autoptr (BoPrintDoc) doc = NULL;
  g_autofree char *when = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (BO_IS_PRINT_LAYOUT (self), NULL);

  doc = bo_print_doc_new (BO_PRINT_DOC_TICKETS);
  tickets = bo_order_get_tickets (self->order);
  when = format_local_time (self->starts_at, self->tz);
  reference = order_reference (self->order);
  /* Translators: the title of a print job */
  title = g_strdup_printf (_("Tickets %s"), reference);
  bo_print_doc_set_title (doc, title);

  for (guint i = 0; i < tickets->len; i++)
    {
      const BoOrderTicket *ticket = tickets->pdata[i];

      if (ticket_id > 0 ? ticket->id != ticket_id : g_strcmp0 (ticket->status, "valid") != 0)
        continue;
      add_ticket (self, doc, ticket, i + 1, tickets->len,
                  reprint || ticket->print_count > 0, when, reference);
    }
  return g_steal_pointer (&doc);
}

static void
add_payments (BoPrintDoc *doc,
              BoOrder    *order)
{
  const char *currency = bo_order_get_currency (order);
  GPtrArray *payments = bo_order_get_payments (order);

  for (guint i = 0; i < payments->len; i++)
    {
      const BoOrderPayment *payment = payments->pdata[i];

      add_money_row (doc, BO_PRINT_TEXT_NORMAL, bo_payment_method_describe (payment->method), payment->amount,
                     currency);
      if (payment->reference != NULL && *payment->reference != '\0')
        bo_print_doc_add_text (doc, BO_PRINT_ALIGN_LEFT, BO_PRINT_TEXT_NORMAL, payment->reference);
      if (payment->method == BO_PAYMENT_CASH && payment->tendered >= 0)
        add_money_row (doc, BO_PRINT_TEXT_NORMAL, _("Cash given"), payment->tendered, currency);
    }
  if (bo_order_get_change (order) > 0)
    add_money_row (doc, BO_PRINT_TEXT_BOLD, _("Change"), bo_order_get_change (order), currency);
}

static gboolean
paid_in_cash (BoOrder *order)
{
  GPtrArray *payments = bo_order_get_payments (order);

  for (guint i = 0; i < payments->len; i++)
    if (((BoOrderPayment *) payments->pdata[i])->method == BO_PAYMENT_CASH)
      return TRUE;
  return FALSE;
}

BoPrintDoc *
bo_print_layout_receipt (BoPrintLayout *self,
                         gboolean       reprint)
{
  g_autoptr (BoPrintDoc) doc = NULL;
  const char *currency;
  const char *header;
  GPtrArray *lines;
  GArray *taxes;
  g_autofree char *when = NULL;
  g_autofree char *sold_at = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (BO_IS_PRINT_LAYOUT (self), NULL);

  doc = bo_print_doc_new (BO_PRINT_DOC_RECEIPT);
  currency = bo_order_get_currency (self->order);
  reference = order_reference (self->order);
  text = g_strdup_printf (_("Receipt %s"), reference);
  bo_print_doc_set_title (doc, text);
  g_clear_pointer (&text, g_free);

  /* The drawer opens first so that the change is counted while the paper prints. */
  if (!reprint && paid_in_cash (self->order))
    bo_print_doc_add_drawer_kick (doc);

  header = self->organizer != NULL ? self->organizer
           : self->device_venue != NULL ? self->device_venue : self->event_venue;
  if (header != NULL)
    bo_print_doc_add_text (doc, BO_PRINT_ALIGN_CENTER, BO_PRINT_TEXT_BOLD | BO_PRINT_TEXT_LARGE,
                           header);
  if (self->organizer != NULL && self->device_venue != NULL)
    bo_print_doc_add_text (doc, BO_PRINT_ALIGN_CENTER, BO_PRINT_TEXT_NORMAL, self->device_venue);
  if (reprint)
    bo_print_doc_add_text (doc, BO_PRINT_ALIGN_CENTER, BO_PRINT_TEXT_BOLD, _("COPY"));
  bo_print_doc_add_rule (doc);

  when = format_local_time (self->starts_at, self->tz);
  bo_print_doc_add_text (doc, BO_PRINT_ALIGN_LEFT, BO_PRINT_TEXT_BOLD, self->event_name);
  bo_print_doc_add_text (doc, BO_PRINT_ALIGN_LEFT, BO_PRINT_TEXT_NORMAL, when);
  bo_print_doc_add_rule (doc);

  lines = bo_order_get_lines (self->order);
  for (guint i = 0; i < lines->len; i++)
    {
      const BoOrderLine *line = lines->pdata[i];
      g_autofree char *label = NULL;

      /* Translators: a receipt line, "2 × Standing" */
      label = g_strdup_printf (_("%u × %s"), line->quantity, line->ticket_type_name);
      add_money_row (doc, BO_PRINT_TEXT_NORMAL, label, line->unit_price * (gint64) line->quantity,
                     currency);
      if (line->quantity > 1)
        {
          g_autofree char *unit = bo_money_format (line->unit_price, currency);
          g_autofree char *each = g_strdup_printf (_("%s each"), unit);

          bo_print_doc_add_text (doc, BO_PRINT_ALIGN_LEFT, BO_PRINT_TEXT_NORMAL, each);
        }
    }
  if (bo_order_get_fees (self->order) > 0)
    add_money_row (doc, BO_PRINT_TEXT_NORMAL, _("Booking fees"), bo_order_get_fees (self->order),
                   currency);
  bo_print_doc_add_rule (doc);
  add_money_row (doc, BO_PRINT_TEXT_BOLD | BO_PRINT_TEXT_LARGE, _("Total"),
                 bo_order_get_total (self->order), currency);

  taxes = bo_order_get_tax_lines (self->order);
  for (guint i = 0; i < taxes->len; i++)
    {
      const BoTaxLine *tax = &g_array_index (taxes, BoTaxLine, i);
      g_autofree char *rate = format_rate (tax->rate_bp);
      g_autofree char *net = bo_money_format (tax->net, currency);
      g_autofree char *label = NULL;

      /* Translators: tax contained in the total, per rate: "Tax 17 % of 81.62 EUR" */
      label = g_strdup_printf (_("Tax %s of %s"), rate, net);
      add_money_row (doc, BO_PRINT_TEXT_NORMAL, label, tax->tax, currency);
    }
  bo_print_doc_add_rule (doc);
  add_payments (doc, self->order);
  bo_print_doc_add_rule (doc);

  if (g_strcmp0 (bo_order_get_status (self->order), "paid") != 0)
    {
      const char *status = bo_order_get_status (self->order);

      bo_print_doc_add_text (doc, BO_PRINT_ALIGN_CENTER, BO_PRINT_TEXT_BOLD,
                             g_str_equal (status, "voided") ? _("VOIDED")
                             : g_str_equal (status, "refunded") ? _("REFUNDED")
                             : _("PARTIALLY REFUNDED"));
    }
  sold_at = format_local_time (bo_order_get_created_at (self->order), self->tz);
  text = g_strdup_printf (_("Operator: %s"), bo_order_get_operator_name (self->order));
  bo_print_doc_add_text (doc, BO_PRINT_ALIGN_LEFT, BO_PRINT_TEXT_NORMAL, text);
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf (_("Sold: %s"), sold_at);
  bo_print_doc_add_text (doc, BO_PRINT_ALIGN_LEFT, BO_PRINT_TEXT_NORMAL, text);
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf (_("Order %s"), reference);
  bo_print_doc_add_text (doc, BO_PRINT_ALIGN_LEFT, BO_PRINT_TEXT_BOLD, text);
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf (_("Journal no. %lld"),
                          (long long) bo_order_get_journal_seq (self->order));
  bo_print_doc_add_text (doc, BO_PRINT_ALIGN_LEFT, BO_PRINT_TEXT_NORMAL, text);
  bo_print_doc_add_feed (doc, 1);
  bo_print_doc_add_text (doc, BO_PRINT_ALIGN_CENTER, BO_PRINT_TEXT_NORMAL, _("Thank you!"));
  bo_print_doc_add_feed (doc, 1);
  bo_print_doc_add_cut (doc);
  return g_steal_pointer (&doc);
}

static char *
shift_currency (BoStore *store)
{
  sqlite3_stmt *stmt = bo_store_prepare (store,
                                         "SELECT currency FROM events ORDER BY starts_at LIMIT 1",
                                         NULL);
  char *currency = NULL;

  if (stmt == NULL)
    return g_strdup ("EUR");
  if (sqlite3_step (stmt) == SQLITE_ROW)
    currency = bo_store_column_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return currency != NULL ? currency : g_strdup ("EUR");
}

BoPrintDoc *
bo_print_layout_shift (BoStore  *store,
                       BoShift  *shift,
                       gboolean  reprint,
                       GError  **error)
{
  static const struct { const char *method; BoPaymentMethod label; } methods[] = {
    { "cash", BO_PAYMENT_CASH }, { "card", BO_PAYMENT_CARD },
    { "voucher", BO_PAYMENT_VOUCHER }, { "free", BO_PAYMENT_FREE },
  };
  g_autoptr (BoPrintDoc) doc = bo_print_doc_new (BO_PRINT_DOC_REPORT);
  g_auto (DeviceNames) names = { NULL, };
  g_autoptr (GTimeZone) tz = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *text = NULL;
  g_autofree char *when = NULL;
  gboolean closed;

  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  g_return_val_if_fail (BO_IS_SHIFT (shift), NULL);

  if (!load_device_names (store, &names, error))
    return NULL;
  tz = time_zone_or_utc (names.timezone, NULL);
  currency = shift_currency (store);
  closed = bo_shift_get_closed_at (shift) != NULL;
  bo_print_doc_set_title (doc, closed ? _("Shift closing") : _("Shift report"));

  if (names.organizer != NULL || names.venue != NULL)
    bo_print_doc_add_text (doc, BO_PRINT_ALIGN_CENTER, BO_PRINT_TEXT_BOLD,
                           names.organizer != NULL ? names.organizer : names.venue);
  bo_print_doc_add_text (doc, BO_PRINT_ALIGN_CENTER, BO_PRINT_TEXT_BOLD | BO_PRINT_TEXT_LARGE,
                         closed ? _("Shift closing") : _("Shift report"));
  if (reprint)
    bo_print_doc_add_text (doc, BO_PRINT_ALIGN_CENTER, BO_PRINT_TEXT_BOLD, _("COPY"));
  bo_print_doc_add_rule (doc);
  when = format_local_time (bo_shift_get_opened_at (shift), tz);
  bo_print_doc_add_columns (doc, BO_PRINT_TEXT_NORMAL, _("Opened"), when);
  if (closed)
    {
      g_clear_pointer (&when, g_free);
      when = format_local_time (bo_shift_get_closed_at (shift), tz);
      bo_print_doc_add_columns (doc, BO_PRINT_TEXT_NORMAL, _("Closed"), when);
    }
  bo_print_doc_add_rule (doc);
  add_money_row (doc, BO_PRINT_TEXT_NORMAL, _("Float"), bo_shift_get_float (shift), currency);
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      gint64 total = bo_shift_get_payment_total (shift, methods[i].method);

      if (total != 0 || methods[i].label == BO_PAYMENT_CASH)
        add_money_row (doc, BO_PRINT_TEXT_NORMAL, bo_payment_method_describe (methods[i].label), total, currency);
    }
  add_money_row (doc, BO_PRINT_TEXT_NORMAL, _("Cash in"), bo_shift_get_cash_in (shift), currency);
  add_money_row (doc, BO_PRINT_TEXT_NORMAL, _("Cash out"), bo_shift_get_cash_out (shift), currency);
  bo_print_doc_add_rule (doc);
  add_money_row (doc, BO_PRINT_TEXT_BOLD, _("Cash expected"), bo_shift_get_cash_expected (shift),
                 currency);
  if (closed)
    {
      add_money_row (doc, BO_PRINT_TEXT_BOLD, _("Cash counted"), bo_shift_get_cash_counted (shift),
                     currency);
      add_money_row (doc, BO_PRINT_TEXT_BOLD, _("Variance"), bo_shift_get_variance (shift),
                     currency);
      bo_print_doc_add_rule (doc);
      text = g_strdup_printf (_("Journal %lld to %lld"),
                              (long long) bo_shift_get_first_journal_seq (shift),
                              (long long) bo_shift_get_last_journal_seq (shift));
      bo_print_doc_add_text (doc, BO_PRINT_ALIGN_LEFT, BO_PRINT_TEXT_NORMAL, text);
      if (bo_shift_get_journal_head (shift) != NULL)
        bo_print_doc_add_text (doc, BO_PRINT_ALIGN_LEFT, BO_PRINT_TEXT_NORMAL,
                               bo_shift_get_journal_head (shift));
    }
  bo_print_doc_add_feed (doc, 2);
  bo_print_doc_add_cut (doc);
  return g_steal_pointer (&doc);
}

BoPrintDoc *
bo_print_layout_test_page (const char *printer_uri)
{
  g_autoptr (BoPrintDoc) doc = bo_print_doc_new (BO_PRINT_DOC_RECEIPT);
  g_autoptr (GDateTime) now = bo_time_now ();
  g_autofree char *stamp = bo_time_format (now);
  g_autofree char *qr = g_strdup_printf ("BILTEN-TEST %s", stamp);

  bo_print_doc_set_title (doc, _("Printer test"));
  bo_print_doc_add_text (doc, BO_PRINT_ALIGN_CENTER, BO_PRINT_TEXT_BOLD | BO_PRINT_TEXT_LARGE,
                         "Bilten Box Office");
  bo_print_doc_add_text (doc, BO_PRINT_ALIGN_CENTER, BO_PRINT_TEXT_BOLD, _("Printer test"));
  bo_print_doc_add_rule (doc);
  if (printer_uri != NULL)
    bo_print_doc_add_text (doc, BO_PRINT_ALIGN_LEFT, BO_PRINT_TEXT_NORMAL, printer_uri);
  bo_print_doc_add_text (doc, BO_PRINT_ALIGN_LEFT, BO_PRINT_TEXT_NORMAL, stamp);
  /* The letters of the venues' languages and the euro sign, to see the code pages work. */
  bo_print_doc_add_text (doc, BO_PRINT_ALIGN_LEFT, BO_PRINT_TEXT_NORMAL,
                         "Čč Ćć Đđ Šš Žž € Ää Öö Üü ß é è à ç ñ");
  bo_print_doc_add_columns (doc, BO_PRINT_TEXT_NORMAL, _("Left"), _("Right"));
  bo_print_doc_add_text (doc, BO_PRINT_ALIGN_RIGHT, BO_PRINT_TEXT_BOLD, _("Bold"));
  bo_print_doc_add_text (doc, BO_PRINT_ALIGN_CENTER, BO_PRINT_TEXT_LARGE, _("Large"));
  bo_print_doc_add_qr (doc, qr);
  bo_print_doc_add_feed (doc, 1);
  bo_print_doc_add_cut (doc);
  return g_steal_pointer (&doc);
}
