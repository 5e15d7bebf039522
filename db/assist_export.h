/* assist_export.h — the two assistance ledgers of SPEC §6 as workbooks:
 *   帮扶台账 (one row per 帮扶记录卡 entry, in DB_HH_ORDER then date) and
 *   项目台账 (one row per project, with 已拨付 and 核验状态), each ending with
 *   a 合计 row.  A corrected entry stays on the ledger, marked in 备注 with its
 *   old amounts, its money columns blank: the 合计 is then the 帮扶资金 the
 *   summary counts for the same households (corrections as corrected).
 * Written through core/xlsxout.h; an export never modifies the database.
 * The TUI's export keys call these with a progress callback, the command
 * line (tui/cli_assist.h) without. */
#ifndef FUPIN_ASSIST_EXPORT_H
#define FUPIN_ASSIST_EXPORT_H
#include <stddef.h>
#include <stdint.h>
#include "core/xlsxout.h"
#include "db/db.h"

/* Writes the ledger of households under `area` (NULL/"" = the whole file)
 * for `year` (0 = all years) to path.  *rows (may be NULL) gets the data
 * rows (the 合计 row not counted).  Returns 0, or -1 with one line
 * "中文 (English)" in err. */
int assist_export_ledger(struct db *db, const char *area, int year, const char *path,
                         xo_progress_fn progress, void *pctx, int64_t *rows,
                         char *err, size_t errsz);
int assist_export_projects(struct db *db, const char *area, int year, const char *path,
                           xo_progress_fn progress, void *pctx, int64_t *rows,
                           char *err, size_t errsz);

/* What the ledgers share with the other assistance lists (db/plan_export.c):
 * the frame — open `path`, the sheet of `spec`, rows through `fill`, close;
 * 0, or -1 with one line in err — and the title "<area>[<year>年]<what>"
 * with the 填报单位 (the area's name). */
int assist_write_book(struct db *db, const char *path, const struct xo_sheet_spec *spec,
                      int64_t total, xo_progress_fn progress, void *pctx,
                      enum db_err (*fill)(struct db *db, struct xo_book *b, void *arg, enum xo_err *xe),
                      void *arg, char *err, size_t errsz);
void assist_export_titles(struct db *db, const char *area, int year, const char *what, char *title,
                          size_t titlesz, char *unit, size_t unitsz);

#endif
