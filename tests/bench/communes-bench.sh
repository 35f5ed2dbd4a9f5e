#!/usr/bin/env bash
# The list of communes: first load (decompression, parsing, indexes), the
# memory it takes, and completion per keystroke by name and postal code.
# On demand only: it is not part of the test suite.
#
#   tests/bench/communes-bench.sh [--runs N]
#
# Builds Sillon's core library (release) in tests/bench/work/store-build and
# bench-communes.c against it, then runs it.
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
cc -O2 -std=gnu11 -I"$build" -I"$top/src/core" "$here/bench-communes.c" \
  "$build/src/core/libsillon-core.a" \
  $(pkg-config --cflags --libs glib-2.0 gio-2.0 sqlite3 libsodium json-glib-1.0 pangocairo cairo) -lm \
  -o "$work/bench-communes"

"$work/bench-communes" "$@"
