/* Tests for core/checks: for each check one record that triggers it and one
 * that does not; the messages name the field and the values.
 *
 * ID numbers below were computed with GB 11643 MOD 11-2 by an independent
 * one-liner (python3), e.g. 11010519491231002X, the standard's own example,
 * comes out with X:
 *   W=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]; C="10X98765432"
 *   s + C[sum(int(a)*w for a, w in zip(s, W)) % 11]
 * Today is 2026-11-23 (the test runner's FUPIN_TODAY); the survey is dated
 * 2026-03-15, the date ages are computed at. */
#include "tests/harness.h"
#include "core/checks.h"
#include "core/codes.h"
#include <stdio.h>
#include <stdlib.h>

#define ID_HEAD      "110101197005050015"   /* 1970-05-05 male */
#define ID_HEAD_15   "110101700505001"      /* the same person's legacy number */
#define ID_SPOUSE    "11010119720808002X"   /* 1972-08-08 female */
#define ID_SON       "440104201209010036"   /* 2012-09-01 male: 13 at survey */
#define ID_DAUGHTER  "44010420190601004X"   /* 2019-06-01 female: 6 at survey */
#define ID_FATHER    "110101194501010051"   /* 1945-01-01 male */
#define ID_F1996     "440104199603120065"   /* 1996-03-12 female: 30 at survey */
#define ID_F1970     "44010419700101002X"   /* 1970-01-01 female */
#define ID_F2011     "440104201106100047"   /* 2011-06-10 female: 14 at survey */
#define ID_M2010     "440104201003150017"   /* 2010-03-15 male: 16 on the survey day */
#define ID_M2004     "110101200406010019"   /* 2004-06-01 male: 21 at survey */
#define ID_F2006     "110101200601010022"   /* 2006-01-01 female: 20 at survey */
#define ID_F2020     "440104202006010049"   /* 2020-06-01 female: 5 at survey, 6 today */
#define ID_BAD_DATE  "110101197002300015"   /* 1970-02-30, check char right */
#define ID_FUTURE    "110101202701010010"   /* 2027-01-01, check char right */

/* Codes used below, by list position (verified in codes_positions). */
enum { ED_JUNIOR = 3, SCH_NONE = 1, SCH_PRE = 2, SCH_PRIMARY = 3, SCH_JUNIOR = 4,
       SK_COMMON = 1, SK_NONE = 5, HAN = 1 };

static void set_member(struct member *m, const char *name, const char *id, int sex,
                       const char *birth, int relation, int schooling, int health, int skill)
{
    memset(m, 0, sizeof *m);
    snprintf(m->name, sizeof m->name, "%s", name);
    snprintf(m->id_no, sizeof m->id_no, "%s", id);
    m->sex = sex;
    snprintf(m->birth, sizeof m->birth, "%s", birth);
    m->relation = relation;
    m->ethnic = HAN;
    m->political = 3;
    m->education = ED_JUNIOR;
    m->schooling = schooling;
    m->health = health;
    m->skill = skill;
    m->work = 1;
    m->med_ins = 1;
    m->serious_ins = 1;
    m->pension_ins = 1;
}

/* A household that passes every check: five members, 因病 with a chronically
 * ill member, 1400.00 元 per head (below the national 2300 元 line). */
static struct household good_household(void)
{
    struct household hh;
    memset(&hh, 0, sizeof hh);
    hh.id = 7;
    snprintf(hh.village, sizeof hh.village, "110101001001");
    snprintf(hh.group_name, sizeof hh.group_name, "第一村民小组");
    snprintf(hh.phone, sizeof hh.phone, "13800138000");
    hh.state = WF_SURVEYED;
    hh.n_members = 5;
    set_member(&hh.members[0], "张三", ID_HEAD, SEX_MALE, "1970-05-05", REL_HEAD,
               SCH_NONE, HEALTH_OK, SK_COMMON);
    set_member(&hh.members[1], "李四", ID_SPOUSE, SEX_FEMALE, "1972-08-08", REL_SPOUSE,
               SCH_NONE, HEALTH_OK, SK_COMMON);
    set_member(&hh.members[2], "张小明", ID_SON, SEX_MALE, "2012-09-01", REL_SON,
               SCH_JUNIOR, HEALTH_OK, SK_NONE);
    set_member(&hh.members[3], "张小红", ID_DAUGHTER, SEX_FEMALE, "2019-06-01", REL_DAUGHTER,
               SCH_PRE, HEALTH_OK, SK_NONE);
    set_member(&hh.members[4], "张老汉", ID_FATHER, SEX_MALE, "1945-01-01", REL_PARENT,
               SCH_NONE, HEALTH_CHRONIC, SK_NONE);

    hh.app.year = 2026;
    hh.app.main_cause = CAUSE_ILLNESS;
    snprintf(hh.app.apply_date, sizeof hh.app.apply_date, "2026-03-01");
    snprintf(hh.app.accept_date, sizeof hh.app.accept_date, "2026-03-02");
    hh.app.signed_by_applicant = 1;

    struct survey *s = &hh.survey;
    s->year = 2026;
    s->standard = STD_NATIONAL;
    s->hh_type = 1;
    s->main_cause = CAUSE_ILLNESS;
    s->water_safe = 1;
    s->wage_income = 500000;
    s->business_income = 100000;
    s->dibao = 200000;
    s->business_cost = 100000;      /* net 7000.00, 1400.00 per head */
    snprintf(s->surveyor1, sizeof s->surveyor1, "王调查");
    snprintf(s->surveyor2, sizeof s->surveyor2, "赵调查");
    snprintf(s->survey_date, sizeof s->survey_date, "2026-03-15");
    s->signed_household = s->signed_cadre = s->signed_surveyor = 1;
    return hh;
}

static struct check_ctx ctx_fixed(void)
{
    struct check_ctx c;
    checks_ctx_init(&c);
    snprintf(c.today, sizeof c.today, "2026-11-23");
    return c;
}

static struct check_result res[64];

static size_t run_hh(const struct household *hh)
{
    struct check_ctx c = ctx_fixed();
    return checks_run_household(&c, hh, res, 64);
}

static const struct check_result *find(size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(res[i].def->id, id) == 0)
            return &res[i];
    return NULL;
}

static size_t count_id(size_t n, const char *id)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += strcmp(res[i].def->id, id) == 0;
    return c;
}

static void dump(size_t n)
{
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "    [%s] %d %s: %s\n", res[i].def->id, res[i].member_index,
                res[i].field_key, res[i].message);
}

/* Expects exactly one result of `id` (and nothing else unless `alone` is 0). */
static const struct check_result *expect_one(size_t n, const char *id, int alone)
{
    const struct check_result *r = find(n, id);
    if (!CHECK(r != NULL) || !CHECK_INT(count_id(n, id), 1) || (alone && !CHECK_INT(n, 1)))
        dump(n);
    return r ? r : &res[0];
}

/* ------------------------------------------------------------------ table */

TEST(checks_table_is_well_formed)
{
    size_t n;
    const struct check_def *t = checks_table(&n);
    CHECK(n >= 50);
    for (size_t i = 0; i < n; i++) {
        CHECK(t[i].id && t[i].id[0]);
        CHECK(t[i].title && t[i].title[0]);
        CHECK(t[i].message && t[i].message[0]);
        CHECK(t[i].run != NULL);
        CHECK(t[i].level == CHECK_ERROR || t[i].level == CHECK_WARNING);
        CHECK(checks_find(t[i].id) == &t[i]);       /* ids are unique */
    }
    CHECK(checks_find("NO_SUCH_CHECK") == NULL);
    CHECK_INT(checks_find("ID_CHECKSUM")->level, CHECK_ERROR);
    CHECK_INT(checks_find("CHILD_OLDER")->level, CHECK_WARNING);
    CHECK_STR(checks_level_label(CHECK_ERROR), "错误");
    CHECK_STR(checks_level_label(CHECK_WARNING), "警告");
}

TEST(checks_codes_positions)
{
    /* checks.c and this file refer to these codes by position */
    CHECK_INT(codes_by_label(CL_SCHOOLING, "非在校生"), 1);
    CHECK_INT(codes_by_label(CL_SCHOOLING, "学前教育"), 2);
    CHECK_INT(codes_by_label(CL_SCHOOLING, "小学"), 3);
    CHECK_INT(codes_by_label(CL_SCHOOLING, "初中"), 4);
    CHECK_INT(codes_by_label(CL_SCHOOLING, "高中"), 5);
    CHECK_INT(codes_by_label(CL_SCHOOLING, "中职"), 6);
    CHECK_INT(codes_by_label(CL_SCHOOLING, "高职/大专"), 7);
    CHECK_INT(codes_by_label(CL_SCHOOLING, "本科及以上"), 8);
    CHECK_INT(codes_by_label(CL_SKILL, "普通劳动力"), 1);
    CHECK_INT(codes_by_label(CL_SKILL, "技能劳动力"), 2);
    CHECK_INT(codes_by_label(CL_SKILL, "无劳动力"), 5);
    CHECK_INT(codes_by_label(CL_RELATION, "其他"), 14);
    CHECK_INT(codes_by_label(CL_EDUCATION, "初中"), 3);
    CHECK_INT(codes_by_label(CL_ETHNIC, "汉族"), 1);
    CHECK_INT(codes_by_label(CL_EXCLUSION, "拥有小汽车或大型农机具"), 3);
}

TEST(checks_good_household_is_clean)
{
    struct household hh = good_household();
    size_t n = run_hh(&hh);
    if (!CHECK_INT(n, 0))
        dump(n);
}

TEST(checks_results_capped_at_max)
{
    struct household hh = good_household();
    for (int i = 0; i < hh.n_members; i++)
        hh.members[i].name[0] = '\0';       /* five NAME_EMPTY */
    struct check_ctx c = ctx_fixed();
    CHECK_INT(checks_run_household(&c, &hh, res, 3), 3);
    CHECK_INT(checks_run_household(&c, &hh, res, 64), 5);
    CHECK_INT(checks_count(res, 5, CHECK_ERROR), 5);
    CHECK_INT(checks_count(res, 5, CHECK_WARNING), 0);
}

/* ---------------------------------------------------------------- members */

TEST(checks_member_count)
{
    struct household hh = good_household();
    hh.n_members = 0;
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "HH_MEMBER_COUNT", 1);
    CHECK_STR(r->message, "家庭成员 0 人: 至少须录入户主");
    hh.n_members = 1;
    CHECK_INT(count_id(run_hh(&hh), "HH_MEMBER_COUNT"), 0);
}

TEST(checks_name_empty)
{
    struct household hh = good_household();
    snprintf(hh.members[1].name, sizeof hh.members[1].name, "  ");
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "NAME_EMPTY", 1);
    CHECK_INT(r->member_index, 1);
    CHECK_STR(r->field_key, "name");
    CHECK_STR(r->message, "第2名成员 的 姓名 未填写");
    CHECK_INT(r->def->level, CHECK_ERROR);
}

TEST(checks_name_too_long)
{
    struct household hh = good_household();
    char name[TEXT_BYTES(NAME_CHARS)] = "";
    for (int i = 0; i < 31; i++)
        strcat(name, "张");
    snprintf(hh.members[1].name, sizeof hh.members[1].name, "%s", name);
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "NAME_TOO_LONG", 1);
    CHECK_INT(r->member_index, 1);
    /* who is shortened to 11 characters + … */
    CHECK_STR(r->message, "第2名成员「张张张张张张张张张张张…」 的 姓名 有 31 个字, 超过 30 字");
    name[strlen(name) - 3] = '\0';          /* 30 characters: fine */
    snprintf(hh.members[1].name, sizeof hh.members[1].name, "%s", name);
    CHECK_INT(run_hh(&hh), 0);
}

TEST(checks_name_bad_chars)
{
    struct household hh = good_household();
    snprintf(hh.members[1].name, sizeof hh.members[1].name, "李\n四");
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "NAME_BAD_CHARS", 1);
    CHECK_STR(r->message, "第2名成员「李\n四」 的 姓名 含有换行符, 请重新录入");
    snprintf(hh.members[1].name, sizeof hh.members[1].name, "李\x01四");
    r = expect_one(run_hh(&hh), "NAME_BAD_CHARS", 1);
    CHECK(strstr(r->message, "控制字符") != NULL);
    snprintf(hh.members[1].name, sizeof hh.members[1].name, "李\xff四");
    r = expect_one(run_hh(&hh), "NAME_BAD_CHARS", 1);
    CHECK(strstr(r->message, "无效的文字编码") != NULL);
    /* minority names with the middle dot and non-BMP ideographs are names */
    snprintf(hh.members[1].name, sizeof hh.members[1].name, "阿卜杜·热合曼");
    snprintf(hh.members[2].name, sizeof hh.members[2].name, "\xf0\xa0\xae\xb7小明"); /* 𠮷 */
    CHECK_INT(run_hh(&hh), 0);
}

TEST(checks_name_symbol)
{
    struct household hh = good_household();
    snprintf(hh.members[1].name, sizeof hh.members[1].name, "李四\xf0\x9f\x98\x80"); /* 😀 */
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "NAME_SYMBOL", 1);
    CHECK_INT(r->def->level, CHECK_WARNING);
    CHECK(strstr(r->message, "\\U0001F600") != NULL);
    snprintf(hh.members[1].name, sizeof hh.members[1].name, "\xf0\xac\x8c\x97"); /* 𬌗 */
    CHECK_INT(run_hh(&hh), 0);
}

/* ------------------------------------------------------------ ID numbers */

TEST(checks_id_empty)
{
    struct household hh = good_household();
    hh.members[2].id_no[0] = '\0';
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "ID_EMPTY", 1);
    CHECK_INT(r->member_index, 2);
    CHECK_STR(r->field_key, "id_no");
    CHECK_STR(r->message, "第3名成员「张小明」 的 身份证号 未填写");
}

TEST(checks_id_format)
{
    struct household hh = good_household();
    snprintf(hh.members[1].id_no, sizeof hh.members[1].id_no, "11010119720808002");
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "ID_FORMAT", 1);
    CHECK(strstr(r->message, "第2名成员「李四」 的 身份证号 11010119720808002: ") == r->message);
    snprintf(hh.members[1].id_no, sizeof hh.members[1].id_no, "00000019720808002X");
    expect_one(run_hh(&hh), "ID_FORMAT", 1);
    /* lower-case x is accepted */
    snprintf(hh.members[1].id_no, sizeof hh.members[1].id_no, "11010119720808002x");
    CHECK_INT(run_hh(&hh), 0);
}

TEST(checks_id_date)
{
    struct household hh = good_household();
    snprintf(hh.members[0].id_no, sizeof hh.members[0].id_no, ID_BAD_DATE);
    hh.members[0].birth[0] = '\0';
    size_t n = run_hh(&hh);
    const struct check_result *r = find(n, "ID_DATE");
    CHECK(r != NULL);
    if (r)
        CHECK(strstr(r->message, ID_BAD_DATE) != NULL);
    snprintf(hh.members[0].id_no, sizeof hh.members[0].id_no, ID_FUTURE);
    n = run_hh(&hh);
    r = find(n, "ID_DATE");
    CHECK(r != NULL);
    CHECK_INT(find(n, "ID_CHECKSUM") == NULL, 1);
}

TEST(checks_id_checksum)
{
    struct household hh = good_household();
    snprintf(hh.members[0].id_no, sizeof hh.members[0].id_no, "110101197005050016");
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "ID_CHECKSUM", 1);
    CHECK_INT(r->member_index, 0);
    CHECK_STR(r->message, "第1名成员「张三」 的 身份证号 110101197005050016 校验位错误: "
                          "第18位为 6, 按前17位应为 5");
    snprintf(hh.members[1].id_no, sizeof hh.members[1].id_no, "110101197208080021");
    snprintf(hh.members[0].id_no, sizeof hh.members[0].id_no, ID_HEAD);
    r = expect_one(run_hh(&hh), "ID_CHECKSUM", 1);
    CHECK(strstr(r->message, "第18位为 1, 按前17位应为 X") != NULL);
}

TEST(checks_id_legacy)
{
    struct household hh = good_household();
    snprintf(hh.members[0].id_no, sizeof hh.members[0].id_no, ID_HEAD_15);
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "ID_LEGACY", 1);
    CHECK_INT(r->def->level, CHECK_WARNING);
    CHECK_STR(r->message, "第1名成员「张三」 的 身份证号 110101700505001 为15位旧号码, "
                          "保存时升级为 110101197005050015");
}

TEST(checks_id_sex)
{
    struct household hh = good_household();
    hh.members[0].sex = SEX_FEMALE;
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "ID_SEX", 1);
    CHECK_STR(r->field_key, "sex");
    CHECK_STR(r->message, "第1名成员「张三」 的 性别 为 女, 与身份证号第17位 1 (男) 不符");
    hh.members[0].sex = 0;                  /* not keyed: derived later, no error */
    CHECK_INT(run_hh(&hh), 0);
}

TEST(checks_id_birth)
{
    struct household hh = good_household();
    snprintf(hh.members[0].birth, sizeof hh.members[0].birth, "1970-05-06");
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "ID_BIRTH", 1);
    CHECK_STR(r->message, "第1名成员「张三」 的 出生日期 1970-05-06 与身份证号中的 1970-05-05 不符");
    snprintf(hh.members[0].birth, sizeof hh.members[0].birth, "19700505");
    CHECK_INT(run_hh(&hh), 0);
}

TEST(checks_id_dup_in_household)
{
    struct household hh = good_household();
    snprintf(hh.members[4].id_no, sizeof hh.members[4].id_no, ID_HEAD);
    snprintf(hh.members[4].birth, sizeof hh.members[4].birth, "1970-05-05");
    hh.members[4].relation = 14;            /* 其他: no relation-age warnings */
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "ID_DUP_IN_HH", 1);
    CHECK_INT(r->member_index, 4);
    CHECK_STR(r->message, "第5名成员「张老汉」 的 身份证号 110101197005050015 与 第1名成员「张三」 重复");
    /* the 15-digit form of the same number is the same person */
    snprintf(hh.members[4].id_no, sizeof hh.members[4].id_no, ID_HEAD_15);
    CHECK(find(run_hh(&hh), "ID_DUP_IN_HH") != NULL);
}

static int owner_calls;
static int64_t owner_self;
static int fake_owner(void *ud, const char *id_no, int64_t self_hh, char *desc, size_t sz)
{
    owner_calls++;
    owner_self = self_hh;
    if (strcmp(id_no, (const char *)ud) != 0)
        return 0;
    snprintf(desc, sz, "东风村 王五户 (户编号 1101010010010003)");
    return 1;
}

TEST(checks_id_dup_other_household)
{
    struct household hh = good_household();
    struct check_ctx c = ctx_fixed();
    c.id_owner = fake_owner;
    c.id_owner_ud = (void *)ID_SPOUSE;
    size_t n = checks_run_household(&c, &hh, res, 64);
    const struct check_result *r = expect_one(n, "ID_DUP_OTHER_HH", 1);
    CHECK_INT(r->member_index, 1);
    CHECK_STR(r->message, "第2名成员「李四」 的 身份证号 11010119720808002X 已登记在其他户: "
                          "东风村 王五户 (户编号 1101010010010003)");
    CHECK_INT(owner_calls, 5);
    CHECK_INT(owner_self, 7);
    c.id_owner_ud = (void *)"000000000000000000";
    CHECK_INT(checks_run_household(&c, &hh, res, 64), 0);
}

/* ------------------------------------------------------ head and relations */

TEST(checks_relation_empty)
{
    struct household hh = good_household();
    hh.members[3].relation = 0;
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "RELATION_EMPTY", 1);
    CHECK_INT(r->member_index, 3);
    CHECK_STR(r->message, "第4名成员「张小红」 的 与户主关系 未填写");
}

TEST(checks_head_count)
{
    struct household hh = good_household();
    hh.members[1].relation = REL_HEAD;
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "HEAD_COUNT", 1);
    CHECK_INT(r->member_index, 1);      /* the second 户主 */
    CHECK_STR(r->message, "与户主关系 为 户主 的有 2 人 (第1名、第2名), 每户须有且只有 1 名户主");
    hh.members[1].relation = REL_SPOUSE;
    hh.members[0].relation = REL_SPOUSE;
    n = run_hh(&hh);
    r = find(n, "HEAD_COUNT");
    CHECK(r != NULL);
    if (r) {
        CHECK_STR(r->message, "与户主关系 为 户主 的有 0 人, 每户须有且只有 1 名户主");
        CHECK_INT(r->member_index, 0);  /* the first member, who should be it */
    }
}

TEST(checks_head_first)
{
    struct household hh = good_household();
    struct member tmp = hh.members[0];
    hh.members[0] = hh.members[1];
    hh.members[1] = tmp;
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "HEAD_FIRST", 1);
    CHECK_INT(r->member_index, 1);
    CHECK_STR(r->message, "户主 张三 排在第 2 位, 户主须为第 1 名成员");
}

TEST(checks_head_under_16)
{
    struct household hh = good_household();
    hh.n_members = 1;
    hh.state = WF_NONE;                         /* one person: no line warning */
    set_member(&hh.members[0], "小芳", ID_F2011, SEX_FEMALE, "", REL_HEAD,
               SCH_JUNIOR, HEALTH_OK, SK_NONE);
    hh.survey.main_cause = hh.app.main_cause = 12;      /* 其他 */
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "HEAD_UNDER_16", 1);
    CHECK_STR(r->message, "户主 小芳 现年 14 岁, 未满 16 岁, 请核对");
    /* 16 on the survey day itself */
    set_member(&hh.members[0], "小刚", ID_M2010, SEX_MALE, "", REL_HEAD,
               SCH_NONE, HEALTH_OK, SK_COMMON);
    n = run_hh(&hh);
    if (!CHECK_INT(n, 0))
        dump(n);
}

TEST(checks_child_older_than_head)
{
    struct household hh = good_household();
    set_member(&hh.members[3], "张大女", ID_F1970, SEX_FEMALE, "", REL_DAUGHTER,
               SCH_NONE, HEALTH_OK, SK_COMMON);
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "CHILD_OLDER", 1);
    CHECK_INT(r->member_index, 3);
    CHECK_STR(r->field_key, "relation");
    CHECK_STR(r->message, "第4名成员「张大女」 与户主关系 为 之女, 出生于 1970-01-01, "
                          "比户主 (出生于 1970-05-05) 年长, 请核对");
}

TEST(checks_spouse_under_marriage_age)
{
    struct household hh = good_household();
    hh.state = WF_NONE;                         /* two people: no line warning */
    /* a female head with a 21-year-old husband: under 22 */
    set_member(&hh.members[0], "李芳", ID_F1996, SEX_FEMALE, "", REL_HEAD,
               SCH_NONE, HEALTH_OK, SK_COMMON);
    set_member(&hh.members[1], "王强", ID_M2004, SEX_MALE, "", REL_SPOUSE,
               SCH_NONE, HEALTH_OK, SK_COMMON);
    hh.n_members = 2;
    hh.members[0].health = HEALTH_CHRONIC;
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "SPOUSE_YOUNG", 1);
    CHECK_STR(r->message, "第2名成员「王强」 与户主关系 为 配偶, 现年 21 岁, 未达法定婚龄 (男 22 岁), 请核对");
    /* a 20-year-old wife is of age */
    set_member(&hh.members[0], "张三", ID_HEAD, SEX_MALE, "", REL_HEAD,
               SCH_NONE, HEALTH_CHRONIC, SK_COMMON);
    set_member(&hh.members[1], "刘英", ID_F2006, SEX_FEMALE, "", REL_SPOUSE,
               SCH_NONE, HEALTH_OK, SK_COMMON);
    n = run_hh(&hh);
    if (!CHECK_INT(n, 0))
        dump(n);
}

TEST(checks_parent_younger_than_head)
{
    struct household hh = good_household();
    set_member(&hh.members[4], "陈母", ID_F1996, SEX_FEMALE, "", REL_PARENT,
               SCH_NONE, HEALTH_CHRONIC, SK_COMMON);
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "PARENT_YOUNGER", 1);
    CHECK_STR(r->message, "第5名成员「陈母」 与户主关系 为 之父母, 出生于 1996-03-12, "
                          "比户主 (出生于 1970-05-05) 年轻, 请核对");
}

/* --------------------------------------------------------------- schooling */

TEST(checks_school_age_mismatch)
{
    struct household hh = good_household();
    set_member(&hh.members[1], "李四", ID_F1996, SEX_FEMALE, "", REL_SPOUSE,
               SCH_PRIMARY, HEALTH_OK, SK_COMMON);
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "SCHOOL_AGE", 1);
    CHECK_STR(r->field_key, "schooling");
    CHECK_STR(r->message, "第2名成员「李四」 的 在校生状况 为 小学, 但现年 30 岁 "
                          "(小学一般为 5–16 岁), 请核对");
    /* a 13-year-old in primary school is plausible */
    hh = good_household();
    hh.members[2].schooling = SCH_PRIMARY;
    CHECK_INT(run_hh(&hh), 0);
}

TEST(checks_school_dropout)
{
    struct household hh = good_household();
    hh.members[2].schooling = SCH_NONE;         /* 13 */
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "SCHOOL_DROPOUT", 1);
    CHECK_INT(r->member_index, 2);
    CHECK_STR(r->message, "第3名成员「张小明」 现年 13 岁, 属义务教育年龄 (6–15 岁), "
                          "在校生状况 却为 非在校生");
    /* boundaries: 6 is school age, 5 and 16 are not */
    hh = good_household();
    hh.members[3].schooling = SCH_NONE;         /* 6 at the survey date */
    CHECK(find(run_hh(&hh), "SCHOOL_DROPOUT") != NULL);
    set_member(&hh.members[3], "张小红", ID_F2020, SEX_FEMALE, "", REL_DAUGHTER,
               SCH_NONE, HEALTH_OK, SK_NONE);   /* 5 at the survey, 6 today */
    CHECK_INT(run_hh(&hh), 0);
    set_member(&hh.members[2], "张小明", ID_M2010, SEX_MALE, "", REL_SON,
               SCH_NONE, HEALTH_OK, SK_COMMON); /* 16 on the survey day */
    size_t n2 = run_hh(&hh);
    if (!CHECK_INT(n2, 0))
        dump(n2);
}

TEST(checks_skill_age)
{
    struct household hh = good_household();
    hh.members[2].skill = SK_COMMON;            /* 13 */
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "SKILL_AGE", 1);
    CHECK_STR(r->message, "第3名成员「张小明」 现年 13 岁 (未满 16 岁), 劳动技能 却为 普通劳动力, 请核对");
    hh = good_household();
    hh.members[1].skill = SK_NONE;              /* 53, healthy, female: over 55? no */
    r = expect_one(run_hh(&hh), "SKILL_AGE", 1);
    CHECK_STR(r->message, "第2名成员「李四」 现年 53 岁 (劳动年龄内, 健康, 非在校生), 劳动技能 却为 无劳动力, 请核对");
    /* ill, or past working age: not flagged */
    hh.members[1].health = HEALTH_CHRONIC;
    CHECK_INT(run_hh(&hh), 0);
}

TEST(checks_disability_without_certificate)
{
    struct household hh = good_household();
    hh.members[4].health = HEALTH_DISABLED;
    hh.members[1].health = HEALTH_SERIOUS;      /* keeps 因病 satisfied */
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "DISABILITY_NO", 1);
    CHECK_STR(r->field_key, "disability_no");
    CHECK_STR(r->message, "第5名成员「张老汉」 的 健康状况 为 残疾, 残疾证号 未填写");
    snprintf(hh.members[4].disability_no, sizeof hh.members[4].disability_no,
             "11010119450101005142");
    CHECK_INT(run_hh(&hh), 0);
}

/* ------------------------------------------------------------------ causes */

TEST(checks_cause_schooling)
{
    struct household hh = good_household();
    hh.survey.other_cause1 = CAUSE_SCHOOLING;
    CHECK_INT(run_hh(&hh), 0);                  /* the son is at 初中 */
    hh.n_members = 2;                           /* only the couple */
    hh.state = WF_NONE;
    hh.members[1].health = HEALTH_SERIOUS;
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "CAUSE_SCHOOL", 1);
    CHECK_STR(r->field_key, "other_cause1");
    CHECK_STR(r->message, "其他致贫原因 为 因学, 但家庭成员中没有在校生 (在校生状况 均为 非在校生 或未填)");
}

TEST(checks_cause_disability)
{
    struct household hh = good_household();
    hh.survey.main_cause = CAUSE_DISABILITY;
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "CAUSE_DISABLED", 1);
    CHECK_STR(r->field_key, "main_cause");
    CHECK_STR(r->message, "主要致贫原因 为 因残, 但家庭成员中没有 健康状况 为 残疾 的人");
    hh.members[4].health = HEALTH_DISABLED;
    snprintf(hh.members[4].disability_no, sizeof hh.members[4].disability_no, "X1");
    CHECK_INT(run_hh(&hh), 0);
}

TEST(checks_cause_illness)
{
    struct household hh = good_household();
    hh.members[4].health = HEALTH_OK;
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "CAUSE_ILLNESS", 1);
    CHECK_STR(r->message, "主要致贫原因 为 因病, 但家庭成员中没有 健康状况 为 长期慢性病 或 患有大病 的人");
    hh.members[4].health = HEALTH_SERIOUS;
    CHECK_INT(run_hh(&hh), 0);
    /* no survey causes yet: the application's count */
    hh.members[4].health = HEALTH_OK;
    hh.survey.main_cause = 0;
    CHECK(find(run_hh(&hh), "CAUSE_ILLNESS") != NULL);
    hh.app.main_cause = 12;
    CHECK_INT(run_hh(&hh), 0);
}

/* ------------------------------------------------------------------ income */

TEST(checks_income_negative)
{
    struct household hh = good_household();
    hh.survey.dibao = -100;
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "INCOME_NEGATIVE", 1);
    CHECK_STR(r->field_key, "dibao");
    CHECK_STR(r->message, "低保金 为 -1.00 元, 收入不能为负数");
    hh.survey.dibao = 0;
    CHECK_INT(run_hh(&hh), 0);
}

TEST(checks_income_range)
{
    struct household hh = good_household();
    hh.survey.wage_income = (money_t)10000000001;
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "INCOME_RANGE", 0);
    CHECK_STR(r->field_key, "wage_income");
    CHECK_STR(r->message, "工资性收入 为 100000000.01 元, 超过 1 亿元, 请核对");
    hh.survey.wage_income = (money_t)10000000000;    /* exactly 1亿元 */
    CHECK(find(run_hh(&hh), "INCOME_RANGE") == NULL);
}

TEST(checks_net_income_negative)
{
    struct household hh = good_household();
    hh.survey.business_cost = 2000000;          /* income 8000.00, cost 20000.00 */
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "NET_NEGATIVE", 1);
    CHECK_STR(r->message, "家庭年纯收入 为 -12000.00 元 (生产经营性支出 20000.00 元 大于各项收入合计), 请核对");
    hh.survey.business_cost = 800000;           /* net exactly 0 */
    CHECK_INT(run_hh(&hh), 0);
}

TEST(checks_per_capita_above_line)
{
    struct household hh = good_household();
    /* net = 9500.00 + 1000 + 2000 - 1000 = 11500.00 → 2300.00 per head = the line */
    hh.survey.wage_income = 950000;
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "ABOVE_LINE", 1);
    CHECK_INT(r->def->level, CHECK_WARNING);
    CHECK_STR(r->field_key, "per_capita");
    CHECK_STR(r->message, "年人均纯收入 2300.00 元 不低于 2026年 国家标准 贫困线 2300.00 元 "
                          "(2010年不变价; 2026年未设定, 用2010年的线), 家庭 5 人");
    hh.state = WF_REGISTERED;
    CHECK(find(run_hh(&hh), "ABOVE_LINE") != NULL);
    /* an exited household is expected to be above */
    hh.state = WF_EXITED;
    CHECK_INT(run_hh(&hh), 0);
    /* 11499.95 / 5 = 2299.99: below */
    hh.state = WF_SURVEYED;
    hh.survey.wage_income = 949995;
    CHECK_INT(run_hh(&hh), 0);
}

/* ------------------------------------------------------------------ 七不进 */

TEST(checks_exclusion_on_advancing_household)
{
    struct household hh = good_household();
    hh.survey.exclusion[2] = 1;
    hh.state = WF_NOTICE1;
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "EXCLUSION_ADVANCING", 1);
    CHECK_INT(r->def->level, CHECK_ERROR);
    CHECK_STR(r->field_key, "exclusion_override");
    CHECK_STR(r->message, "七不进 勾选了 1 项 (拥有小汽车或大型农机具), 未录入 七不进特批理由, 状态却已为 一榜公示");
    snprintf(hh.survey.exclusion_override, sizeof hh.survey.exclusion_override,
             "农机具为合作社集体所有, 经乡镇审核同意");
    CHECK_INT(run_hh(&hh), 0);
}

TEST(checks_exclusion_ticked_before_notice)
{
    struct household hh = good_household();
    hh.survey.exclusion[0] = 1;
    hh.survey.exclusion[4] = 1;
    size_t n = run_hh(&hh);                     /* 已调查: a warning, not an error */
    const struct check_result *r = expect_one(n, "EXCLUSION_TICKED", 1);
    CHECK_INT(r->def->level, CHECK_WARNING);
    CHECK_STR(r->message, "七不进 勾选了 2 项 (近三年新建80㎡以上住房或城镇购房、长期雇佣他人): "
                          "未录入 七不进特批理由 前不能进入公示");
    hh.state = WF_REGISTERED;
    CHECK(find(run_hh(&hh), "EXCLUSION_ADVANCING") != NULL);
    CHECK(find(run_hh(&hh), "EXCLUSION_TICKED") == NULL);
    hh.state = WF_EXITED;                       /* not advancing through identification */
    CHECK_INT(run_hh(&hh), 0);
}

TEST(checks_household_dates)
{
    struct household hh = good_household();
    snprintf(hh.survey.survey_date, sizeof hh.survey.survey_date, "2026-02-30");
    size_t n = run_hh(&hh);
    const struct check_result *r = expect_one(n, "HH_DATE", 0);
    CHECK_STR(r->field_key, "survey_date");
    CHECK_STR(r->message, "调查日期 2026-02-30 不是有效日期");
    hh = good_household();
    snprintf(hh.app.apply_date, sizeof hh.app.apply_date, "2026-12-01");
    r = expect_one(run_hh(&hh), "HH_DATE", 1);
    CHECK_STR(r->message, "申请日期 2026-12-01 晚于今天 2026-11-23");
    snprintf(hh.app.apply_date, sizeof hh.app.apply_date, "2026-11-23");
    CHECK_INT(run_hh(&hh), 0);
}

/* ----------------------------------------------------------------- notices */

TEST(checks_notice_too_short)
{
    struct check_ctx c = ctx_fixed();
    struct notice_facts nf = { .days = 5, .configured_days = 7, .start = "2026-03-01",
                               .end = "2026-03-05" };
    size_t n = checks_run_notice(&c, &nf, res, 64);
    const struct check_result *r = expect_one(n, "NOTICE_SHORT", 1);
    CHECK_STR(r->message, "公示 天数 5 天, 少于规定的 7 天");
    nf.days = 7;
    snprintf(nf.end, sizeof nf.end, "2026-03-07");
    CHECK_INT(checks_run_notice(&c, &nf, res, 64), 0);
    /* configured 0: the context's 7; a project notice is 3 */
    nf.configured_days = 0;
    nf.days = 6;
    snprintf(nf.end, sizeof nf.end, "2026-03-06");
    expect_one(checks_run_notice(&c, &nf, res, 64), "NOTICE_SHORT", 1);
    nf.configured_days = 3;
    nf.days = 3;
    snprintf(nf.end, sizeof nf.end, "2026-03-03");
    CHECK_INT(checks_run_notice(&c, &nf, res, 64), 0);
}

TEST(checks_notice_dates)
{
    struct check_ctx c = ctx_fixed();
    struct notice_facts nf = { .days = 7, .configured_days = 7, .start = "2026-03-01",
                               .end = "2026-03-08" };
    size_t n = checks_run_notice(&c, &nf, res, 64);
    const struct check_result *r = expect_one(n, "NOTICE_END", 1);
    CHECK_STR(r->message, "公示 结束日期 2026-03-08 与 开始日期 2026-03-01 起 7 天 不符 (应为 2026-03-07)");
    nf.end[0] = '\0';                           /* not computed yet: fine */
    CHECK_INT(checks_run_notice(&c, &nf, res, 64), 0);
    snprintf(nf.start, sizeof nf.start, "2026-02-30");
    r = expect_one(checks_run_notice(&c, &nf, res, 64), "NOTICE_START", 1);
    CHECK_STR(r->message, "公示 开始日期 2026-02-30 不是有效日期");
}

/* --------------------------------------------------------------------- aid */

TEST(checks_aid_after_waiver)
{
    struct check_ctx c = ctx_fixed();
    struct aid_facts af = { .date = "2026-05-02", .waiver_date = "2026-05-01", .money = 50000 };
    size_t n = checks_run_aid(&c, &af, res, 64);
    const struct check_result *r = expect_one(n, "AID_AFTER_WAIVER", 1);
    CHECK_STR(r->message, "帮扶 日期 2026-05-02 在 放弃帮扶声明 (2026-05-01) 之后, 不能新增帮扶记录");
    snprintf(af.date, sizeof af.date, "2026-05-01");        /* same day: before it */
    CHECK_INT(checks_run_aid(&c, &af, res, 64), 0);
    snprintf(af.date, sizeof af.date, "2026-06-01");
    af.waiver_date[0] = '\0';
    CHECK_INT(checks_run_aid(&c, &af, res, 64), 0);
}

TEST(checks_aid_date_and_amounts)
{
    struct check_ctx c = ctx_fixed();
    struct aid_facts af = { .date = "2026-11-24" };
    const struct check_result *r = expect_one(checks_run_aid(&c, &af, res, 64), "AID_DATE", 1);
    CHECK_STR(r->message, "帮扶日期 2026-11-24 晚于今天 2026-11-23");
    af.date[0] = '\0';
    r = expect_one(checks_run_aid(&c, &af, res, 64), "AID_DATE", 1);
    CHECK_STR(r->message, "帮扶日期 未填写");
    snprintf(af.date, sizeof af.date, "2026-11-23");
    af.goods = -5000;
    r = expect_one(checks_run_aid(&c, &af, res, 64), "AID_NEGATIVE", 1);
    CHECK_STR(r->message, "物资折款 为 -50.00 元, 不能为负数");
    af.goods = 0;
    CHECK_INT(checks_run_aid(&c, &af, res, 64), 0);
}

/* ---------------------------------------------------------------- payments */

static struct payment_facts good_payment(void)
{
    struct payment_facts p = {
        .project_type = PROJECT_INCOME, .project_amount = 1000000, .amount = 800000,
        .paid_project = 0, .paid_cap_scope = 0, .stage = PAY_ADVANCE,
        .partner_type = 1, .date = "2026-06-01",
    };
    return p;
}

TEST(checks_payment_over_cap)
{
    struct check_ctx c = ctx_fixed();
    struct payment_facts p = good_payment();
    CHECK_INT(checks_run_payment(&c, &p, res, 64), 0);
    p.project_amount = 3500000;
    p.paid_cap_scope = 2500000;                 /* other income projects this year */
    p.amount = 700000;
    const struct check_result *r = expect_one(checks_run_payment(&c, &p, res, 64),
                                              "PAY_OVER_CAP", 1);
    CHECK_STR(r->message, "拨付后累计 32000.00 元 超过 一户一增收项目 每户每年上限 30000.00 元");
    p.amount = 500000;                          /* exactly the cap */
    CHECK_INT(checks_run_payment(&c, &p, res, 64), 0);
    /* housing: 50000 per household */
    p = good_payment();
    p.project_type = PROJECT_HOUSING;
    p.project_amount = 6000000;
    p.amount = 4800000;
    p.paid_cap_scope = 300000;
    r = expect_one(checks_run_payment(&c, &p, res, 64), "PAY_OVER_CAP", 1);
    CHECK_STR(r->message, "拨付后累计 51000.00 元 超过 住房建设补助 每户上限 50000.00 元");
    /* a configured cap overrides the context's */
    p.cap = 6000000;
    CHECK_INT(checks_run_payment(&c, &p, res, 64), 0);
}

TEST(checks_payment_over_project_amount)
{
    struct check_ctx c = ctx_fixed();
    struct payment_facts p = good_payment();
    p.stage = PAY_TAIL;
    p.advance_paid = 1;
    p.verified_village = p.verified_township = p.verified_county = 1;
    p.paid_project = 800000;
    p.paid_cap_scope = 800000;
    p.amount = 300000;
    const struct check_result *r = expect_one(checks_run_payment(&c, &p, res, 64),
                                              "PAY_OVER_PROJECT", 1);
    CHECK_STR(r->message, "拨付后本项目累计 11000.00 元 超过 申请金额 10000.00 元");
    p.amount = 200000;
    CHECK_INT(checks_run_payment(&c, &p, res, 64), 0);
}

TEST(checks_payment_advance_80_percent)
{
    struct check_ctx c = ctx_fixed();
    struct payment_facts p = good_payment();
    p.amount = 800001;
    const struct check_result *r = expect_one(checks_run_payment(&c, &p, res, 64),
                                              "PAY_ADVANCE_80", 1);
    CHECK_STR(r->message, "预付 后累计 8000.01 元 超过 申请金额 10000.00 元 的 80% (8000.00 元); "
                          "合作方为 村委会 时方可开工时全额拨付");
    p.amount = 1000000;
    CHECK(find(checks_run_payment(&c, &p, res, 64), "PAY_ADVANCE_80") != NULL);
    p.partner_type = PARTNER_VILLAGE;           /* 100 % at start */
    CHECK_INT(checks_run_payment(&c, &p, res, 64), 0);
}

TEST(checks_payment_out_of_order)
{
    struct check_ctx c = ctx_fixed();
    struct payment_facts p = good_payment();
    p.stage = PAY_TAIL;
    p.amount = 200000;
    p.verified_village = p.verified_township = p.verified_county = 1;
    const struct check_result *r = expect_one(checks_run_payment(&c, &p, res, 64),
                                              "PAY_TAIL_BEFORE_ADVANCE", 1);
    CHECK_STR(r->message, "尚未拨付预付款, 不能先拨付 尾款");
    p.advance_paid = 1;
    p.paid_project = 800000;
    CHECK_INT(checks_run_payment(&c, &p, res, 64), 0);
    p.verified_county = 0;
    r = expect_one(checks_run_payment(&c, &p, res, 64), "PAY_TAIL_UNVERIFIED", 1);
    CHECK_STR(r->message, "尾款 须在村级、乡镇、县级核验后拨付 (未完成: 县级核验)");
    p.verified_village = 0;
    r = expect_one(checks_run_payment(&c, &p, res, 64), "PAY_TAIL_UNVERIFIED", 1);
    CHECK_STR(r->message, "尾款 须在村级、乡镇、县级核验后拨付 (未完成: 村级核验 县级核验)");
}

TEST(checks_payment_amount_stage_date)
{
    struct check_ctx c = ctx_fixed();
    struct payment_facts p = good_payment();
    p.amount = 0;
    const struct check_result *r = expect_one(checks_run_payment(&c, &p, res, 64),
                                              "PAY_AMOUNT", 1);
    CHECK_STR(r->message, "拨付 金额 0.00 元, 须大于 0");
    p = good_payment();
    p.stage = 0;
    expect_one(checks_run_payment(&c, &p, res, 64), "PAY_STAGE", 1);
    p = good_payment();
    snprintf(p.date, sizeof p.date, "2026-13-01");
    r = expect_one(checks_run_payment(&c, &p, res, 64), "PAY_DATE", 1);
    CHECK_STR(r->message, "拨付日期 2026-13-01 不是有效日期");
}

/* ------------------------------------------------------------ state moves */

static struct wf_facts good_facts(void)
{
    struct wf_facts f;
    wf_facts_init(&f);
    snprintf(f.today, sizeof f.today, "2026-03-20");
    snprintf(f.notice_end, sizeof f.notice_end, "2026-03-07");
    f.next_notice_posted = 1;
    f.votes_for = f.present = 33;
    f.application_signed = 1;
    f.surveyors = 2;
    f.signed_household = f.signed_cadre = f.signed_surveyor = 1;
    f.recheck_passed = f.township_approved = f.county_approved = 1;
    f.hh_no_assigned = f.exit_checks_passed = f.removal_reason = 1;
    return f;
}

TEST(checks_advance_before_notice_ends)
{
    struct check_ctx c = ctx_fixed();
    struct wf_facts f = good_facts();
    struct advance_facts a = { WF_NOTICE1, WF_RECHECKED, &f };
    CHECK_INT(checks_run_advance(&c, &a, res, 64), 0);
    snprintf(f.today, sizeof f.today, "2026-03-06");
    const struct check_result *r = expect_one(checks_run_advance(&c, &a, res, 64),
                                              "ADV_NOTICE_OPEN", 1);
    CHECK_STR(r->message, "公示期至 2026-03-07 结束, 2026-03-08 起方可进行下一步 (今天 2026-03-06)");
}

TEST(checks_advance_objection_exclusion_other)
{
    struct check_ctx c = ctx_fixed();
    struct wf_facts f = good_facts();
    struct advance_facts a = { WF_NOTICE1, WF_RECHECKED, &f };
    f.open_objections = 1;
    expect_one(checks_run_advance(&c, &a, res, 64), "ADV_OBJECTION", 1);
    f.open_objections = 0;
    f.exclusions_ticked = 1;
    const struct check_result *r = expect_one(checks_run_advance(&c, &a, res, 64),
                                              "ADV_EXCLUSION", 1);
    CHECK(strstr(r->message, "七不进") != NULL);
    f.exclusion_override = 1;
    f.recheck_passed = 0;
    r = expect_one(checks_run_advance(&c, &a, res, 64), "ADV_PRECONDITION", 1);
    CHECK_STR(r->message, "乡镇回访核查结果未录入或未通过");
    a.to = WF_REGISTERED;
    r = expect_one(checks_run_advance(&c, &a, res, 64), "ADV_NOT_ALLOWED", 1);
    CHECK(strstr(r->message, "不能从「一榜公示」直接转为「已建档立卡」") == r->message);
}

/* The check engine and wf_can_move agree on every row of the table, with
 * good facts and with each single fact broken. */
TEST(checks_advance_agrees_with_workflow)
{
    struct check_ctx c = ctx_fixed();
    size_t nt;
    const struct wf_transition *t = wf_transitions(&nt);
    for (int broken = 0; broken <= 8; broken++)
        for (size_t i = 0; i < nt; i++) {
            struct wf_facts f = good_facts();
            switch (broken) {
            case 1: snprintf(f.today, sizeof f.today, "2026-03-07"); break;
            case 2: f.open_objections = 3; break;
            case 3: f.exclusions_ticked = 1; break;
            case 4: f.votes_for = 21; break;
            case 5: f.next_notice_posted = 0; break;
            case 6: f.surveyors = 1; break;
            case 7: f.hh_no_assigned = 0; break;
            case 8: f.application_signed = 0; break;
            }
            struct advance_facts a = { t[i].from, t[i].to, &f };
            size_t n = checks_run_advance(&c, &a, res, 64);
            int ok = wf_can_move(&f, t[i].from, t[i].to, NULL, 0);
            CHECK_INT(n == 0, ok);
        }
}

/* -------------------------------------------------------- exit criteria */

TEST(checks_exit_criteria_prefill)
{
    struct check_ctx c = ctx_fixed();
    struct household hh = good_household();
    struct exit_criteria ec;
    checks_exit_criteria(&c, &hh, &ec);
    CHECK_INT(ec.year, 2026);
    CHECK_INT(ec.per_capita, 140000);
    CHECK_INT(ec.line_found, 1);
    CHECK_INT(ec.exit_line, 230000);            /* national: 2300 元 carried forward */
    CHECK_INT(ec.income_ok, 0);
    CHECK_INT(ec.food, 1);
    CHECK_INT(ec.clothing, 1);
    CHECK_INT(ec.education, 1);
    CHECK_INT(ec.medical, 1);
    CHECK_INT(ec.housing, 1);
    CHECK_INT(ec.water, 1);
    CHECK_STR(ec.education_note, "");
    CHECK_STR(ec.medical_note, "");

    hh.survey.wage_income = 1000000;            /* 2400.00 per head */
    hh.members[2].schooling = SCH_NONE;
    hh.members[1].med_ins = 0;
    hh.members[4].med_ins = 0;
    hh.survey.dangerous_house = 1;
    hh.survey.water_safe = 0;
    checks_exit_criteria(&c, &hh, &ec);
    CHECK_INT(ec.per_capita, 240000);
    CHECK_INT(ec.income_ok, 1);
    CHECK_INT(ec.education, 0);
    CHECK_STR(ec.education_note, "张小明(13岁)非在校生");
    CHECK_INT(ec.medical, 0);
    CHECK_STR(ec.medical_note, "未参保: 李四、张老汉");
    CHECK_INT(ec.housing, 0);
    CHECK_INT(ec.water, 0);
}

TEST(checks_exit_criteria_school_age_at_survey_date)
{
    struct check_ctx c = ctx_fixed();
    struct household hh = good_household();
    struct exit_criteria ec;
    /* 5 on the survey date, 6 today: not of school age for this survey */
    set_member(&hh.members[3], "张小红", ID_F2020, SEX_FEMALE, "", REL_DAUGHTER,
               SCH_NONE, HEALTH_OK, SK_NONE);
    hh.members[3].med_ins = 1;
    checks_exit_criteria(&c, &hh, &ec);
    CHECK_INT(ec.education, 1);
    /* with no survey date the age is taken today */
    hh.survey.survey_date[0] = '\0';
    checks_exit_criteria(&c, &hh, &ec);
    CHECK_INT(ec.education, 0);
    CHECK_STR(ec.education_note, "张小红(6岁)非在校生");
    /* the provincial exit line of 2020 applies to later years */
    hh.survey.standard = STD_PROVINCIAL;
    checks_exit_criteria(&c, &hh, &ec);
    CHECK_INT(ec.exit_line, 906000);
}

/* ------------------------------------------- projects and assistance (issue 6) */

/* A project that has gone through every step in time. */
static struct project_facts good_project(void)
{
    struct project_facts p = {
        .kind = PROJECT_INCOME, .amount = 2400000, .other_cap_scope = 0,
        .representatives = 11, .votes_for = 8, .approved = "2026-05-10",
        .notice_start = "2026-05-11", .notice_days = 3, .notice_end = "2026-05-13",
        .start_date = "2026-05-20", .verify_requested = "2026-09-01",
        .verified = { "2026-09-10", "2026-09-20", "2026-10-01" },
    };
    return p;
}

TEST(checks_project_cap_and_appraisal)
{
    struct check_ctx c = ctx_fixed();
    struct project_facts p = good_project();
    CHECK_INT(checks_run_project(&c, &p, res, 64), 0);
    /* 24000 + 6000 = 30000: exactly the cap */
    p.other_cap_scope = 600000;
    CHECK_INT(checks_run_project(&c, &p, res, 64), 0);
    p.other_cap_scope = 600001;
    const struct check_result *r = expect_one(checks_run_project(&c, &p, res, 64), "PRJ_OVER_CAP", 1);
    CHECK_STR(r->message, "申请金额 24000.00 元 加本户同类项目 6000.01 元 共 30000.01 元, "
                          "超过 一户一增收项目 每户每年上限 30000.00 元");
    p = good_project();
    p.kind = PROJECT_HOUSING;
    p.amount = 5000001;
    r = expect_one(checks_run_project(&c, &p, res, 64), "PRJ_OVER_CAP", 1);
    CHECK_STR(r->message, "申请金额 50000.01 元 加本户同类项目 0.00 元 共 50000.01 元, "
                          "超过 住房建设补助 每户上限 50000.00 元");
    /* 9–15 representatives, odd; 2/3 of 11 is 7.33 → 8 votes */
    p = good_project();
    p.representatives = 10;
    p.votes_for = 10;
    r = expect_one(checks_run_project(&c, &p, res, 64), "PRJ_APPRAISAL_SIZE", 1);
    CHECK_STR(r->message, "项目评议 村民代表 10 人, 须为 9–15 人的单数");
    p.representatives = 17;
    p.votes_for = 17;
    expect_one(checks_run_project(&c, &p, res, 64), "PRJ_APPRAISAL_SIZE", 1);
    p.representatives = 9;
    p.votes_for = 9;
    CHECK_INT(checks_run_project(&c, &p, res, 64), 0);
    p.representatives = 11;
    p.votes_for = 7;
    r = expect_one(checks_run_project(&c, &p, res, 64), "PRJ_APPRAISAL_VOTES", 1);
    CHECK_STR(r->message, "项目评议 赞成票 7 未达到 村民代表 11 人的三分之二 (需 8 票)");
}

TEST(checks_project_order_and_notice)
{
    struct check_ctx c = ctx_fixed();
    struct project_facts p = good_project();
    p.approved[0] = '\0';
    const struct check_result *r = expect_one(checks_run_project(&c, &p, res, 64), "PRJ_ORDER", 1);
    CHECK_STR(r->message, "县级核验 已填写, 但 乡镇审定日期 尚未完成");
    p = good_project();
    p.notice_days = 2;
    r = expect_one(checks_run_project(&c, &p, res, 64), "PRJ_NOTICE_SHORT", 1);
    CHECK_STR(r->message, "项目公示 天数 2 天, 少于规定的 3 天");
    /* a fresh application has no steps: nothing to say */
    struct project_facts fresh = { .kind = PROJECT_INCOME, .amount = 100000 };
    CHECK_INT(checks_run_project(&c, &fresh, res, 64), 0);
}

TEST(checks_verification_overdue)
{
    struct check_ctx c = ctx_fixed();        /* today 2026-11-23 */
    struct project_facts p = good_project();
    /* requested 2026-11-01: village due 2026-11-16, 7 days late today */
    snprintf(p.verify_requested, sizeof p.verify_requested, "2026-11-01");
    p.verified[0][0] = p.verified[1][0] = p.verified[2][0] = '\0';
    const struct check_result *r = expect_one(checks_run_project(&c, &p, res, 64),
                                              "VERIFY_VILLAGE_OVERDUE", 1);
    CHECK_STR(r->message, "村级核验 逾期: 申请验收 2026-11-01, 应于 2026-11-16 前完成, 已逾期 7 天");
    CHECK_INT(r->def->level, CHECK_WARNING);
    /* on the last day it is not overdue */
    snprintf(p.verify_requested, sizeof p.verify_requested, "2026-11-08");
    CHECK_INT(checks_run_project(&c, &p, res, 64), 0);
    /* village done on day 16 (one day late); township due 15 days after it */
    snprintf(p.verify_requested, sizeof p.verify_requested, "2026-10-01");
    snprintf(p.verified[0], sizeof p.verified[0], "2026-10-17");
    size_t n = checks_run_project(&c, &p, res, 64);
    r = find(n, "VERIFY_VILLAGE_OVERDUE");
    CHECK(r != NULL);
    if (r)
        CHECK_STR(r->message, "村级核验 逾期: 申请验收 2026-10-01, 应于 2026-10-16 前完成, 实际 2026-10-17 完成 (晚 1 天)");
    r = find(n, "VERIFY_TOWNSHIP_OVERDUE");
    CHECK(r != NULL);
    if (r)
        CHECK_STR(r->message, "乡镇核验 逾期: 村级核验 2026-10-17, 应于 2026-11-01 前完成, 已逾期 22 天");
    char v[11], t[11];
    checks_verify_deadlines(&c, &p, v, t);
    CHECK_STR(v, "2026-10-16");
    CHECK_STR(t, "2026-11-01");
}

TEST(checks_payment_project_order)
{
    struct check_ctx c = ctx_fixed();
    struct project_facts pj = good_project();
    struct payment_facts p = good_payment();
    p.project_amount = 2400000;
    p.amount = 1920000;                          /* 80 % of 24000 */
    p.project = &pj;
    CHECK_INT(checks_run_payment(&c, &p, res, 64), 0);
    snprintf(p.date, sizeof p.date, "2026-05-13");  /* last day of the notice */
    size_t n = checks_run_payment(&c, &p, res, 64);
    const struct check_result *r = find(n, "PAY_BEFORE_NOTICE_END");
    CHECK(r != NULL);
    if (r)
        CHECK_STR(r->message, "项目公示 2026-05-11 至 2026-05-13 结束, 公示期满后方可拨付 (拨付日期 2026-05-13)");
    CHECK(find(n, "PAY_BEFORE_START") != NULL);
    snprintf(p.date, sizeof p.date, "2026-05-20");  /* the start day */
    CHECK_INT(checks_run_payment(&c, &p, res, 64), 0);
    pj.start_date[0] = '\0';
    r = expect_one(checks_run_payment(&c, &p, res, 64), "PAY_BEFORE_START", 1);
    CHECK_STR(r->message, "预付 须在开工后拨付: 开工日期 未填写");
    pj = good_project();
    pj.approved[0] = '\0';
    r = expect_one(checks_run_payment(&c, &p, res, 64), "PAY_NOT_APPROVED", 1);
    CHECK_STR(r->message, "项目 尚未经 乡镇审定, 不能拨付");
    /* the share comes from the settings */
    pj = good_project();
    c.stage_first_pct = 70;
    r = expect_one(checks_run_payment(&c, &p, res, 64), "PAY_ADVANCE_80", 1);
    CHECK_STR(r->message, "预付 后累计 19200.00 元 超过 申请金额 24000.00 元 的 70% (16800.00 元); "
                          "合作方为 村委会 时方可开工时全额拨付");
}

TEST(checks_assist_helper_and_unsigned)
{
    struct check_ctx c = ctx_fixed();
    struct assist_facts af = { .state = WF_REGISTERED, .has_helper = 0 };
    const struct check_result *r = expect_one(checks_run_assist(&c, &af, res, 64), "HH_NO_HELPER", 1);
    CHECK_STR(r->message, "已建档立卡户 尚未指定 帮扶责任人 (一对一帮扶)");
    af.has_helper = 1;
    snprintf(af.last_visit, sizeof af.last_visit, "2026-05-01");   /* visited this year */
    CHECK_INT(checks_run_assist(&c, &af, res, 64), 0);
    af.has_helper = 0;
    af.state = WF_APPLIED;                   /* not registered: no helper yet is fine */
    CHECK_INT(checks_run_assist(&c, &af, res, 64), 0);
    af.state = WF_REGISTERED;
    af.waived = 1;                           /* declined assistance */
    CHECK_INT(checks_run_assist(&c, &af, res, 64), 0);
    /* 30 days before 2026-11-23 is 2026-10-24: that day is still in time */
    static const char dates[][11] = { "2026-10-24", "2026-10-23", "2026-09-01", "2026-11-20" };
    struct assist_facts u = { .state = WF_REGISTERED, .has_helper = 1, .unconfirmed = dates,
                              .n_unconfirmed = 4, .last_visit = "2026-11-20" };
    r = expect_one(checks_run_assist(&c, &u, res, 64), "AID_UNCONFIRMED", 1);
    CHECK_STR(r->message, "有 2 条帮扶记录 超过 30 天 未签字确认 (最早 2026-09-01)");
    u.n_unconfirmed = 1;
    CHECK_INT(checks_run_assist(&c, &u, res, 64), 0);
}
