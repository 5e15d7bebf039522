/* export_reports.c — the roster and summary workbooks. */
#include "db/export_reports.h"
#include "core/clock.h"
#include "core/codes.h"
#include "core/workflow.h"
#include "db/export_queries.h"
#include "forms/form.h"
#include <stdarg.h>
#include <time.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

static enum export_status set_err(char *err, size_t errsz, enum export_status st,
                                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static enum export_status set_err(char *err, size_t errsz, enum export_status st,
                                  const char *fmt, ...)
{
    if (err && errsz) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errsz, fmt, ap);
        va_end(ap);
    }
    return st;
}

/* A query failed: frees the rows read so far (r, may be NULL) and says why. */
static enum export_status db_failed(struct db *db, void *r, char *err, size_t errsz)
{
    free(r);
    return set_err(err, errsz, EXPORT_ERR_DB, "%s", db_errmsg(db));
}

static enum export_status xo_status(enum xo_err e)
{
    return e == XO_ERR_CANCELLED ? EXPORT_CANCELLED : EXPORT_ERR_FILE;
}

/* Checks the area and gives the name for titles; "" area = the whole file. */
static enum export_status area_title(struct db *db, const char *area, char *name, size_t namesz,
                                     char *err, size_t errsz)
{
    if (area && *area && db_export_area_title(db, area, name, namesz) != DB_OK)
        return set_err(err, errsz, EXPORT_ERR_ARG,
                       "未知的区划代码 %s，请在基础设置中查看 (unknown area code %s)", area, area);
    if (!area || !*area)
        db_export_area_title(db, "", name, namesz);
    return EXPORT_OK;
}

static void today_of(const struct export_opts *o, char day[11])
{
    if (o && o->today && *o->today)
        snprintf(day, 11, "%s", o->today);
    else
        clock_today(day);
}

/* The year an export reports: the one asked for, else today's. */
/* Opens an export's workbook (mode as xo_open) and begins its first sheet,
 * with the caller's progress and the rows it expects.  *b is NULL when the
 * file could not be opened (xo_last_error says why); otherwise the result is
 * xo_sheet_begin's and the caller aborts *b on error. */
static enum xo_err book_begin(const char *path, unsigned mode, const struct export_opts *o,
                              int64_t total, const struct xo_sheet_spec *spec, struct xo_book **b)
{
    enum xo_err xe = xo_open(path, mode, b);
    if (xe) {
        *b = NULL;
        return xe;
    }
    if (o && o->progress)
        xo_set_progress(*b, o->progress, o->progress_ctx);
    xo_set_total(*b, total);
    return xo_sheet_begin(*b, spec);
}

static int year_of(const struct export_opts *o, const char *day)
{
    return o && o->year > 0 ? o->year : atoi(day);
}

/* ---- roster -------------------------------------------------------------- */

/* The roster's columns, in order: what a county roster carries and what the
 * database holds, so that `fupin import csv` reads back every one of them
 * (tests/e2e/roster_round_trip.sh walks them all).  A form field's title and
 * code list are the form's (forms/household_forms.c); the others are the
 * roster's own.  Survey fields are of the household's latest survey (of the
 * year or before), blank without one. */
enum rc_kind {
    RC_FIELD,           /* a stored field of forms/: table + key */
    RC_SEQ, RC_COUNTY, RC_TOWNSHIP, RC_VILLAGE, RC_GROUP, RC_HH_NO, RC_HEAD, RC_SIZE,
    RC_AGE, RC_SURVEY_YEAR, RC_PER_CAPITA, RC_HELPER, RC_HELPER_UNIT, RC_STATUS, RC_STEP,
    RC_EXIT_YEAR
};
struct roster_col {
    enum rc_kind kind;
    const char *title;      /* NULL: the label of the form field table + key */
    enum xo_kind type;      /* RC_FIELD: from the field's type */
    enum ftable table;
    const char *key;        /* RC_FIELD: the value's field; else the label's, or NULL */
};
#define RC(kind, title, type) { kind, title, type, T_DERIVED, NULL }
#define MEMBER(key) { RC_FIELD, NULL, XO_TEXT, T_MEMBER, key }
#define SURVEY(key) { RC_FIELD, NULL, XO_TEXT, T_SURVEY, key }
static const struct roster_col ROSTER[] = {
    RC(RC_SEQ, "序号", XO_INT),
    RC(RC_COUNTY, "县", XO_TEXT),
    RC(RC_TOWNSHIP, "乡镇", XO_TEXT),
    { RC_VILLAGE, NULL, XO_TEXT, T_HOUSEHOLD, "village" },
    { RC_GROUP, NULL, XO_TEXT, T_HOUSEHOLD, "group_name" },
    RC(RC_HH_NO, "户编号", XO_DIGITS),
    { RC_HEAD, NULL, XO_TEXT, T_HEAD, "head_name" },
    { RC_SIZE, NULL, XO_INT, T_DERIVED, "family_size" },
    { RC_FIELD, NULL, XO_TEXT, T_HOUSEHOLD, "phone" },
    MEMBER("relation"), MEMBER("name"), MEMBER("sex"), MEMBER("id_no"), MEMBER("ethnic"),
    RC(RC_AGE, "年龄", XO_INT),
    MEMBER("political"), MEMBER("education"), MEMBER("schooling"), MEMBER("health"),
    MEMBER("disability_no"), MEMBER("skill"), MEMBER("work"), MEMBER("work_months"),
    MEMBER("med_ins"), MEMBER("serious_ins"), MEMBER("pension_ins"), MEMBER("soldier"),
    { RC_SURVEY_YEAR, NULL, XO_INT, T_DERIVED, "survey_year" },
    SURVEY("hh_type"), SURVEY("standard"), SURVEY("main_cause"), SURVEY("other_cause1"),
    SURVEY("other_cause2"), SURVEY("bank"), SURVEY("bank_account"),
    SURVEY("wage_income"), SURVEY("business_income"), SURVEY("property_income"),
    SURVEY("family_planning"), SURVEY("dibao"), SURVEY("tekun"), SURVEY("pension"),
    SURVEY("eco_comp"), SURVEY("other_transfer"), SURVEY("business_cost"),
    { RC_PER_CAPITA, NULL, XO_MONEY, T_DERIVED, "per_capita" },
    RC(RC_HELPER, "帮扶责任人", XO_TEXT),
    RC(RC_HELPER_UNIT, "帮扶单位", XO_TEXT),
    RC(RC_STATUS, "状态", XO_TEXT),
    RC(RC_STEP, "办理状态", XO_TEXT),
    RC(RC_EXIT_YEAR, "脱贫年度", XO_INT),
};
#undef RC
#undef MEMBER
#undef SURVEY
#define N_ROSTER_COLS (sizeof ROSTER / sizeof *ROSTER)

/* The columns as the writer wants them and each RC_FIELD's field, resolved
 * once (the tables are static). */
static struct xo_col roster_xo[N_ROSTER_COLS];
static const struct field *roster_field[N_ROSTER_COLS];

static enum xo_kind field_kind(const struct field *f)
{
    switch (f->type) {
    case FT_INT: return XO_INT;
    case FT_MONEY: return XO_MONEY;
    case FT_IDNO: return XO_ID;
    case FT_PHONE: return XO_PHONE;
    case FT_DIGITS: return XO_DIGITS;
    default: return XO_TEXT;
    }
}

static const struct xo_col *roster_cols(void)
{
    if (roster_xo[0].title)
        return roster_xo;
    for (size_t i = 0; i < N_ROSTER_COLS; i++) {
        const struct roster_col *c = &ROSTER[i];
        const struct field *f = c->key ? form_field(c->table, c->key) : NULL;
        int stored = c->kind == RC_FIELD && f;
        roster_field[i] = stored ? f : NULL;
        /* A key missing from forms/ is a programming error the unit test
         * catches; the column then reads "?" rather than crash. */
        roster_xo[i] = (struct xo_col){ c->title ? c->title : f ? f->label : "?",
                                        stored ? field_kind(f) : c->type,
                                        stored && f->type == FT_IDNO ? 20 : 0 };
    }
    return roster_xo;
}

const char *const *export_roster_headers(size_t *n)
{
    static const char *h[N_ROSTER_COLS];
    const struct xo_col *cols = roster_cols();
    for (size_t i = 0; i < N_ROSTER_COLS; i++)
        h[i] = cols[i].title;
    *n = N_ROSTER_COLS;
    return h;
}

enum xo_kind export_roster_kind(size_t col)
{
    return col < N_ROSTER_COLS ? roster_cols()[col].kind : XO_TEXT;
}

/* A stored field's cell: codes and yes/no as their labels, numbers as
 * numbers; a survey field is blank when the household has no survey. */
static void field_cell(const struct field *f, const struct roster_row *r, struct roster_cell *c)
{
    const void *rec = f->table == T_MEMBER ? (const void *)r->member : (const void *)r->hh;
    if (f->table == T_SURVEY && !r->has_survey)
        return;
    if (f->type == FT_INT || f->type == FT_MONEY) {
        c->kind = RCELL_NUMBER;
        c->num = f->size == sizeof(int64_t) ? *(const int64_t *)field_cptr(f, rec)
                                            : *(const int *)field_cptr(f, rec);
        return;
    }
    c->kind = RCELL_TEXT;
    if (f->type == FT_CODE)
        c->text = codes_label(f->list, *(const int *)field_cptr(f, rec));
    else if (f->type == FT_BOOL)
        c->text = *(const int *)field_cptr(f, rec) ? "是" : "否";
    else
        c->text = field_cptr(f, rec);
}

void export_roster_cell(const struct roster_row *r, size_t col, struct roster_cell *c)
{
    c->kind = RCELL_BLANK;
    c->text = "";
    c->num = 0;
    if (col >= N_ROSTER_COLS)
        return;
    roster_cols();
    const char *t = NULL;
    int64_t num = 0;
    int has_num = 0;
    switch (ROSTER[col].kind) {
    case RC_FIELD:
        if (roster_field[col])
            field_cell(roster_field[col], r, c);
        return;
    case RC_SEQ: num = r->seq; has_num = 1; break;
    case RC_COUNTY: t = r->county; break;
    case RC_TOWNSHIP: t = r->township; break;
    case RC_VILLAGE: t = r->village; break;
    case RC_GROUP: t = r->group_name; break;
    case RC_HH_NO: t = r->hh_no; break;
    case RC_HEAD: t = r->head_name; break;
    case RC_SIZE: num = r->n_members; has_num = 1; break;
    case RC_AGE: num = r->age; has_num = r->age >= 0; break;
    case RC_SURVEY_YEAR: num = r->hh->survey.year; has_num = r->has_survey; break;
    case RC_PER_CAPITA: num = r->per_capita; has_num = r->has_survey; break;
    case RC_HELPER: t = r->helper; break;
    case RC_HELPER_UNIT: t = r->helper_unit; break;
    case RC_STATUS: t = wf_roster_status((enum wf_state)r->state); break;
    case RC_STEP: t = wf_state_label((enum wf_state)r->state); break;
    case RC_EXIT_YEAR: num = r->exit_year; has_num = r->exit_year > 0; break;
    }
    if (t) {
        c->kind = RCELL_TEXT;
        c->text = t;
    } else if (has_num) {
        c->kind = RCELL_NUMBER;
        c->num = num;
    }
}

struct roster_ctx {
    struct xo_book *b;
    enum xo_err err;
    int64_t households;         /* db_roster_estimate's, for correcting the total */
};

/* The progress total corrected by the rows seen per household seen, just
 * before xo_row_end reports it. */
static void correct_total(struct roster_ctx *c, const struct roster_row *r)
{
    int64_t rows = xo_book_rows(c->b) + 1;
    if (rows % XO_PROGRESS_EVERY || r->seq <= 0)
        return;
    int64_t hh = c->households > r->seq ? c->households : r->seq;
    xo_set_total(c->b, rows * hh / r->seq);
}

static int roster_row(void *ud, const struct roster_row *r)
{
    struct roster_ctx *c = ud;
    struct xo_book *b = c->b;
    enum xo_err e = xo_row_begin(b);
    for (size_t i = 0; e == XO_OK && i < N_ROSTER_COLS; i++) {
        struct roster_cell cell;
        export_roster_cell(r, i, &cell);
        e = cell.kind == RCELL_TEXT ? xo_put_text(b, cell.text)
          : cell.kind == RCELL_NUMBER ? xo_put_int(b, cell.num) : xo_put_blank(b);
    }
    if (e == XO_OK) {
        correct_total(c, r);
        e = xo_row_end(b);
    }
    c->err = e;
    return e != XO_OK;
}

/* What every report starts from: the day, the area and its name for the
 * title, the year.  Clears *rows; an unknown area is refused here. */
struct report_head {
    char day[11], name[200];
    const char *area;
    int year;
};

static enum export_status report_head(struct db *db, const struct export_opts *o, int64_t *rows,
                                      struct report_head *h, char *err, size_t errsz)
{
    if (rows)
        *rows = 0;
    today_of(o, h->day);
    h->area = o && o->area ? o->area : "";
    h->name[0] = 0;
    h->year = year_of(o, h->day);
    return area_title(db, h->area, h->name, sizeof h->name, err, errsz);
}

enum export_status export_roster(struct db *db, const struct export_opts *o, const char *path,
                                 int64_t *rows, char *err, size_t errsz)
{
    struct report_head h;
    enum export_status st = report_head(db, o, rows, &h, err, errsz);
    if (st)
        return st;
    const char *day = h.day, *name = h.name, *area = h.area;
    int year = h.year;
    char title[700], unit[200];
    struct export_filter f = { area, o ? o->states : 0, year };
    int64_t households = 0, total = 0;
    if (db_roster_estimate(db, &f, &households, &total) != DB_OK)
        return set_err(err, errsz, EXPORT_ERR_DB, "%s", db_errmsg(db));

    if (db_export_title(db, TITLE_ROSTER, &f, title, sizeof title) != DB_OK)
        return set_err(err, errsz, EXPORT_ERR_DB, "%s", db_errmsg(db));
    snprintf(unit, sizeof unit, "%s", *name ? name : "");
    struct xo_sheet_spec spec = {
        .name = "花名册", .title = title, .unit = unit, .date = day, .units = "元、人、岁",
        .cols = roster_cols(), .ncols = N_ROSTER_COLS,
    };
    struct xo_book *b;
    enum xo_err xe = book_begin(path, XO_STREAM, o, total, &spec, &b);
    if (!b)
        return set_err(err, errsz, xo_status(xe), "%s", xo_last_error());
    if (xe) {
        set_err(err, errsz, xo_status(xe), "%s", xo_errmsg(b));
        xo_abort(b);
        return xo_status(xe);
    }
    struct roster_ctx c = { b, XO_OK, households };
    int stopped = 0;
    enum db_err de = db_roster_each(db, &f, day, roster_row, &c, &stopped);
    if (de != DB_OK || c.err != XO_OK) {
        st = de != DB_OK ? set_err(err, errsz, EXPORT_ERR_DB, "%s", db_errmsg(db))
                         : set_err(err, errsz, xo_status(c.err), "%s", xo_errmsg(b));
        xo_abort(b);
        return st;
    }
    int64_t n = xo_book_rows(b);
    if ((xe = xo_close(b)))
        return set_err(err, errsz, xo_status(xe), "%s", xo_last_error());
    if (rows)
        *rows = n;
    return EXPORT_OK;
}

/* ---- summary ------------------------------------------------------------- */

/* 乡镇, 村, 户数, 人数, 3 属性, 12 原因, 有劳动能力, 在校生, 已脱贫户/人, 平均收入, 帮扶资金 */
#define N_SUM_COLS (4 + 3 + 12 + 6)

static void summary_cols(struct xo_col *cols)
{
    size_t k = 0;
    cols[k++] = (struct xo_col){ "乡镇", XO_TEXT, 0 };
    cols[k++] = (struct xo_col){ "村", XO_TEXT, 0 };
    cols[k++] = (struct xo_col){ "户数", XO_INT, 0 };
    cols[k++] = (struct xo_col){ "人数", XO_INT, 0 };
    for (int t = 1; t <= 3; t++)
        cols[k++] = (struct xo_col){ codes_label(CL_HH_TYPE, t), XO_INT, 0 };
    for (int c = 1; c <= 12; c++)
        cols[k++] = (struct xo_col){ codes_label(CL_CAUSE, c), XO_INT, 0 };
    cols[k++] = (struct xo_col){ "有劳动能力人数", XO_INT, 0 };
    cols[k++] = (struct xo_col){ "在校生人数", XO_INT, 0 };
    cols[k++] = (struct xo_col){ "已脱贫户数", XO_INT, 0 };
    cols[k++] = (struct xo_col){ "已脱贫人数", XO_INT, 0 };
    cols[k++] = (struct xo_col){ "年人均纯收入(平均)", XO_MONEY, 0 };
    cols[k++] = (struct xo_col){ "帮扶资金", XO_MONEY, 0 };
}

static enum xo_err summary_row_out(struct xo_book *b, const struct summary_row *r)
{
    enum xo_err e = xo_row_begin(b);
#define PUT(expr) do { if (e == XO_OK) e = (expr); } while (0)
    if (r->level != SUM_VILLAGE)
        PUT(xo_row_bold(b));
    if (r->level == SUM_VILLAGE) {
        PUT(xo_put_text(b, r->township));
        PUT(xo_put_text(b, r->name));
    } else if (r->level == SUM_TOWNSHIP) {
        PUT(xo_put_text(b, r->name));
        PUT(xo_put_text(b, "小计"));
    } else {
        PUT(xo_put_text(b, "合计"));
        PUT(xo_put_text(b, ""));
    }
    PUT(xo_put_int(b, r->households));
    PUT(xo_put_int(b, r->people));
    for (int t = 1; t < SUM_TYPES; t++)
        PUT(xo_put_int(b, r->by_type[t]));
    for (int c = 1; c < SUM_CAUSES; c++)
        PUT(xo_put_int(b, r->by_cause[c]));
    PUT(xo_put_int(b, r->able));
    PUT(xo_put_int(b, r->students));
    PUT(xo_put_int(b, r->exited_hh));
    PUT(xo_put_int(b, r->exited_people));
    PUT(r->income_n ? xo_put_int(b, summary_avg_income(r)) : xo_put_blank(b));
    PUT(xo_put_int(b, r->aid_money));
    PUT(xo_row_end(b));
#undef PUT
    return e;
}

static const struct xo_col DATA_COLS[] = {
    { "类别", XO_TEXT, 0 }, { "项目", XO_TEXT, 0 }, { "户数", XO_INT, 0 }, { "人数", XO_INT, 0 },
};

/* One row of the 图表数据 sheet. */
static enum xo_err data_row(struct xo_book *b, const char *group, const char *item,
                            int64_t hh, int64_t people, int with_people)
{
    enum xo_err e = xo_row_begin(b);
    if (!e) e = xo_put_text(b, group);
    if (!e) e = xo_put_text(b, item);
    if (!e) e = xo_put_int(b, hh);
    if (!e) e = with_people ? xo_put_int(b, people) : xo_put_blank(b);
    if (!e) e = xo_row_end(b);
    return e;
}

/* 11 pt: the chart sheet is fitted to the page width, and LibreOffice draws
 * the charts wider than Excel, so 10 pt printed at 7.5 pt (print_exports.sh). */
static lxw_chart_font CHART_FONT = { .name = "宋体", .size = 11 };
static lxw_chart_font TITLE_FONT = { .name = "宋体", .size = 12, .bold = 1 };

/* One series: categories in column 1 and values in column `col` of rows
 * first..last of the data sheet. */
static lxw_chart_series *add_series(lxw_chart *c, const char *data, int first, int last, int col,
                                    const char *name)
{
    lxw_chart_series *s = chart_add_series(c, NULL, NULL);
    chart_series_set_categories(s, data, first, 1, last, 1);
    chart_series_set_values(s, data, first, col, last, col);
    chart_series_set_name(s, name);
    return s;
}

static lxw_chart *new_chart(lxw_workbook *wb, uint8_t type, const char *title)
{
    lxw_chart *ch = workbook_add_chart(wb, type);
    if (!ch)
        return NULL;
    chart_title_set_name(ch, title);
    chart_title_set_name_font(ch, &TITLE_FONT);
    chart_axis_set_num_font(ch->x_axis, &CHART_FONT);
    chart_axis_set_num_font(ch->y_axis, &CHART_FONT);
    chart_legend_set_font(ch, &CHART_FONT);
    return ch;
}

/* Rows (worksheet, 0-based) of the three blocks on 图表数据. */
struct chart_blocks {
    uint32_t cause_first, cause_last;
    uint32_t village_first, village_last;
    uint32_t year_first, year_last;
    int has_villages, has_years;
};

/* 统计图 prints on landscape A4, one chart per page with its title, axes and
 * labels: each page is CHART_PAGE_ROWS rows, the report's title on the first,
 * a manual page break before each, the chart CHART_W x CHART_H pixels as
 * libxlsxwriter counts them (64-pixel columns; 宋体 columns print wider, so
 * it comes out about 25 x 14 cm, the page inside its margins).  Villages beyond
 * VILLAGES_PER_CHART go on further pages, so names stay readable. */
#define CHART_PAGE_ROWS     29
#define CHART_W             760
#define CHART_H             520
#define VILLAGES_PER_CHART  15
#define MAX_CHART_PAGES     64

/* Puts chart c on page `page` of the 统计图 sheet (0 = the first). */
static enum xo_err place_chart(lxw_worksheet *ws, int page, lxw_chart *c)
{
    lxw_chart_options o = { .x_scale = CHART_W / 480.0, .y_scale = CHART_H / 288.0 };
    lxw_row_t row = (lxw_row_t)(page * CHART_PAGE_ROWS + 1);
    return worksheet_insert_chart_opt(ws, row, 0, c, &o) == LXW_NO_ERROR ? XO_OK : XO_ERR_WRITE;
}

/* The causes as bars, 因病 on top as in the code list: a bar chart draws its
 * first category at the bottom, so the category axis (y_axis of a bar chart
 * in libxlsxwriter) is reversed and the value axis crosses it at its far
 * end, which is then the bottom. */
static enum xo_err cause_chart(lxw_workbook *wb, lxw_worksheet *ws, const struct chart_blocks *k)
{
    lxw_chart *c = new_chart(wb, LXW_CHART_BAR, "贫困户按主要致贫原因分布（户）");
    if (!c)
        return XO_ERR_NOMEM;
    chart_series_set_labels(add_series(c, "图表数据", k->cause_first, k->cause_last, 2, "户数"));
    chart_legend_set_position(c, LXW_CHART_LEGEND_NONE);
    chart_axis_set_reverse(c->y_axis);
    chart_axis_set_crossing_max(c->y_axis);
    return place_chart(ws, 0, c);
}

/* The villages, VILLAGES_PER_CHART to a chart and a page, from page *page on. */
static enum xo_err village_charts(lxw_workbook *wb, lxw_worksheet *ws, const struct chart_blocks *k,
                                  int *page)
{
    uint32_t n = k->village_last - k->village_first + 1;
    uint32_t parts = (n + VILLAGES_PER_CHART - 1) / VILLAGES_PER_CHART;
    for (uint32_t i = 0; i < parts && *page < MAX_CHART_PAGES - 1; i++) {
        char title[96] = "各村贫困户户数和人数";
        if (parts > 1)
            snprintf(title, sizeof title, "各村贫困户户数和人数（%u/%u）", i + 1, parts);
        lxw_chart *c = new_chart(wb, LXW_CHART_COLUMN, title);
        if (!c)
            return XO_ERR_NOMEM;
        uint32_t first = k->village_first + i * VILLAGES_PER_CHART;
        uint32_t last = first + VILLAGES_PER_CHART - 1 < k->village_last ? first + VILLAGES_PER_CHART - 1
                                                                         : k->village_last;
        add_series(c, "图表数据", first, last, 2, "户数");
        add_series(c, "图表数据", first, last, 3, "人数");
        chart_legend_set_position(c, LXW_CHART_LEGEND_BOTTOM);
        enum xo_err e = place_chart(ws, (*page)++, c);
        if (e)
            return e;
    }
    return XO_OK;
}

static enum xo_err add_charts(struct xo_book *b, lxw_worksheet *ws, const struct chart_blocks *k,
                              const char *title)
{
    lxw_workbook *wb = xo_lxw_workbook(b);
    /* A chart is created only when it will be inserted: libxlsxwriter warns
     * on stderr about a chart left out of every sheet. */
    enum xo_err e = cause_chart(wb, ws, k);
    int page = 1;
    if (!e && k->has_villages)
        e = village_charts(wb, ws, k, &page);
    if (!e && k->has_years) {
        lxw_chart *c = new_chart(wb, LXW_CHART_COLUMN, "各年度已脱贫户数");
        if (!c)
            return XO_ERR_NOMEM;
        chart_series_set_labels(add_series(c, "图表数据", k->year_first, k->year_last, 2, "已脱贫户数"));
        chart_legend_set_position(c, LXW_CHART_LEGEND_NONE);
        e = place_chart(ws, page++, c);
    } else if (!e && worksheet_write_string(ws, (lxw_row_t)(page++ * CHART_PAGE_ROWS + 1), 0,
                                            "暂无已脱贫户，未绘制脱贫年度图。",
                                            xo_lxw_text_format(b)) != LXW_NO_ERROR) {
        e = XO_ERR_WRITE;
    }
    /* A break before each later page, and the title on its first row (not
     * a repeated print-title row: LibreOffice then prints every chart's text,
     * hidden, on every page). */
    lxw_row_t breaks[MAX_CHART_PAGES + 1] = { 0 };
    for (int p = 1; p < page; p++) {
        breaks[p - 1] = (lxw_row_t)(p * CHART_PAGE_ROWS);
        if (!e && worksheet_write_string(ws, breaks[p - 1], 0, title, xo_lxw_text_format(b)) != LXW_NO_ERROR)
            e = XO_ERR_WRITE;
    }
    if (!e && page > 1 && worksheet_set_h_pagebreaks(ws, breaks) != LXW_NO_ERROR)
        e = XO_ERR_WRITE;
    return e;
}

enum export_status export_summary(struct db *db, const struct export_opts *o, const char *path,
                                  int64_t *rows, char *err, size_t errsz)
{
    struct report_head h;
    enum export_status st = report_head(db, o, rows, &h, err, errsz);
    if (st)
        return st;
    const char *day = h.day, *name = h.name, *area = h.area;
    int year = h.year;
    char title[700];
    struct export_filter f = { area, o ? o->states : 0, year, o ? o->query_done : NULL,
                               o ? o->query_total : NULL };
    struct summary_row *r = NULL;
    size_t n = 0;
    if (db_summary(db, &f, day, &r, &n) != DB_OK)
        return set_err(err, errsz, EXPORT_ERR_DB, "%s", db_errmsg(db));
    struct exit_year_count years[64];
    size_t ny = 0;
    if (db_exits_by_year(db, &f, years, 64, &ny) != DB_OK) {
        return db_failed(db, r, err, errsz);
    }

    struct xo_col cols[N_SUM_COLS];
    summary_cols(cols);
    if (db_export_title(db, TITLE_SUMMARY, &f, title, sizeof title) != DB_OK) {
        return db_failed(db, r, err, errsz);
    }
    struct xo_sheet_spec spec = {
        .name = "村表", .title = title, .unit = name, .date = day, .units = "户、人、元",
        .cols = cols, .ncols = N_SUM_COLS,
    };
    /* Not streamed: a few hundred rows, and in memory mode libxlsxwriter
     * stores the charts' cached values, so viewers that do not recalculate
     * still draw them. */
    struct xo_book *b;
    enum xo_err xe = book_begin(path, 0, o, (int64_t)n, &spec, &b);
    if (!b) {
        free(r);
        return set_err(err, errsz, xo_status(xe), "%s", xo_last_error());
    }
    int64_t villages = 0;
    for (size_t i = 0; !xe && i < n; i++) {
        xe = summary_row_out(b, &r[i]);
        villages += r[i].level == SUM_VILLAGE;
    }
    char basis[400];
    snprintf(basis, sizeof basis, "统计口径：建档立卡贫困户（在册及已脱贫）；有劳动能力人数按劳动年龄设置"
             "并剔除丧失劳动力、无劳动力；年人均纯收入为各户%d年调查（尚未复查的取此前最近一次）的平均；"
             "帮扶资金为帮扶记录卡投入资金（更正记录以更正后为准）。", year);
    if (!xe)
        xe = xo_footer_line(b, basis);

    /* 统计图 (charts) before 图表数据 in the tab order: the pictures are
     * what a township pastes into its monthly report. */
    lxw_worksheet *charts = NULL;
    if (!xe)
        xe = xo_sheet_end(b);
    if (!xe) {
        charts = workbook_add_worksheet(xo_lxw_workbook(b), "统计图");
        if (!charts)
            xe = XO_ERR_NOMEM;
        else {
            worksheet_set_landscape(charts);
            worksheet_set_paper(charts, 9);
            /* No fit-to-page: Excel ignores manual page breaks under it.
             * Half-inch side margins leave CHART_W the room it needs. */
            worksheet_set_margins(charts, 0.5, 0.5, 0.6, 0.6);
            /* Rows and columns of stated size: LibreOffice otherwise lays
             * the sheet out with its own defaults, and the charts, placed by
             * cell, grow past the page. */
            worksheet_set_default_row(charts, 15, LXW_FALSE);
            worksheet_set_column(charts, 0, 15, 8.43, NULL);
            if (worksheet_set_footer(charts, "&C第 &P 页 共 &N 页") != LXW_NO_ERROR ||
                worksheet_write_string(charts, 0, 0, title, xo_lxw_text_format(b)) != LXW_NO_ERROR)
                xe = XO_ERR_WRITE;
        }
    }
    static const struct xo_sheet_spec data_spec0 = {
        .name = "图表数据", .units = "户、人", .cols = DATA_COLS, .ncols = 4,
    };
    struct xo_sheet_spec data_spec = data_spec0;
    char data_title[300];
    snprintf(data_title, sizeof data_title, "%s%d年扶贫对象统计图数据", name, year);
    data_spec.title = data_title;
    data_spec.unit = name;
    data_spec.date = day;
    struct chart_blocks k = { 0 };
    if (!xe)
        xe = xo_sheet_begin(b, &data_spec);
    const struct summary_row *tot = n ? &r[n - 1] : NULL;
    k.cause_first = xo_next_row(b);
    for (int c = 1; !xe && c < SUM_CAUSES; c++)
        xe = data_row(b, "主要致贫原因", codes_label(CL_CAUSE, c), tot ? tot->by_cause[c] : 0, 0, 0);
    k.cause_last = xo_next_row(b) - 1;
    k.village_first = xo_next_row(b);
    for (size_t i = 0; !xe && i < n; i++)
        if (r[i].level == SUM_VILLAGE) {
            xe = data_row(b, "村", r[i].name, r[i].households, r[i].people, 1);
            k.has_villages = 1;
        }
    k.village_last = xo_next_row(b) - 1;
    k.year_first = xo_next_row(b);
    for (size_t i = 0; !xe && i < ny; i++) {
        char y[16];
        snprintf(y, sizeof y, "%d年", years[i].year);
        xe = data_row(b, "已脱贫年度", y, years[i].households, 0, 0);
        k.has_years = 1;
    }
    k.year_last = xo_next_row(b) - 1;
    if (!xe)
        xe = add_charts(b, charts, &k, title);
    free(r);
    if (xe) {
        st = set_err(err, errsz, xo_status(xe), "%s", xo_errmsg(b));
        xo_abort(b);
        return st;
    }
    if ((xe = xo_close(b)))
        return set_err(err, errsz, xo_status(xe), "%s", xo_last_error());
    if (rows)
        *rows = villages;
    return EXPORT_OK;
}

void export_default_name(struct db *db, const char *dir, const char *what, const char *area,
                         char *out, size_t outsz)
{
    char name[200] = "", day[11];
    clock_today(day);
    db_export_area_title(db, area ? area : "", name, sizeof name);
    /* A name with '/' would point into another directory. */
    for (char *p = name; *p; p++)
        if (*p == '/' || *p == '\\')
            *p = '_';
    snprintf(out, outsz, "%s%s%s%s%s_%.4s%.2s%.2s.xlsx", dir && *dir ? dir : "",
             dir && *dir ? "/" : "", what, *name ? "_" : "", name, day, day + 5, day + 8);
}

/* ---- Esc in every phase ---------------------------------------------------- */

#define WATCH_EVERY_MS 100

/* What export_run watches: the caller's progress, the query's counters and
 * whether the clerk asked to stop. */
struct watch {
    xo_progress_fn fn;
    void *ctx;
    enum xo_phase phase;        /* XO_PHASE_QUERY until the writer reports */
    int64_t done, total;
    int cancelled;
    long long last_ms;
    unsigned slow_ms;           /* test hook FUPIN_TEST_QUERY_SLOW_MS */
};

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* SQLite's progress handler: the query's progress (or, once the writer has
 * reported, the writer's last figures again) every WATCH_EVERY_MS. */
static int watch_query(void *p)
{
    struct watch *w = p;
    if (w->slow_ms)
        usleep(w->slow_ms * 1000u);
    long long ms = now_ms();
    if (!w->cancelled && ms - w->last_ms >= WATCH_EVERY_MS) {
        w->last_ms = ms;
        if (w->fn(w->ctx, w->phase, w->done, w->total))
            w->cancelled = 1;
    }
    return w->cancelled;
}

/* The writer's progress, passed on; a cancel remembered. */
static int watch_writer(void *p, enum xo_phase phase, int64_t done, int64_t total)
{
    struct watch *w = p;
    w->phase = phase;
    w->done = done;
    w->total = total;
    if (w->cancelled || w->fn(w->ctx, phase, done, total))
        w->cancelled = 1;
    w->last_ms = now_ms();
    return w->cancelled;
}

enum export_status export_run(export_fn fn, struct db *db, const struct export_opts *o,
                              const char *path, int64_t *rows, char *err, size_t errsz)
{
    if (!o || !o->progress)
        return fn(db, o, path, rows, err, errsz);
    /* Test hook: each millisecond of query work takes this much longer, so
     * that a tmux test can press Esc while a small file's query runs
     * (tests/e2e/tui_export_cancel.sh). */
    const char *slow = getenv("FUPIN_TEST_QUERY_SLOW_MS");
    struct watch w = { o->progress, o->progress_ctx, XO_PHASE_QUERY, 0, 0, 0, 0,
                       slow ? (unsigned)strtoul(slow, NULL, 10) : 0 };
    struct export_opts wo = *o;
    wo.progress = watch_writer;
    wo.progress_ctx = &w;
    wo.query_done = &w.done;
    wo.query_total = &w.total;
    /* The bar from the first moment: 0 of what is not yet known. */
    if (o->progress(o->progress_ctx, XO_PHASE_QUERY, 0, 0))
        return set_err(err, errsz, EXPORT_CANCELLED, "用户取消导出 (cancelled by the user)");
    w.last_ms = now_ms();
    db_set_interrupt(db, watch_query, &w);
    enum export_status st = fn(db, &wo, path, rows, err, errsz);
    db_set_interrupt(db, NULL, NULL);
    if (w.cancelled) {
        /* The writers remove their partial file on every error: a query
         * interrupted before the writer opened left none. */
        if (rows)
            *rows = 0;
        return set_err(err, errsz, EXPORT_CANCELLED, "用户取消导出 (cancelled by the user)");
    }
    return st;
}

/* ---- 回头看 (households without this year's survey) ----------------------- */

static const struct xo_col RESURVEY_COLS[] = {
    { "序号", XO_INT, 0 },
    { "乡镇", XO_TEXT, 0 },
    { "村", XO_TEXT, 0 },
    { "村民小组", XO_TEXT, 0 },
    { "户编号", XO_DIGITS, 0 },
    { "户主姓名", XO_TEXT, 0 },
    { "家庭人口", XO_INT, 0 },
    { "状态", XO_TEXT, 0 },
    { "最近调查年度", XO_INT, 0 },
    { "最近年人均纯收入", XO_MONEY, 0 },
};
#define N_RESURVEY_COLS (sizeof RESURVEY_COLS / sizeof *RESURVEY_COLS)

static enum xo_err resurvey_row_out(struct xo_book *b, int no, const struct resurvey_row *r)
{
    enum xo_err e = xo_row_begin(b);
#define PUT(expr) do { if (e == XO_OK) e = (expr); } while (0)
    PUT(xo_put_int(b, no));
    PUT(xo_put_text(b, r->township));
    PUT(xo_put_text(b, r->village));
    PUT(xo_put_text(b, r->group_name));
    PUT(xo_put_text(b, r->hh_no));
    PUT(xo_put_text(b, r->head_name));
    PUT(xo_put_int(b, r->n_members));
    PUT(xo_put_text(b, wf_roster_status((enum wf_state)r->state)));
    PUT(r->last_year ? xo_put_int(b, r->last_year) : xo_put_text(b, "无"));
    PUT(r->last_year ? xo_put_int(b, r->last_per_capita) : xo_put_blank(b));
    PUT(xo_row_end(b));
    return e;
}

/* A village's closing row: "小计 N 户" and its people. */
static enum xo_err resurvey_subtotal(struct xo_book *b, const struct resurvey_row *r,
                                     int households, int people)
{
    char text[32];
    snprintf(text, sizeof text, "小计 %d 户", households);
    enum xo_err e = xo_row_begin(b);
    PUT(xo_row_bold(b));
    PUT(xo_put_blank(b));
    PUT(xo_put_text(b, r->township));
    PUT(xo_put_text(b, r->village));
    PUT(xo_put_blank(b));
    PUT(xo_put_blank(b));
    PUT(xo_put_text(b, text));
    PUT(xo_put_int(b, people));
    PUT(xo_row_end(b));
#undef PUT
    return e;
}

static enum xo_err resurvey_rows(struct xo_book *b, const struct resurvey_row *r, size_t n)
{
    enum xo_err e = XO_OK;
    int in_village = 0, people = 0;
    for (size_t i = 0; i < n && !e; i++) {
        e = resurvey_row_out(b, (int)i + 1, &r[i]);
        in_village++;
        people += r[i].n_members;
        if (!e && (i + 1 == n || strcmp(r[i + 1].village_code, r[i].village_code))) {
            e = resurvey_subtotal(b, &r[i], in_village, people);
            in_village = people = 0;
        }
    }
    return e;
}

enum export_status export_resurvey(struct db *db, const struct export_opts *o, const char *path,
                                   int64_t *rows, char *err, size_t errsz)
{
    struct report_head h;
    enum export_status st = report_head(db, o, rows, &h, err, errsz);
    if (st)
        return st;
    const char *day = h.day, *name = h.name, *area = h.area;
    int year = h.year;
    char title[700], foot[300];
    struct export_filter f = { area, 0, year, o ? o->query_done : NULL, o ? o->query_total : NULL };
    struct resurvey_row *r = NULL;
    size_t n = 0;
    if (db_resurvey_list(db, &f, &r, &n) != DB_OK) {
        return db_failed(db, r, err, errsz);
    }
    if (db_export_title(db, TITLE_RESURVEY, &f, title, sizeof title) != DB_OK) {
        return db_failed(db, r, err, errsz);
    }
    struct xo_sheet_spec spec = {
        .name = "回头看", .title = title, .unit = name, .date = day, .units = "元、人",
        .cols = RESURVEY_COLS, .ncols = N_RESURVEY_COLS,
    };
    struct xo_book *b;
    enum xo_err xe = book_begin(path, 0, o, (int64_t)n, &spec, &b);
    if (!b) {
        free(r);
        return set_err(err, errsz, xo_status(xe), "%s", xo_last_error());
    }
    if (!xe)
        xe = resurvey_rows(b, r, n);
    snprintf(foot, sizeof foot, "共 %zu 户在册或已脱贫户尚无%d年入户调查 (回头看)；"
             "最近调查年度、最近年人均纯收入为此前最近一次调查。", n, year);
    if (!xe)
        xe = xo_footer_line(b, foot);
    free(r);
    if (xe) {
        set_err(err, errsz, xo_status(xe), "%s", xo_errmsg(b));
        xo_abort(b);
        return xo_status(xe);
    }
    if ((xe = xo_close(b)))
        return set_err(err, errsz, xo_status(xe), "%s", xo_last_error());
    if (rows)
        *rows = (int64_t)n;
    return EXPORT_OK;
}
