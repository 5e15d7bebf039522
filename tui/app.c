/* app.c — the workstation's main loop and screen stack (see app.h). */
#include "tui/app.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/checks.h"
#include "core/clock.h"
#include "core/outpath.h"
#include "db/assist.h"
#include "db/backups.h"
#include "db/household_store.h"
#include "db/operators.h"
#include "db/settings.h"
#include "tui/cli.h"
#include "tui/dialog.h"
#include "tui/login.h"
#include "tui/screens.h"
#include "tui/ui.h"

#define MAX_SCREENS 16

struct app app;
static struct screen stack[MAX_SCREENS];
static int depth;
static struct line lines_buf[256];

static int must_erase = 1;   /* the window holds something the top screen did not draw */
static int erased;           /* this redraw started from an erased window */

int app_window_erased(void)
{
    return erased;
}

void app_push(struct screen s)
{
    must_erase = 1;         /* a dialog of the constructor may be left on screen */
    if (!s.draw)            /* a screen that did not open (cancelled, or no memory: said) */
        return;
    if (depth < MAX_SCREENS)
        stack[depth++] = s;
}

static void pop(void)
{
    if (depth == 0)
        return;
    struct screen *s = &stack[--depth];
    if (s->close)
        s->close(s->self);
    must_erase = 1;
}

void app_draw(void)
{
    if (depth == 0)
        return;
    erased = must_erase || !stack[depth - 1].paints_all;
    if (erased)
        erase();
    must_erase = 0;
    stack[depth - 1].draw(stack[depth - 1].self);
}

void app_draw_under_overlay(void)
{
    app_draw();
    must_erase = 1;
}

void app_reload_settings(void)
{
    clock_today(app.ctx.today);
    app.year = atoi(app.ctx.today);
    size_t n = 0;
    if (db_lines(app.db, lines_buf, sizeof lines_buf / sizeof *lines_buf, &n) != DB_OK)
        n = 0;
    app.ctx.lines = lines_buf;
    app.ctx.n_lines = n;
    if (db_labour_ages(app.db, &app.ctx.labour) != DB_OK)
        app.ctx.labour = LABOUR_AGES_DEFAULT;
    app.auto_advance = (int)db_setting_int(app.db, SET_AUTO_ADVANCE, 1);
    app.code_advance = (int)db_setting_int(app.db, SET_CODE_ADVANCE, 1);
    xo_set_default_paper(db_print_paper(app.db));
}

void app_check_context(struct check_ctx *cc)
{
    checks_ctx_init(cc);
    snprintf(cc->today, sizeof cc->today, "%s", app.ctx.today);
    cc->lines = app.ctx.lines;
    cc->n_lines = app.ctx.n_lines;
    cc->labour = app.ctx.labour;
    cc->notice_days = (int)db_setting_int(app.db, SET_NOTICE_DAYS, 7);
    cc->id_owner = db_id_owner_describe;
    cc->id_owner_ud = app.db;
    cc->year = app.year;
    cc->hh_extra = db_hh_extra;
    cc->hh_extra_ud = app.db;
}

/* Asks every screen from the top whether it may quit (unsaved forms ask). */
static int all_may_quit(void)
{
    for (int i = depth - 1; i >= 0; i--)
        if (stack[i].may_quit && !stack[i].may_quit(stack[i].self))
            return 0;
    return 1;
}

static void loop(void)
{
    while (depth > 0) {
        if (!ui_too_small()) {
            app_draw();
            refresh();
        }
        wint_t ch;
        int kind = ui_getkey(&ch);
        if (kind == KEY_CODE_YES && ch == KEY_RESIZE)
            must_erase = 1;
        if (kind == ERR || (kind == KEY_CODE_YES && ch == KEY_RESIZE))
            continue;
        if (ui_too_small())
            continue;   /* keys wait until the window is large enough again */
        enum screen_action act = stack[depth - 1].key(stack[depth - 1].self, kind, ch);
        if (act == ACT_NONE && kind == OK && ch == CTRL('q'))
            act = ACT_QUIT;
        if (act == ACT_POP)
            pop();
        else if (act == ACT_QUIT && all_may_quit())
            while (depth > 0)
                pop();
    }
}

int app_run(const char *db_path, const char *operator_name)
{
    char err[512];
    enum db_err rc = db_open(db_path, app.read_only ? DB_READONLY : DB_CREATE, &app.db,
                             err, sizeof err);
    if (rc == DB_ERR_READONLY && !app.read_only) {
        /* A read-only file, folder or medium (a CD, a locked USB stick, a
         * colleague's share) still opens for viewing, searching, exporting. */
        app.read_only = 1;
        rc = db_open(db_path, DB_READONLY, &app.db, err, sizeof err);
    }
    if (rc != DB_OK) {
        fprintf(stderr, "错误: %s\n", err);
        return EXIT_DATA;
    }
    app.db_path = db_path;
    /* --operator or FUPIN_OPERATOR with FUPIN_PASSWORD log in without the
     * login screen (scripts, tests, `make run`); a wrong pair is refused
     * here, before the screen starts. */
    const char *name = operator_name && *operator_name ? operator_name : getenv("FUPIN_OPERATOR");
    const char *password = getenv("FUPIN_PASSWORD");
    if (name && *name && password && !db_operators_need_admin(app.db)) {
        if (db_login(app.db, name, password) != DB_OK) {
            fprintf(stderr, "错误: %s\n", db_errmsg(app.db));
            db_close(app.db);
            return EXIT_USAGE;
        }
        login_adopt();
    }
    login_prefill(name);
    app_reload_settings();

    ui_start();
    if (app.read_only) {
        ui_set_banner("只读");
        ui_status(MSG_WARN, "数据库以只读方式打开：可以查看、查询和导出，不能保存修改");
    }
    int ok = setup_if_needed();
    if (ok) {
        app_push(menu_screen());
        loop();
    }
    char backup_err[512] = "";
    if (!app.read_only && db_wrote(app.db) && db_check_file(app.db) == DB_OK) {
        /* The automatic backup of a session that changed anything. */
        ui_status(MSG_INFO, "正在自动备份 …");
        refresh();
        int keep = (int)db_setting_int(app.db, SET_BACKUP_KEEP, BACKUPS_KEEP_DEFAULT);
        if (backups_make(app.db, keep, NULL, 0) != DB_OK)
            snprintf(backup_err, sizeof backup_err, "%s", db_errmsg(app.db));
    }
    ui_stop();
    db_close(app.db);
    if (backup_err[0])
        fprintf(stderr, "警告: 自动备份失败：%s\n", backup_err);
    return EXIT_OK;
}

const char *app_errmsg(void)
{
    static char text[512];
    return ui_chinese_part(db_errmsg(app.db), text, sizeof text);
}

void app_export_dir(char *dir, size_t dirsz)
{
    snprintf(dir, dirsz, "%s", app.db_path ? app.db_path : "");
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = 0;
    else
        snprintf(dir, dirsz, ".");
}

const char *app_written(const char *title, const char *done, const char *path)
{
    static char msg[4400];
    outpath_message(done, path, msg, sizeof msg);
    ui_status(MSG_INFO, "%s", msg);
    dialog_message(title, msg);
    return msg;
}

int app_export_path(char *path, size_t pathsz)
{
    if (path[0] == '/')
        return 1;
    char dir[512], joined[1024];
    app_export_dir(dir, sizeof dir);
    if ((size_t)snprintf(joined, sizeof joined, "%s/%s", dir, path) >= sizeof joined ||
        strlen(joined) >= pathsz) {
        ui_status(MSG_ERROR, "文件名太长，请改短一些");
        return 0;
    }
    snprintf(path, pathsz, "%s", joined);
    return 1;
}
