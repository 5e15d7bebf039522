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

#endif
