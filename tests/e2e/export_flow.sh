# (households.state is left as it was: the report reads the history only,
# and households' audit triggers need fupin's SQL functions.)
# The flow report (issue 16 item 1): on the demo with planted moves (exits,
# an exit and relapse within November, a removal on 12-01, an
# identification, a member born and one who died while 在册), the workbook
# for the year, a quarter and months, 乡镇表 and 村表, is recomputed cell by
# cell from the state history (tests/flow_check.py); bad periods refused.
. tests/e2e/lib.inc
export FUPIN_TODAY=2026-12-01
"$FUPIN" demo --db "$T/d.db" >/dev/null || fail demo
/usr/bin/python3 - "$T/d.db" <<'PY' || fail plant
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
reg = [r[0] for r in con.execute("SELECT id FROM households WHERE state = 8 AND deleted = 0 ORDER BY id LIMIT 4")]
def move(h, f, t, d):
    con.execute("INSERT INTO state_history(household_id, from_state, to_state, date, operator) VALUES (?,?,?,?, 'e2e')", (h, f, t, d))
for h in reg[:2]:           # exits in November
    for f, t, d in ((8, 11, "2026-11-02"), (11, 12, "2026-11-03"), (12, 13, "2026-11-10"), (13, 14, "2026-11-17"), (14, 15, "2026-11-25")):
        move(h, f, t, d)
prev = 15                   # the second relapses and is back on 11-30, the month's last day
for t, d in ((1, "2026-11-26"), (2, "2026-11-27"), (3, "2026-11-27"), (4, "2026-11-28"), (5, "2026-11-28"), (6, "2026-11-29"), (7, "2026-11-29"), (8, "2026-11-30")):
    move(reg[1], prev, t, d); prev = t
move(reg[2], 8, 16, "2026-12-01"); move(reg[2], 16, 17, "2026-12-01")     # removed, same day
n3 = con.execute("SELECT id FROM households WHERE state = 7 AND deleted = 0 LIMIT 1").fetchone()[0]
move(n3, 7, 8, "2026-12-01")                                               # identified
m = con.execute("SELECT id FROM members WHERE household_id = ? AND deleted = 0 ORDER BY ordinal DESC LIMIT 1", (reg[3],)).fetchone()[0]
con.execute("INSERT INTO member_events(member_id, household_id, kind, reason, date, operator) VALUES (?, ?, 2, 1, '2026-10-01', 'e2e')", (m, reg[3]))
con.commit()
PY
for args in "2026 township" "2026 village" "2026-Q4 village" "2026-11 township" "2026-11 village" "2026-12 village" "2026-10 village" "2026-03 township"; do
    set -- $args
    "$FUPIN" export flow --db "$T/d.db" --period "$1" --by "$2" -o "$T/f.xlsx" >"$T/out" 2>&1 || fail "export $1 $2: $(cat "$T/out")"
    /usr/bin/python3 tests/flow_check.py "$T/d.db" "$T/f.xlsx" "$1" "" "$2" || fail "flow check $1 $2"
done
v=$(sqlite3 "$T/d.db" "SELECT village FROM households WHERE deleted = 0 ORDER BY village LIMIT 1")
"$FUPIN" export flow --db "$T/d.db" --period 2026 --area "$v" --by village -o "$T/a.xlsx" >/dev/null 2>&1 || fail "export --area"
/usr/bin/python3 tests/flow_check.py "$T/d.db" "$T/a.xlsx" 2026 "$v" village || fail "flow check --area"
for p in 2026-13 2026-Q5 26 2026-1; do
    expect_rc 2 "$FUPIN" export flow --db "$T/d.db" --period "$p" -o "$T/bad.xlsx"
    [ -e "$T/bad.xlsx" ] && fail "file written for $p"
done
expect_rc 2 "$FUPIN" export flow --db "$T/d.db" --period 2026 --by county -o "$T/bad.xlsx"
expect_rc 2 "$FUPIN" export flow --db "$T/d.db" --period 2026 --area 999999 -o "$T/bad.xlsx"
exit 0
