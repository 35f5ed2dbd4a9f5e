"""The new-person form: a duplicate is caught before it is added, with the
choice to open the person already recorded (a second record is only ever
added on purpose), and invalid input says what a valid value looks like.
The commune is found by its name or its postal code, chosen from the
keyboard in the completion list, and shown by name on the person's page."""

import datetime
import os

from dogtail.rawinput import typeText
from sillonui import (appears, check, check_quits, create_vault_through_ui, eventually, find, labels_containing, press,
                      run, screenshot, start_app, unnamed_interactive, wait_for)

PASSPHRASE = "a low wall of dry stones"
vault = os.path.join(os.environ["SILLON_TEST_WORKDIR"], "new-person.sillon")
# Sixty-five this year, in the 60 to 69 bracket whatever the year the test
# runs (the age is this year's less the birth year).
BORN = str(datetime.date.today().year - 65)


def fill(window, first, last, year=""):
    press("<Control>n")
    find(window, "text", "First name").text = first
    find(window, "text", "Last name").text = last
    find(window, "text", "Birth year").text = year


def people_named(window, name):
    people = find(window, "list box", "People found", showing=False)
    return [n for n in people.children if (n.name or "").startswith(name + ",")]


def back_to_list(window):
    press("Escape")
    return find(window, "text", "Search people", timeout=20)


def completion(app, label):
    """The completion list's row that starts with LABEL, once it shows."""
    return eventually(lambda: [n for n in app.findChildren(
        lambda n: n.roleName == "table cell" and (n.name or "").startswith(label) and n.showing,
        isLambda=True)], what=f"the completion {label!r}")


def choose_commune(app, window, typed, label, shown):
    """Types TYPED in the commune field, then Down and Enter on the list,
    which must offer LABEL; the field then shows SHOWN."""
    commune = find(window, "text", "Commune")
    commune.grabFocus()
    wait_for(lambda: commune.focused, what="the focus in the commune field")
    typeText(typed)
    row = completion(app, label)
    check(bool(row), f"typing {typed!r} offers {label!r}")
    screenshot(f"new-person-commune-{typed}")
    press("Down")
    press("Return")
    check(eventually(lambda: commune.text == shown, what="the commune chosen") is True,
          f"choosing it from the keyboard shows {shown!r} ({commune.text!r})")


def add_and_see_commune(window, shown, message):
    """Add the person of the form and check that their page names the
    commune SHOWN; back to the list."""
    find(window, "push button", "Add Person").click()
    find(window, "push button", "New Assessment", timeout=20)
    check(eventually(lambda: labels_containing(window, f"commune {shown}")) is not None, message)
    back_to_list(window)


def communes(app, window):
    # By name: "renn" offers Rennes; the person's page names it.
    fill(window, "Jeanne", "Moreau", "1948")
    choose_commune(app, window, "renn", "Rennes (35) · 35000", "Rennes (35)")
    add_and_see_commune(window, "Rennes (35)", "the person's page shows the commune's name, not its code")

    # By postal code: 42000 is Saint-Étienne.
    fill(window, "Louis", "Bernard", "1952")
    choose_commune(app, window, "42000", "Saint-Étienne (42)", "Saint-Étienne (42)")
    add_and_see_commune(window, "Saint-Étienne (42)", "a commune found by its postal code shows by name")

    # A text that names no commune is refused with an example; one that
    # names exactly one counts even without choosing it in the list.
    fill(window, "Nadia", "Haddad", "1970")
    commune = find(window, "text", "Commune")
    commune.text = "Qwzx"
    find(window, "push button", "Add Person").click()
    check(eventually(lambda: labels_containing(window, "for example Rennes")) is not None,
          "an unknown commune is refused with an example of a valid value")
    commune.text = "35a"
    find(window, "push button", "Add Person").click()
    check(eventually(lambda: labels_containing(window, "a French postal code has five digits")) is not None,
          "a malformed postal code says what a postal code looks like")
    check(find(window, "text", "First name").text == "Nadia", "a refused commune keeps the rest of the form")
    screenshot("new-person-commune-refused")
    commune.text = "35000"
    add_and_see_commune(window, "Rennes (35)", "a postal code of one commune, typed without choosing, is that commune")


def test():
    proc, app = start_app("--vault", vault)
    window = find(app, "frame", "Sillon", timeout=30)
    create_vault_through_ui(window, PASSPHRASE)
    find(window, "text", "Search people", timeout=60)

    # Invalid input says what a valid value looks like, and keeps the form.
    fill(window, "Awa", "Diallo", "57")
    find(window, "push button", "Add Person").click()
    check(eventually(lambda: labels_containing(window, "four digits, between 1900 and"),
                     what="the birth-year message") is not None,
          "a two-digit birth year is refused with an example of a valid one")
    check(find(window, "text", "First name").text == "Awa", "a refused form keeps what was typed")

    find(window, "text", "Birth year").text = BORN
    find(window, "push button", "Add Person").click()
    find(window, "push button", "New Assessment", timeout=20)
    back_to_list(window)

    # The same person again: caught before anything is added.
    fill(window, "Awa", "Diallo")
    find(window, "push button", "Add Person").click()
    warning = eventually(lambda: labels_containing(window, f"Awa Diallo, born in {BORN}, is already recorded"),
                         what="the duplicate warning")
    check(warning is not None, "adding a person already recorded shows who is already there")
    open_existing = find(window, "push button", "Open the Existing Person")
    check(wait_for(lambda: open_existing.focused, what="the focus on Open the Existing Person") is True,
          "the focus goes to opening the existing person")
    check(appears(window, "push button", "Add Anyway") is not None, "adding anyway is a separate, named choice")
    check(not unnamed_interactive(window), "every control of the form is named: " + ", ".join(unnamed_interactive(window)))
    screenshot("new-person-01-duplicate")
    press("Return")
    find(window, "push button", "New Assessment", timeout=20)
    search = back_to_list(window)
    search.text = "Diallo"
    wait_for(lambda: people_named(window, "Awa Diallo"), what="the search result")
    check(len(people_named(window, "Awa Diallo")) == 1, "opening the existing person adds nobody")

    # Changing the name makes the warning go; a real namesake is added on purpose.
    fill(window, "Awa", "Diallo", "1990")
    find(window, "push button", "Add Person").click()
    find(window, "push button", "Add Anyway").click()
    find(window, "push button", "New Assessment", timeout=20)
    search = back_to_list(window)
    search.text = "Diallo"
    check(eventually(lambda: len(people_named(window, "Awa Diallo")) == 2, what="two namesakes") is True,
          "Add Anyway adds the namesake")
    rows = people_named(window, "Awa Diallo")
    check(len({r.name for r in rows}) == 2, f"the two namesakes' rows tell them apart ({[r.name for r in rows]})")
    check(any("(60 to 69)" in r.name for r in rows),
          f"the age bracket is in the UI's language, not the vocabulary's French ({[r.name for r in rows]})")
    screenshot("new-person-02-namesakes")
    back_to_list(window)

    communes(app, window)

    press("<Control>q")
    check_quits(proc)


run(test)
