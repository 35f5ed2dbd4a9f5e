#!/usr/bin/env bash
# The statistics' performance targets on the reference dataset (20 000
# people, 200 000 sessions, 2 000 workshops, 500 places over the two years
# ending 2026-11-30): all publishable tables of the last twelve months
# (2025-12-01..2026-11-30), one bundle, merging 100 bundles. On demand only,
# never in the suite.
#
#   tests/bench/stats-bench.sh
#
# Builds Sillon (release) in tests/bench/work/reference-build, like
# reference-bench.sh. Figures are medians of 7 runs inside bench-stats.c.
# docs/PERFORMANCE.md holds the last results.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=bench-common.sh
source "$(dirname "$0")/bench-common.sh"
bench_work stats

bench_reference_build src/core/libsillon-core.a src/cli/sillon-cli
bench_compile "$build" "$work/bench-stats" "pangocairo cairo xlsxwriter" "$here/bench-stats.c"

vault="$work/reference.sillon"
if [ ! -f "$vault" ]; then
  rm -f "$vault.part" "$vault.part-wal"
  "$cli" vault create --vault "$vault.part" --name "Bench" --kdf-ms 100 --passphrase-fd 3 3<<<"$passphrase" >/dev/null
  "$cli" demo --vault "$vault.part" --end-date 2026-11-30 --passphrase-fd 3 3<<<"$passphrase" >/dev/null
  mv "$vault.part" "$vault"
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB"
"$work/bench-stats" "$vault" 2025-12-01 2026-11-30 <<<"$passphrase"
