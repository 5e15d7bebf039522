/* csv.h — reading CSV files as clerks make them: RFC 4180 (quoted fields with
 * commas, doubled quotes and line breaks inside; CRLF or LF line ends), from
 * Excel's "CSV UTF-8" (with a byte-order mark), plain UTF-8, or Excel's
 * default "CSV" on a Chinese Windows, which is GBK.
 *
 * Pure: no files, no SQL.  The caller hands a buffer, or a csv_source that
 * reads the file in pieces (a county roster is 90 MB: it is never held
 * whole).  csv_scan reads a source once to find its encoding and any bad
 * byte, csv_open then walks its records converted to UTF-8 (iconv(3) of
 * glibc for GBK, read as GB18030, its superset); csv_to_utf8 does both for
 * a buffer and csv_init walks a UTF-8 buffer.  Any byte sequence is safe to
 * feed (a fuzz test checks): a malformed file gives an error with its line,
 * never a crash.
 *
 * Leniencies, as Excel reads CSV: a quote inside an unquoted field is kept
 * as a character; text after a closing quote is appended to the field; a
 * lone CR ends a line like CRLF.  The one hard error is a quoted field that
 * never closes (it would swallow the rest of the file). */
#ifndef FUPIN_CSV_H
#define FUPIN_CSV_H
#include <stddef.h>

enum csv_encoding { CSV_ENC_AUTO = 0, CSV_ENC_UTF8, CSV_ENC_GBK };

enum csv_err {
    CSV_OK = 0,
    CSV_EOF,            /* no more records */
    CSV_ERR_QUOTE,      /* a quoted field is not closed before the end */
    CSV_ERR_ENCODING,   /* bytes that are neither UTF-8 nor GBK (or not the one asked) */
    CSV_ERR_UTF16,      /* a UTF-16 file (Excel's "Unicode text"): not supported */
    CSV_ERR_NOMEM,
    CSV_ERR_TOO_BIG,    /* a record with more than CSV_MAX_FIELDS fields */
    CSV_ERR_NUL,        /* a NUL byte: a damaged file (bad_line names its line) */
    CSV_ERR_READ        /* the source could not be read (csv_source.read failed) */
};

#define CSV_MAX_FIELDS 512

/* "中文 (English)" text of an error. */
const char *csv_strerror(enum csv_err err);
/* "UTF-8" / "GBK". */
const char *csv_encoding_name(enum csv_encoding enc);

/* Converts `in` (n bytes) to a malloc'd NUL-terminated UTF-8 buffer without
 * a byte-order mark; *out_len its length.  CSV_ENC_AUTO: a BOM or valid
 * UTF-8 means UTF-8, anything else is tried as GBK; *detected says which.
 * On CSV_ERR_ENCODING *bad_line is the 1-based line of the first byte that
 * could not be read (0 if unknown).  A NUL byte is CSV_ERR_NUL with its
 * line.  Lines are counted as csv_next counts them (CRLF, LF or a lone CR). */
enum csv_err csv_to_utf8(const char *in, size_t n, enum csv_encoding enc, char **out,
                         size_t *out_len, enum csv_encoding *detected, long *bad_line);

/* Bytes of a file in pieces: read() puts up to n bytes in buf and returns
 * how many (0 at the end, -1 on an error); rewind() goes back to the first
 * byte (0 ok, -1 error).  csv_source_memory makes one over a buffer. */
struct csv_source {
    long (*read)(void *ud, char *buf, size_t n);
    int (*rewind)(void *ud);
    void *ud;
};

struct csv_memory { const char *p; size_t n, pos; };
void csv_source_memory(struct csv_source *src, struct csv_memory *m, const char *p, size_t n);

/* Reads the whole source once, keeping nothing: *detected the encoding
 * (rules of csv_to_utf8, same errors and *bad_line), *lines the line count
 * for progress (line feeds + 1), *delim csv_guess_delimiter's answer.  The
 * source is rewound before and after. */
enum csv_err csv_scan(const struct csv_source *src, enum csv_encoding enc, enum csv_encoding *detected,
                      long *bad_line, long *lines, char *delim);

struct csv_stream;

/* A reader over a UTF-8 buffer it does not own (the buffer must outlive it),
 * or (csv_open) over a source, holding a window of it. */
struct csv_reader {
    const char *p, *end;
    long line;              /* physical line of p, 1-based */
    char *buf;              /* field text of the current record, NUL-separated */
    size_t cap;
    char *fields[CSV_MAX_FIELDS];
    char delim;             /* ',' unless csv_set_delimiter said otherwise */
    struct csv_stream *in;  /* csv_open: the source, converted; NULL for a buffer */
    char *win;              /* csv_open: the window p and end point into */
    size_t wcap;
    int cut;                /* the record being read ran past the window */
};

/* One record: fields[0..n) are NUL-terminated (quotes removed, doubled quotes
 * made single; a line break inside a quoted field kept as "\n").  `line` is
 * the physical line the record starts on, `end_line` the one it ends on.
 * Valid until the next csv_next or csv_free. */
struct csv_record {
    char **fields;
    size_t n;
    long line, end_line;
};

void csv_init(struct csv_reader *r, const char *text, size_t len);
/* A reader over a source (rewound first) in encoding `enc`, as csv_scan
 * detected it (UTF-8 or GBK; a UTF-8 byte-order mark is skipped).  Memory is
 * the longest record, not the file.  CSV_ERR_NOMEM, or CSV_OK. */
enum csv_err csv_open(struct csv_reader *r, const struct csv_source *src, enum csv_encoding enc);
/* The separator of a file saved by a European-locale Excel (';') or as
 * "Text (tab-delimited)" ('\t'): the one of ',', ';', '\t' found most
 * often outside quotes in the first ten lines, ',' on a tie or none. */
char csv_guess_delimiter(const char *text, size_t len);
void csv_set_delimiter(struct csv_reader *r, char delim);
/* The next record into *rec: CSV_OK, CSV_EOF at the end, or an error
 * (rec->line says where the bad record starts; over a source, bytes that
 * are no longer what csv_scan read give CSV_ERR_ENCODING or CSV_ERR_NUL,
 * a failed read CSV_ERR_READ).  Blank lines are skipped. */
enum csv_err csv_next(struct csv_reader *r, struct csv_record *rec);
void csv_free(struct csv_reader *r);

#endif
