/* cli_merge.h — `fupin merge --db TARGET.db SOURCE.db...` (SPEC §7.2; rules in db/merge.h). */
#ifndef FUPIN_CLI_MERGE_H
#define FUPIN_CLI_MERGE_H
#include "tui/cli.h"

/* Merges each SOURCE into the --db file, one transaction per source, and
 * prints per source what was added/updated and one line per conflict
 * "SOURCE: 冲突 [KIND] message".  Exit 0 merged without conflict, 1 some
 * households were not merged because of conflicts (the rest was), 2 usage,
 * 3 a source or the target could not be read/written (that source: nothing
 * written; the other sources are still merged). */
int cmd_merge(struct cli *c);

#endif
