/* household_forms.c — Form A (申请书), Form B (入户调查表) and the members
 * roster, field by field in the order of the paper forms (SPEC §4). */
#include "forms/form.h"
#include "forms/derived.h"
#include <stddef.h>

#define SIZE_OF(type, m) sizeof(((type *)0)->m)
/* A field of the household record (tables households/applications/surveys). */
#define HF(key, label, type, tbl, m, width, list, flags) \
    { key, label, type, tbl, offsetof(struct household, m), \
      SIZE_OF(struct household, m), width, list, flags, NULL, NULL }
#define AP(key, label, type, m, width, list, flags) \
    HF(key, label, type, T_APPLICATION, app.m, width, list, flags)
#define SV(key, label, type, m, width, list, flags) \
    HF(key, label, type, T_SURVEY, survey.m, width, list, flags)
/* A value computed for display only. */
#define DV(key, label, width, fn) \
    { key, label, FT_TEXT, T_DERIVED, 0, 0, width, CL_NONE, F_READONLY, NULL, fn }
/* A column of the members roster. */
#define MF(key, label, type, m, width, list, flags) \
    { key, label, type, T_MEMBER, offsetof(struct member, m), \
      SIZE_OF(struct member, m), width, list, flags, NULL, NULL }

/* ---- Form A 农村扶贫对象家庭申请书 ---------------------------------------- */
static const struct field application_fields[] = {
    AP("year",          "申请年度",     FT_INT,  year,          4, CL_NONE, F_REQUIRED),
    HF("village",       "村",           FT_AREA, T_HOUSEHOLD, village, 12, CL_NONE, F_REQUIRED),
    HF("group_name",    "村民小组",     FT_TEXT, T_HOUSEHOLD, group_name, 16, CL_NONE, 0),
    HF("head_name",     "户主姓名",     FT_TEXT, T_HEAD, members[0].name, 20, CL_NONE, F_REQUIRED),
    HF("head_id_no",    "户主身份证号", FT_IDNO, T_HEAD, members[0].id_no, 18, CL_NONE, F_REQUIRED),
    HF("phone",         "联系电话",     FT_PHONE, T_HOUSEHOLD, phone, 13, CL_NONE, 0),
    DV("family_size",   "家庭人口",     4, derive_family_size),
    AP("main_cause",    "主要致贫原因", FT_CODE, main_cause,    12, CL_CAUSE, F_REQUIRED),
    AP("other_cause1",  "其他致贫原因1", FT_CODE, other_cause1, 12, CL_CAUSE, 0),
    AP("other_cause2",  "其他致贫原因2", FT_CODE, other_cause2, 12, CL_CAUSE, 0),
    AP("reason",        "申请理由说明", FT_TEXT, reason,        40, CL_NONE, 0),
    AP("apply_date",    "申请日期",     FT_DATE, apply_date,    10, CL_NONE, F_REQUIRED),
    AP("accepted_by",   "受理人",       FT_TEXT, accepted_by,   12, CL_NONE, 0),
    AP("accept_date",   "受理日期",     FT_DATE, accept_date,   10, CL_NONE, 0),
    AP("signed_by_applicant", "申请人已签字", FT_BOOL, signed_by_applicant, 2, CL_NONE, 0),
};

static const struct form_page application_pages[] = {
    { "申请书", application_fields, sizeof application_fields / sizeof *application_fields, 0 },
};

/* The application knows only the head of household and the reasons: checks
 * about members' health, schooling or income wait for the survey. */
static const char *const application_checks[] = {
    "HH_MEMBER_COUNT", "NAME_EMPTY", "NAME_TOO_LONG", "NAME_BAD_CHARS", "NAME_SYMBOL",
    "ID_EMPTY", "ID_FORMAT", "ID_DATE", "ID_CHECKSUM", "ID_LEGACY", "ID_SEX", "ID_BIRTH",
    "ID_DUP_IN_HH", "ID_DUP_OTHER_HH", "RELATION_EMPTY", "HEAD_COUNT", "HEAD_FIRST", "HH_DATE",
    NULL,
};

const struct form FORM_APPLICATION = {
    "application", "农村扶贫对象家庭申请书",
    application_pages, sizeof application_pages / sizeof *application_pages,
    application_checks,
};

/* ---- Form B 入户调查表 ---------------------------------------------------- */
static const struct field survey_basic[] = {
    DV("survey_year",   "调查年度",     4, derive_survey_year),
    HF("head_name",     "户主",         FT_TEXT, T_HEAD, members[0].name, 20, CL_NONE, F_REQUIRED),
    SV("standard",      "识别标准",     FT_CODE, standard,      10, CL_STANDARD, F_REQUIRED),
    SV("hh_type",       "贫困户属性",   FT_CODE, hh_type,       14, CL_HH_TYPE, F_REQUIRED),
    SV("main_cause",    "主要致贫原因", FT_CODE, main_cause,    12, CL_CAUSE, F_REQUIRED),
    SV("other_cause1",  "其他致贫原因1", FT_CODE, other_cause1, 12, CL_CAUSE, 0),
    SV("other_cause2",  "其他致贫原因2", FT_CODE, other_cause2, 12, CL_CAUSE, 0),
    SV("military_family", "是否军烈属", FT_BOOL, military_family, 2, CL_NONE, 0),
    SV("only_child",    "是否独生子女户", FT_BOOL, only_child,  2, CL_NONE, 0),
    SV("two_daughters", "是否双女户",   FT_BOOL, two_daughters, 2, CL_NONE, 0),
    SV("bank",          "开户银行",     FT_TEXT, bank,          24, CL_NONE, 0),
    SV("bank_account",  "银行账号",     FT_DIGITS, bank_account, 24, CL_NONE, 0),
    HF("phone",         "联系电话",     FT_PHONE, T_HOUSEHOLD, phone, 13, CL_NONE, 0),
};

const struct field MEMBER_FIELDS[] = {
    MF("name",          "姓名",         FT_TEXT, name,          16, CL_NONE, F_REQUIRED),
    MF("id_no",         "身份证号",     FT_IDNO, id_no,         18, CL_NONE, F_REQUIRED),
    MF("sex",           "性别",         FT_CODE, sex,            2, CL_SEX, F_REQUIRED),
    MF("relation",      "与户主关系",   FT_CODE, relation,       8, CL_RELATION, F_REQUIRED),
    MF("ethnic",        "民族",         FT_CODE, ethnic,         8, CL_ETHNIC, F_REQUIRED),
    MF("political",     "政治面貌",     FT_CODE, political,      8, CL_POLITICAL, 0),
    MF("education",     "文化程度",     FT_CODE, education,     12, CL_EDUCATION, F_REQUIRED),
    MF("schooling",     "在校生状况",   FT_CODE, schooling,     10, CL_SCHOOLING, F_REQUIRED),
    MF("health",        "健康状况",     FT_CODE, health,        10, CL_HEALTH, F_REQUIRED),
    MF("skill",         "劳动技能",     FT_CODE, skill,         16, CL_SKILL, F_REQUIRED),
    MF("work",          "务工状况",     FT_CODE, work,          14, CL_WORK, 0),
    MF("work_months",   "务工时间(月)", FT_INT,  work_months,    2, CL_NONE, 0),
    MF("med_ins",       "参加城乡居民基本医疗保险", FT_BOOL, med_ins, 2, CL_NONE, 0),
    MF("serious_ins",   "参加大病保险", FT_BOOL, serious_ins,    2, CL_NONE, 0),
    MF("pension_ins",   "参加城乡居民基本养老保险", FT_BOOL, pension_ins, 2, CL_NONE, 0),
    MF("soldier",       "是否现役军人", FT_BOOL, soldier,        2, CL_NONE, 0),
    MF("disability_no", "残疾证号",     FT_TEXT, disability_no, 22, CL_NONE, 0),
};
const size_t N_MEMBER_FIELDS = sizeof MEMBER_FIELDS / sizeof *MEMBER_FIELDS;

static const struct field survey_conditions[] = {
    SV("arable_area",   "耕地面积(亩)", FT_HUNDREDTHS, arable_area, 8, CL_NONE, 0),
    SV("irrigated_area", "有效灌溉面积(亩)", FT_HUNDREDTHS, irrigated_area, 8, CL_NONE, 0),
    SV("forest_area",   "林地面积(亩)", FT_HUNDREDTHS, forest_area, 8, CL_NONE, 0),
    SV("returned_forest_area", "退耕还林面积(亩)", FT_HUNDREDTHS, returned_forest_area, 8, CL_NONE, 0),
    SV("orchard_area",  "林果面积(亩)", FT_HUNDREDTHS, orchard_area, 8, CL_NONE, 0),
    SV("pasture_area",  "牧草地面积(亩)", FT_HUNDREDTHS, pasture_area, 8, CL_NONE, 0),
    SV("water_area",    "水面面积(亩)", FT_HUNDREDTHS, water_area, 8, CL_NONE, 0),
    SV("power_production", "通生产用电", FT_BOOL, power_production, 2, CL_NONE, 0),
    SV("power_living",  "通生活用电",   FT_BOOL, power_living,  2, CL_NONE, 0),
    SV("water_safe",    "饮水安全",     FT_BOOL, water_safe,    2, CL_NONE, 0),
    SV("water_hard",    "饮水困难",     FT_BOOL, water_hard,    2, CL_NONE, 0),
    SV("road_distance", "与村主干路距离(公里)", FT_HUNDREDTHS, road_distance, 6, CL_NONE, 0),
    SV("road_type",     "入户路类型",   FT_CODE, road_type,      8, CL_ROAD, 0),
    SV("house_area",    "住房面积(㎡)", FT_HUNDREDTHS, house_area, 8, CL_NONE, 0),
    SV("dangerous_house", "住房是否危房", FT_BOOL, dangerous_house, 2, CL_NONE, 0),
    SV("danger_grade",  "危房等级",     FT_CODE, danger_grade,   4, CL_DANGER, 0),
    SV("fuel",          "主要燃料类型", FT_CODE, fuel,          14, CL_FUEL, 0),
    SV("toilet",        "有无卫生厕所", FT_BOOL, toilet,         2, CL_NONE, 0),
    SV("cooperative",   "加入农民专业合作社", FT_BOOL, cooperative, 2, CL_NONE, 0),
};

static const struct field survey_income[] = {
    SV("wage_income",   "工资性收入",   FT_MONEY, wage_income,     12, CL_NONE, 0),
    SV("business_income", "生产经营性收入", FT_MONEY, business_income, 12, CL_NONE, 0),
    SV("property_income", "财产性收入", FT_MONEY, property_income, 12, CL_NONE, 0),
    SV("family_planning", "计划生育金", FT_MONEY, family_planning, 12, CL_NONE, 0),
    SV("dibao",         "低保金",       FT_MONEY, dibao,           12, CL_NONE, 0),
    SV("tekun",         "特困供养金",   FT_MONEY, tekun,           12, CL_NONE, 0),
    SV("pension",       "养老保险金",   FT_MONEY, pension,         12, CL_NONE, 0),
    SV("eco_comp",      "生态补偿金",   FT_MONEY, eco_comp,        12, CL_NONE, 0),
    SV("other_transfer", "其他转移性收入", FT_MONEY, other_transfer, 12, CL_NONE, 0),
    SV("business_cost", "生产经营性支出", FT_MONEY, business_cost, 12, CL_NONE, 0),
    /* Shown, not keyed: only an import of a sheet without the parts sets it. */
    SV("declared_per_capita", "申报年人均纯收入", FT_MONEY, declared_per_capita, 12, CL_NONE, F_READONLY),
    DV("transfer_income", "转移性收入", 12, derive_transfer_income),
    DV("net_income",    "家庭年纯收入", 12, derive_net_income),
    DV("per_capita",    "年人均纯收入", 30, derive_per_capita),
};

static const struct field survey_check[] = {
    SV("look_house",    "一看房",       FT_TEXT, look_house,    30, CL_NONE, 0),
    SV("look_grain",    "二看粮",       FT_TEXT, look_grain,    30, CL_NONE, 0),
    SV("look_labour",   "三看劳力强不强", FT_TEXT, look_labour, 30, CL_NONE, 0),
    SV("look_student",  "四看家中有没有读书郎", FT_TEXT, look_student, 30, CL_NONE, 0),
    SV("priority1",     "五保/低保户优先",     FT_BOOL, priority[0], 2, CL_NONE, 0),
    SV("priority2",     "无房/危房户优先",     FT_BOOL, priority[1], 2, CL_NONE, 0),
    SV("priority3",     "重大疾病/残疾户优先", FT_BOOL, priority[2], 2, CL_NONE, 0),
    SV("priority4",     "因病/因灾返贫户优先", FT_BOOL, priority[3], 2, CL_NONE, 0),
    SV("priority5",     "因教/因老致贫户优先", FT_BOOL, priority[4], 2, CL_NONE, 0),
    SV("exclusion1",    "近三年新建80㎡以上住房或城镇购房", FT_BOOL, exclusion[0], 2, CL_NONE, 0),
    SV("exclusion2",    "子女有赡养能力不履行赡养义务", FT_BOOL, exclusion[1], 2, CL_NONE, 0),
    SV("exclusion3",    "拥有小汽车或大型农机具", FT_BOOL, exclusion[2], 2, CL_NONE, 0),
    SV("exclusion4",    "直系亲属有财政供养人员", FT_BOOL, exclusion[3], 2, CL_NONE, 0),
    SV("exclusion5",    "长期雇佣他人", FT_BOOL, exclusion[4], 2, CL_NONE, 0),
    SV("exclusion6",    "对举报质疑不能合理解释", FT_BOOL, exclusion[5], 2, CL_NONE, 0),
    SV("exclusion7",    "有劳动能力但好吃懒做/赌博/吸毒致贫", FT_BOOL, exclusion[6], 2, CL_NONE, 0),
    SV("exclusion_override", "七不进特批理由", FT_TEXT, exclusion_override, 40, CL_NONE, 0),
    SV("surveyor1",     "调查人员1",    FT_TEXT, surveyor1,     12, CL_NONE, F_REQUIRED),
    SV("surveyor2",     "调查人员2",    FT_TEXT, surveyor2,     12, CL_NONE, F_REQUIRED),
    SV("survey_date",   "调查日期",     FT_DATE, survey_date,   10, CL_NONE, F_REQUIRED),
    SV("signed_household", "农户签字",  FT_BOOL, signed_household, 2, CL_NONE, 0),
    SV("signed_cadre",  "村干部签字",   FT_BOOL, signed_cadre,  2, CL_NONE, 0),
    SV("signed_surveyor", "调查人签字", FT_BOOL, signed_surveyor, 2, CL_NONE, 0),
};

#define PAGE(title, fields, roster) { title, fields, sizeof fields / sizeof *fields, roster }
static const struct form_page survey_pages[] = {
    PAGE("家庭基本情况", survey_basic, 0),
    { "家庭成员", MEMBER_FIELDS, sizeof MEMBER_FIELDS / sizeof *MEMBER_FIELDS, 1 },
    PAGE("生产生活条件", survey_conditions, 0),
    PAGE("收入", survey_income, 0),
    PAGE("核查", survey_check, 0),
};

const struct form FORM_SURVEY = {
    "survey", "入户调查表",
    survey_pages, sizeof survey_pages / sizeof *survey_pages,
    NULL,
};
