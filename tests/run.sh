#!/bin/sh
# Runs every test: the unit/storage binary, then each tests/e2e/*.sh script.
# A script passes with exit 0, is skipped with exit 77, fails otherwise.
# The scripts run FUPIN_TEST_JOBS at a time (default 3: most of a tmux test is
# waiting for the screen, and each has its own tmux server and temp files);
# FUPIN_TEST_JOBS=1 runs them one by one.  Each line names the script and its
# seconds; a failure prints the script's last 40 lines.
# Ends with one line "N passed, N failed[, N skipped]"; exit 1 on any failure.
if [ "${1:-}" = --one ]; then
    MODE=one results=$2 script=$3
    BUILD=${4:-build}
else
    MODE=all BUILD=${1:-build}
fi
cd "$(dirname "$0")/.." || exit 2
export LANG=C.UTF-8 LC_ALL=C.UTF-8
export FUPIN=$PWD/$BUILD/fupin
JOBS=${FUPIN_TEST_JOBS:-3}

# run_one SCRIPT: runs one e2e script; its report goes out in one write (so
# parallel reports do not interleave) and its verdict into $results/NAME.rc.
run_one() {
    name=$(basename "$1" .sh)
    log=$results/$name.log
    start=$(date +%s)
    sh "$1" >"$log" 2>&1
    rc=$?
    secs=$(( $(date +%s) - start ))
    if [ $rc = 0 ]; then
        report="ok   $name (${secs} s)"
    elif [ $rc = 77 ]; then
        report="skip $name: $(tail -n 1 "$log")"
    else
        report="FAIL $name (exit $rc, ${secs} s)
$(sed 's/^/    /' "$log" | tail -n 40)"
    fi
    printf '%s\n' "$report"
    echo $rc >"$results/$name.rc"
}

if [ $MODE = one ]; then
    run_one "$script"
    exit 0
fi

passed=0 failed=0 skipped=0
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
out=$results/unit.log
"$BUILD/tests/unit" 2>&1 | tee "$out" | grep -v '^ok '
last=$(tail -n 1 "$out")
up=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed.*/\1/p')
uf=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed.*/\2/p')
if [ -z "$up" ]; then
    echo "FAIL unit runner crashed"; failed=$((failed + 1))
else
    passed=$((passed + up)); failed=$((failed + uf))
fi

if [ "${FUPIN_TESTS_ONLY:-}" != unit ]; then
    ls tests/e2e/*.sh | xargs -P "$JOBS" -I{} sh tests/run.sh --one "$results" {} "$BUILD"
    for t in tests/e2e/*.sh; do
        name=$(basename "$t" .sh)
        # A script whose runner died left no verdict: that is a failure too.
        case $(cat "$results/$name.rc" 2>/dev/null || echo none) in
        0) passed=$((passed + 1)) ;;
        77) skipped=$((skipped + 1)) ;;
        none) echo "FAIL $name: no verdict (its runner was killed)"; failed=$((failed + 1)) ;;
        *) failed=$((failed + 1)) ;;
        esac
    done
fi

if [ $skipped -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[ $failed = 0 ]
