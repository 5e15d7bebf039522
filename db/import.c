/* import.c — `fupin import csv`: see import.h for the rules.
 *
 * A first read of the file (csv_scan) finds its encoding and any byte that
 * is not text; then one pass over it inside one transaction: each household
 * is parsed, matched, checked and (while no error has been seen) saved
 * through db_household_save.  After the first error nothing more is written
 * but every remaining household is still checked, so the report lists
 * every problem of the file; at the end the transaction is rolled back.
 * Neither read holds the file (csv_open keeps a window of it).  Memory is
 * one household, a set of the file's ID numbers (for duplicates across the
 * file's households, which the database cannot see once writing stops; 24
 * bytes a person) and the page cache (IMPORT_CACHE_KIB): under 100 MB for a
 * county roster, whatever its size. */
#include "db/import.h"
#include "db/audit.h"
#include "core/checks.h"
#include "core/clock.h"
#include "core/codes.h"
#include "core/idno.h"
#include "core/income.h"
#include "core/text.h"
#include "core/workflow.h"
#include "db/assist.h"
#include "db/household_store.h"
#include "db/operators.h"
#include "db/record.h"
#include "db/settings.h"
#include "forms/form.h"
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMPORT_CACHE_KIB "32768"      /* 32 MiB: see db_import_csv_source */

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

struct colspec {
    const char *label;
    enum col_kind kind;
    const char *key;    /* check engine field key, for locating results */
};

static const struct colspec SPECIAL[] = {
    { "县", K_COUNTY, "" }, { "乡镇", K_TOWNSHIP, "" }, { "村", K_VILLAGE, "village" },
    { "村民小组", K_GROUP, "group_name" }, { "户编号", K_HH_NO, "hh_no" },
    { "户主姓名", K_HEAD_NAME, "" }, { "联系电话", K_PHONE, "phone" },
    { "贫困户属性", K_HH_TYPE, "hh_type" }, { "识别标准", K_STANDARD, "standard" },
    { "主要致贫原因", K_CAUSE, "main_cause" }, { "帮扶责任人", K_HELPER, "" },
    { "帮扶单位", K_HELPER_UNIT, "" }, { "状态", K_STATUS, "state" },
    { "年龄", K_DERIVED, "" }, { "序号", K_DERIVED, "" }, { "家庭人口", K_DERIVED, "" },
    { "年人均纯收入", K_PER_CAPITA, "per_capita" }, { "脱贫年度", K_EXIT_YEAR, "" },
    { "调查年度", K_SURVEY_YEAR, "" }, { "办理状态", K_STEP, "state" },
};
#define N_SPECIAL (sizeof SPECIAL / sizeof *SPECIAL)

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

static uint32_t id_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The slot of `id`: where it is, or the free one where it would go. */
static size_t idset_find(const struct idset *s, const char *id)
{
    size_t i = id_hash(id) & (s->cap - 1);
    while (s->slot[i] && strcmp(s->ent[s->slot[i] - 1].id, id) != 0)
        i = (i + 1) & (s->cap - 1);
    return i;
}

/* Room for one more entry (table at most 3/4 full); 0, or -1 on OOM. */
static int idset_grow(struct idset *s)
{
    if (s->n == s->ent_cap) {
        size_t cap = s->ent_cap ? s->ent_cap * 2 : 4096;
        void *g = realloc(s->ent, cap * sizeof *s->ent);
        if (!g)
            return -1;
        s->ent = g;
        s->ent_cap = cap;
    }
    if ((s->n + 1) * 4 <= s->cap * 3)
        return 0;
    size_t cap = s->cap ? s->cap * 2 : 8192;
    uint32_t *slot = calloc(cap, sizeof *slot);
    if (!slot)
        return -1;
    free(s->slot);
    s->slot = slot;
    s->cap = cap;
    for (size_t k = 0; k < s->n; k++)
        s->slot[idset_find(s, s->ent[k].id)] = (uint32_t)k + 1;
    return 0;
}

/* Line where `id` (at most 18 characters) was first seen, or 0 after adding
 * it at `line`; -1 on OOM. */
static long idset_add(struct idset *s, const char *id, long line)
{
    if (idset_grow(s) != 0)
        return -1;
    size_t i = idset_find(s, id);
    if (s->slot[i])
        return s->ent[s->slot[i] - 1].line;
    snprintf(s->ent[s->n].id, sizeof s->ent[s->n].id, "%s", id);
    s->ent[s->n].line = (uint32_t)line;
    s->slot[i] = (uint32_t)++s->n;
    return 0;
}

static void idset_free(struct idset *s)
{
    free(s->ent);
    free(s->slot);
}

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

static void msg(struct imp *im, int error, long line, int col, const char *check, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static void msg(struct imp *im, int error, long line, int col, const char *check, const char *fmt, ...)
{
    struct import_report *r = im->rep;
    size_t max = im->o->max_messages ? im->o->max_messages : 200;
    if (error) r->errors++; else r->warnings++;
    size_t *kept = error ? &r->errors_kept : &r->warnings_kept;
    if (*kept >= max)
        return;
    if (r->n_msgs == r->cap_msgs) {
        size_t cap = r->cap_msgs ? r->cap_msgs * 2 : 64;
        struct import_msg *g = realloc(r->msgs, cap * sizeof *g);
        if (!g)
            return;
        r->msgs = g;
        r->cap_msgs = cap;
    }
    struct import_msg *m = &r->msgs[r->n_msgs++];
    (*kept)++;
    memset(m, 0, sizeof *m);
    m->line = line;
    m->col = col;
    m->error = error;
    if (col > 0 && col <= im->ncols)
        snprintf(m->column, sizeof m->column, "%s", im->cols[col - 1].header);
    snprintf(m->check, sizeof m->check, "%s", check);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->text, sizeof m->text, fmt, ap);
    va_end(ap);
}

static void note(struct imp *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct imp *im, const char *fmt, ...)
{
    size_t len = strlen(im->rep->notes);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(im->rep->notes + len, sizeof im->rep->notes - len, fmt, ap);
    va_end(ap);
}

/* Column number (1-based) of a kind, 0 if the file has none. */
static int colno(const struct imp *im, enum col_kind k)
{
    return im->col_of[k] + 1;
}

/* Column of a check result's field key. */
static int col_of_key(const struct imp *im, const char *key)
{
    if (!key || !*key)
        return 0;
    for (int i = 0; i < im->ncols; i++)
        if (im->cols[i].key && strcmp(im->cols[i].key, key) == 0)
            return i + 1;
    return 0;
}

static void trim_copy(char *out, size_t outsz, const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t len = strlen(s);
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len >= outsz)
        len = outsz - 1;
    /* Cut at a character boundary. */
    while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
        len--;
    memcpy(out, s, len);
    out[len] = '\0';
}

/* ---- row shape ------------------------------------------------------------- */

/* A row must have the header's columns: fewer means it was cut (a field
 * lost to a stray line break or a truncated copy), more with text in them
 * means a comma too many shifted every cell after it.  Either would put
 * values under the wrong column without a word: an error naming the line.
 * Empty extra cells (Excel pads rows to its used range) are fine.  Cells
 * with characters that show as nothing (zero-width space…) are a warning
 * naming the column: equal-looking names would differ in search. */
static int row_shape_ok(struct imp *im, const struct csv_record *rec)
{
    size_t want = (size_t)im->ncols, extra = 0;
    for (size_t i = want; i < rec->n; i++)
        if (strspn(rec->fields[i], " \t") != strlen(rec->fields[i]))
            extra = i + 1;
    if (rec->n < want || extra) {
        msg(im, 1, rec->line, 0, "COLUMN_COUNT", "这一行有 %zu 列，表头有 %zu 列%s，未导入", rec->n, want,
            rec->n < want ? "（行被截断或少了逗号）" : "（多了逗号或多出内容）");
        return 0;
    }
    for (size_t i = 0; i < want; i++) {
        uint32_t cp = text_first_invisible(rec->fields[i]);
        if (cp)
            msg(im, 0, rec->line, (int)i + 1, "INVISIBLE_CHAR",
                "含有看不见的字符 U+%04X（零宽空格等），请在 Excel 中删除后重新导入", (unsigned)cp);
    }
    return 1;
}

/* ---- header ----------------------------------------------------------------- */

static void classify(const char *header, struct column *c)
{
    memset(c, 0, sizeof *c);
    trim_copy(c->header, sizeof c->header, header);
    c->kind = K_UNKNOWN;
    for (size_t i = 0; i < N_SPECIAL; i++)
        if (strcmp(c->header, SPECIAL[i].label) == 0) {
            c->kind = SPECIAL[i].kind;
            c->key = SPECIAL[i].key;
            return;
        }
    for (size_t i = 0; i < N_MEMBER_FIELDS; i++)
        if (strcmp(c->header, MEMBER_FIELDS[i].label) == 0) {
            c->kind = K_MEMBER;
            c->field = &MEMBER_FIELDS[i];
            c->key = MEMBER_FIELDS[i].key;
            return;
        }
    /* The survey's other fields (其他致贫原因, 开户银行, the income parts …)
     * by the label of Form B. */
    size_t n = 0;
    const struct field *sv = form_table_fields(T_SURVEY, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(c->header, sv[i].label) == 0) {
            c->kind = K_SURVEY;
            c->field = &sv[i];
            c->key = sv[i].key;
            return;
        }
}

static int known_cells(const struct csv_record *rec)
{
    int n = 0;
    for (size_t i = 0; i < rec->n; i++) {
        struct column c;
        classify(rec->fields[i], &c);
        n += c.kind != K_UNKNOWN;
    }
    return n;
}

/* 0 ok; -1 the file cannot be imported (messages say why). */
static int read_header(struct imp *im, const struct csv_record *rec)
{
    im->ncols = (int)rec->n;
    for (int k = 0; k <= K_UNKNOWN; k++)
        im->col_of[k] = -1;
    int bad = 0;
    char derived[256] = "";
    for (int i = 0; i < im->ncols; i++) {
        struct column *c = &im->cols[i];
        classify(rec->fields[i], c);
        if (c->kind == K_UNKNOWN) {
            if (c->header[0])
                msg(im, 0, rec->line, i + 1, "COLUMN_UNKNOWN", "未识别的列“%s”，已忽略 (unknown column ignored)",
                    c->header);
            continue;
        }
        for (int j = 0; j < i; j++)
            if (strcmp(im->cols[j].header, c->header) == 0) {
                msg(im, 1, rec->line, i + 1, "COLUMN_DUP", "列“%s”重复（第 %d 列和第 %d 列）(duplicate column)",
                    c->header, j + 1, i + 1);
                bad = 1;
            }
        if (c->kind == K_SURVEY) {
            if (im->n_sv >= SV_SLOTS) {
                msg(im, 1, rec->line, i + 1, "COLUMN_EXTRA", "调查表的列太多（最多 %d 列）", SV_SLOTS);
                bad = 1;
                continue;
            }
            c->slot = im->n_sv++;
        }
        if (c->kind == K_DERIVED) {
            size_t len = strlen(derived);
            snprintf(derived + len, sizeof derived - len, "%s%s", len ? "、" : "", c->header);
        }
        if (c->kind == K_MEMBER) {
            /* Member fields are looked up by key when placing results. */
            continue;
        }
        if (im->col_of[c->kind] < 0)
            im->col_of[c->kind] = i;
    }
    if (derived[0])
        note(im, "由其他列计算、不导入的列: %s\n", derived);
    static const char *const required[] = { "村", "姓名", "身份证号", "与户主关系" };
    for (size_t r = 0; r < sizeof required / sizeof *required; r++) {
        int found = 0;
        for (int i = 0; i < im->ncols; i++)
            found |= strcmp(im->cols[i].header, required[r]) == 0;
        if (!found) {
            msg(im, 1, rec->line, 0, "COLUMN_MISSING", "缺少必需的列“%s”（表头应使用花名册的列名）"
                "(required column missing)", required[r]);
            bad = 1;
        }
    }
    return bad ? -1 : 0;
}

/* ---- cells ------------------------------------------------------------------ */

/* A code cell: the exact label, or the code number.  0 = empty; -1 = bad. */
static int code_cell(enum codelist list, const char *t)
{
    if (!*t)
        return 0;
    int c = codes_by_label(list, t);
    if (c > 0)
        return c;
    if (strspn(t, "0123456789") == strlen(t) && strlen(t) <= 3) {
        int n = atoi(t);
        if (codes_label(list, n)[0])
            return n;
    }
    return -1;
}

static void bad_code(struct imp *im, long line, int col, enum codelist list, const char *t)
{
    size_t n = 0;
    const struct code *cl = codes_list(list, &n);
    char opts[200] = "";
    for (size_t i = 0; i < n && strlen(opts) < 150; i++) {
        size_t len = strlen(opts);
        snprintf(opts + len, sizeof opts - len, "%s%s", i ? "、" : "", cl[i].label);
    }
    msg(im, 1, line, col, "FIELD_VALUE", "%s没有“%s”这个选项（可填: %s%s）", codes_list_name(list), t, opts,
        strlen(opts) >= 150 ? "…" : "");
}

/* Names and free text keep what was typed; every other cell (codes, ID
 * numbers, dates, money, phone, area codes, 户编号) is ASCII at heart. */
static int cell_is_text(const struct column *c)
{
    switch (c->kind) {
    case K_GROUP: case K_HEAD_NAME: case K_HELPER: case K_HELPER_UNIT: case K_STATUS: case K_STEP:
        return 1;
    case K_MEMBER: case K_SURVEY:
        return c->field->type == FT_TEXT;
    default:
        return 0;
    }
}

/* Parses one data row into the pending household's next member and the
 * household cells.  Returns 0, or -1 when the row had a value error. */
static int parse_row(struct imp *im, const struct csv_record *rec, struct hhrow *h, struct member *m,
                     unsigned char given[64], char raw_id[24])
{
    int bad = 0;
    memset(h, 0, sizeof *h);
    memset(m, 0, sizeof *m);
    memset(given, 0, 64);
    raw_id[0] = '\0';
    h->line = rec->line;
    for (int k = 0; k < im->n_sv; k++)
        im->row_sv[k][0] = '\0';
    for (int i = 0; i < im->ncols; i++) {
        const struct column *c = &im->cols[i];
        char t[1024], folded[1024];
        const char *cell = (size_t)i < rec->n ? rec->fields[i] : "";
        if (!cell_is_text(c)) {
            /* ４５０１…, Ｘ, the ideographic space: what an input method in
             * full-width mode typed into Excel; field_parse folds the same. */
            text_fold_ascii(cell, folded, sizeof folded);
            cell = folded;
        }
        trim_copy(t, sizeof t, cell);
        if (!t[0] || c->kind == K_UNKNOWN || c->kind == K_DERIVED)
            continue;
        char *dst = NULL;
        switch (c->kind) {
        case K_COUNTY: dst = h->county; break;
        case K_TOWNSHIP: dst = h->township; break;
        case K_VILLAGE: dst = h->village; break;
        case K_GROUP: dst = h->group; break;
        case K_HH_NO: dst = h->hh_no; break;
        case K_HEAD_NAME: dst = h->head_name; break;
        case K_PHONE: dst = h->phone; break;
        case K_STATUS: dst = h->status; break;
        case K_HELPER: dst = h->helper; break;
        case K_HELPER_UNIT: dst = h->helper_unit; break;
        case K_PER_CAPITA: dst = h->per_capita; break;
        case K_EXIT_YEAR: dst = h->exit_year; break;
        case K_SURVEY_YEAR: dst = h->survey_year; break;
        case K_STEP: dst = h->step; break;
        case K_SURVEY: trim_copy(im->row_sv[c->slot], SV_TXT, t); break;
        case K_HH_TYPE: case K_STANDARD: case K_CAUSE: {
            enum codelist l = c->kind == K_HH_TYPE ? CL_HH_TYPE : c->kind == K_STANDARD ? CL_STANDARD : CL_CAUSE;
            int code = code_cell(l, t);
            if (code < 0) {
                bad_code(im, rec->line, i + 1, l, t);
                bad = 1;
            }
            *(c->kind == K_HH_TYPE ? &h->hh_type : c->kind == K_STANDARD ? &h->standard : &h->cause) =
                code > 0 ? code : 0;
            break;
        }
        case K_MEMBER: {
            const struct field *f = c->field;
            size_t fi = (size_t)(f - MEMBER_FIELDS);
            if (fi < 64)
                given[fi] = 1;
            if (strcmp(f->key, "id_no") == 0) {
                /* The check engine judges the number as keyed (ID_FORMAT,
                 * ID_CHECKSUM, ID_LEGACY ...); it is normalised on save. */
                db_copy_text(raw_id, 24, t);
                if (strlen(t) > ID_NO_LEN) {
                    msg(im, 1, rec->line, i + 1, "ID_FORMAT", "身份证号“%s”位数不对（应为18位）", t);
                    bad = 1;
                    break;
                }
                db_copy_text(m->id_no, sizeof m->id_no, t);
                struct idno_info info;
                enum idno_status st = idno_parse(t, &info);
                if (st == IDNO_OK || st == IDNO_UPGRADED) {
                    if (st == IDNO_OK)
                        snprintf(m->id_no, sizeof m->id_no, "%s", info.id);
                    if (!m->sex)        /* a 性别 column before this one wins */
                        m->sex = info.sex;
                    snprintf(m->birth, sizeof m->birth, "%s", info.birth);
                }
                break;
            }
            if (f->type == FT_CODE) {
                int code = code_cell(f->list, t);
                if (code < 0) {
                    bad_code(im, rec->line, i + 1, f->list, t);
                    bad = 1;
                } else {
                    *(int *)field_ptr(f, m) = code;
                }
                break;
            }
            const char *e = field_parse(f, m, t);
            if (e) {
                msg(im, 1, rec->line, i + 1, "FIELD_VALUE", "%s“%s”: %s", f->label, t, e);
                bad = 1;
            }
            break;
        }
        default:
            break;
        }
        if (dst)
            trim_copy(dst, TXT, t);
    }
    return bad ? -1 : 0;
}

/* ---- areas -------------------------------------------------------------------- */

/* Finds an area by name (or by its code when the cell is all digits) under
 * parent ("" = anywhere).  1 found, 0 none, 2 several (ambiguous), -1 db error. */
static int find_area(struct imp *im, int level, const char *name, const char *parent, char out[AREA_CODE_LEN + 1])
{
    sqlite3_stmt *st = db_stmt(im->db,
        "SELECT code FROM areas WHERE level = ?1 AND (name = ?2 OR code = ?2) "
        "AND (?3 = '' OR code LIKE ?3 || '%') ORDER BY code LIMIT 2");
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, level);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, parent, -1, SQLITE_STATIC);
    int found = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (found == 0)
            db_copy_text(out, AREA_CODE_LEN + 1, (const char *)sqlite3_column_text(st, 0));
        found++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        im->dberr = db_fail(im->db, rc, "查找区划");
        return -1;
    }
    return found;
}

static int create_area(struct imp *im, int level, const char *name, const char *parent,
                       char out[AREA_CODE_LEN + 1])
{
    char code[AREA_CODE_LEN + 8];
    enum db_err e = db_area_provisional_code(im->db, parent, code, sizeof code);
    if (e == DB_OK)
        e = db_area_add(im->db, code, level, name, parent, 1);
    if (e != DB_OK) {
        im->dberr = e;
        return -1;
    }
    db_copy_text(out, AREA_CODE_LEN + 1, code);
    im->rep->areas_created++;
    return 1;
}

/* Creates the township (K_TOWNSHIP) or village (K_VILLAGE) `name` under
 * `parent` with a provisional code, and says so in the report. */
static int new_area(struct imp *im, long line, enum col_kind key, const char *name, const char *parent,
                    char out[AREA_CODE_LEN + 1])
{
    int township = key == K_TOWNSHIP;
    if (create_area(im, township ? AREA_TOWNSHIP : AREA_VILLAGE, name, parent, out) < 0)
        return -1;
    msg(im, 0, line, colno(im, key), "AREA_CREATED", "已新建%s“%s”，代码 %s 待核，请在基础设置中改正",
        township ? "乡镇" : "村", name, out);
    return 0;
}

/* Resolves the household's village.  0 ok (village filled); 1 an error was
 * reported; -1 a database failure. */
static int resolve_village(struct imp *im, const struct hhrow *h, char village[AREA_CODE_LEN + 1])
{
    char county[AREA_CODE_LEN + 1] = "", town[AREA_CODE_LEN + 1] = "";
    long line = h->line;
    static const char hint[] = "请先在“基础设置 → 行政区划”中添加，或导入时加 --create-areas（以“待核”代码新建，之后再改正）";
    if (!h->village[0]) {
        msg(im, 1, line, colno(im, K_VILLAGE), "AREA_EMPTY", "村未填写 (village is empty)");
        return 1;
    }
    if (h->county[0]) {
        int r = find_area(im, AREA_COUNTY, h->county, "", county);
        if (r < 0) return -1;
        if (r == 0) {
            msg(im, 1, line, colno(im, K_COUNTY), "AREA_UNKNOWN", "数据库中没有县“%s”；县须用 fupin init --county 建立 "
                "(unknown county)", h->county);
            return 1;
        }
    }
    if (h->township[0]) {
        int r = find_area(im, AREA_TOWNSHIP, h->township, county, town);
        if (r < 0) return -1;
        if (r == 2 && !county[0]) {
            msg(im, 1, line, colno(im, K_TOWNSHIP), "AREA_AMBIGUOUS", "有多个乡镇名为“%s”，请填写县列 (ambiguous township)",
                h->township);
            return 1;
        }
        if (r == 0) {
            if (!im->o->create_areas) {
                msg(im, 1, line, colno(im, K_TOWNSHIP), "AREA_UNKNOWN", "数据库中没有乡镇“%s”。%s (unknown township)",
                    h->township, hint);
                return 1;
            }
            if (!county[0]) {
                /* No 县 column: the file's only county, if it has one. */
                sqlite3_stmt *st = db_stmt(im->db, "SELECT code, (SELECT count(*) FROM areas WHERE level = 1) "
                                                   "FROM areas WHERE level = 1 LIMIT 1");
                if (!st) return -1;
                int rc = sqlite3_step(st);
                int count = rc == SQLITE_ROW ? sqlite3_column_int(st, 1) : 0;
                if (rc == SQLITE_ROW)
                    db_copy_text(county, sizeof county, (const char *)sqlite3_column_text(st, 0));
                sqlite3_reset(st);
                if (count != 1) {
                    msg(im, 1, line, colno(im, K_TOWNSHIP), "AREA_UNKNOWN", "不知道乡镇“%s”属于哪个县，请填写县列 "
                        "(which county?)", h->township);
                    return 1;
                }
            }
            if (new_area(im, line, K_TOWNSHIP, h->township, county, town) < 0)
                return -1;
        }
    }
    const char *parent = town[0] ? town : county;
    int r = find_area(im, AREA_VILLAGE, h->village, parent, village);
    if (r < 0) return -1;
    if (r == 2) {
        msg(im, 1, line, colno(im, K_VILLAGE), "AREA_AMBIGUOUS", "有多个村名为“%s”，请填写乡镇列 (ambiguous village)",
            h->village);
        return 1;
    }
    if (r == 0) {
        if (!im->o->create_areas) {
            char where[TXT + 16] = "";
            if (town[0])
                snprintf(where, sizeof where, "（%s）", h->township);
            msg(im, 1, line, colno(im, K_VILLAGE), "AREA_UNKNOWN", "数据库中没有村“%s”%s。%s (unknown village)",
                h->village, where, hint);
            return 1;
        }
        if (!town[0]) {
            msg(im, 1, line, colno(im, K_VILLAGE), "AREA_UNKNOWN", "新建村“%s”需要知道它属于哪个乡镇，请填写乡镇列 "
                "(township column needed to create a village)", h->village);
            return 1;
        }
        if (new_area(im, line, K_VILLAGE, h->village, town, village) < 0)
            return -1;
    }
    return 0;
}

/* ---- matching ------------------------------------------------------------------ */

/* The stored household with this 户编号, 0 if none, -1 on error. */
static int64_t hh_no_owner(struct imp *im, const char *hh_no)
{
    sqlite3_stmt *st = db_stmt(im->db, "SELECT id FROM households WHERE hh_no = ?1");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, hh_no, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        im->dberr = db_fail(im->db, rc, "查询户编号");
        return -1;
    }
    return id;
}

/* A new household put on the register (or past it) by the file needs the
 * 审核员, as 建档立卡 does on the screen: otherwise an error naming the role
 * on the row (the import is all-or-nothing, so nothing is written). */
static int may_register(struct imp *im, const struct hhrow *h, int state, int status_col)
{
    if (!wf_is_registered_or_after((enum wf_state)state))
        return 1;
    char what[160];
    snprintf(what, sizeof what, "导入状态为“%s”的新户%s", wf_roster_status((enum wf_state)state),
             h->step[0] || h->status[0] ? "" : "（有户编号、未填状态即为在册）");
    if (db_require_role(im->db, ROLE_REVIEWER, what) == DB_OK)
        return 1;
    msg(im, 1, h->line, status_col, "ROLE", "%s", db_errmsg(im->db));
    return 0;
}

static int status_state(const char *t)
{
    for (int s = 0; s < WF_STATE_COUNT; s++)
        if (strcmp(t, wf_state_label((enum wf_state)s)) == 0)
            return s;
    static const struct { const char *label; int state; } roster[] = {
        { "在册", WF_REGISTERED }, { "已脱贫", WF_EXITED }, { "已清退", WF_REMOVED },
        { "识别中", WF_APPLIED }, { "未通过", WF_REJECTED }, { "已撤回", WF_WITHDRAWN },
        { "未申请", WF_NONE },
    };
    for (size_t i = 0; i < sizeof roster / sizeof *roster; i++)
        if (strcmp(t, roster[i].label) == 0)
            return roster[i].state;
    return -1;
}

/* Makes the named helper the household's current one (found by name and
 * unit, or added).  Nothing is written when it already is. */
static enum db_err apply_helper(struct imp *im, int64_t hh_id, const struct hhrow *h)
{
    if (!h->helper[0])
        return DB_OK;
    struct helper cur;
    enum db_err e = db_helper_of(im->db, hh_id, &cur);
    if (e == DB_OK && strcmp(cur.name, h->helper) == 0 && (!h->helper_unit[0] || strcmp(cur.unit, h->helper_unit) == 0))
        return DB_OK;
    if (e != DB_OK && e != DB_ERR_NOTFOUND)
        return e;
    sqlite3_stmt *st = db_stmt(im->db, "SELECT id FROM helpers WHERE name = ?1 AND (?2 = '' OR unit = ?2) "
                                       "AND deleted = 0 ORDER BY id LIMIT 1");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, h->helper, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, h->helper_unit, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    int64_t hid = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(im->db, rc, "查询帮扶责任人");
    if (!hid) {
        struct helper nh;
        memset(&nh, 0, sizeof nh);
        db_copy_text(nh.name, sizeof nh.name, h->helper);
        db_copy_text(nh.unit, sizeof nh.unit, h->helper_unit);
        e = db_helper_add(im->db, &nh);
        if (e != DB_OK)
            return e;
        hid = nh.id;
    }
    return db_helper_assign(im->db, hh_id, hid, im->today);
}

/* Copies the member fields given in the file onto a stored member. */
static void apply_member(struct member *dst, const struct member *src, const unsigned char given[64])
{
    for (size_t i = 0; i < N_MEMBER_FIELDS && i < 64; i++) {
        if (!given[i])
            continue;
        const struct field *f = &MEMBER_FIELDS[i];
        memcpy(field_ptr(f, dst), field_cptr(f, src), f->size);
        if (strcmp(f->key, "id_no") == 0) {
            dst->sex = src->sex ? src->sex : dst->sex;
            memcpy(dst->birth, src->birth, sizeof dst->birth);
        }
    }
}

/* ---- one household ----------------------------------------------------------- */

static int errors_so_far(const struct imp *im)
{
    return im->rep->errors > 0 || im->dberr != DB_OK;
}

/* Line of member i of the built household (file rows first by id match). */
static long member_line(const struct imp *im, const struct household *hh, int i)
{
    const struct pending *p = &im->cur;
    if (i >= 0 && i < hh->n_members)
        for (int k = 0; k < p->n; k++)
            if (strcmp(p->m[k].id_no, hh->members[i].id_no) == 0 && p->m[k].id_no[0])
                return p->line[k];
    if (i >= 0 && i < p->n && i < hh->n_members && !hh->members[i].id_no[0])
        return p->line[i];
    return p->first.line;
}

/* 年人均纯收入 as keyed: yuan, a minus sign allowed (a loss is a fact to
 * report, not a typing error).  1 ok. */
static int per_capita_cell(const char *t, money_t *out)
{
    int neg = *t == '-';
    if (!money_parse(t + neg, out))
        return 0;
    if (neg)
        *out = -*out;
    return 1;
}

/* 年人均纯收入 of the file onto the household's survey: where the file gives
 * income parts, the figure they give (a different one is reported, the
 * parts win); where it gives none (no part columns, or every part of this
 * household blank or 0), the declared figure (survey.declared_per_capita),
 * which the checks then hold against the line (ABOVE_LINE) and report when
 * negative (DECLARED_NEGATIVE).  0 ok, -1 an error. */
static int apply_per_capita(struct imp *im, const struct hhrow *h, struct household *hh)
{
    int col = colno(im, K_PER_CAPITA);
    money_t v;
    if (!per_capita_cell(h->per_capita, &v)) {
        msg(im, 1, h->line, col, "FIELD_VALUE", "年人均纯收入“%s”不是金额（元，最多两位小数）", h->per_capita);
        return -1;
    }
    if (income_parts_empty(&hh->survey)) {
        hh->survey.declared_per_capita = v;
        return 0;
    }
    hh->survey.declared_per_capita = 0;
    money_t pc = income_per_capita(&hh->survey, hh->n_members);
    if (pc != v) {
        char a[32], b[32];
        money_format(v < 0 ? -v : v, a, sizeof a);
        money_format(pc, b, sizeof b);
        msg(im, 0, h->line, col, "INCOME_MISMATCH", "年人均纯收入 %s%s 元与各项收入算得的 %s 元不一致，"
            "以各项收入为准", v < 0 ? "-" : "", a, b);
    }
    return 0;
}

/* A 4-digit year cell (调查年度, 脱贫年度): the year, 0 when it is not one. */
static int year_cell(const char *t)
{
    int y = atoi(t);
    return strlen(t) == 4 && strspn(t, "0123456789") == 4 && y >= 1949 && y <= 2100 ? y : 0;
}

/* 脱贫年度: a new 已脱贫 household's state holds from the end of that year
 * (or today, in the year itself), so the roster shows it again; a stored
 * household keeps its own.  0 ok; -1 an error was reported. */
static int exit_since(struct imp *im, const struct hhrow *h, int state, struct household *hh)
{
    int y = year_cell(h->exit_year);
    if (!y || y > im->year) {
        msg(im, 1, h->line, colno(im, K_EXIT_YEAR), "FIELD_VALUE", "脱贫年度“%s”应为不晚于 %d 年的四位年份",
            h->exit_year, im->year);
        return -1;
    }
    if (state != WF_EXITED) {
        msg(im, 0, h->line, colno(im, K_EXIT_YEAR), "EXIT_YEAR_KEPT", "该户状态为“%s”，脱贫年度 %d 未导入",
            wf_state_label((enum wf_state)state), y);
        return 0;
    }
    if (hh) {
        snprintf(hh->state_since, sizeof hh->state_since, "%04d-12-31", y);
        if (strcmp(hh->state_since, im->today) > 0)
            snprintf(hh->state_since, sizeof hh->state_since, "%s", im->today);
    }
    return 0;
}

/* The survey cells of the file onto the household's latest survey, or a new
 * one of the import year (which needs 贫困户属性, 识别标准 and 主要致贫原因).
 * 0 ok; -1 an error was reported. */
static int apply_survey(struct imp *im, struct pending *p, struct household *hh)
{
    const struct hhrow *h = &p->first;
    int given = h->hh_type || h->standard || h->cause || h->per_capita[0];
    for (int k = 0; k < im->n_sv; k++)
        given |= p->sv[k][0] != 0;
    if (given && !hh->survey.year) {
        if (!(h->hh_type && h->standard && h->cause)) {
            msg(im, 1, h->line, 0, "SURVEY_INCOMPLETE", "新建调查表需要同时填写贫困户属性、识别标准和主要致贫原因");
            return -1;
        }
        int y = h->survey_year[0] ? year_cell(h->survey_year) : im->year;
        if (!y || y > im->year) {
            msg(im, 1, h->line, colno(im, K_SURVEY_YEAR), "FIELD_VALUE", "调查年度“%s”应为不晚于 %d 年的四位年份",
                h->survey_year, im->year);
            return -1;
        }
        hh->survey.year = y;
    }
    if (h->hh_type) hh->survey.hh_type = h->hh_type;
    if (h->standard) hh->survey.standard = h->standard;
    if (h->cause) hh->survey.main_cause = h->cause;
    int bad = 0;
    for (int i = 0; i < im->ncols; i++) {
        const struct column *c = &im->cols[i];
        const char *t = c->kind == K_SURVEY ? p->sv[c->slot] : "";
        if (!*t)
            continue;
        const struct field *f = c->field;
        int code = f->type == FT_CODE ? code_cell(f->list, t) : 0;
        const char *e = NULL;
        if (code < 0) {
            bad_code(im, h->line, i + 1, f->list, t);
            bad = 1;
        } else if (f->type == FT_CODE) {
            *(int *)field_ptr(f, hh) = code;
        } else if ((e = field_parse(f, hh, t)) != NULL) {
            msg(im, 1, h->line, i + 1, "FIELD_VALUE", "%s“%s”: %s", f->label, t, e);
            bad = 1;
        }
    }
    if (!bad && h->per_capita[0] && apply_per_capita(im, h, hh) < 0)
        bad = 1;
    return bad ? -1 : 0;
}

static void finish_household(struct imp *im)
{
    struct pending *p = &im->cur;
    if (!p->active)
        return;
    p->active = 0;
    im->rep->households++;
    const struct hhrow *h = &p->first;
    if (p->too_many) {
        msg(im, 1, h->line, 0, "HH_MEMBER_COUNT", "一户最多 %d 名成员 (too many members)", HH_MAX_MEMBERS);
        return;
    }
    char village[AREA_CODE_LEN + 1] = "";
    int r = resolve_village(im, h, village);
    if (r < 0)
        return;
    int bad = r > 0 || p->bad;

    /* The 户主 first, as the paper roster. */
    int head = -1, heads = 0;
    for (int i = 0; i < p->n; i++)
        if (p->m[i].relation == REL_HEAD) {
            heads++;
            if (head < 0)
                head = i;
        }
    if (heads == 1 && head > 0) {
        struct member m = p->m[head];
        unsigned char g[64];
        memcpy(g, p->given[head], 64);
        long l = p->line[head];
        char raw[24];
        memcpy(raw, p->raw_id[head], 24);
        memmove(&p->m[1], &p->m[0], (size_t)head * sizeof p->m[0]);
        memmove(&p->given[1], &p->given[0], (size_t)head * sizeof p->given[0]);
        memmove(&p->line[1], &p->line[0], (size_t)head * sizeof p->line[0]);
        memmove(&p->raw_id[1], &p->raw_id[0], (size_t)head * sizeof p->raw_id[0]);
        p->m[0] = m;
        memcpy(p->given[0], g, 64);
        p->line[0] = l;
        memcpy(p->raw_id[0], raw, 24);
    }
    /* Each row's 户主姓名 must name the household's 户主. */
    if (heads == 1 && colno(im, K_HEAD_NAME)) {
        /* The rows' head names were checked against the first row when
         * grouping; here the first row's against the 户主 itself. */
        if (h->head_name[0] && strcmp(h->head_name, p->m[0].name) != 0) {
            msg(im, 1, h->line, colno(im, K_HEAD_NAME), "HEAD_NAME", "户主姓名“%s”与本户户主“%s”不一致",
                h->head_name, p->m[0].name);
            bad = 1;
        }
    }

    /* ID numbers seen earlier in the file. */
    int id_col = col_of_key(im, "id_no");
    for (int i = 0; i < p->n; i++) {
        if (!p->m[i].id_no[0])
            continue;
        long first = idset_add(&im->ids, p->m[i].id_no, p->line[i]);
        if (first < 0) {
            im->dberr = db_set_error(im->db, DB_ERR_IO, "内存不足 (out of memory)");
            return;
        }
        if (first > 0 && first != p->line[i]) {
            msg(im, 1, p->line[i], id_col, "ID_DUP_FILE", "身份证号 %s（%s）在文件第 %ld 行已出现，同一人只能在一户",
                p->m[i].id_no, p->m[i].name, first);
            bad = 1;
        }
    }
    if (bad)
        return;

    /* Which stored households hold these people? */
    int64_t owner = 0;
    for (int i = 0; i < p->n; i++) {
        int64_t o = 0;
        char name[TEXT_BYTES(NAME_CHARS)];
        enum db_err e = db_id_owner(im->db, p->m[i].id_no, 0, &o, name, sizeof name);
        if (e == DB_ERR_NOTFOUND)
            continue;
        if (e != DB_OK) {
            im->dberr = e;
            return;
        }
        if (owner && o != owner) {
            msg(im, 1, p->line[i], id_col, "HH_CONFLICT", "本户成员分属数据库中的两户（内部号 %lld 和 %lld，"
                "身份证号 %s 在户主为“%s”的户中），请先核实 (members in two stored households)",
                (long long)owner, (long long)o, p->m[i].id_no, name);
            return;
        }
        owner = o;
    }

    struct household *hh = im->hh, *old = im->old;
    memset(hh, 0, sizeof *hh);
    memset(old, 0, sizeof *old);
    if (owner) {
        enum db_err e = db_household_load(im->db, owner, 0, old);
        if (e != DB_OK) {
            im->dberr = e;
            return;
        }
        *hh = *old;
        if (strcmp(hh->village, village) != 0) {
            char vname[TEXT_BYTES(30)] = "";
            db_area_name(im->db, hh->village, vname, sizeof vname);
            msg(im, 1, h->line, colno(im, K_VILLAGE), "HH_AREA", "该户（户主 %s）在数据库中属于%s（%s），文件中为%s，"
                "同一户不能登记在两个村 (household registered in another village)",
                old->members[0].name, vname, old->village, h->village);
            return;
        }
    }
    /* 办理状态 (the step) says more than 状态 and wins when both are given. */
    const char *status = h->step[0] ? h->step : h->status;
    int status_col = colno(im, h->step[0] ? K_STEP : K_STATUS);
    if (!owner) {
        snprintf(hh->village, sizeof hh->village, "%s", village);
        hh->state = status[0] ? status_state(status) : h->hh_no[0] ? WF_REGISTERED : WF_NONE;
    }
    if (status[0]) {
        int st = status_state(status);
        if (st < 0) {
            msg(im, 1, h->line, status_col, "FIELD_VALUE", "状态“%s”无法识别（可填: 在册、已脱贫、已清退、"
                "识别中、未通过、已撤回、未申请，或办理步骤名称如“已建档立卡”）", status);
            return;
        }
        if (h->step[0] && h->status[0] && status_state(h->status) != st &&
            strcmp(h->status, wf_roster_status((enum wf_state)st)) != 0) {
            msg(im, 1, h->line, status_col, "FIELD_VALUE", "办理状态“%s”与状态“%s”不符（%s属于%s）", h->step,
                h->status, h->step, wf_roster_status((enum wf_state)st));
            return;
        }
        if (owner && st != old->state && strcmp(status, wf_roster_status((enum wf_state)old->state)) != 0)
            msg(im, 0, h->line, status_col, "STATE_KEPT", "数据库中该户状态为“%s”，与文件中“%s”不同；"
                "导入不改变办理状态，请按流程办理", wf_state_label((enum wf_state)old->state), status);
    }
    if (!owner && !may_register(im, h, hh->state, status_col))
        return;
    if (h->exit_year[0] && exit_since(im, h, owner ? old->state : hh->state, owner ? NULL : hh) < 0)
        return;
    if (colno(im, K_GROUP) && h->group[0]) {
        const struct field *f = form_field(T_HOUSEHOLD, "group_name");
        const char *e = f ? field_parse(f, hh, h->group) : NULL;
        if (e) {
            msg(im, 1, h->line, colno(im, K_GROUP), "FIELD_VALUE", "村民小组“%s”: %s", h->group, e);
            return;
        }
    }
    if (h->phone[0]) {
        const struct field *f = form_field(T_HOUSEHOLD, "phone");
        const char *e = f ? field_parse(f, hh, h->phone) : NULL;
        if (e) {
            msg(im, 1, h->line, colno(im, K_PHONE), "FIELD_VALUE", "联系电话“%s”: %s", h->phone, e);
            return;
        }
    }
    if (h->hh_no[0]) {
        if (strlen(h->hh_no) > HH_NO_LEN || strspn(h->hh_no, "0123456789") != strlen(h->hh_no)) {
            msg(im, 1, h->line, colno(im, K_HH_NO), "FIELD_VALUE", "户编号“%s”应为不超过 %d 位的数字", h->hh_no, HH_NO_LEN);
            return;
        }
        if (owner && old->hh_no[0] && strcmp(old->hh_no, h->hh_no) != 0) {
            msg(im, 1, h->line, colno(im, K_HH_NO), "HH_NO_CONFLICT", "该户在数据库中的户编号为 %s，文件中为 %s",
                old->hh_no, h->hh_no);
            return;
        }
        int64_t o = hh_no_owner(im, h->hh_no);
        if (o < 0)
            return;
        if (o && o != owner) {
            msg(im, 1, h->line, colno(im, K_HH_NO), "HH_NO_CONFLICT", "户编号 %s 已是数据库中另一户（内部号 %lld）的户编号",
                h->hh_no, (long long)o);
            return;
        }
        snprintf(hh->hh_no, sizeof hh->hh_no, "%.16s", h->hh_no);   /* length checked above */
    }

    /* Members: the file's onto the stored ones (by ID), new ones appended. */
    int from_file[HH_MAX_MEMBERS] = { 0 };
    for (int i = 0; i < p->n; i++) {
        int k = -1;
        for (int j = 0; owner && j < hh->n_members; j++)
            if (strcmp(hh->members[j].id_no, p->m[i].id_no) == 0)
                k = j;
        if (k < 0) {
            if (hh->n_members >= HH_MAX_MEMBERS) {
                msg(im, 1, p->line[i], 0, "HH_MEMBER_COUNT", "一户最多 %d 名成员 (too many members)", HH_MAX_MEMBERS);
                return;
            }
            k = hh->n_members++;
            hh->members[k] = p->m[i];
        } else {
            apply_member(&hh->members[k], &p->m[i], p->given[i]);
        }
        from_file[k] = 1;
    }
    for (int j = 0; owner && j < hh->n_members; j++)
        if (!from_file[j])
            msg(im, 0, h->line, 0, "MEMBER_KEPT", "数据库中该户还有成员“%s”（%s）不在文件中，已保留未删除",
                hh->members[j].name, hh->members[j].id_no);

    if (apply_survey(im, p, hh) != 0)
        return;

    /* The same checks as the screens and `fupin check`. */
    struct check_result rs[96];
    size_t n = checks_run_household(&im->cc, hh, rs, sizeof rs / sizeof *rs);
    for (size_t i = 0; i < n; i++) {
        int err = rs[i].def->level == CHECK_ERROR;
        int col = col_of_key(im, rs[i].field_key);
        msg(im, err, member_line(im, hh, rs[i].member_index), col, rs[i].def->id, "%s", rs[i].message);
        bad |= err;
    }
    if (bad || errors_so_far(im))
        return;

    /* In stored form before comparing with what is stored. */
    db_household_canonical_ids(hh);
    int changed = !owner || memcmp(hh, old, sizeof *hh) != 0;
    if (changed) {
        /* A registered household's facts change with a reason (forms/facts.h):
         * the file it came from.  db_household_save stores it only when such
         * a fact changed, and refuses the change without one. */
        const char *base = strrchr(im->name ? im->name : "", '/');
        char why[sizeof hh->change_reason + 16];
        snprintf(why, sizeof why, "导入: %.300s", base ? base + 1 : im->name ? im->name : "");
        db_copy_text(hh->change_reason, sizeof hh->change_reason, why);   /* whole characters */
        enum db_err e = db_household_save(im->db, hh);
        if (e != DB_OK) {
            if (e == DB_ERR_CONSTRAINT || e == DB_ERR_INVALID)
                msg(im, 1, h->line, 0, "SAVE", "%s", db_errmsg(im->db));
            else
                im->dberr = e;
            return;
        }
        if (owner) im->rep->updated++; else im->rep->added++;
    } else {
        im->rep->unchanged++;
    }
    enum db_err e = apply_helper(im, hh->id, h);
    if (e != DB_OK) {
        if (e == DB_ERR_CONSTRAINT || e == DB_ERR_INVALID)
            msg(im, 1, h->line, colno(im, K_HELPER), "SAVE", "%s", db_errmsg(im->db));
        else
            im->dberr = e;
    }
}

/* ---- grouping ----------------------------------------------------------------- */

static void add_row(struct imp *im, const struct csv_record *rec)
{
    struct hhrow h;
    struct member m;
    unsigned char given[64];
    char raw[24];
    int bad = parse_row(im, rec, &h, &m, given, raw) < 0;
    struct pending *p = &im->cur;
    int is_head = m.relation == REL_HEAD;
    int same;
    if (h.hh_no[0])
        same = p->active && strcmp(p->first.hh_no, h.hh_no) == 0;
    else if (is_head)
        same = 0;
    else if (p->active && !p->first.hh_no[0])
        same = 1;
    else {
        msg(im, 1, rec->line, colno(im, K_HH_NO) ? colno(im, K_HH_NO) : col_of_key(im, "relation"), "HH_GROUP",
            "无法判断这一行属于哪一户：没有户编号，前面也没有同户的户主行（每户以户主行开始，或填写户编号）");
        return;
    }
    if (!same) {
        finish_household(im);
        if (im->dberr != DB_OK)
            return;
        memset(p, 0, offsetof(struct pending, sv));
        p->active = 1;
        p->first = h;
        for (int k = 0; k < im->n_sv; k++)
            memcpy(p->sv[k], im->row_sv[k], SV_TXT);
    } else {
        /* Household cells must agree within a household. */
        static const struct { enum col_kind k; size_t off; const char *what; } same_cells[] = {
            { K_COUNTY, offsetof(struct hhrow, county), "县" },
            { K_TOWNSHIP, offsetof(struct hhrow, township), "乡镇" },
            { K_VILLAGE, offsetof(struct hhrow, village), "村" },
            { K_GROUP, offsetof(struct hhrow, group), "村民小组" },
            { K_HEAD_NAME, offsetof(struct hhrow, head_name), "户主姓名" },
        };
        for (size_t i = 0; i < sizeof same_cells / sizeof *same_cells; i++) {
            const char *a = (const char *)&p->first + same_cells[i].off;
            const char *b = (const char *)&h + same_cells[i].off;
            if (*b && strcmp(a, b) != 0) {
                msg(im, 1, rec->line, colno(im, same_cells[i].k), "HH_GROUP",
                    "同一户的%s不一致：本行“%s”，该户第 %ld 行为“%s”", same_cells[i].what, b, p->first.line, a);
                bad = 1;
            }
        }
        if (!p->first.status[0]) memcpy(p->first.status, h.status, TXT);
        if (!p->first.helper[0]) memcpy(p->first.helper, h.helper, TXT);
        if (!p->first.helper_unit[0]) memcpy(p->first.helper_unit, h.helper_unit, TXT);
        if (!p->first.phone[0]) memcpy(p->first.phone, h.phone, TXT);
        if (!p->first.per_capita[0]) memcpy(p->first.per_capita, h.per_capita, TXT);
        if (!p->first.exit_year[0]) memcpy(p->first.exit_year, h.exit_year, TXT);
        if (!p->first.survey_year[0]) memcpy(p->first.survey_year, h.survey_year, TXT);
        if (!p->first.step[0]) memcpy(p->first.step, h.step, TXT);
        for (int k = 0; k < im->n_sv; k++)
            if (!p->sv[k][0])
                memcpy(p->sv[k], im->row_sv[k], SV_TXT);
        if (!p->first.hh_type) p->first.hh_type = h.hh_type;
        if (!p->first.standard) p->first.standard = h.standard;
        if (!p->first.cause) p->first.cause = h.cause;
    }
    if (p->n >= HH_MAX_MEMBERS) {
        p->too_many = 1;
        return;
    }
    p->m[p->n] = m;
    memcpy(p->given[p->n], given, 64);
    memcpy(p->raw_id[p->n], raw, 24);
    p->line[p->n] = rec->line;
    p->n++;
    p->bad |= bad;
}

/* 户编号 rows must be consecutive: a second run of the same number is an
 * error (checked with a small set of finished numbers). */
static int hh_no_seen(struct imp *im, struct idset *seen, const struct csv_record *rec)
{
    int c = colno(im, K_HH_NO);
    if (!c || (size_t)(c - 1) >= rec->n)
        return 0;
    char t[TXT];
    trim_copy(t, sizeof t, rec->fields[c - 1]);
    if (!t[0] || strlen(t) > 18)
        return 0;
    if (strcmp(t, im->seen_hh_no_last) == 0)
        return 0;
    snprintf(im->seen_hh_no_last, sizeof im->seen_hh_no_last, "%s", t);
    long first = idset_add(seen, t, rec->line);
    if (first > 0) {
        msg(im, 1, rec->line, c, "HH_GROUP", "户编号 %s 的各行不连续（第 %ld 行已出现过），同一户的成员行请放在一起",
            t, first);
        return 1;
    }
    return 0;
}

/* ---- the whole file ----------------------------------------------------------- */

static void setup_checks(struct imp *im)
{
    checks_ctx_init(&im->cc);
    size_t n = 0;
    if (db_lines(im->db, im->lines, sizeof im->lines / sizeof *im->lines, &n) == DB_OK) {
        im->cc.lines = im->lines;
        im->cc.n_lines = n;
    }
    struct labour_ages la;
    if (db_labour_ages(im->db, &la) == DB_OK)
        im->cc.labour = la;
    im->cc.notice_days = (int)db_setting_int(im->db, SET_NOTICE_DAYS, 7);
    im->cc.id_owner = db_id_owner_describe;
    im->cc.id_owner_ud = im->db;
}

enum import_result db_import_csv(struct db *db, const char *name, const char *bytes, size_t len,
                                 const struct import_opts *opts, struct import_report *rep)
{
    struct csv_memory m;
    struct csv_source src;
    csv_source_memory(&src, &m, bytes, len);
    return db_import_csv_source(db, name, &src, opts, rep);
}

enum import_result db_import_csv_source(struct db *db, const char *name, const struct csv_source *src,
                                        const struct import_opts *opts, struct import_report *rep)
{
    static const struct import_opts defaults;
    memset(rep, 0, sizeof *rep);
    struct imp *im = calloc(1, sizeof *im);
    if (!im)
        return IMPORT_DB;
    im->db = db;
    im->o = opts ? opts : &defaults;
    im->rep = rep;
    im->name = name;
    for (int k = 0; k <= K_UNKNOWN; k++)
        im->col_of[k] = -1;
    clock_today(im->today);
    im->year = im->o->year ? im->o->year : atoi(im->today);

    /* Two reads of the file, neither holding it: the first finds its
     * encoding (and any byte that is not text), the second imports. */
    long bad_line = 0, total = 0;
    char delim = ',';
    struct csv_reader rd;
    enum csv_err ce = csv_scan(src, im->o->encoding, &rep->encoding, &bad_line, &total, &delim);
    if (ce == CSV_OK)
        ce = csv_open(&rd, src, rep->encoding);
    if (ce != CSV_OK) {
        msg(im, 1, bad_line, 0, "ENCODING", "%s%s", csv_strerror(ce),
            im->o->encoding == CSV_ENC_UTF8 ? "（指定了 --encoding utf-8）" :
            im->o->encoding == CSV_ENC_GBK ? "（指定了 --encoding gbk）" : "");
        free(im);
        return ce == CSV_ERR_NOMEM ? IMPORT_DB : IMPORT_DATA;
    }
    csv_set_delimiter(&rd, delim);
    if (delim != ',')
        note(im, "文件以%s分隔（不是逗号），已按%s读取\n", delim == ';' ? "分号（;）" : "制表符（Tab）",
             delim == ';' ? "分号" : "制表符");
    struct csv_record rec;
    struct idset hh_nos = { 0 };
    enum import_result res = IMPORT_OK;
    /* The header: the first record naming at least two known columns, within
     * the first ten (an exported roster's title lines come before it). */
    int skipped = 0;
    for (;;) {
        ce = csv_next(&rd, &rec);
        if (ce == CSV_OK && known_cells(&rec) >= 2)
            break;
        if (ce != CSV_OK || ++skipped >= 10) {
            if (ce == CSV_OK || ce == CSV_EOF)
                msg(im, 1, ce == CSV_EOF ? 1 : rec.line, 0, "COLUMN_MISSING", "没有找到表头行：第一行应为花名册的列名"
                    "（县、乡镇、村、村民小组、户编号、户主姓名、与户主关系、姓名、身份证号…）(no header row)");
            else
                msg(im, 1, rec.line, 0, "CSV_FORMAT", "%s", csv_strerror(ce));
            res = IMPORT_DATA;
            goto out;
        }
    }
    if (skipped)
        note(im, "表头前的 %d 行（标题等）已跳过\n", skipped);
    if (read_header(im, &rec) < 0) {
        res = IMPORT_DATA;
        goto out;
    }
    im->hh = malloc(sizeof *im->hh);
    im->old = malloc(sizeof *im->old);
    if (!im->hh || !im->old) {
        im->dberr = db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
        res = IMPORT_DB;
        goto out;
    }
    setup_checks(im);
    /* The file is one transaction: statement journals in memory (see
     * db/merge.c: a spilled statement journal is rewritten again and again)
     * and a page cache of IMPORT_CACHE_KIB.  It was 256 MiB, all of it used
     * by a county file (358 347 rows: 514 MB peak with the file held
     * whole); with 32 MiB the dirty pages that do not fit go to the WAL
     * and the county import takes the same CPU time (issue 14: 30 s for
     * the re-import either way).  Restored at the end. */
    db_exec(db, "PRAGMA main.cache_size = -" IMPORT_CACHE_KIB "; PRAGMA temp_store = MEMORY", "导入");
    enum db_err e = db_begin(db);
    if (e != DB_OK) {
        res = IMPORT_DB;
        goto out;
    }
    while (im->dberr == DB_OK) {
        ce = csv_next(&rd, &rec);
        if (ce == CSV_EOF)
            break;
        if (ce != CSV_OK) {
            msg(im, 1, rec.line, 0, "CSV_FORMAT", "%s", csv_strerror(ce));
            res = IMPORT_DATA;
            break;
        }
        int empty = 1;
        for (size_t i = 0; i < rec.n && empty; i++)
            empty = strspn(rec.fields[i], " \t") == strlen(rec.fields[i]);
        if (empty)
            continue;
        rep->rows++;
        if (!row_shape_ok(im, &rec))
            continue;
        hh_no_seen(im, &hh_nos, &rec);
        add_row(im, &rec);
        if (im->o->progress && rep->rows % 500 == 0)
            im->o->progress(rec.line, total, im->o->progress_ud);
    }
    if (im->dberr == DB_OK && res == IMPORT_OK)
        finish_household(im);
    if (im->dberr != DB_OK) {
        db_rollback(db);
        res = IMPORT_DB;
    } else if (res != IMPORT_OK || rep->errors) {
        db_rollback(db);
        if (res == IMPORT_OK)
            res = IMPORT_CHECKS;
        rep->added = rep->updated = rep->areas_created = 0;
    } else {
        if (rep->added || rep->updated || rep->areas_created) {
            /* One audit row for the import as a whole, beside the row-level ones. */
            sqlite3_stmt *st = db_stmt(db, AUDIT_EVENT_SQL("import",
                "json_object('file', ?2, 'rows', ?3, 'added', ?4, 'updated', ?5, 'areas_created', ?6)"));
            if (!st) {
                e = DB_ERR_IO;
            } else {
                sqlite3_bind_text(st, 1, db_operator(db), -1, SQLITE_STATIC);
                sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
                sqlite3_bind_int64(st, 3, rep->rows);
                sqlite3_bind_int64(st, 4, rep->added);
                sqlite3_bind_int64(st, 5, rep->updated);
                sqlite3_bind_int64(st, 6, rep->areas_created);
                int rc = sqlite3_step(st);
                sqlite3_reset(st);
                e = rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "记录导入");
            }
        }
        if (e == DB_OK)
            e = db_commit(db);
        else
            db_rollback(db);
        if (e != DB_OK) {
            res = IMPORT_DB;
            rep->added = rep->updated = rep->areas_created = 0;
        }
    }
    if (im->o->progress)
        im->o->progress(total, total, im->o->progress_ud);
    db_exec(db, "PRAGMA main.cache_size = -2000; PRAGMA temp_store = DEFAULT", "导入");
out:
    idset_free(&hh_nos);
    csv_free(&rd);
    idset_free(&im->ids);
    free(im->hh);
    free(im->old);
    free(im);
    return res;
}

void import_report_free(struct import_report *rep)
{
    free(rep->msgs);
    rep->msgs = NULL;
    rep->n_msgs = rep->cap_msgs = 0;
}
