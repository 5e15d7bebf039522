/* fupin_sql — the sqlite3 shell's one-shot mode with fupin's own SQL
 * function (fupin_audit_hash, db/audit.h), for tests that set up a case
 * behind the workstation's back:
 *
 *   fupin_sql FILE "SQL; SQL; ..."
 *
 * Rows are printed as the shell prints them (columns joined by '|', NULL
 * empty); an error prints "Error: ..." and exits 1.  Writes to audited
 * tables are logged and sealed as fupin's own writes are: the plain shell
 * cannot write them at all (no such function), by design. */
#include <stdio.h>
#include <sqlite3.h>
#include "core/natural.h"
#include "db/audit.h"
#include "db/db.h"

/* The collation of 村民小组 (db/db.c registers the same on every connection). */
static int natural_collate(void *unused, int alen, const void *a, int blen, const void *b)
{
    (void)unused;
    return natural_cmpn(a, (size_t)alen, b, (size_t)blen);
}

static int print_row(void *ud, int n, char **vals, char **names)
{
    (void)ud;
    (void)names;
    for (int i = 0; i < n; i++)
        printf("%s%s", i ? "|" : "", vals[i] ? vals[i] : "");
    putchar('\n');
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: fupin_sql FILE SQL\n");
        return 2;
    }
    sqlite3 *h = NULL;
    char *err = NULL;
    int rc = sqlite3_open_v2(argv[1], &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK)
        rc = audit_register(h);
    if (rc == SQLITE_OK)    /* the household list's indexes use it */
        rc = sqlite3_create_collation(h, DB_NATURAL_COLLATION, SQLITE_UTF8, NULL, natural_collate);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(h, 3000);
        rc = sqlite3_exec(h, argv[2], print_row, NULL, &err);
    }
    if (rc != SQLITE_OK)
        fprintf(stderr, "Error: %s\n", err ? err : sqlite3_errmsg(h));
    sqlite3_free(err);
    sqlite3_close(h);
    return rc == SQLITE_OK ? 0 : 1;
}
