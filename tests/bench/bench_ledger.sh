#!/bin/sh
# 帮扶台账 export at county size (issue 6, SPEC §6/§8): on the shared
# `fupin demo --households 100000` database of make bench (BUILD/bench/
# demoN.db, built here once if missing), the median of RUNS runs of wall
# time, CPU time and peak RSS (/usr/bin/time -f %M) for
#   fupin export ledger     (every aid entry of the county: one row each)
#   fupin export projects   (every project, with 已拨付 and 核验状态)
# and the ledger's rows per second.  The export only reads the database.
#   sh tests/bench/bench_ledger.sh [BUILD] [HOUSEHOLDS] [RUNS]
BUILD=${1:-build}
N=${2:-100000}
RUNS=${3:-3}
cd "$(dirname "$0")/../.." || exit 2
FUPIN=${FUPIN:-$PWD/$BUILD/fupin}
DIR=$PWD/$BUILD/bench
DB=$DIR/demo$N.db
export LANG=C.UTF-8 LC_ALL=C.UTF-8 FUPIN_TODAY=2026-03-05
[ -x "$FUPIN" ] || { echo "bench_ledger: $FUPIN missing (make first)"; exit 2; }
mkdir -p "$DIR"
if [ ! -f "$DB" ]; then
    echo "bench_ledger: building $DB (once; about 1-2 minutes for 100 000 households)"
    "$FUPIN" demo --db "$DB" --households "$N" --seed 1 >/dev/null || exit 1
fi
OUT=$(mktemp -d /tmp/fupin-bench.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

# once NAME CMD...: one timed run appended to $OUT/NAME.t as "wall_s cpu_s peak_kb".
once() {
    name=$1; shift
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/time" "$@" >/dev/null 2>"$OUT/err" ||
        { echo "bench_ledger: $name failed: $(tail -2 "$OUT/err")"; exit 1; }
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$OUT/time" >> "$OUT/$name.t"
}
# median NAME FIELD: the median of column FIELD of NAME's runs.
median() { cut -d' ' -f"$2" "$OUT/$1.t" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"; }

entries=$(sqlite3 "$DB" "SELECT count(*) FROM aid_records a JOIN households h ON h.id = a.household_id
                         WHERE a.deleted = 0 AND h.deleted = 0")
projects=$(sqlite3 "$DB" "SELECT count(*) FROM projects WHERE deleted = 0")
i=0
while [ $i -lt "$RUNS" ]; do
    once ledger "$FUPIN" export ledger --db "$DB" -o "$OUT/ledger.xlsx"
    once projects "$FUPIN" export projects --db "$DB" -o "$OUT/projects.xlsx"
    i=$((i + 1))
done
# The file really holds one row per entry (3 title/header rows above them).
rows=$(unzip -p "$OUT/ledger.xlsx" xl/worksheets/sheet1.xml 2>/dev/null | grep -o '<row ' | wc -l)
[ "$rows" -ge "$entries" ] || echo "bench_ledger: WARNING ledger has $rows rows for $entries entries"
echo "ledger export: $N households, $entries aid entries, $projects projects; median of $RUNS runs"
for n in ledger projects; do
    echo "$n $(median $n 1) $(median $n 2) $(median $n 3) $(stat -c %s "$OUT/$n.xlsx")"
done | awk -v e="$entries" '
    { printf "  %-18s wall %6.2f s  cpu %6.2f s  peak %5.1f MB  file %6.1f MB", $1, $2, $3, $4 / 1024, $5 / 1048576
      if ($1 == "ledger" && $2 > 0) printf "  %d rows/s", e / $2
      printf "\n" }'
