/* operators_view.c — 操作员管理 (see operators_view.h).  Every change is
 * db/operators.c's, which checks the role again and keeps a 管理员. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/operators.h"
#include "tui/dialog.h"
#include "tui/login.h"
#include "tui/operators_view.h"
#include "tui/ui.h"

#define MAX_OPS 200

struct ops_view {
    struct operator_row rows[MAX_OPS];
    size_t n;
    int sel;
};

static void reload(struct ops_view *v)
{
    if (db_operators(app.db, v->rows, MAX_OPS, &v->n) != DB_OK)
        ui_status(MSG_ERROR, "%s", app_errmsg());
    if (v->sel >= (int)v->n)
        v->sel = v->n ? (int)v->n - 1 : 0;
}

static void ops_draw(void *self)
{
    struct ops_view *v = self;
    ui_title("操作员管理", app.db_path);
    ui_put(2, 2, "  姓名                  角色      状态", COLS - 4, A_BOLD);
    for (size_t i = 0; i < v->n && (int)i < LINES - 6; i++) {
        char line[200];
        snprintf(line, sizeof line, "  %-20s  %s    %s", v->rows[i].name, op_role_name(v->rows[i].role),
                 v->rows[i].active ? "在用" : "已停用");
        ui_put(3 + (int)i, 2, line, COLS - 4, (int)i == v->sel ? ui_attr(UI_SELECTED) : A_NORMAL);
    }
    ui_status_draw();
    ui_keybar(" A 添加  R 改角色  P 重设密码  D 停用/启用  ↑↓ 选择  Esc 返回");
    curs_set(0);
}

/* Picks a role; -1 on Esc. */
static int pick_role(int current)
{
    const char *labels[ROLE_COUNT];
    for (int r = 0; r < ROLE_COUNT; r++)
        labels[r] = op_role_name(r);
    return dialog_pick("角色", labels, ROLE_COUNT, current >= 0 ? current : 0, NULL, NULL);
}

static void report(enum db_err err, const char *done)
{
    if (err == DB_OK)
        ui_status(MSG_INFO, "%s", done);
    else
        dialog_message("不能保存", app_errmsg());
}

static void add_operator(struct ops_view *v)
{
    char name[128] = "", pw[256];
    if (!dialog_input("添加操作员", "姓名:", name, sizeof name, 20) || !name[0])
        return;
    int role = pick_role(ROLE_CLERK);
    if (role < 0 || !login_new_password(name, pw, sizeof pw))
        return;
    report(db_operator_add(app.db, name, role, pw, NULL), "已添加操作员");
    memset(pw, 0, sizeof pw);
    reload(v);
}

static void act(struct ops_view *v, wint_t ch)
{
    if (ch == 'a' || ch == 'A') {
        add_operator(v);
        return;
    }
    if (!v->n)
        return;
    struct operator_row *o = &v->rows[v->sel];
    if (ch == 'r' || ch == 'R') {
        int role = pick_role(o->role);
        if (role >= 0)
            report(db_operator_set_role(app.db, o->id, role), "已修改角色");
    } else if (ch == 'p' || ch == 'P') {
        char pw[256];
        if (login_new_password(o->name, pw, sizeof pw))
            report(db_operator_reset_password(app.db, o->id, pw), "已重设密码");
        memset(pw, 0, sizeof pw);
    } else if (ch == 'd' || ch == 'D') {
        char q[200];
        snprintf(q, sizeof q, o->active ? "停用操作员“%s”吗? (不删除，修改记录仍写着其姓名)"
                                        : "重新启用操作员“%s”吗?", o->name);
        if (dialog_yesno(q, ANSWER_NO))
            report(db_operator_set_active(app.db, o->id, !o->active), o->active ? "已停用" : "已启用");
    }
    reload(v);
}

static enum screen_action ops_key(void *self, int kind, wint_t ch)
{
    struct ops_view *v = self;
    if (kind == KEY_CODE_YES) {
        if (ch == KEY_UP && v->sel > 0) v->sel--;
        else if (ch == KEY_DOWN && v->sel + 1 < (int)v->n) v->sel++;
        return ACT_NONE;
    }
    if (ch == KEY_ESC)
        return ACT_POP;
    act(v, ch);
    return ACT_NONE;
}

static void ops_close(void *self) { free(self); }

int operators_view_open(void)
{
    if (db_require_role(app.db, ROLE_ADMIN, "管理操作员") != DB_OK) {
        dialog_message("无权操作", app_errmsg());
        return 0;
    }
    struct ops_view *v = calloc(1, sizeof *v);
    if (!v)
        return 0;
    reload(v);
    app_push((struct screen){ "operators", ops_draw, ops_key, ops_close, NULL, v });
    return 1;
}
