# Fewer keys: a one-digit code or yes/no field moves on when the digit typed
# is a whole answer (no other code of its list starts with it); a list of
# two-digit codes waits for Enter on a digit that could go on (民族 "1" may
# be 10..19).  The setting 一键跳格 (基础设置 8) turns it off.
. tests/e2e/lib.inc
export FUPIN_TODAY=2026-12-01
DB=$T/adv.db
expect_rc 0 "$FUPIN" demo --db "$DB" --households 30 --seed 7
q() { sqlite3 "$DB" "$1"; }
# A household under identification: there Ins adds a row at once (on the
# register it first asks why the member joins, issue 11).  State 2 alone found
# none in this demo, so the search was empty and opened an exited household.
HEAD=$(q "SELECT head_name FROM households WHERE state BETWEEN 1 AND 7 AND deleted = 0 ORDER BY id LIMIT 1")
[ -n "$HEAD" ] || fail "no household under identification in the demo"
tui_start "$DB"
wait_for "主菜单"

open_new_member() {
    k 2; k "$HEAD"; wait_for "$HEAD"
    k Enter; wait_for "入户调查表"
    k NPage; wait_for "序号 姓名"
    k IC; wait_for "第 .* 位成员"
    k 韦新 Enter Enter; cursor_on "性别"
}
open_new_member
k 2; cursor_on "与户主关系"             # 性别 2 (女): moved on
k 1; cursor_on "与户主关系 *1\b"         # 1 could be 10..14: waits
k BSpace 3; cursor_on "民族"            # 3: moved on
k 1; cursor_on "民族 *1\b"              # 1 of 58: waits for Enter
k Enter; cursor_on "政治面貌"
k 1; cursor_on "文化程度"
k Escape; wait_for "韦新 *女 *之子"      # back on the table: what was keyed
k Escape; wait_for "保存修改吗"; k n
wait_for "户信息查询"; k Escape; wait_for "主菜单"

# Off in 基础设置: every field waits for Enter again.
k 9; wait_for "基础设置"; wait_for "一键跳格.*开"
k 8; wait_for "一键跳格.*关"
k Escape; wait_for "主菜单"
[ "$(q "SELECT value FROM settings WHERE key = 'ui.code_advance'")" = 0 ] || fail "setting not stored"
open_new_member
k 2; cursor_on "性别 *2\b"
k Enter; cursor_on "与户主关系"
k Escape; k Escape; wait_for "保存修改吗"; k n
wait_for "户信息查询"; k Escape; wait_for "主菜单"
[ "$(q "SELECT count(*) FROM members WHERE name = '韦新'")" = 0 ] || fail "discarded member saved"
k q; wait_for "退出系统吗"; k y; wait_for "FUPIN-EXITED-0"
exit 0
