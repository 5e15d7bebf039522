/* measures.c — the 资产收益 and 易地搬迁 register screens (loans.h), as
 * declarations for the list screen every register has (tui/reglist.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/codes.h"
#include "db/dividends.h"
#include "db/loan_export.h"
#include "db/relocation.h"
#include "forms/registers.h"
#include "tui/dialog.h"
#include "tui/loans.h"
#include "tui/reglist.h"
#include "tui/ui.h"

#define HEAD_COL { "户主", XO_TEXT, 10, { RV_HEAD, 0, CL_NONE, NULL, NULL }, 0, NULL }

/* ---- 易地扶贫搬迁 ----------------------------------------------------------- */

static const struct reg_col RELOCATION_LIST[] = {
    HEAD_COL,
    { "安置点", XO_TEXT, 18, RV_AT(RV_TEXT, struct relocation, site), 0, NULL },
    { "入住日期", XO_DATE, 11, RV_AT(RV_TEXT, struct relocation, moved_on), 0, NULL },
    { "安置方式", XO_TEXT, 17, { RV_CODE, offsetof(struct relocation, mode), CL_RELOC_MODE, NULL, NULL }, 0, NULL },
    { "人数", XO_INT, 5, RV_AT(RV_INT, struct relocation, people), 0, NULL },
    { "面积㎡", XO_NUMBER, 9, RV_AT(RV_I64, struct relocation, area), 0, NULL },
    { "建房补助", XO_MONEY, 0, RV_AT(RV_I64, struct relocation, subsidy), 0, NULL },
};

static int reloc_warn(const void *rec, const struct check_ctx *cc)
{
    char w[200];
    return db_relocation_warning(cc, rec, w, sizeof w);
}

static void reloc_init(void *rec, const char *today)
{
    struct relocation *rl = rec;
    rl->people = 1;
    snprintf(rl->moved_on, sizeof rl->moved_on, "%s", today);
}

static enum db_err reloc_save(struct db *db, const struct check_ctx *cc, void *rec)
{
    return db_relocation_save(db, cc, rec);
}

static int reloc_saved(const void *rec, const struct check_ctx *cc, char *msg, size_t msgsz)
{
    const struct relocation *rl = rec;
    char w[200];
    if (db_relocation_warning(cc, rl, w, sizeof w)) {
        snprintf(msg, msgsz, "已保存, 但: %s", w);
        return 1;
    }
    snprintf(msg, msgsz, "已保存: %s %d 人迁入 %s", codes_label(CL_RELOC_MODE, rl->mode), rl->people, rl->site);
    return 0;
}

static void reloc_ask_delete(const void *rec, const struct loan_info *info, char *q, size_t qsz)
{
    const struct relocation *rl = rec;
    snprintf(q, qsz, "删除 %s 户迁入 %s 的搬迁记录 (%s)? 审计记录保留。", info->head_name, rl->site, rl->moved_on);
}

static const struct reglist_def RELOCATIONS = {
    .title = "易地扶贫搬迁 登记簿", .unit = "户", .empty = "(尚无记录，按 Ins 为一户登记)",
    .keybar = " Ins登记 Enter修改 Del删除 F9导出台账 F1帮助 Esc返回",
    .help = "易地扶贫搬迁: 每户一条, 迁出地、安置点、入住日期、安置方式、人数、住房面积、建房补助。\n"
            "安置方式 1–4 集中安置 (县城/集镇/中心村/产业园区), 5–7 分散安置 (插花/投亲靠友/其他)。\n"
            "搬迁人数 1 至本户人数; 人均住房面积不超过25平方米, 超过则保存并以醒目颜色提示。\n"
            "Ins 为一户登记 (先查找户), Enter 修改, Del 删除 (审计记录保留), F9 导出易地搬迁台账。",
    .cols = RELOCATION_LIST, .ncols = sizeof RELOCATION_LIST / sizeof *RELOCATION_LIST,
    .rec_size = sizeof(struct relocation), .each = db_relocations_each,
    .fields = RELOCATION_FIELDS, .nfields = &N_RELOCATION_FIELDS,
    .new_title = "易地扶贫搬迁 登记", .edit_title = "易地扶贫搬迁 修改", .pick_title = "登记易地搬迁 — 查找户",
    .limits = "安置方式: 1–4 集中安置, 5–7 分散安置 (F4); 人均住房面积不超过25平方米",
    .init = reloc_init, .save = reloc_save, .del = db_relocation_delete,
    .saved = reloc_saved, .ask_delete = reloc_ask_delete, .warn = reloc_warn,
    .export_name = "易地搬迁台账", .export_fn = relocation_export_ledger,
};

struct screen relocation_screen(void)
{
    return reglist_screen(&RELOCATIONS);
}

/* ---- 资产收益扶贫 ----------------------------------------------------------- */

static const struct reg_col SHARE_LIST[] = {
    HEAD_COL,
    { "项目", XO_TEXT, 20, RV_AT(RV_TEXT, struct asset_share, project), 0, NULL },
    { "入股年份", XO_INT, 9, RV_AT(RV_INT, struct asset_share, start_year), 0, NULL },
    { "入股金额", XO_MONEY, 11, RV_AT(RV_I64, struct asset_share, amount), 0, NULL },
    { "股数", XO_INT, 6, RV_AT(RV_INT, struct asset_share, shares), 0, NULL },
    { "累计分红", XO_MONEY, 11, RV_AT(RV_I64, struct asset_share, paid), 0, NULL },
    { "最近分红", XO_INT, 0, { RV_FN, 0, CL_NONE, NULL, share_cell_last_year }, 0, NULL },
};

static void share_init(void *rec, const char *today)
{
    struct asset_share *s = rec;
    s->start_year = atoi(today);
    s->shares = 1;
}

static enum db_err share_save(struct db *db, const struct check_ctx *cc, void *rec)
{
    return db_share_save(db, cc, rec);
}

static int share_saved(const void *rec, const struct check_ctx *cc, char *msg, size_t msgsz)
{
    (void)cc;
    const struct asset_share *s = rec;
    snprintf(msg, msgsz, "已保存: %s %d 股 (%d 年入股)", s->project, s->shares, s->start_year);
    return 0;
}

static void share_ask_delete(const void *rec, const struct loan_info *info, char *q, size_t qsz)
{
    snprintf(q, qsz, "删除 %s 在 %s 的入股记录 (连同其分红)? 审计记录保留。", info->head_name,
             ((const struct asset_share *)rec)->project);
}

static enum db_err save_dividend(struct db *db, const struct check_ctx *cc, const void *rec)
{
    const struct asset_dividend *d = rec;
    return db_dividend_add(db, cc, d->share_id, d, NULL);
}

static void share_dividend(struct reglist *s)
{
    const struct loan_info *info;
    const struct asset_share *sh = reglist_selected(s, &info);
    if (!sh)
        return;
    struct asset_dividend d;
    memset(&d, 0, sizeof d);
    d.share_id = sh->id;
    d.year = atoi(reglist_ctx(s)->today);
    char head[600], amount[32];
    money_format(sh->amount, amount, sizeof amount);
    snprintf(head, sizeof head, "户主: %s  项目: %s\n%d 年入股 %s 元, %d 股; 每年一条, 不早于入股年份、不晚于今年",
             info->head_name, sh->project, sh->start_year, amount, sh->shares);
    if (reglist_sub_edit(s, "分红登记", head, DIVIDEND_FIELDS, N_DIVIDEND_FIELDS, &d, sizeof d, save_dividend))
        ui_status(MSG_INFO, "已登记 %d 年分红", d.year);
}

static void share_dividends(const struct reglist *s)
{
    const struct asset_share *sh = reglist_selected(s, NULL);
    if (!sh)
        return;
    struct asset_dividend d[64];
    size_t n = 0;
    if (db_share_dividends(app.db, sh->id, d, 64, &n) != DB_OK) {
        dialog_message("读取失败", app_errmsg());
        return;
    }
    char text[4096];
    size_t len = (size_t)snprintf(text, sizeof text, "年度  分红金额(元)  备注\n");
    for (size_t i = 0; i < n && len + 200 < sizeof text; i++) {
        char m[32];
        money_format(d[i].amount, m, sizeof m);
        len += (size_t)snprintf(text + len, sizeof text - len, "%d  %12s  %s\n", d[i].year, m, d[i].note);
    }
    if (!n)
        snprintf(text + len, sizeof text - len, "(尚无分红)\n");
    dialog_text("分红记录", text);
}

static int share_key(struct reglist *s, wint_t ch)
{
    if (ch == KEY_F(5))
        share_dividend(s);
    else if (ch == KEY_F(6))
        share_dividends(s);
    else
        return 0;
    return 1;
}

static const struct reglist_def SHARES = {
    .title = "资产收益扶贫 登记簿", .unit = "条", .empty = "(尚无记录，按 Ins 为一户登记)",
    .keybar = " Ins登记 Enter修改 F5分红 F6分红记录 Del删除 F9导出台账 F1帮助 Esc返回",
    .help = "资产收益扶贫: 每户在项目中的入股/配股 (入股年份、金额、股数), 及每年的分红。\n"
            "Ins 为一户登记 (先查找户), Enter 修改, F5 登记一年的分红 (每年一条,\n"
            "不早于入股年份、不晚于今年), F6 分红记录, Del 删除 (审计记录保留), F9 导出资产收益台账。",
    .cols = SHARE_LIST, .ncols = sizeof SHARE_LIST / sizeof *SHARE_LIST,
    .rec_size = sizeof(struct asset_share), .each = db_shares_each,
    .fields = SHARE_FIELDS, .nfields = &N_SHARE_FIELDS,
    .new_title = "资产收益扶贫 登记", .edit_title = "资产收益扶贫 修改", .pick_title = "登记资产收益 — 查找户",
    .limits = "股数须大于0; 分红在列表中按 F5 登记, 每年一条",
    .init = share_init, .save = share_save, .del = db_share_delete,
    .saved = share_saved, .ask_delete = share_ask_delete, .key = share_key,
    .export_name = "资产收益台账", .export_fn = dividend_export_ledger,
};

struct screen dividends_screen(void)
{
    return reglist_screen(&SHARES);
}
