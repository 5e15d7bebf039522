# The file under the workstation (issue 13 item 3): the database file is
# replaced (mv other.db over it) or deleted while a form is open.  F2 must
# say so and keep the form; the replacement must never meet the
# workstation's WAL: it passes integrity_check and is byte-for-byte the same
# after a command run in between and after the workstation exits.
. tests/e2e/lib.inc
DB=$T/d.db
init() { "$FUPIN" init --db "$1" --county 450123 隆安县 --township 450123101 古潭乡 \
           --village 450123101001 那门村 >/dev/null || fail "init $1"; }
init "$DB"
# A first save in this session, so the WAL holds frames when the file goes.
keyed_form() {
    wait_for "主菜单"
    k 1; wait_for "农村扶贫对象家庭申请书"
    k Enter Enter; k 第一组 Enter; k 覃明 Enter; k 450123198503021234; k 13907711234
    k yb Enter; k Enter Enter; k 20261120; k Enter Enter; k 1
    k F2; wait_for "已保存"
    k Escape; wait_for "主菜单"
    k 1; wait_for "农村扶贫对象家庭申请书"
    k Enter Enter; k 第二组 Enter; k 蔺小红 Enter; k 450123198706150028; k 13907715678
    k yz Enter; wait_for "因灾"
}

# ---- replaced: mv other.db over it, a command in between, then F2 ----
"$FUPIN" demo --db "$T/other.db" --households 3 >/dev/null || fail demo
cp "$T/other.db" "$T/other.orig"
tui_start "$DB"
keyed_form
[ -s "$DB-wal" ] || fail "test premise: the workstation's WAL holds frames"
mv "$T/other.db" "$DB"
# A command in between must not read the workstation's WAL as this file's.
"$FUPIN" check --db "$DB" >"$T/out" 2>"$T/err"; rc=$?
[ $rc = 3 ] || fail "check between: exit $rc: $(cat "$T/err")"
expect_grep "不属于" "$T/err"
cmp -s "$DB" "$T/other.orig" || fail "replacement changed by the command in between"
# Leaving a field writes a draft: it cannot be, and the status line says so
# (issue 13 item 6: it failed silently).
k 1 Enter; wait_for "草稿未能保存"
k F2; wait_for "数据库文件已被移动或替换"
k Enter; wait_for "13907715678"   # the form is kept
[ "$(sqlite3 "$T/other.orig" "select count(*) from households where id in (select household_id from members where name='蔺小红')")" = 0 ] || fail premise
k Escape; wait_for "保存修改吗"; k n; wait_for "主菜单"
k q y; wait_for "FUPIN-EXITED-0"
cmp -s "$DB" "$T/other.orig" || fail "replacement changed after the workstation exited"
[ -e "$DB-wal" ] || [ -e "$DB-shm" ] && fail "the workstation left its WAL beside the replacement"
[ "$(sqlite3 "$DB" "pragma integrity_check")" = ok ] || fail "replacement integrity"
cmp -s "$DB" "$T/other.orig" || fail "replacement changed by reading it"
"$FUPIN" check --db "$DB" >/dev/null 2>"$T/err"; rc=$?
[ $rc -le 1 ] || fail "check after exit: exit $rc: $(cat "$T/err")"

# ---- deleted: rm, a command in between recreating the name, then F2 ----
rm -f "$DB"; init "$DB"
tx kill-server
tui_start "$DB"
keyed_form
rm "$DB"
"$FUPIN" init --db "$DB" --county 450123 隆安县 >"$T/out" 2>"$T/err"; rc=$?
[ $rc = 3 ] || fail "init over the deleted name while the WAL is there: exit $rc"
[ -e "$DB" ] && fail "init left a file behind"
k F2; wait_for "数据库文件已被移动或替换"
k Enter; wait_for "13907715678"   # the form is kept
k Escape; wait_for "保存修改吗"; k n; wait_for "主菜单"
k q y; wait_for "FUPIN-EXITED-0"
[ -e "$DB" ] && fail "the workstation recreated the deleted file"
[ -e "$DB-wal" ] && fail "the workstation left its WAL behind"
init "$DB"
[ "$(sqlite3 "$DB" "pragma integrity_check")" = ok ] || fail "new file integrity"
exit 0
