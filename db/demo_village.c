/* demo_village.c — see demo_village.h. */
#include "db/demo_village.h"
#include "core/clock.h"
#include "db/notice_sheet.h"
#include "db/village_store.h"
#include "db/workflow_store.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const units[3] = { "县农业农村局", "县交通运输局", "县供电局" };
static const char *const contacts[3] = { "覃志明", "黄丽萍", "陆建华" };
static const char *const phones[3] = { "07716521108", "07716523316", "07716529027" };

/* The year's figures: a population that puts the 贫困发生率 at about 1.5 %
 * (at least 800 people), incomes above the lines, every item confirmed yes
 * on 06-30 of the year (today, when earlier) except `no_item` (-1 = none). */
static enum db_err key_year(struct db *db, const char *code, int year, int no_item)
{
    struct vc_facts f;
    struct village_year y;
    enum db_err err = vs_facts(db, code, year, &f);
    if (err == DB_OK)
        err = vs_year_get(db, code, year, &y);
    if (err != DB_OK)
        return err;
    y.population = f.poor_people * 200 / 3 + 1;
    if (y.population < 800)
        y.population = 800 + f.poor_people;
    y.per_capita_income = f.income_line + 86000;
    y.collective_income = f.collective_min + 1250000;
    char today[11], day[11];
    clock_today(today);
    snprintf(day, sizeof day, "%04u-06-30", (unsigned)year % 10000u);
    for (int i = 0; i < VC_N_YESNO; i++) {
        y.answer[i] = i == no_item ? VC_NO : VC_YES;
        memcpy(y.date[i], strcmp(day, today) < 0 ? day : today, sizeof day);
    }
    return vs_year_save(db, &y);
}

/* The exit of last year, as recorded then: a meeting through the store and
 * the exit row with the dates it went through. */
static enum db_err exited_last_year(struct db *db, const char *code, int year)
{
    struct wfs_meeting m = { .kind = NK_EXIT, .year = year, .attendees = 52, .representatives = 31 };
    snprintf(m.village, sizeof m.village, "%s", code);
    snprintf(m.date, sizeof m.date, "%04u-09-10", (unsigned)year % 10000u);
    snprintf(m.host, sizeof m.host, "陆建华");
    snprintf(m.recorder, sizeof m.recorder, "演示员");
    enum db_err err = wfs_meeting_save(db, &m);
    if (err != DB_OK)
        return err;
    char sql[1400];
    /* The exit row last: the demo's newest audit row is then an insert (a
     * cut-off log tail shows as a record without its insert row, which
     * tests/e2e/cli_audit_chain.sh relies on).  Its 公示 a notice before it. */
    snprintf(sql, sizeof sql,
             "UPDATE villages SET exit_year = %d WHERE village = '%s';"
             "INSERT INTO notices(kind, round, area, year, start_date, days, end_date, place, publisher, posted, "
             "closed) SELECT %d, 1, code, %d, '%d-09-11', 7, '%d-09-17', '村委会公示栏', name || '村民委员会', 1, 1 "
             "FROM areas WHERE code = '%s';"
             "INSERT INTO village_exits(village, year, stage, proposed_date, meeting_id, votes_for, "
             "votes_against, votes_abstain, notice_id, decided_date, decided_by) "
             "VALUES ('%s', %d, 4, '%d-09-01', %lld, 28, 2, 1, last_insert_rowid(), '%d-09-25', '演示员');",
             year, code, NK_VILLAGE_EXIT, year, year, year, code, code, year, year, (long long)m.id, year);
    err = db_exec(db, sql, "写入演示出列");
    sqlite3_stmt *st = err == DB_OK ? db_stmt(db, "SELECT notice_id FROM village_exits WHERE village = ?1 "
                                                  "AND year = ?2") : NULL;
    if (!st)
        return err == DB_OK ? DB_ERR_IO : err;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, year);
    int64_t nid = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    char start[16];
    snprintf(start, sizeof start, "%04u-09-11", (unsigned)year % 10000u);
    return notice_sheet_freeze(db, nid, start, NULL);
}

static enum db_err fill(struct db *db, const struct village_info *v, int which, int year)
{
    struct village_info in = *v;
    in.poor = 1;
    in.identified_year = 2016;
    snprintf(in.unit, sizeof in.unit, "%s", units[which]);
    snprintf(in.contact, sizeof in.contact, "%s", contacts[which]);
    snprintf(in.phone, sizeof in.phone, "%s", phones[which]);
    enum db_err err = vs_save(db, &in);
    if (err != DB_OK)
        return err;
    if (which == 2) {
        err = key_year(db, v->code, year - 1, -1);
        return err == DB_OK ? exited_last_year(db, v->code, year - 1) : err;
    }
    return key_year(db, v->code, year, which == 1 ? VC_BROADBAND - VC_FIRST_YESNO : -1);
}

/* The first three villages with households (a demo of under about 690
 * households has two: the 出列 example is then left out). */
static enum db_err pick_villages(struct db *db, struct village_info *v, size_t *n)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT DISTINCT village FROM households WHERE deleted = 0 ORDER BY village LIMIT 3");
    enum db_err err = st ? DB_OK : DB_ERR_IO;
    while (err == DB_OK && sqlite3_step(st) == SQLITE_ROW)
        err = vs_get(db, (const char *)sqlite3_column_text(st, 0), &v[(*n)++]);
    if (st)
        sqlite3_reset(st);
    return err;
}

enum db_err demo_fill_villages(struct db *db)
{
    char today[11];
    clock_today(today);
    int year = atoi(today);
    struct village_info *v = calloc(3, sizeof *v);
    if (!v)
        return db_set_error(db, DB_ERR_IO, "内存不足");
    size_t n = 0;
    enum db_err err = db_begin(db);
    if (err == DB_OK)
        err = pick_villages(db, v, &n);
    if (err != DB_OK) {
        free(v);
        return err;
    }
    for (size_t i = 0; err == DB_OK && i < n; i++)
        err = fill(db, &v[i], (int)i, year);
    free(v);
    if (err != DB_OK) {
        db_rollback(db);
        return err;
    }
    return db_commit(db);
}
