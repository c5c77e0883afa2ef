/* bo-demo.h — a demo catalogue and operators for trying the app without a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/bo-store.h"
#include "domain/bo-device.h"

G_BEGIN_DECLS

#define BO_DEMO_CASHIER_PIN "1234"
#define BO_DEMO_MANAGER_PIN "9999"

/* An event of the demo programme, in the venue's time zone from today. */
typedef struct {
  gint64      id;
  const char *name;
  int         days_from_today;
  int         hour;
  int         minute;
  int         duration_minutes;
} BoDemoEvent;

typedef struct {
  gint64      id;
  gint64      event_id;
  const char *name;
  gint64      price;
  gint64      fee;
  gint        tax_rate_bp;
  gint64      capacity; /* -1 unlimited */
  gint64      sold;     /* sold elsewhere before the demo starts */
} BoDemoTicketType;

/* The demo programme, also served by the reference central server (tests/central), so the
 * ids and figures on both sides are one table. */
const BoDemoEvent      *bo_demo_get_events       (guint *out_n);
const BoDemoTicketType *bo_demo_get_ticket_types (guint *out_n);

/* When @event runs, as RFC 3339 UTC: its day from today and its time in @tz, the venue's.
 * Today's event, if that would have it over already, starts at the top of the current hour. */
void                    bo_demo_event_times      (const BoDemoEvent *event,
                                                  GTimeZone         *tz,
                                                  char             **out_starts,
                                                  char             **out_ends);

/* Creates or refreshes the demo events (dated from today), ticket types and the operators
 * "Cashier" (PIN 1234) and "Manager" (PIN 9999). Idempotent: running it again updates the
 * catalogue in place and never duplicates anything or touches sales. */
gboolean bo_demo_populate (BoStore  *store,
                           BoDevice *device,
                           GError  **error);

G_END_DECLS
