/* record.c — generic binding of form fields to SQL parameters and columns. */
#include "db/record.h"
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

void db_record_cols(enum ftable table, const char *const *skip, struct record_cols *out)
{
    size_t n = 0;
    const struct field *fields = form_table_fields(table, &n);
    out->n = 0;
    for (size_t i = 0; i < n && out->n < sizeof out->f / sizeof *out->f; i++) {
        int skipped = 0;
        for (const char *const *s = skip; s && *s; s++)
            if (strcmp(*s, fields[i].key) == 0)
                skipped = 1;
        if (!skipped)
            out->f[out->n++] = &fields[i];
    }
}

int db_record_list(const struct record_cols *c, char *buf, size_t bufsz, int assign, int first)
{
    size_t len = strlen(buf);
    for (size_t i = 0; i < c->n; i++) {
        int w = assign ? snprintf(buf + len, bufsz - len, ", %s = ?%d", c->f[i]->key, first + (int)i)
                       : snprintf(buf + len, bufsz - len, ", %s", c->f[i]->key);
        if (w < 0 || (size_t)w >= bufsz - len)
            return 0;
        len += (size_t)w;
    }
    return 1;
}

/* Numbers are int or int64_t; the declared size decides, so a field that
 * moves from int to int64_t cannot be half-copied. */
static int is_int_type(const struct field *f)
{
    return (f->type == FT_INT || f->type == FT_CODE || f->type == FT_BOOL)
        && f->size == sizeof(int);
}

static int is_int64_type(const struct field *f)
{
    return (f->type == FT_MONEY || f->type == FT_HUNDREDTHS || f->type == FT_INT
            || f->type == FT_CODE || f->type == FT_BOOL) && f->size == sizeof(int64_t);
}

int db_record_bind(sqlite3_stmt *st, int first, const struct record_cols *c, const void *record)
{
    for (size_t i = 0; i < c->n; i++) {
        const struct field *f = c->f[i];
        const void *p = field_cptr(f, record);
        int idx = first + (int)i, rc;
        if (is_int_type(f)) {
            int v;
            memcpy(&v, p, sizeof v);
            rc = sqlite3_bind_int(st, idx, v);
        } else if (is_int64_type(f)) {
            int64_t v;
            memcpy(&v, p, sizeof v);
            rc = sqlite3_bind_int64(st, idx, v);
        } else {
            /* Buffers are NUL-terminated by contract; never read past one. */
            const char *s = p;
            rc = sqlite3_bind_text(st, idx, s, (int)strnlen(s, f->size), SQLITE_STATIC);
        }
        if (rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

void db_copy_text(char *dst, size_t dstsz, const char *src)
{
    if (!dstsz)
        return;
    size_t n = src ? strlen(src) : 0;
    if (n >= dstsz) {
        n = dstsz - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
            n--;    /* src[n] would start the cut: back off to a lead byte */
    }
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

void db_record_read(sqlite3_stmt *st, int first, const struct record_cols *c, void *record)
{
    for (size_t i = 0; i < c->n; i++) {
        const struct field *f = c->f[i];
        void *p = field_ptr(f, record);
        int col = first + (int)i;
        if (is_int_type(f)) {
            int v = sqlite3_column_int(st, col);
            memcpy(p, &v, sizeof v);
        } else if (is_int64_type(f)) {
            int64_t v = sqlite3_column_int64(st, col);
            memcpy(p, &v, sizeof v);
        } else {
            db_copy_text(p, f->size, (const char *)sqlite3_column_text(st, col));
        }
    }
}

void db_col_text(sqlite3_stmt *st, int col, char *dst, size_t dstsz)
{
    db_copy_text(dst, dstsz, (const char *)sqlite3_column_text(st, col));
}

const char *db_col(sqlite3_stmt *st, int col)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    return s ? s : "";
}
