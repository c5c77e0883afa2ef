# test_kiosk.py — kiosk mode: full screen, closing needs a manager PIN, survives a restart
#
# SPDX-License-Identifier: GPL-3.0-or-later

import time

import pyatspi

import boui
from boui import App, check, screenshot, set_setting, wait_until

# Key codes of Xvfb's default keymap.
KEYCODE_CONTROL_L = 37
KEYCODE_Q = 24
KEYCODE_W = 25

SCREEN = (1280, 800)


def size(app):
    ext = app.main_window().queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return ext.width, ext.height


def is_fullscreen(app):
    # Without a window manager nobody honours a full-screen request: kiosk mode then gives
    # the window the monitor's size itself (bo-kiosk.c), and the client-side decorations keep
    # their few pixels of border inside it.
    width, height = size(app)
    return SCREEN[0] - 16 <= width <= SCREEN[0] and SCREEN[1] - 16 <= height <= SCREEN[1]


def ctrl(keycode):
    pyatspi.Registry.generateKeyboardEvent(KEYCODE_CONTROL_L, None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(keycode, None, pyatspi.KEY_PRESSRELEASE)
    pyatspi.Registry.generateKeyboardEvent(KEYCODE_CONTROL_L, None, pyatspi.KEY_RELEASE)


def no_way_out_on_screen(app):
    """No window buttons in the header bar: not Close, nor Minimize (under a window manager,
    a way out too) nor Maximize."""
    main = app.main_window()
    app.find(('push button',), name='Sign In', within=main, timeout=20)
    buttons = app.find_all(('push button',), within=main,
                           pred=lambda n: boui.name(n) in ('Close', 'Minimize', 'Maximize'))
    check(not buttons, 'kiosk mode shows %s' % [boui.describe(b) for b in buttons])


def test():
    set_setting('kiosk-mode', 'true')

    app = App()
    with app:
        wait_until(lambda: is_fullscreen(app),
                   lambda: 'the window is not full screen: %dx%d' % size(app), timeout=20)
        no_way_out_on_screen(app)
        screenshot('kiosk-fullscreen')

        # Ctrl+W (the window's close) does nothing: the window is not deletable. Nothing to
        # wait for but time.
        ctrl(KEYCODE_W)
        time.sleep(1.0)
        check(app.proc.poll() is None, 'Ctrl+W closed the kiosk')
        check(len(app.windows()) == 1, 'Ctrl+W opened %r' % [boui.name(w) for w in app.windows()])

        # Ctrl+Q (app.quit, which closes the window) asks for a manager; a cashier's PIN does
        # not do.
        ctrl(KEYCODE_Q)
        dialog = app.dialog('Close the Box Office?')
        check(app.proc.poll() is None, 'the app closed without a PIN')
        screenshot('kiosk-close-asks-pin')
        app.enter_pin('1234', within=dialog)
        app.press(name='Approve', within=dialog)
        app.find(('label',), name='Cashier cannot approve this. Ask a manager to enter their PIN.',
                 within=dialog, timeout=20)
        check(app.proc.poll() is None, 'a cashier PIN closed the kiosk')
        screenshot('kiosk-cashier-refused')

        # Cancelled: still there, still full screen.
        app.press(name='Cancel', within=dialog)
        app.wait_window_gone(dialog)
        check(app.proc.poll() is None, 'cancelling closed the kiosk')
        check(is_fullscreen(app), 'the window left full screen')

    # A restarted counter comes back in kiosk mode; Ctrl+Q (app.quit) asks too, and a manager
    # PIN lets it close.
    app = App()
    with app:
        wait_until(lambda: is_fullscreen(app), 'kiosk mode did not survive the restart',
                   timeout=20)
        no_way_out_on_screen(app)
        ctrl(KEYCODE_Q)
        dialog = app.dialog('Close the Box Office?')
        check(app.proc.poll() is None, 'the app closed without a PIN after the restart')
        app.enter_pin('9999', within=dialog)
        app.press(name='Approve', within=dialog)
        wait_until(lambda: app.proc.poll() is not None, 'a manager PIN did not close the app',
                   timeout=20)
        check(app.proc.returncode == 0, 'the app exited with %s' % app.proc.returncode)


boui.main(test)
