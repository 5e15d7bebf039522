/* text.c — UTF-8 decoding, counting, widths and cutting (core/text.h). */
#include "core/text.h"
#include <stdio.h>
#include <string.h>
#include <wchar.h>

uint32_t utf8_decode_next(const char **s)
{
    const unsigned char *p = (const unsigned char *)*s;
    unsigned b0 = p[0];
    uint32_t cp;
    int n;
    unsigned lo = 0x80, hi = 0xBF;      /* allowed range of the second byte */

    if (b0 == 0)
        return 0;
    if (b0 < 0x80) {
        *s += 1;
        return b0;
    }
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        n = 1; cp = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        n = 2; cp = b0 & 0x0F;
        if (b0 == 0xE0) lo = 0xA0;      /* overlong */
        if (b0 == 0xED) hi = 0x9F;      /* surrogates */
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        n = 3; cp = b0 & 0x07;
        if (b0 == 0xF0) lo = 0x90;      /* overlong */
        if (b0 == 0xF4) hi = 0x8F;      /* above U+10FFFF */
    } else {
        *s += 1;
        return UTF8_REPLACEMENT;
    }
    /* Each byte is checked before the next is read, so a NUL (never a
     * continuation byte) stops the walk inside the string. */
    for (int i = 1; i <= n; i++) {
        unsigned b = p[i];
        unsigned min = i == 1 ? lo : 0x80, max = i == 1 ? hi : 0xBF;
        if (b < min || b > max) {
            *s += 1;
            return UTF8_REPLACEMENT;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    *s += n + 1;
    return cp;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp <= 0x10FFFF) {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        return 4;
    }
    return 0;
}

int text_valid_utf8(const char *s)
{
    if (!s)
        return 1;
    while (*s) {
        const char *before = s;
        uint32_t cp = utf8_decode_next(&s);
        /* U+FFFD itself is valid when it was really encoded (3 bytes). */
        if (cp == UTF8_REPLACEMENT && s - before == 1)
            return 0;
    }
    return 1;
}

size_t text_chars(const char *s)
{
    size_t n = 0;
    if (!s)
        return 0;
    while (utf8_decode_next(&s))
        n++;
    return n;
}

void text_char_visible(uint32_t cp, char out[11])
{
    if (cp <= 0xFFFF)
        snprintf(out, 11, "\\u%04X", (unsigned)cp);
    else
        snprintf(out, 11, "\\U%08X", (unsigned)cp);
}

int text_char_width(uint32_t cp)
{
    int w = wcwidth((wchar_t)cp);
    if (w >= 0)
        return w;
    return cp <= 0xFFFF ? 6 : 10;     /* strlen of text_char_visible() */
}

int text_width(const char *s)
{
    int w = 0;
    uint32_t cp;
    if (!s)
        return 0;
    while ((cp = utf8_decode_next(&s)) != 0)
        w += text_char_width(cp);
    return w;
}

/* East Asian Width W and F ranges of Unicode 15 (EastAsianWidth.txt),
 * adjacent ranges merged.  Generated once from /usr/share/unicode. */
static const uint32_t wide[][2] = {
    {0x1100,0x115F}, {0x231A,0x231B}, {0x2329,0x232A}, {0x23E9,0x23EC}, {0x23F0,0x23F0},
    {0x23F3,0x23F3}, {0x25FD,0x25FE}, {0x2614,0x2615}, {0x2648,0x2653}, {0x267F,0x267F},
    {0x2693,0x2693}, {0x26A1,0x26A1}, {0x26AA,0x26AB}, {0x26BD,0x26BE}, {0x26C4,0x26C5},
    {0x26CE,0x26CE}, {0x26D4,0x26D4}, {0x26EA,0x26EA}, {0x26F2,0x26F3}, {0x26F5,0x26F5},
    {0x26FA,0x26FA}, {0x26FD,0x26FD}, {0x2705,0x2705}, {0x270A,0x270B}, {0x2728,0x2728},
    {0x274C,0x274C}, {0x274E,0x274E}, {0x2753,0x2755}, {0x2757,0x2757}, {0x2795,0x2797},
    {0x27B0,0x27B0}, {0x27BF,0x27BF}, {0x2B1B,0x2B1C}, {0x2B50,0x2B50}, {0x2B55,0x2B55},
    {0x2E80,0x2E99}, {0x2E9B,0x2EF3}, {0x2F00,0x2FD5}, {0x2FF0,0x2FFB}, {0x3000,0x303E},
    {0x3041,0x3096}, {0x3099,0x30FF}, {0x3105,0x312F}, {0x3131,0x318E}, {0x3190,0x31E3},
    {0x31F0,0x321E}, {0x3220,0x3247}, {0x3250,0x4DBF}, {0x4E00,0xA48C}, {0xA490,0xA4C6},
    {0xA960,0xA97C}, {0xAC00,0xD7A3}, {0xF900,0xFAFF}, {0xFE10,0xFE19}, {0xFE30,0xFE52},
    {0xFE54,0xFE66}, {0xFE68,0xFE6B}, {0xFF01,0xFF60}, {0xFFE0,0xFFE6}, {0x16FE0,0x16FE4},
    {0x16FF0,0x16FF1}, {0x17000,0x187F7}, {0x18800,0x18CD5}, {0x18D00,0x18D08},
    {0x1AFF0,0x1AFF3}, {0x1AFF5,0x1AFFB}, {0x1AFFD,0x1AFFE}, {0x1B000,0x1B122},
    {0x1B132,0x1B132}, {0x1B150,0x1B152}, {0x1B155,0x1B155}, {0x1B164,0x1B167},
    {0x1B170,0x1B2FB}, {0x1F004,0x1F004}, {0x1F0CF,0x1F0CF}, {0x1F18E,0x1F18E},
    {0x1F191,0x1F19A}, {0x1F200,0x1F202}, {0x1F210,0x1F23B}, {0x1F240,0x1F248},
    {0x1F250,0x1F251}, {0x1F260,0x1F265}, {0x1F300,0x1F320}, {0x1F32D,0x1F335},
    {0x1F337,0x1F37C}, {0x1F37E,0x1F393}, {0x1F3A0,0x1F3CA}, {0x1F3CF,0x1F3D3},
    {0x1F3E0,0x1F3F0}, {0x1F3F4,0x1F3F4}, {0x1F3F8,0x1F43E}, {0x1F440,0x1F440},
    {0x1F442,0x1F4FC}, {0x1F4FF,0x1F53D}, {0x1F54B,0x1F54E}, {0x1F550,0x1F567},
    {0x1F57A,0x1F57A}, {0x1F595,0x1F596}, {0x1F5A4,0x1F5A4}, {0x1F5FB,0x1F64F},
    {0x1F680,0x1F6C5}, {0x1F6CC,0x1F6CC}, {0x1F6D0,0x1F6D2}, {0x1F6D5,0x1F6D7},
    {0x1F6DC,0x1F6DF}, {0x1F6EB,0x1F6EC}, {0x1F6F4,0x1F6FC}, {0x1F7E0,0x1F7EB},
    {0x1F7F0,0x1F7F0}, {0x1F90C,0x1F93A}, {0x1F93C,0x1F945}, {0x1F947,0x1F9FF},
    {0x1FA70,0x1FA7C}, {0x1FA80,0x1FA88}, {0x1FA90,0x1FABD}, {0x1FABF,0x1FAC5},
    {0x1FACE,0x1FADB}, {0x1FAE0,0x1FAE8}, {0x1FAF0,0x1FAF8}, {0x20000,0x2FFFD},
    {0x30000,0x3FFFD},
};

int text_char_width_cjk(uint32_t cp)
{
    size_t lo = 0, hi = sizeof wide / sizeof *wide;
    if (cp < wide[0][0])
        return 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < wide[mid][0])
            hi = mid;
        else if (cp > wide[mid][1])
            lo = mid + 1;
        else
            return 2;
    }
    return 1;
}

int text_width_cjk(const char *s)
{
    int w = 0;
    uint32_t cp;
    if (!s)
        return 0;
    /* Fast paths for what a roster is made of (the export measures every
     * cell): ASCII, and the CJK ideographs U+4000–U+9FFF (lead bytes E4–E9),
     * wide but for U+4DC0–U+4DFF, which the table decides. */
    for (;;) {
        const unsigned char *u = (const unsigned char *)s;
        if (*u && *u < 0x80) {
            w++;
            s++;
            continue;
        }
        if (*u >= 0xE4 && *u <= 0xE9 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
            cp = (uint32_t)(*u & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
            w += cp < 0x4DC0 || cp >= 0x4E00 ? 2 : text_char_width_cjk(cp);
            s += 3;
            continue;
        }
        if ((cp = utf8_decode_next(&s)) == 0)
            return w;
        w += text_char_width_cjk(cp);
    }
}

size_t text_truncate_chars(char *s, size_t max_chars)
{
    const char *p = s;
    if (!s)
        return 0;
    for (size_t i = 0; i < max_chars; i++)
        if (!utf8_decode_next(&p))
            break;
    s[p - s] = '\0';
    return (size_t)(p - s);
}

size_t text_prefix_fit(const char *s, int cols)
{
    const char *p = s;
    int w = 0;
    if (!s)
        return 0;
    for (;;) {
        const char *before = p;
        uint32_t cp = utf8_decode_next(&p);
        if (cp == 0)
            return (size_t)(before - s);
        w += text_char_width(cp);
        if (w > cols)
            return (size_t)(before - s);
    }
}

void text_fold_ascii(const char *in, char *out, size_t outsz)
{
    size_t o = 0;
    if (outsz == 0)
        return;
    while (in && *in) {
        const char *start = in;
        uint32_t cp = utf8_decode_next(&in);
        char buf[4];
        size_t n;
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            buf[0] = (char)(cp - 0xFF01 + 0x21);
            n = 1;
        } else if (cp == 0x3000 || cp == 0x00A0) {
            buf[0] = ' ';               /* ideographic space; Excel's no-break space */
            n = 1;
        } else if (cp == 0x3002) {
            buf[0] = '.';               /* 。 typed for . in Chinese punctuation mode */
            n = 1;
        } else if ((cp >= 0x2010 && cp <= 0x2013) || cp == 0x2212) {
            buf[0] = '-';               /* hyphens, en dash, minus sign */
            n = 1;
        } else {
            n = (size_t)(in - start);   /* copy as it came, invalid bytes too */
            memcpy(buf, start, n);
        }
        if (o + n >= outsz)
            break;
        memcpy(out + o, buf, n);
        o += n;
    }
    out[o] = '\0';
}

size_t text_digit_run(const char *s)
{
    size_t n = 0;
    while (s && s[n] >= '0' && s[n] <= '9')
        n++;
    return n;
}

int text_is_digits(const char *s, size_t len)
{
    size_t run = text_digit_run(s);
    return run > 0 && s[run] == 0 && (len == 0 || run == len);
}

int text_is_invisible(uint32_t wc)
{
    return wc == 0x00ad || wc == 0x061c || wc == 0x180e
        || (wc >= 0x200b && wc <= 0x200f) || (wc >= 0x202a && wc <= 0x202e)
        || (wc >= 0x2060 && wc <= 0x206f) || wc == 0xfeff
        || (wc >= 0xfff9 && wc <= 0xfffb) || (wc >= 0xe0000 && wc <= 0xe007f);
}

uint32_t text_first_invisible(const char *s)
{
    for (uint32_t cp; s && (cp = utf8_decode_next(&s)) != 0;)
        if (text_is_invisible(cp))
            return cp;
    return 0;
}
