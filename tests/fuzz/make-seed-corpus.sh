#!/usr/bin/env bash
# Makes the seed corpora of the fuzz targets with the built sillon-cli:
# real vaults opened by the passphrase fuzz-vault-open uses, and their headers.
#
#   tests/fuzz/make-seed-corpus.sh PATH/TO/sillon-cli OUTPUT-DIR
#
# OUTPUT-DIR/fuzz-vault-header/ and OUTPUT-DIR/fuzz-vault-open/ are filled.
set -euo pipefail

cli=$1
out=$2
passphrase="fuzz passphrase" # keep in step with FUZZ_PASSPHRASE in fuzz-vault-open.c

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out/fuzz-vault-header" "$out/fuzz-vault-open"

vault () {
  "$cli" vault "$@" --passphrase-fd 3 3<<<"$passphrase"
}

# An empty vault, one with a small table, one with a second keyslot, and one
# with 1024-byte pages: each reaches different code after the unlock.
vault create --vault "$tmp/empty.sillon" --name Fuzz --kdf-ms 1 >/dev/null
vault create --vault "$tmp/table.sillon" --name Fuzz --kdf-ms 1 >/dev/null
vault shell --vault "$tmp/table.sillon" <<'SQL'
CREATE TABLE fuzz (id INTEGER PRIMARY KEY, name TEXT, data BLOB);
CREATE INDEX fuzz_name ON fuzz (name);
INSERT INTO fuzz (name, data) VALUES ('a', x'00'), ('bé', randomblob (300)), ('c', zeroblob (5000));
SQL
vault create --vault "$tmp/small-pages.sillon" --name Fuzz --kdf-ms 1 --page-size 1024 >/dev/null
vault shell --vault "$tmp/small-pages.sillon" <<<"CREATE TABLE fuzz (x); INSERT INTO fuzz VALUES (1), (2);"

for v in empty table small-pages; do
  cp "$tmp/$v.sillon" "$out/fuzz-vault-open/$v"
  head -c 4096 "$tmp/$v.sillon" > "$out/fuzz-vault-header/$v"
  # One copy only: the other half zeroed, as after a torn header write.
  { head -c 2048 "$tmp/$v.sillon"; head -c 2048 /dev/zero; } > "$out/fuzz-vault-header/$v-copy-a"
  # dd rather than `tail | head`: under pipefail, tail killed by SIGPIPE when
  # head has enough would fail the script now and then.
  { head -c 2048 /dev/zero; dd if="$tmp/$v.sillon" bs=2048 skip=1 count=1 status=none; } > "$out/fuzz-vault-header/$v-copy-b"
done
# Truncated files: a header alone, and a header with half a page.
head -c 4096 "$tmp/table.sillon" > "$out/fuzz-vault-open/header-only"
head -c 6144 "$tmp/table.sillon" > "$out/fuzz-vault-open/half-page"
echo "seed corpus in $out"
