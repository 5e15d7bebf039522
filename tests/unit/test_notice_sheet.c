/* db/notice_sheet: a posted notice re-exports exactly as it was posted,
 * whatever changed since in the households (income, cause, name); a project
 * notice prints the project; a file of schema 1 gets its posted notices
 * stored at the upgrade, as they exported then.  Read back with openpyxl. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "tests/unit/test_export_util.h"
#include "core/checks.h"
#include "core/codes.h"
#include "db/assist.h"
#include "db/household_store.h"
#include "db/notice_export.h"
#include "db/notice_sheet.h"
#include "db/projects.h"
#include "db/schema.h"
#include "db/workflow_store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void set_today(const char *d)
{
    setenv("FUPIN_TODAY", d, 1);
}

static int64_t add_hh(struct db *db, const char *name, int k0, int state, money_t wage)
{
    struct household hh;
    tdb_household(&hh, name, 2, k0);
    hh.state = state;
    hh.survey.wage_income = wage;
    hh.survey.signed_household = hh.survey.signed_cadre = hh.survey.signed_surveyor = 1;
    hh.app.signed_by_applicant = 1;
    CHECK_INT(db_household_save(db, &hh), DB_OK);
    return hh.id;
}

/* The openpyxl dump of notice `id` exported to `name` (caller frees). */
static char *dump_of(struct db *db, int64_t id, const char *name)
{
    const char *path = tdb_path(name);
    CHECK_INT(notice_export(db, id, path), DB_OK);
    char *d = xr_dump(path);
    CHECK(d != NULL);
    return d ? d : calloc(1, 1);
}

/* What a clerk changes after the posting: name, income, main cause. */
static void change_household(struct db *db, int64_t id, const char *name)
{
    struct household hh;
    CHECK_INT(db_household_load(db, id, 0, &hh), DB_OK);
    snprintf(hh.members[0].name, sizeof hh.members[0].name, "%s", name);
    hh.survey.wage_income += 777700;
    hh.survey.main_cause = hh.survey.main_cause == 1 ? 2 : 1;
    snprintf(hh.change_reason, sizeof hh.change_reason, "复核更正");   /* registered: needs a reason */
    CHECK_INT(db_household_save(db, &hh), DB_OK);
}

TEST(notice_sheet_posted_notice_reexports_identical)
{
    set_today("2026-03-01");
    struct db *db = tdb_open("ns.db");
    int64_t a = add_hh(db, "覃冻结", 10, WF_APPRAISED, 300000);
    add_hh(db, "韦冻结", 20, WF_APPRAISED, 310000);
    int64_t n = 0;
    CHECK_INT(wfs_notice_draft(db, NK_IDENTIFY, 1, TDB_VILLAGE1, "", &n), DB_OK);
    /* A draft prints the households as they are now. */
    char *d0 = dump_of(db, n, "draft.xlsx");
    change_household(db, a, "覃草稿");
    char *d1 = dump_of(db, n, "draft2.xlsx");
    CHECK(strcmp(d0, d1) != 0);
    CHECK(xr_has(d1, "\t覃草稿\n"));
    CHECK_INT(wfs_notice_post(db, n, NULL), DB_OK);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM notice_sheet_rows"), 2);
    CHECK_STR(tdb_text(db, "SELECT posted_on FROM notice_sheets"), "2026-03-01");
    char *p0 = dump_of(db, n, "posted.xlsx");
    set_today("2026-03-04");
    change_household(db, a, "覃改名");
    char *p1 = dump_of(db, n, "posted2.xlsx");
    CHECK_STR(p1, p0);                          /* every cell, header and footer */
    CHECK(xr_has(p1, "\t覃草稿\n"));
    CHECK(!strstr(p1, "覃改名"));
    /* The screen reads the same stored rows. */
    struct notice_sheet s;
    CHECK_INT(notice_sheet_load(db, n, &s), DB_OK);
    CHECK_INT(s.frozen, 1);
    CHECK_INT(s.n, 2);
    CHECK_STR(s.rows[0].head_name, "覃草稿");
    CHECK_INT(s.rows[0].per_capita, (300000 + 777700) / 2);
    notice_sheet_free(&s);
    /* The stored sheet cannot be edited behind the program's back. */
    CHECK(db_exec(db, "UPDATE notice_sheet_rows SET head_name = 'x'", "测试") != DB_OK);
    free(d0);
    free(d1);
    free(p0);
    free(p1);
    db_close(db);
}

TEST(notice_sheet_project_notice_shows_the_project)
{
    set_today("2026-05-06");
    struct db *db = tdb_open("np.db");
    int64_t hh = add_hh(db, "蒙项目", 30, WF_REGISTERED, 300000);
    struct check_ctx cc;
    checks_ctx_init(&cc);
    db_assist_check_ctx(db, &cc);
    struct project p;
    memset(&p, 0, sizeof p);
    p.household_id = hh;
    p.kind = PROJECT_INCOME;
    p.year = 2026;
    snprintf(p.content, sizeof p.content, "养殖肉牛5头");
    snprintf(p.partner_name, sizeof p.partner_name, "隆安县牧业公司");
    p.partner_type = 2;
    p.amount = 2400000;
    CHECK_INT(db_project_save(db, &cc, &p), DB_OK);
    CHECK_INT(db_project_appraise(db, &cc, p.id, "2026-05-01", 11, 8, 2, 1), DB_OK);
    CHECK_INT(db_project_approve(db, p.id, "2026-05-05"), DB_OK);
    CHECK_INT(db_project_notice(db, &cc, p.id, "2026-05-06", 0), DB_OK);
    CHECK_INT(db_project_get(db, p.id, &p), DB_OK);
    char *d0 = dump_of(db, p.notice_id, "proj.xlsx");
    CHECK(xr_has(d0, "\t项目内容\n"));
    CHECK(xr_has(d0, "\t合作方\n"));
    CHECK(xr_has(d0, "\t金额\n"));
    CHECK(xr_has(d0, "\t养殖肉牛5头\n"));
    CHECK(xr_has(d0, "\t一户一增收\n"));
    CHECK(xr_has(d0, "\t24000\n"));
    char partner[120];
    snprintf(partner, sizeof partner, "\t隆安县牧业公司 (%s)\n", codes_label(CL_PARTNER, 2));
    CHECK(xr_has(d0, partner));
    CHECK(!strstr(d0, "纯收入"));
    CHECK(xr_has(d0, "sheets\t项目公示\n"));
    CHECK(xr_has(d0, "现将扶贫项目（一户一增收、住房建设补助）名单予以公示。公示期自2026年5月6日至"));
    change_household(db, hh, "蒙改名");
    char *d1 = dump_of(db, p.notice_id, "proj2.xlsx");
    CHECK_STR(d1, d0);
    free(d0);
    free(d1);
    db_close(db);
}

TEST(notice_sheet_upgrade_from_schema_1_stores_posted_notices)
{
    set_today("2026-03-01");
    struct db *db = tdb_open("old.db");
    int64_t a = add_hh(db, "黄旧版", 40, WF_APPRAISED, 300000);
    int64_t n = 0;
    CHECK_INT(wfs_notice_draft(db, NK_IDENTIFY, 1, TDB_VILLAGE1, "", &n), DB_OK);
    CHECK_INT(wfs_notice_post(db, n, NULL), DB_OK);
    /* Back to schema 1 as fupin wrote it: no stored sheets (the export was
     * built from the households), the 7365 line dated 2016. */
    tdb_downgrade_to_v1(db);
    char *d0 = dump_of(db, n, "old0.xlsx");
    db_close(db);
    char err[512];
    CHECK_INT(db_open(tdb_path("old.db"), 0, &db, err, sizeof err), DB_OK);
    CHECK(tdb_int(db, "PRAGMA user_version") >= 2);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM notice_sheet_rows"), 1);
    CHECK_STR(tdb_text(db, "SELECT posted_on FROM notice_sheets"), "2026-03-01");   /* from the state history */
    CHECK_INT(tdb_int(db, "SELECT year FROM lines WHERE amount = 736500"), 2018);
    char *d1 = dump_of(db, n, "old1.xlsx");
    CHECK_STR(d1, d0);
    change_household(db, a, "黄改名");
    char *d2 = dump_of(db, n, "old2.xlsx");
    CHECK_STR(d2, d0);
    free(d0);
    free(d1);
    free(d2);
    db_close(db);
}

TEST(notice_sheet_late_posting_needs_a_reason_kept_with_the_sheet)
{
    set_today("2026-03-01");
    struct db *db = tdb_open("late.db");
    add_hh(db, "陆逾期", 50, WF_APPRAISED, 300000);
    int64_t n = 0;
    CHECK_INT(wfs_notice_draft(db, NK_IDENTIFY, 1, TDB_VILLAGE1, "", &n), DB_OK);
    struct wfs_notice nt;
    CHECK_INT(wfs_notice_get(db, n, &nt), DB_OK);
    set_today("2026-03-07");                    /* the last day: in time */
    CHECK_INT(wfs_notice_needs_late_reason(&nt), 0);
    set_today("2026-03-08");
    CHECK_INT(wfs_notice_needs_late_reason(&nt), 1);
    CHECK_INT(wfs_notice_post(db, n, NULL), DB_ERR_CONSTRAINT);
    CHECK_STR(db_errmsg(db), "不能张贴: 公示期 2026-03-01 至 2026-03-07 已过, 张贴日期 2026-03-08: "
                             "逾期张贴须确认并填写原因 (按期张贴应不晚于 2026-03-07)");
    CHECK_INT(wfs_notice_post(db, n, "  "), DB_ERR_CONSTRAINT);
    CHECK_INT(tdb_int(db, "SELECT posted FROM notices"), 0);
    CHECK_INT(wfs_notice_post(db, n, "纸质名单已按期张贴, 补录系统"), DB_OK);
    CHECK_STR(tdb_text(db, "SELECT late_reason FROM notice_sheets"), "纸质名单已按期张贴, 补录系统");
    /* `fupin check` keeps saying so, as a warning with the reason. */
    struct check_ctx cc;
    checks_ctx_init(&cc);
    size_t errors = 9, warnings = 9;
    CHECK_INT(wfs_check_all(db, &cc, NULL, NULL, &errors, &warnings), DB_OK);
    CHECK_INT(errors, 0);
    CHECK_INT(warnings, 1);
    db_close(db);
}

/* Each round and kind prints under its own sheet name, and its opening
 * sentence names what it lists and the period. */
TEST(notice_sheet_names_and_opening_sentence_per_round_and_kind)
{
    static const struct { int kind, round; const char *name, *what; } T[] = {
        { NK_IDENTIFY, 1, "第一榜公示_识别", "经农户申请、村民小组评议和村民代表大会民主评议，现将扶贫对象识别第一榜名单予以公示" },
        { NK_IDENTIFY, 2, "第二榜公示_识别", "经乡镇人民政府审核，现将扶贫对象识别第二榜名单予以公示" },
        { NK_IDENTIFY, 3, "第三榜公示_识别", "经县扶贫开发领导小组审定，现将扶贫对象识别第三榜名单予以公示" },
        { NK_EXIT, 1, "第一榜公示_退出", "经入户核实、村民代表大会民主评议，现将贫困户脱贫退出第一榜名单予以公示" },
        { NK_EXIT, 2, "第二榜公示_退出", "经乡镇人民政府审核，现将贫困户脱贫退出第二榜名单予以公示" },
        { NK_EXIT, 3, "第三榜公示_退出", "经县扶贫开发领导小组审定，现将贫困户脱贫退出第三榜名单予以公示" },
        { NK_ADJUST, 1, "清退公示", "经入户核实、村民代表大会民主评议，以下农户不再符合扶贫对象条件，现将扶贫对象清退名单予以公示" },
        { NK_PROJECT, 1, "项目公示", "经村民代表大会评议、乡镇审核，现将扶贫项目（一户一增收、住房建设补助）名单予以公示" },
    };
    for (size_t i = 0; i < sizeof T / sizeof *T; i++) {
        struct notice_sheet s;
        memset(&s, 0, sizeof s);
        s.kind = T[i].kind;
        s.round = T[i].round;
        snprintf(s.start, sizeof s.start, "2026-03-01");
        snprintf(s.end, sizeof s.end, "2026-03-07");
        s.days = 7;
        char name[64], intro[800], want[400];
        notice_sheet_name(&s, name, sizeof name);
        CHECK_STR(name, T[i].name);
        notice_sheet_intro(&s, intro, sizeof intro);
        snprintf(want, sizeof want, "\u3000\u3000%s。公示期自2026年3月1日至2026年3月7日，共 7 天。", T[i].what);
        CHECK(strncmp(intro, want, strlen(want)) == 0);
    }
}

/* Every column of the stored rows, typed (quote), in order. */
#define SHEET_ALL "SELECT group_concat(quote(notice_id) || ',' || quote(ordinal) || ',' || quote(household_id) " \
    "|| ',' || quote(group_name) || ',' || quote(head_name) || ',' || quote(n_members) || ',' || quote(id_masked) " \
    "|| ',' || quote(hh_type) || ',' || quote(cause) || ',' || quote(per_capita) || ',' || quote(remark) " \
    "|| ',' || quote(project_kind) || ',' || quote(project_content) || ',' || quote(project_amount) " \
    "|| ',' || quote(partner), ';') FROM (SELECT * FROM notice_sheet_rows ORDER BY notice_id, ordinal)"

/* Issue 14 goal 4: a file whose posted rows are the plain table of step 3
 * (up to step 21; the move is step 22) gets them moved into notice_sheet_lines and notice_texts
 * at the upgrade, every value as it was, texts no code list has included
 * (an old 户类型 label, spaces, digits that look like a number, empty). */
TEST(notice_sheet_rows_compact_upgrade_keeps_every_value)
{
    set_today("2026-03-01");
    struct db *db = tdb_open("nsc.db");
    add_hh(db, "蓝紧凑", 50, WF_APPRAISED, 300000);
    int64_t n = 0;
    CHECK_INT(wfs_notice_draft(db, NK_IDENTIFY, 1, TDB_VILLAGE1, "", &n), DB_OK);
    CHECK_INT(wfs_notice_post(db, n, NULL), DB_OK);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'notice_sheet_rows' AND type = 'view'"), 1);
    char sql[2048];
    snprintf(sql, sizeof sql,
        "DROP VIEW notice_sheet_rows; DROP TABLE notice_sheet_lines; DROP TABLE notice_texts;"
        "CREATE TABLE notice_sheet_rows (notice_id INTEGER NOT NULL REFERENCES notices(id),"
        " ordinal INTEGER NOT NULL, household_id INTEGER REFERENCES households(id),"
        " group_name TEXT NOT NULL DEFAULT '', head_name TEXT NOT NULL DEFAULT '',"
        " n_members INTEGER NOT NULL DEFAULT 0, id_masked TEXT NOT NULL DEFAULT '',"
        " hh_type TEXT NOT NULL DEFAULT '', cause TEXT NOT NULL DEFAULT '',"
        " per_capita INTEGER NOT NULL DEFAULT 0, remark TEXT NOT NULL DEFAULT '',"
        " project_kind TEXT NOT NULL DEFAULT '', project_content TEXT NOT NULL DEFAULT '',"
        " project_amount INTEGER NOT NULL DEFAULT 0, partner TEXT NOT NULL DEFAULT '',"
        " PRIMARY KEY (notice_id, ordinal));"
        "INSERT INTO notice_sheet_rows VALUES"
        " (%lld, 1, NULL, '第一组', '甲', 3, '450123********6217', '低保贫困户', '因病', 154100, '', '', '', 0, ''),"
        " (%lld, 2, NULL, '', '乙', 1, '', '低保户(旧称)', ' 因病 ', 0, '外出务工', '', '', 0, ''),"
        " (%lld, 3, NULL, '007', '丙', 2, '007', '一般贫困户', '', 99, '', '产业', '养鸡 200 只', 500000, '合作社'),"
        " (%lld, 4, NULL, '第一组', '丁', 4, '12345', '', '因病', 1, '', '', '', 0, '');"
        "PRAGMA user_version = %d", (long long)n, (long long)n, (long long)n, (long long)n,
        db_schema_current() - 1);
    CHECK_INT(db_exec(db, sql, "t"), DB_OK);
    char before[2048];
    snprintf(before, sizeof before, "%s", tdb_text(db, SHEET_ALL));
    CHECK(strstr(before, "'007'") != NULL);
    db_close(db);
    char err[512];
    CHECK_INT(db_open(tdb_path("nsc.db"), 0, &db, err, sizeof err), DB_OK);
    CHECK_INT(tdb_int(db, "PRAGMA user_version"), db_schema_current());
    CHECK_STR(tdb_text(db, SHEET_ALL), before);
    /* Each text once: '', 第一组, 007, 低保贫困户, 低保户(旧称), 一般贫困户, 因病, ' 因病 ',
     * and the numbers' heads 450123******** and 1 (of 12345; 007 is all tail). */
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM notice_texts"), 10);
    CHECK_STR(tdb_text(db, "SELECT group_concat(id_tail, '|') FROM notice_sheet_lines"), "6217||007|2345");
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM notice_sheet_lines"), 4);
    CHECK(strstr(tdb_text(db, "SELECT sql FROM sqlite_master WHERE name = 'notice_sheet_lines'"),
                 "WITHOUT ROWID") != NULL);
    /* The sheet reads as before; a row frozen now reuses the texts. */
    struct notice_sheet s;
    CHECK_INT(notice_sheet_load(db, n, &s), DB_OK);
    CHECK_INT(s.n, 4);
    CHECK_STR(s.rows[1].hh_type, "低保户(旧称)");
    CHECK_STR(s.rows[1].cause, " 因病 ");
    CHECK_STR(s.rows[2].group, "007");
    CHECK_STR(s.rows[0].id_masked, "450123********6217");
    CHECK_STR(s.rows[3].id_masked, "12345");
    notice_sheet_free(&s);
    snprintf(sql, sizeof sql, "INSERT INTO notice_sheet_rows(notice_id, ordinal, group_name, hh_type, cause)"
                              " VALUES (%lld, 5, '第一组', '低保贫困户', '因学')", (long long)n);
    CHECK_INT(db_exec(db, sql, "t"), DB_OK);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM notice_texts"), 11);
    CHECK_STR(tdb_text(db, "SELECT quote(head_name) || quote(n_members) || quote(id_masked) || cause FROM notice_sheet_rows "
                           "WHERE ordinal = 5"), "''0''因学");
    /* Append-only, through the view and underneath. */
    CHECK(db_exec(db, "UPDATE notice_sheet_rows SET head_name = 'x'", "t") != DB_OK);
    CHECK(db_exec(db, "DELETE FROM notice_sheet_rows", "t") != DB_OK);
    CHECK(db_exec(db, "UPDATE notice_sheet_lines SET head_name = 'x'", "t") != DB_OK);
    CHECK(db_exec(db, "DELETE FROM notice_sheet_lines", "t") != DB_OK);
    CHECK(db_exec(db, "UPDATE notice_texts SET text = '因病' WHERE text = ' 因病 '", "t") != DB_OK);
    CHECK(db_exec(db, "DELETE FROM notice_texts", "t") != DB_OK);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM notice_sheet_rows"), 5);
    /* A file marked older than it is keeps its rows as they are. */
    CHECK_INT(db_exec(db, "PRAGMA user_version = 7", "t"), DB_OK);
    db_close(db);
    CHECK_INT(db_open(tdb_path("nsc.db"), 0, &db, err, sizeof err), DB_OK);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM notice_sheet_rows"), 5);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM notice_texts"), 11);
    db_close(db);
}
