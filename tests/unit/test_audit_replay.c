/* Issue 14 goal 4: the audit keeps the whole history.  A file goes through
 * inserts, updates, soft deletes, a restore and a hard delete; after each
 * step every audited record is snapshot.  Replaying the audit must give,
 * after each record's last audit row of a step, exactly that snapshot (and
 * after the last step, the table's contents).  An insert's row keeps no
 * image: audit_history rebuilds it from the record and the later updates;
 * the values are compared exactly (NULL, '' and 0 apart). */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "db/audit.h"
#include "db/household_store.h"
#include "db/schema.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_STEPS 8
#define MAX_RECS 256
#define STATE_SZ 8192

/* One record's values as text: "col=value|" for each column but
 * updated_at (the audit leaves it out on purpose), NULL as "col~|". */
struct rec {
    char tbl[32];
    int64_t id;
    char state[STATE_SZ];
};

struct snapshot {
    int64_t last_audit;
    struct rec *r;
    size_t n;
};

static int skipped(const char *tbl, const char *col)
{
    return strcmp(col, "updated_at") == 0 || (strcmp(tbl, "operators") == 0
           && (strcmp(col, "pw_hash") == 0 || strcmp(col, "failures") == 0
               || strcmp(col, "retry_after") == 0));
}

static void add_value(char *out, const char *col, int isnull, const char *text)
{
    size_t n = strlen(out);
    if (isnull)
        snprintf(out + n, STATE_SZ - n, "%s~|", col);
    else
        snprintf(out + n, STATE_SZ - n, "%s=%s|", col, text);
}

/* The SQL that gives a stamp's text (a static buffer). */
static const char *stamp_sql(long long v)
{
    static char sql[96];
    snprintf(sql, sizeof sql, "SELECT datetime(%lld, 'unixepoch')", v);
    return sql;
}

static void take_snapshot(struct db *db, struct snapshot *s)
{
    s->last_audit = tdb_int(db, "SELECT coalesce(max(id), 0) FROM audit");
    s->r = calloc(MAX_RECS, sizeof *s->r);
    s->n = 0;
    for (int t = 0; DB_AUDITED_TABLES[t]; t++) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY id", DB_AUDITED_TABLES[t]);
        sqlite3_stmt *st = NULL;
        CHECK_INT(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW && s->n < MAX_RECS) {
            struct rec *r = &s->r[s->n++];
            snprintf(r->tbl, sizeof r->tbl, "%s", DB_AUDITED_TABLES[t]);
            r->id = sqlite3_column_int64(st, 0);
            for (int c = 0; c < sqlite3_column_count(st); c++) {
                const char *col = sqlite3_column_name(st, c);
                /* a stamp as the audit has it: its text (schema 18) */
                int stamp = strcmp(col, "created_at") == 0 && sqlite3_column_type(st, c) == SQLITE_INTEGER;
                char text[32];
                if (stamp)
                    snprintf(text, sizeof text, "%s", tdb_text(db, stamp_sql(sqlite3_column_int64(st, c))));
                if (!skipped(r->tbl, col))
                    add_value(r->state, col, sqlite3_column_type(st, c) == SQLITE_NULL,
                              stamp ? text : (const char *)sqlite3_column_text(st, c));
            }
        }
        sqlite3_finalize(st);
    }
}

static const struct rec *find_rec(const struct snapshot *s, const char *tbl, int64_t id)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->r[i].id == id && strcmp(s->r[i].tbl, tbl) == 0)
            return &s->r[i];
    return NULL;
}

/* ---- the replay: audit_history, each state compared with its snapshot ---- */

static int step_of(const struct snapshot *snap, int nsteps, int64_t audit_id)
{
    for (int k = 0; k < nsteps; k++)
        if (audit_id <= snap[k].last_audit)
            return k;
    return -1;
}

struct compare {
    struct db *db;
    const struct snapshot *snap;
    int nsteps;
    const char *tbl;
    int64_t row;
    int compared;
    char got[STATE_SZ];
};

/* 1 when the audit row is the record's last one of its step (the state
 * after it is the step's end state). */
static int last_of_step(struct compare *c, int64_t id, int k)
{
    sqlite3_stmt *later = NULL;
    sqlite3_prepare_v2(db_handle(c->db), "SELECT count(*) FROM audit WHERE tbl = ?1 AND row_id = ?2 "
                       "AND id > ?3 AND id <= ?4", -1, &later, NULL);
    sqlite3_bind_text(later, 1, c->tbl, -1, SQLITE_STATIC);
    sqlite3_bind_int64(later, 2, c->row);
    sqlite3_bind_int64(later, 3, id);
    sqlite3_bind_int64(later, 4, c->snap[k].last_audit);
    sqlite3_step(later);
    int last = sqlite3_column_int(later, 0) == 0;
    sqlite3_finalize(later);
    return last;
}

static void compare_state(void *ud, int64_t id, int ncols, const char (*cols)[64], sqlite3_value **vals)
{
    struct compare *c = ud;
    int k = step_of(c->snap, c->nsteps, id);
    if (!CHECK(k >= 0) || !last_of_step(c, id, k))
        return;
    const struct rec *r = find_rec(&c->snap[k], c->tbl, c->row);
    if (!vals) {
        if (!CHECK(r == NULL))
            fprintf(stderr, "    %s %lld: deleted, yet in the snapshot\n", c->tbl, (long long)c->row);
        return;
    }
    if (!CHECK(r != NULL)) {
        fprintf(stderr, "    %s %lld (audit row %lld, step %d): not in the snapshot\n", c->tbl,
                (long long)c->row, (long long)id, k);
        return;
    }
    c->got[0] = '\0';
    for (int i = 0; i < ncols; i++)
        if (!skipped(c->tbl, cols[i]))
            add_value(c->got, cols[i], vals[i] == NULL, vals[i] ? (const char *)sqlite3_value_text(vals[i]) : "");
    if (!CHECK_STR(c->got, r->state))
        fprintf(stderr, "    %s %lld after audit row %lld\n", c->tbl, (long long)c->row, (long long)id);
    c->compared++;
}

/* Replays every audited record's history and compares it with the
 * snapshots; returns the number of states compared. */
static int replay_and_compare(struct db *db, const struct snapshot *snap, int nsteps)
{
    sqlite3_stmt *q = NULL;
    CHECK_INT(sqlite3_prepare_v2(db_handle(db), "SELECT DISTINCT tbl, row_id FROM audit WHERE row_id > 0 "
                                 "ORDER BY tbl, row_id", -1, &q, NULL), SQLITE_OK);
    struct compare *c = calloc(1, sizeof *c);
    c->db = db;
    c->snap = snap;
    c->nsteps = nsteps;
    while (sqlite3_step(q) == SQLITE_ROW) {
        c->tbl = (const char *)sqlite3_column_text(q, 0);
        c->row = sqlite3_column_int64(q, 1);
        CHECK_INT(audit_history(db, c->tbl, c->row, compare_state, c), DB_OK);
    }
    sqlite3_finalize(q);
    int n = c->compared;
    free(c);
    return n;
}

TEST(audit_replay_gives_every_state_of_every_record)
{
    struct db *db = tdb_open("replay.db");
    struct snapshot snap[MAX_STEPS];
    int k = 0;
    struct household hh, other;
    tdb_household(&hh, "覃永福", 4, 60);
    CHECK_INT(db_household_save(db, &hh), DB_OK);               /* inserts */
    take_snapshot(db, &snap[k++]);
    snprintf(hh.phone, sizeof hh.phone, "13800000000");
    snprintf(hh.members[1].name, sizeof hh.members[1].name, "覃小妹");
    hh.members[2].med_ins = 0;                                  /* a value to 0 */
    hh.members[2].work_months = hh.members[2].work_months ? 0 : 3;
    CHECK_INT(db_household_save(db, &hh), DB_OK);               /* updates */
    take_snapshot(db, &snap[k++]);
    hh.n_members = 3;                                           /* a member removed: soft */
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    take_snapshot(db, &snap[k++]);
    CHECK_INT(db_household_delete(db, hh.id, "重复录入"), DB_OK);  /* soft delete */
    take_snapshot(db, &snap[k++]);
    db_set_operator(db, "测试员");
    CHECK_INT(db_household_restore(db, hh.id), DB_OK);
    take_snapshot(db, &snap[k++]);
    tdb_household(&other, "覃永贵", 2, 80);
    CHECK_INT(db_household_save(db, &other), DB_OK);
    /* a hard delete (no screen does one; the log keeps the image) */
    char sql[160];
    snprintf(sql, sizeof sql, "DELETE FROM members WHERE id = %lld", (long long)other.members[1].id);
    CHECK_INT(sqlite3_exec(db_handle(db), sql, NULL, NULL, NULL), SQLITE_OK);
    take_snapshot(db, &snap[k++]);
    int compared = replay_and_compare(db, snap, k);
    /* and fupin check finds nothing */
    size_t rows = 0, bad = 0;
    CHECK_INT(audit_verify(db, NULL, NULL, &rows, &bad), DB_OK);
    CHECK_INT(bad, 0);
    /* every record of the last step, and the states before */
    CHECK((size_t)compared >= snap[k - 1].n + 4);
    for (int i = 0; i < k; i++)
        free(snap[i].r);
    db_close(db);
}

static void first_finding(void *ud, const struct audit_finding *f)
{
    struct audit_finding *first = ud;
    if (!first->fault)
        *first = *f;
}

/* A file from before issue 14 keeps its inserts' images: check accepts
 * them as they are, and still finds a record changed behind its trigger
 * (the image, not a digest, is what it is compared with). */
TEST(audit_replay_checks_old_images_too)
{
    struct db *db = tdb_open("old.db");
    struct household hh;
    tdb_household(&hh, "覃永福", 3, 60);
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    tdb_downgrade_to_v1(db);
    db_close(db);
    char err[512];
    CHECK_INT(db_open(tdb_path("old.db"), 0, &db, err, sizeof err), DB_OK);
    CHECK(tdb_int(db, "SELECT count(*) FROM audit WHERE action = 'insert' AND new LIKE '{%'") > 0);
    size_t rows = 0, bad = 0;
    CHECK_INT(audit_verify(db, NULL, NULL, &rows, &bad), DB_OK);
    CHECK_INT(bad, 0);
    char *trigger = strdup(tdb_text(db, "SELECT sql FROM sqlite_master WHERE name = 'audit_members_update'"));
    char sql[8192];
    snprintf(sql, sizeof sql, "DROP TRIGGER audit_members_update; UPDATE members SET name = '覃假' WHERE id = %lld; %s",
             (long long)hh.members[1].id, trigger);
    CHECK_INT(sqlite3_exec(db_handle(db), sql, NULL, NULL, NULL), SQLITE_OK);
    free(trigger);
    struct audit_finding first = { 0 };
    CHECK_INT(audit_verify(db, first_finding, &first, &rows, &bad), DB_OK);
    CHECK_INT(bad, 1);
    CHECK_INT(first.fault, AUDIT_ROW_CHANGED);
    CHECK_INT(first.row_id, hh.members[1].id);
    CHECK_STR(first.tbl, "members");
    db_close(db);
}

/* ---- stamps as integers (schema 18) ------------------------------------------ */

#include "db/demo_fill.h"
#include "db/operators.h"

/* Every row of every table, every column as the audit reads it (stamps as
 * their text, anything else quoted with its type), one text; malloc'd. */
static char *dump_all(struct db *db)
{
    sqlite3_str *out = sqlite3_str_new(NULL);
    sqlite3_stmt *t = NULL;
    sqlite3_prepare_v2(db_handle(db), "SELECT name FROM sqlite_master WHERE type = 'table' "
                       "AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &t, NULL);
    while (sqlite3_step(t) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(t, 0);
        char (*cols)[64] = malloc(DB_AUDIT_MAX_COLS * sizeof *cols);
        int n = 0;
        sqlite3_stmt *c = NULL;
        char *q = sqlite3_mprintf("SELECT name FROM pragma_table_info(%Q) ORDER BY cid", name);
        sqlite3_prepare_v2(db_handle(db), q, -1, &c, NULL);
        sqlite3_free(q);
        while (sqlite3_step(c) == SQLITE_ROW && n < DB_AUDIT_MAX_COLS)
            snprintf(cols[n++], 64, "%s", (const char *)sqlite3_column_text(c, 0));
        sqlite3_finalize(c);
        sqlite3_str *sel = sqlite3_str_new(NULL);
        sqlite3_str_appendall(sel, "SELECT ");
        for (int i = 0; i < n; i++) {
            char v[400];
            db_schema_audit_value(v, sizeof v, NULL, cols[i]);
            sqlite3_str_appendf(sel, "%squote(%s)", i ? " || ',' || " : "", v);
        }
        sqlite3_str_appendf(sel, " FROM \"%w\" ORDER BY 1", name);
        char *sql = sqlite3_str_finish(sel);
        sqlite3_stmt *r = NULL;
        sqlite3_prepare_v2(db_handle(db), sql, -1, &r, NULL);
        sqlite3_str_appendf(out, "== %s\n", name);
        while (sqlite3_step(r) == SQLITE_ROW)
            sqlite3_str_appendf(out, "%s\n", (const char *)sqlite3_column_text(r, 0));
        sqlite3_finalize(r);
        sqlite3_free(sql);
        free(cols);
    }
    sqlite3_finalize(t);
    char *s = sqlite3_str_finish(out);
    char *copy = strdup(s ? s : "");
    sqlite3_free(s);
    return copy;
}

/* Every value of every column of every table comes back the same through
 * the integer stamps and back to text (the fixture's older files), a
 * canonical stamp is its seconds, an odd one (planted) stays text, and the
 * chain holds either way. */
TEST(stamps_round_trip_every_column_of_every_table)
{
    struct db *db = NULL;
    char err[256];
    CHECK_INT(db_open(tdb_path("stamps.db"), DB_CREATE, &db, err, sizeof err), DB_OK);
    db_session_assume(db, "测试员", ROLE_ADMIN);
    CHECK_INT(db_demo_fill(db, 40, 5, NULL, NULL), DB_OK);
    CHECK(tdb_int(db, "SELECT count(*) FROM aid_records WHERE typeof(updated_at) = 'integer'") > 0);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM members WHERE typeof(created_at) <> 'integer'"), 0);
    /* an older file's text, one stamp odd (planted), one canonical */
    CHECK_INT(sqlite3_exec(db_handle(db), "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    CHECK_INT(db_schema_stamps(db, 0), DB_OK);
    CHECK_INT(sqlite3_exec(db_handle(db), "UPDATE members SET created_at = '2019-02-30 08:00:00' WHERE id = 2;"
                           "UPDATE members SET created_at = '2019-03-01 08:00:00' WHERE id = 3; COMMIT",
                           NULL, NULL, NULL), SQLITE_OK);
    char *before = dump_all(db);
    CHECK(strlen(before) > 10000);
    size_t rows = 0, bad = 0;
    for (int to_int = 0; to_int < 2; to_int++) {
        CHECK_INT(sqlite3_exec(db_handle(db), "BEGIN", NULL, NULL, NULL), SQLITE_OK);
        CHECK_INT(db_schema_stamps(db, to_int), DB_OK);
        CHECK_INT(sqlite3_exec(db_handle(db), "COMMIT", NULL, NULL, NULL), SQLITE_OK);
        CHECK_INT(tdb_int(db, "SELECT count(*) FROM members WHERE typeof(updated_at) = 'integer'") > 0, to_int);
        CHECK_INT(tdb_int(db, "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%updated_at INTEGER%'") > 0, to_int);
        if (to_int) {
            CHECK_INT(tdb_int(db, "SELECT count(*) FROM members WHERE typeof(created_at) <> 'integer'"), 1);
            CHECK_INT(tdb_int(db, "SELECT created_at FROM members WHERE id = 3"),
                      tdb_int(db, "SELECT strftime('%s', '2019-03-01 08:00:00')"));
        }
        char *now = dump_all(db);
        if (!CHECK(strcmp(before, now) == 0))
            fprintf(stderr, "    values differ after converting to %s\n", to_int ? "integers" : "text");
        free(now);
        CHECK_INT(audit_verify(db, NULL, NULL, &rows, &bad), DB_OK);
        CHECK_INT(bad, 0);
    }
    /* the triggers kept: an unchanged member saves no audit row, a change one */
    int64_t n0 = tdb_int(db, "SELECT count(*) FROM audit");
    CHECK_INT(sqlite3_exec(db_handle(db), "UPDATE members SET name = name || '甲' WHERE id = 4", NULL, NULL, NULL),
              SQLITE_OK);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit"), n0 + 1);
    /* a stamp changed behind the trigger's back is found by the replay */
    char *trigger = strdup(tdb_text(db, "SELECT sql FROM sqlite_master WHERE name = 'audit_members_update'"));
    char sql[8192];
    snprintf(sql, sizeof sql, "DROP TRIGGER audit_members_update; UPDATE members SET created_at = created_at + 1 "
             "WHERE id = 5; %s", trigger);
    CHECK_INT(sqlite3_exec(db_handle(db), sql, NULL, NULL, NULL), SQLITE_OK);
    free(trigger);
    CHECK_INT(audit_verify(db, NULL, NULL, &rows, &bad), DB_OK);
    CHECK_INT(bad, 1);
    free(before);
    db_close(db);
}

/* An older file (text stamps, schema 1) is upgraded: its stamps become
 * integers, its values and its chain stay. */
TEST(stamps_upgrade_of_an_older_file)
{
    struct db *db = tdb_open("stamps_old.db");
    struct household hh;
    tdb_household(&hh, "覃永福", 3, 60);
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    char *was = strdup(tdb_text(db, "SELECT group_concat(datetime(created_at, 'unixepoch') || updated_at, ',') "
                                "FROM members"));
    tdb_downgrade_to_v1(db);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM members WHERE typeof(created_at) = 'integer'"), 0);
    db_close(db);
    char err[512];
    CHECK_INT(db_open(tdb_path("stamps_old.db"), 0, &db, err, sizeof err), DB_OK);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM members WHERE typeof(created_at) <> 'integer' "
                      "OR typeof(updated_at) <> 'integer'"), 0);
    CHECK_STR(tdb_text(db, "SELECT group_concat(datetime(created_at, 'unixepoch') || updated_at, ',') FROM members"),
              was);
    CHECK_INT(tdb_int(db, "PRAGMA freelist_count"), 0);
    size_t rows = 0, bad = 0;
    CHECK_INT(audit_verify(db, NULL, NULL, &rows, &bad), DB_OK);
    CHECK_INT(bad, 0);
    free(was);
    db_close(db);
}

/* Every table of a new file that has stamps declares them INTEGER (the
 * drafts' own stay text): a step after STAMPS_VERSION that used C_STAMPS
 * instead of C_STAMPS_INT would leave its table with text stamps, which the
 * upgrade never converts again. */
TEST(stamps_declared_integer_in_every_table)
{
    struct db *db = tdb_open("stamps_decl.db");
    sqlite3_stmt *st = NULL;
    CHECK_INT(sqlite3_prepare_v2(db_handle(db),
              "SELECT m.name, p.name, p.type FROM sqlite_master m, pragma_table_info(m.name) p "
              "WHERE m.type = 'table' AND m.name NOT IN ('drafts', 'drafts_blob') "
              "AND p.name IN ('created_at', 'updated_at')", -1, &st, NULL), SQLITE_OK);
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        n++;
        if (!CHECK_STR((const char *)sqlite3_column_text(st, 2), "INTEGER"))
            fprintf(stderr, "    %s.%s\n", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    CHECK(n > 40);
    db_close(db);
}
