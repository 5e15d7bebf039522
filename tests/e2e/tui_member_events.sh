# Issue 11 items 2 and 4: on a registered household a member leaves (Del:
# 死亡 and the day) and a newborn joins (Ins: 新生 and the day); the save asks
# why, and F7 lists both events and the change with its reason.  Then the
# income of another registered household: the save asks a reason, Esc leaves
# the file byte-for-byte as it was, a reason saves and F7 shows it with the
# operator and the date.  Before, Del forgot the person and nothing was asked.
. tests/e2e/lib.inc
export FUPIN_TODAY=2026-06-01
DB=$T/ev.db
"$FUPIN" demo --db "$DB" --households 30 --seed 1 >/dev/null 2>&1 || fail "demo"
hh=$(sql "$DB" "SELECT id FROM households WHERE state = 8 AND n_members >= 3 ORDER BY id LIMIT 1")
[ -n "$hh" ] || fail "no registered household of 3"
head_id=$(sql "$DB" "SELECT id_no FROM members WHERE household_id = $hh AND deleted = 0 ORDER BY ordinal LIMIT 1")
head=$(sql "$DB" "SELECT name FROM members WHERE household_id = $hh AND deleted = 0 ORDER BY ordinal LIMIT 1")
third=$(sql "$DB" "SELECT name FROM members WHERE household_id = $hh AND deleted = 0 ORDER BY ordinal LIMIT 1 OFFSET 2")
third_id=$(sql "$DB" "SELECT id FROM members WHERE household_id = $hh AND deleted = 0 ORDER BY ordinal LIMIT 1 OFFSET 2")
baby=$(python3 -c '
w = [7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
b = "45012320260401003"
print(b + "10X98765432"[sum(int(c) * k for c, k in zip(b, w)) % 11])')

tui_start "$DB"
wait_for "主菜单"
k 2; wait_for "户信息查询"
k "$head_id"; wait_for "$head"
k Enter; wait_for "入户调查表"
k NPage; wait_for "序号 姓名"
k Down Down; k DC; wait_for "删除第3位成员「$third」吗"
k y; wait_for "选择成员减少原因"
k sw; k Enter; wait_for "离户日期"
k C-u 20260305 Enter; sleep 0.3; not_on_screen "离户日期"
not_on_screen "$third"
k IC; wait_for "选择成员增加原因"
k Escape; sleep 0.3; not_on_screen "第 .* 位成员"        # Esc: no row added
k IC; wait_for "选择成员增加原因"
k xs; k Enter; wait_for "入户日期"
k C-u 20260631 Enter; wait_for "不存在"; k Enter         # 06-31: refused, asked again
wait_for "入户日期"; k C-u 20260401 Enter; wait_for "第 .* 位成员"
k 韦小宝 Enter; k "$baby"
for keys in 3 "1 Enter" 3 7 1 1 5 1 "0 Enter" 1 1 0 0 Enter Enter; do k $keys; done
wait_for "韦小宝 *男"
k F2; answer_if "仍然保存吗" y "以下修改须说明原因"
wait_for "以下修改须说明原因"; wait_for "成员离户: $third"; wait_for "成员入户: 韦小宝"
k 户主申报，村委核实 Enter; wait_for "已保存"
[ "$(sql "$DB" "SELECT kind || reason || date FROM member_events WHERE household_id = $hh ORDER BY id")" = \
  "$(printf '212026-03-05\n112026-04-01')" ] || fail "events: $(sql "$DB" "SELECT * FROM member_events")"
[ "$(sql "$DB" "SELECT deleted FROM members WHERE id = $third_id")" = 1 ] || fail "the person is gone from the file"
[ "$(sql "$DB" "SELECT member_id FROM member_events WHERE kind = 2")" = "$third_id" ] || fail "event not on the row"
[ "$(sql "$DB" "SELECT operator || reason FROM hh_changes WHERE household_id = $hh")" = "演示员户主申报，村委核实" ] ||
    fail "change record: $(sql "$DB" "SELECT * FROM hh_changes")"
k PPage; wait_for "识别标准"
k F7; wait_for "成员变动"
wait_for "2026-03-05  离户 $third .*(死亡)  记录: 演示员"
wait_for "2026-04-01  入户 韦小宝 .*(新生)"
wait_for "2026-06-01  演示员  原因: 户主申报，村委核实"
k Escape; sleep 0.2
k Escape; sleep 0.3; not_on_screen "保存修改吗"
wait_for "户信息查询"

# Income of another registered household: Esc on the reason cancels the save.
hh2=$(sql "$DB" "SELECT id FROM households WHERE state = 8 AND id <> $hh ORDER BY id LIMIT 1")
id2=$(sql "$DB" "SELECT id_no FROM members WHERE household_id = $hh2 AND deleted = 0 ORDER BY ordinal LIMIT 1")
before=$(sql "$DB" "SELECT * FROM surveys WHERE household_id = $hh2")
k C-u "$id2"; sleep 0.3; k Enter; wait_for "入户调查表"
k NPage NPage NPage; wait_for "工资性收入"
k C-u 8888 Enter
k F2; answer_if "仍然保存吗" y "以下修改须说明原因"
wait_for "以下修改须说明原因"; wait_for "工资性收入: .* → 8888.00"
k Escape; wait_for "未保存"
[ "$(sql "$DB" "SELECT * FROM surveys WHERE household_id = $hh2")" = "$before" ] || fail "Esc changed the survey"
[ "$(sql "$DB" "SELECT count(*) FROM hh_changes WHERE household_id = $hh2")" = 0 ] || fail "Esc recorded a change"
k F2; answer_if "仍然保存吗" y "以下修改须说明原因"
wait_for "以下修改须说明原因"
k 务工收入核实更正 Enter; wait_for "已保存"
[ "$(sql "$DB" "SELECT wage_income FROM surveys WHERE household_id = $hh2")" = 888800 ] || fail "income not saved"
k F7; wait_for "修改记录"
wait_for "2026-06-01  演示员  原因: 务工收入核实更正"
wait_for "工资性收入: .* → 8888.00"
k Escape; sleep 0.2; k Escape; wait_for "户信息查询"
k Escape; wait_for "主菜单"
k q; wait_for "退出系统吗"; k y; wait_for "FUPIN-EXITED-0"
echo "ok: member events and reasons on a registered household"
