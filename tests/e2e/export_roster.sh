# 花名册 and 汇总表 exports (SPEC §6, issue 7): every cell of a small demo
# roster checked against the database by tests/export_check.py (openpyxl +
# sqlite3, its own implementation), filters, the summary's numbers against SQL
# counts, the chart sheet, a 10 000-household roster (row count + sample),
# errors, and the database left untouched.
. tests/e2e/lib.inc
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null || { echo "python3-openpyxl not installed"; exit 77; }
export FUPIN_TODAY=2026-03-05

expect_rc 0 "$FUPIN" demo --db "$T/d.db" --households 300 --seed 1
sum_before=$(sha256sum < "$T/d.db")

# The whole roster: every cell.  By default the register (在册 and 已脱贫, as
# the summary counts), titled 贫困户花名册.
expect_rc 0 "$FUPIN" export roster --db "$T/d.db" -o "$T/r.xlsx"
expect_grep "已导出花名册" "$T/out"
$PY tests/export_check.py roster "$T/d.db" "$T/r.xlsx" 2026-03-05 || fail "roster cells differ"
[ "$(stat -c %a "$T/r.xlsx")" = 600 ] || fail "roster file mode $(stat -c %a "$T/r.xlsx"), want 600"
$PY tests/xlsx_read.py "$T/r.xlsx" > "$T/dump" || fail "xlsx_read"
# 51 columns do not fit A4 at 8 pt: across pages, column A repeated (core/xlsxout.h).
for fact in "freeze	A4" "orientation	landscape" "paper	9" "order	overThenDown" 'titles	$3:$3' 'titlecols	$A:$A' \
            "footer	第 &P 页 共 &N 页" "merge	A1:AY1"; do
    grep -qF "$fact" "$T/dump" || fail "roster lacks '$fact'"
done
# The header is bold 宋体 and bordered; an ID cell is text.
grep -q "^cell	M3	s	General	宋体	11.0	1	thin	身份证号$" "$T/dump" || fail "header cell M3"
grep -q "^cell	M4	s	@	宋体	11.0	0	thin	[0-9]\{17\}[0-9X]$" "$T/dump" || fail "ID cell M4 not 18-char text"

# Every data cell looks as its column's kind asks (core/xlsxout.c cell_style):
# T free text ("@", indented, wrapped), C centred text ("@": IDs, 户编号,
# phone), N integer ("0", centred), M money ("#,##0.00").  Kinds that look
# alike share one format (issue 14, for speed): that must change no cell.
/usr/bin/python3 tests/tools/xlsx_cells.py "$T/r.xlsx" > "$T/cells" || fail "xlsx_cells"
awk -F'\t' '$1 == "花名册" && $2 ~ /^[A-Z]+[0-9]+$/ {
    r = $2; sub(/^[A-Z]+/, "", r)
    if (r + 0 < 4) next
    c = "?"
    if ($5 == "@" && $13 == "1.0" && $14 == "True") c = "T"
    else if ($5 == "@" && $11 == "center") c = "C"
    else if ($5 == "0" && $11 == "center") c = "N"
    else if ($5 == "#,##0.00" && $11 == "None") c = "M"
    row[r] = row[r] c
} END { for (r in row) print row[r] }' "$T/cells" | sort -u > "$T/looks"
[ "$(cat "$T/looks")" = NTTTTCTNCTTTCTNTTTTTTTNTTTTNTTTTTTCMMMMMMMMMMMTTTTN ] ||
    fail "roster cell formats: $(cat "$T/looks")"

# Filters: a township and two statuses (codes of 在册 and 已脱贫).
town=$(sql "$T/d.db" "select code from areas where level=2 order by code limit 1")
expect_rc 0 "$FUPIN" export roster --db "$T/d.db" --area "$town" --status 在册,已脱贫 -o "$T/r2.xlsx"
$PY tests/export_check.py roster "$T/d.db" "$T/r2.xlsx" 2026-03-05 "$town" 8,11,12,13,14,15,16 ||
    fail "filtered roster differs"
village=$(sql "$T/d.db" "select code from areas where level=3 order by code desc limit 1")
expect_rc 0 "$FUPIN" export roster --db "$T/d.db" --area "$village" --status exited -o "$T/r3.xlsx"
$PY tests/export_check.py roster "$T/d.db" "$T/r3.xlsx" 2026-03-05 "$village" 15 已脱贫户名单 ||
    fail "village/exited roster differs"
# Other states only when asked, and the title says which.
expect_rc 0 "$FUPIN" export roster --db "$T/d.db" --status 未通过 -o "$T/r4.xlsx"
$PY tests/export_check.py roster "$T/d.db" "$T/r4.xlsx" 2026-03-05 "" 9 2026年未通过户名单 ||
    fail "未通过 list differs"
expect_rc 0 "$FUPIN" export roster --db "$T/d.db" --status 全部 -o "$T/r5.xlsx"
$PY tests/export_check.py roster "$T/d.db" "$T/r5.xlsx" 2026-03-05 "" "$(seq -s, 0 17)" 2026年全部农户名单 ||
    fail "全部 roster differs"

# The summary: per village, 小计, 合计 against SQL; charts present.
expect_rc 0 "$FUPIN" export summary --db "$T/d.db" -o "$T/s.xlsx"
expect_grep "已导出汇总表" "$T/out"
$PY tests/export_check.py summary "$T/d.db" "$T/s.xlsx" 2026-03-05 || fail "summary differs"
$PY tests/xlsx_read.py "$T/s.xlsx" > "$T/sdump"
grep -q "^charts	3$" "$T/sdump" || fail "统计图 should carry 3 charts: $(grep ^chart "$T/sdump")"
grep -q "^chart	barChart	贫困户按主要致贫原因分布（户）$" "$T/sdump" || fail "cause chart"
grep -q "^chart	barChart	各村贫困户户数和人数$" "$T/sdump" || fail "village chart"
grep -q "^chart	barChart	各年度已脱贫户数$" "$T/sdump" || fail "exit-year chart"
expect_rc 0 "$FUPIN" export summary --db "$T/d.db" --area "$town" -o "$T/s2.xlsx"
$PY tests/export_check.py summary "$T/d.db" "$T/s2.xlsx" 2026-03-05 "$town" || fail "summary of $town"

# Errors: usage (2) and data/IO (3), one line; no file left behind.
expect_rc 2 "$FUPIN" export roster --db "$T/d.db"
expect_rc 2 "$FUPIN" export roster --db "$T/d.db" --status 不存在 -o "$T/x.xlsx"
expect_grep "状态" "$T/err"
expect_rc 2 "$FUPIN" export roster --db "$T/d.db" --area 999999 -o "$T/x.xlsx"
expect_grep "999999" "$T/err"
expect_rc 2 "$FUPIN" export summary --db "$T/d.db" --arae 450123 -o "$T/x.xlsx"
expect_rc 3 "$FUPIN" export roster --db "$T/d.db" -o "$T/no/such/dir/x.xlsx"
[ "$(wc -l < "$T/err")" = 1 ] || fail "unwritable path: not one line: $(cat "$T/err")"
expect_rc 3 "$FUPIN" export roster --db "$T/missing.db" -o "$T/x.xlsx"
[ ! -e "$T/x.xlsx" ] || fail "a failed export left $T/x.xlsx"
ls "$T" | grep -q '\.tmp$' && fail "temp file left: $(ls "$T")"

# Exports never modify the database.
[ "$(sha256sum < "$T/d.db")" = "$sum_before" ] || fail "export modified the database"

# A larger file: 3 000 households (~11 000 members), row count and every 199th row
# (county scale, 100 000 households, is make bench: tests/bench/bench_export.sh).
expect_rc 0 "$FUPIN" demo --db "$T/big.db" --households 3000 --seed 3
expect_rc 0 "$FUPIN" export roster --db "$T/big.db" -o "$T/big.xlsx"
$PY tests/export_check.py sample "$T/big.db" "$T/big.xlsx" 2026-03-05 199 || fail "large roster"
exit 0
