/* loan_export.h — 小额信贷台账 (issue 16 part 2): one row per loan of the
 * households under an area (db/loans.h db_loans_each order), with its
 * borrower, bank, amount, term, dates, 贴息, repaid, balance and 逾期; a
 * 合计 row closes the table.  Same frame as the other ledgers
 * (db/assist_export.h export_write_book); never modifies the database. */
#ifndef FUPIN_LOAN_EXPORT_H
#define FUPIN_LOAN_EXPORT_H
#include <stddef.h>
#include <stdint.h>
#include "core/xlsxout.h"
#include "db/db.h"

/* Writes the ledger of `area` (NULL/"" = the file; year is not used: a
 * loan runs across years) to path; *rows (may be NULL) gets the data rows.
 * 0, or -1 with one line "中文 (English)" in err. */
int loan_export_ledger(struct db *db, const char *area, int year, const char *path,
                       xo_progress_fn progress, void *pctx, int64_t *rows, char *err, size_t errsz);

/* 就业培训台账: one row per course or job of a member (db/training.h
 * order) with 类别, 课程/岗位, 地点, dates, 收入; a 合计 row. */
int training_export_ledger(struct db *db, const char *area, int year, const char *path,
                           xo_progress_fn progress, void *pctx, int64_t *rows, char *err, size_t errsz);

/* 易地搬迁台账: one row per move (db/relocation.h order) with 迁出地, 安置点,
 * 日期, 安置类型/方式, 人数, 面积, 人均面积, 建房补助; a 合计 row counting
 * the 集中安置 ones. */
int relocation_export_ledger(struct db *db, const char *area, int year, const char *path,
                             xo_progress_fn progress, void *pctx, int64_t *rows, char *err, size_t errsz);
/* 资产收益台账: one row per share (db/dividends.h order) with 项目, 入股年份,
 * 金额, 股数, 累计分红, 最近分红年度; a 合计 row. */
int dividend_export_ledger(struct db *db, const char *area, int year, const char *path,
                           xo_progress_fn progress, void *pctx, int64_t *rows, char *err, size_t errsz);

#endif
