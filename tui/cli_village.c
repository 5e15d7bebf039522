/* cli_village.c — fupin export villages / village-exit (see cli_village.h). */
#include "tui/cli_village.h"
#include <stdio.h>
#include "db/settings.h"
#include "db/village_export.h"

/* The output, the year and the area (or village) of the command; NULL
 * after a usage error was printed. */
static struct db *open_for_export(struct cli *c, const char *area_opt, int need_village,
                                  const char **out, const char **area, int *year)
{
    *out = cli_option(c, "-o");
    if (!*out)
        *out = cli_option(c, "--output");
    if (!*out) {
        cli_error("需要 -o 输出文件", "-o OUT.xlsx is required", NULL);
        return NULL;
    }
    if (!cli_year(c, year))
        return NULL;
    *area = cli_option(c, area_opt);
    if (need_village && !(*area && **area)) {
        cli_error("需要 --village 村的区划代码", "--village CODE is required", NULL);
        return NULL;
    }
    struct db *db = cli_open_db(c, DB_READONLY);
    if (!db)
        return NULL;
    struct area a;
    if (*area && **area && (db_area_get(db, *area, &a) != DB_OK || (need_village && a.level != AREA_VILLAGE))) {
        cli_error(need_village ? "没有这个村的区划代码，请在 基础设置 中查看"
                               : "没有这个区划代码，请在 基础设置 中查看", "unknown area code", *area);
        db_close(db);
        return NULL;
    }
    return db;
}

int cmd_export_villages(struct cli *c)
{
    const char *out, *area;
    int year;
    struct db *db = open_for_export(c, "--area", 0, &out, &area, &year);
    if (!db)
        return EXIT_USAGE;
    char err[512];
    int64_t rows = 0;
    int rc = village_export_roster(db, area, year, out, &rows, err, sizeof err);
    db_close(db);
    if (rc != 0) {
        fprintf(stderr, "错误: %s\n", err);
        return EXIT_DATA;
    }
    char done[80];
    snprintf(done, sizeof done, "已导出贫困村名册 %lld 个村", (long long)rows);
    cli_written(done, out);
    return EXIT_OK;
}

int cmd_export_village_exit(struct cli *c)
{
    const char *out, *village;
    int year;
    struct db *db = open_for_export(c, "--village", 1, &out, &village, &year);
    if (!db)
        return EXIT_USAGE;
    char err[512];
    int rc = village_export_exit(db, village, year, out, err, sizeof err);
    db_close(db);
    if (rc != 0) {
        fprintf(stderr, "错误: %s\n", err);
        return EXIT_DATA;
    }
    cli_written("已导出贫困村出列核查表", out);
    return EXIT_OK;
}
