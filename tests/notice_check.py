#!/usr/bin/python3
"""notice_check.py — a 公示 notice workbook reads as a notice (issue 12 item 7).

    notice_check.py FILE.xlsx KIND ROUND START END PUBLISHER

Checks with openpyxl: the sheet is named per round and kind (第二榜公示_识别,
清退公示, 项目公示); the title in row 1 is merged over the table, bold, at
least 16 pt; row 2 is the opening sentence naming the kind, the round and
the period; the last two rows, aligned right, are the publisher with
（盖章） and the day, with empty rows above them for the stamp; A4.
Exit 0 when it holds, 1 with the reasons otherwise.
"""
import sys
import openpyxl

ROUND = {1: "第一榜", 2: "第二榜", 3: "第三榜"}
KIND = {1: "识别", 2: "退出", 3: "清退", 4: "项目"}
WHAT = {1: "扶贫对象识别%s名单", 2: "贫困户脱贫退出%s名单", 3: "扶贫对象清退名单",
        4: "扶贫项目（一户一增收、住房建设补助）名单"}


def words(date):
    y, m, d = (int(x) for x in date.split("-"))
    return "%d年%d月%d日" % (y, m, d)


def check(path, kind, rnd, start, end, publisher):
    bad = []
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    want = {3: "清退公示", 4: "项目公示"}.get(kind, "%s公示_%s" % (ROUND[rnd], KIND[kind]))
    if ws.title != want:
        bad.append("sheet %r, want %r" % (ws.title, want))
    a1 = ws["A1"]
    if not (a1.font.b and a1.font.sz and a1.font.sz >= 16):
        bad.append("title %r at %s pt bold=%s, want >= 16 pt bold" % (a1.value, a1.font.sz, a1.font.b))
    last = get_last_col(ws)
    if "A1:%s1" % last not in [str(r) for r in ws.merged_cells.ranges]:
        bad.append("title not merged over A1:%s1" % last)
    intro = ws["A2"].value or ""
    what = WHAT[kind] % ROUND.get(rnd, "") if "%s" in WHAT[kind] else WHAT[kind]
    period = "公示期自%s至%s" % (words(start), words(end))
    for part in ("现将%s予以公示" % what, period):
        if part not in intro:
            bad.append("opening sentence lacks %r: %r" % (part, intro))
    rows = ws.max_row
    stamp, day = ws.cell(rows - 1, 1), ws.cell(rows, 1)
    if stamp.value != "发布单位：%s（盖章）" % (publisher or "__________") or stamp.alignment.horizontal != "right":
        bad.append("stamp line %r aligned %s" % (stamp.value, stamp.alignment.horizontal))
    if day.value != words(start) or day.alignment.horizontal != "right":
        bad.append("date line %r aligned %s" % (day.value, day.alignment.horizontal))
    if ws.cell(rows - 2, 1).value or ws.cell(rows - 3, 1).value:
        bad.append("no room above the stamp line")
    if ws.page_setup.paperSize not in (9, "9"):
        bad.append("paper %s, want A4 (9)" % ws.page_setup.paperSize)
    for b in bad:
        print("%s: %s" % (path, b))
    return not bad


def get_last_col(ws):
    return openpyxl.utils.get_column_letter(ws.max_column)


if __name__ == "__main__":
    a = sys.argv
    sys.exit(0 if check(a[1], int(a[2]), int(a[3]), a[4], a[5], a[6]) else 1)
