/* planview.c — the 帮扶规划 screen (planview.h). */
#include "tui/planview.h"
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/checks.h"
#include "core/codes.h"
#include "core/plan.h"
#include "db/assist.h"
#include "db/household_store.h"
#include "db/plans.h"
#include "db/settings.h"
#include "tui/aidcard.h"
#include "tui/dialog.h"
#include "tui/ui.h"

#define MAX_HELPERS 32

struct planview {
    int64_t hh_id;
    char who[400];                      /* 户主, 户编号, 村 */
    int registered;                     /* 在册 in plan.year */
    struct plan plan;
    int dirty, sel, first;
    struct assignment_row helpers[MAX_HELPERS];    /* the household's, over time */
    size_t n_helpers;
    struct check_ctx cc;
};

/* What the sub-form keys: the item and its 责任人 by name. */
struct item_form {
    struct plan_item it;                /* first: the fields' offsets are the item's */
    char helper_name[TEXT_BYTES(NAME_CHARS)];
    const struct planview *v;
    int index;                          /* the item's place in the plan */
};

static const struct field ITEM_FIELDS[] = {
    { "measure", "帮扶措施", FT_CODE, T_HOUSEHOLD, offsetof(struct plan_item, measure), sizeof(int), 20,
      CL_MEASURE, F_REQUIRED, NULL, NULL },
    { "target", "帮扶目标", FT_TEXT, T_HOUSEHOLD, offsetof(struct plan_item, target),
      sizeof ((struct plan_item *)0)->target, 40, CL_NONE, 0, NULL, NULL },
    { "amount", "目标金额(元)", FT_MONEY, T_HOUSEHOLD, offsetof(struct plan_item, amount), sizeof(money_t), 14,
      CL_NONE, 0, NULL, NULL },
    { "helper", "责任人", FT_TEXT, T_HOUSEHOLD, offsetof(struct item_form, helper_name),
      sizeof ((struct item_form *)0)->helper_name, 12, CL_NONE, 0,
      "该户的帮扶责任人之一 (现任或曾任)；不填表示未指定。", NULL },
    { "deadline", "完成期限", FT_DATE, T_HOUSEHOLD, offsetof(struct plan_item, deadline),
      sizeof ((struct plan_item *)0)->deadline, 12, CL_NONE, 0,
      "规划年度内的日期，如 20261031；不填表示年底前。", NULL },
};
#define N_ITEM_FIELDS (sizeof ITEM_FIELDS / sizeof *ITEM_FIELDS)

/* The check engine's words for a household not on the register in the year
 * (PLAN_NOT_REGISTERED), so the screen says what F2 would. */
static void unregistered_message(const struct planview *v, char *out, size_t outsz)
{
    struct plan_facts pf = { .year = v->plan.year, .has_plan = 1 };
    struct check_result rs[4];
    size_t n = checks_run_plan(&v->cc, &pf, rs, 4);
    snprintf(out, outsz, "%s", n ? rs[0].message : "");
}

static void pv_load(struct planview *v, int year)
{
    struct household *hh = malloc(sizeof *hh);
    if (hh && db_household_load(app.db, v->hh_id, 0, hh) == DB_OK) {
        char village[64] = "";
        db_area_name(app.db, hh->village, village, sizeof village);
        snprintf(v->who, sizeof v->who, "户主: %s  户编号: %s  村: %s%s%s", hh->members[0].name,
                 hh->hh_no[0] ? hh->hh_no : "(未建档)", village, hh->group_name[0] ? "/" : "", hh->group_name);
    }
    free(hh);
    enum db_err err = db_plan_get(app.db, v->hh_id, year, &v->plan);
    if (err != DB_OK && err != DB_ERR_NOTFOUND)
        ui_status(MSG_ERROR, "读取帮扶规划失败: %s", app_errmsg());
    int at_deadline = 0;
    if (db_plan_registered(app.db, &v->cc, v->hh_id, year, &v->registered, &at_deadline) != DB_OK)
        v->registered = 0;
    if (db_assignments_of_household(app.db, v->hh_id, v->helpers, MAX_HELPERS, &v->n_helpers) != DB_OK)
        v->n_helpers = 0;
    v->dirty = 0;
    v->sel = v->first = 0;
}

static void pv_draw(void *self)
{
    struct planview *v = self;
    char right[64];
    snprintf(right, sizeof right, "%d年%s", v->plan.year, v->dirty ? " [未保存]" : "");
    ui_title("帮扶规划 (一户一法)", right);
    ui_put(1, 1, v->who, COLS - 2, A_BOLD);
    char line[1000];
    if (!v->registered) {
        unregistered_message(v, line, sizeof line);
        ui_put(2, 1, line, COLS - 2, ui_attr(UI_ERROR));
    } else {
        snprintf(line, sizeof line, "%s  规划说明: %s", v->plan.id ? "已制定" : "尚未制定 (Ins 新增措施, F2 保存)",
                 v->plan.notes[0] ? v->plan.notes : "(无，按 F5 填写)");
        ui_put(2, 1, line, COLS - 2, A_NORMAL);
    }
    /* Fixed columns 61 wide (情况 7 of them); 帮扶目标 takes the rest (19 at 80). */
    int tw = COLS - 61 > 8 ? COLS - 61 : 8;
    const int widths[] = { 5, 12, tw, 9, 8, 11, 9, 0 };
    static const char *const heads[] = { "序号", "帮扶措施", "帮扶目标", "目标金额", "责任人", "完成期限",
                                         "   已投入", " 情况" };
    alist_row(3, A_BOLD, heads, widths, 8);
    int rows = LINES - 6;
    alist_fit(&v->sel, &v->first, (int)v->plan.n, rows);
    for (int r = 0; r < rows; r++) {
        int i = v->first + r;
        if (i >= (int)v->plan.n) { ui_put(4 + r, 0, "", COLS, A_NORMAL); continue; }
        const struct plan_item *it = &v->plan.items[i];
        char num[16], amount[32], done[32], status[32];
        snprintf(num, sizeof num, " %3d", i + 1);
        money_format(it->amount, amount, sizeof amount);
        money_format(it->done_amount, done, sizeof done);
        snprintf(status, sizeof status, " %s", it->id ? plan_status_label(plan_item_status(it->amount,
                 it->entries, it->done_amount)) : "(未保存)");
        char a9[40], d9[40];
        snprintf(a9, sizeof a9, "%8s ", it->amount ? amount : "");
        snprintf(d9, sizeof d9, "%9s", it->id ? done : "");
        const char *cells[] = { num, codes_label(CL_MEASURE, it->measure), it->target, a9, it->helper_name,
                                it->deadline, d9, status };
        alist_row(4 + r, i == v->sel ? ui_attr(UI_SELECTED) : A_NORMAL, cells, widths, 8);
    }
    if (v->plan.n == 0)
        ui_put(5, 2, "(尚无规划措施，按 Ins 新增)", COLS - 4, ui_attr(UI_DIM));
    ui_status_draw();
    ui_keybar(" Ins新增 Enter修改 Del删除 F5说明 F2保存 F3年度 F1帮助 Esc返回");
    curs_set(0);
}

/* F2 on an item: the 责任人 typed is one of the household's helpers, and the
 * item passes the plan's rules (core/checks.c) as it stands in the plan. */
static const char *item_validate(void *rec, void *ud, const char **at)
{
    (void)ud;
    static char msg[400];
    struct item_form *f = rec;
    const struct planview *v = f->v;
    f->it.helper_id = 0;
    for (size_t i = 0; f->helper_name[0] && i < v->n_helpers; i++)
        if (strcmp(v->helpers[i].helper_name, f->helper_name) == 0)
            f->it.helper_id = v->helpers[i].helper_id;
    if (f->helper_name[0] && !f->it.helper_id) {
        *at = "helper";
        snprintf(msg, sizeof msg, "“%s”不是该户的帮扶责任人；请填该户的帮扶责任人 (可在帮扶记录卡按 F8 指定)",
                 f->helper_name);
        return msg;
    }
    struct plan_item_facts items[PLAN_MAX_ITEMS];
    size_t n = v->plan.n > PLAN_MAX_ITEMS ? PLAN_MAX_ITEMS : v->plan.n;
    for (size_t i = 0; i < n; i++) {
        memset(&items[i], 0, sizeof items[i]);
        items[i].measure = v->plan.items[i].measure;
        snprintf(items[i].deadline, sizeof items[i].deadline, "%s", v->plan.items[i].deadline);
        items[i].helper_ok = 1;
    }
    if ((size_t)f->index == n && n < PLAN_MAX_ITEMS)
        n++;
    items[f->index] = (struct plan_item_facts){ f->it.measure, "", 1, 0 };
    snprintf(items[f->index].deadline, sizeof items[f->index].deadline, "%s", f->it.deadline);
    struct plan_facts pf = { v->plan.year, 1, 1, 1, items, n };
    struct check_result rs[16];
    size_t k = checks_run_plan(&v->cc, &pf, rs, 16);
    for (size_t i = 0; i < k; i++)
        if (rs[i].def->level == CHECK_ERROR && rs[i].member_index == f->index) {
            *at = strcmp(rs[i].field_key, "deadline") == 0 ? "deadline" : "measure";
            snprintf(msg, sizeof msg, "%s", rs[i].message);
            return msg;
        }
    return NULL;
}

/* Keys item `index` (== plan.n: a new one); 1 when F2 accepted it. */
static int item_edit(struct planview *v, int index)
{
    struct item_form *f = calloc(1, sizeof *f);
    if (!f)
        return 0;
    f->v = v;
    f->index = index;
    if (index < (int)v->plan.n) {
        f->it = v->plan.items[index];
        snprintf(f->helper_name, sizeof f->helper_name, "%s", f->it.helper_name);
    } else {
        for (size_t i = 0; i < v->n_helpers; i++)       /* the current helper by default */
            if (!v->helpers[i].to_date[0])
                snprintf(f->helper_name, sizeof f->helper_name, "%s", v->helpers[i].helper_name);
    }
    char head[800];
    snprintf(head, sizeof head, "%s\n%d年帮扶规划 第 %d 项措施 (措施按 F4 从帮扶措施类别中选)", v->who,
             v->plan.year, index + 1);
    int ok = subform_edit(index < (int)v->plan.n ? "帮扶规划 — 修改措施" : "帮扶规划 — 新增措施", head,
                          ITEM_FIELDS, N_ITEM_FIELDS, f, sizeof *f, item_validate, NULL);
    if (ok) {
        struct plan_item *it = &v->plan.items[index];
        int64_t id = index < (int)v->plan.n ? it->id : 0;
        *it = f->it;
        it->id = id;
        snprintf(it->helper_name, sizeof it->helper_name, "%s", f->helper_name);
        if (index == (int)v->plan.n)
            v->plan.n++;
        v->sel = index;
        v->dirty = 1;
    }
    free(f);
    return ok;
}

/* Keying needs the household 在册 in the year: refused with the rule. */
static int may_key(const struct planview *v)
{
    if (v->registered)
        return 1;
    char msg[400];
    unregistered_message(v, msg, sizeof msg);
    dialog_message("不能制定帮扶规划", msg);
    return 0;
}

static void pv_add(struct planview *v)
{
    if (!may_key(v))
        return;
    if (v->plan.n >= PLAN_MAX_ITEMS) {
        ui_status(MSG_WARN, "帮扶措施最多 %d 项 (每种措施一项)", PLAN_MAX_ITEMS);
        return;
    }
    item_edit(v, (int)v->plan.n);
}

static void pv_delete(struct planview *v)
{
    if (v->plan.n == 0)
        return;
    char q[300];
    snprintf(q, sizeof q, "从规划中删除第 %d 项「%s」吗? (按 F2 保存后生效)", v->sel + 1,
             codes_label(CL_MEASURE, v->plan.items[v->sel].measure));
    if (!dialog_yesno(q, ANSWER_NO))
        return;
    memmove(&v->plan.items[v->sel], &v->plan.items[v->sel + 1],
            (v->plan.n - (size_t)v->sel - 1) * sizeof v->plan.items[0]);
    v->plan.n--;
    v->dirty = 1;
}

static void pv_notes(struct planview *v)
{
    if (!may_key(v))
        return;
    char buf[sizeof v->plan.notes];
    snprintf(buf, sizeof buf, "%s", v->plan.notes);
    if (dialog_input("规划说明", "一户一法：该户的帮扶思路、户主意愿等:", buf, sizeof buf, 200) &&
        strcmp(buf, v->plan.notes) != 0) {
        snprintf(v->plan.notes, sizeof v->plan.notes, "%s", buf);
        v->dirty = 1;
    }
}

/* F2: the whole plan in one transaction; 1 when saved. */
static int pv_save(struct planview *v)
{
    if (!may_key(v))
        return 0;
    int year = v->plan.year;
    if (v->plan.n == 0 && v->plan.id) {     /* every measure removed: the plan goes */
        char q[120];
        snprintf(q, sizeof q, "已删除全部措施：删除该户 %d年帮扶规划吗? (操作日志中可查)", year);
        if (!dialog_yesno(q, ANSWER_NO))
            return 0;
        if (db_plan_delete(app.db, v->hh_id, year) != DB_OK) {
            dialog_message("不能删除", app_errmsg());
            return 0;
        }
        pv_load(v, year);
        ui_status(MSG_INFO, "已删除 %d年帮扶规划", year);
        return 1;
    }
    if (db_plan_save_checked(app.db, &v->cc, &v->plan) != DB_OK) {
        dialog_message("不能保存", app_errmsg());
        return 0;
    }
    int sel = v->sel;
    pv_load(v, year);
    v->sel = sel;
    ui_status(MSG_INFO, "已保存 %d年帮扶规划 (%zu 项措施)", year, v->plan.n);
    return 1;
}

/* Unsaved changes: 1 when the screen may go (saved or dropped). */
static int pv_may_leave(struct planview *v)
{
    if (!v->dirty)
        return 1;
    enum answer a = dialog_yes_no_cancel("帮扶规划已修改，保存吗?", ANSWER_YES);
    if (a == ANSWER_YES)
        return pv_save(v);
    return a == ANSWER_NO;
}

static void pv_year(struct planview *v)
{
    int year = v->plan.year;
    if (!pv_may_leave(v) || !dialog_input_int("换年度", "规划年度:", 2000, 2100, &year))
        return;
    pv_load(v, year);
}

static void pv_help(void)
{
    dialog_text("帮助", "帮扶规划 (一户一法): 每户每年一份，7月底前制定 (期限见基础设置)。\n"
                "Ins 新增一项措施: 帮扶措施 (F4 选)、帮扶目标、目标金额、责任人 (该户的帮扶责任人)、完成期限。\n"
                "Enter 修改，Del 删除，F5 填写规划说明；改完按 F2 保存 (整份规划一起保存)。\n"
                "误建的规划: 删除全部措施后按 F2，确认后删除整份规划 (操作日志中可查)。\n"
                "情况一栏按本年帮扶记录卡中同类措施的记录计算: 未开始 / 进行中 (未达目标金额) / 已完成。\n"
                "只能为该年度在册的贫困户制定规划。F3 换年度，Esc 返回 (有未保存的修改时先询问)。");
}

static enum screen_action pv_key(void *self, int kind, wint_t ch)
{
    struct planview *v = self;
    int fkey = kind == KEY_CODE_YES;
    if (!fkey && ch == KEY_ESC)
        return pv_may_leave(v) ? ACT_POP : ACT_NONE;
    if (alist_is_enter(kind, ch)) {
        if (v->plan.n && may_key(v))
            item_edit(v, v->sel);
        return ACT_NONE;
    }
    if (!fkey && ch == CTRL('s'))
        ch = KEY_F(2), fkey = 1;
    if (!fkey || alist_key(ch, &v->sel, (int)v->plan.n, LINES - 6))
        return ACT_NONE;
    switch (ch) {
    case KEY_IC: pv_add(v); break;
    case KEY_DC: pv_delete(v); break;
    case KEY_F(5): pv_notes(v); break;
    case KEY_F(2): pv_save(v); break;
    case KEY_F(3): pv_year(v); break;
    case KEY_F(1): pv_help(); break;
    }
    return ACT_NONE;
}

static int pv_may_quit(void *self)
{
    return pv_may_leave(self);
}

static void pv_close(void *self)
{
    free(self);
}

struct screen planview_open(int64_t household_id, int year)
{
    struct planview *v = calloc(1, sizeof *v);
    v->hh_id = household_id;
    app_check_context(&v->cc);
    db_plan_check_ctx(app.db, &v->cc);
    pv_load(v, year);
    return (struct screen){ .name = "planview", .draw = pv_draw, .key = pv_key, .close = pv_close,
                            .may_quit = pv_may_quit, .self = v };
}

void planview_summary(int64_t household_id, int year, char *out, size_t outsz)
{
    struct plan *p = malloc(sizeof *p);
    if (!p || db_plan_get(app.db, household_id, year, p) != DB_OK) {
        snprintf(out, outsz, "%d年帮扶规划: 尚未制定 (F5 制定)", year);
        free(p);
        return;
    }
    snprintf(out, outsz, "%d年帮扶规划:", year);
    for (size_t i = 0; i < p->n; i++) {
        char one[160];
        snprintf(one, sizeof one, "%s%s %s(%d条)", i ? "；" : " ", codes_label(CL_MEASURE, p->items[i].measure),
                 plan_status_label(plan_item_status(p->items[i].amount, p->items[i].entries,
                                                    p->items[i].done_amount)), p->items[i].entries);
        size_t len = strlen(out);
        snprintf(out + len, outsz - len, "%s", one);
    }
    free(p);
}
