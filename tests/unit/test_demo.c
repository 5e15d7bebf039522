/* Tests for core/demo: the PRNG against the published splitmix64 vectors,
 * determinism, the area's shape, valid and unique ID numbers over a
 * county-size run, relation/age consistency, codes that fit the age, causes
 * that fit the members, the income against the line, and the check engine
 * finding no error (only the documented warnings) in generated households. */
#include "tests/harness.h"
#include "core/checks.h"
#include "core/clock.h"
#include "core/codes.h"
#include "core/demo.h"
#include "core/idno.h"
#include "core/income.h"
#include "core/workflow.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TODAY "2026-11-23"
#define YEAR  2026

static struct household hh;     /* large: keep it off the stack */

static int build(uint64_t seed, int n, struct demo_rng *rng, struct demo_area *area)
{
    demo_rng_seed(rng, seed);
    return demo_area_build(rng, n, area);
}

static int is_digits(const char *s, size_t n)
{
    if (strlen(s) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* First UTF-8 character of s (the surname of a Han name) into out. */
static void first_char(const char *s, char out[5])
{
    size_t len = 1;
    unsigned char c = (unsigned char)s[0];
    if (c >= 0xF0) len = 4;
    else if (c >= 0xE0) len = 3;
    else if (c >= 0xC0) len = 2;
    memcpy(out, s, len);
    out[len] = '\0';
}

static int age_at(const struct member *m, const char *on)
{
    return age_on(m->birth, on);
}

/* The date the ages on the roster are reckoned at (as the check engine does). */
static const char *ref_date(const struct household *h)
{
    return h->survey.survey_date[0] ? h->survey.survey_date : TODAY;
}

/* ---------------------------------------------------------------- PRNG */

TEST(demo_rng_matches_splitmix64_vectors)
{
    /* Reference outputs of splitmix64.c (Vigna) seeded with 1234567. */
    static const uint64_t want[5] = {
        6457827717110365317u, 3203168211198807973u, 9817491932198370423u,
        4593380528125082431u, 16408922859458223821u,
    };
    struct demo_rng r;
    demo_rng_seed(&r, 1234567);
    for (int i = 0; i < 5; i++)
        CHECK(demo_rng_next(&r) == want[i]);
    demo_rng_seed(&r, 0);
    CHECK(demo_rng_next(&r) == 0xe220a8397b1dcdafu);
    CHECK(demo_rng_next(&r) == 0x6e789e6aa1b965f4u);
}

TEST(demo_rng_below_is_in_range_and_even)
{
    struct demo_rng r;
    demo_rng_seed(&r, 7);
    int count[10] = { 0 };
    for (int i = 0; i < 100000; i++) {
        int x = demo_rng_below(&r, 10);
        CHECK(x >= 0 && x < 10);
        if (x >= 0 && x < 10)
            count[x]++;
    }
    for (int k = 0; k < 10; k++)
        CHECK(count[k] > 9500 && count[k] < 10500);
    CHECK_INT(demo_rng_below(&r, 1), 0);
    CHECK_INT(demo_rng_below(&r, 0), 0);
    CHECK_INT(demo_rng_below(&r, -5), 0);
}

/* ---------------------------------------------------------------- determinism */

TEST(demo_same_seed_same_bytes_other_seed_differs)
{
    struct demo_rng r1, r2, r3;
    struct demo_area a1, a2, a3;
    CHECK_INT(build(42, 3000, &r1, &a1), 0);
    CHECK_INT(build(42, 3000, &r2, &a2), 0);
    CHECK_INT(build(43, 3000, &r3, &a3), 0);
    CHECK_INT(a1.n_villages, a2.n_villages);
    CHECK(memcmp(a1.villages, a2.villages, sizeof *a1.villages * (size_t)a1.n_villages) == 0);
    CHECK(memcmp(a1.townships, a2.townships, sizeof a1.townships) == 0);
    int names_differ = 0;
    for (int v = 0; v < a1.n_villages && v < a3.n_villages; v++)
        names_differ += strcmp(a1.villages[v].name, a3.villages[v].name) != 0;
    CHECK(names_differ > 0);

    static struct household h2;
    int same = 0, differ = 0;
    for (int i = 0; i < 3000; i++) {
        demo_household(&r1, &a1, i, YEAR, TODAY, &hh);
        demo_household(&r2, &a2, i, YEAR, TODAY, &h2);
        same += memcmp(&hh, &h2, sizeof hh) == 0;
        demo_household(&r3, &a3, i, YEAR, TODAY, &h2);
        differ += memcmp(&hh, &h2, sizeof hh) != 0;
    }
    CHECK_INT(same, 3000);
    CHECK_INT(differ, 3000);

    /* A household depends on (seed, index) only: generating others first,
     * or advancing the caller's PRNG, changes nothing. */
    demo_household(&r1, &a1, 777, YEAR, TODAY, &hh);
    demo_rng_next(&r2);
    demo_household(&r2, &a2, 5, YEAR, TODAY, &h2);
    demo_household(&r2, &a2, 777, YEAR, TODAY, &h2);
    CHECK(memcmp(&hh, &h2, sizeof hh) == 0);
    demo_area_free(&a1);
    demo_area_free(&a2);
    demo_area_free(&a3);
}

/* ---------------------------------------------------------------- area */

TEST(demo_area_shape_county_size)
{
    struct demo_rng r;
    struct demo_area a;
    CHECK_INT(build(1, 100000, &r, &a), 0);
    CHECK_STR(a.county_code, "450123");
    CHECK_STR(a.county_name, "隆安县");
    CHECK_INT(a.n_households, 100000);
    CHECK(a.n_townships >= 1 && a.n_townships <= DEMO_MAX_TOWNSHIPS);
    CHECK(a.n_villages >= 100000 / 400 && a.n_villages <= 100000 / 150);
    int next = 0, vnext = 0;
    for (int t = 0; t < a.n_townships; t++) {
        const struct demo_township *tw = &a.townships[t];
        CHECK(is_digits(tw->code, 9) && strncmp(tw->code, a.county_code, 6) == 0);
        CHECK(tw->name[0] != '\0');
        CHECK_INT(tw->first_village, vnext);
        vnext += tw->n_villages;
        for (int u = 0; u < t; u++) {
            CHECK(strcmp(a.townships[u].code, tw->code) < 0);
            CHECK(strcmp(a.townships[u].name, tw->name) != 0);
        }
    }
    CHECK_INT(vnext, a.n_villages);
    for (int v = 0; v < a.n_villages; v++) {
        const struct demo_village *vi = &a.villages[v];
        const struct demo_township *tw = &a.townships[vi->township];
        CHECK(is_digits(vi->code, 12) && strncmp(vi->code, tw->code, 9) == 0);
        CHECK(v >= tw->first_village && v < tw->first_village + tw->n_villages);
        CHECK_INT(vi->first_household, next);
        CHECK(vi->n_households >= 140 && vi->n_households <= 420);
        next += vi->n_households;
        CHECK(vi->n_groups >= 1 && vi->n_groups <= DEMO_MAX_GROUPS);
        for (int g = 0; g < vi->n_groups; g++) {
            CHECK(vi->groups[g][0] != '\0');
            for (int k = 0; k < g; k++)
                CHECK(strcmp(vi->groups[k], vi->groups[g]) != 0);
        }
        for (int c = 0; c < DEMO_CADRES; c++)
            CHECK(vi->cadres[c][0] != '\0');
        CHECK(strstr(vi->name, "村") != NULL);
        if (v > 0)
            CHECK(strcmp(a.villages[v - 1].code, vi->code) < 0);
    }
    CHECK_INT(next, 100000);
    /* Village names are unique in the county (imports match them by name). */
    int dup = 0;
    for (int v = 0; v < a.n_villages; v++)
        for (int u = 0; u < v; u++)
            dup += strcmp(a.villages[u].name, a.villages[v].name) == 0;
    CHECK_INT(dup, 0);
    /* Every index maps to the village whose range holds it. */
    int bad = 0;
    for (int i = 0; i < 100000; i++) {
        const struct demo_village *vi = demo_area_village_of(&a, i);
        bad += !vi || i < vi->first_household || i >= vi->first_household + vi->n_households;
    }
    CHECK_INT(bad, 0);
    demo_area_free(&a);
    CHECK(a.villages == NULL && a.n_villages == 0);
    demo_area_free(NULL);
}

TEST(demo_area_small_and_out_of_range)
{
    struct demo_rng r;
    struct demo_area a;
    CHECK_INT(build(5, 100, &r, &a), 0);
    CHECK_INT(a.n_townships, 1);
    CHECK_INT(a.n_villages, 2);
    CHECK_INT(a.villages[0].n_households + a.villages[1].n_households, 100);
    CHECK_STR(a.townships[0].name, "古潭乡");        /* the seed's township */
    CHECK_STR(a.townships[0].code, "450123200");
    CHECK_STR(a.villages[0].code, "450123200201");
    CHECK_STR(a.villages[1].code, "450123200202");
    demo_area_free(&a);

    CHECK_INT(build(5, 0, &r, &a), 0);
    CHECK_INT(a.n_villages, 2);
    CHECK(demo_area_village_of(&a, 0) != NULL);
    demo_household(&r, &a, 0, YEAR, TODAY, &hh);     /* still a whole household */
    CHECK(hh.n_members >= 1);
    demo_area_free(&a);

    CHECK_INT(build(5, -1, &r, &a), -1);
    CHECK(a.villages == NULL);
    CHECK_INT(build(5, DEMO_MAX_HOUSEHOLDS + 1, &r, &a), -1);
    CHECK(demo_area_village_of(&a, 0) == NULL);
    demo_household(&r, &a, 0, YEAR, TODAY, &hh);     /* empty area: zeroed, no crash */
    CHECK_INT(hh.n_members, 0);
}

/* ---------------------------------------------------------------- IDs */

/* Open-addressing set of 17-digit ID prefixes (the 18th is a function of them). */
#define SET_BITS 20
static uint64_t *set;

static int set_add(const char *id)
{
    uint64_t key = 1;      /* +1 keeps 0 for "empty" */
    for (int i = 0; i < 17; i++)
        key = key * 10 + (uint64_t)(id[i] - '0');
    uint64_t h = key * 0x9E3779B97F4A7C15u;
    size_t mask = ((size_t)1 << SET_BITS) - 1, i = (size_t)(h >> (64 - SET_BITS));
    while (set[i]) {
        if (set[i] == key)
            return 0;
        i = (i + 1) & mask;
    }
    set[i] = key;
    return 1;
}

TEST(demo_ids_unique_over_100000_households)
{
    struct demo_rng r;
    struct demo_area a;
    CHECK_INT(build(2026, 100000, &r, &a), 0);
    set = calloc((size_t)1 << SET_BITS, sizeof *set);
    CHECK(set != NULL);
    if (!set)
        return;
    long people = 0, dups = 0, bad = 0, with_x = 0;
    for (int i = 0; i < 100000; i++) {
        demo_household(&r, &a, i, YEAR, TODAY, &hh);
        for (int k = 0; k < hh.n_members; k++) {
            const struct member *m = &hh.members[k];
            people++;
            bad += strlen(m->id_no) != 18 || strncmp(m->id_no, "450123", 6) != 0;
            with_x += m->id_no[17] == 'X';
            if (!bad)
                dups += !set_add(m->id_no);
        }
    }
    CHECK_INT(bad, 0);
    CHECK_INT(dups, 0);
    CHECK(people > 300000 && people < 400000);
    CHECK(with_x > people / 20);               /* 1 in 11 by the check-digit arithmetic */
    free(set);
    demo_area_free(&a);
}

TEST(demo_ids_valid_with_matching_sex_and_birth)
{
    struct demo_rng r;
    struct demo_area a;
    CHECK_INT(build(9, 20000, &r, &a), 0);
    int bad_status = 0, bad_fields = 0, males = 0, females = 0, people = 0;
    for (int i = 0; i < 20000; i++) {
        demo_household(&r, &a, i, YEAR, TODAY, &hh);
        for (int k = 0; k < hh.n_members; k++) {
            const struct member *m = &hh.members[k];
            struct idno_info info;
            people++;
            if (idno_parse(m->id_no, &info) != IDNO_OK) {
                bad_status++;
                continue;
            }
            bad_fields += strcmp(info.id, m->id_no) != 0 || strcmp(info.birth, m->birth) != 0
                          || info.sex != m->sex;
            char first17[18];
            memcpy(first17, m->id_no, 17);
            first17[17] = '\0';
            bad_fields += idno_check_char(first17) != m->id_no[17];
            males += m->sex == SEX_MALE;
            females += m->sex == SEX_FEMALE;
        }
    }
    CHECK_INT(bad_status, 0);
    CHECK_INT(bad_fields, 0);
    CHECK_INT(males + females, people);
    CHECK(males > people * 2 / 5 && females > people * 2 / 5);
    demo_area_free(&a);
}

/* ---------------------------------------------------------------- family */

TEST(demo_one_head_first_and_ages_fit_relations)
{
    struct demo_rng r;
    struct demo_area a;
    CHECK_INT(build(11, 20000, &r, &a), 0);
    int bad_head = 0, bad_rel = 0, bad_sex = 0, bad_spouse = 0, bad_child = 0,
        bad_parent = 0, bad_gchild = 0, bad_names = 0;
    int seen[15] = { 0 };
    for (int i = 0; i < 20000; i++) {
        demo_household(&r, &a, i, YEAR, TODAY, &hh);
        const struct member *h = &hh.members[0];
        int heads = 0;
        for (int k = 0; k < hh.n_members; k++)
            heads += hh.members[k].relation == REL_HEAD;
        bad_head += heads != 1 || h->relation != REL_HEAD || age_at(h, TODAY) < 25
                    || age_at(h, TODAY) > 85;
        for (int k = 1; k < hh.n_members; k++) {
            const struct member *m = &hh.members[k];
            const char *label = codes_label(CL_RELATION, m->relation);
            if (!label[0]) {
                bad_rel++;
                continue;
            }
            seen[m->relation]++;
            /* Relations that name a sex. */
            if (!strcmp(label, "之子") || !strcmp(label, "之女婿") || !strcmp(label, "之孙子")
                || !strcmp(label, "之外孙子"))
                bad_sex += m->sex != SEX_MALE;
            if (!strcmp(label, "之女") || !strcmp(label, "之儿媳") || !strcmp(label, "之孙女")
                || !strcmp(label, "之外孙女"))
                bad_sex += m->sex != SEX_FEMALE;
            int gap = age_on(h->birth, m->birth);      /* head's age when m was born */
            int older = age_on(m->birth, h->birth);    /* m's age when the head was born */
            if (m->relation == REL_SPOUSE) {
                bad_sex += m->sex == h->sex;
                bad_spouse += age_at(m, ref_date(&hh)) < (m->sex == SEX_MALE ? 22 : 20);
            } else if (m->relation == REL_SON || m->relation == REL_DAUGHTER) {
                bad_child += gap < 16;
                for (int s = 1; s < hh.n_members; s++)
                    if (hh.members[s].relation == REL_SPOUSE)
                        bad_child += age_on(hh.members[s].birth, m->birth) < 16;
            } else if (m->relation == REL_PARENT) {
                bad_parent += older < 16;
            } else if (m->relation == REL_GRANDPARENT) {
                bad_parent += older < 32;
            } else if (!strcmp(label, "之孙子") || !strcmp(label, "之孙女")
                       || !strcmp(label, "之外孙子") || !strcmp(label, "之外孙女")) {
                bad_gchild += gap < 32;
            } else if (!strcmp(label, "之儿媳") || !strcmp(label, "之女婿")) {
                bad_spouse += age_at(m, ref_date(&hh)) < (m->sex == SEX_MALE ? 22 : 20);
            }
            for (int s = 0; s < k; s++)
                bad_names += strcmp(hh.members[s].name, m->name) == 0;
        }
    }
    CHECK_INT(bad_head, 0);
    CHECK_INT(bad_rel, 0);
    CHECK_INT(bad_sex, 0);
    CHECK_INT(bad_spouse, 0);
    CHECK_INT(bad_child, 0);
    CHECK_INT(bad_parent, 0);
    CHECK_INT(bad_gchild, 0);
    CHECK_INT(bad_names, 0);
    /* The common relations all occur. */
    CHECK(seen[REL_SPOUSE] > 10000);
    CHECK(seen[REL_SON] > 5000 && seen[REL_DAUGHTER] > 5000);
    CHECK(seen[REL_PARENT] > 100);
    CHECK(seen[codes_by_label(CL_RELATION, "之儿媳")] > 100);
    CHECK(seen[codes_by_label(CL_RELATION, "之孙子")] > 100);
    CHECK(seen[codes_by_label(CL_RELATION, "之孙女")] > 100);
    demo_area_free(&a);
}

TEST(demo_family_size_distribution)
{
    struct demo_rng r;
    struct demo_area a;
    CHECK_INT(build(3, 100000, &r, &a), 0);
    long count[HH_MAX_MEMBERS + 1] = { 0 }, total = 0;
    for (int i = 0; i < 100000; i++) {
        demo_household(&r, &a, i, YEAR, TODAY, &hh);
        CHECK(hh.n_members >= 1 && hh.n_members <= 9);
        if (hh.n_members >= 1 && hh.n_members <= 9)
            count[hh.n_members]++;
        total += hh.n_members;
    }
    double mean = total / 100000.0;
    CHECK(mean >= 3.0 && mean <= 4.0);
    for (int n = 1; n <= 9; n++)
        CHECK(count[n] > 0);
    /* Peaked at 3–4. */
    for (int n = 1; n <= 9; n++)
        if (n != 3 && n != 4)
            CHECK(count[n] < count[3] && count[n] < count[4]);
    demo_area_free(&a);
}

TEST(demo_names_surnames_rare_and_minority)
{
    struct demo_rng r;
    struct demo_area a;
    CHECK_INT(build(17, 20000, &r, &a), 0);
    int people = 0, dot = 0, dot_not_uyghur = 0, rare = 0, bad_child = 0, bad_spouse = 0,
        han = 0, zhuang = 0, yao = 0, empty = 0;
    int uyghur = codes_by_label(CL_ETHNIC, "维吾尔族");
    for (int i = 0; i < 20000; i++) {
        demo_household(&r, &a, i, YEAR, TODAY, &hh);
        char head_surname[5];
        first_char(hh.members[0].name, head_surname);
        int minority_names = strstr(hh.members[0].name, "·") != NULL;
        for (int k = 0; k < hh.n_members; k++) {
            const struct member *m = &hh.members[k];
            people++;
            empty += m->name[0] == '\0';
            if (strstr(m->name, "·")) {
                dot++;
                dot_not_uyghur += m->ethnic != uyghur;
            }
            if (strstr(m->name, "𠮷") || strstr(m->name, "𬌗") || strstr(m->name, "蔺")
                || strstr(m->name, "䶮"))
                rare++;
            const char *eth = codes_label(CL_ETHNIC, m->ethnic);
            han += !strcmp(eth, "汉族");
            zhuang += !strcmp(eth, "壮族");
            yao += !strcmp(eth, "瑶族");
            if (minority_names || k == 0)
                continue;
            char s[5];
            first_char(m->name, s);
            if (m->relation == REL_SON || m->relation == REL_DAUGHTER)
                bad_child += strcmp(s, head_surname) != 0;
            if (m->relation == REL_SPOUSE)
                bad_spouse += strcmp(s, head_surname) == 0;
        }
    }
    CHECK_INT(empty, 0);
    CHECK_INT(bad_child, 0);
    CHECK_INT(bad_spouse, 0);
    CHECK(dot > people / 200 && dot < people / 50);      /* ~1 % */
    CHECK_INT(dot_not_uyghur, 0);
    CHECK(rare > 0 && rare < people / 20);
    CHECK(han > people / 3 && zhuang > people / 5 && yao > people / 50);
    CHECK(han + zhuang + yao > people * 9 / 10);
    demo_area_free(&a);
}

/* ---------------------------------------------------------------- codes */

TEST(demo_codes_filled_and_fit_age)
{
    struct demo_rng r;
    struct demo_area a;
    CHECK_INT(build(23, 20000, &r, &a), 0);
    static const enum codelist member_lists[] = { CL_SEX, CL_RELATION, CL_ETHNIC, CL_POLITICAL,
                                                  CL_EDUCATION, CL_SCHOOLING, CL_HEALTH,
                                                  CL_SKILL, CL_WORK };
    int unfilled = 0, bad_school = 0, bad_pre = 0, bad_dis = 0, bad_months = 0, bad_skill = 0,
        disabled = 0, students = 0, lost = 0, party = 0, pre = 0, insured = 0, people = 0;
    for (int i = 0; i < 20000; i++) {
        demo_household(&r, &a, i, YEAR, TODAY, &hh);
        const char *on = ref_date(&hh);
        for (int k = 0; k < hh.n_members; k++) {
            const struct member *m = &hh.members[k];
            const int v[] = { m->sex, m->relation, m->ethnic, m->political, m->education,
                              m->schooling, m->health, m->skill, m->work };
            people++;
            for (size_t l = 0; l < sizeof v / sizeof v[0]; l++)
                unfilled += codes_label(member_lists[l], v[l])[0] == '\0';
            int age = age_at(m, on);
            const char *sch = codes_label(CL_SCHOOLING, m->schooling);
            const char *edu = codes_label(CL_EDUCATION, m->education);
            if (age >= 6 && age <= 15)
                bad_school += strcmp(sch, "小学") != 0 && strcmp(sch, "初中") != 0;
            if (!strcmp(sch, "小学"))
                bad_school += age < 6 || age > 11;
            if (age < 6) {
                bad_pre += strcmp(edu, "学龄前儿童") != 0;
                bad_pre += strcmp(sch, "学前教育") != 0 && strcmp(sch, "非在校生") != 0;
            } else {
                bad_pre += !strcmp(edu, "学龄前儿童");
            }
            pre += !strcmp(sch, "学前教育");
            students += m->schooling >= SCHOOL_PRIMARY;
            /* 残疾证号 = ID + category digit + grade digit, only for 残疾. */
            if (m->health == HEALTH_DISABLED) {
                disabled++;
                bad_dis += strlen(m->disability_no) != 20
                           || strncmp(m->disability_no, m->id_no, 18) != 0
                           || m->disability_no[18] < '1' || m->disability_no[18] > '7'
                           || m->disability_no[19] < '1' || m->disability_no[19] > '4';
            } else {
                bad_dis += m->disability_no[0] != '\0';
            }
            int home = !strcmp(codes_label(CL_WORK, m->work), "非务工");
            bad_months += m->work_months < 0 || m->work_months > 12
                          || (home ? m->work_months != 0 : m->work_months == 0);
            const char *skill = codes_label(CL_SKILL, m->skill);
            if (age < 16)
                bad_skill += strcmp(skill, "无劳动力") != 0;
            lost += !strcmp(skill, "丧失劳动力");
            party += !strcmp(codes_label(CL_POLITICAL, m->political), "中共党员");
            insured += m->med_ins;
        }
    }
    CHECK_INT(unfilled, 0);
    CHECK_INT(bad_school, 0);
    CHECK_INT(bad_pre, 0);
    CHECK_INT(bad_dis, 0);
    CHECK_INT(bad_months, 0);
    CHECK_INT(bad_skill, 0);
    CHECK(disabled > people / 100 && students > people / 20 && pre > 0);
    CHECK(lost > 0 && party > 0);
    CHECK(insured > people * 95 / 100);
    demo_area_free(&a);
}

TEST(demo_survey_fields_dates_and_signatures)
{
    struct demo_rng r;
    struct demo_area a;
    CHECK_INT(build(29, 20000, &r, &a), 0);
    int applied = 0, bad_applied = 0, unfilled = 0, bad_danger = 0, dangerous = 0, surveyed = 0,
        bad_dates = 0, bad_sign = 0, bad_phone = 0, bad_bank = 0, bad_area = 0, bad_group = 0;
    static const struct survey zero;
    for (int i = 0; i < 20000; i++) {
        demo_household(&r, &a, i, YEAR, TODAY, &hh);
        const struct survey *s = &hh.survey;
        const struct application *ap = &hh.app;
        const struct demo_village *v = demo_area_village_of(&a, i);
        bad_area += strcmp(hh.village, v->code) != 0;
        int in_village = 0;
        for (int g = 0; g < v->n_groups; g++)
            in_village |= !strcmp(hh.group_name, v->groups[g]);
        bad_group += !in_village;
        /* Mobile: 11 digits, 1 then 3..9. */
        bad_phone += !is_digits(hh.phone, 11) || hh.phone[0] != '1' || hh.phone[1] < '3';
        /* Application: always there, dated this year, accepted and signed. */
        bad_dates += ap->year != YEAR || strncmp(ap->apply_date, "2026-", 5) != 0
                     || strcmp(ap->accept_date, ap->apply_date) < 0
                     || strcmp(ap->accept_date, TODAY) > 0;
        bad_sign += !ap->signed_by_applicant || ap->accepted_by[0] == '\0'
                    || codes_label(CL_CAUSE, ap->main_cause)[0] == '\0';
        if (hh.state == WF_APPLIED) {
            applied++;
            bad_applied += memcmp(s, &zero, sizeof zero) != 0;
            continue;
        }
        surveyed++;
        const int v2[] = { s->standard, s->hh_type, s->main_cause, s->road_type, s->fuel };
        const enum codelist l2[] = { CL_STANDARD, CL_HH_TYPE, CL_CAUSE, CL_ROAD, CL_FUEL };
        for (int k = 0; k < 5; k++)
            unfilled += codes_label(l2[k], v2[k])[0] == '\0';
        unfilled += s->other_cause1 == 0 && s->other_cause2 != 0;
        unfilled += s->other_cause1 && (s->other_cause1 == s->main_cause
                                        || s->other_cause1 == s->other_cause2);
        /* Survey: this year, after the application, not after today. */
        bad_dates += s->year != YEAR || strncmp(s->survey_date, "2026-", 5) != 0
                     || strcmp(ap->apply_date, s->survey_date) >= 0
                     || strcmp(ap->accept_date, s->survey_date) > 0
                     || strcmp(s->survey_date, TODAY) > 0;
        bad_sign += !s->signed_household || !s->signed_cadre || !s->signed_surveyor
                    || !s->surveyor1[0] || !s->surveyor2[0] || !strcmp(s->surveyor1, s->surveyor2);
        bad_sign += ap->main_cause != s->main_cause || ap->other_cause1 != s->other_cause1;
        if (s->dangerous_house) {
            dangerous++;
            const char *g = codes_label(CL_DANGER, s->danger_grade);
            bad_danger += strcmp(g, "C级") != 0 && strcmp(g, "D级") != 0;
        } else {
            bad_danger += s->danger_grade != 0;
        }
        bad_area += s->irrigated_area > s->arable_area || s->returned_forest_area > s->forest_area
                    || s->house_area <= 0 || s->road_distance <= 0;
        bad_bank += !strstr(s->bank, "农村") || !is_digits(s->bank_account, 19);
        for (int k = 0; k < N_SEVEN_EXCL; k++)
            bad_sign += s->exclusion[k] != 0;
    }
    CHECK_INT(bad_area, 0);
    CHECK_INT(bad_group, 0);
    CHECK_INT(bad_phone, 0);
    CHECK_INT(bad_dates, 0);
    CHECK_INT(bad_sign, 0);
    CHECK_INT(bad_applied, 0);
    CHECK_INT(unfilled, 0);
    CHECK_INT(bad_danger, 0);
    CHECK_INT(bad_bank, 0);
    CHECK(applied > 0);
    CHECK(dangerous > surveyed / 40 && dangerous < surveyed / 10);   /* ~5 % */
    demo_area_free(&a);
}

TEST(demo_causes_match_members)
{
    struct demo_rng r;
    struct demo_area a;
    CHECK_INT(build(31, 20000, &r, &a), 0);
    int bad = 0, ill = 0, dis = 0, school = 0;
    int c_ill = codes_by_label(CL_CAUSE, "因病"), c_dis = codes_by_label(CL_CAUSE, "因残"),
        c_school = codes_by_label(CL_CAUSE, "因学");
    for (int i = 0; i < 20000; i++) {
        demo_household(&r, &a, i, YEAR, TODAY, &hh);
        int sick = 0, disabled = 0, students = 0;
        for (int k = 0; k < hh.n_members; k++) {
            const struct member *m = &hh.members[k];
            sick |= m->health == HEALTH_CHRONIC || m->health == HEALTH_SERIOUS;
            disabled |= m->health == HEALTH_DISABLED;
            students |= m->schooling >= SCHOOL_PRIMARY;
        }
        const int causes[3] = { hh.app.main_cause, hh.app.other_cause1, hh.app.other_cause2 };
        for (int k = 0; k < 3; k++) {
            bad += causes[k] == c_ill && !sick;
            bad += causes[k] == c_dis && !disabled;
            bad += causes[k] == c_school && !students;
        }
        ill += causes[0] == c_ill;
        dis += causes[0] == c_dis;
        school += causes[0] == c_school;
    }
    CHECK_INT(bad, 0);
    /* 因病 is the commonest main cause, as in the county statistics. */
    CHECK(ill > 20000 / 8 && dis > 20000 / 50 && school > 20000 / 50);
    demo_area_free(&a);
}

static int64_t line(int year, int standard, enum line_kind kind)
{
    size_t n;
    const struct line *l = lines_seeded(&n);
    money_t amount = 0;
    CHECK(lines_lookup(l, n, year, standard, kind, &amount));
    return amount;
}

TEST(demo_income_against_the_line)
{
    struct demo_rng r;
    struct demo_area a;
    CHECK_INT(build(37, 30000, &r, &a), 0);
    int identified = 0, above = 0, bad_exit = 0, bad_down = 0, negative = 0, exiting = 0,
        bad_parts = 0, low = 0;
    for (int i = 0; i < 30000; i++) {
        demo_household(&r, &a, i, YEAR, TODAY, &hh);
        const struct survey *s = &hh.survey;
        if (hh.state == WF_APPLIED)
            continue;
        const money_t parts[] = { s->wage_income, s->business_income, s->property_income,
                                  s->family_planning, s->dibao, s->tekun, s->pension,
                                  s->eco_comp, s->other_transfer, s->business_cost };
        for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
            negative += parts[k] < 0;
            bad_parts += parts[k] % 100 != 0;         /* whole 元 */
        }
        bad_parts += s->business_cost > s->business_income;
        bad_parts += s->dibao && codes_label(CL_HH_TYPE, s->hh_type)[0] != 0
                     && strcmp(codes_label(CL_HH_TYPE, s->hh_type), "低保贫困户") != 0;
        money_t pc = income_per_capita(s, hh.n_members);
        money_t pov = line(YEAR, s->standard, LINE_POVERTY);
        if (hh.state >= WF_EXIT_APPRAISED && hh.state <= WF_EXITED) {
            exiting++;
            bad_exit += pc < line(YEAR, s->standard, LINE_EXIT);
        } else if (hh.state == WF_REJECTED || hh.state == WF_REMOVAL_NOTICE
                   || hh.state == WF_REMOVED) {
            bad_down += pc < pov;
        } else if (wf_is_identifying(hh.state) || hh.state == WF_REGISTERED) {
            identified++;
            above += pc >= pov;
            low += pc < pov / 2;
        }
    }
    CHECK_INT(negative, 0);
    CHECK_INT(bad_parts, 0);
    CHECK_INT(bad_exit, 0);
    CHECK_INT(bad_down, 0);
    CHECK(exiting > 0);
    /* The deliberate warning: about 1 % above the line. */
    CHECK(above > identified / 300 && above < identified / 50);
    CHECK(low < identified / 5);
    demo_area_free(&a);
}

TEST(demo_state_spread_and_household_numbers)
{
    struct demo_rng r;
    struct demo_area a;
    CHECK_INT(build(41, 100000, &r, &a), 0);
    static int count[WF_STATE_COUNT];
    int bad_no = 0, dup = 0;
    set = calloc((size_t)1 << SET_BITS, sizeof *set);
    CHECK(set != NULL);
    if (!set)
        return;
    for (int i = 0; i < 100000; i++) {
        demo_household(&r, &a, i, YEAR, TODAY, &hh);
        CHECK(hh.state > WF_NONE && hh.state < WF_STATE_COUNT);
        if (hh.state <= WF_NONE || hh.state >= WF_STATE_COUNT)
            continue;
        count[hh.state]++;
        int registered = hh.state == WF_REGISTERED
                         || (hh.state >= WF_EXIT_APPRAISED && hh.state <= WF_REMOVED);
        if (!registered) {
            bad_no += hh.hh_no[0] != '\0';
            continue;
        }
        bad_no += !is_digits(hh.hh_no, 16) || strncmp(hh.hh_no, hh.village, 12) != 0
                  || strcmp(hh.hh_no + 12, "0000") == 0;
        /* 16 digits do not fit the 17-digit set key scheme's first digit: pad. */
        char key[18];
        snprintf(key, sizeof key, "0%s", hh.hh_no);
        dup += !set_add(key);
    }
    CHECK_INT(bad_no, 0);
    CHECK_INT(dup, 0);
    for (int st = WF_APPLIED; st < WF_STATE_COUNT; st++)
        CHECK(count[st] > 0);
    for (int st = WF_APPLIED; st < WF_STATE_COUNT; st++)
        if (st != WF_REGISTERED)
            CHECK(count[st] < count[WF_REGISTERED]);
    CHECK(count[WF_REGISTERED] > 45000 && count[WF_REGISTERED] < 65000);
    CHECK(count[WF_EXITED] > 10000);
    free(set);
    demo_area_free(&a);
}

/* Every generated household passes every error-level check of the engine;
 * the only warnings are the documented ones (demo.h). */
TEST(demo_check_engine_finds_no_errors)
{
    setenv("FUPIN_TODAY", TODAY, 1);
    struct demo_rng r;
    struct demo_area a;
    CHECK_INT(build(43, 20000, &r, &a), 0);
    struct check_ctx ctx;
    checks_ctx_init(&ctx);
    snprintf(ctx.today, sizeof ctx.today, "%s", TODAY);
    static struct check_result res[256];
    int errors = 0, above = 0, other = 0, identified = 0;
    for (int i = 0; i < 20000; i++) {
        demo_household(&r, &a, i, YEAR, TODAY, &hh);
        identified += wf_is_identifying(hh.state) || hh.state == WF_REGISTERED;
        size_t n = checks_run_household(&ctx, &hh, res, 256);
        for (size_t k = 0; k < n; k++) {
            if (res[k].def->level == CHECK_ERROR) {
                if (errors++ < 5)
                    fprintf(stderr, "    household %d: %s %s\n", i, res[k].def->id, res[k].message);
            } else if (!strcmp(res[k].def->id, "ABOVE_LINE")) {
                above++;
            } else if (other++ < 5) {
                fprintf(stderr, "    household %d: %s %s\n", i, res[k].def->id, res[k].message);
            }
        }
    }
    CHECK_INT(errors, 0);
    CHECK_INT(other, 0);
    CHECK(above > identified / 300 && above < identified / 50);
    demo_area_free(&a);
}

/* Other years and an early "today": every date stays in the year and not
 * after today; nobody is born after the survey. */
TEST(demo_dates_other_years_and_early_today)
{
    struct demo_rng r;
    struct demo_area a;
    CHECK_INT(build(47, 2000, &r, &a), 0);
    static const struct { int year; const char *today; } cases[] = {
        { 2024, "2026-11-23" }, { 2026, "2026-02-20" }, { 2016, "2016-12-31" },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        int bad = 0;
        char yprefix[6];
        snprintf(yprefix, sizeof yprefix, "%d-", cases[c].year);
        for (int i = 0; i < 2000; i++) {
            demo_household(&r, &a, i, cases[c].year, cases[c].today, &hh);
            const char *dates[] = { hh.app.apply_date, hh.app.accept_date, hh.survey.survey_date };
            for (int k = 0; k < 3; k++) {
                if (k == 2 && hh.state == WF_APPLIED)
                    continue;
                bad += strncmp(dates[k], yprefix, 5) != 0 || strcmp(dates[k], cases[c].today) > 0;
            }
            const char *on = hh.state == WF_APPLIED ? cases[c].today : hh.survey.survey_date;
            for (int k = 0; k < hh.n_members; k++)
                bad += strcmp(hh.members[k].birth, on) >= 0;
            bad += hh.state != WF_APPLIED && strcmp(hh.app.apply_date, hh.survey.survey_date) >= 0;
        }
        CHECK_INT(bad, 0);
    }
    demo_area_free(&a);
}
