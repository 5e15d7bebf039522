/* loans.h — 扶贫小额信贷 (issue 16 part 2): the register's arithmetic.
 * The policy's limits: 5万元以下, 3年以内, 免担保免抵押, 基准利率放贷,
 * 财政贴息.  The rules themselves are checks (core/checks.h, CS_LOAN) so
 * the form, `fupin check` and the ledger word a refusal alike; this module
 * holds what they compute: the due date, the balance, the 贴息. */
#ifndef FUPIN_LOANS_H
#define FUPIN_LOANS_H
#include "core/income.h"

#define LOAN_MAX_AMOUNT 5000000     /* 5万元, fen */
#define LOAN_MAX_MONTHS 36          /* 3年 */
#define LOAN_RATE_DEFAULT 435       /* 一年至五年基准利率 4.35 %, in 万分之 */

/* A loan as keyed or stored, and its repayments so far. */
struct loan_facts {
    money_t amount;                 /* 贷款金额 (fen) */
    int     term_months;            /* 期限 (月) */
    char    start[11];              /* 放款日期 */
    char    due[11];                /* 到期日期 */
    money_t repaid;                 /* 累计还款 (fen), this repayment included */
    char    first_repaid[11];       /* earliest repayment date, "" = none */
    int     rate_bp;                /* 年利率, 万分之 (435 = 4.35 %) */
};

/* start + months ("2025-01-31" + 1 → "2025-02-28": the month's last day
 * when the day does not exist); 0 when start is not a date or months < 0. */
int loan_add_months(const char *start, int months, char out[11]);
/* 应贴息额: simple interest on the amount at the yearly rate over the term,
 * amount × rate_bp / 10000 × months / 12, rounded to the fen (half up). */
money_t loan_subsidy(money_t amount, int rate_bp, int months);
/* 贷款余额: amount less repaid, never below 0. */
money_t loan_balance(const struct loan_facts *lf);
/* 1 when the due date has passed (today after it) with a balance left. */
int loan_overdue(const struct loan_facts *lf, const char *today);

#endif
