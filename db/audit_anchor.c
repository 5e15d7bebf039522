/* audit_anchor.c — the audit log held against the newest automatic backup
 * (issue 13 item 2).
 *
 * The chain has no secret: whoever reads fupin's source can cut the log's
 * end, put the records back as they were, recompute every later hash and
 * leave a chain that holds.  A copy kept outside the file is what such a
 * rewrite cannot reach by itself: the automatic backup the workstation
 * leaves in backups/ at the end of every session that changed something.
 * Its last audit row must still be in the file, with the same hash (the
 * chain then vouches for every row before it).
 *
 * Two cases are not compared, so the check never cries wolf: a backup of an
 * older schema (an upgrade may rewrite rows' stored form) and a backup made
 * before the file's last restore (the restore takes the file back before
 * it on purpose; restores are in the log as their own row). */
#include "db/audit.h"
#include "db/audit_chain.h"
#include "db/backups.h"
#include "db/schema.h"
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

/* The newest backup's last audit row: its id and stored hash. */
struct anchor {
    int64_t id;
    unsigned char hash[AUDIT_HASH_LEN];
    int hash_len;
};

/* "…/fupin-20261202-153818.db" → "2026-12-02 15:38:18" (the log's form of a
 * time); 0 when the name is not a backup's. */
static int backup_time(const char *path, char out[20])
{
    size_t n = strlen(path);
    if (n < 18 || strcmp(path + n - 3, ".db") != 0)
        return 0;
    const char *s = path + n - 18;   /* YYYYMMDD-HHMMSS */
    snprintf(out, 20, "%.4s-%.2s-%.2s %.2s:%.2s:%.2s", s, s + 4, s + 6, s + 9, s + 11, s + 13);
    return 1;
}

/* 1 when the file was restored from a backup at or after `when`: a backup
 * made before a restore is not this file's past any more. */
static int restored_since(struct db *db, const char *when)
{
    sqlite3_stmt *st = NULL;
    int since = 0;
    if (sqlite3_prepare_v2(db_handle(db), "SELECT 1 FROM audit WHERE tbl = '" AUDIT_RESTORE_TBL "' "
                           "AND at >= ?1 LIMIT 1", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, when, -1, SQLITE_STATIC);
        since = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return since;
}

/* Reads the backup's last audit row; 0 when there is none to compare (an
 * unreadable file, another schema, an empty log). */
static int read_anchor(const char *path, int version, struct anchor *a)
{
    char uri[1200];
    /* immutable: a closed copy; reading it never makes a -shm or journal */
    snprintf(uri, sizeof uri, "file:%s?mode=ro&immutable=1", path);
    sqlite3 *h = NULL;
    sqlite3_stmt *st = NULL;
    int ok = 0;
    if (sqlite3_open_v2(uri, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) == SQLITE_OK
        && sqlite3_prepare_v2(h, "SELECT (SELECT user_version FROM pragma_user_version), id, hash "
                              "FROM audit_log ORDER BY id DESC LIMIT 1", -1, &st, NULL) == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == version) {
        int n = sqlite3_column_bytes(st, 2);
        a->id = sqlite3_column_int64(st, 1);
        a->hash_len = n < (int)sizeof a->hash ? n : (int)sizeof a->hash;
        memcpy(a->hash, sqlite3_column_blob(st, 2), (size_t)a->hash_len);
        ok = 1;
    }
    sqlite3_finalize(st);
    sqlite3_close(h);
    return ok;
}

/* The anchor against the file: AUDIT_BACKUP_CUT when its row is gone,
 * AUDIT_BACKUP_DIFFERS when the row there is another; 0 when it holds.
 * -1 on an SQLite error. */
static int compare_anchor(struct db *db, const struct anchor *a)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db_handle(db), "SELECT hash FROM audit_log WHERE id = ?1", -1, &st, NULL)
        != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, a->id);
    int rc = sqlite3_step(st), fault = 0;
    if (rc == SQLITE_DONE)
        fault = AUDIT_BACKUP_CUT;
    else if (rc != SQLITE_ROW)
        fault = -1;
    else if (sqlite3_column_bytes(st, 0) != a->hash_len
             || memcmp(sqlite3_column_blob(st, 0), a->hash, (size_t)a->hash_len) != 0)
        fault = AUDIT_BACKUP_DIFFERS;
    sqlite3_finalize(st);
    return fault;
}

int audit_anchor_verify(struct db *db, audit_report_fn report, void *ud, size_t *bad)
{
    char newest[1][1024];
    size_t n = 0;
    char when[20];
    if (backups_list(db, newest, 1, &n) != DB_OK || n == 0 || !backup_time(newest[0], when)
        || restored_since(db, when))
        return SQLITE_OK;
    struct anchor a = { 0 };
    if (!read_anchor(newest[0], db_schema_version(), &a))
        return SQLITE_OK;
    int fault = compare_anchor(db, &a);
    if (fault < 0)
        return sqlite3_errcode(db_handle(db));
    if (fault) {
        struct audit_finding f = { .fault = (enum audit_fault)fault, .id = a.id };
        const char *base = strrchr(newest[0], '/');
        snprintf(f.backup, sizeof f.backup, "%.127s", base ? base + 1 : newest[0]);
        ++*bad;
        if (report)
            report(ud, &f);
    }
    return SQLITE_OK;
}
