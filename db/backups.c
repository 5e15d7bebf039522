/* backups.c — automatic backups beside the database, and restore (see backups.h). */
#include "db/backups.h"
#include "db/audit.h"
#include "db/backup_gz.h"
#include "db/schema.h"
#include <sqlite3.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void backups_dir(const struct db *db, char *dir, size_t dirsz)
{
    const char *path = db_path(db);
    const char *slash = strrchr(path, '/');
    if (slash)
        snprintf(dir, dirsz, "%.*s/backups", (int)(slash - path), path);
    else
        snprintf(dir, dirsz, "backups");
}

/* "fupin.db" → "fupin": the stem every backup name starts with. */
static void stem(const struct db *db, char *out, size_t outsz)
{
    const char *path = db_path(db);
    const char *slash = strrchr(path, '/');
    snprintf(out, outsz, "%s", slash ? slash + 1 : path);
    char *dot = strrchr(out, '.');
    if (dot && dot != out)
        *dot = '\0';
}

/* 1 when `name` is one of this database's backups: "<stem>-YYYYMMDD-HHMMSS.db". */
static int is_backup(const char *name, const char *st)
{
    size_t sl = strlen(st), nl = strlen(name);
    if (nl != sl + 19 || strncmp(name, st, sl) != 0 || name[sl] != '-')
        return 0;
    const char *p = name + sl + 1;
    for (int i = 0; i < 15; i++)
        if (i == 8 ? p[i] != '-' : (p[i] < '0' || p[i] > '9'))
            return 0;
    return strcmp(p + 15, ".db") == 0;
}

static int newest_first(const void *a, const void *b)
{
    return strcmp((const char *)b, (const char *)a);
}

enum db_err backups_list(struct db *db, char (*out)[1024], size_t max, size_t *n)
{
    char dir[1024], st[256];
    backups_dir(db, dir, sizeof dir);
    stem(db, st, sizeof st);
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return DB_OK;   /* no backups yet */
    /* Names sort by their time stamp; the list is read whole, then sorted. */
    size_t cap = 0, count = 0;
    char (*names)[256] = NULL;
    for (struct dirent *e; (e = readdir(d));) {
        if (!is_backup(e->d_name, st))
            continue;
        if (count == cap) {
            cap = cap ? cap * 2 : 16;
            void *grown = realloc(names, cap * sizeof *names);
            if (!grown)
                break;
            names = grown;
        }
        snprintf(names[count++], sizeof *names, "%s", e->d_name);
    }
    closedir(d);
    if (count)
        qsort(names, count, sizeof *names, newest_first);
    for (size_t i = 0; i < count && *n < max; i++)
        if ((size_t)snprintf(out[*n], sizeof *out, "%.700s/%.255s", dir, names[i]) < sizeof *out)
            (*n)++;
    free(names);
    return DB_OK;
}

/* Removes the oldest backups beyond `keep`. */
static void prune(struct db *db, int keep)
{
    static char all[BACKUPS_MAX_LIST * 4][1024];
    size_t n = 0;
    backups_list(db, all, sizeof all / sizeof *all, &n);
    for (size_t i = (size_t)keep; i < n; i++)
        unlink(all[i]);
}

enum db_err backups_make(struct db *db, int keep, char *made, size_t madesz)
{
    char dir[1024], st[256], path[1400];
    backups_dir(db, dir, sizeof dir);
    stem(db, st, sizeof st);
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return db_set_error(db, errno == ENOSPC ? DB_ERR_FULL : DB_ERR_IO,
                            "无法建立备份文件夹 (cannot create backups folder: %s: %s)", dir,
                            strerror(errno));
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(path, sizeof path, "%s/%s-%s.db", dir, st, stamp);
    /* Two backups in one second (restore right after an exit backup): the
     * second waits for its own name rather than overwrite or fail. */
    for (int tries = 0; access(path, F_OK) == 0 && tries < 3; tries++) {
        sleep(1);
        now = time(NULL);
        localtime_r(&now, &tm);
        strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
        snprintf(path, sizeof path, "%s/%s-%s.db", dir, st, stamp);
    }
    enum db_err err = db_backup(db, path);
    if (err != DB_OK)
        return err;
    if (made)
        snprintf(made, madesz, "%s", path);
    if (keep > 0)
        prune(db, keep);
    return DB_OK;
}

/* The source must be a fupin database this build can read: our tables,
 * a version not newer than ours. */
static enum db_err check_source(struct db *db, sqlite3 *src, const char *path)
{
    sqlite3_stmt *st = NULL;
    int version = -1, ours = 0;
    if (sqlite3_prepare_v2(src, "SELECT (SELECT user_version FROM pragma_user_version), "
                           "(SELECT count(*) FROM sqlite_master WHERE name = 'households')",
                           -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        version = sqlite3_column_int(st, 0);
        ours = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    if (version < 1 || !ours)
        return db_set_error(db, DB_ERR_NOTDB, "恢复失败：这不是 fupin 的备份文件，未做任何修改 "
                            "(not a fupin database: %s)", path);
    if (version > db_schema_version())
        return db_set_error(db, DB_ERR_NEWER, "恢复失败：备份由更新版本的程序生成，未做任何修改 "
                            "(backup schema %d is newer: %s)", version, path);
    return DB_OK;
}

static enum db_err restore_plain(struct db *db, const char *src_path);

/* The restore's own audit row in the restored file (the backup's name):
 * the audit screen shows it, and the check then holds the file only against
 * backups made after it (db/audit_anchor.c). */
static enum db_err log_restore(struct db *db, const char *src_path)
{
    enum db_err err = db_exec(db, "INSERT OR IGNORE INTO audit_names(name) VALUES ('"
                              AUDIT_RESTORE_TBL "')", "记录恢复");
    sqlite3_stmt *st = err == DB_OK ? db_stmt(db, AUDIT_EVENT_SQL(AUDIT_RESTORE_TBL,
                                                   "json_object('file', ?2)")) : NULL;
    if (!st)
        return err != DB_OK ? err : DB_ERR_IO;
    const char *base = strrchr(src_path, '/');
    sqlite3_bind_text(st, 1, db_operator(db), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, base ? base + 1 : src_path, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "记录恢复");
}

enum db_err backups_restore(struct db *db, const char *src_path)
{
    enum db_err err = db_check_file(db);
    if (err != DB_OK)
        return err;
    if (!backup_is_compressed(src_path)) {
        err = restore_plain(db, src_path);
    } else {
        /* A compressed backup (fupin backup --compress): decompressed into a
         * temporary folder first, whole, then restored from there. */
        char dir[1024], file[1100];
        err = backup_gunzip(db, src_path, file, sizeof file, dir, sizeof dir);
        if (err != DB_OK)
            return err;
        err = restore_plain(db, file);
        backup_gunzip_done(dir, file);
    }
    return err == DB_OK ? log_restore(db, src_path) : err;
}

static enum db_err restore_plain(struct db *db, const char *src_path)
{
    enum db_err err = DB_OK;
    sqlite3 *src = NULL;
    int rc = sqlite3_open_v2(src_path, &src, SQLITE_OPEN_READONLY, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_close(src);
        return db_set_error(db, DB_ERR_OPEN, "恢复失败：无法打开备份文件 (cannot open backup: %s)",
                            src_path);
    }
    err = check_source(db, src, src_path);
    if (err == DB_OK) {
        /* The backup API copies every page into the open connection in one
         * write transaction: all of it or, on error, nothing. */
        sqlite3_backup *b = sqlite3_backup_init(db_handle(db), "main", src, "main");
        if (!b) {
            err = db_fail(db, sqlite3_errcode(db_handle(db)), "恢复");
        } else {
            rc = sqlite3_backup_step(b, -1);
            int frc = sqlite3_backup_finish(b);
            rc = rc == SQLITE_DONE ? frc : rc;
            if (rc != SQLITE_OK)
                err = db_fail(db, rc, "恢复");
        }
    }
    sqlite3_close(src);
    if (err == DB_OK)   /* an older backup is brought to this version */
        err = db_schema_migrate(db, 0);
    return err;
}
