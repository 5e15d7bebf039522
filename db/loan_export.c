/* loan_export.c — the registers' ledgers (db/loan_export.h), declared as
 * columns read out of the records (db/registers.h). */
#include "db/loan_export.h"
#include <stdio.h>
#include "db/loans.h"
#include "db/registers.h"
#include "db/training.h"

#define HH_COLS \
    { "序号", XO_INT, 0, { RV_SEQ, 0, CL_NONE, NULL, NULL }, 0, NULL }, \
    { "村", XO_TEXT, 0, { RV_VILLAGE, 0, CL_NONE, NULL, NULL }, 0, NULL }, \
    { "户编号", XO_DIGITS, 0, { RV_HH_NO, 0, CL_NONE, NULL, NULL }, 0, NULL }, \
    { "户主", XO_TEXT, 0, { RV_HEAD, 0, CL_NONE, NULL, NULL }, 0, NULL }
#define FN(f) { RV_FN, 0, CL_NONE, NULL, f }

static const struct reg_col LOAN_COLS[] = {
    HH_COLS,
    { "借款人", XO_TEXT, 0, RV_AT(RV_TEXT, struct loan, borrower_name), 0, NULL },
    { "放贷银行", XO_TEXT, 0, RV_AT(RV_TEXT, struct loan, bank), 0, NULL },
    { "合同号", XO_TEXT, 0, RV_AT(RV_TEXT, struct loan, contract_no), 0, NULL },
    { "贷款金额", XO_MONEY, 0, RV_AT(RV_I64, struct loan, amount), 1, NULL },
    { "期限(月)", XO_INT, 0, RV_AT(RV_INT, struct loan, term_months), 0, NULL },
    { "放款日期", XO_DATE, 0, RV_AT(RV_TEXT, struct loan, start), 0, NULL },
    { "到期日期", XO_DATE, 0, RV_AT(RV_TEXT, struct loan, due), 0, NULL },
    { "年利率", XO_PERCENT, 0, RV_AT(RV_I64, struct loan, rate), 0, NULL },
    { "应贴息额", XO_MONEY, 0, FN(loan_cell_subsidy), 1, NULL },
    { "累计还款", XO_MONEY, 0, RV_AT(RV_I64, struct loan, repaid), 1, NULL },
    { "贷款余额", XO_MONEY, 0, FN(loan_cell_balance), 1, NULL },
    { "用途", XO_TEXT, 0, RV_AT(RV_TEXT, struct loan, purpose), 0, NULL },
    { "状态", XO_TEXT, 0, FN(loan_cell_state), 0, "逾期" },
};

static const struct reg_ledger LOAN_LEDGER = {
    "小额信贷台账", "扶贫小额信贷台账", "笔", LOAN_COLS, sizeof LOAN_COLS / sizeof *LOAN_COLS, 5, db_loans_each,
};

int loan_export_ledger(struct db *db, const char *area, int year, const char *path,
                       xo_progress_fn progress, void *pctx, int64_t *rows, char *err, size_t errsz)
{
    (void)year;
    return reg_export_ledger(&LOAN_LEDGER, db, area, path, progress, pctx, rows, err, errsz);
}

static const struct reg_col TRAINING_COLS[] = {
    HH_COLS,
    { "成员", XO_TEXT, 0, RV_AT(RV_TEXT, struct training, member_name), 0, NULL },
    { "类别", XO_TEXT, 0, { RV_CODE, offsetof(struct training, kind), CL_JOB_KIND, NULL, NULL }, 0, NULL },
    { "培训课程/工作岗位", XO_TEXT, 0, RV_AT(RV_TEXT, struct training, content), 0, NULL },
    { "地点", XO_TEXT, 0, RV_AT(RV_TEXT, struct training, place), 0, NULL },
    { "开始日期", XO_DATE, 0, RV_AT(RV_TEXT, struct training, start), 0, NULL },
    { "结束日期", XO_DATE, 0, { RV_TEXT, offsetof(struct training, finish), CL_NONE, "进行中", NULL }, 0, NULL },
    { "收入", XO_MONEY, 0, RV_AT(RV_I64, struct training, income), 1, NULL },
    { "备注", XO_TEXT, 0, RV_AT(RV_TEXT, struct training, note), 0, NULL },
};

static const struct reg_ledger TRAINING_LEDGER = {
    "就业培训台账", "就业培训台账", "条", TRAINING_COLS, sizeof TRAINING_COLS / sizeof *TRAINING_COLS, 5,
    db_trainings_each,
};

int training_export_ledger(struct db *db, const char *area, int year, const char *path,
                           xo_progress_fn progress, void *pctx, int64_t *rows, char *err, size_t errsz)
{
    (void)year;
    return reg_export_ledger(&TRAINING_LEDGER, db, area, path, progress, pctx, rows, err, errsz);
}
