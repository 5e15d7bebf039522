/* demo_village.h — the 贫困村 register of the demo (issue 15 item 1): the
 * first three villages with households become 贫困村 identified in 2016 with
 * a 挂村单位: one ready to exit this year (every checklist item passes, the
 * 出列 not yet proposed), one failing an item (no broadband), one already
 * 出列 last year (its meeting, notice and decision in the file; only when
 * the demo has a third village: `make run`'s 700 households do).  Run after
 * demo_fill_workflow; one transaction. */
#ifndef FUPIN_DEMO_VILLAGE_H
#define FUPIN_DEMO_VILLAGE_H
#include "db/db.h"

enum db_err demo_fill_villages(struct db *db);

#endif
