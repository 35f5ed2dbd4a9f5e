"""What the window benchmarks (desk-bench.sh, workshops-bench.sh) read back
from their runs: the application's SILLON_PROFILE=1 lines, and percentiles."""


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
