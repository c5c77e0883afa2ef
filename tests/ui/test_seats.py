# test_seats.py — a registered counter: a sync refreshes the window, and "Get More Seats"
#
# A counter registered with the reference central server ($BO_CENTRAL) holds blocks of two
# seats per ticket type. The event is renamed on the server and "Sync Now" pressed: the sell
# page shows the new name without being opened again (the sync indicator's "synced" reaches
# every page). Then the allocation runs short twice, and each time the cashier presses
# "Get More Seats" and the platform grants another block: when a third Standing ticket goes
# into the cart, and when the sale of the three finds that the CLI sold two of the seats
# meanwhile. The sale draws on allocated seats only, without a manager's override.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import sqlite3
import subprocess
import urllib.request

import boui
from boui import App, check, login, screenshot, wait_until

CENTRAL = os.environ.get('BO_CENTRAL')
COUNTER_DB = os.path.join(boui.TMP, 'counter.db')


def counter_sql(query, *params):
    con = sqlite3.connect('file:%s?mode=ro' % COUNTER_DB, uri=True, timeout=10)
    try:
        return con.execute(query, params).fetchall()
    finally:
        con.close()


def counter_cli(*args):
    out = subprocess.run([boui.CLI, '--db', COUNTER_DB, '--json'] + list(args), check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout) if out.stdout.strip() else None


def held(type_id):
    """Seats of @type_id this counter's allocations have left."""
    return counter_sql('SELECT coalesce (sum (quantity - used), 0) FROM allocations'
                       ' WHERE ticket_type_id = ? AND released_at IS NULL', type_id)[0][0]


class Central:
    """bilten-central-dev on a free loopback port, with the demo catalogue."""

    def __init__(self):
        self.db = os.path.join(boui.TMP, 'central.db')
        self.proc = subprocess.Popen([CENTRAL, '--db', self.db, '--demo', '--port', '0'],
                                     stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        check(' listening on ' in line, 'the central server did not start: %r' % line)
        self.api = line.split(' listening on ')[1].strip()          # http://…/api/v1
        self.base = self.api[:-len('/api/v1')]

    def token(self):
        out = subprocess.run([CENTRAL, '--db', self.db, '--issue-token', '--url', self.api],
                             check=True, capture_output=True, text=True)
        return json.loads(out.stdout)['token']

    def admin(self, method, path, body):
        request = urllib.request.Request(self.base + path, data=json.dumps(body).encode(),
                                         method=method,
                                         headers={'Content-Type': 'application/json'})
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.loads(answer.read() or b'null')

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


def test():
    if not CENTRAL or not os.access(CENTRAL, os.X_OK):
        print('# SKIP: BO_CENTRAL does not name the reference central server', flush=True)
        raise SystemExit(boui.SKIP)

    central = Central()
    try:
        # A new counter (a registered one starts from an empty database), two operators, the
        # registration, a shift, and a first sync with blocks of two seats.
        counter_cli('operator', 'add', '--name', 'Manager', '--role', 'manager', '--pin', '9999')
        counter_cli('operator', 'add', '--name', 'Cashier', '--role', 'cashier', '--pin', '1234',
                    '--manager-pin', '9999')
        counter_cli('register', '--url', central.api, '--token', central.token(),
                    '--name', 'Counter 1')
        counter_cli('shift', 'open', '--pin', '1234', '--float', '10000')
        summary = counter_cli('sync', '--once', '--allocation-target', '2')
        check(summary['pull_ok'] and summary['allocations_granted'] > 0, 'first sync: %r' % summary)
        # The window's own syncs keep blocks of two as well (and top them up only below half).
        con = sqlite3.connect(COUNTER_DB, timeout=10)
        with con:
            con.execute("INSERT OR REPLACE INTO meta (key, value)"
                        " VALUES ('sync.allocation_target', '2')")
        con.close()
        standing = counter_sql("SELECT id FROM ticket_types WHERE name = 'Standing'")[0][0]
        check(held(standing) == 2, 'allocations: %r' % counter_sql('SELECT * FROM allocations'))

        with App(env={'BILTEN_BOXOFFICE_DB': COUNTER_DB}) as app:
            login(app, '1234')
            sell = app.page('Sell')
            main = app.main_window()
            picker = app.find(('push button',), contains='Event: Sevdah Night', within=sell,
                              timeout=20)

            # Renamed on the platform; "Sync Now" from the sync indicator's popover.
            central.admin('PATCH', '/admin/events/1', {'name': 'Sevdah Night (Main Hall)'})
            indicator = app.find(('push button',), contains='Synchronisation', within=main)
            app.click(indicator)
            app.press(name='Sync Now', within=main, timeout=20)
            wait_until(lambda: app.find_all(('push button',),
                                            contains='Event: Sevdah Night (Main Hall)',
                                            within=sell),
                       lambda: 'the sell page still shows %r' % boui.name(picker), timeout=30)
            screenshot('seats-synced')
            if app.find_all(('push button',), name='Sync Now', within=main):
                app.click(indicator)

            # Two Standing tickets, the two seats held; a third asks for more seats first.
            button = app.button(name='Standing', within=sell)
            app.click(button)
            app.click(button)
            app.find(('list item',), name='2 × Standing, 53.00 EUR', within=sell)
            app.click(button)
            dialog = app.dialog('Not Enough Seats Allocated', timeout=20)
            screenshot('seats-add-exhausted')
            # libadwaita 1.2 names its response buttons twice.
            app.press(contains='Get More Seats', within=dialog)
            app.wait_window_gone(dialog)
            app.find(('list item',), name='3 × Standing, 79.50 EUR', within=sell, timeout=20)
            check(held(standing) >= 3, 'Standing seats held: %r' % held(standing))

            # Meanwhile the CLI sells two of them on the same counter: the sale of the three
            # finds the allocation short, asks again, and goes through.
            counter_cli('sell', '--pin', '1234', '--event', '1', '--ticket', '%d:2' % standing,
                        '--pay', 'cash:5300')
            app.press(name='Pay 79.50 EUR', within=sell)
            pay = app.find(('filler',), name='BoPayPanel', within=sell)
            app.press(name='Complete Sale', within=pay)
            dialog = app.dialog('Not Enough Seats Allocated', timeout=20)
            screenshot('seats-sale-exhausted')
            check(counter_sql('SELECT count(*) FROM orders') == [(1,)], 'sold without seats')
            app.press(contains='Get More Seats', within=dialog)
            app.wait_window_gone(dialog)
            app.find(('label',), name='Sale Complete', within=sell, timeout=30)
            screenshot('seats-sold')

        orders = counter_sql('SELECT id, total, forced, status FROM orders ORDER BY id')
        check(len(orders) == 2 and orders[1][1:] == (7950, 0, 'paid'), 'orders: %r' % orders)
        lines = counter_sql('SELECT quantity, allocation_id FROM order_lines WHERE order_id = ?',
                            orders[1][0])
        check(sum(q for q, _ in lines) == 3 and all(a is not None for _, a in lines),
              'the sale did not draw on allocations: %r' % lines)
        blocks = counter_sql('SELECT quantity, used FROM allocations WHERE ticket_type_id = ?'
                             ' AND released_at IS NULL ORDER BY id', standing)
        check(len(blocks) >= 3 and sum(u for _, u in blocks) == 5,
              'Standing allocations after the sales: %r' % blocks)
    finally:
        central.stop()


boui.main(test)
