/* Tests for db/plans (帮扶规划, issue 15 item 3): refused for a household not
 * 在册 in the year, the round trip with progress from the card, the role,
 * and the file-wide checks with planted households: each check has one that
 * fires it and a near miss. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "core/checks.h"
#include "core/workflow.h"
#include "db/assist.h"
#include "db/household_store.h"
#include "db/operators.h"
#include "db/plans.h"
#include <stdio.h>
#include <string.h>

enum { INDUSTRY = 1, JOBS = 2, EDUCATION = 4 };     /* CL_MEASURE */

/* A household in `state` since `since` (its history's first move). */
static int64_t household(struct db *db, const char *head, int k0, int state, const char *since)
{
    static struct household hh;
    tdb_household(&hh, head, 2, k0);
    hh.state = state;
    snprintf(hh.state_since, sizeof hh.state_since, "%s", since);
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    return hh.id;
}

static int64_t helper_for(struct db *db, int64_t hh, const char *name)
{
    struct helper h;
    memset(&h, 0, sizeof h);
    snprintf(h.name, sizeof h.name, "%s", name);
    snprintf(h.unit, sizeof h.unit, "县农业农村局");
    CHECK_INT(db_helper_add(db, &h), DB_OK);
    if (hh)
        CHECK_INT(db_helper_assign(db, hh, h.id, "2025-01-02"), DB_OK);
    return h.id;
}

static void aid(struct db *db, int64_t hh, const char *date, int measure, money_t money)
{
    struct aid_record r;
    memset(&r, 0, sizeof r);
    r.household_id = hh;
    snprintf(r.date, sizeof r.date, "%s", date);
    r.measure = measure;
    snprintf(r.content, sizeof r.content, "帮扶");
    r.money = money;
    CHECK_INT(db_aid_add(db, &r), DB_OK);
}

/* A plan of `year` with 产业发展 (目标 5000 元, helper) and 教育资助. */
static void two_items(struct plan *p, int64_t hh, int year, int64_t helper)
{
    memset(p, 0, sizeof *p);
    p->household_id = hh;
    p->year = year;
    snprintf(p->notes, sizeof p->notes, "一户一法：发展养牛，保障子女上学");
    p->items[0].measure = INDUSTRY;
    snprintf(p->items[0].target, sizeof p->items[0].target, "养牛 3 头");
    p->items[0].amount = 500000;
    p->items[0].helper_id = helper;
    snprintf(p->items[0].deadline, sizeof p->items[0].deadline, "%d1031", year);   /* normalised */
    p->items[1].measure = EDUCATION;
    snprintf(p->items[1].target, sizeof p->items[1].target, "子女义务教育不辍学");
    p->n = 2;
}

static struct check_ctx ctx_on(const char *today)
{
    struct check_ctx cc;
    checks_ctx_init(&cc);
    snprintf(cc.today, sizeof cc.today, "%s", today);
    return cc;
}

TEST(plan_refused_unless_registered_that_year)
{
    struct db *db = tdb_open("p.db");
    struct check_ctx cc = ctx_on("2026-03-01");
    int64_t surveyed = household(db, "韦小平", 100, WF_SURVEYED, "2026-01-05");
    int64_t exited = household(db, "蓝大旺", 110, WF_REGISTERED, "2024-05-01");
    CHECK_INT(db_state_change(db, exited, WF_EXITED, "2025-12-20", "脱贫"), DB_OK);
    struct plan p;
    two_items(&p, surveyed, 2026, 0);
    CHECK_INT(db_plan_save_checked(db, &cc, &p), DB_ERR_INVALID);
    CHECK(strstr(db_errmsg(db), "该户 2026年 不在册") != NULL);
    CHECK(strstr(db_errmsg(db), "帮扶规划只为在册贫困户制定") != NULL);
    CHECK_STR(db_errfield(db), "year");
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM plans"), 0);
    /* exited in December 2025: 在册 in 2025, not in 2026 */
    two_items(&p, exited, 2026, 0);
    CHECK_INT(db_plan_save_checked(db, &cc, &p), DB_ERR_INVALID);
    two_items(&p, exited, 2025, 0);
    CHECK_INT(db_plan_save_checked(db, &cc, &p), DB_OK);
    int in_year = 0, at_deadline = 0;
    CHECK_INT(db_plan_registered(db, &cc, exited, 2025, &in_year, &at_deadline), DB_OK);
    CHECK(in_year && at_deadline);
    /* registered on 2026-08-05: 在册 in 2026 but not on its deadline */
    int64_t late = household(db, "农秀英", 120, WF_REGISTERED, "2026-08-05");
    CHECK_INT(db_plan_registered(db, &cc, late, 2026, &in_year, &at_deadline), DB_OK);
    CHECK(in_year && !at_deadline);
    db_close(db);
}

TEST(plan_round_trip_with_progress)
{
    struct db *db = tdb_open("p.db");
    struct check_ctx cc = ctx_on("2026-03-01");
    int64_t hh = household(db, "黄大山", 100, WF_REGISTERED, "2025-01-01");
    int64_t mine = helper_for(db, hh, "陆海燕");
    int64_t other = helper_for(db, 0, "蒙志刚");
    struct plan p;
    two_items(&p, hh, 2026, other);            /* a helper not the household's */
    CHECK_INT(db_plan_save_checked(db, &cc, &p), DB_ERR_INVALID);
    CHECK_STR(db_errmsg(db), "第 1 项 责任人 不是该户的帮扶责任人，请在该户的帮扶责任人中选择");
    CHECK_INT(p.id, 0);
    two_items(&p, hh, 2026, mine);
    CHECK_INT(db_plan_save_checked(db, &cc, &p), DB_OK);
    CHECK(p.id > 0);
    CHECK_INT(db_plan_save_checked(db, &cc, &(struct plan){ .household_id = hh, .year = 2026, .n = 1,
              .items = { { .measure = JOBS } } }), DB_ERR_CONSTRAINT);   /* a second plan of 2026 */
    aid(db, hh, "2026-05-01", INDUSTRY, 200000);
    aid(db, hh, "2026-06-01", INDUSTRY, 300000);
    aid(db, hh, "2025-12-31", EDUCATION, 10000);       /* last year's */
    aid(db, hh, "2026-06-01", JOBS, 10000);            /* another measure */
    struct plan got;
    CHECK_INT(db_plan_get(db, hh, 2026, &got), DB_OK);
    CHECK_INT(got.n, 2);
    CHECK_STR(got.notes, "一户一法：发展养牛，保障子女上学");
    CHECK_STR(got.items[0].deadline, "2026-10-31");
    CHECK_STR(got.items[0].helper_name, "陆海燕");
    CHECK_INT(got.items[0].entries, 2);
    CHECK_INT(got.items[0].done_amount, 500000);
    CHECK_INT(plan_item_status(got.items[0].amount, got.items[0].entries, got.items[0].done_amount), PLAN_DONE);
    CHECK_INT(got.items[1].entries, 0);
    CHECK_INT(db_plan_get(db, hh, 2025, &got), DB_ERR_NOTFOUND);
    /* edit: drop 产业发展, add 就业务工 first; the kept item keeps its row */
    CHECK_INT(db_plan_get(db, hh, 2026, &got), DB_OK);
    int64_t edu_id = got.items[1].id;
    got.items[0] = got.items[1];
    memset(&got.items[1], 0, sizeof got.items[1]);
    got.items[1].measure = JOBS;
    snprintf(got.items[1].deadline, sizeof got.items[1].deadline, "2026-09-30");
    CHECK_INT(db_plan_save_checked(db, &cc, &got), DB_OK);
    CHECK_INT(db_plan_get(db, hh, 2026, &got), DB_OK);
    CHECK_INT(got.n, 2);
    CHECK_INT(got.items[0].id, edu_id);
    CHECK_INT(got.items[1].measure, JOBS);
    CHECK_INT(got.items[1].entries, 1);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM plan_items"), 2);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'plan_items' AND action = 'delete'"), 1);
    /* keyed for the wrong household: deleted (soft), then keyed anew */
    CHECK_INT(db_plan_delete(db, hh, 2026), DB_OK);
    CHECK_INT(db_plan_get(db, hh, 2026, &got), DB_ERR_NOTFOUND);
    CHECK_INT(db_plan_delete(db, hh, 2026), DB_ERR_NOTFOUND);
    two_items(&p, hh, 2026, mine);
    CHECK_INT(db_plan_save_checked(db, &cc, &p), DB_OK);
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM plans WHERE household_id = %lld AND year = 2026", (long long)hh);
    CHECK_INT(tdb_int(db, sql), 2);                    /* the deleted one kept */
    db_close(db);
}

TEST(plan_needs_a_clerk)
{
    struct db *db = tdb_open("p.db");
    struct check_ctx cc = ctx_on("2026-03-01");
    int64_t hh = household(db, "黄大山", 100, WF_REGISTERED, "2025-01-01");
    struct plan p;
    two_items(&p, hh, 2026, 0);
    db_session_assume(db, "", ROLE_NONE);
    CHECK_INT(db_plan_save_checked(db, &cc, &p), DB_ERR_DENIED);
    CHECK(strstr(db_errmsg(db), "录入帮扶规划") != NULL);
    db_session_assume(db, "录入员甲", ROLE_CLERK);
    CHECK_INT(db_plan_save_checked(db, &cc, &p), DB_OK);
    /* the days are the 管理员's */
    CHECK_INT(db_plan_set_days(db, "06-30", NULL), DB_ERR_DENIED);
    db_session_assume(db, "管理员", ROLE_ADMIN);
    CHECK_INT(db_plan_set_days(db, "6月底", NULL), DB_ERR_INVALID);
    CHECK_INT(db_plan_set_days(db, "06-30", "11-30"), DB_OK);
    db_plan_check_ctx(db, &cc);
    CHECK_STR(cc.plan_deadline, "06-30");
    CHECK_STR(cc.plan_review, "11-30");
    db_close(db);
}

struct found { char text[2048]; };

static void collect(void *ud, int64_t hh, const char *subject, const struct check_result *res)
{
    struct found *f = ud;
    (void)hh;
    size_t len = strlen(f->text);
    snprintf(f->text + len, sizeof f->text - len, "%s %s|", res->def->id, subject);
}

TEST(plan_checks_over_the_file)
{
    struct db *db = tdb_open("p.db");
    struct check_ctx cc = ctx_on("2026-03-01");
    int64_t with = household(db, "黄大山", 100, WF_REGISTERED, "2025-01-01");
    household(db, "韦无规", 110, WF_REGISTERED, "2025-01-01");          /* no plan: fires */
    household(db, "农秀英", 120, WF_REGISTERED, "2026-08-05");          /* near miss: after 07-31 */
    household(db, "莫识别", 130, WF_NOTICE2, "2026-01-05");             /* near miss: not registered */
    struct plan p;
    two_items(&p, with, 2026, 0);
    CHECK_INT(db_plan_save_checked(db, &cc, &p), DB_OK);
    aid(db, with, "2026-05-01", INDUSTRY, 200000);
    aid(db, with, "2026-06-01", JOBS, 10000);                          /* near miss: another measure */
    struct found f = { "" };
    size_t errors = 9, warnings = 9;
    cc = ctx_on("2026-07-31");                                         /* the deadline day itself */
    CHECK_INT(db_plan_check_all(db, &cc, 2026, collect, &f, &errors, &warnings), DB_OK);
    CHECK_STR(f.text, "");
    CHECK_INT(errors + warnings, 0);
    cc = ctx_on("2026-08-01");
    CHECK_INT(db_plan_check_all(db, &cc, 2026, collect, &f, &errors, &warnings), DB_OK);
    CHECK(strstr(f.text, "PLAN_MISSING 户主 韦无规") != NULL);
    CHECK_INT(warnings, 1);
    /* the year after: 2026's plan reviewed (教育资助 has no entry), 2027's
     * plans not yet due; last year's missing plans are not repeated */
    f.text[0] = '\0';
    cc = ctx_on("2027-01-01");
    CHECK_INT(db_plan_check_all(db, &cc, 2027, collect, &f, &errors, &warnings), DB_OK);
    CHECK_STR(f.text, "PLAN_NO_AID 户主 黄大山|");
    aid(db, with, "2026-12-31", EDUCATION, 0);
    f.text[0] = '\0';
    CHECK_INT(db_plan_check_all(db, &cc, 2027, collect, &f, &errors, &warnings), DB_OK);
    CHECK_STR(f.text, "");
    db_close(db);
}

/* A save that fails half-way (an item no longer in the plan: another screen
 * removed it) writes nothing and says so, and leaves the plan as it was keyed
 * (the new item without an id), so a second F2 saves it whole. */
TEST(plan_failed_save_keeps_the_keyed_plan)
{
    struct db *db = tdb_open("p.db");
    struct check_ctx cc = ctx_on("2026-03-01");
    int64_t hh = household(db, "黄大山", 100, WF_REGISTERED, "2025-01-01");
    struct plan p;
    two_items(&p, hh, 2026, 0);
    p.n = 1;
    CHECK_INT(db_plan_save_checked(db, &cc, &p), DB_OK);
    p.items[1] = p.items[0];
    p.items[0] = (struct plan_item){ .measure = JOBS, .target = "外出务工" };      /* new */
    p.items[1].id = 9999;                                                   /* gone */
    p.n = 2;
    CHECK_INT(db_plan_save_checked(db, &cc, &p), DB_ERR_NOTFOUND);
    CHECK(strstr(db_errmsg(db), "第 2 项措施已不在该规划中") != NULL);
    CHECK_INT(p.items[0].id, 0);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM plan_items"), 1);
    p.items[1].id = 0;
    CHECK_INT(db_plan_save_checked(db, &cc, &p), DB_OK);
    struct plan got;
    CHECK_INT(db_plan_get(db, hh, 2026, &got), DB_OK);
    CHECK_INT(got.n, 2);
    CHECK_INT(got.items[0].measure, JOBS);
    db_close(db);
}
