/* formview_aux.c — the form engine's helper keys: F1 help for the field
 * (with its code list), F4 pick from a code list or the villages, F5 同上. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/checks.h"
#include "core/clock.h"
#include "core/codes.h"
#include "core/idno.h"
#include "core/pinyin.h"
#include "core/workflow.h"
#include "db/assist.h"
#include "db/drafts.h"
#include "db/household_store.h"
#include "db/settings.h"
#include "db/operators.h"
#include "tui/codepick.h"
#include "tui/areapick.h"
#include "tui/dialog.h"
#include "tui/formview.h"
#include "tui/screens.h"
#include "tui/ui.h"

/* ---- F1, F4, F5, F7 ------------------------------------------------------- */

/* The only village, or the first one: most offices key for one village. */
void fv_default_village(char *out, size_t outsz)
{
    struct area a;
    size_t n = 0;
    out[0] = 0;
    if (db_areas(app.db, AREA_VILLAGE, NULL, &a, 1, &n) == DB_OK && n == 1)
        snprintf(out, outsz, "%s", a.code);
}

static void pick_village(const struct field *f, void *rec)
{
    areapick_village("选择村 (输入村名、拼音首字母或代码)", NULL, field_ptr(f, rec), f->size, NULL, 0);
}

/* ---- F4 on free-text fields: names to pick from, typing stays free -------- */

struct suggestion {
    char name[TEXT_BYTES(NAME_CHARS)];          /* what goes into the field */
    char label[TEXT_BYTES(NAME_CHARS) + 200];   /* what the list shows */
};

/* As many as the file has (a county's registry holds thousands of helpers;
 * a fixed 600 left the rest out of the list). */
struct suggestions {
    struct suggestion *item;
    const char **labels;        /* made once the list is whole */
    size_t n, cap;
};

/* Adds a name (with what tells namesakes apart); 0 when out of memory. */
static int suggest_push(struct suggestions *s, const char *name, const char *note)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 4 : 64;
        struct suggestion *more = realloc(s->item, cap * sizeof *more);
        if (!more)
            return 0;
        s->item = more;
        s->cap = cap;
    }
    struct suggestion *it = &s->item[s->n++];
    snprintf(it->name, sizeof it->name, "%s", name);
    snprintf(it->label, sizeof it->label, "%s%s%s%s", name, note[0] ? "  (" : "", note, note[0] ? ")" : "");
    return 1;
}

/* Adds a name once: an operator who is also a helper, a group entered twice. */
static void suggest_add(struct suggestions *s, const char *name, const char *note)
{
    if (!name[0])
        return;
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->item[i].name, name) == 0)
            return;
    suggest_push(s, name, note);
}

/* The 村民小组 of the household's village, as entered in 基础设置. */
static void suggest_groups(const struct formview *v, struct suggestions *s)
{
    static char groups[200][TEXT_BYTES(20)];
    size_t n = 0;
    if (v->hh.village[0] && db_groups(app.db, v->hh.village, groups, 200, &n) == DB_OK)
        for (size_t i = 0; i < n; i++)
            suggest_add(s, groups[i], "");
}

/* The helpers registry (帮扶责任人) and the operators of this file. */
static void suggest_people(const struct formview *v, struct suggestions *s)
{
    (void)v;
    struct helper_row *hs = NULL;
    size_t n = 0;
    /* Every helper, namesakes each with their unit (no search for doubles:
     * it would be quadratic in a county's registry). */
    if (db_helpers_all(app.db, &hs, &n) == DB_OK)
        for (size_t i = 0; i < n && suggest_push(s, hs[i].h.name, hs[i].h.unit); i++)
            ;
    free(hs);
    suggest_add(s, db_operator(app.db), "操作员");    /* the one keying, registered or not */
    struct operator_row ops[100];
    if (db_operators(app.db, ops, 100, &n) == DB_OK)
        for (size_t i = 0; i < n; i++)
            if (ops[i].active)
                suggest_add(s, ops[i].name, "操作员");
}

/* Free-text fields with a list behind F4: what it offers, said by F1 too. */
static const struct {
    const char *key;
    void (*load)(const struct formview *v, struct suggestions *s);
    const char *help;       /* F1's line */
    const char *empty;      /* when the list is empty */
} SUGGEST[] = {
    { "group_name", suggest_groups, "F4: 从「基础设置」中登记的本村村民小组里选择；也可以直接输入。",
      "本村还没有登记村民小组 (在「基础设置」中添加)，请直接输入" },
    { "surveyor1", suggest_people, "F4: 从帮扶责任人名册和操作员中选择；也可以直接输入姓名。",
      "还没有帮扶责任人或操作员，请直接输入姓名" },
    { "surveyor2", suggest_people, "F4: 从帮扶责任人名册和操作员中选择；也可以直接输入姓名。",
      "还没有帮扶责任人或操作员，请直接输入姓名" },
};

static int suggest_index(const struct field *f)
{
    for (size_t i = 0; i < sizeof SUGGEST / sizeof *SUGGEST; i++)
        if (f->type == FT_TEXT && strcmp(f->key, SUGGEST[i].key) == 0)
            return (int)i;
    return -1;
}

static int suggest_match(size_t i, const char *typed, void *ud)
{
    const struct suggestions *s = ud;
    return strstr(s->item[i].label, typed) != NULL || pinyin_prefix_match(s->item[i].name, typed);
}

/* F4 on a free-text field with a list: the pick goes into the field, which
 * stays editable.  Returns 0 when the field has no list. */
static int pick_suggestion(struct formview *v, const struct field *f, void *rec)
{
    int k = suggest_index(f);
    if (k < 0)
        return 0;
    struct suggestions *s = calloc(1, sizeof *s);
    if (!s) {
        ui_status(MSG_ERROR, "内存不足，无法打开列表");
        return 1;
    }
    SUGGEST[k].load(v, s);
    s->labels = malloc((s->n ? s->n : 1) * sizeof *s->labels);
    if (!s->labels)
        s->n = 0;
    char *val = field_ptr(f, rec);
    int cur = -1;
    for (size_t i = 0; i < s->n; i++) {
        s->labels[i] = s->item[i].label;
        if (cur < 0 && strcmp(s->item[i].name, val) == 0)
            cur = (int)i;
    }
    char title[96];
    snprintf(title, sizeof title, "选择%s (也可以直接输入)", f->label);
    int pick = s->n ? dialog_pick(title, s->labels, s->n, cur, suggest_match, s) : -1;
    if (!s->n)
        ui_status(MSG_INFO, "%s", SUGGEST[k].empty);
    if (pick >= 0) {
        snprintf(val, f->size, "%s", s->item[pick].name);
        v->dirty = 1;
        fv_unload_field(v);
        fv_save_draft(v);
        fv_move_field(v, 1, 1);
    }
    free(s->labels);
    free(s->item);
    free(s);
    return 1;
}

void fv_show_help(struct formview *v)
{
    size_t n;
    void *rec;
    const struct field *fs = fv_cur_fields(v, &n, &rec);
    char text[8192];
    size_t len = 0;
    if (n == 0) {
        len += snprintf(text, sizeof text, "家庭成员表: Ins 添加成员, Enter 修改所选成员, Del 删除 (需确认)。\n"
                        "户主始终排在第一行。PgDn/PgUp 翻页, F2 保存整张表。");
    } else {
        const struct field *f = &fs[v->cur];
        len += snprintf(text + len, sizeof text - len, "「%s」%s\n\n%s\n", f->label,
                        f->flags & F_REQUIRED ? " (必填)" : "", f->help ? f->help : fe_type_help(f->type));
        if (suggest_index(f) >= 0)
            len += snprintf(text + len, sizeof text - len, "%s\n", SUGGEST[suggest_index(f)].help);
        if (f->type == FT_CODE) {
            size_t nc;
            const struct code *cs = codes_list(f->list, &nc);
            len += snprintf(text + len, sizeof text - len, "\n代码表「%s」(编号、拼音首字母、名称):\n",
                            codes_list_name(f->list));
            for (size_t i = 0; i < nc && len + 64 < sizeof text; i++)
                len += snprintf(text + len, sizeof text - len, "  %2d  %-8s %s\n", cs[i].code,
                                codes_shortcut(f->list, cs[i].code), cs[i].label);
        }
    }
    snprintf(text + len, sizeof text - len, "\n按键: Enter/Tab/↓ 下一项  Shift-Tab/↑ 上一项  PgDn/PgUp 翻页\n"
             "      F2/Ctrl-S 保存  F4 代码表  F5 同上  Ctrl-U 清除本项  Esc 返回 (未保存时会询问)\n"
             FE_HELP_MOVED_ON
             "      输错被拒绝的内容呈反白: 直接输入新内容即可替换，←/→/退格键则修改原内容。");
    dialog_text("帮助", text);
}

void fv_pick_code(struct formview *v)
{
    size_t n;
    void *rec;
    const struct field *fs = fv_cur_fields(v, &n, &rec);
    if (n == 0)
        return;
    const struct field *f = &fs[v->cur];
    if (f->type == FT_AREA) {
        pick_village(f, rec);
        v->dirty = 1;
        fv_unload_field(v);
        fv_save_draft(v);
        return;
    }
    if (pick_suggestion(v, f, rec))
        return;
    if (f->type != FT_CODE) {
        ui_status(MSG_INFO, "「%s」没有代码表", f->label);
        return;
    }
    if (fe_pick_code(&v->fe, f, rec)) {
        v->dirty = 1;
        v->warnings_confirmed = 0;
        fv_unload_field(v);
        fv_save_draft(v);
        fv_move_field(v, 1, 1);
    }
}

/* F5 同上: the value of this field in the previous roster row, or in the last
 * household saved in this session. */
void fv_ditto(struct formview *v)
{
    size_t n;
    void *rec;
    const struct field *fs = fv_cur_fields(v, &n, &rec);
    if (n == 0)
        return;
    const struct field *f = &fs[v->cur];
    const void *src = NULL;
    if (fv_page_of(v)->roster) {
        if (v->row > 0)
            src = &v->hh.members[v->row - 1];
    } else {
        src = fv_last_saved();
    }
    if (!src || f->type == FT_IDNO || f->table == T_HEAD) {
        ui_status(MSG_INFO, "这一项没有可以复制的「同上」值");
        return;
    }
    char text[512];
    field_format(f, src, text, sizeof text);
    le_set_utf8(&v->fe.le, text);
    ui_status(MSG_INFO, "已复制上一条的「%s」", f->label);
}

