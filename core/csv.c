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
    case CSV_ERR_READ:     return "读取文件出错，请检查 U 盘或磁盘后重试 (read error)";
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

/* ---- raw bytes to UTF-8, in pieces ----------------------------------------- */

#define CHUNK 65536             /* bytes read from a source at a time */

/* The conversion of one pass: UTF-8 checked and copied, or GBK through
 * glibc's GB18030 converter (GB18030 contains GBK, and Windows "GBK" files
 * often carry its extra characters, e.g. 𬌗 names). */
struct conv {
    enum csv_encoding enc;
    iconv_t cd;
    int count;          /* count lines (csv_scan: where a bad byte is) */
    long line;          /* line of the next byte, as csv_next counts: CRLF, LF or a lone CR */
    int cr;             /* the last byte counted was a CR */
    long lf;            /* line feeds counted */
};

static void conv_lines(struct conv *c, const char *s, size_t n)
{
    if (!c->count)
        return;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r' || (s[i] == '\n' && !c->cr))
            c->line++;
        c->lf += s[i] == '\n';
        c->cr = s[i] == '\r';
    }
}

/* Converts what it can of in[0..n) into out[0..cap) (cap >= 4): *used bytes
 * of input, *made of output.  A character cut at the end of `in` waits for
 * the next call unless `last`.  CSV_OK, or CSV_ERR_ENCODING / CSV_ERR_NUL at
 * in + *used. */
static enum csv_err conv_feed(struct conv *c, const char *in, size_t n, char *out, size_t cap, int last,
                              size_t *used, size_t *made)
{
    enum csv_err e = CSV_OK;
    if (c->enc != CSV_ENC_GBK) {
        size_t k = n < cap ? n : cap;
        last &= k == n;
        size_t v = utf8_valid_prefix((const unsigned char *)in, k);
        memcpy(out, in, v);
        *used = *made = v;
        if (v < k && (last || k - v >= 4 || in[v] == 0))
            e = in[v] == 0 ? CSV_ERR_NUL : CSV_ERR_ENCODING;
    } else {
        char *ip = (char *)in, *op = out;
        size_t il = n, ol = cap;
        size_t r = iconv(c->cd, &ip, &il, &op, &ol);
        int err = errno;
        *used = (size_t)(ip - in);
        *made = (size_t)(op - out);
        const char *nul = memchr(in, 0, *used);
        if (nul) {
            *used = (size_t)(nul - in);
            e = CSV_ERR_NUL;
        } else if (r == (size_t)-1 && (err == EILSEQ || (err == EINVAL && last))) {
            e = CSV_ERR_ENCODING;
        }
    }
    conv_lines(c, in, *used);
    return e;
}

/* A source read through a conversion. */
struct csv_stream {
    const struct csv_source *src;
    struct conv conv;
    size_t pos, len;            /* raw[pos..len): read, not yet converted */
    int eof;                    /* the source gave its last byte */
    int done;                   /* and every byte was converted */
    char raw[CHUNK];
};

/* Moves the unconverted bytes to the front and reads more. */
static enum csv_err stream_top_up(struct csv_stream *s)
{
    memmove(s->raw, s->raw + s->pos, s->len - s->pos);
    s->len -= s->pos;
    s->pos = 0;
    while (!s->eof && s->len < CHUNK) {
        long k = s->src->read(s->src->ud, s->raw + s->len, CHUNK - s->len);
        if (k < 0)
            return CSV_ERR_READ;
        if (k == 0)
            s->eof = 1;
        s->len += (size_t)k;
        if (k > 0)
            break;
    }
    return CSV_OK;
}

static void stream_free(struct csv_stream *s)
{
    if (s && s->conv.cd != (iconv_t)-1)
        iconv_close(s->conv.cd);
    free(s);
}

/* A stream over src from its first byte.  enc UTF-8 (a byte-order mark is
 * skipped) or GBK.  *utf16 / *bom say what the file starts with (either may
 * be NULL).  NULL with *err set on failure. */
static struct csv_stream *stream_new(const struct csv_source *src, enum csv_encoding enc, int count_lines,
                                     int *bom, enum csv_err *err)
{
    struct csv_stream *s = calloc(1, sizeof *s);
    *err = CSV_ERR_NOMEM;
    if (!s)
        return NULL;
    s->src = src;
    s->conv.enc = enc;
    s->conv.cd = (iconv_t)-1;
    s->conv.count = count_lines;
    s->conv.line = 1;
    if (src->rewind(src->ud) != 0 || (*err = stream_top_up(s)) != CSV_OK) {
        if (*err == CSV_OK)
            *err = CSV_ERR_READ;
        stream_free(s);
        return NULL;
    }
    const unsigned char *u = (const unsigned char *)s->raw;
    if (s->len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        *err = CSV_ERR_UTF16;
        stream_free(s);
        return NULL;
    }
    int b = s->len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
    if (bom)
        *bom = b;
    if (enc == CSV_ENC_GBK) {
        s->conv.cd = iconv_open("UTF-8", "GB18030");
        if (s->conv.cd == (iconv_t)-1) {
            *err = CSV_ERR_ENCODING;
            stream_free(s);
            return NULL;
        }
    } else if (b) {
        s->pos = 3;
    }
    *err = CSV_OK;
    return s;
}

/* Up to cap (>= 4) bytes of UTF-8 into out; *made is 0 only at the end. */
static enum csv_err stream_read(struct csv_stream *s, char *out, size_t cap, size_t *made)
{
    *made = 0;
    while (!s->done) {
        if (!s->eof && s->len - s->pos < CHUNK / 2) {
            enum csv_err e = stream_top_up(s);
            if (e != CSV_OK)
                return e;
        }
        size_t used = 0;
        enum csv_err e = conv_feed(&s->conv, s->raw + s->pos, s->len - s->pos, out, cap, s->eof, &used, made);
        s->pos += used;
        if (e != CSV_OK)
            return e;
        s->done = s->eof && s->pos == s->len;
        if (*made)
            break;
    }
    return CSV_OK;
}

/* After an encoding error: the line of a NUL further on, which is the
 * error to report (a damaged file), or 0. */
static long stream_nul_line(struct csv_stream *s)
{
    for (;;) {
        const char *b = s->raw + s->pos;
        size_t n = s->len - s->pos;
        const char *z = memchr(b, 0, n);
        conv_lines(&s->conv, b, z ? (size_t)(z - b) : n);
        if (z)
            return s->conv.line;
        s->pos = s->len;
        if (s->eof || stream_top_up(s) != CSV_OK || s->len == 0)
            return 0;
    }
}

/* ---- csv_scan ------------------------------------------------------------------ */

static long memory_read(void *ud, char *buf, size_t n)
{
    struct csv_memory *m = ud;
    size_t k = m->n - m->pos < n ? m->n - m->pos : n;
    memcpy(buf, m->p + m->pos, k);
    m->pos += k;
    return (long)k;
}

static int memory_rewind(void *ud)
{
    ((struct csv_memory *)ud)->pos = 0;
    return 0;
}

void csv_source_memory(struct csv_source *src, struct csv_memory *m, const char *p, size_t n)
{
    m->p = p;
    m->n = n;
    m->pos = 0;
    src->read = memory_read;
    src->rewind = memory_rewind;
    src->ud = m;
}

/* csv_guess_delimiter, fed in pieces. */
struct guess {
    size_t count[3];
    int quoted, lines;
};
static const char GUESS_CAND[] = { ',', ';', '\t' };

static void guess_feed(struct guess *g, const char *text, size_t len)
{
    for (size_t i = 0; i < len && g->lines < 10; i++) {
        char c = text[i];
        if (c == '"')
            g->quoted = !g->quoted;
        else if (!g->quoted && c == '\n')
            g->lines++;
        else if (!g->quoted)
            for (int k = 0; k < 3; k++)
                g->count[k] += c == GUESS_CAND[k];
    }
}

static char guess_result(const struct guess *g)
{
    int best = 0;
    for (int k = 1; k < 3; k++)
        if (g->count[k] > g->count[best])
            best = k;
    return GUESS_CAND[best];
}

/* One pass in `enc`: CSV_OK, or the first error (a NUL anywhere wins over
 * a bad character before it, as the whole-buffer check always said). */
static enum csv_err scan_pass(const struct csv_source *src, enum csv_encoding enc, int *bom, long *bad_line,
                              long *lines, struct guess *g)
{
    enum csv_err e;
    struct csv_stream *s = stream_new(src, enc, 1, bom, &e);
    if (!s)
        return e;
    char *out = malloc(CHUNK);      /* thrown away: only the checks are kept */
    if (!out || (enc == CSV_ENC_GBK && *bom)) {     /* csv_scan reads it as UTF-8 */
        free(out);
        stream_free(s);
        return out ? CSV_OK : CSV_ERR_NOMEM;
    }
    size_t made = 0;
    memset(g, 0, sizeof *g);
    do {
        e = stream_read(s, out, CHUNK, &made);
        guess_feed(g, out, made);
    } while (e == CSV_OK && made);
    free(out);
    *bad_line = s->conv.line;
    if (e == CSV_ERR_ENCODING) {
        long nul = stream_nul_line(s);
        if (nul) {
            e = CSV_ERR_NUL;
            *bad_line = nul;
        }
    }
    *lines = s->conv.lf + 1;
    stream_free(s);
    return e;
}

enum csv_err csv_scan(const struct csv_source *src, enum csv_encoding enc, enum csv_encoding *detected,
                      long *bad_line, long *lines, char *delim)
{
    long bad = 0, nl = 1;
    int bom = 0;
    struct guess g;
    *bad_line = 0;
    *lines = 1;
    *delim = ',';
    enum csv_encoding pass = enc == CSV_ENC_GBK ? CSV_ENC_GBK : CSV_ENC_UTF8;
    enum csv_err e = scan_pass(src, pass, &bom, &bad, &nl, &g);
    if (pass == CSV_ENC_GBK && bom) {       /* a byte-order mark says UTF-8 whatever was asked */
        pass = CSV_ENC_UTF8;
        e = scan_pass(src, pass, &bom, &bad, &nl, &g);
    }
    if (e == CSV_ERR_ENCODING && pass == CSV_ENC_UTF8 && enc == CSV_ENC_AUTO && !bom) {
        pass = CSV_ENC_GBK;
        e = scan_pass(src, pass, &bom, &bad, &nl, &g);
    }
    if (e == CSV_ERR_ENCODING || e == CSV_ERR_NUL)
        *bad_line = bad;
    if (e == CSV_OK || (pass == CSV_ENC_GBK && e == CSV_ERR_ENCODING))
        *detected = pass;
    if (e == CSV_OK) {
        *lines = nl;
        *delim = guess_result(&g);
    }
    src->rewind(src->ud);
    return e;
}

enum csv_err csv_to_utf8(const char *in, size_t n, enum csv_encoding enc, char **out,
                         size_t *out_len, enum csv_encoding *detected, long *bad_line)
{
    *out = NULL;
    *out_len = 0;
    struct csv_memory m;
    struct csv_source src;
    csv_source_memory(&src, &m, in, n);
    long bad = 0, lines;
    char delim;
    enum csv_encoding d = CSV_ENC_UTF8;
    enum csv_err e = csv_scan(&src, enc, detected ? detected : &d, &bad, &lines, &delim);
    if (bad_line)
        *bad_line = bad;
    if (e != CSV_OK)
        return e;
    struct csv_stream *s = stream_new(&src, detected ? *detected : d, 0, NULL, &e);
    size_t cap = n + CHUNK, len = 0, made = 0;
    char *buf = s ? malloc(cap) : NULL;
    if (s && !buf)
        e = CSV_ERR_NOMEM;
    while (buf && e == CSV_OK) {
        if (cap - len < CHUNK) {
            char *g = realloc(buf, cap *= 2);
            if (!g) {
                e = CSV_ERR_NOMEM;
                break;
            }
            buf = g;
        }
        e = stream_read(s, buf + len, cap - len - 1, &made);
        len += made;
        if (!made)
            break;
    }
    stream_free(s);
    if (e != CSV_OK) {
        free(buf);
        return e;
    }
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return CSV_OK;
}

void csv_init(struct csv_reader *r, const char *text, size_t len)
{
    memset(r, 0, sizeof *r);
    r->p = text;
    r->end = text + len;
    r->line = 1;
    r->delim = ',';
}

enum csv_err csv_open(struct csv_reader *r, const struct csv_source *src, enum csv_encoding enc)
{
    csv_init(r, NULL, 0);
    enum csv_err e;
    r->in = stream_new(src, enc == CSV_ENC_GBK ? CSV_ENC_GBK : CSV_ENC_UTF8, 0, NULL, &e);
    if (!r->in)
        return e;
    r->wcap = 4 * CHUNK;
    r->win = malloc(r->wcap);
    if (!r->win) {
        csv_free(r);
        return CSV_ERR_NOMEM;
    }
    r->p = r->end = r->win;
    return CSV_OK;
}

void csv_set_delimiter(struct csv_reader *r, char delim)
{
    r->delim = delim;
}

char csv_guess_delimiter(const char *text, size_t len)
{
    struct guess g;
    memset(&g, 0, sizeof g);
    guess_feed(&g, text, len);
    return guess_result(&g);
}

void csv_free(struct csv_reader *r)
{
    free(r->buf);
    r->buf = NULL;
    r->cap = 0;
    stream_free(r->in);
    r->in = NULL;
    free(r->win);
    r->win = NULL;
}

/* Over a source: more of it may follow the window. */
static int more(const struct csv_reader *r)
{
    return r->in && !r->in->done;
}

/* Keeps [keep, end) of the window, at its front, and appends the next piece
 * of the source (the window grows when one record fills it). */
static enum csv_err refill(struct csv_reader *r, const char *keep)
{
    size_t have = (size_t)(r->end - keep), at = (size_t)(r->p - keep);
    memmove(r->win, keep, have);
    if (r->wcap - have < CHUNK) {
        char *g = realloc(r->win, r->wcap * 2);
        if (!g)
            return CSV_ERR_NOMEM;
        r->win = g;
        r->wcap *= 2;
    }
    size_t made = 0;
    enum csv_err e = stream_read(r->in, r->win + have, r->wcap - have, &made);
    r->p = r->win + at;
    r->end = r->win + have + made;
    return e;
}

/* There are k more bytes at p.  When the window ends first and the source
 * has more, the record is marked `cut`: csv_next reads it again after a
 * refill. */
static int have(struct csv_reader *r, size_t k)
{
    if ((size_t)(r->end - r->p) >= k)
        return 1;
    r->cut |= more(r);
    return 0;
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
    if (have(r, 1) && *r->p == '\r') {
        r->p++;
        if (have(r, 1) && *r->p == '\n')
            r->p++;
        r->line++;
        return 1;
    }
    if (have(r, 1) && *r->p == '\n') {
        r->p++;
        r->line++;
        return 1;
    }
    return 0;
}

/* Blank lines between records are skipped (Excel leaves some at the end);
 * over a source, a long run of them is not kept in the window. */
static enum csv_err skip_blank_lines(struct csv_reader *r)
{
    for (;;) {
        while (r->p < r->end && (*r->p == '\r' || *r->p == '\n') && (r->end - r->p >= 2 || !more(r)))
            eat_eol(r);
        if (!more(r) || r->end - r->p >= 2)
            return CSV_OK;
        enum csv_err e = refill(r, r->p);
        if (e != CSV_OK)
            return e;
    }
}

/* One field from p into buf at *len; the delimiter or line end after it is
 * left at p. */
static enum csv_err read_field(struct csv_reader *r, size_t *len)
{
    if (have(r, 1) && *r->p == '"') {
        r->p++;
        for (;;) {
            if (!have(r, 1))
                return CSV_ERR_QUOTE;
            char c = *r->p;
            if (c == '"') {
                if (have(r, 2) && r->p[1] == '"') {
                    if (!put(r, len, '"'))
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
                if (!put(r, len, '\n'))
                    return CSV_ERR_NOMEM;
                continue;
            }
            if (!put(r, len, c))
                return CSV_ERR_NOMEM;
            r->p++;
        }
    }
    /* Unquoted text, or what follows a closing quote, up to , or line end. */
    while (have(r, 1) && *r->p != r->delim && *r->p != '\r' && *r->p != '\n') {
        if (!put(r, len, *r->p))
            return CSV_ERR_NOMEM;
        r->p++;
    }
    return put(r, len, '\0') ? CSV_OK : CSV_ERR_NOMEM;
}

static enum csv_err read_record(struct csv_reader *r, struct csv_record *rec)
{
    rec->line = rec->end_line = r->line;
    if (!have(r, 1))
        return CSV_EOF;
    size_t len = 0;
    size_t starts[CSV_MAX_FIELDS];
    size_t nf = 0;
    for (;;) {
        if (nf == CSV_MAX_FIELDS)
            return CSV_ERR_TOO_BIG;
        starts[nf++] = len;
        enum csv_err e = read_field(r, &len);
        if (e != CSV_OK)
            return e;
        if (have(r, 1) && *r->p == r->delim) {
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

enum csv_err csv_next(struct csv_reader *r, struct csv_record *rec)
{
    rec->fields = r->fields;
    rec->n = 0;
    enum csv_err e = skip_blank_lines(r);
    for (;;) {
        if (e != CSV_OK) {
            rec->line = rec->end_line = r->line;
            return e;
        }
        const char *start = r->p;
        long line = r->line;
        r->cut = 0;
        e = read_record(r, rec);
        if (!r->cut)
            return e;
        /* The window ended inside the record: again with more of the file. */
        rec->n = 0;
        r->p = start;
        r->line = line;
        e = refill(r, start);
    }
}
