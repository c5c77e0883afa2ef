# boui.py — driving the box-office window as an assistive technology would
#
# Used by the tests in this folder, run through run-ui-test.sh (which provides the X server,
# the accessibility bus, the database and the settings). Everything is found by role and
# accessible name and pressed through the AT-SPI Action interface; text goes in through the
# EditableText interface or as XTest key events (a keyboard-wedge scanner); the few widgets
# GTK 4.8 gives no action (check buttons, list rows) get an XTest click on their middle, as a
# screen reader's "click" does.
#
# GTK 4.8 over AT-SPI, as found on Debian 12, and what this file does about it:
# - Nothing is ever `showing`; hidden widgets are `visible` too. A widget on screen is a
#   visible one with a size (showing()).
# - A page of an AdwViewStack keeps its old size once it was shown and then hidden, so it still
#   looks on screen. Searches on the counter's screens therefore start from the current page's
#   own widget (App.page()), which the header's page tabs say (the selected one).
# - Widgets without a name of their own report their type name ("GtkImage", "BoSellPage"):
#   page() finds the pages by it, and the accessibility audit counts such a name as no name.
# - A button pressed through its action clicks 250 ms later, and a second press within that
#   time is dropped (GtkButton's activate): click() waits that long before pressing the same
#   button again.
# - Listing the application's windows while one is closing can make GTK answer with a broken
#   reference, a critical that G_DEBUG=fatal-criticals turns into a crash: the main window is
#   looked up once, and a closing dialog is waited for with wait_window_gone().
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import sqlite3
import subprocess
import sys
import time

import pyatspi

GUI = os.environ.get('BO_GUI')
CLI = os.environ.get('BO_CLI')
DB = os.environ.get('BO_DB')
SHOTS = os.environ.get('BO_UI_SHOTS', '.')
TMP = os.environ.get('BO_UI_TMP', '.')
TEST = os.path.splitext(os.path.basename(sys.argv[0]))[0].replace('test_', '')

SKIP = 77
XK_RETURN = 0xff0d

# The keyfile group of the app's own settings (its schema's path).
APP_SETTINGS_GROUP = 'org/bilten/BoxOffice'

# GtkButton's ACTIVATE_TIMEOUT (250 ms) and a margin.
BUTTON_ACTIVATE_S = 0.3

# How long a closed window may linger in GTK 4.8's list of windows (see wait_window_gone()).
WINDOW_GONE_GRACE_S = 0.3

# The main window's page tabs and the widget that is each page.
PAGES = {
    'Sell': 'BoSellPage',
    'Check In': 'BoCheckinPage',
    'Orders': 'BoOrdersPage',
    'Shift': 'BoShiftPage',
    'Reports': 'BoReportPage',
}
PAGE_WIDGETS = set(PAGES.values())

BUTTON_ROLES = ('push button', 'toggle button', 'check box', 'radio button', 'switch',
                'page tab', 'menu item', 'check menu item', 'radio menu item')
TEXT_ROLES = ('text', 'entry', 'password text', 'spin button')

# The name GTK 4.8 reports for an accessible without one: its type name.
TYPE_NAME = re.compile(r'^(Gtk|Adw|Bo)[A-Z][A-Za-z]*$')


class Failure(Exception):
    pass


def log(*args):
    print('#', *args, flush=True)


def check(condition, message):
    if not condition:
        raise Failure(message)


def wait_until(predicate, message, timeout=10, interval=0.05):
    """Polls @predicate until it returns something true, which it returns; fails after
    @timeout seconds with @message (a string, or a function giving one)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise Failure(message() if callable(message) else message)
        time.sleep(interval)


# Store and CLI ---------------------------------------------------------------------------

def sql(query, *params, db=DB):
    """Rows of @query on the test database, or on @db (read-only connection)."""
    con = sqlite3.connect('file:%s?mode=ro' % db, uri=True, timeout=10)
    try:
        return con.execute(query, params).fetchall()
    finally:
        con.close()


def sql_value(query, *params):
    rows = sql(query, *params)
    return rows[0][0] if rows else None


def cli(*args, db=DB):
    """Runs the CLI with --json on the test database, or on @db; returns the parsed output."""
    out = subprocess.run([CLI, '--db', db, '--json'] + list(args), check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout) if out.stdout.strip() else None


def keyfile_path():
    """The run's keyfile settings backend (run-ui-test.sh writes it under XDG_CONFIG_HOME)."""
    return os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings', 'keyfile')


def set_setting(key, value):
    """Writes a key of the app's own schema in the keyfile backend before the app starts
    (GVariant text)."""
    set_keyfile_setting(APP_SETTINGS_GROUP, key, value)


def set_keyfile_setting(group, key, value):
    """Writes @key of a schema's @group ("org/gnome/desktop/a11y/interface") in the keyfile
    backend before the app starts (GVariant text), leaving the other groups alone."""
    path = keyfile_path()
    with open(path) as f:
        lines = f.read().splitlines()
    header = '[%s]' % group
    if header not in lines:
        lines += ['', header]
    start = lines.index(header) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith('[')), len(lines))
    lines[start:end] = [line for line in lines[start:end] if not line.startswith(key + '=')]
    lines.insert(start, '%s=%s' % (key, value))
    with open(path, 'w') as f:
        f.write('\n'.join(lines) + '\n')


class XSettings:
    """An XSETTINGS manager on the test's display, as a desktop's settings daemon runs one:
    GTK 4 on X11 reads the font resolution (Xft/DPI) and similar settings only from there.
    @ints maps setting names to integers ({'Xft/DPI': 196608}). Start the app after this; the
    settings stay while this object's X connection is open (close())."""

    def __init__(self, ints):
        import ctypes
        import ctypes.util
        import struct
        x = ctypes.CDLL(ctypes.util.find_library('X11') or 'libX11.so.6')
        vp, ul, i, ui = ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_uint
        for fn, res, args in (
                ('XOpenDisplay', vp, [ctypes.c_char_p]),
                ('XDefaultRootWindow', ul, [vp]),
                ('XCreateSimpleWindow', ul, [vp, ul, i, i, ui, ui, ui, ul, ul]),
                ('XInternAtom', ul, [vp, ctypes.c_char_p, i]),
                ('XSetSelectionOwner', i, [vp, ul, ul, ul]),
                ('XGetSelectionOwner', ul, [vp, ul]),
                ('XChangeProperty', i, [vp, ul, ul, ul, i, i, ctypes.c_char_p, i]),
                ('XSync', i, [vp, i]),
                ('XCloseDisplay', i, [vp])):
            getattr(x, fn).restype = res
            getattr(x, fn).argtypes = args
        self._x = x
        self._dpy = x.XOpenDisplay(None)
        check(self._dpy, 'cannot open the display %s' % os.environ.get('DISPLAY'))
        window = x.XCreateSimpleWindow(self._dpy, x.XDefaultRootWindow(self._dpy),
                                       0, 0, 1, 1, 0, 0, 0)
        # The XSETTINGS format: byte order (LSB first), serial, count; then per setting its
        # type (0: integer), name (padded to 4 bytes), last-change serial and value.
        body = b''
        for setting, value in ints.items():
            n = setting.encode()
            body += struct.pack('<BxH', 0, len(n)) + n + b'\0' * (-len(n) % 4)
            body += struct.pack('<Ii', 0, value)
        data = struct.pack('<BxxxII', 0, 1, len(ints)) + body
        prop = x.XInternAtom(self._dpy, b'_XSETTINGS_SETTINGS', 0)
        x.XChangeProperty(self._dpy, window, prop, prop, 8, 0, data, len(data))
        selection = x.XInternAtom(self._dpy, b'_XSETTINGS_S0', 0)
        x.XSetSelectionOwner(self._dpy, selection, window, 0)
        x.XSync(self._dpy, 0)
        check(x.XGetSelectionOwner(self._dpy, selection) == window,
              'another XSETTINGS manager runs on this display')
        log('XSETTINGS manager with', ints)

    def close(self):
        if self._dpy:
            self._x.XCloseDisplay(self._dpy)
            self._dpy = None


def screenshot(name):
    path = os.path.join(SHOTS, name + '.png')
    subprocess.run(['import', '-window', 'root', path], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    log('screenshot', path)
    return path


# Accessible tree -------------------------------------------------------------------------

def _children(node):
    try:
        return [c for c in node if c is not None]
    except Exception:
        return []


def _visible(node):
    try:
        return node.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def has_state(node, state):
    try:
        return node.getState().contains(state)
    except Exception:
        return False


def showing(node):
    """Visible and with a size (see the top of this file)."""
    try:
        if not node.getState().contains(pyatspi.STATE_VISIBLE):
            return False
        ext = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        return ext.width > 0 and ext.height > 0
    except Exception:
        return False


def covered(node):
    """Whether what is at points inside @node is something else: a stack page that GTK 4.8
    still reports with its size, under the page shown. (AT-SPI's hit test on the window, at
    a few points, as empty space gives no answer.)"""
    try:
        up = ancestors(node)
        # A popover is a surface of its own: the window's hit test does not reach into it.
        if any(role(a) == 'menu' or name(a) == 'GtkPopover' for a in up):
            return False
        window = up[-1].queryComponent()
        ext = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    except Exception:
        return False
    inside = outside = 0
    for fx in (0.25, 0.5, 0.75):
        for fy in (0.25, 0.5, 0.75):
            try:
                hit = window.getAccessibleAtPoint(ext.x + int(ext.width * fx),
                                                  ext.y + int(ext.height * fy),
                                                  pyatspi.WINDOW_COORDS)
            except Exception:
                hit = None
            if hit is None:
                continue
            if any(n == node for n in [hit] + ancestors(hit)):
                inside += 1
            else:
                outside += 1
    return outside > 0 and inside == 0


def walk(node, only_showing=True, prune=None):
    """Depth first, through what is on screen: a widget that is hidden or has no size is left
    out with everything inside it, but a stack page's accessible (an object, not a widget, so
    it has no size) is walked through. The main window's pages other than the one its
    selected page tab shows are left out too (see the top of this file), and so are nodes
    for which @prune is true."""
    selected_page = None
    stack = [node]
    while stack:
        n = stack.pop()
        try:
            states = n.getState()
            nm = n.name or ''
            r = n.getRoleName()
        except Exception:
            continue
        if not states.contains(pyatspi.STATE_VISIBLE) and n is not node:
            continue
        if prune is not None and prune(n):
            continue
        if r == 'page tab' and states.contains(pyatspi.STATE_SELECTED) and nm in PAGES:
            selected_page = PAGES[nm]
        if r == 'filler' and nm in PAGE_WIDGETS and selected_page not in (None, nm):
            continue
        try:
            ext = n.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            on_screen = ext.width > 0 and ext.height > 0
        except Exception:
            on_screen = False
        if on_screen or not only_showing:
            yield n
        elif nm != 'GtkStackPage' and n is not node:
            continue
        stack.extend(reversed(_children(n)))


def role(node):
    try:
        return node.getRoleName()
    except Exception:
        return ''


def name(node):
    try:
        return node.name or ''
    except Exception:
        return ''


def description(node):
    try:
        return node.description or ''
    except Exception:
        return ''


def real_name(node):
    """The accessible name, or '' where GTK stands in the type name for a missing one."""
    n = name(node)
    return '' if TYPE_NAME.match(n) else n


def text_of(node):
    try:
        return node.queryText().getText(0, -1)
    except Exception:
        return ''


def entry_text(node):
    """The text in an entry (GTK 4.8 answers an editable's getText (0, -1) with '')."""
    try:
        text = node.queryText()
        return text.getText(0, text.characterCount)
    except Exception:
        return ''


def describe(node):
    return '[%s] %r' % (role(node), name(node))


def ancestors(node):
    out = []
    try:
        p = node.parent
        while p is not None and role(p) != 'application':
            out.append(p)
            p = p.parent
    except Exception:
        pass
    return out


def dump(node, depth=0, out=sys.stdout):
    out.write('#%s%s desc=%r text=%r%s\n' % ('  ' * depth, describe(node), description(node),
                                            text_of(node),
                                            '' if showing(node) else ' (not on screen)'))
    for k in _children(node):
        if _visible(k):
            dump(k, depth + 1, out)


def _parent_pid(pid):
    try:
        with open('/proc/%d/stat' % pid) as f:
            return int(f.read().rsplit(')', 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def stop_process(proc, timeout=10):
    """Ends @proc (a subprocess.Popen, or None): SIGTERM, then SIGKILL after @timeout s."""
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class App:
    """The application under test, started with the test database and the run's settings."""

    def __init__(self, *args, env=None, program=None):
        self.program = program or GUI
        self.args = list(args)
        self.env = dict(os.environ)
        self.env.update({'GDK_BACKEND': 'x11', 'GTK_A11Y': 'atspi',
                         'BILTEN_BOXOFFICE_DB': DB})
        # The meson test environment turns the (GTK 3) bridge off; GTK 4 ignores it anyway.
        self.env.pop('NO_AT_BRIDGE', None)
        if env:
            self.env.update(env)
        self.proc = None
        self.root = None
        self.started = None
        self._last_click = {}
        self._windows = {}
        self.pid = None

    def start(self, timeout=30):
        """Starts the app and waits for it on the accessibility bus. BO_UI_GDB=1 runs it under
        gdb, which prints a backtrace when it crashes (G_DEBUG=fatal-criticals makes every
        critical a crash)."""
        self.started = time.monotonic()
        command = [self.program] + self.args
        if os.environ.get('BO_UI_GDB'):
            command = ['gdb', '-q', '-batch', '-ex', 'run', '-ex', 'thread apply all bt',
                       '--args'] + command
            timeout *= 3
        self.proc = subprocess.Popen(command, env=self.env)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            check(self.proc.poll() is None, 'the app exited with %s' % self.proc.returncode)
            desktop = pyatspi.Registry.getDesktop(0)
            for a in _children(desktop):
                try:
                    pid = a.get_process_id()
                    if (pid == self.proc.pid or _parent_pid(pid) == self.proc.pid) and \
                            a.childCount > 0:
                        self.pid = pid
                        self.root = a
                        return self
                except Exception:
                    pass
            time.sleep(0.02)
        raise Failure('the app did not show up on the accessibility bus')

    def stop(self):
        stop_process(self.proc)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        if exc[0] is not None and self.root is not None:
            with open(os.path.join(SHOTS, 'failure-%s-tree.txt' % TEST), 'w') as f:
                for w in self.windows():
                    dump(w, out=f)
            screenshot('failure-' + TEST)
        self.stop()
        return False

    # Finding ------------------------------------------------------------------------------

    def windows(self):
        return _children(self.root)

    def main_window(self, title='Bilten Box Office'):
        """The window called @title, looked up once (see wait_window_gone() for why the
        application's list of windows is asked as little as possible)."""
        if title not in self._windows:
            self._windows[title] = wait_until(
                lambda: [w for w in self.windows() if role(w) == 'frame' and name(w) == title],
                'no window %r' % title)[0]
        return self._windows[title]

    def search(self, roles=None, name=None, contains=None, pred=None, within=None):
        """What is on screen and matches, in tree order (a generator)."""
        for w in ([within] if within is not None else self.windows()):
            for n in walk(w):
                if roles and role(n) not in roles:
                    continue
                nm = globals()['name'](n)
                if name is not None and nm != name:
                    continue
                if contains is not None and contains.lower() not in nm.lower():
                    continue
                if pred is not None and not pred(n):
                    continue
                yield n

    def find_all(self, roles=None, name=None, contains=None, pred=None, within=None):
        return list(self.search(roles, name, contains, pred, within))

    def find(self, roles=None, name=None, contains=None, pred=None, timeout=10, within=None):
        """The first match on screen, once there is one."""
        return wait_until(lambda: next(self.search(roles, name, contains, pred, within), None),
                          'nothing on screen matches roles=%s name=%r contains=%r'
                          % (roles, name, contains), timeout=timeout)

    def button(self, name=None, contains=None, timeout=10, within=None):
        """A sensitive button (or toggle, tab, menu item) on screen."""
        return self.find(BUTTON_ROLES, name=name, contains=contains,
                         pred=lambda n: has_state(n, pyatspi.STATE_SENSITIVE),
                         timeout=timeout, within=within)

    def dialog(self, title, timeout=10):
        """The top-level window called @title, or showing a label that says it."""
        def look():
            for w in self.windows():
                if name(w) == title or self.find_all(('label',), name=title, within=w):
                    return w
            return None
        return wait_until(look, 'no window shows %r' % title, timeout=timeout)

    def wait_gone(self, roles=None, name=None, contains=None, timeout=10, within=None):
        wait_until(lambda: not self.find_all(roles, name, contains, within=within),
                   'still on screen: %s %r' % (roles, name or contains), timeout=timeout)

    def wait_window_gone(self, window, timeout=10):
        """Waits for a window (a dialog) to close. GTK 4.8 answers a question about the
        application's windows with a broken reference while a window it has just closed is
        not finalized yet (a critical, which G_DEBUG=fatal-criticals makes a crash): the
        window's own accessible is asked instead, and GTK is given a moment to let go of it
        before anything lists the windows again."""
        def gone():
            try:
                return not window.getState().contains(pyatspi.STATE_VISIBLE)
            except Exception:
                return True
        wait_until(gone, 'the window %r is still open' % name(window), timeout=timeout)
        time.sleep(WINDOW_GONE_GRACE_S)

    # The counter's pages ----------------------------------------------------------------

    def page_tab(self, title):
        main = self.main_window()
        return wait_until(lambda: next(self.search(('page tab',), name=title, within=main), None),
                          'no page tab %r' % title)

    def page_titles(self):
        """The titles of the main window's page tabs."""
        titles = []
        for t in self.search(('page tab',), within=self.main_window()):
            if name(t) not in titles:
                titles.append(name(t))
        return titles

    def page(self, title):
        """The widget of the main window's page called @title (see PAGES), once it is the
        one shown; None for a page PAGES does not know."""
        tab = self.page_tab(title)
        wait_until(lambda: has_state(tab, pyatspi.STATE_SELECTED),
                   'the page %r is not the one shown' % title)
        if title not in PAGES:
            return None
        return self.find(('filler',), name=PAGES[title], within=self.main_window())

    def show_page(self, title):
        tab = self.page_tab(title)
        if not has_state(tab, pyatspi.STATE_SELECTED):
            self.click(tab)
        return self.page(title)

    # Acting ---------------------------------------------------------------------------------

    def click(self, node):
        """Presses @node through its action (a GtkMenuButton shows as two nested buttons,
        only the inner one has the action)."""
        while node.queryAction().nActions == 0 and node.childCount > 0:
            node = node[0]
        action = node.queryAction()
        names = [action.getName(i) for i in range(action.nActions)]
        index = names.index('click') if 'click' in names else 0
        key = node.path
        last = self._last_click.get(key)
        if last is not None and time.monotonic() - last < BUTTON_ACTIVATE_S:
            time.sleep(BUTTON_ACTIVATE_S - (time.monotonic() - last))
        log('press', describe(node))
        action.doAction(index)
        self._last_click[key] = time.monotonic()

    def click_at(self, node):
        """An XTest click on the middle of @node, for widgets GTK 4.8 gives no action. Without
        a window manager the window sits at the screen's origin, so window coordinates are
        the screen's."""
        ext = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        check(ext.width > 0 and ext.height > 0, '%s is not on screen' % describe(node))
        log('click on', describe(node))
        pyatspi.Registry.generateMouseEvent(ext.x + ext.width // 2, ext.y + ext.height // 2,
                                            'b1c')

    def press(self, name=None, contains=None, timeout=10, within=None):
        node = self.button(name=name, contains=contains, timeout=timeout, within=within)
        self.click(node)
        return node

    def set_text(self, node, text):
        node.queryEditableText().setTextContents(text)

    def focus(self, node):
        """Gives @node the keyboard focus (a click: GTK 4.8 does not implement GrabFocus)."""
        if not has_state(node, pyatspi.STATE_FOCUSED):
            self.click_at(node)
        wait_until(lambda: has_state(node, pyatspi.STATE_FOCUSED),
                   '%s does not take the focus' % describe(node))

    def enter_text(self, node, text):
        """Fills in @node and presses Enter in it (GTK 4.8's "activate" action of an entry
        does not emit its activate signal)."""
        self.set_text(node, text)
        self.focus(node)
        self.type_keys('', enter=True)

    def type_keys(self, text, enter=False):
        """Types through XTest into whatever has the keyboard focus, as a keyboard-wedge
        scanner does."""
        for ch in text:
            pyatspi.Registry.generateKeyboardEvent(0, ch, pyatspi.KEY_STRING)
        if enter:
            pyatspi.Registry.generateKeyboardEvent(XK_RETURN, None, pyatspi.KEY_SYM)

    def enter_pin(self, pin, within):
        """Presses the PIN pad's digits in @within, each once the last one has landed."""
        entry = self.find(('password text',), within=within)
        text = entry.queryText()
        start = text.characterCount
        for i, digit in enumerate(pin):
            self.press(name=digit, within=within)
            wait_until(lambda: text.characterCount == start + i + 1,
                       'the PIN pad did not take digit %d' % (i + 1))

    def rss_peak_kib(self):
        with open('/proc/%d/status' % self.pid) as f:
            for line in f:
                if line.startswith('VmHWM:'):
                    return int(line.split()[1])
        return -1


def pay_in_cash(app, sell, total, tendered, change):
    """From the sell page's cart: Pay @total, cash chosen, @tendered typed into "Cash received"
    and @change shown (texts as the window writes them, "47.00 EUR"). Returns the payment panel
    and its cash button, amount entry, change label and Complete Sale button, not yet pressed."""
    app.press(name='Pay %s' % total, within=sell)
    pay = app.find(('filler',), name='BoPayPanel', within=sell)
    cash = app.button(name='Cash', within=pay)
    if not has_state(cash, pyatspi.STATE_PRESSED):
        app.click(cash)
    wait_until(lambda: has_state(cash, pyatspi.STATE_PRESSED), 'cash is not chosen')
    amount = app.find(('text',), name='Cash received', within=pay)
    app.set_text(amount, tendered)
    change_label = app.find(('label',), name=change, within=pay)
    complete = app.button(name='Complete Sale', within=pay)
    return pay, cash, amount, change_label, complete


def login(app, pin, timeout=30):
    """Signs in on the lock screen with the PIN pad; returns the operator's name."""
    main = app.main_window()
    app.find(('push button',), name='Sign In', within=main, timeout=timeout)
    app.enter_pin(pin, within=main)
    app.press(name='Sign In', within=main)
    operator = app.find(('push button',), contains='Signed in as', within=main,
                        timeout=timeout)
    return name(operator)[len('Signed in as '):]


def main(test):
    """Runs @test() and turns its outcome into an exit status for run-ui-test.sh."""
    started = time.monotonic()
    try:
        test()
    except Failure as e:
        print('not ok -', e, flush=True)
        sys.exit(1)
    except SystemExit:
        raise
    except Exception as e:
        import traceback
        traceback.print_exc()
        print('not ok - %s: %s' % (type(e).__name__, e), flush=True)
        sys.exit(1)
    print('ok - %.1f s' % (time.monotonic() - started), flush=True)
    sys.exit(0)
