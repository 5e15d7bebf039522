/* drafts.c — drafts stored field by field (drafts.h).
 *
 * Why not the bytes of struct household, as until schema version 2: a draft
 * is the clerk's unsaved form, the one thing an upgrade must not lose, and
 * any change to the struct (a field added, a buffer widened) changed its
 * size, so every draft of the previous build was thrown away.  Now a draft is
 * rows of draft_values: (member, field) → value, where field is the key of
 * the form declarations (the SQL column name, prefixed by its table on the
 * household level: "survey.year" and "application.year" are two fields) and
 * member is -1 for the household or the member's index.  Values are bound as
 * db/record.c binds the columns (numbers as integers, text as text), not as
 * display text, so a relabelled code or a stricter parse rule cannot make a
 * draft unreadable.  A key this build does not know is skipped; a field the
 * draft lacks keeps its default.
 *
 * Drafts of the old format wait in drafts_blob (renamed by migration 2): one
 * of this build's size is read once more (same layout: the build just before
 * this one), any other is reported so the caller tells the clerk and clears
 * it — never dropped silently. */
#include "db/drafts.h"
#include "db/record.h"
#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define SIZE_OF(type, m) sizeof(((type *)0)->m)
/* A value no form declares but a draft must keep. */
#define XF(key, type, tbl, rec, m) \
    { key, key, type, tbl, offsetof(rec, m), SIZE_OF(rec, m), 0, CL_NONE, 0, NULL, NULL }

static const struct field EXTRA_FIELDS[] = {
    /* The row ids: a restored draft updates the rows it was opened from. */
    XF("id",        FT_INT,  T_HOUSEHOLD,   struct household, id),
    XF("id",        FT_INT,  T_APPLICATION, struct household, app.id),
    XF("id",        FT_INT,  T_SURVEY,      struct household, survey.id),
    XF("year",      FT_INT,  T_SURVEY,      struct household, survey.year),
    XF("id",        FT_INT,  T_MEMBER,      struct member, id),
    XF("hh_no",     FT_TEXT, T_HOUSEHOLD,   struct household, hh_no),
    XF("state",     FT_INT,  T_HOUSEHOLD,   struct household, state),
    XF("n_members", FT_INT,  T_HOUSEHOLD,   struct household, n_members),
    XF("birth",     FT_DATE, T_MEMBER,      struct member, birth),
    /* A member change said on the form, saved with the household (issue 11). */
    XF("join_reason", FT_INT, T_MEMBER,     struct member, join_reason),
    XF("join_date", FT_TEXT, T_MEMBER,      struct member, join_date),
};
#define N_EXTRA (sizeof EXTRA_FIELDS / sizeof *EXTRA_FIELDS)

/* A member removed on the form, with why and when (struct member_leave):
 * stored as rows member = LEFT_ROW + i, after any member's index. */
#define LEFT_ROW HH_MAX_MEMBERS
static const struct field LEFT_FIELDS[] = {
    XF("left.member_id", FT_INT,  T_MEMBER, struct member_leave, member_id),
    XF("left.reason",    FT_INT,  T_MEMBER, struct member_leave, reason),
    XF("left.date",      FT_TEXT, T_MEMBER, struct member_leave, date),
};
#define N_LEFT_FIELDS (sizeof LEFT_FIELDS / sizeof *LEFT_FIELDS)

static const enum ftable HH_TABLES[] = { T_HOUSEHOLD, T_APPLICATION, T_SURVEY };
#define N_HH_TABLES (sizeof HH_TABLES / sizeof *HH_TABLES)

static const char *table_name(enum ftable t)
{
    switch (t) {
    case T_HOUSEHOLD: return "household";
    case T_APPLICATION: return "application";
    case T_SURVEY: return "survey";
    default: return "member";
    }
}

/* The i-th field a draft stores for `table`: the declared ones, then the
 * extras; NULL past the end. */
static const struct field *draft_field(enum ftable table, size_t i)
{
    size_t n = 0;
    const struct field *fs = form_table_fields(table, &n);
    if (i < n)
        return &fs[i];
    for (size_t k = 0; k < N_EXTRA; k++)
        if (EXTRA_FIELDS[k].table == table && i-- == n)
            return &EXTRA_FIELDS[k];
    return NULL;
}

static const struct field *draft_field_by_key(enum ftable table, const char *key)
{
    const struct field *f;
    for (size_t i = 0; (f = draft_field(table, i)) != NULL; i++)
        if (strcmp(f->key, key) == 0)
            return f;
    return NULL;
}

static enum db_err delete_rows(struct db *db, const char *sql, const char *form, const char *key)
{
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, form, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "删除草稿");
}

static enum db_err delete_draft(struct db *db, const char *form, const char *key)
{
    enum db_err err = delete_rows(db, "DELETE FROM draft_values WHERE form = ?1 AND key = ?2", form, key);
    if (err == DB_OK)
        err = delete_rows(db, "DELETE FROM drafts WHERE form = ?1 AND key = ?2", form, key);
    if (err == DB_OK)
        err = delete_rows(db, "DELETE FROM drafts_blob WHERE form = ?1 AND key = ?2", form, key);
    return err;
}

/* One value of the draft: `name` of field f of record rec. */
static enum db_err put_value(struct db *db, const char *form, const char *key, int member,
                             const char *name, const struct field *f, const void *rec)
{
    sqlite3_stmt *st = db_stmt(db, "INSERT OR REPLACE INTO draft_values(form, key, member, field, value) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!st)
        return DB_ERR_IO;
    struct record_cols one = { .n = 1 };
    one.f[0] = f;
    sqlite3_bind_text(st, 1, form, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, member);
    sqlite3_bind_text(st, 4, name, -1, SQLITE_STATIC);
    int rc = db_record_bind(st, 5, &one, rec);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "保存草稿");
}

static enum db_err put_household(struct db *db, const char *form, const char *key,
                                 const struct household *hh)
{
    enum db_err err = DB_OK;
    const struct field *f;
    for (size_t t = 0; t < N_HH_TABLES; t++)
        for (size_t i = 0; err == DB_OK && (f = draft_field(HH_TABLES[t], i)) != NULL; i++) {
            char name[96];
            snprintf(name, sizeof name, "%s.%s", table_name(HH_TABLES[t]), f->key);
            err = put_value(db, form, key, -1, name, f, hh);
        }
    for (int m = 0; m < hh->n_members; m++)
        for (size_t i = 0; err == DB_OK && (f = draft_field(T_MEMBER, i)) != NULL; i++)
            err = put_value(db, form, key, m, f->key, f, &hh->members[m]);
    for (int l = 0; l < hh->n_left && l < HH_MAX_MEMBERS; l++)
        for (size_t i = 0; err == DB_OK && i < N_LEFT_FIELDS; i++)
            err = put_value(db, form, key, LEFT_ROW + l, LEFT_FIELDS[i].key, &LEFT_FIELDS[i], &hh->left[l]);
    return err;
}

enum db_err db_draft_save(struct db *db, const char *form, const char *key,
                          const struct household *hh)
{
    if (!form || !key || !hh || hh->n_members < 0 || hh->n_members > HH_MAX_MEMBERS)
        return db_set_error(db, DB_ERR_INVALID, "草稿参数错误 (invalid draft)");
    /* One transaction: a draft is replaced whole or not at all. */
    enum db_err err = db_begin(db);
    if (err != DB_OK)
        return err;
    err = delete_draft(db, form, key);
    if (err == DB_OK) {
        sqlite3_stmt *st = db_stmt(db, "INSERT INTO drafts(form, key, updated_at) "
                                       "VALUES (?1, ?2, strftime('%Y-%m-%d %H:%M:%S','now','localtime'))");
        int rc = SQLITE_ERROR;
        if (st) {
            sqlite3_bind_text(st, 1, form, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
            rc = sqlite3_step(st);
            sqlite3_reset(st);
        }
        err = rc == SQLITE_DONE ? DB_OK : st ? db_fail(db, rc, "保存草稿") : DB_ERR_IO;
    }
    if (err == DB_OK)
        err = put_household(db, form, key, hh);
    if (err != DB_OK) {
        db_rollback(db);
        return err;
    }
    return db_commit(db);
}

/* Applies one stored value; unknown tables and keys are skipped. */
static void read_value(sqlite3_stmt *st, struct household *hh, int *members_seen)
{
    int member = sqlite3_column_int(st, 0);
    const char *name = (const char *)sqlite3_column_text(st, 1);
    if (!name)
        return;
    struct record_cols one = { .n = 1 };
    void *rec = hh;
    if (member < 0) {
        const char *dot = strchr(name, '.');
        if (!dot)
            return;
        for (size_t t = 0; t < N_HH_TABLES && !one.f[0]; t++)
            if (strncmp(name, table_name(HH_TABLES[t]), (size_t)(dot - name)) == 0 &&
                table_name(HH_TABLES[t])[dot - name] == 0)
                one.f[0] = draft_field_by_key(HH_TABLES[t], dot + 1);
    } else if (member >= LEFT_ROW && member < LEFT_ROW + HH_MAX_MEMBERS) {
        int l = member - LEFT_ROW;
        rec = &hh->left[l];
        for (size_t i = 0; i < N_LEFT_FIELDS && !one.f[0]; i++)
            if (strcmp(LEFT_FIELDS[i].key, name) == 0)
                one.f[0] = &LEFT_FIELDS[i];
        if (one.f[0] && hh->n_left <= l)
            hh->n_left = l + 1;
    } else if (member < HH_MAX_MEMBERS) {
        /* A member's fields missing from the draft are a new member's: zero. */
        while (*members_seen <= member)
            memset(&hh->members[(*members_seen)++], 0, sizeof hh->members[0]);
        rec = &hh->members[member];
        one.f[0] = draft_field_by_key(T_MEMBER, name);
    }
    if (one.f[0])
        db_record_read(st, 2, &one, rec);
}

static enum db_err read_values(struct db *db, const char *form, const char *key, struct household *hh)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT member, field, value FROM draft_values "
                                   "WHERE form = ?1 AND key = ?2 ORDER BY member");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, form, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    int rc, members_seen = 0, n_before = hh->n_members;
    hh->n_members = -1;
    hh->n_left = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        read_value(st, hh, &members_seen);
    sqlite3_reset(st);
    if (hh->n_members < 0 || hh->n_members > HH_MAX_MEMBERS)    /* not stored: count the rows */
        hh->n_members = members_seen ? members_seen : n_before;
    return rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取草稿");
}

static int is_text_type(const struct field *f)
{
    switch (f->type) {
    case FT_INT: case FT_CODE: case FT_BOOL: case FT_MONEY: case FT_HUNDREDTHS:
        return 0;
    default:
        return 1;
    }
}

/* A raw draft of this build's layout: every text buffer is ended inside
 * itself before anything reads it, whatever the bytes say. */
static void sanitize_raw(struct household *hh)
{
    if (hh->n_members < 0 || hh->n_members > HH_MAX_MEMBERS)
        hh->n_members = 0;
    for (size_t t = 0; t <= N_HH_TABLES; t++) {
        enum ftable table = t < N_HH_TABLES ? HH_TABLES[t] : T_MEMBER;
        int records = table == T_MEMBER ? HH_MAX_MEMBERS : 1;
        const struct field *f;
        for (size_t i = 0; (f = draft_field(table, i)) != NULL; i++)
            for (int r = 0; r < records && is_text_type(f); r++) {
                char *p = field_ptr(f, table == T_MEMBER ? (void *)&hh->members[r] : (void *)hh);
                p[f->size - 1] = 0;
            }
    }
}

/* The old raw-struct draft of (form, key), if any (see the top comment). */
static enum db_err load_raw(struct db *db, const char *form, const char *key,
                            struct household *hh, char *updated)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT blob, updated_at FROM drafts_blob WHERE form = ?1 AND key = ?2");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, form, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    enum db_err err = DB_ERR_NOTFOUND;
    if (rc == SQLITE_ROW) {
        size_t n = (size_t)sqlite3_column_bytes(st, 0);
        const void *b = sqlite3_column_blob(st, 0);
        char when[20] = "";
        db_copy_text(when, sizeof when, (const char *)sqlite3_column_text(st, 1));
        if (updated)
            memcpy(updated, when, sizeof when);
        if (n == sizeof *hh && b) {
            memcpy(hh, b, n);
            sanitize_raw(hh);
            err = DB_OK;
        } else {
            err = db_set_error(db, DB_ERR_INVALID, "%s 的草稿是旧版本程序按另一种格式保存的，无法恢复", when);
        }
    } else if (rc != SQLITE_DONE) {
        err = db_fail(db, rc, "读取草稿");
    }
    sqlite3_reset(st);
    return err;
}

enum db_err db_draft_load(struct db *db, const char *form, const char *key,
                          struct household *hh, char *updated)
{
    if (!form || !key || !hh)
        return db_set_error(db, DB_ERR_INVALID, "草稿参数错误 (invalid draft)");
    sqlite3_stmt *st = db_stmt(db, "SELECT updated_at FROM drafts WHERE form = ?1 AND key = ?2");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, form, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && updated)
        db_copy_text(updated, 20, (const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return load_raw(db, form, key, hh, updated);
    if (rc != SQLITE_ROW)
        return db_fail(db, rc, "读取草稿");
    return read_values(db, form, key, hh);
}

enum db_err db_draft_clear(struct db *db, const char *form, const char *key)
{
    enum db_err err = db_begin(db);
    if (err != DB_OK)
        return err;
    err = delete_draft(db, form ? form : "", key ? key : "");
    if (err != DB_OK) {
        db_rollback(db);
        return err;
    }
    return db_commit(db);
}

enum db_err db_drafts(struct db *db, struct draft_info *out, size_t max, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT form, key, updated_at FROM drafts UNION ALL "
                                   "SELECT form, key, updated_at FROM drafts_blob b WHERE NOT EXISTS "
                                   "(SELECT 1 FROM drafts d WHERE d.form = b.form AND d.key = b.key) "
                                   "ORDER BY 3 DESC, 1, 2");
    if (!st)
        return DB_ERR_IO;
    int rc = SQLITE_DONE;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
        struct draft_info *d = &out[(*n)++];
        db_copy_text(d->form, sizeof d->form, (const char *)sqlite3_column_text(st, 0));
        db_copy_text(d->key, sizeof d->key, (const char *)sqlite3_column_text(st, 1));
        db_copy_text(d->updated, sizeof d->updated, (const char *)sqlite3_column_text(st, 2));
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取草稿");
}

void db_draft_survey_key(char *out, size_t outsz, int64_t household_id, int year)
{
    snprintf(out, outsz, "%lld/%d", (long long)household_id, year);
}

enum db_err db_draft_adopt_survey(struct db *db, int64_t household_id, int year)
{
    char old_key[32], new_key[32];
    snprintf(old_key, sizeof old_key, "%lld", (long long)household_id);
    db_draft_survey_key(new_key, sizeof new_key, household_id, year);
    /* draft_values refer to their drafts row: the new row first. */
    static const char *const sql[] = {
        "INSERT INTO drafts(form, key, updated_at) SELECT form, ?2, updated_at FROM drafts "
        "WHERE form = 'survey' AND key = ?1",
        "UPDATE draft_values SET key = ?2 WHERE form = 'survey' AND key = ?1",
        "DELETE FROM drafts WHERE form = 'survey' AND key = ?1",
    };
    enum db_err err = db_begin(db);
    if (err != DB_OK)
        return err;
    /* Whether the old draft is this year's: asked once, before any row moves. */
    sqlite3_stmt *st = db_stmt(db, "SELECT EXISTS (SELECT 1 FROM draft_values WHERE form = 'survey' "
                                   "AND key = ?1 AND member = -1 AND field = 'survey.year' AND value = ?3) "
                                   "AND NOT EXISTS (SELECT 1 FROM drafts WHERE form = 'survey' AND key = ?2)");
    int adopt = 0, rc = SQLITE_ERROR;
    if (st) {
        sqlite3_bind_text(st, 1, old_key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, new_key, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, year);
        rc = sqlite3_step(st);
        adopt = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
        sqlite3_reset(st);
    }
    for (size_t i = 0; i < 3 && rc == SQLITE_ROW && adopt; i++) {
        st = db_stmt(db, sql[i]);
        if (!st) { rc = SQLITE_ERROR; break; }
        sqlite3_bind_text(st, 1, old_key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, new_key, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc == SQLITE_DONE)
            rc = SQLITE_ROW;
    }
    if (rc != SQLITE_ROW) {
        db_fail(db, rc, "读取草稿");
        db_rollback(db);
        return DB_ERR_IO;
    }
    return db_commit(db);
}
