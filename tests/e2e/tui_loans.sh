# 扶贫小额信贷 登记簿 as a clerk keys it (issue 16 part 2): main menu M →
# 帮扶措施登记 (all four registers open: 2 and back) → 1; Ins picks a
# household by ID and the paper 登记表 is keyed in Chinese with the mistakes
# clerks make — 60000 元, 50000.01 元, 48 months, a due date before the loan
# — each refused with the rule and the cursor on the field; the due date left
# empty comes from the term; a repayment over the balance is refused; Esc
# half-way asks and drops; 60x15; F9 writes the 台账.  Then the ledger (F9's
# and `fupin export loans`) read back cell by cell, `fupin check`'s overdue
# warning for the demo's overdue loan, the 户有卡's register lines and the
# aid card's header line.
. tests/e2e/lib.inc
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null || { echo "openpyxl not installed"; exit 77; }
export FUPIN_TODAY=2026-06-01
DB=$T/loans.db
expect_rc 0 "$FUPIN" demo --db "$DB" --households 60 --seed 7
[ "$(sqlite3 "$DB" "SELECT count(*) FROM loans")" -ge 4 ] || fail "demo has no loans"
row=$(sqlite3 -separator '|' "$DB" "SELECT h.id, m.id_no, h.head_name, h.hh_no FROM households h
      JOIN members m ON m.household_id = h.id AND m.ordinal = 0
      WHERE h.state = 8 AND h.deleted = 0 AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.household_id = h.id)
      AND (SELECT count(*) FROM members o WHERE o.household_id = h.id AND o.deleted = 0) >= 2
      ORDER BY h.id LIMIT 1")
HH=${row%%|*}; rest=${row#*|}; IDNO=${rest%%|*}; rest=${rest#*|}; HEAD=${rest%%|*}; HHNO=${rest#*|}
[ -n "$HH" ] || fail "demo lacks a registered household without a loan"
SECOND=$(sqlite3 "$DB" "SELECT name FROM members WHERE household_id = $HH AND deleted = 0 ORDER BY ordinal, id LIMIT 1 OFFSET 1")
N0=$(sqlite3 "$DB" "SELECT count(*) FROM loans")

tui_start "$DB"
wait_for "主菜单"
wait_for "M. 帮扶措施登记"
k M; wait_for "帮扶措施登记"
k 2; wait_for "资产收益扶贫 登记簿"
k Escape; wait_for "4. 易地扶贫搬迁"
not_on_screen "尚未开放"
k 1; wait_for "扶贫小额信贷 登记簿"
wait_for "共 $N0 笔"
wait_for "逾期"

# Ins: the household by its ID number, then the paper form.
k IC; wait_for "户主姓名/拼音首字母"
k "$IDNO" Enter; wait_for "扶贫小额信贷 登记"
wait_for "户主: $HEAD"
wait_for "2 $SECOND"
k C-u 2 Enter
k 县农村信用合作联社 Enter
k XD-2026-017 Enter
k 60000 Enter
k 48 Enter
k C-u 20260110 Enter
k 20251231 Enter
k Enter Enter
k 养殖肉牛 Enter
k F2; wait_for "贷款金额 60000.00 元: 扶贫小额信贷每户不超过5万元"
cursor_on "贷款金额"
k C-u 50000.01; k F2; wait_for "贷款金额 50000.01 元"
cursor_on "贷款金额"
k C-u 50000; k F2; wait_for "贷款期限 48 个月: 应为 1–36 个月"
cursor_on "期限"
k C-u 36; k F2; wait_for "到期日期 2025-12-31 不能早于或等于放款日期 2026-01-10"
cursor_on "到期日期"
k C-u; k F2; wait_for "已保存贷款, 到期 2029-01-10, 应贴息 6525.00 元"
q() { sqlite3 "$DB" "$1"; }
[ "$(q "SELECT m.name || '|' || l.bank || '|' || l.amount || '|' || l.term_months || '|' || l.start || '|' || l.due
        || '|' || l.rate_bp || '|' || l.subsidised || '|' || l.purpose FROM loans l JOIN members m ON m.id = l.member_id
        WHERE l.household_id = $HH")" = "$SECOND|县农村信用合作联社|5000000|36|2026-01-10|2029-01-10|435|1|养殖肉牛" ] ||
    fail "loan stored wrong: $(q "SELECT * FROM loans WHERE household_id = $HH")"
[ "$(q "SELECT count(*) FROM audit WHERE tbl = 'loans' AND row_id = (SELECT id FROM loans WHERE household_id = $HH)")" -ge 1 ] ||
    fail "loan not audited"

# F5: a repayment over the balance, then 1万 of it.
wait_for "$HEAD"
LINE=$(screen | grep -n "$HEAD" | head -1 | cut -d: -f1)
k F5; wait_for "还款登记"
wait_for "尚欠 50000.00 元"
k Enter; k C-u 60000; k F2; wait_for "累计还款 60000.00 元 超过贷款金额 50000.00 元"
cursor_on "还款金额"
k C-u 10000 Enter 第一期; k F2; wait_for "已登记还款"
wait_for "40000.00"
k F6; wait_for "还款记录"; wait_for "2026-06-01"; wait_for "第一期"
k Enter

# Esc half-way through a new loan: asks, 否 drops it.
k IC; wait_for "户主姓名/拼音首字母"
k "$IDNO" Enter; wait_for "扶贫小额信贷 登记"
k Enter 农业银行; k Escape; wait_for "保存修改吗"
k n; wait_for "Ins登记"
[ "$(q "SELECT count(*) FROM loans")" = $((N0 + 1)) ] || fail "Esc kept a half-keyed loan"

# 60x15, and back.
tx resize-window -t t -x 60 -y 15
wait_for "窗口太小"
tx resize-window -t t -x 100 -y 30
wait_for "扶贫小额信贷 登记簿"

# F9: the 台账 from the screen.
k F9; wait_for "导出小额信贷台账"
k C-u "$T/f9.xlsx" Enter; wait_for "已导出小额信贷台账"; k Enter
k Escape; wait_for "帮扶措施登记"
k Escape; wait_for "主菜单"
# The aid card's header line says the loans.
k 5; wait_for "户主姓名/拼音首字母"
k "$IDNO" Enter; wait_for "户主: $HEAD"
wait_for "小额信贷 1 笔, 余额 40000.00 元"
k Escape; wait_for "主菜单"
k q y; wait_for "FUPIN-EXITED-0" 20

expect_rc 0 "$FUPIN" export loans --db "$DB" -o "$T/cli.xlsx"
OVERDUE=$(q "SELECT h.head_name FROM loans l JOIN households h ON h.id = l.household_id WHERE l.deleted = 0
             AND l.due < '2026-06-01' AND l.amount > (SELECT ifnull(sum(amount), 0) FROM loan_repayments r
             WHERE r.loan_id = l.id AND r.deleted = 0) LIMIT 1")
[ -n "$OVERDUE" ] || fail "the demo has no overdue loan"
for f in "$T/f9.xlsx" "$T/cli.xlsx"; do
$PY - "$f" "$HEAD" "$SECOND" "$HHNO" "$OVERDUE" $((N0 + 1)) <<'PYEOF' || fail "台账 read-back of $f"
import sys, datetime, openpyxl
path, head, second, hhno, overdue, n = sys.argv[1:7]
ws = openpyxl.load_workbook(path).active
rows = list(ws.iter_rows(values_only=True))
assert rows[0][0].endswith("扶贫小额信贷台账"), rows[0]
assert list(rows[2]) == ["序号", "村", "户编号", "户主", "借款人", "放贷银行", "合同号", "贷款金额", "期限(月)",
                         "放款日期", "到期日期", "年利率", "应贴息额", "累计还款", "贷款余额", "用途", "状态"], rows[2]
data = [r for r in rows[3:] if r[0] != "合计"]
assert len(data) == int(n), (len(data), n)
mine = [r for r in data if r[3] == head]
assert len(mine) == 1, mine
r = mine[0]
assert r[2] == hhno and r[4] == second and r[5] == "县农村信用合作联社" and r[6] == "XD-2026-017", r
assert r[7] == 50000 and r[8] == 36, r
assert r[9] == datetime.datetime(2026, 1, 10) and r[10] == datetime.datetime(2029, 1, 10), r
assert abs(r[11] - 0.0435) < 1e-9 and r[12] == 6525 and r[13] == 10000 and r[14] == 40000, r
assert r[15] == "养殖肉牛" and r[16] == "正常", r
late = [r for r in data if r[3] == overdue]
assert late and late[0][16] == "逾期", late
total = rows[-1]
assert total[0] == "合计" and total[1] == "共 %s 笔" % n, total
assert total[7] == sum(r[7] for r in data) and total[13] == sum(r[13] for r in data), total
assert total[14] == sum(r[14] for r in data) and total[16].startswith("逾期 "), total
PYEOF
done

# `fupin check`: the overdue loan is a warning naming the days; ours is not.
"$FUPIN" check --db "$DB" > "$T/check.txt"
expect_grep "LOAN_OVERDUE" "$T/check.txt"
grep "LOAN_OVERDUE" "$T/check.txt" | grep -q "户主 $OVERDUE " || fail "overdue loan not warned: $(grep LOAN "$T/check.txt")"
grep "LOAN" "$T/check.txt" | grep -q "户主 $HEAD " && fail "our loan warned"

# 户有卡: section 七 lists the loan.
expect_rc 0 "$FUPIN" export card --db "$DB" --household "$HHNO" -o "$T/card.xlsx"
$PY - "$T/card.xlsx" "$SECOND" <<'PYEOF' || fail "户有卡 register lines"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = [[c for c in r if c is not None] for r in ws.iter_rows(values_only=True)]
i = [k for k, r in enumerate(rows) if r and r[0] == "七、帮扶措施登记（单位：元）"]
assert i, "no section 七"
i = i[0]
assert rows[i + 1] == ["扶贫小额信贷"], rows[i + 1]
assert rows[i + 2] == ["借款人", "放贷银行", "贷款金额", "放款日期", "到期日期", "累计还款", "状态"], rows[i + 2]
assert rows[i + 3][:3] == [sys.argv[2], "县农村信用合作联社", 50000], rows[i + 3]
assert rows[i + 3][3:] == ["2026-01-10", "2029-01-10", 10000, "余40000.00"], rows[i + 3]
assert any(r and r[0] == "八、状态记录" for r in rows[i:]), "section 八 missing"
PYEOF
exit 0
