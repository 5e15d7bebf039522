/* Unit tests of core/clock: date validity, parsing, day arithmetic, ages. */
#include "tests/harness.h"
#include "core/clock.h"
#include <stdlib.h>

TEST(clock_leap_years)
{
    CHECK(date_valid(2024, 2, 29));     /* divisible by 4 */
    CHECK(!date_valid(2023, 2, 29));
    CHECK(!date_valid(1900, 2, 29));    /* century, not divisible by 400 */
    CHECK(date_valid(2000, 2, 29));     /* divisible by 400 */
    CHECK(date_valid(2023, 2, 28));
    CHECK(!date_valid(2024, 2, 30));
}

TEST(clock_month_lengths_and_ranges)
{
    CHECK(date_valid(2025, 1, 31));
    CHECK(!date_valid(2025, 4, 31));
    CHECK(date_valid(2025, 4, 30));
    CHECK(!date_valid(2025, 13, 1));
    CHECK(!date_valid(2025, 0, 1));
    CHECK(!date_valid(2025, 1, 0));
    CHECK(!date_valid(0, 1, 1));
    CHECK(date_valid(9999, 12, 31));
}

TEST(clock_parse_both_formats)
{
    int y = 0, m = 0, d = 0;
    CHECK(date_parse("2024-02-29", &y, &m, &d));
    CHECK_INT(y, 2024); CHECK_INT(m, 2); CHECK_INT(d, 29);
    CHECK(date_parse("19991231", &y, &m, &d));
    CHECK_INT(y, 1999); CHECK_INT(m, 12); CHECK_INT(d, 31);
    CHECK(!date_parse("2023-02-29", &y, &m, &d));
    CHECK(!date_parse("19990230", &y, &m, &d));
    CHECK(!date_parse("2024-2-29", &y, &m, &d));
    CHECK(!date_parse("2024/02/29", &y, &m, &d));
    CHECK(!date_parse("2024-02-2x", &y, &m, &d));
    CHECK(!date_parse("202402290", &y, &m, &d));
    CHECK(!date_parse("", &y, &m, &d));
    CHECK(!date_parse(NULL, &y, &m, &d));
    CHECK(!date_parse("-024-02-29", &y, &m, &d));
}

TEST(clock_normalise)
{
    char out[11];
    CHECK(date_normalise("20240301", out));
    CHECK_STR(out, "2024-03-01");
    CHECK(date_normalise("2024-03-01", out));
    CHECK_STR(out, "2024-03-01");
    CHECK(!date_normalise("20230229", out));
}

TEST(clock_days_known_values)
{
    CHECK_INT(date_to_days(1970, 1, 1), 0);
    CHECK_INT(date_to_days(1970, 1, 2), 1);
    CHECK_INT(date_to_days(1969, 12, 31), -1);
    CHECK_INT(date_to_days(2000, 3, 1), 11017);    /* 30 years incl. 7 leap days + Jan, Feb */
    char out[11];
    days_to_date(11017, out);
    CHECK_STR(out, "2000-03-01");
    days_to_date(-1, out);
    CHECK_STR(out, "1969-12-31");
}

TEST(clock_add_days_across_ends)
{
    char out[11];
    CHECK(date_add_days("2026-01-31", 1, out));
    CHECK_STR(out, "2026-02-01");
    CHECK(date_add_days("2026-12-31", 1, out));
    CHECK_STR(out, "2027-01-01");
    CHECK(date_add_days("2024-02-28", 1, out));
    CHECK_STR(out, "2024-02-29");
    CHECK(date_add_days("2023-02-28", 1, out));
    CHECK_STR(out, "2023-03-01");
    CHECK(date_add_days("2027-01-01", -1, out));
    CHECK_STR(out, "2026-12-31");
    CHECK(date_add_days("2026-11-23", 6, out));    /* a 7-day notice's last day */
    CHECK_STR(out, "2026-11-29");
    CHECK(date_add_days("20241225", 10, out));
    CHECK_STR(out, "2025-01-04");
    CHECK(!date_add_days("2023-02-29", 1, out));
}

TEST(clock_age_on_birthdays)
{
    CHECK_INT(age_on("1966-11-23", "2026-11-22"), 59);   /* day before the 60th */
    CHECK_INT(age_on("1966-11-23", "2026-11-23"), 60);   /* the birthday itself */
    CHECK_INT(age_on("1966-11-23", "2026-11-24"), 60);
    CHECK_INT(age_on("2000-01-01", "2000-01-01"), 0);
    CHECK_INT(age_on("2000-01-02", "2000-01-01"), -1);   /* not born yet */
    CHECK_INT(age_on("2000-02-30", "2020-01-01"), -1);
    CHECK_INT(age_on("20000101", "20200101"), 20);
}

TEST(clock_age_leap_day_birth)
{
    /* Born 29 Feb: a year older on 1 March in common years. */
    CHECK_INT(age_on("2008-02-29", "2026-02-28"), 17);
    CHECK_INT(age_on("2008-02-29", "2026-03-01"), 18);
    CHECK_INT(age_on("2008-02-29", "2028-02-29"), 20);
}

TEST(clock_today_override)
{
    char today[11], now[20];
    setenv("FUPIN_TODAY", "2024-02-29", 1);
    clock_today(today);
    CHECK_STR(today, "2024-02-29");
    CHECK_INT(clock_today_days(), date_to_days(2024, 2, 29));
    clock_now(now);
    CHECK(strncmp(now, "2024-02-29 ", 11) == 0);
    CHECK_INT(strlen(now), 19);
    CHECK(now[13] == ':' && now[16] == ':');
    setenv("FUPIN_TODAY", "20250102", 1);
    clock_today(today);
    CHECK_STR(today, "2025-01-02");
}

TEST(clock_today_invalid_override_uses_real_date)
{
    char today[11];
    int y, m, d;
    setenv("FUPIN_TODAY", "2023-02-29", 1);
    clock_today(today);
    CHECK(date_parse(today, &y, &m, &d));
    CHECK(strcmp(today, "2023-02-29") != 0);
    CHECK(y >= 2025);
    unsetenv("FUPIN_TODAY");
    clock_today(today);
    CHECK(date_parse(today, &y, &m, &d));
}
