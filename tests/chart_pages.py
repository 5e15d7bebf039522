#!/usr/bin/python3
"""Checks that the summary's charts print one to a page, whole, with their
labels, categories in reading order (issue 12 item 5).  Prints what is wrong
and exits 1; 0 when all is well.

    chart_pages.py xlsx SUMMARY.xlsx
        统计图 (openpyxl): a manual page break between charts, each chart's
        anchor rows inside one page; the cause chart's categories top-down
        (category axis reversed, value axis crossing at its far end, so at
        the bottom); N village charts for N×15 villages.
    chart_pages.py pdf SUMMARY.pdf DB
        The PDF LibreOffice printed (pdftotext -bbox): each chart title on
        exactly one page; on the cause chart's page all twelve causes,
        因病 above 其他; every village of the database (with poor households)
        on the page of the village chart that holds it, with the legend;
        the exit-year chart's years on its page; a chart's labels on no
        other chart's page (no chart split by a page break).
"""
import re
import sqlite3
import subprocess
import sys

CAUSES = ["因病", "因残", "因学", "因灾", "缺土地", "缺水", "缺技术", "缺劳力", "缺资金",
          "交通条件落后", "自身发展动力不足", "其他"]
CAUSE_TITLE = "贫困户按主要致贫原因分布（户）"
VILLAGE_TITLE = "各村贫困户户数和人数"
YEAR_TITLE = "各年度已脱贫户数"
PER_CHART = 15
errors = []


def err(msg):
    errors.append(msg)
    print(msg)


def title_of(ch):
    return "".join(r.t for p in ch.title.tx.rich.p for r in (p.r or []))


def check_xlsx(path):
    import openpyxl
    ws = openpyxl.load_workbook(path)["统计图"]
    breaks = [0] + sorted(b.id for b in ws.row_breaks.brk) + [1 << 20]
    charts = ws._charts
    pages = set()
    for ch in charts:
        a = ch.anchor
        page = max(i for i, b in enumerate(breaks) if b <= a._from.row)
        if a.to.row >= breaks[page + 1]:
            err("%s: rows %d-%d cross the page break at %d" % (title_of(ch), a._from.row,
                                                               a.to.row, breaks[page + 1]))
        if page in pages:
            err("%s: shares page %d with another chart" % (title_of(ch), page + 1))
        pages.add(page)
    cause = [c for c in charts if title_of(c) == CAUSE_TITLE]
    if len(cause) != 1:
        err("cause chart: %d" % len(cause))
    else:
        c = cause[0]
        if c.barDir != "bar" or c.x_axis.scaling.orientation != "maxMin" or c.y_axis.crosses != "max":
            err("cause chart: barDir %s, categories %s, values cross at %s (want bar, maxMin, max)"
                % (c.barDir, c.x_axis.scaling.orientation, c.y_axis.crosses))
    return [title_of(c) for c in charts]


def pdf_pages(path):
    xml = subprocess.run(["pdftotext", "-bbox", path, "-"], capture_output=True, text=True,
                         check=True).stdout
    pages = []
    for page in xml.split("<page ")[1:]:
        words = [(w[4], float(w[1])) for w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            page)]
        pages.append(words)
    return pages


def lines(page):
    """The page's text lines: words of one baseline joined (a title can
    come as two words, 各村贫困户户数和人数（ and 1/25）)."""
    rows = {}
    for w, y in page:
        rows.setdefault(round(y), []).append(w)
    return ["".join(ws) for _, ws in sorted(rows.items())]


def on(page, text):
    return [y for w, y in page if w == text]


def check_pdf(path, db):
    pages = pdf_pages(path)
    con = sqlite3.connect(db)
    villages = [r[0] for r in con.execute(
        "SELECT DISTINCT v.name FROM households h JOIN areas v ON v.code = h.village "
        "WHERE h.deleted = 0 AND h.state IN (8, 11, 12, 13, 14, 15, 16) ORDER BY v.code")]
    titled = {}
    title_re = re.compile("%s|%s(?:（\\d+/\\d+）)?|%s" % (CAUSE_TITLE, VILLAGE_TITLE, YEAR_TITLE))
    for i, p in enumerate(pages):
        for line in lines(p):
            for t in title_re.findall(line):
                titled.setdefault(t, []).append(i)
    for t, where in titled.items():
        if len(where) != 1:
            err("%s printed on pages %s" % (t, [i + 1 for i in where]))
    chart_pages = set(i for where in titled.values() for i in where)

    def only_on(page_no, words, what):
        """words print on page_no and on no other chart page (no split chart)."""
        for i in chart_pages - {page_no}:
            stray = [w for w in words if on(pages[i], w)]
            if stray:
                err("%s: %s also on page %d" % (what, stray, i + 1))

    if CAUSE_TITLE not in titled:
        err("no cause chart printed")
    else:
        p = pages[titled[CAUSE_TITLE][0]]
        missing = [c for c in CAUSES if not on(p, c)]
        if missing:
            err("cause chart page lacks %s" % missing)
        elif min(on(p, "因病")) > min(on(p, "其他")):
            err("cause chart: 因病 below 其他")
        only_on(titled[CAUSE_TITLE][0], CAUSES, "cause chart")
    vtitles = sorted((t for t in titled if t.startswith(VILLAGE_TITLE)),
                     key=lambda t: [int(x) for x in re.findall(r"\d+", t)])
    want = (len(villages) + PER_CHART - 1) // PER_CHART
    if len(vtitles) != want:
        err("%d village charts for %d villages, want %d" % (len(vtitles), len(villages), want))
    for k, t in enumerate(vtitles):
        p = pages[titled[t][0]]
        part = villages[k * PER_CHART:(k + 1) * PER_CHART]
        missing = [v for v in part if not on(p, v)]
        if missing or not on(p, "户数") or not on(p, "人数"):
            err("%s: page lacks %s or the legend" % (t, missing))
        only_on(titled[t][0], part, t)
    if YEAR_TITLE in titled:
        p = pages[titled[YEAR_TITLE][0]]
        for (y,) in con.execute("SELECT DISTINCT CAST(substr(date, 1, 4) AS INTEGER) FROM state_history "
                                "WHERE to_state = 15"):
            if not any(w.startswith("%d" % y) for w, _ in p):
                err("year chart page lacks %d" % y)
    print("pdf: %d pages, %d chart pages checked" % (len(pages), len(titled)))


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "xlsx":
        print("xlsx: charts %s" % check_xlsx(sys.argv[2]))
    elif len(sys.argv) >= 4 and sys.argv[1] == "pdf":
        check_pdf(sys.argv[2], sys.argv[3])
    else:
        print(__doc__)
        return 2
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
