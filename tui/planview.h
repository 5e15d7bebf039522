/* planview.h — the 帮扶规划 screen (一户一法, issue 15 item 3): one
 * household's plan of a year as a list of planned measures with their
 * progress from the card; Ins adds a measure and Enter edits one on the
 * assistance sub-form (措施, 目标, 目标金额, 责任人 of the household's
 * 帮扶责任人, 完成期限), Del removes one, F5 keys the plan's notes, F2 saves
 * the whole plan (db/plans.h: one transaction, the CS_PLAN rules), F3 goes
 * to another year, Esc asks when there are unsaved changes.  A household not
 * 在册 in the year is shown with the rule, and keying is refused. */
#ifndef FUPIN_PLANVIEW_H
#define FUPIN_PLANVIEW_H
#include <stdint.h>
#include "tui/app.h"

struct screen planview_open(int64_t household_id, int year);

/* The card's one-line summary of the household's plan of `year` into out:
 * "2026年帮扶规划：产业发展 已完成(2条)；…", or that there is none. */
void planview_summary(int64_t household_id, int year, char *out, size_t outsz);

#endif
