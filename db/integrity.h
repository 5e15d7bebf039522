/* integrity.h — is the file itself sound (issue 13 item 4): SQLite's
 * quick_check (integrity_check when full) and foreign_key_check, each
 * problem named in one line.  `fupin check` runs it first and exits 3 on
 * damage; `fupin backup` and 数据维护's backup refuse a damaged file. */
#ifndef FUPIN_INTEGRITY_H
#define FUPIN_INTEGRITY_H
#include <stddef.h>
#include "db/db.h"

/* The settings key (text) where 数据维护 keeps its last check of the file
 * and the audit log: `fupin check` never writes the file, so only the
 * workstation's own check is kept. */
#define SET_LAST_FILE_CHECK "maint.last_file_check"

struct integrity_report {
    size_t problems;        /* 0: sound */
    char first[600];        /* the first problem, "中文 (English)" */
};

/* Runs the checks on the open file, calling report (may be NULL) with one
 * line per problem (at most 100).  DB_OK when the checks ran, whatever they
 * found (r->problems); a file too damaged to be read is a problem, not an
 * error.  Only reads. */
enum db_err db_integrity_check(struct db *db, int full, void (*report)(void *ud, const char *line),
                               void *ud, struct integrity_report *r);

#endif
