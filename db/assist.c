/* assist.c — helpers, assignments, aid entries, waivers (see assist.h). */
#include "db/assist.h"
#include "db/record.h"
#include "db/projects.h"
#include "db/settings.h"
#include "db/team.h"
#include "core/clock.h"
#include "core/codes.h"
#include "core/workflow.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* "" or NULL → today; otherwise a real date, normalised.  0 if invalid. */
static int day_or_today(const char *date, char out[11])
{
    if (!date || !*date) {
        clock_today(out);
        return 1;
    }
    return date_normalise(date, out);
}

enum db_err db_helper_add(struct db *db, struct helper *h)
{
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO helpers(name, unit, title, phone) VALUES (?1, ?2, ?3, ?4)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, h->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, h->unit, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, h->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, h->phone, -1, SQLITE_STATIC);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "添加帮扶责任人");
    h->id = sqlite3_last_insert_rowid(db_handle(db));
    return DB_OK;
}

enum db_err db_helper_assign(struct db *db, int64_t household_id, int64_t helper_id,
                             const char *from_date)
{
    char day[11];
    if (!day_or_today(from_date, day))
        return db_set_error(db, DB_ERR_INVALID, "日期“%s”不存在 (invalid date)", from_date);
    enum db_err err = db_begin(db);
    if (err != DB_OK)
        return err;
    /* 一对一: the current assignment ends the day the next one starts. */
    sqlite3_stmt *st = db_stmt(db, "UPDATE assignments SET to_date = ?2, updated_at = " DB_STAMP_NOW
                                   " WHERE household_id = ?1 AND to_date IS NULL AND deleted = 0");
    int rc = SQLITE_ERROR;
    if (st) {
        sqlite3_bind_int64(st, 1, household_id);
        sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
        rc = db_step_done(st);
    }
    if (rc == SQLITE_OK) {
        st = db_stmt(db, "INSERT INTO assignments(helper_id, household_id, from_date) VALUES (?1, ?2, ?3)");
        rc = SQLITE_ERROR;
        if (st) {
            sqlite3_bind_int64(st, 1, helper_id);
            sqlite3_bind_int64(st, 2, household_id);
            sqlite3_bind_text(st, 3, day, -1, SQLITE_STATIC);
            rc = db_step_done(st);
        }
    }
    if (rc == SQLITE_OK)
        return db_commit(db);
    err = db_fail(db, rc, "指定帮扶责任人");
    db_rollback(db);
    return err;
}

enum db_err db_helper_of(struct db *db, int64_t household_id, struct helper *out)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT h.id, h.name, h.unit, h.title, h.phone FROM assignments a "
                                   "JOIN helpers h ON h.id = a.helper_id WHERE a.household_id = ?1 "
                                   "AND a.to_date IS NULL AND a.deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, household_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        out->id = sqlite3_column_int64(st, 0);
        db_copy_text(out->name, sizeof out->name, (const char *)sqlite3_column_text(st, 1));
        db_copy_text(out->unit, sizeof out->unit, (const char *)sqlite3_column_text(st, 2));
        db_copy_text(out->title, sizeof out->title, (const char *)sqlite3_column_text(st, 3));
        db_copy_text(out->phone, sizeof out->phone, (const char *)sqlite3_column_text(st, 4));
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return DB_ERR_NOTFOUND;
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取帮扶责任人");
}

/* Binds an entry's keyed values as ?2 … ?11 (helper, date, measure, content,
 * money, goods, outcome, three signatures): the INSERT and the UPDATE of an
 * entry number them alike.  day is the normalised date. */
static void bind_entry(sqlite3_stmt *st, const struct aid_record *r, const char *day)
{
    if (r->helper_id)
        sqlite3_bind_int64(st, 2, r->helper_id);
    else
        sqlite3_bind_null(st, 2);
    sqlite3_bind_text(st, 3, day, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 4, r->measure);
    sqlite3_bind_text(st, 5, r->content, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, r->money);
    sqlite3_bind_int64(st, 7, r->goods_value);
    sqlite3_bind_text(st, 8, r->outcome, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 9, r->signed_household);
    sqlite3_bind_int(st, 10, r->signed_village);
    sqlite3_bind_int(st, 11, r->signed_team);
    if (r->team_signer_id)
        sqlite3_bind_int64(st, 13, r->team_signer_id);
    else
        sqlite3_bind_null(st, 13);
}

enum db_err db_aid_add(struct db *db, struct aid_record *r)
{
    char day[11];
    if (!date_normalise(r->date, day))
        return db_set_error(db, DB_ERR_INVALID, "帮扶日期“%s”不存在 (invalid date)", r->date);
    sqlite3_stmt *st = db_stmt(db,
        "INSERT INTO aid_records(household_id, helper_id, date, measure, content, money, goods_value, "
        "outcome, signed_household, signed_village, signed_team, corrects_id, team_signer_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, r->household_id);
    bind_entry(st, r, day);
    if (r->corrects_id)
        sqlite3_bind_int64(st, 12, r->corrects_id);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "保存帮扶记录");
    r->id = sqlite3_last_insert_rowid(db_handle(db));
    return DB_OK;
}

enum db_err db_waiver_add(struct db *db, int64_t household_id, const char *date,
                          const char *reason, int64_t *id)
{
    char day[11];
    if (!day_or_today(date, day))
        return db_set_error(db, DB_ERR_INVALID, "日期“%s”不存在 (invalid date)", date);
    if (!reason || !*reason)
        return db_set_error(db, DB_ERR_INVALID, "请填写放弃帮扶的原因 (waiver needs a reason)");
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO waivers(household_id, date, reason) VALUES (?1, ?2, ?3)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, household_id);
    sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "保存放弃帮扶声明");
    if (id)
        *id = sqlite3_last_insert_rowid(db_handle(db));
    return DB_OK;
}

/* ---- helpers ------------------------------------------------------------- */

static void read_helper(sqlite3_stmt *st, int c0, struct helper *h)
{
    memset(h, 0, sizeof *h);
    h->id = sqlite3_column_int64(st, c0);
    db_col_text(st, c0 + 1, h->name, sizeof h->name);
    db_col_text(st, c0 + 2, h->unit, sizeof h->unit);
    db_col_text(st, c0 + 3, h->title, sizeof h->title);
    db_col_text(st, c0 + 4, h->phone, sizeof h->phone);
}

/* The registry's order, everywhere it is listed or a namesake chosen. */
#define HELPERS_ORDER " h.unit, h.name, h.id"

/* Reads the registry into *out (max rows, or growing without end when
 * `grow`); *out may be reallocated. */
static enum db_err read_helpers(struct db *db, struct helper_row **out, size_t max, int grow, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db,
        "SELECT h.id, h.name, h.unit, h.title, h.phone, (SELECT count(*) FROM assignments a "
        " WHERE a.helper_id = h.id AND a.to_date IS NULL AND a.deleted = 0) "
        "FROM helpers h WHERE h.deleted = 0 ORDER BY" HELPERS_ORDER);
    if (!st)
        return DB_ERR_IO;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && (grow || *n < max)) {
        if (*n == max) {
            size_t cap = max ? max * 4 : 256;
            struct helper_row *more = realloc(*out, cap * sizeof *more);
            if (!more) {
                sqlite3_reset(st);
                return db_fail(db, SQLITE_NOMEM, "读取帮扶责任人");
            }
            *out = more;
            max = cap;
        }
        read_helper(st, 0, &(*out)[*n].h);
        (*out)[*n].n_households = sqlite3_column_int(st, 5);
        (*n)++;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取帮扶责任人");
}

enum db_err db_helpers(struct db *db, struct helper_row *out, size_t max, size_t *n)
{
    return read_helpers(db, &out, max, 0, n);
}

enum db_err db_helpers_all(struct db *db, struct helper_row **out, size_t *n)
{
    *out = NULL;
    enum db_err e = read_helpers(db, out, 0, 1, n);
    if (e != DB_OK || *n == 0) {
        free(*out);
        *out = NULL;
    }
    return e;
}

enum db_err db_helper_by_name(struct db *db, const char *name, int64_t household_id, int64_t *id)
{
    *id = 0;
    sqlite3_stmt *st = db_stmt(db,
        "SELECT h.id FROM helpers h WHERE h.deleted = 0 AND h.name = ?1 ORDER BY EXISTS (SELECT 1 "
        "FROM assignments a WHERE a.helper_id = h.id AND a.household_id = ?2 AND a.deleted = 0) DESC,"
        HELPERS_ORDER " LIMIT 1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, household_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return DB_OK;
    return rc == SQLITE_DONE ? DB_ERR_NOTFOUND : db_fail(db, rc, "查找帮扶责任人");
}

enum db_err db_helper_get(struct db *db, int64_t id, struct helper *out)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT id, name, unit, title, phone FROM helpers WHERE id = ?1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_helper(st, 0, out);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return db_set_error(db, DB_ERR_NOTFOUND, "没有该帮扶责任人 (no helper %lld)", (long long)id);
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取帮扶责任人");
}

enum db_err db_helper_update(struct db *db, const struct helper *h)
{
    sqlite3_stmt *st = db_stmt(db, "UPDATE helpers SET name = ?2, unit = ?3, title = ?4, phone = ?5, "
                                   "updated_at = " DB_STAMP_NOW " WHERE id = ?1 AND deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, h->id);
    sqlite3_bind_text(st, 2, h->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, h->unit, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, h->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, h->phone, -1, SQLITE_STATIC);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "修改帮扶责任人");
    if (sqlite3_changes(db_handle(db)) == 0)
        return db_set_error(db, DB_ERR_NOTFOUND, "没有该帮扶责任人 (no helper %lld)", (long long)h->id);
    return DB_OK;
}

#define ASSIGN_COLS \
    "SELECT a.id, a.helper_id, a.household_id, h.name, h.unit, h.phone, hh.head_name, " \
    "coalesce(hh.hh_no, ''), coalesce(ar.name, ''), a.from_date, coalesce(a.to_date, '') " \
    "FROM assignments a JOIN helpers h ON h.id = a.helper_id " \
    "JOIN households hh ON hh.id = a.household_id LEFT JOIN areas ar ON ar.code = hh.village "

static enum db_err read_assignments(struct db *db, sqlite3_stmt *st, struct assignment_row *out,
                                    size_t max, size_t *n)
{
    int rc;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
        struct assignment_row *a = &out[(*n)++];
        memset(a, 0, sizeof *a);
        a->id = sqlite3_column_int64(st, 0);
        a->helper_id = sqlite3_column_int64(st, 1);
        a->household_id = sqlite3_column_int64(st, 2);
        db_col_text(st, 3, a->helper_name, sizeof a->helper_name);
        db_col_text(st, 4, a->helper_unit, sizeof a->helper_unit);
        db_col_text(st, 5, a->helper_phone, sizeof a->helper_phone);
        db_col_text(st, 6, a->head_name, sizeof a->head_name);
        db_col_text(st, 7, a->hh_no, sizeof a->hh_no);
        db_col_text(st, 8, a->village_name, sizeof a->village_name);
        db_col_text(st, 9, a->from_date, sizeof a->from_date);
        db_col_text(st, 10, a->to_date, sizeof a->to_date);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取帮扶关系");
}

enum db_err db_assignments_of_household(struct db *db, int64_t household_id,
                                        struct assignment_row *out, size_t max, size_t *n)
{
    sqlite3_stmt *st = db_stmt(db, ASSIGN_COLS "WHERE a.household_id = ?1 AND a.deleted = 0 "
                                   "ORDER BY a.from_date, a.id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, household_id);
    return read_assignments(db, st, out, max, n);
}

enum db_err db_assignments_of_helper(struct db *db, int64_t helper_id, int current_only,
                                     struct assignment_row *out, size_t max, size_t *n)
{
    sqlite3_stmt *st = db_stmt(db, ASSIGN_COLS "WHERE a.helper_id = ?1 AND a.deleted = 0 "
                                   "AND (?2 = 0 OR a.to_date IS NULL) AND hh.deleted = 0 "
                                   "ORDER BY a.to_date IS NOT NULL, hh.village, hh.head_initials, a.from_date");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, helper_id);
    sqlite3_bind_int(st, 2, current_only);
    return read_assignments(db, st, out, max, n);
}

/* The current assignment's helper and start, 0 when none. */
static int64_t current_assignment(struct db *db, int64_t household_id, char from[11])
{
    sqlite3_stmt *st = db_stmt(db, "SELECT helper_id, from_date FROM assignments WHERE household_id = ?1 "
                                   "AND to_date IS NULL AND deleted = 0");
    int64_t id = 0;
    from[0] = '\0';
    if (!st)
        return 0;
    sqlite3_bind_int64(st, 1, household_id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        db_copy_text(from, 11, (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_reset(st);
    return id;
}

enum db_err db_helper_reassign(struct db *db, int64_t household_id, int64_t helper_id,
                               const char *from_date)
{
    char day[11], cur_from[11];
    if (!day_or_today(from_date, day))
        return db_set_error(db, DB_ERR_INVALID, "帮扶起始日期“%s”不存在 (invalid date)", from_date);
    struct helper h;
    enum db_err err = db_helper_get(db, helper_id, &h);
    if (err != DB_OK)
        return err;
    int64_t cur = current_assignment(db, household_id, cur_from);
    if (cur == helper_id)
        return db_set_error(db, DB_ERR_INVALID, "%s 已是该户的帮扶责任人 (already this household's helper)",
                            h.name);
    if (cur && strcmp(day, cur_from) < 0)
        return db_set_error(db, DB_ERR_INVALID,
                            "新的帮扶起始日期 %s 早于现任帮扶责任人的起始日期 %s，请核对 "
                            "(new assignment starts before the current one)", day, cur_from);
    return db_helper_assign(db, household_id, helper_id, day);
}

enum db_err db_helper_end(struct db *db, int64_t household_id, const char *to_date)
{
    char day[11], cur_from[11];
    if (!day_or_today(to_date, day))
        return db_set_error(db, DB_ERR_INVALID, "结束日期“%s”不存在 (invalid date)", to_date);
    if (!current_assignment(db, household_id, cur_from))
        return db_set_error(db, DB_ERR_NOTFOUND, "该户没有现任帮扶责任人 (no current helper)");
    if (strcmp(day, cur_from) < 0)
        return db_set_error(db, DB_ERR_INVALID, "结束日期 %s 早于起始日期 %s (ends before it starts)",
                            day, cur_from);
    sqlite3_stmt *st = db_stmt(db, "UPDATE assignments SET to_date = ?2, updated_at = " DB_STAMP_NOW
                                   " WHERE household_id = ?1 AND to_date IS NULL AND deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, household_id);
    sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
    int rc = db_step_done(st);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "结束帮扶关系");
}

/* ---- the card ------------------------------------------------------------ */

int aid_confirmed(const struct aid_record *r)
{
    return r->signed_household || r->signed_village || r->signed_team;
}

#define AID_COLS "a.id, a.household_id, coalesce(a.helper_id, 0), a.date, a.measure, a.content, " \
                 "a.money, a.goods_value, a.outcome, a.signed_household, a.signed_village, " \
                 "a.signed_team, coalesce(a.corrects_id, 0), coalesce(a.team_signer_id, 0)"
/* The columns AID_COLS reads: a query's own columns follow. */
#define AID_NCOLS 14

static void read_aid(sqlite3_stmt *st, struct aid_record *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    r->household_id = sqlite3_column_int64(st, 1);
    r->helper_id = sqlite3_column_int64(st, 2);
    db_col_text(st, 3, r->date, sizeof r->date);
    r->measure = sqlite3_column_int(st, 4);
    db_col_text(st, 5, r->content, sizeof r->content);
    r->money = sqlite3_column_int64(st, 6);
    r->goods_value = sqlite3_column_int64(st, 7);
    db_col_text(st, 8, r->outcome, sizeof r->outcome);
    r->signed_household = sqlite3_column_int(st, 9);
    r->signed_village = sqlite3_column_int(st, 10);
    r->signed_team = sqlite3_column_int(st, 11);
    r->corrects_id = sqlite3_column_int64(st, 12);
    r->team_signer_id = sqlite3_column_int64(st, 13);
}

enum db_err db_aid_list(struct db *db, int64_t household_id, struct aid_row *out,
                        size_t max, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT " AID_COLS ", coalesce(h.name, ''), "
        "coalesce((SELECT max(c.id) FROM aid_records c WHERE c.corrects_id = a.id AND c.deleted = 0), 0) "
        "FROM aid_records a LEFT JOIN helpers h ON h.id = a.helper_id "
        "WHERE a.household_id = ?1 AND a.deleted = 0 ORDER BY a.date, a.id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, household_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
        struct aid_row *row = &out[(*n)++];
        read_aid(st, &row->r);
        db_col_text(st, AID_NCOLS, row->helper_name, sizeof row->helper_name);
        row->corrected_by = sqlite3_column_int64(st, AID_NCOLS + 1);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取帮扶记录");
}

enum db_err db_aid_get(struct db *db, int64_t id, struct aid_record *out)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT " AID_COLS " FROM aid_records a WHERE a.id = ?1 AND a.deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_aid(st, out);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return db_set_error(db, DB_ERR_NOTFOUND, "没有该帮扶记录 (no aid entry %lld)", (long long)id);
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取帮扶记录");
}

enum db_err db_waiver_of(struct db *db, int64_t household_id, char date[11],
                         char *reason, size_t reasonsz)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT date, reason FROM waivers WHERE household_id = ?1 "
                                   "AND deleted = 0 ORDER BY date LIMIT 1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, household_id);
    int rc = sqlite3_step(st);
    date[0] = '\0';
    if (reason && reasonsz)
        reason[0] = '\0';
    if (rc == SQLITE_ROW) {
        db_col_text(st, 0, date, 11);
        if (reason && reasonsz)
            db_col_text(st, 1, reason, reasonsz);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return DB_ERR_NOTFOUND;
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取放弃帮扶声明");
}

/* Runs the aid checks; the first error becomes the refusal.  A correction
 * is not a new assistance action, so the waiver does not stop it. */
static enum db_err check_aid(struct db *db, const struct check_ctx *cc, const struct aid_record *r,
                             int correction)
{
    struct aid_facts af;
    memset(&af, 0, sizeof af);
    if (!date_normalise(r->date, af.date))
        snprintf(af.date, sizeof af.date, "%.10s", r->date);
    if (!correction) {
        enum db_err err = db_waiver_of(db, r->household_id, af.waiver_date, NULL, 0);
        if (err != DB_OK && err != DB_ERR_NOTFOUND)
            return err;
    }
    af.money = r->money;
    af.goods = r->goods_value;
    struct check_result res[16];
    size_t n = checks_run_aid(cc, &af, res, 16);
    for (size_t i = 0; i < n; i++)
        if (res[i].def->level == CHECK_ERROR)
            return db_set_error(db, DB_ERR_INVALID, "%s", res[i].message);
    if (r->measure <= 0)
        return db_set_error(db, DB_ERR_INVALID, "请选择 帮扶措施类别 (measure is required)");
    if (r->team_signer_id && !r->signed_team)
        return db_set_error_at(db, DB_ERR_INVALID, "signed_team", "「工作队长签字」选了签字人却填“否”");
    return r->team_signer_id ? db_team_signer_check(db, r->household_id, af.date, r->team_signer_id) : DB_OK;
}

enum db_err db_aid_add_checked(struct db *db, const struct check_ctx *cc, struct aid_record *r)
{
    enum db_err err = check_aid(db, cc, r, r->corrects_id != 0);
    return err != DB_OK ? err : db_aid_add(db, r);
}

enum db_err db_aid_update_checked(struct db *db, const struct check_ctx *cc,
                                  const struct aid_record *r)
{
    struct aid_record old;
    enum db_err err = db_aid_get(db, r->id, &old);
    if (err != DB_OK)
        return err;
    if (aid_confirmed(&old))
        return db_set_error(db, DB_ERR_CONSTRAINT,
                            "已签字确认的帮扶记录不能修改，请新增一条更正记录 (confirmed aid entry: add a correction)");
    err = check_aid(db, cc, r, old.corrects_id != 0);
    if (err != DB_OK)
        return err;
    char day[11];
    date_normalise(r->date, day);
    sqlite3_stmt *st = db_stmt(db, "UPDATE aid_records SET helper_id = ?2, date = ?3, measure = ?4, "
        "content = ?5, money = ?6, goods_value = ?7, outcome = ?8, signed_household = ?9, "
        "signed_village = ?10, signed_team = ?11, team_signer_id = ?13, updated_at = " DB_STAMP_NOW " WHERE id = ?1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, r->id);
    bind_entry(st, r, day);
    int rc = db_step_done(st);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "修改帮扶记录");
}

enum db_err db_aid_correct(struct db *db, const struct check_ctx *cc, int64_t original_id,
                           struct aid_record *r)
{
    struct aid_record orig;
    enum db_err err = db_aid_get(db, original_id, &orig);
    if (err != DB_OK)
        return err;
    if (r->household_id && r->household_id != orig.household_id)
        return db_set_error(db, DB_ERR_INVALID, "更正记录须属于同一户 (a correction belongs to the same household)");
    r->household_id = orig.household_id;
    r->corrects_id = original_id;
    err = check_aid(db, cc, r, 1);
    return err != DB_OK ? err : db_aid_add(db, r);
}

enum db_err db_aid_confirm(struct db *db, int64_t id, int household, int village, int team)
{
    sqlite3_stmt *st = db_stmt(db, "UPDATE aid_records SET signed_household = max(signed_household, ?2), "
        "signed_village = max(signed_village, ?3), signed_team = max(signed_team, ?4), "
        "updated_at = " DB_STAMP_NOW " WHERE id = ?1 AND deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, household ? 1 : 0);
    sqlite3_bind_int(st, 3, village ? 1 : 0);
    sqlite3_bind_int(st, 4, team ? 1 : 0);
    int rc = db_step_done(st);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "记录签字确认");
}

enum db_err db_aid_delete(struct db *db, int64_t id)
{
    struct aid_record r;
    enum db_err err = db_aid_get(db, id, &r);
    if (err != DB_OK)
        return err;
    if (aid_confirmed(&r))
        return db_set_error(db, DB_ERR_CONSTRAINT, "已签字确认的帮扶记录不能删除，请新增一条更正记录 "
                            "(confirmed aid entry cannot be deleted)");
    sqlite3_stmt *st = db_stmt(db, "SELECT count(*) FROM aid_records WHERE corrects_id = ?1 AND deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    int corrected = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_reset(st);
    if (corrected)
        return db_set_error(db, DB_ERR_CONSTRAINT, "该记录已有更正记录，不能删除 (entry has a correction)");
    /* Soft: the row stays for the audit trail; every read skips it. */
    st = db_stmt(db, "UPDATE aid_records SET deleted = 1, updated_at = " DB_STAMP_NOW " WHERE id = ?1 AND deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    int rc = db_step_done(st);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "删除帮扶记录");
}

/* ---- checks over the file ------------------------------------------------ */

void db_assist_check_ctx(struct db *db, struct check_ctx *cc)
{
    cc->cap_income = db_setting_int(db, SET_CAP_INCOME_PROJECT, 3000000);
    cc->cap_housing = db_setting_int(db, SET_CAP_HOUSING, 5000000);
    cc->stage_first_pct = (int)db_setting_int(db, SET_STAGE_FIRST_PCT, 80);
    cc->project_notice_days = (int)db_setting_int(db, SET_PROJECT_NOTICE_DAYS, 3);
    cc->project_meeting_min = (int)db_setting_int(db, SET_PROJECT_MEETING_MIN, 9);
    cc->project_meeting_max = (int)db_setting_int(db, SET_PROJECT_MEETING_MAX, 15);
    cc->verify_village_days = (int)db_setting_int(db, SET_VERIFY_VILLAGE_DAYS, 15);
    cc->verify_township_days = (int)db_setting_int(db, SET_VERIFY_TOWNSHIP_DAYS, 15);
    if (cc->aid_confirm_days <= 0)
        cc->aid_confirm_days = 30;
}

static void tally(const struct check_result *rs, size_t k, size_t *errors, size_t *warnings)
{
    for (size_t i = 0; i < k; i++) {
        if (rs[i].def->level == CHECK_ERROR) {
            if (errors) (*errors)++;
        } else if (warnings) {
            (*warnings)++;
        }
    }
}

enum db_err db_assist_check_all(struct db *db, const struct check_ctx *cc, assist_check_fn fn,
                                void *ud, size_t *errors, size_t *warnings)
{
    if (errors) *errors = 0;
    if (warnings) *warnings = 0;
    /* One pass over households with what CS_ASSIST needs: the unsigned
     * entries' dates come as one '|'-joined text (a household has a few). */
    sqlite3_stmt *st = db_stmt(db,
        "SELECT hh.id, hh.state, hh.head_name, coalesce(hh.hh_no, ''), "
        " EXISTS (SELECT 1 FROM assignments a WHERE a.household_id = hh.id AND a.to_date IS NULL AND a.deleted = 0), "
        " EXISTS (SELECT 1 FROM waivers w WHERE w.household_id = hh.id AND w.deleted = 0), "
        " (SELECT group_concat(date, '|') FROM aid_records r WHERE r.household_id = hh.id AND r.deleted = 0 "
        "   AND NOT (r.signed_household AND r.signed_village AND r.signed_team) "
        "   AND NOT EXISTS (SELECT 1 FROM aid_records c WHERE c.corrects_id = r.id AND c.deleted = 0)), "
        /* the current helper and their latest entry up to the check year's end */
        " coalesce((SELECT h.name FROM assignments a JOIN helpers h ON h.id = a.helper_id "
        "   WHERE a.household_id = hh.id AND a.to_date IS NULL AND a.deleted = 0), ''), "
        " coalesce((SELECT max(r.date) FROM aid_records r JOIN assignments a ON a.helper_id = r.helper_id "
        "   WHERE a.household_id = hh.id AND a.to_date IS NULL AND a.deleted = 0 "
        "   AND r.household_id = hh.id AND r.deleted = 0 AND r.date <= printf('%04d-12-31', ?1)), '') "
        "FROM households hh WHERE hh.deleted = 0 ORDER BY hh.id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int(st, 1, checks_year(cc));
    int rc;
    static char dates[256][11];
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct assist_facts af;
        memset(&af, 0, sizeof af);
        int64_t hid = sqlite3_column_int64(st, 0);
        af.state = sqlite3_column_int(st, 1);
        af.has_helper = sqlite3_column_int(st, 4);
        af.waived = sqlite3_column_int(st, 5);
        const char *list = (const char *)sqlite3_column_text(st, 6);
        size_t nd = 0;
        while (list && *list && nd < 256) {
            snprintf(dates[nd++], 11, "%.10s", list);
            list = strchr(list, '|');
            if (list) list++;
        }
        af.unconfirmed = (const char (*)[11])dates;
        af.n_unconfirmed = nd;
        db_col_text(st, 7, af.helper_name, sizeof af.helper_name);
        db_col_text(st, 8, af.last_visit, sizeof af.last_visit);
        struct check_result rs[8];
        size_t k = checks_run_assist(cc, &af, rs, 8);
        if (!k)
            continue;
        tally(rs, k, errors, warnings);
        char subject[200];
        snprintf(subject, sizeof subject, "户主 %s%s%s", (const char *)sqlite3_column_text(st, 2),
                 sqlite3_column_bytes(st, 3) ? " 户编号 " : "", (const char *)sqlite3_column_text(st, 3));
        for (size_t i = 0; fn && i < k; i++)
            fn(ud, hid, subject, &rs[i]);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, rc, "检查帮扶记录");

    /* Projects: ids first (db_project_get reuses cached statements). */
    st = db_stmt(db, "SELECT id FROM projects WHERE deleted = 0 ORDER BY id");
    if (!st)
        return DB_ERR_IO;
    size_t cap = 256, np = 0;
    int64_t *ids = malloc(cap * sizeof *ids);
    while (ids && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (np == cap) {
            int64_t *bigger = realloc(ids, 2 * cap * sizeof *ids);
            if (!bigger) { free(ids); ids = NULL; break; }
            ids = bigger;
            cap *= 2;
        }
        ids[np++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    if (!ids)
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    enum db_err err = DB_OK;
    for (size_t i = 0; err == DB_OK && i < np; i++) {
        struct project p;
        struct project_facts pf;
        err = db_project_get(db, ids[i], &p);
        if (err == DB_OK)
            err = db_project_facts(db, &p, &pf);
        if (err != DB_OK)
            break;
        struct check_result rs[16];
        size_t k = checks_run_project(cc, &pf, rs, 16);
        if (!k)
            continue;
        tally(rs, k, errors, warnings);
        char subject[160];
        snprintf(subject, sizeof subject, "项目 %lld (%d年 %s)", (long long)p.id, p.year,
                 codes_label(CL_PROJECT, p.kind));
        for (size_t j = 0; fn && j < k; j++)
            fn(ud, p.household_id, subject, &rs[j]);
    }
    free(ids);
    return err;
}

/* ---- what the inspection checks ask of a household ------------------------ */

/* CL_MEASURE 危房改造/住房保障 (checked against codes_by_label in the unit tests). */
#define MEASURE_HOUSING 6

int db_hh_extra(void *ud, const struct household *hh, int year, struct hh_extra *out)
{
    struct db *db = ud;
    memset(out, 0, sizeof *out);
    out->known = 1;
    int under_way = hh->state >= WF_EXIT_APPRAISED && hh->state <= WF_EXIT_NOTICE3;
    if (!hh->id) {
        out->exiting = under_way;
        return 1;
    }
    sqlite3_stmt *st = db_stmt(db,
        "SELECT EXISTS (SELECT 1 FROM state_history s WHERE s.household_id = ?1 "
        "   AND s.to_state BETWEEN ?3 AND ?4 AND s.date BETWEEN printf('%04d-01-01', ?2) "
        "   AND printf('%04d-12-31', ?2)), "
        " EXISTS (SELECT 1 FROM aid_records r WHERE r.household_id = ?1 AND r.deleted = 0 "
        "   AND r.measure = ?5 AND r.date <= printf('%04d-12-31', ?2)) "
        " OR EXISTS (SELECT 1 FROM projects p WHERE p.household_id = ?1 AND p.deleted = 0 "
        "   AND p.kind = ?6 AND p.year <= ?2)");
    if (!st)
        return 0;
    sqlite3_bind_int64(st, 1, hh->id);
    sqlite3_bind_int(st, 2, year);
    sqlite3_bind_int(st, 3, WF_EXIT_APPRAISED);
    sqlite3_bind_int(st, 4, WF_EXITED);
    sqlite3_bind_int(st, 5, MEASURE_HOUSING);
    sqlite3_bind_int(st, 6, PROJECT_HOUSING);
    int rc = sqlite3_step(st), ok = rc == SQLITE_ROW;
    if (ok) {
        out->exiting = under_way || sqlite3_column_int(st, 0);
        out->housing_aid = sqlite3_column_int(st, 1);
    }
    sqlite3_reset(st);
    if (!ok)
        memset(out, 0, sizeof *out);
    return ok;
}

/* ---- 帮扶台账 ----------------------------------------------------------- */

#define LEDGER_WHERE \
    "FROM aid_records a JOIN households hh ON hh.id = a.household_id " \
    "WHERE a.deleted = 0 AND hh.deleted = 0 AND (?1 = '' OR hh.village LIKE ?1 || '%') " \
    "AND (?2 = 0 OR a.date BETWEEN printf('%04d-01-01', ?2) AND printf('%04d-12-31', ?2)) "

enum db_err db_aid_ledger_count(struct db *db, const char *area, int year, int64_t *n)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT count(*) " LEDGER_WHERE);
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, area ? area : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, year);
    int rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "统计帮扶台账");
}

enum db_err db_aid_ledger(struct db *db, const char *area, int year,
                          int (*fn)(void *ud, const struct ledger_row *row), void *ud)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT " AID_COLS ", coalesce(ar.name, ''), coalesce(hh.hh_no, ''), "
        "hh.head_name, coalesce(h.name, ''), coalesce(h.unit, ''), "
        "coalesce((SELECT o.date FROM aid_records o WHERE o.id = a.corrects_id), ''), "
        "coalesce((SELECT c.date FROM aid_records c WHERE c.corrects_id = a.id AND c.deleted = 0 "
        "  ORDER BY c.id DESC LIMIT 1), ''), "
        "coalesce((SELECT t.name FROM team_members t WHERE t.id = a.team_signer_id), '') "
        "FROM aid_records a JOIN households hh ON hh.id = a.household_id "
        "LEFT JOIN areas ar ON ar.code = hh.village LEFT JOIN helpers h ON h.id = a.helper_id "
        "WHERE a.deleted = 0 AND hh.deleted = 0 AND (?1 = '' OR hh.village LIKE ?1 || '%') "
        "AND (?2 = 0 OR a.date BETWEEN printf('%04d-01-01', ?2) AND printf('%04d-12-31', ?2)) "
        "ORDER BY" DB_HH_ORDER("hh") ", a.date, a.id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, area ? area : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, year);
    int rc;
    struct ledger_row row;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        read_aid(st, &row.r);
        db_col_text(st, AID_NCOLS + 0, row.village_name, sizeof row.village_name);
        db_col_text(st, AID_NCOLS + 1, row.hh_no, sizeof row.hh_no);
        db_col_text(st, AID_NCOLS + 2, row.head_name, sizeof row.head_name);
        db_col_text(st, AID_NCOLS + 3, row.helper_name, sizeof row.helper_name);
        db_col_text(st, AID_NCOLS + 4, row.helper_unit, sizeof row.helper_unit);
        db_col_text(st, AID_NCOLS + 5, row.corrects_date, sizeof row.corrects_date);
        db_col_text(st, AID_NCOLS + 6, row.corrected_date, sizeof row.corrected_date);
        db_col_text(st, AID_NCOLS + 7, row.team_signer, sizeof row.team_signer);
        if (fn(ud, &row)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取帮扶台账");
}
