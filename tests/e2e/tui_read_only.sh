# Read-only (issue 13 item 5): `--read-only`, and a file on a read-only
# medium opened without it, shows 【只读】 and lets the clerk view, search
# and export; every write the clerk tries is refused with a message saying
# why, and the file is not changed by a single byte.
. tests/e2e/lib.inc
DB=$T/d.db
"$FUPIN" init --db "$DB" --county 450123 隆安县 --township 450123101 古潭乡 \
    --village 450123101001 那门村 >/dev/null || fail init
cp "$DB" "$T/orig.db"

# The table of actions: each write refused with the reason, each read works.
actions() {
    wait_for "主菜单"; wait_for "【只读】"; wait_for "可以查看、查询和导出"
    # 新增申请, F2: refused, the form stays
    k 1; wait_for "农村扶贫对象家庭申请书"
    k Enter Enter; k 第一组 Enter; k 覃明 Enter; k 450123198503021234; k 13907711234
    k yb Enter; k Enter Enter; k 20261120; k Enter Enter; k 1
    not_on_screen "草稿未能保存"           # no draft is tried: nothing can be written
    k F2; wait_for "保存失败"; wait_for "只读"
    k Enter; wait_for "450123198503021234"
    k Escape; wait_for "保存修改吗"; k n; wait_for "主菜单"
    # 基础设置 → 公示天数: refused
    k 9; wait_for "基础设置"; k 6; k C-u 12 Enter; wait_for "只读，不能保存"
    k Enter; k Escape; wait_for "主菜单"
    # 数据维护 → 备份 elsewhere: works (it only reads)
    k 0; wait_for "数据维护"; k 2; wait_for "备份文件"; k C-u; k "$1/b.db" Enter
    wait_for "备份完成"; k Enter; k Escape; wait_for "主菜单"
    [ "$(sqlite3 "$1/b.db" "select count(*) from areas")" = 3 ] || fail "backup from read-only"
    # 报表导出 → 花名册 elsewhere: works
    k 8; wait_for "报表导出"; k 1; wait_for "保存为"; k C-u; k "$1/r.xlsx" Enter
    wait_for "导出完成"; k Enter; k Escape; wait_for "主菜单"
    [ -s "$1/r.xlsx" ] || fail "export from read-only"
    k q y; wait_for "FUPIN-EXITED-0"
}

# 1. asked for: --read-only on a writable file
tui_start "$DB" --read-only
mkdir "$T/out1"; actions "$T/out1"
cmp -s "$DB" "$T/orig.db" || fail "--read-only changed the file"
[ -e "$DB-wal" ] && fail "--read-only left a WAL"

# 2. found: the file on a read-only medium, no flag (root only: a tmpfs
#    remounted read-only; root ignores file modes, so chmod cannot show it)
if mkdir "$T/ro" && mount -t tmpfs -o size=2m tmpfs "$T/ro" 2>/dev/null; then
    trap 'tx kill-server 2>/dev/null; umount "$T/ro" 2>/dev/null; rm -rf "$T"' EXIT
    cp "$DB" "$T/ro/d.db"
    mount -o remount,ro "$T/ro" || fail "remount ro"
    tx kill-server
    tui_start "$T/ro/d.db"
    mkdir "$T/out2"; actions "$T/out2"
    cmp -s "$T/ro/d.db" "$T/orig.db" || fail "read-only medium file changed"
    # a write command says so and points to the read-only way to look
    printf '户编号\n' >"$T/a.csv"
    expect_rc 3 "$FUPIN" import csv --db "$T/ro/d.db" "$T/a.csv"
    expect_grep "只读" "$T/err"
    umount "$T/ro"
else
    echo "(cannot mount a tmpfs here: the read-only medium part skipped)"
fi
exit 0
