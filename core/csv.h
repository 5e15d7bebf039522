/* csv.h — reading CSV files as clerks make them: RFC 4180 (quoted fields with
 * commas, doubled quotes and line breaks inside; CRLF or LF line ends), from
 * Excel's "CSV UTF-8" (with a byte-order mark), plain UTF-8, or Excel's
 * default "CSV" on a Chinese Windows, which is GBK.
 *
 * Pure: no files, no SQL.  The caller hands a buffer; csv_to_utf8 turns it
 * into UTF-8 (iconv(3) of glibc for GBK, read as GB18030, its superset), and
 * csv_next walks the records.  Any byte sequence is safe to feed (a fuzz
 * test checks): a malformed file gives an error with its line, never a crash.
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
    CSV_ERR_NUL         /* a NUL byte: a damaged file (bad_line names its line) */
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

/* A reader over a UTF-8 buffer it does not own (the buffer must outlive it). */
struct csv_reader {
    const char *p, *end;
    long line;              /* physical line of p, 1-based */
    char *buf;              /* field text of the current record, NUL-separated */
    size_t cap;
    char *fields[CSV_MAX_FIELDS];
    char delim;             /* ',' unless csv_set_delimiter said otherwise */
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
/* The separator of a file saved by a European-locale Excel (';') or as
 * "Text (tab-delimited)" ('\t'): the one of ',', ';', '\t' found most
 * often outside quotes in the first ten lines, ',' on a tie or none. */
char csv_guess_delimiter(const char *text, size_t len);
void csv_set_delimiter(struct csv_reader *r, char delim);
/* The next record into *rec: CSV_OK, CSV_EOF at the end, or an error
 * (rec->line says where the bad record starts).  Blank lines are skipped. */
enum csv_err csv_next(struct csv_reader *r, struct csv_record *rec);
void csv_free(struct csv_reader *r);

#endif
