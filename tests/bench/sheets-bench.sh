#!/usr/bin/env bash
# The sheets' performance targets (docs/DESIGN §9): a progress or a referral
# sheet to PDF < 50 ms each, and `sillon-cli sheet progress --all` for 1 000
# people < 30 s. On demand only, never in the suite.
#
#   tests/bench/sheets-bench.sh [RUNS]     (default 3)
#
# Builds Sillon (release) in tests/bench/work/reference-build, fills a vault
# with the reference dataset (`sillon-cli demo`: 20 000 people) and times
# 200 progress and 200 referral sheets of people spread over it
# (bench-sheets.c); then fills a second vault with 1 000 people at the same
# density (10 sessions each) and times `sillon-cli sheet progress --all`,
# unlock and journaling included. Prints the medians of the runs;
# docs/PERFORMANCE.md holds the last results.
set -euo pipefail

runs=${1:-3}
# shellcheck source-path=SCRIPTDIR source=bench-common.sh
source "$(dirname "$0")/bench-common.sh"
bench_work sheets

# shellcheck disable=SC2119 # everything: the CLI and its translations
bench_reference_build
export SILLON_LOCALEDIR="$build/po"
bench_compile "$build" "$work/bench-sheets" "pangocairo cairo libqrencode" "$here/bench-sheets.c"

vault="$work/reference.sillon"
small="$work/thousand.sillon"
rm -f "$vault" "$vault-wal" "$small" "$small-wal"
"$cli" vault create --vault "$vault" --name "Bench" --kdf-ms 100 --passphrase-fd 3 3<<<"$passphrase" >/dev/null
"$cli" demo --vault "$vault" --passphrase-fd 3 3<<<"$passphrase" >/dev/null
"$cli" vault create --vault "$small" --name "Bench" --kdf-ms 100 --passphrase-fd 3 3<<<"$passphrase" >/dev/null
"$cli" demo --vault "$small" --beneficiaries 1000 --sessions 10000 --workshops 100 --places 25 \
  --passphrase-fd 3 3<<<"$passphrase" >/dev/null

results="$work/results.tsv"
: > "$results"
for run in $(seq 1 "$runs"); do
  "$work/bench-sheets" "$vault" "$SILLON_LOCALEDIR" 200 <<<"$passphrase" | sed "s/^/$run\t/" >> "$results"
  out="$work/all"
  rm -rf "$out"
  start=$(date +%s.%N)
  "$cli" sheet progress --all --out "$out" --vault "$small" --passphrase-fd 3 3<<<"$passphrase" >/dev/null
  end=$(date +%s.%N)
  printf '%s\tsheet_progress_all_1000_s\t%s\n' "$run" "$(python3 -c "print(f'{$end - $start:.1f}')")" >> "$results"
  printf '%s\tsheet_progress_all_files\t%s\n' "$run" "$(find "$out" -name '*.pdf' | wc -l)" >> "$results"
  rm -rf "$out"
done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "pango $(pkg-config --modversion pango), cairo $(pkg-config --modversion cairo), libqrencode $(pkg-config --modversion libqrencode)"
python3 - "$results" <<'PY'
import statistics, sys
values = {}
for line in open(sys.argv[1], encoding='utf-8'):
    run, name, value = line.rstrip("\n").split("\t", 2)
    values.setdefault(name, []).append(float(value))
for name, vs in values.items():
    print(f"{name}\t{statistics.median(vs):g}\t(runs: {', '.join(f'{v:g}' for v in vs)})")
PY
