/* A village of 30 applicants through all eight steps of 精准识别 with time
 * moved forward (FUPIN_TODAY), then two households exiting the next year:
 * states, history, 户编号 and the exported notices (read back with openpyxl)
 * checked at each round. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "tests/unit/test_export_util.h"
#include "core/workflow.h"
#include "db/household_store.h"
#include "db/notice_export.h"
#include "db/workflow_store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_HH 30

static void set_today(const char *d)
{
    setenv("FUPIN_TODAY", d, 1);
}

static int count_state(struct db *db, int state)
{
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM households WHERE state = %d", state);
    return (int)tdb_int(db, sql);
}

static int state_of(struct db *db, int64_t id)
{
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT state FROM households WHERE id = %lld", (long long)id);
    return (int)tdb_int(db, sql);
}

/* Exports notice `id` and returns the openpyxl dump (caller frees). */
static char *export_dump(struct db *db, int64_t id, const char *name)
{
    const char *path = tdb_path(name);
    CHECK_INT(notice_export(db, id, path), DB_OK);
    char *d = xr_dump(path);
    CHECK(d != NULL);
    return d;
}

/* What every notice export must have: A4 (upright when it fits), header
 * repeated, fit to one page wide, the merged title in 18 pt bold, 宋体. */
static void check_print(const char *d, const char *title)
{
    char want[400];
    CHECK(xr_has(d, "paper\t9"));
    CHECK(xr_has(d, "titles\t$3:$3"));
    CHECK(xr_has(d, "fit\t1 0 True"));
    CHECK(xr_has(d, "merge\tA1:I1"));
    snprintf(want, sizeof want, "cell\tA1\ts\tGeneral\t宋体\t18.0\t1\t");
    CHECK(xr_has(d, want));
    snprintf(want, sizeof want, "\t%s\n", title);
    CHECK(xr_has(d, want));
    CHECK(xr_has(d, "\t身份证号\n"));
}

static char *names[N_HH];

TEST(wfr_thirty_households_eight_steps_then_exit)
{
    set_today("2026-02-01");
    struct db *db = tdb_open("run.db");
    int64_t id[N_HH];
    static char name_buf[N_HH][32];
    static const char *const surnames[] = { "覃", "韦", "黄", "陆", "梁", "蒙" };
    for (int i = 0; i < N_HH; i++) {
        struct household hh;
        snprintf(name_buf[i], sizeof name_buf[i], "%s%s%d", surnames[i % 6], "申请", i + 1);
        names[i] = name_buf[i];
        tdb_household(&hh, name_buf[i], 3, 2000 + i * 10);
        hh.state = WF_APPLIED;
        hh.app.signed_by_applicant = 1;
        snprintf(hh.group_name, sizeof hh.group_name, "第%s组", i % 2 ? "二" : "一");
        hh.survey.wage_income = 300000 + i * 1000;      /* 3000 元 + 10 元 × i */
        /* Two surveys are not signed by the household yet. */
        int unsigned_ = i == 3 || i == 4;
        hh.survey.signed_household = !unsigned_;
        hh.survey.signed_cadre = hh.survey.signed_surveyor = 1;
        CHECK_INT(db_household_save(db, &hh), DB_OK);
        id[i] = hh.id;
    }
    /* Step 2: survey → 已调查; the unsigned two are refused, then fixed. */
    set_today("2026-02-10");
    for (int i = 0; i < N_HH; i++) {
        enum db_err e = wfs_move(db, id[i], WF_SURVEYED, "", NULL);
        if (i == 3 || i == 4) {
            CHECK_INT(e, DB_ERR_CONSTRAINT);
            CHECK(strstr(db_errmsg(db), "入户调查表缺少签字: 农户签字") != NULL);
            struct household hh;
            CHECK_INT(db_household_load(db, id[i], 2026, &hh), DB_OK);
            hh.survey.signed_household = 1;
            CHECK_INT(db_household_save(db, &hh), DB_OK);
            e = wfs_move(db, id[i], WF_SURVEYED, "", NULL);
        }
        CHECK_INT(e, DB_OK);
    }
    CHECK_INT(count_state(db, WF_SURVEYED), N_HH);

    /* Step 3: the meeting; 51 representatives, 34 needed.  Households
     * 26..29 get 33 votes or fewer: rejected at appraisal. */
    struct wfs_meeting m;
    memset(&m, 0, sizeof m);
    snprintf(m.village, sizeof m.village, "%s", TDB_VILLAGE1);
    m.kind = NK_IDENTIFY;
    snprintf(m.date, sizeof m.date, "2026-02-20");
    m.attendees = 62;
    m.representatives = 51;
    CHECK_INT(wfs_meeting_save(db, &m), DB_OK);
    struct wfs_vote cand[N_HH + 1];
    size_t nc = 0;
    CHECK_INT(wfs_agenda_candidates(db, m.id, cand, N_HH + 1, &nc), DB_OK);
    CHECK_INT(nc, N_HH);
    for (int i = 0; i < N_HH; i++) {
        int yes = i < 26 ? 34 + i % 10 : 33 - (i - 26);
        CHECK_INT(wfs_vote_set(db, m.id, id[i], yes, 51 - yes, 0, 6000 + i * 100), DB_OK);
    }
    set_today("2026-02-20");
    char report[8192];
    CHECK_INT(wfs_meeting_decide(db, m.id, report, sizeof report), DB_OK);
    CHECK_INT(count_state(db, WF_APPRAISED), 26);
    CHECK_INT(count_state(db, WF_REJECTED), 4);
    CHECK(strstr(report, "赞成 33 < 到会代表 51 人的2/3 (需 34 票), 不通过") != NULL);

    /* Step 4: round 1, drafted from the 26 appraised, posted 03-01. */
    set_today("2026-03-01");
    int64_t n1 = 0;
    CHECK_INT(wfs_notice_draft(db, NK_IDENTIFY, 1, TDB_VILLAGE1, "", &n1), DB_OK);
    struct wfs_notice nt;
    CHECK_INT(wfs_notice_get(db, n1, &nt), DB_OK);
    CHECK_INT(nt.n_households, 26);
    snprintf(nt.phone, sizeof nt.phone, "0771-6521234");
    snprintf(nt.publisher, sizeof nt.publisher, "东信村民委员会");
    CHECK_INT(wfs_notice_update(db, &nt), DB_OK);
    CHECK_INT(wfs_notice_post(db, n1, NULL), DB_OK);
    CHECK_INT(count_state(db, WF_NOTICE1), 26);
    char *d = export_dump(db, n1, "n1.xlsx");
    check_print(d, "城厢镇东信村2026年扶贫对象识别第一榜公示名单");
    char want[300], masked[40];
    /* Row 1 of the data (sheet row 4) is the first household, masked. */
    struct household h0;
    CHECK_INT(db_household_load(db, id[0], 0, &h0), DB_OK);
    snprintf(masked, sizeof masked, "%.6s********%.4s", h0.members[0].id_no, h0.members[0].id_no + 14);
    snprintf(want, sizeof want, "cell\tE4\ts\t@\t宋体");
    CHECK(xr_has(d, want));
    snprintf(want, sizeof want, "\t%s\n", masked);
    CHECK(xr_has(d, want));
    CHECK(!strstr(d, h0.members[0].id_no));             /* never the full number */
    snprintf(want, sizeof want, "\t%s\n", names[0]);
    CHECK(xr_has(d, want));
    CHECK(xr_has(d, "cell\tA2\ts\tGeneral\t宋体\t11.0\t0\tNone\t\u3000\u3000经农户申请、村民小组评议和村民代表"
                    "大会民主评议，现将扶贫对象识别第一榜名单予以公示。公示期自2026年3月1日至2026年3月7日，共 7 天。"));
    CHECK(xr_has(d, "监督电话：0771-6521234"));
    CHECK(xr_has(d, "\t发布单位：东信村民委员会（盖章）\n"));
    CHECK(xr_has(d, "sheets\t第一榜公示_识别\n"));
    CHECK(xr_has(d, "\t2026年3月1日\n"));
    CHECK(xr_has(d, "cell\tH4\tn\t#,##0.00"));              /* 年人均纯收入 as a number */
    free(d);

    /* Objections: one upheld (维持) on id[1], one successful (取消) on id[2]. */
    set_today("2026-03-03");
    struct wfs_objection o1, o2;
    memset(&o1, 0, sizeof o1);
    o1.notice_id = n1;
    o1.household_id = id[1];
    snprintf(o1.content, sizeof o1.content, "反映该户有小汽车");
    CHECK_INT(wfs_objection_add(db, &o1), DB_OK);
    memset(&o2, 0, sizeof o2);
    o2.notice_id = n1;
    o2.household_id = id[2];
    snprintf(o2.objector, sizeof o2.objector, "村民甲");
    snprintf(o2.content, sizeof o2.content, "子女在城镇工作, 有赡养能力");
    CHECK_INT(wfs_objection_add(db, &o2), DB_OK);
    /* The township rechecks after the round (张榜公示期满后), not during it. */
    set_today("2026-03-05");
    CHECK_INT(wfs_recheck(db, id[0], 1, "乡扶贫专干", "情况属实", ""), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "核查日期应为 2026-03-08 或之后") != NULL);
    /* Step 5: close — too early, then an open objection, then done. */
    set_today("2026-03-07");
    CHECK_INT(wfs_notice_close(db, n1, report, sizeof report), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "2026-03-08 起方可结束本轮公示") != NULL);
    set_today("2026-03-08");
    for (int i = 0; i < 26; i++)
        if (i != 2 && i != 5)
            CHECK_INT(wfs_recheck(db, id[i], 1, "乡扶贫专干", "情况属实", ""), DB_OK);
    CHECK_INT(count_state(db, WF_RECHECKED), 23);       /* id[1]: its objection is open */
    CHECK_INT(wfs_notice_close(db, n1, report, sizeof report), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "2 条未处理的异议") != NULL);
    CHECK_INT(wfs_objection_resolve(db, o1.id, OBJ_UPHELD, "乡纪委", "车辆登记在他人名下, 异议不成立", ""), DB_OK);
    CHECK_INT(wfs_objection_resolve(db, o2.id, OBJ_CANCEL, "乡纪委", "子女均有稳定收入, 异议成立", ""), DB_OK);
    CHECK_INT(state_of(db, id[2]), WF_REJECTED);
    CHECK_INT(wfs_notice_close(db, n1, report, sizeof report), DB_OK);
    CHECK_INT(count_state(db, WF_RECHECKED), 24);
    CHECK_INT(state_of(db, id[5]), WF_NOTICE1);         /* recheck still missing */
    CHECK_INT(wfs_recheck(db, id[5], 1, "乡扶贫专干", "情况属实", ""), DB_OK);
    CHECK_INT(state_of(db, id[5]), WF_RECHECKED);       /* round over: moved at once */
    CHECK_INT(count_state(db, WF_RECHECKED), 25);

    /* Step 6: township review + round 2 (township-wide). */
    set_today("2026-03-10");
    int64_t n2 = 0;
    CHECK_INT(wfs_notice_draft(db, NK_IDENTIFY, 2, TDB_TOWNSHIP, "", &n2), DB_OK);
    CHECK_INT(wfs_notice_post(db, n2, NULL), DB_ERR_CONSTRAINT);   /* no 乡镇审核 yet */
    CHECK_INT(wfs_notice_get(db, n2, &nt), DB_OK);
    snprintf(nt.approval_date, sizeof nt.approval_date, "2026-03-09");
    CHECK_INT(wfs_notice_update(db, &nt), DB_OK);
    CHECK_INT(wfs_notice_post(db, n2, NULL), DB_OK);
    CHECK_INT(count_state(db, WF_NOTICE2), 25);
    d = export_dump(db, n2, "n2.xlsx");
    check_print(d, "城厢镇2026年扶贫对象识别第二榜公示名单");
    CHECK(xr_has(d, "现将扶贫对象识别第二榜名单予以公示。公示期自2026年3月10日至2026年3月16日，共 7 天。"));
    /* A township list names each household's village, and the review it rests on. */
    CHECK(xr_has(d, "\t所在村组\n"));
    CHECK(xr_has(d, "\t东信村"));
    CHECK(xr_has(d, "\t乡镇审核：（2026年3月9日）\n"));
    free(d);

    /* Step 7: county confirmation + round 3, after round 2 is over. */
    set_today("2026-03-17");
    CHECK_INT(wfs_notice_close(db, n2, report, sizeof report), DB_OK);
    CHECK_INT(count_state(db, WF_NOTICE2), 25);         /* round 3's posting moves them */
    int64_t n3 = 0;
    CHECK_INT(wfs_notice_draft(db, NK_IDENTIFY, 3, TDB_COUNTY, "", &n3), DB_OK);
    CHECK_INT(wfs_notice_post(db, n3, NULL), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "县级确认批文") != NULL);
    CHECK_INT(wfs_notice_get(db, n3, &nt), DB_OK);
    snprintf(nt.approval_no, sizeof nt.approval_no, "隆扶组〔2026〕8号");
    snprintf(nt.approval_date, sizeof nt.approval_date, "2026-03-16");
    CHECK_INT(wfs_notice_update(db, &nt), DB_OK);
    CHECK_INT(wfs_notice_post(db, n3, NULL), DB_OK);
    CHECK_INT(count_state(db, WF_NOTICE3), 25);
    d = export_dump(db, n3, "n3.xlsx");
    check_print(d, "隆安县2026年扶贫对象识别第三榜公示名单");
    CHECK(xr_has(d, "\t县级确认批文：隆扶组〔2026〕8号（2026年3月16日）\n"));
    free(d);

    /* Step 8: registration with 户编号 in list order. */
    set_today("2026-03-24");
    CHECK_INT(wfs_notice_close(db, n3, report, sizeof report), DB_OK);
    CHECK_INT(count_state(db, WF_REGISTERED), 25);
    CHECK_STR(tdb_text(db, "SELECT min(hh_no) FROM households"), TDB_VILLAGE1 "0001");
    CHECK_STR(tdb_text(db, "SELECT max(hh_no) FROM households"), TDB_VILLAGE1 "0025");
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM households WHERE hh_no IS NOT NULL"), 25);
    /* The full history of a registered household: 新建户 + the 7 moves. */
    struct state_row hist[16];
    size_t nh = 0;
    CHECK_INT(db_state_history(db, id[1], hist, 16, &nh), DB_OK);
    CHECK_INT(nh, 8);
    static const int path[] = { WF_APPLIED, WF_SURVEYED, WF_APPRAISED, WF_NOTICE1, WF_RECHECKED,
                                WF_NOTICE2, WF_NOTICE3, WF_REGISTERED };
    for (size_t i = 0; i < nh && i < 8; i++)
        CHECK_INT(hist[i].to_state, path[i]);
    CHECK_STR(hist[2].date, "2026-02-20");
    CHECK_STR(hist[7].date, "2026-03-24");
    CHECK_STR(hist[7].op, "测试员");
    CHECK(strstr(hist[4].reason, "一榜期满, 乡镇回访核查通过") != NULL);

    /* The next year: two households exit (income up, Form G confirmed). */
    set_today("2027-02-01");
    int exiters[2] = { 0, 7 };
    for (int k = 0; k < 2; k++) {
        struct household hh;
        CHECK_INT(db_household_load(db, id[exiters[k]], 2026, &hh), DB_OK);
        hh.survey.year = 2027;
        hh.survey.id = 0;
        hh.survey.wage_income = 3600000;                /* 36000 元 / 3 人 */
        hh.survey.water_safe = 1;
        for (int j = 0; j < hh.n_members; j++)
            hh.members[j].med_ins = 1;
        hh.app.year = 0;
        CHECK_INT(db_household_save(db, &hh), DB_OK);
        struct wfs_exit e;
        CHECK_INT(wfs_exit_prefill(db, hh.id, 2027, &e), DB_OK);
        CHECK_INT(e.per_capita, 1200000);
        e.route = 2;
        CHECK_INT(wfs_exit_passes(&e, NULL, 0), 1);
        CHECK_INT(wfs_exit_save(db, &e), DB_OK);
    }
    struct wfs_meeting me;
    memset(&me, 0, sizeof me);
    snprintf(me.village, sizeof me.village, "%s", TDB_VILLAGE1);
    me.kind = NK_EXIT;
    snprintf(me.date, sizeof me.date, "2027-02-01");
    me.attendees = 55;
    CHECK_INT(wfs_meeting_save(db, &me), DB_OK);
    for (int k = 0; k < 2; k++)
        CHECK_INT(wfs_vote_set(db, me.id, id[exiters[k]], 50, 5, 0, 0), DB_OK);
    /* A third registered household voted on but without Form G: stays. */
    CHECK_INT(wfs_vote_set(db, me.id, id[9], 50, 5, 0, 0), DB_OK);
    CHECK_INT(wfs_meeting_decide(db, me.id, report, sizeof report), DB_OK);
    CHECK(strstr(report, "脱贫退出核查") != NULL);
    CHECK_INT(count_state(db, WF_EXIT_APPRAISED), 2);
    CHECK_INT(state_of(db, id[9]), WF_REGISTERED);
    const char *starts[3] = { "2027-02-02", "2027-02-09", "2027-02-16" };
    const char *areas[3] = { TDB_VILLAGE1, TDB_TOWNSHIP, TDB_COUNTY };
    int64_t ne[3];
    for (int r = 0; r < 3; r++) {
        set_today(starts[r]);
        if (r > 0)
            CHECK_INT(wfs_notice_close(db, ne[r - 1], report, sizeof report), DB_OK);
        CHECK_INT(wfs_notice_draft(db, NK_EXIT, r + 1, areas[r], "", &ne[r]), DB_OK);
        CHECK_INT(wfs_notice_get(db, ne[r], &nt), DB_OK);
        CHECK_INT(nt.n_households, 2);
        if (r > 0) {
            snprintf(nt.approval_no, sizeof nt.approval_no, "文%d", r);
            snprintf(nt.approval_date, sizeof nt.approval_date, "%s", starts[r]);
            CHECK_INT(wfs_notice_update(db, &nt), DB_OK);
        }
        CHECK_INT(wfs_notice_post(db, ne[r], NULL), DB_OK);
    }
    d = export_dump(db, ne[0], "e1.xlsx");
    check_print(d, "城厢镇东信村2027年贫困户脱贫退出第一榜公示名单");
    CHECK(xr_has(d, "\t脱贫途径: 就业\n"));
    free(d);
    set_today("2027-02-23");
    CHECK_INT(wfs_notice_close(db, ne[2], report, sizeof report), DB_OK);
    CHECK_INT(count_state(db, WF_EXITED), 2);
    CHECK_STR(tdb_text(db, "SELECT group_concat(exit_date) FROM exits"), "2027-02-23,2027-02-23");
    CHECK_INT(count_state(db, WF_REGISTERED), 23);
    /* Exited households keep their 户编号 and their history. */
    CHECK_STR(tdb_text(db, "SELECT hh_no FROM households WHERE id = 1"), TDB_VILLAGE1 "0001");
    CHECK_INT(db_state_history(db, id[0], hist, 16, &nh), DB_OK);
    CHECK_INT(nh, 13);
    CHECK_INT(hist[12].to_state, WF_EXITED);
    db_close(db);
}

