#!/usr/bin/python3
"""The roster's round trip (issue 12 item 3), with openpyxl (run with
/usr/bin/python3):

    roster_round_trip.py csv  IN.xlsx OUT.csv
        the sheet 花名册 as a clerk's "save as CSV" gives it (title lines
        included; numbers as Excel shows them, 1725 or 857.5; UTF-8)
    roster_round_trip.py same A.xlsx B.xlsx [COLUMN,...]
        every cell of A equal to B's (the 填报日期 line aside), walking every
        column of the roster (or only those named): a column whose cells are
        all blank in A proves nothing and fails, so does a column B lacks.
        Prints what differs and exits 1; 0 when all agree.
    roster_round_trip.py drop IN.csv OUT.csv COLUMN,...
        the CSV without those columns (a county sheet that lacks them)
"""
import csv
import sys

import openpyxl


def rows_of(path):
    wb = openpyxl.load_workbook(path, read_only=True)
    return [list(r) for r in wb["花名册"].iter_rows(values_only=True)]


def text(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return ("%.2f" % v).rstrip("0").rstrip(".")
    return str(v)


def to_csv(src, dst):
    with open(dst, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        for r in rows_of(src):
            w.writerow([text(v) for v in r])


def drop(src, dst, names):
    with open(src, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    gone = {i for i, h in enumerate(rows[2]) if h in names}
    if len(gone) != len(names):
        print("drop: columns not found: %r" % (set(names) - set(rows[2])))
        sys.exit(1)
    with open(dst, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        for r in rows:
            w.writerow([v for i, v in enumerate(r) if i not in gone])


def same(a_path, b_path, only=None):
    a, b = rows_of(a_path), rows_of(b_path)
    errors = []
    # The header (row 3) names the columns; rows 4.. are members.
    head = a[2]
    if b[2] != head and not only:
        errors.append("headers differ:\n  %r\n  %r" % (head, b[2]))
    if a[0][0] != b[0][0]:
        errors.append("title %r, was %r" % (b[0][0], a[0][0]))
    if len(a) != len(b):
        errors.append("%d rows, was %d" % (len(b), len(a)))
    body_a, body_b = a[3:], b[3:]
    for j, name in enumerate(head):
        if name is None or (only and name not in only):
            continue
        if all(r[j] in (None, "") for r in body_a):
            errors.append("column %s: blank in every row of %s, so the trip proves nothing"
                          % (name, a_path))
        k = b[2].index(name) if name in b[2] else None
        if k is None:
            errors.append("column %s missing after the trip" % name)
            continue
        bad = [(i + 4, ra[j], rb[k]) for i, (ra, rb) in enumerate(zip(body_a, body_b))
               if ra[j] != rb[k]]
        if bad:
            errors.append("column %s: %d cells differ, first: row %d %r -> %r"
                          % (name, len(bad), bad[0][0], bad[0][1], bad[0][2]))
    for e in errors:
        print(e)
    print("round trip: %d columns, %d rows compared, %d problems"
          % (len(head), len(body_a), len(errors)))
    return 1 if errors else 0


def main():
    a = sys.argv[1:]
    if len(a) == 3 and a[0] == "csv":
        to_csv(a[1], a[2])
        sys.exit(0)
    if len(a) in (3, 4) and a[0] == "same":
        sys.exit(same(a[1], a[2], a[3].split(",") if len(a) == 4 else None))
    if len(a) == 4 and a[0] == "drop":
        drop(a[1], a[2], a[3].split(","))
        sys.exit(0)
    print(__doc__)
    sys.exit(2)


if __name__ == "__main__":
    main()
