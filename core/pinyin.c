/* pinyin.c — pinyin initials from the generated Unihan table
 * (build/gen/pinyin_table.c, tools/gen_pinyin.sh). */
#include "core/pinyin.h"
#include "core/text.h"

/* Sorted by code point; bits 0-25 = every initial of every reading,
 * bits 27-31 = the primary (first kMandarin) initial's index + 1. */
extern const size_t pinyin_count;
extern const uint32_t pinyin_cp[];
extern const uint32_t pinyin_bits[];

#define LETTER_MASK 0x03FFFFFFu

static uint32_t table_bits(uint32_t cp)
{
    size_t lo = 0, hi = pinyin_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pinyin_cp[mid] < cp)
            lo = mid + 1;
        else if (pinyin_cp[mid] > cp)
            hi = mid;
        else
            return pinyin_bits[mid];
    }
    return 0;
}

char pinyin_initial(uint32_t codepoint)
{
    uint32_t bits = table_bits(codepoint);
    unsigned primary = bits >> 27;
    if (primary >= 1 && primary <= 26)
        return (char)('a' + primary - 1);
    /* No kMandarin reading: the first letter of any other reading. */
    for (int i = 0; i < 26; i++)
        if (bits & (1u << i))
            return (char)('a' + i);
    return 0;
}

uint32_t pinyin_initial_set(uint32_t codepoint)
{
    return table_bits(codepoint) & LETTER_MASK;
}

/* ASCII and fullwidth letters/digits stand for themselves (lower-cased). */
static char ascii_alnum(uint32_t cp)
{
    if (cp >= 0xFF10 && cp <= 0xFF5A)
        cp = cp - 0xFF01 + 0x21;
    if (cp >= 'A' && cp <= 'Z')
        return (char)(cp - 'A' + 'a');
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
        return (char)cp;
    return 0;
}

/* Surname readings that differ from a character's everyday reading.  Only
 * single characters: compound surnames (万俟, 单于, 长孙) are too rare to be
 * worth guessing where the surname ends. */
static const struct { uint32_t cp; char initial; } surnames[] = {
    { 0x8983, 'q' },   /* 覃 Qín */
    { 0x5355, 's' },   /* 单 Shàn */
    { 0x533A, 'o' },   /* 区 Ōu */
    { 0x4EC7, 'q' },   /* 仇 Qiú */
    { 0x89E3, 'x' },   /* 解 Xiè */
    { 0x66FE, 'z' },   /* 曾 Zēng */
    { 0x67E5, 'z' },   /* 查 Zhā */
    { 0x6734, 'p' },   /* 朴 Piáo */
    { 0x76D6, 'g' },   /* 盖 Gě */
    { 0x4E50, 'y' },   /* 乐 Yuè */
    { 0x534E, 'h' },   /* 华 Huà */
    { 0x53EC, 's' },   /* 召 Shào */
    { 0x7F2A, 'm' },   /* 缪 Miào */
    { 0x79CD, 'c' },   /* 种 Chóng */
    { 0x7FDF, 'z' },   /* 翟 Zhái */
    { 0x6298, 's' },   /* 折 Shé */
    { 0x5458, 'y' },   /* 员 Yùn */
    { 0x8FC7, 'g' },   /* 过 Guō */
    { 0x5C09, 'y' },   /* 尉 Yù */
    { 0x79D8, 'b' },   /* 秘 Bì */
    { 0x7E41, 'p' },   /* 繁 Pó */
    { 0x53E5, 'g' },   /* 句 Gōu */
    { 0x6C88, 's' },   /* 沈 Shěn */
    { 0x91CD, 'c' },   /* 重 Chóng */
};

static char surname_initial(uint32_t cp)
{
    for (size_t i = 0; i < sizeof surnames / sizeof *surnames; i++)
        if (surnames[i].cp == cp)
            return surnames[i].initial;
    return 0;
}

static size_t initials(const char *utf8, char *out, size_t outsz, int is_name)
{
    size_t n = 0;
    uint32_t cp;
    int first = 1;
    if (outsz == 0)
        return 0;
    while (utf8 && (cp = utf8_decode_next(&utf8)) != 0) {
        char c = ascii_alnum(cp);
        if (!c && is_name && first)
            c = surname_initial(cp);
        if (!c)
            c = pinyin_initial(cp);
        first = 0;
        if (!c)
            continue;
        if (n + 1 >= outsz)
            break;
        out[n++] = c;
    }
    out[n] = '\0';
    return n;
}

size_t pinyin_initials(const char *utf8, char *out, size_t outsz)
{
    return initials(utf8, out, outsz, 0);
}

size_t pinyin_name_initials(const char *utf8, char *out, size_t outsz)
{
    return initials(utf8, out, outsz, 1);
}

int pinyin_prefix_match(const char *utf8, const char *typed)
{
    uint32_t cp;
    if (!typed)
        return 1;
    while (*typed) {
        char t = *typed;
        if (t >= 'A' && t <= 'Z')
            t = (char)(t - 'A' + 'a');
        if (!utf8 || (cp = utf8_decode_next(&utf8)) == 0)
            return 0;               /* typed is longer than the text's initials */
        char c = ascii_alnum(cp);
        if (c) {
            if (c != t)
                return 0;
        } else {
            uint32_t set = pinyin_initial_set(cp);
            if (!set)
                continue;           /* no reading: contributes no initial */
            if (t < 'a' || t > 'z' || !(set & (1u << (t - 'a'))))
                return 0;
        }
        typed++;
    }
    return 1;
}
