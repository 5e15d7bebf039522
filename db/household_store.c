/* household_store.c — one household = one transaction.
 *
 * Columns are bound through the form declarations (db/record.h); this file
 * only names the columns that are not form fields (ids, ordinal, birth, the
 * list copies head_name/head_initials/n_members/hh_type).
 *
 * Search: the list must answer in < 20 ms on 100 000 households.  Pinyin
 * initials use an index: hh_initials holds every initials string of every
 * active member's name (pinyin_name_keys: each reading in use, at most
 * KEYS_PER_NAME per name), one row per distinct string per household.  Name and ID-digit substrings
 * cannot use a B-tree.  A table of one row per household scanned with
 * instr() measured 16–30 ms on 100 000 households (SQLite's per-row cost
 * and instr's byte loop), so hh_search packs 128 households per row and
 * the scan is memmem over ~800 blobs (see "the search table" below); it
 * stops as soon as `max` rows are found. */
/* memmem (glibc): the substring scan of the search table. */
#define _GNU_SOURCE
#include "db/household_store.h"
#include "db/member_history.h"
#include "db/record.h"
#include "core/clock.h"
#include "core/workflow.h"
#include "forms/facts.h"
#include "core/idno.h"
#include "core/pinyin.h"
#include "core/text.h"
#include <stdint.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"
#define SQL_MAX 8192

/* ---- statements built from the form declarations ------------------------ */

static const char *const SKIP_YEAR[] = { "year", NULL };

static int build_insert(char *sql, size_t sz, const char *table, const char *fixed,
                        int n_fixed, const struct record_cols *c)
{
    snprintf(sql, sz, "INSERT INTO %s (%s", table, fixed);
    if (!db_record_list(c, sql, sz, 0, 0))
        return 0;
    size_t len = strlen(sql);
    int w = snprintf(sql + len, sz - len, ") VALUES (");
    len += (size_t)w;
    for (int i = 1; i <= n_fixed + (int)c->n; i++) {
        w = snprintf(sql + len, sz - len, "%s?%d", i > 1 ? ", " : "", i);
        if (w < 0 || (size_t)w >= sz - len)
            return 0;
        len += (size_t)w;
    }
    return snprintf(sql + len, sz - len, ")") == 1;
}

/* UPDATE table SET <fixed_assign> , f = ?(n_fixed+1) ... WHERE <where>;
 * the WHERE clause may use parameters ?1..?n_fixed. */
static int build_update(char *sql, size_t sz, const char *table, const char *fixed_assign,
                        int n_fixed, const struct record_cols *c, const char *where)
{
    snprintf(sql, sz, "UPDATE %s SET %s", table, fixed_assign);
    if (!db_record_list(c, sql, sz, 1, n_fixed + 1))
        return 0;
    size_t len = strlen(sql);
    int w = snprintf(sql + len, sz - len, " WHERE %s", where);
    return w > 0 && (size_t)w < sz - len;
}

static sqlite3_stmt *prepared(struct db *db, int ok, const char *sql)
{
    if (!ok) {
        db_set_error(db, DB_ERR_IO, "内部错误：语句过长 (statement too long)");
        return NULL;
    }
    return db_stmt(db, sql);
}

/* Steps a write statement to completion; returns an SQLite code. */
static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* ---- duplicate ID --------------------------------------------------------- */

enum db_err db_id_owner(struct db *db, const char *id_no, int64_t exclude_household_id,
                        int64_t *owner_id, char *owner_head_name, size_t sz)
{
    if (!db || !id_no)
        return DB_ERR_INVALID;
    sqlite3_stmt *st = db_stmt(db,
        "SELECT h.id, h.head_name FROM members m JOIN households h ON h.id = m.household_id "
        "WHERE m.id_no = ?1 AND m.deleted = 0 AND h.deleted = 0 AND h.id IS NOT ?2 LIMIT 1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, id_no, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, exclude_household_id);
    int rc = sqlite3_step(st);
    enum db_err err = DB_ERR_NOTFOUND;
    if (rc == SQLITE_ROW) {
        if (owner_id)
            *owner_id = sqlite3_column_int64(st, 0);
        if (owner_head_name && sz)
            db_copy_text(owner_head_name, sz, (const char *)sqlite3_column_text(st, 1));
        err = DB_OK;
    } else if (rc != SQLITE_DONE) {
        err = db_fail(db, rc, "查询身份证号");
    }
    sqlite3_reset(st);
    return err;
}

/* ---- save ------------------------------------------------------------------ */

/* ---- the search table -----------------------------------------------------
 * hh_search holds one row per 128 households (chunk = id >> 7), each a blob
 * of records "id US names US ids LF" sorted by id: names joined by RS, the
 * ID numbers and the 户编号 joined by spaces.  A substring search is then
 * memmem over ~800 blobs (~10 MB for a county) instead of 100 000 rows. */

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
    rc = step_done(st);
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
    int rc = step_done(st);
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
            rc = step_done(st);
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

/* The household list shows the type of the latest survey year. */
static int list_hh_type(struct db *db, const struct household *hh, enum db_err *err)
{
    int type = hh->survey.year ? hh->survey.hh_type : 0;
    if (!hh->id)
        return type;
    sqlite3_stmt *st = db_stmt(db, "SELECT hh_type, year FROM surveys WHERE household_id = ?1 "
                                   "AND year <> ?2 ORDER BY year DESC LIMIT 1");
    if (!st) {
        *err = DB_ERR_IO;
        return 0;
    }
    sqlite3_bind_int64(st, 1, hh->id);
    sqlite3_bind_int(st, 2, hh->survey.year);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && (!hh->survey.year || sqlite3_column_int(st, 1) > hh->survey.year))
        type = sqlite3_column_int(st, 0);
    else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        *err = db_fail(db, rc, "读取调查表");
    sqlite3_reset(st);
    return type;
}

int db_id_owner_describe(void *ud, const char *id_no, int64_t self_hh, char *other, size_t othersz)
{
    int64_t owner = 0;
    char name[TEXT_BYTES(NAME_CHARS)] = "";
    if (db_id_owner(ud, id_no, self_hh, &owner, name, sizeof name) != DB_OK || !owner)
        return 0;
    snprintf(other, othersz, "户主 %s (内部号 %lld)", name, (long long)owner);
    return 1;
}

void db_household_canonical_ids(struct household *hh)
{
    for (int i = 0; i < hh->n_members && i < HH_MAX_MEMBERS; i++) {
        struct idno_info info;
        enum idno_status st = idno_parse(hh->members[i].id_no, &info);
        if (st == IDNO_OK || st == IDNO_UPGRADED)
            snprintf(hh->members[i].id_no, sizeof hh->members[i].id_no, "%s", info.id);
    }
}

static enum db_err check_members(struct db *db, const struct household *hh)
{
    if (hh->n_members < 1 || hh->n_members > HH_MAX_MEMBERS)
        return db_set_error(db, DB_ERR_INVALID, "家庭成员人数应为 1–%d 人，现为 %d (member count %d out of range)",
                            HH_MAX_MEMBERS, hh->n_members, hh->n_members);
    if (!hh->village[0])
        return db_set_error(db, DB_ERR_INVALID, "未填写村 (village is empty)");
    for (int i = 0; i < hh->n_members; i++) {
        const struct member *m = &hh->members[i];
        for (int j = 0; j < i; j++)
            if (m->id_no[0] && strcmp(m->id_no, hh->members[j].id_no) == 0)
                return db_set_error(db, DB_ERR_CONSTRAINT,
                    "身份证号重复：第 %d 名成员“%s”与第 %d 名成员“%s”的身份证号相同 "
                    "(duplicate ID %s within the household)",
                    j + 1, hh->members[j].name, i + 1, m->name, m->id_no);
        int64_t owner = 0;
        char owner_name[TEXT_BYTES(NAME_CHARS)];
        enum db_err err = db_id_owner(db, m->id_no, hh->id, &owner, owner_name, sizeof owner_name);
        if (err == DB_OK)
            return db_set_error(db, DB_ERR_CONSTRAINT,
                "身份证号 %s（%s）已登记在户主为“%s”的另一户（户 ID %lld）中，同一身份证号只能在一户 "
                "(ID number already in household %lld)",
                m->id_no, m->name, owner_name, (long long)owner, (long long)owner);
        if (err != DB_ERR_NOTFOUND)
            return err;
    }
    return DB_OK;
}

static enum db_err save_household_row(struct db *db, struct household *hh, int hh_type)
{
    struct record_cols c;
    db_record_cols(T_HOUSEHOLD, NULL, &c);
    char sql[SQL_MAX], initials[TEXT_BYTES(NAME_CHARS)];
    pinyin_name_initials(hh->members[0].name, initials, sizeof initials);
    sqlite3_stmt *st;
    int rc = SQLITE_DONE;
    /* ?1 hh_no ?2 head_name ?3 head_initials ?4 n_members ?5 hh_type ?6 state/id */
    if (!hh->id)
        st = prepared(db, build_insert(sql, sizeof sql, "households",
                      "hh_no, head_name, head_initials, n_members, hh_type, state", 6, &c), sql);
    else
        st = prepared(db, build_update(sql, sizeof sql, "households",
                      "hh_no = ?1, head_name = ?2, head_initials = ?3, n_members = ?4, "
                      "hh_type = ?5, updated_at = " NOW, 6, &c, "id = ?6 AND deleted = 0"), sql);
    if (!st)
        return DB_ERR_IO;
    if (hh->hh_no[0])
        sqlite3_bind_text(st, 1, hh->hh_no, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 1);
    sqlite3_bind_text(st, 2, hh->members[0].name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, initials, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 4, hh->n_members);
    sqlite3_bind_int(st, 5, hh_type);
    if (!hh->id)
        sqlite3_bind_int(st, 6, hh->state);
    else
        sqlite3_bind_int64(st, 6, hh->id);
    rc = db_record_bind(st, 7, &c, hh);
    if (rc == SQLITE_OK)
        rc = step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "保存户信息");
    if (!hh->id) {
        hh->id = sqlite3_last_insert_rowid(db_handle(db));
        st = db_stmt(db, "INSERT INTO state_history(household_id, from_state, to_state, date, "
                         "operator, reason) VALUES (?1, 0, ?2, ?3, ?4, '新建户')");
        if (!st)
            return DB_ERR_IO;
        char today[11];
        clock_today(today);
        sqlite3_bind_int64(st, 1, hh->id);
        sqlite3_bind_int(st, 2, hh->state);
        sqlite3_bind_text(st, 3, today, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 4, db_operator(db), -1, SQLITE_STATIC);
        rc = step_done(st);
        if (rc != SQLITE_OK)
            return db_fail(db, rc, "记录状态");
    } else {
        if (sqlite3_changes(db_handle(db)) == 0)
            return db_set_error(db, DB_ERR_NOTFOUND, "该户不存在或已删除，未保存 (household %lld not found)",
                                (long long)hh->id);
        st = db_stmt(db, "SELECT state FROM households WHERE id = ?1");
        if (!st)
            return DB_ERR_IO;
        sqlite3_bind_int64(st, 1, hh->id);
        if (sqlite3_step(st) == SQLITE_ROW)
            hh->state = sqlite3_column_int(st, 0);
        sqlite3_reset(st);
    }
    return DB_OK;
}

static enum db_err load_all(struct db *db, int64_t id, int year, struct household *out);

static enum db_err save_members(struct db *db, struct household *hh)
{
    /* Removed members first, so a removed person's ID can be re-keyed as a
     * new row in the same save without tripping the one-active-ID index. */
    char kept[HH_MAX_MEMBERS * 24 + 4] = "[";
    size_t len = 1;
    for (int i = 0; i < hh->n_members; i++)
        if (hh->members[i].id)
            len += (size_t)snprintf(kept + len, sizeof kept - len, "%s%lld",
                                    len > 1 ? "," : "", (long long)hh->members[i].id);
    snprintf(kept + len, sizeof kept - len, "]");
    sqlite3_stmt *st = db_stmt(db, "UPDATE members SET deleted = 1, deleted_at = " NOW ", "
                                   "updated_at = " NOW " WHERE household_id = ?1 AND deleted = 0 "
                                   "AND id NOT IN (SELECT value FROM json_each(?2))");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, hh->id);
    sqlite3_bind_text(st, 2, kept, -1, SQLITE_STATIC);
    int rc = step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "删除成员");

    struct record_cols c;
    db_record_cols(T_MEMBER, NULL, &c);
    char ins[SQL_MAX], upd[SQL_MAX];
    /* ?1 household_id ?2 ordinal ?3 birth ?4 id (update) */
    int ok_ins = build_insert(ins, sizeof ins, "members", "household_id, ordinal, birth", 3, &c);
    int ok_upd = build_update(upd, sizeof upd, "members",
                              "ordinal = ?2, birth = ?3, deleted = 0, deleted_at = NULL, "
                              "updated_at = " NOW, 4, &c, "id = ?4 AND household_id = ?1");
    for (int i = 0; i < hh->n_members; i++) {
        struct member *m = &hh->members[i];
        st = m->id ? prepared(db, ok_upd, upd) : prepared(db, ok_ins, ins);
        if (!st)
            return DB_ERR_IO;
        sqlite3_bind_int64(st, 1, hh->id);
        sqlite3_bind_int(st, 2, i);
        sqlite3_bind_text(st, 3, m->birth, (int)strnlen(m->birth, sizeof m->birth), SQLITE_STATIC);
        if (m->id)
            sqlite3_bind_int64(st, 4, m->id);
        rc = db_record_bind(st, m->id ? 5 : 4, &c, m);
        if (rc == SQLITE_OK)
            rc = step_done(st);
        if (rc != SQLITE_OK) {
            char what[TEXT_BYTES(NAME_CHARS) + 64];
            snprintf(what, sizeof what, "保存第 %d 名成员“%s”", i + 1, m->name);
            return db_fail(db, rc, what);
        }
        if (!m->id)
            m->id = sqlite3_last_insert_rowid(db_handle(db));
        else if (sqlite3_changes(db_handle(db)) == 0)
            return db_set_error(db, DB_ERR_NOTFOUND, "第 %d 名成员不属于该户，未保存 (member %lld not in household)",
                                i + 1, (long long)m->id);
    }
    return DB_OK;
}

/* Saves the application or the survey of its year (year 0: nothing). */
static enum db_err save_yearly(struct db *db, struct household *hh, enum ftable table,
                               const char *name, int64_t *id, int year, const char *what)
{
    if (!year)
        return DB_OK;
    char sql[SQL_MAX];
    sqlite3_stmt *st;
    int rc = SQLITE_DONE;
    if (!*id) {
        snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE household_id = ?1 AND year = ?2", name);
        st = db_stmt(db, sql);
        if (!st)
            return DB_ERR_IO;
        sqlite3_bind_int64(st, 1, hh->id);
        sqlite3_bind_int(st, 2, year);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            *id = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return db_fail(db, rc, what);
    }
    struct record_cols c;
    db_record_cols(table, SKIP_YEAR, &c);
    /* ?1 household_id ?2 year ?3 id (update) */
    if (!*id)
        st = prepared(db, build_insert(sql, sizeof sql, name, "household_id, year", 2, &c), sql);
    else
        st = prepared(db, build_update(sql, sizeof sql, name, "year = ?2, updated_at = " NOW, 3, &c,
                                       "id = ?3 AND household_id = ?1"), sql);
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, hh->id);
    sqlite3_bind_int(st, 2, year);
    if (*id)
        sqlite3_bind_int64(st, 3, *id);
    rc = db_record_bind(st, *id ? 4 : 3, &c, hh);
    if (rc == SQLITE_OK)
        rc = step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, what);
    if (!*id)
        *id = sqlite3_last_insert_rowid(db_handle(db));
    else if (sqlite3_changes(db_handle(db)) == 0)
        return db_set_error(db, DB_ERR_NOTFOUND, "%s失败：记录不属于该户 (%s row %lld not in household)",
                            what, name, (long long)*id);
    return DB_OK;
}

/* Issue 11: what this save changes of a stored household's identifying and
 * eligibility facts (forms/facts.h), read from the file inside the save's
 * transaction.  *old gets the stored record (the caller frees it), *changes
 * the list as shown to the clerk ("" none).  On the register such a change
 * without hh->change_reason is refused: the rule is here, so the screen,
 * the import and any caller obey it alike. */
#define MAX_FACT_CHANGES 64
static enum db_err history_before(struct db *db, const struct household *hh,
                                  struct household **old, char **changes)
{
    *old = calloc(1, sizeof **old);
    struct fact_change *fc = calloc(MAX_FACT_CHANGES, sizeof *fc);
    *changes = calloc(1, MAX_FACT_CHANGES * sizeof *fc);
    enum db_err err = DB_OK;
    if (!*old || !fc || !*changes)
        err = db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    if (err == DB_OK)
        err = load_all(db, hh->id, hh->survey.year, *old);
    if (err == DB_OK && wf_changes_need_reason((enum wf_state)(*old)->state)) {
        size_t n = facts_changes(*old, hh, fc, MAX_FACT_CHANGES);
        facts_describe(fc, n < MAX_FACT_CHANGES ? n : MAX_FACT_CHANGES, *changes, MAX_FACT_CHANGES * sizeof *fc);
        const char *r = hh->change_reason;
        while (*r == ' ')
            r++;
        if (n && !*r)
            err = db_set_error(db, DB_ERR_INVALID, "该户为%s，以下户籍或识别信息的修改须说明原因，未保存：%s"
                               "(a registered household's change needs a reason)",
                               wf_state_label((enum wf_state)(*old)->state), fc[0].text);
    }
    free(fc);
    return err;
}

/* After a save: what was said with it is now stored. */
static void clear_said(struct household *hh)
{
    hh->change_reason[0] = '\0';
    hh->n_left = 0;
    memset(hh->left, 0, sizeof hh->left);
    for (int i = 0; i < HH_MAX_MEMBERS; i++) {
        hh->members[i].join_reason = 0;
        hh->members[i].join_date[0] = '\0';
    }
}

enum db_err db_household_save(struct db *db, struct household *hh)
{
    if (!db || !hh)
        return db ? db_set_error(db, DB_ERR_INVALID, "参数错误 (no household)") : DB_ERR_INVALID;
    /* Ids as they were, restored if anything fails: a retry must insert again. */
    int64_t old_id = hh->id, old_app = hh->app.id, old_survey = hh->survey.id;
    int64_t old_members[HH_MAX_MEMBERS];
    unsigned char joined[HH_MAX_MEMBERS];
    int old_state = hh->state;
    for (int i = 0; i < HH_MAX_MEMBERS; i++) {
        old_members[i] = hh->members[i].id;
        joined[i] = hh->members[i].id == 0;
    }

    /* IDs as ID_LEGACY's warning promises: stored upgraded (and x → X). */
    db_household_canonical_ids(hh);
    enum db_err err = check_members(db, hh);
    if (err != DB_OK)
        return err;
    err = db_begin(db);
    if (err != DB_OK)
        return err;
    struct household *before = NULL;
    char *changes = NULL;
    if (hh->id)
        err = history_before(db, hh, &before, &changes);
    int hh_type = err == DB_OK ? list_hh_type(db, hh, &err) : 0;
    if (err == DB_OK)
        err = save_household_row(db, hh, hh_type);
    if (err == DB_OK)
        err = save_members(db, hh);
    if (err == DB_OK)
        err = save_yearly(db, hh, T_APPLICATION, "applications", &hh->app.id, hh->app.year, "保存申请书");
    if (err == DB_OK)
        err = save_yearly(db, hh, T_SURVEY, "surveys", &hh->survey.id, hh->survey.year, "保存调查表");
    if (err == DB_OK && before)
        err = db_history_record(db, before, hh, joined, changes);
    if (err == DB_OK)
        err = write_search(db, hh);
    free(before);
    free(changes);
    if (err == DB_OK)
        err = write_initials(db, hh);
    if (err == DB_OK)
        err = db_commit(db);
    else
        db_rollback(db);
    if (err != DB_OK) {
        hh->id = old_id;
        hh->app.id = old_app;
        hh->survey.id = old_survey;
        hh->state = old_state;
        for (int i = 0; i < HH_MAX_MEMBERS; i++)
            hh->members[i].id = old_members[i];
    } else {
        clear_said(hh);
    }
    return err;
}

/* ---- load ------------------------------------------------------------------ */

/* Several SELECTs read one snapshot: a deferred read transaction, unless the
 * caller already holds one. */
static int read_begin(struct db *db)
{
    if (!sqlite3_get_autocommit(db_handle(db)))
        return 0;
    return sqlite3_exec(db_handle(db), "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

static void read_end(struct db *db, int began)
{
    if (began)
        sqlite3_exec(db_handle(db), "COMMIT", NULL, NULL, NULL);
}

/* The application or survey of `year` (0 = the latest); with up_to, the
 * latest of `year` or before it. */
static enum db_err load_yearly_as_of(struct db *db, enum ftable table, const char *name, int64_t hh_id,
                                     int year, int up_to, int64_t *id, int *out_year,
                                     struct household *out)
{
    struct record_cols c;
    db_record_cols(table, SKIP_YEAR, &c);
    char sql[SQL_MAX];
    snprintf(sql, sizeof sql, "SELECT id, year");
    if (!db_record_list(&c, sql, sizeof sql, 0, 0))
        return db_set_error(db, DB_ERR_IO, "内部错误：语句过长 (statement too long)");
    size_t len = strlen(sql);
    snprintf(sql + len, sizeof sql - len, " FROM %s WHERE household_id = ?1 AND (?2 = 0 OR year = ?2 OR (?3 AND year < ?2)) "
             "ORDER BY year DESC LIMIT 1", name);
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, hh_id);
    sqlite3_bind_int(st, 2, year);
    sqlite3_bind_int(st, 3, up_to);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        *out_year = sqlite3_column_int(st, 1);
        db_record_read(st, 2, &c, out);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取户信息");
}

static enum db_err load_yearly(struct db *db, enum ftable table, const char *name, int64_t hh_id,
                               int year, int64_t *id, int *out_year, struct household *out)
{
    return load_yearly_as_of(db, table, name, hh_id, year, 0, id, out_year, out);
}

static enum db_err load_all(struct db *db, int64_t id, int year, struct household *out)
{
    struct record_cols c;
    char sql[SQL_MAX];
    db_record_cols(T_HOUSEHOLD, NULL, &c);
    snprintf(sql, sizeof sql, "SELECT hh_no, state");
    db_record_list(&c, sql, sizeof sql, 0, 0);
    size_t len = strlen(sql);
    snprintf(sql + len, sizeof sql - len, " FROM households WHERE id = ?1 AND deleted = 0");
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->id = id;
        db_copy_text(out->hh_no, sizeof out->hh_no, (const char *)sqlite3_column_text(st, 0));
        out->state = sqlite3_column_int(st, 1);
        db_record_read(st, 2, &c, out);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return db_set_error(db, DB_ERR_NOTFOUND, "该户不存在或已删除 (household %lld not found)", (long long)id);
    if (rc != SQLITE_ROW)
        return db_fail(db, rc, "读取户信息");

    db_record_cols(T_MEMBER, NULL, &c);
    snprintf(sql, sizeof sql, "SELECT id, birth");
    db_record_list(&c, sql, sizeof sql, 0, 0);
    len = strlen(sql);
    snprintf(sql + len, sizeof sql - len, " FROM members WHERE household_id = ?1 AND deleted = 0 "
             "ORDER BY ordinal, id LIMIT %d", HH_MAX_MEMBERS);
    st = db_stmt(db, sql);
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct member *m = &out->members[out->n_members++];
        m->id = sqlite3_column_int64(st, 0);
        db_copy_text(m->birth, sizeof m->birth, (const char *)sqlite3_column_text(st, 1));
        db_record_read(st, 2, &c, m);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, rc, "读取家庭成员");

    enum db_err err = load_yearly(db, T_APPLICATION, "applications", id, year,
                                  &out->app.id, &out->app.year, out);
    if (err == DB_OK)
        err = load_yearly(db, T_SURVEY, "surveys", id, year, &out->survey.id, &out->survey.year, out);
    return err;
}

enum db_err db_household_load(struct db *db, int64_t id, int year, struct household *out)
{
    if (!db || !out)
        return DB_ERR_INVALID;
    memset(out, 0, sizeof *out);
    int began = read_begin(db);
    enum db_err err = load_all(db, id, year, out);
    read_end(db, began);
    if (err != DB_OK)
        memset(out, 0, sizeof *out);
    return err;
}

/* A survey carried into a new year keeps what was found last time; what
 * only this year's visit can give starts empty: the day of the visit and
 * the three signatures on this year's paper. */
static void carry_survey(struct survey *s, int year)
{
    s->id = 0;
    s->year = year;
    s->survey_date[0] = 0;
    s->signed_household = s->signed_cadre = s->signed_surveyor = 0;
}

enum db_err db_household_load_as_of(struct db *db, int64_t id, int year, struct household *out)
{
    if (!db || !out || year <= 0)
        return db ? db_set_error(db, DB_ERR_INVALID, "参数错误 (survey year)") : DB_ERR_INVALID;
    int began = read_begin(db);
    memset(out, 0, sizeof *out);
    enum db_err err = load_all(db, id, 0, out);
    if (err == DB_OK && out->survey.year != year) {
        memset(&out->survey, 0, sizeof out->survey);
        err = load_yearly_as_of(db, T_SURVEY, "surveys", id, year, 1, &out->survey.id,
                                &out->survey.year, out);
    }
    read_end(db, began);
    if (err != DB_OK)
        memset(out, 0, sizeof *out);
    return err;
}

enum db_err db_household_load_survey(struct db *db, int64_t id, int year, struct household *out,
                                     int *carried_from)
{
    *carried_from = 0;
    enum db_err err = db_household_load_as_of(db, id, year, out);
    if (err != DB_OK)
        return err;
    if (out->survey.year && out->survey.year != year) {
        *carried_from = out->survey.year;
        carry_survey(&out->survey, year);
    }
    return DB_OK;
}

enum db_err db_survey_years(struct db *db, int64_t id, struct survey_year *rows, size_t max, size_t *n)
{
    *n = 0;
    int years[64];
    size_t ny = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT year FROM surveys WHERE household_id = ?1 ORDER BY year");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && ny < 64)
        years[ny++] = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, rc, "读取调查年度");
    struct household *hh = malloc(sizeof *hh);
    if (!hh)
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    enum db_err err = DB_OK;
    for (size_t i = 0; i < ny && *n < max && err == DB_OK; i++) {
        memset(hh, 0, sizeof *hh);
        int64_t sid = 0;
        err = load_yearly(db, T_SURVEY, "surveys", id, years[i], &sid, &hh->survey.year, hh);
        struct survey_year *r = &rows[(*n)++];
        r->year = years[i];
        r->survey = hh->survey;
        r->survey.id = sid;
    }
    free(hh);
    return err;
}

enum db_err db_household_years(struct db *db, int64_t id, int *years, size_t max, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT year FROM applications WHERE household_id = ?1 UNION "
                                   "SELECT year FROM surveys WHERE household_id = ?1 ORDER BY 1 DESC");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    int rc = SQLITE_DONE;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max)
        years[(*n)++] = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取年度");
}

enum db_err db_household_ids(struct db *db, int64_t **ids, size_t *n)
{
    *ids = NULL;
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT id FROM households WHERE deleted = 0 ORDER BY id");
    if (!st)
        return DB_ERR_IO;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 1024;
            int64_t *grown = realloc(*ids, cap * sizeof **ids);
            if (!grown) {
                sqlite3_reset(st);
                free(*ids);
                *ids = NULL;
                *n = 0;
                return db_fail(db, SQLITE_NOMEM, "读取户列表");
            }
            *ids = grown;
        }
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(*ids);
        *ids = NULL;
        *n = 0;
        return db_fail(db, rc, "读取户列表");
    }
    return DB_OK;
}

/* ---- delete / restore ------------------------------------------------------- */

enum db_err db_household_delete(struct db *db, int64_t id, const char *reason)
{
    if (!db)
        return DB_ERR_INVALID;
    enum db_err err = db_begin(db);
    if (err != DB_OK)
        return err;
    sqlite3_stmt *st = db_stmt(db, "UPDATE households SET deleted = 1, deleted_at = " NOW ", "
                                   "delete_reason = ?2, updated_at = " NOW " WHERE id = ?1 AND deleted = 0");
    int rc = SQLITE_ERROR;
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, reason ? reason : "", -1, SQLITE_STATIC);
        rc = step_done(st);
    }
    if (!st)
        err = DB_ERR_IO;
    else if (rc != SQLITE_OK)
        err = db_fail(db, rc, "删除户");
    else if (sqlite3_changes(db_handle(db)) == 0)
        err = db_set_error(db, DB_ERR_NOTFOUND, "该户不存在或已删除 (household %lld not found)", (long long)id);
    if (err == DB_OK)
        err = search_put(db, id, NULL);
    if (err == DB_OK)
        err = initials_delete(db, id, id);
    if (err == DB_OK)
        return db_commit(db);
    db_rollback(db);
    return err;
}

enum db_err db_household_restore(struct db *db, int64_t id)
{
    if (!db)
        return DB_ERR_INVALID;
    enum db_err err = db_begin(db);
    if (err != DB_OK)
        return err;
    sqlite3_stmt *st = db_stmt(db, "UPDATE households SET deleted = 0, deleted_at = NULL, "
                                   "delete_reason = '', updated_at = " NOW " WHERE id = ?1 AND deleted = 1");
    int rc = SQLITE_ERROR;
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        rc = step_done(st);
    }
    if (!st)
        err = DB_ERR_IO;
    else if (rc != SQLITE_OK)
        err = db_fail(db, rc, "恢复户");
    else if (sqlite3_changes(db_handle(db)) == 0)
        err = db_set_error(db, DB_ERR_NOTFOUND, "该户不存在或未删除 (household %lld not deleted)", (long long)id);
    if (err == DB_OK) {
        struct household *hh = sqlite3_malloc(sizeof *hh);
        if (!hh) {
            err = db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
        } else {
            memset(hh, 0, sizeof *hh);
            err = load_all(db, id, 0, hh);
            if (err == DB_OK)
                err = write_search(db, hh);
            if (err == DB_OK)
                err = write_initials(db, hh);
            sqlite3_free(hh);
        }
    }
    if (err == DB_OK)
        return db_commit(db);
    db_rollback(db);
    return err;
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
        int drc = step_done(del);
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
                rc = step_done(ins); chunk.len = 0; \
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
            rc = step_done(ins);
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
/* ?2/?3 = village range ('' = any), ?4 = state (< 0: any), ?5 = limit. */
#define FILTERS  " AND h.deleted = 0 AND (?2 = '' OR (h.village >= ?2 AND h.village < ?3))" \
                 " AND (?4 < 0 OR h.state = ?4)"

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

static void bind_filters(sqlite3_stmt *st, const char *village, const char *hi, int state, size_t max)
{
    sqlite3_bind_text(st, 2, village, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, hi, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, state);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)max);
}

/* Substring search over the chunks; each candidate is checked against the
 * households table (still active, in the village, in the state). */
static enum db_err scan_search(struct db *db, const char *q, enum query_kind kind,
                               const char *village, const char *hi, int state,
                               struct hh_row *rows, size_t max, size_t *n)
{
    sqlite3_stmt *chunks = db_stmt(db, "SELECT data FROM hh_search ORDER BY chunk");
    sqlite3_stmt *one = db_stmt(db, "SELECT " ROW_COLS " FROM households h "
                                    "LEFT JOIN areas a ON a.code = h.village WHERE h.id = ?1" FILTERS
                                    " AND ?5 > 0");
    if (!chunks || !one)
        return DB_ERR_IO;
    size_t qlen = strlen(q);
    int rc = SQLITE_DONE;
    while (*n < max && (rc = sqlite3_step(chunks)) == SQLITE_ROW) {
        const char *data = sqlite3_column_blob(chunks, 0);
        const char *end = data + sqlite3_column_bytes(chunks, 0);
        const char *p = data;
        while (*n < max && p && p < end) {
            const char *hit = memmem(p, (size_t)(end - p), q, qlen);
            if (!hit)
                break;
            const char *start = hit;
            while (start > data && start[-1] != '\n')
                start--;
            const char *nl = memchr(hit, '\n', (size_t)(end - hit));
            const char *rec_end = nl ? nl : end;
            const char *sep1 = memchr(start, US, (size_t)(rec_end - start));
            const char *sep2 = sep1 ? memchr(sep1 + 1, US, (size_t)(rec_end - sep1 - 1)) : NULL;
            int in_field = sep2 && (kind == Q_NAME ? hit > sep1 && hit + qlen <= sep2
                                                   : hit > sep2 && hit + qlen <= rec_end);
            if (!in_field) {
                p = hit + 1;        /* a later occurrence may be in the right field */
                continue;
            }
            sqlite3_reset(one);
            sqlite3_bind_int64(one, 1, strtoll(start, NULL, 10));
            bind_filters(one, village, hi, state, max);
            int r1 = sqlite3_step(one);
            if (r1 == SQLITE_ROW)
                read_row(one, &rows[(*n)++]);
            sqlite3_reset(one);
            if (r1 != SQLITE_ROW && r1 != SQLITE_DONE) {
                sqlite3_reset(chunks);
                return db_fail(db, r1, "查询户");
            }
            p = rec_end + 1;        /* one row per household */
        }
    }
    if (*n >= max)
        rc = SQLITE_DONE;
    sqlite3_reset(chunks);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "查询户");
}

/* Initials: a prefix range on hh_initials, the 户主's keys (rank 0) before
 * the other members'; a household matched twice is listed once.  Within one
 * village the village's households drive the loop instead: "z" in one
 * village of the demo county otherwise walks 33 000 keys of the whole county
 * (128 ms measured; 0.5 ms this way).  A township or county is too large for
 * that (27 ms and 220 ms), and finds its rows soon enough in key order. */
#define INITIALS_RANGE "i.rank = ?6 AND i.initials >= ?1 AND i.initials < ?1 || char(127)"
static enum db_err initials_search(struct db *db, const char *q, const char *village,
                                   const char *hi, int state, struct hh_row *rows, size_t max,
                                   size_t *n)
{
    /* initials >= 'zs' AND < 'zs' || char(127): a prefix range on the key. */
    sqlite3_stmt *st = db_stmt(db, strlen(village) >= AREA_CODE_LEN
        ? "SELECT " ROW_COLS " FROM households h CROSS JOIN hh_initials i ON i.household_id = h.id "
          "LEFT JOIN areas a ON a.code = h.village WHERE " INITIALS_RANGE " AND h.deleted = 0"
          " AND h.village >= ?2 AND h.village < ?3 AND (?4 < 0 OR h.state = ?4)"
          " ORDER BY i.initials, i.household_id"
        : "SELECT " ROW_COLS " FROM hh_initials i "
          "JOIN households h ON h.id = i.household_id LEFT JOIN areas a ON a.code = h.village "
          "WHERE " INITIALS_RANGE FILTERS " ORDER BY i.initials, i.household_id");
    if (!st)
        return DB_ERR_IO;
    int rc = SQLITE_DONE;
    for (int rank = 0; rank < 2 && *n < max; rank++) {
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
        bind_filters(st, village, hi, state, max);
        sqlite3_bind_int(st, 6, rank);
        while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
            int64_t id = sqlite3_column_int64(st, 0);
            int seen = 0;
            for (size_t i = 0; i < *n && !seen; i++)
                seen = rows[i].id == id;
            if (!seen)
                read_row(st, &rows[(*n)++]);
        }
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            break;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "查询户");
}

enum db_err db_household_search(struct db *db, const char *query, const char *village,
                                int state, struct hh_row *rows, size_t max, size_t *n)
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
    if (kind == Q_DIGITS || kind == Q_NAME) {
        /* The scan reads the whole search table (~10 MB for 100 000
         * households).  From SQLite's default 2 MB page cache that costs
         * ~8 ms of re-reads per search; with the table cached, ~2 ms.  The
         * cache is raised here, on the connection that searches (the TUI),
         * not at open, so batch exports keep the small default. */
        sqlite3_stmt *cs = db_stmt(db, "PRAGMA cache_size = -32768");
        if (cs) {
            sqlite3_step(cs);
            sqlite3_reset(cs);
        }
        return scan_search(db, q, kind, village, hi, state, rows, max, n);
    }

    if (kind == Q_INITIALS)
        return initials_search(db, q, village, hi, state, rows, max, n);
    sqlite3_stmt *st = db_stmt(db, "SELECT " ROW_COLS " FROM households h LEFT JOIN areas a "
                                   "ON a.code = h.village WHERE ?1 = ''" FILTERS " ORDER BY h.id LIMIT ?5");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
    bind_filters(st, village, hi, state, max);
    int rc = SQLITE_DONE;
    while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
        read_row(st, &rows[(*n)++]);
    if (*n >= max)
        rc = SQLITE_DONE;
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "查询户");
}

/* ---- state ------------------------------------------------------------------ */

enum db_err db_state_change(struct db *db, int64_t household_id, int to_state,
                            const char *date, const char *reason)
{
    if (!db || to_state < 0)
        return db ? db_set_error(db, DB_ERR_INVALID, "状态无效 (invalid state %d)", to_state) : DB_ERR_INVALID;
    char day[11];
    if (!date || !*date)
        clock_today(day);
    else if (!date_normalise(date, day))
        return db_set_error(db, DB_ERR_INVALID, "日期“%s”不存在 (invalid date)", date);
    enum db_err err = db_begin(db);
    if (err != DB_OK)
        return err;
    int from = -1, rc;
    sqlite3_stmt *st = db_stmt(db, "SELECT state FROM households WHERE id = ?1 AND deleted = 0");
    if (!st) {
        err = DB_ERR_IO;
        goto out;
    }
    sqlite3_bind_int64(st, 1, household_id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        from = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) {
        err = db_set_error(db, DB_ERR_NOTFOUND, "该户不存在或已删除 (household %lld not found)",
                           (long long)household_id);
        goto out;
    }
    if (rc != SQLITE_ROW) {
        err = db_fail(db, rc, "读取状态");
        goto out;
    }
    st = db_stmt(db, "UPDATE households SET state = ?2, updated_at = " NOW " WHERE id = ?1");
    if (!st) {
        err = DB_ERR_IO;
        goto out;
    }
    sqlite3_bind_int64(st, 1, household_id);
    sqlite3_bind_int(st, 2, to_state);
    rc = step_done(st);
    if (rc != SQLITE_OK) {
        err = db_fail(db, rc, "更新状态");
        goto out;
    }
    st = db_stmt(db, "INSERT INTO state_history(household_id, from_state, to_state, date, operator, reason) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!st) {
        err = DB_ERR_IO;
        goto out;
    }
    sqlite3_bind_int64(st, 1, household_id);
    sqlite3_bind_int(st, 2, from);
    sqlite3_bind_int(st, 3, to_state);
    sqlite3_bind_text(st, 4, day, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, db_operator(db), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, reason ? reason : "", -1, SQLITE_STATIC);
    rc = step_done(st);
    if (rc != SQLITE_OK)
        err = db_fail(db, rc, "记录状态");
out:
    if (err == DB_OK)
        return db_commit(db);
    db_rollback(db);
    return err;
}

enum db_err db_state_history(struct db *db, int64_t hh_id, struct state_row *rows,
                             size_t max, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT id, from_state, to_state, date, operator, reason, at "
                                   "FROM state_history WHERE household_id = ?1 ORDER BY id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, hh_id);
    int rc = SQLITE_DONE;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
        struct state_row *r = &rows[(*n)++];
        r->id = sqlite3_column_int64(st, 0);
        r->from_state = sqlite3_column_int(st, 1);
        r->to_state = sqlite3_column_int(st, 2);
        db_copy_text(r->date, sizeof r->date, (const char *)sqlite3_column_text(st, 3));
        db_copy_text(r->op, sizeof r->op, (const char *)sqlite3_column_text(st, 4));
        db_copy_text(r->reason, sizeof r->reason, (const char *)sqlite3_column_text(st, 5));
        db_copy_text(r->at, sizeof r->at, (const char *)sqlite3_column_text(st, 6));
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取状态记录");
}
