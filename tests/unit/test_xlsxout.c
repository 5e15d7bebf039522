/* The Excel writer (core/xlsxout.c): small files written, then read back with
 * /usr/bin/python3 openpyxl through tests/xlsx_read.py, checking what SPEC §6
 * requires of every export. */
#include "tests/harness.h"
#include "tests/unit/test_export_util.h"
#include "core/xlsxout.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct xo_col COLS[] = {
    { "姓名", XO_TEXT, 0 },
    { "身份证号", XO_ID, 0 },
    { "身份证号(公示)", XO_ID_MASKED, 0 },
    { "联系电话", XO_PHONE_MASKED, 0 },
    { "银行账号", XO_DIGITS, 0 },
    { "年龄", XO_INT, 0 },
    { "年人均纯收入", XO_MONEY, 0 },
    { "调查日期", XO_DATE, 12 },
};
#define NCOLS (sizeof COLS / sizeof *COLS)

static const struct xo_sheet_spec SPEC = {
    .name = "花名册", .title = "古潭乡那门村2026年贫困户花名册", .unit = "那门村村委会",
    .date = "2026-03-05", .units = "元、人", .cols = COLS, .ncols = NCOLS,
};

/* One sheet, two data rows, a total row and a footer line. */
static void write_small(const char *path, unsigned flags)
{
    struct xo_book *b;
    CHECK_INT(xo_open(path, flags, &b), XO_OK);
    CHECK_INT(xo_sheet_begin(b, &SPEC), XO_OK);
    CHECK_INT(xo_row_begin(b), XO_OK);
    CHECK_INT(xo_put_text(b, "阿卜杜·热合曼"), XO_OK);
    CHECK_INT(xo_put_text(b, "450123199001011234"), XO_OK);
    CHECK_INT(xo_put_text(b, "450123199001011234"), XO_OK);
    CHECK_INT(xo_put_text(b, "13812345678"), XO_OK);
    CHECK_INT(xo_put_text(b, "6228480012345678901"), XO_OK);
    CHECK_INT(xo_put_int(b, 36), XO_OK);
    CHECK_INT(xo_put_int(b, 123456), XO_OK);          /* 1234.56 元 */
    CHECK_INT(xo_put_text(b, "2026-03-01"), XO_OK);
    CHECK_INT(xo_row_end(b), XO_OK);
    CHECK_INT(xo_row_begin(b), XO_OK);                 /* a short row: rest blank */
    CHECK_INT(xo_put_text(b, "李四"), XO_OK);
    CHECK_INT(xo_put_text(b, "11010519491231002X"), XO_OK);
    CHECK_INT(xo_put_text(b, "123"), XO_OK);           /* not an ID: masks to blank */
    CHECK_INT(xo_row_end(b), XO_OK);
    CHECK_INT(xo_row_begin(b), XO_OK);
    CHECK_INT(xo_row_bold(b), XO_OK);
    CHECK_INT(xo_put_text(b, "合计"), XO_OK);
    CHECK_INT(xo_row_end(b), XO_OK);
    CHECK_INT(xo_sheet_rows(b), 3);
    CHECK_INT(xo_footer_line(b, "公示期：2026-03-01 至 2026-03-07"), XO_OK);
    CHECK_INT(xo_footer_line(b, "监督电话：0771-1234567"), XO_OK);
    CHECK_INT(xo_close(b), XO_OK);
}

static void check_small(const char *dump)
{
    CHECK(xr_has(dump, "sheets\t花名册"));
    CHECK(xr_has(dump, "merge\tA1:H1"));                        /* title over all 8 columns */
    CHECK(xr_has(dump, "cell\tA1\ts\tGeneral\t宋体\t11.0\t1\tNone\t古潭乡那门村2026年贫困户花名册"));
    /* 填报 line: three blocks over 8 columns: A:B, C:F, G:H */
    CHECK(xr_has(dump, "merge\tA2:B2"));
    CHECK(xr_has(dump, "merge\tC2:F2"));
    CHECK(xr_has(dump, "merge\tG2:H2"));
    CHECK(xr_has(dump, "\tA2\ts\tGeneral\t宋体\t11.0\t0\tNone\t填报单位：那门村村委会"));
    CHECK(xr_has(dump, "\tC2\ts\tGeneral\t宋体\t11.0\t0\tNone\t填报日期：2026-03-05"));
    CHECK(xr_has(dump, "\tG2\ts\tGeneral\t宋体\t11.0\t0\tNone\t单位：元、人"));
    /* header: bold, bordered, frozen below */
    CHECK(xr_has(dump, "cell\tA3\ts\tGeneral\t宋体\t11.0\t1\tthin\t姓名"));
    CHECK(xr_has(dump, "cell\tG3\ts\tGeneral\t宋体\t11.0\t1\tthin\t年人均纯收入"));
    CHECK(xr_has(dump, "freeze\tA4"));
    /* data: the full ID as text keeps all 18 digits; masked by the one rule */
    CHECK(xr_has(dump, "cell\tA4\ts\t@\t宋体\t11.0\t0\tthin\t阿卜杜·热合曼"));
    CHECK(xr_has(dump, "cell\tB4\ts\t@\t宋体\t11.0\t0\tthin\t450123199001011234"));
    CHECK(xr_has(dump, "cell\tC4\ts\t@\t宋体\t11.0\t0\tthin\t450123********1234"));
    CHECK(xr_has(dump, "cell\tD4\ts\t@\t宋体\t11.0\t0\tthin\t138****5678"));
    CHECK(xr_has(dump, "cell\tE4\ts\t@\t宋体\t11.0\t0\tthin\t6228480012345678901"));
    CHECK(xr_has(dump, "cell\tF4\tn\t0\t宋体\t11.0\t0\tthin\t36"));
    CHECK(xr_has(dump, "cell\tG4\tn\t0.00\t宋体\t11.0\t0\tthin\t1234.56"));
    CHECK(xr_has(dump, "cell\tH4\ts\t@\t宋体\t11.0\t0\tthin\t2026-03-01"));
    CHECK(xr_has(dump, "cell\tB5\ts\t@\t宋体\t11.0\t0\tthin\t11010519491231002X"));
    CHECK(xr_has(dump, "cell\tC5\tn\t@\t宋体\t11.0\t0\tthin\t\n"));  /* "123" masked away */
    CHECK(xr_has(dump, "cell\tH5\tn\t@\t宋体\t11.0\t0\tthin\t\n"));  /* unfed: blank, bordered */
    CHECK(xr_has(dump, "cell\tA6\ts\t@\t宋体\t11.0\t1\tthin\t合计"));
    CHECK(xr_has(dump, "cell\tG6\tn\t0.00\t宋体\t11.0\t1\tthin\t\n"));
    /* footer lines after one empty row, merged over the columns */
    CHECK(xr_has(dump, "merge\tA8:H8"));
    CHECK(xr_has(dump, "\tA8\ts\tGeneral\t宋体\t11.0\t0\tNone\t公示期：2026-03-01 至 2026-03-07"));
    CHECK(xr_has(dump, "\tA9\ts\tGeneral\t宋体\t11.0\t0\tNone\t监督电话：0771-1234567"));
    /* print setup */
    CHECK(xr_has(dump, "orientation\tlandscape"));
    CHECK(xr_has(dump, "paper\t9"));
    CHECK(xr_has(dump, "fit\t1 0 True"));
    CHECK(xr_has(dump, "titles\t$3:$3"));
    CHECK(xr_has(dump, "footer\t第 &P 页 共 &N 页"));
    /* CJK-aware widths: 阿卜杜·热合曼 = 6 CJK (12) + · (1) + 2 = 15; the ID
     * 18 + 2 = 20; 年人均纯收入 header 12 + 2 = 14; min_width 12 wins for 日期
     * (10 + 2 = 12 as well); 年龄 header 4 + 2 = 6.  Excel stores +0.71. */
    CHECK(xr_has(dump, "width\tA\t15.71"));
    CHECK(xr_has(dump, "width\tB\t20.71"));
    CHECK(xr_has(dump, "width\tF\t6.71"));
    CHECK(xr_has(dump, "width\tG\t14.71"));
    CHECK(xr_has(dump, "width\tH\t12.71"));
}

TEST(xlsxout_stream_layout_read_back)
{
    char path[512];
    snprintf(path, sizeof path, "%s/small.xlsx", t_tmpdir());
    write_small(path, XO_STREAM);
    char *dump = xr_dump(path);
    CHECK(dump != NULL);
    if (dump)
        check_small(dump);
    free(dump);
    struct stat st;
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);   /* full IDs: private */
}

TEST(xlsxout_memory_mode_same_layout)
{
    char path[512];
    snprintf(path, sizeof path, "%s/small_mem.xlsx", t_tmpdir());
    write_small(path, 0);
    char *dump = xr_dump(path);
    CHECK(dump != NULL);
    if (dump)
        check_small(dump);
    free(dump);
}

TEST(xlsxout_widths_clamped_and_min)
{
    static const struct xo_col cols[] = { { "备注", XO_TEXT, 0 }, { "号", XO_TEXT, 9 } };
    struct xo_sheet_spec s = { .name = "表", .title = "T", .cols = cols, .ncols = 2 };
    char path[512];
    snprintf(path, sizeof path, "%s/w.xlsx", t_tmpdir());
    struct xo_book *b;
    CHECK_INT(xo_open(path, XO_STREAM, &b), XO_OK);
    CHECK_INT(xo_sheet_begin(b, &s), XO_OK);
    char longtext[400] = "";
    for (int i = 0; i < 50; i++)
        strcat(longtext, "很长");
    CHECK_INT(xo_row_begin(b), XO_OK);
    CHECK_INT(xo_put_text(b, longtext), XO_OK);
    CHECK_INT(xo_put_text(b, "1"), XO_OK);
    CHECK_INT(xo_row_end(b), XO_OK);
    CHECK_INT(xo_close(b), XO_OK);
    char *dump = xr_dump(path);
    CHECK(dump && xr_has(dump, "width\tA\t60.71"));       /* XO_MAX_WIDTH */
    CHECK(dump && xr_has(dump, "width\tB\t9.71"));        /* min_width */
    /* two columns: the 填报 line is one merged cell */
    CHECK(dump && xr_has(dump, "merge\tA2:B2"));
    free(dump);
}

TEST(xlsxout_text_width_cjk)
{
    CHECK_INT(xo_text_width(""), 2);
    CHECK_INT(xo_text_width("ab"), 4);
    CHECK_INT(xo_text_width("中文"), 6);
    CHECK_INT(xo_text_width(NULL), 2);
}

TEST(xlsxout_errors_returned_not_printed)
{
    struct xo_book *b = NULL;
    /* unwritable place: refused at open, with the path in the message */
    CHECK_INT(xo_open("/nonexistent-dir/x.xlsx", XO_STREAM, &b), XO_ERR_CREATE);
    CHECK(b == NULL);
    CHECK(strstr(xo_last_error(), "/nonexistent-dir/x.xlsx") != NULL);
    CHECK(strstr(xo_strerror(XO_ERR_CREATE), "无法创建") != NULL);
    CHECK_INT(xo_open("", 0, &b), XO_ERR_ARG);

    char path[512];
    snprintf(path, sizeof path, "%s/e.xlsx", t_tmpdir());
    CHECK_INT(xo_open(path, XO_STREAM, &b), XO_OK);
    CHECK_INT(xo_row_begin(b), XO_ERR_STATE);              /* no sheet yet */
    struct xo_sheet_spec bad = SPEC;
    bad.name = "bad[name]";
    CHECK_INT(xo_sheet_begin(b, &bad), XO_ERR_ARG);
    CHECK(strstr(xo_errmsg(b), "bad[name]") != NULL);
    CHECK_INT(xo_sheet_begin(b, &SPEC), XO_OK);
    CHECK_INT(xo_put_text(b, "x"), XO_ERR_STATE);          /* cell outside a row */
    CHECK_INT(xo_row_begin(b), XO_OK);
    CHECK_INT(xo_row_begin(b), XO_ERR_STATE);
    for (size_t i = 0; i < NCOLS; i++)
        CHECK_INT(xo_put_blank(b), XO_OK);
    CHECK_INT(xo_put_blank(b), XO_ERR_ARG);                /* one cell too many */
    CHECK_INT(xo_row_end(b), XO_OK);
    CHECK_INT(xo_sheet_begin(b, &SPEC), XO_ERR_ARG);       /* duplicate sheet name */
    xo_abort(b);
    CHECK(access(path, F_OK) != 0);                         /* nothing left behind */
    char tmp[600];
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    CHECK(access(tmp, F_OK) != 0);
}

static int cancel_at_4000(void *ctx, enum xo_phase phase, int64_t done, int64_t total)
{
    int *calls = ctx;
    (*calls)++;
    CHECK_INT(phase, XO_PHASE_ROWS);
    CHECK_INT(total, 10000);
    return done >= 4000;
}

TEST(xlsxout_cancel_leaves_old_file)
{
    char path[512];
    snprintf(path, sizeof path, "%s/c.xlsx", t_tmpdir());
    FILE *f = fopen(path, "w");
    fputs("old", f);
    fclose(f);
    struct xo_book *b;
    int calls = 0;
    CHECK_INT(xo_open(path, XO_STREAM, &b), XO_OK);
    xo_set_progress(b, cancel_at_4000, &calls);
    xo_set_total(b, 10000);
    CHECK_INT(xo_sheet_begin(b, &SPEC), XO_OK);
    enum xo_err err = XO_OK;
    for (int i = 0; i < 10000 && err == XO_OK; i++) {
        err = xo_row_begin(b);
        if (!err)
            err = xo_put_int(b, i);
        if (!err)
            err = xo_row_end(b);
    }
    CHECK_INT(err, XO_ERR_CANCELLED);
    CHECK_INT(calls, 2);                                    /* at 2000 and 4000 */
    CHECK_INT(xo_close(b), XO_ERR_CANCELLED);
    f = fopen(path, "r");
    char buf[8] = "";
    CHECK(f && fgets(buf, sizeof buf, f));
    if (f)
        fclose(f);
    CHECK_STR(buf, "old");
}

struct prog { int rows, close; int64_t last; };
static int count_progress(void *ctx, enum xo_phase phase, int64_t done, int64_t total)
{
    struct prog *p = ctx;
    (void)total;
    if (phase == XO_PHASE_ROWS)
        p->rows++;
    else
        p->close++;                 /* once before compressing, once after */
    p->last = done;
    return 0;
}

TEST(xlsxout_progress_and_multi_sheet)
{
    char path[512];
    snprintf(path, sizeof path, "%s/p.xlsx", t_tmpdir());
    struct xo_book *b;
    struct prog p = { 0 };
    CHECK_INT(xo_open(path, XO_STREAM, &b), XO_OK);
    xo_set_progress(b, count_progress, &p);
    xo_set_total(b, 5000);
    struct xo_sheet_spec s2 = SPEC;
    s2.name = "第二页";
    CHECK_INT(xo_sheet_begin(b, &SPEC), XO_OK);
    for (int i = 0; i < 3000; i++) {
        xo_row_begin(b);
        xo_put_text(b, "甲");
        CHECK_INT(xo_row_end(b), XO_OK);
    }
    CHECK_INT(xo_sheet_begin(b, &s2), XO_OK);
    CHECK_INT(xo_next_row(b), 3);
    for (int i = 0; i < 2000; i++) {
        xo_row_begin(b);
        xo_put_text(b, "乙");
        CHECK_INT(xo_row_end(b), XO_OK);
    }
    CHECK_INT(xo_sheet_rows(b), 2000);
    CHECK_INT(xo_book_rows(b), 5000);
    CHECK_INT(xo_close(b), XO_OK);
    CHECK_INT(p.rows, 2);
    CHECK_INT(p.close, 2);
    CHECK_INT(p.last, 5000);
    char *dump = xr_dump(path);
    CHECK(dump && xr_has(dump, "sheets\t花名册|第二页"));
    CHECK(dump && xr_has(dump, "cell\tA3002\ts\t@\t宋体\t11.0\t0\tthin\t甲"));
    CHECK(dump && xr_has(dump, "cell\tA2002\ts\t@\t宋体\t11.0\t0\tthin\t乙"));
    free(dump);
}
