/* cli_assist.h — the two assistance ledgers of SPEC §6 and their commands:
 *   帮扶台账 (one row per 帮扶记录卡 entry) and 项目台账 (one row per project,
 *   with 已拨付 and 核验状态), written through core/xlsxout.h.
 * The TUI's export keys call assist_export_* with a progress callback; the
 * command line calls cmd_export_*.  An export never modifies the database. */
#ifndef FUPIN_CLI_ASSIST_H
#define FUPIN_CLI_ASSIST_H
#include <stddef.h>
#include <stdint.h>
#include "core/xlsxout.h"
#include "db/db.h"
#include "tui/cli.h"

/* Writes the ledger of households under `area` (NULL/"" = the whole file)
 * for `year` (0 = all years) to path.  *rows (may be NULL) gets the data
 * rows.  Returns 0, or -1 with one line "中文 (English)" in err. */
int assist_export_ledger(struct db *db, const char *area, int year, const char *path,
                         xo_progress_fn progress, void *pctx, int64_t *rows,
                         char *err, size_t errsz);
int assist_export_projects(struct db *db, const char *area, int year, const char *path,
                           xo_progress_fn progress, void *pctx, int64_t *rows,
                           char *err, size_t errsz);

/* fupin export ledger   --db FILE [--area CODE] [--year Y] -o OUT.xlsx
 * fupin export projects --db FILE [--area CODE] [--year Y] -o OUT.xlsx
 * Exit 0 written, 2 usage (no -o, bad year, unknown area), 3 database/file. */
int cmd_export_ledger(struct cli *c);
int cmd_export_projects(struct cli *c);

#endif
