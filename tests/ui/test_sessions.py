"""A session logged the way a mediator does it at the counter, keyboard only,
counting the keys: from the person's page, Ctrl+Shift+N, a few letters of a
theme, Enter, the autonomy, Ctrl+Enter. Then edited, deleted and brought
back with Undo, on the person's story (the timeline). The same script runs
in English and in French (SILLON_TEST_LANGUAGE), and at text scale 1.5 on a
1366×768 screen (SILLON_TEST_SCREEN, GDK_DPI_SCALE), where every page and
dialog must fit the screen."""

import datetime
import os

from dogtail.rawinput import typeText
from sillonui import (LANGUAGE, TAG, activate, add_person, appears, check, choose_assessment, dialog_showing,
                      eventually, find, fits_screen, labels_containing, list_items_starting, press, run, screenshot,
                      start_new_vault, unnamed_interactive, wait_for)

from gi.repository import Atspi, Gdk

PASSPHRASE = "a quiet field of wheat at dawn"
vault = os.path.join(os.environ["SILLON_TEST_WORKDIR"], "sessions.sillon")
# Sixty-five this year, in the 60 to 69 bracket whatever the year the test
# runs (the age is this year's less the birth year).
BORN = str(datetime.date.today().year - 65)

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
}[LANGUAGE]

S = {
    "en": {
        "search": "Search people", "new person": "New Person", "first": "First name",
        "last": "Last name", "year": "Birth year", "add": "Add Person", "add anyway": "Add Anyway",
        "log": "Log Session", "dialog": "Log a Session", "edit dialog": "Edit the Session",
        "find theme": "Find a theme", "session": "Session", "logged": "Session logged.",
        "saved": "Session saved.", "deleted": "Session deleted.", "undo": "Undo",
        "undone": "Undone.", "edit": "Edit the session of {}", "delete": "Delete the session of {}",
        "no theme": "Choose at least one theme", "bad date": "is not a date", "date": "Date",
        "two hours": "2 h", "story": "Story", "autonomy": "Autonome", "colon": ": ",
        "new assessment": "New Assessment", "finish": "<Alt>f", "assessment": "Assessment",
        "viewer": "Assessment on {}", "compare": "Compare with", "other": "The assessment of {}",
        "on one": "on 1 question", "q1": "Question 1 of ",
        "no consent": "No consent recorded yet.", "record consent": "Record Consent…",
        "consent dialog": "Record Consent", "record": "Record",
        "consent given": "Consent given on {} to a record of their visits and assessments.",
        "revoke consent": "Revoke Consent…", "revoke": "Revoke", "delete person": "Delete Person…",
        "delete for good": "Delete for Good", "age": "60 to 69 years old",
        "same as": f"This may be the same person as Awa Diallo, born in {BORN}.", "merge": "Merge…",
        "merge yes": "Merge", "merged": "Merged: one person, one story.",
        "edit person": "Edit…", "person dialog": "Edit the Person", "save": "Save",
        "year must": "four digits", "cancel": "Cancel", "changes saved": "Changes saved.", "moved up": "Skills that moved up:",
        "place": "Place", "venue": "Activity venue", "computer": "Computer",
    },
    "fr": {
        "search": "Rechercher des personnes", "new person": "Nouvelle personne", "first": "Prénom",
        "last": "Nom", "year": "Année de naissance", "add": "Ajouter la personne", "add anyway": "Ajouter quand même",
        "log": "Noter un accompagnement", "dialog": "Noter un accompagnement",
        "edit dialog": "Modifier l’accompagnement", "find theme": "Chercher une thématique",
        "session": "Accompagnement", "logged": "Accompagnement noté.",
        "saved": "Accompagnement enregistré.", "deleted": "Accompagnement supprimé.",
        "undo": "Annuler", "undone": "Annulé.", "edit": "Modifier l’accompagnement du {}",
        "delete": "Supprimer l’accompagnement du {}", "no theme": "Choisissez au moins une thématique",
        "bad date": "n’est pas une date", "date": "Date", "two hours": "2 h", "story": "Historique",
        "autonomy": "Autonome", "colon": " : ",
        "new assessment": "Nouveau diagnostic", "finish": "<Alt>t", "assessment": "Diagnostic",
        "viewer": "Diagnostic du {}", "compare": "Comparer avec", "other": "Le diagnostic du {}",
        "on one": "sur 1 question", "q1": "Question 1 sur ",
        "no consent": "Aucun consentement noté pour l’instant.", "record consent": "Noter le consentement…",
        "consent dialog": "Noter le consentement", "record": "Noter",
        "consent given": "Consentement donné le {} pour un suivi de ses passages et diagnostics.",
        "revoke consent": "Retirer le consentement…", "revoke": "Retirer",
        "delete person": "Supprimer la personne…", "delete for good": "Supprimer définitivement",
        "age": "60 à 69 ans",
        "same as": f"Il s’agit peut-être de la même personne que Awa Diallo (naissance en {BORN}).",
        "merge": "Fusionner…", "merge yes": "Fusionner", "merged": "Fusionnées : une personne, un historique.",
        "edit person": "Modifier…", "person dialog": "Modifier la personne", "save": "Enregistrer",
        "year must": "quatre chiffres", "cancel": "Annuler", "changes saved": "Modifications enregistrées.", "moved up": "Compétences en progrès :",
        "place": "Lieu", "venue": "Lieu d’activité", "computer": "Ordinateur",
    },
}[LANGUAGE]

keys_pressed = 0


def key(combo):
    """One key press, counted (a chord such as Ctrl+Shift+N counts once)."""
    global keys_pressed
    keys_pressed += 1
    press(combo)


def type_counted(text):
    global keys_pressed
    keys_pressed += len(text)
    typeText(text)


def today_shown():
    today = datetime.date.today()
    return f"{today.day} {MONTHS[today.month - 1]} {today.year}"


def session_rows(window):
    return list_items_starting(window, today_shown() + S["colon"] + S["session"])


# The session form's size when first opened, over the window as it comes.
editor_size = []


def dialog(app, title):
    return wait_for(lambda: dialog_showing(app, title), what=f"the dialog {title!r}")


def no_dialog(app, title):
    return eventually(lambda: dialog_showing(app, title) is None, what=f"the dialog {title!r} to close")


def assessment_rows(window):
    return window.findChildren(
        lambda n: n.roleName == "list item"
        and (n.name or "").startswith(today_shown() + S["colon"] + S["assessment"]) and n.showing,
        isLambda=True)


def quick_assessment(window, answer):
    """An assessment stopped after its first question, saved as computed."""
    count = len(assessment_rows(window))
    activate(find(window, "push button", S["new assessment"]))
    choose_assessment(window, "quick")
    wait_for(lambda: labels_containing(window, S["q1"]), what="the first question")
    press(answer)
    press("Return")
    wait_for(lambda: not labels_containing(window, S["q1"]), what="the next question")
    press(S["finish"])
    wait_for(lambda: [n for n in window.findChildren(lambda n: n.roleName == "chart" and n.showing,
                                                     isLambda=True)], what="the result")
    press("<Alt>s" if LANGUAGE == "en" else "<Alt>e")
    wait_for(lambda: len(assessment_rows(window)) == count + 1, timeout=20, what="the saved assessment")


def open_and_compare(app, window):
    # Two assessments, the first answer different: the older one opens read
    # only, and compares with the newer.
    quick_assessment(window, "1")
    quick_assessment(window, "4")
    rows = assessment_rows(window)
    check(len(rows) == 2, "both assessments are in the story")
    older = rows[-1]
    older.grabFocus()
    press("Return")
    viewer = dialog(app, S["viewer"].format(today_shown()))
    first_size = viewer.size
    fits_screen(viewer, "the saved assessment", names=False)
    missing = unnamed_interactive(viewer)
    check(not missing, "every control of the saved assessment is named: " + ", ".join(missing))
    check(not [n for n in viewer.findChildren(lambda n: n.roleName == "push button" and n.showing
                                              and n.name in ("Save", "Enregistrer", "Discard", "Abandonner"),
                                              isLambda=True)],
          "a saved assessment opens read only, without the wizard's buttons")
    screenshot(f"sessions-{TAG}-08-saved-assessment")
    find(viewer, "combo box", S["compare"])
    press("<Alt>m")
    press("Down")
    comparison = eventually(lambda: labels_containing(viewer, S["on one"]), what="the comparison")
    check(bool(comparison), "the comparison shows each axis on the questions answered both times")
    check(bool(labels_containing(viewer, S["moved up"])), "the comparison lists the skills that moved")
    screenshot(f"sessions-{TAG}-09-compare")
    fits_screen(viewer, "the saved assessment compared with another", names=False)
    press("Escape")
    no_dialog(app, S["viewer"].format(today_shown()))

    # The window as large as the screen (maximised, or grown by a page shown
    # before): the viewer once took its size from it, and went past the
    # screen's foot. Its size depends on the screen alone.
    screen = Gdk.Screen.get_default()
    Atspi.Component.set_size(window, screen.get_width(), screen.get_height())
    wait_for(lambda: window.size[1] >= screen.get_height() - 40, what="the window to grow to the screen")
    older = assessment_rows(window)[-1]
    older.grabFocus()
    press("Return")
    viewer = dialog(app, S["viewer"].format(today_shown()))
    fits_screen(viewer, "the saved assessment over a window as large as the screen", names=False)
    check(tuple(viewer.size) == tuple(first_size),
          f"the saved assessment keeps its size whatever the window's ({tuple(viewer.size)}, first {tuple(first_size)})")
    screenshot(f"sessions-{TAG}-09b-saved-assessment-large-window")
    press("Escape")
    no_dialog(app, S["viewer"].format(today_shown()))
    # The session form, sized the same way, keeps its size too.
    press("<Control><Shift>n")
    editor = dialog(app, S["dialog"])
    fits_screen(editor, "the session form over a window as large as the screen", names=False)
    check(tuple(editor.size) == editor_size[0],
          f"the session form keeps its size whatever the window's ({tuple(editor.size)}, first {editor_size[0]})")
    activate(find(editor, "push button", S["cancel"]))
    no_dialog(app, S["dialog"])


def alert(app, text):
    def look():
        for top in app.children:
            try:
                if top.showing and top.roleName in ("alert", "dialog") and (
                        top.name == text or labels_containing(top, text)):
                    return top
            except Exception:
                continue
        return None
    return wait_for(look, what=f"the question {text!r}")


def log_from_list(app, window):
    # Ctrl+Shift+N on the list logs a session for the person in focus there,
    # on their page, without opening it first.
    sessions = len(session_rows(window))
    press("<Alt>Left")
    search = find(window, "text", S["search"], timeout=20)
    search.text = "Awa"
    row = wait_for(lambda: [n for n in window.findChildren(
        lambda n: n.roleName == "list item" and (n.name or "").startswith("Awa Diallo") and n.showing,
        isLambda=True)], what="Awa in the list")[0]
    row.grabFocus()
    wait_for(lambda: row.focused, what="the focus on Awa's row")
    press("<Control><Shift>n")
    editor = dialog(app, S["dialog"])
    check(editor is not None, "Ctrl+Shift+N on the people list opens the session form")
    check(appears(window, "push button", S["log"], timeout=10) is not None,
          "the session is logged from the person's page")
    screenshot(f"sessions-{TAG}-04b-from-list")
    # Cancelled with its button: with no window manager here, a dialog
    # opened after a widget took the focus through AT-SPI does not get the
    # keyboard (Escape in the session form is checked above).
    activate(find(editor, "push button", S["cancel"]))
    check(no_dialog(app, S["dialog"]) is True, "the session form opened from the list can be cancelled")
    check(len(session_rows(window)) == sessions, "a session form opened from the list and cancelled logs nothing")


def consent(app, window):
    check(bool(labels_containing(window, S["age"])), "the age bracket shows in the UI's language")
    check(bool(labels_containing(window, S["no consent"])), "the page says no consent is recorded")
    activate(find(window, "push button", S["record consent"]))
    form = dialog(app, S["consent dialog"])
    fits_screen(form, "the consent form", names=False)
    missing = unnamed_interactive(form)
    check(not missing, "every control of the consent form is named: " + ", ".join(missing))
    screenshot(f"sessions-{TAG}-10-consent")
    activate(find(form, "push button", S["record"]))
    given = eventually(lambda: labels_containing(window, S["consent given"].format(today_shown())),
                       what="the consent on the page")
    check(bool(given), "the recorded consent shows with its date and scope")
    screenshot(f"sessions-{TAG}-11-consent-recorded")
    fits_screen(window, "the person page with its story and consent", names=False)

    activate(find(window, "push button", S["revoke consent"]))
    activate(find(app, "push button", S["revoke"]))
    check(bool(eventually(lambda: labels_containing(window, S["no consent"]))), "a revoked consent is gone")


def merge_duplicate(app, window):
    # A second record of the same person, typed with a typo: her page
    # offers to merge, and the merged page holds the first one's story.
    press("<Alt>Left")
    find(window, "text", S["search"], timeout=20)
    add_person(window, S["new person"], {S["first"]: "Awa", S["last"]: "Dialo"}, S["add"])
    # The form itself warns of the likely duplicate first; adding anyway
    # is what a mediator does who has not seen it is the same person.
    anyway = appears(window, "push button", S["add anyway"], timeout=10)
    check(anyway is not None, "the form warns of the likely duplicate before adding")
    if anyway is not None:
        activate(anyway)
    find(window, "push button", S["log"], timeout=20)
    check(bool(eventually(lambda: labels_containing(window, S["same as"]))),
          "the page of a likely duplicate says who it looks like")
    check(not session_rows(window), "the new record has no story of its own yet")
    screenshot(f"sessions-{TAG}-12-duplicate")
    activate(find(window, "push button", S["merge"]))
    activate(find(app, "push button", S["merge yes"]))
    check(bool(eventually(lambda: labels_containing(window, S["merged"]))), "a toast says the records are merged")
    check(bool(eventually(lambda: session_rows(window))), "the merged page holds the other record's sessions")
    check(not labels_containing(window, S["same as"]), "the duplicate warning is gone after merging")
    check(bool(labels_containing(window, BORN)), "the merged record takes the birth year it lacked")


def edit_person(app, window):
    # The typo is corrected; a bad year is refused and loses nothing typed.
    activate(find(window, "push button", S["edit person"]))
    form = dialog(app, S["person dialog"])
    fits_screen(form, "the person form", names=False)
    opened_height = form.size[1]
    missing = unnamed_interactive(form)
    check(not missing, "every control of the person form is named: " + ", ".join(missing))
    find(form, "text", S["last"]).text = "Diallo"
    year = find(form, "text", S["year"])
    year.text = "19x7"
    activate(find(form, "push button", S["save"]))
    check(bool(eventually(lambda: labels_containing(form, S["year must"]))),
          "a birth year that is not a number is refused with an example")
    check(find(form, "text", S["last"]).text == "Diallo", "the refused form keeps what was typed")
    # The message makes room for itself: the form grows rather than push
    # its foot out of view, and still fits the screen.
    check(bool(eventually(lambda: form.size[1] > opened_height)),
          f"the refused form grows by its message ({form.size[1]}, opened at {opened_height})")
    fits_screen(form, "the refused person form", names=False)
    year.text = BORN
    screenshot(f"sessions-{TAG}-13-person-form")
    activate(find(form, "push button", S["save"]))
    check(bool(eventually(lambda: labels_containing(window, S["changes saved"]))), "a toast says the changes are saved")
    check(bool(eventually(lambda: find(window, "label", "Awa Diallo", timeout=5))), "the page shows the corrected name")


def erasure(app, window):
    # The right to erasure, confirmed: back to the list, and nobody found.
    activate(find(window, "push button", S["delete person"]))
    activate(find(app, "push button", S["delete for good"]))
    search = find(window, "text", S["search"], timeout=20)
    search.text = "Awa"
    # Wait for the search's result rather than a fixed time: nobody found.
    appears(window, "label", "Nobody Found" if LANGUAGE == "en" else "Personne n’a été trouvé")
    check(not list_items_starting(window, "Awa Dial"), "an erased person is not found any more")


def test():
    proc, app, window = start_new_vault(vault, PASSPHRASE)

    find(window, "text", S["search"], timeout=60)
    add_person(window, S["new person"], {S["first"]: "Awa", S["last"]: "Diallo", S["year"]: BORN}, S["add"])
    log_button = find(window, "push button", S["log"], timeout=20)
    wait_for(lambda: log_button.focused, what="the focus on Log Session")
    check(not session_rows(window), "a new person has no session")
    screenshot(f"sessions-{TAG}-01-person-empty")
    fits_screen(window, "the person page", names=False)
    missing = unnamed_interactive(window)
    check(not missing, "every control of the person page is named: " + ", ".join(missing))

    # A typical session, keyboard only, from the person's page.
    global keys_pressed
    keys_pressed = 0
    key("<Control><Shift>n")
    editor = dialog(app, S["dialog"])
    search = find(editor, "text", S["find theme"])
    wait_for(lambda: search.focused, what="the focus in the theme search")
    screenshot(f"sessions-{TAG}-02-editor")
    fits_screen(editor, "the session form", names=False)
    editor_size.append(tuple(editor.size))
    missing = unnamed_interactive(editor)
    check(not missing, "every control of the session form is named: " + ", ".join(missing))
    # National values show their label in the interface's language.
    place_items = [n.name for n in find(editor, "combo box", S["place"]).findChildren(
        lambda n: n.roleName == "menu item", isLambda=True, showingOnly=False)]
    check(S["venue"] in place_items, f"the place list is in the interface's language ({place_items!r})")
    check(find(editor, "check box", S["computer"], showing=False) is not None,
          "the equipment is in the interface's language")
    type_counted("ban")
    key("Return")
    # The ticked theme is said under the list, whatever the list shows.
    wait_for(lambda: labels_containing(editor, "Banque et achats en ligne"), what="the theme to be ticked")
    key("<Alt>a")
    key("End")
    screenshot(f"sessions-{TAG}-03-editor-filled")
    key("<Control>Return")
    row = wait_for(lambda: session_rows(window), timeout=20, what="the logged session")[0]
    print(f"keys pressed to log a typical session: {keys_pressed}", flush=True)
    check(keys_pressed <= 10, f"a typical session takes at most 10 keys from the person page ({keys_pressed})")
    check("Banque et achats en ligne" in row.name and "30 min" in row.name and S["autonomy"] in row.name
          and S["venue"] in row.name,
          f"the story shows the session: theme, default duration, place, autonomy ({row.name!r})")
    check(bool(eventually(lambda: labels_containing(window, S["logged"]))), "a toast says the session is logged")
    no_dialog(app, S["dialog"])
    screenshot(f"sessions-{TAG}-04-logged")

    # A form that cannot be saved says why and keeps what was typed.
    key("<Control><Shift>n")
    editor = dialog(app, S["dialog"])
    press("<Control>Return")
    check(bool(eventually(lambda: labels_containing(editor, S["no theme"]))),
          "a session without a theme is refused with a message")
    typeText("sant")
    press("Return")
    date_entry = find(editor, "text", S["date"])
    date_entry.text = "31 " + MONTHS[1] + " 2026"
    press("<Control>Return")
    check(bool(eventually(lambda: labels_containing(editor, S["bad date"]))),
          "an impossible date is refused with an example of a valid one")
    screenshot(f"sessions-{TAG}-05-editor-error")
    press("Escape")
    no_dialog(app, S["dialog"])
    check(len(session_rows(window)) == 1, "a cancelled form logs nothing")

    # Edit: the duration becomes two hours.
    activate(find(window, "push button", S["edit"].format(today_shown())))
    editor = dialog(app, S["edit dialog"])
    press("<Alt>u")
    press("End")
    press("<Control>Return")
    row = wait_for(lambda: [r for r in session_rows(window) if S["two hours"] + " —" in r.name],
                   timeout=20, what="the edited session")[0]
    check("Banque et achats en ligne" in row.name, f"the edit keeps the theme ({row.name!r})")
    check(bool(eventually(lambda: labels_containing(window, S["saved"]))), "a toast says the session is saved")

    # Delete, then Undo: the same session is back.
    activate(find(window, "push button", S["delete"].format(today_shown())))
    check(bool(eventually(lambda: not session_rows(window))), "the deleted session leaves the story")
    check(bool(eventually(lambda: labels_containing(window, S["deleted"]))), "a toast says it is deleted")
    screenshot(f"sessions-{TAG}-06-deleted-toast")
    activate(find(window, "push button", S["undo"]))
    row = wait_for(lambda: session_rows(window), timeout=20, what="the session back after Undo")[0]
    check(S["two hours"] + " —" in row.name and "Banque et achats en ligne" in row.name,
          f"Undo brings back the session as it was ({row.name!r})")
    screenshot(f"sessions-{TAG}-07-undone")

    # Delete from the keyboard and undo with Ctrl+Z.
    row.grabFocus()
    press("Delete")
    check(bool(eventually(lambda: not session_rows(window))), "Delete on a session's row deletes it")
    press("<Control>z")
    check(bool(eventually(lambda: session_rows(window))), "Ctrl+Z undoes the delete")

    consent(app, window)
    merge_duplicate(app, window)
    edit_person(app, window)
    # The people list visited first: the saved assessment must fit
    # whatever was shown before it in the same run.
    log_from_list(app, window)
    open_and_compare(app, window)
    erasure(app, window)

    press("<Control>q")
    proc.wait(timeout=30)


run(test)
