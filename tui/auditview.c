/* auditview.c — 审计记录: who changed what and when, by household, operator
 * or date, newest first.  The screen only reads the log: there is no key
 * that changes it (the log is append-only in the file itself too). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/audit.h"
#include "db/audit_changes.h"
#include "db/operators.h"
#include "tui/auditview.h"
#include "tui/dialog.h"
#include "tui/ui.h"
#include "tui/wfui.h"

/* The newest rows a list holds; a narrower filter finds older ones. */
#define MAX_ROWS 2000

struct auditview {
    struct wfui_list l;
    struct audit_entry *e;
    char **summary;         /* per row: what changed in one line, made when first drawn */
    enum audit_filter filter;
    char value[64];
};

int auditview_allowed(void)
{
    /* 审核员 and up (issue 13 item 1). */
    return db_session_role(app.db) >= ROLE_REVIEWER;
}

/* Reloads the list.  Not stale from the start: the error dialog redraws the
 * screen beneath it, and a list still stale would reload (and fail) again,
 * recursing until the stack ran out (found by the random-key run). */
static void free_summaries(struct auditview *v)
{
    for (size_t i = 0; v->summary && i < v->l.n; i++)
        free(v->summary[i]);
    free(v->summary);
    v->summary = NULL;
}

static void av_reload(struct auditview *v)
{
    v->l.stale = 0;
    free_summaries(v);
    audit_entries_free(v->e, v->l.n);
    v->e = NULL;
    v->l.n = 0;
    if (audit_list(app.db, v->filter, v->value, MAX_ROWS, &v->e, &v->l.n) != DB_OK) {
        char why[512];
        snprintf(why, sizeof why, "%s", app_errmsg());
        if (v->filter != AUDIT_ALL) {       /* e.g. no such household: show all again */
            v->filter = AUDIT_ALL;
            v->value[0] = '\0';
            audit_list(app.db, AUDIT_ALL, "", MAX_ROWS, &v->e, &v->l.n);
        }
        wfui_clamp(&v->l);
        dialog_message("不能完成", why);
        return;
    }
    wfui_clamp(&v->l);
}

/* What row i changed, in one line under the forms' labels (made once). */
static const char *change_text(struct auditview *v, size_t i)
{
    if (!v->summary)
        v->summary = calloc(v->l.n, sizeof *v->summary);
    if (!v->summary)
        return "";
    if (!v->summary[i]) {
        struct audit_change *c = NULL;
        size_t n = 0;
        char line[512] = "";
        if (audit_changes(app.db, &v->e[i], &c, &n) == DB_OK)
            audit_changes_line(c, n, v->e[i].action, line, sizeof line);
        free(c);
        v->summary[i] = strdup(line);
    }
    return v->summary[i] ? v->summary[i] : "";
}

static void av_row(void *self, int i, int y, attr_t a)
{
    struct auditview *v = self;
    struct audit_entry *e = &v->e[i];
    char what[64];
    snprintf(what, sizeof what, "%s %lld", audit_table_label(e->tbl), (long long)e->row_id);
    const char *cells[] = { e->at, e->operator_name, what, audit_action_label(e->action),
                            change_text(v, (size_t)i) };
    static const int widths[] = { 20, 12, 18, 6, 0 };
    wfui_cells(y, cells, widths, 5, a);
}

static void av_draw(void *self)
{
    struct auditview *v = self;
    if (v->l.stale)
        av_reload(v);
    ui_title("审计记录", app.db_path);
    char line[160];
    static const char *const by[] = { "全部", "按户", "按操作员", "按日期" };
    snprintf(line, sizeof line, " 显示: %s%s%s（最新在前，共 %zu 条%s）", by[v->filter],
             v->value[0] ? " " : "", v->value, v->l.n, v->l.n == MAX_ROWS ? "，更早的请按条件查" : "");
    ui_put(1, 0, line, COLS, ui_attr(UI_DIM));
    ui_put(2, 0, " 时间                操作员      记录              动作  内容", COLS, A_BOLD);
    wfui_list_draw(&v->l, 3, LINES - 5, av_row, v);
    if (!v->l.n)
        ui_put(4, 2, "没有符合条件的审计记录。", COLS - 4, ui_attr(UI_DIM));
    ui_status_draw();
    ui_keybar(" ↑↓翻阅 Enter详情 F3按户 F4按操作员 F5按日期 F6全部 Esc返回");
    curs_set(0);
}

/* The detail: one line per changed column, 原值 → 新值 under the form's label. */
static char *detail_text(struct audit_entry *e)
{
    struct audit_change *c = NULL;
    size_t n = 0;
    if (audit_changes(app.db, e, &c, &n) != DB_OK)
        return NULL;
    size_t sz = 512 + n * (sizeof c->label + sizeof c->before + sizeof c->after + 16);
    char *text = malloc(sz);
    if (text) {
        int len = snprintf(text, sz, "时间: %s\n操作员: %s\n记录: %s %lld\n动作: %s\n\n",
                           e->at, e->operator_name, audit_table_label(e->tbl),
                           (long long)e->row_id, audit_action_label(e->action));
        int update = strcmp(e->action, "update") == 0;
        for (size_t i = 0; i < n && len > 0 && (size_t)len < sz; i++)
            if (update)
                len += snprintf(text + len, sz - (size_t)len, "%s: %s → %s\n", c[i].label,
                                c[i].before[0] ? c[i].before : "（空）",
                                c[i].after[0] ? c[i].after : "（空）");
            else            /* an insert's values, or what a delete removed */
                len += snprintf(text + len, sz - (size_t)len, "%s: %s\n", c[i].label,
                                c[i].after[0] ? c[i].after : c[i].before);
        if (!n && len > 0 && (size_t)len < sz)
            snprintf(text + len, sz - (size_t)len, "（没有可显示的字段）\n");
    }
    free(c);
    return text;
}

static void av_detail(struct auditview *v)
{
    if (!v->l.n)
        return;
    struct audit_entry *e = &v->e[v->l.sel];
    char *text = detail_text(e);
    if (!text) {
        dialog_message("不能完成", app_errmsg());
        return;
    }
    char title[64];
    snprintf(title, sizeof title, "审计记录第 %lld 条", (long long)e->id);
    dialog_text(title, text);
    free(text);
}

static void av_filter(struct auditview *v, enum audit_filter f)
{
    static const char *const prompt[] = { "", "户编号或内部号:", "操作员姓名:", "日期 (如 2026-03-01):" };
    char value[64] = "";
    if (f != AUDIT_ALL && !dialog_input("审计记录", prompt[f], value, sizeof value, 30))
        return;
    v->filter = f;
    snprintf(v->value, sizeof v->value, "%s", value);
    v->l.sel = v->l.first = 0;
    v->l.stale = 1;
}

static enum screen_action av_key(void *self, int kind, wint_t ch)
{
    struct auditview *v = self;
    if (kind == KEY_CODE_YES) {
        if (wfui_nav(&v->l, (int)ch))
            return ACT_NONE;
        if (ch == KEY_ENTER) av_detail(v);
        else if (ch == KEY_F(3)) av_filter(v, AUDIT_BY_HOUSEHOLD);
        else if (ch == KEY_F(4)) av_filter(v, AUDIT_BY_OPERATOR);
        else if (ch == KEY_F(5)) av_filter(v, AUDIT_BY_DATE);
        else if (ch == KEY_F(6)) av_filter(v, AUDIT_ALL);
        return ACT_NONE;
    }
    if (ch == KEY_ESC)
        return ACT_POP;
    if (ch == '\n' || ch == '\r')
        av_detail(v);
    return ACT_NONE;
}

static void av_close(void *self)
{
    struct auditview *v = self;
    free_summaries(v);
    audit_entries_free(v->e, v->l.n);
    free(v);
}

struct screen auditview_screen(void)
{
    struct auditview *v = calloc(1, sizeof *v);
    v->l.stale = 1;
    return (struct screen){ "audit", av_draw, av_key, av_close, NULL, v };
}
