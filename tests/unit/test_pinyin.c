/* Unit tests of core/pinyin (readings from Unihan via build/gen/pinyin_table.c). */
#include "tests/harness.h"
#include "core/pinyin.h"
#include <string.h>

static const char *ini(const char *s)
{
    static char out[64];
    pinyin_initials(s, out, sizeof out);
    return out;
}

static const char *name_ini(const char *s)
{
    static char out[64];
    pinyin_name_initials(s, out, sizeof out);
    return out;
}

TEST(pinyin_single_characters)
{
    CHECK_INT(pinyin_initial(0x5F20), 'z');     /* 张 zhāng */
    CHECK_INT(pinyin_initial(0x853A), 'l');     /* 蔺 lìn */
    CHECK_INT(pinyin_initial('A'), 0);          /* not in the table */
    CHECK_INT(pinyin_initial(0x20BB7), 0);      /* 𠮷: no reading in Unihan */
    /* 长 cháng / zhǎng: both initials in the set. */
    uint32_t set = pinyin_initial_set(0x957F);
    CHECK(set & (1u << ('c' - 'a')));
    CHECK(set & (1u << ('z' - 'a')));
    CHECK(!(set & (1u << ('a' - 'a'))));
    CHECK_INT(pinyin_initial_set(0x853A), 1u << ('l' - 'a'));
}

TEST(pinyin_strings)
{
    CHECK_STR(ini("张三"), "zs");
    CHECK_STR(ini("蔺"), "l");
    CHECK_STR(ini("阿卜杜·热合曼"), "abdrhm");
    CHECK_STR(ini("因病"), "yb");
    CHECK_STR(ini("A级"), "aj");
    CHECK_STR(ini("近三年新建80㎡以上"), "jsnxj80ys");
    CHECK_STR(ini("ＡＢ１"), "ab1");         /* fullwidth letters and digits */
    CHECK_STR(ini(""), "");
    CHECK_STR(ini("!?-"), "");
}

TEST(pinyin_non_bmp_and_invalid_input)
{
    /* 𬌗 U+2C317 has a reading (h); 𠮷 U+20BB7 has none and is skipped. */
    CHECK_STR(ini("𬌗"), "h");
    CHECK_STR(ini("𠮷张"), "z");
    CHECK_STR(ini("😀张"), "z");
    CHECK_STR(ini("张\x80\xFF三"), "zs");
    CHECK_STR(ini("张\xE5"), "z");           /* truncated sequence at the end */
    CHECK_STR(ini("\xF0\x9F"), "");
    CHECK(pinyin_prefix_match("张\x80三", "zs"));
}

TEST(pinyin_output_bounds)
{
    char out[3];
    CHECK_INT(pinyin_initials("张三丰", out, sizeof out), 2);
    CHECK_STR(out, "zs");
    CHECK_INT(pinyin_initials("张三", out, 1), 0);
    CHECK_STR(out, "");
    CHECK_INT(pinyin_initials(NULL, out, sizeof out), 0);
}

TEST(pinyin_surnames)
{
    CHECK_STR(ini("覃"), "t");               /* everyday reading tán */
    CHECK_STR(name_ini("覃"), "q");          /* surname Qín */
    CHECK_STR(name_ini("覃海"), "qh");
    CHECK_STR(name_ini("单雄信"), "sxx");     /* Shàn, not dān */
    CHECK_STR(name_ini("区志明"), "ozm");     /* Ōu */
    CHECK_STR(name_ini("仇英"), "qy");
    CHECK_STR(name_ini("解缙"), "xj");
    CHECK_STR(name_ini("曾国藩"), "zgf");
    CHECK_STR(name_ini("翟"), "z");
    CHECK_STR(name_ini("尉迟"), "yc");
    CHECK_STR(name_ini("张单"), "zd");       /* only the first character is a surname */
    CHECK_STR(name_ini("张三"), "zs");
    CHECK_STR(name_ini("蔺相如"), "lxr");
}

TEST(pinyin_prefix_matching)
{
    CHECK(pinyin_prefix_match("长期慢性病", "cq"));
    CHECK(pinyin_prefix_match("长期慢性病", "zq"));
    CHECK(pinyin_prefix_match("长期慢性病", "CQMXB"));
    CHECK(!pinyin_prefix_match("长期慢性病", "cqmxbx"));
    CHECK(!pinyin_prefix_match("长期慢性病", "aq"));
    CHECK(pinyin_prefix_match("覃海", "qh"));
    CHECK(pinyin_prefix_match("覃海", "th"));
    CHECK(pinyin_prefix_match("阿卜杜·热合曼", "abdr"));
    CHECK(pinyin_prefix_match("张三", ""));
    CHECK(!pinyin_prefix_match("", "z"));
    CHECK(pinyin_prefix_match("近三年新建80㎡", "jsnxj80"));
    CHECK(!pinyin_prefix_match("近三年新建80㎡", "jsnxj81"));
    CHECK(pinyin_prefix_match("𠮷张", "z"));
}

/* Does `want` appear among the search keys of `name`? */
static int has_key(const char *name, const char *want)
{
    char keys[16][PINYIN_KEY_LEN];
    size_t n = pinyin_name_keys(name, keys, 16);
    for (size_t i = 0; i < n; i++)
        if (strcmp(keys[i], want) == 0)
            return 1;
    return 0;
}

TEST(pinyin_name_keys_every_reading_in_use)
{
    char keys[16][PINYIN_KEY_LEN];
    /* 张长生: 长 cháng or zhǎng; the everyday key first. */
    CHECK_INT(pinyin_name_keys("张长生", keys, 16), 2);
    CHECK_STR(keys[0], "zzs");
    CHECK(has_key("张长生", "zcs"));
    CHECK(has_key("阚亮", "kl"));            /* 阚 kàn (Unihan's first reading is hǎn) */
    CHECK(has_key("阚亮", "hl"));
    CHECK(has_key("尉", "w"));               /* the surname Wèi */
    CHECK(has_key("尉缭", "wl"));
    CHECK(has_key("尉迟恭", "ycg"));          /* Yùchí */
    CHECK(has_key("尉迟恭", "wcg"));
    CHECK_STR(name_ini("尉缭"), "wl");
    CHECK_STR(name_ini("尉迟恭"), "ycg");
    CHECK(has_key("覃海", "qh"));            /* surname Qín, everyday tán */
    CHECK(has_key("覃海", "th"));
    CHECK(has_key("单雄信", "sxx"));
    CHECK(has_key("单雄信", "dxx"));
    CHECK(!has_key("其美", "jm"));           /* 其 jī is archaic: not a key */
    CHECK_INT(pinyin_name_keys("李明", keys, 16), 1);
    CHECK_STR(keys[0], "lm");
    CHECK_INT(pinyin_name_keys("", keys, 16), 1);
    CHECK_STR(keys[0], "");
    CHECK_INT(pinyin_name_keys("李明", keys, 0), 0);
}

TEST(pinyin_name_keys_bounded)
{
    /* Eight polyphonic characters: 2^8 combinations, cut at max, the
     * everyday one and the one-character variants first. */
    char keys[8][PINYIN_KEY_LEN];
    CHECK_INT(pinyin_name_keys("长长长长长长长长", keys, 8), 8);
    CHECK_STR(keys[0], "zzzzzzzz");
    CHECK_STR(keys[1], "zzzzzzzc");
    CHECK_STR(keys[7], "zczzzzzz");
    /* A very long name: keys are cut, never overflow. */
    char big[4][PINYIN_KEY_LEN];
    CHECK_INT(pinyin_name_keys("阿卜杜阿卜杜阿卜杜阿卜杜阿卜杜阿卜杜阿卜杜阿卜杜阿卜杜阿卜杜阿卜杜", big, 4), 4);
    CHECK_INT(strlen(big[0]), PINYIN_KEY_LEN - 1);
}

TEST(pinyin_match_whole_and_common)
{
    CHECK(pinyin_match("藏族", "zz", PINYIN_COMMON, 1));     /* Zàngzú */
    CHECK(pinyin_match("藏族", "cz", PINYIN_COMMON, 1));
    CHECK(!pinyin_match("藏族", "z", PINYIN_COMMON, 1));
    CHECK(pinyin_match("藏族", "z", PINYIN_COMMON, 0));
    CHECK(!pinyin_match("其他", "jt", PINYIN_COMMON, 1));    /* 其 jī only in old dictionaries */
    CHECK(pinyin_match("其他", "jt", PINYIN_ANY, 1));
    CHECK(pinyin_match("C级", "cj", PINYIN_COMMON, 1));
    CHECK(pinyin_match("张·三", "zs", PINYIN_COMMON, 1));
    CHECK(!pinyin_match("张三", "zs1", PINYIN_COMMON, 1));
}
