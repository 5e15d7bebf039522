/* wfs_priv.h — what db/workflow_store.c and db/wfs_*.c share, and nobody
 * else: small query helpers and a household's basics.  Not a public API. */
#ifndef FUPIN_WFS_PRIV_H
#define FUPIN_WFS_PRIV_H

#include <stddef.h>
#include <stdint.h>
#include "core/household.h"
#include "db/workflow_store.h"

/* A household's state, 户编号, head and village, as the workflow needs them. */
struct hh_basic {
    int state;
    char hh_no[HH_NO_LEN + 1];
    char head[TEXT_BYTES(NAME_CHARS)];
    char village[AREA_CODE_LEN + 1];
};

/* DB_ERR_NOTFOUND (with the Chinese message) for a missing or deleted household. */
enum db_err wfs_hh_basic(struct db *db, int64_t id, struct hh_basic *out);

/* Appends one printf'd line to a report buffer (NULL-safe, never overflows). */
void wfs_report_add(char *report, size_t sz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Today, from core/clock.h (FUPIN_TODAY in tests). */
void wfs_today(char out[11]);
/* "" = today; else normalised.  0 when not a date. */
int wfs_day_or_today(const char *in, char out[11]);
/* 1 when s has a character other than spaces. */
int wfs_nonblank(const char *s);

/* One integer from a query with up to two int64 parameters; def when no row. */
long long wfs_q_int(struct db *db, const char *sql, int64_t a, int64_t b, long long def);
/* One text from a query with ?1 = a, ?2..?4 = ints; "" when none. */
void wfs_q_text(struct db *db, const char *sql, int64_t a, int b, int c, int d, char *out, size_t sz);
/* Runs one write with ?1 = a (and ?2 = b when the statement has it). */
enum db_err wfs_exec_ids(struct db *db, const char *sql, int64_t a, int64_t b, const char *what);
/* "notice.place.450123200201": a setting remembered per notice scope. */
const char *wfs_area_key(char *out, size_t sz, const char *base, const char *area);

/* The open notice of kind/round for state s that lists household hh (0 if
 * none), its end date in end. */
int64_t wfs_current_notice(struct db *db, int64_t hh, enum wf_state s, char end[11]);
/* Reads notice id into *n; DB_ERR_CONSTRAINT when it is posted already (only
 * a draft may change). */
enum db_err wfs_notice_draft_only(struct db *db, int64_t id, struct wfs_notice *n);

#endif
