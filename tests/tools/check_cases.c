/* check_cases.c — the trigger cases of tests/tools/check_cases.h.
 *
 * ID numbers were computed with GB 11643 MOD 11-2 by an independent python3
 * one-liner (see tests/unit/test_checks.c); the unit test checks the base
 * household raises nothing, so a wrong digit here fails there. */
#include "tests/tools/check_cases.h"
#include <stdio.h>
#include <string.h>
#include "core/codes.h"
#include "core/workflow.h"

#define ID_HEAD     "450123198503021234"   /* 覃明 1985-03-02 male */
#define ID_SPOUSE   "450123198706150028"   /* 黄丽 1987-06-15 female */
#define ID_SON      "450123201209010037"   /* 覃小军 2012-09-01 male: 14 at the survey */
#define ID_SON_1980 "450123198001010017"   /* 1980-01-01 male: older than the head */
#define ID_F2008    "450123200801100029"   /* 2008-01-10 female: 18 at the survey */
#define ID_M1990    "450123199005050010"   /* 1990-05-05 male: younger than the head */

/* Code positions of core/codes.c without named constants. */
enum { ZHUANG = 8, MASSES = 3, ED_JUNIOR = 3, SK_COMMON = 1, SK_LOST = 4, SK_NONE = 5,
       WORK_NONE = 1, CAUSE_NO_MONEY = 9, HH_GENERAL = 1, HH_DIBAO = 2, HH_TEKUN = 3 };

#define SET(buf, text) snprintf((buf), sizeof(buf), "%s", (text))

static void set_member(struct member *m, const char *name, const char *id, int sex,
                       const char *birth, int relation)
{
    memset(m, 0, sizeof *m);
    SET(m->name, name);
    SET(m->id_no, id);
    m->sex = sex;
    SET(m->birth, birth);
    m->relation = relation;
    m->ethnic = ZHUANG;
    m->political = MASSES;
    m->education = ED_JUNIOR;
    m->schooling = SCHOOL_NONE;
    m->health = HEALTH_OK;
    m->skill = SK_COMMON;
    m->work = WORK_NONE;
    m->med_ins = m->serious_ins = m->pension_ins = 1;
}

/* 覃明's family: three members, 缺资金, 666.67 元 a head (the line is 2300). */
void check_case_base(char form, struct household *hh)
{
    memset(hh, 0, sizeof *hh);
    SET(hh->village, CASE_VILLAGE);
    SET(hh->group_name, "那况屯");
    SET(hh->phone, "13907711234");
    hh->state = WF_APPLIED;
    hh->n_members = 3;
    set_member(&hh->members[0], "覃明", ID_HEAD, SEX_MALE, "1985-03-02", REL_HEAD);
    set_member(&hh->members[1], "黄丽", ID_SPOUSE, SEX_FEMALE, "1987-06-15", REL_SPOUSE);
    set_member(&hh->members[2], "覃小军", ID_SON, SEX_MALE, "2012-09-01", REL_SON);
    hh->members[2].education = ED_JUNIOR;
    hh->members[2].schooling = SCHOOL_JUNIOR;
    hh->members[2].skill = SK_NONE;

    struct application *a = &hh->app;
    a->year = 2026;
    a->main_cause = CAUSE_NO_MONEY;
    SET(a->reason, "缺少发展资金");
    SET(a->apply_date, "2026-11-20");
    SET(a->accepted_by, "李文");
    SET(a->accept_date, "2026-11-20");
    a->signed_by_applicant = 1;
    if (form == 'A') {          /* the application knows the head only */
        hh->n_members = 1;
        memset(&hh->members[1], 0, sizeof hh->members[1]);
        memset(&hh->members[2], 0, sizeof hh->members[2]);
        return;
    }
    struct survey *s = &hh->survey;
    s->year = 2026;
    s->standard = STD_NATIONAL;
    s->hh_type = HH_GENERAL;
    s->main_cause = CAUSE_NO_MONEY;
    s->power_production = s->power_living = s->water_safe = 1;
    s->wage_income = 200000;
    s->business_income = 50000;
    s->business_cost = 50000;           /* net 2000.00 元, 666.67 a head */
    SET(s->surveyor1, "黄伟");
    SET(s->surveyor2, "蒙丽");
    SET(s->survey_date, "2026-11-21");
    s->signed_household = s->signed_cadre = s->signed_surveyor = 1;
}

/* ---- what goes wrong ------------------------------------------------------- */

static struct member *head(struct household *hh) { return &hh->members[0]; }
static struct member *spouse(struct household *hh) { return &hh->members[1]; }
static struct member *son(struct household *hh) { return &hh->members[2]; }

/* Every member deleted from the roster (the array keeps the old rows). */
static void no_members(struct household *hh) { hh->n_members = 0; }
static void head_unnamed(struct household *hh) { SET(head(hh)->name, ""); }
static void son_unnamed(struct household *hh) { SET(son(hh)->name, ""); }
static void head_name_long(struct household *hh)
{
    SET(head(hh)->name, "阿卜杜热合曼·买买提艾力·阿不都热依木·艾尼瓦尔江·吐尔逊·覃明");
}
/* Pasted from a spreadsheet cell with a line break in it. */
static void head_name_newline(struct household *hh) { SET(head(hh)->name, "覃\n明"); }
static void head_name_emoji(struct household *hh) { SET(head(hh)->name, "覃明\xF0\x9F\x98\x80"); }
static void head_id_empty(struct household *hh) { SET(head(hh)->id_no, ""); }
static void head_id_17(struct household *hh) { SET(head(hh)->id_no, "45012319850302123"); }
static void head_id_feb30(struct household *hh) { SET(head(hh)->id_no, "450123198502301234"); }
static void head_id_check(struct household *hh) { SET(head(hh)->id_no, "450123198503021235"); }
static void head_id_15(struct household *hh) { SET(head(hh)->id_no, "450123850302123"); }
static void head_sex_wrong(struct household *hh) { head(hh)->sex = SEX_FEMALE; }
static void spouse_sex_wrong(struct household *hh) { spouse(hh)->sex = SEX_MALE; }
static void head_birth_wrong(struct household *hh) { SET(head(hh)->birth, "1985-03-12"); }
/* 黄丽 keyed twice. */
static void spouse_twice(struct household *hh)
{
    hh->members[3] = *spouse(hh);
    hh->members[3].id = 0;
    hh->n_members = 4;
}
static void head_no_relation(struct household *hh) { head(hh)->relation = 0; }
static void son_no_relation(struct household *hh) { son(hh)->relation = 0; }
static void two_heads(struct household *hh) { spouse(hh)->relation = REL_HEAD; }
static void head_second(struct household *hh)
{
    struct member t = *head(hh);
    *head(hh) = *spouse(hh);
    *spouse(hh) = t;
}
/* The boy alone: his parents died. */
static void head_a_boy(struct household *hh)
{
    *head(hh) = *son(hh);
    head(hh)->relation = REL_HEAD;
    hh->n_members = 1;
}
static void son_born_1980(struct household *hh)
{
    set_member(son(hh), "覃大军", ID_SON_1980, SEX_MALE, "1980-01-01", REL_SON);
}
static void spouse_18(struct household *hh)
{
    SET(spouse(hh)->id_no, ID_F2008);
    SET(spouse(hh)->birth, "2008-01-10");
}
static void father_1990(struct household *hh)
{
    set_member(&hh->members[3], "覃父", ID_M1990, SEX_MALE, "1990-05-05", REL_PARENT);
    hh->n_members = 4;
}
static void spouse_in_primary(struct household *hh) { spouse(hh)->schooling = SCHOOL_PRIMARY; }
static void son_not_at_school(struct household *hh) { son(hh)->schooling = SCHOOL_NONE; }
static void son_labourer(struct household *hh) { son(hh)->skill = SK_COMMON; }
static void spouse_disabled(struct household *hh) { spouse(hh)->health = HEALTH_DISABLED; }
static void cause_school_no_student(struct household *hh)
{
    hh->survey.main_cause = CAUSE_SCHOOLING;
    hh->n_members = 2;
}
static void cause_disabled(struct household *hh) { hh->survey.main_cause = CAUSE_DISABILITY; }
static void cause_ill(struct household *hh) { hh->survey.main_cause = CAUSE_ILLNESS; }
static void wage_negative(struct household *hh) { hh->survey.wage_income = -50000; }
static void business_2yi(struct household *hh) { hh->survey.business_income = 20000000000; }
static void cost_above_income(struct household *hh) { hh->survey.business_cost = 500000; }
static void wage_high(struct household *hh) { hh->survey.wage_income = 2000000; }
/* Imported with 年人均纯收入 only, and that negative. */
static void declared_negative(struct household *hh)
{
    hh->survey.wage_income = hh->survey.business_income = hh->survey.business_cost = 0;
    hh->survey.declared_per_capita = -50000;
}
static void car_ticked(struct household *hh) { hh->survey.exclusion[2] = 1; }
static void car_ticked_noticed(struct household *hh)
{
    hh->survey.exclusion[2] = 1;
    hh->state = WF_NOTICE1;
}
static void applied_tomorrow(struct household *hh) { SET(hh->app.apply_date, "2026-12-01"); }
static void surveyed_next_month(struct household *hh) { SET(hh->survey.survey_date, "2026-12-01"); }
/* 覃明 is already in another household. */
static void other_with_head(struct household *hh) { check_case_base('B', hh); }

/* What inspections find on a 贫困户 (core/checks_inspect.c): the household
 * is on the register or on its way out. */
static void registered_dibao_nothing(struct household *hh)
{
    hh->state = WF_REGISTERED;
    hh->survey.hh_type = HH_DIBAO;
}
static void registered_spouse_uninsured(struct household *hh)
{
    hh->state = WF_REGISTERED;
    spouse(hh)->med_ins = 0;
}
static void registered_house_d(struct household *hh)
{
    hh->state = WF_REGISTERED;
    hh->survey.dangerous_house = 1;
    hh->survey.danger_grade = DANGER_D;
}
static void registered_no_labour(struct household *hh)
{
    hh->state = WF_REGISTERED;
    head(hh)->skill = SK_LOST;        /* 无劳动力 of working age and healthy is SKILL_AGE */
    spouse(hh)->skill = SK_LOST;
}
static void exiting_son_not_at_school(struct household *hh)
{
    hh->state = WF_EXIT_APPRAISED;
    son(hh)->schooling = SCHOOL_NONE;
}
static void registered_tekun_head_able(struct household *hh)
{
    hh->state = WF_REGISTERED;
    hh->survey.hh_type = HH_TEKUN;
    spouse(hh)->skill = SK_LOST;
}

/* ---- the table --------------------------------------------------------------- */

#define ERR(name, id, form, also, member, at, make) \
    { name, id, form, EXPECT_ERRORS, also, member, at, make, NULL }
#define WARN(name, id, form, also, make) \
    { name, id, form, EXPECT_WARNING, also, 0, NULL, make, NULL }

const struct check_case CHECK_CASES[] = {
    ERR("HH_MEMBER_COUNT:B", "HH_MEMBER_COUNT", 'B', "", 0, "成员表", no_members),
    ERR("NAME_EMPTY:A", "NAME_EMPTY", 'A', "", 0, "户主姓名", head_unnamed),
    ERR("NAME_EMPTY:B", "NAME_EMPTY", 'B', "", 3, "姓名", son_unnamed),
    ERR("NAME_TOO_LONG:A", "NAME_TOO_LONG", 'A', "", 0, "户主姓名", head_name_long),
    ERR("NAME_BAD_CHARS:A", "NAME_BAD_CHARS", 'A', "", 0, "户主姓名", head_name_newline),
    WARN("NAME_SYMBOL:A", "NAME_SYMBOL", 'A', "", head_name_emoji),
    ERR("ID_EMPTY:A", "ID_EMPTY", 'A', "", 0, "户主身份证号", head_id_empty),
    ERR("ID_FORMAT:A", "ID_FORMAT", 'A', "", 0, "户主身份证号", head_id_17),
    ERR("ID_DATE:A", "ID_DATE", 'A', "", 0, "户主身份证号", head_id_feb30),
    ERR("ID_CHECKSUM:A", "ID_CHECKSUM", 'A', "", 0, "户主身份证号", head_id_check),
    WARN("ID_LEGACY:A", "ID_LEGACY", 'A', "", head_id_15),
    /* Form A has no 性别: the ID number it comes from. */
    ERR("ID_SEX:A", "ID_SEX", 'A', "", 0, "户主身份证号", head_sex_wrong),
    ERR("ID_SEX:B", "ID_SEX", 'B', "", 2, "性别", spouse_sex_wrong),
    ERR("ID_BIRTH:A", "ID_BIRTH", 'A', "", 0, "户主身份证号", head_birth_wrong),
    ERR("ID_DUP_IN_HH:B", "ID_DUP_IN_HH", 'B', "", 4, "身份证号", spouse_twice),
    { "ID_DUP_OTHER_HH:A", "ID_DUP_OTHER_HH", 'A', EXPECT_ERRORS, "", 0, "户主身份证号",
      NULL, other_with_head },
    /* Form A has no 与户主关系: the head's first field. */
    ERR("RELATION_EMPTY:A", "RELATION_EMPTY", 'A', "HEAD_COUNT", 0, "户主姓名", head_no_relation),
    ERR("RELATION_EMPTY:B", "RELATION_EMPTY", 'B', "", 3, "与户主关系", son_no_relation),
    ERR("HEAD_COUNT:B", "HEAD_COUNT", 'B', "", 2, "与户主关系", two_heads),
    /* The form keeps the 户主 first (fv_head_first) before it checks. */
    { "HEAD_FIRST:B", "HEAD_FIRST", 'B', EXPECT_SAVED, "", 0, NULL, head_second, NULL },
    WARN("HEAD_UNDER_16:B", "HEAD_UNDER_16", 'B', "", head_a_boy),
    WARN("CHILD_OLDER:B", "CHILD_OLDER", 'B', "", son_born_1980),
    WARN("SPOUSE_YOUNG:B", "SPOUSE_YOUNG", 'B', "", spouse_18),
    WARN("PARENT_YOUNGER:B", "PARENT_YOUNGER", 'B', "", father_1990),
    WARN("SCHOOL_AGE:B", "SCHOOL_AGE", 'B', "", spouse_in_primary),
    WARN("SCHOOL_DROPOUT:B", "SCHOOL_DROPOUT", 'B', "", son_not_at_school),
    WARN("SKILL_AGE:B", "SKILL_AGE", 'B', "", son_labourer),
    WARN("DISABILITY_NO:B", "DISABILITY_NO", 'B', "", spouse_disabled),
    WARN("CAUSE_SCHOOL:B", "CAUSE_SCHOOL", 'B', "", cause_school_no_student),
    WARN("CAUSE_DISABLED:B", "CAUSE_DISABLED", 'B', "", cause_disabled),
    WARN("CAUSE_ILLNESS:B", "CAUSE_ILLNESS", 'B', "", cause_ill),
    ERR("INCOME_NEGATIVE:B", "INCOME_NEGATIVE", 'B', "", 0, "工资性收入", wage_negative),
    ERR("INCOME_RANGE:B", "INCOME_RANGE", 'B', "", 0, "生产经营性收入", business_2yi),
    WARN("NET_NEGATIVE:B", "NET_NEGATIVE", 'B', "", cost_above_income),
    WARN("ABOVE_LINE:B", "ABOVE_LINE", 'B', "", wage_high),
    WARN("DECLARED_NEGATIVE:B", "DECLARED_NEGATIVE", 'B', "", declared_negative),
    ERR("EXCLUSION_ADVANCING:B", "EXCLUSION_ADVANCING", 'B', "", 0, "七不进特批理由",
        car_ticked_noticed),
    WARN("EXCLUSION_TICKED:B", "EXCLUSION_TICKED", 'B', "", car_ticked),
    WARN("INSP_DIBAO_NO_PAY:B", "INSP_DIBAO_NO_PAY", 'B', "", registered_dibao_nothing),
    WARN("INSP_NO_MED_INS:B", "INSP_NO_MED_INS", 'B', "", registered_spouse_uninsured),
    WARN("INSP_DANGER_HOUSE:B", "INSP_DANGER_HOUSE", 'B', "", registered_house_d),
    WARN("INSP_GENERAL_NO_LABOUR:B", "INSP_GENERAL_NO_LABOUR", 'B', "", registered_no_labour),
    WARN("INSP_EXIT_DROPOUT:B", "INSP_EXIT_DROPOUT", 'B', "SCHOOL_DROPOUT", exiting_son_not_at_school),
    WARN("INSP_TEKUN_ABLE:B", "INSP_TEKUN_ABLE", 'B', "", registered_tekun_head_able),
    ERR("HH_DATE:A", "HH_DATE", 'A', "", 0, "申请日期", applied_tomorrow),
    ERR("HH_DATE:B", "HH_DATE", 'B', "", 0, "调查日期", surveyed_next_month),
};
const size_t N_CHECK_CASES = sizeof CHECK_CASES / sizeof CHECK_CASES[0];

const struct check_case *check_case_find(const char *name)
{
    for (size_t i = 0; i < N_CHECK_CASES; i++)
        if (strcmp(CHECK_CASES[i].name, name) == 0)
            return &CHECK_CASES[i];
    return NULL;
}

const struct form *check_case_form(const struct check_case *c)
{
    return c->form == 'A' ? &FORM_APPLICATION : &FORM_SURVEY;
}
