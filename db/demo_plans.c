/* demo_plans.c — demo 帮扶规划 (db/demo_plans.h). */
#include "db/demo_plans.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "db/assist.h"
#include "db/plans.h"

/* What a plan says of a measure, by the measures the demo's cards use. */
static const struct { int measure; const char *target; money_t amount; } TARGETS[] = {
    { 1, "发展养殖：养牛 2 头、养鸡 100 羽", 500000 },
    { 2, "稳定外出务工 1 人，年务工收入 2 万元以上", 0 },
    { 3, "参加种养技能培训 1 次", 0 },
    { 4, "子女教育资助，义务教育阶段不辍学", 200000 },
    { 5, "家庭成员全部参加医保，落实大病救助", 0 },
    { 6, "完成危房改造，住房安全有保障", 4000000 },
    { 7, "符合条件的纳入低保兜底", 0 },
    { 8, "申请扶贫小额信贷 5 万元发展产业", 0 },
    { 9, "入股合作社，获得资产收益分红", 100000 },
    { 10, "安排生态护林员公益岗位 1 人", 0 },
};
#define N_TARGETS (sizeof TARGETS / sizeof *TARGETS)

struct ids { int64_t *v; size_t n, cap; };

static int collect(void *ud, const struct plan_household *ph)
{
    struct ids *ids = ud;
    if (!ph->registered || ph->has_plan)
        return 0;
    if (ids->n == ids->cap) {
        size_t cap = ids->cap ? ids->cap * 2 : 256;
        int64_t *v = realloc(ids->v, cap * sizeof *v);
        if (!v)
            return 1;
        ids->v = v;
        ids->cap = cap;
    }
    ids->v[ids->n++] = ph->household_id;
    return 0;
}

/* Up to two measures the household's card uses (up to `year`), most used first. */
static size_t card_measures(struct db *db, int64_t hh, int year, int out[2])
{
    sqlite3_stmt *st = db_stmt(db, "SELECT measure FROM aid_records WHERE household_id = ?1 AND deleted = 0 "
                                   "AND date <= ?2 GROUP BY measure ORDER BY count(*) DESC, measure LIMIT 2");
    size_t n = 0;
    if (!st)
        return 0;
    char y[16];
    snprintf(y, sizeof y, "%04d-12-31", year);
    sqlite3_bind_int64(st, 1, hh);
    sqlite3_bind_text(st, 2, y, -1, SQLITE_TRANSIENT);
    while (n < 2 && sqlite3_step(st) == SQLITE_ROW)
        out[n++] = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return n;
}

static void add_item(struct plan *p, int measure, int64_t helper, const char *deadline)
{
    for (size_t i = 0; i < p->n; i++)
        if (p->items[i].measure == measure)
            return;
    struct plan_item *it = &p->items[p->n++];
    memset(it, 0, sizeof *it);
    it->measure = measure;
    it->helper_id = helper;
    snprintf(it->deadline, sizeof it->deadline, "%s", deadline);
    snprintf(it->target, sizeof it->target, "按帮扶记录卡落实");
    for (size_t k = 0; k < N_TARGETS; k++)
        if (TARGETS[k].measure == measure) {
            snprintf(it->target, sizeof it->target, "%s", TARGETS[k].target);
            it->amount = TARGETS[k].amount;
        }
}

/* This year's card entry of a planned measure, a few weeks ago (not before
 * the household came on the register); half of a target amount for every
 * second household, so some measures are 进行中. */
static enum db_err key_progress(struct db *db, int64_t hh, const struct plan_item *it, size_t k)
{
    char day[11], since[11] = "";
    if (db_waiver_of(db, hh, day, NULL, 0) == DB_OK)
        return DB_OK;
    days_to_date(clock_today_days() - 5 - (long)(k % 20), day);
    sqlite3_stmt *st = db_stmt(db, "SELECT max(date) FROM state_history WHERE household_id = ?1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, hh);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(since, sizeof since, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    if (strcmp(day, since) < 0)
        snprintf(day, sizeof day, "%s", since);
    struct aid_record r;
    memset(&r, 0, sizeof r);
    r.household_id = hh;
    r.helper_id = it->helper_id;
    snprintf(r.date, sizeof r.date, "%s", day);
    r.measure = it->measure;
    snprintf(r.content, sizeof r.content, "落实帮扶规划：%.80s", it->target);
    snprintf(r.outcome, sizeof r.outcome, "%s", "按规划推进");
    r.money = k % 2 ? it->amount / 2 : it->amount;
    r.signed_household = r.signed_village = r.signed_team = 1;
    return db_aid_add(db, &r);
}

/* The plan of household k of the list: its card's measures, and one not
 * begun for every third (or the only one when the card has none). */
static enum db_err plan_for(struct db *db, const struct check_ctx *cc, int64_t hh, int year,
                            size_t k, uint64_t seed)
{
    struct plan *p = calloc(1, sizeof *p);
    if (!p)
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    p->household_id = hh;
    p->year = year;
    struct helper h;
    int64_t helper = db_helper_of(db, hh, &h) == DB_OK ? h.id : 0;
    char end[11], autumn[11];
    snprintf(end, sizeof end, "%04d-12-31", year);
    snprintf(autumn, sizeof autumn, "%04d-10-31", year);
    int m[2];
    size_t n = card_measures(db, hh, year, m);
    for (size_t i = 0; i < n; i++)
        add_item(p, m[i], helper, i ? end : autumn);
    size_t keyed = p->n;      /* the card's measures get this year's entries */
    if (n == 0 || k % 3 == 0)
        add_item(p, TARGETS[(k + seed) % N_TARGETS].measure, helper, end);
    snprintf(p->notes, sizeof p->notes, "%s", k % 2 ? "一户一法：入户商定，户主同意"
                                                    : "一户一法：结合致贫原因，因户施策");
    enum db_err err = db_plan_save_checked(db, cc, p);
    for (size_t i = 0; err == DB_OK && i < keyed; i++)
        err = key_progress(db, hh, &p->items[i], k);
    free(p);
    return err;
}

/* Plans for the households 在册 in `year`, but every `skip_every`-th. */
static enum db_err plans_of_year(struct db *db, const struct check_ctx *cc, int year, size_t skip_every,
                                 uint64_t seed)
{
    struct ids ids = { NULL, 0, 0 };
    enum db_err err = db_plan_each(db, cc, NULL, year, collect, &ids);
    for (size_t k = 0; err == DB_OK && k < ids.n; k++) {
        if (k % skip_every == skip_every - 1)
            continue;
        err = plan_for(db, cc, ids.v[k], year, k, seed);
    }
    free(ids.v);
    return err;
}

enum db_err demo_fill_plans(struct db *db, uint64_t seed)
{
    struct check_ctx cc;
    checks_ctx_init(&cc);
    db_plan_check_ctx(db, &cc);
    int year = atoi(cc.today);
    enum db_err err = db_begin(db);
    if (err != DB_OK)
        return err;
    err = plans_of_year(db, &cc, year, 12, seed);
    if (err == DB_OK)
        return db_commit(db);
    db_rollback(db);
    return err;
}
