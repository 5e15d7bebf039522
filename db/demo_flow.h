/* demo_flow.h — the demo's 减贫任务 (issue 16 item 1): for this year, a
 * target for the county, each township and each village with households:
 * about a third of the households (and their people) on the register on
 * 1 January or later, so the flow report shows targets met and not met. */
#ifndef FUPIN_DEMO_FLOW_H
#define FUPIN_DEMO_FLOW_H
#include "db/db.h"

enum db_err demo_fill_flow_targets(struct db *db);

#endif
