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
#include <time.h>
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
    /* money with thousands separators; the date a real Excel date */
    CHECK(xr_has(dump, "cell\tG4\tn\t#,##0.00\t宋体\t11.0\t0\tthin\t1234.56"));
    CHECK(xr_has(dump, "cell\tH4\td\tyyyy-mm-dd\t宋体\t11.0\t0\tthin\t2026-03-01"));
    CHECK(xr_has(dump, "cell\tB5\ts\t@\t宋体\t11.0\t0\tthin\t11010519491231002X"));
    CHECK(xr_has(dump, "cell\tC5\tn\t@\t宋体\t11.0\t0\tthin\t\n"));  /* "123" masked away */
    CHECK(xr_has(dump, "cell\tH5\tn\tyyyy-mm-dd\t宋体\t11.0\t0\tthin\t\n"));  /* unfed: blank, bordered */
    CHECK(xr_has(dump, "cell\tA6\ts\t@\t宋体\t11.0\t1\tthin\t合计"));
    CHECK(xr_has(dump, "cell\tG6\tn\t#,##0.00\t宋体\t11.0\t1\tthin\t\n"));
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
     * 18 + 2 = 20; headers wrap onto two lines, so 年人均纯收入 asks 6 + 2
     * and "1,234.56" + 2 = 10 wins; 年龄 asks 2 + 2 = 4; min_width 12 wins for
     * 日期 (10 + 2 = 12 as well).  Excel stores +0.71. */
    CHECK(xr_has(dump, "width\tA\t15.71"));
    CHECK(xr_has(dump, "width\tB\t20.71"));
    CHECK(xr_has(dump, "width\tF\t4.71"));
    CHECK(xr_has(dump, "width\tG\t10.71"));
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
    CHECK_INT(calls, 3);                                    /* at 0, 2000 and 4000 */
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
    CHECK_INT(p.rows, 3);           /* 0 (before the first row), 2000, 4000 */
    CHECK(p.close >= 2);            /* before, while compressing (each 100 ms), after */
    CHECK_INT(p.last, 5000);
    char *dump = xr_dump(path);
    CHECK(dump && xr_has(dump, "sheets\t花名册|第二页"));
    CHECK(dump && xr_has(dump, "cell\tA3002\ts\t@\t宋体\t11.0\t0\tthin\t甲"));
    CHECK(dump && xr_has(dump, "cell\tA2002\ts\t@\t宋体\t11.0\t0\tthin\t乙"));
    free(dump);
}

static int64_t clock_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Esc while 正在压缩: the compressing child is stopped, nothing is left at
 * the path or beside it, and an older file of that name is untouched. */
static int cancel_compressing(void *ctx, enum xo_phase phase, int64_t done, int64_t total)
{
    int *close_calls = ctx;
    (void)done;
    (void)total;
    return phase == XO_PHASE_CLOSE && ++*close_calls == 2;
}

TEST(xlsxout_cancel_while_compressing)
{
    char path[512], tmp[600];
    snprintf(path, sizeof path, "%s/z.xlsx", t_tmpdir());
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    FILE *f = fopen(path, "w");
    fputs("old", f);
    fclose(f);
    setenv("FUPIN_TEST_CLOSE_PAUSE_MS", "2000", 1);
    struct xo_book *b;
    int close_calls = 0;
    CHECK_INT(xo_open(path, XO_STREAM, &b), XO_OK);
    xo_set_progress(b, cancel_compressing, &close_calls);
    CHECK_INT(xo_sheet_begin(b, &SPEC), XO_OK);
    for (int i = 0; i < 100; i++) {
        xo_row_begin(b);
        xo_put_int(b, i);
        CHECK_INT(xo_row_end(b), XO_OK);
    }
    int64_t t0 = clock_ms();
    CHECK_INT(xo_close(b), XO_ERR_CANCELLED);
    CHECK(clock_ms() - t0 < 1500);          /* stopped, not waited for */
    unsetenv("FUPIN_TEST_CLOSE_PAUSE_MS");
    CHECK_INT(close_calls, 2);
    CHECK(access(tmp, F_OK) != 0);
    f = fopen(path, "r");
    char buf[8] = "";
    CHECK(f && fgets(buf, sizeof buf, f));
    if (f)
        fclose(f);
    CHECK_STR(buf, "old");
}

/* Dates: a whole date from 1900-03-01 on is an Excel date (serial checked:
 * 1900-03-01 is 61 because of Excel's 1900-02-29); anything else stays the
 * text given, so nothing is lost. */
TEST(xlsxout_dates_are_excel_dates_or_text)
{
    static const struct xo_col cols[] = { { "日期", XO_DATE, 0 } };
    struct xo_sheet_spec s = { .name = "表", .title = "T", .cols = cols, .ncols = 1 };
    static const char *const in[] = { "2026-03-10", "2024-02-29", "1900-03-01", "2026-02-30",
                                      "2023-02-29", "1900-02-28", "2026-3-1", "2026-03",
                                      "2026-03-10 12:00", "不详" };
    char path[512];
    snprintf(path, sizeof path, "%s/dates.xlsx", t_tmpdir());
    struct xo_book *b;
    CHECK_INT(xo_open(path, XO_STREAM, &b), XO_OK);
    CHECK_INT(xo_sheet_begin(b, &s), XO_OK);
    for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
        CHECK_INT(xo_row_begin(b), XO_OK);
        CHECK_INT(xo_put_text(b, in[i]), XO_OK);
        CHECK_INT(xo_row_end(b), XO_OK);
    }
    CHECK_INT(xo_close(b), XO_OK);
    char *d = xr_dump(path);
    CHECK(d && xr_has(d, "cell\tA4\td\tyyyy-mm-dd\t宋体\t11.0\t0\tthin\t2026-03-10\n"));
    CHECK(d && xr_has(d, "cell\tA5\td\tyyyy-mm-dd\t宋体\t11.0\t0\tthin\t2024-02-29\n"));
    CHECK(d && xr_has(d, "cell\tA6\td\tyyyy-mm-dd\t宋体\t11.0\t0\tthin\t1900-03-01\n"));
    CHECK(d && xr_has(d, "cell\tA7\ts\tyyyy-mm-dd\t宋体\t11.0\t0\tthin\t2026-02-30\n"));
    CHECK(d && xr_has(d, "cell\tA8\ts\tyyyy-mm-dd\t宋体\t11.0\t0\tthin\t2023-02-29\n"));
    CHECK(d && xr_has(d, "cell\tA9\ts\tyyyy-mm-dd\t宋体\t11.0\t0\tthin\t1900-02-28\n"));
    CHECK(d && xr_has(d, "cell\tA10\ts\tyyyy-mm-dd\t宋体\t11.0\t0\tthin\t2026-3-1\n"));
    CHECK(d && xr_has(d, "cell\tA11\ts\tyyyy-mm-dd\t宋体\t11.0\t0\tthin\t2026-03\n"));
    CHECK(d && xr_has(d, "cell\tA12\ts\tyyyy-mm-dd\t宋体\t11.0\t0\tthin\t2026-03-10 12:00\n"));
    CHECK(d && xr_has(d, "cell\tA13\ts\tyyyy-mm-dd\t宋体\t11.0\t0\tthin\t不详\n"));
    free(d);
    /* the serial itself: 1900-03-01 = 61, 2026-03-10 = 46091 */
    char cmd[700];
    snprintf(cmd, sizeof cmd, "cd %s && rm -rf dx && mkdir dx && cd dx && unzip -q ../dates.xlsx && "
             "grep -q '<c r=\"A6\" s=\"[0-9]*\"><v>61</v>' xl/worksheets/sheet1.xml && "
             "grep -q '<c r=\"A4\" s=\"[0-9]*\"><v>46091</v>' xl/worksheets/sheet1.xml", t_tmpdir());
    CHECK_INT(system(cmd), 0);
}

/* Free text takes the 95th percentile of its cells, not the outlier (which
 * wraps); numbers take their widest cell (never ###). */
TEST(xlsxout_widths_percentile_for_text)
{
    static const struct xo_col cols[] = { { "帮扶内容", XO_TEXT, 0 }, { "金额", XO_MONEY, 0 } };
    struct xo_sheet_spec s = { .name = "表", .title = "T", .cols = cols, .ncols = 2 };
    char path[512];
    snprintf(path, sizeof path, "%s/pct.xlsx", t_tmpdir());
    struct xo_book *b;
    CHECK_INT(xo_open(path, XO_STREAM, &b), XO_OK);
    CHECK_INT(xo_sheet_begin(b, &s), XO_OK);
    for (int i = 0; i < 100; i++) {
        CHECK_INT(xo_row_begin(b), XO_OK);
        CHECK_INT(xo_put_text(b, i == 7 ? "发放鸡苗一百二十只饲料两袋并指导防疫" : "发放鸡苗"), XO_OK);
        CHECK_INT(xo_put_int(b, i == 9 ? 123456789 : 100), XO_OK);
        CHECK_INT(xo_row_end(b), XO_OK);
    }
    CHECK_INT(xo_close(b), XO_OK);
    char *d = xr_dump(path);
    CHECK(d && xr_has(d, "width\tA\t10.71"));       /* 发放鸡苗 8 + 2, not 38 */
    CHECK(d && xr_has(d, "width\tB\t14.71"));       /* 1,234,567.89 + 2 */
    free(d);
}

/* The print layout rule (see core/xlsxout.h), on widths alone. */
TEST(xlsxout_print_layout_rule)
{
    int narrow[6] = { 8, 8, 8, 8, 8, 8 };
    struct xo_layout l = xo_print_layout(narrow, 6, 0, XO_PAPER_A3);
    CHECK_INT(l.paper, XO_PAPER_A4);                /* a narrow table stays on A4 */
    CHECK_INT(l.scale, 100);
    CHECK_INT(l.pages_wide, 1);
    int wide[25];
    for (int i = 0; i < 25; i++)
        wide[i] = 10;                               /* 25 × 10.71 × 7 pt ≈ 1874 pt */
    l = xo_print_layout(wide, 25, 0, XO_PAPER_A4);
    CHECK_INT(l.paper, XO_PAPER_A4);                /* 784 pt: across, never below 8 pt */
    CHECK(l.pages_wide > 1);
    CHECK(l.scale * 11 >= 800);
    l = xo_print_layout(wide, 20, 0, XO_PAPER_A3);  /* 1499 pt on 1133: 8.3 pt, one wide */
    CHECK_INT(l.paper, XO_PAPER_A3);
    CHECK_INT(l.pages_wide, 1);
    CHECK(l.scale * 11 >= 800 && l.scale < 100);
    l = xo_print_layout(wide, 20, 0, XO_PAPER_A4);
    CHECK_INT(l.paper, XO_PAPER_A4);
    CHECK_INT(l.pages_wide, 2);
    /* portrait: A4's short side (538 pt) takes 7 columns of 75 pt at 100 % */
    l = xo_print_layout_portrait(wide, 7, 0, XO_PAPER_A4);
    CHECK_INT(l.paper, XO_PAPER_A4);
    CHECK_INT(l.scale, 100);
    CHECK_INT(l.pages_wide, 1);
    l = xo_print_layout_portrait(wide, 12, 0, XO_PAPER_A3);   /* 900 pt: A3 portrait */
    CHECK_INT(l.paper, XO_PAPER_A3);
    CHECK_INT(l.pages_wide, 1);
}

/* The layout written: A3 when allowed and needed, otherwise across A4 pages
 * with the key columns repeated, pages numbered across. */
TEST(xlsxout_wide_sheet_print_setup)
{
    static struct xo_col cols[20];
    for (int i = 0; i < 20; i++)
        cols[i] = (struct xo_col){ "项目", XO_TEXT, 10 };
    struct xo_sheet_spec s = { .name = "表", .title = "T", .cols = cols, .ncols = 20, .key_cols = 2 };
    for (int paper = XO_PAPER_A4; paper <= XO_PAPER_A3; paper++) {
        char path[512];
        snprintf(path, sizeof path, "%s/wide%d.xlsx", t_tmpdir(), paper);
        struct xo_book *b;
        CHECK_INT(xo_open(path, 0, &b), XO_OK);
        xo_set_paper(b, (enum xo_paper)paper);
        CHECK_INT(xo_sheet_begin(b, &s), XO_OK);
        CHECK_INT(xo_row_begin(b), XO_OK);
        CHECK_INT(xo_row_end(b), XO_OK);
        CHECK_INT(xo_close(b), XO_OK);
        char *d = xr_dump(path);
        if (paper == XO_PAPER_A3) {
            CHECK(d && xr_has(d, "paper\t8\n"));
            CHECK(d && xr_has(d, "fit\t1 0 True"));
        } else {
            CHECK(d && xr_has(d, "paper\t9\n"));
            CHECK(d && !xr_has(d, "fit\t1 0 True"));
            CHECK(d && xr_has(d, "order\toverThenDown"));
            CHECK(d && xr_has(d, "titlecols\t$A:$B"));
        }
        CHECK(d && xr_has(d, "titles\t$3:$3"));
        free(d);
    }
    /* portrait asked in the spec: written portrait, fitted to the width */
    struct xo_sheet_spec card = { .name = "户有卡", .title = "T", .cols = cols, .ncols = 4, .portrait = 1 };
    char path[512];
    snprintf(path, sizeof path, "%s/portrait.xlsx", t_tmpdir());
    struct xo_book *b;
    CHECK_INT(xo_open(path, 0, &b), XO_OK);
    CHECK_INT(xo_sheet_begin(b, &card), XO_OK);
    CHECK_INT(xo_close(b), XO_OK);
    char *d = xr_dump(path);
    CHECK(d && xr_has(d, "orientation\tportrait"));
    CHECK(d && xr_has(d, "paper\t9\n"));
    CHECK(d && xr_has(d, "fit\t1 0 True"));
    free(d);
    /* the process default follows the setting / --paper */
    CHECK_INT(xo_default_paper(), XO_PAPER_A4);
    xo_set_default_paper(XO_PAPER_A3);
    CHECK_INT(xo_default_paper(), XO_PAPER_A3);
    xo_set_default_paper(XO_PAPER_DEFAULT);
    CHECK_INT(xo_default_paper(), XO_PAPER_A4);
    CHECK_INT(xo_paper_parse("a3"), XO_PAPER_A3);
    CHECK_INT(xo_paper_parse("A4"), XO_PAPER_A4);
    CHECK_INT(xo_paper_parse("B5"), XO_PAPER_DEFAULT);
    CHECK_INT(xo_paper_parse(""), XO_PAPER_DEFAULT);
}
