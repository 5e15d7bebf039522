# Nothing keyed is lost: the process is killed (SIGKILL, as a power cut or a
# closed terminal would) in the middle of an application; on restart the
# draft is offered back with every field that had been left.
. tests/e2e/lib.inc
DB=$T/d.db
"$FUPIN" init --db "$DB" --county 450123 隆安县 --township 450123101 古潭乡 --village 450123101001 那门村 >/dev/null || fail init
tui_start "$DB"
wait_for "主菜单"
k 1; wait_for "农村扶贫对象家庭申请书"
k Enter Enter; k 那况屯 Enter; k 蔺小红 Enter; k 450123198706150028
k 13907715678; k yz Enter
wait_for "因灾"
k 房屋被洪水冲毁   # typed but the field not yet left: this one may be lost
pid=$(pgrep -f "^$FUPIN --db $DB" | head -n 1)
[ -n "$pid" ] || fail "fupin not running"
kill -9 "$pid"
wait_for "FUPIN-EXITED-137"
[ "$(sqlite3 "$DB" "select count(*) from drafts")" = 1 ] || fail "no draft written"
[ "$(sqlite3 "$DB" "select count(*) from households")" = 0 ] || fail "a draft must not be a saved household"
[ "$(sqlite3 "$DB" "pragma integrity_check")" = ok ] || fail "integrity after kill"

tx kill-server
tui_start "$DB"
wait_for "主菜单"
k 1; wait_for "发现未保存的草稿"
wait_for "蔺小红"
k y
wait_for "450123198706150028"
wait_for "那况屯"
wait_for "13907715678"
wait_for "因灾"
k F2; wait_for "已保存"
k Escape; k q y; wait_for "FUPIN-EXITED-0"
[ "$(sqlite3 "$DB" "select name||id_no from members")" = 蔺小红450123198706150028 ] || fail "recovered record not saved"
[ "$(sqlite3 "$DB" "select count(*) from drafts")" = 0 ] || fail "draft not cleared after save"

# Declining a draft discards it.
tx kill-server
tui_start "$DB"
wait_for "主菜单"; k 1; k Enter Enter; k 某某 Enter
pid=$(pgrep -f "^$FUPIN --db $DB" | head -n 1); kill -9 "$pid"; wait_for "FUPIN-EXITED-137"
tx kill-server
tui_start "$DB"
wait_for "主菜单"; k 1; wait_for "发现未保存的草稿"; k n
wait_for "户主: (未填)"
[ "$(sqlite3 "$DB" "select count(*) from drafts")" = 0 ] || fail "declined draft kept"
exit 0
