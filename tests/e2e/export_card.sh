# 户有卡 (issue 12 item 6): the household card from the command line (by
# 户编号 and by internal id), a surveyed household, one never surveyed (no
# 0.00 or 否 in a value cell), one with aid entries, projects and history,
# read back with openpyxl; the printed form through LibreOffice (A4 portrait,
# at most 2 pages a household, text ≥ 8 pt); a village's cards one sheet
# each; the household list's F9 in tmux: the message names the full path and
# the file there is that household's card.
. tests/e2e/lib.inc
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null || { echo "python3-openpyxl not installed"; exit 77; }
export FUPIN_TODAY=2026-03-05
mkdir -p "$T/data" "$T/run"
DB=$T/data/d.db
expect_rc 0 "$FUPIN" demo --db "$DB" --households 120 --seed 1

# cells FILE: every non-empty cell as "SHEET<TAB>REF<TAB>TYPE<TAB>VALUE".
cells() {
    $PY - "$1" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None and c.value != "":
                print("%s\t%s\t%s\t%s" % (ws.title, c.coordinate, c.data_type, c.value))
PY
}
# has FILE TEXT: some cell of FILE's dump holds exactly TEXT.
has() { grep -q "	$2\$" "$1" || fail "no cell '$2' in $(basename "$1"): $(cut -f4 "$1" | head -60 | tr '\n' '|')"; }

# A surveyed registered household, by its 户编号 as the screen shows it.
id=$(sql "$DB" "SELECT h.id FROM households h WHERE h.state = 8 AND h.hh_no IS NOT NULL
      AND EXISTS (SELECT 1 FROM surveys s WHERE s.household_id = h.id AND s.year = 2026)
      AND EXISTS (SELECT 1 FROM assignments a WHERE a.household_id = h.id AND a.to_date IS NULL)
      ORDER BY h.id LIMIT 1")
no=$(sql "$DB" "SELECT hh_no FROM households WHERE id = $id")
head=$(sql "$DB" "SELECT head_name FROM households WHERE id = $id")
helper=$(sql "$DB" "SELECT h.name FROM helpers h JOIN assignments a ON a.helper_id = h.id
          WHERE a.household_id = $id AND a.to_date IS NULL")
[ -n "$no" ] && [ -n "$helper" ] || fail "no surveyed registered household with a helper in the demo"
expect_rc 0 "$FUPIN" export card --db "$DB" --household "$no" -o "$T/run/s.xlsx"
expect_grep "已导出户有卡：$T/run/s.xlsx" "$T/out"
cells "$T/run/s.xlsx" > "$T/s.cells"
[ "$(cut -f1 "$T/s.cells" | sort -u)" = "$no" ] || fail "one sheet named $no: $(cut -f1 "$T/s.cells" | sort -u)"
has "$T/s.cells" "$no"
has "$T/s.cells" "$head"
has "$T/s.cells" "$helper"
has "$T/s.cells" "已建档立卡"
for label in 户主身份证号 工资性收入 年人均纯收入 "2026年贫困线（国家标准）" 帮扶单位 \
             "户主（签字）：" "帮扶责任人（签字）：" "村委会（盖章）："; do
    has "$T/s.cells" "$label"
done
grep -q "	年人均纯收入$" "$T/s.cells" && grep -q "	[0-9]*\.[0-9][0-9] ([高低等]于 20[0-9]*年 国家标准 贫困线" "$T/s.cells" ||
    fail "年人均纯收入 against the line missing"
# A relative -o is said as the full path.
(cd "$T/run" && "$FUPIN" export card --db "$DB" --id "$id" -o rel.xlsx > "$T/out") || fail "--id"
expect_grep "已导出户有卡：$T/run/rel.xlsx" "$T/out"
cmp -s "$T/run/s.xlsx" "$T/run/rel.xlsx" || [ "$(cells "$T/run/rel.xlsx" | md5sum)" = "$(md5sum < "$T/s.cells")" ] ||
    fail "--id and --household gave different cards"

# Never surveyed: blank or 未调查, never 0, 0.00 or 否.
id0=$(sql "$DB" "SELECT id FROM households h WHERE deleted = 0
       AND NOT EXISTS (SELECT 1 FROM surveys s WHERE s.household_id = h.id) ORDER BY id LIMIT 1")
[ -n "$id0" ] || fail "no unsurveyed household in the demo"
expect_rc 0 "$FUPIN" export card --db "$DB" --id "$id0" -o "$T/run/n.xlsx"
cells "$T/run/n.xlsx" > "$T/n.cells"
has "$T/n.cells" "未调查"
bad=$(awk -F'\t' '$4 == "否" || $4 ~ /^0\.00/ || ($3 == "n" && $4 + 0 == 0)' "$T/n.cells")
[ -z "$bad" ] || fail "never-surveyed card prints zeros or 否: $bad"

# Aid entries, projects and history: the card of 2025 (the demo's aid year).
ida=$(sql "$DB" "SELECT h.id FROM households h WHERE h.deleted = 0
       AND EXISTS (SELECT 1 FROM projects p WHERE p.household_id = h.id)
       AND (SELECT count(*) FROM aid_records a WHERE a.household_id = h.id AND a.deleted = 0
            AND a.date LIKE '2025%') >= 2 ORDER BY h.id LIMIT 1")
[ -n "$ida" ] || fail "no household with aid and projects in the demo"
expect_rc 0 "$FUPIN" export card --db "$DB" --id "$ida" --year 2025 -o "$T/run/a.xlsx"
cells "$T/run/a.xlsx" > "$T/a.cells"
has "$T/a.cells" "五、2025年帮扶措施（单位：元）"
for content in $(sql "$DB" "SELECT replace(content, ' ', '_') FROM aid_records WHERE household_id = $ida
                  AND deleted = 0 AND date LIKE '2025%' AND corrects_id IS NULL
                  AND NOT EXISTS (SELECT 1 FROM aid_records c WHERE c.corrects_id = aid_records.id) LIMIT 5"); do
    has "$T/a.cells" "$(echo "$content" | tr _ ' ')"
done
for p in $(sql "$DB" "SELECT replace(content, ' ', '_') FROM projects WHERE household_id = $ida"); do
    has "$T/a.cells" "$(echo "$p" | tr _ ' ')"
done
has "$T/a.cells" "合计"
has "$T/a.cells" "$(sql "$DB" "SELECT reason FROM state_history WHERE household_id = $ida ORDER BY id DESC LIMIT 1")"

# Errors: usage 2, data 3; an unknown 户编号 says how to give an internal id.
expect_rc 2 "$FUPIN" export card --db "$DB"
expect_rc 2 "$FUPIN" export card --db "$DB" --household "$no" --id "$id"
expect_rc 2 "$FUPIN" export card --db "$DB" --hosehold "$no"
expect_rc 3 "$FUPIN" export card --db "$DB" --household 12 -o "$T/run/x.xlsx"
expect_grep "没有户编号为 12 的户；内部编号请用 --id" "$T/err"
expect_rc 2 "$FUPIN" export cards --db "$DB"
expect_rc 3 "$FUPIN" export cards --db "$DB" --village 450123999999 -o "$T/run/x.xlsx"
[ ! -e "$T/run/x.xlsx" ] || fail "a failed export left a file"

# A village: one sheet per household of the register, named by 户编号.
village=$(sql "$DB" "SELECT village FROM households WHERE id = $id")
vname=$(sql "$DB" "SELECT name FROM areas WHERE code = '$village'")
nv=$(sql "$DB" "SELECT count(*) FROM households WHERE village = '$village' AND deleted = 0
      AND state IN (8, 11, 12, 13, 14, 15, 16)")
(cd "$T/run" && "$FUPIN" export cards --db "$DB" --village "$village" > "$T/out") || fail "cards"
vfile="$T/run/户有卡_${vname}_20260305.xlsx"
expect_grep "已导出户有卡 $nv 户：$vfile" "$T/out"
sheets=$($PY -c 'import sys, openpyxl; print("\n".join(openpyxl.load_workbook(sys.argv[1]).sheetnames))' "$vfile")
[ "$sheets" = "$(sql "$DB" "SELECT hh_no FROM households WHERE village = '$village' AND deleted = 0
      AND state IN (8, 11, 12, 13, 14, 15, 16) ORDER BY hh_no")" ] || fail "village sheets: $sheets"

# Printed: A4 portrait, ≤ 2 pages a household, text ≥ 8 pt (LibreOffice).
$PY tests/tools/pdf_measure.py "$T/run/s.xlsx" "$T/run/n.xlsx" "$T/run/a.xlsx" "$vfile" > "$T/print"
rc=$?
if [ $rc = 2 ]; then
    echo "skipped: print check (soffice or pdftotext missing)"
else
    [ $rc = 0 ] || fail "pdf_measure failed: $(cat "$T/print")"
    cat "$T/print"
    while read -r f pages paper min body; do
        [ "$paper" = "paper=A4纵向" ] || fail "$f: $paper, want A4纵向"
        awk -v m="${min#min_pt=}" 'BEGIN { exit !(m >= 8) }' || fail "$f: $min < 8 pt"
        n=${pages#pages=}
        want=1
        [ "$f" = "$vfile" ] && want=$nv
        [ "$n" -ge "$want" ] && [ "$n" -le $((want * 2)) ] || fail "$f: $n pages for $want households"
    done < "$T/print"
fi

# The household list: F9 writes the selected household's card beside the
# database and says where (the full path).
tui_start "$DB"
wait_for "主菜单"
k 2; wait_for "户信息查询"
k "$no"; wait_for "找到 1 户"
k F9; wait_for "已导出户有卡"
card="$T/data/户有卡_${no}_${vname}_20260305.xlsx"
# The message box wraps the path: join its lines inside the frame.
screen | sed -n 's/^ *[x│] \(.*[^ ]\) *[x│] *$/\1/p' | tr -d '\n' | grep -qF "$card" ||
    { screen; fail "the message does not show the full path $card"; }
k Enter
[ -f "$card" ] || fail "no card beside the database: $(ls "$T/data")"
cells "$card" > "$T/t.cells"
[ "$(cut -f1 "$T/t.cells" | sort -u)" = "$no" ] || fail "the TUI's card is not household $no's"
has "$T/t.cells" "$head"
k Escape; wait_for "主菜单"
k q y; wait_for "FUPIN-EXITED-0"
echo "ok: 户有卡 from the command line, a village and the household list"
