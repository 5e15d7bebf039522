/* cli_export.h — `fupin export roster` and `fupin export summary` (SPEC §7.2).
 *
 *   fupin export roster  --db FILE [--area CODE] [--status S] -o OUT.xlsx
 *   fupin export summary --db FILE [--area CODE] -o OUT.xlsx
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

#endif
