"""Sillon in French, its users' language: the first window speaks French,
through the translations built in the tree, and every control still has an
accessible name (now in French). The test goes on through the recovery key,
the people, a person, a question and the result, so that each page's
screenshot shows it in French."""

import datetime
import os

from sillonui import (activate, check, check_quits, eventually, find, labels_containing, press,
                      run, screenshot, start_app, unnamed_interactive, wait_for)

PASSPHRASE = "une phrase de passe assez longue"


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
    # Each page's title, in the header bar, is translated with the page.
    check(bool(labels_containing(window, "Nouveau coffre-fort")), "the creation page's title is in French")

    # The rest of the way in French: the recovery key, the people, a person,
    # a question and the result.
    find(window, "password text", "Phrase de passe").text = PASSPHRASE
    find(window, "password text", "Confirmer la phrase de passe").text = PASSPHRASE
    activate(find(window, "push button", "Créer le coffre-fort"))
    written = find(window, "check box", "J’ai noté la clé de secours", timeout=60)
    check(bool(labels_containing(window, "Clé de secours")), "the recovery key page's title is in French")
    screenshot("fr-02-recovery-key")
    activate(written)
    proceed = find(window, "push button", "Continuer")
    wait_for(lambda: proceed.sensitive, what="Continuer to become sensitive")
    activate(proceed)
    find(window, "text", "Rechercher des personnes", timeout=60)
    screenshot("fr-03-people")

    # A new workshop's date, day first as French readers write it.
    press("<Alt>2")
    activate(find(window, "push button", "Planifier un atelier"))
    date_entry = find(window, "text", "Date de l’atelier")
    today = datetime.date.today().strftime("%d/%m/%Y")
    check(date_entry.text == today, f"the workshop form shows today as {today} ({date_entry.text!r})")
    screenshot("fr-03b-workshop")
    press("<Alt>1")
    find(window, "text", "Rechercher des personnes")

    activate(find(window, "push button", "Nouvelle personne"))
    find(window, "text", "Prénom").text = "Awa"
    find(window, "text", "Nom").text = "Diallo"
    activate(find(window, "push button", "Ajouter la personne"))
    new_assessment = find(window, "push button", "Nouveau diagnostic", timeout=20)
    screenshot("fr-04-person")

    activate(new_assessment)
    find(window, "push button", "Diagnostic rapide", timeout=20)
    screenshot("fr-04b-assessment-choice")
    # The mnemonic that the French shortcuts window advertises.
    press("<Alt>c")  # « Diagnostic _complet »
    question = eventually(lambda: labels_containing(window, "Question 1 sur "), what="the first question in French")
    check(bool(question), "the wizard speaks French")
    check(bool(labels_containing(window, "Diagnostic")), "the wizard's title is in French")
    press("2")
    press("Return")
    wait_for(lambda: labels_containing(window, "Question 2 sur "), what="the second question")
    press("3")
    screenshot("fr-05-question")
    press("<Alt>t")  # « _Terminer maintenant »
    chart = eventually(lambda: [n for n in window.findChildren(
        lambda n: n.roleName == "chart" and n.showing, isLambda=True)], what="the chart")
    check(bool(chart) and chart[0].name == "Scores par axe, sur 100", "the result's chart is named in French")
    check(bool(labels_containing(window, "Résultat provisoire")), "the result page is in French")
    missing = unnamed_interactive(window)
    check(not missing, "every control of the result page has a French name: " + ", ".join(missing))
    screenshot("fr-06-summary")

    # The shortcuts window shows the wizard's mnemonics as they are in
    # French: Alt+T (« _Terminer maintenant ») and Alt+M (« Aide pour le
    # _médiateur »), not the English Alt+F and Alt+H, which do nothing here.
    press("<Control>F1")
    shortcuts = wait_for(lambda: [n for n in app.children
                                  if n.name == "Raccourcis clavier" and n.showing],
                         what="the shortcuts window in French")[0]
    keys = {n.name for n in shortcuts.findChildren(lambda n: n.roleName == "label", isLambda=True)}
    check("T" in keys and "M" in keys, "the shortcuts window shows Alt+T and Alt+M in French")
    check("F" not in keys and "H" not in keys, "the shortcuts window shows no Alt+F nor Alt+H in French")
    # The first step's choice: Alt+R (« Diagnostic _rapide ») and Alt+C
    # (« Diagnostic _complet »), not the English Alt+U (Alt+Q would be
    # Ctrl+Q's Q too, so only U tells).
    check("R" in keys and "C" in keys, "the shortcuts window shows the choice's Alt+R and Alt+C in French")
    check("U" not in keys, "the shortcuts window shows no Alt+U in French")
    titles = {n.name for n in shortcuts.findChildren(lambda n: n.roleName == "label", isLambda=True)}
    check("Noter un accompagnement pour la personne choisie dans la liste" in titles,
          "the shortcuts window advertises Ctrl+Shift+N on the people list, in French")
    check("Choisir le diagnostic rapide" in titles and "Choisir le diagnostic complet" in titles,
          "the shortcuts window lists the choice of the assessment, in French")
    screenshot("fr-06b-shortcuts")
    press("Escape")
    wait_for(lambda: not shortcuts.showing, what="the shortcuts window to close")

    # Locked, in French; the assessment stays in memory.
    press("<Control>l")
    locked = eventually(lambda: labels_containing(window, "Le coffre-fort est verrouillé"),
                        what="the unlock page in French")
    check(bool(locked), "the unlock page is in French")
    check(not labels_containing(window, "Awa Diallo"), "nothing about the person shows while locked")
    screenshot("fr-07-unlock")

    # Quitting with answers asks first, even locked; « Abandonner et quitter » leaves.
    press("<Control>q")
    wait_for(lambda: [n for n in app.children if n.name == "Quitter et abandonner ce diagnostic ?"],
             what="the quit question in French")
    press("<Alt>a")
    check_quits(proc)


run(test)
