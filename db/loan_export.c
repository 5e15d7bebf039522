/* loan_export.c — the 小额信贷台账 workbook (db/loan_export.h). */
#include "db/loan_export.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/checks.h"
#include "db/assist_export.h"
#include "db/loans.h"
#include "db/training.h"
#include "core/codes.h"

static const struct xo_col LOAN_COLS[] = {
    { "序号", XO_INT, 0 }, { "村", XO_TEXT, 0 }, { "户编号", XO_DIGITS, 0 },
    { "户主", XO_TEXT, 0 }, { "借款人", XO_TEXT, 0 }, { "放贷银行", XO_TEXT, 0 },
    { "合同号", XO_TEXT, 0 }, { "贷款金额", XO_MONEY, 0 }, { "期限(月)", XO_INT, 0 },
    { "放款日期", XO_DATE, 0 }, { "到期日期", XO_DATE, 0 }, { "年利率", XO_PERCENT, 0 },
    { "应贴息额", XO_MONEY, 0 }, { "累计还款", XO_MONEY, 0 }, { "贷款余额", XO_MONEY, 0 },
    { "用途", XO_TEXT, 0 }, { "状态", XO_TEXT, 0 },
};
#define N_LOAN_COLS (sizeof LOAN_COLS / sizeof *LOAN_COLS)
enum { COL_AMOUNT = 7, COL_SUBSIDY = 12 };

struct loan_run {
    struct xo_book *b;
    struct check_ctx cc;
    int64_t n, overdue;
    money_t amount, subsidy, repaid, balance;
    enum xo_err xe;
};

/* 状态: 已结清, 逾期 N 天, 正常. */
static void loan_state(const struct loan_run *r, const struct loan *l, char *out, size_t outsz)
{
    struct loan_facts lf;
    loan_facts_of(l, 0, NULL, &lf);
    if (loan_balance(&lf) == 0)
        snprintf(out, outsz, "已结清");
    else if (loan_overdue(&lf, r->cc.today))
        snprintf(out, outsz, "逾期");
    else
        snprintf(out, outsz, "正常");
}

static int loan_row(void *ud, const struct loan *l, const struct loan_info *info)
{
    struct loan_run *r = ud;
    struct loan_facts lf;
    loan_facts_of(l, 0, NULL, &lf);
    money_t subsidy = loan_subsidy_of(l), balance = loan_balance(&lf);
    char state[32];
    loan_state(r, l, state, sizeof state);
    r->amount += l->amount;
    r->subsidy += subsidy;
    r->repaid += l->repaid;
    r->balance += balance;
    r->overdue += strcmp(state, "逾期") == 0;
    struct xo_book *b = r->b;
    enum xo_err e = xo_row_begin(b);
    if (!e) e = xo_put_int(b, ++r->n);
    if (!e) e = xo_put_text(b, info->village_name);
    if (!e) e = xo_put_text(b, info->hh_no);
    if (!e) e = xo_put_text(b, info->head_name);
    if (!e) e = xo_put_text(b, l->borrower_name);
    if (!e) e = xo_put_text(b, l->bank);
    if (!e) e = xo_put_text(b, l->contract_no);
    if (!e) e = xo_put_int(b, l->amount);
    if (!e) e = xo_put_int(b, l->term_months);
    if (!e) e = xo_put_text(b, l->start);
    if (!e) e = xo_put_text(b, l->due);
    if (!e) e = xo_put_int(b, l->rate);
    if (!e) e = l->subsidised ? xo_put_int(b, subsidy) : xo_put_blank(b);
    if (!e) e = xo_put_int(b, l->repaid);
    if (!e) e = xo_put_int(b, balance);
    if (!e) e = xo_put_text(b, l->purpose);
    if (!e) e = xo_put_text(b, state);
    if (!e) e = xo_row_end(b);
    r->xe = e;
    return e != XO_OK;
}

static enum xo_err loan_total(struct loan_run *r)
{
    char n[64], overdue[48];
    snprintf(n, sizeof n, "共 %lld 笔", (long long)r->n);
    snprintf(overdue, sizeof overdue, "逾期 %lld 笔", (long long)r->overdue);
    enum xo_err e = xo_row_begin(r->b);
    if (!e) e = xo_row_bold(r->b);
    if (!e) e = xo_put_text(r->b, "合计");
    if (!e) e = xo_put_text(r->b, n);
    for (int c = 2; !e && c < COL_AMOUNT; c++)
        e = xo_put_blank(r->b);
    if (!e) e = xo_put_int(r->b, r->amount);
    for (int c = COL_AMOUNT + 1; !e && c < COL_SUBSIDY; c++)
        e = xo_put_blank(r->b);
    if (!e) e = xo_put_int(r->b, r->subsidy);
    if (!e) e = xo_put_int(r->b, r->repaid);
    if (!e) e = xo_put_int(r->b, r->balance);
    if (!e) e = xo_put_blank(r->b);
    if (!e) e = xo_put_text(r->b, overdue);
    if (!e) e = xo_row_end(r->b);
    return e;
}

struct loan_args {
    const char *area;
    int64_t rows;
};

static enum db_err fill_loans(struct db *db, struct xo_book *b, void *arg, enum xo_err *xe)
{
    struct loan_args *la = arg;
    struct loan_run *r = calloc(1, sizeof *r);
    if (!r)
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    r->b = b;
    checks_ctx_init(&r->cc);
    enum db_err de = db_loans_each(db, 0, la->area, loan_row, r);
    if (de == DB_OK && r->xe == XO_OK)
        r->xe = loan_total(r);
    *xe = r->xe;
    la->rows = r->n;
    free(r);
    return de;
}

int loan_export_ledger(struct db *db, const char *area, int year, const char *path,
                       xo_progress_fn progress, void *pctx, int64_t *rows, char *err, size_t errsz)
{
    (void)year;
    char title[256], unit[128];
    assist_export_titles(db, area, 0, "扶贫小额信贷台账", title, sizeof title, unit, sizeof unit);
    struct xo_sheet_spec spec = { "小额信贷台账", title, unit, NULL, "元", LOAN_COLS, N_LOAN_COLS };
    spec.key_cols = 5;
    struct loan_args la = { area, 0 };
    int rc = export_write_book(db, path, &spec, 0, progress, pctx, fill_loans, &la, err, errsz);
    if (rows)
        *rows = la.rows;
    return rc;
}

/* ---- 就业培训台账 ---- */

static const struct xo_col TRAINING_COLS[] = {
    { "序号", XO_INT, 0 }, { "村", XO_TEXT, 0 }, { "户编号", XO_DIGITS, 0 },
    { "户主", XO_TEXT, 0 }, { "成员", XO_TEXT, 0 }, { "类别", XO_TEXT, 0 },
    { "培训课程/工作岗位", XO_TEXT, 0 }, { "地点", XO_TEXT, 0 }, { "开始日期", XO_DATE, 0 },
    { "结束日期", XO_DATE, 0 }, { "收入", XO_MONEY, 0 }, { "备注", XO_TEXT, 0 },
};
#define N_TRAINING_COLS (sizeof TRAINING_COLS / sizeof *TRAINING_COLS)
enum { COL_TR_INCOME = 10 };

struct training_run {
    struct xo_book *b;
    int64_t n;
    money_t income;
    enum xo_err xe;
};

static int training_row(void *ud, const struct training *t, const struct loan_info *info)
{
    struct training_run *r = ud;
    struct xo_book *b = r->b;
    r->income += t->income;
    enum xo_err e = xo_row_begin(b);
    if (!e) e = xo_put_int(b, ++r->n);
    if (!e) e = xo_put_text(b, info->village_name);
    if (!e) e = xo_put_text(b, info->hh_no);
    if (!e) e = xo_put_text(b, info->head_name);
    if (!e) e = xo_put_text(b, t->member_name);
    if (!e) e = xo_put_text(b, codes_label(CL_JOB_KIND, t->kind));
    if (!e) e = xo_put_text(b, t->content);
    if (!e) e = xo_put_text(b, t->place);
    if (!e) e = xo_put_text(b, t->start);
    if (!e) e = xo_put_text(b, t->finish[0] ? t->finish : "进行中");
    if (!e) e = xo_put_int(b, t->income);
    if (!e) e = xo_put_text(b, t->note);
    if (!e) e = xo_row_end(b);
    r->xe = e;
    return e != XO_OK;
}

static enum db_err fill_training(struct db *db, struct xo_book *b, void *arg, enum xo_err *xe)
{
    struct loan_args *la = arg;
    struct training_run r = { b, 0, 0, XO_OK };
    enum db_err de = db_trainings_each(db, 0, la->area, training_row, &r);
    if (de == DB_OK && r.xe == XO_OK) {
        char n[64];
        snprintf(n, sizeof n, "共 %lld 条", (long long)r.n);
        enum xo_err e = xo_row_begin(b);
        if (!e) e = xo_row_bold(b);
        if (!e) e = xo_put_text(b, "合计");
        if (!e) e = xo_put_text(b, n);
        for (int c = 2; !e && c < COL_TR_INCOME; c++)
            e = xo_put_blank(b);
        if (!e) e = xo_put_int(b, r.income);
        if (!e) e = xo_put_blank(b);
        if (!e) e = xo_row_end(b);
        r.xe = e;
    }
    *xe = r.xe;
    la->rows = r.n;
    return de;
}

int training_export_ledger(struct db *db, const char *area, int year, const char *path,
                           xo_progress_fn progress, void *pctx, int64_t *rows, char *err, size_t errsz)
{
    (void)year;
    char title[256], unit[128];
    assist_export_titles(db, area, 0, "就业培训台账", title, sizeof title, unit, sizeof unit);
    struct xo_sheet_spec spec = { "就业培训台账", title, unit, NULL, "元", TRAINING_COLS, N_TRAINING_COLS };
    spec.key_cols = 5;
    struct loan_args la = { area, 0 };
    int rc = export_write_book(db, path, &spec, 0, progress, pctx, fill_training, &la, err, errsz);
    if (rows)
        *rows = la.rows;
    return rc;
}
