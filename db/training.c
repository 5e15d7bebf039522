/* training.c — the 就业/培训 register's store (db/training.h). */
#include "db/training.h"
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include "core/clock.h"
#include "db/operators.h"
#include "db/record.h"


static enum db_err check(struct db *db, const struct check_ctx *cc, const struct training *t)
{
    struct check_result rs[8];
    return reg_refuse(db, rs, checks_run_training(cc, t, rs, 8));
}

static enum db_err write_training(struct db *db, void *rec, int64_t member_id)
{
    struct training *t = rec;
    sqlite3_stmt *st = db_stmt(db, t->id
        ? "UPDATE trainings SET member_id = ?2, kind = ?3, content = ?4, place = ?5, start = ?6, finish = ?7, "
          "income = ?8, note = ?9, updated_at = " DB_STAMP_NOW " WHERE id = ?10 AND household_id = ?1 AND deleted = 0"
        : "INSERT INTO trainings(household_id, member_id, kind, content, place, start, finish, income, note) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, t->household_id);
    sqlite3_bind_int64(st, 2, member_id);
    sqlite3_bind_int(st, 3, t->kind);
    sqlite3_bind_text(st, 4, t->content, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, t->place, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, t->start, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, t->finish, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 8, t->income);
    sqlite3_bind_text(st, 9, t->note, -1, SQLITE_STATIC);
    if (t->id)
        sqlite3_bind_int64(st, 10, t->id);
    return reg_step_write(db, st, &t->id, "保存就业培训记录");
}

enum db_err db_training_save(struct db *db, const struct check_ctx *cc, struct training *t)
{
    if (db_require_role(db, ROLE_CLERK, "登记就业培训") != DB_OK)
        return DB_ERR_DENIED;
    char d[11];
    if (date_normalise(t->start, d))
        snprintf(t->start, sizeof t->start, "%s", d);
    if (date_normalise(t->finish, d))
        snprintf(t->finish, sizeof t->finish, "%s", d);
    int64_t member_id = 0;
    enum db_err err = db_register_member(db, t->household_id, t->member, "member", "成员", &member_id);
    if (err == DB_OK)
        err = check(db, cc, t);
    if (err != DB_OK)
        return err;
    if ((err = reg_save_tx(db, t, write_training, member_id)) == DB_OK)
        t->member_id = member_id;
    return err;
}

enum db_err db_trainings_each(struct db *db, int64_t household_id, const char *area, register_row_fn fn, void *ud)
{
    sqlite3_stmt *st = db_stmt(db,
        "SELECT t.id, t.household_id, t.member_id, m.name, (SELECT count(*) FROM members o WHERE "
        "o.household_id = t.household_id AND o.deleted = 0 AND (o.ordinal < m.ordinal OR "
        "(o.ordinal = m.ordinal AND o.id < m.id))) + 1, t.kind, t.content, t.place, t.start, t.finish, "
        "t.income, t.note, ifnull(v.name, ''), ifnull(h.hh_no, ''), h.head_name "
        "FROM trainings t JOIN households h ON h.id = t.household_id JOIN members m ON m.id = t.member_id "
        "LEFT JOIN areas v ON v.code = h.village WHERE t.deleted = 0 AND h.deleted = 0 "
        "AND (?1 = 0 OR t.household_id = ?1) AND (?2 = '' OR h.village LIKE ?2 || '%') "
        "ORDER BY" DB_HH_ORDER("h") ", m.ordinal, t.start, t.id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, household_id);
    sqlite3_bind_text(st, 2, area ? area : "", -1, SQLITE_TRANSIENT);
    struct training t;
    struct loan_info info;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        memset(&t, 0, sizeof t);
        t.id = sqlite3_column_int64(st, 0);
        t.household_id = sqlite3_column_int64(st, 1);
        t.member_id = sqlite3_column_int64(st, 2);
        db_col_text(st, 3, t.member_name, sizeof t.member_name);
        t.member = sqlite3_column_int(st, 4);
        t.kind = sqlite3_column_int(st, 5);
        db_col_text(st, 6, t.content, sizeof t.content);
        db_col_text(st, 7, t.place, sizeof t.place);
        db_col_text(st, 8, t.start, sizeof t.start);
        db_col_text(st, 9, t.finish, sizeof t.finish);
        t.income = sqlite3_column_int64(st, 10);
        db_col_text(st, 11, t.note, sizeof t.note);
        db_col_text(st, 12, info.village_name, sizeof info.village_name);
        db_col_text(st, 13, info.hh_no, sizeof info.hh_no);
        db_col_text(st, 14, info.head_name, sizeof info.head_name);
        if (fn(ud, &t, &info))
            break;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取就业培训记录");
}

enum db_err db_training_delete(struct db *db, int64_t id)
{
    if (db_require_role(db, ROLE_CLERK, "删除就业培训记录") != DB_OK)
        return DB_ERR_DENIED;
    return reg_soft_delete(db, "trainings", id, "删除就业培训记录");
}
