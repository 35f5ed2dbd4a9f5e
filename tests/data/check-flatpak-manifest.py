#!/usr/bin/env python3
"""The Flatpak manifest must build the application it claims to: the right
application id and command, sources for every module, and a copy of the
source tree that leaves out the build and work directories the build-aux
scripts create (flatpak-builder would otherwise copy them all, and a stale
build directory can even break the meson build inside the sandbox).

usage: check-flatpak-manifest.py MANIFEST APP_ID COMMAND"""
import json
import pathlib
import re
import sys


def modules_of(manifest_dir, modules, where):
    """Every module, nested ones included; a module given as a file name is
    read from that file."""
    for i, module in enumerate(modules):
        if isinstance(module, str):
            path = manifest_dir / module
            with open(path, encoding="utf-8") as f:
                module = json.load(f)
        name = module.get("name", f"{where}[{i}]") if isinstance(module, dict) else f"{where}[{i}]"
        yield name, module
        if isinstance(module, dict):
            yield from modules_of(manifest_dir, module.get("modules", []), f"{name}.modules")


def generated_dirs(root):
    """Directories inside the tree that the build-aux scripts and the fuzzing
    and benchmark runs create."""
    dirs = set()
    for script in sorted((root / "build-aux").iterdir()):
        if script.is_file():
            text = script.read_text(encoding="utf-8", errors="replace")
            dirs.update(re.findall(r'\$SILLON_SOURCE_DIR/(_build[\w.-]*)', text))
    for target in sorted((root / "tests" / "fuzz").glob("fuzz-*.c")):
        dirs.add(f"tests/fuzz/corpus-{target.stem}")
    dirs.add("tests/bench/work")
    return dirs


# The files of each family the sheets name (Debian's file names, which the
# font module installs). A family the sheets start to use fails here until
# the manifest carries it and this table says which files it is.
FONT_FILES = {
    "Noto Sans": ["NotoSans-Regular.ttf", "NotoSans-Bold.ttf"],
    "Noto Sans Arabic": ["NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"],
    "DejaVu Sans": ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"],
    "DejaVu Sans Mono": ["DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf"],
}
FAMILY_DEFINE = re.compile(r'#define\s+SHEET_\w*FAMILY\s+"([^"]+)"')


def sheet_font_families(root):
    """The families the sheets' layout asks Pango for (SHEET_*FAMILY in
    sillon-sheet-layout.c): the sheets print with them, so the Flatpak must
    not depend on the host having them."""
    text = (root / "src" / "core" / "sheets" / "sillon-sheet-layout.c").read_text(encoding="utf-8")
    families = []
    for value in FAMILY_DEFINE.findall(text):
        families.extend(f.strip() for f in value.split(",") if f.strip())
    return families


def check_fonts(root, modules):
    """Every font file of every family the sheets use is installed under
    /app/share/fonts by a module whose sources are all pinned files."""
    errors = []
    families = sheet_font_families(root)
    if not families:
        errors.append("no SHEET_*FAMILY in sillon-sheet-layout.c: the fonts the sheets need are unknown")
    installed = set()
    for name, module in modules:
        if not isinstance(module, dict):
            continue
        commands = " ".join(module.get("build-commands", []))
        if "/app/share/fonts" not in commands:
            continue
        sources = [src for src in module.get("sources", []) if isinstance(src, dict)]
        if not sources or any(not src.get("url") or src.get("type") not in ("file", "archive") for src in sources):
            errors.append(f"module {name}: fonts must come from pinned archives (a url and its sha256)")
        installed.update(re.findall(r"[\w-]+\.(?:ttf|otf)", commands))
    for family in families:
        files = FONT_FILES.get(family)
        if files is None:
            errors.append(f"the sheets use the font family {family!r}, which check-flatpak-manifest.py "
                          "does not know: name its files in FONT_FILES and install them in the manifest")
            continue
        for font in files:
            if font not in installed:
                errors.append(f"no module installs {font} ({family}) under /app/share/fonts: "
                              "the sheets would print with the host's fonts, or without them")
    return errors


def main(manifest_path, app_id, command):
    manifest_path = pathlib.Path(manifest_path)
    errors = []
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)

    if manifest.get("app-id") != app_id:
        errors.append(f"app-id is {manifest.get('app-id')!r}, not {app_id!r}")
    if manifest_path.name != f"{app_id}.json":
        errors.append(f"the manifest is named {manifest_path.name}, not {app_id}.json")
    if manifest.get("command") != command:
        errors.append(f"command is {manifest.get('command')!r}, not {command!r}")

    # A GNOME runtime that still ships GTK 3 and is not older than 50
    # (docs/HACKING.md, Flatpak).
    if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
        errors.append("the runtime is not org.gnome.Platform with org.gnome.Sdk")
    version = str(manifest.get("runtime-version", ""))
    if not version.isdigit() or int(version) < 50:
        errors.append(f"runtime-version {version!r} is older than GNOME 50")

    modules = list(modules_of(manifest_path.parent, manifest.get("modules", []), "modules"))
    if not modules:
        errors.append("the manifest has no module")
    dir_sources = []
    for name, module in modules:
        if not isinstance(module, dict):
            errors.append(f"module {name} is not an object")
            continue
        sources = module.get("sources")
        if not isinstance(sources, list) or not sources:
            errors.append(f"module {name} has no sources")
            continue
        for j, source in enumerate(sources):
            if isinstance(source, str):
                continue  # a file holding the source, resolved by flatpak-builder
            if not isinstance(source, dict) or not source.get("type"):
                errors.append(f"module {name}: source {j} has no type")
            elif source["type"] == "dir":
                dir_sources.append((name, source))

    root = manifest_path.parent.parent
    needed = generated_dirs(root)
    for name, source in dir_sources:
        source_dir = (manifest_path.parent / source.get("path", "")).resolve()
        if source_dir != root.resolve():
            continue
        skipped = set(source.get("skip", []))
        for d in sorted(needed - skipped):
            errors.append(f"module {name}: the copied source tree does not skip {d}")

    # Libraries the GNOME runtime does not ship are built as modules, from a
    # pinned archive.
    names = {name for name, _ in modules}
    for needed_module in ("libsodium", "libqrencode"):
        if needed_module not in names:
            errors.append(f"no {needed_module} module: the GNOME runtime does not ship it")
    for name, module in modules:
        for source in module.get("sources", []) if isinstance(module, dict) else []:
            if isinstance(source, dict) and source.get("type") in ("archive", "file") and source.get("url") \
                    and not re.fullmatch(r"[0-9a-f]{64}", str(source.get("sha256", ""))):
                errors.append(f"module {name}: an {source['type']} without a sha256")

    errors.extend(check_fonts(root, modules))

    for e in errors:
        print(e)
    print(f"checked {len(modules)} modules, {len(dir_sources)} source tree copies, "
          f"{len(needed)} directories to leave out")
    return 1 if errors else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__.split("\n\n")[-1])
    sys.exit(main(*sys.argv[1:]))
