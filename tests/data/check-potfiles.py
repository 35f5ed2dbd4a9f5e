#!/usr/bin/env python3
"""Fail when a file with translatable strings is missing from po/POTFILES.in,
or when POTFILES.in names a file that does not exist."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
listed = set()
for line in (root / "po" / "POTFILES.in").read_text(encoding="utf-8").splitlines():
    line = line.strip()
    if line and not line.startswith("#"):
        listed.add(line)

errors = []
for name in sorted(listed):
    if not (root / name).is_file():
        errors.append(f"po/POTFILES.in lists {name}, which does not exist")

c_marker = re.compile(r'(?<![A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext)\s*\(\s*"')
candidates = []
for pattern, marker in (("src/**/*.c", c_marker), ("src/**/*.h", c_marker)):
    for path in root.glob(pattern):
        if marker.search(path.read_text(encoding="utf-8", errors="replace")):
            candidates.append(path)
for path in root.glob("resources/**/*.ui"):
    if 'translatable="yes"' in path.read_text(encoding="utf-8"):
        candidates.append(path)
for path in list(root.glob("resources/*.in")) + list(root.glob("resources/*.gschema.xml")):
    candidates.append(path)

for path in sorted(candidates):
    rel = path.relative_to(root).as_posix()
    if rel not in listed:
        errors.append(f"{rel} has translatable strings but is not in po/POTFILES.in")

for e in errors:
    print(e)
print(f"checked {len(candidates)} files with translatable strings, {len(listed)} listed")
sys.exit(1 if errors else 0)
