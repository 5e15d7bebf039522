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
/* The household's registers line ("小额信贷 1 笔, 余额 … (1 笔逾期)") into
 * buf, for the aid card's header; "" when it has none. */
void loans_line(int64_t household_id, char *buf, size_t bufsz);
/* The 帮扶措施登记 menu: the four registers (the ones not yet built say so). */
struct screen registers_screen(void);

#endif
