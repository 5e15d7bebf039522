/* Fixtures shared by the storage tests. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "db/audit.h"
#include "db/operators.h"
#include "db/settings.h"
#include "db/schema.h"
#include "core/idno.h"
#include "core/codes.h"
#include "forms/form.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *tdb_path(const char *name)
{
    static char buf[4][512];
    static int slot;
    char *p = buf[slot++ % 4];
    snprintf(p, 512, "%s/%s", t_tmpdir(), name);
    return p;
}

struct db *tdb_open(const char *name)
{
    struct db *db = NULL;
    char err[512];
    enum db_err e = db_open(tdb_path(name), DB_CREATE, &db, err, sizeof err);
    if (!CHECK_INT(e, DB_OK))
        fprintf(stderr, "    db_open: %s\n", err);
    if (!db)
        return NULL;
    /* Storage tests act as a 管理员 without hashing a password per test
     * (tests/unit/test_operators.c covers logging in and the roles). */
    db_session_assume(db, "测试员", ROLE_ADMIN);
    CHECK_INT(db_area_add(db, TDB_COUNTY, AREA_COUNTY, "隆安县", NULL, 0), DB_OK);
    CHECK_INT(db_area_add(db, TDB_TOWNSHIP, AREA_TOWNSHIP, "城厢镇", TDB_COUNTY, 0), DB_OK);
    CHECK_INT(db_area_add(db, "450123102", AREA_TOWNSHIP, "南圩镇", TDB_COUNTY, 0), DB_OK);
    CHECK_INT(db_area_add(db, TDB_VILLAGE1, AREA_VILLAGE, "东信村", TDB_TOWNSHIP, 0), DB_OK);
    CHECK_INT(db_area_add(db, TDB_VILLAGE2, AREA_VILLAGE, "宝塘村", TDB_TOWNSHIP, 0), DB_OK);
    CHECK_INT(db_area_add(db, TDB_VILLAGE3, AREA_VILLAGE, "南圩村", "450123102", 0), DB_OK);
    return db;
}

void tdb_idno(int k, int male, char out[19])
{
    int y = 1950 + k % 50, m = (k / 50) % 12 + 1, d = (k / 600) % 28 + 1;
    int seq = ((k / 16800) % 500) * 2 + (male ? 1 : 2);
    char first17[40];
    snprintf(first17, sizeof first17, "450123%04d%02d%02d%03d", y, m, d, seq);
    snprintf(out, 19, "%.17s%c", first17, idno_check_char(first17));
}

void tdb_household(struct household *hh, const char *head, int n, int k0)
{
    static const char *const names[] = { "", "李秀英", "张伟", "王芳", "刘洋", "陈静", "杨磊", "黄敏" };
    memset(hh, 0, sizeof *hh);
    snprintf(hh->village, sizeof hh->village, "%s", TDB_VILLAGE1);
    snprintf(hh->group_name, sizeof hh->group_name, "第一组");
    snprintf(hh->phone, sizeof hh->phone, "13800138000");
    hh->state = 1;
    hh->n_members = n;
    for (int i = 0; i < n; i++) {
        struct member *m = &hh->members[i];
        snprintf(m->name, sizeof m->name, "%s", i == 0 ? head : names[i % 8 ? i % 8 : 1]);
        m->sex = i % 2 ? SEX_FEMALE : SEX_MALE;
        tdb_idno(k0 + i, m->sex == SEX_MALE, m->id_no);
        struct idno_info info;
        if (idno_parse(m->id_no, &info) == IDNO_OK)
            snprintf(m->birth, sizeof m->birth, "%s", info.birth);
        m->relation = i == 0 ? REL_HEAD : REL_SPOUSE;
        m->ethnic = 1;
        m->education = 2;
        m->schooling = 1;
        m->health = 1;
        m->skill = 1;
    }
    hh->app.year = 2026;
    hh->app.main_cause = CAUSE_ILLNESS;
    snprintf(hh->app.apply_date, sizeof hh->app.apply_date, "2026-03-01");
    hh->survey.year = 2026;
    hh->survey.standard = STD_NATIONAL;
    hh->survey.hh_type = 2;
    hh->survey.main_cause = CAUSE_ILLNESS;
    snprintf(hh->survey.survey_date, sizeof hh->survey.survey_date, "2026-04-02");
    snprintf(hh->survey.surveyor1, sizeof hh->survey.surveyor1, "覃海");
    snprintf(hh->survey.surveyor2, sizeof hh->survey.surveyor2, "韦兰");
}

/* One field's value from its index: distinct across fields of a type. */
static void fill_field(const struct field *f, void *rec, int idx, int round, int k)
{
    void *p = field_ptr(f, rec);
    char *s = p;
    switch (f->type) {
    case FT_INT: {
        int v = strcmp(f->key, "year") == 0 ? 2026 - round : strcmp(f->key, "work_months") == 0
                ? (idx + round) % 13 : 100 + idx + round;
        memcpy(p, &v, sizeof v);
        break;
    }
    case FT_CODE: {
        int v = strcmp(f->key, "sex") == 0 ? 1 + (round % 2) : 1 + idx + round;
        memcpy(p, &v, sizeof v);
        break;
    }
    case FT_BOOL: {
        int v = (idx >> round) & 1;
        memcpy(p, &v, sizeof v);
        break;
    }
    case FT_MONEY: case FT_HUNDREDTHS: {
        int64_t v = 1000003LL * (idx + 1) + round * 7 + 12345678901LL;
        memcpy(p, &v, sizeof v);
        break;
    }
    case FT_DATE:
        snprintf(s, f->size, "20%02d-%02d-%02d", 10 + round, idx % 12 + 1, idx % 28 + 1);
        break;
    case FT_IDNO:
        tdb_idno(k, round % 2 == 0, s);
        break;
    case FT_PHONE:
        snprintf(s, f->size, "139%08d", idx * 1000 + round);
        break;
    case FT_DIGITS:
        snprintf(s, f->size, "62220%d%d", idx, round);
        break;
    case FT_AREA:
        snprintf(s, f->size, "%s", round % 2 ? TDB_VILLAGE2 : TDB_VILLAGE1);
        break;
    case FT_TEXT:
        /* CJK, a non-BMP character and a minority-name dot, near the width. */
        snprintf(s, f->size, "%s·值%d轮%d𠮷", f->key, idx, round);
        break;
    }
}

void tdb_fill_all(struct household *hh, int round, int k0)
{
    static const enum ftable tables[] = { T_HOUSEHOLD, T_APPLICATION, T_SURVEY };
    size_t n;
    for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
        const struct field *f = form_table_fields(tables[t], &n);
        for (size_t i = 0; i < n; i++)
            fill_field(&f[i], hh, (int)i, round, 0);
    }
    const struct field *mf = form_table_fields(T_MEMBER, &n);
    for (int m = 0; m < hh->n_members; m++) {
        for (size_t i = 0; i < n; i++)
            fill_field(&mf[i], &hh->members[m], (int)i + m, round, k0 + m);
        struct idno_info info;
        if (idno_parse(hh->members[m].id_no, &info) == IDNO_OK) {
            snprintf(hh->members[m].birth, sizeof hh->members[m].birth, "%s", info.birth);
            hh->members[m].sex = info.sex;
        }
    }
}

static int compare_fields(enum ftable table, const void *a, const void *b, const char *what)
{
    size_t n;
    int diff = 0;
    const struct field *f = form_table_fields(table, &n);
    for (size_t i = 0; i < n; i++) {
        const void *pa = field_cptr(&f[i], a), *pb = field_cptr(&f[i], b);
        int same;
        if (f[i].type == FT_INT || f[i].type == FT_CODE || f[i].type == FT_BOOL
            || f[i].type == FT_MONEY || f[i].type == FT_HUNDREDTHS)
            same = memcmp(pa, pb, f[i].size) == 0;
        else
            same = strcmp(pa, pb) == 0;
        if (!same) {
            char va[256], vb[256];
            field_format(&f[i], a, va, sizeof va);
            field_format(&f[i], b, vb, sizeof vb);
            fprintf(stderr, "    %s.%s differs: \"%s\" vs \"%s\"\n", what, f[i].key, va, vb);
            diff++;
        }
    }
    return diff;
}

int tdb_compare(const struct household *a, const struct household *b)
{
    int diff = compare_fields(T_HOUSEHOLD, a, b, "households")
             + compare_fields(T_APPLICATION, a, b, "applications")
             + compare_fields(T_SURVEY, a, b, "surveys");
    if (a->n_members != b->n_members) {
        fprintf(stderr, "    n_members %d vs %d\n", a->n_members, b->n_members);
        return diff + 1;
    }
    for (int m = 0; m < a->n_members; m++) {
        diff += compare_fields(T_MEMBER, &a->members[m], &b->members[m], "members");
        if (strcmp(a->members[m].birth, b->members[m].birth) != 0) {
            fprintf(stderr, "    members.birth differs\n");
            diff++;
        }
    }
    if (a->app.year != b->app.year || a->survey.year != b->survey.year) {
        fprintf(stderr, "    years differ\n");
        diff++;
    }
    CHECK_INT(diff, 0);
    return diff;
}

long long tdb_int(struct db *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    else
        fprintf(stderr, "    tdb_int(%s): %s\n", sql, sqlite3_errmsg(db_handle(db)));
    sqlite3_finalize(st);
    return v;
}

const char *tdb_text(struct db *db, const char *sql)
{
    static char buf[200000];
    sqlite3_stmt *st = NULL;
    buf[0] = '\0';
    if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return buf;
}

/* An insert's image as fupin wrote it before issue 14 (the values but
 * NULL, '' and 0, and the stamps), from the record's rebuilt history. */
struct legacy {
    struct db *db;
    int64_t want;
    char json[16384];
};

static void legacy_image(void *ud, int64_t id, int ncols, const char (*cols)[64], sqlite3_value **vals)
{
    struct legacy *l = ud;
    if (id != l->want || !vals)
        return;
    sqlite3_str *s = sqlite3_str_new(db_handle(l->db));
    sqlite3_str_appendall(s, "json_object(");
    int first = 1;
    for (int i = 0; i < ncols; i++) {
        const char *t = vals[i] ? (const char *)sqlite3_value_text(vals[i]) : NULL;
        if (!t || !*t || strcmp(t, "0") == 0 || strcmp(cols[i], "created_at") == 0
            || strcmp(cols[i], "updated_at") == 0)
            continue;
        sqlite3_str_appendf(s, "%s%Q, %s", first ? "" : ", ", cols[i], sqlite3_value_type(vals[i]) == SQLITE_INTEGER ? t : "");
        if (sqlite3_value_type(vals[i]) != SQLITE_INTEGER)
            sqlite3_str_appendf(s, "%Q", t);
        first = 0;
    }
    sqlite3_str_appendall(s, ")");
    char *expr = sqlite3_str_finish(s);
    snprintf(l->json, sizeof l->json, "%s", expr ? expr : "json_object()");
    sqlite3_free(expr);
}

struct inserted {
    const char *col;
    int done;
    char text[512];
};

static void inserted_value(void *ud, int64_t id, int ncols, const char (*cols)[64], sqlite3_value **vals)
{
    (void)id;
    struct inserted *in = ud;
    if (in->done++ || !vals)
        return;
    for (int i = 0; i < ncols; i++)
        if (strcmp(cols[i], in->col) == 0)
            snprintf(in->text, sizeof in->text, "%s", vals[i] ? (const char *)sqlite3_value_text(vals[i])
                     : "(null)");
}

const char *tdb_inserted(struct db *db, const char *tbl, int64_t row_id, const char *col)
{
    static struct inserted in;
    memset(&in, 0, sizeof in);
    in.col = col;
    if (audit_history(db, tbl, row_id, inserted_value, &in) != DB_OK)
        snprintf(in.text, sizeof in.text, "(error)");
    return in.text;
}

/* The log as a version-1 file has it: one table `audit` of text columns
 * (migration 16 moved it to audit_log behind a view); the audit triggers,
 * which write audit_log, go first. */
static void audit_table_back(struct db *db)
{
    static const char *const actions[] = { "insert", "update", "delete" };
    for (int t = 0; DB_AUDITED_TABLES[t]; t++)
        for (int a = 0; a < 3; a++) {
            char drop[128];
            snprintf(drop, sizeof drop, "DROP TRIGGER audit_%s_%s", DB_AUDITED_TABLES[t], actions[a]);
            sqlite3_exec(db_handle(db), drop, NULL, NULL, NULL);
        }
    static const char sql[] =
        "CREATE TABLE audit_text (id INTEGER PRIMARY KEY,"
        " at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),"
        " operator TEXT NOT NULL, tbl TEXT NOT NULL, row_id INTEGER NOT NULL,"
        " action TEXT NOT NULL CHECK (action IN ('insert','update','delete')), old TEXT, new TEXT,"
        " hash BLOB);"
        "INSERT INTO audit_text SELECT * FROM audit;"
        "DROP VIEW audit; DROP TABLE audit_log; DROP TABLE audit_names;"
        "ALTER TABLE audit_text RENAME TO audit;"
        "CREATE INDEX audit_row ON audit(tbl, row_id);";
    char *err = NULL;
    if (sqlite3_exec(db_handle(db), sql, NULL, NULL, &err) != SQLITE_OK)
        fprintf(stderr, "    audit_table_back: %s\n", err ? err : "?");
    sqlite3_free(err);
}

/* The version-1 guards of the log (db_schema_audit_guard_sql's are audit_log's). */
static const char V1_GUARDS[] =
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN "
    "SELECT RAISE(ABORT, '审计记录不可修改 (audit is append-only)'); END;"
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN "
    "SELECT RAISE(ABORT, '审计记录不可删除 (audit is append-only)'); END;";

/* The inserts' rows as a version-1 file has them: each with its image. */
static void legacy_inserts(struct db *db)
{
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(db_handle(db), "SELECT id, tbl, row_id FROM audit WHERE action = 'insert' "
                       "AND new GLOB '[0-9]*'", -1, &st, NULL);
    struct legacy *l = calloc(1, sizeof *l);
    l->db = db;
    while (sqlite3_step(st) == SQLITE_ROW) {
        l->want = sqlite3_column_int64(st, 0);
        snprintf(l->json, sizeof l->json, "'{}'");
        audit_history(db, (const char *)sqlite3_column_text(st, 1), sqlite3_column_int64(st, 2), legacy_image, l);
        char *sql = sqlite3_mprintf("UPDATE audit SET new = %s WHERE id = %lld", l->json, (long long)l->want);
        char *err = NULL;
        if (sqlite3_exec(db_handle(db), sql, NULL, NULL, &err) != SQLITE_OK)
            fprintf(stderr, "    legacy_inserts: %s\n", err ? err : "?");
        sqlite3_free(err);
        sqlite3_free(sql);
    }
    sqlite3_finalize(st);
    free(l);
    sqlite3_exec(db_handle(db), V1_GUARDS, NULL, NULL, NULL);
}

/* surveys.declared_per_capita (migration 8) stays: the program that reads
 * the "old" file here reads it.  Its adding where missing is tested by
 * schema_upgrade_adds_declared_per_capita (test_export_reports.c). */
void tdb_downgrade_to_v1(struct db *db)
{
    static const char sql[] =
        "DROP TABLE draft_values; DROP TABLE drafts; ALTER TABLE drafts_blob RENAME TO drafts;"
        "DROP VIEW notice_sheet_rows; DROP TABLE notice_sheet_lines; DROP TABLE notice_texts;"
        "DROP TABLE notice_sheets;"
        "DROP TABLE member_events; DROP TABLE hh_changes;"
        "DROP TABLE monitor_records; DROP TABLE monitor_dismissals; DROP TABLE hh_events;"
        "DROP TABLE plan_items; DROP TABLE plans;"
        "DROP TABLE loan_repayments; DROP TABLE loans; DROP TABLE trainings;"
        "DROP TABLE relocations; DROP TABLE asset_dividends; DROP TABLE asset_shares;"
        "ALTER TABLE operators DROP COLUMN pw_hash;"
        "ALTER TABLE operators DROP COLUMN failures; ALTER TABLE operators DROP COLUMN retry_after;"
        "ALTER TABLE operators DROP COLUMN pw_reset_at;"
        "UPDATE lines SET year = 2016 WHERE amount = 736500;"
        "DROP INDEX households_state;"
        "DROP TABLE hh_initials;"
        "DROP TABLE village_exits; DROP TABLE village_years; DROP TABLE villages;"
        "CREATE INDEX households_initials ON households(head_initials) WHERE deleted = 0;"
        "DROP TRIGGER aid_records_team_signer; ALTER TABLE aid_records DROP COLUMN team_signer_id;"
        "DROP TABLE team_visit_households; DROP TABLE team_visits; DROP TABLE team_members;"
        "DROP TABLE flow_targets;"

        "PRAGMA user_version = 1";
    char *err = NULL;
    /* Version 18 made the stamps integers: back to their text first (the
     * triggers that would log or refuse it are kept aside meanwhile). */
    sqlite3_exec(db_handle(db), "BEGIN", NULL, NULL, NULL);
    if (db_schema_stamps(db, 0) != DB_OK)
        fprintf(stderr, "    tdb_downgrade_to_v1: %s\n", db_errmsg(db));
    sqlite3_exec(db_handle(db), "COMMIT", NULL, NULL, NULL);
    audit_table_back(db);
    legacy_inserts(db);
    /* Version 6 added audit.hash; the triggers that fill it go first (the
     * upgrade makes them again). */
    static const char *const actions[] = { "insert", "update", "delete" };
    for (int t = 0; DB_AUDITED_TABLES[t]; t++)
        for (int a = 0; a < 3; a++) {
            char drop[128];
            snprintf(drop, sizeof drop, "DROP TRIGGER audit_%s_%s", DB_AUDITED_TABLES[t], actions[a]);
            sqlite3_exec(db_handle(db), drop, NULL, NULL, NULL);
        }
    sqlite3_exec(db_handle(db), "ALTER TABLE audit DROP COLUMN hash", NULL, NULL, NULL);
    if (sqlite3_exec(db_handle(db), sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "    tdb_downgrade_to_v1: %s\n", err ? err : "?");
        sqlite3_free(err);
    }
}
