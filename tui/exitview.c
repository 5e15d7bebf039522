/* exitview.c — 脱贫退出 (see exitview.h): the registered households and
 * those on the exit path, and Form G as a screen of its own. */
#include "tui/exitview.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/codes.h"
#include "core/income.h"
#include "core/workflow.h"
#include "db/assist.h"
#include "db/household_store.h"
#include "db/record.h"
#include "db/workflow_store.h"
#include "tui/areapick.h"
#include "tui/dialog.h"
#include "tui/notices.h"
#include "tui/ui.h"
#include "tui/wfui.h"

/* Rows read per db_household_page call: the list holds every household on
 * the exit path (a county's 53 819 在册 among them), read a page at a time
 * so no single query sorts the whole county. */
#define PAGE 1000

/* ---- Form G ------------------------------------------------------------ */

struct formg {
    struct wfs_exit e;
    char head[TEXT_BYTES(NAME_CHARS)];
    int *saved;         /* the list's stale flag: set when the form is saved */
};

static const char *const check_names[6] = { "不愁吃", "不愁穿", "义务教育有保障", "基本医疗有保障",
                                            "住房安全有保障", "饮水安全有保障" };

static int *check_flag(struct wfs_exit *e, int i)
{
    int *ok[6] = { &e->food, &e->clothing, &e->education, &e->medical, &e->housing, &e->water };
    return ok[i];
}

static void formg_draw(void *self)
{
    struct formg *g = self;
    struct wfs_exit *e = &g->e;
    char line[600], a[32], b[32], why[300], pad[64];
    snprintf(line, sizeof line, "脱贫退出核查表 (表G)  户主 %s", g->head);
    snprintf(a, sizeof a, "%d 年度", e->year);
    ui_title(line, a);
    money_format(e->per_capita, a, sizeof a);
    money_format(e->exit_line, b, sizeof b);
    if (e->survey_missing)
        snprintf(line, sizeof line, "%d年尚无入户调查: 请先在「户信息查询」完成该户%d年的调查 (回头看)",
                 e->year, e->year);
    else
        snprintf(line, sizeof line, "%d年调查: 年人均纯收入 %s 元, 退出线 %s 元: %s", e->year, a, b,
                 e->line_found && e->per_capita >= e->exit_line ? "达到" : "未达到");
    ui_put(2, 2, line, COLS - 2, A_NORMAL);
    for (int i = 0; i < 6; i++) {
        const char *note = i == 2 ? e->education_note : i == 3 ? e->medical_note : "";
        int ok = *check_flag(e, i);
        snprintf(line, sizeof line, "%d. %s %s  %s", i + 1, ui_pad(check_names[i], 16, pad, sizeof pad),
                 ok ? "是" : "否", note);
        ui_put(4 + i, 4, line, COLS - 4, ok ? A_NORMAL : ui_attr(UI_ERROR));
    }
    snprintf(line, sizeof line, "7. 脱贫途径       %s", e->route ? codes_label(CL_EXIT_ROUTE, e->route) : "(未选)");
    ui_put(11, 4, line, COLS - 4, A_NORMAL);
    int pass = wfs_exit_passes(e, why, sizeof why);
    snprintf(line, sizeof line, "核查结论: %s%s", pass ? "符合退出条件" : "不符合: ", pass ? "" : why);
    ui_put(13, 2, line, COLS - 2, pass ? A_BOLD : ui_attr(UI_WARN));
    ui_put(15, 2, "两不愁三保障按数据预填, 由核查人逐项确认: 按 1-6 切换 是/否。", COLS - 2, ui_attr(UI_DIM));
    for (int y = 16; y < LINES - 2; y++)
        ui_put(y, 0, "", COLS, A_NORMAL);
    ui_status_draw();
    ui_keybar(" 1-6切换 7脱贫途径 F2保存 Esc返回(不保存)");
    curs_set(0);
}

static void formg_route(struct wfs_exit *e)
{
    size_t n = 0;
    const struct code *c = codes_list(CL_EXIT_ROUTE, &n);
    const char *labels[16];
    if (n > 16)
        n = 16;
    int cur = 0;
    for (size_t i = 0; i < n; i++) {
        labels[i] = c[i].label;
        if (c[i].code == e->route)
            cur = (int)i;
    }
    int r = wfui_pick("脱贫途径", labels, n, cur);
    if (r >= 0)
        e->route = c[r].code;
}

static enum screen_action formg_key(void *self, int kind, wint_t ch)
{
    struct formg *g = self;
    if (kind == KEY_CODE_YES) {
        if (ch != KEY_F(2))
            return ACT_NONE;
        ch = 's';
    }
    if (ch == KEY_ESC)
        return ACT_POP;
    if (ch >= '1' && ch <= '6') {
        int *f = check_flag(&g->e, (int)(ch - '1'));
        *f = !*f;
    } else if (ch == '7') {
        formg_route(&g->e);
    } else if (ch == 's' || ch == CTRL('s')) {
        db_copy_text(g->e.checker, sizeof g->e.checker, app.operator_name);
        if (wfs_exit_save(app.db, &g->e) != DB_OK) {
            wfui_error();
            return ACT_NONE;
        }
        *g->saved = 1;
        ui_status(MSG_INFO, "表G 已保存%s", wfs_exit_passes(&g->e, NULL, 0) ? "; 下一步: 村级评议 (退出)" : "");
        return ACT_POP;
    }
    return ACT_NONE;
}

static void formg_close(void *self)
{
    free(self);
}

/* ---- the list ----------------------------------------------------------- */

struct exitview {
    struct hh_row *rows;    /* every household listed, malloc'd, grows */
    size_t cap;             /* rows allocated */
    struct wfui_list l;
    int state;          /* filter: WF_REGISTERED, WF_EXITED, or -1 = the exit path */
    char village[AREA_CODE_LEN + 1];        /* filter: village code, "" = all */
    char village_name[TEXT_BYTES(30)];
};

/* Room for one more page after the rows read; 0 when out of memory (the
 * rows read so far stay). */
static int ev_room(struct exitview *v)
{
    if (v->cap - v->l.n >= PAGE)
        return 1;
    size_t cap = v->cap ? v->cap * 2 : 4 * PAGE;
    struct hh_row *grown = realloc(v->rows, cap * sizeof *grown);
    if (!grown)
        return 0;
    v->rows = grown;
    v->cap = cap;
    return 1;
}

/* Appends every household in `state` (of the village filter) to the rows,
 * page after page: each page starts after the last row of the one before
 * (copied, as the buffer may move).  0 when it had to stop: the status line
 * says why. */
static int ev_load_state(struct exitview *v, int state)
{
    struct hh_row last;
    const struct hh_row *from = NULL;
    for (;;) {
        if (!ev_room(v)) {
            ui_status(MSG_ERROR, "内存不足: 只列出了前 %zu 户", v->l.n);
            return 0;
        }
        size_t m = 0;
        if (db_household_page(app.db, "", v->village[0] ? v->village : NULL, state, from, 0,
                              v->rows + v->l.n, PAGE, &m) != DB_OK) {
            ui_status(MSG_ERROR, "查询失败: %s (只列出了前 %zu 户)", app_errmsg(), v->l.n);
            return 0;
        }
        v->l.n += m;
        if (m < PAGE)
            return 1;
        last = v->rows[v->l.n - 1];
        from = &last;
    }
}

/* The list in the order it always had: all 已建档立卡, then each state of
 * the exit path in turn (or the one state of the filter). */
static void ev_load(struct exitview *v)
{
    v->l.n = 0;
    static const int path[] = { WF_REGISTERED, WF_EXIT_APPRAISED, WF_EXIT_NOTICE1, WF_EXIT_NOTICE2,
                                WF_EXIT_NOTICE3, WF_EXITED };
    for (size_t k = 0; k < sizeof path / sizeof *path; k++) {
        if (v->state >= 0 && path[k] != v->state)
            continue;
        if (!ev_load_state(v, path[k]))
            break;
    }
    wfui_clamp(&v->l);
    v->l.stale = 0;
}

static void ev_row(void *self, int i, int y, attr_t a)
{
    const struct hh_row *h = &((struct exitview *)self)->rows[i];
    char place[256], size[8], form[64] = "", no[32];
    snprintf(no, sizeof no, " %s", h->hh_no);
    snprintf(place, sizeof place, "%s/%s", h->village_name, h->group_name);
    snprintf(size, sizeof size, "%d", h->n_members);
    /* Only the visible rows ask the file for their Form G. */
    struct wfs_exit e;
    if (wfs_exit_get(app.db, h->id, 0, &e) == DB_OK)
        snprintf(form, sizeof form, "%d年 %s", e.year, wfs_exit_passes(&e, NULL, 0) ? "通过" : "未通过");
    const char *cells[] = { no, place, h->head_name, size, wf_state_label(h->state), form };
    static const int widths[] = { 18, 19, 12, 5, 13, 0 };
    wfui_cells(y, cells, widths, 6, a);
}

static void ev_draw(void *self)
{
    struct exitview *v = self;
    if (v->l.stale)
        ev_load(v);
    char right[64];
    snprintf(right, sizeof right, "%zu 户", v->l.n);
    ui_title("脱贫退出 (表G 脱贫退出核查)", right);
    char filt[200];
    snprintf(filt, sizeof filt, "显示: %s  村: %s",
             v->state == WF_REGISTERED ? "已建档立卡" : v->state == WF_EXITED ? "已脱贫" : "在册及退出中、已脱贫",
             v->village[0] ? v->village_name : "全部");
    ui_put(1, 0, filt, COLS, ui_attr(UI_DIM));
    ui_put(2, 0, " 户编号           村/组              户主        人口 状态         核查表", COLS, A_BOLD);
    wfui_list_draw(&v->l, 3, LINES - 5, ev_row, v);
    if (!v->l.n)
        ui_put(4, 2, "没有符合条件的户。", COLS - 4, ui_attr(UI_DIM));
    ui_status_draw();
    ui_keybar(" Enter退出核查表 R返贫 W放弃帮扶 H记录 F6村 F7状态 F1帮助 Esc返回");
    curs_set(0);
}

/* Opens Form G of the selected household for this year (the exit year):
 * this year's stored one, else pre-filled from this year's survey. */
static void form_g(struct exitview *v)
{
    if (!v->l.n)
        return;
    const struct hh_row *h = &v->rows[v->l.sel];
    struct formg *g = calloc(1, sizeof *g);
    if (!g)
        return;
    if (wfs_exit_get(app.db, h->id, app.year, &g->e) != DB_OK &&
        wfs_exit_prefill(app.db, h->id, app.year, &g->e) != DB_OK) {
        free(g);
        wfui_error();
        return;
    }
    db_copy_text(g->head, sizeof g->head, h->head_name);
    g->saved = &v->l.stale;
    app_push((struct screen){ "formg", formg_draw, formg_key, formg_close, NULL, g });
}

/* A new filter: the list is read again and shown from its top (the old
 * selection's number means nothing in another list). */
static void ev_refilter(struct exitview *v)
{
    v->l.sel = v->l.first = 0;
    v->l.stale = 1;
}

/* F6: the shared village picker (every village of the file, typed to
 * narrow); 全部村 gives code "".  Esc, or no village yet, keeps the filter. */
static void ev_pick_village(struct exitview *v)
{
    char code[sizeof v->village], name[sizeof v->village_name];
    snprintf(code, sizeof code, "%s", v->village);
    if (areapick_village("按村筛选 (输入村名、拼音首字母或代码)", "全部村", code, sizeof code, name,
                         sizeof name) != 1 || strcmp(code, v->village) == 0)
        return;
    snprintf(v->village, sizeof v->village, "%s", code);
    snprintf(v->village_name, sizeof v->village_name, "%s", name);
    ev_refilter(v);
}

static void ev_pick_state(struct exitview *v)
{
    const char *f[] = { "在册及退出中、已脱贫", "已建档立卡", "已脱贫" };
    int cur = v->state == WF_REGISTERED ? 1 : v->state == WF_EXITED ? 2 : 0;
    int k = wfui_pick("按状态筛选", f, 3, cur);
    if (k < 0 || k == cur)
        return;
    v->state = k == 0 ? -1 : k == 1 ? WF_REGISTERED : WF_EXITED;
    ev_refilter(v);
}

static void ev_help(void)
{
    dialog_text("脱贫退出帮助",
        "Enter 打开所选户的脱贫退出核查表 (表G): 收入与退出线、两不愁三保障六项按数据预填\n"
        "(学龄儿童失学 → 义务教育未通过, 有成员未参保 → 基本医疗未通过, 危房 → 住房安全未通过),\n"
        "由核查人确认后 F2 保存。之后在「村级评议」新建退出评议, 在「公示管理」发布退出三榜公示。\n"
        "R 已脱贫户返贫 (须先录入本年度已签字的申请书), W 登记放弃帮扶声明, H 查看状态记录与公示。\n"
        "↑↓ PgUp PgDn 选择, Home/End 第一户/最后一户 (列出全部户, 不限户数)。\n"
        "F6 按村筛选 (输入村名、拼音首字母或代码; 选「全部村」取消),\n"
        "F7 按状态筛选 (在册及退出中、已脱贫 / 已建档立卡 / 已脱贫)。");
}

static enum screen_action ev_key(void *self, int kind, wint_t ch)
{
    struct exitview *v = self;
    if (kind == KEY_CODE_YES) {
        if (wfui_nav(&v->l, (int)ch))
            return ACT_NONE;
        if (ch == KEY_ENTER)
            form_g(v);
        else if (ch == KEY_F(6))
            ev_pick_village(v);
        else if (ch == KEY_F(7))
            ev_pick_state(v);
        else if (ch == KEY_F(1))
            ev_help();
        return ACT_NONE;
    }
    if (ch == KEY_ESC)
        return ACT_POP;
    if (!v->l.n)
        return ACT_NONE;
    const struct hh_row *h = &v->rows[v->l.sel];
    if (ch == '\n' || ch == '\r') {
        form_g(v);
    } else if (ch == 'r' || ch == 'R') {
        char reason[TEXT_BYTES(100)] = "";
        if (dialog_input("返贫", "返贫原因:", reason, sizeof reason, 100)) {
            if (wfs_relapse(app.db, h->id, "", reason) != DB_OK)
                wfui_error();
            else
                ui_status(MSG_INFO, "%s 已转为「已申请」, 重新识别 (原记录保留)", h->head_name);
            v->l.stale = 1;
        }
    } else if (ch == 'w' || ch == 'W') {
        char reason[TEXT_BYTES(100)] = "";
        if (dialog_input("放弃帮扶声明", "声明原因:", reason, sizeof reason, 100) &&
            dialog_yesno("登记后该户不能再新增帮扶记录。确认登记吗?", ANSWER_NO)) {
            if (db_waiver_add(app.db, h->id, "", reason, NULL) != DB_OK)
                wfui_error();
            else
                ui_status(MSG_INFO, "已登记放弃帮扶声明");
        }
    } else if (ch == 'h' || ch == 'H') {
        notices_show_household(h->id);
    }
    return ACT_NONE;
}

static void ev_close(void *self)
{
    struct exitview *v = self;
    free(v->rows);
    free(v);
}

struct screen exitview_screen(void)
{
    struct exitview *v = calloc(1, sizeof *v);
    v->state = -1;      /* rows come with the first load (ev_room) */
    v->l.stale = 1;
    return (struct screen){ "exit", ev_draw, ev_key, ev_close, NULL, v };
}
