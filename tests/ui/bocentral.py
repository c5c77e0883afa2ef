# bocentral.py — the reference central server and a registered counter, for the UI tests and
# benchmarks that sync (run through run-ui-test.sh, which exports BO_CENTRAL and BO_CLI)
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import sqlite3
import subprocess
import urllib.request

import boui
from boui import check

CENTRAL = os.environ.get('BO_CENTRAL')


def require_central():
    """Skips the run when the reference server was not built."""
    if not CENTRAL or not os.access(CENTRAL, os.X_OK):
        print('# SKIP: BO_CENTRAL does not name the reference central server', flush=True)
        raise SystemExit(boui.SKIP)


class Central:
    """bilten-central-dev on a free loopback port, with the demo catalogue (and @tickets more
    sold online for the first event, when given)."""

    def __init__(self, tickets=0, name='central'):
        require_central()
        self.db = os.path.join(boui.TMP, name + '.db')
        command = [CENTRAL, '--db', self.db, '--demo', '--port', '0']
        if tickets:
            command += ['--demo-tickets', str(tickets)]
        self.proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
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
        boui.stop_process(self.proc)


class Counter:
    """A counter database of its own (a registered counter starts from an empty one)."""

    def __init__(self, name='counter'):
        self.db = os.path.join(boui.TMP, name + '.db')

    def cli(self, *args):
        return boui.cli(*args, db=self.db)

    def sql(self, query, *params):
        return boui.sql(query, *params, db=self.db)

    def set_meta(self, key, value):
        con = sqlite3.connect(self.db, timeout=10)
        with con:
            con.execute('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', (key, value))
        con.close()

    def set_up(self, central, name='Counter 1'):
        """Two operators (manager 9999, cashier 1234), the registration and a shift."""
        self.cli('operator', 'add', '--name', 'Manager', '--role', 'manager', '--pin', '9999')
        self.cli('operator', 'add', '--name', 'Cashier', '--role', 'cashier', '--pin', '1234',
                 '--manager-pin', '9999')
        self.cli('register', '--url', central.api, '--token', central.token(), '--name', name)
        self.cli('shift', 'open', '--pin', '1234', '--float', '10000')
