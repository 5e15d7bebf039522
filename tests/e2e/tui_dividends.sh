# 资产收益扶贫 登记簿 (menu M → 2, issue 16 part 2): a household's share in
# a project keyed in Chinese with the clerks' mistakes — 0 股 and a start
# year after this one are refused with the cursor on the field; F5 keys the
# yearly 分红: a year before the share and the same year twice are refused,
# Esc half-way asks and drops; F6 lists them; 60x15; F9's 台账 and `fupin
# export dividends` read back cell by cell; the 户有卡's section 七 and the
# aid card's line.
. tests/e2e/lib.inc
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null || { echo "openpyxl not installed"; exit 77; }
export FUPIN_TODAY=2026-06-01
DB=$T/dividends.db
expect_rc 0 "$FUPIN" demo --db "$DB" --households 60 --seed 7
q() { sqlite3 "$DB" "$1"; }
N0=$(q "SELECT count(*) FROM asset_shares")
[ "$N0" -ge 2 ] || fail "demo has no 资产收益 records"
[ "$(q "SELECT count(*) FROM asset_dividends")" -ge 2 ] || fail "demo has no 分红"
row=$(sqlite3 -separator '|' "$DB" "SELECT h.id, m.id_no, h.head_name, h.hh_no FROM households h
      JOIN members m ON m.household_id = h.id AND m.ordinal = 0
      WHERE h.state = 8 AND h.deleted = 0
      AND NOT EXISTS (SELECT 1 FROM trainings t WHERE t.household_id = h.id)
      AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.household_id = h.id)
      AND NOT EXISTS (SELECT 1 FROM relocations r WHERE r.household_id = h.id)
      AND NOT EXISTS (SELECT 1 FROM asset_shares s WHERE s.household_id = h.id)
      ORDER BY h.id LIMIT 1")
HH=${row%%|*}; rest=${row#*|}; IDNO=${rest%%|*}; rest=${rest#*|}; HEAD=${rest%%|*}; HHNO=${rest#*|}
[ -n "$HH" ] || fail "no household to key"

tui_start "$DB"
wait_for "主菜单"
k M; wait_for "帮扶措施登记"
k 2; wait_for "资产收益扶贫 登记簿"
wait_for "共 $N0 条"
k IC; wait_for "户主姓名/拼音首字母"
k "$IDNO" Enter; wait_for "资产收益扶贫 登记"
wait_for "户主: $HEAD"
k 茶叶专业合作社 Enter
k C-u 2027 Enter
k 5000 Enter
k C-u 0 Enter
k 财政资金折股量化
k F2; wait_for "股数 0: 须大于0"
cursor_on "股数"
k C-u 5; k F2; wait_for "入股年份 2027 无效: 须在 1949 至今年 2026 之间"
cursor_on "入股年份"
k C-u 2024; k F2; wait_for "已保存: 茶叶专业合作社 5 股 (2024 年入股)"
wait_for "共 $((N0 + 1)) 条"
[ "$(q "SELECT project || '|' || start_year || '|' || amount || '|' || shares || '|' || note
        FROM asset_shares WHERE household_id = $HH")" = "茶叶专业合作社|2024|500000|5|财政资金折股量化" ] ||
    fail "share stored wrong: $(q "SELECT * FROM asset_shares WHERE household_id = $HH")"
SID=$(q "SELECT id FROM asset_shares WHERE household_id = $HH")

# 分红: a year before the share, then 2024, then 2024 again.
k F5; wait_for "分红登记"
k C-u 2023 Enter 300 Enter 年底分红
k F2; wait_for "分红年度 2023 早于入股年份 2024"
cursor_on "分红年度"
k C-u 2024; k F2; wait_for "已登记 2024 年分红"
k F5; wait_for "分红登记"
k C-u 2024 Enter 280
k F2; wait_for "2024 年的分红已登记, 每年一条"
k C-u 2025; k F2; wait_for "已登记 2025 年分红"
# Esc half-way through a third: asks, 否 drops it.
k F5; wait_for "分红登记"
k C-u 2026 Enter 99; k Escape; wait_for "保存修改吗"
k n; wait_for "Ins登记"
[ "$(q "SELECT group_concat(year || ':' || amount, ',') FROM (SELECT year, amount FROM asset_dividends
        WHERE share_id = $SID AND deleted = 0 ORDER BY year)")" = "2024:30000,2025:28000" ] ||
    fail "dividends stored wrong: $(q "SELECT * FROM asset_dividends WHERE share_id = $SID")"
k F6; wait_for "分红记录"
wait_for "2025        280.00"
k Enter
tx resize-window -t t -x 60 -y 15
wait_for "窗口太小"
tx resize-window -t t -x 100 -y 30
wait_for "资产收益扶贫 登记簿"
k F9; wait_for "导出资产收益台账"
k C-u "$T/f9.xlsx" Enter; wait_for "已导出资产收益台账"; k Enter
k Escape; wait_for "帮扶措施登记"
k Escape; wait_for "主菜单"
k 5; wait_for "户主姓名/拼音首字母"
k "$IDNO" Enter; wait_for "户主: $HEAD"
wait_for "资产收益 1 项, 累计分红 580.00 元"
k Escape; wait_for "主菜单"
k q y; wait_for "FUPIN-EXITED-0" 20

expect_rc 0 "$FUPIN" export dividends --db "$DB" -o "$T/cli.xlsx"
for f in "$T/f9.xlsx" "$T/cli.xlsx"; do
$PY - "$f" "$HEAD" "$HHNO" $((N0 + 1)) <<'PYEOF' || fail "台账 read-back of $f"
import sys, openpyxl
path, head, hhno, n = sys.argv[1:5]
rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
assert rows[0][0].endswith("资产收益扶贫台账"), rows[0]
assert list(rows[2]) == ["序号", "村", "户编号", "户主", "项目名称", "入股年份", "入股/配股金额", "股数", "累计分红",
                         "最近分红年度", "备注"], rows[2]
data = [r for r in rows[3:] if r[0] != "合计"]
assert len(data) == int(n), (len(data), n)
mine = [r for r in data if r[3] == head]
assert len(mine) == 1, mine
r = mine[0]
assert r[2] == hhno and r[4] == "茶叶专业合作社" and r[5] == 2024 and r[6] == 5000 and r[7] == 5, r
assert r[8] == 580 and r[9] == 2025 and r[10] == "财政资金折股量化", r
fresh = [x for x in data if x[8] == 0]
assert fresh and fresh[0][9] is None, fresh      # a share not yet paid: no year
total = rows[-1]
assert total[0] == "合计" and total[1] == "共 %s 条" % n, total
assert total[6] == sum(x[6] for x in data) and total[7] == sum(x[7] for x in data), total
assert total[8] == sum(x[8] for x in data) and total[9] is None, total
PYEOF
done
expect_rc 0 "$FUPIN" export card --db "$DB" --household "$HHNO" -o "$T/card.xlsx"
$PY - "$T/card.xlsx" <<'PYEOF' || fail "户有卡 register lines"
import sys, openpyxl
rows = [[c for c in r if c is not None] for r in openpyxl.load_workbook(sys.argv[1]).active.iter_rows(values_only=True)]
i = [k for k, r in enumerate(rows) if r and r[0] == "七、帮扶措施登记（单位：元）"][0]
assert rows[i + 1] == ["资产收益扶贫"], rows[i + 1]
assert rows[i + 2] == ["项目名称", "入股年份", "入股/配股金额", "股数", "累计分红", "最近分红年度"], rows[i + 2]
assert rows[i + 3] == ["茶叶专业合作社", "2024", 5000, "5", 580, "2025"], rows[i + 3]
PYEOF
exit 0
