#!/usr/bin/env python3
"""Print one closing line for a meson test log: 'Sillon tests: N passed, N failed, N skipped'.

Subtests of TAP executables are counted individually, since a core test
executable holds many g_test cases.
"""
import json
import sys


def main(path):
    passed = failed = skipped = 0
    executables = 0
    with open(path, encoding="utf-8") as log:
        for line in log:
            entry = json.loads(line)
            executables += 1
            result = entry.get("result")
            sub = [s for s in (entry.get("stdout") or "").splitlines()]
            tap_ok = sum(1 for s in sub if s.startswith("ok ") and "# SKIP" not in s)
            tap_skip = sum(1 for s in sub if s.startswith("ok ") and "# SKIP" in s)
            tap_fail = sum(1 for s in sub if s.startswith("not ok "))
            if tap_ok + tap_skip + tap_fail == 0:
                if result in ("OK", "EXPECTEDFAIL"):
                    passed += 1
                elif result == "SKIP":
                    skipped += 1
                else:
                    failed += 1
            else:
                passed += tap_ok
                skipped += tap_skip
                failed += tap_fail
                if result not in ("OK", "EXPECTEDFAIL", "SKIP") and tap_fail == 0:
                    failed += 1  # crashed or timed out after its last report
    print(f"({executables} test programs)")
    print(f"Sillon tests: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
