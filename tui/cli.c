/* cli.c — the subcommands that run without the screen: init, demo, check,
 * backup (SPEC §7.2).  Errors are one line, Chinese then English, on stderr. */
#include "tui/cli.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/checks.h"
#include "core/clock.h"
#include "core/outpath.h"
#include "core/text.h"
#include "core/demo.h"
#include "core/workflow.h"
#include "db/assist.h"
#include "db/plans.h"
#include "db/loans.h"
#include "db/relocation.h"
#include "db/team.h"
#include "db/demo_plans.h"
#include "db/demo_loans.h"
#include "db/audit.h"
#include "db/backup_gz.h"
#include "db/integrity.h"
#include "db/check_all.h"
#include "db/monitor.h"
#include "db/demo_fill.h"
#include "db/demo_assist.h"
#include "db/demo_team.h"
#include "db/demo_monitor.h"
#include "db/demo_flow.h"
#include "db/demo_workflow.h"
#include "db/demo_village.h"
#include "tui/cli_assist.h"
#include "tui/cli_card.h"
#include "tui/cli_export.h"
#include "tui/cli_village.h"
#include "tui/cli_login.h"
#include "db/operators.h"
#include "tui/cli_workflow.h"
#include <unistd.h>
#include "db/household_store.h"
#include "db/settings.h"
#include "db/workflow_store.h"

const char *cli_option(const struct cli *c, const char *name)
{
    for (int i = 0; i + 1 < c->argc; i++)
        if (strcmp(c->argv[i], name) == 0)
            return c->argv[i + 1];
    return NULL;
}

int cli_flag(const struct cli *c, const char *name)
{
    for (int i = 0; i < c->argc; i++)
        if (strcmp(c->argv[i], name) == 0)
            return 1;
    return 0;
}

void cli_error(const char *zh, const char *en, const char *detail)
{
    if (detail)
        fprintf(stderr, "错误: %s: %s (error: %s: %s)\n", zh, detail, en, detail);
    else
        fprintf(stderr, "错误: %s (error: %s)\n", zh, en);
}

void cli_written(const char *done, const char *path)
{
    char msg[4400];
    outpath_message(done, path, msg, sizeof msg);
    printf("%s\n", msg);
}

/* `fupin export ... --paper A3|A4`: beats the file's paper setting. */
static enum xo_paper paper_flag = XO_PAPER_DEFAULT;


static int open_failure = EXIT_DATA;

int cli_open_failed(void)
{
    return open_failure;
}

static struct db *open_plain(const struct cli *c, int flags)
{
    struct db *db = NULL;
    char err[512];
    open_failure = EXIT_DATA;
    if (db_open(c->db_path, flags, &db, err, sizeof err) != DB_OK) {
        fprintf(stderr, "错误: %s\n", err);
        return NULL;
    }
    xo_set_default_paper(paper_flag ? paper_flag : db_print_paper(db));
    return db;
}

struct db *cli_open_db(const struct cli *c, int flags)
{
    if (flags & DB_READONLY) {
        int rec = cli_record_read(c);
        if (rec <= 0) {
            open_failure = rec < 0 ? EXIT_DATA : EXIT_USAGE;
            return NULL;
        }
        return open_plain(c, flags);
    }
    int existed = access(c->db_path, F_OK) == 0;
    struct db *db = open_plain(c, flags);
    if (!db)
        return NULL;
    int ok = (flags & DB_CREATE) && db_operators_need_admin(db) ? cli_create_admin(c, db)
                                                                 : cli_login(c, db);
    if (ok)
        return db;
    db_close(db);
    if (!existed)
        unlink(c->db_path);
    open_failure = EXIT_USAGE;
    return NULL;
}

/* The database `init` and `demo` write: a new file is built under a
 * temporary name and only named at the end (finish_created), so a killed
 * run leaves nothing half-built under the name; an existing file is opened
 * as usual.  *is_new says which. */
static struct db *open_created(const struct cli *c, int demo, int *is_new)
{
    struct db *db = NULL;
    char err[512] = "";
    enum db_err rc = db_open_new(c->db_path, &db, err, sizeof err);
    *is_new = rc != DB_ERR_INVALID || err[0];
    if (!*is_new)
        return cli_open_db(c, DB_CREATE);
    if (rc != DB_OK) {
        fprintf(stderr, "错误: %s\n", err);
        return NULL;
    }
    /* A new file's first operator is its 管理员: the demo's 演示员, or the
     * one the command line names (password typed twice). */
    if (demo ? db_demo_admin(db) != DB_OK : !cli_create_admin(c, db)) {
        if (demo)
            fprintf(stderr, "错误: %s\n", db_errmsg(db));
        db_close_discard(db, c->db_path);
        open_failure = demo ? EXIT_DATA : EXIT_USAGE;
        return NULL;
    }
    return db;
}

/* Closes what open_created opened; 0 when the file is whole under its name. */
static int finish_created(struct db *db, const struct cli *c, int is_new)
{
    char err[512];
    if (!is_new) {
        db_close(db);
        return 0;
    }
    if (db_finish_new(db, c->db_path, err, sizeof err) == DB_OK)
        return 0;
    fprintf(stderr, "错误: %s\n", err);
    return -1;
}

/* A positive integer option with a default; -1 when malformed. */
static long int_option(const struct cli *c, const char *name, long dflt)
{
    const char *v = cli_option(c, name);
    if (!v)
        return dflt;
    char *end;
    long n = strtol(v, &end, 10);
    return (*end || n < 0) ? -1 : n;
}

/* ---- init ----------------------------------------------------------------- */

/* `--county CODE NAME --township CODE NAME --village CODE NAME ...`: each
 * area's parent is the one whose code its code starts with. */
int cmd_init(struct cli *c)
{
    const char *county = cli_option(c, "--county");
    if (!county) {
        cli_error("需要 --county 区划代码 名称", "--county CODE NAME is required", NULL);
        return EXIT_USAGE;
    }
    for (int i = 0; i < c->argc; i++) {
        const char *opt = c->argv[i];
        size_t len = !strcmp(opt, "--county") ? 6 : !strcmp(opt, "--township") ? 9
                   : !strcmp(opt, "--village") ? 12 : 0;
        if (!len)
            continue;
        if (i + 2 >= c->argc || !text_is_digits(c->argv[i + 1], len)) {
            char what[64];
            snprintf(what, sizeof what, "%s 需要 %zu 位代码和名称", opt, len);
            cli_error(what, "area option needs a code of the right length and a name",
                      i + 1 < c->argc ? c->argv[i + 1] : opt);
            return EXIT_USAGE;
        }
        i += 2;
    }
    int is_new;
    struct db *db = open_created(c, 0, &is_new);
    if (!db)
        return cli_open_failed();
    enum db_err rc = db_begin(db);
    for (int i = 0; rc == DB_OK && i + 2 < c->argc; i++) {
        const char *opt = c->argv[i];
        if (strcmp(opt, "--county") && strcmp(opt, "--township") && strcmp(opt, "--village"))
            continue;
        rc = db_area_add_by_code(db, c->argv[i + 1], c->argv[i + 2]);
        i += 2;
    }
    if (rc == DB_OK)
        rc = db_commit(db);
    if (rc != DB_OK) {
        db_rollback(db);
        fprintf(stderr, "错误: %s\n", db_errmsg(db));
        db_close_discard(db, is_new ? c->db_path : NULL);
        return rc == DB_ERR_INVALID || rc == DB_ERR_CONSTRAINT ? EXIT_USAGE : EXIT_DATA;
    }
    if (finish_created(db, c, is_new) != 0)
        return EXIT_DATA;
    printf("已建立数据库 %s (created)\n", c->db_path);
    return EXIT_OK;
}

/* ---- demo ----------------------------------------------------------------- */

static void demo_progress(long done, long total, void *ud)
{
    (void)ud;
    if (isatty(2))
        fprintf(stderr, "\r%ld/%ld", done, total);
}

int cmd_demo(struct cli *c)
{
    long n = int_option(c, "--households", 300);
    long seed = int_option(c, "--seed", 1);
    if (n < 1 || n > DEMO_MAX_HOUSEHOLDS || seed < 0) {
        fprintf(stderr, "错误: --households 应为 1 到 %d 的整数, --seed 为非负整数 "
                "(error: --households must be 1..%d, --seed a non-negative integer)\n",
                DEMO_MAX_HOUSEHOLDS, DEMO_MAX_HOUSEHOLDS);
        return EXIT_USAGE;
    }
    /* Demo data goes into a new file only: never mixed into real records. */
    if (access(c->db_path, F_OK) == 0) {
        cli_error("数据库文件已存在，演示数据只写入新文件", "demo data goes into a new file only",
                  c->db_path);
        return EXIT_DATA;
    }
    int is_new;
    struct db *db = open_created(c, 1, &is_new);
    if (!db)
        return cli_open_failed();
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    enum db_err rc = db_demo_fill(db, n, (uint64_t)seed, demo_progress, NULL);
    if (rc == DB_OK)    /* meetings, votes, notices, objections, exits behind the states */
        rc = demo_fill_workflow(db, (uint64_t)seed);
    if (rc == DB_OK)    /* projects in every stage, corrected card entries, a reassignment */
        rc = demo_fill_assist(db, (uint64_t)seed);
    if (rc == DB_OK)    /* 驻村工作队, their visits, who signed the cards */
        rc = demo_fill_team(db, (uint64_t)seed);
    if (rc == DB_OK)    /* 防返贫监测: proposals, open and closed records, 突发事件 */
        rc = demo_fill_monitor(db, (uint64_t)seed);
    if (rc == DB_OK)    /* 贫困村: one ready to exit, one failing an item, one 出列 */
        rc = demo_fill_villages(db);
    if (rc == DB_OK)    /* 帮扶规划: most registered households, a few missing or behind */
        rc = demo_fill_plans(db, (uint64_t)seed);
    if (rc == DB_OK)    /* 减贫任务: the county, its townships and villages */
        rc = demo_fill_flow_targets(db);
    if (rc == DB_OK)    /* 扶贫小额信贷: running, repaid, paid off, one overdue */
        rc = demo_fill_loans(db, (uint64_t)seed);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (isatty(2))
        fputc('\n', stderr);
    if (rc != DB_OK) {
        fprintf(stderr, "错误: %s\n", db_errmsg(db));
        db_close_discard(db, is_new ? c->db_path : NULL);
        return EXIT_DATA;
    }
    if (finish_created(db, c, is_new) != 0)
        return EXIT_DATA;
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("演示数据: %ld 户 (seed %ld), 用时 %.1f 秒 → %s\n", n, seed, secs, c->db_path);
    printf("管理员 %s，密码 %s (administrator %s, password %s)\n", DEMO_OPERATOR, DEMO_PASSWORD,
           DEMO_OPERATOR, DEMO_PASSWORD);
    return EXIT_OK;
}

int cli_year(const struct cli *c, int *year)
{
    *year = 0;
    const char *y = cli_option(c, "--year");
    if (!y)
        return 1;
    char *end;
    long v = strtol(y, &end, 10);
    if (!*y || *end || v < 1949 || v > 2100) {
        cli_error("--year 应为 1949–2100 的年份", "--year must be a year 1949-2100", y);
        return 0;
    }
    *year = (int)v;
    return 1;
}

/* ---- check ---------------------------------------------------------------- */

struct check_tally {
    struct db *db;
    size_t errors, warnings, households;
};

/* One line per finding: level, household, member, message. */
static void report_household(struct check_tally *r, const struct household *hh,
                             const struct check_result *rs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int err = rs[i].def->level == CHECK_ERROR;
        if (err) r->errors++; else r->warnings++;
        printf("%s\t%lld\t%s\t%s\t%s\t%s\n", err ? "错误" : "警告", (long long)hh->id,
               hh->hh_no[0] ? hh->hh_no : "-", hh->members[0].name, rs[i].def->id, rs[i].message);
    }
}

/* One line per assistance finding, in the same columns as the households'. */
static void report_assist(void *ud, int64_t household_id, const char *subject,
                          const struct check_result *res)
{
    (void)ud;
    printf("%s\t%lld\t-\t%s\t%s\t%s\n", res->def->level == CHECK_ERROR ? "错误" : "警告",
           (long long)household_id, subject, res->def->id, res->message);
}

static void print_damage(void *ud, const char *line)
{
    (void)ud;
    printf("损坏\t-\t-\t-\t文件\t%s\n", line);
}

/* The file itself first (issue 13 item 4): 1 when it is damaged, after
 * printing each problem and the one-line error. */
static int check_file(struct db *db, int full)
{
    struct integrity_report ir;
    if (db_integrity_check(db, full, print_damage, NULL, &ir) != DB_OK) {
        fprintf(stderr, "错误: %s\n", db_errmsg(db));
        return 1;
    }
    if (ir.problems)
        fprintf(stderr, "错误: 共 %zu 处损坏，请用备份恢复；第一处：%s\n", ir.problems, ir.first);
    return ir.problems > 0;
}

static void print_audit(void *ud, const struct audit_finding *f)
{
    struct check_tally *r = ud;
    char line[600];
    audit_describe(f, line, sizeof line);
    r->errors++;
    printf("错误\t-\t-\t-\t审计\t%s\n", line);
}

int cmd_check(struct cli *c)
{
    /* A report never changes the file it checks (not even the operator row
     * or the journal mode): read-only. */
    int year = 0;
    if (!cli_year(c, &year))
        return EXIT_USAGE;
    struct db *db = cli_open_db(c, DB_READONLY);
    if (!db)
        return cli_open_failed();
    printf("级别\t内部号\t户编号\t户主\t检查项\t说明\n");
    if (check_file(db, cli_flag(c, "--full"))) {
        db_close(db);
        return EXIT_DATA;
    }
    struct check_tally run = { db, 0, 0, 0 };
    size_t audit_rows = 0, audit_bad = 0;
    if (audit_verify(db, print_audit, &run, &audit_rows, &audit_bad) != DB_OK) {
        fprintf(stderr, "错误: %s\n", db_errmsg(db));
        db_close(db);
        return EXIT_DATA;
    }
    struct check_ctx cc;
    checks_ctx_init(&cc);
    clock_today(cc.today);
    if (!year)
        year = atoi(cc.today);
    static struct line lines[256];
    size_t n_lines = 0;
    enum db_err rc = db_lines(db, lines, 256, &n_lines);
    cc.lines = lines;
    cc.n_lines = n_lines;
    if (rc == DB_OK)
        rc = db_labour_ages(db, &cc.labour);
    cc.id_owner = db_id_owner_describe;
    cc.id_owner_ud = db;
    cc.year = year;
    cc.hh_extra = db_hh_extra;
    cc.hh_extra_ud = db;
    int64_t *ids = NULL;
    size_t n = 0;
    if (rc == DB_OK)
        rc = db_household_ids(db, &ids, &n);
    struct household *hh = malloc(sizeof *hh);
    for (size_t i = 0; rc == DB_OK && i < n; i++) {
        rc = db_household_load_as_of(db, ids[i], year, hh);
        if (rc != DB_OK)
            break;
        struct check_result rs[64];
        size_t k = checks_run_household(&cc, hh, rs, 64);
        report_household(&run, hh, rs, k);
        run.households++;
    }
    free(hh);
    free(ids);
    /* Helpers, card entries, projects, 监测, 工作队, 规划, registers, notices:
     * the same engine, their own subjects, the same list as 数据维护. */
    if (rc == DB_OK)
        rc = db_check_subjects(db, &cc, year, report_assist, NULL, &run.errors, &run.warnings);
    if (rc != DB_OK) {
        fprintf(stderr, "错误: %s\n", db_errmsg(db));
        db_close(db);
        return EXIT_DATA;
    }
    printf("审计记录 %zu 条: %s (audit: %zu rows, %zu problems)\n", audit_rows,
           audit_bad ? "发现篡改" : "校验完好", audit_rows, audit_bad);
    printf("%d年 检查 %zu 户: %zu 个错误, %zu 个警告 (year %d, checked %zu households: %zu errors, "
           "%zu warnings)\n", year, run.households, run.errors, run.warnings, year, run.households,
           run.errors, run.warnings);
    db_close(db);
    return run.errors ? EXIT_CHECKS : EXIT_OK;
}

/* ---- backup --------------------------------------------------------------- */

int cmd_backup(struct cli *c)
{
    const char *out = cli_option(c, "-o");
    if (!out)
        out = cli_option(c, "--output");
    if (!out) {
        cli_error("需要 -o 备份文件", "-o BACKUP.db is required", NULL);
        return EXIT_USAGE;
    }
    /* A backup copies every record, so it takes a logged-in operator; but
     * it opens read-only (the password is checked on a read-only
     * connection): it writes nothing beside the database, so it is the
     * rescue that still works when the database's own disk is full or the
     * file sits on read-only media. */
    if (!cli_operator_name(c)) {
        cli_error("备份数据需要登录：请用 --operator 姓名 或 FUPIN_OPERATOR 指明操作员，并输入密码",
                  "a backup needs an operator: --operator NAME or FUPIN_OPERATOR, and the password", NULL);
        return EXIT_USAGE;
    }
    struct db *db = cli_open_db(c, DB_READONLY);
    if (!db)
        return cli_open_failed();
    /* A copy of a damaged file is not a backup: refuse it unless asked. */
    struct integrity_report ir;
    if (db_integrity_check(db, 0, NULL, NULL, &ir) != DB_OK) {
        fprintf(stderr, "错误: %s\n", db_errmsg(db));
        db_close(db);
        return EXIT_DATA;
    }
    if (ir.problems && !cli_flag(c, "--force")) {
        fprintf(stderr, "错误: 数据库文件已损坏（共 %zu 处），未备份；确要复制损坏的文件请加 --force。"
                "第一处：%s\n", ir.problems, ir.first);
        db_close(db);
        return EXIT_CHECKS;
    }
    if (ir.problems)
        fprintf(stderr, "警告: 数据库文件已损坏（共 %zu 处），按 --force 仍然复制 (copying a damaged "
                "file): %s\n", ir.problems, ir.first);
    enum db_err rc = cli_flag(c, "--compress") ? db_backup_compressed(db, out) : db_backup(db, out);
    if (rc != DB_OK) {
        fprintf(stderr, "错误: %s\n", db_errmsg(db));
        db_close(db);
        return EXIT_DATA;
    }
    cli_written("已备份数据库", out);
    db_close(db);
    return EXIT_OK;
}

/* ---- export --------------------------------------------------------------- */

struct export_kind {
    const char *name;
    int (*run)(struct cli *c);
};

static const struct export_kind export_kinds[] = {
    { "notice",   cmd_export_notice },
    { "card",     cmd_export_card },
    { "cards",    cmd_export_cards },
    { "roster",   cmd_export_roster },
    { "summary",  cmd_export_summary },
    { "ledger",   cmd_export_ledger },
    { "projects", cmd_export_projects },
    { "plans",    cmd_export_plans },
    { "loans",    cmd_export_loans },
    { "training", cmd_export_training },
    { "dividends", cmd_export_dividends },
    { "relocation", cmd_export_relocation },
    { "resurvey", cmd_export_resurvey },
    { "team",     cmd_export_team },
    { "monitor",  cmd_export_monitor },
    { "flow",     cmd_export_flow },
    { "villages", cmd_export_villages },
    { "village-exit", cmd_export_village_exit },
};

/* `fupin export KIND ...`: KIND is the first argument after `export`. */
/* Takes `--paper A3|A4` out of the arguments (every export knows it, so
 * no export's own option check needs to); 0 after a usage error. */
static int take_paper_flag(struct cli *c)
{
    for (int i = 0; i < c->argc; i++) {
        if (strcmp(c->argv[i], "--paper") != 0)
            continue;
        paper_flag = i + 1 < c->argc ? xo_paper_parse(c->argv[i + 1]) : XO_PAPER_DEFAULT;
        if (!paper_flag) {
            cli_error("纸张应为 A4 或 A3", "--paper must be A4 or A3",
                      i + 1 < c->argc ? c->argv[i + 1] : "--paper");
            return 0;
        }
        memmove(c->argv + i, c->argv + i + 2, (size_t)(c->argc - i - 2) * sizeof *c->argv);
        c->argc -= 2;
        i--;
    }
    return 1;
}

int cmd_export(struct cli *c)
{
    if (!take_paper_flag(c))
        return EXIT_USAGE;
    const char *kind = c->argc > 0 ? c->argv[0] : NULL;
    for (size_t i = 0; kind && i < sizeof export_kinds / sizeof *export_kinds; i++)
        if (strcmp(kind, export_kinds[i].name) == 0)
            return export_kinds[i].run(c);
    /* the kinds as the table has them, so a new export is never left out */
    char zh[512] = "", en[512] = "";
    size_t n = sizeof export_kinds / sizeof *export_kinds;
    for (size_t i = 0; i < n; i++) {
        const char *sep = i == 0 ? "" : i + 1 == n ? " 或 " : ", ";
        snprintf(zh + strlen(zh), sizeof zh - strlen(zh), "%s%s", sep, export_kinds[i].name);
        snprintf(en + strlen(en), sizeof en - strlen(en), "%s%s", i ? "|" : "", export_kinds[i].name);
    }
    char why_zh[600], why_en[600];
    snprintf(why_zh, sizeof why_zh, "导出类型应为 %s", zh);
    snprintf(why_en, sizeof why_en, "export kind must be %s", en);
    cli_error(why_zh, why_en, kind ? kind : "(none)");
    return EXIT_USAGE;
}
