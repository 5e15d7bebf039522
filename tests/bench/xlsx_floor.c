/* xlsx_floor.c — the floor of the roster export benchmark (issue 7 §Speed):
 * the same cells written with libxlsxwriter alone, in constant_memory mode,
 * with formats like fupin's (宋体 GB2312 bordered, vertically centred: free
 * text "@" indented and wrapped, fixed-width text "@" centred, integers "0"
 * centred, money "#,##0.00"; core/xlsxout.c make_formats), so that `fupin export roster` / this = the cost of everything fupin
 * adds (the query, codes to labels, masking, widths, the row loop).
 *
 *   xlsx_floor --dump DB OUT.tsv     the roster's cells as TSV (uses fupin's
 *                                     query; run once, not timed)
 *   xlsx_floor IN.tsv OUT.xlsx        the floor: TSV in, xlsx out
 *   xlsx_floor --parse IN.tsv         reads the TSV only (its share of the floor)
 *
 * TSV: line 1 the column kinds (s = free text, c = centred text, i = integer,
 * m = money), line 2 the headers,
 * then one line per member; an empty field is a blank cell.  The input is
 * mmap'd, so reading it costs a page walk, not a copy. */
#include "db/export_queries.h"
#include "db/export_reports.h"
#include "core/codes.h"
#include "core/workflow.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define MAXCOLS 64

/* ---- --dump: the cells fupin writes, as text ---- */

static int money_col[MAXCOLS];      /* column i holds money (fen → 元) */

static void put(FILE *f, const char *s, int last)
{
    fputs(s, f);
    fputc(last ? '\n' : '\t', f);
}

/* The cells fupin writes (export_roster_cell), money in 元 with 2 decimals. */
static int dump_row(void *ud, const struct roster_row *r)
{
    FILE *f = ud;
    size_t n;
    export_roster_headers(&n);
    for (size_t i = 0; i < n; i++) {
        struct roster_cell c;
        char num[32];
        export_roster_cell(r, i, &c);
        if (c.kind == RCELL_NUMBER && money_col[i])
            snprintf(num, sizeof num, "%s%lld.%02lld", c.num < 0 ? "-" : "",
                     (long long)(c.num < 0 ? -c.num : c.num) / 100, (long long)(c.num < 0 ? -c.num : c.num) % 100);
        else if (c.kind == RCELL_NUMBER)
            snprintf(num, sizeof num, "%lld", (long long)c.num);
        put(f, c.kind == RCELL_TEXT ? c.text : c.kind == RCELL_NUMBER ? num : "", i + 1 == n);
    }
    return 0;
}

static int dump(const char *dbpath, const char *out)
{
    struct db *db;
    char err[512];
    if (db_open(dbpath, DB_READONLY, &db, err, sizeof err) != DB_OK) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    FILE *f = fopen(out, "w");
    if (!f) {
        perror(out);
        return 1;
    }
    size_t n;
    const char *const *h = export_roster_headers(&n);
    /* kinds: n for the number columns, s for the others */
    for (size_t i = 0; i < n; i++) {
        enum xo_kind k = export_roster_kind(i);
        money_col[i] = k == XO_MONEY;
        char kind = k == XO_MONEY ? 'm' : k == XO_INT ? 'i' : k == XO_TEXT ? 's' : 'c';
        fprintf(f, "%c%c", kind, i + 1 < n ? '\t' : '\n');
    }
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s%c", h[i], i + 1 < n ? '\t' : '\n');
    struct export_filter flt = { 0 };
    enum db_err e = db_roster_each(db, &flt, "2026-03-05", dump_row, f, NULL);
    fclose(f);
    db_close(db);
    return e != DB_OK;
}

/* ---- the floor ---- */

static lxw_format *fmt(lxw_workbook *wb, const char *num, int bold, int centred, int indent)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_font_name(f, "宋体");
    format_set_font_size(f, 11);
    format_set_font_charset(f, 134);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_num_format(f, num);
    if (centred)
        format_set_align(f, LXW_ALIGN_CENTER);
    if (indent) {
        format_set_indent(f, 1);
        format_set_text_wrap(f);
    }
    if (bold)
        format_set_bold(f);
    return f;
}

static int is_number(char kind)
{
    return kind == 'i' || kind == 'm';
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "--dump"))
        return dump(argv[2], argv[3]);
    int parse_only = argc == 3 && !strcmp(argv[1], "--parse");
    if (argc != 3) {
        fprintf(stderr, "usage: xlsx_floor --dump DB OUT.tsv | IN.tsv OUT.xlsx | --parse IN.tsv\n");
        return 2;
    }
    const char *in = parse_only ? argv[2] : argv[1];
    int fd = open(in, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        perror(in);
        return 1;
    }
    char *buf = mmap(NULL, (size_t)st.st_size + 1, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (buf == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    char *end = buf + st.st_size, *p = buf;
    char kinds[MAXCOLS];
    int ncols = 0;
    while (p < end && *p != '\n') {
        if (*p != '\t' && ncols < MAXCOLS)
            kinds[ncols++] = *p;
        p++;
    }
    p++;
    lxw_workbook *wb = NULL;
    lxw_worksheet *ws = NULL;
    lxw_format *f_kind[128] = { 0 }, *f_head = NULL;
    if (!parse_only) {
        lxw_workbook_options o = { .constant_memory = LXW_TRUE };
        wb = workbook_new_opt(argv[2], &o);
        ws = workbook_add_worksheet(wb, "花名册");
        f_kind['s'] = fmt(wb, "@", 0, 0, 1);
        f_kind['c'] = fmt(wb, "@", 0, 1, 0);
        f_kind['i'] = fmt(wb, "0", 0, 1, 0);
        f_kind['m'] = fmt(wb, "#,##0.00", 0, 0, 0);
        f_head = fmt(wb, "General", 1, 1, 0);
    }
    lxw_row_t row = 0;
    long cells = 0;
    double sink = 0;
    while (p < end) {
        for (int c = 0; c < ncols && p < end; c++) {
            char *s = p;
            while (p < end && *p != '\t' && *p != '\n')
                p++;
            char sep = *p;
            *p = 0;                     /* MAP_PRIVATE: our copy only */
            if (parse_only) {
                sink += is_number(kinds[c]) && *s ? atof(s) : (double)(p - s);
            } else if (!*s) {
                worksheet_write_blank(ws, row, (lxw_col_t)c, f_kind[(unsigned char)kinds[c]]);
            } else if (row > 0 && is_number(kinds[c])) {
                worksheet_write_number(ws, row, (lxw_col_t)c, atof(s), f_kind[(unsigned char)kinds[c]]);
            } else {
                worksheet_write_string(ws, row, (lxw_col_t)c, s, row ? f_kind[(unsigned char)kinds[c]] : f_head);
            }
            cells++;
            p++;
            if (sep == '\n')
                break;
        }
        row++;
    }
    if (!parse_only) {
        lxw_error e = workbook_close(wb);
        if (e != LXW_NO_ERROR) {
            fprintf(stderr, "workbook_close: %s\n", lxw_strerror(e));
            return 1;
        }
    }
    fprintf(stderr, "%ld cells, %u rows%s\n", cells, (unsigned)row, sink < 0 ? "" : "");
    return 0;
}
