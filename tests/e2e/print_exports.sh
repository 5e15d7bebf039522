# Readable on paper (issue 12 item 1): each export is printed through a real
# client — LibreOffice converts it to PDF (tests/tools/pdf_measure.py) — and the
# printed text size and paper are measured.  Fails when any text prints below
# 8 pt or the paper is not the one the layout rule gives (core/xlsxout.h).
# Skipped with a clear line when soffice/pdftotext are missing, and in the
# sanitizer run (LibreOffice is slow and the C code is the same).
. tests/e2e/lib.inc
case "$FUPIN" in
*build-san*) echo "skipped: sanitizer build (the print check runs in the plain build)"; exit 77 ;;
esac
export FUPIN_TODAY=2026-03-05
MIN_PT=8.0

# One row per export and paper setting: the export, the --paper asked for,
# the paper page 1 must print on ("A3|A4" = either: the layout rule keeps a
# table that fits A4 on A4 even where A3 is allowed).  Add rows here.
ROWS="
roster   A4 A4横向
roster   A3 A3横向
ledger   A4 A4横向
ledger   A3 A3横向|A4横向
projects A4 A4横向
projects A3 A3横向|A4横向
summary  A4 A4横向
summary  A3 A3横向|A4横向
resurvey A4 A4横向
resurvey A3 A4横向
"

expect_rc 0 "$FUPIN" demo --db "$T/d.db" --households 120 --seed 3
files=""
echo "$ROWS" | while read -r kind paper _want; do
    [ -n "$kind" ] || continue
    "$FUPIN" export "$kind" --db "$T/d.db" --paper "$paper" -o "$T/${kind}_$paper.xlsx" >"$T/out" 2>&1 ||
        { echo "FAIL: export $kind --paper $paper: $(cat "$T/out")"; exit 1; }
done || exit 1
# A wrong --paper is a usage error, not a silent A4.
expect_rc 2 "$FUPIN" export roster --db "$T/d.db" --paper B5 -o "$T/x.xlsx"
expect_grep "纸张应为 A4 或 A3" "$T/err"

for kind_paper in $(echo "$ROWS" | awk 'NF { print $1 "_" $2 }'); do
    files="$files $T/$kind_paper.xlsx"
done
export FUPIN_LO_PROFILE="${FUPIN_LO_PROFILE:-$T/lo-profile}"
# shellcheck disable=SC2086
python3 tests/tools/pdf_measure.py $files >"$T/measure" 2>"$T/measure_err"
rc=$?
if [ $rc = 2 ]; then
    echo "skipped: soffice missing (install libreoffice-calc-nogui poppler-utils fonts-noto-cjk: .ci/deps.sh)"
    exit 0
fi
[ $rc = 0 ] || fail "pdf_measure exited $rc: $(cat "$T/measure" "$T/measure_err")"
cat "$T/measure"

bad=0
echo "$ROWS" | { while read -r kind paper want; do
    [ -n "$kind" ] || continue
    line=$(grep -F "/${kind}_$paper.xlsx " "$T/measure")
    got_paper=$(echo "$line" | sed -n 's/.* paper=\([^ ]*\) .*/\1/p')
    min=$(echo "$line" | sed -n 's/.* min_pt=\([0-9.]*\).*/\1/p')
    if [ -z "$min" ]; then
        echo "FAIL: $kind --paper $paper not measured: $line"; bad=1; continue
    fi
    if ! echo "|$want|" | grep -qF "|$got_paper|"; then
        echo "FAIL: $kind --paper $paper printed on $got_paper, want $want"; bad=1
    fi
    if awk -v m="$min" -v f="$MIN_PT" 'BEGIN { exit !(m < f) }'; then
        echo "FAIL: $kind --paper $paper prints at $min pt, below $MIN_PT pt"; bad=1
    fi
done; exit $bad; } || fail "exports do not print readably (table above)"
echo "ok: every export prints at $MIN_PT pt or more on the paper asked for"
