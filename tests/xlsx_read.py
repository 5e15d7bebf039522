#!/usr/bin/python3
"""Dump an .xlsx as one fact per line, for the C unit tests and shell tests
to grep (run with /usr/bin/python3: it has openpyxl).

    xlsx_read.py FILE [SHEET]

Lines (tab-separated):
    sheets  NAME|NAME...
    sheet   NAME                      (then the facts of that sheet)
    merge   A1:E1
    freeze  A4
    orientation landscape
    paper   9
    fit     WIDTH HEIGHT fitToPage
    scale   PERCENT                   (print scale; None = 100)
    order   overThenDown              (only when pages go across first)
    titles  $3:$3
    titlecols $A:$A                   (columns repeated on every printed page)
    footer  TEXT                      (centre part of the odd footer)
    width   A 12.71
    charts  N  (and one line per chart: chart TYPE TITLE)
    cell    REF TYPE NUMFMT FONT SIZE BOLD BORDER VALUE
TYPE is openpyxl's data_type (s string, n number, d date); VALUE is the value
with newlines shown as \\n, a date (an Excel date, number format yyyy-mm-dd)
as YYYY-MM-DD.  A missing file or a load error exits 2.
"""
import datetime
import sys

try:
    import openpyxl
    from openpyxl.utils import get_column_letter
except ImportError:
    print("openpyxl missing: run with /usr/bin/python3 (apt-get install python3-openpyxl)",
          file=sys.stderr)
    sys.exit(3)


def chart_title(ch):
    try:
        rich = ch.title.tx.rich
        return "".join(r.t for p in rich.p for r in (p.r or []))
    except Exception:
        return ""


def dump(ws, out):
    out.append("sheet\t%s" % ws.title)
    for m in sorted(str(r) for r in ws.merged_cells.ranges):
        out.append("merge\t%s" % m)
    if ws.freeze_panes:
        out.append("freeze\t%s" % ws.freeze_panes)
    ps = ws.page_setup
    out.append("orientation\t%s" % ps.orientation)
    out.append("paper\t%s" % ps.paperSize)
    # fitToWidth/fitToHeight default to 1 in OOXML when the attribute is absent
    out.append("fit\t%s %s %s" % (1 if ps.fitToWidth is None else ps.fitToWidth,
                                  1 if ps.fitToHeight is None else ps.fitToHeight,
                                  ws.sheet_properties.pageSetUpPr.fitToPage
                                  if ws.sheet_properties.pageSetUpPr else None))
    out.append("scale\t%s" % ps.scale)
    if ps.pageOrder:
        out.append("order\t%s" % ps.pageOrder)
    if ws.print_title_rows:
        out.append("titles\t%s" % ws.print_title_rows)
    if ws.print_title_cols:
        out.append("titlecols\t%s" % ws.print_title_cols)
    f = ws.oddFooter
    if f and f.center and f.center.text:
        out.append("footer\t%s" % f.center.text)
    for letter, dim in sorted(ws.column_dimensions.items()):
        if dim.width:
            out.append("width\t%s\t%.2f" % (letter, dim.width))
    charts = getattr(ws, "_charts", [])
    out.append("charts\t%d" % len(charts))
    for ch in charts:
        out.append("chart\t%s\t%s" % (ch.tagname, chart_title(ch)))
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and not c.has_style:
                continue
            if isinstance(c.value, datetime.datetime) and c.value.time() == datetime.time(0):
                v = c.value.strftime("%Y-%m-%d")
            else:
                v = "" if c.value is None else str(c.value).replace("\n", "\\n")
            b = c.border.left.style if c.border and c.border.left else None
            out.append("cell\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s" % (
                c.coordinate, c.data_type, c.number_format, c.font.name,
                c.font.sz, 1 if c.font.b else 0, b, v))


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    try:
        wb = openpyxl.load_workbook(sys.argv[1])
    except Exception as e:
        print("cannot read %s: %s" % (sys.argv[1], e), file=sys.stderr)
        sys.exit(2)
    out = ["sheets\t%s" % "|".join(wb.sheetnames)]
    for ws in wb.worksheets:
        if len(sys.argv) > 2 and ws.title != sys.argv[2]:
            continue
        dump(ws, out)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
