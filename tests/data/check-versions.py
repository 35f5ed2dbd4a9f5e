#!/usr/bin/env python3
"""`sillon --version` and `sillon-cli --version` print the same version, and
it is the project's version."""
import re
import subprocess
import sys

expected, sillon, cli = sys.argv[1:4]
outputs = {}
for exe in (sillon, cli):
    result = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30,
                            env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"})
    if result.returncode != 0:
        print(f"{exe} --version failed ({result.returncode}): {result.stderr}")
        sys.exit(1)
    outputs[exe] = result.stdout.strip()
    print(f"{exe}: {outputs[exe]}")

versions = {exe: re.fullmatch(r"sillon(?:-cli)? (\S+)", out) for exe, out in outputs.items()}
if not all(versions.values()):
    print("unexpected --version output")
    sys.exit(1)
found = {m.group(1) for m in versions.values()}
if found != {expected}:
    print(f"versions differ: {found}, project version {expected}")
    sys.exit(1)
