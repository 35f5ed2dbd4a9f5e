#!/usr/bin/env bash
# The issue's performance targets on the reference dataset, in an encrypted
# vault built by `sillon-cli demo` (20 000 people, 200 000 sessions, 2 000
# workshops, 500 places): demo generation time, vault size, then after
# unlock the first screen, search per keystroke, logging one session
# durably and importing 10 000 places. On demand only, never in the suite.
#
#   tests/bench/reference-bench.sh [RUNS]     (default 3)
#
# Builds Sillon (release) in tests/bench/work/reference-build. Each run works
# on a fresh copy of the demo vault; the figures printed are the medians of
# the runs. docs/PERFORMANCE.md holds the last results.
set -euo pipefail

runs=${1:-3}
# shellcheck source-path=SCRIPTDIR source=bench-common.sh
source "$(dirname "$0")/bench-common.sh"
bench_work reference

bench_reference_program reference
# 10 000 valid places in the national standard, ids place-1 … place-10000.
bench_places_file 10000

# The reference vault, built once per invocation.
vault="$work/reference.sillon"
rm -f "$vault" "$vault-wal"
"$cli" vault create --vault "$vault" --name "Bench" --passphrase-fd 3 3<<<"$passphrase" >/dev/null
start=$(date +%s.%N)
"$cli" demo --vault "$vault" --passphrase-fd 3 3<<<"$passphrase" | sed 's/^/  /' >&2
end=$(date +%s.%N)
demo_s=$(python3 -c "print(f'{$end - $start:.1f}')")
size=$(stat -c %s "$vault")

results="$work/results.tsv"
: > "$results"
for run in $(seq 1 "$runs"); do
  copy="$work/run.sillon"
  bench_copy_vault "$vault" "$copy"
  "$work/bench-reference" "$copy" "$places" <<<"$passphrase" | sed "s/^/$run\t/" >> "$results"
done
# The same import end to end, as a person runs it: unlock, parse, one
# transaction, report.
copy="$work/run.sillon"
bench_copy_vault "$vault" "$copy"
start=$(date +%s.%N)
"$cli" places import "$places" --vault "$copy" --passphrase-fd 3 3<<<"$passphrase" >/dev/null
end=$(date +%s.%N)
cli_import_s=$(python3 -c "print(f'{$end - $start:.2f}')")
rm -f "$work/run.sillon" "$work/run.sillon-wal"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "sqlite $(pkg-config --modversion sqlite3), libsodium $(pkg-config --modversion libsodium)"
echo "demo_generation_s (sillon-cli demo, unlock included)	$demo_s"
echo "cli_places_import_10000_s (unlock included)	$cli_import_s"
echo "vault_size_bytes	$size ($(python3 -c "print(f'{$size / 1048576:.1f}')") MiB)"
python3 - "$results" "$runs" <<'PY'
import statistics, sys
values = {}
for line in open(sys.argv[1], encoding='utf-8'):
    run, name, value = line.rstrip("\n").split("\t", 2)
    values.setdefault(name, []).append(value)
for name, vs in values.items():
    try:
        nums = [float(v) for v in vs]
        print(f"{name}\t{statistics.median(nums):.2f}\t(runs: {', '.join(vs)})")
    except ValueError:
        print(f"{name}\t{vs[0]}")
PY
