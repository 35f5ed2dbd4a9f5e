"""Every page fits a 1366×768 laptop screen at text scale 1.5 (run with
GDK_DPI_SCALE=1.5 on a 1366×768 display): the window never grows beyond the
screen, whatever the page shows, and every control has a name. The result
page, with its long orientation labels, is the one that used to widen the
window and push Save off-screen."""

import os

from sillonui import (check, check_quits, create_vault_through_ui, find, labels_containing, press, run,
                      screenshot, start_app, unnamed_interactive, wait_for)

import gi

gi.require_version("Gdk", "3.0")
from gi.repository import Gdk  # noqa: E402

PASSPHRASE = "the long road through the fields"
vault = os.path.join(os.environ["SILLON_TEST_WORKDIR"], "fits.sillon")
SCALE = os.environ.get("GDK_DPI_SCALE", "1")


def screen_size():
    root = Gdk.get_default_root_window()
    _, _, width, height = root.get_geometry()
    return width, height


first_width = []


def check_fits(window, page):
    width, height = screen_size()
    # Let the window settle to its new size request.
    wait_for(lambda: window.size[0] > 0, what="the window's size")
    x, y = window.position
    w, h = window.size
    check(w <= width and h <= height,
          f"{page}: the window ({w}×{h}) fits the {width}×{height} screen at text scale {SCALE}")
    # No page makes the window grow: long content wraps or scrolls.
    if not first_width:
        first_width.append(w)
    check(w <= first_width[0], f"{page}: the window keeps its width ({w}, first {first_width[0]})")
    missing = unnamed_interactive(window)
    check(not missing, f"{page}: every control is named: " + ", ".join(missing))
    screenshot(f"fits-{SCALE}-{page}")


def check_inside(window, node, what):
    width, height = screen_size()
    x, y = node.position
    w, h = node.size
    check(x >= 0 and y >= 0 and x + w <= width and y + h <= height,
          f"{what} is on the screen ({x},{y} {w}×{h})")


def test():
    proc, app = start_app("--vault", vault)
    window = find(app, "frame", "Sillon", timeout=30)
    check_fits(window, "01-create")
    create_vault_through_ui(window, PASSPHRASE)
    find(window, "text", "Search people", timeout=60)
    check_fits(window, "02-people")
    # The preferences window fits too, with every control named.
    press("<Control>comma")
    prefs = wait_for(lambda: [n for n in app.children if n.name == "Preferences" and n.showing],
                     what="the preferences window")[0]
    width, height = screen_size()
    w, h = prefs.size
    check(w <= width and h <= height, f"the preferences window ({w}×{h}) fits the screen at text scale {SCALE}")
    check(not unnamed_interactive(prefs), "every control of the preferences is named")
    screenshot(f"fits-{SCALE}-02b-preferences")
    press("Escape")
    wait_for(lambda: not prefs.showing, what="the preferences to close")
    press("<Control>n")
    find(window, "text", "First name").text = "Marie-Thérèse"
    find(window, "text", "Last name").text = "de La Rochefoucauld-Montbazon"
    find(window, "text", "Birth year").text = "1941"
    check_fits(window, "03-new-person")
    find(window, "push button", "Add Person").click()
    new_assessment = find(window, "push button", "New Assessment", timeout=20)
    check_fits(window, "04-person")
    new_assessment.click()
    wait_for(lambda: labels_containing(window, "Question 1 of"), what="the first question")
    check_fits(window, "05-question")
    # Every question answered, so that every part of the result shows.
    total = int(labels_containing(window, "Question 1 of")[0].name.split()[-1])
    for i in range(total):
        wait_for(lambda: labels_containing(window, f"Question {i + 1} of"), what=f"question {i + 1}")
        press("2" if i % 3 else "3")
        press("Return")
    wait_for(lambda: [n for n in window.findChildren(lambda n: n.roleName == "chart" and n.showing,
                                                       isLambda=True)], what="the chart")
    # An urgent procedure adds the longest suggestion.
    press("<Alt>u")
    check_fits(window, "06-result")
    check_inside(window, find(window, "push button", "Save"), "the Save button")
    press("<Control>l")
    find(window, "password text", "Passphrase")
    check_fits(window, "07-unlock")

    press("<Control>q")
    wait_for(lambda: [n for n in app.children if n.name == "Quit and discard this assessment?"],
             what="the quit question")
    press("<Alt>d")
    check_quits(proc)


run(test)
