/* facts.h — a household's identifying and eligibility facts (issue 11 item
 * 4; seed 002 篇2, seed 003 §二(四), seed 004 §20): what a registered or
 * exited household (core/workflow.h wf_changes_need_reason) changes only with
 * a reason.  One table (facts.c) for the screen's save, db_household_save
 * (which refuses such a change without a reason), the CSV import and the
 * merge alike. */
#ifndef FUPIN_FACTS_H
#define FUPIN_FACTS_H
#include <stddef.h>
#include "core/household.h"

/* One changed fact: "第2位成员 李四 身份证号: 4501… → 4501…",
 * "贫困户属性: 一般贫困户 → 低保贫困户", "成员离户: 李四". */
struct fact_change {
    char text[512];
};

/* The facts that differ between the stored record `old` and `now`.
 * Members are matched by row id (a new row has id 0): a stored member
 * missing from `now` left, a row of id 0 joined.  The survey's facts are
 * compared when both hold the survey of the same year (a new year's survey
 * is the yearly re-survey, not a change).  Returns the number of changes
 * (may exceed max; the first max are written). */
size_t facts_changes(const struct household *old, const struct household *now,
                     struct fact_change *out, size_t max);

/* The changes as lines "1. …\n2. …\n" into text (cut to fit). */
void facts_describe(const struct fact_change *c, size_t n, char *text, size_t sz);

/* The day a member joined or left, as typed ("YYYY-MM-DD" or "YYYYMMDD"):
 * NULL and the date in `out` when it is a real day, not after `today` and
 * not before the person's birth (`birth` may be ""); else a Chinese message
 * naming what would be accepted.  The screen and db_household_save alike. */
const char *facts_event_date_error(const char *typed, const char *birth, const char *today,
                                   char out[11]);

#endif
