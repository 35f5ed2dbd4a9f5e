"""The vault locks itself: after the idle delay, and when the desktop's
screen locks. Activity in the window keeps it open."""

import os
import subprocess
import time

from sillonui import (check, check_quits, create_vault_through_ui, find, press, run, screenshot, start_app,
                      type_passphrase, wait_for)

PASSPHRASE = "correct horse battery staple"
IDLE_SECONDS = 4
vault = os.path.join(os.environ["SILLON_TEST_WORKDIR"], "auto-lock.sillon")


def is_locked(window):
    try:
        return find(window, "label", "The Vault Is Locked", timeout=0.5) is not None
    except TimeoutError:
        return False


def unlock(window):
    type_passphrase(window, PASSPHRASE)
    find(window, "text", "Search people", timeout=60)


def test():
    # The delay can only be shortened from the environment, for this test.
    os.environ["SILLON_AUTO_LOCK_SECONDS"] = str(IDLE_SECONDS)
    proc, app = start_app("--vault", vault)
    window = find(app, "frame", "Sillon", timeout=30)
    create_vault_through_ui(window, PASSPHRASE)
    search = find(window, "text", "Search people", timeout=60)

    # Typing keeps the vault open well past the delay.
    search.grabFocus()
    start = time.monotonic()
    while time.monotonic() - start < IDLE_SECONDS * 2:
        press("a")
        time.sleep(0.5)
    check(not is_locked(window), f"typing for {IDLE_SECONDS * 2} s keeps the vault open")

    # Then idle: it locks by itself.
    start = time.monotonic()
    wait_for(lambda: is_locked(window), timeout=IDLE_SECONDS + 10, what="the idle lock")
    elapsed = time.monotonic() - start
    # Key events travel through the accessibility registry, so the moment the
    # application saw the last one is only known to about a second.
    check(elapsed >= 1, f"the vault locked {elapsed:.1f} s after the typing stopped (delay {IDLE_SECONDS} s)")
    screenshot("auto-lock-01-idle")

    # The desktop's screen lock locks it at once.
    unlock(window)
    subprocess.run(["gdbus", "emit", "--session", "--object-path", "/org/gnome/ScreenSaver",
                    "--signal", "org.gnome.ScreenSaver.ActiveChanged", "true"], check=True)
    start = time.monotonic()
    wait_for(lambda: is_locked(window), timeout=IDLE_SECONDS - 1, what="the screen-lock lock")
    check(time.monotonic() - start < IDLE_SECONDS,
          "a GNOME screen lock locks the vault before the idle delay could")

    # A screen saver that goes inactive does not unlock anything.
    subprocess.run(["gdbus", "emit", "--session", "--object-path", "/org/gnome/ScreenSaver",
                    "--signal", "org.gnome.ScreenSaver.ActiveChanged", "false"], check=True)
    time.sleep(1)
    check(is_locked(window), "the end of the screen lock leaves the vault locked")

    press("<Control>q")
    check_quits(proc)


run(test)
