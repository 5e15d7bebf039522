/* settings.c — 基础设置: areas and 村民小组, 操作员管理, poverty/exit lines,
 * labour ages, notice days, auto-advance; M opens the second page, 更多设置
 * (tui/settings_more.c).  Every value is edited through a
 * dialog and written at once (one small transaction each). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/codes.h"
#include "core/income.h"
#include "core/text.h"
#include "db/operators.h"
#include "db/settings.h"
#include "tui/areapick.h"
#include "tui/dialog.h"
#include "tui/helpers.h"
#include "tui/operators_view.h"
#include "tui/screens.h"
#include "tui/settings_more.h"
#include "tui/ui.h"

enum item { IT_AREAS, IT_GROUPS, IT_OPERATOR, IT_LINES, IT_LABOUR, IT_NOTICE, IT_AUTO, IT_CODE_ADVANCE, IT_HELPERS,
            IT_PAPER, IT_COUNT };
static const char *const item_labels[IT_COUNT] = {
    "行政区划 (县/乡镇/村)", "村民小组", "操作员管理 (仅管理员)", "贫困线/退出线 (按年度、标准)",
    "劳动年龄", "公示天数", "自动跳格 (定长项输满自动跳到下一项)",
    "一键跳格 (一位代码、是/否输入后跳格)", "帮扶责任人名册",
    "打印纸张 (宽表最大用纸)",
};

struct settings_view { int sel; };

static void current_value(enum item it, char *out, size_t sz)
{
    struct labour_ages la;
    size_t n = 0;
    switch (it) {
    case IT_AREAS:
        free(areapick_all(AREA_VILLAGE, &n));
        snprintf(out, sz, "%zu 个村", n);
        break;
    case IT_OPERATOR: snprintf(out, sz, "当前: %.60s (%s)", app.operator_name, op_role_name(db_session_role(app.db))); break;
    case IT_LINES: snprintf(out, sz, "%zu 条", app.ctx.n_lines); break;
    case IT_LABOUR:
        db_labour_ages(app.db, &la);
        snprintf(out, sz, "男 %d–%d 岁, 女 %d–%d 岁", la.min_age, la.male_max, la.min_age, la.female_max);
        break;
    case IT_NOTICE: snprintf(out, sz, "%lld 天", (long long)db_setting_int(app.db, SET_NOTICE_DAYS, 7)); break;
    case IT_AUTO: snprintf(out, sz, "%s", db_setting_int(app.db, SET_AUTO_ADVANCE, 1) ? "开" : "关"); break;
    case IT_CODE_ADVANCE:
        snprintf(out, sz, "%s", db_setting_int(app.db, SET_CODE_ADVANCE, 1) ? "开" : "关");
        break;
    case IT_PAPER:
        snprintf(out, sz, "%s", db_print_paper(app.db) == XO_PAPER_A3
                                ? "A3 (宽表用A3横向)" : "A4 (宽表分页打印)");
        break;
    default: out[0] = 0;
    }
}

static void settings_draw(void *self)
{
    struct settings_view *s = self;
    ui_title("基础设置", app.db_path);
    for (int i = 0; i < IT_COUNT; i++) {
        char line[256], val[128];
        current_value(i, val, sizeof val);
        snprintf(line, sizeof line, " %d. %s", (i + 1) % 10, item_labels[i]);   /* item 10 is key 0 */
        attr_t a = i == s->sel ? ui_attr(UI_SELECTED) : A_NORMAL;
        ui_put(3 + i * 2, 2, line, 44, a);
        ui_put(3 + i * 2, 46, val, COLS - 48, a);
    }
    ui_status_draw();
    ui_keybar(" 数字/↑↓+Enter 修改  M更多设置 (规划期限、监测标准)  F1帮助  Esc返回");
    curs_set(0);
}

/* Asks for an integer in [lo, hi]; returns 1 with *out set. */
/* Adds one area: the code's length says its level (6 县, 9 乡镇, 12 村). */
int settings_add_area(void)
{
    char code[32] = "", name[128] = "";
    for (;;) {
        if (!dialog_input("添加区划", "区划代码 (县6位/乡镇9位/村12位):", code, sizeof code, 12))
            return 0;
        size_t len = strlen(code);
        if ((len == 6 || len == 9 || len == 12) && text_is_digits(code, len))
            break;
        dialog_message("输入有误", "区划代码应为6位(县)、9位(乡镇)或12位(村)数字");
    }
    if (!dialog_input("添加区划", "名称:", name, sizeof name, 30) || !name[0])
        return 0;
    if (db_area_add_by_code(app.db, code, name) != DB_OK) {
        dialog_message("不能添加", app_errmsg());
        return 0;
    }
    return 1;
}

static void edit_areas(void)
{
    for (;;) {
        static struct area areas[2048];
        size_t n = 0, k = 0;
        static char text[2048 * 96];
        size_t len = 0;
        for (int level = AREA_COUNTY; level <= AREA_VILLAGE; level++) {
            db_areas(app.db, level, NULL, areas + k, 2048 - k, &n);
            k += n;
        }
        /* Print as a tree: each area under its parent. */
        for (size_t i = 0; i < k && len + 96 < sizeof text; i++)
            if (areas[i].level == AREA_COUNTY) {
                len += snprintf(text + len, sizeof text - len, "%s %s\n", areas[i].code, areas[i].name);
                for (size_t t = 0; t < k; t++)
                    if (areas[t].level == AREA_TOWNSHIP && !strcmp(areas[t].parent, areas[i].code)) {
                        len += snprintf(text + len, sizeof text - len, "  %s %s\n", areas[t].code, areas[t].name);
                        for (size_t v = 0; v < k && len + 96 < sizeof text; v++)
                            if (areas[v].level == AREA_VILLAGE && !strcmp(areas[v].parent, areas[t].code))
                                len += snprintf(text + len, sizeof text - len, "    %s %s%s\n", areas[v].code,
                                                areas[v].name, areas[v].provisional ? " (待核)" : "");
                    }
            }
        dialog_text("行政区划 (关闭后可选择添加)", len ? text : "(尚无区划)");
        if (!dialog_yesno("添加一个区划吗?", ANSWER_YES) || !settings_add_area())
            return;
    }
}

static void edit_groups(void)
{
    char code[AREA_CODE_LEN + 1] = "", village[TEXT_BYTES(30)];
    if (areapick_village("村民小组 — 选择村 (输入村名、拼音首字母或代码)", NULL, code, sizeof code,
                         village, sizeof village) != 1)
        return;
    for (;;) {
        char groups[64][TEXT_BYTES(20)];
        size_t ng = 0;
        db_groups(app.db, code, groups, 64, &ng);
        char text[64 * 90] = "";
        size_t len = 0;
        for (size_t i = 0; i < ng; i++)
            len += snprintf(text + len, sizeof text - len, "%zu. %s\n", i + 1, groups[i]);
        dialog_text(village, ng ? text : "(尚无村民小组)");
        char name[128] = "";
        if (!dialog_yesno("添加村民小组吗?", ANSWER_YES) ||
            !dialog_input("添加村民小组", "名称 (如 第一组、那况屯):", name, sizeof name, 20) || !name[0])
            return;
        if (db_group_add(app.db, code, name) != DB_OK)
            dialog_message("不能添加", app_errmsg());
    }
}

static void edit_lines(void)
{
    for (;;) {
        char text[8192];
        size_t len = snprintf(text, sizeof text, "年度  识别标准  类别    金额(元/人·年)  依据\n");
        for (size_t i = 0; i < app.ctx.n_lines; i++) {
            const struct line *l = &app.ctx.lines[i];
            char amt[32];
            money_format(l->amount, amt, sizeof amt);
            if (len >= sizeof text)
                break;
            len += snprintf(text + len, sizeof text - len, "%d  %s  %s  %s  %s\n", l->year,
                            codes_label(CL_STANDARD, l->standard),
                            l->kind == LINE_POVERTY ? "贫困线" : "退出线", amt, lines_basis(l));
        }
        dialog_text("贫困线/退出线", text);
        if (!dialog_yesno("添加或修改一个年度的线吗?", ANSWER_YES))
            return;
        struct line l = { .year = app.year, .standard = STD_NATIONAL, .kind = LINE_POVERTY };
        if (!dialog_input_int("年度", "年度:", 2010, 2100, &l.year))
            return;
        size_t nc;
        const struct code *cs = codes_list(CL_STANDARD, &nc);
        const char *labels[8];
        for (size_t i = 0; i < nc && i < 8; i++) labels[i] = cs[i].label;
        int k = dialog_pick("识别标准", labels, nc, 0, NULL, NULL);
        if (k < 0) return;
        l.standard = cs[k].code;
        const char *kinds[] = { "贫困线", "退出线" };
        k = dialog_pick("类别", kinds, 2, 0, NULL, NULL);
        if (k < 0) return;
        l.kind = k == 0 ? LINE_POVERTY : LINE_EXIT;
        char amt[32] = "";
        if (!dialog_input("金额", "金额 (元/人·年):", amt, sizeof amt, 12))
            return;
        if (!money_parse(amt, &l.amount) || l.amount <= 0) {
            dialog_message("输入有误", "金额应为正数，最多两位小数");
            continue;
        }
        if (db_line_set(app.db, &l) != DB_OK)
            dialog_message("不能保存", app_errmsg());
        app_reload_settings();
    }
}

static void edit_labour(void)
{
    struct labour_ages la;
    db_labour_ages(app.db, &la);
    if (!dialog_input_int("劳动年龄", "男性劳动年龄上限 (60–65):", 60, 65, &la.male_max) ||
        !dialog_input_int("劳动年龄", "女性劳动年龄上限 (55–60):", 55, 60, &la.female_max))
        return;
    if (db_set_labour_ages(app.db, &la) != DB_OK)
        dialog_message("不能保存", app_errmsg());
    app_reload_settings();
}

static void edit_notice_days(void)
{
    int days = (int)db_setting_int(app.db, SET_NOTICE_DAYS, 7);
    if (dialog_input_int("公示天数", "识别/退出公示天数 (7–30):", 7, 30, &days) &&
        db_setting_set_int(app.db, SET_NOTICE_DAYS, days) != DB_OK)
        dialog_message("不能保存", app_errmsg());
}

static void choose(struct settings_view *s)
{
    switch (s->sel) {
    case IT_AREAS: edit_areas(); break;
    case IT_GROUPS: edit_groups(); break;
    case IT_OPERATOR: operators_view_open(); break;
    case IT_LINES: edit_lines(); break;
    case IT_LABOUR: edit_labour(); break;
    case IT_NOTICE: edit_notice_days(); break;
    case IT_HELPERS:
        app_push(helpers_screen());
        break;
    case IT_AUTO:
        db_setting_set_int(app.db, SET_AUTO_ADVANCE, !db_setting_int(app.db, SET_AUTO_ADVANCE, 1));
        app_reload_settings();
        break;
    case IT_CODE_ADVANCE:
        db_setting_set_int(app.db, SET_CODE_ADVANCE, !db_setting_int(app.db, SET_CODE_ADVANCE, 1));
        app_reload_settings();
        break;
    case IT_PAPER:
        if (db_set_print_paper(app.db, db_print_paper(app.db) == XO_PAPER_A3 ? XO_PAPER_A4
                                                                          : XO_PAPER_A3) != DB_OK)
            dialog_message("不能保存", app_errmsg());
        app_reload_settings();
        break;
    }
}

static enum screen_action settings_key(void *self, int kind, wint_t ch)
{
    struct settings_view *s = self;
    if (kind == KEY_CODE_YES) {
        if (ch == KEY_UP && s->sel > 0) s->sel--;
        else if (ch == KEY_DOWN && s->sel + 1 < IT_COUNT) s->sel++;
        else if (ch == KEY_ENTER) choose(s);
        else if (ch == KEY_F(1))
            dialog_text("帮助", "基础设置: 选择一项后按 Enter 修改。\n"
                        "区划代码用统计用区划代码: 县6位, 乡镇9位, 村12位。\n"
                        "贫困线/退出线按年度和识别标准设置; 没有当年的线时沿用最近一年的线。\n"
                        "M 更多设置 (仅管理员): 帮扶规划制定期限和措施复核日, 防返贫监测标准。");
        return ACT_NONE;
    }
    if (ch == KEY_ESC) return ACT_POP;
    if (ch == '\n' || ch == '\r') choose(s);
    else if (ch == 'm' || ch == 'M') settings_more_open();
    else if (ch >= '1' && ch <= '9' && ch < '1' + IT_COUNT) { s->sel = (int)(ch - '1'); choose(s); }
    else if (ch == '0' && IT_COUNT >= 10) { s->sel = 9; choose(s); }
    return ACT_NONE;
}

static void settings_close(void *self) { free(self); }

struct screen settings_screen(void)
{
    struct settings_view *s = calloc(1, sizeof *s);
    return (struct screen){ "settings", settings_draw, settings_key, settings_close, NULL, s };
}
