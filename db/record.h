/* record.h — binds and reads struct fields through the form declarations
 * (forms/form.h), so a form field is saved and loaded by its `key` alone:
 * adding a field is one line in forms/ plus one column in a migration.
 * FT_INT/FT_CODE/FT_BOOL bind as int, FT_MONEY/FT_HUNDREDTHS as int64,
 * everything else as text. */
#ifndef FUPIN_RECORD_H
#define FUPIN_RECORD_H
#include <stddef.h>
#include "forms/form.h"
#include "db/db.h"

/* The stored fields of `table` minus those named in `skip` (NULL-terminated,
 * may be NULL) — e.g. a key the caller binds itself. */
struct record_cols {
    const struct field *f[128];
    size_t n;
};
void db_record_cols(enum ftable table, const char *const *skip, struct record_cols *out);

/* Appends ", key1, key2, ..." (prefix each with `sep`) to buf; returns 0 on
 * overflow.  With `assign`, writes ", key1 = ?N, ..." numbering from first. */
int db_record_list(const struct record_cols *c, char *buf, size_t bufsz, int assign, int first);
/* Binds the fields' values from `record` to parameters first, first+1, ... */
int db_record_bind(sqlite3_stmt *st, int first, const struct record_cols *c, const void *record);
/* Reads result columns first, first+1, ... into `record` (text is cut at a
 * character boundary if it would not fit; NULL reads as 0 / ""). */
void db_record_read(sqlite3_stmt *st, int first, const struct record_cols *c, void *record);
/* Copies UTF-8 text into a buffer, cutting at a character boundary. */
void db_copy_text(char *dst, size_t dstsz, const char *src);
/* Column col of the row st as text into dst (NULL as ""), cut as db_copy_text
 * cuts: on a character boundary. */
void db_col_text(sqlite3_stmt *st, int col, char *dst, size_t dstsz);
/* Column col of the row st as text, "" for NULL (valid until the next step). */
const char *db_col(sqlite3_stmt *st, int col);

#endif
