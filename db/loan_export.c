/* loan_export.c — the registers' ledgers (db/loan_export.h), declared as
 * columns read out of the records (db/registers.h). */
#include "db/loan_export.h"
#include <stdio.h>
#include "db/loans.h"
#include "db/registers.h"
#include "db/training.h"
#include "db/relocation.h"
#include "db/dividends.h"

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

/* ---- 易地搬迁台账 ---- */

static void reloc_kind(const void *rec, const struct check_ctx *cc, struct reg_cell *out)
{
    (void)cc;
    out->text = RELOC_CONCENTRATED(((const struct relocation *)rec)->mode) ? "集中安置" : "分散安置";
}

static const struct reg_col RELOCATION_COLS[] = {
    HH_COLS,
    { "迁出地", XO_TEXT, 0, RV_AT(RV_TEXT, struct relocation, from_addr), 0, NULL },
    { "安置点", XO_TEXT, 0, RV_AT(RV_TEXT, struct relocation, site), 0, NULL },
    { "搬迁入住日期", XO_DATE, 0, RV_AT(RV_TEXT, struct relocation, moved_on), 0, NULL },
    { "安置类型", XO_TEXT, 0, FN(reloc_kind), 0, "集中安置" },
    { "安置方式", XO_TEXT, 0, { RV_CODE, offsetof(struct relocation, mode), CL_RELOC_MODE, NULL, NULL }, 0, NULL },
    { "搬迁人数", XO_INT, 0, RV_AT(RV_INT, struct relocation, people), 1, NULL },
    { "住房面积(㎡)", XO_NUMBER, 0, RV_AT(RV_I64, struct relocation, area), 1, NULL },
    { "人均面积(㎡)", XO_NUMBER, 0, FN(relocation_cell_per_person), 0, NULL },
    { "建房补助", XO_MONEY, 0, RV_AT(RV_I64, struct relocation, subsidy), 1, NULL },
    { "备注", XO_TEXT, 0, RV_AT(RV_TEXT, struct relocation, note), 0, NULL },
};

static const struct reg_ledger RELOCATION_LEDGER = {
    "易地搬迁台账", "易地扶贫搬迁台账", "户", RELOCATION_COLS, sizeof RELOCATION_COLS / sizeof *RELOCATION_COLS, 4,
    db_relocations_each,
};

int relocation_export_ledger(struct db *db, const char *area, int year, const char *path,
                             xo_progress_fn progress, void *pctx, int64_t *rows, char *err, size_t errsz)
{
    (void)year;
    return reg_export_ledger(&RELOCATION_LEDGER, db, area, path, progress, pctx, rows, err, errsz);
}

/* ---- 资产收益台账 ---- */

static const struct reg_col DIVIDEND_COLS[] = {
    HH_COLS,
    { "项目名称", XO_TEXT, 0, RV_AT(RV_TEXT, struct asset_share, project), 0, NULL },
    { "入股年份", XO_INT, 0, RV_AT(RV_INT, struct asset_share, start_year), 0, NULL },
    { "入股/配股金额", XO_MONEY, 0, RV_AT(RV_I64, struct asset_share, amount), 1, NULL },
    { "股数", XO_INT, 0, RV_AT(RV_INT, struct asset_share, shares), 1, NULL },
    { "累计分红", XO_MONEY, 0, RV_AT(RV_I64, struct asset_share, paid), 1, NULL },
    { "最近分红年度", XO_INT, 0, FN(share_cell_last_year), 0, NULL },
    { "备注", XO_TEXT, 0, RV_AT(RV_TEXT, struct asset_share, note), 0, NULL },
};

static const struct reg_ledger DIVIDEND_LEDGER = {
    "资产收益台账", "资产收益扶贫台账", "条", DIVIDEND_COLS, sizeof DIVIDEND_COLS / sizeof *DIVIDEND_COLS, 5,
    db_shares_each,
};

int dividend_export_ledger(struct db *db, const char *area, int year, const char *path,
                           xo_progress_fn progress, void *pctx, int64_t *rows, char *err, size_t errsz)
{
    (void)year;
    return reg_export_ledger(&DIVIDEND_LEDGER, db, area, path, progress, pctx, rows, err, errsz);
}
