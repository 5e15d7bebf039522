#!/bin/sh
# Runs every test: the unit/storage binary, then each tests/e2e/*.sh script.
# A script passes with exit 0, is skipped with exit 77, fails otherwise.
# Ends with one line "N passed, N failed[, N skipped]"; exit 1 on any failure.
BUILD=${1:-build}
cd "$(dirname "$0")/.." || exit 2
export LANG=C.UTF-8 LC_ALL=C.UTF-8
export FUPIN=$PWD/$BUILD/fupin
passed=0 failed=0 skipped=0

out=$(mktemp)
"$BUILD/tests/unit" 2>&1 | tee "$out" | grep -v '^ok '
last=$(tail -n 1 "$out")
up=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed.*/\1/p')
uf=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed.*/\2/p')
if [ -z "$up" ]; then
    echo "FAIL unit runner crashed"; failed=$((failed + 1))
else
    passed=$((passed + up)); failed=$((failed + uf))
fi
rm -f "$out"

if [ "${FUPIN_TESTS_ONLY:-}" != unit ]; then
    for t in tests/e2e/*.sh; do
        [ -f "$t" ] || continue
        log=$(mktemp)
        sh "$t" >"$log" 2>&1
        rc=$?
        name=$(basename "$t" .sh)
        if [ $rc = 0 ]; then
            echo "ok   $name"; passed=$((passed + 1))
        elif [ $rc = 77 ]; then
            echo "skip $name: $(tail -n 1 "$log")"; skipped=$((skipped + 1))
        else
            echo "FAIL $name"; sed 's/^/    /' "$log" | tail -n 40; failed=$((failed + 1))
        fi
        rm -f "$log"
    done
fi

if [ $skipped -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[ $failed = 0 ]
