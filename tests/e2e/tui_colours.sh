# Text is drawn in its colour pair, not only the blanks between words: the
# title bar, the selected row of a menu and of the household list, and a red
# error line.  (ui_put once handed the pair to setcchar as 0, which dropped it
# from every glyph.)  With TERM=vt100 (no colours) the same places stay
# readable as reverse video.  Colours are read from `capture-pane -e`.
. tests/e2e/lib.inc
DB=$T/d.db
"$FUPIN" demo --db "$DB" --households 20 --seed 1 >/dev/null 2>&1 || fail "demo"
HEAD=$(sql "$DB" "SELECT name FROM members WHERE relation='1' ORDER BY name LIMIT 1")
[ -n "$HEAD" ] || fail "no household head in the demo"
# look TEXT WANT [--last]: every glyph of TEXT on the screen (its first line,
# or its last) is drawn as WANT ("fg=37 bg=44 bold" …, see tests/sgr_cells.py).
look() {
    got=$(tx capture-pane -e -p -t t | python3 tests/sgr_cells.py "$1" ${3:-}) || { screen; fail "'$1' not on screen"; }
    [ "$got" = "$2" ] || fail "'$1' drawn as '$(echo $got)', want '$2'"
}
run() {
    tui_start "$DB"
    wait_for "主菜单"
    look "建档立卡工作站" "$1"          # title bar
    look "新增申请" "$2"                # the menu's selected row
    k 2; wait_for "户信息查询"
    k "$HEAD"; sleep 0.3
    look "$HEAD" "$2" --last            # the household list's selected row
    k Escape; wait_for "主菜单"
    k 1; wait_for "农村扶贫对象家庭申请书"
    k Enter Enter Enter Enter 450123198503021236; wait_for "身份证号校验位错误"
    look "身份证号校验位错误" "$3"      # the red status line
    k Escape; answer_if "保存修改吗" n "主菜单"
    k q; wait_for "退出系统吗"; k y; wait_for "FUPIN-EXITED-0"
}
run "fg=37 bg=44 bold" "fg=30 bg=46" "fg=37 bg=41 bold"
TUI_TERM=vt100 run "reverse" "reverse" "bold reverse"
