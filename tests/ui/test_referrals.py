"""A referral to a named place, as a mediator makes one: from the person's
page, find a place of the imported directory by commune name and service
(the places of the person's commune first), say why, what was done, what to
bring and what the person agrees to share, save it; then, in the desk's
"Referrals" area, the referrals waiting for news: mark it honoured and see
it leave the list; from the person's story, change its outcome again.

Run in English at 1366×768, and in French at 1366×768 with text scale 1.5
(SILLON_TEST_LANGUAGE, GDK_DPI_SCALE), where the dialogs and the list must
fit the screen and every control must have a name."""

import os
import subprocess

from sillonui import (LANGUAGE, LARGE_TEXT, PEOPLE_LABELS, TAG, activate, check, data_path, eventually, find,
                      fits_screen, labels_containing, open_vault, pdf_name_field, press, run, screenshot, top_level,
                      vault_with_person_and_places, wait_for)

PASSPHRASE = "a referral to the right place"
PLACES_FILE = data_path("lieux", "orientation.csv")
vault = os.path.join(os.environ["SILLON_TEST_WORKDIR"], "referrals.sillon")

S = PEOPLE_LABELS | {
    "en": {
        "dialog": "New Referral", "search places": "Search places", "places": "Places found",
        "save": "Save", "choose place": "Choose the place the person is referred to",
        "order": "Places in Reims come first, then the rest of Marne.",
        "chosen": "Referred to: France services de Reims, Reims",
        "why": "Why the person is referred", "done": "What was already done",
        "documents": "Documents to bring", "agrees": "The person agrees to share information with the place",
        "share": "What may be shared", "say share": "Say what the person agrees to share",
        "saved": "Referral saved.", "issued": "issued, no news yet", "follow list": "Referrals to follow up",
        "row": "Ana Silva referred to France services de Reims (Reims)", "status dialog": "Referral Follow-up",
        "honoured": "Honoured: the person went and was received",
        "not honoured": "Not honoured: the person did not go, or was not received",
        "empty": "No referral is waiting for news.", "one waits": "1 referral waits for news.",
        "story row": "Referral", "followed": "Referral follow-up saved.", "not honoured short": "not honoured",
        "area": "Referrals",
    },
    "fr": {
        "dialog": "Nouvelle orientation", "search places": "Rechercher des lieux", "places": "Lieux trouvés",
        "save": "Enregistrer", "choose place": "Choisissez le lieu vers lequel la personne est orientée",
        "order": "Les lieux de Reims viennent d’abord, puis le reste de Marne.",
        "chosen": "Orientée vers : France services de Reims, Reims",
        "why": "Pourquoi la personne est orientée", "done": "Ce qui a déjà été fait",
        "documents": "Documents à apporter",
        "agrees": "La personne accepte que des informations soient transmises au lieu",
        "share": "Ce qui peut être transmis", "say share": "Dites ce que la personne accepte de transmettre",
        "saved": "Orientation enregistrée.", "issued": "émise, sans nouvelles", "follow list": "Orientations à suivre",
        "row": "Ana Silva orientée vers France services de Reims (Reims)", "status dialog": "Suite de l’orientation",
        "honoured": "Honorée : la personne y est allée et a été reçue",
        "not honoured": "Non honorée : la personne n’y est pas allée, ou n’a pas été reçue",
        "empty": "Aucune orientation n’attend de nouvelles.", "one waits": "1 orientation attend des nouvelles.",
        "story row": "Orientation", "followed": "Suite de l’orientation enregistrée.",
        "not honoured short": "non honorée", "area": "Orientations",
    },
}[LANGUAGE]


def items(node, list_name):
    """The rows of a list, those scrolled out of sight too."""
    lst = find(node, "list box", list_name, showing=False)
    return [c.name for c in lst.children if c.roleName == "list item"]


def dialog(app, name):
    return wait_for(lambda: [n for n in app.children if n.name == name and n.showing],
                    timeout=20, what=f"the dialog {name!r}")[0]


def open_person(window, search):
    """Enter in the search opens the one person found."""
    wait_for(lambda: [n for n in window.findChildren(
        lambda n: n.roleName == "list item" and (n.name or "").startswith("Ana Silva") and n.showing,
        isLambda=True)], what="Ana Silva in the list")
    search.grabFocus()
    press("Return")


def open_row(node):
    """Enter on a row, as the keyboard opens it."""
    node.grabFocus()
    wait_for(lambda: node.focused, what=f"the focus on {node.name!r}")
    press("Return")


def gone(app, name):
    return eventually(lambda: not [n for n in app.children if n.name == name and n.showing])


def save_as_pdf(app, window):
    """A second referral, saved and its sheet saved as PDF at once (GTK's own
    file chooser is larger than the screen at text scale 1.5: English only)."""
    activate(find(window, "push button", S["refer"]))
    d = dialog(app, S["dialog"])
    places = find(d, "text", S["search places"])
    places.text = "Épernay"
    wait_for(lambda: len(items(d, S["places"])) == 1, what="the place of Épernay")
    places.grabFocus()
    press("Return")
    find(d, "text", S["why"], showing=False).text = "Dossier APL"
    activate(find(d, "push button", "Save as PDF…"))
    chooser = top_level(app, "Save the Sheet as PDF", what="the file chooser")
    name_entry = pdf_name_field(chooser)
    saved = os.path.join(os.environ["SILLON_TEST_WORKDIR"], "referral.pdf")
    name_entry.text = saved
    activate(find(chooser, "push button", "Save"))
    wait_for(lambda: os.path.exists(saved) and os.path.getsize(saved) > 0, timeout=30, what="the saved PDF")
    text = subprocess.run(["pdftotext", saved, "-"], check=True, capture_output=True, text=True).stdout
    check("France services d'Épernay" in text and "Dossier APL" in text,
          "the saved PDF is the sheet of the referral just made, to the place chosen")
    press("<Alt>5")
    rows = wait_for(lambda: items(window, S["follow list"]), what="the new referral waiting for news")
    check(len(rows) == 1 and "Épernay" in rows[0], f"the new referral waits for news: {rows}")
    screenshot(f"referrals-{TAG}-06-second")


def test():
    # Ana lives in Reims (postal code 51100, INSEE 51454).
    vault_with_person_and_places(vault, PASSPHRASE, PLACES_FILE,
                                 {"first": "Ana", "last": "Silva", "commune": "51100"})

    proc, app, window = open_vault(vault, PASSPHRASE, S["unlock"])
    search = find(window, "text", S["search people"], timeout=60)
    search.text = "Ana"
    open_person(window, search)
    refer = find(window, "push button", S["refer"], timeout=20)

    # ── The referral ──
    activate(refer)
    d = dialog(app, S["dialog"])
    check(bool(eventually(lambda: labels_containing(d, S["order"]))),
          "the dialog says the places of the person's commune come first")
    # Nothing chosen: refused, with a message in the dialog.
    activate(find(d, "push button", S["save"]))
    check(bool(eventually(lambda: labels_containing(d, S["choose place"]))), "a referral without a place is refused")

    places = find(d, "text", S["search places"])
    # By service: the person's commune first, then its département, then the rest.
    places.text = "démarches"
    found = wait_for(lambda: items(d, S["places"]) if len(items(d, S["places"])) == 3 else None,
                     what="three places offering the service")
    check(found[0].startswith("France services de Reims") and found[1].startswith("France services d’Épernay".replace("’", "'"))
          and found[2].startswith("France services Lyon"),
          f"nearest first: Reims, then Épernay (Marne), then Lyon: {found}")
    # By commune name and service together.
    places.text = "Reims démarches"
    found = wait_for(lambda: items(d, S["places"]) if len(items(d, S["places"])) == 1 else None,
                     what="the one place of Reims offering the service")
    check(found[0].startswith("France services de Reims"), f"found by commune name and service: {found}")
    places.grabFocus()
    press("Return")
    check(bool(eventually(lambda: labels_containing(d, S["chosen"]))), "Enter in the search chooses the place found")
    find(d, "text", S["why"], showing=False).text = "Demande de retraite"
    find(d, "text", S["done"], showing=False).text = "Compte créé ensemble"
    find(d, "text", S["documents"], showing=False).text = "Pièce d'identité, avis d'imposition"
    activate(find(d, "check box", S["agrees"], showing=False))
    activate(find(d, "push button", S["save"]))
    check(bool(eventually(lambda: labels_containing(d, S["say share"]))),
          "consent without saying what may be shared is refused")
    share = find(d, "text", S["share"], showing=False)
    check(eventually(lambda: share.focused and share.showing) is not None,
          "the field the message is about has the focus, scrolled into view")
    screenshot(f"referrals-{TAG}-01a-dialog-refused")
    find(d, "text", S["share"], showing=False).text = "Le motif et ce qui a été fait"
    screenshot(f"referrals-{TAG}-01-dialog")
    fits_screen(d, "the referral dialog")
    activate(find(d, "push button", S["save"]))
    check(gone(app, S["dialog"]), "the dialog closes once the referral is saved")
    check(bool(eventually(lambda: labels_containing(window, S["saved"]))), "a toast says the referral is saved")
    story = wait_for(lambda: [n for n in window.findChildren(
        lambda n: n.roleName == "list item" and S["issued"] in (n.name or "") and n.showing, isLambda=True)],
        what="the referral in the story")
    check(bool(story), "the story shows the referral, issued")

    # ── Referrals to follow up ──
    press("<Alt>5")
    check(find(window, "radio button", S["area"]).checked, "Alt+5 shows the referrals area")
    rows = wait_for(lambda: items(window, S["follow list"]), what="the referral waiting for news")
    check(len(rows) == 1 and rows[0].startswith(S["row"]), f"the referral waits for news: {rows}")
    check(bool(labels_containing(window, S["one waits"])), "the list counts what waits")
    screenshot(f"referrals-{TAG}-02-follow-up")
    fits_screen(window, "the referrals area")
    open_row(find(window, "list item", rows[0]))
    sd = dialog(app, S["status dialog"])
    screenshot(f"referrals-{TAG}-03-status")
    fits_screen(sd, "the follow-up dialog")
    activate(find(sd, "radio button", S["honoured"]))
    activate(find(sd, "push button", S["save"]))
    check(gone(app, S["status dialog"]), "the follow-up dialog closes once saved")
    check(eventually(lambda: items(window, S["follow list"]) == []) is not None,
          "marked honoured, the referral leaves the list")
    check(bool(eventually(lambda: labels_containing(window, S["empty"]))), "the empty list says so")
    screenshot(f"referrals-{TAG}-04-follow-up-empty")

    # ── From the person's story ──
    press("<Alt>1")
    search = find(window, "text", S["search people"])
    search.text = "Ana"
    open_person(window, search)
    story = wait_for(lambda: [n for n in window.findChildren(
        lambda n: n.roleName == "list item" and S["story row"] in (n.name or "") and n.showing, isLambda=True)],
        what="the referral in the story")
    open_row(story[0])
    sd = dialog(app, S["status dialog"])
    check(find(sd, "radio button", S["honoured"]).checked, "the dialog starts from the recorded outcome")
    activate(find(sd, "radio button", S["not honoured"]))
    activate(find(sd, "push button", S["save"]))
    check(bool(eventually(lambda: labels_containing(window, S["followed"]))), "a toast says the follow-up is saved")
    check(bool(eventually(lambda: [n for n in window.findChildren(
        lambda n: n.roleName == "list item" and (n.name or "").endswith(S["not honoured short"]) and n.showing,
        isLambda=True)])), "the story shows the new outcome")
    screenshot(f"referrals-{TAG}-05-story")

    if LANGUAGE == "en" and not LARGE_TEXT:
        save_as_pdf(app, window)

    # Locking takes the list off the screen.
    press("<Control>l")
    find(window, "password text", S["unlock"], timeout=20)
    press("<Control>q")
    proc.wait(timeout=20)


run(test)
