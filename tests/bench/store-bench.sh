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

# shellcheck source-path=SCRIPTDIR source=bench-common.sh
source "$(dirname "$0")/bench-common.sh"
program="$(bench_core_program store)"
"$program" "$@"
"$program" --vault "$@"
