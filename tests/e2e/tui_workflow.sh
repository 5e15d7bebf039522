# A clerk runs an identification round for 新沙村 in the workstation, the
# dates moved on with FUPIN_TODAY between sittings: the appraisal meeting
# (one household fails the 2/3 rule, shown with its numbers), the round-1
# notice drafted, edited, posted, objected to, refused an early close,
# closed eight days later after 维持/取消, rounds 2 and 3 with their
# approvals, registration with 户编号, and Form G for one household.
. tests/e2e/lib.inc
DB=$T/wf.db
export FUPIN_TODAY=2026-03-01
"$FUPIN" demo --db "$DB" --households 80 >/dev/null || fail "demo"
q() { sqlite3 "$DB" "$1"; }
# A restart (the date moved on): tui_start's kill-server returns before the
# old server is gone, and a new session started at once can die with it.
start() {
    tx kill-server 2>/dev/null; sleep 0.3
    tui_start "$DB"; sleep 0.2
    tx has-session -t t 2>/dev/null || { sleep 0.5; tui_start "$DB"; }
    wait_for "主菜单"
}
V=450123200202
[ "$(q "select count(*) from households where village='$V' and state=2")" = 4 ] || fail "demo: want 4 surveyed in 新沙村"
[ "$(q "select count(*) from notices n where posted=1 and not exists (select 1 from notice_households nh where nh.notice_id=n.id)")" = 0 ] \
    || fail "demo posted an empty notice"
first_notice=$(q "select max(id) from notices")

export FUPIN_TODAY=2026-03-02
start
# ---- 村级评议: the meeting (Form C), the agenda, votes.
k 3; wait_for "表C 村级评议记录"
k n; wait_for "评议的村"; k xsc Enter          # pinyin initials pick 新沙村
wait_for "评议类型"; k Enter
wait_for "会议日期"; k Enter 黄支书 Enter 40 Enter 30 Enter; k F2     # one screen, F2 saves
wait_for "少于规定的 50 人"; k y
wait_for "通过规则: 赞成票 ≥ 到会代表 30 人的三分之二, 即至少 20 票"
k a; wait_for "列入评议议程"; k Enter
wait_for "未录入"
vote() {  # for against abstain score: keys the selected row, then the next
    k Enter; wait_for "赞成票:"; k C-u "$1" Enter C-u "$2" Enter C-u "$3" Enter C-u "$4" Enter Down
}
vote 25 3 2 90; vote 24 4 2 85; vote 20 6 4 80; vote 19 8 3 70
# (Down on the last row stays there: the failing household is selected)
wait_for "赞成 19 < 到会代表 30 人的2/3 (需 20 票), 不通过"
wait_for "70.00  不通过"
k d; wait_for "按评议结果转入下一步吗"; k y
wait_for "→ 未通过"; wait_for "(需 20 票), 通过 → 已评议"; k Enter
k Escape; k Escape; wait_for "主菜单"
failed=$(q "select household_id from votes v join meetings m on m.id=v.meeting_id where m.host='黄支书' and votes_for=19")
[ "$(q "select state from households where id=$failed")" = 9 ] || fail "2/3 rule: 19 of 30 not rejected"
[ "$(q "select count(*) from households where village='$V' and state=3")" = 5 ] || fail "want 5 appraised"

# ---- 公示管理: round 1 drafted for the village, its list edited, posted.
k 4; wait_for "公示管理 (三榜公示)"
k n; wait_for "公示类型"; k Enter; wait_for "轮次"; k 1 Enter
wait_for "公示范围"; k xsc Enter; wait_for "开始日期"; k Enter
wait_for "新沙村2026年扶贫对象识别第一榜公示名单"; wait_for "共 5 户"
k DC; wait_for "从名单中移出所选户吗"; k y; wait_for "共 4 户"
k a; wait_for "添加到公示名单"; k Enter; wait_for "共 5 户"
k e; k Enter Enter Enter C-u 0771-6521234 Enter Enter
wait_for "已保存, 结束日期 2026-03-08"; wait_for "监督电话: 0771-6521234"
k p; wait_for "确认张贴吗"; k y; wait_for "公示中, 剩 7 天"
# The posted list is what hangs on the wall: a head renamed afterwards (as by
# any later correction) still shows as posted when the notice is opened again.
n1=$(q "select max(id) from notices")
hh1=$(q "select household_id from notice_households where notice_id=$n1 order by household_id limit 1")
old=$(q "select name from members where household_id=$hh1 and relation=1 and deleted=0")
q "update members set name='改后的名' where household_id=$hh1 and relation=1 and deleted=0;
   update households set head_name='改后的名' where id=$hh1"
k Escape; wait_for "公示管理 (三榜公示)"; k Enter; wait_for "公示中, 剩 7 天"
wait_for "$old"; not_on_screen "改后的名"
q "update members set name='$old' where household_id=$hh1 and relation=1 and deleted=0;
   update households set head_name='$old' where id=$hh1"
obj() {  # objector content
    k o; wait_for "收到日期"; k Enter "$1" Enter "$2" Enter; wait_for "已登记异议"
}
obj 王五 该户有亲属在县城经商
k Down; obj "" 家有小轿车
k c; wait_for "2026-03-09 起方可结束本轮公示 (今天 2026-03-02)"; k Enter
# 乡镇回访核查 while round 1 runs is refused (张榜公示期满后), naming the day.
k PPage
k r; wait_for "乡镇回访核查"; k Enter 赵六 Enter 情况属实 Enter Enter
# (the message wraps where the head's name puts it: match up to the edge)
wait_for "公示期满后方可核"; wait_for "2026-03-09 或之后"; k Enter
k Escape; k Escape; k q y; wait_for "FUPIN-EXITED-0"
n1=$(q "select max(id) from notices")
[ "$n1" -gt "$first_notice" ] || fail "no notice drafted"
[ "$(q "select count(*) from notice_households where notice_id=$n1")" = 5 ] || fail "round-1 list"
[ "$(q "select posted||closed||phone from notices where id=$n1")" = 100771-6521234 ] || fail "round 1 not posted"

# ---- eight days later: objections resolved (维持, 取消), the round closed.
export FUPIN_TODAY=2026-03-10
start; k 4; wait_for "已期满, 待结束"; k Enter
wait_for "第一榜公示名单"
# 乡镇回访核查 after the round: all five pass, from the top of the list.
k PPage
for i in 1 2 3 4 5; do
    k r; wait_for "乡镇回访核查"; k Enter 赵六 Enter 情况属实 Enter Enter
    wait_for "已记录回访核查"; k Down
done
k c; wait_for "本轮公示有 2 条未处理的异议"; k Enter
k j; wait_for "选择要处理的异议"; k 1 Enter; wait_for "处理结果"; k 1 Enter
k 乡纪委 Enter 异议不成立 Enter Enter; wait_for "异议已处理: 维持"
k j; wait_for "选择要处理的异议"; k Enter; wait_for "处理结果"; k 2 Enter
k 乡纪委 Enter 情况属实 Enter Enter; wait_for "异议已处理: 取消"
k c; wait_for "转为「已回访」"; k Enter
wait_for "已结束"
cancelled=$(q "select household_id from objections where notice_id=$n1 and resolution=2")
[ "$(q "select state from households where id=$cancelled")" = 9 ] || fail "取消 did not reject"
[ "$(q "select count(*) from notice_households nh join households h on h.id=nh.household_id where notice_id=$n1 and h.state=5")" = 4 ] || { q "select nh.household_id, h.state from notice_households nh join households h on h.id=nh.household_id where notice_id=$n1; select household_id, passed, notice_id from rechecks where notice_id=$n1"; fail "want 4 已回访"; }

# ---- round 2 (township), with the 乡镇审核 date.
k Escape; k n; k Enter; wait_for "轮次"; k 2 Enter
wait_for "公示范围"; k Enter Enter
wait_for "古潭乡2026年扶贫对象识别第二榜公示名单"
wait_for "新沙村第"                     # a township list names the village
k p y; wait_for "二榜公示须先录入乡镇审核日期"; k Enter
k e; k Enter Enter Enter Enter C-u 古潭乡人民政府 Enter 2026-03-09 Enter 古政审〔2026〕3号 Enter
wait_for "乡镇审核: 古政审〔2026〕3号 2026-03-09"
k p y; wait_for "公示至 2026-03-16"
k Escape; k Escape; k q y; wait_for "FUPIN-EXITED-0"
n2=$(q "select max(id) from notices")

# ---- round 3 (county) with the 批文, then registration.
export FUPIN_TODAY=2026-03-18
start; k 4; wait_for "公示管理"; k Enter; wait_for "第二榜公示名单"
k c; wait_for "留在「二榜公示」"; k Enter
k Escape; k n; k Enter; wait_for "轮次"; k 3 Enter
wait_for "公示范围"; k Enter Enter
wait_for "隆安县2026年扶贫对象识别第三榜公示名单"
k e; k Enter Enter Enter Enter C-u 隆安县扶贫开发领导小组 Enter 隆扶组〔2026〕12号 Enter 2026-03-17 Enter
wait_for "县级批文: 隆扶组〔2026〕12号 2026-03-17"
k p y; wait_for "公示至 2026-03-24"
k x; wait_for "保存为"; k C-u "$T/n3.xlsx" Enter; wait_for "已导出公示名单"; k Enter
k Escape; k Escape; k q y; wait_for "FUPIN-EXITED-0"
[ -s "$T/n3.xlsx" ] || fail "round-3 export"
n3=$(q "select max(id) from notices")

export FUPIN_TODAY=2026-03-26
start; k 4; k Enter; wait_for "第三榜公示名单"
k c; wait_for "已建档立卡, 户编号 $V"; k Enter
k Escape; k Escape
for id in $(q "select household_id from notice_households where notice_id=$n1"); do
    [ "$id" = "$cancelled" ] && continue
    [ "$(q "select state from households where id=$id")" = 8 ] || fail "household $id not registered"
    q "select hh_no from households where id=$id" | grep -q "^${V}[0-9]\{4\}$" || fail "户编号 of $id"
    [ "$(q "select group_concat(to_state, ',') from (select to_state from state_history where household_id=$id order by id)" | sed 's/.*3,/3,/')" = "3,4,5,6,7,8" ] \
        || fail "history of $id: $(q "select from_state, to_state, date from state_history where household_id=$id")"
done

# ---- 脱贫退出: Form G for the first registered household.
k 7; wait_for "表G 脱贫退出核查"; k Enter
wait_for "脱贫退出核查表 (表G)"; wait_for "核查结论"
k 7; wait_for "脱贫途径"; k 1 Enter
k F2; wait_for "表G 已保存"
k Escape; k q y; wait_for "FUPIN-EXITED-0"
[ "$(q "select count(*) from exits where checker='演示员' and year=2026 and route=1")" = 1 ] || fail "Form G not saved"
"$FUPIN" check --db "$DB" >/dev/null; [ $? -le 1 ] || fail "check crashed"
exit 0
