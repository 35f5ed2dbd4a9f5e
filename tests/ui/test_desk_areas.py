"""The desk's areas, as a mediator at an association uses them: switch
areas with Alt+1…; plan a workshop, take its attendance with the keyboard
alone (people found by part of their name, and a new person added without
leaving), refuse anonymous counts above the total, plan the next one of
the series; import a directory of places from the window and read its
report; find a place by name, by commune and by service.

Run twice by meson: at text scale 1.0 and, with GDK_DPI_SCALE=1.5, at 1.5;
every page must fit a 1366×768 screen either way."""

import datetime
import os
import time

import pyatspi
from dogtail.rawinput import typeText
from sillonui import (activate, appears, check, create_vault_through_ui, eventually, find,
                      is_showing, labels_containing, open_vault, press, run, run_cli, screenshot,
                      start_app, unnamed_interactive, wait_for)

PASSPHRASE = "the workshop on tuesday morning"
HERE = os.path.dirname(os.path.abspath(__file__))
PLACES_FILE = os.path.join(HERE, "..", "data", "lieux", "mixte.csv")
SCALE = os.environ.get("GDK_DPI_SCALE", "1")
SUFFIX = "" if SCALE == "1" else "-scale-" + SCALE.replace(".", "")
vault = os.path.join(os.environ["SILLON_TEST_WORKDIR"], "desk-vault.sillon")

keys_pressed = 0


def keys(text):
    """Type TEXT and count its keys, as a mediator would press them."""
    global keys_pressed
    typeText(text)
    keys_pressed += len(text)


def key(combo):
    global keys_pressed
    press(combo)
    keys_pressed += 1


def fits_screen(window, what):
    """The window, once the page shows, stays within a 1366×768 screen."""
    (x, y), (width, height) = window.position, window.size
    check(width <= 1366 and height <= 768,
          f"{what} fits 1366×768 at text scale {SCALE} (the window is {width}×{height})")
    missing = unnamed_interactive(window)
    check(not missing, f"{what}: every control has a name: " + ", ".join(missing))


def add_person(window, first, last):
    activate(find(window, "push button", "New Person"))
    find(window, "text", "First name").text = first
    find(window, "text", "Last name").text = last
    activate(find(window, "push button", "Add Person"))
    # The new person's page opens; Alt+1 leads back to the people.
    find(window, "label", f"{first} {last}")
    press("<Alt>1")
    find(window, "text", "Search people")


def expanded(node):
    return pyatspi.STATE_EXPANDED in node.getState().getStates()


def list_items(parent, list_name):
    lst = find(parent, None, list_name, showing=False)
    return [c.name for c in lst.children if c.roleName == "list item"]


def older_workshops():
    """A year of past workshops: the most recent first, the older on demand.
    45 weekly workshops before the test's own, written while the
    application is closed."""
    result = run_cli(vault, "vault", "shell", lines=(PASSPHRASE,), stdin="""
WITH RECURSIVE week(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM week WHERE n < 45)
INSERT INTO workshops (title, themes, date, duration_minutes, place_type)
  SELECT 'Past workshop ' || n, (SELECT themes FROM workshops LIMIT 1),
         date('now', printf('-%d days', 7 * n)), 60, 'lieu_activite' FROM week;
""")
    check(result.returncode == 0, f"45 past workshops are written (exit {result.returncode}: {result.stderr.strip()!r})")
    proc, app, window = open_vault(vault, PASSPHRASE, timeout=60)
    find(window, "text", "Search people", timeout=60)
    press("<Alt>2")
    past = wait_for(lambda: list_items(window, "Past workshops"), what="the past workshops")
    check(len(past) == 20 and past[0].startswith("Past workshop 1,") and past[-1].startswith("Past workshop 20,"),
          f"the 20 most recent past workshops are shown, most recent first: {past[0]!r} … {past[-1]!r}")
    more = find(window, "push button", "Show Older Workshops", showing=False)
    more.grabFocus()
    check(appears(window, "push button", "Show Older Workshops") is not None,
          "the button below the list scrolls into view when it takes the focus")
    check(labels_containing(window, "and 25 older workshops") != [], "the area says how many older ones there are")
    fits_screen(window, "the workshops area with older workshops")
    screenshot("desk-07-workshops-older" + SUFFIX)
    activate(more)
    past = wait_for(lambda: [n for n in [list_items(window, "Past workshops")] if len(n) > 20],
                    what="the older workshops")[0]
    check(len(past) == 45 and past[-1].startswith("Past workshop 45,"), f"all 45 are shown now: {len(past)}")
    focused = eventually(lambda: [c.name for c in find(window, None, "Past workshops", showing=False).children
                                  if c.getState().contains(pyatspi.STATE_FOCUSED)])
    check(focused is not None and focused[0].startswith("Past workshop 21,"),
          f"the focus is on the first workshop added, where the keyboard goes on: {focused}")
    check(eventually(lambda: not labels_containing(window, "older workshop")) is not None,
          "with none older left, the area no longer offers more")

    press("<Control>q")
    proc.wait(timeout=20)


def scroll_pane_of(node):
    pane = node.parent
    while pane is not None and pane.roleName != "scroll pane":
        pane = pane.parent
    return pane


def in_view(node, pane):
    (_x, y), (_w, h) = node.position, node.size
    (_px, pane_y), (_pw, pane_h) = pane.position, pane.size
    return y >= pane_y and y + h <= pane_y + pane_h


def many_participants():
    """A workshop with 28 people on its list, as a mediator reads it at a
    large text size: the participants in the page's own scrolling, not in
    a box a few rows high, and the last one brought into view when it
    takes the focus. 25 people added while the application is closed."""
    result = run_cli(vault, "vault", "shell", lines=(PASSPHRASE,), stdin="""
WITH RECURSIVE person(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM person WHERE n < 25)
INSERT INTO beneficiaries (first_name, last_name, created_unix, updated_unix)
  SELECT 'Participant', printf('Number %02d', n), 1, 1 FROM person;
INSERT INTO workshop_attendance (workshop_id, beneficiary_id)
  SELECT (SELECT workshop_id FROM workshop_attendance GROUP BY workshop_id HAVING count(*) = 3), id
  FROM beneficiaries WHERE first_name = 'Participant';
""")
    check(result.returncode == 0, f"25 more participants are written (exit {result.returncode}: {result.stderr.strip()!r})")
    proc, app, window = open_vault(vault, PASSPHRASE, timeout=60)
    find(window, "text", "Search people", timeout=60)
    press("<Alt>2")
    row = wait_for(lambda: [n for n in list_items(window, "Upcoming workshops") if "30 participants" in n],
                   what="the workshop with its 30 participants")[0]
    find(window, "list item", row).click()
    wait_for(lambda: len(list_items(window, "Participants")) == 28, what="the 28 participants")
    lst = find(window, None, "Participants", showing=False)
    rows = [c for c in lst.children if c.roleName == "list item"]
    pane = scroll_pane_of(lst)
    check(pane is not None, "the participants scroll with something")
    if pane is not None:
        row_height = max(r.size[1] for r in rows)
        pane_height = pane.size[1]
        check(pane_height >= 8 * row_height,
              f"the participants show in {pane_height} px, at least eight rows of {row_height} px")
        last = find(window, "push button", "Remove " + rows[-1].name, showing=False)
        last.grabFocus()
        check(bool(eventually(lambda: in_view(last, pane), timeout=5)),
              "the last participant, focused, is scrolled into view")
    fits_screen(window, "a workshop with 28 participants")
    screenshot("desk-08-many-participants" + SUFFIX)
    press("<Control>q")
    proc.wait(timeout=20)


def test():
    # The file chooser starts in the current folder.
    os.chdir(os.path.dirname(os.path.abspath(PLACES_FILE)))
    proc, app = start_app("--vault", vault)
    window = find(app, "frame", "Sillon", timeout=30)
    create_vault_through_ui(window, PASSPHRASE)
    find(window, "text", "Search people", timeout=60)

    # The areas are in the header bar, each with its key.
    for name in ("People", "Workshops", "Places", "Statistics"):
        check(appears(window, "radio button", name) is not None, f"the header bar offers the area “{name}”")
    fits_screen(window, "the people area")

    add_person(window, "Marie", "Curie")
    add_person(window, "Paul", "Martin")
    # Before Marie Curie by name, but never at the workshop.
    add_person(window, "Marc", "Blanc")

    # ── Workshops ──
    press("<Alt>2")
    plan = find(window, "push button", "Plan a Workshop")
    check(find(window, "radio button", "Workshops").checked, "Alt+2 shows the workshops, and the header bar says so")
    fits_screen(window, "the workshops area")
    screenshot("desk-01-workshops-empty" + SUFFIX)

    activate(plan)
    title = find(window, "text", "Workshop title")
    title.text = "Sending e-mails"
    date = datetime.date.today() + datetime.timedelta(days=3)
    date_entry = find(window, "text", "Workshop date")
    # The form shows dates as the other pages do, in English with C date
    # settings month first (12/07/2026), never as the store keeps them.
    today_shown = datetime.date.today().strftime("%m/%d/%Y")
    check(date_entry.text == today_shown,
          f"a new workshop shows today in the interface's form ({date_entry.text!r}, not {today_shown!r})")
    date_entry.text = "02/31/2026"
    activate(find(window, "push button", "Save Workshop"))
    check(eventually(lambda: labels_containing(window, "the calendar has no such day")) != [],
          "a day the calendar lacks is refused")
    date_entry.text = "not a date"
    activate(find(window, "push button", "Save Workshop"))
    check(eventually(lambda: labels_containing(window, "is not a date. Type the day, month and year")) != [],
          "a date that is not one is refused with an example")
    date_entry.text = date.isoformat()
    activate(find(window, "push button", "Save Workshop"))
    check(eventually(lambda: labels_containing(window, "at least one theme")) != [],
          "a workshop without a theme is refused")
    activate(find(window, "check box", "E-mail", showing=False))
    activate(find(window, "push button", "Save Workshop"))
    check(eventually(lambda: labels_containing(window, "Saved: the workshop")) != [], "the workshop is saved")

    # Attendance, keyboard only: part of a name and Enter adds the person found.
    global keys_pressed
    keys_pressed = 0
    # Below the plan: the form scrolls to it with the focus.
    find(window, "text", "Add a participant", showing=False).grabFocus()
    keys("cur")
    key("Return")
    wait_for(lambda: "Marie Curie" in list_items(window, "Participants"), what="Marie Curie on the list")
    keys("paul")
    key("Return")
    wait_for(lambda: "Paul Martin" in list_items(window, "Participants"), what="Paul Martin on the list")
    # Someone new: Down reaches “Add … as a new person”, Enter adds them.
    keys("Nadia Benali")
    key("Down")
    suggestion = find(window, "list item", "Add “Nadia Benali” as a new person")
    check(suggestion.focused, "Down moves from the typed name to what was found")
    key("Return")
    wait_for(lambda: "Nadia Benali" in list_items(window, "Participants"), what="Nadia Benali on the list")
    check(list_items(window, "Participants") == ["Marie Curie", "Paul Martin", "Nadia Benali"],
          "three participants, in the order they came, the new person included")
    check(bool(labels_containing(window, "3 people on the attendance list")), "the attendance is counted")
    print(f"keys to take the attendance of 3 people (two found, one new): {keys_pressed}", flush=True)
    screenshot("desk-02-attendance" + SUFFIX)

    # The attendance of a saved workshop is written as it is taken: back
    # in the list without pressing Save, it counts the three of them.
    activate(find(window, "push button", "Go back"))
    row = wait_for(lambda: [n for n in list_items(window, "Upcoming workshops") if "3 participants" in n],
                   what="the workshop with its 3 participants")[0]
    find(window, "list item", row).click()
    wait_for(lambda: len(list_items(window, "Participants")) == 3, what="the attendance list to come back")

    # Anonymous counts: folded when the workshop opens, the section's title
    # says how many; more women than the total is refused, in the window.
    anonymous = find(window, "toggle button", "Anonymous Participants: none", showing=False)
    check(not expanded(anonymous), "the anonymous counts are folded when the workshop opens")
    activate(anonymous, "activate")
    wait_for(lambda: expanded(anonymous), what="the anonymous counts unfolded")
    find(window, "spin button", "Total", showing=False).text = "2"
    find(window, "spin button", "Women", showing=False).text = "3"
    find(window, "spin button", "Total", showing=False).grabFocus()
    activate(find(window, "push button", "Save Workshop"))
    refused = eventually(lambda: labels_containing(window, "more than the 2 anonymous participants"))
    check(bool(refused), "anonymous counts above the total are refused with a message")
    fits_screen(window, "the workshop page")
    screenshot("desk-03-anonymous-refused" + SUFFIX)
    find(window, "spin button", "Women", showing=False).text = "1"
    find(window, "spin button", "Total", showing=False).grabFocus()
    activate(find(window, "push button", "Save Workshop"))
    check(eventually(lambda: labels_containing(window, "Saved: the workshop")) != [],
          "the corrected counts are saved")

    # The next of the series: a week later, nobody on it yet.
    activate(find(window, "push button", "Plan the Next One"))
    check(eventually(lambda: labels_containing(window, "is not saved yet")) != [], "the copy says it is not saved yet")
    check(list_items(window, "Participants") == [], "the copy has nobody on its attendance list")
    activate(find(window, "push button", "Save Workshop"))
    check(eventually(lambda: labels_containing(window, "Saved: the workshop")) != [], "the next workshop is saved")

    # Who came to this one is expected at the next, by last name: a roll
    # call where Space marks a person present and Down goes to the next.
    def expected():
        box = find(window, None, "Expected participants", showing=False)
        return [c for c in box.children if c.roleName == "check box"]
    names = [c.name for c in wait_for(expected, what="the people expected")]
    check(names == ["Nadia Benali", "Marie Curie", "Paul Martin"], f"the series' participants are expected: {names}")
    check(not any(c.checked for c in expected()), "nobody is marked present before the roll call")
    keys_pressed = 0
    expected()[0].grabFocus()
    key("space")
    key("Down")
    key("Down")
    key("space")
    wait_for(lambda: list_items(window, "Participants") == ["Nadia Benali", "Paul Martin"],
             what="Nadia Benali and Paul Martin on the list")
    check([c.name for c in expected() if c.checked] == ["Nadia Benali", "Paul Martin"],
          "Space ticked the two people present, Down skipped the one absent")
    print(f"keys to mark 2 of 3 people expected present: {keys_pressed}", flush=True)
    # Typed, a name finds the people expected first: Marie Curie before
    # Marc Blanc, whom the vault lists first.
    entry = find(window, "text", "Add a participant", showing=False)
    entry.grabFocus()
    typeText("mar")
    found = wait_for(lambda: [c.name for c in find(window, None, "People found", showing=False).children
                              if c.roleName == "list item"], what="the people found for “mar”")
    check(found[:2] == ["Marie Curie", "Marc Blanc"], f"the person expected comes first: {found}")
    entry.text = ""
    fits_screen(window, "the workshop page with the people expected")
    screenshot("desk-03b-expected" + SUFFIX)
    # Taken off the list, a person is unticked; Space again puts them back.
    activate(find(window, "push button", "Remove Paul Martin", showing=False))
    check(eventually(lambda: [c.name for c in expected() if c.checked] == ["Nadia Benali"]),
          "removed from the list, Paul Martin is no longer ticked")
    paul = [c for c in expected() if c.name == "Paul Martin"][0]
    paul.grabFocus()
    key("space")
    wait_for(lambda: list_items(window, "Participants") == ["Nadia Benali", "Paul Martin"], what="Paul Martin back")
    # Opened again, the roll call goes on where it stopped: at Marie Curie.
    activate(find(window, "push button", "Go back"))
    row = wait_for(lambda: [n for n in list_items(window, "Upcoming workshops") if "2 participants" in n],
                   what="the next workshop with its 2 participants")[0]
    find(window, "list item", row).click()
    check(eventually(lambda: find(window, "check box", "Marie Curie", showing=False).focused),
          "the focus is on the first person expected who is not marked present")

    activate(find(window, "push button", "Go back"))
    upcoming = wait_for(lambda: list_items(window, "Upcoming workshops"), what="the upcoming workshops")
    check(len(upcoming) == 2 and all(n.startswith("Sending e-mails") for n in upcoming),
          f"both workshops of the series are upcoming: {upcoming}")
    check("5 participants" in upcoming[0], f"the first shows 3 named and 2 anonymous participants: {upcoming[0]}")
    screenshot("desk-04-workshops" + SUFFIX)

    # ── Places ──
    press("<Alt>3")
    search = find(window, "text", "Search places")
    check(find(window, "radio button", "Places").checked, "Alt+3 shows the places")
    fits_screen(window, "the places area")
    if SCALE != "1":
        # GTK's own file chooser (used without a desktop portal) is larger
        # than the test screen at this text scale: the import and its report
        # are checked at text scale 1.
        press("<Control>l")
        find(window, "label", "The Vault Is Locked")
        press("<Control>q")
        proc.wait(timeout=20)
        older_workshops()
        many_participants()
        return
    activate(find(window, "push button", "Import a Directory…"))
    # Without a portal, the file chooser is GTK's own dialog. Its sidebar
    # offers the folder Sillon was started from, which holds the file. GTK's
    # sidebar rows have no accessible action: the mouse opens the folder and
    # picks the file.
    chooser = find(app, "file chooser", None, timeout=20)
    wait_for(lambda: is_showing(chooser), what="the file chooser to show")
    time.sleep(1)
    find(chooser, "label", "lieux", timeout=20).click()
    find(chooser, "table cell", os.path.basename(PLACES_FILE), timeout=20).click()
    screenshot("desk-05a-file-chooser" + SUFFIX)
    activate(find(app, "push button", "Import"))
    summary = eventually(lambda: labels_containing(window, "records read"), timeout=30)
    check(bool(summary), "the import report shows in the window")
    if summary:
        text = summary[0].name
        check("is imported" in text and "skipped" in text, f"the report counts kept and skipped rows: {text!r}")
    problems = list_items(window, "Problems found in the file")
    check(any(p.startswith("Line ") and "skipped" in p for p in problems),
          "skipped rows are listed with their line numbers")
    check(any("kept, flagged" in p for p in problems), "flagged fields are listed")
    fits_screen(window, "the places area with its report")
    screenshot("desk-05-places-report" + SUFFIX)

    search.text = "Reims"
    found = wait_for(lambda: list_items(window, "Places found"), what="places of Reims")
    check(all("Reims" in n for n in found), "places are found by commune name")

    # A file that is not a directory of places: a message in the window,
    # and the directory as it was.
    activate(find(window, "push button", "Import a Directory…"))
    chooser = find(app, "file chooser", None, timeout=20)
    wait_for(lambda: is_showing(chooser), what="the file chooser to show")
    time.sleep(1)
    find(chooser, "label", "lieux", timeout=20).click()
    find(chooser, "table cell", "binaire.csv", timeout=20).click()
    activate(find(app, "push button", "Import"))
    refused = eventually(lambda: labels_containing(window, "“binaire.csv” cannot be imported"), timeout=30)
    check(bool(refused) and "Nothing was imported" in refused[0].name,
          "a binary file is refused with a message saying nothing was imported")
    check(eventually(lambda: not labels_containing(window, "records read")),
          "no report is left from the earlier import")
    screenshot("desk-05b-import-refused" + SUFFIX)
    search.text = "Reims Médiathèque"
    search.text = "Reims"
    check(eventually(lambda: list_items(window, "Places found") == found), "the directory is as it was")
    search.text = "Médiathèque"
    wait_for(lambda: any(n.startswith("Médiathèque") for n in list_items(window, "Places found")),
             what="places found by name")
    search.text = "démarches"
    by_service = wait_for(lambda: list_items(window, "Places found"), what="places found by service")
    check(all("démarches" in n.lower() for n in by_service), f"places are found by service: {by_service}")
    search.grabFocus()
    press("Return")
    hours = eventually(lambda: [l for l in labels_containing(window, "Monday to Friday: 9:00–12:00, 14:00–18:00")])
    check(bool(hours), "the chosen place shows its opening hours in words")
    if hours:
        check(hours[0].name.startswith(("Open", "Closed", "Opens")),
              f"and whether it is open now, first: {hours[0].name!r}")
    # The phone as it is dialled from France, not the directory's E.164.
    check(eventually(lambda: labels_containing(window, "Phone: 03 26 00 00 00")) is not None,
          "the chosen place shows its phone number grouped as it is dialled")
    check(not labels_containing(window, "+33326000000"), "and not the directory's E.164")
    fits_screen(window, "a place")
    screenshot("desk-06-place" + SUFFIX)
    activate(find(window, "push button", "Mark as Our Structure"))
    check(appears(window, "label", "Our structure") is not None, "the structure's own place is marked")
    check(appears(window, "push button", "Not Our Structure") is not None, "and the mark can be taken off")

    # Locking takes the places and workshops off the screen.
    press("<Control>l")
    find(window, "label", "The Vault Is Locked")
    check(not labels_containing(window, "records read"), "the import report is gone once locked")

    press("<Control>q")
    proc.wait(timeout=20)
    older_workshops()
    many_participants()


run(test)
