/* form.h — declarative paper forms.  A form is pages of fields in paper order;
 * each field says where its value lives in struct household (or struct member
 * for roster pages), which SQL column stores it (key), how it is typed and
 * shown, and which code list it picks from.  tui/ renders these tables, db/
 * saves through them, exports and imports read their labels: adding a field
 * is one line here plus its column in a db/ migration. */
#ifndef FUPIN_FORM_H
#define FUPIN_FORM_H
#include <stddef.h>
#include "core/codes.h"
#include "core/household.h"
#include "core/income.h"

enum ftype {
    FT_TEXT,        /* CJK text; max_chars characters */
    FT_INT,         /* int */
    FT_MONEY,       /* money_t, fen; shown 元 with 2 decimals */
    FT_HUNDREDTHS,  /* int64_t ×100: 亩, ㎡, 公里 */
    FT_DATE,        /* char[11] YYYY-MM-DD; accepts YYYYMMDD */
    FT_CODE,        /* int code of `list` */
    FT_BOOL,        /* int 0/1: 是/否 */
    FT_IDNO,        /* char[19]; live checksum, fills sex and birth */
    FT_PHONE,       /* char[21]: 11-digit mobile or landline with area code */
    FT_DIGITS,      /* char[]: digits only (bank account) */
    FT_AREA         /* char[13]: a village area code, picked from the areas table */
};

/* Which table a field is stored in (db/ binds fields by this and `key`). */
enum ftable {
    T_HOUSEHOLD,    /* households */
    T_MEMBER,       /* members: offset is into struct member */
    T_APPLICATION,  /* applications (one per household per year) */
    T_SURVEY,       /* surveys (one per household per year) */
    T_HEAD,         /* shown on Form A, stored as members[0] */
    T_DERIVED       /* computed for display, never stored */
};

enum {
    F_REQUIRED = 1 << 0,    /* must not be empty on save */
    F_READONLY = 1 << 1     /* shown, not keyed (derived values) */
};

/* What derived fields and checks need to know beyond the record itself. */
struct form_ctx {
    const struct line *lines;
    size_t n_lines;
    struct labour_ages labour;
    char today[11];
};

struct field {
    const char *key;        /* SQL column (and draft key) */
    const char *label;      /* label as printed on the paper form */
    enum ftype type;
    enum ftable table;
    size_t offset;          /* into struct household, or struct member (T_MEMBER) */
    size_t size;            /* bytes of the value (char buffers: buffer size) */
    int width;              /* display columns of the input box */
    enum codelist list;     /* FT_CODE */
    unsigned flags;
    const char *help;       /* F1 text; NULL = generic help of the type */
    /* T_DERIVED: writes the display value. */
    void (*derive)(const struct household *hh, const struct form_ctx *ctx,
                   char *out, size_t outsz);
};

struct form_page {
    const char *title;
    const struct field *fields;
    size_t n_fields;
    int roster;             /* 1: a table of members, fields are struct member's */
};

struct form {
    const char *name;       /* "application", "survey" (draft key) */
    const char *title;      /* the paper's title */
    const struct form_page *pages;
    size_t n_pages;
    /* Ids of the check engine's checks (core/checks.c) that apply on save,
     * NULL-terminated; NULL = every household check. */
    const char *const *checks;
};

/* 1 when the check `id` applies to form f. */
int form_check_applies(const struct form *f, const char *id);

extern const struct form FORM_APPLICATION;  /* Form A 农村扶贫对象家庭申请书 */
extern const struct form FORM_SURVEY;       /* Form B 入户调查表 */
extern const struct field MEMBER_FIELDS[];  /* the members roster, paper order */
extern const size_t N_MEMBER_FIELDS;

/* All stored fields of a table, across forms, each column once (db/ binds
 * with these).  *n gets the count. */
const struct field *form_table_fields(enum ftable table, size_t *n);
/* Finds a field by key in a table; NULL if none. */
const struct field *form_field(enum ftable table, const char *key);

/* Value access through the declaration. */
void *field_ptr(const struct field *f, void *record);
const void *field_cptr(const struct field *f, const void *record);
/* The value as display text (codes → labels, money "1234.50", bool 是/否). */
void field_format(const struct field *f, const void *record, char *out, size_t outsz);
/* Parses text into the value; returns NULL on success, else a Chinese message
 * naming what is wrong (e.g. "日期不存在").  Nothing is written on failure. */
const char *field_parse(const struct field *f, void *record, const char *text);

#endif
