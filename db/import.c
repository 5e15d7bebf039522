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
 * county roster, whatever its size.
 *
 * Here: the reads, the header, the rows grouped into households, the
 * transaction, the report; import_priv.h says where the rest is. */
#include "db/import_priv.h"
#include "db/audit.h"
#include "core/clock.h"
#include "db/household_store.h"
#include "db/settings.h"
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMPORT_CACHE_KIB "32768"      /* 32 MiB: see db_import_csv_source */

/* ---- columns ---------------------------------------------------------------- */

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

/* ---- the file's ID numbers (duplicates across the file's households) ------ */

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
long imp_idset_add(struct idset *s, const char *id, long line)
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

/* ---- messages and helpers ------------------------------------------------- */

void imp_msg(struct imp *im, int error, long line, int col, const char *check, const char *fmt, ...)
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

/* Column of a check result's field key. */
int imp_col_of_key(const struct imp *im, const char *key)
{
    if (!key || !*key)
        return 0;
    for (int i = 0; i < im->ncols; i++)
        if (im->cols[i].key && strcmp(im->cols[i].key, key) == 0)
            return i + 1;
    return 0;
}

void imp_trim_copy(char *out, size_t outsz, const char *s)
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

/* ---- header ----------------------------------------------------------------- */

static void classify(const char *header, struct column *c)
{
    memset(c, 0, sizeof *c);
    imp_trim_copy(c->header, sizeof c->header, header);
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
                imp_msg(im, 0, rec->line, i + 1, "COLUMN_UNKNOWN", "未识别的列“%s”，已忽略 (unknown column ignored)",
                        c->header);
            continue;
        }
        for (int j = 0; j < i; j++)
            if (strcmp(im->cols[j].header, c->header) == 0) {
                imp_msg(im, 1, rec->line, i + 1, "COLUMN_DUP", "列“%s”重复（第 %d 列和第 %d 列）(duplicate column)",
                        c->header, j + 1, i + 1);
                bad = 1;
            }
        if (c->kind == K_SURVEY) {
            if (im->n_sv >= SV_SLOTS) {
                imp_msg(im, 1, rec->line, i + 1, "COLUMN_EXTRA", "调查表的列太多（最多 %d 列）", SV_SLOTS);
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
            imp_msg(im, 1, rec->line, 0, "COLUMN_MISSING", "缺少必需的列“%s”（表头应使用花名册的列名）"
                    "(required column missing)", required[r]);
            bad = 1;
        }
    }
    return bad ? -1 : 0;
}


/* ---- grouping ----------------------------------------------------------------- */

/* Whether a row (its household cells h, is_head: a 户主 row) belongs to the
 * household being read: the same 户编号, or without one any row but a 户主
 * after a household without 户编号.  1 it does, 0 it starts a new one, -1
 * neither can be told (an error was reported). */
static int same_household(struct imp *im, const struct hhrow *h, int is_head, long line)
{
    const struct pending *p = &im->cur;
    if (h->hh_no[0])
        return p->active && strcmp(p->first.hh_no, h->hh_no) == 0;
    if (is_head)
        return 0;
    if (p->active && !p->first.hh_no[0])
        return 1;
    imp_msg(im, 1, line, imp_colno(im, K_HH_NO) ? imp_colno(im, K_HH_NO) : imp_col_of_key(im, "relation"), "HH_GROUP",
            "无法判断这一行属于哪一户：没有户编号，前面也没有同户的户主行（每户以户主行开始，或填写户编号）");
    return -1;
}

/* Starts the pending household with a row's household and survey cells. */
static void start_pending(struct imp *im, const struct hhrow *h)
{
    struct pending *p = &im->cur;
    memset(p, 0, offsetof(struct pending, sv));
    p->active = 1;
    p->first = *h;
    for (int k = 0; k < im->n_sv; k++)
        memcpy(p->sv[k], im->row_sv[k], SV_TXT);
}

/* A further row of the pending household: its 县/乡镇/村/村民小组/户主姓名
 * must agree with the first row's; the other household and survey cells
 * fill those the earlier rows left empty.  1 a cell disagreed (reported). */
static int merge_pending(struct imp *im, const struct hhrow *h, long line)
{
    struct pending *p = &im->cur;
    int bad = 0;
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
        const char *b = (const char *)h + same_cells[i].off;
        if (*b && strcmp(a, b) != 0) {
            imp_msg(im, 1, line, imp_colno(im, same_cells[i].k), "HH_GROUP",
                    "同一户的%s不一致：本行“%s”，该户第 %ld 行为“%s”", same_cells[i].what, b, p->first.line, a);
            bad = 1;
        }
    }
    if (!p->first.status[0]) memcpy(p->first.status, h->status, TXT);
    if (!p->first.helper[0]) memcpy(p->first.helper, h->helper, TXT);
    if (!p->first.helper_unit[0]) memcpy(p->first.helper_unit, h->helper_unit, TXT);
    if (!p->first.phone[0]) memcpy(p->first.phone, h->phone, TXT);
    if (!p->first.per_capita[0]) memcpy(p->first.per_capita, h->per_capita, TXT);
    if (!p->first.exit_year[0]) memcpy(p->first.exit_year, h->exit_year, TXT);
    if (!p->first.survey_year[0]) memcpy(p->first.survey_year, h->survey_year, TXT);
    if (!p->first.step[0]) memcpy(p->first.step, h->step, TXT);
    for (int k = 0; k < im->n_sv; k++)
        if (!p->sv[k][0])
            memcpy(p->sv[k], im->row_sv[k], SV_TXT);
    if (!p->first.hh_type) p->first.hh_type = h->hh_type;
    if (!p->first.standard) p->first.standard = h->standard;
    if (!p->first.cause) p->first.cause = h->cause;
    return bad;
}

/* One data row: parsed, and added to its household as a member (the
 * household before it finished when the row starts a new one). */
static void add_row(struct imp *im, const struct csv_record *rec)
{
    struct hhrow h;
    struct member m;
    unsigned char given[64];
    char raw[24];
    int bad = imp_parse_row(im, rec, &h, &m, given, raw) < 0;
    struct pending *p = &im->cur;
    int same = same_household(im, &h, m.relation == REL_HEAD, rec->line);
    if (same < 0)
        return;
    if (!same) {
        imp_finish_household(im);
        if (im->dberr != DB_OK)
            return;
        start_pending(im, &h);
    } else {
        bad |= merge_pending(im, &h, rec->line);
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
    int c = imp_colno(im, K_HH_NO);
    if (!c || (size_t)(c - 1) >= rec->n)
        return 0;
    char t[TXT];
    imp_trim_copy(t, sizeof t, rec->fields[c - 1]);
    if (!t[0] || strlen(t) > 18)
        return 0;
    if (strcmp(t, im->seen_hh_no_last) == 0)
        return 0;
    snprintf(im->seen_hh_no_last, sizeof im->seen_hh_no_last, "%s", t);
    long first = imp_idset_add(seen, t, rec->line);
    if (first > 0) {
        imp_msg(im, 1, rec->line, c, "HH_GROUP", "户编号 %s 的各行不连续（第 %ld 行已出现过），同一户的成员行请放在一起",
                t, first);
        return 1;
    }
    return 0;
}

/* ---- the whole file ----------------------------------------------------------- */

/* The check engine as the screens and `fupin check` set it up: the lines,
 * labour ages and notice days of the database, the ID owners in it. */
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

/* The import's state (struct imp, large: calloc'd) for `db`, its options
 * (NULL: the defaults) and report; NULL when out of memory. */
static struct imp *new_import(struct db *db, const char *name, const struct import_opts *opts,
                              struct import_report *rep)
{
    static const struct import_opts defaults;
    struct imp *im = calloc(1, sizeof *im);
    if (!im)
        return NULL;
    im->db = db;
    im->o = opts ? opts : &defaults;
    im->rep = rep;
    im->name = name;
    for (int k = 0; k <= K_UNKNOWN; k++)
        im->col_of[k] = -1;
    clock_today(im->today);
    im->year = im->o->year ? im->o->year : atoi(im->today);
    return im;
}

/* Two reads of the file, neither holding it: the first (here) finds its
 * encoding (and any byte that is not text), its delimiter and *total, its
 * lines; then rd is opened for the second, which imports.  IMPORT_OK, or
 * the result of a file that cannot be read (reported; rd is not open). */
static enum import_result open_file(struct imp *im, const struct csv_source *src, struct csv_reader *rd,
                                    long *total)
{
    long bad_line = 0;
    char delim = ',';
    enum csv_err ce = csv_scan(src, im->o->encoding, &im->rep->encoding, &bad_line, total, &delim);
    if (ce == CSV_OK)
        ce = csv_open(rd, src, im->rep->encoding);
    if (ce != CSV_OK) {
        imp_msg(im, 1, bad_line, 0, "ENCODING", "%s%s", csv_strerror(ce),
                im->o->encoding == CSV_ENC_UTF8 ? "（指定了 --encoding utf-8）" :
                im->o->encoding == CSV_ENC_GBK ? "（指定了 --encoding gbk）" : "");
        return ce == CSV_ERR_NOMEM ? IMPORT_DB : IMPORT_DATA;
    }
    csv_set_delimiter(rd, delim);
    if (delim != ',')
        note(im, "文件以%s分隔（不是逗号），已按%s读取\n", delim == ';' ? "分号（;）" : "制表符（Tab）",
             delim == ';' ? "分号" : "制表符");
    return IMPORT_OK;
}

/* Reads up to and through the header row: the columns.  IMPORT_OK, or
 * IMPORT_DATA when there is none or it cannot be imported (reported). */
static enum import_result find_header(struct imp *im, struct csv_reader *rd)
{
    struct csv_record rec;
    enum csv_err ce;
    /* The header: the first record naming at least two known columns, within
     * the first ten (an exported roster's title lines come before it). */
    int skipped = 0;
    for (;;) {
        ce = csv_next(rd, &rec);
        if (ce == CSV_OK && known_cells(&rec) >= 2)
            break;
        if (ce != CSV_OK || ++skipped >= 10) {
            if (ce == CSV_OK || ce == CSV_EOF)
                imp_msg(im, 1, ce == CSV_EOF ? 1 : rec.line, 0, "COLUMN_MISSING", "没有找到表头行：第一行应为花名册的列名"
                        "（县、乡镇、村、村民小组、户编号、户主姓名、与户主关系、姓名、身份证号…）(no header row)");
            else
                imp_msg(im, 1, rec.line, 0, "CSV_FORMAT", "%s", csv_strerror(ce));
            return IMPORT_DATA;
        }
    }
    if (skipped)
        note(im, "表头前的 %d 行（标题等）已跳过\n", skipped);
    return read_header(im, &rec) < 0 ? IMPORT_DATA : IMPORT_OK;
}

/* The work buffers, the checks and the one transaction the file is
 * imported in.  IMPORT_OK, or IMPORT_DB (out of memory, or no transaction). */
static enum import_result begin_import(struct imp *im)
{
    struct db *db = im->db;
    im->hh = malloc(sizeof *im->hh);
    im->old = malloc(sizeof *im->old);
    if (!im->hh || !im->old) {
        im->dberr = db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
        return IMPORT_DB;
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
    return db_begin(db) == DB_OK ? IMPORT_OK : IMPORT_DB;
}

/* A record of nothing but spaces and tabs (skipped, not counted). */
static int blank_record(const struct csv_record *rec)
{
    int empty = 1;
    for (size_t i = 0; i < rec->n && empty; i++)
        empty = strspn(rec->fields[i], " \t") == strlen(rec->fields[i]);
    return empty;
}

/* The data rows, each into its household (hh_nos: the 户编号 finished, for
 * hh_no_seen), until the end or a database failure (im->dberr).
 * IMPORT_OK, or IMPORT_DATA at a record that cannot be read (reported). */
static enum import_result read_rows(struct imp *im, struct csv_reader *rd, struct idset *hh_nos, long total)
{
    struct csv_record rec;
    while (im->dberr == DB_OK) {
        enum csv_err ce = csv_next(rd, &rec);
        if (ce == CSV_EOF)
            break;
        if (ce != CSV_OK) {
            imp_msg(im, 1, rec.line, 0, "CSV_FORMAT", "%s", csv_strerror(ce));
            return IMPORT_DATA;
        }
        if (blank_record(&rec))
            continue;
        im->rep->rows++;
        if (!imp_row_shape_ok(im, &rec))
            continue;
        hh_no_seen(im, hh_nos, &rec);
        add_row(im, &rec);
        if (im->o->progress && im->rep->rows % 500 == 0)
            im->o->progress(rec.line, total, im->o->progress_ud);
    }
    return IMPORT_OK;
}

/* One audit row for the import as a whole, beside the row-level ones. */
static enum db_err audit_import(struct imp *im)
{
    struct db *db = im->db;
    const struct import_report *rep = im->rep;
    sqlite3_stmt *st = db_stmt(db, AUDIT_EVENT_SQL("import",
        "json_object('file', ?2, 'rows', ?3, 'added', ?4, 'updated', ?5, 'areas_created', ?6)"));
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, db_operator(db), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, im->name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, rep->rows);
    sqlite3_bind_int64(st, 4, rep->added);
    sqlite3_bind_int64(st, 5, rep->updated);
    sqlite3_bind_int64(st, 6, rep->areas_created);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "记录导入");
}

/* Ends the transaction after the rows (res: as read_rows ended): the last
 * household finished, then everything committed (with the audit row) when
 * the file had no error and the database no failure, else rolled back
 * with nothing counted as written.  The result of the import. */
static enum import_result end_import(struct imp *im, enum import_result res)
{
    struct db *db = im->db;
    struct import_report *rep = im->rep;
    if (im->dberr == DB_OK && res == IMPORT_OK)
        imp_finish_household(im);
    if (im->dberr != DB_OK) {
        db_rollback(db);
        return IMPORT_DB;
    }
    if (res != IMPORT_OK || rep->errors) {
        db_rollback(db);
        rep->added = rep->updated = rep->areas_created = 0;
        return res == IMPORT_OK ? IMPORT_CHECKS : res;
    }
    enum db_err e = DB_OK;
    if (rep->added || rep->updated || rep->areas_created)
        e = audit_import(im);
    if (e == DB_OK)
        e = db_commit(db);
    else
        db_rollback(db);
    if (e != DB_OK) {
        rep->added = rep->updated = rep->areas_created = 0;
        return IMPORT_DB;
    }
    return IMPORT_OK;
}

enum import_result db_import_csv_source(struct db *db, const char *name, const struct csv_source *src,
                                        const struct import_opts *opts, struct import_report *rep)
{
    memset(rep, 0, sizeof *rep);
    struct imp *im = new_import(db, name, opts, rep);
    if (!im)
        return IMPORT_DB;
    struct csv_reader rd;
    long total = 0;
    enum import_result res = open_file(im, src, &rd, &total);
    if (res != IMPORT_OK) {
        free(im);
        return res;
    }
    struct idset hh_nos = { 0 };
    res = find_header(im, &rd);
    if (res == IMPORT_OK)
        res = begin_import(im);
    if (res == IMPORT_OK) {
        res = end_import(im, read_rows(im, &rd, &hh_nos, total));
        if (im->o->progress)
            im->o->progress(total, total, im->o->progress_ud);
        db_exec(db, "PRAGMA main.cache_size = -2000; PRAGMA temp_store = DEFAULT", "导入");
    }
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
