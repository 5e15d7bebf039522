/* Unit tests of core/income: sums, per-capita rounding, labour age, lines,
 * money text.  Expected values are worked by hand in the comments. */
#include "tests/harness.h"
#include "core/codes.h"
#include "core/income.h"

static struct survey sample(void)
{
    struct survey s;
    memset(&s, 0, sizeof s);
    s.wage_income = 1200000;        /* 12000.00 */
    s.business_income = 350050;     /*  3500.50 */
    s.property_income = 10000;      /*   100.00 */
    s.family_planning = 50000;      /*   500.00 */
    s.dibao = 360000;               /*  3600.00 */
    s.tekun = 0;
    s.pension = 120000;             /*  1200.00 */
    s.eco_comp = 2525;              /*    25.25 */
    s.other_transfer = 100;         /*     1.00 */
    s.business_cost = 200000;       /*  2000.00 */
    return s;
}

TEST(income_transfer_and_net)
{
    struct survey s = sample();
    /* 500 + 3600 + 0 + 1200 + 25.25 + 1 = 5326.25 */
    CHECK_INT(income_transfer(&s), 532625);
    /* 12000 + 3500.50 + 100 + 5326.25 − 2000 = 18926.75 */
    CHECK_INT(income_net(&s), 1892675);
}

TEST(income_per_capita_rounding)
{
    struct survey s;
    memset(&s, 0, sizeof s);
    s.wage_income = 1000;                       /* 10.00 / 3 = 3.333… → 3.33 */
    CHECK_INT(income_per_capita(&s, 3), 333);
    s.wage_income = 1001;                       /* 10.01 / 2 = 5.005 → 5.01 (half up) */
    CHECK_INT(income_per_capita(&s, 2), 501);
    s.wage_income = 1000;                       /* 10.00 / 6 = 1.6666… → 1.67 */
    CHECK_INT(income_per_capita(&s, 6), 167);
    s.wage_income = 1003;                       /* 10.03 / 4 = 2.5075 → 2.51 */
    CHECK_INT(income_per_capita(&s, 4), 251);
    s.wage_income = 1001;                       /* 10.01 / 4 = 2.5025 → 2.50 */
    CHECK_INT(income_per_capita(&s, 4), 250);
    struct survey t = sample();                 /* 18926.75 / 4 = 4731.6875 → 4731.69 */
    CHECK_INT(income_per_capita(&t, 4), 473169);
    CHECK_INT(income_per_capita(&t, 0), 0);
    CHECK_INT(income_per_capita(&t, -2), 0);
}

TEST(income_per_capita_negative_net)
{
    struct survey s;
    memset(&s, 0, sizeof s);
    s.business_income = 100000;                 /* 1000.00 */
    s.business_cost = 100101;                   /* 1001.01 → net −1.01 */
    CHECK_INT(income_net(&s), -101);
    CHECK_INT(income_per_capita(&s, 2), -51);   /* −0.505 → −0.51 (away from zero) */
    s.business_cost = 100100;                   /* net −1.00; /3 = −0.333… → −0.33 */
    CHECK_INT(income_per_capita(&s, 3), -33);
    s.business_cost = 100200;                   /* net −2.00; /3 = −0.666… → −0.67 */
    CHECK_INT(income_per_capita(&s, 3), -67);
}

TEST(income_labour_age_male_boundaries)
{
    const struct labour_ages *la = &LABOUR_AGES_DEFAULT;
    /* 16th birthday on 2026-11-23. */
    CHECK(!labour_is_working_age(la, SEX_MALE, "2010-11-23", "2026-11-22"));
    CHECK(labour_is_working_age(la, SEX_MALE, "2010-11-23", "2026-11-23"));
    /* 60 still counts until the day before the 61st birthday. */
    CHECK(labour_is_working_age(la, SEX_MALE, "1965-11-24", "2026-11-23"));  /* 60 */
    CHECK(!labour_is_working_age(la, SEX_MALE, "1965-11-23", "2026-11-23")); /* 61 today */
    CHECK(labour_is_working_age(la, SEX_MALE, "1966-11-23", "2026-11-23"));  /* 60 today */
}

TEST(income_labour_age_female_and_configured)
{
    const struct labour_ages *la = &LABOUR_AGES_DEFAULT;
    CHECK(labour_is_working_age(la, SEX_FEMALE, "1970-11-24", "2026-11-23"));  /* 55 */
    CHECK(!labour_is_working_age(la, SEX_FEMALE, "1970-11-23", "2026-11-23")); /* 56 */
    CHECK(!labour_is_working_age(la, SEX_FEMALE, "2010-11-24", "2026-11-23")); /* 15 */
    struct labour_ages wide = { 16, 65, 60 };
    CHECK(labour_is_working_age(&wide, SEX_FEMALE, "1970-11-23", "2026-11-23"));
    CHECK(labour_is_working_age(&wide, SEX_MALE, "1961-11-24", "2026-11-23"));  /* 64 */
    CHECK(!labour_is_working_age(&wide, SEX_MALE, "1960-11-23", "2026-11-23")); /* 66 */
    CHECK(!labour_is_working_age(la, 0, "1990-01-01", "2026-11-23"));          /* sex unknown */
    CHECK(!labour_is_working_age(la, SEX_MALE, "", "2026-11-23"));
    CHECK(labour_is_working_age(NULL, SEX_MALE, "1990-01-01", "2026-11-23"));   /* defaults */
}

TEST(income_lines_seeded_and_lookup)
{
    size_t n;
    const struct line *l = lines_seeded(&n);
    money_t v = 0;
    CHECK(n >= 4);
    CHECK(lines_lookup(l, n, 2010, STD_NATIONAL, LINE_POVERTY, &v));
    CHECK_INT(v, 230000);
    CHECK(lines_lookup(l, n, 2020, STD_NATIONAL, LINE_POVERTY, &v));   /* falls back to 2010 */
    CHECK_INT(v, 230000);
    CHECK(!lines_lookup(l, n, 2009, STD_NATIONAL, LINE_POVERTY, &v));
    CHECK(lines_lookup(l, n, 2014, STD_PROVINCIAL, LINE_POVERTY, &v));
    CHECK_INT(v, 400000);
    /* 7365 元 is seed 003's projection for 2018: no provincial exit line before. */
    CHECK(!lines_lookup(l, n, 2017, STD_PROVINCIAL, LINE_EXIT, &v));
    CHECK(lines_lookup(l, n, 2018, STD_PROVINCIAL, LINE_EXIT, &v));
    CHECK_INT(v, 736500);
    CHECK(lines_lookup(l, n, 2019, STD_PROVINCIAL, LINE_EXIT, &v));    /* latest earlier: 2018 */
    CHECK_INT(v, 736500);
    CHECK(lines_lookup(l, n, 2020, STD_PROVINCIAL, LINE_EXIT, &v));
    CHECK_INT(v, 906000);
    CHECK(lines_lookup(l, n, 2026, STD_PROVINCIAL, LINE_EXIT, &v));
    CHECK_INT(v, 906000);
    CHECK(lines_lookup(l, n, 2018, STD_NATIONAL, LINE_EXIT, &v));
    CHECK_INT(v, 230000);
    CHECK(!lines_lookup(l, n, 2026, STD_CITY, LINE_POVERTY, &v));
}

TEST(income_lines_lookup_unsorted_table)
{
    const struct line t[] = {
        { 2022, STD_CITY, LINE_POVERTY, 500000 },
        { 2018, STD_CITY, LINE_POVERTY, 450000 },
        { 2024, STD_CITY, LINE_EXIT, 999900 },
        { 2020, STD_CITY, LINE_POVERTY, 470000 },
    };
    money_t v = 0;
    CHECK(lines_lookup(t, 4, 2021, STD_CITY, LINE_POVERTY, &v));
    CHECK_INT(v, 470000);
    CHECK(lines_lookup(t, 4, 2030, STD_CITY, LINE_POVERTY, &v));
    CHECK_INT(v, 500000);
    CHECK(!lines_lookup(t, 4, 2023, STD_CITY, LINE_EXIT, &v));
    CHECK(!lines_lookup(t, 0, 2023, STD_CITY, LINE_POVERTY, &v));
}

TEST(income_money_parse_accepts)
{
    money_t v;
    CHECK(money_parse("1234", &v));      CHECK_INT(v, 123400);
    CHECK(money_parse("1234.5", &v));    CHECK_INT(v, 123450);
    CHECK(money_parse("1234.50", &v));   CHECK_INT(v, 123450);
    CHECK(money_parse("1,234.50", &v));  CHECK_INT(v, 123450);
    CHECK(money_parse("1,234,567", &v)); CHECK_INT(v, 123456700);
    CHECK(money_parse("0.05", &v));      CHECK_INT(v, 5);
    CHECK(money_parse(".5", &v));        CHECK_INT(v, 50);
    CHECK(money_parse(" 7 ", &v));       CHECK_INT(v, 700);
    CHECK(money_parse("0", &v));         CHECK_INT(v, 0);
}

TEST(income_money_parse_refuses)
{
    money_t v = 42;
    CHECK(!money_parse("-1", &v));
    CHECK(!money_parse("+1", &v));
    CHECK(!money_parse("1.234", &v));
    CHECK(!money_parse("12a", &v));
    CHECK(!money_parse("", &v));
    CHECK(!money_parse(".", &v));
    CHECK(!money_parse("1.2.3", &v));
    CHECK(!money_parse("1,2", &v));        /* could be a European 1.2 */
    CHECK(!money_parse("1234,567", &v));
    CHECK(!money_parse(",123", &v));
    CHECK(!money_parse("1,234,56", &v));
    CHECK(!money_parse("1 234", &v));
    CHECK(!money_parse("元", &v));
    CHECK(!money_parse(NULL, &v));
    CHECK(!money_parse("99999999999999999999", &v));       /* overflow */
    CHECK(money_parse("92233720368547757", &v));           /* the largest whole part */
    CHECK_INT(v, 9223372036854775700LL);
    CHECK(!money_parse("92233720368547758", &v));
    CHECK_INT(v, 9223372036854775700LL);                   /* untouched on failure */
}

TEST(income_money_format)
{
    char buf[32];
    money_format(123450, buf, sizeof buf);   CHECK_STR(buf, "1234.50");
    money_format(5, buf, sizeof buf);        CHECK_STR(buf, "0.05");
    money_format(0, buf, sizeof buf);        CHECK_STR(buf, "0.00");
    money_format(-51, buf, sizeof buf);      CHECK_STR(buf, "-0.51");
    money_format(-123400, buf, sizeof buf);  CHECK_STR(buf, "-1234.00");
    money_format(INT64_MIN, buf, sizeof buf);
    CHECK_STR(buf, "-92233720368547758.08");
}

TEST(income_hundredths)
{
    int64_t v;
    char buf[32];
    CHECK(hundredths_parse("2.5", &v));    CHECK_INT(v, 250);
    CHECK(hundredths_parse("120", &v));    CHECK_INT(v, 12000);
    CHECK(!hundredths_parse("2.555", &v));
    CHECK(!hundredths_parse("-2", &v));
    CHECK(!hundredths_parse("two", &v));
    hundredths_format(250, buf, sizeof buf);   CHECK_STR(buf, "2.50");
    hundredths_format(12000, buf, sizeof buf); CHECK_STR(buf, "120.00");
}

TEST(income_lines_say_their_basis)
{
    size_t n;
    const struct line *l = lines_seeded(&n);
    char s[200];
    CHECK(lines_describe(l, n, 2026, STD_NATIONAL, LINE_POVERTY, s, sizeof s));
    CHECK_STR(s, "2300.00 元 (2010年不变价; 2026年未设定, 用2010年的线)");
    CHECK(lines_describe(l, n, 2010, STD_NATIONAL, LINE_POVERTY, s, sizeof s));
    CHECK_STR(s, "2300.00 元 (2010年不变价)");
    CHECK(lines_describe(l, n, 2018, STD_PROVINCIAL, LINE_EXIT, s, sizeof s));
    CHECK_STR(s, "7365.00 元 (2018年预计数, 全省农村居民人均收入的45%)");
    CHECK(!lines_describe(l, n, 2026, STD_CITY, LINE_POVERTY, s, sizeof s));
    CHECK_STR(s, "未设定");
    /* A line the clerk set says only its amount, and its year when borrowed. */
    struct line mine[] = { { 2025, STD_CITY, LINE_POVERTY, 250000 } };
    CHECK(lines_describe(mine, 1, 2025, STD_CITY, LINE_POVERTY, s, sizeof s));
    CHECK_STR(s, "2500.00 元");
    CHECK(lines_describe(mine, 1, 2026, STD_CITY, LINE_POVERTY, s, sizeof s));
    CHECK_STR(s, "2500.00 元 (2026年未设定, 用2025年的线)");
}
