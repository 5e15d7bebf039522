/* db/merge: new households with their records, newer source updates,
 * conflicts reported, merging twice changes nothing. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "db/assist.h"
#include "db/household_store.h"
#include "db/merge.h"
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
    struct db *src = village_file("v1.db", &first);
    struct db *db = tdb_open("town.db");
    struct merge_report r;
    CHECK_INT(db_merge_file(db, tdb_path("v1.db"), 0, &r), DB_OK);
    merge_report_free(&r);
    /* At the village: a member renamed later, a new aid entry. */
    struct household *hh = malloc(sizeof *hh);
    CHECK_INT(db_household_load(src, first, 0, hh), DB_OK);
    snprintf(hh->members[1].name, sizeof hh->members[1].name, "李秀兰");
    hh->n_members = 2;                      /* the third member moved out */
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
