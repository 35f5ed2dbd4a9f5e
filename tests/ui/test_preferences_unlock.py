"""Preferences and unlocking: the auto-lock delay chosen in the preferences
window is the one that locks the vault, the lock screen names the structure
(not the vault's file), and a forgotten passphrase is replaced with the
recovery key, after which only the new passphrase opens the vault.

Run with SILLON_AUTO_LOCK_SECONDS_PER_MINUTE=10: a minute of the setting
lasts ten seconds, so that the delay chosen still decides, and the test
has time to leave the preferences before the vault locks."""

import os
import re
import time

from sillonui import (activate, appears, check, check_quits, eventually, find, find_by_description, is_showing,
                      labels_containing, press, run, screenshot, start_app, top_level, type_passphrase,
                      unnamed_interactive, wait_for)

PASSPHRASE = "the first passphrase of all"
NEW_PASSPHRASE = "a brand new passphrase now"
STRUCTURE = "Espace numérique du Blosne"
vault = os.path.join(os.environ["SILLON_TEST_WORKDIR"], "prefs.sillon")
SECONDS_PER_MINUTE = int(os.environ["SILLON_AUTO_LOCK_SECONDS_PER_MINUTE"])


def is_locked(window):
    try:
        return find(window, "label", "The Vault Is Locked", timeout=0.3) is not None
    except TimeoutError:
        return False


def unlock_with(window, passphrase):
    type_passphrase(window, passphrase)


def test():
    proc, app = start_app("--vault", vault)
    window = find(app, "frame", "Sillon", timeout=30)
    find(window, "text", "Your name").text = "Camille Martin"
    find(window, "password text", "Passphrase").text = PASSPHRASE
    find(window, "password text", "Confirm passphrase").text = PASSPHRASE
    activate(find(window, "push button", "Create Vault"))
    key = find_by_description(window, "label", "Recovery key", timeout=60).name.strip()
    activate(find(window, "check box", "I have written down the recovery key"))
    continue_button = find(window, "push button", "Continue")
    wait_for(lambda: continue_button.sensitive, what="Continue to become sensitive")
    activate(continue_button)
    find(window, "text", "Search people", timeout=60)

    # The preferences, from the keyboard.
    press("<Control>comma")
    prefs = top_level(app, "Preferences", timeout=20, what="the preferences window")
    missing = unnamed_interactive(prefs)
    check(not missing, "every control of the preferences is named: " + ", ".join(missing))
    delay = find(prefs, "spin button", "Minutes before the vault locks itself")
    check(delay.value == 5, f"the auto-lock delay is 5 minutes by default ({delay.value})")
    find(prefs, "text", "Structure’s name").text = STRUCTURE
    # The commune by its name, as on the person form; kept by its code INSEE.
    commune = find(prefs, "text", "Structure’s commune")
    commune.text = "Qwzx"
    check(eventually(lambda: labels_containing(prefs, "No commune is called"),
                     what="the commune message") is not None,
          "a text that names no commune says what a valid one looks like")
    commune.text = "Rennes"
    check(eventually(lambda: not labels_containing(prefs, "No commune is called")
                     and not labels_containing(prefs, "Several communes match"),
                     what="the message to go") is True, "a commune typed by its name is accepted")
    delay.value = 1
    wait_for(lambda: delay.value == 1, what="the delay to be set")
    screenshot("prefs-01-preferences")
    press("Escape")
    wait_for(lambda: not is_showing(prefs), what="Escape to close the preferences")

    # Opened again, the preferences show the commune saved by its name.
    find(window, "text", "Search people").grabFocus()
    press("<Control>comma")
    prefs = top_level(app, "Preferences", timeout=20, what="the preferences window, again")
    commune = find(prefs, "text", "Structure’s commune")
    check(eventually(lambda: commune.text == "Rennes (35)", what="the commune's name") is True,
          f"the structure's commune is saved and shown by its name ({commune.text!r})")
    press("Escape")
    wait_for(lambda: not is_showing(prefs), what="Escape to close the preferences again")

    # One minute of the setting: the vault locks well before the default five.
    find(window, "text", "Search people").grabFocus()
    press("a")
    start = time.monotonic()
    wait_for(lambda: is_locked(window), timeout=5 * SECONDS_PER_MINUTE, what="the idle lock")
    elapsed = time.monotonic() - start
    check(elapsed < 3 * SECONDS_PER_MINUTE,
          f"the delay chosen in the preferences locks the vault ({elapsed:.1f} s, a minute is {SECONDS_PER_MINUTE} s)")

    # The lock screen names the structure, not the file.
    check(bool(labels_containing(window, STRUCTURE)), "the lock screen shows the structure's name")
    check(not labels_containing(window, ".sillon"), "the lock screen shows no file path")
    screenshot("prefs-02-lock-screen")

    # The recovery key, then a new passphrase.
    activate(find(window, "push button", "Forgot the passphrase? Use the recovery key"))
    key_entry = find(window, "text", "Recovery key")
    check(not unnamed_interactive(window), "every control of the recovery form is named")
    key_entry.text = "AAAA-BBBB-CCCC"
    find(window, "password text", "New passphrase").text = NEW_PASSPHRASE
    find(window, "password text", "Confirm the new passphrase").text = NEW_PASSPHRASE
    activate(find(window, "push button", "Unlock and Set Passphrase"))
    check(eventually(lambda: labels_containing(window, "recovery key"), timeout=30,
                     what="the wrong-key message") is not None, "a wrong recovery key is refused with a message")
    key_entry.text = key
    find(window, "password text", "Confirm the new passphrase").text = NEW_PASSPHRASE + "x"
    activate(find(window, "push button", "Unlock and Set Passphrase"))
    check(eventually(lambda: labels_containing(window, "different"), what="the mismatch message") is not None,
          "different new passphrases are refused")
    find(window, "password text", "Confirm the new passphrase").text = NEW_PASSPHRASE
    screenshot("prefs-03-recovery")
    activate(find(window, "push button", "Unlock and Set Passphrase"))
    check(appears(window, "text", "Search people", timeout=60) is not None,
          "the recovery key unlocks the vault with the new passphrase")

    # From now on the new passphrase opens the vault, and the old one no longer.
    press("<Control>l")
    wait_for(lambda: is_locked(window), what="the lock")
    unlock_with(window, PASSPHRASE)
    check(eventually(lambda: labels_containing(window, "does not open"), timeout=60,
                     what="the wrong-passphrase message") is not None, "the forgotten passphrase no longer opens")
    unlock_with(window, NEW_PASSPHRASE)
    check(appears(window, "text", "Search people", timeout=60) is not None, "the new passphrase opens")

    press("<Control>q")
    check_quits(proc)


run(test)
