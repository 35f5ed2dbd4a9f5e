"""Drives the real application for tests/bench/workshops-bench.sh: the
workshops area, a workshop with 30 attendees, the places area's search and
a workshop's place chooser, keystroke by keystroke. The timings come from
the application (SILLON_PROFILE) on its standard error. Not a test: it
checks nothing but that it got through."""

import os
import sys
import time
import unicodedata

sys.path.insert(0, os.environ["SILLON_UI_HELPERS"])
from sillonui import KEY_HOLD, activate, find, open_vault, press, type_at_pace, type_key, wait_for  # noqa: E402

PASSPHRASE = os.environ["SILLON_BENCH_PASSPHRASE"]
vault = os.environ["SILLON_BENCH_VAULT"]
# What a mediator types for a place (tests/bench/bench-places.c types the same).
TYPED = ["Médiathèque Reims", "France services Troyes", "Espace numérique Sedan", "Centre social Épernay",
         "Tiers-lieu Charleville", "Mairie Châlons", "Reims", "Epernay", "aide aux démarches", "impression",
         "Sedan 4217", "Troyes 998", "numérique", "charleville mezieres", "Mediatheque", "France"]


# Openings of the workshop with 30 attendees per run.
OPENINGS = 10


def type_slowly(entry, text):
    entry.grabFocus()
    entry.text = ""
    time.sleep(0.4)
    # Each key held 80 ms as a hand does, one key every 370 ms: one search
    # per key, as when the search waited 150 ms after the last key, the
    # pace measured before.
    type_at_pace(text, 0.37)


def suggestions(window):
    found = find(window, None, "People found", showing=False)
    return [c.name or "" for c in found.children if c.roleName == "list item"]


# The rows of people found a mediator reads before typing more: a person
# in the first three is reached with Down (SILLON_BENCH_MODEL=last-first).
MAX_DOWN = 2


def take_attendance(window, names, start=0, last_first=False):
    """Adds each person of NAMES as a mediator would: the letters of the
    name until the person is the first one found, then Enter (Down first
    when the whole name leaves a namesake above them). LAST_FIRST: the
    name typed as French forms write it, "NOM Prénom", and a person shown
    in the first rows taken with Down rather than more letters. Returns
    the keys pressed."""
    keys = 0
    entry = find(window, "text", "Add a participant", showing=False)
    participants = find(window, None, "Participants", showing=False)
    for number, name in enumerate(names, start=1):
        entry.grabFocus()
        downs = 0
        # Sillon's search ignores accents: a mediator types plain letters.
        said = name
        if last_first:
            first, last = name.split("|")
            name = f"{first} {last}"
            said = f"{last} {first}"
        typed = "".join(c for c in unicodedata.normalize("NFD", said) if not unicodedata.combining(c))
        for ch in typed:
            type_key(ch)
            keys += 1
            time.sleep(0.42 - KEY_HOLD)
            if ch == " ":
                continue
            rows = suggestions(window)
            if rows and (rows[0] == name or rows[0].startswith(name + ",")):
                break
            at = [i for i, r in enumerate(rows[:MAX_DOWN + 1]) if r == name or r.startswith(name + ",")]
            if last_first and at:
                for _ in range(at[0]):
                    press("Down")
                    keys += 1
                    time.sleep(0.1)
                break
        else:
            rows = suggestions(window)
            downs = next((i for i, r in enumerate(rows) if r == name or r.startswith(name + ",")), 0)
            for _ in range(downs):
                press("Down")
                keys += 1
        press("Return")
        keys += 1
        wait_for(lambda: len([c for c in participants.children if c.roleName == "list item"]) == start + number,
                 what=f"{name} on the attendance list")
    return keys


def roll_call(window, names):
    """Takes the attendance of NAMES in the next workshop of a series, as
    a mediator would: down the people expected, Space for each one
    present, Down to the next; then Down to "Add a participant" and the
    others by name. Returns the keys pressed and how many were expected."""
    keys = 0
    box = find(window, None, "Expected participants", showing=False, timeout=30)
    checks = wait_for(lambda: [c for c in box.children if c.roleName == "check box"], what="the people expected")
    participants = find(window, None, "Participants", showing=False)
    wait_for(lambda: checks[0].focused, what="the focus on the first person expected")
    present = set(names)
    last = max((i for i, c in enumerate(checks) if c.name in present), default=-1)
    marked = 0
    for i, check in enumerate(checks[:last + 1]):
        if check.name in present:
            press("space")
            keys += 1
            marked += 1
            wait_for(lambda: len([c for c in participants.children if c.roleName == "list item"]) == marked,
                     what=f"{check.name} on the attendance list")
        if i < last:
            press("Down")
            keys += 1
            time.sleep(0.1)
    others = [n for n in names if n not in {c.name for c in checks}]
    if others:
        # Down past the people expected reaches the name entry.
        entry = find(window, "text", "Add a participant", showing=False)
        for _ in range(len(checks) - last):
            press("Down")
            keys += 1
            time.sleep(0.1)
        wait_for(lambda: entry.focused, what="the focus in “Add a participant”")
        keys += take_attendance(window, others, start=marked)
    return keys, len(checks)


def main():
    proc, app, window = open_vault(vault, PASSPHRASE, timeout=60)
    find(window, "text", "Search people", timeout=120)

    for _ in range(5):
        press("<Alt>2")
        upcoming = find(window, None, "Upcoming workshops", showing=False, timeout=30)
        time.sleep(0.5)
        press("<Alt>1")
        time.sleep(0.5)
    press("<Alt>2")
    for _ in range(OPENINGS):
        upcoming = find(window, None, "Upcoming workshops", showing=False, timeout=30)
        row = wait_for(lambda: [c for c in upcoming.children if (c.name or "").startswith("Thirty attendees")],
                       what="the workshop with 30 attendees")[0]
        activate(row, "activate") if "activate" in row.actions else row.click()
        find(window, "text", "Add a participant", showing=False, timeout=30)
        time.sleep(0.5)
        press("<Alt>Left")
        time.sleep(0.5)

    names = [n for n in os.environ.get("SILLON_BENCH_NAMES", "").split("\n") if n]
    if names:
        upcoming = find(window, None, "Upcoming workshops", showing=False, timeout=30)
        row = wait_for(lambda: [c for c in upcoming.children if (c.name or "").startswith("Smartphone, weekly")],
                       what="the next workshop of the series")[0]
        activate(row, "activate") if "activate" in row.actions else row.click()
        keys, expected = roll_call(window, names)
        print(f"attendance_keys_series\t{len(names)}\t{expected}\t{keys}", flush=True)
        time.sleep(0.5)
        press("<Alt>Left")
        time.sleep(0.5)

    places = os.environ.get("SILLON_BENCH_PLACES", "1") != "0"
    if places:
        press("<Alt>3")
        search = find(window, "text", "Search places", timeout=30)
        for text in TYPED:
            type_slowly(search, text)

    press("<Alt>2")
    activate(find(window, "push button", "Plan a Workshop"))
    chooser = find(window, "text", "Search a place in the directory", showing=False, timeout=30)
    for text in TYPED[:8] if places else []:
        type_slowly(chooser, text)
    if names and os.environ.get("SILLON_BENCH_MODEL") == "last-first":
        people = [n for n in os.environ.get("SILLON_BENCH_PEOPLE", "").split("\n") if n]
        keys = take_attendance(window, people, last_first=True)
        print(f"attendance_keys_last_first\t{len(people)}\t{keys}", flush=True)
    elif names:
        keys = take_attendance(window, names)
        print(f"attendance_keys\t{len(names)}\t{keys}", flush=True)
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
