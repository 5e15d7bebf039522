/* merge_village.c — the records not of one household (see merge_priv.h),
 * merged before the households that cite them: areas and 村民小组, then
 * helpers, meetings, notices and the 驻村工作队, each source row paired with
 * its target row in temp.merge_map; and, after the households, the notices
 * posted or closed at the source. */
#include "db/merge_priv.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- areas and helpers ------------------------------------------------------ */

/* Areas the target lacks, and 村民小组; a code named otherwise in the two
 * files is reported and keeps the target's name. */
int mg_merge_areas(struct mg *m)
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
            mg_conflict(m, "AREA_NAME", "区划代码 %s 在源文件中叫“%s”，在目标文件中叫“%s”，保留目标文件的名称，请核实",
                        (const char *)sqlite3_column_text(st, 0), sname, tname);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_fail(m->db, rc, "读取源文件区划"), -1;
    st = db_stmt(m->db, "INSERT INTO main.areas(code, level, name, parent, provisional) "
                        "SELECT code, level, name, parent, provisional FROM src.areas s "
                        "WHERE NOT EXISTS (SELECT 1 FROM main.areas t WHERE t.code = s.code) ORDER BY level, code");
    if (!st || mg_step(m, st, "合并区划") < 0)
        return -1;
    m->rep->areas_added += sqlite3_changes(db_handle(m->db));
    st = db_stmt(m->db, "INSERT OR IGNORE INTO main.village_groups(village, name) "
                        "SELECT village, name FROM src.village_groups");
    if (!st || mg_step(m, st, "合并村民小组") < 0)
        return -1;
    m->rep->groups_added += sqlite3_changes(db_handle(m->db));
    return 0;
}

/* Pairs the source rows of one kind with the target's (by their key and
 * rank, see TOPS), adds the missing ones and updates the older ones. */
static int merge_top(struct mg *m, const struct top *tp)
{
    char ins[SQLBUF], upd[SQLBUF], sql[1024];
    if (mg_build(m, tp->table, ins, upd, 1) < 0)
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
            ret = mg_exec2(m, ins, pairs[i][0], 0, "合并", NULL);
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
            ret = mg_step(m, w, "合并");
            m->rep->rows_updated += sqlite3_changes(db_handle(m->db));
        }
        if (ret == 0)
            ret = mg_exec2(m, sql, pairs[i][0], tgt, "合并", NULL);
    }
    free(pairs);
    return ret;
}

/* A notice is posted (closed) in the target once posted (closed) in either
 * file — after the households' lists were merged (see expr in merge_sql.c). */
int mg_raise_notices(struct mg *m)
{
    long changes = 0;
    if (mg_exec2(m, "UPDATE main.notices AS t SET posted = max(t.posted, s.posted), closed = max(t.closed, s.closed) "
                    "FROM src.notices s JOIN temp.merge_map mp ON mp.tbl = 'notice' AND mp.src_id = s.id "
                    "WHERE t.id = mp.tgt_id AND (s.posted > t.posted OR s.closed > t.closed)", 0, 0, "合并公示",
                 &changes) < 0)
        return -1;
    m->rep->rows_updated += changes;
    return 0;
}

/* Helpers, meetings, notices and team members, in that order (TOPS). */
int mg_merge_tops(struct mg *m)
{
    for (size_t i = 0; i < N_TOPS; i++)
        if (merge_top(m, &TOPS[i]) < 0)
            return -1;
    return 0;
}
