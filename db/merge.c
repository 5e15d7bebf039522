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
 * undoes that household only, and is reported. */
#include "db/merge.h"
#include "db/household_store.h"
#include "db/record.h"
#include "db/schema.h"
#include <limits.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SQLBUF 16384
#define MERGE_CACHE_KIB "262144"      /* 256 MiB at most */
#define MAXCOLS 160

struct child {
    const char *table;
    const char *key;        /* t (target) row matches s (source) row */
    const char *filter;     /* on source rows */
    int mutable_;           /* updated from a newer source; else add-only */
};

/* Order matters: aid entries before waivers (the schema refuses new entries
 * after a waiver), assignments closed before a new current one is added. */
static const struct child CHILDREN[] = {
    { "members", "t.id_no = s.id_no AND t.deleted = 0", " AND s.deleted = 0", 1 },
    { "applications", "t.year = s.year", "", 1 },
    { "surveys", "t.year = s.year", "", 1 },
    { "exits", "t.year = s.year AND t.deleted = 0", " AND s.deleted = 0", 1 },
    { "state_history", "t.from_state = s.from_state AND t.to_state = s.to_state AND t.date = s.date "
                       "AND t.at = s.at", "", 0 },
    { "assignments", "t.helper_id IS (SELECT tgt_id FROM temp.merge_helper WHERE src_id = s.helper_id) "
                     "AND t.from_date = s.from_date", " AND s.deleted = 0", 0 },
    { "aid_records", "t.date = s.date AND t.measure = s.measure AND t.content = s.content "
                     "AND t.created_at = s.created_at", " AND s.deleted = 0", 0 },
    { "waivers", "t.date = s.date AND t.reason = s.reason", " AND s.deleted = 0", 0 },
};
#define N_CHILDREN (sizeof CHILDREN / sizeof *CHILDREN)

struct mg {
    struct db *db;
    struct merge_report *rep;
    size_t max_msgs;
    const char *source;
    char ins[N_CHILDREN][SQLBUF];   /* INSERT one source row (?1 s.id, ?2 target household) */
    char upd[N_CHILDREN][SQLBUF];   /* UPDATE one target row from one source row (?1 s.id, ?3 t.id) */
    char hh_ins[SQLBUF], hh_upd[SQLBUF];
};

static void conflict(struct mg *m, const char *kind, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void conflict(struct mg *m, const char *kind, const char *fmt, ...)
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

/* The source value of a column as it goes into the target. */
static void expr(char *buf, const char *table, const char *col)
{
    if (strcmp(col, "household_id") == 0)
        cat(buf, "?2");
    else if (strcmp(col, "helper_id") == 0)
        cat(buf, "(SELECT tgt_id FROM temp.merge_helper WHERE src_id = s.helper_id)");
    else if (strcmp(table, "aid_records") == 0 && strcmp(col, "corrects_id") == 0)
        cat(buf, "(SELECT t.id FROM main.aid_records t, src.aid_records c WHERE c.id = s.corrects_id "
                 "AND t.household_id = ?2 AND t.date = c.date AND t.measure = c.measure "
                 "AND t.content = c.content AND t.created_at = c.created_at)");
    else
        cat(buf, "s.\"%s\"", col);
}

/* INSERT INTO main.T (cols) SELECT exprs FROM src.T s WHERE s.id = ?1, and
 * UPDATE main.T SET (cols) = (SELECT exprs ...) WHERE id = ?3. */
static int build(struct mg *m, const char *table, char *ins, char *upd)
{
    char cols[MAXCOLS][64];
    int n = columns(m->db, table, cols, MAXCOLS);
    if (n <= 0)
        return -1;
    ins[0] = upd[0] = '\0';
    cat(ins, "INSERT INTO main.\"%s\" (", table);
    int first = 1;
    for (int i = 0; i < n; i++) {
        if (strcmp(cols[i], "id") == 0)
            continue;
        cat(ins, "%s\"%s\"", first ? "" : ", ", cols[i]);
        first = 0;
    }
    cat(ins, ") SELECT ");
    first = 1;
    for (int i = 0; i < n; i++) {
        if (strcmp(cols[i], "id") == 0)
            continue;
        cat(ins, "%s", first ? "" : ", ");
        expr(ins, table, cols[i]);
        first = 0;
    }
    cat(ins, " FROM src.\"%s\" s WHERE s.id = ?1", table);

    cat(upd, "UPDATE main.\"%s\" SET (", table);
    first = 1;
    for (int i = 0; i < n; i++) {
        if (!strcmp(cols[i], "id") || !strcmp(cols[i], "created_at"))
            continue;
        cat(upd, "%s\"%s\"", first ? "" : ", ", cols[i]);
        first = 0;
    }
    cat(upd, ") = (SELECT ");
    first = 1;
    for (int i = 0; i < n; i++) {
        if (!strcmp(cols[i], "id") || !strcmp(cols[i], "created_at"))
            continue;
        cat(upd, "%s", first ? "" : ", ");
        expr(upd, table, cols[i]);
        first = 0;
    }
    cat(upd, " FROM src.\"%s\" s WHERE s.id = ?1) WHERE id = ?3", table);
    return strlen(ins) + 10 < SQLBUF && strlen(upd) + 10 < SQLBUF ? 0 : -1;
}

static int step(struct mg *m, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        return 0;
    db_fail(m->db, rc, what);
    return -1;
}

/* Runs a one-row, one-column query with up to two int64 parameters. */
static int64_t query_int(struct mg *m, const char *sql, int64_t a, int64_t b, int *err)
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

static void query_text(struct mg *m, const char *sql, int64_t a, char *out, size_t outsz)
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

/* ---- areas and helpers ------------------------------------------------------ */

static int merge_areas(struct mg *m)
{
    sqlite3_stmt *st = db_stmt(m->db, "SELECT s.code, s.name, t.name FROM src.areas s "
                                      "LEFT JOIN main.areas t ON t.code = s.code ORDER BY s.level, s.code");
    if (!st)
        return -1;
    int rc;
    /* Conflicts are gathered first: inserting while stepping would make the
     * LEFT JOIN see the new rows. */
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *tname = (const char *)sqlite3_column_text(st, 2);
        const char *sname = (const char *)sqlite3_column_text(st, 1);
        if (tname && strcmp(tname, sname) != 0)
            conflict(m, "AREA_NAME", "区划代码 %s 在源文件中叫“%s”，在目标文件中叫“%s”，保留目标文件的名称，请核实",
                     (const char *)sqlite3_column_text(st, 0), sname, tname);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_fail(m->db, rc, "读取源文件区划"), -1;
    st = db_stmt(m->db, "INSERT INTO main.areas(code, level, name, parent, provisional) "
                        "SELECT code, level, name, parent, provisional FROM src.areas s "
                        "WHERE NOT EXISTS (SELECT 1 FROM main.areas t WHERE t.code = s.code) ORDER BY level, code");
    if (!st || step(m, st, "合并区划") < 0)
        return -1;
    m->rep->areas_added += sqlite3_changes(db_handle(m->db));
    st = db_stmt(m->db, "INSERT OR IGNORE INTO main.village_groups(village, name) "
                        "SELECT village, name FROM src.village_groups");
    if (!st || step(m, st, "合并村民小组") < 0)
        return -1;
    m->rep->groups_added += sqlite3_changes(db_handle(m->db));
    return 0;
}

static int merge_helpers(struct mg *m)
{
    if (db_exec(m->db, "CREATE TEMP TABLE IF NOT EXISTS merge_helper (src_id INTEGER PRIMARY KEY, tgt_id INTEGER);"
                       "DELETE FROM temp.merge_helper;", "合并帮扶责任人") != DB_OK)
        return -1;
    char ins[SQLBUF], upd[SQLBUF];
    if (build(m, "helpers", ins, upd) < 0)
        return -1;
    sqlite3_stmt *st = db_stmt(m->db, "SELECT s.id, (SELECT t.id FROM main.helpers t WHERE t.name = s.name "
                                      "AND t.unit = s.unit AND t.phone = s.phone AND t.deleted = 0 ORDER BY t.id LIMIT 1) "
                                      "FROM src.helpers s WHERE s.deleted = 0 ORDER BY s.id");
    if (!st)
        return -1;
    /* All pairs first (a village has tens of helpers): the target is
     * written afterwards, never while the query runs. */
    int64_t (*pairs)[2] = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            void *g = realloc(pairs, cap * sizeof *pairs);
            if (!g) {
                rc = SQLITE_NOMEM;
                break;
            }
            pairs = g;
        }
        pairs[n][0] = sqlite3_column_int64(st, 0);
        pairs[n][1] = sqlite3_column_int64(st, 1);
        n++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(pairs);
        return db_fail(m->db, rc, "读取源文件帮扶责任人"), -1;
    }
    int ret = 0;
    for (size_t i = 0; i < n && ret == 0; i++) {
        int64_t tgt = pairs[i][1];
        if (!tgt) {
            sqlite3_stmt *w = db_stmt(m->db, ins);
            if (!w) {
                ret = -1;
                break;
            }
            sqlite3_bind_int64(w, 1, pairs[i][0]);
            if (step(m, w, "合并帮扶责任人") < 0) {
                ret = -1;
                break;
            }
            tgt = sqlite3_last_insert_rowid(db_handle(m->db));
            m->rep->helpers_added++;
        }
        sqlite3_stmt *w = db_stmt(m->db, "INSERT OR REPLACE INTO temp.merge_helper VALUES (?1, ?2)");
        if (!w) {
            ret = -1;
            break;
        }
        sqlite3_bind_int64(w, 1, pairs[i][0]);
        sqlite3_bind_int64(w, 2, tgt);
        ret = step(m, w, "合并帮扶责任人");
    }
    free(pairs);
    return ret;
}

/* ---- one household ----------------------------------------------------------- */

/* Ids of source rows of a child table missing from (or, matched, present
 * in) the target household.  At most `max`; returns the count or -1. */
static int child_rows(struct mg *m, const struct child *c, int matched, int64_t s_hh, int64_t t_hh,
                      int64_t (*out)[2], int max)
{
    char sql[2048];
    if (matched)
        snprintf(sql, sizeof sql, "SELECT s.id, t.id FROM src.\"%s\" s JOIN main.\"%s\" t ON t.household_id = ?2 "
                 "AND %s WHERE s.household_id = ?1%s ORDER BY s.id", c->table, c->table, c->key, c->filter);
    else
        snprintf(sql, sizeof sql, "SELECT s.id, 0 FROM src.\"%s\" s WHERE s.household_id = ?1%s AND NOT EXISTS "
                 "(SELECT 1 FROM main.\"%s\" t WHERE t.household_id = ?2 AND %s) ORDER BY s.id",
                 c->table, c->filter, c->table, c->key);
    sqlite3_stmt *st = db_stmt(m->db, sql);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, s_hh);
    sqlite3_bind_int64(st, 2, t_hh);
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < max) {
        out[n][0] = sqlite3_column_int64(st, 0);
        out[n][1] = sqlite3_column_int64(st, 1);
        n++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return db_fail(m->db, rc, "读取源文件"), -1;
    return n;
}

#define MAX_CHILD_ROWS 4096

static int sync_children(struct mg *m, int64_t s_hh, int64_t t_hh, int newer, long *changes)
{
    static int64_t rows[MAX_CHILD_ROWS][2];
    if (newer) {
        /* Members who left the household at the source leave it here too
         * (first, so their ID numbers are free for the inserts below). */
        sqlite3_stmt *st = db_stmt(m->db,
            "UPDATE main.members SET deleted = 1, deleted_at = strftime('%Y-%m-%d %H:%M:%S','now','localtime'), "
            "updated_at = (SELECT updated_at FROM src.households WHERE id = ?1) "
            "WHERE household_id = ?2 AND deleted = 0 AND id_no NOT IN "
            "(SELECT id_no FROM src.members WHERE household_id = ?1 AND deleted = 0)");
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, s_hh);
        sqlite3_bind_int64(st, 2, t_hh);
        if (step(m, st, "合并家庭成员") < 0)
            return -1;
        *changes += sqlite3_changes(db_handle(m->db));
    }
    /* Additive records: close assignments and add signatures first. */
    sqlite3_stmt *st = db_stmt(m->db,
        "UPDATE main.assignments AS t SET to_date = s.to_date, updated_at = s.updated_at FROM src.assignments s "
        "WHERE s.household_id = ?1 AND t.household_id = ?2 AND t.to_date IS NULL AND s.to_date IS NOT NULL "
        "AND t.deleted = 0 AND s.deleted = 0 AND t.from_date = s.from_date "
        "AND t.helper_id IS (SELECT tgt_id FROM temp.merge_helper WHERE src_id = s.helper_id)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, s_hh);
    sqlite3_bind_int64(st, 2, t_hh);
    if (step(m, st, "合并帮扶责任人安排") < 0)
        return -1;
    *changes += sqlite3_changes(db_handle(m->db));
    m->rep->rows_updated += sqlite3_changes(db_handle(m->db));
    st = db_stmt(m->db,
        "UPDATE main.aid_records AS t SET signed_household = max(t.signed_household, s.signed_household), "
        "signed_village = max(t.signed_village, s.signed_village), signed_team = max(t.signed_team, s.signed_team), "
        "updated_at = s.updated_at FROM src.aid_records s WHERE s.household_id = ?1 AND t.household_id = ?2 "
        "AND t.date = s.date AND t.measure = s.measure AND t.content = s.content AND t.created_at = s.created_at "
        "AND (s.signed_household > t.signed_household OR s.signed_village > t.signed_village "
        "OR s.signed_team > t.signed_team)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, s_hh);
    sqlite3_bind_int64(st, 2, t_hh);
    if (step(m, st, "合并帮扶记录签字") < 0)
        return -1;
    *changes += sqlite3_changes(db_handle(m->db));
    m->rep->rows_updated += sqlite3_changes(db_handle(m->db));

    for (size_t i = 0; i < N_CHILDREN; i++) {
        const struct child *c = &CHILDREN[i];
        if (c->mutable_ && newer) {
            int n = child_rows(m, c, 1, s_hh, t_hh, rows, MAX_CHILD_ROWS);
            if (n < 0)
                return -1;
            for (int k = 0; k < n; k++) {
                sqlite3_stmt *w = db_stmt(m->db, m->upd[i]);
                if (!w)
                    return -1;
                sqlite3_bind_int64(w, 1, rows[k][0]);
                sqlite3_bind_int64(w, 2, t_hh);
                sqlite3_bind_int64(w, 3, rows[k][1]);
                if (step(m, w, "合并") < 0)
                    return -1;
                m->rep->rows_updated++;
            }
        }
        if (c->mutable_ && !newer)
            continue;
        int n = child_rows(m, c, 0, s_hh, t_hh, rows, MAX_CHILD_ROWS);
        if (n < 0)
            return -1;
        for (int k = 0; k < n; k++) {
            sqlite3_stmt *w = db_stmt(m->db, m->ins[i]);
            if (!w)
                return -1;
            sqlite3_bind_int64(w, 1, rows[k][0]);
            sqlite3_bind_int64(w, 2, t_hh);
            if (step(m, w, "合并") < 0)
                return -1;
            m->rep->rows_added++;
            (*changes)++;
        }
    }
    return 0;
}

/* Latest stamp of the household's mutable records in `schema` (main/src). */
static void stamp(struct mg *m, const char *schema, int64_t hh, char out[32])
{
    char sql[1024];
    snprintf(sql, sizeof sql,
        "SELECT max(x) FROM (SELECT updated_at x FROM %1$s.households WHERE id = ?1 "
        "UNION ALL SELECT max(updated_at) FROM %1$s.members WHERE household_id = ?1 "
        "UNION ALL SELECT max(updated_at) FROM %1$s.applications WHERE household_id = ?1 "
        "UNION ALL SELECT max(updated_at) FROM %1$s.surveys WHERE household_id = ?1 "
        "UNION ALL SELECT max(updated_at) FROM %1$s.exits WHERE household_id = ?1)", schema);
    query_text(m, sql, hh, out, 32);
}

/* "东风村 户主张三 (身份证号 …)" of a household in `schema`. */
static void describe(struct mg *m, const char *schema, int64_t hh, char *out, size_t outsz)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT coalesce((SELECT name FROM %1$s.areas WHERE code = h.village), h.village) "
             "|| ' 户主' || h.head_name || coalesce(' (户编号 ' || h.hh_no || ')', '') FROM %1$s.households h "
             "WHERE h.id = ?1", schema);
    query_text(m, sql, hh, out, outsz);
}

static int merge_household(struct mg *m, int64_t s_hh)
{
    int err = 0;
    /* Target households holding any of the source household's people. */
    sqlite3_stmt *st = db_stmt(m->db,
        "SELECT DISTINCT t.household_id FROM src.members s JOIN main.members t ON t.id_no = s.id_no AND t.deleted = 0 "
        "WHERE s.household_id = ?1 AND s.deleted = 0 LIMIT 3");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, s_hh);
    int64_t owners[3];
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < 3)
        owners[n++] = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return db_fail(m->db, rc, "匹配身份证号"), -1;

    char sdesc[256], tdesc[256], who[256];
    if (n >= 2 || n == 1) {
        int64_t t_hh = owners[0];
        int same = n == 1
            && query_int(m, "SELECT (SELECT village FROM main.households WHERE id = ?2) = "
                            "(SELECT village FROM src.households WHERE id = ?1) AND "
                            "(SELECT id_no FROM main.members WHERE household_id = ?2 AND deleted = 0 AND relation = 1 "
                            " ORDER BY ordinal LIMIT 1) IS "
                            "(SELECT id_no FROM src.members WHERE household_id = ?1 AND deleted = 0 AND relation = 1 "
                            " ORDER BY ordinal LIMIT 1)", s_hh, t_hh, &err);
        if (err)
            return -1;
        if (!same) {
            describe(m, "src", s_hh, sdesc, sizeof sdesc);
            for (int k = 0; k < n; k++) {
                describe(m, "main", owners[k], tdesc, sizeof tdesc);
                char sql[512];
                snprintf(sql, sizeof sql, "SELECT group_concat(s.name || ' ' || s.id_no, '、') FROM src.members s "
                         "JOIN main.members t ON t.id_no = s.id_no AND t.deleted = 0 AND t.household_id = %lld "
                         "WHERE s.household_id = ?1 AND s.deleted = 0", (long long)owners[k]);
                query_text(m, sql, s_hh, who, sizeof who);
                conflict(m, "PERSON_TWICE", "重复登记：%s 在源文件中属于 %s，在目标文件中属于 %s。该户未合并，请核实后处理",
                         who, sdesc, tdesc);
            }
            return 0;
        }
        /* The same household: 户编号 must agree. */
        char s_no[32], t_no[32];
        query_text(m, "SELECT hh_no FROM src.households WHERE id = ?1", s_hh, s_no, sizeof s_no);
        query_text(m, "SELECT hh_no FROM main.households WHERE id = ?1", t_hh, t_no, sizeof t_no);
        if (s_no[0] && t_no[0] && strcmp(s_no, t_no) != 0) {
            describe(m, "src", s_hh, sdesc, sizeof sdesc);
            conflict(m, "HH_NO", "户编号不一致：%s 在目标文件中的户编号为 %s。该户未合并", sdesc, t_no);
            return 0;
        }
        if (s_no[0] && !t_no[0]) {
            sqlite3_stmt *q = db_stmt(m->db, "SELECT id FROM main.households WHERE hh_no = ?1");
            if (!q)
                return -1;
            sqlite3_bind_text(q, 1, s_no, -1, SQLITE_TRANSIENT);
            int64_t other = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
            sqlite3_reset(q);
            if (other) {
                describe(m, "src", s_hh, sdesc, sizeof sdesc);
                describe(m, "main", other, tdesc, sizeof tdesc);
                conflict(m, "HH_NO", "户编号冲突：%s 的户编号 %s 在目标文件中已属于 %s。该户未合并", sdesc, s_no, tdesc);
                return 0;
            }
        }
        char ss[32], ts[32];
        stamp(m, "src", s_hh, ss);
        stamp(m, "main", t_hh, ts);
        int newer = strcmp(ss, ts) > 0;
        if (db_begin(m->db) != DB_OK)
            return -1;
        long changes = 0;
        int bad = 0;
        if (newer) {
            sqlite3_stmt *w = db_stmt(m->db, m->hh_upd);
            if (!w)
                bad = 1;
            else {
                sqlite3_bind_int64(w, 1, s_hh);
                sqlite3_bind_int64(w, 3, t_hh);
                bad = step(m, w, "合并户信息") < 0;
                changes += !bad;
                m->rep->rows_updated += !bad;
            }
        }
        if (!bad)
            bad = sync_children(m, s_hh, t_hh, newer, &changes) < 0;
        if (bad) {
            char why[300];
            snprintf(why, sizeof why, "%s", db_errmsg(m->db));
            db_rollback(m->db);
            describe(m, "src", s_hh, sdesc, sizeof sdesc);
            conflict(m, "SAVE", "%s 未合并：%s", sdesc, why);
            return 0;
        }
        if (db_commit(m->db) != DB_OK)
            return -1;
        if (changes) m->rep->households_updated++; else m->rep->households_unchanged++;
        return 0;
    }

    /* A new household: its 户编号 must be free. */
    char s_no[32];
    query_text(m, "SELECT hh_no FROM src.households WHERE id = ?1", s_hh, s_no, sizeof s_no);
    if (s_no[0]) {
        sqlite3_stmt *q = db_stmt(m->db, "SELECT id FROM main.households WHERE hh_no = ?1");
        if (!q)
            return -1;
        sqlite3_bind_text(q, 1, s_no, -1, SQLITE_TRANSIENT);
        int64_t other = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
        sqlite3_reset(q);
        if (other) {
            describe(m, "src", s_hh, sdesc, sizeof sdesc);
            describe(m, "main", other, tdesc, sizeof tdesc);
            conflict(m, "HH_NO", "户编号冲突：%s 的户编号 %s 在目标文件中已属于 %s（成员身份证号不同）。该户未合并",
                     sdesc, s_no, tdesc);
            return 0;
        }
    }
    /* No savepoint here: a savepoint copies every page it touches to the
     * statement journal (measured: 40 s instead of 3 s for 10 000
     * households), and a new household cannot collide — its people and its
     * 户编号 were just checked, its rows satisfied the same schema in the
     * source.  Should the schema refuse a row anyway, the whole source is
     * rolled back and the error says which household. */
    sqlite3_stmt *w = db_stmt(m->db, m->hh_ins);
    if (!w)
        return -1;
    sqlite3_bind_int64(w, 1, s_hh);
    long changes = 0;
    int64_t t_hh = 0;
    int bad = step(m, w, "合并户信息") < 0;
    if (!bad) {
        t_hh = sqlite3_last_insert_rowid(db_handle(m->db));
        bad = sync_children(m, s_hh, t_hh, 1, &changes) < 0;
    }
    if (bad) {
        char why[300];
        snprintf(why, sizeof why, "%s", db_errmsg(m->db));
        describe(m, "src", s_hh, sdesc, sizeof sdesc);
        db_set_error(m->db, DB_ERR_CONSTRAINT, "合并 %s 时出错，本源文件未合并：%s", sdesc, why);
        return -1;
    }
    m->rep->households_added++;
    m->rep->rows_added++;
    return 0;
}

/* ---- one source file ------------------------------------------------------- */

static enum db_err merge_all(struct mg *m)
{
    if (merge_areas(m) < 0 || merge_helpers(m) < 0)
        return DB_ERR_IO;
    for (size_t i = 0; i < N_CHILDREN; i++)
        if (build(m, CHILDREN[i].table, m->ins[i], m->upd[i]) < 0)
            return db_set_error(m->db, DB_ERR_IO, "内部错误：合并语句过长 (%s)", CHILDREN[i].table);
    if (build(m, "households", m->hh_ins, m->hh_upd) < 0)
        return db_set_error(m->db, DB_ERR_IO, "内部错误：合并语句过长 (households)");
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
            if (merge_household(m, batch[i]) < 0)
                return DB_ERR_CONSTRAINT;
        if (n < 1024)
            return DB_OK;
        last = batch[n - 1];
    }
}

enum db_err db_merge_file(struct db *db, const char *source_path, size_t max_msgs, struct merge_report *rep)
{
    memset(rep, 0, sizeof *rep);
    if (access(source_path, R_OK) != 0)
        return db_set_error(db, DB_ERR_OPEN, "无法读取源文件 %s (cannot read source)", source_path);
    char a[PATH_MAX], b[PATH_MAX];
    if (realpath(source_path, a) && realpath(db_path(db), b) && strcmp(a, b) == 0)
        return db_set_error(db, DB_ERR_INVALID, "源文件就是目标文件本身：%s (source is the target)", source_path);
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

    struct mg *m = calloc(1, sizeof *m);
    enum db_err err = m ? DB_OK : db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    if (m) {
        m->db = db;
        m->rep = rep;
        m->max_msgs = max_msgs ? max_msgs : 200;
        m->source = source_path;
    }
    int version = -1, tables = 0;
    if (err == DB_OK) {
        sqlite3_stmt *q = NULL;
        rc = sqlite3_prepare_v2(db_handle(db), "PRAGMA src.user_version", -1, &q, NULL);
        if (rc == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
            version = sqlite3_column_int(q, 0);
        else if (rc == SQLITE_OK)
            rc = sqlite3_errcode(db_handle(db));
        sqlite3_finalize(q);
        if (rc != SQLITE_OK)
            err = db_set_error(db, DB_ERR_NOTDB, "源文件不是 fupin 的数据库或已损坏：%s (not a fupin database: %s)",
                               source_path, sqlite3_errstr(rc));
    }
    if (err == DB_OK) {
        int e2 = 0;
        tables = (int)query_int(m, "SELECT count(*) FROM src.sqlite_master WHERE type = 'table' AND name IN "
                                   "('households', 'members', 'areas')", 0, 0, &e2);
        if (e2)
            err = DB_ERR_NOTDB;
    }
    if (err == DB_OK && (tables != 3 || version < 1))
        err = db_set_error(db, DB_ERR_NOTDB, "源文件不是 fupin 的数据库：%s (not a fupin database)", source_path);
    else if (err == DB_OK && version != db_schema_current())
        err = db_set_error(db, DB_ERR_NEWER, "源文件的数据库版本 %d 与本程序的 %d 不同，请先用同一版本的 fupin 打开它 "
                           "(schema version differs: %s)", version, db_schema_current(), source_path);
    /* A source's rows go in as one transaction; with SQLite's default 2 MB
     * page cache the dirty pages of a 10 000-household file are spilled to
     * the WAL and rewritten again and again (measured: ~1 million pwrites,
     * 30 s).  A larger cache for the merge only; the pages are allocated
     * only as the transaction needs them. */
    /* Statement journals (every INSERT that fires an audit trigger needs
     * one) in memory: once one spills to a temp file, SQLite writes every
     * later statement's pages there too (measured: 700 000 pwrites). */
    if (err == DB_OK)
        err = db_exec(db, "PRAGMA main.cache_size = -" MERGE_CACHE_KIB "; PRAGMA temp_store = MEMORY", "合并");
    if (err == DB_OK)
        err = db_begin(db);
    if (err == DB_OK) {
        err = merge_all(m);
        long changed = rep->areas_added + rep->groups_added + rep->helpers_added + rep->households_added
                     + rep->households_updated;
        if (err == DB_OK && changed) {
            /* The row-level triggers logged every row; this row says why. */
            sqlite3_stmt *w = db_stmt(db, "INSERT INTO audit(operator, tbl, row_id, action, old, new) VALUES "
                "(?1, 'merge', 0, 'insert', NULL, json_object('source', ?2, 'households_added', ?3, "
                "'households_updated', ?4, 'rows_added', ?5, 'rows_updated', ?6, 'conflicts', ?7, 'areas_added', ?8))");
            if (!w) {
                err = DB_ERR_IO;
            } else {
                sqlite3_bind_text(w, 1, db_operator(db), -1, SQLITE_STATIC);
                sqlite3_bind_text(w, 2, source_path, -1, SQLITE_STATIC);
                sqlite3_bind_int64(w, 3, rep->households_added);
                sqlite3_bind_int64(w, 4, rep->households_updated);
                sqlite3_bind_int64(w, 5, rep->rows_added);
                sqlite3_bind_int64(w, 6, rep->rows_updated);
                sqlite3_bind_int64(w, 7, (int64_t)rep->conflicts);
                sqlite3_bind_int64(w, 8, rep->areas_added);
                rc = sqlite3_step(w);
                sqlite3_reset(w);
                if (rc != SQLITE_DONE)
                    err = db_fail(db, rc, "记录合并");
            }
        }
        if (err == DB_OK && (rep->households_added || rep->households_updated))
            err = db_search_rebuild(db);
        if (err == DB_OK)
            err = db_commit(db);
        else
            db_rollback(db);
    }
    if (err != DB_OK) {
        long c = (long)rep->conflicts;
        struct merge_msg *msgs = rep->msgs;
        size_t nm = rep->n_msgs, cm = rep->cap_msgs;
        memset(rep, 0, sizeof *rep);
        rep->conflicts = (size_t)c;
        rep->msgs = msgs;
        rep->n_msgs = nm;
        rep->cap_msgs = cm;
    }
    /* Keep the error message across DETACH. */
    char saved[512];
    snprintf(saved, sizeof saved, "%s", db_errmsg(db));
    db_exec(db, "PRAGMA main.cache_size = -2000; PRAGMA temp_store = DEFAULT", "合并");
    db_exec(db, "DROP TABLE IF EXISTS temp.merge_helper", "合并");
    sqlite3_stmt *d = db_stmt(db, "DETACH DATABASE src");
    if (d) {
        sqlite3_step(d);
        sqlite3_reset(d);
    }
    if (err != DB_OK)
        db_set_error(db, err, "%s", saved);
    free(m);
    return err;
}

void merge_report_free(struct merge_report *rep)
{
    free(rep->msgs);
    rep->msgs = NULL;
    rep->n_msgs = rep->cap_msgs = 0;
}
