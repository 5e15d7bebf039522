/* Tests for db/projects: caps, staging and order of Form F, with amounts
 * computed by hand (yuan × 100 = fen):
 *   一户一增收 cap 30000: 24000 + 6000 = 30000 ok, 24000 + 6000.01 refused;
 *   住房 50000 at 80/20: 40000 at start, 10000 after the three verifications;
 *   村委会 as partner: 100 % at start.
 * Today is 2026-11-23 (FUPIN_TODAY of the runner). */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "core/checks.h"
#include "core/codes.h"
#include "db/assist.h"
#include "db/household_store.h"
#include "db/projects.h"
#include "db/settings.h"
#include <stdio.h>
#include <string.h>

static struct check_ctx ctx_of(struct db *db)
{
    struct check_ctx cc;
    checks_ctx_init(&cc);
    db_assist_check_ctx(db, &cc);
    return cc;
}

static int64_t new_household(struct db *db, int k0)
{
    static struct household hh;
    tdb_household(&hh, "韦国强", 3, k0);
    hh.state = 8;   /* WF_REGISTERED */
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    return hh.id;
}

/* A project through appraisal (11 代表, 8 for), approval, the 3-day notice
 * 05-06..05-08 and the start on 05-10. */
/* An application as keyed (not yet saved). */
static struct project application(int64_t hh, int kind, int year, money_t amount, int partner)
{
    struct project p;
    memset(&p, 0, sizeof p);
    p.household_id = hh;
    p.kind = kind;
    p.year = year;
    snprintf(p.content, sizeof p.content, "%s", kind == PROJECT_INCOME ? "养殖肉牛5头" : "新建砖混住房");
    snprintf(p.partner_name, sizeof p.partner_name, "%s", partner == PARTNER_VILLAGE ? "东信村村委会" : "隆安县牧业公司");
    p.partner_type = partner;
    p.amount = amount;
    return p;
}

static int64_t ready_project(struct db *db, int64_t hh, int kind, money_t amount, int partner)
{
    struct check_ctx cc = ctx_of(db);
    struct project p = application(hh, kind, 2026, amount, partner);
    if (!CHECK_INT(db_project_save(db, &cc, &p), DB_OK)) {
        fprintf(stderr, "    %s\n", db_errmsg(db));
        return 0;
    }
    CHECK_INT(db_project_appraise(db, &cc, p.id, "2026-05-01", 11, 8, 2, 1), DB_OK);
    CHECK_INT(db_project_approve(db, p.id, "2026-05-05"), DB_OK);
    CHECK_INT(db_project_notice(db, &cc, p.id, "2026-05-06", 0), DB_OK);
    CHECK_INT(db_project_start(db, p.id, "2026-05-10"), DB_OK);
    return p.id;
}

static enum db_err pay(struct db *db, int64_t id, const char *date, money_t amount, int stage)
{
    struct check_ctx cc = ctx_of(db);
    return db_project_pay(db, &cc, id, date, amount, stage, NULL);
}

TEST(projects_income_cap_per_household_year)
{
    struct db *db = tdb_open("p.db");
    int64_t hh = new_household(db, 10);
    struct check_ctx cc = ctx_of(db);
    int64_t a = ready_project(db, hh, PROJECT_INCOME, 2400000, PARTNER_VILLAGE);
    CHECK(a > 0);
    struct project b;
    memset(&b, 0, sizeof b);
    b.household_id = hh;
    b.kind = PROJECT_INCOME;
    b.year = 2026;
    b.partner_type = 1;
    b.amount = 600001;                      /* 24000 + 6000.01 */
    CHECK_INT(db_project_save(db, &cc, &b), DB_ERR_INVALID);
    CHECK_STR(db_errmsg(db), "申请金额 6000.01 元 加本户同类项目 24000.00 元 共 30000.01 元, "
                             "超过 一户一增收项目 每户每年上限 30000.00 元");
    b.amount = 600000;                      /* 24000 + 6000 = 30000 */
    CHECK_INT(db_project_save(db, &cc, &b), DB_OK);
    /* another year has its own 30000 */
    struct project c = b;
    c.id = 0;
    c.year = 2025;
    c.amount = 3000000;
    CHECK_INT(db_project_save(db, &cc, &c), DB_OK);
    /* paying: the whole 24000 at start (村委会), then B's 80 % = 4800 */
    CHECK_INT(pay(db, a, "2026-05-12", 2400000, PAY_ADVANCE), DB_OK);
    CHECK_INT(db_project_appraise(db, &cc, b.id, "2026-05-01", 9, 6, 3, 0), DB_OK);
    CHECK_INT(db_project_approve(db, b.id, "2026-05-05"), DB_OK);
    CHECK_INT(db_project_notice(db, &cc, b.id, "2026-05-06", 3), DB_OK);
    CHECK_INT(db_project_start(db, b.id, "2026-05-10"), DB_OK);
    CHECK_INT(pay(db, b.id, "2026-05-12", 480001, PAY_ADVANCE), DB_ERR_INVALID);
    CHECK_STR(db_errmsg(db), "预付 后累计 4800.01 元 超过 申请金额 6000.00 元 的 80% (4800.00 元); "
                             "合作方为 村委会 时方可开工时全额拨付");
    CHECK_INT(pay(db, b.id, "2026-05-12", 480000, PAY_ADVANCE), DB_OK);
    CHECK_INT(tdb_int(db, "SELECT sum(amount) FROM disbursements"), 2880000);
    db_close(db);
}

TEST(projects_housing_80_20_after_verification)
{
    struct db *db = tdb_open("p.db");
    int64_t hh = new_household(db, 20);
    int64_t id = ready_project(db, hh, PROJECT_HOUSING, 5000000, 1);
    /* the tail before the advance is out of order */
    CHECK_INT(pay(db, id, "2026-05-12", 1000000, PAY_TAIL), DB_ERR_INVALID);
    CHECK(strstr(db_errmsg(db), "尚未拨付预付款, 不能先拨付 尾款") != NULL);
    CHECK_INT(pay(db, id, "2026-05-12", 4000001, PAY_ADVANCE), DB_ERR_INVALID);
    CHECK_STR(db_errmsg(db), "预付 后累计 40000.01 元 超过 申请金额 50000.00 元 的 80% (40000.00 元); "
                             "合作方为 村委会 时方可开工时全额拨付");
    CHECK_INT(pay(db, id, "2026-05-12", 4000000, PAY_ADVANCE), DB_OK);
    CHECK_INT(pay(db, id, "2026-08-01", 1000000, PAY_TAIL), DB_ERR_INVALID);
    CHECK_STR(db_errmsg(db), "尾款 须在村级、乡镇、县级核验后拨付 (未完成: 村级核验 乡镇核验 县级核验)");
    /* verification in order: the township cannot go first */
    CHECK_INT(db_project_verify(db, id, VERIFY_VILLAGE, "2026-08-10", 1, "合格"), DB_ERR_INVALID);
    CHECK_INT(db_project_request_verify(db, id, "2026-08-05"), DB_OK);
    CHECK_INT(db_project_verify(db, id, VERIFY_TOWNSHIP, "2026-08-10", 1, "合格"), DB_ERR_INVALID);
    CHECK_STR(db_errmsg(db), "乡镇核验 须在 村级核验通过 之后 (out of order)");
    CHECK_INT(db_project_verify(db, id, VERIFY_VILLAGE, "2026-08-04", 1, "合格"), DB_ERR_INVALID);
    CHECK_STR(db_errmsg(db), "村级核验 日期 2026-08-04 早于 申请验收 日期 2026-08-05");
    CHECK_INT(db_project_verify(db, id, VERIFY_VILLAGE, "2026-08-10", 1, "主体完工"), DB_OK);
    CHECK_INT(db_project_verify(db, id, VERIFY_TOWNSHIP, "2026-08-20", 1, "合格"), DB_OK);
    CHECK_INT(pay(db, id, "2026-08-21", 1000000, PAY_TAIL), DB_ERR_INVALID);
    CHECK_STR(db_errmsg(db), "尾款 须在村级、乡镇、县级核验后拨付 (未完成: 县级核验)");
    CHECK_INT(db_project_verify(db, id, VERIFY_COUNTY, "2026-09-01", 1, "验收合格"), DB_OK);
    /* 40000 + 10000.01 is over the amount (and the cap) */
    CHECK_INT(pay(db, id, "2026-09-02", 1000001, PAY_TAIL), DB_ERR_INVALID);
    CHECK(strstr(db_errmsg(db), "50000.01") != NULL);
    CHECK_INT(pay(db, id, "2026-09-02", 1000000, PAY_TAIL), DB_OK);
    struct project p;
    CHECK_INT(db_project_get(db, id, &p), DB_OK);
    CHECK_INT(p.paid, 5000000);
    CHECK_INT(project_stage(&p), PS_PAID);
    CHECK_STR(project_stage_label(project_stage(&p)), "已结清");
    struct disbursement d[4];
    size_t n = 0;
    CHECK_INT(db_disbursements(db, id, d, 4, &n), DB_OK);
    CHECK_INT(n, 2);
    CHECK_INT(d[0].amount, 4000000);
    CHECK_INT(d[1].stage, PAY_TAIL);
    db_close(db);
}

TEST(projects_village_committee_full_at_start)
{
    struct db *db = tdb_open("p.db");
    int64_t hh = new_household(db, 30);
    int64_t id = ready_project(db, hh, PROJECT_HOUSING, 5000000, PARTNER_VILLAGE);
    CHECK_INT(pay(db, id, "2026-05-11", 5000000, PAY_ADVANCE), DB_OK);
    /* nothing is left: one fen more is over the amount and the cap */
    CHECK_INT(pay(db, id, "2026-05-12", 1, PAY_ADVANCE), DB_ERR_INVALID);
    CHECK(strstr(db_errmsg(db), "超过") != NULL);
    db_close(db);
}

TEST(projects_housing_cap_spans_years)
{
    struct db *db = tdb_open("p.db");
    int64_t hh = new_household(db, 40);
    struct check_ctx cc = ctx_of(db);
    struct project p = application(hh, PROJECT_HOUSING, 2025, 3000000, 1);
    CHECK_INT(db_project_save(db, &cc, &p), DB_OK);
    p.id = 0;
    p.year = 2026;
    p.amount = 2000001;                     /* 30000 + 20000.01 > 50000 per household */
    CHECK_INT(db_project_save(db, &cc, &p), DB_ERR_INVALID);
    CHECK(strstr(db_errmsg(db), "住房建设补助 每户上限 50000.00 元") != NULL);
    /* the cap is a setting */
    CHECK_INT(db_setting_set_int(db, SET_CAP_HOUSING, 6000000), DB_OK);
    cc = ctx_of(db);
    CHECK_INT(db_project_save(db, &cc, &p), DB_OK);
    db_close(db);
}

TEST(projects_steps_in_order)
{
    struct db *db = tdb_open("p.db");
    int64_t hh = new_household(db, 50);
    struct check_ctx cc = ctx_of(db);
    struct project p = application(hh, PROJECT_INCOME, 2026, 1000000, 2);
    CHECK_INT(db_project_save(db, &cc, &p), DB_OK);
    CHECK_INT(db_project_approve(db, p.id, "2026-05-05"), DB_ERR_INVALID);      /* no appraisal */
    CHECK_INT(db_project_appraise(db, &cc, p.id, "2026-05-01", 10, 8, 1, 1), DB_ERR_INVALID);
    CHECK_STR(db_errmsg(db), "项目评议 村民代表 10 人, 须为 9–15 人的单数");
    CHECK_INT(db_project_appraise(db, &cc, p.id, "2026-05-01", 9, 5, 4, 0), DB_OK);
    CHECK_INT(db_project_approve(db, p.id, "2026-05-05"), DB_ERR_INVALID);      /* 5 < 6 of 9 */
    CHECK_STR(db_errmsg(db), "村级评议未通过: 赞成票 5 未达到 村民代表 9 人的三分之二 (需 6 票)，不能审定");
    CHECK_INT(db_project_appraise(db, &cc, p.id, "2026-05-02", 9, 6, 3, 0), DB_OK);   /* re-vote */
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM meetings"), 1);
    CHECK_INT(db_project_notice(db, &cc, p.id, "2026-05-06", 3), DB_ERR_INVALID); /* not approved */
    CHECK_INT(db_project_approve(db, p.id, "2026-05-05"), DB_OK);
    CHECK_INT(db_project_notice(db, &cc, p.id, "2026-05-06", 2), DB_ERR_INVALID);
    CHECK_STR(db_errmsg(db), "项目公示 天数 2 天, 少于规定的 3 天");
    CHECK_INT(db_project_notice(db, &cc, p.id, "2026-05-06", 3), DB_OK);
    /* the notice row: kind 项目, posted, the household listed with the project */
    CHECK_INT(tdb_int(db, "SELECT kind FROM notices"), 4);
    CHECK_STR(tdb_text(db, "SELECT end_date FROM notices"), "2026-05-08");
    CHECK_INT(tdb_int(db, "SELECT posted FROM notices"), 1);
    CHECK_INT(tdb_int(db, "SELECT project_id FROM notice_households"), p.id);
    CHECK_INT(pay(db, p.id, "2026-05-07", 800000, PAY_ADVANCE), DB_ERR_INVALID);
    CHECK(strstr(db_errmsg(db), "公示期满后方可拨付") != NULL);
    CHECK_INT(db_project_start(db, p.id, "2026-05-08"), DB_ERR_INVALID);   /* last notice day */
    CHECK_INT(pay(db, p.id, "2026-05-09", 800000, PAY_ADVANCE), DB_ERR_INVALID);
    CHECK_STR(db_errmsg(db), "预付 须在开工后拨付: 开工日期 未填写");
    CHECK_INT(db_project_start(db, p.id, "2026-05-09"), DB_OK);
    CHECK_INT(pay(db, p.id, "2026-05-09", 800000, PAY_ADVANCE), DB_OK);
    /* an approved project's amount stays */
    struct project q;
    CHECK_INT(db_project_get(db, p.id, &q), DB_OK);
    CHECK_INT(q.representatives, 9);
    CHECK_INT(q.votes_for, 6);
    CHECK_STR(q.notice_end, "2026-05-08");
    q.amount = 900000;
    CHECK_INT(db_project_save(db, &cc, &q), DB_ERR_INVALID);
    db_close(db);
}

TEST(projects_overdue_flagged_by_check_all)
{
    struct db *db = tdb_open("p.db");
    int64_t hh = new_household(db, 60);
    int64_t id = ready_project(db, hh, PROJECT_INCOME, 1000000, 1);
    CHECK_INT(db_project_request_verify(db, id, "2026-11-01"), DB_OK);  /* due 11-16 */
    struct check_ctx cc = ctx_of(db);
    size_t errors = 9, warnings = 9;
    CHECK_INT(db_assist_check_all(db, &cc, NULL, NULL, &errors, &warnings), DB_OK);
    CHECK_INT(errors, 0);
    CHECK_INT(warnings, 2);     /* village verification overdue; registered without a helper */
    struct project p;
    CHECK_INT(db_project_get(db, id, &p), DB_OK);
    char text[200];
    project_verify_text(&cc, &p, text, sizeof text);
    CHECK_STR(text, "村级 逾期(限2026-11-16) / 乡镇 未核验 / 县级 未核验");
    CHECK_STR(project_stage_label(project_stage(&p)), "待核验");
    db_close(db);
}
