/* demo_plans.h — what `fupin demo` adds for 帮扶规划 (issue 15 item 3): a
 * plan this year for most households 在册, built from what their card
 * already uses, each with an entry this year (half the target amount for
 * every second: 进行中), every third with one more measure not yet begun
 * (PLAN_NO_AID after the year end), every twelfth with no plan at all
 * (PLAN_MISSING after 07-31).  Reproducible for a seed. */
#ifndef FUPIN_DEMO_PLANS_H
#define FUPIN_DEMO_PLANS_H
#include <stdint.h>
#include "db/db.h"

/* Run after demo_fill_assist, in one transaction. */
enum db_err demo_fill_plans(struct db *db, uint64_t seed);

#endif
