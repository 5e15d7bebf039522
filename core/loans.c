/* loans.c — 扶贫小额信贷 arithmetic (core/loans.h). */
#include "core/loans.h"
#include <stdio.h>
#include <string.h>
#include "core/clock.h"

int loan_add_months(const char *start, int months, char out[11])
{
    int y, m, d;
    if (months < 0 || !start || !date_parse(start, &y, &m, &d))
        return 0;
    int k = (y * 12 + m - 1) + months;
    y = k / 12;
    m = k % 12 + 1;
    while (d > 28 && !date_valid(y, m, d))
        d--;
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
    return 1;
}

money_t loan_subsidy(money_t amount, int rate_bp, int months)
{
    if (amount <= 0 || rate_bp <= 0 || months <= 0)
        return 0;
    /* amount (≤ 5e6) × rate (≤ 1e4) × months (≤ 1e3) fits 64 bits easily. */
    money_t num = amount * rate_bp * months, den = 10000 * 12;
    return (num + den / 2) / den;
}

money_t loan_balance(const struct loan_facts *lf)
{
    return lf->amount > lf->repaid ? lf->amount - lf->repaid : 0;
}

int loan_overdue(const struct loan_facts *lf, const char *today)
{
    int y, m, d;
    if (!date_parse(lf->due, &y, &m, &d) || !date_parse(today, &y, &m, &d))
        return 0;
    return strcmp(today, lf->due) > 0 && loan_balance(lf) > 0;
}
