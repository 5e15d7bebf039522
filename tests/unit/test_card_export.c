/* Tests for db/card_export: the 户有卡 read back through openpyxl
 * (tests/xlsx_read.py) — a surveyed household, one never surveyed (blank and
 * 未调查, never 0.00 or 否), one with aid entries (a correction), projects and
 * state history, the year's 帮扶规划 with progress, lookup by 户编号 and a
 * village's cards.  Today 2026-11-23. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "tests/unit/test_export_util.h"
#include "core/checks.h"
#include "core/codes.h"
#include "core/workflow.h"
#include "db/assist.h"
#include "db/card_export.h"
#include "db/household_store.h"
#include "db/plans.h"
#include "db/projects.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t saved(struct db *db, const char *head, int n, int k0, int state, const char *no)
{
    static struct household hh;
    tdb_household(&hh, head, n, k0);
    hh.state = state;
    snprintf(hh.hh_no, sizeof hh.hh_no, "%s", no);
    if (*no)
        snprintf(hh.village, sizeof hh.village, "%.12s", no);     /* 户编号 = village + 4 digits */
    hh.survey.wage_income = 900000;
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    return hh.id;
}

/* Value cells (bordered, not a header or label) that print 0, 0.00 or 否. */
static int zero_or_no_cells(const char *dump)
{
    int bad = 0;
    for (const char *p = dump; (p = strstr(p, "\ncell\t")) != NULL; p++) {
        const char *end = strchr(p + 1, '\n');
        size_t len = end ? (size_t)(end - p - 1) : strlen(p + 1);
        char line[600];
        snprintf(line, sizeof line, "%.*s", (int)(len < sizeof line ? len : sizeof line - 1), p + 1);
        char *value = strrchr(line, '\t') + 1;
        int number = strstr(line, "\tn\t") != NULL;
        if ((number && *value && atof(value) == 0) || !strcmp(value, "否") || !strncmp(value, "0.00", 4)) {
            fprintf(stderr, "  zero/否 cell: %s\n", line);
            bad++;
        }
    }
    return bad;
}

TEST(card_surveyed_household)
{
    struct db *db = tdb_open("card.db");
    int64_t id = saved(db, "卡片户", 3, 5000, WF_REGISTERED, TDB_VILLAGE1 "0042");
    struct helper h = { .name = "陆海燕", .unit = "县农业农村局", .title = "科员", .phone = "13907710001" };
    CHECK_INT(db_helper_add(db, &h), DB_OK);
    CHECK_INT(db_helper_reassign(db, id, h.id, "2026-03-01"), DB_OK);
    const char *path = tdb_path("card.xlsx");
    CHECK_INT(card_export(db, id, 2026, path), DB_OK);
    char *d = xr_dump(path);
    CHECK(d != NULL);
    CHECK(xr_has(d, "sheets\t" TDB_VILLAGE1 "0042\n"));
    CHECK(xr_has(d, "orientation\tportrait\n"));
    CHECK(xr_has(d, "paper\t9\n"));
    CHECK(xr_has(d, "扶贫对象户有卡（2026年）\n"));
    CHECK(xr_has(d, "\t户主身份证号\n"));
    CHECK(xr_has(d, "\t工资性收入\n"));
    CHECK(xr_has(d, "\t#,##0.00\t宋体\t11.0\t0\tthin\t9000\n"));
    CHECK(xr_has(d, "\t3000.00 (高于 2026年 国家标准 贫困线"));       /* 9000 元 / 3 人 */
    CHECK(xr_has(d, "\t2026年贫困线（国家标准）\n"));
    CHECK(xr_has(d, "\t陆海燕\n"));
    CHECK(xr_has(d, "\t县农业农村局\n"));
    CHECK(xr_has(d, "\t13907710001\n"));
    CHECK(xr_has(d, "\t已建档立卡\n"));
    CHECK(xr_has(d, "\t本年度尚无帮扶记录\n"));
    CHECK(xr_has(d, "\t尚无扶持项目\n"));
    CHECK(xr_has(d, "\t户主（签字）：\n"));
    CHECK(xr_has(d, "\t帮扶责任人（签字）：\n"));
    CHECK(xr_has(d, "\t村委会（盖章）：\n"));
    CHECK(xr_has(d, "\t日期：　　　　年　　月　　日\n"));
    free(d);
    int64_t found = 0;
    CHECK_INT(card_household_by_no(db, " " TDB_VILLAGE1 "0042 ", &found), DB_OK);
    CHECK_INT(found, id);
    CHECK_INT(card_household_by_no(db, "5", &found), DB_ERR_NOTFOUND);
    CHECK_INT(card_export(db, 999, 2026, path), DB_ERR_NOTFOUND);
    db_close(db);
}

TEST(card_never_surveyed_is_blank)
{
    struct db *db = tdb_open("card.db");
    static struct household hh;
    tdb_household(&hh, "未查户", 2, 5100);
    memset(&hh.survey, 0, sizeof hh.survey);        /* an application only */
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    const char *path = tdb_path("card0.xlsx");
    CHECK_INT(card_export(db, hh.id, 2026, path), DB_OK);
    char *d = xr_dump(path);
    CHECK(d != NULL);
    CHECK(xr_has(d, "sheets\t未查户\n"));              /* no 户编号 yet: the head's name */
    CHECK(xr_has(d, "收入情况（单位：元；未调查）\n"));
    CHECK(xr_has(d, "\t未调查\n"));
    CHECK(xr_has(d, "\t因病\n"));                     /* the application's cause */
    CHECK_INT(zero_or_no_cells(d), 0);
    free(d);
    db_close(db);
}

TEST(card_aid_projects_history)
{
    struct db *db = tdb_open("card.db");
    int64_t id = saved(db, "全项户", 2, 5200, WF_REGISTERED, TDB_VILLAGE1 "0043");
    CHECK_INT(db_state_change(db, id, WF_EXIT_APPRAISED, "2026-10-01", "收入稳定超过退出线"), DB_OK);
    struct check_ctx cc;
    checks_ctx_init(&cc);
    db_assist_check_ctx(db, &cc);
    struct aid_record a = { .household_id = id, .date = "2026-05-06", .measure = 1,
                            .content = "发放鸡苗100只", .money = 150000, .outcome = "已出栏" };
    CHECK_INT(db_aid_add_checked(db, &cc, &a), DB_OK);
    CHECK_INT(db_aid_confirm(db, a.id, 1, 0, 0), DB_OK);
    struct aid_record fix = a;
    fix.id = 0;
    fix.money = 120000;
    CHECK_INT(db_aid_correct(db, &cc, a.id, &fix), DB_OK);
    struct aid_record old = { .household_id = id, .date = "2025-06-01", .measure = 1,
                              .content = "去年的记录", .money = 990000 };
    CHECK_INT(db_aid_add_checked(db, &cc, &old), DB_OK);
    struct project p = { .household_id = id, .kind = PROJECT_INCOME, .year = 2026,
                         .content = "养殖肉牛5头", .partner_name = "隆安县牧业公司",
                         .partner_type = 1, .amount = 2400000 };
    CHECK_INT(db_project_save(db, &cc, &p), DB_OK);
    const char *path = tdb_path("card2.xlsx");
    CHECK_INT(card_export(db, id, 2026, path), DB_OK);
    char *d = xr_dump(path);
    CHECK(d != NULL);
    CHECK(xr_has(d, "\t发放鸡苗100只（已更正）\n"));
    CHECK(xr_has(d, "\t发放鸡苗100只（更正2026-05-06的记录）\n"));
    CHECK(xr_has(d, "\t#,##0.00\t宋体\t11.0\t0\tthin\t1500\n"));
    CHECK(xr_has(d, "\t#,##0.00\t宋体\t11.0\t0\tthin\t1200\n"));
    CHECK(xr_has(d, "\t合计\n"));
    CHECK(!strstr(d, "去年的记录"));                   /* the year's entries only */
    CHECK(!strstr(d, "\t2700\n"));                    /* the corrected entry is not added twice */
    CHECK(xr_has(d, "\t养殖肉牛5头\n"));
    CHECK(xr_has(d, "\t#,##0.00\t宋体\t11.0\t0\tthin\t24000\n"));
    CHECK(xr_has(d, "\t已申请\n"));
    CHECK(xr_has(d, "\t收入稳定超过退出线\n"));
    CHECK(xr_has(d, "\t退出评议\n"));
    free(d);
    db_close(db);
}

TEST(card_village_one_sheet_each)
{
    struct db *db = tdb_open("card.db");
    saved(db, "一号户", 2, 5300, WF_REGISTERED, TDB_VILLAGE1 "0002");
    saved(db, "二号户", 2, 5310, WF_EXITED, TDB_VILLAGE1 "0001");
    saved(db, "申请户", 2, 5320, WF_APPLIED, "");
    saved(db, "别村户", 2, 5330, WF_REGISTERED, TDB_VILLAGE2 "0001");
    const char *path = tdb_path("cards.xlsx");
    int n = 0;
    CHECK_INT(card_export_village(db, TDB_VILLAGE1, 0, 2026, path, &n), DB_OK);
    CHECK_INT(n, 2);                                  /* the register: 在册 and 已脱贫 */
    char *d = xr_dump(path);
    CHECK(xr_has(d, "sheets\t" TDB_VILLAGE1 "0001|" TDB_VILLAGE1 "0002\n"));
    free(d);
    CHECK_INT(card_export_village(db, TDB_VILLAGE1, 1u << WF_APPLIED, 2026, path, &n), DB_OK);
    CHECK_INT(n, 1);
    CHECK_INT(card_export_village(db, "450123101299", 0, 2026, path, &n), DB_ERR_NOTFOUND);
    CHECK_INT(card_export_village(db, TDB_VILLAGE3, 0, 2026, path, &n), DB_ERR_NOTFOUND);
    db_close(db);
}

/* The year's plan under the helper: each measure with its progress from the
 * card (a corrected entry counted once), the notes; none said as such. */
TEST(card_prints_plan_with_progress)
{
    struct db *db = tdb_open("card.db");
    int64_t id = saved(db, "规划户", 2, 5300, WF_REGISTERED, TDB_VILLAGE1 "0044");
    int64_t none = saved(db, "无规划户", 2, 5400, WF_REGISTERED, TDB_VILLAGE1 "0045");
    struct check_ctx cc;
    checks_ctx_init(&cc);
    db_assist_check_ctx(db, &cc);
    struct plan p = { .household_id = id, .year = 2026, .n = 2, .notes = "发展养牛，保障上学",
                      .items = { { .measure = 1, .target = "养牛3头", .amount = 500000, .deadline = "2026-10-31" },
                                 { .measure = 4, .target = "子女不辍学" } } };
    CHECK_INT(db_plan_save_checked(db, &cc, &p), DB_OK);
    struct aid_record a = { .household_id = id, .date = "2026-05-06", .measure = 1,
                            .content = "购牛补助", .money = 150000 };
    CHECK_INT(db_aid_add_checked(db, &cc, &a), DB_OK);
    struct aid_record fix = a;
    fix.id = 0;
    fix.money = 200000;
    CHECK_INT(db_aid_correct(db, &cc, a.id, &fix), DB_OK);
    const char *path = tdb_path("plan.xlsx");
    CHECK_INT(card_export(db, id, 2026, path), DB_OK);
    char *d = xr_dump(path);
    CHECK(d != NULL);
    CHECK(xr_has(d, "\t2026年帮扶规划（一户一法）\n"));
    CHECK(xr_has(d, "\t养牛3头（2026-10-31前）\n"));
    CHECK(xr_has(d, "\t进行中（1条）\n"));          /* 2000 of 5000 元, the correction only */
    CHECK(xr_has(d, "\t#,##0.00\t宋体\t11.0\t0\tthin\t2000\n"));
    CHECK(xr_has(d, "\t未开始（0条）\n"));
    CHECK(xr_has(d, "\t规划说明：发展养牛，保障上学\n"));
    free(d);
    CHECK_INT(card_export(db, none, 2026, path), DB_OK);
    d = xr_dump(path);
    CHECK(d && xr_has(d, "\t2026年帮扶规划（一户一法）：尚未制定\n"));
    free(d);
    db_close(db);
}
