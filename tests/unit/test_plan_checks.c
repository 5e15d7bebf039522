/* The 帮扶规划 rules (core/plan.c, the CS_PLAN checks of core/checks.c) as
 * known answers: each check has a case that fires it and a near miss that
 * does not (the deadline day itself, an entry of another measure, ...). */
#include "tests/harness.h"
#include "core/checks.h"
#include "core/codes.h"
#include "core/plan.h"
#include "core/workflow.h"
#include <stdio.h>
#include <string.h>

enum { INDUSTRY = 1, EDUCATION = 4 };   /* 产业发展, 教育资助 of CL_MEASURE */

static struct plan_item_facts items[3];

/* 2026's plan of a household on the register all year: 产业发展 with one
 * entry, 教育资助 with none; today is given. */
static void base(struct plan_facts *pf, struct check_ctx *cc, const char *today)
{
    checks_ctx_init(cc);
    snprintf(cc->today, sizeof cc->today, "%s", today);
    memset(items, 0, sizeof items);
    items[0] = (struct plan_item_facts){ INDUSTRY, "2026-10-31", 1, 1 };
    items[1] = (struct plan_item_facts){ EDUCATION, "", 1, 0 };
    *pf = (struct plan_facts){ 2026, 1, 1, 1, items, 2 };
}

/* The ids fired, space-separated, in table order. */
static const char *fired(const struct check_ctx *cc, const struct plan_facts *pf, char *msg, size_t msgsz)
{
    static char ids[512];
    struct check_result rs[16];
    size_t n = checks_run_plan(cc, pf, rs, 16);
    ids[0] = '\0';
    if (msg) msg[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        snprintf(ids + strlen(ids), sizeof ids - strlen(ids), "%s%s", i ? " " : "", rs[i].def->id);
        if (msg && i == 0)
            memcpy(msg, rs[i].message, msgsz < sizeof rs[i].message ? msgsz : sizeof rs[i].message);
    }
    return ids;
}

TEST(plan_status_rule)
{
    CHECK_INT(plan_item_status(0, 0, 0), PLAN_NOT_STARTED);
    CHECK_INT(plan_item_status(0, 1, 0), PLAN_DONE);            /* no amount: an entry does it */
    CHECK_INT(plan_item_status(500000, 2, 499999), PLAN_UNDER_WAY);
    CHECK_INT(plan_item_status(500000, 2, 500000), PLAN_DONE);
    CHECK_STR(plan_status_label(PLAN_UNDER_WAY), "进行中");
}

TEST(plan_days_and_settings)
{
    char d[11];
    CHECK(plan_day(2026, "07-31", PLAN_DEADLINE_DEFAULT, d));
    CHECK_STR(d, "2026-07-31");
    CHECK(plan_day(2026, "7月底", PLAN_DEADLINE_DEFAULT, d));   /* not MM-DD: the default */
    CHECK_STR(d, "2026-07-31");
    CHECK(!plan_mmdd_valid("02-29"));
    CHECK(!plan_mmdd_valid("13-01"));
    CHECK(plan_mmdd_valid("06-30"));
    uint32_t m = plan_register_states();
    CHECK(m & (1u << WF_REGISTERED));
    CHECK(m & (1u << WF_EXIT_NOTICE2));
    CHECK(!(m & (1u << WF_EXITED)));
    CHECK(!(m & (1u << WF_NOTICE3)));
}

TEST(plan_check_missing_after_deadline)
{
    struct plan_facts pf;
    struct check_ctx cc;
    char msg[256];
    base(&pf, &cc, "2026-08-01");
    pf.has_plan = 0;
    pf.n = 0;
    CHECK_STR(fired(&cc, &pf, msg, sizeof msg), "PLAN_MISSING");
    CHECK_STR(msg, "2026年 帮扶规划 未制定：在册贫困户须在 2026-07-31 前制定帮扶规划 (一户一法)");
    base(&pf, &cc, "2026-07-31");           /* near miss: the deadline day itself */
    pf.has_plan = 0;
    pf.n = 0;
    CHECK_STR(fired(&cc, &pf, NULL, 0), "");
    base(&pf, &cc, "2026-08-01");           /* near miss: off the register on the deadline */
    pf.has_plan = 0;
    pf.n = 0;
    pf.registered_at_deadline = 0;
    CHECK_STR(fired(&cc, &pf, NULL, 0), "");
    base(&pf, &cc, "2026-07-01");           /* a setting moves the deadline */
    pf.has_plan = 0;
    pf.n = 0;
    snprintf(cc.plan_deadline, sizeof cc.plan_deadline, "06-30");
    CHECK_STR(fired(&cc, &pf, msg, sizeof msg), "PLAN_MISSING");
    CHECK(strstr(msg, "2026-06-30") != NULL);
}

TEST(plan_check_no_aid_at_year_end)
{
    struct plan_facts pf;
    struct check_ctx cc;
    char msg[256];
    base(&pf, &cc, "2027-01-01");
    CHECK_STR(fired(&cc, &pf, msg, sizeof msg), "PLAN_NO_AID");
    CHECK_STR(msg, "2026年 帮扶规划 的措施 教育资助 到 2026-12-31 仍无该类帮扶记录");
    base(&pf, &cc, "2026-12-31");           /* near miss: the last day of the year */
    CHECK_STR(fired(&cc, &pf, NULL, 0), "");
    base(&pf, &cc, "2027-01-01");           /* near miss: every measure has its entry */
    items[1].entries = 1;
    CHECK_STR(fired(&cc, &pf, NULL, 0), "");
    base(&pf, &cc, "2026-12-01");           /* review day set earlier */
    snprintf(cc.plan_review, sizeof cc.plan_review, "11-30");
    CHECK_STR(fired(&cc, &pf, NULL, 0), "PLAN_NO_AID");
}

TEST(plan_check_save_rules)
{
    struct plan_facts pf;
    struct check_ctx cc;
    char msg[256];
    base(&pf, &cc, "2026-03-01");
    CHECK_STR(fired(&cc, &pf, NULL, 0), "");
    pf.registered = 0;
    CHECK_STR(fired(&cc, &pf, msg, sizeof msg), "PLAN_NOT_REGISTERED");
    CHECK(strstr(msg, "2026年 不在册") && strstr(msg, "帮扶规划只为在册贫困户制定"));
    base(&pf, &cc, "2026-03-01");
    pf.n = 0;
    CHECK_STR(fired(&cc, &pf, NULL, 0), "PLAN_EMPTY");
    base(&pf, &cc, "2026-03-01");
    items[1].measure = INDUSTRY;
    CHECK_STR(fired(&cc, &pf, msg, sizeof msg), "PLAN_MEASURE");
    CHECK_STR(msg, "第 2 项 帮扶措施 「产业发展」已在第 1 项列出，同一措施每年只列一项");
    items[1].measure = 99;
    CHECK_STR(fired(&cc, &pf, NULL, 0), "PLAN_MEASURE");
    base(&pf, &cc, "2026-03-01");
    snprintf(items[0].deadline, sizeof items[0].deadline, "2027-01-01");
    CHECK_STR(fired(&cc, &pf, msg, sizeof msg), "PLAN_DEADLINE");
    CHECK_STR(msg, "第 1 项 完成期限 2027-01-01 不在 2026 年内 (年度帮扶计划)");
    snprintf(items[0].deadline, sizeof items[0].deadline, "2026-12-31");   /* near miss */
    CHECK_STR(fired(&cc, &pf, NULL, 0), "");
    items[1].helper_ok = 0;
    CHECK_STR(fired(&cc, &pf, NULL, 0), "PLAN_HELPER");
    struct check_result rs[4];
    CHECK_INT(checks_run_plan(&cc, &pf, rs, 4), 1);
    CHECK_INT(rs[0].member_index, 1);
    CHECK_STR(rs[0].field_key, "helper");
}
