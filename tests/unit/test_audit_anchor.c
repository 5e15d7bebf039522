/* Issue 13 item 2: the audit log held against the newest automatic backup
 * (db/audit_anchor.c).  The attacker here has read fupin's source: the
 * log's last update is cut off and the record put back as it was, each
 * trigger dropped for it and put back word for word — the chain, the
 * triggers and the replay all hold, so only a copy kept outside the file
 * can show it.  A restore from an older backup, and a backup of another
 * schema, must not be taken for such a rewind. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "db/audit.h"
#include "db/backups.h"
#include "db/household_store.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct seen {
    size_t n;
    enum audit_fault fault;
    int64_t id;
    char text[1024];
};

static void on_finding(void *ud, const struct audit_finding *f)
{
    struct seen *s = ud;
    s->n++;
    s->fault = f->fault;
    s->id = f->id;
    audit_describe(f, s->text, sizeof s->text);
}

/* The findings of a full audit check; the last one in *s. */
static size_t verify(struct db *db, struct seen *s)
{
    size_t rows = 0, bad = 0;
    memset(s, 0, sizeof *s);
    CHECK_INT(audit_verify(db, on_finding, s, &rows, &bad), DB_OK);
    CHECK_INT((long long)bad, (long long)s->n);
    if (s->n)
        fprintf(stderr, "    finding: %s\n", s->text);
    return bad;
}

static void exec(struct db *db, const char *sql)
{
    char *msg = NULL;
    if (!CHECK_INT(sqlite3_exec(db_handle(db), sql, NULL, NULL, &msg), SQLITE_OK))
        fprintf(stderr, "    %s: %s\n", sql, msg ? msg : "");
    sqlite3_free(msg);
}

static char *trigger_sql(struct db *db, const char *name)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT sql FROM sqlite_master WHERE name = '%s'", name);
    char *text = strdup(tdb_text(db, sql));
    CHECK(text[0] != '\0');
    return text;
}

/* Deletes the log's last row and runs `undo` with both triggers in the
 * way dropped, then puts them back exactly as they were. */
static void cut_last_row(struct db *db, const char *undo)
{
    char *guard = trigger_sql(db, "audit_no_delete");
    char *upd = trigger_sql(db, "audit_households_update");
    exec(db, "DROP TRIGGER audit_no_delete; DROP TRIGGER audit_households_update");
    if (undo)
        exec(db, undo);
    exec(db, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)");
    exec(db, guard);
    exec(db, upd);
    free(guard);
    free(upd);
}

static struct db *household_with_update(const char *file, char *undo, size_t undosz)
{
    struct db *db = tdb_open(file);
    struct household a;
    tdb_household(&a, "覃永福", 4, 60);
    CHECK_INT(db_household_save(db, &a), DB_OK);
    snprintf(undo, undosz, "UPDATE households SET phone = %s WHERE id = 1",
             tdb_text(db, "SELECT quote(phone) FROM households WHERE id = 1"));
    exec(db, "UPDATE households SET phone = '13912345678' WHERE id = 1");
    return db;
}

TEST(audit_anchor_finds_a_rewound_log)
{
    char undo[160], made[1400], away[1410];
    struct db *db = household_with_update("anchor.db", undo, sizeof undo);
    CHECK_INT(backups_make(db, 7, made, sizeof made), DB_OK);
    struct seen s;
    CHECK_INT((long long)verify(db, &s), 0);
    long long last = tdb_int(db, "SELECT max(id) FROM audit_log");

    cut_last_row(db, undo);
    CHECK_INT((long long)verify(db, &s), 1);
    CHECK_INT(s.fault, AUDIT_BACKUP_CUT);
    CHECK_INT((long long)s.id, last);
    CHECK(strstr(s.text, "审计记录比自动备份") && strstr(s.text, strrchr(made, '/') + 1));

    /* Without the backup the same file passes: the limit this closes. */
    snprintf(away, sizeof away, "%s.away", made);
    CHECK(rename(made, away) == 0);
    CHECK_INT((long long)verify(db, &s), 0);
    CHECK(rename(away, made) == 0);

    /* A row sealed in its place (a chain that holds): another row. */
    sqlite3_stmt *st = db_stmt(db, AUDIT_EVENT_SQL("import", "json_object('file', ?2)"));
    CHECK(st != NULL);
    sqlite3_bind_text(st, 1, "演示员", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, "forged.csv", -1, SQLITE_STATIC);
    CHECK_INT(sqlite3_step(st), SQLITE_DONE);
    sqlite3_reset(st);
    CHECK_INT(tdb_int(db, "SELECT max(id) FROM audit_log"), last);
    CHECK_INT((long long)verify(db, &s), 1);
    CHECK_INT(s.fault, AUDIT_BACKUP_DIFFERS);
    CHECK_INT((long long)s.id, last);
    CHECK(strstr(s.text, "被改写过") != NULL);
    db_close(db);
}

TEST(audit_anchor_takes_a_restore_and_another_schema)
{
    char undo[160], first[1400], before[1400], after[1400];
    struct db *db = tdb_open("anchor2.db");
    struct household a;
    tdb_household(&a, "覃永贵", 3, 70);
    CHECK_INT(db_household_save(db, &a), DB_OK);
    CHECK_INT(backups_make(db, 7, first, sizeof first), DB_OK);
    exec(db, "UPDATE households SET phone = '13912345678' WHERE id = 1");
    /* 数据维护's restore: the current state backed up, then the older one back */
    CHECK_INT(backups_make(db, 7, before, sizeof before), DB_OK);
    CHECK_INT(backups_restore(db, first), DB_OK);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'restore'"), 1);
    CHECK_STR(tdb_text(db, "SELECT json_extract(new, '$.file') FROM audit WHERE tbl = 'restore'"),
              strrchr(first, '/') + 1);
    struct seen s;
    CHECK_INT((long long)verify(db, &s), 0);   /* `before` is older than the restore */

    /* the session's exit backup after the restore is held against again */
    CHECK_INT(backups_make(db, 7, after, sizeof after), DB_OK);
    CHECK_INT((long long)verify(db, &s), 0);
    snprintf(undo, sizeof undo, "SELECT 1");
    cut_last_row(db, undo);                     /* the restore's row itself */
    CHECK_INT((long long)verify(db, &s), 1);
    CHECK_INT(s.fault, AUDIT_BACKUP_CUT);

    /* a backup of another schema is not compared (an upgrade may rewrite rows) */
    sqlite3 *h = NULL;
    CHECK_INT(sqlite3_open(after, &h), SQLITE_OK);
    CHECK_INT(sqlite3_exec(h, "PRAGMA user_version = 1", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    CHECK_INT((long long)verify(db, &s), 0);
    db_close(db);
}
