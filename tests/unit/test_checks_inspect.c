/* Tests for the inspection checks (core/checks_inspect.c, issue 16 part 3):
 * table-driven, for each check a planted household that triggers it and
 * near-misses at the boundary that do not.
 *
 * Today is 2026-11-23; the survey is dated 2026-03-15, the day ages are
 * computed at.  ID numbers by GB 11643 MOD 11-2 (the python3 one-liner of
 * tests/unit/test_checks.c). */
#include "tests/harness.h"
#include "core/checks.h"
#include "core/codes.h"
#include <stdio.h>
#include <string.h>

#define ID_HEAD    "110101197005050015"   /* 1970-05-05 male */
#define ID_SPOUSE  "11010119720808002X"   /* 1972-08-08 female */
#define ID_SON     "440104201209010036"   /* 2012-09-01 male: 13 at the survey */
#define ID_M15     "440104201003160012"   /* 2010-03-16 male: 15 on the survey day */
#define ID_M16     "440104201003150017"   /* 2010-03-15 male: 16 on the survey day */

enum { SCH_NONE = 1, SCH_JUNIOR = 4, SK_COMMON = 1, SK_WEAK = 3, SK_LOST = 4, SK_NONE = 5,
       HT_GENERAL = 1, HT_DIBAO = 2, HT_TEKUN = 3, DANGER_B = 2 };

static void member(struct member *m, const char *name, const char *id, int sex, int rel,
                   int schooling, int skill)
{
    memset(m, 0, sizeof *m);
    snprintf(m->name, sizeof m->name, "%s", name);
    snprintf(m->id_no, sizeof m->id_no, "%s", id);
    m->sex = sex;
    m->relation = rel;
    m->ethnic = 1;
    m->political = 3;
    m->education = 3;
    m->schooling = schooling;
    m->health = HEALTH_OK;
    m->skill = skill;
    m->work = 1;
    m->med_ins = m->serious_ins = m->pension_ins = 1;
}

/* A registered 一般贫困户 an inspector finds nothing wrong with. */
static void base(struct household *hh)
{
    memset(hh, 0, sizeof *hh);
    hh->id = 9;
    snprintf(hh->village, sizeof hh->village, "110101001001");
    hh->state = WF_REGISTERED;
    hh->n_members = 3;
    member(&hh->members[0], "张三", ID_HEAD, SEX_MALE, REL_HEAD, SCH_NONE, SK_COMMON);
    member(&hh->members[1], "李四", ID_SPOUSE, SEX_FEMALE, REL_SPOUSE, SCH_NONE, SK_COMMON);
    member(&hh->members[2], "张小明", ID_SON, SEX_MALE, REL_SON, SCH_JUNIOR, SK_NONE);
    struct survey *s = &hh->survey;
    s->year = 2026;
    s->standard = STD_NATIONAL;
    s->hh_type = HT_GENERAL;
    s->main_cause = CAUSE_OTHER;
    s->water_safe = 1;
    s->wage_income = 300000;
    s->dibao = 0;
    snprintf(s->survey_date, sizeof s->survey_date, "2026-03-15");
}

/* What the database would say (check_ctx.hh_extra). */
static struct hh_extra extra;
static int extra_calls;
static int fake_extra(void *ud, const struct household *hh, int year, struct hh_extra *out)
{
    (void)ud; (void)hh;
    extra_calls++;
    *out = extra;
    return year == 2026;
}

/* ---- the planted households ---- */
static void dibao_nothing(struct household *h) { h->survey.hh_type = HT_DIBAO; }
static void dibao_one_fen(struct household *h) { dibao_nothing(h); h->survey.dibao = 1; }
static void dibao_identifying(struct household *h) { dibao_nothing(h); h->state = WF_SURVEYED; }
static void dibao_no_parts(struct household *h)
{
    dibao_nothing(h);
    h->survey.wage_income = 0;
    h->survey.declared_per_capita = 150000;
}
static void spouse_uninsured(struct household *h) { h->members[1].med_ins = 0; }
static void spouse_soldier(struct household *h) { spouse_uninsured(h); h->members[1].soldier = 1; }
static void uninsured_applicant(struct household *h) { spouse_uninsured(h); h->state = WF_APPLIED; }
static void uninsured_exited(struct household *h) { spouse_uninsured(h); h->state = WF_EXITED; }
static void house_d(struct household *h) { h->survey.dangerous_house = 1; h->survey.danger_grade = DANGER_D; }
static void house_c(struct household *h) { h->survey.dangerous_house = 1; h->survey.danger_grade = DANGER_C; }
static void house_d_exited(struct household *h) { house_d(h); h->state = WF_EXITED; }
static void house_d_identifying(struct household *h) { house_d(h); h->state = WF_NOTICE2; }
static void house_b_not_danger(struct household *h) { h->survey.danger_grade = DANGER_B; }
static void no_labour(struct household *h)
{
    h->members[0].skill = SK_LOST;
    h->members[1].skill = SK_NONE;
}
static void one_half_labour(struct household *h) { no_labour(h); h->members[1].skill = SK_WEAK; }
static void no_labour_dibao(struct household *h) { no_labour(h); h->survey.hh_type = HT_DIBAO; h->survey.dibao = 100000; }
static void no_labour_skill_unknown(struct household *h) { no_labour(h); h->members[1].skill = 0; }
static void exiting_dropout_15(struct household *h)
{
    h->state = WF_EXIT_NOTICE1;
    member(&h->members[2], "张小明", ID_M15, SEX_MALE, REL_SON, SCH_NONE, SK_NONE);
}
static void exiting_dropout_16(struct household *h)
{
    exiting_dropout_15(h);
    snprintf(h->members[2].id_no, sizeof h->members[2].id_no, "%s", ID_M16);
    h->members[2].skill = SK_COMMON;
}
static void exited_dropout(struct household *h) { exiting_dropout_15(h); h->state = WF_EXITED; }
static void registered_dropout(struct household *h) { exiting_dropout_15(h); h->state = WF_REGISTERED; }
static void tekun_able(struct household *h) { h->survey.hh_type = HT_TEKUN; h->survey.tekun = 200000; }
static void tekun_weak(struct household *h)
{
    tekun_able(h);
    h->members[0].skill = SK_WEAK;
    h->members[1].skill = SK_LOST;
}
static void tekun_head_only(struct household *h) { tekun_weak(h); h->members[0].skill = SK_COMMON; }

struct icase {
    const char *name;
    void (*make)(struct household *);
    int with_db;                /* ctx.hh_extra set (with `db` as its answer) */
    struct hh_extra db;
    const char *check;          /* the check looked at */
    int fires;                  /* how many results of it */
    int member;                 /* the first result's member_index */
    const char *message;        /* the first result's message ("" = not compared) */
};

#define KNOWN(ex, aid) { 1, ex, aid }
static const struct icase CASES[] = {
    { "dibao 0", dibao_nothing, 0, {0}, "INSP_DIBAO_NO_PAY", 1, -1,
      "贫困户属性 为 低保贫困户, 但 低保金 为 0.00 元: 低保贫困户应有低保金收入, 请核对贫困户属性或补录低保金" },
    { "dibao 0.01", dibao_one_fen, 0, {0}, "INSP_DIBAO_NO_PAY", 0, 0, "" },
    { "dibao identifying", dibao_identifying, 0, {0}, "INSP_DIBAO_NO_PAY", 0, 0, "" },
    { "dibao declared only", dibao_no_parts, 0, {0}, "INSP_DIBAO_NO_PAY", 0, 0, "" },
    { "med_ins", spouse_uninsured, 0, {0}, "INSP_NO_MED_INS", 1, 1,
      "第2名成员「李四」 未参加城乡居民基本医疗保险: 贫困人口应全部参保 (基本医疗有保障), 请核对" },
    { "med_ins exited", uninsured_exited, 0, {0}, "INSP_NO_MED_INS", 1, 1, "" },
    { "med_ins soldier", spouse_soldier, 0, {0}, "INSP_NO_MED_INS", 0, 0, "" },
    { "med_ins applicant", uninsured_applicant, 0, {0}, "INSP_NO_MED_INS", 0, 0, "" },
    { "house D with aid", house_d, 1, KNOWN(0, 1), "INSP_DANGER_HOUSE", 1, -1,
      "在册户 住房是否危房 为 是 (危房等级 D级): D级危房须拆除重建, 住房安全有保障 未落实" },
    { "house C with aid", house_c, 1, KNOWN(0, 1), "INSP_DANGER_HOUSE", 0, 0, "" },
    { "house C no aid", house_c, 1, KNOWN(0, 0), "INSP_DANGER_HOUSE", 1, -1,
      "在册户 住房是否危房 为 是 (危房等级 C级): 帮扶记录卡和项目中没有 危房改造/住房保障, 住房安全有保障 未落实" },
    { "house C unknown", house_c, 0, {0}, "INSP_DANGER_HOUSE", 0, 0, "" },
    { "house D no db", house_d, 0, {0}, "INSP_DANGER_HOUSE", 1, -1, "" },
    { "house D exited this year", house_d_exited, 1, KNOWN(1, 0), "INSP_DANGER_HOUSE", 1, -1,
      "退出户 住房是否危房 为 是 (危房等级 D级): D级危房须拆除重建, 住房安全有保障 未落实" },
    { "house D exited before", house_d_exited, 1, KNOWN(0, 0), "INSP_DANGER_HOUSE", 0, 0, "" },
    { "house D identifying", house_d_identifying, 1, KNOWN(0, 0), "INSP_DANGER_HOUSE", 0, 0, "" },
    { "house B box unticked", house_b_not_danger, 1, KNOWN(0, 0), "INSP_DANGER_HOUSE", 0, 0, "" },
    { "no labour", no_labour, 0, {0}, "INSP_GENERAL_NO_LABOUR", 1, -1,
      "家庭成员 3 人均为 丧失劳动力 或 无劳动力, 贫困户属性 却为 一般贫困户: 请核对是否应纳入 低保 或 特困供养 (兜底保障)" },
    { "half labour", one_half_labour, 0, {0}, "INSP_GENERAL_NO_LABOUR", 0, 0, "" },
    { "no labour dibao", no_labour_dibao, 0, {0}, "INSP_GENERAL_NO_LABOUR", 0, 0, "" },
    { "no labour unknown", no_labour_skill_unknown, 0, {0}, "INSP_GENERAL_NO_LABOUR", 0, 0, "" },
    { "exit dropout 15", exiting_dropout_15, 0, {0}, "INSP_EXIT_DROPOUT", 1, 2,
      "第3名成员「张小明」 现年 15 岁, 属义务教育年龄 (6–15 岁), 在校生状况 为 非在校生: 退出户须 义务教育有保障 (控辍保学), 请核对" },
    { "exit dropout 16", exiting_dropout_16, 0, {0}, "INSP_EXIT_DROPOUT", 0, 0, "" },
    { "exited this year", exited_dropout, 1, KNOWN(1, 0), "INSP_EXIT_DROPOUT", 1, 2, "" },
    { "exited before", exited_dropout, 1, KNOWN(0, 0), "INSP_EXIT_DROPOUT", 0, 0, "" },
    { "exited no db", exited_dropout, 0, {0}, "INSP_EXIT_DROPOUT", 0, 0, "" },
    { "registered dropout", registered_dropout, 1, KNOWN(0, 0), "INSP_EXIT_DROPOUT", 0, 0, "" },
    { "tekun able", tekun_able, 0, {0}, "INSP_TEKUN_ABLE", 2, 0,
      "贫困户属性 为 特困供养贫困户, 但 第1名成员「张三」 现年 55 岁, 劳动技能 为 普通劳动力: 特困供养对象应无劳动能力, 请核对" },
    { "tekun head able", tekun_head_only, 0, {0}, "INSP_TEKUN_ABLE", 1, 0, "" },
    { "tekun weak", tekun_weak, 0, {0}, "INSP_TEKUN_ABLE", 0, 0, "" },
};

static size_t count(const struct check_result *rs, size_t n, const char *id, size_t *first)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(rs[i].def->id, id) == 0 && c++ == 0)
            *first = i;
    return c;
}

TEST(inspect_planted_cases)
{
    static struct household hh;
    static struct check_result rs[64];
    for (size_t k = 0; k < sizeof CASES / sizeof *CASES; k++) {
        const struct icase *c = &CASES[k];
        struct check_ctx cc;
        checks_ctx_init(&cc);
        snprintf(cc.today, sizeof cc.today, "2026-11-23");
        if (c->with_db) {
            cc.hh_extra = fake_extra;
            extra = c->db;
        }
        base(&hh);
        c->make(&hh);
        size_t n = checks_run_household(&cc, &hh, rs, 64), first = 0;
        size_t got = count(rs, n, c->check, &first);
        char what[160];
        snprintf(what, sizeof what, "case「%s」: %s fires %d time(s)", c->name, c->check, c->fires);
        if (!t_check(got == (size_t)c->fires, what, __FILE__, __LINE__))
            for (size_t i = 0; i < n; i++)
                fprintf(stderr, "    [%s] %s\n", rs[i].def->id, rs[i].message);
        if (got && c->fires) {
            CHECK_INT(rs[first].member_index, c->member);
            CHECK_INT(rs[first].def->level, CHECK_WARNING);
            if (c->message[0])
                CHECK_STR(rs[first].message, c->message);
        }
    }
}

/* The base household raises nothing at all, with and without the database. */
TEST(inspect_base_is_clean)
{
    static struct household hh;
    static struct check_result rs[64];
    struct check_ctx cc;
    checks_ctx_init(&cc);
    snprintf(cc.today, sizeof cc.today, "2026-11-23");
    base(&hh);
    CHECK_INT(checks_run_household(&cc, &hh, rs, 64), 0);
    cc.hh_extra = fake_extra;
    extra = (struct hh_extra){ 1, 0, 0 };
    extra_calls = 0;
    CHECK_INT(checks_run_household(&cc, &hh, rs, 64), 0);
    CHECK_INT(extra_calls, 1);              /* asked once per household, not per check */
    /* The callback failing (another year here) is "not known": C级 without aid passes. */
    cc.year = 2025;
    house_c(&hh);
    CHECK_INT(checks_run_household(&cc, &hh, rs, 64), 0);
}

/* 帮扶责任人 without a visit this year (CS_ASSIST). */
TEST(inspect_helper_visit)
{
    static const struct {
        int state, has_helper, waived, year;
        const char *last;
        int fires;
        const char *message;
    } cases[] = {
        { WF_REGISTERED, 1, 0, 0, "2025-12-31", 1, "帮扶责任人 王帮 2026年 尚无走访记录 (最近一次 2025-12-31)" },
        { WF_REGISTERED, 1, 0, 0, "2026-01-01", 0, "" },
        { WF_REGISTERED, 1, 0, 0, "", 1, "帮扶责任人 王帮 2026年 尚无走访记录 (帮扶记录卡 中没有该责任人的记录)" },
        { WF_EXIT_NOTICE2, 1, 0, 0, "2025-06-01", 1, "" },
        { WF_REGISTERED, 1, 0, 2025, "2025-12-31", 0, "" },     /* fupin check --year 2025 */
        { WF_REGISTERED, 1, 1, 0, "", 0, "" },                  /* 放弃帮扶 */
        { WF_REGISTERED, 0, 0, 0, "", 0, "" },                  /* HH_NO_HELPER says it */
        { WF_EXITED, 1, 0, 0, "", 0, "" },
        { WF_NOTICE3, 1, 0, 0, "", 0, "" },
    };
    static struct check_result rs[8];
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        struct check_ctx cc;
        checks_ctx_init(&cc);
        snprintf(cc.today, sizeof cc.today, "2026-11-23");
        cc.year = cases[k].year;
        struct assist_facts af = { .state = cases[k].state, .has_helper = cases[k].has_helper,
                                   .waived = cases[k].waived };
        snprintf(af.helper_name, sizeof af.helper_name, "王帮");
        snprintf(af.last_visit, sizeof af.last_visit, "%s", cases[k].last);
        size_t n = checks_run_assist(&cc, &af, rs, 8), first = 0;
        char what[96];
        snprintf(what, sizeof what, "helper case %zu fires %d", k, cases[k].fires);
        t_check(count(rs, n, "HELPER_NO_VISIT", &first) == (size_t)cases[k].fires, what, __FILE__, __LINE__);
        if (cases[k].fires && cases[k].message[0] && n)
            CHECK_STR(rs[first].message, cases[k].message);
    }
}

TEST(inspect_code_positions)
{
    CHECK_INT(codes_by_label(CL_HH_TYPE, "低保贫困户"), HT_DIBAO);
    CHECK_INT(codes_by_label(CL_HH_TYPE, "特困供养贫困户"), HT_TEKUN);
    CHECK_INT(codes_by_label(CL_SKILL, "丧失劳动力"), SK_LOST);
    CHECK_INT(codes_by_label(CL_SKILL, "无劳动力"), SK_NONE);
    CHECK_INT(codes_by_label(CL_SKILL, "弱劳动力或半劳动力"), SK_WEAK);
    CHECK_INT(codes_by_label(CL_MEASURE, "危房改造/住房保障"), 6);     /* db/assist.c MEASURE_HOUSING */
}
