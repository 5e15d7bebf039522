/* monitor.h — 防返贫监测 (issue 15 item 4), from the main menu: one list of
 * the proposals waiting for a decision (待研判), the open records (监测中)
 * and the closed ones (已消除), filtered by village (F3) and status (F4).
 * Enter decides a proposal (纳入 / 不纳入 with a reason) or opens a record's
 * form; Ins keys a new record; F8 风险消除; F6 keys a 突发事件; F9 exports
 * the 监测对象名单.  Every rule and role is db/monitor.h's. */
#ifndef FUPIN_TUI_MONITOR_H
#define FUPIN_TUI_MONITOR_H
#include "tui/app.h"

struct screen monitor_screen(void);
/* Edits the three numbers of the monitoring rules in dialogs (管理员: the
 * store refuses others): 1 when saved. */
int monitor_settings_edit(void);

#endif
