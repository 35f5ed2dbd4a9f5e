"""Helpers for Sillon's UI tests: start the real application, reach it through
AT-SPI (dogtail), check accessible names, take screenshots.

Run through tests/ui/run-ui-test.sh, which provides the display, the D-Bus
session with the accessibility bus, and private XDG folders."""

import os
import subprocess
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
gi.require_version("Gdk", "3.0")
gi.require_version("Gtk", "3.0")
from gi.repository import Atspi, Gdk  # noqa: E402

from dogtail.config import config  # noqa: E402

# dogtail's own check reads a GNOME desktop setting that a private test
# session does not have; GTK 3 exports its accessibility tree regardless.
config.checkForA11y = False
config.searchBackoffDuration = 0.2
config.searchCutoffCount = 50
config.defaultDelay = 0.2
config.actionDelay = 0.2
config.typingDelay = 0.02
config.logDebugToFile = False
config.logDebugToStdOut = False

from dogtail import predicate, rawinput, tree  # noqa: E402

# Roles a user can act on: each of them needs an accessible name.
INTERACTIVE_ROLES = {
    "push button", "toggle button", "check box", "radio button", "text",
    "password text", "entry", "combo box", "menu", "menu item", "check menu item",
    "radio menu item", "spin button", "slider", "link", "page tab",
    "menu button", "split button", "list item", "table cell", "tree item",
}

# The language (SILLON_TEST_LANGUAGE) and the text scale (GDK_DPI_SCALE) the
# test runs in, and the tag of its screenshots' names for them ("en",
# "fr-large").
LANGUAGE = os.environ.get("SILLON_TEST_LANGUAGE", "en")
LARGE_TEXT = os.environ.get("GDK_DPI_SCALE", "1") != "1"
TAG = LANGUAGE + ("-large" if LARGE_TEXT else "")

_failures = []


def data_path(*parts):
    """The path of a file of the tests' data (tests/data/PARTS)."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", *parts)


def check(condition, message):
    """Record a failed expectation and go on, so one run reports them all."""
    status = "ok" if condition else "FAIL"
    print(f"{status}: {message}", flush=True)
    if not condition:
        _failures.append(message)


def run(test):
    """Run TEST(); on an unexpected exception print it on stdout (dogtail
    takes over stderr), save a screenshot, and fail."""
    import traceback
    try:
        test()
    except Exception:
        traceback.print_exc(file=sys.stdout)
        try:
            screenshot("failure")
        except Exception:
            pass
        _failures.append("unexpected exception (see above)")
    finish()


def finish():
    print(f"{len(_failures)} failed expectation(s)")
    for message in _failures:
        print(f"  - {message}")
    sys.exit(1 if _failures else 0)


def wait_for(fn, timeout=20.0, interval=0.2, what="condition"):
    deadline = time.monotonic() + timeout
    last_exc = None
    while time.monotonic() < deadline:
        try:
            value = fn()
            if value:
                return value
        except Exception as exc:  # the tree changes under our feet
            last_exc = exc
        time.sleep(interval)
    raise TimeoutError(f"timed out waiting for {what}" + (f" ({last_exc})" if last_exc else ""))


def eventually(fn, timeout=20.0, interval=0.2, what="condition"):
    """Like wait_for, but None instead of an exception when the time is up, so
    that check() reports the expectation by name and the run goes on."""
    try:
        return wait_for(fn, timeout=timeout, interval=interval, what=what)
    except TimeoutError:
        return None


def start_app(*args, env=None, stderr=None):
    """Start the application; ENV and STDERR as for subprocess.Popen (by
    default the test's own)."""
    exe = os.environ["SILLON_EXE"]
    proc = subprocess.Popen([exe, *args], stdout=sys.stdout, stderr=stderr or sys.stderr, env=env)
    app = wait_for(lambda: _find_app(), timeout=30, what="sillon on the accessibility bus")
    return proc, app


def _find_app():
    for child in tree.root.children:
        if child.name == "sillon":
            return child
    return None


def _first(parent, role, name, showing):
    for node in parent.findChildren(predicate.GenericPredicate(name=name, roleName=role),
                                    showingOnly=showing):
        return node
    return None


def find(parent, role=None, name=None, showing=True, timeout=10.0):
    """The first descendant with this role and exact name, waiting for it."""
    return wait_for(lambda: _first(parent, role, name, showing), timeout=timeout,
                    what=f"{role} named {name!r}")


def appears(parent, role=None, name=None, timeout=10.0):
    """The first showing descendant with this role and exact name once it
    shows up, or None if it does not within TIMEOUT: for check()."""
    return eventually(lambda: _first(parent, role, name, True), timeout=timeout,
                      what=f"{role} named {name!r}")


def find_by_description(parent, role, description, timeout=10.0):
    """The first showing descendant with this role and accessible description."""
    def look():
        for node in parent.findChildren(
                lambda n: n.roleName == role and n.description == description and n.showing,
                isLambda=True):
            return node
        return None
    return wait_for(look, timeout=timeout, what=f"{role} described as {description!r}")


def dialog_showing(app, title):
    """The application's dialog titled TITLE while it shows, else None."""
    for top in app.children:
        try:
            if top.showing and top.roleName == "dialog" and top.name == title:
                return top
        except Exception:
            continue
    return None


def check_quits(proc, what="the application quits"):
    """After a request to quit: the process ends within 20 s, with status 0;
    killed, and the expectation failed, when it does not end."""
    try:
        proc.wait(timeout=20)
        check(proc.returncode == 0, f"{what} cleanly (exit status {proc.returncode})")
    except Exception:
        proc.kill()
        check(False, what)


def list_items_starting(parent, prefix):
    """The showing list items below PARENT whose name starts with PREFIX."""
    return parent.findChildren(
        lambda n: n.roleName == "list item" and (n.name or "").startswith(prefix) and n.showing,
        isLambda=True)


def labels_containing(parent, text):
    """Showing labels whose accessible name contains TEXT."""
    return parent.findChildren(
        lambda n: n.roleName == "label" and text in (n.name or "") and n.showing,
        isLambda=True)


def is_showing(node):
    try:
        return node.showing
    except Exception:
        return False


def unnamed_interactive(node):
    """Every interactive descendant without an accessible name, as
    'role (path)' strings, hidden pages included."""
    missing = []

    def walk(n, path):
        try:
            children = n.children
            role = n.roleName
            name = n.name
        except Exception:
            return
        # GTK 3 exposes a link inside a label's text as an unnamed child; a
        # screen reader reads it as part of the label, so the label's name
        # is what must exist.
        inline_link = role == "link" and path.endswith(":label")
        if (role in INTERACTIVE_ROLES and not (name or "").strip()
                and not inline_link):
            missing.append(f"{role} at {path}")
        for i, c in enumerate(children):
            walk(c, f"{path}/{i}:{role}")

    walk(node, "")
    return missing


def screenshot(name):
    """Save the whole virtual screen to SILLON_SCREENSHOT_DIR/NAME.png."""
    time.sleep(0.4)  # let page transitions finish
    root = Gdk.get_default_root_window()
    _, _, width, height = root.get_geometry()
    pixbuf = Gdk.pixbuf_get_from_window(root, 0, 0, width, height)
    path = os.path.join(os.environ["SILLON_SCREENSHOT_DIR"], name + ".png")
    pixbuf.savev(path, "png", [], [])
    print(f"screenshot: {path}", flush=True)
    return path


def activate(node, action="click"):
    """Act on NODE through its AT-SPI action, as a screen reader or a switch
    device does: unlike a mouse click at a screen position, this works
    whatever covers the widget and wherever the window manager put it."""
    return node.doActionNamed(action)


def press(combo):
    """Press a key combination such as '<Control>q' or 'Return', through the
    accessibility registry like an on-screen keyboard would."""
    rawinput.keyCombo(combo)


# How long a person holds a key down: 60 to 100 ms. typeText sends each
# key's press and release at once, which no hand does.
KEY_HOLD = 0.08


def _key_codes(ch):
    """The X key code that types CH on the display's keymap, looked up as
    dogtail does (GDK's entries for the key symbol), and whether Shift must
    be held for it; None when no key of the keymap types CH."""
    keymap = Gdk.Keymap.get_for_display(Gdk.Display.get_default())
    found, keys = keymap.get_entries_for_keyval(rawinput.keyNameToKeySym(ch))
    if not found:
        return None
    plain = [k for k in keys if k.group == 0 and k.level in (0, 1)]
    if not plain:
        return None
    key = min(plain, key=lambda k: k.level)
    return key.keycode, key.level == 1


def type_key(ch, hold=KEY_HOLD):
    """Type the character CH as a hand does: the key pressed, held HOLD
    seconds, released (with Shift around it for a capital). Sent through
    the accessibility registry (XTest), like dogtail's typeText, so the X
    server stamps the press when it is sent. A character no key of the
    keymap types (an accented letter on the test screen's US keymap) is
    typed as typeText does, press and release at once."""
    codes = _key_codes(ch)
    if codes is None:
        rawinput.pressKey(ch)
        return
    keycode, shifted = codes
    shift = rawinput.keyNameToKeyCode("Shift_L") if shifted else None
    if shift:
        Atspi.generate_keyboard_event(shift, None, Atspi.KeySynthType.PRESS)
    Atspi.generate_keyboard_event(keycode, None, Atspi.KeySynthType.PRESS)
    time.sleep(hold)
    Atspi.generate_keyboard_event(keycode, None, Atspi.KeySynthType.RELEASE)
    if shift:
        Atspi.generate_keyboard_event(shift, None, Atspi.KeySynthType.RELEASE)


def type_at_pace(text, pace, hold=KEY_HOLD):
    """Type TEXT key by key with type_key, one key press every PACE seconds
    (the hold counts within it)."""
    for ch in text:
        start = time.monotonic()
        type_key(ch, hold)
        time.sleep(max(0.0, start + pace - time.monotonic()))


def create_vault_through_ui(window, passphrase, mediator="Camille Martin"):
    """Fill the first-run form, acknowledge the recovery key, and return
    once the vault is open. The window must show the creation form."""
    find(window, "text", "Your name").text = mediator
    find(window, "password text", "Passphrase").text = passphrase
    confirm = find(window, "password text", "Confirm passphrase")
    confirm.text = passphrase
    find(window, "push button", "Create Vault").click()
    find(window, "check box", "I have written down the recovery key", timeout=60).click()
    continue_button = find(window, "push button", "Continue")
    wait_for(lambda: continue_button.sensitive, what="Continue to become sensitive")
    continue_button.click()


def fits_screen(node, what, names=True):
    """The node lies within the screen (1366×768 at text scale 1.5 in the
    large-text runs) and, unless NAMES is false, every control in it has an
    accessible name."""
    screen = Gdk.Screen.get_default()
    width, height = screen.get_width(), screen.get_height()
    (x, y), (w, h) = node.position, node.size
    check(x >= 0 and y >= 0 and x + w <= width and y + h <= height,
          f"{what} fits the {width}×{height} screen ({w}×{h} at {x},{y})")
    if names:
        missing = unnamed_interactive(node)
        check(not missing, f"{what}: every control has a name: " + ", ".join(missing))


def create_vault_in_french(window, passphrase, mediator="Camille Martin"):
    """create_vault_through_ui for an application running in French."""
    find(window, "text", "Votre nom").text = mediator
    find(window, "password text", "Phrase de passe").text = passphrase
    find(window, "password text", "Confirmer la phrase de passe").text = passphrase
    activate(find(window, "push button", "Créer le coffre-fort"))
    activate(find(window, "check box", "J’ai noté la clé de secours", timeout=60))
    proceed = find(window, "push button", "Continuer")
    wait_for(lambda: proceed.sensitive, what="Continuer to become sensitive")
    activate(proceed)


def top_level(app, name, timeout=30, what=None):
    """A window of the application by its title (a dialog is a child of the
    application, not of the main window); WHAT names it in a timeout."""
    try:
        return wait_for(lambda: [n for n in app.children if n.name == name and is_showing(n)],
                        timeout=timeout, what=what or f"the window {name!r}")[0]
    except TimeoutError:
        print("windows:", [(n.roleName, n.name) for n in app.children], flush=True)
        raise


def pdf_name_field(chooser):
    """The file name field of CHOOSER, a file chooser suggesting a PDF."""
    return wait_for(lambda: [n for n in chooser.findChildren(
        lambda n: n.roleName == "text" and (n.text or "").endswith(".pdf") and n.showing,
        isLambda=True)], what="the file name field")[0]


def type_passphrase(window, passphrase, label="Passphrase", timeout=10.0):
    """Unlock: type PASSPHRASE in the lock screen's field (accessible name
    LABEL, in the test's language) and press Enter."""
    entry = find(window, "password text", label, timeout=timeout)
    entry.text = passphrase
    entry.grabFocus()
    press("Return")


def open_vault(vault, passphrase, label="Passphrase", timeout=30.0):
    """Start the application on the existing VAULT and unlock it (LABEL as for
    type_passphrase): (process, application, main window)."""
    proc, app = start_app("--vault", vault)
    window = find(app, "frame", "Sillon", timeout=timeout)
    type_passphrase(window, passphrase, label, timeout)
    return proc, app, window


def create_vault(window, passphrase, mediator="Camille Martin"):
    """create_vault_through_ui in the language of SILLON_TEST_LANGUAGE."""
    if LANGUAGE == "fr":
        create_vault_in_french(window, passphrase, mediator)
    else:
        create_vault_through_ui(window, passphrase, mediator)


def start_new_vault(vault, passphrase):
    """Start the application on VAULT, which does not exist yet, and create it
    through the first-run form: (process, application, main window)."""
    proc, app = start_app("--vault", vault)
    window = find(app, "frame", "Sillon", timeout=30)
    create_vault(window, passphrase)
    return proc, app, window


def add_person(window, new_button, fields, add_button):
    """Open the new person's form with NEW_BUTTON, type FIELDS (a dict from
    each text field's accessible name to its value, in order) and add the
    person with ADD_BUTTON."""
    activate(find(window, "push button", new_button))
    for name, value in fields.items():
        find(window, "text", name).text = value
    activate(find(window, "push button", add_button))


def start_with_person(vault, passphrase, first_name, last_name):
    """A new vault (English UI) holding one person, whose page is open:
    (process, application, main window)."""
    proc, app, window = start_new_vault(vault, passphrase)
    find(window, "text", "Search people", timeout=60)
    add_person(window, "New Person", {"First name": first_name, "Last name": last_name}, "Add Person")
    find(window, "push button", "Log Session", timeout=20)
    return proc, app, window


def start_session_form(app, theme_keys="sant", chosen="Santé"):
    """On a person's page (English UI), Ctrl+Shift+N opens the session form;
    THEME_KEYS typed in its theme search and Enter tick the theme CHOSEN,
    which the form says it chose: the form."""
    press("<Control><Shift>n")
    editor = wait_for(lambda: dialog_showing(app, "Log a Session"), what="the session form")
    rawinput.typeText(theme_keys)
    press("Return")
    wait_for(lambda: labels_containing(editor, f"Chosen: {chosen}"), what="the theme ticked")
    return editor


def wait_for_auto_lock(window, idle_seconds):
    """Wait, without a key press, for the automatic lock set to IDLE_SECONDS
    (SILLON_AUTO_LOCK_SECONDS) to show the lock screen."""
    wait_for(lambda: find(window, "label", "The Vault Is Locked", timeout=0.5), timeout=idle_seconds * 6,
             what="the automatic lock")


def run_cli(vault, *args, lines, stdin=None, env=None):
    """sillon-cli ARGS on VAULT, with LINES (the passphrase first) on a pipe
    of their own so that standard input stays free for STDIN: the finished
    subprocess.CompletedProcess, its output captured as text."""
    read_fd, write_fd = os.pipe()
    os.write(write_fd, ("\n".join(lines) + "\n").encode())
    os.close(write_fd)
    try:
        return subprocess.run([os.environ["SILLON_CLI"], *args, "--vault", vault, "--passphrase-fd", str(read_fd)],
                              pass_fds=(read_fd,), input=stdin, capture_output=True, text=True, env=env)
    finally:
        os.close(read_fd)


def import_places(vault, passphrase, places_file):
    """The directory of places, imported with sillon-cli while the application
    is closed (the window's own import is tested by test_desk_areas)."""
    result = run_cli(vault, "places", "import", places_file, lines=(passphrase,),
                     env={**os.environ, "LANGUAGE": "en"})
    check(result.returncode == 0, f"the places are imported (exit {result.returncode}: {result.stderr.strip()!r})")


# The names of the people area, of the new person's form and its fields, of
# the person page's Refer button and of the lock screen's passphrase, which
# several tests look for, in the test's language.
PEOPLE_LABELS = {
    "en": {
        "search people": "Search people", "new person": "New Person", "first": "First name",
        "last": "Last name", "commune": "Commune", "add": "Add Person", "refer": "Refer…",
        "unlock": "Passphrase",
    },
    "fr": {
        "search people": "Rechercher des personnes", "new person": "Nouvelle personne", "first": "Prénom",
        "last": "Nom", "commune": "Commune", "add": "Ajouter la personne", "refer": "Orienter…",
        "unlock": "Phrase de passe",
    },
}[LANGUAGE]


def vault_with_person_and_places(vault, passphrase, places_file, person):
    """A new vault with one person and the directory of PLACES_FILE, left
    closed. PERSON is a dict from field keys of PEOPLE_LABELS ("first",
    "last", "commune") to values."""
    labels = PEOPLE_LABELS
    proc, app, window = start_new_vault(vault, passphrase)
    find(window, "text", labels["search people"], timeout=60)
    add_person(window, labels["new person"], {labels[key]: value for key, value in person.items()}, labels["add"])
    find(window, "push button", labels["refer"], timeout=20)
    press("<Control>q")
    proc.wait(timeout=20)
    import_places(vault, passphrase, places_file)


ASSESSMENT_KINDS = {
    "en": {"quick": "Quick Assessment", "full": "Full Assessment"},
    "fr": {"quick": "Diagnostic rapide", "full": "Diagnostic complet"},
}


def choose_assessment(window, kind="full"):
    """At the start of the wizard, choose the quick or the full assessment
    (in the language of SILLON_TEST_LANGUAGE)."""
    activate(find(window, "push button", ASSESSMENT_KINDS[LANGUAGE][kind], timeout=20))


def press_keys(*combos):
    """Press several key combinations one after the other."""
    for combo in combos:
        press(combo)
