/* db/merge: new households with their records, newer source updates,
 * conflicts reported, merging twice changes nothing. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "db/assist.h"
#include "db/household_store.h"
#include "db/merge.h"
#include "db/plans.h"
#include "db/member_history.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A village file: two households (k0 = 0 and 10), the first registered with
 * 户编号, a helper, an assignment, a confirmed aid entry and a waiver. */
static struct db *village_file(const char *name, int64_t *first_id)
{
    struct db *db = tdb_open(name);
    struct household *hh = malloc(sizeof *hh);
    tdb_household(hh, "张三", 3, 0);
    snprintf(hh->hh_no, sizeof hh->hh_no, "4501231012010001");
    hh->state = 8;
    CHECK_INT(db_household_save(db, hh), DB_OK);
    *first_id = hh->id;
    struct helper h = { 0 };
    snprintf(h.name, sizeof h.name, "黄干部");
    snprintf(h.unit, sizeof h.unit, "县扶贫办");
    CHECK_INT(db_helper_add(db, &h), DB_OK);
    CHECK_INT(db_helper_assign(db, hh->id, h.id, "2025-03-01"), DB_OK);
    struct aid_record a = { 0 };
    a.household_id = hh->id;
    a.helper_id = h.id;
    snprintf(a.date, sizeof a.date, "2025-04-01");
    a.measure = 1;
    snprintf(a.content, sizeof a.content, "发放鸡苗");
    a.money = 12000;
    a.signed_household = a.signed_village = a.signed_team = 1;
    CHECK_INT(db_aid_add(db, &a), DB_OK);
    CHECK_INT(db_waiver_add(db, hh->id, "2026-01-15", "收入稳定，自愿放弃", NULL), DB_OK);
    tdb_household(hh, "王五", 2, 10);
    snprintf(hh->village, sizeof hh->village, "%s", TDB_VILLAGE2);
    CHECK_INT(db_household_save(db, hh), DB_OK);
    free(hh);
    return db;
}

static void workflow_records(struct db *src, int posted);

/* The township file after a first merge of v1.db (village_file, with its
 * workflow records unless `posted` < 0; posted: the notices are posted);
 * *src stays open for changes at the village. */
static struct db *merged_town(int posted, struct db **src, int64_t *first)
{
    *src = village_file("v1.db", first);
    if (posted >= 0)
        workflow_records(*src, posted);
    struct db *db = tdb_open("town.db");
    struct merge_report r;
    CHECK_INT(db_merge_file(db, tdb_path("v1.db"), 0, &r), DB_OK);
    CHECK_INT(r.conflicts, 0);
    merge_report_free(&r);
    return db;
}

static long long count(struct db *db, const char *table)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    return tdb_int(db, sql);
}

TEST(merge_adds_households_with_their_records_once)
{
    int64_t first;
    struct db *src = village_file("v1.db", &first);
    db_close(src);
    struct db *db = tdb_open("town.db");
    struct merge_report r;
    CHECK_INT(db_merge_file(db, tdb_path("v1.db"), 0, &r), DB_OK);
    CHECK_INT(r.households_added, 2);
    CHECK_INT(r.conflicts, 0);
    CHECK_INT(r.helpers_added, 1);
    merge_report_free(&r);
    static const char *const tables[] = { "households", "members", "applications", "surveys",
        "state_history", "helpers", "assignments", "aid_records", "waivers" };
    static const long long want[] = { 2, 5, 2, 2, 2, 1, 1, 1, 1 };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (count(db, tables[i]) != want[i]) {
            fprintf(stderr, "%s: %lld rows, want %lld\n", tables[i], count(db, tables[i]), want[i]);
            CHECK(0);
        }
    CHECK_STR(tdb_text(db, "SELECT h.name FROM assignments a JOIN helpers h ON h.id = a.helper_id "
                           "JOIN households x ON x.id = a.household_id WHERE x.hh_no = '4501231012010001'"), "黄干部");
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'merge'"), 1);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'members' AND action = 'insert'"), 5);
    /* The list search finds the merged people. */
    struct hh_row rows[4];
    size_t n = 0;
    CHECK_INT(db_household_search(db, "王五", NULL, -1, rows, 4, &n), DB_OK);
    CHECK_INT(n, 1);

    long long audit = count(db, "audit");
    CHECK_INT(db_merge_file(db, tdb_path("v1.db"), 0, &r), DB_OK);
    CHECK_INT(r.households_added, 0);
    CHECK_INT(r.households_updated, 0);
    CHECK_INT(r.households_unchanged, 2);
    CHECK_INT(r.rows_added + r.rows_updated, 0);
    merge_report_free(&r);
    CHECK_INT(count(db, "audit"), audit);
    CHECK_INT(count(db, "households"), 2);
    db_close(db);
}

TEST(merge_newer_source_updates_and_adds_new_records)
{
    int64_t first;
    struct db *src;
    struct db *db = merged_town(-1, &src, &first);
    struct merge_report r;
    /* At the village: a member renamed later, a new aid entry. */
    struct household *hh = malloc(sizeof *hh);
    CHECK_INT(db_household_load(src, first, 0, hh), DB_OK);
    snprintf(hh->members[1].name, sizeof hh->members[1].name, "李秀兰");
    hh->n_members = 2;                      /* the third member moved out */
    hh->left[0] = (struct member_leave){ hh->members[2].id, 4, "2026-02-01" };   /* 外嫁 */
    hh->n_left = 1;
    snprintf(hh->change_reason, sizeof hh->change_reason, "户籍迁出");
    CHECK_INT(db_household_save(src, hh), DB_OK);
    CHECK_INT(db_exec(src, "UPDATE households SET updated_at = '2099-01-01 00:00:00' WHERE id = 1", "t"), DB_OK);
    db_close(src);
    free(hh);

    CHECK_INT(db_merge_file(db, tdb_path("v1.db"), 0, &r), DB_OK);
    CHECK_INT(r.households_updated, 1);
    CHECK_INT(r.households_unchanged, 1);
    CHECK_INT(r.conflicts, 0);
    merge_report_free(&r);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM members WHERE name = '李秀兰' AND deleted = 0"), 1);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM members m JOIN households h ON h.id = m.household_id "
                          "WHERE h.hh_no = '4501231012010001' AND m.deleted = 0"), 2);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'members' AND action = 'update'"), 2);
    /* The event and the reason came along (issue 11), the event on the
     * person's row here: the 2026 roster still lists them. */
    CHECK_STR(tdb_text(db, "SELECT e.reason || ' ' || e.date || ' ' || m.deleted FROM member_events e "
                           "JOIN members m ON m.id = e.member_id"), "4 2026-02-01 1");
    CHECK_STR(tdb_text(db, "SELECT reason FROM hh_changes"), "户籍迁出");
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM members m WHERE m.household_id = (SELECT id FROM households "
                          "WHERE hh_no = '4501231012010001') AND " DB_MEMBER_IN_YEAR("m", "2026")), 3);
    /* And again: nothing. */
    CHECK_INT(db_merge_file(db, tdb_path("v1.db"), 0, &r), DB_OK);
    CHECK_INT(r.households_updated, 0);
    merge_report_free(&r);
    db_close(db);
}

TEST(merge_reports_person_registered_twice_and_hh_no_collision)
{
    int64_t first;
    struct db *src = village_file("v1.db", &first);
    /* A third household in the source that reuses nobody: merges fine. */
    struct household *hh = malloc(sizeof *hh);
    tdb_household(hh, "赵六", 1, 40);
    CHECK_INT(db_household_save(src, hh), DB_OK);
    db_close(src);

    struct db *db = tdb_open("town.db");
    /* The target already has 张三's spouse (k = 1) in another household in
     * another village, and another household holding 户编号 …0001. */
    tdb_household(hh, "钱七", 2, 20);
    snprintf(hh->village, sizeof hh->village, "%s", TDB_VILLAGE3);
    tdb_idno(1, 0, hh->members[1].id_no);
    CHECK_INT(db_household_save(db, hh), DB_OK);
    tdb_household(hh, "孙八", 1, 30);
    snprintf(hh->village, sizeof hh->village, "%s", TDB_VILLAGE2);
    CHECK_INT(db_household_save(db, hh), DB_OK);
    CHECK_INT(db_exec(db, "UPDATE households SET hh_no = '4501231012020009' WHERE head_name = '孙八'", "t"), DB_OK);
    free(hh);

    struct merge_report r;
    CHECK_INT(db_merge_file(db, tdb_path("v1.db"), 0, &r), DB_OK);
    CHECK_INT(r.conflicts, 1);
    CHECK_INT(r.households_added, 2);
    CHECK(r.n_msgs == 1 && strcmp(r.msgs[0].kind, "PERSON_TWICE") == 0);
    if (r.n_msgs) {
        CHECK(strstr(r.msgs[0].text, "张三") != NULL);
        CHECK(strstr(r.msgs[0].text, "钱七") != NULL);
        CHECK(strstr(r.msgs[0].text, "南圩村") != NULL);
    }
    merge_report_free(&r);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM households WHERE head_name = '张三'"), 0);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM households WHERE head_name = '赵六'"), 1);

    /* 户编号 collision: a source household whose number the target gave to
     * other people. */
    CHECK_INT(db_exec(db, "UPDATE households SET hh_no = '4501231012010001' WHERE head_name = '孙八'", "t"), DB_OK);
    CHECK_INT(db_exec(db, "UPDATE members SET deleted = 1 WHERE household_id = "
                          "(SELECT id FROM households WHERE head_name = '钱七')", "t"), DB_OK);
    CHECK_INT(db_merge_file(db, tdb_path("v1.db"), 0, &r), DB_OK);
    CHECK_INT(r.conflicts, 1);
    CHECK(r.n_msgs == 1 && strcmp(r.msgs[0].kind, "HH_NO") == 0);
    merge_report_free(&r);
    db_close(db);
}

TEST(merge_refuses_self_and_foreign_files)
{
    struct db *db = tdb_open("town.db");
    struct merge_report r;
    CHECK_INT(db_merge_file(db, tdb_path("town.db"), 0, &r), DB_ERR_INVALID);
    merge_report_free(&r);
    CHECK_INT(db_merge_file(db, tdb_path("missing.db"), 0, &r), DB_ERR_OPEN);
    merge_report_free(&r);
    FILE *f = fopen(tdb_path("junk.db"), "w");
    fputs("not a database at all, just text\n", f);
    fclose(f);
    CHECK(db_merge_file(db, tdb_path("junk.db"), 0, &r) != DB_OK);
    merge_report_free(&r);
    /* The target still works afterwards (the source was detached). */
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM areas"), 6);
    db_close(db);
}

/* ---- the village's workflow records: meetings, votes, notices and their
 * lists, objections, rechecks, projects, disbursements, verifications ---- */

/* Adds to village_file's household 1 (张三, 东信村) and 2: an appraisal
 * meeting with both votes, a posted round-1 notice listing both, an
 * objection and a recheck of 张三, and his project (meeting and notice of
 * its own) with a 预付 and a village verification.  `posted`: whether the
 * notice is posted already. */
static void workflow_records(struct db *src, int posted)
{
    static const char sql[] =
        "INSERT INTO meetings(village, kind, year, meeting_date, host, attendees, representatives) VALUES "
        " ('" TDB_VILLAGE1 "', 1, 2026, '2026-03-10', '村支书', 60, 52),"
        " ('" TDB_VILLAGE1 "', 4, 2026, '2026-05-02', '村支书', 12, 10);"
        "INSERT INTO votes(meeting_id, household_id, votes_for, votes_against, passed) VALUES (1, 1, 50, 2, 1), (1, 2, 30, 22, 1);"
        "INSERT INTO notices(kind, round, area, year, start_date, days, end_date, publisher) VALUES "
        " (1, 1, '" TDB_VILLAGE1 "', 2026, '2026-03-12', 7, '2026-03-19', '东信村委'),"
        " (4, 1, '" TDB_VILLAGE1 "', 2026, '2026-05-03', 3, '2026-05-06', '东信村委');"
        "INSERT INTO notice_households(notice_id, household_id, ordinal, remark) VALUES (1, 1, 1, ''), (1, 2, 2, '外出务工');"
        "INSERT INTO objections(notice_id, household_id, received_date, content) VALUES (1, 1, '2026-03-14', '家有货车');"
        "INSERT INTO rechecks(household_id, notice_id, date, checker, passed) VALUES (1, 1, '2026-03-25', '乡干部', 1);"
        "INSERT INTO projects(household_id, kind, year, content, amount, meeting_id, notice_id) VALUES "
        " (1, 1, 2026, '养牛 3 头', 1500000, 2, 2);"
        "INSERT INTO votes(meeting_id, household_id, project_id, votes_for, passed) VALUES (2, 1, 1, 11, 1);"
        "INSERT INTO notice_households(notice_id, household_id, ordinal, project_id) VALUES (2, 1, 1, 1);"
        "INSERT INTO disbursements(project_id, date, amount, stage) VALUES (1, '2026-05-20', 1200000, 1);"
        "INSERT INTO verifications(project_id, level, date, passed, conclusion) VALUES (1, 1, '2026-08-01', 1, '牛已入栏');";
    CHECK_INT(db_exec(src, sql, "t"), DB_OK);
    if (posted)
        CHECK_INT(db_exec(src, "UPDATE notices SET posted = 1", "t"), DB_OK);
}

static const char *const WF_TABLES[] = { "meetings", "votes", "notices", "notice_households", "objections",
                                         "rechecks", "projects", "disbursements", "verifications" };
static const long long WF_ROWS[] = { 2, 3, 2, 3, 1, 1, 1, 1, 1 };

static void check_wf_rows(struct db *db)
{
    for (size_t i = 0; i < sizeof WF_ROWS / sizeof *WF_ROWS; i++)
        if (count(db, WF_TABLES[i]) != WF_ROWS[i]) {
            fprintf(stderr, "%s: %lld rows, want %lld\n", WF_TABLES[i], count(db, WF_TABLES[i]), WF_ROWS[i]);
            CHECK(0);
        }
}

TEST(merge_carries_workflow_records_once)
{
    int64_t first;
    struct db *src = village_file("v1.db", &first);
    workflow_records(src, 1);
    db_close(src);
    /* The township already has a notice of another village: ids differ. */
    struct db *db = tdb_open("town.db");
    CHECK_INT(db_exec(db, "INSERT INTO notices(kind, round, area, year, start_date, days, end_date) VALUES "
                          "(1, 1, '" TDB_VILLAGE3 "', 2026, '2026-03-12', 7, '2026-03-19')", "t"), DB_OK);
    struct merge_report r;
    CHECK_INT(db_merge_file(db, tdb_path("v1.db"), 0, &r), DB_OK);
    CHECK_INT(r.conflicts, 0);
    CHECK_INT(r.meetings_added, 2);
    CHECK_INT(r.notices_added, 2);
    CHECK_INT(r.projects_added, 1);
    merge_report_free(&r);
    CHECK_INT(db_exec(db, "DELETE FROM notices WHERE area = '" TDB_VILLAGE3 "'", "t"), DB_OK);
    check_wf_rows(db);
    /* References point at the township's own rows. */
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM notices WHERE posted = 1"), 2);
    CHECK_STR(tdb_text(db, "SELECT group_concat(h.head_name || ':' || nh.remark, ',') FROM notice_households nh "
                           "JOIN notices n ON n.id = nh.notice_id AND n.kind = 1 JOIN households h ON h.id = nh.household_id "
                           "ORDER BY nh.ordinal"), "张三:,王五:外出务工");
    CHECK_STR(tdb_text(db, "SELECT m.meeting_date || ' ' || n.start_date || ' ' || h.head_name || ' ' || d.amount "
                           "|| ' ' || v.conclusion FROM projects p JOIN meetings m ON m.id = p.meeting_id "
                           "JOIN notices n ON n.id = p.notice_id JOIN households h ON h.id = p.household_id "
                           "JOIN disbursements d ON d.project_id = p.id JOIN verifications v ON v.project_id = p.id"),
              "2026-05-02 2026-05-03 张三 1200000 牛已入栏");
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM votes v JOIN projects p ON p.id = v.project_id "
                          "JOIN meetings m ON m.id = v.meeting_id WHERE m.kind = 4 AND v.votes_for = 11"), 1);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM objections o JOIN notices n ON n.id = o.notice_id "
                          "WHERE n.kind = 1 AND o.content = '家有货车'"), 1);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'projects' AND action = 'insert'"), 1);
    CHECK_INT(tdb_int(db, "SELECT json_extract(new, '$.notices_added') FROM audit WHERE tbl = 'merge'"), 2);

    /* Again: nothing changes, no audit row. */
    long long audit = count(db, "audit");
    CHECK_INT(db_merge_file(db, tdb_path("v1.db"), 0, &r), DB_OK);
    CHECK_INT(r.rows_added + r.rows_updated, 0);
    CHECK_INT(r.conflicts, 0);
    merge_report_free(&r);
    CHECK_INT(count(db, "audit"), audit);
    check_wf_rows(db);
    db_close(db);
}

TEST(merge_updates_newer_workflow_rows_only)
{
    struct db *src;
    int64_t first;
    struct db *db = merged_town(1, &src, &first);
    struct merge_report r;
    /* At the village, later: the objection resolved, the meeting corrected,
     * the township verification added.  At the township, earlier-stamped
     * edits of the recheck lose to nothing (the source's is not newer). */
    CHECK_INT(db_exec(src, "UPDATE objections SET resolution = 1, check_result = '货车已卖', "
                           "updated_at = '2099-01-01 00:00:00';"
                           "UPDATE meetings SET attendees = 61, updated_at = '2099-01-01 00:00:00' WHERE kind = 1;"
                           "INSERT INTO verifications(project_id, level, date, passed) VALUES (1, 2, '2026-08-10', 1);",
                      "t"), DB_OK);
    db_close(src);
    CHECK_INT(db_exec(db, "UPDATE rechecks SET result = '属实', updated_at = '2099-02-01 00:00:00'", "t"), DB_OK);
    CHECK_INT(db_merge_file(db, tdb_path("v1.db"), 0, &r), DB_OK);
    CHECK_INT(r.conflicts, 0);
    CHECK_INT(r.rows_added, 1);
    CHECK_INT(r.rows_updated, 2);
    merge_report_free(&r);
    CHECK_STR(tdb_text(db, "SELECT resolution || check_result FROM objections"), "1货车已卖");
    CHECK_INT(tdb_int(db, "SELECT attendees FROM meetings WHERE kind = 1"), 61);
    CHECK_STR(tdb_text(db, "SELECT result FROM rechecks"), "属实");
    CHECK_INT(count(db, "verifications"), 2);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'objections' AND action = 'update'"), 1);
    CHECK_INT(db_merge_file(db, tdb_path("v1.db"), 0, &r), DB_OK);
    CHECK_INT(r.rows_added + r.rows_updated, 0);
    merge_report_free(&r);
    db_close(db);
}

TEST(merge_reports_money_verification_and_posted_list_conflicts)
{
    struct db *src;
    int64_t first;
    struct db *db = merged_town(0, &src, &first);
    struct merge_report r;
    /* The township posted the list and recorded another 预付 amount and a
     * failed verification; the village adds 王五 to the project notice. */
    CHECK_INT(db_exec(db, "UPDATE notices SET posted = 1 WHERE kind = 4;"
                          "UPDATE disbursements SET amount = 1000000;"
                          "UPDATE verifications SET passed = 0", "t"), DB_OK);
    CHECK_INT(db_exec(src, "INSERT INTO notice_households(notice_id, household_id, ordinal) VALUES (2, 2, 2)", "t"), DB_OK);
    db_close(src);
    long long audit = count(db, "audit");
    CHECK_INT(db_merge_file(db, tdb_path("v1.db"), 0, &r), DB_OK);
    CHECK_INT(r.conflicts, 3);
    int money = 0, verify = 0, list = 0;
    for (size_t i = 0; i < r.n_msgs; i++) {
        const char *t = r.msgs[i].text;
        if (!strcmp(r.msgs[i].kind, "RECORD") && strstr(t, "项目资金拨付") && strstr(t, "12000.00 元")
            && strstr(t, "10000.00 元") && strstr(t, "张三"))
            money++;
        if (!strcmp(r.msgs[i].kind, "RECORD") && strstr(t, "项目验收") && strstr(t, "村级验收 2026-08-01 合格")
            && strstr(t, "不合格"))
            verify++;
        if (!strcmp(r.msgs[i].kind, "NOTICE_POSTED") && strstr(t, "王五") && strstr(t, "东信村 2026年第1榜公示"))
            list++;
    }
    CHECK(money == 1 && verify == 1 && list == 1);
    CHECK_INT(r.rows_added + r.rows_updated, 0);
    merge_report_free(&r);
    /* The target's records stand. */
    CHECK_INT(tdb_int(db, "SELECT amount FROM disbursements"), 1000000);
    CHECK_INT(tdb_int(db, "SELECT passed FROM verifications"), 0);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM notice_households nh JOIN notices n ON n.id = nh.notice_id "
                          "WHERE n.kind = 4"), 1);
    CHECK_INT(count(db, "audit"), audit);
    db_close(db);
}

TEST(merge_reports_another_current_helper_by_name)
{
    int64_t first;
    struct db *src;
    struct db *db = merged_town(-1, &src, &first);
    struct merge_report r;
    /* The township put 李干部 in 黄干部's place (the village did not). */
    CHECK_INT(db_exec(db, "INSERT INTO helpers(name, unit) VALUES ('李干部', '县农业局');"
                          "UPDATE assignments SET to_date = '2025-12-31';"
                          "INSERT INTO assignments(helper_id, household_id, from_date) SELECT h.id, a.household_id, "
                          "'2026-01-01' FROM helpers h, assignments a WHERE h.name = '李干部'", "t"), DB_OK);
    CHECK_INT(db_exec(src, "UPDATE households SET updated_at = '2099-01-01 00:00:00' WHERE id = 1", "t"), DB_OK);
    CHECK_INT(db_merge_file(db, tdb_path("v1.db"), 0, &r), DB_OK);
    CHECK_INT(r.conflicts, 1);
    CHECK(r.n_msgs == 1 && strcmp(r.msgs[0].kind, "HELPER") == 0);
    if (r.n_msgs) {
        CHECK(strstr(r.msgs[0].text, "帮扶责任人不同") != NULL);
        CHECK(strstr(r.msgs[0].text, "黄干部") != NULL);
        CHECK(strstr(r.msgs[0].text, "李干部") != NULL);
        CHECK(strstr(r.msgs[0].text, "张三") != NULL);
    }
    CHECK_INT(r.households_updated, 0);
    merge_report_free(&r);
    /* The village then records the same change: no conflict, merged. */
    CHECK_INT(db_exec(src, "INSERT INTO helpers(name, unit) VALUES ('李干部', '县农业局');"
                           "UPDATE assignments SET to_date = '2025-12-31';"
                           "INSERT INTO assignments(helper_id, household_id, from_date) SELECT h.id, 1, '2026-01-01' "
                           "FROM helpers h WHERE h.name = '李干部'", "t"), DB_OK);
    db_close(src);
    CHECK_INT(db_merge_file(db, tdb_path("v1.db"), 0, &r), DB_OK);
    CHECK_INT(r.conflicts, 0);
    CHECK_INT(r.households_updated, 1);
    merge_report_free(&r);
    CHECK_INT(count(db, "assignments"), 2);
    CHECK_STR(tdb_text(db, "SELECT h.name FROM assignments a JOIN helpers h ON h.id = a.helper_id "
                           "WHERE a.to_date IS NULL"), "李干部");
    db_close(db);
}

/* Issue 15: a village's 帮扶规划 comes with its household (items with their
 * 责任人 mapped), once; an item edited later at the village updates it. */
TEST(merge_carries_plans_once)
{
    int64_t first;
    struct db *src = village_file("v1.db", &first);
    struct check_ctx cc;
    checks_ctx_init(&cc);
    struct helper h;
    CHECK_INT(db_helper_of(src, first, &h), DB_OK);
    struct plan p = { .household_id = first, .year = 2026, .n = 2, .notes = "一户一法",
                      .items = { { .measure = 1, .target = "养牛", .amount = 500000, .helper_id = h.id },
                                 { .measure = 4, .target = "不辍学", .deadline = "2026-09-01" } } };
    CHECK_INT(db_plan_save_checked(src, &cc, &p), DB_OK);
    struct db *db = tdb_open("town.db");
    struct merge_report r;
    CHECK_INT(db_merge_file(db, tdb_path("v1.db"), 0, &r), DB_OK);
    CHECK_INT(r.conflicts, 0);
    merge_report_free(&r);
    CHECK_INT(count(db, "plans"), 1);
    CHECK_INT(count(db, "plan_items"), 2);
    CHECK_STR(tdb_text(db, "SELECT h.name FROM plan_items i JOIN helpers h ON h.id = i.helper_id"), "黄干部");
    CHECK_INT(db_merge_file(db, tdb_path("v1.db"), 0, &r), DB_OK);     /* twice: nothing new */
    CHECK_INT(r.rows_added + r.rows_updated, 0);
    merge_report_free(&r);
    CHECK_INT(count(db, "plan_items"), 2);
    /* edited at the village a moment later: the target follows */
    CHECK_INT(db_exec(src, "UPDATE plan_items SET target = '养牛3头', updated_at = '2099-01-01 00:00:00' "
                           "WHERE measure = 1", "t"), DB_OK);
    db_close(src);
    CHECK_INT(db_merge_file(db, tdb_path("v1.db"), 0, &r), DB_OK);
    merge_report_free(&r);
    CHECK_STR(tdb_text(db, "SELECT target FROM plan_items WHERE measure = 1"), "养牛3头");
    db_close(db);
}
