/* registers.c — the measure registers' paper forms (forms/registers.h). */
#include "forms/registers.h"
#include "core/loans.h"
#include "core/training.h"
#include "core/relocation.h"
#include "core/dividends.h"

#define LF(key, label, type, member, width, flags, help) \
    { key, label, type, T_HOUSEHOLD, offsetof(struct loan, member), \
      sizeof ((struct loan *)0)->member, width, CL_NONE, flags, help, NULL }

/* 扶贫小额信贷 登记表: 借款人, 银行, 合同, 金额, 期限, 日期, 利率, 贴息, 用途. */
const struct field LOAN_FIELDS[] = {
    LF("borrower", "借款人(成员序号)", FT_INT, borrower, 4, F_REQUIRED, "本户成员的序号, 见上方成员表; 1 = 户主。"),
    LF("bank", "放贷银行", FT_TEXT, bank, 30, F_REQUIRED, NULL),
    LF("contract_no", "借款合同号", FT_TEXT, contract_no, 24, 0, NULL),
    LF("amount", "贷款金额(元)", FT_MONEY, amount, 12, F_REQUIRED, "扶贫小额信贷每户不超过5万元。"),
    LF("term_months", "期限(月)", FT_INT, term_months, 4, F_REQUIRED, "3年以内: 1–36 个月。"),
    LF("start", "放款日期", FT_DATE, start, 12, F_REQUIRED, NULL),
    LF("due", "到期日期", FT_DATE, due, 12, 0, "空着则按放款日期和期限算出。"),
    LF("rate", "年利率(%)", FT_HUNDREDTHS, rate, 8, 0, "基准利率, 如 4.35。"),
    LF("subsidised", "财政贴息", FT_BOOL, subsidised, 4, 0, NULL),
    LF("purpose", "贷款用途", FT_TEXT, purpose, 30, 0, NULL),
};
const size_t N_LOAN_FIELDS = sizeof LOAN_FIELDS / sizeof *LOAN_FIELDS;

#define RF(key, label, type, member, width, flags) \
    { key, label, type, T_HOUSEHOLD, offsetof(struct loan_repayment, member), \
      sizeof ((struct loan_repayment *)0)->member, width, CL_NONE, flags, NULL, NULL }
const struct field REPAY_FIELDS[] = {
    RF("date", "还款日期", FT_DATE, date, 12, F_REQUIRED),
    RF("amount", "还款金额(元)", FT_MONEY, amount, 12, F_REQUIRED),
    RF("note", "备注", FT_TEXT, note, 30, 0),
};
const size_t N_REPAY_FIELDS = sizeof REPAY_FIELDS / sizeof *REPAY_FIELDS;

#define TF(key, label, type, member, width, list, flags, help) \
    { key, label, type, T_HOUSEHOLD, offsetof(struct training, member), \
      sizeof ((struct training *)0)->member, width, list, flags, help, NULL }
/* 就业/培训 登记表: 成员, 类别, 课程或岗位, 地点, 起止日期, 收入, 备注. */
const struct field TRAINING_FIELDS[] = {
    TF("member", "成员序号", FT_INT, member, 4, CL_NONE, F_REQUIRED, "本户成员的序号, 见上方成员表; 1 = 户主。"),
    TF("kind", "类别", FT_CODE, kind, 12, CL_JOB_KIND, F_REQUIRED, NULL),
    TF("content", "培训课程/工作岗位", FT_TEXT, content, 30, CL_NONE, F_REQUIRED, NULL),
    TF("place", "地点", FT_TEXT, place, 30, CL_NONE, 0, "培训机构或地点 / 务工地点。"),
    TF("start", "开始日期", FT_DATE, start, 12, CL_NONE, F_REQUIRED, NULL),
    TF("finish", "结束日期", FT_DATE, finish, 12, CL_NONE, 0, "仍在进行则留空。"),
    TF("income", "收入(元)", FT_MONEY, income, 12, CL_NONE, 0, "务工或岗位在此期间的收入。"),
    TF("note", "备注", FT_TEXT, note, 30, CL_NONE, 0, NULL),
};
const size_t N_TRAINING_FIELDS = sizeof TRAINING_FIELDS / sizeof *TRAINING_FIELDS;

#define MF(key, label, type, member, width, list, flags, help) \
    { key, label, type, T_HOUSEHOLD, offsetof(struct relocation, member), \
      sizeof ((struct relocation *)0)->member, width, list, flags, help, NULL }
/* 易地扶贫搬迁 登记表: 迁出地, 安置点, 入住日期, 安置方式, 人数, 面积, 补助. */
const struct field RELOCATION_FIELDS[] = {
    MF("from_addr", "迁出地", FT_TEXT, from_addr, 40, CL_NONE, F_REQUIRED, "原住址: 乡镇、村、组。"),
    MF("site", "安置点", FT_TEXT, site, 40, CL_NONE, F_REQUIRED, "安置点名称或地址。"),
    MF("moved_on", "搬迁入住日期", FT_DATE, moved_on, 12, CL_NONE, F_REQUIRED, NULL),
    MF("mode", "安置方式", FT_CODE, mode, 16, CL_RELOC_MODE, F_REQUIRED, "1–4 集中安置, 5–7 分散安置; F4 选择。"),
    MF("people", "搬迁人数", FT_INT, people, 4, CL_NONE, 0, "1 至本户人数。"),
    MF("area", "住房面积(㎡)", FT_HUNDREDTHS, area, 10, CL_NONE, F_REQUIRED, "人均不超过25平方米。"),
    MF("subsidy", "建房补助(元)", FT_MONEY, subsidy, 12, CL_NONE, 0, NULL),
    MF("note", "备注", FT_TEXT, note, 30, CL_NONE, 0, NULL),
};
const size_t N_RELOCATION_FIELDS = sizeof RELOCATION_FIELDS / sizeof *RELOCATION_FIELDS;

#define SF(key, label, type, member, width, flags, help) \
    { key, label, type, T_HOUSEHOLD, offsetof(struct asset_share, member), \
      sizeof ((struct asset_share *)0)->member, width, CL_NONE, flags, help, NULL }
/* 资产收益扶贫 登记表: 项目, 入股年份, 入股/配股金额, 股数. */
const struct field SHARE_FIELDS[] = {
    SF("project", "项目名称", FT_TEXT, project, 30, F_REQUIRED, "入股的项目或合作社、光伏电站等。"),
    SF("start_year", "入股年份", FT_INT, start_year, 6, F_REQUIRED, NULL),
    SF("amount", "入股/配股金额(元)", FT_MONEY, amount, 12, 0, "财政资金折股配给本户的金额。"),
    SF("shares", "股数", FT_INT, shares, 6, 0, "须大于0。"),
    SF("note", "备注", FT_TEXT, note, 30, 0, NULL),
};
const size_t N_SHARE_FIELDS = sizeof SHARE_FIELDS / sizeof *SHARE_FIELDS;

#define DF(key, label, type, member, width, flags) \
    { key, label, type, T_HOUSEHOLD, offsetof(struct asset_dividend, member), \
      sizeof ((struct asset_dividend *)0)->member, width, CL_NONE, flags, NULL, NULL }
const struct field DIVIDEND_FIELDS[] = {
    DF("year", "分红年度", FT_INT, year, 6, F_REQUIRED),
    DF("amount", "分红金额(元)", FT_MONEY, amount, 12, F_REQUIRED),
    DF("note", "备注", FT_TEXT, note, 30, 0),
};
const size_t N_DIVIDEND_FIELDS = sizeof DIVIDEND_FIELDS / sizeof *DIVIDEND_FIELDS;
