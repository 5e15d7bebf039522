/* demo.c — synthetic, reproducible demo data (see demo.h): the PRNG and the
 * helpers every demo file draws with, the area (townships, villages, groups,
 * cadres), and demo_household(), which draws a household in steps:
 * state, contact, dates, then the family and its ID numbers
 * (core/demo_family.c), the survey (core/demo_survey.c) and the
 * application.  core/demo_priv.h says what the files share.
 *
 * Every step draws from one stream (the area's, or the household's own) in
 * a fixed order: moving a draw changes all that is drawn after it, and the
 * tests pin exact data. */
#include "core/demo_priv.h"
#include "core/clock.h"
#include "core/workflow.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- PRNG */

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

void demo_rng_seed(struct demo_rng *r, uint64_t seed)
{
    r->seed = seed;
    r->state = seed;
}

uint64_t demo_rng_next(struct demo_rng *r)
{
    r->state += 0x9E3779B97F4A7C15u;
    return mix64(r->state);
}

int demo_rng_below(struct demo_rng *r, int n)
{
    if (n <= 0)
        return 0;
    uint64_t un = (uint64_t)n;
    /* Reject the top 2^64 mod n values so every residue is equally likely. */
    uint64_t rem = (UINT64_MAX % un + 1) % un;
    uint64_t x;
    do
        x = demo_rng_next(r);
    while (rem && x >= 0 - rem);
    return (int)(x % un);
}

int demo_range(struct demo_rng *r, int lo, int hi)
{
    return hi <= lo ? lo : lo + demo_rng_below(r, hi - lo + 1);
}

int demo_chance(struct demo_rng *r, int per_mille)
{
    return demo_rng_below(r, 1000) < per_mille;
}

/* Index into weights[0..n) with probability proportional to the weight. */
int demo_pick_weighted(struct demo_rng *r, const int *weights, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++)
        total += weights[i];
    int x = demo_rng_below(r, total);
    for (int i = 0; i < n; i++) {
        if (x < weights[i])
            return i;
        x -= weights[i];
    }
    return n - 1;
}

/* All formatting goes through here: every buffer is sized by construction,
 * but gcc's -Wformat-truncation guesses (which change with -O level) cannot
 * see that through the tables, and would break the -Werror build. */
void demo_set_text(char *dst, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(dst, n, fmt, ap);
    va_end(ap);
}

void demo_digits(struct demo_rng *r, char *out, int n)
{
    for (int i = 0; i < n; i++)
        out[i] = (char)('0' + demo_rng_below(r, 10));
    out[n] = '\0';
}

/* ---------------------------------------------------------------- area */

/* The real townships of 隆安县 with their 统计用区划代码 suffixes (镇 1xx,
 * 乡 2xx), in the order they are used: 古潭乡 is the seed's township. */
static const struct { const char *code, *name; } township_table[DEMO_MAX_TOWNSHIPS] = {
    { "200", "古潭乡" }, { "104", "乔建镇" }, { "103", "那桐镇" }, { "100", "城厢镇" },
    { "101", "南圩镇" }, { "102", "雁江镇" }, { "105", "丁当镇" }, { "201", "都结乡" },
    { "202", "布泉乡" }, { "203", "屏山乡" },
};

/* Village and 屯 names in the Zhuang place-name style (那 = paddy field,
 * 板 = village, 岜 = rock hill …): first × second syllable. */
static const char *const place_first[] = {
    "那", "板", "布", "岜", "古", "龙", "定", "伏", "弄", "渌", "陇", "琴", "敬", "雁",
    "乔", "福", "新", "民", "联", "兴", "东", "西", "南", "北", "上", "下", "大", "小",
    "林", "合", "平", "安",
};
static const char *const place_second[] = {
    "门", "况", "桐", "朗", "良", "湾", "塘", "王", "圩", "江", "坡", "沙", "团", "庄",
    "利", "伦", "造", "标", "料", "岭", "洞", "垌", "达", "孟", "怀", "埠", "浪", "坛",
    "马", "练", "彭", "荣", "兰", "明", "光", "华", "丰", "盛", "香", "平",
};
#define N_PLACES (COUNT(place_first) * COUNT(place_second))

static const char *const numerals[DEMO_MAX_GROUPS] = {
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
};

static void place_name(int combo, const char *suffix, char *out, size_t outsz)
{
    demo_set_text(out, outsz, "%s%s%s", place_first[combo / COUNT(place_second)],
                  place_second[combo % COUNT(place_second)], suffix);
}

/* A combo whose two syllables differ (no 平平村). */
static int place_combo_ok(int combo)
{
    return strcmp(place_first[combo / COUNT(place_second)],
                  place_second[combo % COUNT(place_second)]) != 0;
}

static void build_groups(struct demo_rng *r, struct demo_village *v)
{
    v->n_groups = demo_range(r, 5, 12);
    if (demo_chance(r, 500)) {
        for (int g = 0; g < v->n_groups; g++)
            demo_set_text(v->groups[g], sizeof v->groups[g], "第%s组", numerals[g]);
        return;
    }
    int used[DEMO_MAX_GROUPS];
    for (int g = 0; g < v->n_groups; g++) {
        int c, dup;
        do {
            c = demo_rng_below(r, N_PLACES);
            dup = !place_combo_ok(c);
            for (int k = 0; k < g && !dup; k++)
                dup = used[k] == c;
        } while (dup);
        used[g] = c;
        place_name(c, "屯", v->groups[g], sizeof v->groups[g]);
    }
}

static int cmp_township(const void *a, const void *b)
{
    return strcmp(((const struct demo_township *)a)->code, ((const struct demo_township *)b)->code);
}

/* The county's first nt townships, sorted by code. */
static void name_townships(struct demo_area *a, int nt)
{
    for (int t = 0; t < nt; t++) {
        demo_set_text(a->townships[t].code, sizeof a->townships[t].code, "450123%s",
                      township_table[t].code);
        demo_set_text(a->townships[t].name, sizeof a->townships[t].name, "%s",
                      township_table[t].name);
    }
    qsort(a->townships, (size_t)nt, sizeof a->townships[0], cmp_township);
}

/* Village names: a shuffled deck of syllable pairs, so no two villages of
 * the county share a name (imports match villages by name, §7.2).  Fills
 * combos (room for N_PLACES) and returns how many it holds. */
static int shuffle_place_combos(struct demo_rng *r, int *combos)
{
    int ncombo = 0;
    for (int c = 0; c < N_PLACES; c++)
        if (place_combo_ok(c))
            combos[ncombo++] = c;
    for (int i = ncombo - 1; i > 0; i--) {
        int j = demo_rng_below(r, i + 1);
        int tmp = combos[i];
        combos[i] = combos[j];
        combos[j] = tmp;
    }
    return ncombo;
}

/* The village's DEMO_CADRES cadres, no two of the same name. */
static void pick_cadres(struct demo_rng *r, struct demo_village *vi)
{
    for (int c = 0; c < DEMO_CADRES; c++) {
        int dup;
        do {
            demo_cadre_name(r, vi->cadres[c], sizeof vi->cadres[c]);
            dup = 0;
            for (int p = 0; p < c && !dup; p++)
                dup = strcmp(vi->cadres[p], vi->cadres[c]) == 0;
        } while (dup);
    }
}

/* Shares the villages out over the townships, in order, and gives each its
 * code, name (combos[], from shuffle_place_combos), groups and cadres. */
static void build_villages(struct demo_rng *r, struct demo_area *a, const int *combos,
                           int ncombo)
{
    int nv = a->n_villages, nt = a->n_townships;
    int v = 0;
    for (int t = 0; t < nt; t++) {
        struct demo_township *tw = &a->townships[t];
        tw->first_village = v;
        tw->n_villages = nv / nt + (t < nv % nt);
        for (int k = 0; k < tw->n_villages; k++, v++) {
            struct demo_village *vi = &a->villages[v];
            vi->township = t;
            demo_set_text(vi->code, sizeof vi->code, "%s%03d", tw->code, 201 + k);
            place_name(combos[v % ncombo], "村", vi->name, sizeof vi->name);
            build_groups(r, vi);
            pick_cadres(r, vi);
        }
    }
}

/* Village sizes: weights 150..400, scaled so the households add up to n.
 * weights has room for the villages. */
static void size_villages(struct demo_rng *r, struct demo_area *a, int *weights)
{
    int n = a->n_households, nv = a->n_villages;
    int64_t total = 0;
    for (int i = 0; i < nv; i++) {
        weights[i] = demo_range(r, 150, 400);
        total += weights[i];
    }
    int64_t cum = 0;
    for (int i = 0; i < nv; i++) {
        int first = (int)(n * cum / total);
        cum += weights[i];
        a->villages[i].first_household = first;
        a->villages[i].n_households = (int)(n * cum / total) - first;
    }
}

int demo_area_build(struct demo_rng *r, int n, struct demo_area *a)
{
    memset(a, 0, sizeof *a);
    if (n < 0 || n > DEMO_MAX_HOUSEHOLDS)
        return -1;
    demo_set_text(a->county_code, sizeof a->county_code, "450123");   /* 南宁市隆安县 */
    demo_set_text(a->county_name, sizeof a->county_name, "隆安县");
    a->n_households = n;

    int nv = (n + 137) / 275;           /* villages average ~275 households */
    if (nv < 2)
        nv = 2;
    int nt = (nv + 11) / 12;
    if (nt > DEMO_MAX_TOWNSHIPS)
        nt = DEMO_MAX_TOWNSHIPS;
    a->villages = calloc((size_t)nv, sizeof *a->villages);
    int *combos = malloc(sizeof *combos * N_PLACES);
    int *weights = malloc(sizeof *weights * (size_t)nv);
    if (!a->villages || !combos || !weights) {
        free(combos);
        free(weights);
        demo_area_free(a);
        return -1;
    }
    a->n_villages = nv;
    a->n_townships = nt;

    name_townships(a, nt);
    int ncombo = shuffle_place_combos(r, combos);
    build_villages(r, a, combos, ncombo);
    size_villages(r, a, weights);
    free(combos);
    free(weights);
    return 0;
}

void demo_area_free(struct demo_area *a)
{
    if (!a)
        return;
    free(a->villages);
    memset(a, 0, sizeof *a);
}

const struct demo_village *demo_area_village_of(const struct demo_area *a, int index)
{
    if (!a || a->n_villages <= 0 || !a->villages)
        return NULL;
    if (a->n_households > 0) {
        index %= a->n_households;
        if (index < 0)
            index += a->n_households;
    } else {
        index = 0;
    }
    int lo = 0, hi = a->n_villages - 1;     /* last village starting at or before index */
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (a->villages[mid].first_household <= index)
            lo = mid;
        else
            hi = mid - 1;
    }
    /* Empty villages share a start with the next one: skip to the one that holds it. */
    while (lo + 1 < a->n_villages && a->villages[lo].n_households == 0
           && a->villages[lo + 1].first_household <= index)
        lo++;
    return &a->villages[lo];
}

/* ---------------------------------------------------------------- households */

/* State spread (per mille) and the survey-date margin each state needs before
 * today: the later the step, the earlier the survey must have been. */
static const struct { int state, weight, gap; } state_table[] = {
    { WF_APPLIED, 40, 0 },       { WF_SURVEYED, 40, 3 },      { WF_APPRAISED, 30, 10 },
    { WF_NOTICE1, 30, 15 },      { WF_RECHECKED, 20, 25 },    { WF_NOTICE2, 20, 30 },
    { WF_NOTICE3, 20, 40 },      { WF_REGISTERED, 540, 60 },  { WF_REJECTED, 25, 15 },
    { WF_WITHDRAWN, 5, 5 },      { WF_EXIT_APPRAISED, 10, 70 }, { WF_EXIT_NOTICE1, 10, 75 },
    { WF_EXIT_NOTICE2, 5, 85 },  { WF_EXIT_NOTICE3, 5, 95 },  { WF_EXITED, 180, 110 },
    { WF_REMOVAL_NOTICE, 5, 70 }, { WF_REMOVED, 15, 80 },
};

static int is_exit_path(int s)
{
    return s >= WF_EXIT_APPRAISED && s <= WF_EXITED;
}

static int was_registered(int s)
{
    return s == WF_REGISTERED || (s >= WF_EXIT_APPRAISED && s <= WF_REMOVED);
}

static const char *const mobile_prefixes[] = {
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
    "156", "157", "158", "159", "166", "176", "177", "178", "180", "181", "182", "183", "185",
    "186", "187", "188", "189", "191", "198", "199",
};

/* A state_table row, drawn by weight. */
static int pick_state_row(struct demo_rng *r)
{
    int weights[COUNT(state_table)];
    for (int i = 0; i < COUNT(state_table); i++)
        weights[i] = state_table[i].weight;
    return demo_pick_weighted(r, weights, COUNT(state_table));
}

/* Village, 村民小组, 户编号 (households that were registered) and phone;
 * idx is the household's index in the area.  Needs hh->state. */
static void fill_contact(struct demo_rng *r, const struct demo_village *v, int idx,
                         struct household *hh)
{
    demo_set_text(hh->village, sizeof hh->village, "%s", v->code);
    demo_set_text(hh->group_name, sizeof hh->group_name, "%s",
                  v->groups[demo_rng_below(r, v->n_groups)]);
    if (was_registered(hh->state))
        demo_set_text(hh->hh_no, sizeof hh->hh_no, "%.12s%04u", v->code,
                      (unsigned)(idx - v->first_household + 1) % 10000u);
    char mobile[9];
    demo_digits(r, mobile, 8);
    demo_set_text(hh->phone, sizeof hh->phone, "%s%s", PICK(r, mobile_prefixes), mobile);
}

/* A household's survey date (also as a day number, date_to_days) and its
 * application and acceptance dates. */
struct hh_dates {
    long survey_day;
    char survey[11], apply[11], accept[11];
};

/* Dates: application, then survey 5–30 days later, early enough in the
 * year for the state's later steps to have happened before today (`gap`
 * days, from state_table). */
static void draw_dates(struct demo_rng *r, int year, long today_days, int state, int gap,
                       struct hh_dates *d)
{
    long lo = date_to_days(year, 1, 2) + 30;
    long hi = date_to_days(year, 12, 28);
    if (hi > today_days)
        hi = today_days;
    hi -= gap;
    if (hi < lo)
        hi = lo;
    if (hi > today_days)
        hi = today_days;
    if (lo > hi)
        lo = hi;
    long survey_day = lo + demo_rng_below(r, (int)(hi - lo + 1));
    long apply_day = state == WF_APPLIED ? survey_day : survey_day - demo_range(r, 5, 30);
    long accept_day = apply_day + demo_range(r, 0, 2);
    if (accept_day > (state == WF_APPLIED ? today_days : survey_day))
        accept_day = apply_day;
    d->survey_day = survey_day;
    days_to_date(survey_day, d->survey);
    days_to_date(apply_day, d->apply);
    days_to_date(accept_day, d->accept);
}

/* The 申请书, from the survey's causes (before a WF_APPLIED household's
 * survey is cleared) and the dates; accepted by the village's 受理人. */
static void fill_application(const struct demo_village *v, int year, const struct hh_dates *d,
                             struct household *hh)
{
    const struct survey *s = &hh->survey;
    struct application *ap = &hh->app;
    ap->year = year;
    ap->main_cause = s->main_cause;
    ap->other_cause1 = s->other_cause1;
    ap->other_cause2 = s->other_cause2;
    demo_set_text(ap->reason, sizeof ap->reason, "%s", demo_cause_reason(s->main_cause));
    demo_set_text(ap->apply_date, sizeof ap->apply_date, "%s", d->apply);
    demo_set_text(ap->accepted_by, sizeof ap->accepted_by, "%s", v->cadres[0]);
    demo_set_text(ap->accept_date, sizeof ap->accept_date, "%s", d->accept);
    ap->signed_by_applicant = 1;
}

void demo_household(const struct demo_rng *rs, const struct demo_area *a, int index,
                    int year, const char *today, struct household *hh)
{
    memset(hh, 0, sizeof *hh);
    const struct demo_village *v = demo_area_village_of(a, index);
    if (!v)
        return;
    int idx = a->n_households > 0 ? index % a->n_households : 0;
    if (idx < 0)
        idx += a->n_households;
    /* Each household has its own stream, so it depends on (seed, index) only. */
    struct demo_rng rr = { rs->seed, mix64(rs->seed ^ mix64((uint64_t)idx + 0x632BE59BD9B4E019u)) };
    struct demo_rng *r = &rr;

    char today_s[11];
    if (!today || !date_normalise(today, today_s))
        clock_today(today_s);
    int ty, tm, td;
    date_parse(today_s, &ty, &tm, &td);
    long today_days = date_to_days(ty, tm, td);

    int si = pick_state_row(r);
    hh->state = state_table[si].state;
    int exiting = is_exit_path(hh->state);
    fill_contact(r, v, idx, hh);
    struct hh_dates d;
    draw_dates(r, year, today_days, hh->state, state_table[si].gap, &d);
    /* Ages are reckoned where the check engine reckons them: at the survey,
     * or today for a household not yet surveyed. */
    const char *ref = hh->state == WF_APPLIED ? today_s : d.survey;

    int ages[HH_MAX_MEMBERS];
    demo_family(r, a->county_code, idx, year < ty ? year : ty, ref, exiting, hh, ages);
    demo_survey(r, a, v, year, exiting, d.survey, ages, hh);
    fill_application(v, year, &d, hh);

    struct survey *s = &hh->survey;
    if (hh->state == WF_APPLIED)
        memset(s, 0, sizeof *s);     /* not surveyed yet */
    /* On the register from 45 days after the survey (the 三榜 between), not
     * "today": the 帮扶规划 due by 07-31 asks who was 在册 then. */
    if (hh->state == WF_REGISTERED) {
        long since = d.survey_day + 45 < today_days ? d.survey_day + 45 : today_days;
        days_to_date(since, hh->state_since);
    }
}
