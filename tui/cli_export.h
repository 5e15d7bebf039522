/* cli_export.h — `fupin export roster` and `fupin export summary` (SPEC §7.2).
 *
 *   fupin export roster   --db FILE [--area CODE] [--status S] [--year Y] -o OUT.xlsx
 *   fupin export summary  --db FILE [--area CODE] [--year Y] -o OUT.xlsx
 *   fupin export resurvey --db FILE [--area CODE] [--year Y] -o OUT.xlsx
 *
 * --year (default this year) is the year reported: in the titles, each
 * household's survey of that year or the latest before it; resurvey (回头看)
 * lists the 在册 and 已脱贫 households without a survey of that year.
 *
 * --status takes a roster status (在册, 已脱贫, 已清退, 识别中, 未通过, 已撤回,
 * 未申请), a workflow state label or number, or several joined by ','.
 * The database is opened read-only: an export never modifies it.
 * Exit codes: 0 written, 2 usage, 3 data/IO error (one line on stderr). */
#ifndef FUPIN_CLI_EXPORT_H
#define FUPIN_CLI_EXPORT_H
#include "tui/cli.h"

int cmd_export_roster(struct cli *c);
int cmd_export_summary(struct cli *c);
/* `fupin export resurvey [--area CODE] [--year Y] -o OUT.xlsx`: 回头看, the
 * 在册 and 已脱贫 households without a survey of the year. */
int cmd_export_resurvey(struct cli *c);

#endif
