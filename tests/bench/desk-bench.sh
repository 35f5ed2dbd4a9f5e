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
bench_work desk
# shellcheck disable=SC2119 # the reference dataset alone
bench_demo_vault

for run in $(seq "$runs"); do
  bench_ui_run "$vault" "$run" "$app" "$here/desk_bench.py"
done

PYTHONPATH="$here" PYTHONDONTWRITEBYTECODE=1 python3 - "$work" "$runs" <<'PY'
import statistics, sys
from bench_profile import Runs, profile_samples, samples_by_name
work, runs = sys.argv[1], int(sys.argv[2])
unlock, unlock_cpu, opened, opened_cpu, rss = [], [], [], [], []
search, search_cpu, search_all, keyed, keyed_cpu, setted = Runs(), Runs(), Runs(), Runs(), Runs(), Runs()
for run in range(1, runs + 1):
    walls, cpu_ms = samples_by_name(work, run, ["unlock-to-desk", "search", "open-person", "search-all-rows"])
    unlock += walls["unlock-to-desk"]
    unlock_cpu += cpu_ms["unlock-to-desk"]
    opened += walls["open-person"]
    opened_cpu += cpu_ms["open-person"]
    searches, cpus, alls = walls["search"], cpu_ms["search"], walls["search-all-rows"]
    # The searches timed from a key press, and those made through AT-SPI.
    keys, key_cpus, sets = [], [], []
    for what, wall, cpu, kind in profile_samples(work, run):
        if what == "search" and kind == "key":
            keys.append(wall)
            key_cpus.append(cpu)
        elif what == "search" and kind is not None:
            sets.append(wall)
    search.add(searches)
    search_cpu.add(cpus)
    search_all.add(alls)
    if keyed.add(keys):
        keyed_cpu.add(key_cpus)
        print(f"run {run}: {len(keys)} searches from a key press, p50 {keyed.medians[-1]:.2f} ms, "
              f"p95 {keyed.p95s[-1]:.2f} ms, CPU p95 {keyed_cpu.p95s[-1]:.2f} ms")
    if setted.add(sets):
        print(f"run {run}: {len(sets)} searches set through AT-SPI, p50 {setted.medians[-1]:.2f} ms, "
              f"p95 {setted.p95s[-1]:.2f} ms")
    for line in open(f"{work}/run-{run}.out"):
        if line.startswith("rss_kib\t"):
            rss.append(int(line.split("\t")[1]) / 1024)
    print(f"run {run}: {len(searches)} searches, p50 {search.medians[-1]:.2f} ms, p95 {search.p95s[-1]:.2f} ms"
          + (f", CPU p50 {search_cpu.medians[-1]:.2f} ms, p95 {search_cpu.p95s[-1]:.2f} ms" if cpus else "")
          + (f"; {len(alls)} searches filled rows after the frame" if alls else ""))
print(f"unlock-to-desk ms (median of {runs} runs)\t{statistics.median(unlock):.1f}")
if unlock_cpu:
    print(f"unlock-to-desk main-thread CPU ms (median)\t{statistics.median(unlock_cpu):.1f}")
search.print("search ms")
search_cpu.print("search main-thread CPU ms")
keyed.print("search from a key press ms")
if keyed_cpu.p95s:
    print(f"search from a key press CPU ms, median of runs' p95\t{statistics.median(keyed_cpu.p95s):.2f}")
setted.print("search set through AT-SPI ms")
if search_all.medians:
    print(f"search to every row filled ms (when some were left to idle), median of runs' medians\t"
          f"{statistics.median(search_all.medians):.2f}")
    print(f"search to every row filled ms, median of runs' p95\t{statistics.median(search_all.p95s):.2f}")
if opened:
    print(f"open a person ms, median over all runs ({len(opened)})\t{statistics.median(opened):.1f}")
if opened_cpu:
    print(f"open a person main-thread CPU ms, median\t{statistics.median(opened_cpu):.1f}")
print(f"resident memory MiB after the flow (median)\t{statistics.median(rss):.1f}")
PY
