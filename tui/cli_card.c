/* cli_card.c — `fupin export card|cards` (see cli_card.h). */
#include "tui/cli_card.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/card_export.h"
#include "db/export_queries.h"
#include "db/export_reports.h"

/* Options of the command (each takes a value); anything else is a usage
 * error rather than silently ignored. */
static int check_args(const struct cli *c, const char *const *known)
{
    for (int i = 1; i < c->argc; i++) {
        const char *a = c->argv[i];
        int ok = 0;
        for (const char *const *k = known; *k && !ok; k++)
            ok = !strcmp(a, *k);
        if (!ok) {
            cli_error("未知参数", "unknown argument", a);
            return 0;
        }
        if (++i >= c->argc) {
            cli_error("选项缺少值", "option needs a value", a);
            return 0;
        }
    }
    return 1;
}

static const char *out_option(const struct cli *c)
{
    const char *out = cli_option(c, "-o");
    return out ? out : cli_option(c, "--output");
}

/* The household of --household 户编号 or --id N; 0 after the error. */
static int64_t pick_household(const struct cli *c, struct db *db)
{
    const char *no = cli_option(c, "--household"), *id = cli_option(c, "--id");
    if (no) {
        int64_t hh = 0;
        if (card_household_by_no(db, no, &hh) == DB_OK)
            return hh;
        if (strlen(no) < 10)     /* a 户编号 has 16 digits: this looks like an internal id */
            fprintf(stderr, "错误: 没有户编号为 %s 的户；内部编号请用 --id %s "
                    "(no household numbered so; an internal id takes --id)\n", no, no);
        else
            fprintf(stderr, "错误: %s\n", db_errmsg(db));
        return 0;
    }
    char *end = NULL;
    long long v = strtoll(id, &end, 10);
    if (!*id || *end || v <= 0) {
        cli_error("--id 应为正整数", "--id must be a positive number", id);
        return 0;
    }
    return v;
}

int cmd_export_card(struct cli *c)
{
    static const char *const known[] = { "--household", "--id", "--year", "-o", "--output", NULL };
    int year = 0;
    if (!check_args(c, known) || !cli_year(c, &year))
        return EXIT_USAGE;
    if (!cli_option(c, "--household") == !cli_option(c, "--id")) {
        cli_error("须用 --household 户编号 或 --id 内部编号 指定一户",
                  "give --household NUMBER or --id ID (one of them)", "");
        return EXIT_USAGE;
    }
    struct db *db = cli_open_db(c, DB_READONLY);
    if (!db)
        return EXIT_DATA;
    int64_t hh = pick_household(c, db);
    char path[1024];
    const char *out = out_option(c);
    if (hh && !out) {
        card_default_name(db, hh, NULL, path, sizeof path);
        out = path;
    }
    if (!hh || card_export(db, hh, year, out) != DB_OK) {
        if (hh)
            fprintf(stderr, "错误: %s\n", db_errmsg(db));
        db_close(db);
        return EXIT_DATA;
    }
    db_close(db);
    cli_written("已导出户有卡", out);
    return EXIT_OK;
}

int cmd_export_cards(struct cli *c)
{
    static const char *const known[] = { "--village", "--status", "--year", "-o", "--output", NULL };
    int year = 0;
    uint32_t states = 0;
    if (!check_args(c, known) || !cli_year(c, &year))
        return EXIT_USAGE;
    const char *village = cli_option(c, "--village"), *status = cli_option(c, "--status");
    if (!village || !*village) {
        cli_error("须用 --village 指定村代码", "--village CODE is required", "");
        return EXIT_USAGE;
    }
    if (status && !export_parse_status(status, &states)) {
        cli_error("未知的状态，可用：在册、已脱贫、已清退、识别中、未通过、已撤回、未申请",
                  "unknown status", status);
        return EXIT_USAGE;
    }
    struct db *db = cli_open_db(c, DB_READONLY);
    if (!db)
        return EXIT_DATA;
    char path[1024];
    const char *out = out_option(c);
    if (!out) {
        export_default_name(db, NULL, "户有卡", village, path, sizeof path);
        out = path;
    }
    int n = 0;
    if (card_export_village(db, village, states, year, out, &n) != DB_OK) {
        fprintf(stderr, "错误: %s\n", db_errmsg(db));
        db_close(db);
        return EXIT_DATA;
    }
    db_close(db);
    char what[64];
    snprintf(what, sizeof what, "已导出户有卡 %d 户", n);
    cli_written(what, out);
    return EXIT_OK;
}
