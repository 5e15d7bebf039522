# 打印纸张 (基础设置 0), as a clerk sets it: A4 at first; Enter/0 switches to A3,
# stored in the file; the roster exported from the screen afterwards and from
# the command line is laid out for A3; `--paper A4` on the command line beats
# the setting (core/xlsxout.h has the layout rule; print_exports.sh measures
# the printed size through LibreOffice).
. tests/e2e/lib.inc
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null || { echo "python3-openpyxl not installed"; exit 77; }
export FUPIN_TODAY=2026-03-05
DB=$T/d.db
expect_rc 0 "$FUPIN" demo --db "$DB" --households 40 --seed 2
paper_of() { $PY tests/xlsx_read.py "$1" 花名册 | awk -F'\t' '$1 == "paper" { print $2; exit }'; }

expect_rc 0 "$FUPIN" export roster --db "$DB" -o "$T/default.xlsx"
[ "$(paper_of "$T/default.xlsx")" = 9 ] || fail "a new file's roster is not on A4"

tui_start "$DB"
wait_for "主菜单"
k 9; wait_for "基础设置"; wait_for "0\. 打印纸张.*A4"
k 0; wait_for "0\. 打印纸张.*A3"
k Escape; wait_for "主菜单"
[ "$(sqlite3 "$DB" "SELECT value FROM settings WHERE key = 'print.paper'")" = A3 ] ||
    fail "paper setting not stored"
# The same session's export screen follows the setting at once.
k 8; wait_for "报表导出"; wait_for "贫困户花名册"
k 1; wait_for "保存为"
k C-u "$T/screen.xlsx" Enter
wait_for "导出完成" 30
k Enter; k Escape; wait_for "主菜单"
k q y; wait_for "FUPIN-EXITED-0"
[ "$(paper_of "$T/screen.xlsx")" = 8 ] || fail "roster from the screen not on A3 after the setting"

expect_rc 0 "$FUPIN" export roster --db "$DB" -o "$T/a3.xlsx"
[ "$(paper_of "$T/a3.xlsx")" = 8 ] || fail "command-line roster ignores the A3 setting"
expect_rc 0 "$FUPIN" export roster --db "$DB" --paper A4 -o "$T/a4.xlsx"
[ "$(paper_of "$T/a4.xlsx")" = 9 ] || fail "--paper A4 does not beat the setting"
expect_rc 2 "$FUPIN" export ledger --db "$DB" --paper -o "$T/x.xlsx"
expect_grep "纸张应为 A4 或 A3" "$T/err"
echo "ok: paper setting on the screen, followed by screen and command line, --paper beats it"
