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

    def fmt(num, bold=False):
        return wb.add_format({"font_name": "宋体", "font_size": 11, "border": 1,
                              "num_format": num, "bold": bold})
    f_text, f_num, f_head = fmt("@"), fmt("0.00"), fmt("General", True)
    cells = 0
    with open(src, encoding="utf-8") as f:
        kinds = f.readline().rstrip("\n").split("\t")
        for r, line in enumerate(f):
            for c, v in enumerate(line.rstrip("\n").split("\t")):
                if v == "":
                    ws.write_blank(r, c, None, f_num if kinds[c] == "n" else f_text)
                elif r > 0 and kinds[c] == "n":
                    ws.write_number(r, c, float(v), f_num)
                else:
                    ws.write_string(r, c, v, f_text if r else f_head)
                cells += 1
    wb.close()
    print("%d cells" % cells, file=sys.stderr)


if __name__ == "__main__":
    main()
