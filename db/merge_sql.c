/* merge_sql.c — the statements of the merge (see merge_priv.h): the INSERT
 * and UPDATE that copy one source row, built from the target's own columns
 * (so a column a later migration adds moves too), and the small helpers that
 * run a statement or a one-value query. */
#include "db/merge_priv.h"
#include "db/record.h"
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MAXCOLS 160

/* The target's columns of a table, in order. */
static int columns(struct db *db, const char *table, char cols[][64], int max)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT name FROM main.pragma_table_info('%s') ORDER BY cid", table);
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st)
        return -1;
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW && n < max)
        snprintf(cols[n++], 64, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    return n;
}

static void cat(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void cat(char *buf, const char *fmt, ...)
{
    size_t len = strlen(buf);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + len, SQLBUF - len, fmt, ap);
    va_end(ap);
}

/* The source value of a column as it goes into the target (`upd`: in the
 * UPDATE of target row ?3, else in an INSERT). */
static void expr(char *buf, const char *table, const char *col, int upd)
{
    static const char *const refs[][2] = {
        { "helper_id", "helper" }, { "meeting_id", "meeting" }, { "notice_id", "notice" }, { "project_id", "project" },
        { "team_signer_id", "team_member" },
        { "plan_id", "plan" },
    };
    for (size_t i = 0; i < sizeof refs / sizeof *refs; i++)
        if (strcmp(col, refs[i][0]) == 0) {
            cat(buf, "(SELECT tgt_id FROM temp.merge_map WHERE tbl = '%s' AND src_id = s.\"%s\")", refs[i][1], col);
            return;
        }
    if (strcmp(col, "household_id") == 0)
        cat(buf, "?2");
    else if (strcmp(table, "member_events") == 0 && strcmp(col, "member_id") == 0)
        /* The person's row here, by the ID number the event recorded. */
        cat(buf, "(SELECT t.id FROM main.members t WHERE t.household_id = ?2 AND t.id_no = s.id_no "
                 "ORDER BY t.id DESC LIMIT 1)");
    else if (strcmp(table, "aid_records") == 0 && strcmp(col, "corrects_id") == 0)
        cat(buf, "(SELECT t.id FROM main.aid_records t, src.aid_records c WHERE c.id = s.corrects_id "
                 "AND t.household_id = ?2 AND t.date = c.date AND t.measure = c.measure "
                 "AND t.content = c.content AND t.created_at = c.created_at)");
    else if (strcmp(table, "notices") == 0 && (!strcmp(col, "posted") || !strcmp(col, "closed")))
        /* A posted list is frozen: the notice is posted (and closed) only
         * after its households were merged (raise_notices). */
        cat(buf, upd ? "(SELECT \"%s\" FROM main.notices WHERE id = ?3)" : "0", col);
    else
        cat(buf, "s.\"%s\"", col);
}

/* The columns list of `cols` without id (and created_at when `upd`). */
static void col_list(char *buf, const char *table, char cols[][64], int n, int upd, int values)
{
    int first = 1;
    for (int i = 0; i < n; i++) {
        if (!strcmp(cols[i], "id") || (upd && !strcmp(cols[i], "created_at")))
            continue;
        cat(buf, "%s", first ? "" : ", ");
        if (values)
            expr(buf, table, cols[i], upd);
        else
            cat(buf, "\"%s\"", cols[i]);
        first = 0;
    }
}

/* INSERT INTO main.T (cols) SELECT exprs FROM src.T s WHERE s.rowid = ?1,
 * and UPDATE main.T SET (cols) = (SELECT exprs ...) WHERE rowid = ?3 (when
 * `newer_only`, only if the source row's updated_at is later). */
int mg_build(struct mg *m, const char *table, char *ins, char *upd, int newer_only)
{
    char cols[MAXCOLS][64];
    int n = columns(m->db, table, cols, MAXCOLS);
    if (n <= 0)
        return -1;
    ins[0] = upd[0] = '\0';
    cat(ins, "INSERT INTO main.\"%s\" (", table);
    col_list(ins, table, cols, n, 0, 0);
    cat(ins, ") SELECT ");
    col_list(ins, table, cols, n, 0, 1);
    cat(ins, " FROM src.\"%s\" s WHERE s.rowid = ?1", table);

    cat(upd, "UPDATE main.\"%s\" SET (", table);
    col_list(upd, table, cols, n, 1, 0);
    cat(upd, ") = (SELECT ");
    col_list(upd, table, cols, n, 1, 1);
    cat(upd, " FROM src.\"%s\" s WHERE s.rowid = ?1) WHERE rowid = ?3", table);
    if (newer_only)
        cat(upd, " AND updated_at < (SELECT updated_at FROM src.\"%s\" WHERE rowid = ?1)", table);
    return strlen(ins) + 10 < SQLBUF && strlen(upd) + 10 < SQLBUF ? 0 : -1;
}

/* Runs a prepared statement to its first row (and resets it): 0, or -1 with
 * the error in db_errmsg (`what`: the step, in Chinese). */
int mg_step(struct mg *m, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        return 0;
    db_fail(m->db, rc, what);
    return -1;
}

/* Runs a one-row, one-column query with up to two int64 parameters. */
int64_t mg_query_int(struct mg *m, const char *sql, int64_t a, int64_t b, int *err)
{
    sqlite3_stmt *st = db_stmt(m->db, sql);
    if (!st) {
        *err = 1;
        return 0;
    }
    sqlite3_bind_int64(st, 1, a);
    sqlite3_bind_int64(st, 2, b);
    int rc = sqlite3_step(st);
    int64_t v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        db_fail(m->db, rc, "合并");
        *err = 1;
    }
    return v;
}

/* The text of a one-row, one-column query with ?1 = a, "" when none (or on
 * error: the callers only describe rows with it). */
void mg_query_text(struct mg *m, const char *sql, int64_t a, char *out, size_t outsz)
{
    out[0] = '\0';
    sqlite3_stmt *st = db_stmt(m->db, sql);
    if (!st)
        return;
    sqlite3_bind_int64(st, 1, a);
    if (sqlite3_step(st) == SQLITE_ROW)
        db_copy_text(out, outsz, (const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
}

/* Runs `sql` with ?1 = a, ?2 = b; adds the changed rows to *changes. */
int mg_exec2(struct mg *m, const char *sql, int64_t a, int64_t b, const char *what, long *changes)
{
    sqlite3_stmt *st = db_stmt(m->db, sql);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, a);
    sqlite3_bind_int64(st, 2, b);
    if (mg_step(m, st, what) < 0)
        return -1;
    if (changes)
        *changes += sqlite3_changes(db_handle(m->db));
    return 0;
}
