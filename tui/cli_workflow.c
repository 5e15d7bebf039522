/* cli_workflow.c — the workflow's exports on the command line. */
#include "tui/cli_workflow.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/notice_export.h"

/* A positive row id from `--name`, or 0 after printing a usage error. */
static long long id_option(const struct cli *c, const char *name, const char *zh)
{
    const char *v = cli_option(c, name);
    char *end = NULL;
    long long id = v ? strtoll(v, &end, 10) : 0;
    if (!v || !*v || *end || id <= 0) {
        char en[64];
        snprintf(en, sizeof en, "%s ID is required", name);
        cli_error(zh, en, v ? v : "");
        return 0;
    }
    return id;
}

static const char *out_option(const struct cli *c)
{
    const char *out = cli_option(c, "-o");
    if (!out)
        out = cli_option(c, "--output");
    if (!out || !*out)
        cli_error("须用 -o 指定输出文件", "-o OUT.xlsx is required", "");
    return out;
}

typedef enum db_err (*export_fn)(struct db *, int64_t, const char *);

static int run(struct cli *c, const char *opt, const char *zh, export_fn fn, const char *done)
{
    long long id = id_option(c, opt, zh);
    const char *out = id ? out_option(c) : NULL;
    if (!id || !out)
        return EXIT_USAGE;
    struct db *db = cli_open_db(c, DB_READONLY);
    if (!db)
        return cli_open_failed();
    enum db_err err = fn(db, id, out);
    if (err != DB_OK) {
        fprintf(stderr, "错误: %s\n", db_errmsg(db));
        db_close(db);
        return EXIT_DATA;
    }
    db_close(db);
    cli_written(done, out);
    return EXIT_OK;
}

int cmd_export_notice(struct cli *c)
{
    return run(c, "--notice", "须用 --notice 指定公示编号", notice_export, "已导出公示名单");
}
