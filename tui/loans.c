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
#include "tui/reglist.h"
#include "tui/dialog.h"
#include "tui/ui.h"

#define AT(kind, type, member) RV_AT(kind, type, member)
#define FN(f) { RV_FN, 0, CL_NONE, NULL, f }
#define HEAD_COL { "户主", XO_TEXT, 10, { RV_HEAD, 0, CL_NONE, NULL, NULL }, 0, NULL }

/* ---- 扶贫小额信贷 ----------------------------------------------------------- */

static void loan_term(const void *rec, const struct check_ctx *cc, struct reg_cell *out)
{
    (void)cc;
    snprintf(out->buf, sizeof out->buf, "%d月", ((const struct loan *)rec)->term_months);
}

static const struct reg_col LOAN_LIST[] = {
    HEAD_COL,
    { "借款人", XO_TEXT, 10, AT(RV_TEXT, struct loan, borrower_name), 0, NULL },
    { "贷款金额", XO_MONEY, 11, AT(RV_I64, struct loan, amount), 0, NULL },
    { "期限", XO_TEXT, 5, FN(loan_term), 0, NULL },
    { "到期日期", XO_DATE, 12, AT(RV_TEXT, struct loan, due), 0, NULL },
    { "已还款", XO_MONEY, 11, AT(RV_I64, struct loan, repaid), 0, NULL },
    { "余额", XO_MONEY, 11, FN(loan_cell_balance), 0, NULL },
    { "状态", XO_TEXT, 0, FN(loan_cell_state), 0, NULL },
};

static int loan_warn(const void *rec, const struct check_ctx *cc)
{
    struct reg_cell c;
    memset(&c, 0, sizeof c);
    loan_cell_state(rec, cc, &c);
    return strcmp(c.text, "逾期") == 0;
}

static void loan_init(void *rec, const char *today)
{
    struct loan *l = rec;
    l->borrower = 1;
    l->rate = LOAN_RATE_DEFAULT;
    l->subsidised = 1;
    snprintf(l->start, sizeof l->start, "%s", today);
}

static enum db_err loan_save(struct db *db, const struct check_ctx *cc, void *rec)
{
    return db_loan_save(db, cc, rec);
}

static int loan_saved(const void *rec, const struct check_ctx *cc, char *msg, size_t msgsz)
{
    (void)cc;
    const struct loan *l = rec;
    char sub[32];
    money_format(loan_subsidy_of(l), sub, sizeof sub);
    snprintf(msg, msgsz, "已保存贷款, 到期 %s, 应贴息 %s 元", l->due, sub);
    return 0;
}

static void loan_ask_delete(const void *rec, const struct loan_info *info, char *q, size_t qsz)
{
    snprintf(q, qsz, "删除 %s 的这笔贷款 (放款 %s)? 审计记录保留。", info->head_name, ((const struct loan *)rec)->start);
}

static enum db_err save_repay(struct db *db, const struct check_ctx *cc, const void *rec)
{
    const struct loan_repayment *r = rec;
    return db_loan_repay(db, cc, r->loan_id, r, NULL);
}

static void ll_repay(struct reglist *s)
{
    const struct loan_info *info;
    const struct loan *l = reglist_selected(s, &info);
    if (!l)
        return;
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
    snprintf(head, sizeof head, "户主: %s  借款人: %s  贷款 %s 元, 放款 %s, 到期 %s\n尚欠 %s 元", info->head_name,
             l->borrower_name, amount, l->start, l->due, balance);
    if (reglist_sub_edit(s, "还款登记", head, REPAY_FIELDS, N_REPAY_FIELDS, &r, sizeof r, save_repay))
        ui_status(MSG_INFO, "已登记还款");
}

static void ll_repayments(const struct reglist *s)
{
    const struct loan *l = reglist_selected(s, NULL);
    if (!l)
        return;
    struct loan_repayment r[64];
    size_t n = 0;
    if (db_loan_repayments(app.db, l->id, r, 64, &n) != DB_OK) {
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

static int loan_key(struct reglist *s, wint_t ch)
{
    if (ch == KEY_F(5))
        ll_repay(s);
    else if (ch == KEY_F(6))
        ll_repayments(s);
    else
        return 0;
    return 1;
}

static const struct reglist_def LOANS = {
    .title = "扶贫小额信贷 登记簿", .unit = "笔", .empty = "(尚无贷款，按 Ins 为一户登记)",
    .keybar = " Ins登记 Enter修改 F5还款 F6还款记录 Del删除 F9导出台账 F1帮助 Esc返回",
    .help = "扶贫小额信贷: 每户5万元以下, 3年以内, 基准利率, 财政贴息。\n"
            "Ins 为一户登记 (先查找户), Enter 修改, F5 登记还款 (累计不超过贷款金额),\n"
            "F6 还款记录, Del 删除 (审计记录保留), F9 导出小额信贷台账。\n"
            "到期未还清的贷款以醒目颜色显示, `fupin check` 报 逾期 警告。",
    .cols = LOAN_LIST, .ncols = sizeof LOAN_LIST / sizeof *LOAN_LIST, .rec_size = sizeof(struct loan),
    .each = db_loans_each, .fields = LOAN_FIELDS, .nfields = &N_LOAN_FIELDS,
    .new_title = "扶贫小额信贷 登记", .edit_title = "扶贫小额信贷 修改", .pick_title = "登记小额信贷 — 查找户",
    .limits = "上限: 每户5万元, 3年以内 (36个月)", .init = loan_init, .save = loan_save, .del = db_loan_delete,
    .saved = loan_saved, .ask_delete = loan_ask_delete, .warn = loan_warn, .key = loan_key,
    .export_name = "小额信贷台账", .export_fn = loan_export_ledger,
};

struct screen loans_screen(void)
{
    return reglist_screen(&LOANS);
}

void loans_line(int64_t household_id, char *buf, size_t bufsz)
{
    struct check_ctx cc;
    app_check_context(&cc);
    if (db_loan_summary(app.db, &cc, household_id, buf, bufsz) != DB_OK)
        buf[0] = 0;
}

/* ---- 就业/培训: one record per course or job of a member ------------------- */

static const struct reg_col TRAINING_LIST[] = {
    HEAD_COL,
    { "成员", XO_TEXT, 10, AT(RV_TEXT, struct training, member_name), 0, NULL },
    { "类别", XO_TEXT, 12, { RV_CODE, offsetof(struct training, kind), CL_JOB_KIND, NULL, NULL }, 0, NULL },
    { "课程/岗位", XO_TEXT, 22, AT(RV_TEXT, struct training, content), 0, NULL },
    { "开始日期", XO_DATE, 11, AT(RV_TEXT, struct training, start), 0, NULL },
    { "结束日期", XO_DATE, 11, { RV_TEXT, offsetof(struct training, finish), CL_NONE, "进行中", NULL }, 0, NULL },
    { "收入", XO_MONEY, 0, AT(RV_I64, struct training, income), 0, NULL },
};

static void training_init(void *rec, const char *today)
{
    struct training *t = rec;
    t->member = 1;
    snprintf(t->start, sizeof t->start, "%s", today);
}

static enum db_err training_save(struct db *db, const struct check_ctx *cc, void *rec)
{
    return db_training_save(db, cc, rec);
}

static int training_saved(const void *rec, const struct check_ctx *cc, char *msg, size_t msgsz)
{
    (void)cc;
    const struct training *t = rec;
    snprintf(msg, msgsz, "已保存: %s %s", codes_label(CL_JOB_KIND, t->kind), t->content);
    return 0;
}

static void training_ask_delete(const void *rec, const struct loan_info *info, char *q, size_t qsz)
{
    (void)info;
    const struct training *t = rec;
    snprintf(q, qsz, "删除 %s 的 %s (%s)? 审计记录保留。", t->member_name, t->content, t->start);
}

static const struct reglist_def TRAININGS = {
    .title = "就业/培训 登记簿", .unit = "条", .empty = "(尚无记录，按 Ins 为一户的成员登记)",
    .keybar = " Ins登记 Enter修改 Del删除 F9导出台账 F1帮助 Esc返回",
    .help = "就业/培训: 每名成员的技能培训、务工就业、公益性岗位, 各一条记录。\n"
            "Ins 为一户的成员登记 (先查找户, 再按序号选成员), Enter 修改, Del 删除 (审计记录保留),\n"
            "F9 导出就业培训台账。结束日期不能早于开始日期, 仍在进行则留空。",
    .cols = TRAINING_LIST, .ncols = sizeof TRAINING_LIST / sizeof *TRAINING_LIST,
    .rec_size = sizeof(struct training), .each = db_trainings_each,
    .fields = TRAINING_FIELDS, .nfields = &N_TRAINING_FIELDS,
    .new_title = "就业/培训 登记", .edit_title = "就业/培训 修改", .pick_title = "登记就业/培训 — 查找户",
    .limits = "类别: 1 技能培训 2 务工就业 3 公益性岗位; 仍在进行则结束日期留空",
    .init = training_init, .save = training_save, .del = db_training_delete,
    .saved = training_saved, .ask_delete = training_ask_delete,
    .export_name = "就业培训台账", .export_fn = training_export_ledger,
};

struct screen training_screen(void)
{
    return reglist_screen(&TRAININGS);
}

/* ---- 帮扶措施登记: the registers' menu -------------------------------------- */

static const struct {
    const char *label;
    struct screen (*open)(void);
} REGISTERS[] = {
    { "扶贫小额信贷", loans_screen },
    { "资产收益扶贫", dividends_screen },
    { "就业/培训", training_screen },
    { "易地扶贫搬迁", relocation_screen },
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
