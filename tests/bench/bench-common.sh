# Sourced by the benchmarks' scripts (never run on its own): where the
# source tree is, and how to build Sillon (release) and a benchmark's C file
# against its core library. Sets `here` (tests/bench) and `top` (the source
# tree).
# shellcheck shell=bash

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(cd "$here/../.." && pwd)"

# bench_work NAME
# Sets `work` (tests/bench/work/NAME, made if need be) and `passphrase`, the
# one of the benchmark's vaults.
bench_work () {
  work="$here/work/$1"
  # shellcheck disable=SC2034 # for the scripts that source this file
  passphrase="$1 bench passphrase"
  mkdir -p "$work"
}

# bench_build BUILD TARGET... [-- MESON-OPTION...]
# Configures a release build in BUILD the first time (the core alone unless
# the options say otherwise), then builds TARGETs (everything when none).
bench_build () {
  local build=$1
  shift
  local targets=() options=(-Dui=false)
  while [ $# -gt 0 ] && [ "$1" != -- ]; do
    targets+=("$1")
    shift
  done
  if [ $# -gt 0 ]; then
    shift
    options=("$@")
  fi
  if [ ! -d "$build" ]; then
    meson setup "$build" "$top" -Dbuildtype=release "${options[@]}" >/dev/null
  fi
  ninja -C "$build" "${targets[@]}" >/dev/null
}

# bench_compile BUILD OUTPUT "PKG..." CC-ARG...
# Compiles the C files (and any extra flags) in CC-ARGs into OUTPUT, linked
# against BUILD's libsillon-core.a and the pkg-config modules in PKG (on top
# of those every layer uses), with every layer's headers, as they are in the
# tree and as meson generates them.
bench_compile () {
  local build=$1 output=$2 packages=$3
  shift 3
  local includes=(-I"$build" -I"$top/src/core") layer
  for layer in base vault places assessment store sheets stats demo; do
    includes+=(-I"$top/src/core/$layer" -I"$build/src/core/$layer")
  done
  # shellcheck disable=SC2046,SC2086
  cc -O2 -std=gnu11 "${includes[@]}" "$@" "$build/src/core/libsillon-core.a" \
    $(pkg-config --cflags --libs glib-2.0 gio-2.0 sqlite3 libsodium json-glib-1.0 $packages) -lm \
    -o "$output"
}

# bench_core_program NAME
# Builds the core library (release) in tests/bench/work/store-build and
# bench-NAME.c against it; prints the program's path.
bench_core_program () {
  local build="$here/work/store-build"
  bench_build "$build" src/core/libsillon-core.a
  bench_compile "$build" "$here/work/bench-$1" "" "$here/bench-$1.c"
  echo "$here/work/bench-$1"
}

# bench_reference_build [TARGET...]
# Builds TARGETs (everything when none) of the core and CLI (release) in
# tests/bench/work/reference-build, shared by the benchmarks on the
# reference dataset; sets `build` and `cli`.
bench_reference_build () {
  build="$here/work/reference-build"
  # shellcheck disable=SC2034 # for the scripts that source this file
  cli="$build/src/cli/sillon-cli"
  bench_build "$build" "$@"
}

# bench_reference_program NAME
# bench_reference_build of the core and sillon-cli, then bench-NAME.c
# against them, as `work`/bench-NAME.
bench_reference_program () {
  bench_reference_build src/core/libsillon-core.a src/cli/sillon-cli
  bench_compile "$build" "$work/bench-$1" "" "$here/bench-$1.c"
}

# bench_places_file COUNT
# Writes COUNT valid places in the national standard (ids place-1 …
# place-COUNT, made by make-places.py) to `work`/places-COUNT.csv; sets
# `places` to its path.
bench_places_file () {
  places="$work/places-$1.csv"
  "$here/make-places.py" "$top/tests/data/lieux/exemple-valide.csv" "$places" "$1"
}

# bench_copy_vault VAULT COPY
# Makes COPY a fresh copy of VAULT with its write-ahead log, where the
# last transactions may still be.
bench_copy_vault () {
  cp "$1" "$2"
  rm -f "$2-wal"
  if [ -e "$1-wal" ]; then cp "$1-wal" "$2-wal"; fi
}

# bench_ui_build
# Builds the application, sillon-cli and the compiled settings schema
# (without which the window aborts) in BUILD (default _build), for the
# benchmarks that drive the window; sets `build`, `cli` and `app` (the
# executable APP, an earlier build kept to compare, or the build's).
bench_ui_build () {
  build="${BUILD:-$top/_build}"
  cli="$build/src/cli/sillon-cli"
  # shellcheck disable=SC2034 # for the scripts that source this file
  app="${APP:-$build/src/ui/sillon}"
  ninja -C "$build" src/ui/sillon src/cli/sillon-cli resources/gschemas.compiled >/dev/null
}

# bench_demo_vault [SET-UP]
# Sets `vault` to `work`/reference.sillon and, the first time only, creates
# it with `passphrase` and fills it with `sillon-cli demo` (the reference
# dataset: 20 000 people, 200 000 sessions, 2 000 workshops), then runs the
# command SET-UP, if given, to add what the benchmark needs on top.
bench_demo_vault () {
  vault="$work/reference.sillon"
  if [ -f "$vault" ]; then
    return
  fi
  "$cli" vault create --vault "$vault" --name "Bench" --kdf-ms 200 --passphrase-fd 3 3<<<"$passphrase" >/dev/null
  "$cli" demo --vault "$vault" --passphrase-fd 0 <<<"$passphrase" >/dev/null
  "$@"
}

# bench_ui_run VAULT RUN APP SCRIPT [NAME=VALUE...]
# Drives APP with the dogtail SCRIPT under Xvfb (tests/ui/run-ui-test.sh) on
# a 1366×768 screen, with the profiler's lines on, on a fresh copy of VAULT
# and its write-ahead log in the script's `work` folder, unlocked with its
# `passphrase`; NAME=VALUEs add to the environment. The output goes to
# run-RUN.out and run-RUN.err in `work`; a failed run stops the benchmark.
bench_ui_run () {
  local vault=$1 run=$2 app=$3 script=$4
  shift 4
  bench_copy_vault "$vault" "$work/run.sillon"
  env "$@" SILLON_PROFILE=1 SILLON_BENCH_VAULT="$work/run.sillon" SILLON_BENCH_PASSPHRASE="$passphrase" \
    SILLON_UI_HELPERS="$top/tests/ui" SILLON_TEST_SCREEN=1366x768x24 \
    "$top/tests/ui/run-ui-test.sh" "$app" "$build/resources" "$work/screenshots" "$script" \
    >"$work/run-$run.out" 2>"$work/run-$run.err" || {
      echo "run $run failed: see $work/run-$run.out and .err" >&2; exit 1; }
}
