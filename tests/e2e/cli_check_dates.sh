# `fupin check` and the dates across the rounds (issue 11 item 5): a demo file
# is clean; a history going backwards, a round 2 moved into round 1 and so
# posted after its own end are reported, each naming the date and what would
# be accepted; and the check never writes to the file it checks.
. tests/e2e/lib.inc

expect_rc 0 "$FUPIN" demo --db "$T/d.db" --households 200 --seed 3
before=$(sha256sum <"$T/d.db")
"$FUPIN" check --db "$T/d.db" >"$T/check" 2>&1 || fail "demo data has errors: $(grep 错误 "$T/check" | head -3)"
[ "$(sha256sum <"$T/d.db")" = "$before" ] || fail "fupin check changed the file it checked"
not_grep() { ! grep -q "$1" "$2" || fail "unexpected '$1' in $2"; }
not_grep HISTORY_DATE_BACKWARDS "$T/check"

# A move dated before the one it follows (keyed with a wrong year).
hh=$(sql "$T/d.db" "select household_id from state_history group by household_id order by household_id limit 1")
head=$(sql "$T/d.db" "select head_name from households where id = $hh")
sql "$T/d.db" "insert into state_history(household_id, from_state, to_state, date, operator, reason)
    select $hh, to_state, to_state, '2016-01-05', '某人', '录错年份' from state_history
    where household_id = $hh order by id desc limit 1"
# A round 2 moved 20 days back: it starts inside round 1, and its period was
# over before the day it was posted.
n2=$(sql "$T/d.db" "select min(id) from notices where kind = 1 and round = 2")
sql "$T/d.db" "update notices set start_date = date(start_date, '-20 days'), end_date = date(end_date, '-20 days')
    where id = $n2"
start=$(sql "$T/d.db" "select start_date from notices where id = $n2")
posted=$(sql "$T/d.db" "select posted_on from notice_sheets where notice_id = $n2")
before=$(sha256sum <"$T/d.db")
expect_rc 1 "$FUPIN" check --db "$T/d.db"
[ "$(sha256sum <"$T/d.db")" = "$before" ] || fail "fupin check changed the file it checked"
expect_grep "错误	$hh	.*	$head	HISTORY_DATE_BACKWARDS	状态记录 第 [0-9]* 条.*日期 2016-01-05 早于 前一条的 .* 或之后" "$T/out"
expect_grep "错误	0	-	公示 $n2 .*第二榜公示名单	NOTICE_ROUND_OVERLAP	公示 开始日期 $start 在上一榜公示期内 (上一榜 .* 结束), 开始日期应为 .* 或之后" "$T/out"
expect_grep "NOTICE_POSTED_LATE	公示期 $start 至 .* 已过, 张贴日期 $posted: 逾期张贴须确认并填写原因" "$T/out"
echo ok
