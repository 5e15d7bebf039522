/* assist_export.c — 帮扶台账 and 项目台账 workbooks (db/assist_export.h). */
#include "db/assist_export.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/checks.h"
#include "core/codes.h"
#include "core/income.h"
#include "db/assist.h"
#include "db/export_queries.h"
#include "db/projects.h"

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

struct ledger_run {
    struct xo_book *b;
    int64_t n;
    money_t money, goods;       /* 合计: entries still in force */
    enum xo_err xe;
};

/* 备注 of an entry: which entry it corrects and which corrects it.  A
 * corrected entry's amounts stand here, not in the money columns, so every
 * amount in those columns counts and the 合计 is what the summary's 帮扶资金
 * counts (corrections as corrected). */
static void ledger_note(const struct ledger_row *row, char *note, size_t notesz)
{
    char was[160] = "";
    if (row->corrected_date[0]) {
        char m[32], g[32];
        money_format(row->r.money, m, sizeof m);
        money_format(row->r.goods_value, g, sizeof g);
        snprintf(was, sizeof was, "（原投入资金 %s 元、物资折款 %s 元，不计入合计）", m, g);
    }
    if (row->r.corrects_id && row->corrected_date[0])
        snprintf(note, notesz, "更正 %s 的记录；已被 %s 的记录更正%s", row->corrects_date,
                 row->corrected_date, was);
    else if (row->r.corrects_id)
        snprintf(note, notesz, "更正 %s 的记录", row->corrects_date);
    else if (row->corrected_date[0])
        snprintf(note, notesz, "已被 %s 的记录更正%s", row->corrected_date, was);
    else
        note[0] = '\0';
}

static int ledger_row(void *ud, const struct ledger_row *row)
{
    struct ledger_run *lr = ud;
    struct xo_book *b = lr->b;
    char note[320];
    ledger_note(row, note, sizeof note);
    int in_force = !row->corrected_date[0];
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
    if (!e) e = in_force ? xo_put_int(b, row->r.money) : xo_put_blank(b);
    if (!e) e = in_force ? xo_put_int(b, row->r.goods_value) : xo_put_blank(b);
    if (!e) e = xo_put_text(b, row->r.outcome);
    if (!e) e = xo_put_text(b, row->r.signed_household ? "已签字" : "未签字");
    if (!e) e = xo_put_text(b, row->r.signed_village ? "已签字" : "未签字");
    /* 工作队长签字: who signed, when the card picked them from the team. */
    if (!e) e = xo_put_text(b, row->team_signer[0] ? row->team_signer : row->r.signed_team ? "已签字" : "未签字");
    if (!e) e = xo_put_text(b, note);
    if (!e) e = xo_row_end(b);
    if (in_force) {
        lr->money += row->r.money;
        lr->goods += row->r.goods_value;
    }
    lr->xe = e;
    return e != XO_OK;
}

/* The 合计 row under the ledger: entries, 投入资金, 物资折款. */
static enum xo_err ledger_total(struct xo_book *b, const struct ledger_run *lr)
{
    char entries[48];
    snprintf(entries, sizeof entries, "共 %lld 条", (long long)lr->n);
    enum xo_err e = xo_row_begin(b);
    if (!e) e = xo_row_bold(b);
    if (!e) e = xo_put_text(b, "合计");
    if (!e) e = xo_put_text(b, entries);
    for (int c = 2; !e && c < 9; c++)
        e = xo_put_blank(b);
    if (!e) e = xo_put_int(b, lr->money);
    if (!e) e = xo_put_int(b, lr->goods);
    if (!e) e = xo_row_end(b);
    return e;
}

int export_write_book(struct db *db, const char *path, const struct xo_sheet_spec *spec,
                      int64_t total, xo_progress_fn progress, void *pctx,
                      export_fill_fn fill, void *arg, char *err, size_t errsz)
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
    struct ledger_run lr = { b, 0, 0, 0, XO_OK };
    enum db_err de = db_aid_ledger(db, fa->area, fa->year, ledger_row, &lr);
    if (de == DB_OK && lr.xe == XO_OK)
        lr.xe = ledger_total(b, &lr);
    *xe = lr.xe;
    fa->rows = lr.n;
    return de;
}

void assist_export_titles(struct db *db, const char *area, int year, const char *what, char *title,
                          size_t titlesz, char *unit, size_t unitsz)
{
    db_export_area_title(db, area ? area : "", unit, unitsz);
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
    assist_export_titles(db, area, year, "帮扶台账", title, sizeof title, unit, sizeof unit);
    struct xo_sheet_spec spec = { "帮扶台账", title, unit, NULL, "元", LEDGER_COLS, N_LEDGER_COLS };
    struct fill_args fa;
    memset(&fa, 0, sizeof fa);
    fa.area = area;
    fa.year = year;
    int rc = export_write_book(db, path, &spec, total, progress, pctx, fill_ledger, &fa, err, errsz);
    if (rows)
        *rows = fa.rows;
    return rc;
}

struct project_run {
    struct xo_book *b;
    const struct check_ctx *cc;
    int64_t n;
    money_t amount, paid;       /* 合计 */
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
    pr->amount += p->amount;
    pr->paid += p->paid;
    pr->xe = e;
    return e != XO_OK;
}

/* The 合计 row under the projects: count, 申请额, 已拨付. */
static enum xo_err project_total(struct xo_book *b, const struct project_run *pr)
{
    char count[48];
    snprintf(count, sizeof count, "共 %lld 个项目", (long long)pr->n);
    enum xo_err e = xo_row_begin(b);
    if (!e) e = xo_row_bold(b);
    if (!e) e = xo_put_text(b, "合计");
    if (!e) e = xo_put_text(b, count);
    for (int c = 2; !e && c < 9; c++)
        e = xo_put_blank(b);
    if (!e) e = xo_put_int(b, pr->amount);
    if (!e) e = xo_put_int(b, pr->paid);
    if (!e) e = xo_row_end(b);
    return e;
}

static enum db_err fill_projects(struct db *db, struct xo_book *b, void *arg, enum xo_err *xe)
{
    struct fill_args *fa = arg;
    struct project_run pr = { b, &fa->cc, 0, 0, 0, XO_OK };
    enum db_err de = db_projects_each(db, fa->area, fa->year, project_row, &pr, NULL);
    if (de == DB_OK && pr.xe == XO_OK)
        pr.xe = project_total(b, &pr);
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
    assist_export_titles(db, area, year, "项目台账", title, sizeof title, unit, sizeof unit);
    struct xo_sheet_spec spec = { "项目台账", title, unit, NULL, "元", PROJECT_COLS, N_PROJECT_COLS };
    int rc = export_write_book(db, path, &spec, total, progress, pctx, fill_projects, &fa, err, errsz);
    if (rows)
        *rows = fa.rows;
    return rc;
}

