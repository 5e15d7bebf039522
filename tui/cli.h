/* cli.h — the command line of SPEC §7.2: option parsing shared by the
 * subcommands, and the subcommands that do not open the screen. */
#ifndef FUPIN_CLI_H
#define FUPIN_CLI_H
#include "db/db.h"

/* Exit codes (SPEC §7.2). */
enum { EXIT_OK = 0, EXIT_CHECKS = 1, EXIT_USAGE = 2, EXIT_DATA = 3 };

struct cli {
    const char *db_path;        /* --db, $FUPIN_DB, or the XDG default */
    const char *operator_name;  /* --operator */
    const char *sub;            /* the subcommand ("check", "export") */
    int argc;                   /* the subcommand's own arguments */
    char **argv;
};

/* Value of `--name VALUE` among the subcommand's arguments, or NULL. */
const char *cli_option(const struct cli *c, const char *name);
/* 1 when the flag `--name` is present. */
int cli_flag(const struct cli *c, const char *name);
/* Prints one line "错误: 中文 (English)" to stderr. */
void cli_error(const char *zh, const char *en, const char *detail);
/* Prints the line an export or a backup ends with, the file's full path
 * last: "已导出花名册 12 人：/home/…/花名册.xlsx" (core/outpath.h). */
void cli_written(const char *done, const char *path);
/* `--year Y` (1949–2100): 1 with *year set (0 when absent), 0 after
 * printing the usage error. */
int cli_year(const struct cli *c, int *year);
/* Opens the database of the command line; prints the error and returns NULL
 * on failure (the caller exits with cli_open_failed()).  Opened for writing
 * (no DB_READONLY) it is logged in as the command's operator — on a new file
 * (DB_CREATE) that operator becomes its 管理员 —, and a file the command
 * created is removed again when that fails; opened DB_READONLY, the read is
 * recorded (tui/cli_login.h). */
struct db *cli_open_db(const struct cli *c, int flags);
/* The exit code after cli_open_db failed: EXIT_USAGE when the operator was
 * refused, EXIT_DATA when the file could not be opened. */
int cli_open_failed(void);

int cmd_init(struct cli *c);
int cmd_demo(struct cli *c);
int cmd_check(struct cli *c);
int cmd_backup(struct cli *c);
/* fupin export KIND: dispatches to the export of each kind. */
int cmd_export(struct cli *c);

#endif
