# 帮扶规划 (一户一法) as a clerk keys it: from a household's 帮扶记录卡, F5
# opens this year's plan; two measures keyed in Chinese (a deadline outside
# the year and a measure listed twice are refused, naming the rule), notes,
# F2 saves; Esc half-way through a measure and through an edit of the plan
# asks and drops; the screen at 60x15; the card shows the progress line; a
# household not on the register is refused with the rule; the maintenance
# check lists last year's measures without aid.  Then the
# 帮扶规划表 from the command line read back with openpyxl, and `fupin check`
# after the deadline as 基础设置's 更多设置 moved it (with the monitor's
# reminder months).
. tests/e2e/lib.inc
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null || { echo "openpyxl not installed"; exit 77; }
DB=$T/plan.db
FUPIN_TODAY=2026-11-23 expect_rc 0 "$FUPIN" demo --db "$DB" --households 30 --seed 7
# 2027: the demo's households are 在册 since 2026 and have no plan of 2027 yet.
export FUPIN_TODAY=2027-03-01
row=$(sqlite3 -separator '|' "$DB" "SELECT h.id, m.id_no, h.head_name FROM households h
      JOIN members m ON m.household_id = h.id AND m.ordinal = 0
      WHERE h.state = 8 AND h.deleted = 0 AND EXISTS (SELECT 1 FROM assignments a
      WHERE a.household_id = h.id AND a.to_date IS NULL) ORDER BY h.id LIMIT 1")
HH=${row%%|*}; rest=${row#*|}; IDNO=${rest%%|*}; HEAD=${rest#*|}
row=$(sqlite3 -separator '|' "$DB" "SELECT m.id_no, h.head_name FROM households h
      JOIN members m ON m.household_id = h.id AND m.ordinal = 0
      WHERE h.state < 8 AND h.deleted = 0 ORDER BY h.id LIMIT 1")
UNREG_ID=${row%%|*}; UNREG_HEAD=${row#*|}
[ -n "$HH" ] && [ -n "$UNREG_ID" ] || fail "demo lacks a registered or an unregistered household"

tui_start "$DB"
wait_for "主菜单"
k 5; wait_for "户主姓名/拼音首字母"
k "$IDNO" Enter; wait_for "户主: $HEAD"
wait_for "2027年帮扶规划: 尚未制定"
k F5; wait_for "帮扶规划 (一户一法)"
wait_for "尚无规划措施"

# 产业发展 (code 1, then Enter: 1 may start 10..14) with a target amount.
k IC; wait_for "新增措施"
k 1 Enter; k 发展肉牛养殖3头 Enter 5000 Enter Enter 20271031
k F2; wait_for "产业发展"
# 教育资助 by its initials; a deadline in 2028 is refused with the rule.
k IC; wait_for "第 2 项措施"
k jyzz Enter; k 子女义务教育不辍学 Enter Enter Enter 20281231
k F2; wait_for "完成期限 2028-12-31 不在 2027 年内"
cursor_on "完成期限"
k C-u 20271231; k F2; wait_for "教育资助"
# 产业发展 again: refused (each measure once), then Esc drops the new item.
k IC; wait_for "第 3 项措施"
k 1 Enter; k 再养一批 Enter
k F2; wait_for "已在第 1 项列出"
k Escape; wait_for "保存修改吗"
k n; wait_for "Ins新增 Enter修改"
k F5; wait_for "一户一法"
k 户主愿意养牛，子女在校 Enter
wait_for "\[未保存\]"
k F2; wait_for "已保存 2027年帮扶规划 (2 项措施)"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM plan_items i JOIN plans p ON p.id = i.plan_id
      WHERE p.household_id = $HH AND p.year = 2027")" = 2 ] || fail "plan not saved with 2 items"
[ "$(sqlite3 "$DB" "SELECT target || '|' || amount || '|' || deadline FROM plan_items ORDER BY id DESC LIMIT 1 OFFSET 1")" = "发展肉牛养殖3头|500000|2027-10-31" ] \
    || fail "item 1 stored wrong: $(sqlite3 "$DB" "SELECT * FROM plan_items")"

# Esc half-way: a measure being keyed, then a deleted item not saved.
k IC; wait_for "新增措施"
k 3; k Escape; wait_for "保存修改吗"
k n; wait_for "Ins新增 Enter修改"
k Down; k DC; wait_for "删除第 2 项"
k y; wait_for "\[未保存\]"
# 60x15: the program asks for a larger window; back, the unsaved plan is intact.
tx resize-window -t t -x 60 -y 15
wait_for "窗口太小"
tx resize-window -t t -x 100 -y 30
wait_for "产业发展"
wait_for "\[未保存\]"
not_on_screen "教育资助"
k Escape; wait_for "帮扶规划已修改，保存吗"
k n; wait_for "帮扶记录卡"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM plan_items")" -ge 2 ] || fail "Esc + 否 deleted a saved item"
# The card's progress line: no 2027 entries yet.
wait_for "2027年帮扶规划: 产业发展 未开始(0条)；教育资助 未开始(0条)"

# A household not on the register: the screen says the rule, keying is refused.
k F3; wait_for "换一户"
k "$UNREG_ID" Enter; wait_for "户主: $UNREG_HEAD"
k F5; wait_for "不在册"
k IC; wait_for "不能制定帮扶规划"
wait_for "帮扶规划只为在册贫困户制定"
k Enter
k Escape; wait_for "帮扶记录卡"
k Escape; wait_for "主菜单"
# 数据维护 → 数据检查: 2026's plans reviewed (the demo leaves measures not begun).
k 0; wait_for "数据维护"
k 1; wait_for "仍无该类帮扶记录" 20
k Escape; k Escape; wait_for "主菜单"
# 基础设置 → M 更多设置 (管理员): the plan deadline moved to 06-30 (a typo
# refused first), the monitor's reminder to 6 months.
k 9; wait_for "M更多设置"
k M; wait_for "1. 帮扶规划制定期限 .*07-31 前制定"
k 1; wait_for "几月几日前制定"
k BSpace BSpace BSpace BSpace BSpace 6-310 Enter; wait_for "应为 月-日"
k Enter; wait_for "几月几日前制定"
k BSpace BSpace BSpace BSpace BSpace 06-30 Enter; wait_for "06-30 前制定"
k 3; wait_for "百分之几"
k Enter; wait_for "损失达到多少元"
k Enter; wait_for "几个月未落实"
k BSpace BSpace 6 Enter; wait_for "6 个月未落实提醒"
k Escape; wait_for "1. 行政区划"
k Escape; wait_for "主菜单"
k q y; wait_for "FUPIN-EXITED-0" 20   # the exit's backup done before sqlite3 reads the file
[ "$(sqlite3 "$DB" "SELECT group_concat(key || '=' || value, ' ') FROM settings WHERE key IN
      ('plan.deadline', 'monitor.stale_months') ORDER BY key")" = "monitor.stale_months=6 plan.deadline=06-30" ] ||
    fail "更多设置 not stored: $(sqlite3 "$DB" "SELECT * FROM settings WHERE key LIKE 'plan.%' OR key LIKE 'monitor.%'")"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM plans p JOIN households h ON h.id = p.household_id
      WHERE h.state < 8")" = 0 ] || fail "a plan was stored for an unregistered household"

# 帮扶规划表 of the household's village, read back.
VILLAGE=$(sqlite3 "$DB" "SELECT village FROM households WHERE id = $HH")
expect_rc 0 "$FUPIN" export plans --db "$DB" --village "$VILLAGE" --year 2027 -o "$T/plans.xlsx"
$PY - "$T/plans.xlsx" "$HEAD" <<'EOF' || fail "帮扶规划表 read-back"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = list(ws.iter_rows(values_only=True))
assert rows[0][0].endswith("2027年帮扶规划表"), rows[0]
head = rows[2]
assert head[5] == "帮扶措施" and head[13] == "完成情况", head
mine = [r for r in rows[3:] if r[3] == sys.argv[2]]
assert [r[5] for r in mine] == ["产业发展", "教育资助"], mine
assert mine[0][6] == "发展肉牛养殖3头" and mine[0][7] == 5000 and mine[0][13] == "未开始", mine[0]
assert mine[0][14] == "户主愿意养牛，子女在校", mine[0]
others = [r for r in rows[3:] if r[3] != sys.argv[2] and r[0] != "合计"]
assert others and all(r[13] == "未制定规划" for r in others), others[:2]
assert rows[-1][0] == "合计" and "未制定" in rows[-1][1], rows[-1]
EOF
# After the deadline (06-30 as set above): the others are warned, the
# planned household is not.
FUPIN_TODAY=2027-07-15 "$FUPIN" check --db "$DB" > "$T/check.txt"
expect_grep "PLAN_MISSING" "$T/check.txt"
grep "PLAN_MISSING" "$T/check.txt" | grep -q "户主 $HEAD " && fail "planned household warned"
exit 0
