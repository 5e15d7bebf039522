/* cli_login.c — logging in on the command line (cli_login.h). */
#include "tui/cli_login.h"
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "core/clock.h"
#include "db/operators.h"

const char *cli_operator_name(const struct cli *c)
{
    if (c->operator_name && *c->operator_name)
        return c->operator_name;
    const char *env = getenv("FUPIN_OPERATOR");
    return env && *env ? env : NULL;
}

/* Reads one line from the terminal with echo off. */
static int ask_tty(const char *prompt, char *buf, size_t bufsz)
{
    int fd = open("/dev/tty", O_RDWR | O_NOCTTY);
    if (fd < 0)
        return 0;
    struct termios old, quiet;
    int restore = tcgetattr(fd, &old) == 0;
    if (restore) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    if (write(fd, prompt, strlen(prompt)) < 0) { /* the prompt is a courtesy */ }
    size_t n = 0;
    char ch;
    while (read(fd, &ch, 1) == 1 && ch != '\n' && ch != '\r')
        if (n + 1 < bufsz)
            buf[n++] = ch;
    buf[n] = '\0';
    if (restore)
        tcsetattr(fd, TCSAFLUSH, &old);
    if (write(fd, "\n", 1) < 0) { /* as above */ }
    close(fd);
    return 1;
}

int cli_password(const char *prompt, int confirm, char *buf, size_t bufsz)
{
    const char *env = getenv("FUPIN_PASSWORD");
    if (env) {
        snprintf(buf, bufsz, "%s", env);
        return 1;
    }
    if (!isatty(0) || !ask_tty(prompt, buf, bufsz)) {
        cli_error("需要密码：请在终端上输入，或为脚本设置 FUPIN_PASSWORD",
                  "password needed: type it on a terminal or set FUPIN_PASSWORD", NULL);
        return 0;
    }
    if (!confirm)
        return 1;
    char again[256];
    ask_tty("再输入一次密码 (password again): ", again, sizeof again);
    int same = strcmp(again, buf) == 0;
    memset(again, 0, sizeof again);
    if (!same)
        cli_error("两次输入的密码不一样", "the two passwords differ", NULL);
    return same;
}

/* The operator's name, after saying why there is none (NULL). */
static const char *login_name(const struct cli *c, struct db *db)
{
    const char *name = cli_operator_name(c);
    if (!name) {
        cli_error("写入数据需要登录：请用 --operator 姓名 或 FUPIN_OPERATOR 指明操作员，并输入密码",
                  "writing needs an operator: --operator NAME or FUPIN_OPERATOR, and the password", NULL);
        return NULL;
    }
    if (db_operators_need_admin(db)) {
        cli_error("此数据库还没有管理员，请先打开工作站建立管理员",
                  "this database has no administrator yet: open the workstation first", c->db_path);
        return NULL;
    }
    return name;
}

static int login_with(struct db *db, const char *name, const char *pw)
{
    if (db_login(db, name, pw) == DB_OK)
        return 1;
    fprintf(stderr, "错误: %s\n", db_errmsg(db));
    return 0;
}

int cli_login(const struct cli *c, struct db *db)
{
    const char *name = login_name(c, db);
    char pw[256];
    if (!name || !cli_password("密码 (password): ", 0, pw, sizeof pw))
        return 0;
    int ok = login_with(db, name, pw);
    memset(pw, 0, sizeof pw);
    return ok;
}

int cli_create_admin(const struct cli *c, struct db *db)
{
    const char *name = cli_operator_name(c);
    if (!name) {
        cli_error("新数据库需要管理员：请用 --operator 姓名 或 FUPIN_OPERATOR 指明，并设密码",
                  "a new database needs its administrator: --operator NAME or FUPIN_OPERATOR", NULL);
        return 0;
    }
    char pw[256];
    if (!cli_password("为管理员设密码 (new administrator password): ", 1, pw, sizeof pw))
        return 0;
    enum db_err err = db_operator_add(db, name, ROLE_ADMIN, pw, NULL);
    memset(pw, 0, sizeof pw);
    if (err != DB_OK) {
        fprintf(stderr, "错误: %s\n", db_errmsg(db));
        return 0;
    }
    return 1;
}

/* "check --year 2026": the subcommand and its arguments, for the log. */
static void command_line(const struct cli *c, char *out, size_t outsz)
{
    size_t len = (size_t)snprintf(out, outsz, "%s", c->sub ? c->sub : "");
    for (int i = 0; i < c->argc && len < outsz; i++)
        len += (size_t)snprintf(out + len, outsz - len, " %s", c->argv[i]);
}

/* Appends "when<TAB>who<TAB>command" to FILE.reads.log beside the database
 * (0600).  Not in the database: `check` never writes to the file it checks. */
static int append_read_log(const struct cli *c, const char *who)
{
    char path[4200], what[400], now[20];
    snprintf(path, sizeof path, "%s%s", c->db_path, CLI_READS_LOG);
    command_line(c, what, sizeof what);
    clock_now(now);
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        fprintf(stderr, "警告: 无法记录本次查询 (warning: cannot record this read: %s)\n", path);
        return 1;       /* a read-only medium is still read */
    }
    char line[1024];
    int n = snprintf(line, sizeof line, "%s\t%s\t%s\n", now, who, what);
    int ok = n > 0 && write(fd, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1) == n;
    close(fd);
    if (!ok)
        fprintf(stderr, "警告: 无法记录本次查询 (warning: cannot record this read: %s)\n", path);
    return 1;
}

int cli_record_read(const struct cli *c)
{
    const char *name = cli_operator_name(c);
    char who[200];
    if (!name) {
        struct passwd *pw = getpwuid(getuid());
        snprintf(who, sizeof who, "未登录 (系统用户 %s)", pw ? pw->pw_name : "?");
        return append_read_log(c, who);
    }
    struct db *db = NULL;
    char err[512], pw[256];
    if (db_open(c->db_path, DB_READONLY, &db, err, sizeof err) != DB_OK) {
        fprintf(stderr, "错误: %s\n", err);
        return -1;
    }
    int ok = login_name(c, db) && cli_password("密码 (password): ", 0, pw, sizeof pw);
    int wrong = ok && db_login(db, name, pw) != DB_OK;
    int counted = ok && !wrong && db_login_failures(db, name) > 0;
    db_close(db);
    /* A good login clears the count of wrong ones, which the read-only
     * connection could not: log in once more on a writable one, only when
     * there is a count (a read-only medium keeps it, without a word). */
    if (counted && db_open(c->db_path, 0, &db, err, sizeof err) == DB_OK) {
        db_login(db, name, pw);
        db_close(db);
    }
    /* Read-only, a wrong password was not counted: count it on a writable
     * connection (when there is one), so guessing through `check` is slowed
     * like any login.  Only a failure writes to the file. */
    if (wrong) {
        if (db_open(c->db_path, 0, &db, err, sizeof err) == DB_OK) {
            login_with(db, name, pw);
            db_close(db);
        } else {
            fprintf(stderr, "错误: 操作员姓名或密码不对 (wrong operator or password)\n");
        }
        ok = 0;
    }
    memset(pw, 0, sizeof pw);
    return ok ? append_read_log(c, name) : 0;
}
