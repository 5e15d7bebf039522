# Every export from the screens and the backup say where the file went, the
# whole full path, on the smallest screen the program runs in, 80x24 (60x15 shows
# 窗口太小) (issue 12 item 8): the notice (公示管理 x),
# the aid ledger (帮扶记录卡 F9), a report (报表导出) and the backup (数据维护),
# each saved under a bare name into a deep folder; the dialog's text, its
# wrapped lines joined, holds the file's absolute path.
. tests/e2e/lib.inc
export FUPIN_TODAY=2026-12-02
dir=$T/古潭乡扶贫工作站数据/二〇二六年/村级
mkdir -p "$dir"
DB=$dir/d.db
"$FUPIN" demo --db "$DB" --households 30 --seed 7 >/dev/null || fail demo
IDNO=$(sql "$DB" "SELECT m.id_no FROM households h JOIN members m ON m.household_id = h.id AND m.ordinal = 0
      JOIN assignments a ON a.household_id = h.id AND a.to_date IS NULL WHERE h.deleted = 0 ORDER BY h.id LIMIT 1")
tui_start "$DB"
tx resize-window -t t -x 80 -y 24; sleep 0.3
wait_for "主菜单"
# shows_path FILE: the dialog on screen, its lines joined, names FILE in full.
shows_path() {
    # The box's sides are drawn with ACS lines, captured as 'x' (or '│').
    joined=$(screen | sed -n 's/^ *[x│] \(.*\) [x│] *$/\1/p' | sed 's/ *$//' | tr -d '\n')
    echo "$joined" | grep -qF -- "$1" || { screen; fail "the dialog does not show the whole path $1: $joined"; }
    [ -f "$1" ] || fail "$1 not written"
}
k 4; wait_for "公示管理"
k Enter; sleep 0.5; k x; wait_for "导出公示名单"; k C-u 公示名单第一榜.xlsx Enter
wait_for "导出完成"; shows_path "$dir/公示名单第一榜.xlsx"; k Enter
k Escape; k Escape; wait_for "主菜单"
k 5; wait_for "户主姓名"
k "$IDNO" Enter; wait_for "帮扶责任人"
k F9; wait_for "本村全部帮扶记录"; k C-u 本村帮扶台账.xlsx Enter
wait_for "导出完成"; shows_path "$dir/本村帮扶台账.xlsx"; k Enter
k Escape; wait_for "主菜单"
k 8; wait_for "报表导出"
k 2; wait_for "保存为"; k C-u 汇总表.xlsx Enter
wait_for "导出完成" 30; shows_path "$dir/汇总表.xlsx"; k Enter
k Escape; wait_for "主菜单"
k 0; wait_for "备份数据库"; k 2; wait_for "备份文件"; k C-u 备份.db Enter
wait_for "备份完成"; shows_path "$dir/备份.db"; k Enter
k Escape; wait_for "主菜单"
k q y; wait_for "FUPIN-EXITED-0"
echo "ok: the whole path shown at 80x24"
