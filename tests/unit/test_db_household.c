/* Storage tests: household save/load, soft delete, audit, duplicate IDs,
 * all-or-nothing saves, search, state history. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "db/household_store.h"
#include "db/settings.h"
#include "core/pinyin.h"
#include "core/codes.h"
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

TEST(db_household_roundtrip_every_field)
{
    struct db *db = tdb_open("rt.db");
    struct household hh, back;
    tdb_household(&hh, "户主", 6, 0);
    /* Bools carry bit `round` of their index: after 7 rounds any two bool
     * columns swapped in the binding would have shown a difference. */
    for (int round = 0; round < 7; round++) {
        tdb_fill_all(&hh, round, 1000);
        hh.app.id = hh.survey.id = 0;       /* each round is another year */
        hh.survey.year = hh.app.year;
        if (!CHECK_INT(db_household_save(db, &hh), DB_OK))
            fprintf(stderr, "    %s\n", db_errmsg(db));
        CHECK(hh.id > 0 && hh.members[5].id > 0 && hh.app.id > 0 && hh.survey.id > 0);
        CHECK_INT(db_household_load(db, hh.id, hh.survey.year, &back), DB_OK);
        CHECK_INT(back.id, hh.id);
        for (int m = 0; m < hh.n_members; m++)
            CHECK_INT(back.members[m].id, hh.members[m].id);
        CHECK_INT(back.app.id, hh.app.id);
        CHECK_INT(back.survey.id, hh.survey.id);
        if (tdb_compare(&hh, &back))
            fprintf(stderr, "    (round %d)\n", round);
    }
    /* year 0 = the latest of each: round 0 wrote 2026 */
    CHECK_INT(db_household_load(db, hh.id, 0, &back), DB_OK);
    CHECK_INT(back.app.year, 2026);
    CHECK_INT(back.survey.year, 2026);
    int years[16];
    size_t n = 0;
    CHECK_INT(db_household_years(db, hh.id, years, 16, &n), DB_OK);
    CHECK_INT(n, 7);
    CHECK_INT(years[0], 2026);
    CHECK_INT(years[6], 2020);
    /* a year with nothing gives zeroed forms */
    CHECK_INT(db_household_load(db, hh.id, 2001, &back), DB_OK);
    CHECK_INT(back.app.year, 0);
    CHECK_INT(back.survey.id, 0);
    CHECK_INT(back.n_members, 6);
    /* ids came back in order; the list copies follow the record */
    CHECK_INT(tdb_int(db, "SELECT n_members FROM households"), 6);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM applications"), 7);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM surveys"), 7);
    CHECK_INT(db_household_load(db, 999, 0, &back), DB_ERR_NOTFOUND);
    db_close(db);
}

TEST(db_household_skips_year_zero_forms)
{
    struct db *db = tdb_open("y0.db");
    struct household hh;
    tdb_household(&hh, "蒙福", 2, 20);
    hh.survey.year = 0;
    hh.survey.standard = 0;     /* an unsurveyed household: survey not stored */
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    CHECK_INT(hh.survey.id, 0);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM surveys"), 0);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM applications"), 1);
    /* a new household starts in hh->state with one history row */
    CHECK_INT(tdb_int(db, "SELECT state FROM households"), 1);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM state_history WHERE to_state = 1 AND from_state = 0"), 1);
    /* an existing household keeps its stored state: moves are db_state_change's */
    hh.state = 8;
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    CHECK_INT(hh.state, 1);
    CHECK_INT(tdb_int(db, "SELECT state FROM households"), 1);
    db_close(db);
}

TEST(db_removed_member_is_soft_deleted_and_audited)
{
    struct db *db = tdb_open("rm.db");
    struct household hh, back;
    tdb_household(&hh, "潘家和", 4, 40);
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    int64_t gone = hh.members[2].id;
    char gone_id[19];
    snprintf(gone_id, sizeof gone_id, "%s", hh.members[2].id_no);
    hh.members[2] = hh.members[3];
    hh.n_members = 3;
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    CHECK_INT(db_household_load(db, hh.id, 0, &back), DB_OK);
    CHECK_INT(back.n_members, 3);
    CHECK_INT(back.members[2].id, hh.members[2].id);
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT deleted FROM members WHERE id = %lld", (long long)gone);
    CHECK_INT(tdb_int(db, sql), 1);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE tbl = 'members' AND row_id = %lld "
             "AND action = 'update' AND json_extract(old, '$.deleted') = 0 "
             "AND json_extract(new, '$.deleted') = 1", (long long)gone);
    CHECK_INT(tdb_int(db, sql), 1);
    /* the removed person's ID is free again: re-keyed as a new member */
    hh.members[3] = hh.members[1];
    hh.members[3].id = 0;
    snprintf(hh.members[3].id_no, sizeof hh.members[3].id_no, "%s", gone_id);
    hh.n_members = 4;
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    CHECK(hh.members[3].id != gone);
    /* an unchanged re-save writes no audit noise */
    long long before = tdb_int(db, "SELECT count(*) FROM audit");
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit"), before);
    db_close(db);
}

TEST(db_soft_delete_household_with_audit)
{
    struct db *db = tdb_open("del.db");
    struct household hh, back;
    tdb_household(&hh, "罗永福", 3, 60);
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    db_set_operator(db, "乡镇专干");
    CHECK_INT(db_household_delete(db, hh.id, "重复录入"), DB_OK);
    CHECK_INT(db_household_load(db, hh.id, 0, &back), DB_ERR_NOTFOUND);
    CHECK_INT(db_household_delete(db, hh.id, "again"), DB_ERR_NOTFOUND);
    /* soft: the rows are all there */
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM households WHERE deleted = 1 AND deleted_at IS NOT NULL "
                          "AND delete_reason = '重复录入'"), 1);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM members WHERE deleted = 1"), 3);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM members"), 3);
    /* audited with operator, old and new values */
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'households' AND action = 'update' "
                          "AND operator = '乡镇专干' AND json_extract(old, '$.deleted') = 0 "
                          "AND json_extract(new, '$.deleted') = 1 "
                          "AND json_type(new, '$.deleted_at') = 'text' "
                          "AND json_type(new, '$.head_name') IS NULL "       /* unchanged: not logged */
                          "AND at LIKE '____-__-__ __:__:__'"), 1);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'members' AND action = 'update' "
                          "AND operator = '乡镇专干'"), 3);
    /* the insert was logged under the first operator; its row keeps no
     * image (issue 14): the values are rebuilt from the record and the
     * later updates */
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'households' AND action = 'insert' "
                          "AND operator = '测试员' AND old IS NULL AND new GLOB '[0-9]*'"), 1);
    CHECK_STR(tdb_inserted(db, "households", hh.id, "village"), TDB_VILLAGE1);
    CHECK_STR(tdb_inserted(db, "households", hh.id, "deleted"), "0");
    CHECK_STR(tdb_inserted(db, "households", hh.id, "deleted_at"), "(null)");
    /* the survey row (over 127 function arguments as JSON) is rebuilt whole */
    int64_t sv = tdb_int(db, "SELECT id FROM surveys");
    CHECK_STR(tdb_inserted(db, "surveys", sv, "hh_type"), "2");
    CHECK_STR(tdb_inserted(db, "surveys", sv, "year"), "2026");
    CHECK_STR(tdb_inserted(db, "surveys", sv, "surveyor2"), "韦兰");
    CHECK_STR(tdb_inserted(db, "surveys", sv, "survey_date"), "2026-04-02");
    /* the deleted household is out of the list; its IDs are free */
    struct hh_row rows[4];
    size_t n = 9;
    CHECK_INT(db_household_search(db, "罗永福", NULL, -1, rows, 4, &n), DB_OK);
    CHECK_INT(n, 0);
    struct household other;
    tdb_household(&other, "罗永贵", 3, 60);
    CHECK_INT(db_household_save(db, &other), DB_OK);
    /* restoring now collides with the active IDs: refused, nothing changed */
    CHECK_INT(db_household_restore(db, hh.id), DB_ERR_CONSTRAINT);
    CHECK_INT(tdb_int(db, "SELECT deleted FROM households WHERE head_name = '罗永福'"), 1);
    CHECK_INT(db_household_delete(db, other.id, "测试"), DB_OK);
    CHECK_INT(db_household_restore(db, hh.id), DB_OK);
    CHECK_INT(db_household_load(db, hh.id, 0, &back), DB_OK);
    CHECK_INT(back.n_members, 3);
    CHECK_INT(db_household_search(db, "罗永福", NULL, -1, rows, 4, &n), DB_OK);
    CHECK_INT(n, 1);
    db_close(db);
}

TEST(db_audit_log_is_append_only)
{
    struct db *db = tdb_open("aud.db");
    struct household hh;
    tdb_household(&hh, "莫少聪", 2, 80);
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    long long n = tdb_int(db, "SELECT count(*) FROM audit");
    CHECK(n >= 4);  /* household, 2 members, application, survey */
    char *msg = NULL;
    int rc = sqlite3_exec(db_handle(db), "UPDATE audit_log SET operator = 'x'", NULL, NULL, &msg);
    CHECK_INT(rc & 0xff, SQLITE_CONSTRAINT);
    CHECK(msg && strstr(msg, "append-only"));
    sqlite3_free(msg);
    CHECK_INT(0xff & sqlite3_exec(db_handle(db), "DELETE FROM audit_log", NULL, NULL, NULL), SQLITE_CONSTRAINT);
    CHECK_INT(0xff & sqlite3_exec(db_handle(db), "UPDATE state_history SET reason = 'x'", NULL, NULL, NULL),
              SQLITE_CONSTRAINT);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit"), n);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE operator = 'x'"), 0);
    /* a hard delete of a personal row is logged as such (and refused by FKs here) */
    CHECK(sqlite3_exec(db_handle(db), "DELETE FROM households", NULL, NULL, NULL) != SQLITE_OK);
    db_close(db);
}

TEST(db_duplicate_active_id_refused)
{
    struct db *db = tdb_open("dup.db");
    struct household a, b;
    tdb_household(&a, "覃老大", 3, 100);
    CHECK_INT(db_household_save(db, &a), DB_OK);
    tdb_household(&b, "韦老二", 2, 200);
    snprintf(b.members[1].id_no, sizeof b.members[1].id_no, "%s", a.members[2].id_no);
    CHECK_INT(db_household_save(db, &b), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "覃老大") != NULL);       /* names the other household */
    CHECK(strstr(db_errmsg(db), a.members[2].id_no) != NULL);
    CHECK_INT(b.id, 0);
    int64_t owner = 0;
    char head[64] = "";
    CHECK_INT(db_id_owner(db, a.members[2].id_no, 0, &owner, head, sizeof head), DB_OK);
    CHECK_INT(owner, a.id);
    CHECK_STR(head, "覃老大");
    /* its own household is excluded, an unknown ID is not found */
    CHECK_INT(db_id_owner(db, a.members[2].id_no, a.id, &owner, head, sizeof head), DB_ERR_NOTFOUND);
    CHECK_INT(db_id_owner(db, b.members[0].id_no, 0, &owner, head, sizeof head), DB_ERR_NOTFOUND);
    /* twice in one household */
    tdb_household(&b, "韦老二", 2, 200);
    snprintf(b.members[1].id_no, sizeof b.members[1].id_no, "%s", b.members[0].id_no);
    CHECK_INT(db_household_save(db, &b), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "重复") != NULL);
    /* the schema refuses it too, whatever program writes */
    char sql[400];
    snprintf(sql, sizeof sql, "INSERT INTO households(village) VALUES ('%s');"
             "INSERT INTO members(household_id, name, id_no, sex, relation, ethnic, education, schooling,"
             " health, skill) VALUES (last_insert_rowid(), 'x', '%s', 1, 1, 1, 1, 1, 1, 1)",
             TDB_VILLAGE1, a.members[0].id_no);
    CHECK_INT(0xff & sqlite3_exec(db_handle(db), "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    CHECK_INT(0xff & sqlite3_exec(db_handle(db), sql, NULL, NULL, NULL), SQLITE_CONSTRAINT);
    sqlite3_exec(db_handle(db), "ROLLBACK", NULL, NULL, NULL);
    db_close(db);
}

TEST(db_failed_save_writes_nothing)
{
    struct db *db = tdb_open("half.db");
    struct household hh;
    tdb_household(&hh, "新户", 3, 300);
    hh.members[1].relation = 0;         /* second member violates CHECK (relation > 0) */
    CHECK_INT(db_household_save(db, &hh), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "与户主关系") != NULL);    /* names the field */
    CHECK(strstr(db_errmsg(db), "第 2 名成员") != NULL);
    static const char *const tables[] = { "households", "members", "applications", "surveys",
                                          "state_history", "audit", "hh_search", "hh_initials", NULL };
    for (int i = 0; tables[i]; i++) {
        char sql[100];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[i]);
        if (!CHECK_INT(tdb_int(db, sql), 0))
            fprintf(stderr, "    rows left in %s\n", tables[i]);
    }
    CHECK_INT(hh.id, 0);
    CHECK_INT(hh.members[0].id, 0);
    CHECK_INT(hh.app.id, 0);

    /* an edit failing halfway leaves the old record intact */
    hh.members[1].relation = REL_SPOUSE;
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    struct household old = hh, edit = hh, back;
    snprintf(edit.members[0].name, sizeof edit.members[0].name, "改过的名字");
    edit.survey.wage_income = 123456;
    edit.members[2].sex = 3;            /* CHECK sex IN (1,2) */
    CHECK_INT(db_household_save(db, &edit), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "性别") != NULL);
    CHECK_INT(db_household_load(db, hh.id, 0, &back), DB_OK);
    tdb_compare(&old, &back);
    CHECK_STR(tdb_text(db, "PRAGMA integrity_check"), "ok");
    /* negative money and an unknown village are refused by the schema */
    edit = hh;
    edit.survey.dibao = -1;
    CHECK_INT(db_household_save(db, &edit), DB_ERR_CONSTRAINT);
    edit = hh;
    snprintf(edit.village, sizeof edit.village, "450123101299");
    CHECK_INT(db_household_save(db, &edit), DB_ERR_CONSTRAINT);
    CHECK(strstr(db_errmsg(db), "不存在") != NULL);
    edit = hh;
    snprintf(edit.app.apply_date, sizeof edit.app.apply_date, "2026-02-30");
    CHECK_INT(db_household_save(db, &edit), DB_ERR_CONSTRAINT);
    edit = hh;
    snprintf(edit.members[0].id_no, sizeof edit.members[0].id_no, "45012319800101");
    CHECK_INT(db_household_save(db, &edit), DB_ERR_CONSTRAINT);
    CHECK_INT(db_household_load(db, hh.id, 0, &back), DB_OK);
    tdb_compare(&old, &back);
    /* bad arguments */
    edit = hh;
    edit.n_members = 0;
    CHECK_INT(db_household_save(db, &edit), DB_ERR_INVALID);
    edit.n_members = HH_MAX_MEMBERS + 1;
    CHECK_INT(db_household_save(db, &edit), DB_ERR_INVALID);
    edit = hh;
    edit.id = 12345;
    edit.n_members = 1;
    tdb_idno(99999, 1, edit.members[0].id_no);
    CHECK_INT(db_household_save(db, &edit), DB_ERR_NOTFOUND);
    CHECK_INT(edit.id, 12345);
    db_close(db);
}

/* The whole initials index as text, to compare with a rebuild. */
#define INITIALS_DUMP "SELECT group_concat(rank || initials || ':' || household_id, ',') FROM " \
                      "(SELECT * FROM hh_initials ORDER BY household_id, rank, initials)"

/* A small population for the search tests. */
static struct db *search_db(int64_t ids[4])
{
    struct db *db = tdb_open("search.db");
    struct household hh;
    tdb_household(&hh, "张三丰", 3, 1000);
    snprintf(hh.members[1].name, sizeof hh.members[1].name, "阿卜杜·热合曼");
    snprintf(hh.hh_no, sizeof hh.hh_no, "4501231012010007");
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    ids[0] = hh.id;
    tdb_household(&hh, "张山", 2, 2000);
    snprintf(hh.village, sizeof hh.village, "%s", TDB_VILLAGE2);
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    ids[1] = hh.id;
    tdb_household(&hh, "李四", 4, 3000);
    snprintf(hh.members[3].name, sizeof hh.members[3].name, "张小花");
    snprintf(hh.village, sizeof hh.village, "%s", TDB_VILLAGE3);
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    ids[2] = hh.id;
    tdb_household(&hh, "曾国强", 1, 4000);    /* 曾 as a surname reads Zēng */
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    ids[3] = hh.id;
    return db;
}

static size_t search(struct db *db, const char *q, const char *village, int state,
                     struct hh_row *rows)
{
    size_t n = 99;
    CHECK_INT(db_household_search(db, q, village, state, rows, 16, &n), DB_OK);
    return n;
}

TEST(db_search_by_name_initials_id_and_hh_no)
{
    int64_t ids[4];
    struct db *db = search_db(ids);
    struct hh_row r[16];
    /* everything, by village and 户编号: in 东信村 曾国强 (no 户编号 yet) first */
    CHECK_INT(search(db, "", NULL, -1, r), 4);
    CHECK_INT(r[0].id, ids[3]);
    CHECK_INT(r[1].id, ids[0]);
    CHECK_STR(r[1].village_name, "东信村");
    CHECK_STR(r[1].head_name, "张三丰");
    CHECK_STR(r[1].hh_no, "4501231012010007");
    CHECK_INT(r[1].n_members, 3);
    CHECK_INT(r[1].hh_type, 2);
    CHECK_INT(r[1].state, 1);
    CHECK_INT(r[2].id, ids[1]);
    CHECK_INT(r[3].id, ids[2]);
    /* a name substring matches any member, not only the head */
    CHECK_INT(search(db, "张", NULL, -1, r), 3);
    CHECK_INT(search(db, "小花", NULL, -1, r), 1);
    CHECK_INT(r[0].id, ids[2]);
    CHECK_INT(search(db, "热合曼", NULL, -1, r), 1);
    CHECK_INT(r[0].id, ids[0]);
    CHECK_INT(search(db, "王五", NULL, -1, r), 0);
    /* pinyin initials of the head's name, as a prefix, any case */
    CHECK_INT(search(db, "zs", NULL, -1, r), 2);
    CHECK_STR(r[0].head_name, "张山");          /* "zs" before "zsf" */
    CHECK_STR(r[1].head_name, "张三丰");
    CHECK_INT(search(db, "ZSF", NULL, -1, r), 1);
    CHECK_INT(search(db, "ls", NULL, -1, r), 1);
    CHECK_INT(search(db, "zx", NULL, -1, r), 1);   /* 张小花 is not the head, but a member */
    CHECK_INT(r[0].id, ids[2]);
    char ini[16];
    pinyin_name_initials("曾国强", ini, sizeof ini);
    CHECK_INT(search(db, ini, NULL, -1, r), 1);
    CHECK_INT(r[0].id, ids[3]);
    /* 4+ digits of any member's ID number; fewer than 4 digits find nothing */
    char id[19];
    tdb_idno(3002, 1, id);      /* 李四's third member */
    char part[8];
    snprintf(part, sizeof part, "%.6s", id + 8);
    CHECK_INT(search(db, part, NULL, -1, r) >= 1, 1);
    int found = 0;
    for (size_t i = 0; i < 16 && i < 4; i++)
        found |= r[i].id == ids[2];
    CHECK(found);
    CHECK_INT(search(db, id, NULL, -1, r), 1);       /* the whole ID */
    CHECK_INT(r[0].id, ids[2]);
    CHECK_INT(search(db, id + 14, NULL, -1, r) >= 1, 1);     /* last 4 */
    CHECK_INT(search(db, "450", NULL, -1, r), 0);
    CHECK_INT(search(db, "99999999", NULL, -1, r), 0);
    /* 户编号 */
    CHECK_INT(search(db, "4501231012010007", NULL, -1, r), 1);
    CHECK_INT(r[0].id, ids[0]);
    CHECK_INT(search(db, "  2010007 ", NULL, -1, r), 1);     /* spaces trimmed */
    db_close(db);
}

/* Clerks search by whoever they are asked about, and read names as they
 * say them: every active member, every reading in use of each character. */
TEST(db_search_initials_any_member_any_reading)
{
    int64_t ids[4];
    struct db *db = search_db(ids);
    struct household hh;
    tdb_household(&hh, "黄明", 3, 5000);
    snprintf(hh.members[1].name, sizeof hh.members[1].name, "张长生");
    snprintf(hh.members[2].name, sizeof hh.members[2].name, "阚亮");
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    int64_t huang = hh.id;
    tdb_household(&hh, "尉迟恭", 1, 6000);
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    int64_t yuchi = hh.id;
    tdb_household(&hh, "尉缭", 1, 7000);
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    int64_t wei = hh.id;
    struct hh_row r[16];
    CHECK_INT(search(db, "zcs", NULL, -1, r), 1);      /* 长 cháng */
    CHECK_INT(r[0].id, huang);
    CHECK_INT(search(db, "zzs", NULL, -1, r), 1);      /* 长 zhǎng */
    CHECK_INT(r[0].id, huang);
    CHECK_INT(search(db, "kl", NULL, -1, r), 1);       /* 阚 kàn */
    CHECK_INT(r[0].id, huang);
    CHECK_INT(search(db, "ycg", NULL, -1, r), 1);      /* 尉迟 Yùchí */
    CHECK_INT(r[0].id, yuchi);
    CHECK_INT(search(db, "wl", NULL, -1, r), 1);       /* 尉 Wèi */
    CHECK_INT(r[0].id, wei);
    /* "z": the households whose 户主 matches come before those found by a
     * member (张长生 in 黄明's, 张小花 in 李四's), each listed once. */
    CHECK_INT(search(db, "z", NULL, -1, r), 5);
    CHECK_STR(r[0].head_name, "曾国强");
    CHECK_STR(r[1].head_name, "张山");
    CHECK_STR(r[2].head_name, "张三丰");
    CHECK(r[3].id == ids[2] || r[3].id == huang);
    CHECK(r[4].id == ids[2] || r[4].id == huang);
    /* The index follows every change in the same save: a member renamed,
     * removed; the household deleted and restored. */
    CHECK_INT(db_household_load(db, huang, 0, &hh), DB_OK);
    snprintf(hh.members[1].name, sizeof hh.members[1].name, "韦长青");
    hh.n_members = 2;                                   /* 阚亮 leaves */
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    CHECK_INT(search(db, "zcs", NULL, -1, r), 0);
    CHECK_INT(search(db, "kl", NULL, -1, r), 0);
    CHECK_INT(search(db, "wcq", NULL, -1, r), 1);
    CHECK_INT(db_household_delete(db, huang, "测试"), DB_OK);
    CHECK_INT(search(db, "wcq", NULL, -1, r), 0);
    CHECK_INT(search(db, "hm", NULL, -1, r), 0);
    CHECK_INT(db_household_restore(db, huang), DB_OK);
    CHECK_INT(search(db, "wzq", NULL, -1, r), 1);
    /* db_search_rebuild (merges, upgrades) gives the same index. */
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM hh_initials WHERE household_id = 0"), 0);
    int before = tdb_int(db, "SELECT count(*) FROM hh_initials");
    CHECK_INT(db_search_rebuild(db), DB_OK);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM hh_initials"), before);
    CHECK_INT(search(db, "wcq", NULL, -1, r), 1);
    db_close(db);
}

TEST(db_search_filters_village_state_and_limit)
{
    int64_t ids[4];
    struct db *db = search_db(ids);
    struct hh_row r[16];
    CHECK_INT(search(db, "", TDB_VILLAGE2, -1, r), 1);
    CHECK_INT(r[0].id, ids[1]);
    CHECK_INT(search(db, "", TDB_TOWNSHIP, -1, r), 3);       /* a township: its villages */
    CHECK_INT(search(db, "", TDB_COUNTY, -1, r), 4);
    CHECK_INT(search(db, "张", TDB_VILLAGE3, -1, r), 1);
    CHECK_INT(search(db, "张", TDB_TOWNSHIP, -1, r), 2);
    CHECK_INT(search(db, "zs", TDB_VILLAGE1, -1, r), 1);
    char id[19];
    tdb_idno(3002, 1, id);
    CHECK_INT(search(db, id, TDB_VILLAGE1, -1, r), 0);
    CHECK_INT(search(db, id, TDB_VILLAGE3, -1, r), 1);
    CHECK_INT(db_state_change(db, ids[1], 2, "2026-05-01", "调查完成"), DB_OK);
    CHECK_INT(search(db, "", NULL, 2, r), 1);
    CHECK_INT(r[0].state, 2);
    CHECK_INT(search(db, "张", NULL, 1, r), 2);
    size_t n = 0;
    CHECK_INT(db_household_search(db, "", NULL, -1, r, 2, &n), DB_OK);
    CHECK_INT(n, 2);
    /* after an edit the search follows the record */
    struct household hh;
    CHECK_INT(db_household_load(db, ids[2], 0, &hh), DB_OK);
    hh.n_members = 3;                   /* 张小花 moves out */
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    CHECK_INT(search(db, "小花", NULL, -1, r), 0);
    CHECK_INT(search(db, "张", NULL, -1, r), 3);        /* 张伟 is still in 李四's */
    /* a rebuild gives the same answers */
    CHECK_INT(db_search_rebuild(db), DB_OK);
    CHECK_INT(search(db, "小花", NULL, -1, r), 0);
    CHECK_INT(search(db, "张", NULL, -1, r), 3);
    CHECK_INT(search(db, "4501231012010007", NULL, -1, r), 1);
    CHECK_INT(search(db, "热合曼", NULL, -1, r), 1);
    db_close(db);
}

TEST(db_state_change_and_history)
{
    struct db *db = tdb_open("state.db");
    struct household hh;
    tdb_household(&hh, "黎明", 2, 700);
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    db_set_operator(db, "村录入员");
    CHECK_INT(db_state_change(db, hh.id, 2, "20260501", "入户调查完成"), DB_OK);
    CHECK_INT(db_state_change(db, hh.id, 3, "", "评议通过"), DB_OK);
    CHECK_INT(db_state_change(db, hh.id, 4, "2026-02-30", "x"), DB_ERR_INVALID);
    CHECK_INT(db_state_change(db, 999, 4, "", "x"), DB_ERR_NOTFOUND);
    struct state_row rows[8];
    size_t n = 0;
    CHECK_INT(db_state_history(db, hh.id, rows, 8, &n), DB_OK);
    CHECK_INT(n, 3);
    CHECK_INT(rows[0].from_state, 0);
    CHECK_INT(rows[0].to_state, 1);
    CHECK_STR(rows[0].op, "测试员");
    CHECK_INT(rows[1].from_state, 1);
    CHECK_INT(rows[1].to_state, 2);
    CHECK_STR(rows[1].date, "2026-05-01");
    CHECK_STR(rows[1].op, "村录入员");
    CHECK_STR(rows[1].reason, "入户调查完成");
    CHECK_STR(rows[2].date, "2026-11-23");   /* "" = today (FUPIN_TODAY) */
    CHECK_INT(rows[2].to_state, 3);
    struct household back;
    CHECK_INT(db_household_load(db, hh.id, 0, &back), DB_OK);
    CHECK_INT(back.state, 3);
    /* the state move is audited too */
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'households' AND "
                          "json_extract(old, '$.state') = 2 AND json_extract(new, '$.state') = 3 "
                          "AND operator = '村录入员'"), 1);
    db_close(db);
}

/* Hundreds of households span several search chunks; the incrementally
 * kept search table equals a rebuild after saves, edits and deletes. */
TEST(db_search_many_chunks_stays_consistent)
{
    struct db *db = tdb_open("chunks.db");
    struct household hh;
    int64_t ids[300];
    char heads[300][19];
    CHECK_INT(db_begin(db), DB_OK);
    for (int i = 0; i < 300; i++) {
        tdb_household(&hh, i % 2 ? "蓝天" : "白云", 1 + i % 5, 10000 + i * 10);
        if (!CHECK_INT(db_household_save(db, &hh), DB_OK))
            break;
        ids[i] = hh.id;
        snprintf(heads[i], sizeof heads[i], "%s", hh.members[0].id_no);
    }
    CHECK_INT(db_commit(db), DB_OK);
    CHECK(tdb_int(db, "SELECT count(*) FROM hh_search") >= 3);
    for (int i = 0; i < 300; i += 7) {
        if (i % 3 == 0) {
            CHECK_INT(db_household_delete(db, ids[i], "测试"), DB_OK);
        } else {
            CHECK_INT(db_household_load(db, ids[i], 0, &hh), DB_OK);
            snprintf(hh.members[0].name, sizeof hh.members[0].name, "改名%d号", i);
            CHECK_INT(db_household_save(db, &hh), DB_OK);
        }
    }
    struct hh_row r[16];
    size_t n;
    for (int i = 0; i < 300; i += 7) {
        CHECK_INT(db_household_search(db, heads[i], NULL, -1, r, 16, &n), DB_OK);
        CHECK_INT(n, i % 3 == 0 ? 0 : 1);
        if (n == 1)
            CHECK_INT(r[0].id, ids[i]);
        char name[32];
        snprintf(name, sizeof name, "改名%d号", i);
        CHECK_INT(db_household_search(db, name, NULL, -1, r, 16, &n), DB_OK);
        CHECK_INT(n, i % 3 == 0 ? 0 : 1);
    }
    CHECK_INT(db_household_search(db, heads[1], NULL, -1, r, 16, &n), DB_OK);
    CHECK_INT(n, 1);
    CHECK_INT(r[0].id, ids[1]);
    /* results come in household order and stop at max */
    CHECK_INT(db_household_search(db, "蓝天", NULL, -1, r, 16, &n), DB_OK);
    CHECK_INT(n, 16);
    for (size_t i = 1; i < n; i++)
        CHECK(r[i].id > r[i - 1].id);
    static char before[200000];
    snprintf(before, sizeof before, "%s", tdb_text(db, "SELECT hex(group_concat(data, '')) FROM "
                                                     "(SELECT data FROM hh_search ORDER BY chunk)"));
    CHECK(strlen(before) > 1000);
    static char keys[200000];
    snprintf(keys, sizeof keys, "%s", tdb_text(db, INITIALS_DUMP));
    CHECK(strlen(keys) > 1000);
    CHECK_INT(db_search_rebuild(db), DB_OK);
    CHECK(strcmp(tdb_text(db, "SELECT hex(group_concat(data, '')) FROM "
                               "(SELECT data FROM hh_search ORDER BY chunk)"), before) == 0);
    CHECK(strcmp(tdb_text(db, INITIALS_DUMP), keys) == 0);
    CHECK_INT(db_search_initials_rebuild(db), DB_OK);       /* what an upgrade runs */
    CHECK(strcmp(tdb_text(db, INITIALS_DUMP), keys) == 0);
    db_close(db);
}

/* The household list by 村民小组 number (第二组 before 第十组), whether all
 * households are listed or a name search finds them; not in the text order
 * (第一组, 第七组, 第三组, 第二组, 第十组, 第四组) nor in entry order. */
TEST(db_search_lists_groups_by_number)
{
    static const char *const entered[] = { "第十组", "第四组", "第二组", "第七组", "第一组", "第三组" };
    static const char *const listed[] = { "第一组", "第二组", "第三组", "第四组", "第七组", "第十组" };
    struct db *db = tdb_open("groups.db");
    struct household hh;
    for (int i = 0; i < 6; i++) {
        tdb_household(&hh, "王小明", 1, 100 * (i + 1));
        snprintf(hh.group_name, sizeof hh.group_name, "%s", entered[i]);
        CHECK_INT(db_household_save(db, &hh), DB_OK);
    }
    struct hh_row r[16];
    static const char *const queries[] = { "", "王小" };
    for (int q = 0; q < 2; q++) {
        CHECK_INT(search(db, queries[q], NULL, -1, r), 6);
        for (int i = 0; i < 6; i++)
            CHECK_STR(r[i].group_name, listed[i]);
    }
    db_close(db);
}
