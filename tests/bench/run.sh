#!/bin/sh
# make bench: every benchmark, with the figures the README records.
# Builds a county-size demo database (100 000 households) once, into
# BUILD/bench/demoN.db (shared with bench_export.sh), and reuses it;
# FUPIN_BENCH_HOUSEHOLDS overrides the size.
BUILD=${1:-build}
cd "$(dirname "$0")/../.." || exit 2
export LANG=C.UTF-8 LC_ALL=C.UTF-8
FUPIN=$PWD/$BUILD/fupin
# Commands that write log in as the demo's 管理员 (init makes it from these too).
export FUPIN_OPERATOR=演示员 FUPIN_PASSWORD=fupin
B=$PWD/$BUILD/bench
N=${FUPIN_BENCH_HOUSEHOLDS:-100000}
DB=$B/demo$N.db
TMP=$(mktemp -d /tmp/fupin-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$B"
echo "== fupin benchmarks ($(nproc) cores, $(date +%Y-%m-%d)) =="

if [ ! -f "$DB" ]; then
    /usr/bin/time -f "%e %M" -o "$TMP/t" "$FUPIN" demo --db "$DB" --households "$N" --seed 1 >/dev/null || exit 1
    read secs kb < "$TMP/t"
    echo "demo_households: $N in $secs s, peak $((kb / 1024)) MB, file $(( $(stat -c %s "$DB") / 1048576 )) MB"
else
    echo "demo_households: $N (reusing $DB, $(( $(stat -c %s "$DB") / 1048576 )) MB)"
fi

"$B/bench_save" "$TMP" 300 nosync
if command -v strace >/dev/null; then
    f0=$(strace -f -c -e trace=fsync,fdatasync "$B/bench_save" "$TMP" 0 2>&1 | awk '/total/ {print $4}')
    f1=$(strace -f -c -e trace=fsync,fdatasync "$B/bench_save" "$TMP" 100 2>&1 | awk '/total/ {print $4}')
    echo "fsyncs_per_save: $(echo "$f0 $f1" | awk '{printf "%.2f", ($2 - $1) / 100}')"
fi
"$B/bench_search" "$DB" 7
if command -v valgrind >/dev/null; then
    for g in 80x24 100x30; do
        a=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$B/bench_keys" "$TMP" 0 $g 2>&1 | sed -n 's/.*Collected : //p')
        b=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$B/bench_keys" "$TMP" 50 $g 2>&1 | sed -n 's/.*Collected : //p')
        echo "keystroke_instructions_$g: $(( (b - a) / 1000 ))"
    done
fi
"$B/bench_lineedit" | tail -n 1
for mode in 1 0 2; do sh tests/bench/keystrokes.sh "$FUPIN" $mode | tail -n 1; done
sh tests/bench/bench_open.sh "$FUPIN" "$DB"
# The other parts' benchmarks (exports, import, merge): tests/bench/bench_<topic>.sh BUILD
for s in tests/bench/bench_*.sh; do
    case "$s" in */bench_open.sh) continue ;; esac
    sh "$s" "$BUILD"
done
