# What Form A and the survey show and offer a clerk: the 村 field shows the
# village's name beside its code; 村民小组 (Form A) offers the village's groups
# from 基础设置 on F4, and 调查人员1/2 (survey page 核查) the helpers registry
# and the operators — while typed free text is still taken.  F1 says so.
. tests/e2e/lib.inc
DB=$T/d.db
"$FUPIN" demo --db "$DB" --households 20 --seed 1 >/dev/null 2>&1 || fail "demo"
VILLAGE=$(sql "$DB" "SELECT name FROM areas WHERE length(code) = 12 ORDER BY code LIMIT 1")
HELPER=$(sql "$DB" "SELECT name FROM helpers ORDER BY name LIMIT 1")
[ -n "$VILLAGE" ] && [ -n "$HELPER" ] || fail "demo has no village or helper"
sql "$DB" "INSERT INTO village_groups(village, name) SELECT code, '石板屯' FROM areas WHERE length(code) = 12"
# A county's registry: 700 more helpers, the one listed last 覃最后 (the F4
# list took the first 600 helpers and left the rest out).
sql "$DB" "WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < 700)
           INSERT INTO helpers(name, unit) SELECT '干部' || n, '县甲局' FROM i" >/dev/null
sql "$DB" "INSERT INTO helpers(name, unit) VALUES ('覃最后', '县癸局')" >/dev/null
tui_start "$DB"
wait_for "主菜单"

# Form A: the village's name stands beside its code.
k 1; wait_for "农村扶贫对象家庭申请书"
screen | grep -q "\*村 [0-9]\{12\} $VILLAGE" || { screen; fail "village name not beside the code"; }
# 村民小组: F1 says there is a list, F4 opens it with the groups of 基础设置.
k Enter Enter; wait_for "村民小组"
k F1; wait_for "本村村民小组里选择"; k Escape
k F4; wait_for "选择村民小组"; wait_for "第二组"; wait_for "石板屯"
k s b; sleep 0.2; not_on_screen "第二组"; k Enter       # filtered by initials
wait_for "村民小组 石板屯"                  # the picked group in the field
# Free text is still taken: back to the field, type over it.
k Up; k C-u 八队 Enter
wait_for "村民小组 八队"                    # typed text is kept
k Escape; answer_if "保存修改吗" n "主菜单"

# The survey's 核查 page: 调查人员 from the helpers registry and the operators.
k 2; wait_for "户信息查询"; k Enter; wait_for "入户调查表"
k NPage NPage NPage NPage; wait_for "调查人员1"
n=0
while ! { k F1; screen | grep -q "「调查人员1」"; }; do
    k Escape; k Down; n=$((n + 1)); [ $n -gt 30 ] && fail "never reached 调查人员1"
done
wait_for "帮扶责任人名册和操作员中选择"; k Escape
k F4; wait_for "选择调查人员1"; wait_for "$HELPER"
k y s y; wait_for "演示员  (操作员)"; not_on_screen "干部1 "
k Enter; wait_for "调查人员1 演示员"          # the picked operator in the field
# 调查人员2: the last helper of the registry is in the list; then typed, not picked.
k F4; wait_for "选择调查人员2"; k q z h; wait_for "覃最后  (县癸局)"; k Escape
not_on_screen "选择调查人员2"
k C-u 王调查 Enter
k F2; wait_for "已保存"
HH=$(sql "$DB" "SELECT count(*) FROM surveys WHERE surveyor1 = '演示员' AND surveyor2 = '王调查'")
[ "$HH" = 1 ] || fail "surveyors not saved: $(sql "$DB" "SELECT surveyor1, surveyor2 FROM surveys")"
k Escape; wait_for "户信息查询"; k Escape; wait_for "主菜单"
k q; wait_for "退出系统吗"; k y; wait_for "FUPIN-EXITED-0"
