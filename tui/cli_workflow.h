/* cli_workflow.h — `fupin export notice` (SPEC §7.2). */
#ifndef FUPIN_CLI_WORKFLOW_H
#define FUPIN_CLI_WORKFLOW_H
#include "tui/cli.h"

/* fupin export notice --db FILE --notice ID -o OUT.xlsx */
int cmd_export_notice(struct cli *c);

#endif
