# Enter on every question: many clerks end each field with Enter, also after
# a field that moved on by itself (a whole ID number, mobile, date, or a
# one-digit code).  That Enter confirms the field just left; it must not skip
# the next one, or the next value typed lands one field further down (the
# mobile number went into 主要致贫原因).  Enter twice still skips a field.
# Keyed here on Form A, a member row of the survey and an aid-card entry.
. tests/e2e/lib.inc
export FUPIN_TODAY=2026-12-01
DB=$T/enter.db
expect_rc 0 "$FUPIN" demo --db "$DB" --households 30 --seed 7
q() { sqlite3 "$DB" "$1"; }
tui_start "$DB"
wait_for "主菜单"

# ---- Form A, Enter after every field.
k 1; wait_for "农村扶贫对象家庭申请书"
k Enter Enter Enter; cursor_on "户主姓名"
k 韦每项 Enter
k 450123198503021234 Enter; wait_for "男 1985-03-02"
cursor_on "联系电话"                     # not skipped
k 13907711234 Enter; cursor_on "主要致贫原因"
k yb Enter; cursor_on "其他致贫原因1"
k Enter Enter Enter; cursor_on "申请日期"
k 20261128 Enter; cursor_on "受理人"
k F2; answer_if "仍然保存吗" y "已保存"
wait_for "已保存"
k Escape; wait_for "主菜单"
[ "$(q "SELECT h.phone || '|' || a.main_cause || '|' || a.apply_date || '|' || a.accepted_by
       FROM households h JOIN applications a ON a.household_id = h.id WHERE h.head_name = '韦每项'")" = \
  "13907711234|1|2026-11-28|演示员" ] ||
    fail "Form A: $(q "SELECT h.phone, a.main_cause, a.apply_date, a.accepted_by FROM households h
                         JOIN applications a ON a.household_id = h.id WHERE h.head_name = '韦每项'")"

# Enter twice after a whole ID: the clerk meant to leave 联系电话 empty.
k 1; wait_for "农村扶贫对象家庭申请书"
k Enter Enter Enter; k 韦跳过 Enter
k 450123199001011233 Enter Enter; cursor_on "主要致贫原因"
k Escape; answer_if "保存修改吗" n "主菜单"
wait_for "主菜单"

# ---- A member row of the survey: one-digit codes, each with Enter.
HEAD=$(q "SELECT head_name FROM households WHERE state BETWEEN 1 AND 7 AND deleted = 0 ORDER BY id LIMIT 1")
k 2; k "$HEAD"; wait_for "$HEAD"
k Enter; wait_for "入户调查表"
k NPage; wait_for "序号 姓名"
k IC; wait_for "第 .* 位成员"
k 韦新 Enter Enter; cursor_on "性别"
k 2 Enter; cursor_on "与户主关系"          # 2 moved on; Enter confirmed it
k 3 Enter; cursor_on "民族"
k 1 Enter; cursor_on "政治面貌"            # 1 of 58 waits: this Enter moves on
k Escape; wait_for "韦新 *女 *之子"
k Escape; wait_for "保存修改吗"; k n
wait_for "户信息查询"; k Escape; wait_for "主菜单"

# ---- The aid card's sub-form: the date, then Enter.
IDNO=$(q "SELECT m.id_no FROM members m JOIN households h ON h.id = m.household_id
          WHERE h.state = 8 AND h.deleted = 0 AND m.ordinal = 0 ORDER BY h.id LIMIT 1")
k 5; wait_for "户主姓名/拼音首字母"
k "$IDNO" Enter; wait_for "帮扶记录卡"
k IC; wait_for "新增帮扶记录"
cursor_on "日期"
k 20261128 Enter; cursor_on "帮扶人"
k Escape; answer_if "保存修改吗" n "帮扶记录卡"
k Escape; wait_for "主菜单"

# ---- A register's date moves on by itself as Form A's does (the registers,
# projects and 监测 forms waited for Enter: the rule went by a flag that only
# some forms set, now by the field's type).
k M; wait_for "帮扶措施登记"
k 1; wait_for "扶贫小额信贷 登记簿"
k IC; wait_for "户主姓名/拼音首字母"
k "$IDNO" Enter; wait_for "扶贫小额信贷 登记"
k Enter Enter Enter Enter Enter; cursor_on "放款日期"
k C-u 20260110; cursor_on "到期日期"
k Enter; cursor_on "到期日期"              # the Enter after the move confirms
k Escape; answer_if "保存修改吗" n "扶贫小额信贷 登记簿"
k Escape; wait_for "帮扶措施登记"
k Escape; wait_for "主菜单"
k q y; wait_for "FUPIN-EXITED-0"
exit 0
