# test_signin.py — the lock screen remembers who signed in last, and a PIN goes with a name
#
# A counter where nobody has signed in yet takes a PIN alone (the cashier's). Started again, the
# lock screen has the cashier's tile chosen already, so signing in checks one PIN hash rather
# than every operator's. The manager typing their PIN on the cashier's tile is told so, the
# wrong PIN counts toward the lock-out as any other, and once the manager picks their own tile
# they are in and remembered for the next start.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import pyatspi

import boui
from boui import App, check, login, sql_value, wait_until


def tile(app, main, name):
    """The operator's tile on the lock screen (a list item or toggle, not its label)."""
    return app.find(None, name=name, within=main,
                    pred=lambda n: n.getRole() not in (pyatspi.ROLE_LABEL,
                                                       pyatspi.ROLE_PUSH_BUTTON))


def last_sign_in():
    return sql_value("SELECT value FROM meta WHERE key = 'last_sign_in'")


def test():
    cashier = sql_value("SELECT id FROM operators WHERE name = 'Cashier'")
    manager = sql_value("SELECT id FROM operators WHERE name = 'Manager'")
    check(last_sign_in() is None, 'a sign-in before the first start: %r' % last_sign_in())

    with App() as app:
        check(login(app, '1234') == 'Cashier', 'the first sign-in, by PIN alone')
    check(last_sign_in() == str(cashier), 'the cashier is not remembered: %r' % last_sign_in())

    with App() as app:
        main = app.main_window()
        app.find(('push button',), name='Sign In', within=main, timeout=30)
        cashier_tile = tile(app, main, 'Cashier')
        manager_tile = tile(app, main, 'Manager')
        wait_until(lambda: boui.has_state(cashier_tile, pyatspi.STATE_SELECTED),
                   'the cashier is not chosen on the second start')
        check(not boui.has_state(manager_tile, pyatspi.STATE_SELECTED), 'both tiles chosen')
        boui.screenshot('signin-preselected')

        # The manager's PIN on the cashier's tile.
        app.enter_pin('9999', within=main)
        app.press(name='Sign In', within=main)
        app.find(('label',), contains='Wrong PIN for Cashier', within=main, timeout=20)
        check(sql_value("SELECT value FROM meta WHERE key = 'pin_failures'") == '1',
              'the wrong PIN was not counted')
        boui.screenshot('signin-wrong-tile')

        app.click_at(manager_tile)
        wait_until(lambda: boui.has_state(manager_tile, pyatspi.STATE_SELECTED),
                   'the manager tile is not chosen')
        app.enter_pin('9999', within=main)
        app.press(name='Sign In', within=main)
        operator = app.find(('push button',), contains='Signed in as', within=main, timeout=30)
        check(boui.name(operator) == 'Signed in as Manager', boui.name(operator))
    check(last_sign_in() == str(manager), 'the manager is not remembered: %r' % last_sign_in())
    check(sql_value("SELECT coalesce (value, '0') FROM meta WHERE key = 'pin_failures'")
          in (None, '0'), 'a good PIN did not reset the failures')


boui.main(test)
