"""Quitting with work not saved asks first, through the page that holds it:
a session form the automatic lock closed (kept in memory until the unlock),
a new workshop typed in, and one the automatic lock took off the screen,
which shows again after the unlock. Cancel (or Escape) stays with
everything as it was; Discard drops the work and Save keeps it, then
Sillon quits. (While a form is open, GTK
itself lets neither Ctrl+Q nor the window's Close button through: the form
is modal.)"""

import datetime
import os

from sillonui import (activate, check, check_quits, create_vault_through_ui, dialog_showing, eventually,
                      find, is_showing, labels_containing, list_items_starting, press, run, screenshot,
                      start_app, start_new_vault, start_session_form, start_with_person, type_passphrase,
                      unnamed_interactive, wait_for, wait_for_auto_lock)

PASSPHRASE = "leave nothing behind unsaved"
IDLE_SECONDS = 4
# Long enough for the few actions that type the workshop in.
WORKSHOP_IDLE_SECONDS = 10
# Three runs, each under 30 s: "forms" (the person page's forms),
# "workshop" (the workshop page) and "person" (the new person's form).
PART = os.environ.get("SILLON_TEST_PART", "forms")
vault = os.path.join(os.environ["SILLON_TEST_WORKDIR"], f"leave-{PART}.sillon")


def alert(app, title):
    return find(app, "alert", title, timeout=10)


def alerts(app):
    return app.findChildren(lambda n: n.roleName == "alert" and n.showing, isLambda=True)


def ask_to_quit_and_stay(app, title, screenshot_name):
    """Ctrl+Q asks the question TITLE, every control of it named; Escape
    closes it."""
    press("<Control>q")
    question = alert(app, title)
    check(not unnamed_interactive(question), "every control of the question is named")
    screenshot(screenshot_name)
    press("Escape")
    check(bool(eventually(lambda: not alerts(app))), "Escape closes the question")


def unlock(app):
    window = find(app, "frame", "Sillon", timeout=30)
    entry = find(window, "password text", "Passphrase", timeout=30)
    entry.text = PASSPHRASE
    entry.grabFocus()
    press("Return")
    find(window, "text", "Search people", timeout=60)
    return window


def open_person(window):
    """Awa Diallo's page, from the people search."""
    search = find(window, "text", "Search people", timeout=30)
    search.text = "Diallo"
    search.grabFocus()
    wait_for(lambda: [n for n in window.findChildren(
        lambda n: n.roleName == "list item" and (n.name or "").startswith("Awa Diallo") and n.showing,
        isLambda=True)], what="Awa Diallo in the list")
    press("Return")
    find(window, "push button", "Log Session", timeout=20)


def test():
    if PART == "workshop":
        workshop_part()
    elif PART == "person":
        person_part()
    else:
        forms_part()


def type_new_person(window, first, last):
    press("<Control>n")
    find(window, "text", "First name").text = first
    find(window, "text", "Last name").text = last
    find(window, "text", "Birth year").text = "1961"


def person_part():
    proc, app, window = start_new_vault(vault, PASSPHRASE)
    find(window, "text", "Search people", timeout=60)

    # ── A new person typed in: changing area, Ctrl+Q ask first ──
    type_new_person(window, "Jeanne", "Moreau")
    press("<Alt>2")
    question = alert(app, "Save before leaving?")
    check(bool(labels_containing(question, "“New Person” is open and not saved")),
          "the question names the new person's form")
    check(not unnamed_interactive(question), "every control of the question is named")
    press("Escape")
    check(bool(eventually(lambda: not alerts(app))), "Escape closes the question")
    check(find(window, "text", "First name").text == "Jeanne", "Escape stays on the form, as it was")
    ask_to_quit_and_stay(app, "Save before leaving?", "leave-unsaved-07-new-person-question")
    check(proc.poll() is None and find(window, "text", "Last name").text == "Moreau",
          "Escape keeps Sillon open, the form as it was")
    press("<Control>q")
    activate(find(alert(app, "Save before leaving?"), "push button", "Discard"))
    check_quits(proc, "discarding the new person quits")

    # ── Typed in when the vault locks itself: kept for the unlock ──
    os.environ["SILLON_AUTO_LOCK_SECONDS"] = str(IDLE_SECONDS)
    proc, app = start_app("--vault", vault)
    window = unlock(app)
    check(not list_items_starting(window, "Jeanne Moreau"), "the discarded person was not added")
    type_new_person(window, "Louise", "Petit")
    wait_for_auto_lock(window, IDLE_SECONDS)
    check(not window.findChildren(lambda n: (n.text if n.roleName == "text" else n.name) == "Louise",
                                  isLambda=True, showingOnly=False),
          "nothing of the form is left in the window while locked")
    ask_to_quit_and_stay(app, "Quit and discard the new person not added?",
                         "leave-unsaved-08-locked-new-person-question")
    check(proc.poll() is None, "Escape keeps Sillon open, locked")
    del os.environ["SILLON_AUTO_LOCK_SECONDS"]
    type_passphrase(window, PASSPHRASE)
    first = find(window, "text", "First name", timeout=30)
    check(first.text == "Louise" and find(window, "text", "Last name").text == "Petit"
          and find(window, "text", "Birth year").text == "1961",
          f"the form shows again after the unlock, as typed: {first.text!r}")
    check(bool(labels_containing(window, "What you typed before the vault locked is back")),
          "the form says it is back and not saved")
    screenshot("leave-unsaved-09-new-person-back")
    press("<Control>q")
    activate(find(alert(app, "Save before leaving?"), "push button", "Save"))
    check_quits(proc, "adding the person quits")

    proc, app = start_app("--vault", vault)
    window = unlock(app)
    check(bool(eventually(lambda: list_items_starting(window, "Louise Petit"))),
          "the person kept over the lock was added")
    press("<Control>q")
    check_quits(proc, "nothing to save: Ctrl+Q quits without a question")


def forms_part():
    # The vault locks itself after a few idle seconds in the first part.
    os.environ["SILLON_AUTO_LOCK_SECONDS"] = str(IDLE_SECONDS)
    proc, app, window = start_with_person(vault, PASSPHRASE, "Awa", "Diallo")

    # ── A session form the lock closed: kept in memory, and quitting asks ──
    start_session_form(app)
    wait_for_auto_lock(window, IDLE_SECONDS)
    ask_to_quit_and_stay(app, "Quit and discard the form the lock closed?", "leave-unsaved-01-locked-draft-question")
    check(proc.poll() is None and is_showing(window), "Escape keeps Sillon open, locked")
    press("<Control>q")
    question = alert(app, "Quit and discard the form the lock closed?")
    activate(find(question, "push button", "Discard and Quit"))
    check_quits(proc, "discarding the session form quits")
    del os.environ["SILLON_AUTO_LOCK_SECONDS"]

    proc, app = start_app("--vault", vault)
    window = unlock(app)
    forms_closed_by_the_lock(app, window)
    press("<Control>q")
    check_quits(proc, "nothing to save: Ctrl+Q quits without a question")


def workshop_part():
    proc, app = start_app("--vault", vault)
    window = find(app, "frame", "Sillon", timeout=30)
    create_vault_through_ui(window, PASSPHRASE)
    find(window, "text", "Search people", timeout=60)

    # ── A new workshop typed in: Ctrl+Q asks the same question as leaving the page ──
    press("<Alt>2")
    activate(find(window, "push button", "Plan a Workshop"))
    find(window, "text", "Workshop title").text = "Online forms"
    date = datetime.date.today() + datetime.timedelta(days=3)
    find(window, "text", "Workshop date").text = date.isoformat()
    activate(find(window, "check box", "E-mail", showing=False))
    press("<Control>q")
    question = alert(app, "Save the new workshop?")
    check(bool(labels_containing(question, "Online forms")), "quitting names the workshop not saved")
    screenshot("leave-unsaved-02-workshop-question")
    press("Escape")
    check(bool(eventually(lambda: not alerts(app))), "Escape closes the question")
    check(proc.poll() is None and find(window, "text", "Workshop title").text == "Online forms",
          "Escape stays on the workshop, as it was")
    press("<Control>q")
    question = alert(app, "Save the new workshop?")
    activate(find(question, "push button", "Discard"))
    check_quits(proc, "discarding the workshop quits")

    # ── A workshop typed in when the vault locks itself: kept for the unlock ──
    os.environ["SILLON_AUTO_LOCK_SECONDS"] = str(WORKSHOP_IDLE_SECONDS)
    proc, app = start_app("--vault", vault)
    window = unlock(app)
    press("<Alt>2")
    activate(find(window, "push button", "Plan a Workshop", timeout=20))
    check(not labels_containing(window, "Online forms") and not window.findChildren(
        lambda n: n.roleName == "list item" and "Online forms" in (n.name or ""), isLambda=True),
          "the discarded workshop was not saved")
    find(window, "text", "Workshop title").text = "Printed forms"
    find(window, "text", "Workshop date").text = date.isoformat()
    activate(find(window, "check box", "E-mail", showing=False))
    wait_for_auto_lock(window, WORKSHOP_IDLE_SECONDS)
    check(not labels_containing(window, "Printed forms"), "nothing of the workshop shows while locked")
    ask_to_quit_and_stay(app, "Quit and discard the workshop not saved?", "leave-unsaved-03-locked-workshop-question")
    check(proc.poll() is None, "Escape keeps Sillon open, locked")
    del os.environ["SILLON_AUTO_LOCK_SECONDS"]
    entry = find(window, "password text", "Passphrase", timeout=30)
    entry.text = PASSPHRASE
    entry.grabFocus()
    press("Return")
    title = find(window, "text", "Workshop title", timeout=30)
    check(title.text == "Printed forms", f"the workshop shows again after the unlock, as typed: {title.text!r}")
    check(bool(labels_containing(window, "What you typed before the vault locked is back")),
          "the page says the workshop is back and not saved")
    screenshot("leave-unsaved-04-workshop-back")
    # Still not saved: quitting asks, and Save keeps it.
    press("<Control>q")
    question = alert(app, "Save the new workshop?")
    activate(find(question, "push button", "Save"))
    check_quits(proc, "saving the workshop quits")

    proc, app = start_app("--vault", vault)
    window = unlock(app)
    press("<Alt>2")
    check(bool(eventually(lambda: window.findChildren(
        lambda n: n.roleName == "list item" and "Printed forms" in (n.name or ""), isLambda=True))),
          "the workshop kept over the lock was saved")
    press("<Control>q")
    check_quits(proc, "nothing to save: Ctrl+Q quits without a question")


def forms_closed_by_the_lock(app, window):
    # ── A referral form the lock closes is kept and opens again ──
    open_person(window)
    activate(find(window, "push button", "Refer…", timeout=20))
    referral = wait_for(lambda: dialog_showing(app, "New Referral"), what="the referral form")
    find(referral, "text", "Why the person is referred", showing=False).text = "Demande de retraite"
    find(window, "push button", "Lock the vault", showing=False).doActionNamed("click")
    find(window, "label", "The Vault Is Locked", timeout=20)
    check(bool(eventually(lambda: dialog_showing(app, "New Referral") is None)), "the referral form closes with the lock")
    unlock(app)
    open_person(window)
    referral = eventually(lambda: dialog_showing(app, "New Referral"), what="the referral form again")
    check(referral is not None and find(referral, "text", "Why the person is referred", showing=False).text ==
          "Demande de retraite", "coming back to the person opens the referral form again, as it was")
    screenshot("leave-unsaved-05-referral-back")
    press("Escape")
    check(bool(eventually(lambda: dialog_showing(app, "New Referral") is None)), "Escape closes the referral form")

    # ── Another form the lock closes is not kept: the mediator is told ──
    activate(find(window, "push button", "Record Consent…", timeout=20))
    wait_for(lambda: dialog_showing(app, "Record Consent"), what="the consent form")
    find(window, "push button", "Lock the vault", showing=False).doActionNamed("click")
    find(window, "label", "The Vault Is Locked", timeout=20)
    check(bool(eventually(lambda: dialog_showing(app, "Record Consent") is None)), "the consent form closes with the lock")
    unlock(app)
    open_person(window)
    check(bool(eventually(lambda: labels_containing(window, "“Record Consent” was open when the vault locked"))),
          "coming back to the person says the form was not kept")
    screenshot("leave-unsaved-06-form-not-kept")


run(test)
