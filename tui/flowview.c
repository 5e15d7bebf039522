/* flowview.c — 统计报表 (see flowview.h). */
#include "tui/flowview.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/flow.h"
#include "core/income.h"
#include "db/flow_report.h"
#include "db/settings.h"
#include "tui/aidcard.h"
#include "tui/areapick.h"
#include "tui/dialog.h"
#include "tui/exportview.h"
#include "tui/ui.h"

#define NAME_W 12       /* the fixed 区划 column */
#define BAL_W 8         /* the fixed 平衡 column */

struct fview {
    char period[16];                    /* as typed: "2026-11" */
    struct flow_period p;
    char area[AREA_CODE_LEN + 1];       /* "" = the whole file */
    char area_label[160];
    int by_village;
    struct flow_report r;
    int sel, first;                     /* rows; r.n is 合计 */
    int col;                            /* first number column shown (1 ..) */
    int width[40];                      /* each number column's, from the last reload */
};

/* Row i, the 合计 after the last. */
static const struct flow_row *row_at(const struct fview *v, int i)
{
    return i < (int)v->r.n ? &v->r.rows[i] : &v->r.total;
}

static void cell_text(const struct flow_row *w, size_t c, char *out, size_t outsz)
{
    int64_t x = flow_report_cell(w, c);
    if (x == FLOW_CELL_BLANK)
        out[0] = 0;
    else if (flow_report_col_money(c))
        money_format(x, out, outsz);
    else
        snprintf(out, outsz, "%lld", (long long)x);
}

/* A number column's width: its header or its widest value, and a gap. */
static int col_width(const struct fview *v, size_t c)
{
    int w = ui_width(flow_report_col_label(c));
    char t[32];
    for (int i = 0; i <= (int)v->r.n; i++) {
        cell_text(row_at(v, i), c, t, sizeof t);
        int tw = (int)strlen(t);
        if (tw > w) w = tw;
    }
    return w + 1;
}

/* The last number column (ncols − 2: the last one is 平衡). */
static size_t last_col(void)
{
    return flow_report_ncols() - 2;
}

static void fv_reload(struct fview *v)
{
    flow_report_free(&v->r);
    if (db_flow_report(app.db, &v->p, v->area, v->by_village, &v->r) != DB_OK)
        ui_status(MSG_ERROR, "读取失败: %s", app_errmsg());
    if (v->sel > (int)v->r.n)
        v->sel = (int)v->r.n;
    for (size_t c = 1; c <= last_col() && c < sizeof v->width / sizeof *v->width; c++)
        v->width[c] = col_width(v, c);
}

/* Draws line y: name, 平衡, then the number columns from v->col while they
 * fit; header when w is NULL.  Returns the last column drawn. */
static size_t draw_line(const struct fview *v, int y, const struct flow_row *w, attr_t a)
{
    ui_put(y, 0, w ? w->name : flow_report_col_label(0), NAME_W, a);
    ui_put(y, NAME_W, w ? flow_row_balance(w) : flow_report_col_label(flow_report_ncols() - 1), BAL_W,
           w && !flow_row_balanced(w) ? ui_attr(UI_ERROR) : a);
    int x = NAME_W + BAL_W;
    size_t c = (size_t)v->col, shown = c;
    for (; c <= last_col() && c < sizeof v->width / sizeof *v->width; c++) {
        int cw = v->width[c];
        if (x + cw > COLS)
            break;
        char t[64], pad[128];
        if (w)
            cell_text(w, c, t, sizeof t);
        else
            snprintf(t, sizeof t, "%s", flow_report_col_label(c));
        snprintf(pad, sizeof pad, "%*s%s", cw - ui_width(t), "", t);
        ui_put(y, x, pad, cw, a);
        x += cw;
        shown = c;
    }
    if (x < COLS)
        ui_put(y, x, "", COLS - x, a);
    return shown;
}

static void fv_info(const struct fview *v, size_t shown)
{
    const struct flow_row *w = row_at(v, v->sel);
    char th[24] = "未设", tp[24] = "未设", line[400];
    if (w->target_hh >= 0) snprintf(th, sizeof th, "%lld", (long long)w->target_hh);
    if (w->target_people >= 0) snprintf(tp, sizeof tp, "%lld", (long long)w->target_people);
    snprintf(line, sizeof line, " %s %d年减贫任务: %s户 %s人, 已脱贫 %lld户 %lld人   列 %d-%zu/%zu ←→",
             w->name, v->p.year, th, tp, (long long)w->done_hh, (long long)w->done_people, v->col, shown,
             last_col());
    ui_put(LINES - 3, 0, line, COLS, A_NORMAL);
}

static void fv_draw(void *self)
{
    struct fview *v = self;
    char right[96], line[400];
    snprintf(right, sizeof right, "%s %s", v->p.label, v->by_village ? "村表" : "乡镇表");
    ui_title("统计报表 — 贫困人口动态统计", right);
    snprintf(line, sizeof line, " 期间: %s   区域: %s   %s", v->period, v->area_label,
             v->by_village ? "村表 (按村)" : "乡镇表 (按乡镇)");
    ui_put(1, 0, line, COLS, A_NORMAL);
    size_t shown = draw_line(v, 2, NULL, A_BOLD);
    int rows = LINES - 6, n = (int)v->r.n + 1;
    alist_fit(&v->sel, &v->first, n, rows);
    for (int r = 0; r < rows; r++) {
        int i = v->first + r;
        if (i >= n) {
            ui_put(3 + r, 0, "", COLS, A_NORMAL);
            continue;
        }
        attr_t a = i == v->sel ? ui_attr(UI_SELECTED) : i == n - 1 ? A_BOLD : A_NORMAL;
        draw_line(v, 3 + r, row_at(v, i), a);
    }
    fv_info(v, shown);
    ui_status_draw();
    ui_keybar(" F2期间 F3区域 F4乡镇/村表 ←→列 F5减贫任务 F9导出 F1帮助 Esc返回");
    curs_set(0);
}

/* F2: asks until the period parses (the reason shown above the field, the
 * typed text kept) or Esc. */
static void fv_period(struct fview *v)
{
    char buf[16], why[160] = "";
    snprintf(buf, sizeof buf, "%s", v->period);
    for (;;) {
        char text[256];
        snprintf(text, sizeof text, "%s%s如 2026-11 (月)、2026-Q3 (季度)、2026 (年)", why, why[0] ? "\n" : "");
        if (!dialog_input_text("统计期间", text, "期间:", buf, sizeof buf, 7))
            return;
        struct flow_period p;
        char reason[128];
        if (flow_period_parse(buf, &p, reason, sizeof reason)) {
            snprintf(v->period, sizeof v->period, "%s", buf);
            v->p = p;
            fv_reload(v);
            return;
        }
        snprintf(why, sizeof why, "期间有误: %s", reason);
    }
}

static void fv_area(struct fview *v)
{
    if (areapick_any("统计区域 (输入代码或拼音首字母筛选)", "全部 (全县)", v->area, sizeof v->area,
                     v->area_label, sizeof v->area_label) == 1) {
        v->sel = v->first = 0;
        fv_reload(v);
    }
}

/* The code the selected row's 减贫任务 belongs to: the row's, or for 合计
 * the report's area (the county when it is the whole file). */
static int target_area(const struct fview *v, char *code, size_t codesz)
{
    if (v->sel < (int)v->r.n) {
        snprintf(code, codesz, "%s", v->r.rows[v->sel].code);
        return 1;
    }
    if (v->area[0]) {
        snprintf(code, codesz, "%s", v->area);
        return 1;
    }
    struct area a;
    size_t n = 0;
    if (db_areas(app.db, AREA_COUNTY, NULL, &a, 1, &n) != DB_OK || n == 0)
        return 0;
    snprintf(code, codesz, "%s", a.code);
    return 1;
}

/* F5: both numbers asked first; Esc on either writes nothing. */
static void fv_target(struct fview *v)
{
    char code[AREA_CODE_LEN + 1], title[160];
    if (!target_area(v, code, sizeof code)) {
        dialog_message("减贫任务", "还没有登记县级区划。");
        return;
    }
    const struct flow_row *w = row_at(v, v->sel);
    snprintf(title, sizeof title, "减贫任务 — %s %d年", w->name, v->p.year);
    int hh = w->target_hh >= 0 ? (int)w->target_hh : 0, people = w->target_people >= 0 ? (int)w->target_people : 0;
    if (!dialog_input_int(title, "减贫任务户数:", 0, 999999, &hh) ||
        !dialog_input_int(title, "减贫任务人数:", 0, 999999, &people))
        return;
    if (db_flow_target_set(app.db, code, v->p.year, hh, people) != DB_OK) {
        dialog_message("不能保存", app_errmsg());
        return;
    }
    ui_status(MSG_INFO, "已保存%s %d年减贫任务: %d户 %d人", w->name, v->p.year, hh, people);
    fv_reload(v);
}

/* alist_export's writer for the report on the screen (one screen at a time
 * exports, so the report travels beside the call). */
static const struct flow_report *exporting;

static int write_report(struct db *db, const char *area, int year, const char *path, xo_progress_fn progress,
                        void *pctx, int64_t *rows, char *err, size_t errsz)
{
    (void)area, (void)year;
    *rows = (int64_t)exporting->n + 1;
    return flow_export(db, exporting, path, progress, pctx, err, errsz);
}

static void fv_export(struct fview *v)
{
    char prompt[200];
    snprintf(prompt, sizeof prompt, "%s %s，保存为:", v->p.label, v->by_village ? "村表" : "乡镇表");
    exporting = &v->r;
    alist_export(v->by_village ? "动态统计村表" : "动态统计乡镇表", prompt, v->area, write_report);
    exporting = NULL;
}

static void fv_help(void)
{
    char text[3000];
    snprintf(text, sizeof text,
             "统计报表: 贫困人口动态统计 (乡镇表 / 村表)\n"
             "F2 期间: 月 2026-11、季度 2026-Q3、年 2026。\n"
             "F3 区域: 全县，或一个乡镇、一个村。  F4 乡镇表与村表切换。\n"
             "←→ 左右查看各列, ↑↓ PgUp PgDn 选择行; 最后一行是合计。\n"
             "平衡: 期初 + 新识别 + 返贫 + 新增 − 脱贫 − 清退 − 减少 = 期末 (户、人都相符)。\n"
             "F5 减贫任务: 设置所选行 (合计行为所选区域) 期间所在年度的目标户数、人数 (审核员、管理员)。\n"
             "F9 导出 Excel 工作簿, 导出时按 Esc 取消。\n\n%s",
             flow_notes());
    dialog_text("帮助", text);
}

static enum screen_action fv_key(void *self, int kind, wint_t ch)
{
    struct fview *v = self;
    if (kind != KEY_CODE_YES)
        return ch == KEY_ESC ? ACT_POP : ACT_NONE;
    if (ch != KEY_HOME && alist_key(ch, &v->sel, (int)v->r.n + 1, LINES - 6))   /* Home: the first columns */
        return ACT_NONE;
    switch (ch) {
    case KEY_LEFT: if (v->col > 1) v->col--; break;
    case KEY_RIGHT: if ((size_t)v->col < last_col()) v->col++; break;
    case KEY_HOME: v->col = 1; break;
    case KEY_F(2): fv_period(v); break;
    case KEY_F(3): fv_area(v); break;
    case KEY_F(4):
        v->by_village = !v->by_village;
        v->sel = v->first = 0;
        fv_reload(v);
        break;
    case KEY_F(5): fv_target(v); break;
    case KEY_F(9): fv_export(v); break;
    case KEY_F(1): fv_help(); break;
    }
    return ACT_NONE;
}

static void fv_close(void *self)
{
    struct fview *v = self;
    flow_report_free(&v->r);
    free(v);
}

struct screen flowview_screen(void)
{
    struct fview *v = calloc(1, sizeof *v);
    char why[128];
    snprintf(v->period, sizeof v->period, "%.7s", app.ctx.today);
    if (!flow_period_parse(v->period, &v->p, why, sizeof why)) {
        snprintf(v->period, sizeof v->period, "%d", app.year);
        flow_period_parse(v->period, &v->p, why, sizeof why);
    }
    snprintf(v->area_label, sizeof v->area_label, "全部");
    v->col = 1;
    fv_reload(v);
    return (struct screen){ .name = "flow", .draw = fv_draw, .key = fv_key, .close = fv_close, .self = v };
}
