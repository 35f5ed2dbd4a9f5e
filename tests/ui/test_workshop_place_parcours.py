"""A workshop held at a place of the imported directory, a new workshop
that is not lost when the mediator leaves it, and a trainee's parcours on
their page.

- the workshop's place is chosen from the directory (imported here with
  sillon-cli) by commune or name, with the keyboard, kept when saved and
  shown again when the workshop opens;
- leaving a new workshop that was typed in asks whether to save it:
  Cancel stays, Save keeps it, Discard drops it; a workshop left untouched
  is left without a question; the back button is in the header bar;
- a parcours: steps planned (an individual session, the workshop), ticked
  when done, what is next said in one line, kept across a lock.

Run at text scale 1.0 and 1.5 on a 1366×768 screen, in English and French:
every page fits and every control has a name."""

import datetime
import os
import subprocess

from sillonui import (activate, appears, check, eventually, find, labels_containing, press, run,
                      screenshot, start_app, unnamed_interactive, wait_for)

PASSPHRASE = "a basket of leeks at the market"
HERE = os.path.dirname(os.path.abspath(__file__))
PLACES_FILE = os.path.join(HERE, "..", "data", "lieux", "exemple-valide.csv")
CLI = os.environ["SILLON_CLI"]
SCALE = os.environ.get("GDK_DPI_SCALE", "1")
FRENCH = os.environ.get("SILLON_TEST_LANGUAGE") == "fr"
SUFFIX = ("-fr" if FRENCH else "") + ("" if SCALE == "1" else "-scale-" + SCALE.replace(".", ""))
vault = os.path.join(os.environ["SILLON_TEST_WORKDIR"], "parcours.sillon")

# The few strings the test looks for, in the language it runs in.
T = {
    "Search people": "Rechercher des personnes",
    "New Person": "Nouvelle personne",
    "First name": "Prénom",
    "Last name": "Nom",
    "Add Person": "Ajouter la personne",
    "Plan a Workshop": "Planifier un atelier",
    "Workshop title": "Titre de l’atelier",
    "Workshop date": "Date de l’atelier",
    "Search a place in the directory": "Chercher un lieu dans l’annuaire",
    "Places found": "Lieux trouvés",
    "Remove the place": "Retirer le lieu",
    "Place chosen: ": "Lieu choisi : ",
    "Save Workshop": "Enregistrer l’atelier",
    "Saved: the workshop": "Enregistré : l’atelier",
    "Go back": "Revenir en arrière",
    "Upcoming workshops": "Ateliers à venir",
    "Save the new workshop?": "Enregistrer le nouvel atelier ?",
    "Cancel": "Annuler",
    "Discard": "Abandonner",
    "Save": "Enregistrer",
    "E-mail": "E-mail",
    "Parcours: no step planned yet": "Parcours : aucune étape prévue",
    "Parcours:": "Parcours :",
    "New step": "Nouvelle étape",
    "Step date": "Date de l’étape",
    "Kind of step": "Type d’étape",
    "Add Step": "Ajouter l’étape",
    "Steps of the parcours": "Étapes du parcours",
    "next:": "prochaine :",
    "1 of 2 steps done": "1 sur 2 étapes faites",
    "The Vault Is Locked": "Le coffre-fort est verrouillé",
    "Passphrase": "Phrase de passe",
    "People found": "Personnes trouvées",
    "Start a New Parcours": "Commencer un nouveau parcours",
    "started on": "commencé le",
    "0 of 1 step done": "0 sur 1 étape faite",
    "1 earlier parcours": "1 parcours précédent",
}


def _(text):
    return T[text] if FRENCH else text


def cli(*args, lines=(PASSPHRASE,)):
    r, w = os.pipe()
    os.write(w, ("\n".join(lines) + "\n").encode())
    os.close(w)
    done = subprocess.run([CLI, *args, "--vault", vault, "--passphrase-fd", str(r)],
                          pass_fds=(r,), capture_output=True, text=True)
    os.close(r)
    return done


def fits_screen(window, what):
    (width, height) = window.size
    check(width <= 1366 and height <= 768,
          f"{what} fits 1366×768 at text scale {SCALE} (the window is {width}×{height})")
    missing = unnamed_interactive(window)
    check(not missing, f"{what}: every control has a name: " + ", ".join(missing))


def list_items(parent, list_name):
    lst = find(parent, None, list_name, showing=False)
    return [c.name for c in lst.children if c.roleName == "list item"]


def parcours_summary(window):
    """What the parcours' header says (its expander's name), or None."""
    found = [n for n in window.findChildren(lambda x: x.roleName == "toggle button", showingOnly=False)
             if (n.name or "").startswith(_("Parcours:"))]
    return found[0].name if found else None


def steps_readable(window):
    """The steps are read in the person page's own scrolling, not in a list
    a few lines high: what scrolls them shows at least three rows, and the
    last step, given the focus, scrolls into view."""
    lst = find(window, None, _("Steps of the parcours"), showing=False)
    rows = [c for c in lst.children if c.roleName == "list item"]
    pane = lst.parent
    while pane is not None and pane.roleName != "scroll pane":
        pane = pane.parent
    check(pane is not None, "the steps scroll with something")
    if pane is None or not rows:
        return
    row_height = max(r.size[1] for r in rows)
    (_x, pane_y), (_w, pane_h) = pane.position, pane.size
    check(pane_h >= min(lst.size[1], 3 * row_height),
          f"the steps show in {pane_h} px, at least three rows of {row_height} px")
    last = find(window, "check box", rows[-1].name, showing=False)
    last.grabFocus()

    def in_view():
        (_lx, y), (_lw, h) = last.position, last.size
        return y >= pane_y and y + h <= pane_y + pane_h
    check(bool(eventually(in_view, timeout=5)), "the last step, focused, is scrolled into view")


def unlock(window):
    entry = find(window, "password text", _("Passphrase"), timeout=30)
    entry.text = PASSPHRASE
    entry.grabFocus()
    press("Return")
    return find(window, "text", _("Search people"), timeout=60)


def test():
    made = cli("vault", "create", "--name", "Camille Martin", "--kdf-ms", "100")
    check(made.returncode == 0, f"the vault is created ({made.stderr.strip()})")
    imported = cli("places", "import", PLACES_FILE)
    check(imported.returncode == 0, f"the directory is imported ({imported.stderr.strip()})")

    proc, app = start_app("--vault", vault)
    window = find(app, "frame", "Sillon", timeout=30)
    unlock(window)

    # ── A workshop at a place of the directory ──
    press("<Alt>2")
    activate(find(window, "push button", _("Plan a Workshop")))
    find(window, "text", _("Workshop title")).text = "Sending e-mails"
    date = datetime.date.today() + datetime.timedelta(days=5)
    find(window, "text", _("Workshop date")).text = date.isoformat()
    activate(find(window, "check box", _("E-mail"), showing=False))
    check(appears(window, "push button", _("Go back")) is not None, "the workshop page's back button is in the header bar")

    place = find(window, "text", _("Search a place in the directory"), showing=False)
    place.grabFocus()
    place.typeText("Reims")
    found = wait_for(lambda: list_items(window, _("Places found")), what="places of Reims")
    check(bool(found) and all("Reims" in n for n in found), f"the directory's places are found by commune: {found}")
    fits_screen(window, "the workshop page with places found")
    screenshot("workshop-01-place-search" + SUFFIX)
    press("Return")
    chosen = eventually(lambda: labels_containing(window, _("Place chosen: ")))
    check(bool(chosen) and "Reims" in chosen[0].name, "Enter chooses the first place found")
    chosen_name = chosen[0].name if chosen else ""
    activate(find(window, "push button", _("Save Workshop")))
    check(eventually(lambda: labels_containing(window, _("Saved: the workshop"))) is not None, "the workshop is saved")
    activate(find(window, "push button", _("Go back")))
    row = wait_for(lambda: list_items(window, _("Upcoming workshops")), what="the upcoming workshop")[0]
    find(window, "list item", row).click()
    check(eventually(lambda: labels_containing(window, chosen_name)) is not None,
          "the workshop opens again at the place chosen")
    screenshot("workshop-02-place-chosen" + SUFFIX)
    activate(find(window, "push button", _("Remove the place")))
    check(eventually(lambda: not labels_containing(window, _("Place chosen: "))), "the place can be removed")
    # A change not saved: leaving asks; Cancel stays on the page.
    activate(find(window, "push button", _("Go back")))
    dialog = find(app, "alert", None, timeout=10)
    check(dialog is not None, "leaving a changed workshop asks first")
    activate(find(dialog, "push button", _("Cancel")))
    check(eventually(lambda: labels_containing(window, _("Place chosen: ")) == [] and
                     find(window, "text", _("Workshop title")).showing), "Cancel stays on the workshop, as it was")
    # Discard: the workshop keeps its place.
    press("<Alt>Left")
    dialog = find(app, "alert", None, timeout=10)
    activate(find(dialog, "push button", _("Discard")))
    find(window, "list item", wait_for(lambda: list_items(window, _("Upcoming workshops")))[0]).click()
    check(eventually(lambda: labels_containing(window, chosen_name)) is not None, "Discard keeps the workshop as saved")
    # Untouched: no question.
    activate(find(window, "push button", _("Go back")))
    check(eventually(lambda: list_items(window, _("Upcoming workshops"))) is not None and
          not app.findChildren(lambda x: x.roleName == "alert"),
          "a workshop left untouched is left without a question")

    # ── A new workshop typed in, then left ──
    activate(find(window, "push button", _("Plan a Workshop")))
    find(window, "text", _("Workshop title")).text = "Online forms"
    find(window, "text", _("Workshop date")).text = (date + datetime.timedelta(days=2)).isoformat()
    activate(find(window, "check box", _("E-mail"), showing=False))
    press("<Alt>1")  # another area: asked too
    dialog = find(app, "alert", _("Save the new workshop?"), timeout=10)
    check(bool(labels_containing(dialog, "Online forms")), "the question names the workshop")
    fits_screen(window, "the question about an unsaved workshop")
    screenshot("workshop-03-unsaved-question" + SUFFIX)
    activate(find(dialog, "push button", _("Save")))
    find(window, "text", _("Search people"), timeout=10)
    press("<Alt>2")
    upcoming = wait_for(lambda: list_items(window, _("Upcoming workshops")), what="upcoming workshops")
    check(any(n.startswith("Online forms") for n in upcoming), f"Save in the question saves it: {upcoming}")

    # ── A parcours on the person's page ──
    press("<Alt>1")
    activate(find(window, "push button", _("New Person")))
    find(window, "text", _("First name")).text = "Marie"
    find(window, "text", _("Last name")).text = "Curie"
    activate(find(window, "push button", _("Add Person")))
    expander = find(window, "toggle button", _("Parcours: no step planned yet"), timeout=20)
    activate(expander, "activate")
    step = find(window, "text", _("New step"))
    step.text = "Set up an e-mail address"
    find(window, "text", _("Step date")).text = (date - datetime.timedelta(days=2)).isoformat()
    activate(find(window, "push button", _("Add Step")))
    steps = wait_for(lambda: list_items(window, _("Steps of the parcours")), what="the first step")
    check(len(steps) == 1 and "Set up an e-mail address" in steps[0], f"the step is planned: {steps}")
    # The workshop as the next step, from the list of upcoming workshops.
    # With the keyboard: from the step's entry back to its kind, Down
    # reaches the first upcoming workshop.
    find(window, "text", _("New step")).grabFocus()
    press("<Shift>Tab")
    press("Down")
    check(eventually(lambda: find(window, "text", _("New step")).text == "Sending e-mails"),
          "a workshop chosen as the step fills in its title")
    activate(find(window, "push button", _("Add Step")))
    steps = wait_for(lambda: len(list_items(window, _("Steps of the parcours"))) == 2 and
                     list_items(window, _("Steps of the parcours")), what="the second step")
    check("Set up an e-mail address" in steps[0] and "Sending e-mails" in steps[1], f"steps in date order: {steps}")
    done = find(window, "check box", steps[0], showing=False)
    activate(done)
    summary = eventually(lambda: _("1 of 2 steps done") in (parcours_summary(window) or "") and parcours_summary(window))
    check(bool(summary) and _("next:") in summary and "Sending e-mails" in summary,
          f"the parcours says what was done and what is next: {summary}")
    fits_screen(window, "the person page with the parcours")
    screenshot("parcours-01-person" + SUFFIX)

    # Kept across a lock.
    press("<Control>l")
    find(window, "label", _("The Vault Is Locked"))
    check(not labels_containing(window, "Sending e-mails"), "locking takes the parcours off the screen")
    search = unlock(window)
    search.text = "Curie"
    people = find(window, "list box", _("People found"), showing=False)
    row = wait_for(lambda: [c for c in people.children if c.roleName == "list item" and "Curie" in (c.name or "")],
                   what="Marie Curie found")[0]
    row.click()
    check(bool(eventually(lambda: _("1 of 2 steps done") in (parcours_summary(window) or ""))),
          "the parcours is there after unlocking")

    # ── Another parcours: the newest first, each under its heading with its steps ──
    activate(find(window, "toggle button", parcours_summary(window)), "activate")
    activate(find(window, "push button", _("Start a New Parcours")))
    step = find(window, "text", _("New step"))
    check(bool(eventually(lambda: step.focused)), "the new parcours starts in the step's entry")
    check(not find(window, "push button", _("Start a New Parcours")).sensitive,
          "a new parcours still empty cannot be followed by another")
    step.text = "Fill in an online form"
    activate(find(window, "push button", _("Add Step")))
    rows = wait_for(lambda: len(list_items(window, _("Steps of the parcours"))) == 5 and
                    list_items(window, _("Steps of the parcours")), what="both parcours and their steps")
    check(_("started on") in rows[0] and _("0 of 1 step done") in rows[0] and "Fill in an online form" in rows[1],
          f"the newest parcours comes first, with its step: {rows}")
    check(_("started on") in rows[2] and _("1 of 2 steps done") in rows[2] and "Set up an e-mail address" in rows[3]
          and "Sending e-mails" in rows[4], f"the earlier parcours follows, with its steps: {rows}")
    step_rows = [c for c in find(window, None, _("Steps of the parcours"), showing=False).children
                 if c.roleName == "list item" and "Fill in an online form" in (c.name or "")]
    check(bool(step_rows) and _("started on") in (step_rows[0].description or ""),
          "a step says to a screen reader which parcours it belongs to")
    summary = parcours_summary(window) or ""
    check(_("1 earlier parcours") in summary and "Fill in an online form" in summary,
          f"the section's heading tells of the newest and counts the earlier: {summary}")
    # Ticking a step of the earlier parcours counts it under its heading.
    activate(find(window, "check box", rows[4], showing=False))
    check(bool(eventually(lambda: "2 of 2" in " ".join(list_items(window, _("Steps of the parcours"))[2:3])
                          or "2 sur 2" in " ".join(list_items(window, _("Steps of the parcours"))[2:3]))),
          "a step ticked in the earlier parcours counts under its heading")
    fits_screen(window, "the person page with two parcours")
    steps_readable(window)
    screenshot("parcours-02-several" + SUFFIX)

    press("<Control>q")
    proc.wait(timeout=20)


run(test)
