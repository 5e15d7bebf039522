/* check_all.h — the checks over a whole file beyond each household's own
 * forms: helpers and card entries, projects, 防返贫监测, 驻村工作队, 帮扶规划,
 * the measure registers (loans, 易地搬迁), notices and state histories.  One list, run alike by
 * `fupin check` and 数据维护 (the two had drifted: 数据维护 ran three of the
 * six, so it said 没有发现问题 where `fupin check` found overdue loans). */
#ifndef FUPIN_CHECK_ALL_H
#define FUPIN_CHECK_ALL_H
#include <stddef.h>
#include "db/assist.h"
#include "db/db.h"

/* Runs every subject check for `year` (the plans' year; the others check the
 * file as it stands), reporting each finding through fn.  Sets up cc's
 * database hooks itself.  *errors / *warnings are added to.  On a failing
 * step the rest still run; the first failure's code is returned and its
 * message names the step. */
enum db_err db_check_subjects(struct db *db, struct check_ctx *cc, int year, assist_check_fn fn,
                              void *ud, size_t *errors, size_t *warnings);

#endif
