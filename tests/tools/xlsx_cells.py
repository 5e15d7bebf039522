"""xlsx_cells.py — every cell of a workbook with how it looks, for comparing
two exports cell by cell (issue 14: a faster writer must not change a cell).

    /usr/bin/python3 tests/tools/xlsx_cells.py A.xlsx            prints the dump
    /usr/bin/python3 tests/tools/xlsx_cells.py A.xlsx B.xlsx     0 when equal, else
                                                                 the first difference, 1

One line per cell: sheet, coordinate, type, value, number format, font (name,
size, bold), border, alignment (horizontal, vertical, indent, wrap); then the
column widths, merges, print setup of each sheet."""
import sys
import openpyxl


def cell_line(ws, c):
    f, a, b = c.font, c.alignment, c.border
    return "\t".join(str(x) for x in (
        ws.title, c.coordinate, c.data_type, repr(c.value), c.number_format,
        f.name, f.sz, f.b, b.left.style, b.top.style, a.horizontal, a.vertical,
        a.indent, a.wrap_text))


def dump(path):
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None or c.has_style:
                    yield cell_line(ws, c)
        for k, d in sorted(ws.column_dimensions.items()):
            yield "\t".join((ws.title, "col", k, str(d.width)))
        for r, d in sorted(ws.row_dimensions.items()):
            if d.ht is not None:
                yield "\t".join((ws.title, "row", str(r), str(d.ht)))
        yield "\t".join((ws.title, "merged", " ".join(sorted(str(m) for m in ws.merged_cells.ranges))))
        ps = ws.page_setup
        yield "\t".join(str(x) for x in (ws.title, "page", ps.orientation, ps.paperSize, ps.scale,
                                          ps.fitToWidth, ps.fitToHeight, ws.print_title_rows,
                                          ws.print_title_cols, ws.freeze_panes, ws.oddFooter.center.text))


def main():
    if len(sys.argv) == 2:
        for line in dump(sys.argv[1]):
            print(line)
        return 0
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    a, b = list(dump(sys.argv[1])), list(dump(sys.argv[2]))
    for x, y in zip(a, b):
        if x != y:
            print("differs:\n  %s\n  %s" % (x, y))
            return 1
    if len(a) != len(b):
        print("%d lines against %d" % (len(a), len(b)))
        return 1
    print("%d lines equal" % len(a))
    return 0


if __name__ == "__main__":
    sys.exit(main())
