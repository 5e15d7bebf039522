/* loans.h — 扶贫小额信贷 登记簿 (menu M → 1): every loan with its borrower,
 * amount, due date, repaid and balance (逾期 in the warning colour); Ins
 * keys a loan for a household from the paper 登记表 (forms/registers.c),
 * Enter corrects one, F5 records a repayment, F6 lists them, Del deletes
 * (soft, asked with Enter = 否), F9 exports the 小额信贷台账.  Every rule is
 * the store's (db/loans.h): a refusal keeps the form open on the field. */
#ifndef FUPIN_TUI_LOANS_H
#define FUPIN_TUI_LOANS_H
#include "tui/app.h"

struct screen loans_screen(void);
/* 就业/培训 登记簿 (menu M → 3): each member's course or job; Ins keys one
 * (the member by roster number), Enter corrects, Del deletes (soft), F9
 * exports the 就业培训台账. */
struct screen training_screen(void);
/* 资产收益扶贫 登记簿 (menu M → 2): each household's share in a project
 * (入股年份, 金额, 股数) and its 分红 by year: F5 records a year's, F6
 * lists them; Ins/Enter/Del/F9 as the others (tui/measures.c). */
struct screen dividends_screen(void);
/* 易地扶贫搬迁 登记簿 (menu M → 4): each household's move (迁出地, 安置点,
 * 日期, 安置方式, 人数, 面积, 建房补助); 人均面积 over 25 ㎡ is saved with a
 * warning naming the rule (tui/measures.c). */
struct screen relocation_screen(void);
/* The household's registers line ("小额信贷 1 笔, 余额 … (1 笔逾期)") into
 * buf, for the aid card's header; "" when it has none. */
void loans_line(int64_t household_id, char *buf, size_t bufsz);
/* The 帮扶措施登记 menu: the four registers (the ones not yet built say so). */
struct screen registers_screen(void);

#endif
