#!/bin/sh
# Roster export benchmark (issue 7 §Speed, SPEC §8): on a `fupin demo
# --households 100000` database (built once into build/bench/), the median of
# RUNS runs of wall time and peak RSS (/usr/bin/time -f %M) for
#   fupin export roster                  (query + formats + row loop + writer)
#   build/bench/xlsx_floor               (the same cells, libxlsxwriter only)
#   tests/bench/xlsx_python.py           (the same cells, python3-xlsxwriter;
#                                         only where that module is installed)
# and the ratios, measured in the same run.  Also the summary export.
# Target (issue 14): fupin <= 1.3x the floor's CPU time (stretch 1.15x), peak
# RSS < 30 MB; each printed beside its target as met / NOT met.  The floor's
# peak includes its mmap'd TSV, which fupin does not have.
#   sh tests/bench/bench_export.sh [BUILD] [HOUSEHOLDS] [RUNS]
BUILD=${1:-build}
N=${2:-100000}
RUNS=${3:-3}
cd "$(dirname "$0")/../.." || exit 2
FUPIN=${FUPIN:-$PWD/$BUILD/fupin}
FLOOR=$PWD/$BUILD/bench/xlsx_floor
PY=/usr/bin/python3
# python3-xlsxwriter is a comparison, not the target: measured when present.
HAVE_PY=0
$PY -c 'import xlsxwriter' 2>/dev/null && HAVE_PY=1
# Exports read without logging in: with FUPIN_OPERATOR/FUPIN_PASSWORD set the
# CLI checks the password (libsodium's argon2: 64 MB and a fraction of a
# second), which is not the export's cost.  Only the demo build logs in.
OPERATOR=${FUPIN_OPERATOR:-演示员} PASSWORD=${FUPIN_PASSWORD:-fupin}
unset FUPIN_OPERATOR FUPIN_PASSWORD
DIR=$PWD/$BUILD/bench
DB=$DIR/demo$N.db
export LANG=C.UTF-8 LC_ALL=C.UTF-8 FUPIN_TODAY=2026-03-05
[ -x "$FLOOR" ] || { echo "bench_export: $FLOOR missing (make bench builds it)"; exit 2; }
mkdir -p "$DIR"
if [ ! -f "$DB" ]; then
    echo "bench_export: building $DB (once; about 1-2 minutes for 100 000 households)"
    FUPIN_OPERATOR=$OPERATOR FUPIN_PASSWORD=$PASSWORD \
        "$FUPIN" demo --db "$DB" --households "$N" --seed 1 >/dev/null || exit 1
fi
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
OUT=$(mktemp -d /tmp/fupin-bench.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
"$FLOOR" --dump "$DB" "$OUT/roster.tsv" 2>/dev/null || exit 1

# once NAME CMD...: one timed run appended to $OUT/NAME.t as "wall_s cpu_s peak_kb".
once() {
    name=$1; shift
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/time" "$@" >/dev/null 2>"$OUT/err" ||
        { echo "bench_export: $name failed: $(tail -2 "$OUT/err")"; exit 1; }
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$OUT/time" >> "$OUT/$name.t"
}
# median NAME FIELD: the median of column FIELD of NAME's runs.
median() { cut -d' ' -f"$2" "$OUT/$1.t" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"; }
rows=$(($(wc -l < "$OUT/roster.tsv") - 2))
cells=$((rows * $(head -1 "$OUT/roster.tsv" | awk -F"\t" "{ print NF }")))
echo "roster export: $N households, $rows members, $cells cells; median of $RUNS interleaved runs"
# Interleaved (fupin, floor, python, …) so that load from other programs on
# the machine falls on all three alike; CPU time (user + sys) is reported
# beside wall time because it is what a busy machine disturbs least.
i=0
while [ $i -lt "$RUNS" ]; do
    once fupin "$FUPIN" export roster --db "$DB" -o "$OUT/fupin.xlsx"
    once floor "$FLOOR" "$OUT/roster.tsv" "$OUT/floor.xlsx"
    once parse "$FLOOR" --parse "$OUT/roster.tsv"
    [ $HAVE_PY = 1 ] && once python $PY tests/bench/xlsx_python.py "$OUT/roster.tsv" "$OUT/python.xlsx"
    once summary "$FUPIN" export summary --db "$DB" -o "$OUT/summary.xlsx"
    i=$((i + 1))
done
names="fupin floor parse summary"
[ $HAVE_PY = 1 ] && names="$names python"
echo "  load average before: $LOAD0; after: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $names; do
    echo "$n $(median $n 1) $(median $n 2) $(median $n 3)"
done | awk '
    { w[$1] = $2; c[$1] = $3; m[$1] = $4 / 1024 }
    END {
        printf "  %-30s %8s %8s %9s\n", "", "wall s", "cpu s", "peak MB"
        printf "  %-30s %8.2f %8.2f %9.1f\n", "fupin export roster", w["fupin"], c["fupin"], m["fupin"]
        printf "  %-30s %8.2f %8.2f %9.1f\n", "floor (C, libxlsxwriter only)", w["floor"], c["floor"], m["floor"]
        printf "  %-30s %8.2f %8.2f\n", "  of which reading its TSV", w["parse"], c["parse"]
        if ("python" in w)
            printf "  %-30s %8.2f %8.2f %9.1f\n", "python3-xlsxwriter", w["python"], c["python"], m["python"]
        printf "  %-30s %8.2f %8.2f %9.1f\n", "fupin export summary", w["summary"], c["summary"], m["summary"]
        ratio = c["fupin"] / c["floor"]
        printf "  roster_export_cpu_ratio: %.2f  target <= 1.30: %s; stretch <= 1.15: %s (wall %.2f; against the floor without its TSV read: cpu %.2f)\n",
            ratio, ratio <= 1.30 ? "met" : "NOT met", ratio <= 1.15 ? "met" : "NOT met",
            w["fupin"] / w["floor"], c["fupin"] / (c["floor"] - c["parse"])
        printf "  roster_export_peak_mb: %.1f  target < 30: %s\n", m["fupin"], m["fupin"] < 30 ? "met" : "NOT met"
        printf "  summary_export_peak_mb: %.1f  target < 30: %s\n", m["summary"], m["summary"] < 30 ? "met" : "NOT met"
        if ("python" in w)
            printf "  python/floor: wall %.2f, cpu %.2f\n", w["python"] / w["floor"], c["python"] / c["floor"]
        bad = (ratio > 1.30) || (m["fupin"] >= 30) || (m["summary"] >= 30)
        printf "bench_export: %s\n", bad ? "OVER TARGET" : "within target (<= 1.3x the floor, < 30 MB)"
        exit bad
    }'
