# 就业/培训 登记簿 (menu M → 3, issue 16 part 2): a member's job keyed in
# Chinese — a member number not on the roster and an end date before the
# start are refused with the cursor on the field (the kind's code list is
# the unit test's: TRAIN_KIND); Esc
# half-way asks and drops; 60x15; F9's 台账 and `fupin export training`
# read back cell by cell; the 户有卡's section 七 and the aid card's line.
. tests/e2e/lib.inc
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null || { echo "openpyxl not installed"; exit 77; }
export FUPIN_TODAY=2026-06-01
DB=$T/training.db
expect_rc 0 "$FUPIN" demo --db "$DB" --households 60 --seed 7
N0=$(sqlite3 "$DB" "SELECT count(*) FROM trainings")
[ "$N0" -ge 3 ] || fail "demo has no 就业/培训 records"
row=$(sqlite3 -separator '|' "$DB" "SELECT h.id, m.id_no, h.head_name, h.hh_no FROM households h
      JOIN members m ON m.household_id = h.id AND m.ordinal = 0
      WHERE h.state = 8 AND h.deleted = 0 AND NOT EXISTS (SELECT 1 FROM trainings t WHERE t.household_id = h.id)
      AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.household_id = h.id)
      AND (SELECT count(*) FROM members o WHERE o.household_id = h.id AND o.deleted = 0) BETWEEN 2 AND 6
      ORDER BY h.id LIMIT 1")
HH=${row%%|*}; rest=${row#*|}; IDNO=${rest%%|*}; rest=${rest#*|}; HEAD=${rest%%|*}; HHNO=${rest#*|}
[ -n "$HH" ] || fail "no household to key"
SECOND=$(sqlite3 "$DB" "SELECT name FROM members WHERE household_id = $HH AND deleted = 0 ORDER BY ordinal, id LIMIT 1 OFFSET 1")

tui_start "$DB"
wait_for "主菜单"
k M; wait_for "帮扶措施登记"
k 3; wait_for "就业/培训 登记簿"
wait_for "共 $N0 条"
k IC; wait_for "户主姓名/拼音首字母"
k "$IDNO" Enter; wait_for "就业/培训 登记"
wait_for "2 $SECOND"
k C-u 9 Enter
k 2     # a one-digit code moves on by itself
k 电子厂流水线普工 Enter
k 广东省东莞市 Enter
k C-u 20260301 Enter
k 20260201 Enter
k 36000 Enter
k 春节后外出
k F2; wait_for "成员序号 9 不是本户成员"
cursor_on "成员序号"
k C-u 2; k F2; wait_for "结束日期 2026-02-01 早于开始日期 2026-03-01"
cursor_on "结束日期"
k C-u; k F2; wait_for "已保存: 务工就业 电子厂流水线普工"
wait_for "共 $((N0 + 1)) 条"
q() { sqlite3 "$DB" "$1"; }
[ "$(q "SELECT m.name || '|' || t.kind || '|' || t.content || '|' || t.place || '|' || t.start || '|' || t.finish
        || '|' || t.income || '|' || t.note FROM trainings t JOIN members m ON m.id = t.member_id WHERE t.household_id = $HH")" = \
  "$SECOND|2|电子厂流水线普工|广东省东莞市|2026-03-01||3600000|春节后外出" ] ||
    fail "record stored wrong: $(q "SELECT * FROM trainings WHERE household_id = $HH")"

# Esc half-way through a second one: asks, 否 drops it.
k IC; wait_for "户主姓名/拼音首字母"
k "$IDNO" Enter; wait_for "就业/培训 登记"
k Enter 1 焊工培训; k Escape; wait_for "保存修改吗"
k n; wait_for "Ins登记"
[ "$(q "SELECT count(*) FROM trainings")" = $((N0 + 1)) ] || fail "Esc kept a half-keyed record"
tx resize-window -t t -x 60 -y 15
wait_for "窗口太小"
tx resize-window -t t -x 100 -y 30
wait_for "就业/培训 登记簿"
k F9; wait_for "导出就业培训台账"
k C-u "$T/f9.xlsx" Enter; wait_for "已导出就业培训台账"; k Enter
k Escape; wait_for "帮扶措施登记"
k Escape; wait_for "主菜单"
k 5; wait_for "户主姓名/拼音首字母"
k "$IDNO" Enter; wait_for "户主: $HEAD"
wait_for "就业/培训 1 条"
k Escape; wait_for "主菜单"
k q y; wait_for "FUPIN-EXITED-0" 20

expect_rc 0 "$FUPIN" export training --db "$DB" -o "$T/cli.xlsx"
for f in "$T/f9.xlsx" "$T/cli.xlsx"; do
$PY - "$f" "$HEAD" "$SECOND" "$HHNO" $((N0 + 1)) <<'PYEOF' || fail "台账 read-back of $f"
import sys, datetime, openpyxl
path, head, second, hhno, n = sys.argv[1:6]
rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
assert rows[0][0].endswith("就业培训台账"), rows[0]
assert list(rows[2]) == ["序号", "村", "户编号", "户主", "成员", "类别", "培训课程/工作岗位", "地点", "开始日期",
                         "结束日期", "收入", "备注"], rows[2]
data = [r for r in rows[3:] if r[0] != "合计"]
assert len(data) == int(n), (len(data), n)
mine = [r for r in data if r[3] == head]
assert len(mine) == 1, mine
r = mine[0]
assert r[2] == hhno and r[4] == second and r[5] == "务工就业" and r[6] == "电子厂流水线普工", r
assert r[7] == "广东省东莞市" and r[8] == datetime.datetime(2026, 3, 1) and r[9] == "进行中", r
assert r[10] == 36000 and r[11] == "春节后外出", r
total = rows[-1]
assert total[0] == "合计" and total[1] == "共 %s 条" % n and total[10] == sum(x[10] for x in data), total
PYEOF
done
expect_rc 0 "$FUPIN" export card --db "$DB" --household "$HHNO" -o "$T/card.xlsx"
$PY - "$T/card.xlsx" "$SECOND" <<'PYEOF' || fail "户有卡 register lines"
import sys, openpyxl
rows = [[c for c in r if c is not None] for r in openpyxl.load_workbook(sys.argv[1]).active.iter_rows(values_only=True)]
i = [k for k, r in enumerate(rows) if r and r[0] == "七、帮扶措施登记（单位：元）"][0]
assert rows[i + 1] == ["就业/培训"], rows[i + 1]
assert rows[i + 2] == ["成员", "类别", "培训课程/工作岗位", "开始日期", "结束日期", "收入"], rows[i + 2]
assert rows[i + 3] == [sys.argv[2], "务工就业", "电子厂流水线普工", "2026-03-01", "进行中", 36000], rows[i + 3]
PYEOF
exit 0
