# Benchmarks of issue 7: `fupin import csv` of a 10 000-household roster and
# `fupin merge` of ten 10 000-household village files into one county file;
# of issue 14 goal 5: `fupin import csv` of a county roster (100 000
# households, 358 347 rows) in < 100 MB peak memory.
#   sh tests/bench/bench_import.sh [BUILD]      (BUILD defaults to build)
# The county roster is the 100 000-household demo of `make bench`
# ($BUILD/bench/demo100000.db, or FUPIN_BENCH_DB=FILE), copied first (never
# written), written as CSV; without one the county part is skipped (one
# `fupin demo --households 100000` takes minutes: make bench makes it).
# FUPIN_BENCH_IMPORT=county runs the county part alone.
# Needs $BUILD/fupin and $BUILD/bench/bench_import_gen (make bench builds it).
# Prints medians of 3 runs (wall seconds, peak RSS from /usr/bin/time when
# present).  Fixtures:
#  - the CSV is a `fupin demo --households 10000` database written as a
#    花名册 CSV (bench_import_gen csv): ~35 000 rows, every roster column;
#  - the village files are the ten consecutive 10 000-household slices of ONE
#    100 000-household demo county (bench_import_gen split): distinct
#    households and ID numbers, as real villages have.  (Ten `fupin demo`
#    runs with different seeds would NOT do: demo's ID numbers derive from
#    the household index, so different seeds reuse many of the same IDs and
#    all use the same village codes with other names — the merge would be
#    measuring conflict reports, not a merge.)
B=${1:-build}
FUPIN=${FUPIN:-$B/fupin}
GEN=${GEN:-$B/bench/bench_import_gen}
W=$(mktemp -d /tmp/fupin-bench-import.XXXXXX)
trap 'rm -rf "$W"' EXIT
export LANG=C.UTF-8
[ -x "$FUPIN" ] && [ -x "$GEN" ] || { echo "bench_import: build $FUPIN and $GEN first" >&2; exit 1; }

# run_timed CMD...: wall seconds, peak RSS (KiB), user and system CPU seconds
# of one run (CPU says more than wall time on a loaded machine).
run_timed() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%e %M %U %S' -o "$W/time" "$@" >"$W/last.out" 2>"$W/last.err" || {
            echo "bench_import: '$*' failed: $(tail -3 "$W/last.err")" >&2; exit 1; }
        cat "$W/time"
    else
        s=$(date +%s.%N)
        "$@" >"$W/last.out" 2>"$W/last.err" || { echo "bench_import: '$*' failed" >&2; exit 1; }
        e=$(date +%s.%N)
        echo "$(echo "$e - $s" | bc) 0 0 0"
    fi
}
median() { sort -n | sed -n 2p; }

median() { sort -n | sed -n 2p; }
mib() { echo $(( ($1 + 1023) / 1024 )); }

# import_county: one import of the county roster into a new file and one
# re-import of the same file, with peak RSS against the target.
import_county() {
    src=${FUPIN_BENCH_DB:-$B/bench/demo100000.db}
    if [ ! -f "$src" ]; then
        echo "== import csv: county (skipped: no $src; make bench builds it) =="
        return 0
    fi
    echo "== import csv: county roster ($src) =="
    cp "$src" "$W/county_src.db" || exit 1
    "$GEN" csv "$W/county_src.db" "$W/county.csv" || exit 1
    rm -f "$W/county_src.db"
    echo "rows: $(($(wc -l <"$W/county.csv") - 1)), bytes: $(wc -c <"$W/county.csv"), load: $(uptime | sed 's/.*load average: //')"
    "$FUPIN" init --db "$W/cimp.db" --county 450123 隆安县 >/dev/null
    for what in import re-import; do
        flag=--create-areas
        [ "$what" = re-import ] && flag=
        set -- $(run_timed "$FUPIN" import csv --db "$W/cimp.db" $flag "$W/county.csv")
        verdict="met"
        [ "$2" -lt $((100 * 1024)) ] || verdict="NOT met"
        [ "$2" -gt 0 ] || verdict="not measured: no /usr/bin/time"
        echo "county $what: $1 s ($(awk "BEGIN { print $3 + $4 }") s CPU), peak RSS $(mib "$2") MB (target < 100 MB: $verdict), load: $(uptime | sed 's/.*load average: //')"
        tail -1 "$W/last.out"
    done
    rm -f "$W/cimp.db" "$W/county.csv"
}
if [ "${FUPIN_BENCH_IMPORT:-}" = county ]; then
    import_county
    exit 0
fi

echo "== import csv: 10 000 households =="
"$FUPIN" demo --db "$W/src.db" --households 10000 --seed 3 >/dev/null
"$GEN" csv "$W/src.db" "$W/roster.csv"
echo "rows: $(($(wc -l <"$W/roster.csv") - 1)), bytes: $(wc -c <"$W/roster.csv")"
: >"$W/imp"; : >"$W/re"
for i in 1 2 3; do
    rm -f "$W/imp.db"
    "$FUPIN" init --db "$W/imp.db" --county 450123 隆安县 >/dev/null
    run_timed "$FUPIN" import csv --db "$W/imp.db" --create-areas "$W/roster.csv" >>"$W/imp"
    run_timed "$FUPIN" import csv --db "$W/imp.db" "$W/roster.csv" >>"$W/re"
done
echo "import (new file):      median $(cut -d' ' -f1 "$W/imp" | median) s, peak RSS $(cut -d' ' -f2 "$W/imp" | median) KiB"
echo "re-import (unchanged):  median $(cut -d' ' -f1 "$W/re" | median) s, peak RSS $(cut -d' ' -f2 "$W/re" | median) KiB"
tail -1 "$W/last.out"
import_county

echo "== merge: ten 10 000-household village files =="
"$GEN" split "$W/v" 10 10000 5
: >"$W/mg"; : >"$W/remg"
for i in 1 2 3; do
    rm -f "$W/county.db"
    "$FUPIN" init --db "$W/county.db" --county 450123 隆安县 >/dev/null
    run_timed "$FUPIN" merge --db "$W/county.db" "$W"/v1.db "$W"/v2.db "$W"/v3.db "$W"/v4.db "$W"/v5.db \
        "$W"/v6.db "$W"/v7.db "$W"/v8.db "$W"/v9.db "$W"/v10.db >>"$W/mg"
    tail -1 "$W/last.out"
    run_timed "$FUPIN" merge --db "$W/county.db" "$W"/v1.db "$W"/v2.db "$W"/v3.db "$W"/v4.db "$W"/v5.db \
        "$W"/v6.db "$W"/v7.db "$W"/v8.db "$W"/v9.db "$W"/v10.db >>"$W/remg"
done
echo "merge 10 × 10 000:      median $(cut -d' ' -f1 "$W/mg" | median) s, peak RSS $(cut -d' ' -f2 "$W/mg" | median) KiB"
echo "re-merge (unchanged):   median $(cut -d' ' -f1 "$W/remg" | median) s, peak RSS $(cut -d' ' -f2 "$W/remg" | median) KiB"
echo "households in county file: $(sqlite3 "$W/county.db" 'select count(*) from households')"
