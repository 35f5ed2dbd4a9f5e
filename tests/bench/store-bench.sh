#!/usr/bin/env bash
# The store on the reference dataset (20 000 beneficiaries, 200 000 sessions,
# 2 000 workshops, 500 places): generation time, search-as-you-type latency,
# duplicate lookup and erasure, on plain SQLite and on the encrypted vault.
# On demand only: it is not part of the test suite.
#
#   tests/bench/store-bench.sh [--runs N] [any option of bench-store]
#
# Builds Sillon's core library (release) in tests/bench/work/store-build and
# bench-store.c against it, then runs it once per engine.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
top="$(cd "$here/../.." && pwd)"
work="$here/work"
build="$work/store-build"
mkdir -p "$work"

if [ ! -d "$build" ]; then
  meson setup "$build" "$top" -Dui=false -Dbuildtype=release >/dev/null
fi
ninja -C "$build" src/core/libsillon-core.a >/dev/null

# shellcheck disable=SC2046
cc -O2 -std=gnu11 -I"$build" -I"$top/src/core/base" -I"$top/src/core/vault" -I"$top/src/core/places" -I"$top/src/core/assessment" -I"$top/src/core/store" -I"$top/src/core/demo" "$here/bench-store.c" \
  "$build/src/core/libsillon-core.a" \
  $(pkg-config --cflags --libs glib-2.0 gio-2.0 sqlite3 libsodium json-glib-1.0) -lm \
  -o "$work/bench-store"

"$work/bench-store" "$@"
"$work/bench-store" --vault "$@"
