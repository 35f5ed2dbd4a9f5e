#!/usr/bin/env bash
# The keys that taking the attendance of 20 people by name costs, counted
# offline against the store (tests/bench/bench-attendance.c) in a few
# seconds, where tests/bench/workshops-bench.sh presses them in the window:
# the same reference dataset (`sillon-cli demo`), the same twenty people
# (the first ones above id 1000 who are the only one of their name), the
# same rows shown. Counted twice: on the dataset as it is, then with the
# weekly series workshops-bench.sh adds (16 of the twenty came to a
# workshop 6 days ago), because the workshop page favours people who came
# to a workshop lately. On demand only, never in the suite.
#
#   tests/bench/attendance-bench.sh
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=bench-common.sh
source "$(dirname "$0")/bench-common.sh"
bench_work attendance
bench_reference_build src/core/libsillon-core.a src/cli/sillon-cli
bench_compile "$build" "$work/bench-attendance" "" "$here/bench-attendance.c"

# shellcheck disable=SC2119 # the reference dataset alone
bench_demo_vault
copy="$work/run.sillon"
bench_copy_vault "$vault" "$copy"

# The names stay in memory, never in a file.
echo "# the reference dataset"
people=$(bench_attendance_people "$copy" '|')
printf '%s\n%s\n' "$passphrase" "$people" | "$work/bench-attendance" "$copy"

bench_add_weekly_series "$copy"
echo "# with workshops-bench.sh's weekly series (16 of the 20 came 6 days ago)"
printf '%s\n%s\n' "$passphrase" "$people" | "$work/bench-attendance" "$copy"
rm -f "$copy" "$copy-wal"
