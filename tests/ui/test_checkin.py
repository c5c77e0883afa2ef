# test_checkin.py — the door: scans typed by a keyboard-wedge scanner, verdicts, the store
#
# Tickets are sold with the CLI first (the sale screen has its own test); then a cashier
# signs in, opens the check-in page and scans as a scanner would: fast keystrokes into
# whatever has the focus, each code ended with Enter.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import time

import pyatspi

import boui
from boui import App, check, cli, has_state, login, screenshot, sql, sql_value, wait_until

VERDICTS = ('idle', 'accepted', 'duplicate', 'unknown', 'cancelled', 'wrong_event',
            'invalid_signature', 'invalid', 'not_allowed', 'error')

# A second identical code within 0.8 s is the scanner reading the same code twice
# (bo-checkin-recorder.c, DOUBLE_READ_US).
DOUBLE_READ_S = 0.8


def verdict(app, page):
    """The verdict box's code (its accessible description) and name."""
    boxes = app.find_all(('panel',), within=page,
                         pred=lambda n: boui.description(n) in VERDICTS)
    return (boui.description(boxes[0]), boui.name(boxes[0])) if boxes else (None, None)


def scan(app, page, code, expected):
    """Types @code and Enter; waits for the scan in the store and its verdict on screen."""
    before = sql_value('SELECT count(*) FROM checkins')
    app.type_keys(code, enter=True)
    wait_until(lambda: sql_value('SELECT count(*) FROM checkins') > before,
               'the scan of %s was not recorded' % code)
    recorded = sql_value('SELECT verdict FROM checkins ORDER BY id DESC LIMIT 1')
    check(recorded == expected, 'the scan of %s was recorded as %s' % (code, recorded))
    return wait_until(lambda: verdict(app, page)[0] == expected and verdict(app, page),
                      lambda: 'the page shows %r, not %s' % (verdict(app, page), expected))


def test():
    sale = cli('sell', '--pin', '1234', '--event', '1', '--ticket', '11:2', '--ticket', '12:3',
               '--pay', 'cash:30000')
    secrets = [t['secret'] for t in sale['tickets']]
    check(len(secrets) == 5, 'the CLI sold %d tickets' % len(secrets))

    with App() as app:
        login(app, '1234')
        page = app.show_page('Check In')
        code = app.find(('text',), name='Ticket code', within=page)
        wait_until(lambda: has_state(code, pyatspi.STATE_FOCUSED),
                   'the ticket code entry does not have the focus')
        check(verdict(app, page)[0] == 'idle', 'before any scan: %r' % (verdict(app, page),))
        app.find(('label',), name='of 5 tickets', within=page)

        # First scan: the entry has the focus, the scanner just types.
        scan(app, page, secrets[0], 'accepted')
        screenshot('checkin-accepted')
        rows = sql('SELECT verdict, gate, direction, secret, offline FROM checkins ORDER BY id')
        check(rows == [('accepted', 'North door', 'entry', secrets[0], 1)],
              'checkins after the first scan: %r' % rows)
        app.find(('label',), name='1 in', within=page)

        # The same ticket again (later than a scanner's double read): a duplicate with when
        # and where it first came in.
        time.sleep(DOUBLE_READ_S)
        v = scan(app, page, secrets[0], 'duplicate')
        check(v[1].startswith('Already scanned') and 'North door' in v[1],
              'the duplicate does not say where: %r' % (v,))
        screenshot('checkin-duplicate')

        # Garbage is recorded as unknown.
        scan(app, page, 'NOT-A-TICKET-42', 'unknown')

        # Three codes as fast as XTest can type them, without waiting for the verdicts:
        # every character lands, every code is recorded exactly once, in order.
        for s in secrets[1:4]:
            app.type_keys(s, enter=True)
        wait_until(lambda: sql_value('SELECT count(*) FROM checkins') == 6,
                   lambda: 'the burst was recorded as %r' % sql('SELECT verdict FROM checkins'))
        burst = sql('SELECT secret, verdict FROM checkins ORDER BY id LIMIT 3 OFFSET 3')
        check(burst == [(s, 'accepted') for s in secrets[1:4]],
              'burst recorded as %r' % burst)

        # The counts follow: four tickets inside.
        app.find(('label',), name='4 in', within=page)

        # Manual check-in from the attendee search, by order: the one ticket not inside yet.
        order = sale['order_uuid'][:8]
        app.press(name='Find an attendee', within=page)
        search = app.find(('entry',), name='Find attendee by name or order code', within=page)
        app.set_text(search, order)
        results = app.find(('list',), name='Attendees found', within=page)
        wait_until(lambda: len(app.find_all(('push button',), name='Check in No name',
                                            within=results)) == 5,
                   'the search does not list the order\'s five tickets')
        open_buttons = app.find_all(('push button',), name='Check in No name', within=results,
                                    pred=lambda n: has_state(n, pyatspi.STATE_SENSITIVE))
        check(len(open_buttons) == 1, '%d tickets can still be checked in' % len(open_buttons))
        screenshot('checkin-search')
        app.click(open_buttons[0])
        wait_until(lambda: sql_value('SELECT count(*) FROM checkins') == 7,
                   'the manual check-in was not recorded')
        check(sql('SELECT secret, verdict FROM checkins ORDER BY id DESC LIMIT 1')
              == [(secrets[4], 'accepted')], 'the manual check-in was not the last ticket')
        app.find(('label',), name='5 in', within=page)

    check(sql_value("SELECT count(DISTINCT secret) FROM checkins WHERE verdict = 'accepted'")
          == 5, 'not all five tickets are in')
    # Every scan is queued for the server under its own uuid (the garbage one too: the server
    # keeps every attempt at its doors), and journaled.
    queued = sql("SELECT c.verdict, o.kind FROM checkins c LEFT JOIN outbox o ON o.uuid = c.uuid"
                 " ORDER BY c.id")
    check(queued == [(v, 'checkin') for v in ('accepted', 'duplicate', 'unknown', 'accepted',
                                              'accepted', 'accepted', 'accepted')],
          'check-ins and the outbox: %r' % queued)
    check(sql_value('SELECT count(*) FROM checkins WHERE journal_seq IS NULL') == 0,
          'a check-in is not in the journal')


boui.main(test)
