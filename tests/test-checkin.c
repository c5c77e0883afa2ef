/* test-checkin.c — verdicts for scanned ticket codes, and what a scan records
 *
 * The catalogue is made here with plain SQL (two events, one ticket type each, a handful of
 * tickets in the states that matter) so that these tests depend only on the check-in code,
 * the device key and the journal/outbox. Signed secrets come from the fixture's own device and
 * from "other counters" whose key pairs are made here and put into device_keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <sodium.h>
#include <string.h>

#include "bo-test-util.h"
#include "domain/bo-attendee.h"
#include "domain/bo-checkin.h"
#include "domain/bo-journal.h"
#include "domain/bo-ticket-secret.h"

#define EVENT_CONCERT   1
#define EVENT_THEATRE   2
#define TYPE_STANDING   10
#define TYPE_SEAT       20

#define OTHER_DEVICE    42   /* another counter, key known */
#define REVOKED_DEVICE  43   /* key known but revoked */
#define UNKNOWN_DEVICE  44   /* key never synced */

#define T_ADA        "ONLINE-AAAA-0001"   /* valid, concert */
#define T_BOB        "ONLINE-AAAA-0002"   /* valid, concert */
#define T_CANCELLED  "ONLINE-CANCELLED"   /* cancelled, concert */
#define T_THEATRE    "ONLINE-THEATRE-01"  /* valid, theatre */
#define T_ELSEWHERE  "ONLINE-ELSEWHERE"   /* valid, concert, server says checked in */
#define ELSEWHERE_AT "2026-03-01T18:00:00Z"
#define OWN_UUID     "3f1c2b8e-8d7a-4a3e-9a57-0c1d2e3f4a5b"

typedef struct {
  BoTestFixture fx;
  guint8        other_sk[crypto_sign_SECRETKEYBYTES];
  guint8        revoked_sk[crypto_sign_SECRETKEYBYTES];
  guint8        unknown_sk[crypto_sign_SECRETKEYBYTES];
  char         *own_signed;    /* sold here: in the tickets table */
} Fixture;

static void
insert_ticket (BoStore    *store,
               gint64      id,
               const char *uuid,
               gint64      event_id,
               gint64      type_id,
               const char *secret,
               const char *status,
               const char *attendee,
               const char *checked_in_at)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (bo_store_get_db (store),
                           "INSERT INTO tickets (id, uuid, server_id, event_id, ticket_type_id,"
                           " order_code, secret, attendee_name, status, checked_in_at)"
                           " VALUES (?1, ?2, ?1 + 1000, ?3, ?4, 'ORD' || ?1, ?5, ?6, ?7, ?8)",
                           -1, &stmt, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, event_id);
  sqlite3_bind_int64 (stmt, 4, type_id);
  sqlite3_bind_text (stmt, 5, secret, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, attendee, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, checked_in_at, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
insert_key (BoStore      *store,
            guint32       device_id,
            const guint8 *public_key,
            const char   *revoked_at)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (bo_store_get_db (store),
                                       "INSERT INTO device_keys (device_id, public_key, revoked_at)"
                                       " VALUES (?1, ?2, ?3)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, device_id);
  sqlite3_bind_blob (stmt, 2, public_key, crypto_sign_PUBLICKEYBYTES, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, revoked_at, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static char *
sign_secret (const guint8 *secret_key,
             guint32       device_id,
             guint32       event_id,
             guint32       type_id,
             guint32       serial)
{
  BoTicketPayload payload = { device_id, event_id, type_id, serial, { 1, 2, 3, 4 } };

  return bo_ticket_secret_sign (&payload, secret_key);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  guint8 pk[crypto_sign_PUBLICKEYBYTES];

  g_assert_cmpint (sodium_init (), >=, 0);
  bo_test_fixture_setup (&f->fx, GINT_TO_POINTER (FALSE));

  bo_test_exec (f->fx.store,
                "INSERT INTO events (id, name, starts_at, currency) VALUES"
            " (1, 'Concert', '2026-03-01T19:00:00Z', 'EUR'),"
            " (2, 'Theatre', '2026-03-02T19:00:00Z', 'EUR');"
            "INSERT INTO ticket_types (id, event_id, name, price) VALUES"
            " (10, 1, 'Standing', 2500), (20, 2, 'Seat', 3000);");

  insert_ticket (f->fx.store, 1, NULL, EVENT_CONCERT, TYPE_STANDING, T_ADA, "valid",
                 "Ada Lovelace", NULL);
  insert_ticket (f->fx.store, 2, NULL, EVENT_CONCERT, TYPE_STANDING, T_BOB, "valid", NULL, NULL);
  insert_ticket (f->fx.store, 3, NULL, EVENT_CONCERT, TYPE_STANDING, T_CANCELLED, "cancelled",
                 NULL, NULL);
  insert_ticket (f->fx.store, 4, NULL, EVENT_THEATRE, TYPE_SEAT, T_THEATRE, "valid", NULL, NULL);
  insert_ticket (f->fx.store, 5, NULL, EVENT_CONCERT, TYPE_STANDING, T_ELSEWHERE, "valid", NULL,
                 ELSEWHERE_AT);
  f->own_signed = bo_device_make_secret (f->fx.device, EVENT_CONCERT, TYPE_STANDING, 1);
  insert_ticket (f->fx.store, 6, OWN_UUID, EVENT_CONCERT, TYPE_STANDING, f->own_signed, "valid",
                 "Grace Hopper", NULL);

  crypto_sign_keypair (pk, f->other_sk);
  insert_key (f->fx.store, OTHER_DEVICE, pk, NULL);
  crypto_sign_keypair (pk, f->revoked_sk);
  insert_key (f->fx.store, REVOKED_DEVICE, pk, "2026-02-01T00:00:00Z");
  crypto_sign_keypair (pk, f->unknown_sk);

  bo_test_pin_clock ("2026-03-01T19:00:00Z");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  bo_test_pin_clock (NULL);
  g_clear_pointer (&f->own_signed, g_free);
  bo_test_fixture_teardown (&f->fx, GINT_TO_POINTER (FALSE));
}

/* A scan at a pinned time that must not fail. */
static BoCheckin *
scan_at (Fixture     *f,
         const char  *when,
         gint64       event_id,
         const char  *raw,
         const char  *gate,
         BoDirection  direction)
{
  g_autoptr (GError) error = NULL;
  BoCheckin *checkin;

  bo_test_pin_clock (when);
  checkin = bo_checkin_scan (f->fx.store, f->fx.device, NULL, event_id, raw, gate, direction,
                             &error);
  g_assert_no_error (error);
  g_assert_nonnull (checkin);
  g_assert_cmpstr (bo_checkin_get_scanned_at (checkin), ==, when);
  return checkin;
}

static BoVerdict
scan_verdict (Fixture     *f,
              gint64       event_id,
              const char  *raw,
              BoDirection  direction)
{
  g_autoptr (BoCheckin) checkin = scan_at (f, "2026-03-01T19:00:00Z", event_id, raw, "Gate",
                                           direction);

  return bo_checkin_get_verdict (checkin);
}

static BoVerdict
judge_verdict (Fixture    *f,
               gint64      event_id,
               const char *secret)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoCheckin) checkin = bo_checkin_judge (f->fx.store, event_id, secret,
                                                    BO_DIRECTION_ENTRY, &error);

  g_assert_no_error (error);
  g_assert_nonnull (checkin);
  g_assert_null (bo_checkin_get_uuid (checkin));
  return bo_checkin_get_verdict (checkin);
}

static gint64
count_rows (Fixture    *f,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return bo_test_query_int (f->fx.store, sql);
}

static void
assert_counts (Fixture *f,
               gint64   event_id,
               gint64   inside,
               gint64   valid)
{
  g_autoptr (GError) error = NULL;
  gint64 got_inside = -1;
  gint64 got_valid = -1;

  g_assert_true (bo_checkin_count (f->fx.store, event_id, &got_inside, &got_valid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (got_inside, ==, inside);
  g_assert_cmpint (got_valid, ==, valid);
}

static void
test_verdict_strings (void)
{
  static const struct { BoVerdict verdict; const char *text; } cases[] = {
    { BO_VERDICT_ACCEPTED, "accepted" },
    { BO_VERDICT_DUPLICATE, "duplicate" },
    { BO_VERDICT_UNKNOWN, "unknown" },
    { BO_VERDICT_CANCELLED, "cancelled" },
    { BO_VERDICT_WRONG_EVENT, "wrong_event" },
    { BO_VERDICT_INVALID_SIGNATURE, "invalid_signature" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (bo_verdict_to_string (cases[i].verdict), ==, cases[i].text);
      g_assert_nonnull (bo_verdict_describe (cases[i].verdict));
      g_assert_cmpstr (bo_verdict_describe (cases[i].verdict), !=, "");
    }
}

static void
test_clean_input (void)
{
  static const struct { const char *raw; const char *clean; } good[] = {
    { "ABC123", "ABC123" },
    { "ABC123\r\n", "ABC123" },
    { "\tABC123\n", "ABC123" },
    { "  ABC 123  ", "ABC 123" },                          /* inner space kept */
    { "\xc2\xa0" "ABC\xe3\x80\x80", "ABC" },                /* NBSP, ideographic space */
    { "\xef\xbb\xbf" "ABC\xe2\x80\x8b", "ABC" },            /* BOM, zero-width space */
    { "\x0b" "ABC\x0c", "ABC" },                            /* VT, FF */
    { "' OR 1=1 --", "' OR 1=1 --" },
    { "%_%", "%_%" },
    { "\xf0\x9f\x8e\xab", "\xf0\x9f\x8e\xab" },             /* emoji */
  };
  static const char * const bad[] = {
    "", " ", "\r\n\t", "\xc2\xa0\xe2\x80\x83",
    "AB\x01" "CD", "\x1b[31mRED", "ABC\x7f", "AB\xc2\x85" "CD", "AB\xe2\x80\xa8" "CD",
    "\xff\xfe", "AB\xc3\x28", "\xed\xa0\x80", "\xc0\xaf", "\xf8\x88\x80\x80\x80",
  };
  g_autofree char *max = g_strnfill (BO_CHECKIN_MAX_INPUT, 'A');
  g_autofree char *over = g_strnfill (BO_CHECKIN_MAX_INPUT + 1, 'A');
  g_autofree char *huge = g_strnfill (10 * 1024, 'A');
  g_autofree char *padded = g_strconcat ("\r\n\t  ", max, "  \r\n", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *clean = bo_checkin_clean_input (good[i].raw, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (clean, ==, good[i].clean);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *clean = bo_checkin_clean_input (bad[i], &error);

      g_assert_error (error, BO_CHECKIN_ERROR, BO_CHECKIN_ERROR_MALFORMED);
      g_assert_null (clean);
      g_assert_cmpstr (error->message, !=, "");
    }

  {
    g_autoptr (GError) error = NULL;
    g_autofree char *clean = bo_checkin_clean_input (max, &error);
    g_autofree char *clean_padded = bo_checkin_clean_input (padded, NULL);

    g_assert_no_error (error);
    g_assert_cmpstr (clean, ==, max);
    g_assert_cmpstr (clean_padded, ==, max);
  }
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *clean = bo_checkin_clean_input (over, &error);

    g_assert_error (error, BO_CHECKIN_ERROR, BO_CHECKIN_ERROR_MALFORMED);
    g_assert_null (clean);
  }
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *clean = bo_checkin_clean_input (huge, &error);

    g_assert_error (error, BO_CHECKIN_ERROR, BO_CHECKIN_ERROR_MALFORMED);
    g_assert_null (clean);
  }
}

static void
test_accepted (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (BoCheckin) ada = scan_at (f, "2026-03-01T19:01:00Z", EVENT_CONCERT, T_ADA "\r\n",
                                       "North door", BO_DIRECTION_ENTRY);
  g_autoptr (BoCheckin) own = scan_at (f, "2026-03-01T19:02:00Z", EVENT_CONCERT, f->own_signed,
                                       "North door", BO_DIRECTION_ENTRY);

  g_assert_cmpint (bo_checkin_get_verdict (ada), ==, BO_VERDICT_ACCEPTED);
  g_assert_cmpstr (bo_checkin_get_secret (ada), ==, T_ADA);
  g_assert_cmpint (bo_checkin_get_event_id (ada), ==, EVENT_CONCERT);
  g_assert_cmpstr (bo_checkin_get_gate (ada), ==, "North door");
  g_assert_cmpint (bo_checkin_get_direction (ada), ==, BO_DIRECTION_ENTRY);
  g_assert_cmpstr (bo_checkin_get_attendee_name (ada), ==, "Ada Lovelace");
  g_assert_cmpstr (bo_checkin_get_ticket_type_name (ada), ==, "Standing");
  g_assert_cmpstr (bo_checkin_get_order_code (ada), ==, "ORD1");
  g_assert_null (bo_checkin_get_ticket_uuid (ada));
  g_assert_null (bo_checkin_get_first_scanned_at (ada));
  g_assert_null (bo_checkin_get_first_gate (ada));
  g_assert_true (g_uuid_string_is_valid (bo_checkin_get_uuid (ada)));

  /* A ticket sold here is judged from its row (uuid known), not from its signature. */
  g_assert_cmpint (bo_checkin_get_verdict (own), ==, BO_VERDICT_ACCEPTED);
  g_assert_cmpstr (bo_checkin_get_ticket_uuid (own), ==, OWN_UUID);
  g_assert_cmpstr (bo_checkin_get_attendee_name (own), ==, "Grace Hopper");
  g_assert_cmpstr (bo_checkin_get_uuid (own), !=, bo_checkin_get_uuid (ada));

  /* Properties mirror the getters, for list bindings. */
  {
    g_autofree char *secret = NULL;
    g_autofree char *gate = NULL;
    int verdict = -1;

    g_object_get (ada, "verdict", &verdict, "secret", &secret, "gate", &gate, NULL);
    g_assert_cmpint (verdict, ==, BO_VERDICT_ACCEPTED);
    g_assert_cmpstr (secret, ==, T_ADA);
    g_assert_cmpstr (gate, ==, "North door");
  }
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (BoCheckin) first = scan_at (f, "2026-03-01T19:01:00Z", EVENT_CONCERT, T_ADA,
                                         "North door", BO_DIRECTION_ENTRY);
  g_autoptr (BoCheckin) second = scan_at (f, "2026-03-01T19:05:00Z", EVENT_CONCERT, T_ADA,
                                          "South door", BO_DIRECTION_ENTRY);
  g_autoptr (BoCheckin) third = scan_at (f, "2026-03-01T19:09:00Z", EVENT_CONCERT, T_ADA,
                                         NULL, BO_DIRECTION_ENTRY);

  g_assert_cmpint (bo_checkin_get_verdict (first), ==, BO_VERDICT_ACCEPTED);
  g_assert_cmpint (bo_checkin_get_verdict (second), ==, BO_VERDICT_DUPLICATE);
  g_assert_cmpstr (bo_checkin_get_first_scanned_at (second), ==, "2026-03-01T19:01:00Z");
  g_assert_cmpstr (bo_checkin_get_first_gate (second), ==, "North door");
  g_assert_cmpstr (bo_checkin_get_gate (second), ==, "South door");
  g_assert_nonnull (bo_checkin_get_detail (second));

  /* A duplicate does not become the "first" scan. */
  g_assert_cmpint (bo_checkin_get_verdict (third), ==, BO_VERDICT_DUPLICATE);
  g_assert_cmpstr (bo_checkin_get_first_scanned_at (third), ==, "2026-03-01T19:01:00Z");
  g_assert_cmpstr (bo_checkin_get_first_gate (third), ==, "North door");
  g_assert_null (bo_checkin_get_gate (third));

  g_assert_cmpint (bo_test_query_int (f->fx.store,
                                      "SELECT count(*) FROM checkins WHERE verdict = 'duplicate'"
                                      " AND ticket_id = 1"), ==, 2);
}

static void
test_exit_reentry (Fixture       *f,
                   gconstpointer  data)
{
  static const struct {
    const char *when;
    const char *gate;
    BoDirection direction;
    BoVerdict   verdict;
    const char *first_at;
  } steps[] = {
    { "2026-03-01T19:00:00Z", "North", BO_DIRECTION_EXIT, BO_VERDICT_DUPLICATE, NULL }, /* not in */
    { "2026-03-01T19:01:00Z", "North", BO_DIRECTION_ENTRY, BO_VERDICT_ACCEPTED, NULL },
    { "2026-03-01T19:02:00Z", "South", BO_DIRECTION_ENTRY, BO_VERDICT_DUPLICATE, "2026-03-01T19:01:00Z" },
    { "2026-03-01T20:00:00Z", "South", BO_DIRECTION_EXIT, BO_VERDICT_ACCEPTED, NULL },
    { "2026-03-01T20:01:00Z", "South", BO_DIRECTION_EXIT, BO_VERDICT_DUPLICATE, NULL },
    { "2026-03-01T20:30:00Z", "South", BO_DIRECTION_ENTRY, BO_VERDICT_ACCEPTED, NULL },
    { "2026-03-01T20:31:00Z", "West", BO_DIRECTION_ENTRY, BO_VERDICT_DUPLICATE, "2026-03-01T19:01:00Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr (BoCheckin) c = scan_at (f, steps[i].when, EVENT_CONCERT, T_BOB, steps[i].gate,
                                         steps[i].direction);

      g_test_message ("step %u", i);
      g_assert_cmpint (bo_checkin_get_verdict (c), ==, steps[i].verdict);
      g_assert_cmpint (bo_checkin_get_direction (c), ==, steps[i].direction);
      g_assert_cmpstr (bo_checkin_get_first_scanned_at (c), ==, steps[i].first_at);
      if (steps[i].first_at != NULL)
        g_assert_cmpstr (bo_checkin_get_first_gate (c), ==, "North");
      if (steps[i].direction == BO_DIRECTION_EXIT && steps[i].verdict == BO_VERDICT_DUPLICATE)
        g_assert_cmpstr (bo_checkin_get_detail (c), ==, "Not inside");
    }

  g_assert_cmpint (bo_test_query_int (f->fx.store,
                                      "SELECT count(*) FROM checkins WHERE secret = '" T_BOB "'"
                                      " AND verdict = 'accepted' AND direction = 'exit'"), ==, 1);
}

static void
test_checked_in_elsewhere (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (BoCheckin) in = scan_at (f, "2026-03-01T19:00:00Z", EVENT_CONCERT, T_ELSEWHERE,
                                      "North", BO_DIRECTION_ENTRY);
  g_autoptr (BoCheckin) out = NULL;
  g_autoptr (BoCheckin) back = NULL;

  g_assert_cmpint (bo_checkin_get_verdict (in), ==, BO_VERDICT_DUPLICATE);
  g_assert_cmpstr (bo_checkin_get_first_scanned_at (in), ==, ELSEWHERE_AT);
  g_assert_null (bo_checkin_get_first_gate (in));

  out = scan_at (f, "2026-03-01T19:10:00Z", EVENT_CONCERT, T_ELSEWHERE, "North",
                 BO_DIRECTION_EXIT);
  g_assert_cmpint (bo_checkin_get_verdict (out), ==, BO_VERDICT_ACCEPTED);

  back = scan_at (f, "2026-03-01T19:20:00Z", EVENT_CONCERT, T_ELSEWHERE, "South",
                  BO_DIRECTION_ENTRY);
  g_assert_cmpint (bo_checkin_get_verdict (back), ==, BO_VERDICT_ACCEPTED);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_assert_cmpint (scan_verdict (f, EVENT_CONCERT, T_CANCELLED, BO_DIRECTION_ENTRY), ==,
                   BO_VERDICT_CANCELLED);
  g_assert_cmpint (scan_verdict (f, EVENT_CONCERT, T_CANCELLED, BO_DIRECTION_ENTRY), ==,
                   BO_VERDICT_CANCELLED);
  g_assert_cmpint (scan_verdict (f, EVENT_CONCERT, T_CANCELLED, BO_DIRECTION_EXIT), ==,
                   BO_VERDICT_CANCELLED);
  /* Recorded against the ticket. */
  g_assert_cmpint (bo_test_query_int (f->fx.store,
                                      "SELECT count(*) FROM checkins WHERE ticket_id = 3"
                                      " AND verdict = 'cancelled'"), ==, 3);

  /* A ticket cancelled after it came in (refund at the door) is no longer let in. */
  g_assert_cmpint (scan_verdict (f, EVENT_CONCERT, T_BOB, BO_DIRECTION_ENTRY), ==,
                   BO_VERDICT_ACCEPTED);
  bo_test_exec (f->fx.store, "UPDATE tickets SET status = 'cancelled' WHERE id = 2");
  g_assert_cmpint (scan_verdict (f, EVENT_CONCERT, T_BOB, BO_DIRECTION_ENTRY), ==,
                   BO_VERDICT_CANCELLED);
}

static void
test_wrong_event (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (BoCheckin) row = scan_at (f, "2026-03-01T19:00:00Z", EVENT_CONCERT, T_THEATRE,
                                       "North", BO_DIRECTION_ENTRY);
  g_autofree char *signed_theatre = sign_secret (f->other_sk, OTHER_DEVICE, EVENT_THEATRE,
                                                 TYPE_SEAT, 7);
  g_autoptr (BoCheckin) sig = scan_at (f, "2026-03-01T19:00:01Z", EVENT_CONCERT, signed_theatre,
                                       "North", BO_DIRECTION_ENTRY);

  g_assert_cmpint (bo_checkin_get_verdict (row), ==, BO_VERDICT_WRONG_EVENT);
  g_assert_nonnull (strstr (bo_checkin_get_detail (row), "Theatre"));
  g_assert_cmpint (bo_checkin_get_verdict (sig), ==, BO_VERDICT_WRONG_EVENT);
  g_assert_nonnull (strstr (bo_checkin_get_detail (sig), "Theatre"));

  /* The same codes at their own event are fine, and the wrong-event scans did not count. */
  g_assert_cmpint (scan_verdict (f, EVENT_THEATRE, T_THEATRE, BO_DIRECTION_ENTRY), ==,
                   BO_VERDICT_ACCEPTED);
  g_assert_cmpint (scan_verdict (f, EVENT_THEATRE, signed_theatre, BO_DIRECTION_ENTRY), ==,
                   BO_VERDICT_ACCEPTED);
  /* Concert tickets at the theatre, and at an event this counter does not know. */
  g_assert_cmpint (scan_verdict (f, EVENT_THEATRE, T_ADA, BO_DIRECTION_ENTRY), ==,
                   BO_VERDICT_WRONG_EVENT);
  g_assert_cmpint (scan_verdict (f, 99, f->own_signed, BO_DIRECTION_ENTRY), ==,
                   BO_VERDICT_WRONG_EVENT);
  g_assert_cmpint (bo_test_query_int (f->fx.store,
                                      "SELECT ticket_id FROM checkins WHERE secret = '"
                                      T_THEATRE "' AND event_id = 1"), ==, 4);
}

static void
test_signed_other_counter (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *secret = sign_secret (f->other_sk, OTHER_DEVICE, EVENT_CONCERT,
                                         TYPE_STANDING, 1);
  g_autofree char *odd_type = sign_secret (f->other_sk, OTHER_DEVICE, EVENT_CONCERT, 777, 2);
  g_autofree char *own_unsynced = bo_device_make_secret (f->fx.device, EVENT_CONCERT,
                                                         TYPE_STANDING, 99);
  g_autofree char *needle = g_strdup_printf ("%u", OTHER_DEVICE);
  g_autoptr (BoCheckin) first = scan_at (f, "2026-03-01T19:00:00Z", EVENT_CONCERT, secret,
                                         "North", BO_DIRECTION_ENTRY);
  g_autoptr (BoCheckin) again = scan_at (f, "2026-03-01T19:03:00Z", EVENT_CONCERT, secret,
                                         "South", BO_DIRECTION_ENTRY);
  g_autoptr (BoCheckin) out = scan_at (f, "2026-03-01T19:04:00Z", EVENT_CONCERT, secret,
                                       "South", BO_DIRECTION_EXIT);
  g_autoptr (BoCheckin) back = scan_at (f, "2026-03-01T19:05:00Z", EVENT_CONCERT, secret,
                                        "South", BO_DIRECTION_ENTRY);
  g_autoptr (BoCheckin) odd = scan_at (f, "2026-03-01T19:06:00Z", EVENT_CONCERT, odd_type,
                                       "South", BO_DIRECTION_ENTRY);

  g_assert_cmpint (bo_checkin_get_verdict (first), ==, BO_VERDICT_ACCEPTED);
  g_assert_nonnull (strstr (bo_checkin_get_detail (first), needle));
  g_assert_cmpstr (bo_checkin_get_ticket_type_name (first), ==, "Standing");
  g_assert_null (bo_checkin_get_ticket_uuid (first));

  g_assert_cmpint (bo_checkin_get_verdict (again), ==, BO_VERDICT_DUPLICATE);
  g_assert_cmpstr (bo_checkin_get_first_scanned_at (again), ==, "2026-03-01T19:00:00Z");
  g_assert_cmpstr (bo_checkin_get_first_gate (again), ==, "North");
  g_assert_cmpint (bo_checkin_get_verdict (out), ==, BO_VERDICT_ACCEPTED);
  g_assert_cmpint (bo_checkin_get_verdict (back), ==, BO_VERDICT_ACCEPTED);

  g_assert_cmpint (bo_checkin_get_verdict (odd), ==, BO_VERDICT_ACCEPTED);
  g_assert_null (bo_checkin_get_ticket_type_name (odd));

  /* This counter's own key also verifies a secret whose sale row is missing. */
  g_assert_cmpint (scan_verdict (f, EVENT_CONCERT, own_unsynced, BO_DIRECTION_ENTRY), ==,
                   BO_VERDICT_ACCEPTED);

  g_assert_cmpint (bo_test_query_int (f->fx.store,
                                      "SELECT count(*) FROM checkins WHERE ticket_id IS NULL"),
                   ==, 6);

  /* Once the ticket arrives from the server, its earlier scans still count: it is inside. */
  insert_ticket (f->fx.store, 50, NULL, EVENT_CONCERT, TYPE_STANDING, secret, "valid", NULL, NULL);
  {
    g_autoptr (BoCheckin) synced = scan_at (f, "2026-03-01T19:30:00Z", EVENT_CONCERT, secret,
                                            "West", BO_DIRECTION_ENTRY);

    g_assert_cmpint (bo_checkin_get_verdict (synced), ==, BO_VERDICT_DUPLICATE);
    g_assert_cmpstr (bo_checkin_get_first_gate (synced), ==, "North");
  }
}

static void
test_keys (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *revoked = sign_secret (f->revoked_sk, REVOKED_DEVICE, EVENT_CONCERT,
                                          TYPE_STANDING, 1);
  g_autofree char *unknown = sign_secret (f->unknown_sk, UNKNOWN_DEVICE, EVENT_CONCERT,
                                          TYPE_STANDING, 1);
  /* Claims to be from device 42 but was signed with another key. */
  g_autofree char *forged = sign_secret (f->unknown_sk, OTHER_DEVICE, EVENT_CONCERT,
                                         TYPE_STANDING, 1);
  g_autofree char *needle = g_strdup_printf ("%u", UNKNOWN_DEVICE);
  g_autoptr (BoCheckin) r = scan_at (f, "2026-03-01T19:00:00Z", EVENT_CONCERT, revoked, "N",
                                     BO_DIRECTION_ENTRY);
  g_autoptr (BoCheckin) u = scan_at (f, "2026-03-01T19:00:00Z", EVENT_CONCERT, unknown, "N",
                                     BO_DIRECTION_ENTRY);
  g_autoptr (BoCheckin) x = scan_at (f, "2026-03-01T19:00:00Z", EVENT_CONCERT, forged, "N",
                                     BO_DIRECTION_ENTRY);

  g_assert_cmpint (bo_checkin_get_verdict (r), ==, BO_VERDICT_INVALID_SIGNATURE);
  g_assert_cmpint (bo_checkin_get_verdict (u), ==, BO_VERDICT_UNKNOWN);
  g_assert_nonnull (strstr (bo_checkin_get_detail (u), needle));
  g_assert_nonnull (strstr (bo_checkin_get_detail (u), "sync"));
  g_assert_cmpint (bo_checkin_get_verdict (x), ==, BO_VERDICT_INVALID_SIGNATURE);

  /* Once its key arrives, the same code is accepted. */
  {
    guint8 pk[crypto_sign_PUBLICKEYBYTES];

    crypto_sign_ed25519_sk_to_pk (pk, f->unknown_sk);
    insert_key (f->fx.store, UNKNOWN_DEVICE, pk, NULL);
    g_assert_cmpint (scan_verdict (f, EVENT_CONCERT, unknown, BO_DIRECTION_ENTRY), ==,
                     BO_VERDICT_ACCEPTED);
  }
}

/* Every one-character change of a valid signed code (substitution, deletion, insertion,
 * case change) must never be let in. Judged only: nothing here needs a record. */
static void
assert_tampered_never_accepted (Fixture    *f,
                                const char *secret)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  gsize len = strlen (secret);
  guint judged = 0;

  g_assert_cmpint (judge_verdict (f, EVENT_CONCERT, secret), ==, BO_VERDICT_ACCEPTED);

  for (gsize i = 0; i < len; i++)
    {
      const char *pos = strchr (alphabet, secret[i]);
      gsize at = pos != NULL ? (gsize) (pos - alphabet) : 0;
      char variants[4];

      variants[0] = alphabet[(at + 1) % 32];
      variants[1] = alphabet[(at + 17) % 32];
      variants[2] = g_ascii_tolower (secret[i]) != secret[i] ? g_ascii_tolower (secret[i]) : '0';
      variants[3] = '8';

      for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
        {
          g_autofree char *changed = g_strdup (secret);
          BoVerdict verdict;

          if (variants[v] == secret[i])
            continue;
          changed[i] = variants[v];
          verdict = judge_verdict (f, EVENT_CONCERT, changed);
          if (verdict != BO_VERDICT_INVALID_SIGNATURE && verdict != BO_VERDICT_UNKNOWN)
            g_error ("changing position %" G_GSIZE_FORMAT " to '%c' gave %s", i, variants[v],
                     bo_verdict_to_string (verdict));
          judged++;
        }

      {
        g_autofree char *deleted = g_strdup (secret);
        g_autofree char *inserted = g_strdup_printf ("%.*sA%s", (int) i, secret, secret + i);

        memmove (deleted + i, deleted + i + 1, len - i);
        g_assert_cmpint (judge_verdict (f, EVENT_CONCERT, deleted), !=, BO_VERDICT_ACCEPTED);
        g_assert_cmpint (judge_verdict (f, EVENT_CONCERT, inserted), !=, BO_VERDICT_ACCEPTED);
        judged += 2;
      }
    }
  g_assert_cmpuint (judged, >, 5 * len);
}

static void
test_tampered (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *other = sign_secret (f->other_sk, OTHER_DEVICE, EVENT_CONCERT, TYPE_STANDING,
                                        5);
  g_autofree char *lower = g_ascii_strdown (other, -1);

  g_assert_cmpuint (strlen (other), ==, BO_TICKET_SECRET_LEN);
  assert_tampered_never_accepted (f, other);
  /* A code sold here: changed, it is no longer in the table and its signature fails. */
  assert_tampered_never_accepted (f, f->own_signed);

  /* And through a full scan, recorded with the verdict. */
  {
    g_autofree char *changed = g_strdup (other);

    changed[60] = changed[60] == 'A' ? 'B' : 'A';
    g_assert_cmpint (scan_verdict (f, EVENT_CONCERT, changed, BO_DIRECTION_ENTRY), ==,
                     BO_VERDICT_INVALID_SIGNATURE);
    g_assert_cmpint (scan_verdict (f, EVENT_CONCERT, lower, BO_DIRECTION_ENTRY), ==,
                     BO_VERDICT_UNKNOWN);
    g_assert_cmpint (scan_verdict (f, EVENT_CONCERT, "BT1", BO_DIRECTION_ENTRY), ==,
                     BO_VERDICT_INVALID_SIGNATURE);
    g_assert_cmpint (count_rows (f, "checkins"), ==, 3);
  }
}

static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  static const char * const malformed[] = {
    "", "   ", "\r\n", "\t\t\r\n", "AB\x01" "CD", "\x1b[2J\x1b[H", "ABC\x7f",
    "\xff\xfe\xfd", "AB\xc3\x28", "\xed\xa0\x80", "\xc0\xaf", "\x01\x02\x03",
    "\x00" "ONLINE-AAAA-0001",    /* a NUL first: the C string is empty */
    "ONLINE-AAAA-0001\x1b",
  };
  static const char * const unknown[] = {
    "' OR 1=1 --", "'; DROP TABLE tickets; --", "\" OR \"\"=\"", "%", "_", "%%%",
    "ONLINE-AAAA-000%", "ONLINE-AAAA-000_", "*", "ONLINE-AAAA-0001' --",
    "\xf0\x9f\x8e\xab\xf0\x9f\x8e\x89", "\xe2\x80\xae" "1000-AAAA-ENILNO",
    "Robert'); DELETE FROM checkins; --", "\\", "NULL", "0", "-1",
  };
  g_autofree char *huge = g_strnfill (10 * 1024, 'A');
  g_autofree char *huge_ws = g_strnfill (10 * 1024, ' ');
  gint64 tickets_before = count_rows (f, "tickets");
  gint64 expected = 0;
  GRand *rand = g_rand_new_with_seed (20260301);

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (BoCheckin) c = bo_checkin_scan (f->fx.store, f->fx.device, NULL, EVENT_CONCERT,
                                                 malformed[i], "Gate", BO_DIRECTION_ENTRY,
                                                 &error);

      g_assert_error (error, BO_CHECKIN_ERROR, BO_CHECKIN_ERROR_MALFORMED);
      g_assert_null (c);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (BoCheckin) c = bo_checkin_scan (f->fx.store, f->fx.device, NULL, EVENT_CONCERT,
                                                 i == 0 ? huge : huge_ws, "Gate",
                                                 BO_DIRECTION_ENTRY, &error);

      g_assert_error (error, BO_CHECKIN_ERROR, BO_CHECKIN_ERROR_MALFORMED);
      g_assert_null (c);
    }
  /* Nothing recorded for malformed input. */
  g_assert_cmpint (count_rows (f, "checkins"), ==, 0);
  g_assert_cmpint (count_rows (f, "journal"), ==, 0);
  g_assert_cmpint (count_rows (f, "outbox"), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_test_message ("hostile %u", i);
      g_assert_cmpint (scan_verdict (f, EVENT_CONCERT, unknown[i], BO_DIRECTION_ENTRY), ==,
                       BO_VERDICT_UNKNOWN);
      expected++;
    }

  /* Random byte soup (no NUL inside): a clean error or a non-accepting verdict. */
  for (guint i = 0; i < 300; i++)
    {
      guint len = g_rand_int_range (rand, 1, 300);
      g_autofree char *buf = g_malloc (len + 1);
      g_autoptr (GError) error = NULL;
      g_autoptr (BoCheckin) c = NULL;

      for (guint j = 0; j < len; j++)
        {
          /* Half of the buffers printable ASCII, so that some get past validation. */
          buf[j] = (char) (i % 2 == 0 ? g_rand_int_range (rand, 1, 256)
                                      : g_rand_int_range (rand, 0x20, 0x7f));
        }
      buf[len] = '\0';
      c = bo_checkin_scan (f->fx.store, f->fx.device, NULL, EVENT_CONCERT, buf, "Gate",
                           BO_DIRECTION_ENTRY, &error);
      if (c == NULL)
        g_assert_error (error, BO_CHECKIN_ERROR, BO_CHECKIN_ERROR_MALFORMED);
      else
        {
          g_assert_no_error (error);
          g_assert_cmpint (bo_checkin_get_verdict (c), !=, BO_VERDICT_ACCEPTED);
          g_assert_cmpint (bo_checkin_get_verdict (c), !=, BO_VERDICT_DUPLICATE);
          expected++;
        }
    }
  g_rand_free (rand);

  g_assert_cmpint (count_rows (f, "checkins"), ==, expected);
  g_assert_cmpint (count_rows (f, "journal"), ==, expected);
  g_assert_cmpint (count_rows (f, "outbox"), ==, expected);
  g_assert_cmpint (bo_test_query_int (f->fx.store,
                                      "SELECT count(*) FROM checkins WHERE verdict = 'accepted'"),
                   ==, 0);
  g_assert_cmpint (count_rows (f, "tickets"), ==, tickets_before);
  g_assert_cmpint (bo_test_query_int (f->fx.store,
                                      "SELECT count(*) FROM tickets WHERE secret IN ('" T_ADA
                                      "', '" T_BOB "', '" T_CANCELLED "', '" T_THEATRE "', '"
                                      T_ELSEWHERE "')"), ==, 5);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (bo_store_get_db (f->fx.store), "PRAGMA integrity_check",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_finalize (stmt);
  }

  /* The real tickets still work afterwards. */
  g_assert_cmpint (scan_verdict (f, EVENT_CONCERT, "\r\n" T_ADA "\t\r\n", BO_DIRECTION_ENTRY),
                   ==, BO_VERDICT_ACCEPTED);
}

static JsonObject *
parse_object (const char *text,
              JsonNode  **out_root)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  *out_root = json_node_copy (json_parser_get_root (parser));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*out_root));
  return json_node_get_object (*out_root);
}

static char *
query_text (BoStore    *store,
            const char *sql,
            const char *arg)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (bo_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = bo_store_column_dup_text (stmt, 0);
  sqlite3_finalize (stmt);
  return text;
}

static void
test_recorded_rows (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (BoCheckin) c = scan_at (f, "2026-03-01T19:30:00Z", EVENT_CONCERT,
                                     f->own_signed, "North door", BO_DIRECTION_ENTRY);
  g_autoptr (BoCheckin) d = scan_at (f, "2026-03-01T19:31:00Z", EVENT_CONCERT, "NOPE", NULL,
                                     BO_DIRECTION_EXIT);
  g_autoptr (GError) error = NULL;
  const char *uuid = bo_checkin_get_uuid (c);
  g_autofree char *payload = NULL;
  g_autofree char *body = NULL;
  g_autofree char *hash = NULL;
  g_autoptr (JsonNode) payload_root = NULL;
  g_autoptr (JsonNode) body_root = NULL;
  g_autoptr (JsonNode) d_root = NULL;
  JsonObject *o;
  gint64 count = -1;
  gint64 bad = -1;
  sqlite3_stmt *stmt = NULL;

  /* checkins row */
  g_assert_cmpint (sqlite3_prepare_v2 (bo_store_get_db (f->fx.store),
                                       "SELECT event_id, ticket_id, secret, scanned_at, gate,"
                                       " direction, offline, verdict, operator_id, journal_seq"
                                       " FROM checkins WHERE uuid = ?1", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, EVENT_CONCERT);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, 6);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, f->own_signed);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "2026-03-01T19:30:00Z");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, "North door");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 5), ==, "entry");
  g_assert_cmpint (sqlite3_column_int (stmt, 6), ==, 1);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 7), ==, "accepted");
  g_assert_cmpint (sqlite3_column_type (stmt, 8), ==, SQLITE_NULL);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 9), ==, 1);
  sqlite3_finalize (stmt);
  g_assert_cmpint (count_rows (f, "checkins"), ==, 2);

  /* journal: chained, signed, and the payload names the ticket without its secret */
  g_assert_true (bo_journal_verify (f->fx.store, bo_device_get_public_key (f->fx.device), &count,
                                    &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, 2);
  g_assert_cmpint (bo_test_query_int (f->fx.store,
                                      "SELECT count(*) FROM journal WHERE kind = 'checkin'"), ==, 2);
  payload = query_text (f->fx.store, "SELECT payload FROM journal WHERE ref_uuid = ?1", uuid);
  g_assert_null (strstr (payload, f->own_signed));
  g_assert_null (strstr (payload, "\": "));   /* compact */
  g_assert_null (strchr (payload, '\n'));
  o = parse_object (payload, &payload_root);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, f->own_signed, -1);
  hash[16] = '\0';
  g_assert_cmpstr (json_object_get_string_member (o, "uuid"), ==, uuid);
  g_assert_cmpint (json_object_get_int_member (o, "event_id"), ==, EVENT_CONCERT);
  g_assert_cmpstr (json_object_get_string_member (o, "ticket_uuid"), ==, OWN_UUID);
  g_assert_cmpstr (json_object_get_string_member (o, "secret_hash"), ==, hash);
  g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "accepted");
  g_assert_cmpstr (json_object_get_string_member (o, "gate"), ==, "North door");
  g_assert_cmpstr (json_object_get_string_member (o, "direction"), ==, "entry");
  g_assert_cmpstr (json_object_get_string_member (o, "scanned_at"), ==, "2026-03-01T19:30:00Z");
  g_assert_false (json_object_has_member (o, "secret"));

  /* outbox: one check-in object of the contract's array */
  g_assert_cmpint (bo_test_query_int (f->fx.store,
                                      "SELECT count(*) FROM outbox WHERE kind = 'checkin'"
                                      " AND path = '/checkins' AND method = 'POST'"
                                      " AND state = 'pending'"), ==, 2);
  body = query_text (f->fx.store, "SELECT body FROM outbox WHERE uuid = ?1", uuid);
  o = parse_object (body, &body_root);
  g_assert_cmpuint (json_object_get_size (o), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (o, "uuid"), ==, uuid);
  g_assert_cmpint (json_object_get_int_member (o, "event_id"), ==, EVENT_CONCERT);
  g_assert_cmpstr (json_object_get_string_member (o, "secret"), ==, f->own_signed);
  g_assert_cmpstr (json_object_get_string_member (o, "scanned_at"), ==, "2026-03-01T19:30:00Z");
  g_assert_cmpstr (json_object_get_string_member (o, "gate"), ==, "North door");
  g_assert_cmpstr (json_object_get_string_member (o, "direction"), ==, "entry");
  g_assert_true (json_object_get_boolean_member (o, "offline"));

  /* The unknown exit without a gate: nulls where the contract allows nothing else. */
  g_free (body);
  body = query_text (f->fx.store, "SELECT body FROM outbox WHERE uuid = ?1",
                     bo_checkin_get_uuid (d));
  o = parse_object (body, &d_root);
  g_assert_cmpstr (json_object_get_string_member (o, "secret"), ==, "NOPE");
  g_assert_true (json_object_get_null_member (o, "gate"));
  g_assert_cmpstr (json_object_get_string_member (o, "direction"), ==, "exit");
  g_assert_cmpint (bo_checkin_get_verdict (d), ==, BO_VERDICT_UNKNOWN);

  /* Judging alone records nothing. */
  g_assert_cmpint (judge_verdict (f, EVENT_CONCERT, T_BOB), ==, BO_VERDICT_ACCEPTED);
  g_assert_cmpint (count_rows (f, "checkins"), ==, 2);
  g_assert_cmpint (count_rows (f, "journal"), ==, 2);
  g_assert_cmpint (count_rows (f, "outbox"), ==, 2);
}

static void
test_operator (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOperator) manager = bo_operator_add (f->fx.store, NULL, "Mia", BO_ROLE_MANAGER,
                                                    "975311", &error);
  g_autoptr (BoOperator) cashier = NULL;
  g_autoptr (BoCheckin) c = NULL;

  g_assert_no_error (error);
  cashier = bo_operator_add (f->fx.store, manager, "Cas", BO_ROLE_CASHIER, "864200", &error);
  g_assert_no_error (error);
  g_assert_true (bo_operator_can (cashier, BO_RIGHT_CHECK_IN));

  c = bo_checkin_scan (f->fx.store, f->fx.device, cashier, EVENT_CONCERT, T_ADA, "North",
                       BO_DIRECTION_ENTRY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_checkin_get_verdict (c), ==, BO_VERDICT_ACCEPTED);
  g_assert_cmpint (bo_test_query_int (f->fx.store,
                                      "SELECT operator_id FROM checkins WHERE ticket_id = 1"), ==,
                   bo_operator_get_id (cashier));
}

static void
test_count (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *other = sign_secret (f->other_sk, OTHER_DEVICE, EVENT_CONCERT, TYPE_STANDING,
                                        3);

  /* Valid concert tickets: Ada, Bob, Elsewhere, own signed; Elsewhere is in per the server. */
  assert_counts (f, EVENT_CONCERT, 1, 4);
  assert_counts (f, EVENT_THEATRE, 0, 1);
  assert_counts (f, 99, 0, 0);

  scan_verdict (f, EVENT_CONCERT, T_ADA, BO_DIRECTION_ENTRY);
  assert_counts (f, EVENT_CONCERT, 2, 4);
  scan_verdict (f, EVENT_CONCERT, T_ADA, BO_DIRECTION_ENTRY);  /* duplicate */
  assert_counts (f, EVENT_CONCERT, 2, 4);
  scan_verdict (f, EVENT_CONCERT, other, BO_DIRECTION_ENTRY);  /* signed-only */
  assert_counts (f, EVENT_CONCERT, 3, 4);
  scan_verdict (f, EVENT_CONCERT, T_CANCELLED, BO_DIRECTION_ENTRY);
  scan_verdict (f, EVENT_CONCERT, T_THEATRE, BO_DIRECTION_ENTRY);
  scan_verdict (f, EVENT_CONCERT, "' OR 1=1 --", BO_DIRECTION_ENTRY);
  assert_counts (f, EVENT_CONCERT, 3, 4);
  assert_counts (f, EVENT_THEATRE, 0, 1);

  scan_verdict (f, EVENT_CONCERT, T_ADA, BO_DIRECTION_EXIT);
  assert_counts (f, EVENT_CONCERT, 2, 4);
  scan_verdict (f, EVENT_CONCERT, T_ELSEWHERE, BO_DIRECTION_EXIT);
  assert_counts (f, EVENT_CONCERT, 1, 4);
  scan_verdict (f, EVENT_CONCERT, T_ELSEWHERE, BO_DIRECTION_EXIT);  /* not inside */
  assert_counts (f, EVENT_CONCERT, 1, 4);
  scan_verdict (f, EVENT_CONCERT, T_ADA, BO_DIRECTION_ENTRY);
  scan_verdict (f, EVENT_CONCERT, f->own_signed, BO_DIRECTION_ENTRY);
  assert_counts (f, EVENT_CONCERT, 3, 4);

  /* A refunded ticket leaves the count, even while its holder is still in. */
  bo_test_exec (f->fx.store, "UPDATE tickets SET status = 'cancelled' WHERE id = 1");
  assert_counts (f, EVENT_CONCERT, 2, 3);
}

/* The check-in page counts once and then adds each scan's bo_checkin_get_inside_change():
 * after every kind of scan that must land exactly where a fresh count does. */
static void
test_count_follows_scans (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *other = sign_secret (f->other_sk, OTHER_DEVICE, EVENT_CONCERT, TYPE_STANDING,
                                        4);
  /* Signed with a key that is not OTHER_DEVICE's. */
  g_autofree char *forged = sign_secret (f->unknown_sk, OTHER_DEVICE, EVENT_CONCERT,
                                         TYPE_STANDING, 6);
  g_autofree char *theatre_signed = sign_secret (f->other_sk, OTHER_DEVICE, EVENT_THEATRE,
                                                 TYPE_SEAT, 5);
  struct {
    const char  *code;
    BoDirection  direction;
    int          change;
  } steps[] = {
    { T_ADA, BO_DIRECTION_ENTRY, 1 },
    { T_ADA, BO_DIRECTION_ENTRY, 0 },           /* duplicate */
    { T_BOB, BO_DIRECTION_EXIT, 0 },            /* not inside */
    { T_BOB, BO_DIRECTION_ENTRY, 1 },
    { T_CANCELLED, BO_DIRECTION_ENTRY, 0 },
    { T_CANCELLED, BO_DIRECTION_EXIT, 0 },
    { T_THEATRE, BO_DIRECTION_ENTRY, 0 },       /* wrong event */
    { NULL, BO_DIRECTION_ENTRY, 0 },            /* theatre_signed: wrong event */
    { "NOT-A-TICKET", BO_DIRECTION_ENTRY, 0 },
    { NULL, BO_DIRECTION_ENTRY, 0 },            /* forged */
    { T_ELSEWHERE, BO_DIRECTION_ENTRY, 0 },     /* in per the server */
    { T_ELSEWHERE, BO_DIRECTION_EXIT, -1 },
    { T_ELSEWHERE, BO_DIRECTION_EXIT, 0 },
    { T_ELSEWHERE, BO_DIRECTION_ENTRY, 1 },
    { NULL, BO_DIRECTION_ENTRY, 1 },            /* other: signed-only */
    { NULL, BO_DIRECTION_ENTRY, 0 },            /* other again */
    { NULL, BO_DIRECTION_EXIT, -1 },            /* other out */
    { T_ADA, BO_DIRECTION_EXIT, -1 },
    { T_ADA, BO_DIRECTION_EXIT, 0 },
    { T_ADA, BO_DIRECTION_ENTRY, 1 },
  };
  const char *fill[] = { theatre_signed, forged, other, other, other };
  guint next_fill = 0;
  gint64 inside = -1, valid = -1;
  g_autoptr (GError) error = NULL;

  g_assert_true (bo_checkin_count (f->fx.store, EVENT_CONCERT, &inside, &valid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (inside, ==, 1);
  g_assert_cmpint (valid, ==, 4);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      const char *code = steps[i].code != NULL ? steps[i].code : fill[next_fill++];
      g_autoptr (BoCheckin) checkin = scan_at (f, "2026-03-01T19:00:00Z", EVENT_CONCERT, code,
                                               "Gate", steps[i].direction);
      gint64 now_inside = -1;

      g_test_message ("step %u: %s %s -> %s", i, code,
                      steps[i].direction == BO_DIRECTION_EXIT ? "exit" : "entry",
                      bo_verdict_to_string (bo_checkin_get_verdict (checkin)));
      g_assert_cmpint (bo_checkin_get_inside_change (checkin), ==, steps[i].change);
      inside += bo_checkin_get_inside_change (checkin);
      g_assert_true (bo_checkin_count (f->fx.store, EVENT_CONCERT, &now_inside, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (now_inside, ==, inside);
    }
  g_assert_cmpuint (next_fill, ==, G_N_ELEMENTS (fill));
  /* Ada, Bob, Elsewhere. */
  g_assert_cmpint (inside, ==, 3);

  /* A refund and a server-reported check-in of a cancelled ticket: not a scan, so the page
   * recounts (it is told the orders changed); the count drops Bob and ignores the other. */
  bo_test_exec (f->fx.store, "UPDATE tickets SET status = 'cancelled' WHERE id = 2;"
                             "UPDATE tickets SET checked_in_at = '" ELSEWHERE_AT "' WHERE id = 3");
  assert_counts (f, EVENT_CONCERT, 2, 3);
  assert_counts (f, EVENT_THEATRE, 0, 1);
}

static GPtrArray *
search (Fixture    *f,
        gint64      event_id,
        const char *query,
        guint       limit)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *hits = bo_attendee_search (f->fx.store, event_id, query, limit, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

/* Manual check-in at the door: by part of a name or a whole order code, within the event. */
static void
test_attendee_search (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GPtrArray) hits = NULL;
  BoAttendee *hit;

  hits = search (f, EVENT_CONCERT, "love", 50);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpstr (hit->attendee_name, ==, "Ada Lovelace");
  g_assert_cmpstr (hit->secret, ==, T_ADA);
  g_assert_cmpstr (hit->order_code, ==, "ORD1");
  g_assert_cmpstr (hit->ticket_type_name, ==, "Standing");
  g_assert_cmpstr (hit->status, ==, "valid");
  g_assert_null (hit->inside_since);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* In after a scan here, out again after an exit. */
  g_assert_cmpint (scan_verdict (f, EVENT_CONCERT, T_ADA, BO_DIRECTION_ENTRY), ==,
                   BO_VERDICT_ACCEPTED);
  hits = search (f, EVENT_CONCERT, "LOVE", 50);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((BoAttendee *) g_ptr_array_index (hits, 0))->inside_since, ==,
                   "2026-03-01T19:00:00Z");
  g_clear_pointer (&hits, g_ptr_array_unref);
  g_assert_cmpint (scan_verdict (f, EVENT_CONCERT, T_ADA, BO_DIRECTION_EXIT), ==,
                   BO_VERDICT_ACCEPTED);
  hits = search (f, EVENT_CONCERT, "love", 50);
  g_assert_null (((BoAttendee *) g_ptr_array_index (hits, 0))->inside_since);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Order codes in full, any case; the server's check-in counts as inside. */
  hits = search (f, EVENT_CONCERT, "ord5", 50);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((BoAttendee *) g_ptr_array_index (hits, 0))->inside_since, ==, ELSEWHERE_AT);
  g_clear_pointer (&hits, g_ptr_array_unref);
  /* Once it leaves through this door, the server's word no longer has it inside. */
  g_assert_cmpint (scan_verdict (f, EVENT_CONCERT, T_ELSEWHERE, BO_DIRECTION_EXIT), ==,
                   BO_VERDICT_ACCEPTED);
  hits = search (f, EVENT_CONCERT, "ORD5", 50);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_null (((BoAttendee *) g_ptr_array_index (hits, 0))->inside_since);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f, EVENT_CONCERT, "ORD3", 50);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((BoAttendee *) g_ptr_array_index (hits, 0))->status, ==, "cancelled");
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f, EVENT_CONCERT, "ORD", 50);      /* not a whole code, in no name */
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Another event's tickets stay out; so do wildcards and quotes typed in. */
  hits = search (f, EVENT_CONCERT, "ORD4", 50);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f, EVENT_THEATRE, "ORD4", 50);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  for (guint i = 0; i < 3; i++)
    {
      const char *hostile[] = { "%", "_", "' OR 1=1 --" };

      hits = search (f, EVENT_CONCERT, hostile[i], 50);
      g_assert_cmpuint (hits->len, ==, 0);
      g_clear_pointer (&hits, g_ptr_array_unref);
    }

  /* By name, and no more than asked for. */
  hits = search (f, EVENT_CONCERT, "a", 50);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpstr (((BoAttendee *) g_ptr_array_index (hits, 0))->attendee_name, ==,
                   "Ada Lovelace");
  g_assert_cmpstr (((BoAttendee *) g_ptr_array_index (hits, 1))->attendee_name, ==,
                   "Grace Hopper");
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f, EVENT_CONCERT, "a", 1);
  g_assert_cmpuint (hits->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/bo/checkin/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/bo/checkin/verdict-strings", test_verdict_strings);
  g_test_add_func ("/bo/checkin/clean-input", test_clean_input);
  ADD ("accepted", test_accepted);
  ADD ("duplicate", test_duplicate);
  ADD ("exit-reentry", test_exit_reentry);
  ADD ("checked-in-elsewhere", test_checked_in_elsewhere);
  ADD ("cancelled", test_cancelled);
  ADD ("wrong-event", test_wrong_event);
  ADD ("signed-other-counter", test_signed_other_counter);
  ADD ("keys", test_keys);
  ADD ("tampered", test_tampered);
  ADD ("hostile", test_hostile);
  ADD ("recorded", test_recorded_rows);
  ADD ("operator", test_operator);
  ADD ("count", test_count);
  ADD ("count-follows-scans", test_count_follows_scans);
  ADD ("attendee-search", test_attendee_search);

#undef ADD

  return g_test_run ();
}
