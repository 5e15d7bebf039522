/* Unit tests of core/text: UTF-8 decoding, counting, widths, cutting. */
#include "tests/harness.h"
#include <stdio.h>
#include "core/text.h"
#include <locale.h>

static uint32_t first(const char *s, size_t *advanced)
{
    const char *p = s;
    uint32_t cp = utf8_decode_next(&p);
    *advanced = (size_t)(p - s);
    return cp;
}

TEST(text_decode_valid)
{
    size_t n;
    CHECK_INT(first("A", &n), 'A');      CHECK_INT(n, 1);
    CHECK_INT(first("·", &n), 0xB7);     CHECK_INT(n, 2);
    CHECK_INT(first("张", &n), 0x5F20);  CHECK_INT(n, 3);
    CHECK_INT(first("𬌗", &n), 0x2C317); CHECK_INT(n, 4);
    CHECK_INT(first("\xF4\x8F\xBF\xBF", &n), 0x10FFFF); CHECK_INT(n, 4);
    CHECK_INT(first("", &n), 0);         CHECK_INT(n, 0);   /* NUL: no advance */
}

TEST(text_decode_invalid_advances_one)
{
    size_t n;
    CHECK_INT(first("\x80", &n), 0xFFFD);              CHECK_INT(n, 1); /* lone continuation */
    CHECK_INT(first("\xC0\xAF", &n), 0xFFFD);          CHECK_INT(n, 1); /* overlong '/' */
    CHECK_INT(first("\xE0\x80\xAF", &n), 0xFFFD);      CHECK_INT(n, 1); /* overlong */
    CHECK_INT(first("\xED\xA0\x80", &n), 0xFFFD);      CHECK_INT(n, 1); /* surrogate D800 */
    CHECK_INT(first("\xF4\x90\x80\x80", &n), 0xFFFD);  CHECK_INT(n, 1); /* > U+10FFFF */
    CHECK_INT(first("\xF5\x80\x80\x80", &n), 0xFFFD);  CHECK_INT(n, 1);
    CHECK_INT(first("\xFF", &n), 0xFFFD);              CHECK_INT(n, 1);
    CHECK_INT(first("\xE5\xBC", &n), 0xFFFD);          CHECK_INT(n, 1); /* truncated at NUL */
    CHECK_INT(first("\xE5" "A", &n), 0xFFFD);          CHECK_INT(n, 1);
    /* Walking a truncated sequence stops exactly at the NUL. */
    const char *s = "\xF0\x9F\x98";
    const char *p = s;
    int count = 0;
    while (utf8_decode_next(&p))
        count++;
    CHECK_INT(count, 3);
    CHECK(p == s + 3);
}

TEST(text_encode_round_trip)
{
    char buf[4];
    const uint32_t cps[] = { 0x41, 0xB7, 0x7FF, 0x800, 0x5F20, 0xFFFD, 0x10000, 0x2C317, 0x10FFFF };
    for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
        char s[5] = { 0 };
        size_t n = utf8_encode(cps[i], s);
        CHECK(n >= 1 && n <= 4);
        const char *p = s;
        CHECK_INT(utf8_decode_next(&p), cps[i]);
        CHECK_INT(p - s, n);
    }
    CHECK_INT(utf8_encode(0xD800, buf), 0);
    CHECK_INT(utf8_encode(0x110000, buf), 0);
}

TEST(text_valid_and_count)
{
    CHECK(text_valid_utf8("阿卜杜·热合曼"));
    CHECK(text_valid_utf8("𠮷𬌗"));
    CHECK(text_valid_utf8("\xEF\xBF\xBD"));      /* a real U+FFFD */
    CHECK(text_valid_utf8(""));
    CHECK(!text_valid_utf8("张\x80三"));
    CHECK(!text_valid_utf8("\xD5\xC5\xC8\xFD"));  /* 张三 in GBK */
    CHECK_INT(text_chars("阿卜杜·热合曼"), 7);
    CHECK_INT(text_chars("𠮷a"), 2);
    CHECK_INT(text_chars("张\x80三"), 3);
    CHECK_INT(text_chars(""), 0);
    CHECK_INT(text_chars(NULL), 0);
}

TEST(text_width_wcwidth)
{
    CHECK(setlocale(LC_ALL, "C.UTF-8") != NULL);
    CHECK_INT(text_width("abc"), 3);
    CHECK_INT(text_width("张三"), 4);
    CHECK_INT(text_width("阿卜杜·热合曼"), 13);  /* glibc: · is 1 wide */
    CHECK_INT(text_width("e\xCC\x81"), 1);        /* e + combining acute */
    CHECK_INT(text_width("a\tb"), 1 + 6 + 1);     /* tab shown as \u0009 */
    CHECK_INT(text_char_width(0x1B), 6);
    char vis[11];
    text_char_visible(0x1B, vis);
    CHECK_STR(vis, "\\u001B");
    text_char_visible(0xE0001, vis);
    CHECK_STR(vis, "\\U000E0001");
    CHECK_INT(text_width(""), 0);
}

/* text_width_cjk's fast paths agree with the table for every code point. */
TEST(text_width_cjk_fast_path_matches_table)
{
    int bad = 0;
    for (uint32_t cp = 1; cp < 0x30000 && bad < 5; cp++) {
        if (cp >= 0xD800 && cp < 0xE000)
            continue;
        unsigned char s[8] = { 0 };
        if (cp < 0x80) {
            s[0] = (unsigned char)cp;
        } else if (cp < 0x800) {
            s[0] = (unsigned char)(0xC0 | cp >> 6);
            s[1] = (unsigned char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            s[0] = (unsigned char)(0xE0 | cp >> 12);
            s[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
            s[2] = (unsigned char)(0x80 | (cp & 0x3F));
        } else {
            s[0] = (unsigned char)(0xF0 | cp >> 18);
            s[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
            s[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
            s[3] = (unsigned char)(0x80 | (cp & 0x3F));
        }
        if (text_width_cjk((const char *)s) != text_char_width_cjk(cp)) {
            printf("    U+%04X: %d, table %d\n", (unsigned)cp, text_width_cjk((const char *)s),
                   text_char_width_cjk(cp));
            bad++;
        }
    }
    CHECK_INT(bad, 0);
}

TEST(text_width_cjk_fixed_rule)
{
    CHECK_INT(text_width_cjk("abc"), 3);
    CHECK_INT(text_width_cjk("张三"), 4);
    CHECK_INT(text_width_cjk("阿卜杜·热合曼"), 13);  /* · is Ambiguous: 1 */
    CHECK_INT(text_width_cjk("１２"), 4);             /* Fullwidth */
    CHECK_INT(text_width_cjk("ｱ"), 1);                /* Halfwidth katakana */
    CHECK_INT(text_width_cjk("㎡"), 2);               /* U+33A1 CJK compatibility */
    CHECK_INT(text_width_cjk("𠮷"), 2);               /* plane 2 */
    CHECK_INT(text_width_cjk("\xE3\x80\xBF"), 1);     /* U+303F is Neutral */
    CHECK_INT(text_width_cjk("\xE3\x80\xBE"), 2);     /* U+303E is Wide */
    CHECK_INT(text_width_cjk("\x80"), 1);             /* invalid byte → U+FFFD, 1 */
    CHECK_INT(text_char_width_cjk(0x10FFFF), 1);
    CHECK_INT(text_char_width_cjk(0x1100), 2);        /* first Wide range */
    CHECK_INT(text_char_width_cjk(0x10FF), 1);
    /* The rule does not depend on the locale. */
    CHECK(setlocale(LC_ALL, "C") != NULL);
    CHECK_INT(text_width_cjk("张三"), 4);
}

TEST(text_truncate_at_char_boundary)
{
    char s[64] = "阿卜杜·热合曼";
    CHECK_INT(text_truncate_chars(s, 4), 3 + 3 + 3 + 2);
    CHECK_STR(s, "阿卜杜·");
    char t[64] = "ab";
    CHECK_INT(text_truncate_chars(t, 5), 2);
    CHECK_STR(t, "ab");
    char u[64] = "张\x80三";
    text_truncate_chars(u, 2);
    CHECK_STR(u, "张\x80");
    char v[8] = "𬌗x";
    text_truncate_chars(v, 0);
    CHECK_STR(v, "");
}

TEST(text_prefix_fit_columns)
{
    CHECK(setlocale(LC_ALL, "C.UTF-8") != NULL);
    CHECK_INT(text_prefix_fit("张三丰", 4), 6);
    CHECK_INT(text_prefix_fit("张三丰", 5), 6);   /* 丰 would straddle the edge */
    CHECK_INT(text_prefix_fit("a张", 2), 1);
    CHECK_INT(text_prefix_fit("abc", 10), 3);
    CHECK_INT(text_prefix_fit("张", 0), 0);
}

TEST(text_fold_fullwidth)
{
    char out[64];
    text_fold_ascii("１２３４．５０", out, sizeof out);
    CHECK_STR(out, "1234.50");
    text_fold_ascii("\xE3\x80\x80" "ｙｂ张", out, sizeof out);
    CHECK_STR(out, " yb张");
    text_fold_ascii("张三", out, 5);          /* room for one character only */
    CHECK_STR(out, "张");
    text_fold_ascii("a\x80" "b", out, sizeof out);
    CHECK_STR(out, "a\x80" "b");
}

/* What arrives from input methods and Excel, and what each field gets. */
TEST(text_fold_table)
{
    static const struct { const char *in, *want; } cases[] = {
        { "４５０１２３１９８５０３０２１２３Ｘ", "45012319850302123X" },   /* ID, full-width X */
        { "４５０１２３１９５９０３１００１９ｘ", "45012319590310019x" },     /* lower-case ｘ */
        { "２０２６－１１－２８", "2026-11-28" },                        /* date, full-width - */
        { "２０２６１１２８", "20261128" },
        { "３６５０．５０", "3650.50" },                                /* money, full-width . */
        { "３６５０。５０", "3650.50" },                                /* 。 in Chinese punctuation mode */
        { "\xE3\x80\x80１３９０７７１１２３４\xE3\x80\x80", " 13907711234 " },  /* ideographic spaces */
        { "\xC2\xA0" "0771\xE2\x88\x92" "1234567", " 0771-1234567" },   /* Excel's NBSP, minus sign */
        { "0771\xE2\x80\x90" "1234567", "0771-1234567" },                /* hyphen U+2010 */
        { "0771\xE2\x80\x93" "1234567", "0771-1234567" },                /* en dash */
        { "１２３abc", "123abc" },                                     /* mixed */
        { "壮族", "壮族" },                                            /* Chinese untouched */
        { "阿卜杜·热合曼", "阿卜杜·热合曼" },                           /* middle dot untouched */
        { "——", "——" },                                             /* em dash untouched */
        { "", "" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[64];
        text_fold_ascii(cases[i].in, out, sizeof out);
        if (!CHECK_STR(out, cases[i].want))
            fprintf(stderr, "    case %zu\n", i);
    }
}

TEST(text_digits_exact_and_any_length)
{
    CHECK_INT(text_digit_run("450123x"), 6);
    CHECK_INT(text_digit_run(""), 0);
    CHECK(text_is_digits("450123", 6));
    CHECK(!text_is_digits("450123", 9));
    CHECK(text_is_digits("7", 0));
    CHECK(!text_is_digits("", 0));
    CHECK(!text_is_digits("12a", 0));
    CHECK(!text_is_digits("１２", 0));      /* full-width digits are not ASCII digits */
}
