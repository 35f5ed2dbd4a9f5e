#!/usr/bin/env python3
"""The core must not know about GTK or the UI: no gtk/gdk include, no include
of a src/ui header, and no gtk dependency in its meson file."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
core = root / "src" / "core"
ui_headers = {p.name for p in (root / "src" / "ui").glob("*.h")}
errors = []
include = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)
files = sorted(list(core.rglob("*.c")) + list(core.rglob("*.h")))
for path in files:
    for name in include.findall(path.read_text(encoding="utf-8")):
        if name.startswith(("gtk/", "gdk/")) or name in ui_headers:
            errors.append(f"{path.relative_to(root)} includes {name}")
meson = "\n".join(line.split("#", 1)[0] for line in
                  (core / "meson.build").read_text(encoding="utf-8").splitlines())
if re.search(r"gtk|gdk", meson):
    errors.append("src/core/meson.build mentions gtk/gdk")
for e in errors:
    print(e)
print(f"checked {len(files)} core files")
sys.exit(1 if errors or not files else 0)
