#!/usr/bin/python3
"""Recomputes the flow report (fupin export flow) from the database's own
state history and members, independently of core/flow.c, and compares every
cell of the workbook; checks 期初+入-出=期末 on every row.
usage: flow_check.py DB XLSX PERIOD AREA BY"""
import calendar, sqlite3, sys
import openpyxl

ON = {8, 11, 12, 13, 14, 16}                   # 在册
db, xlsx, period, area, by = sys.argv[1:6]
con = sqlite3.connect(db)

def bounds(s):
    y = int(s[:4])
    if len(s) == 4:
        return "%d-01-01" % y, "%d-12-31" % y, y
    if s[5] in "Qq":
        q = int(s[6]); m1, m2 = 3 * q - 2, 3 * q
    else:
        m1 = m2 = int(s[5:7])
    return "%d-%02d-01" % (y, m1), "%d-%02d-%02d" % (y, m2, calendar.monthrange(y, m2)[1]), y

first, last, year = bounds(period)

def state_end(moves, d):            # state at the end of day d
    s = 0
    for md, _, to in moves:
        if md <= d: s = to
    return s

def state_before(moves, d):
    s = 0
    for md, _, to in moves:
        if md < d: s = to
    return s

def members_end(mem, d):
    return sum(1 for j, l in mem if (not j or j <= d) and (not l or l > d))

def members_before(mem, d):
    return sum(1 for j, l in mem if (not j or j < d) and (not l or l >= d))

def household(moves, mem, f, l):
    h = {k: 0 for k in ("open", "new", "rel", "add", "exit", "rem", "red", "close")}
    p = dict(h)
    if state_before(moves, f) in ON:
        h["open"] += 1; p["open"] += members_before(mem, f)
    if state_end(moves, l) in ON:
        h["close"] += 1; p["close"] += members_end(mem, l)
    for j, lf in mem:
        if j and f <= j <= l and state_before(moves, j) in ON: p["add"] += 1
        if lf and f <= lf <= l and state_before(moves, lf) in ON: p["red"] += 1
    prev, exited = 0, False
    for md, _, to in moves:
        if f <= md <= l and (prev in ON) != (to in ON):
            if to in ON:
                k = ("rel" if exited else "new") if (prev, to) == (7, 8) else "add"
            else:
                k = {15: "exit", 17: "rem"}.get(to, "red")
            h[k] += 1; p[k] += members_end(mem, md)
        prev = to
        exited = exited or to == 15
    return h, p

rows = {}
for hid, village in con.execute("SELECT id, village FROM households WHERE deleted = 0 AND village LIKE ? || '%'", (area,)):
    code = village if by == "village" else village[:9]
    moves = con.execute("SELECT date, from_state, to_state FROM state_history WHERE household_id = ? ORDER BY date, id", (hid,)).fetchall()
    mem = []
    for mid, deleted in con.execute("SELECT id, deleted FROM members WHERE household_id = ?", (hid,)):
        j = con.execute("SELECT min(date) FROM member_events WHERE member_id = ? AND kind = 1", (mid,)).fetchone()[0] or ""
        lf = con.execute("SELECT max(date) FROM member_events WHERE member_id = ? AND kind = 2", (mid,)).fetchone()[0] or ""
        if deleted and not lf: continue
        mem.append((j, lf))
    h, p = household(moves, mem, first, last)
    yh, yp = household(moves, mem, "%d-01-01" % year, last)
    r = rows.setdefault(code, {"h": dict.fromkeys(h, 0), "p": dict.fromkeys(h, 0), "dh": 0, "dp": 0, "aid": 0, "prj": 0})
    for k in h: r["h"][k] += h[k]; r["p"][k] += p[k]
    r["dh"] += yh["exit"]; r["dp"] += yp["exit"]

def code_of(v): return v if by == "village" else v[:9]
for v, fen in con.execute("""SELECT h.village, a.money FROM aid_records a JOIN households h ON h.id = a.household_id
    WHERE a.deleted = 0 AND h.deleted = 0 AND a.date BETWEEN ? AND ? AND h.village LIKE ? || '%'
    AND NOT EXISTS (SELECT 1 FROM aid_records c WHERE c.corrects_id = a.id AND c.deleted = 0)""", (first, last, area)):
    rows.setdefault(code_of(v), None); rows[code_of(v)]["aid"] += fen
for v, fen in con.execute("""SELECT h.village, d.amount FROM disbursements d JOIN projects p ON p.id = d.project_id
    JOIN households h ON h.id = p.household_id WHERE d.deleted = 0 AND p.deleted = 0 AND h.deleted = 0
    AND d.date BETWEEN ? AND ? AND h.village LIKE ? || '%'""", (first, last, area)):
    rows[code_of(v)]["prj"] += fen

def target(code):
    t = con.execute("SELECT households, people FROM flow_targets WHERE area = ? AND year = ?", (code, year)).fetchone()
    return t if t else (None, None)

KEYS = ("open", "new", "rel", "add", "exit", "rem", "red", "close")
def line(name, r, t):
    return ([name] + [r["h"][k] for k in KEYS] + [r["p"][k] for k in KEYS] +
            [t[0], r["dh"], t[1], r["dp"], r["aid"] / 100, r["prj"] / 100, (r["aid"] + r["prj"]) / 100, "平衡"])

want = []
tot = {"h": dict.fromkeys(KEYS, 0), "p": dict.fromkeys(KEYS, 0), "dh": 0, "dp": 0, "aid": 0, "prj": 0}
for code in sorted(rows):
    r = rows[code]
    name = con.execute("SELECT name FROM areas WHERE code = ?", (code,)).fetchone()[0]
    want.append(line(name, r, target(code)))
    for k in KEYS: tot["h"][k] += r["h"][k]; tot["p"][k] += r["p"][k]
    for k in ("dh", "dp", "aid", "prj"): tot[k] += r[k]
county = area or con.execute("SELECT code FROM areas WHERE level = 1 ORDER BY code LIMIT 1").fetchone()[0]
want.append(line("合计", tot, target(county)))

ws = openpyxl.load_workbook(xlsx).active
got = [list(r) for r in ws.iter_rows(min_row=4, max_row=3 + len(want), values_only=True)]
bad = 0
for i, (g, w) in enumerate(zip(got, want)):
    for j, (a, b) in enumerate(zip(g, w)):
        if a != b and not (isinstance(a, float) and b is not None and abs(a - b) < 0.005):
            print("row %d col %d (%s): got %r want %r" % (i + 4, j + 1, ws.cell(3, j + 1).value, a, b)); bad += 1
    h = g[1:9]; p = g[9:17]
    for c in (h, p):
        if c[0] + c[1] + c[2] + c[3] - c[4] - c[5] - c[6] != c[7]:
            print("row %d does not reconcile: %r" % (i + 4, c)); bad += 1
after = ws.cell(4 + len(want), 1).value
if after not in (None, ""):
    print("more rows than expected:", after); bad += 1
nz = sum(1 for w in want for v in w[2:8] + w[10:16] if v)
print("%s %s %s: %d rows, %d non-zero flow cells, %d mismatches" % (period, area or "-", by, len(want), nz, bad))
sys.exit(1 if bad else 0)
