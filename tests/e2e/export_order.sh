# 村民小组 in the order of their numbers (issue 12 item 4): a demo whose
# households are spread over 第一组..第十二组 (as text 第一组, 第七组, 第三组,
# 第九组, 第二组, 第五组 …) is exported as roster, 回头看, aid ledger and
# project ledger and read back (openpyxl): in each village the groups come
# 第一组 … 第十二组, each group in one block.  The roster and 回头看 are also
# checked cell by cell (tests/export_check.py, its own natural order in
# tests/natural_order.py).  Then the household list in the workstation.
. tests/e2e/lib.inc
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null || { echo "python3-openpyxl not installed"; exit 77; }
export FUPIN_TODAY=2026-03-05
DB=$T/d.db
expect_rc 0 "$FUPIN" demo --db "$DB" --households 300 --seed 1
# Groups by a shuffle of the household id: entry order says nothing either.
sql "$DB" "UPDATE households SET group_name = '第' || (SELECT n FROM (SELECT 0 k, '一' n UNION ALL
    SELECT 1, '二' UNION ALL SELECT 2, '三' UNION ALL SELECT 3, '四' UNION ALL SELECT 4, '五' UNION ALL
    SELECT 5, '六' UNION ALL SELECT 6, '七' UNION ALL SELECT 7, '八' UNION ALL SELECT 8, '九' UNION ALL
    SELECT 9, '十' UNION ALL SELECT 10, '十一' UNION ALL SELECT 11, '十二') WHERE k = id * 7 % 12) || '组'"
[ "$(sql "$DB" "SELECT count(DISTINCT group_name) FROM households")" = 12 ] || fail "12 groups"

expect_rc 0 "$FUPIN" export roster --db "$DB" -o "$T/roster.xlsx"
expect_rc 0 "$FUPIN" export resurvey --db "$DB" --year 2027 -o "$T/resurvey.xlsx"
expect_rc 0 "$FUPIN" export ledger --db "$DB" -o "$T/ledger.xlsx"
expect_rc 0 "$FUPIN" export projects --db "$DB" -o "$T/projects.xlsx"
$PY tests/export_check.py roster "$DB" "$T/roster.xlsx" 2026-03-05 >"$T/out" || fail "roster cells: $(cat "$T/out")"
$PY tests/export_check.py resurvey "$DB" "$T/resurvey.xlsx" 2026-03-05 2027 >"$T/out" ||
    fail "回头看 cells: $(cat "$T/out")"

# in_order FILE SHEET MIN_GROUPS: the sheet's rows (found by 户编号 in the database) go
# village by village, 第一组 … 第十二组, each group in one block.
in_order() {
    $PY - "$DB" "$@" <<'EOF' || fail "$2 not in group order"
import sqlite3, sys
import openpyxl
db, path, sheet, min_groups = sys.argv[1:5]
NUM = {n: i + 1 for i, n in enumerate("一 二 三 四 五 六 七 八 九 十 十一 十二".split())}
con = sqlite3.connect(db)
group = dict(con.execute("SELECT hh_no, village || '/' || group_name FROM households WHERE hh_no IS NOT NULL"))
ws = openpyxl.load_workbook(path, read_only=True)[sheet]
rows = list(ws.iter_rows(values_only=True))
head = rows[2]
col = head.index("户编号")
seen, last, n = [], None, 0
for r in rows[3:]:
    if r[col] not in group:
        continue            # 小计 / 合计 lines, a household without 户编号
    vg = group[r[col]]
    n += 1
    if vg != last:
        if vg in seen:
            sys.exit("%s: %s comes back after %s" % (sheet, vg, last))
        v, g = vg.split("/")
        if last and last.split("/")[0] == v and NUM[g[1:-1]] < NUM[last.split("/")[1][1:-1]]:
            sys.exit("%s: %s after %s" % (sheet, g, last))
        seen.append(vg)
        last = vg
if len(seen) < int(min_groups):
    sys.exit("%s: only %d rows in %d groups" % (sheet, n, len(seen)))
print("%s: %d rows in %d village groups, in order" % (sheet, n, len(seen)))
EOF
}
in_order "$T/roster.xlsx" 花名册 24
in_order "$T/resurvey.xlsx" 回头看 24
in_order "$T/ledger.xlsx" 帮扶台账 20
in_order "$T/projects.xlsx" 项目台账 6

# The household list: the first screen, in the first village, 第一组 first
# and no group after a later one.
tui_start "$DB"
wait_for "主菜单"
k 2; wait_for "户信息查询"; wait_for "找到 300 户"
screen > "$T/list"
python3 - "$T/list" <<'EOF' || { cat "$T/list"; fail "household list not in group order"; }
import re, sys
NUM = {n: i + 1 for i, n in enumerate("一 二 三 四 五 六 七 八 九 十 十一 十二".split())}
groups = [NUM[m.group(1)] for m in re.finditer(r"/第(.{1,2})组", open(sys.argv[1]).read())]
if len(groups) < 20 or groups[0] != 1 or groups != sorted(groups):
    sys.exit("groups on screen: %r" % groups)
EOF
k Escape; wait_for "主菜单"
k q y
