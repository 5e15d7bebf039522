# 帮扶责任人名册 (基础设置 → 9) as a clerk uses it: add a helper keyed in
# Chinese, give them a household that already has a helper (asked first; the
# old assignment ends that day), hand the household on to another helper,
# and read the history both ways (F5 on each helper) and in the database.
. tests/e2e/lib.inc
export FUPIN_TODAY=2026-11-23
DB=$T/helpers.db
expect_rc 0 "$FUPIN" demo --db "$DB" --households 30 --seed 7
# A household with a current helper since the demo's start.
row=$(sqlite3 -separator '|' "$DB" "SELECT h.id, m.id_no, h.head_name, p.name, a.from_date
      FROM households h JOIN members m ON m.household_id = h.id AND m.ordinal = 0
      JOIN assignments a ON a.household_id = h.id AND a.to_date IS NULL AND a.deleted = 0
      JOIN helpers p ON p.id = a.helper_id
      WHERE h.deleted = 0 ORDER BY h.id LIMIT 1")
HH=${row%%|*}; rest=${row#*|}; IDNO=${rest%%|*}; rest=${rest#*|}; HEAD=${rest%%|*}; rest=${rest#*|}
OLD=${rest%%|*}; OLD_FROM=${rest#*|}
[ -n "$HH" ] || fail "no household with a helper in the demo"
# The one the household is handed on to later: the first other helper.
OTHER=$(sqlite3 "$DB" "SELECT name FROM helpers WHERE deleted = 0 AND name <> '$OLD' ORDER BY id LIMIT 1")

A0=$(sqlite3 "$DB" "SELECT max(id) FROM audit")   # the demo's rows are 演示员's too
tui_start "$DB"
wait_for "主菜单"
k 9; wait_for "基础设置"
k 9; wait_for "现帮扶户数"

# Ins: a new helper, keyed in Chinese; the list then selects them.
k IC; wait_for "新增帮扶责任人"
k 黄丽娟 Enter 县民政局 Enter 社会救助股股长 Enter 13977112233 Enter
k F2; wait_for "已添加帮扶责任人"
wait_for "黄丽娟 *县民政局 *社会救助股股长 *13977112233 *0"

# F6: give them the household; it has a helper, so the history is shown
# and the change asked about.
k F6; wait_for "由 黄丽娟 帮扶 — 查找户"
k "$IDNO" Enter
wait_for "该户已有帮扶责任人"
wait_for "$OLD_FROM 至 今"
k Escape; wait_for "该户现由 $OLD 帮扶, 改由 黄丽娟 帮扶吗"
k y; wait_for "从哪天起帮扶"
# A start before the current assignment's start is refused with both dates.
k C-u 20250101 Enter; wait_for "早于现任帮扶责任人的起始日期 $OLD_FROM"
k Escape; wait_for "从哪天起帮扶"
k C-u 20260601 Enter; wait_for "已指定帮扶责任人"
wait_for "黄丽娟 *县民政局 *社会救助股股长 *13977112233 *1"
# The same household again: nothing to do.
k F6; wait_for "查找户"; k "$IDNO" Enter; wait_for "该户的帮扶责任人已是此人"
k Escape

# goto NAME: selects NAME's line (PgUp goes to the top; rows start on line 3).
goto() {
    k PPage
    line=$(screen | grep -n "^ $1 " | head -1 | cut -d: -f1)
    [ -n "$line" ] || { screen; fail "helper $1 not listed"; }
    i=3; while [ $i -lt "$line" ]; do k Down; i=$((i + 1)); done
}
# Reassign: the other helper takes the household over from 2026-09-01.
goto "$OTHER"
k F6; wait_for "由 $OTHER 帮扶 — 查找户"
k "$IDNO" Enter; wait_for "该户已有帮扶责任人"
wait_for "2026-06-01 至 今  *黄丽娟"
k Escape; wait_for "该户现由 黄丽娟 帮扶, 改由 $OTHER 帮扶吗"
k y; wait_for "从哪天起帮扶"
k C-u 20260901 Enter; wait_for "已指定帮扶责任人"

# F5 on the other helper: the household, current.
k F5; wait_for "$OTHER 帮扶的户 (含历史)"
wait_for "$HEAD .*2026-09-01 至 今"
k Escape
# F5 on 黄丽娟: the household, ended the day the other took over.
goto 黄丽娟
k F5; wait_for "黄丽娟 帮扶的户 (含历史)"
wait_for "$HEAD .*2026-06-01 至 2026-09-01"
k Escape
k Escape; k Escape; wait_for "主菜单"
k q y; wait_for "FUPIN-EXITED-0"

q() { sqlite3 "$DB" "$1"; }
[ "$(q "SELECT group_concat(p.name || ' ' || a.from_date || ' ' || ifnull(a.to_date, '-'), ',')
        FROM (SELECT * FROM assignments WHERE household_id = $HH AND deleted = 0 ORDER BY from_date) a
        JOIN helpers p ON p.id = a.helper_id")" = \
  "$OLD $OLD_FROM 2026-06-01,黄丽娟 2026-06-01 2026-09-01,$OTHER 2026-09-01 -" ] || fail "assignment history: $(q "SELECT * FROM assignments WHERE household_id = $HH")"
[ "$(q "SELECT unit || '|' || title || '|' || phone FROM helpers WHERE name = '黄丽娟'")" = \
  "县民政局|社会救助股股长|13977112233" ] || fail "helper row"
# Audited: the new helper and the three assignment changes, by 演示员.
[ "$(q "SELECT count(*) FROM audit WHERE id > $A0 AND tbl = 'helpers' AND action = 'insert' AND operator = '演示员'")" = 1 ] \
    || fail "helper insert not audited"
[ "$(q "SELECT count(*) FROM audit WHERE id > $A0 AND tbl = 'assignments' AND row_id IN
        (SELECT id FROM assignments WHERE household_id = $HH) AND operator = '演示员'")" -ge 4 ] \
    || fail "assignments not audited: $(q "SELECT * FROM audit WHERE tbl = 'assignments'")"
echo "ok: helper added, assigned, reassigned, history seen both ways"
