/* db.c — opening the one SQLite file, errors, transactions, statement cache.
 *
 * Invariants every connection keeps (set in db_open before anything else):
 *   - foreign_keys=ON: SQLite leaves it off per connection, and the schema
 *     relies on it (a member without its household, an aid entry for a
 *     household that does not exist).
 *   - journal_mode=WAL while a writer has the file open, back to DELETE when
 *     it closes.  WAL commits with ONE fsync (of the -wal file); the rollback
 *     journal needs four (journal twice, its directory, the database), and
 *     SPEC §8 allows two per save — drafts are written at every field exit, so
 *     this is what a keystroke-paced clerk feels on an old disk.  Switching
 *     back to DELETE on close (which checkpoints and removes -wal/-shm) keeps
 *     the file at rest exactly one plain SQLite file: a clerk can copy it to a
 *     USB stick or open it on read-only media.  After a crash the -wal stays
 *     beside the file and SQLite replays it on the next open; the README says
 *     to copy with `fupin backup` (or after closing fupin), never mid-session.
 *   - synchronous=FULL: the WAL is fsynced at every commit, so a power cut
 *     after a save was reported keeps that save.  NORMAL can lose the last
 *     commits on power loss, which breaks "nothing keyed is lost".
 *   - extended result codes, so SQLITE_READONLY_DIRECTORY, SQLITE_IOERR with
 *     ENOSPC and the like map to the right db_err. */
#include "db/db.h"
#include "db/audit.h"
#include "db/schema.h"
#include "db/search.h"
#include "db/operators.h"
#include "forms/form.h"
#include "core/natural.h"
#include "core/syserr.h"
#include <sqlite3.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STMT_CACHE 96
#define BUSY_TIMEOUT_MS 3000

struct cached_stmt {
    char *sql;
    sqlite3_stmt *stmt;
};

struct db {
    sqlite3 *h;
    char path[PATH_MAX];
    char operator_name[128];
    char err[PATH_MAX + 1024];
    char err_field[32];     /* forms key of the field at fault, "" when none */
    int depth;              /* transaction nesting: 0 = none */
    int readonly;
    int ready;              /* migrated: current_operator exists */
    sqlite3_int64 changes_at_open;  /* sqlite3_total_changes64 when opened (db_wrote) */
    dev_t dev;              /* the file opened, to notice it moved (db_check_file) */
    ino_t ino;
    int role;               /* logged-in enum op_role, ROLE_NONE until db_login */
    struct cached_stmt cache[STMT_CACHE];
    int n_cache;
};

static int file_moved(struct db *db);

static const char *const ERR_TEXT[] = {
    [DB_OK]             = "成功 (ok)",
    [DB_ERR_OPEN]       = "无法打开数据库文件 (cannot open database file)",
    [DB_ERR_NOTDB]      = "数据库文件已损坏或不是本系统的数据库 (file is corrupt or not a fupin database)",
    [DB_ERR_READONLY]   = "数据库文件只读，不能保存 (database is read-only)",
    [DB_ERR_FULL]       = "磁盘已满，未能保存 (disk full)",
    [DB_ERR_NEWER]      = "数据库由更新版本的程序创建，请升级本程序 (database made by a newer fupin)",
    [DB_ERR_CONSTRAINT] = "数据不符合规则，未保存 (constraint failed)",
    [DB_ERR_NOTFOUND]   = "记录不存在 (not found)",
    [DB_ERR_BUSY]       = "数据库正被其他程序使用，请稍后再试 (database is busy)",
    [DB_ERR_INVALID]    = "参数错误 (invalid argument)",
    [DB_ERR_IO]         = "数据库读写错误 (I/O error)",
    [DB_ERR_MOVED]      = "数据库文件已被移动或替换，不能保存 (database file was moved or replaced)",
    [DB_ERR_DENIED]     = "当前操作员无权进行此操作 (permission denied)",
};

const char *db_strerror(enum db_err err)
{
    if ((int)err < 0 || (size_t)err >= sizeof ERR_TEXT / sizeof *ERR_TEXT)
        return ERR_TEXT[DB_ERR_IO];
    return ERR_TEXT[err];
}

/* The Chinese half of ERR_TEXT (up to " (") — messages put our own English
 * detail in the parentheses. */
static void zh_part(enum db_err err, char *out, size_t outsz)
{
    const char *t = db_strerror(err);
    const char *p = strstr(t, " (");
    size_t n = p ? (size_t)(p - t) : strlen(t);
    if (n >= outsz)
        n = outsz - 1;
    memcpy(out, t, n);
    out[n] = '\0';
}

/* Messages are one line: newlines and tabs from SQLite or trigger text
 * would break the CLI's one-line error and the TUI's status bar. */
static void one_line(char *s)
{
    for (; *s; s++)
        if (*s == '\n' || *s == '\r' || *s == '\t')
            *s = ' ';
}

/* What each SQLite result code (primary part) means to a clerk, and the
 * db_err it maps to.  Codes not listed are DB_ERR_IO with its text. */
static const struct {
    int rc;
    enum db_err err;
    const char *zh;         /* NULL: the db_err's own text */
} SQLITE_CODES[] = {
    { SQLITE_ERROR,      DB_ERR_IO,         "数据库操作出错" },
    { SQLITE_INTERNAL,   DB_ERR_IO,         "数据库程序内部错误" },
    { SQLITE_PERM,       DB_ERR_READONLY,   "没有权限写入数据库文件" },
    { SQLITE_ABORT,      DB_ERR_IO,         "操作被中止，数据没有写入" },
    { SQLITE_BUSY,       DB_ERR_BUSY,       NULL },
    { SQLITE_LOCKED,     DB_ERR_BUSY,       NULL },
    { SQLITE_NOMEM,      DB_ERR_IO,         "内存不足，数据没有写入" },
    { SQLITE_READONLY,   DB_ERR_READONLY,   NULL },
    { SQLITE_INTERRUPT,  DB_ERR_IO,         "操作被中断，数据没有写入" },
    { SQLITE_IOERR,      DB_ERR_IO,         "读写磁盘出错，数据没有写入（磁盘或U盘可能已损坏或已拔出）" },
    { SQLITE_CORRUPT,    DB_ERR_NOTDB,      "数据库文件已损坏，请用备份恢复" },
    { SQLITE_NOTFOUND,   DB_ERR_IO,         "数据库程序内部错误" },
    { SQLITE_FULL,       DB_ERR_FULL,       "磁盘已满，数据没有写入" },
    { SQLITE_CANTOPEN,   DB_ERR_OPEN,       NULL },
    { SQLITE_PROTOCOL,   DB_ERR_BUSY,       NULL },
    { SQLITE_EMPTY,      DB_ERR_IO,         "数据库程序内部错误" },
    { SQLITE_SCHEMA,     DB_ERR_IO,         "数据库结构已被改变，请重试" },
    { SQLITE_TOOBIG,     DB_ERR_INVALID,    "内容太大，无法保存" },
    { SQLITE_CONSTRAINT, DB_ERR_CONSTRAINT, NULL },
    { SQLITE_MISMATCH,   DB_ERR_INVALID,    "数据类型不符（程序错误）" },
    { SQLITE_MISUSE,     DB_ERR_INVALID,    "数据库调用顺序错误（程序错误）" },
    { SQLITE_NOLFS,      DB_ERR_FULL,       "文件太大，超出系统的支持" },
    { SQLITE_AUTH,       DB_ERR_READONLY,   "没有权限" },
    { SQLITE_FORMAT,     DB_ERR_NOTDB,      NULL },
    { SQLITE_RANGE,      DB_ERR_INVALID,    "查询参数错误（程序错误）" },
    { SQLITE_NOTADB,     DB_ERR_NOTDB,      NULL },
};

enum db_err db_sqlite_error(int rc, int sys_errno, char *zh, size_t zhsz)
{
    enum db_err err = DB_ERR_IO;
    const char *text = NULL;
    int primary = rc & 0xff;
    if (primary == SQLITE_OK || primary == SQLITE_ROW || primary == SQLITE_DONE) {
        err = DB_OK;
    } else {
        for (size_t i = 0; i < sizeof SQLITE_CODES / sizeof *SQLITE_CODES; i++)
            if (SQLITE_CODES[i].rc == primary) {
                err = SQLITE_CODES[i].err;
                text = SQLITE_CODES[i].zh;
            }
    }
    /* The system's errno says more than SQLite's code: the unix VFS reports
     * some out-of-space cases as a short write, a read-only medium as a
     * failure to open. */
    if ((primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN)
        && (sys_errno == ENOSPC || sys_errno == EDQUOT || sys_errno == EROFS
            || (primary == SQLITE_CANTOPEN && sys_errno == EACCES))) {
        err = sys_errno == ENOSPC || sys_errno == EDQUOT ? DB_ERR_FULL : DB_ERR_READONLY;
        text = syserr_zh(sys_errno);
    }
    if (zh && zhsz) {
        if (text)
            snprintf(zh, zhsz, "%s", text);
        else
            zh_part(err, zh, zhsz);
    }
    return err;
}

/* The label of a stored column for constraint messages ("sex" → "性别"). */
static const char *column_label(const char *key)
{
    static const enum ftable tables[] = { T_MEMBER, T_HOUSEHOLD, T_APPLICATION, T_SURVEY };
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
        const struct field *f = form_field(tables[i], key);
        if (f)
            return f->label;
    }
    return key;
}

/* Explains a constraint failure in words a clerk can act on. */
static void constraint_detail(const char *msg, char *out, size_t outsz)
{
    char key[64] = "";
    const char *p;
    if ((p = strstr(msg, "CHECK constraint failed: "))) {
        sscanf(p + strlen("CHECK constraint failed: "), "%63[A-Za-z0-9_]", key);
        snprintf(out, outsz, "“%s”的值不符合要求", column_label(key));
    } else if ((p = strstr(msg, "NOT NULL constraint failed: "))) {
        p += strlen("NOT NULL constraint failed: ");
        const char *dot = strchr(p, '.');
        sscanf(dot ? dot + 1 : p, "%63[A-Za-z0-9_]", key);
        snprintf(out, outsz, "“%s”不能为空", column_label(key));
    } else if ((p = strstr(msg, "UNIQUE constraint failed: "))) {
        if (strstr(p, "members.id_no"))
            snprintf(out, outsz, "身份证号已在另一户中登记");
        else if (strstr(p, "households.hh_no"))
            snprintf(out, outsz, "户编号已被使用");
        else if (strstr(p, "household_id, ") && strstr(p, ".year"))
            snprintf(out, outsz, "该户该年度已有记录");
        else
            snprintf(out, outsz, "与已有记录重复");
    } else if (strstr(msg, "FOREIGN KEY constraint failed")) {
        snprintf(out, outsz, "引用的记录不存在（如村代码未登记、户不存在）");
    } else if ((unsigned char)msg[0] >= 0x80) {
        /* A RAISE() from a schema trigger: its text is already "中文 (English)". */
        snprintf(out, outsz, "%s", msg);
    } else {
        snprintf(out, outsz, "未通过数据库的检查");
    }
}

enum db_err db_fail(struct db *db, int sqlite_rc, const char *what_zh)
{
    if (db && db->h && sqlite_rc == SQLITE_CONSTRAINT_COMMITHOOK && file_moved(db))
        return db_check_file(db);
    int sys = db && db->h ? sqlite3_system_errno(db->h) : 0;
    char zh[256];
    enum db_err err = db_sqlite_error(sqlite_rc, sys, zh, sizeof zh);
    if (err == DB_OK) {
        err = DB_ERR_IO;
        zh_part(err, zh, sizeof zh);
    }
    if (!db)
        return err;
    const char *msg = db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(sqlite_rc);
    if (err == DB_ERR_CONSTRAINT) {
        char detail[400];
        constraint_detail(msg, detail, sizeof detail);
        /* A schema trigger's RAISE text is "中文 (English)"; anything else
         * from SQLite is English and goes in the parentheses. */
        if (strstr(msg, "constraint failed") || (unsigned char)msg[0] < 0x80)
            snprintf(db->err, sizeof db->err, "%s%s%s：%s (%s)", what_zh ? what_zh : "",
                     what_zh ? "失败，" : "", zh, detail, msg);
        else
            snprintf(db->err, sizeof db->err, "%s%s%s", what_zh ? what_zh : "",
                     what_zh ? "失败：" : "", detail);
    } else {
        snprintf(db->err, sizeof db->err, "%s%s%s (%s: %s)", what_zh ? what_zh : "",
                 what_zh ? "失败：" : "", zh, db->path, msg);
    }
    one_line(db->err);
    db->err_field[0] = '\0';
    return err;
}

static enum db_err set_error_v(struct db *db, enum db_err err, const char *field, const char *fmt,
                               va_list ap)
{
    if (!db)
        return err;
    vsnprintf(db->err, sizeof db->err, fmt, ap);
    one_line(db->err);
    snprintf(db->err_field, sizeof db->err_field, "%s", field ? field : "");
    return err;
}

enum db_err db_set_error(struct db *db, enum db_err err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    err = set_error_v(db, err, NULL, fmt, ap);
    va_end(ap);
    return err;
}

enum db_err db_set_error_at(struct db *db, enum db_err err, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    err = set_error_v(db, err, field, fmt, ap);
    va_end(ap);
    return err;
}

const char *db_errfield(const struct db *db)
{
    return db ? db->err_field : "";
}

const char *db_errmsg(const struct db *db)
{
    return db ? db->err : "数据库未打开 (no database)";
}

int db_schema_version(void)
{
    return db_schema_current();
}

sqlite3 *db_handle(struct db *db)
{
    return db ? db->h : NULL;
}

/* About a millisecond of the virtual machine between calls. */
#define INTERRUPT_OPS 20000

void db_set_interrupt(struct db *db, int (*fn)(void *ctx), void *ctx)
{
    if (db && db->h)
        sqlite3_progress_handler(db->h, fn ? INTERRUPT_OPS : 0, fn, ctx);
}

int db_wrote(const struct db *db)
{
    return db && db->h && sqlite3_total_changes64(db->h) > db->changes_at_open;
}

int db_is_readonly(const struct db *db)
{
    return db ? db->readonly : 1;
}

const char *db_path(const struct db *db)
{
    return db ? db->path : "";
}

sqlite3_stmt *db_stmt(struct db *db, const char *sql)
{
    for (int i = 0; i < db->n_cache; i++) {
        if (strcmp(db->cache[i].sql, sql) == 0) {
            sqlite3_reset(db->cache[i].stmt);
            sqlite3_clear_bindings(db->cache[i].stmt);
            return db->cache[i].stmt;
        }
    }
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (rc != SQLITE_OK) {
        db_fail(db, rc, "准备查询");
        return NULL;
    }
    if (db->n_cache == STMT_CACHE) {
        /* Full: drop the oldest.  The caches are sized so this is rare. */
        sqlite3_finalize(db->cache[0].stmt);
        free(db->cache[0].sql);
        memmove(&db->cache[0], &db->cache[1], sizeof db->cache[0] * (STMT_CACHE - 1));
        db->n_cache--;
    }
    char *copy = strdup(sql);
    if (!copy) {
        sqlite3_finalize(st);
        db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
        return NULL;
    }
    db->cache[db->n_cache++] = (struct cached_stmt){ copy, st };
    return st;
}

int db_step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

enum db_err db_exec(struct db *db, const char *sql, const char *what_zh)
{
    int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, what_zh);
}

/* Runs a pragma that may return a row (journal_mode does); ignores the row. */
static int exec_quiet(sqlite3 *h, const char *sql)
{
    return sqlite3_exec(h, sql, NULL, NULL, NULL);
}

/* Stores the operator in the one-row current_operator table read by the
 * audit triggers (see db/schema_audit.c for why a table).  Only writes when the name
 * differs, so an ordinary open or save costs no extra write. */
static int store_operator(struct db *db)
{
    sqlite3_stmt *st = db_stmt(db, "UPDATE current_operator SET name = ?1 "
                                   "WHERE id = 1 AND name IS NOT ?1");
    if (!st)
        return SQLITE_ERROR;
    sqlite3_bind_text(st, 1, db->operator_name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

void db_set_operator(struct db *db, const char *name)
{
    if (!db)
        return;
    snprintf(db->operator_name, sizeof db->operator_name, "%s", name ? name : "");
    /* Autocommit writes by other modules read the stored name too.  Inside a
     * transaction this joins it; a read-only file keeps the name in memory. */
    if (!db->readonly && db->ready && db_check_file(db) == DB_OK)
        store_operator(db);
}

/* 1 when the path no longer names the file this connection has open. */
static int file_moved(struct db *db)
{
    int moved = 0;
    struct stat st;
    if (sqlite3_file_control(db->h, "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK)
        moved = 0;      /* a VFS without the call: the stat below still answers */
    return moved || stat(db->path, &st) != 0 || st.st_dev != db->dev || st.st_ino != db->ino;
}

enum db_err db_check_file(struct db *db)
{
    if (!db || !db->h)
        return DB_ERR_INVALID;
    if (file_moved(db))
        return db_set_error(db, DB_ERR_MOVED,
                            "数据库文件已被移动或替换，不能保存。本窗口的内容仍在，"
                            "请把原来的数据库文件放回原处后再保存 (database file was moved, "
                            "replaced or deleted: %s)", db->path);
    return DB_OK;
}

/* The backstop behind db_begin's check: every commit, autocommit writes of
 * single statements included, is turned into a rollback when the file moved
 * meanwhile (SQLITE_CONSTRAINT_COMMITHOOK, reported by db_fail). */
static int commit_hook(void *ud)
{
    return file_moved(ud);
}

const char *db_operator(const struct db *db)
{
    return db ? db->operator_name : "";
}

int db_session_role(const struct db *db)
{
    return db ? db->role : ROLE_NONE;
}

void db_session_assume(struct db *db, const char *name, int role)
{
    if (!db)
        return;
    db->role = role;
    db_set_operator(db, name);
}

enum db_err db_begin(struct db *db)
{
    if (!db)
        return DB_ERR_INVALID;
    if (db->depth > 0) {
        if (sqlite3_get_autocommit(db->h))
            return db_set_error(db, DB_ERR_IO, "事务已中止 (transaction was aborted)");
        int rc = exec_quiet(db->h, "SAVEPOINT nested");
        if (rc != SQLITE_OK)
            return db_fail(db, rc, "开始保存");
        db->depth++;
        return DB_OK;
    }
    if (db->readonly)
        return db_set_error(db, DB_ERR_READONLY, "数据库以只读方式打开，不能保存修改 "
                            "(database opened read-only: %s)", db->path);
    if (db_check_file(db) != DB_OK)
        return DB_ERR_MOVED;
    int rc = exec_quiet(db->h, "BEGIN IMMEDIATE");
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "开始保存");
    db->depth = 1;
    rc = db->ready ? store_operator(db) : SQLITE_OK;
    if (rc != SQLITE_OK) {
        enum db_err e = db_fail(db, rc, "记录操作员");
        db_rollback(db);
        return e;
    }
    return DB_OK;
}

enum db_err db_commit(struct db *db)
{
    if (!db || db->depth <= 0)
        return db_set_error(db, DB_ERR_INVALID, "没有进行中的事务 (no transaction)");
    if (sqlite3_get_autocommit(db->h)) {
        /* SQLite rolled the whole transaction back (e.g. disk full). */
        db->depth--;
        return db_set_error(db, DB_ERR_IO, "保存失败：事务已中止，未保存任何内容 (transaction was aborted)");
    }
    if (db->depth > 1) {
        int rc = exec_quiet(db->h, "RELEASE nested");
        db->depth--;
        return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "保存");
    }
    int rc = exec_quiet(db->h, "COMMIT");
    if (rc != SQLITE_OK) {
        enum db_err e = db_fail(db, rc, "提交保存");
        if (!sqlite3_get_autocommit(db->h))
            exec_quiet(db->h, "ROLLBACK");
        db->depth = 0;
        return e;
    }
    db->depth = 0;
    return DB_OK;
}

void db_rollback(struct db *db)
{
    if (!db || db->depth <= 0)
        return;
    if (db->depth > 1) {
        if (!sqlite3_get_autocommit(db->h))
            if (exec_quiet(db->h, "ROLLBACK TO nested") == SQLITE_OK)
                exec_quiet(db->h, "RELEASE nested");
        db->depth--;
        return;
    }
    if (!sqlite3_get_autocommit(db->h))
        exec_quiet(db->h, "ROLLBACK");
    db->depth = 0;
}

/* ---- opening ------------------------------------------------------------ */

static enum db_err open_error(char *errbuf, size_t errsz, enum db_err err,
                              const char *zh, const char *path, const char *en)
{
    if (errbuf && errsz) {
        snprintf(errbuf, errsz, "%s (%s: %s)", zh, path, en);
        one_line(errbuf);
    }
    return err;
}

/* The directory part of path ("." when none). */
static void dir_of(const char *path, char *out, size_t outsz)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(out, outsz, ".");
    else if (slash == path)
        snprintf(out, outsz, "/");
    else
        snprintf(out, outsz, "%.*s", (int)(slash - path), path);
}

/* Creates the file ourselves so it is born 0600 whatever the umask: it holds
 * ID numbers and bank accounts.  Returns 1 if we created it, 0 if it existed. */
static int create_private(const char *path, enum db_err *err, char *errbuf, size_t errsz)
{
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        close(fd);
        return 1;
    }
    int e = errno;
    if (e == EEXIST) {
        *err = DB_OK;
        return 0;
    }
    if (e == ENOENT || e == ENOTDIR)
        *err = open_error(errbuf, errsz, DB_ERR_OPEN, "无法创建数据库：目录不存在", path, strerror(e));
    else if (e == EACCES || e == EPERM || e == EROFS)
        *err = open_error(errbuf, errsz, DB_ERR_READONLY, "无法创建数据库：目录只读或无权限", path, strerror(e));
    else if (e == ENOSPC || e == EDQUOT)
        *err = open_error(errbuf, errsz, DB_ERR_FULL, "无法创建数据库：磁盘已满", path, strerror(e));
    else
        *err = open_error(errbuf, errsz, DB_ERR_OPEN, "无法创建数据库", path, strerror(e));
    return -1;
}

/* A file in WAL mode with no -shm beside it and no WAL content: what a
 * writer killed while it closed leaves (the WAL emptied and the -shm
 * removed, the header not yet back to DELETE; found by the kill test,
 * tests/stress/kill_saves.sh).  Everything is in the file itself, but a
 * read-only connection cannot make the -shm SQLite wants for WAL mode and
 * the open fails "unable to open database file".  No live connection exists
 * then (one would keep the -shm), so the file is read as immutable. */
static int wal_left_empty(const char *path)
{
    char side[PATH_MAX + 8];
    struct stat st;
    snprintf(side, sizeof side, "%s-shm", path);
    if (stat(side, &st) == 0 || errno != ENOENT)
        return 0;
    snprintf(side, sizeof side, "%s-wal", path);
    if (stat(side, &st) == 0 ? st.st_size != 0 : errno != ENOENT)
        return 0;
    /* A hot rollback journal (killed while entering WAL mode) must be
     * rolled back by the next writer: the file alone may be half-written. */
    snprintf(side, sizeof side, "%s-journal", path);
    if (stat(side, &st) == 0 ? st.st_size != 0 : errno != ENOENT)
        return 0;
    unsigned char hdr[20];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, hdr, sizeof hdr);
    close(fd);
    return n == (ssize_t)sizeof hdr && hdr[18] == 2 && hdr[19] == 2;
}

/* "file:PATH?mode=ro&readonly_shm=1" (and "&immutable=1" for a file
 * wal_left_empty), PATH percent-encoded where a URI would read it otherwise. */
static void readonly_uri(const char *path, char *out, size_t outsz)
{
    size_t n = (size_t)snprintf(out, outsz, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p && n + 4 < outsz; p++) {
        if (*p == '?' || *p == '#' || *p == '%' || *p < 0x20)
            n += (size_t)snprintf(out + n, outsz - n, "%%%02X", *p);
        else
            out[n++] = (char)*p;
    }
    snprintf(out + n, outsz - n, "?mode=ro&readonly_shm=1%s", wal_left_empty(path) ? "&immutable=1" : "");
}

/* A -wal file beside a file that is not in WAL mode belongs to another file:
 * the one a still-running workstation opened before this one was put (or
 * created) under its name.  SQLite opens any -wal it finds and would read the
 * other file's pages from it as this one's, and a writer would checkpoint
 * them into it: the file would be corrupt.  (A file enters WAL mode — bytes
 * 18 and 19 of its header are 2 — before its WAL is made, and leaves it
 * after the WAL is deleted, so no file of ours is ever otherwise.) */
static int foreign_wal(const char *path)
{
    char wal[PATH_MAX + 8];
    snprintf(wal, sizeof wal, "%s-wal", path);
    if (access(wal, F_OK) != 0)
        return 0;
    unsigned char hdr[20];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT;     /* other errors: the open says what */
    ssize_t n = read(fd, hdr, sizeof hdr);
    close(fd);
    return !(n == (ssize_t)sizeof hdr && hdr[18] == 2 && hdr[19] == 2);
}

static enum db_err foreign_wal_error(const char *path, char *errbuf, size_t errsz)
{
    return open_error(errbuf, errsz, DB_ERR_BUSY,
                      "数据库文件旁的日志文件（-wal）不属于这个文件：文件可能在工作站打开时"
                      "被替换或删除了。请先退出仍在使用原文件的工作站，或把原文件放回原处",
                      path, "a -wal file beside it belongs to another file");
}

static void close_handle(struct db *db)
{
    for (int i = 0; i < db->n_cache; i++) {
        sqlite3_finalize(db->cache[i].stmt);
        free(db->cache[i].sql);
    }
    db->n_cache = 0;
    sqlite3_close_v2(db->h);
    db->h = NULL;
}

/* The collation behind DB_NATURAL: 村民小组 by their number (core/natural.h).
 * Registered on every connection and used only in queries, never in the
 * schema (an index or view naming it would make the file unreadable to the
 * sqlite3 shell and other tools). */
static int natural_collate(void *unused, int alen, const void *a, int blen, const void *b)
{
    (void)unused;
    return natural_cmpn(a, (size_t)alen, b, (size_t)blen);
}

enum db_err db_open(const char *path, int flags, struct db **out, char *errbuf, size_t errsz)
{
    if (errbuf && errsz)
        errbuf[0] = '\0';
    if (!out)
        return DB_ERR_INVALID;
    *out = NULL;
    if (!path || !*path)
        return open_error(errbuf, errsz, DB_ERR_INVALID, "未指定数据库文件", "", "empty path");
    if (strlen(path) >= PATH_MAX)
        return open_error(errbuf, errsz, DB_ERR_INVALID, "数据库文件名太长", "", "path too long");
    int readonly = (flags & DB_READONLY) != 0;
    int created = 0;
    enum db_err err = DB_OK;
    if (foreign_wal(path))
        return foreign_wal_error(path, errbuf, errsz);

    struct stat stbuf;
    if ((flags & DB_CREATE) && !readonly) {
        created = create_private(path, &err, errbuf, errsz);
        if (created < 0)
            return err;
    } else if (stat(path, &stbuf) != 0) {
        int e = errno;
        return open_error(errbuf, errsz, DB_ERR_OPEN, "数据库文件不存在", path, strerror(e));
    }
    if (stat(path, &stbuf) == 0 && S_ISDIR(stbuf.st_mode))
        return open_error(errbuf, errsz, DB_ERR_OPEN, "这是一个目录，不是数据库文件", path, "is a directory");

    if (!readonly) {
        /* Saving needs the file writable, and (journal_mode=DELETE) the
         * directory too, for the rollback journal.  Say so now rather than
         * at the clerk's first save. */
        char dir[PATH_MAX];
        dir_of(path, dir, sizeof dir);
        if (access(path, W_OK) != 0) {
            int e = errno;
            return open_error(errbuf, errsz, DB_ERR_READONLY,
                              "数据库文件只读，不能保存（查看可用 fupin --read-only 只读打开）", path, strerror(e));
        }
        if (access(dir, W_OK) != 0) {
            int e = errno;
            return open_error(errbuf, errsz, DB_ERR_READONLY,
                              "数据库所在目录只读，不能保存", dir, strerror(e));
        }
    }

    struct db *db = calloc(1, sizeof *db);
    if (!db)
        return open_error(errbuf, errsz, DB_ERR_IO, "内存不足", path, "out of memory");
    snprintf(db->path, sizeof db->path, "%s", path);
    db->readonly = readonly;
    db->role = ROLE_NONE;
    int oflags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    char uri[PATH_MAX * 3 + 64];
    if (readonly) {
        /* Read-only means the -shm too: readonly_shm opens it O_RDONLY and
         * keeps the WAL index in memory, so `fupin check` on a file a crash
         * left with its -wal and -shm changes none of the three. */
        readonly_uri(path, uri, sizeof uri);
        oflags |= SQLITE_OPEN_URI;
    }
    int rc = sqlite3_open_v2(readonly ? uri : path, &db->h, oflags, NULL);
    if (rc == SQLITE_OK)    /* the audit triggers call it (db/audit.h) */
        rc = audit_register(db->h);
    if (rc == SQLITE_OK)    /* the household list's filter (db/search.c) */
        rc = db_search_register(db->h);
    if (rc == SQLITE_OK && stat(path, &stbuf) == 0) {
        db->dev = stbuf.st_dev;
        db->ino = stbuf.st_ino;
    }
    if (rc == SQLITE_OK) {
        sqlite3_extended_result_codes(db->h, 1);
        sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
        if (!readonly)
            sqlite3_commit_hook(db->h, commit_hook, db);
        rc = sqlite3_create_collation(db->h, DB_NATURAL_COLLATION, SQLITE_UTF8, NULL, natural_collate);
    }
    if (rc == SQLITE_OK) {
        if (!readonly && sqlite3_db_readonly(db->h, "main") == 1) {
            err = open_error(errbuf, errsz, DB_ERR_READONLY,
                             "数据库文件只读，不能保存（查看可用 fupin --read-only 只读打开）", path, "opened read-only");
            goto fail;
        }
        /* Read the header first: a garbage file fails here as NOTADB. */
        rc = exec_quiet(db->h, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;"
                               "SELECT count(*) FROM sqlite_master");

    }
    if (rc != SQLITE_OK) {
        err = db_fail(db, rc, "打开数据库");
        if (errbuf && errsz)
            snprintf(errbuf, errsz, "%s", db->err);
        goto fail;
    }
    err = db_schema_migrate(db, created);
    if (err == DB_OK && !readonly) {
        rc = exec_quiet(db->h, "PRAGMA journal_mode=WAL");
        if (rc != SQLITE_OK)
            err = db_fail(db, rc, "打开数据库");
    }
    if (err != DB_OK) {
        if (errbuf && errsz)
            snprintf(errbuf, errsz, "%s", db->err);
        goto fail;
    }
    db->err[0] = '\0';
    db->ready = 1;
    db->changes_at_open = sqlite3_total_changes64(db->h);
    *out = db;
    return DB_OK;

fail:
    close_handle(db);
    free(db);
    if (created)
        unlink(path);   /* never leave an empty or half-made file behind */
    return err;
}

void db_close(struct db *db)
{
    if (!db)
        return;
    db_rollback(db);
    while (db->depth > 0)
        db_rollback(db);
    /* Back to one plain file at rest (see the top of this file).  If another
     * connection still has the file open this fails with BUSY and the last
     * one to close does it; either way nothing is lost.  When the file was
     * moved or replaced meanwhile, this checkpoints into the file this
     * connection has open (by its descriptor: the moved one keeps its saves)
     * and deletes the -wal and -shm under the path, which are this
     * connection's own: foreign_wal kept every other opener away from them. */
    if (!db->readonly && db->h)
        exec_quiet(db->h, "PRAGMA journal_mode=DELETE");
    close_handle(db);
    free(db);
}

/* ---- files built whole -------------------------------------------------- */

static void building_name(const char *path, char *out, size_t outsz)
{
    snprintf(out, outsz, "%s.building", path);
}

/* Removes a building file and the journal files SQLite may have left. */
static void remove_building(const char *tmp)
{
    static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
    char name[PATH_MAX + 16];
    for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
        snprintf(name, sizeof name, "%s%s", tmp, suffix[i]);
        unlink(name);
    }
}

/* Gives the finished file `tmp` its name `path`, never over an existing
 * file (link fails if path exists; FAT on USB sticks has no links, then a
 * check and rename), and syncs the directory so the name survives a power
 * cut.  Returns 0 or an errno. */
int db_publish_file(const char *tmp, const char *path)
{
    int e = 0;
    if (link(tmp, path) == 0) {
        unlink(tmp);
    } else if (errno == EEXIST) {
        return EEXIST;
    } else if (access(path, F_OK) == 0) {
        return EEXIST;
    } else if (rename(tmp, path) != 0) {
        return errno;
    }
    char dir[PATH_MAX];
    dir_of(path, dir, sizeof dir);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        if (fsync(fd) != 0 && errno != EINVAL)
            e = errno;
        close(fd);
    }
    return e;
}

enum db_err db_open_new(const char *path, struct db **out, char *errbuf, size_t errsz)
{
    *out = NULL;
    if (!path || !*path || strlen(path) + 16 >= PATH_MAX)
        return open_error(errbuf, errsz, DB_ERR_INVALID, "数据库文件名无效", path ? path : "",
                          "bad path");
    if (access(path, F_OK) == 0)
        return DB_ERR_INVALID;
    if (foreign_wal(path))      /* the name is a still-open workstation's */
        return foreign_wal_error(path, errbuf, errsz);
    char tmp[PATH_MAX];
    building_name(path, tmp, sizeof tmp);
    remove_building(tmp);
    return db_open(tmp, DB_CREATE, out, errbuf, errsz);
}

enum db_err db_finish_new(struct db *db, const char *path, char *errbuf, size_t errsz)
{
    char tmp[PATH_MAX];
    building_name(path, tmp, sizeof tmp);
    /* Issue 14 goal 4: a file built in many saves has pages part empty (a
     * 100 000-household demo: ~20 MB); VACUUM packs them once, before the
     * file has its name (journalled: one that fails, e.g. without room for
     * its copy, leaves the file as it was, whole). */
    if (exec_quiet(db->h, "PRAGMA journal_mode=DELETE") == SQLITE_OK)
        exec_quiet(db->h, "VACUUM");
    db_close(db);   /* checkpoints and leaves one plain file (journal_mode=DELETE) */
    char wal[PATH_MAX + 8];
    snprintf(wal, sizeof wal, "%s-wal", tmp);
    int e = access(wal, F_OK) == 0 || foreign_wal(path) ? EBUSY : db_publish_file(tmp, path);
    if (e == 0)
        return DB_OK;
    remove_building(tmp);
    return open_error(errbuf, errsz, e == EEXIST ? DB_ERR_INVALID : DB_ERR_IO,
                      e == EEXIST ? "数据库文件已存在，未覆盖" : "新数据库未能完成", path,
                      strerror(e));
}

void db_close_discard(struct db *db, const char *path)
{
    db_close(db);
    if (path) {
        char tmp[PATH_MAX];
        building_name(path, tmp, sizeof tmp);
        remove_building(tmp);
    }
}

/* ---- backup ------------------------------------------------------------- */

enum db_err db_backup(struct db *db, const char *dest_path)
{
    if (!db || !dest_path || !*dest_path)
        return db_set_error(db, DB_ERR_INVALID, "未指定备份文件 (no backup file given)");
    if (access(dest_path, F_OK) == 0)
        return db_set_error(db, DB_ERR_INVALID,
                            "备份失败：文件已存在，不会覆盖 (backup file exists: %s)", dest_path);
    enum db_err err = DB_OK;
    char buf[512], tmp[PATH_MAX + 16];
    building_name(dest_path, tmp, sizeof tmp);
    remove_building(tmp);
    if (create_private(tmp, &err, buf, sizeof buf) < 0)
        return db_set_error(db, err, "备份失败：%s", buf);
    sqlite3 *dst = NULL;
    int rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_backup *b = sqlite3_backup_init(dst, "main", db->h, "main");
        if (!b) {
            rc = sqlite3_errcode(dst);
        } else {
            /* Whole copy in one step: a consistent snapshot under one read lock. */
            do {
                rc = sqlite3_backup_step(b, -1);
                if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                    sqlite3_sleep(50);
            } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
            int frc = sqlite3_backup_finish(b);
            rc = rc == SQLITE_DONE ? frc : rc;
        }
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        int sys = dst ? sqlite3_system_errno(dst) : 0;
        char zh[256];
        err = db_sqlite_error(rc, sys, zh, sizeof zh);
        db_set_error(db, err, "备份失败：%s (%s: %s)", zh, dest_path,
                     dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
        sqlite3_close_v2(dst);
        remove_building(tmp);
        return err;
    }
    sqlite3_close_v2(dst);
    int e = db_publish_file(tmp, dest_path);
    if (e != 0) {
        remove_building(tmp);
        return db_set_error(db, e == EEXIST ? DB_ERR_INVALID : DB_ERR_IO,
                            "备份失败：%s (%s: %s)", e == EEXIST ? "文件已存在，不会覆盖"
                            : "备份文件未能写完", dest_path, strerror(e));
    }
    return DB_OK;
}
