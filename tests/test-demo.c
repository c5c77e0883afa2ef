/* test-demo.c — the demo programme: dated from today, tonight's show still on at any hour
 *
 * The demo catalogue (shared with the reference central server) is what a new counter and
 * most tests sell from. Its first event is "tonight"; at a fixed hour it would be over late
 * in the evening, and nothing of it would be on sale (the sync and UI tests failed after
 * 22:30 in Sarajevo until it moved with the clock).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bo-test-util.h"
#include "domain/bo-demo.h"
#include "domain/bo-time.h"

static void
assert_times (const BoDemoEvent *event,
              const char        *now,
              const char        *want_starts,
              const char        *want_ends)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Europe/Sarajevo");
  g_autofree char *starts = NULL;
  g_autofree char *ends = NULL;

  g_assert_nonnull (tz);
  bo_test_pin_clock (now);
  bo_demo_event_times (event, tz, &starts, &ends);
  bo_test_pin_clock (NULL);
  g_assert_cmpstr (starts, ==, want_starts);
  g_assert_cmpstr (ends, ==, want_ends);
}

static void
test_event_times (void)
{
  guint n = 0;
  const BoDemoEvent *events = bo_demo_get_events (&n);

  g_assert_cmpuint (n, ==, 3);
  /* Tonight's show: 20:00 in Sarajevo (UTC+1 in winter) for 150 minutes. */
  g_assert_cmpint (events[0].days_from_today, ==, 0);
  g_assert_cmpint (events[0].hour, ==, 20);
  g_assert_cmpint (events[0].duration_minutes, ==, 150);

  /* In the morning, during the show and one minute before it ends: at its usual time. */
  assert_times (&events[0], "2026-11-25T08:00:00Z", "2026-11-25T19:00:00Z",
                "2026-11-25T21:30:00Z");
  assert_times (&events[0], "2026-11-25T20:15:00Z", "2026-11-25T19:00:00Z",
                "2026-11-25T21:30:00Z");
  assert_times (&events[0], "2026-11-25T21:29:00Z", "2026-11-25T19:00:00Z",
                "2026-11-25T21:30:00Z");
  /* Once it would be over, it starts at the top of the current local hour, still today. */
  assert_times (&events[0], "2026-11-25T21:30:00Z", "2026-11-25T21:00:00Z",
                "2026-11-25T23:30:00Z");
  assert_times (&events[0], "2026-11-25T22:59:59Z", "2026-11-25T22:00:00Z",
                "2026-11-26T00:30:00Z");
  /* Tomorrow's event never moves. */
  assert_times (&events[1], "2026-11-25T22:59:59Z", "2026-11-26T18:30:00Z",
                "2026-11-26T20:30:00Z");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bo/demo/event-times", test_event_times);
  return g_test_run ();
}
