#!/usr/bin/env bash
# "Open now / opens at …": the cost of evaluating one opening_hours value at
# a moment, for the values directories publish. On demand only: it is not
# part of the test suite.
#
#   tests/bench/opening-hours-bench.sh [--runs N]
#
# Builds Sillon's core library (release) in tests/bench/work/store-build and
# bench-opening-hours.c against it, then runs it.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=bench-common.sh
source "$(dirname "$0")/bench-common.sh"
"$(bench_core_program opening-hours)" "$@"
