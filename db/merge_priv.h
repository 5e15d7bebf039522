/* merge_priv.h — what the parts of `fupin merge` share (see merge.h):
 *   merge.c           the driver: checks and ATTACHes the source file, runs
 *                     one transaction, writes the audit row, reports;
 *   merge_sql.c       the INSERT/UPDATE statements built from the target's
 *                     schema, and the small query helpers;
 *   merge_village.c   the records not of one household: areas, 村民小组,
 *                     helpers, meetings, notices, the 驻村工作队;
 *   merge_household.c one source household with all its records.
 * Not for other modules: include db/merge.h. */
#ifndef FUPIN_MERGE_PRIV_H
#define FUPIN_MERGE_PRIV_H
#include "db/db.h"
#include "db/merge.h"
#include <stddef.h>
#include <stdint.h>

#define SQLBUF 16384
/* The number of household tables merged (merge_household.c's CHILDREN,
 * checked there at compile time). */
#define MG_N_CHILDREN 22

struct mg {
    struct db *db;
    struct merge_report *rep;
    size_t max_msgs;
    const char *source;
    char ins[MG_N_CHILDREN][SQLBUF];   /* INSERT one source row (?1 s.rowid, ?2 target household) */
    char upd[MG_N_CHILDREN][SQLBUF];   /* UPDATE one target row from one source row (?1 s.rowid, ?3 t.rowid) */
    char hh_ins[SQLBUF], hh_upd[SQLBUF];
    int64_t *chunks;                /* search chunks (id >> 7) of the households written */
    size_t n_chunks, cap_chunks;
};

/* merge.c: records a conflict in the report (counted always, its message
 * kept while fewer than max_msgs are). */
void mg_conflict(struct mg *m, const char *kind, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* merge_sql.c */
int mg_build(struct mg *m, const char *table, char *ins, char *upd, int newer_only);
int mg_step(struct mg *m, sqlite3_stmt *st, const char *what);
int64_t mg_query_int(struct mg *m, const char *sql, int64_t a, int64_t b, int *err);
void mg_query_text(struct mg *m, const char *sql, int64_t a, char *out, size_t outsz);
int mg_exec2(struct mg *m, const char *sql, int64_t a, int64_t b, const char *what, long *changes);

/* merge_village.c */
int mg_merge_areas(struct mg *m);
int mg_merge_tops(struct mg *m);
int mg_raise_notices(struct mg *m);

/* merge_household.c */
enum db_err mg_build_household_sql(struct mg *m);
int mg_merge_household(struct mg *m, int64_t s_hh);

#endif
