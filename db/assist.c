/* assist.c — helpers, assignments, aid entries, waivers. */
#include "db/assist.h"
#include "db/record.h"
#include "core/clock.h"
#include <sqlite3.h>
#include <string.h>

#define NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"

static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

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
    int rc = step_done(st);
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
    sqlite3_stmt *st = db_stmt(db, "UPDATE assignments SET to_date = ?2, updated_at = " NOW
                                   " WHERE household_id = ?1 AND to_date IS NULL AND deleted = 0");
    int rc = SQLITE_ERROR;
    if (st) {
        sqlite3_bind_int64(st, 1, household_id);
        sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
        rc = step_done(st);
    }
    if (rc == SQLITE_OK) {
        st = db_stmt(db, "INSERT INTO assignments(helper_id, household_id, from_date) VALUES (?1, ?2, ?3)");
        rc = SQLITE_ERROR;
        if (st) {
            sqlite3_bind_int64(st, 1, helper_id);
            sqlite3_bind_int64(st, 2, household_id);
            sqlite3_bind_text(st, 3, day, -1, SQLITE_STATIC);
            rc = step_done(st);
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

enum db_err db_aid_add(struct db *db, struct aid_record *r)
{
    char day[11];
    if (!date_normalise(r->date, day))
        return db_set_error(db, DB_ERR_INVALID, "帮扶日期“%s”不存在 (invalid date)", r->date);
    sqlite3_stmt *st = db_stmt(db,
        "INSERT INTO aid_records(household_id, helper_id, date, measure, content, money, goods_value, "
        "outcome, signed_household, signed_village, signed_team, corrects_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, r->household_id);
    if (r->helper_id)
        sqlite3_bind_int64(st, 2, r->helper_id);
    sqlite3_bind_text(st, 3, day, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 4, r->measure);
    sqlite3_bind_text(st, 5, r->content, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, r->money);
    sqlite3_bind_int64(st, 7, r->goods_value);
    sqlite3_bind_text(st, 8, r->outcome, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 9, r->signed_household);
    sqlite3_bind_int(st, 10, r->signed_village);
    sqlite3_bind_int(st, 11, r->signed_team);
    if (r->corrects_id)
        sqlite3_bind_int64(st, 12, r->corrects_id);
    int rc = step_done(st);
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
    int rc = step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "保存放弃帮扶声明");
    if (id)
        *id = sqlite3_last_insert_rowid(db_handle(db));
    return DB_OK;
}
