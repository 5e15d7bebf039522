/* card_export.c — the household card 户有卡 (see card_export.h).
 *
 * The card is a form, not a table: a grid of NCOLS columns sized for A4
 * portrait, filled through xlsxout's free-form sheet with merged label/value
 * blocks and small tables whose columns span several grid columns. */
#include "db/card_export.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include "core/clock.h"
#include "core/codes.h"
#include "core/income.h"
#include "core/syserr.h"
#include "core/text.h"
#include "core/workflow.h"
#include "core/xlsxout.h"
#include "db/assist.h"
#include "db/export_queries.h"
#include "db/export_reports.h"
#include "db/household_store.h"
#include "db/plans.h"
#include "db/loans.h"
#include "db/training.h"
#include "db/dividends.h"
#include "db/relocation.h"
#include "db/registers.h"
#include "db/projects.h"
#include "db/settings.h"
#include "db/workflow_store.h"
#include "forms/derived.h"
#include "forms/form.h"

/* The grid: widths in Excel characters, 84 in all, which A4 portrait prints
 * one page wide at a small reduction (body text about 9 pt).  E holds an
 * 18-digit ID number, F–I amounts up to 99,999.99: numbers do not wrap. */
#define NCOLS 9
static const double COL_WIDTH[NCOLS] = { 4, 8, 4, 9, 19, 10, 10, 10, 10 };
#define LINE_PT 14.5            /* one line of 宋体 11 pt */

/* Grid columns lo..hi taken by one block. */
struct span { lxw_col_t lo, hi; };
#define ALL ((struct span){ 0, NCOLS - 1 })

/* Two label/value pairs a row; a wide pair's value takes the rest of the row. */
static const struct span PAIR_LABEL[2] = { { 0, 2 }, { 5, 6 } };
static const struct span PAIR_VALUE[2] = { { 3, 4 }, { 7, 8 } };
static const struct span WIDE_VALUE = { 3, 8 };

struct card_fmt {
    lxw_format *title, *info, *info_right, *section, *label, *value, *money, *head, *cell, *sign;
};

/* One card being written.  The first libxlsxwriter error stops the writing
 * and is reported at the end. */
struct card {
    struct db *db;
    lxw_worksheet *ws;
    const struct card_fmt *f;
    uint32_t row;
    int half;                   /* the next pair goes right (1) or starts a row (0) */
    int wrap;                   /* lines the current row's longest text wraps to */
    double height;              /* the current row's height when set, in points */
    lxw_error err;
    int year;                   /* the card's year */
    const struct line *lines;
    size_t n_lines;
};

/* ---- formats ------------------------------------------------------------- */

static lxw_format *fmt(struct xo_book *b, int border, int bold, uint8_t align)
{
    lxw_format *f = xo_lxw_format(b);
    if (!f)
        return NULL;
    if (border)
        format_set_border(f, LXW_BORDER_THIN);
    if (bold)
        format_set_bold(f);
    format_set_align(f, align);
    format_set_text_wrap(f);
    format_set_num_format(f, "@");
    return f;
}

static int make_formats(struct xo_book *b, struct card_fmt *f)
{
    f->title = fmt(b, 0, 1, LXW_ALIGN_CENTER);
    f->info = fmt(b, 0, 0, LXW_ALIGN_LEFT);
    f->info_right = fmt(b, 0, 0, LXW_ALIGN_RIGHT);
    f->section = fmt(b, 0, 1, LXW_ALIGN_LEFT);
    f->label = fmt(b, 1, 0, LXW_ALIGN_CENTER);
    f->value = fmt(b, 1, 0, LXW_ALIGN_LEFT);
    f->money = fmt(b, 1, 0, LXW_ALIGN_RIGHT);
    f->head = fmt(b, 1, 1, LXW_ALIGN_CENTER);
    f->cell = fmt(b, 1, 0, LXW_ALIGN_LEFT);
    f->sign = fmt(b, 0, 0, LXW_ALIGN_LEFT);
    if (!f->title || !f->info || !f->info_right || !f->section || !f->label || !f->value ||
        !f->money || !f->head || !f->cell || !f->sign)
        return 0;
    format_set_font_size(f->title, 16);
    format_set_font_size(f->section, 12);
    format_set_num_format(f->money, "#,##0.00");
    format_set_align(f->sign, LXW_ALIGN_VERTICAL_TOP);
    return 1;
}

/* ---- writing cells ------------------------------------------------------- */

/* Lines `text` wraps to in span s.  Neither Excel nor LibreOffice sizes a
 * row to a merged cell's text, so the card sets each row's height itself. */
static int wrapped_lines(struct span s, const char *text)
{
    double room = -1;                   /* the cell's padding */
    for (lxw_col_t i = s.lo; i <= s.hi; i++)
        room += COL_WIDTH[i] + (i > s.lo ? 0.7 : 0);
    double w = text_width_cjk(text) * 1.05;     /* breaks fall a little short of the edge */
    int lines = 1;
    while (w > room * lines)
        lines++;
    return lines;
}

static void put(struct card *c, struct span s, const char *text, lxw_format *f)
{
    if (c->err)
        return;
    text = text ? text : "";
    int lines = wrapped_lines(s, text);
    if (lines > c->wrap)
        c->wrap = lines;
    c->err = s.lo == s.hi ? worksheet_write_string(c->ws, c->row, s.lo, text, f)
                          : worksheet_merge_range(c->ws, c->row, s.lo, c->row, s.hi, text, f);
}

static void put_money(struct card *c, struct span s, money_t fen)
{
    put(c, s, "", c->f->money);
    if (!c->err)
        c->err = worksheet_write_number(c->ws, c->row, s.lo, (double)fen / 100.0, c->f->money);
}

static void row_height(struct card *c, double points)
{
    c->height = points;
}

/* Ends the current row: its height from the explicit one or the wrapping. */
static void next_row(struct card *c)
{
    double h = c->wrap > 1 ? c->wrap * LINE_PT + 2 : 0;
    if (c->height > h)
        h = c->height;
    if (h > 0 && !c->err)
        c->err = worksheet_set_row(c->ws, c->row, h, NULL);
    c->row++;
    c->wrap = 0;
    c->height = 0;
}

static void section(struct card *c, const char *title)
{
    if (c->half)
        next_row(c);
    c->half = 0;
    row_height(c, 22);
    put(c, ALL, title, c->f->section);
    next_row(c);
}

/* A label/value pair; value NULL = a money value in fen (blank when !has). */
static void pair_any(struct card *c, const char *label, const char *value, money_t fen, int has)
{
    put(c, PAIR_LABEL[c->half], label, c->f->label);
    if (value || !has)
        put(c, PAIR_VALUE[c->half], value ? value : "", c->f->value);
    else
        put_money(c, PAIR_VALUE[c->half], fen);
    if (c->half)
        next_row(c);
    c->half = !c->half;
}

static void pair(struct card *c, const char *label, const char *value)
{
    pair_any(c, label, value, 0, 1);
}

/* Closes a half-filled pair row with empty bordered cells. */
static void pair_end(struct card *c)
{
    if (c->half)
        pair(c, "", "");
}

/* A pair over the whole row: the label, then the value across the rest. */
static void pair_wide(struct card *c, const char *label, const char *value)
{
    pair_end(c);
    put(c, PAIR_LABEL[0], label, c->f->label);
    put(c, WIDE_VALUE, value, c->f->value);
    next_row(c);
}

/* A field of the form declarations: its label and, when `has`, its value. */
static void pair_field(struct card *c, enum ftable table, const char *key, const void *record, int has)
{
    const struct field *f = form_field(table, key);
    char value[512] = "";
    if (!f)
        return;
    if (has)
        field_format(f, record, value, sizeof value);
    pair(c, f->label, value);
}

/* A table's column: its grid span, header, and whether it holds money. */
struct tcol { struct span s; const char *title; int money; };
struct tcell { const char *text; money_t fen; };

static void table_head(struct card *c, const struct tcol *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put(c, t[i].s, t[i].title, c->f->head);
    next_row(c);
}

static void table_row(struct card *c, const struct tcol *t, size_t n, const struct tcell *v)
{
    for (size_t i = 0; i < n; i++) {
        if (t[i].money && !v[i].text)
            put_money(c, t[i].s, v[i].fen);
        else
            put(c, t[i].s, v[i].text, t[i].money ? c->f->money : c->f->cell);
    }
    next_row(c);
}

/* A line across the table's width: "尚无…", "另有 N 条…". */
static void table_note(struct card *c, const char *text)
{
    put(c, ALL, text, c->f->cell);
    next_row(c);
}

#define COUNT(a) (sizeof a / sizeof *a)

/* ---- the card's parts ---------------------------------------------------- */

static void head(struct card *c, const struct household *hh, const char *place)
{
    char s[400];
    row_height(c, 32);
    snprintf(s, sizeof s, "%s扶贫对象户有卡（%d年）", place, c->year);
    put(c, ALL, s, c->f->title);
    next_row(c);
    char day[11];
    clock_today(day);
    snprintf(s, sizeof s, "户编号：%s    户主：%s", hh->hh_no[0] ? hh->hh_no : "（未建档）",
             hh->members[0].name);
    put(c, (struct span){ 0, 5 }, s, c->f->info);
    snprintf(s, sizeof s, "填报日期：%s", day);
    put(c, (struct span){ 6, 8 }, s, c->f->info_right);
    next_row(c);
}

static void basic(struct card *c, const struct household *hh, const char *place)
{
    const int surveyed = hh->survey.year > 0;
    char n[16];
    section(c, "一、家庭基本情况");
    pair(c, "户编号", hh->hh_no);
    pair(c, "状态", wf_state_label(hh->state));
    pair_field(c, T_HEAD, "head_name", hh, 1);
    pair_field(c, T_HEAD, "head_id_no", hh, 1);
    pair(c, form_field(T_HOUSEHOLD, "village")->label, place);
    pair_field(c, T_HOUSEHOLD, "group_name", hh, 1);
    pair_field(c, T_HOUSEHOLD, "phone", hh, 1);
    snprintf(n, sizeof n, "%d", hh->n_members);
    pair(c, form_field(T_DERIVED, "family_size")->label, n);
    pair_field(c, T_SURVEY, "standard", hh, surveyed);
    pair_field(c, T_SURVEY, "hh_type", hh, surveyed);
    /* The causes: the survey's, or before any survey the application's. */
    enum ftable causes = surveyed ? T_SURVEY : T_APPLICATION;
    pair_field(c, causes, "main_cause", hh, 1);
    pair_field(c, causes, "other_cause1", hh, 1);
    if (surveyed ? hh->survey.other_cause2 : hh->app.other_cause2)
        pair_field(c, causes, "other_cause2", hh, 1);
    pair_field(c, T_SURVEY, "bank", hh, surveyed);
    pair_field(c, T_SURVEY, "bank_account", hh, surveyed);
    pair_end(c);
}

static const char *const MEMBER_KEYS[] = {
    "name", "sex", "relation", "id_no", "education", "health", "skill", "work",
};

static void members(struct card *c, const struct household *hh)
{
    char title[80];
    snprintf(title, sizeof title, "二、家庭成员（%d人）", hh->n_members);
    section(c, title);
    struct tcol t[1 + COUNT(MEMBER_KEYS)];
    t[0] = (struct tcol){ { 0, 0 }, "序号", 0 };
    for (size_t i = 0; i < COUNT(MEMBER_KEYS); i++)
        t[i + 1] = (struct tcol){ { (lxw_col_t)(i + 1), (lxw_col_t)(i + 1) },
                                  form_field(T_MEMBER, MEMBER_KEYS[i])->label, 0 };
    table_head(c, t, COUNT(t));
    for (int m = 0; m < hh->n_members; m++) {
        char text[COUNT(t)][128];
        struct tcell v[COUNT(t)];
        snprintf(text[0], sizeof text[0], "%d", m + 1);
        for (size_t i = 0; i < COUNT(MEMBER_KEYS); i++)
            field_format(form_field(T_MEMBER, MEMBER_KEYS[i]), &hh->members[m], text[i + 1],
                         sizeof text[i + 1]);
        for (size_t i = 0; i < COUNT(t); i++)
            v[i] = (struct tcell){ text[i], 0 };
        table_row(c, t, COUNT(t), v);
    }
}

/* Income parts as declared on the survey's income page, in its order. */
static const struct { enum ftable table; const char *key; } INCOME_PARTS[] = {
    { T_SURVEY, "wage_income" }, { T_SURVEY, "business_income" }, { T_SURVEY, "property_income" },
    { T_DERIVED, "transfer_income" }, { T_SURVEY, "business_cost" }, { T_DERIVED, "net_income" },
};

static money_t income_part(const struct household *hh, const struct field *f)
{
    if (f->table == T_SURVEY)
        return *(const money_t *)field_cptr(f, hh);
    return !strcmp(f->key, "transfer_income") ? income_transfer(&hh->survey) : income_net(&hh->survey);
}

static void income(struct card *c, const struct household *hh)
{
    const struct survey *sv = &hh->survey;
    const int surveyed = sv->year > 0;
    char title[120], text[300];
    if (!surveyed)
        snprintf(title, sizeof title, "三、%d年收入情况（单位：元；未调查）", c->year);
    else if (sv->year != c->year)
        snprintf(title, sizeof title, "三、%d年收入情况（单位：元；沿用%d年入户调查）", c->year, sv->year);
    else
        snprintf(title, sizeof title, "三、%d年收入情况（单位：元；%d年入户调查）", c->year, sv->year);
    section(c, title);
    for (size_t i = 0; i < COUNT(INCOME_PARTS); i++) {
        const struct field *f = form_field(INCOME_PARTS[i].table, INCOME_PARTS[i].key);
        pair_any(c, f->label, NULL, surveyed ? income_part(hh, f) : 0, surveyed);
    }
    const struct field *pc = form_field(T_DERIVED, "per_capita");
    struct form_ctx ctx = { .lines = c->lines, .n_lines = c->n_lines };
    if (surveyed)
        pc->derive(hh, &ctx, text, sizeof text);
    pair_wide(c, pc->label, surveyed ? text : "未调查");
    /* The line the per-capita income is measured against: the survey's year
     * and standard, or before any survey the card's year, 国家标准. */
    int year = surveyed ? sv->year : c->year, standard = surveyed && sv->standard ? sv->standard : 1;
    char label[120];
    snprintf(label, sizeof label, "%d年贫困线（%s）", year, codes_label(CL_STANDARD, standard));
    lines_describe(c->lines, c->n_lines, year, standard, LINE_POVERTY, text, sizeof text);
    pair_wide(c, label, text);
}

static void helper(struct card *c, int64_t household_id)
{
    struct helper h;
    section(c, "四、帮扶责任人");
    if (db_helper_of(c->db, household_id, &h) != DB_OK) {
        pair_wide(c, "帮扶责任人", "未指定");
        return;
    }
    pair(c, "帮扶责任人", h.name);
    pair(c, "帮扶单位", h.unit);
    pair(c, "职务", h.title);
    pair(c, "联系电话", h.phone);
    pair_end(c);
}

/* The year's 帮扶规划 (一户一法) under the helper, each measure with its
 * progress from the card (db/plans.h): the words of the 帮扶规划表. */
static const struct tcol PLAN_COLS[] = {
    { { 0, 2 }, "规划措施", 0 }, { { 3, 4 }, "帮扶目标（完成期限）", 0 }, { { 5, 5 }, "目标金额", 1 },
    { { 6, 6 }, "责任人", 0 }, { { 7, 7 }, "已投入", 1 }, { { 8, 8 }, "完成情况", 0 },
};

static enum db_err plan_table(struct card *c, int64_t household_id)
{
    struct plan *p = malloc(sizeof *p);
    if (!p)
        return db_set_error(c->db, DB_ERR_IO, "内存不足 (out of memory)");
    char line[900];
    enum db_err err = db_plan_get(c->db, household_id, c->year, p);
    if (err == DB_ERR_NOTFOUND) {
        snprintf(line, sizeof line, "%d年帮扶规划（一户一法）：尚未制定", c->year);
        table_note(c, line);
        free(p);
        return DB_OK;
    }
    if (err == DB_OK) {
        snprintf(line, sizeof line, "%d年帮扶规划（一户一法）", c->year);
        table_note(c, line);
        table_head(c, PLAN_COLS, COUNT(PLAN_COLS));
    }
    for (size_t i = 0; err == DB_OK && i < p->n; i++) {
        const struct plan_item *it = &p->items[i];
        char target[400], status[48];
        snprintf(target, sizeof target, "%s%s%s%s", it->target, it->deadline[0] ? "（" : "",
                 it->deadline, it->deadline[0] ? "前）" : "");
        snprintf(status, sizeof status, "%s（%d条）",
                 plan_status_label(plan_item_status(it->amount, it->entries, it->done_amount)), it->entries);
        struct tcell v[COUNT(PLAN_COLS)] = {
            { codes_label(CL_MEASURE, it->measure), 0 }, { target, 0 },
            { it->amount ? NULL : "", it->amount }, { it->helper_name, 0 }, { NULL, it->done_amount },
            { status, 0 },
        };
        table_row(c, PLAN_COLS, COUNT(PLAN_COLS), v);
    }
    if (err == DB_OK && p->notes[0]) {
        snprintf(line, sizeof line, "规划说明：%s", p->notes);
        table_note(c, line);
    }
    free(p);
    return err;
}

/* The aid table: 日期, 措施类别, 帮扶内容, 投入资金, 物资折款, 帮扶成效, 帮扶人
 * (the words of the 帮扶台账). */
static const struct tcol AID_COLS[] = {
    { { 0, 1 }, "日期", 0 }, { { 2, 3 }, "措施类别", 0 }, { { 4, 4 }, "帮扶内容", 0 },
    { { 5, 5 }, "投入资金", 1 }, { { 6, 6 }, "物资折款", 1 }, { { 7, 7 }, "帮扶成效", 0 },
    { { 8, 8 }, "帮扶人", 0 },
};
#define AID_BUF 400

/* One aid line; a correction and what it corrects are both shown, marked. */
static void aid_line(struct card *c, const struct aid_row *a, const struct aid_row *all, size_t n)
{
    char content[700], fixes[40] = "";
    for (size_t i = 0; a->r.corrects_id && i < n; i++)
        if (all[i].r.id == a->r.corrects_id)
            snprintf(fixes, sizeof fixes, "（更正%s的记录）", all[i].r.date);
    snprintf(content, sizeof content, "%s%s%s", a->r.content, fixes, a->corrected_by ? "（已更正）" : "");
    struct tcell v[COUNT(AID_COLS)] = {
        { a->r.date, 0 }, { codes_label(CL_MEASURE, a->r.measure), 0 }, { content, 0 },
        { NULL, a->r.money }, { NULL, a->r.goods_value }, { a->r.outcome, 0 }, { a->helper_name, 0 },
    };
    table_row(c, AID_COLS, COUNT(AID_COLS), v);
}

/* The year's entries, the latest CARD_MAX_AID, and a 合计 row in which an
 * entry later corrected counts no more (its correction counts instead). */
static enum db_err aid(struct card *c, int64_t household_id)
{
    char title[80];
    snprintf(title, sizeof title, "五、%d年帮扶措施（单位：元）", c->year);
    section(c, title);
    struct aid_row *rows = malloc(AID_BUF * sizeof *rows);
    if (!rows)
        return db_set_error(c->db, DB_ERR_IO, "内存不足 (out of memory)");
    size_t n = 0, first = 0, in_year = 0;
    enum db_err err = db_aid_list(c->db, household_id, rows, AID_BUF, &n);
    if (err != DB_OK) {
        free(rows);
        return err;
    }
    /* Keep the year's entries (ordered by date) at the front. */
    for (size_t i = 0; i < n; i++)
        if (atoi(rows[i].r.date) == c->year)
            rows[in_year++] = rows[i];
    if (in_year == 0) {
        table_note(c, "本年度尚无帮扶记录");
        free(rows);
        return DB_OK;
    }
    table_head(c, AID_COLS, COUNT(AID_COLS));
    if (in_year > CARD_MAX_AID)
        first = in_year - CARD_MAX_AID;
    money_t money = 0, goods = 0;
    for (size_t i = 0; i < in_year; i++) {
        if (i >= first)
            aid_line(c, &rows[i], rows, in_year);
        if (!rows[i].corrected_by) {
            money += rows[i].r.money;
            goods += rows[i].r.goods_value;
        }
    }
    struct tcell total[COUNT(AID_COLS)] = { { "合计", 0 }, { "", 0 }, { "", 0 }, { NULL, money },
                                            { NULL, goods }, { "", 0 }, { "", 0 } };
    table_row(c, AID_COLS, COUNT(AID_COLS), total);
    if (first) {
        char note[160];
        snprintf(note, sizeof note, "本年另有较早的 %zu 条帮扶记录未列出（已计入合计），见帮扶台账", first);
        table_note(c, note);
    }
    free(rows);
    return DB_OK;
}

/* The projects table (the words of the 项目台账). */
static const struct tcol PROJECT_COLS[] = {
    { { 0, 0 }, "年度", 0 }, { { 1, 2 }, "项目类型", 0 }, { { 3, 4 }, "项目内容", 0 },
    { { 5, 5 }, "合作方", 0 }, { { 6, 6 }, "申请额", 1 }, { { 7, 7 }, "已拨付", 1 },
    { { 8, 8 }, "项目阶段", 0 },
};
#define PROJECT_BUF 100

static enum db_err projects(struct card *c, int64_t household_id)
{
    section(c, "六、扶持项目（单位：元）");
    struct project *p = malloc(PROJECT_BUF * sizeof *p);
    if (!p)
        return db_set_error(c->db, DB_ERR_IO, "内存不足 (out of memory)");
    size_t n = 0;
    enum db_err err = db_projects(c->db, household_id, NULL, 0, p, PROJECT_BUF, &n);
    if (err == DB_OK && n == 0)
        table_note(c, "尚无扶持项目");
    else if (err == DB_OK)
        table_head(c, PROJECT_COLS, COUNT(PROJECT_COLS));
    size_t first = n > CARD_MAX_PROJECTS ? n - CARD_MAX_PROJECTS : 0;
    for (size_t i = first; err == DB_OK && i < n; i++) {
        char year[8];
        snprintf(year, sizeof year, "%d", p[i].year);
        struct tcell v[COUNT(PROJECT_COLS)] = {
            { year, 0 }, { codes_label(CL_PROJECT, p[i].kind), 0 }, { p[i].content, 0 },
            { p[i].partner_name, 0 }, { NULL, p[i].amount }, { NULL, p[i].paid },
            { project_stage_label(project_stage(&p[i])), 0 },
        };
        table_row(c, PROJECT_COLS, COUNT(PROJECT_COLS), v);
    }
    if (err == DB_OK && first) {
        char note[120];
        snprintf(note, sizeof note, "另有较早的 %zu 个项目未列出，见项目台账", first);
        table_note(c, note);
    }
    free(p);
    return err;
}

/* The measure registers (issue 16 part 2): the household's loans, the
 * words of the 小额信贷台账. */
static const struct tcol LOAN_COLS[] = {
    { { 0, 1 }, "借款人", 0 }, { { 2, 3 }, "放贷银行", 0 }, { { 4, 4 }, "贷款金额", 1 },
    { { 5, 5 }, "放款日期", 0 }, { { 6, 6 }, "到期日期", 0 }, { { 7, 7 }, "累计还款", 1 },
    { { 8, 8 }, "状态", 0 },
};

struct card_loans {
    struct card *c;
    int n;
};

static int loan_line(void *ud, const void *rec, const struct loan_info *info)
{
    (void)info;
    const struct loan *l = rec;
    struct card_loans *cl = ud;
    struct check_ctx cc;
    checks_ctx_init(&cc);
    struct loan_facts lf;
    loan_facts_of(l, 0, NULL, &lf);
    char state[64], bal[32];
    money_format(loan_balance(&lf), bal, sizeof bal);
    if (loan_balance(&lf) == 0)
        snprintf(state, sizeof state, "已结清");
    else
        snprintf(state, sizeof state, "%s余%s", loan_overdue(&lf, cc.today) ? "逾期 " : "", bal);
    if (cl->n++ == 0) {
        table_note(cl->c, "扶贫小额信贷");
        table_head(cl->c, LOAN_COLS, COUNT(LOAN_COLS));
    }
    struct tcell v[COUNT(LOAN_COLS)] = {
        { l->borrower_name, 0 }, { l->bank, 0 }, { NULL, l->amount }, { l->start, 0 }, { l->due, 0 },
        { NULL, l->repaid }, { state, 0 },
    };
    table_row(cl->c, LOAN_COLS, COUNT(LOAN_COLS), v);
    return 0;
}

static const struct tcol TRAINING_COLS[] = {
    { { 0, 1 }, "成员", 0 }, { { 2, 3 }, "类别", 0 }, { { 4, 5 }, "培训课程/工作岗位", 0 },
    { { 6, 6 }, "开始日期", 0 }, { { 7, 7 }, "结束日期", 0 }, { { 8, 8 }, "收入", 1 },
};

static int training_line(void *ud, const void *rec, const struct loan_info *info)
{
    (void)info;
    const struct training *t = rec;
    struct card_loans *cl = ud;
    if (cl->n++ == 0) {
        table_note(cl->c, "就业/培训");
        table_head(cl->c, TRAINING_COLS, COUNT(TRAINING_COLS));
    }
    struct tcell v[COUNT(TRAINING_COLS)] = {
        { t->member_name, 0 }, { codes_label(CL_JOB_KIND, t->kind), 0 }, { t->content, 0 },
        { t->start, 0 }, { t->finish[0] ? t->finish : "进行中", 0 }, { NULL, t->income },
    };
    table_row(cl->c, TRAINING_COLS, COUNT(TRAINING_COLS), v);
    return 0;
}

/* The 资产收益 and 易地搬迁 lines, declared: the card's spans and titles,
 * and the register's values (db/registers.h) in the same order. */
struct card_reg {
    const char *note;
    const struct tcol *head;
    const struct reg_col *vals;
    size_t n;
    register_each_fn each;
};

#define CV(kind, type, member) { "", kind, 0, RV_AT(kind == XO_TEXT ? RV_TEXT : RV_I64, type, member), 0, NULL }
static const struct tcol SHARE_COLS[] = {
    { { 0, 2 }, "项目名称", 0 }, { { 3, 3 }, "入股年份", 0 }, { { 4, 5 }, "入股/配股金额", 1 },
    { { 6, 6 }, "股数", 0 }, { { 7, 7 }, "累计分红", 1 }, { { 8, 8 }, "最近分红年度", 0 },
};
static const struct reg_col SHARE_VALS[] = {
    CV(XO_TEXT, struct asset_share, project),
    { "", XO_INT, 0, RV_AT(RV_INT, struct asset_share, start_year), 0, NULL },
    CV(XO_MONEY, struct asset_share, amount),
    { "", XO_INT, 0, RV_AT(RV_INT, struct asset_share, shares), 0, NULL },
    CV(XO_MONEY, struct asset_share, paid),
    { "", XO_INT, 0, { RV_FN, 0, CL_NONE, NULL, share_cell_last_year }, 0, NULL },
};
static const struct tcol RELOC_COLS[] = {
    { { 0, 1 }, "安置点", 0 }, { { 2, 2 }, "入住日期", 0 }, { { 3, 4 }, "安置方式", 0 },
    { { 5, 5 }, "人数", 0 }, { { 6, 6 }, "面积(㎡)", 0 }, { { 7, 8 }, "建房补助", 1 },
};
static const struct reg_col RELOC_VALS[] = {
    CV(XO_TEXT, struct relocation, site), CV(XO_TEXT, struct relocation, moved_on),
    { "", XO_TEXT, 0, { RV_CODE, offsetof(struct relocation, mode), CL_RELOC_MODE, NULL, NULL }, 0, NULL },
    { "", XO_INT, 0, RV_AT(RV_INT, struct relocation, people), 0, NULL },
    { "", XO_NUMBER, 0, RV_AT(RV_I64, struct relocation, area), 0, NULL },
    CV(XO_MONEY, struct relocation, subsidy),
};
static const struct card_reg CARD_REGS[] = {
    { "资产收益扶贫", SHARE_COLS, SHARE_VALS, COUNT(SHARE_VALS), db_shares_each },
    { "易地扶贫搬迁", RELOC_COLS, RELOC_VALS, COUNT(RELOC_VALS), db_relocations_each },
};

struct card_reg_run {
    struct card *c;
    const struct card_reg *r;
    struct check_ctx cc;
    int n;
};

static int reg_line(void *ud, const void *rec, const struct loan_info *info)
{
    struct card_reg_run *run = ud;
    const struct card_reg *r = run->r;
    struct reg_cell cells[8];
    struct tcell v[8];
    if (run->n++ == 0) {
        table_note(run->c, r->note);
        table_head(run->c, r->head, r->n);
    }
    for (size_t i = 0; i < r->n && i < 8; i++) {
        v[i].text = reg_cell_text(&r->vals[i], rec, info, &run->cc, &cells[i]);
        v[i].fen = cells[i].num;
        if (r->head[i].money && cells[i].kind == RC_NUM)
            v[i].text = NULL;
    }
    table_row(run->c, r->head, r->n, v);
    return 0;
}

static enum db_err registers(struct card *c, int64_t household_id)
{
    section(c, "七、帮扶措施登记（单位：元）");
    struct card_loans cl = { c, 0 }, ct = { c, 0 };
    enum db_err err = db_loans_each(c->db, household_id, NULL, loan_line, &cl);
    if (err == DB_OK)
        err = db_trainings_each(c->db, household_id, NULL, training_line, &ct);
    int n = cl.n + ct.n;
    for (size_t i = 0; err == DB_OK && i < COUNT(CARD_REGS); i++) {
        struct card_reg_run run;
        checks_ctx_init(&run.cc);
        run.c = c;
        run.r = &CARD_REGS[i];
        run.n = 0;
        err = CARD_REGS[i].each(c->db, household_id, NULL, reg_line, &run);
        n += run.n;
    }
    if (err == DB_OK && n == 0)
        table_note(c, "尚无小额信贷、资产收益、就业培训、易地搬迁登记");
    return err;
}

static const struct tcol HISTORY_COLS[] = {
    { { 0, 1 }, "日期", 0 }, { { 2, 3 }, "原状态", 0 }, { { 4, 4 }, "新状态", 0 },
    { { 5, 7 }, "事由", 0 }, { { 8, 8 }, "操作员", 0 },
};
#define HISTORY_BUF 200
#define NOTICE_BUF 32

static void notices(struct card *c, int64_t household_id)
{
    struct wfs_hh_notice hn[NOTICE_BUF];
    size_t n = 0;
    if (wfs_household_notices(c->db, household_id, hn, NOTICE_BUF, &n) != DB_OK)
        return;
    for (size_t i = 0; i < n; i++) {
        char line[400];
        snprintf(line, sizeof line, "列入公示：%s（%s 至 %s）%s", hn[i].title, hn[i].start, hn[i].end,
                 hn[i].objections ? "，有异议" : "");
        table_note(c, line);
    }
}

/* The moves of the workflow store, the latest CARD_MAX_HISTORY, then the
 * notices the household was posted on. */
static enum db_err history(struct card *c, int64_t household_id)
{
    section(c, "八、状态记录");
    struct state_row *rows = malloc(HISTORY_BUF * sizeof *rows);
    if (!rows)
        return db_set_error(c->db, DB_ERR_IO, "内存不足 (out of memory)");
    size_t n = 0;
    enum db_err err = db_state_history(c->db, household_id, rows, HISTORY_BUF, &n);
    if (err == DB_OK)
        table_head(c, HISTORY_COLS, COUNT(HISTORY_COLS));
    size_t first = n > CARD_MAX_HISTORY ? n - CARD_MAX_HISTORY : 0;
    if (err == DB_OK && first) {
        char note[120];
        snprintf(note, sizeof note, "（此前另有 %zu 条状态变化未列出）", first);
        table_note(c, note);
    }
    for (size_t i = first; err == DB_OK && i < n; i++) {
        struct tcell v[COUNT(HISTORY_COLS)] = {
            { rows[i].date, 0 }, { wf_state_label(rows[i].from_state), 0 },
            { wf_state_label(rows[i].to_state), 0 }, { rows[i].reason, 0 }, { rows[i].op, 0 },
        };
        table_row(c, HISTORY_COLS, COUNT(HISTORY_COLS), v);
    }
    free(rows);
    if (err == DB_OK)
        notices(c, household_id);
    return err;
}

/* 户主, 帮扶责任人 and 村委会, each with room to sign (or stamp) and a date. */
static void signatures(struct card *c)
{
    static const struct span BLOCK[3] = { { 0, 3 }, { 4, 5 }, { 6, 8 } };    /* 25, 29, 30 wide */
    static const char *const WHO[3] = { "户主（签字）：", "帮扶责任人（签字）：", "村委会（盖章）：" };
    next_row(c);
    row_height(c, 48);
    for (int i = 0; i < 3; i++)
        put(c, BLOCK[i], WHO[i], c->f->sign);
    next_row(c);
    for (int i = 0; i < 3; i++)
        put(c, BLOCK[i], "日期：　　　　年　　月　　日", c->f->sign);
    next_row(c);
}

/* ---- one card, one book ---------------------------------------------------- */

/* "古潭乡那门村": the village with its township. */
static void place_name(struct db *db, const char *village, char *out, size_t outsz)
{
    struct area v, t;
    out[0] = 0;
    if (db_area_get(db, village, &v) != DB_OK)
        return;
    if (db_area_get(db, v.parent, &t) == DB_OK)
        snprintf(out, outsz, "%s%s", t.name, v.name);
    else
        snprintf(out, outsz, "%s", v.name);
}

/* The sheet name: 户编号, else the head's name; characters Excel refuses in
 * a sheet name dropped; "(2)", "(3)"… when a name is already taken. */
static void sheet_name(struct xo_book *b, const struct household *hh, char *out, size_t outsz)
{
    char base[130];
    size_t k = 0;
    for (const char *p = hh->hh_no[0] ? hh->hh_no : hh->members[0].name; *p && k + 1 < sizeof base; p++)
        if (!strchr("[]:*?/\\'", *p))
            base[k++] = *p;
    base[k] = 0;
    if (!k)
        snprintf(base, sizeof base, "户有卡");
    lxw_workbook *wb = xo_lxw_workbook(b);
    snprintf(out, outsz, "%s", base);
    for (int i = 2; workbook_get_worksheet_by_name(wb, out) || workbook_get_chartsheet_by_name(wb, out); i++)
        snprintf(out, outsz, "%s(%d)", base, i);
}

/* Everything a card needs that is the same for all cards of a book. */
struct card_book {
    struct xo_book *b;
    struct card_fmt f;
    struct line lines[256];
    size_t n_lines;
    int year;
};

static enum db_err card_write(struct db *db, struct card_book *cb, int64_t household_id)
{
    struct household *hh = malloc(sizeof *hh);
    if (!hh)
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    enum db_err err = db_household_load_as_of(db, household_id, cb->year, hh);
    char place[260], name[140];
    if (err == DB_OK) {
        place_name(db, hh->village, place, sizeof place);
        sheet_name(cb->b, hh, name, sizeof name);
        if (xo_form_begin(cb->b, name) != XO_OK)
            err = db_set_error(db, DB_ERR_IO, "导出失败: %s", xo_errmsg(cb->b));
    }
    struct card c = { .db = db, .f = &cb->f, .year = cb->year, .lines = cb->lines, .n_lines = cb->n_lines };
    if (err == DB_OK) {
        c.ws = xo_lxw_worksheet(cb->b);
        for (lxw_col_t i = 0; i < NCOLS && !c.err; i++)
            c.err = worksheet_set_column(c.ws, i, i, COL_WIDTH[i], NULL);
        head(&c, hh, place);
        basic(&c, hh, place);
        members(&c, hh);
        income(&c, hh);
        helper(&c, household_id);
        err = plan_table(&c, household_id);
        if (err == DB_OK)
            err = aid(&c, household_id);
    }
    if (err == DB_OK)
        err = projects(&c, household_id);
    if (err == DB_OK)
        err = registers(&c, household_id);
    if (err == DB_OK)
        err = history(&c, household_id);
    if (err == DB_OK)
        signatures(&c);
    if (err == DB_OK && c.err) {
        char why[160];
        err = db_set_error(db, DB_ERR_IO, "导出失败: 第 %u 行: %s", (unsigned)c.row + 1,
                           syserr_lxw_text(c.err, why, sizeof why));
    }
    free(hh);
    return err;
}

/* Opens the book for `path` with the formats and the lines. */
static enum db_err book_open(struct db *db, struct card_book *cb, int year, const char *path)
{
    cb->b = NULL;
    if (year <= 0) {
        char day[11];
        clock_today(day);
        year = atoi(day);
    }
    cb->year = year;
    enum db_err err = db_lines(db, cb->lines, COUNT(cb->lines), &cb->n_lines);
    if (err != DB_OK)
        return err;
    enum xo_err e = xo_open(path, 0, &cb->b);
    if (e != XO_OK)
        return db_set_error(db, DB_ERR_IO, "导出失败: %s", xo_last_error());
    if (!make_formats(cb->b, &cb->f)) {
        xo_abort(cb->b);
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    }
    return DB_OK;
}

/* Writes the file after the cards, or drops it (and the temp file) on error. */
static enum db_err book_close(struct db *db, struct card_book *cb, enum db_err err)
{
    if (err != DB_OK) {
        xo_abort(cb->b);
        return err;
    }
    if (xo_close(cb->b) != XO_OK)
        return db_set_error(db, DB_ERR_IO, "导出失败: %s", xo_last_error());
    return DB_OK;
}

enum db_err card_export(struct db *db, int64_t household_id, int year, const char *path)
{
    struct card_book *cb = malloc(sizeof *cb);
    if (!cb)
        return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    enum db_err err = book_open(db, cb, year, path);
    if (err == DB_OK)
        err = book_close(db, cb, card_write(db, cb, household_id));
    free(cb);
    return err;
}

/* The ids of the village's households in the states of `mask`, 户编号 order
 * (those without one last, by entry). */
static enum db_err village_ids(struct db *db, const char *village, uint32_t mask, int64_t **ids, size_t *n)
{
    *ids = NULL;
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT id, state FROM households WHERE village = ?1 AND deleted = 0 "
                                   "ORDER BY hh_no IS NULL OR hh_no = '', hh_no, id");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, village, -1, SQLITE_STATIC);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int state = sqlite3_column_int(st, 1);
        if (state < 0 || state >= 32 || !(mask & (1u << state)))
            continue;
        if (*n == cap) {
            int64_t *more = realloc(*ids, (cap = cap ? cap * 2 : 64) * sizeof *more);
            if (!more) {
                sqlite3_reset(st);
                return db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
            }
            *ids = more;
        }
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(db, rc, "读取户列表");
}

enum db_err card_export_village(struct db *db, const char *village, uint32_t states, int year,
                                const char *path, int *n)
{
    struct area a;
    if (n)
        *n = 0;
    if (!village || db_area_get(db, village, &a) != DB_OK || a.level != AREA_VILLAGE)
        return db_set_error(db, DB_ERR_NOTFOUND, "没有代码为 %s 的村 (no such village)", village ? village : "");
    int64_t *ids = NULL;
    size_t k = 0;
    enum db_err err = village_ids(db, village, states ? states : export_register_states(), &ids, &k);
    if (err == DB_OK && k == 0)
        err = db_set_error(db, DB_ERR_NOTFOUND, "%s 没有要打印户有卡的户 (no households)", a.name);
    struct card_book *cb = err == DB_OK ? malloc(sizeof *cb) : NULL;
    if (err == DB_OK && !cb)
        err = db_set_error(db, DB_ERR_IO, "内存不足 (out of memory)");
    if (err == DB_OK && (err = book_open(db, cb, year, path)) == DB_OK) {
        for (size_t i = 0; i < k && err == DB_OK; i++)
            err = card_write(db, cb, ids[i]);
        err = book_close(db, cb, err);
    }
    if (err == DB_OK && n)
        *n = (int)k;
    free(cb);
    free(ids);
    return err;
}

enum db_err card_household_by_no(struct db *db, const char *hh_no, int64_t *id)
{
    char digits[64];
    size_t k = 0;
    for (const char *p = hh_no ? hh_no : ""; *p && k + 1 < sizeof digits; p++)
        if (*p != ' ' && *p != '\t')
            digits[k++] = *p;
    digits[k] = 0;
    sqlite3_stmt *st = db_stmt(db, "SELECT id FROM households WHERE hh_no = ?1 AND deleted = 0");
    if (!st)
        return DB_ERR_IO;
    sqlite3_bind_text(st, 1, digits, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return db_set_error(db, DB_ERR_NOTFOUND, "没有户编号为 %s 的户 (no household with this number)", digits);
    return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc, "查找户编号");
}

void card_default_name(struct db *db, int64_t household_id, const char *dir, char *out, size_t outsz)
{
    char what[200] = "户有卡", village[AREA_CODE_LEN + 1] = "";
    sqlite3_stmt *st = db_stmt(db, "SELECT coalesce(nullif(hh_no, ''), head_name, ''), village "
                                   "FROM households WHERE id = ?1");
    if (st) {
        sqlite3_bind_int64(st, 1, household_id);
        if (sqlite3_step(st) == SQLITE_ROW) {
            snprintf(what, sizeof what, "户有卡_%s", (const char *)sqlite3_column_text(st, 0));
            snprintf(village, sizeof village, "%s", (const char *)sqlite3_column_text(st, 1));
        }
        sqlite3_reset(st);
    }
    for (char *p = what; *p; p++)
        if (*p == '/' || *p == '\\')
            *p = '_';
    export_default_name(db, dir, what, village, out, outsz);
}
