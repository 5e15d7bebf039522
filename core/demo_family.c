/* demo_family.c — who is in a demo household (see demo.h, demo_priv.h):
 * unique ID numbers without a registry, the family plan (relations, sexes
 * and birth years whose ages fit together), and each member's roster row. */
#include "core/demo_priv.h"
#include "core/clock.h"
#include "core/idno.h"
#include "core/workflow.h"
#include <string.h>

/* ---------------------------------------------------------------- dates */

static const int month_days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

/* Day `doy` (0..364) of a year, as in a common year, so it exists in every year. */
static void date_of_doy(int y, int doy, char out[11])
{
    int m = 0;
    while (doy >= month_days[m]) {
        doy -= month_days[m];
        m++;
    }
    demo_set_text(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)(m + 1) % 100u,
                  (unsigned)(doy + 1) % 100u);
}

/* ---------------------------------------------------------------- ID numbers */

/* Unique IDs without a registry.  All IDs share the county code, so an ID is
 * (birth date, sequence).  Within one birth year and sex there are 365 days ×
 * 499 sequences (odd 001..997 male, even 002..998 female) = 182 135 slots, and
 * slot = (A·index + K·year + F·female) mod 182 135 is a bijection of the
 * household index for a fixed year and sex (gcd(A, 182135) = 1).  Two people
 * with the same birth year and sex in different households therefore get
 * different slots, and a household never holds two people of the same birth
 * year and sex (the planner below refuses them).  The year and sex terms make
 * a family's birthdays differ from member to member. */
#define ID_SLOTS 182135     /* 365 * 499 = 5 * 73 * 499 */
#define ID_MUL   7919       /* prime, coprime to 5, 73 and 499 */
#define ID_YEAR  104729
#define ID_SEX   91067

static void make_id(const char *county, int index, int birth_year, int sex,
                    char id[ID_NO_LEN + 1], char birth[DATE_LEN + 1])
{
    int64_t slot = ((int64_t)ID_MUL * index + (int64_t)ID_YEAR * birth_year
                    + (sex == SEX_MALE ? 0 : ID_SEX)) % ID_SLOTS;
    int doy = (int)(slot / 499);
    int seq = (int)(slot % 499) * 2 + (sex == SEX_MALE ? 1 : 2);
    date_of_doy(birth_year, doy, birth);
    char first17[18];
    demo_set_text(first17, sizeof first17, "%.6s%.4s%.2s%.2s%03u", county, birth, birth + 5,
                  birth + 8, (unsigned)seq % 1000u);
    memcpy(id, first17, 17);
    id[17] = idno_check_char(first17);
    id[18] = '\0';
}

/* ---------------------------------------------------------------- family plan */

static int plan_taken(const struct planner *pl, int y, int sex)
{
    for (int i = 0; i < pl->n; i++)
        if (pl->p[i].y == y && pl->p[i].sex == sex)
            return 1;
    return 0;
}

static int rank_of(int rel)
{
    switch (rel) {
    case REL_HEAD: return 0;
    case REL_SPOUSE: return 1;
    case REL_SON: case REL_DAUGHTER: return 2;
    case REL_DIL: case REL_SIL: return 3;
    case REL_GSON: case REL_GDAU: case REL_DGSON: case REL_DGDAU: return 4;
    case REL_PARENT: return 5;
    case REL_GRANDPARENT: return 6;
    default: return 7;
    }
}

/* Adds a member unless someone of the same birth year and sex is already
 * there (the ID scheme needs that).  Returns the plan index or -1. */
static int plan_add(struct planner *pl, int rel, int sex, int y, int parent)
{
    if (pl->n >= HH_MAX_MEMBERS || y > pl->base - 1 || plan_taken(pl, y, sex))
        return -1;
    struct plan *m = &pl->p[pl->n];
    m->rel = rel;
    m->sex = sex;
    m->y = y;
    m->rank = rank_of(rel);
    m->parent = parent;
    return pl->n++;
}

/* Adds a child of plan member `parent` born in [lo, hi] (the caller's window
 * keeps it 20+ years younger than both parents), with a birth year no
 * sibling has (no twins).  -1 when no year fits. */
static int plan_child(struct demo_rng *r, struct planner *pl, int rel_son, int rel_dau,
                      int parent, int lo, int hi)
{
    if (hi > pl->base - 1)
        hi = pl->base - 1;
    if (lo > hi)
        return -1;
    for (int tries = 0; tries < 12; tries++) {
        int y = demo_range(r, lo, hi);
        int sibling_year = 0;
        for (int i = 0; i < pl->n; i++)
            if (pl->p[i].parent == parent && pl->p[i].y == y
                && (pl->p[i].rel == rel_son || pl->p[i].rel == rel_dau))
                sibling_year = 1;
        if (sibling_year)
            continue;
        int sex = demo_chance(r, 520) ? SEX_MALE : SEX_FEMALE;
        int k = plan_add(pl, sex == SEX_MALE ? rel_son : rel_dau, sex, y, parent);
        if (k >= 0)
            return k;
    }
    return -1;
}

static int min_i(int a, int b) { return a < b ? a : b; }
static int max_i(int a, int b) { return a > b ? a : b; }

/* Family sizes 1..9, peaked at 3–4, mean ≈ 3.6 (before the rare shrink when
 * a young family cannot hold the drawn size). */
static const int size_weights[9] = { 16, 34, 52, 50, 26, 12, 6, 3, 1 };

/* A spouse for the head (born yh, sex hsex): of marrying age and at most
 * 90, a few years apart.  Returns the plan index or -1. */
static int plan_spouse(struct demo_rng *r, struct planner *pl, int hsex, int yh)
{
    int base = pl->base;
    int sp = -1;
    int ssex = hsex == SEX_MALE ? SEX_FEMALE : SEX_MALE;
    int min_age = ssex == SEX_MALE ? 23 : 21;   /* legal age + 1 for the birthday */
    for (int tries = 0; tries < 8 && sp < 0; tries++) {
        int ys = yh + (hsex == SEX_MALE ? demo_range(r, -2, 6) : demo_range(r, -6, 2));
        if (base - ys >= min_age && base - ys <= 90)
            sp = plan_add(pl, REL_SPOUSE, ssex, ys, -1);
    }
    return sp;
}

/* The wife of a married son (via_son) or a daughter's 上门女婿, the child
 * being born yc.  Returns the plan index or -1. */
static int plan_in_law(struct demo_rng *r, struct planner *pl, int via_son, int yc)
{
    int base = pl->base;
    int law = -1;
    for (int tries = 0; tries < 8 && law < 0; tries++) {
        int y = yc + (via_son ? demo_range(r, -2, 5) : demo_range(r, -5, 2));
        if (base - y >= (via_son ? 21 : 23))
            law = plan_add(pl, via_son ? REL_DIL : REL_SIL,
                           via_son ? SEX_FEMALE : SEX_MALE, y, -1);
    }
    return law;
}

/* Three generations: a married son (or a daughter with a 上门女婿) and
 * grandchildren.  The child is born in [clo, chi] (the head's children's
 * window); *rem counts down the members placed. */
static void plan_three_generations(struct demo_rng *r, struct planner *pl, int *rem, int clo,
                                   int chi)
{
    int via_son = demo_chance(r, 850);
    int lo = clo, hi = min_i(chi, pl->base - 24);
    if (lo > hi)
        return;
    int c = -1;
    for (int tries = 0; tries < 8 && c < 0; tries++)
        c = plan_add(pl, via_son ? REL_SON : REL_DAUGHTER,
                     via_son ? SEX_MALE : SEX_FEMALE, demo_range(r, lo, hi), 0);
    if (c < 0)
        return;
    (*rem)--;
    int yc = pl->p[c].y, ylaw = yc;
    if (*rem > 0 && demo_chance(r, 850)) {
        int law = plan_in_law(r, pl, via_son, yc);
        if (law >= 0) {
            (*rem)--;
            ylaw = pl->p[law].y;
        }
    }
    int keep = *rem >= 2 && demo_chance(r, 300);   /* an unmarried child too */
    int glo = max_i(yc, ylaw) + 20, ghi = min_i(yc, ylaw) + 40;
    while (*rem > keep
           && plan_child(r, pl, via_son ? REL_GSON : REL_DGSON,
                         via_son ? REL_GDAU : REL_DGDAU, c, glo, ghi) >= 0)
        (*rem)--;
}

/* The head's parents (the head born yh), 20..36 years older, at most 93,
 * and within a few years of each other; *rem counts down. */
static void plan_head_parents(struct demo_rng *r, struct planner *pl, int *rem, int yh)
{
    int base = pl->base;
    int np = *rem >= 2 && demo_chance(r, 500) ? 2 : 1;
    int first_sex = demo_chance(r, 500) ? SEX_MALE : SEX_FEMALE;
    int first_y = 0;
    for (int k = 0; k < np; k++) {
        int psex = k == 0 ? first_sex : (first_sex == SEX_MALE ? SEX_FEMALE : SEX_MALE);
        for (int tries = 0; tries < 8; tries++) {
            int y = k == 0 ? yh - demo_range(r, 20, 36) : first_y + demo_range(r, -5, 5);
            if (base - y <= 93 && yh - y >= 20 && plan_add(pl, REL_PARENT, psex, y, -1) >= 0) {
                (*rem)--;
                first_y = y;
                break;
            }
        }
        if (k == 0 && first_y == 0)
            break;
    }
}

/* Whatever is left: a grandparent for a young head (aged ah, born yh),
 * else siblings; *rem counts down. */
static void plan_the_rest(struct demo_rng *r, struct planner *pl, int *rem, int ah, int yh)
{
    int base = pl->base;
    if (*rem > 0 && ah <= 38 && demo_chance(r, 500)) {
        int y = yh - demo_range(r, 42, 55);
        if (base - y <= 93 && plan_add(pl, REL_GRANDPARENT,
                                       demo_chance(r, 400) ? SEX_MALE : SEX_FEMALE, y, -1) >= 0)
            (*rem)--;
    }
    for (int tries = 0; *rem > 0 && tries < 20; tries++) {
        int y = yh + demo_range(r, -10, 12);
        if (base - y >= 17 && base - y <= 85
            && plan_add(pl, REL_SIBLING, demo_chance(r, 500) ? SEX_MALE : SEX_FEMALE, y, -1) >= 0)
            (*rem)--;
    }
}

/* Draws the family: relations, sexes and birth years, every pair of ages
 * consistent (children ≥ 20 years younger than both parents, spouses of
 * marrying age, …).  Ages are reckoned in whole years of pl->base. */
static void plan_family(struct demo_rng *r, struct planner *pl)
{
    int n = 1 + demo_pick_weighted(r, size_weights, COUNT(size_weights));
    int base = pl->base;
    int hsex = demo_chance(r, n == 1 ? 600 : 880) ? SEX_MALE : SEX_FEMALE;
    /* Head 26..84 in years of base: 25..84 whole years whatever the birthday. */
    int ah = n == 1 ? demo_range(r, 40, 84) : 26 + demo_rng_below(r, 30) + demo_rng_below(r, 30);
    int yh = base - ah;
    plan_add(pl, REL_HEAD, hsex, yh, -1);
    int rem = n - 1;

    int sp = -1;
    if (rem > 0 && demo_chance(r, ah < 70 ? 880 : 550)) {
        sp = plan_spouse(r, pl, hsex, yh);
        if (sp >= 0)
            rem--;
    }
    /* Children of head (and spouse): 20..42 years younger than each parent. */
    int ysp = sp >= 0 ? pl->p[sp].y : yh;
    int clo = max_i(yh, ysp) + 20, chi = min_i(yh, ysp) + 42;

    if (rem >= 2 && ah >= 46 && demo_chance(r, 550))
        plan_three_generations(r, pl, &rem, clo, chi);
    if (rem > 0 && ah <= 62 && demo_chance(r, rem >= 3 ? 300 : 120))
        plan_head_parents(r, pl, &rem, yh);
    while (rem > 0 && plan_child(r, pl, REL_SON, REL_DAUGHTER, 0, clo, chi) >= 0)
        rem--;
    plan_the_rest(r, pl, &rem, ah, yh);
}

/* Roster order: 户主, 配偶, children (eldest first), in-laws, grandchildren,
 * parents, grandparents, siblings.  Parent links are remapped. */
static void plan_sort(struct planner *pl)
{
    int order[HH_MAX_MEMBERS], where[HH_MAX_MEMBERS];
    for (int i = 0; i < pl->n; i++)
        order[i] = i;
    for (int i = 1; i < pl->n; i++) {
        int k = order[i], j = i;
        while (j > 0 && (pl->p[order[j - 1]].rank > pl->p[k].rank
                         || (pl->p[order[j - 1]].rank == pl->p[k].rank
                             && pl->p[order[j - 1]].y > pl->p[k].y))) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = k;
    }
    struct plan sorted[HH_MAX_MEMBERS];
    for (int i = 0; i < pl->n; i++) {
        sorted[i] = pl->p[order[i]];
        where[order[i]] = i;
    }
    for (int i = 0; i < pl->n; i++) {
        if (sorted[i].parent >= 0)
            sorted[i].parent = where[sorted[i].parent];
        pl->p[i] = sorted[i];
    }
}

/* The 民族 of the household, and of a spouse or in-law marrying in. */
static int household_ethnic(struct demo_rng *r)
{
    static const int codes[] = { ETH_HAN, ETH_ZHUANG, ETH_YAO, ETH_MIAO, ETH_DONG, ETH_UYGHUR };
    static const int weights[] = { 530, 380, 60, 10, 10, 10 };
    return codes[demo_pick_weighted(r, weights, COUNT(weights))];
}

static int married_in_ethnic(struct demo_rng *r, int household)
{
    if (household == ETH_UYGHUR || demo_chance(r, 700))
        return household;
    static const int codes[] = { ETH_HAN, ETH_ZHUANG, ETH_YAO };
    static const int weights[] = { 55, 38, 7 };
    return codes[demo_pick_weighted(r, weights, COUNT(weights))];
}

/* ---------------------------------------------------------------- members */

/* 文化程度 and 在校生状况 by age; finished school: by generation. */
static void fill_schooling(struct demo_rng *r, struct member *m, int age)
{
    m->schooling = SCHOOL_NONE;
    if (age < 6) {
        m->education = EDU_PRESCHOOL;
        if (age >= 3 && demo_chance(r, 800))
            m->schooling = SCHOOL_PRE;
    } else if (age <= 11) {
        m->education = EDU_PRIMARY;
        m->schooling = SCHOOL_PRIMARY;
    } else if (age <= 15) {
        m->education = EDU_JUNIOR;
        m->schooling = SCHOOL_JUNIOR;
    } else if (age <= 18 && demo_chance(r, 650)) {
        int voc = demo_chance(r, 400);
        m->education = voc ? EDU_VOCATIONAL : EDU_SENIOR;
        m->schooling = voc ? SCHOOL_VOC : SCHOOL_SENIOR;
    } else if (age >= 19 && age <= 22 && demo_chance(r, 180)) {
        int bachelor = demo_chance(r, 450);
        m->education = EDU_COLLEGE;
        m->schooling = bachelor ? SCHOOL_BACHELOR : SCHOOL_HIGHER_VOC;
    } else {
        /* Finished school: by generation (birth year ≈ this year − age). */
        static const int old_w[] = { 40, 45, 15, 0, 0, 0 };
        static const int mid_w[] = { 8, 35, 45, 8, 3, 1 };
        static const int young_w[] = { 1, 12, 55, 15, 11, 6 };
        const int *w = age >= 62 ? old_w : age >= 42 ? mid_w : young_w;
        m->education = 1 + demo_pick_weighted(r, w, 6);
    }
}

/* 劳动技能 by age (working age to 60 for men, 55 for women) and health;
 * none for students, normal for soldiers. */
static void fill_skill(struct demo_rng *r, struct member *m, int age, int student)
{
    int max_age = m->sex == SEX_MALE ? 60 : 55;
    if (age < 16 || student) {
        m->skill = SKILL_NONE;
    } else if (age <= max_age) {
        switch (m->health) {
        case HEALTH_DISABLED: m->skill = demo_chance(r, 400) ? SKILL_LOST : SKILL_WEAK; break;
        case HEALTH_SERIOUS:  m->skill = demo_chance(r, 500) ? SKILL_LOST : SKILL_WEAK; break;
        case HEALTH_CHRONIC:  m->skill = demo_chance(r, 500) ? SKILL_WEAK : SKILL_NORMAL; break;
        default: {
            static const int w[] = { 800, 150, 50 };
            m->skill = 1 + demo_pick_weighted(r, w, 3);
        }
        }
    } else if (age <= 70 && m->health == HEALTH_OK) {
        static const int w[] = { 250, 0, 600, 0, 150 };
        m->skill = 1 + demo_pick_weighted(r, w, 5);
    } else {
        m->skill = demo_chance(r, 400) ? SKILL_LOST : SKILL_NONE;
    }
    if (m->soldier)
        m->skill = SKILL_NORMAL;
}

/* 务工情况 and months, from the skill (soldiers do not work). */
static void fill_work(struct demo_rng *r, struct member *m)
{
    m->work = WORK_NONE;
    m->work_months = 0;
    if (!m->soldier && (m->skill == SKILL_NORMAL || m->skill == SKILL_SKILLED)) {
        static const int w[] = { 350, 150, 150, 150, 200 };
        m->work = 1 + demo_pick_weighted(r, w, 5);
    } else if (!m->soldier && m->skill == SKILL_WEAK && demo_chance(r, 200)) {
        m->work = WORK_TOWNSHIP;
    }
    if (m->work != WORK_NONE)
        m->work_months = m->skill == SKILL_WEAK ? demo_range(r, 2, 6) : demo_range(r, 3, 12);
}

/* 残疾证号: the ID, the category (1 视力 … 7 多重) and the grade (1–4). */
static void fill_disability_no(struct demo_rng *r, struct member *m)
{
    char id[ID_NO_LEN + 1];
    memcpy(id, m->id_no, sizeof id);
    int category = demo_range(r, 1, 7), grade = demo_range(r, 1, 4);
    demo_set_text(m->disability_no, sizeof m->disability_no, "%.18s%d%d", id, category % 10,
                  grade % 10);
}

/* Everything on the roster row that depends on age (at the survey) and health. */
static void fill_member(struct demo_rng *r, struct member *m, int age, int exiting)
{
    fill_schooling(r, m, age);
    int student = m->schooling >= SCHOOL_PRIMARY;

    static const int child_h[] = { 960, 15, 10, 15 };
    static const int adult_h[] = { 780, 110, 50, 60 };
    static const int old_h[] = { 500, 300, 100, 100 };
    m->health = 1 + demo_pick_weighted(r, age < 16 ? child_h : age < 60 ? adult_h : old_h, 4);

    m->political = POL_MASSES;
    if (age >= 18 && demo_chance(r, m->sex == SEX_MALE ? 60 : 20))
        m->political = POL_PARTY;
    else if (age >= 14 && age <= 28 && demo_chance(r, m->schooling >= SCHOOL_JUNIOR ? 400 : 200))
        m->political = POL_LEAGUE;

    m->soldier = m->sex == SEX_MALE && age >= 18 && age <= 24 && !student && demo_chance(r, 10);
    if (m->soldier)
        m->health = HEALTH_OK;

    fill_skill(r, m, age, student);
    fill_work(r, m);

    m->med_ins = exiting || demo_chance(r, 985);
    m->serious_ins = m->med_ins && (exiting || demo_chance(r, 970));
    m->pension_ins = age >= 16 && !student && !m->soldier && demo_chance(r, age >= 60 ? 950 : 880);

    if (m->health == HEALTH_DISABLED)
        fill_disability_no(r, m);
}

void demo_family(struct demo_rng *r, const char *county, int idx, int base, const char *ref,
                 int exiting, struct household *hh, int ages[HH_MAX_MEMBERS])
{
    struct planner pl;
    memset(&pl, 0, sizeof pl);
    pl.base = base;
    plan_family(r, &pl);
    plan_sort(&pl);
    int eth = household_ethnic(r);
    hh->n_members = pl.n;
    demo_name_members(r, &pl, eth == ETH_UYGHUR, hh);

    for (int i = 0; i < pl.n; i++) {
        const struct plan *p = &pl.p[i];
        struct member *m = &hh->members[i];
        m->sex = p->sex;
        m->relation = p->rel;
        make_id(county, idx, p->y, p->sex, m->id_no, m->birth);
        int married_in = p->rel == REL_SPOUSE || p->rel == REL_DIL || p->rel == REL_SIL
                         || ((p->rel == REL_PARENT || p->rel == REL_GRANDPARENT)
                             && p->sex == SEX_FEMALE);
        m->ethnic = married_in ? married_in_ethnic(r, eth) : eth;
        ages[i] = age_on(m->birth, ref);
        fill_member(r, m, ages[i], exiting);
        /* 贫困人口 are all insured (INSP_NO_MED_INS); applicants may not be yet. */
        if (hh->state == WF_REGISTERED || exiting)
            m->med_ins = 1;
    }
}
