/* cli_assist.c — fupin export ledger / projects: arguments and messages;
 * the workbooks are db/assist_export.c. */
#include "tui/cli_assist.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/flow_report.h"
#include "db/monitor_export.h"
#include "db/settings.h"

/* ---- the commands ------------------------------------------------------------ */

typedef int (*export_fn)(struct db *, const char *, int, const char *, xo_progress_fn, void *,
                         int64_t *, char *, size_t);

static int run_export(struct cli *c, export_fn fn, const char *what_zh)
{
    const char *out = cli_option(c, "-o");
    if (!out)
        out = cli_option(c, "--output");
    if (!out) {
        cli_error("需要 -o 输出文件", "-o OUT.xlsx is required", NULL);
        return EXIT_USAGE;
    }
    int year = 0;
    if (!cli_year(c, &year))
        return EXIT_USAGE;
    const char *area = cli_option(c, "--area");
    if (!area)
        area = cli_option(c, "--village");      /* the team's and 监测对象名单's word for it */
    struct db *db = cli_open_db(c, DB_READONLY);
    if (!db)
        return cli_open_failed();
    if (area && *area) {
        struct area a;
        if (db_area_get(db, area, &a) != DB_OK) {
            cli_error("没有这个区划代码，请在 基础设置 中查看", "unknown area code", area);
            db_close(db);
            return EXIT_USAGE;
        }
    }
    char err[512];
    int64_t rows = 0;
    if (fn(db, area, year, out, NULL, NULL, &rows, err, sizeof err) != 0) {
        fprintf(stderr, "错误: %s\n", err);
        db_close(db);
        return EXIT_DATA;
    }
    char done[80];
    snprintf(done, sizeof done, "已导出%s %lld 行", what_zh, (long long)rows);
    cli_written(done, out);
    db_close(db);
    return EXIT_OK;
}

int cmd_export_ledger(struct cli *c)
{
    return run_export(c, assist_export_ledger, "帮扶台账");
}

int cmd_export_projects(struct cli *c)
{
    return run_export(c, assist_export_projects, "项目台账");
}

int cmd_export_team(struct cli *c)
{
    return run_export(c, team_export_roster, "驻村工作队花名册");
}

int cmd_export_monitor(struct cli *c)
{
    return run_export(c, monitor_export, "监测对象名单");
}

int cmd_export_plans(struct cli *c)
{
    return run_export(c, plan_export_table, "帮扶规划表");
}

/* The flow report's arguments: 0 after a usage error (reported). */
static int flow_args(struct cli *c, struct flow_period *p, int *by_village)
{
    char why[128];
    const char *period = cli_option(c, "--period");
    if (!period || !flow_period_parse(period, p, why, sizeof why)) {
        cli_error(period ? why : "需要 --period 期间", "--period YYYY-MM|YYYY-Qn|YYYY is required", period);
        return 0;
    }
    const char *by = cli_option(c, "--by");
    *by_village = by && strcmp(by, "village") == 0;
    if (by && !*by_village && strcmp(by, "township") != 0) {
        cli_error("--by 应为 township (乡镇表) 或 village (村表)", "--by must be township|village", by);
        return 0;
    }
    return 1;
}

int cmd_export_flow(struct cli *c)
{
    const char *out = cli_option(c, "-o");
    if (!out)
        out = cli_option(c, "--output");
    struct flow_period p;
    int by_village;
    if (!out) {
        cli_error("需要 -o 输出文件", "-o OUT.xlsx is required", NULL);
        return EXIT_USAGE;
    }
    if (!flow_args(c, &p, &by_village))
        return EXIT_USAGE;
    const char *area = cli_option(c, "--area");
    struct db *db = cli_open_db(c, DB_READONLY);
    if (!db)
        return cli_open_failed();
    struct area a;
    if (area && *area && db_area_get(db, area, &a) != DB_OK) {
        cli_error("没有这个区划代码，请在 基础设置 中查看", "unknown area code", area);
        db_close(db);
        return EXIT_USAGE;
    }
    struct flow_report r;
    char err[512];
    int rc = EXIT_OK;
    if (db_flow_report(db, &p, area, by_village, &r) != DB_OK) {
        fprintf(stderr, "错误: %s\n", db_errmsg(db));
        rc = EXIT_DATA;
    } else {
        if (flow_export(db, &r, out, NULL, NULL, err, sizeof err) != 0) {
            fprintf(stderr, "错误: %s\n", err);
            rc = EXIT_DATA;
        } else {
            char done[96];
            snprintf(done, sizeof done, "已导出贫困人口动态统计表 %zu 行%s", r.n,
                     flow_balances(&r.total.hh) && flow_balances(&r.total.people) ? "" : " (不平衡)");
            cli_written(done, out);
        }
        flow_report_free(&r);
    }
    db_close(db);
    return rc;
}

int cmd_export_loans(struct cli *c)
{
    return run_export(c, loan_export_ledger, "小额信贷台账");
}

int cmd_export_training(struct cli *c)
{
    return run_export(c, training_export_ledger, "就业培训台账");
}

int cmd_export_dividends(struct cli *c)
{
    return run_export(c, dividend_export_ledger, "资产收益台账");
}

int cmd_export_relocation(struct cli *c)
{
    return run_export(c, relocation_export_ledger, "易地搬迁台账");
}
