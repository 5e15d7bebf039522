/* The roster and summary queries and workbooks (db/export_queries.c,
 * db/export_reports.c) on a hand-made database whose answers are worked out
 * below by hand. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "tests/unit/test_export_util.h"
#include "core/codes.h"
#include "core/workflow.h"
#include "db/export_queries.h"
#include "db/export_reports.h"
#include "db/household_store.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TODAY "2026-03-05"

static int64_t save(struct db *db, struct household *hh, int state)
{
    hh->survey.wage_income = hh->survey.business_income = hh->survey.property_income = 0;
    hh->survey.family_planning = hh->survey.dibao = hh->survey.tekun = 0;
    hh->survey.pension = hh->survey.eco_comp = hh->survey.other_transfer = 0;
    hh->survey.business_cost = 0;
    CHECK_INT(db_household_save(db, hh), DB_OK);
    char sql[200];
    snprintf(sql, sizeof sql, "UPDATE households SET state = %d WHERE id = %lld", state,
             (long long)hh->id);
    CHECK_INT(db_exec(db, sql, "test"), DB_OK);
    return hh->id;
}

/* A (village 1, registered): members born 1960/1961/1962 (k = 10..12), ages
 *   66 m / 65 f / 64 m on 2026-03-05: none of working age (m ≤ 60, f ≤ 55);
 *   net income 1 000 000 fen / 3 = 333 333.33 → 333 333; helper 覃海 of
 *   县扶贫办; aid 500 元 + 300 元 corrected to 200 元 = 700 元.
 * B (village 1, exited): born 1990/1991/1992 (k = 40..42), ages 36 m / 35 f /
 *   34 m; the third 无劳动力 → 2 able; the third 小学 → 1 student;
 *   1 000 001 / 3 = 333 333.67 → 333 334; exit record 2024 (wins over the
 *   state history's 2025).
 * D (village 2, exited): one member, income 0; exit year 2025 from history.
 * C (village 3, other township, rejected): two members; not in the summary. */
static struct db *make_db(int64_t ids[4])
{
    struct db *db = tdb_open("exp.db");
    struct household *hh = malloc(sizeof *hh);
    tdb_household(hh, "甲户主", 3, 10);
    ids[0] = save(db, hh, WF_REGISTERED);
    CHECK_INT(db_exec(db, "UPDATE surveys SET wage_income = 1000000", "t"), DB_OK);

    tdb_household(hh, "乙户主", 3, 40);
    hh->members[2].skill = 5;                  /* 无劳动力 */
    hh->members[2].schooling = 3;              /* 小学 */
    ids[1] = save(db, hh, WF_EXITED);
    char sql[600];
    snprintf(sql, sizeof sql,
             "UPDATE surveys SET wage_income = 1000001 WHERE household_id = %lld;"
             "INSERT INTO exits(household_id, year, route, per_capita, exit_line) VALUES (%lld, 2024, 1, 0, 0);"
             "INSERT INTO state_history(household_id, from_state, to_state, date, operator)"
             " VALUES (%lld, 14, 15, '2025-12-20', 't');",
             (long long)ids[1], (long long)ids[1], (long long)ids[1]);
    CHECK_INT(db_exec(db, sql, "t"), DB_OK);

    tdb_household(hh, "丁户主", 1, 70);
    snprintf(hh->village, sizeof hh->village, "%s", TDB_VILLAGE2);
    ids[3] = save(db, hh, WF_EXITED);
    snprintf(sql, sizeof sql, "INSERT INTO state_history(household_id, from_state, to_state, date,"
             " operator) VALUES (%lld, 14, 15, '2025-12-20', 't');", (long long)ids[3]);
    CHECK_INT(db_exec(db, sql, "t"), DB_OK);

    tdb_household(hh, "丙户主", 2, 90);
    snprintf(hh->village, sizeof hh->village, "%s", TDB_VILLAGE3);
    ids[2] = save(db, hh, WF_REJECTED);

    snprintf(sql, sizeof sql,
             "INSERT INTO helpers(id, name, unit) VALUES (1, '覃海', '县扶贫办');"
             "INSERT INTO assignments(helper_id, household_id, from_date) VALUES (1, %lld, '2026-01-01');"
             "INSERT INTO aid_records(id, household_id, helper_id, date, measure, money)"
             " VALUES (1, %lld, 1, '2026-02-01', 1, 50000), (2, %lld, 1, '2026-02-02', 1, 30000);"
             "INSERT INTO aid_records(id, household_id, helper_id, date, measure, money, corrects_id)"
             " VALUES (3, %lld, 1, '2026-02-03', 1, 20000, 2);",
             (long long)ids[0], (long long)ids[0], (long long)ids[0], (long long)ids[0]);
    CHECK_INT(db_exec(db, sql, "t"), DB_OK);
    free(hh);
    return db;
}

TEST(export_parse_status_labels_codes_names)
{
    uint32_t m = 0;
    CHECK(export_parse_status("在册", &m));
    CHECK_INT(m, (1u << 8) | (1u << 11) | (1u << 12) | (1u << 13) | (1u << 14) | (1u << 16));
    CHECK(export_parse_status("已脱贫", &m));
    CHECK_INT(m, 1u << 15);
    CHECK(export_parse_status("exited", &m));
    CHECK_INT(m, 1u << 15);
    CHECK(export_parse_status("7", &m));
    CHECK_INT(m, 1u << 7);
    CHECK(export_parse_status("一榜公示", &m));
    CHECK_INT(m, 1u << 4);
    CHECK(export_parse_status("已脱贫，已清退", &m));      /* full-width comma */
    CHECK_INT(m, (1u << 15) | (1u << 17));
    CHECK(export_parse_status("在册,已脱贫", &m));
    CHECK_INT(m, export_register_states());
    CHECK(!export_parse_status("不存在", &m));
    CHECK(!export_parse_status("18", &m));
    CHECK(!export_parse_status("", &m));
}

struct collect { int n; char names[16][64]; int64_t pc[16]; int age[16]; int exit_year[16];
                 char helper[16][64]; int64_t seq[16]; int survey_year[16]; };

static int collect_row(void *ud, const struct roster_row *r)
{
    struct collect *c = ud;
    if (c->n < 16) {
        snprintf(c->names[c->n], 64, "%s", r->name);
        c->pc[c->n] = r->per_capita;
        c->age[c->n] = r->age;
        c->exit_year[c->n] = r->exit_year;
        snprintf(c->helper[c->n], 64, "%s", r->helper);
        c->seq[c->n] = r->seq;
        c->survey_year[c->n] = r->has_survey ? r->hh->survey.year : 0;
        CHECK_STR(r->member->name, r->name);
        CHECK_STR(r->member->id_no, r->id_no);
    }
    c->n++;
    return 0;
}

TEST(export_roster_rows_by_hand)
{
    int64_t ids[4];
    struct db *db = make_db(ids);
    struct collect c = { 0 };
    /* The default (states 0) is the register: C, rejected, is not on it. */
    struct export_filter f0 = { 0 };
    int64_t n = 0;
    CHECK_INT(db_roster_count(db, &f0, &n), DB_OK);
    CHECK_INT(n, 7);
    struct export_filter f = { NULL, export_all_states(), 0 };
    CHECK_INT(db_roster_count(db, &f, &n), DB_OK);
    CHECK_INT(n, 9);
    CHECK_INT(db_roster_each(db, &f, TODAY, collect_row, &c, NULL), DB_OK);
    CHECK_INT(c.n, 9);
    /* 序号 counts households, the same on each member's row */
    CHECK_INT(c.seq[0], 1);
    CHECK_INT(c.seq[2], 1);
    CHECK_INT(c.seq[3], 2);
    CHECK_INT(c.seq[7], 4);
    CHECK_INT(c.survey_year[0], 2026);
    /* order: village 1 (A, B by entry), village 2 (D), village 3 (C) */
    CHECK_STR(c.names[0], "甲户主");
    CHECK_STR(c.names[3], "乙户主");
    CHECK_STR(c.names[6], "丁户主");
    CHECK_STR(c.names[7], "丙户主");
    CHECK_INT(c.age[0], 66);
    CHECK_INT(c.age[1], 65);
    CHECK_INT(c.age[2], 64);
    CHECK_INT(c.pc[0], 333333);
    CHECK_INT(c.pc[2], 333333);
    CHECK_INT(c.pc[3], 333334);
    CHECK_INT(c.exit_year[0], 0);
    CHECK_INT(c.exit_year[3], 2024);
    CHECK_INT(c.exit_year[6], 2025);
    CHECK_STR(c.helper[0], "覃海");
    CHECK_STR(c.helper[3], "");

    /* filters: a township prefix, a village, a status; garbage area = nothing */
    struct export_filter ft = { "450123101", export_all_states(), 0 };
    CHECK_INT(db_roster_count(db, &ft, &n), DB_OK);
    CHECK_INT(n, 7);
    struct export_filter fe = { TDB_VILLAGE1, 1u << WF_EXITED };
    CHECK_INT(db_roster_count(db, &fe, &n), DB_OK);
    CHECK_INT(n, 3);
    struct export_filter fg = { "45*", export_all_states(), 0 };
    CHECK_INT(db_roster_count(db, &fg, &n), DB_OK);
    CHECK_INT(n, 0);
    /* stopping early */
    int stopped = 0;
    struct collect c2 = { 0 };
    CHECK_INT(db_roster_each(db, &f, TODAY, collect_row, &c2, &stopped), DB_OK);
    CHECK_INT(stopped, 0);
    db_close(db);
}

TEST(export_summary_by_hand)
{
    int64_t ids[4];
    struct db *db = make_db(ids);
    struct summary_row *r = NULL;
    size_t n = 0;
    struct export_filter f = { 0 };
    CHECK_INT(db_summary(db, &f, TODAY, &r, &n), DB_OK);
    /* 东信村, 宝塘村, 城厢镇 小计, 南圩村, 南圩镇 小计, 合计 */
    CHECK_INT(n, 6);
    if (n == 6) {
        CHECK_STR(r[0].name, "东信村");
        CHECK_INT(r[0].level, SUM_VILLAGE);
        CHECK_INT(r[0].households, 2);
        CHECK_INT(r[0].people, 6);
        CHECK_INT(r[0].by_type[2], 2);
        CHECK_INT(r[0].by_cause[CAUSE_ILLNESS], 2);
        CHECK_INT(r[0].able, 2);
        CHECK_INT(r[0].students, 1);
        CHECK_INT(r[0].exited_hh, 1);
        CHECK_INT(r[0].exited_people, 3);
        CHECK_INT(summary_avg_income(&r[0]), 333334);      /* (333333 + 333334) / 2 = .5 up */
        CHECK_INT(r[0].aid_money, 70000);
        CHECK_STR(r[1].name, "宝塘村");
        CHECK_INT(r[1].households, 1);
        CHECK_INT(r[1].exited_people, 1);
        CHECK_INT(summary_avg_income(&r[1]), 0);
        CHECK_INT(r[2].level, SUM_TOWNSHIP);
        CHECK_STR(r[2].name, "城厢镇");
        CHECK_INT(r[2].households, 3);
        CHECK_INT(r[2].people, 7);
        CHECK_INT(summary_avg_income(&r[2]), 222222);      /* 666667 / 3 = 222222.33 */
        CHECK_STR(r[3].name, "南圩村");
        CHECK_INT(r[3].households, 0);                     /* rejected: not counted */
        CHECK_INT(r[3].income_n, 0);
        CHECK_INT(r[4].level, SUM_TOWNSHIP);
        CHECK_INT(r[5].level, SUM_COUNTY);
        CHECK_STR(r[5].name, "隆安县");
        CHECK_INT(r[5].households, 3);
        CHECK_INT(r[5].exited_hh, 2);
        CHECK_INT(r[5].aid_money, 70000);
    }
    free(r);
    struct exit_year_count y[8];
    size_t ny = 0;
    CHECK_INT(db_exits_by_year(db, &f, y, 8, &ny), DB_OK);
    CHECK_INT(ny, 2);
    CHECK_INT(y[0].year, 2024);
    CHECK_INT(y[0].households, 1);
    CHECK_INT(y[1].year, 2025);
    db_close(db);
}

/* The cell of the roster column `header` in `row` (1-based) holds `value`:
 * found by the header's position, so these checks do not depend on where a
 * column sits; the number format is not compared. */
static int roster_cell_is(const char *dump, const char *header, int row, const char *value)
{
    size_t n;
    const char *const *h = export_roster_headers(&n);
    size_t i = 0;
    while (i < n && strcmp(h[i], header))
        i++;
    if (i == n) {
        printf("    no roster column %s\n", header);
        return 0;
    }
    char ref[16], key[32], tail[200];
    if (i < 26)
        snprintf(ref, sizeof ref, "%c%d", (char)('A' + i), row);
    else
        snprintf(ref, sizeof ref, "%c%c%d", (char)('A' + i / 26 - 1), (char)('A' + i % 26), row);
    snprintf(key, sizeof key, "\t%s\t", ref);
    snprintf(tail, sizeof tail, "\tthin\t%s\n", value);
    for (const char *p = strstr(dump, key); p; p = strstr(p + 1, key)) {
        const char *eol = strchr(p, '\n');
        size_t len = strlen(tail);
        if (eol && (size_t)(eol + 1 - p) >= len && !strncmp(eol + 1 - len, tail, len))
            return 1;
    }
    printf("    %s (%s) is not %s\n", ref, header, value);
    return 0;
}

TEST(export_roster_workbook_read_back)
{
    int64_t ids[4];
    struct db *db = make_db(ids);
    char path[512], err[600] = "";
    snprintf(path, sizeof path, "%s/roster.xlsx", t_tmpdir());
    struct export_opts o = { .today = TODAY };
    int64_t rows = 0;
    int changes = sqlite3_total_changes(db_handle(db));
    CHECK_INT(export_roster(db, &o, path, &rows, err, sizeof err), EXPORT_OK);
    CHECK_INT(rows, 7);                 /* the register: A, B, D (C was rejected) */
    CHECK_INT(sqlite3_total_changes(db_handle(db)), changes);     /* read-only */
    char *d = xr_dump(path);
    CHECK(d && xr_has(d, "\tA1\ts\tGeneral\t宋体\t11.0\t1\tNone\t隆安县2026年贫困户花名册\n"));
    CHECK(d && xr_has(d, "\tA2\ts\tGeneral\t宋体\t11.0\t0\tNone\t填报单位：隆安县\n"));
    CHECK(d && roster_cell_is(d, "序号", 4, "1"));
    CHECK(d && roster_cell_is(d, "序号", 7, "2"));
    CHECK(d && roster_cell_is(d, "乡镇", 4, "城厢镇"));
    CHECK(d && roster_cell_is(d, "户主姓名", 4, "甲户主"));
    CHECK(d && roster_cell_is(d, "家庭人口", 4, "3"));
    char id[19];
    tdb_idno(10, 1, id);
    CHECK(d && roster_cell_is(d, "身份证号", 4, id));
    CHECK(d && xr_has(d, "\tM4\ts\t@\t"));          /* the ID is text */
    CHECK(d && roster_cell_is(d, "年龄", 4, "66"));
    CHECK(d && roster_cell_is(d, "调查年度", 4, "2026"));
    CHECK(d && roster_cell_is(d, "工资性收入", 4, "10000"));
    CHECK(d && roster_cell_is(d, "低保金", 4, "0"));
    CHECK(d && roster_cell_is(d, "年人均纯收入", 4, "3333.33"));
    CHECK(d && roster_cell_is(d, "帮扶责任人", 4, "覃海"));
    CHECK(d && roster_cell_is(d, "状态", 4, "在册"));
    CHECK(d && roster_cell_is(d, "办理状态", 4, "已建档立卡"));
    CHECK(d && roster_cell_is(d, "状态", 7, "已脱贫"));
    CHECK(d && roster_cell_is(d, "脱贫年度", 7, "2024"));
    CHECK(d && roster_cell_is(d, "年人均纯收入", 7, "3333.34"));
    CHECK(d && xr_has(d, "\tn\t#,##0.00\t宋体\t11.0\t0\tthin\t3333.33\n"));   /* money with separators */
    free(d);

    /* Another filter, another title: what it holds. */
    o.states = 1u << WF_REJECTED;
    CHECK_INT(export_roster(db, &o, path, &rows, err, sizeof err), EXPORT_OK);
    CHECK_INT(rows, 2);
    d = xr_dump(path);
    CHECK(d && xr_has(d, "\tA1\ts\tGeneral\t宋体\t11.0\t1\tNone\t隆安县2026年未通过户名单\n"));
    CHECK(d && roster_cell_is(d, "户主姓名", 4, "丙户主"));
    free(d);
    o.states = 0;

    /* an unknown area is refused before any file is made */
    snprintf(path, sizeof path, "%s/none.xlsx", t_tmpdir());
    o.area = "450999";
    CHECK_INT(export_roster(db, &o, path, &rows, err, sizeof err), EXPORT_ERR_ARG);
    CHECK(strstr(err, "450999") != NULL);
    db_close(db);
}

/* The progress bar has its total before the first row is written (an
 * estimate, not a count(*) of seconds), and it is right by the end. */
struct first_report { int calls; enum xo_phase phase; int64_t done, total, last_total; };
static int record_progress(void *ctx, enum xo_phase phase, int64_t done, int64_t total)
{
    struct first_report *r = ctx;
    if (r->calls++ == 0) {
        r->phase = phase;
        r->done = done;
        r->total = total;
    }
    r->last_total = total;
    return 0;
}

TEST(export_roster_progress_total_before_first_row)
{
    int64_t ids[4];
    struct db *db = make_db(ids);
    char path[512], err[600] = "";
    snprintf(path, sizeof path, "%s/progress.xlsx", t_tmpdir());
    struct first_report r = { 0 };
    struct export_opts o = { .today = TODAY, .progress = record_progress, .progress_ctx = &r };
    int64_t rows = 0;
    CHECK_INT(export_roster(db, &o, path, &rows, err, sizeof err), EXPORT_OK);
    CHECK_INT(rows, 7);
    CHECK_INT(r.phase, XO_PHASE_ROWS);
    CHECK_INT(r.done, 0);
    CHECK(r.total > 0);
    CHECK_INT(r.last_total, 7);             /* the last report: done of done */
    int64_t hh = 0, est = 0;
    struct export_filter f = { 0 };
    CHECK_INT(db_roster_estimate(db, &f, &hh, &est), DB_OK);
    CHECK_INT(hh, 3);                       /* A, B, D: the register */
    CHECK(est >= 3 && est <= 14);           /* 7 within a factor of 2 */
    db_close(db);
}

TEST(export_titles_name_area_year_and_filter)
{
    int64_t ids[4];
    struct db *db = make_db(ids);
    char t[400];
    setenv("FUPIN_TODAY", TODAY, 1);
    struct export_filter f = { "", 0, 2025 };
    CHECK_INT(db_export_title(db, TITLE_ROSTER, &f, t, sizeof t), DB_OK);
    CHECK_STR(t, "隆安县2025年贫困户花名册");
    f.states = export_register_states();
    CHECK_INT(db_export_title(db, TITLE_ROSTER, &f, t, sizeof t), DB_OK);
    CHECK_STR(t, "隆安县2025年贫困户花名册");
    f.area = TDB_TOWNSHIP;
    f.year = 0;
    static const struct { const char *status, *title; } cases[] = {
        { "未通过", "城厢镇2026年未通过户名单" },
        { "已清退", "城厢镇2026年已清退户名单" },
        { "识别中", "城厢镇2026年识别中户名单" },
        { "在册", "城厢镇2026年在册户名单" },
        { "已脱贫", "城厢镇2026年已脱贫户名单" },
        { "识别中,未通过", "城厢镇2026年识别中、未通过户名单" },
        { "一榜公示", "城厢镇2026年一榜公示户名单" },
        { "全部", "城厢镇2026年全部农户名单" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        CHECK(export_parse_status(cases[i].status, &f.states));
        CHECK_INT(db_export_title(db, TITLE_ROSTER, &f, t, sizeof t), DB_OK);
        CHECK_STR(t, cases[i].title);
    }
    f.states = 0;
    CHECK_INT(db_export_title(db, TITLE_SUMMARY, &f, t, sizeof t), DB_OK);
    CHECK_STR(t, "城厢镇2026年扶贫对象汇总表（在册及已脱贫户）");
    CHECK_INT(db_export_title(db, TITLE_RESURVEY, &f, t, sizeof t), DB_OK);
    CHECK_STR(t, "城厢镇2026年回头看未复查户名单（在册及已脱贫户）");
    f.area = "450999";
    CHECK(db_export_title(db, TITLE_ROSTER, &f, t, sizeof t) != DB_OK);
    unsetenv("FUPIN_TODAY");
    db_close(db);
}

TEST(export_roster_columns_all_named)
{
    /* Every column has its title: a key missing from forms/ shows "?". */
    size_t n;
    const char *const *h = export_roster_headers(&n);
    for (size_t i = 0; i < n; i++) {
        CHECK(h[i] && *h[i] && strcmp(h[i], "?") != 0);
        for (size_t j = 0; j < i; j++)
            CHECK(strcmp(h[i], h[j]) != 0);
    }
}

TEST(export_summary_workbook_read_back)
{
    int64_t ids[4];
    struct db *db = make_db(ids);
    char path[512], err[600] = "";
    snprintf(path, sizeof path, "%s/summary.xlsx", t_tmpdir());
    struct export_opts o = { .today = TODAY };
    int64_t rows = 0;
    CHECK_INT(export_summary(db, &o, path, &rows, err, sizeof err), EXPORT_OK);
    CHECK_INT(rows, 3);
    char *d = xr_dump(path);
    CHECK(d && xr_has(d, "sheets\t村表|统计图|图表数据\n"));
    CHECK(d && xr_has(d, "\tB4\ts\t@\t宋体\t11.0\t0\tthin\t东信村\n"));
    CHECK(d && xr_has(d, "\tC4\tn\t0\t宋体\t11.0\t0\tthin\t2\n"));
    CHECK(d && xr_has(d, "\tX4\tn\t#,##0.00\t宋体\t11.0\t0\tthin\t3333.34\n"));
    CHECK(d && xr_has(d, "\tY4\tn\t#,##0.00\t宋体\t11.0\t0\tthin\t700\n"));
    CHECK(d && xr_has(d, "\tB6\ts\t@\t宋体\t11.0\t1\tthin\t小计\n"));
    CHECK(d && xr_has(d, "\tA9\ts\t@\t宋体\t11.0\t1\tthin\t合计\n"));
    CHECK(d && xr_has(d, "\tC9\tn\t0\t宋体\t11.0\t1\tthin\t3\n"));
    CHECK(d && xr_has(d, "charts\t3\n"));
    CHECK(d && xr_has(d, "chart\tbarChart\t各年度已脱贫户数\n"));
    free(d);
    db_close(db);
}

TEST(export_default_name_has_area_and_date)
{
    int64_t ids[4];
    struct db *db = make_db(ids);
    char out[300];
    setenv("FUPIN_TODAY", TODAY, 1);
    export_default_name(db, "/tmp/x", "花名册", TDB_TOWNSHIP, out, sizeof out);
    CHECK_STR(out, "/tmp/x/花名册_城厢镇_20260305.xlsx");
    export_default_name(db, NULL, "汇总表", "", out, sizeof out);
    CHECK_STR(out, "汇总表_隆安县_20260305.xlsx");
    unsetenv("FUPIN_TODAY");
    db_close(db);
}
