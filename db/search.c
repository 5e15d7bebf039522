/* search.c — what the household list searches (SPEC §7: < 20 ms a keystroke
 * on 100 000 households), kept current in the transaction of every change
 * (db_household_save, delete, restore, merge, import).
 *
 * Pinyin initials use an index: hh_initials holds every initials string of
 * every active member's name (pinyin_name_keys: each reading in use, at most
 * KEYS_PER_NAME per name), one row per distinct string per household.  Name
 * and ID-digit substrings cannot use a B-tree.  A table of one row per
 * household scanned with instr() measured 16–30 ms on 100 000 households
 * (SQLite's per-row cost and instr's byte loop), so hh_search packs 128
 * households per row and the scan is a substring search over ~800 blobs (see
 * "the search table" below); it stops as soon as `max` rows are found. */
/* memrchr (glibc): a search record's start. */
#define _GNU_SOURCE
#include "db/search.h"
#include "db/household_store.h"
#include "db/record.h"
#include "core/natural.h"
#include "core/pinyin.h"
#include "core/text.h"
#include <stdint.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the search table -----------------------------------------------------
 * hh_search holds one row per 128 households (chunk = id >> 7), each a blob
 * of records "id US names US ids LF" sorted by id: names joined by RS, the
 * ID numbers and the 户编号 joined by spaces.  A substring search is then
 * find_bytes over ~800 blobs (~10 MB for a county) instead of 100 000 rows. */

#define CHUNK_SHIFT 7
#define US '\x1f'
#define RS '\x1e'

struct buf {
    char *p;
    size_t len, cap;
};

static int buf_add(struct buf *b, const void *data, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 16384;
        while (cap < b->len + n)
            cap *= 2;
        char *p = sqlite3_realloc64(b->p, cap);
        if (!p)
            return 0;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, data, n);
    b->len += n;
    return 1;
}

/* Text in a record never holds the separators (pasted control characters
 * become spaces), so a query can never match across two fields. */
static int buf_add_clean(struct buf *b, const char *s)
{
    for (; *s; s++) {
        char c = (unsigned char)*s < ' ' ? ' ' : *s;
        if (!buf_add(b, &c, 1))
            return 0;
    }
    return 1;
}

static int build_record(struct buf *b, const struct household *hh)
{
    char num[32];
    int n = snprintf(num, sizeof num, "%lld", (long long)hh->id);
    int ok = buf_add(b, num, (size_t)n) && buf_add(b, (char[]){ US }, 1);
    for (int i = 0; ok && i < hh->n_members; i++)
        ok = (i == 0 || buf_add(b, (char[]){ RS }, 1)) && buf_add_clean(b, hh->members[i].name);
    ok = ok && buf_add(b, (char[]){ US }, 1);
    for (int i = 0; ok && i < hh->n_members; i++)
        ok = (i == 0 || buf_add(b, " ", 1)) && buf_add_clean(b, hh->members[i].id_no);
    if (ok && hh->hh_no[0])
        ok = buf_add(b, " ", 1) && buf_add_clean(b, hh->hh_no);
    return ok && buf_add(b, "\n", 1);
}

/* Replaces household id's record in its chunk by `record` (NULL: removes it). */
static enum db_err search_put(struct db *db, int64_t id, const struct buf *record)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT data FROM hh_search WHERE chunk = ?1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id >> CHUNK_SHIFT);
    struct buf out = { 0 };
    int ok = 1, placed = record == NULL;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *p = sqlite3_column_blob(st, 0);
        const char *end = p + sqlite3_column_bytes(st, 0);
        while (ok && p && p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            const char *next = nl ? nl + 1 : end;
            long long rid = strtoll(p, NULL, 10);
            if (!placed && rid > id) {
                ok = buf_add(&out, record->p, record->len);
                placed = 1;
            }
            if (ok && rid != id)
                ok = buf_add(&out, p, (size_t)(next - p));
            p = next;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        sqlite3_free(out.p);
        return db_fail(db, rc, "保存检索信息");
    }
    if (ok && !placed)
        ok = buf_add(&out, record->p, record->len);
    if (!ok) {
        sqlite3_free(out.p);
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    }
    if (out.len)
        st = db_stmt(db, "INSERT OR REPLACE INTO hh_search(chunk, data) VALUES (?1, ?2)");
    else
        st = db_stmt(db, "DELETE FROM hh_search WHERE chunk = ?1");
    if (!st) {
        sqlite3_free(out.p);
        return DB_ERR_IO;
    }
    sqlite3_bind_int64(st, 1, id >> CHUNK_SHIFT);
    if (out.len)
        sqlite3_bind_blob64(st, 2, out.p, out.len, SQLITE_STATIC);
    rc = db_step_done(st);
    sqlite3_free(out.p);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "保存检索信息");
}

static enum db_err write_search(struct db *db, const struct household *hh)
{
    struct buf rec = { 0 };
    enum db_err err = build_record(&rec, hh) ? search_put(db, hh->id, &rec)
                    : db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    sqlite3_free(rec.p);
    return err;
}

/* ---- the initials index ----------------------------------------------------
 * Measured on the demo county (358 000 people): 94% of names have one key,
 * 99.9% at most 8; 16 keeps every combination of all but ~50 names, whose
 * everyday key and one- and two-character variants still come first. */
#define KEYS_PER_NAME 16

static enum db_err initials_delete(struct db *db, int64_t first_id, int64_t last_id)
{
    sqlite3_stmt *st = db_stmt(db, "DELETE FROM hh_initials WHERE household_id BETWEEN ?1 AND ?2");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, first_id);
    sqlite3_bind_int64(st, 2, last_id);
    int rc = db_step_done(st);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "保存检索信息");
}

/* Inserts the keys of the household's members: the 户主's (members[0]) as
 * rank 0, the others' as rank 1 unless the 户主 has the same key. */
static int initials_insert(struct db *db, const struct household *hh)
{
    sqlite3_stmt *st = db_stmt(db, "INSERT OR IGNORE INTO hh_initials(rank, initials, household_id) "
                                   "VALUES (?1, ?2, ?3)");
    if (!st)
        return SQLITE_ERROR;
    static char head[KEYS_PER_NAME][PINYIN_KEY_LEN], keys[KEYS_PER_NAME][PINYIN_KEY_LEN];
    size_t n_head = 0;
    int rc = SQLITE_OK;
    for (int i = 0; rc == SQLITE_OK && i < hh->n_members; i++) {
        size_t n = pinyin_name_keys(hh->members[i].name, i == 0 ? head : keys, KEYS_PER_NAME);
        if (i == 0)
            n_head = n;
        for (size_t k = 0; rc == SQLITE_OK && k < n; k++) {
            const char *key = i == 0 ? head[k] : keys[k];
            int dup = 0;
            for (size_t j = 0; i > 0 && j < n_head && !dup; j++)
                dup = strcmp(head[j], key) == 0;
            if (dup || !key[0])
                continue;
            sqlite3_bind_int(st, 1, i == 0 ? 0 : 1);
            sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 3, hh->id);
            rc = db_step_done(st);
        }
    }
    return rc;
}

static enum db_err write_initials(struct db *db, const struct household *hh)
{
    enum db_err err = initials_delete(db, hh->id, hh->id);
    if (err != DB_OK)
        return err;
    int rc = initials_insert(db, hh);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "保存检索信息");
}


enum db_err db_search_write(struct db *db, const struct household *hh)
{
    enum db_err err = write_search(db, hh);
    return err == DB_OK ? write_initials(db, hh) : err;
}

enum db_err db_search_forget(struct db *db, int64_t household_id)
{
    enum db_err err = search_put(db, household_id, NULL);
    return err == DB_OK ? initials_delete(db, household_id, household_id) : err;
}

/* ---- search ---------------------------------------------------------------- */

/* Recomputes the chunks first_chunk..last_chunk of the search table from
 * the households: the whole table (db_search_rebuild) and the chunks a
 * merge touched (db_search_update) go through this one path. */
static enum db_err search_rebuild_chunks(struct db *db, int64_t first_chunk, int64_t last_chunk)
{
    enum db_err err = db_begin(db);
    if (err != DB_OK)
        return err;
    sqlite3_stmt *del = db_stmt(db, "DELETE FROM hh_search WHERE chunk BETWEEN ?1 AND ?2");
    if (!del)
        err = DB_ERR_IO;
    if (del) {
        sqlite3_bind_int64(del, 1, first_chunk);
        sqlite3_bind_int64(del, 2, last_chunk);
        int drc = db_step_done(del);
        if (drc != SQLITE_OK)
            err = db_fail(db, drc, "重建检索");
    }
    if (err == DB_OK)
        err = initials_delete(db, first_chunk << CHUNK_SHIFT,
                              (last_chunk << CHUNK_SHIFT) | ((1 << CHUNK_SHIFT) - 1));
    /* Households in id order, members in roster order: one chunk at a time. */
    sqlite3_stmt *st = NULL;
    int rc = SQLITE_OK;
    if (err == DB_OK)
        rc = sqlite3_prepare_v2(db_handle(db),
            "SELECT h.id, coalesce(h.hh_no, ''), m.name, m.id_no FROM households h "
            "JOIN members m ON m.household_id = h.id AND m.deleted = 0 "
            "WHERE h.deleted = 0 AND h.id BETWEEN ?1 AND ?2 ORDER BY h.id, m.ordinal, m.id", -1, &st, NULL);
    if (st) {
        /* Chunk c holds the ids c << 7 .. (c << 7) + 127. */
        sqlite3_bind_int64(st, 1, first_chunk << CHUNK_SHIFT);
        sqlite3_bind_int64(st, 2, (last_chunk << CHUNK_SHIFT) | ((1 << CHUNK_SHIFT) - 1));
    }
    struct buf chunk = { 0 }, rec = { 0 };
    int64_t cur = 0, cur_chunk = -1;
    struct household *hh = sqlite3_malloc(sizeof *hh);
    if (!hh)
        err = db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    if (hh)
        memset(hh, 0, sizeof *hh);
    sqlite3_stmt *ins = err == DB_OK && rc == SQLITE_OK
        ? db_stmt(db, "INSERT INTO hh_search(chunk, data) VALUES (?1, ?2)") : NULL;
    /* Emits the household gathered so far into its chunk, flushing a chunk
     * when the next household belongs to another. */
    #define FLUSH_HH() do { \
        if (hh->n_members) { \
            if ((cur >> CHUNK_SHIFT) != cur_chunk && chunk.len) { \
                sqlite3_bind_int64(ins, 1, cur_chunk); \
                sqlite3_bind_blob64(ins, 2, chunk.p, chunk.len, SQLITE_STATIC); \
                rc = db_step_done(ins); chunk.len = 0; \
            } \
            cur_chunk = cur >> CHUNK_SHIFT; rec.len = 0; hh->id = cur; \
            if (!build_record(&rec, hh) || !buf_add(&chunk, rec.p, rec.len)) rc = SQLITE_NOMEM; \
            if (rc == SQLITE_OK) rc = initials_insert(db, hh); \
            hh->n_members = 0; \
        } } while (0)
    while (ins && rc == SQLITE_OK) {
        int step = sqlite3_step(st);
        if (step != SQLITE_ROW) {
            rc = step == SQLITE_DONE ? SQLITE_OK : step;
            break;
        }
        int64_t id = sqlite3_column_int64(st, 0);
        if (id != cur)
            FLUSH_HH();
        cur = id;
        db_copy_text(hh->hh_no, sizeof hh->hh_no, (const char *)sqlite3_column_text(st, 1));
        if (hh->n_members < HH_MAX_MEMBERS) {
            struct member *m = &hh->members[hh->n_members++];
            db_copy_text(m->name, sizeof m->name, (const char *)sqlite3_column_text(st, 2));
            db_copy_text(m->id_no, sizeof m->id_no, (const char *)sqlite3_column_text(st, 3));
        }
    }
    if (ins && rc == SQLITE_OK) {
        FLUSH_HH();
        if (rc == SQLITE_OK && chunk.len) {
            sqlite3_bind_int64(ins, 1, cur_chunk);
            sqlite3_bind_blob64(ins, 2, chunk.p, chunk.len, SQLITE_STATIC);
            rc = db_step_done(ins);
        }
    }
    #undef FLUSH_HH
    sqlite3_finalize(st);
    sqlite3_free(chunk.p);
    sqlite3_free(rec.p);
    sqlite3_free(hh);
    if (err == DB_OK && !ins)
        err = rc != SQLITE_OK ? db_fail(db, rc, "重建检索") : DB_ERR_IO;
    else if (err == DB_OK && rc != SQLITE_OK)
        err = db_fail(db, rc, "重建检索");
    if (err == DB_OK)
        return db_commit(db);
    db_rollback(db);
    return err;
}

enum db_err db_search_initials_rebuild(struct db *db)
{
    enum db_err err = db_begin(db);
    if (err != DB_OK)
        return err;
    err = db_exec(db, "DELETE FROM hh_initials", "重建检索");
    sqlite3_stmt *st = NULL;
    int rc = err == DB_OK ? sqlite3_prepare_v2(db_handle(db),
        "SELECT h.id, m.name FROM households h JOIN members m ON m.household_id = h.id AND m.deleted = 0 "
        "WHERE h.deleted = 0 ORDER BY h.id, m.ordinal, m.id", -1, &st, NULL) : SQLITE_OK;
    struct household *hh = sqlite3_malloc(sizeof *hh);
    if (hh)
        memset(hh, 0, sizeof *hh);
    else
        rc = SQLITE_NOMEM;
    while (err == DB_OK && rc == SQLITE_OK) {
        int step = sqlite3_step(st);
        int64_t id = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
        if (hh->n_members && id != hh->id) {         /* the previous household is complete */
            rc = initials_insert(db, hh);
            hh->n_members = 0;
        }
        if (step != SQLITE_ROW) {
            rc = rc == SQLITE_OK && step != SQLITE_DONE ? step : rc;
            break;
        }
        hh->id = id;
        if (hh->n_members < HH_MAX_MEMBERS)
            db_copy_text(hh->members[hh->n_members++].name, sizeof hh->members[0].name,
                         (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    sqlite3_free(hh);
    if (err == DB_OK && rc != SQLITE_OK)
        err = db_fail(db, rc, "重建检索");
    if (err == DB_OK)
        return db_commit(db);
    db_rollback(db);
    return err;
}

enum db_err db_search_rebuild(struct db *db)
{
    return search_rebuild_chunks(db, 0, INT64_MAX >> CHUNK_SHIFT);
}

enum db_err db_search_update(struct db *db, int64_t household_id)
{
    if (!db || household_id < 0)
        return DB_ERR_INVALID;
    return search_rebuild_chunks(db, household_id >> CHUNK_SHIFT, household_id >> CHUNK_SHIFT);
}

enum query_kind { Q_ALL, Q_INITIALS, Q_DIGITS, Q_NAME, Q_NONE };

/* Drops control characters (never in the search records) and trims spaces. */
static void clean_query(const char *query, char *out, size_t outsz)
{
    char tmp[256], q[256];
    size_t n = 0;
    text_fold_ascii(query ? query : "", q, sizeof q);   /* ４５０１ from an input method */
    for (const char *p = q; *p && n + 1 < sizeof tmp; p++)
        if ((unsigned char)*p >= ' ')
            tmp[n++] = *p;
    tmp[n] = '\0';
    char *p = tmp;
    while (*p == ' ')
        p++;
    db_copy_text(out, outsz, p);
    n = strlen(out);
    while (n > 0 && out[n - 1] == ' ')
        out[--n] = '\0';
}

static enum query_kind classify(char *q)
{
    if (!*q)
        return Q_ALL;
    int letters = 1, digits = 1;
    size_t n = strlen(q);
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)q[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')))
            letters = 0;
        if (!(ch >= '0' && ch <= '9') && !((ch == 'x' || ch == 'X') && i == n - 1 && i > 0))
            digits = 0;
    }
    if (letters) {
        for (size_t i = 0; i < n; i++)
            if (q[i] >= 'A' && q[i] <= 'Z')
                q[i] = (char)(q[i] - 'A' + 'a');
        return Q_INITIALS;
    }
    if (digits) {
        if (q[n - 1] == 'x')
            q[n - 1] = 'X';
        return n >= 4 ? Q_DIGITS : Q_NONE;
    }
    return Q_NAME;
}

#define ROW_COLS "h.id, h.hh_no, h.village, coalesce(a.name, ''), h.group_name, h.head_name, " \
                 "h.n_members, h.hh_type, h.state"
static void read_row(sqlite3_stmt *st, struct hh_row *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    db_copy_text(r->hh_no, sizeof r->hh_no, (const char *)sqlite3_column_text(st, 1));
    db_copy_text(r->village, sizeof r->village, (const char *)sqlite3_column_text(st, 2));
    db_copy_text(r->village_name, sizeof r->village_name, (const char *)sqlite3_column_text(st, 3));
    db_copy_text(r->group_name, sizeof r->group_name, (const char *)sqlite3_column_text(st, 4));
    db_copy_text(r->head_name, sizeof r->head_name, (const char *)sqlite3_column_text(st, 5));
    r->n_members = sqlite3_column_int(st, 6);
    r->hh_type = sqlite3_column_int(st, 7);
    r->state = sqlite3_column_int(st, 8);
}

/* ---- the filter of a substring search --------------------------------------
 * A village or state filter is a bitmap over household ids, made by one
 * indexed query when the filter (or the file) changes and kept while the
 * clerk types: the scan tests each hit against it in memory instead of a
 * SQL lookup per hit (70–380 ms a keystroke on a county before). */
struct filter_set {
    struct db *db;
    char village[AREA_CODE_LEN + 2];
    int state;
    sqlite3_int64 changes, data_version;
    int64_t n_ids;              /* bits for ids 0 .. n_ids - 1 */
    int64_t count;              /* households under the filter */
    unsigned char *bits;
    /* When few households pass (page_filter): all their initials keys in
     * the list's order, read once (initials_few). */
    struct filter_key *keys;
    size_t n_keys;
    int keys_read;
};
/* One initials key of a household under the filter (a row of hh_initials). */
struct filter_key {
    int64_t id;
    int rank;
    char key[PINYIN_KEY_LEN];
};
static struct filter_set filter_cache;

static void filter_forget(struct filter_set *f)
{
    sqlite3_free(f->bits);
    sqlite3_free(f->keys);
    memset(f, 0, sizeof *f);
}

static sqlite3_int64 data_version(struct db *db)
{
    sqlite3_stmt *st = db_stmt(db, "PRAGMA data_version");
    sqlite3_int64 v = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    if (st)
        sqlite3_reset(st);
    return v;
}

static int filter_has(const struct filter_set *f, int64_t id)
{
    return id >= 0 && id < f->n_ids && (f->bits[id >> 3] >> (id & 7) & 1);
}

/* Whether any household of search-table chunk c is under the filter. */
static int filter_chunk(const struct filter_set *f, int64_t c)
{
    const int bytes = (1 << CHUNK_SHIFT) / 8;
    for (int64_t i = c * bytes; i < (c + 1) * bytes && i * 8 < f->n_ids; i++)
        if (f->bits[i])
            return 1;
    return 0;
}

/* The statement listing the ids under the filter: one per combination, so
 * each uses its index (no "?2 = '' OR" that the planner cannot see through).
 * A village with a state reads the village's range of households_village
 * (the planner, without statistics, took households_state: 53 819 rows of
 * 已建档立卡 read to find a village's 169, 30 ms on opening). */
static sqlite3_stmt *filter_stmt(struct db *db, const char *village, int state)
{
    if (*village && state >= 0)
        return db_stmt(db, "SELECT id FROM households INDEXED BY households_village WHERE deleted = 0"
                           " AND village >= ?1 AND village < ?2 AND state = ?3");
    if (*village)
        return db_stmt(db, "SELECT id FROM households WHERE deleted = 0 AND village >= ?1 "
                           "AND village < ?2 AND ?3 = ?3");
    return db_stmt(db, "SELECT id FROM households WHERE deleted = 0 AND state = ?3 "
                       "AND ?1 = ?1 AND ?2 = ?2");
}

static enum db_err filter_load(struct db *db, const char *village, const char *hi, int state,
                               struct filter_set **out)
{
    struct filter_set *f = &filter_cache;
    sqlite3_int64 changes = sqlite3_total_changes64(db_handle(db)), version = data_version(db);
    if (f->bits && f->db == db && f->state == state && strcmp(f->village, village) == 0 &&
        f->changes == changes && f->data_version == version) {
        *out = f;
        return DB_OK;
    }
    filter_forget(f);
    sqlite3_stmt *mx = db_stmt(db, "SELECT coalesce(max(id), 0) + 1 FROM households");
    if (!mx)
        return DB_ERR_IO;
    int64_t n_ids = sqlite3_step(mx) == SQLITE_ROW ? sqlite3_column_int64(mx, 0) : 1;
    sqlite3_reset(mx);
    unsigned char *bits = sqlite3_malloc64((sqlite3_uint64)(n_ids + 7) / 8);
    sqlite3_stmt *st = bits ? filter_stmt(db, village, state) : NULL;
    if (!st) {
        sqlite3_free(bits);
        return bits ? DB_ERR_IO : db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    }
    memset(bits, 0, (size_t)(n_ids + 7) / 8);
    sqlite3_bind_text(st, 1, village, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, state);
    int rc;
    int64_t count = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        count++;
        if (id >= 0 && id < n_ids)
            bits[id >> 3] |= (unsigned char)(1u << (id & 7));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        sqlite3_free(bits);
        return db_fail(db, rc, "查询户");
    }
    *f = (struct filter_set){ .db = db, .state = state, .changes = changes,
                              .data_version = version, .n_ids = n_ids, .count = count,
                              .bits = bits };
    snprintf(f->village, sizeof f->village, "%s", village);
    *out = f;
    return DB_OK;
}

/* DB_HH_ORDER in C, for rows found by the scan: village, 村民小组 in natural
 * order, 户编号 (none first), entry. */
static int hh_row_order(const void *pa, const void *pb)
{
    const struct hh_row *a = pa, *b = pb;
    int c = strcmp(a->village, b->village);
    if (c == 0)
        c = natural_cmp(a->group_name, b->group_name);
    if (c == 0)
        c = strcmp(a->hh_no, b->hh_no);
    return c != 0 ? c : (a->id > b->id) - (a->id < b->id);
}

/* One page of a search: the filter, the row after (or before) which the
 * page starts (NULL: the first or last page), and where the rows go. */
struct page {
    const char *village, *hi;   /* village range, "" = any */
    int state;                  /* < 0: any */
    struct filter_set *filter;  /* NULL: no filter */
    int few;                    /* few households under it (page_filter) */
    const struct hh_row *from;
    int backward;               /* the page before `from`, in list order */
    struct hh_row *rows;
    size_t max, *n;
};

static void reverse_rows(struct hh_row *rows, size_t n)
{
    for (size_t i = 0; i < n / 2; i++) {
        struct hh_row t = rows[i];
        rows[i] = rows[n - 1 - i];
        rows[n - 1 - i] = t;
    }
}

/* Sixteen bytes as two 64-bit lanes (a GCC/Clang vector: one SSE2 or NEON
 * register; plain 64-bit operations elsewhere). */
typedef uint64_t lanes16 __attribute__((vector_size(16)));

/* Bytes of x equal to `byte`: the high bit of each such byte set, every
 * other bit clear (the sum never carries from one byte into the next). */
static lanes16 equal_bytes(lanes16 x, unsigned char byte)
{
    const uint64_t low7 = 0x7f7f7f7f7f7f7f7fULL, ones = 0x0101010101010101ULL;
    lanes16 y = x ^ (lanes16){ ones * byte, ones * byte };
    return ~(((y & (lanes16){ low7, low7 }) + (lanes16){ low7, low7 }) | y | (lanes16){ low7, low7 });
}

/* Whether hay holds the needle at k (its first byte already matched). */
static int needle_at(const char *hay, size_t k, const char *needle, size_t m)
{
    for (size_t j = 1; j < m; j++)
        if (hay[k + j] != needle[j])
            return 0;
    return 1;
}

/* The first occurrence of needle (m >= 1 bytes) in hay (n bytes), or NULL.
 * glibc's memmem spent 12 of the 18 ms a county-wide ID search took (its
 * shift table moves a few bytes at a time over text of digits); this tests
 * sixteen positions at once for the needle's first, second and last bytes
 * and compares the rest only where all three match (measured on the county's
 * 12 MB: 4 ms instead of 12 for "198503", the same 2.6 ms for "张建"). */
static const char *find_bytes(const char *hay, size_t n, const char *needle, size_t m)
{
    if (m == 0 || m > n)
        return m == 0 ? hay : NULL;
    if (m == 1)
        return memchr(hay, needle[0], n);
    size_t i = 0;
    for (; i + m - 1 + 16 <= n; i += 16) {
        lanes16 x0, x1, xl;
        memcpy(&x0, hay + i, 16);
        memcpy(&x1, hay + i + 1, 16);
        memcpy(&xl, hay + i + m - 1, 16);
        lanes16 both = equal_bytes(x0, (unsigned char)needle[0]) & equal_bytes(x1, (unsigned char)needle[1])
                     & equal_bytes(xl, (unsigned char)needle[m - 1]);
        if (!(both[0] | both[1]))
            continue;
        for (size_t k = i; k < i + 16; k++)     /* in memory order, whatever the endianness */
            if (hay[k] == needle[0] && needle_at(hay, k, needle, m))
                return hay + k;
    }
    for (; i + m <= n; i++)
        if (hay[i] == needle[0] && needle_at(hay, i, needle, m))
            return hay + i;
    return NULL;
}

/* Appends household id's row to the page (nothing when it is deleted):
 * `one` is ROW_BY_ID prepared.  Returns SQLITE_ROW, SQLITE_DONE or the error. */
#define ROW_BY_ID "SELECT " ROW_COLS " FROM households h LEFT JOIN areas a ON a.code = h.village" \
                  " WHERE h.id = ?1 AND h.deleted = 0"
static int append_row(sqlite3_stmt *one, int64_t id, struct page *pg)
{
    sqlite3_reset(one);
    sqlite3_bind_int64(one, 1, id);
    int rc = sqlite3_step(one);
    if (rc == SQLITE_ROW)
        read_row(one, &pg->rows[(*pg->n)++]);
    sqlite3_reset(one);
    return rc;
}

/* The household id a search record starts with. */
static int64_t record_id(const char *p, const char *end)
{
    int64_t id = 0;
    for (; p < end && *p >= '0' && *p <= '9'; p++)
        id = id * 10 + (*p - '0');
    return id;
}

/* The households of one chunk's blob whose names (Q_NAME) or ID numbers and
 * 户编号 (Q_DIGITS) contain q, under the filter if any: their ids, in id
 * order, into ids (at most 128).  A hit in a household the filter leaves
 * out skips the rest of its record before anything else is looked at
 * ("45012319" under a rare state: a hit in every record of the county). */
static size_t chunk_hits(const char *data, const char *end, const char *q, enum query_kind kind,
                         const struct filter_set *filter, int64_t *ids)
{
    size_t qlen = strlen(q), n = 0;
    const char *p = data;
    while (p && p < end && n < (1u << CHUNK_SHIFT)) {
        const char *hit = find_bytes(p, (size_t)(end - p), q, qlen);
        if (!hit)
            break;
        /* The record's start: memrchr, not a byte loop (ID digits match
         * near a record's end). */
        const char *nl_before = memrchr(data, '\n', (size_t)(hit - data));
        const char *start = nl_before ? nl_before + 1 : data;
        const char *nl = memchr(hit, '\n', (size_t)(end - hit));
        const char *rec_end = nl ? nl : end;
        int64_t id = record_id(start, rec_end);
        if (filter && !filter_has(filter, id)) {
            p = rec_end + 1;
            continue;
        }
        const char *sep1 = memchr(start, US, (size_t)(rec_end - start));
        const char *sep2 = sep1 ? memchr(sep1 + 1, US, (size_t)(rec_end - sep1 - 1)) : NULL;
        int in_field = sep2 && (kind == Q_NAME ? hit > sep1 && hit + qlen <= sep2
                                               : hit > sep2 && hit + qlen <= rec_end);
        if (!in_field) {
            p = hit + 1;        /* a later occurrence may be in the right field */
            continue;
        }
        ids[n++] = id;
        p = rec_end + 1;        /* one row per household */
    }
    return n;
}

/* Substring search over the chunks, in id order (entry order) from the
 * page's starting row; a filter is tested against the in-memory bitmap and
 * only the rows shown are read from the households table. */
static enum db_err scan_search(struct db *db, const char *q, enum query_kind kind, struct page *pg)
{
    const struct filter_set *filter = pg->filter;
    int64_t from = pg->from ? pg->from->id : (pg->backward ? INT64_MAX : -1);
    /* data second: SQLite reads a blob's overflow pages only when asked,
     * so a chunk without a household under the filter costs next to nothing
     * (one village: 3 chunks read of 800, not the whole 10 MB). */
    sqlite3_stmt *chunks = db_stmt(db, pg->backward
        ? "SELECT chunk, data FROM hh_search WHERE chunk <= ?1 ORDER BY chunk DESC"
        : "SELECT chunk, data FROM hh_search WHERE chunk >= ?1 ORDER BY chunk");
    sqlite3_stmt *one = db_stmt(db, ROW_BY_ID);
    if (!chunks || !one)
        return DB_ERR_IO;
    sqlite3_bind_int64(chunks, 1, from < 0 ? 0 : from >> CHUNK_SHIFT);
    int64_t ids[1 << CHUNK_SHIFT];
    int rc = SQLITE_DONE;
    while (*pg->n < pg->max && (rc = sqlite3_step(chunks)) == SQLITE_ROW) {
        if (filter && !filter_chunk(filter, sqlite3_column_int64(chunks, 0)))
            continue;
        const char *data = sqlite3_column_blob(chunks, 1);
        size_t nh = chunk_hits(data, data + sqlite3_column_bytes(chunks, 1), q, kind, filter, ids);
        for (size_t k = 0; k < nh && *pg->n < pg->max; k++) {
            int64_t id = ids[pg->backward ? nh - 1 - k : k];
            if (pg->backward ? id >= from : id <= from)
                continue;
            int r1 = append_row(one, id, pg);
            if (r1 != SQLITE_ROW && r1 != SQLITE_DONE) {
                sqlite3_reset(chunks);
                return db_fail(db, r1, "查询户");
            }
        }
    }
    sqlite3_reset(chunks);
    if (pg->backward)
        reverse_rows(pg->rows, *pg->n);
    /* Every hit fits in the first page (a name, most searches): shown in
     * DB_HH_ORDER like the whole list.  More than a page: entry order, so
     * that a page is found without reading every hit. */
    if (!pg->from && rc == SQLITE_DONE && *pg->n < pg->max)
        qsort(pg->rows, *pg->n, sizeof *pg->rows, hh_row_order);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "查询户");
}

/* The filter and the page's start as SQL: one statement per combination,
 * so that each uses its index (an "?2 = '' OR …" hides the index from the
 * planner).  ?2/?3 the village range, ?4 the state, ?6.. the keyset.
 * `bitmap_id`: the column to test against the filter's bitmap instead
 * (hh_in_filter), NULL to test the columns. */
static void filter_sql(char *out, size_t outsz, const struct page *pg, const char *bitmap_id,
                       const char *keyset)
{
    char terms[200];
    if (bitmap_id && pg->filter)
        snprintf(terms, sizeof terms, " AND hh_in_filter(%s)", bitmap_id);
    else
        snprintf(terms, sizeof terms, "%s%s", *pg->village ? " AND h.village >= ?2 AND h.village < ?3" : "",
                 pg->state >= 0 ? " AND h.state = ?4" : "");
    snprintf(out, outsz, "%s%s%s%s", terms, pg->from ? " AND " : "",
             pg->from ? keyset : "", pg->from ? (pg->backward ? " < " : " > ") : "");
}

static void bind_page(sqlite3_stmt *st, const struct page *pg)
{
    sqlite3_bind_text(st, 2, pg->village, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, pg->hi, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, pg->state);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)pg->max);
}

/* Steps st into the page, after the rows already there. */
static enum db_err read_page(struct db *db, sqlite3_stmt *st, struct page *pg)
{
    int rc = SQLITE_DONE;
    while (*pg->n < pg->max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        read_row(st, &pg->rows[*pg->n]);
        pg->rows[*pg->n].rank = sqlite3_column_int(st, 9);
        db_copy_text(pg->rows[*pg->n].key, sizeof pg->rows[0].key,
                     (const char *)sqlite3_column_text(st, 10));
        (*pg->n)++;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "查询户");
}

/* How a filtered search is driven.  Few households under the filter (one
 * village; a rare state such as 已清退, 1 577 of 100 000): from those
 * households — the list read through their index and sorted, their
 * initials keys read once per filter and kept (initials_few).  Many (a
 * township, 已建档立卡): the query's own order is walked — the initials
 * index, the villages — and each entry tested against the filter, which
 * stops after a page: ~0.2 µs an entry and about max * households / F
 * entries for a page, so the households' way wins below one household in
 * FEW_SHARE.  Substring scans test the bitmap whatever the size.  Measured
 * on the county before: a village with 已建档立卡 took the state's index
 * (53 819 households) and 60 ms for "lh"; a township read a household row
 * for every key of "lh" (25 ms); "z" under 已清退 took 16 ms through SQL,
 * 3 ms from the kept keys. */
#define FEW_SHARE 25
static enum db_err page_filter(struct db *db, struct page *pg)
{
    if (!*pg->village && pg->state < 0)
        return DB_OK;
    enum db_err err = filter_load(db, pg->village, pg->hi, pg->state, &pg->filter);
    if (err == DB_OK)
        pg->few = pg->filter->count * FEW_SHARE < pg->filter->n_ids;
    return err;
}

/* hh_in_filter(id) in SQL: whether household id is under the filter that
 * page_filter loaded for the search being run (one connection searches at
 * a time: the bitmap is db/search.c's single filter_cache). */
static void sql_in_filter(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const struct filter_set *f = sqlite3_user_data(cx);
    sqlite3_result_int(cx, f->bits && filter_has(f, sqlite3_value_int64(argv[0])));
}

int db_search_register(sqlite3 *h)
{
    /* A new connection may get a closed one's address, which keys the
     * cache: what was kept belongs to a file no longer open. */
    filter_forget(&filter_cache);
    return sqlite3_create_function(h, "hh_in_filter", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, &filter_cache,
                                   sql_in_filter, NULL, NULL);
}

/* Initials: a prefix range on hh_initials in (rank, initials, household)
 * order, the 户主's keys (rank 0) before the other members', one rank at a
 * time (a range on initials needs the rank fixed to seek).  A household is
 * listed once, at its first matching key: rank 1 skips households whose
 * 户主 matches, and within a rank a key with a smaller matching key of the
 * same household is skipped.  Under a filter that many households pass
 * (page_filter) each key is tested against the filter's bitmap before its
 * household is read; under one that few pass see initials_few. */
#define INITIALS_MATCH(j) j ".initials >= ?1 AND " j ".initials < ?1 || char(127)"
static enum db_err initials_rank(struct db *db, const char *q, struct page *pg, int rank)
{
    char filt[400], sql[2048];
    struct page here = *pg;
    if (pg->from && pg->from->rank != rank)
        here.from = NULL;       /* the keyset is within the rank it came from */
    filter_sql(filt, sizeof filt, &here, "i.household_id", "(i.initials, i.household_id)");
    const char *dir = pg->backward ? " DESC" : "";
    snprintf(sql, sizeof sql,
             "SELECT " ROW_COLS ", i.rank, i.initials FROM hh_initials i CROSS JOIN households h"
             " ON h.id = i.household_id LEFT JOIN areas a ON a.code = h.village"
             " WHERE i.rank = ?6 AND " INITIALS_MATCH("i")
             " AND h.deleted = 0%s%s"
             " AND NOT EXISTS (SELECT 1 FROM hh_initials j WHERE j.household_id = i.household_id"
             " AND " INITIALS_MATCH("j") " AND (j.rank < i.rank OR (j.rank = i.rank AND j.initials < i.initials)))"
             " ORDER BY i.initials%s, i.household_id%s LIMIT ?5",
             filt, here.from ? "(?7, ?8)" : "", dir, dir);
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
    bind_page(st, pg);
    sqlite3_bind_int(st, 6, rank);
    if (here.from) {
        sqlite3_bind_text(st, 7, here.from->key, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 8, here.from->id);
    }
    return read_page(db, st, pg);
}

/* The initials keys of the households under a filter few pass, in the
 * list's order (rank, initials, household), read once per filter. */
static enum db_err filter_keys_read(struct db *db, const struct page *pg)
{
    struct filter_set *f = pg->filter;
    if (f->keys_read)
        return DB_OK;
    char filt[400], sql[1024];
    struct page all = *pg;
    all.from = NULL;
    filter_sql(filt, sizeof filt, &all, NULL, "");
    snprintf(sql, sizeof sql, "SELECT i.household_id, i.rank, i.initials FROM households h INDEXED BY %s"
             " CROSS JOIN hh_initials i ON i.household_id = h.id WHERE h.deleted = 0%s"
             " ORDER BY i.rank, i.initials, i.household_id",
             *pg->village ? "households_village" : "households_state", filt);
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st)
        return DB_ERR_IO;
    bind_page(st, pg);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (f->n_keys == cap) {
            struct filter_key *k = sqlite3_realloc64(f->keys, (cap = cap ? cap * 2 : 1024) * sizeof *k);
            if (!k) {
                rc = SQLITE_NOMEM;
                break;
            }
            f->keys = k;
        }
        struct filter_key *k = &f->keys[f->n_keys++];
        k->id = sqlite3_column_int64(st, 0);
        k->rank = sqlite3_column_int(st, 1);
        db_copy_text(k->key, sizeof k->key, (const char *)sqlite3_column_text(st, 2));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        f->n_keys = 0;
        return db_fail(db, rc, "查询户");
    }
    f->keys_read = 1;
    return DB_OK;
}

/* key against the list row `from`, in (rank, initials, household) order. */
static int key_cmp(const struct filter_key *k, const struct hh_row *from)
{
    if (k->rank != from->rank)
        return k->rank < from->rank ? -1 : 1;
    int c = strcmp(k->key, from->key);
    return c != 0 ? c : (k->id > from->id) - (k->id < from->id);
}

/* Initials among few households (page_filter), from their keys in memory:
 * the rule of initials_rank — a household listed once, at its first
 * matching key in (rank, initials, household) order — in one pass over the
 * keys ("l" under 已清退 on the county: 1 ms, 11 ms through SQL). */
static enum db_err initials_few(struct db *db, const char *q, struct page *pg)
{
    enum db_err err = filter_keys_read(db, pg);
    const struct filter_set *f = pg->filter;
    sqlite3_stmt *one = err == DB_OK ? db_stmt(db, ROW_BY_ID) : NULL;
    if (err != DB_OK || !one)
        return err != DB_OK ? err : DB_ERR_IO;
    unsigned char *listed = sqlite3_malloc64((sqlite3_uint64)(f->n_ids + 7) / 8);
    const struct filter_key **hits = sqlite3_malloc64((f->n_keys + 1) * sizeof *hits);
    if (!listed || !hits) {
        sqlite3_free(listed);
        sqlite3_free(hits);
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    }
    memset(listed, 0, (size_t)(f->n_ids + 7) / 8);
    size_t qlen = strlen(q), n_hits = 0;
    for (size_t i = 0; i < f->n_keys; i++) {
        const struct filter_key *k = &f->keys[i];
        if (strncmp(k->key, q, qlen) != 0 || k->id < 0 || k->id >= f->n_ids ||
            (listed[k->id >> 3] >> (k->id & 7) & 1))
            continue;
        listed[k->id >> 3] |= (unsigned char)(1u << (k->id & 7));
        hits[n_hits++] = k;
    }
    size_t first = 0, end = n_hits;     /* the page: hits[first .. end) */
    if (pg->backward) {
        while (pg->from && end > 0 && key_cmp(hits[end - 1], pg->from) >= 0)
            end--;
        first = end > pg->max ? end - pg->max : 0;
    } else {
        while (pg->from && first < n_hits && key_cmp(hits[first], pg->from) <= 0)
            first++;
        end = n_hits - first > pg->max ? first + pg->max : n_hits;
    }
    int rc = SQLITE_DONE;
    for (size_t i = first; i < end && (rc == SQLITE_DONE || rc == SQLITE_ROW); i++) {
        size_t at = *pg->n;
        rc = append_row(one, hits[i]->id, pg);
        if (rc == SQLITE_ROW) {
            pg->rows[at].rank = hits[i]->rank;
            db_copy_text(pg->rows[at].key, sizeof pg->rows[at].key, hits[i]->key);
        }
    }
    sqlite3_free(listed);
    sqlite3_free(hits);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "查询户");
}

static enum db_err initials_search(struct db *db, const char *q, struct page *pg)
{
    if (pg->few)
        return initials_few(db, q, pg);
    enum db_err err = DB_OK;
    int rank = pg->from ? pg->from->rank : pg->backward;
    for (; err == DB_OK && rank >= 0 && rank <= 1 && *pg->n < pg->max; rank += pg->backward ? -1 : 1)
        err = initials_rank(db, q, pg, rank);
    if (pg->backward)
        reverse_rows(pg->rows, *pg->n);
    return err;
}

/* Every household in DB_HH_ORDER, a page after (or before) the keyset of
 * the row given.  No index holds that order (see MIGRATION_9 in
 * db/schema_sql.c): households_village gives the villages in order and SQLite
 * sorts each village's households, stopping after the page, ~3 ms on a
 * county.  A state filter is read from that index too (the planner took
 * households_state and sorted all 53 819 在册 households: 62 ms), unless few
 * households pass it (已清退: reading 1 577 and sorting them is faster than
 * walking the county's index). */
#define LIST_KEY(d) "h.village" d ", h.group_name" DB_NATURAL d ", ifnull(h.hh_no, '')" d ", h.id" d
static enum db_err list_all(struct db *db, struct page *pg)
{
    char filt[400], sql[2048];
    filter_sql(filt, sizeof filt, pg, NULL, "(" LIST_KEY("") ")");
    snprintf(sql, sizeof sql, "SELECT " ROW_COLS ", 0, '' FROM households h INDEXED BY %s LEFT JOIN areas a "
             "ON a.code = h.village WHERE h.deleted = 0%s%s ORDER BY %s LIMIT ?5",
             pg->few && !*pg->village ? "households_state" : "households_village", filt,
             pg->from ? "(?6, ?7, ?8, ?9)" : "", pg->backward ? LIST_KEY(" DESC") : LIST_KEY(""));
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st)
        return DB_ERR_IO;
    bind_page(st, pg);
    if (pg->from) {
        sqlite3_bind_text(st, 6, pg->from->village, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 7, pg->from->group_name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 8, pg->from->hh_no, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 9, pg->from->id);
    }
    enum db_err err = read_page(db, st, pg);
    if (pg->backward)
        reverse_rows(pg->rows, *pg->n);
    return err;
}

enum db_err db_household_page(struct db *db, const char *query, const char *village, int state,
                              const struct hh_row *from, int backward, struct hh_row *rows,
                              size_t max, size_t *n)
{
    *n = 0;
    if (!db || (!rows && max))
        return DB_ERR_INVALID;
    char q[256];
    clean_query(query, q, sizeof q);
    enum query_kind kind = classify(q);
    if (kind == Q_NONE || max == 0)
        return DB_OK;
    char hi[AREA_CODE_LEN + 2] = "";
    if (village && *village) {
        /* Everything under the code: [code, code followed by ':') —
         * ':' sorts right after '9'. */
        snprintf(hi, sizeof hi, "%.12s:", village);
    } else {
        village = "";
    }
    struct page pg = { village, hi, state, NULL, 0, from, backward, rows, max, n };
    enum db_err err = page_filter(db, &pg);
    if (err != DB_OK)
        return err;
    /* The scan reads the whole search table (~12 MB for 100 000
     * households), a filtered initials search the index of the households'
     * keys: from SQLite's default 2 MB page cache that costs ~8 ms of
     * re-reads per search.  The cache is raised here, on the connection
     * that searches (the TUI), not at open, so batch exports keep the small
     * default. */
    sqlite3_stmt *cs = db_stmt(db, "PRAGMA cache_size = -32768");
    if (cs) {
        sqlite3_step(cs);
        sqlite3_reset(cs);
    }
    if (kind == Q_DIGITS || kind == Q_NAME)
        return scan_search(db, q, kind, &pg);
    return kind == Q_INITIALS ? initials_search(db, q, &pg) : list_all(db, &pg);
}

enum db_err db_household_search(struct db *db, const char *query, const char *village,
                                int state, struct hh_row *rows, size_t max, size_t *n)
{
    return db_household_page(db, query, village, state, NULL, 0, rows, max, n);
}
