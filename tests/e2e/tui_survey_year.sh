# One survey per household per year (issue 11 item 1), as a clerk meets it
# in the product's second year: the clock in 2027, a registered household's
# survey opens as 2027's, started from 2026's and marked so; the clerk
# changes the wage income and saves.  A 2027 row is added and the 2026 row is
# byte for byte what it was.  Reopened, the form says 2027 without the mark;
# F8 opens 2026 read-only: typing changes nothing, F2 does not save.
# F7 shows both years side by side.
# Form G (脱贫退出) in 2027 uses the 2027 survey, or says there is none.
# 报表导出 → 回头看 lists the registered households without a 2027 survey.
. tests/e2e/lib.inc
DB=$T/d.db
export FUPIN_TODAY=2026-06-01
"$FUPIN" demo --db "$DB" --households 20 --seed 1 >/dev/null 2>&1 || fail "demo"
REG=$(sql "$DB" "SELECT head_name FROM households WHERE state = 8 AND deleted = 0 GROUP BY head_name
                 HAVING count(*) = 1 ORDER BY min(id) LIMIT 1")
[ -n "$REG" ] || fail "demo has no registered household"
HID=$(sql "$DB" "SELECT id FROM households WHERE head_name = '$REG'")
[ "$(sql "$DB" "SELECT group_concat(year) FROM surveys WHERE household_id = $HID")" = 2026 ] || fail "demo survey not 2026"
# Every column of a survey row, quoted: the row byte for byte.
COLS=$(sql "$DB" "SELECT group_concat('quote(' || name || ')', ' || ''|'' || ') FROM pragma_table_info('surveys')")
row() { sql "$DB" "SELECT $COLS FROM surveys WHERE household_id = $HID AND year = $1"; }
BEFORE=$(row 2026)
[ -n "$BEFORE" ] || fail "no 2026 row"

export FUPIN_TODAY=2027-03-01
tui_start "$DB"
wait_for "主菜单"
k 2; wait_for "户信息查询"
k "$REG"; sleep 0.3
k Enter; wait_for "入户调查表"
wait_for "2027年调查 (由2026年带入，未确认)"
screen | grep -q "调查年度 *2027" || { screen; fail "调查年度 not shown"; }
# Page 4 收入: the wage income, changed.
k NPage NPage NPage; wait_for "工资性收入"
k C-u 12345 Enter
k F2
# Warnings, if any, are answered yes.
n=0
while ! screen | grep -q "已保存"; do
    screen | grep -q "仍然保存吗" && k y
    n=$((n + 1)); [ $n -gt 30 ] && { screen; fail "not saved"; }
    sleep 0.1
done
not_on_screen "未确认"
[ "$(sql "$DB" "SELECT group_concat(year) FROM (SELECT year FROM surveys WHERE household_id = $HID ORDER BY year)")" = "2026,2027" ] \
    || fail "years after save: $(sql "$DB" "SELECT year FROM surveys WHERE household_id = $HID")"
[ "$(row 2026)" = "$BEFORE" ] || fail "2026 row changed: $BEFORE → $(row 2026)"
[ "$(sql "$DB" "SELECT wage_income FROM surveys WHERE household_id = $HID AND year = 2027")" = 1234500 ] \
    || fail "2027 wage income: $(sql "$DB" "SELECT wage_income FROM surveys WHERE household_id = $HID AND year = 2027")"
# F7: the years side by side, each year's per-capita income against its line.
k F7; wait_for "各年度调查"
screen | grep -q "2026年 *2027年" || { screen; fail "F7 does not show 2026 and 2027 side by side"; }
screen | grep -Eq "年人均纯收入 +[0-9]+\.[0-9]{2} +[0-9]+\.[0-9]{2}" || { screen; fail "F7 lacks two per-capita incomes"; }
screen | grep -Eq "对比 +(高于|低于|等于)线 +(高于|低于|等于)线" || { screen; fail "F7 lacks the comparison with each year's line"; }
k Escape; sleep 0.2
k Escape; wait_for "户信息查询"

# Reopened: this year's own survey; F8 → 2026, read-only.
k Enter; wait_for "2027年调查"
not_on_screen "带入"
AFTER27=$(row 2027)
k F8; wait_for "2026年调查 (只读)"; k Up; k Enter
wait_for "入户调查表 2026年调查 (只读)"
k NPage NPage NPage; wait_for "工资性收入"
k 9; wait_for "只读，不能修改"
k F2; wait_for "只读，不能修改"
k Escape; wait_for "户信息查询"
[ "$(row 2026)" = "$BEFORE" ] || fail "2026 row changed by the read-only form"
[ "$(row 2027)" = "$AFTER27" ] || fail "2027 row changed by looking at 2026"
k Escape; wait_for "主菜单"

# Form G in 2027 measures the 2027 survey: this household's, just saved;
# another registered household has none for 2027 and is told so.
# The list is in village, 村民小组 (by number), 户编号 order (tests/natural_order.py).
sql "$DB" "SELECT id, village, group_name, ifnull(hh_no, ''), head_name FROM households
           WHERE state = 8 AND deleted = 0" > "$T/exit_list"
set -- $(python3 - "$T/exit_list" "$HID" <<'EOF'
import sys
sys.path.insert(0, "tests")
from natural_order import natural_key
rows = [l.rstrip("\n").split("|") for l in open(sys.argv[1], encoding="utf-8")]
rows.sort(key=lambda r: (r[1], natural_key(r[2]), r[3] != "", r[3], int(r[0])))
pos = [int(r[0]) for r in rows].index(int(sys.argv[2]))
print(pos, rows[pos + 1][4])
EOF
)
POS=$1 OTHER=$2
k 7; wait_for "脱贫退出"
i=0; while [ $i -lt "$POS" ]; do k Down; i=$((i + 1)); done
k Enter; wait_for "户主 $REG"
wait_for "2027 年度"; wait_for "2027年调查: 年人均纯收入"
k Escape; k Down; k Enter; wait_for "户主 $OTHER"
wait_for "2027年尚无入户调查"; wait_for "不符合: 2027年尚无入户调查"
k Escape; k Escape; wait_for "主菜单"

# 报表导出 → 回头看 of 2027: every registered or exited household but this one.
k 8; wait_for "回头看名单"
wait_for "年度: 2027年"
k 5; wait_for "保存为"
k C-u "$T/h.xlsx" Enter
wait_for "导出完成" 30
k Enter
PY=/usr/bin/python3
if $PY -c "import openpyxl" 2>/dev/null; then
    $PY tests/export_check.py resurvey "$DB" "$T/h.xlsx" 2027-03-01 2027 || fail "回头看 from the screen differs"
    $PY tests/xlsx_read.py "$T/h.xlsx" | grep -q "	$REG\$" && fail "回头看 lists $REG, surveyed in 2027"
fi
# Y: the year of the report, typed; a wrong one refused by name.
k y; wait_for "导出年度"; k C-u 26 Enter; wait_for "年度“26”无效"
k y; wait_for "导出年度"; k C-u 2026 Enter; wait_for "年度: 2026年"
k Escape; wait_for "主菜单"
k q; wait_for "退出系统吗"; k y; wait_for "FUPIN-EXITED-0"
