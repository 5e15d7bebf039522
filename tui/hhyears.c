/* hhyears.c — the years of a household's surveys side by side (hhyears.h). */
#include "tui/hhyears.h"
#include <stdio.h>
#include <stdlib.h>
#include "core/codes.h"
#include "core/income.h"
#include "db/household_store.h"
#include "tui/app.h"
#include "tui/ui.h"

#define MAX_YEARS 8         /* the latest ones: what fits across the dialog */
#define LABEL_COLS 16
#define YEAR_COLS 13

struct years_table {
    char *text;
    size_t cap, *len;
};

static void add(struct years_table *t, const char *cell, int cols)
{
    char pad[128];
    if (*t->len < t->cap)
        *t->len += (size_t)snprintf(t->text + *t->len, t->cap - *t->len, "%s",
                                    ui_pad(cell, cols, pad, sizeof pad));
}

static void put(struct years_table *t, const char *s)
{
    if (*t->len < t->cap)
        *t->len += (size_t)snprintf(t->text + *t->len, t->cap - *t->len, "%s", s);
}

static void end_line(struct years_table *t)
{
    if (*t->len < t->cap)
        *t->len += (size_t)snprintf(t->text + *t->len, t->cap - *t->len, "\n");
}

/* One row: the label, then what `cell` writes for each year. */
static void row(struct years_table *t, const char *label, const struct survey_year *ys, size_t n,
                int n_members, void (*cell)(const struct survey_year *, int, char *, size_t))
{
    add(t, label, LABEL_COLS);
    for (size_t i = 0; i < n; i++) {
        char c[64];
        cell(&ys[i], n_members, c, sizeof c);
        add(t, c, YEAR_COLS);
    }
    end_line(t);
}

static void cell_year(const struct survey_year *y, int n, char *out, size_t sz)
{
    (void)n;
    snprintf(out, sz, "%d年", y->year);
}

static void cell_members(const struct survey_year *y, int n, char *out, size_t sz)
{
    (void)y;
    snprintf(out, sz, "%d", n);
}

static void cell_net(const struct survey_year *y, int n, char *out, size_t sz)
{
    (void)n;
    money_format(income_net(&y->survey), out, sz);
}

static void cell_per_capita(const struct survey_year *y, int n, char *out, size_t sz)
{
    money_format(income_per_capita(&y->survey, n), out, sz);
}

static void cell_line(const struct survey_year *y, int n, char *out, size_t sz)
{
    (void)n;
    money_t line;
    if (lines_lookup(app.ctx.lines, app.ctx.n_lines, y->year, y->survey.standard, LINE_POVERTY, &line))
        money_format(line, out, sz);
    else
        snprintf(out, sz, "未设定");
}

static void cell_compare(const struct survey_year *y, int n, char *out, size_t sz)
{
    money_t line, pc = income_per_capita(&y->survey, n);
    if (!lines_lookup(app.ctx.lines, app.ctx.n_lines, y->year, y->survey.standard, LINE_POVERTY, &line))
        snprintf(out, sz, "-");
    else
        snprintf(out, sz, "%s", pc > line ? "高于线" : pc < line ? "低于线" : "等于线");
}

void hhyears_text(int64_t household_id, char *text, size_t cap, size_t *len)
{
    struct years_table t = { text, cap, len };
    struct survey_year ys[64];
    size_t n = 0;
    struct household *hh = malloc(sizeof *hh);
    if (!hh || db_survey_years(app.db, household_id, ys, 64, &n) != DB_OK ||
        db_household_load(app.db, household_id, 0, hh) != DB_OK)
        n = 0;
    int members = n ? hh->n_members : 0;
    free(hh);
    put(&t, "各年度调查 (回头看):\n");
    if (!n) {
        put(&t, "  (尚无调查)\n");
        return;
    }
    const struct survey_year *from = n > MAX_YEARS ? ys + (n - MAX_YEARS) : ys;
    size_t shown = n > MAX_YEARS ? MAX_YEARS : n;
    row(&t, "", from, shown, members, cell_year);
    row(&t, "  家庭人口(现)", from, shown, members, cell_members);
    row(&t, "  家庭年纯收入", from, shown, members, cell_net);
    row(&t, "  年人均纯收入", from, shown, members, cell_per_capita);
    row(&t, "  当年贫困线", from, shown, members, cell_line);
    row(&t, "  对比", from, shown, members, cell_compare);
}
