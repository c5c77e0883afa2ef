# bench-ui-start.py — the window on a store of 1,000,000 tickets: start-up, sale to print job,
# peak memory
#
# Run through tests/ui/run-ui-test.sh (Xvfb, AT-SPI, a demo store with an open shift). Measured
# from outside, as a person would see it, over AT-SPI:
#   start     process start → the lock screen's PIN pad is on screen and can be pressed;
#   sell      PIN submitted → the sell screen's ticket buttons can be pressed (includes the
#             deliberate Argon2 cost of the PIN check);
#   print     "complete sale" pressed → the sale's print job is in the store (polled every ms);
#   rss       the app's peak resident set (VmHWM) at the end.
# AT-SPI adds its own latency (building the accessible tree, D-Bus round trips), so these are
# upper bounds. BO_BENCH_TICKETS overrides the ticket count for quick runs.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sqlite3
import time

import boui
from boui import App, check, login, sql_value, wait_until

TICKETS = int(os.environ.get('BO_BENCH_TICKETS', '1000000'))
RUNS = int(os.environ.get('BO_BENCH_RUNS', '3'))
TARGET_START_S = 0.5
TARGET_PRINT_S = 0.050
TARGET_RSS_MIB = 150


def fill_store():
    """Tickets pulled from the server for the first demo event, as a big venue has them."""
    t0 = time.monotonic()
    con = sqlite3.connect(boui.DB)
    con.execute('PRAGMA journal_mode = WAL')
    con.execute('PRAGMA synchronous = OFF')
    types = [r[0] for r in con.execute('SELECT id FROM ticket_types WHERE event_id = 1')]
    base = con.execute('SELECT coalesce (max (id), 0) FROM tickets').fetchone()[0]
    names = ['Ana', 'Emir', 'Lejla', 'Haris', 'Selma', 'Tarik', 'Amra', 'Dino']
    rows = ((base + i, 'srv-%08d' % i, 5000000 + i, 1, types[i % len(types)],
             'W%06d' % (i // 3), 'ONLINE-SECRET-%012d' % i, '%s %d' % (names[i % 8], i))
            for i in range(1, TICKETS + 1))
    with con:
        con.executemany('INSERT INTO tickets (id, uuid, server_id, event_id, ticket_type_id,'
                        ' order_code, secret, attendee_name, updated_at)'
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, '2026-01-01T00:00:00Z')", rows)
    con.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    con.close()
    boui.log('filled %d tickets in %.1f s' % (TICKETS, time.monotonic() - t0))


def pin_pad_ready(app):
    return app.find_all(('push button',), name='1')


def one_run(results):
    app = App()
    t0 = time.monotonic()
    app.start(timeout=60)
    wait_until(lambda: pin_pad_ready(app), 'no PIN pad', timeout=60, interval=0.005)
    results['start'].append(time.monotonic() - t0)

    for digit in '1234':
        app.press(name=digit)
    submit = app.button(contains='Sign In')
    t1 = time.monotonic()
    app.click(submit)
    # The sell screen: a ticket type button of the first event.
    button = wait_until(lambda: app.find_all(('push button',), contains='Standing'),
                        'no sell screen', timeout=60, interval=0.005)[0]
    results['sell'].append(time.monotonic() - t1)

    # A sale of one ticket, paid exactly in cash, timed from the press that completes it.
    app.click(button)
    jobs = sql_value('SELECT count(*) FROM print_jobs')
    complete = app.button(contains='Cash', timeout=20)
    t2 = time.monotonic()
    app.click(complete)
    wait_until(lambda: sql_value('SELECT count(*) FROM print_jobs') > jobs,
               'no print job queued', timeout=20, interval=0.001)
    results['print'].append(time.monotonic() - t2)

    results['rss'].append(app.rss_peak_kib() / 1024.0)
    app.stop()


def test():
    fill_store()
    check(sql_value('SELECT count(*) FROM tickets') >= TICKETS, 'the store was not filled')

    results = {'start': [], 'sell': [], 'print': [], 'rss': []}
    for _ in range(RUNS):
        one_run(results)

    def line(key, unit, scale, target):
        values = sorted(results[key])
        median = values[len(values) // 2]
        verdict = 'ok' if median <= target else 'OVER TARGET'
        print('%-6s median %8.1f %s  (min %.1f, max %.1f; target %s %s) %s'
              % (key, median * scale, unit, values[0] * scale, values[-1] * scale,
                 target * scale, unit, verdict), flush=True)

    print('# %d tickets in the store, %d runs' % (TICKETS, RUNS))
    line('start', 'ms', 1000, TARGET_START_S)
    line('sell', 'ms', 1000, 10.0)
    line('print', 'ms', 1000, TARGET_PRINT_S)
    line('rss', 'MiB', 1, TARGET_RSS_MIB)


boui.main(test)
