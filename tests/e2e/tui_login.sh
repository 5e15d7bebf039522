# Logging in at the workstation (issue 13 item 1): the login screen shows a
# demo file's password; wrong passwords say so and, from the third, make the
# next try wait (the right one too); the right one opens the menu naming the
# operator and role.  The 管理员 adds a 录入员 in 操作员管理; the 录入员 then
# cannot reach 操作员管理, close a notice nor open the audit log.  Esc on the login screen quits.
. tests/e2e/lib.inc
export FUPIN_TODAY=2026-11-23
DB=$T/login.db
expect_rc 0 "$FUPIN" demo --db "$DB" --households 30 --seed 7
expect_grep "管理员 演示员，密码 fupin" "$T/out"
q() { sqlite3 "$DB" "$1"; }
# until_q SQL WANT: waits (5 s at most) until the query answers WANT.
until_q() {
    n=0
    while [ "$(q "$1")" != "$2" ]; do
        n=$((n + 1)); [ $n -gt 50 ] && fail "'$1' is $(q "$1"), want $2"
        sleep 0.1
    done
}
unset FUPIN_OPERATOR FUPIN_PASSWORD

tui_start "$DB"
wait_for "fupin 登录"; wait_for "演示数据库：操作员 演示员，密码 fupin"
k 演示员 Enter wrong1 Enter; wait_for "操作员姓名或密码不对"
not_on_screen "wrong1"                          # the password is never shown
k wrong2 Enter; until_q "select failures from operators where name='演示员'" 2
k wrong3 Enter; wait_for "请 2 秒后再试"
k fupin Enter; wait_for "密码错误次数过多"; not_on_screen "主菜单"   # even the right one waits
sleep 2.2
k fupin Enter; wait_for "主菜单"; wait_for "操作员: 演示员 (管理员)"
until_q "select failures from operators where name='演示员'" 0

# 操作员管理: add a 录入员 (role picked, password twice).
k 9; wait_for "基础设置"; k 3; wait_for "操作员管理"; wait_for "演示员 .*管理员"
k a; wait_for "姓名:"; k 韦录入 Enter; wait_for "角色"; k Enter
wait_for "设置密码"; k abcd Enter abcd Enter; wait_for "已添加操作员"; wait_for "韦录入 .*录入员"
k Escape; k Escape; wait_for "主菜单"; k q y; wait_for "FUPIN-EXITED-0"
[ "$(q "select role || active from operators where name='韦录入'")" = 01 ] || fail "clerk not stored"

# The 录入员: menu names the role; no 操作员管理, no closing a notice.
# --operator without a password fills in the name: only the password is typed.
tui_start "$DB" --operator 韦录入
wait_for "fupin 登录"; wait_for "操作员: *韦录入"; k abcd Enter; wait_for "操作员: 韦录入 (录入员)"
k 9; wait_for "基础设置"; k 3; wait_for "需要管理员权限才能管理操作员"; k Enter
k M; wait_for "需要管理员权限才能修改更多设置"; k Enter; not_on_screen "制定期限"
not_on_screen "A 添加"; k Escape; wait_for "主菜单"
CLOSED=$(q "select count(*) from notices where closed = 1")
k 4; wait_for "公示管理 (三榜公示)"; k Enter; wait_for "公示名单"
not_on_screen "C结束本轮"; wait_for "R回访核查"     # not offered, and refused when pressed
k c; wait_for "需要审核员权限才能关闭公示"; k Enter
k Escape; k Escape; wait_for "主菜单"
# 数据维护 → 审计记录 is the 审核员's: refused, the log never listed.
k 0; wait_for "审计记录"; k 5; wait_for "需要审核员权限才能查看审计记录"
not_on_screen "显示: 全部"; k Enter; wait_for "数据维护"; not_on_screen "显示: 全部"
k Escape; wait_for "主菜单"; k q y; wait_for "FUPIN-EXITED-0"
[ "$(q "select count(*) from notices where closed = 1")" = "$CLOSED" ] || fail "a 录入员 closed a notice"

# Esc on the login screen leaves; a wrong pair in the environment is refused.
tui_start "$DB"
wait_for "fupin 登录"; k Escape; wait_for "FUPIN-EXITED-0"
FUPIN_OPERATOR=演示员 FUPIN_PASSWORD=bad expect_rc 2 "$FUPIN" --db "$DB"
expect_grep "操作员姓名或密码不对" "$T/err"
echo "ok: login screen, throttle, roles in the screens"
