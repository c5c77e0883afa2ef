# test_display.py — the sell screen under the display conditions the accessibility issue names
#
#   test_display.py high-contrast | text-scale | rtl | keyboard
#
# Each mode starts the real app under one condition, signs in, checks what the condition is
# about, sells one Standing ticket (26.50 EUR, cash 100.00, change 73.50) and finds the sale in
# the store:
# - high-contrast: the desktop's own switch, org.gnome.desktop.a11y.interface high-contrast in
#   the run's keyfile settings (libadwaita 1.2 reads it through GSettings when no settings portal
#   answers). The app's style-hc.css outlines the ticket buttons with a 2 px line in the text
#   colour; the screenshot must show it (and the keyboard mode checks that the normal style
#   does not, so the probe can tell them apart).
# - text-scale: text at 200 %. GTK 4.8 on X11 takes the font resolution only from an XSETTINGS
#   manager (settings.ini's gtk-xft-dpi, GDK_DPI_SCALE and the GSettings key are not read
#   there), so the test is one: Xft/DPI = 2 × 96 dpi, what gnome-settings-daemon publishes for
#   text-scaling-factor 2.0. Starting at the window's default size, the window must stay on the
#   1280×800 screen, and the ticket buttons, the cart's total, the Pay button, the header's sync
#   indicator and the payment panel's controls must lie inside it; the ticket grid and the
#   payment panel scroll, and what is scrolled to (with the mouse wheel) must lie inside its
#   view. The text must really be twice as tall.
# - rtl: GTK lays out right to left when its own catalogue translates "default:LTR" so, here
#   Hebrew (or Arabic, Persian) first in LANGUAGE under an installed English locale. (Under
#   LC_ALL=he_IL.UTF-8 GLib lets no library translate while the application has no catalogue
#   for the language, so GTK stays left to right until the app ships an RTL translation.) The
#   cart must sit left of the ticket buttons, the ticket types run from the right, the header's
#   ends swap, and nothing of the cart overlaps a ticket button.
# - keyboard: from the focused widget, Tab alone (XTest key events) reaches every ticket type,
#   adds one with Space, then reaches the cart's controls (its row's buttons, Clear, Add
#   Voucher…) and the Pay button, which Enter presses; within a bounded number of presses. The
#   payment opens on the cash entry: digits and Enter complete the sale.
#   Also: the sell screen's controls are touch-sized, and the layout checks of the rtl mode
#   hold the other way round.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import locale
import os
import subprocess
import sys
import time

import pyatspi

import boui
from boui import App, check, describe, has_state, login, screenshot, sql, wait_until

MODES = ('high-contrast', 'text-scale', 'rtl', 'keyboard')

XK_TAB = 0xff09
XK_SPACE = 0x20

# Where libadwaita finds the desktop's high-contrast switch.
A11Y_SCHEMA = '/usr/share/glib-2.0/schemas/org.gnome.desktop.a11y.interface.gschema.xml'

# GTK's catalogues that make it lay out right to left, in order of preference.
RTL_LANGUAGES = ('he', 'ar', 'fa')
GTK_CATALOGUE = '/usr/share/locale/%s/LC_MESSAGES/gtk40.mo'

# Tab presses allowed to reach everything on the sell screen: once round the window is about
# twenty stops (the header eight, the page ten to twelve).
MAX_TABS = 30

# Smallest side of a control a finger is meant to hit (style.css asks for 48 px; GTK 4.8
# reports a button's content box, a little smaller than what is drawn).
TOUCH_PX = 44

# GTK 4.8 under Xvfb, with no window manager: the reported window coordinates start this far
# into the screen (the client-side frame's invisible resize border).
MARGIN = 5

# A pixel this dark (0–255 grey) is the high-contrast outline's text colour, not a tint.
DARK = 90


def extents(node):
    e = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return (e.x, e.y, e.width, e.height)


def inside(inner, outer):
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return w > 0 and h > 0 and x >= ox and y >= oy and x + w <= ox + ow and y + h <= oy + oh


def intersects(a, b):
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def check_on_screen(app, nodes, what):
    """Each of @nodes is visible, has a size and lies inside the main window, which lies on the
    1280×800 screen. A node in a scrolled view may need scrolling to (a finger's swipe, here
    the mouse wheel): once scrolled to, it lies inside the view."""
    window = extents(app.main_window())
    check(window[2] <= 1280 and window[3] <= 800,
          'the window (%d×%d) is larger than the screen at %s' % (window[2], window[3], what))
    for n in nodes:
        check(has_state(n, pyatspi.STATE_VISIBLE), '%s is not visible (%s)' % (describe(n), what))
        views = [a for a in boui.ancestors(n) if boui.role(a) == 'scroll pane']
        if views:
            scroll_into_view(n, views[0])
        e = extents(n)
        check(inside(e, window), '%s at %r is not inside the window %r (%s)'
              % (describe(n), e, window, what))
        for v in views:
            check(inside(e, extents(v)), '%s at %r lies outside its scrolled view %r (%s)'
                  % (describe(n), e, extents(v), what))
        boui.log('on screen:', describe(n)[:70], e)


def scroll_into_view(node, view, steps=12):
    """Turns the mouse wheel over @view until @node lies inside it."""
    for _ in range(steps):
        e, v = extents(node), extents(view)
        if inside(e, v):
            return
        down = e[1] + e[3] > v[1] + v[3]
        boui.log('scroll', 'down' if down else 'up', 'over', describe(view), v, 'for',
                 describe(node)[:50], e)
        pyatspi.Registry.generateMouseEvent(v[0] + v[2] // 2 + MARGIN, v[1] + v[3] // 2 + MARGIN,
                                            'b5c' if down else 'b4c')
        time.sleep(0.3)


# The page's parts ----------------------------------------------------------------------------

TICKET_TYPES = ('Standing', 'Seated', 'Student')


def ticket_buttons(app, sell):
    app.button(name='Standing', within=sell, timeout=20)
    return [app.button(name=t, within=sell) for t in TICKET_TYPES]


def ticket_cell(button):
    """The flow box child around a ticket button: what takes the keyboard focus, and the box
    drawn (GTK 4.8 reports a button's content box, inside its padding)."""
    parent = button.parent
    return parent if boui.role(parent) == 'table cell' else button


def cart_total(app, cart):
    """The cart's total amount: the label beside "Total"."""
    total = app.find(('label',), name='Total', within=cart)
    labels = [k for k in boui._children(total.parent) if boui.role(k) == 'label']
    check(len(labels) == 2 and labels[0] == total, 'the total row holds %r'
          % [describe(k) for k in labels])
    return labels[1]


def sync_indicator(app):
    return app.find(('push button',), contains='Synchronisation:', within=app.main_window())


def check_layout(app, sell, rtl):
    """The page's halves and the header's ends, mirrored in a right-to-left layout; no ticket
    button under the cart."""
    cart = app.find(('filler',), name='BoCartView', within=sell)
    cells = [extents(ticket_cell(b)) for b in ticket_buttons(app, sell)]
    c = extents(cart)
    for name, cell in zip(TICKET_TYPES, cells):
        check(not intersects(cell, c), 'the %s button %r overlaps the cart %r' % (name, cell, c))
    if rtl:
        check(c[0] + c[2] <= min(cell[0] for cell in cells),
              'right to left, the cart %r is not left of the ticket buttons %r' % (c, cells))
        check(cells[0][0] > cells[1][0], 'right to left, Standing %r is not right of Seated %r'
              % (cells[0], cells[1]))
    else:
        check(c[0] >= max(cell[0] + cell[2] for cell in cells),
              'left to right, the cart %r is not right of the ticket buttons %r' % (c, cells))
        check(cells[0][0] < cells[1][0], 'left to right, Standing %r is not left of Seated %r'
              % (cells[0], cells[1]))
    operator = extents(app.find(('push button',), contains='Signed in as',
                                within=app.main_window()))
    sync = extents(sync_indicator(app))
    check((operator[0] > sync[0]) == rtl,
          'the operator menu %r and the sync indicator %r are not mirrored as they should be '
          '(rtl=%s)' % (operator, sync, rtl))


# The sale -------------------------------------------------------------------------------------

def pay_cash(app, sell, shot, visible_check=None):
    """From a cart with one Standing ticket: pays 100.00 in cash, completes the sale and checks
    the store. @visible_check(nodes, what) checks the payment panel's controls."""
    pay, cash, tendered, change, complete = boui.pay_in_cash(app, sell, '26.50 EUR', '100',
                                                             '73.50 EUR')
    if visible_check is not None:
        visible_check([cash, tendered, change, complete], 'the payment panel')
    screenshot(shot + '-pay')
    app.click(complete)
    result = app.find(('filler',), name='BoSaleResult', within=sell, timeout=20)
    app.find(('label',), name='Sale Complete', within=result)
    done = app.find(('label',), name='73.50 EUR', within=result)
    if visible_check is not None:
        visible_check([done], 'the sale result')
    screenshot(shot + '-complete')
    check_sale()


def check_sale():
    orders = sql('SELECT id, total, status FROM orders')
    check(len(orders) == 1 and orders[0][1:] == (2650, 'paid'), 'orders: %r' % orders)
    payments = sql('SELECT method, amount, tendered, change FROM payments WHERE order_id = ?',
                   orders[0][0])
    check(payments == [('cash', 2650, 10000, 7350)], 'payments: %r' % payments)
    tickets = sql('SELECT tt.name, t.status FROM tickets t JOIN ticket_types tt'
                  ' ON tt.id = t.ticket_type_id WHERE t.order_id = ?', orders[0][0])
    check(tickets == [('Standing', 'valid')], 'tickets: %r' % tickets)


def add_standing(app, sell):
    app.click(app.button(name='Standing', within=sell, timeout=20))
    cart = app.find(('filler',), name='BoCartView', within=sell)
    app.find(('list item',), name='1 × Standing, 26.50 EUR', within=cart)
    return cart


# Screenshots, read back -------------------------------------------------------------------

def grey_row(path, x, y, width):
    """The grey values (0–255) of @width pixels of @path from (@x, @y)."""
    out = subprocess.run(['convert', path, '-crop', '%dx1+%d+%d' % (width, x, y), '+repage',
                          '-colorspace', 'Gray', '-depth', '8', 'gray:-'],
                         check=True, capture_output=True)
    return list(out.stdout)


def outline_pixels(shot, button):
    """How wide a dark line crosses the left edge of @button's box in the screenshot @shot:
    the longest run of dark pixels within 10 px either side of the edge, three quarters down
    the box (below the text, above the rounded corner)."""
    x, y, w, h = extents(ticket_cell(button))
    row = grey_row(shot, max(0, x - 10 + MARGIN), y + h * 3 // 4 + MARGIN, 20)
    run = best = 0
    for v in row:
        run = run + 1 if v < DARK else 0
        best = max(best, run)
    boui.log('outline probe of %s at (%d, %d): %r' % (boui.name(button), x, y + h * 3 // 4, row))
    return best


# The modes ----------------------------------------------------------------------------------

def mode_high_contrast():
    check(os.path.exists(A11Y_SCHEMA), 'the desktop\'s accessibility settings (%s, package '
          'gsettings-desktop-schemas) are not installed: libadwaita has no high-contrast switch '
          'to read' % A11Y_SCHEMA)
    boui.set_keyfile_setting('org/gnome/desktop/a11y/interface', 'high-contrast', 'true')
    with App() as app:
        check(login(app, '1234') == 'Cashier', 'not signed in as the cashier')
        sell = app.page('Sell')
        buttons = ticket_buttons(app, sell)
        time.sleep(0.5)
        shot = screenshot('display-high-contrast')
        for b in buttons:
            width = outline_pixels(shot, b)
            check(width >= 2, 'the %s button has no high-contrast outline (a dark run of %d px '
                  'at its edge; style-hc.css draws 2 px): is the high-contrast style loaded?'
                  % (boui.name(b), width))
        add_standing(app, sell)
        pay_cash(app, sell, 'display-high-contrast')


def mode_text_scale():
    # gnome-settings-daemon's Xft/DPI for text-scaling-factor 2.0 at 96 dpi, in 1/1024 dpi.
    manager = boui.XSettings({'Xft/DPI': 2 * 96 * 1024, 'Gdk/UnscaledDPI': 2 * 96 * 1024})
    try:
        with App() as app:
            check(login(app, '1234') == 'Cashier', 'not signed in as the cashier')
            sell = app.page('Sell')
            buttons = ticket_buttons(app, sell)
            # The text is twice as tall as at 100 % (a title label at 100 % is 21 px high).
            standing_label = app.find(('label',), name='Standing', within=buttons[0])
            check(extents(standing_label)[3] >= 36, 'the text is not scaled: %s is %r'
                  % (describe(standing_label), extents(standing_label)))
            cart = add_standing(app, sell)
            time.sleep(0.5)
            screenshot('display-text-scale')
            pay = app.button(name='Pay 26.50 EUR', within=sell)
            # The page tabs too: every page is as tall as the tallest (the check-in page's big
            # verdict), which once pushed the tab bar off the bottom of the window.
            # Both switchers are in the tree (the header's and the bottom bar's, whichever fits
            # is shown): every tab with a size must be on screen.
            tabs = [t for t in app.find_all(('page tab',), within=app.main_window())
                    if extents(t)[2] > 0 and extents(t)[3] > 0]
            check(len(tabs) >= len(boui.PAGES), 'page tabs: %r' % [describe(t) for t in tabs])
            check_on_screen(app, [cart_total(app, cart), pay, sync_indicator(app)]
                            + [ticket_cell(b) for b in buttons] + tabs,
                            'the sell screen at 200 % text')
            screenshot('display-text-scale-scrolled')
            pay_cash(app, sell, 'display-text-scale',
                     lambda nodes, what: check_on_screen(app, nodes, what + ' at 200 % text'))
    finally:
        manager.close()


def rtl_language():
    for lang in RTL_LANGUAGES:
        if os.path.exists(GTK_CATALOGUE % lang):
            return lang
    return None


def mode_rtl():
    lang = rtl_language()
    check(lang is not None, 'no right-to-left catalogue of GTK 4 (%s) is installed: '
          'libgtk-4-common ships them' % ', '.join(GTK_CATALOGUE % l for l in RTL_LANGUAGES))
    try:
        locale.setlocale(locale.LC_ALL, 'en_US.UTF-8')
    except locale.Error:
        check(False, 'the en_US.UTF-8 locale is not generated (.ci/install-deps does)')
    finally:
        locale.setlocale(locale.LC_ALL, 'C.UTF-8')
    # Messages through LANGUAGE (which gettext ignores in the C locale), money as elsewhere.
    app = App(env={'LANG': 'C.UTF-8', 'LC_MESSAGES': 'en_US.UTF-8', 'LANGUAGE': lang})
    app.env.pop('LC_ALL', None)
    with app:
        check(login(app, '1234') == 'Cashier', 'not signed in as the cashier')
        sell = app.page('Sell')
        ticket_buttons(app, sell)
        time.sleep(0.5)
        screenshot('display-rtl')
        check_layout(app, sell, rtl=True)
        add_standing(app, sell)
        check_layout(app, sell, rtl=True)
        screenshot('display-rtl-cart')
        pay_cash(app, sell, 'display-rtl')


def focused(app, candidates):
    """The node with the keyboard focus: one of @candidates, else anything in the windows."""
    for n in candidates:
        if has_state(n, pyatspi.STATE_FOCUSED):
            return n
    for w in app.windows():
        for n in boui.walk(w):
            if has_state(n, pyatspi.STATE_FOCUSED):
                return n
    return None


def focusables(app):
    return [n for n in boui.walk(app.main_window())
            if has_state(n, pyatspi.STATE_FOCUSABLE) and has_state(n, pyatspi.STATE_SENSITIVE)]


def key(sym):
    pyatspi.Registry.generateKeyboardEvent(sym, None, pyatspi.KEY_SYM)


def tab_until(app, targets, presses, what):
    """Presses Tab until each node of @targets (name → node) has had the focus (the one that
    has it counts); returns the presses used so far, @presses before, and the focused node.
    The focus moves asynchronously: each press waits for it to move."""
    candidates = focusables(app)
    left = dict(targets)
    current = focused(app, candidates)
    for name, node in list(left.items()):
        if current == node:
            del left[name]
    while left:
        check(presses < MAX_TABS, 'after %d presses of Tab, %s never had the focus (%s)'
              % (presses, ', '.join(sorted(left)), what))
        before = current
        key(XK_TAB)
        presses += 1
        current = wait_until(lambda: (lambda n: n if n is not None and n != before else None)(
            focused(app, candidates)), 'Tab press %d moved the focus nowhere from %s'
            % (presses, describe(before) if before is not None else 'nothing'), timeout=5)
        boui.log('Tab %d:' % presses, describe(current), extents(current))
        for name, node in list(left.items()):
            if current == node:
                del left[name]
    return presses, current


def mode_keyboard():
    with App() as app:
        check(login(app, '1234') == 'Cashier', 'not signed in as the cashier')
        sell = app.page('Sell')
        buttons = ticket_buttons(app, sell)
        cart = app.find(('filler',), name='BoCartView', within=sell)
        time.sleep(0.5)
        shot = screenshot('display-keyboard-start')

        # The normal style has no dark outline where the high-contrast one has it.
        for b in buttons:
            width = outline_pixels(shot, b)
            check(width < 2, 'the %s button has a dark outline (%d px) in the normal style: '
                  'the high-contrast probe cannot tell the styles apart' % (boui.name(b), width))
        check_layout(app, sell, rtl=False)

        # Tab alone reaches the first ticket type, Space adds it; then the other types, the
        # cart's controls (its row's buttons appear with the ticket) and the Pay button.
        cells = {t: ticket_cell(b) for t, b in zip(TICKET_TYPES, buttons)}
        presses, current = tab_until(app, {'Standing': cells['Standing']}, 0, 'Standing')
        key(XK_SPACE)
        row = app.find(('list item',), name='1 × Standing, 26.50 EUR', within=cart)
        targets = {boui.name(n): n for n in app.find_all(('push button',), within=row)}
        check(len(targets) >= 3, 'the cart row has the buttons %r' % sorted(targets))
        for name in ('Clear the Cart', 'Add Voucher…'):
            targets[name] = app.button(name=name, within=cart)
        targets['Seated'] = cells['Seated']
        targets['Student'] = cells['Student']
        pay = app.button(name='Pay 26.50 EUR', within=cart)
        targets['Pay'] = pay
        presses, current = tab_until(app, targets, presses, 'the sell screen')
        if current != pay:
            presses, current = tab_until(app, {'Pay': pay}, presses, 'the Pay button')
        screenshot('display-keyboard-pay-focused')
        boui.log('everything reached in %d presses of Tab' % presses)
        targets['Standing'] = cells['Standing']

        # Touch-sized: the ticket types, the cart's buttons, Pay.
        for n in list(cells.values()) + list(targets.values()):
            _, _, w, h = extents(n)
            check(min(w, h) >= TOUCH_PX, '%s is %d×%d px, smaller than a fingertip (%d px)'
                  % (describe(n), w, h, TOUCH_PX))

        # Enter on the focused Pay button opens the payment, with the cash entry focused
        # (cash is the method chosen first): typed digits and Enter complete the sale.
        key(boui.XK_RETURN)
        pay_panel = app.find(('filler',), name='BoPayPanel', within=sell)
        cash = app.button(name='Cash', within=pay_panel)
        check(has_state(cash, pyatspi.STATE_PRESSED), 'cash is not the method chosen first')
        tendered = app.find(('text',), name='Cash received', within=pay_panel)
        wait_until(lambda: has_state(tendered, pyatspi.STATE_FOCUSED),
                   'the cash entry does not have the focus when the payment opens')
        app.type_keys('100')
        app.find(('label',), name='73.50 EUR', within=pay_panel)
        screenshot('display-keyboard-pay')
        key(boui.XK_RETURN)
        result = app.find(('filler',), name='BoSaleResult', within=sell, timeout=20)
        app.find(('label',), name='Sale Complete', within=result)
        screenshot('display-keyboard-complete')
        check_sale()


def test():
    mode = sys.argv[1] if len(sys.argv) > 1 else ''
    if mode not in MODES:
        print('usage: test_display.py %s' % ' | '.join(MODES), file=sys.stderr)
        sys.exit(2)
    boui.TEST = 'display-' + mode
    {'high-contrast': mode_high_contrast, 'text-scale': mode_text_scale, 'rtl': mode_rtl,
     'keyboard': mode_keyboard}[mode]()


boui.main(test)
