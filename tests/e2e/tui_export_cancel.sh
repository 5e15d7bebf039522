# 报表导出: Esc cancels in every phase of an export, leaving no file (issue
# 14): while rows are written, and while 正在压缩 shows (the compression runs
# in a child process; FUPIN_TEST_CLOSE_PAUSE_MS holds it there long enough
# for the key, and Esc must not wait for it).  The same for the summary.
. tests/e2e/lib.inc
export FUPIN_TODAY=2026-03-05 FUPIN_TEST_CLOSE_PAUSE_MS=20000
DB=$T/d.db
"$FUPIN" demo --db "$DB" --households 3000 --seed 1 >/dev/null 2>&1 || fail "demo"
no_file() {
    ls "$T" | grep -q "^$1" && fail "left behind: $(ls "$T")"
    return 0
}
tui_start "$DB"
wait_for "主菜单"
k 8; wait_for "报表导出"

# Rows: the bar shows a total at once; Esc stops the writing.
k 1; wait_for "保存为"
k C-u "$T/rows.xlsx" Enter
wait_for "已写入 [0-9]* / [1-9]"
k Escape
wait_for "已取消导出，未保存文件" 30
no_file rows.xlsx

# 正在压缩: Esc is read and the compressor stopped (the pause is 20 s).
k 1; wait_for "保存为"
k C-u "$T/zip.xlsx" Enter
wait_for "正在压缩" 60
start=$(date +%s)
k Escape
wait_for "已取消导出，未保存文件" 5
[ $(( $(date +%s) - start )) -lt 5 ] || fail "Esc waited for the compression"
no_file zip.xlsx

# The summary: the same while 正在压缩.
k 2; wait_for "保存为"
k C-u "$T/sum.xlsx" Enter
wait_for "正在压缩" 60
k Escape
wait_for "已取消导出，未保存文件" 5
no_file sum.xlsx
k Escape; wait_for "主菜单"
k q y
wait_for "FUPIN-EXITED-0"
