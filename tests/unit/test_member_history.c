/* Issue 11 items 2 and 4: a registered household's record is evidence.
 * Members come and go as events (reason, date, operator) and stay in the
 * rosters of the years they were there; a change of identifying or
 * eligibility facts (forms/facts.h) is refused by db_household_save without
 * a reason and stored with it. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "core/codes.h"
#include "core/workflow.h"
#include "db/export_queries.h"
#include "db/household_store.h"
#include "db/member_history.h"
#include "forms/facts.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct household *registered(struct db *db, int n, int k0)
{
    struct household *hh = malloc(sizeof *hh);
    tdb_household(hh, "韦国强", n, k0);
    hh->state = WF_REGISTERED;
    CHECK_INT(db_household_save(db, hh), DB_OK);
    return hh;
}

TEST(member_history_reason_required_on_register)
{
    setenv("FUPIN_TODAY", "2026-06-01", 1);
    struct db *db = tdb_open("mh_reason.db");
    struct household *hh = registered(db, 3, 700);
    char before[64];
    snprintf(before, sizeof before, "%s", tdb_text(db, "SELECT group_concat(hh_type || ':' || wage_income) FROM surveys"));
    hh->survey.hh_type = 1;
    hh->survey.wage_income += 120000;
    CHECK_INT(db_household_save(db, hh), DB_ERR_INVALID);
    CHECK(strstr(db_errmsg(db), "原因") != NULL);
    CHECK(strstr(db_errmsg(db), "贫困户属性") != NULL);
    CHECK_STR(tdb_text(db, "SELECT group_concat(hh_type || ':' || wage_income) FROM surveys"), before);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM hh_changes"), 0);
    /* Spaces are no reason. */
    snprintf(hh->change_reason, sizeof hh->change_reason, "   ");
    CHECK_INT(db_household_save(db, hh), DB_ERR_INVALID);
    snprintf(hh->change_reason, sizeof hh->change_reason, "低保核定后复核");
    CHECK_INT(db_household_save(db, hh), DB_OK);
    CHECK_STR(hh->change_reason, "");                       /* said once, stored */
    CHECK_INT(tdb_int(db, "SELECT hh_type FROM surveys"), 1);
    struct hh_change_row rows[4];
    size_t n = 0;
    CHECK_INT(db_hh_changes(db, hh->id, rows, 4, &n), DB_OK);
    CHECK_INT(n, 1);
    CHECK_STR(rows[0].reason, "低保核定后复核");
    CHECK_STR(rows[0].op, "测试员");
    CHECK_STR(rows[0].date, "2026-06-01");
    CHECK(strstr(rows[0].changes, "贫困户属性: 低保贫困户 → 一般贫困户") != NULL);
    CHECK(strstr(rows[0].changes, "工资性收入") != NULL);
    /* Upkeep fields need no reason and leave no record. */
    snprintf(hh->phone, sizeof hh->phone, "13900139000");
    hh->survey.toilet = !hh->survey.toilet;
    CHECK_INT(db_household_save(db, hh), DB_OK);
    /* A new year's survey is the re-survey, not a change of the old one. */
    hh->survey.id = 0;
    hh->survey.year = 2027;
    hh->survey.hh_type = 3;
    CHECK_INT(db_household_save(db, hh), DB_OK);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM hh_changes"), 1);
    /* The record is append-only. */
    CHECK(db_exec(db, "UPDATE hh_changes SET reason = 'x'", "t") != DB_OK);
    CHECK(db_exec(db, "DELETE FROM hh_changes", "t") != DB_OK);
    /* During identification the record is corrected freely. */
    struct household *idf = malloc(sizeof *idf);
    tdb_household(idf, "蒙德", 2, 720);
    CHECK_INT(db_household_save(db, idf), DB_OK);
    idf->survey.hh_type = 1;
    idf->n_members = 1;
    CHECK_INT(db_household_save(db, idf), DB_OK);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM hh_changes"), 1);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM member_events"), 0);
    free(idf);
    free(hh);
    db_close(db);
    unsetenv("FUPIN_TODAY");
}

static int in_year(struct db *db, int64_t id, int year, const char *name, struct year_member *got)
{
    struct year_member ym[HH_MAX_MEMBERS];
    size_t n = 0;
    CHECK_INT(db_members_in_year(db, id, year, ym, HH_MAX_MEMBERS, &n), DB_OK);
    for (size_t i = 0; i < n; i++)
        if (strcmp(ym[i].m.name, name) == 0) {
            if (got)
                *got = ym[i];
            return (int)n;
        }
    return -(int)n;     /* negative: not listed (n members) */
}

TEST(member_history_events_and_members_of_a_year)
{
    setenv("FUPIN_TODAY", "2026-06-01", 1);
    struct db *db = tdb_open("mh_events.db");
    struct household *hh = registered(db, 4, 740);
    int64_t gone = hh->members[2].id;
    char gone_name[TEXT_BYTES(NAME_CHARS)];
    snprintf(gone_name, sizeof gone_name, "%s", hh->members[2].name);
    /* 死亡 on 2026-03-05; a newborn (新生) on 2026-04-01. */
    hh->left[hh->n_left++] = (struct member_leave){ gone, 1, "20260305" };
    hh->members[2] = hh->members[3];
    struct member *baby = &hh->members[3];
    memset(baby, 0, sizeof *baby);
    snprintf(baby->name, sizeof baby->name, "韦小宝");
    tdb_idno(760, 1, baby->id_no);
    baby->sex = SEX_MALE;
    baby->relation = REL_SON;
    baby->ethnic = 1;
    baby->join_reason = 1;
    snprintf(baby->join_date, sizeof baby->join_date, "2026-04-01");
    /* Members are identifying facts: on the register, a reason first. */
    CHECK_INT(db_household_save(db, hh), DB_ERR_INVALID);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM member_events"), 0);
    CHECK_INT(hh->members[3].id, 0);
    /* A leaving date in the future is refused, nothing written. */
    snprintf(hh->change_reason, sizeof hh->change_reason, "户主申报");
    snprintf(hh->left[0].date, sizeof hh->left[0].date, "2026-07-01");
    CHECK_INT(db_household_save(db, hh), DB_ERR_INVALID);
    CHECK(strstr(db_errmsg(db), "晚于今天") != NULL);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM members WHERE deleted = 1"), 0);
    snprintf(hh->left[0].date, sizeof hh->left[0].date, "20260305");
    CHECK_INT(db_household_save(db, hh), DB_OK);
    CHECK_INT(hh->n_left, 0);
    CHECK_INT(hh->members[3].join_reason, 0);

    struct member_event_row ev[8];
    size_t n = 0;
    CHECK_INT(db_member_events(db, hh->id, ev, 8, &n), DB_OK);
    CHECK_INT(n, 2);
    CHECK_INT(ev[0].kind, MEMBER_LEFT);
    CHECK_STR(codes_label(CL_MEMBER_OUT, ev[0].reason), "死亡");
    CHECK_STR(ev[0].date, "2026-03-05");
    CHECK_STR(ev[0].name, gone_name);
    CHECK_STR(ev[0].op, "测试员");
    CHECK_STR(ev[0].note, "户主申报");
    CHECK_INT(ev[1].kind, MEMBER_JOINED);
    CHECK_STR(codes_label(CL_MEMBER_IN, ev[1].reason), "新生");
    CHECK_STR(ev[1].name, "韦小宝");
    /* The person stays, soft-deleted, in the rosters of the years they were there. */
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM members WHERE deleted = 1"), 1);
    struct year_member ym;
    CHECK_INT(in_year(db, hh->id, 2026, gone_name, &ym), 5);
    CHECK_INT(ym.left, 1);
    CHECK_STR(codes_label(CL_MEMBER_OUT, ym.left_reason), "死亡");
    CHECK_STR(ym.left_date, "2026-03-05");
    CHECK_INT(in_year(db, hh->id, 2026, "韦小宝", &ym), 5);
    CHECK_STR(ym.join_date, "2026-04-01");
    CHECK_INT(in_year(db, hh->id, 2025, gone_name, NULL), 4);
    CHECK_INT(in_year(db, hh->id, 2025, "韦小宝", NULL), -4);       /* not born yet */
    CHECK_INT(in_year(db, hh->id, 2027, gone_name, NULL), -4);      /* gone */
    CHECK_INT(in_year(db, hh->id, 2027, "韦小宝", NULL), 4);

    /* Removed on the register without saying why: recorded as 其他, today,
     * with the save's reason — never silently forgotten. */
    hh->n_members = 3;
    snprintf(hh->change_reason, sizeof hh->change_reason, "核实为重复录入");
    CHECK_INT(db_household_save(db, hh), DB_OK);
    CHECK_INT(db_member_events(db, hh->id, ev, 8, &n), DB_OK);
    CHECK_INT(n, 3);
    CHECK_STR(codes_label(CL_MEMBER_OUT, ev[2].reason), "其他");
    CHECK_STR(ev[2].date, "2026-06-01");
    CHECK_STR(ev[2].note, "核实为重复录入");
    CHECK(db_exec(db, "DELETE FROM member_events", "t") != DB_OK);
    free(hh);
    db_close(db);
    unsetenv("FUPIN_TODAY");
}

TEST(member_history_event_date_rule)
{
    char out[11];
    CHECK(facts_event_date_error("20260305", "2000-01-01", "2026-06-01", out) == NULL);
    CHECK_STR(out, "2026-03-05");
    CHECK(facts_event_date_error("2026-02-30", "", "2026-06-01", out) != NULL);
    CHECK(facts_event_date_error("2026-06-02", "", "2026-06-01", out) != NULL);
    CHECK(facts_event_date_error("1999-12-31", "2000-01-01", "2026-06-01", out) != NULL);
    CHECK(facts_event_date_error("", "", "2026-06-01", out) != NULL);
}

/* Counts the roster rows of one name and remembers 家庭人口. */
struct roster_probe { const char *name; int rows, n_members; };

static int probe_row(void *ud, const struct roster_row *r)
{
    struct roster_probe *p = ud;
    if (strcmp(r->name, p->name) == 0) {
        p->rows++;
        p->n_members = r->n_members;
    }
    return 0;
}

static int roster_has(struct db *db, int year, const char *name, int *n_members)
{
    struct export_filter f = { "", 0, year };
    struct roster_probe p = { name, 0, 0 };
    int stopped = 0;
    CHECK_INT(db_roster_each(db, &f, "2027-06-01", probe_row, &p, &stopped), DB_OK);
    if (n_members)
        *n_members = p.n_members;
    return p.rows;
}

/* The roster of a past year lists who belonged that year (the one who died
 * in it); this year's lists the members now.  Before, every roster listed
 * today's members. */
TEST(member_history_roster_of_a_past_year)
{
    setenv("FUPIN_TODAY", "2026-06-01", 1);
    struct db *db = tdb_open("mh_roster.db");
    struct household *hh = registered(db, 4, 780);
    char gone_name[TEXT_BYTES(NAME_CHARS)];
    snprintf(gone_name, sizeof gone_name, "%s", hh->members[3].name);
    hh->left[hh->n_left++] = (struct member_leave){ hh->members[3].id, 1, "20260305" };
    hh->n_members = 3;
    snprintf(hh->change_reason, sizeof hh->change_reason, "死亡销户");
    CHECK_INT(db_household_save(db, hh), DB_OK);
    setenv("FUPIN_TODAY", "2027-06-01", 1);
    int n = 0;
    CHECK_INT(roster_has(db, 2026, gone_name, &n), 1);     /* there in 2026 */
    CHECK_INT(n, 4);
    CHECK_INT(roster_has(db, 2027, gone_name, NULL), 0);   /* this year: not a member */
    CHECK_INT(roster_has(db, 0, gone_name, NULL), 0);
    CHECK_INT(roster_has(db, 2027, hh->members[0].name, &n), 1);
    CHECK_INT(n, 3);
    struct export_filter f = { "", 0, 2026 };
    int64_t rows = 0;
    CHECK_INT(db_roster_count(db, &f, &rows), DB_OK);
    CHECK_INT(rows, 4);
    free(hh);
    db_close(db);
    unsetenv("FUPIN_TODAY");
}
