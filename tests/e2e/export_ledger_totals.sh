# Ledgers end with a 合计 row, and the aid ledger's 合计 is the summary's
# 帮扶资金 for the same area (issue 12 item 5): a corrected entry stays on the
# ledger marked 已被…更正 with its money columns blank and its old amounts in
# 备注, so the column adds up to the 合计.  Read back with openpyxl, cell by
# cell, on the demo (which holds corrected entries) for the county and for one
# village; the projects ledger's 合计 against SQL.
. tests/e2e/lib.inc
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null || { echo "python3-openpyxl not installed"; exit 77; }
export FUPIN_TODAY=2026-03-05
DB=$T/d.db
expect_rc 0 "$FUPIN" demo --db "$DB" --households 300 --seed 1
[ "$(sql "$DB" "SELECT count(*) FROM aid_records WHERE corrects_id IS NOT NULL AND deleted = 0")" -gt 0 ] ||
    fail "the demo has no corrected aid entry"
village=$(sql "$DB" "SELECT h.village FROM aid_records a JOIN households h ON h.id = a.household_id
                     WHERE a.corrects_id IS NOT NULL ORDER BY a.id LIMIT 1")
for area in "" "$village"; do
    set -- ${area:+--area "$area"}
    expect_rc 0 "$FUPIN" export ledger --db "$DB" "$@" -o "$T/ledger$area.xlsx"
    expect_rc 0 "$FUPIN" export summary --db "$DB" "$@" -o "$T/summary$area.xlsx"
    expect_rc 0 "$FUPIN" export projects --db "$DB" "$@" -o "$T/projects$area.xlsx"
    $PY - "$DB" "$area" "$T/ledger$area.xlsx" "$T/summary$area.xlsx" "$T/projects$area.xlsx" <<'EOF' ||
import sqlite3, sys
import openpyxl
db, area, ledger, summary, projects = sys.argv[1:6]
con = sqlite3.connect(db)
bad = []
rows = list(openpyxl.load_workbook(ledger)["帮扶台账"].iter_rows(values_only=True))
head, data, total = rows[2], rows[3:-1], rows[-1]
J, K, NOTE = head.index("投入资金"), head.index("物资折款"), head.index("备注")
if total[0] != "合计" or total[1] != "共 %d 条" % len(data):
    bad.append("last row %r" % (total[:2],))
superseded = [r for r in data if r[NOTE] and "已被" in r[NOTE]]
for r in superseded:
    if r[J] is not None or r[K] is not None or "不计入合计" not in r[NOTE]:
        bad.append("corrected entry shown with its money: %r" % (r,))
want = con.execute("""SELECT count(*) FROM aid_records a JOIN households h ON h.id = a.household_id
    WHERE a.deleted = 0 AND h.deleted = 0 AND h.village LIKE ? || '%' AND EXISTS (SELECT 1 FROM
    aid_records c WHERE c.corrects_id = a.id AND c.deleted = 0)""", (area,)).fetchone()[0]
if len(superseded) != want or want == 0:
    bad.append("%d entries marked corrected, want %d" % (len(superseded), want))
money = round(sum(r[J] or 0 for r in data), 2)
goods = round(sum(r[K] or 0 for r in data), 2)
if abs(money - total[J]) > 0.005 or abs(goods - total[K]) > 0.005:
    bad.append("合计 %r/%r, the column adds up to %r/%r" % (total[J], total[K], money, goods))
s = list(openpyxl.load_workbook(summary)["村表"].iter_rows(values_only=True))
shead = s[2]
stotal = [r for r in s if r[0] == "合计"][0]
aid = stotal[shead.index("帮扶资金")]
if abs(aid - total[J]) > 0.005:
    bad.append("ledger 合计 %r, summary 帮扶资金 %r" % (total[J], aid))
p = list(openpyxl.load_workbook(projects)["项目台账"].iter_rows(values_only=True))
phead, pdata, ptotal = p[2], p[3:-1], p[-1]
amount, paid = con.execute("""SELECT sum(amount), sum(paid) FROM (SELECT p.amount, (SELECT
    coalesce(sum(d.amount), 0) FROM disbursements d WHERE d.project_id = p.id AND d.deleted = 0) paid
    FROM projects p JOIN households h ON h.id = p.household_id WHERE p.deleted = 0 AND h.deleted = 0
    AND h.village LIKE ? || '%')""", (area,)).fetchone()
if ptotal[0] != "合计" or ptotal[1] != "共 %d 个项目" % len(pdata):
    bad.append("projects last row %r" % (ptotal[:2],))
got = (ptotal[phead.index("申请额")], ptotal[phead.index("已拨付")])
if abs(got[0] - amount / 100) > 0.005 or abs(got[1] - paid / 100) > 0.005:
    bad.append("projects 合计 %r, want %r" % (got, (amount / 100, paid / 100)))
print("area %r: ledger %d rows, 合计 %.2f = summary %.2f; %d corrected; projects %d" % (
    area, len(data), total[J] or 0, aid, len(superseded), len(pdata)))
sys.exit("\n".join(bad[:10]) if bad else 0)
EOF
        fail "totals for area '$area'"
done
