/* menu.c — the main menu: numbered items chosen by their digit (SPEC §7.3),
 * or with ↑↓ and Enter.  Items whose work has not landed say 尚未开放. */
#include <stdio.h>
#include <string.h>
#include "db/operators.h"
#include "tui/aidcard.h"
#include "tui/appraisal.h"
#include "tui/dialog.h"
#include "tui/exitview.h"
#include "tui/exportview.h"
#include "tui/loans.h"
#include "tui/flowview.h"
#include "tui/monitor.h"
#include "tui/notices.h"
#include "tui/projects.h"
#include "tui/screens.h"
#include "tui/team.h"
#include "tui/ui.h"
#include "tui/villages.h"

struct menu_item {
    char key;                       /* the digit that chooses it */
    const char *label;
    struct screen (*open)(void);    /* NULL: 尚未开放 */
    const char *later;              /* what it will do, shown when not open */
};

static const struct menu_item items[] = {
    { '1', "新增申请",        form_new_application, NULL },
    { '2', "户信息查询/修改", hhlist_screen, NULL },
    { '3', "村级评议",        appraisal_screen, NULL },
    { '4', "公示管理",        notices_screen, NULL },
    { '5', "帮扶记录卡",      aidcard_screen, NULL },
    { '6', "项目管理",        projects_screen, NULL },
    { '7', "脱贫退出",        exitview_screen, NULL },
    { '8', "报表导出",        exportview_screen, NULL },
    { '9', "基础设置",        settings_screen, NULL },
    { '0', "数据维护",        maint_screen, NULL },
    { 'V', "贫困村管理",      villages_screen, NULL },
    { 'T', "驻村工作队",      team_screen, NULL },
    { 'J', "防返贫监测",      monitor_screen, NULL },
    { 'M', "帮扶措施登记",    registers_screen, NULL },
    { 'R', "统计报表",        flowview_screen, NULL },
    { 'Q', "退出",            NULL, NULL },
};
#define N_ITEMS (int)(sizeof items / sizeof *items)

static int selected;

static void menu_draw(void *self)
{
    (void)self;
    char right[200];
    snprintf(right, sizeof right, "操作员: %s (%s)  %s", app.operator_name[0] ? app.operator_name : "未登录",
             op_role_name(db_session_role(app.db)), app.ctx.today);
    ui_title("fupin 精准扶贫 建档立卡工作站", right);
    int top = (LINES - N_ITEMS - 4) / 2;
    if (top < 2) top = 2;
    int x = (COLS - 30) / 2;
    ui_put(top, x, "主菜单 (按数字或字母选择)", 30, A_BOLD);
    for (int i = 0; i < N_ITEMS; i++) {
        char line[96];
        snprintf(line, sizeof line, " %c. %s%s", items[i].key, items[i].label,
                 items[i].open || items[i].key == 'Q' ? "" : "  (尚未开放)");
        ui_put(top + 2 + i, x, line, 30, i == selected ? ui_attr(UI_SELECTED) : A_NORMAL);
    }
    ui_status_draw();
    ui_keybar(" 数字、字母/↑↓+Enter 选择  F1帮助  Esc/Q 退出  Ctrl-Q 退出");
    curs_set(0);
}

/* Every way out of the menu (Esc, q, Q, Ctrl-Q, item Q) asks first, Enter =
 * 否: a stray Esc on the menu must not close the workstation.  The question is
 * asked by the menu's may_quit, which the main loop calls for every quit —
 * also for the Ctrl-Q the loop turns into a quit itself; a Ctrl-Q pressed on
 * a form has asked its own question and is not asked again. */
static int quit_from_menu;

static enum screen_action confirm_quit(void)
{
    quit_from_menu = 1;
    return ACT_QUIT;
}

static int menu_may_quit(void *self)
{
    (void)self;
    if (!quit_from_menu)
        return 1;
    quit_from_menu = 0;
    return dialog_yesno("退出系统吗?", ANSWER_NO);
}

static enum screen_action choose(int i)
{
    ui_status_clear();
    if (items[i].key == 'Q')
        return confirm_quit();
    if (!items[i].open) {
        char msg[256];
        snprintf(msg, sizeof msg, "「%s」尚未开放。\n将提供: %s", items[i].label, items[i].later);
        dialog_message("尚未开放", msg);
        return ACT_NONE;
    }
    app_push(items[i].open());
    return ACT_NONE;
}

static enum screen_action menu_key(void *self, int kind, wint_t ch)
{
    (void)self;
    if (kind == KEY_CODE_YES) {
        if (ch == KEY_UP) selected = (selected + N_ITEMS - 1) % N_ITEMS;
        else if (ch == KEY_DOWN) selected = (selected + 1) % N_ITEMS;
        else if (ch == KEY_ENTER) return choose(selected);
        else if (ch == KEY_F(1))
            dialog_text("帮助", "主菜单: 按数字键直接进入对应功能，或用 ↑↓ 选择后按 Enter。\n"
                        "在任何录入界面: Enter/Tab/↓ 下一项, Shift-Tab/↑ 上一项, PgDn/PgUp 翻页,\n"
                        "F2 或 Ctrl-S 保存, F4 从代码表选择, F5 同上, Esc 返回, Ctrl-Q 退出。\n"
                        "代码项可输入编号或拼音首字母 (如 yb = 因病)。");
        return ACT_NONE;
    }
    if (ch == '\n' || ch == '\r')
        return choose(selected);
    if (ch == KEY_ESC || ch == 'q' || ch == 'Q' || ch == CTRL('q'))
        return confirm_quit();
    /* Letter items answer to either case (J / j). */
    if (ch >= 'a' && ch <= 'z')
        ch -= 'a' - 'A';
    for (int i = 0; i < N_ITEMS; i++)
        if ((wint_t)items[i].key == ch || (wint_t)(items[i].key | 0x20) == ch) {
            selected = i;
            return choose(i);
        }
    return ACT_NONE;
}

struct screen menu_screen(void)
{
    return (struct screen){ "menu", menu_draw, menu_key, NULL, menu_may_quit, NULL };
}
