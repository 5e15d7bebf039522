/* schema.c — the upgrade of a fupin file to the current schema.
 *
 * db_schema_migrate runs all pending steps (their SQL: db/schema_sql.c),
 * the C work some of them need (a column added where missing, the existing
 * audit rows chained, the stamps made integers, the posted notices' rows
 * stored), re-creates the audit triggers from the tables' actual columns
 * (db/schema_audit.c) and sets user_version, in one BEGIN IMMEDIATE
 * transaction: a power cut during an upgrade leaves the old version, never
 * a half-upgraded file. */
#include "db/schema.h"
#include "db/schema_priv.h"
#include "db/audit.h"
#include "db/household_store.h"
#include "core/income.h"
#include "db/notice_sheet.h"
#include "db/village_store.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The step that adds surveys.declared_per_capita. */
#define DECLARED_VERSION 8
/* The step after which existing posted notices get their stored rows. */
#define NOTICE_SHEETS_VERSION 3
/* A file older than this has its initials index rebuilt by the upgrade. */
#define REBUILD_SEARCH_FROM 4
/* The step after which the audit rows already in the file are chained. */
#define AUDIT_HASH_VERSION 6
/* The step from which operators are audited. */
#define OPERATORS_AUDIT_VERSION 10
/* The step that adds the 驻村工作队 and aid_records.team_signer_id. */
#define TEAM_VERSION 11
/* The step that moves the log into the compact audit_log. */
#define AUDIT_COMPACT_VERSION 16
/* The step that makes a village exit's 公示 a notice (village_exits.notice_id). */
#define VILLAGE_NOTICE_VERSION 17
/* The step after which the stamps are integers (stamps_convert). */
#define STAMPS_VERSION 20
/* The step that stores the posted notices' rows in notice_sheet_lines. */
#define SHEET_LINES_VERSION 22
#define N_MIGRATIONS db_schema_current()

/* ---- migration ------------------------------------------------------------ */

static int read_int(struct db *db, const char *sql, int *out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int(st, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* ALTER TABLE table ADD COLUMN column decl, unless it is there already
 * (SQLite has no ADD COLUMN IF NOT EXISTS). */
static enum db_err add_column(struct db *db, const char *table, const char *column, const char *decl)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM pragma_table_info('%s') WHERE name = '%s'",
             table, column);
    int has = 0;
    int rc = read_int(db, sql, &has);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "读取数据库结构");
    snprintf(sql, sizeof sql, "ALTER TABLE %s ADD COLUMN %s %s", table, column, decl);
    return has ? DB_OK : db_exec(db, sql, "升级数据库结构");
}

static enum db_err seed_lines(struct db *db)
{
    size_t n = 0;
    const struct line *lines = lines_seeded(&n);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db_handle(db),
        "INSERT OR REPLACE INTO lines(year, standard, kind, amount) VALUES (?, ?, ?, ?)",
        -1, &st, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < n; i++) {
        sqlite3_bind_int(st, 1, lines[i].year);
        sqlite3_bind_int(st, 2, lines[i].standard);
        sqlite3_bind_int(st, 3, (int)lines[i].kind);
        sqlite3_bind_int64(st, 4, lines[i].amount);
        rc = sqlite3_step(st);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "写入贫困线");
}

/* ---- stamps as integers (STAMPS_VERSION) ---------------------------------- */

#define STAMP_TEXT_DECL(c) c " TEXT NOT NULL DEFAULT (" DB_TEXT_NOW ")"
#define STAMP_INT_DECL(c)  c " INTEGER NOT NULL DEFAULT (" DB_STAMP_NOW ")"
/* The drafts' own stamps stay text (db/drafts.c reads them as such). */
#define STAMP_TABLES \
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('drafts', 'drafts_blob')" \
    " AND (instr(sql, ?1) OR instr(sql, ?2))"

/* The names of the tables whose declared stamps are `from_*` (a malloc'd
 * NULL-terminated array). */
static char **stamp_tables(struct db *db, const char *from_c, const char *from_u)
{
    sqlite3_stmt *st = NULL;
    size_t n = 0, cap = 64;
    char **names = calloc(cap + 1, sizeof *names);
    if (!names || sqlite3_prepare_v2(db_handle(db), STAMP_TABLES, -1, &st, NULL) != SQLITE_OK) {
        free(names);
        return NULL;
    }
    sqlite3_bind_text(st, 1, from_c, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, from_u, -1, SQLITE_STATIC);
    while (n < cap && sqlite3_step(st) == SQLITE_ROW)
        names[n++] = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return names;
}

/* One table: its triggers saved and dropped (the guards would refuse the
 * UPDATE, the audit ones would log it), its values converted, the triggers
 * made again as they were.  The declared type is already the new one. */
static enum db_err stamps_table(struct db *db, const char *table, int to_int)
{
    struct sbuf undo = { 0 }, sql = { 0 };
    char line[1024];
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db_handle(db), "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                "AND tbl_name = ?1 AND sql IS NOT NULL", -1, &st, NULL);
    if (rc == SQLITE_OK)
        sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        snprintf(line, sizeof line, "DROP TRIGGER \"%s\";\n", (const char *)sqlite3_column_text(st, 0));
        schema_sb_add(&sql, line);
        schema_sb_add(&undo, (const char *)sqlite3_column_text(st, 1));
        schema_sb_add(&undo, ";\n");
    }
    sqlite3_finalize(st);
    snprintf(line, sizeof line, "UPDATE \"%s\" SET ", table);
    schema_sb_add(&sql, line);
    static const char *const cols[] = { "created_at", "updated_at" };
    int first = 1;
    for (int i = 0; i < 2; i++) {
        snprintf(line, sizeof line, "SELECT count(*) FROM pragma_table_info('%s') WHERE name = '%s'",
                 table, cols[i]);
        int has = 0;
        if (read_int(db, line, &has) != SQLITE_OK || !has)
            continue;
        const char *c = cols[i];
        if (to_int)
            snprintf(line, sizeof line, "%s%s = CASE WHEN datetime(CAST(strftime('%%s', %s) AS INTEGER), "
                     "'unixepoch') IS %s THEN CAST(strftime('%%s', %s) AS INTEGER) ELSE %s END",
                     first ? "" : ", ", c, c, c, c, c);
        else
            snprintf(line, sizeof line, "%s%s = CASE typeof(%s) WHEN 'integer' THEN datetime(%s, 'unixepoch') "
                     "ELSE %s END", first ? "" : ", ", c, c, c, c);
        schema_sb_add(&sql, line);
        first = 0;
    }
    schema_sb_add(&sql, first ? "rowid = rowid;\n" : ";\n");
    schema_sb_add(&sql, undo.s ? undo.s : "");
    enum db_err err = rc != SQLITE_OK ? db_fail(db, rc, "升级数据库结构")
                    : sql.oom || undo.oom ? db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)")
                    : db_exec(db, sql.s, "升级数据库结构");
    free(sql.s);
    free(undo.s);
    return err;
}

enum db_err db_schema_stamps(struct db *db, int to_int)
{
    const char *from_c = to_int ? STAMP_TEXT_DECL("created_at") : STAMP_INT_DECL("created_at");
    const char *from_u = to_int ? STAMP_TEXT_DECL("updated_at") : STAMP_INT_DECL("updated_at");
    const char *to_c = to_int ? STAMP_INT_DECL("created_at") : STAMP_TEXT_DECL("created_at");
    const char *to_u = to_int ? STAMP_INT_DECL("updated_at") : STAMP_TEXT_DECL("updated_at");
    char **tables = stamp_tables(db, from_c, from_u);
    if (!tables)
        return db_fail(db, sqlite3_errcode(db_handle(db)), "读取数据库结构");
    /* The declared types first, then the schema read anew: only then does
     * SQLite keep an integer written to the column as one. */
    sqlite3_stmt *st = NULL;
    enum db_err err = db_exec(db, "PRAGMA writable_schema = ON", "升级数据库结构");
    int rc = err == DB_OK ? sqlite3_prepare_v2(db_handle(db), "UPDATE sqlite_master SET sql = "
                                               "replace(replace(sql, ?1, ?2), ?3, ?4) WHERE type = 'table' "
                                               "AND name = ?5", -1, &st, NULL) : SQLITE_OK;
    for (int i = 0; err == DB_OK && rc == SQLITE_OK && tables[i]; i++) {
        sqlite3_bind_text(st, 1, from_c, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, to_c, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, from_u, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, to_u, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, tables[i], -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db_handle(db));
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (err == DB_OK && rc != SQLITE_OK)
        err = db_fail(db, rc, "升级数据库结构");
    enum db_err off = db_exec(db, "PRAGMA writable_schema = RESET; PRAGMA writable_schema = OFF",
                              "升级数据库结构");
    err = err == DB_OK ? off : err;
    for (int i = 0; err == DB_OK && tables[i]; i++)
        err = stamps_table(db, tables[i], to_int);
    for (int i = 0; tables[i]; i++)
        free(tables[i]);
    free(tables);
    return err;
}

enum db_err db_schema_migrate(struct db *db, int created)
{
    (void)created;
    int version = 0;
    int rc = read_int(db, "PRAGMA user_version", &version);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "读取数据库版本");
    if (version > N_MIGRATIONS)
        return db_set_error(db, DB_ERR_NEWER,
            "数据库版本 %d 比本程序支持的版本 %d 新，请升级 fupin 后再打开，未做任何修改 "
            "(database schema %d is newer than this fupin's %d: %s)",
            version, N_MIGRATIONS, version, N_MIGRATIONS, db_path(db));
    if (version == N_MIGRATIONS)
        return DB_OK;
    if (db_is_readonly(db))
        return db_set_error(db, DB_ERR_READONLY,
            "数据库需要升级（版本 %d → %d），但以只读方式打开 (schema upgrade needs write access: %s)",
            version, N_MIGRATIONS, db_path(db));

    enum db_err err = db_begin(db);
    if (err != DB_OK)
        return err;
    /* Another program may have upgraded between our read and the lock. */
    rc = read_int(db, "PRAGMA user_version", &version);
    if (rc != SQLITE_OK) {
        err = db_fail(db, rc, "读取数据库版本");
        goto fail;
    }
    if (version == 0) {
        int objects = 0;
        rc = read_int(db, "SELECT count(*) FROM sqlite_master", &objects);
        if (rc != SQLITE_OK) {
            err = db_fail(db, rc, "读取数据库结构");
            goto fail;
        }
        if (objects > 0) {
            /* Some other program's SQLite file: never write our tables into it. */
            err = db_set_error(db, DB_ERR_NOTDB,
                "这不是 fupin 的数据库文件（是其他程序的 SQLite 文件），未做任何修改 "
                "(not a fupin database: %s)", db_path(db));
            goto fail;
        }
    }
    if (version > N_MIGRATIONS) {
        err = db_set_error(db, DB_ERR_NEWER, "数据库版本比本程序新 (database schema %d is newer: %s)",
                           version, db_path(db));
        goto fail;
    }
    int was_empty = version == 0, from = version;
    for (; version < N_MIGRATIONS; version++) {
        int moved = 0;
        const char *done = version + 1 == AUDIT_COMPACT_VERSION ? "audit_log"
                         : version + 1 == SHEET_LINES_VERSION ? "notice_sheet_lines" : NULL;
        char sql_done[96];
        snprintf(sql_done, sizeof sql_done, "SELECT count(*) FROM sqlite_master WHERE name = '%s'",
                 done ? done : "");
        if (done && (rc = read_int(db, sql_done, &moved)) != SQLITE_OK) {
            err = db_fail(db, rc, "读取数据库结构");
            goto fail;
        }
        /* A file marked older than it is (its log or sheet rows already
         * moved) keeps them as they are. */
        err = moved ? DB_OK : db_exec(db, schema_migrations[version], "升级数据库结构");
        if (err == DB_OK && !was_empty && version + 1 == AUDIT_HASH_VERSION)
            err = audit_chain_existing(db);
        if (err == DB_OK && version + 1 == STAMPS_VERSION)
            err = db_schema_stamps(db, 1);
        if (err != DB_OK)
            goto fail;
    }
    if (from < DECLARED_VERSION)
        err = add_column(db, "surveys", "declared_per_capita", "INTEGER NOT NULL DEFAULT 0");
    if (err == DB_OK && from < OPERATORS_AUDIT_VERSION)
        err = add_column(db, "operators", "pw_reset_at", "TEXT NOT NULL DEFAULT ''");
    if (err == DB_OK && from < TEAM_VERSION)
        err = add_column(db, "aid_records", "team_signer_id", "INTEGER REFERENCES team_members(id)");
    if (err == DB_OK && from < TEAM_VERSION)
        err = db_exec(db, schema_team_signer_trigger, "升级数据库结构");
    if (err == DB_OK && from < VILLAGE_NOTICE_VERSION)
        err = add_column(db, "village_exits", "notice_id", "INTEGER REFERENCES notices(id)");
    if (err != DB_OK)
        goto fail;
    if (!was_empty && from < REBUILD_SEARCH_FROM) {
        err = db_search_initials_rebuild(db);
        if (err != DB_OK)
            goto fail;
    }
    err = db_schema_audit_triggers(db);
    if (err == DB_OK && !was_empty && from < OPERATORS_AUDIT_VERSION)
        err = schema_audit_log_existing(db, "operators");
    if (err != DB_OK)
        goto fail;
    if (!was_empty && from < NOTICE_SHEETS_VERSION) {
        err = notice_sheet_freeze_all(db);
        if (err != DB_OK)
            goto fail;
    }
    if (!was_empty && from < VILLAGE_NOTICE_VERSION) {
        err = vs_exit_notices_adopt(db);
        if (err != DB_OK)
            goto fail;
    }
    if (was_empty) {
        err = seed_lines(db);
        if (err != DB_OK)
            goto fail;
    }
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", N_MIGRATIONS);
    err = db_exec(db, sql, "写入数据库版本");
    if (err != DB_OK)
        goto fail;
    err = db_commit(db);
    /* The stamps' conversion leaves the file as large as it was, its
     * pages part empty: VACUUM gives the space back once, at the upgrade
     * (a 420 MB county file: ~70 MB, in under a minute); so does the
     * move of the posted rows (SHEET_LINES_VERSION).  Without room for
     * the copy it fails and the file stays as it is, whole. */
    if (err == DB_OK && !was_empty && from < SHEET_LINES_VERSION)
        sqlite3_exec(db_handle(db), "VACUUM", NULL, NULL, NULL);
    return err;
fail:
    db_rollback(db);
    return err;
}
