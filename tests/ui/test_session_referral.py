"""A referral at the end of a session, keyboard only: the mediator logs a
session that says "referred to another structure" and its kind of structure;
once the session is saved, the referral dialog opens with that kind already
chosen and the focus in the place search. Escape leaves the session saved and
refers nobody; a second session goes on to a place: type its commune, Enter,
say why, Enter, and the person's story shows the referral, linked to that
session: the session's row names the place, the referral's says it came
after a session, and the person's data export links the two. Deleting
the session keeps the referral, unlinked; Undo links it again.

Run in English at 1366×768, and in French at 1366×768 with text scale 1.5
(SILLON_TEST_LANGUAGE, GDK_DPI_SCALE)."""

import json
import os

from dogtail.rawinput import typeText
from sillonui import (LANGUAGE, PEOPLE_LABELS, TAG, check, data_path, dialog_showing, eventually, find,
                      fits_screen, labels_containing, press, run, run_cli, screenshot, start_app,
                      vault_with_person_and_places, wait_for)

PASSPHRASE = "refer at the end of a session"
PLACES_FILE = data_path("lieux", "orientation.csv")
vault = os.path.join(os.environ["SILLON_TEST_WORKDIR"], "session-referral.sillon")

S = PEOPLE_LABELS | {
    "en": {
        "log": "Log Session", "editor": "Log a Session", "find theme": "Find a theme",
        "dialog": "New Referral", "search places": "Search places", "places": "Places found",
        "kind": "Kind of structure", "why": "Why the person is referred",
        "logged": "Session logged.", "saved": "Referral saved.", "issued": "issued, no news yet",
        "referral": "Referral", "referred to": "referred to France services de Reims",
        "after": "after a session", "referred": "referred",
    },
    "fr": {
        "log": "Noter un accompagnement", "editor": "Noter un accompagnement", "find theme": "Chercher une thématique",
        "dialog": "Nouvelle orientation", "search places": "Rechercher des lieux", "places": "Lieux trouvés",
        "kind": "Type de structure", "why": "Pourquoi la personne est orientée",
        "logged": "Accompagnement noté.", "saved": "Orientation enregistrée.", "issued": "émise, sans nouvelles",
        "referral": "Orientation", "referred to": "orienté vers France services de Reims",
        "after": "après un accompagnement", "referred": "orienté",
    },
}[LANGUAGE]

# The first kind of structure after "not said": national labels, in French.
ADMINISTRATION = "Administration (mairie, préfecture…)"
MEDIATION = "Autre structure de médiation numérique"


def export_person(person_id):
    """sillon-cli person export, the person's data as their right of access
    gives it, read while the application is closed."""
    result = run_cli(vault, "person", "export", str(person_id), lines=(PASSPHRASE,),
                     env={**os.environ, "LANGUAGE": "en"})
    check(result.returncode == 0, f"the person is exported (exit {result.returncode}: {result.stderr.strip()!r})")
    return json.loads(result.stdout) if result.returncode == 0 else {}


def dialog(app, title):
    return wait_for(lambda: dialog_showing(app, title), timeout=20, what=f"the dialog {title!r}")


def gone(app, title):
    return eventually(lambda: dialog_showing(app, title) is None) is not None


def combo_choice(combo):
    """The name of a combo box's chosen item."""
    child = combo.querySelection().getSelectedChild(0)
    return child.name if child is not None else None


def story_rows(window, text):
    return window.findChildren(
        lambda n: n.roleName == "list item" and text in (n.name or "") and n.showing, isLambda=True)


def referral_rows(window):
    return story_rows(window, S["issued"])


def log_referred_session(app, window, theme, kind_keys, tick=("Return",)):
    """Keyboard only: a theme (typed, then TICK: Enter, or Down to the first
    theme found and Space, pressed at once after the last letter), Alt+R
    ticks "Referred", Tab and the arrows choose the kind of structure,
    Ctrl+Enter saves."""
    log_button = find(window, "push button", S["log"], timeout=20)
    wait_for(lambda: log_button.focused, what="the focus on Log Session")
    press("<Control><Shift>n")
    editor = dialog(app, S["editor"])
    search = find(editor, "text", S["find theme"])
    wait_for(lambda: search.focused, what="the focus in the theme search")
    typeText(theme)
    for key in tick:
        press(key)
    press("<Alt>r")
    press("Tab")
    for key in kind_keys:
        press(key)
    return editor


def test():
    # Ana lives in Reims (postal code 51100, INSEE 51454): its places come first.
    vault_with_person_and_places(vault, PASSPHRASE, PLACES_FILE,
                                 {"first": "Ana", "last": "Silva", "commune": "51100"})

    proc, app = start_app("--vault", vault)
    window = find(app, "frame", "Sillon", timeout=30)
    # From the keyboard alone: the passphrase, then the person.
    entry = find(window, "password text", S["unlock"], timeout=30)
    wait_for(lambda: entry.focused, what="the focus in the passphrase")
    typeText(PASSPHRASE)
    press("Return")
    search = find(window, "text", S["search people"], timeout=60)
    wait_for(lambda: search.focused, what="the focus in the people search")
    typeText("Ana")
    wait_for(lambda: [n for n in window.findChildren(
        lambda n: n.roleName == "list item" and (n.name or "").startswith("Ana Silva") and n.showing,
        isLambda=True)], what="Ana Silva in the list")
    press("Return")
    find(window, "push button", S["refer"], timeout=20)

    # ── A session that refers, then Escape: the session stays, no referral ──
    # Down right after the last letter goes to the first theme found.
    log_referred_session(app, window, "ban", ["Down"], tick=("Down", "space"))
    screenshot(f"session-referral-{TAG}-01-editor")
    press("<Control>Return")
    check(gone(app, S["editor"]), "the session form closes once saved")
    d = dialog(app, S["dialog"])
    places = find(d, "text", S["search places"])
    check(eventually(lambda: places.focused) is not None, "the referral starts in the place search")
    kind = find(d, "combo box", S["kind"], showing=False)
    check(combo_choice(kind) == ADMINISTRATION,
          f"the kind of structure is the session's ({combo_choice(kind)!r})")
    check(bool(story_rows(window, "Banque et achats en ligne")), "the session is saved before the referral")
    screenshot(f"session-referral-{TAG}-02-dialog")
    fits_screen(d, "the referral dialog opened after a session")
    # Enter right after the last letter takes the first place of the whole
    # word, the second place of Reims here.
    typeText("Falala")
    press("Return")
    check(bool(eventually(lambda: labels_containing(d, "Médiathèque Jean Falala, Reims"))),
          "Enter at once after typing chooses the place the search finds")
    press("Escape")
    check(gone(app, S["dialog"]), "Escape closes the referral dialog")
    check(bool(story_rows(window, "Banque et achats en ligne")), "cancelling the referral keeps the session")
    check(not referral_rows(window), "cancelling the referral refers nobody")

    # ── A second session, and the place, from the keyboard ──
    log_referred_session(app, window, "sant", ["Down", "Down"])
    press("<Control>Return")
    d = dialog(app, S["dialog"])
    kind = find(d, "combo box", S["kind"], showing=False)
    check(combo_choice(kind) == MEDIATION,
          f"the kind of structure is this session's ({combo_choice(kind)!r})")
    places = find(d, "text", S["search places"])
    wait_for(lambda: places.focused, what="the focus in the place search")
    typeText("Reims")
    lst = find(d, "list box", S["places"], showing=False)
    wait_for(lambda: [c for c in lst.children if c.roleName == "list item"
                      and (c.name or "").startswith("France services de Reims")],
             what="the place of Reims")
    press("Return")
    why = find(d, "text", S["why"], showing=False)
    wait_for(lambda: why.focused, what="the focus on the reason once the place is chosen")
    typeText("Demande de retraite")
    screenshot(f"session-referral-{TAG}-03-dialog-filled")
    press("Return")
    check(gone(app, S["dialog"]), "Enter in the reason saves the referral")
    check(bool(eventually(lambda: labels_containing(window, S["saved"]))), "a toast says the referral is saved")
    rows = wait_for(lambda: referral_rows(window), what="the referral in the story")
    check(len(rows) == 1 and (S["referral"] + " — ") in rows[0].name and MEDIATION in rows[0].name
          and "Demande de retraite" in rows[0].name,
          f"the story shows the referral, its kind of structure and reason: {[r.name for r in rows]}")
    check(len(story_rows(window, "Santé")) >= 1 and len(story_rows(window, "Banque et achats en ligne")) == 1,
          "both sessions are in the story")
    # The referral is linked to the session it ended: each row says so.
    health = story_rows(window, "Santé")
    check(len(health) == 1 and S["referred to"] in health[0].name,
          f"the session's row names the place it referred to: {[r.name for r in health]}")
    check(S["after"] in rows[0].name, f"the referral's row says it came after a session: {rows[0].name!r}")
    check("France services de Reims" in rows[0].name, f"the referral's row names the place: {rows[0].name!r}")
    banking = story_rows(window, "Banque et achats en ligne")
    check(len(banking) == 1 and S["referred"] in banking[0].name and S["referred to"] not in banking[0].name,
          f"the session whose referral was cancelled names no place: {[r.name for r in banking]}")
    screenshot(f"session-referral-{TAG}-04-story")

    # Deleting the session keeps the referral, no longer linked; Undo logs
    # the session again and links the referral to it again.
    health[0].grabFocus()
    press("Delete")
    check(bool(eventually(lambda: not story_rows(window, "Santé"))), "Delete on the session's row deletes it")
    rows = wait_for(lambda: referral_rows(window), what="the referral, still in the story")
    check(len(rows) == 1 and S["after"] not in rows[0].name,
          f"the referral stays, no longer said to come after a session: {rows[0].name!r}")
    press("<Control>z")
    health = wait_for(lambda: story_rows(window, "Santé"), what="the session back after Undo")
    check(S["referred to"] in health[0].name, f"Undo links the referral to the session again: {health[0].name!r}")
    rows = referral_rows(window)
    check(len(rows) == 1 and S["after"] in rows[0].name, f"the referral comes after a session again: {rows}")

    press("<Control>q")
    proc.wait(timeout=20)

    data = export_person(1)
    sessions = {s["id"]: s for s in data.get("sessions", [])}
    referrals = data.get("referrals", [])
    linked = [s for s in sessions.values() if referrals and s["id"] == referrals[0].get("session_id")]
    check(len(referrals) == 1 and len(linked) == 1 and "sante" in json.dumps(linked[0]).lower(),
          f"the export links the referral to the health session: {referrals} / {list(sessions.values())}")


run(test)
