"""A session form open when the vault locks itself: the form closes with
the lock and nothing of it stays on screen; when the mediator unlocks and
comes back to the person, it opens again as it was (kept in memory only)."""

import os
import time

from sillonui import (check, dialog_showing, eventually, find, labels_containing, list_items_starting, press, run,
                      screenshot, start_session_form, start_with_person, type_passphrase, wait_for, wait_for_auto_lock)

PASSPHRASE = "a quiet field of wheat at dawn"
IDLE_SECONDS = 4
vault = os.path.join(os.environ["SILLON_TEST_WORKDIR"], "draft.sillon")


def test():
    os.environ["SILLON_AUTO_LOCK_SECONDS"] = str(IDLE_SECONDS)
    proc, app, window = start_with_person(vault, PASSPHRASE, "Awa", "Diallo")
    start_session_form(app)

    # Idle: the vault locks, the form goes, nothing of it stays.
    wait_for_auto_lock(window, IDLE_SECONDS)
    check(bool(eventually(lambda: dialog_showing(app, "Log a Session") is None)), "the form closes with the lock")
    check(not labels_containing(window, "Santé") and not labels_containing(window, "Awa Diallo"),
          "nothing of the person or the form shows while locked")
    screenshot("session-draft-01-locked")

    type_passphrase(window, PASSPHRASE)
    search = find(window, "text", "Search people", timeout=60)
    search.text = "Diallo"
    wait_for(lambda: list_items_starting(window, "Awa Diallo"), what="the person in the list")
    # Enter in the search opens the first person found.
    search.grabFocus()
    press("Return")
    editor = eventually(lambda: dialog_showing(app, "Log a Session"), what="the form again")
    check(editor is not None, "coming back to the person opens the form again")
    check(editor is not None and bool(labels_containing(editor, "Chosen: Santé")),
          "the form holds what was chosen before the lock")
    screenshot("session-draft-02-back")
    # The short idle delay may lock again at any moment: end the process.
    proc.terminate()
    proc.wait(timeout=30)


run(test)
