# Text that arrives at once — a paste, or an input method's commit — goes into
# the field as text: its line breaks become spaces instead of acting as Enter,
# and a paste longer than the field allows is refused whole, not cut.
# tmux's `paste-buffer -p` sends it the way a terminal does (bracketed paste).
. tests/e2e/lib.inc
DB=$T/p.db
"$FUPIN" init --db "$DB" --county 450123 隆安县 --township 450123101 古潭乡 --village 450123101001 那门村 >/dev/null || fail init
tui_start "$DB"
wait_for "主菜单"
k 1; wait_for "农村扶贫对象家庭申请书"
k Enter Enter                       # to 村民小组
printf '那况\n屯' > "$T/paste1"
tx load-buffer -b p1 "$T/paste1"; tx paste-buffer -p -b p1 -t t; sleep 0.2
wait_for "村民小组 那况 屯"
k Enter                             # one Enter: the pasted newline did not move on
k 覃明 Enter
# A 200-character paste into 户主身份证号 (at most 64 characters): refused whole.
head -c 200 /dev/zero | tr '\0' '1' > "$T/paste2"
tx load-buffer -b p2 "$T/paste2"; tx paste-buffer -p -b p2 -t t; sleep 0.2
wait_for "最大字数"
not_on_screen "11111111111111111111"
# A pasted ID number: auto-advances like a typed one.
printf '450123198503021234' > "$T/paste3"
tx load-buffer -b p3 "$T/paste3"; tx paste-buffer -p -b p3 -t t; sleep 0.2
wait_for "男 1985-03-02"
k Enter Enter; k yb Enter    # Enter confirms the ID, Enter leaves 联系电话 empty; 主要致贫原因 is required
k F2; wait_for "已保存"
k Escape; k q y; wait_for "FUPIN-EXITED-0"
[ "$(sqlite3 "$DB" "select group_name from households")" = "那况 屯" ] || fail "paste not stored as one line"
exit 0
