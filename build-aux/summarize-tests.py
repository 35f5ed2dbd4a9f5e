#!/usr/bin/env python3
"""Print one closing line for a meson test log: 'Sillon tests: N passed, N failed, N skipped'.

Subtests of TAP executables are counted individually, since a core test
executable holds many g_test cases.

With --expect-suites core,data,ui, each of these suites must have run at
least one test that was not skipped: a suite that vanished (an option turned
off, a missing tool, a broken meson.build) must not let the run pass.
"""
import argparse
import json
import sys


def suites_of(name):
    """The suites of a test from its name in the log, 'project:suite1+suite2 / test'.

    meson leaves the suite out of the name when the whole project has only
    one suite; such a test is attributed to no suite."""
    if " / " not in name:
        return []
    prefix = name.split(" / ", 1)[0]
    if ":" not in prefix:
        return []
    return prefix.split(":", 1)[1].split("+")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("testlog", help="meson-logs/testlog.json")
    parser.add_argument("--expect-suites", default="",
                        help="comma-separated suites that must each have a result that is not a skip")
    args = parser.parse_args(argv)
    expected = [s for s in args.expect_suites.split(",") if s]

    passed = failed = skipped = 0
    executables = 0
    # suite -> [results that ran (passed or failed), skipped]
    per_suite = {suite: [0, 0] for suite in expected}
    with open(args.testlog, encoding="utf-8") as log:
        for line in log:
            entry = json.loads(line)
            executables += 1
            result = entry.get("result")
            sub = [s for s in (entry.get("stdout") or "").splitlines()]
            tap_ok = sum(1 for s in sub if s.startswith("ok ") and "# SKIP" not in s)
            tap_skip = sum(1 for s in sub if s.startswith("ok ") and "# SKIP" in s)
            tap_fail = sum(1 for s in sub if s.startswith("not ok "))
            if tap_ok + tap_skip + tap_fail == 0:
                ran = skip = 0
                if result in ("OK", "EXPECTEDFAIL"):
                    passed += 1
                    ran = 1
                elif result == "SKIP":
                    skipped += 1
                    skip = 1
                else:
                    failed += 1
                    ran = 1
            else:
                passed += tap_ok
                skipped += tap_skip
                failed += tap_fail
                ran, skip = tap_ok + tap_fail, tap_skip
                if result not in ("OK", "EXPECTEDFAIL", "SKIP") and tap_fail == 0:
                    failed += 1  # crashed or timed out after its last report
                    ran += 1
            for suite in suites_of(entry.get("name", "")):
                if suite in per_suite:
                    per_suite[suite][0] += ran
                    per_suite[suite][1] += skip

    empty = []
    for suite in expected:
        ran, skip = per_suite[suite]
        if ran == 0:
            what = f"all {skip} skipped" if skip else "no test at all"
            print(f"error: the '{suite}' suite ran nothing ({what}); it must not vanish silently")
            empty.append(suite)
    print(f"({executables} test programs)")
    print(f"Sillon tests: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed or passed == 0 or empty else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
