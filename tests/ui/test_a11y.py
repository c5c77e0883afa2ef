# test_a11y.py — accessibility audit: every button, entry and toggle on every screen has a name
#
# Walks what is on screen on the lock screen; on every page of the window after signing in
# (the sell page, its payment panel and the sale's result; the check-in page and its attendee
# search; an order; the shift), with the header's menus and the sync indicator's popover; in
# the dialogs for cash put in, a reason and a manager's PIN; and on every page of the
# preferences. Each control must have a name of its own (GTK 4.8 stands in the type name,
# "GtkImage", for a missing one) and not a doubled one: GTK 4.8 reads an accessible label and
# the label that labels a widget (a mnemonic label, an AdwActionRow's title) one after the
# other, "Kiosk mode Kiosk Mode".
#
# SPDX-License-Identifier: GPL-3.0-or-later

import time

import pyatspi

import boui
from boui import App, check, describe, login, screenshot, wait_until

CONTROLS = {
    'push button', 'toggle button', 'check box', 'radio button', 'switch', 'text', 'entry',
    'password text', 'spin button', 'combo box', 'menu item', 'check menu item',
    'radio menu item', 'slider', 'page tab',
}

problems = {}   # problem -> the screens it is on
audited = []


def toplevel(node):
    up = boui.ancestors(node)
    return up[-1] if up else node


def labelled_by(node):
    names = []
    try:
        for r in node.getRelationSet():
            if r.getRelationType() == pyatspi.RELATION_LABELLED_BY:
                names += [boui.real_name(r.getTarget(i)) for i in range(r.getNTargets())]
    except Exception:
        pass
    return [n for n in names if n]


def doubled(node):
    """The name said twice, or an accessible label followed by what labels the widget."""
    n = boui.name(node)
    words = n.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half and \
            [w.lower() for w in words[:half]] == [w.lower() for w in words[half:]]:
        return True
    return any(n != label and n.endswith(' ' + label) for label in labelled_by(node))


def libadwaita_internal(node):
    """Controls libadwaita 1.2 makes inside its own widgets, which an application cannot name:
    a message dialog's response buttons (named twice: label and mnemonic label), a toast's
    close button, the preferences window's search button and a password row's peek button
    (icons without a name). Later libadwaita versions name them."""
    up = boui.ancestors(node)
    if boui.role(node) == 'push button' and doubled(node) and \
            any(boui.name(a) == 'AdwSqueezer' for a in up) and boui.role(toplevel(node)) != 'frame':
        return True
    if boui.role(node) == 'push button' and not boui.real_name(node):
        if any(boui.name(a) == 'AdwToastWidget' for a in up):
            return True
        if boui.description(node) in ('Search', 'Show Text', 'Hide Text'):
            return True
    return False


def covered_page(node):
    """A preferences page other than the one shown (GTK 4.8 leaves hidden pages their size;
    the main window's are left out by boui.walk)."""
    return boui.role(node) == 'scroll pane' and boui.covered(node)


def on_page(window, name):
    """Whether something called @name is on the preferences page shown."""
    return any(boui.name(n) == name for n in boui.walk(window, prune=covered_page))


def audit(app, screen):
    started = time.monotonic()
    count = 0
    for w in app.windows():
        for n in boui.walk(w, prune=covered_page):
            if boui.role(n) not in CONTROLS or libadwaita_internal(n):
                continue
            count += 1
            where = describe(n.parent) if boui.real_name(n.parent) else describe(toplevel(n))
            if not boui.real_name(n).strip():
                problem = '%s without a name (desc %r, in %s)' % (describe(n),
                                                                  boui.description(n), where)
            elif doubled(n):
                problem = '%s has a doubled name (in %s)' % (describe(n), where)
            else:
                continue
            problems.setdefault(problem, []).append(screen)
    audited.append((screen, count))
    boui.log('audited %s: %d controls in %.1f s' % (screen, count, time.monotonic() - started))
    screenshot('a11y-' + screen)


def test():
    with App() as app:
        main = app.main_window()
        app.find(('push button',), name='Sign In', within=main, timeout=20)
        audit(app, 'lock')
        login(app, '1234')

        # Selling: the tickets, the payment, the result.
        sell = app.page('Sell')
        audit(app, 'sell')
        app.press(name='Standing', within=sell)
        app.press(name='Pay 26.50 EUR', within=sell)
        pay = app.find(('filler',), name='BoPayPanel', within=sell)
        app.find(('push button',), name='Complete Sale', within=pay)
        audit(app, 'sell-pay')
        app.press(name='Complete Sale', within=pay)
        result = app.find(('filler',), name='BoSaleResult', within=sell, timeout=20)
        order = app.find(('label',), contains='Order ', within=result)
        order_code = boui.name(order)[len('Order '):]
        audit(app, 'sell-result')

        # Check-in, and the attendee search with a result.
        checkin = app.show_page('Check In')
        app.find(('text',), name='Ticket code', within=checkin)
        audit(app, 'checkin')
        app.press(name='Find an attendee', within=checkin)
        search = app.find(('entry',), name='Find attendee by name or order code', within=checkin)
        app.set_text(search, order_code)
        app.find(('push button',), contains='Check in ', within=checkin)
        audit(app, 'checkin-search')

        # An order.
        orders = app.show_page('Orders')
        search = app.find(('entry',), name='Find an order by code or number', within=orders)
        app.enter_text(search, order_code)
        detail = app.find(('filler',), name='BoOrderDetail', within=orders)
        app.find(('label',), name='Order ' + order_code, within=detail)
        audit(app, 'orders')

        # Voiding it asks for a reason, then a manager's PIN: both dialogs, then cancelled.
        app.press(name='Void Order…', within=detail)
        reason = app.dialog('Void the Order?')
        audit(app, 'dialog-reason')
        app.press(contains='Void…', within=reason)
        app.wait_window_gone(reason)
        pin = app.dialog('Approve the Void')
        audit(app, 'dialog-pin')
        app.press(name='Cancel', within=pin)
        app.wait_window_gone(pin)

        # The shift, and the dialog for cash put in.
        shift = app.show_page('Shift')
        app.find(('push button',), name='Close Shift…', within=shift)
        audit(app, 'shift')
        app.press(name='Put Cash In…', within=shift)
        cash_in = wait_until(lambda: [w for w in app.windows() if w != main],
                             'no dialog for cash put in')[0]
        audit(app, 'dialog-cash-in')
        # libadwaita 1.2 names its response buttons twice ("Cancel Cancel").
        app.press(contains='Cancel', within=cash_in)
        app.wait_window_gone(cash_in)

        # Any other page (reports, say), as it first shows.
        for title in app.page_titles():
            if title not in ('Sell', 'Check In', 'Orders', 'Shift'):
                app.show_page(title)
                audit(app, 'page-' + title.lower().replace(' ', '-'))

        # The header's menus and the sync indicator's popover.
        operator = app.find(('push button',), contains='Signed in as', within=main)
        app.click(operator)
        app.find(('menu item',), name='Lock', within=main)
        audit(app, 'operator-menu')
        app.click(operator)
        app.wait_gone(('menu item',), name='Lock', within=main)

        sync = app.find(('push button',), contains='Synchronisation', within=main)
        app.click(sync)
        wait_until(lambda: boui.has_state(sync, pyatspi.STATE_PRESSED) or
                   app.find_all(('push button',), contains='Synchronisation',
                                pred=lambda n: boui.has_state(n, pyatspi.STATE_PRESSED)),
                   'the sync popover did not open')
        audit(app, 'sync-popover')
        app.click(sync)

        app.press(name='Main Menu', within=main)
        app.find(('menu item',), name='Preferences', within=main)
        audit(app, 'main-menu')
        app.press(name='Preferences', within=main)

        # The preferences, each page.
        prefs = app.dialog('Preferences')
        wait_until(lambda: on_page(prefs, 'Central Server'), 'the counter page is not shown')
        audit(app, 'preferences-counter')
        app.press(name='Printing', within=prefs)
        # After the cross-fade: the printing page alone.
        wait_until(lambda: on_page(prefs, 'Receipt Printer Address') and
                   not on_page(prefs, 'Central Server'), 'the printing page is not shown')
        audit(app, 'preferences-printing')

    boui.log('audited: %r' % audited)
    check(all(count >= 3 for _, count in audited), 'a screen with too few controls: %r' % audited)
    check(sum(count for _, count in audited) > 150, 'too few controls audited: %r' % audited)
    check(not problems, '%d controls without a proper name:\n  %s'
          % (len(problems), '\n  '.join('%s: %s' % (', '.join(screens), problem)
                                         for problem, screens in problems.items())))


boui.main(test)
