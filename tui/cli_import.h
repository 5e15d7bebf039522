/* cli_import.h — `fupin import csv` (SPEC §7.2; rules in db/import.h). */
#ifndef FUPIN_CLI_IMPORT_H
#define FUPIN_CLI_IMPORT_H
#include "tui/cli.h"

/* fupin import csv --db FILE [--encoding utf-8|gbk] [--create-areas]
 *                  [--county CODE NAME] [--year Y] FILE.csv
 * Prints one line per problem "FILE:LINE:COL: 错误|警告 [CHECK] 列: message"
 * (COL "-" for the row as a whole) and a summary.  Exit 0 imported, 1 rows
 * with errors (nothing written), 2 usage, 3 unreadable file / database. */
int cmd_import(struct cli *c);

#endif
