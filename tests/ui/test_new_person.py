"""The new-person form: a duplicate is caught before it is added, with the
choice to open the person already recorded (a second record is only ever
added on purpose), and invalid input says what a valid value looks like."""

import os

from sillonui import (appears, check, check_quits, create_vault_through_ui, eventually, find,
                      labels_containing, press, run, screenshot, start_app, unnamed_interactive, wait_for)

PASSPHRASE = "a low wall of dry stones"
vault = os.path.join(os.environ["SILLON_TEST_WORKDIR"], "new-person.sillon")


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

    find(window, "text", "Birth year").text = "1957"
    find(window, "push button", "Add Person").click()
    find(window, "push button", "New Assessment", timeout=20)
    back_to_list(window)

    # The same person again: caught before anything is added.
    fill(window, "Awa", "Diallo")
    find(window, "push button", "Add Person").click()
    warning = eventually(lambda: labels_containing(window, "Awa Diallo, born in 1957, is already recorded"),
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

    press("<Control>q")
    check_quits(proc)


run(test)
