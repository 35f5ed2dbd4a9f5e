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

# shellcheck source-path=SCRIPTDIR source=bench-common.sh
source "$(dirname "$0")/bench-common.sh"
"$(bench_core_program communes)" "$@"
