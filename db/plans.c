/* plans.c — 帮扶规划 store and checks (db/plans.h). */
#include "db/plans.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "core/workflow.h"
#include "db/operators.h"
#include "db/record.h"
#include "db/settings.h"


/* The household's state on day ?D (the last move dated on or before it). */
#define STATE_ON(d) \
    "coalesce((SELECT sh.to_state FROM state_history sh WHERE sh.household_id = h.id" \
    " AND sh.date <= " d " ORDER BY sh.date DESC, sh.id DESC LIMIT 1), 0)"
/* 在册 in the year ?3..?4 (first and last day), ?2 the 在册 states; and on
 * the deadline day ?5.  One definition for the store, the checks and the
 * export. */
#define IN_YEAR \
    " (((?2 >> " STATE_ON("?3") ") & 1) OR EXISTS (SELECT 1 FROM state_history sh" \
    "  WHERE sh.household_id = h.id AND sh.date BETWEEN ?3 AND ?4 AND ((?2 >> sh.to_state) & 1))) "
#define AT_DEADLINE " ((?2 >> " STATE_ON("?5") ") & 1) "

/* Binds ?2..?5 of IN_YEAR / AT_DEADLINE for `year`. */
static void bind_year(sqlite3_stmt *st, const struct check_ctx *cc, int year)
{
    char first[11], last[11], due[11];
    snprintf(first, sizeof first, "%04d-01-01", year);
    snprintf(last, sizeof last, "%04d-12-31", year);
    if (!plan_day(year, cc->plan_deadline, PLAN_DEADLINE_DEFAULT, due))
        snprintf(due, sizeof due, "%s", last);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)plan_register_states());
    sqlite3_bind_text(st, 3, first, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, last, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, due, -1, SQLITE_TRANSIENT);
}

enum db_err db_plan_registered(struct db *db, const struct check_ctx *cc, int64_t household_id,
                               int year, int *in_year, int *at_deadline)
{
    *in_year = *at_deadline = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT" IN_YEAR "," AT_DEADLINE
                                   "FROM households h WHERE h.id = ?1 AND h.deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, household_id);
    bind_year(st, cc, year);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *in_year = sqlite3_column_int(st, 0);
        *at_deadline = sqlite3_column_int(st, 1);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return db_set_error(db, DB_ERR_NOTFOUND, "该户不存在或已删除 (household %lld not found)",
                            (long long)household_id);
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "查询在册状态");
}

/* The year's card entries of the item's measure still in force (an entry
 * a later one corrects counts as corrected). */
static enum db_err item_progress(struct db *db, int64_t household_id, int year, struct plan_item *it)
{
    sqlite3_stmt *st = db_stmt(db,
        "SELECT count(*), ifnull(sum(r.money + r.goods_value), 0) FROM aid_records r "
        "WHERE r.household_id = ?1 AND r.measure = ?2 AND r.deleted = 0 AND r.date BETWEEN ?3 AND ?4 "
        "AND NOT EXISTS (SELECT 1 FROM aid_records c WHERE c.corrects_id = r.id AND c.deleted = 0)");
    if (!st)
        return DB_ERR_IO;
    char first[11], last[11];
    snprintf(first, sizeof first, "%04d-01-01", year);
    snprintf(last, sizeof last, "%04d-12-31", year);
    sqlite3_bind_int64(st, 1, household_id);
    sqlite3_bind_int(st, 2, it->measure);
    sqlite3_bind_text(st, 3, first, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, last, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        it->entries = sqlite3_column_int(st, 0);
        it->done_amount = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "统计规划进度");
}

static enum db_err read_items(struct db *db, struct plan *p)
{
    sqlite3_stmt *st = db_stmt(db,
        "SELECT i.id, i.measure, i.target, i.amount, ifnull(i.helper_id, 0), i.deadline, "
        "ifnull(hp.name, ''), ifnull(hp.unit, '') FROM plan_items i "
        "LEFT JOIN helpers hp ON hp.id = i.helper_id WHERE i.plan_id = ?1 ORDER BY i.ordinal, i.id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, p->id);
    int rc;
    p->n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && p->n < PLAN_MAX_ITEMS) {
        struct plan_item *it = &p->items[p->n++];
        memset(it, 0, sizeof *it);
        it->id = sqlite3_column_int64(st, 0);
        it->measure = sqlite3_column_int(st, 1);
        db_col_text(st, 2, it->target, sizeof it->target);
        it->amount = sqlite3_column_int64(st, 3);
        it->helper_id = sqlite3_column_int64(st, 4);
        db_col_text(st, 5, it->deadline, sizeof it->deadline);
        db_col_text(st, 6, it->helper_name, sizeof it->helper_name);
        db_col_text(st, 7, it->helper_unit, sizeof it->helper_unit);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return db_fail(db, rc, "读取帮扶规划");
    enum db_err err = DB_OK;
    for (size_t i = 0; err == DB_OK && i < p->n; i++)
        err = item_progress(db, p->household_id, p->year, &p->items[i]);
    return err;
}

/* The plan row of (household, year): *id 0 when none. */
static enum db_err find_plan(struct db *db, int64_t household_id, int year, int64_t *id,
                             char *notes, size_t notessz)
{
    *id = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT id, notes FROM plans WHERE household_id = ?1 AND year = ?2 "
                                   "AND deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, household_id);
    sqlite3_bind_int(st, 2, year);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        if (notes)
            db_col_text(st, 1, notes, notessz);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取帮扶规划");
}

enum db_err db_plan_get(struct db *db, int64_t household_id, int year, struct plan *out)
{
    memset(out, 0, sizeof *out);
    out->household_id = household_id;
    out->year = year;
    enum db_err err = find_plan(db, household_id, year, &out->id, out->notes, sizeof out->notes);
    if (err != DB_OK)
        return err;
    if (!out->id)
        return DB_ERR_NOTFOUND;
    return read_items(db, out);
}

/* 1 when helper_id is 0 or has been the household's 帮扶责任人. */
static enum db_err helper_of_household(struct db *db, int64_t household_id, int64_t helper_id, int *ok)
{
    *ok = 1;
    if (!helper_id)
        return DB_OK;
    sqlite3_stmt *st = db_stmt(db, "SELECT EXISTS (SELECT 1 FROM assignments WHERE household_id = ?1 "
                                   "AND helper_id = ?2 AND deleted = 0)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, household_id);
    sqlite3_bind_int64(st, 2, helper_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *ok = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "查询帮扶责任人");
}

/* The CS_PLAN errors of p as it is about to be saved: the first refuses. */
static enum db_err check_plan(struct db *db, const struct check_ctx *cc, struct plan *p)
{
    struct plan_item_facts items[PLAN_MAX_ITEMS];
    struct plan_facts pf = { .year = p->year, .has_plan = 1, .items = items, .n = p->n };
    enum db_err err = db_plan_registered(db, cc, p->household_id, p->year, &pf.registered,
                                         &pf.registered_at_deadline);
    for (size_t i = 0; err == DB_OK && i < p->n; i++) {
        struct plan_item *it = &p->items[i];
        char day[11];
        if (it->deadline[0] && date_normalise(it->deadline, day))
            snprintf(it->deadline, sizeof it->deadline, "%s", day);
        memset(&items[i], 0, sizeof items[i]);
        items[i].measure = it->measure;
        snprintf(items[i].deadline, sizeof items[i].deadline, "%s", it->deadline);
        items[i].entries = 1;       /* progress is no rule of saving */
        err = helper_of_household(db, p->household_id, it->helper_id, &items[i].helper_ok);
    }
    if (err != DB_OK)
        return err;
    struct check_result rs[32];
    size_t n = checks_run_plan(cc, &pf, rs, 32);
    for (size_t i = 0; i < n; i++)
        if (rs[i].def->level == CHECK_ERROR)
            return db_set_error_at(db, DB_ERR_INVALID, rs[i].field_key, "%s", rs[i].message);
    return DB_OK;
}

/* The plan row: a new one (refused when the year has one already) or its
 * notes rewritten. */
static enum db_err write_plan_row(struct db *db, struct plan *p)
{
    int64_t existing = 0;
    enum db_err err = find_plan(db, p->household_id, p->year, &existing, NULL, 0);
    if (err != DB_OK)
        return err;
    if (existing != p->id)
        return db_set_error(db, DB_ERR_CONSTRAINT, "该户 %d年 已有帮扶规划，请打开后修改 (a plan of %d exists)",
                            p->year, p->year);
    sqlite3_stmt *st = db_stmt(db, p->id
        ? "UPDATE plans SET notes = ?3, updated_at = " DB_STAMP_NOW " WHERE id = ?4 AND deleted = 0"
        : "INSERT INTO plans(household_id, year, notes) VALUES (?1, ?2, ?3)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, p->household_id);
    sqlite3_bind_int(st, 2, p->year);
    sqlite3_bind_text(st, 3, p->notes, -1, SQLITE_STATIC);
    if (p->id)
        sqlite3_bind_int64(st, 4, p->id);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "保存帮扶规划");
    if (!p->id)
        p->id = sqlite3_last_insert_rowid(db_handle(db));
    return DB_OK;
}

/* Items: removed ones deleted, kept ones rewritten in place (the audit then
 * shows what changed), new ones inserted. */
static enum db_err write_items(struct db *db, struct plan *p)
{
    struct plan old;
    memset(&old, 0, sizeof old);
    old.id = p->id;
    old.household_id = p->household_id;
    old.year = p->year;
    enum db_err err = read_items(db, &old);
    for (size_t i = 0; err == DB_OK && i < old.n; i++) {
        int kept = 0;
        for (size_t j = 0; j < p->n; j++)
            kept |= p->items[j].id == old.items[i].id;
        if (kept)
            continue;
        sqlite3_stmt *st = db_stmt(db, "DELETE FROM plan_items WHERE id = ?1");
        if (!st)
            return DB_ERR_IO;
        sqlite3_bind_int64(st, 1, old.items[i].id);
        int rc = db_step_done(st);
        if (rc != SQLITE_OK)
            err = db_fail(db, rc, "保存帮扶规划措施");
    }
    for (size_t i = 0; err == DB_OK && i < p->n; i++) {
        struct plan_item *it = &p->items[i];
        sqlite3_stmt *st = db_stmt(db, it->id
            ? "UPDATE plan_items SET ordinal = ?2, measure = ?3, target = ?4, amount = ?5, "
              "helper_id = ?6, deadline = ?7, updated_at = " DB_STAMP_NOW " WHERE id = ?8 AND plan_id = ?1"
            : "INSERT INTO plan_items(plan_id, ordinal, measure, target, amount, helper_id, deadline) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        if (!st)
            return DB_ERR_IO;
        sqlite3_bind_int64(st, 1, p->id);
        sqlite3_bind_int(st, 2, (int)i);
        sqlite3_bind_int(st, 3, it->measure);
        sqlite3_bind_text(st, 4, it->target, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 5, it->amount);
        if (it->helper_id)
            sqlite3_bind_int64(st, 6, it->helper_id);
        sqlite3_bind_text(st, 7, it->deadline, -1, SQLITE_STATIC);
        if (it->id)
            sqlite3_bind_int64(st, 8, it->id);
        int rc = db_step_done(st);
        if (rc != SQLITE_OK)
            err = db_fail(db, rc, "保存帮扶规划措施");
        else if (!it->id)
            it->id = sqlite3_last_insert_rowid(db_handle(db));
        else if (sqlite3_changes(db_handle(db)) == 0)     /* not an item of this plan */
            err = db_set_error(db, DB_ERR_NOTFOUND, "第 %zu 项措施已不在该规划中，请重新打开规划 (item %lld gone)",
                               i + 1, (long long)it->id);
    }
    return err;
}

enum db_err db_plan_save_checked(struct db *db, const struct check_ctx *cc, struct plan *p)
{
    if (db_require_role(db, ROLE_CLERK, "录入帮扶规划") != DB_OK)
        return DB_ERR_DENIED;
    if (p->n > PLAN_MAX_ITEMS)
        return db_set_error(db, DB_ERR_INVALID, "帮扶措施最多 %d 项 (too many items)", PLAN_MAX_ITEMS);
    enum db_err err = check_plan(db, cc, p);
    if (err != DB_OK)
        return err;
    /* A refused or failed save leaves p as it was (its new items without
     * ids), so the clerk may correct and save again. */
    int64_t was_id = p->id, item_ids[PLAN_MAX_ITEMS];
    for (size_t i = 0; i < p->n; i++)
        item_ids[i] = p->items[i].id;
    err = db_begin(db);
    if (err != DB_OK)
        return err;
    err = write_plan_row(db, p);
    if (err == DB_OK)
        err = write_items(db, p);
    if (err == DB_OK)
        err = db_commit(db);
    else
        db_rollback(db);
    if (err != DB_OK) {
        p->id = was_id;
        for (size_t i = 0; i < p->n; i++)
            p->items[i].id = item_ids[i];
    }
    return err;
}

/* One "MM-DD" setting into out (6 bytes), the default when absent or bad. */
static void read_day(struct db *db, const char *key, const char *def, char out[6])
{
    char v[16];
    if (db_setting_text(db, key, v, sizeof v) != DB_OK || !plan_mmdd_valid(v))
        snprintf(v, sizeof v, "%s", def);
    memcpy(out, v, 5);
    out[5] = '\0';
}

enum db_err db_plan_delete(struct db *db, int64_t household_id, int year)
{
    if (db_require_role(db, ROLE_CLERK, "删除帮扶规划") != DB_OK)
        return DB_ERR_DENIED;
    sqlite3_stmt *st = db_stmt(db, "UPDATE plans SET deleted = 1, deleted_at = " DB_TEXT_NOW ", updated_at = " DB_STAMP_NOW
                                   " WHERE household_id = ?1 AND year = ?2 AND deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, household_id);
    sqlite3_bind_int(st, 2, year);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "删除帮扶规划");
    if (sqlite3_changes(db_handle(db)) == 0)
        return db_set_error(db, DB_ERR_NOTFOUND, "该户 %d年 没有帮扶规划 (no plan of %d)", year, year);
    return DB_OK;
}

void db_plan_check_ctx(struct db *db, struct check_ctx *cc)
{
    read_day(db, SET_PLAN_DEADLINE, PLAN_DEADLINE_DEFAULT, cc->plan_deadline);
    read_day(db, SET_PLAN_REVIEW, PLAN_REVIEW_DEFAULT, cc->plan_review);
}

enum db_err db_plan_set_days(struct db *db, const char *deadline, const char *review)
{
    const char *bad = deadline && !plan_mmdd_valid(deadline) ? deadline
                    : review && !plan_mmdd_valid(review) ? review : NULL;
    if (bad)
        return db_set_error(db, DB_ERR_INVALID, "日期“%s”应为 月-日，如 07-31 (expected MM-DD)", bad);
    enum db_err err = db_begin(db);
    if (err == DB_OK && deadline)
        err = db_setting_set_text(db, SET_PLAN_DEADLINE, deadline);
    if (err == DB_OK && review)
        err = db_setting_set_text(db, SET_PLAN_REVIEW, review);
    if (err == DB_OK)
        return db_commit(db);
    db_rollback(db);
    return err;
}

/* ---- the households of a year ---- */

static uint32_t ever_registered_states(void)
{
    uint32_t m = 0;
    for (int s = 0; s < WF_STATE_COUNT; s++)
        if (wf_is_registered_or_after((enum wf_state)s))
            m |= 1u << s;
    return m;
}

enum db_err db_plan_each(struct db *db, const struct check_ctx *cc, const char *area, int year,
                         int (*fn)(void *ud, const struct plan_household *ph), void *ud)
{
    /* Only households ever put on the register can be 在册 in a year: the
     * state filter spares the history look-ups of the others. */
    sqlite3_stmt *st = db_stmt(db,
        "SELECT h.id, ifnull(v.name, ''), h.group_name, ifnull(h.hh_no, ''), h.head_name, "
        IN_YEAR "," AT_DEADLINE ", ifnull(p.id, 0), ifnull(p.notes, '') FROM households h "
        "LEFT JOIN areas v ON v.code = h.village "
        "LEFT JOIN plans p ON p.household_id = h.id AND p.year = ?1 AND p.deleted = 0 "
        "WHERE h.deleted = 0 AND (?6 = '' OR h.village LIKE ?6 || '%') "
        "AND (((?7 >> h.state) & 1) OR p.id IS NOT NULL) ORDER BY" DB_HH_ORDER("h"));
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int(st, 1, year);
    bind_year(st, cc, year);
    sqlite3_bind_text(st, 6, area ? area : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 7, (sqlite3_int64)ever_registered_states());
    struct plan_household *ph = malloc(sizeof *ph);
    if (!ph) {
        sqlite3_reset(st);
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    }
    int rc;
    enum db_err err = DB_OK;
    while (err == DB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        memset(ph, 0, sizeof *ph);
        ph->household_id = sqlite3_column_int64(st, 0);
        db_col_text(st, 1, ph->village_name, sizeof ph->village_name);
        db_col_text(st, 2, ph->group_name, sizeof ph->group_name);
        db_col_text(st, 3, ph->hh_no, sizeof ph->hh_no);
        db_col_text(st, 4, ph->head_name, sizeof ph->head_name);
        ph->registered = sqlite3_column_int(st, 5);
        ph->registered_at_deadline = sqlite3_column_int(st, 6);
        ph->plan.id = sqlite3_column_int64(st, 7);
        ph->has_plan = ph->plan.id != 0;
        if (!ph->registered && !ph->has_plan)
            continue;
        ph->plan.household_id = ph->household_id;
        ph->plan.year = year;
        db_col_text(st, 8, ph->plan.notes, sizeof ph->plan.notes);
        if (ph->has_plan)
            err = read_items(db, &ph->plan);
        if (err == DB_OK && fn(ud, ph))
            break;
    }
    sqlite3_reset(st);
    free(ph);
    if (err != DB_OK)
        return err;
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取帮扶规划");
}

struct plan_check_run {
    const struct check_ctx *cc;
    assist_check_fn fn;
    void *ud;
    size_t errors, warnings;
    int review_only;            /* the year before: its measures' review only */
};

static int check_one(void *ud, const struct plan_household *ph)
{
    struct plan_check_run *r = ud;
    struct plan_item_facts items[PLAN_MAX_ITEMS];
    struct plan_facts pf = { ph->plan.year, ph->registered, ph->registered_at_deadline,
                             ph->has_plan, items, ph->plan.n };
    for (size_t i = 0; i < ph->plan.n; i++) {
        memset(&items[i], 0, sizeof items[i]);
        items[i].measure = ph->plan.items[i].measure;
        snprintf(items[i].deadline, sizeof items[i].deadline, "%s", ph->plan.items[i].deadline);
        items[i].helper_ok = 1;     /* checked when saved; a helper stays the household's */
        items[i].entries = ph->plan.items[i].entries;
    }
    struct check_result rs[32];
    size_t k = checks_run_plan(r->cc, &pf, rs, 32);
    char subject[200];
    snprintf(subject, sizeof subject, "户主 %s%s%s", ph->head_name, ph->hh_no[0] ? " 户编号 " : "", ph->hh_no);
    for (size_t i = 0; i < k; i++) {
        if (r->review_only && strcmp(rs[i].def->id, "PLAN_NO_AID") != 0)
            continue;
        if (rs[i].def->level == CHECK_ERROR)
            r->errors++;
        else
            r->warnings++;
        if (r->fn)
            r->fn(r->ud, ph->household_id, subject, &rs[i]);
    }
    return 0;
}

enum db_err db_plan_check_all(struct db *db, const struct check_ctx *cc, int year,
                              assist_check_fn fn, void *ud, size_t *errors, size_t *warnings)
{
    struct plan_check_run r = { cc, fn, ud, 0, 0, 1 };
    enum db_err err = db_plan_each(db, cc, NULL, year - 1, check_one, &r);
    r.review_only = 0;
    if (err == DB_OK)
        err = db_plan_each(db, cc, NULL, year, check_one, &r);
    if (errors) *errors = r.errors;
    if (warnings) *warnings = r.warnings;
    return err;
}
