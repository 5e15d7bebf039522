/* household_store.c — one household = one transaction.
 *
 * Columns are bound through the form declarations (db/record.h); this file
 * only names the columns that are not form fields (ids, ordinal, birth, the
 * list copies head_name/head_initials/n_members/hh_type).  What the list
 * searches is kept current in the same transaction by db/search.c. */
#include "db/operators.h"
#include "db/household_store.h"
#include "db/search.h"
#include "db/member_history.h"
#include "db/record.h"
#include "core/clock.h"
#include "core/workflow.h"
#include "forms/facts.h"
#include "core/idno.h"
#include "core/pinyin.h"
#include <stdint.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SQL_MAX 8192

/* ---- statements built from the form declarations ------------------------ */

static const char *const SKIP_YEAR[] = { "year", NULL };

static int build_insert(char *sql, size_t sz, const char *table, const char *fixed,
                        int n_fixed, const struct record_cols *c)
{
    snprintf(sql, sz, "INSERT INTO %s (%s", table, fixed);
    if (!db_record_list(c, sql, sz, 0, 0))
        return 0;
    size_t len = strlen(sql);
    int w = snprintf(sql + len, sz - len, ") VALUES (");
    len += (size_t)w;
    for (int i = 1; i <= n_fixed + (int)c->n; i++) {
        w = snprintf(sql + len, sz - len, "%s?%d", i > 1 ? ", " : "", i);
        if (w < 0 || (size_t)w >= sz - len)
            return 0;
        len += (size_t)w;
    }
    return snprintf(sql + len, sz - len, ")") == 1;
}

/* UPDATE table SET <fixed_assign> , f = ?(n_fixed+1) ... WHERE <where>;
 * the WHERE clause may use parameters ?1..?n_fixed. */
static int build_update(char *sql, size_t sz, const char *table, const char *fixed_assign,
                        int n_fixed, const struct record_cols *c, const char *where)
{
    snprintf(sql, sz, "UPDATE %s SET %s", table, fixed_assign);
    if (!db_record_list(c, sql, sz, 1, n_fixed + 1))
        return 0;
    size_t len = strlen(sql);
    int w = snprintf(sql + len, sz - len, " WHERE %s", where);
    return w > 0 && (size_t)w < sz - len;
}

static sqlite3_stmt *prepared(struct db *db, int ok, const char *sql)
{
    if (!ok) {
        db_set_error(db, DB_ERR_IO, "内部错误：语句过长 (statement too long)");
        return NULL;
    }
    return db_stmt(db, sql);
}

/* ---- duplicate ID --------------------------------------------------------- */

enum db_err db_id_owner(struct db *db, const char *id_no, int64_t exclude_household_id,
                        int64_t *owner_id, char *owner_head_name, size_t sz)
{
    if (!db || !id_no)
        return DB_ERR_INVALID;
    sqlite3_stmt *st = db_stmt(db,
        "SELECT h.id, h.head_name FROM members m JOIN households h ON h.id = m.household_id "
        "WHERE m.id_no = ?1 AND m.deleted = 0 AND h.deleted = 0 AND h.id IS NOT ?2 LIMIT 1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, id_no, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, exclude_household_id);
    int rc = sqlite3_step(st);
    enum db_err err = DB_ERR_NOTFOUND;
    if (rc == SQLITE_ROW) {
        if (owner_id)
            *owner_id = sqlite3_column_int64(st, 0);
        if (owner_head_name && sz)
            db_copy_text(owner_head_name, sz, (const char *)sqlite3_column_text(st, 1));
        err = DB_OK;
    } else if (rc != SQLITE_DONE) {
        err = db_fail(db, rc, "查询身份证号");
    }
    sqlite3_reset(st);
    return err;
}

/* ---- save ------------------------------------------------------------------ */

/* The household list shows the type of the latest survey year. */
static int list_hh_type(struct db *db, const struct household *hh, enum db_err *err)
{
    int type = hh->survey.year ? hh->survey.hh_type : 0;
    if (!hh->id)
        return type;
    sqlite3_stmt *st = db_stmt(db, "SELECT hh_type, year FROM surveys WHERE household_id = ?1 "
                                   "AND year <> ?2 ORDER BY year DESC LIMIT 1");
    if (!st) {
        *err = DB_ERR_IO;
        return 0;
    }
    sqlite3_bind_int64(st, 1, hh->id);
    sqlite3_bind_int(st, 2, hh->survey.year);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && (!hh->survey.year || sqlite3_column_int(st, 1) > hh->survey.year))
        type = sqlite3_column_int(st, 0);
    else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        *err = db_fail(db, rc, "读取调查表");
    sqlite3_reset(st);
    return type;
}

int db_id_owner_describe(void *ud, const char *id_no, int64_t self_hh, char *other, size_t othersz)
{
    int64_t owner = 0;
    char name[TEXT_BYTES(NAME_CHARS)] = "";
    if (db_id_owner(ud, id_no, self_hh, &owner, name, sizeof name) != DB_OK || !owner)
        return 0;
    snprintf(other, othersz, "户主 %s (内部号 %lld)", name, (long long)owner);
    return 1;
}

void db_household_canonical_ids(struct household *hh)
{
    for (int i = 0; i < hh->n_members && i < HH_MAX_MEMBERS; i++) {
        struct idno_info info;
        enum idno_status st = idno_parse(hh->members[i].id_no, &info);
        if (st == IDNO_OK || st == IDNO_UPGRADED)
            snprintf(hh->members[i].id_no, sizeof hh->members[i].id_no, "%s", info.id);
    }
}

static enum db_err check_members(struct db *db, const struct household *hh)
{
    if (hh->n_members < 1 || hh->n_members > HH_MAX_MEMBERS)
        return db_set_error(db, DB_ERR_INVALID, "家庭成员人数应为 1–%d 人，现为 %d (member count %d out of range)",
                            HH_MAX_MEMBERS, hh->n_members, hh->n_members);
    if (!hh->village[0])
        return db_set_error(db, DB_ERR_INVALID, "未填写村 (village is empty)");
    for (int i = 0; i < hh->n_members; i++) {
        const struct member *m = &hh->members[i];
        for (int j = 0; j < i; j++)
            if (m->id_no[0] && strcmp(m->id_no, hh->members[j].id_no) == 0)
                return db_set_error(db, DB_ERR_CONSTRAINT,
                    "身份证号重复：第 %d 名成员“%s”与第 %d 名成员“%s”的身份证号相同 "
                    "(duplicate ID %s within the household)",
                    j + 1, hh->members[j].name, i + 1, m->name, m->id_no);
        int64_t owner = 0;
        char owner_name[TEXT_BYTES(NAME_CHARS)];
        enum db_err err = db_id_owner(db, m->id_no, hh->id, &owner, owner_name, sizeof owner_name);
        if (err == DB_OK)
            return db_set_error(db, DB_ERR_CONSTRAINT,
                "身份证号 %s（%s）已登记在户主为“%s”的另一户（户 ID %lld）中，同一身份证号只能在一户 "
                "(ID number already in household %lld)",
                m->id_no, m->name, owner_name, (long long)owner, (long long)owner);
        if (err != DB_ERR_NOTFOUND)
            return err;
    }
    return DB_OK;
}

static enum db_err save_household_row(struct db *db, struct household *hh, int hh_type)
{
    struct record_cols c;
    db_record_cols(T_HOUSEHOLD, NULL, &c);
    char sql[SQL_MAX], initials[TEXT_BYTES(NAME_CHARS)];
    pinyin_name_initials(hh->members[0].name, initials, sizeof initials);
    sqlite3_stmt *st;
    int rc = SQLITE_DONE;
    /* ?1 hh_no ?2 head_name ?3 head_initials ?4 n_members ?5 hh_type ?6 state/id */
    if (!hh->id)
        st = prepared(db, build_insert(sql, sizeof sql, "households",
                      "hh_no, head_name, head_initials, n_members, hh_type, state", 6, &c), sql);
    else
        st = prepared(db, build_update(sql, sizeof sql, "households",
                      "hh_no = ?1, head_name = ?2, head_initials = ?3, n_members = ?4, "
                      "hh_type = ?5, updated_at = " DB_STAMP_NOW, 6, &c, "id = ?6 AND deleted = 0"), sql);
    if (!st)
        return DB_ERR_IO;
    if (hh->hh_no[0])
        sqlite3_bind_text(st, 1, hh->hh_no, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 1);
    sqlite3_bind_text(st, 2, hh->members[0].name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, initials, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 4, hh->n_members);
    sqlite3_bind_int(st, 5, hh_type);
    if (!hh->id)
        sqlite3_bind_int(st, 6, hh->state);
    else
        sqlite3_bind_int64(st, 6, hh->id);
    rc = db_record_bind(st, 7, &c, hh);
    if (rc == SQLITE_OK)
        rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "保存户信息");
    if (!hh->id) {
        hh->id = sqlite3_last_insert_rowid(db_handle(db));
        st = db_stmt(db, "INSERT INTO state_history(household_id, from_state, to_state, date, "
                         "operator, reason) VALUES (?1, 0, ?2, ?3, ?4, '新建户')");
        if (!st)
            return DB_ERR_IO;
        char today[11];
        clock_today(today);
        sqlite3_bind_int64(st, 1, hh->id);
        sqlite3_bind_int(st, 2, hh->state);
        sqlite3_bind_text(st, 3, hh->state_since[0] ? hh->state_since : today, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 4, db_operator(db), -1, SQLITE_STATIC);
        rc = db_step_done(st);
        if (rc != SQLITE_OK)
            return db_fail(db, rc, "记录状态");
    } else {
        if (sqlite3_changes(db_handle(db)) == 0)
            return db_set_error(db, DB_ERR_NOTFOUND, "该户不存在或已删除，未保存 (household %lld not found)",
                                (long long)hh->id);
        st = db_stmt(db, "SELECT state FROM households WHERE id = ?1");
        if (!st)
            return DB_ERR_IO;
        sqlite3_bind_int64(st, 1, hh->id);
        if (sqlite3_step(st) == SQLITE_ROW)
            hh->state = sqlite3_column_int(st, 0);
        sqlite3_reset(st);
    }
    return DB_OK;
}

static enum db_err load_all(struct db *db, int64_t id, int year, struct household *out);

static enum db_err save_members(struct db *db, struct household *hh)
{
    /* Removed members first, so a removed person's ID can be re-keyed as a
     * new row in the same save without tripping the one-active-ID index. */
    char kept[HH_MAX_MEMBERS * 24 + 4] = "[";
    size_t len = 1;
    for (int i = 0; i < hh->n_members; i++)
        if (hh->members[i].id)
            len += (size_t)snprintf(kept + len, sizeof kept - len, "%s%lld",
                                    len > 1 ? "," : "", (long long)hh->members[i].id);
    snprintf(kept + len, sizeof kept - len, "]");
    sqlite3_stmt *st = db_stmt(db, "UPDATE members SET deleted = 1, deleted_at = " DB_TEXT_NOW ", "
                                   "updated_at = " DB_STAMP_NOW " WHERE household_id = ?1 AND deleted = 0 "
                                   "AND id NOT IN (SELECT value FROM json_each(?2))");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, hh->id);
    sqlite3_bind_text(st, 2, kept, -1, SQLITE_STATIC);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "删除成员");

    struct record_cols c;
    db_record_cols(T_MEMBER, NULL, &c);
    char ins[SQL_MAX], upd[SQL_MAX];
    /* ?1 household_id ?2 ordinal ?3 birth ?4 id (update) */
    int ok_ins = build_insert(ins, sizeof ins, "members", "household_id, ordinal, birth", 3, &c);
    int ok_upd = build_update(upd, sizeof upd, "members",
                              "ordinal = ?2, birth = ?3, deleted = 0, deleted_at = NULL, "
                              "updated_at = " DB_STAMP_NOW, 4, &c, "id = ?4 AND household_id = ?1");
    for (int i = 0; i < hh->n_members; i++) {
        struct member *m = &hh->members[i];
        st = m->id ? prepared(db, ok_upd, upd) : prepared(db, ok_ins, ins);
        if (!st)
            return DB_ERR_IO;
        sqlite3_bind_int64(st, 1, hh->id);
        sqlite3_bind_int(st, 2, i);
        sqlite3_bind_text(st, 3, m->birth, (int)strnlen(m->birth, sizeof m->birth), SQLITE_STATIC);
        if (m->id)
            sqlite3_bind_int64(st, 4, m->id);
        rc = db_record_bind(st, m->id ? 5 : 4, &c, m);
        if (rc == SQLITE_OK)
            rc = db_step_done(st);
        if (rc != SQLITE_OK) {
            char what[TEXT_BYTES(NAME_CHARS) + 64];
            snprintf(what, sizeof what, "保存第 %d 名成员“%s”", i + 1, m->name);
            return db_fail(db, rc, what);
        }
        if (!m->id)
            m->id = sqlite3_last_insert_rowid(db_handle(db));
        else if (sqlite3_changes(db_handle(db)) == 0)
            return db_set_error(db, DB_ERR_NOTFOUND, "第 %d 名成员不属于该户，未保存 (member %lld not in household)",
                                i + 1, (long long)m->id);
    }
    return DB_OK;
}

/* Saves the application or the survey of its year (year 0: nothing). */
static enum db_err save_yearly(struct db *db, struct household *hh, enum ftable table,
                               const char *name, int64_t *id, int year, const char *what)
{
    if (!year)
        return DB_OK;
    char sql[SQL_MAX];
    sqlite3_stmt *st;
    int rc = SQLITE_DONE;
    if (!*id) {
        snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE household_id = ?1 AND year = ?2", name);
        st = db_stmt(db, sql);
        if (!st)
            return DB_ERR_IO;
        sqlite3_bind_int64(st, 1, hh->id);
        sqlite3_bind_int(st, 2, year);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            *id = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return db_fail(db, rc, what);
    }
    struct record_cols c;
    db_record_cols(table, SKIP_YEAR, &c);
    /* ?1 household_id ?2 year ?3 id (update) */
    if (!*id)
        st = prepared(db, build_insert(sql, sizeof sql, name, "household_id, year", 2, &c), sql);
    else
        st = prepared(db, build_update(sql, sizeof sql, name, "year = ?2, updated_at = " DB_STAMP_NOW, 3, &c,
                                       "id = ?3 AND household_id = ?1"), sql);
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, hh->id);
    sqlite3_bind_int(st, 2, year);
    if (*id)
        sqlite3_bind_int64(st, 3, *id);
    rc = db_record_bind(st, *id ? 4 : 3, &c, hh);
    if (rc == SQLITE_OK)
        rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, what);
    if (!*id)
        *id = sqlite3_last_insert_rowid(db_handle(db));
    else if (sqlite3_changes(db_handle(db)) == 0)
        return db_set_error(db, DB_ERR_NOTFOUND, "%s失败：记录不属于该户 (%s row %lld not in household)",
                            what, name, (long long)*id);
    return DB_OK;
}

/* Issue 11: what this save changes of a stored household's identifying and
 * eligibility facts (forms/facts.h), read from the file inside the save's
 * transaction.  *old gets the stored record (the caller frees it), *changes
 * the list as shown to the clerk ("" none).  On the register such a change
 * without hh->change_reason is refused: the rule is here, so the screen,
 * the import and any caller obey it alike. */
#define MAX_FACT_CHANGES 64
static enum db_err history_before(struct db *db, const struct household *hh,
                                  struct household **old, char **changes)
{
    *old = calloc(1, sizeof **old);
    struct fact_change *fc = calloc(MAX_FACT_CHANGES, sizeof *fc);
    *changes = calloc(1, MAX_FACT_CHANGES * sizeof *fc);
    enum db_err err = DB_OK;
    if (!*old || !fc || !*changes)
        err = db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    if (err == DB_OK)
        err = load_all(db, hh->id, hh->survey.year, *old);
    if (err == DB_OK && wf_changes_need_reason((enum wf_state)(*old)->state)) {
        size_t n = facts_changes(*old, hh, fc, MAX_FACT_CHANGES);
        facts_describe(fc, n < MAX_FACT_CHANGES ? n : MAX_FACT_CHANGES, *changes, MAX_FACT_CHANGES * sizeof *fc);
        const char *r = hh->change_reason;
        while (*r == ' ')
            r++;
        if (n && !*r)
            err = db_set_error(db, DB_ERR_INVALID, "该户为%s，以下户籍或识别信息的修改须说明原因，未保存：%s"
                               "(a registered household's change needs a reason)",
                               wf_state_label((enum wf_state)(*old)->state), fc[0].text);
    }
    free(fc);
    return err;
}

/* After a save: what was said with it is now stored. */
static void clear_said(struct household *hh)
{
    hh->change_reason[0] = '\0';
    hh->state_since[0] = '\0';
    hh->n_left = 0;
    memset(hh->left, 0, sizeof hh->left);
    for (int i = 0; i < HH_MAX_MEMBERS; i++) {
        hh->members[i].join_reason = 0;
        hh->members[i].join_date[0] = '\0';
    }
}

/* Writing, changing or clearing the 七不进 override reason is a 审核员's
 * decision; a save that leaves it as stored needs no role. */
static enum db_err check_override(struct db *db, const struct household *hh)
{
    char stored[sizeof hh->survey.exclusion_override] = "";
    if (hh->id) {
        sqlite3_stmt *st = db_stmt(db, "SELECT exclusion_override FROM surveys "
                                       "WHERE household_id = ?1 AND year = ?2");
        if (!st)
            return DB_ERR_IO;
        sqlite3_bind_int64(st, 1, hh->id);
        sqlite3_bind_int(st, 2, hh->survey.year);
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
            db_copy_text(stored, sizeof stored, (const char *)sqlite3_column_text(st, 0));
        sqlite3_reset(st);
    }
    if (strcmp(stored, hh->survey.exclusion_override) == 0)
        return DB_OK;
    return db_require_role(db, ROLE_REVIEWER, "填写或修改七不进的审核意见");
}

enum db_err db_household_save(struct db *db, struct household *hh)
{
    if (!db || !hh)
        return db ? db_set_error(db, DB_ERR_INVALID, "参数错误 (no household)") : DB_ERR_INVALID;
    /* Ids as they were, restored if anything fails: a retry must insert again. */
    int64_t old_id = hh->id, old_app = hh->app.id, old_survey = hh->survey.id;
    int64_t old_members[HH_MAX_MEMBERS];
    unsigned char joined[HH_MAX_MEMBERS];
    int old_state = hh->state;
    for (int i = 0; i < HH_MAX_MEMBERS; i++) {
        old_members[i] = hh->members[i].id;
        joined[i] = hh->members[i].id == 0;
    }

    /* IDs as ID_LEGACY's warning promises: stored upgraded (and x → X). */
    db_household_canonical_ids(hh);
    enum db_err err = check_members(db, hh);
    if (err == DB_OK)
        err = check_override(db, hh);
    if (err != DB_OK)
        return err;
    err = db_begin(db);
    if (err != DB_OK)
        return err;
    struct household *before = NULL;
    char *changes = NULL;
    if (hh->id)
        err = history_before(db, hh, &before, &changes);
    int hh_type = err == DB_OK ? list_hh_type(db, hh, &err) : 0;
    if (err == DB_OK)
        err = save_household_row(db, hh, hh_type);
    if (err == DB_OK)
        err = save_members(db, hh);
    if (err == DB_OK)
        err = save_yearly(db, hh, T_APPLICATION, "applications", &hh->app.id, hh->app.year, "保存申请书");
    if (err == DB_OK)
        err = save_yearly(db, hh, T_SURVEY, "surveys", &hh->survey.id, hh->survey.year, "保存调查表");
    if (err == DB_OK && before)
        err = db_history_record(db, before, hh, joined, changes);
    if (err == DB_OK)
        err = db_search_write(db, hh);
    free(before);
    free(changes);
    if (err == DB_OK)
        err = db_commit(db);
    else
        db_rollback(db);
    if (err != DB_OK) {
        hh->id = old_id;
        hh->app.id = old_app;
        hh->survey.id = old_survey;
        hh->state = old_state;
        for (int i = 0; i < HH_MAX_MEMBERS; i++)
            hh->members[i].id = old_members[i];
    } else {
        clear_said(hh);
    }
    return err;
}

/* ---- load ------------------------------------------------------------------ */

/* Several SELECTs read one snapshot: a deferred read transaction, unless the
 * caller already holds one. */
static int read_begin(struct db *db)
{
    if (!sqlite3_get_autocommit(db_handle(db)))
        return 0;
    return sqlite3_exec(db_handle(db), "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

static void read_end(struct db *db, int began)
{
    if (began)
        sqlite3_exec(db_handle(db), "COMMIT", NULL, NULL, NULL);
}

/* The application or survey of `year` (0 = the latest); with up_to, the
 * latest of `year` or before it. */
static enum db_err load_yearly_as_of(struct db *db, enum ftable table, const char *name, int64_t hh_id,
                                     int year, int up_to, int64_t *id, int *out_year,
                                     struct household *out)
{
    struct record_cols c;
    db_record_cols(table, SKIP_YEAR, &c);
    char sql[SQL_MAX];
    snprintf(sql, sizeof sql, "SELECT id, year");
    if (!db_record_list(&c, sql, sizeof sql, 0, 0))
        return db_set_error(db, DB_ERR_IO, "内部错误：语句过长 (statement too long)");
    size_t len = strlen(sql);
    snprintf(sql + len, sizeof sql - len, " FROM %s WHERE household_id = ?1 AND (?2 = 0 OR year = ?2 OR (?3 AND year < ?2)) "
             "ORDER BY year DESC LIMIT 1", name);
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, hh_id);
    sqlite3_bind_int(st, 2, year);
    sqlite3_bind_int(st, 3, up_to);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        *out_year = sqlite3_column_int(st, 1);
        db_record_read(st, 2, &c, out);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取户信息");
}

static enum db_err load_yearly(struct db *db, enum ftable table, const char *name, int64_t hh_id,
                               int year, int64_t *id, int *out_year, struct household *out)
{
    return load_yearly_as_of(db, table, name, hh_id, year, 0, id, out_year, out);
}

static enum db_err load_all(struct db *db, int64_t id, int year, struct household *out)
{
    struct record_cols c;
    char sql[SQL_MAX];
    db_record_cols(T_HOUSEHOLD, NULL, &c);
    snprintf(sql, sizeof sql, "SELECT hh_no, state");
    db_record_list(&c, sql, sizeof sql, 0, 0);
    size_t len = strlen(sql);
    snprintf(sql + len, sizeof sql - len, " FROM households WHERE id = ?1 AND deleted = 0");
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->id = id;
        db_copy_text(out->hh_no, sizeof out->hh_no, (const char *)sqlite3_column_text(st, 0));
        out->state = sqlite3_column_int(st, 1);
        db_record_read(st, 2, &c, out);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return db_set_error(db, DB_ERR_NOTFOUND, "该户不存在或已删除 (household %lld not found)", (long long)id);
    if (rc != SQLITE_ROW)
        return db_fail(db, rc, "读取户信息");

    db_record_cols(T_MEMBER, NULL, &c);
    snprintf(sql, sizeof sql, "SELECT id, birth");
    db_record_list(&c, sql, sizeof sql, 0, 0);
    len = strlen(sql);
    snprintf(sql + len, sizeof sql - len, " FROM members WHERE household_id = ?1 AND deleted = 0 "
             "ORDER BY ordinal, id LIMIT %d", HH_MAX_MEMBERS);
    st = db_stmt(db, sql);
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct member *m = &out->members[out->n_members++];
        m->id = sqlite3_column_int64(st, 0);
        db_copy_text(m->birth, sizeof m->birth, (const char *)sqlite3_column_text(st, 1));
        db_record_read(st, 2, &c, m);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, rc, "读取家庭成员");

    enum db_err err = load_yearly(db, T_APPLICATION, "applications", id, year,
                                  &out->app.id, &out->app.year, out);
    if (err == DB_OK)
        err = load_yearly(db, T_SURVEY, "surveys", id, year, &out->survey.id, &out->survey.year, out);
    return err;
}

enum db_err db_household_load(struct db *db, int64_t id, int year, struct household *out)
{
    if (!db || !out)
        return DB_ERR_INVALID;
    memset(out, 0, sizeof *out);
    int began = read_begin(db);
    enum db_err err = load_all(db, id, year, out);
    read_end(db, began);
    if (err != DB_OK)
        memset(out, 0, sizeof *out);
    return err;
}

enum db_err db_household_load_latest_survey(struct db *db, int64_t id, struct household *out)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT state, n_members FROM households WHERE id = ?1 AND deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->id = id;
        out->state = sqlite3_column_int(st, 0);
        out->n_members = sqlite3_column_int(st, 1);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return db_set_error(db, DB_ERR_NOTFOUND, "该户不存在或已删除 (household %lld not found)", (long long)id);
    if (rc != SQLITE_ROW)
        return db_fail(db, rc, "读取户信息");
    memset(&out->survey, 0, sizeof out->survey);
    return load_yearly(db, T_SURVEY, "surveys", id, 0, &out->survey.id, &out->survey.year, out);
}

/* A survey carried into a new year keeps what was found last time; what
 * only this year's visit can give starts empty: the day of the visit and
 * the three signatures on this year's paper. */
static void carry_survey(struct survey *s, int year)
{
    s->id = 0;
    s->year = year;
    s->survey_date[0] = 0;
    s->signed_household = s->signed_cadre = s->signed_surveyor = 0;
}

enum db_err db_household_load_as_of(struct db *db, int64_t id, int year, struct household *out)
{
    if (!db || !out || year <= 0)
        return db ? db_set_error(db, DB_ERR_INVALID, "参数错误 (survey year)") : DB_ERR_INVALID;
    int began = read_begin(db);
    memset(out, 0, sizeof *out);
    enum db_err err = load_all(db, id, 0, out);
    if (err == DB_OK && out->survey.year != year) {
        memset(&out->survey, 0, sizeof out->survey);
        err = load_yearly_as_of(db, T_SURVEY, "surveys", id, year, 1, &out->survey.id,
                                &out->survey.year, out);
    }
    read_end(db, began);
    if (err != DB_OK)
        memset(out, 0, sizeof *out);
    return err;
}

enum db_err db_household_load_survey(struct db *db, int64_t id, int year, struct household *out,
                                     int *carried_from)
{
    *carried_from = 0;
    enum db_err err = db_household_load_as_of(db, id, year, out);
    if (err != DB_OK)
        return err;
    if (out->survey.year && out->survey.year != year) {
        *carried_from = out->survey.year;
        carry_survey(&out->survey, year);
    }
    return DB_OK;
}

enum db_err db_survey_years(struct db *db, int64_t id, struct survey_year *rows, size_t max, size_t *n)
{
    *n = 0;
    int years[64];
    size_t ny = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT year FROM surveys WHERE household_id = ?1 ORDER BY year");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && ny < 64)
        years[ny++] = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, rc, "读取调查年度");
    struct household *hh = malloc(sizeof *hh);
    if (!hh)
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    enum db_err err = DB_OK;
    for (size_t i = 0; i < ny && *n < max && err == DB_OK; i++) {
        memset(hh, 0, sizeof *hh);
        int64_t sid = 0;
        err = load_yearly(db, T_SURVEY, "surveys", id, years[i], &sid, &hh->survey.year, hh);
        struct survey_year *r = &rows[(*n)++];
        r->year = years[i];
        r->survey = hh->survey;
        r->survey.id = sid;
    }
    free(hh);
    return err;
}

enum db_err db_household_years(struct db *db, int64_t id, int *years, size_t max, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT year FROM applications WHERE household_id = ?1 UNION "
                                   "SELECT year FROM surveys WHERE household_id = ?1 ORDER BY 1 DESC");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    int rc = SQLITE_DONE;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max)
        years[(*n)++] = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取年度");
}

enum db_err db_household_ids(struct db *db, int64_t **ids, size_t *n)
{
    *ids = NULL;
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT id FROM households WHERE deleted = 0 ORDER BY id");
    if (!st)
        return DB_ERR_IO;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 1024;
            int64_t *grown = realloc(*ids, cap * sizeof **ids);
            if (!grown) {
                sqlite3_reset(st);
                free(*ids);
                *ids = NULL;
                *n = 0;
                return db_fail(db, SQLITE_NOMEM, "读取户列表");
            }
            *ids = grown;
        }
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(*ids);
        *ids = NULL;
        *n = 0;
        return db_fail(db, rc, "读取户列表");
    }
    return DB_OK;
}

/* ---- delete / restore ------------------------------------------------------- */

enum db_err db_household_delete(struct db *db, int64_t id, const char *reason)
{
    if (!db)
        return DB_ERR_INVALID;
    enum db_err err = db_begin(db);
    if (err != DB_OK)
        return err;
    sqlite3_stmt *st = db_stmt(db, "UPDATE households SET deleted = 1, deleted_at = " DB_TEXT_NOW ", "
                                   "delete_reason = ?2, updated_at = " DB_STAMP_NOW " WHERE id = ?1 AND deleted = 0");
    int rc = SQLITE_ERROR;
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, reason ? reason : "", -1, SQLITE_STATIC);
        rc = db_step_done(st);
    }
    if (!st)
        err = DB_ERR_IO;
    else if (rc != SQLITE_OK)
        err = db_fail(db, rc, "删除户");
    else if (sqlite3_changes(db_handle(db)) == 0)
        err = db_set_error(db, DB_ERR_NOTFOUND, "该户不存在或已删除 (household %lld not found)", (long long)id);
    if (err == DB_OK)
        err = db_search_forget(db, id);
    if (err == DB_OK)
        return db_commit(db);
    db_rollback(db);
    return err;
}

enum db_err db_household_restore(struct db *db, int64_t id)
{
    if (!db)
        return DB_ERR_INVALID;
    enum db_err err = db_begin(db);
    if (err != DB_OK)
        return err;
    sqlite3_stmt *st = db_stmt(db, "UPDATE households SET deleted = 0, deleted_at = NULL, "
                                   "delete_reason = '', updated_at = " DB_STAMP_NOW " WHERE id = ?1 AND deleted = 1");
    int rc = SQLITE_ERROR;
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        rc = db_step_done(st);
    }
    if (!st)
        err = DB_ERR_IO;
    else if (rc != SQLITE_OK)
        err = db_fail(db, rc, "恢复户");
    else if (sqlite3_changes(db_handle(db)) == 0)
        err = db_set_error(db, DB_ERR_NOTFOUND, "该户不存在或未删除 (household %lld not deleted)", (long long)id);
    if (err == DB_OK) {
        struct household *hh = sqlite3_malloc(sizeof *hh);
        if (!hh) {
            err = db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
        } else {
            memset(hh, 0, sizeof *hh);
            err = load_all(db, id, 0, hh);
            if (err == DB_OK)
                err = db_search_write(db, hh);
            sqlite3_free(hh);
        }
    }
    if (err == DB_OK)
        return db_commit(db);
    db_rollback(db);
    return err;
}

/* ---- state ------------------------------------------------------------------ */

enum db_err db_state_change(struct db *db, int64_t household_id, int to_state,
                            const char *date, const char *reason)
{
    if (!db || to_state < 0)
        return db ? db_set_error(db, DB_ERR_INVALID, "状态无效 (invalid state %d)", to_state) : DB_ERR_INVALID;
    char day[11];
    if (!date || !*date)
        clock_today(day);
    else if (!date_normalise(date, day))
        return db_set_error(db, DB_ERR_INVALID, "日期“%s”不存在 (invalid date)", date);
    enum db_err err = db_begin(db);
    if (err != DB_OK)
        return err;
    int from = -1, rc;
    sqlite3_stmt *st = db_stmt(db, "SELECT state FROM households WHERE id = ?1 AND deleted = 0");
    if (!st) {
        err = DB_ERR_IO;
        goto out;
    }
    sqlite3_bind_int64(st, 1, household_id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        from = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) {
        err = db_set_error(db, DB_ERR_NOTFOUND, "该户不存在或已删除 (household %lld not found)",
                           (long long)household_id);
        goto out;
    }
    if (rc != SQLITE_ROW) {
        err = db_fail(db, rc, "读取状态");
        goto out;
    }
    st = db_stmt(db, "UPDATE households SET state = ?2, updated_at = " DB_STAMP_NOW " WHERE id = ?1");
    if (!st) {
        err = DB_ERR_IO;
        goto out;
    }
    sqlite3_bind_int64(st, 1, household_id);
    sqlite3_bind_int(st, 2, to_state);
    rc = db_step_done(st);
    if (rc != SQLITE_OK) {
        err = db_fail(db, rc, "更新状态");
        goto out;
    }
    st = db_stmt(db, "INSERT INTO state_history(household_id, from_state, to_state, date, operator, reason) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!st) {
        err = DB_ERR_IO;
        goto out;
    }
    sqlite3_bind_int64(st, 1, household_id);
    sqlite3_bind_int(st, 2, from);
    sqlite3_bind_int(st, 3, to_state);
    sqlite3_bind_text(st, 4, day, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, db_operator(db), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, reason ? reason : "", -1, SQLITE_STATIC);
    rc = db_step_done(st);
    if (rc != SQLITE_OK)
        err = db_fail(db, rc, "记录状态");
out:
    if (err == DB_OK)
        return db_commit(db);
    db_rollback(db);
    return err;
}

enum db_err db_state_history(struct db *db, int64_t hh_id, struct state_row *rows,
                             size_t max, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT id, from_state, to_state, date, operator, reason, at "
                                   "FROM state_history WHERE household_id = ?1 ORDER BY id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, hh_id);
    int rc = SQLITE_DONE;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
        struct state_row *r = &rows[(*n)++];
        r->id = sqlite3_column_int64(st, 0);
        r->from_state = sqlite3_column_int(st, 1);
        r->to_state = sqlite3_column_int(st, 2);
        db_copy_text(r->date, sizeof r->date, (const char *)sqlite3_column_text(st, 3));
        db_copy_text(r->op, sizeof r->op, (const char *)sqlite3_column_text(st, 4));
        db_copy_text(r->reason, sizeof r->reason, (const char *)sqlite3_column_text(st, 5));
        db_copy_text(r->at, sizeof r->at, (const char *)sqlite3_column_text(st, 6));
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取状态记录");
}
