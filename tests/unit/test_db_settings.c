/* Storage tests: settings, lines, areas, groups, operators,
 * assistance records and the schema rules around them. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "db/settings.h"
#include "db/assist.h"
#include "db/household_store.h"
#include "core/codes.h"
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

TEST(db_settings_values_and_labour_ages)
{
    struct db *db = tdb_open("set.db");
    struct labour_ages la;
    CHECK_INT(db_labour_ages(db, &la), DB_OK);
    CHECK_INT(la.min_age, 16);
    CHECK_INT(la.male_max, 60);
    CHECK_INT(la.female_max, 55);
    la.male_max = 65;
    la.female_max = 60;
    CHECK_INT(db_set_labour_ages(db, &la), DB_OK);
    la.male_max = 66;
    CHECK_INT(db_set_labour_ages(db, &la), DB_ERR_INVALID);
    la.male_max = 60;
    la.female_max = 54;
    CHECK_INT(db_set_labour_ages(db, &la), DB_ERR_INVALID);
    CHECK_INT(db_labour_ages(db, &la), DB_OK);
    CHECK_INT(la.male_max, 65);
    CHECK_INT(la.female_max, 60);
    CHECK_INT(db_setting_set_int(db, SET_NOTICE_DAYS, 10), DB_OK);
    CHECK_INT(db_setting_int(db, SET_NOTICE_DAYS, 7), 10);
    CHECK_INT(db_setting_set_text(db, "notice.publisher", "东信村村民委员会"), DB_OK);
    char buf[64];
    CHECK_INT(db_setting_text(db, "notice.publisher", buf, sizeof buf), DB_OK);
    CHECK_STR(buf, "东信村村民委员会");
    CHECK_INT(db_setting_text(db, "absent", buf, sizeof buf), DB_ERR_NOTFOUND);
    CHECK_STR(buf, "");
    CHECK_INT(db_setting_set_text(db, "notice.days.bad", "abc"), DB_OK);
    CHECK_INT(db_setting_int(db, "notice.days.bad", 7), 7);    /* not a number → default */
    db_close(db);
}

TEST(db_lines_add_and_replace)
{
    struct db *db = tdb_open("lines.db");
    struct line lines[64];
    size_t n0 = 0, n = 0;
    CHECK_INT(db_lines(db, lines, 64, &n0), DB_OK);
    struct line l = { 2027, STD_PROVINCIAL, LINE_EXIT, 1000000 };
    CHECK_INT(db_line_set(db, &l), DB_OK);
    CHECK_INT(db_lines(db, lines, 64, &n), DB_OK);
    CHECK_INT(n, n0 + 1);
    CHECK_INT(lines[n - 1].year, 2027);
    CHECK_INT(lines[n - 1].amount, 1000000);
    l.amount = 1050000;             /* same year/standard/kind: replaced */
    CHECK_INT(db_line_set(db, &l), DB_OK);
    CHECK_INT(db_lines(db, lines, 64, &n), DB_OK);
    CHECK_INT(n, n0 + 1);
    CHECK_INT(lines[n - 1].amount, 1050000);
    l.amount = -1;
    CHECK_INT(db_line_set(db, &l), DB_ERR_CONSTRAINT);
    l.amount = 1;
    l.kind = 3;
    CHECK_INT(db_line_set(db, &l), DB_ERR_CONSTRAINT);
    CHECK_INT(db_lines(db, lines, 2, &n), DB_OK);           /* max respected */
    CHECK_INT(n, 2);
    db_close(db);
}

TEST(db_areas_groups)
{
    struct db *db = tdb_open("areas.db");
    struct area a, list[8];
    size_t n = 0;
    CHECK_INT(db_areas(db, AREA_VILLAGE, NULL, list, 8, &n), DB_OK);
    CHECK_INT(n, 3);
    CHECK_INT(db_areas(db, AREA_VILLAGE, TDB_TOWNSHIP, list, 8, &n), DB_OK);
    CHECK_INT(n, 2);
    CHECK_STR(list[0].code, TDB_VILLAGE1);
    CHECK_STR(list[0].parent, TDB_TOWNSHIP);
    CHECK_INT(db_areas(db, AREA_TOWNSHIP, TDB_COUNTY, list, 8, &n), DB_OK);
    CHECK_INT(n, 2);
    char name[64];
    CHECK_INT(db_area_name(db, TDB_VILLAGE2, name, sizeof name), DB_OK);
    CHECK_STR(name, "宝塘村");
    CHECK_INT(db_area_name(db, "450123101999", name, sizeof name), DB_ERR_NOTFOUND);
    CHECK_INT(db_area_rename(db, TDB_VILLAGE2, "宝塘新村"), DB_OK);
    CHECK_INT(db_area_get(db, TDB_VILLAGE2, &a), DB_OK);
    CHECK_STR(a.name, "宝塘新村");
    CHECK_INT(a.level, AREA_VILLAGE);
    /* wrong shapes */
    CHECK_INT(db_area_add(db, "45012310120", AREA_VILLAGE, "短", TDB_TOWNSHIP, 0), DB_ERR_INVALID);
    CHECK_INT(db_area_add(db, "450123109201", AREA_VILLAGE, "错上级", TDB_TOWNSHIP, 0), DB_ERR_INVALID);
    CHECK_INT(db_area_add(db, "450123103201", AREA_VILLAGE, "无上级", "450123103", 0), DB_ERR_CONSTRAINT);
    CHECK_INT(db_area_add(db, TDB_VILLAGE1, AREA_VILLAGE, "重复", TDB_TOWNSHIP, 0), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "已存在") != NULL);
    /* 待核 provisional codes */
    char code[16];
    CHECK_INT(db_area_provisional_code(db, TDB_TOWNSHIP, code, sizeof code), DB_OK);
    CHECK_STR(code, "450123101901");
    CHECK_INT(db_area_add(db, code, AREA_VILLAGE, "新村", TDB_TOWNSHIP, 1), DB_OK);
    CHECK_INT(db_area_provisional_code(db, TDB_TOWNSHIP, code, sizeof code), DB_OK);
    CHECK_STR(code, "450123101902");
    CHECK_INT(db_area_provisional_code(db, TDB_COUNTY, code, sizeof code), DB_OK);
    CHECK_STR(code, "450123901");
    CHECK_INT(db_area_find(db, AREA_VILLAGE, "新村", TDB_COUNTY, &a), DB_OK);
    CHECK_STR(a.code, "450123101901");
    CHECK_INT(a.provisional, 1);
    CHECK_INT(db_area_find(db, AREA_VILLAGE, "新村", "450123102", &a), DB_ERR_NOTFOUND);
    /* groups */
    CHECK_INT(db_group_add(db, TDB_VILLAGE1, "第一组"), DB_OK);
    CHECK_INT(db_group_add(db, TDB_VILLAGE1, "那岸屯"), DB_OK);
    CHECK_INT(db_group_add(db, TDB_VILLAGE1, "第一组"), DB_OK);     /* idempotent */
    CHECK_INT(db_group_add(db, "450123101777", "x"), DB_ERR_CONSTRAINT);
    char groups[8][TEXT_BYTES(20)];
    CHECK_INT(db_groups(db, TDB_VILLAGE1, groups, 8, &n), DB_OK);
    CHECK_INT(n, 2);
    CHECK_STR(groups[1], "那岸屯");
    db_close(db);
}

TEST(db_assist_helpers_aid_waiver)
{
    struct db *db = tdb_open("assist.db");
    struct household hh;
    tdb_household(&hh, "农家乐", 3, 1200);
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    struct helper h1 = { 0 }, h2 = { 0 }, cur;
    snprintf(h1.name, sizeof h1.name, "黄干部");
    snprintf(h1.unit, sizeof h1.unit, "县农业局");
    snprintf(h2.name, sizeof h2.name, "梁干部");
    CHECK_INT(db_helper_add(db, &h1), DB_OK);
    CHECK_INT(db_helper_add(db, &h2), DB_OK);
    CHECK_INT(db_helper_of(db, hh.id, &cur), DB_ERR_NOTFOUND);
    CHECK_INT(db_helper_assign(db, hh.id, h1.id, "2026-01-01"), DB_OK);
    CHECK_INT(db_helper_of(db, hh.id, &cur), DB_OK);
    CHECK_STR(cur.name, "黄干部");
    CHECK_STR(cur.unit, "县农业局");
    CHECK_INT(db_helper_assign(db, hh.id, h2.id, "2026-06-01"), DB_OK);
    CHECK_INT(db_helper_of(db, hh.id, &cur), DB_OK);
    CHECK_STR(cur.name, "梁干部");
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM assignments WHERE to_date = '2026-06-01'"), 1);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM assignments WHERE to_date IS NULL"), 1);
    /* an end before the start is refused whole */
    CHECK_INT(db_helper_assign(db, hh.id, h1.id, "2025-01-01"), DB_ERR_CONSTRAINT);
    CHECK_INT(db_helper_of(db, hh.id, &cur), DB_OK);
    CHECK_STR(cur.name, "梁干部");

    struct aid_record r = { 0 };
    r.household_id = hh.id;
    r.helper_id = h2.id;
    snprintf(r.date, sizeof r.date, "20260701");
    r.measure = 1;
    snprintf(r.content, sizeof r.content, "发放鸡苗 50 只");
    r.goods_value = 150000;
    r.signed_household = 1;
    CHECK_INT(db_aid_add(db, &r), DB_OK);
    CHECK(r.id > 0);
    CHECK_STR(tdb_text(db, "SELECT date FROM aid_records"), "2026-07-01");
    /* a confirmed entry is never edited in place (the schema refuses it) ... */
    CHECK_INT(0xff & sqlite3_exec(db_handle(db), "UPDATE aid_records SET money = 1", NULL, NULL, NULL),
              SQLITE_CONSTRAINT);
    /* ... but a missing signature may be added */
    CHECK_INT(0xff & sqlite3_exec(db_handle(db), "UPDATE aid_records SET signed_team = 1", NULL, NULL, NULL),
              SQLITE_OK);
    struct aid_record bad = r;
    bad.money = -5;
    CHECK_INT(db_aid_add(db, &bad), DB_ERR_CONSTRAINT);
    bad = r;
    bad.measure = 0;
    CHECK_INT(db_aid_add(db, &bad), DB_ERR_CONSTRAINT);
    bad = r;
    snprintf(bad.date, sizeof bad.date, "2026-13-01");
    CHECK_INT(db_aid_add(db, &bad), DB_ERR_INVALID);

    /* a waiver stops new entries from its date; corrections still go */
    CHECK_INT(db_waiver_add(db, hh.id, "2026-08-01", "", NULL), DB_ERR_INVALID);
    CHECK_INT(db_waiver_add(db, hh.id, "2026-08-01", "外出务工，自愿放弃", NULL), DB_OK);
    struct aid_record late = r;
    late.id = 0;
    snprintf(late.date, sizeof late.date, "2026-08-02");
    CHECK_INT(db_aid_add(db, &late), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "放弃帮扶") != NULL);
    snprintf(late.date, sizeof late.date, "2026-07-15");     /* before the waiver: fine */
    CHECK_INT(db_aid_add(db, &late), DB_OK);
    struct aid_record fix = r;
    snprintf(fix.date, sizeof fix.date, "2026-09-01");
    fix.corrects_id = r.id;
    fix.goods_value = 140000;
    CHECK_INT(db_aid_add(db, &fix), DB_OK);
    /* all of it audited */
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'aid_records' AND action = 'insert'"), 3);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'waivers'"), 1);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'assignments'"), 3);
    db_close(db);
}

TEST(db_posted_notice_list_is_frozen)
{
    struct db *db = tdb_open("notice.db");
    struct household a, b;
    tdb_household(&a, "一号户", 2, 1400);
    tdb_household(&b, "二号户", 2, 1410);
    CHECK_INT(db_household_save(db, &a), DB_OK);
    CHECK_INT(db_household_save(db, &b), DB_OK);
    sqlite3 *h = db_handle(db);
    CHECK_INT(0xff & sqlite3_exec(h, "INSERT INTO notices(kind, round, area, year, start_date, days, end_date) "
                              "VALUES (1, 1, '" TDB_VILLAGE1 "', 2026, '2026-05-01', 7, '2026-05-07')",
                           NULL, NULL, NULL), SQLITE_OK);
    char sql[200];
    snprintf(sql, sizeof sql, "INSERT INTO notice_households(notice_id, household_id) VALUES (1, %lld)",
             (long long)a.id);
    CHECK_INT(0xff & sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);      /* draft list: editable */
    CHECK_INT(0xff & sqlite3_exec(h, "UPDATE notices SET posted = 1", NULL, NULL, NULL), SQLITE_OK);
    snprintf(sql, sizeof sql, "INSERT INTO notice_households(notice_id, household_id) VALUES (1, %lld)",
             (long long)b.id);
    CHECK_INT(0xff & sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_CONSTRAINT);
    CHECK_INT(0xff & sqlite3_exec(h, "DELETE FROM notice_households", NULL, NULL, NULL), SQLITE_CONSTRAINT);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM notice_households"), 1);
    /* round must be 1–3, an end before the start is refused */
    CHECK_INT(0xff & sqlite3_exec(h, "INSERT INTO notices(kind, round, area, year, start_date, end_date) "
                              "VALUES (1, 4, '" TDB_VILLAGE1 "', 2026, '2026-05-01', '2026-05-07')",
                           NULL, NULL, NULL), SQLITE_CONSTRAINT);
    CHECK_INT(0xff & sqlite3_exec(h, "INSERT INTO notices(kind, round, area, year, start_date, end_date) "
                              "VALUES (1, 2, '" TDB_VILLAGE1 "', 2026, '2026-05-08', '2026-05-07')",
                           NULL, NULL, NULL), SQLITE_CONSTRAINT);
    db_close(db);
}

/* The code's length gives the level and the parent (6 县, 9 乡镇, 12 村). */
TEST(db_area_add_by_code_levels)
{
    struct db *db = tdb_open("bycode.db");
    CHECK_INT(db_area_add_by_code(db, "450124", "马山县"), DB_OK);
    CHECK_INT(db_area_add_by_code(db, "450124101", "白山镇"), DB_OK);
    CHECK_INT(db_area_add_by_code(db, "450124101001", "那门村"), DB_OK);
    struct area a;
    CHECK_INT(db_area_get(db, "450124101001", &a), DB_OK);
    CHECK_INT(a.level, AREA_VILLAGE);
    CHECK_STR(a.parent, "450124101");
    CHECK_INT(db_area_add_by_code(db, "4501231", "七位"), DB_ERR_INVALID);
    CHECK_INT(db_area_add_by_code(db, "450124102001", "无乡之村"), DB_ERR_CONSTRAINT);   /* no township 450124102 */
    CHECK(strstr(db_errmsg(db), "450124102") != NULL);
    db_close(db);
}
