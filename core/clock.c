/* clock.c — today, and calendar arithmetic on "YYYY-MM-DD" strings.
 *
 * Dates are converted to a day count (days since 1970-01-01, proleptic
 * Gregorian) with Howard Hinnant's days_from_civil algorithm, so adding days
 * and comparing dates never goes through struct tm, mktime or time zones. */
#include "core/clock.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

int date_valid(int y, int m, int d)
{
    static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = mdays[m - 1] + (m == 2 && leap);
    return d <= max;
}

/* Writes a YYYY-MM-DD of a valid date (the caller checked the ranges). */
static void format_date(int y, int m, int d, char out[11])
{
    int v[3] = { y, m, d }, len[3] = { 4, 2, 2 }, o = 0;
    for (int k = 0; k < 3; k++) {
        if (k)
            out[o++] = '-';
        for (int i = len[k] - 1; i >= 0; i--)
            out[o + i] = (char)('0' + v[k] % 10), v[k] /= 10;
        o += len[k];
    }
    out[10] = '\0';
}

/* Two digits of a clock value known to be 0..99. */
static void put2(char *out, int v)
{
    out[0] = (char)('0' + v / 10 % 10);
    out[1] = (char)('0' + v % 10);
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

int date_parse(const char *s, int *y, int *m, int *d)
{
    int yy, mm, dd;
    if (!s)
        return 0;
    size_t len = strlen(s);
    if (len == 10) {
        if (s[4] != '-' || s[7] != '-' || !digits(s, 4, &yy) || !digits(s + 5, 2, &mm)
            || !digits(s + 8, 2, &dd))
            return 0;
    } else if (len == 8) {
        if (!digits(s, 4, &yy) || !digits(s + 4, 2, &mm) || !digits(s + 6, 2, &dd))
            return 0;
    } else {
        return 0;
    }
    if (!date_valid(yy, mm, dd))
        return 0;
    *y = yy;
    *m = mm;
    *d = dd;
    return 1;
}

int date_normalise(const char *s, char out[11])
{
    int y, m, d;
    if (!date_parse(s, &y, &m, &d))
        return 0;
    format_date(y, m, d, out);
    return 1;
}

long date_to_days(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;                                   /* [0, 399] */
    long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

void days_to_date(long days, char out[11])
{
    days += 719468;
    long era = (days >= 0 ? days : days - 146096) / 146097;
    long doe = days - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    if (y < 1 || y > 9999) {    /* outside what the 10-byte format can hold */
        out[0] = '\0';
        return;
    }
    format_date((int)y, (int)m, (int)d, out);
}

int date_add_days(const char *date, int n, char out[11])
{
    int y, m, d;
    if (!date_parse(date, &y, &m, &d))
        return 0;
    days_to_date(date_to_days(y, m, d) + n, out);
    return out[0] != '\0';
}

/* A person born on 29 February turns a year older on 1 March in common years:
 * the birthday is "reached" when (month, day) of `on` is not before it. */
int age_on(const char *birth, const char *on)
{
    int by, bm, bd, oy, om, od;
    if (!date_parse(birth, &by, &bm, &bd) || !date_parse(on, &oy, &om, &od))
        return -1;
    int age = oy - by;
    if (om < bm || (om == bm && od < bd))
        age--;
    return age < 0 ? -1 : age;     /* not born yet on `on`: no age */
}

/* $FUPIN_TODAY when it names a real date; tests and demos move time with it. */
static int override_today(int *y, int *m, int *d)
{
    const char *env = getenv("FUPIN_TODAY");
    return env && *env && date_parse(env, y, m, d);
}

void clock_today(char out[11])
{
    int y, m, d;
    if (override_today(&y, &m, &d)) {
        format_date(y, m, d, out);
        return;
    }
    time_t t = time(NULL);
    struct tm tm;
    if (!localtime_r(&t, &tm)
        || !date_valid(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday)) {
        days_to_date((long)(t / 86400), out);
        return;
    }
    format_date(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, out);
}

long clock_today_days(void)
{
    char today[11];
    int y, m, d;
    clock_today(today);
    if (!date_parse(today, &y, &m, &d))
        return 0;
    return date_to_days(y, m, d);
}

void clock_now(char out[20])
{
    char today[11];
    time_t t = time(NULL);
    struct tm tm;
    clock_today(today);
    if (!localtime_r(&t, &tm))
        memset(&tm, 0, sizeof tm);
    memcpy(out, today, 10);
    out[10] = ' ';
    put2(out + 11, tm.tm_hour);
    out[13] = ':';
    put2(out + 14, tm.tm_min);
    out[16] = ':';
    put2(out + 17, tm.tm_sec);
    out[19] = '\0';
}
