# 脱贫退出 on a file with more households than the list once held (a fixed
# 2 000 rows: a county's 53 819 在册 showed as "2000 户" and the rest could
# never be reached): the title counts every household on the exit path, End
# reaches the list's last one, F6 filters by village (and 全部村 undoes it),
# and Form G opens for households past the 2 000th.
. tests/e2e/lib.inc
DB=$T/county.db
export FUPIN_TODAY=2026-12-01
"$FUPIN" demo --db "$DB" --households 6000 --seed 5 >/dev/null || fail "demo"
q() { sql "$DB" "$1"; }
# What the list shows (tui/exitview.c ev_load): 已建档立卡, then each state
# of the exit path in turn, each in the store's order (db/search.c LIST_KEY).
ON_PATH="h.deleted = 0 AND h.state IN (8, 11, 12, 13, 14, 15)"
ORDER="h.state, h.village, h.group_name COLLATE natural_order, ifnull(h.hh_no, ''), h.id"
# row N: the hh_no and 户主 of the list's Nth row (1-based).
row() { q "SELECT hh_no || '|' || head_name FROM households h WHERE $ON_PATH ORDER BY $ORDER LIMIT 1 OFFSET $(($1 - 1))"; }
total=$(q "SELECT count(*) FROM households h WHERE $ON_PATH")
reg=$(q "SELECT count(*) FROM households h WHERE h.deleted = 0 AND h.state = 8")
[ "$reg" -gt 2500 ] || fail "demo: want well over 2000 已建档立卡, got $reg"
last=$(row "$total"); last_no=${last%%|*}; last_head=${last#*|}
r2001=$(row 2001); no2001=${r2001%%|*}; head2001=${r2001#*|}
[ -n "$last_no" ] && [ -n "$no2001" ] || fail "no 户编号 on rows 2001 / $total"
# A village whose name no other village's name contains: typed, the picker
# keeps it alone (ahead of 全部村, which does not contain it either).
V=$(q "SELECT a.code || '|' || a.name FROM areas a WHERE a.level = 3 AND NOT EXISTS
       (SELECT 1 FROM areas b WHERE b.level = 3 AND b.code <> a.code AND instr(b.name, a.name))
       AND EXISTS (SELECT 1 FROM households h WHERE h.village = a.code AND $ON_PATH)
       ORDER BY a.code DESC LIMIT 1")
vcode=${V%%|*}; vname=${V#*|}
[ -n "$vname" ] || fail "demo: no village to filter by"
vcount=$(q "SELECT count(*) FROM households h WHERE h.village = '$vcode' AND $ON_PATH")

tui_start "$DB"; wait_for "主菜单"
k 7; wait_for "表G 脱贫退出核查"
wait_for " $total 户"                   # every one, not the first 2 000
wait_for "显示: 在册及退出中、已脱贫  村: 全部"
k End; wait_for " $last_no "; wait_for "$last_head"
# Enter on the last row (row $total, far past 2000): its Form G.
k Enter; wait_for "脱贫退出核查表 (表G)  户主 $last_head"; wait_for "核查结论"
k Escape; wait_for "表G 脱贫退出核查"
# Row 2001 (the first one the old list dropped): Home, then 200 pages of 10.
k Home; tx send-keys -t t -N 200 NPage; sleep 0.3
wait_for " $no2001 "
k Enter; wait_for "脱贫退出核查表 (表G)  户主 $head2001"
k Escape; wait_for "表G 脱贫退出核查"

# F6: one village, picked by its name typed into the picker.
k F6; wait_for "按村筛选 (输入村名、拼音首字母或代码)"; wait_for "全部村"
k "$vname"; sleep 0.3; k Enter
wait_for "村: $vname"; wait_for " $vcount 户"
not_on_screen " $total 户"
# Every row shown is of that village (the 村/组 column).
screen | sed -n '4,10p' | grep -v -- "$vname" | grep -q '[0-9]\{16\}' && { screen; fail "a row of another village under $vname"; }
# F6 again (the picker opens on the current village), 全部村 at its top
# (PgUp moves 10; the picker has no Home): the whole list is back.
k F6; wait_for "按村筛选"; k PPage PPage PPage PPage; wait_for "全部村"; k Enter
wait_for "村: 全部"; wait_for " $total 户"
# F7 with the village filter: 已建档立卡 of that village only.
k F6; wait_for "按村筛选"; k "$vname"; sleep 0.3; k Enter; wait_for "村: $vname"
k F7; wait_for "按状态筛选"; k 2 Enter
vreg=$(q "SELECT count(*) FROM households h WHERE h.village = '$vcode' AND h.deleted = 0 AND h.state = 8")
wait_for "显示: 已建档立卡  村: $vname"; wait_for " $vreg 户"
# The key bar and the help name F6.
wait_for "F6村"
k F1; wait_for "F6 按村筛选"; k Escape; wait_for "表G 脱贫退出核查"

tx resize-window -t t -x 60 -y 15
wait_for "窗口太小"
tx resize-window -t t -x 100 -y 30
wait_for "表G 脱贫退出核查"; wait_for " $vreg 户"
k Escape; wait_for "主菜单"
k q y; wait_for "FUPIN-EXITED-0"
exit 0
