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

# bench_vault_shell VAULT
# Runs the SQL on standard input in VAULT (`sillon-cli vault shell`,
# unlocked with `passphrase`), its rows on standard output.
bench_vault_shell () {
  "$cli" vault shell --vault "$1" --passphrase-fd 3 3<<<"$passphrase"
}

# The twenty people whose attendance the benchmarks take by name: the first
# ones above id 1000 who are the only one of their name.
bench_attendance_where="first_name IS NOT NULL AND last_name IS NOT NULL AND id > 1000
  GROUP BY first_name, last_name HAVING count(*) = 1 ORDER BY min(id)"

# bench_attendance_people VAULT SEPARATOR
# Prints those twenty, one a line: first name, SEPARATOR, last name. The
# names go to a variable, never to a file.
bench_attendance_people () {
  bench_vault_shell "$1" <<SQL
SELECT first_name || '$2' || last_name FROM beneficiaries WHERE $bench_attendance_where LIMIT 20;
SQL
}

# bench_add_weekly_series VAULT [NEXT]
# A weekly series: last week's workshop "Smartphone, weekly" had 20 people
# on its list, 16 of the twenty above and 4 others; with NEXT, tomorrow's,
# the next of the series, with nobody on it yet. Added once.
bench_add_weekly_series () {
  local next=""
  if [ "$(bench_vault_shell "$1" <<<"SELECT count(*) FROM workshops WHERE title = 'Smartphone, weekly';")" != 0 ]; then
    return
  fi
  if [ -n "${2:-}" ]; then
    next="INSERT INTO workshops (title, themes, date, duration_minutes, place_type)
  VALUES ('Smartphone, weekly', (SELECT themes FROM workshops LIMIT 1), date('now', '+1 day'), 90, 'lieu_activite');"
  fi
  bench_vault_shell "$1" >/dev/null <<SQL
INSERT INTO workshops (title, themes, date, duration_minutes, place_type)
  VALUES ('Smartphone, weekly', (SELECT themes FROM workshops LIMIT 1), date('now', '-6 days'), 90, 'lieu_activite');
$next
INSERT INTO workshop_attendance (workshop_id, beneficiary_id)
  SELECT (SELECT min(id) FROM workshops WHERE title = 'Smartphone, weekly'), id FROM
    (SELECT min(id) AS id, row_number() OVER (ORDER BY min(id)) AS n FROM beneficiaries
      WHERE $bench_attendance_where LIMIT 24)
  WHERE n <= 16 OR n > 20;
SQL
}
