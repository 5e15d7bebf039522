/* import_cells.c — `fupin import csv`: what a row's cells say.  A data row
 * has the header's columns (or is not imported) and then becomes the
 * pending household's next member and the household's cells
 * (codes by label or number, member fields through forms/field_parse, the ID
 * number as keyed), and the 县/乡镇/村 cells become the code of a village of
 * the database (created with --create-areas).  See import.h for the rules,
 * import_priv.h for how the parts fit. */
#include "db/import_priv.h"
#include "core/codes.h"
#include "core/idno.h"
#include "core/text.h"
#include "db/record.h"
#include "db/settings.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- row shape ------------------------------------------------------------- */

/* A row must have the header's columns: fewer means it was cut (a field
 * lost to a stray line break or a truncated copy), more with text in them
 * means a comma too many shifted every cell after it.  Either would put
 * values under the wrong column without a word: an error naming the line.
 * Empty extra cells (Excel pads rows to its used range) are fine.  Cells
 * with characters that show as nothing (zero-width space…) are a warning
 * naming the column: equal-looking names would differ in search. */
int imp_row_shape_ok(struct imp *im, const struct csv_record *rec)
{
    size_t want = (size_t)im->ncols, extra = 0;
    for (size_t i = want; i < rec->n; i++)
        if (strspn(rec->fields[i], " \t") != strlen(rec->fields[i]))
            extra = i + 1;
    if (rec->n < want || extra) {
        imp_msg(im, 1, rec->line, 0, "COLUMN_COUNT", "这一行有 %zu 列，表头有 %zu 列%s，未导入", rec->n, want,
                rec->n < want ? "（行被截断或少了逗号）" : "（多了逗号或多出内容）");
        return 0;
    }
    for (size_t i = 0; i < want; i++) {
        uint32_t cp = text_first_invisible(rec->fields[i]);
        if (cp)
            imp_msg(im, 0, rec->line, (int)i + 1, "INVISIBLE_CHAR",
                    "含有看不见的字符 U+%04X（零宽空格等），请在 Excel 中删除后重新导入", (unsigned)cp);
    }
    return 1;
}

/* ---- cells ------------------------------------------------------------------ */

int imp_code_cell(enum codelist list, const char *t)
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

void imp_bad_code(struct imp *im, long line, int col, enum codelist list, const char *t)
{
    size_t n = 0;
    const struct code *cl = codes_list(list, &n);
    char opts[200] = "";
    for (size_t i = 0; i < n && strlen(opts) < 150; i++) {
        size_t len = strlen(opts);
        snprintf(opts + len, sizeof opts - len, "%s%s", i ? "、" : "", cl[i].label);
    }
    imp_msg(im, 1, line, col, "FIELD_VALUE", "%s没有“%s”这个选项（可填: %s%s）", codes_list_name(list), t, opts,
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

/* The text of cell i (of column c) as it is read: without the spaces around
 * it, and folded to ASCII unless it is a name or free text. */
static void cell_text(const struct column *c, const struct csv_record *rec, int i, char *t, size_t tsz)
{
    char folded[1024];
    const char *cell = (size_t)i < rec->n ? rec->fields[i] : "";
    if (!cell_is_text(c)) {
        /* ４５０１…, Ｘ, the ideographic space: what an input method in
         * full-width mode typed into Excel; field_parse folds the same. */
        text_fold_ascii(cell, folded, sizeof folded);
        cell = folded;
    }
    imp_trim_copy(t, tsz, cell);
}

/* Where the row keeps the text of a household cell of kind k (县, 村, 户编号,
 * 状态 …); NULL for the kinds that are not kept as text. */
static char *household_text(struct hhrow *h, enum col_kind k)
{
    switch (k) {
    case K_COUNTY: return h->county;
    case K_TOWNSHIP: return h->township;
    case K_VILLAGE: return h->village;
    case K_GROUP: return h->group;
    case K_HH_NO: return h->hh_no;
    case K_HEAD_NAME: return h->head_name;
    case K_PHONE: return h->phone;
    case K_STATUS: return h->status;
    case K_HELPER: return h->helper;
    case K_HELPER_UNIT: return h->helper_unit;
    case K_PER_CAPITA: return h->per_capita;
    case K_EXIT_YEAR: return h->exit_year;
    case K_SURVEY_YEAR: return h->survey_year;
    case K_STEP: return h->step;
    default: return NULL;
    }
}

/* A 贫困户属性, 识别标准 or 主要致贫原因 cell `t` of column col (kind k) into
 * the row: its code, 0 when it is none.  0 ok, -1 an error was reported. */
static int household_code(struct imp *im, enum col_kind k, long line, int col, const char *t, struct hhrow *h)
{
    enum codelist l = k == K_HH_TYPE ? CL_HH_TYPE : k == K_STANDARD ? CL_STANDARD : CL_CAUSE;
    int code = imp_code_cell(l, t);
    int bad = 0;
    if (code < 0) {
        imp_bad_code(im, line, col, l, t);
        bad = 1;
    }
    *(k == K_HH_TYPE ? &h->hh_type : k == K_STANDARD ? &h->standard : &h->cause) = code > 0 ? code : 0;
    return bad ? -1 : 0;
}

/* The 身份证号 cell `t` of column col into the member (with the sex and birth
 * date it gives) and raw_id.  0 ok, -1 an error was reported. */
static int id_cell(struct imp *im, long line, int col, const char *t, struct member *m, char raw_id[24])
{
    /* The check engine judges the number as keyed (ID_FORMAT,
     * ID_CHECKSUM, ID_LEGACY ...); it is normalised on save. */
    db_copy_text(raw_id, 24, t);
    if (strlen(t) > ID_NO_LEN) {
        imp_msg(im, 1, line, col, "ID_FORMAT", "身份证号“%s”位数不对（应为18位）", t);
        return -1;
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
    return 0;
}

/* A member field's cell `t` of column col (a field of MEMBER_FIELDS) into
 * the member, marked as given.  0 ok, -1 an error was reported. */
static int member_cell(struct imp *im, const struct field *f, long line, int col, const char *t,
                       struct member *m, unsigned char given[64], char raw_id[24])
{
    size_t fi = (size_t)(f - MEMBER_FIELDS);
    if (fi < 64)
        given[fi] = 1;
    if (strcmp(f->key, "id_no") == 0)
        return id_cell(im, line, col, t, m, raw_id);
    if (f->type == FT_CODE) {
        int code = imp_code_cell(f->list, t);
        if (code < 0) {
            imp_bad_code(im, line, col, f->list, t);
            return -1;
        }
        *(int *)field_ptr(f, m) = code;
        return 0;
    }
    const char *e = field_parse(f, m, t);
    if (e) {
        imp_msg(im, 1, line, col, "FIELD_VALUE", "%s“%s”: %s", f->label, t, e);
        return -1;
    }
    return 0;
}

int imp_parse_row(struct imp *im, const struct csv_record *rec, struct hhrow *h, struct member *m,
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
        char t[1024];
        cell_text(c, rec, i, t, sizeof t);
        if (!t[0] || c->kind == K_UNKNOWN || c->kind == K_DERIVED)
            continue;
        char *dst = household_text(h, c->kind);
        if (dst)
            imp_trim_copy(dst, TXT, t);
        else if (c->kind == K_SURVEY)
            imp_trim_copy(im->row_sv[c->slot], SV_TXT, t);
        else if (c->kind == K_HH_TYPE || c->kind == K_STANDARD || c->kind == K_CAUSE)
            bad |= household_code(im, c->kind, rec->line, i + 1, t, h) < 0;
        else if (c->kind == K_MEMBER)
            bad |= member_cell(im, c->field, rec->line, i + 1, t, m, given, raw_id) < 0;
    }
    return bad ? -1 : 0;
}

/* ---- areas -------------------------------------------------------------------- */

/* What to do about an area the database does not have. */
static const char area_hint[] = "请先在“基础设置 → 行政区划”中添加，或导入时加 --create-areas（以“待核”代码新建，之后再改正）";

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
    imp_msg(im, 0, line, imp_colno(im, key), "AREA_CREATED", "已新建%s“%s”，代码 %s 待核，请在基础设置中改正",
            township ? "乡镇" : "村", name, out);
    return 0;
}

/* The county a new township goes under when the file has no 县 column: the
 * database's only county.  0 found; 1 an error was reported (none or
 * several); -1 a database failure. */
static int only_county(struct imp *im, const struct hhrow *h, char county[AREA_CODE_LEN + 1])
{
    sqlite3_stmt *st = db_stmt(im->db, "SELECT code, (SELECT count(*) FROM areas WHERE level = 1) "
                                       "FROM areas WHERE level = 1 LIMIT 1");
    if (!st) return -1;
    int rc = sqlite3_step(st);
    int count = rc == SQLITE_ROW ? sqlite3_column_int(st, 1) : 0;
    if (rc == SQLITE_ROW)
        db_copy_text(county, AREA_CODE_LEN + 1, (const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    if (count != 1) {
        imp_msg(im, 1, h->line, imp_colno(im, K_TOWNSHIP), "AREA_UNKNOWN", "不知道乡镇“%s”属于哪个县，请填写县列 "
                "(which county?)", h->township);
        return 1;
    }
    return 0;
}

/* The household's 乡镇 (h->township, given) into town: found under county
 * ("" = any), or created with --create-areas (under the county found).
 * 0 ok; 1 an error was reported; -1 a database failure. */
static int resolve_township(struct imp *im, const struct hhrow *h, char county[AREA_CODE_LEN + 1],
                            char town[AREA_CODE_LEN + 1])
{
    long line = h->line;
    int r = find_area(im, AREA_TOWNSHIP, h->township, county, town);
    if (r < 0) return -1;
    if (r == 2 && !county[0]) {
        imp_msg(im, 1, line, imp_colno(im, K_TOWNSHIP), "AREA_AMBIGUOUS",
                "有多个乡镇名为“%s”，请填写县列 (ambiguous township)", h->township);
        return 1;
    }
    if (r == 0) {
        if (!im->o->create_areas) {
            imp_msg(im, 1, line, imp_colno(im, K_TOWNSHIP), "AREA_UNKNOWN",
                    "数据库中没有乡镇“%s”。%s (unknown township)", h->township, area_hint);
            return 1;
        }
        if (!county[0]) {
            /* No 县 column: the file's only county, if it has one. */
            int c = only_county(im, h, county);
            if (c != 0)
                return c;
        }
        if (new_area(im, line, K_TOWNSHIP, h->township, county, town) < 0)
            return -1;
    }
    return 0;
}

/* The household's 村 into village: found under its township (town) or else
 * its county, or created with --create-areas (which needs the township).
 * 0 ok; 1 an error was reported; -1 a database failure. */
static int find_village(struct imp *im, const struct hhrow *h, const char *county, const char *town,
                        char village[AREA_CODE_LEN + 1])
{
    long line = h->line;
    const char *parent = town[0] ? town : county;
    int r = find_area(im, AREA_VILLAGE, h->village, parent, village);
    if (r < 0) return -1;
    if (r == 2) {
        imp_msg(im, 1, line, imp_colno(im, K_VILLAGE), "AREA_AMBIGUOUS",
                "有多个村名为“%s”，请填写乡镇列 (ambiguous village)", h->village);
        return 1;
    }
    if (r == 0) {
        if (!im->o->create_areas) {
            char where[TXT + 16] = "";
            if (town[0])
                snprintf(where, sizeof where, "（%s）", h->township);
            imp_msg(im, 1, line, imp_colno(im, K_VILLAGE), "AREA_UNKNOWN", "数据库中没有村“%s”%s。%s (unknown village)",
                    h->village, where, area_hint);
            return 1;
        }
        if (!town[0]) {
            imp_msg(im, 1, line, imp_colno(im, K_VILLAGE), "AREA_UNKNOWN", "新建村“%s”需要知道它属于哪个乡镇，请填写乡镇列 "
                    "(township column needed to create a village)", h->village);
            return 1;
        }
        if (new_area(im, line, K_VILLAGE, h->village, town, village) < 0)
            return -1;
    }
    return 0;
}

int imp_resolve_village(struct imp *im, const struct hhrow *h, char village[AREA_CODE_LEN + 1])
{
    char county[AREA_CODE_LEN + 1] = "", town[AREA_CODE_LEN + 1] = "";
    long line = h->line;
    if (!h->village[0]) {
        imp_msg(im, 1, line, imp_colno(im, K_VILLAGE), "AREA_EMPTY", "村未填写 (village is empty)");
        return 1;
    }
    if (h->county[0]) {
        int r = find_area(im, AREA_COUNTY, h->county, "", county);
        if (r < 0) return -1;
        if (r == 0) {
            imp_msg(im, 1, line, imp_colno(im, K_COUNTY), "AREA_UNKNOWN", "数据库中没有县“%s”；县须用 fupin init --county 建立 "
                    "(unknown county)", h->county);
            return 1;
        }
    }
    if (h->township[0]) {
        int r = resolve_township(im, h, county, town);
        if (r != 0)
            return r;
    }
    return find_village(im, h, county, town, village);
}
