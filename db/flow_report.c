/* flow_report.c — the flow reports' queries and workbook (db/flow_report.h). */
#include "db/flow_report.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/codes.h"
#include "db/assist_export.h"
#include "db/export_queries.h"
#include "db/operators.h"
#include "db/record.h"

#define MAX_MOVES 256
#define MAX_MEMBERS 64

/* The row of code, added (zeroed, targets unset) when new. */
static struct flow_row *row_of(struct flow_report *r, const char *code, size_t *cap)
{
    for (size_t i = r->n; i-- > 0;)
        if (strcmp(r->rows[i].code, code) == 0)
            return &r->rows[i];
    if (r->n == *cap) {
        size_t nc = *cap ? *cap * 2 : 32;
        struct flow_row *nr = realloc(r->rows, nc * sizeof *nr);
        if (!nr)
            return NULL;
        r->rows = nr, *cap = nc;
    }
    struct flow_row *w = &r->rows[r->n++];
    memset(w, 0, sizeof *w);
    snprintf(w->code, sizeof w->code, "%s", code);
    w->target_hh = w->target_people = -1;
    return w;
}

/* The row code of a village: itself, or its township (first 9 digits). */
static void row_code(const struct flow_report *r, const char *village, char out[13])
{
    snprintf(out, 13, "%.*s", r->by_village ? 12 : 9, village);
}

static enum db_err load_moves(struct db *db, int64_t hh, struct flow_move *mv, size_t *n)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT date, from_state, to_state FROM state_history "
                                   "WHERE household_id = ?1 ORDER BY date, id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, hh);
    int rc;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < MAX_MOVES) {
        db_col_text(st, 0, mv[*n].date, sizeof mv[*n].date);
        mv[*n].from = sqlite3_column_int(st, 1);
        mv[*n].to = sqlite3_column_int(st, 2);
        ++*n;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取状态记录");
}

/* Members with their 入户/离户 dates; a member deleted without a 离户 event
 * was a correction and is left out. */
static enum db_err load_members(struct db *db, int64_t hh, struct flow_member *m, size_t *n)
{
    sqlite3_stmt *st = db_stmt(db,
        "SELECT coalesce((SELECT min(e.date) FROM member_events e WHERE e.member_id = m.id AND e.kind = 1), ''),"
        " coalesce((SELECT max(e.date) FROM member_events e WHERE e.member_id = m.id AND e.kind = 2), '') AS lft"
        " FROM members m WHERE m.household_id = ?1 AND (m.deleted = 0 OR lft <> '')");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_int64(st, 1, hh);
    int rc;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < MAX_MEMBERS) {
        db_col_text(st, 0, m[*n].joined, sizeof m[*n].joined);
        db_col_text(st, 1, m[*n].left, sizeof m[*n].left);
        ++*n;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取成员");
}

/* One household into its row: the period's flows and the year's exits. */
static enum db_err count_household(struct db *db, struct flow_report *r, int64_t hh, const char *village,
                                   size_t *cap)
{
    struct flow_move mv[MAX_MOVES];
    struct flow_member m[MAX_MEMBERS];
    size_t nmv, nm;
    enum db_err err = load_moves(db, hh, mv, &nmv);
    if (err == DB_OK)
        err = load_members(db, hh, m, &nm);
    if (err != DB_OK)
        return err;
    char code[13];
    row_code(r, village, code);
    struct flow_row *w = row_of(r, code, cap);
    if (!w)
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    flow_household(mv, nmv, m, nm, &r->p, &w->hh, &w->people);
    struct flow_period ytd = r->p;
    snprintf(ytd.first, sizeof ytd.first, "%04d-01-01", r->p.year);
    struct flow_counts yh = { 0 }, yp = { 0 };
    flow_household(mv, nmv, m, nm, &ytd, &yh, &yp);
    w->done_hh += yh.f[FLOW_EXITED];
    w->done_people += yp.f[FLOW_EXITED];
    return DB_OK;
}

static enum db_err count_households(struct db *db, struct flow_report *r, size_t *cap)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT id, village FROM households WHERE deleted = 0 "
                                   "AND substr(village, 1, length(?1)) = ?1 ORDER BY id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, r->area, -1, SQLITE_STATIC);
    /* The ids first: count_household's statements must not run inside this one's step loop
     * on the same cached handle set, and the list is small (8 + 13 bytes a household). */
    struct { int64_t id; char village[13]; } *hs = NULL;
    size_t n = 0, hcap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == hcap) {
            size_t nc = hcap ? hcap * 2 : 256;
            void *nh = realloc(hs, nc * sizeof *hs);
            if (!nh) {
                free(hs);
                sqlite3_reset(st);
                return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
            }
            hs = nh, hcap = nc;
        }
        hs[n].id = sqlite3_column_int64(st, 0);
        db_col_text(st, 1, hs[n].village, sizeof hs[n].village);
        n++;
    }
    sqlite3_reset(st);
    enum db_err err = rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取户");
    for (size_t i = 0; err == DB_OK && i < n; i++)
        err = count_household(db, r, hs[i].id, hs[i].village, cap);
    free(hs);
    return err;
}

/* 帮扶资金 dated in the period: card entries (a corrected entry through its
 * correction only, as the summary counts) by 措施类别, disbursements of live
 * projects by 项目类型; per village into the rows. */
static enum db_err sum_money(struct db *db, struct flow_report *r, int projects, size_t *cap)
{
    sqlite3_stmt *st = db_stmt(db, projects ?
        "SELECT h.village, p.kind, sum(d.amount) FROM disbursements d JOIN projects p ON p.id = d.project_id"
        " JOIN households h ON h.id = p.household_id WHERE d.deleted = 0 AND p.deleted = 0 AND h.deleted = 0"
        " AND substr(h.village, 1, length(?1)) = ?1 AND d.date BETWEEN ?2 AND ?3 GROUP BY 1, 2" :
        "SELECT h.village, a.measure, sum(a.money) FROM aid_records a JOIN households h ON h.id = a.household_id"
        " WHERE a.deleted = 0 AND h.deleted = 0 AND substr(h.village, 1, length(?1)) = ?1"
        " AND a.date BETWEEN ?2 AND ?3 AND a.id NOT IN (SELECT c.corrects_id FROM aid_records c"
        "  WHERE c.corrects_id IS NOT NULL AND c.deleted = 0) GROUP BY 1, 2");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, r->area, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, r->p.first, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, r->p.last, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char village[13], code[13];
        db_col_text(st, 0, village, sizeof village);
        int kind = sqlite3_column_int(st, 1);
        int64_t fen = sqlite3_column_int64(st, 2);
        row_code(r, village, code);
        struct flow_row *w = row_of(r, code, cap);
        if (!w)
            break;
        *(projects ? &w->project_money : &w->aid_money) += fen;
        if (projects && kind > 0 && kind < 4)
            r->project_by_kind[kind] += fen;
        else if (!projects && kind > 0 && kind < 16)
            r->aid_by_measure[kind] += fen;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "统计帮扶资金");
}

static void area_name(struct db *db, const char *code, char *out, size_t outsz)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT name FROM areas WHERE code = ?1");
    out[0] = 0;
    if (!st)
        return;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        db_col_text(st, 0, out, outsz);
    sqlite3_reset(st);
    if (!out[0])
        snprintf(out, outsz, "%s", code);
}

static int by_code(const void *a, const void *b)
{
    return strcmp(((const struct flow_row *)a)->code, ((const struct flow_row *)b)->code);
}

/* The 合计's target: the area's own, or the file's county when no area. */
static void total_target(struct db *db, struct flow_report *r)
{
    char county[13] = "";
    const char *code = r->area;
    if (!code[0]) {
        sqlite3_stmt *st = db_stmt(db, "SELECT code FROM areas WHERE level = 1 ORDER BY code LIMIT 1");
        if (st && sqlite3_step(st) == SQLITE_ROW)
            db_col_text(st, 0, county, sizeof county);
        if (st)
            sqlite3_reset(st);
        code = county;
    }
    if (db_flow_target_get(db, code, r->p.year, &r->total.target_hh, &r->total.target_people) != DB_OK)
        r->total.target_hh = r->total.target_people = -1;
}

enum db_err db_flow_report(struct db *db, const struct flow_period *p, const char *area, int by_village,
                           struct flow_report *r)
{
    memset(r, 0, sizeof *r);
    r->p = *p;
    snprintf(r->area, sizeof r->area, "%s", area ? area : "");
    r->by_village = by_village;
    size_t cap = 0;
    enum db_err err = count_households(db, r, &cap);
    if (err == DB_OK)
        err = sum_money(db, r, 0, &cap);
    if (err == DB_OK)
        err = sum_money(db, r, 1, &cap);
    if (err != DB_OK) {
        flow_report_free(r);
        return err;
    }
    if (r->n)
        qsort(r->rows, r->n, sizeof *r->rows, by_code);
    memset(&r->total, 0, sizeof r->total);
    snprintf(r->total.name, sizeof r->total.name, "合计");
    for (size_t i = 0; i < r->n; i++) {
        struct flow_row *w = &r->rows[i];
        area_name(db, w->code, w->name, sizeof w->name);
        if (db_flow_target_get(db, w->code, p->year, &w->target_hh, &w->target_people) != DB_OK)
            w->target_hh = w->target_people = -1;
        flow_add(&r->total.hh, &w->hh);
        flow_add(&r->total.people, &w->people);
        r->total.done_hh += w->done_hh;
        r->total.done_people += w->done_people;
        r->total.aid_money += w->aid_money;
        r->total.project_money += w->project_money;
    }
    total_target(db, r);
    return DB_OK;
}

void flow_report_free(struct flow_report *r)
{
    free(r->rows);
    r->rows = NULL;
    r->n = 0;
}

enum db_err db_flow_target_get(struct db *db, const char *area, int year, int64_t *hh, int64_t *people)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT households, people FROM flow_targets WHERE area = ?1 AND year = ?2");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, area ? area : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, year);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *hh = sqlite3_column_int64(st, 0);
        *people = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return DB_OK;
    return rc == SQLITE_DONE ? DB_ERR_NOTFOUND : db_fail(db, rc, "读取减贫任务");
}

enum db_err db_flow_target_set(struct db *db, const char *area, int year, int64_t hh, int64_t people)
{
    enum db_err err = db_require_role(db, ROLE_REVIEWER, "设置减贫任务");
    if (err != DB_OK)
        return err;
    if (year < 2000 || year > 2100 || hh < 0 || people < 0 || hh > 1000000 || people > 10000000)
        return db_set_error(db, DB_ERR_INVALID, "减贫任务应为 0 以上的户数、人数 (target out of range)");
    sqlite3_stmt *st = db_stmt(db,
        "INSERT INTO flow_targets(area, year, households, people) SELECT ?1, ?2, ?3, ?4"
        " WHERE EXISTS (SELECT 1 FROM areas WHERE code = ?1)"
        " ON CONFLICT(area, year) DO UPDATE SET households = excluded.households,"
        " people = excluded.people, updated_at = " DB_STAMP_NOW);
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, area ? area : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, year);
    sqlite3_bind_int64(st, 3, hh);
    sqlite3_bind_int64(st, 4, people);
    int rc = db_step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "保存减贫任务");
    if (sqlite3_changes(db_handle(db)) == 0)
        return db_set_error(db, DB_ERR_NOTFOUND, "没有这个区划代码 (unknown area %s)", area ? area : "");
    return DB_OK;
}

/* ---- the workbook ---------------------------------------------------------- */

static const struct xo_col FLOW_COLS[] = {
    { "区划", XO_TEXT, 0 },
    { "期初户数", XO_INT, 0 }, { "新识别户", XO_INT, 0 }, { "返贫户", XO_INT, 0 }, { "新增户", XO_INT, 0 },
    { "脱贫户", XO_INT, 0 }, { "清退户", XO_INT, 0 }, { "减少户", XO_INT, 0 }, { "期末户数", XO_INT, 0 },
    { "期初人数", XO_INT, 0 }, { "新识别人", XO_INT, 0 }, { "返贫人", XO_INT, 0 }, { "新增人", XO_INT, 0 },
    { "脱贫人", XO_INT, 0 }, { "清退人", XO_INT, 0 }, { "减少人", XO_INT, 0 }, { "期末人数", XO_INT, 0 },
    { "减贫任务户", XO_INT, 0 }, { "已脱贫户", XO_INT, 0 }, { "减贫任务人", XO_INT, 0 }, { "已脱贫人", XO_INT, 0 },
    { "帮扶记录资金", XO_MONEY, 0 }, { "项目拨付资金", XO_MONEY, 0 }, { "帮扶资金合计", XO_MONEY, 0 },
    { "平衡", XO_TEXT, 0 },
};
#define N_FLOW_COLS (sizeof FLOW_COLS / sizeof *FLOW_COLS)

size_t flow_report_ncols(void)
{
    return N_FLOW_COLS;
}

const char *flow_report_col_label(size_t c)
{
    return c < N_FLOW_COLS ? FLOW_COLS[c].title : "";
}

int flow_report_col_money(size_t c)
{
    return c < N_FLOW_COLS && FLOW_COLS[c].kind == XO_MONEY;
}

/* Columns 1..16: households then people, each 期初, the six flows, 期末. */
static int64_t count_cell(const struct flow_counts *k, size_t i)
{
    return i == 0 ? k->open : i <= FLOW_NCOLS ? k->f[i - 1] : k->close;
}

int64_t flow_report_cell(const struct flow_row *w, size_t c)
{
    enum { PER = FLOW_NCOLS + 2 };
    if (c >= 1 && c <= PER)
        return count_cell(&w->hh, c - 1);
    if (c > PER && c <= 2 * PER)
        return count_cell(&w->people, c - 1 - PER);
    switch (c - 2 * PER) {
    case 1: return w->target_hh < 0 ? FLOW_CELL_BLANK : w->target_hh;
    case 2: return w->done_hh;
    case 3: return w->target_people < 0 ? FLOW_CELL_BLANK : w->target_people;
    case 4: return w->done_people;
    case 5: return w->aid_money;
    case 6: return w->project_money;
    case 7: return w->aid_money + w->project_money;
    }
    return 0;
}

int flow_row_balanced(const struct flow_row *w)
{
    return flow_balances(&w->hh) && flow_balances(&w->people);
}

const char *flow_row_balance(const struct flow_row *w)
{
    return flow_row_balanced(w) ? "平衡" : "不平衡";
}

/* The numbers as flow_report_cell gives them; a target not set is blank. */
static enum xo_err put_row(struct xo_book *b, const struct flow_row *w, int bold)
{
    enum xo_err e = xo_row_begin(b);
    if (!e && bold) e = xo_row_bold(b);
    if (!e) e = xo_put_text(b, w->name);
    for (size_t c = 1; !e && c + 1 < N_FLOW_COLS; c++) {
        int64_t v = flow_report_cell(w, c);
        e = v == FLOW_CELL_BLANK ? xo_put_blank(b) : xo_put_int(b, v);
    }
    if (!e) e = xo_put_text(b, flow_row_balance(w));
    if (!e) e = xo_row_end(b);
    return e;
}

/* "帮扶资金按来源：帮扶记录·产业发展 1234.56元；…" — one line per source. */
static enum xo_err money_lines(struct xo_book *b, const struct flow_report *r)
{
    enum xo_err e = XO_OK;
    char line[160];
    for (int k = 1; !e && k < 16; k++)
        if (r->aid_by_measure[k]) {
            snprintf(line, sizeof line, "帮扶资金按来源：帮扶记录·%s %lld.%02lld元", codes_label(CL_MEASURE, k),
                     (long long)(r->aid_by_measure[k] / 100), (long long)(r->aid_by_measure[k] % 100));
            e = xo_footer_line(b, line);
        }
    for (int k = 1; !e && k < 4; k++)
        if (r->project_by_kind[k]) {
            snprintf(line, sizeof line, "帮扶资金按来源：项目拨付·%s %lld.%02lld元", codes_label(CL_PROJECT, k),
                     (long long)(r->project_by_kind[k] / 100), (long long)(r->project_by_kind[k] % 100));
            e = xo_footer_line(b, line);
        }
    return e;
}

static enum db_err fill_flow(struct db *db, struct xo_book *b, void *arg, enum xo_err *xe)
{
    (void)db;
    const struct flow_report *r = arg;
    enum xo_err e = XO_OK;
    for (size_t i = 0; !e && i < r->n; i++)
        e = put_row(b, &r->rows[i], 0);
    if (!e) e = put_row(b, &r->total, 1);
    if (!e) e = xo_footer_line(b, flow_notes());
    if (!e) e = money_lines(b, r);
    *xe = e;
    return DB_OK;
}

int flow_export(struct db *db, const struct flow_report *r, const char *path, xo_progress_fn progress,
                void *pctx, char *err, size_t errsz)
{
    char unit[128], title[256], name[32];
    db_export_area_title(db, r->area, unit, sizeof unit);
    const char *table = r->by_village ? "村表" : "乡镇表";
    snprintf(title, sizeof title, "%s%s贫困人口动态统计表（%s）", unit, r->p.label, table);
    snprintf(name, sizeof name, "动态统计%s", table);
    struct xo_sheet_spec spec = { name, title, unit, NULL, "户、人、元", FLOW_COLS, N_FLOW_COLS };
    return export_write_book(db, path, &spec, (int64_t)r->n + 1, progress, pctx, fill_flow, (void *)r, err,
                             errsz);
}
