/* dividends.c — the 资产收益扶贫 register's store (db/dividends.h). */
#include "db/dividends.h"
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include "db/operators.h"
#include "db/record.h"


void dividend_facts_of(const struct asset_share *s, const struct asset_dividend *d, int dup,
                       struct dividend_facts *out)
{
    memset(out, 0, sizeof *out);
    out->start_year = s->start_year;
    out->amount = s->amount;
    out->shares = s->shares;
    if (d) {
        out->year = d->year;
        out->dividend = d->amount;
        out->dup = dup;
    }
}

static enum db_err refuse(struct db *db, const struct check_ctx *cc, const struct dividend_facts *df)
{
    struct check_result rs[8];
    return reg_refuse(db, rs, checks_run_dividend(cc, df, rs, 8));
}

/* The earliest dividend year of a share (0 = none), and whether `year` has one. */
static enum db_err years_of(struct db *db, int64_t share_id, int year, int *first, int *has)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT ifnull(min(year), 0), ifnull(max(year = ?2), 0) FROM asset_dividends "
                                   "WHERE share_id = ?1 AND deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, share_id);
    sqlite3_bind_int(st, 2, year);
    int rc = sqlite3_step(st);
    *first = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    *has = rc == SQLITE_ROW ? sqlite3_column_int(st, 1) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取分红记录");
}

static enum db_err write_share(struct db *db, void *rec, int64_t unused)
{
    (void)unused;
    struct asset_share *s = rec;
    sqlite3_stmt *st = db_stmt(db, s->id
        ? "UPDATE asset_shares SET project = ?2, start_year = ?3, amount = ?4, shares = ?5, note = ?6, "
          "updated_at = " DB_STAMP_NOW " WHERE id = ?7 AND household_id = ?1 AND deleted = 0"
        : "INSERT INTO asset_shares(household_id, project, start_year, amount, shares, note) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, s->household_id);
    sqlite3_bind_text(st, 2, s->project, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, s->start_year);
    sqlite3_bind_int64(st, 4, s->amount);
    sqlite3_bind_int(st, 5, s->shares);
    sqlite3_bind_text(st, 6, s->note, -1, SQLITE_STATIC);
    if (s->id)
        sqlite3_bind_int64(st, 7, s->id);
    return reg_step_write(db, st, &s->id, "保存资产收益");
}

enum db_err db_share_save(struct db *db, const struct check_ctx *cc, struct asset_share *s)
{
    if (db_require_role(db, ROLE_CLERK, "登记资产收益") != DB_OK)
        return DB_ERR_DENIED;
    struct dividend_facts df;
    int first = 0, has = 0;
    enum db_err err = s->id ? years_of(db, s->id, 0, &first, &has) : DB_OK;
    if (err != DB_OK)
        return err;
    /* The earliest dividend already recorded must stay within the share. */
    struct asset_dividend d = { 0, s->id, first, 0, "" };
    dividend_facts_of(s, first ? &d : NULL, 0, &df);
    if ((err = refuse(db, cc, &df)) != DB_OK)
        return err;
    return reg_save_tx(db, s, write_share, 0);
}

enum db_err db_shares_each(struct db *db, int64_t household_id, const char *area, register_row_fn fn, void *ud)
{
    sqlite3_stmt *st = db_stmt(db,
        "SELECT s.id, s.household_id, s.project, s.start_year, s.amount, s.shares, s.note, "
        "(SELECT ifnull(sum(d.amount), 0) FROM asset_dividends d WHERE d.share_id = s.id AND d.deleted = 0), "
        "(SELECT ifnull(max(d.year), 0) FROM asset_dividends d WHERE d.share_id = s.id AND d.deleted = 0), "
        "ifnull(v.name, ''), ifnull(h.hh_no, ''), h.head_name "
        "FROM asset_shares s JOIN households h ON h.id = s.household_id "
        "LEFT JOIN areas v ON v.code = h.village WHERE s.deleted = 0 AND h.deleted = 0 "
        "AND (?1 = 0 OR s.household_id = ?1) AND (?2 = '' OR h.village LIKE ?2 || '%') "
        "ORDER BY" DB_HH_ORDER("h") ", s.start_year, s.id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, household_id);
    sqlite3_bind_text(st, 2, area ? area : "", -1, SQLITE_TRANSIENT);
    struct asset_share s;
    struct loan_info info;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        memset(&s, 0, sizeof s);
        s.id = sqlite3_column_int64(st, 0);
        s.household_id = sqlite3_column_int64(st, 1);
        db_col_text(st, 2, s.project, sizeof s.project);
        s.start_year = sqlite3_column_int(st, 3);
        s.amount = sqlite3_column_int64(st, 4);
        s.shares = sqlite3_column_int(st, 5);
        db_col_text(st, 6, s.note, sizeof s.note);
        s.paid = sqlite3_column_int64(st, 7);
        s.last_year = sqlite3_column_int(st, 8);
        db_col_text(st, 9, info.village_name, sizeof info.village_name);
        db_col_text(st, 10, info.hh_no, sizeof info.hh_no);
        db_col_text(st, 11, info.head_name, sizeof info.head_name);
        if (fn(ud, &s, &info))
            break;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取资产收益");
}

enum db_err db_share_delete(struct db *db, int64_t id)
{
    if (db_require_role(db, ROLE_CLERK, "删除资产收益") != DB_OK)
        return DB_ERR_DENIED;
    return reg_soft_delete(db, "asset_shares", id, "删除资产收益");
}

static enum db_err share_get(struct db *db, int64_t id, struct asset_share *out)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT household_id, start_year, amount, shares FROM asset_shares "
                                   "WHERE id = ?1 AND deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    memset(out, 0, sizeof *out);
    if (rc == SQLITE_ROW) {
        out->id = id;
        out->household_id = sqlite3_column_int64(st, 0);
        out->start_year = sqlite3_column_int(st, 1);
        out->amount = sqlite3_column_int64(st, 2);
        out->shares = sqlite3_column_int(st, 3);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return db_set_error(db, DB_ERR_NOTFOUND, "没有这条资产收益记录 (no share %lld)", (long long)id);
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取资产收益");
}

enum db_err db_dividend_add(struct db *db, const struct check_ctx *cc, int64_t share_id,
                            const struct asset_dividend *d, int64_t *id)
{
    if (db_require_role(db, ROLE_CLERK, "登记分红") != DB_OK)
        return DB_ERR_DENIED;
    struct asset_share s;
    int first, has;
    enum db_err err = share_get(db, share_id, &s);
    if (err == DB_OK)
        err = years_of(db, share_id, d->year, &first, &has);
    if (err != DB_OK)
        return err;
    struct dividend_facts df;
    dividend_facts_of(&s, d, has, &df);
    if ((err = refuse(db, cc, &df)) != DB_OK)
        return err;
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO asset_dividends(share_id, year, amount, note) VALUES (?1, ?2, ?3, ?4)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, share_id);
    sqlite3_bind_int(st, 2, d->year);
    sqlite3_bind_int64(st, 3, d->amount);
    sqlite3_bind_text(st, 4, d->note, -1, SQLITE_STATIC);
    int rc = db_step_done(st);      /* one statement: its own transaction */
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "保存分红记录");
    if (id)
        *id = sqlite3_last_insert_rowid(db_handle(db));
    return DB_OK;
}

enum db_err db_share_dividends(struct db *db, int64_t share_id, struct asset_dividend *out, size_t max, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT id, year, amount, note FROM asset_dividends "
                                   "WHERE share_id = ?1 AND deleted = 0 ORDER BY year, id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, share_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
        struct asset_dividend *d = &out[(*n)++];
        memset(d, 0, sizeof *d);
        d->id = sqlite3_column_int64(st, 0);
        d->share_id = share_id;
        d->year = sqlite3_column_int(st, 1);
        d->amount = sqlite3_column_int64(st, 2);
        db_col_text(st, 3, d->note, sizeof d->note);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取分红记录");
}

void share_cell_last_year(const void *rec, const struct check_ctx *cc, struct reg_cell *out)
{
    (void)cc;
    const struct asset_share *s = rec;
    out->kind = s->last_year ? RC_NUM : RC_BLANK;
    out->num = s->last_year;
}
