/* Issue 14 goal 4: the audit keeps the whole history.  A file goes through
 * inserts, updates, soft deletes, a restore and a hard delete; after each
 * step every audited record is snapshot.  Replaying the audit must give,
 * after each record's last audit row of a step, exactly that snapshot (and
 * after the last step, the table's contents). */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
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
                if (!skipped(r->tbl, col))
                    add_value(r->state, col, sqlite3_column_type(st, c) == SQLITE_NULL,
                              (const char *)sqlite3_column_text(st, c));
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

/* ---- the replay (old encoding: every insert's image stored) ---- */

/* The values of a record after one audit row: column names and texts. */
struct state {
    int n, gone;
    char col[96][64];
    int isnull[96];
    char text[96][512];
};

static void state_init(struct db *db, const char *tbl, struct state *st)
{
    memset(st, 0, sizeof *st);
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT name FROM pragma_table_info('%s') ORDER BY cid", tbl);
    sqlite3_stmt *q = NULL;
    sqlite3_prepare_v2(db_handle(db), sql, -1, &q, NULL);
    while (sqlite3_step(q) == SQLITE_ROW && st->n < 96) {
        const char *c = (const char *)sqlite3_column_text(q, 0);
        if (skipped(tbl, c))
            continue;
        snprintf(st->col[st->n], 64, "%s", c);
        st->isnull[st->n++] = 1;
    }
    sqlite3_finalize(q);
}

/* Applies the keys of a JSON object to the state. */
static void state_apply(struct db *db, struct state *st, const char *json)
{
    sqlite3_stmt *q = NULL;
    sqlite3_prepare_v2(db_handle(db), "SELECT key, value FROM json_each(?1)", -1, &q, NULL);
    sqlite3_bind_text(q, 1, json ? json : "{}", -1, SQLITE_STATIC);
    while (sqlite3_step(q) == SQLITE_ROW)
        for (int i = 0; i < st->n; i++)
            if (strcmp(st->col[i], (const char *)sqlite3_column_text(q, 0)) == 0) {
                st->isnull[i] = sqlite3_column_type(q, 1) == SQLITE_NULL;
                snprintf(st->text[i], sizeof st->text[i], "%s",
                         st->isnull[i] ? "" : (const char *)sqlite3_column_text(q, 1));
            }
    sqlite3_finalize(q);
}

/* The old encoding left out of an insert's image the values that are
 * NULL, '' or 0, and created_at: each is given as "empty" here and in
 * the snapshot it is compared with. */
static void state_text(const struct state *st, int lossy, char *out)
{
    out[0] = '\0';
    for (int i = 0; i < st->n; i++) {
        int empty = st->isnull[i] || !st->text[i][0] || strcmp(st->text[i], "0") == 0
                    || strcmp(st->col[i], "created_at") == 0;
        add_value(out, st->col[i], lossy ? empty : st->isnull[i], lossy && empty ? "" : st->text[i]);
    }
}

/* The snapshot text made comparable to the lossy replay. */
static void lossy_text(const char *exact, char *out)
{
    out[0] = '\0';
    char *copy = strdup(exact), *save = NULL;
    for (char *f = strtok_r(copy, "|", &save); f; f = strtok_r(NULL, "|", &save)) {
        char *eq = strchr(f, '='), *nul = strchr(f, '~');
        char *cut = eq && (!nul || eq < nul) ? eq : nul;
        *cut = '\0';
        const char *v = eq && cut == eq ? eq + 1 : "";
        int empty = cut == nul || !*v || strcmp(v, "0") == 0 || strcmp(f, "created_at") == 0;
        add_value(out, f, empty, empty ? "" : v);
    }
    free(copy);
}

static int step_of(const struct snapshot *snap, int nsteps, int64_t audit_id)
{
    for (int k = 0; k < nsteps; k++)
        if (audit_id <= snap[k].last_audit)
            return k;
    return -1;
}

/* Replays every audited record's history and compares it with the
 * snapshots; returns the number of records compared. */
static int replay_and_compare(struct db *db, const struct snapshot *snap, int nsteps)
{
    sqlite3_stmt *q = NULL;
    CHECK_INT(sqlite3_prepare_v2(db_handle(db), "SELECT DISTINCT tbl, row_id FROM audit WHERE row_id > 0 "
                                 "ORDER BY tbl, row_id", -1, &q, NULL), SQLITE_OK);
    int compared = 0;
    struct state *st = malloc(sizeof *st);
    char *got = malloc(STATE_SZ), *want = malloc(STATE_SZ);
    while (sqlite3_step(q) == SQLITE_ROW) {
        const char *tbl = (const char *)sqlite3_column_text(q, 0);
        int64_t row = sqlite3_column_int64(q, 1);
        state_init(db, tbl, st);
        sqlite3_stmt *a = NULL;
        sqlite3_prepare_v2(db_handle(db), "SELECT id, action, old, new FROM audit WHERE tbl = ?1 "
                           "AND row_id = ?2 ORDER BY id", -1, &a, NULL);
        sqlite3_bind_text(a, 1, tbl, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(a, 2, row);
        int have = 0;
        while (sqlite3_step(a) == SQLITE_ROW) {
            int64_t id = sqlite3_column_int64(a, 0);
            const char *action = (const char *)sqlite3_column_text(a, 1);
            const char *old = (const char *)sqlite3_column_text(a, 2);
            const char *new_ = (const char *)sqlite3_column_text(a, 3);
            if (strcmp(action, "insert") == 0) {
                state_init(db, tbl, st);
                state_apply(db, st, new_);
                have = 1;
            } else if (strcmp(action, "update") == 0) {
                state_apply(db, st, new_);
            } else {
                state_apply(db, st, old);   /* the image deleted: must match the last state */
                have = 0;
            }
            int k = step_of(snap, nsteps, id);
            CHECK(k >= 0);
            /* Only the record's last row of the step has the step's end state. */
            sqlite3_stmt *later = NULL;
            sqlite3_prepare_v2(db_handle(db), "SELECT count(*) FROM audit WHERE tbl = ?1 AND row_id = ?2 "
                               "AND id > ?3 AND id <= ?4", -1, &later, NULL);
            sqlite3_bind_text(later, 1, tbl, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(later, 2, row);
            sqlite3_bind_int64(later, 3, id);
            sqlite3_bind_int64(later, 4, snap[k].last_audit);
            sqlite3_step(later);
            int last_of_step = sqlite3_column_int(later, 0) == 0;
            sqlite3_finalize(later);
            if (!last_of_step)
                continue;
            /* The record's state at the end of step k: its snapshot. */
            const struct rec *r = k >= 0 ? find_rec(&snap[k], tbl, row) : NULL;
            if (!have) {
                if (!CHECK(r == NULL))
                    fprintf(stderr, "    %s %lld: deleted, yet in the snapshot\n", tbl, (long long)row);
                continue;
            }
            if (!CHECK(r != NULL)) {
                fprintf(stderr, "    %s %lld (audit row %lld, step %d): not in the snapshot\n", tbl,
                        (long long)row, (long long)id, k);
                continue;
            }
            state_text(st, 1, got);
            lossy_text(r->state, want);
            if (!CHECK_STR(got, want))
                fprintf(stderr, "    %s %lld after audit row %lld\n", tbl, (long long)row, (long long)id);
            compared++;
        }
        sqlite3_finalize(a);
    }
    sqlite3_finalize(q);
    free(st);
    free(got);
    free(want);
    return compared;
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
    /* every record of the last step, and the states before */
    CHECK((size_t)compared >= snap[k - 1].n + 4);
    for (int i = 0; i < k; i++)
        free(snap[i].r);
    db_close(db);
}
