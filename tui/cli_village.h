/* cli_village.h — the 贫困村 exports on the command line; the workbooks are
 * db/village_export.h.
 *   fupin export villages     [--area CODE] [--year Y] -o OUT.xlsx   贫困村名册
 *   fupin export village-exit --village CODE [--year Y] -o OUT.xlsx 出列核查表
 * Exit 0 written, 2 usage (no -o, bad year, unknown area/village), 3
 * database/file. */
#ifndef FUPIN_CLI_VILLAGE_H
#define FUPIN_CLI_VILLAGE_H
#include "tui/cli.h"

int cmd_export_villages(struct cli *c);
int cmd_export_village_exit(struct cli *c);

#endif
