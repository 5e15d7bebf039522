/* audit_replay.c — the records replayed against their audit (issue 14 goal 4).
 *
 * An insert's audit row keeps no image: the record holds its values until
 * its first update, and each update keeps the old and new values of what
 * it changed.  So a record's history is rebuilt backwards: start from the
 * record as it is (or from a hard delete's image), and undo the updates,
 * newest first; what is left is what was inserted.  On the way every
 * update's new values must be the record's values at that point, and the
 * inserted values must give the digest the insert's hash committed to —
 * so a record changed, removed or added behind the triggers' back (with a
 * trigger dropped and put back) is found, naming the record. */
#include "db/audit.h"
#include "db/audit_chain.h"
#include "db/schema.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { F_ID, F_AT, F_OP, F_TBL, F_ROW, F_ACTION, F_OLD, F_NEW, F_HASH, N_F };
#define ENTRY_COLS "id, at, operator, tbl, row_id, action, old, new, hash"

struct entry {
    sqlite3_value *f[N_F];
    char action;                /* 'i', 'u', 'd' */
};

/* One record being replayed. */
struct walk {
    struct db *db;
    const char *tbl;
    char (*cols)[64];
    int m;                      /* audited columns */
    int updated_at;             /* its index, -1 when none */
    sqlite3_value **st;         /* the record's values at the current point */
    int have;                   /* 1 the record exists there, 0 not, -1 unknown */
    sqlite3_stmt *each, *prev;
    audit_report_fn report;
    void *ud;
    size_t *bad;
    sqlite3_value ***after;     /* history: the values after each entry (NULL: none) */
};

static void values_free(sqlite3_value **v, int m)
{
    for (int i = 0; v && i < m; i++)
        sqlite3_value_free(v[i]);
    free(v);
}

static void state_clear(struct walk *w)
{
    for (int i = 0; i < w->m; i++) {
        sqlite3_value_free(w->st[i]);
        w->st[i] = NULL;
    }
}

static void state_set(struct walk *w, int i, sqlite3_value *v)
{
    sqlite3_value_free(w->st[i]);
    w->st[i] = v && sqlite3_value_type(v) != SQLITE_NULL ? sqlite3_value_dup(v) : NULL;
}

static sqlite3_value **state_copy(const struct walk *w)
{
    sqlite3_value **c = calloc((size_t)w->m, sizeof *c);
    for (int i = 0; c && i < w->m; i++)
        c[i] = w->st[i] ? sqlite3_value_dup(w->st[i]) : NULL;
    return c;
}

static int column_index(const struct walk *w, const char *name)
{
    if (!name)                  /* a key of no object: an edited image */
        return -1;
    for (int i = 0; i < w->m; i++)
        if (strcmp(w->cols[i], name) == 0)
            return i;
    return -1;
}

/* Same value: both NULL, or the same text (5 and '5' alike, as hashed). */
static int same_value(sqlite3_value *a, sqlite3_value *b)
{
    uint64_t na, nb;
    const void *pa = audit_value_bytes(a, &na), *pb = audit_value_bytes(b, &nb);
    if (!pa || !pb)
        return !pa && !pb;
    return na == nb && memcmp(pa, pb, na) == 0;
}

/* For each key of the JSON object: check (the state must hold that value;
 * returns 0 when one differs) or set (the state takes it). */
static int json_keys(struct walk *w, sqlite3_value *json, int set)
{
    int ok = 1;
    if (!json || sqlite3_value_type(json) != SQLITE_TEXT)
        return 1;
    sqlite3_bind_value(w->each, 1, json);
    while (sqlite3_step(w->each) == SQLITE_ROW) {
        int i = column_index(w, (const char *)sqlite3_column_text(w->each, 0));
        if (i < 0 || i == w->updated_at)
            continue;
        sqlite3_value *v = sqlite3_column_value(w->each, 1);
        if (set)
            state_set(w, i, v);
        else if (!same_value(w->st[i], v))
            ok = 0;
    }
    sqlite3_reset(w->each);
    return ok;
}

static void found(struct walk *w, enum audit_fault fault, const struct entry *e, int64_t row_id)
{
    struct audit_finding f = { .fault = fault, .row_id = row_id };
    if (e) {
        f.id = sqlite3_value_int64(e->f[F_ID]);
        const unsigned char *at = sqlite3_value_text(e->f[F_AT]);
        snprintf(f.at, sizeof f.at, "%s", at ? (const char *)at : "");
    }
    snprintf(f.tbl, sizeof f.tbl, "%s", w->tbl);
    ++*w->bad;
    if (w->report)
        w->report(w->ud, &f);
}

/* The stored hash of the audit row before `id` into prev; its length, -1 none. */
static int64_t prev_hash(struct walk *w, int64_t id, unsigned char *prev, size_t cap)
{
    int64_t len = -1;
    sqlite3_bind_int64(w->prev, 1, id);
    if (sqlite3_step(w->prev) == SQLITE_ROW) {
        uint64_t n;
        const void *p = audit_value_bytes(sqlite3_column_value(w->prev, 0), &n);
        len = p && n <= cap ? (int64_t)n : -1;
        if (len > 0)
            memcpy(prev, p, (size_t)n);
    }
    sqlite3_reset(w->prev);
    return len;
}

/* An insert without image: its hash, made with the record's values `rec`
 * (the replayed state, or the record's row as read). */
static int insert_hash_holds(struct walk *w, sqlite3_value **rec, const struct entry *e)
{
    int64_t n = sqlite3_value_int64(e->f[F_NEW]);
    if (n < 1 || n > w->m)
        return 0;
    sqlite3_value *vals[DB_AUDIT_MAX_COLS];
    int k = 0;
    for (int i = 0; i < n; i++)
        if (i != w->updated_at)
            vals[k++] = rec[i];
    unsigned char digest[AUDIT_HASH_LEN], h[AUDIT_HASH_LEN], prev[256];
    audit_row_digest(vals, k, digest);
    uint64_t hn;
    const void *stored = audit_value_bytes(e->f[F_HASH], &hn);
    if (!stored || (hn != AUDIT_SEAL_LEN && hn != AUDIT_HASH_LEN))
        return 0;
    int64_t plen = prev_hash(w, sqlite3_value_int64(e->f[F_ID]), prev, sizeof prev);
    audit_chain_hash(plen >= 0 ? prev : NULL, plen > 0 ? (uint64_t)plen : 0, (sqlite3_value **)e->f,
                     digest, h, (size_t)hn);
    return memcmp(stored, h, (size_t)hn) == 0;
}

/* An insert that kept its image (a file from before issue 14): the image
 * left out NULL, '' and 0, and the stamps. */
static int legacy_image_holds(struct walk *w, const struct entry *e)
{
    sqlite3_value **now = w->st, **image = calloc((size_t)w->m, sizeof *image);
    if (!image)
        return 1;
    w->st = image;
    json_keys(w, e->f[F_NEW], 1);
    w->st = now;
    int ok = 1;
    for (int i = 0; ok && i < w->m; i++) {
        if (i == w->updated_at || strcmp(w->cols[i], "created_at") == 0)
            continue;
        uint64_t n;
        const char *p = audit_value_bytes(now[i], &n);
        int empty = !p || n == 0 || (n == 1 && p[0] == '0');
        ok = empty ? image[i] == NULL : same_value(now[i], image[i]);
    }
    values_free(image, w->m);
    return ok;
}

/* One audit row, walking back: checks it against the record's values
 * after it, then turns the values into those before it. */
static void step_back(struct walk *w, const struct entry *e, int64_t row_id)
{
    if (e->action == 'd') {
        if (w->have == 1)
            found(w, AUDIT_UNLOGGED, e, row_id);
        state_clear(w);
        json_keys(w, e->f[F_OLD], 1);
        w->have = 1;
    } else if (e->action == 'u') {
        if (w->have == 0)
            found(w, AUDIT_ROW_REMOVED, e, row_id);
        else if (w->have == 1 && !json_keys(w, e->f[F_NEW], 0))
            found(w, AUDIT_ROW_CHANGED, e, row_id);
        if (w->have == 1)
            json_keys(w, e->f[F_OLD], 1);
        else
            w->have = -1;
    } else {
        if (w->have == 0)
            found(w, AUDIT_ROW_REMOVED, e, row_id);
        else if (w->have == 1 && audit_no_image("insert", e->f[F_NEW])) {
            if (!insert_hash_holds(w, w->st, e))
                found(w, AUDIT_INSERT_MISMATCH, e, row_id);
        } else if (w->have == 1 && !legacy_image_holds(w, e)) {
            found(w, AUDIT_ROW_CHANGED, e, row_id);
        }
        state_clear(w);
        w->have = 0;
    }
}

/* Walks one record's audit rows (oldest first in e) back from its values
 * now (w->have, w->st); w->after, when set, gets the values after each. */
static void walk_record(struct walk *w, struct entry *e, int n, int64_t row_id)
{
    for (int k = n - 1; k >= 0; k--) {
        if (w->after)
            w->after[k] = w->have == 1 ? state_copy(w) : NULL;
        step_back(w, &e[k], row_id);
    }
    if (w->have == 1)
        found(w, AUDIT_UNLOGGED, NULL, row_id);
}

static void entries_free(struct entry *e, int n)
{
    for (int k = 0; k < n; k++)
        for (int i = 0; i < N_F; i++)
            sqlite3_value_free(e[k].f[i]);
}

static int entry_take(sqlite3_stmt *st, struct entry *e)
{
    for (int i = 0; i < N_F; i++)
        e->f[i] = sqlite3_value_dup(sqlite3_column_value(st, i));
    const unsigned char *a = sqlite3_column_text(st, F_ACTION);
    e->action = a ? (char)a[0] : '?';
    for (int i = 0; i < N_F; i++)
        if (!e->f[i])
            return 0;
    return 1;
}

static int walk_open(struct walk *w, struct db *db, const char *tbl)
{
    memset(w, 0, sizeof *w);
    w->db = db;
    w->tbl = tbl;
    w->cols = malloc(DB_AUDIT_MAX_COLS * sizeof *w->cols);
    if (!w->cols)
        return SQLITE_NOMEM;
    int rc = db_schema_audit_columns(db, tbl, w->cols, &w->m);
    w->updated_at = column_index(w, "updated_at");
    w->st = calloc((size_t)(w->m ? w->m : 1), sizeof *w->st);
    if (rc == SQLITE_OK && !w->st)
        rc = SQLITE_NOMEM;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db_handle(db), "SELECT key, value FROM json_each(?1)", -1, &w->each, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db_handle(db), "SELECT hash FROM audit WHERE id < ?1 ORDER BY id DESC LIMIT 1",
                                -1, &w->prev, NULL);
    return rc;
}

static void walk_close(struct walk *w)
{
    if (w->st)
        values_free(w->st, w->m);
    sqlite3_finalize(w->each);
    sqlite3_finalize(w->prev);
    free(w->cols);
}

/* SELECT of the audited columns of the table (WHERE/ORDER BY appended). */
static char *select_record_sql(const struct walk *w, const char *tail)
{
    size_t cap = (size_t)w->m * 300 + 200;
    char *sql = malloc(cap);
    if (!sql)
        return NULL;
    size_t n = (size_t)snprintf(sql, cap, "SELECT id");
    for (int i = 0; i < w->m; i++) {
        char val[300];      /* the values as hashed: stamps as their text */
        db_schema_audit_value(val, sizeof val, NULL, w->cols[i]);
        n += (size_t)snprintf(sql + n, cap - n, ", %s", val);
    }
    snprintf(sql + n, cap - n, " FROM \"%s\" %s", w->tbl, tail);
    return sql;
}

static void take_record(struct walk *w, sqlite3_stmt *rec)
{
    for (int i = 0; i < w->m; i++)
        state_set(w, i, sqlite3_column_value(rec, i + 1));
    w->have = 1;
}

/* Replays every record of one table: the table in id order beside its
 * audit rows in (row_id, id) order. */
static int replay_table(struct walk *w)
{
    char *sql = select_record_sql(w, "ORDER BY id");
    sqlite3_stmt *rec = NULL, *aud = NULL;
    int rc = sql ? sqlite3_prepare_v2(db_handle(w->db), sql, -1, &rec, NULL) : SQLITE_NOMEM;
    free(sql);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db_handle(w->db), "SELECT " ENTRY_COLS " FROM audit WHERE tbl = ?1 "
                                "ORDER BY row_id, id", -1, &aud, NULL);
    if (rc == SQLITE_OK)
        sqlite3_bind_text(aud, 1, w->tbl, -1, SQLITE_STATIC);
    int rrc = rc == SQLITE_OK ? sqlite3_step(rec) : rc;
    int arc = rc == SQLITE_OK ? sqlite3_step(aud) : rc;
    int cap = 16, n = 0;
    struct entry *e = malloc((size_t)cap * sizeof *e);
    if (!e)
        rc = SQLITE_NOMEM;
    while (rc == SQLITE_OK && (rrc == SQLITE_ROW || arc == SQLITE_ROW)) {
        int64_t rid = rrc == SQLITE_ROW ? sqlite3_column_int64(rec, 0) : INT64_MAX;
        int64_t aid = arc == SQLITE_ROW ? sqlite3_column_int64(aud, F_ROW) : INT64_MAX;
        int64_t id = rid < aid ? rid : aid;
        w->have = 0;
        state_clear(w);
        for (n = 0; arc == SQLITE_ROW && sqlite3_column_int64(aud, F_ROW) == id; n++) {
            if (n == cap) {
                struct entry *more = realloc(e, (size_t)(cap *= 2) * sizeof *e);
                if (!more) {
                    rc = SQLITE_NOMEM;
                    break;
                }
                e = more;
            }
            if (!entry_take(aud, &e[n])) {
                entries_free(e, n + 1);
                n = 0;
                rc = SQLITE_NOMEM;
                break;
            }
            arc = sqlite3_step(aud);
        }
        if (rc == SQLITE_OK && rid == id && n == 1 && e[0].action == 'i'
            && audit_no_image("insert", e[0].f[F_NEW])) {
            /* Most records: inserted, never changed.  Their values are
             * hashed as read, without copying them into a state. */
            sqlite3_value *vals[DB_AUDIT_MAX_COLS];
            for (int i = 0; i < w->m; i++)
                vals[i] = sqlite3_column_value(rec, i + 1);
            if (!insert_hash_holds(w, vals, &e[0]))
                found(w, AUDIT_INSERT_MISMATCH, &e[0], id);
        } else if (rc == SQLITE_OK) {
            if (rid == id)
                take_record(w, rec);
            walk_record(w, e, n, id);
        }
        if (rid == id)
            rrc = sqlite3_step(rec);
        entries_free(e, n);
    }
    free(e);
    if (rc == SQLITE_OK && rrc != SQLITE_DONE)
        rc = rrc;
    if (rc == SQLITE_OK && arc != SQLITE_DONE)
        rc = arc;
    sqlite3_finalize(rec);
    sqlite3_finalize(aud);
    return rc;
}

int audit_replay_verify(struct db *db, audit_report_fn report, void *ud, size_t *bad)
{
    int rc = SQLITE_OK;
    for (int t = 0; rc == SQLITE_OK && DB_AUDITED_TABLES[t]; t++) {
        struct walk w;
        rc = walk_open(&w, db, DB_AUDITED_TABLES[t]);
        w.report = report;
        w.ud = ud;
        w.bad = bad;
        if (rc == SQLITE_OK && w.m > 0)
            rc = replay_table(&w);
        walk_close(&w);
    }
    return rc;
}

/* ---- one record's history --------------------------------------------------- */

static void history_drop(void *ud, const struct audit_finding *f)
{
    (void)ud;
    (void)f;
}

/* Loads the record (if any) and its audit rows, oldest first. */
static int history_load(struct walk *w, int64_t row_id, struct entry **out, int *n)
{
    char *sql = select_record_sql(w, "WHERE id = ?1");
    sqlite3_stmt *st = NULL;
    int rc = sql ? sqlite3_prepare_v2(db_handle(w->db), sql, -1, &st, NULL) : SQLITE_NOMEM;
    free(sql);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, row_id);
        if (sqlite3_step(st) == SQLITE_ROW)
            take_record(w, st);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db_handle(w->db), "SELECT " ENTRY_COLS " FROM audit WHERE tbl = ?1 "
                                "AND row_id = ?2 ORDER BY id", -1, &st, NULL);
    int cap = 0;
    *out = NULL;
    *n = 0;
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, w->tbl, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, row_id);
    }
    while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        if (*n == cap) {
            struct entry *more = realloc(*out, (size_t)(cap = cap ? cap * 2 : 8) * sizeof **out);
            if (!more) {
                rc = SQLITE_NOMEM;
                break;
            }
            *out = more;
        }
        if (!entry_take(st, &(*out)[*n])) {
            entries_free(*out, *n + 1);
            *n = 0;
            rc = SQLITE_NOMEM;
            break;
        }
        ++*n;
    }
    sqlite3_finalize(st);
    return rc;
}

enum db_err audit_history(struct db *db, const char *tbl, int64_t row_id, audit_state_fn fn, void *ud)
{
    struct walk w;
    struct entry *e = NULL;
    int n = 0;
    size_t bad = 0;
    int rc = walk_open(&w, db, tbl);
    w.report = history_drop;
    w.bad = &bad;
    if (rc == SQLITE_OK && w.m == 0)
        rc = SQLITE_NOTFOUND;
    if (rc == SQLITE_OK)
        rc = history_load(&w, row_id, &e, &n);
    if (rc == SQLITE_OK && n > 0) {
        w.after = calloc((size_t)n, sizeof *w.after);
        if (!w.after)
            rc = SQLITE_NOMEM;
    }
    if (rc == SQLITE_OK) {
        walk_record(&w, e, n, row_id);
        for (int k = 0; k < n; k++)
            fn(ud, sqlite3_value_int64(e[k].f[F_ID]), w.m, (const char (*)[64])w.cols, w.after[k]);
    }
    for (int k = 0; w.after && k < n; k++)
        if (w.after[k])
            values_free(w.after[k], w.m);
    free(w.after);
    entries_free(e, n);
    free(e);
    walk_close(&w);
    if (rc == SQLITE_NOTFOUND)
        return db_set_error(db, DB_ERR_NOTFOUND, "没有表 %s (no table %s)", tbl, tbl);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "读取审计记录");
}

/* ---- an insert's values for the screen ------------------------------------ */

struct image {
    int64_t want;
    char *json;             /* malloc'd */
};

static void json_text(sqlite3_str *s, const char *t)
{
    sqlite3_str_appendchar(s, 1, '"');
    for (; *t; t++) {
        unsigned char c = (unsigned char)*t;
        if (c == '"' || c == '\\')
            sqlite3_str_appendf(s, "\\%c", c);
        else if (c < 0x20)
            sqlite3_str_appendf(s, "\\u%04x", c);
        else
            sqlite3_str_appendchar(s, 1, (char)c);
    }
    sqlite3_str_appendchar(s, 1, '"');
}

/* The values as the log showed an insert before issue 14: keyed, without
 * the empty ones (NULL, '', 0) and the stamps. */
static void image_of(void *ud, int64_t id, int ncols, const char (*cols)[64], sqlite3_value **vals)
{
    struct image *im = ud;
    if (id != im->want || !vals)
        return;
    sqlite3_str *s = sqlite3_str_new(NULL);
    sqlite3_str_appendchar(s, 1, '{');
    int first = 1;
    for (int i = 0; i < ncols; i++) {
        const char *t = vals[i] ? (const char *)sqlite3_value_text(vals[i]) : NULL;
        if (!t || !*t || strcmp(t, "0") == 0 || strcmp(cols[i], "created_at") == 0
            || strcmp(cols[i], "updated_at") == 0)
            continue;
        sqlite3_str_appendall(s, first ? "" : ",");
        json_text(s, cols[i]);
        sqlite3_str_appendchar(s, 1, ':');
        if (sqlite3_value_type(vals[i]) == SQLITE_INTEGER || sqlite3_value_type(vals[i]) == SQLITE_FLOAT)
            sqlite3_str_appendall(s, t);
        else
            json_text(s, t);
        first = 0;
    }
    sqlite3_str_appendchar(s, 1, '}');
    char *j = sqlite3_str_finish(s);
    free(im->json);
    im->json = j ? strdup(j) : NULL;
    sqlite3_free(j);
}

char *audit_insert_json(struct db *db, const char *tbl, int64_t row_id, int64_t audit_id)
{
    struct image im = { audit_id, NULL };
    if (audit_history(db, tbl, row_id, image_of, &im) != DB_OK) {
        free(im.json);
        return NULL;
    }
    return im.json;
}
