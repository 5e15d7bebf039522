/* exportview.c — 报表导出 (see exportview.h). */
#include "tui/exportview.h"
#include "db/export_queries.h"
#include "db/export_reports.h"
#include "db/monitor_export.h"
#include "db/settings.h"
#include "tui/areapick.h"
#include "tui/cli_assist.h"
#include "db/village_export.h"
#include "core/village.h"
#include "tui/dialog.h"
#include "tui/ui.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The exports of this screen.  Another export is one more row: its label,
 * the word that starts its default file name, its writer, and whether it
 * takes the status filter. */
struct export_kind {
    const char *label;
    const char *file_word;
    export_fn run;
    int has_status;
    const char *unit;       /* what *rows counts, e.g. "人" */
    int title;              /* enum export_title_kind shown before the export; -1 none */
};
/* The two ledgers of the assistance part (tui/cli_assist.h) take a year,
 * not the status filter: all years from this screen. */
static enum export_status ledger_all_years(struct db *db, const struct export_opts *o, const char *path,
                                           int64_t *rows, char *err, size_t errsz)
{
    return assist_export_ledger(db, o->area, 0, path, o->progress, o->progress_ctx, rows, err, errsz)
           ? EXPORT_ERR_FILE : EXPORT_OK;
}

static enum export_status projects_all_years(struct db *db, const struct export_opts *o, const char *path,
                                             int64_t *rows, char *err, size_t errsz)
{
    return assist_export_projects(db, o->area, 0, path, o->progress, o->progress_ctx, rows, err, errsz)
           ? EXPORT_ERR_FILE : EXPORT_OK;
}

static enum export_status team_all_years(struct db *db, const struct export_opts *o, const char *path,
                                         int64_t *rows, char *err, size_t errsz)
{
    return team_export_roster(db, o->area, 0, path, o->progress, o->progress_ctx, rows, err, errsz)
           ? EXPORT_ERR_FILE : EXPORT_OK;
}

static enum export_status monitor_list(struct db *db, const struct export_opts *o, const char *path,
                                       int64_t *rows, char *err, size_t errsz)
{
    return monitor_export(db, o->area, 0, path, o->progress, o->progress_ctx, rows, err, errsz)
           ? EXPORT_ERR_FILE : EXPORT_OK;
}

/* The 贫困村 workbooks (db/village_export.h): the 名册 of the area, the
 * 出列核查表 of the village chosen as the area, both for the year. */
static enum export_status village_roster(struct db *db, const struct export_opts *o, const char *path,
                                         int64_t *rows, char *err, size_t errsz)
{
    return village_export_roster(db, o->area, o->year, path, rows, err, errsz) ? EXPORT_ERR_FILE : EXPORT_OK;
}

static enum export_status village_checklist(struct db *db, const struct export_opts *o, const char *path,
                                            int64_t *rows, char *err, size_t errsz)
{
    if (!o->area || strlen(o->area) != 12) {
        snprintf(err, errsz, "出列核查表按村导出: 请先按 A 选择一个村");
        return EXPORT_ERR_ARG;
    }
    *rows = VC_COUNT;
    return village_export_exit(db, o->area, o->year, path, err, errsz) ? EXPORT_ERR_FILE : EXPORT_OK;
}

/* 帮扶规划表 of the screen's year (0 = today's). */
static enum export_status plans_of_year(struct db *db, const struct export_opts *o, const char *path,
                                        int64_t *rows, char *err, size_t errsz)
{
    return plan_export_table(db, o->area, o->year, path, o->progress, o->progress_ctx, rows, err, errsz)
           ? EXPORT_ERR_FILE : EXPORT_OK;
}

static const struct export_kind KINDS[] = {
    { "贫困户花名册 (每人一行)", "花名册", export_roster, 1, "人", TITLE_ROSTER },
    { "汇总表 (村表、统计图)", "汇总表", export_summary, 0, "个村", TITLE_SUMMARY },
    { "帮扶台账 (每条帮扶记录一行)", "帮扶台账", ledger_all_years, 0, "条", -1 },
    { "项目台账 (每个项目一行)", "项目台账", projects_all_years, 0, "个项目", -1 },
    { "回头看名单 (尚无本年度调查的在册、已脱贫户)", "回头看", export_resurvey, 0, "户", TITLE_RESURVEY },
    { "贫困村名册 (每个贫困村一行)", "贫困村名册", village_roster, 0, "个村", -1 },
    { "贫困村出列核查表 (所选的村)", "出列核查表", village_checklist, 0, "项", -1 },
    { "驻村工作队花名册 (每名队员一行)", "驻村工作队花名册", team_all_years, 0, "人", -1 },
    { "帮扶规划表 (每项规划措施一行，含完成进度)", "帮扶规划表", plans_of_year, 0, "行", -1 },
    { "监测对象名单 (防返贫监测，监测中及已消除)", "监测对象名单", monitor_list, 0, "条", -1 },
};
#define N_KINDS ((int)(sizeof KINDS / sizeof *KINDS))
/* A key per kind: 1–9, then 0 for the tenth (as the main menu's 0). */
_Static_assert(sizeof KINDS / sizeof *KINDS <= 10, "export kinds: one digit each");
static wint_t kind_key(int i)
{
    return i < 9 ? (wint_t)('1' + i) : '0';
}
/* Lines per kind in the list: one when two would push the progress bar
 * below a 24-line window. */
#define KIND_STEP (N_KINDS > 5 ? 1 : 2)

/* Status choices of the roster: label shown, value for export_parse_status.
 * The first, the default, is the CLI's: the register (在册 and 已脱贫). */
static const char *const STATUS_ITEMS[] = {
    "在册,已脱贫", "在册", "已脱贫", "识别中", "未通过", "已撤回", "已清退", "未申请", "全部"
};
#define N_STATUS (sizeof STATUS_ITEMS / sizeof *STATUS_ITEMS)

struct exportview {
    int sel;
    char area[AREA_CODE_LEN + 1];       /* "" = the whole file */
    char area_label[200];
    int status;                         /* index into STATUS_ITEMS */
    int year;                           /* year of the roster, summary and 回头看 */
    char last[1000];                     /* result line of the last export */
    int last_ok;
    /* progress, while an export runs */
    int running;
    int64_t done, total;
    int phase;
};



static void draw_bar(struct exportview *v)
{
    int y = 6 + N_KINDS * KIND_STEP + 6;
    int w = COLS - 20 > 60 ? 60 : COLS - 20;
    char line[512];
    int pct = v->total > 0 ? (int)(v->done * 100 / v->total) : 0;
    if (v->phase == XO_PHASE_CLOSE)
        pct = v->done >= v->total ? 100 : 99;
    if (pct > 100)
        pct = 100;
    int fill = w * pct / 100;
    char bar[256];
    for (int i = 0; i < w && i < (int)sizeof bar - 1; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[w < (int)sizeof bar - 1 ? w : (int)sizeof bar - 1] = 0;
    snprintf(line, sizeof line, "[%s] %3d%%", bar, pct);
    ui_put(y, 4, line, COLS - 8, ui_attr(UI_FIELD));
    if (v->phase == XO_PHASE_CLOSE)
        snprintf(line, sizeof line, "正在压缩保存文件 …  (Esc 取消)");
    else if (v->phase == XO_PHASE_QUERY && v->total > 0)
        snprintf(line, sizeof line, "正在读取数据 %" PRId64 " / %" PRId64 " 行  (Esc 取消)", v->done, v->total);
    else if (v->phase == XO_PHASE_QUERY)
        snprintf(line, sizeof line, "正在读取数据 …  (Esc 取消)");
    else
        snprintf(line, sizeof line, "已写入 %" PRId64 " / %" PRId64 " 行  (Esc 取消)", v->done, v->total);
    ui_put(y + 1, 4, line, COLS - 8, A_NORMAL);
}

static void ev_draw(void *self)
{
    struct exportview *v = self;
    ui_title("报表导出", app.db_path);
    ui_put(2, 4, "选择要导出的报表 (按数字):", COLS - 8, A_BOLD);
    for (int i = 0; i < N_KINDS; i++) {
        char line[160];
        snprintf(line, sizeof line, " %c. %s", (char)kind_key(i), KINDS[i].label);
        ui_put(4 + i * KIND_STEP, 4, line, 50, i == v->sel ? ui_attr(UI_SELECTED) : A_NORMAL);
    }
    int y = 4 + N_KINDS * KIND_STEP + 1;
    char line[400];
    snprintf(line, sizeof line, "A. 区域: %s", v->area_label);
    ui_put(y, 4, line, COLS - 8, A_NORMAL);
    snprintf(line, sizeof line, "S. 状态: %s%s", STATUS_ITEMS[v->status],
             KINDS[v->sel].has_status ? "" : " (汇总表统计在册及已脱贫户)");
    ui_put(y + 1, 4, line, COLS - 8, KINDS[v->sel].has_status ? A_NORMAL : ui_attr(UI_DIM));
    snprintf(line, sizeof line, "Y. 年度: %d年 (花名册、汇总表、回头看按该年度调查，帮扶规划表为该年度规划)", v->year);
    ui_put(y + 2, 4, line, COLS - 8, A_NORMAL);
    if (KINDS[v->sel].title >= 0) {
        /* The title the file will carry, from db/ as the export writes it. */
        char title[360];
        struct export_filter f = { v->area, 0, v->year };
        if (KINDS[v->sel].has_status)
            export_parse_status(STATUS_ITEMS[v->status], &f.states);
        if (db_export_title(app.db, (enum export_title_kind)KINDS[v->sel].title, &f, title,
                            sizeof title) == DB_OK) {
            snprintf(line, sizeof line, "   标题: %s", title);
            ui_put(y + 3, 4, line, COLS - 8, A_NORMAL);
        }
    }
    if (v->running)
        draw_bar(v);
    else if (v->last[0])
        ui_put(y + 5, 4, v->last, COLS - 8, v->last_ok ? A_BOLD : ui_attr(UI_ERROR));
    ui_status_draw();
    ui_keybar(" 数字/↑↓+Enter 导出  A区域  S状态  Y年度  Esc返回");
    curs_set(0);
}

/* Redraws the bar; Esc cancels (the writer then removes its partial file). */
static int ev_progress(void *ctx, enum xo_phase phase, int64_t done, int64_t total)
{
    struct exportview *v = ctx;
    v->phase = phase;
    v->done = done;
    v->total = total;
    draw_bar(v);
    refresh();
    return ui_esc_pressed();
}

static void pick_area(struct exportview *v)
{
    areapick_any("选择导出区域 (输入代码或拼音首字母筛选)", "全部 (本数据库所有区域)", v->area, sizeof v->area,
                 v->area_label, sizeof v->area_label);
}

static void pick_status(struct exportview *v)
{
    int i = dialog_pick("花名册状态", STATUS_ITEMS, N_STATUS, v->status, NULL, NULL);
    if (i >= 0)
        v->status = i;
}

static void pick_year(struct exportview *v)
{
    char text[8];
    snprintf(text, sizeof text, "%d", v->year);
    if (!dialog_input("年度", "导出年度 (四位数字):", text, sizeof text, 4))
        return;
    int y = atoi(text);
    if (y < 1949 || y > 2100 || strlen(text) != 4)
        ui_status(MSG_ERROR, "年度“%s”无效: 应为 1949–2100 的四位年份", text);
    else
        v->year = y;
}

static void run_export(struct exportview *v, int k)
{
    const struct export_kind *kind = &KINDS[k];
    char dir[512];
    app_export_dir(dir, sizeof dir);
    char path[700];
    export_default_name(app.db, dir, kind->file_word, v->area, path, sizeof path);
    if (!dialog_input(kind->label, "保存为 (可改为U盘路径):", path, sizeof path, 300) ||
        !app_export_path(path, sizeof path))
        return;
    struct export_opts o = { .area = v->area, .year = v->year, .progress = ev_progress, .progress_ctx = v };
    if (kind->has_status)
        export_parse_status(STATUS_ITEMS[v->status], &o.states);
    v->running = 1;
    v->done = v->total = 0;
    v->phase = XO_PHASE_ROWS;
    app_draw();
    refresh();
    char err[600] = "";
    int64_t rows = 0;
    enum export_status st = export_run(kind->run, app.db, &o, path, &rows, err, sizeof err);
    v->running = 0;
    if (st == EXPORT_OK) {
        v->last_ok = 1;
        char done[160];
        snprintf(done, sizeof done, "已导出%s %" PRId64 " %s", kind->label, rows, kind->unit);
        snprintf(v->last, sizeof v->last, "%s", app_written("导出完成", done, path));
    } else {
        v->last_ok = 0;
        char shown[sizeof v->last];
        ui_chinese_part(err, shown, sizeof shown);
        snprintf(v->last, sizeof v->last, "%s", st == EXPORT_CANCELLED ? "已取消导出，未保存文件。" : shown);
        if (st == EXPORT_CANCELLED)
            ui_status(MSG_WARN, "已取消导出");
        else
            dialog_message("导出失败", shown);
    }
}

static enum screen_action ev_key(void *self, int kind, wint_t ch)
{
    struct exportview *v = self;
    if (kind == KEY_CODE_YES) {
        if (ch == KEY_UP && v->sel > 0) v->sel--;
        else if (ch == KEY_DOWN && v->sel + 1 < N_KINDS) v->sel++;
        else if (ch == KEY_ENTER) run_export(v, v->sel);
        return ACT_NONE;
    }
    if (ch == KEY_ESC) return ACT_POP;
    if (ch == '\n' || ch == '\r') run_export(v, v->sel);
    else if (ch >= '0' && ch <= '9') {
        for (int i = 0; i < N_KINDS; i++)
            if (kind_key(i) == ch) {
                v->sel = i;
                app_draw();
                run_export(v, v->sel);
            }
    } else if (ch == 'a' || ch == 'A') pick_area(v);
    else if ((ch == 's' || ch == 'S') && KINDS[v->sel].has_status) pick_status(v);
    else if (ch == 'y' || ch == 'Y') pick_year(v);
    return ACT_NONE;
}

static void ev_close(void *self) { free(self); }

struct screen exportview_screen(void)
{
    struct exportview *v = calloc(1, sizeof *v);
    if (v) {
        snprintf(v->area_label, sizeof v->area_label, "全部");
        v->year = app.year;
    }
    return (struct screen){ .name = "export", .draw = ev_draw, .key = ev_key, .close = ev_close,
                           .self = v };
}
