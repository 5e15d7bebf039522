# The summary's charts print (issue 12 item 5): one chart to a printed page,
# whole, with its labels; the causes top-down 因病 … 其他; villages 15 to a
# chart.  Read back with openpyxl (page breaks, anchors, the cause chart's
# axes: tests/chart_pages.py xlsx), then printed through LibreOffice and read
# from the PDF (tests/chart_pages.py pdf); skipped with a line where soffice
# is missing.  Two areas: the 2-village demo and the same households spread
# over 18 villages (two village charts).
. tests/e2e/lib.inc
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null || { echo "python3-openpyxl not installed"; exit 77; }
export FUPIN_TODAY=2026-03-05
expect_rc 0 "$FUPIN" demo --db "$T/d.db" --households 300 --seed 1
cp "$T/d.db" "$T/many.db"
sql "$T/many.db" "WITH RECURSIVE n(i) AS (SELECT 3 UNION ALL SELECT i + 1 FROM n WHERE i < 18)
    INSERT INTO areas(code, level, name, parent) SELECT '450123200' || (200 + i), 3,
    substr('东西南北上下大小林合平安福新民联', i - 2, 1) || '岭村', '450123200' FROM n;
    UPDATE households SET village = '450123200' || (201 + id % 18);"
for db in d many; do
    expect_rc 0 "$FUPIN" export summary --db "$T/$db.db" -o "$T/$db.xlsx"
    $PY tests/chart_pages.py xlsx "$T/$db.xlsx" >"$T/check" || fail "$db: $(cat "$T/check")"
done
grep -q "各村贫困户户数和人数（2/2）" "$T/check" || fail "18 villages: not two village charts: $(cat "$T/check")"

if ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; then
    echo "export_summary_print: skipped the printed check (soffice or pdftotext missing)"
    exit 0
fi
python3 tests/tools/pdf_measure.py --keep "$T/pdf" "$T/d.xlsx" "$T/many.xlsx" >"$T/measure" ||
    fail "LibreOffice: $(cat "$T/measure")"
for db in d many; do
    python3 tests/chart_pages.py pdf "$T/pdf/$db.pdf" "$T/$db.db" >"$T/check" || fail "$db printed: $(cat "$T/check")"
done
cat "$T/measure"
