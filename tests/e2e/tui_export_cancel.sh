# 报表导出: Esc cancels in every phase of every export of the screen, leaving
# no file (issue 14): while the database is read (正在读取数据: the summary's
# scan, the counts), while rows are written, and while 正在压缩
# shows (the compression runs in a child process).  Test hooks stretch the
# phases of a small file: FUPIN_TEST_QUERY_SLOW_MS slows every millisecond of
# query work, FUPIN_TEST_CLOSE_PAUSE_MS holds the compressor, and Esc must not
# wait for either.
. tests/e2e/lib.inc
export FUPIN_TODAY=2026-03-05 FUPIN_TEST_CLOSE_PAUSE_MS=20000 FUPIN_TEST_QUERY_SLOW_MS=10
DB=$T/d.db
"$FUPIN" demo --db "$DB" --households 1000 --seed 1 >/dev/null 2>&1 || fail "demo"
tui_start "$DB"
wait_for "主菜单"
k 8; wait_for "报表导出"

# cancel KEY FILE SHOWN: export KEY of the screen to FILE, press Esc once
# SHOWN (a pattern of the progress line) is on screen; the export stops at
# once and leaves nothing.
cancel() {
    k "$1"; wait_for "保存为"
    k C-u "$T/$2" Enter
    wait_for "$3" 60
    start=$(date +%s)
    k Escape
    wait_for "已取消导出，未保存文件" 5
    [ $(( $(date +%s) - start )) -lt 5 ] || fail "export $1: Esc at '$3' waited"
    ls "$T" | grep -q "^$2" && fail "export $1 at '$3' left behind: $(ls "$T")"
    return 0
}
#      key file        phase shown
while read -r key file shown; do
    cancel "$key" "$file" "$shown"
done <<'TABLE'
1 rows.xlsx 已写入.[0-9]*./.[1-9]
1 zip.xlsx 正在压缩
2 sumq.xlsx 正在读取数据.[0-9]*./.[1-9]
2 sumz.xlsx 正在压缩
3 ledger.xlsx 正在压缩
4 proj.xlsx 正在压缩
5 resz.xlsx 正在压缩
TABLE
k Escape; wait_for "主菜单"
k q y
wait_for "FUPIN-EXITED-0"
