/* hhlist.c — 户信息查询/修改: every household of the area, searched as you
 * type by name, pinyin initials, 4+ digits of an ID number or 户编号, filtered
 * by village and state; Enter opens the household's survey form, F5 its
 * application (Form A) for correction, F9 writes its 户有卡 beside the
 * database. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/codes.h"
#include "core/workflow.h"
#include "db/card_export.h"
#include "db/household_store.h"
#include "db/settings.h"
#include "tui/areapick.h"
#include "tui/dialog.h"
#include "tui/lineedit.h"
#include "tui/screens.h"
#include "tui/ui.h"

/* The rows held: a window of the list (which may hold a whole county),
 * moved a half at a time as the selection reaches its edge. */
#define WINDOW 500
#define HALF (WINDOW / 2)

struct hhlist {
    struct lineedit query;
    char village[16];           /* filter: village code, "" = all */
    char village_name[TEXT_BYTES(30)];   /* struct area.name */
    int state;                  /* filter: WF_* or -1 = all */
    struct hh_row rows[WINDOW];
    int n;
    int at_start, at_end;       /* the window holds the list's first / last row */
    long base;                  /* list position of rows[0]; -1 counted from the end */
    int sel, first;
    int stale;                  /* re-run the query before drawing */
    char last_query[256];
};

static const char *filter_village(const struct hhlist *l)
{
    return l->village[0] ? l->village : NULL;
}

/* Fetches up to max rows after (or before) `from` into out; 0 on error. */
static size_t fetch(struct hhlist *l, const struct hh_row *from, int backward,
                    struct hh_row *out, size_t max)
{
    char q[256];
    le_get_utf8(&l->query, q, sizeof q);
    size_t n = 0;
    if (db_household_page(app.db, q, filter_village(l), l->state, from, backward, out, max, &n) != DB_OK) {
        ui_status(MSG_ERROR, "查询失败: %s", app_errmsg());
        n = 0;
    }
    return n;
}

/* A new filter: the list is read again from its first row. */
static void restart(struct hhlist *l)
{
    l->at_start = 1;
    l->sel = l->first = 0;
    l->stale = 1;
}

/* Re-reads the list: from the start after a new query or filter, from the
 * window's first row when the query is the same (back from a form deep in
 * the list, the clerk stays where they were). */
static void run_query(struct hhlist *l)
{
    char q[256];
    le_get_utf8(&l->query, q, sizeof q);
    int same = strcmp(q, l->last_query) == 0;
    struct hh_row prev;
    if (same && !l->at_start && l->n > 0 && fetch(l, &l->rows[0], 1, &prev, 1) == 1) {
        l->n = (int)fetch(l, &prev, 0, l->rows, WINDOW);
        l->at_end = l->n < WINDOW;
    } else {
        l->n = (int)fetch(l, NULL, 0, l->rows, WINDOW);
        l->at_start = 1;
        l->at_end = l->n < WINDOW;
        l->base = 0;
    }
    if (!same) {
        l->sel = l->first = 0;
        snprintf(l->last_query, sizeof l->last_query, "%s", q);
    }
    if (l->sel >= l->n) l->sel = l->n ? l->n - 1 : 0;
    l->stale = 0;
}

/* The window's next half: keeps the last HALF rows, appends what follows. */
static void page_down(struct hhlist *l)
{
    static struct hh_row more[HALF];
    size_t got = l->at_end || l->n == 0 ? 0 : fetch(l, &l->rows[l->n - 1], 0, more, HALF);
    l->at_end = got < HALF;
    if (got == 0)
        return;
    int keep = l->n < HALF ? l->n : HALF, drop = l->n - keep;
    memmove(l->rows, l->rows + drop, (size_t)keep * sizeof *l->rows);
    memcpy(l->rows + keep, more, got * sizeof *more);
    l->n = keep + (int)got;
    l->sel -= drop;
    l->first -= drop;
    l->at_start = l->at_start && drop == 0;
    if (l->base >= 0)
        l->base += drop;
}

/* The window's previous half: keeps the first HALF rows, prepends what precedes. */
static void page_up(struct hhlist *l)
{
    static struct hh_row before[HALF];
    size_t got = l->at_start || l->n == 0 ? 0 : fetch(l, &l->rows[0], 1, before, HALF);
    l->at_start = got < HALF;
    if (got == 0)
        return;
    int keep = l->n < HALF ? l->n : HALF;
    memmove(l->rows + got, l->rows, (size_t)keep * sizeof *l->rows);
    memcpy(l->rows, before, got * sizeof *before);
    l->at_end = l->at_end && keep == l->n;
    l->n = keep + (int)got;
    l->sel += (int)got;
    l->first += (int)got;
    if (l->base >= 0)
        l->base -= (long)got;
}

/* End: the list's last WINDOW rows, the last one selected. */
static void go_end(struct hhlist *l)
{
    if (!l->at_end) {
        l->n = (int)fetch(l, NULL, 1, l->rows, WINDOW);
        l->at_end = 1;
        l->at_start = l->n < WINDOW;
        l->base = l->at_start ? 0 : -1;
    }
    l->sel = l->n ? l->n - 1 : 0;
}

/* Moves the selection by `by` rows, moving the window when it reaches an edge. */
static void move_sel(struct hhlist *l, int by)
{
    int want = l->sel + by;
    while (want >= l->n && !l->at_end) {
        int before = l->sel;
        page_down(l);
        want -= before - l->sel;
    }
    while (want < 0 && !l->at_start) {
        int before = l->sel;
        page_up(l);
        want += l->sel - before;
    }
    l->sel = want >= l->n ? (l->n ? l->n - 1 : 0) : want < 0 ? 0 : want;
}

static void hhlist_draw(void *self)
{
    struct hhlist *l = self;
    if (l->stale)
        run_query(l);
    char right[64];
    if (l->at_start && l->at_end)
        snprintf(right, sizeof right, "找到 %d 户", l->n);
    else if (l->base >= 0)
        snprintf(right, sizeof right, "第 %ld 户 (PgDn 翻页)", l->base + l->sel + 1);
    else
        snprintf(right, sizeof right, "倒数第 %d 户", l->n - l->sel);
    ui_title("户信息查询/修改", right);
    char filt[160];
    snprintf(filt, sizeof filt, "村: %s  状态: %s", l->village[0] ? l->village_name : "全部",
             l->state >= 0 ? wf_state_label(l->state) : "全部");
    ui_put(1, 0, "查找:", 6, A_BOLD);
    int fx = COLS - ui_width(filt) - 1;
    ui_put(1, fx, filt, COLS - fx, ui_attr(UI_DIM));
    ui_put(2, 0, " 户编号           村/组              户主        人口 属性           状态", COLS, A_BOLD);
    int rows = LINES - 5;
    if (l->sel < l->first) l->first = l->sel;
    if (l->sel >= l->first + rows) l->first = l->sel - rows + 1;
    for (int r = 0; r < rows; r++) {
        int i = l->first + r;
        int y = 3 + r;
        if (i >= l->n) { ui_put(y, 0, "", COLS, A_NORMAL); continue; }
        const struct hh_row *h = &l->rows[i];
        attr_t a = i == l->sel ? ui_attr(UI_SELECTED) : A_NORMAL;
        char place[96], size[8];
        snprintf(place, sizeof place, "%s%s%s", h->village_name, h->group_name[0] ? "/" : "", h->group_name);
        snprintf(size, sizeof size, "%d", h->n_members);
        int x = 0;
        ui_put(y, x, " ", 1, a); x += 1;
        ui_put(y, x, h->hh_no[0] ? h->hh_no : "(未建档)", 17, a); x += 17;
        ui_put(y, x, place, 19, a); x += 19;
        ui_put(y, x, h->head_name, 12, a); x += 12;
        ui_put(y, x, size, 5, a); x += 5;
        ui_put(y, x, codes_label(CL_HH_TYPE, h->hh_type), 15, a); x += 15;
        ui_put(y, x, wf_state_label(h->state), COLS - x, a);
    }
    if (l->n == 0)
        ui_put(4, 2, "没有符合条件的户。按 Esc 返回，或在主菜单选 1 新增申请。", COLS - 4, ui_attr(UI_DIM));
    ui_status_draw();
    ui_keybar(" 姓名/拼音/证号/户号 Enter调查表 F5申请书 F6村 F7状态 F8清除 F9户有卡 Esc返回");
    curs_set(1);
    le_set_width(&l->query, COLS - 8 - ui_width(filt) > 10 ? COLS - 8 - ui_width(filt) : 10);
    le_draw(stdscr, 1, 6, &l->query, ui_attr(UI_FIELD));
}

static void pick_village_filter(struct hhlist *l)
{
    areapick_village("按村筛选 (输入村名、拼音首字母或代码)", "全部村", l->village, sizeof l->village,
                     l->village_name, sizeof l->village_name);
    restart(l);
}

static void pick_state_filter(struct hhlist *l)
{
    const char *labels[WF_STATE_COUNT + 1];
    labels[0] = "全部状态";
    for (int s = 1; s < WF_STATE_COUNT; s++)
        labels[s] = wf_state_label(s);
    int k = dialog_pick("按状态筛选", labels, WF_STATE_COUNT, l->state < 0 ? 0 : l->state, NULL, NULL);
    if (k >= 0)
        l->state = k == 0 ? -1 : k;
    restart(l);
}

/* F5: the selected household's 申请书, to correct it.  Once it has served as
 * evidence (评议, 公示, 建档) the clerk is told so and asked first. */
static void open_application(struct hhlist *l)
{
    if (l->n == 0)
        return;
    const struct hh_row *h = &l->rows[l->sel];
    if (wf_application_is_evidence(h->state)) {
        char q[400];
        snprintf(q, sizeof q, "%s户 状态为「%s」，申请书已作为认定依据。更正将记入修改记录 "
                 "(操作员、时间、修改前后的内容)。确实要更正申请书吗?", h->head_name,
                 wf_state_label(h->state));
        if (!dialog_yesno(q, ANSWER_NO))
            return;
    }
    app_push(form_open_application(h->id));
    l->stale = 1;
}

/* F9: the selected household's 户有卡 (this year's), written beside the
 * database without a question; the clerk is told the full path. */
static void export_card(struct hhlist *l)
{
    if (l->n == 0)
        return;
    const struct hh_row *h = &l->rows[l->sel];
    char dir[512], full[PATH_MAX], path[PATH_MAX + 300];
    app_export_dir(dir, sizeof dir);
    card_default_name(app.db, h->id, realpath(dir, full) ? full : dir, path, sizeof path);
    ui_status(MSG_INFO, "正在导出户有卡…");
    refresh();
    if (card_export(app.db, h->id, app.year, path) != DB_OK) {
        ui_status_clear();
        dialog_message("导出失败", app_errmsg());
        return;
    }
    app_written("已导出户有卡", "已导出户有卡 (A4 纵向)", path);
}

static enum screen_action hhlist_key(void *self, int kind, wint_t ch)
{
    struct hhlist *l = self;
    int fkey = kind == KEY_CODE_YES;
    if (fkey) {
        switch (ch) {
        case KEY_UP: move_sel(l, -1); return ACT_NONE;
        case KEY_DOWN: move_sel(l, 1); return ACT_NONE;
        case KEY_NPAGE: move_sel(l, LINES - 5); return ACT_NONE;
        case KEY_PPAGE: move_sel(l, -(LINES - 5)); return ACT_NONE;
        /* Home/End move in the list (the search box is short: ← → reach it all). */
        case KEY_HOME: restart(l); return ACT_NONE;
        case KEY_END: go_end(l); return ACT_NONE;
        case KEY_F(6): pick_village_filter(l); return ACT_NONE;
        case KEY_F(7): pick_state_filter(l); return ACT_NONE;
        case KEY_F(5): open_application(l); return ACT_NONE;
        case KEY_F(9): export_card(l); return ACT_NONE;
        case KEY_F(8): l->village[0] = 0; l->state = -1; le_set_utf8(&l->query, ""); restart(l); return ACT_NONE;
        case KEY_F(3): return ACT_NONE;     /* the search box always has the keys */
        case KEY_F(1):
            dialog_text("帮助", "在「查找」中输入即可查找，每输入一个字结果立即更新:\n"
                        "  任一家庭成员的姓名或其中的字 (如 张三)、拼音首字母 (如 zs;\n"
                        "  多音字按任一读音均可, 如 张长生 zcs 或 zzs)、\n"
                        "  身份证号中任意连续4位以上数字、户编号。户主匹配的户排在前面。\n"
                        "↑↓ PgUp PgDn 选择 (可翻到最后一户), Home/End 第一户/最后一户,\n"
                        "Enter 打开该户本年度的入户调查表 (可修改; 表上按 F8 查看往年调查),\n"
                        "F5 打开该户的申请书 (可更正),\n"
                        "F9 导出该户的户有卡 (Excel, A4 纵向一页, 存在数据库所在的文件夹),\n"
                        "F6 按村筛选, F7 按状态筛选, "
                        "F8 清除全部筛选, Esc 返回主菜单。");
            return ACT_NONE;
        case KEY_ENTER: break;
        case UI_KEY_PASTE:
            if (!ui_paste_into(&l->query)) l->stale = 1;
            return ACT_NONE;
        default:
            if (le_key(&l->query, ch, 1) == LE_OK) l->stale = 1;
            return ACT_NONE;
        }
    }
    if (ch == KEY_ESC)
        return ACT_POP;
    if (ch == '\n' || ch == '\r' || (fkey && ch == KEY_ENTER)) {
        if (l->n > 0) {
            app_push(form_open_survey(l->rows[l->sel].id));
            l->stale = 1;
        }
        return ACT_NONE;
    }
    if (!fkey && ch == '/')
        return ACT_NONE;
    if (le_key(&l->query, ch, fkey) == LE_OK)
        l->stale = 1;
    return ACT_NONE;
}

static void hhlist_close(void *self)
{
    free(self);
    curs_set(0);
}

struct screen hhlist_screen(void)
{
    struct hhlist *l = calloc(1, sizeof *l);
    le_init(&l->query, 30, 40);
    l->state = -1;
    l->stale = 1;
    return (struct screen){ "hhlist", hhlist_draw, hhlist_key, hhlist_close, NULL, l };
}
