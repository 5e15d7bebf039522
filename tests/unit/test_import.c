/* db/import: `fupin import csv` — columns, grouping, areas, checks,
 * all-or-nothing, re-import idempotent, GBK. */
#include "tests/harness.h"
#include "tests/unit/test_db_fixture.h"
#include "db/export_queries.h"
#include "db/import.h"
#include "db/operators.h"
#include "db/schema.h"
#include "db/settings.h"
#include <iconv.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER "县,乡镇,村,村民小组,户编号,户主姓名,与户主关系,姓名,性别,身份证号,民族,文化程度,在校生状况," \
               "健康状况,劳动技能,贫困户属性,识别标准,主要致贫原因,帮扶责任人,帮扶单位,状态\n"
/* Column numbers of HEADER (1-based) used in the assertions. */
enum { COL_ID = 10, COL_VILLAGE = 3 };

/* One roster row; id from tdb_idno(k, male). */
static void row(char *buf, size_t sz, const char *village, const char *hh_no, const char *head,
                const char *rel, const char *name, int k, int male, const char *edu)
{
    char id[19];
    tdb_idno(k, male, id);
    size_t len = strlen(buf);
    snprintf(buf + len, sz - len, "隆安县,城厢镇,%s,第一组,%s,%s,%s,%s,%s,%s,汉族,%s,非在校生,健康,普通劳动力,"
             "一般贫困户,国家标准,因病,黄干部,县扶贫办,在册\n", village, hh_no, head, rel, name, male ? "男" : "女",
             id, edu);
}

/* Two households: one grouped by 户编号 (head listed second), one by its 户主 row. */
static void sample(char *buf, size_t sz, const char *edu)
{
    snprintf(buf, sz, HEADER);
    row(buf, sz, "东信村", "4501231012010001", "张三", "配偶", "李秀英", 1, 0, "小学");
    row(buf, sz, "东信村", "4501231012010001", "张三", "户主", "张三", 0, 1, edu);
    row(buf, sz, "东信村", "4501231012010001", "张三", "之子", "张伟", 2, 1, "初中");
    row(buf, sz, "宝塘村", "", "王五", "户主", "王五", 3, 1, "小学");
    row(buf, sz, "宝塘村", "", "王五", "配偶", "刘洋", 4, 0, "小学");
}

static enum import_result run(struct db *db, const char *csv, const struct import_opts *o, struct import_report *r)
{
    return db_import_csv(db, "t.csv", csv, strlen(csv), o, r);
}

static const struct import_msg *find_msg(const struct import_report *r, const char *check)
{
    for (size_t i = 0; i < r->n_msgs; i++)
        if (strcmp(r->msgs[i].check, check) == 0)
            return &r->msgs[i];
    return NULL;
}

/* Runs an import that must be refused; the first message of `check`. */
static const struct import_msg *refused(struct db *db, const char *csv, struct import_report *r, const char *check)
{
    CHECK_INT(run(db, csv, NULL, r), IMPORT_CHECKS);
    return find_msg(r, check);
}

TEST(import_adds_then_reimport_changes_nothing)
{
    struct db *db = tdb_open("imp.db");
    static char csv[8192];
    sample(csv, sizeof csv, "小学");
    struct import_report r;
    CHECK_INT(run(db, csv, NULL, &r), IMPORT_OK);
    CHECK_INT(r.households, 2);
    CHECK_INT(r.added, 2);
    CHECK_INT(r.rows, 5);
    import_report_free(&r);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM households"), 2);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM members"), 5);
    /* The 户主 moved first; the 户编号 household registered (在册). */
    CHECK_STR(tdb_text(db, "SELECT name FROM members WHERE ordinal = 0 AND household_id = "
                           "(SELECT id FROM households WHERE hh_no = '4501231012010001')"), "张三");
    CHECK_INT(tdb_int(db, "SELECT state FROM households WHERE hh_no = '4501231012010001'"), 8);
    CHECK_STR(tdb_text(db, "SELECT village FROM households WHERE head_name = '王五'"), TDB_VILLAGE2);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM surveys WHERE hh_type = 1 AND standard = 1 AND main_cause = 1"), 2);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM assignments a JOIN helpers h ON h.id = a.helper_id "
                          "WHERE h.name = '黄干部' AND a.to_date IS NULL"), 2);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM helpers"), 1);
    long long audit = tdb_int(db, "SELECT count(*) FROM audit");
    long long stamp_sum = tdb_int(db, "SELECT count(*) FROM households WHERE updated_at IS NOT NULL");
    CHECK(audit > 5);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'import'"), 1);

    CHECK_INT(run(db, csv, NULL, &r), IMPORT_OK);
    CHECK_INT(r.added, 0);
    CHECK_INT(r.updated, 0);
    CHECK_INT(r.unchanged, 2);
    import_report_free(&r);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit"), audit);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM households WHERE updated_at IS NOT NULL"), stamp_sum);

    /* One changed cell updates that household only, audited. */
    sample(csv, sizeof csv, "初中");
    CHECK_INT(run(db, csv, NULL, &r), IMPORT_OK);
    CHECK_INT(r.updated, 1);
    CHECK_INT(r.unchanged, 1);
    import_report_free(&r);
    CHECK_INT(tdb_int(db, "SELECT education FROM members WHERE name = '张三'"), 3);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit WHERE tbl = 'members' AND action = 'update'"), 1);
    db_close(db);
}

TEST(import_error_writes_nothing_and_names_line_and_column)
{
    struct db *db = tdb_open("imp.db");
    static char csv[8192];
    sample(csv, sizeof csv, "小学");
    /* Line 5 (王五) gets a wrong check character. */
    char id[19];
    tdb_idno(3, 1, id);
    char *p = strstr(csv, id);
    CHECK(p != NULL);
    p[17] = p[17] == '0' ? '1' : '0';
    long long audit = tdb_int(db, "SELECT count(*) FROM audit");
    struct import_report r;
    const struct import_msg *m = refused(db, csv, &r, "ID_CHECKSUM");
    CHECK(m != NULL);
    if (m) {
        CHECK_INT(m->line, 5);
        CHECK_INT(m->col, COL_ID);
        CHECK_STR(m->column, "身份证号");
        CHECK_INT(m->error, 1);
    }
    CHECK_INT(r.errors, 1);
    CHECK_INT(r.added, 0);
    import_report_free(&r);
    /* The first household was valid, yet nothing at all was written. */
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM households"), 0);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM helpers"), 0);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM audit"), audit);
    db_close(db);
}

TEST(import_reports_every_bad_row_up_to_the_limit)
{
    struct db *db = tdb_open("imp.db");
    static char csv[65536];
    snprintf(csv, sizeof csv, HEADER);
    for (int i = 0; i < 30; i++) {
        char name[32];
        snprintf(name, sizeof name, "户主%d", i);
        row(csv, sizeof csv, "东信村", "", name, "户主", name, 100 + i, 1, "大学");   /* 大学: no such 文化程度 */
    }
    struct import_opts o = { 0 };
    o.max_messages = 10;
    struct import_report r;
    CHECK_INT(run(db, csv, &o, &r), IMPORT_CHECKS);
    CHECK_INT(r.errors, 30);
    CHECK_INT(r.errors_kept, 10);
    CHECK_INT(r.msgs[0].line, 2);
    CHECK_INT(r.msgs[9].line, 11);
    CHECK_STR(r.msgs[0].check, "FIELD_VALUE");
    CHECK(strstr(r.msgs[0].text, "大学") != NULL);
    import_report_free(&r);
    db_close(db);
}

TEST(import_duplicate_person_in_file)
{
    struct db *db = tdb_open("imp.db");
    static char csv[8192];
    snprintf(csv, sizeof csv, HEADER);
    row(csv, sizeof csv, "东信村", "", "甲", "户主", "甲", 10, 1, "小学");
    row(csv, sizeof csv, "东信村", "", "乙", "户主", "乙", 11, 1, "小学");
    row(csv, sizeof csv, "东信村", "", "乙", "配偶", "甲", 10, 1, "小学");    /* 甲 again */
    struct import_report r;
    const struct import_msg *m = refused(db, csv, &r, "ID_DUP_FILE");
    CHECK(m && m->line == 4 && strstr(m->text, "第 2 行"));
    import_report_free(&r);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM households"), 0);
    db_close(db);
}

TEST(import_unknown_area_then_create_areas)
{
    struct db *db = tdb_open("imp.db");
    static char csv[8192];
    snprintf(csv, sizeof csv, HEADER);
    row(csv, sizeof csv, "新丰村", "", "丙", "户主", "丙", 20, 1, "小学");
    struct import_report r;
    const struct import_msg *m = refused(db, csv, &r, "AREA_UNKNOWN");
    CHECK(m && m->line == 2 && m->col == COL_VILLAGE && strstr(m->text, "--create-areas") && strstr(m->text, "基础设置"));
    import_report_free(&r);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM areas"), 6);

    struct import_opts o = { 0 };
    o.create_areas = 1;
    CHECK_INT(run(db, csv, &o, &r), IMPORT_OK);
    CHECK_INT(r.areas_created, 1);
    CHECK(find_msg(&r, "AREA_CREATED") != NULL);
    import_report_free(&r);
    /* Under 城厢镇 (450123101) with the first provisional code, marked 待核. */
    CHECK_INT(tdb_int(db, "SELECT provisional FROM areas WHERE code = '450123101901' AND name = '新丰村'"), 1);
    CHECK_STR(tdb_text(db, "SELECT village FROM households"), "450123101901");
    db_close(db);
}

TEST(import_columns_missing_unknown_and_title_rows)
{
    struct db *db = tdb_open("imp.db");
    struct import_report r;
    CHECK_INT(run(db, "村,姓名,与户主关系,备注\n东信村,甲,户主,x\n", NULL, &r), IMPORT_DATA);
    const struct import_msg *m = find_msg(&r, "COLUMN_MISSING");
    CHECK(m && strstr(m->text, "身份证号"));
    CHECK(find_msg(&r, "COLUMN_UNKNOWN") != NULL);
    import_report_free(&r);
    CHECK_INT(run(db, "a,b\n1,2\n", NULL, &r), IMPORT_DATA);
    CHECK(find_msg(&r, "COLUMN_MISSING") != NULL);
    import_report_free(&r);

    /* An exported roster saved as CSV: title and 填报单位 lines first. */
    static char csv[8192];
    snprintf(csv, sizeof csv, "隆安县2026年贫困户花名册,,,\n填报单位: 城厢镇,,填报日期: 2026-05-01,\n" HEADER);
    row(csv, sizeof csv, "东信村", "", "丁", "户主", "丁", 30, 1, "小学");
    CHECK_INT(run(db, csv, NULL, &r), IMPORT_OK);
    CHECK_INT(r.added, 1);
    CHECK(strstr(r.notes, "2 行") != NULL);
    import_report_free(&r);
    db_close(db);
}

TEST(import_gbk_file_same_as_utf8)
{
    struct db *db = tdb_open("imp.db");
    static char csv[8192], gbk[8192];
    sample(csv, sizeof csv, "小学");
    iconv_t cd = iconv_open("GBK", "UTF-8");
    char *ip = csv, *op = gbk;
    size_t il = strlen(csv), ol = sizeof gbk;
    CHECK(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1);
    iconv_close(cd);
    size_t glen = sizeof gbk - ol;
    struct import_report r;
    CHECK_INT(db_import_csv(db, "g.csv", gbk, glen, NULL, &r), IMPORT_OK);
    CHECK_INT(r.encoding, CSV_ENC_GBK);
    CHECK_INT(r.added, 2);
    import_report_free(&r);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM members WHERE name = '李秀英'"), 1);
    /* The UTF-8 file is the same data: nothing changes. */
    CHECK_INT(run(db, csv, NULL, &r), IMPORT_OK);
    CHECK_INT(r.unchanged, 2);
    import_report_free(&r);
    /* Forcing UTF-8 on the GBK bytes is an encoding error, nothing written. */
    struct import_opts o = { 0 };
    o.encoding = CSV_ENC_UTF8;
    CHECK_INT(db_import_csv(db, "g.csv", gbk, glen, &o, &r), IMPORT_DATA);
    CHECK(find_msg(&r, "ENCODING") != NULL);
    import_report_free(&r);
    db_close(db);
}

TEST(import_matches_stored_household_by_id)
{
    struct db *db = tdb_open("imp.db");
    static char csv[8192];
    sample(csv, sizeof csv, "小学");
    struct import_report r;
    CHECK_INT(run(db, csv, NULL, &r), IMPORT_OK);
    import_report_free(&r);
    /* 王五's household again, now with a third member and without 户主 row
     * order issues: matched by the IDs, the new member appended. */
    snprintf(csv, sizeof csv, HEADER);
    row(csv, sizeof csv, "宝塘村", "", "王五", "户主", "王五", 3, 1, "小学");
    row(csv, sizeof csv, "宝塘村", "", "王五", "之女", "王芳", 5, 0, "小学");
    CHECK_INT(run(db, csv, NULL, &r), IMPORT_OK);
    CHECK_INT(r.updated, 1);
    CHECK(find_msg(&r, "MEMBER_KEPT") != NULL);     /* 刘洋 is not in this file */
    import_report_free(&r);
    CHECK_INT(tdb_int(db, "SELECT n_members FROM households WHERE head_name = '王五'"), 3);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM households"), 2);
    /* The same person listed under another village is a conflict, not a move. */
    snprintf(csv, sizeof csv, HEADER);
    row(csv, sizeof csv, "东信村", "", "王五", "户主", "王五", 3, 1, "小学");
    CHECK(refused(db, csv, &r, "HH_AREA") != NULL);
    import_report_free(&r);
    db_close(db);
}

/* ASCII digits, X and - of s as their full-width forms (０-９, Ｘ, －), as an
 * input method in full-width mode types them or Excel keeps them. */
static const char *fullwidth(const char *s)
{
    static char out[8][256];
    static int k;
    char *o = out[k++ % 8], *p = o;
    for (; *s && p < o + 250; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= '0' && c <= '9') || c == 'X' || c == '-') {
            unsigned cp = 0xFF00 + c - 0x20;
            *p++ = (char)(0xE0 | (cp >> 12));
            *p++ = (char)(0x80 | ((cp >> 6) & 0x3F));
            *p++ = (char)(0x80 | (cp & 0x3F));
        } else {
            *p++ = (char)c;
        }
    }
    *p = 0;
    return o;
}

TEST(import_fullwidth_digits_converted)
{
    struct db *db = tdb_open("fw.db");
    char id[19], id2[19];
    tdb_idno(7, 1, id);
    tdb_idno(8, 0, id2);
    static char csv[4096];
    /* ID numbers, 户编号 and a code number in full width, an ideographic
     * space around the phone number, as pasted from Excel. */
    snprintf(csv, sizeof csv, "县,乡镇,村,村民小组,户编号,户主姓名,与户主关系,姓名,身份证号,民族,联系电话,"
             "贫困户属性,识别标准,主要致贫原因\n"
             "隆安县,城厢镇,东信村,第一组,%s,韦强,户主,韦强,%s,８,\xE3\x80\x80%s\xE3\x80\x80,１,国家标准,因病\n"
             "隆安县,城厢镇,东信村,第一组,%s,韦强,配偶,黄丽,%s,壮族,,１,国家标准,因病\n",
             fullwidth("4501231012010009"), fullwidth(id), fullwidth("13907711234"),
             fullwidth("4501231012010009"), fullwidth(id2));
    struct import_report r;
    int res = run(db, csv, NULL, &r);
    if (!CHECK_INT(res, IMPORT_OK))
        for (size_t i = 0; i < r.n_msgs; i++)
            fprintf(stderr, "    %s\n", r.msgs[i].text);
    import_report_free(&r);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM members WHERE deleted = 0"), 2);
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT ethnic FROM members WHERE id_no = '%s'", id);
    CHECK_INT(tdb_int(db, sql), 8);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM members WHERE id_no = '%s'", id2);
    CHECK_INT(tdb_int(db, sql), 1);
    CHECK_STR(tdb_text(db, "SELECT hh_no FROM households"), "4501231012010009");
    CHECK_STR(tdb_text(db, "SELECT phone FROM households"), "13907711234");
    CHECK_INT(tdb_int(db, "SELECT hh_type FROM surveys"), 1);
    db_close(db);
}

/* Issue 11: an import that changes a registered household's facts records
 * why — the file — with the changes; an unchanged re-import records nothing.
 * Before, db_household_save refused it (no reason) and the import failed. */
TEST(import_records_its_reason_on_a_registered_household)
{
    struct db *db = tdb_open("imp_reason.db");
    static char csv[8192];
    sample(csv, sizeof csv, "小学");
    struct import_report r;
    CHECK_INT(run(db, csv, NULL, &r), IMPORT_OK);
    import_report_free(&r);
    CHECK_INT(run(db, csv, NULL, &r), IMPORT_OK);
    import_report_free(&r);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM hh_changes"), 0);
    /* 张三's household (在册, 户编号 …0001) now 低保贫困户, a new child. */
    snprintf(csv, sizeof csv, HEADER);
    row(csv, sizeof csv, "东信村", "4501231012010001", "张三", "户主", "张三", 0, 1, "小学");
    row(csv, sizeof csv, "东信村", "4501231012010001", "张三", "之女", "张丽", 6, 0, "小学");
    char *p = strstr(csv, "一般贫困户");
    memcpy(p, "低保", strlen("低保"));
    CHECK_INT(db_import_csv(db, "/tmp/乡里/复核.csv", csv, strlen(csv), NULL, &r), IMPORT_OK);
    import_report_free(&r);
    CHECK_STR(tdb_text(db, "SELECT reason FROM hh_changes"), "导入: 复核.csv");
    CHECK(strstr(tdb_text(db, "SELECT changes FROM hh_changes"), "贫困户属性: 一般贫困户 → 低保贫困户") != NULL);
    CHECK(strstr(tdb_text(db, "SELECT changes FROM hh_changes"), "成员入户: 张丽") != NULL);
    CHECK_STR(tdb_text(db, "SELECT name || ' ' || reason || ' ' || note FROM member_events"), "张丽 3 导入: 复核.csv");
    db_close(db);
}

/* Issue 12 item 3: 年人均纯收入 without its parts is kept as the declared
 * figure, checked as the survey's would be: above the line and negative are
 * warnings, not refusals; with the parts, the parts win and a different
 * figure is reported. */
#define PC_HEADER "村,户主姓名,与户主关系,姓名,身份证号,民族,文化程度,在校生状况,健康状况,劳动技能," \
                  "贫困户属性,识别标准,主要致贫原因,状态,调查年度"

static void pc_row(char *buf, size_t sz, const char *head, int k, const char *tail)
{
    char id[19];
    tdb_idno(k, 1, id);
    size_t len = strlen(buf);
    snprintf(buf + len, sz - len, "东信村,%s,户主,%s,%s,汉族,小学,非在校生,健康,普通劳动力,一般贫困户,国家标准,"
             "因病,在册,2026,%s\n", head, head, id, tail);
}

static int64_t declared_of(struct db *db, const char *head)
{
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT s.declared_per_capita FROM surveys s JOIN households h ON"
             " h.id = s.household_id WHERE h.head_name = '%s'", head);
    return tdb_int(db, sql);
}

static int roster_pc(void *ud, const struct roster_row *r)
{
    if (!strcmp(r->name, "乙"))
        *(int64_t *)ud = r->per_capita;
    return 0;
}

TEST(import_per_capita_only_is_the_declared_figure)
{
    struct db *db = tdb_open("imp.db");
    static char csv[4096];
    snprintf(csv, sizeof csv, PC_HEADER ",年人均纯收入\n");
    pc_row(csv, sizeof csv, "甲", 40, "1500");
    pc_row(csv, sizeof csv, "乙", 41, "5000.50");
    pc_row(csv, sizeof csv, "丙", 42, "-120");
    struct import_report r;
    CHECK_INT(run(db, csv, NULL, &r), IMPORT_OK);
    CHECK_INT(r.added, 3);
    CHECK_INT(r.errors, 0);
    CHECK_INT(declared_of(db, "甲"), 150000);
    CHECK_INT(declared_of(db, "乙"), 500050);
    CHECK_INT(declared_of(db, "丙"), -12000);
    const struct import_msg *m = find_msg(&r, "ABOVE_LINE");
    CHECK(m && m->line == 3 && !m->error && strstr(m->text, "5000.50"));
    m = find_msg(&r, "DECLARED_NEGATIVE");
    CHECK(m && m->line == 4 && !m->error && strstr(m->text, "-120.00"));
    CHECK(!find_msg(&r, "ABOVE_LINE") || find_msg(&r, "ABOVE_LINE")->line != 2);
    import_report_free(&r);
    /* The roster shows it; importing the same sheet again changes nothing. */
    int64_t pc = 0;
    struct export_filter f = { 0 };
    CHECK_INT(db_roster_each(db, &f, "2026-03-05", roster_pc, &pc, NULL), DB_OK);
    CHECK_INT(pc, 500050);
    CHECK_INT(run(db, csv, NULL, &r), IMPORT_OK);
    CHECK_INT(r.unchanged, 3);
    import_report_free(&r);

    /* With the parts: they give the figure; a different 年人均纯收入 is said. */
    snprintf(csv, sizeof csv, PC_HEADER ",工资性收入,年人均纯收入\n");
    pc_row(csv, sizeof csv, "乙", 41, "3000,999");
    CHECK_INT(run(db, csv, NULL, &r), IMPORT_OK);
    m = find_msg(&r, "INCOME_MISMATCH");
    CHECK(m && !m->error && strstr(m->text, "999.00") && strstr(m->text, "3000.00"));
    import_report_free(&r);
    CHECK_INT(declared_of(db, "乙"), 0);
    CHECK_INT(db_roster_each(db, &f, "2026-03-05", roster_pc, &pc, NULL), DB_OK);
    CHECK_INT(pc, 300000);

    /* Not an amount: refused, by column. */
    snprintf(csv, sizeof csv, PC_HEADER ",年人均纯收入\n");
    pc_row(csv, sizeof csv, "丁", 43, "一千");
    m = refused(db, csv, &r, "FIELD_VALUE");
    CHECK(m && m->col == 16);
    import_report_free(&r);
    db_close(db);
}

/* A file of schema 7 has no surveys.declared_per_capita: opening adds it. */
TEST(schema_upgrade_adds_declared_per_capita)
{
    struct db *db = tdb_open("old6.db");
    CHECK_INT(db_exec(db, "DROP TRIGGER audit_surveys_insert; DROP TRIGGER audit_surveys_update;"
                          "DROP TRIGGER audit_surveys_delete;"
                          "ALTER TABLE surveys DROP COLUMN declared_per_capita; PRAGMA user_version = 7",
                      "t"), DB_OK);
    db_close(db);
    char err[512];
    CHECK_INT(db_open(tdb_path("old6.db"), 0, &db, err, sizeof err), DB_OK);
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM pragma_table_info('surveys')"
                          " WHERE name = 'declared_per_capita'"), 1);
    CHECK_INT(tdb_int(db, "PRAGMA user_version"), db_schema_current());
    db_close(db);
}

/* Issue 13 item 1: registering is the 审核员's.  A 录入员's sheet whose new
 * households would be 在册 (or 已脱贫 …) is refused row by row, naming the
 * role, and nothing is written; 识别中 rows go in; households already in
 * the file are not re-registered by an import, so the clerk may update them. */
TEST(import_registering_needs_the_reviewer)
{
    struct db *db = tdb_open("improle.db");
    static char csv[8192];
    sample(csv, sizeof csv, "小学");
    struct import_report r;
    db_session_assume(db, "韦录入", ROLE_CLERK);
    const struct import_msg *m = refused(db, csv, &r, "ROLE");
    CHECK(m != NULL);
    if (m) {
        CHECK(strstr(m->text, "需要审核员权限") != NULL);
        CHECK(strstr(m->text, "在册") != NULL);
        CHECK_INT(m->col, 21);
        CHECK_INT((long long)m->line, 2);
    }
    CHECK_INT(tdb_int(db, "SELECT count(*) FROM households"), 0);
    import_report_free(&r);

    db_session_assume(db, "韦审核", ROLE_REVIEWER);
    CHECK_INT(run(db, csv, NULL, &r), IMPORT_OK);
    CHECK_INT(r.added, 2);
    import_report_free(&r);
    /* The same file again as the clerk: stored households, nothing refused. */
    db_session_assume(db, "韦录入", ROLE_CLERK);
    CHECK_INT(run(db, csv, NULL, &r), IMPORT_OK);
    import_report_free(&r);

    /* A new household 识别中 from the clerk goes in. */
    static char ident[2048];
    snprintf(ident, sizeof ident, HEADER);
    row(ident, sizeof ident, "宝塘村", "", "赵六", "户主", "赵六", 7, 1, "小学");
    char *at = strstr(ident, ",在册\n");
    CHECK(at != NULL);
    if (at)
        snprintf(at, sizeof ident - (size_t)(at - ident), ",识别中\n");
    CHECK_INT(run(db, ident, NULL, &r), IMPORT_OK);
    CHECK_INT(r.added, 1);
    import_report_free(&r);
    db_close(db);
}

/* ---- memory (issue 14 goal 5) ---------------------------------------------- */

/* A roster made as it is read, never whole in memory: `households` of a
 * 户主 and a 配偶, each row with `pad` characters in a column the import
 * ignores (a clerk's pasted notes), so the file is as big as asked. */
struct roster_gen {
    int households, pad, row;
    char line[16384];
    size_t len, pos;
};

static long gen_read(void *ud, char *buf, size_t n)
{
    struct roster_gen *g = ud;
    if (g->pos == g->len) {
        if (g->row > 2 * g->households)
            return 0;
        if (g->row == 0) {
            snprintf(g->line, sizeof g->line, "乡镇,村,户主姓名,与户主关系,姓名,性别,身份证号,状态,说明\n");
        } else {
            char id[19];
            int h = (g->row - 1) / 2, male = (g->row - 1) % 2 == 0;
            tdb_idno(2 * h + !male, male, id);
            int k = snprintf(g->line, sizeof g->line, "城厢镇,东信村,户%d,%s,%s,%s,%s,识别中,", h,
                             male ? "户主" : "配偶", male ? "" : "刘芳", male ? "男" : "女", id);
            if (male)   /* the 户主's name is the 户主姓名 */
                k = snprintf(g->line, sizeof g->line, "城厢镇,东信村,户%d,户主,户%d,男,%s,识别中,", h, h, id);
            memset(g->line + k, 'x', (size_t)g->pad);
            g->line[k + g->pad] = '\n';
            g->line[k + g->pad + 1] = '\0';
        }
        g->row++;
        g->len = strlen(g->line);
        g->pos = 0;
    }
    size_t k = g->len - g->pos < n ? g->len - g->pos : n;
    memcpy(buf, g->line + g->pos, k);
    g->pos += k;
    return (long)k;
}

static int gen_rewind(void *ud)
{
    struct roster_gen *g = ud;
    g->row = 0;
    g->len = g->pos = 0;
    return 0;
}

static long peak_rss_kib(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

static void import_generated(const char *name, int households, int pad)
{
    struct db *db = tdb_open(name);
    struct roster_gen g = { households, pad, 0, "", 0, 0 };
    struct csv_source src = { gen_read, gen_rewind, &g };
    struct import_report r;
    CHECK_INT(db_import_csv_source(db, name, &src, NULL, &r), IMPORT_OK);
    CHECK_INT(r.added, households);
    import_report_free(&r);
    db_close(db);
}

/* The import reads its file in pieces: ten times the households in a file
 * 24 MB bigger takes no more memory than the database's own page cache
 * grows by.  It held the file whole, twice (a county roster peaked at
 * 514 MB).  Not under the sanitizers (their shadow and quarantine). */
TEST(import_memory_does_not_grow_with_the_file)
{
#if defined(__SANITIZE_ADDRESS__)
    return;
#endif
    import_generated("mem_small.db", 200, 0);
    long small = peak_rss_kib();
    import_generated("mem_big.db", 2000, 6000);
    long big = peak_rss_kib();
    if (getenv("FUPIN_TEST_VERBOSE") || big - small >= 16 * 1024)
        fprintf(stderr, "    peak RSS %ld KiB after 200 households, %ld KiB after 2 000 (24 MB)\n", small, big);
    CHECK(big - small < 16 * 1024);
}
