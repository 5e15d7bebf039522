# Reports of a year (issue 11 item 1): roster, summary and check take --year
# (default this year) and say it in their titles; each household is read
# with its survey of that year or the latest before it, and a household that
# first applied later is not in an earlier year's roster.  The 回头看 list
# (export resurvey) names the 在册 and 已脱贫 households without this year's
# survey, read back cell by cell (tests/export_check.py, openpyxl).
. tests/e2e/lib.inc
PY=/usr/bin/python3
$PY -c "import openpyxl" 2>/dev/null || { echo "openpyxl missing"; exit 77; }
DB=$T/d.db
export FUPIN_TODAY=2026-06-01
"$FUPIN" demo --db "$DB" --households 40 --seed 3 >/dev/null 2>&1 || fail "demo"

# 2027: one registered household re-surveyed (a copy of its 2026 row with
# the wage income far above the line); one applicant first applied in 2027.
A=$(sql "$DB" "SELECT min(id) FROM households WHERE state = 8 AND deleted = 0")
NEW=$(sql "$DB" "SELECT min(h.id) FROM households h WHERE state = 1 AND deleted = 0
                 AND NOT EXISTS (SELECT 1 FROM surveys s WHERE s.household_id = h.id)")
[ -n "$A" ] && [ -n "$NEW" ] || fail "demo lacks the households this test needs"
COLS=$(sql "$DB" "SELECT group_concat(name) FROM pragma_table_info('surveys') WHERE name NOT IN ('id','year')")
sql "$DB" "INSERT INTO surveys (year, $COLS) SELECT 2027, $COLS FROM surveys WHERE household_id = $A AND year = 2026;
           UPDATE surveys SET wage_income = 99000000 WHERE household_id = $A AND year = 2027;
           UPDATE applications SET year = 2027 WHERE household_id = $NEW" || fail "set up 2027"

export FUPIN_TODAY=2027-03-01
title() { $PY tests/xlsx_read.py "$1" | awk -F'\t' '$1 == "cell" && $2 == "A1" { print $9; exit }'; }

# Roster: default this year (2027), and 2026 on request; cells checked.
expect_rc 0 "$FUPIN" export roster --db "$DB" -o "$T/r27.xlsx"
expect_rc 0 "$FUPIN" export roster --db "$DB" --year 2026 -o "$T/r26.xlsx"
title "$T/r27.xlsx" | grep -q "2027年贫困户花名册" || fail "roster title: $(title "$T/r27.xlsx")"
title "$T/r26.xlsx" | grep -q "2026年贫困户花名册" || fail "roster 2026 title: $(title "$T/r26.xlsx")"
$PY tests/export_check.py roster_year "$DB" "$T/r27.xlsx" 2027-03-01 2027 || fail "2027 roster cells differ"
$PY tests/export_check.py roster_year "$DB" "$T/r26.xlsx" 2027-03-01 2026 || fail "2026 roster cells differ"
# The applicant (识别中) is on the list of every household of 2027, not of 2026.
HEAD_NEW=$(sql "$DB" "SELECT head_name FROM households WHERE id = $NEW")
expect_rc 0 "$FUPIN" export roster --db "$DB" --status 全部 -o "$T/a27.xlsx"
expect_rc 0 "$FUPIN" export roster --db "$DB" --status 全部 --year 2026 -o "$T/a26.xlsx"
$PY tests/xlsx_read.py "$T/a27.xlsx" | grep -q "	$HEAD_NEW\$" || fail "2027 list lacks the 2027 applicant"
$PY tests/xlsx_read.py "$T/a26.xlsx" | grep -q "	$HEAD_NEW\$" && fail "2026 list has the 2027 applicant"
$PY tests/xlsx_read.py "$T/r27.xlsx" | grep -q "	$HEAD_NEW\$" && fail "the 2027 贫困户花名册 lists an applicant"

# Summary titles.
expect_rc 0 "$FUPIN" export summary --db "$DB" --year 2026 -o "$T/s26.xlsx"
title "$T/s26.xlsx" | grep -q "2026年扶贫对象汇总表" || fail "summary title: $(title "$T/s26.xlsx")"
$PY tests/xlsx_read.py "$T/s26.xlsx" 村表 | grep -q "年人均纯收入为各户2026年调查" || fail "summary basis does not name 2026"
expect_rc 0 "$FUPIN" export summary --db "$DB" -o "$T/s27.xlsx"
title "$T/s27.xlsx" | grep -q "2027年扶贫对象汇总表" || fail "summary 2027 title: $(title "$T/s27.xlsx")"

# Check: the year in its result line; the 2027 survey's income is 2027's finding only.
"$FUPIN" check --db "$DB" --year 2026 > "$T/c26" 2>&1
"$FUPIN" check --db "$DB" > "$T/c27" 2>&1
tail -1 "$T/c26" | grep -q "^2026年 检查 40 户" || fail "check 2026 line: $(tail -1 "$T/c26")"
tail -1 "$T/c27" | grep -q "^2027年 检查 40 户" || fail "check 2027 line: $(tail -1 "$T/c27")"
grep -q "	$A	.*ABOVE_LINE.*2027年" "$T/c27" || fail "2027 check misses the 2027 income of household $A"
grep -q "	$A	.*ABOVE_LINE" "$T/c26" && fail "2026 check used the 2027 survey"

# 回头看: everyone registered or exited but household A, cell by cell.
expect_rc 0 "$FUPIN" export resurvey --db "$DB" -o "$T/h.xlsx"
expect_grep "已导出回头看名单" "$T/out"
$PY tests/export_check.py resurvey "$DB" "$T/h.xlsx" 2027-03-01 2027 || fail "回头看 cells differ"
HEAD_A=$(sql "$DB" "SELECT head_name FROM households WHERE id = $A")
$PY tests/xlsx_read.py "$T/h.xlsx" | grep -q "	$HEAD_A\$" && fail "回头看 lists household $A, surveyed in 2027"
# 2026: everyone had a 2026 survey.
expect_rc 0 "$FUPIN" export resurvey --db "$DB" --year 2026 -o "$T/h26.xlsx"
$PY tests/export_check.py resurvey "$DB" "$T/h26.xlsx" 2027-03-01 2026 || fail "回头看 2026 differs"

# Bad years are refused by name.
expect_rc 2 "$FUPIN" export roster --db "$DB" --year 27 -o "$T/x.xlsx"
expect_grep "--year 应为 1949–2100 的年份" "$T/err"
expect_rc 2 "$FUPIN" check --db "$DB" --year 二〇二七
[ ! -e "$T/x.xlsx" ] || fail "a refused export wrote a file"
exit 0
