/* demo_workflow.h — the workflow records behind the demo households' states
 * (core/demo.c sets the states and 户编号): per village an identification
 * meeting with votes, the three notice rounds (closed ones for households
 * past them, open ones for households on them), one objection upheld (维持)
 * and one successful (取消, on a rejected household), 回访核查 results, Form G
 * rows and closed exit rounds for the exit path, a removal notice, and the
 * 户编号 counters.  Direct inserts: the households are already in their
 * states, nothing moves. */
#ifndef FUPIN_DEMO_WORKFLOW_H
#define FUPIN_DEMO_WORKFLOW_H
#include <stdint.h>
#include "db/db.h"

/* Run after db_demo_fill; one transaction.  seed varies the vote counts. */
enum db_err demo_fill_workflow(struct db *db, uint64_t seed);

#endif
