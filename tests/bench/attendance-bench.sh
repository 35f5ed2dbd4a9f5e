#!/usr/bin/env bash
# The keys that taking the attendance of 20 people by name costs, counted
# offline against the store (tests/bench/bench-attendance.c) in a few
# seconds, where tests/bench/workshops-bench.sh presses them in the window:
# the same reference dataset (`sillon-cli demo`), the same twenty people
# (the first ones above id 1000 who are the only one of their name), the
# same rows shown. Counted twice: on the dataset as it is, then with the
# weekly series workshops-bench.sh adds (16 of the twenty came to a
# workshop 6 days ago), because the workshop page favours people who came
# to a workshop lately. On demand only, never in the suite.
#
#   tests/bench/attendance-bench.sh
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=bench-common.sh
source "$(dirname "$0")/bench-common.sh"
bench_work attendance
bench_reference_build src/core/libsillon-core.a src/cli/sillon-cli
bench_compile "$build" "$work/bench-attendance" "" "$here/bench-attendance.c"

bench_demo_vault
shell () {
  "$cli" vault shell --vault "$1" --passphrase-fd 3 3<<<"$passphrase"
}
copy="$work/run.sillon"
rm -f "$copy" "$copy-wal"
cp "$vault" "$copy"
if [ -e "$vault-wal" ]; then cp "$vault-wal" "$copy-wal"; fi

# The names stay in memory, never in a file.
names () {
  shell "$copy" <<'SQL'
SELECT first_name || '|' || last_name FROM beneficiaries
  WHERE first_name IS NOT NULL AND last_name IS NOT NULL AND id > 1000
  GROUP BY first_name, last_name HAVING count(*) = 1 ORDER BY min(id) LIMIT 20;
SQL
}

echo "# the reference dataset"
people=$(names)
printf '%s\n%s\n' "$passphrase" "$people" | "$work/bench-attendance" "$copy"

# workshops-bench.sh's weekly series: last week's workshop had 16 of the
# twenty and 4 others.
shell "$copy" >/dev/null <<'SQL'
INSERT INTO workshops (title, themes, date, duration_minutes, place_type)
  VALUES ('Smartphone, weekly', (SELECT themes FROM workshops LIMIT 1), date('now', '-6 days'), 90, 'lieu_activite');
INSERT INTO workshop_attendance (workshop_id, beneficiary_id)
  SELECT (SELECT max(id) FROM workshops WHERE title = 'Smartphone, weekly'), id FROM
    (SELECT min(id) AS id, row_number() OVER (ORDER BY min(id)) AS n FROM beneficiaries
      WHERE first_name IS NOT NULL AND last_name IS NOT NULL AND id > 1000
      GROUP BY first_name, last_name HAVING count(*) = 1 ORDER BY min(id) LIMIT 24)
  WHERE n <= 16 OR n > 20;
SQL
echo "# with workshops-bench.sh's weekly series (16 of the 20 came 6 days ago)"
printf '%s\n%s\n' "$passphrase" "$people" | "$work/bench-attendance" "$copy"
rm -f "$copy" "$copy-wal"
