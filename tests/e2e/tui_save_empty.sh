# F2 on an empty Form A: the most common save that raises checks.  It once
# crashed the workstation (SIGSEGV in the loop that keeps the form's checks);
# now the error list shows, Esc closes it and the program is still there.
. tests/e2e/lib.inc
DB=$T/d.db
"$FUPIN" demo --db "$DB" --households 20 --seed 1 >/dev/null 2>&1 || fail "demo"
tui_start "$DB"
wait_for "主菜单"
k 1; wait_for "农村扶贫对象家庭申请书"
k F2; wait_for "不能保存"
not_on_screen "FUPIN-EXITED"
k Escape; wait_for "户主姓名"
# Leaving an untouched new form asks nothing and returns to the menu.
k Escape; wait_for "主菜单"; not_on_screen "保存修改吗"
k q y; wait_for "FUPIN-EXITED-0"
