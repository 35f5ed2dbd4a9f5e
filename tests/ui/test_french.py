"""Sillon in French, its users' language: the first window speaks French,
through the translations built in the tree, and every control still has an
accessible name (now in French)."""

import os

from sillonui import (check, eventually, find, labels_containing, press, run, screenshot, start_app,
                      unnamed_interactive)


def test():
    vault = os.path.join(os.environ["SILLON_TEST_WORKDIR"], "fr.sillon")
    proc, app = start_app("--vault", vault)
    window = find(app, "frame", "Sillon", timeout=30)

    for role, name in (("text", "Votre nom"),
                       ("password text", "Phrase de passe"),
                       ("password text", "Confirmer la phrase de passe"),
                       ("push button", "Créer le coffre-fort")):
        check(find(window, role, name) is not None, f"{role} « {name} » is in French")
    check(bool(labels_containing(window, "Bienvenue dans Sillon")), "the welcome title is in French")
    missing = unnamed_interactive(window)
    check(not missing, "every interactive widget has an accessible name in French: " + ", ".join(missing))

    # A refused form explains itself in French too.
    find(window, "text", "Votre nom").text = "Camille Martin"
    find(window, "push button", "Créer le coffre-fort").click()
    # The message appears once the form has been checked: wait for it.
    message = eventually(lambda: labels_containing(window, "au moins 10 caractères"),
                         what="the short-passphrase message in French")
    check(bool(message), "the short-passphrase message is in French")
    screenshot("fr-01-create-vault")

    press("<Control>q")
    proc.wait(timeout=20)
    check(proc.returncode == 0, f"quits cleanly (exit status {proc.returncode})")


run(test)
