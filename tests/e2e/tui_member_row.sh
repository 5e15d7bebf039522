# A refused value in a member's row is never dropped without asking: Esc asks
# (Enter = 否 keeps the row open with the text), F2 refuses to save it, and
# only 是 abandons it.  Before, Esc and F2 both dropped the text silently and
# F2 then saved the household without it.
. tests/e2e/lib.inc
DB=$T/d.db
"$FUPIN" demo --db "$DB" --households 20 --seed 1 >/dev/null 2>&1 || fail "demo"
hh=$(sql "$DB" "SELECT household_id FROM members WHERE deleted = 0 ORDER BY household_id, id LIMIT 1")
name=$(sql "$DB" "SELECT name FROM members WHERE household_id = $hh AND deleted = 0 ORDER BY id LIMIT 1")
id0=$(sql "$DB" "SELECT id_no FROM members WHERE household_id = $hh AND deleted = 0 ORDER BY id LIMIT 1")
tui_start "$DB"
wait_for "主菜单"
k 2; wait_for "户信息查询"
k "$id0"; wait_for "$name"
k Enter; wait_for "入户调查表"
k NPage; wait_for "序号 姓名"
k Enter; wait_for "第 1 位成员"
k Down; cursor_on "身份证号"
bad=$(echo "$id0" | cut -c1-17)
last=$(echo "$id0" | cut -c18)
[ "$last" = 0 ] && wrong=1 || wrong=0
k "$bad$wrong"; wait_for "校验位"
k Escape; wait_for "放弃这一项的修改"
k Enter; sleep 0.3; not_on_screen "放弃这一项的修改"
wait_for "第 1 位成员"; wait_for "$bad$wrong"          # Enter = 否: the text is still there
k F2; sleep 0.3; wait_for "校验位"; not_on_screen "已保存"
[ "$(sql "$DB" "SELECT count(*) FROM members WHERE id_no = '$bad$wrong'")" = 0 ] || fail "a refused ID was saved"
k Escape; wait_for "放弃这一项的修改"; k y
wait_for "序号 姓名"
[ "$(sql "$DB" "SELECT id_no FROM members WHERE household_id = $hh AND deleted = 0 ORDER BY id LIMIT 1")" = "$id0" ] ||
    fail "the stored ID changed"
k Escape; answer_if "保存修改吗" n "户信息查询"
wait_for "户信息查询"; k Escape; wait_for "主菜单"
k q; wait_for "退出系统吗"; k y; wait_for "FUPIN-EXITED-0"
echo "ok: a refused value in a member row is kept until the clerk abandons it"
