/* login.c — the login screen (name, hidden password, Esc quits) and the
 * password screens of the first run and of 操作员管理.  One small full-screen
 * form serves all three. */
#include <stdio.h>
#include <string.h>
#include "db/operators.h"
#include "db/settings.h"
#include "tui/lineedit.h"
#include "tui/login.h"
#include "tui/screens.h"
#include "tui/ui.h"

#define MAX_FIELDS 3
#define VALUE_BYTES 256

struct cred_field {
    const char *label;
    int hidden;                 /* a password: drawn as one * per character */
    struct lineedit le;
};

struct cred_form {
    const char *title, *intro, *hint;
    char msg[512];              /* the last refusal, in the error colour */
    struct cred_field f[MAX_FIELDS];
    int n, cur;
};

static void form_draw(struct cred_form *cf)
{
    erase();
    ui_title(cf->title, app.db_path);
    int x = (COLS - 60) / 2, y = LINES / 2 - 5;
    ui_put(y, x, cf->intro, 60, A_NORMAL);
    for (int i = 0; i < cf->n; i++) {
        int row = y + 2 + i * 2;
        ui_put(row, x, cf->f[i].label, 14, A_NORMAL);
        if (cf->f[i].hidden) {
            char stars[VALUE_BYTES];
            int k = le_length(&cf->f[i].le);
            k = k < (int)sizeof stars - 1 ? k : (int)sizeof stars - 1;
            memset(stars, '*', (size_t)k);
            stars[k] = '\0';
            ui_put(row, x + 14, stars, 30, ui_attr(UI_FIELD));
        } else {
            le_set_width(&cf->f[i].le, 30);
            le_draw(stdscr, row, x + 14, &cf->f[i].le, ui_attr(UI_FIELD));
        }
    }
    int after = y + 2 + cf->n * 2;
    if (cf->msg[0])
        ui_put(after, x, cf->msg, COLS - x - 1, ui_attr(UI_ERROR));
    if (cf->hint && cf->hint[0])
        ui_put(after + 2, x, cf->hint, COLS - x - 1, ui_attr(UI_DIM));
    ui_keybar(" Enter/Tab 下一项  Enter(最后一项) 确定  Esc 退出");
    int row = y + 2 + cf->cur * 2;
    int col = cf->f[cf->cur].hidden ? le_length(&cf->f[cf->cur].le) : le_cursor_cell(&cf->f[cf->cur].le);
    move(row, x + 14 + (col < 29 ? col : 29));
    curs_set(1);
    refresh();
}

/* Runs the form until Enter on the last field (1) or Esc (0). */
static int form_run(struct cred_form *cf)
{
    for (;;) {
        if (!ui_too_small())
            form_draw(cf);
        wint_t ch;
        int kind = ui_getkey(&ch);
        if (kind == ERR || ui_too_small())
            continue;
        struct lineedit *le = &cf->f[cf->cur].le;
        if (kind == OK && ch == KEY_ESC)
            return 0;
        int next = (kind == OK && (ch == '\n' || ch == '\r' || ch == '\t')) ||
                   (kind == KEY_CODE_YES && (ch == KEY_ENTER || ch == KEY_DOWN));
        if (next) {
            if (cf->cur + 1 < cf->n)
                cf->cur++;
            else if (ch != '\t' && ch != KEY_DOWN)
                return 1;
        } else if (kind == KEY_CODE_YES && (ch == KEY_UP || ch == KEY_BTAB)) {
            if (cf->cur > 0)
                cf->cur--;
        } else if (kind == KEY_CODE_YES && ch == UI_KEY_PASTE) {
            ui_paste_into(le);
        } else {
            le_key(le, ch, kind == KEY_CODE_YES);
        }
    }
}

static void field_init(struct cred_form *cf, const char *label, int hidden, int max_chars)
{
    struct cred_field *f = &cf->f[cf->n++];
    f->label = label;
    f->hidden = hidden;
    le_init(&f->le, 30, max_chars);
}

static void field_get(struct cred_form *cf, int i, char *out, size_t outsz)
{
    le_get_utf8(&cf->f[i].le, out, outsz);
}

/* Wipes what a password field held. */
static void field_clear(struct cred_form *cf, int i)
{
    le_set_utf8(&cf->f[i].le, "");
}

void login_adopt(void)
{
    snprintf(app.operator_name, sizeof app.operator_name, "%s", db_operator(app.db));
}

static char prefill[VALUE_BYTES];

void login_prefill(const char *name)
{
    snprintf(prefill, sizeof prefill, "%s", name ? name : "");
}

int login_run(void)
{
    static char hint[256];
    if (db_setting_text(app.db, SET_LOGIN_HINT, hint, sizeof hint) != DB_OK)
        hint[0] = '\0';
    struct cred_form cf = { "fupin 登录", "请输入操作员姓名和密码 (Esc 退出)", hint, "", { { 0 } }, 0, 0 };
    field_init(&cf, "操作员:", 0, 20);
    field_init(&cf, "密码:", 1, 64);
    if (prefill[0]) {
        le_set_utf8(&cf.f[0].le, prefill);
        cf.cur = 1;
    }
    for (;;) {
        if (!form_run(&cf))
            return 0;
        char name[VALUE_BYTES], pw[VALUE_BYTES];
        field_get(&cf, 0, name, sizeof name);
        field_get(&cf, 1, pw, sizeof pw);
        enum db_err err = db_login(app.db, name, pw);
        memset(pw, 0, sizeof pw);
        field_clear(&cf, 1);
        if (err == DB_OK) {
            login_adopt();
            return 1;
        }
        snprintf(cf.msg, sizeof cf.msg, "%s", app_errmsg());
        cf.cur = name[0] ? 1 : 0;
    }
}

/* Two hidden fields that must agree; on success the password is in buf. */
static int two_passwords(struct cred_form *cf, int first, char *buf, size_t bufsz)
{
    char again[VALUE_BYTES];
    field_get(cf, first, buf, bufsz);
    field_get(cf, first + 1, again, sizeof again);
    int same = strcmp(buf, again) == 0;
    memset(again, 0, sizeof again);
    if (!same) {
        snprintf(cf->msg, sizeof cf->msg, "两次输入的密码不一样，请重新输入");
        field_clear(cf, first);
        field_clear(cf, first + 1);
        cf->cur = first;
    }
    return same;
}

int login_create_admin(void)
{
    struct cred_form cf = { "首次使用设置：建立管理员",
                            "管理员可以添加操作员、修改基础设置。请设姓名和密码 (至少4个字符)。",
                            "", "", { { 0 } }, 0, 0 };
    field_init(&cf, "管理员姓名:", 0, 20);
    field_init(&cf, "密码:", 1, 64);
    field_init(&cf, "再输一次:", 1, 64);
    for (;;) {
        if (!form_run(&cf))
            return 0;
        char name[VALUE_BYTES], pw[VALUE_BYTES];
        field_get(&cf, 0, name, sizeof name);
        if (!two_passwords(&cf, 1, pw, sizeof pw))
            continue;
        enum db_err err = db_operator_add(app.db, name, ROLE_ADMIN, pw, NULL);
        memset(pw, 0, sizeof pw);
        if (err == DB_OK) {
            login_adopt();
            return 1;
        }
        snprintf(cf.msg, sizeof cf.msg, "%s", app_errmsg());
        field_clear(&cf, 1);
        field_clear(&cf, 2);
        cf.cur = name[0] ? 1 : 0;
    }
}

int login_new_password(const char *who, char *buf, size_t bufsz)
{
    char intro[200];
    snprintf(intro, sizeof intro, "为“%s”设新密码 (至少%d个字符)", who, OP_PASSWORD_MIN);
    struct cred_form cf = { "设置密码", intro, "", "", { { 0 } }, 0, 0 };
    field_init(&cf, "新密码:", 1, 64);
    field_init(&cf, "再输一次:", 1, 64);
    for (;;) {
        if (!form_run(&cf))
            return 0;
        if (two_passwords(&cf, 0, buf, bufsz))
            return 1;
    }
}
