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
#include "db/operators.h"
#include "db/audit.h"
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
#define MERGE_CACHE_KIB "32768"       /* 32 MiB: see db_merge_file */
#define MAXCOLS 160

/* A source row's reference, as the id of the matching target row: the
 * pairs are kept in temp.merge_map (tbl 'helper', 'meeting', 'notice',
 * 'project'). */
#define MAP(kind, col) "(SELECT tgt_id FROM temp.merge_map WHERE tbl = '" kind "' AND src_id = s." col ")"

enum mode {
    ADD,        /* added when missing, never updated (records of events) */
    HH,         /* updated with the household when its source is newer */
    ROW,        /* added when missing, updated when the row itself is newer */
};

struct child {
    const char *table;
    const char *scope;      /* the source rows (alias s) of source household ?1 */
    const char *key;        /* target row t is source row s (?2 = target household) */
    enum mode mode;
    const char *map;        /* kind of temp.merge_map this table's ids go to */
    const char *differs;    /* same key, other content: a conflict, the target kept */
    const char *refuse;     /* a missing row that may not be added: a conflict */
    const char *label;      /* for the conflicts: the record, in Chinese */
    const char *show;       /* for the conflicts: describes row x */
};

#define OF_HH "s.household_id = ?1"
#define OF_PROJECT "s.project_id IN (SELECT id FROM src.projects WHERE household_id = ?1)"
#define OF_PLAN "s.plan_id IN (SELECT id FROM src.plans WHERE household_id = ?1 AND deleted = 0)"

/* Order matters: aid entries before waivers (the schema refuses new entries
 * after a waiver), assignments closed before a new current one is added,
 * projects (mapped) before their disbursements, verifications, votes and
 * notice lists. */
static const struct child CHILDREN[] = {
    { "members", OF_HH " AND s.deleted = 0", "t.household_id = ?2 AND t.id_no = s.id_no AND t.deleted = 0", HH,
      0, 0, 0, 0, 0 },
    { "applications", OF_HH, "t.household_id = ?2 AND t.year = s.year", HH, 0, 0, 0, 0, 0 },
    { "surveys", OF_HH, "t.household_id = ?2 AND t.year = s.year", HH, 0, 0, 0, 0, 0 },
    { "exits", OF_HH " AND s.deleted = 0", "t.household_id = ?2 AND t.year = s.year AND t.deleted = 0", HH,
      0, 0, 0, 0, 0 },
    { "state_history", OF_HH, "t.household_id = ?2 AND t.from_state = s.from_state AND t.to_state = s.to_state "
                              "AND t.date = s.date AND t.at = s.at", ADD, 0, 0, 0, 0, 0 },
    /* Issue 11: a registered household's member events and changes come
     * with their reasons, as recorded where they were keyed. */
    { "member_events", OF_HH, "t.household_id = ?2 AND t.kind = s.kind AND t.id_no = s.id_no AND t.date = s.date "
                              "AND t.at = s.at", ADD, 0, 0, 0, 0, 0 },
    { "hh_changes", OF_HH, "t.household_id = ?2 AND t.at = s.at AND t.reason = s.reason", ADD, 0, 0, 0, 0, 0 },
    { "assignments", OF_HH " AND s.deleted = 0", "t.household_id = ?2 AND t.helper_id IS " MAP("helper", "helper_id")
                     " AND t.from_date = s.from_date", ADD, 0, 0, 0, 0, 0 },
    { "aid_records", OF_HH " AND s.deleted = 0", "t.household_id = ?2 AND t.date = s.date AND t.measure = s.measure "
                     "AND t.content = s.content AND t.created_at = s.created_at", ADD, 0, 0, 0, 0, 0 },
    { "waivers", OF_HH " AND s.deleted = 0", "t.household_id = ?2 AND t.date = s.date AND t.reason = s.reason", ADD,
      0, 0, 0, 0, 0 },
    /* Issue 15: a household's 帮扶规划 of a year (mapped), its items by
     * measure (each once a plan), the newer side's text winning. */
    { "plans", OF_HH " AND s.deleted = 0", "t.household_id = ?2 AND t.year = s.year AND t.deleted = 0", ROW,
      "plan", 0, 0, 0, 0 },
    { "plan_items", OF_PLAN, "t.plan_id = " MAP("plan", "plan_id") " AND t.measure = s.measure", ROW, 0, 0, 0, 0,
      0 },
    { "projects", OF_HH, "t.household_id = ?2 AND t.kind = s.kind AND t.year = s.year AND t.created_at = s.created_at",
      ROW, "project", 0, 0, 0, 0 },
    { "disbursements", OF_PROJECT, "t.project_id = " MAP("project", "project_id") " AND t.stage = s.stage "
      "AND t.date = s.date", ROW, 0, "t.amount <> s.amount", 0, "项目资金拨付",
      "x.date || CASE x.stage WHEN 1 THEN ' 预付 ' ELSE ' 尾款 ' END || printf('%.2f 元', x.amount / 100.0)" },
    { "verifications", OF_PROJECT, "t.project_id = " MAP("project", "project_id") " AND t.level = s.level", ROW, 0,
      "t.passed <> s.passed", 0, "项目验收",
      "CASE x.level WHEN 1 THEN '村级' WHEN 2 THEN '乡镇' ELSE '县级' END || '验收 ' || x.date "
      "|| CASE x.passed WHEN 1 THEN ' 合格' ELSE ' 不合格' END" },
    { "votes", OF_HH, "t.household_id = ?2 AND t.meeting_id = " MAP("meeting", "meeting_id")
      " AND t.project_id IS " MAP("project", "project_id"), ROW, 0, 0, 0, 0, 0 },
    { "notice_households", OF_HH, "t.household_id = ?2 AND t.notice_id = " MAP("notice", "notice_id"), ADD, 0, 0,
      "EXISTS (SELECT 1 FROM main.notices n WHERE n.id = " MAP("notice", "notice_id") " AND n.posted = 1)",
      "公示名单",
      "(SELECT coalesce(a.name, n.area) || ' ' || n.year || '年第' || n.round || '榜公示（' || n.start_date || '起）' "
      "FROM src.notices n LEFT JOIN src.areas a ON a.code = n.area WHERE n.id = x.notice_id)" },
    { "objections", OF_HH, "t.household_id = ?2 AND t.notice_id = " MAP("notice", "notice_id")
      " AND t.received_date = s.received_date AND t.created_at = s.created_at", ROW, 0, 0, 0, 0, 0 },
    { "rechecks", OF_HH, "t.household_id = ?2 AND t.notice_id = " MAP("notice", "notice_id") " AND t.date = s.date",
      ROW, 0, 0, 0, 0, 0 },
    /* Issue 15: 防返贫监测.  Events before the records that may cite them;
     * a record updated when newer (风险消除 keyed at the village). */
    { "hh_events", OF_HH " AND s.deleted = 0", "t.household_id = ?2 AND t.date = s.date AND t.kind = s.kind "
      "AND t.created_at = s.created_at", ADD, 0, 0, 0, 0, 0 },
    { "monitor_records", OF_HH, "t.household_id = ?2 AND t.identified = s.identified "
      "AND t.created_at = s.created_at", ROW, 0, 0, 0, 0, 0 },
    { "monitor_dismissals", OF_HH, "t.household_id = ?2 AND t.cause = s.cause", ADD, 0, 0, 0, 0, 0 },
};
#define N_CHILDREN (sizeof CHILDREN / sizeof *CHILDREN)

/* Records of the village (not of one household), merged before the
 * households, matched by their natural key `cols`: the k-th source row of
 * a key (in id order) is the k-th target row of that key, else it is added
 * — a village holds several 项目 notices and meetings of the same day, one
 * per project, and rows are copied in id order, so the ranks agree from one
 * merge to the next.  Updated when the source row is newer if `update`. */
struct top {
    const char *table, *map, *cols, *filter;
    int update;
};

static const struct top TOPS[] = {
    { "helpers", "helper", "name, unit, phone", "deleted = 0", 0 },
    { "meetings", "meeting", "village, kind, year, meeting_date", "1", 1 },
    { "notices", "notice", "area, kind, round, year, start_date", "1", 1 },
    /* Issue 15: the 驻村工作队, so that an aid entry's 工作队长签字 keeps who
     * signed (the visit log is not merged yet). */
    { "team_members", "team_member", "village, name, id_no, phone, from_date", "deleted = 0", 1 },
};
#define N_TOPS (sizeof TOPS / sizeof *TOPS)

struct mg {
    struct db *db;
    struct merge_report *rep;
    size_t max_msgs;
    const char *source;
    char ins[N_CHILDREN][SQLBUF];   /* INSERT one source row (?1 s.rowid, ?2 target household) */
    char upd[N_CHILDREN][SQLBUF];   /* UPDATE one target row from one source row (?1 s.rowid, ?3 t.rowid) */
    char hh_ins[SQLBUF], hh_upd[SQLBUF];
    int64_t *chunks;                /* search chunks (id >> 7) of the households written */
    size_t n_chunks, cap_chunks;
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
static int build(struct mg *m, const char *table, char *ins, char *upd, int newer_only)
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

/* Runs `sql` with ?1 = a, ?2 = b; adds the changed rows to *changes. */
static int exec2(struct mg *m, const char *sql, int64_t a, int64_t b, const char *what, long *changes)
{
    sqlite3_stmt *st = db_stmt(m->db, sql);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, a);
    sqlite3_bind_int64(st, 2, b);
    if (step(m, st, what) < 0)
        return -1;
    if (changes)
        *changes += sqlite3_changes(db_handle(m->db));
    return 0;
}

static int merge_top(struct mg *m, const struct top *tp)
{
    char ins[SQLBUF], upd[SQLBUF], sql[1024];
    if (build(m, tp->table, ins, upd, 1) < 0)
        return -1;
    char on[256] = "", col[64];
    for (const char *p = tp->cols; *p; ) {
        size_t len = strcspn(p, ", ");
        snprintf(col, sizeof col, "%.*s", (int)len, p);
        snprintf(on + strlen(on), sizeof on - strlen(on), " AND t.%s = s.%s", col, col);
        p += len;
        p += strspn(p, ", ");
    }
    snprintf(sql, sizeof sql, "WITH s AS (SELECT id, %2$s, row_number() OVER (PARTITION BY %2$s ORDER BY id) r "
             "FROM src.\"%1$s\" WHERE %3$s), t AS (SELECT id, %2$s, row_number() OVER (PARTITION BY %2$s ORDER BY id) r "
             "FROM main.\"%1$s\" WHERE %3$s) SELECT s.id, coalesce(t.id, 0) FROM s LEFT JOIN t ON t.r = s.r%4$s "
             "ORDER BY s.id", tp->table, tp->cols, tp->filter, on);
    sqlite3_stmt *st = db_stmt(m->db, sql);
    if (!st)
        return -1;
    /* All pairs first (a village has tens of these): the target is written
     * afterwards, never while the query runs. */
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
        return db_fail(m->db, rc, "读取源文件"), -1;
    }
    snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO temp.merge_map(tbl, src_id, tgt_id) VALUES ('%s', ?1, ?2)",
             tp->map);
    int ret = 0;
    for (size_t i = 0; i < n && ret == 0; i++) {
        int64_t tgt = pairs[i][1];
        if (!tgt) {
            ret = exec2(m, ins, pairs[i][0], 0, "合并", NULL);
            if (ret < 0)
                break;
            tgt = sqlite3_last_insert_rowid(db_handle(m->db));
            m->rep->rows_added++;
            long *count = tp == &TOPS[0] ? &m->rep->helpers_added
                        : tp == &TOPS[1] ? &m->rep->meetings_added
                        : tp == &TOPS[2] ? &m->rep->notices_added : NULL;
            if (count)
                ++*count;
        } else if (tp->update) {
            sqlite3_stmt *w = db_stmt(m->db, upd);
            if (!w) {
                ret = -1;
                break;
            }
            sqlite3_bind_int64(w, 1, pairs[i][0]);
            sqlite3_bind_int64(w, 3, tgt);
            ret = step(m, w, "合并");
            m->rep->rows_updated += sqlite3_changes(db_handle(m->db));
        }
        if (ret == 0)
            ret = exec2(m, sql, pairs[i][0], tgt, "合并", NULL);
    }
    free(pairs);
    return ret;
}

/* A notice is posted (closed) in the target once posted (closed) in either
 * file — after the households' lists were merged (see expr). */
static int raise_notices(struct mg *m)
{
    long changes = 0;
    if (exec2(m, "UPDATE main.notices AS t SET posted = max(t.posted, s.posted), closed = max(t.closed, s.closed) "
                 "FROM src.notices s JOIN temp.merge_map mp ON mp.tbl = 'notice' AND mp.src_id = s.id "
                 "WHERE t.id = mp.tgt_id AND (s.posted > t.posted OR s.closed > t.closed)", 0, 0, "合并公示",
              &changes) < 0)
        return -1;
    m->rep->rows_updated += changes;
    return 0;
}

/* ---- one household ----------------------------------------------------------- */

enum pick { MISSING, MATCHED, DIFFERS, REFUSED };

/* Rowids of the source rows of a child table (with the matching target
 * rows): MISSING from the target (and allowed), MATCHED and to be updated,
 * matched but DIFFERS, or missing but REFUSED.  At most `max`; returns the
 * count or -1. */
static int child_rows(struct mg *m, const struct child *c, enum pick pick, int newer, int64_t s_hh, int64_t t_hh,
                      int64_t (*out)[2], int max)
{
    char sql[4096];
    if (pick == MISSING || pick == REFUSED)
        snprintf(sql, sizeof sql, "SELECT s.rowid, 0 FROM src.\"%s\" s WHERE %s AND NOT EXISTS "
                 "(SELECT 1 FROM main.\"%s\" t WHERE %s)%s%s%s", c->table, c->scope, c->table, c->key,
                 c->refuse ? (pick == REFUSED ? " AND (" : " AND NOT (") : "", c->refuse ? c->refuse : "",
                 c->refuse ? ")" : "");
    else
        snprintf(sql, sizeof sql, "SELECT s.rowid, t.rowid FROM src.\"%s\" s JOIN main.\"%s\" t ON %s WHERE %s%s%s%s%s",
                 c->table, c->table, c->key, c->scope,
                 pick == MATCHED && c->mode == ROW ? " AND s.updated_at > t.updated_at" : "",
                 c->differs ? (pick == DIFFERS ? " AND (" : " AND NOT (") : "", c->differs ? c->differs : "",
                 c->differs ? ")" : "");
    if ((pick == REFUSED && !c->refuse) || (pick == DIFFERS && !c->differs)
        || (pick == MATCHED && (c->mode == ADD || (c->mode == HH && !newer))))
        return 0;
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

static void describe(struct mg *m, const char *schema, int64_t hh, char *out, size_t outsz);

/* Reports DIFFERS and REFUSED rows of a child table. */
static int child_conflicts(struct mg *m, const struct child *c, int64_t s_hh, int64_t t_hh, int64_t (*rows)[2],
                           int max)
{
    for (enum pick p = DIFFERS; p <= REFUSED; p++) {
        int n = child_rows(m, c, p, 1, s_hh, t_hh, rows, max);
        if (n < 0)
            return -1;
        for (int k = 0; k < n; k++) {
            char sql[1024], hd[256], sv[200], tv[200];
            describe(m, "src", s_hh, hd, sizeof hd);
            snprintf(sql, sizeof sql, "SELECT %s FROM src.\"%s\" x WHERE x.rowid = ?1", c->show, c->table);
            query_text(m, sql, rows[k][0], sv, sizeof sv);
            if (p == DIFFERS) {
                snprintf(sql, sizeof sql, "SELECT %s FROM main.\"%s\" x WHERE x.rowid = ?1", c->show, c->table);
                query_text(m, sql, rows[k][1], tv, sizeof tv);
                conflict(m, "RECORD", "%s不一致：%s 在源文件中为 %s，在目标文件中为 %s。保留目标文件的记录，请核实",
                         c->label, hd, sv, tv);
            } else {
                conflict(m, "NOTICE_POSTED", "%s未合并：%s 在源文件中列入 %s，而目标文件中的该公示已张贴，"
                         "名单不可修改，请核实", c->label, hd, sv);
            }
        }
    }
    return 0;
}

/* Another current 帮扶责任人 in the target than in the source (one per
 * household: the schema refuses two): reported, the household skipped.
 * Returns 1 when so, 0 when not, -1 on error. */
static int helper_conflict(struct mg *m, int64_t s_hh, int64_t t_hh)
{
    sqlite3_stmt *st = db_stmt(m->db,
        "SELECT sh.name, sa.from_date, th.name, ta.from_date FROM src.assignments sa "
        "JOIN src.helpers sh ON sh.id = sa.helper_id, main.assignments ta JOIN main.helpers th ON th.id = ta.helper_id "
        "WHERE sa.household_id = ?1 AND sa.to_date IS NULL AND sa.deleted = 0 "
        "AND ta.household_id = ?2 AND ta.to_date IS NULL AND ta.deleted = 0 "
        "AND NOT (ta.helper_id IS (SELECT tgt_id FROM temp.merge_map WHERE tbl = 'helper' AND src_id = sa.helper_id) "
        "AND ta.from_date = sa.from_date) "
        /* …unless the source ended the target's current assignment. */
        "AND NOT EXISTS (SELECT 1 FROM src.assignments c WHERE c.household_id = ?1 AND c.deleted = 0 "
        "AND c.to_date IS NOT NULL AND c.from_date = ta.from_date "
        "AND ta.helper_id IS (SELECT tgt_id FROM temp.merge_map WHERE tbl = 'helper' AND src_id = c.helper_id)) LIMIT 1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, s_hh);
    sqlite3_bind_int64(st, 2, t_hh);
    int rc = sqlite3_step(st);
    char sn[64] = "", sf[16] = "", tn[64] = "", tf[16] = "", hd[256];
    if (rc == SQLITE_ROW) {
        db_copy_text(sn, sizeof sn, (const char *)sqlite3_column_text(st, 0));
        db_copy_text(sf, sizeof sf, (const char *)sqlite3_column_text(st, 1));
        db_copy_text(tn, sizeof tn, (const char *)sqlite3_column_text(st, 2));
        db_copy_text(tf, sizeof tf, (const char *)sqlite3_column_text(st, 3));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(m->db, rc, "合并帮扶责任人"), -1;
    if (rc == SQLITE_DONE)
        return 0;
    describe(m, "src", s_hh, hd, sizeof hd);
    conflict(m, "HELPER", "帮扶责任人不同：%s 在源文件中为 %s（%s 起），在目标文件中为 %s（%s 起）。该户未合并，请核实",
             hd, sn, sf, tn, tf);
    return 1;
}

#define MAX_CHILD_ROWS 4096

/* Updates the MATCHED rows of CHILDREN[i], or adds the MISSING ones. */
static int copy_rows(struct mg *m, size_t i, enum pick pick, int newer, int64_t s_hh, int64_t t_hh, long *changes)
{
    static int64_t rows[MAX_CHILD_ROWS][2];
    const struct child *c = &CHILDREN[i];
    int n = child_rows(m, c, pick, newer, s_hh, t_hh, rows, MAX_CHILD_ROWS);
    if (n < 0)
        return -1;
    for (int k = 0; k < n; k++) {
        sqlite3_stmt *w = db_stmt(m->db, pick == MATCHED ? m->upd[i] : m->ins[i]);
        if (!w)
            return -1;
        sqlite3_bind_int64(w, 1, rows[k][0]);
        sqlite3_bind_int64(w, 2, t_hh);
        sqlite3_bind_int64(w, 3, rows[k][1]);
        if (step(m, w, "合并") < 0)
            return -1;
        if (pick == MATCHED) {
            m->rep->rows_updated++;
        } else {
            m->rep->rows_added++;
            m->rep->projects_added += c->map && !strcmp(c->map, "project");
        }
        (*changes)++;
    }
    return 0;
}

/* Brings the records of source household s_hh into target household t_hh
 * (`fresh`: just added; `newer`: the source household is newer).  Returns
 * 0, 1 when the household conflicts (reported; the caller undoes it), -1. */
static int sync_children(struct mg *m, int64_t s_hh, int64_t t_hh, int fresh, int newer, long *changes)
{
    static int64_t rows[MAX_CHILD_ROWS][2];
    if (!fresh) {
        int hc = helper_conflict(m, s_hh, t_hh);
        if (hc)
            return hc;
    }
    if (newer && !fresh) {
        /* Members who left the household at the source leave it here too
         * (first, so their ID numbers are free for the inserts below). */
        if (exec2(m, "UPDATE main.members SET deleted = 1, deleted_at = strftime('%Y-%m-%d %H:%M:%S','now','localtime'), "
                     "updated_at = (SELECT updated_at FROM src.households WHERE id = ?1) "
                     "WHERE household_id = ?2 AND deleted = 0 AND id_no NOT IN "
                     "(SELECT id_no FROM src.members WHERE household_id = ?1 AND deleted = 0)", s_hh, t_hh,
                  "合并家庭成员", changes) < 0)
            return -1;
    }
    if (!fresh) {
        /* Additive records: close assignments and add signatures first. */
        long n = 0;
        if (exec2(m, "UPDATE main.assignments AS t SET to_date = s.to_date, updated_at = s.updated_at "
                     "FROM src.assignments s WHERE s.household_id = ?1 AND t.household_id = ?2 AND t.to_date IS NULL "
                     "AND s.to_date IS NOT NULL AND t.deleted = 0 AND s.deleted = 0 AND t.from_date = s.from_date "
                     "AND t.helper_id IS " MAP("helper", "helper_id"), s_hh, t_hh, "合并帮扶责任人安排", &n) < 0
            || exec2(m, "UPDATE main.aid_records AS t SET signed_household = max(t.signed_household, s.signed_household), "
                        "signed_village = max(t.signed_village, s.signed_village), "
                        "signed_team = max(t.signed_team, s.signed_team), updated_at = s.updated_at "
                        "FROM src.aid_records s WHERE s.household_id = ?1 AND t.household_id = ?2 "
                        "AND t.date = s.date AND t.measure = s.measure AND t.content = s.content "
                        "AND t.created_at = s.created_at AND (s.signed_household > t.signed_household "
                        "OR s.signed_village > t.signed_village OR s.signed_team > t.signed_team)",
                     s_hh, t_hh, "合并帮扶记录签字", &n) < 0)
            return -1;
        *changes += n;
        m->rep->rows_updated += n;
    }

    for (size_t i = 0; i < N_CHILDREN; i++) {
        const struct child *c = &CHILDREN[i];
        if ((!fresh || c->refuse) && child_conflicts(m, c, s_hh, t_hh, rows, MAX_CHILD_ROWS) < 0)
            return -1;
        if (!fresh && copy_rows(m, i, MATCHED, newer, s_hh, t_hh, changes) < 0)
            return -1;
        /* A household the target keeps newer keeps its members and years. */
        if ((c->mode != HH || newer) && copy_rows(m, i, MISSING, newer, s_hh, t_hh, changes) < 0)
            return -1;
        if (c->map) {
            char sql[1024];
            snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO temp.merge_map(tbl, src_id, tgt_id) "
                     "SELECT '%s', s.rowid, t.rowid FROM src.\"%s\" s JOIN main.\"%s\" t ON %s WHERE %s",
                     c->map, c->table, c->table, c->key, c->scope);
            if (exec2(m, sql, s_hh, t_hh, "合并", NULL) < 0)
                return -1;
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

/* 1 (reported) when the target gave 户编号 s_no to another household. */
static int hh_no_taken(struct mg *m, int64_t s_hh, const char *s_no, const char *why)
{
    sqlite3_stmt *q = db_stmt(m->db, "SELECT id FROM main.households WHERE hh_no = ?1");
    if (!q)
        return -1;
    sqlite3_bind_text(q, 1, s_no, -1, SQLITE_TRANSIENT);
    int64_t other = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_reset(q);
    if (!other)
        return 0;
    char sdesc[256], tdesc[256];
    describe(m, "src", s_hh, sdesc, sizeof sdesc);
    describe(m, "main", other, tdesc, sizeof tdesc);
    conflict(m, "HH_NO", "户编号冲突：%s 的户编号 %s 在目标文件中已属于 %s%s。该户未合并", sdesc, s_no, tdesc, why);
    return 1;
}

/* Notes the search chunk of a target household written by the merge. */
static int touched(struct mg *m, int64_t t_hh)
{
    int64_t c = t_hh >> 7;
    if (m->n_chunks && m->chunks[m->n_chunks - 1] == c)
        return 0;
    if (m->n_chunks == m->cap_chunks) {
        size_t cap = m->cap_chunks ? m->cap_chunks * 2 : 256;
        int64_t *g = realloc(m->chunks, cap * sizeof *g);
        if (!g)
            return db_set_error(m->db, DB_ERR_IO, "内存不足 (out of memory)"), -1;
        m->chunks = g;
        m->cap_chunks = cap;
    }
    m->chunks[m->n_chunks++] = c;
    return 0;
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
            int taken = hh_no_taken(m, s_hh, s_no, "");
            if (taken)
                return taken < 0 ? -1 : 0;
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
        int sync = bad ? -1 : sync_children(m, s_hh, t_hh, 0, newer, &changes);
        bad = sync < 0;
        if (sync > 0) {
            db_rollback(m->db);         /* reported by sync_children */
            return 0;
        }
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
        return changes ? touched(m, t_hh) : 0;
    }

    /* A new household: its 户编号 must be free. */
    char s_no[32];
    query_text(m, "SELECT hh_no FROM src.households WHERE id = ?1", s_hh, s_no, sizeof s_no);
    if (s_no[0]) {
        int taken = hh_no_taken(m, s_hh, s_no, "（成员身份证号不同）");
        if (taken)
            return taken < 0 ? -1 : 0;
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
        bad = sync_children(m, s_hh, t_hh, 1, 1, &changes) < 0;
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
    return touched(m, t_hh);
}

/* ---- one source file ------------------------------------------------------- */

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static enum db_err merge_all(struct mg *m)
{
    if (db_exec(m->db, "CREATE TEMP TABLE IF NOT EXISTS merge_map (tbl TEXT NOT NULL, src_id INTEGER NOT NULL, "
                       "tgt_id INTEGER, PRIMARY KEY (tbl, src_id)) WITHOUT ROWID; DELETE FROM temp.merge_map;",
                "合并") != DB_OK || merge_areas(m) < 0)
        return DB_ERR_IO;
    for (size_t i = 0; i < N_TOPS; i++)
        if (merge_top(m, &TOPS[i]) < 0)
            return DB_ERR_IO;
    for (size_t i = 0; i < N_CHILDREN; i++)
        if (build(m, CHILDREN[i].table, m->ins[i], m->upd[i], 0) < 0)
            return db_set_error(m->db, DB_ERR_IO, "内部错误：合并语句过长 (%s)", CHILDREN[i].table);
    if (build(m, "households", m->hh_ins, m->hh_upd, 0) < 0)
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
            return raise_notices(m) < 0 ? DB_ERR_IO : DB_OK;
        last = batch[n - 1];
    }
}

enum db_err db_merge_file(struct db *db, const char *source_path, size_t max_msgs, struct merge_report *rep)
{
    memset(rep, 0, sizeof *rep);
    /* A merge carries registrations, exits, closed notices and areas: the
     * 审核员's decisions, not a 录入员's keying. */
    if (db_require_role(db, ROLE_REVIEWER, "合并数据库") != DB_OK)
        return DB_ERR_DENIED;
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
     * only as the transaction needs them.  Measured on ten 10 000-household
     * villages (tests/bench/bench_import.sh): 8 MiB thrashes (minutes per
     * file), 32 MiB is as fast as 256 MiB, with a peak RSS of ~48 MB instead
     * of 78 MB (and 180 MB when every file also re-read the whole target to
     * rebuild the search table). */
    /* Statement journals (every INSERT that fires an audit trigger needs
     * one) in memory: once one spills to a temp file, SQLite writes every
     * later statement's pages there too (measured: 700 000 pwrites). */
    if (err == DB_OK)
        err = db_exec(db, "PRAGMA main.cache_size = -" MERGE_CACHE_KIB "; PRAGMA temp_store = MEMORY", "合并");
    if (err == DB_OK)
        err = db_begin(db);
    if (err == DB_OK) {
        err = merge_all(m);
        long changed = rep->areas_added + rep->groups_added + rep->rows_added + rep->rows_updated;
        if (err == DB_OK && changed) {
            /* The row-level triggers logged every row; this row says why. */
            sqlite3_stmt *w = db_stmt(db, AUDIT_EVENT_SQL("merge",
                "json_object('source', ?2, 'households_added', ?3, 'households_updated', ?4, "
                "'rows_added', ?5, 'rows_updated', ?6, 'conflicts', ?7, 'areas_added', ?8, "
                "'notices_added', ?9, 'projects_added', ?10)"));
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
                sqlite3_bind_int64(w, 9, rep->notices_added);
                sqlite3_bind_int64(w, 10, rep->projects_added);
                rc = sqlite3_step(w);
                sqlite3_reset(w);
                if (rc != SQLITE_DONE)
                    err = db_fail(db, rc, "记录合并");
            }
        }
        /* The search records of the households written, a chunk (128
         * households) at a time: the chunks of households added are
         * consecutive, those of households updated may repeat. */
        if (err == DB_OK && m->n_chunks) {
            qsort(m->chunks, m->n_chunks, sizeof *m->chunks, cmp_i64);
            for (size_t i = 0; err == DB_OK && i < m->n_chunks; i++)
                if (i == 0 || m->chunks[i] != m->chunks[i - 1])
                    err = db_search_update(db, m->chunks[i] << 7);
        }
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
    db_exec(db, "DROP TABLE IF EXISTS temp.merge_map", "合并");
    sqlite3_stmt *d = db_stmt(db, "DETACH DATABASE src");
    if (d) {
        sqlite3_step(d);
        sqlite3_reset(d);
    }
    if (err != DB_OK)
        db_set_error(db, err, "%s", saved);
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
