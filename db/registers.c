/* registers.c — what the measure registers share (db/registers.h). */
#include "db/registers.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/income.h"
#include "db/assist_export.h"
#include "db/record.h"


int64_t reg_id(const void *rec)
{
    int64_t v;
    memcpy(&v, rec, sizeof v);
    return v;
}

int64_t reg_household(const void *rec)
{
    int64_t v;
    memcpy(&v, (const char *)rec + sizeof v, sizeof v);
    return v;
}

void reg_cell_get(const struct reg_col *c, const void *rec, const struct loan_info *info,
                  const struct check_ctx *cc, int64_t seq, struct reg_cell *out)
{
    const char *at = (const char *)rec + c->v.off;
    int iv;
    memset(out, 0, sizeof *out);
    out->kind = RC_TEXT;
    switch (c->v.src) {
    case RV_SEQ: out->kind = RC_NUM; out->num = seq; break;
    case RV_VILLAGE: out->text = info->village_name; break;
    case RV_HH_NO: out->text = info->hh_no; break;
    case RV_HEAD: out->text = info->head_name; break;
    case RV_TEXT: out->text = at[0] || !c->v.empty ? at : c->v.empty; break;
    case RV_INT:
        memcpy(&iv, at, sizeof iv);
        out->kind = RC_NUM;
        out->num = iv;
        break;
    case RV_I64:
        memcpy(&out->num, at, sizeof out->num);
        out->kind = RC_NUM;
        break;
    case RV_CODE:
        memcpy(&iv, at, sizeof iv);
        out->text = codes_label(c->v.list, iv);
        break;
    case RV_FN: c->v.fn(rec, cc, out); break;
    }
    if (out->kind == RC_TEXT && !out->text)
        out->text = out->buf;
}

const char *reg_cell_text(const struct reg_col *c, const void *rec, const struct loan_info *info,
                          const struct check_ctx *cc, struct reg_cell *cell)
{
    reg_cell_get(c, rec, info, cc, 0, cell);
    if (cell->kind == RC_BLANK)
        return "";
    if (cell->kind == RC_TEXT)
        return cell->text;
    if (c->kind == XO_MONEY)
        money_format(cell->num, cell->buf, sizeof cell->buf);
    else if (c->kind == XO_PERCENT || c->kind == XO_NUMBER)
        snprintf(cell->buf, sizeof cell->buf, "%lld.%02lld%s", (long long)(cell->num / 100),
                 (long long)(llabs(cell->num) % 100), c->kind == XO_PERCENT ? "%" : "");
    else
        snprintf(cell->buf, sizeof cell->buf, "%lld", (long long)cell->num);
    return cell->buf;
}

/* ---- the ledger ------------------------------------------------------------- */

#define REG_MAX_COLS 32

struct ledger_run {
    const struct reg_ledger *l;
    struct xo_book *b;
    struct check_ctx cc;
    const char *area;
    int64_t n;
    int64_t sums[REG_MAX_COLS], tallies[REG_MAX_COLS];
    enum xo_err xe;
};

/* A number column written as the number the ledger means: XO_NUMBER
 * takes a double (our ×100 values). */
static enum xo_err put_num(struct xo_book *b, enum xo_kind kind, int64_t v)
{
    return kind == XO_NUMBER ? xo_put_double(b, (double)v / 100.0) : xo_put_int(b, v);
}

static int ledger_row(void *ud, const void *rec, const struct loan_info *info)
{
    struct ledger_run *r = ud;
    struct reg_cell cell;
    enum xo_err e = xo_row_begin(r->b);
    r->n++;
    for (size_t i = 0; !e && i < r->l->ncols; i++) {
        const struct reg_col *c = &r->l->cols[i];
        reg_cell_get(c, rec, info, &r->cc, r->n, &cell);
        if (cell.kind == RC_NUM)
            r->sums[i] += cell.num;
        if (c->tally && cell.kind == RC_TEXT && strcmp(cell.text, c->tally) == 0)
            r->tallies[i]++;
        e = cell.kind == RC_BLANK ? xo_put_blank(r->b)
          : cell.kind == RC_NUM ? put_num(r->b, c->kind, cell.num) : xo_put_text(r->b, cell.text);
    }
    if (!e)
        e = xo_row_end(r->b);
    r->xe = e;
    return e != XO_OK;
}

static enum xo_err ledger_total(struct ledger_run *r)
{
    char text[96];
    enum xo_err e = xo_row_begin(r->b);
    if (!e) e = xo_row_bold(r->b);
    for (size_t i = 0; !e && i < r->l->ncols; i++) {
        const struct reg_col *c = &r->l->cols[i];
        if (i == 0) {
            e = xo_put_text(r->b, "合计");
        } else if (i == 1) {
            snprintf(text, sizeof text, "共 %lld %s", (long long)r->n, r->l->unit);
            e = xo_put_text(r->b, text);
        } else if (c->sum) {
            e = put_num(r->b, c->kind, r->sums[i]);
        } else if (c->tally) {
            snprintf(text, sizeof text, "%s %lld %s", c->tally, (long long)r->tallies[i], r->l->unit);
            e = xo_put_text(r->b, text);
        } else {
            e = xo_put_blank(r->b);
        }
    }
    if (!e)
        e = xo_row_end(r->b);
    return e;
}

static enum db_err fill_ledger(struct db *db, struct xo_book *b, void *arg, enum xo_err *xe)
{
    struct ledger_run *r = arg;
    r->b = b;
    enum db_err de = r->l->each(db, 0, r->area, ledger_row, r);
    if (de == DB_OK && r->xe == XO_OK)
        r->xe = ledger_total(r);
    *xe = r->xe;
    return de;
}

int reg_export_ledger(const struct reg_ledger *l, struct db *db, const char *area, const char *path,
                      xo_progress_fn progress, void *pctx, int64_t *rows, char *err, size_t errsz)
{
    struct xo_col cols[REG_MAX_COLS];
    struct ledger_run *r = calloc(1, sizeof *r);
    if (!r || l->ncols > REG_MAX_COLS) {
        free(r);
        snprintf(err, errsz, "内存不足 (out of memory)");
        return -1;
    }
    for (size_t i = 0; i < l->ncols; i++)
        cols[i] = (struct xo_col){ l->cols[i].title, l->cols[i].kind, 0 };
    char title[256], unit[128];
    assist_export_titles(db, area, 0, l->title, title, sizeof title, unit, sizeof unit);
    struct xo_sheet_spec spec = { l->sheet, title, unit, NULL, "元", cols, l->ncols };
    spec.key_cols = l->key_cols;
    r->l = l;
    r->area = area;
    checks_ctx_init(&r->cc);
    int rc = export_write_book(db, path, &spec, 0, progress, pctx, fill_ledger, r, err, errsz);
    if (rows)
        *rows = r->n;
    free(r);
    return rc;
}

/* ---- saving ------------------------------------------------------------------ */

enum db_err reg_refuse(struct db *db, const struct check_result *rs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (rs[i].def->level == CHECK_ERROR)
            return db_set_error_at(db, DB_ERR_INVALID, rs[i].field_key, "%s", rs[i].message);
    return DB_OK;
}

enum db_err reg_step_write(struct db *db, sqlite3_stmt *st, int64_t *id, const char *what)
{
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, what);
    if (*id && sqlite3_changes(db_handle(db)) == 0)
        return db_set_error(db, DB_ERR_NOTFOUND, "该记录已不在登记簿中 (record %lld gone)", (long long)*id);
    if (!*id)
        *id = sqlite3_last_insert_rowid(db_handle(db));
    return DB_OK;
}

enum db_err reg_save_tx(struct db *db, void *rec, reg_write_fn write, int64_t arg)
{
    int64_t was = reg_id(rec);
    enum db_err err = db_begin(db);
    if (err != DB_OK)
        return err;
    err = write(db, rec, arg);
    if (err == DB_OK)
        err = db_commit(db);
    else
        db_rollback(db);
    if (err != DB_OK)
        memcpy(rec, &was, sizeof was);
    return err;
}

enum db_err reg_member_count(struct db *db, int64_t household_id, int *n)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT count(*) FROM members WHERE household_id = ?1 AND deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, household_id);
    int rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取家庭成员");
}

enum db_err reg_soft_delete(struct db *db, const char *table, int64_t id, const char *what)
{
    char sql[200];
    snprintf(sql, sizeof sql, "UPDATE %s SET deleted = 1, deleted_at = %s, updated_at = %s"
             " WHERE id = ?1 AND deleted = 0", table, DB_TEXT_NOW, DB_STAMP_NOW);
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    int rc = db_step_done(st);      /* one statement: its own transaction */
    if (rc != SQLITE_OK)
        return db_fail(db, rc, what);
    if (sqlite3_changes(db_handle(db)) == 0)
        return db_set_error(db, DB_ERR_NOTFOUND, "没有这条记录 (no record %lld)", (long long)id);
    return DB_OK;
}

/* ---- `fupin check` ------------------------------------------------------------ */

struct check_run_all {
    struct db *db;
    const struct reg_checks *rc;
    const struct check_ctx *cc;
    assist_check_fn fn;
    void *ud;
    size_t errors, warnings;
};

static int check_one(void *ud, const void *rec, const struct loan_info *info)
{
    struct check_run_all *r = ud;
    struct check_result rs[16];
    size_t k = r->rc->run(r->db, r->cc, rec, rs, 16);
    char subject[240];
    snprintf(subject, sizeof subject, "户主 %s%s%s %s %s", info->head_name, info->hh_no[0] ? " 户编号 " : "",
             info->hh_no, r->rc->what, (const char *)rec + r->rc->date_off);
    for (size_t i = 0; i < k; i++) {
        if (rs[i].def->level == CHECK_ERROR)
            r->errors++;
        else
            r->warnings++;
        if (r->fn)
            r->fn(r->ud, reg_household(rec), subject, &rs[i]);
    }
    return 0;
}

enum db_err reg_check_all(struct db *db, const struct reg_checks *rc, const struct check_ctx *cc,
                          assist_check_fn fn, void *ud, size_t *errors, size_t *warnings)
{
    struct check_run_all r = { db, rc, cc, fn, ud, 0, 0 };
    enum db_err err = rc->each(db, 0, NULL, check_one, &r);
    if (errors) *errors = r.errors;
    if (warnings) *warnings = r.warnings;
    return err;
}
