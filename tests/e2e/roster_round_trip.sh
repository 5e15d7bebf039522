# The roster round trip (issue 12 item 3): a demo county's 花名册 saved as
# CSV (as Excel does, title lines and all) and imported by `fupin import csv`
# into a new file with the same areas gives back the same roster — every
# cell of every column (tests/roster_round_trip.py walks them all, so a
# column added later without import support fails here) — and the import
# warns of nothing `fupin check` does not already say of the first file.
# Then a sheet with 年人均纯收入 but no income parts: the figure is kept.
. tests/e2e/lib.inc
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null || { echo "python3-openpyxl not installed"; exit 77; }
export FUPIN_TODAY=2026-03-05

expect_rc 0 "$FUPIN" demo --db "$T/d.db" --households 200 --seed 1
# Years that differ from the import's: some surveys of last year, some exits
# of 2024 (the demo makes them all this year's).
sql "$T/d.db" "UPDATE surveys SET year = 2025 WHERE household_id % 5 = 0;
               UPDATE exits SET year = 2024 WHERE household_id % 2 = 0" || fail "vary years"
county=$(sql "$T/d.db" "select code || ' ' || name from areas where level = 1")
# shellcheck disable=SC2086  # code and name, two arguments
expect_rc 0 "$FUPIN" init --db "$T/n.db" --county $county
sql "$T/n.db" "ATTACH '$T/d.db' AS d; INSERT OR IGNORE INTO areas SELECT * FROM d.areas;
               INSERT OR IGNORE INTO village_groups SELECT * FROM d.village_groups;" || fail "copy areas"

expect_rc 0 "$FUPIN" export roster --db "$T/d.db" -o "$T/a.xlsx"
$PY tests/roster_round_trip.py csv "$T/a.xlsx" "$T/a.csv" || fail "xlsx to csv"
expect_rc 0 "$FUPIN" import csv --db "$T/n.db" "$T/a.csv"
cp "$T/out" "$T/import.out"
expect_grep "新增 $(sql "$T/d.db" "select count(*) from households where deleted = 0 and state in (8,11,12,13,14,15,16)") 户" "$T/import.out"
# Every column is read: only those computed from others are left out.
grep -q "COLUMN_UNKNOWN" "$T/import.out" && fail "columns unknown: $(grep COLUMN_UNKNOWN "$T/import.out")"
grep "不导入" "$T/import.out" | grep -qv "不导入的列: 序号、家庭人口、年龄$" &&
    fail "columns left out: $(grep "不导入" "$T/import.out")"
expect_rc 0 "$FUPIN" export roster --db "$T/n.db" -o "$T/b.xlsx"
$PY tests/roster_round_trip.py same "$T/a.xlsx" "$T/b.xlsx" || fail "the roster changed on the trip"

# No new warnings: the import warns of nothing (by check, as often) that
# `fupin check` does not say of the first file.
"$FUPIN" check --db "$T/d.db" >"$T/check.out" 2>&1
grep '警告 \[' "$T/import.out" | sed 's/.*警告 \(\[[A-Z_]*\]\).*/\1/' | sort | uniq -c >"$T/iw"
awk -F'\t' '$1 == "警告" { print "[" $5 "]" }' "$T/check.out" | sort | uniq -c >"$T/cw"
while read -r n id; do
    c=$(awk -v id="$id" '$2 == id { print $1 }' "$T/cw")
    [ "${c:-0}" -ge "$n" ] || fail "import warns $n× $id, fupin check ${c:-0}×: $(grep -F "$id" "$T/import.out" | head -3)"
done <"$T/iw"
# A county sheet with 年人均纯收入 but none of its parts: the figure is kept
# (declared), so the roster of the new file shows it again.
PARTS=工资性收入,生产经营性收入,财产性收入,计划生育金,低保金,特困供养金,养老保险金,生态补偿金,其他转移性收入,生产经营性支出
$PY tests/roster_round_trip.py drop "$T/a.csv" "$T/c.csv" "$PARTS" || fail "drop the parts"
"$FUPIN" init --db "$T/c.db" --county $county >/dev/null || fail "init c.db"
sql "$T/c.db" "ATTACH '$T/d.db' AS d; INSERT OR IGNORE INTO areas SELECT * FROM d.areas;
               INSERT OR IGNORE INTO village_groups SELECT * FROM d.village_groups;" || fail "copy areas"
expect_rc 0 "$FUPIN" import csv --db "$T/c.db" "$T/c.csv"
expect_rc 0 "$FUPIN" export roster --db "$T/c.db" -o "$T/c.xlsx"
$PY tests/roster_round_trip.py same "$T/a.xlsx" "$T/c.xlsx" 身份证号,年人均纯收入,调查年度,状态 ||
    fail "年人均纯收入 without its parts was not kept"
exit 0
