"""The people list with a few hundred people in the vault (made with
sillon-cli demo): no silent cap (a count, and "refine your search" when more
match than are shown), the unfiltered list opens on people with a name, the
people seen most recently first, an empty result is a status page with the
action to take, and a new search starts at the top of the list."""

import os
import subprocess

from sillonui import (appears, check, check_quits, eventually, find, labels_containing, open_vault, press, run, run_cli,
                      screenshot, unnamed_interactive, wait_for)

PASSPHRASE = "rows of beans along the hedge"
vault = os.path.join(os.environ["SILLON_TEST_WORKDIR"], "people.sillon")
CLI = os.environ["SILLON_CLI"]
PEOPLE = 2000


def cli(*args, lines=(PASSPHRASE,), stdin=None):
    return run_cli(vault, *args, lines=lines, stdin=stdin)


def person_rows(window):
    people = find(window, "list box", "People found", showing=False)
    return [n for n in people.children if n.roleName == "list item" and n.name]


def test():
    made = cli("vault", "create", "--name", "Camille Martin", "--kdf-ms", "100")
    check(made.returncode == 0, f"the vault is created ({made.stderr.strip()})")
    demo = subprocess.run([CLI, "demo", "--vault", vault, "--passphrase-fd", "0",
                           "--beneficiaries", str(PEOPLE), "--sessions", "6000", "--workshops", "0",
                           "--places", "5"], input=PASSPHRASE + "\n", capture_output=True, text=True)
    check(demo.returncode == 0, f"demonstration people are added ({demo.stderr.strip()})")

    # The person with a name seen last, as the vault says.
    shell = cli("vault", "shell",
                stdin="SELECT b.first_name || ' ' || b.last_name FROM sessions s"
                      " JOIN beneficiaries b ON b.id = s.beneficiary_id"
                      " WHERE b.first_name IS NOT NULL AND b.last_name IS NOT NULL"
                      " ORDER BY s.date DESC, s.id DESC LIMIT 1;\n")
    last_seen = shell.stdout.strip()
    check(bool(last_seen), f"the vault names the person seen last ({shell.stderr.strip()})")

    proc, app, window = open_vault(vault, PASSPHRASE)
    search = find(window, "text", "Search people", timeout=60)

    # Before any search: 50 people, and a count that says there are more.
    count = eventually(lambda: labels_containing(window, f"of {PEOPLE:,} people, seen most recently first"),
                       what="the count of the unfiltered list")
    check(bool(count), "the unfiltered list says how many people are shown out of how many")
    rows = wait_for(lambda: person_rows(window), what="the list's rows")
    check(len(rows) == 50, f"the unfiltered list shows 50 people ({len(rows)})")
    check(rows[0].name.startswith(last_seen + ","),
          f"the unfiltered list opens on the person seen last ({last_seen!r}, first row {rows[0].name!r})")
    check("last visit" in rows[0].name, f"a row says when the person last came ({rows[0].name!r})")
    check(not [r for r in rows if r.name.startswith("Anonymous person")],
          "the unfiltered list does not open on anonymous people")
    check(not unnamed_interactive(window), "every control of the people page is named")
    screenshot("people-01-unfiltered")

    # A new search starts at the top of the list, wherever it was scrolled.
    people = find(window, "list box", "People found", showing=False)
    bars = [n for n in people.parent.parent.children if n.roleName == "scroll bar"]
    vbar = max(bars, key=lambda n: n.size[1]) if bars else None
    if vbar is not None:
        vbar.value = vbar.maxValue
        wait_for(lambda: vbar.value > 0, what="the list to scroll down")
        search.grabFocus()
        search.text = "b"
        check(eventually(lambda: vbar.value == 0, what="the list back at the top") is True,
              "a new search scrolls the list back to the top")
        search.text = ""
    else:
        check(False, "the list has a vertical scroll bar")

    # A screen reader reads the rows while the mediator types: every
    # change of the search replaces the list under it. (A critical warning
    # stops the application under the tests' G_DEBUG=fatal-criticals.)
    search.grabFocus()
    first_row = rows[0]
    read = 0
    for text in ("a", "al", "ala", "", "b", "be", "ber", "bert", "", "m", "ma", "mar", "z", ""):
        search.text = text
        for _ in range(2):
            try:
                for row in person_rows(window):
                    read += len(row.name or "") + len(row.children)
            except Exception:  # a row that went away between two questions
                pass
    check(proc.poll() is None, f"the application survives a screen reader reading the list as it changes ({read})")
    # The row a screen reader was on is still there, with what it now
    # shows: rows are updated in place, not destroyed under the reader.
    try:
        still = first_row.name
    except Exception as exc:
        still = f"gone: {exc}"
    check(still.startswith(last_seen + ","), f"the row a screen reader held survives the searches ({still!r})")
    check(eventually(lambda: labels_containing(window, f"of {PEOPLE:,} people, seen most recently first"),
                     what="the list after the search is cleared") is not None,
          "the list is whole again once the search is cleared")

    # A broad search: a count and a request to refine it.
    search.grabFocus()
    search.text = "a"
    refine = eventually(lambda: labels_containing(window, "Refine your search"), what="the refine message")
    check(bool(refine), "a search with more than 50 matches asks to refine it")
    screenshot("people-02-refine")

    # A narrower one: the number found.
    first = rows[0].name.split(",")[0]
    search.text = first
    found = eventually(lambda: [n for n in labels_containing(window, " found") if n.name[0].isdigit()],
                       what="the number found")
    check(bool(found), f"a search says how many people it found ({first!r})")

    # Nothing found: a status page with its action.
    search.text = "zzqxw"
    title = appears(window, "label", "Nobody Found")
    check(title is not None, "an empty result shows a status page")
    button = appears(window, "push button", "New Person")
    check(button is not None, "the status page offers to add the person")
    screenshot("people-03-nobody-found")

    press("<Control>q")
    check_quits(proc)


run(test)
