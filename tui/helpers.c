/* helpers.c — 帮扶责任人 registry and assignment (see helpers.h). */
#include "tui/helpers.h"
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/assist.h"
#include "tui/aidcard.h"
#include "tui/dialog.h"
#include "tui/ui.h"


static const struct field HELPER_FIELDS[] = {
    { "name", "姓名", FT_TEXT, T_HOUSEHOLD, offsetof(struct helper, name),
      sizeof ((struct helper *)0)->name, 20, CL_NONE, F_REQUIRED, NULL, NULL },
    { "unit", "帮扶单位", FT_TEXT, T_HOUSEHOLD, offsetof(struct helper, unit),
      sizeof ((struct helper *)0)->unit, 40, CL_NONE, F_REQUIRED, NULL, NULL },
    { "title", "职务", FT_TEXT, T_HOUSEHOLD, offsetof(struct helper, title),
      sizeof ((struct helper *)0)->title, 20, CL_NONE, 0, NULL, NULL },
    { "phone", "联系电话", FT_PHONE, T_HOUSEHOLD, offsetof(struct helper, phone),
      sizeof ((struct helper *)0)->phone, 14, CL_NONE, 0, NULL, NULL },
};
#define N_HELPER_FIELDS (sizeof HELPER_FIELDS / sizeof *HELPER_FIELDS)

/* Keys a new helper; returns its id or 0. */
static int64_t helper_new(void)
{
    struct helper h;
    memset(&h, 0, sizeof h);
    while (subform_edit("新增帮扶责任人", "帮扶责任人: 县乡机关干部或驻村工作队员，一对一帮扶", HELPER_FIELDS,
                        N_HELPER_FIELDS, &h, sizeof h, NULL, NULL)) {
        if (db_helper_add(app.db, &h) == DB_OK)
            return h.id;
        dialog_message("不能保存", app_errmsg());
    }
    return 0;
}

static int helper_match(size_t i, const char *typed, void *ud)
{
    const char *const *items = ud;
    return strstr(items[i], typed) != NULL;
}

/* The household's helpers over time, one line each, into text. */
static void household_history(int64_t household_id, char *text, size_t textsz)
{
    static struct assignment_row hist[64];
    size_t nh = 0, len = (size_t)snprintf(text, textsz, "该户帮扶责任人 (历史):\n");
    char npad[64];
    if (db_assignments_of_household(app.db, household_id, hist, 64, &nh) == DB_OK)
        for (size_t i = 0; i < nh && len + 200 < textsz; i++)
            len += (size_t)snprintf(text + len, textsz - len, "  %s 至 %-10s  %s  %s  %s\n",
                                    hist[i].from_date, hist[i].to_date[0] ? hist[i].to_date : "今",
                                    ui_pad(hist[i].helper_name, 8, npad, sizeof npad),
                                    hist[i].helper_unit, hist[i].helper_phone);
    if (nh == 0)
        snprintf(text + len, textsz - len, "  (尚未指定)\n");
}

/* The whole registry to pick from (a county has thousands of helpers), with
 * 新增 first: 1 with *id the helper picked (0 = add a new one), 0 on Esc. */
static int pick_helper(int64_t *id)
{
    struct helper_row *hs = NULL;
    size_t n = 0;
    if (db_helpers_all(app.db, &hs, &n) != DB_OK) {
        dialog_message("读取失败", app_errmsg());
        return 0;
    }
    char (*labels)[400] = malloc((n + 1) * sizeof *labels);
    const char **items = malloc((n + 1) * sizeof *items);
    int k = -1;
    if (labels && items) {
        snprintf(labels[0], sizeof labels[0], "(新增一位帮扶责任人)");
        items[0] = labels[0];
        for (size_t i = 0; i < n; i++) {
            snprintf(labels[i + 1], sizeof labels[i + 1], "%s  %s %s  帮扶 %d 户", hs[i].h.name, hs[i].h.unit,
                     hs[i].h.title, hs[i].n_households);
            items[i + 1] = labels[i + 1];
        }
        k = dialog_pick("选择帮扶责任人 (可输入姓名或单位筛选)", items, n + 1, n ? 1 : 0, helper_match,
                        (void *)items);
    } else {
        ui_status(MSG_ERROR, "内存不足");
    }
    if (k >= 0)
        *id = k == 0 ? 0 : hs[k - 1].h.id;
    free(labels);
    free(items);
    free(hs);
    return k >= 0;
}

/* Makes helper_id the household's helper from a date the clerk keys (today
 * proposed); the current assignment, if any, ends that day and stays in
 * the history.  1 when assigned. */
static int assign_from_date(int64_t household_id, int64_t helper_id)
{
    char date[32];
    snprintf(date, sizeof date, "%s", app.ctx.today);
    while (dialog_input("帮扶起始日期", "从哪天起帮扶 (YYYY-MM-DD 或 YYYYMMDD):", date, sizeof date, 10)) {
        if (db_helper_reassign(app.db, household_id, helper_id, date) == DB_OK) {
            ui_status(MSG_INFO, "已指定帮扶责任人 (原帮扶关系保留在历史中)");
            return 1;
        }
        dialog_message("不能指定", app_errmsg());
    }
    return 0;
}

int helpers_assign_dialog(int64_t household_id)
{
    char text[4096];
    household_history(household_id, text, sizeof text);
    dialog_text("帮扶责任人", text);
    struct helper cur;
    int has = db_helper_of(app.db, household_id, &cur) == DB_OK;
    if (!dialog_yesno(has ? "更换帮扶责任人吗? (原帮扶关系保留在历史中)" : "现在指定帮扶责任人吗?",
                      has ? ANSWER_NO : ANSWER_YES))
        return 0;
    int64_t helper_id = 0;
    if (!pick_helper(&helper_id))
        return 0;
    if (!helper_id)
        helper_id = helper_new();
    return helper_id ? assign_from_date(household_id, helper_id) : 0;
}

/* ---- the registry screen --------------------------------------------------- */

struct hlist {
    struct helper_row *rows;    /* the whole registry (db_helpers_all) */
    int n, sel, first;
};

static void hl_reload(struct hlist *l)
{
    size_t n = 0;
    free(l->rows);
    if (db_helpers_all(app.db, &l->rows, &n) != DB_OK)
        ui_status(MSG_ERROR, "读取失败: %s", app_errmsg());
    l->n = (int)n;
    if (l->sel >= l->n) l->sel = l->n ? l->n - 1 : 0;
}

static void hl_draw(void *self)
{
    struct hlist *l = self;
    char right[64];
    snprintf(right, sizeof right, "共 %d 人", l->n);
    ui_title("帮扶责任人", right);
    ui_put(1, 0, " 姓名        帮扶单位                  职务          联系电话      现帮扶户数", COLS, A_BOLD);
    int rows = LINES - 4;
    alist_fit(&l->sel, &l->first, l->n, rows);
    for (int r = 0; r < rows; r++) {
        int i = l->first + r, y = 2 + r;
        if (i >= l->n) { ui_put(y, 0, "", COLS, A_NORMAL); continue; }
        const struct helper_row *h = &l->rows[i];
        char cnt[16];
        snprintf(cnt, sizeof cnt, "%d", h->n_households);
        const char *cells[] = { " ", h->h.name, h->h.unit, h->h.title, h->h.phone, cnt };
        const int widths[] = { 1, 12, 26, 14, 14, 0 };
        alist_row(y, i == l->sel ? ui_attr(UI_SELECTED) : A_NORMAL, cells, widths, 6);
    }
    if (l->n == 0)
        ui_put(3, 2, "(尚无帮扶责任人，按 Ins 添加)", COLS - 4, ui_attr(UI_DIM));
    ui_status_draw();
    ui_keybar(" Ins新增 Enter修改 F5帮扶的户(含历史) F6指定帮扶户 ↑↓选择 F1帮助 Esc返回");
    curs_set(0);
}

static void hl_households(struct hlist *l)
{
    if (!l->n)
        return;
    static struct assignment_row rows[500];
    size_t n = 0;
    if (db_assignments_of_helper(app.db, l->rows[l->sel].h.id, 0, rows, 500, &n) != DB_OK) {
        dialog_message("读取失败", app_errmsg());
        return;
    }
    static char text[500 * 160];
    size_t len = (size_t)snprintf(text, sizeof text, "村        户主          户编号            起止日期\n");
    char vpad[64], hpad[64];
    for (size_t i = 0; i < n && len + 200 < sizeof text; i++)
        len += (size_t)snprintf(text + len, sizeof text - len, "%s  %s  %-16s  %s 至 %s\n",
                                ui_pad(rows[i].village_name, 8, vpad, sizeof vpad),
                                ui_pad(rows[i].head_name, 12, hpad, sizeof hpad),
                                rows[i].hh_no[0] ? rows[i].hh_no : "(未建档)", rows[i].from_date,
                                rows[i].to_date[0] ? rows[i].to_date : "今");
    if (n == 0)
        snprintf(text + len, sizeof text - len, "(没有帮扶的户)\n");
    char title[160];
    snprintf(title, sizeof title, "%s 帮扶的户 (含历史)", l->rows[l->sel].h.name);
    dialog_text(title, text);
}

/* F6: the selected helper takes over a household the clerk looks up; a
 * household with another helper is asked about first (that assignment
 * ends and stays in the history). */
static void hl_assign(struct hlist *l)
{
    if (!l->n)
        return;
    const struct helper *h = &l->rows[l->sel].h;
    char title[160];
    snprintf(title, sizeof title, "由 %s 帮扶 — 查找户", h->name);
    int64_t hh = aidcard_pick_household(title);
    if (!hh)
        return;
    struct helper cur;
    if (db_helper_of(app.db, hh, &cur) == DB_OK) {
        if (cur.id == h->id) {
            dialog_message("无需指定", "该户的帮扶责任人已是此人");
            return;
        }
        char text[4096], q[400];
        household_history(hh, text, sizeof text);
        dialog_text("该户已有帮扶责任人", text);
        snprintf(q, sizeof q, "该户现由 %s 帮扶, 改由 %s 帮扶吗? (原帮扶关系保留在历史中)", cur.name, h->name);
        if (!dialog_yesno(q, ANSWER_NO))
            return;
    }
    assign_from_date(hh, h->id);
    hl_reload(l);
}

static enum screen_action hl_key(void *self, int kind, wint_t ch)
{
    struct hlist *l = self;
    int fkey = kind == KEY_CODE_YES;
    if (!fkey && ch == KEY_ESC)
        return ACT_POP;
    if (alist_is_enter(kind, ch)) {
        if (!l->n)
            return ACT_NONE;
        struct helper h = l->rows[l->sel].h;
        while (subform_edit("修改帮扶责任人", NULL, HELPER_FIELDS, N_HELPER_FIELDS, &h, sizeof h, NULL, NULL)) {
            if (db_helper_update(app.db, &h) == DB_OK) {
                ui_status(MSG_INFO, "已保存");
                break;
            }
            dialog_message("不能保存", app_errmsg());
        }
        hl_reload(l);
        return ACT_NONE;
    }
    if (!fkey || alist_key(ch, &l->sel, l->n, LINES - 4))
        return ACT_NONE;
    switch (ch) {
    case KEY_IC: {
        int64_t id = helper_new();
        hl_reload(l);
        for (int i = 0; id && i < l->n; i++)
            if (l->rows[i].h.id == id) {
                l->sel = i;
                ui_status(MSG_INFO, "已添加帮扶责任人; F6 指定帮扶户");
            }
        break;
    }
    case KEY_F(5): hl_households(l); break;
    case KEY_F(6): hl_assign(l); break;
    case KEY_F(1):
        dialog_text("帮助", "帮扶责任人名册: Ins 新增, Enter 修改姓名/单位/职务/电话,\n"
                    "F5 查看该责任人帮扶的户 (含已结束的帮扶关系)。\n"
                    "F6 指定该责任人帮扶一户: 该户原有责任人时先确认, 原帮扶关系结束并保留在历史中。\n"
                    "也可在 帮扶记录卡 中按 F8 指定或更换。");
        break;
    }
    return ACT_NONE;
}

static void hl_close(void *self)
{
    struct hlist *l = self;
    free(l->rows);
    free(l);
}

struct screen helpers_screen(void)
{
    struct hlist *l = calloc(1, sizeof *l);
    if (!l) {
        ui_status(MSG_ERROR, "内存不足，无法打开 (out of memory)");
        return (struct screen){ 0 };
    }
    hl_reload(l);
    return (struct screen){ .name = "helpers", .draw = hl_draw, .key = hl_key, .close = hl_close, .self = l };
}
