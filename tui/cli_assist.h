/* cli_assist.h — the commands of the two assistance ledgers; the workbooks
 * themselves are db/assist_export.h (included here for the screens that
 * export them). */
#ifndef FUPIN_CLI_ASSIST_H
#define FUPIN_CLI_ASSIST_H
#include "db/assist_export.h"
#include "db/team_export.h"
#include "db/plan_export.h"
#include "db/loan_export.h"
#include "tui/cli.h"

/* fupin export ledger   --db FILE [--area CODE] [--year Y] -o OUT.xlsx
 * fupin export projects --db FILE [--area CODE] [--year Y] -o OUT.xlsx
 * Exit 0 written, 2 usage (no -o, bad year, unknown area), 3 database/file. */
int cmd_export_ledger(struct cli *c);
int cmd_export_projects(struct cli *c);
/* fupin export team --db FILE [--village CODE | --area CODE] [--year Y] -o OUT.xlsx
 * 驻村工作队花名册 (db/team_export.h). */
int cmd_export_team(struct cli *c);
/* fupin export monitor  --db FILE [--village CODE | --area CODE] -o OUT.xlsx
 * 监测对象名单 (db/monitor_export.h); the same exits. */
int cmd_export_monitor(struct cli *c);
/* fupin export flow --period 2026-11|2026-Q3|2026 [--area CODE] [--by township|village] -o FILE */
int cmd_export_flow(struct cli *c);
/* fupin export plans    --db FILE [--village CODE | --area CODE] [--year Y] -o OUT.xlsx
 * 帮扶规划表 (db/plan_export.h), the year today's when not given. */
int cmd_export_plans(struct cli *c);
/* `fupin export loans -o FILE [--area CODE]`: the 扶贫小额信贷台账
 * (db/loan_export.h). */
int cmd_export_loans(struct cli *c);
/* `fupin export training -o FILE [--area CODE]`: the 就业培训台账. */
int cmd_export_training(struct cli *c);
/* `fupin export dividends|relocation -o FILE [--area CODE]`: the 资产收益台账
 * and the 易地搬迁台账. */
int cmd_export_dividends(struct cli *c);
int cmd_export_relocation(struct cli *c);

#endif
