/* settings_more.c — 基础设置's second page, 更多设置 (管理员): the 帮扶规划
 * days (制定期限, 措施复核日: db/plans.h) and the 防返贫监测 numbers
 * (db/monitor.h, edited by the monitor screen's own dialogs).  The store
 * checks the role and the values; this screen only asks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/checks.h"
#include "core/text.h"
#include "db/monitor.h"
#include "db/operators.h"
#include "db/plans.h"
#include "tui/dialog.h"
#include "tui/monitor.h"
#include "tui/settings_more.h"
#include "tui/ui.h"

enum more_item { MI_PLAN_DEADLINE, MI_PLAN_REVIEW, MI_MONITOR, MI_COUNT };
static const char *const more_labels[MI_COUNT] = {
    "帮扶规划制定期限 (每年 月-日)", "帮扶规划措施复核日 (每年 月-日)", "防返贫监测标准",
};

struct more_view { int sel; };

/* The plan days as the checks read them (db_plan_check_ctx: the defaults
 * when unset). */
static void plan_days(char deadline[6], char review[6])
{
    struct check_ctx cc;
    checks_ctx_init(&cc);
    db_plan_check_ctx(app.db, &cc);
    snprintf(deadline, 6, "%s", cc.plan_deadline);
    snprintf(review, 6, "%s", cc.plan_review);
}

static void more_value(int it, char *out, size_t sz)
{
    char deadline[6], review[6], loss[32];
    struct monitor_settings ms;
    plan_days(deadline, review);
    switch (it) {
    case MI_PLAN_DEADLINE:
        snprintf(out, sz, "%s 前制定", deadline);
        break;
    case MI_PLAN_REVIEW:
        snprintf(out, sz, "%s 后复核措施有无帮扶记录", review);
        break;
    default:
        db_monitor_settings(app.db, &ms);
        money_format(ms.event_loss_min, loss, sizeof loss);
        snprintf(out, sz, "边缘户 %d%%贫困线, 损失 %s 元, %d 个月未落实提醒", ms.margin_pct, loss,
                 ms.stale_months);
        break;
    }
}

static void more_draw(void *self)
{
    struct more_view *m = self;
    ui_title("基础设置 — 更多设置 (仅管理员)", app.db_path);
    for (int y = 1; y < LINES - 2; y++)
        ui_put(y, 0, "", COLS, A_NORMAL);
    for (int i = 0; i < MI_COUNT; i++) {
        char line[128], val[200];
        more_value(i, val, sizeof val);
        snprintf(line, sizeof line, " %d. %s", i + 1, more_labels[i]);
        attr_t a = i == m->sel ? ui_attr(UI_SELECTED) : A_NORMAL;
        ui_put(3 + i * 2, 2, line, 36, a);
        ui_put(3 + i * 2, 38, val, COLS - 40, a);
    }
    ui_status_draw();
    ui_keybar(" 数字/↑↓+Enter 修改  Esc返回基础设置");
    curs_set(0);
}

/* One of the plan days, asked again until the store takes it or Esc. */
static void edit_plan_day(int review)
{
    char day[16], deadline[6], other[6];
    plan_days(deadline, other);
    snprintf(day, sizeof day, "%s", review ? other : deadline);
    const char *prompt = review ? "每年几月几日后复核规划措施有无帮扶记录 (月-日, 如 12-31):"
                                : "在册户每年须在几月几日前制定帮扶规划 (月-日, 如 07-31):";
    while (dialog_input(more_labels[review ? MI_PLAN_REVIEW : MI_PLAN_DEADLINE], prompt, day, sizeof day, 5)) {
        if (db_plan_set_days(app.db, review ? NULL : day, review ? day : NULL) == DB_OK) {
            ui_status(MSG_INFO, "已保存%s: %s", review ? "措施复核日" : "制定期限", day);
            return;
        }
        dialog_message("不能保存", app_errmsg());
    }
}

static enum screen_action more_key(void *self, int kind, wint_t ch)
{
    struct more_view *m = self;
    int choose = 0;
    if (kind == KEY_CODE_YES) {
        if (ch == KEY_UP && m->sel > 0) m->sel--;
        else if (ch == KEY_DOWN && m->sel + 1 < MI_COUNT) m->sel++;
        else if (ch == KEY_ENTER) choose = 1;
    } else if (ch == KEY_ESC) {
        return ACT_POP;
    } else if (ch == '\n' || ch == '\r') {
        choose = 1;
    } else if (ch >= '1' && ch < '1' + MI_COUNT) {
        m->sel = (int)(ch - '1');
        choose = 1;
    }
    if (choose && m->sel == MI_MONITOR)
        monitor_settings_edit();
    else if (choose)
        edit_plan_day(m->sel == MI_PLAN_REVIEW);
    return ACT_NONE;
}

static void more_close(void *self) { free(self); }

void settings_more_open(void)
{
    /* The store's own refusal and wording (it refuses each save too). */
    if (db_require_role(app.db, ROLE_ADMIN, "修改更多设置") != DB_OK) {
        dialog_message("更多设置", app_errmsg());
        return;
    }
    struct more_view *m = calloc(1, sizeof *m);
    if (m)
        app_push((struct screen){ "settings_more", more_draw, more_key, more_close, NULL, m });
}
