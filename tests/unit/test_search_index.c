/* The household list's search table (hh_search) changes in the same
 * transaction as what it indexes: names, ID numbers and 户编号 — a household
 * saved with members renamed, added or removed, deleted or restored, given
 * its 户编号 when 三榜 closes, imported.  Each case runs inside an outer
 * transaction: the new value is found before the commit, and a rollback
 * takes the index back with the data. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "core/workflow.h"
#include "db/household_store.h"
#include "db/import.h"
#include "db/workflow_store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many households the list finds for q. */
static size_t hits(struct db *db, const char *q)
{
    struct hh_row rows[8];
    size_t n = 99;
    CHECK_INT(db_household_search(db, q, NULL, -1, rows, 8, &n), DB_OK);
    return n;
}

/* The middle 8 digits of tdb_idno(k): what a clerk types to find a person. */
static const char *id_digits(int k, int male)
{
    static char id[19];
    tdb_idno(k, male, id);
    id[14] = 0;
    return id + 6;
}

TEST(search_index_follows_household_saves_and_rolls_back_with_them)
{
    struct db *db = tdb_open("s.db");
    struct household *hh = malloc(sizeof *hh);
    tdb_household(hh, "罗永福", 3, 100);
    CHECK_INT(db_household_save(db, hh), DB_OK);
    CHECK_INT(hits(db, "罗永福"), 1);
    char removed_digits[16];
    snprintf(removed_digits, sizeof removed_digits, "%s", id_digits(102, 0));
    CHECK_INT(hits(db, removed_digits), 1);
    struct household saved = *hh;

    /* Renamed, a member's ID corrected, the third member removed, a new one added. */
    CHECK_INT(db_begin(db), DB_OK);
    snprintf(hh->members[0].name, sizeof hh->members[0].name, "罗永富");
    tdb_idno(150, 1, hh->members[1].id_no);
    tdb_household(&saved, "x", 1, 0);    /* scratch: a fresh member for row 2 */
    hh->members[2] = saved.members[0];
    snprintf(hh->members[2].name, sizeof hh->members[2].name, "罗新来");
    tdb_idno(160, 1, hh->members[2].id_no);
    hh->members[2].relation = 3;
    CHECK_INT(db_household_save(db, hh), DB_OK);
    CHECK_INT(hits(db, "罗永富"), 1);
    CHECK_INT(hits(db, "罗永福"), 0);
    CHECK_INT(hits(db, id_digits(150, 1)), 1);
    CHECK_INT(hits(db, "罗新来"), 1);
    CHECK_INT(hits(db, id_digits(160, 1)), 1);
    CHECK_INT(hits(db, removed_digits), 0);
    db_rollback(db);
    CHECK_INT(hits(db, "罗永福"), 1);
    CHECK_INT(hits(db, "罗永富"), 0);
    CHECK_INT(hits(db, "罗新来"), 0);
    CHECK_INT(hits(db, removed_digits), 1);

    /* Deleted, then restored: each inside a transaction that is undone. */
    int64_t id = tdb_int(db, "SELECT id FROM households WHERE head_name = '罗永福'");
    CHECK_INT(db_begin(db), DB_OK);
    CHECK_INT(db_household_delete(db, id, "测试"), DB_OK);
    CHECK_INT(hits(db, "罗永福"), 0);
    db_rollback(db);
    CHECK_INT(hits(db, "罗永福"), 1);
    CHECK_INT(db_household_delete(db, id, "测试"), DB_OK);
    CHECK_INT(db_begin(db), DB_OK);
    CHECK_INT(db_household_restore(db, id), DB_OK);
    CHECK_INT(hits(db, "罗永福"), 1);
    db_rollback(db);
    CHECK_INT(hits(db, "罗永福"), 0);
    free(hh);
    db_close(db);
}

/* Posts `round` (2: township, 3: county) of the identification notices. */
static int64_t post_round(struct db *db, int round, const char *date, const char *approved)
{
    setenv("FUPIN_TODAY", date, 1);
    int64_t id = 0;
    CHECK_INT(wfs_notice_draft(db, NK_IDENTIFY, round, round == 2 ? TDB_TOWNSHIP : TDB_COUNTY,
                               date, &id), DB_OK);
    struct wfs_notice nt;
    CHECK_INT(wfs_notice_get(db, id, &nt), DB_OK);
    snprintf(nt.approval_no, sizeof nt.approval_no, "隆扶办〔2026〕12号");
    snprintf(nt.approval_date, sizeof nt.approval_date, "%s", approved);
    CHECK_INT(wfs_notice_update(db, &nt), DB_OK);
    CHECK_INT(wfs_notice_post(db, id, NULL), DB_OK);
    return id;
}

/* A household rechecked by the township, then in 三榜 (posted, period over). */
static int64_t notice3_posted(struct db *db)
{
    struct household hh;
    tdb_household(&hh, "覃明", 2, 200);
    hh.state = WF_RECHECKED;
    hh.survey.signed_household = hh.survey.signed_cadre = hh.survey.signed_surveyor = 1;
    hh.app.signed_by_applicant = 1;
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    post_round(db, 2, "2026-04-01", "2026-03-30");
    int64_t n3 = post_round(db, 3, "2026-04-08", "2026-04-07");
    setenv("FUPIN_TODAY", "2026-04-15", 1);
    return n3;
}

TEST(search_index_finds_hh_no_the_moment_notice3_closes)
{
    struct db *db = tdb_open("s.db");
    int64_t n3 = notice3_posted(db);
    const char *no = TDB_VILLAGE1 "0001";
    CHECK_INT(hits(db, no), 0);
    char report[512];
    CHECK_INT(db_begin(db), DB_OK);
    CHECK_INT(wfs_notice_close(db, n3, report, sizeof report), DB_OK);
    CHECK_STR(tdb_text(db, "SELECT hh_no FROM households WHERE head_name = '覃明'"), no);
    CHECK_INT(hits(db, no), 1);
    db_rollback(db);
    CHECK_INT(hits(db, no), 0);
    CHECK_INT(wfs_notice_close(db, n3, report, sizeof report), DB_OK);
    CHECK_INT(hits(db, no), 1);
    CHECK_INT(hits(db, "0001"), 1);     /* the 4-digit 户 serial alone, too */
    /* Assigned on its own (the recheck path) the same holds. */
    struct household hh;
    tdb_household(&hh, "黄二", 1, 300);
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    char got[HH_NO_LEN + 1];
    CHECK_INT(db_begin(db), DB_OK);
    CHECK_INT(wfs_assign_hh_no(db, hh.id, got), DB_OK);
    CHECK_STR(got, TDB_VILLAGE1 "0002");
    CHECK_INT(hits(db, got), 1);
    db_rollback(db);
    CHECK_INT(hits(db, TDB_VILLAGE1 "0002"), 0);
    unsetenv("FUPIN_TODAY");
    db_close(db);
}

TEST(search_index_follows_an_import_and_its_rollback)
{
    struct db *db = tdb_open("s.db");
    char id[19], csv[1024];
    tdb_idno(400, 1, id);
    snprintf(csv, sizeof csv,
             "县,乡镇,村,村民小组,户编号,户主姓名,与户主关系,姓名,性别,身份证号,民族\n"
             "隆安县,城厢镇,东信村,第一组,4501231012010077,韦大山,户主,韦大山,男,%s,壮族\n", id);
    struct import_report r;
    CHECK_INT(db_begin(db), DB_OK);
    CHECK_INT(db_import_csv(db, "t.csv", csv, strlen(csv), NULL, &r), IMPORT_OK);
    import_report_free(&r);
    CHECK_INT(hits(db, "韦大山"), 1);
    CHECK_INT(hits(db, "4501231012010077"), 1);
    CHECK_INT(hits(db, id_digits(400, 1)), 1);
    db_rollback(db);
    CHECK_INT(hits(db, "韦大山"), 0);
    CHECK_INT(hits(db, "4501231012010077"), 0);
    CHECK_INT(db_import_csv(db, "t.csv", csv, strlen(csv), NULL, &r), IMPORT_OK);
    import_report_free(&r);
    CHECK_INT(hits(db, "4501231012010077"), 1);
    db_close(db);
}
