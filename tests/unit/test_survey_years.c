/* One survey per household per year (issue 11 item 1): a year without its
 * own survey starts from the latest earlier one, saving it adds that year's
 * row and leaves the earlier row as it was; drafts are kept per year. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "db/drafts.h"
#include "db/household_store.h"
#include "db/workflow_store.h"
#include <stdio.h>
#include <string.h>

/* Every column of the household's survey of `year`, as text (quote()): the
 * row byte for byte, updated_at included. */
static const char *survey_row(struct db *db, int64_t hh, int year)
{
    static char sql[4096];
    char cols[3000];
    snprintf(cols, sizeof cols, "%s", tdb_text(db, "SELECT group_concat('quote(' || name || ')', "
             "' || ''|'' || ') FROM pragma_table_info('surveys')"));
    snprintf(sql, sizeof sql, "SELECT %s FROM surveys WHERE household_id = %lld AND year = %d",
             cols, (long long)hh, year);
    return tdb_text(db, sql);
}

static struct db *one_household(const char *name, struct household *hh)
{
    struct db *db = tdb_open(name);
    tdb_household(hh, "韦国强", 3, 300);
    hh->survey.wage_income = 1234500;
    hh->survey.signed_household = hh->survey.signed_cadre = hh->survey.signed_surveyor = 1;
    snprintf(hh->survey.survey_date, sizeof hh->survey.survey_date, "2026-03-10");
    snprintf(hh->survey.look_house, sizeof hh->survey.look_house, "砖瓦房");
    CHECK_INT(db_household_save(db, hh), DB_OK);
    return db;
}

TEST(survey_next_year_starts_from_the_last_and_adds_a_row)
{
    struct household hh, y;
    struct db *db = one_household("carry.db", &hh);
    char before[2048];
    snprintf(before, sizeof before, "%s", survey_row(db, hh.id, 2026));
    CHECK(before[0] != 0);

    int from = -1;
    CHECK_INT(db_household_load_survey(db, hh.id, 2027, &y, &from), DB_OK);
    CHECK_INT(from, 2026);
    CHECK_INT(y.survey.year, 2027);
    CHECK_INT(y.survey.id, 0);
    CHECK_INT(y.survey.wage_income, 1234500);       /* carried */
    CHECK_STR(y.survey.look_house, "砖瓦房");
    CHECK_STR(y.survey.survey_date, "");            /* this year's visit gives them */
    CHECK_INT(y.survey.signed_household + y.survey.signed_cadre + y.survey.signed_surveyor, 0);
    CHECK_INT(y.n_members, 3);

    /* Saving it is confirming: a 2027 row, the 2026 row unchanged. */
    y.survey.wage_income = 2000000;
    snprintf(y.survey.survey_date, sizeof y.survey.survey_date, "2027-03-01");
    CHECK_INT(db_household_save(db, &y), DB_OK);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM surveys"), 2);
    CHECK_STR(survey_row(db, hh.id, 2026), before);
    CHECK_INT(tdb_int(db, "SELECT wage_income FROM surveys WHERE year = 2027"), 2000000);

    /* Opened again: the year's own row, no longer carried; saved again, still
     * the same two rows. */
    CHECK_INT(db_household_load_survey(db, hh.id, 2027, &y, &from), DB_OK);
    CHECK_INT(from, 0);
    CHECK(y.survey.id > 0);
    CHECK_INT(y.survey.wage_income, 2000000);
    CHECK_INT(db_household_save(db, &y), DB_OK);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM surveys"), 2);
    CHECK_STR(survey_row(db, hh.id, 2026), before);

    /* The earlier year loads as it was stored. */
    CHECK_INT(db_household_load_survey(db, hh.id, 2026, &y, &from), DB_OK);
    CHECK_INT(from, 0);
    CHECK_INT(y.survey.wage_income, 1234500);
    CHECK_STR(y.survey.survey_date, "2026-03-10");
    db_close(db);
}

TEST(survey_year_before_any_survey_is_empty)
{
    struct household hh, y;
    struct db *db = one_household("early.db", &hh);
    int from = -1;
    CHECK_INT(db_household_load_survey(db, hh.id, 2025, &y, &from), DB_OK);
    CHECK_INT(from, 0);
    CHECK_INT(y.survey.year, 0);
    CHECK_INT(y.survey.id, 0);
    CHECK_INT(y.n_members, 3);
    CHECK_INT(db_household_load_survey(db, 999, 2027, &y, &from), DB_ERR_NOTFOUND);
    CHECK_INT(db_household_load_survey(db, hh.id, 0, &y, &from), DB_ERR_INVALID);
    db_close(db);
}

/* Carried from the latest earlier year, not the first one. */
TEST(survey_carries_the_latest_earlier_year)
{
    struct household hh, y;
    struct db *db = one_household("latest.db", &hh);
    int from = 0;
    CHECK_INT(db_household_load_survey(db, hh.id, 2028, &y, &from), DB_OK);
    y.survey.dibao = 77700;
    CHECK_INT(db_household_save(db, &y), DB_OK);            /* 2028 from 2026 */
    CHECK_INT(db_household_load_survey(db, hh.id, 2030, &y, &from), DB_OK);
    CHECK_INT(from, 2028);
    CHECK_INT(y.survey.dibao, 77700);
    CHECK_INT(db_household_load_survey(db, hh.id, 2027, &y, &from), DB_OK);
    CHECK_INT(from, 2026);
    CHECK_INT(y.survey.dibao, hh.survey.dibao);

    struct survey_year ys[8];
    size_t n = 0;
    CHECK_INT(db_survey_years(db, hh.id, ys, 8, &n), DB_OK);
    CHECK_INT(n, 2);
    CHECK_INT(ys[0].year, 2026);
    CHECK_INT(ys[1].year, 2028);
    CHECK_INT(ys[1].survey.dibao, 77700);
    CHECK_INT(ys[0].survey.wage_income, 1234500);
    db_close(db);
}

/* A draft of the 2027 survey is not the 2026 survey's; a draft written under
 * the old key (household id alone) is adopted by the year it holds only. */
TEST(survey_drafts_are_kept_per_year)
{
    struct household hh, d;
    struct db *db = one_household("drafts.db", &hh);
    char k26[32], k27[32];
    db_draft_survey_key(k26, sizeof k26, hh.id, 2026);
    db_draft_survey_key(k27, sizeof k27, hh.id, 2027);
    CHECK(strcmp(k26, k27) != 0);
    struct household y = hh;
    y.survey.year = 2027;
    y.survey.dibao = 4242;
    CHECK_INT(db_draft_save(db, "survey", k27, &y), DB_OK);
    d = hh;
    CHECK_INT(db_draft_load(db, "survey", k26, &d, NULL), DB_ERR_NOTFOUND);
    CHECK_INT(db_draft_load(db, "survey", k27, &d, NULL), DB_OK);
    CHECK_INT(d.survey.dibao, 4242);

    char old[32];
    snprintf(old, sizeof old, "%lld", (long long)hh.id);
    CHECK_INT(db_draft_save(db, "survey", old, &hh), DB_OK);       /* holds 2026 */
    CHECK_INT(db_draft_adopt_survey(db, hh.id, 2027), DB_OK);      /* not 2027's */
    CHECK_INT(db_draft_load(db, "survey", k26, &d, NULL), DB_ERR_NOTFOUND);
    if (!CHECK_INT(db_draft_adopt_survey(db, hh.id, 2026), DB_OK)) fprintf(stderr, "%s\n", db_errmsg(db));
    CHECK_INT(db_draft_load(db, "survey", k26, &d, NULL), DB_OK);
    CHECK_INT(d.survey.year, 2026);
    CHECK_INT(db_draft_load(db, "survey", old, &d, NULL), DB_ERR_NOTFOUND);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM draft_values WHERE key = '1'"), 0);
    db_close(db);
}

/* Form G of an exit year measures that year's survey against that year's
 * line; a year without a survey is not passed on last year's income. */
TEST(exit_uses_the_survey_of_the_exit_year)
{
    struct household hh, y;
    struct db *db = one_household("exit.db", &hh);
    /* 2026: rich; 2027: poor. */
    struct household rich = hh;
    rich.survey.wage_income = 9000000;
    CHECK_INT(db_household_save(db, &rich), DB_OK);
    int from = 0;
    CHECK_INT(db_household_load_survey(db, hh.id, 2027, &y, &from), DB_OK);
    y.survey.wage_income = 0;
    y.survey.business_income = y.survey.property_income = 0;
    y.survey.family_planning = y.survey.dibao = y.survey.tekun = y.survey.pension = 0;
    y.survey.eco_comp = y.survey.other_transfer = 0;
    CHECK_INT(db_household_save(db, &y), DB_OK);

    struct wfs_exit e26, e27, e28;
    char why[300];
    CHECK_INT(wfs_exit_prefill(db, hh.id, 2026, &e26), DB_OK);
    CHECK_INT(wfs_exit_prefill(db, hh.id, 2027, &e27), DB_OK);
    CHECK_INT(wfs_exit_prefill(db, hh.id, 2028, &e28), DB_OK);
    CHECK_INT(e26.year, 2026);
    CHECK_INT(e27.year, 2027);
    CHECK_INT(e28.year, 2028);
    CHECK_INT(e26.per_capita, 3000000);
    CHECK_INT(e27.per_capita, 0);
    CHECK(e26.line_found && e26.per_capita >= e26.exit_line);
    wfs_exit_passes(&e27, why, sizeof why);
    CHECK(strstr(why, "低于退出线") != NULL);
    CHECK(!e27.survey_missing);
    CHECK(e28.survey_missing);
    CHECK(!wfs_exit_passes(&e28, why, sizeof why));
    CHECK(strstr(why, "2028年尚无入户调查") != NULL);
    /* Stored, it still says so. */
    e28.route = 1;
    CHECK_INT(wfs_exit_save(db, &e28), DB_OK);
    struct wfs_exit back;
    CHECK_INT(wfs_exit_get(db, hh.id, 2028, &back), DB_OK);
    CHECK(back.survey_missing);
    e27.route = 1;
    CHECK_INT(wfs_exit_save(db, &e27), DB_OK);
    CHECK_INT(wfs_exit_get(db, hh.id, 2027, &back), DB_OK);
    CHECK(!back.survey_missing);
    db_close(db);
}
