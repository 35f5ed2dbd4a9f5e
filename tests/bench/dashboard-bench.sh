#!/usr/bin/env bash
# The dashboard's first draw after the page opens, on the reference dataset
# (the vault of stats-bench.sh: 20 000 people, 200 000 sessions over the
# two years ending 2026-11-30), for the page's default period, the current
# year. On demand only, never in the suite.
#
#   tests/bench/dashboard-bench.sh
#
# Builds Sillon (release, with the UI) in tests/bench/work/dashboard-build
# and runs bench-dashboard.c under Xvfb when there is no display. Figures
# are medians of 7 runs. docs/PERFORMANCE.md holds the last results.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=bench-common.sh
source "$(dirname "$0")/bench-common.sh"
work="$here/work/stats"
build="$here/work/dashboard-build"
passphrase="stats bench passphrase"
vault="$work/reference.sillon"

if [ ! -f "$vault" ]; then
  # The same vault as the statistics' benchmark: made there.
  "$here/stats-bench.sh" >/dev/null
fi
bench_build "$build" tests/bench/bench-dashboard -- -Dui=true

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
run=("$build/tests/bench/bench-dashboard" "$vault")
if [ -z "${DISPLAY:-}" ]; then
  run=(xvfb-run -a -s "-screen 0 1366x768x24" "${run[@]}")
fi
GSETTINGS_BACKEND=memory "${run[@]}" <<<"$passphrase"
