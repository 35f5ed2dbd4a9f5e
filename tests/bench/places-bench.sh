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
here="$(cd "$(dirname "$0")" && pwd)"
top="$(cd "$here/../.." && pwd)"
work="$here/work/places"
build="$here/work/reference-build"
passphrase="places bench passphrase"
mkdir -p "$work"

if [ ! -d "$build" ]; then
  meson setup "$build" "$top" -Dui=false -Dbuildtype=release >/dev/null
fi
ninja -C "$build" src/core/libsillon-core.a src/cli/sillon-cli >/dev/null

# shellcheck disable=SC2046
cc -O2 -std=gnu11 -I"$build" -I"$top/src/core/base" -I"$top/src/core/vault" -I"$top/src/core/places" -I"$top/src/core/assessment" -I"$top/src/core/store" -I"$build/src/core/assessment" -I"$build/src/core/store" "$here/bench-places.c" \
  "$build/src/core/libsillon-core.a" \
  $(pkg-config --cflags --libs glib-2.0 gio-2.0 sqlite3 libsodium json-glib-1.0) -lm \
  -o "$work/bench-places"

places="$work/places-10000.csv"
"$here/make-places.py" "$top/tests/data/lieux/exemple-valide.csv" "$places" 10000

vault="$work/places.sillon"
rm -f "$vault" "$vault-wal"
"$build/src/cli/sillon-cli" vault create --vault "$vault" --name "Bench" --kdf-ms 100 --passphrase-fd 3 3<<<"$passphrase" >/dev/null
"$work/bench-places" "$vault" "$places" "$runs" <<<"$passphrase"
