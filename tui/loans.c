/* loans.c — the 小额信贷 register screen and the 帮扶措施登记 menu (loans.h). */
#include "tui/loans.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/codes.h"
#include "db/household_store.h"
#include "db/loan_export.h"
#include "db/loans.h"
#include "db/training.h"
#include "forms/registers.h"
#include "tui/aidcard.h"
#include "tui/dialog.h"
#include "tui/ui.h"

#define MAX_LOANS 2000

struct llist {
    struct loan rows[MAX_LOANS];
    char heads[MAX_LOANS][TEXT_BYTES(NAME_CHARS)];
    int n, sel, first;
    struct check_ctx cc;
};

static int collect(void *ud, const struct loan *l, const struct loan_info *info)
{
    struct llist *s = ud;
    if (s->n >= MAX_LOANS)
        return 1;
    s->rows[s->n] = *l;
    snprintf(s->heads[s->n], sizeof s->heads[0], "%s", info->head_name);
    s->n++;
    return 0;
}

static void ll_reload(struct llist *s)
{
    app_check_context(&s->cc);
    s->n = 0;
    if (db_loans_each(app.db, 0, NULL, collect, s) != DB_OK)
        ui_status(MSG_ERROR, "读取失败: %s", app_errmsg());
    if (s->sel >= s->n)
        s->sel = s->n ? s->n - 1 : 0;
}

static void ll_select(struct llist *s, int64_t id)
{
    for (int i = 0; i < s->n; i++)
        if (s->rows[i].id == id)
            s->sel = i;
}

/* 已结清 / 逾期 / 正常, as the ledger says it. */
static const char *loan_state(const struct llist *s, const struct loan *l)
{
    struct loan_facts lf;
    loan_facts_of(l, 0, NULL, &lf);
    return loan_balance(&lf) == 0 ? "已结清" : loan_overdue(&lf, s->cc.today) ? "逾期" : "正常";
}

static void ll_draw(void *self)
{
    struct llist *s = self;
    char right[64];
    snprintf(right, sizeof right, "共 %d 笔", s->n);
    ui_title("扶贫小额信贷 登记簿", right);
    ui_put(1, 0, " 户主      借款人    贷款金额   期限 到期日期    已还款     余额       状态", COLS, A_BOLD);
    int rows = LINES - 4;
    alist_fit(&s->sel, &s->first, s->n, rows);
    for (int r = 0; r < rows; r++) {
        int i = s->first + r, y = 2 + r;
        if (i >= s->n) {
            ui_put(y, 0, "", COLS, A_NORMAL);
            continue;
        }
        const struct loan *l = &s->rows[i];
        struct loan_facts lf;
        loan_facts_of(l, 0, NULL, &lf);
        char amount[32], repaid[32], balance[32], term[12];
        money_format(l->amount, amount, sizeof amount);
        money_format(l->repaid, repaid, sizeof repaid);
        money_format(loan_balance(&lf), balance, sizeof balance);
        snprintf(term, sizeof term, "%d月", l->term_months);
        const char *state = loan_state(s, l);
        attr_t a = i == s->sel ? ui_attr(UI_SELECTED) : strcmp(state, "逾期") == 0 ? ui_attr(UI_WARN) : A_NORMAL;
        const char *cells[] = { " ", s->heads[i], l->borrower_name, amount, term, l->due, repaid, balance, state };
        const int widths[] = { 1, 10, 10, 11, 5, 12, 11, 11, 0 };
        alist_row(y, a, cells, widths, 9);
    }
    if (s->n == 0)
        ui_put(3, 2, "(尚无贷款，按 Ins 为一户登记)", COLS - 4, ui_attr(UI_DIM));
    ui_status_draw();
    ui_keybar(" Ins登记 Enter修改 F5还款 F6还款记录 Del删除 F9导出台账 F1帮助 Esc返回");
    curs_set(0);
}

/* A register form's header: the household, its members by number (the
 * form keys one by it), and the register's limits. */
static void member_header(int64_t household_id, const char *limits, char *out, size_t outsz)
{
    struct household *hh = malloc(sizeof *hh);
    out[0] = 0;
    if (!hh || db_household_load(app.db, household_id, 0, hh) != DB_OK) {
        free(hh);
        return;
    }
    size_t len = (size_t)snprintf(out, outsz, "户主: %s  户编号: %s\n成员:", hh->members[0].name,
                                  hh->hh_no[0] ? hh->hh_no : "(未建档)");
    for (int i = 0; i < hh->n_members && len + 80 < outsz; i++)
        len += (size_t)snprintf(out + len, outsz - len, " %d %s", i + 1, hh->members[i].name);
    snprintf(out + len, outsz - len, "\n%s", limits);
    free(hh);
}

static const char *save_loan(void *rec, void *ud, const char **at)
{
    struct llist *s = ud;
    if (db_loan_save(app.db, &s->cc, rec) == DB_OK)
        return NULL;
    *at = db_errfield(app.db);
    return app_errmsg();
}

static void ll_edit(struct llist *s, struct loan *l, const char *title)
{
    char head[1200];
    member_header(l->household_id, "上限: 每户5万元, 3年以内 (36个月)", head, sizeof head);
    if (subform_edit(title, head, LOAN_FIELDS, N_LOAN_FIELDS, l, sizeof *l, save_loan, s)) {
        char sub[32];
        money_format(loan_subsidy_of(l), sub, sizeof sub);
        ui_status(MSG_INFO, "已保存贷款, 到期 %s, 应贴息 %s 元", l->due, sub);
        ll_reload(s);
        ll_select(s, l->id);
    }
}

static void ll_new(struct llist *s)
{
    int64_t hh = aidcard_pick_household("登记小额信贷 — 查找户");
    if (!hh)
        return;
    struct loan l;
    memset(&l, 0, sizeof l);
    l.household_id = hh;
    l.borrower = 1;
    l.rate = LOAN_RATE_DEFAULT;
    l.subsidised = 1;
    snprintf(l.start, sizeof l.start, "%s", app.ctx.today);
    ll_edit(s, &l, "扶贫小额信贷 登记");
}

static const char *save_repay(void *rec, void *ud, const char **at)
{
    struct llist *s = ud;
    const struct loan_repayment *r = rec;
    if (db_loan_repay(app.db, &s->cc, r->loan_id, r, NULL) == DB_OK)
        return NULL;
    *at = db_errfield(app.db);
    return app_errmsg();
}

static void ll_repay(struct llist *s)
{
    if (!s->n)
        return;
    const struct loan *l = &s->rows[s->sel];
    struct loan_facts lf;
    loan_facts_of(l, 0, NULL, &lf);
    struct loan_repayment r;
    memset(&r, 0, sizeof r);
    r.loan_id = l->id;
    snprintf(r.date, sizeof r.date, "%s", app.ctx.today);
    r.amount = loan_balance(&lf);
    char head[400], amount[32], balance[32];
    money_format(l->amount, amount, sizeof amount);
    money_format(loan_balance(&lf), balance, sizeof balance);
    snprintf(head, sizeof head, "户主: %s  借款人: %s  贷款 %s 元, 放款 %s, 到期 %s\n尚欠 %s 元", s->heads[s->sel],
             l->borrower_name, amount, l->start, l->due, balance);
    int64_t id = l->id;
    if (subform_edit("还款登记", head, REPAY_FIELDS, N_REPAY_FIELDS, &r, sizeof r, save_repay, s)) {
        ui_status(MSG_INFO, "已登记还款");
        ll_reload(s);
        ll_select(s, id);
    }
}

static void ll_repayments(const struct llist *s)
{
    if (!s->n)
        return;
    struct loan_repayment r[64];
    size_t n = 0;
    if (db_loan_repayments(app.db, s->rows[s->sel].id, r, 64, &n) != DB_OK) {
        dialog_message("读取失败", app_errmsg());
        return;
    }
    char text[4096];
    size_t len = (size_t)snprintf(text, sizeof text, "日期        还款金额(元)  备注\n");
    for (size_t i = 0; i < n && len + 200 < sizeof text; i++) {
        char m[32];
        money_format(r[i].amount, m, sizeof m);
        len += (size_t)snprintf(text + len, sizeof text - len, "%s  %12s  %s\n", r[i].date, m, r[i].note);
    }
    if (!n)
        snprintf(text + len, sizeof text - len, "(尚无还款)\n");
    dialog_text("还款记录", text);
}

static void ll_delete(struct llist *s)
{
    if (!s->n)
        return;
    char q[200];
    snprintf(q, sizeof q, "删除 %s 的这笔贷款 (放款 %s)? 审计记录保留。", s->heads[s->sel], s->rows[s->sel].start);
    if (!dialog_yesno(q, ANSWER_NO))
        return;
    if (db_loan_delete(app.db, s->rows[s->sel].id) != DB_OK)
        dialog_message("删除失败", app_errmsg());
    else
        ui_status(MSG_INFO, "已删除");
    ll_reload(s);
}

static enum screen_action ll_key(void *self, int kind, wint_t ch)
{
    struct llist *s = self;
    if (kind != KEY_CODE_YES && ch == KEY_ESC)
        return ACT_POP;
    if (alist_is_enter(kind, ch)) {
        if (s->n) {
            struct loan l = s->rows[s->sel];
            ll_edit(s, &l, "扶贫小额信贷 修改");
        }
        return ACT_NONE;
    }
    if (kind != KEY_CODE_YES || alist_key(ch, &s->sel, s->n, LINES - 4))
        return ACT_NONE;
    switch (ch) {
    case KEY_IC: ll_new(s); break;
    case KEY_F(5): ll_repay(s); break;
    case KEY_F(6): ll_repayments(s); break;
    case KEY_DC: ll_delete(s); break;
    case KEY_F(9): alist_export("小额信贷台账", "全部贷款，保存为:", NULL, loan_export_ledger); break;
    case KEY_F(1):
        dialog_text("帮助", "扶贫小额信贷: 每户5万元以下, 3年以内, 基准利率, 财政贴息。\n"
                    "Ins 为一户登记 (先查找户), Enter 修改, F5 登记还款 (累计不超过贷款金额),\n"
                    "F6 还款记录, Del 删除 (审计记录保留), F9 导出小额信贷台账。\n"
                    "到期未还清的贷款以醒目颜色显示, `fupin check` 报 逾期 警告。");
        break;
    }
    return ACT_NONE;
}

static void ll_close(void *self)
{
    free(self);
}

void loans_line(int64_t household_id, char *buf, size_t bufsz)
{
    struct check_ctx cc;
    app_check_context(&cc);
    if (db_loan_summary(app.db, &cc, household_id, buf, bufsz) != DB_OK)
        buf[0] = 0;
}

struct screen loans_screen(void)
{
    struct llist *s = calloc(1, sizeof *s);
    ll_reload(s);
    return (struct screen){ .name = "loans", .draw = ll_draw, .key = ll_key, .close = ll_close, .self = s };
}

/* ---- 就业/培训: one record per course or job of a member ------------------- */

#define MAX_TRAININGS 4000

struct tlist {
    struct training rows[MAX_TRAININGS];
    char heads[MAX_TRAININGS][TEXT_BYTES(NAME_CHARS)];
    int n, sel, first;
    struct check_ctx cc;
};

static int t_collect(void *ud, const struct training *t, const struct loan_info *info)
{
    struct tlist *s = ud;
    if (s->n >= MAX_TRAININGS)
        return 1;
    s->rows[s->n] = *t;
    snprintf(s->heads[s->n], sizeof s->heads[0], "%s", info->head_name);
    s->n++;
    return 0;
}

static void tl_reload(struct tlist *s, int64_t select)
{
    app_check_context(&s->cc);
    s->n = 0;
    if (db_trainings_each(app.db, 0, NULL, t_collect, s) != DB_OK)
        ui_status(MSG_ERROR, "读取失败: %s", app_errmsg());
    for (int i = 0; i < s->n; i++)
        if (s->rows[i].id == select)
            s->sel = i;
    if (s->sel >= s->n)
        s->sel = s->n ? s->n - 1 : 0;
}

static void tl_draw(void *self)
{
    struct tlist *s = self;
    char right[64];
    snprintf(right, sizeof right, "共 %d 条", s->n);
    ui_title("就业/培训 登记簿", right);
    ui_put(1, 0, " 户主      成员      类别        课程/岗位             开始日期   结束日期    收入", COLS, A_BOLD);
    int rows = LINES - 4;
    alist_fit(&s->sel, &s->first, s->n, rows);
    for (int r = 0; r < rows; r++) {
        int i = s->first + r, y = 2 + r;
        if (i >= s->n) {
            ui_put(y, 0, "", COLS, A_NORMAL);
            continue;
        }
        const struct training *t = &s->rows[i];
        char income[32];
        money_format(t->income, income, sizeof income);
        const char *cells[] = { " ", s->heads[i], t->member_name, codes_label(CL_JOB_KIND, t->kind), t->content,
                                t->start, t->finish[0] ? t->finish : "进行中", income };
        const int widths[] = { 1, 10, 10, 12, 22, 11, 11, 0 };
        alist_row(y, i == s->sel ? ui_attr(UI_SELECTED) : A_NORMAL, cells, widths, 8);
    }
    if (s->n == 0)
        ui_put(3, 2, "(尚无记录，按 Ins 为一户的成员登记)", COLS - 4, ui_attr(UI_DIM));
    ui_status_draw();
    ui_keybar(" Ins登记 Enter修改 Del删除 F9导出台账 F1帮助 Esc返回");
    curs_set(0);
}

static const char *save_training(void *rec, void *ud, const char **at)
{
    struct tlist *s = ud;
    if (db_training_save(app.db, &s->cc, rec) == DB_OK)
        return NULL;
    *at = db_errfield(app.db);
    return app_errmsg();
}

static void tl_edit(struct tlist *s, struct training *t, const char *title)
{
    char head[1200];
    member_header(t->household_id, "类别: 1 技能培训 2 务工就业 3 公益性岗位; 仍在进行则结束日期留空", head, sizeof head);
    if (subform_edit(title, head, TRAINING_FIELDS, N_TRAINING_FIELDS, t, sizeof *t, save_training, s)) {
        ui_status(MSG_INFO, "已保存: %s %s", codes_label(CL_JOB_KIND, t->kind), t->content);
        tl_reload(s, t->id);
    }
}

static void tl_new(struct tlist *s)
{
    int64_t hh = aidcard_pick_household("登记就业/培训 — 查找户");
    if (!hh)
        return;
    struct training t;
    memset(&t, 0, sizeof t);
    t.household_id = hh;
    t.member = 1;
    snprintf(t.start, sizeof t.start, "%s", app.ctx.today);
    tl_edit(s, &t, "就业/培训 登记");
}

static void tl_delete(struct tlist *s)
{
    if (!s->n)
        return;
    const struct training *t = &s->rows[s->sel];
    char q[300];
    snprintf(q, sizeof q, "删除 %s 的 %s (%s)? 审计记录保留。", t->member_name, t->content, t->start);
    if (!dialog_yesno(q, ANSWER_NO))
        return;
    if (db_training_delete(app.db, t->id) != DB_OK)
        dialog_message("删除失败", app_errmsg());
    else
        ui_status(MSG_INFO, "已删除");
    tl_reload(s, 0);
}

static enum screen_action tl_key(void *self, int kind, wint_t ch)
{
    struct tlist *s = self;
    if (kind != KEY_CODE_YES && ch == KEY_ESC)
        return ACT_POP;
    if (alist_is_enter(kind, ch)) {
        if (s->n) {
            struct training t = s->rows[s->sel];
            tl_edit(s, &t, "就业/培训 修改");
        }
        return ACT_NONE;
    }
    if (kind != KEY_CODE_YES || alist_key(ch, &s->sel, s->n, LINES - 4))
        return ACT_NONE;
    switch (ch) {
    case KEY_IC: tl_new(s); break;
    case KEY_DC: tl_delete(s); break;
    case KEY_F(9): alist_export("就业培训台账", "全部记录，保存为:", NULL, training_export_ledger); break;
    case KEY_F(1):
        dialog_text("帮助", "就业/培训: 每名成员的技能培训、务工就业、公益性岗位, 各一条记录。\n"
                    "Ins 为一户的成员登记 (先查找户, 再按序号选成员), Enter 修改, Del 删除 (审计记录保留),\n"
                    "F9 导出就业培训台账。结束日期不能早于开始日期, 仍在进行则留空。");
        break;
    }
    return ACT_NONE;
}

struct screen training_screen(void)
{
    struct tlist *s = calloc(1, sizeof *s);
    tl_reload(s, 0);
    return (struct screen){ .name = "training", .draw = tl_draw, .key = tl_key, .close = ll_close, .self = s };
}

/* ---- 帮扶措施登记: the registers' menu -------------------------------------- */

static const struct {
    const char *label;
    struct screen (*open)(void);
} REGISTERS[] = {
    { "扶贫小额信贷", loans_screen },
    { "资产收益扶贫 (尚未开放)", NULL },
    { "就业/培训", training_screen },
    { "易地扶贫搬迁 (尚未开放)", NULL },
};
#define N_REGISTERS (sizeof REGISTERS / sizeof *REGISTERS)

static int rm_selected;

static void rm_draw(void *self)
{
    (void)self;
    ui_title("帮扶措施登记", "按数字选择");
    for (int i = 0; i < (int)N_REGISTERS; i++) {
        char line[96];
        snprintf(line, sizeof line, " %d. %s", i + 1, REGISTERS[i].label);
        ui_put(2 + i, 2, line, COLS - 4, i == rm_selected ? ui_attr(UI_SELECTED)
                                         : REGISTERS[i].open ? A_NORMAL : ui_attr(UI_DIM));
    }
    for (int y = 2 + (int)N_REGISTERS; y < LINES - 2; y++)
        ui_put(y, 0, "", COLS, A_NORMAL);
    ui_status_draw();
    ui_keybar(" 1–4或↑↓选择 Enter打开 Esc返回");
    curs_set(0);
}

static void rm_open(int i)
{
    if (!REGISTERS[i].open) {
        ui_status(MSG_WARN, "%s: 尚未开放", REGISTERS[i].label);
        return;
    }
    app_push(REGISTERS[i].open());
}

static enum screen_action rm_key(void *self, int kind, wint_t ch)
{
    (void)self;
    if (kind != KEY_CODE_YES && ch == KEY_ESC)
        return ACT_POP;
    if (alist_is_enter(kind, ch)) {
        rm_open(rm_selected);
        return ACT_NONE;
    }
    if (kind != KEY_CODE_YES && ch >= '1' && ch < '1' + (wint_t)N_REGISTERS) {
        rm_selected = (int)(ch - '1');
        rm_open(rm_selected);
        return ACT_NONE;
    }
    if (kind == KEY_CODE_YES && ch == KEY_UP && rm_selected > 0)
        rm_selected--;
    if (kind == KEY_CODE_YES && ch == KEY_DOWN && rm_selected + 1 < (int)N_REGISTERS)
        rm_selected++;
    return ACT_NONE;
}

struct screen registers_screen(void)
{
    return (struct screen){ .name = "registers", .draw = rm_draw, .key = rm_key };
}
