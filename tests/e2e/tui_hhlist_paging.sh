#!/bin/sh
# The household list pages through every household (issue 14 goal 2): a
# 700-household file is paged past the 500th row with PgDn, End reaches the
# last household, PgUp goes back across the window's edge; the village
# picker (F6) narrows as the clerk types part of a village's name or its
# initials, and the list then holds that village only.
. "$(dirname "$0")/lib.inc"
DB="$T/d.db"
expect_rc 0 "$FUPIN" demo --db "$DB" --households 700 --seed 5
# The list's order (DB_HH_ORDER) straight from SQL: the 601st and the last.
order="FROM households WHERE deleted = 0 ORDER BY village, group_name COLLATE natural_order, ifnull(hh_no, ''), id"
row601=$(sql "$DB" "SELECT hh_no $order LIMIT 1 OFFSET 600")
last=$(sql "$DB" "SELECT hh_no FROM households WHERE deleted = 0 ORDER BY village DESC, group_name COLLATE natural_order DESC, ifnull(hh_no, '') DESC, id DESC LIMIT 1")
[ -n "$row601" ] && [ -n "$last" ] || fail "no households in the demo"

tui_start "$DB"
wait_for "主菜单"
k 2; wait_for "户信息查询"
wait_for "第 1 户"
# 25 rows a page in a 30-line window: 24 PgDn select the 601st household.
i=0
while [ $i -lt 24 ]; do k NPage; i=$((i + 1)); done
wait_for "第 601 户"
screen | grep -q -- "$row601" || { screen; fail "the 601st household $row601 is not shown"; }
k End; wait_for "第 700 户"
screen | grep -q -- "$last" || { screen; fail "End does not show the last household $last"; }
# Back up across the window's edge (the window holds 500 rows).
i=0
while [ $i -lt 12 ]; do k PPage; i=$((i + 1)); done
wait_for "第 400 户"
screen | grep -q -- "$row601" && { screen; fail "PgUp left the 601st household on screen"; }
# From the top, End reads the last page straight away (counted from the end).
k Home; wait_for "第 1 户"
k End; wait_for "倒数第 1 户"
screen | grep -q -- "$last" || { screen; fail "End from the top does not show the last household $last"; }
i=0
while [ $i -lt 12 ]; do k PPage; i=$((i + 1)); done
wait_for "倒数第 301 户"
k Home; wait_for "第 1 户"

# F6: typing narrows the villages; Enter picks the one left.
k F6; wait_for "按村筛选"
k l s; wait_for "渌盛村"
not_on_screen "[x│]  *[0-9] 岜圩村"
k Enter
want=$(sql "$DB" "SELECT count(*) FROM households WHERE deleted = 0 AND village = '450123200202'")
wait_for "村: 渌盛村"
wait_for "找到 $want 户"
k F6; wait_for "按村筛选"
k "新良"; wait_for "新良村"
not_on_screen "[x│]  *[0-9] 渌盛村"
k Enter; wait_for "村: 新良村"
k Escape; wait_for "主菜单"
k q y; wait_for "FUPIN-EXITED-0"
echo ok
