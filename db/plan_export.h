/* plan_export.h — 帮扶规划表 (issue 15 item 5): one row per planned measure
 * of the households 在册 in the year (db/plans.h db_plan_each), with its
 * progress from the card (帮扶记录 条数, 已投入, 完成情况 of core/plan.h); a
 * household without a plan has one row saying so (逾期 after the deadline).
 * A 合计 row closes the table.  Same frame and conventions as the ledgers
 * (db/assist_export.h); never modifies the database. */
#ifndef FUPIN_PLAN_EXPORT_H
#define FUPIN_PLAN_EXPORT_H
#include <stddef.h>
#include <stdint.h>
#include "core/xlsxout.h"
#include "db/db.h"

/* Writes the table of `area` (NULL/"" = the file) for `year` (0 = today's)
 * to path; *rows (may be NULL) gets the data rows.  0, or -1 with one line
 * "中文 (English)" in err. */
int plan_export_table(struct db *db, const char *area, int year, const char *path,
                      xo_progress_fn progress, void *pctx, int64_t *rows, char *err, size_t errsz);

#endif
