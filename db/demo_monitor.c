/* demo_monitor.c — see demo_monitor.h. */
#include "db/demo_monitor.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "core/clock.h"
#include "core/codes.h"
#include "core/monitor.h"
#include "core/workflow.h"
#include "db/household_store.h"
#include "db/monitor.h"

/* Households of a state list (an SQL "IN (…)" text), id order, up to max. */
static size_t households_in(struct db *db, const char *sql, int64_t *ids, size_t max)
{
    sqlite3_stmt *st = db_stmt(db, sql);
    size_t n = 0;
    if (!st)
        return 0;
    while (n < max && sqlite3_step(st) == SQLITE_ROW)
        ids[n++] = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return n;
}

/* The latest survey re-keyed at `per_head` 元 a head of wage income only
 * (the 回头看 found the income fell), with the reason the register asks. */
static enum db_err lower_income(struct db *db, struct household *hh, int64_t id, money_t per_head)
{
    enum db_err rc = db_household_load(db, id, 0, hh);
    if (rc != DB_OK || !hh->survey.year)
        return rc;
    struct survey *s = &hh->survey;
    s->business_income = s->property_income = s->family_planning = s->dibao = s->tekun = 0;
    s->pension = s->eco_comp = s->other_transfer = s->business_cost = s->declared_per_capita = 0;
    s->wage_income = per_head * 100 * (hh->n_members > 0 ? hh->n_members : 1);
    snprintf(hh->change_reason, sizeof hh->change_reason, "回头看：务工收入减少");
    return db_household_save(db, hh);
}

/* A member (the second, else the head) turns 患有大病 after the exit. */
static enum db_err falls_ill(struct db *db, struct household *hh, int64_t id)
{
    enum db_err rc = db_household_load(db, id, 0, hh);
    if (rc != DB_OK)
        return rc;
    hh->members[hh->n_members > 1 ? 1 : 0].health = HEALTH_SERIOUS;
    snprintf(hh->change_reason, sizeof hh->change_reason, "成员确诊大病");
    return db_household_save(db, hh);
}

static enum db_err keyed(struct db *db, int64_t hh, int category, int risk, long days_back,
                         int measure, const char *measures, int64_t *id)
{
    struct monitor_record r;
    memset(&r, 0, sizeof r);
    r.household_id = hh;
    r.category = category;
    r.risk = risk;
    days_to_date(clock_today_days() - days_back, r.identified);
    r.measure[0] = measure;
    snprintf(r.measures, sizeof r.measures, "%s", measures);
    enum db_err rc = db_monitor_save(db, &r);
    if (id)
        *id = r.id;
    return rc;
}

static enum db_err event(struct db *db, int64_t hh, long days_back, int kind, money_t yuan, const char *note)
{
    struct monitor_event ev;
    memset(&ev, 0, sizeof ev);
    ev.household_id = hh;
    days_to_date(clock_today_days() - days_back, ev.date);
    ev.kind = kind;
    ev.loss = yuan * 100;
    snprintf(ev.note, sizeof ev.note, "%s", note);
    return db_event_add(db, &ev);
}

/* The household's first waiting proposal accepted, with measures keyed. */
static enum db_err accept_first(struct db *db, int64_t hh, int measure, const char *measures)
{
    struct monitor_proposal p[4];
    size_t n = 0;
    enum db_err rc = db_monitor_proposals_of(db, hh, p, 4, &n);
    if (rc != DB_OK || !n)
        return rc;
    int64_t id = 0;
    rc = db_monitor_accept(db, hh, p[n - 1].cause, &id);
    struct monitor_record r;
    if (rc == DB_OK)
        rc = db_monitor_get(db, id, &r);
    if (rc != DB_OK)
        return rc;
    r.measure[0] = measure;
    snprintf(r.measures, sizeof r.measures, "%s", measures);
    return db_monitor_save(db, &r);
}

/* The household's first waiting proposal dismissed with a reason. */
static enum db_err dismiss_first(struct db *db, int64_t hh, const char *reason)
{
    struct monitor_proposal p[4];
    size_t n = 0;
    enum db_err rc = db_monitor_proposals_of(db, hh, p, 4, &n);
    return rc != DB_OK || !n ? rc : db_monitor_dismiss(db, hh, p[0].cause, reason);
}

static enum db_err exited_cases(struct db *db, struct household *hh, const int64_t *e, size_t n)
{
    enum db_err rc = DB_OK;
    if (n > 0) rc = lower_income(db, hh, e[0], 1800);            /* 待研判: below the line */
    if (rc == DB_OK && n > 1) rc = lower_income(db, hh, e[1], 3000);   /* 待研判: within the margin */
    if (rc == DB_OK && n > 2) rc = falls_ill(db, hh, e[2]);
    if (rc == DB_OK && n > 2)
        rc = accept_first(db, e[2], 5, "申请大病救助、临时救助，落实家庭医生签约服务");
    if (rc == DB_OK && n > 3)   /* open five months, nothing done: `fupin check` warns */
        rc = keyed(db, e[3], MON_UNSTABLE, RISK_ACCIDENT, 150, 0, "", NULL);
    int64_t id = 0;
    if (rc == DB_OK && n > 4)
        rc = keyed(db, e[4], MON_UNSTABLE, RISK_ILLNESS, 220, 5, "大病救助、慢性病签约服务", &id);
    if (rc == DB_OK && n > 4) {
        char d[11];
        days_to_date(clock_today_days() - 20, d);
        rc = db_monitor_clear(db, id, d, "大病救助到位，家庭收入恢复稳定");
    }
    if (rc == DB_OK && n > 5) rc = lower_income(db, hh, e[5], 2000);
    if (rc == DB_OK && n > 5)
        rc = dismiss_first(db, e[5], "外出务工收入未申报，经核实人均收入已超过5000元");
    return rc;
}

enum db_err demo_fill_monitor(struct db *db, uint64_t seed)
{
    (void)seed;
    int64_t e[8], r[4];
    size_t ne = households_in(db, "SELECT h.id FROM households h WHERE h.deleted = 0 AND h.state = 15 "
                                  "AND EXISTS (SELECT 1 FROM exits x WHERE x.household_id = h.id "
                                  "AND x.exit_date <> '' AND x.deleted = 0) ORDER BY h.id", e, 8);
    size_t nr = households_in(db, "SELECT id FROM households WHERE deleted = 0 AND state IN (0, 9, 10) "
                                  "ORDER BY id", r, 4);
    struct household *hh = malloc(sizeof *hh);
    if (!hh)
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    enum db_err rc = db_begin(db);
    if (rc == DB_OK)
        rc = exited_cases(db, hh, e, ne);
    if (rc == DB_OK && nr > 0)
        rc = event(db, r[0], 30, RISK_DISASTER, 28000, "台风致房屋倒塌");     /* 待研判 */
    if (rc == DB_OK && nr > 1)
        rc = event(db, r[1], 40, RISK_ACCIDENT, 1200, "户主摔伤");           /* below 5000: none */
    if (rc == DB_OK && nr > 2)
        rc = event(db, r[2], 50, RISK_DISASTER, 15000, "厨房失火");
    if (rc == DB_OK && nr > 2)
        rc = accept_first(db, r[2], 6, "危房改造补助，临时救助 3000 元");
    /* Last, an insert: the audit check of the log's tail (db/audit.c
     * verify_tail) finds a cut-off tail by the newest row's missing insert,
     * which tests/e2e/cli_audit_chain.sh cuts from the demo. */
    if (rc == DB_OK && nr > 1)
        rc = keyed(db, r[1], MON_EDGE, RISK_SCHOOLING, 60, 4, "两个孩子上高中，落实雨露计划助学", NULL);
    free(hh);
    if (rc == DB_OK)
        return db_commit(db);
    db_rollback(db);
    return rc;
}
