/* demo_survey.c — a demo household's survey (入户调查, see demo.h,
 * demo_priv.h): standard, 户类型, conditions, causes that the members bear
 * out, an income split into its parts against the line, the surveyors' notes
 * and the priority flags; and the reason text the application takes from the
 * main cause. */
#include "core/demo_priv.h"
#include "core/income.h"
#include "core/workflow.h"

static int is_turned_down(int s)
{
    return s == WF_REJECTED || s == WF_REMOVAL_NOTICE || s == WF_REMOVED;
}

static int64_t line_for(const struct demo_area *a, int year, int standard, enum line_kind kind)
{
    int64_t fixed = kind == LINE_POVERTY ? a->poverty_line : a->exit_line;
    if (fixed > 0)
        return fixed;
    size_t n;
    const struct line *lines = lines_seeded(&n);
    money_t amount;
    if (lines && lines_lookup(lines, n, year, standard, kind, &amount) && amount > 0)
        return amount;
    if (lines && lines_lookup(lines, n, year, STD_NATIONAL, kind, &amount) && amount > 0)
        return amount;
    return kind == LINE_POVERTY ? 230000 : 906000;   /* SPEC §5.3 */
}

static void pick_causes(struct demo_rng *r, const struct household *hh, int *main_cause,
                        int *other1, int *other2)
{
    int w[N_CAUSES + 1] = { 0 };
    int sick = 0, disabled = 0, students = 0, higher = 0, labour = 0;
    for (int i = 0; i < hh->n_members; i++) {
        const struct member *m = &hh->members[i];
        sick += m->health == HEALTH_CHRONIC || m->health == HEALTH_SERIOUS;
        disabled += m->health == HEALTH_DISABLED;
        students += m->schooling >= SCHOOL_PRIMARY;
        higher += m->schooling >= SCHOOL_SENIOR;
        labour += m->skill == SKILL_NORMAL || m->skill == SKILL_SKILLED;
    }
    const struct survey *s = &hh->survey;
    /* Only causes the members bear out (SPEC §5.4: 因病/因残/因学 need a
     * sick/disabled/student member). */
    w[CAUSE_ILLNESS] = sick ? 300 : 0;
    w[CAUSE_DISABILITY] = disabled ? 250 : 0;
    w[CAUSE_SCHOOLING] = students ? (higher ? 250 : 120) : 0;
    w[CAUSE_DISASTER] = 40;
    w[CAUSE_LAND] = s->arable_area < 80 * hh->n_members ? 90 : 20;
    w[CAUSE_WATER] = s->water_safe ? 0 : 60;
    w[CAUSE_TECH] = 200;
    w[CAUSE_LABOUR] = labour <= 1 ? 250 : 30;
    w[CAUSE_FUNDS] = 200;
    w[CAUSE_TRAFFIC] = s->road_type == ROAD_MUD ? 80 : 20;
    w[CAUSE_DRIVE] = 30;
    w[CAUSE_OTHER] = 10;
    int picked[3] = { 0, 0, 0 };
    int want = 1 + (demo_chance(r, 600) ? 1 + demo_chance(r, 400) : 0);
    for (int k = 0; k < want; k++) {
        int c = 1 + demo_pick_weighted(r, w + 1, N_CAUSES);
        picked[k] = c;
        w[c] = 0;
    }
    *main_cause = picked[0];
    *other1 = picked[1];
    *other2 = picked[2];
}

static const char *const cause_reasons[N_CAUSES + 1] = {
    "", "家庭成员长期患病，医疗支出大，收入低", "家中有残疾人，缺乏劳动能力",
    "子女上学，教育支出负担重", "遭受自然灾害，损失严重", "耕地少，收入来源单一",
    "饮水和灌溉困难", "缺乏技术，只能从事简单劳动", "家中劳动力不足",
    "缺少发展生产的资金", "交通不便，农产品难以外运", "发展意愿不强，收入低",
    "其他原因致贫",
};

const char *demo_cause_reason(int cause)
{
    return cause >= 0 && cause <= N_CAUSES ? cause_reasons[cause] : "";
}

/* Splits a target net income (元) into the survey's parts, whole 元 each; the
 * parts add up to exactly net_yuan as core/income.h income_net() counts. */
static void fill_income(struct demo_rng *r, struct household *hh, const int *ages,
                        int head_age, int64_t net_yuan)
{
    struct survey *s = &hh->survey;
    int64_t parts[6] = { 0 };       /* family planning, dibao, tekun, pension, eco, other */
    int workers = 0, spouse = 0;
    for (int i = 0; i < hh->n_members; i++) {
        const struct member *m = &hh->members[i];
        if (ages[i] >= 60 && m->pension_ins)
            parts[3] += demo_range(r, 1200, 1800);  /* 城乡居民基础养老金 */
        workers += m->work != WORK_NONE;
        spouse += m->relation == REL_SPOUSE;
    }
    if ((s->only_child || s->two_daughters) && head_age >= 60)
        parts[0] = 960 * (1 + spouse);              /* 农村计划生育家庭奖励扶助 */
    if (s->hh_type == HHT_DIBAO)
        parts[1] = (int64_t)hh->n_members * demo_range(r, 1200, 2400);
    if (s->hh_type == HHT_TEKUN)
        parts[2] = (int64_t)hh->n_members * demo_range(r, 3000, 4800);
    parts[4] = (s->returned_forest_area * 125 + (s->forest_area - s->returned_forest_area) * 15) / 100;
    if (demo_chance(r, 300))
        parts[5] = demo_range(r, 100, 800);             /* 种粮补贴, 临时救助 */
    int64_t t = 0;
    for (int k = 0; k < 6; k++)
        t += parts[k];
    /* Transfers never carry more than 70 % of the net income. */
    int64_t cap = net_yuan * 70 / 100;
    if (t > cap) {
        int64_t t2 = 0;
        for (int k = 0; k < 6; k++) {
            parts[k] = parts[k] * cap / t;
            t2 += parts[k];
        }
        t = t2;
    }
    int64_t rest = net_yuan - t;
    int64_t property = 0;
    if (rest >= 500 && demo_chance(r, 150))
        property = demo_range(r, 50, (int)(rest / 10 < 500 ? rest / 10 : 500));  /* 资产收益分红 */
    rest -= property;
    int64_t wage = workers ? rest * demo_range(r, 40, 80) / 100 : 0;
    int64_t business_net = rest - wage;
    int64_t business = business_net * 100 / 65;     /* costs about 35 % of the turnover */
    s->family_planning = parts[0] * 100;
    s->dibao = parts[1] * 100;
    s->tekun = parts[2] * 100;
    s->pension = parts[3] * 100;
    s->eco_comp = parts[4] * 100;
    s->other_transfer = parts[5] * 100;
    s->property_income = property * 100;
    s->wage_income = wage * 100;
    s->business_income = business * 100;
    s->business_cost = (business - business_net) * 100;
}

/* 生产生活条件 (page 3); areas in 1/100. */
static void fill_conditions(struct demo_rng *r, struct survey *s, int n, int exiting)
{
    s->arable_area = (int64_t)n * demo_range(r, 30, 180);
    s->irrigated_area = s->arable_area * demo_range(r, 20, 90) / 100;
    s->forest_area = demo_chance(r, 700) ? demo_range(r, 100, 2000) : 0;
    s->returned_forest_area = s->forest_area && demo_chance(r, 250)
                              ? s->forest_area * demo_range(r, 10, 60) / 100 : 0;
    s->orchard_area = demo_chance(r, 400) ? demo_range(r, 20, 300) : 0;
    s->pasture_area = demo_chance(r, 50) ? demo_range(r, 50, 500) : 0;
    s->water_area = demo_chance(r, 80) ? demo_range(r, 10, 150) : 0;
    s->power_production = demo_chance(r, 930);
    s->power_living = exiting || demo_chance(r, 995);
    s->water_safe = exiting || demo_chance(r, 920);
    s->water_hard = !s->water_safe;
    s->road_distance = demo_range(r, 5, 300);
    static const int road_w[] = { 200, 250, 500, 50 };
    s->road_type = 1 + demo_pick_weighted(r, road_w, 4);
    s->house_area = (int64_t)demo_range(r, 70, 320) * 50;       /* 35..160 ㎡ */
    if (!exiting && demo_chance(r, 62)) {
        s->dangerous_house = 1;
        s->danger_grade = demo_chance(r, 600) ? DANGER_C : DANGER_D;
    }
    static const int fuel_w[] = { 600, 20, 200, 120, 50, 10 };
    s->fuel = 1 + demo_pick_weighted(r, fuel_w, 6);
    s->toilet = demo_chance(r, 650);
    s->cooperative = demo_chance(r, 150);
}

static const char *const grain_notes[] = {
    "口粮基本够吃", "口粮不足，需购买部分", "存粮可吃半年", "种水稻玉米，口粮自给",
};

static void fill_looks(struct demo_rng *r, struct household *hh)
{
    struct survey *s = &hh->survey;
    int labour = 0, away = 0, students = 0;
    for (int i = 0; i < hh->n_members; i++) {
        const struct member *m = &hh->members[i];
        labour += m->skill == SKILL_NORMAL || m->skill == SKILL_SKILLED;
        away += m->work >= WORK_COUNTY;
        students += m->schooling >= SCHOOL_PRIMARY;
    }
    if (s->dangerous_house)
        demo_set_text(s->look_house, sizeof s->look_house, "危房(%s级)，需改造",
                      s->danger_grade == DANGER_D ? "D" : "C");
    else if (s->house_area < 1300 * hh->n_members)
        demo_set_text(s->look_house, sizeof s->look_house, "住房狭小，人均不足13㎡");
    else {
        static const char *const notes[] = { "砖混结构，基本安全", "砖木结构，年久失修",
                                             "泥砖房，已加固" };
        demo_set_text(s->look_house, sizeof s->look_house, "%s", PICK(r, notes));
    }
    demo_set_text(s->look_grain, sizeof s->look_grain, "%s", PICK(r, grain_notes));
    if (labour == 0)
        demo_set_text(s->look_labour, sizeof s->look_labour, "无劳动力");
    else
        demo_set_text(s->look_labour, sizeof s->look_labour, "劳动力%d人，%s", labour,
                      away ? "有外出务工" : "在家务农");
    if (students == 0)
        demo_set_text(s->look_student, sizeof s->look_student, "无在校生");
    else
        demo_set_text(s->look_student, sizeof s->look_student, "在校生%d人", students);
}

/* 户类型: now and then 特困 for one or two old people without labour. */
static int household_type(struct demo_rng *r, const struct household *hh, int head_age)
{
    int labour = 0, some = 0;
    for (int i = 0; i < hh->n_members; i++) {
        labour += hh->members[i].skill == SKILL_NORMAL || hh->members[i].skill == SKILL_SKILLED;
        some += hh->members[i].skill == SKILL_NORMAL || hh->members[i].skill == SKILL_SKILLED ||
                hh->members[i].skill == SKILL_WEAK;
    }
    if (hh->n_members <= 2 && head_age >= 60 && labour == 0 && demo_chance(r, 350))
        return HHT_TEKUN;
    /* A family without any labour is 兜底 (低保), not 一般 (INSP_GENERAL_NO_LABOUR). */
    int dibao = demo_chance(r, 220);
    return dibao || some == 0 ? HHT_DIBAO : HHT_GENERAL;
}

/* 军烈属, 独生子女户 and 双女户, as the members allow. */
static void fill_family_flags(struct demo_rng *r, const struct household *hh, struct survey *s)
{
    int sons = 0, daughters = 0, soldier = 0;
    for (int i = 0; i < hh->n_members; i++) {
        const struct member *m = &hh->members[i];
        sons += m->relation == REL_SON;
        daughters += m->relation == REL_DAUGHTER;
        soldier |= m->soldier;
    }
    s->military_family = soldier || demo_chance(r, 5);
    s->only_child = sons + daughters == 1 && demo_chance(r, 500);
    s->two_daughters = sons == 0 && daughters == 2 && demo_chance(r, 700);
}

/* The county's rural bank and an account number. */
static void fill_bank(struct demo_rng *r, const struct demo_area *a, struct survey *s)
{
    demo_set_text(s->bank, sizeof s->bank,
                  demo_chance(r, 500) ? "%s农村信用合作联社" : "%s农村商业银行", a->county_name);
    char account[16];
    demo_digits(r, account, 15);
    demo_set_text(s->bank_account, sizeof s->bank_account, "6231%s", account);
}

/* The household's net income (元) against the line of its standard: see
 * demo.h for the deliberate warnings.  Needs hh->state and the standard. */
static int64_t income_target(struct demo_rng *r, const struct demo_area *a, int year,
                             int exiting, const struct household *hh)
{
    const struct survey *s = &hh->survey;
    int64_t line, permille;
    if (exiting) {
        line = line_for(a, year, s->standard, LINE_EXIT);
        permille = demo_range(r, 1050, 1600);
    } else if (is_turned_down(hh->state)) {
        line = line_for(a, year, s->standard, LINE_POVERTY);
        permille = demo_range(r, 1100, 1600);
    } else {
        line = line_for(a, year, s->standard, LINE_POVERTY);
        permille = demo_chance(r, 10) ? demo_range(r, 1050, 1300) : demo_range(r, 450, 950);
    }
    return line * permille / 1000 * hh->n_members / 100;
}

/* The priority flags, from what the survey found (head aged head_age). */
static void set_priorities(const struct household *hh, int head_age, struct survey *s)
{
    int sick = 0;
    for (int i = 0; i < hh->n_members; i++)
        sick |= hh->members[i].health == HEALTH_SERIOUS || hh->members[i].health == HEALTH_DISABLED;
    s->priority[0] = s->hh_type != HHT_GENERAL;
    s->priority[1] = s->dangerous_house;
    s->priority[2] = sick;
    s->priority[3] = s->main_cause == CAUSE_ILLNESS || s->main_cause == CAUSE_DISASTER;
    s->priority[4] = s->main_cause == CAUSE_SCHOOLING || head_age >= 70;
}

/* Two different surveyors among the village's cadres 1..DEMO_CADRES-1
 * (cadre 0 accepts the application). */
static void pick_surveyors(struct demo_rng *r, const struct demo_village *v, struct survey *s)
{
    int c1 = 1 + demo_rng_below(r, DEMO_CADRES - 1);
    int c2 = 1 + (c1 - 1 + 1 + demo_rng_below(r, DEMO_CADRES - 2)) % (DEMO_CADRES - 1);
    demo_set_text(s->surveyor1, sizeof s->surveyor1, "%s", v->cadres[c1]);
    demo_set_text(s->surveyor2, sizeof s->surveyor2, "%s", v->cadres[c2]);
}

void demo_survey(struct demo_rng *r, const struct demo_area *a, const struct demo_village *v,
                 int year, int exiting, const char *survey_date, const int *ages,
                 struct household *hh)
{
    struct survey *s = &hh->survey;
    s->year = year;
    s->standard = STD_NATIONAL;
    if (demo_chance(r, 50) && line_for(a, year, STD_PROVINCIAL, LINE_POVERTY)
                                  != line_for(a, year, STD_NATIONAL, LINE_POVERTY))
        s->standard = STD_PROVINCIAL;
    s->hh_type = household_type(r, hh, ages[0]);
    fill_family_flags(r, hh, s);
    fill_bank(r, a, s);
    fill_conditions(r, s, hh->n_members, exiting);
    /* On the register a D级 house is an inspection finding (INSP_DANGER_HOUSE):
     * the demo's registered households are being rebuilt, rated C级. */
    if (hh->state == WF_REGISTERED && s->danger_grade == DANGER_D)
        s->danger_grade = DANGER_C;
    pick_causes(r, hh, &s->main_cause, &s->other_cause1, &s->other_cause2);
    int64_t net_yuan = income_target(r, a, year, exiting, hh);
    fill_income(r, hh, ages, ages[0], net_yuan);
    fill_looks(r, hh);
    set_priorities(hh, ages[0], s);
    pick_surveyors(r, v, s);
    demo_set_text(s->survey_date, sizeof s->survey_date, "%s", survey_date);
    s->signed_household = s->signed_cadre = s->signed_surveyor = 1;
}
