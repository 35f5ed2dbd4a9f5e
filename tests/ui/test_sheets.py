"""A person's sheets from the person page of the real application: save the
progress sheet as PDF through the file chooser, print it to a file through
the print dialog, read both back (text, code), check with sillon-cli that
each print was journaled under its code, and see a referral sheet refused,
with a message and without any file, for a person who has no referral."""

import glob
import os
import re
import subprocess

from sillonui import (activate, check, check_quits, create_vault_through_ui, eventually, find, is_showing,
                      labels_containing, pdf_name_field, press, run, run_cli, screenshot, start_app, top_level,
                      wait_for)

PASSPHRASE = "sheets of paper for the bus stop"
WORK = os.environ["SILLON_TEST_WORKDIR"]
vault = os.path.join(WORK, "sheets-vault.sillon")
# The print dialog's "Print to File" writes to the folder the application
# runs in unless told otherwise: a folder of this test's own.
printed_dir = os.path.join(WORK, "printed")
KNOWN_GTK_CRITICAL = "gtk_notebook_get_tab_label: assertion 'list != NULL' failed"
CODE = re.compile(r"\b[0-9A-Z]{5}-[0-9A-Z]{5}\b")


def pdf_text(path):
    return subprocess.run(["pdftotext", path, "-"], check=True, capture_output=True,
                          text=True).stdout


def complete_pdf(path):
    with open(path, "rb") as f:
        f.seek(0, os.SEEK_END)
        f.seek(max(0, f.tell() - 1024))
        return b"%%EOF" in f.read()


def verify(code):
    """sillon-cli sheet verify CODE on the test's vault: (exit status, output)."""
    result = run_cli(vault, "sheet", "verify", code, lines=(PASSPHRASE,), env={**os.environ, "LANGUAGE": "en"})
    return result.returncode, result.stdout + result.stderr


def open_sheets_menu(app, window):
    activate(find(window, "toggle button", "Print or save a sheet"))
    return app


def test():
    os.makedirs(printed_dir)
    os.chdir(printed_dir)
    # GTK 3.24's print dialog, under AT-SPI, logs one critical of its own
    # when its notebook drops a page (gtk_notebook_get_tab_label asked for
    # the removed page by the accessibility bridge): fatal-criticals would
    # abort the print on it. Criticals are read from the application's
    # stderr instead, and any other one fails the test.
    log_path = os.path.join(WORK, "sillon-stderr.log")
    log = open(log_path, "w")
    env = {k: v for k, v in os.environ.items() if k != "G_DEBUG"}
    proc, app = start_app("--vault", vault, env=env, stderr=log)
    window = find(app, "frame", "Sillon", timeout=30)
    create_vault_through_ui(window, PASSPHRASE)

    find(window, "push button", "New Person", timeout=60).click()
    find(window, "text", "First name").text = "Awa"
    find(window, "text", "Last name").text = "Diallo"
    find(window, "text", "Birth year").text = "1957"
    find(window, "push button", "Add Person").click()
    check(find(window, "label", "Awa Diallo", timeout=20).showing, "adding a person opens their page")
    screenshot("sheets-01-person")

    # Save as PDF: the file chooser suggests a name without the person's name.
    open_sheets_menu(app, window)
    screenshot("sheets-02-menu")
    activate(find(app, None, "Progress Sheet as PDF…"))
    chooser = top_level(app, "Save the Sheet as PDF")
    name_entry = pdf_name_field(chooser)
    check(re.fullmatch(r"progress-sheet-\d+\.pdf", name_entry.text) is not None,
          f"the suggested file name holds the record's number only ({name_entry.text!r})")
    saved = os.path.join(WORK, "saved-progress.pdf")
    name_entry.text = saved
    screenshot("sheets-03-save-as")
    activate(find(chooser, "push button", "Save"))
    wait_for(lambda: os.path.exists(saved) and os.path.getsize(saved) > 0, timeout=30,
             what="the saved PDF")
    wait_for(lambda: not is_showing(chooser), what="the file chooser to close")
    text = pdf_text(saved)
    check("Mon parcours numérique" in text, "the saved PDF is the progress sheet, in the person's language (French)")
    check("Awa" in text, "the saved sheet names the person")
    saved_codes = CODE.findall(text)
    check(len(saved_codes) > 0, "the saved sheet carries its code")
    check(oct(os.stat(saved).st_mode & 0o777) == "0o600", "the saved sheet is readable by its owner only")

    # Print: the print dialog, to a file.
    open_sheets_menu(app, window)
    activate(find(app, None, "Progress Sheet…"))
    dialog = top_level(app, "Print")
    screenshot("sheets-04-print-dialog")
    to_file = find(dialog, "table cell", "Print to File", timeout=30)
    to_file.click()
    print_button = find(dialog, "push button", "Print")
    wait_for(lambda: print_button.sensitive, what="Print to become sensitive once a printer is chosen")
    screenshot("sheets-05-print-to-file")
    activate(print_button)
    wait_for(lambda: not is_showing(dialog), timeout=30, what="the print dialog to close")

    def printed_files():
        # GTK's print-to-file backend writes the file as it prints: only a
        # PDF that has reached its end marker is read.
        return [p for p in glob.glob(os.path.join(WORK, "**", "*.pdf"), recursive=True)
                if p != saved and complete_pdf(p)]
    found = eventually(printed_files, timeout=30, what="the printed file")
    check(bool(found), f"printing to a file writes a PDF ({found})")
    if not found:
        return
    printed = found[0]
    text = pdf_text(printed)
    check("Mon parcours numérique" in text and "Awa" in text, "the printed file is the person's progress sheet")
    printed_codes = CODE.findall(text)
    check(len(printed_codes) > 0, "the printed sheet carries its code")
    check(not labels_containing(window, "The sheet was not made"), "no error is shown after printing")

    # A referral sheet for a person without referral: told on the page,
    # before any file is asked for, and nothing written.
    open_sheets_menu(app, window)
    activate(find(app, None, "Latest Referral Sheet as PDF…"))
    message = eventually(lambda: labels_containing(window, "The sheet was not made"),
                         what="the message for a sheet that cannot be made")
    check(bool(message), "a referral sheet for a person without referral is refused with a message")
    check(not [n for n in app.children if n.name == "Save the Sheet as PDF" and is_showing(n)],
          "no file is asked for a sheet that cannot be made")
    screenshot("sheets-06-no-referral")

    # Lock (the CLI cannot open a vault the application holds), then check
    # that each sheet was journaled under its code.
    press("<Control>l")
    find(window, "label", "The Vault Is Locked", timeout=30)
    for what, codes in (("saved", saved_codes), ("printed", printed_codes)):
        if not codes:
            continue
        status, output = verify(codes[0])
        check(status == 0 and "progress sheet" in output and "matches the vault" in output,
              f"sillon-cli sheet verify knows the {what} sheet's code (exit {status}: {output.strip()!r})")
    if saved_codes and printed_codes and saved_codes[0] == printed_codes[0]:
        # The same content the same day: one code, two prints journaled.
        check("Printed 2 times" in verify(saved_codes[0])[1], "both the saved and the printed sheet are journaled")
    status, output = verify("ZZZZZ-ZZZZZ")
    check(status == 14, f"a code no sheet carries is unknown (exit {status})")

    press("<Control>q")
    check_quits(proc)
    log.close()
    with open(log_path, encoding="utf-8", errors="replace") as f:
        logged = f.read()
    print(logged, flush=True)
    unexpected = [line for line in logged.splitlines()
                  if ("CRITICAL" in line or "WARNING" in line or "ERROR" in line)
                  and KNOWN_GTK_CRITICAL not in line and "D-Bus system bus" not in line]
    check(not unexpected, f"no critical or warning but GTK's own ({unexpected})")


run(test)
