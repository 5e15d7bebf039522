/* xlsxout.c — the one Excel writer (see xlsxout.h for the sheet layout). */
#include "core/xlsxout.h"
#include "core/clock.h"
#include "core/idno.h"
#include "core/syserr.h"
#include "core/text.h"
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define FONT_NAME    "宋体"
#define FONT_SIZE    11
#define FONT_CHARSET 134        /* GB2312: Excel picks the CJK face for 宋体 */
#define ROW_TITLE    0
#define ROW_INFO     1
#define ROW_HEADER   2
#define ROW_DATA     3
#define HEADER_HEIGHT 30        /* points: two lines of 11 pt bold */
#define TEXT_PERCENTILE 95      /* free-text columns: width of the 95th percentile cell */
/* Paper sides (points) and the left + right margins (0.4 in each, as
 * xo_sheet_begin sets them). */
#define A4_LONG_PT   841.89
#define A4_SHORT_PT  595.28
#define A3_LONG_PT  1190.55
#define SIDE_MARGINS_PT 57.6
#define EXCEL_PAD 0.71           /* Excel stores a width of w as w + 0.71 (cell padding) */
#define LXW_PAPER_A3 8
#define LXW_PAPER_A4 9

enum { FMT_PLAIN = 0, FMT_BOLD = 1 };

struct xo_book {
    lxw_workbook *wb;
    lxw_worksheet *ws;              /* current sheet, NULL before the first */
    unsigned flags;
    char *path;                     /* the file the caller asked for */
    char *tmp_path;                 /* written here, renamed over path on success */
    /* Formats: every one sets 宋体 11 pt (STYLE trap: the default is Calibri). */
    lxw_format *f_title, *f_info_left, *f_info_mid, *f_info_right, *f_header, *f_footer;
    lxw_format *f_footer_right, *f_intro;
    lxw_format *f_title_sized;      /* the last spec's title_pt, made on demand */
    int title_sized_pt;
    lxw_format *f_text;             /* 宋体, no border: for the escape hatch */
    lxw_format *f_cell[2][XO_KIND_COUNT];   /* [plain|bold][kind], bordered */
    struct xo_sheet_spec spec;      /* the current sheet's, pointers owned by the caller */
    int *width;                     /* measured width per column of the current sheet */
    int *head_width;                /* width each header asks for (wrapped on two lines) */
    uint32_t (*hist)[XO_MAX_WIDTH + 1]; /* text columns: how many cells of each width */
    size_t width_cap;
    enum xo_paper paper;            /* the workbook's paper (largest allowed) */
    uint32_t row;                   /* worksheet row the next data/footer row takes */
    size_t col;                     /* next column within the current row */
    int in_row, bold_row, in_footer;
    int64_t sheet_rows, book_rows, total;
    xo_progress_fn progress;
    void *progress_ctx;
    int cancelled;
    int reported;                   /* the first report (0 of total) was made */
    int nsheets;
    char err[512];
};

static char last_error[512];
static enum xo_paper default_paper = XO_PAPER_A4;

const char *xo_paper_name(enum xo_paper p)
{
    return p == XO_PAPER_A3 ? "A3" : p == XO_PAPER_A4 ? "A4" : "";
}

enum xo_paper xo_paper_parse(const char *s)
{
    if (!s || (s[0] != 'A' && s[0] != 'a') || (s[1] != '3' && s[1] != '4') || s[2])
        return XO_PAPER_DEFAULT;
    return s[1] == '3' ? XO_PAPER_A3 : XO_PAPER_A4;
}

void xo_set_default_paper(enum xo_paper p)
{
    default_paper = p == XO_PAPER_A3 ? XO_PAPER_A3 : XO_PAPER_A4;
}

enum xo_paper xo_default_paper(void)
{
    return default_paper;
}

const char *xo_strerror(enum xo_err err)
{
    switch (err) {
    case XO_OK:            return "成功 (ok)";
    case XO_ERR_ARG:       return "参数错误 (bad argument)";
    case XO_ERR_NOMEM:     return "内存不足 (out of memory)";
    case XO_ERR_CREATE:    return "无法创建文件 (cannot create file)";
    case XO_ERR_WRITE:     return "写入表格失败 (worksheet write failed)";
    case XO_ERR_STATE:     return "调用顺序错误 (call out of order)";
    case XO_ERR_CLOSE:     return "保存 Excel 文件失败 (writing the .xlsx failed)";
    case XO_ERR_CANCELLED: return "已取消 (cancelled)";
    }
    return "未知错误 (unknown error)";
}

static enum xo_err fail(struct xo_book *b, enum xo_err err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static enum xo_err fail(struct xo_book *b, enum xo_err err, const char *fmt, ...)
{
    char detail[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    char *dst = b ? b->err : last_error;
    size_t sz = b ? sizeof b->err : sizeof last_error;
    /* The code's Chinese half, then the detail ("中文 (English)"): English
     * only ever inside the parentheses. */
    const char *what = xo_strerror(err);
    const char *paren = strstr(what, " (");
    snprintf(dst, sz, "%.*s：%s", paren ? (int)(paren - what) : (int)strlen(what), what, detail);
    if (b)
        snprintf(last_error, sizeof last_error, "%s", b->err);
    return err;
}

/* libxlsxwriter prints its own "[ERROR] …" lines to stderr, in English, and
 * in the workstation over the screen; the error is ours to report (xo_errmsg),
 * so stderr points at /dev/null around the calls that may print. */
static int stderr_mute(void)
{
    fflush(stderr);
    int saved = dup(2);
    int nul = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (saved >= 0 && nul >= 0)
        dup2(nul, 2);
    if (nul >= 0)
        close(nul);
    return saved;
}

static void stderr_unmute(int saved)
{
    if (saved < 0)
        return;
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
}

/* A libxlsxwriter refusal, naming the cell. */
static enum xo_err lxw_fail(struct xo_book *b, lxw_error e, uint32_t row, size_t col)
{
    char why[160];
    return fail(b, XO_ERR_WRITE, "第 %" PRIu32 " 行第 %zu 列: %s", row + 1, col + 1,
                syserr_lxw_text(e, why, sizeof why));
}

const char *xo_errmsg(const struct xo_book *b)
{
    return b ? b->err : last_error;
}

const char *xo_last_error(void)
{
    return last_error;
}

int xo_text_width(const char *s)
{
    return (s && *s ? text_width_cjk(s) : 0) + 2;
}

/* ---- formats ------------------------------------------------------------- */

static lxw_format *font_format(lxw_workbook *wb)
{
    lxw_format *f = workbook_add_format(wb);
    if (f) {
        format_set_font_name(f, FONT_NAME);
        format_set_font_size(f, FONT_SIZE);
        format_set_font_charset(f, FONT_CHARSET);
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    }
    return f;
}

static const char *kind_numfmt(enum xo_kind k)
{
    switch (k) {
    case XO_INT:     return "0";
    case XO_MONEY:   return "#,##0.00";
    case XO_DATE:    return "yyyy-mm-dd";
    case XO_PERCENT: return "0.00%";
    case XO_NUMBER:  return "0.00";
    default:         return "@";      /* IDs, bank numbers, text: never numbers */
    }
}

/* How a data cell of a kind looks. */
struct cell_style {
    const char *numfmt;
    int centred;        /* counts (序号, 家庭人口) and fixed-width numbers */
    int free_text;      /* one indent in, wrapped */
};

static struct cell_style cell_style(enum xo_kind k)
{
    /* Free text one indent in, so a right-aligned number in the column
     * before never runs into it on paper ("1第一组"); wrapped for the rare
     * cell wider than its column. */
    return (struct cell_style){
        kind_numfmt(k),
        k == XO_ID || k == XO_ID_MASKED || k == XO_DATE || k == XO_DIGITS || k == XO_PHONE ||
            k == XO_PHONE_MASKED || k == XO_INT,
        k == XO_TEXT,
    };
}

static int same_style(struct cell_style a, struct cell_style b)
{
    return !strcmp(a.numfmt, b.numfmt) && a.centred == b.centred && a.free_text == b.free_text;
}

static lxw_format *cell_format(lxw_workbook *wb, struct cell_style st, int bold)
{
    lxw_format *f = font_format(wb);
    if (!f)
        return NULL;
    format_set_border(f, LXW_BORDER_THIN);
    format_set_num_format(f, st.numfmt);
    if (st.centred)
        format_set_align(f, LXW_ALIGN_CENTER);
    if (st.free_text) {
        format_set_indent(f, 1);
        format_set_text_wrap(f);
    }
    if (bold)
        format_set_bold(f);
    return f;
}

static int make_formats(struct xo_book *b)
{
    lxw_workbook *wb = b->wb;
    /* The workbook's default format (index 0, "Normal") is what blank cells and
     * Excel's column-width unit use: make it 宋体 too.  libxlsxwriter creates it
     * first in wb->formats and has no setter for it. */
    lxw_format *def = STAILQ_FIRST(wb->formats);
    if (def) {
        format_set_font_name(def, FONT_NAME);
        format_set_font_charset(def, FONT_CHARSET);
    }
    if (!(b->f_title = font_format(wb)) || !(b->f_info_left = font_format(wb)) ||
        !(b->f_info_mid = font_format(wb)) || !(b->f_info_right = font_format(wb)) ||
        !(b->f_header = font_format(wb)) || !(b->f_footer = font_format(wb)) ||
        !(b->f_text = font_format(wb)) || !(b->f_footer_right = font_format(wb)) ||
        !(b->f_intro = font_format(wb)))
        return 0;
    format_set_bold(b->f_title);
    format_set_align(b->f_title, LXW_ALIGN_CENTER);
    format_set_align(b->f_info_left, LXW_ALIGN_LEFT);
    format_set_align(b->f_info_mid, LXW_ALIGN_CENTER);
    format_set_align(b->f_info_right, LXW_ALIGN_RIGHT);
    format_set_bold(b->f_header);
    format_set_border(b->f_header, LXW_BORDER_THIN);
    format_set_align(b->f_header, LXW_ALIGN_CENTER);
    format_set_text_wrap(b->f_header);
    format_set_align(b->f_footer, LXW_ALIGN_LEFT);
    format_set_align(b->f_footer_right, LXW_ALIGN_RIGHT);
    format_set_align(b->f_intro, LXW_ALIGN_LEFT);
    format_set_align(b->f_intro, LXW_ALIGN_VERTICAL_TOP);
    format_set_text_wrap(b->f_intro);
    for (int bold = 0; bold < 2; bold++)
        for (int k = 0; k < XO_KIND_COUNT; k++) {
            /* Kinds that look alike share one format: libxlsxwriter caches
             * the style index of the first of equal formats only, and looks
             * every later one up by hashing it — for every cell. */
            struct cell_style st = cell_style((enum xo_kind)k);
            lxw_format *f = NULL;
            for (int j = 0; j < k && !f; j++)
                if (same_style(st, cell_style((enum xo_kind)j)))
                    f = b->f_cell[bold][j];
            if (!f && !(f = cell_format(wb, st, bold)))
                return 0;
            b->f_cell[bold][k] = f;
        }
    return 1;
}

/* ---- workbook ------------------------------------------------------------ */

enum xo_err xo_open(const char *path, unsigned flags, struct xo_book **out)
{
    *out = NULL;
    if (!path || !*path)
        return fail(NULL, XO_ERR_ARG, "没有输出文件名 (no output path)");
    struct xo_book *b = calloc(1, sizeof *b);
    if (!b)
        return fail(NULL, XO_ERR_NOMEM, "(xo_open)");
    b->flags = flags;
    b->paper = default_paper;
    size_t n = strlen(path);
    b->path = malloc(n + 1);
    b->tmp_path = malloc(n + 32);
    if (!b->path || !b->tmp_path) {
        xo_abort(b);
        return fail(NULL, XO_ERR_NOMEM, "(xo_open)");
    }
    memcpy(b->path, path, n + 1);
    /* Written beside the target and renamed over it at the end, so a failure
     * (disk full, cancel) never leaves a half file and never destroys an
     * older file of the same name.  Created 0600 first: a roster holds full
     * ID numbers, and creating it here finds an unwritable directory now
     * rather than after the whole export. */
    snprintf(b->tmp_path, n + 32, "%s.%ld.tmp", path, (long)getpid());
    int fd = open(b->tmp_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        int e = errno;
        xo_abort(b);
        char why[160];
        return fail(NULL, XO_ERR_CREATE, "%s: %s", path, syserr_text(e, why, sizeof why));
    }
    close(fd);
    lxw_workbook_options opt = { .constant_memory = (flags & XO_STREAM) ? LXW_TRUE : LXW_FALSE };
    int muted = stderr_mute();
    b->wb = workbook_new_opt(b->tmp_path, &opt);
    stderr_unmute(muted);
    if (!b->wb || !make_formats(b)) {
        unlink(b->tmp_path);
        xo_abort(b);
        return fail(NULL, XO_ERR_NOMEM, "(workbook_new)");
    }
    *out = b;
    return XO_OK;
}

void xo_set_progress(struct xo_book *b, xo_progress_fn fn, void *ctx)
{
    b->progress = fn;
    b->progress_ctx = ctx;
}

void xo_set_total(struct xo_book *b, int64_t total_rows)
{
    b->total = total_rows;
}

void xo_set_paper(struct xo_book *b, enum xo_paper p)
{
    b->paper = p == XO_PAPER_DEFAULT ? default_paper : p;
}

void *xo_lxw_workbook(struct xo_book *b) { return b->wb; }
void *xo_lxw_worksheet(struct xo_book *b) { return b->ws; }
void *xo_lxw_text_format(struct xo_book *b) { return b->f_text; }
int64_t xo_sheet_rows(const struct xo_book *b) { return b->sheet_rows; }
int64_t xo_book_rows(const struct xo_book *b) { return b->book_rows; }
uint32_t xo_next_row(const struct xo_book *b) { return b->row; }

/* ---- widths and print layout ---------------------------------------------- */

/* The smallest width holding TEXT_PERCENTILE % of a text column's cells. */
static int percentile_width(const uint32_t *hist)
{
    uint64_t total = 0, seen = 0;
    for (int w = 0; w <= XO_MAX_WIDTH; w++)
        total += hist[w];
    for (int w = 0; w <= XO_MAX_WIDTH; w++) {
        seen += hist[w];
        if (seen * 100 >= total * TEXT_PERCENTILE)
            return w;
    }
    return 0;
}

/* Printable width of a paper; A3's short side is A4's long one. */
static double paper_avail_pt(enum xo_paper p, int portrait)
{
    double w = p == XO_PAPER_A3 ? (portrait ? A4_LONG_PT : A3_LONG_PT)
                                : (portrait ? A4_SHORT_PT : A4_LONG_PT);
    return w - SIDE_MARGINS_PT;
}

/* Page widths the columns need at `scale`, the key columns on every page;
 * columns break whole, as Excel and LibreOffice break them. */
static int pages_wide(const int *w, size_t n, size_t key, double avail, double scale)
{
    double usable = avail / scale / XO_PT_PER_UNIT, keyw = 0;
    for (size_t c = 0; c < key; c++)
        keyw += w[c] + EXCEL_PAD;
    int pages = 1;
    double x = keyw;
    for (size_t c = key; c < n; c++) {
        if (x + w[c] + EXCEL_PAD > usable && x > keyw) {
            pages++;
            x = keyw;
        }
        x += w[c] + EXCEL_PAD;
    }
    return pages;
}

static struct xo_layout layout(const int *widths, size_t n, size_t key_cols, enum xo_paper max,
                               int portrait)
{
    double total = 0;
    for (size_t c = 0; c < n; c++)
        total += (widths[c] + EXCEL_PAD) * XO_PT_PER_UNIT;
    /* 3 % above 8 pt: the width estimate is LibreOffice's within about 1 %. */
    double floor_scale = XO_MIN_PRINT_PT * 1.03 / FONT_SIZE;
    if (max != XO_PAPER_A3)
        max = XO_PAPER_A4;
    for (enum xo_paper p = XO_PAPER_A4; p <= max; p++) {
        double fit = total > 0 ? paper_avail_pt(p, portrait) / total : 1;
        if (fit >= floor_scale)
            return (struct xo_layout){ p, fit >= 1 ? 100 : (int)(fit * 100), 1 };
    }
    /* Across pages on the largest paper: the fewest page widths at the
     * floor, then the largest scale that needs no more of them (a page's
     * continuation is what makes a wide list hard to read; text as large as
     * that allows). */
    size_t key = key_cols ? key_cols : 1;
    if (key >= n)
        key = n - 1;
    double avail = paper_avail_pt(max, portrait);
    int min_scale = (int)(floor_scale * 100 + 0.999);
    int fewest = pages_wide(widths, n, key, avail, min_scale / 100.0);
    int scale = 100;
    while (scale > min_scale && pages_wide(widths, n, key, avail, scale / 100.0) > fewest)
        scale--;
    return (struct xo_layout){ max, scale, fewest };
}

struct xo_layout xo_print_layout(const int *widths, size_t n, size_t key_cols, enum xo_paper max)
{
    return layout(widths, n, key_cols, max, 0);
}

struct xo_layout xo_print_layout_portrait(const int *widths, size_t n, size_t key_cols,
                                          enum xo_paper max)
{
    return layout(widths, n, key_cols, max, 1);
}

/* Paper, scale and repeats of the current sheet from its final widths. */
static enum xo_err apply_layout(struct xo_book *b, const int *w)
{
    lxw_worksheet *ws = b->ws;
    const struct xo_sheet_spec *s = &b->spec;
    enum xo_paper paper = s->paper ? s->paper : b->paper;
    int portrait = s->portrait == XO_PORTRAIT;
    struct xo_layout l = layout(w, s->ncols, s->key_cols, paper, portrait);
    if (s->portrait == XO_PORTRAIT_IF_FITS) {
        /* Upright when the table fits one A4 width at 8 pt or more. */
        struct xo_layout up = layout(w, s->ncols, s->key_cols, XO_PAPER_A4, 1);
        portrait = up.pages_wide == 1;
        if (portrait)
            l = up;
    }
    if (portrait)
        worksheet_set_portrait(ws);
    else
        worksheet_set_landscape(ws);
    worksheet_set_paper(ws, l.paper == XO_PAPER_A3 ? LXW_PAPER_A3 : LXW_PAPER_A4);
    if (l.pages_wide == 1) {
        worksheet_fit_to_pages(ws, 1, 0);       /* 1 wide, as many pages tall as needed */
        return XO_OK;
    }
    size_t key = s->key_cols ? s->key_cols : 1;
    worksheet_set_print_scale(ws, (uint16_t)l.scale);
    worksheet_print_across(ws);
    lxw_error e = worksheet_repeat_columns(ws, 0, (lxw_col_t)(key - 1));
    return e == LXW_NO_ERROR ? XO_OK : lxw_fail(b, e, ROW_HEADER, 0);
}

/* Column c's width as set when the sheet ends: a text column's 95th
 * percentile, any other column's widest cell, at least what its header asks
 * for and its min_width, at most XO_MAX_WIDTH.  Before the first row (a
 * notice's opening sentence is sized then) it is the header's width. */
static int final_width(const struct xo_book *b, size_t c)
{
    int w = b->spec.cols[c].kind == XO_TEXT ? percentile_width(b->hist[c]) : b->width[c];
    if (w < b->head_width[c])
        w = b->head_width[c];
    if (w < b->spec.cols[c].min_width)
        w = b->spec.cols[c].min_width;
    return w > XO_MAX_WIDTH ? XO_MAX_WIDTH : w;
}

/* Sets the widths and print layout of the current sheet.  Done at the sheet's
 * end: libxlsxwriter writes <cols> and the page setup when it assembles the
 * sheet in workbook_close, so this is allowed after the rows even in
 * constant_memory mode. */
enum xo_err xo_sheet_end(struct xo_book *b)
{
    if (!b->ws)
        return XO_OK;
    if (b->in_row)
        return fail(b, XO_ERR_STATE, "上一行未结束 (row not ended)");
    for (size_t c = 0; c < b->spec.ncols; c++) {
        int w = final_width(b, c);
        b->width[c] = w;
        lxw_error e = worksheet_set_column(b->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
        if (e != LXW_NO_ERROR)
            return lxw_fail(b, e, 0, c);
    }
    enum xo_err err = b->spec.ncols ? apply_layout(b, b->width) : XO_OK;
    b->ws = NULL;
    return err;
}

/* Decimal digits of |v| (a minus sign not counted): a loop, not snprintf,
 * for it runs for every number cell of a county roster. */
static int digit_count(int64_t v)
{
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int n = 1;
    while (u >= 10) {
        u /= 10;
        n++;
    }
    return n;
}

/* Width of an amount shown as #,##0.00: digits, a comma per three, ".00". */
static int money_width(int64_t fen)
{
    int digits = digit_count(fen / 100);
    return digits + (digits - 1) / 3 + 3 + (fen < 0) + 2;
}

static void measure(struct xo_book *b, int w)
{
    if (w > b->width[b->col])
        b->width[b->col] = w;
    if (b->spec.cols[b->col].kind == XO_TEXT)
        b->hist[b->col][w > XO_MAX_WIDTH ? XO_MAX_WIDTH : w]++;
}

/* The 填报单位 / 填报日期 / 单位 line: three merged blocks over the columns
 * (left, middle, right third), or one cell when there are fewer than three. */
static enum xo_err info_line(struct xo_book *b)
{
    const struct xo_sheet_spec *s = &b->spec;
    char today[11], unit[400], date[64], units[200];
    const char *d = s->date;
    if (!d || !*d) {
        clock_today(today);
        d = today;
    }
    snprintf(unit, sizeof unit, "填报单位：%s", s->unit ? s->unit : "");
    snprintf(date, sizeof date, "填报日期：%s", d);
    const char *u = s->units ? s->units : "元、人";
    snprintf(units, sizeof units, *u ? "单位：%s" : "%s", u);
    lxw_worksheet *ws = b->ws;
    lxw_error e;
    size_t n = s->ncols;
    if (n < 3) {
        char all[700];
        snprintf(all, sizeof all, "%s  %s  %s", unit, date, units);
        e = n == 1 ? worksheet_write_string(ws, ROW_INFO, 0, all, b->f_info_left)
                   : worksheet_merge_range(ws, ROW_INFO, 0, ROW_INFO, (lxw_col_t)(n - 1), all,
                                           b->f_info_left);
        return e == LXW_NO_ERROR ? XO_OK : lxw_fail(b, e, ROW_INFO, 0);
    }
    size_t a = n / 3, c = n - n / 3;     /* [0,a) [a,c) [c,n) — each non-empty */
    struct { size_t lo, hi; const char *t; lxw_format *f; } blk[3] = {
        { 0, a, unit, b->f_info_left }, { a, c, date, b->f_info_mid }, { c, n, units, b->f_info_right }
    };
    for (int i = 0; i < 3; i++) {
        if (blk[i].hi - blk[i].lo == 1)
            e = worksheet_write_string(ws, ROW_INFO, (lxw_col_t)blk[i].lo, blk[i].t, blk[i].f);
        else
            e = worksheet_merge_range(ws, ROW_INFO, (lxw_col_t)blk[i].lo, ROW_INFO,
                                      (lxw_col_t)(blk[i].hi - 1), blk[i].t, blk[i].f);
        if (e != LXW_NO_ERROR)
            return lxw_fail(b, e, ROW_INFO, blk[i].lo);
    }
    return XO_OK;
}

/* Row 0: the title, merged over all columns (a one-row merge is safe in
 * constant_memory), bold, at the spec's size. */
static enum xo_err title_row(struct xo_book *b)
{
    const struct xo_sheet_spec *spec = &b->spec;
    lxw_format *f = b->f_title;
    int pt = spec->title_pt > 0 ? spec->title_pt : FONT_SIZE;
    if (pt != FONT_SIZE) {
        if (pt != b->title_sized_pt) {
            if (!(b->f_title_sized = font_format(b->wb)))
                return fail(b, XO_ERR_NOMEM, "(title format)");
            format_set_bold(b->f_title_sized);
            format_set_align(b->f_title_sized, LXW_ALIGN_CENTER);
            format_set_font_size(b->f_title_sized, pt);
            b->title_sized_pt = pt;
        }
        f = b->f_title_sized;
    }
    const char *title = spec->title ? spec->title : "";
    lxw_error e = spec->ncols == 1
        ? worksheet_write_string(b->ws, ROW_TITLE, 0, title, f)
        : worksheet_merge_range(b->ws, ROW_TITLE, 0, ROW_TITLE, (lxw_col_t)(spec->ncols - 1), title, f);
    if (e == LXW_NO_ERROR)
        e = worksheet_set_row(b->ws, ROW_TITLE, pt * 2 > 30 ? pt * 2 : 30, NULL);
    return e == LXW_NO_ERROR ? XO_OK : lxw_fail(b, e, ROW_TITLE, 0);
}

/* The width a header title asks for and *lines its printed lines.  A title
 * with '\n' ("家庭\n人口") breaks there and is as wide as its widest line;
 * any other may wrap onto two lines, so it asks for half its text, rounded
 * up to whole CJK characters, plus the padding. */
static int header_width(const char *t, int *lines)
{
    if (!strchr(t, '\n')) {
        int raw = *t ? text_width_cjk(t) : 0;
        int half = (raw + 1) / 2;
        *lines = 2;
        return half + (half & 1) + 2;
    }
    int w = 0;
    *lines = 0;
    for (;;) {
        const char *nl = strchr(t, '\n');
        char line[256];
        snprintf(line, sizeof line, "%.*s", nl ? (int)(nl - t) : (int)strlen(t), t);
        int lw = xo_text_width(line);
        if (lw > w)
            w = lw;
        ++*lines;
        if (!nl)
            return w;
        t = nl + 1;
    }
}

/* Each column's first width, from its header title; the header's line count. */
static int header_measure(struct xo_book *b)
{
    int lines = 1;
    for (size_t c = 0; c < b->spec.ncols; c++) {
        int n;
        b->width[c] = 0;
        b->head_width[c] = header_width(b->spec.cols[c].title ? b->spec.cols[c].title : "", &n);
        if (n > lines)
            lines = n;
    }
    return lines;
}

/* Row 2: the header, `lines` high.  Written after rows 0 and 1: in
 * constant_memory rows go strictly in order. */
static enum xo_err header_row(struct xo_book *b, int lines)
{
    const struct xo_sheet_spec *spec = &b->spec;
    for (size_t c = 0; c < spec->ncols; c++) {
        const char *t = spec->cols[c].title ? spec->cols[c].title : "";
        lxw_error e = worksheet_write_string(b->ws, ROW_HEADER, (lxw_col_t)c, t, b->f_header);
        if (e != LXW_NO_ERROR)
            return lxw_fail(b, e, ROW_HEADER, c);
    }
    lxw_error e = worksheet_set_row(b->ws, ROW_HEADER, lines <= 2 ? HEADER_HEIGHT : 15 * lines, NULL);
    return e == LXW_NO_ERROR ? XO_OK : lxw_fail(b, e, ROW_HEADER, 0);
}

/* Row 1 as a paragraph (a notice's opening sentence): merged, wrapped, its
 * height for the lines it takes over the header's widths (the columns only
 * grow from there, so the estimate errs on the roomy side). */
static enum xo_err intro_row(struct xo_book *b)
{
    const struct xo_sheet_spec *spec = &b->spec;
    int avail = 0;
    for (size_t c = 0; c < spec->ncols; c++)
        avail += final_width(b, c);
    int need = xo_text_width(spec->intro) - 2;
    int lines = avail > 4 ? (need + avail - 5) / (avail - 4) : 1;   /* 4: the cell's own padding */
    lxw_error e = spec->ncols == 1
        ? worksheet_write_string(b->ws, ROW_INFO, 0, spec->intro, b->f_intro)
        : worksheet_merge_range(b->ws, ROW_INFO, 0, ROW_INFO, (lxw_col_t)(spec->ncols - 1),
                                spec->intro, b->f_intro);
    if (e == LXW_NO_ERROR)
        e = worksheet_set_row(b->ws, ROW_INFO, 16 * (lines < 1 ? 1 : lines) + 6, NULL);
    return e == LXW_NO_ERROR ? XO_OK : lxw_fail(b, e, ROW_INFO, 0);
}

enum xo_err xo_sheet_begin(struct xo_book *b, const struct xo_sheet_spec *spec)
{
    if (!b || !spec || !spec->name || !spec->cols || spec->ncols == 0 || spec->ncols > 1000)
        return fail(b, XO_ERR_ARG, "表格定义不完整 (sheet spec incomplete)");
    if (b->cancelled)
        return XO_ERR_CANCELLED;
    enum xo_err err = xo_sheet_end(b);
    if (err)
        return err;
    lxw_error e = workbook_validate_sheet_name(b->wb, spec->name);
    char why[160];
    if (e != LXW_NO_ERROR)
        return fail(b, XO_ERR_ARG, "工作表名称“%s”无效: %s", spec->name,
                    syserr_lxw_text(e, why, sizeof why));
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, spec->name);
    if (!ws)
        return fail(b, XO_ERR_NOMEM, "(workbook_add_worksheet)");
    if (spec->ncols > b->width_cap) {
        int *w = realloc(b->width, spec->ncols * sizeof *w);
        if (w)
            b->width = w;
        int *hw = w ? realloc(b->head_width, spec->ncols * sizeof *hw) : NULL;
        if (hw)
            b->head_width = hw;
        void *h = hw ? realloc(b->hist, spec->ncols * sizeof *b->hist) : NULL;
        if (!h)
            return fail(b, XO_ERR_NOMEM, "(widths)");
        b->hist = h;
        b->width_cap = spec->ncols;
    }
    memset(b->hist, 0, spec->ncols * sizeof *b->hist);
    b->ws = ws;
    b->nsheets++;
    b->spec = *spec;
    b->row = ROW_DATA;
    b->col = 0;
    b->in_row = b->bold_row = b->in_footer = 0;
    b->sheet_rows = 0;

    /* Printing: header row on every page, page numbers in the footer (SPEC
     * §6); orientation, paper and scale when the sheet ends (apply_layout). */
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.7);
    worksheet_center_horizontally(ws);
    if ((e = worksheet_repeat_rows(ws, ROW_HEADER, ROW_HEADER)) != LXW_NO_ERROR ||
        (e = worksheet_set_footer(ws, "&C第 &P 页 共 &N 页")) != LXW_NO_ERROR)
        return lxw_fail(b, e, ROW_HEADER, 0);
    worksheet_freeze_panes(ws, ROW_DATA, 0);

    int header_lines = header_measure(b);
    if ((err = title_row(b)) ||
        (err = spec->intro && *spec->intro ? intro_row(b) : info_line(b)))
        return err;
    return header_row(b, header_lines);
}

void *xo_lxw_format(struct xo_book *b)
{
    return b ? font_format(b->wb) : NULL;
}

enum xo_err xo_form_begin(struct xo_book *b, const char *name)
{
    if (!b || !name)
        return fail(b, XO_ERR_ARG, "表格定义不完整 (form sheet without a name)");
    if (b->cancelled)
        return XO_ERR_CANCELLED;
    enum xo_err err = xo_sheet_end(b);
    if (err)
        return err;
    char why[160];
    lxw_error e = workbook_validate_sheet_name(b->wb, name);
    if (e != LXW_NO_ERROR)
        return fail(b, XO_ERR_ARG, "工作表名称“%s”无效: %s", name, syserr_lxw_text(e, why, sizeof why));
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
    if (!ws)
        return fail(b, XO_ERR_NOMEM, "(workbook_add_worksheet)");
    b->ws = ws;
    b->nsheets++;
    b->spec = (struct xo_sheet_spec){ .name = name };     /* no columns: nothing to size */
    b->row = 0;
    b->col = 0;
    b->in_row = b->bold_row = b->in_footer = 0;
    b->sheet_rows = 0;
    worksheet_set_portrait(ws);
    worksheet_set_paper(ws, 9);                 /* 9 = A4 */
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.7);
    worksheet_center_horizontally(ws);
    if ((e = worksheet_set_footer(ws, "&C第 &P 页 共 &N 页")) != LXW_NO_ERROR)
        return lxw_fail(b, e, 0, 0);
    return XO_OK;
}

/* ---- rows ---------------------------------------------------------------- */

static enum xo_err cell_check(struct xo_book *b)
{
    if (!b)
        return XO_ERR_ARG;
    if (b->cancelled)
        return XO_ERR_CANCELLED;
    if (!b->in_row)
        return fail(b, XO_ERR_STATE, "单元格不在行内 (cell outside a row)");
    if (b->col >= b->spec.ncols)
        return fail(b, XO_ERR_ARG, "第 %" PRIu32 " 行单元格多于 %zu 列 (too many cells)",
                    b->row + 1, b->spec.ncols);
    return XO_OK;
}

static lxw_format *cell_fmt(struct xo_book *b)
{
    return b->f_cell[b->bold_row][b->spec.cols[b->col].kind];
}

enum xo_err xo_row_begin(struct xo_book *b)
{
    if (!b)
        return XO_ERR_ARG;
    if (b->cancelled)
        return XO_ERR_CANCELLED;
    if (!b->ws || b->in_row || b->in_footer)
        return fail(b, XO_ERR_STATE, "没有打开的表格或上一行未结束 (no sheet or row open)");
    if (b->row >= LXW_ROW_MAX)
        return fail(b, XO_ERR_WRITE, "超过 Excel 最大行数 %d (too many rows)", LXW_ROW_MAX);
    /* Reported once before the first row, so the bar shows the total (and
     * Esc is read) from the start, not only after XO_PROGRESS_EVERY rows. */
    if (b->progress && !b->reported) {
        b->reported = 1;
        if (b->progress(b->progress_ctx, XO_PHASE_ROWS, b->book_rows, b->total)) {
            b->cancelled = 1;
            return fail(b, XO_ERR_CANCELLED, "用户取消导出 (cancelled by the user)");
        }
    }
    b->in_row = 1;
    b->bold_row = 0;
    b->col = 0;
    return XO_OK;
}

enum xo_err xo_row_bold(struct xo_book *b)
{
    if (!b)
        return XO_ERR_ARG;
    if (!b->in_row || b->col != 0)
        return fail(b, XO_ERR_STATE, "xo_row_bold 须在本行第一个单元格之前 (before the cells)");
    b->bold_row = FMT_BOLD;
    return XO_OK;
}

static enum xo_err put_string(struct xo_book *b, const char *s)
{
    lxw_error e = worksheet_write_string(b->ws, b->row, (lxw_col_t)b->col, s, cell_fmt(b));
    if (e != LXW_NO_ERROR)
        return lxw_fail(b, e, b->row, b->col);
    /* text_width_cjk(s) <= strlen(s) (a wide character takes 3 or 4 UTF-8
     * bytes), so once a column is wide enough most cells need no decoding;
     * free text is measured whole, for its percentile. */
    if ((int)strlen(s) + 2 > b->width[b->col] || b->spec.cols[b->col].kind == XO_TEXT)
        measure(b, xo_text_width(s));
    b->col++;
    return XO_OK;
}

enum xo_err xo_put_blank(struct xo_book *b)
{
    enum xo_err err = cell_check(b);
    if (err)
        return err;
    lxw_error e = worksheet_write_blank(b->ws, b->row, (lxw_col_t)b->col, cell_fmt(b));
    if (e != LXW_NO_ERROR)
        return lxw_fail(b, e, b->row, b->col);
    b->col++;
    return XO_OK;
}

/* A whole YYYY-MM-DD from 1900-03-01 on (before it Excel's serials count the
 * 1900-02-29 that never was; libxlsxwriter adds that day for later dates). */
static int parse_date(const char *s, lxw_datetime *dt)
{
    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] || (m == 2 && d == 29 && !leap) ||
        (y == 1900 && m < 3))
        return 0;
    *dt = (lxw_datetime){ .year = y, .month = m, .day = d };
    return 1;
}

/* A date as an Excel date (a number shown yyyy-mm-dd); anything else as text. */
static enum xo_err put_date(struct xo_book *b, const char *s)
{
    lxw_datetime dt;
    if (!parse_date(s, &dt))
        return put_string(b, s);
    lxw_error e = worksheet_write_datetime(b->ws, b->row, (lxw_col_t)b->col, &dt, cell_fmt(b));
    if (e != LXW_NO_ERROR)
        return lxw_fail(b, e, b->row, b->col);
    measure(b, 12);
    b->col++;
    return XO_OK;
}

enum xo_err xo_put_text(struct xo_book *b, const char *s)
{
    enum xo_err err = cell_check(b);
    if (err)
        return err;
    if (!s || !*s)
        return xo_put_blank(b);
    char masked[24];
    switch (b->spec.cols[b->col].kind) {
    case XO_ID_MASKED:
        /* The one masking rule (core/idno.c); anything not a full 18-character
         * number masks to "" — never printed unmasked. */
        idno_mask(s, masked);
        return *masked ? put_string(b, masked) : xo_put_blank(b);
    case XO_PHONE_MASKED:
        phone_mask(s, masked);
        return *masked ? put_string(b, masked) : xo_put_blank(b);
    case XO_DATE:
        return put_date(b, s);
    default:
        return put_string(b, s);
    }
}

static enum xo_err put_number(struct xo_book *b, double v, int w)
{
    lxw_error e = worksheet_write_number(b->ws, b->row, (lxw_col_t)b->col, v, cell_fmt(b));
    if (e != LXW_NO_ERROR)
        return lxw_fail(b, e, b->row, b->col);
    measure(b, w);
    b->col++;
    return XO_OK;
}

enum xo_err xo_put_int(struct xo_book *b, int64_t v)
{
    enum xo_err err = cell_check(b);
    if (err)
        return err;
    char buf[32];
    switch (b->spec.cols[b->col].kind) {
    case XO_INT:
        return put_number(b, (double)v, digit_count(v) + (v < 0) + 2);
    case XO_MONEY:
        /* fen → 元: the double nearest to v/100, shown with 2 decimals; exact
         * for any amount below 2^53 fen. */
        return put_number(b, (double)v / 100.0, money_width(v));
    case XO_PERCENT:
        return put_number(b, (double)v / 10000.0, money_width(v) + 1);
    case XO_NUMBER:
        return put_number(b, (double)v, money_width(v * 100));
    default:
        snprintf(buf, sizeof buf, "%" PRId64, v);
        return xo_put_text(b, buf);
    }
}

enum xo_err xo_put_double(struct xo_book *b, double v)
{
    enum xo_err err = cell_check(b);
    if (err)
        return err;
    char buf[64];
    int w = snprintf(buf, sizeof buf, "%.2f", v) + 2;
    switch (b->spec.cols[b->col].kind) {
    case XO_INT: case XO_MONEY: case XO_PERCENT: case XO_NUMBER:
        return put_number(b, v, w);
    default:
        return xo_put_text(b, buf);
    }
}

enum xo_err xo_row_end(struct xo_book *b)
{
    if (!b)
        return XO_ERR_ARG;
    if (b->cancelled)
        return XO_ERR_CANCELLED;
    if (!b->in_row)
        return fail(b, XO_ERR_STATE, "没有打开的行 (no row open)");
    /* Cells not fed stay blank but bordered, so the printed grid is whole. */
    while (b->col < b->spec.ncols) {
        enum xo_err err = xo_put_blank(b);
        if (err)
            return err;
    }
    b->in_row = 0;
    b->row++;
    b->sheet_rows++;
    b->book_rows++;
    if (b->progress && b->book_rows % XO_PROGRESS_EVERY == 0 &&
        b->progress(b->progress_ctx, XO_PHASE_ROWS, b->book_rows, b->total)) {
        b->cancelled = 1;
        return fail(b, XO_ERR_CANCELLED, "用户取消导出 (cancelled by the user)");
    }
    return XO_OK;
}

static enum xo_err footer_line(struct xo_book *b, const char *text, lxw_format *f)
{
    if (!b)
        return XO_ERR_ARG;
    if (b->cancelled)
        return XO_ERR_CANCELLED;
    if (!b->ws || b->in_row)
        return fail(b, XO_ERR_STATE, "没有打开的表格或上一行未结束 (no sheet or row open)");
    if (!b->in_footer) {
        b->in_footer = 1;
        b->row++;               /* one empty row between the table and its footer */
    }
    lxw_error e = LXW_NO_ERROR;
    if (text && *text)
        e = b->spec.ncols == 1
            ? worksheet_write_string(b->ws, b->row, 0, text, f)
            : worksheet_merge_range(b->ws, b->row, 0, b->row, (lxw_col_t)(b->spec.ncols - 1),
                                    text, f);
    if (e != LXW_NO_ERROR)
        return lxw_fail(b, e, b->row, 0);
    b->row++;
    return XO_OK;
}

enum xo_err xo_footer_line(struct xo_book *b, const char *text)
{
    return footer_line(b, text, b ? b->f_footer : NULL);
}

enum xo_err xo_footer_line_right(struct xo_book *b, const char *text)
{
    return footer_line(b, text, b ? b->f_footer_right : NULL);
}

/* ---- close --------------------------------------------------------------- */

/* workbook_close here; *sys = errno after it (the zip writer's failing write
 * leaves ENOSPC there).  Frees the workbook. */
static lxw_error close_here(struct xo_book *b, int *sys)
{
    int muted = stderr_mute();
    errno = 0;
    lxw_error e = workbook_close(b->wb);
    *sys = errno;
    stderr_unmute(muted);
    b->wb = NULL;
    return e;
}

/* Test hook: a child that compresses pauses this long first, so that a tmux
 * test can press Esc while 正在压缩 shows (tests/e2e/tui_export_cancel.sh). */
static unsigned close_pause_ms(void)
{
    const char *s = getenv("FUPIN_TEST_CLOSE_PAUSE_MS");
    return s ? (unsigned)strtoul(s, NULL, 10) : 0;
}

/* workbook_close is one call with no callback, and compressing a county
 * roster takes seconds: it runs in a child process, and the parent reports
 * XO_PHASE_CLOSE every CLOSE_POLL_MS so that Esc is read.  On cancel the
 * child is killed and the caller removes the temp file: the target is never
 * touched.  The child answers (lxw_error, errno) through a pipe; a child that
 * dies without answering is a failed write.  The parent frees its own copy
 * of the workbook without writing.  CLOSE_CANCELLED when cancelled. */
#define CLOSE_POLL_MS 100
#define CLOSE_CANCELLED (-1)
static int close_in_child(struct xo_book *b, int *sys)
{
    int fds[2];
    if (pipe(fds) != 0)
        return close_here(b, sys);
    fflush(NULL);               /* nothing buffered is written twice */
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return close_here(b, sys);
    }
    if (pid == 0) {
        close(fds[0]);
        unsigned pause = close_pause_ms();
        if (pause)
            usleep(pause * 1000u);
        int answer[2];
        answer[0] = (int)close_here(b, &answer[1]);
        ssize_t w = write(fds[1], answer, sizeof answer);
        _exit(w == (ssize_t)sizeof answer ? 0 : 1);
    }
    close(fds[1]);
    int answer[2] = { LXW_ERROR_CREATING_XLSX_FILE, 0 }, cancelled = 0;
    struct pollfd pfd = { .fd = fds[0], .events = POLLIN };
    for (;;) {
        int r = poll(&pfd, 1, CLOSE_POLL_MS);
        if (r > 0) {
            if (read(fds[0], answer, sizeof answer) != (ssize_t)sizeof answer)
                answer[0] = LXW_ERROR_CREATING_XLSX_FILE;
            break;
        }
        if (r < 0 && errno != EINTR)
            break;
        if (b->progress(b->progress_ctx, XO_PHASE_CLOSE, b->book_rows, b->total)) {
            kill(pid, SIGKILL);
            cancelled = 1;
            break;
        }
    }
    close(fds[0]);
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
        ;
    /* The parent's copy, freed only now: its temp files share their offsets
     * with the child's, which must not move while the child reads them. */
    lxw_workbook_free(b->wb);
    b->wb = NULL;
    *sys = answer[1];
    return cancelled ? CLOSE_CANCELLED : answer[0];
}

void xo_abort(struct xo_book *b)
{
    if (!b)
        return;
    if (b->wb)
        lxw_workbook_free(b->wb);       /* frees sheets, formats, temp files */
    if (b->tmp_path && b->wb)
        unlink(b->tmp_path);
    free(b->width);
    free(b->head_width);
    free(b->hist);
    free(b->path);
    free(b->tmp_path);
    free(b);
}

enum xo_err xo_close(struct xo_book *b)
{
    if (!b)
        return fail(NULL, XO_ERR_ARG, "(xo_close(NULL))");
    enum xo_err err = b->cancelled ? XO_ERR_CANCELLED : xo_sheet_end(b);
    if (err == XO_OK && b->nsheets == 0)
        err = fail(b, XO_ERR_STATE, "工作簿没有工作表 (workbook has no sheet)");
    if (err == XO_OK && b->progress &&
        b->progress(b->progress_ctx, XO_PHASE_CLOSE, b->book_rows, b->total))
        err = fail(b, XO_ERR_CANCELLED, "用户取消导出 (cancelled by the user)");
    if (err) {
        snprintf(last_error, sizeof last_error, "%s", b->err);
        xo_abort(b);
        return err;
    }
    /* workbook_close assembles every sheet, compresses and writes the zip,
     * then frees the workbook whatever happened. */
    int sys = 0;
    int closed = b->progress ? close_in_child(b, &sys) : (int)close_here(b, &sys);
    if (closed == CLOSE_CANCELLED) {
        fail(b, XO_ERR_CANCELLED, "用户取消导出 (cancelled by the user)");
        snprintf(last_error, sizeof last_error, "%s", b->err);
        unlink(b->tmp_path);
        xo_abort(b);
        return XO_ERR_CANCELLED;
    }
    lxw_error e = (lxw_error)closed;
    char why[160];
    if (e != LXW_NO_ERROR && (sys == ENOSPC || sys == EDQUOT)) {
        fail(b, XO_ERR_CLOSE, "%s: %s", b->path, syserr_text(sys, why, sizeof why));
    } else if (e != LXW_NO_ERROR) {
        fail(b, XO_ERR_CLOSE, "%s: %s", b->path, syserr_lxw_text(e, why, sizeof why));
    } else if (rename(b->tmp_path, b->path) != 0) {
        fail(b, XO_ERR_CLOSE, "%s: %s", b->path, syserr_text(errno, why, sizeof why));
        e = LXW_ERROR_CREATING_XLSX_FILE;
    }
    if (e != LXW_NO_ERROR) {
        unlink(b->tmp_path);
        xo_abort(b);
        return XO_ERR_CLOSE;
    }
    if (b->progress)
        b->progress(b->progress_ctx, XO_PHASE_CLOSE, b->book_rows, b->book_rows);
    xo_abort(b);
    return XO_OK;
}
