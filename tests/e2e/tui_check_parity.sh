# `fupin check` and 数据维护's 数据质量检查 run the same checks: on the same
# file and year they count the same errors and warnings.  (They had drifted:
# 数据维护 left out 防返贫监测, the loans and the notices' date rules, so on
# this demo it counted 30 warnings where `fupin check` counted 32.)
. tests/e2e/lib.inc

"$FUPIN" demo --db "$T/d.db" --households 120 --seed 7 >/dev/null || fail "demo"
LINE=$("$FUPIN" check --db "$T/d.db" 2>/dev/null | grep "年 检查 .* 户:")
[ -n "$LINE" ] || fail "fupin check printed no summary line"
COUNTS=$(echo "$LINE" | sed 's/ (year.*//')
echo "$COUNTS" | grep -q "[1-9][0-9]* 个警告" || fail "the demo should carry warnings: $COUNTS"
tui_start "$T/d.db"
wait_for "主菜单"
k 0; wait_for "数据质量检查"
k 1
wait_for "$COUNTS"
k Escape; wait_for "数据维护"; k Escape; wait_for "主菜单"
k q y; wait_for "FUPIN-EXITED-0"
