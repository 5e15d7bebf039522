/* integrity.c — SQLite's own checks of the file, named for a clerk. */
#include "db/integrity.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PROBLEMS 100

struct run {
    struct db *db;
    void (*report)(void *, const char *);
    void *ud;
    struct integrity_report *r;
};

static void problem(struct run *run, const char *line)
{
    if (run->r->problems++ == 0)
        snprintf(run->r->first, sizeof run->r->first, "%s", line);
    if (run->report)
        run->report(run->ud, line);
}

/* The table or index whose b-tree has root page `root` ("" when unknown:
 * the schema itself may be what is damaged). */
static void tree_name(struct db *db, long root, char *out, size_t outsz)
{
    sqlite3_stmt *st = NULL;
    out[0] = '\0';
    if (sqlite3_prepare_v2(db_handle(db), "SELECT name FROM sqlite_master WHERE rootpage = ?1",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, root);
        if (sqlite3_step(st) == SQLITE_ROW)
            snprintf(out, outsz, "%s", (const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
}

static long be(const unsigned char *p, int n)
{
    long v = 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

/* 1 when the b-tree under `page` reaches page `target`: follows the child
 * pointers of interior pages, read from the file's own bytes (the page at
 * fault may be one SQLite cannot read, but its parent usually can be). */
static int tree_holds(FILE *f, long psize, long page, long target, int depth)
{
    if (page == target)
        return 1;
    if (depth > 20 || page < 1)
        return 0;
    unsigned char *buf = malloc((size_t)psize);
    int found = 0;
    if (buf && fseek(f, (page - 1) * psize, SEEK_SET) == 0 && fread(buf, 1, (size_t)psize, f) == (size_t)psize) {
        int off = page == 1 ? 100 : 0;
        if (buf[off] == 2 || buf[off] == 5) {       /* interior index / table page */
            long cells = be(buf + off + 3, 2);
            for (long i = 0; !found && i < cells && off + 12 + 2 * i + 2 <= psize; i++) {
                long cp = be(buf + off + 12 + 2 * i, 2);
                if (cp + 4 <= psize)
                    found = tree_holds(f, psize, be(buf + cp, 4), target, depth + 1);
            }
            if (!found)
                found = tree_holds(f, psize, be(buf + off + 8, 4), target, depth + 1);
        }
    }
    free(buf);
    return found;
}

/* The table or index that page `target` belongs to ("" when not found). */
static void page_owner(struct db *db, long target, char *out, size_t outsz)
{
    out[0] = '\0';
    FILE *f = fopen(db_path(db), "rb");
    sqlite3_stmt *st = NULL;
    long psize = 0;
    if (f && sqlite3_prepare_v2(db_handle(db), "PRAGMA page_size", -1, &st, NULL) == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW)
        psize = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    st = NULL;
    if (f && psize >= 512 && sqlite3_prepare_v2(db_handle(db), "SELECT name, rootpage FROM sqlite_master "
                                                "WHERE rootpage > 0", -1, &st, NULL) == SQLITE_OK)
        while (!out[0] && sqlite3_step(st) == SQLITE_ROW)
            if (tree_holds(f, psize, sqlite3_column_int(st, 1), target, 0))
                snprintf(out, outsz, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (f)
        fclose(f);
}

/* One line of quick_check/integrity_check, with the table named when the
 * line gives its tree ("Tree 5 page 12 ...") or an index ("... index X"). */
static void check_line(struct run *run, const char *msg)
{
    char name[128] = "", line[600];
    long root = 0;
    const char *p = strstr(msg, "Tree ");
    const char *pg = strstr(msg, "Page ");
    const char *ix = strstr(msg, "index ");
    if (p && sscanf(p, "Tree %ld", &root) == 1)
        tree_name(run->db, root, name, sizeof name);
    else if (ix)
        sscanf(ix, "index %127[A-Za-z0-9_]", name);
    else if (pg && sscanf(pg, "Page %ld", &root) == 1)
        page_owner(run->db, root, name, sizeof name);
    snprintf(line, sizeof line, "数据库文件已损坏%s%s%s (database damaged: %s)", name[0] ? "（" : "",
             name, name[0] ? "）" : "", msg);
    for (char *c = line; *c; c++)       /* one line: SQLite's text has newlines */
        if (*c == '\n' || *c == '\t')
            *c = ' ';
    problem(run, line);
}

static int run_pragma(struct run *run, int full)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db_handle(run->db), full ? "PRAGMA integrity_check(100)"
                                : "PRAGMA quick_check(100)", -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *msg = (const char *)sqlite3_column_text(st, 0);
        if (msg && strcmp(msg, "ok") != 0)
            check_line(run, msg);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int run_foreign_keys(struct run *run)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db_handle(run->db), "PRAGMA foreign_key_check", -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        char line[600];
        const char *tbl = (const char *)sqlite3_column_text(st, 0);
        const char *parent = (const char *)sqlite3_column_text(st, 2);
        long long row = sqlite3_column_int64(st, 1);
        snprintf(line, sizeof line, "数据库文件已损坏（%s）：第 %lld 行引用的 %s 记录不存在 "
                 "(foreign key broken: %s row %lld -> %s)", tbl ? tbl : "?", row, parent ? parent : "?",
                 tbl ? tbl : "?", row, parent ? parent : "?");
        if (run->r->problems < MAX_PROBLEMS)
            problem(run, line);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

enum db_err db_integrity_check(struct db *db, int full, void (*report)(void *ud, const char *line),
                               void *ud, struct integrity_report *r)
{
    struct run run = { db, report, ud, r };
    memset(r, 0, sizeof *r);
    int rc = run_pragma(&run, full);
    if (rc == SQLITE_OK && r->problems == 0)
        rc = run_foreign_keys(&run);
    int primary = rc & 0xff;
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB || primary == SQLITE_IOERR) {
        if (r->problems)
            return DB_OK;       /* already named; the rest could not be read */
        /* Too damaged for the check itself to finish: that is its finding. */
        char line[600];
        snprintf(line, sizeof line, "数据库文件已损坏，无法读完 (database damaged: %s)",
                 sqlite3_errmsg(db_handle(db)));
        problem(&run, line);
        return DB_OK;
    }
    return rc == SQLITE_OK ? DB_OK : db_fail(db, rc, "检查数据库文件");
}
