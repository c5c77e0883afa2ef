# bench-ui-pull.py — the window stays responsive while it pulls 200,000 tickets
#
# The issue asks that "the UI never freezes, even during a 200,000-ticket pull". A counter is
# registered with the reference central server ($BO_CENTRAL) holding the demo catalogue plus
# 200,000 tickets sold online; the window starts on it, a cashier signs in, and the window's
# own first sync pulls them. Meanwhile the main loop is probed over AT-SPI every 10 ms (the
# main window's extents: answered by GTK on its main thread, never cached by the client), and
# the page tabs are switched now and then as a cashier would. Printed:
#   pull      the window's pull (sign-in → every ticket in its store), against the CLI's
#             `sync --once` of the same data into a fresh counter in the same run (the raw
#             cost: same library, no window);
#   probe     the round trip of one probe during the pull: median, p99 and the longest,
#             against the same probe with the window idle after the pull;
#   stall     the longest time the main loop gave no answer (the worst probe), the figure a
#             person would feel as a freeze (target under 100 ms: one frame at 10 Hz).
# BO_BENCH_TICKETS overrides the ticket count.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import time

import pyatspi

import boui
from boui import App, check, login, wait_until
from bocentral import Central, Counter

TICKETS = int(os.environ.get('BO_BENCH_TICKETS', '200000'))
PROBE_INTERVAL_S = 0.010
TARGET_STALL_S = 0.100

APP_ENV = {'GDK_DEBUG': 'gl-disable', 'GSK_RENDERER': 'cairo'}


def probe_once(window):
    t0 = time.monotonic()
    window.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return time.monotonic() - t0


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def cli_pull(central):
    """The same pull by the command-line tool: the raw cost of the work itself."""
    counter = Counter('cli-counter')
    counter.set_up(central, name='Counter 2')
    t0 = time.monotonic()
    summary = counter.cli('sync', '--once')
    elapsed = time.monotonic() - t0
    check(summary['pull_ok'], 'the CLI pull failed: %r' % summary)
    return elapsed, counter.sql('SELECT count(*) FROM tickets')[0][0]


def test():
    t0 = time.monotonic()
    central = Central(tickets=TICKETS)
    boui.log('central server with %d more tickets in %.1f s' % (TICKETS, time.monotonic() - t0))
    try:
        cli_seconds, expected = cli_pull(central)
        check(expected >= TICKETS, 'the CLI pulled %d tickets' % expected)

        counter = Counter()
        counter.set_up(central)

        def pulled():
            return counter.sql('SELECT count(*) FROM tickets')[0][0]

        with App(env=dict(APP_ENV, BILTEN_BOXOFFICE_DB=counter.db)) as app:
            main = app.main_window()
            login(app, '1234')
            tabs = [app.page_tab(title) for title in ('Check In', 'Sell')]
            t1 = time.monotonic()
            during = []
            probes = 0
            while True:
                during.append(probe_once(main))
                probes += 1
                if probes % 100 == 0:
                    app.click(tabs[(probes // 100) % 2])
                if probes % 20 == 0 and pulled() >= expected:
                    break
                check(time.monotonic() - t1 < 300, 'the pull did not end: %d of %d tickets'
                      % (pulled(), expected))
                time.sleep(PROBE_INTERVAL_S)
            pull_seconds = time.monotonic() - t1
            boui.screenshot('pull-done')

            # The same probe with the window idle, once the sync has settled.
            wait_until(lambda: 'Synchronisation' in boui.name(
                app.find(('push button',), contains='Synchronisation', within=main)),
                'no sync indicator')
            time.sleep(1)
            idle = []
            for _ in range(300):
                idle.append(probe_once(main))
                time.sleep(PROBE_INTERVAL_S)

        stall = max(during)
        print('# %d tickets pulled by the window (%d probes during the pull)'
              % (expected, len(during)), flush=True)
        print('pull     %8.2f s   CLI alone %.2f s   ratio %.2f'
              % (pull_seconds, cli_seconds, pull_seconds / cli_seconds), flush=True)
        print('probe    median %6.2f ms  p99 %6.2f ms  max %7.1f ms   idle: median %.2f ms,'
              ' p99 %.2f ms   p99 ratio %.1f'
              % (percentile(during, 0.5) * 1000, percentile(during, 0.99) * 1000, stall * 1000,
                 percentile(idle, 0.5) * 1000, percentile(idle, 0.99) * 1000,
                 percentile(during, 0.99) / percentile(idle, 0.99)), flush=True)
        print('stall    %8.1f ms   target %d ms %s'
              % (stall * 1000, TARGET_STALL_S * 1000,
                 'ok' if stall <= TARGET_STALL_S else 'OVER TARGET'), flush=True)
        if stall > TARGET_STALL_S and os.environ.get('BO_BENCH_STRICT'):
            raise boui.Failure('the main loop stalled for %.0f ms' % (stall * 1000))
    finally:
        central.stop()


boui.main(test)
