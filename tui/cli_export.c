/* cli_export.c — `fupin export roster|summary|resurvey` (see cli_export.h). */
#include "tui/cli_export.h"
#include "db/export_queries.h"
#include "db/export_reports.h"
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Options each command knows; anything else starting with '-' is a usage
 * error rather than silently ignored (a mistyped --area would export the
 * whole county). */
static int check_args(const struct cli *c, int with_status)
{
    for (int i = 0; i < c->argc; i++) {
        const char *a = c->argv[i];
        if (!strcmp(a, "roster") || !strcmp(a, "summary") || !strcmp(a, "resurvey"))
            continue;
        if (!strcmp(a, "--area") || !strcmp(a, "-o") || !strcmp(a, "--output") || !strcmp(a, "--year") ||
            (with_status && !strcmp(a, "--status"))) {
            if (i + 1 >= c->argc) {
                cli_error("选项缺少值", "option needs a value", a);
                return 0;
            }
            i++;
            continue;
        }
        cli_error("未知参数", "unknown argument", a);
        return 0;
    }
    return 1;
}

/* A progress line on a terminal only: scripts and logs get the result line. */
static int cli_progress(void *ctx, enum xo_phase phase, int64_t done, int64_t total)
{
    (void)ctx;
    if (phase == XO_PHASE_ROWS && total > 0)
        fprintf(stderr, "\r正在导出 %" PRId64 "/%" PRId64 " 行 (%d%%)", done, total,
                (int)(done * 100 / total));
    else if (phase == XO_PHASE_CLOSE && done < total)
        fprintf(stderr, "\r正在压缩保存 (writing the file) ...            ");
    else
        fprintf(stderr, "\r%60s\r", "");
    return 0;
}

enum report { ROSTER, SUMMARY, RESURVEY };

static int run(struct cli *c, enum report what)
{
    int summary = what != ROSTER;   /* no --status */
    if (!check_args(c, !summary))
        return EXIT_USAGE;
    const char *out = cli_option(c, "-o");
    if (!out)
        out = cli_option(c, "--output");
    if (!out || !*out) {
        cli_error("需要 -o 输出文件", "-o OUT.xlsx is required", NULL);
        return EXIT_USAGE;
    }
    struct export_opts o = { .area = cli_option(c, "--area") };
    if (!cli_year(c, &o.year))
        return EXIT_USAGE;
    const char *status = summary ? NULL : cli_option(c, "--status");
    if (status && !export_parse_status(status, &o.states)) {
        cli_error("未知的状态，可用：在册、已脱贫、已清退、识别中、未通过、已撤回、未申请、全部",
                  "unknown status", status);
        return EXIT_USAGE;
    }
    if (isatty(2)) {
        o.progress = cli_progress;
        o.progress_ctx = NULL;
    }
    struct db *db = cli_open_db(c, DB_READONLY);
    if (!db)
        return cli_open_failed();
    char err[600] = "";
    int64_t rows = 0;
    enum export_status st = what == SUMMARY ? export_summary(db, &o, out, &rows, err, sizeof err)
                          : what == RESURVEY ? export_resurvey(db, &o, out, &rows, err, sizeof err)
                          : export_roster(db, &o, out, &rows, err, sizeof err);
    db_close(db);
    if (st != EXPORT_OK) {
        fprintf(stderr, "错误: %s\n", err);
        return st == EXPORT_ERR_ARG ? EXIT_USAGE : EXIT_DATA;
    }
    char done[80];
    if (what == SUMMARY)
        snprintf(done, sizeof done, "已导出汇总表 %" PRId64 " 个村", rows);
    else if (what == RESURVEY)
        snprintf(done, sizeof done, "已导出回头看名单 %" PRId64 " 户", rows);
    else
        snprintf(done, sizeof done, "已导出花名册 %" PRId64 " 人", rows);
    cli_written(done, out);
    return EXIT_OK;
}

int cmd_export_roster(struct cli *c)
{
    return run(c, ROSTER);
}

int cmd_export_summary(struct cli *c)
{
    return run(c, SUMMARY);
}

int cmd_export_resurvey(struct cli *c)
{
    return run(c, RESURVEY);
}
