# A clerk's whole household, keyed in Chinese on a brand-new database:
# first-run setup, the application (with a wrong ID and an impossible date
# corrected on the way), then the survey with five members (a minority name
# with ·, an ID typed with a lower-case x), conditions, income and the check
# page; saved, then read back from SQLite.
. tests/e2e/lib.inc
DB=$T/new.db
tui_start "$DB"

# First run: the 管理员 (name, password twice), then area codes and names.
wait_for "这是一个新的数据库"
k Enter
wait_for "管理员姓名"; k 李文 Enter
k abcd Enter abce Enter; wait_for "两次输入的密码不一样"
k abcd Enter abcd Enter
wait_for "县区划代码"
k 4501 Enter; wait_for "县代码应为6位数字"; k Enter
k BSpace BSpace BSpace BSpace 450123 Enter; k 隆安县 Enter
wait_for "乡镇区划代码"; k 101 Enter; k 古潭乡 Enter
wait_for "村区划代码"; k 001 Enter; k 那门村 Enter
wait_for "主菜单"

# 1 新增申请 (Form A).
k 1; wait_for "农村扶贫对象家庭申请书"
k Enter Enter; k 第一组 Enter; k 覃明 Enter
k 450123198503021235; wait_for "身份证号校验位错误"
k BSpace 4; wait_for "男 1985-03-02"
k 13907711234
k F1; wait_for "代码表「致贫原因」"; wait_for "yb"; k Escape     # F1: help with the code list
k yb Enter
k F4; wait_for "选择其他致贫原因1"; k j t; wait_for "交通条件落后"; k Enter   # F4: pick, filtered by initials
k Enter
k 家中主要劳动力长期患病 Enter
k 20260230; wait_for "日期不存在"    # refused, selected: the right date is typed over it
k 20261120 Enter; k Enter Enter; k 1   # Enter after the date only confirms it
k F2; wait_for "已保存"
k Escape; wait_for "主菜单"

# 2 户信息查询 → the survey (Form B).
k 2; k qm; wait_for "覃明"
k Enter; wait_for "入户调查表"
# One-digit answers move on by themselves; an Enter right after such a move
# only confirms it (a clerk may end every field with Enter), so keeping the
# next field as it is takes a second Enter.
k Enter; k 1 1; k Enter Enter Enter Enter; k 0 0 0
k 隆安县农村商业银行 Enter; k "6231 6955 8718 2992 201" Enter
k Enter; wait_for "序号 姓名"
# The head's row: name, ID and relation are there from the application.
k Enter Enter Enter Enter; k 8 3 3 1 2 1 2; k 6 Enter
k 1 1 1 0; k Enter Enter
# add NAME ID KEYS...: a new row; each KEYS is what the clerk keys into one
# field from 与户主关系 on.  A digit no other code starts with moves on by
# itself; "5" of 58 民族 (50..58) and "11" wait for Enter.
add() {
    k IC; k "$1" Enter; k "$2"; shift 2
    for keys in "$@"; do k $keys; done
}
add 阿依古丽·买买提 450123198706150028 2 "5 Enter" 3 2 1 1 1 1 "0 Enter" 1 1 1 0 Enter Enter
add 覃小宝 450123201009010032 3 8 3 3 4 1 5 1 "0 Enter" 1 1 1 0 Enter Enter
add 覃小花 450123201203170048 4 "F5 Enter" 3 2 3 1 5 1 "0 Enter" 1 1 1 0 Enter Enter   # F5 同上: 民族 from the row above
add 覃老汉 45012319590310019x "11 Enter" 8 3 1 1 3 3 1 "0 Enter" 1 1 1 0 Enter Enter
wait_for "45012319590310019X"
wait_for "阿依古丽·买买提 女"
# Page 3 conditions, page 4 income, page 5 check.
k NPage; k 2.5 Enter 1.5 Enter 10 Enter Enter Enter Enter Enter
k 1 1 1 0; k 1.2 Enter 3; k 85 Enter 0; k Enter Enter; k 1 0 1
wait_for "工资性收入"   # Enter on a page's last field went on to the next page
k 6000 Enter 3000 Enter 0 Enter 0 Enter 1200 Enter 0 Enter 0 Enter 0 Enter 0 Enter
k -- -5; k Enter; wait_for "不能为负"
k BSpace BSpace 1000 Enter
wait_for "一看房"
k PPage; wait_for "1840.00"      # (6000+3000+1200-1000)/5 people
k NPage; k 土坯房 Enter 口粮不足 Enter 户主患病 Enter 两个在校生 Enter
k Enter Enter 1 Enter Enter Enter
k Enter Enter Enter Enter Enter Enter Enter Enter
k 黄伟 Enter 李文 Enter Enter 1 1 1
k F2
# Warnings (if any) are confirmed once.
answer_if "仍然保存吗" y "状态: 已调查"
wait_for "状态: 已调查"
k Escape; k Escape; k q y
wait_for "FUPIN-EXITED-0"

q() { sqlite3 "$DB" "$1"; }
hh=$(q "select household_id from members where name='覃明' and deleted=0")
[ -n "$hh" ] || fail "household not saved"
[ "$(q "select count(*) from members where household_id=$hh and deleted=0")" = 5 ] || fail "want 5 members"
[ "$(q "select name from members where household_id=$hh and ordinal=0")" = 覃明 ] || fail "户主 not first"
[ "$(q "select ethnic from members where name='阿依古丽·买买提'")" = 5 ] || fail "维吾尔族 not stored"
[ "$(q "select ethnic from members where name='覃小花'")" = 8 ] || fail "F5 同上 did not copy 壮族"
[ "$(q "select other_cause1 from applications where household_id=$hh")" = 10 ] || fail "F4 pick 交通条件落后"
[ "$(q "select count(*) from members where id_no='45012319590310019X'")" = 1 ] || fail "x not normalised to X"
[ "$(q "select sex||birth from members where name='覃小花'")" = "22012-03-17" ] || fail "sex/birth not derived"
[ "$(q "select wage_income||','||business_income||','||dibao||','||business_cost from surveys where household_id=$hh")" = "600000,300000,120000,100000" ] || fail "income (fen) wrong: $(q "select wage_income, business_income, dibao, business_cost from surveys where household_id=$hh")"
[ "$(q "select arable_area||','||house_area from surveys where household_id=$hh")" = "250,8500" ] || fail "areas wrong"
[ "$(q "select bank_account from surveys where household_id=$hh")" = 6231695587182992201 ] || fail "bank account"
[ "$(q "select surveyor1||surveyor2 from surveys where household_id=$hh")" = 黄伟李文 ] || fail "surveyors"
[ "$(q "select priority3 from surveys where household_id=$hh")" = 1 ] || fail "五优先 flag"
[ "$(q "select count(*) from drafts")" = 0 ] || fail "draft left after save"
[ "$(q "select count(*) from audit where operator='李文' and tbl='members'")" -ge 5 ] || fail "audit rows"
[ "$(q "select main_cause from applications where household_id=$hh")" = 1 ] || fail "application cause"
[ "$(q "select state from households where id=$hh")" = 2 ] || fail "survey did not move the household to 已调查"
[ "$(q "select from_state||'>'||to_state||' '||operator from state_history where household_id=$hh order by id desc limit 1")" = "1>2 李文" ] || fail "state history: $(q "select * from state_history where household_id=$hh")"
FUPIN_OPERATOR=李文 FUPIN_PASSWORD=abcd "$FUPIN" check --db "$DB" > "$T/check" || fail "check reports errors: $(cat "$T/check")"
exit 0
