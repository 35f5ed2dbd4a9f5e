#!/usr/bin/env bash
# The workshops and places areas in the real application, under Xvfb through
# AT-SPI, on the reference dataset (`sillon-cli demo`: 20 000 people,
# 200 000 sessions, 2 000 workshops) plus 10 000 imported places and one
# workshop with 30 attendees:
#   - workshops-list: the workshops area filled and painted (Alt+2);
#   - workshop-open: a workshop with 30 attendees opened and painted;
#   - place-search: a key press in the places area (the X server's time
#     stamp on it) to its painted list of at most 50 places;
#   - place-chooser-search: the same in a workshop's place chooser (8);
#   - the keys pressed to take the attendance of 20 people of the vault:
#     by name alone in a new workshop, and in the next workshop of a
#     series, 16 of them with the roll call of the people expected.
#     MODEL=last-first types the names in a new workshop as French forms
#     write them, "NOM Prénom", and takes a person shown in the first three
#     rows with Down (tests/bench/attendance-bench.sh counts every model
#     offline in seconds).
# On demand only, never in the suite. Uses the build in BUILD (default
# _build), or the executable APP (an earlier build kept to compare), and
# prints medians over RUNS runs (default 3). PLACES=0 leaves the two place
# searches out (the workshop figures alone, in a few minutes).
#
#   tests/bench/workshops-bench.sh [RUNS]
set -euo pipefail

runs=${1:-3}
# shellcheck source-path=SCRIPTDIR source=bench-common.sh
source "$(dirname "$0")/bench-common.sh"
bench_ui_build
bench_work workshops

# On the reference dataset: 10 000 places and a workshop of 30 attendees.
add_places_and_workshop () {
  bench_places_file 10000
  "$cli" places import "$places" --vault "$vault" --passphrase-fd 3 3<<<"$passphrase" >/dev/null
  bench_vault_shell "$vault" >/dev/null <<'SQL'
INSERT INTO workshops (title, themes, date, duration_minutes, place_type)
  VALUES ('Thirty attendees', (SELECT themes FROM workshops LIMIT 1), date('now', '+1 day'), 90, 'lieu_activite');
INSERT INTO workshop_attendance (workshop_id, beneficiary_id)
  SELECT (SELECT max(id) FROM workshops WHERE title = 'Thirty attendees'), id FROM beneficiaries ORDER BY id LIMIT 30;
SQL
}
bench_demo_vault add_places_and_workshop

# A weekly series (bench-common.sh): its next workshop's attendance is
# taken with the roll call of the people expected (16 present, 4 absent)
# and the 4 newcomers by name.
bench_add_weekly_series "$vault" next

# Twenty people to take the attendance of, each the only one of that name;
# apart, first and last name, for MODEL=last-first.
names=$(bench_attendance_people "$vault" ' ')
people=$(bench_attendance_people "$vault" '|')

for run in $(seq "$runs"); do
  # The machine may be shared: say how loaded it was around each run.
  cut -d' ' -f1 /proc/loadavg >"$work/run-$run.load"
  bench_ui_run "$vault" "$run" "$app" "$here/workshops_bench.py" SILLON_BENCH_NAMES="$names" \
    SILLON_BENCH_PEOPLE="$people" SILLON_BENCH_MODEL="${MODEL:-}" SILLON_BENCH_PLACES="${PLACES:-1}"
  cut -d' ' -f1 /proc/loadavg >>"$work/run-$run.load"
done

PYTHONPATH="$here" PYTHONDONTWRITEBYTECODE=1 python3 - "$work" "$runs" <<'PY'
import statistics, sys
from bench_profile import Runs, samples_by_name
work, runs = sys.argv[1], int(sys.argv[2])
names = ["workshops-list", "workshop-open", "place-search", "place-chooser-search"]
walls = {n: Runs() for n in names}
# The main thread's processor time, where the line gives it (a loaded
# machine's wall clock also counts the other processes).
cpus = {n: Runs() for n in names}
for run in range(1, runs + 1):
    samples, cpu = samples_by_name(work, run, names)
    load = open(f"{work}/run-{run}.load").read().split()
    print(f"run {run}: load average {' to '.join(load)}; samples: " + ", ".join(f"{n} {len(samples[n])}" for n in names))
    for n in names:
        if walls[n].add(samples[n]):
            print(f"run {run}: {n} ms: median {walls[n].medians[-1]:.1f}, p95 {walls[n].p95s[-1]:.1f}")
        if cpus[n].add(cpu[n]):
            print(f"run {run}: {n} processor ms: median {cpus[n].medians[-1]:.1f}, p95 {cpus[n].p95s[-1]:.1f}")
for run in range(1, runs + 1):
    for line in open(f"{work}/run-{run}.out"):
        if line.startswith("attendance_keys\t"):
            _, people, keys = line.split("\t")
            print(f"run {run}: attendance of {people} people by name in {keys.strip()} keys")
        if line.startswith("attendance_keys_last_first\t"):
            _, people, keys = line.split("\t")
            print(f"run {run}: attendance of {people} people by name, NOM Prénom and Down to the first rows, "
                  f"in {keys.strip()} keys")
        if line.startswith("attendance_keys_series\t"):
            _, people, expected, keys = line.split("\t")
            print(f"run {run}: attendance of {people} people in the next workshop of a series "
                  f"({expected} people expected) in {keys.strip()} keys")
for n in names:
    if walls[n].medians:
        print(f"{n} ms: median of runs' medians {statistics.median(walls[n].medians):.1f}, "
              f"median of runs' p95 {statistics.median(walls[n].p95s):.1f} "
              f"(runs' medians {', '.join(f'{m:.1f}' for m in walls[n].medians)})")
    if cpus[n].medians:
        print(f"{n} processor ms: median of runs' medians {statistics.median(cpus[n].medians):.1f}, "
              f"median of runs' p95 {statistics.median(cpus[n].p95s):.1f}")
PY
