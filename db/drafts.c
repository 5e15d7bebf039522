/* drafts.c — one row per (form, key) in the drafts table. */
#include "db/drafts.h"
#include "db/record.h"
#include <sqlite3.h>
#include <string.h>

enum db_err db_draft_save(struct db *db, const char *form, const char *key,
                          const void *blob, size_t len)
{
    if (!form || !key || (!blob && len) || len > 64 * 1024 * 1024)
        return db_set_error(db, DB_ERR_INVALID, "草稿参数错误 (invalid draft)");
    /* One statement in autocommit = one transaction: journal, fsync, write,
     * fsync — durable, and small enough for every field exit. */
    sqlite3_stmt *st = db_stmt(db, "INSERT OR REPLACE INTO drafts(form, key, blob, updated_at) "
                                   "VALUES (?1, ?2, ?3, strftime('%Y-%m-%d %H:%M:%S','now','localtime'))");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, form, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    sqlite3_bind_blob64(st, 3, blob ? blob : "", len, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "保存草稿");
}

enum db_err db_draft_load(struct db *db, const char *form, const char *key,
                          void *buf, size_t bufsz, size_t *len, char *updated)
{
    if (len)
        *len = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT blob, updated_at FROM drafts WHERE form = ?1 AND key = ?2");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, form ? form : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, key ? key : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    enum db_err err = DB_OK;
    if (rc == SQLITE_ROW) {
        const void *b = sqlite3_column_blob(st, 0);
        size_t n = (size_t)sqlite3_column_bytes(st, 0);
        if (len)
            *len = n;
        if (updated)
            db_copy_text(updated, 20, (const char *)sqlite3_column_text(st, 1));
        if (n > bufsz)
            err = db_set_error(db, DB_ERR_INVALID, "草稿大小 %zu 超出缓冲区 %zu (draft too large)", n, bufsz);
        else if (n)
            memcpy(buf, b, n);
    } else if (rc == SQLITE_DONE) {
        err = DB_ERR_NOTFOUND;
    } else {
        err = db_fail(db, rc, "读取草稿");
    }
    sqlite3_reset(st);
    return err;
}

enum db_err db_draft_clear(struct db *db, const char *form, const char *key)
{
    sqlite3_stmt *st = db_stmt(db, "DELETE FROM drafts WHERE form = ?1 AND key = ?2");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, form ? form : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, key ? key : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "删除草稿");
}

enum db_err db_drafts(struct db *db, struct draft_info *out, size_t max, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT form, key, updated_at, length(blob) FROM drafts "
                                   "ORDER BY updated_at DESC, form, key");
    if (!st)
        return DB_ERR_IO;
    int rc = SQLITE_DONE;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
        struct draft_info *d = &out[(*n)++];
        db_copy_text(d->form, sizeof d->form, (const char *)sqlite3_column_text(st, 0));
        db_copy_text(d->key, sizeof d->key, (const char *)sqlite3_column_text(st, 1));
        db_copy_text(d->updated, sizeof d->updated, (const char *)sqlite3_column_text(st, 2));
        d->len = (size_t)sqlite3_column_int64(st, 3);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取草稿");
}
