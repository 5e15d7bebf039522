/* dividends.h — the 资产收益扶贫 register (issue 16 part 2): a household's
 * share in a project (入股/配股: the money put in or allotted, the 股数, the
 * year it began) and its 分红, one per year.  The rules are checks
 * (core/checks.h CS_DIVIDEND): 股数 > 0, amounts ≥ 0, the start year a real
 * year not after this one, one dividend per year, its year between the
 * share's start year and this year. */
#ifndef FUPIN_DIVIDENDS_H
#define FUPIN_DIVIDENDS_H
#include <stdint.h>
#include "core/household.h"
#include "core/income.h"

#define DIVIDEND_MAX_AMOUNT 100000000   /* 100万元 (fen): more is a typing slip */

/* A share as keyed on its 登记表 (forms/registers.c) and stored. */
struct asset_share {
    int64_t id;
    int64_t household_id;
    char    project[TEXT_BYTES(40)];    /* 项目名称 */
    int     start_year;                 /* 入股年份 */
    money_t amount;                     /* 入股/配股金额 (fen) */
    int     shares;                     /* 股数 */
    char    note[TEXT_BYTES(40)];
    /* loaded, not stored */
    money_t paid;                       /* 累计分红 */
    int     last_year;                  /* 最近分红年度, 0 = none */
};

/* One year's 分红. */
struct asset_dividend {
    int64_t id;
    int64_t share_id;
    int     year;                       /* 分红年度 */
    money_t amount;                     /* 分红金额 (fen) */
    char    note[TEXT_BYTES(40)];
};

/* The checks' view: a share, and a dividend about to be recorded (year 0 =
 * none) with `dup` set when the share already has one for that year. */
struct dividend_facts {
    int     start_year;
    money_t amount;
    int     shares;
    int     year;
    money_t dividend;
    int     dup;
};

#endif
