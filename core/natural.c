/* natural.c — natural order of names with numbers (core/natural.h). */
#include "core/natural.h"
#include <stdint.h>
#include <string.h>
#include "core/pinyin.h"
#include "core/text.h"

#define NUM_CAP 1000000000000000000ull     /* numbers saturate here (10^18) */
#define CP_DI   0x7B2Cu                     /* 第 */

struct cursor {
    const char *p, *end;
};

enum token_kind { TK_END, TK_NUM, TK_CHAR };    /* the order at one position */

struct token {
    enum token_kind kind;
    uint64_t value;     /* TK_NUM: the number; TK_CHAR: initial << 32 | code point */
};

/* The code point at c->p without reading past c->end; *len its bytes. */
static uint32_t peek(const struct cursor *c, size_t *len)
{
    size_t left = (size_t)(c->end - c->p);
    *len = 0;
    if (left == 0)
        return 0;
    unsigned b0 = (unsigned char)c->p[0];
    size_t need = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
    char tmp[5] = { 0 };
    memcpy(tmp, c->p, need <= left ? need : left);
    const char *q = tmp;
    uint32_t cp = utf8_decode_next(&q);
    *len = q > tmp ? (size_t)(q - tmp) : 1;     /* an embedded NUL counts as one byte */
    return cp;
}

static int arabic_digit(uint32_t cp)
{
    if (cp >= '0' && cp <= '9')
        return (int)(cp - '0');
    if (cp >= 0xFF10 && cp <= 0xFF19)           /* ０..９ from an input method */
        return (int)(cp - 0xFF10);
    return -1;
}

/* 0..9 for a Chinese digit, 10/100/1000 for 十百千, -1 for anything else. */
static int chinese_numeral(uint32_t cp)
{
    static const uint32_t digits[] = { 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,   /* 零一二三四 */
                                       0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D }; /* 五六七八九 */
    if (cp == 0x3007)                           /* 〇 */
        return 0;
    for (int d = 0; d < 10; d++)
        if (cp == digits[d])
            return d;
    return cp == 0x5341 ? 10 : cp == 0x767E ? 100 : cp == 0x5343 ? 1000 : -1;
}

static int starts_number(uint32_t cp)
{
    return arabic_digit(cp) >= 0 || chinese_numeral(cp) >= 0;
}

static uint64_t add_capped(uint64_t a, uint64_t b)
{
    return a >= NUM_CAP || b >= NUM_CAP || a + b >= NUM_CAP ? NUM_CAP : a + b;
}

static uint64_t mul_capped(uint64_t a, uint64_t b)
{
    return a != 0 && b >= NUM_CAP / a ? NUM_CAP : a * b;
}

static uint64_t read_arabic(struct cursor *c)
{
    uint64_t v = 0;
    size_t len;
    int d;
    while ((d = arabic_digit(peek(c, &len))) >= 0 && len) {
        v = add_capped(mul_capped(v, 10), (uint64_t)d);
        c->p += len;
    }
    return v;
}

/* 十 = 10, 十一 = 11, 二十三 = 23, 一百零五 = 105, and digit by digit
 * 二〇二六 = 2026: a digit after a digit shifts, a unit multiplies. */
static uint64_t read_chinese(struct cursor *c)
{
    uint64_t total = 0, cur = 0;
    int after_digit = 0;
    size_t len;
    int n;
    while ((n = chinese_numeral(peek(c, &len))) >= 0 && len) {
        if (n < 10) {
            cur = after_digit ? add_capped(mul_capped(cur, 10), (uint64_t)n) : (uint64_t)n;
            after_digit = 1;
        } else {
            total = add_capped(total, mul_capped(cur ? cur : 1, (uint64_t)n));
            cur = 0;
            after_digit = 0;
        }
        c->p += len;
    }
    return add_capped(total, cur);
}

static int is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0;
}

/* Steps over spaces; the code point then at c->p (*len 0 at the end). */
static uint32_t skip_spaces(struct cursor *c, size_t *len)
{
    uint32_t cp = peek(c, len);
    while (*len && is_space(cp)) {
        c->p += *len;
        cp = peek(c, len);
    }
    return cp;
}

static struct token next_token(struct cursor *c)
{
    size_t len;
    uint32_t cp = skip_spaces(c, &len);
    if (!len)
        return (struct token){ TK_END, 0 };
    if (cp == CP_DI) {          /* 第 before a number: 第三组 sorts as 三组 */
        struct cursor after = { c->p + len, c->end };
        size_t len2;
        uint32_t cp2 = skip_spaces(&after, &len2);
        if (len2 && starts_number(cp2)) {
            *c = after;
            cp = cp2;
            len = len2;
        }
    }
    if (arabic_digit(cp) >= 0)
        return (struct token){ TK_NUM, read_arabic(c) };
    if (chinese_numeral(cp) >= 0)
        return (struct token){ TK_NUM, read_chinese(c) };
    c->p += len;
    uint32_t initial = cp < 0x80 ? (uint32_t)((cp >= 'A' && cp <= 'Z') ? cp - 'A' + 'a' : cp)
                                 : (uint32_t)(unsigned char)pinyin_initial(cp);
    if (cp < 0x80 && !(initial >= 'a' && initial <= 'z'))
        initial = 0;            /* ASCII punctuation before letters, like other symbols */
    return (struct token){ TK_CHAR, (uint64_t)initial << 32 | cp };
}

int natural_cmpn(const char *a, size_t alen, const char *b, size_t blen)
{
    if (!a) { a = ""; alen = 0; }
    if (!b) { b = ""; blen = 0; }
    /* Identical bytes are equal: the common case when SQLite sorts a
     * roster (a village's households share a handful of group names), and
     * what the walk below would find, token by token. */
    if (alen == blen && (alen == 0 || memcmp(a, b, alen) == 0))
        return 0;
    struct cursor ca = { a, a + alen }, cb = { b, b + blen };
    for (;;) {
        struct token ta = next_token(&ca), tb = next_token(&cb);
        if (ta.kind != tb.kind)
            return ta.kind < tb.kind ? -1 : 1;
        if (ta.kind == TK_END)
            break;
        if (ta.value != tb.value)
            return ta.value < tb.value ? -1 : 1;
    }
    /* Equal as numbers and letters (2组, 第二组, 02组): the bytes decide. */
    size_t n = alen < blen ? alen : blen;
    int r = n ? memcmp(a, b, n) : 0;
    if (r != 0)
        return r < 0 ? -1 : 1;
    return alen < blen ? -1 : alen > blen;
}

int natural_cmp(const char *a, const char *b)
{
    return natural_cmpn(a, a ? strlen(a) : 0, b, b ? strlen(b) : 0);
}
