# Safe defaults (issue 10 item 4): every question about something that cannot
# be undone shows Enter=否, and Enter alone leaves the data as it was.  One
# row per call site of dialog_yesno with ANSWER_NO: the keys that reach it,
# the question, and an SQL value that must not change.  (Harmless questions —
# 恢复草稿吗?, 现在指定帮扶责任人吗?, 添加…吗? — default to 是; 保存修改吗? to 是,
# which never loses anything: tests/e2e/tui_esc_asks.sh.)
. tests/e2e/lib.inc
export FUPIN_TODAY=2026-11-23
DB=$T/safe.db
expect_rc 0 "$FUPIN" demo --db "$DB" --households 30 --seed 7
q() { sql "$DB" "$1"; }

# A draft notice of round 1 (the demo has only posted ones), with two households.
V=$(q "select village from households where deleted = 0 group by village order by count(*) desc limit 1")
q "INSERT INTO notices(kind, round, area, year, start_date, days, end_date) VALUES (1, 1, '$V', 2026, '2026-11-25', 7, '2026-12-02');
   INSERT INTO notice_households(notice_id, household_id, ordinal)
     SELECT (SELECT max(id) FROM notices), id, row_number() OVER (ORDER BY id) FROM households WHERE village = '$V' LIMIT 2;" ||
    fail "cannot add a draft notice"
NOTICE=$(q "select max(id) from notices")
# The aid card of a household with a helper and an unsigned entry.
row=$(q "select h.id || '|' || m.id_no from households h join members m on m.household_id = h.id and m.ordinal = 0
         join aid_records r on r.household_id = h.id and r.deleted = 0
           and r.signed_household + r.signed_village + r.signed_team = 0
           and r.date = (select max(date) from aid_records x where x.household_id = h.id and x.deleted = 0)
         where h.deleted = 0 order by h.id limit 1")
AIDHH=${row%%|*}; AIDID=${row#*|}
[ -n "$AIDHH" ] || fail "no unsigned aid entry in the demo"

# enter_refuses QUESTION SQL KEYS...: KEYS raise QUESTION, which must show
# Enter=否; Enter alone closes it and SQL's value stays what it was.
enter_refuses() {
    question=$1; check=$2; shift 2
    before=$(q "$check")
    [ $# -gt 0 ] && k "$@"
    wait_for "$question"; wait_for "Enter=否"; wait_for "\[否(N)\]"
    k Enter; sleep 0.3
    not_on_screen "$question"; not_on_screen "FUPIN-EXITED"
    [ "$(q "$check")" = "$before" ] || fail "Enter alone confirmed '$question'"
}

tui_start "$DB"
wait_for "主菜单"
# 1. 主菜单: quitting
enter_refuses "退出系统吗?" "select 1" Escape
enter_refuses "退出系统吗?" "select 1" C-q
wait_for "主菜单"

# 2. 公示管理: delete a draft, remove a household from its list, post it.
k 4; wait_for "公示管理"
sleep 0.3   # the draft starts latest: the top row
enter_refuses "删除所选公示草稿吗?" "select count(*) from notices where deleted = 0" d
k Enter; wait_for "共 2 户"
enter_refuses "从名单中移出所选户吗?" "select count(*) from notice_households where notice_id = $NOTICE" d
wait_for "共 2 户"
enter_refuses "确认张贴吗?" "select posted from notices where id = $NOTICE" p
k Escape; k Escape; wait_for "主菜单"

# 3. 帮扶记录卡: delete an unsigned entry; change the helper.
k 5; wait_for "户主姓名/拼音首字母"
k "$AIDID" Enter; wait_for "帮扶记录卡"
n=$(q "select count(*) from aid_records where household_id = $AIDHH and deleted = 0")
k NPage; sleep 0.2            # the last row: the demo's unsigned entry comes last
wait_for "$n 条"
enter_refuses "删除第" "select count(*) from aid_records where household_id = $AIDHH and deleted = 0" DC
k F8; sleep 0.3; k Escape
enter_refuses "更换帮扶责任人吗?" "select count(*) from assignments where household_id = $AIDHH"
k Escape; wait_for "主菜单"

# 4. 脱贫退出: 放弃帮扶声明.
k 7; wait_for "脱贫退出"
k w; wait_for "声明原因"; k 外出务工不需要帮扶 Enter
enter_refuses "确认登记吗?" "select count(*) from waivers"
# A prompt's typed text is not dropped by Esc either: 放弃输入的内容吗? (Enter=否).
k w; wait_for "声明原因"; k 外出务工
k Escape; wait_for "放弃输入的内容吗?"; wait_for "Enter=否"; k Enter
wait_for "外出务工"; wait_for "声明原因"
k Escape; wait_for "放弃输入的内容吗?"; k y; sleep 0.3; not_on_screen "声明原因"
k Escape; wait_for "主菜单"

# 5. 村级评议: remove from the agenda, decide.
k 3; wait_for "村级评议"
k Enter; sleep 0.5
enter_refuses "把所选户移出议程吗?" "select count(*) from votes" x
enter_refuses "按评议结果转入下一步吗?" "select group_concat(state) from households" d
k Escape; k Escape; wait_for "主菜单"

# 6. 入户调查表: delete a member on the roster page; no change → Esc asks nothing.
k 2; wait_for "户信息查询"; k Enter; wait_for "入户调查表"
k NPage; wait_for "尚无成员\|序号 姓名"
enter_refuses "删除第1位成员" "select count(*) from members where deleted = 0" DC
k Escape; sleep 0.3; not_on_screen "保存修改吗?"
k Escape; wait_for "主菜单"
k q y; wait_for "FUPIN-EXITED-0"
exit 0
