/* plans.h — 帮扶规划 (一户一法, issue 15 item 3; seed 003 §二4): per
 * household and year the planned measures (帮扶措施 of CL_MEASURE, each
 * once), each with its 帮扶目标 (text and/or amount), 责任人 (one of the
 * household's 帮扶责任人) and 完成期限, and the plan's notes.  Progress of a
 * measure is the year's card entries of that measure (corrected entries as
 * corrected); its status is core/plan.h's rule.
 *
 * A plan is only for a household 在册 in its year (check PLAN_NOT_REGISTERED,
 * worded by core/checks.c); "在册 in year Y" is read from the state history:
 * on the register on Y-01-01 or moved onto it during Y. */
#ifndef FUPIN_PLANS_H
#define FUPIN_PLANS_H
#include <stdint.h>
#include "core/household.h"
#include "core/checks.h"
#include "core/plan.h"
#include "db/assist.h"
#include "db/db.h"

struct plan_item {
    int64_t id;
    int     measure;                        /* CL_MEASURE */
    char    target[TEXT_BYTES(60)];         /* 帮扶目标 */
    money_t amount;                         /* 目标金额 (fen), 0 = none */
    int64_t helper_id;                      /* 责任人, 0 = not named */
    char    deadline[DATE_LEN + 1];         /* 完成期限, "" = none */
    /* filled on reading: the helper, and the year's progress */
    char    helper_name[TEXT_BYTES(NAME_CHARS)];
    char    helper_unit[TEXT_BYTES(40)];
    int     entries;                        /* card entries of the measure this year */
    money_t done_amount;                    /* their 投入资金 + 物资折款 (fen) */
};

struct plan {
    int64_t id;                             /* 0 = not saved yet */
    int64_t household_id;
    int     year;
    char    notes[TEXT_BYTES(200)];         /* 备注 (情况说明) */
    struct plan_item items[PLAN_MAX_ITEMS];
    size_t  n;
};

/* The plan of (household, year) with each item's helper and progress;
 * DB_ERR_NOTFOUND (out emptied, household and year set) when none. */
enum db_err db_plan_get(struct db *db, int64_t household_id, int year, struct plan *out);

/* Whether the household is 在册 at some time in `year`, and on the deadline
 * day of that year (cc->plan_deadline). */
enum db_err db_plan_registered(struct db *db, const struct check_ctx *cc, int64_t household_id,
                               int year, int *in_year, int *at_deadline);

/* Saves p (inserting or rewriting the plan and its items, in one
 * transaction) after the CS_PLAN errors: a refusal is DB_ERR_INVALID with
 * the check's message, db_errfield naming the field and nothing written.
 * Needs a 录入员 (or above).  p->id is set. */
enum db_err db_plan_save_checked(struct db *db, const struct check_ctx *cc, struct plan *p);

/* Deletes the plan of (household, year) keyed by mistake: soft, the audit
 * keeps it (录入员).  DB_ERR_NOTFOUND when there is none. */
enum db_err db_plan_delete(struct db *db, int64_t household_id, int year);

/* The check context's plan days from the settings (SET_PLAN_DEADLINE,
 * SET_PLAN_REVIEW; the defaults when absent or not MM-DD). */
void db_plan_check_ctx(struct db *db, struct check_ctx *cc);
/* Sets the two days ("MM-DD"; NULL leaves one as it is): 管理员 only,
 * DB_ERR_INVALID for a day that is not MM-DD of every year. */
enum db_err db_plan_set_days(struct db *db, const char *deadline, const char *review);

/* One household of the plans table: who, and its plan (n = 0 and
 * has_plan = 0 when it has none). */
struct plan_household {
    int64_t household_id;
    char    village_name[TEXT_BYTES(30)];
    char    group_name[TEXT_BYTES(20)];
    char    hh_no[HH_NO_LEN + 1];
    char    head_name[TEXT_BYTES(NAME_CHARS)];
    int     registered, registered_at_deadline, has_plan;
    struct plan plan;
};
/* The households of `area` (NULL/"" = all) 在册 in `year` or with a plan of
 * it, in DB_HH_ORDER; fn returns non-zero to stop.  Read-only. */
enum db_err db_plan_each(struct db *db, const struct check_ctx *cc, const char *area, int year,
                         int (*fn)(void *ud, const struct plan_household *ph), void *ud);

/* Runs the CS_PLAN checks over db_plan_each of `year` and of the year
 * before (a plan's measures are reviewed at its year end, which falls in
 * the next year); reports as db_assist_check_all does. */
enum db_err db_plan_check_all(struct db *db, const struct check_ctx *cc, int year,
                              assist_check_fn fn, void *ud, size_t *errors, size_t *warnings);

#endif
