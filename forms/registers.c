/* registers.c — the measure registers' paper forms (forms/registers.h). */
#include "forms/registers.h"
#include "core/loans.h"

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
