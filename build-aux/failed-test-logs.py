#!/usr/bin/env python3
"""Print the name and the end of the output of each failed test in a meson test log.

CI prints this last, after every step, so that the tail of a CI log names
the test that failed and shows why, however long the steps after it were.

usage: failed-test-logs.py MESON-LOGS/testlog.json [LINES]
"""
import json
import sys


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    lines = int(argv[2]) if len(argv) > 2 else 40
    with open(argv[1], encoding="utf-8") as log:
        for raw in log:
            entry = json.loads(raw)
            if entry.get("result") in ("OK", "SKIP", "EXPECTEDFAIL"):
                continue
            name = entry.get("name", "?")
            print(f"--- failed: {name} ({entry.get('result')}, {entry.get('duration', 0):.1f} s)")
            output = (entry.get("stdout") or "") + (entry.get("stderr") or "")
            # Name the failed subtests of a TAP executable first: they may be
            # far above the last lines.
            for line in output.splitlines():
                if line.startswith("not ok ") or line.startswith("Bail out!"):
                    print("    " + line)
            for line in output.splitlines()[-lines:]:
                print("    " + line[:300])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
