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

import boui
from boui import App, check, login, screenshot, wait_until
from bocentral import Central, Counter

counter = Counter()


def held(type_id):
    """Seats of @type_id this counter's allocations have left."""
    return counter.sql('SELECT coalesce (sum (quantity - used), 0) FROM allocations'
                       ' WHERE ticket_type_id = ? AND released_at IS NULL', type_id)[0][0]


def test():
    central = Central()
    try:
        # A new counter (a registered one starts from an empty database), two operators, the
        # registration, a shift, and a first sync with blocks of two seats.
        counter.set_up(central)
        summary = counter.cli('sync', '--once', '--allocation-target', '2')
        check(summary['pull_ok'] and summary['allocations_granted'] > 0, 'first sync: %r' % summary)
        # The window's own syncs keep blocks of two as well (and top them up only below half).
        counter.set_meta('sync.allocation_target', '2')
        standing = counter.sql("SELECT id FROM ticket_types WHERE name = 'Standing'")[0][0]
        check(held(standing) == 2, 'allocations: %r' % counter.sql('SELECT * FROM allocations'))

        with App(env={'BILTEN_BOXOFFICE_DB': counter.db}) as app:
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
            counter.cli('sell', '--pin', '1234', '--event', '1', '--ticket', '%d:2' % standing,
                        '--pay', 'cash:5300')
            app.press(name='Pay 79.50 EUR', within=sell)
            pay = app.find(('filler',), name='BoPayPanel', within=sell)
            app.press(name='Complete Sale', within=pay)
            dialog = app.dialog('Not Enough Seats Allocated', timeout=20)
            screenshot('seats-sale-exhausted')
            check(counter.sql('SELECT count(*) FROM orders') == [(1,)], 'sold without seats')
            app.press(contains='Get More Seats', within=dialog)
            app.wait_window_gone(dialog)
            app.find(('label',), name='Sale Complete', within=sell, timeout=30)
            screenshot('seats-sold')

        orders = counter.sql('SELECT id, total, forced, status FROM orders ORDER BY id')
        check(len(orders) == 2 and orders[1][1:] == (7950, 0, 'paid'), 'orders: %r' % orders)
        lines = counter.sql('SELECT quantity, allocation_id FROM order_lines WHERE order_id = ?',
                            orders[1][0])
        check(sum(q for q, _ in lines) == 3 and all(a is not None for _, a in lines),
              'the sale did not draw on allocations: %r' % lines)
        blocks = counter.sql('SELECT quantity, used FROM allocations WHERE ticket_type_id = ?'
                             ' AND released_at IS NULL ORDER BY id', standing)
        check(len(blocks) >= 3 and sum(u for _, u in blocks) == 5,
              'Standing allocations after the sales: %r' % blocks)
    finally:
        central.stop()


boui.main(test)
