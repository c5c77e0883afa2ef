/* bo-print-layout.h — what is on a ticket, a receipt and a shift closing slip
 *
 * Builds BoPrintDoc documents from an order as stored: the ticket layout (event, date and time
 * in the venue's time zone, venue, ticket type, price, order code, ticket number and the QR
 * code of the ticket secret) and the receipt layout (organizer and venue, lines, fees, tax per
 * rate, total, payments, change, operator, time, order code, journal sequence). Text is
 * translated and amounts formatted for the current locale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/bo-store.h"
#include "domain/bo-order.h"
#include "domain/bo-shift.h"
#include "print/bo-print-doc.h"

G_BEGIN_DECLS

#define BO_TYPE_PRINT_LAYOUT (bo_print_layout_get_type ())
G_DECLARE_FINAL_TYPE (BoPrintLayout, bo_print_layout, BO, PRINT_LAYOUT, GObject)

/* Loads what the paper needs besides the order: the event (name, start, venue, time zone) and
 * the organizer and venue names from the device registration (falling back to the event's
 * venue before registration). */
BoPrintLayout *bo_print_layout_new          (BoStore  *store,
                                             BoOrder  *order,
                                             GError  **error);

BoOrder       *bo_print_layout_get_order    (BoPrintLayout *self);

/* One ticket per piece of paper, cut after each: every valid ticket of the order, or only
 * the one with id @ticket_id (> 0). A ticket printed before, or all of them when @reprint, is
 * marked as a reprint. */
BoPrintDoc    *bo_print_layout_tickets      (BoPrintLayout *self,
                                             gint64         ticket_id,
                                             gboolean       reprint);

/* The receipt; a first print of a sale paid (partly) in cash opens the drawer. */
BoPrintDoc    *bo_print_layout_receipt      (BoPrintLayout *self,
                                             gboolean       reprint);

/* The slip of a shift's figures (closed or still open). */
BoPrintDoc    *bo_print_layout_shift        (BoStore  *store,
                                             BoShift  *shift,
                                             gboolean  reprint,
                                             GError  **error);

/* A test page naming @printer_uri, with a QR code and the characters venues need. */
BoPrintDoc    *bo_print_layout_test_page    (const char *printer_uri);

G_END_DECLS
