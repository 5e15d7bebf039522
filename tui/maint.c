/* maint.c — 数据维护: data-quality check (the same check engine as `fupin
 * check`), online backup, the drafts waiting to be finished, the check of
 * the file and its audit log (with the last result shown), the audit log
 * itself, restore from a backup and how many automatic backups are kept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/checks.h"
#include "db/assist.h"
#include "db/plans.h"
#include "db/team.h"
#include "db/check_all.h"
#include "db/audit.h"
#include "db/backups.h"
#include "db/drafts.h"
#include "db/settings.h"
#include "db/household_store.h"
#include "db/integrity.h"
#include "db/settings.h"
#include "tui/auditview.h"
#include "tui/dialog.h"
#include "tui/screens.h"
#include "tui/ui.h"

static const char *const items[] = { "数据质量检查", "备份数据库", "未完成的草稿", "文件与审计记录检查",
                                     "审计记录", "从备份恢复", "自动备份保留份数" };
#define N_ITEMS ((int)(sizeof items / sizeof *items))

struct maint {
    int sel;
    char last_check[400];       /* SET_LAST_FILE_CHECK */
};

static void maint_draw(void *self)
{
    struct maint *m = self;
    ui_title("数据维护", app.db_path);
    for (int i = 0; i < N_ITEMS; i++) {
        char line[96];
        snprintf(line, sizeof line, " %d. %s", i + 1, items[i]);
        ui_put(3 + i * 2, 4, line, 40, i == m->sel ? ui_attr(UI_SELECTED) : A_NORMAL);
    }
    char last[480];
    snprintf(last, sizeof last, " 上次文件与审计记录检查: %s", m->last_check[0] ? m->last_check : "尚未检查");
    ui_put(4 + N_ITEMS * 2, 4, last, COLS - 8, ui_attr(UI_DIM));
    ui_status_draw();
    ui_keybar(" 数字/↑↓+Enter 选择  Esc返回");
    curs_set(0);
}

/* The 帮扶规划 and 驻村工作队 findings (db/plans.h, db/team.h) appended to
 * run_checks' text. */
struct plan_text { char *text; size_t cap, len, errors, warnings; };

static void add_plan_finding(void *ud, int64_t household_id, const char *subject,
                             const struct check_result *res)
{
    struct plan_text *t = ud;
    (void)household_id;
    int err = res->def->level == CHECK_ERROR;
    if (err) t->errors++; else t->warnings++;
    if (t->len + 600 < t->cap)
        t->len += (size_t)snprintf(t->text + t->len, t->cap - t->len, "[%s] %s: %s\n", err ? "错误" : "警告",
                                   subject, res->message);
}

static void run_checks(void)
{
    int64_t *ids = NULL;
    size_t n = 0;
    if (db_household_ids(app.db, &ids, &n) != DB_OK) {
        dialog_message("检查失败", app_errmsg());
        return;
    }
    size_t cap = 1 << 16, len = 0, errors = 0, warnings = 0;
    char *text = malloc(cap);
    struct household *hh = malloc(sizeof *hh);
    struct check_ctx cc;
    app_check_context(&cc);
    text[0] = 0;
    for (size_t i = 0; i < n; i++) {
        if (db_household_load_as_of(app.db, ids[i], app.year, hh) != DB_OK)
            continue;
        struct check_result rs[64];
        size_t k = checks_run_household(&cc, hh, rs, 64);
        for (size_t j = 0; j < k; j++) {
            int err = rs[j].def->level == CHECK_ERROR;
            if (err) errors++; else warnings++;
            if (len + 400 < cap)
                len += snprintf(text + len, cap - len, "[%s] %s %s: %s\n", err ? "错误" : "警告",
                                hh->hh_no[0] ? hh->hh_no : "(未建档)", hh->members[0].name, rs[j].message);
        }
        if (i % 500 == 0) {
            ui_status(MSG_INFO, "正在检查 %zu/%zu 户 …", i, n);
            refresh();
        }
    }
    struct plan_text pt = { text, cap, len, 0, 0 };
    if (db_check_subjects(app.db, &cc, app.year, add_plan_finding, &pt, NULL, NULL) != DB_OK)
        ui_status(MSG_ERROR, "%s", app_errmsg());
    len = pt.len;
    errors += pt.errors;
    warnings += pt.warnings;
    char title[128];
    snprintf(title, sizeof title, "%d年 检查 %zu 户: %zu 个错误, %zu 个警告", app.year, n, errors, warnings);
    ui_status(errors ? MSG_ERROR : MSG_INFO, "%s", title);
    dialog_text(title, len ? text : "没有发现问题。");
    free(hh);
    free(text);
    free(ids);
}

/* Text a check appends its findings to (bounded; the count says the rest). */
struct findings {
    char text[16384];
    size_t len;
};

static void add_finding(struct findings *f, const char *line)
{
    if (f->len + strlen(line) + 2 < sizeof f->text)
        f->len += (size_t)snprintf(f->text + f->len, sizeof f->text - f->len, "%s\n", line);
}

static void add_damage(void *ud, const char *line)
{
    add_finding(ud, line);
}

static void add_audit(void *ud, const struct audit_finding *af)
{
    char line[600];
    audit_describe(af, line, sizeof line);
    add_finding(ud, line);
}

/* The file (quick_check, foreign keys) and the audit chain and triggers,
 * as `fupin check` does them; the result is kept for the screen. */
static void run_file_check(struct maint *m)
{
    ui_status(MSG_INFO, "正在检查数据库文件和审计记录 …");
    refresh();
    struct findings *f = calloc(1, sizeof *f);
    if (!f)
        return;
    struct integrity_report ir;
    size_t rows = 0, bad = 0;
    char result[300];
    if (db_integrity_check(app.db, 0, add_damage, f, &ir) != DB_OK) {
        dialog_message("检查失败", app_errmsg());
        free(f);
        return;
    }
    if (ir.problems)
        snprintf(result, sizeof result, "数据库文件已损坏（%zu 处），请用备份恢复", ir.problems);
    else if (audit_verify(app.db, add_audit, f, &rows, &bad) != DB_OK)
        snprintf(result, sizeof result, "审计记录无法读完：%s", app_errmsg());
    else if (bad)
        snprintf(result, sizeof result, "文件完好；审计记录发现 %zu 处篡改", bad);
    else
        snprintf(result, sizeof result, "文件完好；审计记录 %zu 条校验完好", rows);
    char stamp[32];
    time_t now = time(NULL);
    strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M", localtime(&now));
    snprintf(m->last_check, sizeof m->last_check, "%s %s", stamp, result);
    if (!db_is_readonly(app.db))
        db_setting_set_text(app.db, SET_LAST_FILE_CHECK, m->last_check);
    ui_status(ir.problems || bad ? MSG_ERROR : MSG_INFO, "%s", result);
    dialog_text(result, f->len ? f->text : "没有发现问题。");
    free(f);
}

/* 1 when the file may be copied: sound, or the clerk says copy it anyway. */
static int backup_allowed(void)
{
    struct integrity_report ir;
    if (db_integrity_check(app.db, 0, NULL, NULL, &ir) != DB_OK) {
        dialog_message("备份失败", app_errmsg());
        return 0;
    }
    if (!ir.problems)
        return 1;
    char text[1400], first[600];
    snprintf(text, sizeof text, "数据库文件已损坏（%zu 处），备份的也是损坏的文件。\n第一处：%s",
             ir.problems, ui_chinese_part(ir.first, first, sizeof first));
    return dialog_yesno_text("数据库文件已损坏", text, "仍要备份吗?", ANSWER_NO);
}

static void backup(void)
{
    if (!backup_allowed())
        return;
    char path[1024];
    snprintf(path, sizeof path, "%s.%s.bak", app.db_path, app.ctx.today);
    if (!dialog_input("备份数据库", "备份文件 (可改为U盘路径):", path, sizeof path, 200) ||
        !app_export_path(path, sizeof path))
        return;
    if (db_backup(app.db, path) != DB_OK) {
        dialog_message("备份失败", app_errmsg());
        return;
    }
    app_written("备份完成", "已备份数据库", path);
}

static void show_drafts(void)
{
    struct draft_info d[64];
    size_t n = 0;
    db_drafts(app.db, d, 64, &n);
    char text[64 * 160] = "";
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += snprintf(text + len, sizeof text - len, "%s  %s  %s\n", d[i].updated,
                        strcmp(d[i].form, "application") == 0 ? "申请书" : "入户调查表",
                        strcmp(d[i].key, "new") == 0 ? "(新户)" : d[i].key);
    dialog_text("未完成的草稿 (打开对应表单时可恢复)", n ? text : "没有草稿。");
}

/* The backups beside the database, newest first, as lines of text. */
static void list_backups(char *text, size_t textsz, char *newest, size_t newestsz)
{
    static char paths[BACKUPS_MAX_LIST][1024];
    size_t n = 0, len = 0;
    backups_list(app.db, paths, 12, &n);
    snprintf(newest, newestsz, "%s", n ? paths[0] : "");
    len += snprintf(text, textsz, "%s", n ? "备份文件夹中的备份 (最新的在前):\n" : "备份文件夹中还没有备份。\n");
    for (size_t i = 0; i < n && len < textsz; i++) {
        const char *slash = strrchr(paths[i], '/');
        len += snprintf(text + len, textsz - len, "  %s\n", slash ? slash + 1 : paths[i]);
    }
}

/* Restore: the clerk names the backup (the newest is proposed), confirms,
 * the current state is backed up first, then the backup replaces it. */
static void restore(void)
{
    if (app.read_only) {
        dialog_message("不能恢复", "数据库以只读方式打开，不能恢复");
        return;
    }
    char text[2048], path[1024], made[1400];
    list_backups(text, sizeof text, path, sizeof path);
    if (!dialog_input_text("从备份恢复", text, "用哪个备份文件恢复 (可改为U盘上的文件):", path,
                           sizeof path, 300) || !path[0] || !app_export_path(path, sizeof path))
        return;
    char q[1400];
    snprintf(q, sizeof q, "将用备份\n%s\n替换当前的全部数据。恢复前会先把当前数据备份到备份文件夹。", path);
    if (!dialog_yesno_text("从备份恢复", q, "确定恢复吗?", ANSWER_NO))
        return;
    /* No pruning here: the backup being restored may be the oldest kept. */
    if (backups_make(app.db, 0, made, sizeof made) != DB_OK) {
        dialog_message("恢复失败，当前数据没有改变", app_errmsg());
        return;
    }
    if (backups_restore(app.db, path) != DB_OK) {
        dialog_message("恢复失败，当前数据没有改变", app_errmsg());
        return;
    }
    app_reload_settings();
    char msg[3000];
    snprintf(msg, sizeof msg, "已从备份恢复:\n%s\n恢复前的数据已备份到:\n%s", path, made);
    ui_status(MSG_INFO, "已从备份恢复");
    dialog_message("恢复完成", msg);
}

static void edit_keep(void)
{
    int keep = (int)db_setting_int(app.db, SET_BACKUP_KEEP, BACKUPS_KEEP_DEFAULT);
    if (dialog_input_int("自动备份保留份数", "退出时自动备份，保留最近几份 (1–100):", 1, 100, &keep) &&
        db_setting_set_int(app.db, SET_BACKUP_KEEP, keep) != DB_OK)
        dialog_message("不能保存", app_errmsg());
}

static void choose(struct maint *m, int i)
{
    if (i == 0) run_checks();
    else if (i == 1) backup();
    else if (i == 2) show_drafts();
    else if (i == 3) run_file_check(m);
    else if (i == 4) {
        if (auditview_allowed()) app_push(auditview_screen());
        else dialog_message("审计记录", "需要审核员权限才能查看审计记录。");
    }
    else if (i == 5) restore();
    else edit_keep();
}

static enum screen_action maint_key(void *self, int kind, wint_t ch)
{
    struct maint *m = self;
    if (kind == KEY_CODE_YES) {
        if (ch == KEY_UP && m->sel > 0) m->sel--;
        else if (ch == KEY_DOWN && m->sel + 1 < N_ITEMS) m->sel++;
        else if (ch == KEY_ENTER) choose(m, m->sel);
        return ACT_NONE;
    }
    if (ch == KEY_ESC) return ACT_POP;
    if (ch == '\n' || ch == '\r') choose(m, m->sel);
    else if (ch >= '1' && ch < '1' + N_ITEMS) { m->sel = (int)(ch - '1'); choose(m, m->sel); }
    return ACT_NONE;
}

static void maint_close(void *self) { free(self); }

struct screen maint_screen(void)
{
    struct maint *m = calloc(1, sizeof *m);
    db_setting_text(app.db, SET_LAST_FILE_CHECK, m->last_check, sizeof m->last_check);
    return (struct screen){ "maint", maint_draw, maint_key, maint_close, NULL, m };
}
