#!/usr/bin/env bash
# The place search per keystroke over 10 000 places, in the store, at the
# places area's limit (50 places) and the workshop's place chooser's (8):
# medians and p95 of each run, and the slowest prefixes typed. On demand
# only, never in the suite. The window's share (rows drawn) is measured by
# tests/bench/workshops-bench.sh.
#
#   tests/bench/places-bench.sh [RUNS]     (default 5)
#
# Builds Sillon's core (release) in tests/bench/work/reference-build, as
# reference-bench.sh does, and bench-places.c against it; the places file
# comes from the same generator (make-places.py).
set -euo pipefail

runs=${1:-5}
# shellcheck source-path=SCRIPTDIR source=bench-common.sh
source "$(dirname "$0")/bench-common.sh"
bench_work places

bench_reference_program places
bench_places_file 10000

vault="$work/places.sillon"
rm -f "$vault" "$vault-wal"
"$cli" vault create --vault "$vault" --name "Bench" --kdf-ms 100 --passphrase-fd 3 3<<<"$passphrase" >/dev/null
"$work/bench-places" "$vault" "$places" "$runs" <<<"$passphrase"
