/* Tests for core/village (the 贫困村 exit checklist) with answers worked by
 * hand, and db/village_store (the register, thresholds by year, 出列 through
 * proposal, appraisal, notice and decision, the roles and the override).
 * Today is 2026-11-23 (FUPIN_TODAY of the runner). */
#include "db/audit_chain.h"
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "core/idno.h"
#include "core/village.h"
#include "db/household_store.h"
#include "db/notice_sheet.h"
#include "db/operators.h"
#include "db/settings.h"
#include "db/village_store.h"
#include "db/workflow_store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 2 % of 2000 is 40 people: 39 is below, 40 is not (strictly below). */
TEST(village_rate_threshold_edges)
{
    CHECK_INT(vc_rate_bp(39, 2000), 195);
    CHECK_INT(vc_rate_bp(40, 2000), 200);
    CHECK_INT(vc_rate_bp(1, 3), 3333);          /* 33.333 % */
    CHECK_INT(vc_rate_bp(2, 3), 6667);          /* 66.666… rounds half up */
    CHECK_INT(vc_rate_bp(5, 0), -1);
    CHECK(vc_rate_below(39, 2000, 200));
    CHECK(!vc_rate_below(40, 2000, 200));       /* 2.00 % is not below 2 % */
    CHECK(vc_rate_below(59, 2000, 300));        /* 2.95 % in the west (3 %) */
    CHECK(!vc_rate_below(60, 2000, 300));
    /* 1 of 5001 is 1.9996 bp below 2 bp: no rounding up to the line. */
    CHECK(vc_rate_below(1, 5001, 2));
    CHECK(!vc_rate_below(0, 0, 200));           /* no population: cannot pass */
    char s[32];
    vc_format_bp(195, s, sizeof s);
    CHECK_STR(s, "1.95%");
    vc_format_bp(5, s, sizeof s);
    CHECK_STR(s, "0.05%");
}

TEST(village_threshold_by_year)
{
    const struct vc_year_value v[] = { { 2016, 300 }, { 2018, 200 }, { 2018, 250 } };
    CHECK_INT(vc_by_year(v, 3, 2015, 999), 999);    /* before any: the default */
    CHECK_INT(vc_by_year(v, 3, 2016, 999), 300);
    CHECK_INT(vc_by_year(v, 3, 2017, 999), 300);    /* carried forward */
    CHECK_INT(vc_by_year(v, 3, 2018, 999), 250);    /* equal years: the later entry */
    CHECK_INT(vc_by_year(v, 3, 2026, 999), 250);
    size_t n;
    const struct vc_year_value *lines = vc_income_lines_seeded(&n);
    CHECK_INT(vc_by_year(lines, n, 2017, 0), 0);
    CHECK_INT(vc_by_year(lines, n, 2018, 0), 982000);   /* seed 003: 9820 元 */
    CHECK_INT(vc_by_year(lines, n, 2019, 0), 982000);
    CHECK_INT(vc_by_year(lines, n, 2020, 0), 1300000);  /* seed 004: 13000 元 */
}

/* A village that passes everything in 2020. */
static struct vc_facts passing(void)
{
    struct vc_facts f;
    memset(&f, 0, sizeof f);
    f.year = 2020;
    f.population = 2000;
    f.poor_people = 30;
    f.rate_threshold_bp = 200;
    f.per_capita_income = 1350000;
    f.income_line = 1300000;
    f.collective_income = 5000000;
    f.collective_min = 5000000;
    for (int i = 0; i < VC_N_YESNO; i++) {
        f.answer[i] = VC_YES;
        f.prefill[i] = VC_UNSET;
    }
    return f;
}

TEST(village_checklist_each_item)
{
    struct vc_facts f = passing();
    struct vc_result r[VC_COUNT];
    char failing[200];
    CHECK_INT(vc_evaluate_all(&f, r, failing, sizeof failing), 0);
    CHECK_STR(failing, "");
    CHECK_STR(r[VC_RATE].actual, "1.50% (在册贫困人口 30 / 户籍人口 2000)");
    CHECK_STR(r[VC_RATE].standard, "低于 2.00%");
    /* Near misses: each figure exactly at its line passes (不低于) but the
     * rate at its line fails (低于); one fen short fails. */
    f.poor_people = 40;
    vc_evaluate(&f, VC_RATE, &r[0]);
    CHECK_INT(r[0].verdict, VC_FAIL);
    f = passing();
    f.per_capita_income = 1300000;
    vc_evaluate(&f, VC_INCOME, &r[0]);
    CHECK_INT(r[0].verdict, VC_PASS);
    f.per_capita_income = 1299999;
    vc_evaluate(&f, VC_INCOME, &r[0]);
    CHECK_INT(r[0].verdict, VC_FAIL);
    CHECK_STR(r[0].actual, "12999.99 元");
    CHECK_STR(r[0].standard, "不低于 13000.00 元");
    f.collective_income = 4999999;
    vc_evaluate(&f, VC_COLLECTIVE, &r[0]);
    CHECK_INT(r[0].verdict, VC_FAIL);
    /* Not keyed: no data, which cannot pass. */
    f = passing();
    f.population = 0;
    f.collective_income = -1;
    CHECK_INT(vc_evaluate_all(&f, r, failing, sizeof failing), 2);
    CHECK_STR(failing, "贫困发生率(无数据)、村集体经济收入(无数据)");
    CHECK_STR(r[VC_RATE].actual, "未录入2020年农村户籍人口");
    /* No village line set for the year: cannot be judged. */
    f = passing();
    f.income_line = 0;
    vc_evaluate(&f, VC_INCOME, &r[0]);
    CHECK_INT(r[0].verdict, VC_MISSING);
    CHECK_STR(r[0].standard, "未设定标准");
}

TEST(village_checklist_yesno_and_prefill)
{
    struct vc_facts f = passing();
    struct vc_result r;
    int k = VC_BROADBAND - VC_FIRST_YESNO;
    f.answer[k] = VC_NO;
    vc_evaluate(&f, VC_BROADBAND, &r);
    CHECK_INT(r.verdict, VC_FAIL);
    f.answer[k] = VC_UNSET;
    vc_evaluate(&f, VC_BROADBAND, &r);
    CHECK_INT(r.verdict, VC_MISSING);
    CHECK_STR(vc_verdict_label(VC_BROADBAND, r.verdict), "未确认");
    /* 通电 pre-filled from the surveys until the clerk answers. */
    k = VC_POWER - VC_FIRST_YESNO;
    f.answer[k] = VC_UNSET;
    f.prefill[k] = VC_NO;
    snprintf(f.prefill_note[k], sizeof f.prefill_note[k], "入户调查 40 户中 2 户未通生活用电");
    vc_evaluate(&f, VC_POWER, &r);
    CHECK_INT(r.verdict, VC_FAIL);
    CHECK(r.from_prefill);
    CHECK_STR(r.actual, "否 (按调查预填: 入户调查 40 户中 2 户未通生活用电)");
    f.answer[k] = VC_YES;       /* the clerk's confirmation beats the pre-fill */
    vc_evaluate(&f, VC_POWER, &r);
    CHECK_INT(r.verdict, VC_PASS);
    CHECK(!r.from_prefill);
}

/* ---- the store ---------------------------------------------------------- */

static void household_in(struct db *db, const char *village, int n, int k0, int state)
{
    static struct household hh;
    tdb_household(&hh, "韦国强", n, k0);
    snprintf(hh.village, sizeof hh.village, "%s", village);
    hh.state = state;
    CHECK_INT(db_household_save(db, &hh), DB_OK);
}

/* 东信村, 贫困村 since 2016: 2026 keyed to pass but for what a test changes. */
static void ready_village(struct db *db)
{
    struct village_info v;
    CHECK_INT(vs_get(db, TDB_VILLAGE1, &v), DB_OK);
    v.poor = 1;
    v.identified_year = 2016;
    snprintf(v.unit, sizeof v.unit, "县农业农村局");
    CHECK_INT(vs_save(db, &v), DB_OK);
    struct village_year y;
    CHECK_INT(vs_year_get(db, TDB_VILLAGE1, 2026, &y), DB_OK);
    y.population = 1000;
    y.per_capita_income = 1400000;
    y.collective_income = 6000000;
    for (int i = 0; i < VC_N_YESNO; i++) {
        y.answer[i] = VC_YES;
        snprintf(y.date[i], sizeof y.date[i], "2026-06-01");
    }
    CHECK_INT(vs_year_save(db, &y), DB_OK);
}

TEST(village_store_rate_from_register)
{
    struct db *db = tdb_open("village_rate.db");
    ready_village(db);
    household_in(db, TDB_VILLAGE1, 5, 100, 8);     /* 在册 */
    household_in(db, TDB_VILLAGE1, 4, 200, 12);    /* 退出一榜: still 在册 */
    household_in(db, TDB_VILLAGE1, 3, 300, 15);    /* 已脱贫: not counted */
    household_in(db, TDB_VILLAGE1, 6, 400, 2);     /* 已调查: not counted */
    household_in(db, TDB_VILLAGE2, 7, 500, 8);     /* another village */
    struct vc_facts f;
    CHECK_INT(vs_facts(db, TDB_VILLAGE1, 2026, &f), DB_OK);
    CHECK_INT(f.poor_people, 9);
    CHECK_INT(f.population, 1000);
    CHECK_INT(f.rate_threshold_bp, 200);
    CHECK_INT(f.income_line, 1300000);                 /* 2020's line carried */
    /* The four surveys of 2026 (tdb_household) pre-fill the survey's items. */
    CHECK(f.prefill[VC_POWER - VC_FIRST_YESNO] != VC_UNSET);
    struct vc_result r;
    vc_evaluate(&f, VC_RATE, &r);
    CHECK_STR(r.actual, "0.90% (在册贫困人口 9 / 户籍人口 1000)");
    /* A threshold set for 2026 (the west's 3 %), not for 2025. */
    CHECK_INT(vs_setting_set(db, VS_SET_RATE, 2026, 300), DB_OK);
    CHECK_INT(vs_setting(db, VS_SET_RATE, 2025), 200);
    CHECK_INT(vs_setting(db, VS_SET_RATE, 2027), 300);
    CHECK_INT(vs_setting_set(db, VS_SET_RATE, 2026, 0), DB_ERR_INVALID);
    CHECK_INT(vs_setting_set(db, VS_SET_INCOME, 2021, 1400000), DB_OK);
    CHECK_INT(vs_setting(db, VS_SET_INCOME, 2020), 1300000);
    CHECK_INT(vs_setting(db, VS_SET_INCOME, 2022), 1400000);
    db_session_assume(db, "录入员甲", ROLE_CLERK);
    CHECK_INT(vs_setting_set(db, VS_SET_RATE, 2027, 250), DB_ERR_DENIED);
    db_close(db);
}

TEST(village_store_register_refusals)
{
    struct db *db = tdb_open("village_reg.db");
    struct village_info v;
    CHECK_INT(vs_get(db, TDB_VILLAGE2, &v), DB_OK);
    CHECK_STR(v.name, "宝塘村");
    CHECK_STR(v.township, "城厢镇");
    v.poor = 1;
    CHECK_INT(vs_save(db, &v), DB_ERR_INVALID);                /* no 认定年度 */
    CHECK(strstr(db_errmsg(db), "认定年度") != NULL);
    v.poor = 0;
    v.identified_year = 2016;
    CHECK_INT(vs_save(db, &v), DB_ERR_INVALID);                /* not a 贫困村 */
    v.poor = 1;
    snprintf(v.phone, sizeof v.phone, "0771-12a");
    CHECK_INT(vs_save(db, &v), DB_ERR_INVALID);
    /* the forms' one phone rule: digits and a dash are not enough */
    snprintf(v.phone, sizeof v.phone, "0771-123");
    CHECK_INT(vs_save(db, &v), DB_ERR_INVALID);
    CHECK(strstr(db_errmsg(db), PHONE_RULE) != NULL);
    CHECK_INT(vs_get(db, "450123101299", &v), DB_ERR_NOTFOUND);
    struct village_year y;
    CHECK_INT(vs_year_get(db, TDB_VILLAGE2, 2026, &y), DB_OK);
    CHECK_INT(y.per_capita_income, -1);
    y.answer[0] = VC_YES;
    snprintf(y.date[0], sizeof y.date[0], "2026-12-01");      /* after today */
    CHECK_INT(vs_year_save(db, &y), DB_ERR_INVALID);
    CHECK_STR(db_errfield(db), "road");
    y.date[0][0] = 0;                                          /* today given */
    CHECK_INT(vs_year_save(db, &y), DB_OK);
    CHECK_INT(vs_year_get(db, TDB_VILLAGE2, 2026, &y), DB_OK);
    CHECK_STR(y.date[0], "2026-11-23");
    db_close(db);
}

/* The whole way out: proposal, 评议 (2/3 of 21 代表 = 14), 7-day notice,
 * the 审核员's decision. */
TEST(village_exit_path)
{
    struct db *db = tdb_open("village_exit.db");
    ready_village(db);
    db_session_assume(db, "录入员甲", ROLE_CLERK);
    CHECK_INT(vs_exit_notice(db, TDB_VILLAGE1, 2026, "2026-11-01"), DB_ERR_CONSTRAINT); /* not yet */
    CHECK_INT(vs_exit_propose(db, TDB_VILLAGE1, 2026, NULL), DB_OK);
    CHECK_INT(vs_exit_propose(db, TDB_VILLAGE1, 2026, NULL), DB_ERR_CONSTRAINT);  /* twice */
    CHECK_INT(vs_exit_appraise(db, TDB_VILLAGE1, 2026, "2026-11-23", "黄村长", 40, 21, 14, 6, 2),
              DB_ERR_INVALID);                                     /* 22 votes of 21 */
    CHECK_INT(vs_exit_appraise(db, TDB_VILLAGE1, 2026, "2026-11-23", "黄村长", 40, 21, 14, 5, 2), DB_OK);
    struct village_exit e;
    CHECK_INT(vs_exit_get(db, TDB_VILLAGE1, 2026, &e), DB_OK);
    CHECK_INT(e.stage, VS_APPRAISED);
    CHECK_INT(e.present, 21);
    CHECK(e.meeting_id > 0);
    CHECK_INT(tdb_int(db, "SELECT kind FROM meetings WHERE village = '" TDB_VILLAGE1 "'"), 2);
    CHECK_INT(vs_exit_notice(db, TDB_VILLAGE1, 2026, "2026-11-22"), DB_ERR_INVALID); /* before 评议 */
    CHECK_INT(vs_exit_notice(db, TDB_VILLAGE1, 2026, "2026-11-23"), DB_OK);
    CHECK_INT(vs_exit_get(db, TDB_VILLAGE1, 2026, &e), DB_OK);
    CHECK_STR(e.notice_end, "2026-11-29");
    /* The 公示 is a posted notice of the village, printed and kept like a
     * household list's. */
    CHECK(e.notice_id > 0);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM notices WHERE kind = 5 AND round = 1 AND posted = 1 AND area = '"
                      TDB_VILLAGE1 "' AND end_date = '2026-11-29'"), 1);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM notice_sheets WHERE posted_on = '2026-11-23'"), 1);
    {   /* exported by the notice export, in the words of a village's exit */
        struct notice_sheet s;
        char name[64], intro[800];
        CHECK_INT(notice_sheet_load(db, e.notice_id, &s), DB_OK);
        notice_sheet_name(&s, name, sizeof name);
        notice_sheet_intro(&s, intro, sizeof intro);
        CHECK_STR(name, "贫困村出列公示");
        CHECK(strstr(intro, "现将本村拟退出贫困村（出列）予以公示。公示期自2026年11月23日至2026年11月29日") != NULL);
        CHECK_INT((int)s.n, 0);
        notice_sheet_free(&s);
    }
    db_session_assume(db, "审核员乙", ROLE_REVIEWER);
    CHECK_INT(vs_exit_decide(db, TDB_VILLAGE1, 2026, ""), DB_ERR_CONSTRAINT);    /* notice on */
    CHECK(strstr(db_errmsg(db), "2026-11-29") != NULL);
    /* 异议 are objections against the village, keyed on the notice. */
    struct wfs_objection o = { .notice_id = e.notice_id };
    snprintf(o.content, sizeof o.content, "村道尚未硬化完");
    o.household_id = tdb_int(db, "SELECT min(id) FROM households");
    CHECK_INT(wfs_objection_add(db, &o), DB_ERR_CONSTRAINT);       /* a household: not on it */
    o.household_id = 0;
    snprintf(o.village, sizeof o.village, "%s", TDB_VILLAGE2);
    CHECK_INT(wfs_objection_add(db, &o), DB_ERR_CONSTRAINT);       /* another village */
    snprintf(o.village, sizeof o.village, "%s", TDB_VILLAGE1);
    CHECK_INT(wfs_objection_add(db, &o), DB_OK);
    struct wfs_objection listed[4];
    size_t n = 0;
    CHECK_INT(wfs_objections(db, e.notice_id, 0, listed, 4, &n), DB_OK);
    CHECK_INT((int)n, 1);
    CHECK_STR(listed[0].village, TDB_VILLAGE1);
    CHECK(listed[0].head_name[0] != 0);                         /* the village's name */
    /* Move the notice back (as if posted a fortnight ago) to decide today. */
    CHECK_INT(db_exec(db, "UPDATE notices SET start_date = '2026-11-09', end_date = '2026-11-15' WHERE kind = 5",
                      "test"), DB_OK);
    CHECK_INT(vs_exit_get(db, TDB_VILLAGE1, 2026, &e), DB_OK);
    CHECK_INT(e.objections, 1);
    CHECK_INT(vs_exit_decide(db, TDB_VILLAGE1, 2026, ""), DB_ERR_CONSTRAINT);    /* 异议 open */
    CHECK(strstr(db_errmsg(db), "1 件异议未处理") != NULL);
    CHECK_INT(wfs_objection_resolve(db, o.id, OBJ_UPHELD, "审核员乙", "已硬化, 异议不成立", ""), DB_OK);
    db_session_assume(db, "录入员甲", ROLE_CLERK);
    CHECK_INT(vs_exit_decide(db, TDB_VILLAGE1, 2026, ""), DB_ERR_DENIED);
    db_session_assume(db, "审核员乙", ROLE_REVIEWER);
    CHECK_INT(vs_exit_decide(db, TDB_VILLAGE1, 2026, ""), DB_OK);
    struct village_info v;
    CHECK_INT(vs_get(db, TDB_VILLAGE1, &v), DB_OK);
    CHECK_INT(v.exit_year, 2026);
    CHECK_INT(v.exit_stage, VS_EXITED);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'village_exits'"), 4);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'objections'"), 2);
    v.poor = 0;
    v.identified_year = 0;
    CHECK_INT(vs_save(db, &v), DB_ERR_INVALID);     /* 出列 stays a 贫困村's record */
    CHECK_INT(vs_exit_propose(db, TDB_VILLAGE1, 2027, NULL), DB_ERR_CONSTRAINT);
    db_close(db);
}

/* A failing item refuses 出列; a 审核员 may override with a reason, which
 * is kept (and audited); a failed 评议 ends that round. */
TEST(village_exit_failing_item_override)
{
    struct db *db = tdb_open("village_override.db");
    ready_village(db);
    struct village_year y;
    CHECK_INT(vs_year_get(db, TDB_VILLAGE1, 2026, &y), DB_OK);
    y.answer[VC_BROADBAND - VC_FIRST_YESNO] = VC_NO;
    CHECK_INT(vs_year_save(db, &y), DB_OK);
    db_session_assume(db, "录入员甲", ROLE_CLERK);
    CHECK_INT(vs_exit_propose(db, TDB_VILLAGE1, 2026, NULL), DB_ERR_CONSTRAINT);
    CHECK_STR(db_errmsg(db), "出列核查未达标: 通宽带(未达标); 须审核员写明理由方可提出");
    CHECK_INT(vs_exit_propose(db, TDB_VILLAGE1, 2026, "光纤已立项"), DB_ERR_DENIED);
    db_session_assume(db, "审核员乙", ROLE_REVIEWER);
    CHECK_INT(vs_exit_propose(db, TDB_VILLAGE1, 2026, "   "), DB_ERR_CONSTRAINT);   /* blank reason */
    CHECK_INT(vs_exit_propose(db, TDB_VILLAGE1, 2026, "光纤工程已招标, 年底前完工"), DB_OK);
    struct village_exit e;
    CHECK_INT(vs_exit_get(db, TDB_VILLAGE1, 2026, &e), DB_OK);
    CHECK_STR(e.failing, "通宽带(未达标)");
    CHECK_STR(e.override_by, "审核员乙");
    {   /* audited: the log's last village_exits row gives back the reason
         * (an insert keeps no image: the values come back through the
         * record, and the row's hash commits to them) */
        int64_t aid = tdb_int(db, "SELECT id FROM audit WHERE tbl = 'village_exits' ORDER BY id DESC LIMIT 1");
        int64_t rid = tdb_int(db, "SELECT row_id FROM audit WHERE tbl = 'village_exits' ORDER BY id DESC LIMIT 1");
        char *logged = audit_insert_json(db, "village_exits", rid, aid);
        CHECK(logged && strstr(logged, "光纤工程已招标") != NULL);
        free(logged);
    }
    /* 评议: 13 of 21 is short of 14. */
    CHECK_INT(vs_exit_appraise(db, TDB_VILLAGE1, 2026, "2026-11-23", "黄村长", 40, 21, 13, 8, 0), DB_OK);
    CHECK_INT(vs_exit_get(db, TDB_VILLAGE1, 2026, &e), DB_OK);
    CHECK_INT(e.stage, VS_REJECTED);
    CHECK_INT(vs_exit_notice(db, TDB_VILLAGE1, 2026, ""), DB_ERR_CONSTRAINT);
    /* Not a 贫困村: nothing to exit. */
    CHECK_INT(vs_exit_propose(db, TDB_VILLAGE2, 2026, NULL), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "不是贫困村") != NULL);
    db_close(db);
}

/* An objection found right (取消) stops 出列; an old file's notice columns
 * become a notice with its open 异议 on the upgrade. */
TEST(village_exit_objection_sustained_and_old_notice)
{
    struct db *db = tdb_open("village_objection.db");
    ready_village(db);
    db_session_assume(db, "审核员乙", ROLE_REVIEWER);
    CHECK_INT(vs_exit_propose(db, TDB_VILLAGE1, 2026, NULL), DB_OK);
    CHECK_INT(vs_exit_appraise(db, TDB_VILLAGE1, 2026, "2026-11-23", "黄村长", 40, 21, 14, 5, 2), DB_OK);
    CHECK_INT(vs_exit_notice(db, TDB_VILLAGE1, 2026, "2026-11-23"), DB_OK);
    struct village_exit e;
    CHECK_INT(vs_exit_get(db, TDB_VILLAGE1, 2026, &e), DB_OK);
    struct wfs_objection o = { .notice_id = e.notice_id };
    snprintf(o.village, sizeof o.village, "%s", TDB_VILLAGE1);
    snprintf(o.content, sizeof o.content, "饮水工程未通到三组");
    CHECK_INT(wfs_objection_add(db, &o), DB_OK);
    CHECK_INT(wfs_objection_resolve(db, o.id, OBJ_CANCEL, "审核员乙", "核实三组未通水", ""), DB_OK);
    CHECK_INT(db_exec(db, "UPDATE notices SET start_date = '2026-11-09', end_date = '2026-11-15' WHERE kind = 5",
                      "test"), DB_OK);
    CHECK_INT(vs_exit_decide(db, TDB_VILLAGE1, 2026, ""), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "异议成立") != NULL);
    /* An exit noticed the old way: the columns only, 2 异议 open. */
    CHECK_INT(db_exec(db, "INSERT INTO village_exits(village, year, stage, proposed_date, notice_start, "
                          "notice_days, notice_end, objections) VALUES ('" TDB_VILLAGE2 "', 2025, 3, "
                          "'2025-09-01', '2025-09-11', 7, '2025-09-17', 2)", "test"), DB_OK);
    CHECK_INT(vs_exit_notices_adopt(db), DB_OK);
    CHECK_INT(vs_exit_get(db, TDB_VILLAGE2, 2025, &e), DB_OK);
    CHECK(e.notice_id > 0);
    CHECK_STR(e.notice_start, "2025-09-11");
    CHECK_STR(e.notice_end, "2025-09-17");
    CHECK_INT(e.objections, 2);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM notices WHERE kind = 5 AND posted = 1 AND area = '" TDB_VILLAGE2 "'"), 1);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM notice_sheets s JOIN notices n ON n.id = s.notice_id "
                          "WHERE n.area = '" TDB_VILLAGE2 "' AND s.posted_on = '2025-09-11'"), 1);
    CHECK_INT(vs_exit_notices_adopt(db), DB_OK);                /* once only */
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM notices WHERE kind = 5"), 2);
    db_close(db);
}

/* A past year's 贫困发生率 counts that year's register: households 在册 on
 * 12-31 of the year (state_history) and the members they had that day
 * (member_events) — not today's register. */
TEST(village_rate_of_a_past_year_uses_that_years_register)
{
    setenv("FUPIN_TODAY", "2026-12-02", 1);
    struct db *db = tdb_open("village_past.db");
    ready_village(db);
    static struct household a, b, c;
    tdb_household(&a, "韦国强", 5, 100);            /* 在册 2024-03-01, 脱贫 2026-05-10 */
    a.state = 8;
    snprintf(a.state_since, sizeof a.state_since, "2024-03-01");
    CHECK_INT(db_household_save(db, &a), DB_OK);
    CHECK_INT(db_state_change(db, a.id, 15, "2026-05-10", "脱贫"), DB_OK);
    tdb_household(&b, "覃桂芳", 4, 200);            /* 在册 from 2026-04-01 */
    b.state = 8;
    snprintf(b.state_since, sizeof b.state_since, "2026-04-01");
    CHECK_INT(db_household_save(db, &b), DB_OK);
    tdb_household(&c, "蓝志明", 3, 300);            /* 在册 since 2020; one died 2026-03-05 */
    c.state = 8;
    snprintf(c.state_since, sizeof c.state_since, "2020-01-01");
    CHECK_INT(db_household_save(db, &c), DB_OK);
    c.left[c.n_left++] = (struct member_leave){ c.members[2].id, 1, "20260305" };
    c.n_members = 2;
    snprintf(c.change_reason, sizeof c.change_reason, "户主申报");
    if (!CHECK_INT(db_household_save(db, &c), DB_OK))
        fprintf(stderr, "    %s\n", db_errmsg(db));
    static const struct { int year, people; } want[] = {
        { 2019, 0 }, { 2023, 3 }, { 2024, 8 }, { 2025, 8 }, { 2026, 6 }, { 2027, 6 },
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        struct vc_facts f;
        CHECK_INT(vs_facts(db, TDB_VILLAGE1, want[i].year, &f), DB_OK);
        if (!CHECK_INT(f.poor_people, want[i].people))
            fprintf(stderr, "    year %d\n", want[i].year);
    }
    db_close(db);
}
