"""What the window benchmarks (desk-bench.sh, workshops-bench.sh) read back
from their runs: the application's SILLON_PROFILE=1 lines, and percentiles."""

import statistics


def pct(values, p):
    """The value at fraction P of VALUES (0.5 the median, 1.0 the largest)."""
    values = sorted(values)
    return values[min(len(values) - 1, int(p * (len(values) - 1) + 0.5))]


def profile_samples(work, run):
    """(what, wall-clock ms, main-thread CPU ms or None, kind or None) for
    each "sillon-profile" line the application wrote to WORK/run-RUN.err.
    The kind, when given, is "key" (timed from a key press) or "set" (a
    change made through AT-SPI, such as the search cleared)."""
    with open(f"{work}/run-{run}.err", errors="replace") as err:
        for line in err:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3 and parts[0] == "sillon-profile":
                yield (parts[1], float(parts[2]),
                       float(parts[3]) if len(parts) >= 4 else None,
                       parts[4] if len(parts) >= 5 else None)


def samples_by_name(work, run, names):
    """Run RUN's samples of each measure of NAMES, as two dicts from a name
    to its wall-clock ms and to its main-thread CPU ms (where the line gives
    it: a loaded machine's wall clock also counts the other processes)."""
    walls = {n: [] for n in names}
    cpus = {n: [] for n in names}
    for what, wall, cpu, _kind in profile_samples(work, run):
        if what in walls:
            walls[what].append(wall)
            if cpu is not None:
                cpus[what].append(cpu)
    return walls, cpus


class Runs:
    """One measure over several runs: each run's median and 95th
    percentile, summed up as the median of each over the runs."""

    def __init__(self):
        self.medians = []
        self.p95s = []

    def add(self, values):
        """Add one run's VALUES; a run without any adds nothing. Whether it
        added."""
        if not values:
            return False
        self.medians.append(statistics.median(values))
        self.p95s.append(pct(values, 0.95))
        return True

    def print(self, label, digits=2):
        """LABEL's median of the runs' medians and of their p95, one line
        each, when a run measured it."""
        if self.medians:
            print(f"{label}, median of runs' medians\t{statistics.median(self.medians):.{digits}f}")
            print(f"{label}, median of runs' p95\t{statistics.median(self.p95s):.{digits}f}")
