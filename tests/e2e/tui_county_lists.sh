# 公示管理 and 村级评议 on a county's file: the lists held fixed arrays (the
# newest 300 notices, the newest 300 meetings, 2 000 households of a notice
# and of its candidates, 1 000 of an agenda and of its candidates) and
# silently dropped the rest: an older notice or meeting could never be
# opened, a county-round list said "共 2000 户", and 全部 on an agenda
# added the first 1 000.  Every list now loads whole; F6 filters the notice
# and meeting lists by area (the shared picker), 全部 undoes it.
# Posting a notice was never short: the store posts and freezes the list
# from its own query (db/wfs_notice_post.c), checked here all the same.
. tests/e2e/lib.inc
export FUPIN_TODAY=2026-12-01
DB=$T/county.db
expect_rc 0 "$FUPIN" demo --db "$DB" --households 200 --seed 4
q() { sql "$DB" "$1" || fail "sql: $1"; }
COUNTY=$(q "SELECT code FROM areas WHERE level = 1")
V1=$(q "SELECT code FROM areas WHERE level = 3 ORDER BY code LIMIT 1")
V2=$(q "SELECT code FROM areas WHERE level = 3 ORDER BY code LIMIT 1 OFFSET 1")
V2NAME=$(q "SELECT name FROM areas WHERE code = '$V2'")
[ -n "$V2NAME" ] || fail "demo: want two villages"

# ---- a county's worth of rows, copied from the demo's (cheap: no demo of
# 100 000 households).  400 draft notices and 400 meetings dated 2025, one
# in three / four of them for $V2NAME; the oldest (n = 0) is $V2NAME's.
q "WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 399)
   INSERT INTO notices(kind, round, area, year, start_date, days, end_date, place, phone, publisher)
   SELECT x.kind, x.round, CASE WHEN n % 3 = 0 THEN '$V2' ELSE '$V1' END, 2025,
          date('2025-01-01', '+' || n || ' days'), x.days,
          date('2025-01-01', '+' || (n + x.days - 1) || ' days'), x.place, x.phone, x.publisher
   FROM i, (SELECT * FROM notices WHERE kind = 1 AND round = 1 ORDER BY id LIMIT 1) x"
q "WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 399)
   INSERT INTO meetings(village, kind, year, meeting_date, host, attendees, representatives, recorder)
   SELECT CASE WHEN n % 4 = 0 THEN '$V2' ELSE '$V1' END, x.kind, 2025,
          date('2025-01-01', '+' || n || ' days'), '主持' || printf('%03d', n), x.attendees,
          x.representatives, x.recorder
   FROM i, (SELECT * FROM meetings WHERE kind = 1 ORDER BY id LIMIT 1) x"
# 4 400 more 已建档立卡 households (县测户0000 …) and 1 100 more 已调查 ones
# of $V2NAME (评测户0000 …).
q "WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 4399)
   INSERT INTO households(village, group_name, state, head_name, n_members, hh_type)
   SELECT '$V1', '一组', 8, '县测户' || printf('%04d', n), 1, 1 FROM i"
q "WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 1099)
   INSERT INTO households(village, group_name, state, head_name, n_members, hh_type)
   SELECT '$V2', '一组', 2, '评测户' || printf('%04d', n), 1, 1 FROM i"
# A county 清退 notice, the newest, listing the demo's 已建档立卡 and
# 县测户0000–2199 (more than 2 000); 县测户2200–4399 are its candidates.
q "INSERT INTO notices(kind, round, area, year, start_date, days, end_date, place, phone, publisher)
   VALUES (3, 1, '$COUNTY', 2026, '2026-12-01', 7, '2026-12-07', '政务公开栏', '', '县扶贫办')"
CN=$(q "SELECT max(id) FROM notices")
q "INSERT INTO notice_households(notice_id, household_id, ordinal, remark)
   SELECT $CN, id, row_number() OVER (ORDER BY id), '测试清退' FROM households
   WHERE deleted = 0 AND state = 8 AND (head_name NOT LIKE '县测户%' OR CAST(substr(head_name, 4) AS INTEGER) < 2200)"
# A meeting of $V2NAME, the newest, with nothing on its agenda yet.
q "INSERT INTO meetings(village, kind, year, meeting_date, host, attendees, representatives, recorder)
   VALUES ('$V2', 1, 2026, '2026-11-30', '县测主持', 60, 50, '记录员')"
CM=$(q "SELECT max(id) FROM meetings")

ALL_N=$(q "SELECT count(*) FROM notices WHERE deleted = 0 AND kind <> 4")
V2_N=$(q "SELECT count(*) FROM notices WHERE deleted = 0 AND kind <> 4 AND (area LIKE '$V2%' OR '$V2' LIKE area || '%')")
LISTED=$(q "SELECT count(*) FROM notice_households WHERE notice_id = $CN")
ALL_M=$(q "SELECT count(*) FROM meetings WHERE deleted = 0 AND kind <> 4")
V2_M=$(q "SELECT count(*) FROM meetings WHERE deleted = 0 AND kind <> 4 AND village LIKE '$V2%'")
CAND_M=$(q "SELECT count(*) FROM households WHERE deleted = 0 AND state = 2 AND village = '$V2'")
[ "$ALL_N" -gt 400 ] && [ "$ALL_M" -gt 400 ] && [ "$LISTED" -gt 2000 ] && [ "$CAND_M" -gt 1000 ] ||
    fail "setup: $ALL_N notices, $ALL_M meetings, $LISTED listed, $CAND_M candidates"

tui_start "$DB"; wait_for "主菜单"

# ---- 公示管理: End reaches the oldest notice, and Enter opens it.
k 4; wait_for "公示管理 (三榜公示)"
k End; wait_for "2025-01-01"
screen | grep "2025-01-01" | grep -q "$V2NAME" || { screen; fail "the oldest notice is not $V2NAME's"; }
k Enter; wait_for "${V2NAME}2025年扶贫对象识别第一榜公示名单"; wait_for "公示期 2025-01-01 至 2025-01-07"
k Escape; wait_for "公示管理 (三榜公示)"
wait_for "地区: 全部   共 $ALL_N 条公示"
# F6: one village (typed into the picker), then 全部 again.
wait_for "F6地区"
k F6; wait_for "按地区筛选公示"; k "$V2NAME"; sleep 0.3; k Enter
wait_for "地区: $V2NAME ($V2)   共 $V2_N 条公示"
screen | sed -n '4,27p' | grep -q '敬平村' && { screen; fail "another village's notice under $V2NAME's filter"; }
screen | grep -q '隆安县' || { screen; fail "the county notice that covers $V2NAME is not under its filter"; }
k End; wait_for "2025-01-01"
k F6; wait_for "按地区筛选公示"; k Home; k Enter
wait_for "地区: 全部   共 $ALL_N 条公示"
k F1; wait_for "F6 按地区筛选"; k Escape

# ---- the county notice: every household on it, and every candidate.
k Home; k Enter; wait_for "隆安县2026年扶贫对象动态调整(清退)公示名单"
wait_for "共 $LISTED 户"
k End; wait_for "县测户2199"
k A; wait_for "添加到公示名单"; k End; wait_for "县测户4399"; k Enter
wait_for "清退原因"; k 县测清退 Enter
wait_for "共 $((LISTED + 1)) 户"
[ "$(q "SELECT count(*) FROM notice_households nh JOIN households h ON h.id = nh.household_id
        WHERE nh.notice_id = $CN AND h.head_name = '县测户4399'")" = 1 ] || fail "县测户4399 not added"
# Posting: every household moves, and the sheet stores every row.
k P; wait_for "确认张贴吗"; k y
wait_for "已张贴" 60
wait_for "共 $((LISTED + 1)) 户"
k End; wait_for "县测户4399"
[ "$(q "SELECT count(*) FROM notice_sheet_rows WHERE notice_id = $CN")" = $((LISTED + 1)) ] ||
    fail "the posted sheet is short"
[ "$(q "SELECT count(*) FROM notice_households nh JOIN households h ON h.id = nh.household_id
        WHERE nh.notice_id = $CN AND h.state = 16")" = $((LISTED + 1)) ] || fail "households left behind at posting"
k Escape; wait_for "公示管理 (三榜公示)"

# ---- 80 columns: the key bar whole; a window too small, and back.
tx resize-window -t t -x 80 -y 24; sleep 0.3
wait_for "F6地区 F1帮助 Esc返回"
wait_for "公示中, 剩 [0-9]* 天"                # 状态 whole: 范围 gives way
tx resize-window -t t -x 60 -y 15; wait_for "窗口太小"
tx resize-window -t t -x 100 -y 30; wait_for "地区: 全部   共 $ALL_N 条公示"
k Escape; wait_for "主菜单"

# ---- 村级评议: the same for meetings.
k 3; wait_for "村级评议 (表C 村级评议记录)"
wait_for "地区: 全部   共 $ALL_M 次评议会议"
k End; wait_for "主持000"
screen | grep "主持000" | grep -q "2025-01-01.*$V2NAME" || { screen; fail "the oldest meeting is not $V2NAME's of 2025-01-01"; }
k Enter; wait_for "村级评议 $V2NAME 2025-01-01 (扶贫对象识别)"
k Escape; wait_for "村级评议 (表C 村级评议记录)"
k F6; wait_for "按地区筛选评议会议"; k "$V2NAME"; sleep 0.3; k Enter
wait_for "地区: $V2NAME ($V2)   共 $V2_M 次评议会议"
k End; wait_for "主持000"
k F6; wait_for "按地区筛选评议会议"; k Home; k Enter
wait_for "地区: 全部   共 $ALL_M 次评议会议"
wait_for "F6地区 F1帮助 Esc返回"
k F1; wait_for "F6 按地区筛选"; k Escape
# The newest meeting: 全部 puts every candidate on the agenda.
k Home; k Enter; wait_for "村级评议 $V2NAME 2026-11-30"; wait_for "议程 0 户"
k A; wait_for "列入评议议程"; wait_for "全部 $CAND_M 户"; k Enter
wait_for "议程 $CAND_M 户" 60
k End; wait_for "评测户1099"
[ "$(q "SELECT count(*) FROM votes WHERE meeting_id = $CM")" = "$CAND_M" ] || fail "全部 left households off the agenda"
tx resize-window -t t -x 80 -y 24; sleep 0.3
wait_for "D公布结果 F1帮助 Esc返回"
tx resize-window -t t -x 100 -y 30; wait_for "议程 $CAND_M 户"
# 公布结果 without votes: the report names every household to its last (an
# 8 KB report stopped after about 100), and nothing moves.
k D; wait_for "按评议结果转入下一步吗"; k y; wait_for "评议结果"
tx send-keys -t t $(i=0; while [ $i -lt 60 ]; do printf 'NPage '; i=$((i + 1)); done)
wait_for "评测户1099: 未录入票数, 未处理"
k Escape; wait_for "议程 $CAND_M 户"
k Escape; wait_for "村级评议 (表C 村级评议记录)"
k Escape; wait_for "主菜单"
k q y; wait_for "FUPIN-EXITED-0"
exit 0
