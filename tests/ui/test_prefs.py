# test_prefs.py — preferences, printing page: the printers found, an address, a test page
#
# A private cupsd (when this machine can run one: root and cupsd) has a queue "BoxOfficeTest"
# described as "Bilten Test Queue"; the app is pointed at it with CUPS_SERVER, so the search
# (bo_printer_discover(), off the main thread) must list it under both printers. The ticket
# printer is chosen from that list; the receipt printer gets a file address typed into "Other
# Address…", and its Test Print must write the test page (ESC/POS) to that file through the
# print queue. After a restart both choices are still there: the address in the entry, the
# radio on the queue and on "Other Address…".
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import socket
import subprocess
import time

import pyatspi

import boui
from boui import App, check, has_state, login, screenshot, sql, wait_until

QUEUE = 'BoxOfficeTest'
QUEUE_INFO = 'Bilten Test Queue'
QUEUE_TITLE = 'CUPS queue ' + QUEUE_INFO     # bo_cups_printer_discover()'s description
QUEUE_URI = 'cups:' + QUEUE


class Cups:
    """A private cupsd on a free loopback port, in the run's temp dir; never the system's."""

    def __init__(self):
        self.proc = None
        self.server = None

    def start(self):
        cupsd = shutil.which('cupsd') or ('/usr/sbin/cupsd'
                                          if os.access('/usr/sbin/cupsd', os.X_OK) else None)
        lpadmin = shutil.which('lpadmin') or ('/usr/sbin/lpadmin'
                                              if os.access('/usr/sbin/lpadmin', os.X_OK) else None)
        if cupsd is None or lpadmin is None or os.geteuid() != 0:
            # CI installs cups and runs as root: there, the list must be checked.
            check(not os.environ.get('CI'), 'no private cupsd (needs root, cupsd and lpadmin)')
            boui.log('no private cupsd (needs root, cupsd and lpadmin): the list is not checked')
            return False

        root = os.path.join(boui.TMP, 'cups')
        for sub in ('conf', 'spool/tmp', 'cache', 'state', 'log'):
            os.makedirs(os.path.join(root, sub), exist_ok=True)
        with socket.socket() as s:
            s.bind(('127.0.0.1', 0))
            port = s.getsockname()[1]
        with open(os.path.join(root, 'conf', 'cupsd.conf'), 'w') as f:
            f.write('Listen 127.0.0.1:%d\nLogLevel info\nBrowsing No\nWebInterface No\n'
                    'DefaultAuthType None\n<Location />\n  Order allow,deny\n  Allow all\n'
                    '</Location>\n<Policy default>\n  <Limit All>\n    Order deny,allow\n'
                    '  </Limit>\n</Policy>\n' % port)
        with open(os.path.join(root, 'conf', 'cups-files.conf'), 'w') as f:
            f.write('ServerRoot {0}/conf\nRequestRoot {0}/spool\nTempDir {0}/spool/tmp\n'
                    'CacheDir {0}/cache\nStateDir {0}/state\nErrorLog {0}/log/error_log\n'
                    'AccessLog {0}/log/access_log\nPageLog {0}/log/page_log\n'
                    'SystemGroup root\nUser lp\nGroup lp\n'.format(root))
        self.proc = subprocess.Popen([cupsd, '-f', '-c', os.path.join(root, 'conf', 'cupsd.conf'),
                                      '-s', os.path.join(root, 'conf', 'cups-files.conf')],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def listening():
            try:
                with socket.create_connection(('127.0.0.1', port), timeout=0.2):
                    return True
            except OSError:
                return False
        wait_until(listening, 'the private cupsd does not listen', timeout=15, interval=0.1)
        self.server = '127.0.0.1:%d' % port

        # A raw queue is enough to be listed (nothing is printed on it); CUPS 2.4 warns that
        # raw queues are deprecated.
        env = dict(os.environ, CUPS_SERVER=self.server)
        subprocess.run([lpadmin, '-p', QUEUE, '-v', 'socket://127.0.0.1:9', '-D', QUEUE_INFO,
                        '-E', '-m', 'raw'], env=env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        return True

    def stop(self):
        boui.stop_process(self.proc)


def keyfile_value(key):
    with open(boui.keyfile_path()) as f:
        for line in f:
            if line.startswith(key + '='):
                return line.strip()[len(key) + 1:]
    return None


def open_printing(app):
    """Preferences from the main menu, on the printing page; returns the window."""
    main = app.main_window()
    app.press(name='Main Menu', within=main)
    app.press(name='Preferences', within=main)
    prefs = app.dialog('Preferences')
    app.press(name='Printing', within=prefs)
    app.find(('text',), name='Receipt Printer Address', within=prefs)
    return prefs


def radios(app, prefs, title):
    """The radio check boxes called @title: the receipt printer's first, the ticket's second."""
    return app.find_all(('check box', 'radio button'), name=title, within=prefs)


def checked(node):
    return has_state(node, pyatspi.STATE_CHECKED)


def wait_listed(app, prefs, title, timeout=30):
    """Both printers list @title once the search is done."""
    return wait_until(lambda: len(radios(app, prefs, title)) == 2 and radios(app, prefs, title),
                      'the printers found do not list %r' % title, timeout=timeout)


def test():
    cups = Cups()
    receipt_file = os.path.join(boui.TMP, 'prefs-receipt.bin')
    receipt_uri = 'file:' + receipt_file
    try:
        have_cups = cups.start()
        env = {'CUPS_SERVER': cups.server} if have_cups else {}

        with App(env=env) as app:
            login(app, '1234')
            prefs = open_printing(app)

            # The list: the queue under both printers, with its kind and address.
            if have_cups:
                receipt_queue, ticket_queue = wait_listed(app, prefs, QUEUE_TITLE)
                app.find(('label',), name='CUPS queue · ' + QUEUE_URI, within=prefs)
                screenshot('prefs-printers-found')

                # The ticket printer from the list: the setting and the address follow.
                app.click_at(ticket_queue)
                wait_until(lambda: checked(ticket_queue), 'the queue is not chosen')
                ticket_address = app.find(('text',), name='Ticket Printer Address',
                                          within=prefs)
                wait_until(lambda: boui.entry_text(ticket_address) == QUEUE_URI,
                           lambda: 'the ticket address shows %r' % boui.entry_text(ticket_address))
                wait_until(lambda: keyfile_value('ticket-printer') == "'%s'" % QUEUE_URI,
                           lambda: 'ticket-printer is %r' % keyfile_value('ticket-printer'))
                check(not checked(receipt_queue), 'the receipt printer changed too')

                # Looking again keeps the list and the choice.
                app.press(name='Look for printers again', within=prefs)
                receipt_queue, ticket_queue = wait_listed(app, prefs, QUEUE_TITLE)
                wait_until(lambda: checked(ticket_queue), 'the choice is lost after a refresh')

            # The receipt printer by address ("Other Address…"): a file.
            receipt_address = app.find(('text',), name='Receipt Printer Address', within=prefs)
            app.set_text(receipt_address, receipt_uri)
            other = radios(app, prefs, 'Other Address…')
            check(len(other) == 2, 'Other Address… radios: %d' % len(other))
            wait_until(lambda: checked(other[0]), 'a typed address does not choose Other')
            wait_until(lambda: keyfile_value('receipt-printer') == "'%s'" % receipt_uri,
                       lambda: 'receipt-printer is %r' % keyfile_value('receipt-printer'))

            # Test Print: through the print queue, to the file.
            check(not os.path.exists(receipt_file), 'the receipt file exists already')
            app.press(name='Print a test page on the receipt printer', within=prefs)
            wait_until(lambda: os.path.exists(receipt_file) and os.path.getsize(receipt_file) > 0,
                       'Test Print wrote nothing to %s' % receipt_file, timeout=20)
            with open(receipt_file, 'rb') as f:
                data = f.read()
            check(data.startswith(b'\x1b@'), 'not an ESC/POS page: %r' % data[:16])
            jobs = sql("SELECT target, state FROM print_jobs WHERE kind = 'test'")
            check(jobs == [(receipt_uri, 'done')], 'test print jobs: %r' % (jobs,))
            app.find(('label',), name='Test page printed', within=prefs, timeout=10)
            screenshot('prefs-test-printed')

        # After a restart: the same choices.
        with App(env=env) as app:
            login(app, '1234')
            prefs = open_printing(app)
            receipt_address = app.find(('text',), name='Receipt Printer Address', within=prefs)
            wait_until(lambda: boui.entry_text(receipt_address) == receipt_uri,
                       lambda: 'after a restart the receipt address is %r'
                       % boui.entry_text(receipt_address))
            other = radios(app, prefs, 'Other Address…')
            wait_until(lambda: checked(other[0]), 'after a restart Other is not chosen')
            if have_cups:
                receipt_queue, ticket_queue = wait_listed(app, prefs, QUEUE_TITLE)
                wait_until(lambda: checked(ticket_queue),
                           'after a restart the ticket printer is not the queue')
                check(not checked(receipt_queue), 'after a restart the receipt printer is the queue')
                ticket_address = app.find(('text',), name='Ticket Printer Address', within=prefs)
                check(boui.entry_text(ticket_address) == QUEUE_URI,
                      'after a restart the ticket address is %r' % boui.entry_text(ticket_address))
            screenshot('prefs-after-restart')
    finally:
        cups.stop()


boui.main(test)
