#!/usr/bin/env bash
# The vault's overhead measured with SQLite's speedtest1, against plain SQLite
# and Debian's SQLCipher, in one run on one machine. On demand only: it is not
# part of the test suite. Results go to stdout; docs/PERFORMANCE.md holds the
# figures of the last reference run.
#
#   tests/bench/vault-speedtest.sh [--runs N] [--size N] [--db-dir DIR]
#
# What it does, all inside tests/bench/work/ (ignored by git):
#   1. fetches Debian's sqlite3 source package through a scratch apt
#      configuration with a deb-src line (the system's /etc/apt is untouched)
#      and extracts test/speedtest1.c;
#   2. installs libsqlcipher-dev with apt-get if it is missing;
#   3. builds Sillon's core library (release) and speedtest1 three ways:
#      system SQLite, the sillon VFS (speedtest1-wrapper.c), and SQLCipher
#      keyed with --key (plus SQLCipher unkeyed, its own baseline);
#   4. runs --size N in WAL mode with --exclusive for every engine (the
#      vault's only mode), and in DELETE mode for plain SQLite and SQLCipher
#      only: the sillon VFS refuses rollback journals by design (checked
#      here once), since a planted -journal could otherwise make SQLite
#      write authenticated zero pages into the vault. Each with the default
#      cache and with a cache that holds the whole database, several runs;
#   5. prints the medians, the encrypted/plain ratios and the page cache
#      misses, then the vault's unlock, passphrase-change and verify speed
#      from vault-bench.c.
set -euo pipefail

runs=3
size=100
db_dir=
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift ;;
    --size) size=$2; shift ;;
    --db-dir) db_dir=$2; shift ;;
    -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [--runs N] [--size N] [--db-dir DIR]" >&2; exit 2 ;;
  esac
  shift
done

src=$(cd "$(dirname "$0")/../.." && pwd)
work=$src/tests/bench/work
db_dir=${db_dir:-$work/db}
mkdir -p "$work" "$db_dir"

as_root () {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# 1. speedtest1.c from Debian's source package.
if [ ! -f "$work/speedtest1.c" ]; then
  apt_dir=$work/apt
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$work/source"
  . /etc/os-release
  cat > "$apt_dir/sources.list" <<EOF
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $VERSION_CODENAME main
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian-security $VERSION_CODENAME-security main
EOF
  apt_opts=(
    -o "Dir::Etc::SourceList=$apt_dir/sources.list"
    -o "Dir::Etc::SourceParts=$apt_dir/none"
    -o "Dir::State::Lists=$apt_dir/lists"
    -o "Dir::Cache=$apt_dir/cache"
    -o "APT::Sandbox::User=root"
  )
  apt-get "${apt_opts[@]}" update -qq
  (cd "$work/source" && apt-get "${apt_opts[@]}" source --download-only sqlite3 >/dev/null)
  tarball=$(ls "$work"/source/sqlite3_*.orig.tar.* | grep -v www | head -n 1)
  tar -xf "$tarball" -C "$work/source" --wildcards '*/test/speedtest1.c'
  cp "$(find "$work/source" -path '*/test/speedtest1.c' -print -quit)" "$work/speedtest1.c"
fi

# 2. SQLCipher.
if ! dpkg-query -W -f='${Status}' libsqlcipher-dev 2>/dev/null | grep -q 'install ok installed'; then
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libsqlcipher-dev
fi

# 3. Builds.
build=$work/build
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$src" -Dui=false --buildtype=release >/dev/null
fi
ninja -C "$build" src/core/libsillon-core.a >/dev/null
core_libs=$(pkg-config --libs glib-2.0 gio-2.0 sqlite3 libsodium json-glib-1.0)
core_cflags=$(pkg-config --cflags glib-2.0 gio-2.0 sqlite3 libsodium)
bin=$work/bin
mkdir -p "$bin"
cflags=(-O2 -w -DNDEBUG)

# speedtest1 of SQLite 3.40 names a file control that SQLCipher 3.4's older
# header lacks; it is only used with --reserve, which SQLCipher does not get.
sqlcipher_flags=(-DSQLITE_HAS_CODEC -DSQLITE_FCNTL_RESERVE_BYTES=38 $(pkg-config --cflags sqlcipher))
wrap=(-Dmain=speedtest1_main -Dsqlite3_open_v2=bench_open_v2)
wrapper=$src/tests/bench/speedtest1-wrapper.c

cc "${cflags[@]}" "${wrap[@]}" -c "$work/speedtest1.c" -o "$bin/speedtest1.o"
cc "${cflags[@]}" -o "$bin/speedtest1-plain" "$wrapper" "$bin/speedtest1.o" -lsqlite3
# shellcheck disable=SC2086
cc "${cflags[@]}" -DBENCH_SILLON -I"$build" -I"$src/src/core/base" -I"$src/src/core/vault" -I"$src/src/core/places" -I"$src/src/core/assessment" -I"$src/src/core/store" -I"$src/src/core/demo" $core_cflags \
  -o "$bin/speedtest1-sillon" "$wrapper" "$bin/speedtest1.o" \
  "$build/src/core/libsillon-core.a" $core_libs -lm
cc "${cflags[@]}" "${sqlcipher_flags[@]}" "${wrap[@]}" -c "$work/speedtest1.c" -o "$bin/speedtest1-sqlcipher.o"
cc "${cflags[@]}" -DBENCH_SQLCIPHER "${sqlcipher_flags[@]}" -o "$bin/speedtest1-sqlcipher" \
  "$wrapper" "$bin/speedtest1-sqlcipher.o" $(pkg-config --libs sqlcipher)
# shellcheck disable=SC2086
cc -O2 -I"$build" -I"$src/src/core/base" -I"$src/src/core/vault" -I"$src/src/core/places" -I"$src/src/core/assessment" -I"$src/src/core/store" -I"$src/src/core/demo" $core_cflags -o "$bin/vault-bench" "$src/tests/bench/vault-bench.c" \
  "$build/src/core/libsillon-core.a" $core_libs -lm

# 4. Runs. Every engine gets the same options but its own encryption switch.
engine_args () {
  case "$1" in
    plain) echo "--reserve 40" ;;
    sillon) echo "--reserve 40 --vfs sillon" ;;
    sqlcipher) echo "--key speedtest-key" ;;
    sqlcipher-plain) echo "" ;;
  esac
}
engine_bin () {
  case "$1" in
    plain) echo "$bin/speedtest1-plain" ;;
    sillon) echo "$bin/speedtest1-sillon" ;;
    sqlcipher|sqlcipher-plain) echo "$bin/speedtest1-sqlcipher" ;;
  esac
}
mode_args () {
  case "$1" in
    delete) echo "--journal delete" ;;
    wal) echo "--journal wal --exclusive" ;;
  esac
}
# The database at --size 100 is about 28 MB, 7000 pages of 4 KiB: 12000
# pages hold it with room to spare (scaled with --size).
big_cache=$((12000 * size / 100 + 1000))
cache_args () {
  case "$1" in
    default) echo "" ;;
    big) echo "--cachesize $big_cache" ;;
  esac
}

refusal="the sillon VFS refuses rollback journals (a planted -journal could make SQLite write authenticated zero pages into the vault), so the vault runs in WAL mode with exclusive locking only"

# The refusal is part of the design: make sure it still holds, rather than
# leaving a silent gap in the DELETE rows.
db=$db_dir/speedtest-sillon-refusal.db
out=$work/last-sillon-delete-refusal.txt
if "$bin/speedtest1-sillon" --size 1 --reserve 40 --vfs sillon --journal delete "$db" > "$out" 2>&1; then
  echo "error: the sillon VFS ran speedtest1 in DELETE mode; it must refuse rollback journals (see $out)" >&2
  exit 1
fi
rm -f "$db" "$db-wal" "$db-journal"
echo "sillon in DELETE mode refused as expected: $(grep -m1 -i -E 'error|fail' "$out" || tail -n 1 "$out")" >&2

results=$work/results.tsv
: > "$results"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for run in $(seq 1 "$runs"); do
  for mode in delete wal; do
    if [ "$mode" = delete ]; then
      engines=(plain sqlcipher sqlcipher-plain)
    else
      engines=(plain sillon sqlcipher sqlcipher-plain)
    fi
    for cache in default big; do
      for engine in "${engines[@]}"; do
        db=$db_dir/speedtest-$engine.db
        rm -f "$db" "$db-wal" "$db-journal"
        out=$work/last-$engine-$mode-$cache.txt
        # shellcheck disable=SC2046
        if ! "$(engine_bin "$engine")" --size "$size" --stats $(engine_args "$engine") \
            $(mode_args "$mode") $(cache_args "$cache") "$db" > "$out" 2>&1; then
          echo "speedtest1 failed: $engine $mode $cache (see $out)" >&2
          tail -n 5 "$out" >&2
          exit 1
        fi
        total=$(awk '/TOTAL/ { gsub("s", "", $2); print $2 }' "$out")
        misses=$(awk -F: '/Page cache misses/ { gsub(" ", "", $2); print $2 }' "$out")
        bytes=$(stat -c %s "$db" 2>/dev/null || echo 0)
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$engine" "$mode" "$cache" "$total" "$misses" "$bytes" >> "$results"
        rm -f "$db" "$db-wal" "$db-journal"
        echo "run $run/$runs $engine $mode $cache: ${total}s, $misses misses" >&2
      done
    done
  done
done

echo "== Machine"
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') ($(nproc) cores)"
echo "Memory: $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "Kernel: $(uname -r); SQLite $(pkg-config --modversion sqlite3); libsodium $(pkg-config --modversion libsodium); SQLCipher $(dpkg-query -W -f='${Version}' libsqlcipher-dev)"
echo "Database directory: $db_dir ($(df -T "$db_dir" | awk 'NR == 2 { print $2 }'))"
echo "Load average before the runs: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "speedtest1 --size $size, $runs runs each, medians; big cache = $big_cache pages"
echo "DELETE mode, sillon: refused by design: $refusal."
echo
python3 - "$results" <<'EOF'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
data = {}
for engine, mode, cache, total, misses, size in rows:
    d = data.setdefault((engine, mode, cache), {"t": [], "m": [], "s": []})
    d["t"].append(float(total)); d["m"].append(int(misses or 0)); d["s"].append(int(size))
med = lambda k, f: statistics.median(data[k][f])
print("| mode | cache | plain s | sillon s | sillon / plain | SQLCipher s | SQLCipher / plain | SQLCipher / its unkeyed | sillon ratio / SQLCipher ratio | misses plain / sillon / SQLCipher |")
print("|---|---|---|---|---|---|---|---|---|---|")
refused = "refused by design"
for mode in ("delete", "wal"):
    for cache in ("default", "big"):
        p = med(("plain", mode, cache), "t")
        c = med(("sqlcipher", mode, cache), "t")
        cp = med(("sqlcipher-plain", mode, cache), "t")
        pm = med(("plain", mode, cache), "m")
        cm = med(("sqlcipher", mode, cache), "m")
        if ("sillon", mode, cache) in data:
            s = med(("sillon", mode, cache), "t")
            st, sr, rr, sm = f"{s:.3f}", f"{s/p:.2f}×", f"{(s/p)/(c/p):.2f}", f"{med(('sillon', mode, cache), 'm'):.0f}"
        else:
            st, sr, rr, sm = refused, "—", "—", "—"
        print(f"| {mode.upper()} | {cache} | {p:.3f} | {st} | {sr} | {c:.3f} | {c/p:.2f}× | {c/cp:.2f}× | {rr} |"
              f" {pm:.0f} / {sm} / {cm:.0f} |")
print()
# On a shared or busy machine the fastest run is the one least disturbed by
# others: the same ratios from the minima, as a second opinion.
print("| mode | cache | sillon / plain (best runs) | SQLCipher / plain (best runs) | sillon ratio / SQLCipher ratio (best runs) |")
print("|---|---|---|---|---|")
for mode in ("delete", "wal"):
    for cache in ("default", "big"):
        p, c = (min(data[(e, mode, cache)]["t"]) for e in ("plain", "sqlcipher"))
        if ("sillon", mode, cache) in data:
            s = min(data[("sillon", mode, cache)]["t"])
            print(f"| {mode.upper()} | {cache} | {s/p:.2f}× | {c/p:.2f}× | {(s/p)/(c/p):.2f} |")
        else:
            print(f"| {mode.upper()} | {cache} | {refused} | {c/p:.2f}× | — |")
print()
print("Database size after the run (bytes): " + ", ".join(
    f"{e} {med((e, 'wal', 'default'), 's'):.0f}" for e in ("plain", "sillon", "sqlcipher")))
EOF

echo
echo "== vault-bench (default Argon2id calibration)"
"$bin/vault-bench" --runs 5 --megabytes 32
