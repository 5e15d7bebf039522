/* member_history.c — member events, change records and a year's roster
 * (member_history.h).  The tables are append-only (migration 4): a wrong
 * event is answered by a later one, never edited. */
#include "db/member_history.h"
#include "db/record.h"
#include "core/clock.h"
#include "core/codes.h"
#include "core/workflow.h"
#include "forms/facts.h"
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

/* ---- writing ------------------------------------------------------------- */

static enum db_err insert_event(struct db *db, int64_t hh_id, const struct member *m, int kind,
                                int reason, const char *date, const char *note)
{
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO member_events(household_id, member_id, kind, reason, date, "
                                   "name, id_no, operator, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, hh_id);
    sqlite3_bind_int64(st, 2, m->id);
    sqlite3_bind_int(st, 3, kind);
    sqlite3_bind_int(st, 4, reason);
    sqlite3_bind_text(st, 5, date, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, m->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, m->id_no, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, db_operator(db), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, note, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "记录成员变动");
}

/* One event with what the clerk said (reason 0: nothing said — 其他, today,
 * the save's reason as the note). */
static enum db_err record_event(struct db *db, const struct household *hh, const struct member *m,
                                int kind, int reason, const char *date)
{
    enum codelist list = kind == MEMBER_JOINED ? CL_MEMBER_IN : CL_MEMBER_OUT;
    const char *what = kind == MEMBER_JOINED ? "入户" : "离户";
    char today[11], day[11];
    clock_today(today);
    if (!reason) {
        reason = kind == MEMBER_JOINED ? MEMBER_IN_OTHER : MEMBER_OUT_OTHER;
        date = today;
    }
    if (!codes_label(list, reason)[0])
        return db_set_error(db, DB_ERR_INVALID, "成员“%s”的%s原因代码 %d 不在%s中 (invalid member %s reason)",
                            m->name, what, reason, codes_list_name(list), kind == MEMBER_JOINED ? "join" : "leave");
    const char *bad = facts_event_date_error(date, m->birth, today, day);
    if (bad)
        return db_set_error(db, DB_ERR_INVALID, "成员“%s”的%s日期: %s (invalid member event date)", m->name, what, bad);
    return insert_event(db, hh->id, m, kind, reason, day, hh->change_reason);
}

static const struct member_leave *leave_of(const struct household *hh, int64_t member_id)
{
    for (int i = 0; i < hh->n_left && i < HH_MAX_MEMBERS; i++)
        if (hh->left[i].member_id == member_id)
            return &hh->left[i];
    return NULL;
}

static int still_member(const struct household *hh, int64_t id)
{
    for (int i = 0; i < hh->n_members; i++)
        if (hh->members[i].id == id)
            return 1;
    return 0;
}

static enum db_err insert_change(struct db *db, int64_t hh_id, const char *reason, const char *changes)
{
    char today[11];
    clock_today(today);
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO hh_changes(household_id, date, operator, reason, changes) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, hh_id);
    sqlite3_bind_text(st, 2, today, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, db_operator(db), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, reason, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, changes, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "记录修改原因");
}

enum db_err db_history_record(struct db *db, const struct household *old, const struct household *hh,
                              const unsigned char joined[HH_MAX_MEMBERS], const char *changes)
{
    int on_register = wf_changes_need_reason((enum wf_state)old->state);
    enum db_err err = DB_OK;
    for (int i = 0; err == DB_OK && i < old->n_members; i++) {
        const struct member *m = &old->members[i];
        if (still_member(hh, m->id))
            continue;
        const struct member_leave *l = leave_of(hh, m->id);
        if (l || on_register)
            err = record_event(db, hh, m, MEMBER_LEFT, l ? l->reason : 0, l ? l->date : "");
    }
    for (int i = 0; err == DB_OK && i < hh->n_members; i++) {
        const struct member *m = &hh->members[i];
        if (joined[i] && (m->join_reason || on_register))
            err = record_event(db, hh, m, MEMBER_JOINED, m->join_reason, m->join_date);
    }
    if (err == DB_OK && on_register && changes && changes[0])
        err = insert_change(db, hh->id, hh->change_reason, changes);
    return err;
}

/* ---- reading ------------------------------------------------------------- */

static void text_col(sqlite3_stmt *st, int col, char *out, size_t sz)
{
    db_copy_text(out, sz, (const char *)sqlite3_column_text(st, col));
}

enum db_err db_member_events(struct db *db, int64_t hh_id, struct member_event_row *rows,
                             size_t max, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT kind, reason, date, name, id_no, operator, note, at "
                                   "FROM member_events WHERE household_id = ?1 ORDER BY date, id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, hh_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
        struct member_event_row *r = &rows[(*n)++];
        memset(r, 0, sizeof *r);
        r->kind = sqlite3_column_int(st, 0);
        r->reason = sqlite3_column_int(st, 1);
        text_col(st, 2, r->date, sizeof r->date);
        text_col(st, 3, r->name, sizeof r->name);
        text_col(st, 4, r->id_no, sizeof r->id_no);
        text_col(st, 5, r->op, sizeof r->op);
        text_col(st, 6, r->note, sizeof r->note);
        text_col(st, 7, r->at, sizeof r->at);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取成员变动");
}

enum db_err db_hh_changes(struct db *db, int64_t hh_id, struct hh_change_row *rows,
                          size_t max, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT date, operator, reason, changes, at FROM hh_changes "
                                   "WHERE household_id = ?1 ORDER BY id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, hh_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
        struct hh_change_row *r = &rows[(*n)++];
        text_col(st, 0, r->date, sizeof r->date);
        text_col(st, 1, r->op, sizeof r->op);
        text_col(st, 2, r->reason, sizeof r->reason);
        text_col(st, 3, r->changes, sizeof r->changes);
        text_col(st, 4, r->at, sizeof r->at);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取修改记录");
}

enum db_err db_members_in_year(struct db *db, int64_t hh_id, int year,
                               struct year_member *out, size_t max, size_t *n)
{
    *n = 0;
    struct record_cols c;
    db_record_cols(T_MEMBER, NULL, &c);
    char sql[8192];
    snprintf(sql, sizeof sql, "SELECT m.id, m.birth, "
             "(SELECT reason FROM member_events e WHERE e.member_id = m.id AND e.kind = 2 ORDER BY e.date DESC, e.id DESC LIMIT 1), "
             "(SELECT date FROM member_events e WHERE e.member_id = m.id AND e.kind = 2 ORDER BY e.date DESC, e.id DESC LIMIT 1), "
             "(SELECT reason FROM member_events e WHERE e.member_id = m.id AND e.kind = 1 ORDER BY e.date, e.id LIMIT 1), "
             "(SELECT date FROM member_events e WHERE e.member_id = m.id AND e.kind = 1 ORDER BY e.date, e.id LIMIT 1), "
             "m.deleted");
    /* The columns of the member fields, as household_store.c reads them. */
    if (!db_record_list(&c, sql, sizeof sql, 0, 0))
        return db_set_error(db, DB_ERR_IO, "内部错误：语句过长 (statement too long)");
    size_t len = strlen(sql);
    snprintf(sql + len, sizeof sql - len, " FROM members m WHERE m.household_id = ?1 AND "
             DB_MEMBER_IN_YEAR("m", "?2") " ORDER BY m.ordinal, m.id");
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, hh_id);
    sqlite3_bind_int(st, 2, year);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
        struct year_member *y = &out[(*n)++];
        memset(y, 0, sizeof *y);
        y->m.id = sqlite3_column_int64(st, 0);
        text_col(st, 1, y->m.birth, sizeof y->m.birth);
        y->left = sqlite3_column_int(st, 6);
        if (y->left) {
            y->left_reason = sqlite3_column_int(st, 2);
            text_col(st, 3, y->left_date, sizeof y->left_date);
        }
        y->join_reason = sqlite3_column_int(st, 4);
        text_col(st, 5, y->join_date, sizeof y->join_date);
        db_record_read(st, 7, &c, &y->m);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取年度家庭成员");
}
