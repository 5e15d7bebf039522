/* plan_export.c — the 帮扶规划表 workbook (db/plan_export.h). */
#include "db/plan_export.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "core/codes.h"
#include "db/assist_export.h"
#include "db/plans.h"

static const struct xo_col PLAN_COLS[] = {
    { "序号", XO_INT, 0 }, { "村", XO_TEXT, 0 }, { "户编号", XO_DIGITS, 0 },
    { "户主", XO_TEXT, 0 }, { "年度", XO_INT, 0 }, { "帮扶措施", XO_TEXT, 0 },
    { "帮扶目标", XO_TEXT, 0 }, { "目标金额", XO_MONEY, 0 }, { "责任人", XO_TEXT, 0 },
    { "责任人单位", XO_TEXT, 0 }, { "完成期限", XO_DATE, 0 }, { "帮扶记录(条)", XO_INT, 0 },
    { "已投入", XO_MONEY, 0 }, { "完成情况", XO_TEXT, 0 }, { "备注", XO_TEXT, 0 },
};
#define N_PLAN_COLS (sizeof PLAN_COLS / sizeof *PLAN_COLS)
/* Columns of the 合计 row's sums. */
enum { COL_MEASURE = 5, COL_AMOUNT = 7, COL_ENTRIES = 11, COL_DONE = 12, COL_STATUS = 13 };

struct plan_run {
    struct xo_book *b;
    struct check_ctx cc;
    int64_t n, households, without, items, items_done, entries;
    money_t amount, done;
    enum xo_err xe;
};

static enum xo_err who(struct plan_run *r, const struct plan_household *ph)
{
    enum xo_err e = xo_row_begin(r->b);
    if (!e) e = xo_put_int(r->b, ++r->n);
    if (!e) e = xo_put_text(r->b, ph->village_name);
    if (!e) e = xo_put_text(r->b, ph->hh_no);
    if (!e) e = xo_put_text(r->b, ph->head_name);
    if (!e) e = xo_put_int(r->b, ph->plan.year);
    return e;
}

/* A household without a plan: one row, 逾期 once its deadline is past. */
static enum xo_err no_plan_row(struct plan_run *r, const struct plan_household *ph)
{
    char due[11], note[96] = "";
    if (ph->registered_at_deadline && plan_day(ph->plan.year, r->cc.plan_deadline, PLAN_DEADLINE_DEFAULT, due) &&
        strcmp(r->cc.today, due) > 0)
        snprintf(note, sizeof note, "逾期：应于 %s 前制定", due);
    r->without++;
    enum xo_err e = who(r, ph);
    for (int c = COL_MEASURE; !e && c < COL_STATUS; c++)
        e = xo_put_blank(r->b);
    if (!e) e = xo_put_text(r->b, "未制定规划");
    if (!e) e = xo_put_text(r->b, note);
    if (!e) e = xo_row_end(r->b);
    return e;
}

static enum xo_err item_row(struct plan_run *r, const struct plan_household *ph, size_t i)
{
    const struct plan_item *it = &ph->plan.items[i];
    enum plan_status s = plan_item_status(it->amount, it->entries, it->done_amount);
    r->items++;
    r->items_done += s == PLAN_DONE;
    r->entries += it->entries;
    r->amount += it->amount;
    r->done += it->done_amount;
    enum xo_err e = who(r, ph);
    if (!e) e = xo_put_text(r->b, codes_label(CL_MEASURE, it->measure));
    if (!e) e = xo_put_text(r->b, it->target);
    if (!e) e = it->amount ? xo_put_int(r->b, it->amount) : xo_put_blank(r->b);
    if (!e) e = xo_put_text(r->b, it->helper_name);
    if (!e) e = xo_put_text(r->b, it->helper_unit);
    if (!e) e = xo_put_text(r->b, it->deadline);
    if (!e) e = xo_put_int(r->b, it->entries);
    if (!e) e = xo_put_int(r->b, it->done_amount);
    if (!e) e = xo_put_text(r->b, plan_status_label(s));
    if (!e) e = xo_put_text(r->b, i == 0 ? ph->plan.notes : "");
    if (!e) e = xo_row_end(r->b);
    return e;
}

static int plan_rows(void *ud, const struct plan_household *ph)
{
    struct plan_run *r = ud;
    r->households++;
    if (!ph->has_plan)
        r->xe = no_plan_row(r, ph);
    for (size_t i = 0; !r->xe && i < ph->plan.n; i++)
        r->xe = item_row(r, ph, i);
    return r->xe != XO_OK;
}

static enum xo_err plan_total(struct plan_run *r)
{
    char hh[96], done[64];
    snprintf(hh, sizeof hh, "共 %lld 户，未制定 %lld 户", (long long)r->households, (long long)r->without);
    snprintf(done, sizeof done, "已完成 %lld/%lld 项", (long long)r->items_done, (long long)r->items);
    enum xo_err e = xo_row_begin(r->b);
    if (!e) e = xo_row_bold(r->b);
    if (!e) e = xo_put_text(r->b, "合计");
    if (!e) e = xo_put_text(r->b, hh);
    for (int c = 2; !e && c < COL_AMOUNT; c++)
        e = xo_put_blank(r->b);
    if (!e) e = xo_put_int(r->b, r->amount);
    for (int c = COL_AMOUNT + 1; !e && c < COL_ENTRIES; c++)
        e = xo_put_blank(r->b);
    if (!e) e = xo_put_int(r->b, r->entries);
    if (!e) e = xo_put_int(r->b, r->done);
    if (!e) e = xo_put_text(r->b, done);
    if (!e) e = xo_row_end(r->b);
    return e;
}

struct plan_args {
    const char *area;
    int year;
    int64_t rows;
};

static enum db_err fill_plans(struct db *db, struct xo_book *b, void *arg, enum xo_err *xe)
{
    struct plan_args *pa = arg;
    struct plan_run *r = calloc(1, sizeof *r);
    if (!r)
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    r->b = b;
    checks_ctx_init(&r->cc);
    db_plan_check_ctx(db, &r->cc);
    enum db_err de = db_plan_each(db, &r->cc, pa->area, pa->year, plan_rows, r);
    if (de == DB_OK && r->xe == XO_OK)
        r->xe = plan_total(r);
    *xe = r->xe;
    pa->rows = r->n;
    free(r);
    return de;
}

int plan_export_table(struct db *db, const char *area, int year, const char *path,
                      xo_progress_fn progress, void *pctx, int64_t *rows, char *err, size_t errsz)
{
    if (!year) {
        char today[11];
        clock_today(today);
        year = atoi(today);
    }
    char title[256], unit[128];
    assist_export_titles(db, area, year, "帮扶规划表", title, sizeof title, unit, sizeof unit);
    struct xo_sheet_spec spec = { "帮扶规划表", title, unit, NULL, "元", PLAN_COLS, N_PLAN_COLS };
    spec.key_cols = 4;
    struct plan_args pa = { area, year, 0 };
    int rc = export_write_book(db, path, &spec, 0, progress, pctx, fill_plans, &pa, err, errsz);
    if (rows)
        *rows = pa.rows;
    return rc;
}
