# 驻村工作队 (menu T) as a clerk keys it: pick the village whose 队长 left
# (`fupin check` and the screen warn), key the new 队长 in Chinese, first
# also as a second 第一书记 (refused), then not (the warning goes), make
# the overlap mistake — a member of the other village keyed again by name and
# phone — and see it refused naming that village and dates, Esc halfway out
# of it; key a 走访 entry (who from the team that day, two households
# ticked), leave a second one halfway; shrink the window to 60×15 and back;
# export the 花名册 from the screen and the command line and read both back.
. tests/e2e/lib.inc
export FUPIN_TODAY=2026-11-23
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null || { echo "openpyxl not installed"; exit 77; }
DB=$T/team.db
expect_rc 0 "$FUPIN" demo --db "$DB" --households 30 --seed 7
q() { sqlite3 "$DB" "$1"; }
V1=$(q "SELECT code FROM areas WHERE level = 3 ORDER BY code LIMIT 1")
V1NAME=$(q "SELECT name FROM areas WHERE code = '$V1'")
V2=$(q "SELECT code FROM areas WHERE level = 3 ORDER BY code LIMIT 1 OFFSET 1")
V2NAME=$(q "SELECT name FROM areas WHERE code = '$V2'")
# A member of V1 keyed without an ID number: name + phone say who they are.
row=$(q "SELECT name || '|' || phone || '|' || from_date FROM team_members WHERE village = '$V1'
         AND id_no = '' AND to_date = '' AND leader = 0 ORDER BY id LIMIT 1")
OTHER=${row%%|*}; rest=${row#*|}; OTHER_PHONE=${rest%%|*}; OTHER_FROM=${rest#*|}
[ -n "$OTHER" ] || fail "no V1 member without an ID in the demo"
GAP=$(q "SELECT date(to_date, '+1 day') FROM team_members WHERE village = '$V2' AND leader = 1")
MEMBERS=$(q "SELECT count(*) FROM team_members")
VISITS=$(q "SELECT count(*) FROM team_visits")
SECRETARY=$(q "SELECT name FROM team_members WHERE village = '$V2' AND first_secretary = 1 AND to_date = ''")
# `fupin check` warns for the days without a 队长 (the checks table's TEAM_NO_LEADER).
expect_rc 0 "$FUPIN" check --db "$DB"
expect_grep "TEAM_NO_LEADER	驻村工作队 $GAP 至 2026-11-23 没有队长" "$T/out"

tui_start "$DB"
wait_for "主菜单"
# 数据维护's check says the same.
k 0; wait_for "数据维护"
k 1; wait_for "\[警告\] ${V2NAME}驻村工作队: 驻村工作队 $GAP 至 2026-11-23 没有队长"
k Escape; k Escape; wait_for "主菜单"
k T; wait_for "选择村"
k Down Enter; wait_for "驻村工作队 — $V2NAME"
# On 80 columns each member's whole 驻村期间 shows (职务 gives way; the
# period used to be cut after its first date's month).
tx resize-window -t t -x 80 -y 24
LEFT=$(q "SELECT name || ' .* ' || from_date || ' 至 ' || to_date FROM team_members
          WHERE village = '$V2' AND to_date <> '' ORDER BY id LIMIT 1")
[ -n "$LEFT" ] || fail "no member of $V2NAME who left in the demo"
wait_for "$LEFT *$"
tx resize-window -t t -x 100 -y 30
wait_for "驻村工作队 $GAP 至 2026-11-23 没有队长"

# The new 队长 from the day after the old one left, first ticked 第一书记
# too while $SECRETARY still is: refused, untick it.
k IC; wait_for "新增队员"
k 韦志明 Enter; k Enter; k 县扶贫开发办公室 Enter 副主任科员 Enter 13907711234 Enter
k "$(echo "$GAP" | tr -d -)" Enter; k Enter; k 1 1   # the date moved on: Enter confirms it, Enter leaves 结束日期 empty
k F2; wait_for "的第一书记已是 $SECRETARY：同一天只能有一名第一书记"
cursor_on "第一书记"
k 0
k F2; wait_for "已保存 韦志明"
not_on_screen "没有队长"
wait_for "韦志明 *队长 "

# The mistake: V1's member keyed here again, overlapping their service there.
k IC; wait_for "新增队员"
k "$OTHER" Enter; k Enter; k 县农业农村局 Enter Enter "$OTHER_PHONE" Enter
k 20261101 Enter; k Enter; k 0 0
k F2; wait_for "已是${V1NAME}驻村工作队队员 ($OTHER_FROM 至 今)"
cursor_on "驻村起始日期"
# Esc halfway: the form asks, 否 leaves nothing behind.
k Escape; wait_for "保存修改吗"
k n; wait_for "驻村工作队 — $V2NAME"
[ "$(q "SELECT count(*) FROM team_members")" = $((MEMBERS + 1)) ] || fail "the refused member was saved"

# 走访记录: who from the team serving that day, two households ticked.
k F5; wait_for "走访记录 — $V2NAME"
k IC; wait_for "走访记录 — 新增"
k 20261120; k 入户了解务工和医疗报销情况 Enter
k F2; wait_for "走访人 (当天"
k Enter; wait_for "选择走访户"
k Space Down Space; wait_for "已选 2 户"
k Enter; wait_for "已保存走访记录 (2026-11-20，2 户)"
wait_for "2026-11-20 韦志明"
# A second one left halfway: Esc among the households, then on the form.
k IC; wait_for "走访记录 — 新增"
k Enter; k 误录 Enter; k F2; wait_for "走访人 (当天"
k Enter; wait_for "选择走访户"
k Space Escape; wait_for "未选择走访户"
k Escape; wait_for "保存修改吗"; k n
wait_for "走访记录 — $V2NAME"
[ "$(q "SELECT count(*) FROM team_visits")" = $((VISITS + 1)) ] || fail "the visit left halfway was saved"

# 60×15 is too small: the screen says so; back to size, the list is whole.
tx resize-window -t t -x 60 -y 15; wait_for "窗口太小"
tx resize-window -t t -x 100 -y 30; wait_for "2026-11-20 韦志明"
k Escape; wait_for "驻村工作队 — $V2NAME"

# F9: the village's 花名册 from the screen.
k F9; wait_for "本村驻村工作队花名册"
k C-u "$T/screen_team.xlsx" Enter
wait_for "已导出驻村工作队花名册 4 行"; k Enter
k Escape; wait_for "主菜单"
k q y
wait_for "FUPIN-EXITED-0"

[ "$(q "SELECT village || '|' || from_date || '|' || to_date || '|' || leader || first_secretary || '|' || phone
        FROM team_members WHERE name = '韦志明'")" = "$V2|$GAP||10|13907711234" ] || fail "韦志明 not stored as keyed"
[ "$(q "SELECT count(*) FROM audit WHERE tbl = 'team_members' AND action = 'insert' AND operator = '演示员'
        AND row_id = (SELECT id FROM team_members WHERE name = '韦志明')")" = 1 ] || fail "member not audited"
[ "$(q "SELECT count(*) FROM team_visit_households x JOIN team_visits v ON v.id = x.visit_id
        JOIN team_members t ON t.id = v.member_id WHERE t.name = '韦志明' AND v.date = '2026-11-20'")" = 2 ] \
    || fail "visit households"

expect_rc 0 "$FUPIN" export team --db "$DB" --village "$V2" -o "$T/cli_team.xlsx"
expect_grep "已导出驻村工作队花名册 4 行" "$T/out"
for f in screen_team cli_team; do
$PY - "$T/$f.xlsx" "$V2NAME" "$GAP" <<'PYEOF' || fail "$f read-back"
import sys, openpyxl
from datetime import datetime
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["驻村工作队花名册"]
village, gap = sys.argv[2], sys.argv[3]
assert ws["A1"].value.endswith("驻村工作队花名册"), ws["A1"].value
hdr = [c.value for c in ws[3]]
assert hdr == ["序号", "村", "姓名", "性别", "身份证号", "派出单位", "职务", "队内职务", "联系电话",
               "驻村起始日期", "驻村结束日期", "走访次数"], hdr
assert ws.freeze_panes == "A4", ws.freeze_panes
rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4) if isinstance(r[0].value, int)]
assert len(rows) == 4, rows
assert all(r[1] == village for r in rows), rows
# 队长 first, by start: the one who left, then the new one from the gap's day.
y, m, d = map(int, gap.split("-"))
assert rows[0][7] == "队长" and isinstance(rows[0][10], datetime) and rows[0][10] < datetime(y, m, d), rows[0]
assert rows[1][2:] == ["韦志明", None, None, "县扶贫开发办公室", "副主任科员", "队长", "13907711234",
                       datetime(y, m, d), "至今", 1], rows[1]
assert all(r[7] in ("队员", "第一书记") for r in rows[2:]), rows
ids = [r[4] for r in rows if r[4]]
assert ids and all(isinstance(i, str) and len(i) == 18 for i in ids), ids
assert all(ws.cell(row=i, column=5).number_format == "@" for i in range(4, 8))
assert ws.cell(row=4, column=10).number_format == "yyyy-mm-dd"
# The gap is closed: no 没有队长 note under the table.
assert not any("没有队长" in str(c.value) for r in ws.iter_rows() for c in r if c.value), "gap note"
PYEOF
done
# The 帮扶台账's 工作队长签字 names who signed when the card recorded it.
expect_rc 0 "$FUPIN" export ledger --db "$DB" --area "$V2" -o "$T/ledger.xlsx"
want=$(q "SELECT group_concat(s, ',') FROM (SELECT h.hh_no || ' ' || a.date || ' ' || CASE WHEN t.name IS NOT NULL
          THEN t.name WHEN a.signed_team THEN '已签字' ELSE '未签字' END AS s FROM aid_records a JOIN households h
          ON h.id = a.household_id LEFT JOIN team_members t ON t.id = a.team_signer_id WHERE a.deleted = 0
          AND h.village = '$V2' ORDER BY s)")
echo "$want" | grep -q "[0-9] [^已未]" || fail "no named signer in $V2's entries: $want"
got=$($PY -c 'import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["帮扶台账"]
hdr = [c.value for c in ws[3]]
col = hdr.index("工作队长签字")
print(",".join(sorted(f"{r[2]} {r[4]:%Y-%m-%d} {r[col]}" for r in ws.iter_rows(min_row=4, values_only=True)
                      if isinstance(r[0], int))))' "$T/ledger.xlsx")
[ "$got" = "$want" ] || fail "工作队长签字: got $got, want $want"
echo "ok: team keyed, overlap refused, visits, resize, 花名册 and 台账 read back"
