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
