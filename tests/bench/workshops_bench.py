"""Drives the real application for tests/bench/workshops-bench.sh: the
workshops area, a workshop with 30 attendees, the places area's search and
a workshop's place chooser, keystroke by keystroke. The timings come from
the application (SILLON_PROFILE) on its standard error. Not a test: it
checks nothing but that it got through."""

import os
import sys
import time

sys.path.insert(0, os.environ["SILLON_UI_HELPERS"])
from sillonui import activate, find, press, start_app, wait_for  # noqa: E402
from dogtail.rawinput import typeText  # noqa: E402

PASSPHRASE = os.environ["SILLON_BENCH_PASSPHRASE"]
vault = os.environ["SILLON_BENCH_VAULT"]
# What a mediator types for a place (tests/bench/bench-places.c types the same).
TYPED = ["Médiathèque Reims", "France services Troyes", "Espace numérique Sedan", "Centre social Épernay",
         "Tiers-lieu Charleville", "Mairie Châlons", "Reims", "Epernay", "aide aux démarches", "impression",
         "Sedan 4217", "Troyes 998", "numérique", "charleville mezieres", "Mediatheque", "France"]


def type_slowly(entry, text):
    entry.grabFocus()
    entry.text = ""
    time.sleep(0.4)
    for ch in text:
        typeText(ch)
        # Longer than the search entry's 150 ms pause: one search per key.
        time.sleep(0.35)


def main():
    proc, app = start_app("--vault", vault)
    window = find(app, "frame", "Sillon", timeout=60)
    entry = find(window, "password text", "Passphrase", timeout=60)
    entry.text = PASSPHRASE
    entry.grabFocus()
    press("Return")
    find(window, "text", "Search people", timeout=120)

    for _ in range(5):
        press("<Alt>2")
        upcoming = find(window, None, "Upcoming workshops", showing=False, timeout=30)
        time.sleep(0.5)
        press("<Alt>1")
        time.sleep(0.5)
    press("<Alt>2")
    for _ in range(5):
        upcoming = find(window, None, "Upcoming workshops", showing=False, timeout=30)
        row = wait_for(lambda: [c for c in upcoming.children if (c.name or "").startswith("Thirty attendees")],
                       what="the workshop with 30 attendees")[0]
        activate(row, "activate") if "activate" in row.actions else row.click()
        find(window, "text", "Add a participant", showing=False, timeout=30)
        time.sleep(0.5)
        press("<Alt>Left")
        time.sleep(0.5)

    press("<Alt>3")
    search = find(window, "text", "Search places", timeout=30)
    for text in TYPED:
        type_slowly(search, text)

    press("<Alt>2")
    activate(find(window, "push button", "Plan a Workshop"))
    chooser = find(window, "text", "Search a place in the directory", showing=False, timeout=30)
    for text in TYPED[:8]:
        type_slowly(chooser, text)
    time.sleep(1)
    press("<Control>q")
    # Leaving a workshop typed in asks first; nothing to keep here.
    try:
        proc.wait(timeout=10)
    except Exception:
        proc.kill()


try:
    main()
except Exception:
    import traceback
    traceback.print_exc(file=sys.stdout)  # dogtail takes over stderr
    sys.exit(1)
