#!/usr/bin/env python3
"""The core's layers, checked from one table (docs/HACKING.md draws it).

Each folder under src/core is a layer. A file of a layer may include the
headers of the layers it may use (its own and those listed below) and
nothing else of Sillon: not a layer above it, not the umbrella header, not
the UI or the CLI, and no gtk/gdk header anywhere. A private header
(*-private.h) is for its own layer only. A library that belongs to one
layer (libxlsxwriter: stats) is included and named by that layer only. A
layer's meson.build may name
only the dependencies of the layers it may use, no gtk/gdk, and no include
folder outside its own.

The build already refuses most of this (a layer does not have the headers
of the layers above on its include path); this test says which rule a
change breaks, and also catches what the include path cannot: a header
reached through a relative path, or a meson file that names a layer above.

Usage: check-core-layering.py SOURCE_ROOT
       check-core-layering.py --self-test   (plants each kind of breach in a
       made-up tree and fails unless every one is reported)
"""
import pathlib
import re
import sys
import tempfile

# What each layer may use, besides itself. A layer not in this table is an
# error: a new folder states its place here first. sheets/ is
# the layer to come; it is checked as soon as its folder exists.
ALLOWED = {
    "base": set(),
    "vault": {"base"},
    "places": {"base"},
    "assessment": {"base"},
    "store": {"base", "vault", "places"},
    "demo": {"base", "vault", "places", "assessment", "store"},
    "sheets": {"base", "places", "assessment", "store"},
    "stats": {"base", "places", "assessment", "store"},
}
# Files directly in src/core (the umbrella header, and whatever a layer
# above adds to core_sources) may use every layer.
TOP = "core"

# External libraries that one layer alone may use: their headers and their
# meson dependency belong to that layer (libxlsxwriter writes the
# statistics' spreadsheets; nothing else writes spreadsheets).
EXCLUSIVE = {
    "xlsxwriter": "stats",
}

# Layers that read and write the database through the store's functions
# only: no SQLite call, no borrowed handle (sillon_store_get_db). A query a
# sheet needs is a store function with its own test (docs/HACKING.md).
NO_SQL = {"sheets"}
SQL_CALL = re.compile(r"\b(sqlite3_[a-z0-9_]+|sillon_store_get_db)\b")

# Headers that meson generates into a layer's build folder.
GENERATED = {
    "sillon-data-resources.h": "base",
    "sillon-assessment-enums.h": "assessment",
    "sillon-store-enums.h": "store",
}

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)
MESON_DEP = re.compile(r"\b(?:sillon_([a-z]+)_dep|libsillon_([a-z]+))\b")
MESON_INC = re.compile(r"include_directories\s*\(([^)]*)\)")


def strip_comments(meson_text):
    return "\n".join(line.split("#", 1)[0] for line in meson_text.splitlines())


def find_errors(root):
    core = root / "src" / "core"
    errors = []

    layers = sorted(p.name for p in core.iterdir() if p.is_dir())
    for layer in layers:
        if layer not in ALLOWED:
            errors.append(f"src/core/{layer}/ is not in the table of layers of {pathlib.Path(__file__).name}")

    # Which layer (or which part outside the core) owns each header name.
    owner = dict(GENERATED)
    for layer in layers:
        for header in (core / layer).glob("*.h"):
            owner[header.name] = layer
    for header in core.glob("*.h"):
        owner[header.name] = TOP
    for part in ("ui", "cli"):
        for header in (root / "src" / part).glob("*.h"):
            owner.setdefault(header.name, part)

    files = sorted(p for p in core.rglob("*") if p.suffix in (".c", ".h") and p.is_file())
    for path in files:
        rel = path.relative_to(root)
        layer = path.parent.name if path.parent != core else TOP
        may_use = set(ALLOWED) | {TOP} if layer == TOP else ALLOWED.get(layer, set()) | {layer}
        text = path.read_text(encoding="utf-8")
        if layer in NO_SQL:
            for match in sorted(set(SQL_CALL.findall(text))):
                errors.append(f"{rel} calls {match}: the {layer} layer reads the database "
                              "through store functions only")
        for name in INCLUDE.findall(text):
            base = pathlib.PurePosixPath(name).name
            if name.startswith(("gtk/", "gdk/")):
                errors.append(f"{rel} includes {name}: the core never uses GTK")
                continue
            library = pathlib.PurePosixPath(name).stem
            if library in EXCLUSIVE and layer not in (EXCLUSIVE[library], TOP):
                errors.append(f"{rel} includes {name}: only the {EXCLUSIVE[library]} layer uses {library}")
                continue
            if "/" in name and base in owner:
                errors.append(f"{rel} includes {name} through a path: include a layer's header by its name")
            used = owner.get(base)
            if used is None:
                continue  # a system or library header
            if used in ("ui", "cli"):
                errors.append(f"{rel} includes {name} from src/{used}: the core never uses the {used.upper()}")
            elif used == TOP and layer != TOP:
                errors.append(f"{rel} includes the umbrella header {name}: a layer includes the headers it may use one by one")
            elif used not in may_use:
                errors.append(f"{rel} ({layer}) includes {name} of the {used} layer above it: "
                              f"{layer} may use {', '.join(sorted(may_use - {layer})) or 'no other layer'}")
            elif base.endswith("-private.h") and used != layer:
                errors.append(f"{rel} includes {name}, private to the {used} layer")

    meson_files = [core / "meson.build"] + [core / layer / "meson.build" for layer in layers]
    for meson in meson_files:
        rel = meson.relative_to(root)
        if not meson.exists():
            errors.append(f"{rel} is missing: every layer builds from its own meson.build")
            continue
        text = strip_comments(meson.read_text(encoding="utf-8"))
        if re.search(r"gtk|gdk", text):
            errors.append(f"{rel} mentions gtk/gdk")
        if meson.parent == core:
            continue
        layer = meson.parent.name
        for library, only in EXCLUSIVE.items():
            if library in text and layer != only:
                errors.append(f"{rel} names {library}: only the {only} layer uses it")
        for match in MESON_DEP.finditer(text):
            used = match.group(1) or match.group(2)
            if used == "core":
                errors.append(f"{rel} links libsillon-core: a layer links only the layers below it")
            elif used != layer and used in ALLOWED and used not in ALLOWED.get(layer, set()):
                errors.append(f"{rel} links the {used} layer, which {layer} may not use")
        for match in MESON_INC.finditer(text):
            if ".." in match.group(1):
                errors.append(f"{rel} adds an include folder outside its layer: {match.group(0)}")

    return errors, files, meson_files, layers


def check(root):
    errors, files, meson_files, layers = find_errors(root)
    for e in errors:
        print(e)
    print(f"checked {len(files)} core files and {len(meson_files)} meson files in {len(layers)} layers")
    return 1 if errors or not files else 0


def self_test():
    """A check that cannot fail checks nothing: plant one breach of each
    rule in a made-up tree, and expect each to be named."""
    def write(root, rel, text):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def tree(root):
        lib = "libsillon_{0} = static_library('sillon-{0}', files('sillon-{0}.c'))\n"
        write(root, "src/core/meson.build", "subdir('base')\n")
        write(root, "src/ui/sillon-window.h", "")
        for layer, uses in (("base", []), ("vault", ["base"]), ("store", ["base", "vault"])):
            deps = "".join(f"  sillon_{u}_dep,\n" for u in uses)
            write(root, f"src/core/{layer}/meson.build", lib.format(layer) + f"{layer}_deps = [\n{deps}]\n")
            write(root, f"src/core/{layer}/sillon-{layer}.h", "#pragma once\n")
            includes = "".join(f'#include "sillon-{u}.h"\n' for u in uses)
            write(root, f"src/core/{layer}/sillon-{layer}.c", f'#include "sillon-{layer}.h"\n{includes}')
        write(root, "src/core/store/sillon-store-private.h", "#pragma once\n")
        write(root, "src/core/sheets/meson.build", lib.format("sheets") + "sheets_deps = [sillon_store_dep]\n")
        write(root, "src/core/sheets/sillon-sheets.h", "#pragma once\n")
        write(root, "src/core/sillon-core.h", '#include "sillon-store.h"\n#include "sillon-sheets.h"\n')

    plants = [
        ("vault includes store", "src/core/vault/sillon-vault.c", '#include "sillon-store.h"\n',
         "(vault) includes sillon-store.h of the store layer above it"),
        ("store includes sheets", "src/core/store/sillon-store.c", '#include "sillon-sheets.h"\n',
         "(store) includes sillon-sheets.h of the sheets layer above it"),
        ("core includes ui", "src/core/base/sillon-base.c", '#include "sillon-window.h"\n',
         "includes sillon-window.h from src/ui"),
        ("core includes gtk", "src/core/store/sillon-store.c", "#include <gtk/gtk.h>\n",
         "includes gtk/gtk.h"),
        ("a path around the include folders", "src/core/vault/sillon-vault.c", '#include "../store/sillon-store.h"\n',
         "through a path"),
        ("a private header", "src/core/sheets/sillon-sheets.c", '#include "sillon-store-private.h"\n',
         "private to the store layer"),
        ("the umbrella header", "src/core/vault/sillon-vault.c", '#include "sillon-core.h"\n',
         "includes the umbrella header"),
        ("a library of another layer", "src/core/store/sillon-store.c", "#include <xlsxwriter.h>\n",
         "only the stats layer uses xlsxwriter"),
        ("SQL in the sheets", "src/core/sheets/sillon-sheets.c",
         "static void f (void) { sqlite3_prepare_v2 (0, 0, -1, 0, 0); }\n",
         "calls sqlite3_prepare_v2: the sheets layer reads the database through store functions only"),
        ("the store's handle in the sheets", "src/core/sheets/sillon-sheets.c",
         "static void *f (void *s) { return sillon_store_get_db (s); }\n",
         "calls sillon_store_get_db"),
    ]
    meson_plants = [
        ("vault links store", "src/core/vault/meson.build", "vault_deps += [sillon_store_dep]\n",
         "links the store layer, which vault may not use"),
        ("a layer links the core", "src/core/store/meson.build", "store_deps += [sillon_core_dep]\n",
         "links libsillon-core"),
        ("a layer borrows an include folder", "src/core/vault/meson.build", "inc = include_directories('../store')\n",
         "include folder outside its layer"),
        ("gtk in a layer", "src/core/base/meson.build", "gtk_dep = dependency('gtk+-3.0')\n",
         "mentions gtk/gdk"),
        ("another layer's library in a meson file", "src/core/store/meson.build", "store_deps += [xlsxwriter_dep]\n",
         "names xlsxwriter: only the stats layer uses it"),
        ("a folder not in the table", "src/core/sync/meson.build", "",
         "src/core/sync/ is not in the table"),
    ]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        clean = pathlib.Path(tmp) / "clean"
        tree(clean)
        errors = find_errors(clean)[0]
        if errors:
            print("the clean made-up tree is reported:", *errors, sep="\n  ")
            failures += 1
        for i, (what, rel, text, expected) in enumerate(plants + meson_plants):
            root = pathlib.Path(tmp) / f"plant{i}"
            tree(root)
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as f:
                f.write(text)
            errors = find_errors(root)[0]
            if not any(expected in e for e in errors):
                print(f"not caught: {what} (expected “{expected}”, got {errors})")
                failures += 1
            else:
                print(f"caught: {what}")
    return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(self_test())
    sys.exit(check(pathlib.Path(sys.argv[1])))
