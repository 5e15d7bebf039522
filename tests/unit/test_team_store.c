/* Tests for db/team: members saved through core/team's rules inside one
 * transaction, the visit log with corrections, the aid card's 工作队长签字
 * naming a member, and the 录入员 role.  Today is 2026-11-23. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "core/checks.h"
#include "core/codes.h"
#include "db/assist.h"
#include "db/household_store.h"
#include "db/operators.h"
#include "db/team.h"
#include <stdio.h>
#include <string.h>

static struct team_member tm(const char *village, const char *name, const char *phone, const char *from,
                             const char *to, int leader)
{
    struct team_member m;
    memset(&m, 0, sizeof m);
    snprintf(m.village, sizeof m.village, "%s", village);
    snprintf(m.name, sizeof m.name, "%s", name);
    snprintf(m.unit, sizeof m.unit, "县农业农村局");
    snprintf(m.title, sizeof m.title, "副局长");
    snprintf(m.phone, sizeof m.phone, "%s", phone);
    snprintf(m.from_date, sizeof m.from_date, "%s", from);
    snprintf(m.to_date, sizeof m.to_date, "%s", to);
    m.leader = leader;
    return m;
}

TEST(team_store_overlap_refused_naming_the_village)
{
    struct db *db = tdb_open("t.db");
    struct team_member a = tm(TDB_VILLAGE1, "李明", "13800000001", "2025-03-01", "2026-02-28", 1);
    CHECK_INT(db_team_member_save(db, &a), DB_OK);
    CHECK(a.id > 0);
    long long before = tdb_int(db, "SELECT count(*) FROM audit");
    struct team_member b = tm(TDB_VILLAGE2, "李明", "13800000001", "2026-01-01", "", 1);
    CHECK_INT(db_team_member_save(db, &b), DB_ERR_INVALID);
    CHECK(strstr(db_errmsg(db), "2025-03-01 至 2026-02-28") != NULL);
    const char *v1 = tdb_text(db, "SELECT name FROM areas WHERE code = '" TDB_VILLAGE1 "'");
    CHECK(v1[0] && strstr(db_errmsg(db), v1) != NULL);
    CHECK_STR(db_errfield(db), "from_date");
    CHECK_INT(b.id, 0);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM team_members"), 1);     /* nothing written */
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit"), before);
    snprintf(b.from_date, sizeof b.from_date, "2026-03-01");
    CHECK_INT(db_team_member_save(db, &b), DB_OK);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'team_members'"), 2);
    /* Ending a's service earlier is an edit of the same row: no overlap with itself. */
    snprintf(a.to_date, sizeof a.to_date, "2026-01-31");
    CHECK_INT(db_team_member_save(db, &a), DB_OK);
    char msg[200];
    CHECK_INT(db_team_leader_warning(db, TDB_VILLAGE1, "2026-11-23", msg, sizeof msg), DB_OK);
    CHECK_STR(msg, "驻村工作队 2026-02-01 至 2026-11-23 没有队长");
    db_close(db);
}

TEST(team_store_keying_needs_a_login)
{
    struct db *db = tdb_open("t.db");
    db_session_assume(db, "", ROLE_NONE);
    struct team_member a = tm(TDB_VILLAGE1, "李明", "", "2025-03-01", "", 1);
    CHECK_INT(db_team_member_save(db, &a), DB_ERR_DENIED);
    CHECK(strstr(db_errmsg(db), "录入员") != NULL);
    db_session_assume(db, "录入甲", ROLE_CLERK);
    CHECK_INT(db_team_member_save(db, &a), DB_OK);
    db_close(db);
}

static int64_t household(struct db *db, const char *head, int k0, const char *village)
{
    static struct household hh;
    tdb_household(&hh, head, 1, k0);
    snprintf(hh.village, sizeof hh.village, "%s", village);
    hh.state = 8;   /* WF_REGISTERED */
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    return hh.id;
}

TEST(team_store_visits_and_corrections)
{
    struct db *db = tdb_open("t.db");
    struct team_member a = tm(TDB_VILLAGE1, "李明", "", "2026-03-01", "", 1);
    CHECK_INT(db_team_member_save(db, &a), DB_OK);
    int64_t h1 = household(db, "张三", 10, TDB_VILLAGE1), h2 = household(db, "王五", 20, TDB_VILLAGE1);
    int64_t other = household(db, "赵六", 30, TDB_VILLAGE2);
    struct team_visit v;
    memset(&v, 0, sizeof v);
    snprintf(v.village, sizeof v.village, TDB_VILLAGE1);
    v.member_id = a.id;
    snprintf(v.date, sizeof v.date, "20260215");            /* before 李明 came */
    v.households[0] = h1;
    v.households[1] = h2;
    v.n_households = 2;
    snprintf(v.notes, sizeof v.notes, "了解春耕");
    CHECK_INT(db_team_visit_add(db, &v, 0), DB_ERR_INVALID);
    CHECK_STR(db_errfield(db), "who");
    snprintf(v.date, sizeof v.date, "20260315");
    v.households[2] = other;                                 /* another village's */
    v.n_households = 3;
    CHECK_INT(db_team_visit_add(db, &v, 0), DB_ERR_INVALID);
    CHECK_STR(db_errfield(db), "households");
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM team_visits"), 0);
    v.n_households = 2;
    CHECK_INT(db_team_visit_add(db, &v, 0), DB_OK);
    struct team_visit c = v;
    c.n_households = 1;
    CHECK_INT(db_team_visit_add(db, &c, v.id), DB_OK);
    static struct team_visit list[8];
    size_t n = 0;
    CHECK_INT(db_team_visits(db, TDB_VILLAGE1, list, 8, &n), DB_OK);
    CHECK_INT(n, 2);
    CHECK_STR(list[0].date, "2026-03-15");
    CHECK_STR(list[0].household_names, "张三、王五");
    CHECK_INT(list[0].corrected_by, c.id);
    CHECK_INT(list[1].corrects_id, v.id);
    CHECK_STR(list[1].member_name, "李明");
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'team_visit_households'"), 3);
    CHECK_INT(db_team_member_delete(db, a.id), DB_ERR_CONSTRAINT);  /* has visits */
    db_close(db);
}

TEST(team_store_aid_signer_from_the_team)
{
    struct db *db = tdb_open("t.db");
    struct team_member a = tm(TDB_VILLAGE1, "李明", "", "2026-03-01", "", 1);
    struct team_member far = tm(TDB_VILLAGE2, "赵刚", "", "2026-01-01", "", 1);
    CHECK_INT(db_team_member_save(db, &a), DB_OK);
    CHECK_INT(db_team_member_save(db, &far), DB_OK);
    int64_t h1 = household(db, "张三", 10, TDB_VILLAGE1);
    struct check_ctx cc;
    checks_ctx_init(&cc);
    struct aid_record r;
    memset(&r, 0, sizeof r);
    r.household_id = h1;
    snprintf(r.date, sizeof r.date, "2026-02-10");
    r.measure = 1;
    snprintf(r.content, sizeof r.content, "送化肥");
    r.signed_team = 1;                                       /* old meaning: yes, nobody named */
    CHECK_INT(db_aid_add_checked(db, &cc, &r), DB_OK);
    struct aid_record got;
    CHECK_INT(db_aid_get(db, r.id, &got), DB_OK);
    CHECK_INT(got.signed_team, 1);
    CHECK_INT(got.team_signer_id, 0);
    r.id = 0;
    r.team_signer_id = a.id;                                 /* 2026-02-10: before 李明 came */
    CHECK_INT(db_aid_add_checked(db, &cc, &r), DB_ERR_INVALID);
    CHECK(strstr(db_errmsg(db), "2026-03-01 至 今") != NULL);
    snprintf(r.date, sizeof r.date, "2026-04-10");
    r.team_signer_id = far.id;                               /* another village's leader */
    CHECK_INT(db_aid_add_checked(db, &cc, &r), DB_ERR_INVALID);
    CHECK(strstr(db_errmsg(db), "不是本村") != NULL);
    r.team_signer_id = a.id;
    CHECK_INT(db_aid_add_checked(db, &cc, &r), DB_OK);
    CHECK_INT(db_aid_get(db, r.id, &got), DB_OK);
    CHECK_INT(got.team_signer_id, a.id);
    /* Signing later from the card (F7). */
    struct aid_record u = r;
    u.id = 0;
    u.signed_team = 0;
    u.team_signer_id = 0;
    CHECK_INT(db_aid_add_checked(db, &cc, &u), DB_OK);
    CHECK_INT(db_aid_sign_team(db, u.id, far.id), DB_ERR_INVALID);
    CHECK_INT(db_aid_sign_team(db, u.id, a.id), DB_OK);
    CHECK_INT(db_aid_get(db, u.id, &got), DB_OK);
    CHECK_INT(got.signed_team, 1);
    CHECK_INT(got.team_signer_id, a.id);
    /* Who signed stays, whatever program writes the file. */
    CHECK(tdb_int(db, "SELECT count(*) FROM team_members") == 2);
    char sql[160];
    snprintf(sql, sizeof sql, "UPDATE aid_records SET team_signer_id = %lld WHERE id = %lld",
             (long long)far.id, (long long)u.id);
    CHECK_INT(tdb_int(db, sql), -1);
    CHECK_INT(db_team_member_delete(db, a.id), DB_ERR_CONSTRAINT);
    db_close(db);
}

static void count_team_finding(void *ud, int64_t household_id, const char *subject, const struct check_result *res)
{
    char *seen = ud;
    (void)household_id;
    snprintf(seen + strlen(seen), 600 - strlen(seen), "%s|%s|%s\n", res->def->id, subject, res->message);
}

/* `fupin check` over the teams on file: the 队长 gap, and two 第一书记 a
 * file got before the rule (written past the store here). */
TEST(team_store_check_all_warns_gap_and_two_secretaries)
{
    struct db *db = tdb_open("t.db");
    struct team_member a = tm(TDB_VILLAGE1, "李明", "13800000001", "2025-03-01", "2026-02-28", 1);
    a.first_secretary = 1;
    CHECK_INT(db_team_member_save(db, &a), DB_OK);
    struct team_member b = tm(TDB_VILLAGE1, "黄强", "13800000002", "2026-01-01", "", 0);
    b.first_secretary = 1;
    CHECK_INT(db_team_member_save(db, &b), DB_ERR_INVALID);
    CHECK_STR(db_errfield(db), "first_secretary");
    b.first_secretary = 0;
    CHECK_INT(db_team_member_save(db, &b), DB_OK);
    CHECK_INT(db_exec(db, "UPDATE team_members SET first_secretary = 1", "test"), DB_OK);
    struct check_ctx cc;
    checks_ctx_init(&cc);
    snprintf(cc.today, sizeof cc.today, "2026-11-23");
    char seen[600] = "";
    size_t warnings = 0;
    CHECK_INT(db_team_check_all(db, &cc, count_team_finding, seen, &warnings), DB_OK);
    CHECK_INT((int)warnings, 2);
    const char *v1 = tdb_text(db, "SELECT name FROM areas WHERE code = '" TDB_VILLAGE1 "'");
    char want[600];
    snprintf(want, sizeof want, "TEAM_NO_LEADER|%s驻村工作队|驻村工作队 2026-03-01 至 2026-11-23 没有队长\n"
             "TEAM_TWO_SECRETARIES|%s驻村工作队|2026-01-01 起本村同时有两名第一书记 (李明、黄强)\n", v1, v1);
    CHECK_STR(seen, want);
    db_close(db);
}
