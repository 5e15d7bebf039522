# The window is shrunk below 80x24 in the middle of a form (to 60x15 and to
# 20x10): fupin says 窗口太小 instead of drawing a broken form, ignores keys
# meanwhile, and on growing back shows the form with what was typed.
# Then the same under TERM=vt100 (no colours): still readable.
. tests/e2e/lib.inc
DB=$T/r.db
"$FUPIN" init --db "$DB" --county 450123 隆安县 --township 450123101 古潭乡 --village 450123101001 那门村 >/dev/null || fail init
tui_start "$DB"
wait_for "主菜单"
k 1; wait_for "农村扶贫对象家庭申请书"
k Enter Enter; k 第三组 Enter; k 韦秀英 Enter
tx resize-window -t t -x 60 -y 15; sleep 0.3
wait_for "窗口太小"
not_on_screen "农村扶贫对象家庭申请书"
k x y z      # keys while too small do nothing
tx resize-window -t t -x 20 -y 10; sleep 0.3
wait_for "窗口太小"
tx resize-window -t t -x 100 -y 30; sleep 0.3
wait_for "农村扶贫对象家庭申请书"
wait_for "韦秀英"
wait_for "第三组"
not_on_screen "xyz"
# Exactly 80x24 is enough.
tx resize-window -t t -x 80 -y 24; sleep 0.3
wait_for "户主身份证号"
not_on_screen "窗口太小"
k Escape; wait_for "保存修改吗"
k Escape; wait_for "韦秀英"          # 取消: stay in the form
k Escape; wait_for "保存修改吗"; k n
wait_for "主菜单"
k q y; wait_for "FUPIN-EXITED-0"
[ "$(sqlite3 "$DB" "select count(*) from households")" = 0 ] || fail "否 must not save"

tx kill-server
TUI_TERM=vt100 tui_start "$DB"
wait_for "主菜单"
k 9; wait_for "基础设置"
wait_for "行政区划"
k Escape; k 3; wait_for "新建会议"; k Escape; wait_for "主菜单"
k q y; wait_for "FUPIN-EXITED-0"
exit 0
