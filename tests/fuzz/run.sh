#!/bin/sh
# Runs each libFuzzer harness of BUILD/fuzz for SECONDS seconds, starting from
# the seeds in tests/fuzz/corpus/NAME/ (read only: what the run finds goes to
# a scratch corpus).  Prints one line per harness with its executions; on a
# finding, the reproducer's path and how to replay it.  Exit 1 on any finding.
#   sh tests/fuzz/run.sh BUILD SECONDS
BUILD=${1:-build-fuzz}
SECONDS_EACH=${2:-60}
cd "$(dirname "$0")/../.." || exit 2
export LANG=C.UTF-8 LC_ALL=C.UTF-8
OUT=${FUZZ_OUT:-$BUILD/fuzz-out}
mkdir -p "$OUT"
failed=0 total=0

# The database opener starts from a real file: a new one made by this build,
# with 512-byte pages so mutations reach every table.
seed_db() {
    d=$(mktemp -d)
    FUPIN_OPERATOR=演示员 FUPIN_PASSWORD=fupin "$BUILD/fupin" init --db "$d/f.db" \
        --county 520000 测试县 >/dev/null 2>&1 &&
        sqlite3 "$d/f.db" "PRAGMA page_size=512; VACUUM" 2>/dev/null &&
        cp "$d/f.db" "$1/seed-init.db"
    rm -rf "$d"
}

for bin in "$BUILD"/fuzz/*; do
    case $bin in *.d) continue ;; esac
    [ -x "$bin" ] || continue
    name=$(basename "$bin")
    work="$OUT/$name/corpus" art="$OUT/$name/artifacts"
    rm -rf "$OUT/$name"; mkdir -p "$work" "$art"
    [ "$name" = dbopen ] && seed_db "$work"
    log="$OUT/$name/log"
    "$bin" -max_total_time="$SECONDS_EACH" -timeout=20 -rss_limit_mb=2048 -max_len=200000 \
        -print_final_stats=1 -artifact_prefix="$art/" "$work" "tests/fuzz/corpus/$name" >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
    [ -n "$runs" ] || runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    total=$((total + ${runs:-0}))
    repro=$(ls "$art" 2>/dev/null | head -n 1)
    if [ $rc = 0 ] && [ -z "$repro" ]; then
        echo "ok   fuzz $name: ${runs:-?} executions in ${SECONDS_EACH} s"
    else
        failed=1
        echo "FAIL fuzz $name (exit $rc) after ${runs:-?} executions"
        grep -E 'invariant broken|ERROR: |runtime error|SUMMARY' "$log" | head -n 5 | sed 's/^/    /'
        if [ -n "$repro" ]; then
            echo "    reproducer: $art/$repro"
            echo "    replay:     $bin $art/$repro"
        else
            echo "    log: $log"
        fi
    fi
done
echo "fuzz: $total executions in all"
exit $failed
