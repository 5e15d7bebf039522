/* CSV reader (core/csv): any bytes either convert to UTF-8 (valid, the
 * UTF-8 input less its byte-order mark, no NUL, the length it says) or give an error; records never hold more
 * fields than allowed, fields stay inside the text, lines only go forward
 * and every field is valid UTF-8. */
#include "core/csv.h"
#include "core/text.h"
#include "tests/fuzz/fuzz.h"

static void walk(const char *text, size_t len, char delim, int utf8)
{
    struct csv_reader r;
    struct csv_record rec;
    csv_init(&r, text, len);
    if (delim)
        csv_set_delimiter(&r, delim);
    long last = 0;
    enum csv_err e;
    size_t records = 0;
    while ((e = csv_next(&r, &rec)) == CSV_OK) {
        FUZZ_CHECK(rec.n >= 1 && rec.n <= CSV_MAX_FIELDS);
        FUZZ_CHECK(rec.line > last && rec.end_line >= rec.line);
        last = rec.end_line;
        for (size_t i = 0; i < rec.n; i++) {
            FUZZ_CHECK(strlen(rec.fields[i]) <= len);
            if (utf8)
                FUZZ_CHECK(text_valid_utf8(rec.fields[i]));
        }
        FUZZ_CHECK(++records <= len + 1);  /* each record eats at least one byte */
    }
    FUZZ_CHECK(e == CSV_EOF || e == CSV_ERR_QUOTE || e == CSV_ERR_TOO_BIG || e == CSV_ERR_NUL);
    FUZZ_CHECK(csv_strerror(e) != NULL);
    csv_free(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    /* The first byte picks the encoding asked for and the separator. */
    enum csv_encoding enc = (enum csv_encoding)(data[0] % 3);
    static const char delims[] = { 0, ',', ';', '\t' };
    char delim = delims[(data[0] >> 2) % 4];
    const char *in = (const char *)data + 1;
    size_t n = size - 1;

    char *u = NULL;
    size_t ulen = 0;
    enum csv_encoding detected = CSV_ENC_AUTO;
    long bad_line = -1;
    enum csv_err e = csv_to_utf8(in, n, enc, &u, &ulen, &detected, &bad_line);
    if (e == CSV_OK) {
        FUZZ_CHECK(u && strlen(u) == ulen);
        FUZZ_CHECK(text_valid_utf8(u));
        FUZZ_CHECK(detected == CSV_ENC_UTF8 || detected == CSV_ENC_GBK);
        int bom = n >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0;
        /* UTF-8 comes out as it went in, less one byte-order mark. */
        if (detected == CSV_ENC_UTF8)
            FUZZ_CHECK(ulen == n - (bom ? 3 : 0) && memcmp(u, in + (bom ? 3 : 0), ulen) == 0);
        if (enc != CSV_ENC_AUTO)        /* a byte-order mark says UTF-8 whatever was asked */
            FUZZ_CHECK(detected == (bom ? CSV_ENC_UTF8 : enc));
        FUZZ_CHECK(csv_encoding_name(detected) != NULL);
        char guessed = csv_guess_delimiter(u, ulen);
        FUZZ_CHECK(guessed == ',' || guessed == ';' || guessed == '\t');
        walk(u, ulen, delim ? delim : guessed, 1);
        free(u);
    } else {
        FUZZ_CHECK(e == CSV_ERR_ENCODING || e == CSV_ERR_UTF16 || e == CSV_ERR_NUL);
        FUZZ_CHECK(bad_line >= 0);
    }
    /* The reader is byte-safe: the raw bytes, up to a NUL, as if UTF-8. */
    char *raw = fuzz_string((const uint8_t *)in, n);
    walk(raw, strlen(raw), delim, 0);
    free(raw);
    return 0;
}
