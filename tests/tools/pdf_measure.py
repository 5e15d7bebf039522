#!/usr/bin/python3
"""pdf_measure.py — how an export prints, measured through a real client.

Converts each .xlsx given with LibreOffice (soffice --headless --convert-to pdf)
and measures the PDF with poppler's `pdftotext -bbox`:

  pages    number of printed pages
  paper    A4/A3 (or WxH in mm) and 纵向 portrait / 横向 landscape of page 1
  min_pt   the smallest printed text size, in points
  body_pt  the median printed text size (what most of the sheet prints at)

Printed size is measured on words made only of CJK ideographs: every such
glyph advances exactly one em, so (xMax - xMin) / characters is the font size
as printed, after any fit-to-page scaling LibreOffice applied.  Words with
Latin letters or digits are not measured (their advance depends on the glyph).

Usage: pdf_measure.py [--keep DIR] FILE.xlsx...
One line per file:  FILE pages=N paper=A4横向 min_pt=8.0 body_pt=11.0
Exit 0; exit 2 when soffice or pdftotext is missing (the caller prints a
"skipped" line), 1 when a conversion fails.

Environment: FUPIN_LO_PROFILE = a LibreOffice profile directory to reuse
(creating one costs seconds); default a fresh one under $TMPDIR per run.
Only the standard library: runs under any python3.
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def is_ideograph(ch):
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF


def paper_name(w_pt, h_pt):
    """A4/A3 with orientation, from the page size in points."""
    short, long_ = sorted((w_pt, h_pt))
    mm = (round(short / 72 * 25.4), round(long_ / 72 * 25.4))
    name = {(210, 297): "A4", (297, 420): "A3"}.get(mm, "%dx%dmm" % mm)
    return name + ("横向" if w_pt > h_pt else "纵向")


def measure_pdf(pdf):
    """(pages, paper, sizes) of a PDF; sizes = printed pt of each CJK word."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True,
                         text=True, check=True).stdout
    pages = PAGE.findall(out)
    sizes = []
    for x0, _y0, x1, _y1, text in WORD.findall(out):
        if len(text) >= 2 and all(is_ideograph(c) for c in text):
            sizes.append((float(x1) - float(x0)) / len(text))
    paper = paper_name(float(pages[0][0]), float(pages[0][1])) if pages else "-"
    return len(pages), paper, sizes


def convert(xlsx, outdir, profile):
    cmd = ["soffice", "-env:UserInstallation=file://" + profile, "--headless",
           "--convert-to", "pdf", "--outdir", outdir, xlsx]
    subprocess.run(cmd, capture_output=True, timeout=600)
    pdf = os.path.join(outdir, os.path.splitext(os.path.basename(xlsx))[0] + ".pdf")
    return pdf if os.path.exists(pdf) else None


def convert_all(files, outdir, profile):
    """One soffice run for every file (starting LibreOffice is most of the
    time); files whose base names repeat are left to convert() one by one."""
    names = [os.path.splitext(os.path.basename(f))[0] for f in files]
    once = [os.path.abspath(f) for f, n in zip(files, names) if names.count(n) == 1]
    if len(once) > 1:
        cmd = ["soffice", "-env:UserInstallation=file://" + profile, "--headless",
               "--convert-to", "pdf", "--outdir", outdir] + once
        subprocess.run(cmd, capture_output=True, timeout=1800)


def main(argv):
    keep = None
    if len(argv) > 2 and argv[1] == "--keep":
        keep, argv = argv[2], argv[2:]
    files = argv[1:]
    if not files:
        print(__doc__.strip().split("\n\n")[-3], file=sys.stderr)
        return 1
    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        print("pdf_measure: soffice/pdftotext missing", file=sys.stderr)
        return 2
    work = tempfile.mkdtemp(prefix="fupin-pdf-")
    profile = os.environ.get("FUPIN_LO_PROFILE") or os.path.join(work, "profile")
    outdir = keep or work
    status = 0
    try:
        convert_all(files, outdir, profile)
        for xlsx in files:
            pdf = os.path.join(outdir, os.path.splitext(os.path.basename(xlsx))[0] + ".pdf")
            if not os.path.exists(pdf) or os.path.getmtime(pdf) < os.path.getmtime(xlsx):
                pdf = convert(os.path.abspath(xlsx), outdir, profile)
            if not pdf:
                print("%s conversion failed" % xlsx)
                status = 1
                continue
            pages, paper, sizes = measure_pdf(pdf)
            lo = min(sizes) if sizes else 0.0
            mid = statistics.median(sizes) if sizes else 0.0
            print("%s pages=%d paper=%s min_pt=%.1f body_pt=%.1f"
                  % (xlsx, pages, paper, lo, mid))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
