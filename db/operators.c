/* operators.c — operators, passwords, logging in, role checks (operators.h).
 * Passwords are stored only as crypto_pwhash_str strings (Argon2id with the
 * INTERACTIVE limits, about 0.1 s and 64 MB per hash on this machine): a
 * process verifies one password once, at login. */
#include "db/operators.h"
#include "db/record.h"
#include "core/text.h"
#include <ctype.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const ROLE_NAMES[ROLE_COUNT] = { "录入员", "审核员", "管理员" };

const char *op_role_name(int role)
{
    return role >= 0 && role < ROLE_COUNT ? ROLE_NAMES[role] : "未登录";
}

/* name without leading and trailing ASCII spaces. */
static void trim_copy(char *out, size_t outsz, const char *name)
{
    while (*name && isspace((unsigned char)*name))
        name++;
    size_t n = strlen(name);
    while (n && isspace((unsigned char)name[n - 1]))
        n--;
    snprintf(out, outsz, "%.*s", (int)n, name);
}

enum db_err db_require_role(struct db *db, int role, const char *what_zh)
{
    int have = db_session_role(db);
    if (have >= role)
        return DB_OK;
    return db_set_error(db, DB_ERR_DENIED, "需要%s权限才能%s（当前操作员: %s %s） "
                        "(permission denied: needs role %d)", op_role_name(role), what_zh,
                        db_operator(db)[0] ? db_operator(db) : "-", op_role_name(have), role);
}

/* The hash of a password into out; DB_ERR_INVALID when it is too short. */
static enum db_err hash_password(struct db *db, const char *password, char out[crypto_pwhash_STRBYTES])
{
    if (!password || text_chars(password) < OP_PASSWORD_MIN)
        return db_set_error(db, DB_ERR_INVALID, "密码至少 %d 个字符 (password too short)", OP_PASSWORD_MIN);
    if (sodium_init() < 0 ||
        crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return db_set_error(db, DB_ERR_IO, "内存不足，无法设置密码 (crypto_pwhash_str failed)");
    return DB_OK;
}

int db_operators_need_admin(struct db *db)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT count(*) FROM operators "
                                   "WHERE role = 2 AND active = 1 AND pw_hash <> ''");
    if (!st)
        return 1;
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_reset(st);
    return n == 0;
}

/* Inserts the operator; a name already there without a password (a file
 * from before logging in) gets the role and password instead. */
static enum db_err insert_operator(struct db *db, const char *name, int role, const char *hash,
                                   int64_t *id)
{
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO operators(name, role, pw_hash) VALUES (?1, ?2, ?3) "
                                   "ON CONFLICT(name) DO UPDATE SET role = ?2, pw_hash = ?3, active = 1 "
                                   "WHERE pw_hash = ''");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, role);
    sqlite3_bind_text(st, 3, hash, -1, SQLITE_STATIC);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "添加操作员");
    if (sqlite3_changes(db_handle(db)) == 0)
        return db_set_error(db, DB_ERR_CONSTRAINT, "操作员“%s”已存在 (operator exists)", name);
    sqlite3_stmt *q = db_stmt(db, "SELECT id FROM operators WHERE name = ?1");
    if (!q)
        return DB_ERR_IO;
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    if (sqlite3_step(q) == SQLITE_ROW && id)
        *id = sqlite3_column_int64(q, 0);
    sqlite3_reset(q);
    return DB_OK;
}

enum db_err db_operator_add(struct db *db, const char *name, int role, const char *password,
                            int64_t *id)
{
    int first = db_operators_need_admin(db);
    if (first && role != ROLE_ADMIN)
        return db_set_error(db, DB_ERR_INVALID, "请先建立管理员 (the first operator must be an admin)");
    if (!first && db_require_role(db, ROLE_ADMIN, "添加操作员") != DB_OK)
        return DB_ERR_DENIED;
    if (role < 0 || role >= ROLE_COUNT)
        return db_set_error(db, DB_ERR_INVALID, "角色应为录入员、审核员或管理员 (bad role %d)", role);
    char trimmed[TEXT_BYTES(NAME_CHARS)];
    trim_copy(trimmed, sizeof trimmed, name ? name : "");
    if (!trimmed[0])
        return db_set_error(db, DB_ERR_CONSTRAINT, "操作员姓名不能为空 (operator name is empty)");
    char hash[crypto_pwhash_STRBYTES], was[TEXT_BYTES(NAME_CHARS)];
    enum db_err err = hash_password(db, password, hash);
    snprintf(was, sizeof was, "%s", db_operator(db));
    if (first)
        db_set_operator(db, trimmed);   /* the first 管理员 adds itself: the audit names it */
    if (err == DB_OK)
        err = insert_operator(db, trimmed, role, hash, id);
    sodium_memzero(hash, sizeof hash);
    if (err == DB_OK && first)
        db_session_assume(db, trimmed, ROLE_ADMIN);
    else if (first)
        db_set_operator(db, was);
    return err;
}

enum db_err db_operators(struct db *db, struct operator_row *out, size_t max, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT id, name, role, active FROM operators ORDER BY id");
    if (!st)
        return DB_ERR_IO;
    int rc = SQLITE_DONE;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
        struct operator_row *o = &out[(*n)++];
        o->id = sqlite3_column_int64(st, 0);
        db_copy_text(o->name, sizeof o->name, db_col(st, 1));
        o->role = sqlite3_column_int(st, 2);
        o->active = sqlite3_column_int(st, 3);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取操作员");
}

/* Runs an UPDATE of one operator (?1 = id, ?2 = value) as a 管理员 and
 * refuses when it would leave no active 管理员 with a password. */
static enum db_err update_operator(struct db *db, const char *sql, int64_t id, int ival,
                                   const char *tval, const char *what_zh)
{
    if (db_require_role(db, ROLE_ADMIN, what_zh) != DB_OK)
        return DB_ERR_DENIED;
    enum db_err err = db_begin(db);
    if (err != DB_OK)
        return err;
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st) {
        db_rollback(db);
        return DB_ERR_IO;
    }
    sqlite3_bind_int64(st, 1, id);
    if (tval)
        sqlite3_bind_text(st, 2, tval, -1, SQLITE_STATIC);
    else
        sqlite3_bind_int(st, 2, ival);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        err = db_fail(db, rc, what_zh);
    else if (sqlite3_changes(db_handle(db)) == 0)
        err = db_set_error(db, DB_ERR_NOTFOUND, "操作员不存在 (operator %lld not found)", (long long)id);
    else if (db_operators_need_admin(db))
        err = db_set_error(db, DB_ERR_CONSTRAINT, "至少要保留一名可登录的管理员 (the last admin must stay)");
    if (err != DB_OK) {
        db_rollback(db);
        return err;
    }
    return db_commit(db);
}

enum db_err db_operator_set_active(struct db *db, int64_t id, int active)
{
    return update_operator(db, "UPDATE operators SET active = ?2 WHERE id = ?1", id, active ? 1 : 0,
                           NULL, active ? "启用操作员" : "停用操作员");
}

enum db_err db_operator_set_role(struct db *db, int64_t id, int role)
{
    if (role < 0 || role >= ROLE_COUNT)
        return db_set_error(db, DB_ERR_INVALID, "角色应为录入员、审核员或管理员 (bad role %d)", role);
    return update_operator(db, "UPDATE operators SET role = ?2 WHERE id = ?1", id, role, NULL,
                           "修改操作员角色");
}

enum db_err db_operator_reset_password(struct db *db, int64_t id, const char *password)
{
    if (db_require_role(db, ROLE_ADMIN, "重设密码") != DB_OK)
        return DB_ERR_DENIED;
    char hash[crypto_pwhash_STRBYTES];
    enum db_err err = hash_password(db, password, hash);
    if (err == DB_OK)
        err = update_operator(db, "UPDATE operators SET pw_hash = ?2, failures = 0, retry_after = 0, "
                              "pw_reset_at = strftime('%Y-%m-%d %H:%M:%S','now','localtime') "
                              "WHERE id = ?1", id, 0, hash, "重设密码");
    sodium_memzero(hash, sizeof hash);
    return err;
}

/* ---- logging in ------------------------------------------------------------ */

struct login_row {
    int found, role, active, failures;
    long long retry_after;
    char hash[crypto_pwhash_STRBYTES];
};

static enum db_err load_login(struct db *db, const char *name, struct login_row *r)
{
    memset(r, 0, sizeof *r);
    sqlite3_stmt *st = db_stmt(db, "SELECT role, active, failures, retry_after, pw_hash "
                                   "FROM operators WHERE name = ?1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        r->found = 1;
        r->role = sqlite3_column_int(st, 0);
        r->active = sqlite3_column_int(st, 1);
        r->failures = sqlite3_column_int(st, 2);
        r->retry_after = sqlite3_column_int64(st, 3);
        snprintf(r->hash, sizeof r->hash, "%s", db_col(st, 4));
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取操作员");
}

long db_login_wait(struct db *db, const char *name)
{
    struct login_row r;
    if (load_login(db, name ? name : "", &r) != DB_OK || !r.found)
        return 0;
    long long left = r.retry_after - (long long)time(NULL);
    return left > 0 ? (long)left : 0;
}

int db_login_failures(struct db *db, const char *name)
{
    struct login_row r;
    int n = load_login(db, name ? name : "", &r) == DB_OK && r.found ? r.failures : 0;
    sodium_memzero(r.hash, sizeof r.hash);
    return n;
}

/* The wait after `failures` wrong passwords: none for the first two, then
 * 2 s doubling, at most OP_MAX_WAIT_SECONDS. */
static long wait_after(int failures)
{
    if (failures <= OP_FREE_FAILURES)
        return 0;
    long w = 2;
    for (int i = OP_FREE_FAILURES + 1; i < failures && w < OP_MAX_WAIT_SECONDS; i++)
        w *= 2;
    return w < OP_MAX_WAIT_SECONDS ? w : OP_MAX_WAIT_SECONDS;
}

/* Stores the outcome of a try (a read-only file keeps no count). */
static void store_try(struct db *db, const char *name, int failures, long wait)
{
    if (db_is_readonly(db))
        return;
    sqlite3_stmt *st = db_stmt(db, "UPDATE operators SET failures = ?2, retry_after = ?3 WHERE name = ?1");
    if (!st)
        return;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, failures);
    sqlite3_bind_int64(st, 3, wait ? (long long)time(NULL) + wait : 0);
    db_step_done(st);
}

enum db_err db_login(struct db *db, const char *name, const char *password)
{
    struct login_row r;
    enum db_err err = load_login(db, name ? name : "", &r);
    if (err != DB_OK)
        return err;
    long long left = r.retry_after - (long long)time(NULL);
    if (r.found && left > 0)
        return db_set_error(db, DB_ERR_DENIED, "密码错误次数过多，请 %lld 秒后再试 (too many wrong "
                            "passwords: wait %lld s)", left, left);
    if (sodium_init() < 0)
        return db_set_error(db, DB_ERR_IO, "密码库初始化失败 (sodium_init failed)");
    int ok = r.found && r.hash[0] && password &&
             crypto_pwhash_str_verify(r.hash, password, strlen(password)) == 0;
    sodium_memzero(r.hash, sizeof r.hash);
    if (!ok) {
        if (r.found) {
            long wait = wait_after(r.failures + 1);
            store_try(db, name, r.failures + 1, wait);
            if (wait)
                return db_set_error(db, DB_ERR_DENIED, "操作员姓名或密码不对，请 %ld 秒后再试 "
                                    "(wrong operator or password: wait %ld s)", wait, wait);
        }
        return db_set_error(db, DB_ERR_DENIED, "操作员姓名或密码不对 (wrong operator or password)");
    }
    if (!r.active)
        return db_set_error(db, DB_ERR_DENIED, "操作员“%s”已停用，请找管理员 (operator disabled)", name);
    if (r.failures)
        store_try(db, name, 0, 0);
    db_session_assume(db, name, r.role);
    return DB_OK;
}
