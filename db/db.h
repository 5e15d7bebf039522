/* db.h — the SQLite store: open/create with migrations, transactions, errors.
 *
 * Every fallible call returns an enum db_err; db_errmsg() gives the last error
 * as one line "中文说明 (English detail)" that the CLI prints and the TUI shows.
 * Nothing here prints.  No curses here. */
#ifndef FUPIN_DB_H
#define FUPIN_DB_H
#include <stddef.h>
#include <stdint.h>

struct db;
typedef struct sqlite3 sqlite3;

enum db_err {
    DB_OK = 0,
    DB_ERR_OPEN,        /* cannot open/create (missing directory, permissions) */
    DB_ERR_NOTDB,       /* not a database / corrupt */
    DB_ERR_READONLY,    /* file or directory is read-only */
    DB_ERR_FULL,        /* disk full */
    DB_ERR_NEWER,       /* made by a newer fupin (user_version too high) */
    DB_ERR_CONSTRAINT,  /* a rule of the schema refused the change */
    DB_ERR_NOTFOUND,
    DB_ERR_BUSY,        /* another program holds the file */
    DB_ERR_INVALID,     /* bad argument from the caller */
    DB_ERR_IO,          /* any other I/O or SQLite error */
    DB_ERR_MOVED,       /* the file was moved, replaced or deleted while open */
    DB_ERR_DENIED       /* the logged-in operator's role may not (db/operators.h) */
};

enum { DB_CREATE = 1, DB_READONLY = 2 };

/* Opens (DB_CREATE: creates, mode 0600) and migrates the file to the current
 * schema.  On failure *out is NULL and the message is in `errbuf`. */
enum db_err db_open(const char *path, int flags, struct db **out, char *errbuf, size_t errsz);
void db_close(struct db *db);
const char *db_errmsg(const struct db *db);
/* The schema version this build writes (PRAGMA user_version). */
int db_schema_version(void);

/* The operator recorded in the audit log and state history. */
void db_set_operator(struct db *db, const char *name);
const char *db_operator(const struct db *db);

/* Whether the file at the opened path is still the one this connection
 * opened (same device and inode, not deleted; SQLITE_FCNTL_HAS_MOVED).
 * DB_ERR_MOVED when not: nothing may be written then, or the writes would
 * land in a file nobody sees and the WAL beside the path would later be read
 * as another file's.  db_begin starts with it; autocommit writes call it. */
enum db_err db_check_file(struct db *db);

/* One logical save = one transaction.  db_begin takes the write lock at once
 * (BEGIN IMMEDIATE); on any error the caller calls db_rollback. */
enum db_err db_begin(struct db *db);
enum db_err db_commit(struct db *db);
void db_rollback(struct db *db);

/* A new database built whole (`fupin init`, `fupin demo`): opens
 * "<path>.building" (DB_CREATE; one a killed run left is removed first) and
 * db_finish_new closes it and gives it its name at the end, so a killed
 * build leaves nothing under `path` and a rerun works.  DB_ERR_INVALID when
 * `path` already exists (the caller opens it as usual).  On failure
 * db_finish_new removes the building file; errbuf has the message. */
enum db_err db_open_new(const char *path, struct db **out, char *errbuf, size_t errsz);
enum db_err db_finish_new(struct db *db, const char *path, char *errbuf, size_t errsz);
/* Closes a db_open_new database that failed: removes the building file.
 * path NULL: a plain db_close. */
void db_close_discard(struct db *db, const char *path);

/* Consistent online copy via the SQLite backup API; the copy is created 0600
 * under a temporary name and named `dest_path` only when whole, so a failed
 * or killed backup leaves nothing under that name. */
enum db_err db_backup(struct db *db, const char *dest_path);
/* Gives the finished file `tmp` its name `path`, never over an existing
 * file, and syncs the directory; 0 or an errno (EEXIST: path exists). */
int db_publish_file(const char *tmp, const char *path);

/* Natural order for names with numbers (村民小组: 第二组 before 第十组), a
 * collation every connection has: "ORDER BY h.village, h.group_name "
 * DB_NATURAL ", h.id".  Every list that orders by group uses it. */
#define DB_NATURAL_COLLATION "natural_order"
#define DB_NATURAL " COLLATE " DB_NATURAL_COLLATION " "
/* The order of households on every list, notice and roster: by village, by
 * 村民小组 in natural order, by 户编号 (none yet: first), by entry.  t is the
 * table alias as a string literal: "ORDER BY " DB_HH_ORDER("h") ", m.ordinal". */
#define DB_HH_ORDER(t) " " t ".village, " t ".group_name" DB_NATURAL ", " t ".hh_no, " t ".id "

/* A record's created_at and updated_at (issue 14 goal 4): the local time's
 * seconds since 1970-01-01 as an integer (4 bytes for the 19 of
 * 'YYYY-MM-DD HH:MM:SS', in some 1.4 million rows of a county's file), as
 * the audit log keeps its `at`.  What the audit hashes and shows of them is
 * that text (db_schema_audit_value), so older files' chains still hold.
 * "UPDATE t SET ..., updated_at = " DB_STAMP_NOW. */
#define DB_STAMP_NOW "CAST(strftime('%s','now','localtime') AS INTEGER)"
/* Now as local text "YYYY-MM-DD HH:MM:SS", for the columns kept as text
 * (deleted_at and the like). */
#define DB_TEXT_NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"

/* The raw handle, for db/ modules and tests only. */
sqlite3 *db_handle(struct db *db);
/* While set, SQLite calls fn(ctx) every few milliseconds of a running query
 * (sqlite3_progress_handler); non-zero stops the query, which then fails as
 * interrupted.  fn NULL removes it.  For Esc in a long export query. */
void db_set_interrupt(struct db *db, int (*fn)(void *ctx), void *ctx);
/* The db_err of an SQLite result code (extended codes allowed) and, into zh
 * (may be NULL), what it means in Chinese; sys_errno (sqlite3_system_errno)
 * refines I/O errors (ENOSPC is a full disk).  The one table behind db_fail. */
enum db_err db_sqlite_error(int sqlite_rc, int sys_errno, char *zh, size_t zhsz);
/* Maps an SQLite result code to a db_err and records the message. */
enum db_err db_fail(struct db *db, int sqlite_rc, const char *what_zh);


/* ---- Added for the db/ modules (store internals shared by the db/ modules) ---- */
typedef struct sqlite3_stmt sqlite3_stmt;

/* Transactions nest: db_begin inside an open transaction makes a savepoint,
 * so a module's save can run inside a caller's larger transaction.  If SQLite
 * aborted the whole transaction (disk full), the outer db_commit fails too. */

/* "中文 (English)" name of an error code, for messages without a handle. */
const char *db_strerror(enum db_err err);
/* A prepared statement for `sql`, cached on the connection (prepared once):
 * reset, bindings cleared.  NULL on error (db_errmsg says why). */
sqlite3_stmt *db_stmt(struct db *db, const char *sql);
/* Steps a write statement to completion and resets it; returns an SQLite
 * code (SQLITE_OK when done). */
int db_step_done(sqlite3_stmt *st);
/* Runs SQL that returns no rows (several statements allowed). */
enum db_err db_exec(struct db *db, const char *sql, const char *what_zh);
/* Records a message for an error found by our own checks; returns err. */
enum db_err db_set_error(struct db *db, enum db_err err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same, naming the field at fault by its forms key ("date", "amount"),
 * so a screen can put the cursor there. */
enum db_err db_set_error_at(struct db *db, enum db_err err, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The field the last error names, "" when it names none. */
const char *db_errfield(const struct db *db);
/* 1 when this connection has changed any row since it was opened (drafts
 * included): the workstation then makes its backup on exit. */
int db_wrote(const struct db *db);
/* 1 when the connection was opened read-only. */
int db_is_readonly(const struct db *db);
/* The file name the connection was opened with. */
const char *db_path(const struct db *db);

#endif
