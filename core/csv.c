/* csv.c — see csv.h. */
#include "core/csv.h"
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *csv_strerror(enum csv_err err)
{
    switch (err) {
    case CSV_OK:           return "正常 (ok)";
    case CSV_EOF:          return "文件结束 (end of file)";
    case CSV_ERR_QUOTE:    return "引号没有配对，字段一直延续到文件末尾 (unterminated quoted field)";
    case CSV_ERR_ENCODING: return "文件编码无法识别，请另存为 CSV UTF-8 或 GBK (not UTF-8 nor GBK)";
    case CSV_ERR_UTF16:    return "文件是 UTF-16（Unicode 文本），请在 Excel 中另存为“CSV UTF-8” (UTF-16 not supported)";
    case CSV_ERR_NOMEM:    return "内存不足 (out of memory)";
    case CSV_ERR_TOO_BIG:  return "一行的列数太多 (too many fields in a record)";
    case CSV_ERR_NUL:      return "文件中有空字符（NUL），文件可能已损坏，请在 Excel 中重新另存为 CSV (NUL byte in the file)";
    }
    return "未知错误 (unknown error)";
}

const char *csv_encoding_name(enum csv_encoding enc)
{
    return enc == CSV_ENC_GBK ? "GBK" : "UTF-8";
}

/* Length of the valid UTF-8 prefix (shortest forms, no surrogates, no NUL). */
static size_t utf8_valid_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c == 0)
            return i;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        uint32_t cp, min;
        if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; min = 0x80; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; min = 0x800; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; min = 0x10000; }
        else return i;
        if (n - i < len)
            return i;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return n;
}

/* The line of byte `offset`, counting line ends as csv_next does: CRLF, LF
 * or a lone CR each end one line. */
static long line_of(const char *s, size_t offset)
{
    long line = 1;
    for (size_t i = 0; i < offset; i++)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= offset || s[i + 1] != '\n')))
            line++;
    return line;
}

/* GBK → UTF-8 through glibc's GB18030 converter (GB18030 contains GBK, and
 * Windows "GBK" files often carry its extra characters, e.g. 𬌗 names). */
static enum csv_err from_gbk(const char *in, size_t n, char **out, size_t *out_len, long *bad_line)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return CSV_ERR_ENCODING;
    /* A GBK character (2 bytes) becomes at most 3 UTF-8 bytes; a 4-byte
     * GB18030 sequence at most 4. */
    size_t cap = n * 2 + 4;
    char *buf = malloc(cap);
    if (!buf) {
        iconv_close(cd);
        return CSV_ERR_NOMEM;
    }
    char *ip = (char *)in, *op = buf;
    size_t il = n, ol = cap - 1;
    size_t r = iconv(cd, &ip, &il, &op, &ol);
    int e = errno;
    iconv_close(cd);
    if (r == (size_t)-1 || il != 0 || memchr(in, 0, n)) {
        size_t at = r == (size_t)-1 ? (size_t)(ip - in) : n;
        const char *nul = memchr(in, 0, n);
        if (nul && (size_t)(nul - in) < at)
            at = (size_t)(nul - in);
        (void)e;
        if (bad_line)
            *bad_line = line_of(in, at);
        free(buf);
        return CSV_ERR_ENCODING;
    }
    *op = '\0';
    *out = buf;
    *out_len = (size_t)(op - buf);
    return CSV_OK;
}

enum csv_err csv_to_utf8(const char *in, size_t n, enum csv_encoding enc, char **out,
                         size_t *out_len, enum csv_encoding *detected, long *bad_line)
{
    *out = NULL;
    *out_len = 0;
    if (bad_line)
        *bad_line = 0;
    const unsigned char *u = (const unsigned char *)in;
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return CSV_ERR_UTF16;
    /* Before any decoding: a NUL stops the UTF-8 check and derails the GBK
     * one, which would then blame line 1 for bytes that are fine. */
    const char *nul = memchr(in, 0, n);
    if (nul) {
        if (bad_line)
            *bad_line = line_of(in, (size_t)(nul - in));
        return CSV_ERR_NUL;
    }
    int bom = n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
    if (enc == CSV_ENC_GBK && !bom) {
        if (detected)
            *detected = CSV_ENC_GBK;
        return from_gbk(in, n, out, out_len, bad_line);
    }
    const char *s = in + (bom ? 3 : 0);
    size_t len = n - (bom ? 3 : 0);
    size_t valid = utf8_valid_prefix((const unsigned char *)s, len);
    if (valid == len) {
        char *buf = malloc(len + 1);
        if (!buf)
            return CSV_ERR_NOMEM;
        memcpy(buf, s, len);
        buf[len] = '\0';
        *out = buf;
        *out_len = len;
        if (detected)
            *detected = CSV_ENC_UTF8;
        return CSV_OK;
    }
    if (enc == CSV_ENC_UTF8 || bom) {
        if (bad_line)
            *bad_line = line_of(s, valid);
        return CSV_ERR_ENCODING;
    }
    if (detected)
        *detected = CSV_ENC_GBK;
    return from_gbk(in, n, out, out_len, bad_line);
}

void csv_init(struct csv_reader *r, const char *text, size_t len)
{
    memset(r, 0, sizeof *r);
    r->p = text;
    r->end = text + len;
    r->line = 1;
    r->delim = ',';
}

void csv_set_delimiter(struct csv_reader *r, char delim)
{
    r->delim = delim;
}

char csv_guess_delimiter(const char *text, size_t len)
{
    static const char cand[] = { ',', ';', '\t' };
    size_t count[3] = { 0 };
    int quoted = 0, lines = 0;
    for (size_t i = 0; i < len && lines < 10; i++) {
        char c = text[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && c == '\n')
            lines++;
        else if (!quoted)
            for (int k = 0; k < 3; k++)
                count[k] += c == cand[k];
    }
    int best = 0;
    for (int k = 1; k < 3; k++)
        if (count[k] > count[best])
            best = k;
    return cand[best];
}

void csv_free(struct csv_reader *r)
{
    free(r->buf);
    r->buf = NULL;
    r->cap = 0;
}

static int put(struct csv_reader *r, size_t *len, char c)
{
    if (*len + 1 >= r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 1024;
        char *b = realloc(r->buf, cap);
        if (!b)
            return 0;
        r->buf = b;
        r->cap = cap;
    }
    r->buf[(*len)++] = c;
    return 1;
}

/* Consumes a line end at p (CRLF, LF or CR); returns 1 if there was one. */
static int eat_eol(struct csv_reader *r)
{
    if (r->p < r->end && *r->p == '\r') {
        r->p++;
        if (r->p < r->end && *r->p == '\n')
            r->p++;
        r->line++;
        return 1;
    }
    if (r->p < r->end && *r->p == '\n') {
        r->p++;
        r->line++;
        return 1;
    }
    return 0;
}

enum csv_err csv_next(struct csv_reader *r, struct csv_record *rec)
{
    rec->fields = r->fields;
    rec->n = 0;
    /* Blank lines between records are skipped (Excel leaves some at the end). */
    while (r->p < r->end && (*r->p == '\r' || *r->p == '\n'))
        eat_eol(r);
    rec->line = rec->end_line = r->line;
    if (r->p >= r->end)
        return CSV_EOF;

    size_t len = 0;
    size_t starts[CSV_MAX_FIELDS];
    size_t nf = 0;
    for (;;) {
        if (nf == CSV_MAX_FIELDS)
            return CSV_ERR_TOO_BIG;
        starts[nf++] = len;
        if (r->p < r->end && *r->p == '"') {
            r->p++;
            for (;;) {
                if (r->p >= r->end)
                    return CSV_ERR_QUOTE;
                char c = *r->p;
                if (c == '"') {
                    if (r->p + 1 < r->end && r->p[1] == '"') {
                        if (!put(r, &len, '"'))
                            return CSV_ERR_NOMEM;
                        r->p += 2;
                        continue;
                    }
                    r->p++;
                    break;
                }
                if (c == '\r' || c == '\n') {
                    /* A line break inside a field is one "\n" whatever the file's line ends. */
                    eat_eol(r);
                    if (!put(r, &len, '\n'))
                        return CSV_ERR_NOMEM;
                    continue;
                }
                if (!put(r, &len, c))
                    return CSV_ERR_NOMEM;
                r->p++;
            }
        }
        /* Unquoted text, or what follows a closing quote, up to , or line end. */
        while (r->p < r->end && *r->p != r->delim && *r->p != '\r' && *r->p != '\n') {
            if (!put(r, &len, *r->p))
                return CSV_ERR_NOMEM;
            r->p++;
        }
        if (!put(r, &len, '\0'))
            return CSV_ERR_NOMEM;
        if (r->p < r->end && *r->p == r->delim) {
            r->p++;
            continue;
        }
        rec->end_line = r->line;
        eat_eol(r);
        break;
    }
    for (size_t i = 0; i < nf; i++)
        r->fields[i] = r->buf + starts[i];
    rec->n = nf;
    return CSV_OK;
}
