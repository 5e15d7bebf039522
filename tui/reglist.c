/* reglist.c — a measure register's list screen from its table (reglist.h). */
#include "tui/reglist.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/household_store.h"
#include "tui/dialog.h"
#include "tui/ui.h"

#define REGLIST_MAX_COLS 16

struct reglist {
    const struct reglist_def *def;
    unsigned char *rows;        /* n records of def->rec_size */
    struct loan_info *infos;
    int n, cap, sel, first;
    struct check_ctx cc;
};

static void *row_at(const struct reglist *s, int i)
{
    return s->rows + (size_t)i * s->def->rec_size;
}

static int collect(void *ud, const void *rec, const struct loan_info *info)
{
    struct reglist *s = ud;
    if (s->n == s->cap) {
        int cap = s->cap ? s->cap * 2 : 64;
        unsigned char *r = realloc(s->rows, (size_t)cap * s->def->rec_size);
        if (!r)
            return 1;
        s->rows = r;
        struct loan_info *in = realloc(s->infos, (size_t)cap * sizeof *in);
        if (!in)
            return 1;
        s->infos = in;
        s->cap = cap;
    }
    memcpy(row_at(s, s->n), rec, s->def->rec_size);
    s->infos[s->n++] = *info;
    return 0;
}

void reglist_reload(struct reglist *s, int64_t select)
{
    app_check_context(&s->cc);
    s->n = 0;
    if (s->def->each(app.db, 0, NULL, collect, s) != DB_OK)
        ui_status(MSG_ERROR, "读取失败: %s", app_errmsg());
    for (int i = 0; select && i < s->n; i++)
        if (reg_id(row_at(s, i)) == select)
            s->sel = i;
    if (s->sel >= s->n)
        s->sel = s->n ? s->n - 1 : 0;
}

const void *reglist_selected(const struct reglist *s, const struct loan_info **info)
{
    if (!s->n)
        return NULL;
    if (info)
        *info = &s->infos[s->sel];
    return row_at(s, s->sel);
}

const struct check_ctx *reglist_ctx(const struct reglist *s)
{
    return &s->cc;
}

static void draw_row(const struct reglist *s, int i, int y)
{
    const struct reglist_def *d = s->def;
    struct reg_cell cells[REGLIST_MAX_COLS];
    const char *text[REGLIST_MAX_COLS + 1] = { " " };
    int widths[REGLIST_MAX_COLS + 1] = { 1 };
    for (size_t c = 0; c < d->ncols && c < REGLIST_MAX_COLS; c++) {
        text[c + 1] = reg_cell_text(&d->cols[c], row_at(s, i), &s->infos[i], &s->cc, &cells[c]);
        widths[c + 1] = d->cols[c].width;
    }
    attr_t a = i == s->sel ? ui_attr(UI_SELECTED)
             : d->warn && d->warn(row_at(s, i), &s->cc) ? ui_attr(UI_WARN) : A_NORMAL;
    alist_row(y, a, text, widths, d->ncols + 1);
}

static void rl_draw(void *self)
{
    struct reglist *s = self;
    const struct reglist_def *d = s->def;
    char right[64];
    snprintf(right, sizeof right, "共 %d %s", s->n, d->unit);
    ui_title(d->title, right);
    const char *heads[REGLIST_MAX_COLS + 1] = { " " };
    int widths[REGLIST_MAX_COLS + 1] = { 1 };
    for (size_t c = 0; c < d->ncols && c < REGLIST_MAX_COLS; c++) {
        heads[c + 1] = d->cols[c].title;
        widths[c + 1] = d->cols[c].width;
    }
    alist_row(1, A_BOLD, heads, widths, d->ncols + 1);
    int rows = LINES - 4;
    alist_fit(&s->sel, &s->first, s->n, rows);
    for (int r = 0; r < rows; r++) {
        int i = s->first + r;
        if (i < s->n)
            draw_row(s, i, 2 + r);
        else
            ui_put(2 + r, 0, "", COLS, A_NORMAL);
    }
    if (s->n == 0)
        ui_put(3, 2, d->empty, COLS - 4, ui_attr(UI_DIM));
    ui_status_draw();
    ui_keybar(d->keybar);
    curs_set(0);
}

void reglist_member_header(int64_t household_id, const char *limits, char *out, size_t outsz)
{
    struct household *hh = malloc(sizeof *hh);
    out[0] = 0;
    if (!hh || db_household_load(app.db, household_id, 0, hh) != DB_OK) {
        free(hh);
        return;
    }
    size_t len = (size_t)snprintf(out, outsz, "户主: %s  户编号: %s\n成员:", hh->members[0].name,
                                  hh->hh_no[0] ? hh->hh_no : "(未建档)");
    for (int i = 0; i < hh->n_members && len + 80 < outsz; i++)
        len += (size_t)snprintf(out + len, outsz - len, " %d %s", i + 1, hh->members[i].name);
    snprintf(out + len, outsz - len, "\n%s", limits);
    free(hh);
}

static const char *save_rec(void *rec, void *ud, const char **at)
{
    struct reglist *s = ud;
    if (s->def->save(app.db, &s->cc, rec) == DB_OK)
        return NULL;
    *at = db_errfield(app.db);
    return app_errmsg();
}

struct sub_run {
    struct reglist *s;
    reglist_sub_save save;
};

static const char *save_sub(void *rec, void *ud, const char **at)
{
    const struct sub_run *r = ud;
    if (r->save(app.db, &r->s->cc, rec) == DB_OK)
        return NULL;
    *at = db_errfield(app.db);
    return app_errmsg();
}

int reglist_sub_edit(struct reglist *s, const char *title, const char *head, const struct field *fields, size_t n,
                     void *rec, size_t recsz, reglist_sub_save save)
{
    const void *sel = reglist_selected(s, NULL);
    int64_t id = sel ? reg_id(sel) : 0;
    struct sub_run r = { s, save };
    if (!subform_edit(title, head, fields, n, rec, recsz, save_sub, &r))
        return 0;
    reglist_reload(s, id);
    return 1;
}

static void rl_edit(struct reglist *s, void *rec, const char *title)
{
    const struct reglist_def *d = s->def;
    char head[1200];
    reglist_member_header(reg_household(rec), d->limits, head, sizeof head);
    if (subform_edit(title, head, d->fields, *d->nfields, rec, d->rec_size, save_rec, s)) {
        char msg[200];
        int warn = d->saved(rec, &s->cc, msg, sizeof msg);
        ui_status(warn ? MSG_WARN : MSG_INFO, "%s", msg);
        reglist_reload(s, reg_id(rec));
    }
}

static void rl_new(struct reglist *s)
{
    int64_t hh = aidcard_pick_household(s->def->pick_title);
    if (!hh)
        return;
    _Alignas(16) unsigned char rec[REGLIST_MAX_REC];
    memset(rec, 0, sizeof rec);
    memcpy(rec + sizeof(int64_t), &hh, sizeof hh);
    s->def->init(rec, app.ctx.today);
    rl_edit(s, rec, s->def->new_title);
}

static void rl_delete(struct reglist *s)
{
    const struct loan_info *info;
    const void *rec = reglist_selected(s, &info);
    if (!rec)
        return;
    char q[400];
    s->def->ask_delete(rec, info, q, sizeof q);
    if (!dialog_yesno(q, ANSWER_NO))
        return;
    if (s->def->del(app.db, reg_id(rec)) != DB_OK)
        dialog_message("删除失败", app_errmsg());
    else
        ui_status(MSG_INFO, "已删除");
    reglist_reload(s, 0);
}

static enum screen_action rl_key(void *self, int kind, wint_t ch)
{
    struct reglist *s = self;
    if (kind != KEY_CODE_YES && ch == KEY_ESC)
        return ACT_POP;
    if (alist_is_enter(kind, ch)) {
        if (s->n) {
            _Alignas(16) unsigned char rec[REGLIST_MAX_REC];
            memcpy(rec, row_at(s, s->sel), s->def->rec_size);
            rl_edit(s, rec, s->def->edit_title);
        }
        return ACT_NONE;
    }
    if (kind != KEY_CODE_YES || alist_key(ch, &s->sel, s->n, LINES - 4))
        return ACT_NONE;
    if (s->def->key && s->def->key(s, ch))
        return ACT_NONE;
    switch (ch) {
    case KEY_IC: rl_new(s); break;
    case KEY_DC: rl_delete(s); break;
    case KEY_F(9): alist_export(s->def->export_name, "全部记录，保存为:", NULL, s->def->export_fn); break;
    case KEY_F(1): dialog_text("帮助", s->def->help); break;
    }
    return ACT_NONE;
}

static void rl_close(void *self)
{
    struct reglist *s = self;
    free(s->rows);
    free(s->infos);
    free(s);
}

struct screen reglist_screen(const struct reglist_def *def)
{
    struct reglist *s = calloc(1, sizeof *s);
    if (s) {
        s->def = def;
        reglist_reload(s, 0);
    }
    return (struct screen){ .name = "register", .draw = rl_draw, .key = rl_key, .close = rl_close, .self = s };
}
