#!/usr/bin/env python3
"""Fail unless the translation for LANG covers every current string.

The template is extracted afresh from the sources listed in POTFILES.in (so a
string added without a translation fails here, even if nobody regenerated
po/sillon.pot), merged with po/LANG.po in a temporary directory, and counted."""
import pathlib
import re
import subprocess
import sys
import tempfile

root = pathlib.Path(sys.argv[1])
lang = sys.argv[2]
po = root / "po" / f"{lang}.po"

keywords = ["_", "N_", "C_:1c,2", "NC_:1c,2", "g_dcgettext:2", "g_dngettext:2,3",
            "g_dpgettext2:2c,3", "ngettext:1,2"]
with tempfile.TemporaryDirectory() as tmp:
    pot = pathlib.Path(tmp) / "sillon.pot"
    merged = pathlib.Path(tmp) / f"{lang}.po"
    cmd = ["xgettext", "--from-code=UTF-8", "--add-comments=Translators", "--package-name=sillon",
           f"--directory={root}", f"--files-from={root / 'po' / 'POTFILES.in'}", f"--output={pot}"]
    cmd += [f"--keyword={k}" for k in keywords]
    subprocess.run(cmd, check=True)
    subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", f"--output-file={merged}", str(po), str(pot)], check=True)
    subprocess.run(["msgfmt", "--check", "--output-file=/dev/null", str(po)], check=True)
    stats = subprocess.run(["msgfmt", "--statistics", "--output-file=/dev/null", str(merged)],
                           check=True, capture_output=True, text=True).stderr.strip()
    # List what is missing, so the failure says what to translate.
    missing = subprocess.run(["msgattrib", "--untranslated", "--no-obsolete", str(merged)],
                             capture_output=True, text=True).stdout
    fuzzy = subprocess.run(["msgattrib", "--only-fuzzy", "--no-obsolete", str(merged)],
                           capture_output=True, text=True).stdout

print(f"{lang}: {stats}")
translated = int(re.match(r"(\d+) translated", stats).group(1)) if re.match(r"(\d+) translated", stats) else 0
if "untranslated" in stats or "fuzzy" in stats or translated == 0:
    sys.stdout.write(missing[:4000])
    sys.stdout.write(fuzzy[:2000])
    sys.exit(1)
