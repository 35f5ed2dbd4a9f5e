"""Drives the real application over the reference vault for
tests/bench/desk-bench.sh: unlock, search keystroke by keystroke, open
eight people and come back, then report the resident memory. The timings
themselves come from the application (SILLON_PROFILE) on its standard
error. Not a test: it checks nothing but that it got through."""

import os
import sys
import time

sys.path.insert(0, os.environ["SILLON_UI_HELPERS"])
from sillonui import find, open_vault, press, type_at_pace  # noqa: E402

PASSPHRASE = os.environ["SILLON_BENCH_PASSPHRASE"]
vault = os.environ["SILLON_BENCH_VAULT"]
WORDS = ["martin", "bernard", "dubois", "thomas", "robert", "richard", "petit", "durand",
         "leroy", "moreau", "simon", "laurent", "lefebvre", "michel", "garcia", "david"]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    proc, app, window = open_vault(vault, PASSPHRASE, timeout=60)
    search = find(window, "text", "Search people", timeout=120)
    for word in WORDS:
        search.grabFocus()
        search.text = ""
        time.sleep(0.3)
        # Each key held 80 ms as a hand does (its release comes after the
        # frame it started), one key every 370 ms: one search per key, as
        # when the search waited 150 ms after the last key, the pace
        # measured before.
        type_at_pace(word[:5], 0.37)
    # Then open people and come back, as a mediator's day goes: the first
    # person found for each of eight names (Enter), their page, Escape.
    for word in WORDS[:8]:
        search = find(window, "text", "Search people", timeout=30)
        search.grabFocus()
        search.text = word
        time.sleep(0.5)
        press("Return")
        find(window, "push button", "Go back", timeout=30)
        time.sleep(0.5)
        press("Escape")
    find(window, "text", "Search people", timeout=30)
    time.sleep(1)
    print(f"rss_kib\t{rss_kib(proc.pid)}", flush=True)
    press("<Control>q")
    proc.wait(timeout=30)


try:
    main()
except Exception:
    import traceback
    traceback.print_exc(file=sys.stdout)  # dogtail takes over stderr
    sys.exit(1)
