#!/bin/sh
# run-ui-test.sh — runs one end-to-end UI test: the real app under Xvfb, driven over AT-SPI
#
#   run-ui-test.sh TEST.py [ARGS…]
#
# Environment (meson sets these): BO_GUI (the app), BO_CLI (the command-line tool),
# BO_UI_SHOTS (folder for screenshots), GSETTINGS_SCHEMA_DIR (compiled schemas).
# Each run gets a temp dir with a fresh database prepared with the CLI (demo catalogue, a
# shift opened by the cashier), its own X server on a free display, its own D-Bus session
# and accessibility bus, and a keyfile settings backend in the temp dir, so settings written
# by one process (the test, the CLI-side set-up, the app) are seen by the next and by a
# restarted app. Exit 77 (skip) when a tool is missing.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

test_script=${1:?usage: run-ui-test.sh TEST.py [ARGS...]}
shift

skip () {
  echo "SKIP: $*" >&2
  exit 77
}

for tool in Xvfb dbus-run-session import; do
  command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed"
done
[ -x /usr/libexec/at-spi-bus-launcher ] || skip "at-spi-bus-launcher is not installed"
/usr/bin/python3 -c 'import pyatspi' 2>/dev/null || skip "python3-pyatspi is not installed"
[ -n "${BO_GUI:-}" ] && [ -x "$BO_GUI" ] || skip "BO_GUI does not name the application"
[ -n "${BO_CLI:-}" ] && [ -x "$BO_CLI" ] || skip "BO_CLI does not name the command-line tool"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bo-ui-test.XXXXXX")
xvfb_pid=
cleanup () {
  if [ -n "$xvfb_pid" ]; then
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
  fi
  if [ -z "${BO_UI_KEEP:-}" ]; then
    rm -rf "$tmp"
  else
    echo "# kept $tmp" >&2
  fi
}
trap cleanup EXIT INT TERM

# A free display: Xvfb picks one itself and writes its number to fd 3.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset 3>"$tmp/display" \
  >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 100); do
  [ -s "$tmp/display" ] && break
  kill -0 "$xvfb_pid" 2>/dev/null || skip "Xvfb did not start: $(cat "$tmp/xvfb.log")"
  sleep 0.1
done
[ -s "$tmp/display" ] || skip "Xvfb did not report a display"
DISPLAY=":$(head -n 1 "$tmp/display")"
export DISPLAY

# The database, as a box office would have it after the morning's set-up.
BO_DB="$tmp/boxoffice.db"
export BO_DB
"$BO_CLI" --db "$BO_DB" demo >/dev/null
"$BO_CLI" --db "$BO_DB" shift open --pin 1234 --float 10000 >/dev/null

# Settings: a keyfile in the temp dir, shared by every process of the run.
XDG_CONFIG_HOME="$tmp/config"
XDG_DATA_HOME="$tmp/data"
XDG_CACHE_HOME="$tmp/cache"
XDG_RUNTIME_DIR="$tmp/runtime"
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
mkdir -m 700 "$XDG_RUNTIME_DIR"
export XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR
BO_RECEIPT_FILE="$tmp/receipt.bin"
BO_TICKET_FILE="$tmp/tickets.bin"
export BO_RECEIPT_FILE BO_TICKET_FILE
cat >"$XDG_CONFIG_HOME/glib-2.0/settings/keyfile" <<KEYFILE
[org/bilten/BoxOffice]
receipt-printer='file:$BO_RECEIPT_FILE'
ticket-printer='file:$BO_TICKET_FILE'
gate-name='North door'
scan-sound=false
sync-interval-seconds=uint32 3600
KEYFILE
GSETTINGS_BACKEND=keyfile
export GSETTINGS_BACKEND

BO_UI_TMP="$tmp"
BO_UI_SHOTS="${BO_UI_SHOTS:-$tmp}"
mkdir -p "$BO_UI_SHOTS"
export BO_UI_TMP BO_UI_SHOTS
PYTHONPATH="$(dirname "$0")${PYTHONPATH:+:$PYTHONPATH}"
PYTHONDONTWRITEBYTECODE=1
export PYTHONPATH PYTHONDONTWRITEBYTECODE

# The accessibility bus lives inside the private session; the test starts (and ends) the app.
set +e
dbus-run-session -- sh -c '
  /usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
  launcher=$!
  /usr/bin/python3 "$@"
  echo $? >"$BO_UI_TMP/status"
  kill $launcher 2>/dev/null
' sh "$test_script" "$@" 2>&1 | grep -v "Failed to set fd limit"
set -e
# The pipeline's status is grep's: the test's own is in a file.
exit "$(cat "$tmp/status" 2>/dev/null || echo 1)"
