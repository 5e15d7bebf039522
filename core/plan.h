/* plan.h — the 帮扶规划 (一户一法) rules that are not checks (issue 15 item 3,
 * seed 003 §二4: 帮扶规划 到户, 7月底前完成): when a planned measure counts
 * as done, what the two configured days of a plan year are, and the
 * 在册 states a plan is made for.  The checks on plans (missing after the
 * deadline, measures without aid by year end, a plan for a household not on
 * the register) are in core/checks.c with the others (subject CS_PLAN). */
#ifndef FUPIN_PLAN_H
#define FUPIN_PLAN_H
#include <stdint.h>
#include "core/household.h"

/* One measure is planned at most once a year: the list has 14 measures. */
#define PLAN_MAX_ITEMS 14
/* Settings' defaults, "MM-DD" of the plan year: the plans are due by the
 * end of July (seed 003); measures are reviewed against the card at year end. */
#define PLAN_DEADLINE_DEFAULT "07-31"
#define PLAN_REVIEW_DEFAULT   "12-31"

enum plan_status {
    PLAN_NOT_STARTED = 0,   /* 未开始: no aid entry of the measure this year */
    PLAN_UNDER_WAY = 1,     /* 进行中: entries, amount below the target amount */
    PLAN_DONE = 2           /* 已完成: entries, and the target amount (if any) reached */
};

/* The status of a planned measure from its target amount (fen, 0 = none)
 * and the year's aid entries of that measure (count, money + goods). */
enum plan_status plan_item_status(money_t target_amount, int entries, money_t amount_so_far);
/* "未开始" / "进行中" / "已完成". */
const char *plan_status_label(enum plan_status s);

/* 1 when mmdd is "MM-DD" of a day every year has (02-29 is refused). */
int plan_mmdd_valid(const char *mmdd);
/* out = "YYYY-MM-DD" of year and mmdd; mmdd invalid or NULL: the default
 * `def`.  Returns 1 when out is a real date. */
int plan_day(int year, const char *mmdd, const char *def, char out[11]);

/* The states a plan is made for, as a bit mask (1u << state): the roster's
 * 在册 (core/workflow.h wf_roster_status), exit or removal under way included. */
uint32_t plan_register_states(void);

#endif
