/* cli_login.h — who runs a command (issue 13): a command that writes names a
 * registered operator (--operator or $FUPIN_OPERATOR) and proves it (a
 * prompt with echo off on a terminal, $FUPIN_PASSWORD for scripts), else it
 * is refused with exit 2 before anything is written.  Reading commands
 * (check, export) record who asked in FILE.reads.log beside the database. */
#ifndef FUPIN_CLI_LOGIN_H
#define FUPIN_CLI_LOGIN_H
#include <stddef.h>
#include "tui/cli.h"

/* --operator, else $FUPIN_OPERATOR, else NULL. */
const char *cli_operator_name(const struct cli *c);
/* $FUPIN_PASSWORD, else asked on the terminal with echo off (twice when
 * `confirm`).  0 after printing why not (no terminal, mismatch). */
int cli_password(const char *prompt, int confirm, char *buf, size_t bufsz);
/* Logs the command's operator in on db; 0 after printing why not. */
int cli_login(const struct cli *c, struct db *db);
/* First run of a new file: creates the 管理员 named by the command line with
 * the password given twice; 0 after printing why not. */
int cli_create_admin(const struct cli *c, struct db *db);
/* Suffix of the reads log: "fupin.db" → "fupin.db.reads.log". */
#define CLI_READS_LOG ".reads.log"
/* Records that this reading command ran and who asked: the operator when
 * one is named (who must then prove it; the file is only read), else the
 * system user.  1 when done (a log that cannot be written is a warning),
 * 0 when the operator was refused, -1 when the file cannot be opened (both
 * after printing why). */
int cli_record_read(const struct cli *c);

#endif
