/* db/workflow_store: every precondition of the identification workflow, each
 * refused with its Chinese reason and then allowed once the fact is there. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "core/workflow.h"
#include "db/household_store.h"
#include "db/settings.h"
#include "db/workflow_store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

static void set_today(const char *d)
{
    setenv("FUPIN_TODAY", d, 1);
}

/* A household in `state`, head `name`, IDs from k0. */
static int64_t add_hh(struct db *db, const char *name, int k0, int state)
{
    struct household hh;
    tdb_household(&hh, name, 2, k0);
    hh.state = state;
    hh.survey.signed_household = hh.survey.signed_cadre = hh.survey.signed_surveyor = 1;
    hh.app.signed_by_applicant = 1;
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    return hh.id;
}

static int state_of(struct db *db, int64_t id)
{
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT state FROM households WHERE id = %lld", (long long)id);
    return (int)tdb_int(db, sql);
}

static int64_t meeting(struct db *db, int kind, int attendees, int reps)
{
    struct wfs_meeting m;
    memset(&m, 0, sizeof m);
    snprintf(m.village, sizeof m.village, "%s", TDB_VILLAGE1);
    m.kind = kind;
    snprintf(m.date, sizeof m.date, "2026-02-20");
    snprintf(m.host, sizeof m.host, "村支书");
    m.attendees = attendees;
    m.representatives = reps;
    CHECK_INT(wfs_meeting_save(db, &m), DB_OK);
    return m.id;
}

TEST(wfs_appraisal_two_thirds_rule)
{
    set_today("2026-02-20");
    struct db *db = tdb_open("w.db");
    int64_t a = add_hh(db, "甲一", 10, WF_SURVEYED), b = add_hh(db, "乙二", 20, WF_SURVEYED);
    int64_t m = meeting(db, NK_IDENTIFY, 60, 45);
    /* 45 representatives vote: 30 is exactly 2/3, 29 is not. */
    CHECK_INT(wfs_vote_set(db, m, a, 30, 10, 5, 9000), DB_OK);
    CHECK_INT(wfs_vote_set(db, m, b, 29, 10, 6, 9500), DB_OK);
    CHECK_INT(wfs_vote_set(db, m, b, 40, 10, 6, 9500), DB_ERR_INVALID);
    CHECK(strstr(db_errmsg(db), "超过到会代表 45 人") != NULL);
    struct wfs_vote v[4];
    size_t n = 0;
    CHECK_INT(wfs_agenda(db, m, v, 4, &n), DB_OK);
    CHECK_INT(n, 2);
    /* Ranked by score: 乙二 (95) first, 甲一 second. */
    CHECK_STR(v[0].head_name, "乙二");
    CHECK_INT(v[0].rank, 1);
    CHECK_INT(v[0].passes, 0);
    CHECK_STR(v[0].rule, "赞成 29 < 到会代表 45 人的2/3 (需 30 票), 不通过");
    CHECK_INT(v[1].rank, 2);
    CHECK_INT(v[1].passes, 1);
    char report[1024];
    CHECK_INT(wfs_meeting_decide(db, m, report, sizeof report), DB_OK);
    CHECK_INT(state_of(db, a), WF_APPRAISED);
    CHECK_INT(state_of(db, b), WF_REJECTED);
    CHECK(strstr(tdb_text(db, "SELECT reason FROM state_history WHERE to_state = 9"),
                 "村级评议未通过: 赞成 29 < 到会代表 45 人的2/3") != NULL);
    CHECK_STR(tdb_text(db, "SELECT operator FROM state_history ORDER BY id DESC LIMIT 1"), "测试员");
    /* The facts path refuses directly too (wf_can_move with the stored votes). */
    char why[256];
    CHECK_INT(wfs_can_move(db, a, WF_NOTICE1, why, sizeof why), 0);
    CHECK(strstr(why, "未列入已张贴") != NULL);
    db_close(db);
}

/* Drafts and posts round 1 for the appraised households of the village. */
static int64_t post_round1(struct db *db, const char *start)
{
    int64_t id = 0;
    CHECK_INT(wfs_notice_draft(db, NK_IDENTIFY, 1, TDB_VILLAGE1, start, &id), DB_OK);
    return id;
}

TEST(wfs_exclusion_blocks_posting_until_override)
{
    set_today("2026-03-01");
    struct db *db = tdb_open("w.db");
    struct household hh;
    tdb_household(&hh, "丙三", 2, 30);
    hh.state = WF_APPRAISED;
    hh.survey.exclusion[2] = 1;     /* 拥有小汽车或大型农机具 */
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    int64_t n = post_round1(db, "2026-03-01");
    CHECK_INT(wfs_notice_post(db, n, NULL), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "丙三: 七不进 勾选了 1 项, 未录入特批理由") != NULL);
    CHECK_INT(state_of(db, hh.id), WF_APPRAISED);
    CHECK_INT(tdb_int(db, "SELECT posted FROM notices"), 0);       /* rolled back whole */
    snprintf(hh.survey.exclusion_override, sizeof hh.survey.exclusion_override,
             "农机为村集体所有, 乡镇审核同意");
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    CHECK_INT(wfs_notice_post(db, n, NULL), DB_OK);
    CHECK_INT(state_of(db, hh.id), WF_NOTICE1);
    /* Frozen: the schema and the store refuse list edits. */
    CHECK_INT(wfs_notice_remove(db, n, hh.id), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "公示已张贴") != NULL);
    db_close(db);
}

TEST(wfs_close_refused_before_end_and_with_open_objection)
{
    set_today("2026-03-01");
    struct db *db = tdb_open("w.db");
    int64_t a = add_hh(db, "丁四", 40, WF_APPRAISED), b = add_hh(db, "戊五", 50, WF_APPRAISED);
    int64_t n = post_round1(db, "2026-03-01");
    struct wfs_notice nt;
    CHECK_INT(wfs_notice_get(db, n, &nt), DB_OK);
    CHECK_STR(nt.end, "2026-03-07");
    CHECK_INT(nt.n_households, 2);
    CHECK_INT(wfs_notice_post(db, n, NULL), DB_OK);
    struct wfs_objection o;
    memset(&o, 0, sizeof o);
    o.notice_id = n;
    o.household_id = a;
    snprintf(o.content, sizeof o.content, "家有轿车一辆");
    CHECK_INT(wfs_objection_add(db, &o), DB_OK);        /* anonymous */
    /* 回访核查 while round 1 runs is refused, on its last day too. */
    CHECK_INT(wfs_recheck(db, a, 1, "乡干部甲", "属实", "2026-03-05"), DB_ERR_CONSTRAINT);
    CHECK_STR(db_errmsg(db), "丁四: 回访核查 日期 2026-03-05 在一榜公示期 2026-03-01 至 2026-03-07 内, "
                             "公示期满后方可核查 (核查日期应为 2026-03-08 或之后)");
    CHECK_INT(wfs_recheck(db, b, 1, "乡干部甲", "属实", "2026-03-07"), DB_ERR_CONSTRAINT);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM rechecks"), 0);
    set_today("2026-03-07");
    char report[512];
    CHECK_INT(wfs_notice_close(db, n, report, sizeof report), DB_ERR_CONSTRAINT);
    CHECK_STR(db_errmsg(db), "公示期至 2026-03-07 结束, 2026-03-08 起方可结束本轮公示 (今天 2026-03-07)");
    set_today("2026-03-08");
    CHECK_INT(wfs_notice_close(db, n, report, sizeof report), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "1 条未处理的异议 (丁四)") != NULL);
    CHECK_INT(wfs_recheck(db, a, 1, "乡干部甲", "属实", "2026-03-08"), DB_OK);
    CHECK_INT(wfs_recheck(db, b, 1, "乡干部甲", "属实", "2026-03-08"), DB_OK);
    CHECK_INT(state_of(db, b), WF_RECHECKED);           /* round over: moved at once */
    CHECK_INT(state_of(db, a), WF_NOTICE1);             /* its objection is open */
    /* And the household alone cannot move either. */
    CHECK_INT(wfs_move(db, a, WF_RECHECKED, "", NULL), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "丁四: 本户有 1 条未处理的异议") != NULL);
    CHECK_INT(wfs_objection_resolve(db, o.id, OBJ_UPHELD, "", "", ""), DB_ERR_INVALID);
    CHECK_INT(wfs_objection_resolve(db, o.id, OBJ_UPHELD, "李核查", "车为亲戚所有, 异议不成立", ""), DB_OK);
    CHECK_INT(wfs_notice_close(db, n, report, sizeof report), DB_OK);
    CHECK_INT(state_of(db, a), WF_RECHECKED);
    CHECK_INT(state_of(db, b), WF_RECHECKED);
    /* The report names each household that moved. */
    CHECK(strstr(report, "丁四: 转为「已回访」\n本轮公示已结束: 1 户转入下一步\n") != NULL);
    db_close(db);
}

TEST(wfs_objection_cancel_rejects_household)
{
    set_today("2026-03-02");
    struct db *db = tdb_open("w.db");
    int64_t a = add_hh(db, "己六", 60, WF_APPRAISED);
    int64_t n = post_round1(db, "2026-03-01");
    CHECK_INT(wfs_notice_post(db, n, NULL), DB_OK);
    struct wfs_objection o;
    memset(&o, 0, sizeof o);
    o.notice_id = n;
    o.household_id = a;
    snprintf(o.objector, sizeof o.objector, "王某");
    snprintf(o.content, sizeof o.content, "儿子在县城工作有赡养能力");
    CHECK_INT(wfs_objection_add(db, &o), DB_OK);
    CHECK_INT(wfs_objection_resolve(db, o.id, OBJ_CANCEL, "李核查", "情况属实", "2026-03-04"), DB_OK);
    CHECK_INT(state_of(db, a), WF_REJECTED);
    CHECK(strstr(tdb_text(db, "SELECT reason FROM state_history ORDER BY id DESC LIMIT 1"),
                 "一榜异议成立, 取消: 异议成立 (情况属实)") != NULL);
    CHECK_STR(tdb_text(db, "SELECT date FROM state_history ORDER BY id DESC LIMIT 1"), "2026-03-04");
    /* Resolved once only. */
    CHECK_INT(wfs_objection_resolve(db, o.id, OBJ_UPHELD, "李核查", "x", ""), DB_ERR_CONSTRAINT);
    db_close(db);
}

TEST(wfs_rounds_2_3_need_township_and_county_then_register)
{
    set_today("2026-04-01");
    struct db *db = tdb_open("w.db");
    int64_t a = add_hh(db, "庚七", 70, WF_RECHECKED), b = add_hh(db, "辛八", 80, WF_RECHECKED);
    int64_t n2 = 0, n3 = 0;
    CHECK_INT(wfs_notice_draft(db, NK_IDENTIFY, 2, TDB_TOWNSHIP, "2026-04-01", &n2), DB_OK);
    CHECK_INT(wfs_notice_post(db, n2, NULL), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "乡镇审核") != NULL);
    struct wfs_notice nt;
    CHECK_INT(wfs_notice_get(db, n2, &nt), DB_OK);
    snprintf(nt.approval_date, sizeof nt.approval_date, "2026-03-30");
    CHECK_INT(wfs_notice_update(db, &nt), DB_OK);
    CHECK_INT(wfs_notice_post(db, n2, NULL), DB_OK);
    CHECK_INT(state_of(db, a), WF_NOTICE2);
    set_today("2026-04-08");
    CHECK_INT(wfs_notice_draft(db, NK_IDENTIFY, 3, TDB_COUNTY, "2026-04-08", &n3), DB_OK);
    CHECK_INT(wfs_notice_get(db, n3, &nt), DB_OK);
    CHECK_INT(nt.n_households, 2);
    snprintf(nt.approval_no, sizeof nt.approval_no, "隆扶办〔2026〕12号");
    snprintf(nt.approval_date, sizeof nt.approval_date, "2026-04-07");
    CHECK_INT(wfs_notice_update(db, &nt), DB_OK);
    /* Round 2 ends 04-07: on 04-07 the households may not leave it yet. */
    set_today("2026-04-07");
    nt.start[0] = 0;
    CHECK_INT(wfs_notice_get(db, n3, &nt), DB_OK);
    snprintf(nt.start, sizeof nt.start, "2026-04-07");
    CHECK_INT(wfs_notice_update(db, &nt), DB_OK);
    CHECK_INT(wfs_notice_post(db, n3, NULL), DB_ERR_CONSTRAINT);
    CHECK_STR(db_errmsg(db), "不能张贴: 公示 开始日期 2026-04-07 在上一榜公示期内 (上一榜 2026-04-07 结束), "
                             "开始日期应为 2026-04-08 或之后");
    /* Posting it a day later does not mend the dates: the start is what is printed. */
    set_today("2026-04-08");
    CHECK_INT(wfs_notice_post(db, n3, NULL), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "开始日期应为 2026-04-08 或之后") != NULL);
    snprintf(nt.start, sizeof nt.start, "2026-04-08");
    CHECK_INT(wfs_notice_update(db, &nt), DB_OK);
    CHECK_INT(wfs_notice_post(db, n3, NULL), DB_OK);
    CHECK_INT(state_of(db, b), WF_NOTICE3);
    set_today("2026-04-14");
    char report[512];
    CHECK_INT(wfs_notice_close(db, n3, report, sizeof report), DB_ERR_CONSTRAINT);
    set_today("2026-04-15");
    CHECK_INT(wfs_notice_close(db, n3, report, sizeof report), DB_OK);
    CHECK_INT(state_of(db, a), WF_REGISTERED);
    CHECK_STR(tdb_text(db, "SELECT hh_no FROM households WHERE head_name = '庚七'"), TDB_VILLAGE1 "0001");
    CHECK_STR(tdb_text(db, "SELECT hh_no FROM households WHERE head_name = '辛八'"), TDB_VILLAGE1 "0002");
    db_close(db);
}

TEST(wfs_hh_no_never_reused)
{
    set_today("2026-05-01");
    struct db *db = tdb_open("w.db");
    int64_t a = add_hh(db, "壬九", 90, WF_NOTICE3), b = add_hh(db, "癸十", 100, WF_NOTICE3);
    char no[HH_NO_LEN + 1];
    CHECK_INT(wfs_assign_hh_no(db, a, no), DB_OK);
    CHECK_STR(no, TDB_VILLAGE1 "0001");
    CHECK_INT(wfs_assign_hh_no(db, a, no), DB_OK);      /* keeps its number */
    CHECK_STR(no, TDB_VILLAGE1 "0001");
    /* The household leaves the file: its number is not handed out again. */
    CHECK_INT(db_household_delete(db, a, "测试"), DB_OK);
    CHECK_INT(db_exec(db, "UPDATE households SET hh_no = NULL WHERE head_name = '壬九'", "x"), DB_OK);
    CHECK_INT(wfs_assign_hh_no(db, b, no), DB_OK);
    CHECK_STR(no, TDB_VILLAGE1 "0002");
    db_close(db);
}

TEST(wfs_exit_needs_form_g_and_appraisal)
{
    set_today("2027-03-01");
    struct db *db = tdb_open("w.db");
    struct household hh;
    tdb_household(&hh, "退出户", 2, 110);
    hh.state = WF_REGISTERED;
    hh.survey.wage_income = 2400000;    /* 24000 元 / 2 人 = 12000 元 ≥ 2026 line */
    hh.survey.water_safe = 1;
    hh.members[0].med_ins = hh.members[1].med_ins = 1;
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    int64_t m = meeting(db, NK_EXIT, 50, 0);
    CHECK_INT(wfs_vote_set(db, m, hh.id, 45, 5, 0, 0), DB_OK);
    char why[256];
    CHECK_INT(wfs_can_move(db, hh.id, WF_EXIT_APPRAISED, why, sizeof why), 0);
    CHECK(strstr(why, "脱贫退出核查") != NULL);
    struct wfs_exit e;
    CHECK_INT(wfs_exit_prefill(db, hh.id, 0, &e), DB_OK);
    CHECK_INT(e.year, 2026);
    CHECK_INT(e.per_capita, 1200000);
    CHECK_INT(e.medical, 1);
    CHECK_INT(e.housing, 1);
    CHECK_INT(e.water, 1);
    CHECK_INT(wfs_exit_save(db, &e), DB_ERR_INVALID);   /* no 脱贫途径 */
    e.route = 2;                                        /* 就业 */
    e.water = 0;                                        /* the clerk found otherwise */
    CHECK_INT(wfs_exit_save(db, &e), DB_OK);
    CHECK_INT(wfs_exit_passes(&e, why, sizeof why), 0);
    CHECK_STR(why, "饮水安全有保障未通过");
    CHECK_INT(wfs_move(db, hh.id, WF_EXIT_APPRAISED, "", NULL), DB_ERR_CONSTRAINT);
    e.water = 1;
    CHECK_INT(wfs_exit_save(db, &e), DB_OK);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM exits"), 1);
    char report[512];
    CHECK_INT(wfs_meeting_decide(db, m, report, sizeof report), DB_OK);
    CHECK_INT(state_of(db, hh.id), WF_EXIT_APPRAISED);
    db_close(db);
}

TEST(wfs_relapse_needs_signed_application_of_the_year)
{
    set_today("2027-06-01");
    struct db *db = tdb_open("w.db");
    int64_t a = add_hh(db, "返贫户", 120, WF_EXITED);   /* its Form A is of 2026 */
    CHECK_INT(wfs_relapse(db, a, "", ""), DB_ERR_INVALID);
    CHECK_INT(wfs_relapse(db, a, "", "因病返贫"), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "申请书未签字") != NULL);
    struct household hh;
    CHECK_INT(db_household_load(db, a, 2026, &hh), DB_OK);
    hh.app.year = 2027;
    hh.app.signed_by_applicant = 1;
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    CHECK_INT(wfs_relapse(db, a, "", "因病返贫"), DB_OK);
    CHECK_INT(state_of(db, a), WF_APPLIED);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM state_history WHERE household_id = 1"), 2);
    db_close(db);
}

TEST(wfs_removal_needs_reason_and_notice)
{
    set_today("2026-09-01");
    struct db *db = tdb_open("w.db");
    int64_t a = add_hh(db, "清退户", 130, WF_REGISTERED);
    int64_t n = 0;
    CHECK_INT(wfs_notice_draft(db, NK_ADJUST, 1, TDB_VILLAGE1, "", &n), DB_OK);
    CHECK_INT(wfs_notice_add(db, n, a, ""), DB_ERR_INVALID);
    CHECK(strstr(db_errmsg(db), "清退须录入书面原因") != NULL);
    CHECK_INT(wfs_notice_add(db, n, a, "家庭成员为财政供养人员"), DB_OK);
    CHECK_INT(wfs_notice_post(db, n, NULL), DB_OK);
    CHECK_INT(state_of(db, a), WF_REMOVAL_NOTICE);
    set_today("2026-09-08");
    char report[256];
    CHECK_INT(wfs_notice_close(db, n, report, sizeof report), DB_OK);
    CHECK_INT(state_of(db, a), WF_REMOVED);
    CHECK_INT(wfs_notice_draft(db, NK_ADJUST, 2, TDB_VILLAGE1, "", &n), DB_ERR_INVALID);
    db_close(db);
}

TEST(wfs_household_notices_and_titles)
{
    set_today("2026-03-01");
    struct db *db = tdb_open("w.db");
    int64_t a = add_hh(db, "名单户", 140, WF_APPRAISED);
    int64_t n = post_round1(db, "2026-03-01");
    CHECK_INT(wfs_notice_post(db, n, NULL), DB_OK);
    struct wfs_hh_notice hn[4];
    size_t k = 0;
    CHECK_INT(wfs_household_notices(db, a, hn, 4, &k), DB_OK);
    CHECK_INT(k, 1);
    CHECK_STR(hn[0].title, "城厢镇东信村2026年扶贫对象识别第一榜公示名单");
    CHECK_STR(hn[0].end, "2026-03-07");
    /* Shorter than the configured 7 days: refused. */
    struct wfs_notice nt;
    int64_t d = 0;
    CHECK_INT(wfs_notice_draft(db, NK_EXIT, 1, TDB_VILLAGE1, "", &d), DB_OK);
    CHECK_INT(wfs_notice_get(db, d, &nt), DB_OK);
    nt.days = 5;
    CHECK_INT(wfs_notice_update(db, &nt), DB_ERR_INVALID);
    CHECK(strstr(db_errmsg(db), "少于规定的 7 天") != NULL);
    /* Posting an empty list or one that starts tomorrow is refused. */
    CHECK_INT(wfs_notice_post(db, d, NULL), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "名单为空") != NULL);
    db_close(db);
}

/* Place and publisher are remembered per scope: a village notice keeps its
 * committee after a township notice was published by the township; the
 * supervision phone is shared.  Project notices and meetings (项目管理) are not
 * listed with the workflow's. */
TEST(wfs_notice_defaults_per_scope_and_lists_without_projects)
{
    set_today("2026-03-01");
    struct db *db = tdb_open("w.db");
    struct wfs_notice nt;
    int64_t v = 0, t = 0, v2 = 0;
    CHECK_INT(wfs_notice_draft(db, NK_IDENTIFY, 1, TDB_VILLAGE1, "", &v), DB_OK);
    CHECK_INT(wfs_notice_get(db, v, &nt), DB_OK);
    CHECK_STR(nt.publisher, "东信村村民委员会");
    CHECK_STR(nt.place, "村委会公示栏");
    CHECK_INT(wfs_notice_draft(db, NK_IDENTIFY, 2, TDB_TOWNSHIP, "", &t), DB_OK);
    CHECK_INT(wfs_notice_get(db, t, &nt), DB_OK);
    CHECK_STR(nt.publisher, "城厢镇人民政府");
    snprintf(nt.publisher, sizeof nt.publisher, "城厢镇扶贫工作站");
    snprintf(nt.place, sizeof nt.place, "镇政府政务公开栏");
    snprintf(nt.phone, sizeof nt.phone, "0771-1234567");
    CHECK_INT(wfs_notice_update(db, &nt), DB_OK);
    CHECK_INT(wfs_notice_draft(db, NK_EXIT, 1, TDB_VILLAGE1, "", &v2), DB_OK);
    CHECK_INT(wfs_notice_get(db, v2, &nt), DB_OK);
    CHECK_STR(nt.publisher, "东信村村民委员会");
    CHECK_STR(nt.place, "村委会公示栏");
    CHECK_STR(nt.phone, "0771-1234567");
    CHECK_INT(wfs_notice_draft(db, NK_EXIT, 2, TDB_TOWNSHIP, "", &v2), DB_OK);
    CHECK_INT(wfs_notice_get(db, v2, &nt), DB_OK);
    CHECK_STR(nt.publisher, "城厢镇扶贫工作站");
    CHECK_STR(nt.place, "镇政府政务公开栏");
    /* A project notice and meeting in the same village. */
    CHECK_INT(db_exec(db, "INSERT INTO notices(kind, round, area, year, start_date, days, end_date, posted) "
                          "VALUES (4, 1, '" TDB_VILLAGE1 "', 2026, '2026-02-01', 3, '2026-02-03', 1);"
                          "INSERT INTO meetings(village, kind, year, meeting_date) "
                          "VALUES ('" TDB_VILLAGE1 "', 4, 2026, '2026-01-30')", "项目公示"), DB_OK);
    struct wfs_notice ns[8];
    size_t k = 0;
    CHECK_INT(wfs_notices(db, NULL, ns, 8, &k), DB_OK);
    CHECK_INT(k, 4);
    for (size_t i = 0; i < k; i++)
        CHECK(ns[i].kind != NK_PROJECT);
    struct wfs_meeting ms[4];
    CHECK_INT(wfs_meetings(db, NULL, ms, 4, &k), DB_OK);
    CHECK_INT(k, 0);
    db_close(db);
}

/* The notices of an area are those under it and those covering it: a
 * village's clerk finds the township's 二榜 and the county's 三榜 as well,
 * never another village's or another township's. */
TEST(wfs_notices_of_an_area_include_the_covering_ones)
{
    set_today("2026-03-01");
    struct db *db = tdb_open("w.db");
    const char *scopes[] = { TDB_VILLAGE1, TDB_VILLAGE2, TDB_VILLAGE3, TDB_TOWNSHIP, TDB_COUNTY };
    const int rounds[] = { 1, 1, 1, 2, 3 };
    for (size_t i = 0; i < 5; i++) {
        int64_t id = 0;
        CHECK_INT(wfs_notice_draft(db, NK_IDENTIFY, rounds[i], scopes[i], "", &id), DB_OK);
    }
    static const struct { const char *filter; const char *want; } cases[] = {
        { TDB_VILLAGE1, TDB_VILLAGE1 " " TDB_TOWNSHIP " " TDB_COUNTY },
        { TDB_VILLAGE3, TDB_VILLAGE3 " " TDB_COUNTY },
        { TDB_TOWNSHIP, TDB_VILLAGE1 " " TDB_VILLAGE2 " " TDB_TOWNSHIP " " TDB_COUNTY },
        { TDB_COUNTY, TDB_VILLAGE1 " " TDB_VILLAGE2 " " TDB_VILLAGE3 " " TDB_TOWNSHIP " " TDB_COUNTY },
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        struct wfs_notice ns[8];
        size_t k = 0;
        CHECK_INT(wfs_notices(db, cases[c].filter, ns, 8, &k), DB_OK);
        char got[200] = "";
        for (const char *w = cases[c].want; *w;) {      /* each wanted scope once, in any order */
            size_t len = strcspn(w, " "), hits = 0;
            for (size_t i = 0; i < k; i++)
                hits += strlen(ns[i].area) == len && strncmp(ns[i].area, w, len) == 0;
            snprintf(got + strlen(got), sizeof got - strlen(got), "%zu", hits);
            w += len + (w[len] == ' ');
        }
        size_t want_n = 1;
        for (const char *w = cases[c].want; *w; w++)
            want_n += *w == ' ';
        CHECK_INT(k, want_n);
        CHECK(strspn(got, "1") == want_n);
    }
    db_close(db);
}

/* A drafted notice lists its households by 村民小组 number, and so does the
 * list of those that could be added; not in the text order, where 第三组
 * came before 第二组 and 第五组 before 第四组. */
TEST(wfs_notice_lists_groups_by_number)
{
    set_today("2026-03-01");
    struct db *db = tdb_open("w.db");
    static const char *const entered[] = { "第十组", "第三组", "第二组", "第五组", "第四组" };
    static const char *const listed[] = { "第二组", "第三组", "第四组", "第五组", "第十组" };
    int64_t ids[5];
    for (int i = 0; i < 5; i++) {
        ids[i] = add_hh(db, "覃小军", 100 * (i + 1), wfs_notice_source_state(NK_IDENTIFY, 1));
        char sql[128];
        snprintf(sql, sizeof sql, "UPDATE households SET group_name = '%s' WHERE id = %lld", entered[i],
                 (long long)ids[i]);
        CHECK_INT(db_exec(db, sql, "小组"), DB_OK);
    }
    int64_t v = 0;
    CHECK_INT(wfs_notice_draft(db, NK_IDENTIFY, 1, TDB_VILLAGE1, "", &v), DB_OK);
    struct wfs_listed l[8];
    size_t n = 0;
    CHECK_INT(wfs_notice_list(db, v, l, 8, &n), DB_OK);
    CHECK_INT(n, 5);
    for (size_t i = 0; i < n; i++)
        CHECK_STR(l[i].group_name, listed[i]);
    for (int i = 0; i < 5; i++)
        CHECK_INT(wfs_notice_remove(db, v, ids[i]), DB_OK);
    CHECK_INT(wfs_notice_candidates(db, v, l, 8, &n), DB_OK);
    CHECK_INT(n, 5);
    for (size_t i = 0; i < n; i++)
        CHECK_STR(l[i].group_name, listed[i]);
    db_close(db);
}

/* n households in `state` in TDB_VILLAGE1: one saved whole, the others its
 * copies made by SQL (3 000 saves take seconds; the workflow reads only the
 * households row).  村民小组 1 + (i * 7) % 12, so that the list order is not
 * the entry order; ids[i] and groups[i] get what was stored, in entry order. */
static void plant_many(struct db *db, int n, int state, int64_t *ids, int *groups)
{
    int64_t first = add_hh(db, "韦大山", 10000, state);
    char sql[1024];
    snprintf(sql, sizeof sql,
             "UPDATE households SET group_name = '第1组' WHERE id = %1$lld;"
             "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %2$d) "
             "INSERT INTO households(village, group_name, head_name, state) "
             "SELECT h.village, '第' || (1 + (k.i * 7) %% 12) || '组', h.head_name, h.state "
             "FROM households h, k WHERE h.id = %1$lld ORDER BY k.i",
             (long long)first, n - 1);
    CHECK_INT(db_exec(db, sql, "成批建户"), DB_OK);
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(db_handle(db), "SELECT id, group_name FROM households WHERE id >= ?1 "
                       "ORDER BY id LIMIT ?2", -1, &st, NULL);
    sqlite3_bind_int64(st, 1, first);
    sqlite3_bind_int(st, 2, n);
    int i = 0;
    while (sqlite3_step(st) == SQLITE_ROW && i < n) {
        ids[i] = sqlite3_column_int64(st, 0);
        groups[i] = 0;
        sscanf((const char *)sqlite3_column_text(st, 1), "第%d组", &groups[i]);
        i++;
    }
    sqlite3_finalize(st);
    CHECK_INT(i, n);
}

/* The list of notice nid as stored, in ordinal order: ids and ordinals. */
static size_t stored_list(struct db *db, int64_t nid, int64_t *ids, int *ords, size_t max)
{
    sqlite3_stmt *st = NULL;
    size_t n = 0;
    sqlite3_prepare_v2(db_handle(db), "SELECT household_id, ordinal FROM notice_households "
                       "WHERE notice_id = ?1 ORDER BY ordinal, household_id", -1, &st, NULL);
    sqlite3_bind_int64(st, 1, nid);
    while (sqlite3_step(st) == SQLITE_ROW && n < max) {
        ids[n] = sqlite3_column_int64(st, 0);
        ords[n++] = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    return n;
}

/* A round-1 notice of a village of 3 000 candidates lists every one of them,
 * numbered 1..3 000 by 村民小组 then entry, and nobody else (it gathered
 * the ids in an array that, when a realloc failed, was committed cut short;
 * and each row asked max(ordinal) of those before it). */
TEST(wfs_notice_draft_lists_every_candidate_of_a_big_village)
{
    enum { N = 3000 };
    set_today("2026-03-01");
    struct db *db = tdb_open("w.db");
    int src = wfs_notice_source_state(NK_IDENTIFY, 1);
    int64_t *ids = calloc(N, sizeof *ids), *got = calloc(N + 1, sizeof *got), *want = calloc(N, sizeof *want);
    int *groups = calloc(N, sizeof *groups), *ords = calloc(N + 1, sizeof *ords);
    plant_many(db, N, src, ids, groups);
    /* Not candidates: another state, another village, deleted. */
    add_hh(db, "覃未评", 90000, WF_SURVEYED);
    int64_t other = add_hh(db, "黄邻村", 90010, src);
    char sql[160];
    snprintf(sql, sizeof sql, "UPDATE households SET village = '%s' WHERE id = %lld", TDB_VILLAGE2,
             (long long)other);
    CHECK_INT(db_exec(db, sql, "邻村"), DB_OK);
    CHECK_INT(db_household_delete(db, add_hh(db, "蓝已删", 90020, src), "测试"), DB_OK);
    size_t k = 0;
    for (int g = 1; g <= 12; g++)
        for (int i = 0; i < N; i++)
            if (groups[i] == g)
                want[k++] = ids[i];
    int64_t nid = 0;
    CHECK_INT(wfs_notice_draft(db, NK_IDENTIFY, 1, TDB_VILLAGE1, "", &nid), DB_OK);
    struct wfs_notice nt;
    CHECK_INT(wfs_notice_get(db, nid, &nt), DB_OK);
    CHECK_INT(nt.n_households, N);
    CHECK_INT(stored_list(db, nid, got, ords, N + 1), N);
    int bad = 0;
    for (size_t i = 0; i < N; i++)
        bad += got[i] != want[i] || ords[i] != (int)i + 1;
    CHECK_INT(bad, 0);
    free(ids), free(got), free(want), free(groups), free(ords);
    db_close(db);
}

/* Ordinals: 1..n in list order on a draft; a household added later goes
 * after the last one, whatever was removed in between. */
TEST(wfs_notice_ordinals_of_draft_and_later_adds)
{
    set_today("2026-03-01");
    struct db *db = tdb_open("w.db");
    int src = wfs_notice_source_state(NK_IDENTIFY, 1);
    int64_t ids[5];
    int groups[5];
    plant_many(db, 5, src, ids, groups);    /* groups 1, 8, 3, 10, 5 */
    int64_t nid = 0;
    CHECK_INT(wfs_notice_draft(db, NK_IDENTIFY, 1, TDB_VILLAGE1, "", &nid), DB_OK);
    int64_t got[8];
    int ords[8];
    const int64_t drafted[5] = { ids[0], ids[2], ids[4], ids[1], ids[3] };
    CHECK_INT(stored_list(db, nid, got, ords, 8), 5);
    for (int i = 0; i < 5; i++) {
        CHECK_INT(got[i], drafted[i]);
        CHECK_INT(ords[i], i + 1);
    }
    /* Removed from the middle and added back: last, number 6. */
    CHECK_INT(wfs_notice_remove(db, nid, ids[2]), DB_OK);
    CHECK_INT(wfs_notice_add(db, nid, ids[2], ""), DB_OK);
    int64_t late = add_hh(db, "莫后来", 95000, src);
    CHECK_INT(wfs_notice_add(db, nid, late, ""), DB_OK);
    CHECK_INT(wfs_notice_add(db, nid, late, ""), DB_OK);     /* listed already: kept as it is */
    const int64_t after[6] = { ids[0], ids[4], ids[1], ids[3], ids[2], late };
    const int after_ord[6] = { 1, 3, 4, 5, 6, 7 };
    CHECK_INT(stored_list(db, nid, got, ords, 8), 6);
    for (int i = 0; i < 6; i++) {
        CHECK_INT(got[i], after[i]);
        CHECK_INT(ords[i], after_ord[i]);
    }
    db_close(db);
}

static int count_commits(void *ud)
{
    ++*(int *)ud;
    return 0;
}

/* A list goes on the agenda whole or not at all, with wfs_agenda_add's
 * checks for each household; the refusal names the household.  All of a
 * valid list is one transaction (全部 used to add one by one: a commit and
 * an fsync each, and a refusal halfway left the first ones on). */
TEST(wfs_agenda_add_list_all_or_nothing)
{
    set_today("2026-02-20");
    struct db *db = tdb_open("w.db");
    int64_t m = meeting(db, NK_IDENTIFY, 60, 45);
    int64_t h[6];
    int groups[6];
    plant_many(db, 6, WF_SURVEYED, h, groups);
    int64_t away = add_hh(db, "罗外村", 96000, WF_SURVEYED);
    char sql[160];
    snprintf(sql, sizeof sql, "UPDATE households SET village = '%s' WHERE id = %lld", TDB_VILLAGE2,
             (long long)away);
    CHECK_INT(db_exec(db, sql, "邻村"), DB_OK);
    int64_t early = add_hh(db, "覃未调查", 96010, WF_APPLIED);
    const char *votes = "SELECT count(*) FROM votes";
    const char *audited = "SELECT count(*) FROM audit WHERE tbl = 'votes' AND action = 'insert'";
    int64_t bad1[4] = { h[0], h[1], away, h[2] };
    CHECK_INT(wfs_agenda_add_list(db, m, bad1, 4), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "罗外村 不是本村的户") != NULL);
    CHECK(strstr(db_errmsg(db), "本次 4 户均未列入") != NULL);
    CHECK_INT(tdb_int(db, votes), 0);
    int64_t bad2[3] = { h[0], h[1], early };
    CHECK_INT(wfs_agenda_add_list(db, m, bad2, 3), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "覃未调查 处于") != NULL);
    int64_t bad3[2] = { h[0], 999999 };
    CHECK_INT(wfs_agenda_add_list(db, m, bad3, 2), DB_ERR_NOTFOUND);
    CHECK(strstr(db_errmsg(db), "household 999999 not found") != NULL);
    CHECK_INT(tdb_int(db, votes), 0);
    CHECK_INT(tdb_int(db, audited), 0);
    /* One on the agenda already is skipped, as by wfs_agenda_add. */
    CHECK_INT(wfs_agenda_add(db, m, h[5]), DB_OK);
    int commits = 0;
    /* db.c's own hook only turns a commit of a moved file into a rollback;
     * nothing moves here, and the connection is closed below. */
    sqlite3_commit_hook(db_handle(db), count_commits, &commits);
    CHECK_INT(wfs_agenda_add_list(db, m, h, 6), DB_OK);
    CHECK_INT(commits, 1);
    CHECK_INT(tdb_int(db, votes), 6);
    CHECK_INT(tdb_int(db, audited), 6);
    struct wfs_vote v[8];
    size_t n = 0;
    CHECK_INT(wfs_agenda(db, m, v, 8, &n), DB_OK);
    CHECK_INT(n, 6);
    db_close(db);
}
