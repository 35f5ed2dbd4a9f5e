#!/usr/bin/env bash
# Runs one UI test script against the real sillon executable: a private
# Xvfb display, a private D-Bus session (which starts the accessibility bus on
# demand), private HOME and XDG folders. NO_AT_BRIDGE is never set: the test
# reaches the application through AT-SPI exactly as a screen reader does.
#
# usage: run-ui-test.sh SILLON_EXE SCHEMA_DIR SCREENSHOT_DIR TEST_SCRIPT
set -euo pipefail

exe=$1 schema_dir=$2 shots=$3 script=$4
work=$(mktemp -d "${TMPDIR:-/tmp}/sillon-ui-XXXXXX")
xvfb_pid=

cleanup () {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work"/{home,data,config,cache,runtime} "$shots"
chmod 700 "$work/runtime"

# -displayfd picks a free display number, so parallel runs do not collide.
# SILLON_TEST_SCREEN sets another size, such as a laptop's 1366x768x24.
Xvfb -displayfd 5 -screen 0 "${SILLON_TEST_SCREEN:-1280x900x24}" -nolisten tcp -noreset 5>"$work/display" >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do
  [ -s "$work/display" ] && break
  sleep 0.1
done
if [ ! -s "$work/display" ]; then
  echo "Xvfb did not start:" >&2
  cat "$work/xvfb.log" >&2
  exit 1
fi

export DISPLAY=":$(head -n1 "$work/display")"
export HOME="$work/home"
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
export XDG_RUNTIME_DIR="$work/runtime"
export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$schema_dir"
export GDK_BACKEND=x11
# A critical warning in the application is a bug: make it fail the test.
export G_DEBUG=fatal-criticals
# English by default, so tests can find widgets by name; SILLON_TEST_LANGUAGE=fr
# runs the same application in French (translations from the build tree).
export LANGUAGE="${SILLON_TEST_LANGUAGE:-en}" LC_ALL=C.UTF-8
export SILLON_LOCALEDIR="${SILLON_LOCALEDIR:-$(dirname "$schema_dir")/po}"
# The application stamps what it records with today's date and the test
# computes the dates it expects with its own clock: a run across midnight
# would see two different days. A private time zone puts the start of every
# run at local noon, twelve hours from any midnight; it stays within twelve
# hours of UTC, so local and UTC dates agree as they do for a user.
utc_hour=$(date -u +%H)
export TZ="SILLON$((10#$utc_hour - 12))"
unset NO_AT_BRIDGE WAYLAND_DISPLAY
export SILLON_EXE="$exe" SILLON_SCREENSHOT_DIR="$shots" SILLON_TEST_WORKDIR="$work"

# Not exec: the trap must still stop Xvfb and remove the private folders.
status=0
dbus-run-session -- /usr/bin/python3 "$script" || status=$?
exit $status
