# 公示 notices read as notices (issue 12 item 7): every notice of a demo
# database exported on the command line and read back with openpyxl
# (tests/notice_check.py: sheet name per round and kind, a large bold title,
# the opening sentence with round and period, the stamp and date lines);
# then printed through LibreOffice: A4, body at 8 pt or more, the title
# printed larger than the body.
. tests/e2e/lib.inc
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null || { echo "python3-openpyxl not installed"; exit 77; }
DB=$T/d.db
"$FUPIN" demo --db "$DB" --households 60 --seed 3 >/dev/null 2>&1 || fail "demo"
n=0
for id in $(sql "$DB" "select id from notices where deleted = 0 order by id"); do
    row=$(sql "$DB" "select kind, round, start_date, end_date, publisher from notices where id = $id")
    IFS='|' read -r kind round start end publisher <<ROW
$row
ROW
    expect_rc 0 "$FUPIN" export notice --db "$DB" --notice "$id" -o "$T/n$id.xlsx"
    $PY tests/notice_check.py "$T/n$id.xlsx" "$kind" "$round" "$start" "$end" "$publisher" ||
        fail "notice $id (kind $kind, round $round) does not read as a notice"
    n=$((n + 1))
done
[ "$n" -ge 4 ] || fail "demo has only $n notices"

# Print: the first identification, exit and project notices.
pick() { sql "$DB" "select min(id) from notices where kind = $1"; }
files="$T/n$(pick 1).xlsx $T/n$(pick 2).xlsx $T/n$(pick 4).xlsx"
python3 tests/tools/pdf_measure.py --keep "$T" $files >"$T/pdf" 2>"$T/pdferr"
rc=$?
[ $rc = 2 ] && { echo "skipped: soffice/pdftotext missing, notice print not measured"; exit 0; }
[ $rc = 0 ] || fail "pdf_measure: $(cat "$T/pdf" "$T/pdferr")"
cat "$T/pdf"
python3 - "$T" $files <<'PY' || fail "notice print"
# The title has digits (the year), which pdf_measure does not size: compare
# the printed height of its word with the body's ideograph words instead.
import os, statistics, subprocess, sys
sys.path.insert(0, "tests/tools")
from pdf_measure import WORD, is_ideograph, measure_pdf
bad = 0
for xlsx in sys.argv[2:]:
    pdf = os.path.join(sys.argv[1], os.path.splitext(os.path.basename(xlsx))[0] + ".pdf")
    pages, paper, sizes = measure_pdf(pdf)
    words = WORD.findall(subprocess.run(["pdftotext", "-bbox", "-l", "1", pdf, "-"],
                                        capture_output=True, text=True).stdout)
    height = lambda w: float(w[3]) - float(w[1])
    body_h = statistics.median(height(w) for w in words if all(is_ideograph(c) for c in w[4]))
    title_h = max(height(w) for w in words if w[4].endswith("名单"))
    ratio = title_h / body_h
    print("%s paper=%s min_pt=%.1f body_pt=%.1f title/body=%.2f"
          % (xlsx, paper, min(sizes), statistics.median(sizes), ratio))
    if not paper.startswith("A4") or min(sizes) < 8 or ratio < 1.4:
        print("FAIL: want A4, min_pt >= 8, the title at least 1.4 x the body")
        bad = 1
sys.exit(bad)
PY
exit 0
