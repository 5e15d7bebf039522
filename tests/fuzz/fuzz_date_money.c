/* Dates (core/clock) and money / hundredths (core/income): whatever parses
 * formats and parses back to the same value; dates normalise to a form
 * that parses to the same day, and day arithmetic inverts; the ASCII
 * folder never overruns and keeps valid UTF-8 valid. */
#include <inttypes.h>
#include "core/clock.h"
#include "core/income.h"
#include "core/text.h"
#include "tests/fuzz/fuzz.h"

static void check_date(const char *s)
{
    int y, m, d;
    char norm[11];
    int ok = date_parse(s, &y, &m, &d);
    FUZZ_CHECK(ok == date_normalise(s, norm));
    if (!ok)
        return;
    FUZZ_CHECK(date_valid(y, m, d));
    int y2, m2, d2;
    FUZZ_CHECK(strlen(norm) == 10 && date_parse(norm, &y2, &m2, &d2));
    FUZZ_CHECK(y == y2 && m == m2 && d == d2);
    char back[11];
    days_to_date(date_to_days(y, m, d), back);
    FUZZ_CHECK(strcmp(back, norm) == 0);
    char later[11], again[11];
    if (date_add_days(norm, 400, later) && date_add_days(later, -400, again))
        FUZZ_CHECK(strcmp(again, norm) == 0);
    FUZZ_CHECK(age_on(norm, norm) == 0);
}

/* A year, month and day from the bytes: date_valid says yes exactly when
 * the day number maps back to the same date. */
static void check_ymd(const uint8_t *data, size_t size)
{
    if (size < 4)
        return;
    int y = 1 + (data[0] | data[1] << 8) % 9999, m = 1 + data[2] % 12, d = 1 + data[3] % 31;
    char back[11], want[11];
    days_to_date(date_to_days(y, m, d), back);
    snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
    FUZZ_CHECK(date_valid(y, m, d) == (strcmp(back, want) == 0));
}

static void check_money(const char *s)
{
    money_t v;
    if (money_parse(s, &v)) {
        FUZZ_CHECK(v >= 0);
        char out[64];
        money_format(v, out, sizeof out);
        money_t w;
        FUZZ_CHECK(money_parse(out, &w) && w == v);
    }
    int64_t h;
    if (hundredths_parse(s, &h)) {
        FUZZ_CHECK(h >= 0);
        char out[64];
        hundredths_format(h, out, sizeof out);
        int64_t k;
        FUZZ_CHECK(hundredths_parse(out, &k) && k == h);
    }
}

/* A value from the bytes formats to text that parses back to it. */
static void check_value(const uint8_t *data, size_t size)
{
    if (size < 8)
        return;
    int64_t v;
    memcpy(&v, data, sizeof v);
    if (v < 0)
        v = -(v + 1);
    v %= INT64_C(100000000000000);      /* 1 万亿元: far beyond any household */
    char out[64];
    money_format(v, out, sizeof out);
    money_t w;
    FUZZ_CHECK(money_parse(out, &w) && w == v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_string(data, size);
    char folded[64];
    text_fold_ascii(s, folded, sizeof folded);
    FUZZ_CHECK(strlen(folded) < sizeof folded);
    if (text_valid_utf8(s))
        FUZZ_CHECK(text_valid_utf8(folded));
    check_date(s);
    check_date(folded);
    check_money(s);
    check_money(folded);
    check_value(data, size);
    check_ymd(data, size);
    free(s);
    return 0;
}
