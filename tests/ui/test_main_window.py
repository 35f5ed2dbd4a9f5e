"""The first window as a user and a screen reader meet it: create a vault,
see the recovery key once, lock, fail and succeed to unlock, use the
application menu, quit with the keyboard."""

import os
import re
import stat
import subprocess
import time

from sillonui import (activate, appears, check, check_quits, eventually, find, find_by_description, is_showing,
                      labels_containing, pdf_name_field, press, run, screenshot, start_app, top_level,
                      unnamed_interactive, wait_for)

PASSPHRASE = "correct horse battery staple"
vault = os.path.join(os.environ["SILLON_TEST_WORKDIR"], "ui-vault.sillon")


def test():
    proc, app = start_app("--vault", vault)
    # Found by its accessible name, or the run stops here.
    window = find(app, "frame", "Sillon", timeout=30)

    # Every control, on every page of the window, has a name a screen reader can say.
    missing = unnamed_interactive(window)
    check(not missing, "every interactive widget has an accessible name: " + ", ".join(missing))

    # First run: the vault creation form.
    name_entry = find(window, "text", "Your name")
    passphrase_entry = find(window, "password text", "Passphrase")
    confirm_entry = find(window, "password text", "Confirm passphrase")
    create_button = find(window, "push button", "Create Vault")
    screenshot("01-create-vault")

    # Errors are explained, and nothing is created. Buttons are otherwise
    # pressed through their accessible action; this one mouse click checks
    # that the pointer reaches the form too.
    name_entry.text = "Camille Martin"
    passphrase_entry.text = "short"
    confirm_entry.text = "short"
    create_button.click()
    error = eventually(lambda: labels_containing(window, "at least 10"),
                       what="the too-short passphrase message")
    check(bool(error), "a too-short passphrase is refused with a message")
    check(not os.path.exists(vault), "no vault file is written after a refused form")

    passphrase_entry.text = PASSPHRASE
    confirm_entry.text = PASSPHRASE + "x"
    activate(create_button)
    error = eventually(lambda: labels_containing(window, "different"), what="the mismatch message")
    check(bool(error), "different passphrases are refused with a message")

    # Keyboard: Enter in the confirmation field activates the default button.
    confirm_entry.text = PASSPHRASE
    confirm_entry.grabFocus()
    press("Return")
    key_label = find_by_description(window, "label", "Recovery key", timeout=60)
    key_text = key_label.name
    check(re.fullmatch(r"[A-Z2-7]{4,}([\n-][A-Z2-7]{4,})+", key_text.strip()) is not None,
          f"the recovery key is read out as grouped base32 ({len(key_text)} characters)")
    check(os.path.exists(vault), "the vault file exists after creation")
    screenshot("02-recovery-key")

    # The recovery-key sheet, saved as PDF where the user chooses, holds
    # the very key shown on screen, and is readable by its owner alone.
    activate(find(window, "push button", "Save as PDF…"))
    chooser = top_level(app, "Save the Recovery Key as PDF", what="the recovery sheet's file chooser")
    name_entry = pdf_name_field(chooser)
    check(name_entry.text == "sillon-recovery-key.pdf", f"the suggested file name ({name_entry.text!r})")
    sheet = os.path.join(os.environ["SILLON_TEST_WORKDIR"], "recovery-sheet.pdf")
    name_entry.text = sheet
    activate(find(chooser, "push button", "Save"))
    wait_for(lambda: os.path.exists(sheet) and os.path.getsize(sheet) > 0, timeout=30,
             what="the recovery-key sheet")
    wait_for(lambda: not is_showing(chooser), what="the file chooser to close")
    sheet_text = subprocess.run(["pdftotext", sheet, "-"], check=True, capture_output=True,
                                text=True).stdout
    key_chars = re.sub(r"[^A-Z2-7]", "", key_text)
    check(len(key_chars) >= 20 and key_chars in re.sub(r"[^A-Z2-7]", "", sheet_text.upper()),
          "the recovery-key sheet holds the key shown on screen")
    check("Recovery key" in sheet_text or "Clé de secours" in sheet_text,
          "the saved PDF is the recovery-key sheet")
    check(stat.S_IMODE(os.stat(sheet).st_mode) == 0o600, "the recovery-key sheet is readable by its owner alone")
    check(not [n for n in os.listdir(os.environ["SILLON_TEST_WORKDIR"]) if n.startswith("recovery-sheet.pdf.")],
          "no temporary copy of the sheet is left behind")
    check(key_label.name == key_text, "the key stays on screen after saving the sheet")

    # A sheet that cannot be written is said in the page, not in a modal
    # message box: the chooser answers through its signal, the window
    # goes on drawing.
    activate(find(window, "push button", "Save as PDF…"))
    chooser = top_level(app, "Save the Recovery Key as PDF", what="the recovery sheet's file chooser, again")
    name_entry = pdf_name_field(chooser)
    name_entry.text = "/proc/sillon-recovery-key.pdf"
    activate(find(chooser, "push button", "Save"))
    wait_for(lambda: not is_showing(chooser), what="the file chooser to close")
    message = eventually(lambda: labels_containing(window, "The recovery-key sheet was not made"),
                         what="the error under the buttons")
    check(bool(message), "an unwritable sheet is told in the page")
    check(not [n for n in app.children if n.roleName in ("alert", "dialog") and is_showing(n)],
          "no modal message box")
    check(key_label.name == key_text, "the key stays on screen after a failed save")
    screenshot("02-recovery-key-save-failed")

    continue_button = find(window, "push button", "Continue")
    check(not continue_button.sensitive, "Continue waits until the key is written down")
    activate(find(window, "check box", "I have written down the recovery key"))
    wait_for(lambda: continue_button.sensitive, what="Continue to become sensitive")
    activate(continue_button)
    find(window, "text", "Search people")
    check(not key_label.name, "the recovery key is removed from the window once acknowledged")
    screenshot("03-open")

    # Lock from the header bar, by its accessible name.
    activate(find(window, "push button", "Lock the vault"))
    find(window, "label", "The Vault Is Locked")
    unlock_entry = find(window, "password text", "Passphrase")

    unlock_entry.text = "not the passphrase"
    activate(find(window, "push button", "Unlock"))
    message = eventually(lambda: labels_containing(window, "does not open"),
                         timeout=60, what="the wrong-passphrase message")
    check(bool(message), "a wrong passphrase gets its own message")
    screenshot("04-wrong-passphrase")

    unlock_entry.text = PASSPHRASE
    unlock_entry.grabFocus()
    press("Return")
    check(appears(window, "text", "Search people", timeout=60) is not None,
          "the right passphrase unlocks with the keyboard")

    # Ctrl+L locks again, from the keyboard alone.
    press("<Control>l")
    check(appears(window, "label", "The Vault Is Locked") is not None, "Ctrl+L locks the vault")

    # The application menu, through the accessibility tree: About.
    activate(find(window, "toggle button", "Main menu"))
    about_item = find(app, None, "About Sillon")
    # The open popover is walked too: its items are controls like any other.
    missing = unnamed_interactive(app)
    check(not missing, "every control, the open application menu's included, is named: "
          + ", ".join(missing))
    screenshot("05-main-menu")
    activate(about_item)
    about = appears(app, "dialog", "About Sillon", timeout=15)
    check(about is not None, "About opens from the application menu")
    if about is not None:
        missing = unnamed_interactive(about)
        check(not missing, "the About dialog's controls are all named: " + ", ".join(missing))
        screenshot("06-about")
        press("Escape")
        wait_for(lambda: not is_showing(about), what="About to close")

    # The keyboard shortcuts window (Ctrl+F1, the same action as Ctrl+?),
    # found by its accessible name, lists the general and the wizard's keys.
    press("<Control>F1")
    shortcuts = top_level(app, "Keyboard Shortcuts", timeout=20, what="the shortcuts window")
    titles = {n.name for n in shortcuts.findChildren(lambda n: n.roleName == "label", isLambda=True)}
    for title in ("Lock the vault", "Quit", "Choose an answer", "Skip the question",
                  "Choose the quick assessment", "Choose the full assessment"):
        check(title in titles, f"the shortcuts window lists “{title}”")
    check("U" in titles, "the shortcuts window shows Alt+U (« F_ull Assessment ») in English")
    screenshot("07-shortcuts")
    press("Escape")
    wait_for(lambda: not is_showing(shortcuts), what="the shortcuts window to close")

    # Ctrl+Q quits.
    press("<Control>q")
    check_quits(proc, "Ctrl+Q quits")


run(test)
