/* main.c — fupin's entry point: locale, global options, subcommand dispatch.
 * With no subcommand it opens the workstation screen. */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "tui/cli.h"
#include "tui/app.h"
#include "tui/cli_import.h"
#include "tui/cli_merge.h"

#define FUPIN_VERSION "0.1.0"

static const char usage_text[] =
"fupin — 精准扶贫 建档立卡 录入工作站 (targeted poverty alleviation workstation)\n"
"\n"
"用法 Usage:\n"
"  fupin [--db FILE] [--operator NAME] [--read-only]   打开工作站 open the workstation\n"
"                                              (--read-only 只读: 查看、查询、导出)\n"
"  fupin init   --db FILE --county CODE NAME [--township CODE NAME]... [--village CODE NAME]...\n"
"                                              新建数据库 create an empty database\n"
"  fupin demo   --db FILE [--households N] [--seed S]   生成演示数据 fill demo data\n"
"  fupin check  --db FILE [--year Y] [--full]  检查文件、审计记录和数据质量 file, audit and data check\n"
"  fupin backup --db FILE -o BACKUP.db [--force] 在线备份（文件损坏时拒绝） consistent online copy\n"
"  fupin backup --db FILE -o BACKUP.db.gz --compress  压缩备份（约为三分之一，恢复时可直接用） gzip copy\n"
"  fupin export notice   --db FILE --notice ID -o OUT.xlsx      公示名单 (身份证号遮蔽)\n"
"  fupin export roster   --db FILE [--area CODE] [--status S] [--year Y] -o OUT.xlsx   贫困户花名册\n"
"  fupin export ledger   --db FILE [--area CODE] [--year Y] -o OUT.xlsx     帮扶台账\n"
"  fupin export team     --db FILE [--village CODE] [--year Y] -o OUT.xlsx   驻村工作队花名册\n"
"  fupin export projects --db FILE [--area CODE] [--year Y] -o OUT.xlsx     项目台账\n"
"  fupin export monitor  --db FILE [--village CODE] -o OUT.xlsx             监测对象名单\n"
"  fupin export plans    --db FILE [--village CODE] [--year Y] -o OUT.xlsx   帮扶规划表 (含完成进度)\n"
"  fupin export loans    --db FILE [--village CODE] -o OUT.xlsx   扶贫小额信贷台账 (贴息、还款、逾期)\n"
"  fupin export training --db FILE [--village CODE] -o OUT.xlsx   就业培训台账 (每名成员的培训、务工)\n"
"  fupin export dividends --db FILE [--village CODE] -o OUT.xlsx  资产收益台账 (入股、股数、分红)\n"
"  fupin export relocation --db FILE [--village CODE] -o OUT.xlsx 易地搬迁台账 (安置点、方式、面积)\n"
"  fupin export flow     --db FILE --period YYYY|YYYY-Qn|YYYY-MM [--area CODE] [--by township|village] -o OUT.xlsx  贫困人口增减变动统计表\n"
"  fupin export summary  --db FILE [--area CODE] [--year Y] -o OUT.xlsx      汇总表 (含统计图)\n"
"  fupin export resurvey --db FILE [--area CODE] [--year Y] -o OUT.xlsx     回头看 (尚无该年调查的户)\n"
"  fupin export card     --db FILE (--household 户编号 | --id N) [--year Y] [-o OUT.xlsx]   户有卡\n"
"  fupin export cards    --db FILE --village CODE [--status S] [--year Y] [-o OUT.xlsx]  全村户有卡\n"
"  fupin export villages --db FILE [--area CODE] [--year Y] -o OUT.xlsx     贫困村名册\n"
"  fupin export village-exit --db FILE --village CODE [--year Y] -o OUT.xlsx  贫困村出列核查表\n"
"         every export: [--paper A4|A3]  打印纸张 (默认取基础设置, 初始 A4)\n"
"  fupin import csv --db FILE [--encoding utf-8|gbk] [--create-areas] [--county CODE NAME] FILE.csv\n"
"                                              导入花名册格式的CSV (全部成功或全部不写)\n"
"  fupin merge  --db TARGET.db SOURCE.db...    合并村/乡镇数据库 (冲突只报告不猜测)\n"
"  fupin --help | --version\n"
"\n"
"写入数据的命令须登录 Commands that write log in: --operator NAME 或 FUPIN_OPERATOR,\n"
"  密码在终端输入或取自 FUPIN_PASSWORD (password on the terminal or from FUPIN_PASSWORD)\n"
"默认数据库 Default database: $FUPIN_DB, else ~/.local/share/fupin/fupin.db\n"
"退出码 Exit codes: 0 正常 ok, 1 检查有错误 check errors, 2 用法错误或未能登录 usage/refused,\n"
"  3 数据/IO错误 data/IO\n";

/* Ensures a UTF-8 locale: typed Chinese is lost without one.  CI and SSH
 * sessions may arrive with no LANG; C.UTF-8 is always there on Debian. */
static void setup_locale(void)
{
    setlocale(LC_ALL, "");
    const char *cs = nl_langinfo(CODESET);
    if (cs && strcmp(cs, "UTF-8") == 0)
        return;
    if (setlocale(LC_ALL, "C.UTF-8")) {
        setenv("LC_ALL", "C.UTF-8", 1);
        fprintf(stderr, "提示: 当前语言环境不是UTF-8，已改用 C.UTF-8 (note: locale is not UTF-8, using C.UTF-8)\n");
    }
}

/* $FUPIN_DB, else $XDG_DATA_HOME/fupin/fupin.db (default ~/.local/share). */
static const char *default_db_path(void)
{
    static char path[4096];
    const char *env = getenv("FUPIN_DB");
    if (env && *env)
        return env;
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    char dir[4000];
    if (xdg && *xdg)
        snprintf(dir, sizeof dir, "%s/fupin", xdg);
    else
        snprintf(dir, sizeof dir, "%s/.local/share/fupin", home && *home ? home : ".");
    /* Only the default location is created for the user; an explicit --db in a
     * missing directory is an error they should see. */
    char parent[4000];
    snprintf(parent, sizeof parent, "%s", dir);
    for (char *p = parent + 1; *p; p++)
        if (*p == '/') { *p = 0; mkdir(parent, 0700); *p = '/'; }
    mkdir(parent, 0700);
    snprintf(path, sizeof path, "%s/fupin.db", dir);
    return path;
}

struct command {
    const char *name;
    int (*run)(struct cli *c);
};

static const struct command commands[] = {
    { "init",   cmd_init },
    { "demo",   cmd_demo },
    { "check",  cmd_check },
    { "backup", cmd_backup },
    { "export", cmd_export },
    { "import", cmd_import },
    { "merge",  cmd_merge },
};

int main(int argc, char **argv)
{
    setup_locale();
    struct cli c = { 0 };
    /* Global options may stand before or after the subcommand; everything
     * else is handed to the subcommand in order. */
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    if (!rest)
        return EXIT_DATA;
    const char *sub = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage_text, stdout);
            free(rest);
            return EXIT_OK;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("fupin %s (schema %d)\n", FUPIN_VERSION, db_schema_version());
            free(rest);
            return EXIT_OK;
        } else if (strcmp(argv[i], "--read-only") == 0) {
            app.read_only = 1;      /* the workstation; read commands open read-only anyway */
        } else if (strcmp(argv[i], "--db") == 0 || strcmp(argv[i], "--operator") == 0) {
            if (i + 1 >= argc) {
                cli_error("选项缺少参数", "option needs a value", argv[i]);
                free(rest);
                return EXIT_USAGE;
            }
            if (argv[i][2] == 'd') c.db_path = argv[++i]; else c.operator_name = argv[++i];
        } else if (!sub && argv[i][0] != '-') {
            sub = argv[i];
        } else {
            rest[c.argc++] = argv[i];
        }
    }
    c.argv = rest;
    c.sub = sub;
    if (!c.db_path)
        c.db_path = default_db_path();

    int rc;
    if (!sub) {
        rc = c.argc ? (cli_error("未知选项", "unknown option", rest[0]), EXIT_USAGE)
                    : app_run(c.db_path, c.operator_name);
    } else {
        rc = -1;
        for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
            if (strcmp(sub, commands[i].name) == 0)
                rc = commands[i].run(&c);
        if (rc < 0) {
            cli_error("未知命令，请看 fupin --help", "unknown command", sub);
            rc = EXIT_USAGE;
        }
    }
    free(rest);
    return rc;
}
