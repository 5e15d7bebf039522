/* Tests for db/assist: helpers, one-to-one assignment with history, the
 * 帮扶记录卡 (corrections, confirmed entries frozen, waiver) and the file-wide
 * assistance checks.  Today is 2026-11-23 (FUPIN_TODAY of the runner). */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "core/checks.h"
#include "core/codes.h"
#include "core/workflow.h"
#include "db/operators.h"
#include "db/assist.h"
#include "db/household_store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t registered(struct db *db, const char *head, int k0)
{
    static struct household hh;
    tdb_household(&hh, head, 2, k0);
    hh.state = 8;   /* WF_REGISTERED */
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    return hh.id;
}

static int64_t helper(struct db *db, const char *name, const char *unit)
{
    struct helper h;
    memset(&h, 0, sizeof h);
    snprintf(h.name, sizeof h.name, "%s", name);
    snprintf(h.unit, sizeof h.unit, "%s", unit);
    snprintf(h.title, sizeof h.title, "科员");
    snprintf(h.phone, sizeof h.phone, "13907710001");
    CHECK_INT(db_helper_add(db, &h), DB_OK);
    return h.id;
}

static struct check_ctx ctx(void)
{
    struct check_ctx cc;
    checks_ctx_init(&cc);
    return cc;
}

TEST(assist_reassignment_keeps_history)
{
    struct db *db = tdb_open("a.db");
    int64_t hh = registered(db, "黄大山", 100);
    int64_t h1 = helper(db, "陆海燕", "县农业农村局"), h2 = helper(db, "蒙志刚", "县教育局");
    CHECK_INT(db_helper_reassign(db, hh, h1, "2025-03-01"), DB_OK);
    CHECK_INT(db_helper_reassign(db, hh, h1, "2025-04-01"), DB_ERR_INVALID);   /* the same one */
    CHECK_STR(db_errmsg(db), "陆海燕 已是该户的帮扶责任人 (already this household's helper)");
    CHECK_INT(db_helper_reassign(db, hh, h2, "2025-02-01"), DB_ERR_INVALID);   /* before it */
    CHECK_INT(db_helper_reassign(db, hh, h2, "2026-01-10"), DB_OK);
    struct assignment_row rows[4];
    size_t n = 0;
    CHECK_INT(db_assignments_of_household(db, hh, rows, 4, &n), DB_OK);
    CHECK_INT(n, 2);
    CHECK_STR(rows[0].helper_name, "陆海燕");
    CHECK_STR(rows[0].from_date, "2025-03-01");
    CHECK_STR(rows[0].to_date, "2026-01-10");
    CHECK_STR(rows[1].helper_name, "蒙志刚");
    CHECK_STR(rows[1].to_date, "");
    CHECK_STR(rows[1].village_name, "东信村");
    struct helper cur;
    CHECK_INT(db_helper_of(db, hh, &cur), DB_OK);
    CHECK_STR(cur.name, "蒙志刚");
    /* each helper's households: current only, or with the past */
    CHECK_INT(db_assignments_of_helper(db, h1, 1, rows, 4, &n), DB_OK);
    CHECK_INT(n, 0);
    CHECK_INT(db_assignments_of_helper(db, h1, 0, rows, 4, &n), DB_OK);
    CHECK_INT(n, 1);
    CHECK_STR(rows[0].head_name, "黄大山");
    struct helper_row hr[4];
    CHECK_INT(db_helpers(db, hr, 4, &n), DB_OK);
    CHECK_INT(n, 2);
    CHECK_STR(hr[0].h.name, "陆海燕");      /* by unit: 县农业农村局 (农 U+519C) before 县教育局 */
    CHECK_INT(hr[0].n_households, 0);
    CHECK_INT(hr[1].n_households, 1);
    /* edit a helper; ending an assignment */
    CHECK_INT(db_helper_get(db, h2, &cur), DB_OK);
    snprintf(cur.phone, sizeof cur.phone, "13800000000");
    CHECK_INT(db_helper_update(db, &cur), DB_OK);
    CHECK_STR(tdb_text(db, "SELECT phone FROM helpers WHERE name='蒙志刚'"), "13800000000");
    CHECK_INT(db_helper_end(db, hh, "2026-01-01"), DB_ERR_INVALID);
    CHECK_INT(db_helper_end(db, hh, "2026-06-30"), DB_OK);
    CHECK_INT(db_helper_of(db, hh, &cur), DB_ERR_NOTFOUND);
    /* the audit log has every change */
    CHECK(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl='assignments'") >= 4);
    db_close(db);
}

/* A county's registry: every helper listed and found by name, past any
 * fixed size (the aid card resolved names among the first 2 000 only, so a
 * county clerk could not key an entry for the 2 001st helper). */
TEST(assist_helpers_whole_registry_and_by_name)
{
    struct db *db = tdb_open("a.db");
    int64_t hh = registered(db, "黄大山", 100), other = registered(db, "韦小河", 200);
    CHECK_INT(db_exec(db, "WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < 2500) "
                          "INSERT INTO helpers(name, unit) SELECT '干部' || n, '县甲局' FROM i", "测试"), DB_OK);
    /* by unit, code point order: 县丁局 (丁 U+4E01) < 县丙局 < 县乙局 < 县甲局 */
    int64_t last = helper(db, "最后一人", "县乙局");
    int64_t twin1 = helper(db, "同名", "县丙局"), twin2 = helper(db, "同名", "县丁局");
    struct helper_row *all = NULL;
    size_t n = 0;
    CHECK_INT(db_helpers_all(db, &all, &n), DB_OK);
    CHECK_INT(n, 2503);
    if (all && n == 2503) {
        CHECK_INT(all[0].h.id, twin2);
        CHECK_INT(all[2].h.id, last);
        CHECK_STR(all[n - 1].h.name, "干部999");
    }
    free(all);
    int64_t id = 0;
    CHECK_INT(db_helper_by_name(db, "最后一人", hh, &id), DB_OK);
    CHECK_INT(id, last);
    CHECK_INT(db_helper_by_name(db, "干部2500", hh, &id), DB_OK);
    CHECK_INT(id, tdb_int(db, "SELECT id FROM helpers WHERE name = '干部2500'"));
    CHECK_INT(db_helper_by_name(db, "查无此人", hh, &id), DB_ERR_NOTFOUND);
    CHECK_INT(id, 0);
    /* namesakes: the one assigned to the household, else the first listed */
    CHECK_INT(db_helper_by_name(db, "同名", hh, &id), DB_OK);
    CHECK_INT(id, twin2);
    CHECK_INT(db_helper_reassign(db, hh, twin1, "2025-03-01"), DB_OK);
    CHECK_INT(db_helper_by_name(db, "同名", hh, &id), DB_OK);
    CHECK_INT(id, twin1);
    CHECK_INT(db_helper_by_name(db, "同名", other, &id), DB_OK);
    CHECK_INT(id, twin2);
    db_close(db);
}

static struct aid_record entry(int64_t hh, int64_t helper_id, const char *date, int measure,
                               const char *content, money_t money, int signed_all)
{
    struct aid_record r;
    memset(&r, 0, sizeof r);
    r.household_id = hh;
    r.helper_id = helper_id;
    snprintf(r.date, sizeof r.date, "%s", date);
    r.measure = measure;
    snprintf(r.content, sizeof r.content, "%s", content);
    snprintf(r.outcome, sizeof r.outcome, "已完成");
    r.money = money;
    r.signed_household = r.signed_village = r.signed_team = signed_all;
    return r;
}

TEST(assist_card_corrections_and_freeze)
{
    struct db *db = tdb_open("a.db");
    struct check_ctx cc = ctx();
    int64_t hh = registered(db, "黄大山", 200);
    int64_t h = helper(db, "陆海燕", "县农业农村局");
    struct aid_record a = entry(hh, h, "2026-03-05", 1, "发放鸡苗100只", 120000, 1);
    struct aid_record b = entry(hh, h, "2026-04-10", 3, "种养技能培训", 0, 0);
    CHECK_INT(db_aid_add_checked(db, &cc, &a), DB_OK);
    CHECK_INT(db_aid_add_checked(db, &cc, &b), DB_OK);
    /* a confirmed entry is never edited in place */
    struct aid_record a2 = a;
    a2.money = 150000;
    CHECK_INT(db_aid_update_checked(db, &cc, &a2), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "请新增一条更正记录") != NULL);
    /* ... not even through SQL (the schema's trigger) */
    CHECK(tdb_int(db, "SELECT 1") == 1);
    char sql[128];
    snprintf(sql, sizeof sql, "UPDATE aid_records SET money = 1 WHERE id = %lld", (long long)a.id);
    CHECK(db_exec(db, sql, "改") != DB_OK);
    /* an unconfirmed one may be edited, then signed */
    b.money = 30000;
    CHECK_INT(db_aid_update_checked(db, &cc, &b), DB_OK);
    CHECK_INT(db_aid_confirm(db, b.id, 1, 1, 0), DB_OK);
    CHECK_INT(db_aid_confirm(db, b.id, 0, 0, 1), DB_OK);   /* signatures only add up */
    struct aid_record got;
    CHECK_INT(db_aid_get(db, b.id, &got), DB_OK);
    CHECK_INT(got.signed_household + got.signed_village + got.signed_team, 3);
    CHECK_INT(got.money, 30000);
    /* the correction: a new entry pointing at a; the card shows both */
    struct aid_record c = entry(0, h, "2026-03-05", 1, "发放鸡苗120只(更正数量)", 150000, 0);
    CHECK_INT(db_aid_correct(db, &cc, a.id, &c), DB_OK);
    CHECK_INT(c.household_id, hh);
    CHECK_INT(c.corrects_id, a.id);
    struct aid_row rows[8];
    size_t n = 0;
    CHECK_INT(db_aid_list(db, hh, rows, 8, &n), DB_OK);
    CHECK_INT(n, 3);
    CHECK_INT(rows[0].r.id, a.id);
    CHECK_INT(rows[0].corrected_by, c.id);
    CHECK_INT(rows[0].r.money, 120000);
    CHECK_INT(rows[1].r.corrects_id, a.id);
    CHECK_STR(rows[1].helper_name, "陆海燕");
    CHECK_INT(rows[2].corrected_by, 0);
    db_close(db);
}

TEST(assist_entries_after_waiver_refused)
{
    struct db *db = tdb_open("a.db");
    struct check_ctx cc = ctx();
    int64_t hh = registered(db, "黄大山", 300);
    struct aid_record a = entry(hh, 0, "2026-03-05", 2, "介绍务工", 0, 1);
    CHECK_INT(db_aid_add_checked(db, &cc, &a), DB_OK);
    CHECK_INT(db_waiver_add(db, hh, "2026-05-01", "家庭收入稳定，自愿放弃帮扶", NULL), DB_OK);
    char d[11], why[200];
    CHECK_INT(db_waiver_of(db, hh, d, why, sizeof why), DB_OK);
    CHECK_STR(d, "2026-05-01");
    struct aid_record b = entry(hh, 0, "2026-05-02", 2, "介绍务工", 0, 0);
    CHECK_INT(db_aid_add_checked(db, &cc, &b), DB_ERR_INVALID);
    CHECK_STR(db_errmsg(db), "帮扶 日期 2026-05-02 在 放弃帮扶声明 (2026-05-01) 之后, 不能新增帮扶记录");
    /* the schema refuses it too, whatever program writes */
    CHECK_INT(db_aid_add(db, &b), DB_ERR_CONSTRAINT);
    /* an entry before the waiver, and a correction of the past, still go */
    struct aid_record early = entry(hh, 0, "2026-04-01", 4, "教育资助", 50000, 0);
    CHECK_INT(db_aid_add_checked(db, &cc, &early), DB_OK);
    struct aid_record fix = entry(0, 0, "2026-03-05", 2, "介绍到工业园区务工(更正)", 0, 0);
    CHECK_INT(db_aid_correct(db, &cc, a.id, &fix), DB_OK);
    /* bad input is refused with the check's words */
    struct aid_record neg = entry(hh, 0, "2026-04-02", 4, "x", -1, 0);
    CHECK_INT(db_aid_add_checked(db, &cc, &neg), DB_ERR_INVALID);
    CHECK_STR(db_errmsg(db), "投入资金 为 -0.01 元, 不能为负数");
    struct aid_record future = entry(hh, 0, "2026-11-24", 4, "x", 0, 0);
    CHECK_INT(db_aid_add_checked(db, &cc, &future), DB_ERR_INVALID);
    CHECK_STR(db_errmsg(db), "帮扶日期 2026-11-24 晚于今天 2026-11-23");
    db_close(db);
}

/* One rule for the waiver's own day (SPEC §3.2 "stops new aid entries"):
 * the day itself is allowed (the visit that took the declaration is often
 * recorded that day), the next day is refused, by the check engine and by
 * the schema's trigger alike. */
TEST(assist_waiver_day_itself_allowed_by_check_and_schema)
{
    struct db *db = tdb_open("a.db");
    struct check_ctx cc = ctx();
    int64_t hh = registered(db, "蓝月英", 320);
    CHECK_INT(db_waiver_add(db, hh, "2026-05-01", "外出务工收入稳定，自愿放弃帮扶", NULL), DB_OK);
    struct aid_record same = entry(hh, 0, "2026-05-01", 2, "入户宣讲政策并签署放弃帮扶声明", 0, 0);
    CHECK_INT(db_aid_add_checked(db, &cc, &same), DB_OK);
    struct aid_record same_raw = entry(hh, 0, "2026-05-01", 2, "同日另一条", 0, 0);
    CHECK_INT(db_aid_add(db, &same_raw), DB_OK);                  /* schema agrees */
    struct aid_record next = entry(hh, 0, "2026-05-02", 2, "次日", 0, 0);
    CHECK_INT(db_aid_add_checked(db, &cc, &next), DB_ERR_INVALID);
    CHECK_STR(db_errmsg(db), "帮扶 日期 2026-05-02 在 放弃帮扶声明 (2026-05-01) 之后, 不能新增帮扶记录");
    CHECK_INT(db_aid_add(db, &next), DB_ERR_CONSTRAINT);          /* schema agrees */
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM aid_records WHERE deleted = 0"), 2);
    db_close(db);
}

/* Del on the card: only an entry nobody signed and nothing corrects; soft
 * (the row stays, marked) and audited. */
TEST(assist_delete_unsigned_entry_only)
{
    struct db *db = tdb_open("a.db");
    struct check_ctx cc = ctx();
    int64_t hh = registered(db, "罗金花", 330);
    struct aid_record a = entry(hh, 0, "2026-03-05", 1, "发放鸡苗100只", 0, 1);
    struct aid_record b = entry(hh, 0, "2026-03-06", 1, "误录", 0, 0);
    struct aid_record c = entry(hh, 0, "2026-03-07", 3, "技能培训", 0, 0);
    CHECK_INT(db_aid_add_checked(db, &cc, &a), DB_OK);
    CHECK_INT(db_aid_add_checked(db, &cc, &b), DB_OK);
    CHECK_INT(db_aid_add_checked(db, &cc, &c), DB_OK);
    CHECK_INT(db_aid_delete(db, a.id), DB_ERR_CONSTRAINT);
    CHECK_STR(db_errmsg(db), "已签字确认的帮扶记录不能删除，请新增一条更正记录 (confirmed aid entry cannot be deleted)");
    CHECK_INT(db_aid_delete(db, b.id), DB_OK);
    CHECK_INT(db_aid_delete(db, b.id), DB_ERR_NOTFOUND);          /* already gone */
    struct aid_row rows[8];
    size_t n = 0;
    CHECK_INT(db_aid_list(db, hh, rows, 8, &n), DB_OK);
    CHECK_INT(n, 2);
    CHECK_INT(rows[0].r.id, a.id);
    CHECK_INT(rows[1].r.id, c.id);
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT deleted FROM aid_records WHERE id = %lld", (long long)b.id);
    CHECK_INT(tdb_int(db, sql), 1);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE tbl = 'aid_records' AND action = 'update' "
             "AND row_id = %lld AND new LIKE '%%deleted%%1%%'", (long long)b.id);
    CHECK_INT(tdb_int(db, sql), 1);
    /* an unsigned entry that a correction points at stays */
    struct aid_record fix = entry(0, 0, "2026-03-07", 3, "技能培训(更正)", 0, 0);
    CHECK_INT(db_aid_correct(db, &cc, c.id, &fix), DB_OK);
    CHECK_INT(db_aid_delete(db, c.id), DB_ERR_CONSTRAINT);
    CHECK_STR(db_errmsg(db), "该记录已有更正记录，不能删除 (entry has a correction)");
    int64_t count = 0;
    CHECK_INT(db_aid_ledger_count(db, NULL, 0, &count), DB_OK);
    CHECK_INT(count, 3);                                          /* a, c, fix: not b */
    db_close(db);
}

struct seen { int n; char ids[8][32]; int overdue; };

static void collect(void *ud, int64_t hh, const char *subject, const struct check_result *res)
{
    (void)hh;
    (void)subject;
    struct seen *s = ud;
    s->overdue += strcmp(res->def->id, "VERIFY_VILLAGE_OVERDUE") == 0;
    if (s->n < 8)
        snprintf(s->ids[s->n++], 32, "%s", res->def->id);
}

TEST(assist_check_all_helper_and_unsigned)
{
    struct db *db = tdb_open("a.db");
    struct check_ctx cc = ctx();
    int64_t with = registered(db, "黄大山", 400), without = registered(db, "韦小燕", 410);
    (void)without;
    int64_t h = helper(db, "陆海燕", "县农业农村局");
    CHECK_INT(db_helper_reassign(db, with, h, "2026-01-01"), DB_OK);
    /* 2026-10-23 is 31 days before today: overdue; 10-24 is not */
    struct aid_record a = entry(with, h, "2026-10-23", 1, "鸡苗", 0, 0);
    struct aid_record b = entry(with, h, "2026-10-24", 1, "鸡苗", 0, 0);
    CHECK_INT(db_aid_add_checked(db, &cc, &a), DB_OK);
    CHECK_INT(db_aid_add_checked(db, &cc, &b), DB_OK);
    struct seen s = { 0 };
    size_t errors = 9, warnings = 9;
    CHECK_INT(db_assist_check_all(db, &cc, collect, &s, &errors, &warnings), DB_OK);
    CHECK_INT(errors, 0);
    CHECK_INT(warnings, 2);
    CHECK_STR(s.ids[0], "AID_UNCONFIRMED");
    CHECK_STR(s.ids[1], "HH_NO_HELPER");
    /* a correction replaces the unsigned entry it corrects */
    struct aid_record fix = entry(0, h, "2026-11-20", 1, "鸡苗(更正)", 0, 1);
    CHECK_INT(db_aid_correct(db, &cc, a.id, &fix), DB_OK);
    CHECK_INT(db_assist_check_all(db, &cc, NULL, NULL, &errors, &warnings), DB_OK);
    CHECK_INT(warnings, 1);
    db_close(db);
}

#include "db/demo_assist.h"
#include "db/demo_fill.h"
#include "db/projects.h"

TEST(assist_demo_projects_in_every_stage)
{
    struct db *db = NULL;
    char err[256];
    CHECK_INT(db_open(tdb_path("demo.db"), DB_CREATE, &db, err, sizeof err), DB_OK);
    db_session_assume(db, "测试员", ROLE_ADMIN);
    CHECK_INT(db_demo_fill(db, 200, 3, NULL, NULL), DB_OK);
    if (!CHECK_INT(demo_fill_assist(db, 3), DB_OK))
        fprintf(stderr, "    %s\n", db_errmsg(db));
    static struct project ps[64];
    size_t n = 0;
    CHECK_INT(db_projects(db, 0, NULL, 0, ps, 64, &n), DB_OK);
    int seen[PS_PAID + 1] = { 0 }, kinds[3] = { 0 };
    for (size_t i = 0; i < n; i++) {
        seen[project_stage(&ps[i])]++;
        kinds[ps[i].kind]++;
    }
    for (int s = PS_APPLIED; s <= PS_PAID; s++)
        if (!CHECK(seen[s] > 0))
            fprintf(stderr, "    no project at stage %s\n", project_stage_label(s));
    CHECK(kinds[PROJECT_INCOME] > 0 && kinds[PROJECT_HOUSING] > 0);
    CHECK(tdb_int(db, "SELECT count(*) FROM aid_records WHERE corrects_id IS NOT NULL") >= 3);
    CHECK(tdb_int(db, "SELECT count(*) FROM assignments WHERE to_date IS NOT NULL") >= 1);
    CHECK(tdb_int(db, "SELECT count(*) FROM waivers") == 1);
    /* a 80/20 project paid in full, and one overdue verification */
    CHECK(tdb_int(db, "SELECT count(*) FROM disbursements WHERE stage = 2") >= 1);
    struct check_ctx cc;
    checks_ctx_init(&cc);
    db_assist_check_ctx(db, &cc);
    size_t errors = 0, warnings = 0;
    struct seen s = { 0 };
    CHECK_INT(db_assist_check_all(db, &cc, collect, &s, &errors, &warnings), DB_OK);
    CHECK_INT(errors, 0);
    CHECK_INT(s.overdue, 2);       /* the two 待核验 projects, requested 25 days ago */
    db_close(db);
}

/* ---- what the inspection checks ask of the file (issue 16 part 3) ---- */

static int64_t aid_on(struct db *db, int64_t hh, int64_t helper_id, const char *date, int measure)
{
    struct aid_record r;
    memset(&r, 0, sizeof r);
    r.household_id = hh;
    r.helper_id = helper_id;
    snprintf(r.date, sizeof r.date, "%s", date);
    r.measure = measure;
    snprintf(r.content, sizeof r.content, "入户走访");
    CHECK_INT(db_aid_add(db, &r), DB_OK);
    return r.id;
}

TEST(assist_hh_extra_exit_year_and_housing)
{
    struct db *db = tdb_open("x.db");
    int64_t id = registered(db, "韦危房", 700);
    static struct household hh;
    CHECK_INT(db_household_load(db, id, 0, &hh), DB_OK);
    struct hh_extra ex;
    CHECK(db_hh_extra(db, &hh, 2026, &ex));
    CHECK_INT(ex.known, 1);
    CHECK_INT(ex.exiting, 0);
    CHECK_INT(ex.housing_aid, 0);
    aid_on(db, id, 0, "2026-03-01", codes_by_label(CL_MEASURE, "危房改造/住房保障"));
    CHECK(db_hh_extra(db, &hh, 2026, &ex));
    CHECK_INT(ex.housing_aid, 1);
    CHECK(db_hh_extra(db, &hh, 2025, &ex));        /* not yet done in 2025 */
    CHECK_INT(ex.housing_aid, 0);
    /* 已脱贫 on 2025-12-20: exiting in 2025, not in 2026. */
    char sql[256];
    snprintf(sql, sizeof sql, "INSERT INTO state_history(household_id, from_state, to_state, date, operator) "
             "VALUES (%lld, 14, 15, '2025-12-20', '测试员')", (long long)id);
    CHECK_INT(db_exec(db, sql, "状态"), DB_OK);
    hh.state = WF_EXITED;
    CHECK(db_hh_extra(db, &hh, 2026, &ex));
    CHECK_INT(ex.exiting, 0);
    CHECK(db_hh_extra(db, &hh, 2025, &ex));
    CHECK_INT(ex.exiting, 1);
    hh.state = WF_EXIT_NOTICE2;                    /* under way: this year whatever the history */
    CHECK(db_hh_extra(db, &hh, 2026, &ex));
    CHECK_INT(ex.exiting, 1);
    db_close(db);
}

static int visit_findings;
static char visit_message[256];
static void on_visit(void *ud, int64_t hid, const char *subject, const struct check_result *res)
{
    (void)ud; (void)hid; (void)subject;
    if (strcmp(res->def->id, "HELPER_NO_VISIT") == 0) {
        visit_findings++;
        snprintf(visit_message, sizeof visit_message, "%s", res->message);
    }
}

static int visits(struct db *db)
{
    struct check_ctx cc = ctx();
    snprintf(cc.today, sizeof cc.today, "2026-11-23");
    visit_findings = 0;
    visit_message[0] = '\0';
    CHECK_INT(db_assist_check_all(db, &cc, on_visit, NULL, NULL, NULL), DB_OK);
    return visit_findings;
}

TEST(assist_helper_visit_this_year)
{
    struct db *db = tdb_open("v.db");
    int64_t id = registered(db, "农走访", 720);
    int64_t h = helper(db, "蒙走访", "县农业农村局"), other = helper(db, "黄别人", "县财政局");
    CHECK_INT(db_helper_assign(db, id, h, "2025-03-01"), DB_OK);
    CHECK_INT(visits(db), 1);
    CHECK_STR(visit_message, "帮扶责任人 蒙走访 2026年 尚无走访记录 (帮扶记录卡 中没有该责任人的记录)");
    aid_on(db, id, h, "2025-12-31", 13);
    aid_on(db, id, other, "2026-02-01", 13);       /* someone else's visit is not theirs */
    CHECK_INT(visits(db), 1);
    CHECK_STR(visit_message, "帮扶责任人 蒙走访 2026年 尚无走访记录 (最近一次 2025-12-31)");
    aid_on(db, id, h, "2026-01-01", 13);
    CHECK_INT(visits(db), 0);
    db_close(db);
}
