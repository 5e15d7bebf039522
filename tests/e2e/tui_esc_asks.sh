# Nothing keyed is thrown away by one Esc (issue 10 item 3).  Text typed into
# a field but not yet left counts as a change: Esc asks 保存修改吗? on Form A
# and in the 帮扶记录卡 sub-form — Esc in the question stays, 否 discards,
# 是 saves (a record that cannot be saved stays open with its message).
# Esc on the main menu asks 退出系统吗? and Enter there does not quit.
. tests/e2e/lib.inc
export FUPIN_TODAY=2026-11-23
DB=$T/esc.db
expect_rc 0 "$FUPIN" demo --db "$DB" --households 30 --seed 7
q() { sqlite3 "$DB" "$1"; }
HH0=$(q "select count(*) from households")
tui_start "$DB"
wait_for "主菜单"

# ---- the main menu: Esc asks, Enter (= 否) stays, q + Enter stays too.
k Escape; wait_for "退出系统吗?"; wait_for "Enter=否"
k Enter; sleep 0.3; not_on_screen "退出系统吗?"; not_on_screen "FUPIN-EXITED"; wait_for "主菜单"
k q; wait_for "退出系统吗?"; k Enter; sleep 0.3; not_on_screen "FUPIN-EXITED"; wait_for "主菜单"

# ---- Form A: 村民小组 typed, not left.
k 1; wait_for "农村扶贫对象家庭申请书"
k Enter Enter; k 那况屯
k Escape; wait_for "保存修改吗?"; wait_for "\[是(Y)\]"
k Escape; sleep 0.3; not_on_screen "保存修改吗?"        # Esc in the question: stay
wait_for "那况屯"; wait_for "农村扶贫对象家庭申请书"
k Escape; wait_for "保存修改吗?"; k y                     # 是: cannot be saved yet
wait_for "不能保存"; k Escape
sleep 0.3; wait_for "农村扶贫对象家庭申请书"; wait_for "那况屯"
k Escape; wait_for "保存修改吗?"; k n                     # 否: discarded
wait_for "主菜单"
[ "$(q "select count(*) from households")" = "$HH0" ] || fail "否 saved a household"
[ "$(q "select count(*) from drafts")" = 0 ] || fail "否 left a draft"

# 是 with the last field typed but not left: saved with it, Enter being 是.
k 1; wait_for "农村扶贫对象家庭申请书"
k Enter Enter; k 那况屯 Enter; k 蔺小红 Enter; k 450123198706150028
k 13907715678; k yz Enter; wait_for "因灾"; k Enter Enter
k 房屋被洪水冲毁
k Escape; wait_for "保存修改吗?"; k Enter
wait_for "主菜单"
[ "$(q "select count(*) from households")" = $((HH0 + 1)) ] || fail "是 did not save"
[ "$(q "select reason from applications a join members m on m.household_id = a.household_id
        where m.id_no = '450123198706150028'")" = 房屋被洪水冲毁 ] || fail "the typed field was not saved"

# ---- the 帮扶记录卡 sub-form: a registered household with a helper.
row=$(q "select h.id || '|' || m.id_no from households h join members m on m.household_id = h.id and m.ordinal = 0
         join assignments a on a.household_id = h.id and a.to_date is null and a.deleted = 0
         where h.deleted = 0 and h.state between 4 and 16
           and not exists (select 1 from waivers w where w.household_id = h.id)
         order by h.id limit 1")
HH=${row%%|*}; IDNO=${row#*|}
[ -n "$HH" ] || fail "no household with a helper in the demo"
N0=$(q "select count(*) from aid_records where household_id = $HH")
k 5; wait_for "户主姓名/拼音首字母"
k "$IDNO" Enter; wait_for "帮扶记录卡"
k IC; wait_for "新增帮扶记录"
k 2026112     # seven digits: not full, so still in the editor (dates move on at eight)
k Escape; wait_for "保存修改吗?"
k Escape; sleep 0.3; not_on_screen "保存修改吗?"; wait_for "新增帮扶记录"; wait_for "2026112"
k Escape; wait_for "保存修改吗?"; k n
sleep 0.3; not_on_screen "新增帮扶记录"
[ "$(q "select count(*) from aid_records where household_id = $HH")" = "$N0" ] || fail "否 saved an entry"
k IC; wait_for "新增帮扶记录"
k 20261120 Enter; k Enter; k 1 Enter; k 发放鸡苗100只 Enter; k 0 Enter 1200 Enter; k 鸡苗成活90只
k Escape; wait_for "保存修改吗?"; k Enter
wait_for "已保存帮扶记录"
[ "$(q "select count(*) from aid_records where household_id = $HH and date = '2026-11-20' and outcome = '鸡苗成活90只'")" = 1 ] ||
    { screen; q "select * from aid_records order by id desc limit 1"; fail "是 did not save the entry with the field typed last"; }

# Ctrl-Q on a changed form asks too; 取消 (Esc) stays.
k Escape; wait_for "主菜单"
k 1; wait_for "农村扶贫对象家庭申请书"; k Enter Enter; k 某组
k C-q; wait_for "保存修改吗?"; k Escape; sleep 0.3; not_on_screen "FUPIN-EXITED"; wait_for "某组"
k C-q; wait_for "保存修改吗?"; k n; wait_for "FUPIN-EXITED-0"
exit 0
