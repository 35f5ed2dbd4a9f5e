"""The keys a mediator relies on all day, each advertised somewhere and each
checked here: Ctrl+N (new person), F10 (main menu), Escape (cancel a form,
go back, leave an assessment with nothing to lose), Enter in the decision's
reason (save), the focus on the result page, and an answer chosen but not
confirmed that survives a lock."""

import os

from dogtail.rawinput import typeText
from sillonui import (appears, check, check_quits, choose_assessment, create_vault_through_ui, eventually, find,
                      is_showing, labels_containing, list_items_starting, press, run, screenshot, start_app,
                      type_passphrase, wait_for)

PASSPHRASE = "a hedge of hawthorn in May"
vault = os.path.join(os.environ["SILLON_TEST_WORKDIR"], "keys.sillon")


def showing(window, role, name):
    try:
        return is_showing(find(window, role, name, timeout=0.5))
    except TimeoutError:
        return False


def test():
    proc, app = start_app("--vault", vault)
    window = find(app, "frame", "Sillon", timeout=30)
    create_vault_through_ui(window, PASSPHRASE)
    search = find(window, "text", "Search people", timeout=60)

    # Ctrl+N opens the new-person form, the focus in its first field.
    search.grabFocus()
    press("<Control>n")
    first = find(window, "text", "First name")
    check(wait_for(lambda: first.focused, what="the first name to take the focus") is True,
          "Ctrl+N opens the new-person form on the first name")
    typeText("Léa")
    # Escape cancels the form, which forgets what was typed.
    press("Escape")
    check(eventually(lambda: not showing(window, "text", "First name"), what="the form to close") is True,
          "Escape cancels the new-person form")
    press("<Control>n")
    first = find(window, "text", "First name")
    check(first.text == "", "a cancelled form comes back empty")
    press("Escape")
    eventually(lambda: not showing(window, "text", "First name"), what="the form to close")
    # Escape in the search clears it, as in every GNOME search entry.
    search.grabFocus()
    typeText("xyz")
    press("Escape")
    check(eventually(lambda: search.text == "", what="the search to clear") is True,
          "Escape in the search clears it")

    # F10 opens the main menu; Escape closes it.
    press("F10")
    about = appears(app, None, "About Sillon")
    check(about is not None, "F10 opens the main menu")
    screenshot("keys-01-f10-menu")
    press("Escape")
    if about is not None:
        wait_for(lambda: not is_showing(about), what="the menu to close")

    # A person, added from the keyboard alone.
    press("<Control>n")
    wait_for(lambda: find(window, "text", "First name").focused, what="the first name to take the focus")
    typeText("Awa")
    press("Tab")
    typeText("Diallo")
    press("Return")
    new_assessment = find(window, "push button", "New Assessment", timeout=20)
    # Escape goes back from the person's page to the list.
    press("Escape")
    check(appears(window, "text", "Search people") is not None, "Escape goes back from a person's page")
    search = find(window, "text", "Search people")
    search.text = "Awa"
    wait_for(lambda: list_items_starting(window, "Awa Diallo"), what="the search result")
    search.grabFocus()
    press("Return")
    new_assessment = find(window, "push button", "New Assessment", timeout=20)

    # The back button is in the header bar: from the person to the list.
    back = find(window, "push button", "Go back")
    back.doActionNamed("click")
    check(appears(window, "text", "Search people") is not None, "the header bar's back button goes back")
    check(not is_showing(back), "the list has no back button")
    search = find(window, "text", "Search people")
    search.grabFocus()
    press("Return")
    new_assessment = find(window, "push button", "New Assessment", timeout=20)

    # Escape leaves an assessment with nothing to lose at once.
    new_assessment.click()
    choose_assessment(window)
    wait_for(lambda: labels_containing(window, "Question 1 of"), what="the first question")
    press("Escape")
    check(appears(window, "push button", "New Assessment") is not None,
          "Escape leaves an assessment without answers")

    # An answer chosen but not yet confirmed is still chosen after a lock.
    find(window, "push button", "New Assessment").click()
    choose_assessment(window)
    wait_for(lambda: labels_containing(window, "Question 1 of"), what="the first question")
    press("2")
    chosen = wait_for(lambda: [n for n in window.findChildren(
        lambda n: n.roleName == "radio button" and n.checked and n.showing, isLambda=True)],
        what="the chosen answer")[0]
    chosen_name = chosen.name
    press("<Control>l")
    type_passphrase(window, PASSPHRASE)
    wait_for(lambda: labels_containing(window, "Question 1 of"), timeout=60, what="the first question again")
    again = eventually(lambda: [n for n in window.findChildren(
        lambda n: n.roleName == "radio button" and n.checked and n.showing, isLambda=True)],
        what="a chosen answer")
    check(bool(again) and again[0].name == chosen_name,
          f"the answer chosen before the lock is still chosen ({chosen_name!r})")

    # The result page opens with the keyboard focus in it.
    press("Return")
    wait_for(lambda: labels_containing(window, "Question 2 of"), what="the second question")
    press("<Alt>f")
    wait_for(lambda: [n for n in window.findChildren(lambda n: n.roleName == "chart" and n.showing,
                                                       isLambda=True)], what="the chart")
    urgent = find(window, "check box", "A procedure is urgent today (a deadline, a right about to be lost)",
                  showing=False)
    check(eventually(lambda: urgent.focused, what="the focus on the result page") is True,
          "the result page opens with the keyboard focus on its first control")
    screenshot("keys-02-result-focus")

    # Enter in the reason saves.
    press("<Alt>r")
    reason = find(window, "text", "Reason for your decision", showing=False)
    wait_for(lambda: reason.focused, what="the reason to take the focus")
    typeText("First visit")
    press("Return")
    check(appears(window, "push button", "New Assessment", timeout=20) is not None,
          "Enter in the reason saves the assessment")

    press("<Control>q")
    check_quits(proc)


run(test)
