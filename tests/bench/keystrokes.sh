#!/bin/sh
# Keystrokes for one 5-member household survey (Form B, all five pages,
# the values of tests/e2e/tui_household.sh), keyed in tmux as a clerk keys
# it, counted as sent, then checked in SQLite.
#   sh tests/bench/keystrokes.sh [FUPIN] [ADVANCE]
# ADVANCE=1 (default): the setting 一键跳格 on, one-digit answers move on by
# themselves; ADVANCE=0: every field ends with Enter (the keys of a build
# without the setting); ADVANCE=2: the setting on, and the clerk still ends
# every field with Enter (the same keys as 0; the household must come out
# the same, tui/fieldedit.h fe_swallow_enter).  Counting: a key name (Enter, F5, NPage …) is one
# key, a typed character one key (a Chinese character counts as one: its
# input-method keystrokes are not counted).  Form A and first-run setup
# before the survey are keyed but not counted.
# Prints: "keystrokes: N total, E Enter (ADVANCE=a)".
cd "$(dirname "$0")/../.." || exit 2
FUPIN=${1:-$PWD/build/fupin}
ADVANCE=${2:-1}
export LANG=C.UTF-8 LC_ALL=C.UTF-8 FUPIN
. tests/e2e/lib.inc
DB=$T/keys.db
TOTAL=0 ENTERS=0 COUNTING=0 MOVED=0

# key KEYS...: sends each argument as k does, counting when COUNTING=1.
key() {
    for a in "$@"; do
        MOVED=0
        case $a in
        Enter|Escape|Tab|BSpace|NPage|PPage|IC|DC|Up|Down|C-u|F[0-9]|F1[0-2]) n=1 ;;
        *) n=$(printf %s "$a" | wc -m) ;;
        esac
        [ "$COUNTING" = 1 ] && TOTAL=$((TOTAL + n))
        [ "$COUNTING" = 1 ] && [ "$a" = Enter ] && ENTERS=$((ENTERS + 1))
        k "$a"
    done
}
v() { key "$1" Enter; }                    # a value, then Enter
# e N: accept what is there, N fields.  Right after a field that moved on by
# itself an Enter only confirms it (tui/fieldedit.h), so the first field
# accepted then takes one Enter more.
e() {
    [ "$MOVED" = 1 ] && key Enter
    for _ in $(seq "${1:-1}"); do key Enter; done
}
# c D: a one-digit whole answer (it moves on by itself with ADVANCE=1).
c() {
    key "$1"
    if [ "$ADVANCE" = 1 ]; then MOVED=1; else key Enter; fi
}

# First run and Form A (not counted), as in tui_household.sh.
tui_start "$DB"
wait_for "这是一个新的数据库"
k Enter; wait_for "管理员姓名"; k 李文 Enter abcd Enter abcd Enter
wait_for "县区划代码"
k 450123 Enter; k 隆安县 Enter
wait_for "乡镇区划代码"; k 101 Enter; k 古潭乡 Enter
wait_for "村区划代码"; k 001 Enter; k 那门村 Enter
wait_for "主菜单"
k q; wait_for "退出系统吗"; k y; wait_for "FUPIN-EXITED-0"
sql "$DB" "INSERT OR REPLACE INTO settings(key, value) VALUES ('ui.code_advance', '$([ "$ADVANCE" = 0 ] && echo 0 || echo 1)')"
export FUPIN_OPERATOR=李文 FUPIN_PASSWORD=abcd
tui_start "$DB"
wait_for "主菜单"
k 1; wait_for "农村扶贫对象家庭申请书"
k Enter Enter; k 第一组 Enter; k 覃明 Enter
k 450123198503021234; wait_for "男 1985-03-02"
k 13907711234; k yb Enter Enter Enter; k 家中主要劳动力长期患病 Enter
k F2; answer_if "仍然保存吗" y "已保存"
wait_for "已保存"
k Escape; wait_for "主菜单"
k 2; k qm; wait_for "覃明"; k Enter; wait_for "入户调查表"

COUNTING=1
# Page 1 家庭基本情况.
e; c 1; c 1; e 3; c 0; c 0; c 0
v 隆安县农村商业银行; v "6231 6955 8718 2992 201"; e
wait_for "序号 姓名"
# Page 2 家庭成员: the head's row (name, ID, 户主 from the application).
key Enter; e 3; c 8; c 3; c 3; c 1; c 2; c 1; c 2; v 6; c 1; c 1; c 1; c 0; e
# member NAME ID: the row's keys follow as functions.
member() { key IC "$1" Enter "$2"; }
member 阿依古丽·买买提 450123198706150028; c 2; v 5; c 3; c 2; c 1; c 1; c 1; c 1; v 0; c 1; c 1; c 1; c 0; e
member 覃小宝 450123201009010032;          c 3; c 8; c 3; c 3; c 4; c 1; c 5; c 1; v 0; c 1; c 1; c 1; c 0; e
member 覃小花 450123201203170048;          c 4; key F5 Enter; c 3; c 2; c 3; c 1; c 5; c 1; v 0; c 1; c 1; c 1; c 0; e
member 覃老汉 45012319590310019x;          v 11; c 8; c 3; c 1; c 1; c 3; c 3; c 1; v 0; c 1; c 1; c 1; c 0; e
wait_for "45012319590310019X"
# Page 3 生产生活条件.
key NPage; v 2.5; v 1.5; v 10; e 4; c 1; c 1; c 1; c 0; v 1.2; c 3; v 85; c 0; e; c 1; c 0; c 1
# Page 4 收入 (the empty amounts stay 0.00).
wait_for "工资性收入"
v 6000; v 3000; e 2; v 1200; e 4; v 1000
# Page 5 核查.
wait_for "一看房"
v 土坯房; v 口粮不足; v 户主患病; v 两个在校生
e 2; c 1; e 2; e 8
v 黄伟; v 李文; e; c 1; c 1; c 1
key F2; sleep 0.3
if screen | grep -q "仍然保存吗"; then key Escape y; fi
if screen | grep -q "Esc/Enter关闭"; then key Escape; sleep 0.2; key y; fi
wait_for "状态: 已调查"
COUNTING=0
k Escape; k Escape; k q; wait_for "退出系统吗"; k y; wait_for "FUPIN-EXITED-0"

q() { sqlite3 "$DB" "$1"; }
hh=$(q "select household_id from members where name='覃明' and deleted=0")
[ "$(q "select count(*) from members where household_id=$hh and deleted=0")" = 5 ] || fail "want 5 members"
[ "$(q "select group_concat(relation||'/'||ethnic||'/'||political||'/'||education||'/'||schooling||'/'||health||'/'||skill||'/'||work||'/'||work_months||'/'||med_ins||serious_ins||pension_ins||soldier, ' ') from (select * from members where household_id=$hh order by ordinal)")" \
  = "1/8/3/3/1/2/1/2/6/1110 2/5/3/2/1/1/1/1/0/1110 3/8/3/3/4/1/5/1/0/1110 4/8/3/2/3/1/5/1/0/1110 11/8/3/1/1/3/3/1/0/1110" ] \
  || fail "members: $(q "select relation, ethnic, political, education, schooling, health, skill, work, work_months from members where household_id=$hh order by ordinal")"
got=$(q "select standard||','||hh_type||','||military_family||only_child||two_daughters||','||power_production||power_living||water_safe||water_hard||','||road_type||','||dangerous_house||','||fuel||','||toilet||cooperative from surveys where household_id=$hh")
[ "$got" = "1,1,000,1110,3,0,1,01" ] || fail "survey codes: $got"
[ "$(q "select wage_income||','||business_income||','||dibao||','||business_cost||','||arable_area||','||house_area from surveys where household_id=$hh")" = "600000,300000,120000,100000,250,8500" ] || fail "amounts"
[ "$(q "select priority3||signed_household||signed_cadre||signed_surveyor||surveyor1||surveyor2 from surveys where household_id=$hh")" = "1111黄伟李文" ] || fail "check page"
echo "keystrokes: $TOTAL total, $ENTERS Enter (ADVANCE=$ADVANCE)"
