/* import_priv.h — what the parts of `fupin import csv` share (private to
 * db/import*.c; the rules are in db/import.h).
 *
 *   db/import.c            the whole file: scan, header, rows grouped into
 *                          households, the transaction, the report
 *   db/import_cells.c      what a row's cells say: its shape, the values
 *                          (codes, member fields, ID numbers) and the area
 *                          its 县/乡镇/村 name
 *   db/import_household.c  one household: matched with the database, the
 *                          file's cells applied, checked and saved */
#ifndef FUPIN_IMPORT_PRIV_H
#define FUPIN_IMPORT_PRIV_H
#include "db/import.h"
#include "core/checks.h"
#include "core/household.h"
#include "core/income.h"
#include "forms/form.h"
#include <stdint.h>

/* ---- columns ---------------------------------------------------------------- */

enum col_kind {
    K_MEMBER,           /* a field of MEMBER_FIELDS (the `field` pointer) */
    K_COUNTY, K_TOWNSHIP, K_VILLAGE, K_GROUP, K_HH_NO, K_HEAD_NAME, K_PHONE,
    K_HH_TYPE, K_STANDARD, K_CAUSE, K_HELPER, K_HELPER_UNIT, K_STATUS,
    K_SURVEY,           /* another field of the survey (Form B), by its label */
    K_PER_CAPITA,       /* 年人均纯收入: checked against the parts, or the declared figure */
    K_EXIT_YEAR,        /* 脱贫年度 of a new 已脱贫 household */
    K_SURVEY_YEAR,      /* 调查年度: the year of a new survey */
    K_STEP,             /* 办理状态: the step (wf_state_label), finer than 状态 */
    K_DERIVED,          /* 序号, 家庭人口, 年龄: computed from other columns, not imported */
    K_UNKNOWN
};

/* Survey columns a file may have (their cells are kept per household). */
#define SV_SLOTS 96
#define SV_TXT TEXT_BYTES(100)

struct column {
    enum col_kind kind;
    const struct field *field;  /* K_MEMBER, K_SURVEY */
    int slot;                   /* K_SURVEY: index of its cell in pending.sv */
    char header[64];
    const char *key;
};

/* ---- the file's ID numbers (duplicates across the file's households) ------ */

/* The numbers in the order seen, found through a table of their indexes:
 * 24 bytes a number and 4-6 a slot, about 12 MB for a county's 358 347
 * people (a table of whole entries at half load was 48 MB while growing). */
struct idset {
    struct { char id[19]; uint32_t line; } *ent;
    size_t n, ent_cap;
    uint32_t *slot;             /* 1 + index into ent; 0 = free */
    size_t cap;                 /* slots, a power of two */
};

/* ---- one household being read -------------------------------------------- */

#define TXT 128

struct hhrow {          /* household-level cells of one row */
    long line;
    char county[TXT], township[TXT], village[TXT], group[TXT], hh_no[TXT], head_name[TXT];
    char phone[TXT], status[TXT], helper[TXT], helper_unit[TXT], per_capita[TXT], exit_year[TXT];
    char survey_year[TXT], step[TXT];
    int hh_type, standard, cause;
};

struct pending {
    int active;
    struct hhrow first;             /* the first row's household cells */
    int n;                          /* rows (members) read */
    struct member m[HH_MAX_MEMBERS];
    unsigned char given[HH_MAX_MEMBERS][64];    /* member field i given (non-empty) */
    long line[HH_MAX_MEMBERS];
    char raw_id[HH_MAX_MEMBERS][24];            /* the ID as keyed (for 15→18) */
    int too_many;
    int bad;                        /* a row of it had a parse error */
    char sv[SV_SLOTS][SV_TXT];      /* survey cells: the first non-empty of its rows */
};

struct imp {
    struct db *db;
    const struct import_opts *o;
    struct import_report *rep;
    const char *name;
    struct column cols[CSV_MAX_FIELDS];
    int ncols;
    int n_sv;                       /* K_SURVEY columns (slots used) */
    char row_sv[SV_SLOTS][SV_TXT];  /* the survey cells of the row being read */
    int col_of[K_UNKNOWN + 1];      /* first column of a kind, -1 if none */
    struct check_ctx cc;
    struct line lines[256];
    struct idset ids;
    struct pending cur;
    struct household *hh, *old;     /* work buffers (large) */
    int year;
    char today[11];
    enum db_err dberr;              /* a database failure (not a check) */
    char seen_hh_no_last[TXT];
};

/* ---- db/import.c ------------------------------------------------------------ */

/* An error (error = 1) or a warning for the report, at a line and column
 * (0 = the row as a whole); the totals count every one, the report keeps
 * the first opts->max_messages of each. */
void imp_msg(struct imp *im, int error, long line, int col, const char *check, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Column number (1-based) of a kind, 0 if the file has none. */
static inline int imp_colno(const struct imp *im, enum col_kind k)
{
    return im->col_of[k] + 1;
}

/* Column of a check result's field key. */
int imp_col_of_key(const struct imp *im, const char *key);

/* `s` without the spaces and tabs around it, cut to outsz at a character
 * boundary. */
void imp_trim_copy(char *out, size_t outsz, const char *s);

/* Line where `id` (at most 18 characters) was first seen, or 0 after adding
 * it at `line`; -1 on OOM. */
long imp_idset_add(struct idset *s, const char *id, long line);

/* ---- db/import_cells.c ------------------------------------------------------ */

/* Whether a data row has the header's columns (else an error naming the
 * line: the row is not imported); cells with characters that show as
 * nothing are a warning.  1 the row is to be imported, 0 not. */
int imp_row_shape_ok(struct imp *im, const struct csv_record *rec);

/* A code cell: the exact label, or the code number.  0 = empty; -1 = bad. */
int imp_code_cell(enum codelist list, const char *t);

/* The error for a code cell that is no option of `list` (naming them). */
void imp_bad_code(struct imp *im, long line, int col, enum codelist list, const char *t);

/* Parses one data row into the pending household's next member and the
 * household cells.  Returns 0, or -1 when the row had a value error. */
int imp_parse_row(struct imp *im, const struct csv_record *rec, struct hhrow *h, struct member *m,
                  unsigned char given[64], char raw_id[24]);

/* Resolves the household's village.  0 ok (village filled); 1 an error was
 * reported; -1 a database failure. */
int imp_resolve_village(struct imp *im, const struct hhrow *h, char village[AREA_CODE_LEN + 1]);

/* ---- db/import_household.c -------------------------------------------------- */

/* Matches, checks and (while no error has been seen) saves the household
 * read so far (im->cur), if any; a database failure is left in im->dberr. */
void imp_finish_household(struct imp *im);

#endif
