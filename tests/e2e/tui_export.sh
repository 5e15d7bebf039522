# 报表导出 (main menu 8) driven in tmux: the default status is the CLI's (the
# register) and the title shown is the one the file gets, as the CLI writes
# it; the roster of one township with a status filter, written to a path
# typed by the clerk, progress then the path;
# the summary with the default file name beside the database; both files read
# back.
. tests/e2e/lib.inc
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null || { echo "python3-openpyxl not installed"; exit 77; }
export FUPIN_TODAY=2026-03-05
DB=$T/d.db
"$FUPIN" demo --db "$DB" --households 300 --seed 1 >/dev/null 2>&1 || fail "demo"
town=$(sql "$DB" "select code from areas where level=2 order by code limit 1")
townname=$(sql "$DB" "select name from areas where code='$town'")
tui_start "$DB"
wait_for "主菜单"

k 8; wait_for "报表导出"
wait_for "贫困户花名册"
# The default: the register, titled as `fupin export roster` titles it.
wait_for "状态: 在册,已脱贫"
expect_rc 0 "$FUPIN" export roster --db "$DB" -o "$T/cli.xlsx"
cli_title=$($PY tests/xlsx_read.py "$T/cli.xlsx" | awk -F'\t' '$1 == "cell" && $2 == "A1" { print $9; exit }')
[ "$cli_title" = "隆安县2026年贫困户花名册" ] || fail "CLI title $cli_title"
wait_for "标题: $cli_title"
k 1; wait_for "保存为"
k C-u "$T/roster_all.xlsx" Enter
wait_for "导出完成" 30
k Enter
$PY tests/export_check.py roster "$DB" "$T/roster_all.xlsx" 2026-03-05 || fail "default roster from the screen differs"
k Down; wait_for "标题: 隆安县2026年扶贫对象汇总表（在册及已脱贫户）"
k Up; wait_for "标题: $cli_title"
# Area: pick the township from the list (filter by its code).
k a; wait_for "选择导出区域"
k "$town"; k Enter
wait_for "区域: $townname"
# Status: 在册 (second entry of the list).
k s; wait_for "花名册状态"
k Down; k Enter
wait_for "状态: 在册$"
wait_for "标题: ${townname}2026年在册户名单"
# Roster: the default name is offered; replace it with our own path.
k 1; wait_for "保存为"
k C-u "$T/roster_town.xlsx" Enter
wait_for "导出完成" 30
wait_for "roster_town.xlsx"
k Enter
[ -f "$T/roster_town.xlsx" ] || fail "roster file not written"
$PY tests/export_check.py roster "$DB" "$T/roster_town.xlsx" 2026-03-05 "$town" 8,11,12,13,14,16 在册户名单 ||
    fail "roster from the screen differs"

# Summary with the default name: beside the database, area and date in it.
k 2; wait_for "保存为"
wait_for "汇总表_${townname}_20260305.xlsx"
k Enter
wait_for "导出完成" 30
k Enter
f="$T/汇总表_${townname}_20260305.xlsx"
[ -f "$f" ] || fail "summary not at the default path: $(ls "$T")"
$PY tests/export_check.py summary "$DB" "$f" 2026-03-05 "$town" || fail "summary from the screen differs"

# A path that cannot be written: a clear red message, no crash.
k 1; wait_for "保存为"
k C-u "$T/no/such/dir/x.xlsx" Enter
wait_for "导出失败"
k Enter
# Ten kinds, one digit each: 0 is the tenth (监测对象名单), listed as "0.".
wait_for " 0. 监测对象名单"
k 0; wait_for "保存为"
k Enter
wait_for "已导出监测对象名单" 30
k Enter
ls "$T"/监测对象名单*.xlsx >/dev/null 2>&1 || fail "0 did not export the 监测对象名单: $(ls "$T")"
k Escape; wait_for "主菜单"
exit 0
