#!/bin/sh
# The kill test (issue 13 item 8): saves are killed with SIGKILL at random
# moments — a household saved as the form's F2 saves it (tests/tools/
# save_loop.c, one transaction each), a CSV import (one transaction for the
# file), a demo file being built — and after each kill the files must be
# whole: every household there entirely (its members, its survey) or not at
# all, everything reported saved still there, the audit chain intact
# (`fupin check`), PRAGMA integrity_check ok, and a killed `fupin demo`
# leaves either no file or a whole one.
#   sh tests/stress/kill_saves.sh BUILD KILLS      (STRESS_SEED=N to replay)
BUILD=${1:-build}
KILLS=${2:-200}
cd "$(dirname "$0")/../.." || exit 2
export LANG=C.UTF-8 LC_ALL=C.UTF-8
export FUPIN_OPERATOR=演示员 FUPIN_PASSWORD=fupin
case $BUILD in /*) ;; *) BUILD=$PWD/$BUILD ;; esac
FUPIN=$BUILD/fupin
SAVE_LOOP=$BUILD/tests/save_loop
SEED=${STRESS_SEED:-$(date +%s)}
for t in sqlite3 python3; do
    command -v $t >/dev/null || { echo "skip: $t not installed"; exit 77; }
done
T=$(mktemp -d /tmp/fupin-stress.XXXXXX)
pid=
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; rm -rf "$T"' EXIT
fail() {
    echo "FAIL (seed $SEED, kill $k): $*" >&2
    for f in "$T"/*.db*; do     # what the kill left: files and the journal-mode bytes
        echo "    $(basename "$f") $(wc -c <"$f") bytes, header 18-19: $(od -An -tx1 -j18 -N2 "$f")" >&2
    done
    exit 1
}

# A random delay in seconds, up to $1, from the seeded stream.
rnd=0
delay() { rnd=$((rnd + 1)); awk -v s="$SEED" -v n="$rnd" -v m="$1" \
    'BEGIN { srand(s * 1000 + n); printf "%.3f", rand() * m }'; }

"$FUPIN" demo --db "$T/save.db" --households 12 --seed 1 >/dev/null || fail "demo"
"$FUPIN" init --db "$T/import.db" --county 450123 隆安县 --township 450123101 城厢镇 \
    --village 450123101201 东信村 >/dev/null || fail "init"
: >"$T/saved" ; : >"$T/runs"

# CSV of import run $1: 40 households of 3 members, heads 导入<r>户<k>.
import_csv() {
    python3 - "$1" >"$T/imp.csv" <<'PY'
import sys
r = int(sys.argv[1])
def idno(f17):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return f17 + '10X98765432'[sum(int(c) * x for c, x in zip(f17, w)) % 11]
print('县,乡镇,村,村民小组,户编号,户主姓名,与户主关系,姓名,性别,身份证号,民族,文化程度,健康状况,'
      '劳动技能,贫困户属性,识别标准,主要致贫原因,帮扶责任人,帮扶单位,状态')
for k in range(40):
    head = f'导入{r}户{k}'
    for m, (rel, name) in enumerate([('户主', head), ('配偶', head + '妻'), ('之子', head + '子')]):
        serial = (r * 40 + k) * 3 + m
        f17 = f'450123{1950 + serial % 50:04d}{1 + serial // 50 % 12:02d}{1 + serial // 600 % 28:02d}' \
              f'{(serial // 16800 * 2 + (m == 0)) % 1000:03d}'
        sex = '男' if int(f17[16]) % 2 else '女'
        print(f'隆安县,城厢镇,东信村,第一组,,{head},{rel},{name},{sex},{idno(f17)},汉族,小学,健康,'
              '普通劳动力,一般贫困户,国家标准,缺技术,,,识别中')
PY
}

# The files whole.  `fupin check` on the file as the kill left it (read-only)
# either cannot open it (a hot rollback journal needs a writer) or finds the
# audit chain intact and no damage.  Then a copy is opened for writing as the
# next workstation would (which must work), and checked: the audit chain and
# the file (`fupin check`), all or nothing and integrity_check
# (check_whole.py; $2: the saves reported).
check_file() {
    "$FUPIN" check --db "$1" >"$T/check" 2>&1
    if grep -q '^审计记录' "$T/check"; then
        grep -q '审计记录 [0-9]* 条: 校验完好' "$T/check" || fail "$1 as killed: $(tail -n 3 "$T/check")"
    fi
    grep -q '^损坏' "$T/check" && fail "$1 as killed: fupin check found damage: $(grep '^损坏' "$T/check")"
    rm -rf "$T/copy"; mkdir "$T/copy"
    cp "$1"* "$T/copy/"
    c="$T/copy/$(basename "$1")"
    "$SAVE_LOOP" "$c" 0 0 >"$T/why" 2>&1 || fail "$1: the next writer cannot open it: $(cat "$T/why")"
    "$FUPIN" check --db "$c" >"$T/check" 2>&1
    grep -q '审计记录 [0-9]* 条: 校验完好' "$T/check" || fail "$1: fupin check: $(tail -n 3 "$T/check")"
    grep -q '^损坏' "$T/check" && fail "$1: fupin check found damage: $(grep '^损坏' "$T/check")"
    python3 tests/stress/check_whole.py "$c" "${2:-/dev/null}" "$T/runs" >"$T/why" 2>&1 ||
        fail "$1: $(head -n 5 "$T/why")"
    return 0
}

next=1 run=0 k=0 survived=0
while [ $k -lt "$KILLS" ]; do
    k=$((k + 1))
    case $((k % 3)) in
    0)  "$SAVE_LOOP" "$T/save.db" $next 100000 >"$T/out" 2>"$T/err" &
        pid=$!; sleep "$(delay 1.5)"; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null; pid=
        grep '^saved ' "$T/out" >>"$T/saved"
        last=$(grep '^saved ' "$T/out" | tail -n 1 | cut -d' ' -f2)
        next=$(( ${last:-$next} + 2 ))     # the one in flight may be there or not
        check_file "$T/save.db" "$T/saved" ;;
    1)  run=$((run + 1)); import_csv $run
        "$FUPIN" import csv --db "$T/import.db" "$T/imp.csv" >"$T/out" 2>&1 &
        pid=$!; sleep "$(delay 0.8)"; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null; pid=
        echo "$run 40 3" >>"$T/runs"
        check_file "$T/import.db" ;;
    2)  rm -f "$T/demo.db"
        "$FUPIN" demo --db "$T/demo.db" --households 25 --seed $k >"$T/out" 2>&1 &
        pid=$!; sleep "$(delay 1.5)"; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null; pid=
        if [ -e "$T/demo.db" ]; then
            check_file "$T/demo.db"
            n=$(sqlite3 -readonly "$T/demo.db" "select count(*) from households")
            [ "$n" -ge 25 ] || fail "a killed demo left a file of $n households under its name"
        fi ;;
    esac
    survived=$((survived + 1))
done
saves=$(wc -l <"$T/saved")
hh=$(sqlite3 -readonly "$T/import.db" "select count(*) from households")
echo "ok   kill test: $survived kills survived (seed $SEED): $saves households saved" \
     "between kills, $hh households imported in whole runs"
