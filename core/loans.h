/* loans.h — 扶贫小额信贷 (issue 16 part 2): the register's arithmetic.
 * The policy's limits: 5万元以下, 3年以内, 免担保免抵押, 基准利率放贷,
 * 财政贴息.  The rules themselves are checks (core/checks.h, CS_LOAN) so
 * the form, `fupin check` and the ledger word a refusal alike; this module
 * holds what they compute: the due date, the balance, the 贴息. */
#ifndef FUPIN_LOANS_H
#define FUPIN_LOANS_H
#include <stdint.h>
#include "core/household.h"
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

/* A loan as keyed on the 登记表 (forms/registers.c) and stored (db/loans.h). */
struct loan {
    int64_t id;
    int64_t household_id;
    int     borrower;                   /* 借款人: the member's place on the roster, 1 = 户主 */
    char    bank[TEXT_BYTES(40)];       /* 放贷银行 */
    char    contract_no[TEXT_BYTES(30)];/* 借款合同号 */
    money_t amount;                     /* 贷款金额 (fen) */
    int     term_months;                /* 期限 (月) */
    char    start[DATE_LEN + 1];        /* 放款日期 */
    char    due[DATE_LEN + 1];          /* 到期日期; "" on save = start + term */
    int64_t rate;                       /* 年利率 % ×100 (435 = 4.35 %) */
    int     subsidised;                 /* 财政贴息 是/否 */
    char    purpose[TEXT_BYTES(50)];    /* 贷款用途 */
    /* loaded, not stored */
    int64_t member_id;
    char    borrower_name[TEXT_BYTES(NAME_CHARS)];
    money_t repaid;                     /* 累计还款 */
    char    last_repaid[DATE_LEN + 1];  /* 最近还款日期 */
};

/* One repayment (还款登记). */
struct loan_repayment {
    int64_t id;
    int64_t loan_id;
    char    date[DATE_LEN + 1];
    money_t amount;
    char    note[TEXT_BYTES(40)];
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
