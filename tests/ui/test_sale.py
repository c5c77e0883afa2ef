# test_sale.py — a cashier's sale from sign-in to the door and back to a refund
#
# Sign in with the PIN pad, sell two Standing tickets paid in cash with change, see the receipt
# come out of the file printer, check one ticket in (accepted), scan it again (duplicate),
# refund the other one with a reason and a manager's PIN, and find each step in the store.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import time

import pyatspi

import boui
from boui import App, check, has_state, login, screenshot, sql, sql_value, wait_until

# The check-in page takes a second identical code within 0.8 s for the scanner reading the
# same code twice (bo-checkin-recorder.c, DOUBLE_READ_US).
DOUBLE_READ_S = 0.8


def verdict(app, page):
    """The verdict box's code (its accessible description) and name."""
    boxes = app.find_all(('panel',), within=page,
                         pred=lambda n: boui.description(n) in (
                             'idle', 'accepted', 'duplicate', 'unknown', 'cancelled',
                             'wrong_event', 'invalid_signature', 'invalid', 'not_allowed',
                             'error'))
    return (boui.description(boxes[0]), boui.name(boxes[0])) if boxes else (None, None)


def test():
    with App() as app:
        check(login(app, '1234') == 'Cashier', 'not signed in as the cashier')

        # Two Standing tickets (25.00 + 1.50 fee each): the cart follows.
        sell = app.page('Sell')
        standing = app.button(name='Standing', within=sell, timeout=20)
        app.click(standing)
        app.click(standing)
        cart = app.find(('filler',), name='BoCartView', within=sell)
        app.find(('list item',), name='2 × Standing, 53.00 EUR', within=cart)

        # Paid with 100.00 in cash: 47.00 change.
        _, _, _, _, complete = boui.pay_in_cash(app, sell, '53.00 EUR', '100', '47.00 EUR')
        screenshot('sale-pay')
        app.click(complete)

        result = app.find(('filler',), name='BoSaleResult', within=sell, timeout=20)
        app.find(('label',), name='Sale Complete', within=result)
        app.find(('label',), name='47.00 EUR', within=result)
        screenshot('sale-complete')

        orders = sql('SELECT id, uuid, total, status FROM orders')
        check(len(orders) == 1, 'orders after the sale: %r' % orders)
        order_id, order_uuid, total, status = orders[0]
        check(total == 5300 and status == 'paid', 'the order is %r' % (orders[0],))
        payments = sql('SELECT method, amount, tendered, change FROM payments WHERE order_id = ?',
                       order_id)
        check(payments == [('cash', 5300, 10000, 4700)], 'payments: %r' % payments)
        tickets = sql('SELECT secret, uuid, serial FROM tickets WHERE order_id = ? ORDER BY id',
                      order_id)
        check(len(tickets) == 2, 'tickets: %r' % tickets)
        app.find(('label',), name='Order %s' % order_uuid[:8], within=result)

        # The receipt: queued with the sale, then printed to the file printer.
        check(sql_value("SELECT count(*) FROM print_jobs WHERE order_id = ? AND kind = 'receipt'",
                        order_id) == 1, 'no receipt job with the sale')
        wait_until(lambda: sql_value("SELECT state FROM print_jobs WHERE order_id = ? AND "
                                     "kind = 'receipt'", order_id) == 'done',
                   lambda: 'the receipt job is %r' % sql(
                       "SELECT state, last_error FROM print_jobs WHERE kind = 'receipt'"),
                   timeout=20)
        receipt = os.environ['BO_RECEIPT_FILE']
        check(os.path.exists(receipt), 'nothing reached the receipt printer %s' % receipt)
        receipt_bytes = open(receipt, 'rb').read()
        for text in (b'53.00', b'100.00', b'47.00', order_uuid[:8].upper().encode()):
            check(text in receipt_bytes, 'the receipt does not show %r' % text)
        wait_until(lambda: sql_value("SELECT state FROM print_jobs WHERE order_id = ? AND "
                                     "kind = 'tickets'", order_id) == 'done',
                   'the tickets were not printed', timeout=20)

        # The door: the first ticket in, then again.
        checkin = app.show_page('Check In')
        code = app.find(('text',), name='Ticket code', within=checkin)
        wait_until(lambda: has_state(code, pyatspi.STATE_FOCUSED),
                   'the ticket code entry does not have the focus')
        app.type_keys(tickets[0][0], enter=True)
        wait_until(lambda: sql('SELECT verdict FROM checkins') == [('accepted',)],
                   lambda: 'the first scan: %r' % sql('SELECT verdict FROM checkins'))
        wait_until(lambda: verdict(app, checkin)[0] == 'accepted',
                   lambda: 'the page shows %r' % (verdict(app, checkin),))
        screenshot('sale-checkin-accepted')
        time.sleep(DOUBLE_READ_S)
        app.type_keys(tickets[0][0], enter=True)
        wait_until(lambda: sql('SELECT verdict FROM checkins ORDER BY id')
                   == [('accepted',), ('duplicate',)],
                   lambda: 'the second scan: %r' % sql('SELECT verdict FROM checkins'))
        wait_until(lambda: verdict(app, checkin)[0] == 'duplicate',
                   lambda: 'the page shows %r' % (verdict(app, checkin),))
        check(verdict(app, checkin)[1].startswith('Already scanned'),
              'the duplicate reads %r' % (verdict(app, checkin),))
        screenshot('sale-checkin-duplicate')

        # The refund of the ticket that did not come in: found by its order's code, ticked,
        # a reason, then a manager's PIN.
        orders_page = app.show_page('Orders')
        search = app.find(('entry',), name='Find an order by code or number', within=orders_page)
        app.enter_text(search, order_uuid[:8])
        detail = app.find(('filler',), name='BoOrderDetail', within=orders_page)
        app.find(('label',), name='Order %s' % order_uuid[:8], within=detail)
        tick = app.find(('check box',), contains='No. %d ' % tickets[1][2], within=detail)
        app.click_at(tick)
        wait_until(lambda: has_state(tick, pyatspi.STATE_CHECKED), 'the ticket is not ticked')
        app.press(name='Refund…', within=detail)

        reason_dialog = app.dialog('Refund Tickets?')
        app.find(('label',), name='1 ticket of Order %s is cancelled and paid back.'
                 % order_uuid[:8], within=reason_dialog)
        reason = app.find(('text',), name='Reason (optional)', within=reason_dialog)
        app.set_text(reason, 'Customer cannot come')
        # libadwaita 1.2 names its response buttons twice ("Refund… Refund…").
        app.press(contains='Refund…', within=reason_dialog)
        app.wait_window_gone(reason_dialog)

        pin_dialog = app.dialog('Approve the Refund')
        app.enter_pin('9999', within=pin_dialog)
        screenshot('sale-refund-pin')
        app.press(name='Approve', within=pin_dialog)
        app.wait_window_gone(pin_dialog, timeout=20)
        wait_until(lambda: sql_value('SELECT count(*) FROM refunds WHERE order_id = ?', order_id),
                   'no refund was recorded', timeout=20)
        app.find(('label',), name='Partly refunded', within=detail)
        screenshot('sale-refund')

    refunds = sql('SELECT r.kind, r.amount, r.method, r.reason, o.name FROM refunds r'
                  ' JOIN operators o ON o.id = r.operator_id')
    check(refunds == [('refund', 2650, 'cash', 'Customer cannot come', 'Manager')],
          'refunds: %r' % refunds)
    refunded = sql('SELECT t.uuid FROM refund_tickets rt JOIN tickets t ON t.id = rt.ticket_id')
    check(refunded == [(tickets[1][1],)], 'refunded tickets: %r' % refunded)
    statuses = sql('SELECT status FROM tickets WHERE order_id = ? ORDER BY id', order_id)
    check(statuses == [('valid',), ('cancelled',)], 'ticket statuses: %r' % statuses)
    check(sql_value('SELECT status FROM orders WHERE id = ?', order_id) == 'partially_refunded',
          'the order status after the refund')
    outbox = sql('SELECT kind, count(*) FROM outbox GROUP BY kind ORDER BY kind')
    check(outbox == [('checkin', 2), ('order', 1), ('refund', 1)], 'the outbox: %r' % outbox)


boui.main(test)
