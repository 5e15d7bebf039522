/* schema_audit.c — the audit triggers of the personal tables, generated
 * from each table's current columns (a later step's new column is audited
 * at once): their SQL text (which `fupin check` compares with the file's),
 * their (re)creation at every upgrade, and the log of the rows already in
 * a table that becomes audited.  The log itself: db/audit.c; its table and
 * view: MIGRATION_16 in db/schema_sql.c. */
#include "db/schema.h"
#include "db/schema_priv.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const DB_AUDITED_TABLES[] = {
    "households", "members", "applications", "surveys", "aid_records", "objections",
    "exits", "waivers", "assignments", "helpers", "projects", "disbursements",
    "votes", "verifications", "meetings", "notices", "rechecks", "operators",
    "team_members", "team_visits", "team_visit_households",
    "monitor_records", "monitor_dismissals", "hh_events",
    "villages", "village_years", "village_exits", "plans", "plan_items", "flow_targets",
    "loans", "loan_repayments", "trainings", "relocations", "asset_shares", "asset_dividends", NULL
};

void schema_sb_add(struct sbuf *b, const char *t)
{
    size_t n = strlen(t);
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *s = realloc(b->s, cap);
        if (!s) {
            b->oom = 1;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
    memcpy(b->s + b->len, t, n + 1);
    b->len += n;
}

#define MAX_COLS DB_AUDIT_MAX_COLS
/* SQLite limits a function to 127 arguments by default, and surveys has more
 * columns than that, so a row's JSON is json_object() of the first chunk with
 * json_insert() of the rest (json_insert keeps NULLs, json_patch would not). */
#define JSON_CHUNK 50

static int is_stamp(const char *col)
{
    return strcmp(col, "created_at") == 0 || strcmp(col, "updated_at") == 0;
}

void db_schema_audit_value(char *out, size_t outsz, const char *rec, const char *col)
{
    char v[160];
    snprintf(v, sizeof v, "%s%s\"%.63s\"", rec ? rec : "", rec ? "." : "", col);
    if (is_stamp(col))
        snprintf(out, outsz, "CASE typeof(%s) WHEN 'integer' THEN datetime(%s, 'unixepoch') ELSE %s END",
                 v, v, v);
    else
        snprintf(out, outsz, "%s", v);
}

static void sb_row_json(struct sbuf *b, const char *rec, char cols[][64], int n)
{
    int chunks = (n + JSON_CHUNK - 1) / JSON_CHUNK;
    for (int c = 1; c < chunks; c++)
        schema_sb_add(b, "json_insert(");
    char item[800], val[600];
    for (int c = 0; c < chunks; c++) {
        int lo = c * JSON_CHUNK, hi = lo + JSON_CHUNK < n ? lo + JSON_CHUNK : n;
        schema_sb_add(b, c == 0 ? "json_object(" : ", ");
        for (int i = lo; i < hi; i++) {
            db_schema_audit_value(val, sizeof val, rec, cols[i]);
            snprintf(item, sizeof item, "%s'%s%.63s', %s", i > lo ? ", " : "", c == 0 ? "" : "$.",
                     cols[i], val);
            schema_sb_add(b, item);
        }
        schema_sb_add(b, ")");
    }
}

/* Columns the audit never sees, "table.column": a password's hash is no
 * business of the log's readers, and the login throttle would flood it. */
static const char *const UNAUDITED_COLUMNS =
    "'operators.pw_hash', 'operators.failures', 'operators.retry_after'";

/* The audited columns of `table` in order; 0 when it has none (no such table). */
int db_schema_audit_columns(struct db *db, const char *table, char cols[][64], int *n)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT name FROM pragma_table_info('%s') WHERE '%s.' || name "
             "NOT IN (%s) ORDER BY cid", table, table, UNAUDITED_COLUMNS);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL);
    *n = 0;
    if (rc != SQLITE_OK)
        return rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < MAX_COLS)
        snprintf(cols[(*n)++], 64, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* The old and new values an audit row keeps for action a (0 insert,
 * 1 update, 2 delete), as two SQL expressions "old AS o, new AS n". */
static void sb_audit_values(struct sbuf *b, int a, char cols[][64], int n)
{
    if (a == 0) {
        /* insert (issue 14): no image — the record itself holds the values
         * until its first update, whose old values the log keeps.  `new`
         * is how many audited columns the record had (later migrations
         * add columns at the end), and d, the digest of those values (all
         * but updated_at, which no audit row follows), goes into the hash:
         * the log commits to what was inserted, so `fupin check` finds a
         * record changed without an audit row (db/audit_replay.c).  One
         * argument per column: a table of more than 127 columns would
         * fail here, loudly, at the migration (surveys has 68). */
        char line[160], val[600];
        snprintf(line, sizeof line, "NULL AS o, %d AS n, fupin_audit_row(", n);
        schema_sb_add(b, line);
        int first = 1;
        for (int i = 0; i < n; i++) {
            if (strcmp(cols[i], "updated_at") == 0)
                continue;
            db_schema_audit_value(val, sizeof val, "new", cols[i]);
            schema_sb_add(b, first ? "" : ", ");
            schema_sb_add(b, val);
            first = 0;
        }
        schema_sb_add(b, ") AS d");
    } else if (a == 1) {
        /* update: the changed columns only, old and new side by side. */
        for (int side = 0; side < 2; side++) {
            schema_sb_add(b, side ? ", " : "");
            schema_sb_add(b, side ? "(SELECT json_group_object(o.key, n.value) FROM json_each("
                                  : "(SELECT json_group_object(o.key, o.value) FROM json_each(");
            sb_row_json(b, "old", cols, n);
            schema_sb_add(b, ") o JOIN json_each(");
            sb_row_json(b, "new", cols, n);
            schema_sb_add(b, ") n ON n.key = o.key WHERE o.value IS NOT n.value AND o.key <> 'updated_at')");
            schema_sb_add(b, side ? " AS n" : " AS o");
        }
    } else {
        /* delete: the whole row as it was. */
        sb_row_json(b, "old", cols, n);
        schema_sb_add(b, " AS o, NULL AS n");
    }
}

static const char *const AUDIT_ACTIONS[] = { "insert", "update", "delete" };

/* The CREATE TRIGGER text of audit_<table>_<action>, as sqlite_master
 * keeps it (no trailing semicolon).
 *
 * The operator comes from the one-row table current_operator, which
 * db_begin/db_set_operator keep equal to the connection's operator
 * (triggers in the main schema cannot read a TEMP table).  The row's hash
 * comes from fupin_audit_hash, an application function db_open registers
 * on every connection (db/audit.c): a tool without it — the sqlite3 shell —
 * cannot write an audited table at all ("no such function"), so the only
 * way to change a record outside fupin is to drop its trigger first, which
 * `fupin check` reports.  The values are computed once in the inner SELECT
 * and hashed exactly as stored: id is max + 1 (ids stay contiguous, so a
 * gap is a deleted row), the previous hash is the last row's. */
static void sb_audit_insert(struct sbuf *b, const char *table, int a, char cols[][64], int n);

static void sb_audit_trigger(struct sbuf *b, const char *table, int a, char cols[][64], int n)
{
    char line[512];
    snprintf(line, sizeof line, "CREATE TRIGGER audit_%s_%s AFTER %s ON %s\n", table,
             AUDIT_ACTIONS[a], a == 0 ? "INSERT" : a == 1 ? "UPDATE" : "DELETE", table);
    schema_sb_add(b, line);
    if (a == 1) {
        /* Only real changes: a save that rewrites an unchanged member
         * (or only touches updated_at) leaves no noise in the log. */
        schema_sb_add(b, " WHEN NOT (");
        int first = 1;
        for (int i = 0; i < n; i++) {
            if (strcmp(cols[i], "updated_at") == 0)
                continue;
            snprintf(line, sizeof line, "%sold.\"%.63s\" IS new.\"%.63s\"",
                     first ? "" : " AND ", cols[i], cols[i]);
            schema_sb_add(b, line);
            first = 0;
        }
        schema_sb_add(b, ")\n");
    }
    /* The operator's number in audit_names, made on its first write (not
     * INSERT OR IGNORE: in a trigger the outer statement's conflict clause
     * wins, and an INSERT OR REPLACE would renumber the name). */
    schema_sb_add(b, " BEGIN INSERT INTO audit_names(name) SELECT c.name FROM current_operator c"
                     " WHERE c.id = 1 AND NOT EXISTS (SELECT 1 FROM audit_names WHERE name = c.name);\n ");
    sb_audit_insert(b, table, a, cols, n);
    schema_sb_add(b, "); END");
}

/* The trigger's statement up to its inner SELECT's end (left open: the
 * trigger closes it, the upgrade adds a FROM that names a row `new`). */
static void sb_audit_insert(struct sbuf *b, const char *table, int a, char cols[][64], int n)
{
    char line[512];
    /* Stored compactly (see AUDIT_VIEW), hashed as the view reads it. */
    snprintf(line, sizeof line,
             "INSERT INTO audit_log(id, at, operator, tbl, row_id, action, old, new, hash)\n"
             " SELECT i, s, coalesce((SELECT id FROM audit_names WHERE name = op), op),\n"
             " (SELECT id FROM audit_names WHERE name = '%s'), r, %d, o, n,\n"
             " fupin_audit_hash(p, i, datetime(s, 'unixepoch'), op, '%s', r, '%s', o, n%s)\n"
             " FROM (SELECT (SELECT coalesce(max(id), 0) + 1 FROM audit_log) AS i, ",
             table, a, table, AUDIT_ACTIONS[a], a == 0 ? ", d" : "");
    schema_sb_add(b, line);
    schema_sb_add(b, "CAST(strftime('%s', 'now', 'localtime') AS INTEGER) AS s,\n");
    snprintf(line, sizeof line,
             " coalesce((SELECT name FROM current_operator WHERE id = 1), '') AS op, %s.id AS r,\n"
             " (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS p, ", a == 2 ? "old" : "new");
    schema_sb_add(b, line);
    sb_audit_values(b, a, cols, n);
}

char *db_schema_audit_trigger_sql(struct db *db, const char *table, int action)
{
    char (*cols)[64] = malloc(MAX_COLS * sizeof *cols);
    int n = 0;
    if (!cols || db_schema_audit_columns(db, table, cols, &n) != SQLITE_OK || n == 0 || action < 0 || action > 2) {
        free(cols);
        return NULL;
    }
    struct sbuf b = { 0 };
    sb_audit_trigger(&b, table, action, cols, n);
    free(cols);
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    return b.s;
}

static enum db_err audit_table(struct db *db, const char *table)
{
    struct sbuf b = { 0 };
    char drop[256];
    for (int a = 0; a < 3; a++) {
        char *sql = db_schema_audit_trigger_sql(db, table, a);
        if (!sql) {
            free(b.s);
            return db_set_error(db, DB_ERR_IO, "建立审计触发器失败：表 %s 不存在 (no table %s)",
                                table, table);
        }
        snprintf(drop, sizeof drop, "DROP TRIGGER IF EXISTS audit_%s_%s;\n"
                 "INSERT OR IGNORE INTO audit_names(name) VALUES ('%s');\n", table, AUDIT_ACTIONS[a], table);
        schema_sb_add(&b, drop);
        schema_sb_add(&b, sql);
        schema_sb_add(&b, ";\n");
        free(sql);
    }
    enum db_err err = DB_OK;
    if (b.oom)
        err = db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    else
        err = db_exec(db, b.s, "建立审计触发器");
    free(b.s);
    return err;
}

enum db_err schema_audit_log_existing(struct db *db, const char *table)
{
    char (*cols)[64] = malloc(MAX_COLS * sizeof *cols);
    int n = 0;
    struct sbuf b = { 0 };
    if (cols && db_schema_audit_columns(db, table, cols, &n) == SQLITE_OK && n > 0) {
        sb_audit_insert(&b, table, 0, cols, n);
        char from[160];
        snprintf(from, sizeof from, " FROM \"%s\" AS new WHERE new.id = ?1)", table);
        schema_sb_add(&b, from);
    }
    free(cols);
    char ids_sql[160];
    snprintf(ids_sql, sizeof ids_sql, "SELECT id FROM \"%s\" ORDER BY id", table);
    sqlite3_stmt *ids = NULL, *ins = NULL;
    int rc = b.s && !b.oom ? sqlite3_prepare_v2(db_handle(db), ids_sql, -1, &ids, NULL) : SQLITE_NOMEM;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db_handle(db), b.s, -1, &ins, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(ids)) == SQLITE_ROW) {
        sqlite3_bind_int64(ins, 1, sqlite3_column_int64(ids, 0));
        rc = sqlite3_step(ins) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db_handle(db));
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ids);
    sqlite3_finalize(ins);
    free(b.s);
    return rc == SQLITE_DONE || rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "升级审计记录");
}

enum db_err db_schema_audit_triggers(struct db *db)
{
    for (int i = 0; DB_AUDITED_TABLES[i]; i++) {
        enum db_err err = audit_table(db, DB_AUDITED_TABLES[i]);
        if (err != DB_OK)
            return err;
    }
    return DB_OK;
}
