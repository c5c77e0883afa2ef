/* central-main.c — bilten-central-dev: the project's reference central server
 *
 * A small implementation of ../../shared/central-api.md (the device-facing contract) over
 * plain HTTP on loopback, for demos and for tests over real HTTP. The command line and the
 * test-only /admin API are described in the helper notes (central-admin.md) and in
 * `bilten-central-dev --help`.
 *
 * Choices where the contract is silent (a careful REST API, documented here):
 *
 * - Idempotency: every POST under /api/v1 needs Idempotency-Key (400
 *   missing_idempotency_key). Keys are scoped per device (device 0 before initialisation)
 *   and never expire. The request is identified by SHA-256 of method, path and the body in
 *   canonical form (object members sorted, no white space), so a re-serialised identical
 *   body is the same request. Only successful answers (2xx) are stored, in the same
 *   transaction as their effect; a refused request (4xx) changed nothing and is judged afresh
 *   when sent again. Objects are also identified by their uuid: the same uuid sent under
 *   another key (or by another device id, i.e. a counter registered again) answers as the
 *   first time when the body is the same, else 409 uuid_taken.
 * - Errors are {"error": {"code", "message"}}; an error with a number to report (409
 *   sold_out and capacity_exceeded: "available") carries it inside "error" and, for
 *   convenience, at the top level too. Validation messages start with the field name
 *   ("lines[1].quantity: must be between 1 and 100000").
 * - Lists: objects in order of change (one global change counter over every row a device
 *   lists); next_cursor is base64url of the last change number; with no results the cursor
 *   handed in comes back. Unknown/garbled cursors → 400 invalid_cursor.
 * - Seats: a ticket type's "sold" = tickets sold by every channel (valid ones; a refund frees
 *   the seat) + seats an admin declared sold + seats held by granted, unused allocations.
 *   Available = capacity − sold (never below 0).
 * - Allocations: "quantity" in answers is what the device holds now (granted − released),
 *   "used" what its orders drew from it, "released" what it gave back; expires_at is the
 *   event's end (seats still held then stay counted, which no longer matters once the event
 *   is over). Releasing more than quantity − used → 409 release_exceeds_unused ("available":
 *   what can be released); releasing 0 is a harmless no-op. The release answers 200 with the
 *   allocation. Seats of refunded tickets sold from an allocation go back to the general
 *   pool, not to the allocation. Event not on sale → 409 event_not_on_sale.
 * - Orders: a line with allocation_id (which must be an allocation of this device for the
 *   line's ticket type, else 400 validation) draws what it can from the allocation; any excess
 *   takes free capacity and, when there is none, is accepted anyway with "oversold": true —
 *   the contract says such lines are never refused. Lines without an allocation that exceed
 *   what is available → 409 capacity_exceeded ("available") unless "force": true, which is
 *   accepted and answered "oversold": true. Unit prices may differ from the catalogue
 *   (discounts); totals must add up. Event not on sale → 409 event_not_on_sale unless forced.
 *   Counters may send opaque secrets (up to 64 bytes) as well as BT1 ones; BT1 secrets must
 *   verify with the device's key and name this device (or a former registration of it with
 *   the same public key), the order's event and the ticket's type (400 invalid_secret).
 *   Ticket uuids are unique across orders (409 uuid_taken).
 * - Refunds: any device of the organizer may refund any counter order (by its uuid); the
 *   tickets named must belong to the order (400); the amount may not exceed what was paid
 *   minus earlier refunds (400); a ticket refunded before → 409 already_refunded.
 * - Check-ins: the first scan to reach the server wins (the server cannot take back an
 *   "accepted" it has already answered); later entries of the same ticket are "duplicate".
 *   An exit scan of an admitted ticket is accepted and lets it in again; an exit of a ticket
 *   not inside is "duplicate". A secret of another event is "unknown". A BT1 secret whose
 *   order has not arrived yet but that verifies with a non-revoked device key and names the
 *   check-in's event is recorded and accepted; when its order arrives the ticket is created
 *   already checked in. A whole batch is refused (400) when one check-in is malformed.
 * - Closings are stored as sent; 201 {"id", "uuid"}. Refunds answer 201 {"id", "uuid",
 *   "order_uuid", "amount", "tickets_cancelled"}.
 * - Faults (--fault-* and POST /admin/faults) apply to /api/v1 paths under the configured
 *   prefix, never to /admin. "500" and "429" answer without processing; "delay" processes
 *   at once and holds the answer back for delay_ms (a client that gives up earlier has lost
 *   an answer whose effect exists); "drop" processes and commits, then closes the connection
 *   before any byte of the answer. The generator is a GRand with a settable seed.
 * - Bodies over 8 MiB → 413; malformed JSON → 400 invalid_json; unknown paths → 404
 *   not_found; a known path with another method → 405 method_not_allowed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>

#include "central-server.h"

static gboolean
on_signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db_path = NULL;
  g_autofree char *host = g_strdup ("127.0.0.1");
  g_autofree char *faults = NULL;
  g_autofree char *url = NULL;
  g_autofree char *name = NULL;
  int port = 0;
  int demo_tickets = 0;
  double fault_rate = 0;
  gint64 fault_seed = -1;
  gboolean demo = FALSE;
  gboolean issue_token = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      "SQLite database (created when missing)", "FILE" },
    { "host", 0, 0, G_OPTION_ARG_STRING, &host,
      "Loopback address to listen on (127.0.0.1)", "ADDR" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port (0 = any free port)", "N" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Fill the demo catalogue", NULL },
    { "demo-tickets", 0, 0, G_OPTION_ARG_INT, &demo_tickets,
      "Add event 4 with N online tickets", "N" },
    { "fault-rate", 0, 0, G_OPTION_ARG_DOUBLE, &fault_rate,
      "Share of requests that fail (0..1)", "F" },
    { "faults", 0, 0, G_OPTION_ARG_STRING, &faults, "Fault modes: 500,429,delay,drop", "LIST" },
    { "fault-seed", 0, 0, G_OPTION_ARG_INT64, &fault_seed, "Seed of the fault generator", "S" },
    { "issue-token", 0, 0, G_OPTION_ARG_NONE, &issue_token,
      "Print a one-time device token and exit", NULL },
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, "Base URL for the handshake (--issue-token)", "URL" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      "Name noted with the token (--issue-token)", "NAME" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("— Bilten reference central server");
  g_autoptr (GError) error = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  CentralServer *server;
  guint modes = CENTRAL_FAULT_500 | CENTRAL_FAULT_429 | CENTRAL_FAULT_DELAY | CENTRAL_FAULT_DROP;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bilten-central-dev: %s\n", error->message);
      return 2;
    }
  if (db_path == NULL)
    {
      g_printerr ("bilten-central-dev: --db FILE is required\n");
      return 2;
    }
  if (port < 0 || port > 65535 || demo_tickets < 0 || fault_rate < 0 || fault_rate > 1 ||
      (faults != NULL && !central_fault_modes_parse (faults, &modes)))
    {
      g_printerr ("bilten-central-dev: invalid --port, --demo-tickets, --fault-rate or --faults\n");
      return 2;
    }

  server = central_server_new (db_path, &error);
  if (server == NULL)
    {
      g_printerr ("bilten-central-dev: %s\n", error->message);
      return 1;
    }

  if (issue_token)
    {
      g_autofree char *json = central_server_issue_token (server, url, name, &error);

      central_server_free (server);
      if (json == NULL)
        {
          g_printerr ("bilten-central-dev: %s\n", error->message);
          return 1;
        }
      printf ("%s\n", json);
      return 0;
    }

  if ((demo || demo_tickets > 0) &&
      !central_server_populate_demo (server, demo, (guint) demo_tickets, &error))
    {
      g_printerr ("bilten-central-dev: demo data: %s\n", error->message);
      central_server_free (server);
      return 1;
    }
  central_server_set_faults (server, fault_rate, modes, 1, 3000, fault_seed, "/api/v1");
  if (!central_server_listen (server, host, (guint) port, &error))
    {
      g_printerr ("bilten-central-dev: %s\n", error->message);
      central_server_free (server);
      return 1;
    }

  printf ("bilten-central-dev listening on %s\n", central_server_get_base_url (server));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal_cb, loop);
  g_unix_signal_add (SIGINT, on_signal_cb, loop);
  g_main_loop_run (loop);

  central_server_free (server);
  return 0;
}
