/* loans.h — the 扶贫小额信贷 register (issue 16 part 2): one row per loan
 * of a household, its borrower one of the household's members, with its
 * repayments.  Every save runs the check engine's CS_LOAN rules first
 * (core/checks.h: 5万元, 3年, dates, repayments within the loan), so the
 * screen, `fupin check` and the ledger word a refusal alike; a refusal
 * names the field (db_errfield).  One transaction per save; a loan or a
 * repayment is soft-deleted (the audit keeps it), never removed. */
#ifndef FUPIN_DB_LOANS_H
#define FUPIN_DB_LOANS_H
#include <stddef.h>
#include <stdint.h>
#include "core/checks.h"
#include "core/household.h"
#include "core/loans.h"
#include "db/assist.h"
#include "db/db.h"
#include "db/registers.h"


/* The check engine's view of a loan (with `extra` more repaid on `date`,
 * "" = none: a repayment about to be recorded). */
void loan_facts_of(const struct loan *l, money_t extra, const char *date, struct loan_facts *out);
/* 应贴息额 of a loan (0 when not 贴息). */
money_t loan_subsidy_of(const struct loan *l);

/* The registers' member: the one at `place` (1-based, 1 = 户主) on the
 * household's roster; DB_ERR_INVALID naming field `key` ("借款人序号 4 不是
 * 本户成员") when there is none. */
enum db_err db_register_member(struct db *db, int64_t household_id, int place, const char *key,
                               const char *label, int64_t *member_id);
/* Saves a loan (new when l->id is 0): refused (DB_ERR_INVALID, the check's
 * message, the field named) on any CS_LOAN error, counting the repayments
 * already recorded; the borrower must be a member of the household. */
enum db_err db_loan_save(struct db *db, const struct check_ctx *cc, struct loan *l);
enum db_err db_loan_get(struct db *db, int64_t id, struct loan *out);
/* Loans (struct loan) of one household (household_id > 0), else of an
 * area (NULL/"" = the file), in DB_HH_ORDER then 放款日期; fn non-zero stops. */
enum db_err db_loans_each(struct db *db, int64_t household_id, const char *area, register_row_fn fn, void *ud);
/* The ledger's and the screen's computed cells of a loan: 应贴息额 (blank
 * when not 贴息), 贷款余额, 状态 (已结清 / 逾期 / 正常 on cc's today). */
void loan_cell_subsidy(const void *rec, const struct check_ctx *cc, struct reg_cell *out);
void loan_cell_balance(const void *rec, const struct check_ctx *cc, struct reg_cell *out);
void loan_cell_state(const void *rec, const struct check_ctx *cc, struct reg_cell *out);
/* Records a repayment; refused when it would pass the loan's amount or is
 * dated before the loan or after today.  *id (may be NULL) gets its id. */
enum db_err db_loan_repay(struct db *db, const struct check_ctx *cc, int64_t loan_id,
                          const struct loan_repayment *r, int64_t *id);
/* A loan's repayments by date. */
enum db_err db_loan_repayments(struct db *db, int64_t loan_id, struct loan_repayment *out,
                               size_t max, size_t *n);
/* One line for a household's screens of its registers: "小额信贷 2 笔, 余额
 * 30000.00 元 (1 笔逾期)；资产收益 1 项, 累计分红 800.00 元；就业/培训 3 条；
 * 易地搬迁 至 幸福家园", "" when it has none (today: cc's). */
enum db_err db_loan_summary(struct db *db, const struct check_ctx *cc, int64_t household_id,
                            char *out, size_t outsz);
/* Soft-deletes a loan (its repayments go with it: they are read through it). */
enum db_err db_loan_delete(struct db *db, int64_t id);
/* CS_LOAN over every loan of the file (the overdue warning is `fupin
 * check`'s business); counts as db_assist_check_all. */
enum db_err db_loan_check_all(struct db *db, const struct check_ctx *cc, assist_check_fn fn,
                              void *ud, size_t *errors, size_t *warnings);

#endif
