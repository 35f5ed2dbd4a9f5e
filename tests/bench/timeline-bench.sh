#!/usr/bin/env bash
# Opening a person whose story has 200 entries, on the reference dataset
# (target: < 100 ms). On demand only, never in the suite.
#
#   tests/bench/timeline-bench.sh [BUILD-DIR]     (default: _build, configured with the UI)
#
# TIMELINE_C=FILE measures another version of src/ui/sillon-timeline.c (an
# earlier one, from `git show`, to compare).
#
# Makes a vault with `sillon-cli demo` (the reference dataset), then runs
# tests/bench/bench-timeline.c, which adds one person with 200 entries and
# times the person page's own widget (SillonTimeline) 15 times; prints
# medians. Needs a display: under xvfb-run when there is none.
# docs/PERFORMANCE.md holds the last results.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=bench-common.sh
source "$(dirname "$0")/bench-common.sh"
build="$(cd "${1:-$top/_build}" && pwd)"
bench_work timeline

ninja -C "$build" src/core/libsillon-core.a src/cli/sillon-cli src/ui/sillon >/dev/null
cli="$build/src/cli/sillon-cli"
bench_compile "$build" "$work/bench-timeline" "gtk+-3.0" -I"$top/src/ui" \
  "$here/bench-timeline.c" "${TIMELINE_C:-$top/src/ui/sillon-timeline.c}" "$top/src/ui/sillon-date-entry.c" \
  "$top/src/ui/sillon-referral-status-dialog.c" "$top/src/ui/sillon-message-label.c" \
  "$build/resources/sillon-resources.c"

# The reference vault is made once and kept (git-ignored); each invocation
# works on a copy, since the bench adds its person to the vault.
reference="$work/reference.sillon"
vault="$work/run.sillon"
if [ ! -f "$reference" ]; then
  "$cli" vault create --vault "$reference" --name "Bench" --kdf-ms 200 --passphrase-fd 3 3<<<"$passphrase" >/dev/null
  "$cli" demo --vault "$reference" --passphrase-fd 3 3<<<"$passphrase" >/dev/null
fi
rm -f "$vault" "$vault-wal"
cp "$reference" "$vault"

run=("$work/bench-timeline" "$vault")
if [ -z "${DISPLAY:-}" ]; then
  run=(xvfb-run -a "${run[@]}")
fi
"${run[@]}" <<<"$passphrase"
rm -f "$vault" "$vault-wal"
