/* wfs_exit.c — the 脱贫退出 check (Form G): prefilled from the file, judged,
 * saved (see workflow_store.h). */
#include "db/workflow_store.h"
#include "db/operators.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "db/household_store.h"
#include "db/record.h"
#include "db/settings.h"
#include "db/wfs_priv.h"

/* ---- exits ------------------------------------------------------------ */

int wfs_exit_passes(const struct wfs_exit *e, char *why, size_t whysz)
{
    char fail[300] = "";
    if (e->survey_missing)
        wfs_report_add(fail, sizeof fail, "%d年尚无入户调查", e->year);
    else if (!e->line_found || e->exit_line <= 0)
        wfs_report_add(fail, sizeof fail, "%s未设置该年度退出线", fail[0] ? "、" : "");
    else if (e->per_capita < e->exit_line) {
        char a[32], b[32];
        money_format(e->per_capita, a, sizeof a);
        money_format(e->exit_line, b, sizeof b);
        wfs_report_add(fail, sizeof fail, "%s年人均纯收入 %s 元低于退出线 %s 元", fail[0] ? "、" : "", a, b);
    }
    static const char *const names[] = { "不愁吃", "不愁穿", "义务教育有保障", "基本医疗有保障",
                                         "住房安全有保障", "饮水安全有保障" };
    const int ok[] = { e->food, e->clothing, e->education, e->medical, e->housing, e->water };
    for (int i = 0; i < 6; i++)
        if (!ok[i])
            wfs_report_add(fail, sizeof fail, "%s%s未通过", fail[0] ? "、" : "", names[i]);
    if (why && whysz)
        snprintf(why, whysz, "%s", fail);
    return fail[0] == '\0';
}

enum db_err wfs_exit_prefill(struct db *db, int64_t hh_id, int year, struct wfs_exit *out)
{
    memset(out, 0, sizeof *out);
    struct household *hh = malloc(sizeof *hh);
    if (!hh)
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    enum db_err err = db_household_load(db, hh_id, year, hh);
    if (err != DB_OK) {
        free(hh);
        return err;
    }
    struct check_ctx cc;
    checks_ctx_init(&cc);
    struct line lines[256];
    size_t nl = 0;
    if (db_lines(db, lines, 256, &nl) == DB_OK && nl > 0) {
        cc.lines = lines;
        cc.n_lines = nl;
    }
    db_labour_ages(db, &cc.labour);
    /* The exit year's own survey, or none: measured against that year's line. */
    if (year && !hh->survey.year) {
        memset(&hh->survey, 0, sizeof hh->survey);
        hh->survey.year = year;
        out->survey_missing = 1;
    }
    struct exit_criteria ec;
    checks_exit_criteria(&cc, hh, &ec);
    out->household_id = hh_id;
    out->year = ec.year;
    out->per_capita = ec.per_capita;
    out->exit_line = ec.exit_line;
    out->line_found = ec.line_found;
    out->food = ec.food;
    out->clothing = ec.clothing;
    out->education = ec.education;
    out->medical = ec.medical;
    out->housing = ec.housing;
    out->water = ec.water;
    snprintf(out->education_note, sizeof out->education_note, "%s", ec.education_note);
    snprintf(out->medical_note, sizeof out->medical_note, "%s", ec.medical_note);
    wfs_today(out->check_date);
    free(hh);
    return DB_OK;
}

enum db_err wfs_exit_get(struct db *db, int64_t hh_id, int year, struct wfs_exit *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_stmt(db, "SELECT id, year, route, per_capita, exit_line, food, clothing, "
        "education, medical, housing, water, check_date, checker, exit_date, NOT EXISTS (SELECT 1 "
        "FROM surveys s WHERE s.household_id = exits.household_id AND s.year = exits.year) FROM exits "
        "WHERE household_id = ?1 AND deleted = 0 AND (?2 = 0 OR year = ?2) ORDER BY year DESC LIMIT 1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, hh_id);
    sqlite3_bind_int(st, 2, year);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        out->household_id = hh_id;
        out->year = sqlite3_column_int(st, 1);
        out->route = sqlite3_column_int(st, 2);
        out->per_capita = sqlite3_column_int64(st, 3);
        out->exit_line = sqlite3_column_int64(st, 4);
        out->line_found = out->exit_line > 0;
        out->food = sqlite3_column_int(st, 5);
        out->clothing = sqlite3_column_int(st, 6);
        out->education = sqlite3_column_int(st, 7);
        out->medical = sqlite3_column_int(st, 8);
        out->housing = sqlite3_column_int(st, 9);
        out->water = sqlite3_column_int(st, 10);
        db_copy_text(out->check_date, sizeof out->check_date, db_col(st, 11));
        db_copy_text(out->checker, sizeof out->checker, db_col(st, 12));
        db_copy_text(out->exit_date, sizeof out->exit_date, db_col(st, 13));
        out->survey_missing = sqlite3_column_int(st, 14);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return DB_ERR_NOTFOUND;     /* not an error to report: no Form G yet */
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "读取脱贫退出核查");
}

enum db_err wfs_exit_save(struct db *db, struct wfs_exit *e)
{
    if (db_require_role(db, ROLE_REVIEWER, "保存脱贫退出") != DB_OK)
        return DB_ERR_DENIED;
    struct hh_basic b;
    enum db_err err = wfs_hh_basic(db, e->household_id, &b);
    if (err != DB_OK)
        return err;
    if (!codes_label(CL_EXIT_ROUTE, e->route)[0])
        return db_set_error(db, DB_ERR_INVALID, "请选择脱贫途径 (exit route)");
    if (e->year < 1949 || e->year > 2100)
        return db_set_error(db, DB_ERR_INVALID, "年度 %d 无效 (year)", e->year);
    char day[11] = "";
    if (e->check_date[0] && !date_normalise(e->check_date, day))
        return db_set_error(db, DB_ERR_INVALID, "核查日期“%s”不存在 (invalid date)", e->check_date);
    snprintf(e->check_date, sizeof e->check_date, "%s", day);
    struct wfs_exit old;
    int64_t id = wfs_exit_get(db, e->household_id, e->year, &old) == DB_OK ? old.id : 0;
    sqlite3_stmt *st = db_stmt(db, id
        ? "UPDATE exits SET route = ?3, per_capita = ?4, exit_line = ?5, food = ?6, clothing = ?7, "
          "education = ?8, medical = ?9, housing = ?10, water = ?11, check_date = ?12, checker = ?13, "
          "updated_at = " DB_STAMP_NOW " WHERE id = ?1"
        : "INSERT INTO exits(household_id, year, route, per_capita, exit_line, food, clothing, education, "
          "medical, housing, water, check_date, checker) VALUES (?2, ?14, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
          "?10, ?11, ?12, ?13)");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, e->household_id);
    sqlite3_bind_int(st, 3, e->route);
    sqlite3_bind_int64(st, 4, e->per_capita);
    sqlite3_bind_int64(st, 5, e->exit_line);
    sqlite3_bind_int(st, 6, !!e->food);
    sqlite3_bind_int(st, 7, !!e->clothing);
    sqlite3_bind_int(st, 8, !!e->education);
    sqlite3_bind_int(st, 9, !!e->medical);
    sqlite3_bind_int(st, 10, !!e->housing);
    sqlite3_bind_int(st, 11, !!e->water);
    sqlite3_bind_text(st, 12, e->check_date, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 13, e->checker, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 14, e->year);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "保存脱贫退出核查");
    e->id = id ? id : sqlite3_last_insert_rowid(db_handle(db));
    return DB_OK;
}
