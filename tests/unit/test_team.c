/* Unit tests of core/team: the 驻村工作队 rules with known answers. */
#include "tests/harness.h"
#include "core/team.h"
#include "core/checks.h"
#include <stdio.h>
#include <string.h>

#define ID_A "110101199003077774"   /* valid check digit */

static struct team_member member(int64_t id, const char *village, const char *vname, const char *name,
                                 const char *id_no, const char *phone, const char *from, const char *to,
                                 int leader)
{
    struct team_member m;
    memset(&m, 0, sizeof m);
    m.id = id;
    snprintf(m.village, sizeof m.village, "%s", village);
    snprintf(m.village_name, sizeof m.village_name, "%s", vname);
    snprintf(m.name, sizeof m.name, "%s", name);
    snprintf(m.id_no, sizeof m.id_no, "%s", id_no);
    snprintf(m.phone, sizeof m.phone, "%s", phone);
    snprintf(m.from_date, sizeof m.from_date, "%s", from);
    snprintf(m.to_date, sizeof m.to_date, "%s", to);
    m.leader = leader;
    return m;
}

#define V1 "440811100201"
#define V2 "440811100202"

TEST(team_same_person_by_id_or_name_and_phone)
{
    struct team_member a = member(1, V1, "", "李明", ID_A, "13800000001", "2024-01-01", "", 0);
    struct team_member b = member(2, V2, "", "李明", ID_A, "", "2024-01-01", "", 0);
    CHECK(team_same_person(&a, &b));                /* same ID, phone differs */
    b.id_no[0] = '\0';
    CHECK(!team_same_person(&a, &b));               /* no ID, no phone: not known to be */
    snprintf(b.phone, sizeof b.phone, "13800000001");
    CHECK(team_same_person(&a, &b));                /* no ID: name + phone */
    snprintf(b.id_no, sizeof b.id_no, "11010119900307627X");
    CHECK(!team_same_person(&a, &b));               /* two IDs that differ: namesakes */
}

TEST(team_overlap_with_another_village_is_refused_naming_it)
{
    struct team_member others[] = {
        member(1, V1, "东风村", "李明", ID_A, "", "2023-03-01", "2024-02-29", 1),
    };
    char msg[400];
    const char *field = NULL;
    struct team_member m = member(0, V2, "", "李明", ID_A, "", "2024-02-29", "", 0);
    const char *why = team_check_member(&m, others, 1, msg, sizeof msg, &field);
    CHECK(why != NULL);
    CHECK_STR(field, "from_date");
    CHECK(why && strstr(why, "东风村") && strstr(why, "2023-03-01 至 2024-02-29"));
    /* The day after the other ends: accepted (dates are inclusive). */
    snprintf(m.from_date, sizeof m.from_date, "20240301");
    CHECK(team_check_member(&m, others, 1, msg, sizeof msg, &field) == NULL);
    CHECK_STR(m.from_date, "2024-03-01");           /* normalised */
    /* Without an ID: the same name and phone is the same person. */
    struct team_member o2 = member(1, V1, "东风村", "王芳", "", "13900000002", "2023-01-01", "", 0);
    struct team_member m2 = member(0, V2, "", "王芳", "", "13900000002", "2025-06-01", "2025-12-31", 0);
    CHECK(team_check_member(&m2, &o2, 1, msg, sizeof msg, &field) != NULL);
    CHECK(strstr(msg, "东风村") && strstr(msg, "2023-01-01 至 今"));
    /* Editing a member is not an overlap with itself. */
    m2.id = 1;
    CHECK(team_check_member(&m2, &o2, 1, msg, sizeof msg, &field) == NULL);
}

TEST(team_dates_and_id_are_checked)
{
    char msg[400];
    const char *field = NULL;
    struct team_member m = member(0, V1, "", "李明", "", "", "2024-05-01", "2024-04-30", 0);
    CHECK(team_check_member(&m, NULL, 0, msg, sizeof msg, &field) != NULL);
    CHECK_STR(field, "to_date");
    CHECK(strstr(msg, "早于起始日期") != NULL);
    snprintf(m.to_date, sizeof m.to_date, "2024-05-01");       /* one day: fine */
    CHECK(team_check_member(&m, NULL, 0, msg, sizeof msg, &field) == NULL);
    snprintf(m.to_date, sizeof m.to_date, "2024-02-30");
    CHECK(team_check_member(&m, NULL, 0, msg, sizeof msg, &field) != NULL);
    CHECK_STR(field, "to_date");
    m.to_date[0] = '\0';
    snprintf(m.id_no, sizeof m.id_no, "110101199003077775");    /* wrong check digit */
    CHECK(team_check_member(&m, NULL, 0, msg, sizeof msg, &field) != NULL);
    CHECK_STR(field, "id_no");
    snprintf(m.id_no, sizeof m.id_no, "110101199003077774");
    CHECK(team_check_member(&m, NULL, 0, msg, sizeof msg, &field) == NULL);
    m.from_date[0] = '\0';
    CHECK(team_check_member(&m, NULL, 0, msg, sizeof msg, &field) != NULL);
    CHECK_STR(field, "from_date");
    m.name[0] = '\0';
    CHECK(team_check_member(&m, NULL, 0, msg, sizeof msg, &field) != NULL);
    CHECK_STR(field, "name");
}

TEST(team_two_leaders_on_one_day_are_refused)
{
    struct team_member others[] = {
        member(1, V1, "东风村", "李明", "", "", "2023-03-01", "2024-02-29", 1),
        member(2, V2, "南岭村", "赵刚", "", "", "2023-03-01", "", 1),    /* other village */
    };
    char msg[400];
    const char *field = NULL;
    struct team_member m = member(0, V1, "", "陈红", "", "", "2024-02-01", "", 1);
    CHECK(team_check_member(&m, others, 2, msg, sizeof msg, &field) != NULL);
    CHECK_STR(field, "leader");
    CHECK(strstr(msg, "李明") != NULL);
    m.leader = 0;                                   /* as a member: fine */
    CHECK(team_check_member(&m, others, 2, msg, sizeof msg, &field) == NULL);
    m.leader = 1;                                   /* leader from the day after: fine */
    snprintf(m.from_date, sizeof m.from_date, "2024-03-01");
    CHECK(team_check_member(&m, others, 2, msg, sizeof msg, &field) == NULL);
}

TEST(team_leader_gap_known_answers)
{
    char f[11], t[11];
    struct team_member ms[] = {
        member(1, V1, "", "张一", "", "", "2024-01-01", "", 0),
        member(2, V1, "", "李二", "", "", "2024-02-01", "2024-05-31", 1),
        member(3, V1, "", "王三", "", "", "2024-07-01", "", 1),
    };
    CHECK(team_leader_gap(ms, 3, "2024-12-31", f, t));
    CHECK_STR(f, "2024-01-01");                     /* before the first leader */
    CHECK_STR(t, "2024-01-31");
    /* The team's start covered: the next gap is June. */
    snprintf(ms[1].from_date, sizeof ms[1].from_date, "2024-01-01");
    CHECK(team_leader_gap(ms, 3, "2024-12-31", f, t));
    CHECK_STR(f, "2024-06-01");
    CHECK_STR(t, "2024-06-30");
    /* Asked in mid-June: the gap runs to today. */
    CHECK(team_leader_gap(ms, 3, "2024-06-15", f, t));
    CHECK_STR(t, "2024-06-15");
    /* Asked in May: no gap yet. */
    CHECK(!team_leader_gap(ms, 3, "2024-05-31", f, t));
    /* June covered: none. */
    snprintf(ms[1].to_date, sizeof ms[1].to_date, "2024-06-30");
    CHECK(!team_leader_gap(ms, 3, "2024-12-31", f, t));
    CHECK(!team_leader_gap(ms, 0, "2024-12-31", f, t));
    char msg[120];
    team_gap_message("2024-06-01", "2024-06-30", msg, sizeof msg);
    CHECK_STR(msg, "驻村工作队 2024-06-01 至 2024-06-30 没有队长");
}

TEST(team_visit_rules)
{
    struct team_member who = member(1, V1, "", "李明", "", "", "2024-03-01", "2024-12-31", 1);
    struct team_visit_facts v = { "20240315", "2024-06-01", &who, 2 };
    char msg[300];
    const char *field = NULL;
    CHECK(team_check_visit(&v, msg, sizeof msg, &field) == NULL);
    CHECK_STR(v.date, "2024-03-15");
    snprintf(v.date, sizeof v.date, "2024-02-28");  /* before they came */
    CHECK(team_check_visit(&v, msg, sizeof msg, &field) != NULL);
    CHECK_STR(field, "who");
    CHECK(strstr(msg, "2024-03-01 至 2024-12-31") != NULL);
    snprintf(v.date, sizeof v.date, "2024-06-02");  /* after today */
    CHECK(team_check_visit(&v, msg, sizeof msg, &field) != NULL);
    CHECK_STR(field, "date");
    snprintf(v.date, sizeof v.date, "2024-06-01");
    v.n_households = 0;
    CHECK(team_check_visit(&v, msg, sizeof msg, &field) != NULL);
    CHECK_STR(field, "households");
    v.n_households = 1;
    v.who = NULL;
    CHECK(team_check_visit(&v, msg, sizeof msg, &field) != NULL);
    CHECK_STR(field, "who");
}

TEST(team_signer_and_roles)
{
    struct team_member m = member(1, V1, "", "李明", "", "", "2024-03-01", "", 1);
    char msg[300];
    CHECK(team_check_signer(&m, "2024-03-01", msg, sizeof msg) == NULL);
    CHECK(team_check_signer(&m, "2024-02-29", msg, sizeof msg) != NULL);
    CHECK(strstr(msg, "2024-03-01 至 今") != NULL);
    CHECK_STR(team_role_label(&m), "队长");
    m.first_secretary = 1;
    CHECK_STR(team_role_label(&m), "队长、第一书记");
    m.leader = 0;
    CHECK_STR(team_role_label(&m), "第一书记");
    m.first_secretary = 0;
    CHECK_STR(team_role_label(&m), "队员");
}

/* Two 第一书记 of one village on one day: refused when keyed, found (and
 * warned by `fupin check`) when a file already has them; the 队长 gap is a
 * check of the same table. */
TEST(team_two_first_secretaries_and_the_checks)
{
    char msg[300];
    const char *field = NULL;
    struct team_member others[] = {
        member(1, V1, "东风村", "张一", "", "", "2024-01-01", "2024-12-31", 1),
        member(2, V2, "红星村", "李二", "", "", "2024-01-01", "", 0),
    };
    others[0].first_secretary = 1;
    others[1].first_secretary = 1;
    struct team_member m = member(0, V1, "东风村", "王三", "", "", "2024-06-01", "", 0);
    m.first_secretary = 1;
    CHECK(team_check_member(&m, others, 2, msg, sizeof msg, &field) != NULL);
    CHECK_STR(field, "first_secretary");
    CHECK_STR(msg, "本村 2024-01-01 至 2024-12-31 的第一书记已是 张一：同一天只能有一名第一书记，请先填写其驻村结束日期");
    snprintf(m.from_date, sizeof m.from_date, "2025-01-01");   /* after 张一: fine (李二 is another village's) */
    CHECK(team_check_member(&m, others, 2, msg, sizeof msg, &field) == NULL);

    struct team_member ms[] = {
        member(1, V1, "东风村", "张一", "", "", "2024-01-01", "2024-12-31", 1),
        member(3, V1, "东风村", "王三", "", "", "2024-10-01", "", 0),
    };
    ms[0].first_secretary = ms[1].first_secretary = 1;
    char day[11];
    size_t a = 9, b = 9;
    CHECK(team_secretaries_overlap(ms, 2, day, &a, &b));
    CHECK_STR(day, "2024-10-01");
    CHECK_INT((int)a, 0);
    CHECK_INT((int)b, 1);
    struct check_ctx cc;
    checks_ctx_init(&cc);
    snprintf(cc.today, sizeof cc.today, "2025-03-31");
    struct team_check_facts tf = { ms, 2 };
    struct check_result rs[4];
    size_t n = checks_run_team(&cc, &tf, rs, 4);
    CHECK_INT((int)n, 2);
    CHECK_STR(rs[0].def->id, "TEAM_NO_LEADER");
    CHECK_INT(rs[0].def->level, CHECK_WARNING);
    CHECK_STR(rs[0].message, "驻村工作队 2025-01-01 至 2025-03-31 没有队长");
    CHECK_STR(rs[1].def->id, "TEAM_TWO_SECRETARIES");
    CHECK_STR(rs[1].message, "2024-10-01 起本村同时有两名第一书记 (张一、王三)");
    ms[1].first_secretary = 0;
    ms[1].leader = 1;
    CHECK_INT((int)checks_run_team(&cc, &tf, rs, 4), 0);
}
