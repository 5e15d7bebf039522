/* cli_login.c — logging in on the command line (cli_login.h). */
#include "tui/cli_login.h"
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
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

int cli_login(const struct cli *c, struct db *db)
{
    const char *name = cli_operator_name(c);
    if (!name) {
        cli_error("写入数据需要登录：请用 --operator 姓名 或 FUPIN_OPERATOR 指明操作员，并输入密码",
                  "writing needs an operator: --operator NAME or FUPIN_OPERATOR, and the password", NULL);
        return 0;
    }
    if (db_operators_need_admin(db)) {
        cli_error("此数据库还没有管理员，请先打开工作站建立管理员",
                  "this database has no administrator yet: open the workstation first", c->db_path);
        return 0;
    }
    char pw[256];
    if (!cli_password("密码 (password): ", 0, pw, sizeof pw))
        return 0;
    enum db_err err = db_login(db, name, pw);
    memset(pw, 0, sizeof pw);
    if (err != DB_OK) {
        fprintf(stderr, "错误: %s\n", db_errmsg(db));
        return 0;
    }
    return 1;
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

int cli_record_read(const struct cli *c)
{
    struct db *db = NULL;
    char err[512];
    /* A file that cannot be written (read-only medium) is still read; who
     * asked then goes unrecorded, as nothing can be written there. */
    if (db_open(c->db_path, 0, &db, err, sizeof err) != DB_OK) {
        if (db_open(c->db_path, DB_READONLY, &db, err, sizeof err) != DB_OK) {
            fprintf(stderr, "错误: %s\n", err);
            return 0;
        }
    }
    int ok = 1;
    if (cli_operator_name(c))
        ok = cli_login(c, db);
    if (ok && !db_is_readonly(db)) {
        char what[400], who[200];
        command_line(c, what, sizeof what);
        struct passwd *pw = getpwuid(getuid());
        snprintf(who, sizeof who, "未登录 (系统用户 %s)", pw ? pw->pw_name : "?");
        if (db_access_log(db, who, what) != DB_OK) {
            fprintf(stderr, "错误: %s\n", db_errmsg(db));
            ok = 0;
        }
    }
    db_close(db);
    return ok;
}
