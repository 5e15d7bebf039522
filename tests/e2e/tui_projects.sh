# 项目管理 (menu 6) as a clerk uses it: a 一户一增收 project keyed from the
# application, its 村级评议, 乡镇审定, 3-day 公示 and 开工 in order (a start
# inside the 公示 is refused), a payment over the cap and one over the 80 %
# share refused with the rule and the numbers, the 80 % advance, a tail
# before verification refused, 申请验收 and the three verifications, the
# 20 % tail; then a 住房建设补助 with the 村委会 as partner paid 100 % at the
# start.  The database and the 项目台账 (F9, read back) must agree.
. tests/e2e/lib.inc
export FUPIN_TODAY=2026-11-23
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null || { echo "openpyxl not installed"; exit 77; }
DB=$T/prj.db
expect_rc 0 "$FUPIN" demo --db "$DB" --households 30 --seed 7
# Two households without any project: the caps start from nothing.
pick() {
    sqlite3 -separator '|' "$DB" "SELECT h.id, m.id_no, h.head_name FROM households h
        JOIN members m ON m.household_id = h.id AND m.ordinal = 0
        WHERE h.deleted = 0 AND h.id NOT IN (SELECT household_id FROM projects)
        ORDER BY h.id LIMIT 1 OFFSET $1"
}
row=$(pick 0); HA=${row%%|*}; rest=${row#*|}; IDA=${rest%%|*}; HEADA=${rest#*|}
row=$(pick 1); HB=${row%%|*}; rest=${row#*|}; IDB=${rest%%|*}; HEADB=${rest#*|}
[ -n "$HA" ] && [ -n "$HB" ] || fail "no household without projects in the demo"

tui_start "$DB"
wait_for "主菜单"
k 6; wait_for "项目管理"

# Ins: the application.
k IC; wait_for "新增项目 — 查找户"
k "$IDA" Enter; wait_for "金额上限"
k Enter Enter; k 种植砂糖橘5亩 Enter; k 武鸣区绿丰种植专业合作社 Enter; k 2; k 25000 Enter
k F2; wait_for "已保存项目"
wait_for "$HEADA *一户一增收 *2026 *25000.00 *0.00 *已申请"

# A one-digit code moves on by itself; the Enter keyed after it only
# confirms it, so "Enter Enter" goes past the field after it.
# step KEY-IN... : Enter opens 办理 on the step the project is at; the
# caller then keys the sub-form.
step() { k Enter; wait_for "办理 (输入序号"; k Enter; wait_for "项目 — $1"; }
# through_notice PRESENT FOR AGAINST ABSTAIN: 村级评议 on 11-02, 乡镇审定 on
# 11-05, 公示 from 11-06 (3 days: to 11-08).
through_notice() {
    step 村级评议
    k C-u 20261102 Enter; k "$1" Enter "$2" Enter "$3" Enter "$4" Enter
    k F2; wait_for "已保存: 村级评议"
    step 乡镇审定
    k C-u 20261105; k F2; wait_for "已保存: 乡镇审定"
    step 项目公示
    k C-u 20261106; k F2; wait_for "已保存: 项目公示"
}
through_notice 11 9 1 1
# 公示 2026-11-06..08: a start on the 7th is refused.
step 开工
k C-u 20261107; k F2; wait_for "公示期满后方可开工"
wait_for "2026-11-06 至 2026-11-08"
# The form stays open on the refused date, selected: the next date typed replaces it.
wait_for "项目 — 开工"; cursor_on "日期"
k 20261109; k F2; wait_for "已保存: 开工"

# The payment sub-form proposes the 80 % advance; 31 000 is over the cap.
step 拨付
wait_for "拨付金额(元)  20000.00"
k C-u 20261110 Enter; k C-u 31000 Enter; k F2
wait_for "拨付后累计 31000.00 元 超过 一户一增收项目 每户每年上限 30000.00 元"
cursor_on "拨付金额"            # at the field at fault, not on field 1
k 21000 Enter; k F2             # typed over the refused amount
wait_for "累计 21000.00 元 超过 申请金额 25000.00 元 的 80% (20000.00 元)"
cursor_on "拨付金额"
k 20000 Enter; k F2; wait_for "已保存: 拨付"
wait_for "$HEADA *一户一增收 *2026 *25000.00 *20000.00 *已开工"
[ "$(sql "$DB" "SELECT count(*) FROM disbursements d JOIN projects p ON p.id = d.project_id
                WHERE p.household_id = $HA")" = 1 ] || fail "refused payments were written"

# The tail before any verification: refused, naming the missing levels.
k Enter; wait_for "办理 (输入序号"; k 6 Enter; wait_for "项目 — 拨付"
wait_for "拨付金额(元)  5000.00"
k C-u 20261111; k F2
wait_for "尾款 须在村级、乡镇、县级核验后拨付 (未完成: 村级核验 乡镇核验 县级核验)"
k Escape; wait_for "保存修改吗"; k n; wait_for "Ins新增"

step 申请验收
k C-u 20261111; k F2; wait_for "已保存: 申请验收"
step 村级核验
k C-u 20261118 Enter; k Enter; k 砂糖橘苗已种植5亩; k F2; wait_for "已保存: 村级核验"
step 乡镇核验
k C-u 20261120; k F2; wait_for "已保存: 乡镇核验"
step 县级核验
k C-u 20261123; k F2; wait_for "已保存: 县级核验"
step 拨付
wait_for "拨付金额(元)  5000.00"
k F2; wait_for "已保存: 拨付"
wait_for "$HEADA *一户一增收 *2026 *25000.00 *25000.00 *已结清"
# 拨付记录 (item 11) lists both payments.
k Enter; wait_for "办理 (输入序号"; k 1 1 Enter; wait_for "拨付记录"
wait_for "2026-11-10  预付      20000.00"
wait_for "2026-11-23  尾款       5000.00"
k Escape; wait_for "Ins新增"

# 住房建设补助 with the 村委会 as partner: 100 % at the start.
k IC; wait_for "新增项目 — 查找户"
k "$IDB" Enter; wait_for "金额上限"
k 2 Enter Enter; k "危房改造(拆除重建)" Enter; k 某某村民委员会 Enter; k 4; k 40000 Enter
k F2; wait_for "已保存项目"
through_notice 9 9 0 0
step 开工
k C-u 20261110; k F2; wait_for "已保存: 开工"
step 拨付
wait_for "拨付金额(元)  40000.00"
k C-u 20261110; k F2; wait_for "已保存: 拨付"
wait_for "$HEADB *住房建设补助 *2026 *40000.00 *40000.00 *已结清"

# F9: the 项目台账 of the whole file.
k F9; wait_for "导出项目台账"
k C-u "$T/projects.xlsx" Enter; wait_for "已导出项目台账"; k Enter
k Escape; wait_for "主菜单"
k q y; wait_for "FUPIN-EXITED-0"

q() { sqlite3 "$DB" "$1"; }
[ "$(q "SELECT group_concat(d.date || ' ' || d.stage || ' ' || d.amount, ',') FROM disbursements d
        JOIN projects p ON p.id = d.project_id WHERE p.household_id = $HA ORDER BY d.date")" = \
  "2026-11-10 1 2000000,2026-11-23 2 500000" ] || fail "payments of A"
[ "$(q "SELECT group_concat(d.date || ' ' || d.stage || ' ' || d.amount, ',') FROM disbursements d
        JOIN projects p ON p.id = d.project_id WHERE p.household_id = $HB")" = \
  "2026-11-10 1 4000000" ] || fail "payment of B"
$PY - "$T/projects.xlsx" "$HEADA" "$HEADB" <<'PYEOF' || fail "项目台账 read-back"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["项目台账"]
hdr = [c.value for c in ws[3]]
assert hdr[3:13] == ["户主", "类型", "年度", "项目内容", "合作方", "合作方类型", "申请额", "已拨付",
                     "项目阶段", "核验状态"], hdr
rows = {r[3]: r for r in ([c.value for c in row] for row in ws.iter_rows(min_row=4))
        if r[6] in ("种植砂糖橘5亩", "危房改造(拆除重建)")}
a, b = rows[sys.argv[2]], rows[sys.argv[3]]
assert a[4:12] == ["一户一增收", 2026, "种植砂糖橘5亩", "武鸣区绿丰种植专业合作社", "法人", 25000, 25000,
                   "已结清"], a
assert a[12] == "村级 2026-11-18 / 乡镇 2026-11-20 / 县级 2026-11-23", a[12]
assert b[4:12] == ["住房建设补助", 2026, "危房改造(拆除重建)", "某某村民委员会", "村委会", 40000, 40000,
                   "已结清"], b
PYEOF
echo "ok: projects keyed through every step, refusals name rule and numbers, ledger read back"
