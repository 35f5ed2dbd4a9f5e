"""Every page fits a 1366×768 laptop screen at text scale 1.5 (run with
GDK_DPI_SCALE=1.5 on a 1366×768 display): the window never grows beyond the
screen, whatever the page shows, and every control has a name. The result
page, with its long orientation labels, is the one that used to widen the
window and push Save off-screen; the wizard, in French (SILLON_TEST_LANGUAGE=fr),
is the one that grew to about 1580 px. The same script runs in English and
in French, at text scale 1.0 and 1.5."""

import os

from sillonui import (activate, check, check_quits, find, labels_containing, press, run,
                      screenshot, start_app, unnamed_interactive, wait_for)

import gi

gi.require_version("Gdk", "3.0")
from gi.repository import Gdk  # noqa: E402

PASSPHRASE = "the long road through the fields"
vault = os.path.join(os.environ["SILLON_TEST_WORKDIR"], "fits.sillon")
SCALE = os.environ.get("GDK_DPI_SCALE", "1")
LANGUAGE = os.environ.get("SILLON_TEST_LANGUAGE", "en")
TAG = f"{LANGUAGE}-{SCALE}"

N = {
    "en": {
        "search": "Search people", "preferences": "Preferences", "first": "First name", "last": "Last name",
        "year": "Birth year", "commune": "Commune", "add": "Add Person", "new assessment": "New Assessment",
        "full": "Full Assessment", "quick": "Quick Assessment", "q1": "Question 1 of", "save": "Save",
        "passphrase": "Passphrase", "quit": "Quit and discard this assessment?", "discard and quit": "<Alt>d",
        "your name": "Your name", "confirm": "Confirm passphrase", "create": "Create Vault",
        "written": "I have written down the recovery key", "continue": "Continue", "help": "<Alt>h",
    },
    "fr": {
        "search": "Rechercher des personnes", "preferences": "Préférences", "first": "Prénom", "last": "Nom",
        "year": "Année de naissance", "commune": "Commune", "add": "Ajouter la personne",
        "new assessment": "Nouveau diagnostic", "full": "Diagnostic complet", "quick": "Diagnostic rapide",
        "q1": "Question 1 sur", "save": "Enregistrer", "passphrase": "Phrase de passe",
        "quit": "Quitter et abandonner ce diagnostic ?", "discard and quit": "<Alt>a",
        "your name": "Votre nom", "confirm": "Confirmer la phrase de passe", "create": "Créer le coffre-fort",
        "written": "J’ai noté la clé de secours", "continue": "Continuer", "help": "<Alt>m",
    },
}[LANGUAGE]


def screen_size():
    root = Gdk.get_default_root_window()
    _, _, width, height = root.get_geometry()
    return width, height


first_width = []
wizard_height = []


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
    # Nor does the assessment make it taller: its question and answers, and
    # its result, scroll.
    if page.startswith("05") or page.startswith("06"):
        if not wizard_height:
            wizard_height.append(h)
        check(h <= wizard_height[0], f"{page}: the window keeps its height ({h}, first {wizard_height[0]})")
    missing = unnamed_interactive(window)
    check(not missing, f"{page}: every control is named: " + ", ".join(missing))
    screenshot(f"fits-{TAG}-{page}")


def check_inside(window, node, what):
    width, height = screen_size()
    x, y = node.position
    w, h = node.size
    check(x >= 0 and y >= 0 and x + w <= width and y + h <= height,
          f"{what} is on the screen ({x},{y} {w}×{h})")


def create_vault(window):
    find(window, "text", N["your name"]).text = "Camille Martin"
    find(window, "password text", N["passphrase"]).text = PASSPHRASE
    find(window, "password text", N["confirm"]).text = PASSPHRASE
    activate(find(window, "push button", N["create"]))
    activate(find(window, "check box", N["written"], timeout=60))
    proceed = find(window, "push button", N["continue"])
    wait_for(lambda: proceed.sensitive, what="Continue to become sensitive")
    activate(proceed)


def test():
    proc, app = start_app("--vault", vault)
    window = find(app, "frame", "Sillon", timeout=30)
    check_fits(window, "01-create")
    create_vault(window)
    find(window, "text", N["search"], timeout=60)
    check_fits(window, "02-people")
    # The preferences window fits too, with every control named.
    press("<Control>comma")
    prefs = wait_for(lambda: [n for n in app.children if n.name == N["preferences"] and n.showing],
                     what="the preferences window")[0]
    width, height = screen_size()
    w, h = prefs.size
    check(w <= width and h <= height, f"the preferences window ({w}×{h}) fits the screen at text scale {SCALE}")
    check(not unnamed_interactive(prefs), "every control of the preferences is named")
    screenshot(f"fits-{TAG}-02b-preferences")
    press("Escape")
    wait_for(lambda: not prefs.showing, what="the preferences to close")
    press("<Control>n")
    find(window, "text", N["first"]).text = "Marie-Thérèse"
    find(window, "text", N["last"]).text = "de La Rochefoucauld-Montbazon"
    find(window, "text", N["year"]).text = "1941"
    find(window, "text", N["commune"]).text = "Saint-Rémy-de-Provence"
    check_fits(window, "03-new-person")
    activate(find(window, "push button", N["add"]))
    new_assessment = find(window, "push button", N["new assessment"], timeout=20)
    check_fits(window, "04-person")
    activate(new_assessment)
    find(window, "push button", N["quick"], timeout=20)
    check_fits(window, "05a-choice")
    activate(find(window, "push button", N["full"]))
    wait_for(lambda: labels_containing(window, N["q1"]), what="the first question")
    check_fits(window, "05-question")
    # The longest texts of a question: the mediator's help, open, and the
    # message of a skipped question, seen again.
    press(N["help"])
    check_fits(window, "05b-question-help")
    press("s")
    wait_for(lambda: not labels_containing(window, N["q1"] + " "), what="the second question")
    press("Page_Up")
    wait_for(lambda: labels_containing(window, N["q1"] + " "), what="the first question again")
    check_fits(window, "05c-question-skipped")
    # Every question answered, so that every part of the result shows.
    total = int(labels_containing(window, N["q1"])[0].name.split()[-1])
    for i in range(total):
        wait_for(lambda: labels_containing(window, N["q1"].replace("1", str(i + 1), 1)), what=f"question {i + 1}")
        press("2" if i % 3 else "3")
        press("Return")
    wait_for(lambda: [n for n in window.findChildren(lambda n: n.roleName == "chart" and n.showing,
                                                       isLambda=True)], what="the chart")
    # An urgent procedure adds the longest suggestion.
    press("<Alt>u")
    check_fits(window, "06-result")
    check_inside(window, find(window, "push button", N["save"]), "the Save button")
    press("<Control>l")
    find(window, "password text", N["passphrase"])
    check_fits(window, "07-unlock")

    press("<Control>q")
    wait_for(lambda: [n for n in app.children if n.name == N["quit"]],
             what="the quit question")
    press(N["discard and quit"])
    check_quits(proc)


run(test)
