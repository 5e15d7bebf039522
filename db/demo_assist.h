/* demo_assist.h — what `fupin demo` adds for assistance beyond db/demo_fill.c
 * (which already makes helpers, assignments, 2–3 card entries per registered
 * household and one waiver): a reassignment with history, corrected card
 * entries, and projects of both kinds in every stage (申请 … 已结清, one
 * with verification overdue).  Reproducible for a seed. */
#ifndef FUPIN_DEMO_ASSIST_H
#define FUPIN_DEMO_ASSIST_H
#include <stdint.h>
#include "db/db.h"

/* Run after db_demo_fill, in one transaction.  Dates are placed before
 * today (clock_today), so every step's date rule holds. */
enum db_err demo_fill_assist(struct db *db, uint64_t seed);

#endif
