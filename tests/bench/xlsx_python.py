#!/usr/bin/python3
"""The roster benchmark's Python comparison (issue 7 §Speed): the same cells
written with Debian's python3-xlsxwriter in constant_memory mode, with the
same formats as tests/bench/xlsx_floor.c — what a clerk's IT helper would
otherwise script.  Input: the TSV of `xlsx_floor --dump` (line 1 kinds,
line 2 headers, then rows).

    xlsx_python.py IN.tsv OUT.xlsx
"""
import sys

import xlsxwriter


def main():
    src, out = sys.argv[1], sys.argv[2]
    wb = xlsxwriter.Workbook(out, {"constant_memory": True})
    ws = wb.add_worksheet("花名册")

    def fmt(num, bold=False, centred=False, indent=False):
        f = {"font_name": "宋体", "font_size": 11, "font_charset": 134, "valign": "vcenter",
             "border": 1, "num_format": num, "bold": bold}
        if centred:
            f["align"] = "center"
        if indent:
            f.update(indent=1, text_wrap=True)
        return wb.add_format(f)
    # The kinds of xlsx_floor --dump: s free text, c centred text, i integer, m money.
    f_kind = {"s": fmt("@", indent=True), "c": fmt("@", centred=True),
              "i": fmt("0", centred=True), "m": fmt("#,##0.00")}
    f_head = fmt("General", True, centred=True)
    cells = 0
    with open(src, encoding="utf-8") as f:
        kinds = f.readline().rstrip("\n").split("\t")
        for r, line in enumerate(f):
            for c, v in enumerate(line.rstrip("\n").split("\t")):
                if v == "":
                    ws.write_blank(r, c, None, f_kind[kinds[c]])
                elif r > 0 and kinds[c] in "im":
                    ws.write_number(r, c, float(v), f_kind[kinds[c]])
                else:
                    ws.write_string(r, c, v, f_kind[kinds[c]] if r else f_head)
                cells += 1
    wb.close()
    print("%d cells" % cells, file=sys.stderr)


if __name__ == "__main__":
    main()
