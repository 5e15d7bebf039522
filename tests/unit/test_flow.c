/* Tests for core/flow (periods, what a move counts as, one household's
 * flows) with answers worked by hand, and db/flow_report's targets (role). */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "core/flow.h"
#include "core/workflow.h"
#include "db/flow_report.h"
#include "db/operators.h"
#include <stdio.h>
#include <string.h>

TEST(flow_period_table)
{
    static const struct { const char *in, *first, *last; } ok[] = {
        { "2026", "2026-01-01", "2026-12-31" },     { "2026-Q1", "2026-01-01", "2026-03-31" },
        { "2026-q3", "2026-07-01", "2026-09-30" },  { "2026-Q4", "2026-10-01", "2026-12-31" },
        { "2026-11", "2026-11-01", "2026-11-30" },  { "2024-02", "2024-02-01", "2024-02-29" },
        { "2026-02", "2026-02-01", "2026-02-28" },  { "2000-02", "2000-02-01", "2000-02-29" },
        { "2100-02", "2100-02-01", "2100-02-28" },   { "2026-12", "2026-12-01", "2026-12-31" },
    };
    struct flow_period p;
    char why[128];
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        CHECK(flow_period_parse(ok[i].in, &p, why, sizeof why));
        CHECK_STR(p.first, ok[i].first);
        CHECK_STR(p.last, ok[i].last);
    }
    static const char *const bad[] = { "2026-13", "2026-Q5", "2026-Q0", "2026-00", "2026-1", "26", "abcd",
                                       "1999", "2026-", "2026-11-01", "", "2026Q3", "2026-Qx" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CHECK(!flow_period_parse(bad[i], &p, why, sizeof why));
        CHECK(why[0] != 0);
    }
    flow_period_parse("2026-13", &p, why, sizeof why);
    CHECK_STR(why, "月份应为 01-12");
    flow_period_parse("2026-Q5", &p, why, sizeof why);
    CHECK_STR(why, "季度应为 Q1-Q4");
    CHECK(flow_period_parse("2026-Q3", &p, NULL, 0));
    CHECK_STR(p.label, "2026年第3季度");
}

TEST(flow_move_columns)
{
    CHECK_INT(flow_move_col(WF_NOTICE3, WF_REGISTERED, 0), FLOW_NEW);
    CHECK_INT(flow_move_col(WF_NOTICE3, WF_REGISTERED, 1), FLOW_RELAPSE);
    CHECK_INT(flow_move_col(WF_NONE, WF_REGISTERED, 0), FLOW_ADDED);    /* created on the register */
    CHECK_INT(flow_move_col(WF_EXIT_NOTICE3, WF_EXITED, 0), FLOW_EXITED);
    CHECK_INT(flow_move_col(WF_REMOVAL_NOTICE, WF_REMOVED, 0), FLOW_REMOVED);
    CHECK_INT(flow_move_col(WF_REGISTERED, WF_EXIT_APPRAISED, 0), -1);  /* still 在册 */
    CHECK_INT(flow_move_col(WF_REMOVAL_NOTICE, WF_REGISTERED, 0), -1);
    CHECK_INT(flow_move_col(WF_EXITED, WF_APPLIED, 1), -1);             /* relapse counts when registered */
    CHECK_INT(flow_move_col(WF_NONE, WF_EXITED, 0), -1);                /* never on the register */
    CHECK_INT(flow_move_col(WF_REGISTERED, WF_WITHDRAWN, 0), FLOW_REDUCED);
    CHECK(flow_on_register(WF_REMOVAL_NOTICE));
    CHECK(!flow_on_register(WF_NOTICE3));
    CHECK(!flow_on_register(99));
}

#define MV(d, f, t) { d, f, t }
/* A: identified on 2026-04-01 (Q2's first day), 3 members, a birth on
 * 05-10, a death on 06-30 (Q2's last day). */
static const struct flow_move A[] = {
    MV("2026-01-05", 0, 1), MV("2026-01-20", 1, 2), MV("2026-02-01", 2, 3), MV("2026-02-10", 3, 4),
    MV("2026-02-20", 4, 5), MV("2026-03-01", 5, 6), MV("2026-03-10", 6, 7), MV("2026-04-01", 7, 8),
};
static const struct flow_member AM[] = {
    { "", "" }, { "", "" }, { "", "2026-06-30" }, { "2026-05-10", "" },
};
/* B: added in 2025, 2 members, exits on 07-15 and relapses within Q3, back
 * on the register on 09-30 (Q3's last day). */
static const struct flow_move B[] = {
    MV("2025-06-01", 0, 8), MV("2026-06-01", 8, 11), MV("2026-06-10", 11, 12), MV("2026-06-20", 12, 13),
    MV("2026-07-01", 13, 14), MV("2026-07-15", 14, 15), MV("2026-08-01", 15, 1), MV("2026-08-05", 1, 2),
    MV("2026-08-10", 2, 3), MV("2026-08-15", 3, 4), MV("2026-08-25", 4, 5), MV("2026-09-01", 5, 6),
    MV("2026-09-10", 6, 7), MV("2026-09-30", 7, 8),
};
static const struct flow_member BM[] = { { "", "" }, { "", "" } };
/* C: on the register since 2025, 清退 notice 12-01, removed 12-31. */
static const struct flow_move C[] = { MV("2025-03-01", 0, 8), MV("2026-12-01", 8, 16), MV("2026-12-31", 16, 17) };
static const struct flow_member CM[] = { { "", "" }, { "", "" }, { "", "" }, { "", "" }, { "", "" } };

/* Runs the three households over period s. */
static void run(const char *s, struct flow_counts *hh, struct flow_counts *pp)
{
    struct flow_period p;
    memset(hh, 0, sizeof *hh);
    memset(pp, 0, sizeof *pp);
    CHECK(flow_period_parse(s, &p, NULL, 0));
    flow_household(A, 8, AM, 4, &p, hh, pp);
    flow_household(B, 14, BM, 2, &p, hh, pp);
    flow_household(C, 3, CM, 5, &p, hh, pp);
    CHECK(flow_balances(hh));
    CHECK(flow_balances(pp));
}

#define ROW(c, o, n, r, a, e, rm, red, cl) do { \
    CHECK_INT((c).open, o); CHECK_INT((c).f[FLOW_NEW], n); CHECK_INT((c).f[FLOW_RELAPSE], r); \
    CHECK_INT((c).f[FLOW_ADDED], a); CHECK_INT((c).f[FLOW_EXITED], e); CHECK_INT((c).f[FLOW_REMOVED], rm); \
    CHECK_INT((c).f[FLOW_REDUCED], red); CHECK_INT((c).close, cl); } while (0)

TEST(flow_household_known_answers)
{
    struct flow_counts h, p;
    run("2026-Q1", &h, &p);     /* B and C on the register; A identifying */
    ROW(h, 2, 0, 0, 0, 0, 0, 0, 2);
    ROW(p, 7, 0, 0, 0, 0, 0, 0, 7);
    run("2026-Q2", &h, &p);     /* A identified on the first day with its 3; birth; death on the last */
    ROW(h, 2, 1, 0, 0, 0, 0, 0, 3);
    ROW(p, 7, 3, 0, 1, 0, 0, 1, 10);
    run("2026-03", &h, &p);     /* A's 三榜 on 03-10 does not count: not yet registered */
    ROW(h, 2, 0, 0, 0, 0, 0, 0, 2);
    run("2026-04", &h, &p);
    ROW(h, 2, 1, 0, 0, 0, 0, 0, 3);
    ROW(p, 7, 3, 0, 0, 0, 0, 0, 10);
    run("2026-Q3", &h, &p);     /* B exits and relapses within the quarter */
    ROW(h, 3, 0, 1, 0, 1, 0, 0, 3);
    ROW(p, 10, 0, 2, 0, 2, 0, 0, 10);
    run("2026-09", &h, &p);     /* back on the last day of September */
    ROW(h, 2, 0, 1, 0, 0, 0, 0, 3);
    run("2026-08", &h, &p);     /* B re-identifying all month */
    ROW(h, 2, 0, 0, 0, 0, 0, 0, 2);
    run("2026-11", &h, &p);
    ROW(h, 3, 0, 0, 0, 0, 0, 0, 3);
    run("2026-12", &h, &p);     /* C removed on the year's last day, its 5 people */
    ROW(h, 3, 0, 0, 0, 0, 1, 0, 2);
    ROW(p, 10, 0, 0, 0, 0, 5, 0, 5);
    run("2026", &h, &p);
    ROW(h, 2, 1, 1, 0, 1, 1, 0, 2);
    ROW(p, 7, 3, 2, 1, 2, 5, 1, 5);
    run("2025", &h, &p);        /* B and C created on the register */
    ROW(h, 0, 0, 0, 2, 0, 0, 0, 2);
    ROW(p, 0, 0, 0, 7, 0, 0, 0, 7);
}

/* Member changes on a day the household enters or leaves: the day's
 * changes come first, the move counts the end of the day's members. */
TEST(flow_same_day_member_and_move)
{
    static const struct flow_move mv[] = { MV("2026-05-01", 0, 8), MV("2026-05-20", 14, 15) };
    static const struct flow_member m[] = { { "", "" }, { "2026-05-01", "" }, { "", "2026-05-20" } };
    struct flow_period p;
    struct flow_counts h = { 0 }, pp = { 0 };
    CHECK(flow_period_parse("2026-05", &p, NULL, 0));
    flow_household(mv, 2, m, 3, &p, &h, &pp);
    ROW(h, 0, 0, 0, 1, 1, 0, 0, 0);
    /* 14 → 15 from the stored from; the tracked state (8) leaves: 脱贫. */
    CHECK_INT(h.f[FLOW_EXITED], 1);
    ROW(pp, 0, 0, 0, 3, 2, 0, 1, 0);
    CHECK(flow_balances(&pp));
    CHECK_INT(flow_in(&pp), 3);
    CHECK_INT(flow_out(&pp), 3);
    struct flow_counts bad = { .open = 1, .close = 3 };
    CHECK(!flow_balances(&bad));
}

TEST(flow_targets_need_reviewer)
{
    struct db *db = tdb_open("flow_targets.db");
    int64_t hh = 0, pp = 0;
    db_session_assume(db, "录入甲", ROLE_CLERK);
    CHECK_INT(db_flow_target_set(db, "450123", 2026, 10, 30), DB_ERR_DENIED);
    CHECK_INT(db_flow_target_get(db, "450123", 2026, &hh, &pp), DB_ERR_NOTFOUND);
    db_session_assume(db, "审核乙", ROLE_REVIEWER);
    CHECK_INT(db_flow_target_set(db, "450123", 2026, 10, 30), DB_OK);
    CHECK_INT(db_flow_target_set(db, "450123", 2026, 12, 40), DB_OK);
    CHECK_INT(db_flow_target_get(db, "450123", 2026, &hh, &pp), DB_OK);
    CHECK_INT(hh, 12);
    CHECK_INT(pp, 40);
    CHECK_INT(db_flow_target_set(db, "999999", 2026, 1, 1), DB_ERR_NOTFOUND);
    CHECK_INT(db_flow_target_set(db, "450123", 2026, -1, 1), DB_ERR_INVALID);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'flow_targets'"), 2);
    db_close(db);
}
