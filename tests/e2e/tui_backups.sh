# Automatic backups and restore (issue 13 item 5): a session that changed
# anything leaves a backup in backups/ beside the database on exit (0600,
# the folder 0700), the last N kept (数据维护 → 自动备份保留份数); 数据维护 →
# 从备份恢复 asks, backs up the current state, then restores.
. tests/e2e/lib.inc
DB=$T/d.db
"$FUPIN" init --db "$DB" --county 450123 隆安县 --township 450123101 古潭乡 \
    --village 450123101001 那门村 >/dev/null || fail init
nb() { ls "$T/backups" 2>/dev/null | grep -c '^d-[0-9]\{8\}-[0-9]\{6\}\.db$'; }
application() {   # NAME ID PHONE: keys and saves a 申请书
    k 1; wait_for "农村扶贫对象家庭申请书"
    k Enter Enter; k 第一组 Enter; k "$1" Enter; k "$2"; k "$3"
    k yb Enter; k Enter Enter; k 20261120; k Enter Enter; k 1
    k F2; wait_for "已保存"; k Escape; wait_for "主菜单"
}
quit() { k q y; wait_for "FUPIN-EXITED-0"; tx kill-server; }

tui_start "$DB"
wait_for "主菜单"; application 覃明 450123198503021234 13907711234; quit
[ "$(nb)" = 1 ] || fail "no backup on exit: $(ls -la "$T" "$T/backups" 2>&1)"
b1=$(ls "$T"/backups/d-*.db)
[ "$(stat -c %a "$b1")" = 600 ] || fail "backup not 0600"
[ "$(stat -c %a "$T/backups")" = 700 ] || fail "backups folder not 0700"
[ "$(sqlite3 "$b1" "select group_concat(name) from members")" = 覃明 ] || fail "backup content"

# Nothing changed: no new backup.
tui_start "$DB"; wait_for "主菜单"; quit
[ "$(nb)" = 1 ] || fail "a session without changes made a backup"

# Keep 2: after three more changing sessions, the two newest remain.
tui_start "$DB"; wait_for "主菜单"
k 0; wait_for "数据维护"; k 7; wait_for "保留最近几份"; k C-u 2 Enter; k Escape; quit
for i in 1 2; do
    tui_start "$DB"; wait_for "主菜单"
    k 9; k 6; k C-u 1$i Enter; k Escape; quit     # 公示天数 11, 12: a change
done
[ "$(nb)" = 2 ] || fail "keep 2: $(ls "$T/backups")"
newest=$(ls "$T"/backups/d-*.db | tail -n 1)
[ "$(sqlite3 "$newest" "select value from settings where key='notice.days'")" = 12 ] || fail "newest backup is not the last state"

# Restore: a household saved after the newest backup goes away with the
# restore, and comes back in the backup made just before it.
tui_start "$DB"; wait_for "主菜单"
application 蔺小红 450123198706150028 13907715678
k 0; wait_for "数据维护"; k 6; wait_for "用哪个备份文件恢复"
wait_for "$(basename "$newest")"
k Enter; wait_for "确定恢复吗"; k n; wait_for "数据维护"     # Enter = 否: nothing happens
[ "$(sqlite3 "$DB" "select count(*) from members")" = 2 ] || fail "declined restore changed data"
k 6; wait_for "用哪个备份文件恢复"; k Enter; wait_for "确定恢复吗"; k y
wait_for "恢复完成"; k Enter; k Escape; wait_for "主菜单"
k 2; wait_for "覃明"; not_on_screen "蔺小红"; k Escape
quit
[ "$(sqlite3 "$DB" "select group_concat(name) from members")" = 覃明 ] || fail "not restored"
[ "$(sqlite3 "$DB" "pragma integrity_check")" = ok ] || fail "integrity after restore"
found=0
for b in "$T"/backups/d-*.db; do
    [ "$(sqlite3 "$b" "select count(*) from members where name='蔺小红'")" = 1 ] && found=1
done
[ $found = 1 ] || fail "the state before the restore was not backed up"
exit 0
