# 贫困村名册 and 出列核查表 (issue 15 items 1 and 5): the three 贫困村 of a
# 700-household demo (three villages)
# read back with openpyxl against the database (title, A4, the rate from the
# register), the checklist of the village failing 通宽带 and of the one 出列
# last year with its steps, the usage errors, and the file left untouched.
. tests/e2e/lib.inc
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null || { echo "python3-openpyxl not installed"; exit 77; }
export FUPIN_TODAY=2026-03-05

expect_rc 0 "$FUPIN" demo --db "$T/d.db" --households 700 --seed 1
sum_before=$(sha256sum < "$T/d.db")
expect_rc 0 "$FUPIN" export villages --db "$T/d.db" -o "$T/v.xlsx"
expect_grep "已导出贫困村名册 3 个村" "$T/out"
sql "$T/d.db" "SELECT v.village, a.name, v.identified_year, v.exit_year, v.unit,
  (SELECT y.population FROM village_years y WHERE y.village = v.village AND y.year = 2026),
  (SELECT coalesce(sum(n_members), 0) FROM households h WHERE h.village = v.village AND h.deleted = 0
     AND h.state IN (8, 11, 12, 13, 14, 16))
  FROM villages v JOIN areas a ON a.code = v.village WHERE v.poor = 1 ORDER BY v.village" > "$T/want"
$PY - "$T/v.xlsx" "$T/want" <<'PYEOF' || fail "贫困村名册 differs"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = [r for r in ws.iter_rows(values_only=True)]
assert rows[0][0] == "隆安县2026年贫困村名册", rows[0]
assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape", "A4 landscape"
hdr = list(rows[2])
want = [l.split("|") for l in open(sys.argv[2]).read().split("\n") if l]
data = rows[3:3 + len(want)]
assert len(data) == 3 and rows[3 + len(want):] == [], rows
for got, w in zip(data, want):
    cell = dict(zip(hdr, got))
    code, name, ident, exit_year, unit, pop, poor = w
    assert cell["区划代码"] == code and cell["村名"] == name and cell["挂村单位"] == unit, (cell, w)
    assert cell["认定年度"] == int(ident), cell
    assert (cell["出列年度"] or 0) == int(exit_year), cell
    assert cell["在册贫困人口"] == int(poor), cell
    if pop:
        assert cell["农村户籍人口"] == int(pop), cell
        assert abs(cell["贫困发生率"] - round(int(poor) * 10000 / int(pop)) / 10000) < 1e-9, cell
by_name = {dict(zip(hdr, r))["出列进度"]: dict(zip(hdr, r)) for r in data}
assert by_name["已出列"]["出列年度"] == 2025
fails = [dict(zip(hdr, r))["核查未达标项"] for r in data]
assert "通宽带(未达标)" in fails and fails.count(None) == 2, fails
PYEOF

# The checklist of the village failing 通宽带, and of the one 出列 in 2025.
failing=$(sql "$T/d.db" "SELECT village FROM village_years WHERE broadband = 0")
out=$(sql "$T/d.db" "SELECT village FROM villages WHERE exit_year = 2025")
expect_rc 0 "$FUPIN" export village-exit --db "$T/d.db" --village "$failing" -o "$T/c1.xlsx"
expect_rc 0 "$FUPIN" export village-exit --db "$T/d.db" --village "$out" --year 2025 -o "$T/c2.xlsx"
$PY - "$T/c1.xlsx" "$T/c2.xlsx" <<'PYEOF' || fail "出列核查表 differs"
import sys, openpyxl
def rows(p):
    return [r for r in openpyxl.load_workbook(p).active.iter_rows(values_only=True)]
r = rows(sys.argv[1])
assert r[0][0].endswith("2026年贫困村出列核查表"), r[0]
assert r[2][:5] == ("序号", "核查指标", "标准", "实际情况", "结论"), r[2]
items = {x[1]: x for x in r[3:13]}
assert len(items) == 10, items
assert items["通宽带"][4] == "未达标" and items["通宽带"][3] == "否", items["通宽带"]
assert items["贫困发生率"][4] == "达标" and items["贫困发生率"][2] == "低于 2.00%"
assert items["村人均可支配收入"][2] == "不低于 13000.00 元"   # seed 004, 2020 on
r = rows(sys.argv[2])
assert r[0][0].endswith("村2025年贫困村出列核查表"), r[0]
text = [x[0] for x in r[13:] if x and x[0]]
assert "出列进度: 已出列" in text, text
assert any(t.startswith("村级评议: 2025-09-10, 到会代表 31 人, 赞成 28") and t.endswith("通过") for t in text), text
assert "公示期: 2025-09-11 至 2025-09-17 (7 天)" in text, text
PYEOF

# Usage errors: no -o, no --village, a township code as a village, bad year.
expect_rc 2 "$FUPIN" export villages --db "$T/d.db"
expect_rc 2 "$FUPIN" export village-exit --db "$T/d.db" -o "$T/x.xlsx"
expect_grep "village" "$T/err"
expect_rc 2 "$FUPIN" export village-exit --db "$T/d.db" --village 450123200 -o "$T/x.xlsx"
expect_grep "450123200" "$T/err"
expect_rc 2 "$FUPIN" export villages --db "$T/d.db" --year 20x6 -o "$T/x.xlsx"
[ ! -e "$T/x.xlsx" ] || fail "a refused export left $T/x.xlsx"
[ "$(sha256sum < "$T/d.db")" = "$sum_before" ] || fail "export modified the database"
exit 0
