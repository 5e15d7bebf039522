/* xlsxout.h — the one Excel writer every export goes through (SPEC §6).
 *
 * An export declares its columns (struct xo_col) and a sheet (struct
 * xo_sheet_spec), then feeds rows cell by cell; this module owns everything
 * SPEC §6 and STYLE's libxlsxwriter traps require, so no export can forget one:
 * merged title row, the 填报单位 / 填报日期 / 单位 line, a bold bordered frozen
 * header, 宋体 11 pt on every format, CJK-aware column widths, IDs and bank
 * numbers as text ("@"), dates as real Excel dates, money with thousands
 * separators, the one masking rule (core/idno.h), the print layout below,
 * header row repeated on every printed page, footer "第 &P 页 共 &N 页",
 * optional footer lines after the data.
 *
 * Layout of every sheet:  row 0 title (merged over all columns), row 1 the
 * 填报单位/日期/单位 line (or the spec's intro paragraph), row 2 the header
 * (two lines high, wrapped; a title with '\n' breaks there; frozen below it,
 * repeated on print), rows 3.. data, then the footer lines (each merged over
 * all columns).
 *
 * Column widths: sized to content, not to the longest outlier.  Number, date,
 * ID and code columns take their widest cell (a number must never show ###);
 * free-text columns take the 95th percentile of their cells' widths and the
 * few longer cells wrap onto a second line.  A header may wrap onto two lines,
 * so it asks only for half its width.  min_width and XO_MAX_WIDTH still hold.
 *
 * Print layout (decided when the sheet ends, from the final widths): body text
 * is never printed below XO_MIN_PRINT_PT (8 pt).  The printed width of the
 * table at 100 % (11 pt) is estimated from the column widths (XO_PT_PER_UNIT)
 * and compared with the printable width of each paper, landscape:
 *   1. it fits A4 at a scale keeping ≥ 8 pt  → A4, fit to one page WIDE (as
 *      many pages tall as needed; never enlarged beyond 100 %);
 *   2. else, when the paper setting allows A3, the same on A3;
 *   3. else on the largest allowed paper, across pages: the fewest page
 *      widths that 8 pt allows, at the largest scale (≤ 100 %) that needs no
 *      more of them; pages are numbered across then down (a page's
 *      continuation lies beside it), and the header row and the first
 *      key_cols columns repeat on every page.
 * Estimates keep 3 % above 8 pt (LibreOffice's widths are within about 1 %).
 * The paper setting is thus "the largest paper this office prints on": A4 by
 * default (a township or village office has an A4 printer; an A3 file sent to
 * an A4 printer is shrunk by the driver back to unreadable text), A3 where the
 * county office prints wide rosters on A3.  A narrow table stays on A4 either
 * way.  A sheet with spec.portrait is laid out the same way on the short
 * side.  The page setup is written when the sheet ends, so set it through the
 * spec, not through xo_lxw_worksheet (which xo_sheet_end would override).
 * The body font stays 11 pt: a scale of 73 % prints it at 8 pt, which is
 * what a 10 pt font would give at 80 %, so a smaller font would buy nothing.
 *
 * Rows stream in libxlsxwriter's constant_memory mode (XO_STREAM): each row is
 * flushed to a temp file when the next one starts, so memory stays flat
 * whatever the size; rows go strictly in order and merges happen only in the
 * current row.  libxlsxwriter 1.1.4 writes <cols> and the page setup when it
 * assembles the sheet at close, so widths and print layout set after the rows
 * still apply in constant_memory (verified by tests/unit/test_xlsxout.c); xo
 * measures every cell while streaming (text_width_cjk, a CJK character = 2;
 * a histogram per column for the percentile) and sets them when the sheet ends.
 *
 * No SQL, no curses, nothing printed: every call returns enum xo_err and
 * xo_errmsg() gives the detail. */
#ifndef FUPIN_XLSXOUT_H
#define FUPIN_XLSXOUT_H
#include <stddef.h>
#include <stdint.h>

enum xo_kind {
    XO_TEXT = 0,        /* text as given */
    XO_ID,              /* 18-digit ID number, full, as text "@" (internal rosters) */
    XO_ID_MASKED,       /* ID masked by idno_mask: first 6 + ******** + last 4 */
    XO_PHONE,           /* phone number, full, as text */
    XO_PHONE_MASKED,    /* phone masked by phone_mask */
    XO_DIGITS,          /* bank account, 户编号, codes: digits kept as text */
    XO_INT,             /* integer number, format 0 */
    XO_MONEY,           /* fen given, written as 元 number, format #,##0.00 */
    XO_DATE,            /* YYYY-MM-DD given, written as an Excel date (yyyy-mm-dd)
                         * so it sorts and filters as a date; anything that is
                         * not a whole date from 1900-03-01 on stays text */
    XO_PERCENT,         /* basis points given (1234 = 12.34 %), format 0.00% */
    XO_NUMBER,          /* double, format 0.00 */
    XO_KIND_COUNT
};

struct xo_col {
    const char *title;  /* header text (Chinese) */
    enum xo_kind kind;
    int min_width;      /* in Excel character widths; 0 = from the header and data */
};

#define XO_MAX_WIDTH 60   /* a long remark wraps in Excel rather than a 300-wide column */

enum xo_err {
    XO_OK = 0,
    XO_ERR_ARG,         /* bad argument (NULL, no columns, too many cells in a row) */
    XO_ERR_NOMEM,
    XO_ERR_CREATE,      /* cannot create the workbook/temp files (directory, permissions) */
    XO_ERR_WRITE,       /* libxlsxwriter refused a write (xo_errmsg says which) */
    XO_ERR_STATE,       /* call out of order (cell outside a row, row before a sheet …) */
    XO_ERR_CLOSE,       /* writing the .xlsx file failed (disk full, unwritable path) */
    XO_ERR_CANCELLED    /* the progress callback asked to stop */
};

/* "中文 (English)" text of an error code. */
const char *xo_strerror(enum xo_err err);

/* Flags of xo_open. */
enum {
    XO_STREAM = 1       /* constant_memory: rows flushed as written (large exports) */
};

/* Progress, for the TUI's progress bar.  Phase XO_PHASE_ROWS reports rows
 * written (done of total, total as given to xo_set_total, 0 when unknown)
 * once before the first row and then every XO_PROGRESS_EVERY rows (the total
 * may be an estimate that the caller corrects with xo_set_total as it goes);
 * XO_PHASE_CLOSE is reported once before the final compression, every 100 ms
 * during it, and once after it with done = total.  Return non-zero to cancel,
 * in either phase: the writer stops, the file is not written (the partial
 * file is removed, an older file of the name is untouched) and calls return
 * XO_ERR_CANCELLED.  With a callback, the compression (libxlsxwriter's
 * workbook_close, one call without a callback of its own) runs in a child
 * process, which a cancel kills. */
enum xo_phase { XO_PHASE_ROWS = 1, XO_PHASE_CLOSE = 2,
                XO_PHASE_QUERY = 3 };  /* reading the database, before or between the
                                        * rows (export_run): done of total, an estimate */
typedef int (*xo_progress_fn)(void *ctx, enum xo_phase phase, int64_t done, int64_t total);
#define XO_PROGRESS_EVERY 2000

/* Paper (see the print layout above): the largest paper a sheet may use. */
enum xo_paper {
    XO_PAPER_DEFAULT = 0,   /* the workbook's, else the process default (A4) */
    XO_PAPER_A4 = 1,
    XO_PAPER_A3 = 2
};
#define XO_MIN_PRINT_PT 8.0     /* body text never prints smaller */
#define XO_PT_PER_UNIT  7.0     /* printed points per width unit (+ the 0.71 Excel adds)
                                 * at 100 %, measured on LibreOffice's PDF, where 宋体's
                                 * digits fall back to DejaVu Sans; Excel with SimSun
                                 * needs about 5.5, so there the print is larger */

/* "A4"/"A3" ("" for XO_PAPER_DEFAULT). */
const char *xo_paper_name(enum xo_paper p);
/* "A4"/"A3" (case-insensitive, also "a3") → the paper; XO_PAPER_DEFAULT when
 * the text is neither. */
enum xo_paper xo_paper_parse(const char *s);
/* The process default for workbooks opened from now on (the program sets it
 * from the paper setting or the --paper flag); XO_PAPER_DEFAULT resets it to A4. */
void xo_set_default_paper(enum xo_paper p);
enum xo_paper xo_default_paper(void);

struct xo_sheet_spec {
    const char *name;           /* sheet name (Chinese, ≤ 31 characters, no []:*?/\) */
    const char *title;          /* merged title row, e.g. "××镇2026年贫困户花名册" */
    const char *unit;           /* 填报单位 (area or office name); NULL/"" leaves it blank */
    const char *date;           /* 填报日期 YYYY-MM-DD; NULL = clock_today() */
    const char *units;          /* e.g. "元、人"; NULL = "元、人" ("" to omit) */
    const struct xo_col *cols;
    size_t ncols;
    int title_pt;               /* title font size in points; 0 = the body's 11 (a notice: 18) */
    const char *intro;          /* a paragraph in place of the 填报 line (merged, wrapped): a
                                 * notice's opening sentence; NULL/"" = the 填报 line */
    enum xo_paper paper;        /* XO_PAPER_DEFAULT = the workbook's */
    size_t key_cols;            /* leading columns repeated on every page when the
                                 * table prints across pages; 0 = 1 */
    int portrait;               /* XO_PORTRAIT (a short list): the rule measures the
                                 * page's short side; XO_PORTRAIT_IF_FITS: upright when
                                 * one A4 width holds it at 8 pt (a notice), else
                                 * landscape; 0 = landscape */
};

enum { XO_LANDSCAPE = 0, XO_PORTRAIT = 1, XO_PORTRAIT_IF_FITS = 2 };

struct xo_book;     /* opaque: one workbook being written */

/* Creates the workbook at `path` (flags: XO_STREAM).  On failure *out is NULL. */
enum xo_err xo_open(const char *path, unsigned flags, struct xo_book **out);
/* Progress callback (may be NULL) and the expected data-row count. */
void xo_set_progress(struct xo_book *b, xo_progress_fn fn, void *ctx);
void xo_set_total(struct xo_book *b, int64_t total_rows);
/* The paper of this workbook's sheets (XO_PAPER_DEFAULT = the process default
 * at xo_open). */
void xo_set_paper(struct xo_book *b, enum xo_paper p);

/* Starts a sheet: writes the title, the 填报 line and the header, freezes
 * panes below the header and sets up printing.  The spec's strings and cols
 * must stay valid until the sheet ends (the next xo_sheet_begin, or close). */
enum xo_err xo_sheet_begin(struct xo_book *b, const struct xo_sheet_spec *spec);

/* Rows: xo_row_begin, then one xo_put_* per column in order (fewer is fine:
 * the rest stay blank but bordered), then xo_row_end.  What each kind takes:
 *   xo_put_text  — any kind: TEXT/DATE/DIGITS/ID/PHONE as given (masked for
 *                  the _MASKED kinds); for INT/MONEY/PERCENT/NUMBER the text is
 *                  written as text (e.g. "—").  NULL or "" = blank.
 *   xo_put_int   — INT (value), MONEY (fen), PERCENT (basis points), NUMBER;
 *                  for text kinds the decimal digits are written as text.
 *   xo_put_double — NUMBER (and INT/MONEY/PERCENT as the value itself).
 *   xo_put_blank — an empty bordered cell. */
enum xo_err xo_row_begin(struct xo_book *b);
enum xo_err xo_put_text(struct xo_book *b, const char *s);
enum xo_err xo_put_int(struct xo_book *b, int64_t v);
enum xo_err xo_put_double(struct xo_book *b, double v);
enum xo_err xo_put_blank(struct xo_book *b);
/* Makes the current row a bold "合计"/"小计" row (call before its cells). */
enum xo_err xo_row_bold(struct xo_book *b);
enum xo_err xo_row_end(struct xo_book *b);

/* Ends the current sheet (sets its column widths and print layout); xo_sheet_begin and
 * xo_close do it too.  Call it before adding a sheet through the escape hatch. */
enum xo_err xo_sheet_end(struct xo_book *b);

/* A line after the data (merged over all columns, no border), e.g.
 * "公示期：2026-03-01 至 2026-03-07".  "" leaves an empty row. */
enum xo_err xo_footer_line(struct xo_book *b, const char *text);

/* The same, aligned right: a signature or stamp block (发布单位（盖章）, the date). */
enum xo_err xo_footer_line_right(struct xo_book *b, const char *text);

/* Data rows written so far on the current sheet / in the book. */
int64_t xo_sheet_rows(const struct xo_book *b);
int64_t xo_book_rows(const struct xo_book *b);
/* Worksheet row (0-based) the next data row will take: for chart ranges. */
uint32_t xo_next_row(const struct xo_book *b);

/* Escape hatches for what a plain sheet cannot do (charts): the underlying
 * lxw_workbook / current lxw_worksheet, as void * so callers that do not need
 * them do not include xlsxwriter.h. */
void *xo_lxw_workbook(struct xo_book *b);
void *xo_lxw_worksheet(struct xo_book *b);
/* A 宋体 11 pt format for text written through the escape hatch. */
void *xo_lxw_text_format(struct xo_book *b);

/* A free-form sheet (a card, a form with label/value blocks) instead of a
 * table: no title, header or column spec; printed A4 portrait, one page wide,
 * with the page footer.  The caller writes every cell through
 * xo_lxw_worksheet() with formats from xo_lxw_format(); it ends like any
 * sheet (xo_sheet_end, the next xo_sheet_begin/xo_form_begin, or close). */
enum xo_err xo_form_begin(struct xo_book *b, const char *name);
/* A new format of the book's font (宋体 11 pt, vertically centred) for the
 * caller to add bold, borders, alignment or wrapping to; NULL when out of
 * memory.  Formats belong to the workbook: make them once per book. */
void *xo_lxw_format(struct xo_book *b);

/* Ends the current sheet and writes the .xlsx file; frees b in every case.
 * On error (and on cancel) no partial file is left at the path. */
enum xo_err xo_close(struct xo_book *b);
/* Frees b without writing (after an error); removes nothing else. */
void xo_abort(struct xo_book *b);
/* The last error of b in one line "中文 (English detail)", valid until the next
 * call on b; after xo_close/xo_open failed, use xo_last_error(). */
const char *xo_errmsg(const struct xo_book *b);
/* The message of the last failed xo_open/xo_close in this thread-less program. */
const char *xo_last_error(void);

/* Width in Excel character units of a cell's text: text_width_cjk + 2 (padding).
 * Exposed for the unit test and exports that size columns themselves. */
int xo_text_width(const char *s);

/* The print layout the rule above gives a table of these column widths (in
 * width units) on at most paper `max`: paper (A4/A3), scale in percent
 * (≤ 100) and page widths (1 = fit to one page wide).  Exposed for the unit
 * test; xo_sheet_end applies it. */
struct xo_layout { enum xo_paper paper; int scale; int pages_wide; };
struct xo_layout xo_print_layout(const int *widths, size_t n, size_t key_cols, enum xo_paper max);
/* The same for a portrait page. */
struct xo_layout xo_print_layout_portrait(const int *widths, size_t n, size_t key_cols,
                                          enum xo_paper max);

#endif
