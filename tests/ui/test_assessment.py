"""The path a mediator takes at the counter: open a fresh vault, add a person,
run the pouvoir/vouloir/savoir assessment with the keyboard only (choose,
confirm, go back and change an answer, skip), stop early, read the summary,
decide, save, and find the assessment on the person's page.

The expected scores are computed here from the questionnaire file and the
formula in docs/ASSESSMENT.md, not taken from the application."""

import datetime
import json
import os
import re
import subprocess
from fractions import Fraction

from dogtail.rawinput import typeText
from sillonui import (check, check_quits, create_vault_through_ui, find, is_showing, labels_containing,
                      list_items_starting, press, press_keys, run, screenshot, start_app, unnamed_interactive,
                      wait_for)

PASSPHRASE = "a quiet field of wheat at dawn"
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "resources", "data")
QUESTIONNAIRE = os.path.join(DATA, "questionnaire-v1.json")
vault = os.path.join(os.environ["SILLON_TEST_WORKDIR"], "assessment-vault.sillon")


HELP = {}


def load_questionnaire():
    with open(QUESTIONNAIRE, encoding="utf-8") as f:
        data = json.load(f)
    items = []
    for item in data["items"]:
        scale = data["scales"][item["scale"]] if "scale" in item else item
        items.append({
            "id": item["id"],
            "axis": item["axis"],
            "scored": item.get("scored", True),
            "weight": item.get("weight", 0),
            "max": scale["max"],
            "choices": scale["choices"],
            "question": item["_question"],
        })
        HELP[item["id"]] = item.get("_help", "")
    return items


def orientation_labels():
    with open(os.path.join(DATA, "orientation-rules-v1.json"), encoding="utf-8") as f:
        return {o["id"]: o["_label"] for o in json.load(f)["orientations"]}


def round_half_up(value):
    return int(value + Fraction(1, 2)) if value >= 0 else -int(-value + Fraction(1, 2))


def expected_scores(items, answers):
    """docs/ASSESSMENT.md: score = round(100 × Σ(wᵢ·vᵢ/maxᵢ) / Σwᵢ) over the
    scored items answered; no scored answer → no score."""
    result = {}
    for axis in ("pouvoir", "vouloir", "savoir"):
        num, den, n_answered, n_scored = Fraction(0), 0, 0, 0
        for item in items:
            if item["axis"] != axis or not item["scored"]:
                continue
            n_scored += 1
            if answers.get(item["id"]) is None:
                continue
            n_answered += 1
            num += Fraction(item["weight"] * answers[item["id"]], item["max"])
            den += item["weight"]
        score = round_half_up(100 * num / den) if den else None
        result[axis] = (score, n_answered, n_scored)
    return result


def expected_degree(scores):
    pouvoir, savoir = scores["pouvoir"][0], scores["savoir"][0]
    if savoir is None:
        return "Not determined"
    order = ["Very far from digital", "Far from digital", "Making progress", "Autonomous"]
    level = 0 if savoir < 25 else 1 if savoir < 50 else 2 if savoir < 80 else 3
    if pouvoir is not None:
        level = min(level, 1 if pouvoir < 40 else 2 if pouvoir < 70 else 3)
    return order[level]


def question_showing(window, item):
    return wait_for(lambda: [n for n in labels_containing(window, item["question"])],
                    what=f"the question {item['id']}")


def assessment_rows(window):
    """The person's story lists an assessment as "7 December 2026: Assessment — …"."""
    today = datetime.date.today()
    shown = f"{today.day} {today.strftime('%B')} {today.year}: Assessment"
    return list_items_starting(window, shown)


def discard_dialogs(app, question):
    """Showing dialogs that ask QUESTION, found by accessible name or text."""
    found = []
    for top in app.children:
        try:
            if not top.showing or top.roleName not in ("alert", "dialog"):
                continue
            if top.name == question or labels_containing(top, question):
                found.append(top)
        except Exception:  # a dialog closing under our feet
            continue
    return found


def discard_dialog(app, question):
    return wait_for(lambda: discard_dialogs(app, question), what=f"the dialog {question!r}")[0]


def chosen_answer(window, item, index):
    return find(window, "radio button", item["choices"][index]["_label"]).checked


def check_cancel_asks(app, window, items):
    """Cancel leaves at once when nothing would be lost, and asks otherwise;
    keeping is what Enter and Escape do. The wizard must show question 1."""
    question_showing(window, items[0])
    press("<Alt>c")
    new_assessment = find(window, "push button", "New Assessment", timeout=20)
    check(not discard_dialogs(app, "Discard this assessment?"),
          "cancelling with no answer goes back to the person without asking")
    new_assessment.click()

    question_showing(window, items[0])
    press("2")
    press("Return")
    question_showing(window, items[1])
    press("3")  # chosen but not confirmed: it counts too
    press("<Alt>c")
    dialog = discard_dialog(app, "Discard this assessment?")
    check(dialog.name == "Discard this assessment?", f"the dialog is named after its question ({dialog.name!r})")
    check(bool(labels_containing(dialog, "The 2 answers given so far will be lost.")),
          "the dialog says how many answers would be lost")
    missing = unnamed_interactive(dialog)
    check(not missing, "every control of the dialog is named: " + ", ".join(missing))
    find(dialog, "push button", "Keep Editing")
    find(dialog, "push button", "Discard")
    screenshot("assessment-09-discard-question")
    # Space presses the focused button: it must be Keep Editing. (Without a
    # window manager the dialog never becomes the active window, so the
    # accessible "focused" state cannot be read here.)
    press("space")
    wait_for(lambda: not discard_dialogs(app, "Discard this assessment?"), what="the dialog to close")
    question_showing(window, items[1])
    check(bool(labels_containing(window, f"Question 2 of {len(items)}")),
          "the focused button keeps editing, on the same question")
    check(chosen_answer(window, items[1], 2), "the answer chosen is still chosen")

    # Enter on the focused Cancel button asks too; Escape keeps editing.
    cancel = find(window, "push button", "Cancel")
    cancel.grabFocus()
    wait_for(lambda: cancel.focused, what="Cancel to take the focus")
    press("Return")
    discard_dialog(app, "Discard this assessment?")
    press("Escape")
    wait_for(lambda: not discard_dialogs(app, "Discard this assessment?"), what="the dialog to close")
    check(bool(labels_containing(window, f"Question 2 of {len(items)}")), "Escape keeps editing, on the same question")
    check(chosen_answer(window, items[1], 2), "the answer chosen is still chosen after Escape")

    # The screen locking while the question is asked answers it "keep": the
    # dialog goes with the lock, and after unlocking the assessment is there.
    press("<Alt>c")
    discard_dialog(app, "Discard this assessment?")
    subprocess.run(["gdbus", "emit", "--session", "--object-path", "/org/gnome/ScreenSaver",
                    "--signal", "org.gnome.ScreenSaver.ActiveChanged", "true"], check=True)
    unlock = find(window, "password text", "Passphrase", timeout=20)
    wait_for(lambda: not discard_dialogs(app, "Discard this assessment?"), what="the lock to close the dialog")
    check(not labels_containing(window, "Awa Diallo"), "nothing about the person shows while locked")
    unlock.text = PASSPHRASE
    unlock.grabFocus()
    press("Return")
    question_showing(window, items[1])
    check(bool(labels_containing(window, f"Question 2 of {len(items)}")),
          "a lock during the discard question keeps the assessment, on the same question")
    press("Page_Up")
    question_showing(window, items[0])
    check(chosen_answer(window, items[0], 1), "the confirmed answer is kept")

    # Discarding, deliberately (the button's mnemonic), leaves without saving.
    press("<Alt>c")
    dialog = discard_dialog(app, "Discard this assessment?")
    check(bool(labels_containing(dialog, "The 1 answer given so far will be lost.")),
          "the count follows the answers given")
    press("<Alt>d")
    new_assessment = find(window, "push button", "New Assessment", timeout=20)
    check(not discard_dialogs(app, "Discard this assessment?"), "the dialog is gone")
    check(not assessment_rows(window), "a discarded assessment is not saved")
    screenshot("assessment-10-discarded")
    return new_assessment


def test():
    items = load_questionnaire()
    proc, app = start_app("--vault", vault)
    window = find(app, "frame", "Sillon", timeout=30)
    create_vault_through_ui(window, PASSPHRASE)

    # The people page, and a new person with an invalid commune first.
    search = find(window, "text", "Search people", timeout=60)
    check(not unnamed_interactive(window),
          "every control of the people page is named: " + ", ".join(unnamed_interactive(window)))
    find(window, "push button", "New Person").click()
    find(window, "text", "First name").text = "Awa"
    find(window, "text", "Last name").text = "Diallo"
    find(window, "text", "Birth year").text = "1957"
    commune = find(window, "text", "Commune INSEE code")
    commune.text = "ABCDE"
    find(window, "push button", "Add Person").click()
    error = wait_for(lambda: labels_containing(window, "ABCDE"), what="the commune error")
    check(bool(error), "an invalid commune code is refused with a message naming it")
    screenshot("assessment-01-new-person-error")
    commune.text = "35238"
    find(window, "push button", "Add Person").click()
    check(find(window, "label", "Awa Diallo", timeout=20).showing, "adding a person opens their page")

    # Back to the list with Alt+Left (the focus is on the person's page):
    # the search finds her, accent- and case-insensitively.
    press("<Alt>Left")
    search = find(window, "text", "Search people")
    search.text = "diall"
    # The names are read while waiting: the list rebuilds its rows as the
    # search text settles, so a row found a moment ago may be gone.
    row_name = wait_for(lambda: [n.name for n in list_items_starting(window, "Awa Diallo")],
                        what="the search result")[0]
    check("Born in 1957" in row_name and "Rennes (35)" in row_name,
          f"the search result shows the birth year and commune ({row_name!r})")
    screenshot("assessment-02-search")
    search.grabFocus()
    press("Return")
    new_assessment = find(window, "push button", "New Assessment", timeout=20)
    check(not assessment_rows(window), "the person has no assessment yet")
    new_assessment.click()
    check_cancel_asks(app, window, items)
    new_assessment.click()

    # The wizard: the first question, its axis and position.
    question_showing(window, items[0])
    check(bool(labels_containing(window, f"Question 1 of {len(items)}")), "the position is shown")
    check(not unnamed_interactive(window),
          "every control of the wizard is named: " + ", ".join(unnamed_interactive(window)))
    # The mediator's help opens from the keyboard too.
    press("<Alt>h")
    help_text = wait_for(lambda: labels_containing(window, HELP[items[0]["id"]]), what="the help text")
    check(bool(help_text), "Alt+H shows the help for the mediator")
    press("3")
    screenshot("assessment-03-question")

    answers = {}

    def choose(index, item_index):
        """Press the digit of the answer at INDEX (0-based), then Enter."""
        item = items[item_index]
        question_showing(window, item)
        press(str(index + 1))
        press("Return")
        answers[item["id"]] = item["choices"][index]["value"]

    def skip(item_index, combo="s"):
        item = items[item_index]
        question_showing(window, item)
        press(combo)
        answers[item["id"]] = None

    choose(2, 0)  # equipment
    choose(3, 1)  # connection
    choose(1, 2)  # cost
    # Page Up goes back to the cost question, with its answer still chosen.
    question_showing(window, items[3])
    press("Page_Up")
    question_showing(window, items[2])
    chosen = find(window, "radio button", items[2]["choices"][1]["_label"])
    check(chosen.checked, "going back shows the answer given before")
    screenshot("assessment-04-back")
    # Alt+Left goes back too (the wizard.back action's accelerator); Enter
    # confirms the answer kept there and comes forward again.
    press("<Alt>Left")
    question_showing(window, items[1])
    check(find(window, "radio button", items[1]["choices"][3]["_label"]).checked,
          "Alt+Left goes back to the previous question, its answer chosen")
    press("Return")
    question_showing(window, items[2])
    choose(3, 2)  # changed: the cost is no problem
    skip(3)       # accessibility limits: the person prefers not to say
    choose(0, 4)  # adaptation (informative)
    # Arrows move between answers; Enter confirms.
    question_showing(window, items[5])
    press_keys("Down", "Down", "Down", "Up")
    press("Return")
    answers[items[5]["id"]] = items[5]["choices"][1]["value"]
    # Skip the rest of pouvoir and all of vouloir, with both shortcuts, except
    # the preferred channel (not scored): the person refuses digital services.
    first_savoir = next(i for i, item in enumerate(items) if item["axis"] == "savoir")
    channel = next(i for i, item in enumerate(items) if item["id"] == "vouloir.channel")
    refusal = next(i for i, c in enumerate(items[channel]["choices"]) if c["value"] == 5)
    for i in range(6, first_savoir):
        if i == channel:
            choose(refusal, i)
        else:
            skip(i, "s" if i % 2 else "<Control>Right")
    question_showing(window, items[first_savoir])
    check(bool(labels_containing(window, f"Question {first_savoir + 1} of {len(items)}")),
          "skipping moved on question by question")
    screenshot("assessment-05-savoir-question")
    choose(2, first_savoir)
    # Locking in the middle keeps the answers (in memory only): after
    # unlocking, the assessment goes on at the same question.
    question_showing(window, items[first_savoir + 1])
    press("<Control>l")
    unlock = find(window, "password text", "Passphrase")
    check(not labels_containing(window, "Awa Diallo"), "nothing about the person shows while locked")
    unlock.text = PASSPHRASE
    unlock.grabFocus()
    press("Return")
    question_showing(window, items[first_savoir + 1])
    check(bool(labels_containing(window, f"Question {first_savoir + 2} of {len(items)}")),
          "after unlocking, the assessment goes on where it stopped")
    choose(3, first_savoir + 1)
    question_showing(window, items[first_savoir + 2])

    # Finish now, with the keyboard (the button's mnemonic).
    press("<Alt>f")
    chart = wait_for(lambda: [n for n in window.findChildren(
        lambda n: n.roleName == "chart" and n.showing, isLambda=True)], what="the chart")[0]
    scores = expected_scores(items, answers)
    description = chart.description
    found = re.findall(r"(\d+) out of 100, based on (\d+) of (\d+) questions|(no answer)", description)
    check(len(found) == 3, f"the chart describes three axes: {description!r}")
    for axis, match in zip(("pouvoir", "vouloir", "savoir"), found):
        score, answered, total = scores[axis]
        if score is None:
            check(match[3] == "no answer", f"{axis}: no answer, not zero ({match})")
        else:
            check(match[:3] == (str(score), str(answered), str(total)),
                  f"{axis}: {score}/100 on {answered} of {total}, as computed here (shown: {match[:3]})")
    check(chart.name == "Scores by axis, out of 100", f"the chart has a name ({chart.name!r})")
    degree = expected_degree(scores)
    check(bool([n for n in window.findChildren(
        lambda n: n.roleName == "label" and n.name == degree and n.showing, isLambda=True)]),
        f"the degree is {degree}")
    check(bool(labels_containing(window, "Provisional")), "a degree on few answers is marked provisional")
    answered = sum(1 for v in answers.values() if v is not None)
    skipped = sum(1 for v in answers.values() if v is None)
    check(bool(labels_containing(window, f"Based on {answered} answers out of {len(items)} questions ({skipped} skipped)")),
          f"the summary says what it rests on ({answered} answers, {skipped} skipped)")
    check(not unnamed_interactive(window),
          "every control of the summary is named: " + ", ".join(unnamed_interactive(window)))
    screenshot("assessment-06-summary")

    # The summary page is driven with the keyboard only from here on: the
    # focus starts on the degree; mnemonics, Tab, Space and arrows do the rest.
    degree_combo = find(window, "combo box", "Degree", showing=False)

    def combo_choice(combo):
        """The name of a combo box's chosen item. (GTK gives the focus to
        the combo box's inner button, so the box itself never reads as
        focused: what the keys changed is what shows it was reached.)"""
        child = combo.querySelection().getSelectedChild(0)
        return child.name if child is not None else None

    # The refusal is respected, and switches the training suggestions off;
    # an urgent procedure adds doing it for the person, under a mandate.
    labels = orientation_labels()
    order = list(labels)

    def orientation_checks():
        return window.findChildren(lambda n: n.roleName == "check box" and n.name in labels.values(),
                                   isLambda=True)

    def suggested(orientation):
        return any(n.name == labels[orientation] for n in orientation_checks())

    check(suggested("respect_refusal") and suggested("keep_non_digital_channel"),
          "a refusal of digital services is respected, with a non-digital channel")
    check(not suggested("workshop_avance"), "no workshop is suggested to a person who refuses digital services")
    check(not suggested("faire_pour_mandate"), "no mandate is suggested without an urgent procedure")
    urgent = find(window, "check box", "A procedure is urgent today (a deadline, a right about to be lost)",
                  showing=False)
    press("<Alt>u")
    check(wait_for(lambda: urgent.checked, what="the urgency to be ticked"), "Alt+U ticks the urgent procedure")
    check(wait_for(lambda: suggested("faire_pour_mandate"), what="the mandate suggestion"),
          "an urgent procedure adds the mandate suggestion")

    # Unticking a suggestion needs a reason: Tab reaches the first one.
    suggestions = [n for n in orientation_checks() if n.checked]
    check(len(suggestions) > 0, f"orientations are suggested ({len(suggestions)})")
    first = suggestions[0]
    first_name = first.name
    press("Tab")
    wait_for(lambda: first.focused, what="the first suggestion to take the focus")
    press("space")
    wait_for(lambda: not first.checked, what="the suggestion to be unticked")
    check(all(n.checked for n in suggestions[1:]), "Space unticks only the focused suggestion")

    # Adding an orientation the rules did not suggest: the list offers the
    # others only, in the order of the rules.
    shown = {n.name for n in orientation_checks()}
    offered = [o for o in order if labels[o] not in shown]
    add_combo = find(window, "combo box", "Orientation to add", showing=False)
    menu_items = [n.name for n in add_combo.findChildren(lambda n: n.roleName == "menu item", isLambda=True)]
    check(menu_items == [labels[o] for o in offered],
          f"the orientations offered are those not suggested ({len(offered)}): {menu_items}")
    check(len(offered) >= 2, "there are orientations left to add")
    check(combo_choice(add_combo) == labels[offered[0]], "the first orientation offered is chosen")
    press("<Alt>n")
    press("Down")  # a closed combo box moves to the next choice
    added = offered[1]
    wait_for(lambda: combo_choice(add_combo) == labels[added], what="Alt+N and Down to choose the orientation")
    added_name = f"{labels[added]} — added by you"
    press("<Alt>a")
    added_check = find(window, "check box", added_name, showing=False)
    check(added_check.checked, f"the added orientation is listed, ticked ({added_name!r})")
    check(not find(window, "check box", first_name, showing=False).checked,
          "adding an orientation keeps the suggestion unticked")
    check(not [n for n in add_combo.findChildren(lambda n: n.roleName == "menu item", isLambda=True)
               if n.name == labels[added]], "an added orientation is no longer offered")
    check(not unnamed_interactive(window),
          "every control of the summary is named after adding: " + ", ".join(unnamed_interactive(window)))

    # Saving without a reason is refused, with the message of the page.
    press("<Alt>s")
    error = wait_for(lambda: labels_containing(window, "Say why"), what="the missing-reason message")
    check(bool(error), "a dismissed suggestion and an added orientation without a reason are refused with a message")
    reason = find(window, "text", "Reason for your decision", showing=False)
    check(reason.focused, "the focus goes to the reason")
    screenshot("assessment-06b-missing-reason")
    check(not assessment_rows(window), "nothing is saved without a reason")

    # The mediator also sets the degree: the reason covers all decisions.
    # The degree's choices: the computed one first, then the others in order.
    degrees = ["Very far from digital", "Far from digital", "Making progress", "Autonomous"]
    choices = ["As computed"] + [d for d in degrees if d != degree]
    check(combo_choice(degree_combo) == f"As computed: {degree}", "the computed degree is chosen at first")
    press("<Alt>e")
    press_keys(*["Down"] * choices.index("Far from digital"))
    wait_for(lambda: combo_choice(degree_combo) == "Far from digital", what="the arrows to choose the degree")
    press("<Alt>r")
    wait_for(lambda: reason.focused, what="Alt+R to focus the reason")
    text = "Already takes French classes at the social centre; needs help with every procedure"
    typeText(text)
    wait_for(lambda: reason.text == text, what="the reason to be typed")
    check(reason.text == text, "the reason is typed in")
    check(not labels_containing(window, "Say why"), "typing the reason clears the message")
    screenshot("assessment-07-decision")
    press("<Alt>s")

    # Back on the person's page, the assessment is listed with its scores.
    row = wait_for(lambda: assessment_rows(window), timeout=20, what="the saved assessment")[0]
    pouvoir = scores["pouvoir"][0]
    check("Far from digital (set by the mediator)" in row.name,
          f"the saved assessment shows the mediator's degree ({row.name!r})")
    check(f"{pouvoir}/100" in row.name and "no answer" in row.name,
          f"the saved assessment shows its scores ({row.name!r})")
    check(len(assessment_rows(window)) == 1, "one assessment is listed")
    screenshot("assessment-08-person")

    # Quitting with an assessment under way asks; keeping aborts the quit.
    find(window, "push button", "New Assessment").click()
    question_showing(window, items[0])
    press("1")
    press("Return")
    question_showing(window, items[1])
    press("<Control>q")
    dialog = discard_dialog(app, "Quit and discard this assessment?")
    check(bool(labels_containing(dialog, "The 1 answer given so far will be lost.")),
          "quitting says how many answers would be lost")
    check(not unnamed_interactive(dialog), "every control of the quit dialog is named")
    find(dialog, "push button", "Discard and Quit")
    screenshot("assessment-11-quit-question")
    press("Return")  # the default response keeps editing
    wait_for(lambda: not discard_dialogs(app, "Quit and discard this assessment?"), what="the quit dialog to close")
    check(proc.poll() is None, "Keep Editing aborts the quit")
    question_showing(window, items[1])
    check(bool(labels_containing(window, f"Question 2 of {len(items)}")), "the assessment goes on after keeping")
    # Closing the window (its title bar button) asks the same question.
    find(window, "push button", "Close").doActionNamed("click")
    discard_dialog(app, "Quit and discard this assessment?")
    press("Escape")
    wait_for(lambda: not discard_dialogs(app, "Quit and discard this assessment?"), what="the quit dialog to close")
    check(proc.poll() is None and is_showing(window), "Escape keeps the window open")
    check(bool(labels_containing(window, f"Question 2 of {len(items)}")), "the assessment goes on after Escape")
    press("<Control>q")
    discard_dialog(app, "Quit and discard this assessment?")
    press("<Alt>d")
    check_quits(proc)


run(test)
