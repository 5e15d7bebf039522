# A refused value is replaced by the next one typed, everywhere fields are
# keyed: the form engine (Form A), the sub-form (an aid-card entry) and the
# meeting header (Form C).  The clerk types the impossible date 20230230, sees
# 日期不存在, and types 20261128 straight over it: 2026-11-28 is stored.  An
# error found on F2 puts the cursor on the field at fault.
. tests/e2e/lib.inc
export FUPIN_TODAY=2026-12-01
DB=$T/retype.db
expect_rc 0 "$FUPIN" demo --db "$DB" --households 30 --seed 7
q() { sqlite3 "$DB" "$1"; }
HH=$(q "SELECT h.id FROM households h WHERE h.state < 8 AND h.deleted = 0 ORDER BY h.id LIMIT 1")
IDNO=$(q "SELECT id_no FROM members WHERE household_id = $HH AND ordinal = 0")
tui_start "$DB"
wait_for "主菜单"

# ---- Form A: the form engine.
k 1; wait_for "农村扶贫对象家庭申请书"
k Enter Enter; k 第三组 Enter; k 韦重打 Enter
k 450123198503021234; wait_for "男 1985-03-02"
k 13907711234
k yb Enter Enter Enter Enter
cursor_on "申请日期"
k 20230230; wait_for "申请日期: 日期不存在"
cursor_on "申请日期"
# The refused text is shown selected (reverse video, SGR 7).
tx capture-pane -e -p -t t | grep "\*申请日期" | grep -q "$(printf '\033')\[7m[^ ]*20230230" \
    || fail "refused date not drawn selected: $(tx capture-pane -e -p -t t | grep '申请日期' | cat -v)"
k 20261128                      # typed over the refused date: no Ctrl-U
cursor_on "受理人"               # the date was whole and right: moved on
k F2; answer_if "仍然保存吗" y "已保存"
wait_for "已保存"
k Escape; wait_for "主菜单"
[ "$(q "SELECT a.apply_date FROM applications a JOIN members m ON m.household_id = a.household_id
       WHERE m.name = '韦重打'")" = 2026-11-28 ] || fail "Form A: apply_date $(q "SELECT apply_date FROM applications ORDER BY id DESC LIMIT 1")"

# ---- The sub-form: a new aid-card entry.
k 5; wait_for "户主姓名/拼音首字母"
k "$IDNO" Enter; wait_for "尚无帮扶记录"
k IC; wait_for "新增帮扶记录"
cursor_on "日期"
k 20230230; wait_for "日期: 日期不存在"
k 20261128
cursor_on "帮扶人"              # the aid-card date moves on by itself, like other dates
k C-u 王不存在 Enter; k 2; k 重打的日期 Enter   # 措施 2: one digit moves on
k F2; wait_for "帮扶责任人名册中没有“王不存在”"
cursor_on "帮扶人"              # at the field at fault, not on 日期
k 李四也没有; wait_for "帮扶人  李四也没有"   # the refused name was selected: typed over
not_on_screen "王不存在李四"
k BSpace BSpace BSpace BSpace BSpace; k C-u; k F2; wait_for "已保存帮扶记录"
k Escape; wait_for "主菜单"
[ "$(q "SELECT date || '|' || ifnull(helper_id, '') FROM aid_records WHERE content = '重打的日期'")" = "2026-11-28|" ] \
    || fail "aid card: $(q "SELECT date, helper_id FROM aid_records WHERE content = '重打的日期'")"

# ---- The meeting header (Form C).
k 3; wait_for "表C 村级评议记录"
k n; wait_for "评议的村"; k Enter
wait_for "评议类型"; k Enter
wait_for "会议日期"; cursor_on "会议日期"
k 20230230; wait_for "会议日期: 日期不存在"
k 20261128; cursor_on "主持人"
k 黄支书 Enter 60 Enter 70 Enter
k F2; wait_for "村民代表人数 70 不能超过参会人数 60"
cursor_on "其中村民代表人数"     # reported at that field
k 45; k F2
wait_for "通过规则: 赞成票 ≥ 到会代表 45 人的三分之二"
k Escape; k Escape; wait_for "主菜单"
k q; wait_for "退出系统吗"; k y; wait_for "FUPIN-EXITED-0"
[ "$(q "SELECT meeting_date || '|' || attendees || '|' || representatives FROM meetings WHERE host = '黄支书'")" = "2026-11-28|60|45" ] \
    || fail "meeting: $(q "SELECT meeting_date, attendees, representatives FROM meetings WHERE host = '黄支书'")"
exit 0
