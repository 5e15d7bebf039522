# `fupin check` and the inspection checks (issue 16 part 3): the demo file
# carries a few of each (planted by db/demo_fill.c, not hundreds); and the
# two rules that read the card and the helper's visits move across their
# boundaries end to end: a 危房改造 entry clears a C级 house but not a D级
# one, and a visit dated 1 January counts for the year where 31 December of
# the year before does not.
. tests/e2e/lib.inc
export FUPIN_TODAY=2026-11-23

expect_rc 0 "$FUPIN" demo --db "$T/d.db" --households 300
"$FUPIN" check --db "$T/d.db" >"$T/check" 2>&1 || fail "demo data has errors: $(grep 错误 "$T/check" | head -3)"
for id in INSP_DIBAO_NO_PAY INSP_NO_MED_INS INSP_DANGER_HOUSE INSP_EXIT_DROPOUT INSP_TEKUN_ABLE HELPER_NO_VISIT; do
    n=$(grep -c "	$id	" "$T/check")
    [ "$n" -ge 1 ] || fail "the demo has no $id"
    [ "$n" -le 15 ] || fail "the demo drowns in $id: $n of 300 households"
done
expect_grep "警告	[0-9]*	[0-9]*	.*	INSP_DIBAO_NO_PAY	贫困户属性 为 低保贫困户, 但 低保金 为 0.00 元" "$T/check"
expect_grep "INSP_EXIT_DROPOUT	第[0-9]名成员「.*」 现年 1[0-4] 岁, 属义务教育年龄 (6–15 岁), 在校生状况 为 非在校生: 退出户须 义务教育有保障" "$T/check"
expect_grep "INSP_TEKUN_ABLE	贫困户属性 为 特困供养贫困户, 但 第1名成员「.*」 现年 [0-9]* 岁, 劳动技能 为 普通劳动力" "$T/check"

# 危房: a C级 house with no 危房改造 on the card, then with one, then D级.
hh=
for h in $(grep "	INSP_DANGER_HOUSE	.*C级" "$T/check" | cut -f2); do
    [ "$(sql "$T/d.db" "select count(*) from waivers where household_id = $h")" = 0 ] && { hh=$h; break; }
done
[ -n "$hh" ] || fail "no C级 house without 危房改造 (and no waiver) in the demo"
helper=$(sql "$T/d.db" "select helper_id from assignments where household_id = $hh and to_date is null")
sql "$T/d.db" "insert into aid_records(household_id, helper_id, date, measure, content, money, goods_value, outcome,
    signed_household, signed_village, signed_team) values ($hh, $helper, '2026-05-06', 6, '危房加固', 0, 0, '', 1, 1, 1)"
"$FUPIN" check --db "$T/d.db" >"$T/check2" 2>&1
! grep -q "^警告	$hh	.*INSP_DANGER_HOUSE" "$T/check2" || fail "a C级 house with its 危房改造 is still reported"
sql "$T/d.db" "update surveys set danger_grade = 4 where household_id = $hh"
"$FUPIN" check --db "$T/d.db" >"$T/check3" 2>&1
expect_grep "^警告	$hh	.*INSP_DANGER_HOUSE	在册户 住房是否危房 为 是 (危房等级 D级): D级危房须拆除重建" "$T/check3"

# The helper's visit: 31 Dec 2025 is last year's, 1 Jan 2026 this year's.
hv=$(grep "	HELPER_NO_VISIT	" "$T/check" | head -1 | cut -f2)
[ -n "$hv" ] || fail "no helper without a visit in the demo"
hp=$(sql "$T/d.db" "select helper_id from assignments where household_id = $hv and to_date is null")
sql "$T/d.db" "insert into aid_records(household_id, helper_id, date, measure, content, money, goods_value, outcome,
    signed_household, signed_village, signed_team) values ($hv, $hp, '2025-12-31', 13, '入户走访', 0, 0, '', 1, 1, 1)"
"$FUPIN" check --db "$T/d.db" >"$T/check4" 2>&1
expect_grep "^警告	$hv	-	户主 .*	HELPER_NO_VISIT	帮扶责任人 .* 2026年 尚无走访记录 (最近一次 2025-12-31)" "$T/check4"
sql "$T/d.db" "insert into aid_records(household_id, helper_id, date, measure, content, money, goods_value, outcome,
    signed_household, signed_village, signed_team) values ($hv, $hp, '2026-01-01', 13, '入户走访', 0, 0, '', 1, 1, 1)"
"$FUPIN" check --db "$T/d.db" >"$T/check5" 2>&1
! grep -q "^警告	$hv	.*HELPER_NO_VISIT" "$T/check5" || fail "a visit on 2026-01-01 does not count for 2026"
# Checked as of 2025 (--year), that 31 December visit is the year's.
"$FUPIN" check --db "$T/d.db" --year 2025 >"$T/check6" 2>&1
! grep -q "^警告	$hv	.*HELPER_NO_VISIT" "$T/check6" || fail "--year 2025 does not count the 2025-12-31 visit"
echo ok
