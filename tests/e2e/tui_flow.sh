# 统计报表 (menu R, issue 16 item 1) as a clerk uses it at 80x24: the
# demo's figures agree with `fupin export flow` of the same period (read
# back with openpyxl); bad periods show core/flow's reason and keep what was
# typed; 减贫任务 abandoned with Esc halfway and typed wrong (negative, not a
# number) write nothing; the 管理员's target shows in the table; a 录入员 is
# refused by the store; 60x15 and back keeps the table; F9 exports the
# workbook (Esc at the path writes nothing) and it equals the command line's.
. tests/e2e/lib.inc
export FUPIN_TODAY=2026-12-01
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null || { echo "openpyxl not installed"; exit 77; }
DB=$T/flow.db
expect_rc 0 "$FUPIN" demo --db "$DB"
sql "$DB" "insert into operators(name, role, active, pw_hash) select '录入一', 0, 1, pw_hash from operators where name = '演示员'"
TOWN=$(sql "$DB" "SELECT code FROM areas WHERE level = 2 ORDER BY code LIMIT 1")
TNAME=$(sql "$DB" "SELECT name FROM areas WHERE code = '$TOWN'")
targets() { sql "$DB" "SELECT count(*) || '/' || coalesce(sum(households), 0) || '/' || coalesce(sum(people), 0) FROM flow_targets"; }

# cells XLSX NAME FROM TO: the row named NAME's cells FROM..TO (1-based) joined by spaces.
cells() {
    $PY - "$@" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
a, b = int(sys.argv[3]), int(sys.argv[4])
for row in ws.iter_rows(values_only=True):
    if row and row[0] == sys.argv[2]:
        print(" ".join("" if v is None else str(int(v)) if isinstance(v, (int, float)) else str(v) for v in row[a - 1:b]))
        break
else:
    sys.exit("no row " + sys.argv[2])
PY
}
# The regular expression of a screen row: NAME, 平衡 and the numbers.
row_re() { name=$1; shift; printf '%s *平衡' "$name"; for v in "$@"; do printf ' *%s' "$v"; done; }

tui_start "$DB"
tx resize-window -t t -x 80 -y 24
wait_for "主菜单"; wait_for "R. 统计报表"
k r; wait_for "统计报表 — 贫困人口动态统计"; wait_for "2026年12月 乡镇表"
"$FUPIN" export flow --db "$DB" --period 2026-12 --by township -o "$T/cli.xlsx" >/dev/null 2>&1 || fail "cli export"
# The first seven number columns (期初户数 … 减少户) of the township and 合计.
wait_for "$(row_re "$TNAME" $(cells "$T/cli.xlsx" "$TNAME" 2 8))"
wait_for "$(row_re 合计 $(cells "$T/cli.xlsx" 合计 2 8))"
wait_for "列 1-7/23"

# Bad periods: the reason, the field keeps the text; then a good one.
k F2; wait_for "统计期间"
k C-u 2026-13 Enter; wait_for "期间有误: 月份应为 01-12"; wait_for "x 2026-13  "
k C-u 2026-Q5 Enter; wait_for "期间有误: 季度应为 Q1-Q4"; wait_for "x 2026-Q5  "
k C-u 2026 Enter; wait_for "2026年 乡镇表"; not_on_screen "统计期间"
"$FUPIN" export flow --db "$DB" --period 2026 --by township -o "$T/cli.xlsx" >/dev/null 2>&1 || fail "cli export 2026"
wait_for "$(row_re 合计 $(cells "$T/cli.xlsx" 合计 2 8))"
# ←→ scroll: the people's columns come into view.
k Right Right Right Right Right Right Right Right; wait_for "列 9-15/23"
wait_for "期初人数"
wait_for "$(row_re 合计 $(cells "$T/cli.xlsx" 合计 10 16))"
k Home; wait_for "列 1-7/23"

# 减贫任务: Esc halfway, then wrong numbers: nothing written.
BEFORE=$(targets)
k F5; wait_for "减贫任务 — $TNAME 2026年"; wait_for "减贫任务户数"
k C-u 88 Enter; wait_for "减贫任务人数"
k Escape; not_on_screen "减贫任务人数"
[ "$(targets)" = "$BEFORE" ] || fail "Esc halfway wrote a target: $(targets) was $BEFORE"
k F5; wait_for "减贫任务户数"
k C-u -5 Enter; wait_for "请输入 0 到 999999 之间的整数"; k Enter
wait_for "减贫任务户数"; k C-u abc Enter; wait_for "请输入 0 到 999999 之间的整数"; k Enter
wait_for "减贫任务户数"; k Escape; not_on_screen "减贫任务户数"
[ "$(targets)" = "$BEFORE" ] || fail "wrong numbers wrote a target"
# The 管理员 sets it: the row shows it, the store holds it.
k F5; wait_for "减贫任务户数"; k C-u 88 Enter; wait_for "减贫任务人数"; k C-u 300 Enter
wait_for "已保存$TNAME 2026年减贫任务: 88户 300人"
wait_for "$TNAME 2026年减贫任务: 88户 300人"
[ "$(sql "$DB" "SELECT households || '/' || people FROM flow_targets WHERE area = '$TOWN' AND year = 2026")" = 88/300 ] ||
    fail "target not stored"
k Right Right Right Right Right Right Right Right Right Right Right Right Right Right Right Right; wait_for "列 17-"
wait_for "减贫任务户"; wait_for "$TNAME *平衡 *88 "
# A year without targets: the 合计 row's target is the county's, a new row.
k F2; wait_for "统计期间"; k C-u 2030-Q1 Enter; wait_for "2030年第1季度"
N0=$(sql "$DB" "SELECT count(*) FROM flow_targets")
k NPage; wait_for "合计 2030年减贫任务: 未设户 未设人"
k F5; wait_for "减贫任务 — 合计 2030年"; k C-u 5 Enter; k C-u 17 Enter
wait_for "合计 2030年减贫任务: 5户 17人"
[ "$(sql "$DB" "SELECT count(*) FROM flow_targets")" = $((N0 + 1)) ] || fail "2030 target not added"
[ "$(sql "$DB" "SELECT area FROM flow_targets WHERE year = 2030")" = "$(sql "$DB" "SELECT code FROM areas WHERE level = 1")" ] ||
    fail "合计's target is not the county's"

# 60x15: the program asks for a larger window; back, the table is intact.
tx resize-window -t t -x 60 -y 15
wait_for "窗口太小"
tx resize-window -t t -x 80 -y 24
wait_for "合计 2030年减贫任务: 5户 17人"; wait_for "2030年第1季度 乡镇表"

# 村表 of 2026 and its export: Esc at the path writes nothing, then F9.
k F2; k C-u 2026 Enter; wait_for "2026年 乡镇表"
k F4; wait_for "2026年 村表"
# F3: a village by its code (the 报表导出 area picker), then all again.
VIL=$(sql "$DB" "SELECT code FROM areas WHERE level = 3 ORDER BY code LIMIT 1")
VNAME=$(sql "$DB" "SELECT name FROM areas WHERE code = '$VIL'")
k F3; wait_for "统计区域"; k "$VIL"; k Enter; wait_for "区域: $VNAME ($VIL)"
wait_for "$VNAME *平衡"
k F3; wait_for "统计区域"; k Home; k Enter; wait_for "区域: 全部"
k F9; wait_for "导出动态统计村表"; k Escape; not_on_screen "导出动态统计村表"
ls "$T"/*.xlsx | grep -v cli.xlsx && fail "Esc at the path wrote a file"
k F9; wait_for "导出动态统计村表"; k C-u "$T/screen.xlsx" Enter
wait_for "已导出动态统计村表 [0-9]* 行"
[ -s "$T/screen.xlsx" ] || fail "no file exported"
k Enter
"$FUPIN" export flow --db "$DB" --period 2026 --by village -o "$T/cli.xlsx" >/dev/null 2>&1 || fail "cli export village"
$PY - "$T/screen.xlsx" "$T/cli.xlsx" <<'PY' || fail "the screen's workbook differs from the command line's"
import sys, openpyxl
a, b = (list(openpyxl.load_workbook(p).active.iter_rows(values_only=True)) for p in sys.argv[1:3])
assert len(a) > 5 and a == b, (len(a), len(b))
assert any(r and r[0] == "合计" for r in a)
PY
k Escape; wait_for "主菜单"; k q; k y; wait_for "FUPIN-EXITED-0" 20

# A 录入员: the store refuses, nothing written.
BEFORE=$(targets)
export FUPIN_OPERATOR=录入一
tui_start "$DB"
wait_for "主菜单"; wait_for "录入员"
k r; wait_for "统计报表 — 贫困人口动态统计"
k F5; wait_for "减贫任务户数"; k C-u 1 Enter; k C-u 2 Enter
wait_for "需要审核员权限才能设置减贫任务"
k Enter; k Escape; wait_for "主菜单"; k q; k y; wait_for "FUPIN-EXITED-0" 20
[ "$(targets)" = "$BEFORE" ] || fail "a 录入员 set a target"
exit 0
