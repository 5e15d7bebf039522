/* pinyin.c — pinyin initials from the generated Unihan table
 * (build/gen/pinyin_table.c, tools/gen_pinyin.sh). */
#include "core/pinyin.h"
#include "core/text.h"
#include <string.h>

/* Sorted by code point; pinyin_bits: bits 0-25 = every initial of every
 * reading, bits 27-31 = the primary (first kMandarin) initial's index + 1;
 * pinyin_common: bits 0-25 = the initials of the readings in use (never 0
 * for a character in the table). */
extern const size_t pinyin_count;
extern const uint32_t pinyin_cp[];
extern const uint32_t pinyin_bits[];
extern const uint32_t pinyin_common[];

#define LETTER_MASK 0x03FFFFFFu

/* Index of cp in the table, or pinyin_count when it has no reading. */
static size_t table_index(uint32_t cp)
{
    size_t lo = 0, hi = pinyin_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pinyin_cp[mid] < cp)
            lo = mid + 1;
        else if (pinyin_cp[mid] > cp)
            hi = mid;
        else
            return mid;
    }
    return pinyin_count;
}

static uint32_t table_bits(uint32_t cp)
{
    size_t i = table_index(cp);
    return i < pinyin_count ? pinyin_bits[i] : 0;
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

uint32_t pinyin_common_set(uint32_t codepoint)
{
    size_t i = table_index(codepoint);
    return i < pinyin_count ? pinyin_common[i] & LETTER_MASK : 0;
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
    { 0x79D8, 'b' },   /* 秘 Bì */
    { 0x7E41, 'p' },   /* 繁 Pó */
    { 0x53E5, 'g' },   /* 句 Gōu */
    { 0x6C88, 's' },   /* 沈 Shěn */
    { 0x91CD, 'c' },   /* 重 Chóng */
};

/* 尉 alone is the surname Wèi (its everyday reading); 尉迟 is Yùchí. */
#define CP_WEI 0x5C09
#define CP_CHI 0x8FDF

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
        if (!c && is_name && first) {
            const char *next = utf8;
            c = cp == CP_WEI && utf8_decode_next(&next) == CP_CHI ? 'y' : surname_initial(cp);
        }
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

/* The letter set character cp stands for in a match: an ASCII letter or
 * digit (fullwidth too) itself, as a pseudo-set with *ascii set. */
static uint32_t letters_of(uint32_t cp, enum pinyin_readings readings, char *ascii)
{
    *ascii = ascii_alnum(cp);
    if (*ascii)
        return 0;
    return readings == PINYIN_COMMON ? pinyin_common_set(cp) : pinyin_initial_set(cp);
}

int pinyin_match(const char *utf8, const char *typed, enum pinyin_readings readings, int whole)
{
    uint32_t cp;
    char ascii;
    if (!typed)
        typed = "";
    while (*typed) {
        char t = *typed;
        if (t >= 'A' && t <= 'Z')
            t = (char)(t - 'A' + 'a');
        if (!utf8 || (cp = utf8_decode_next(&utf8)) == 0)
            return 0;               /* typed is longer than the text's initials */
        uint32_t set = letters_of(cp, readings, &ascii);
        if (ascii) {
            if (ascii != t)
                return 0;
        } else {
            if (!set)
                continue;           /* no reading: contributes no initial */
            if (t < 'a' || t > 'z' || !(set & (1u << (t - 'a'))))
                return 0;
        }
        typed++;
    }
    /* A whole match leaves nothing in the text that has an initial. */
    while (whole && utf8 && (cp = utf8_decode_next(&utf8)) != 0)
        if (letters_of(cp, readings, &ascii) || ascii)
            return 0;
    return 1;
}

int pinyin_prefix_match(const char *utf8, const char *typed)
{
    return pinyin_match(utf8, typed, PINYIN_ANY, 0);
}

/* ---- search keys of a name ------------------------------------------------ */

struct keygen {
    char everyday[PINYIN_KEY_LEN];          /* the name's everyday initials */
    uint32_t alt[PINYIN_KEY_LEN];           /* other letters of each position */
    size_t n;                               /* positions */
    char (*keys)[PINYIN_KEY_LEN];
    size_t count, max;
    char cur[PINYIN_KEY_LEN];
};

/* Emits the keys that differ from the everyday initials in exactly `left`
 * of the positions pos..n-1. */
static void emit_keys(struct keygen *g, size_t pos, size_t left)
{
    if (g->count >= g->max)
        return;
    if (pos == g->n) {
        if (left == 0) {
            memcpy(g->keys[g->count], g->cur, g->n);
            g->keys[g->count++][g->n] = '\0';
        }
        return;
    }
    if (g->n - pos > left) {
        g->cur[pos] = g->everyday[pos];
        emit_keys(g, pos + 1, left);
    }
    for (int i = 0; left > 0 && i < 26; i++)
        if (g->alt[pos] & (1u << i)) {
            g->cur[pos] = (char)('a' + i);
            emit_keys(g, pos + 1, left - 1);
        }
}

size_t pinyin_name_keys(const char *name, char (*keys)[PINYIN_KEY_LEN], size_t max)
{
    struct keygen g = { .keys = keys, .max = max };
    uint32_t cp;
    char ascii;
    int first = 1;
    pinyin_name_initials(name, g.everyday, sizeof g.everyday);
    while (name && g.n < strlen(g.everyday) && (cp = utf8_decode_next(&name)) != 0) {
        uint32_t set = letters_of(cp, PINYIN_COMMON, &ascii);
        if (!set && !ascii) {
            first = 0;
            continue;
        }
        if (first && !ascii && surname_initial(cp))
            set |= 1u << (surname_initial(cp) - 'a');
        if (first && cp == CP_WEI)
            set |= 1u << ('y' - 'a');
        g.alt[g.n] = ascii ? 0 : set & ~(1u << (g.everyday[g.n] - 'a'));
        g.n++;
        first = 0;
    }
    if (max == 0)
        return 0;
    if (g.n == 0) {
        keys[0][0] = '\0';
        return 1;
    }
    for (size_t d = 0; d <= g.n && g.count < max; d++)
        emit_keys(&g, 0, d);
    return g.count;
}
