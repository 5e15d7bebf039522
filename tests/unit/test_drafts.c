/* Draft tests (db/drafts.c): a draft is stored field by field, so one written
 * by another build — fields since added or removed — loads, and the drafts
 * of the old raw-struct format survive the schema upgrade (converted when of
 * this layout, reported otherwise, never dropped silently). */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "db/drafts.h"
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

static int exec(struct db *db, const char *sql)
{
    return sqlite3_exec(db_handle(db), sql, NULL, NULL, NULL);
}

TEST(draft_round_trip_every_field)
{
    struct db *db = tdb_open("drafts.db");
    static struct household hh, back;
    tdb_household(&hh, "草稿户", 5, 900);
    tdb_fill_all(&hh, 1, 900);
    hh.id = 42;
    hh.state = 3;
    snprintf(hh.hh_no, sizeof hh.hh_no, "4501231012010001");
    hh.members[2].id = 77;
    /* A member change said on the form and not yet saved (issue 11): the
     * reason and date of a member who joined, and of one who left. */
    hh.members[4].join_reason = 1;
    snprintf(hh.members[4].join_date, sizeof hh.members[4].join_date, "2026-04-01");
    hh.left[0] = (struct member_leave){ 99, 1, "2026-03-05" };
    hh.n_left = 1;
    CHECK_INT(db_draft_save(db, "survey", "42", &hh), DB_OK);
    char updated[20] = "";
    memset(&back, 0, sizeof back);
    CHECK_INT(db_draft_load(db, "survey", "42", &back, updated), DB_OK);
    CHECK_INT(tdb_compare(&hh, &back), 0);
    /* byte for byte: no value of the struct is left out of the draft (both
     * start zeroed, text is written with snprintf) */
    CHECK(memcmp(&hh, &back, sizeof hh) == 0);
    CHECK_INT(back.id, 42);
    CHECK_INT(back.state, 3);
    CHECK_STR(back.hh_no, "4501231012010001");
    CHECK_INT(back.members[2].id, 77);
    CHECK_INT(strlen(updated), 19);
    CHECK_INT(back.n_left, 1);
    CHECK_STR(back.left[0].date, "2026-03-05");
    CHECK_STR(back.members[4].join_date, "2026-04-01");
    hh.n_left = 0;
    /* replaced, not duplicated; a member dropped from the form is gone */
    snprintf(hh.members[0].name, sizeof hh.members[0].name, "改名");
    hh.n_members = 3;
    CHECK_INT(db_draft_save(db, "survey", "42", &hh), DB_OK);
    CHECK_INT(db_draft_load(db, "survey", "42", &back, NULL), DB_OK);
    CHECK_STR(back.members[0].name, "改名");
    CHECK_INT(back.n_members, 3);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM drafts"), 1);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM draft_values WHERE member >= 3"), 0);
    struct draft_info list[4];
    size_t n = 0;
    CHECK_INT(db_drafts(db, list, 4, &n), DB_OK);
    CHECK_INT(n, 1);
    CHECK_STR(list[0].form, "survey");
    CHECK_INT(db_draft_clear(db, "survey", "42"), DB_OK);
    CHECK_INT(db_draft_load(db, "survey", "42", &back, NULL), DB_ERR_NOTFOUND);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM draft_values"), 0);
    CHECK_INT(db_draft_clear(db, "survey", "42"), DB_OK);
    db_close(db);
}

/* A draft written by another build: one key it lacks (a field added since:
 * keeps the value the form opened with), keys this build does not know (a
 * field removed since: ignored), a member field added since (zero). */
TEST(draft_of_another_build_loads)
{
    struct db *db = tdb_open("drafts.db");
    static struct household hh, back;
    tdb_household(&hh, "旧草稿", 3, 300);
    tdb_fill_all(&hh, 2, 300);
    CHECK_INT(db_draft_save(db, "application", "new", &hh), DB_OK);
    CHECK_INT(exec(db, "DELETE FROM draft_values WHERE field IN ('survey.bank', 'household.phone') "
                       "OR (member = 1 AND field = 'political')"), SQLITE_OK);
    CHECK_INT(exec(db, "INSERT INTO draft_values VALUES ('application', 'new', -1, 'survey.retired_field', 'x'),"
                       " ('application', 'new', -1, 'nosuchtable.year', 1),"
                       " ('application', 'new', -1, 'nodot', 1),"
                       " ('application', 'new', 0, 'old_member_field', 5),"
                       " ('application', 'new', 99, 'name', 'beyond the roster')"), SQLITE_OK);
    memset(&back, 0, sizeof back);
    snprintf(back.survey.bank, sizeof back.survey.bank, "默认银行");
    snprintf(back.phone, sizeof back.phone, "07710000000");
    back.members[1].political = 9;   /* the opened record's: a new member field starts at 0 */
    CHECK_INT(db_draft_load(db, "application", "new", &back, NULL), DB_OK);
    CHECK_STR(back.survey.bank, "默认银行");
    CHECK_STR(back.phone, "07710000000");
    CHECK_INT(back.members[1].political, 0);
    CHECK_INT(back.n_members, 3);
    /* everything else as saved */
    snprintf(hh.survey.bank, sizeof hh.survey.bank, "默认银行");
    snprintf(hh.phone, sizeof hh.phone, "07710000000");
    hh.members[1].political = 0;
    CHECK_INT(tdb_compare(&hh, &back), 0);
    db_close(db);
}

/* A file of schema version 1 with two raw drafts: one of this build's
 * layout (converted), one of another size (reported, not dropped silently). */
TEST(draft_survives_schema_upgrade)
{
    struct db *db = tdb_open("v1.db");
    static struct household hh, back;
    tdb_household(&hh, "升级户", 4, 500);
    tdb_downgrade_to_v1(db);
    sqlite3_stmt *st = NULL;
    CHECK_INT(sqlite3_prepare_v2(db_handle(db), "INSERT INTO drafts(form, key, blob, updated_at) "
                                 "VALUES (?1, ?2, ?3, '2026-11-28 10:00:00')", -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, "survey", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, "7", -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 3, &hh, sizeof hh, SQLITE_STATIC);
    CHECK_INT(sqlite3_step(st), SQLITE_DONE);
    sqlite3_reset(st);
    sqlite3_bind_text(st, 2, "8", -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 3, &hh, sizeof hh - 8, SQLITE_STATIC);
    CHECK_INT(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    db_close(db);

    char err[256];
    CHECK_INT(db_open(tdb_path("v1.db"), 0, &db, err, sizeof err), DB_OK);
    CHECK_INT(tdb_int(db, "PRAGMA user_version"), db_schema_version());
    struct draft_info list[4];
    size_t n = 0;
    CHECK_INT(db_drafts(db, list, 4, &n), DB_OK);
    CHECK_INT(n, 2);
    memset(&back, 0, sizeof back);
    char updated[20] = "";
    CHECK_INT(db_draft_load(db, "survey", "7", &back, updated), DB_OK);
    CHECK_INT(tdb_compare(&hh, &back), 0);
    CHECK_STR(updated, "2026-11-28 10:00:00");
    /* the next field exit writes it in the new format, replacing the old */
    CHECK_INT(db_draft_save(db, "survey", "7", &back), DB_OK);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM drafts_blob WHERE key = '7'"), 0);
    CHECK_INT(db_draft_load(db, "survey", "7", &back, NULL), DB_OK);
    CHECK_INT(tdb_compare(&hh, &back), 0);
    /* the other layout: said, in Chinese, with its time; cleared on request */
    CHECK_INT(db_draft_load(db, "survey", "8", &back, NULL), DB_ERR_INVALID);
    CHECK(strstr(db_errmsg(db), "2026-11-28 10:00:00") != NULL);
    CHECK(strstr(db_errmsg(db), "无法恢复") != NULL);
    CHECK_INT(db_draft_clear(db, "survey", "8"), DB_OK);
    CHECK_INT(db_draft_load(db, "survey", "8", &back, NULL), DB_ERR_NOTFOUND);
    CHECK_STR(tdb_text(db, "PRAGMA integrity_check"), "ok");
    db_close(db);
}
