/* projects.c — the 项目管理 screen (see projects.h). */
#include "tui/projects.h"
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/checks.h"
#include "core/codes.h"
#include "core/workflow.h"
#include "db/assist.h"
#include "db/household_store.h"
#include "db/projects.h"
#include "tui/aidcard.h"
#include "tui/cli_assist.h"
#include "tui/dialog.h"
#include "tui/ui.h"


static const struct field APP_FIELDS[] = {
    { "kind", "项目类型", FT_CODE, T_HOUSEHOLD, offsetof(struct project, kind), sizeof(int), 14,
      CL_PROJECT, F_REQUIRED, NULL, NULL },
    { "year", "年度", FT_INT, T_HOUSEHOLD, offsetof(struct project, year), sizeof(int), 6,
      CL_NONE, F_REQUIRED, NULL, NULL },
    { "content", "项目内容", FT_TEXT, T_HOUSEHOLD, offsetof(struct project, content),
      sizeof ((struct project *)0)->content, 50, CL_NONE, F_REQUIRED, NULL, NULL },
    { "partner_name", "合作方", FT_TEXT, T_HOUSEHOLD, offsetof(struct project, partner_name),
      sizeof ((struct project *)0)->partner_name, 40, CL_NONE, F_REQUIRED, NULL, NULL },
    { "partner_type", "合作方类型", FT_CODE, T_HOUSEHOLD, offsetof(struct project, partner_type),
      sizeof(int), 10, CL_PARTNER, F_REQUIRED, NULL, NULL },
    { "amount", "申请金额(元)", FT_MONEY, T_HOUSEHOLD, offsetof(struct project, amount),
      sizeof(money_t), 14, CL_NONE, 0, NULL, NULL },
};

/* The keyed values of one step. */
struct step {
    char date[11];
    int representatives, votes_for, votes_against, votes_abstain;
    money_t amount;
    int stage;          /* 1 预付 2 尾款 */
    int passed;
    char conclusion[TEXT_BYTES(60)];
};

#define SF(key, label, type, member, width, flags) \
    { key, label, type, T_HOUSEHOLD, offsetof(struct step, member), \
      sizeof ((struct step *)0)->member, width, CL_NONE, flags, NULL, NULL }
static const struct field DATE_FIELD[] = { SF("date", "日期", FT_DATE, date, 12, F_REQUIRED) };
static const struct field APPRAISE_FIELDS[] = {
    SF("date", "评议日期", FT_DATE, date, 12, F_REQUIRED),
    SF("representatives", "到会村民代表(9–15人,单数)", FT_INT, representatives, 6, F_REQUIRED),
    SF("votes_for", "赞成票", FT_INT, votes_for, 6, 0),
    SF("votes_against", "反对票", FT_INT, votes_against, 6, 0),
    SF("votes_abstain", "弃权票", FT_INT, votes_abstain, 6, 0),
};
static const struct field PAY_FIELDS[] = {
    SF("date", "拨付日期", FT_DATE, date, 12, F_REQUIRED),
    SF("amount", "拨付金额(元)", FT_MONEY, amount, 14, 0),
    SF("stage", "阶段(1预付 2尾款)", FT_INT, stage, 4, F_REQUIRED),
};
static const struct field VERIFY_FIELDS[] = {
    SF("date", "核验日期", FT_DATE, date, 12, F_REQUIRED),
    SF("passed", "核验通过", FT_BOOL, passed, 4, 0),
    SF("conclusion", "核验结论", FT_TEXT, conclusion, 40, 0),
};

/* Every project of the file: the arrays grow as the ledger is read (a
 * county's years of projects; a fixed 2 000 dropped the rest unseen). */
struct plist {
    struct project *rows;
    char (*heads)[TEXT_BYTES(NAME_CHARS)];
    int n, cap, sel, first, out_of_memory;
    struct check_ctx cc;
};

static int collect(void *ud, const struct project *p, const struct project_ledger_info *info)
{
    struct plist *l = ud;
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 4 : 256;
        struct project *rows = realloc(l->rows, (size_t)cap * sizeof *rows);
        if (rows)
            l->rows = rows;
        char (*heads)[TEXT_BYTES(NAME_CHARS)] = rows ? realloc(l->heads, (size_t)cap * sizeof *heads) : NULL;
        if (!heads) {
            l->out_of_memory = 1;
            return 1;
        }
        l->heads = heads;
        l->cap = cap;
    }
    l->rows[l->n] = *p;
    snprintf(l->heads[l->n], sizeof l->heads[0], "%s", info->head_name);
    l->n++;
    return 0;
}

static void pl_reload(struct plist *l)
{
    app_check_context(&l->cc);
    db_assist_check_ctx(app.db, &l->cc);
    l->n = 0;
    l->out_of_memory = 0;
    if (db_projects_each(app.db, NULL, 0, collect, l, NULL) != DB_OK && !l->out_of_memory)
        ui_status(MSG_ERROR, "读取失败: %s", app_errmsg());
    if (l->out_of_memory)
        ui_status(MSG_ERROR, "内存不足: 只列出了前 %d 个项目", l->n);
    if (l->sel >= l->n) l->sel = l->n ? l->n - 1 : 0;
}

static void pl_select(struct plist *l, int64_t id)
{
    for (int i = 0; i < l->n; i++)
        if (l->rows[i].id == id)
            l->sel = i;
}

static void pl_draw(void *self)
{
    struct plist *l = self;
    char right[64];
    snprintf(right, sizeof right, "共 %d 个项目", l->n);
    ui_title("项目管理 (一户一增收 / 住房建设补助)", right);
    ui_put(1, 0, " 户主      类型         年度  申请额     已拨付     阶段    核验状态", COLS, A_BOLD);
    int rows = LINES - 4;
    alist_fit(&l->sel, &l->first, l->n, rows);
    for (int r = 0; r < rows; r++) {
        int i = l->first + r, y = 2 + r;
        if (i >= l->n) { ui_put(y, 0, "", COLS, A_NORMAL); continue; }
        const struct project *p = &l->rows[i];
        char verify[200], amount[32], paid[32], year[8], m[80];
        project_verify_text(&l->cc, p, verify, sizeof verify);
        attr_t a = i == l->sel ? ui_attr(UI_SELECTED) : strstr(verify, "逾期") ? ui_attr(UI_WARN) : A_NORMAL;
        money_format(p->amount, amount, sizeof amount);
        money_format(p->paid, paid, sizeof paid);
        snprintf(year, sizeof year, "%d", p->year);
        snprintf(m, sizeof m, "%9s  %9s", amount, paid);
        const char *cells[] = { " ", l->heads[i], codes_label(CL_PROJECT, p->kind), year, m,
                                project_stage_label(project_stage(p)), verify };
        const int widths[] = { 1, 10, 13, 6, 22, 8, 0 };
        alist_row(y, a, cells, widths, 7);
    }
    if (l->n == 0)
        ui_put(3, 2, "(尚无项目，按 Ins 为一户新增项目)", COLS - 4, ui_attr(UI_DIM));
    ui_status_draw();
    ui_keybar(" Ins新增 Enter办理下一步 F9导出项目台账 ↑↓选择 F1帮助 Esc返回");
    curs_set(0);
}

static void project_header(const struct plist *l, const struct project *p, char *out, size_t outsz)
{
    char amount[32], paid[32];
    money_format(p->amount, amount, sizeof amount);
    money_format(p->paid, paid, sizeof paid);
    snprintf(out, outsz, "户主: %s  %s %d年  %s\n合作方: %s (%s)  申请金额 %s 元  已拨付 %s 元  阶段: %s",
             l->sel < l->n ? l->heads[l->sel] : "", codes_label(CL_PROJECT, p->kind), p->year, p->content,
             p->partner_name, codes_label(CL_PARTNER, p->partner_type), amount, paid,
             project_stage_label(project_stage(p)));
}

/* The store refused what a sub-form holds: its message, and the field it
 * names (db_errfield) for the cursor — the form stays open on that field
 * instead of closing and opening again on field 1. */
static const char *refusal(const char **at)
{
    *at = db_errfield(app.db);
    return app_errmsg();
}

/* F2 on the project's application (new or corrected). */
static const char *save_application(void *rec, void *ud, const char **at)
{
    struct plist *l = ud;
    return db_project_save(app.db, &l->cc, rec) == DB_OK ? NULL : refusal(at);
}

static void pl_new(struct plist *l)
{
    int64_t hh = aidcard_pick_household("新增项目 — 查找户");
    if (!hh)
        return;
    struct project p;
    memset(&p, 0, sizeof p);
    p.household_id = hh;
    p.year = app.year;
    p.kind = PROJECT_INCOME;
    if (subform_edit("新增项目 (一户一增收 / 住房建设补助)", "金额上限: 一户一增收 每户每年3万元, 住房建设补助 每户5万元 (见 基础设置)",
                     APP_FIELDS, sizeof APP_FIELDS / sizeof *APP_FIELDS, &p, sizeof p, save_application, l)) {
        ui_status(MSG_INFO, "已保存项目; Enter 办理村级评议");
        pl_reload(l);
        pl_select(l, p.id);
    }
}

/* A step of a project being keyed (run_step). */
struct step_run {
    struct plist *l;
    const struct project *p;
    int action;
};

static enum db_err do_step(const struct step_run *r, const struct step *s)
{
    const struct check_ctx *cc = &r->l->cc;
    int64_t id = r->p->id;
    switch (r->action) {
    case 1: return db_project_appraise(app.db, cc, id, s->date, s->representatives, s->votes_for,
                                       s->votes_against, s->votes_abstain);
    case 2: return db_project_approve(app.db, id, s->date);
    case 3: return db_project_notice(app.db, cc, id, s->date, 0);
    case 4: return db_project_start(app.db, id, s->date);
    case 5: return db_project_pay(app.db, cc, id, s->date, s->amount, s->stage, NULL);
    case 6: return db_project_request_verify(app.db, id, s->date);
    default: return db_project_verify(app.db, id, r->action - 7, s->date, s->passed, s->conclusion);
    }
}

/* F2 on a step: done in the store, or refused at the field at fault. */
static const char *save_step(void *rec, void *ud, const char **at)
{
    return do_step(ud, rec) == DB_OK ? NULL : refusal(at);
}

/* Keys one step in a sub-form and runs it until accepted or cancelled. */
static void run_step(struct plist *l, struct project *p, int action)
{
    static const char *const titles[] = { "修改申请", "村级评议", "乡镇审定", "项目公示", "开工",
                                          "拨付", "申请验收", "村级核验", "乡镇核验", "县级核验" };
    char head[1200];
    project_header(l, p, head, sizeof head);
    struct step s;
    memset(&s, 0, sizeof s);
    snprintf(s.date, sizeof s.date, "%s", app.ctx.today);
    s.stage = p->advance_paid ? PAY_TAIL : PAY_ADVANCE;
    s.passed = 1;
    if (action == 5) {
        int pct = l->cc.stage_first_pct > 0 ? l->cc.stage_first_pct : 80;
        s.amount = s.stage == PAY_ADVANCE ? (p->partner_type == PARTNER_VILLAGE ? p->amount : p->amount * pct / 100)
                                          : p->amount - p->paid;
    }
    const struct field *fs = DATE_FIELD;
    size_t nf = 1;
    if (action == 1) { fs = APPRAISE_FIELDS; nf = 5; }
    if (action == 5) { fs = PAY_FIELDS; nf = 3; }
    if (action >= 7) { fs = VERIFY_FIELDS; nf = 3; }
    char title[64];
    snprintf(title, sizeof title, "项目 — %s", titles[action]);
    struct step_run run = { l, p, action };
    if (subform_edit(title, head, fs, nf, &s, sizeof s, save_step, &run))
        ui_status(MSG_INFO, "已保存: %s", titles[action]);
}

static void show_payments(const struct project *p)
{
    struct disbursement d[32];
    size_t n = 0;
    if (db_disbursements(app.db, p->id, d, 32, &n) != DB_OK) {
        dialog_message("读取失败", app_errmsg());
        return;
    }
    char text[4096];
    size_t len = (size_t)snprintf(text, sizeof text, "日期        阶段    金额(元)\n");
    for (size_t i = 0; i < n && len + 100 < sizeof text; i++) {
        char m[32];
        money_format(d[i].amount, m, sizeof m);
        len += (size_t)snprintf(text + len, sizeof text - len, "%s  %s  %12s\n", d[i].date,
                                d[i].stage == PAY_TAIL ? "尾款" : "预付", m);
    }
    if (!n)
        snprintf(text + len, sizeof text - len, "(尚无拨付)\n");
    dialog_text("拨付记录", text);
}

/* The step the clerk most likely does next (an index into pl_steps' items):
 * the first one not yet done, in the order of SPEC §3.2. */
static int next_step(const struct project *p)
{
    if (!p->meeting_id)
        return 1;
    if (!p->approved[0])
        return wf_appraisal_passes(p->votes_for, p->representatives) ? 2 : 1;
    if (!p->notice_id)
        return 3;
    if (!p->start_date[0])
        return 4;
    if (!p->advance_paid)
        return 5;
    if (!p->verify_requested[0])
        return 6;
    for (int level = VERIFY_VILLAGE; level <= VERIFY_COUNTY; level++)
        if (!p->verified[level][0] || !p->verify_passed[level])
            return 7 + level;
    return p->paid < p->amount ? 5 : 10;
}

/* Typed digits pick by the number dialog_pick shows (1-based): "1" keeps
 * 1, 10 and 11, "10" only 10. */
static int pick_by_number(size_t i, const char *typed, void *ud)
{
    (void)ud;
    char num[16];
    snprintf(num, sizeof num, "%zu", i + 1);
    return strncmp(num, typed, strlen(typed)) == 0;
}

static void pl_steps(struct plist *l)
{
    if (!l->n)
        return;
    struct project p;
    if (db_project_get(app.db, l->rows[l->sel].id, &p) != DB_OK) {
        dialog_message("读取失败", app_errmsg());
        return;
    }
    /* dialog_pick numbers the items itself; typing the number picks one. */
    static const char *const items[] = { "修改申请", "村级评议", "乡镇审定", "项目公示(3天)", "开工",
                                         "拨付", "申请验收", "村级核验", "乡镇核验", "县级核验",
                                         "拨付记录" };
    int k = dialog_pick("办理 (输入序号或↑↓选择)", items, sizeof items / sizeof *items, next_step(&p),
                        pick_by_number, NULL);
    if (k < 0)
        return;
    if (k == 10) {
        show_payments(&p);
    } else if (k == 0) {
        char head[1200];
        project_header(l, &p, head, sizeof head);
        subform_edit("修改项目申请", head, APP_FIELDS, sizeof APP_FIELDS / sizeof *APP_FIELDS, &p, sizeof p,
                     save_application, l);
    } else {
        run_step(l, &p, k);
    }
    pl_reload(l);
    pl_select(l, p.id);
}

static enum screen_action pl_key(void *self, int kind, wint_t ch)
{
    struct plist *l = self;
    if (kind != KEY_CODE_YES && ch == KEY_ESC)
        return ACT_POP;
    if (alist_is_enter(kind, ch)) {
        pl_steps(l);
        return ACT_NONE;
    }
    if (kind != KEY_CODE_YES || alist_key(ch, &l->sel, l->n, LINES - 4))
        return ACT_NONE;
    switch (ch) {
    case KEY_IC: pl_new(l); break;
    case KEY_F(9): alist_export("项目台账", "全部项目，保存为:", NULL, assist_export_projects); break;
    case KEY_F(1):
        dialog_text("帮助", "项目步骤: 申请 → 村级评议 (9–15名代表, 单数, 三分之二以上赞成) → 乡镇审定\n"
                    "→ 公示3天 → 开工 → 预付80% (合作方为村委会时开工即可全额拨付)\n"
                    "→ 申请验收 → 村级核验 (15天内) → 乡镇核验 (其后15天内) → 县级核验 → 尾款20%。\n"
                    "Enter 办理下一步; 不合规定的操作会说明规则和数字。逾期未核验的项目以醒目颜色显示。\n"
                    "Ins 新增项目, F9 导出项目台账。");
        break;
    }
    return ACT_NONE;
}

static void pl_close(void *self)
{
    struct plist *l = self;
    free(l->rows);
    free(l->heads);
    free(l);
}

struct screen projects_screen(void)
{
    struct plist *l = calloc(1, sizeof *l);
    if (!l) {
        ui_status(MSG_ERROR, "内存不足，无法打开 (out of memory)");
        return (struct screen){ 0 };
    }
    pl_reload(l);
    return (struct screen){ .name = "projects", .draw = pl_draw, .key = pl_key, .close = pl_close, .self = l };
}
