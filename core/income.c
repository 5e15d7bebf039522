/* income.c — income sums, labour age, poverty/exit lines and money text
 * (SPEC §3.1, §5.2, §5.3).  Money is integer fen throughout. */
#include <stddef.h>          /* before income.h, which uses size_t without it */
#include "core/income.h"
#include "core/clock.h"
#include "core/codes.h"
#include <stdio.h>
#include <string.h>

money_t income_transfer(const struct survey *s)
{
    return s->family_planning + s->dibao + s->tekun + s->pension + s->eco_comp
         + s->other_transfer;
}

money_t income_net(const struct survey *s)
{
    return s->wage_income + s->business_income + s->property_income + income_transfer(s)
         - s->business_cost;
}

int income_parts_empty(const struct survey *s)
{
    return !s->wage_income && !s->business_income && !s->property_income && !s->family_planning &&
           !s->dibao && !s->tekun && !s->pension && !s->eco_comp && !s->other_transfer &&
           !s->business_cost;
}

money_t income_per_capita(const struct survey *s, int family_size)
{
    if (family_size <= 0)
        return 0;
    if (s->declared_per_capita && income_parts_empty(s))
        return s->declared_per_capita;
    money_t net = income_net(s);
    money_t q = net / family_size, r = net % family_size;   /* r has net's sign */
    money_t ar = r < 0 ? -r : r;
    if (2 * ar >= family_size)          /* half or more: away from zero */
        q += net < 0 ? -1 : 1;
    return q;
}

const struct labour_ages LABOUR_AGES_DEFAULT = { 16, 60, 55 };

/* Inclusive at both ends: a man is of working age from his 16th birthday
 * until the day before his 61st (age 60 still counts). */
int labour_is_working_age(const struct labour_ages *la, int sex, const char *birth, const char *on)
{
    if (!la)
        la = &LABOUR_AGES_DEFAULT;
    int age = age_on(birth, on);
    if (age < 0)
        return 0;
    int max;
    if (sex == SEX_MALE)
        max = la->male_max;
    else if (sex == SEX_FEMALE)
        max = la->female_max;
    else
        return 0;                       /* unknown sex: cannot say */
    return age >= la->min_age && age <= max;
}

/* The seeded lines (SPEC §5.3), per person per year, each with the basis the
 * seed states it on (printed beside it wherever a line is shown):
 * - 国家标准 poverty line 2300 元 at 2010 constant prices (the seeds give no
 *   later national figure; lines_lookup carries 2010 forward, and
 *   lines_describe says so).  The national exit line is the same 2300 元:
 *   exit under the national standard means rising above the line the
 *   household was identified by.
 * - 省定标准 (Guangdong relative poverty) 4000 元 at 2014 prices, seed 003.
 * - 省定标准 exit lines 7365 元, seed 003's projection for 2018 (到 2018 年 …
 *   全省农村居民人均收入的 45%, 预计 7365 元), and 9060 元 for 2020 (seed 004,
 *   测算数).
 * - 市定标准 has no seeded value: clerks add it on the settings screen.
 * The village exit figures (60 %: 9820 / 13000 元) concern 贫困村, not
 * households, so they are not lines of this table. */
static const struct line seeded[] = {
    { 2010, STD_NATIONAL,   LINE_POVERTY, 230000 },
    { 2010, STD_NATIONAL,   LINE_EXIT,    230000 },
    { 2014, STD_PROVINCIAL, LINE_POVERTY, 400000 },
    { 2018, STD_PROVINCIAL, LINE_EXIT,    736500 },
    { 2020, STD_PROVINCIAL, LINE_EXIT,    906000 },
};
static const char *const seeded_basis[] = {
    "2010年不变价", "2010年不变价", "2014年不变价",
    "2018年预计数, 全省农村居民人均收入的45%", "2020年测算数, 全省农民人均可支配收入的45%",
};
_Static_assert(sizeof seeded / sizeof *seeded == sizeof seeded_basis / sizeof *seeded_basis,
               "one basis per seeded line");

const struct line *lines_seeded(size_t *n)
{
    *n = sizeof seeded / sizeof *seeded;
    return seeded;
}

const char *lines_basis(const struct line *l)
{
    for (size_t i = 0; i < sizeof seeded / sizeof *seeded; i++)
        if (seeded[i].year == l->year && seeded[i].standard == l->standard &&
            seeded[i].kind == l->kind && seeded[i].amount == l->amount)
            return seeded_basis[i];
    return "";
}

/* Index of the line for (year, standard, kind): the exact year, else the
 * latest earlier one; -1 when none. */
static int line_index(const struct line *lines, size_t n, int year, int standard, enum line_kind kind)
{
    int best = -1;
    for (size_t i = 0; i < n; i++) {
        const struct line *l = &lines[i];
        if (l->standard != standard || l->kind != kind || l->year > year)
            continue;
        if (best < 0 || l->year > lines[best].year)
            best = (int)i;
    }
    return best;
}

int lines_describe(const struct line *lines, size_t n, int year, int standard, enum line_kind kind,
                   char *out, size_t outsz)
{
    int i = line_index(lines, n, year, standard, kind);
    if (i < 0) {
        snprintf(out, outsz, "未设定");
        return 0;
    }
    const struct line *l = &lines[i];
    char amount[32], from[40] = "";
    money_format(l->amount, amount, sizeof amount);
    const char *basis = lines_basis(l);
    if (l->year != year)
        snprintf(from, sizeof from, "%s%d年未设定, 用%d年的线", basis[0] ? "; " : "", year, l->year);
    if (basis[0] || from[0])
        snprintf(out, outsz, "%s 元 (%s%s)", amount, basis, from);
    else
        snprintf(out, outsz, "%s 元", amount);
    return 1;
}

int lines_lookup(const struct line *lines, size_t n, int year, int standard,
                 enum line_kind kind, money_t *amount)
{
    int i = line_index(lines, n, year, standard, kind);
    if (i < 0)
        return 0;
    *amount = lines[i].amount;
    return 1;
}

/* "1,234.56" / "1234.5" / "1234" → value ×100.  Commas must group by three
 * ("1,2" could be a European 1.2 and is refused).  No sign, at most two
 * decimals, no overflow; surrounding spaces are allowed. */
static int parse_hundredths(const char *s, int64_t *out)
{
    const int64_t max = (INT64_MAX - 99) / 100;    /* whole part that still fits */
    int64_t whole = 0;
    int ndigits = 0, group = 0, commas = 0, frac = 0, nfrac = 0;

    if (!s)
        return 0;
    while (*s == ' ' || *s == '\t')
        s++;
    for (; (*s >= '0' && *s <= '9') || *s == ','; s++) {
        if (*s == ',') {
            if (ndigits == 0 || (commas ? group != 3 : group > 3))
                return 0;
            commas++;
            group = 0;
            continue;
        }
        if (whole > (max - (*s - '0')) / 10)
            return 0;
        whole = whole * 10 + (*s - '0');
        ndigits++;
        group++;
    }
    if (commas && group != 3)
        return 0;
    if (*s == '.') {
        s++;
        for (; *s >= '0' && *s <= '9'; s++) {
            if (++nfrac > 2)
                return 0;
            frac = frac * 10 + (*s - '0');
        }
    }
    if (ndigits == 0 && nfrac == 0)
        return 0;
    if (nfrac == 1)
        frac *= 10;
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s)
        return 0;
    *out = whole * 100 + frac;
    return 1;
}

static void format_hundredths(int64_t v, char *out, size_t outsz)
{
    /* Magnitude as unsigned, so INT64_MIN does not overflow on negation. */
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    snprintf(out, outsz, "%s%llu.%02llu", v < 0 ? "-" : "",
             (unsigned long long)(mag / 100), (unsigned long long)(mag % 100));
}

int money_parse(const char *s, money_t *out)
{
    return parse_hundredths(s, out);
}

void money_format(money_t v, char *out, size_t outsz)
{
    format_hundredths(v, out, outsz);
}

int hundredths_parse(const char *s, int64_t *out)
{
    return parse_hundredths(s, out);
}

void hundredths_format(int64_t v, char *out, size_t outsz)
{
    format_hundredths(v, out, outsz);
}
