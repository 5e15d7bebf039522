/* core/csv: RFC 4180 records, line ends, BOM, GBK, malformed input. */
#include "tests/harness.h"
#include "core/csv.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads every record of `text`; fields joined by '|', records by '/'. */
static enum csv_err read_all(const char *text, size_t len, char *out, size_t outsz, long *lines)
{
    struct csv_reader r;
    struct csv_record rec;
    csv_init(&r, text, len);
    out[0] = '\0';
    enum csv_err e;
    int k = 0;
    while ((e = csv_next(&r, &rec)) == CSV_OK) {
        if (lines)
            lines[k++] = rec.line;
        size_t l = strlen(out);
        snprintf(out + l, outsz - l, "%s", l ? "/" : "");
        for (size_t i = 0; i < rec.n; i++) {
            l = strlen(out);
            snprintf(out + l, outsz - l, "%s%s", i ? "|" : "", rec.fields[i]);
        }
    }
    if (lines && e != CSV_EOF)
        lines[k] = rec.line;
    csv_free(&r);
    return e;
}

/* Records and fields of small inputs (| between fields, / between records). */
TEST(csv_line_ends_quotes_and_blank_lines)
{
    static const char *const cases[][2] = {
        /* CRLF, LF and a lone CR all end a record; no final line end. */
        { "a,b,c\r\n1,2,3\n4,,6\r7,8,9", "a|b|c/1|2|3/4||6/7|8|9" },
        /* A quote inside an unquoted field is a character (as Excel reads
         * it); text after a closing quote is kept; blank lines are skipped. */
        { "\n\na\"b,\"x\"y,z\n\n\nlast\n\n", "a\"b|xy|z/last" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[512];
        CHECK_INT(read_all(cases[i][0], strlen(cases[i][0]), out, sizeof out, NULL), CSV_EOF);
        CHECK_STR(out, cases[i][1]);
    }
}

TEST(csv_quotes_commas_newlines)
{
    char out[512];
    long lines[8] = { 0 };
    /* A quoted field holds a comma, a doubled quote and a CRLF line break
     * (kept as one "\n"); the record after it starts on physical line 4. */
    const char *t = "姓名,备注\r\n\"张三\",\"住房, \"\"危房\"\"\r\n二级\"\r\n李四,\"\"\r\n";
    CHECK_INT(read_all(t, strlen(t), out, sizeof out, lines), CSV_EOF);
    CHECK_STR(out, "姓名|备注/张三|住房, \"危房\"\n二级/李四|");
    CHECK_INT(lines[0], 1);
    CHECK_INT(lines[1], 2);
    CHECK_INT(lines[2], 4);
}

TEST(csv_unterminated_quote_names_its_line)
{
    char out[512];
    long lines[8] = { 0 };
    const char *t = "a,b\n1,2\n3,\"never closed,\n4,5\n";
    CHECK_INT(read_all(t, strlen(t), out, sizeof out, lines), CSV_ERR_QUOTE);
    CHECK_INT(lines[2], 3);
}

TEST(csv_utf8_bom_and_gbk_detection)
{
    char *out = NULL;
    size_t n = 0;
    enum csv_encoding enc = CSV_ENC_AUTO;
    long bad = 0;
    /* "户主" in UTF-8 with a BOM. */
    const char bom[] = "\xEF\xBB\xBF\xE6\x88\xB7\xE4\xB8\xBB,1\r\n";
    CHECK_INT(csv_to_utf8(bom, sizeof bom - 1, CSV_ENC_AUTO, &out, &n, &enc, &bad), CSV_OK);
    CHECK_STR(out, "户主,1\r\n");
    CHECK_INT(enc, CSV_ENC_UTF8);
    free(out);
    /* "户主" in GBK: BB A7 D6 F7 (not valid UTF-8) → detected as GBK. */
    const char gbk[] = "\xBB\xA7\xD6\xF7,1\n";
    CHECK_INT(csv_to_utf8(gbk, sizeof gbk - 1, CSV_ENC_AUTO, &out, &n, &enc, &bad), CSV_OK);
    CHECK_STR(out, "户主,1\n");
    CHECK_INT(enc, CSV_ENC_GBK);
    free(out);
    /* Forced UTF-8 on GBK bytes: an encoding error on line 2. */
    const char gbk2[] = "a,b\n\xBB\xA7\xD6\xF7,1\n";
    CHECK_INT(csv_to_utf8(gbk2, sizeof gbk2 - 1, CSV_ENC_UTF8, &out, &n, &enc, &bad), CSV_ERR_ENCODING);
    CHECK_INT(bad, 2);
    CHECK(out == NULL);
    /* Forced GBK on ASCII: fine. */
    CHECK_INT(csv_to_utf8("a,b\n", 4, CSV_ENC_GBK, &out, &n, &enc, &bad), CSV_OK);
    CHECK_STR(out, "a,b\n");
    free(out);
}

TEST(csv_bad_encodings_refused)
{
    char *out = NULL;
    size_t n = 0;
    long bad = 0;
    /* UTF-16 LE with BOM (Excel "Unicode text"). */
    CHECK_INT(csv_to_utf8("\xFF\xFE" "a\0", 4, CSV_ENC_AUTO, &out, &n, NULL, &bad), CSV_ERR_UTF16);
    /* A NUL byte on line 3, and bytes that are no GBK either (0x80 alone, 0xFF). */
    CHECK_INT(csv_to_utf8("a\nb\nc\0d\n", 8, CSV_ENC_AUTO, &out, &n, NULL, &bad), CSV_ERR_NUL);
    CHECK_INT(bad, 3);
    CHECK_INT(csv_to_utf8("ok\n\xFF\xFF\n", 6, CSV_ENC_AUTO, &out, &n, NULL, &bad), CSV_ERR_ENCODING);
    CHECK_INT(bad, 2);
    /* An overlong UTF-8 form is not UTF-8 ("\xC0\xAF"), nor GBK-decodable to the same. */
    enum csv_encoding enc = CSV_ENC_AUTO;
    if (csv_to_utf8("\xC0\xAF\n", 3, CSV_ENC_AUTO, &out, &n, &enc, &bad) == CSV_OK) {
        CHECK_INT(enc, CSV_ENC_GBK);
        free(out);
    }
}

TEST(csv_too_many_fields)
{
    size_t n = CSV_MAX_FIELDS + 5;
    char *t = malloc(n + 2);
    memset(t, ',', n);
    t[n] = '\n';
    t[n + 1] = '\0';
    struct csv_reader r;
    struct csv_record rec;
    csv_init(&r, t, n + 1);
    CHECK_INT(csv_next(&r, &rec), CSV_ERR_TOO_BIG);
    csv_free(&r);
    free(t);
}

/* Random bytes (quotes, commas, line ends, high bytes) never crash and
 * every record's fields stay inside the reader's buffer. */
TEST(csv_fuzz)
{
    static const char alphabet[] = "\",\r\na\xE6\x88\xB7 \x80\xFF\0";
    uint64_t x = 88172645463325252ull;
    char buf[600];
    for (int round = 0; round < 20000; round++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        size_t len = (size_t)(x % sizeof buf);
        for (size_t i = 0; i < len; i++) {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            buf[i] = alphabet[x % (sizeof alphabet - 1)];
        }
        char *u = NULL;
        size_t ulen = 0;
        if (csv_to_utf8(buf, len, CSV_ENC_AUTO, &u, &ulen, NULL, NULL) == CSV_OK) {
            struct csv_reader r;
            struct csv_record rec;
            csv_init(&r, u, ulen);
            enum csv_err e;
            int guard = 0;
            while ((e = csv_next(&r, &rec)) == CSV_OK && guard++ < 1000)
                for (size_t i = 0; i < rec.n; i++)
                    if (strlen(rec.fields[i]) > ulen) {
                        CHECK(0);
                        break;
                    }
            CHECK(e == CSV_EOF || e == CSV_ERR_QUOTE || e == CSV_ERR_TOO_BIG);
            csv_free(&r);
            free(u);
        }
        /* Also parse the raw bytes as if already UTF-8 (the parser is byte-safe). */
        struct csv_reader r2;
        struct csv_record rec2;
        csv_init(&r2, buf, len);
        int guard = 0;
        while (csv_next(&r2, &rec2) == CSV_OK && guard++ < 1000)
            ;
        csv_free(&r2);
    }
}

/* Issue 13 item 7: the line of a fault is exact after a NUL byte (it named
 * line 1: the NUL sent Chinese UTF-8 to the GBK decoder), with lone-CR line
 * ends (they were not counted) and after a quoted field with line breaks. */
TEST(csv_fault_lines_exact)
{
    char *out = NULL;
    size_t n = 0;
    long bad = 0;
    static const char nul[] = "姓名,身份证号\n张三,1\n李四,2\n\0\n王五,3\n";
    CHECK_INT(csv_to_utf8(nul, sizeof nul - 1, CSV_ENC_AUTO, &out, &n, NULL, &bad), CSV_ERR_NUL);
    CHECK_INT(bad, 4);
    static const char cr[] = "a\rb\r\"x\r\ny\"\rok\r\xFF\xFF\r";
    CHECK_INT(csv_to_utf8(cr, sizeof cr - 1, CSV_ENC_UTF8, &out, &n, NULL, &bad), CSV_ERR_ENCODING);
    CHECK_INT(bad, 6);
    static const char crlf[] = "a\r\nb\r\n\xFF\r\n";
    CHECK_INT(csv_to_utf8(crlf, sizeof crlf - 1, CSV_ENC_UTF8, &out, &n, NULL, &bad), CSV_ERR_ENCODING);
    CHECK_INT(bad, 3);
}

/* Semicolon (European Excel) and tab-separated files are read as such. */
TEST(csv_delimiter_guessed)
{
    static const char semi[] = "姓名;身份证号;备注\n张三;\"1;2\";x\n";
    static const char tab[] = "姓名\t身份证号\n张三,李四\t1\n";
    static const char comma[] = "姓名,备注\n张三,\"a;b;c;d\"\n";
    CHECK_INT(csv_guess_delimiter(semi, sizeof semi - 1), ';');
    CHECK_INT(csv_guess_delimiter(tab, sizeof tab - 1), '\t');
    CHECK_INT(csv_guess_delimiter(comma, sizeof comma - 1), ',');
    CHECK_INT(csv_guess_delimiter("", 0), ',');
    struct csv_reader r;
    struct csv_record rec;
    csv_init(&r, semi, sizeof semi - 1);
    csv_set_delimiter(&r, ';');
    CHECK_INT(csv_next(&r, &rec), CSV_OK);
    CHECK_INT(rec.n, 3);
    CHECK_INT(csv_next(&r, &rec), CSV_OK);
    CHECK_INT(rec.n, 3);
    CHECK_STR(rec.fields[1], "1;2");
    csv_free(&r);
    csv_init(&r, tab, sizeof tab - 1);
    csv_set_delimiter(&r, '\t');
    CHECK_INT(csv_next(&r, &rec), CSV_OK);
    CHECK_INT(csv_next(&r, &rec), CSV_OK);
    CHECK_INT(rec.n, 2);
    CHECK_STR(rec.fields[0], "张三,李四");
    csv_free(&r);
}

/* A source that gives a few bytes a read, so that records, quoted line
 * breaks, CRLF pairs and UTF-8 characters are cut at every place. */
struct trickle { struct csv_memory m; struct csv_source mem; size_t step; };
static long trickle_read(void *ud, char *buf, size_t n)
{
    struct trickle *t = ud;
    return t->mem.read(t->mem.ud, buf, n < t->step ? n : t->step);
}
static int trickle_rewind(void *ud)
{
    struct trickle *t = ud;
    return t->mem.rewind(t->mem.ud);
}

/* Records of `text` as csv_scan + csv_open read them from a trickle of
 * `step` bytes a read, in read_all's form.  The scan's error if it fails. */
static enum csv_err read_stream(const char *text, size_t len, size_t step, char *out, size_t outsz,
                                long *lines, long *bad_line)
{
    struct trickle t = { .step = step };
    csv_source_memory(&t.mem, &t.m, text, len);
    struct csv_source src = { trickle_read, trickle_rewind, &t };
    enum csv_encoding enc = CSV_ENC_AUTO;
    long total = 0;
    char delim = 0;
    enum csv_err e = csv_scan(&src, CSV_ENC_AUTO, &enc, bad_line, &total, &delim);
    out[0] = '\0';
    if (e != CSV_OK)
        return e;
    struct csv_reader r;
    struct csv_record rec;
    if (csv_open(&r, &src, enc) != CSV_OK)
        return CSV_ERR_NOMEM;
    int k = 0;
    while ((e = csv_next(&r, &rec)) == CSV_OK) {
        if (lines)
            lines[k++] = rec.end_line * 1000 + rec.line;
        size_t l = strlen(out);
        snprintf(out + l, outsz - l, "%s", l ? "/" : "");
        for (size_t i = 0; i < rec.n; i++) {
            l = strlen(out);
            snprintf(out + l, outsz - l, "%s%s", i ? "|" : "", rec.fields[i]);
        }
    }
    if (lines)
        lines[k] = rec.line;
    csv_free(&r);
    return e;
}

/* Issue 14: the import reads the file in pieces.  Every random file reads
 * the same from a trickle as from the whole converted buffer: the same
 * records, fields, lines and errors (a bad byte named on the same line). */
TEST(csv_stream_reads_as_whole_buffer)
{
    static const char alphabet[] = "\",\r\na\xE6\x88\xB7 \x80\xFF\xBB\xA7\0";
    uint64_t x = 0x9E3779B97F4A7C15ull;
    char buf[300];
    for (int round = 0; round < 3000; round++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        size_t len = (size_t)(x % sizeof buf);
        for (size_t i = 0; i < len; i++) {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            /* mostly text, so that many files are valid UTF-8 or GBK */
            buf[i] = x % 4 ? "ab,\n\xE6\x88\xB7"[x / 4 % 7] : alphabet[x / 4 % (sizeof alphabet - 1)];
        }
        char *u = NULL, want[4096], got[4096];
        size_t ulen = 0;
        long bad_want = 0, bad_got = 0, lw[700] = { 0 }, lg[700] = { 0 };
        enum csv_err ew = csv_to_utf8(buf, len, CSV_ENC_AUTO, &u, &ulen, NULL, &bad_want);
        enum csv_err eg = read_stream(buf, len, 1 + round % 5, got, sizeof got, lg, &bad_got);
        if (ew != CSV_OK) {
            CHECK_INT(eg, ew);
            CHECK_INT(bad_got, bad_want);
            continue;
        }
        struct csv_reader r;
        struct csv_record rec;
        csv_init(&r, u, ulen);
        want[0] = '\0';
        int k = 0;
        while ((ew = csv_next(&r, &rec)) == CSV_OK) {
            lw[k++] = rec.end_line * 1000 + rec.line;
            size_t l = strlen(want);
            snprintf(want + l, sizeof want - l, "%s", l ? "/" : "");
            for (size_t i = 0; i < rec.n; i++) {
                l = strlen(want);
                snprintf(want + l, sizeof want - l, "%s%s", i ? "|" : "", rec.fields[i]);
            }
        }
        lw[k] = rec.line;
        csv_free(&r);
        free(u);
        CHECK_INT(eg, ew);
        CHECK_STR(got, want);
        CHECK(memcmp(lw, lg, sizeof lw) == 0);
    }
}

/* A record longer than the reader's window (a pasted essay in 备注) and a
 * GBK file both come through a trickle whole. */
TEST(csv_stream_long_record_and_gbk)
{
    size_t n = 700000;
    char *t = malloc(n + 64);
    strcpy(t, "a,\"");
    memset(t + 3, 'x', n);
    strcpy(t + 3 + n, "\"\nb,c\n");
    char *out = malloc(n + 64);
    long lines[4] = { 0 }, bad = 0;
    CHECK_INT(read_stream(t, strlen(t), 4096, out, n + 64, lines, &bad), CSV_EOF);
    CHECK_INT(strlen(out), n + 6);
    CHECK_STR(out + n + 2, "/b|c");
    CHECK_INT(lines[1], 2002);
    free(t);
    free(out);
    char got[64];
    static const char gbk[] = "\xBB\xA7\xD6\xF7,1\r\n\xD5\xC5\xC8\xFD,2\r\n";     /* 户主,1 张三,2 */
    CHECK_INT(read_stream(gbk, sizeof gbk - 1, 1, got, sizeof got, NULL, &bad), CSV_EOF);
    CHECK_STR(got, "户主|1/张三|2");
}
