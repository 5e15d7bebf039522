/* merge.c — see merge.h.
 *
 * The source is ATTACHed as `src`, so rows move with INSERT … SELECT and keep
 * every column, including the ones a later migration adds: the column lists
 * are read from the target's own schema (pragma table_info), and a source of
 * another schema version is refused.  Child rows are identified across files
 * by their natural keys (a member by ID number, an application/survey/exit
 * by year, a state move by its states, date and recording time, an aid entry
 * by date, measure, content and creation time, a waiver by date and reason,
 * an assignment by helper and start date), because row ids of two files
 * mean nothing to each other.  Each household merges inside a savepoint: a
 * row the schema refuses (e.g. a confirmed aid entry changed at the source)
 * undoes that household only, and is reported.
 *
 * This file is the driver (checks and ATTACHes the source, one transaction,
 * the audit row, the report); the parts are listed in merge_priv.h. */
#include "db/operators.h"
#include "db/audit.h"
#include "db/merge.h"
#include "db/merge_priv.h"
#include "db/household_store.h"
#include "db/schema.h"
#include <limits.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MERGE_CACHE_KIB "32768"       /* 32 MiB: see merge_source */

void mg_conflict(struct mg *m, const char *kind, const char *fmt, ...)
{
    struct merge_report *r = m->rep;
    r->conflicts++;
    if (r->n_msgs >= m->max_msgs)
        return;
    if (r->n_msgs == r->cap_msgs) {
        size_t cap = r->cap_msgs ? r->cap_msgs * 2 : 32;
        struct merge_msg *g = realloc(r->msgs, cap * sizeof *g);
        if (!g)
            return;
        r->msgs = g;
        r->cap_msgs = cap;
    }
    struct merge_msg *x = &r->msgs[r->n_msgs++];
    snprintf(x->kind, sizeof x->kind, "%s", kind);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->text, sizeof x->text, fmt, ap);
    va_end(ap);
}

/* ---- one source file ------------------------------------------------------- */

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Everything of the source, in the caller's transaction: areas and the
 * records the households cite (paired in temp.merge_map) first, then the
 * households, then the notices posted or closed at the source (only after
 * their lists were merged). */
static enum db_err merge_all(struct mg *m)
{
    if (db_exec(m->db, "CREATE TEMP TABLE IF NOT EXISTS merge_map (tbl TEXT NOT NULL, src_id INTEGER NOT NULL, "
                       "tgt_id INTEGER, PRIMARY KEY (tbl, src_id)) WITHOUT ROWID; DELETE FROM temp.merge_map;",
                "合并") != DB_OK || mg_merge_areas(m) < 0)
        return DB_ERR_IO;
    if (mg_merge_tops(m) < 0)
        return DB_ERR_IO;
    enum db_err err = mg_build_household_sql(m);
    if (err != DB_OK)
        return err;
    /* The source's households, read in batches (the target is written between). */
    int64_t last = 0;
    static int64_t batch[1024];
    for (;;) {
        sqlite3_stmt *st = db_stmt(m->db, "SELECT id FROM src.households WHERE deleted = 0 AND id > ?1 "
                                          "ORDER BY id LIMIT 1024");
        if (!st)
            return DB_ERR_IO;
        sqlite3_bind_int64(st, 1, last);
        int n = 0, rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            batch[n++] = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return db_fail(m->db, rc, "读取源文件");
        for (int i = 0; i < n; i++)
            if (mg_merge_household(m, batch[i]) < 0)
                return DB_ERR_CONSTRAINT;
        if (n < 1024)
            return mg_raise_notices(m) < 0 ? DB_ERR_IO : DB_OK;
        last = batch[n - 1];
    }
}

/* May this operator merge source_path into db at all?  The file must be
 * readable and not the target itself.  Nothing is attached yet. */
static enum db_err check_source_path(struct db *db, const char *source_path)
{
    /* A merge carries registrations, exits, closed notices and areas: the
     * 审核员's decisions, not a 录入员's keying. */
    if (db_require_role(db, ROLE_REVIEWER, "合并数据库") != DB_OK)
        return DB_ERR_DENIED;
    if (access(source_path, R_OK) != 0)
        return db_set_error(db, DB_ERR_OPEN, "无法读取源文件 %s (cannot read source)", source_path);
    char a[PATH_MAX], b[PATH_MAX];
    if (realpath(source_path, a) && realpath(db_path(db), b) && strcmp(a, b) == 0)
        return db_set_error(db, DB_ERR_INVALID, "源文件就是目标文件本身：%s (source is the target)", source_path);
    return DB_OK;
}

/* ATTACHes the source as `src`; on failure nothing is attached. */
static enum db_err attach_source(struct db *db, const char *source_path)
{
    /* A path that looks like a URI would be read as one (SQLite's URI
     * filenames are on in Debian's build). */
    char path[PATH_MAX + 8];
    snprintf(path, sizeof path, "%s%s", strncmp(source_path, "file:", 5) == 0 ? "./" : "", source_path);
    sqlite3_stmt *st = db_stmt(db, "ATTACH DATABASE ?1 AS src");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_set_error(db, DB_ERR_NOTDB, "无法打开源文件，它不是 fupin 的数据库或已损坏：%s (cannot attach: %s)",
                            source_path, sqlite3_errstr(rc));
    return DB_OK;
}

/* Is the attached source a fupin file of this program's schema version?
 * Its rows are merged column by column only then. */
static enum db_err check_source_schema(struct mg *m)
{
    struct db *db = m->db;
    int version = -1;
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(db_handle(db), "PRAGMA src.user_version", -1, &q, NULL);
    if (rc == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
        version = sqlite3_column_int(q, 0);
    else if (rc == SQLITE_OK)
        rc = sqlite3_errcode(db_handle(db));
    sqlite3_finalize(q);
    if (rc != SQLITE_OK)
        return db_set_error(db, DB_ERR_NOTDB, "源文件不是 fupin 的数据库或已损坏：%s (not a fupin database: %s)",
                            m->source, sqlite3_errstr(rc));
    int e2 = 0;
    int tables = (int)mg_query_int(m, "SELECT count(*) FROM src.sqlite_master WHERE type = 'table' AND name IN "
                                      "('households', 'members', 'areas')", 0, 0, &e2);
    if (e2)
        return DB_ERR_NOTDB;
    if (tables != 3 || version < 1)
        return db_set_error(db, DB_ERR_NOTDB, "源文件不是 fupin 的数据库：%s (not a fupin database)", m->source);
    if (version != db_schema_current())
        return db_set_error(db, DB_ERR_NEWER, "源文件的数据库版本 %d 与本程序的 %d 不同，请先用同一版本的 fupin 打开它 "
                            "(schema version differs: %s)", version, db_schema_current(), m->source);
    return DB_OK;
}

/* The audit row of a merge that changed something: the row-level triggers
 * logged every row; this row says why. */
static enum db_err record_merge(struct mg *m)
{
    const struct merge_report *rep = m->rep;
    long changed = rep->areas_added + rep->groups_added + rep->rows_added + rep->rows_updated;
    if (!changed)
        return DB_OK;
    sqlite3_stmt *w = db_stmt(m->db, AUDIT_EVENT_SQL("merge",
        "json_object('source', ?2, 'households_added', ?3, 'households_updated', ?4, "
        "'rows_added', ?5, 'rows_updated', ?6, 'conflicts', ?7, 'areas_added', ?8, "
        "'notices_added', ?9, 'projects_added', ?10)"));
    if (!w)
        return DB_ERR_IO;
    sqlite3_bind_text(w, 1, db_operator(m->db), -1, SQLITE_STATIC);
    sqlite3_bind_text(w, 2, m->source, -1, SQLITE_STATIC);
    sqlite3_bind_int64(w, 3, rep->households_added);
    sqlite3_bind_int64(w, 4, rep->households_updated);
    sqlite3_bind_int64(w, 5, rep->rows_added);
    sqlite3_bind_int64(w, 6, rep->rows_updated);
    sqlite3_bind_int64(w, 7, (int64_t)rep->conflicts);
    sqlite3_bind_int64(w, 8, rep->areas_added);
    sqlite3_bind_int64(w, 9, rep->notices_added);
    sqlite3_bind_int64(w, 10, rep->projects_added);
    int rc = sqlite3_step(w);
    sqlite3_reset(w);
    return rc != SQLITE_DONE ? db_fail(m->db, rc, "记录合并") : DB_OK;
}

/* The search records of the households written, a chunk (128
 * households) at a time: the chunks of households added are
 * consecutive, those of households updated may repeat. */
static enum db_err update_search(struct mg *m)
{
    enum db_err err = DB_OK;
    if (!m->n_chunks)
        return DB_OK;
    qsort(m->chunks, m->n_chunks, sizeof *m->chunks, cmp_i64);
    for (size_t i = 0; err == DB_OK && i < m->n_chunks; i++)
        if (i == 0 || m->chunks[i] != m->chunks[i - 1])
            err = db_search_update(m->db, m->chunks[i] << 7);
    return err;
}

/* The whole source in one transaction of the target: committed, or
 * rolled back on any error. */
static enum db_err merge_source(struct mg *m)
{
    /* A source's rows go in as one transaction; with SQLite's default 2 MB
     * page cache the dirty pages of a 10 000-household file are spilled to
     * the WAL and rewritten again and again (measured: ~1 million pwrites,
     * 30 s).  A larger cache for the merge only; the pages are allocated
     * only as the transaction needs them.  Measured on ten 10 000-household
     * villages (tests/bench/bench_import.sh): 8 MiB thrashes (minutes per
     * file), 32 MiB is as fast as 256 MiB, with a peak RSS of ~48 MB instead
     * of 78 MB (and 180 MB when every file also re-read the whole target to
     * rebuild the search table). */
    /* Statement journals (every INSERT that fires an audit trigger needs
     * one) in memory: once one spills to a temp file, SQLite writes every
     * later statement's pages there too (measured: 700 000 pwrites). */
    enum db_err err = db_exec(m->db, "PRAGMA main.cache_size = -" MERGE_CACHE_KIB "; PRAGMA temp_store = MEMORY",
                              "合并");
    if (err == DB_OK)
        err = db_begin(m->db);
    if (err != DB_OK)
        return err;
    err = merge_all(m);
    if (err == DB_OK)
        err = record_merge(m);
    if (err == DB_OK)
        err = update_search(m);
    if (err == DB_OK)
        err = db_commit(m->db);
    else
        db_rollback(m->db);
    return err;
}

/* After a failed merge nothing was written: the report keeps only the
 * conflicts (their count and messages), its other counts are zeroed. */
static void keep_only_conflicts(struct merge_report *rep)
{
    long c = (long)rep->conflicts;
    struct merge_msg *msgs = rep->msgs;
    size_t nm = rep->n_msgs, cm = rep->cap_msgs;
    memset(rep, 0, sizeof *rep);
    rep->conflicts = (size_t)c;
    rep->msgs = msgs;
    rep->n_msgs = nm;
    rep->cap_msgs = cm;
}

/* Restores the target's settings, drops the pairs and DETACHes the source,
 * whatever happened; err's message (if any) survives these statements. */
static void detach_source(struct db *db, enum db_err err)
{
    /* Keep the error message across DETACH. */
    char saved[512];
    snprintf(saved, sizeof saved, "%s", db_errmsg(db));
    db_exec(db, "PRAGMA main.cache_size = -2000; PRAGMA temp_store = DEFAULT", "合并");
    db_exec(db, "DROP TABLE IF EXISTS temp.merge_map", "合并");
    sqlite3_stmt *d = db_stmt(db, "DETACH DATABASE src");
    if (d) {
        sqlite3_step(d);
        sqlite3_reset(d);
    }
    if (err != DB_OK)
        db_set_error(db, err, "%s", saved);
}

enum db_err db_merge_file(struct db *db, const char *source_path, size_t max_msgs, struct merge_report *rep)
{
    memset(rep, 0, sizeof *rep);
    enum db_err err = check_source_path(db, source_path);
    if (err == DB_OK)
        err = attach_source(db, source_path);
    if (err != DB_OK)
        return err;

    struct mg *m = calloc(1, sizeof *m);
    if (!m) {
        err = db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    } else {
        m->db = db;
        m->rep = rep;
        m->max_msgs = max_msgs ? max_msgs : 200;
        m->source = source_path;
        err = check_source_schema(m);
        if (err == DB_OK)
            err = merge_source(m);
    }
    if (err != DB_OK)
        keep_only_conflicts(rep);
    detach_source(db, err);
    if (m)
        free(m->chunks);
    free(m);
    return err;
}

void merge_report_free(struct merge_report *rep)
{
    free(rep->msgs);
    rep->msgs = NULL;
    rep->n_msgs = rep->cap_msgs = 0;
}
