/* team.c — the 驻村工作队 store (see team.h). */
#include "db/team.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/checks.h"
#include "core/clock.h"
#include "db/operators.h"
#include "db/record.h"

/* Members on file at once: a county of 200 villages with 5 each, and room. */
#define MAX_MEMBERS 4000

#define MEMBER_COLS "t.id, t.village, coalesce(a.name, ''), t.name, t.id_no, t.unit, t.title, " \
                    "t.phone, t.from_date, t.to_date, t.leader, t.first_secretary"
#define MEMBER_FROM "FROM team_members t LEFT JOIN areas a ON a.code = t.village WHERE t.deleted = 0 "
#define MEMBER_ORDER " ORDER BY t.village, t.leader DESC, t.from_date, t.name, t.id"

static void read_member(sqlite3_stmt *st, struct team_member *m)
{
    memset(m, 0, sizeof *m);
    m->id = sqlite3_column_int64(st, 0);
    db_col_text(st, 1, m->village, sizeof m->village);
    db_col_text(st, 2, m->village_name, sizeof m->village_name);
    db_col_text(st, 3, m->name, sizeof m->name);
    db_col_text(st, 4, m->id_no, sizeof m->id_no);
    db_col_text(st, 5, m->unit, sizeof m->unit);
    db_col_text(st, 6, m->title, sizeof m->title);
    db_col_text(st, 7, m->phone, sizeof m->phone);
    db_col_text(st, 8, m->from_date, sizeof m->from_date);
    db_col_text(st, 9, m->to_date, sizeof m->to_date);
    m->leader = sqlite3_column_int(st, 10);
    m->first_secretary = sqlite3_column_int(st, 11);
}

enum db_err db_team_members(struct db *db, const char *village, struct team_member *out, size_t max,
                            size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT " MEMBER_COLS " " MEMBER_FROM
                                   "AND (?1 = '' OR t.village = ?1)" MEMBER_ORDER);
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, village ? village : "", -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max)
        read_member(st, &out[(*n)++]);
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取驻村工作队");
}

enum db_err db_team_member_get(struct db *db, int64_t id, struct team_member *out)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT " MEMBER_COLS " " MEMBER_FROM "AND t.id = ?1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_member(st, out);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return db_set_error(db, DB_ERR_NOTFOUND, "没有该驻村工作队队员 (no team member %lld)", (long long)id);
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取驻村工作队");
}

static enum db_err write_member(struct db *db, struct team_member *m)
{
    sqlite3_stmt *st = m->id
        ? db_stmt(db, "UPDATE team_members SET village = ?2, name = ?3, id_no = ?4, unit = ?5, title = ?6, "
                      "phone = ?7, from_date = ?8, to_date = ?9, leader = ?10, first_secretary = ?11, "
                      "updated_at = " DB_STAMP_NOW " WHERE id = ?1 AND deleted = 0")
        : db_stmt(db, "INSERT INTO team_members(village, name, id_no, unit, title, phone, from_date, "
                      "to_date, leader, first_secretary) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    if (!st)
        return DB_ERR_IO;
    if (m->id)
        sqlite3_bind_int64(st, 1, m->id);
    const char *texts[] = { m->village, m->name, m->id_no, m->unit, m->title, m->phone, m->from_date, m->to_date };
    for (int i = 0; i < 8; i++)
        sqlite3_bind_text(st, 2 + i, texts[i], -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 10, m->leader ? 1 : 0);
    sqlite3_bind_int(st, 11, m->first_secretary ? 1 : 0);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "保存驻村工作队队员");
    if (!m->id)
        m->id = sqlite3_last_insert_rowid(db_handle(db));
    return DB_OK;
}

enum db_err db_team_member_save(struct db *db, struct team_member *m)
{
    enum db_err err = db_require_role(db, ROLE_CLERK, "录入驻村工作队");
    if (err != DB_OK)
        return err;
    struct team_member *all = malloc(MAX_MEMBERS * sizeof *all);
    if (!all)
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    err = db_begin(db);
    size_t n = 0;
    if (err == DB_OK)
        err = db_team_members(db, NULL, all, MAX_MEMBERS, &n);
    if (err == DB_OK) {
        char msg[512];
        const char *field = "";
        if (team_check_member(m, all, n, msg, sizeof msg, &field))
            err = db_set_error_at(db, DB_ERR_INVALID, field, "%s", msg);
    }
    if (err == DB_OK)
        err = write_member(db, m);
    free(all);
    if (err == DB_OK)
        return db_commit(db);
    db_rollback(db);
    return err;
}

enum db_err db_team_member_delete(struct db *db, int64_t id)
{
    enum db_err err = db_require_role(db, ROLE_CLERK, "删除驻村工作队队员");
    if (err != DB_OK)
        return err;
    sqlite3_stmt *st = db_stmt(db, "SELECT (SELECT count(*) FROM team_visits WHERE member_id = ?1 AND deleted = 0)"
                                   " + (SELECT count(*) FROM aid_records WHERE team_signer_id = ?1 AND deleted = 0)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    int used = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_reset(st);
    if (used)
        return db_set_error(db, DB_ERR_CONSTRAINT, "该队员已有走访记录或签字，不能删除；离开时请填写驻村结束日期 "
                            "(team member in use)");
    st = db_stmt(db, "UPDATE team_members SET deleted = 1, deleted_at = " DB_TEXT_NOW " WHERE id = ?1 AND deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    int rc = db_step_done(st);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "删除驻村工作队队员");
}

enum db_err db_team_active(struct db *db, const char *village, const char *date, struct team_member *out,
                           size_t max, size_t *n)
{
    size_t all = 0;
    enum db_err err = db_team_members(db, village, out, max, &all);
    *n = 0;
    for (size_t i = 0; err == DB_OK && i < all; i++)
        if (team_active_on(&out[i], date))
            out[(*n)++] = out[i];
    return err;
}

enum db_err db_team_leader_warning(struct db *db, const char *village, const char *today, char *msg,
                                   size_t msgsz)
{
    msg[0] = '\0';
    struct team_member *ms = malloc(MAX_MEMBERS * sizeof *ms);
    if (!ms)
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    size_t n = 0;
    enum db_err err = db_team_members(db, village, ms, MAX_MEMBERS, &n);
    char from[11], to[11];
    if (err == DB_OK && team_leader_gap(ms, n, today, from, to))
        team_gap_message(from, to, msg, msgsz);
    free(ms);
    return err;
}

enum db_err db_team_check_all(struct db *db, const struct check_ctx *cc, team_check_fn fn, void *ud,
                              size_t *warnings)
{
    if (warnings)
        *warnings = 0;
    struct team_member *ms = malloc(MAX_MEMBERS * sizeof *ms);
    if (!ms)
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    size_t n = 0;
    enum db_err err = db_team_members(db, NULL, ms, MAX_MEMBERS, &n);
    /* The list is in village order: each village's members side by side. */
    for (size_t i = 0, j; err == DB_OK && i < n; i = j) {
        for (j = i + 1; j < n && strcmp(ms[j].village, ms[i].village) == 0; j++)
            ;
        struct team_check_facts tf = { ms + i, j - i };
        struct check_result rs[4];
        size_t k = checks_run_team(cc, &tf, rs, 4);
        if (warnings)
            *warnings += k;
        char subject[200];
        snprintf(subject, sizeof subject, "%s驻村工作队", ms[i].village_name[0] ? ms[i].village_name : ms[i].village);
        for (size_t r = 0; fn && r < k; r++)
            fn(ud, 0, subject, &rs[r]);
    }
    free(ms);
    return err;
}

/* ---- visits ---------------------------------------------------------------- */

static enum db_err visit_households(struct db *db, struct team_visit *v)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT h.id, h.head_name FROM team_visit_households x "
                                   "JOIN households h ON h.id = x.household_id WHERE x.visit_id = ?1 ORDER BY x.id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, v->id);
    int rc;
    size_t len = 0;
    v->n_households = 0;
    v->household_names[0] = '\0';
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && v->n_households < TEAM_VISIT_MAX_HH) {
        v->households[v->n_households++] = sqlite3_column_int64(st, 0);
        const char *name = (const char *)sqlite3_column_text(st, 1);
        int w = snprintf(v->household_names + len, sizeof v->household_names - len, "%s%s",
                         len ? "、" : "", name ? name : "");
        if (w > 0 && len + (size_t)w < sizeof v->household_names)
            len += (size_t)w;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取走访户");
}

enum db_err db_team_visits(struct db *db, const char *village, struct team_visit *out, size_t max,
                           size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT v.id, v.village, v.member_id, coalesce(t.name, ''), v.date, v.notes, "
        "coalesce(v.corrects_id, 0), coalesce((SELECT max(c.id) FROM team_visits c WHERE c.corrects_id = v.id "
        "AND c.deleted = 0), 0) FROM team_visits v LEFT JOIN team_members t ON t.id = v.member_id "
        "WHERE v.deleted = 0 AND (?1 = '' OR v.village = ?1) ORDER BY v.village, v.date, v.id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, village ? village : "", -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
        struct team_visit *v = &out[(*n)++];
        memset(v, 0, sizeof *v);
        v->id = sqlite3_column_int64(st, 0);
        db_col_text(st, 1, v->village, sizeof v->village);
        v->member_id = sqlite3_column_int64(st, 2);
        db_col_text(st, 3, v->member_name, sizeof v->member_name);
        db_col_text(st, 4, v->date, sizeof v->date);
        db_col_text(st, 5, v->notes, sizeof v->notes);
        v->corrects_id = sqlite3_column_int64(st, 6);
        v->corrected_by = sqlite3_column_int64(st, 7);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, rc, "读取走访记录");
    /* The households after the list is read: db_stmt's cached statement
     * above is reset, the one below is another. */
    for (size_t i = 0; i < *n; i++) {
        enum db_err err = visit_households(db, &out[i]);
        if (err != DB_OK)
            return err;
    }
    return DB_OK;
}

/* The visit's rules: core's, plus who and every household of the village. */
static enum db_err check_visit(struct db *db, struct team_visit *v, int64_t corrects)
{
    struct team_member who;
    int have_who = v->member_id && db_team_member_get(db, v->member_id, &who) == DB_OK &&
                   strcmp(who.village, v->village) == 0;
    char today[11], msg[400];
    clock_today(today);
    struct team_visit_facts f = { "", today, have_who ? &who : NULL, v->n_households };
    snprintf(f.date, sizeof f.date, "%.10s", v->date);
    const char *field = "";
    if (team_check_visit(&f, msg, sizeof msg, &field))
        return db_set_error_at(db, DB_ERR_INVALID, field, "%s", msg);
    memcpy(v->date, f.date, sizeof f.date);
    sqlite3_stmt *st = db_stmt(db, "SELECT count(*) FROM households WHERE id = ?1 AND village = ?2 AND deleted = 0");
    if (!st)
        return DB_ERR_IO;
    for (size_t i = 0; i < v->n_households; i++) {
        sqlite3_bind_int64(st, 1, v->households[i]);
        sqlite3_bind_text(st, 2, v->village, -1, SQLITE_STATIC);
        int ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
        sqlite3_reset(st);
        if (!ok)
            return db_set_error_at(db, DB_ERR_INVALID, "households", "「走访户」只能选本村的户");
    }
    if (corrects) {
        st = db_stmt(db, "SELECT count(*) FROM team_visits WHERE id = ?1 AND village = ?2 AND deleted = 0");
        if (!st)
            return DB_ERR_IO;
        sqlite3_bind_int64(st, 1, corrects);
        sqlite3_bind_text(st, 2, v->village, -1, SQLITE_STATIC);
        int ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
        sqlite3_reset(st);
        if (!ok)
            return db_set_error(db, DB_ERR_INVALID, "更正的走访记录须属于本村 (a correction belongs to the same village)");
    }
    return DB_OK;
}

static enum db_err insert_visit(struct db *db, struct team_visit *v, int64_t corrects)
{
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO team_visits(village, member_id, date, notes, corrects_id) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, v->village, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, v->member_id);
    sqlite3_bind_text(st, 3, v->date, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, v->notes, -1, SQLITE_STATIC);
    if (corrects)
        sqlite3_bind_int64(st, 5, corrects);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "保存走访记录");
    v->id = sqlite3_last_insert_rowid(db_handle(db));
    st = db_stmt(db, "INSERT OR IGNORE INTO team_visit_households(visit_id, household_id) VALUES (?1, ?2)");
    if (!st)
        return DB_ERR_IO;
    for (size_t i = 0; i < v->n_households && rc == SQLITE_OK; i++) {
        sqlite3_bind_int64(st, 1, v->id);
        sqlite3_bind_int64(st, 2, v->households[i]);
        rc = db_step_done(st);
    }
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "保存走访户");
}

enum db_err db_team_visit_add(struct db *db, struct team_visit *v, int64_t corrects)
{
    enum db_err err = db_require_role(db, ROLE_CLERK, "录入走访记录");
    if (err != DB_OK)
        return err;
    if (v->n_households > TEAM_VISIT_MAX_HH)
        return db_set_error_at(db, DB_ERR_INVALID, "households", "「走访户」一条记录最多 %d 户",
                               TEAM_VISIT_MAX_HH);
    err = db_begin(db);
    if (err == DB_OK)
        err = check_visit(db, v, corrects);
    if (err == DB_OK)
        err = insert_visit(db, v, corrects);
    v->corrects_id = err == DB_OK ? corrects : v->corrects_id;
    if (err == DB_OK)
        return db_commit(db);
    db_rollback(db);
    return err;
}

enum db_err db_team_visit_count(struct db *db, int64_t member_id, int *n)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT count(*) FROM team_visits v WHERE v.member_id = ?1 AND v.deleted = 0 "
                                   "AND NOT EXISTS (SELECT 1 FROM team_visits c WHERE c.corrects_id = v.id "
                                   "AND c.deleted = 0)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, member_id);
    int rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "统计走访次数");
}

/* ---- 工作队长签字 ----------------------------------------------------------- */

enum db_err db_team_signer_check(struct db *db, int64_t household_id, const char *date, int64_t member_id)
{
    struct team_member m;
    enum db_err err = db_team_member_get(db, member_id, &m);
    if (err != DB_OK)
        return err;
    sqlite3_stmt *st = db_stmt(db, "SELECT village FROM households WHERE id = ?1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, household_id);
    char village[AREA_CODE_LEN + 1] = "";
    if (sqlite3_step(st) == SQLITE_ROW)
        db_col_text(st, 0, village, sizeof village);
    sqlite3_reset(st);
    if (strcmp(village, m.village) != 0)
        return db_set_error_at(db, DB_ERR_INVALID, "signed_team", "「工作队长签字」%s 不是本村驻村工作队队员",
                               m.name);
    char day[11], msg[400];
    if (!date_normalise(date, day))
        snprintf(day, sizeof day, "%.10s", date);
    if (team_check_signer(&m, day, msg, sizeof msg))
        return db_set_error_at(db, DB_ERR_INVALID, "signed_team", "%s", msg);
    return DB_OK;
}

enum db_err db_aid_sign_team(struct db *db, int64_t aid_id, int64_t member_id)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT household_id, date FROM aid_records WHERE id = ?1 AND deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, aid_id);
    int64_t hh = 0;
    char date[11] = "";
    if (sqlite3_step(st) == SQLITE_ROW) {
        hh = sqlite3_column_int64(st, 0);
        db_col_text(st, 1, date, sizeof date);
    }
    sqlite3_reset(st);
    if (!hh)
        return db_set_error(db, DB_ERR_NOTFOUND, "没有该帮扶记录 (no aid entry %lld)", (long long)aid_id);
    enum db_err err = db_team_signer_check(db, hh, date, member_id);
    if (err != DB_OK)
        return err;
    st = db_stmt(db, "UPDATE aid_records SET signed_team = 1, team_signer_id = ?2, updated_at = " DB_STAMP_NOW
                     " WHERE id = ?1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, aid_id);
    sqlite3_bind_int64(st, 2, member_id);
    int rc = db_step_done(st);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "记录工作队长签字");
}
