#!/bin/sh
# The county file's maintenance commands and the newer exports at county
# size, on the shared `fupin demo --households 100000` file of make bench
# (BUILD/bench/demoN.db, built once if missing): one run each of
#   fupin check            (quick_check, foreign keys, the audit chain and the
#                           replay of every record, the anchor, every data check)
#   fupin backup           plain and --compress (a USB stick's copy), with sizes
#   fupin export flow      (the year's 乡镇表 and 村表: issue 16's 统计报表)
#   fupin export loans / training / relocation / dividends (the registers' ledgers)
# printing wall time, CPU time and peak RSS.  Reads run without logging in
# (as bench_export.sh: a named operator would pay the password hash);
# backup logs in (it is a writing command), so its peak includes the
# password hash (Argon2id, 64 MiB).
#   sh tests/bench/bench_check.sh [BUILD] [HOUSEHOLDS]
BUILD=${1:-build}
N=${2:-${FUPIN_BENCH_HOUSEHOLDS:-100000}}
cd "$(dirname "$0")/../.." || exit 2
export LANG=C.UTF-8 LC_ALL=C.UTF-8
FUPIN=${FUPIN:-$PWD/$BUILD/fupin}
DB=$PWD/$BUILD/bench/demo$N.db
OPERATOR=${FUPIN_OPERATOR:-演示员} PASSWORD=${FUPIN_PASSWORD:-fupin}
[ -x "$FUPIN" ] || { echo "bench_check: $FUPIN missing (make first)"; exit 2; }
mkdir -p "$PWD/$BUILD/bench"
if [ ! -f "$DB" ]; then
    FUPIN_OPERATOR=$OPERATOR FUPIN_PASSWORD=$PASSWORD \
        "$FUPIN" demo --db "$DB" --households "$N" --seed 1 >/dev/null || exit 1
fi
OUT=$(mktemp -d /tmp/fupin-bench-check.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
echo "== county file: check, backup, flow report and registers ($N households; load $(cut -d' ' -f1-3 /proc/loadavg)) =="

# timed NAME OKCODES CMD...: one run; OKCODES the exit codes that are not a failure.
timed() {
    name=$1 ok=$2; shift 2
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/time" "$@" >"$OUT/out" 2>"$OUT/err"
    rc=$?
    case " $ok " in *" $rc "*) ;; *)
        echo "bench_check: $name failed ($rc): $(tail -2 "$OUT/err")"; return 1 ;;
    esac
    awk -v n="$name" '{ printf "  %-28s wall %7.2f s  cpu %7.2f s  peak %6.1f MB\n", n, $1, $2 + $3, $4 / 1024 }' "$OUT/time"
}
# the environment of a reading and of a writing command (no spaces in names)
READ="env -u FUPIN_PASSWORD -u FUPIN_OPERATOR"
WRITE="env FUPIN_OPERATOR=$OPERATOR FUPIN_PASSWORD=$PASSWORD"
mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f MB", b / 1048576 }'; }

# check exits 1 for the demo's deliberate warnings/errors; 3 would be damage.
timed check "0 1" $READ "$FUPIN" check --db "$DB"
grep -E "审计记录 [0-9]* 条" "$OUT/out" | head -1 | sed 's/^/    /'
timed backup 0 $WRITE "$FUPIN" backup --db "$DB" -o "$OUT/b.db"
echo "    file $(mb "$DB"), copy $(mb "$OUT/b.db")"
rm -f "$OUT/b.db"
timed "backup --compress" 0 $WRITE "$FUPIN" backup --db "$DB" -o "$OUT/b.db.gz" --compress
echo "    compressed copy $(mb "$OUT/b.db.gz")"
rm -f "$OUT/b.db.gz"
for by in township village; do
    timed "export flow 2026 by $by" 0 $READ "$FUPIN" export flow --db "$DB" --period 2026 --by $by -o "$OUT/flow-$by.xlsx"
done
for kind in loans training relocation dividends; do
    timed "export $kind" 0 $READ "$FUPIN" export $kind --db "$DB" -o "$OUT/$kind.xlsx"
done
