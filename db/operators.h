/* operators.h — who may use the file: operators with hashed passwords
 * (libsodium crypto_pwhash), their roles, logging in with a stored throttle,
 * and the role checks the guarded operations make here in db/, so the
 * command line and the workstation refuse alike.
 *
 * Roles, each including the one before:
 *   录入员 keys and edits households, applications, surveys, aid records;
 *   审核员 also overrides 七不进, objections, closing notices, registration,
 *          exits and the audit screen;
 *   管理员 also operators and settings.
 *
 * A connection starts logged out (db_session_role() == ROLE_NONE): guarded
 * operations refuse until db_login (or creating the first 管理员) succeeds. */
#ifndef FUPIN_OPERATORS_H
#define FUPIN_OPERATORS_H
#include <stddef.h>
#include <stdint.h>
#include "core/household.h"
#include "db/db.h"

enum op_role { ROLE_NONE = -1, ROLE_CLERK = 0, ROLE_REVIEWER = 1, ROLE_ADMIN = 2 };
#define ROLE_COUNT 3
/* 录入员 / 审核员 / 管理员; "未登录" for ROLE_NONE or an unknown value. */
const char *op_role_name(int role);

/* Shortest password accepted (characters). */
#define OP_PASSWORD_MIN 4
/* Failures allowed before each further try waits (2 s, then doubling). */
#define OP_FREE_FAILURES 2
#define OP_MAX_WAIT_SECONDS 900

struct operator_row {
    int64_t id;
    char name[TEXT_BYTES(NAME_CHARS)];
    int  role;                      /* enum op_role */
    int  active;
};

/* Adds an operator with a password (hashed here).  Needs a logged-in
 * 管理员 — except while the file has no usable 管理员 (first run), when it
 * must create one, and the connection is then logged in as that 管理员. */
enum db_err db_operator_add(struct db *db, const char *name, int role, const char *password,
                            int64_t *id);
enum db_err db_operators(struct db *db, struct operator_row *out, size_t max, size_t *n);
/* 管理员 only.  Never deletes (the audit names operators); refuses to leave
 * the file without an active 管理员. */
enum db_err db_operator_set_active(struct db *db, int64_t id, int active);
enum db_err db_operator_set_role(struct db *db, int64_t id, int role);
/* Sets a new password and clears the failure count. */
enum db_err db_operator_reset_password(struct db *db, int64_t id, const char *password);
/* 1 when the file has no active 管理员 with a password (first run, or a file
 * from before operators logged in): the 管理员 must be created first. */
int db_operators_need_admin(struct db *db);

/* Logs in: on success the connection acts as `name` with its role (the
 * audit records the name).  A wrong password counts a failure in the file
 * (when writable); from the third, each try must wait a doubling delay —
 * refused before the password is looked at, with the seconds left. */
enum db_err db_login(struct db *db, const char *name, const char *password);
/* Seconds `name` must still wait before a try (0 = may try now). */
long db_login_wait(struct db *db, const char *name);
/* Wrong passwords counted for `name` since its last good login (0 when
 * unknown).  A login on a read-only connection cannot clear the count:
 * the caller logs in again on a writable one when this is not 0. */
int db_login_failures(struct db *db, const char *name);

/* The logged-in role (ROLE_NONE when nobody). */
int db_session_role(const struct db *db);
/* DB_OK when the logged-in role is at least `role`; else DB_ERR_DENIED with
 * "需要审核员权限才能关闭公示" naming the role and `what_zh`. */
enum db_err db_require_role(struct db *db, int role, const char *what_zh);
/* Acts as name/role without a password: only for the test fixtures (the
 * entry points reach a role through db_login or db_operator_add). */
void db_session_assume(struct db *db, const char *name, int role);

#endif
