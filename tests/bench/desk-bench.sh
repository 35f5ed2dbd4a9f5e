#!/usr/bin/env bash
# The desk's targets on the reference dataset (20 000 people, 200 000
# sessions, made by `sillon-cli demo`), measured in the real application
# under Xvfb through AT-SPI, as a mediator uses it:
#   - unlock-to-desk: from the unlocked vault (key derivation and store
#     opening done, in the worker) to the painted people list;
#   - search: from the key press (the X server's time stamp on it) to the
#     painted list showing what it finds, for each change of the search
#     (wall clock and the main thread's CPU time); a change made through
#     AT-SPI (the search cleared, a name set at once) counts from when the
#     application got it; and, when the rows below the first screenful were
#     left to idle callbacks, to the last of them filled; each key is
#     pressed, held 80 ms and released as a hand does (sillonui.type_key),
#     one key every 370 ms;
#   - open-person: from a person chosen in the list to their page painted;
#   - resident memory after the flow (unlock, 16 names typed letter by
#     letter, eight people opened and left).
# On demand only, never in the suite. Uses the build in BUILD (default
# _build), or the executable APP (an earlier build kept to compare), and
# prints medians over RUNS runs (default 3).
#
#   tests/bench/desk-bench.sh [RUNS]
set -euo pipefail

runs=${1:-3}
# shellcheck source-path=SCRIPTDIR source=bench-common.sh
source "$(dirname "$0")/bench-common.sh"
bench_ui_build
app="${APP:-$build/src/ui/sillon}"
bench_work desk

vault="$work/reference.sillon"
if [ ! -f "$vault" ]; then
  bench_demo_vault "$vault" "$passphrase"
fi

for run in $(seq "$runs"); do
  bench_ui_run "$vault" "$run" "$app" "$here/desk_bench.py"
done

PYTHONPATH="$here" PYTHONDONTWRITEBYTECODE=1 python3 - "$work" "$runs" <<'PY'
import statistics, sys
from bench_profile import pct, profile_samples
work, runs = sys.argv[1], int(sys.argv[2])
unlock, p50, p95, cpu50, cpu95, all50, all95, rss = [], [], [], [], [], [], [], []
key50, key95, keycpu95, set50, set95 = [], [], [], [], []
opened, opened_cpu, unlock_cpu = [], [], []
for run in range(1, runs + 1):
    searches, cpus, alls = [], [], []
    keyed, keyed_cpu, setted = [], [], []
    for what, wall, cpu, kind in profile_samples(work, run):
        if what == "unlock-to-desk":
            unlock.append(wall)
            if cpu is not None:
                unlock_cpu.append(cpu)
        elif what == "search":
            searches.append(wall)
            if cpu is not None:
                cpus.append(cpu)
            if kind == "key":
                keyed.append(wall)
                keyed_cpu.append(cpu)
            elif kind is not None:
                setted.append(wall)
        elif what == "open-person":
            opened.append(wall)
            if cpu is not None:
                opened_cpu.append(cpu)
        elif what == "search-all-rows":
            alls.append(wall)
    p50.append(statistics.median(searches))
    p95.append(pct(searches, 0.95))
    if cpus:
        cpu50.append(statistics.median(cpus))
        cpu95.append(pct(cpus, 0.95))
    if alls:
        all50.append(statistics.median(alls))
        all95.append(pct(alls, 0.95))
    if keyed:
        key50.append(statistics.median(keyed))
        key95.append(pct(keyed, 0.95))
        keycpu95.append(pct(keyed_cpu, 0.95))
        print(f"run {run}: {len(keyed)} searches from a key press, p50 {key50[-1]:.2f} ms, p95 {key95[-1]:.2f} ms, "
              f"CPU p95 {keycpu95[-1]:.2f} ms")
    if setted:
        set50.append(statistics.median(setted))
        set95.append(pct(setted, 0.95))
        print(f"run {run}: {len(setted)} searches set through AT-SPI, p50 {set50[-1]:.2f} ms, p95 {set95[-1]:.2f} ms")
    for line in open(f"{work}/run-{run}.out"):
        if line.startswith("rss_kib\t"):
            rss.append(int(line.split("\t")[1]) / 1024)
    print(f"run {run}: {len(searches)} searches, p50 {p50[-1]:.2f} ms, p95 {p95[-1]:.2f} ms"
          + (f", CPU p50 {cpu50[-1]:.2f} ms, p95 {cpu95[-1]:.2f} ms" if cpus else "")
          + (f"; {len(alls)} searches filled rows after the frame" if alls else ""))
print(f"unlock-to-desk ms (median of {runs} runs)\t{statistics.median(unlock):.1f}")
if unlock_cpu:
    print(f"unlock-to-desk main-thread CPU ms (median)\t{statistics.median(unlock_cpu):.1f}")
print(f"search ms, median of runs' medians\t{statistics.median(p50):.2f}")
print(f"search ms, median of runs' p95\t{statistics.median(p95):.2f}")
if cpu50:
    print(f"search main-thread CPU ms, median of runs' medians\t{statistics.median(cpu50):.2f}")
    print(f"search main-thread CPU ms, median of runs' p95\t{statistics.median(cpu95):.2f}")
if key50:
    print(f"search from a key press ms, median of runs' medians\t{statistics.median(key50):.2f}")
    print(f"search from a key press ms, median of runs' p95\t{statistics.median(key95):.2f}")
    print(f"search from a key press CPU ms, median of runs' p95\t{statistics.median(keycpu95):.2f}")
if set50:
    print(f"search set through AT-SPI ms, median of runs' medians\t{statistics.median(set50):.2f}")
    print(f"search set through AT-SPI ms, median of runs' p95\t{statistics.median(set95):.2f}")
if all50:
    print(f"search to every row filled ms (when some were left to idle), median of runs' medians\t{statistics.median(all50):.2f}")
    print(f"search to every row filled ms, median of runs' p95\t{statistics.median(all95):.2f}")
if opened:
    print(f"open a person ms, median over all runs ({len(opened)})\t{statistics.median(opened):.1f}")
if opened_cpu:
    print(f"open a person main-thread CPU ms, median\t{statistics.median(opened_cpu):.1f}")
print(f"resident memory MiB after the flow (median)\t{statistics.median(rss):.1f}")
PY
