/* village_export.c — 贫困村名册 and 出列核查表 (see village_export.h). */
#include "db/village_export.h"
#include "core/clock.h"
#include "core/workflow.h"
#include "core/xlsxout.h"
#include "db/assist_export.h"
#include "db/export_queries.h"
#include "db/village_store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_VILLAGES 4000

static const struct xo_col ROSTER_COLS[] = {
    { "序号", XO_INT, 0 },
    { "乡镇", XO_TEXT, 0 },
    { "村名", XO_TEXT, 0 },
    { "区划代码", XO_DIGITS, 0 },
    { "认定年度", XO_INT, 0 },
    { "出列年度", XO_INT, 0 },
    { "出列进度", XO_TEXT, 0 },
    { "挂村单位", XO_TEXT, 0 },
    { "联系人", XO_TEXT, 0 },
    { "联系电话", XO_PHONE, 0 },
    { "农村户籍人口", XO_INT, 0 },
    { "在册贫困人口", XO_INT, 0 },
    { "贫困发生率", XO_PERCENT, 0 },
    { "村人均可支配收入", XO_MONEY, 0 },
    { "村集体经济收入", XO_MONEY, 0 },
    { "核查未达标项", XO_TEXT, 0 },
};
#define N_ROSTER_COLS (sizeof ROSTER_COLS / sizeof *ROSTER_COLS)

struct roster_args {
    struct village_info *v;
    size_t n;
    int year;
    int64_t rows;
};

static enum xo_err put_year(struct xo_book *b, int y)
{
    return y ? xo_put_int(b, y) : xo_put_blank(b);
}

static enum xo_err put_money_or_blank(struct xo_book *b, int64_t fen)
{
    return fen >= 0 ? xo_put_int(b, fen) : xo_put_blank(b);
}

static enum xo_err roster_row(struct xo_book *b, const struct village_info *v, int64_t no,
                              const struct vc_facts *f)
{
    struct vc_result r[VC_COUNT];
    char failing[TEXT_BYTES(200)];
    vc_evaluate_all(f, r, failing, sizeof failing);
    enum xo_err e = xo_row_begin(b);
    if (!e) e = xo_put_int(b, no);
    if (!e) e = xo_put_text(b, v->township);
    if (!e) e = xo_put_text(b, v->name);
    if (!e) e = xo_put_text(b, v->code);
    if (!e) e = put_year(b, v->identified_year);
    if (!e) e = put_year(b, v->exit_year);
    if (!e) e = xo_put_text(b, vc_stage_label((enum vc_stage)v->exit_stage));
    if (!e) e = xo_put_text(b, v->unit);
    if (!e) e = xo_put_text(b, v->contact);
    if (!e) e = xo_put_text(b, v->phone);
    if (!e) e = f->population ? xo_put_int(b, f->population) : xo_put_blank(b);
    if (!e) e = xo_put_int(b, f->poor_people);
    if (!e) e = f->population ? xo_put_int(b, vc_rate_bp(f->poor_people, f->population)) : xo_put_blank(b);
    if (!e) e = put_money_or_blank(b, f->per_capita_income);
    if (!e) e = put_money_or_blank(b, f->collective_income);
    if (!e) e = xo_put_text(b, v->exit_year ? "" : failing);
    if (!e) e = xo_row_end(b);
    return e;
}

static enum db_err fill_roster(struct db *db, struct xo_book *b, void *arg, enum xo_err *xe)
{
    struct roster_args *a = arg;
    for (size_t i = 0; i < a->n && *xe == XO_OK; i++) {
        if (!a->v[i].poor)
            continue;
        struct vc_facts f;
        enum db_err de = vs_facts(db, a->v[i].code, a->year, &f);
        if (de != DB_OK)
            return de;
        *xe = roster_row(b, &a->v[i], ++a->rows, &f);
    }
    return DB_OK;
}

static int this_year(void)
{
    char today[11];
    clock_today(today);
    return atoi(today);
}

int village_export_roster(struct db *db, const char *area, int year, const char *path,
                          int64_t *rows, char *err, size_t errsz)
{
    struct roster_args a = { .year = year ? year : this_year() };
    a.v = calloc(MAX_VILLAGES, sizeof *a.v);
    if (!a.v) {
        snprintf(err, errsz, "内存不足 (out of memory)");
        return -1;
    }
    int rc = -1;
    if (vs_villages(db, area, a.v, MAX_VILLAGES, &a.n) != DB_OK) {
        snprintf(err, errsz, "%s", db_errmsg(db));
    } else {
        char title[256], unit[128];
        db_export_area_title(db, area ? area : "", unit, sizeof unit);
        snprintf(title, sizeof title, "%s%d年贫困村名册", unit, a.year);
        struct xo_sheet_spec spec = { "贫困村名册", title, unit, NULL, "元、人", ROSTER_COLS, N_ROSTER_COLS };
        spec.key_cols = 3;
        rc = export_write_book(db, path, &spec, 0, NULL, NULL, fill_roster, &a, err, errsz);
    }
    if (rows)
        *rows = a.rows;
    free(a.v);
    return rc;
}

/* ---- 出列核查表 ------------------------------------------------------------ */

static const struct xo_col CHECK_COLS[] = {
    { "序号", XO_INT, 0 },
    { "核查指标", XO_TEXT, 0 },
    { "标准", XO_TEXT, 0 },
    { "实际情况", XO_TEXT, 0 },
    { "结论", XO_TEXT, 0 },
    { "确认日期", XO_DATE, 0 },
};
#define N_CHECK_COLS (sizeof CHECK_COLS / sizeof *CHECK_COLS)

struct check_args {
    const char *code;
    int year;
};

/* The 出列 steps under the table, one line each. */
static enum xo_err exit_footer(struct xo_book *b, const struct village_exit *e)
{
    char line[2000];
    enum xo_err x = xo_footer_line(b, "");
    snprintf(line, sizeof line, "出列进度: %s", vc_stage_label((enum vc_stage)e->stage));
    if (!x) x = xo_footer_line(b, line);
    if (!x && e->proposed_date[0]) {
        snprintf(line, sizeof line, "提出日期: %s", e->proposed_date);
        x = xo_footer_line(b, line);
    }
    if (!x && e->override_reason[0]) {
        snprintf(line, sizeof line, "未达标项: %s; 审核员 %s 准予提出, 理由: %s", e->failing,
                 e->override_by, e->override_reason);
        x = xo_footer_line(b, line);
    }
    if (!x && e->meeting_id) {
        snprintf(line, sizeof line, "村级评议: %s, 到会代表 %d 人, 赞成 %d, 反对 %d, 弃权 %d (需 %d 票), %s",
                 e->meeting_date, e->present, e->votes_for, e->votes_against, e->votes_abstain,
                 wf_appraisal_needed(e->present), wf_appraisal_passes(e->votes_for, e->present) ? "通过" : "未通过");
        x = xo_footer_line(b, line);
    }
    if (!x && e->notice_start[0]) {
        snprintf(line, sizeof line, "公示期: %s 至 %s (%d 天)", e->notice_start, e->notice_end, e->notice_days);
        x = xo_footer_line(b, line);
    }
    if (!x && e->decided_date[0]) {
        snprintf(line, sizeof line, "出列决定: %s, 审核员 %s", e->decided_date, e->decided_by);
        x = xo_footer_line(b, line);
    }
    return x;
}

static enum db_err fill_check(struct db *db, struct xo_book *b, void *arg, enum xo_err *xe)
{
    struct check_args *a = arg;
    struct vc_facts f;
    struct village_year y;
    enum db_err de = vs_facts(db, a->code, a->year, &f);
    if (de == DB_OK)
        de = vs_year_get(db, a->code, a->year, &y);
    if (de != DB_OK)
        return de;
    for (int i = 0; i < VC_COUNT && *xe == XO_OK; i++) {
        struct vc_result r;
        vc_evaluate(&f, (enum vc_item)i, &r);
        enum xo_err e = xo_row_begin(b);
        if (!e) e = xo_put_int(b, i + 1);
        if (!e) e = xo_put_text(b, vc_item_label((enum vc_item)i));
        if (!e) e = xo_put_text(b, r.standard);
        if (!e) e = xo_put_text(b, r.actual);
        if (!e) e = xo_put_text(b, vc_verdict_label((enum vc_item)i, r.verdict));
        if (!e) e = xo_put_text(b, i >= VC_FIRST_YESNO ? y.date[i - VC_FIRST_YESNO] : "");
        if (!e) e = xo_row_end(b);
        *xe = e;
    }
    struct village_exit e;
    de = vs_exit_get(db, a->code, a->year, &e);
    if (de == DB_OK && *xe == XO_OK)
        *xe = exit_footer(b, &e);
    return de == DB_ERR_NOTFOUND ? DB_OK : de;
}

int village_export_exit(struct db *db, const char *village, int year, const char *path,
                        char *err, size_t errsz)
{
    struct village_info v;
    if (vs_get(db, village, &v) != DB_OK) {
        snprintf(err, errsz, "%s", db_errmsg(db));
        return -1;
    }
    if (!year)
        year = this_year();
    char title[400], unit[260];
    snprintf(unit, sizeof unit, "%s%s", v.township, v.name);
    snprintf(title, sizeof title, "%s%d年贫困村出列核查表", unit, year);
    struct xo_sheet_spec spec = { "出列核查表", title, unit, NULL, "", CHECK_COLS, N_CHECK_COLS };
    spec.portrait = XO_PORTRAIT_IF_FITS;
    struct check_args a = { village, year };
    return export_write_book(db, path, &spec, 0, NULL, NULL, fill_check, &a, err, errsz);
}
