/* cli_assist.c — 帮扶台账 and 项目台账 (see cli_assist.h). */
#include "tui/cli_assist.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/checks.h"
#include "core/clock.h"
#include "core/codes.h"
#include "db/assist.h"
#include "db/projects.h"
#include "db/settings.h"

/* The 帮扶台账 of SPEC §6, the three signatures as three columns, and 备注
 * saying which entries correct which (both stay on the ledger). */
static const struct xo_col LEDGER_COLS[] = {
    { "序号", XO_INT, 0 }, { "村", XO_TEXT, 0 }, { "户编号", XO_DIGITS, 0 },
    { "户主", XO_TEXT, 0 }, { "日期", XO_DATE, 0 }, { "帮扶人", XO_TEXT, 0 },
    { "单位", XO_TEXT, 0 }, { "措施类别", XO_TEXT, 0 }, { "帮扶内容", XO_TEXT, 0 },
    { "投入资金", XO_MONEY, 0 }, { "物资折款", XO_MONEY, 0 }, { "帮扶成效", XO_TEXT, 0 },
    { "贫困户签字", XO_TEXT, 0 }, { "村负责人签字", XO_TEXT, 0 }, { "工作队长签字", XO_TEXT, 0 },
    { "备注", XO_TEXT, 0 },
};
#define N_LEDGER_COLS (sizeof LEDGER_COLS / sizeof *LEDGER_COLS)

static const struct xo_col PROJECT_COLS[] = {
    { "序号", XO_INT, 0 }, { "村", XO_TEXT, 0 }, { "户编号", XO_DIGITS, 0 },
    { "户主", XO_TEXT, 0 }, { "类型", XO_TEXT, 0 }, { "年度", XO_INT, 0 },
    { "项目内容", XO_TEXT, 0 }, { "合作方", XO_TEXT, 0 }, { "合作方类型", XO_TEXT, 0 },
    { "申请额", XO_MONEY, 0 }, { "已拨付", XO_MONEY, 0 }, { "项目阶段", XO_TEXT, 0 },
    { "核验状态", XO_TEXT, 0 },
};
#define N_PROJECT_COLS (sizeof PROJECT_COLS / sizeof *PROJECT_COLS)

/* The area's name for the title ("" → the county's, the file's top area). */
static void area_title(struct db *db, const char *area, char *out, size_t outsz)
{
    out[0] = '\0';
    if (area && *area) {
        db_area_name(db, area, out, outsz);
        return;
    }
    struct area a;
    size_t n = 0;
    if (db_areas(db, AREA_COUNTY, NULL, &a, 1, &n) == DB_OK && n == 1)
        snprintf(out, outsz, "%s", a.name);
}

struct ledger_run {
    struct xo_book *b;
    int64_t n;
    enum xo_err xe;
};

static int ledger_row(void *ud, const struct ledger_row *row)
{
    struct ledger_run *lr = ud;
    struct xo_book *b = lr->b;
    char note[96] = "";
    if (row->r.corrects_id && row->corrected_date[0])
        snprintf(note, sizeof note, "更正 %s 的记录；已被 %s 的记录更正", row->corrects_date,
                 row->corrected_date);
    else if (row->r.corrects_id)
        snprintf(note, sizeof note, "更正 %s 的记录", row->corrects_date);
    else if (row->corrected_date[0])
        snprintf(note, sizeof note, "已被 %s 的记录更正", row->corrected_date);
    enum xo_err e = xo_row_begin(b);
    if (!e) e = xo_put_int(b, ++lr->n);
    if (!e) e = xo_put_text(b, row->village_name);
    if (!e) e = xo_put_text(b, row->hh_no);
    if (!e) e = xo_put_text(b, row->head_name);
    if (!e) e = xo_put_text(b, row->r.date);
    if (!e) e = xo_put_text(b, row->helper_name);
    if (!e) e = xo_put_text(b, row->helper_unit);
    if (!e) e = xo_put_text(b, codes_label(CL_MEASURE, row->r.measure));
    if (!e) e = xo_put_text(b, row->r.content);
    if (!e) e = xo_put_int(b, row->r.money);
    if (!e) e = xo_put_int(b, row->r.goods_value);
    if (!e) e = xo_put_text(b, row->r.outcome);
    if (!e) e = xo_put_text(b, row->r.signed_household ? "已签字" : "未签字");
    if (!e) e = xo_put_text(b, row->r.signed_village ? "已签字" : "未签字");
    if (!e) e = xo_put_text(b, row->r.signed_team ? "已签字" : "未签字");
    if (!e) e = xo_put_text(b, note);
    if (!e) e = xo_row_end(b);
    lr->xe = e;
    return e != XO_OK;
}

/* Shared frame: open, sheet, rows through `fill`, close; errors in one line. */
static int write_book(struct db *db, const char *path, const struct xo_sheet_spec *spec,
                      int64_t total, xo_progress_fn progress, void *pctx,
                      enum db_err (*fill)(struct db *db, struct xo_book *b, void *arg, enum xo_err *xe),
                      void *arg, char *err, size_t errsz)
{
    struct xo_book *b = NULL;
    enum xo_err xe = xo_open(path, XO_STREAM, &b);
    if (xe != XO_OK) {
        snprintf(err, errsz, "%s", xo_last_error());
        return -1;
    }
    xo_set_progress(b, progress, pctx);
    xo_set_total(b, total);
    xe = xo_sheet_begin(b, spec);
    enum db_err de = DB_OK;
    if (xe == XO_OK)
        de = fill(db, b, arg, &xe);
    if (de != DB_OK) {
        snprintf(err, errsz, "%s", db_errmsg(db));
        xo_abort(b);
        return -1;
    }
    if (xe != XO_OK) {
        snprintf(err, errsz, "%s", xo_errmsg(b));
        xo_abort(b);
        return -1;
    }
    xe = xo_close(b);
    if (xe != XO_OK) {
        snprintf(err, errsz, "%s", xo_last_error());
        return -1;
    }
    return 0;
}

struct fill_args {
    const char *area;
    int year;
    int64_t rows;
    struct check_ctx cc;
};

static enum db_err fill_ledger(struct db *db, struct xo_book *b, void *arg, enum xo_err *xe)
{
    struct fill_args *fa = arg;
    struct ledger_run lr = { b, 0, XO_OK };
    enum db_err de = db_aid_ledger(db, fa->area, fa->year, ledger_row, &lr);
    *xe = lr.xe;
    fa->rows = lr.n;
    return de;
}

static void titles(struct db *db, const char *area, int year, const char *what, char *title,
                   size_t titlesz, char *unit, size_t unitsz)
{
    area_title(db, area, unit, unitsz);
    if (year)
        snprintf(title, titlesz, "%s%d年%s", unit, year, what);
    else
        snprintf(title, titlesz, "%s%s", unit, what);
}

int assist_export_ledger(struct db *db, const char *area, int year, const char *path,
                         xo_progress_fn progress, void *pctx, int64_t *rows,
                         char *err, size_t errsz)
{
    int64_t total = 0;
    if (db_aid_ledger_count(db, area, year, &total) != DB_OK) {
        snprintf(err, errsz, "%s", db_errmsg(db));
        return -1;
    }
    char title[256], unit[128];
    titles(db, area, year, "帮扶台账", title, sizeof title, unit, sizeof unit);
    struct xo_sheet_spec spec = { "帮扶台账", title, unit, NULL, "元", LEDGER_COLS, N_LEDGER_COLS };
    struct fill_args fa;
    memset(&fa, 0, sizeof fa);
    fa.area = area;
    fa.year = year;
    int rc = write_book(db, path, &spec, total, progress, pctx, fill_ledger, &fa, err, errsz);
    if (rows)
        *rows = fa.rows;
    return rc;
}

struct project_run {
    struct xo_book *b;
    const struct check_ctx *cc;
    int64_t n;
    enum xo_err xe;
};

static int project_row(void *ud, const struct project *p, const struct project_ledger_info *info)
{
    struct project_run *pr = ud;
    struct xo_book *b = pr->b;
    char verify[200];
    project_verify_text(pr->cc, p, verify, sizeof verify);
    enum xo_err e = xo_row_begin(b);
    if (!e) e = xo_put_int(b, ++pr->n);
    if (!e) e = xo_put_text(b, info->village_name);
    if (!e) e = xo_put_text(b, info->hh_no);
    if (!e) e = xo_put_text(b, info->head_name);
    if (!e) e = xo_put_text(b, codes_label(CL_PROJECT, p->kind));
    if (!e) e = xo_put_int(b, p->year);
    if (!e) e = xo_put_text(b, p->content);
    if (!e) e = xo_put_text(b, p->partner_name);
    if (!e) e = xo_put_text(b, codes_label(CL_PARTNER, p->partner_type));
    if (!e) e = xo_put_int(b, p->amount);
    if (!e) e = xo_put_int(b, p->paid);
    if (!e) e = xo_put_text(b, project_stage_label(project_stage(p)));
    if (!e) e = xo_put_text(b, verify);
    if (!e) e = xo_row_end(b);
    pr->xe = e;
    return e != XO_OK;
}

static enum db_err fill_projects(struct db *db, struct xo_book *b, void *arg, enum xo_err *xe)
{
    struct fill_args *fa = arg;
    struct project_run pr = { b, &fa->cc, 0, XO_OK };
    enum db_err de = db_projects_each(db, fa->area, fa->year, project_row, &pr, NULL);
    *xe = pr.xe;
    fa->rows = pr.n;
    return de;
}

int assist_export_projects(struct db *db, const char *area, int year, const char *path,
                           xo_progress_fn progress, void *pctx, int64_t *rows,
                           char *err, size_t errsz)
{
    struct fill_args fa;
    memset(&fa, 0, sizeof fa);
    fa.area = area;
    fa.year = year;
    checks_ctx_init(&fa.cc);
    db_assist_check_ctx(db, &fa.cc);
    int64_t total = 0;
    if (db_projects_each(db, area, year, NULL, NULL, &total) != DB_OK) {
        snprintf(err, errsz, "%s", db_errmsg(db));
        return -1;
    }
    char title[256], unit[128];
    titles(db, area, year, "项目台账", title, sizeof title, unit, sizeof unit);
    struct xo_sheet_spec spec = { "项目台账", title, unit, NULL, "元", PROJECT_COLS, N_PROJECT_COLS };
    int rc = write_book(db, path, &spec, total, progress, pctx, fill_projects, &fa, err, errsz);
    if (rows)
        *rows = fa.rows;
    return rc;
}

/* ---- the commands ------------------------------------------------------------ */

typedef int (*export_fn)(struct db *, const char *, int, const char *, xo_progress_fn, void *,
                         int64_t *, char *, size_t);

static int run_export(struct cli *c, export_fn fn, const char *what_zh, const char *what_en)
{
    const char *out = cli_option(c, "-o");
    if (!out)
        out = cli_option(c, "--output");
    if (!out) {
        cli_error("需要 -o 输出文件", "-o OUT.xlsx is required", NULL);
        return EXIT_USAGE;
    }
    int year = 0;
    if (!cli_year(c, &year))
        return EXIT_USAGE;
    const char *area = cli_option(c, "--area");
    struct db *db = cli_open_db(c, DB_READONLY);
    if (!db)
        return cli_open_failed();
    if (area && *area) {
        struct area a;
        if (db_area_get(db, area, &a) != DB_OK) {
            cli_error("没有这个区划代码，请在 基础设置 中查看", "unknown area code", area);
            db_close(db);
            return EXIT_USAGE;
        }
    }
    char err[512];
    int64_t rows = 0;
    if (fn(db, area, year, out, NULL, NULL, &rows, err, sizeof err) != 0) {
        fprintf(stderr, "错误: %s\n", err);
        db_close(db);
        return EXIT_DATA;
    }
    printf("已导出%s %lld 行到 %s (%s: %lld rows)\n", what_zh, (long long)rows, out, what_en,
           (long long)rows);
    db_close(db);
    return EXIT_OK;
}

int cmd_export_ledger(struct cli *c)
{
    return run_export(c, assist_export_ledger, "帮扶台账", "aid ledger");
}

int cmd_export_projects(struct cli *c)
{
    return run_export(c, assist_export_projects, "项目台账", "project ledger");
}
