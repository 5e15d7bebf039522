/* exitview.c — 脱贫退出 (see exitview.h). */
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
#include "tui/dialog.h"
#include "tui/notices.h"
#include "tui/ui.h"

#define MAX_ROWS 2000

struct exitview {
    struct hh_row *rows;
    size_t n;
    int state;          /* filter: WF_REGISTERED, WF_EXITED, or -1 = the exit path */
    int sel, first, stale;
};

static void show_error(void)
{
    dialog_message("不能完成", db_errmsg(app.db));
}

static void ev_load(struct exitview *v)
{
    v->n = 0;
    static const int path[] = { WF_REGISTERED, WF_EXIT_APPRAISED, WF_EXIT_NOTICE1, WF_EXIT_NOTICE2,
                                WF_EXIT_NOTICE3, WF_EXITED };
    for (size_t k = 0; k < sizeof path / sizeof *path; k++) {
        if (v->state >= 0 && path[k] != v->state)
            continue;
        size_t m = 0;
        if (db_household_search(app.db, "", NULL, path[k], v->rows + v->n, MAX_ROWS - v->n, &m) != DB_OK)
            break;
        v->n += m;
    }
    if (v->sel >= (int)v->n)
        v->sel = v->n ? (int)v->n - 1 : 0;
    v->stale = 0;
}

static void ev_draw(void *self)
{
    struct exitview *v = self;
    if (v->stale)
        ev_load(v);
    char right[64];
    snprintf(right, sizeof right, "%zu 户", v->n);
    ui_title("脱贫退出 (表G 脱贫退出核查)", right);
    ui_put(1, 0, v->state == WF_REGISTERED ? "显示: 已建档立卡" : v->state == WF_EXITED ? "显示: 已脱贫"
                 : "显示: 在册及退出中、已脱贫", COLS, ui_attr(UI_DIM));
    ui_put(2, 0, " 户编号           村/组              户主        人口 状态         核查表", COLS, A_BOLD);
    int rows = LINES - 5;
    if (v->sel < v->first) v->first = v->sel;
    if (v->sel >= v->first + rows) v->first = v->sel - rows + 1;
    for (int r = 0; r < rows; r++) {
        int i = v->first + r, y = 3 + r;
        if (i >= (int)v->n) {
            ui_put(y, 0, "", COLS, A_NORMAL);
            continue;
        }
        const struct hh_row *h = &v->rows[i];
        attr_t a = i == v->sel ? ui_attr(UI_SELECTED) : A_NORMAL;
        char place[256], size[8], form[64] = "";
        snprintf(place, sizeof place, "%s/%s", h->village_name, h->group_name);
        snprintf(size, sizeof size, "%d", h->n_members);
        /* Only the visible rows ask the file for their Form G. */
        struct wfs_exit e;
        if (wfs_exit_get(app.db, h->id, 0, &e) == DB_OK)
            snprintf(form, sizeof form, "%d年 %s", e.year, wfs_exit_passes(&e, NULL, 0) ? "通过" : "未通过");
        int x = 0;
        ui_put(y, x, " ", 1, a); x += 1;
        ui_put(y, x, h->hh_no, 17, a); x += 17;
        ui_put(y, x, place, 19, a); x += 19;
        ui_put(y, x, h->head_name, 12, a); x += 12;
        ui_put(y, x, size, 5, a); x += 5;
        ui_put(y, x, wf_state_label(h->state), 13, a); x += 13;
        ui_put(y, x, form, COLS - x, a);
    }
    if (!v->n)
        ui_put(4, 2, "没有已建档立卡的户。", COLS - 4, ui_attr(UI_DIM));
    ui_status_draw();
    ui_keybar(" Enter退出核查表 R返贫 W放弃帮扶 H记录 F7筛选 F1帮助 Esc返回");
    curs_set(0);
}

/* Form G in a dialog loop: the pre-filled checks, toggled by their digit. */
static void form_g(struct exitview *v)
{
    if (!v->n)
        return;
    const struct hh_row *h = &v->rows[v->sel];
    struct wfs_exit e;
    int year = app.year;
    if (wfs_exit_get(app.db, h->id, year, &e) != DB_OK && wfs_exit_prefill(app.db, h->id, 0, &e) != DB_OK) {
        show_error();
        return;
    }
    const char *names[6] = { "不愁吃", "不愁穿", "义务教育有保障", "基本医疗有保障", "住房安全有保障",
                             "饮水安全有保障" };
    for (;;) {
        int *ok[6] = { &e.food, &e.clothing, &e.education, &e.medical, &e.housing, &e.water };
        char text[2048], a[32], b[32], why[300];
        money_format(e.per_capita, a, sizeof a);
        money_format(e.exit_line, b, sizeof b);
        int len = snprintf(text, sizeof text, "户主 %s  年度 %d\n年人均纯收入 %s 元, 退出线 %s 元: %s\n\n",
                           h->head_name, e.year, a, b,
                           e.line_found && e.per_capita >= e.exit_line ? "达到" : "未达到");
        char npad[64];
        for (int i = 0; i < 6 && len < (int)sizeof text; i++)
            len += snprintf(text + len, sizeof text - (size_t)len, "  %d. %s %s%s%s\n", i + 1,
                            ui_pad(names[i], 16, npad, sizeof npad),
                            *ok[i] ? "是" : "否",
                            i == 2 && e.education_note[0] ? "  " : i == 3 && e.medical_note[0] ? "  " : "",
                            i == 2 ? e.education_note : i == 3 ? e.medical_note : "");
        int pass = wfs_exit_passes(&e, why, sizeof why);
        if (len < (int)sizeof text)
            snprintf(text + len, sizeof text - (size_t)len,
                     "\n脱贫途径: %s\n核查结论: %s%s\n\n按 1-6 切换核查结果, 7 选择脱贫途径, 8 保存, 其他键返回",
                     e.route ? codes_label(CL_EXIT_ROUTE, e.route) : "(未选)", pass ? "符合退出条件" : "不符合: ",
                     pass ? "" : why);
        const char *opts[] = { "1 不愁吃", "2 不愁穿", "3 义务教育", "4 基本医疗", "5 住房安全", "6 饮水安全",
                               "7 脱贫途径", "8 保存", "返回" };
        dialog_text("脱贫退出核查 (表G)", text);
        int k = dialog_pick("表G: 选择操作", opts, 9, 7, NULL, NULL);
        if (k < 0 || k == 8)
            return;
        if (k < 6) {
            *ok[k] = !*ok[k];
        } else if (k == 6) {
            size_t n = 0;
            const struct code *c = codes_list(CL_EXIT_ROUTE, &n);
            const char *labels[16];
            for (size_t i = 0; i < n && i < 16; i++)
                labels[i] = c[i].label;
            int r = dialog_pick("脱贫途径", labels, n < 16 ? n : 16, e.route ? e.route - 1 : 0, NULL, NULL);
            if (r >= 0)
                e.route = c[r].code;
        } else {
            db_copy_text(e.checker, sizeof e.checker, app.operator_name);
            if (wfs_exit_save(app.db, &e) != DB_OK) {
                show_error();
            } else {
                ui_status(MSG_INFO, "表G 已保存%s", pass ? "; 下一步: 村级评议 (退出)" : "");
                v->stale = 1;
                return;
            }
        }
    }
}

static enum screen_action ev_key(void *self, int kind, wint_t ch)
{
    struct exitview *v = self;
    if (kind == KEY_CODE_YES) {
        switch (ch) {
        case KEY_UP: if (v->sel > 0) v->sel--; break;
        case KEY_DOWN: if (v->sel + 1 < (int)v->n) v->sel++; break;
        case KEY_ENTER: form_g(v); break;
        case KEY_F(7): {
            const char *f[] = { "在册及退出中、已脱贫", "已建档立卡", "已脱贫" };
            int k = dialog_pick("筛选", f, 3, 0, NULL, NULL);
            if (k >= 0) { v->state = k == 0 ? -1 : k == 1 ? WF_REGISTERED : WF_EXITED; v->stale = 1; }
            break;
        }
        case KEY_F(1):
            dialog_text("脱贫退出帮助",
                "Enter 打开所选户的脱贫退出核查表 (表G): 收入与退出线、两不愁三保障六项按数据预填\n"
                "(学龄儿童失学 → 义务教育未通过, 有成员未参保 → 基本医疗未通过, 危房 → 住房安全未通过),\n"
                "由核查人确认后保存。之后在「村级评议」新建退出评议, 在「公示管理」发布退出三榜公示。\n"
                "R 已脱贫户返贫 (须先录入本年度已签字的申请书), W 登记放弃帮扶声明, H 查看状态记录与公示。");
            break;
        default: break;
        }
        return ACT_NONE;
    }
    if (ch == KEY_ESC)
        return ACT_POP;
    if (!v->n)
        return ACT_NONE;
    const struct hh_row *h = &v->rows[v->sel];
    if (ch == '\n' || ch == '\r') {
        form_g(v);
    } else if (ch == 'r' || ch == 'R') {
        char reason[TEXT_BYTES(100)] = "";
        if (dialog_input("返贫", "返贫原因:", reason, sizeof reason, 100)) {
            if (wfs_relapse(app.db, h->id, "", reason) != DB_OK)
                show_error();
            else
                ui_status(MSG_INFO, "%s 已转为「已申请」, 重新识别 (原记录保留)", h->head_name);
            v->stale = 1;
        }
    } else if (ch == 'w' || ch == 'W') {
        char reason[TEXT_BYTES(100)] = "";
        if (dialog_input("放弃帮扶声明", "声明原因:", reason, sizeof reason, 100) &&
            dialog_yesno("登记后该户不能再新增帮扶记录。确认登记吗?")) {
            if (db_waiver_add(app.db, h->id, "", reason, NULL) != DB_OK)
                show_error();
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
    v->rows = calloc(MAX_ROWS, sizeof *v->rows);
    v->state = -1;
    v->stale = 1;
    return (struct screen){ "exit", ev_draw, ev_key, ev_close, NULL, v };
}
